"""An amount a head per period (stop 54): “300元/人/月”, “300元/人·月”, “每人每月300元”, “500元/人/年”. The period was
text after 元/人 (C10 on a 实际完成值 written so), “每人每月300元” was 0.03 万元 with text, and A12 multiplied a
monthly amount by the head count as if it were the year's."""

from __future__ import annotations

import pytest

from jixiao.core.units import per_year
from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator
from test_rules import clean, hits, run


@pytest.mark.parametrize("text, thing, per", [
    ("300元/人/月", "人", "月"), ("300元/人·月", "人", "月"), ("每人每月300元", "人", "月"), ("每月每人300元", "人", "月"),
    ("人均每年500元", "人", "年"), ("500元/人/年", "人", "年"), ("每月每亩50元", "亩", "月"),
])
def test_an_amount_a_head_per_period(text, thing, per):
    v = parse_value(text)
    assert (v.unit, v.per, v.unit_text, v.extra_text) == (f"元/{thing}", per, f"元/{thing}/{per}", False)


@pytest.mark.parametrize("text, unit", [("人均3500元", "元/人"), ("每次180元", "元/次"), ("300元/月", "元/月")])
def test_an_amount_a_head_without_a_period_is_as_before(text, unit):
    v = parse_value(text)
    assert (v.unit, v.per) == (unit, None)


def test_a_years_amount_meets_a_months_standard():
    assert score_indicator("≥300元/人/月", "3600元/人/年", 10, 10, name="补助标准").score == 10
    assert score_indicator("≥300元/人/月", "250元/人/月", 10, 10, name="补助标准").score == pytest.approx(8.33)


def test_no_period_against_a_months_standard_is_said():
    d = clean()
    d["indicators"][1].update(target="≥300元/人/月", actual="300元/人")
    found = hits(run(d), "C14")
    assert len(found) == 1 and "未写期间" in found[0].message


@pytest.mark.parametrize("per, times", [(None, 1), ("年", 1), ("半年", 2), ("季度", 4), ("月", 12), ("周", None),
                                        ("天", None)])
def test_per_year(per, times):
    assert per_year(per) == times


def test_a_monthly_amount_times_heads_is_a_year_of_months():
    # 1 人 × 4300 元/人/月 × 12 = 5.16 万元 — the 5.18 万元 spent; without the months it was 0.43 万元, 92 % apart
    d = clean()
    d["indicators"][1].update(target="≥4300元/人/月", actual="4300元/人/月")
    assert hits(run(d), "A12") == []
    d["indicators"][1].update(target="≥300元/人/月", actual="300元/人/月")
    (a12,) = hits(run(d), "A12")
    assert "× 12 个月 = 0.36 万元" in a12.message


def test_a_daily_amount_leaves_the_year_unknown():
    d = clean()
    d["indicators"][1].update(target="≥50元/人/天", actual="50元/人/天")
    assert hits(run(d), "A12") == []


@pytest.mark.parametrize("said, form, part, agrees", [
    ("300元/人/月", "3600元/人/年", "actual", True), ("每人每月300元", "300元/人/月", "actual", True),
    ("250元/人/月", "3600元/人/年", "actual", False), ("1次/月", "12次/年", "actual", True),
    ("≥1次/月", "≥12次/年", "target", True), ("≤1次/月", "≥12次/年", "target", False),
    ("1次/周", "4次/月", "actual", None),
])
def test_a_report_quotes_the_amount_in_another_period(said, form, part, agrees):
    # R6 compared the numbers alone: “300元/人/月” against the form's “3600元/人/年” was an error
    from jixiao.checking.rules.report import _indicator_agrees
    from jixiao.forms.project.model import Indicator

    row = Indicator(level1="产出指标", level2="数量指标", name="补助标准", target=form if part == "target" else "≥1",
                    actual=form if part == "actual" else "1", weight=10, score=10)
    assert _indicator_agrees(parse_value(said), row, part) is agrees


def _a12(count: tuple[str, str], cost: tuple[str, str]) -> list[str]:
    d = clean()
    d["indicators"][0].update(name="培训场次", target=count[0], actual=count[1])
    d["indicators"][3].update(name="每场培训费用", level2="成本指标", target=cost[0], actual=cost[1])
    return [f.message for f in hits(run(d), "A12")]


def test_a_count_a_month_times_its_cost_is_a_year_of_months():
    # 2 场/月 × 2158 元/场 × 12 = 5.18 万元, the money spent: a count per month was left out of A12 before
    assert _a12(("≥2场/月", "2场/月"), ("≤2200元/场", "2158元/场")) == []
    (said,) = _a12(("≥2场/季度", "2场/季度"), ("≤1000元/场", "1000元/场"))
    assert "2 场/季度 × “每场培训费用”1000 元/场 × 4 个季度 = 0.8 万元" in said


def test_a_cost_a_month_of_a_count_a_month_is_not_totalled():
    assert _a12(("≥2场/月", "2场/月"), ("≤500元/场/月", "500元/场/月")) == []
