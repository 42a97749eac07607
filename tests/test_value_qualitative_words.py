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


# stop 54: “已实现”/“未实现” were “无法识别” (no 档次); “正在实施”, “建设中” too; “有待提高” and “效果不明显” claimed A
@pytest.mark.parametrize("text, kind, tier", [
    ("已实现", "done_word", "A"), ("基本实现", "done_word", "A"), ("未实现", "done_word", "C"), ("部分实现", "done_word", "B"),
    ("正在实施", "done_word", "B"), ("建设中", "done_word", "B"), ("推进中", "done_word", "B"),
    ("有待提高", "qualitative", "B"), ("需进一步加强", "qualitative", "B"), ("效果不明显", "qualitative", "C"),
    ("实现全覆盖", "qualitative", "A"), ("效果明显", "qualitative", "A"),
])
def test_done_under_way_and_short_of_it(text, kind, tier):
    v = parse_value(text)
    assert (v.kind, claimed_tier(v)) == (kind, tier)


def test_under_way_is_asked_when_it_will_be_done():
    d = clean()
    ind(2, name="完成时间", level2="时效指标", target="12月底前", actual="正在实施")(d)
    (c5,) = [f for f in run(d) if f.rule == "C5"]
    assert "预计完成的时间" in c5.message


def test_short_of_it_holds_a_full_mark():
    s = score_indicator("效果显著", "效果不明显", 10, 10, name="社会效益")
    assert s.score == 6 and s.clamped


@pytest.mark.parametrize("text, tier", [("不低于上年", "A"), ("与上年持平", "A"), ("同比增长", "A"), ("已建立", "A"),
                                        ("已印发", "A"), ("未建立", "C")])
def test_against_last_year_and_rules_made(text, tier):
    v = parse_value(text)      # “无法识别” before: no 档次, and “未建立” held no written full mark
    assert (v.kind, claimed_tier(v)) == ("qualitative", tier)
