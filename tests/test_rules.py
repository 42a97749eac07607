"""Each rule of the catalogue, fired and not fired, through the real runner.

The forms are small edits of one clean form (01.json with its mistakes corrected), so each
case shows exactly which cell makes a rule fire.
"""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from jixiao.checking.run import check_batch
from jixiao.forms.project.model import parse_form
from jixiao.checking.rules import load_catalogue
from jixiao.sources import Batch, Loaded


def clean() -> dict:
    """01.json corrected: no finding of any severity."""
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    ind = d["indicators"]
    ind[0]["actual"] = "1 人"
    ind[1]["target"] = "=100%"
    ind[2].update(name="工资按月发放及时率", target="=100%", actual="100%")   # “12 次” is no time limit (H4)
    ind[3].update(actual="5.18 万元", score=20)
    ind[4].update(target="=100%", actual="100%")
    ind[5].update(target="=100%", actual="100%")
    ind[6]["actual"] = "96%"
    d["total_score"] = 99.25
    d["authority"] = "大厂回族自治县人民政府"                         # H1
    d["remark"] = "执行率 92.5%：工资按在岗人员实际发放，结余 0.42 万元。"   # G1: why not 100%
    return d


def run(*forms: dict, profile=None):
    batch = Batch(forms=[Loaded(parse_form(f), f"表{k + 1}.json") for k, f in enumerate(forms)], files=len(forms))
    return check_batch(batch, profile).findings


def hits(findings, code):
    return [f for f in findings if f.rule == code]


def test_clean_form_has_no_findings():
    assert [(f.rule, f.field, f.message) for f in run(clean())] == []


# -- edits ------------------------------------------------------------------------------
def fund(row, col, v):
    return lambda d: d["funds"][row].__setitem__(col, v)


def executed(v):
    def f(d):
        d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = v
    return f


def ind(i, **kw):
    return lambda d: d["indicators"][i].update(kw)


def top(**kw):
    return lambda d: d.update(kw)


def both(*edits):
    def f(d):
        for e in edits:
            e(d)
    return f


def drop_satisfaction(d):
    gone = d["indicators"].pop(6)
    d["indicators"][4]["weight"] += gone["weight"]
    d["indicators"][4]["score"] += gone["score"]


# (code, severity, field, edit): the rule must report this field with this severity
FIRES = [
    ("A1", "error", "funds.total.annual", fund("total", "annual", None)),
    ("A1", "error", "funds.total.executed", fund("total", "executed", None)),
    # a blank total with its 其中 rows filled: A1 names the sum every figure then uses
    ("A1", "error", "funds.total.initial", fund("total", "initial", None)),
    ("A2", "error", "funds.fiscal.annual", top(funds={"total": {"initial": 5.6, "annual": 5.6, "executed": 5.18}})),
    ("A2", "error", "funds.fiscal.annual", fund("fiscal", "annual", 5.0)),
    ("A3", "error", "exec_rate", both(executed(5.6), top(exec_rate="10", exec_score=10, total_score=100))),
    ("A3", "error", "exec_rate", top(exec_rate=9.25)),
    ("A3", "error", "exec_rate", top(exec_rate="95%")),
    ("A7", "info", "exec_rate", top(exec_rate=None)),
    ("A4", "error", "exec_score", top(exec_score=10, total_score=100)),
    ("A8", "info", "exec_score", top(exec_score=None)),
    ("A9", "warning", "exec_score", both(executed(4.6816), top(exec_rate="84%", exec_score=8.4, total_score=98.4))),
    ("A5", "error", "funds.total.executed", both(executed(6), top(exec_rate="107.14%", exec_score=10, total_score=100))),
    ("A6", "warning", "exec_rate", both(executed(2), top(exec_rate="35.71%", exec_score=3.57, total_score=93.57))),
    ("B1", "error", "total_weight", both(ind(3, weight=30, score=30), top(total_weight=110, total_score=109.25))),
    ("B2", "error", "total_weight", top(total_weight=90)),
    ("B3", "warning", "indicators[0].weight", both(ind(0, weight=5, score=5), ind(4, weight=20, score=20))),
    ("B3", "warning", "funds_weight", both(top(funds_weight=20, exec_score=18.5, total_score=98.5),
                                          ind(4, weight=5, score=5))),
    ("B4", "warning", "indicators[4].level1", drop_satisfaction),   # after the 效益 block (issue 14)
    ("B5", "error", "indicators[0].weight", ind(0, weight=None)),
    ("B5", "error", "funds_weight", top(funds_weight=None)),
    ("C1", "error", "indicators[0].target", ind(0, target=None)),
    ("C12", "warning", "indicators[1].target", ind(1, target="100")),
    ("C2", "warning", "indicators[1].target", ind(1, target="100%")),
    # a count under 数量指标 (under 时效指标 H4 says it, C2 inside: test_one_cell_one_value)
    ("C2", "warning", "indicators[0].target", ind(0, target="1 人")),
    ("C3", "error", "indicators[0].actual", ind(0, actual=None)),
    ("C3", "error", "indicators[0].actual", ind(0, actual="  ")),
    ("C4", "error", "indicators[6].actual", ind(6, actual="≥95%")),
    ("C4", "error", "indicators[3].actual", ind(3, actual="≤5.6 万元")),
    ("C13", "warning", "indicators[6].actual", ind(6, actual="=96%")),
    ("C5", "error", "indicators[0].actual", ind(0, actual="已完成")),
    ("C5", "error", "indicators[2].actual", ind(2, actual="按计划完成")),
    ("C5", "error", "indicators[0].actual", ind(0, actual="未完成", score=0, reason="岗位空缺")),
    ("C6", "error", "indicators[0].actual", ind(0, actual="100%")),
    ("C6", "error", "indicators[3].actual", ind(3, actual="92.5%")),
    ("C14", "warning", "indicators[0].actual", ind(0, actual="1 人次")),
    ("C7", "warning", "indicators[1].name", ind(1, name="工作人员数量")),
    ("C8", "warning", "indicators[3].target", ind(3, target="≤24 万元")),
    ("C9", "warning", "indicators[1].target", ind(1, target="≥100%")),
    ("C9", "warning", "indicators[1].target", ind(1, target=">100%")),
    ("C10", "warning", "indicators[0].actual", ind(0, actual="实有 1 人")),
    ("C11", "info", "indicators[0].actual", ind(0, actual="2 人")),
    # a score above its 分值 that no rule computes (“已完成”): D1 alone; one D4 computes says it itself, D1 inside
    ("D1", "error", "indicators[0].score", ind(0, score=12, actual="已完成")),
    ("D2", "error", "indicators[0].score", ind(0, score=-1, reason="见说明")),
    ("D3", "error", "indicators[0].score", ind(0, score=None)),
    ("D4", "error", "indicators[3].score", ind(3, score=18.5, reason="节约资金")),
    ("D8", "warning", "indicators[0].score",      # 8 of ≥10: 8 proportionally, 5 under the 60% rule
     both(ind(0, target="≥10 人", actual="8 人", score=5, reason="有 2 人离职"), top(total_score=94.25))),
    ("D8", "warning", "indicators[0].score",      # words around the number: computed, but uncertain
     both(ind(0, target="≥10 人", actual="约 8 人", score=10))),
    # the same: the 总分 adds up and no certain mistake changes it, the warned score does (D11's warning)
    ("D14", "warning", "total_score", both(ind(0, target="≥10 人", actual="约 8 人", score=10))),
    ("D5", "error", "indicators[5].score", ind(5, target="显著提升", actual="显著提升", score=6, reason="效果一般")),
    ("D5", "error", "indicators[5].score", ind(5, target="显著提升", actual="未完成", score=15)),
    ("D6", "error", "indicators[0].reason", both(ind(0, target="≥10 人", actual="8 人", score=8),
                                                 top(total_score=97.25))),
    ("D7", "error", "total_score", top(total_score=100)),
    ("D7", "error", "total_score", top(exec_score=None, total_score=90)),
    # -- issue 14 ---------------------------------------------------------------------
    # an undirected cost target: both readings give 20, so 15 is wrong under every reading
    ("D4", "error", "indicators[3].score", ind(3, target="5.6 万元", actual="5.6 万元", score=15, reason="超支")),
    ("D10", "warning", "indicators[3].score", ind(3, target="5.6 万元", actual="5.18 万元", score=18.5, reason="节约")),
    ("D10", "warning", "indicators[3].score", ind(3, name="采购费用", target="控制在 5.6 万元", actual="5.18 万元",
                                                  score=18.5, reason="节约")),
    ("D11", "error", "total_score", both(ind(3, score=18.5, reason="节约资金"), top(total_score=97.75))),
    ("D11", "error", "total_score", both(executed(5.32), top(exec_rate="95%", exec_score=10, total_score=100))),
    ("D12", "error", "total_score", top(total_score=101)),
    ("D12", "error", "total_score", both(ind(3, weight=30, score=30), top(total_weight=110, total_score=100))),
    ("G1", "warning", "exec_rate", top(remark=None)),
    ("G2", "warning", "goal_actual", both(executed(4), top(exec_rate="71.43%", exec_score=7.14, total_score=97.14))),
    ("G2", "warning", "exec_rate", both(executed(4), top(exec_rate="71.43%", exec_score=7.14, total_score=97.14,
                                                          goal_actual="发放工资 12 个月"))),
    ("G3", "warning", "goal_actual", both(ind(0, target="≥10 人", actual="8 人", score=8, reason="有 2 人离职"),
                                          top(total_score=97.25))),
    ("H1", "warning", "authority", top(authority=None)),
    ("H1", "warning", "authority", top(authority="131001")),
    ("H2", "warning", "project", top(project="关于下达2022年退役军人辅助性岗位经费的通知冀财社〔2022〕5号")),
    ("H2", "warning", "project", top(project="退役军人辅助性岗位经费绩效目标表")),
    ("H3", "warning", "indicators[4].level2", ind(4, name="群众满意度")),
    ("H3", "warning", "indicators[6].level2", ind(6, name="服务人数", target="≥95 人", actual="96 人")),
    ("H4", "warning", "indicators[2].target", ind(2, target="及时", actual="及时")),
    ("H4", "warning", "indicators[2].target", ind(2, name="发放及时率", target="12 月前", actual="12 月")),
    ("H4", "warning", "indicators[2].target", ind(2, name="工资发放及时性", target="≥12 次", actual="12 次")),
    ("H3", "warning", "indicators[5].level2", ind(5, level2="生态效益指标")),     # 稳定性: nothing ecological
    ("H4", "warning", "indicators[2].target", ind(2, target="≥30 天", actual="30 天")),
    # issue 14 recall audit (rules/recall.py)
    ("A14", "warning", "indicators[3].target", ind(3, name="总成本", target="≤2 万元")),
    ("A16", "warning", "funds.total.annual", both(fund("total", "annual", 56000), fund("fiscal", "annual", 56000))),
    ("A16", "warning", "funds.total.executed", executed(51800)),       # the 成本指标's 5.18 万元 × 10,000
    ("A16", "warning", "funds.total.executed", both(executed(51800), ind(3, target="≤6 万元", actual="5.5 万元"))),  # 9,250 × 5.6
    # the 当年财政拨款 row in 元 too: the total alone in 元 is A2's (its parts), which holds A16 (s66, one finding)
    ("A16", "warning", "funds.total.initial", both(fund("total", "initial", 56000), fund("fiscal", "initial", 56000))),
    ("A15", "warning", "funds.total.initial", both(fund("total", "initial", None), fund("fiscal", "initial", None))),
    ("A17", "error", "funds.total.executed", both(executed(-1), top(exec_rate=None, exec_score=None))),
    ("A17", "error", "funds.other.annual", fund("other", "annual", -0.5)),
    ("A17", "error", "funds.total.annual", both(fund("total", "annual", -5.6), fund("fiscal", "annual", -5.6))),
    ("A18", "warning", "funds.total.annual", both(fund("total", "annual", 0), fund("fiscal", "annual", 0),
                                                  executed(0), top(exec_rate=None, exec_score=None))),
    ("C17", "warning", "indicators[0].target", ind(0, target="≥1 人数")),
    ("C18", "error", "indicators[1].name", ind(1, name="")),
    ("C18", "error", "indicators[1].name", ind(1, name="  ")),
    ("C18", "error", "indicators[1].name", ind(1, name="/", target=None, actual=None)),
    ("H6", "warning", "indicators[4].name", ind(4, name="受益人数", target="≥1 人", actual="1 人")),
    ("H7", "warning", "indicators[0].name", ind(0, name="全县工作人员约 1 人")),
    ("H5", "warning", "indicators[0].target", ind(0, target="≤1 人")),
    ("C15", "warning", "indicators[0].actual", ind(0, actual="1")),
    ("C16", "warning", "indicators[6].target", ind(6, target="≥95 比率")),
    ("C16", "warning", "indicators[6].actual", ind(6, actual="96 百分比")),
    ("A10", "warning", "indicators[3].actual", ind(3, name="总成本", actual="5 万元")),
    ("A11", "warning", "indicators[3].target", both(fund("total", "initial", 5.0), fund("fiscal", "initial", 5.0),
                                                    top(remark=None), ind(3, name="总成本", target="≤5 万元"))),
    ("A12", "warning", "indicators[3].actual", both(ind(0, target="≥10 人", actual="10 人"),
                                                    ind(3, name="人均工资", target="≤50000 元/人", actual="50000 元/人"))),
    ("A12", "warning", "indicators[3].target", both(ind(0, target="≥10 人", actual="10 人"),
                                                    ind(3, name="人均工资", target="≤50000 元/人", actual="已完成"))),
    ("A13", "warning", "indicators[3].target", ind(3, target="≥5.6 万元")),
    # s42: a name copied from another year's form (the form is 2022)
    ("H9", "error", "indicators[1].level2", ind(1, level2="社会效益指标")),           # 产出指标 › 社会效益指标
    ("H9", "error", "indicators[6].level2", ind(6, level1="效益指标")),                # 效益指标 › 服务对象满意度指标
    ("H9", "error", "indicators[4].level2", ind(4, level2="数量 指标")),              # spaces, 效益 › 数量
    ("H8", "warning", "project", top(project="2021年医疗保障服务经费")),
    ("H8", "warning", "project", top(project="2023年中央医疗服务与保障能力提升补助资金项目")),
    ("H8", "warning", "project", top(project="2021 年度退役军人辅助性岗位经费")),
    ("H8", "warning", "project", top(project="提前下达2023年医疗救助补助资金")),   # next year's budget
    ("H8", "warning", "project", top(project="２０２１年医疗保障服务经费")),       # full-width digits
    ("H8", "warning", "project", top(project="医疗救助资金（2021年）")),
    ("H8", "warning", "project", both(top(year=2023), top(project="2022年医疗保障服务经费"))),
    # s63: the 填报日期 against the year the form evaluates (2022 for 01.json)
    ("H10", "warning", "filled_on", top(filled_on="2023.2.30")),                     # no such day
    ("H10", "warning", "filled_on", top(filled_on="2022年6月1日")),                    # in the year evaluated
    ("H10", "warning", "filled_on", top(filled_on="2027.3.1")),                      # years after it
    ("H11", "info", "filled_on", top(filled_on=None)),                                # s64: blank, a hint
    ("H11", "info", "filled_on", top(filled_on="/")),
]

# (code, edit): the rule must stay silent on this form (borderline cases of FIRES)
SILENT = [
    ("A1", lambda d: None),
    ("A1", both(*(fund(r, "initial", None) for r in ("total", "fiscal", "carryover", "other")))),  # 年初 unknown
    ("A2", lambda d: None),
    ("A2", both(fund("fiscal", "annual", 5.0), fund("other", "annual", 0.6))),
    ("A2", both(fund("fiscal", "executed", 5.178), fund("other", "executed", 0.001))),  # within 0.005 万元
    ("A3", top(exec_rate=0.925)),                                      # a number from a workbook
    ("A3", top(exec_rate="93%")),                                      # whole-percent display of 92.5%
    ("A3", both(executed(5.586), top(exec_rate="100%", exec_score=9.975, total_score=99.975))),  # 99.75%
    ("A4", lambda d: None),
    ("A4", both(executed(4.6816), top(exec_rate="84%", exec_score=8.4, total_score=98.4))),  # 83.6% shown 84%
    ("A4", both(executed(4.6816), top(exec_rate="83.6%", exec_score=8.36, total_score=98.36))),
    ("A5", lambda d: None),
    ("A5", both(executed(5.6), top(exec_rate="100%", exec_score=10, total_score=100))),
    ("A6", lambda d: None),
    ("A6", both(executed(2), top(exec_rate="35.71%", exec_score=3.57, total_score=3.57),
                lambda d: [x.update(score=0, reason="资金未到位") for x in d["indicators"]])),
    ("B1", lambda d: None),
    ("B2", lambda d: None),
    ("B2", top(total_weight=None)),                                    # the template formula computes it
    ("B3", lambda d: None),
    ("B4", lambda d: None),
    ("B5", lambda d: None),
    ("C1", lambda d: None),
    ("C1", ind(5, target="显著提升", actual="显著提升")),
    ("C2", lambda d: None),
    ("C2", ind(2, target="12 月份", actual="12 月")),                   # a month point means "by then"
    ("C3", lambda d: None),
    ("C4", lambda d: None),
    ("C4", ind(2, target="≤3 月", actual="3月")),
    ("C5", lambda d: None),
    ("C5", ind(5, target="显著提升", actual="已完成")),                   # qualitative indicator
    ("C6", lambda d: None),
    ("C6", ind(3, actual="51800 元")),                                 # 元 and 万元 convert
    ("C6", ind(3, actual="5.18")),                                     # a bare number is in the target's unit
    ("C6", ind(2, target="≤30 天", actual="1 个月")),                     # time units convert
    ("C7", lambda d: None),
    ("C8", lambda d: None),
    ("C8", ind(3, target="≤5.6 万元")),
    ("C9", lambda d: None),
    ("C9", ind(6, target="≥95%")),
    ("C10", lambda d: None),
    ("C11", lambda d: None),
    ("C11", ind(0, actual="1.2 人")),
    ("D1", lambda d: None),
    ("D2", lambda d: None),
    ("D3", lambda d: None),
    ("D4", lambda d: None),
    ("D4", both(ind(0, target="≥17 名", actual="14 名", score=8.24, reason="2 人离职"), top(total_score=97.49))),
    ("D5", lambda d: None),
    ("D5", ind(5, target="显著提升", actual="显著提升", score=12, reason="尚有提升空间")),  # 80% is the top tier
    ("D5", ind(5, target="显著提升", actual="部分完成", score=10, reason="尚未完全见效")),
    ("D6", lambda d: None),
    ("D6", both(ind(0, target="≥10 人", actual="8 人", score=8, reason="有 2 人离职"), top(total_score=97.25))),
    ("D7", lambda d: None),
    ("D7", top(total_score=None)),
    ("D7", top(total_score=99.255)),                                   # within 0.01
    # -- issue 14 ---------------------------------------------------------------------
    ("A7", lambda d: None),
    ("A8", lambda d: None),
    ("A9", lambda d: None),
    ("A9", both(executed(4.6816), top(exec_rate="83.6%", exec_score=8.36, total_score=98.36))),
    ("C12", lambda d: None),
    ("C13", lambda d: None),
    ("C14", lambda d: None),
    ("C14", ind(0, actual="1 名")),                                    # 人 and 名 are one unit
    ("D8", lambda d: None),
    ("D4", ind(3, target="5.6 万元", actual="5.18 万元", score=18.5, reason="节约")),   # D10's, not D4's
    ("D10", lambda d: None),
    ("D10", ind(3, target="5.6 万元", actual="5.18 万元")),              # 20: the inferred ceiling's score
    ("D10", ind(1, name="足额发放率", target="100%", actual="90%", score=9, reason="1 人未发")),  # a rate: no guess
    ("D11", lambda d: None),
    ("D14", lambda d: None),
    # the 总分 does not add up: D7 gives the one value to type on the cell
    ("D14", both(ind(0, target="≥10 人", actual="约 8 人", score=10), top(total_score=95))),
    # a certain mistake changes the 总分: D11 says it, the warned total in its tail
    ("D14", both(ind(0, target="≥10 人", actual="约 8 人", score=10), ind(3, score=18.5, reason="节约资金"),
                 top(total_score=98.5))),
    ("D11", both(ind(0, target="≥10 人", actual="8 人", score=5, reason="有 2 人离职"), top(total_score=94.25))),
    ("D11", both(executed(4.6816), top(exec_rate="84%", exec_score=8.4, total_score=98.4))),  # A9's, a warning
    ("D12", lambda d: None),
    ("D12", top(total_score=100)),
    ("G1", lambda d: None),
    ("G1", top(remark=None, goal_actual="发放工资 12 个月，因 1 人请假结余 0.42 万元")),
    ("G1", both(executed(5.6), top(remark=None, exec_rate="100%", exec_score=10, total_score=100))),
    ("G2", lambda d: None),
    ("G2", both(executed(5), top(exec_rate="89.29%", exec_score=8.93, total_score=98.93))),
    ("G3", lambda d: None),
    ("G3", both(ind(0, target="≥10 人", actual="8 人", score=8, reason="有 2 人离职"),
                top(total_score=97.25, goal_actual="基本完成，在岗 8 人，少 2 人"))),
    ("H1", lambda d: None),
    ("H2", lambda d: None),
    ("H2", top(project="退役军人辅助性岗位经费（二期）")),
    ("H3", lambda d: None),
    ("H3", ind(4, name="满意度调查覆盖率", level1="满意度指标", level2="服务对象满意度指标")),
    ("H4", lambda d: None),
    ("H4", ind(2, name="工资发放时间", target="12 月前", actual="12 月")),
    ("H4", ind(2, name="工资发放时间", target="≤30 天", actual="25 天")),
    # s50: a time limit in words (since s52 read as the month it ends in: on a name ending in 率 H4 says
    # “是比率，指标值却写成月份”, as of “12 月前”)
    ("H4", ind(2, name="工资发放时间", target="年底前完成", actual="已按时完成")),
    ("H4", ind(2, name="工资发放时间", target="第三季度末前", actual="9 月完成")),
    # issue 14 recall audit (rules/recall.py)
    ("A14", lambda d: None),
    ("A14", ind(3, name="总成本")),                                     # ≤5.6 万元 on a 5.6 万元 budget
    ("A16", lambda d: None),
    ("A16", both(top(funds={"total": {"initial": 5600, "annual": 5600, "executed": 5180}}),   # a big project in 万元
               ind(3, target="≤5600 万元", actual="5180 万元"))),
    ("A16", top(funds={"total": {"initial": 1200, "annual": 1200, "executed": 1}})),   # spent 1 万元 of 1,200
    ("A15", lambda d: None),
    ("A17", lambda d: None),
    ("A17", both(fund("other", "initial", 0), fund("other", "annual", 0), fund("other", "executed", 0))),
    ("A15", both(fund("total", "initial", 0), fund("fiscal", "initial", 0))),   # 0 is written, not blank
    ("A18", lambda d: None),
    ("A18", both(fund("total", "annual", 0), fund("fiscal", "annual", 0), executed(0),   # the 执行率 carries no points
                 top(exec_rate=None, exec_score=None, funds_weight=0))),
    ("C17", lambda d: None),
    ("C17", ind(0, target="≥1 人次", actual="1 人次")),                 # 人次 is a unit
    ("C18", lambda d: None),
    ("C18", ind(1, name="无障碍设施完好率")),                            # a name that begins with 无
    ("H6", lambda d: None),
    ("H6", ind(4, name="受益人数", target="≥50 人", actual="50 人")),    # another number than any output
    ("H7", lambda d: None),
    ("H7", ind(0, name="2022 年度工作人员数量")),                        # a year is no value
    ("H7", ind(0, name="第 2 批次工作人员数量")),                       # an ordinal is no value
    ("H3", ind(5, level2="生态效益指标", name="节约用水量")),
    ("H9", ind(1, level2="质量 指标")),                    # its own 一级指标's, spaces aside
    ("H9", ind(1, level2="安全指标")),                     # a 二级指标 of the department's own: not ours to place
    ("H9", ind(1, level1="成本指标", level2="经济成本指标")),  # the 成本指标 一级 of later frameworks

    ("H5", lambda d: None),
    ("H5", ind(0, name="安全事故发生次数", target="≤1 次", actual="0 次")),
    ("C15", lambda d: None),
    ("C15", ind(0, actual="约 1")),                                    # words: C10's
    ("C16", lambda d: None),
    ("A10", lambda d: None),
    ("A10", ind(3, name="总成本")),                                     # 5.18 万元 = 全年执行数
    ("A10", ind(3, name="总成本", actual="51800 元")),                  # 元 and 万元 convert
    ("A11", lambda d: None),
    ("A11", both(fund("total", "initial", 5.0), fund("fiscal", "initial", 5.0),
                 ind(3, name="总成本", target="≤5 万元"))),                # the 说明 gives the reason
    ("A12", lambda d: None),
    ("A12", both(ind(0, target="≥10 人", actual="10 人"),
                 ind(3, name="人均工资", target="≤5000 元/人", actual="5000 元/人"))),
    ("A13", lambda d: None),
    # s42: other years a 2022 name may well write
    ("H8", lambda d: None),
    ("H8", top(project="2022年医疗保障服务经费")),
    ("H8", top(project="2021年结转医疗救助资金")),                                  # last year's money, carried over
    ("H8", top(project="2021年城乡医疗救助资金清算")),
    ("H8", top(project="2021年度医保基金监管考核奖励资金")),                      # paid for last year's work
    ("H8", top(project="2021-2023年医疗保障三年行动")),                           # a period with 2022 in it
    ("H8", top(project="2021—2023 年医疗保障三年行动")),
    ("H8", top(project="2021年至2023年医疗保障三年行动")),
    ("H8", top(project="2019-2020年脱贫攻坚巩固")),                               # a plan named at its start
    ("H8", top(project="城乡居民基本医疗保险财政补助资金[冀财社(2021)164号]")),    # a 文号's year
    ("H8", top(project="医疗服务与保障能力提升补助资金冀财社〔2021〕164号")),
    ("H8", top(project="关于提前下达 2022 年中央财政医疗救助补助资金预算的通知冀财社(2021)159 号")),
    ("H8", top(project="新冠病毒疫苗及接种费用县级补助资金(2021 年 2 月 6 日至 6 月 30 日)")),   # a date (21.json)
    ("H8", top(project="2023年底前完成的医保信息平台建设")),                      # a deadline
    ("H8", top(project="到2025年基本医疗保障全覆盖")),
    ("H8", top(project="2021、2022年医疗救助资金")),                               # the form's year too
    ("H8", top(project="2008年地震灾后重建项目")),                                  # an event, not a budget year
    ("H8", both(top(year=2023), top(project="2024年省运会筹备经费"))),
    ("H8", top(project="老年人与青少年医疗保障经费")),                              # 年 without a year
    ("H10", top(filled_on="2022.12.28")), ("H10", top(filled_on=None)), ("H10", top(filled_on="2023年3月1日")),
    ("H11", top(filled_on="2022.12.28")), ("H11", top(filled_on="2023.2.30")), ("H11", top(filled_on="见报送函")),
]


def _id(case):
    return f"{case[0]}-{case[1]}-{case[2]}"


@pytest.mark.parametrize("code, severity, field, edit", FIRES, ids=[_id(c) for c in FIRES])
def test_rule_fires(code, severity, field, edit):
    d = clean()
    edit(d)
    found = hits(run(d), code)
    assert any(f.field == field and f.severity == severity for f in found), \
        [(f.field, f.severity, f.message) for f in found]
    for f in found:
        assert f.message and f.project == d["project"] and f.file == "表1.json"
        json.dumps([f.expected, f.found])        # JSON-friendly


@pytest.mark.parametrize("code, edit", SILENT, ids=[f"{c}-{k}" for k, (c, _e) in enumerate(SILENT)])
def test_rule_silent(code, edit):
    d = clean()
    edit(d)
    assert [(f.field, f.message) for f in hits(run(d), code)] == []


def test_every_rule_is_tested_both_ways():
    codes = {c for c, r in load_catalogue().items() if r.form_type == "project"}  # F: test_dept_rules.py
    codes -= {"D13"}   # a 等级 only another layout states (a form as JSON has none): test_layouts_h37.py
    assert codes <= {c for c, *_ in FIRES} | {"E1", "E2", "E3", "E4"}   # E4: test_issue14_recall.py
    assert codes <= {c for c, _e in SILENT} | {"E1", "E2", "E3", "E4"}   # E4: test_issue14_recall.py


def test_rule_metadata_is_chinese_and_actionable():
    for r in load_catalogue().values():
        assert r.title and any("\u4e00" <= ch <= "\u9fff" for ch in r.title), r.code
        assert len(r.explanation) >= 30, r.code


# -- messages name expected and found ---------------------------------------------------
def test_a4_message_names_both_values():
    d = clean()
    d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = 5.32
    d.update(exec_rate="95%", exec_score=10, total_score=100)
    (f,) = hits(run(d), "A4")
    assert f.message == "执行率得分应为 9.5 分（分值 10 分 × 执行率 95.00%），表中为 10 分"
    assert (f.expected, f.found) == (9.5, 10)


def test_b1_says_what_the_total_row_holds_and_what_the_weights_add_up_to():
    """Weights adding up to 110 under a 总分行 分值 written 100 (sample 10): B1 sits on that cell, and its
    “表中为” (found) was the sum, 110, with “应为 100” — the 校验结果 sheet and the 问题清单 read
    “G34 表中为 110” of a cell holding 100. Now found is what the cell holds, the message gives both,
    and the cell already reading 100 is asked to have the weights add up to it, not to read 100."""
    def b1(total_weight):
        d = clean()
        d["indicators"][3].update(weight=30, score=30)
        d.update(total_weight=total_weight, total_score=109.25)
        (f,) = hits(run(d), "B1")
        return f.message, f.expected, f.found

    assert b1(100) == ("分值合计应为 100 分，各项分值之和为 110 分（执行率分值 10 分 + 指标分值 100 分）；总分行的分值写作 100 分，"
                       "不是各项分值之和，请先把各项分值改为合计 100 分，总分行按合计填写", "各项分值合计 100", 100)
    assert b1(105)[1:] == (100, 105)
    assert b1(110) == ("分值合计应为 100 分，表中执行率分值 10 分 + 指标分值 100 分 = 110 分", 100, 110)   # the sum, as the formula shows it
    assert b1(None)[1:] == (100, 110)


def test_d7_says_a_blank_execution_score_after_the_sum():
    """A blank 执行率得分 was said in a （） inside the sum's （）— “总分应为 90（执行率得分 0（表中未填，按计算值）
    + 指标得分合计 90）” — and, with a budget of 0, called the 0 a computed value where no rate can be
    computed. Now one pair of （）, the blank cell said after it, as the scorer counts it."""
    def d7(total, **funds):
        d = clean()
        for row in ("total", "fiscal"):
            d["funds"][row].update(funds)
        d.update(exec_rate=None, exec_score=None, total_score=total)
        (f,) = hits(run(d), "D7")
        assert f.message.count("（") == f.message.count("）") == 1, f.message
        return f.message

    assert d7(99.25, initial=0, annual=0, executed=0) == (
        "总分应为 90 分（执行率得分 0 分 + 指标得分合计 90 分），表中为 99.25 分；"
        "执行率得分表中未填，全年预算数为空或为 0，无法计算执行率，按 0 分计")
    assert d7(99.25, annual=0).endswith("无法计算执行率，按 0 分计")  # 5.18 spent of no budget
    assert d7(90) == ("总分应为 99.25 分（执行率得分 9.25 分 + 指标得分合计 90 分），表中为 90 分；"
                      "执行率得分表中未填，按执行率计算为 9.25 分")  # 5.18 of 5.6: 92.5% of 10


def test_d4_error_names_scores_and_basis():
    d = clean()
    d["indicators"][3].update(score=18.5, reason="节约资金")
    (f,) = hits(run(d), "D4")
    assert (f.severity, f.expected, f.found) == ("error", 20, 18.5)
    assert f.message.startswith("指标“年发放工资、保险费用”的得分应为 20 分，表中为 18.5 分。")


def test_d4_other_profile_is_named():
    d = clean()
    d["indicators"][0].update(target="≥10 人", actual="8 人", score=5, reason="有 2 人离职")
    d["total_score"] = 94.25
    (f,) = hits(run(d), "D8")
    assert f.severity == "warning" and "60%规则" in f.message
    # under that profile the same score is right
    assert hits(run(d, profile=__import__("jixiao.core.profiles").core.profiles.get_profile("sixty")), "D8") == []


# -- cross-form -----------------------------------------------------------------------
def test_e1_identical_indicator_sets_reported_on_both_forms():
    a, b = clean(), clean()
    b["project"] = "另一个项目"
    first, second = sorted(hits(run(a, b), "E1"), key=lambda f: f.file)   # both forms are told (issue 14)
    assert (second.severity, second.file, second.field) == ("warning", "表2.json", "indicators[0].name")
    assert first.cell == second.cell == "D14"        # the first indicator of the copied set, in each form
    assert clean()["project"] in second.message and "另一个项目" in first.message


def test_e1_silent_when_a_target_differs():
    a, b = clean(), clean()
    b["project"] = "另一个项目"
    b["indicators"][3]["target"] = "≤5 万元"
    b["indicators"][3]["actual"] = "4.9 万元"
    assert hits(run(a, b), "E1") == []


def test_e2_duplicate_project_names():
    a, b = clean(), clean()
    b["indicators"][3]["target"] = "≤5.5 万元"
    (f,) = hits(run(a, b), "E2")
    assert (f.severity, f.file, f.field) == ("error", "表2.json", "project")


def test_e2_tells_both_forms_where_two_units_share_a_name():
    """Two 实施单位's forms of one name: each is told, naming the other (it told the later one only, so which
    department was returned turned on the order the files sorted in). One unit's two forms: the later, once.
    What to do is an instruction, not a value to quote (it ended “应为“不重复的项目名称””)."""
    a, b = clean(), clean()
    b["unit"] = "县交通运输局"
    b["indicators"][3]["target"] = "≤5.5 万元"
    first, second = hits(run(a, b), "E2")
    assert (first.file, second.file) == ("表1.json", "表2.json")
    assert "（表2.json）" in first.message and "（表1.json）" in second.message
    assert first.expected == "按预算批复的项目名称填写"
    assert (first.other, second.other) == ("表2.json", "表1.json")
    c = clean()
    c["indicators"][3]["target"] = "≤5.5 万元"
    assert [f.file for f in hits(run(clean(), c), "E2")] == ["表2.json"]


def test_e2_names_the_other_form_by_file_name_and_sheet_never_by_path():
    a, b = clean(), clean()
    batch = Batch(forms=[Loaded(parse_form(a), "/tmp/收件/民政局/自评表.xlsx", "救助资金"),
                         Loaded(parse_form(b), "/tmp/收件/民政局/补报.xlsx", "Sheet1")], files=2)
    (f,) = hits(check_batch(batch, None).findings, "E2")
    assert "与另一张表（自评表.xlsx › 救助资金）重名" in f.message and "/tmp" not in f.message


def test_e2_silent_for_different_names():
    a, b = clean(), clean()
    b["project"] = "退役军人辅助性岗位经费（二期）"
    assert hits(run(a, b), "E2") == []


def test_same_project_in_two_years_is_neither_e1_nor_e2():
    a, b = clean(), clean()
    b["year"] = 2023
    assert hits(run(a, b), "E1") == [] and hits(run(a, b), "E2") == []


def test_c1_no_unit_warning_for_a_word_target():
    d = clean()
    d["indicators"][5].update(target="无", actual="无", name="安全事故")
    assert hits(run(d), "C1") == []


def test_a3_silent_when_100_percent_is_written_over_an_overspend():
    d = clean()
    d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = 6
    d.update(exec_rate="100%", exec_score=10, total_score=100)
    fs = run(d)
    assert hits(fs, "A3") == [] and hits(fs, "A5")


# -- issue 14: near copies, severities, anchors ----------------------------------------------
def test_e3_near_copy_reported_with_the_changed_value():
    a, b = clean(), clean()
    b["project"] = "另一个项目"
    b["indicators"][3].update(target="≤5 万元", actual="4.9 万元")
    first, second = sorted(hits(run(a, b), "E3"), key=lambda f: f.file)   # both forms are told
    assert (second.severity, second.file, second.field, second.cell) == (
        "warning", "表2.json", "indicators[0].name", "D14")
    assert "≤5.6 万元" in second.message and hits(run(a, b), "E1") == []
    assert (first.file, first.cell) == ("表1.json", "D14") and "另一个项目" in first.message
    assert len(hits(run(b, a), "E3")) == 2                    # the same whatever the order


def test_e3_silent_when_three_values_differ_or_same_project():
    a, b = clean(), clean()
    b["project"] = "另一个项目"
    for i, t in ((0, "≥2 人"), (2, "≥11 次"), (3, "≤5 万元")):
        b["indicators"][i]["target"] = t
    assert hits(run(a, b), "E3") == []
    c = clean()
    c["indicators"][3]["target"] = "≤5 万元"
    c["year"] = 2023                                    # the same project another year
    assert hits(run(a, c), "E3") == []


def test_every_finding_has_its_rules_severity_a_cell_and_an_expected_value():
    """Whatever edit made it fire, a finding carries the severity `jixiao rules` lists, a cell and a 应为."""
    cat = load_catalogue()
    for code, _sev, _field, edit in FIRES:
        d = clean()
        edit(d)
        for f in run(d):
            assert f.severity == cat[f.rule].severity, (code, f.rule, f.severity)
            assert f.cell, (code, f.rule, f.field)
            assert f.expected not in (None, ""), (code, f.rule, f.message)


def test_findings_are_ordered_money_and_scores_before_wording():
    d = clean()
    for edit in (top(exec_score=10, total_score=100), ind(6, target="≥95 比率"), top(authority=None),
                 ind(0, actual="1")):
        edit(d)
    order = [f.rule for f in run(d) if f.severity == "warning"]
    assert order.index("C16") < order.index("H1") and order.index("C15") < order.index("H1")
    errors = [f.rule for f in run(d) if f.severity == "error"]
    assert errors[0] in ("A4", "D7", "D11")


def test_a16_says_what_the_figure_in_yuan_is_in_wan():
    d = clean()
    executed(51800)(d)
    [h] = hits(run(d), "A16")
    assert h.message == ("年度资金总额的全年执行数 51800 万元是指标“年发放工资、保险费用”的实际完成值“5.18 万元”的一万倍，"
                         "像是以元填写：应为 5.18 万元")
    assert (h.found, h.expected) == (51800, 5.18)


def test_c2_names_a_range_as_one():
    """s50: “90%-95%” was told to become “≥90%”“≤90%”或“=90%”, its 95% dropped without a word."""
    d = clean()
    d["indicators"][6]["target"] = "90%-95%"
    [h] = hits(run(d), "C2")
    assert "“90%-95%”是一个区间" in h.message and "应写作“≥90%”或“≤95%”" in h.message
    assert h.expected == "≥90% 或 ≤95%"


def test_h9_names_a_block_once():
    """Three rows under one misplaced 二级指标 (merged down) are one mistake, said on its first row."""
    d = clean()
    for i in (0, 1, 2):
        d["indicators"][i]["level2"] = "经济效益指标"
    found = hits(run(d), "H9")
    assert [(f.field, f.found, f.expected) for f in found] == [
        ("indicators[0].level2", "产出指标 › 经济效益指标", "效益指标 › 经济效益指标")]
    assert "“产出指标”下设数量、质量、时效、成本指标" in found[0].message


def test_h8_names_both_years_and_the_cell_of_the_year():
    d = clean()
    d["project"] = "2021年医疗保障服务经费"
    (f,) = hits(run(d), "H8")
    assert f.message == "项目名称“2021年医疗保障服务经费”写的是 2021 年，与表的年度 2022（A2）不同，请核实项目名称和年度"
    assert (f.cell, f.found) == ("B3", "2021年医疗保障服务经费")
    assert f.expected == "核实项目名称和年度（2021 年的资金结转到 2022 年使用的，名称中写明“结转”）"
    d["project"] = "2023年医疗保障服务经费"
    (f,) = hits(run(d), "H8")
    assert f.expected == "核实项目名称和年度（2023 年的资金在 2023 年度自评，提前下达的也一样）"


def test_h8_on_the_published_forms_is_silent():
    """The 23 published 2022 forms: 2021 only in 文号 and a date — nothing to report."""
    forms = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
    assert any("2021" in f["project"] for f in forms)
    assert hits(run(*forms), "H8") == []


def test_h2_offers_no_example_that_is_the_name_itself():
    # a 文号 inside the name: suggested_name finds nothing to cut, so “应为……（如“<the same name>”）” would read as nonsense
    name = '城乡居民基本医疗保险(含大病保险)财政补助资金项目[冀财社(2021)164号],"两病"门诊用药保障专项'
    d = clean()
    d["project"] = name
    [h] = hits(run(d), "H2")
    assert h.expected != name and f"（如“{name}”）" not in h.message, h.message


def test_a17_names_the_figure_and_a5_leaves_a_negative_budget_to_it():
    """s51: a negative 全年预算数 made A5 say “应不超过全年预算数 -5.6 万元”."""
    d = clean()
    both(fund("total", "annual", -5.6), fund("fiscal", "annual", -5.6))(d)
    found = run(d)
    assert not hits(found, "A5")
    [a17, _fiscal] = hits(found, "A17")
    assert a17.message == ("年度资金总额的全年预算数为 -5.6 万元，资金数不能为负数；收回、冲减的资金应从执行数中减去后填写结果，"
                           "没有资金的填 0")
    assert (a17.field, a17.found, a17.expected) == ("funds.total.annual", -5.6, "不小于 0 的金额")
