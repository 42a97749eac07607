"""``benchmarks/bench_readpaths.py`` compares like with like: on a workbook saved the way Excel, WPS
and LibreOffice save (text as shared strings) its ``<v>`` locator finds exactly the cells calamine
gives a value, which the README's estimate of a value-only reader rests on; text written inline
(``<is>``, as openpyxl writes it) it misses, one of the cases such a reader would have to add."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import zipfile  # noqa: E402

import bench_readpaths as B  # noqa: E402

BOOKS = sorted((ROOT / "tests" / "corpus").glob("*.xlsx"))


def test_the_locator_finds_the_cells_calamine_reads():
    assert BOOKS
    shared = []
    for book in BOOKS:
        parts = B._sheet_parts(book)
        assert parts, book.name
        located, read = B.locate_values(book, parts), B.calamine_values(book)
        with zipfile.ZipFile(book) as z:
            inline = any(b't="inlineStr"' in z.read(part) for part in parts)
        if inline:
            assert located < read, book.name
        else:
            assert located == read > 0, book.name
            shared.append(book.name)
    assert "09-wps.xlsx" in shared  # saved by WPS: shared strings


def test_it_runs_and_times_every_case(capsys):
    times = B.main([str(ROOT / "tests" / "corpus"), "--files", "2", "--repeats", "1"])
    out = capsys.readouterr().out
    assert len(times) == 6 and all(len(t) == 1 and t[0] >= 0 for t in times.values())
    assert out.count("\n| ") == 7  # the header and one row per case
