"""What a QA tester found in the documents the 填报人 generates (session 42): an 实际完成值 written as a bare
number quoted without the unit its 指标值 gives (“完成值9000”), a forced draft repeating “完成情况未以实测数值
反映【待核实】” after every such indicator and a full score beside “未达到指标值” left unmarked, and figures the
整体报告's table and its text wrote two ways (“100.00” and “100分”)."""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded

SAMPLE_DIR = SAMPLES[0].parent


def _project(name: str, check: bool = False, **change):
    d = json.loads((SAMPLE_DIR / name).read_text(encoding="utf-8")) | change
    batch = Batch([Loaded(parse_form(d), "x.json")], files=1)
    return R.collect(batch, check=check_batch(batch) if check else None).projects[0]


def test_a_bare_actual_takes_the_unit_of_its_target():
    text = "".join(R.group_lines(_project("11.json")))
    # 宣传印刷品数量 ≥9000册 / 9000, 条幅数量 ≥10条 / 10
    assert "（指标值≥9000册，完成值9000册）" in text and "（指标值≥10条，完成值10条）" in text, text
    text = "".join(R.group_lines(_project("07.json")))
    assert "（指标值≤834元，完成值833.33元）" in text, text
    text = "".join(R.group_lines(_project("01.json")))
    assert "（指标值≤5.6万元，完成值5.18万元" in text, text
    # a target naming no unit, a month, or words: the actual as written
    assert "（指标值<1人，完成值0人）" in "".join(R.group_lines(_project("12.json")))


def test_a_draft_says_once_per_project_which_indicators_cannot_be_judged():
    # 03.json: eight 完成值 repeat their bound (“≤8.18万元”, C4 errors): it said “完成情况未以实测数值反映【待核实】”
    # after each, and “无法判断是否达到指标值” after each group
    lines = R.group_lines(_project("03.json", check=True))
    text = "".join(lines)
    assert "完成情况未以实测数值反映" not in text and "无法判断" not in text, text
    said = [x for x in lines if "未以实测数值" in x]
    assert said == [lines[-1]] and said[0].count(R.CHECK) == 1, lines
    assert said[0].startswith("业务处理及时性、网络使用成本、") and "8项指标的完成值均未以实测数值填写" in said[0], said
    # the brackets of those indicators carry no verdict and no mark of their own
    assert "网络使用成本（指标值≤8.18万元，完成值≤8.18万元）；" in text, text
    # a group with one met and one not judged names the one met
    lines = R.group_lines(_project("02.json", check=True))
    assert any(x.endswith("，其中减轻日常医保工作压力达到指标值。") for x in lines), lines


def test_full_marks_beside_not_reached_are_marked():
    # 08.json: 设备正常使用年限 ≥3年, 已正常使用1年, scored 5 of 5 on the form
    text = "".join(R.group_lines(_project("08.json", check=True)))
    assert "（指标值≥3年，完成值已正常使用1年，未达到指标值，得5分【待核实】，分值5分）" in text, text


def test_the_counts_of_indicators_read_as_a_department_writes_them():
    batch = Batch([Loaded(parse_form(json.loads(p.read_text(encoding="utf-8"))), p.name) for p in SAMPLES], files=23)
    data = R.collect(batch)
    ctx = R.build_context(data)
    assert ("其中达到指标值的76个，未达到指标值的26个；另有87个指标的完成情况未以实测数值反映，"
            "是否达到指标值需补充实际完成数后确定【待核实】。") in ctx["goals_overview"], ctx["goals_overview"]
    # each project's account in the 整体报告 says it once, after its own counts
    summary = ctx["projects"][0]["indicator_summary"]
    assert summary == ("共设三级指标7个，其中达到指标值的5个；另有2个指标的完成情况未以实测数值反映，"
                       "是否达到指标值需补充实际完成数后确定【待核实】。"), summary
    # the 实际完成情况 before it no longer counts them too
    assert "未以实测数值" not in ctx["projects"][2]["goal_clause"], ctx["projects"][2]["goal_clause"]


def test_the_table_states_a_score_as_the_text_does():
    batch = Batch([Loaded(parse_form(json.loads(p.read_text(encoding="utf-8"))), p.name) for p in SAMPLES], files=23)
    ctx = R.build_context(R.collect(batch))
    for p in ctx["projects"]:   # 03.json: “100.00” and “自评总分100.00分”, 09.json: “98.80” and “98.80分” (s42: it wrote
        # 100.00 in the table and 100 in the text; s66: one style, as the 总分 cell prints it, not “100” above “98.8”)
        assert f"自评总分{p['total_score']}分" in p["goal_clause"], (p["total_score"], p["goal_clause"])
    assert [ctx["projects"][k]["total_score"] for k in (2, 8)] == ["100.00", "98.80"]


def test_money_is_stated_as_the_forms_wan_yuan_cells_show_it():
    from jixiao.core.numbers import MONEY_FORMAT, as_shown
    from jixiao.excel.sheet import FMT_MONEY

    assert FMT_MONEY == MONEY_FORMAT == "0.00####"   # the form's and the 汇总表's 万元 cells
    # two decimals; more only where the form holds more (never 2.00 for 1.995 of a budget of 2)
    assert [R.money(x) for x in (88, 5.6, 1.995, 425.395, 2 - 1.995, 0.1 + 0.2, 0, 12.5352734)] == [
        "88.00", "5.60", "1.995", "425.395", "0.005", "0.30", "0.00", "12.535273"]
    assert as_shown(-1e-9, MONEY_FORMAT) == "0.00"
    p = _project("20.json")   # 1.995 of 2 万元
    assert R.funds_clause(p).endswith("下达2.00万元，支出1.995万元，执行率99.75%，结余0.005万元，未全部支出，预算执行存在偏差。")
    batch = Batch([Loaded(parse_form(json.loads(p.read_text(encoding="utf-8"))), p.name) for p in SAMPLES], files=23)
    ctx = R.build_context(R.collect(batch))
    # the table and the text the same figures: 5.60 in the row, “全年预算数5.60万元” in the text
    row = ctx["projects"][0]
    assert (row["annual"], row["executed"]) == ("5.60", "5.18") and "全年预算数5.60万元" in row["basic"]
    assert (ctx["total_annual"], ctx["total_executed"]) == ("568.64", "425.395")
