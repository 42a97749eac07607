"""A 实际完成值 written as a share, “12/12” or “45/50人”, against a 指标值 in per cent.

Until stop 53 “12/12” against “=100%” was read as 12 with text after it, in the target's unit: 12%, a
completion of 12 % and a D4 error asking for 1.2 of 10 points; “19/20” against “≥95%” was 19%.
"""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator
from test_rules import clean, ind, run


@pytest.mark.parametrize("text, number, share, unit", [
    ("12/12", 12, 100, None), ("19/20", 19, 95, None), ("45/50人", 45, 90, "人"), ("1/3", 1, 33.3333333333, None),
])
def test_a_share_keeps_its_numerator_and_its_per_cent(text, number, share, unit):
    v = parse_value(text)
    assert (v.number, v.share, v.unit, v.extra_text) == (number, share, unit, False)


@pytest.mark.parametrize("text", ["12/10", "5/0", "2022/12/31", "3/4/5", "≥12/12"])
def test_what_is_no_share(text):
    assert parse_value(text).share is None


@pytest.mark.parametrize("target, actual, score", [
    ("=100%", "12/12", 10), ("≥95%", "19/20", 10), ("≥95%", "18/20", 9.47), ("≥90%", "45/50人", 10),
])
def test_scored_as_the_per_cent_it_is(target, actual, score):
    s = score_indicator(target, actual, 10, 10, name="覆盖率")
    assert s.computed and s.score == score
    assert "按比例读作" in s.basis


def test_against_a_count_it_is_the_numerator():
    assert score_indicator("≥12次", "12/12", 10, 10, name="培训次数").score == 10
    assert score_indicator("≥50人", "45/50人", 10, 10, name="培训人数").score == 9


def test_c15_asks_for_the_per_cent_and_d4_stays_silent():
    d = clean()
    ind(4, target="=100%", actual="12/12")(d)
    got = {f.rule: f for f in run(d)}
    assert "D4" not in got                                        # was “得分应为 1.2”
    assert "C15" in got and "应写作“100%”" in got["C15"].message


def test_a_share_of_people_is_no_other_unit():
    d = clean()
    ind(4, target="≥90%", actual="45/50人")(d)
    got = {f.rule: f for f in run(d)}
    assert "C6" not in got                                        # was “应与指标值同单位（%）”, an error
    assert "应写作“90%”" in got["C15"].message


def test_a_share_is_shown_to_two_places():
    s = score_indicator("=100%", "11/12", 10, 10, name="足额发放率")
    assert "按比例读作 91.67%" in s.basis and s.score == 9.17


def test_a_report_quotes_the_per_cent_the_share_is():
    # R6 read “12/12” as 12: a report's “100%” disagreed with the form and a report's “12%” agreed
    from jixiao.checking.rules.report import _indicator_agrees
    from jixiao.forms.project.model import Indicator

    row = Indicator(level1="产出指标", level2="质量指标", name="足额发放率", target="=100%", actual="12/12",
                    weight=10, score=10)
    assert _indicator_agrees(parse_value("100%"), row, "actual") is True
    assert _indicator_agrees(parse_value("12%"), row, "actual") is False
    people = row.model_copy(update={"target": "≥90%", "actual": "45/50人"})
    assert _indicator_agrees(parse_value("90%"), people, "actual") is True
