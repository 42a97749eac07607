"""Numbers as people say them, read (stop 54): each text below was “无法识别为数值” — C5 an error and the
indicator unscored — or, for a span of months, read as its first month."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("text, number, unit_text", [
    ("一万二千人", 12000, "人"), ("一万二人", 12000, "人"), ("三万零五百元", 3.05, "元"), ("两万三千五百户", 23500, "户"),
])
def test_numerals_past_ten_thousand(text, number, unit_text):
    v = parse_value(text)
    assert (v.kind, v.number, v.unit_text, v.extra_text) == ("quantity", pytest.approx(number), unit_text, False)


def test_ten_thousands_alone_keep_their_unit_as_written():
    v = parse_value("三万亩")          # 3 万亩, shown as written, not 30000 亩
    assert (v.number, v.unit_text) == (30000, "万亩")


@pytest.mark.parametrize("text, number", [("上百人", 100), ("近百人", 100), ("近千人", 1000), ("逾万人", 10000)])
def test_about_a_hundred(text, number):
    v = parse_value(text)
    assert (v.kind, v.number, v.unit, v.extra_text) == ("quantity", number, "人", True)   # C10 asks for the number


def test_about_a_million_yuan():
    v = parse_value("上百万元")
    assert (v.number, v.unit, v.extra_text) == (100, "万元", True)


@pytest.mark.parametrize("text, direction, number", [
    ("≥半年", "ge", 0.5), ("不少于半年", "ge", 0.5), ("半年内", "le", 0.5), ("一年半以上", "ge", 1.5),
])
def test_halves_with_a_bound(text, direction, number):
    v = parse_value(text)
    assert (v.kind, v.direction, v.number, v.unit, v.stated_bound) == ("quantity", direction, number, "年", True)


@pytest.mark.parametrize("text, kind", [("上半年", "month"), ("每半年一次", "quantity"), ("半年度", "unparsed"),
                                        ("两学一做", "unparsed"), ("数十人", "unparsed")])
def test_what_is_no_half_or_number_stays_as_it_was(text, kind):
    v = parse_value(text)
    assert v.kind == kind
    if text == "上半年":
        assert v.number == 6
    if text == "每半年一次":
        assert (v.number, v.per) == (1, "半年")


@pytest.mark.parametrize("text", ["3月-5月", "3月至5月", "3-5月", "2023年3月至2023年5月", "2023-03-01至2023-05-31",
                                  "3月-5月底完成"])
def test_a_span_of_months_is_done_by_its_end(text):
    v = parse_value(text)
    assert (v.kind, v.number, v.extra_text) == ("month", 5, True)


def test_a_span_into_the_next_year_is_not_read_as_this_years_month():
    assert parse_value("2023-03-01至2024-02-28").number != 2


def test_a_span_ending_late_loses_points():
    s = score_indicator("≤4月", "3月-5月", 10, 10, name="完成时间", level2="时效指标")
    assert s.computed and s.score < 10          # it scored 10: read as 3 月
    assert score_indicator("≤5月", "3月至5月", 10, 10, name="完成时间", level2="时效指标").score == 10


def test_spoken_numbers_are_scored():
    assert score_indicator("≥1万人", "一万二千人", 10, 10, name="受益人数").score == 10
    assert score_indicator("≥10000人", "近千人", 10, 10, name="受益人数").score == pytest.approx(1)
    assert score_indicator("≤半年", "8个月", 10, 10, name="建设周期").score == pytest.approx(6.67)


@pytest.mark.parametrize("text, number, unit, written", [
    ("10万株", 1e5, "株", "万株"), ("2万次", 2e4, "次", "万次"), ("120万平方米", 1.2e6, "平方米", "万平方米"),
    ("1.5亿立方米", 1.5e8, "立方米", "亿立方米"), ("3万户以上", 3e4, "户", "万户"), ("1.2万个", 1.2e4, "个", "万个"),
])
def test_ten_thousand_of_a_unit_is_no_money(text, number, unit, written):
    v = parse_value(text)      # each was 万元 with text after it (C10), and C6 against “≥100000株”
    assert (v.number, v.unit, v.unit_text) == (pytest.approx(number), unit, written)
    assert not v.extra_text


@pytest.mark.parametrize("text, number, extra", [("5.6万", 5.6, False), ("5万左右", 5, True), ("10万以上", 10, False),
                                                 ("5万多", 5, True), ("2亿", 2e4, False)])
def test_ten_thousand_alone_is_still_money(text, number, extra):
    v = parse_value(text)
    assert (v.unit, v.number, v.extra_text) == ("万元", pytest.approx(number), extra)


def test_ten_thousand_in_two_writings_is_one_amount():
    assert score_indicator("≥100000株", "12万株", 10, 10, name="造林株数").score == 10
    assert score_indicator("≥10万株", "80000株", 10, 10, name="造林株数").score == pytest.approx(8)


@pytest.mark.parametrize("text, direction, number", [("≥80%（含）", "ge", 80), ("20个（含）以上", "ge", 20),
                                                     ("20个(含本数)以上", "ge", 20)])
def test_inclusive_note_is_the_bound(text, direction, number):
    v = parse_value(text)      # “20个（含）以上” had no direction; “≥80%（含）” was text around the number
    assert (v.direction, v.number, v.extra_text) == (direction, number, False)


@pytest.mark.parametrize("text, direction, number, unit", [
    ("10（人）", None, 10, "人"), ("≥10(人)", "ge", 10, "人"), ("5.18（万元）", None, 5.18, "万元"), ("10(个)以上", "ge", 10, "个"),
    ("95%以上（含95%）", "ge", 95, "%"),
])
def test_a_unit_in_brackets(text, direction, number, unit):
    v = parse_value(text)       # no unit and text after the number: C12 “只有数字” of a target, C10 of a 完成值
    assert (v.direction, v.number, v.unit, v.extra_text) == (direction, number, unit, False)


def test_words_in_brackets_stay_text():
    assert parse_value("10(抽样)").extra_text


@pytest.mark.parametrize("text, number, unit", [("截至12月底累计完成120人", 120, "人"), ("截止12月底，完成120人", 120, "人"),
                                                ("截至2022年12月31日，共培训3期", 3, "期")])
def test_a_count_dated_as_of_a_month_is_the_count(text, number, unit):
    v = parse_value(text)      # it was the month 12: a 完成值 of “≥100人” read as a time (C6)
    assert (v.kind, v.number, v.unit, v.extra_text) == ("quantity", number, unit, True)


@pytest.mark.parametrize("text", ["截至12月底", "截至12月底完成", "12月底前完成120人"])
def test_a_month_alone_or_a_deadline_stays_a_month(text):
    assert parse_value(text).kind == "month"


@pytest.mark.parametrize("text, share", [("三分之二", 66.6666666667), ("二分之一", 50), ("十分之九", 90)])
def test_a_fraction_in_words_is_a_share(text, share):
    v = parse_value(text)      # “无法识别为数值”: against “≥60%” it is 66.67 %, as “2/3” is
    assert v.share == pytest.approx(share)
    assert score_indicator("≥60%", text, 10, 10, name="达标比例").computed


def test_baifenbai_is_a_hundred_per_cent():
    v = parse_value("百分百")
    assert (v.number, v.unit) == (100, "%")


@pytest.mark.parametrize("text, unit, per", [("3套/年", "套", "年"), ("≥2台/月", "台", "月"), ("5株/亩", "株/亩", None),
                                             ("20元/kg", "元/千克", None)])
def test_a_unit_not_in_the_vocabulary_per_period_or_thing(text, unit, per):
    # “3套/年” was the unit “套/年” with no period: against “≥1套/季度” C6 called them two units
    v = parse_value(text)
    assert (v.unit, v.per) == (unit, per)


def test_a_count_per_year_against_a_count_per_quarter():
    assert score_indicator("≥1套/季度", "4套/年", 10, 10, name="设备巡检").score == 10


@pytest.mark.parametrize("text, number, unit", [("约百分之九十", 90, "%"), ("近两千人", 2000, "人"), ("大约三十次", 30, "次"),
                                                ("近百分之九十", 90, "%")])
def test_about_so_many_in_numerals(text, number, unit):
    v = parse_value(text)      # “无法识别为数值” (“约90%” was read): the number, text around it (C10)
    assert (v.kind, v.number, v.unit, v.extra_text) == ("quantity", number, unit, True)
