"""What the 填报人 of a county department met filling the committed templates by hand and clicking 计算, 校验,
汇总, 生成报告, 定稿 (session 65)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import addin.buttons as buttons

from jixiao import actions
from jixiao.actions import FileHost

DEPT_TEMPLATE = Path(__file__).resolve().parents[1] / "xlsx_templates" / "部门整体支出绩效自评表.xlsx"


def _dept_typed(tmp_path: Path, members: int = 0) -> tuple[Path, int]:
    """The committed 部门整体 template as a 填报人 types into it: name and year, ``members`` of the seven
    评价小组 rows filled, the 部门（单位）意见 date left for later. Returns the book and the row of that date."""
    wb = openpyxl.load_workbook(DEPT_TEMPLATE)
    ws = wb.worksheets[0]
    ws["A2"] = 2023
    ws["E3"] = "子洲县医疗保障局"
    keyed = {ws[f"K{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"K{r}"].value}
    first = keyed["team"] + 1
    for i in range(members):
        ws[f"C{first + i}"] = f"成员{i + 1}"
    book = tmp_path / "部门整体.xlsx"
    wb.save(book)
    return book, keyed["opinion_sign"]


def test_the_blank_opinion_date_is_named_at_its_own_cell_not_in_the_team_rows(tmp_path):
    """The template has seven 评价小组 rows; with none (or three) of them filled, 校验 and 定稿 named the
    部门（单位）意见's 日期 as J37 — the 签字 cell of the fourth member — because the cell was worked out from a
    layout of as many team rows as were filled, not from the rows of the sheet. A 填报人 typing the date where
    told signed for a team member; the date stayed blank."""
    for members in (0, 3):
        book, sign_row = _dept_typed(tmp_path, members)
        ws = openpyxl.load_workbook(book).worksheets[0]
        assert ws[f"H{sign_row}"].value == "日期："
        result, _ = actions.check(FileHost(str(book)))
        said = [f for f in result.findings if f.rule == "F21" and "意见的日期" in f.message]
        assert [f.cell for f in said] == [f"J{sign_row}"], (members, [(f.cell, f.message) for f in said])
        out = tmp_path / f"定稿{members}"
        message = buttons.finalize(FileHost(str(book)), outdir=str(out), confirm=True, email=False)
        assert f"J{sign_row}的部门（单位）意见的日期" in message or f"J{sign_row}：部门（单位）意见的日期" in message, message
