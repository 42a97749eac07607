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
    assert "全年执行数大于全年预算数，复核按表中资金的执行率110%（计分时按100%）算执行率得分10分" in line, line
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
    assert "与规则 D11 改正得分后的总分100分不同，是因为复核按评分规则重算了全部得分，其中有只作警告、规则 D11 不计入的。" in line, line
