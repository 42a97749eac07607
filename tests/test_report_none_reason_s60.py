"""A “无” typed where no reason applies is no reason in the report (stop 60).

A 填报人 who has nothing to say writes “无” (or “—”, “/”) in 说明 or 偏差原因 — the checker reads that as
blank (G1: “……说明中都没有写明原因”), but the 项目支出绩效自评报告 took it as the reason the money was not
spent: “执行率80%，结余24.10万元。偏差原因：无。” in a document the department sends. Now such a cell
is no reason: the report says 【待填写】 as it does for a blank one.
"""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao.core.settings import TODO
from jixiao.reports.facts import collect
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded


def _project(**changes):
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["funds"]["total"].update(annual=100, executed=80)
    for k in ("fiscal", "carryover", "other"):
        data["funds"].pop(k, None)
    data.update(changes)
    return data


def test_none_in_the_remark_is_no_reason_for_the_money_left():
    data = _project(remark="无", goal_actual="已完成")
    for ind in data["indicators"]:
        ind["reason"] = "—"
    batch = Batch(forms=[Loaded(parse_form(data), "a.json")])
    p = collect(batch).projects[0]
    assert p.rate is not None and p.rate < 1
    assert p.funds_reasons() == [] and p.reasons() == []


def test_a_reason_written_is_kept():
    data = _project(remark="无", goal_actual="已完成")
    data["indicators"][0]["reason"] = "因政府采购节约资金，结余20万元。"
    p = collect(Batch(forms=[Loaded(parse_form(data), "a.json")])).projects[0]
    assert p.funds_reasons() and "政府采购" in p.funds_reasons()[0] and TODO not in p.funds_reasons()[0]


def test_a_qualitative_indicator_left_unscored_is_not_said_unmet_with_0_points():
    """The draft report (生成报告 with errors left) said “学生营养健康状况（指标值有所改善，完成值明显改善，
    未达到指标值，得0分【待核实】）” of an indicator whose 得分 the 填报人 had still to give (计算 leaves a
    定性指标 blank): nothing says it was not met, nor that it got 0. It cannot be judged yet."""
    from jixiao.reports.facts import verdict

    data = _project()
    ind = data["indicators"][0]
    ind.update(target="有所改善", actual="明显改善", score=None)
    p = collect(Batch(forms=[Loaded(parse_form(data), "a.json")])).projects[0]
    s = p.score.indicators[0]
    assert s.written is None and not s.computed
    assert verdict(s, p.form.indicators[0]) == "unverified"
    assert 0 not in [i for i, _s in p.unmet]


def test_the_draft_says_the_score_is_missing():
    from jixiao.reports.prose import unverified_line

    data = _project()
    data["indicators"][0].update(target="有所改善", actual="明显改善", score=None)
    p = collect(Batch(forms=[Loaded(parse_form(data), "a.json")])).projects[0]
    line = unverified_line(p)
    name = data["indicators"][0]["name"]
    assert f"{name}的得分未填写" in line and line.endswith("评定得分后确定【待核实】。"), line
