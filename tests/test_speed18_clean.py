"""The whole-sheet test that lets ``clean_rows`` skip its per-cell loop (issue #18) changes nothing:
on every sheet, the rows and notes come out exactly as the loop alone makes them."""

from __future__ import annotations

import copy
import datetime as dt
import math
import random

import pytest

from jixiao.guard import sanitize
from jixiao.guard.cleancheck import may_need_cleaning

M, T = sanitize.MAX_NUMBER, sanitize.MAX_TEXT

ODD = ["a\x00b", "\x1f", "x\x7f", "\ufffe", "\uffff", "\ud800", "y\udc00z", "x" * (T + 1), "中" * (T + 5),
       math.nan, math.inf, -math.inf, M * 1.0000001, -M * 2, 1e308, 10 ** 16, -(10 ** 16), 10 ** 400,
       -(10 ** 400)]
PLAIN = ["", "", "", "项目名称", "≥95%", "a\tb\nc\r", "x" * T, "中" * 100, 0.0, -0.0, 1.5, M, -M, 10 ** 15,
         -(10 ** 15), 0, 7, True, False, None, dt.date(2023, 1, 2), dt.datetime(2023, 1, 2, 3, 4),
         dt.time(0, 0), dt.timedelta(days=2), 5e-324, 2.0 ** 49]


class S(str):
    pass


class F(float):
    pass


def _slow(rows, errors=None):
    """What the loop alone makes of ``rows`` (the fast test forced to say 'look')."""
    rows = copy.deepcopy(rows)
    orig = sanitize.may_need_cleaning
    sanitize.may_need_cleaning = lambda *a: True
    try:
        notes = sanitize.clean_rows(rows, errors)
    finally:
        sanitize.may_need_cleaning = orig
    return rows, notes


def _fast(rows, errors=None):
    rows = copy.deepcopy(rows)
    return rows, sanitize.clean_rows(rows, errors)


def _same(a, b) -> bool:
    """Equal rows, NaN equal to NaN, types equal too (1 and 1.0 and True are not the same cell)."""
    ra, na = a
    rb, nb = b
    if na != nb or len(ra) != len(rb):
        return False
    for x, y in zip(ra, rb):
        if len(x) != len(y):
            return False
        for u, v in zip(x, y):
            if type(u) is not type(v):
                return False
            if isinstance(u, float) and math.isnan(u) and math.isnan(v):
                continue
            if u != v:
                return False
    return True


def test_random_sheets_come_out_as_from_the_loop():
    rnd = random.Random(18)
    for i in range(3000):
        h, w = rnd.randint(0, 6), rnd.randint(1, 5)
        odd = rnd.random() < 0.3
        rows = [[rnd.choice(ODD if odd and rnd.random() < 0.1 else PLAIN) for _ in range(w)] for _ in range(h)]
        errors = {(rnd.randint(0, 6), rnd.randint(0, 5)): "#DIV/0!"} if rnd.random() < 0.2 else None
        slow, fast = _slow(rows, errors), _fast(rows, errors)
        assert _same(slow, fast), rows
        changed = slow[1] and errors is None
        if changed:  # the loop changed something: the fast test must have said so
            assert may_need_cleaning(rows, T, M)


@pytest.mark.parametrize("value", ODD)
def test_each_odd_value_is_seen_among_plain_ones(value):
    rows = [list(PLAIN), ["", value, "其中"], [1.0, 2.0, ""]]
    assert may_need_cleaning(rows, T, M)
    slow = _slow(rows)
    assert slow[1], "the loop notes the value"
    assert _same(slow, _fast(rows))


def test_plain_sheets_skip_the_loop():
    assert not may_need_cleaning([list(PLAIN)], T, M)
    assert not may_need_cleaning([], T, M)
    assert not may_need_cleaning([[], [""]], T, M)
    assert not may_need_cleaning([["x" * T, "y" * T]], T, M)  # long join, no long cell


def test_other_types_go_the_long_way():
    assert may_need_cleaning([[S("a")]], T, M)
    assert may_need_cleaning([[F(1.0)]], T, M)
    assert may_need_cleaning([[[1, 2]]], T, M)  # unhashable
    rows = [[F(math.nan), S("a\x01"), 3]]
    assert _same(_slow(rows), _fast(rows))
    assert len(_fast(rows)[1]) == 2


def test_nan_inf_mixed_with_big_bounded_numbers():
    for bad in (math.nan, math.inf, -math.inf):
        assert may_need_cleaning([[M, -M, bad]], T, M)
        assert may_need_cleaning([[bad, 1e-300]], T, M)
    assert may_need_cleaning([[math.inf, -math.inf]], T, M)
    assert may_need_cleaning([[1e308, 1e308]], T, M)  # the sum overflows: go the long way
    assert not may_need_cleaning([[M, M, -M, 10 ** 15]], T, M)
    assert may_need_cleaning([[10 ** 15 + 1]], T, M)
