"""Session 68 (calcmsg): a text typed into one indicator row's cell (not merged) that fits a page but not the room
left on the page it began moved whole to the next page (no program breaks a row between pages), however empty it
left the page before: the 子洲 部门整体表's first indicator row with a 偏差原因 of 216 characters started page 2 and
page 1 printed more than half empty, 5 pages. A text merged over rows there was made smaller to stay
(``printout._text_pulled_up``); now one in a single row is too: 4 pages, the text whole on page 1."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import need_libreoffice

TEXT = "受疫情和雨季影响，部分工程推迟开工，验收资料归档滞后，" * 8


def _single(tmp_path: Path):
    """The long 部门整体 form whose first indicator row has ``TEXT`` in its 偏差原因 cell (one row); its 定稿."""
    from test_continued_pages_s63 import _filled
    from jixiao.finalize import finalize
    from jixiao.forms.department.layout import IND_COL_OF

    book = _filled(tmp_path, "department")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    ref = f"{IND_COL_OF['reason']}{int(ws.print_title_rows.split(':')[-1].strip('$')) + 1}"
    assert not any(ref in m for m in ws.merged_cells.ranges)
    ws[ref] = TEXT
    wb.save(tmp_path / "single.xlsx")
    return tmp_path / "single.xlsx", finalize(tmp_path / "single.xlsx", tmp_path / "定稿", force=True, pdf=False), ref


def test_a_text_in_one_row_that_would_leave_the_page_before_half_empty_is_made_smaller_to_stay(tmp_path):
    from test_merged_tall_s66 import _forms
    from jixiao.excel.fit import BLOCK_SLACK, cell_height
    from jixiao.excel.printout import PULLED_TEXT, area_bounds, page_room, row_points

    book, done, ref = _single(tmp_path)
    before = openpyxl.load_workbook(book).worksheets[0][ref].font.sz
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    cell = ws[ref]
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    breaks = sorted(b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2)
    assert cell.row not in breaks, (breaks, ref)               # before: page 2 started at the text's row
    room = page_room(ws, ws.print_area, landscape=True, margins=(ws.page_margins.left, ws.page_margins.top))
    top = max(b for b in [r1, *breaks] if b < cell.row)
    above = sum(row_points(ws, r) for r in range(top, cell.row))
    assert room - above > room * BLOCK_SLACK                   # where it began, the page was more than half empty
    assert above + row_points(ws, cell.row) <= room            # it prints there now
    assert PULLED_TEXT <= cell.font.sz < before, (cell.font.sz, before)
    assert ws.row_dimensions[cell.row].height >= cell_height(TEXT, ws.column_dimensions[cell.column_letter].width,
                                                             cell.font.sz)
    assert _forms(done.workbook) == _forms(book)


@pytest.mark.libreoffice
def test_libreoffice_prints_the_one_row_text_whole_on_page_one(tmp_path):
    need_libreoffice()
    from test_continued_pages_s63 import _pages_text

    _book, done, _ref = _single(tmp_path)
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    pages = [p for p in pages if "自评情况汇总表" not in p and "自评项目明细" not in p]
    assert TEXT[:20] in pages[0] and TEXT[-20:] in pages[0], pages[0]
