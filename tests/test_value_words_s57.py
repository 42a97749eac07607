"""What departments write that was read wrongly (stop 57). Each case here read another number than the one meant."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("text, part, share, unit", [
    ("覆盖18个乡镇中的17个", 17, 17 / 18, "个乡镇"), ("18个乡镇中17个", 17, 17 / 18, "个乡镇"),
    ("18个乡镇中有17个", 17, 17 / 18, "个乡镇"), ("十八个乡镇中的十七个", 17, 17 / 18, "个乡镇"),
    ("50名学员中48名", 48, 0.96, "名学员"), ("100户贫困户中的95户", 95, 0.95, "户贫困户"),
])
def test_a_part_of_a_whole_written_first(text, part, share, unit):
    # “覆盖18个乡镇中的17个” read 18: the whole, the first number written, full marks against “≥18个乡镇”
    v = parse_value(text)
    assert v.number == part and v.share == pytest.approx(100 * share) and v.unit_text == unit


def test_a_part_of_a_whole_is_scored_by_the_part():
    s = score_indicator("≥18个乡镇", "覆盖18个乡镇中的17个", 10, 10, name="覆盖乡镇")
    assert s.computed and s.score == 9.44 and "按其中的数值 17 个乡镇" in s.basis
    s = score_indicator("100%", "18个乡镇中的17个", 10, 10, name="乡镇覆盖率")
    assert s.computed and s.score == 9.44 and "94.44%" in s.basis


@pytest.mark.parametrize("text, number", [
    ("18个乡镇中19个", 18),        # more than the whole: no part of it, the first number as before
    ("2022年中央资金30万元", 30),    # 年中 is no “of”
    ("3个乡镇中心校", 3),
    ("50名学员中48人", 50),          # another counter after 中: not read as a part
])
def test_what_is_no_part_of_a_whole(text, number):
    v = parse_value(text)
    assert v.number == number and v.share is None


@pytest.mark.parametrize("text, unit, written", [
    ("800名学生", "人", "名学生"), ("2万名学生", "人", "万名学生"), ("5位专家", "人", "位专家"), ("120户农户", "户", "户农户"),
    ("150盏路灯", "盏", "盏路灯"), ("12眼机井", "眼", "眼机井"), ("3项课题", "项", "项课题"), ("5篇论文", "篇", "篇论文"),
    ("12起案件", "起", "起案件"), ("6期培训班", "期", "期培训班"), ("10套系统", "套", "套系统"), ("200头生猪", "头", "头生猪"),
    ("30个监控点", "个", "个监控点"), ("6家养殖场", "个", "家养殖场"), ("3所中学", "所", "所中学"),
])
def test_what_is_counted_after_its_counter(text, unit, written):
    # each was the counter with text after it (C10 “应只写数值和单位”): the noun is part of the unit as written
    v = parse_value(text)
    assert v.unit == unit and v.unit_text == written and not v.extra_text


def test_a_counted_noun_is_compared_in_its_counters_unit():
    assert score_indicator("≥800人", "820名学生", 10, 10, name="受益学生").score == 10
    s = score_indicator("≥10套", "8套系统", 10, 10, name="系统部署")
    assert s.computed and s.score == 8
    # text after the counted noun is still text (C10)
    assert parse_value("800名学生受益").extra_text
