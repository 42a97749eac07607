"""Issue 14, the recall self-audit.

1. What a careful reviewer marks on the published 大厂 forms beyond the samples README (read cell
   by cell): each mark is found, on its cell (rules/recall.py and the H3/H4 extensions).
2. Ten forms written here (a 乡村公路养护 project, not one of the samples), each with one typical
   published mistake from the issue text: each is found with the catalogue's severity, and the
   form without the mistake gets no finding at all.
"""

from __future__ import annotations

import copy
import json

import pytest

from conftest import SAMPLES
from jixiao.checking.rules import load_catalogue
from jixiao.checking.run import check_batch
from jixiao.cli import main
from jixiao.core.findings import unfold
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded, load_all
from test_rules import both, ind, top

DACHANG = [p for p in SAMPLES if p.stem[:1].isdigit() and p.parent.name == "dachang-2022"]
PUBLISHED_SUMMARY = DACHANG[0].parent / "summary-as-published.json"


@pytest.fixture(scope="module")
def published():
    return check_batch(load_all(DACHANG)).findings


# (sample, rule, field, cell): what the audit found missing before, each now reported
AUDIT = [
    ("23", "A14", "indicators[3].target", "E17"),   # 总成本 ≤2 万元 copied onto a 23 万元 project
    ("20", "A15", "funds.total.initial", "C7"),     # 年初预算数 blank
    ("21", "H6", "indicators[4].name", "D18"),      # 效益 “保障疫苗接种人次” = 产出 “新冠病毒疫苗接种人次”
    ("19", "H7", "indicators[0].name", "D14"),      # “全县参保人约 10 万人” as the indicator's name
    ("18", "C17", "indicators[0].target", "E14"),   # “≥6 次数”
    ("01", "H4", "indicators[2].target", "E16"),    # 工资发放及时性 “12 次” under 时效
    ("05", "H3", "indicators[5].level2", "C19"),    # 建立标准 under 生态效益
    ("03", "H4", "indicators[5].target", "E19"),    # 业务处理及时性 “≥365 天” under 时效
]


@pytest.mark.parametrize("sample, rule, field, cell", AUDIT)
def test_audited_marks_are_found(published, sample, rule, field, cell):
    (f,) = [f for f in published if f.file.endswith(f"/{sample}.json") and f.rule == rule and f.field == field]
    assert f.severity == load_catalogue()[rule].severity == "warning"
    assert f.cell == cell and f.expected


def test_audit_rules_stay_quiet_elsewhere(published):
    """The new marks hit the forms the audit names and no other: none is a blanket rule."""
    new = {"A14", "A15", "H6", "H7", "C17"}
    where = sorted((f.file.rsplit("/", 1)[-1], f.rule) for f in published if f.rule in new)
    assert where == [("18.json", "C17"), ("19.json", "H7"), ("20.json", "A15"), ("21.json", "H6"), ("23.json", "A14")]


def test_published_summary_findings_have_a_catalogue_code(capsys):
    """summarize --compare: 已评价数 568.64 where Σ 全年执行数 is 425.395, under its own code E4 (it used
    E3's, whose catalogue severity is a warning)."""
    code = main(["summarize", *map(str, DACHANG), "--compare", str(PUBLISHED_SUMMARY), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    (f,) = out["compare"]
    assert (f["rule"], f["severity"], f["field"]) == ("E4", load_catalogue()["E4"].severity, "summary.funds_done")
    # the text output labels it in full-width brackets beside the Chinese message (GB/T 15834), not “[…]”
    assert main(["summarize", *map(str, DACHANG), "--compare", str(PUBLISHED_SUMMARY)]) == 1
    text = capsys.readouterr().out
    assert f"  【与已发布汇总表不符】{f['message']}" in text and "[" not in text, text


# ----------------------------------------------------------------------------- forms written here

def base() -> dict:
    """A correct 项目支出绩效自评表: no finding of any severity."""
    return {
        "form": "项目支出绩效自评表", "year": 2023, "project": "农村公路养护经费",
        "authority": "某县交通运输局", "unit": "某县农村公路管理站", "leader": "李某", "phone": None,
        "funds": {"total": {"initial": 50, "annual": 48, "executed": 45.6},
                  "fiscal": {"initial": 50, "annual": 48, "executed": 45.6},
                  "carryover": {"initial": 0, "annual": 0, "executed": 0},
                  "other": {"initial": 0, "annual": 0, "executed": 0}},
        "funds_weight": 10, "exec_rate": "95%", "exec_score": 9.5,
        "goal_expected": "完成 110 公里农村公路日常养护，路况优良率保持在 85% 以上，保障群众安全便捷出行。",
        "goal_actual": "完成 112 公里农村公路日常养护，工程验收全部合格，11 月完工。",
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "养护农村公路里程", "target": "≥110 公里",
             "actual": "112 公里", "weight": 20, "score": 20, "reason": None},
            {"level1": "产出指标", "level2": "质量指标", "name": "养护工程验收合格率", "target": "=100%",
             "actual": "100%", "weight": 10, "score": 10, "reason": None},
            {"level1": "产出指标", "level2": "时效指标", "name": "养护工程完成时间", "target": "11月前",
             "actual": "11月", "weight": 10, "score": 10, "reason": None},
            {"level1": "产出指标", "level2": "成本指标", "name": "养护总成本", "target": "≤48 万元",
             "actual": "45.6 万元", "weight": 10, "score": 10, "reason": None},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件", "target": "有效改善",
             "actual": "显著改善", "weight": 15, "score": 15, "reason": None},
            {"level1": "效益指标", "level2": "可持续影响指标", "name": "公路养护长效机制", "target": "健全",
             "actual": "健全", "weight": 15, "score": 15, "reason": None},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "target": "≥90%",
             "actual": "93%", "weight": 10, "score": 10, "reason": None},
        ],
        "total_weight": 100, "total_score": 99.5,
        "remark": "执行率 95%：养护材料集中采购价格下降，结余 2.4 万元按规定收回。",
        "filled_on": "2024年3月1日",   # a blank one is a hint since s64 (H11)
    }


def _run(d: dict):
    return check_batch(Batch(forms=[Loaded(parse_form(d), "自拟.json")], files=1)).findings


def test_the_written_form_is_clean():
    assert [(f.rule, f.field, f.message) for f in _run(base())] == []


def _spent(x):
    def f(d):
        for r in ("total", "fiscal"):
            d["funds"][r]["executed"] = x
    return f


# (the mistake, as the issue names it; the edit; rule, field, anything the message must say)
MISTAKES = [
    ("a cost target without ≤, scored “higher is better” by the filler (“养护总成本 48 万元”, 9.5 of 10)",
     both(ind(3, target="48 万元", score=9.5), top(total_score=99)), "D10", "indicators[3].score", "9.5"),
    ("a cost target written “≥”", ind(3, target="≥48 万元"), "A13", "indicators[3].target", "≤48"),
    ("a total-spending indicator that is not the 全年执行数", ind(3, actual="40 万元"),
     "A10", "indicators[3].actual", "45.6"),
    ("a cost ceiling above the 全年预算数 (copied from a bigger project)", ind(3, target="≤60 万元"),
     "C8", "indicators[3].target", "48"),
    ("执行率得分 10 where 95 % earns 9.5, so the 总分 is wrong too",
     top(exec_score=10, total_score=100), "D11", "total_score", "99.5"),
    ("weights over 100: 总分 above 100 read as 优",
     both(ind(4, weight=25, score=25), top(total_weight=110, total_score=109.5)), "D12", "total_score", "不能评定等级"),
    ("below 80 % spent, yet every indicator full and “全部完成”",
     both(_spent(36), ind(3, actual="36 万元"), top(exec_rate="75%", exec_score=7.5, total_score=97.5,
                                                     goal_actual="全部完成")), "G2", "goal_actual", "75"),
    ("主管部门 written as a budget code", top(authority="301001"), "H1", "authority", "301001"),
    ("项目名称 that is the funding document's title",
     top(project="关于下达2023年农村公路养护资金的通知某财建〔2023〕12号"), "H2", "project", "农村公路养护资金"),
    ("a headcount filed as 满意度", ind(6, name="受益群众人数", target="≥5000 人", actual="5200 人"),
     "H3", "indicators[6].level2", "数量指标"),
    ("a “≤” on a quantity to be produced", ind(0, target="≤110 公里"), "H5", "indicators[0].target", "≥110"),
    ("an actual written without the target's unit", ind(0, actual="112"), "C15", "indicators[0].actual", "112 公里"),
    ("“比率” as a unit", ind(1, target="100 比率", actual="100 比率"), "C16", "indicators[1].target", "100%"),
    ("no 满意度 indicator at all",
     both(lambda d: d["indicators"].pop(6), ind(4, weight=25, score=25)), "B4", "indicators[4].level1", "满意度"),
]


@pytest.mark.parametrize("what, edit, rule, field, says", MISTAKES, ids=[m[2] for m in MISTAKES])
def test_typical_published_mistake_is_found(what, edit, rule, field, says):
    d = copy.deepcopy(base())
    edit(d)
    # on its own, or inside the finding on its cell that already says it (C16's “100%” in C2's “=100%”)
    found = [f for f in unfold(_run(d)) if f.rule == rule and f.field == field]
    assert found, (what, [(f.rule, f.field, f.message) for f in _run(d)])
    f = found[0]
    assert f.severity == load_catalogue()[rule].severity and f.cell
    assert says in f"{f.message} {f.expected}", (what, f.message, f.expected)


def test_volume_units_and_ceilings_on_amounts_that_should_fall():
    """“20 立方米” is 20 立方米, not “20 立” (a unit cut to one character); a ≤ on a road length to build is
    H5, a ≤ on tonnes of fertiliser used is what the target means."""
    from jixiao.core.values import parse_value

    v = parse_value("≤20 立方米")
    assert (v.unit_text, v.unit_dim, v.number) == ("立方米", "volume", 20)
    d = base()
    d["indicators"][0].update(name="化肥使用量", target="≤3 吨", actual="2.8 吨")
    assert not [f for f in _run(d) if f.rule == "H5"]
