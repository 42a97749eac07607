"""Session 65: a row inserted above the FIRST indicator row (right under the indicator table's header), a 填报人
adding an indicator at the top of the table (tests/data/top_row_s65, made by LibreOffice: ``build.py``).

Every range of the template that starts on the first indicator row is moved down by such a row, not widened: the
总分/总计 sums, the first group's 一级/二级 得分 subtotals (评价表) and its red “分值 ≠ Σ三级分值” formats, the
扣分原因 hints. Session 64 widened them all for a row inserted right above 总分 (``forms.sums``); for the top row the
总分 sums were widened too, but the first group's subtotal and formats were looked for on the group's first row as
read — the inserted row, where the 填报人 typed the group's names — while the sheet keeps them one row lower, on the
merged cell that moved down: after 计算 the 评价表 still showed 项目决策 得分 14 over rows making 18 and its 分值 20 red
(rows 9–11 make 15, with the new row 20), the 部门整体 form 投入 15 red over rows making 15, and 校验 said nothing."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from jixiao.checking.run import check_paths
from test_raised_reason_hint_s64 import _col, _in_office, needs_office
from test_widened_hint_s64 import calculated

DATA = Path(__file__).resolve().parent / "data" / "top_row_s65"
PROJECT = DATA / "项目表-插在第一个指标上方.xlsx"
DEPT = DATA / "部门整体-插在第一个指标上方.xlsx"
EVAL = DATA / "评价表-插在第一个指标上方.xlsx"
_RANGE = re.compile(r"\$[A-Z]\$\d+:\$[A-Z]\$\d+")


def _formats(path: Path) -> dict[str, set[str]]:
    """Each conditional format's cells -> the absolute ranges its formulas read."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    return {str(cf.sqref): {m for r in cf.rules for m in _RANGE.findall(r.formula[0] or "")}
            for cf in ws.conditional_formatting}


def _rules(path: Path, *rules: str) -> list[tuple[str, str | None]]:
    _batch, res = check_paths([path])
    return [(f.rule, f.cell) for f in res.findings if f.rule in rules]


def test_the_project_form_names_and_mends_the_row_above_its_first_indicator(tmp_path):
    """X7 on D14 (G35/H35 sum rows 15–34); 计算 makes them sum rows 14–34 and its red “Σ分值 ≠ 100” with them."""
    _batch, res = check_paths([PROJECT])
    [x7] = [f for f in res.findings if f.rule == "X7"]
    assert x7.cell == "D14" and "G15:G34" in x7.message and "第 14–34 行" in x7.message, (x7.cell, x7.message)
    out = calculated(PROJECT, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert "G14:G34" in ws["G35"].value and "H14:H34" in ws["H35"].value
    assert _formats(out)["G35"] == {"$G$14:$G$34"}
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert (stored["G35"].value, stored["H35"].value) == (100, 99)
    assert not _rules(out, "X7", "B2", "D7", "D11")


def test_the_evaluation_forms_first_group_subtotals_take_in_the_row_above_it(tmp_path):
    """The row typed as 项目决策/绩效目标 above row 8 is read as theirs: X7 names C9 and F9 too, and 计算 makes them
    (项目决策 得分, 绩效目标 得分) sum from row 8, their 分值's red formats (B9, E9) and every 扣分原因 hint with them."""
    _batch, res = check_paths([EVAL])
    [x7] = [f for f in res.findings if f.rule == "X7"]
    assert x7.cell == "G8" and "C9、F9 的小计也没有" in x7.message, x7.message
    out = calculated(EVAL, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    # session 68: the group's cells merged up over the new row (C8:C11, F8:F9), the 得分 formulas in their first cells
    assert [ws[c].value for c in ("I22", "J22", "C8", "F8")] == [
        '=IF(COUNT(I8:I21)=0,"",SUM(I8:I21))', '=IF(COUNT(J8:J21)=0,"",SUM(J8:J21))',
        '=IF(COUNT(J8:J11)=0,"",SUM(J8:J11))', '=IF(COUNT(J8:J9)=0,"",SUM(J8:J9))']
    assert ws["C9"].value is None and ws["F9"].value is None          # nothing left under the merged cells' first
    assert ws["C12"].value == '=IF(COUNT(J12:J15)=0,"",SUM(J12:J15))'   # a group the row is not in stays
    after = _formats(out)
    # (session 67: on the new row too, read as the group's)
    assert after["B8:B11"] == {"$I$8:$I$11"} and after["E8:E9"] == {"$I$8:$I$9"}, sorted(after)
    assert after["B12:B15"] == {"$I$12:$I$15"}
    hints = {ref: rs for ref, rs in after.items() if ref.startswith("K")}
    for ref, rs in hints.items():
        assert "$I$8:$I$21" in rs and "$I$9:$I$21" not in rs, (ref, sorted(rs))
    assert {"$I$8:$I$11", "$I$8:$I$9"} <= hints["K8:K9"], sorted(hints["K8:K9"])   # the row read as the group's: its hint too (s66)
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert [stored[c].value for c in ("I22", "J22", "C8", "F8")] == [100, 94, 18, 9]
    assert not _rules(out, "X7", "V4", "V8")


def test_the_department_forms_first_group_formats_take_in_the_row_above_it(tmp_path):
    """The row typed as 投入/预算配置 above row 11 is read as theirs: 计算 makes 投入's and 预算配置's red formats
    (B12:B14, D12:D14) add up rows 11–14, and every 扣分原因 hint read the table from row 11."""
    out = calculated(DEPT, tmp_path)
    after = _formats(out)
    assert after["B11:B14"] == after["D11:D14"] == {"$H$11:$H$14"}, sorted(after)   # on the new row too (s67)
    assert after["B15:B26"] == {"$H$15:$H$26"}
    hints = {ref: rs for ref, rs in after.items() if ref.startswith("J")}
    assert len(hints) == 6, sorted(hints)
    for ref, rs in hints.items():
        assert {"$H$11:$H$31", "$E$11:$E$31", "$J$11:$J$31"} <= rs and "$H$12:$H$31" not in rs, (ref, sorted(rs))
    assert {"$H$11:$H$14", "$I$11:$I$14"} <= hints["J11:J14"], sorted(hints["J11:J14"])   # on the row too (s66)
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert (stored["H32"].value, stored["I32"].value) == (100, 95)
    assert not _rules(out, "X7", "F2", "F3", "F4", "F12")


def _red(grid, cells: list[str]) -> list[str]:
    from jixiao.excel.sheet import FILL_BY_SEVERITY

    red = f"#{FILL_BY_SEVERITY['error'].upper()}"
    out = []
    for ref in cells:
        m = re.fullmatch(r"([A-Z])(\d+)", ref)
        assert m and (int(m.group(2)), _col(m.group(1))) in grid.cells, ref
        if grid.cells[(int(m.group(2)), _col(m.group(1)))][1] == red:
            out.append(ref)
    return out


@needs_office
@pytest.mark.libreoffice
def test_after_calc_libreoffice_shows_what_the_check_finds(tmp_path):
    """Recalculated in LibreOffice after 计算: the 评价表's 项目决策 得分 18 and 绩效目标 得分 9 (as stored), its 20
    and 10 uncoloured; the 部门整体 form's 投入 15 and 预算配置 15 uncoloured; the totals as stored. Before 计算 the
    same cells were red (the sheet added up the group without the row), while 校验 found nothing wrong with them."""
    grid, _saved = _in_office(EVAL, {}, tmp_path / "eval-before")
    assert _red(grid, ["B9", "E9"]) == ["B9", "E9"]
    out = calculated(EVAL, tmp_path / "eval")
    grid, saved = _in_office(out, {}, tmp_path / "eval-after")
    again = openpyxl.load_workbook(saved, data_only=True).worksheets[0]
    # (session 68: C8, F8, B8, E8 — the group's cells merged up over the new row, their content moved up)
    assert [again[c].value for c in ("I22", "J22", "K22", "C8", "F8")] == [100, 94, "优", 18, 9]
    assert _red(grid, ["B8", "E8", "B12", "I22"]) == [] and not _rules(saved, "V2", "V3", "V4")

    grid, _saved = _in_office(DEPT, {}, tmp_path / "dept-before")
    assert _red(grid, ["B12", "D12"]) == ["B12", "D12"]
    out = calculated(DEPT, tmp_path / "dept")
    grid, saved = _in_office(out, {}, tmp_path / "dept-after")
    again = openpyxl.load_workbook(saved, data_only=True).worksheets[0]
    assert (again["H32"].value, again["I32"].value) == (100, 95)
    assert _red(grid, ["B11", "D11", "B15", "H32"]) == [] and not _rules(saved, "F2", "F3", "F4")   # merged up (s68)


@pytest.mark.parametrize("book", ["top", "above_total"])
def test_the_evaluation_forms_problems_hint_reads_the_row_calc_put_in(tmp_path, book):
    """The 存在的问题 and 有关建议 cells' red format (V10/V11's twin: points deducted over the table, nothing written)
    read the table as the 总计 did (``$I$9:$I$21``), after 计算 too: a deduction on the inserted row alone, 存在的问题
    blank, V10 asked while the sheet coloured nothing. Both a row above the first indicator and one right above 总计."""
    from test_clerk_s64 import EVAL_ABOVE_TOTAL

    src, (a, b) = (EVAL, (9, 21)) if book == "top" else (EVAL_ABOVE_TOTAL, (8, 20))
    assert {f"$I${a}:$I${b}", f"$J${a}:$J${b}"} <= _formats(src)["D23"]
    after = _formats(calculated(src, tmp_path))
    for ref in ("D23", "D24"):
        assert after[ref] == {"$I$8:$I$21", "$J$8:$J$21"}, (ref, sorted(after[ref]))


@needs_office
@pytest.mark.libreoffice
def test_a_deduction_on_the_inserted_row_alone_colours_the_blank_problems_in_libreoffice(tmp_path):
    """After 计算, every 三级指标 at full marks but the inserted row's (4 of 5), 存在的问题 cleared: V10 on D23, and
    LibreOffice colours D23 (it read the table without row 8: nothing deducted, no colour)."""
    out = calculated(EVAL, tmp_path / "calc", D23=None)
    ws = openpyxl.load_workbook(out).worksheets[0]
    full = {f"J{r}": ws[f"I{r}"].value for r in range(9, 22)}
    grid, saved = _in_office(out, full, tmp_path / "full")
    assert ("V10", "D23") in _rules(saved, "V10")
    assert grid.cells[(23, _col("D"))][1] not in ("", None), grid.cells[(23, _col("D"))]


def test_a_row_above_the_first_indicator_without_its_group_names_is_no_part_of_the_first_group(tmp_path):
    """The same row, its 一级/二级 names left blank: read as a group of its own, outside 项目决策 and 绩效目标 — as the
    sheet's merged cells show it. 计算 widens the 总计 sums over it but leaves the first group's subtotals and formats
    as they are (they sum the group as 校验 reads it: V2/V3 on B9/E9, before and after alike), where taking the row
    into them would have hidden what V2/V3 say."""
    book = DATA / "评价表-插在第一个指标上方-未写指标名.xlsx"
    _batch, res = check_paths([book])
    [x7] = [f for f in res.findings if f.rule == "X7"]
    assert x7.cell == "G8" and "小计" not in x7.message, x7.message
    assert {("V2", "B9"), ("V3", "E9")} <= set(_rules(book, "V2", "V3"))
    out = calculated(book, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [ws[c].value for c in ("I22", "C9", "F9")] == [
        '=IF(COUNT(I8:I21)=0,"",SUM(I8:I21))', '=IF(COUNT(J9:J11)=0,"",SUM(J9:J11))', '=IF(COUNT(J9:J9)=0,"",SUM(J9:J9))']
    after = _formats(out)
    assert after["B9:B11"] == {"$I$9:$I$11"} and after["E9"] == {"$I$9:$I$9"}
    assert {("V2", "B9"), ("V3", "E9")} <= set(_rules(out, "V2", "V3")) and not _rules(out, "X7", "V4", "V8")
