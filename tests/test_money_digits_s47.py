"""万元 figures of a county are five digits before the point: every digit is said, none in exponent form.

``f"{x:g}"`` keeps six significant digits: a county's 应评价数 of 56864.25 万元 was said “56864.2” in the
E4 message (a department typing that figure was told again), in the 退回修改清单's 表中为/应为 columns, and
in ``summarize``'s and the demo's printed totals; 123456789.5 came out as 1.23457e+08.
"""

from __future__ import annotations

from jixiao.cli import _summary_text
from jixiao.core.grades import GRADES
from jixiao.review.run import _show
from jixiao.summary import Summary, compare_published


def _summary(due: float, done: float) -> Summary:
    return Summary(unit="县教育局", rows=[], grades={g: 0 for g in GRADES}, projects_due=3, projects_done=3,
                   funds_due=due, funds_done=done)


def test_e4_says_every_digit_of_a_county_total():
    published = {"projects_due": 3, "projects_done": 3, "funds_due": 56864.3, "funds_done": 50000.0,
                 "grades": {g: 0 for g in GRADES}}
    found = {f.field: f.message for f in compare_published(_summary(56864.25, 51234.5678), published, "汇总表.xlsx")}
    assert "应为 56864.25 万元，表中为 56864.3 万元" in found["summary.funds_due"]
    assert "应为 51234.5678 万元，表中为 50000 万元" in found["summary.funds_done"]
    assert "e+" not in "".join(found.values())


def test_e4_counts_stay_whole_numbers():
    published = {"projects_due": 2, "projects_done": 3, "funds_due": 1.0, "funds_done": 1.0,
                 "grades": {g: 0 for g in GRADES}}
    found = {f.field: f.message for f in compare_published(_summary(1.0, 1.0), published, "汇总表.xlsx")}
    assert list(found) == ["summary.projects_due"]
    assert "应为 3 个，表中为 2 个" in found["summary.projects_due"]


def test_list_columns_keep_every_digit():
    assert _show(56864.25) == "56864.25"
    assert _show(123456789.5) == "123456789.5"
    assert _show(2.0) == "2" and _show(0.925) == "0.925" and _show(None) == ""


def test_summarize_prints_every_digit(capsys):
    _summary_text(_summary(56864.25, 51234.5678), {}, [])
    out = capsys.readouterr().out
    assert "应评价数 56864.25  已评价数 51234.5678" in out


def test_score_prints_scores_as_their_cells_show_them(capsys):
    """``jixiao score`` printed 99.895 as 99.89 (``:.2f`` on the float) where the form's 0.00 cell, the demo,
    the 汇总表 and the reports show 99.90 (``as_shown``, half-up on the decimal value)."""
    from conftest import SAMPLES
    from jixiao.cli import main

    sample = next(p for p in SAMPLES if p.name == "12.json")   # 城乡医疗救助资金: 执行率得分 9.895, 总分 99.895
    assert main(["score", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "99.90" in out and "9.90" in out
    assert "99.89" not in out


def test_a_bureau_threshold_is_said_as_set():
    """A 阈值 of 62.5% (a bureau's rule settings) was said “62%” (``:.0%``); ``pct(trim=True)`` as the
    profile's own description says it."""
    from dataclasses import replace

    from jixiao.core.profiles import get_profile
    from jixiao.forms.project.scoring import score_indicator

    p = replace(get_profile(None), far_above=1.375)
    r = score_indicator("≥100 人", "150 人", 10, 10, p)
    assert r.far_above and "≥ 137.5%" in r.basis
