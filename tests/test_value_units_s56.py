"""Units departments write several ways (stop 56): one thing, one unit. Each case here was “单位不一致” (the written
score kept, C6) or read with the unit cut short; the number as written is now compared with the 指标值's."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value, paired, with_target_unit
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("a, b", [
    ("≤120万元/公里", "118万元/km"), ("≤120万元/公里", "118万元/千米"), ("≤3000元/平方米", "2800元/㎡"),
    ("≤3000元/平方米", "2800元/m2"), ("≤3000元/平米", "2800元/平方米"), ("≤50元/立方米", "45元/m³"),
    ("≤8元/公斤", "7元/kg"), ("≥1万元/公顷", "1.2万元/hm²"),
])
def test_money_per_thing_is_one_unit_however_the_thing_is_written(a, b):
    t, v = parse_value(a), parse_value(b)
    assert t.unit == v.unit and not v.extra_text and not t.extra_text
    s = score_indicator(a, b, 10, 10, name="单位造价")
    assert s.computed and s.score == 10


def test_a_thing_after_the_slash_is_read_whole():
    # “元/平方米” was 元/平方 with the text “米”, “元/㎡” 元/m with the text “2”
    assert parse_value("≤3000元/平方米").unit_text == "元/平方米"
    assert parse_value("2800元/㎡").unit_text == "元/平方米"
    # a letter run longer than a unit symbol is not that symbol: “元/min” is no 元/米
    assert parse_value("5元/min").unit != "元/米"
    # over the ceiling, in the ceiling's unit
    s = score_indicator("≤120万元/公里", "125万元/km", 10, 10, name="单位造价")
    assert s.computed and s.score == 9.58


@pytest.mark.parametrize("target, actual", [("10台（套）", "10台套"), ("≥10台套", "10台(套)"), ("≥1000人次", "1200人（次）")])
def test_a_unit_with_its_second_half_in_brackets(target, actual):
    t, a = parse_value(target), parse_value(actual)
    assert t.unit == a.unit and not t.extra_text and not a.extra_text
    assert score_indicator(target, actual, 10, 10, name="数量").computed


@pytest.mark.parametrize("target, actual, score", [("≥4场次", "5场", 10), ("≥4场次", "3场", 7.5), ("≥4场", "4场次", 10),
                                                   ("≥200批次", "150批", 7.5)])
def test_sessions_and_batches_however_written(target, actual, score):
    s = score_indicator(target, actual, 10, 10, name="开展活动")
    assert s.computed and s.score == score


def test_persons_and_person_times_stay_apart():
    assert parse_value("5人").unit != parse_value("5人次").unit
    assert not score_indicator("≥5人次", "6人", 10, 10).computed


@pytest.mark.parametrize("target, actual, score", [
    ("≤35微克/立方米", "32μg/m³", 10), ("≤35μg/m3", "32微克/立方米", 10), ("≤35微克/立方米", "32µg/m3", 10),
    ("≤0.035毫克/立方米", "32μg/m³", 10), ("≤35微克/立方米", "0.038mg/m3", 9.14), ("≤55分贝", "52dB(A)", 10),
    ("≤0.5mg/L", "0.4毫克/升", 10),
])
def test_concentrations_and_noise(target, actual, score):
    s = score_indicator(target, actual, 10, 10, name="PM2.5平均浓度")
    assert s.computed and s.score == score


def test_a_concentration_in_air_is_not_one_in_water():
    assert not score_indicator("≤35微克/立方米", "0.03mg/L", 10, 10, name="浓度").computed


@pytest.mark.parametrize("target, actual, score", [("≥1.2万人", "1.25万", 10), ("≥1.2万人", "1.1万", 9.17),
                                                   ("≥1.2万", "12500人", 10), ("≥5000亩", "0.6万", 10)])
def test_a_bare_ten_thousand_is_of_the_counted_unit(target, actual, score):
    s = score_indicator(target, actual, 10, 10, name="受益人口")
    assert s.computed and s.score == score
    assert "未写单位" in s.basis


def test_a_bare_ten_thousand_beside_money_or_a_rate_is_money():
    t, a = paired(parse_value("≥1.2万元"), parse_value("1.25万"))
    assert (t.unit, a.unit, a.number) == ("万元", "万元", 1.25)
    t, a = paired(parse_value("≥95%"), parse_value("1.25万"))
    assert a.unit == "万元"


def test_a_bare_count_ten_thousand_times_the_target_is_of_its_own_unit():
    # “12500” against “≥1.2万人” was 12500 万人: “完成值达指标值的 1041666.67%”
    s = score_indicator("≥1.2万人", "12500", 10, 10, name="受益人口")
    assert s.computed and s.score == 10 and "12500 人（合 1.25 万人）" in s.basis
    assert score_indicator("≥1.2万亩", "11000", 10, 10).score == 9.17
    assert with_target_unit("12500", "≥1.2万人") == "12500人"
    # a bare number of the target's own size is in its unit, as before
    assert "1.3 万人" in score_indicator("≥1.2万人", "1.3", 10, 10).basis


def test_the_rules_ask_for_the_unit_and_no_longer_call_them_two_units():
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(1, name="受益人口", target="≥1.2万人", actual="1.25万")(d)
    found = run(d)
    assert not hits(found, "C6") and not hits(found, "D4")
    (c15,) = hits(found, "C15")
    assert "应写作“1.25万人”" in c15.message
    d = clean()
    ind(1, name="开展宣传活动场次", target="≥4场次", actual="5场")(d)
    ind(2, name="单位造价", target="≤120万元/公里", actual="118万元/km")(d)
    found = run(d)
    assert not hits(found, "C6") and not hits(found, "C10")


@pytest.mark.parametrize("text", ["全年无安全事故", "年内未发生安全事故", "年度内无投诉", "项目实施期内无重大安全事故", "全年零投诉",
                                  "近两年无安全事故", "连续三年无事故", "3年内无投诉", "近5年未发生安全事故"])
def test_none_of_them_over_the_year(text):
    # “全年无安全事故” was “无法识别”, “年内未发生安全事故” the year's end (a deadline of December)
    v = parse_value(text)
    assert (v.kind, v.number, v.direction) == ("quantity", 0.0, "le")
    assert score_indicator("0起", text, 10, 10, name="安全事故").computed


def test_the_year_end_is_still_a_deadline():
    assert parse_value("年内完成").kind == "month"
    v = parse_value("三年内")
    assert (v.number, v.unit, v.direction) == (3, "年", "le")


@pytest.mark.parametrize("text", ["当场办结", "当场办理"])
def test_on_the_spot_is_within_the_day(text):
    s = score_indicator("≤1天", text, 10, 10, name="办结时限")
    assert s.computed and s.score == 10


@pytest.mark.parametrize("target, actual, unit", [
    ("≥3座", "3座桥梁", "座桥梁"), ("≥5条", "5条道路", "条道路"), ("≥10台", "10台设备", "台设备"), ("≥2辆", "2辆校车", "辆校车"),
    ("≥3处", "3处景点", "处景点"), ("≥20个", "22个示范点", "个示范点"), ("≥5家", "5家医疗机构", "家医疗机构"),
])
def test_more_counted_nouns_are_the_unit_as_written(target, actual, unit):
    # they were the counter with text after it: C10 asked for “3 座” alone
    a = parse_value(actual)
    assert (a.unit_text, a.extra_text) == (unit, False) and a.unit == parse_value(target).unit
    assert score_indicator(target, actual, 10, 10, name="数量").computed


@pytest.mark.parametrize("target, actual, score", [
    ("≥500元", "人均600元", 10), ("≥500元/人", "人均增收620元", 10), ("≥500元/人", "人均增收400元", 8),
    ("≥2000元/户", "户均增收2000元", 10), ("≥500元", "人均增收600元", 10), ("人均增收≥500元", "620元", 10),
    ("≥1000元/户", "1200元", 10), ("≥0.1万元/户", "0.12万元", 10),
])
def test_money_a_head_against_money(target, actual, score):
    # “人均600元” against “≥500元” and “人均增收620元” against “≥500元/人” were two units (C6, the written score kept)
    s = score_indicator(target, actual, 10, 10, name="农民人均增收")
    assert s.computed and s.score == score


def test_a_yearly_average_is_no_money_a_head():
    assert parse_value("年均投入500万元").unit == "万元"


def test_money_a_head_is_not_two_units_to_the_rules():
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(1, name="农民人均增收", target="≥500元/人", actual="人均增收620元")(d)
    ind(2, name="户均补助", target="≥1000元", actual="户均1200元")(d)
    assert not hits(run(d), "C6")


def test_a_total_against_a_head_share_stays_two_units():
    # “≤50万元” of a project against “人均3500元”: not the same thing, C6 says so and the score is not computed
    assert not score_indicator("≤50万元", "人均3500元", 10, 10, name="项目成本").computed


def test_a_report_quotes_the_unit_the_scorer_reads():
    # R6 could not compare “1.25万人” in a report with the form's “1.25万” (万元 to it): a wrong figure went unnoticed
    from jixiao.checking.rules.report import _indicator_agrees
    from jixiao.forms.project.model import Indicator

    row = Indicator(level1="效益指标", level2="社会效益指标", name="受益人口", target="≥1.2万人", actual="1.25万",
                    weight=10, score=10)
    assert _indicator_agrees(parse_value("1.25万人"), row, "actual") is True
    assert _indicator_agrees(parse_value("12500人"), row, "actual") is True
    assert _indicator_agrees(parse_value("1.3万人"), row, "actual") is False
    head = row.model_copy(update={"name": "每次费用", "target": "≤200元/次", "actual": "180元"})
    assert _indicator_agrees(parse_value("180元/次"), head, "actual") is True
    assert _indicator_agrees(parse_value("190元/次"), head, "actual") is False
    assert _indicator_agrees(parse_value("180元"), head, "actual") is True


@pytest.mark.parametrize("actual, target, quoted", [
    ("1.25万", "≥1.2万人", "1.25万人"), ("180元", "≤200元/次", "180元/次"), ("1.2万元", "≥1万元/户", "1.2万元/户"),
    ("1.25万", "≥1.2万元", "1.25万"), ("180元", "≤200元", "180元"), ("约1.25万", "≥1.2万人", "约1.25万"),
])
def test_a_report_quotes_the_value_in_the_unit_it_was_scored_in(actual, target, quoted):
    assert with_target_unit(actual, target) == quoted


@pytest.mark.parametrize("text, direction", [("≤5%（不含）", "lt"), ("80%以上（不含80%）", "gt"), ("≥3个（不含）", "gt"),
                                             ("≤5%（含）", "le")])
def test_the_bound_itself_excluded(text, direction):
    # “（不含）” was text after the value (C10 asked for the number alone) and the bound read as inclusive
    v = parse_value(text)
    assert (v.direction, v.extra_text) == (direction, False)


@pytest.mark.parametrize("target, actual, score", [("每季度首月15日前", "每季度首月10日", 10), ("每季度首月15日前", "每季度首月20日", 6.67),
                                                   ("每季度10日前", "每季度8日", 10), ("季末月25日前", "季末月20日", 10)])
def test_a_day_of_a_quarter_month(target, actual, score):
    # “每季度首月15日前” was 15 天 with text, no 时限: “若按正向指标理解” and C10 on the 完成值
    t = parse_value(target)
    assert (t.unit_dim, t.number, t.direction, t.extra_text) == ("day", 15 if "15" in target else t.number, "le", False)
    s = score_indicator(target, actual, 10, 10, name="发放时间")
    assert s.computed and s.score == score and "时效指标" in s.basis


def test_a_count_a_quarter_is_still_a_count():
    assert parse_value("每季度1次").unit_dim == "count:次"


@pytest.mark.parametrize("text, number, direction", [("九成以上", 90, "ge"), ("九成五", 95, None), ("八成", 80, None)])
def test_tenths_in_chinese(text, number, direction):
    # “九成以上” was “无法识别”
    v = parse_value(text)
    assert (v.number, v.unit, v.direction, v.extra_text) == (number, "%", direction, False)


@pytest.mark.parametrize("text", ["建成", "一成不变", "九十成"])
def test_cheng_after_no_numeral_is_no_tenth(text):
    assert parse_value(text).unit != "%"


@pytest.mark.parametrize("written, quoted", [
    ("125万元/km", "125万元/公里"), ("≤35μg/m³", "≤35微克/立方米"), ("5200㎡", "5200平方米"), ("5200m²", "5200平方米"),
    ("10.5km", "10.5公里"), ("52dB(A)", "52分贝"), ("1200元/m2", "1200元/平方米"),
    ("PM2.5浓度", "PM2.5浓度"), ("5G基站", "5G基站"), ("3M", "3M"), ("≥95 百分比", "≥95%"),
])
def test_a_report_names_the_units_it_quotes(written, quoted):
    # a report quoted “完成值125万元/km” beside “指标值≤120万元/公里”
    from jixiao.core.values import units_as_written

    assert units_as_written(written) == quoted


def test_hectares_as_a_symbol():
    s = score_indicator("≥100公顷", "120hm²", 10, 10, name="造林面积")
    assert s.computed and "完成值 120 公顷" in s.basis


def test_days_of_two_different_months_are_compared_but_to_check():
    # “次月5日前” against “每月10日前” was full marks with nothing said: one is of the month after
    s = score_indicator("每月10日前", "次月5日前", 10, 10, name="发放时间")
    assert s.computed and s.uncertain and "完成值是次月的日期" in s.basis and "请核实" in s.basis
    assert not score_indicator("每月10日前", "每月8日", 10, 10, name="发放时间").uncertain
    assert not score_indicator("次月5日前", "次月3日", 10, 10, name="发放时间").uncertain
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(1, name="发放时间", level2="时效指标", target="次月5日前", actual="每月20日", score=10)(d)
    found = run(d)
    assert not hits(found, "D4")                 # no error to change the score: a warning to check it (D8)
    (d8,) = hits(found, "D8")
    assert d8.severity == "warning" and "请核实" in d8.message


@pytest.mark.parametrize("target, actual, want", [("≥1.2万", "12500人", "≥1.2万人"), ("≥500元", "人均600元", "≥500元/人")])
def test_c12_asks_the_target_for_the_unit_it_was_read_in(target, actual, want):
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(1, name="受益", target=target, actual=actual)(d)
    (c12,) = hits(run(d), "C12")
    assert c12.expected == want and c12.severity == "warning"


@pytest.mark.parametrize("text, arabic", [("达到九成", "达到90%"), ("达到两次", "达到2次")])
def test_reached_in_chinese_numerals_as_in_digits(text, arabic):
    # they were “无法识别”; read as the digits are (the number reached, text around it: C10)
    v, w = parse_value(text), parse_value(arabic)
    assert (v.kind, v.number, v.unit, v.extra_text) == (w.kind, w.number, w.unit, w.extra_text) == (
        "quantity", w.number, w.unit, True)


@pytest.mark.parametrize("text, share", [("98件/100件", 98.0), ("45人/50人", 90.0), ("12次/12次", 100.0)])
def test_a_share_with_its_unit_on_both_sides(text, share):
    # “98件/100件” was 98 件 and the text “/100件”: against “≥95%” two units, the written score kept
    v = parse_value(text)
    assert (v.share, v.extra_text) == (share, False)
    assert score_indicator("≥95%", text, 10, 10, name="验收合格率").computed


@pytest.mark.parametrize("text", ["3000元/人", "5次/12月", "98件/100"])
def test_no_share_without_the_same_unit_after_the_slash(text):
    assert parse_value(text).share is None
