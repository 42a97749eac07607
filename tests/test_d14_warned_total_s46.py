"""D14: only a score a warning asks to change (D8, D10) changes the 总分 (reviewer QA, stop 45).

In 11 of the county inbox's 500 projects the 汇总表's 复核得分 (96.67) stood beside the 自评得分 (100)
with no finding saying so: the 总分 added up, no certain mistake changed it, so D11 was silent, and
D8's message gave one indicator's score only. D14 (D11's warning) now says on the 总分 cell what the
总分 and 等级 become with the warned scores — the 汇总表's number — and only there.
"""

from __future__ import annotations

import json

import docx

from conftest import SAMPLES
from jixiao.cli import main as cli_main


def _form(tmp_path, change) -> str:
    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    d["indicators"][-1].update(name="设备正常使用年限", target="≥3年", actual="已正常使用1年",
                               score=d["indicators"][-1]["weight"])
    change(d)
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return str(src)


def _json(capsys, argv) -> object:
    capsys.readouterr()
    cli_main(argv)
    return json.loads(capsys.readouterr().out)


def test_d14_gives_the_reviewed_total_where_only_a_warned_score_changes_it(tmp_path, capsys):
    src = _form(tmp_path, lambda d: None)       # sample 11 adds up to 100, all else right
    found = _json(capsys, ["check", src, "--json"])
    assert not [f for f in found if f["rule"] in ("D7", "D11")], found
    (d8,) = [f for f in found if f["rule"] == "D8"]
    (d14,) = [f for f in found if f["rule"] == "D14"]
    w, part = float(d8["found"]), d8["expected"]
    total = round(100 - w + part, 2)
    assert (d14["severity"], d14["field"], d14["found"]) == ("warning", "total_score", 100), d14
    assert d14["expected"] == f"{total:g}（优）", d14
    assert d14["message"] == (f"若“设备正常使用年限”的得分按该项提示改为 {part:g} 分，总分应为 {total:g} 分，等级优；"
                              "表中总分为 100 分（等级优），请核实"), d14["message"]
    # the 汇总表's 复核得分 is the number D14 gives
    (row,) = _json(capsys, ["summarize", src, "--json"])["rows"]
    assert (row["total"], round(row["reviewed_total"], 2)) == (100, total), row


def test_d14_names_a_grade_that_changes(tmp_path, capsys):
    def spent_half(d):   # 执行率 50%: 执行率得分 half its 分值, the 总分 90 as written and summed
        for row in ("total", "fiscal"):
            d["funds"][row]["executed"] = d["funds"][row]["annual"] * 0.5
        d["exec_rate"], d["exec_score"] = 0.5, d["funds_weight"] * 0.5
        d["total_score"] = 100 - d["funds_weight"] * 0.5
        assert d["total_score"] >= 90

    found = _json(capsys, ["check", _form(tmp_path, spent_half), "--json"])
    assert not [f for f in found if f["rule"] in ("D7", "D11")], found
    (d14,) = [f for f in found if f["rule"] == "D14"]
    assert "等级良；表中总分为 95 分（等级优），请核实" in d14["message"], d14["message"]
    assert d14["expected"].endswith("（良）"), d14


def test_where_a_certain_mistake_changes_the_total_d11_says_both(tmp_path, capsys):
    def certain(d):   # the first score certainly wrong (D4): D11 speaks, the warned total in its tail
        d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 3
        d["total_score"] = 97

    found = _json(capsys, ["check", _form(tmp_path, certain), "--json"])
    (d11,) = [f for f in found if f["rule"] == "D11"]
    assert not [f for f in found if f["rule"] == "D14"], found
    assert "若“设备正常使用年限”的得分也按该项提示改为" in d11["message"], d11["message"]


def test_no_d14_where_the_total_does_not_add_up(tmp_path, capsys):
    def unsummed(d):
        d["total_score"] = 95                   # D7 gives the one value to type on this cell

    found = _json(capsys, ["check", _form(tmp_path, unsummed), "--json"])
    assert [f["rule"] for f in found if f["field"] == "total_score"] == ["D7"], found


def test_the_check_report_sets_nothing_beside_d14(tmp_path, capsys):
    book, out = tmp_path / "book.xlsx", tmp_path / "rep"
    assert cli_main(["fill", _form(tmp_path, lambda d: None), "-o", str(book)]) == 0
    cli_main(["report", str(book), "-o", str(out), "--force"])
    capsys.readouterr()
    text = [p.text for p in docx.Document(str(out / "校验报告.docx")).paragraphs]
    k = text.index("三、复核得分")
    (line,) = text[k + 1:text.index("四、绩效目标设定")]
    assert line.endswith("两者不一致。") and "D11" not in line, line
    # the book's 总分 is the template's formula: D14 says what it becomes, no number to type (s65)
    assert any("D14" in t and "总分将为" in t and "总分格是公式" in t for t in text), [t for t in text if "总分" in t]


def test_the_notice_adds_no_second_value_after_d14(tmp_path, capsys):
    from jixiao.review.notices import item_text

    (d14,) = [f for f in _json(capsys, ["check", _form(tmp_path, lambda d: None), "--json"]) if f["rule"] == "D14"]
    text = item_text(1, {**d14, "kind": "finding"}, placed=True)
    assert text.startswith("1．H34 单元格：若“设备正常使用年限”的得分按该项提示改为"), text
    assert "应为“" not in text and text.count("总分应为") == 1, text
    assert text.endswith("表中总分为 100 分（等级优）。请核实，如无误可说明理由。"), text
