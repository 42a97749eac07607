"""The 台账's 部门整体表 column says when the 部门整体支出绩效自评表 a department sent is of another year.

Such a form is counted (its 年度 is often left from last year's template) with an X5 warning in the
notice; the 台账 said “已报” for it as for a form of the year under review, and the reviewer scanning the
column took 县农业农村局 as done.
"""

from __future__ import annotations

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _column(ws, head: str) -> dict[str, str]:
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "序号")
    unit, col = header.index("单位"), header.index(head)
    return {r[unit]: r[col] for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)}


def test_a_whole_form_of_another_year_is_said_in_the_ledger(tmp_path):
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    whole = zizhou_json()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(7, "县农业农村局"), parse_dept_form({**whole, "department": "县农业农村局", "year": 2021})],
                inbox / "农业农村局.xlsx")
    write_forms([form(3, "县教育局"), parse_dept_form({**whole, "department": "县教育局", "year": 2022})],
                inbox / "教育局.xlsx")
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    code, _text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    assert code == 1
    wb = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")
    said = _column(wb["复核台账"], "部门整体表")
    assert said == {"县农业农村局": "已报（2021年度）", "县教育局": "已报", "县民政局": "未报"}, said
    # every department 退回修改: no sheet of that status repeats the 台账 (the column is said there once)
    assert "退回修改" not in wb.sheetnames
