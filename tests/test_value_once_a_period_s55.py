"""A count a period written as said (stop 55): “一年两次”, “1年1次”, “一季度一次”, “半年一次”, and a direction written
before the period (“≥每年2次”). Before: “1年1次” was 1 年 with text, “一季度一次” the first quarter (a month point),
“一年两次” and “半年一次” “无法识别”, and “≥每年2次” lost its ≥ (2 次 with text)."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("text, number, per, direction", [
    ("1年1次", 1, "年", None), ("一年两次", 2, "年", None), ("一月一次", 1, "月", None), ("一个月一次", 1, "月", None),
    ("一季度一次", 1, "季度", None), ("1季度1次", 1, "季度", None), ("半年一次", 1, "半年", None),
    ("一周两次", 2, "周", None), ("≥每年2次", 2, "年", "ge"), ("不少于每季度1次", 1, "季度", "ge"),
    ("≥1年1次", 1, "年", "ge"),
])
def test_a_count_per_period(text, number, per, direction):
    v = parse_value(text)
    assert (v.kind, v.number, v.per, v.direction, v.extra_text) == ("quantity", number, per, direction, False)


@pytest.mark.parametrize("text, kind, number", [
    ("一季度完成", "month", 3), ("1年", "quantity", 1), ("半年内", "quantity", 0.5), ("1月", "month", 1),
])
def test_without_a_count_the_period_stays(text, kind, number):
    v = parse_value(text)
    assert (v.kind, v.number, v.per) == (kind, number, None)


def test_scored_per_period():
    assert score_indicator("≥1次/季度", "一年四次", 10, 10).score == 10
    assert score_indicator("≥每年2次", "1年1次", 10, 10).score == 5
    assert score_indicator("≥2次/年", "半年一次", 10, 10).score == 10
