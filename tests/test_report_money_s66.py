"""The draft reports' money story (s66), found by a clerk's journey.

A workbook of two project forms: one whose 全年执行数 is typed in 元 (1280000 beside its 128 万元 of 当年财政拨款 and
a 全年预算数 of 135.6), one at 93.25 % execution whose only 偏差原因 is a long one on an unrelated indicator
(参保政策知晓率). ``jixiao report --force`` of it:

1. marked the correct 全年预算数 (“全年预算数合计143.60万元【待核实】”) and left the 执行数 the findings name
   unmarked (“支出1280000.00万元，执行率943952.8%【待核实】”): ``flag("funds")`` covered every fund figure
   (since s67 that figure is stated in 万元, “支出128.00万元【待核实】”: tests/test_report_figures_s67.py);
2. gave the 参保政策知晓率's reason as the reason the money was left unspent, then again under 绩效目标, and the
   整体报告 a third time;
3. added 1280000 (元) to the other project's 万元 in the 合计 (1280007.46万元), while the 汇总表 reads it as 128.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.cli import sample_paths
from jixiao.core.profiles import get_profile
from jixiao.core.settings import TODO
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.reports import facts as F
from jixiao.sources import load_all

LONG = ("参保政策知晓率未达到指标值，主要是部分农村老年群众文化程度较低、外出务工人员较多，入户宣传和集中宣讲覆盖不全，"
        "线上宣传渠道使用率不高，宣传材料通俗性不够，部分群众对医保待遇政策、报销比例和办理流程了解不充分，"
        "下一步将通过村级网格员逐户讲解、编印通俗易懂的明白纸、利用微信群和短视频平台持续开展政策宣传。")


def _forms() -> tuple[dict, dict]:
    samples = sample_paths()
    a = json.loads(samples[0].read_text(encoding="utf-8"))
    a["project"] = "城乡居民医保参保补助"
    a["funds"]["total"] = {"initial": 135.6, "annual": 135.6, "executed": 1280000}
    a["funds"]["fiscal"] = {"initial": 135.6, "annual": 135.6, "executed": 128}
    a["exec_rate"] = a["exec_score"] = None
    b = json.loads(samples[1].read_text(encoding="utf-8"))
    b["project"] = "医保经办服务经费"
    b["funds"]["total"] = {"initial": 8, "annual": 8, "executed": 7.46}
    b["funds"]["fiscal"] = {"initial": 8, "annual": 8, "executed": 7.46}
    b["exec_rate"], b["exec_score"], b["remark"], b["goal_actual"] = "93.25%", 9.33, None, "已完成"
    for ind in b["indicators"]:
        ind["reason"] = None
    b["indicators"][6].update(name="参保政策知晓率", target="≥90%", actual="85%", weight=10, score=9, reason=LONG)
    return a, b


def _texts(tmp_path: Path, a: dict, b: dict) -> dict[str, str]:
    src = write_forms([parse_form(a), parse_form(b)], tmp_path / "自评表.xlsx")
    batch = load_all([src])
    check = check_batch(batch, get_profile(None))
    assert check.counts["error"] > 0   # a draft: written with --force, its figures marked
    paths = R.build_reports(batch, None, tmp_path / "报告", check=check, force=True)
    out = {}
    for p in paths:
        if p.suffix == ".docx":
            doc = Document(str(p))
            cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
            out[p.stem] = "\n".join([x.text for x in doc.paragraphs] + cells)
    return out


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, str]:
    return _texts(tmp_path_factory.mktemp("s66"), *_forms())


def test_the_mark_is_on_the_figure_the_findings_name(texts):
    project = texts["项目支出绩效自评报告"]
    # the 执行数 in 元 stated in 万元, as the 合计 reads it (s67: “支出1280000.00万元【待核实】，执行率943952.8%”)
    assert "支出128.00万元【待核实】，执行率94.40%【待核实】" in project, project
    assert "城乡居民医保参保补助下达135.60万元，" in project          # the 全年预算数 is right: unmarked
    assert "全年预算数135.60万元；" in project
    assert "全年预算数合计143.60万元，" in project and "全年预算数合计143.60万元【待核实】" not in project
    assert "1．城乡居民医保参保补助：执行率94.40%【待核实】，结余7.60万元。" in project, project
    assert "1280000" not in project
    whole = texts["整体绩效自评工作报告"]
    assert "全年预算数合计143.60万元，全年执行数合计135.46万元【待核实】，总体执行率94.33%【待核实】" in whole, whole


def test_figure_fields_name_one_column_or_the_rate():
    assert "funds.total.executed" in F.figure_fields("executed") and "funds.fiscal.executed" in F.figure_fields("executed")
    assert not [f for f in F.figure_fields("annual") if not f.endswith(".annual")]
    rate = F.figure_fields("rate")
    assert "exec_rate" in rate and "funds.total.annual" in rate and "funds.total.executed" in rate
    assert not [f for f in rate if f.endswith(".initial")]


def test_the_totals_read_a_figure_in_yuan_as_the_summary_does(texts):
    for name in ("项目支出绩效自评报告", "整体绩效自评工作报告"):
        assert "全年执行数合计135.46万元" in texts[name], name
        assert "1280007.46" not in texts[name], name


def test_an_unrelated_indicator_reason_is_no_reason_for_the_money(texts):
    project = texts["项目支出绩效自评报告"]
    assert f"2．医保经办服务经费：执行率93.25%，结余0.54万元。偏差原因：{TODO}。" in project, project
    assert project.count(LONG[:40]) == 1          # said once, under 绩效目标, where it belongs
    goals = project[project.index("（二）绩效目标完成方面"):]
    assert LONG[:40] in goals
    whole = texts["整体绩效自评工作报告"]
    assert LONG[:40] not in whole                # the summary refers to the project report for the reasons
    assert "未达到指标值的2个〔（医疗保险报销结算）服务人数、参保政策知晓率〕" in whole, whole


def test_a_money_reason_on_an_indicator_is_said_once(tmp_path):
    a, b = _forms()
    money = "因部分服务合同年底未到结算期，资金结余0.54万元结转下年使用。"
    b["indicators"][6]["reason"] = money
    texts = _texts(tmp_path, a, b)
    project = texts["项目支出绩效自评报告"]
    assert "结余0.54万元。偏差原因：因部分服务合同年底未到结算期" in project, project
    assert project.count("部分服务合同年底未到结算期") == 1, project
    assert "参保政策知晓率〕。偏差原因见预算执行方面。" in project, project


def test_an_indicator_reason_about_the_money_itself_is_kept():
    """Sample 13 leaves its 2 万元 unspent and says why on its indicators only, in words the checker's
    ``explains_unspent`` does not take (“此项资金只能用于……，不能用于医疗救助”): it is about the money, kept."""
    from jixiao.reports.facts import collect
    from jixiao.sources import Batch, Loaded

    d = json.loads(sample_paths()[12].read_text(encoding="utf-8"))
    p = collect(Batch([Loaded(parse_form(d), "13.json")], files=1)).projects[0]
    assert p.rate == 0
    assert p.funds_reasons() == ["此项资金只能用于困难群众参加基本医疗保险，不能用于医疗救助"]
    d["indicators"] = [dict(i, reason="参保政策宣传不到位") for i in d["indicators"]]
    assert collect(Batch([Loaded(parse_form(d), "13.json")], files=1)).projects[0].funds_reasons() == []
