"""实际完成值 as departments write them beside a plain 指标值: “1000余人”, “10多个”, “5200㎡”, “10.5km”,
“百分之九十六”. Until stop 53 the first two were the unit “余”/“多” (C6 “单位不一致”, the written score kept),
the symbols were the units “m2”/“km” (NFKC makes ㎡ “m2”; the “㎡” entry of the unit table never matched),
and “百分之九十六” was “无法识别为数值”. So was a 指标值 “零事故” (1 起 against it kept full marks), C15 asked for
“无 次”, “2.8‰” was shown as “2.8%”, and “人均3500元” against “≥3000元/人” was another unit (C6).
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


# -- none of a thing that should not happen, and per mille ---------------------------------------

@pytest.mark.parametrize("text", ["零事故", "无重大安全事故", "未发生有效投诉", "零投诉", "0投诉", "无一起安全事故", "杜绝安全事故"])
def test_none_of_an_event_is_at_most_zero(text):
    v = parse_value(text)
    assert (v.kind, v.number, v.direction, v.stated_bound) == ("quantity", 0, "le", False)


@pytest.mark.parametrize("text", ["无明显问题", "零星事故多发", "10投诉"])
def test_what_is_not_none_of_an_event(text):
    assert parse_value(text).direction is None


def test_an_event_against_zero_events_scores_nothing():
    # “零事故” was “无法识别为数值”: 1 起 against it kept the written full marks, and no finding said so
    s = score_indicator("零事故", "1起", 15, 15, name="安全事故发生次数")
    assert s.computed and s.score == 0
    assert score_indicator("零事故", "无", 15, 15, name="安全事故发生次数").score == 15
    got = _new(5, name="安全事故发生次数", target="零事故", actual="1起")
    assert ("D4", "error") in got


def test_c15_writes_the_count_zero_for_wu():
    d = clean()
    ind(5, name="有效投诉", target="0次", actual="无")(d)
    said = [f.message for f in run(d) if f.rule == "C15"]
    assert said and "应写作“0 次”" in said[0]          # was “无 次”
    c2 = [f.message for f in run(d) if f.rule == "C2"]
    assert c2 and "“=0 次”或“≤0 次”" in c2[0]          # “≥0 次” always holds


def test_per_mille_is_shown_as_written():
    assert parse_value("2‰").shown() == "2‰" and parse_value("2‰").exact() == "2‰"
    s = score_indicator("≤3%", "2.8‰", 10, 10, name="差错率")
    assert "完成值 2.8‰（合 0.28%）" in s.basis                # was “完成值 2.8%”, 2.8 read as 0.28
    assert "完成值 1.5‰ ≤ 指标值 2‰" in score_indicator("≤2‰", "1.5‰", 10, 10, name="差错率").basis


# -- money per thing written around the amount -------------------------------------------------------

@pytest.mark.parametrize("text, unit, number", [
    ("人均3500元", "元/人", 3500), ("每人3500元", "元/人", 3500), ("每次180元", "元/次", 180), ("1200元每亩", "元/亩", 1200),
    ("户均0.35万元", "元/户", 3500), ("每个村2万元", "元/村", 20000),
])
def test_money_per_thing_around_the_amount(text, unit, number):
    v = parse_value(text)
    assert (v.unit, v.number, v.extra_text) == (unit, number, False)
    assert v.unit == parse_value(f"{number}{unit}").unit


def test_money_per_thing_is_scored_against_its_target():
    # “人均3500元” against “≥3000元/人” was “单位不一致”, the written score kept
    s = score_indicator("≥3000元/人", "人均2700元", 10, 10, name="人均补助标准")
    assert s.computed and s.score == 9
    assert _new(3, target="≤200元/次", actual="每次180元") == []
    # 元 alone beside 元/次 is read as 元/次 (stop 56: it was C6, “单位不一致”, and the written score kept); C15 asks for
    # “/次” to be written
    assert _new(3, target="≤200元/次", actual="180元") == [("C15", "warning")]
    assert score_indicator("≤200元/次", "180元", 10, 10).computed


def test_dadao_reports_what_was_reached():
    # “达到96%” as an 实际完成值 was C4 “是指标值的写法，看不出实际完成了多少”, an error, of a value it states
    assert _new(6, actual="达到96%") == [("C10", "warning")]
    assert _new(6, actual="超过96%") == [("C4", "error")]            # more than 96 %: how much is not said
    t = parse_value("达到95%")
    assert (t.direction, t.number, t.stated_bound) == ("ge", 95, False)
    assert score_indicator("达到95%", "94%", 10, 10, name="服务对象满意度").score == 9.89


@pytest.mark.parametrize("text, number, unit", [("二十余人", 20, "人"), ("三十多家", 30, "个"), ("十余次", 10, "次")])
def test_about_a_number_in_chinese_numerals(text, number, unit):
    v = parse_value(text)
    assert (v.kind, v.number, v.unit, v.extra_text) == ("quantity", number, unit, True)
    once = parse_value("一年两次")                               # not a count with text around it: 2 次 a year (stop 55)
    assert (once.number, once.per, once.extra_text) == (2, "年", False)
