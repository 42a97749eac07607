"""A form whose 总分 is above 100 has no grade (``grades.NO_GRADE``): the 汇总表 counts it in 项目数量
but in none of 优良中差, so its 说明 says how many there are — before, 493 projects and grades adding
up to 476 with nothing on the sheet to say why."""

from __future__ import annotations

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _book(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(10, "县水务局", total_score=105), form(1, "县水务局"), form(2, "县水务局", total_score=101.5)],
                inbox / "水务局.xlsx")
    return inbox


def _counts(ws):
    return ws["C4"].value, [ws[f"C{r}"].value for r in range(6, 10)], ws["A10"].value


def test_the_review_summary_says_which_projects_have_no_grade(tmp_path):
    inbox = _book(tmp_path)
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")["汇总表"]
    projects, grades, note = _counts(ws)
    assert projects == 3 and sum(grades) == 1
    assert "2个项目自评总分超过100分，无法评定等级，未计入绩效评价等级个数" in note


def test_summarize_says_it_too(tmp_path):
    inbox = _book(tmp_path)
    out = tmp_path / "汇总表.xlsx"
    run_cli("summarize", str(inbox), "-o", str(out))
    note = openpyxl.load_workbook(out)["汇总表"]["A10"].value
    assert "2个项目自评总分超过100分，无法评定等级，未计入绩效评价等级个数" in note


def test_no_note_when_every_project_has_a_grade(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县水务局")], inbox / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")["汇总表"]
    assert "无法评定" not in ws["A10"].value


def _by_unit_note(ws):
    return next(c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("说明"))


def test_the_by_unit_sheets_say_it_too(tmp_path):
    """Its row's 优良中差 add up to fewer than its projects as well: the 分单位汇总's 说明 says why."""
    inbox = _book(tmp_path)
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")["分单位汇总"]
    assert "2个项目自评总分超过100分，无法评定等级，未计入绩效评价等级个数" in _by_unit_note(ws)
    out = tmp_path / "汇总表.xlsx"
    run_cli("summarize", str(inbox), "-o", str(out), "--by", "实施单位")
    ws = openpyxl.load_workbook(out)["分单位汇总"]
    assert "2个项目自评总分超过100分，无法评定等级，未计入绩效评价等级个数" in _by_unit_note(ws)
