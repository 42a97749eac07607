"""An amount per period (stop 55): “300吨/日”, “5公里/年”, “2万平方米/年” are read with their period as counts are
(“12次/年”); they were the amount with text after it, so “300吨/周” against “≥300吨/日” kept full marks (300 = 300,
“请核实”) and no rule said the periods differ. “1200人·次” is 人次 (it was 人 with text)."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("text, unit, per", [
    ("300吨/日", "吨", "天"), ("5公里/年", "米", "年"), ("2万平方米/年", "平方米", "年"), ("每年5公里", "米", "年"),
    ("≥1200人·次", "人次", None), ("1200户·次", "户次", None),
    ("500人·天", "人天", None), ("500人天", "人天", None), ("≥300人日", "人天", None),   # person-days, not 人 a day
])
def test_an_amount_per_period(text, unit, per):
    v = parse_value(text)
    assert (v.unit, v.per, v.extra_text) == (unit, per, False)


def test_scored_per_period():
    s = score_indicator("≥300吨/日", "300吨/周", 10, 10)
    assert s.computed and s.score == 1.43 and "合 42.8571 吨/天" in s.basis
    assert score_indicator("≥5公里/年", "5公里", 10, 10).score == 10


def test_c14_says_the_periods_differ():
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(1, name="处理量", target="≥300吨/日", actual="9000吨/月")(d)
    (c14,) = hits(run(d), "C14")
    assert "应与指标值“≥300吨/日”按同一期间计" in c14.message and "（每月）" in c14.message
