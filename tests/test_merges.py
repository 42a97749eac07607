"""The memoised merged-range formatting gives every cell the style openpyxl's own gives it."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.worksheet.merge import MergedCellRange

from conftest import SAMPLES
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel import merges


def _styles(path, fmt):
    MergedCellRange.format = fmt
    try:
        wb = openpyxl.load_workbook(path)
    finally:
        MergedCellRange.format = merges.original_format
    out = {}
    for ws in wb.worksheets:
        for (r, c), cell in ws._cells.items():
            out[ws.title, r, c] = (type(cell).__name__, repr(cell.border), repr(cell.protection))
    return out


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """A workbook of filled project forms, and the three official templates (all kinds, merged blocks)."""
    book = tmp_path_factory.mktemp("merges") / "表.xlsx"
    assert main(["fill", *map(str, SAMPLES[:8]), "-o", str(book)]) == 0
    return [book, *sorted(REPO_TEMPLATES.glob("*.xlsx"))]


def test_every_cell_gets_the_same_border_and_protection_as_openpyxl_gives_it(books):
    for path in books:
        mine, theirs = _styles(path, merges._format), _styles(path, merges.original_format)
        assert mine == theirs, path.name
        assert any(kind == "MergedCell" and "style='thin'" in border for kind, border, _p in mine.values())


def test_saved_copies_are_the_same(books, tmp_path):
    for path in books:
        saved = []
        for fmt in (merges._format, merges.original_format):
            MergedCellRange.format = fmt
            try:
                wb = openpyxl.load_workbook(path)
            finally:
                MergedCellRange.format = merges.original_format
            out = tmp_path / f"{fmt.__name__}.xlsx"
            wb.save(out)
            with __import__("zipfile").ZipFile(out) as z:
                saved.append({n: z.read(n) for n in z.namelist() if n.startswith("xl/") and n != "xl/workbook.xml"})
        assert saved[0] == saved[1], path.name
