"""Stop 59's gaps in ``review``, each as the 财政局 reviewer met it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _review(inbox: Path, out: Path, *extra: str) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


def _list_rows(folder: Path) -> list[list[str]]:
    ws = openpyxl.load_workbook(folder / "退回修改清单.xlsx").worksheets[0]
    return [[str(c.value or "") for c in row] for row in ws.iter_rows()]


# ---- 5. an X1 point on a cell says what the cell holds and what to write there, as check's X1 does

def test_an_unread_forms_cell_point_says_what_is_there_and_what_to_write(tmp_path):
    """``check``'s X1 on 全年预算数 “约一百万” has found “约一百万” and expected “数字（单位：万元）”; review's
    to_fix item for the same cell had both empty, and the 清单's 表中为 and 应为 columns were blank beside it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "民政局.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["D7"] = "约一百万"
    wb.save(book)
    _code, text = run_cli("check", str(book), "--json")
    checked = next(f for f in json.loads(text) if f["rule"] == "X1" and f["cell"] == "D7")
    rv = _review(inbox, tmp_path / "out")
    item = next(it for d in rv["departments"] for it in d["to_fix"] if it["rule"] == "X1" and it["cell"] == "D7")
    assert (item["found"], item["expected"]) == (checked["found"], checked["expected"]) == ("约一百万", "数字（单位：万元）")
    heads, *rows = _list_rows(tmp_path / "out" / "县民政局")[1:]
    row = next(r for r in rows if r[heads.index("单元格")] == "D7")
    assert (row[heads.index("表中为")], row[heads.index("应为")]) == ("约一百万", "数字（单位：万元）"), row


# ---- 3. a department's own 汇总表 is matched to its department by the one matcher a file's name is

def test_a_summary_table_typed_for_a_district_is_that_districts(tmp_path):
    """Two districts' 民政局 in one review, and a 汇总表 typed for “北京市海淀区民政局”: ``_check_published``
    matched its unit by ``department_key`` alone and took the first department of that key, 丰台区民政局 —
    whose forms it was then held to. The one matcher (``named_department``) takes the place too."""
    from test_review_published import _down

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "丰台区民政局")], inbox / "a.xlsx")
    write_forms([form(2, "海淀区民政局")], inbox / "b.xlsx")
    _down(inbox / "汇总表.xlsx", "北京市海淀区民政局",
          {"projects_due": 1, "projects_done": 1, "funds_due": 1, "funds_done": 1, "grades": {}})
    got = {d["department"]: d for d in _review(inbox, tmp_path / "out")["departments"]}
    assert got["海淀区民政局"]["summary_tables"] == ["汇总表.xlsx"]
    assert got["丰台区民政局"]["summary_tables"] == []


def test_the_one_matcher():
    from jixiao.review.expected import named_department

    names = {"县医疗保障局": "子洲县医疗保障局", "丰台区民政局": "丰台区民政局", "海淀区民政局": "海淀区民政局"}
    assert named_department("医保局", names) == "子洲县医疗保障局"
    assert named_department("县医疗保障局", names) == "子洲县医疗保障局"
    assert named_department("北京市海淀区民政局", names) == "海淀区民政局"
    assert named_department("县民政局", names) is None   # two fit: no guess
    assert named_department("县司法局", names) is None and named_department("", names) is None
    assert named_department("县司法局", names, ["县司法局"]) == "县司法局"
