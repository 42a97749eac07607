"""Session 68: rows a 填报人 inserts in the indicator table, merged into their group and taken in however many.

1. A row inserted right above 总分/总计 (or right under the indicator header, its group's names typed) is read and
   summed as its group's, but Excel, WPS and LibreOffice leave the group's merged 一级/二级 cells as they were: the
   printed form showed the new row under no name. 计算 now merges the group's cells (name, 分值, 得分) over it
   (``excel.plan.MergeRows``), moving the group's content up to the new top-left cell where the group grew upwards.
2. Two rows inserted together, one blank and one typed: the totals (and the last group) now take in both, and the
   blank one under the header gets the indicator rows' formats too (before: only the typed one).
3. The 评价表's 一级/二级 分值合计 (B22, E22) are widened with the totals for a row typed on too (before: only for a
   blank row under the header)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from test_raised_reason_hint_s64 import _col, _in_office, needs_office
from test_widened_hint_s64 import calculated

DATA = Path(__file__).resolve().parent / "data"
ABOVE_TOTAL = DATA / "clerk_s64" / "评价表-插在总计上方.xlsx"
DEPT_ABOVE_TOTAL = DATA / "clerk_s64" / "部门整体-插在总分上方.xlsx"
TOP = DATA / "top_row_s65" / "评价表-插在第一个指标上方.xlsx"
DEPT_TOP = DATA / "top_row_s65" / "部门整体-插在第一个指标上方.xlsx"
TWO_TOP = DATA / "rows_s68" / "评价表-插两行-上空下填.xlsx"          # rows 8 (blank) and 9 (typed), template from 10
TWO_BELOW = DATA / "rows_s68" / "评价表-总计上方插两行-上填下空.xlsx"   # rows 21 (typed) and 22 (blank), 总计 on 23

# (book, the group's columns, its merged rows before 计算, after)
MERGED = [(ABOVE_TOTAL, "ABCDEF", (19, 20), (19, 21)),
          (TWO_BELOW, "ABCDEF", (19, 20), (19, 22)),
          (TOP, "ABC", (9, 11), (8, 11)),
          (TWO_TOP, "ABC", (10, 12), (9, 12)),
          (DEPT_ABOVE_TOTAL, "ABCD", (29, 30), (29, 31)),
          (DEPT_TOP, "ABCD", (12, 14), (11, 14))]


def _merged(ws) -> set[str]:
    return {str(m) for m in ws.merged_cells.ranges}


def _read(book: Path):
    from jixiao.checking.run import check_paths

    batch, res = check_paths([book])
    [item] = batch.all()
    return item.form, res.findings


# --- 1. the group's merged cells over the new rows ---------------------------------------------------------------

@pytest.mark.parametrize("book,cols,before,after", MERGED, ids=[b.name for b, *_ in MERGED])
def test_calc_merges_the_groups_cells_over_the_inserted_rows(tmp_path, book, cols, before, after):
    """计算 (the button's ``calc`` on a copy): each of the group's cells merged over the inserted rows, the group's
    name (and 分值) kept in it; the form reads as before — the same 一级 分值, the same indicators — and 校验 finds
    nothing it did not find before (the X7 计算 mended, and on the 部门整体 form's top row the 投入 分值 the reader
    looked for on the row the names were typed on, gone)."""
    src = openpyxl.load_workbook(book).worksheets[0]
    (a, b), (lo, hi) = before, after
    for c in cols:
        old = f"{c}{a}:{c}{b}"
        assert old in _merged(src) and f"{c}{lo}:{c}{hi}" not in _merged(src), (book.name, old)
    out = calculated(book, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    for c in cols:
        assert f"{c}{lo}:{c}{hi}" in _merged(ws) and f"{c}{a}:{c}{b}" not in _merged(ws), (book.name, c, sorted(_merged(ws)))
        assert ws[f"{c}{lo}"].value not in (None, ""), (book.name, c)
    assert ws[f"A{lo}"].value == src[f"A{a}"].value
    form0, found0 = _read(book)
    form1, found1 = _read(out)
    # as read before, and where the group's name typed on a row above its 分值 read it blank (the 部门整体 form's
    # 投入: the reader looks on the group's first row), the 分值 moved there now
    assert {k: v for k, v in form0.level1_weights.items() if v is not None}.items() <= form1.level1_weights.items()
    assert None not in form1.level1_weights.values() and form1.level1_weights.keys() == form0.level1_weights.keys()
    assert [i.name for i in form1.indicators] == [i.name for i in form0.indicators]
    assert {(f.rule, f.cell) for f in found1} <= {(f.rule, f.cell) for f in found0}, \
        sorted({(f.rule, f.cell) for f in found1} - {(f.rule, f.cell) for f in found0})


def test_the_project_forms_label_takes_in_the_row_above_the_total(tmp_path):
    """The project form's row inserted right above 总分 (row 34): after 计算 the “绩效指标” label is merged over
    A13:A34 (before: A13:A33, the row printed beside the label's box), and the message says so."""
    from jixiao.actions import FileHost, calc

    book = DATA / "clerk_s64" / "教育局-插在总分上方.xlsx"
    assert "A13:A33" in _merged(openpyxl.load_workbook(book).worksheets[0])
    host = FileHost(str(book), str(tmp_path / "计算后.xlsx"))
    said = calc(host).message()
    host.save()
    ws = openpyxl.load_workbook(tmp_path / "计算后.xlsx").worksheets[0]
    assert "A13:A34" in _merged(ws) and "A13:A33" not in _merged(ws) and ws["A13"].value == "绩效指标"
    assert "合并格已扩到新行（A13:A34）" in said, said


def test_merged_upwards_the_groups_content_moves_to_the_new_top(tmp_path):
    """The 评价表's row typed above the first indicator row as 项目决策/绩效目标: after 计算 the 一级 分值 20 and the
    得分 formula sit in B8/C8 (the merged areas' first cells, where the reader looks for them), B9/C9 are empty, and
    the group's red “分值 ≠ Σ三级分值” format reads $B$8; the workbook's stored results and LibreOffice's
    recalculation both give 项目决策 18 and B22 100."""
    out = calculated(TOP, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert (ws["B8"].value, ws["E8"].value, ws["B9"].value, ws["C9"].value) == (20, 10, None, None)
    assert re.fullmatch(r'=IF\(COUNT\(J8:J11\)=0,"",SUM\(J8:J11\)\)', ws["C8"].value), ws["C8"].value
    rules = {str(cf.sqref): cf.rules[0].formula[0] for cf in ws.conditional_formatting}
    assert "$B$8" in rules["B8:B11"] and "$B$9" not in rules["B8:B11"], rules["B8:B11"]
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert (stored["C8"].value, stored["B22"].value, stored["E22"].value) == (18, 100, 100)


@needs_office
@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_moved_cells_as_stored(tmp_path):
    """LibreOffice on the 计算 copy of the typed top row: its results are the stored ones (C8 18, F8 9, B22 and E22
    100); a 一级 分值 typed wrong in the merged B8 colours it red."""
    out = calculated(TOP, tmp_path / "calc")
    grid, _saved = _in_office(out, {}, tmp_path / "as")
    got = {c: grid.cells[(int(c[1:]), _col(c[0]))][0] for c in ("C8", "F8", "B22", "E22")}
    assert {c: float(v) for c, v in got.items()} == {"C8": 18, "F8": 9, "B22": 100, "E22": 100}, got
    grid, _saved = _in_office(out, {"B8": 18}, tmp_path / "typed")
    assert grid.cells[(8, _col("B"))][1] not in ("", None), grid.cells[(8, _col("B"))]


# --- the appliers --------------------------------------------------------------------------------------------------

def _sheet(cells: dict[str, object], merged: list[str]):
    wb = openpyxl.Workbook()
    ws = wb.active
    for ref, v in cells.items():
        ws[ref] = v
    for m in merged:
        ws.merge_cells(m)
    return ws


@pytest.mark.parametrize("typed,merged", [(None, True), ("项目决策", True), (" 项目决策", True), ("其他", False), (5, False)])
def test_the_copys_applier_merges_only_what_it_loses_nothing_of(typed, merged):
    """``apply.merge_rows``: the new row's cell blank or the group's name → merged, the name in the first cell;
    another text or a number there → the cells left as they are."""
    from jixiao.excel.apply import merge_rows
    from jixiao.excel.plan import MergeRows

    ws = _sheet({"A9": "项目决策", "A8": typed}, ["A9:A11"])
    assert (merge_rows(ws, MergeRows("表", "A9:A11", "A8:A11")) is None) is merged
    if merged:
        assert _merged(ws) == {"A8:A11"} and ws["A8"].value.strip() == "项目决策"
    else:
        assert _merged(ws) == {"A9:A11"} and (ws["A8"].value, ws["A9"].value) == (typed, "项目决策")


def test_the_copys_applier_moves_a_number_and_leaves_another_merge_alone():
    """A 分值 moved up to the new first cell; a cell not merged (a one-row 二级) merged down; an ``old`` that is not
    the area merged on the sheet (it changed since it was read) left as it is."""
    from jixiao.excel.apply import merge_rows
    from jixiao.excel.plan import MergeRows

    ws = _sheet({"B9": 20, "D9": "绩效目标", "D10": "决策过程"}, ["B9:B11", "D10:D11"])
    assert merge_rows(ws, MergeRows("表", "B9:B11", "B8:B11")) is None
    assert (ws["B8"].value, ws["B9"].value) == (20, None) and "B8:B11" in _merged(ws)
    assert merge_rows(ws, MergeRows("表", "D9", "D8:D9")) is None and ws["D8"].value == "绩效目标" and "D8:D9" in _merged(ws)
    assert merge_rows(ws, MergeRows("表", "D10:D12", "D10:D13")) is not None and "D10:D11" in _merged(ws)


class _XlCell:
    """A stand-in for an Excel cell or range (``Range``/``Cells``) of ``_XlSheet``."""

    def __init__(self, sheet: "_XlSheet", ref: str) -> None:
        self.sheet, self.ref = sheet, ref

    def _area(self) -> str | None:
        return next((m for m in self.sheet.merged if _within(self.ref.split(":")[0], m)), None)

    @property
    def MergeCells(self):   # noqa: N802 - Excel's names
        area = self._area()
        return area is not None and (":" not in self.ref or area == self.ref)

    @property
    def MergeArea(self):   # noqa: N802
        area = self._area() or self.ref
        return SimpleNamespace(Address=lambda _r, _c: area)

    @property
    def Formula(self):   # noqa: N802
        return self.sheet.values.get(self.ref, "")

    @Formula.setter
    def Formula(self, v):   # noqa: N802
        self.sheet.values[self.ref] = v

    def UnMerge(self):   # noqa: N802
        self.sheet.merged.remove(self._area())

    def ClearContents(self):   # noqa: N802
        for ref in list(self.sheet.values):
            if _within(ref, self.ref):
                del self.sheet.values[ref]

    def Merge(self):   # noqa: N802
        self.sheet.merged.append(self.ref)


def _within(cell: str, area: str) -> bool:
    from openpyxl.utils import range_boundaries

    lo, top, hi, bottom = range_boundaries(area)
    c, r, _c, _r = range_boundaries(cell)
    return lo <= c <= hi and top <= r <= bottom


class _XlSheet:
    def __init__(self, values: dict[str, str], merged: list[str]) -> None:
        from openpyxl.utils import get_column_letter

        self.values, self.merged = dict(values), list(merged)
        self.api = SimpleNamespace(Range=lambda ref: _XlCell(self, ref),
                                   Cells=lambda r, c: _XlCell(self, f"{get_column_letter(c)}{r}"))


@pytest.mark.parametrize("typed,merged", [("", True), ("项目决策", True), ("其他", False)])
def test_the_add_in_merges_as_the_copy_does(typed, merged):
    """The add-in's ``MergeRows`` (a stand-in answers the object model; not run in Excel): the group's name cell
    merged over the row inserted above it where that row's cell is blank or the name, the 分值 moved up; left as it
    is where another text is typed there."""
    from addin.host import XlwingsHost
    from jixiao.excel.plan import MergeRows

    sh = _XlSheet({"A9": "项目决策", "A8": typed, "B9": "20"}, ["A9:A11", "B9:B11"])
    assert (XlwingsHost._merge_rows(sh, MergeRows("表", "A9:A11", "A8:A11")) is None) is merged
    assert XlwingsHost._merge_rows(sh, MergeRows("表", "B9:B11", "B8:B11")) is None
    assert (sh.values.get("B8"), sh.values.get("B9")) == ("20", None) and "B8:B11" in sh.merged
    if merged:
        assert "A8:A11" in sh.merged and "A9:A11" not in sh.merged and sh.values.get("A8") == "项目决策"
    else:
        assert "A9:A11" in sh.merged and (sh.values["A8"], sh.values["A9"]) == ("其他", "项目决策")


# --- 2. two rows inserted together -----------------------------------------------------------------------------------

def _range_of(formula: str) -> tuple[int, int]:
    [(a, b)] = set(re.findall(r"[A-Z]+(\d+):[A-Z]+(\d+)", formula))
    return int(a), int(b)


def test_two_rows_under_the_header_the_blank_one_too(tmp_path):
    """Rows 8 (blank) and 9 (typed) inserted under the header: after 计算 the 总计 sums (and the 一级/二级 分值合计)
    run from row 8, and row 8 has the indicator rows' formats (unlocked, as row 10); before, they ran from row 9
    and row 8 stayed a header row."""
    from test_top_row_formats_s66 import _looks

    out = calculated(TWO_TOP, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    for cell in ("I23", "J23", "B23", "E23"):
        assert _range_of(ws[cell].value) == (8, 22), (cell, ws[cell].value)
    for c in "GHIJK":
        assert _looks(ws, f"{c}8") == _looks(ws, f"{c}10"), c
    assert not ws["J8"].protection.locked


def test_two_rows_above_the_total_the_blank_one_too(tmp_path):
    """Rows 21 (typed) and 22 (blank) inserted above 总计: the 总计 sums and the last group's 得分 (项目效益, 项目效果)
    run to row 22 (before: to 21, the totals; a score typed on row 22 counted nowhere)."""
    out = calculated(TWO_BELOW, tmp_path)
    ws = openpyxl.load_workbook(out).worksheets[0]
    for cell in ("I23", "J23", "B23", "E23"):
        assert _range_of(ws[cell].value) == (8, 22), (cell, ws[cell].value)
    for cell in ("C19", "F19"):
        assert _range_of(ws[cell].value) == (19, 22), (cell, ws[cell].value)


@needs_office
@pytest.mark.libreoffice
@pytest.mark.parametrize("book,typed,sums", [(TWO_TOP, {"I8": 5, "J8": 4}, ("I23", "J23")),
                                             (TWO_BELOW, {"I22": 5, "J22": 4}, ("I23", "J23", "C19"))])
def test_a_score_typed_on_the_blank_row_counts_in_libreoffice(tmp_path, book, typed, sums):
    """After one 计算 the 填报人 types a 分值 and 得分 on the blank one of the two rows in LibreOffice: the 总计 (and,
    above the total row, the last group's 得分) take them in."""
    out = calculated(book, tmp_path / "calc")
    grid0, _s0 = _in_office(out, {}, tmp_path / "as")
    grid1, _s1 = _in_office(out, typed, tmp_path / "typed")

    def shown(grid, cell):
        return float(grid.cells[(int(cell[1:]), _col(cell[0]))][0])

    diff = {c: shown(grid1, c) - shown(grid0, c) for c in sums}
    assert diff == {c: (5 if c.startswith("I") else 4) for c in sums}, diff


# --- 3. B22/E22 with a row typed on ----------------------------------------------------------------------------------

@pytest.mark.parametrize("book,total", [(TOP, 22), (ABOVE_TOTAL, 22)])
def test_the_level_sums_are_widened_for_a_row_typed_on(tmp_path, book, total):
    """The 评价表's 一级/二级 分值合计 sum the rows its 总计 sums after 计算, and the message says so (before: B22/E22
    kept the template's range, a row left out)."""
    from jixiao.actions import FileHost, calc

    host = FileHost(str(book), str(tmp_path / "计算后.xlsx"))
    said = calc(host).message()
    host.save()
    ws = openpyxl.load_workbook(tmp_path / "计算后.xlsx").worksheets[0]
    want = _range_of(ws[f"I{total}"].value)
    assert _range_of(ws[f"B{total}"].value) == want and _range_of(ws[f"E{total}"].value) == want
    assert f"B{total}、E{total} 改为合计第 {want[0]}–{want[1]} 行" in said, said
    rules = {str(cf.sqref): cf.rules[0].formula[0] for cf in ws.conditional_formatting}
    assert f"$B${want[0]}:$B${want[1]}" in rules[f"B{total}"], rules[f"B{total}"]
