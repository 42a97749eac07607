"""Scores in the documents as the form shows them (``core.numbers.as_shown``): the 总分 cell is format 0.00,
so 99.895 is stated “99.90” (half-up on the decimal value: Python's float rounding gives 99.89, and a sum
of scores that is 99.91499999999999 as a float shows 99.92 in every spreadsheet); a typed 得分 (常规) as
typed: 8.235, not 8.24."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.numbers import SCORE_FORMAT, as_shown
from jixiao.excel.sheet import FMT_SCORE_CALC
from jixiao.reports.checkreport import check_lines
from jixiao.sources import load_all


@pytest.mark.parametrize("x, calc, typed", [
    (99.895, "99.90", "99.895"), (89.895 + 10, "99.90", "99.895"), (99.91499999999999, "99.92", "99.915"),
    (8.235, "8.24", "8.235"), (100, "100.00", "100"), (98.80882352941177, "98.81", "98.8088235294118"),
    (-0.001, "0.00", "-0.001"), (0, "0.00", "0"),
])
def test_a_score_is_the_number_its_cell_shows(x, calc, typed):
    assert as_shown(x, SCORE_FORMAT) == calc and as_shown(x) == typed
    assert FMT_SCORE_CALC == SCORE_FORMAT   # the form's 总分 cell is formatted as the reports state it


def _context(tmp_path, total, indicator_score):
    form = json.loads(SAMPLES[1].read_text(encoding="utf-8"))   # 医疗保障服务经费: its first indicator unmet
    form["total_score"] = total
    assert form["indicators"][0]["score"] == 8.24 and form["indicators"][0]["weight"] == 10
    form["indicators"][0]["score"] = indicator_score
    path = tmp_path / "02.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    data = R.collect(load_all([path]))
    return data, R.build_context(data)


@pytest.mark.parametrize("total, shown, said", [(99.895, "99.90", "99.9"), (99.91499999999999, "99.92", "99.92"),
                                                (98, "98.00", "98")])
def test_the_reports_state_the_total_as_the_form_shows_it(tmp_path, total, shown, said):
    """The number the form's 0.00 cell shows, in a sentence and in the 整体报告's table alike (s42: the table wrote
    “98.00” beside “98分”): “自评总分98.00分”, as the 定稿 prints it (s66: the table's one column wrote “96” above
    “98.33”). The 校验报告 says it as 校验's messages do, without the format's trailing zeros."""
    data, ctx = _context(tmp_path, total, 8.235)
    (p,) = ctx["projects"]
    assert R.score2(total) == shown
    assert p["total_score"].replace(R.CHECK, "").strip() == shown
    assert f"自评总分{shown}分" in p["goal_clause"]
    assert "得8.235分" in "".join(p["group_lines"])   # the typed 得分 as typed (it said 8.24)
    assert f"自评表总分{said}分，" in "".join(check_lines(data)["scores"])   # the 校验报告 too


@pytest.mark.parametrize("n", [1, 2])
def test_one_project_is_not_said_as_many(tmp_path, n):
    """A report on one project said “对2022年度1个项目逐一填报”, “各项目的自评情况”, “各项目资金安排……如下表”."""
    data = R.collect(load_all(SAMPLES[:n]))
    ctx = R.build_context(data)
    said = "".join(ctx["organisation"] + ctx["budget_lines"]) + ctx["one_by_one"]   # the 报送函's “逐一” too
    if n == 1:
        assert "各项目" not in said and "逐一" not in said and "该项目资金安排" in said and "该项目的自评情况" in said
    else:
        assert "逐一填报" in said and "各项目资金安排" in said and "各项目的自评情况" in said
