"""The F rules (部门整体支出绩效自评表), fired and not fired, through the real runner."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SAMPLES
from dept_helpers import ZIZHOU, clean_json, zizhou_json
from jixiao.checking.run import check_batch, check_paths
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.project.model import parse_form
from jixiao.checking.rules import load_catalogue
from jixiao.sources import Batch, Loaded


def run(*forms: dict):
    batch = Batch(departments=[Loaded(parse_dept_form(f), f"部门{k + 1}.json") for k, f in enumerate(forms)],
                  files=len(forms))
    return check_batch(batch).findings


def hits(findings, code):
    return [f for f in findings if f.rule == code]


# -- the published 子洲 2023 form ---------------------------------------------------------
@pytest.fixture(scope="module")
def zizhou_findings():
    return run(zizhou_json())


def test_zizhou_social_benefit_deduction_has_no_reason(zizhou_findings):
    (f,) = [f for f in zizhou_findings if f.severity == "error"]
    assert f.rule == "F8" and f.field == "indicators[18].reason" and f.cell == "J29"
    assert "社会效益" in f.message and "12" in f.message and "15" in f.message
    assert f.project == "子洲县医疗保障局"


def test_zizhou_adjustment_standard_misses_10_to_20(zizhou_findings):
    (f,) = hits(zizhou_findings, "F9")
    assert f.field == "indicators[3].standard" and f.cell == "F14"
    assert "预算调整率" in f.message and "10%–20%" in f.message


def test_zizhou_duty_standards_give_5_for_weights_10_6_9(zizhou_findings):
    got = [(f.field, f.expected, f.found) for f in hits(zizhou_findings, "F10")]
    # which of the two is wrong the form does not say: the expected value is the instruction to check both
    # (outputs.md: “a value or a concrete instruction, never empty”), naming neither as the one to change
    assert got == [("indicators[15].standard", "核实评分标准的满分（5 分）与分值（10 分），改正有误的一项", None),
                   ("indicators[16].standard", "核实评分标准的满分（5 分）与分值（6 分），改正有误的一项", None),
                   ("indicators[17].standard", "核实评分标准的满分（5 分）与分值（9 分），改正有误的一项", None)]
    msgs = [f.message for f in hits(zizhou_findings, "F10")]
    # said as a reviewer says it, naming neither as the one to change (“请改评分标准或分值，使二者一致” read
    # as an order to change either, whichever)
    assert [re.search(r"评分标准写满分 (\d+) 分，与分值 (\d+) 分不一致，请核实二者，改正有误的一项$", m).groups()
            for m in msgs] == [("5", "10"), ("5", "6"), ("5", "9")]


def test_zizhou_total_and_grade_are_right(zizhou_findings):
    assert not hits(zizhou_findings, "F12") and not hits(zizhou_findings, "F13")
    assert not hits(zizhou_findings, "F1") and not hits(zizhou_findings, "F3") and not hits(zizhou_findings, "F4")
    assert not hits(zizhou_findings, "F11")  # 在职人员控制率 5, 资金结余 3, 满意度 3 are what the standards give


def test_zizhou_unverifiable_scores_are_only_infos(zizhou_findings):
    infos = hits(zizhou_findings, "F15")
    assert infos and all(f.severity == "info" for f in infos)
    assert any("社会效益" in f.message for f in infos)


def test_clean_form_has_no_findings():
    assert [(f.rule, f.field, f.message) for f in run(clean_json())] == []


# -- each rule fired and silent -----------------------------------------------------------
def ind(i, **kw):
    return lambda d: d["indicators"][i].update(kw)


def data(**kw):
    return lambda d: d["data"].update(kw)


def top(**kw):
    return lambda d: d.update(kw)


def _split(d):
    d["indicators"][0]["weight"] = 6
    d["indicators"][15]["weight"] = 9


def _bands_out_of_order(d):
    d["standards"]["satisfaction"]["bands"][1]["bound"] = 0.97


def team(department, *units, **more):
    """The form of ``department`` with a 评价小组 of ``units`` (one member each; None: no unit written)."""
    def edit(d):
        d.update(department=department, **more)
        d["team"] = [{"name": f"成员{k}", "title": "科员", "unit": u, "signature": None} for k, u in enumerate(units)]
    return edit


FIRES = [
    ("F1", ind(0, weight=6), "total_weight"),
    ("F2", top(total_weight=99), "total_weight"),
    ("F3", lambda d: d["level1_weights"].update({"投入": 20}), "level1_weights.投入"),
    ("F4", lambda d: d["level2_weights"].update({"预算配置": 10}), "level2_weights.预算配置"),
    ("F5", _split, ["indicators[0].level1", "indicators[15].level1"]),
    ("F6", ind(9, score=None), "indicators[9].score"),
    ("F6", ind(9, weight=None), "indicators[9].weight"),
    ("F7", ind(9, score=4), "indicators[9].score"),
    ("F7", ind(9, score=-1), "indicators[9].score"),
    ("F8", ind(0, reason=None), "indicators[0].reason"),
    ("F9", ind(3, standard="预算调整率=0，计3分；0–10%（含），计2分；20%–30%（含），计1分；超过30%，计0分。"),
     "indicators[3].standard"),
    ("F10", ind(15, standard="按计划完成全部工作任务，计8分；每少完成一项扣0.5分。"), "indicators[15].standard"),
    ("F11", ind(0, score=5), "indicators[0].score"),
    ("F12", top(total_score=90), "total_score"),
    ("F13", top(grade="优"), "grade"),
    ("F14", _bands_out_of_order, "standards.satisfaction.bands[1]"),
    ("F14", lambda d: d["standards"]["satisfaction"]["bands"][0].update(points=4), "standards.satisfaction.bands[0].points"),
    ("F14", lambda d: d["standards"]["staff_control"].pop("limit"), "standards.staff_control.limit"),
    ("F15", data(satisfaction=None), "data.satisfaction"),
    ("F15", lambda d: d["data"]["counts"].pop("social_benefit"), "data.counts.social_benefit"),
    ("F16", data(fixed_assets_in_use=120.0), "data.fixed_assets_in_use"),
    ("F16", data(satisfaction=96), "data.satisfaction"),
    ("F16", data(expense_total=1600.0), "data.expense_total"),
    ("F18", ind(5, name=""), "indicators[5].name"),                                   # s50
    ("F18", ind(5, name=" / "), "indicators[5].name"),
    # s50: a figure in 元 beside its like in 万元
    ("F16", data(three_public_this=95000.0), "data.three_public_this"),
    ("F16", data(expense_total=15000000.0, expense_basic=5000000.0, expense_project=10000000.0), "data.expense_total"),
    ("F16", data(procurement_actual=970000.0), "data.procurement_actual"),
    # s42: the 评价小组 of another department's form, left as it was
    ("F17", team("县卫生健康局", *["子洲县医疗保障局"] * 7), "team[0].unit"),
    ("F17", team("子洲县卫生健康局", None, "子洲县医疗保障局", "县医疗保障局"), "team[1].unit"),
    ("F17", team("县市场监督管理局", "县医疗保障局", "县医疗保障局"), "team[0].unit"),
    # s57: the printed 评分标准 against the hidden parameters that score it
    ("F19", ind(19, standard="满意度90%（含）以上，计5分；85%（含）–90%，计3分；75%（含）–85%，计1分；低于75%，计0分。"),
     "standards.satisfaction.bands[0]"),
    ("F19", ind(1, standard="“三公经费”变动率≤0，计5分；每超过1个百分点扣1分，扣完为止。"),
     "standards.three_public_change.per_point"),
    ("F19", ind(11, standard="公务卡刷卡率≥80%，计3分；每低1个百分点扣0.2分，扣完为止。"), "standards.card.limit"),
    ("F19", ind(14, standard="固定资产利用率=100%，计3分；每低于100%两个百分点扣0.1分。"),
     "standards.fixed_assets.per_point"),                                              # 0.05 a point
    ("F19", ind(3, standard="预算调整率=0，计3分；0–5%（含），计2分；5%–30%（含），计1分；超过30%，计0分。"),
     "standards.budget_adjust.bands[1]"),                                              # ≤ bands: the upper end
    ("F19", ind(15, standard="按计划完成全部工作任务，计10分；每少完成一项扣1分，扣完为止。"),
     "standards.completion.per_item"),
    # s63: the form's dates against the year it evaluates (2024 for the clean form)
    ("F20", top(report_date="2025.2.30"), "report_date"),                             # no such day
    ("F20", top(report_date="2024年6月1日"), "report_date"),                           # in the year evaluated
    ("F20", top(report_date="2023-03-10"), "report_date"),                            # the year before it
    ("F20", top(opinion_date="2024-03-12"), "opinion_date"),
    # s64: a date left blank is a hint (提示) while the form is filled, a warning in review
    ("F21", top(report_date=None), "report_date"),
    ("F21", top(report_date="/", opinion_date="  "), ["report_date", "opinion_date"]),
]

SILENT = [
    ("F1", lambda d: None), ("F8", ind(0, reason="超编 1 人")), ("F9", ind(3, standard="≤100% 计5分；每超1个百分点扣0.5分")),
    ("F10", ind(9, standard="①1 ②0.5 ③0.5 ④0.5 ⑤0.5")), ("F11", data(staff_actual=None)),
    ("F12", top(total_score=None)), ("F13", top(grade=None)), ("F15", ind(9, score=3)),
    ("F16", data(fixed_assets_in_use=100.0)),
    ("F18", lambda d: None),
    ("F16", data(income_total=15200.0, expense_total=15000.0, expense_basic=5000.0, expense_project=10000.0,
                 budget=14000.0)),                                                    # a big department in 万元
    ("F16", data(three_public_this=0.5, three_public_last=1200.0)),                   # cut to almost nothing: no 元
    # s42: teams that are the department's, or that may well come from elsewhere
    ("F17", team("子洲县医疗保障局", *["子洲县医疗保障局"] * 7)),
    ("F17", team("子洲县医疗保障局", "县医保局", "县医保局")),                          # abbreviated
    ("F17", team("子洲县卫生健康局", "子洲县卫健委", "子洲县卫健委")),                  # 局 once 委
    ("F17", team("子洲县卫生健康局", "子洲县医疗保障局", "子洲县卫生健康局")),          # one member its own
    ("F17", team("子洲县卫生健康局", "县财政局", "县财政局")),                          # 财政 may run it
    ("F17", team("子洲县卫生健康局", "子洲县医疗保障局", "县财政局")),                  # not one other unit
    ("F17", team("子洲县卫生健康局", "县人民医院", "县疾病预防控制中心")),              # its own 二级单位
    ("F17", team("子洲县卫生健康局", "县人民医院", "县人民医院")),
    ("F17", team("子洲县卫生健康局", "某某会计师事务所", "某某会计师事务所")),          # a firm it hired
    ("F17", team("子洲县卫生健康局", "局办公室", "财务股", "本局")),                    # its own sections
    ("F17", team("子洲县卫生健康局", "子洲县医疗保障局")),                              # one member: too little
    ("F17", team("子洲县卫生健康局", "子洲县医疗保障局", "子洲县医疗保障局",
                 evaluator="子洲县医疗保障局")),                                      # the 评价机构 it names
    ("F17", team("子洲县医疗保障局", "子洲县医疗保险经办中心", "子洲县医疗保险经办中心")),
    ("F17", team("县市场监督管理局", "县市场监管局", "县市场监管局")),
    # s57: what the text does not say reliably is not compared
    ("F19", ind(0, standard="在职人员控制率≤100，计5分；每超过1个百分点扣0.5分。")),   # 100 or 100%?
    ("F19", ind(15, standard="每少完成一项扣0.5分，重大任务每少完成一项扣1分。")),       # two deductions
    ("F19", ind(19, standard="满意度高的计5分，较高的计3分。")),                        # no thresholds
    ("F19", ind(5, standard="无结转结余，计2分；有结转结余，计0分。")),                   # 资金结余: not read
    ("F19", ind(19, standard="满意度95%（含）以上，计5分；85%–95%（不含），计3分；75%（含）–85%，计1分；低于75%，计0分。")),
    ("F20", top(report_date="2024年12月20日")),                                        # 年底前完成自评: the report warns
    ("F20", top(report_date=None, opinion_date=None)), ("F20", top(report_date="见评价报告")),
    ("F21", top(report_date="2024年12月20日")), ("F21", top(report_date="见评价报告")),
]


@pytest.mark.parametrize("code, edit, field", FIRES, ids=[f"{c}-{k}" for k, (c, _e, _f) in enumerate(FIRES)])
def test_rule_fires(code, edit, field):
    d = clean_json()
    edit(d)
    found = hits(run(d), code)
    assert [f.field for f in found] == (field if isinstance(field, list) else [field]), [f.message for f in found]
    f = found[0]
    assert f.message and any("\u4e00" <= ch <= "\u9fff" for ch in f.message)
    assert f.cell, "every finding names its cell"


@pytest.mark.parametrize("code, edit", SILENT, ids=[f"{c}-{k}" for k, (c, _e) in enumerate(SILENT)])
def test_rule_silent(code, edit):
    d = clean_json()
    edit(d)
    assert hits(run(d), code) == []


def test_every_dept_rule_is_tested_both_ways():
    codes = {c for c, r in load_catalogue().items() if r.form_type == "department"}
    assert codes == {f"F{i}" for i in range(1, 22)}
    assert codes <= {c for c, *_ in FIRES}
    clean = clean_json()
    assert run(clean) == []  # the clean form is silent for every rule


def test_f16_says_the_figure_in_yuan_and_its_parts():
    d = clean_json()
    data(expense_total=15000000.0, expense_basic=5000000.0, expense_project=10000000.0)(d)
    [f] = hits(run(d), "F16")
    assert f.message == ("总支出 15000000 万元是总收入 1520 万元的约 9868 倍，像是以元填写：应为 1500 万元；"
                         "基本支出 5000000、项目支出 10000000 同样应换算为万元")
    assert f.expected == 1500 and f.cell == "E8"


def test_f16_says_the_assets_total_typed_in_yuan():
    """资产总额 has no like of its own size among the figures: typed in 元 (3105000 for 310.5 万元) it was
    never questioned, and the 整体绩效自评工作报告 said “资产总额3105000.00万元” for a county 局 of 1520 万元."""
    d = clean_json()
    data(assets_total=3105000.0)(d)
    [f] = hits(run(d), "F16")
    assert f.message == "资产总额 3105000 万元是总收入 1520 万元的约 2043 倍，像是以元填写：应为 310.5 万元"
    assert (f.expected, f.cell, f.severity) == (310.5, "E7", "warning")


@pytest.mark.parametrize("assets", [310.5, 41.98, 5000.0, 90.0])
def test_f16_leaves_an_assets_total_of_any_likely_size(assets):
    """A 资产总额 far below the year's money (子洲: 41.98 万元 beside 2903.86 万元 of 总收入) or above it is no 元."""
    d = clean_json()
    data(assets_total=assets)(d)
    assert hits(run(d), "F16") == []


def test_f16_leaves_a_large_assets_total_beside_large_fixed_assets():
    """A 交通局 holding roads: 资产总额 50 亿元 (500000 万元) beside 总收入 400 万元 is 万元 where its 固定资产
    总额 is of that size too."""
    d = clean_json()
    data(assets_total=500000.0, income_total=400.0, expense_total=400.0, expense_basic=150.0, expense_project=250.0,
         budget=400.0, fixed_assets_in_use=300000.0, fixed_assets_total=300000.0)(d)
    assert [f for f in hits(run(d), "F16") if "资产总额" in f.message] == []


def test_f18_names_the_row_and_no_message_quotes_an_empty_name():
    d = clean_json()
    d["indicators"][5].update(name="", score=1)
    found = run(d)
    [f] = hits(found, "F18")
    assert f.message == "“预算执行”下有一行三级指标名称未填写（这一行填有分值 3 分、得分 1 分），应按部门整体绩效评价指标体系填写指标名称"
    assert f.cell == "E16" and f.severity == "error"
    assert not [g for g in found if "指标“”" in g.message]
    assert any("指标（名称未填）" in g.message for g in hits(found, "F11"))


def test_f17_names_the_unit_the_department_and_its_cell():
    d = clean_json()
    team("县卫生健康局", *["子洲县医疗保障局"] * 7)(d)
    (f,) = hits(run(d), "F17")
    assert f.message == "评价小组 7 名成员的单位都是“子洲县医疗保障局”，不是本部门“县卫生健康局”（E3），请核实评价小组成员及其单位"
    assert (f.cell, f.severity, f.found) == ("G34", "warning", "子洲县医疗保障局")   # the first member's 单位
    assert f.expected == "核实评价小组成员及其单位（本部门“县卫生健康局”自评）"


def test_f17_silent_on_the_published_form(zizhou_findings):
    assert hits(zizhou_findings, "F17") == []


def test_cells_of_findings():
    d = clean_json()
    d["indicators"][0]["reason"] = None
    d["level1_weights"]["过程"] = 41
    f = run(d)
    assert hits(f, "F8")[0].cell == "J11"
    assert hits(f, "F3")[0].cell == "B14"


# -- project and department rules keep to their own forms ---------------------------------
def test_department_rules_are_catalogued_but_only_for_department_forms():
    cat = load_catalogue()
    assert all(cat[f"F{i}"].form_type == "department" for i in range(1, 18))
    assert all(r.form_type == "project" for c, r in cat.items() if not c.startswith(("F", "R", "T", "V")))  # R: reports, T: targets, V: evaluation
    assert all(r.form_type == "report" for c, r in cat.items() if c.startswith("R"))
    project = Loaded(parse_form(json.loads(SAMPLES[0].read_text(encoding="utf-8"))), "p.json")
    dept = Loaded(parse_dept_form(zizhou_json()), "d.json")
    res = check_batch(Batch(forms=[project], departments=[dept], files=2))
    assert res.forms == 2
    by_file = {}
    for f in res.findings:
        by_file.setdefault(f.file, set()).add(f.rule[0])
    assert by_file["d.json"] == {"F"}
    assert "F" not in by_file["p.json"]
    # the project form comes first, as read
    files = [f.file for f in res.findings]
    assert files.index("d.json") > files.index("p.json")


def test_check_paths_reads_both_kinds(tmp_path):
    batch, res = check_paths([SAMPLES[0], ZIZHOU])
    assert len(batch.forms) == 1 and len(batch.departments) == 1
    assert any(f.rule == "F8" for f in res.findings)
    assert res.exit_code == 1


def test_a_band_gap_says_what_to_do_and_what_the_table_has(zizhou_findings):
    """F9's 表中为 was the gap itself (“10%–20%（不含 10%，含 20%）”), read as if the table said it, and
    the message did not say what to do: now 应为 asks for the missing band, 表中为 is blank (the
    table has nothing there), and the message ends with what to change."""
    (f,) = hits(zizhou_findings, "F9")
    assert f.message.endswith("没有对应的得分，请补上这一档的得分，或改相邻一档的界限使各档衔接")
    assert f.expected == "补上 10%–20%（不含 10%，含 20%）一档的得分"
    assert f.found is None


def test_f19_names_both_cells_and_both_numbers(tmp_path, capsys):
    """The QA's form: the printed 评分标准 changed (满意度 90%, 1 point a point, 刷卡率 ≥80%), the parameters
    outside the print area left at 95%, 0.5, 50%: scored by the parameters with no word of it."""
    from jixiao.cli import main as cli_main
    from jixiao.excel.workbook import write_forms

    d = clean_json()
    d["indicators"][19]["standard"] = "满意度90%（含）以上，计5分；80%（含）–90%，计3分；70%（含）–80%，计1分；低于70%，计0分。"
    d["indicators"][1]["standard"] = "“三公经费”变动率≤0，计5分；每超过1个百分点扣1分，扣完为止。"
    d["indicators"][11]["standard"] = "公务卡刷卡率≥80%，计3分；每低1个百分点扣0.2分，扣完为止。"
    book = write_forms([parse_dept_form(d)], tmp_path / "dept.xlsx")
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    got = {f["field"]: (f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["rule"] == "F19"}
    assert set(got) == {"standards.satisfaction.bands[0]", "standards.satisfaction.bands[1]",
                        "standards.satisfaction.bands[2]", "standards.three_public_change.per_point",
                        "standards.card.limit"}, got
    from jixiao.forms.department.layout import DeptLayout
    lay = DeptLayout.for_form(parse_dept_form(d))
    cell, said = got["standards.satisfaction.bands[0]"]
    assert cell == lay.cell("standards.satisfaction.bands[0]") and cell.startswith("G")
    assert said.startswith(f"指标“社会公众或服务对象满意度”的评分标准（F{lay.ind_row(19)}）写得 5 分的一档从 90% 起，"
                           f"而评分标准参数（{cell}）第 1 档从 95% 起，得分按参数计算"), said
    cell, said = got["standards.three_public_change.per_point"]
    assert f"（F{lay.ind_row(1)}）写每个百分点扣 1 分，而评分标准参数（{cell}）为每个百分点扣 0.5 分" in said, said
    cell, said = got["standards.card.limit"]
    assert f"（F{lay.ind_row(11)}）写下限 80%，而评分标准参数（{cell}）下限为 50%" in said, said
