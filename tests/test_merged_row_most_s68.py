"""A text merged down over indicator rows whose rows, shared out, came out taller than Excel keeps (session 68).

Excel and WPS keep no row taller than 409 points (``fit.ROW_MOST``) and print a taller one cut to it, its text cut
with it. A 偏差原因 merged over two rows of the project form that fits a page (some 950 points) but needs more than
two such rows — some 900 points at 10.5 pt — kept its two rows of 450 points each in the 定稿: printed from Excel
or WPS, the text was cut. Now every row of the merge is 409 points at most, the height spread over its rows; where
that does not hold the text, it is made smaller as one too tall for a page is (``printout.fit_merged``), and where
no size does, its first lines are printed and the whole text on the 附页 (``printout.texts_apart``).
"""

from __future__ import annotations

import openpyxl
import pytest

from jixiao.excel.fit import ROW_MOST, cell_height
from jixiao.excel.printout import SMALLEST_TEXT
from jixiao.finalize import finalize
from test_merged_page_break_s65 import REASON_COL, TEXT, _breaks, _merged_over_a_break
from test_merged_tall_s66 import _forms
from test_print_s68 import _page_room

BODY = 10.5   # the project form's 偏差原因 font


def _times(width: float, least: float, most: float) -> int:
    """The fewest times ``TEXT`` whose wrapped height at ``BODY`` in a column ``width`` wide is over ``least``; it is
    checked to be ``most`` at most."""
    n = 1
    while cell_height(TEXT * n, width, BODY) <= least:
        n += 1
    assert cell_height(TEXT * n, width, BODY) <= most
    return n


@pytest.mark.parametrize("over", ["rows", "page"])
def test_no_row_of_a_merged_text_is_taller_than_excel_keeps(tmp_path, over):
    """``rows``: a text that fits a page but not two rows of ``ROW_MOST`` (before: two rows of some 450 points);
    ``page``: one a page does not hold either (before: made smaller to fit the page, its rows still over 409).
    The 定稿 keeps the merge; each of its rows is ``ROW_MOST`` at most, together as tall as the text needs at its
    size, the size the largest that does it but no smaller than ``SMALLEST_TEXT``; no page starts inside it; it
    reads back as the working workbook."""
    (tmp_path / "probe").mkdir()
    probe, _r0, _r1 = _merged_over_a_break(tmp_path / "probe", "project", TEXT)
    ws = openpyxl.load_workbook(probe).worksheets[0]
    width = float(ws.column_dimensions[REASON_COL["project"]].width)
    plain = openpyxl.load_workbook(finalize(probe, tmp_path / "probe" / "定稿", force=True, pdf=False).workbook)
    room = _page_room(plain.worksheets[0])
    assert room > 2 * ROW_MOST + 60   # the case exists: a page holds more than two rows Excel keeps
    times = _times(width, 2 * ROW_MOST + 40, room) if over == "rows" else _times(width, room + 40, 2 * room)
    (tmp_path / "book").mkdir()
    book, r0, r1 = _merged_over_a_break(tmp_path / "book", "project", TEXT * times)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    col = REASON_COL["project"]
    assert f"{col}{r0}:{col}{r1}" in [str(m) for m in ws.merged_cells.ranges]
    cell = ws[f"{col}{r0}"]
    assert cell.value == TEXT * times
    heights = [ws.row_dimensions[r].height for r in range(r0, r1 + 1)]
    assert max(heights) <= ROW_MOST, heights
    size = float(cell.font.sz)
    assert SMALLEST_TEXT <= size < BODY, size
    assert cell_height(cell.value, width, size) <= sum(heights)
    assert cell_height(cell.value, width, size + 0.5) > len(heights) * ROW_MOST   # no larger size was left out
    breaks = _breaks(done.workbook)
    assert not [b for b in breaks if r0 < b <= r1], (breaks, r0, r1)
    assert _forms(done.workbook) == _forms(book)
