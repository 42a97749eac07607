"""实际完成值 as departments write them beside a plain 指标值: “1000余人”, “10多个”, “5200㎡”, “10.5km”,
“百分之九十六”. Until stop 53 the first two were the unit “余”/“多” (C6 “单位不一致”, the written score kept),
the symbols were the units “m2”/“km” (NFKC makes ㎡ “m2”; the “㎡” entry of the unit table never matched),
and “百分之九十六” was “无法识别为数值”.
"""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator
from test_rules import clean, ind, run


@pytest.mark.parametrize("text, number, unit", [
    ("1000余人", 1000, "人"), ("1000多人", 1000, "人"), ("10多个", 10, "个"), ("1.3万余人", 13000, "人"),
    ("2万多元", 2, "万元"),
])
def test_about_a_number_is_that_number_with_text_around_it(text, number, unit):
    v = parse_value(text)
    assert (v.kind, v.number, v.unit, v.extra_text) == ("quantity", number, unit, True)


@pytest.mark.parametrize("text, number, unit, shown", [
    ("5200㎡", 5200, "平方米", "5200 平方米"), ("5200m²", 5200, "平方米", "5200 平方米"),
    ("10.5km", 10500, "米", "10.5 公里"), ("10.5㎞", 10500, "米", "10.5 公里"),
    ("4800kg", 4.8, "吨", "4800 千克"), ("25min", 25, "分钟", "25 分钟"), ("3km²", 3e6, "平方米", "3 平方公里"),
])
def test_unit_symbols_are_the_units_they_stand_for(text, number, unit, shown):
    v = parse_value(text)
    assert (v.number, v.unit, v.extra_text) == (number, unit, False)
    assert v.shown() == shown


@pytest.mark.parametrize("text, number, direction", [
    ("百分之九十六", 96, None), ("百分之百", 100, None), ("百分之九十五点五", 95.5, None), ("≥百分之九十", 90, "ge"),
    ("百分之95", 95, None),
])
def test_baifenzhi_is_a_per_cent(text, number, direction):
    v = parse_value(text)
    assert (v.kind, v.number, v.unit, v.direction) == ("quantity", number, "%", direction)


def test_scored_in_the_targets_unit():
    assert score_indicator("≤5吨", "5500kg", 10, 10, name="垃圾清运量").score == 9      # 5.5 吨: 10 % over
    assert score_indicator("≥10公里", "9.5km", 10, 10, name="道路硬化里程").score == 9.5
    s = score_indicator("≥95%", "百分之九十", 10, 10, name="服务对象满意度")
    assert s.computed and s.score == 9.47
    s = score_indicator("≥1000人", "900余人", 10, 10, name="培训人数")
    assert s.computed and s.score == 9 and "含说明文字" in s.basis


def _new(i, **kw):
    base = {(f.rule, f.field) for f in run(clean())}
    d = clean()
    ind(i, **kw)(d)
    return [(f.rule, f.severity) for f in run(d) if (f.rule, f.field) not in base]


def test_checked_as_one_unit():
    assert _new(0, target="≥1 人", actual="1余人") == [("C10", "warning")]    # was C6, an error
    assert _new(6, actual="百分之九十六") == []
