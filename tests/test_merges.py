"""The memoised merged-range formatting gives every cell the style openpyxl's own gives it."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.worksheet.merge import MergedCellRange

from conftest import SAMPLES
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel import merges


def _styles(path, fmt, corner=merges.original_get_borders):
    MergedCellRange.format, MergedCellRange._get_borders = fmt, corner
    try:
        wb = openpyxl.load_workbook(path)
    finally:
        MergedCellRange.format, MergedCellRange._get_borders = merges.original_format, merges.original_get_borders
    out = {}
    for ws in wb.worksheets:
        for (r, c), cell in ws._cells.items():
            out[ws.title, r, c] = (type(cell).__name__, repr(cell.border), repr(cell.protection))
    return out


def _corners(path):
    """Merged ranges whose bottom-right cell has borders of its own (as Excel and WPS save them),
    each pair of borders several times."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("角")
    top = wb.add_format({"top": 1})
    ends = [wb.add_format({"right": 2, "bottom": 6}), wb.add_format({"right": 1, "left": 5}), wb.add_format({})]
    for k in range(12):
        r = 1 + 4 * k
        ws.merge_range(r, 1, r + 2, 3, f"块{k}", top)
        ws.write_blank(r + 2, 3, None, ends[k % 3])
    wb.close()
    return path


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """A workbook of filled project forms, the three official templates (all kinds, merged blocks),
    and merged ranges with borders of their own at the corner."""
    folder = tmp_path_factory.mktemp("merges")
    book = folder / "表.xlsx"
    assert main(["fill", *map(str, SAMPLES[:8]), "-o", str(book)]) == 0
    return [book, *sorted(REPO_TEMPLATES.glob("*.xlsx")), _corners(folder / "角.xlsx")]


def test_every_cell_gets_the_same_border_and_protection_as_openpyxl_gives_it(books):
    for path in books:
        mine, theirs = _styles(path, merges._format, merges._get_borders), _styles(path, merges.original_format)
        assert mine == theirs, path.name
        assert any(kind == "MergedCell" and "style='thin'" in border for kind, border, _p in mine.values())


def test_saved_copies_are_the_same(books, tmp_path):
    for path in books:
        saved = []
        for fmt, corner in ((merges._format, merges._get_borders), (merges.original_format, merges.original_get_borders)):
            MergedCellRange.format, MergedCellRange._get_borders = fmt, corner
            try:
                wb = openpyxl.load_workbook(path)
            finally:
                MergedCellRange.format, MergedCellRange._get_borders = merges.original_format, merges.original_get_borders
            out = tmp_path / f"{fmt.__name__}.xlsx"
            wb.save(out)
            with __import__("zipfile").ZipFile(out) as z:
                saved.append({n: z.read(n) for n in z.namelist() if n.startswith("xl/") and n != "xl/workbook.xml"})
        assert saved[0] == saved[1], path.name


def test_the_corner_memo_is_used_and_changes_borders(books):
    """On the corner workbook the memo both combines (first time) and copies (again): the test above
    compares a path that really ran."""
    merges.install()
    try:
        wb = openpyxl.load_workbook(books[-1])
    finally:
        MergedCellRange.format, MergedCellRange._get_borders = merges.original_format, merges.original_get_borders
    memo = wb.__dict__["_jixiao_merge_memo"]
    corners = [k for k in memo if k[0] == "corner"]
    assert len(corners) >= 2
    ws = wb["角"]
    assert ws["B2"].border.right.style == "medium" and ws["B2"].border.bottom.style == "double"
    assert ws["B6"].border.right.style == "thin" and ws["B6"].border.top.style == "thin"
