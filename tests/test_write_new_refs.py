"""write_new's own reference parsing gives what XlsxWriter's does (issue #18: it replaced it)."""

from __future__ import annotations

import random

from xlsxwriter.utility import xl_cell_to_rowcol, xl_rowcol_to_cell

from jixiao.excel import write_new


def test_rc_matches_xlsxwriter():
    rng = random.Random(3)
    refs = ["A1", "Z9", "AA10", "XFD1048576", "$B$12", "B$3", "$C4"]
    refs += [xl_rowcol_to_cell(rng.randrange(0, 1_048_576), rng.randrange(0, 16384)) for _ in range(3000)]
    for ref in refs:
        assert write_new._rc(ref) == xl_cell_to_rowcol(ref.replace("$", "")), ref


def test_spread_later_ranges_win_cell_by_cell():
    got = write_new._spread({"A1:C3": "body", "B2": "title", "C3:D4": "header"})
    want: dict[tuple[int, int], str] = {}
    for r in range(3):
        for c in range(3):
            want[(r, c)] = "body"
    want[(1, 1)] = "title"
    for r in (2, 3):
        for c in (2, 3):
            want[(r, c)] = "header"
    assert got == want
    assert list(got)[:3] == [(0, 0), (0, 1), (0, 2)]  # row by row, as the cells are written
