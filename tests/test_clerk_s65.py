"""What the 填报人 of a county department met filling the committed templates by hand and clicking 计算, 校验,
汇总, 生成报告, 定稿 (session 65)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

import addin.buttons as buttons

from jixiao import actions
from jixiao.actions import FileHost

DEPT_TEMPLATE = Path(__file__).resolve().parents[1] / "xlsx_templates" / "部门整体支出绩效自评表.xlsx"
PROJECT_TEMPLATE = DEPT_TEMPLATE.with_name("项目支出绩效自评表.xlsx")


def _type_project(ws, form: dict) -> None:
    """A project form (sample JSON) typed into a sheet of the committed template, as a 填报人 types it: the
    values only, the template's formulas (执行率, 得分, 总分) left to compute."""
    from jixiao.forms.project.layout import FIRST_IND, FUND_COL_OF, FUND_ROW_OF, IND_COL_OF

    ws["A2"], ws["B3"], ws["F4"] = form["year"], form["project"], form["unit"]
    for key, row in FUND_ROW_OF.items():
        for part, col in FUND_COL_OF.items():
            if form["funds"][key][part] is not None:
                ws[f"{col}{row}"] = form["funds"][key][part]
    ws["F7"] = form["funds_weight"]
    for i, ind in enumerate(form["indicators"]):
        for f, col in IND_COL_OF.items():
            if ind[f] is not None:
                ws[f"{col}{FIRST_IND + i}"] = ind[f]


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


@pytest.mark.libreoffice
def test_the_check_button_counts_a_cell_showing_an_error_value_as_the_check_command_does(tmp_path, capsys):
    """A 实际完成值 whose formula cannot be calculated (#VALUE!, saved so by the spreadsheet program): ``jixiao check``
    (and the finance bureau's review) said “单元格是错误值 #VALUE!（公式无法计算），请改正公式或填入数值” (X2) on it, the
    “校验” button on the same file did not — its message box said one warning fewer than the review counted, and
    the 校验结果 sheet had no line telling the 填报人 the cell holds a broken formula. The notes the reading makes
    of such cells (error values, control characters, overlong text) were dropped on the buttons' path."""
    from conftest import SAMPLES, need_libreoffice
    from jixiao.cli import main
    from lo_basic import run_basic

    need_libreoffice()
    filled = tmp_path / "filled.xlsx"
    assert main(["fill", str(SAMPLES[0]), "-o", str(filled)]) == 0
    book = tmp_path / "本单位.xlsx"
    run_basic(filled, book, '  sh.unprotect("")\n  sh.getCellRangeByName("F14").setFormula("=1/""x""")\n  sh.protect("")',
              tmp_path / "lo")
    result, _ = actions.check(FileHost(str(book)))
    # one finding for the cell (s65): the 实际完成值 rule's, with X2's cause and fix inside it
    ((rule, cell, folded),) = [(f.rule, f.cell, [g.rule for g in f.folded]) for f in result.findings if "错误值" in f.message]
    assert (cell, folded) == ("F14", ["X2"]) and rule != "X2"
    message = buttons.check(FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    capsys.readouterr()
    assert main(["check", str(book)]) == 1
    said = re.search(r"（错误 (\d+)，警告 (\d+)，提示 (\d+)）", capsys.readouterr().out)
    assert said is not None
    assert f"错误 {said[1]} 个，警告 {said[2]} 个，提示 {said[3]} 个" in message, message


def _team_rows(ws) -> int:
    """The rows between the 评价小组 header and the 评价组组长 row of a 部门整体 sheet, found by their labels."""
    rows = {str(ws[f"A{r}"].value or "").strip(): r for r in range(1, ws.max_row + 1)}
    return rows["评价组组长（签字）"] - rows["序号"] - 1


def test_the_final_copy_keeps_the_team_rows_the_committee_signs_on_paper(tmp_path):
    """The 评价小组 names and 签字 are written by hand on the printed form: a 填报人 who left the template's seven
    rows blank (or filled three of them) got a 定稿 with one row (or three) — seven members to sign on one line."""
    for members in (0, 3):
        book, _row = _dept_typed(tmp_path, members)
        out = tmp_path / f"定稿{members}"
        buttons.finalize(FileHost(str(book)), outdir=str(out), confirm=True, email=False)
        final = next(out.glob("*.xlsx"))
        ws = next(ws for ws in openpyxl.load_workbook(final).worksheets if "部门整体" in str(ws["A1"].value))
        assert _team_rows(ws) == 7, (members, _team_rows(ws))
        result, _ = actions.check(FileHost(str(final)))
        said = [f.cell for f in result.findings if f.rule == "F21" and "意见的日期" in f.message]
        opinion = next(r for r in range(1, ws.max_row + 1) if ws[f"H{r}"].value == "日期：")
        assert said == [f"J{opinion}"]


def test_calc_names_the_sheet_of_the_one_rate_typed_as_text_in_a_book_of_several_forms(tmp_path):
    """Three project forms, each with its 执行率 in G7, and “10” typed as text in one of them: “计算” said
    “执行率 G7 中的“10”是文字，已改为数值 1000.00%……请核对后改正” without the sheet — the 填报人 had three G7s to look
    at, while the same message named the sheet of every other cell it spoke of."""
    from conftest import SAMPLES

    wb = openpyxl.load_workbook(PROJECT_TEMPLATE)   # the template, a sheet copied for each project, typed in
    sheets = [wb.worksheets[0], wb.copy_worksheet(wb.worksheets[0]), wb.copy_worksheet(wb.worksheets[0])]
    for ws, sample in zip(sheets, (SAMPLES[0], SAMPLES[9], SAMPLES[1])):
        _type_project(ws, json.loads(sample.read_text(encoding="utf-8")))
    ws = sheets[1]
    ws["G7"] = "10"   # over the template's 执行率 formula
    book = tmp_path / "本单位.xlsx"
    wb.save(book)
    message = buttons.calc(FileHost(str(book), str(tmp_path / "计算后.xlsx")))
    assert "G7 中的“10”是文字" in message
    assert f"“{ws.title}”执行率 G7 中的“10”是文字" in message, message
