"""Whatever a 年度指标值 and 实际完成值 hold, an indicator's score stays within 0 and its 分值.

Until stop 53 a negative 完成值 (“-5%” of a growth rate against “≥5%”) scored below zero: 10 × −5.26 % =
−0.53 分, and D4 asked the 填报人 to write it. The random cells are the characters departments write in
these two cells, stirred (a fixed seed: the same cells each run)."""

from __future__ import annotations

import random

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator

_CHARS = list("0123456789.-–—~至到/%‰元万人次个天月年每均余多零无百分之点一二两十㎡kmg≥≤=<>（）() 事故投诉覆盖按时日前底季度周")


@pytest.mark.parametrize("target, actual", [("≥5%", "-5%"), ("3", "-8"), ("≥1000人", "-1人")])
def test_a_negative_actual_scores_nothing(target, actual):
    s = score_indicator(target, actual, 10, 7, name="增长率")
    assert s.score == 0 and "完成值为负数，得 0 分" in s.basis


def test_minus_zero_is_zero():
    assert "-0" not in score_indicator("≥3", "-0", 10, 7, name="x").basis


def test_random_cells_score_within_the_weight():
    rng = random.Random(53)
    for _ in range(3000):
        actual = "".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 9)))
        target = "".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 7)))
        parse_value(actual)                                   # never raises
        for weight, written in ((10, 7), (10, None), (15, 15)):
            s = score_indicator(target, actual, weight, written, name="x", year=2022)
            assert 0 <= s.score <= weight, (target, actual, s.basis)
