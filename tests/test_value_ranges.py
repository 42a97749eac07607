"""A 年度指标值 or 实际完成值 written as a range (“80%-90%”, “80-90%”, “3-5个工作日”).

Until stop 53 a range was read as its first figure: “80-90%” as the bare number 80 (C12 then said the
cell had no unit), “3-5个工作日” as 3 without a unit (a 时限 scored “higher is better”, 8 days full
marks), and an 实际完成值 “90%-95%” as 90% with text around it (a C10 warning, not C4).
"""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator
from jixiao.reading.targets import same_target
from test_rules import clean, ind, run


@pytest.mark.parametrize("text, low, high, unit", [
    ("80%-90%", 80, 90, "%"),
    ("80-90%", 80, 90, "%"),             # the unit written once, after the upper end
    ("90%～95%", 90, 95, "%"),            # a full-width tilde
    ("85%至95%", 85, 95, "%"),
    ("3-5个工作日", 3, 5, "工作日"),
    ("5—8人", 5, 8, "人"),
    ("0.5-1万元", 0.5, 1, "万元"),
    ("0.5万元-8000元", 0.5, 0.8, "万元"),   # the upper end converted into the lower end's unit
])
def test_a_range_keeps_both_ends_in_one_unit(text, low, high, unit):
    v = parse_value(text)
    assert (v.kind, v.number, v.high, v.unit, v.direction) == ("quantity", low, high, unit, None)
    assert not v.extra_text and v.stated_bound
    assert v.upper().number == high and v.upper().high is None


def test_a_count_per_period_range_keeps_its_period():
    v = parse_value("每月1-2次")
    assert (v.number, v.high, v.per, v.unit_text) == (1, 2, "月", "次/月")


@pytest.mark.parametrize("text", ["2021-2022年", "5-3人", "3万元-5000元", "≥80%-90%", "2022-12"])
def test_what_is_no_range(text):
    assert parse_value(text).high is None


def test_a_range_target_is_met_anywhere_in_it():
    for actual in ("80%", "85%", "90%"):
        s = score_indicator("80%-90%", actual, 10, 10, name="服务对象满意度")
        assert s.score == 10 and "区间内得满分" in s.basis


def test_below_a_floor_range_is_scored_against_its_lower_end():
    s = score_indicator("80%-90%", "70%", 10, 10, name="服务对象满意度")
    assert s.score == 8.75
    assert "按下限 80% 作正向指标计" in s.basis and "70 ÷ 80" in s.basis


def test_a_time_limit_range_is_scored_against_its_upper_end():
    late = score_indicator("3-5个工作日", "8个工作日", 10, 10, name="办理时限", level2="时效指标")
    assert late.score == 4 and "按上限 5 个工作日 作反向指标计" in late.basis
    assert late.alt_score == 10          # read as a floor (≥3) it is met: D10 says both, D4 neither
    early = score_indicator("3-5个工作日", "2个工作日", 10, 10, name="办理时限", level2="时效指标")
    assert early.score == 10


def test_a_cost_range_is_a_ceiling_at_its_upper_end():
    s = score_indicator("0.5-1万元", "12000元", 10, 10, name="采购成本", level2="成本指标")
    assert s.score == 8 and "1 万元" in s.basis


def test_within_a_range_is_not_far_above():
    assert not score_indicator("3-5", "5", 10, 10, name="培训期数").far_above
    assert score_indicator("3-5", "7", 10, 10, name="培训期数").far_above   # 140% of the upper end


def test_an_actual_range_is_no_measured_value():
    s = score_indicator("≥90%", "90%-95%", 10, 9, name="服务对象满意度")
    assert not s.computed and s.score == 9 and "是一个区间" in s.basis


def _new(i, **kw):
    base = {(f.rule, f.field) for f in run(clean())}
    d = clean()
    ind(i, **kw)(d)
    return [f for f in run(d) if (f.rule, f.field) not in base]


def test_c2_asks_which_end_where_the_unit_is_written_once():
    got = _new(6, target="80-90%", actual="85%")
    assert [f.rule for f in got] == ["C2"]          # was C12 “只有数字，应写明计量单位”
    assert "是一个区间" in got[0].message and "“≥80%”或“≤90%”" in got[0].message


def test_c4_for_an_actual_range():
    got = _new(6, target="≥90%", actual="90-95%")
    assert [(f.rule, f.severity) for f in got] == [("C4", "error")]    # was C10, a warning
    assert "是一个区间" in got[0].message


def test_d4_of_a_late_time_limit_range_is_d10_only():
    # the two readings (≤5 and ≥3) differ: a warning naming both, no error
    got = _new(2, name="办理时限", target="3-5个工作日", actual="8个工作日")
    assert {f.rule for f in got} == {"C2", "D10", "D14"}
    d10 = next(f for f in got if f.rule == "D10").message
    assert "是一个区间" in d10 and "按上限（≤5 个工作日）理解应得 4 分" in d10 and "（≥3 个工作日）理解应得 10 分" in d10


def test_same_target_minds_the_upper_end():
    assert same_target("80%-90%", "80-90%")
    assert not same_target("80%-90%", "80%-95%")
    assert not same_target("80%-90%", "≥80%")


def test_a_report_quoting_another_range_disagrees():
    from jixiao.checking.rules.report import _indicator_agrees
    from jixiao.forms.project.model import Indicator

    row = Indicator(level1="效益指标", level2="满意度指标", name="服务对象满意度", target="80%-90%", actual="85%",
                    weight=10, score=10)
    assert _indicator_agrees(parse_value("80-90%"), row, "target") is True
    assert _indicator_agrees(parse_value("80%-95%"), row, "target") is False     # was True: only 80 compared
