"""计算 and 校验 in Excel fit a text too tall for a page as the CLI's copies do, session 68.

The CLI's copies plan a form's pages with its texts too tall for a page made smaller, their rows lowered to match
(``printout.fit_merged``, ``_text_pulled_up``, through ``apply.plan_pages_again``). The add-in planned the same pages
from Excel's values (``apply.pages_again``) but gave the planner no fonts and no wrapping: no text was made smaller, the
row of a 偏差原因 of 500 characters stayed taller than a page in Excel (grown to 1,294 points: Excel keeps no row
taller than 409, ``fit.ROW_MOST``) and printed cut. Now Excel tells the planner which texts wrap and their sizes
(``SheetPages.texts``), and the add-in makes the sizes and heights the plan gives (``PagesAgain.sizes``,
``PagesAgain.heights``).

No Excel here: the stand-in of ``test_addin_pages_again_s60`` answers the COM calls from an openpyxl workbook.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import openpyxl
import pytest

from test_addin_pages_again_s60 import _excel, _page
from test_continued_pages_s63 import _filled
from test_merged_page_break_s65 import REASON_COL, TEXT
from jixiao.excel.apply import grow_typed_rows, plan_pages_again
from jixiao.excel.fit import ROW_MOST
from jixiao.excel.plan import Plan, SetValue


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """A long project form written by ``fill``, a 偏差原因 of 500 characters typed into its 3rd indicator row's cell
    (the row keeps its height in the file, as a 填报人's typing leaves it)."""
    tmp = tmp_path_factory.mktemp("addin-print")
    book = _filled(tmp, "project")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    r0 = int(ws.print_title_rows.split(":")[-1].strip("$")) + 3
    ref = f"{REASON_COL['project']}{r0}"
    ws[ref].value = TEXT * 10
    wb.save(tmp / "typed.xlsx")
    return tmp / "typed.xlsx", ws.title, ref, r0


def _fitted(ws, ref: str, r0: int):
    return ws[ref].font.sz, round(ws.row_dimensions[r0].height, 2)


@contextmanager
def _heights_set(host, title: str, r0: int) -> Iterator[list[tuple[int, float]]]:
    """Every (row, height) the host sets on the stand-in's rows of sheet ``title`` inside the block."""
    heights: list[tuple[int, float]] = []
    row = type(host.book.sheets[title].api.Rows(r0))
    setter = row.RowHeight.fset

    def keep(self, h):
        heights.append((self.r, h))
        setter(self, h)

    row.RowHeight = property(row.RowHeight.fget, keep)
    try:
        yield heights
    finally:
        row.RowHeight = property(row.RowHeight.fget, setter)


def test_excel_makes_the_text_smaller_as_the_file_path_does(typed):
    path, title, ref, r0 = typed
    by_file = openpyxl.load_workbook(path)
    plan_pages_again(by_file, grow_typed_rows(by_file))
    in_excel = openpyxl.load_workbook(path)
    _excel(in_excel).apply(Plan([SetValue(title, ref, TEXT * 10)]))

    size, height = _fitted(by_file[title], ref, r0)
    assert size < 10.5 and height <= ROW_MOST, (size, height)           # the file path made it smaller
    # before: 10.5 pt in Excel, its row 1,294 points
    assert _fitted(in_excel[title], ref, r0) == (size, height)
    assert _page(in_excel[title]) == _page(by_file[title])               # and the same pages


def test_clicking_again_changes_nothing_more(typed):
    path, title, ref, r0 = typed
    wb = openpyxl.load_workbook(path)
    host = _excel(wb)
    host.apply(Plan([SetValue(title, ref, TEXT * 10)]))
    once = (_fitted(wb[title], ref, r0), _page(wb[title]))
    host.apply(Plan([SetValue(title, ref, TEXT * 10)]))
    assert (_fitted(wb[title], ref, r0), _page(wb[title])) == once


def test_excel_never_sets_a_row_taller_than_it_keeps(typed):
    """Excel refuses a row height over 409 points (“无法设置类 Range 的 RowHeight 属性”): the host grew the row of a
    long text to its whole height (1,294 points) before the page was planned."""
    path, title, ref, r0 = typed
    wb = openpyxl.load_workbook(path)
    host = _excel(wb)
    with _heights_set(host, title, r0) as heights:
        host.apply(Plan([SetValue(title, ref, TEXT * 10)]))
    assert heights and max(h for _r, h in heights) <= ROW_MOST, heights


def test_a_row_at_excels_most_read_back_a_pixel_lower_is_not_grown_again(typed):
    """Excel keeps a row's height in whole pixels: one set to 409 points reads back 408.75. A text no size fits in it
    (too long even at 6.5 pt) left at the most is not grown again on every click."""
    path, title, ref, r0 = typed
    wb = openpyxl.load_workbook(path)
    wb[title][ref].value = TEXT * 30
    wb[title].row_dimensions[r0].height = 408.75
    host = _excel(wb)
    with _heights_set(host, title, r0) as heights:
        host.apply(Plan([SetValue(title, ref, TEXT * 30)]))
    assert not [h for r, h in heights if r == r0], heights


@pytest.mark.libreoffice
def test_the_final_button_in_excel_writes_the_appendix(tmp_path, monkeypatch):
    """定稿 in Excel writes its copy with the core from the saved workbook (``actions.finalize``), as the command does:
    a text no page holds prints its first lines in the form and whole on the 附页 there too (no Excel edit: the
    workbook open in Excel keeps the whole text, the 填报人 still edits it)."""
    from conftest import need_libreoffice
    from jixiao import actions
    from jixiao.excel.office import convert
    from jixiao.excel.printout import APPENDIX
    from test_addin_merges_s63 import _open

    need_libreoffice()
    book = _filled(tmp_path, "project")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    r0 = int(ws.print_title_rows.split(":")[-1].strip("$")) + 3
    text = TEXT * 60
    ws[f"I{r0}"].value = text
    wb.save(book)
    host, opened = _open(Path(convert(book, "xlsx", tmp_path / "lo")))
    monkeypatch.setattr(host, "export_pdf", False, raising=False)
    done = actions.finalize(host, tmp_path / "out", confirm=lambda n: True)
    final = openpyxl.load_workbook(done.workbook)
    assert APPENDIX in final.sheetnames and "".join(c.value for c in final[APPENDIX]["A"][2:] if c.value) == text
    assert final.worksheets[0][f"I{r0}"].number_format.endswith(f'……（全文见{APPENDIX}1）"')
    assert host.plans == [] and opened.worksheets[0][f"I{r0}"].value == text and APPENDIX not in opened.sheetnames
