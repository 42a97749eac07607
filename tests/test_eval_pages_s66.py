"""The 项目支出绩效评价表 over pages: a 一级指标 (二级指标) merged over rows a page starts in (session 66).

The 定稿 of a long 评价表 is planned over pages (``printout.page``), but its Paper had neither the 一级 blocks
(``fit.page_breaks``'s ``blocks``) nor the columns to split where a page starts (``printout.split_merges``), as the
other kinds have. The demo's long 评价表 (``test_continued_pages_s63._filled``) broke its page at row 13, inside
“项目过程 30 28” (A11:C14): LibreOffice printed the name and 分值 on page 2 alone, page 1's 预算管理 and 财务管理
under empty 一级 cells, half of page 1 left blank. Now a page starts at a 一级指标's first row where its block fits
(as the 部门整体 form's), and a name cut by a page is printed on each part.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.checking.run import check_paths
from jixiao.finalize import finalize
from test_continued_pages_s63 import _filled

LEVEL_COLS = range(1, 7)   # A..F: 一级指标, 分值, 得分, 二级指标, 分值, 得分


def _final(tmp_path: Path) -> tuple[Path, Path]:
    book = _filled(tmp_path, "evaluation")
    return book, finalize(book, tmp_path / "定稿", force=True, pdf=False).workbook


def test_no_page_starts_inside_a_level_cell_of_the_evaluation_form(tmp_path):
    """Each planned page of the 定稿 starts outside every 一级/二级 cell merged down (a cell cut by a page is
    split there, each part holding its name), and the 定稿 reads back as the form it came from."""
    book, final = _final(tmp_path)
    ws = openpyxl.load_workbook(final).worksheets[0]
    breaks = sorted(b.id + 1 for b in ws.row_breaks.brk)
    assert breaks
    cut = [str(m) for m in ws.merged_cells.ranges if m.min_col in LEVEL_COLS and m.min_col == m.max_col
           for b in breaks if m.min_row < b <= m.max_row]
    assert not cut, (cut, breaks)
    for b in breaks:   # a page starting under a 一级 name: the name there again, or a new 一级 starts
        assert ws.cell(b, 1).value is not None, (b, breaks)
    assert [it.form for it in check_paths([final])[0].all()] == [it.form for it in check_paths([book])[0].all()]

