"""A month of the year after the form's (stop 54): “次年3月”, “翌年1月”, “下一年度2月”. They were read as this
year's month with text before it: “次年3月” against “≤12月” was three months early and kept its full marks, and
C5 asked a 时限 “次年3月底前” for a time like “2022年3月”."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator
from test_rules import clean, hits, run


@pytest.mark.parametrize("text, month", [("次年3月", 3), ("次年3月底前", 3), ("翌年1月", 1), ("下一年度2月", 2), ("明年6月", 6)])
def test_a_month_of_the_next_year(text, month):
    v = parse_value(text)
    assert (v.kind, v.number, v.later, v.year, v.extra_text) == ("month", month, 1, None, False)
    assert v.shown() == f"次年 {month} 月"


def test_this_years_month_has_no_later_year():
    assert parse_value("2023年3月").later == 0 and parse_value("3月").later == 0


@pytest.mark.parametrize("target, actual, score", [
    ("≤12月", "次年3月", 7.5),           # three months late: 10 × (1 − 3 ÷ 12)
    ("年底前", "次年1月", 9.17),
    ("次年3月底前", "次年2月", 10),
    ("次年3月底前", "2023年4月", 6.67),   # a month late against 2023年3月
    ("次年3月底前", "12月", 10),          # this December: before next March (it scored 0, 12 against 3)
])
def test_next_years_months_are_scored_in_their_year(target, actual, score):
    s = score_indicator(target, actual, 10, 10, name="完成时间", level2="时效指标", year=2022)
    assert s.score == pytest.approx(score)


def test_c5_asks_for_a_time_in_the_next_year():
    d = clean()
    d["indicators"][2].update(name="完成时间", level2="时效指标", target="次年3月底前", actual="已完成")
    (c5,) = hits(run(d), "C5")
    assert f"“{d['year'] + 1}年3月”" in c5.message
