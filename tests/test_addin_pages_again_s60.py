"""计算 and 校验 in Excel plan a form's pages again where they made its rows taller, as the CLI's copies do.

The CLI's copies grow a row to its long 扣分原因 (``apply.grow_typed_rows``) and then plan the form's page
breaks again (``apply.plan_pages_again``, stop 59). The add-in grew the same rows in Excel
(``addin.host.XlwingsHost._grow_typed``) and stopped there: a form written over pages (``fill``,
``import``, a bureau's prefilled workbook) kept the breaks planned for its rows as they were, so a page
ended inside a 一级指标 or the 评价小组 printed on a page of its own. Now the core plans the pages
(``apply.pages_again``, the same planner on the facts Excel gives) and the add-in only makes its edits.

No Excel here: a stand-in answers the COM calls from an openpyxl workbook (README, 在哪里运行过), so the
Excel path and the file path run on the same sheet and must give the same breaks and merged cells.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from types import SimpleNamespace
from xml.sax.saxutils import escape

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.pagebreak import Break

from addin.host import XlwingsHost
from dept_helpers import zizhou_json
from jixiao.cli import main as cli_main
from jixiao.excel.apply import grow_typed_rows, plan_pages_again
from jixiao.excel.plan import Plan, SetValue
from jixiao.excel.fit import POINTS_PER_WIDTH
from jixiao.excel.printout import area_bounds, row_points

XL_PAGE_BREAK_MANUAL = -4135   # XlPageBreak.xlPageBreakManual
REASON = "因项目实施过程中部分资金拨付滞后、绩效目标设定不够细化、过程监控记录不完整，年度指标仅部分完成，按评分标准扣减分值。"


class _Break:
    def __init__(self, ws, brk):
        self.ws, self.brk = ws, brk
        self.Type = XL_PAGE_BREAK_MANUAL
        self.Location = SimpleNamespace(Row=brk.id + 1)

    def Delete(self):
        self.ws.row_breaks.brk = tuple(b for b in self.ws.row_breaks.brk if b is not self.brk)


class _Breaks:
    def __init__(self, ws):
        self.ws = ws

    def __iter__(self):
        return iter([_Break(self.ws, b) for b in self.ws.row_breaks.brk])

    def Add(self, Before):
        self.ws.row_breaks.append(Break(id=Before.row - 1))


class _PageSetup:
    """Excel's PageSetup over openpyxl's: print area and titles as Excel gives them ("$A$1:$J$60")."""

    def __init__(self, ws):
        self.__dict__["ws"] = ws

    def __getattr__(self, name):
        ws = self.ws
        if name == "PrintArea":
            return ws.print_area.split("!")[-1] if ws.print_area else ""
        if name == "PrintTitleRows":
            rows = (ws.print_title_rows or "").replace("$", "").split("!")[-1]
            return "$" + rows.replace(":", ":$") if rows else ""
        if name == "FitToPagesTall":
            return 1 if ws.page_setup.fitToHeight == 1 else False
        if name == "CenterFooter":
            return ws.oddFooter.center.text or ""
        if name == "RightHeader":
            return ws.oddHeader.right.text or ""
        if name == "FirstPage":   # Excel 2010's PageSetup.FirstPage: its CenterFooter.Text
            return SimpleNamespace(CenterFooter=_FirstFooter(ws))
        if name == "Orientation":
            return 2 if ws.page_setup.orientation == ws.ORIENTATION_LANDSCAPE else 1
        if name in ("LeftMargin", "TopMargin"):   # points
            return 72 * float((ws.page_margins.left if name == "LeftMargin" else ws.page_margins.top) or 0)
        raise AttributeError(name)

    def __setattr__(self, name, value):
        ws = self.ws
        if name == "FitToPagesTall":
            ws.page_setup.fitToHeight = 1 if value == 1 and value is not False else 0
        elif name == "CenterFooter":
            ws.oddFooter.center.text = value or None
        elif name == "RightHeader":
            ws.oddHeader.right.text = value or None
        elif name == "DifferentFirstPageHeaderFooter":
            ws.HeaderFooter.differentFirst = bool(value) or None
        elif name == "FitToPagesWide":
            ws.page_setup.fitToWidth = value
        elif name == "FirstPageNumber":   # xlAutomatic (-4105): numbered on from the sheets printed before
            auto = value == -4105
            ws.page_setup.useFirstPageNumber, ws.page_setup.firstPageNumber = (None, None) if auto else (True, value)


class _FirstFooter:
    """PageSetup.FirstPage.CenterFooter: its Text the first page's centre footer."""

    def __init__(self, ws):
        self.__dict__["ws"] = ws

    def __setattr__(self, name, value):
        assert name == "Text"
        self.ws.firstFooter.center.text = value or None


class _CellApi:
    def __init__(self, ws, r1, c1, r2, c2):
        self.ws, self.box = ws, (r1, c1, r2, c2)
        self.row = r1
        cell = ws.cell(r1, c1)
        self.Locked = bool(cell.protection.locked)
        self.HasFormula = cell.data_type == "f"
        self.WrapText = bool(cell.alignment is not None and cell.alignment.wrap_text)
        self.Font = _Font(cell)
        m = self._merged()
        lo_r, hi_r, lo_c, hi_c = (m.min_row, m.max_row, m.min_col, m.max_col) if m else (r1, r1, c1, c1)
        self.MergeArea = SimpleNamespace(Rows=SimpleNamespace(Count=hi_r - lo_r + 1),
                                         Columns=SimpleNamespace(Count=hi_c - lo_c + 1), Column=lo_c,
                                         Address=m.coord if m else f"{get_column_letter(c1)}{r1}")

    @property
    def MergeCells(self):
        """As Excel answers it for the range: True inside one merged range, False with no merged cell in it,
        None (Null) for some of both."""
        _count(self.ws, "MergeCells")
        r1, c1, r2, c2 = self.box
        hits = [m for m in self.ws.merged_cells.ranges
                if m.min_row <= r2 and r1 <= m.max_row and m.min_col <= c2 and c1 <= m.max_col]
        if not hits:
            return False
        m = hits[0]
        inside = len(hits) == 1 and m.min_row <= r1 and r2 <= m.max_row and m.min_col <= c1 and c2 <= m.max_col
        return True if inside else None

    def GetValue(self, kind):
        """``Range.Value(xlRangeValueXMLSpreadsheet)`` as pywin32 calls the parameterized property (``GetAddress``
        likewise): the range in XML Spreadsheet 2003, as Excel writes it (``xml_spreadsheet``)."""
        assert kind == 11, kind
        _count(self.ws, "GetValue")
        return xml_spreadsheet(self.ws, *self.box)

    def _merged(self):
        r, c = self.box[0], self.box[1]
        return next((m for m in self.ws.merged_cells.ranges
                     if m.min_row <= r <= m.max_row and m.min_col <= c <= m.max_col), None)

    def UnMerge(self):
        self.ws.unmerge_cells(self._merged().coord)

    def Merge(self):
        r1, c1, r2, c2 = self.box
        self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


class _Font:
    """A cell's Font: its Size read and set (a text made smaller to fit a page, s68)."""

    def __init__(self, cell):
        self.cell = cell

    @property
    def Size(self):
        return self.cell.font.sz if self.cell.font is not None and self.cell.font.sz else 11.0

    @Size.setter
    def Size(self, size):
        from copy import copy

        font = copy(self.cell.font)
        font.sz = size
        self.cell.font = font


def _count(ws, name):
    """One COM call the host made, counted on the workbook (``com_calls``)."""
    ws.parent.__dict__.setdefault("com_calls", Counter())[name] += 1


def _xml_data(v):
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        kind, text = "Boolean", str(int(v))
    elif isinstance(v, (int, float)):
        kind, text = "Number", repr(v) if isinstance(v, float) else str(v)
    elif isinstance(v, (dt.datetime, dt.date)):
        kind, text = "DateTime", v.strftime("%Y-%m-%dT%H:%M:%S.000")
    else:
        kind, text = "String", str(v)
    return f'<Data ss:Type="{kind}">{escape(text)}</Data>'


def xml_spreadsheet(ws, r1, c1, r2, c2):
    """What Excel gives for ``Range.Value(11)`` of r1..r2 × c1..c2, from openpyxl: a Row for each row with a cell
    or a height of its own, a Cell for each cell with a value or a format; a merged range written once, on its
    top-left cell (``ss:MergeAcross``/``ss:MergeDown``), the cells it covers left out; ``ss:Index`` where a
    row or a cell does not follow the one before (a cell follows the columns its neighbour merges across), as
    in the XML Spreadsheet files Excel saves. Positions counted from the range's top-left cell."""
    tops = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    covered = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
               for c in range(m.min_col, m.max_col + 1)} - set(tops)
    rows, last = [], r1 - 1
    for r in range(r1, r2 + 1):
        cells, after = [], c1   # the column a cell written without ss:Index stands in
        for c in range(c1, c2 + 1):
            cell, m = ws._cells.get((r, c)), tops.get((r, c))
            if (r, c) in covered or (cell is None and m is None):
                continue
            attrs = [f'ss:Index="{c - c1 + 1}"'] if c != after else []
            if m is not None and m.max_col > m.min_col:
                attrs.append(f'ss:MergeAcross="{m.max_col - m.min_col}"')
            if m is not None and m.max_row > m.min_row:
                attrs.append(f'ss:MergeDown="{m.max_row - m.min_row}"')
            attrs.append(f'ss:StyleID="s{62 + (cell.style_id if cell is not None else 0)}"')
            data = _xml_data(cell.value if cell is not None and cell.data_type != "f" else None)
            cells.append(f"<Cell {' '.join(attrs)}" + (f">{data}</Cell>" if data else "/>"))
            after = c + 1 + (m.max_col - m.min_col if m is not None else 0)
        height = ws.row_dimensions[r].height if r in ws.row_dimensions else None
        if not cells and height is None:
            continue
        head = ([f'ss:Index="{r - r1 + 1}"'] if r != last + 1 else []) + (
            [f'ss:AutoFitHeight="0" ss:Height="{height}"'] if height is not None else [])
        rows.append(f"<Row {' '.join(head)}".rstrip() + (">" + "".join(cells) + "</Row>" if cells else "/>"))
        last = r
    return ('<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"'
            ' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
            ' xmlns:html="http://www.w3.org/TR/REC-html40"><Styles><Style ss:ID="Default" ss:Name="Normal"/></Styles>'
            f'<Worksheet ss:Name="{escape(ws.title)}"><Table ss:ExpandedColumnCount="{c2 - c1 + 1}"'
            f' ss:ExpandedRowCount="{r2 - r1 + 1}" x:FullColumns="1" x:FullRows="1">' + "".join(rows)
            + "</Table></Worksheet></Workbook>")


_XL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")
# the newer ones as pywin32 gives them (0x800A0000 + VBA's XlCVError number: xlErrSpill 2045, xlErrBlocked 2047,
# xlErrField 2049, xlErrCalc 2050), which xlwings 0.37.8 returns unchanged, err_to_str or not; #BUSY! has no number
_XL_NEWER = {"#SPILL!": -2146828288 + 2045, "#BLOCKED!": -2146828288 + 2047, "#FIELD!": -2146828288 + 2049,
             "#CALC!": -2146828288 + 2050}


class _Range:
    def __init__(self, ws, a, b=None):
        if isinstance(a, str):
            c1, r1, c2, r2 = range_boundaries(a)
        else:
            r1, c1 = a
            r2, c2 = b if b is not None else a
        self.ws, self.box = ws, (r1, c1, r2, c2)
        self.api = _CellApi(ws, r1, c1, r2, c2)

    @property
    def value(self):
        _count(self.ws, "value")
        r1, c1, r2, c2 = self.box
        shown = getattr(self.ws, "results", self.ws)   # the formulas' results, where given (``_excel``)
        return [[self._error(shown.cell(r, c).value) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def _error(self, v):
        """A cell showing an error as xlwings hands it over: None, its text only when read with ``err_to_str``
        (xlwings 0.37 ``_xlwindows._clean_value_data_element``; openpyxl gives a result's error as its text)."""
        if isinstance(v, str) and v in _XL_NEWER:
            return _XL_NEWER[v]
        return v if v not in _XL_ERRORS or self.err_to_str else None

    @value.setter
    def value(self, v):
        v = v[1:] if isinstance(v, str) and v.startswith("'") else v   # Excel's prefix character
        self.ws.cell(self.box[0], self.box[1]).value = v

    err_to_str = False

    def options(self, err_to_str=False, **_):
        read = _Range.__new__(_Range)
        read.__dict__.update(self.__dict__, err_to_str=err_to_str)
        return read

    @property
    def formula(self):   # a constant's formula is the constant, a blank's ""
        _count(self.ws, "formula")
        v = self.ws.cell(self.box[0], self.box[1]).value
        return "" if v is None else v if isinstance(v, str) else str(v)

    @property
    def height(self):   # points, a hidden row none
        return sum(row_points(self.ws, r) for r in range(self.box[0], self.box[2] + 1))

    @property
    def width(self):
        dims = self.ws.column_dimensions
        return sum(0.0 if dims[get_column_letter(c)].hidden else (dims[get_column_letter(c)].width or 8.43)
                   for c in range(self.box[1], self.box[3] + 1)) * POINTS_PER_WIDTH


class _Row:
    def __init__(self, ws, r):
        self.ws, self.r = ws, r

    @property
    def RowHeight(self):
        return self.ws.row_dimensions[self.r].height or 15.0

    @RowHeight.setter
    def RowHeight(self, h):
        self.ws.row_dimensions[self.r].height = h


class _Sheet:
    def __init__(self, ws, book):
        self.ws, self.name, self.book = ws, ws.title, book
        dims = ws.column_dimensions
        letter = get_column_letter
        self.api = SimpleNamespace(
            ProtectContents=False, PageSetup=_PageSetup(ws), HPageBreaks=_Breaks(ws),
            Columns=lambda c: SimpleNamespace(ColumnWidth=0.0 if dims[letter(c)].hidden else (dims[letter(c)].width or 8.43)),
            Rows=lambda r: _Row(ws, r),
            # the notes, as ``XlwingsHost.notes`` walks them: each its cell ("H17") and its text
            Comments=[SimpleNamespace(Parent=SimpleNamespace(GetAddress=lambda *_, ref=c.coordinate: ref),
                                      Text=lambda text=c.comment.text: text)
                      for row in ws.iter_rows() for c in row if c.comment is not None])

    @property
    def visible(self):
        _count(self.ws, "visible")
        return self.ws.sheet_state == "visible"

    @property
    def used_range(self):
        _count(self.ws, "used_range")
        return SimpleNamespace(last_cell=SimpleNamespace(row=self.ws.max_row, column=self.ws.max_column))

    def range(self, a, b=None):
        _count(self.ws, "range")
        return _Range(self.ws, a, b)


class _Sheets(dict):
    def __iter__(self):
        return iter(self.values())


def _excel(wb, results=None):
    """An xlwings book over ``wb``: its sheets, an application that takes any setting. ``results``: the same
    workbook loaded with its formulas' results (``data_only``), the values Excel gives for them."""
    for ws in wb.worksheets if results is not None else ():
        ws.results = results[ws.title]
    book = SimpleNamespace(fullname="/nowhere/book.xlsx")
    app = SimpleNamespace(calculation="automatic", screen_updating=True, enable_events=True,
                          api=SimpleNamespace(PrintCommunication=True))
    book.app = app
    book.sheets = _Sheets({ws.title: _Sheet(ws, book) for ws in wb.worksheets})
    host = XlwingsHost.__new__(XlwingsHost)
    host.book, host.path = book, book.fullname
    return host


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """The 子洲 部门整体 form written by ``fill`` (over pages, its breaks planned), nine long 扣分原因
    typed in (the rows keep their height in the file, as a 填报人's typing leaves them)."""
    tmp = tmp_path_factory.mktemp("addin-pages")
    src = tmp / "d.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", str(src), "-o", str(tmp / "d.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp / "d.xlsx")
    ws = wb.worksheets[0]
    rows = [r for r in range(12, ws.max_row) if isinstance(ws[f"H{r}"].value, (int, float))][:9]
    for r in rows:
        ws[f"J{r}"].value = REASON
    wb.save(tmp / "typed.xlsx")
    return tmp / "typed.xlsx", ws.title, rows


def _starts(ws):
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    return sorted(b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2)


def _page(ws):
    return (_starts(ws), sorted(m.coord for m in ws.merged_cells.ranges),
            {c.coordinate: c.value for row in ws.iter_rows(max_col=3) for c in row if c.value is not None},
            ws.page_setup.fitToHeight, ws.oddFooter.center.text, ws.firstFooter.center.text, ws.oddHeader.right.text,
            bool(ws.HeaderFooter.differentFirst),
            ws.page_setup.firstPageNumber if ws.page_setup.useFirstPageNumber else None)   # from 1: per sheet


def test_excel_plans_the_grown_forms_pages_as_the_file_path_does(typed):
    path, title, rows = typed
    as_written = _starts(openpyxl.load_workbook(path)[title])
    by_file = openpyxl.load_workbook(path)
    plan_pages_again(by_file, grow_typed_rows(by_file))
    in_excel = openpyxl.load_workbook(path)
    host = _excel(in_excel)
    host.apply(Plan([SetValue(title, f"J{rows[0]}", REASON)]))   # 计算/校验 write to the form: it is touched

    assert as_written and _starts(by_file[title]) != as_written     # the file path planned the pages again
    assert _page(in_excel[title]) == _page(by_file[title])          # and Excel's pages are the same: breaks, merges, labels


def test_clicking_again_keeps_the_pages_planned(typed):
    """A second 计算 on the form whose rows grew and pages were planned again: nothing grows, nothing moves
    (the merged cells split at the breaks are not split again, no break is added twice)."""
    path, title, rows = typed
    wb = openpyxl.load_workbook(path)
    host = _excel(wb)
    host.apply(Plan([SetValue(title, f"J{rows[0]}", REASON)]))
    once = _page(wb[title])
    host.apply(Plan([SetValue(title, f"J{rows[0]}", REASON)]))
    assert _page(wb[title]) == once
