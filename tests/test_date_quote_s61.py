"""A date typed in a text cell (a 实际完成值 “2024-3-1”, which Excel and WPS turn into a date and show as
2024/3/1) is quoted as the 填报人 sees it: “2024年3月1日”, and with its time of day “2024/3/1 10:00” — not the
machine's “2024-03-01 00:00:00” / “2024-03-01 10:00:00” the readers made of it. What the parser reads of the
text is the same as before (``core.dates.cell_date_text``), so every score and rule decides as it did."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl

from conftest import SAMPLES
from jixiao.checking.run import check_paths
from jixiao.core.dates import cell_date_text, written_date
from jixiao.core.values import parse_value
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import load_form
from jixiao.reading.grid import as_text


def test_a_date_cell_reads_as_the_filler_sees_it():
    assert as_text(dt.datetime(2024, 3, 1)) == as_text(dt.date(2024, 3, 1)) == "2024年3月1日"
    assert as_text(dt.datetime(2024, 3, 1, 10, 0)) == "2024/3/1 10:00"
    assert as_text(dt.datetime(2024, 3, 19, 9, 5, 30)) == "2024/3/19 09:05:30"


def test_the_parser_reads_the_new_text_as_it_read_the_old():
    """The texts the readers gave a date cell before (grid: “2024.3.1” and ISO with the time; the
    project reader: ISO): the same value (but its raw text) and the same day, for every month and a
    day that runs into the time's digits (“3/19 09:05”)."""
    for y in (1999, 2023, 2024):
        for m in range(1, 13):
            for d in (1, 9, 19, 28):
                for t in ((0, 0, 0), (10, 0, 0), (9, 5, 0), (23, 59, 59)):
                    v = dt.datetime(y, m, d, *t)
                    midnight = t == (0, 0, 0)
                    new = cell_date_text(v)
                    for old in ((f"{y}.{m}.{d}", str(v.date())) if midnight else (v.isoformat(" "),)):
                        a, b = parse_value(old), parse_value(new)
                        assert dataclasses.replace(a, raw="") == dataclasses.replace(b, raw=""), (old, new)
                        assert written_date(old) == written_date(new), (old, new)


def test_a_date_in_an_actual_is_quoted_as_shown_and_scored_as_before(tmp_path):
    book = write_forms([load_form(SAMPLES[0])], tmp_path / "表.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["D16"], ws["E16"], ws["F16"] = "完成时间", "2023年12月", dt.datetime(2024, 3, 1)   # late: 3 months
    ws["F15"] = dt.datetime(2024, 3, 1, 10, 0)                                           # a % indicator
    wb.save(book)
    _batch, result = check_paths([book])
    on = {(f.rule, f.cell): f.message for f in result.findings}
    assert "表中为“2024/3/1 10:00”" in on[("C6", "F15")], on[("C6", "F15")]
    assert ("C10", "F15") not in on     # a date cell is no value with words around it
    assert "完成时间 2024年3月 晚于指标 2023年12月" in on[("D4", "H16")]
    assert not [m for m in on.values() if "00:00" in m or "2024-03-01" in m]
