"""定性 targets and 完成值 written as departments write them: “按时”, “全覆盖”, “应保尽保”, “通过验收”, “√”.

Until stop 53 these were “无法识别为数值”: the written score stood whatever the 完成值 said, so “部分覆盖”
against “全覆盖” with full marks, or “未按时” against “按时”, drew no finding; and “否” claimed the top 档次.
"""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import claimed_tier, score_indicator
from test_rules import clean, ind, run


@pytest.mark.parametrize("text", ["按时", "按期", "准时", "全覆盖", "足额", "应保尽保", "达到预期", "通过验收", "正常运行",
                                  "优良", "资金到位", "资料齐全", "设备完好", "道路畅通", "有", "√"])
def test_read_as_qualitative(text):
    assert parse_value(text).kind == "qualitative"


@pytest.mark.parametrize("text, tier", [("全覆盖", "A"), ("√", "A"), ("部分覆盖", "B"), ("未按时", "C"), ("否", "C"),
                                        ("×", "C")])
def test_the_tier_the_words_claim(text, tier):
    assert claimed_tier(parse_value(text)) == tier


def test_a_written_score_above_its_words_tier_is_held_to_it():
    s = score_indicator("全覆盖", "部分覆盖", 15, 15, name="保障率")
    assert s.score == 12 and s.clamped


@pytest.mark.parametrize("target, actual, score", [("全覆盖", "部分覆盖", 12), ("按时", "未按时", 9)])
def test_d5_says_so(target, actual, score):
    d = clean()
    ind(4, target=target, actual=actual)(d)
    d5 = [f.message for f in run(d) if f.rule == "D5"]
    assert d5 and "表中为 15" in d5[0]
    assert score_indicator(target, actual, 15, 15, name="保障率").score == score


def test_met_words_keep_full_marks():
    d = clean()
    ind(4, target="全覆盖", actual="全覆盖")(d)
    assert not [f for f in run(d) if f.rule in ("D4", "D5", "C5")]


@pytest.mark.parametrize("text, tier", [("已拨付", "A"), ("资金已拨付", "A"), ("已发放", "A"), ("按标准发放", "A"),
                                        ("达到国家标准", "A"), ("通过", "A"), ("未发放", "C"), ("未拨付", "C")])
def test_what_was_done_as_completion_words_say_it(text, tier):
    # stop 53: these were “无法识别”, claiming no 档次
    assert parse_value(text).kind == "qualitative" and claimed_tier(parse_value(text)) == tier


@pytest.mark.parametrize("text", ["未发生", "没有发生", "未出现"])
def test_nothing_happened_is_zero(text):
    v = parse_value(text)
    assert (v.kind, v.number, v.direction) == ("quantity", 0, "le")
    assert score_indicator("零事故", text, 10, 10, name="安全事故").score == 10


def test_percentage_points():
    v = parse_value("提高3个百分点")
    assert (v.number, v.unit) == (3, "%") and v.shown() == "3个百分点"   # was 3 “个” (a count) against a rate
    assert score_indicator("≥2个百分点", "1.5个百分点", 10, 10, name="覆盖率提高").score == 7.5
