"""``cleancheck.may_need_cleaning`` without its type set where every value is a str, float or int
(issue #18, round 24): where it says "nothing to clean" the per-cell loop changes nothing, and a
value of any other type still takes the full test."""

from __future__ import annotations

import copy
import datetime as dt
import random


class _Str(str):
    pass


def test_the_clean_check_takes_the_type_test_only_where_it_can_answer_differently():
    """``may_need_cleaning`` skips the type set when every value is a str, float or int; with any
    other value (bool, a date, None, a subclass) it answers as the full test does."""
    from jixiao.guard import sanitize
    from jixiao.guard.cleancheck import may_need_cleaning

    class F(float):
        pass

    rng = random.Random(7)
    pool = ["a", "项目", "", "x\x01", 1.5, 2, -0.0, 1e16, True, None, dt.date(2023, 1, 1), F(1.25), _Str("s"),
            float("inf")]
    for _ in range(400):
        rows = [[rng.choice(pool) for _ in range(rng.randint(0, 4))] for _ in range(rng.randint(0, 3))]
        plain = copy.deepcopy(rows)
        orig = sanitize.may_need_cleaning
        sanitize.may_need_cleaning = lambda *a: True
        try:
            notes_plain = sanitize.clean_rows(plain)
        finally:
            sanitize.may_need_cleaning = orig
        if not may_need_cleaning(rows, sanitize.MAX_TEXT, sanitize.MAX_NUMBER):
            assert not notes_plain and repr(plain) == repr(rows), rows  # the loop would change nothing
        if any(type(v) not in (str, float, int, bool, type(None), dt.date) for row in rows for v in row):
            assert may_need_cleaning(rows, sanitize.MAX_TEXT, sanitize.MAX_NUMBER), rows  # a subclass: look
