"""A 实际完成值 written as a bare number in the other of 元 and 万元 than its 指标值: “51800” against “≤5.6 万元”.

Until stop 53 it was read in the target's unit, 51800 万元: 9,249 times over the ceiling, a D4 error asking for
0 of 20 points (and D11 a total of 79.25, grade 中), C15 asking for “51800 万元”, A10 calling it unequal to the
全年执行数 5.18 万元, and R6 calling a report's “5.18万元” unequal to the form. The test of “元 beside 万元” is
the money table's own (``core.numbers.yuan_in_wan``).
"""

from __future__ import annotations

import pytest

from jixiao.core.values import bare_other_unit, parse_value, with_target_unit
from jixiao.forms.project.scoring import score_indicator
from test_rules import clean, ind, run


@pytest.mark.parametrize("target, number, read", [
    ("≤5.6万元", 51800, (5.18, "元")), ("≥100万元", 1000000, (100.0, "元")), ("≤56000元", 5.18, (5.18, "万元")),
    ("≤5.6万元", 5.18, None), ("≤56000元", 51800, None), ("≤5.6万元", 560, None),     # 100 times: no 元
    ("≥5元/人", 50000, None), ("≥95%", 9500, None), ("≤5.6万元", None, None),
])
def test_which_bare_numbers_are_the_other_unit(target, number, read):
    assert bare_other_unit(parse_value(target), number) == read


def test_scored_in_the_unit_it_reads_as():
    s = score_indicator("≤5.6万元", "51800", 20, 20, name="年发放工资、保险费用", level2="成本指标")
    assert s.score == 20 and "51800 元（合 5.18 万元）" in s.basis
    assert score_indicator("≤5.6万元", "60000", 20, 20, name="费用", level2="成本指标").score == 18.57
    assert score_indicator("≤56000元", "6", 20, 20, name="费用", level2="成本指标").score == 18.57


def test_a_report_quotes_it_in_that_unit():
    assert with_target_unit("51800", "≤5.6万元") == "51800元"
    assert with_target_unit("5.18", "≤5.6万元") == "5.18万元"


def _found(i, **kw):
    d = clean()
    ind(i, **kw)(d)
    return {f.rule: f for f in run(d)}


def test_checked_as_元():
    got = _found(3, actual="51800")
    assert "D4" not in got and "D11" not in got
    assert "应写作“51800 元”或“5.18 万元”" in got["C15"].message


def test_a_total_cost_in_元_equals_the_executed_funds():
    got = _found(3, name="项目总成本", actual="51800")
    assert "A10" not in got                      # 51800 元 is the 全年执行数 5.18 万元
    assert "A10" in _found(3, name="项目总成本", actual="48000")
