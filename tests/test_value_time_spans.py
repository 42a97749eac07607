"""Time spans in two units: 年 and 月 compare exactly (stop 53). Through days (年 = 365, 月 = 30) “1年” against
“≤12个月” was 12.17 months, 1.39 % over the ceiling, and D4 asked for 9.86 of 10 points; “12个月” against “≥1年”
was 98.63 % of it."""

from __future__ import annotations

import pytest

from jixiao.core.units import time_factor
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("frm, to, factor", [
    ("年", "月", 12), ("月", "年", 1 / 12), ("周", "天", 7), ("天", "小时", 24), ("工作日", "天", 1.4), ("月", "天", 30),
    ("年", "天", 365), ("个", "天", None),
])
def test_time_factor(frm, to, factor):
    got = time_factor(frm, to)
    assert got == (pytest.approx(factor) if factor is not None else None)


@pytest.mark.parametrize("target, actual", [("≤12个月", "1年"), ("≥1年", "12个月"), ("≥3年", "36个月"), ("≤2周", "14天"),
                                            ("≤1年", "365天"), ("≤30分钟", "0.5小时")])
def test_the_same_span_in_another_unit_is_met(target, actual):
    s = score_indicator(target, actual, 10, 10, name="服务期限")
    assert s.computed and s.score == 10


def test_over_a_ceiling_in_another_unit_still_loses_points():
    assert score_indicator("≤12个月", "1.5年", 10, 10, name="服务期限").score == 5


@pytest.mark.parametrize("text", ["当天办结", "当日", "即时办理", "随到随办", "立即兑付"])
def test_within_the_day_is_one_day(text):
    from jixiao.core.values import parse_value

    v = parse_value(text)
    assert (v.kind, v.number, v.unit, v.direction, v.stated_bound) == ("quantity", 1, "天", "le", False)


def test_within_the_day_meets_a_time_limit():
    # “当天办结” against “≤3个工作日” was “无法识别为数值” (C5, an error); now 1 天, full marks, C10 asks for “1 天”
    s = score_indicator("≤3个工作日", "当天办结", 10, 10, name="办结时限", level2="时效指标")
    assert s.computed and s.score == 10
    assert score_indicator("当天办结", "2天", 10, 10, name="办结时限", level2="时效指标").score == 0


@pytest.mark.parametrize("text, number, unit", [("半年", 0.5, "年"), ("一年半", 1.5, "年"), ("半个月", 0.5, "月")])
def test_halves_written_out(text, number, unit):
    from jixiao.core.values import parse_value

    v = parse_value(text)
    assert (v.kind, v.number, v.unit) == ("quantity", number, unit)     # were “无法识别为数值”
    assert score_indicator("≥6个月", text, 10, 10, name="服务期限").computed


@pytest.mark.parametrize("text, number, unit, written", [("≤3天/件", 3, "天", "天/件"), ("3个工作日/件", 3, "工作日", "个工作日/件"),
                                                         ("2天/次", 2, "天", "天/次")])
def test_a_time_limit_of_each_case(text, number, unit, written):
    from jixiao.core.values import parse_value

    v = parse_value(text)      # “/件” was text after the number: C10 on a 完成值 written so
    assert (v.number, v.unit, v.unit_text, v.extra_text) == (number, unit, written, False)


def test_a_time_limit_of_each_case_is_the_time_limit():
    s = score_indicator("≤3个工作日", "5个工作日/件", 10, 10, name="办结时限")
    assert s.score == pytest.approx(3.33)
    s = score_indicator("≤3天/件", "2天", 10, 10, name="办结时限")
    assert s.score == 10 and "合" not in s.basis       # nothing to convert: “2 天（合 2 天/件）” said nothing
