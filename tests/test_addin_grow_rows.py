"""计算 and 校验 in Excel grow a row whose typed text does not show whole, as the CLI's copies do.

The template sets its rows' heights, so Excel never fits them itself: a long 偏差原因 typed in
Excel printed cut, while the copies written by openpyxl grew (``excel.apply.grow_typed_rows``;
stop 40 left the add-in path out). ``addin.host.XlwingsHost._grow_typed`` asks Excel's object
model for what openpyxl reads from the file. Here a stand-in answers those COM calls from an
openpyxl workbook, so the Excel path and the file path run on the same sheet and must agree row
for row (no Excel here: README, 在哪里运行过).
"""

from __future__ import annotations

from types import SimpleNamespace

import openpyxl
import pytest

from addin.host import XlwingsHost
from jixiao.excel.apply import grow_typed_rows
from jixiao.excel.workbook import write_forms
from test_addin_host import FakeBook, FakeSheet


class _Cell:
    """``Range.api`` of one cell: protection, formula, wrapping and merge area, read from openpyxl."""

    def __init__(self, ws, r: int, c: int):
        self.ws, self.r, self.c = ws, r, c
        cell = ws.cell(r, c)
        self.Locked = bool(cell.protection.locked)
        self.HasFormula = cell.data_type == "f"
        self.WrapText = bool(cell.alignment is not None and cell.alignment.wrap_text)
        self.Font = SimpleNamespace(Size=cell.font.sz if cell.font is not None and cell.font.sz else 11.0)
        box = next((m for m in ws.merged_cells.ranges if m.min_row <= r <= m.max_row and m.min_col <= c <= m.max_col),
                   None)
        lo_r, hi_r, lo_c, hi_c = (box.min_row, box.max_row, box.min_col, box.max_col) if box else (r, r, c, c)
        self.MergeArea = SimpleNamespace(Rows=SimpleNamespace(Count=hi_r - lo_r + 1),
                                         Columns=SimpleNamespace(Count=hi_c - lo_c + 1), Column=lo_c)


class _Row:
    def __init__(self, ws, r: int, log: list):
        self.ws, self.r, self.log = ws, r, log

    @property
    def RowHeight(self):   # Excel gives the height a row shows: its default where none is set
        return self.ws.row_dimensions[self.r].height or 14.25

    @RowHeight.setter
    def RowHeight(self, h):
        self.log.append((self.r, h))
        self.ws.row_dimensions[self.r].height = h


class _Sheet:
    """The xlwings sheet and its ``api`` (Columns, Rows), over an openpyxl worksheet."""

    def __init__(self, ws):
        self.ws, self.set = ws, []
        self.used_range = SimpleNamespace(last_cell=SimpleNamespace(row=ws.max_row, column=ws.max_column))
        letter = openpyxl.utils.get_column_letter
        dims = ws.column_dimensions
        self.api = SimpleNamespace(
            Columns=lambda c: SimpleNamespace(
                ColumnWidth=0.0 if dims[letter(c)].hidden else (dims[letter(c)].width or 8.43)),
            Rows=lambda r: _Row(ws, r, self.set))

    def range(self, a, b=None):
        ws = self.ws
        if b is None:
            return SimpleNamespace(api=_Cell(ws, *a))
        rows = [[ws.cell(r, c).value for c in range(a[1], b[1] + 1)] for r in range(a[0], b[0] + 1)]
        return SimpleNamespace(options=lambda **_: SimpleNamespace(value=rows))


LONG = ("本年度因疫情影响，部分培训改为线上进行，参训人次低于年初计划；下一步将提前制定培训计划，"
        "合理安排线下与线上培训的比例，并加强与各乡镇的协调，确保年度目标按期完成。") * 2


@pytest.fixture
def typed(tmp_path, sample_forms):
    """A workbook of the 23 sample forms with a long 偏差原因 typed on the first form's first indicator,
    the third form's second and the fifth form's 20th: the sheets after the first meet their labels
    again (``known``) and their inputs in other places."""
    path = write_forms(sample_forms, tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(path)
    rows = []
    for k, pick in ((0, 0), (2, 1), (4, -2)):   # -1: the 填报日期 beside the sign row
        ws = wb.worksheets[k]
        cells = [c for (c,) in ws.iter_rows(min_row=13, min_col=9, max_col=9)   # the indicators' 偏差原因
                 if isinstance(c, openpyxl.cell.cell.Cell) and not c.protection.locked]
        cells[pick].value = LONG[: 60 * (k + 1)]
        rows.append(cells[pick].row)
    wb.save(path)
    return path, wb.worksheets[0].title, rows[0]


def _heights(wb) -> dict[tuple[str, int], float | None]:
    return {(ws.title, r): d.height for ws in wb.worksheets for r, d in ws.row_dimensions.items() if d.height is not None}


def test_excel_grows_the_same_rows_to_the_same_heights_as_the_file_path(typed):
    path, title, row = typed
    by_file = openpyxl.load_workbook(path)
    before = by_file[title].row_dimensions[row].height
    grow_typed_rows(by_file)
    in_excel = openpyxl.load_workbook(path)
    sheets = {ws.title: _Sheet(ws) for ws in in_excel.worksheets}
    known: dict = {}   # shared by the sheets of one plan, as ``apply`` does
    for sh in sheets.values():
        XlwingsHost._grow_typed(sh, known)

    after = by_file[title].row_dimensions[row].height
    assert before and after and after > before * 2, (before, after)     # the typed row grew, by lines
    assert _heights(in_excel) == _heights(by_file)                      # and every row agrees with the file path
    assert [r for r, _h in sheets[title].set] == [row]                  # labels and formulas were not measured
    assert sum(len(sh.set) for sh in sheets.values()) == 3


def test_a_row_that_shows_its_text_is_left_as_it_is(typed):
    path, title, row = typed
    wb = openpyxl.load_workbook(path)
    wb[title].row_dimensions[row].height = 400.0   # taller than the text needs: never made lower
    sh = _Sheet(wb[title])
    XlwingsHost._grow_typed(sh)
    assert sh.set == [] and wb[title].row_dimensions[row].height == 400.0


def test_apply_grows_the_sheets_it_wrote_to(monkeypatch):
    grown = []
    monkeypatch.setattr(XlwingsHost, "_grow_typed", staticmethod(lambda sh, *_: grown.append(sh.name)))
    book = FakeBook(["表1", "表2"])
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    from jixiao.excel.plan import Plan, SetValue

    host.apply(Plan([SetValue("表2", "I14", "原因")]))
    assert grown == ["表2"] and isinstance(book.sheets["表2"], FakeSheet)


def test_the_small_font_of_the_department_form_is_measured_as_its_layout_plans_it(tmp_path):
    """The 部门整体 form's 评分标准, 指标解释 and 扣分原因 are 9 pt, laid out at 1.15 times their column's
    width and 12.5 pt a line. Measured at the body font, 计算 and 校验 (the file path and Excel alike)
    grew every indicator row of the template a third (68.5 → 90 pt for 在职人员控制率's 指标解释,
    which the row shows whole), and the form's planned pages overflowed: 5 printed as 7, the 评价小组
    cut in two. Now only the row of a long typed 扣分原因 grows, the same on both paths."""
    from pathlib import Path

    template = Path(__file__).resolve().parent.parent / "xlsx_templates" / "部门整体支出绩效自评表.xlsx"
    wb = openpyxl.load_workbook(template)
    ws = wb["部门整体支出绩效自评表"]
    ws["J29"] = LONG                                   # 社会效益's 扣分原因
    path = tmp_path / "部门.xlsx"
    wb.save(path)
    before = {r: ws.row_dimensions[r].height for r in range(11, 31)}

    by_file = openpyxl.load_workbook(path)
    grow_typed_rows(by_file)
    in_excel = openpyxl.load_workbook(path)
    sheets = {w.title: _Sheet(w) for w in in_excel.worksheets}
    for sh in sheets.values():
        XlwingsHost._grow_typed(sh, {})
    after = {r: by_file["部门整体支出绩效自评表"].row_dimensions[r].height for r in range(11, 31)}
    assert [r for r in after if after[r] != before[r]] == [29] and after[29] > 150, after
    assert _heights(in_excel) == _heights(by_file)
