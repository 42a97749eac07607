"""A form sent again in a later file (s42 QA 2): the earlier sheet is not counted — the 台账 says “已被
X.xlsx 替换” — but it stayed in the department's marked copy looking clean (no comment, no colour) and
neither the notice nor the copy's 校验结果 said a word: the department could take it for checked and
passed. Now the copy notes it on the sheet's 项目名称 cell and in 校验结果 (rule X6, a 提示), and the
notice and the 清单 say it under “说明：” — not as a numbered point, not in 须修改/请核实.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, sample


def _review(tmp_path: Path) -> dict:
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    [dept] = json.loads(text)["departments"]
    return dept


def _paragraphs(path: str) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def test_a_sheet_a_later_file_replaced_is_noted_in_the_copy_and_the_notice(tmp_path):
    inbox = tmp_path / "inbox" / "县教育局"
    inbox.mkdir(parents=True)
    write_forms([form(3, "县教育局"), form(4, "县教育局")], inbox / "教育局.xlsx")
    write_forms([form(4, "县教育局", filled_on="2023.3.10")], inbox / "教育局（修改稿）.xlsx")
    dept = _review(tmp_path)
    old = sample(4)["project"]
    [x] = dept["superseded_forms"]
    assert x["file"].endswith("教育局.xlsx") and x["sheet"] and x["cell"] and x["why"] == "填报日期较晚"
    assert not any(it["rule"] == "X6" for it in dept["to_fix"])  # no point to change or verify

    [copy] = [a for a in dept["annotated"] if Path(a).name == "教育局-校验标注.xlsx"]
    wb = openpyxl.load_workbook(copy)
    ws = wb[x["sheet"]]
    said = ws[x["cell"]].comment.text
    # why it lost, as the notice says it (s59): the two 填报日期, not “（填报日期较晚）”
    assert ("这张表的填报日期（2023年3月1日）早于“教育局（修改稿）.xlsx”的（2023年3月10日），"
            "已被“教育局（修改稿）.xlsx”中的同一项目替换，不计入审核") in said and "〔规则 X6〕" in said, said
    assert ws[x["cell"]].value == old
    results = wb["校验结果"]
    assert "提示 1 个" in results["A1"].value
    [row] = [r for r in results.iter_rows(min_row=3, values_only=True) if r[1] == "X6"]
    assert row[0] == "提示" and row[2] == x["sheet"] and row[3] == x["cell"] and "无需修改" in row[5]

    paras = _paragraphs(dept["notice"])
    [note] = [p for p in paras if p.startswith("说明：")]
    # why it lost, in one clause (s59): its 填报日期 is the earlier
    assert note == (f"说明：“教育局.xlsx”中的“{x['sheet']}”工作表的填报日期（2023年3月1日）早于“教育局（修改稿）.xlsx”的"
                    "（2023年3月10日），已被“教育局（修改稿）.xlsx”中的同一项目替换，"
                    "不计入审核，无需修改，随附的标注工作簿已在表上注明。")
    numbered = [p for p in paras if re.match(r"\d+．", p) and "校验标注" not in p and "清单" not in p]
    assert paras.index(note) == paras.index(numbered[-1]) + 1  # after the points, not one of them
    assert not any("替换" in p for p in numbered)
    lead = next(p for p in paras if p.startswith("经审核"))
    assert f"须修改{dept['to_change']}处，请核实{dept['to_verify']}处" in lead
    listed = openpyxl.load_workbook(dept["notice_xlsx"]).active
    assert any(c.value == note for r in listed.iter_rows() for c in r)


def test_a_workbook_replaced_whole_is_said_in_the_notice(tmp_path):
    inbox = tmp_path / "inbox" / "县教育局"
    inbox.mkdir(parents=True)
    write_forms([form(n, "县教育局") for n in (1, 2)], inbox / "教育局（初稿）.xlsx")
    write_forms([form(n, "县教育局", filled_on="2023.3.10") for n in (1, 2)], inbox / "教育局（修改稿）.xlsx")
    dept = _review(tmp_path)
    assert [Path(a).name for a in dept["annotated"]] == ["教育局（修改稿）-校验标注.xlsx"]  # no copy of the first
    [note] = [p for p in _paragraphs(dept["notice"]) if p.startswith("说明：")]
    assert note == ("说明：“教育局（初稿）.xlsx”（2张表）的填报日期（2023年3月1日）早于“教育局（修改稿）.xlsx”的（2023年3月10日），"
                    "已被“教育局（修改稿）.xlsx”替换，不计入审核，无需修改。")


def test_two_workbooks_replaced_by_one_are_said_once():
    """A 初稿 and the first 报送, both replaced by the copy the department corrected: the notice said
    ““初稿”已被“标注”替换，不计入审核；“报送”已被“标注”替换，不计入审核”, the same clause twice."""
    from types import SimpleNamespace

    from jixiao.review.notices import replaced_note

    gone = [{"file": "水务局（初稿）.xlsx", "replaced_by": "水务局-校验标注.xlsx", "sheet": "甲"},
            {"file": "水务局.zip › 水务局.xlsx", "replaced_by": "水务局-校验标注.xlsx", "sheet": "甲"},
            {"file": "水务局（旧）.xlsx", "replaced_by": "水务局（另）.xlsx", "sheet": "乙"},
            {"file": "水务局.zip › 水务局.xlsx", "replaced_by": "水务局-校验标注.xlsx", "sheet": "乙"}]
    dept = SimpleNamespace(superseded_forms=gone, files=["水务局-校验标注.xlsx", "水务局（另）.xlsx"], annotated=[])
    assert replaced_note(dept) == ("“水务局（初稿）.xlsx”、“水务局.zip › 水务局.xlsx”（2张表）已被“水务局-校验标注.xlsx”替换，"
                                   "不计入审核，无需修改；“水务局（旧）.xlsx”已被“水务局（另）.xlsx”替换，不计入审核，无需修改。")
