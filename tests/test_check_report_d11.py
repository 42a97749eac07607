"""The 校验报告's 复核得分 beside rule D11's corrected 总分 (filler QA, s43, item 1).

A form whose 全年执行数 exceeds its 全年预算数, with a 执行率 typed as 90% and its 执行率得分 9, and one
indicator scored 7 of a certain 10: D11 says “总分应为 99” (the 执行率得分 waits for the funds), the
复核 says 100 (the 执行率 from the funds, capped at 100%). The 校验报告 said both without a word on
why; now its 复核 line gives the reason, and says nothing where the two agree.
"""

from __future__ import annotations

import json

import docx

from conftest import SAMPLES
from jixiao.cli import main as cli_main


def _report(tmp_path, capsys, change) -> list[str]:
    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    change(d)
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book, out = tmp_path / "book.xlsx", tmp_path / "rep"
    assert cli_main(["fill", str(src), "-o", str(book)]) == 0
    cli_main(["report", str(book), "-o", str(out), "--force"])
    capsys.readouterr()
    text = [p.text for p in docx.Document(str(out / "校验报告.docx")).paragraphs]
    k = text.index("三、复核得分")
    return text[k + 1:text.index("四、绩效目标设定")] if "四、绩效目标设定" in text else text[k + 1:]


def _overspent(d):
    for row in ("total", "fiscal"):
        d["funds"][row]["executed"] = d["funds"][row]["annual"] * 1.1
    d["exec_rate"], d["exec_score"] = 0.9, d["funds_weight"] * 0.9
    d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 3
    d["total_score"] = 100 - d["funds_weight"] * 0.1 - 3


def test_the_reason_is_given_where_the_two_totals_differ(tmp_path, capsys):
    (line,) = _report(tmp_path, capsys, _overspent)
    assert "复核为100分，两者不一致；与规则 D11 改正得分后的总分99分不同" in line, line
    assert "全年执行数大于全年预算数，复核按表中资金的执行率110.00%（计分时按100%）算执行率得分10分" in line, line
    assert line.endswith("规则 D11 在资金数改正前沿用表中的9分。"), line


def test_nothing_is_added_where_they_agree(tmp_path, capsys):
    def one_wrong_score(d):
        d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 3
        d["total_score"] = 97

    (line,) = _report(tmp_path, capsys, one_wrong_score)
    assert line.endswith("复核为100分，两者不一致。") and "D11" not in line, line


def test_a_score_only_warned_of_is_the_other_reason(tmp_path, capsys):
    def warned(d):
        d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 3
        cost = next(i for i in d["indicators"] if i["target"] == "≤2元")
        cost["target"], cost["actual"] = "2元", "2.5元"      # no ≤: read as a ceiling, a warning (D10)
        d["total_score"] = 97

    (line,) = _report(tmp_path, capsys, warned)
    assert line.endswith("与规则 D11 改正得分后的总分100分不同，是因为复核按评分规则重算了全部得分，"
                         "其中“宣传印刷品成本”的得分只作警告、规则 D11 不计入。"), line


def _found(tmp_path, capsys, change) -> list[dict]:
    """``check --json`` of sample 11 with its first score 3 under its 分值 and ``change`` made."""
    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 3
    d["total_score"] = 97
    change(d)
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    cli_main(["check", str(src), "--json"])
    return json.loads(capsys.readouterr().out)


def test_d11_itself_gives_the_total_with_the_warned_scores(tmp_path, capsys):
    """The notice's D11 said “总分应为 100” and the 汇总表's 复核得分 98.75, with no word linking them
    (reviewer QA, stop 44: 20 of the county inbox's projects). D11 still asks only the certain fix,
    and now also gives the 总分 with the warned score changed too — the 复核得分."""
    def undirected(d):
        cost = next(i for i in d["indicators"] if i["target"] == "≤2元")
        cost["target"], cost["actual"] = "2元", "2.5元"

    found = _found(tmp_path, capsys, undirected)
    (d11,) = [f for f in found if f["rule"] == "D11"]
    assert d11["expected"] == "100（优）", d11
    assert d11["message"].endswith("；若“宣传印刷品成本”的得分也按该项提示改为 3.75 分，总分为 98.75 分，等级优"), d11["message"]
    warned = [f for f in found if f["field"].endswith(".score") and f["severity"] == "warning"]
    assert [f["expected"] for f in warned] == ["3.75（按 ≤ 理解）或 5（按 ≥ 理解）"], warned


def test_d11_and_a_number_read_out_of_words(tmp_path, capsys):
    """The county case: “已正常使用 1 年” against “≥3 年”, scored full by the 填报人; the 复核 reads the 1
    (D8, a warning) and D11 gives both totals."""
    def worded(d):
        d["indicators"][-1].update(name="设备正常使用年限", target="≥3年", actual="已正常使用1年",
                                   score=d["indicators"][-1]["weight"])

    found = _found(tmp_path, capsys, worded)
    (d8,) = [f for f in found if f["rule"] == "D8"]
    (d11,) = [f for f in found if f["rule"] == "D11"]
    w = float(d8["found"])
    part = round(w / 3, 2)
    assert d8["expected"] == part, d8
    assert d11["expected"] == "100（优）", d11
    assert d11["message"].endswith(f"；若“设备正常使用年限”的得分也按该项提示改为 {part:g} 分，"
                                   f"总分为 {round(100 - w + w / 3, 2):g} 分，等级优"), d11["message"]


def test_a_figure_in_yuan_is_scored_alike_by_d11_and_the_review(tmp_path, capsys):
    """全年执行数 in 元 (1000 × 全年预算数 × 0.95): D11 scored the 执行率 read in 万元 (9.5 of 10), the 复核 the
    funds as written (capped at 10), and the line explained the two; the 复核 now reads the 万元 too (s64):
    one 总分, 99.5, and nothing to explain."""
    def in_yuan(d):
        for row in ("total", "fiscal"):
            d["funds"][row]["executed"] = d["funds"][row]["annual"] * 9500
        d["exec_rate"], d["exec_score"] = None, 8
        d["total_score"] = 100 - d["funds_weight"] + 8

    (line,) = _report(tmp_path, capsys, in_yuan)
    assert line.endswith("复核为99.5分，两者不一致。") and "D11" not in line, line
