"""The reviewer's counts told right (session 67): the 复核台账's head line, the console and ``--json`` count the
departments that passed before and sent files again, and those that sent a file again unchanged, as the rows
say them; the 分单位汇总's 复核状态 says which return a notice is, as the 台账 does. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, ledger_row, run_cli


def _by_unit_status(out: Path) -> dict[str, str]:
    """The 分单位汇总's 复核状态 (column L) by department."""
    book = next(out.glob("*绩效自评情况汇总表.xlsx"))
    ws = openpyxl.load_workbook(book)["分单位汇总"]
    head = [c.value for c in ws[3]]
    col = head.index("复核状态")
    return {str(r[1]): str(r[col]) for r in ws.iter_rows(min_row=5, values_only=True)
            if r[1] and r[1] != "合计" and isinstance(r[0], int)}


def test_the_by_unit_sheet_says_which_return_as_the_ledger_does(tmp_path: Path) -> None:
    """县民政局 is returned twice (its 修改稿 still wrong): the 台账's 状态 says “第2次退回” under “退回修改”, the
    分单位汇总's 复核状态 said “退回修改” alone; 县水务局's first notice stands (no count in either)."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert _by_unit_status(out) == {"县民政局": "退回修改", "县水务局": "退回修改"}, _by_unit_status(out)
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    ledger = str(ledger_row(out, "县民政局")["状态"]).split("\n")
    assert ledger[:2] == ["退回修改", "第2次退回"], ledger
    said = _by_unit_status(out)
    assert said == {"县民政局": "退回修改\n第2次退回", "县水务局": "退回修改"}, said
    # the row is as tall as its two lines; the 说明 still counts the status once
    book = next(out.glob("*绩效自评情况汇总表.xlsx"))
    ws = openpyxl.load_workbook(book)["分单位汇总"]
    row = next(c.row for c in ws["B"] if c.value == "县民政局")
    assert ws.row_dimensions[row].height >= 2 * 14, ws.row_dimensions[row].height
    note = "".join(str(c.value or "") for c in ws["A"] if str(c.value or "").startswith("说明"))
    assert "退回修改2个" in note, note
