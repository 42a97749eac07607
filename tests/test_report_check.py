"""报告与表格互证 (R rules): a report read against its own forms.

The 大厂 2022 report (jixiao/samples/dachang-2022-report.md, the published text) is checked
against its 23 forms with every expected finding listed by paragraph, and nothing else; the
three documents ``jixiao report`` writes must pass with no finding; each rule fires on a
sentence written to contradict a form and stays silent on the sentence that agrees with it.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.profiles import get_profile
from jixiao.reportcheck import ReportError, check_report, read_document, read_report
from jixiao.reportcheck.facts import build_facts
from jixiao.reportcheck.statements import extract, extract_tables
from jixiao.checking.rules import load_catalogue
from jixiao.sources import load_all

REPORT = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "dachang-2022-report.md"

# every finding the published report must give, by paragraph (non-empty blocks of the .md)
EXPECTED = {
    (6, "R1"),    # 年初预算数为 568.64 万元: Σ 年初预算数 is 503.64 (568.64 is Σ 全年预算数)
    (8, "R4"),    # 2021 年度 in a 2022 report
    (8, "R8"),    # 实现了各项预期绩效目标任务 while 3 projects scored 0 and 11 spent < 100 %
    (9, "R9"),    # 法律顾问聘请 ≈ 聘请法律顾问
    (20, "R9"),   # 退役军人辅助性岗位劳务费 ≈ 退役军人辅助性岗位经费
    (29, "R9"),   # 打击欺诈骗保专项工作经费 ≈ 打击诈骗骗保专项工作经费绩效目标表
    (33, "R5"),   # 城乡居民参保扩面保障经费: no such form (closest 全民参保工作保障经费)
    (44, "R9"),   # 家庭签约医生服务费(医保部分) ≈ 家庭医生签约服务费
    (50, "R8"),   # 圆满完成了绩效目标任务
}


@pytest.fixture(scope="module")
def batch():
    return load_all(SAMPLES)


def r_findings(path, batch_or_items, profile=None):
    items = batch_or_items.forms if hasattr(batch_or_items, "forms") else batch_or_items
    return check_report(path, items, profile)


def md_paragraphs(path: Path) -> list[str]:
    """The .md's non-empty blocks, counted independently of the reader."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    return [b for b in blocks if b]


# ----------------------------------------------------------------------------- the 大厂 sample

def test_sample_report_findings_by_paragraph(batch):
    found = r_findings(REPORT, batch)
    assert {(f.paragraph, f.rule) for f in found} == EXPECTED
    assert len(found) == len(EXPECTED)
    blocks = md_paragraphs(REPORT)
    for f in found:
        assert f.quote and f.quote in blocks[f.paragraph - 1].replace("**", ""), (f.paragraph, f.quote)
        assert f.source == str(REPORT) and f.file == str(REPORT)
        assert f.message.startswith(f"第{f.paragraph}段：")


def test_sample_report_details(batch):
    by = {(f.paragraph, f.rule): f for f in r_findings(REPORT, batch)}
    r1 = by[(6, "R1")]
    assert (r1.found, r1.expected) == (568.64, 503.64)
    assert "全年预算数合计" in r1.message and "年初预算数为 568.64 万元" in r1.quote
    r4 = by[(8, "R4")]
    assert (r4.found, r4.expected) == (2021, 2022) and r4.against.startswith("01.json")
    r8 = by[(8, "R8")]
    assert "实现了各项预期绩效目标" in r8.message and "等 12 个项目" in r8.message
    # the projects furthest from “实现了各项预期绩效目标” named first: the three scored 0 (执行率 0%)
    named = re.findall(r"“([^”]+)”执行率 ([\d.]+)%", r8.message)
    assert len(named) == 3 and all(rate == "0" for _name, rate in named), named
    r5 = by[(33, "R5")]
    assert "全民参保工作保障经费" in r5.message and r5.severity == "warning"
    assert by[(9, "R9")].severity == "info" and "聘请法律顾问" in by[(9, "R9")].message


def test_sample_report_correct_statements_are_read_and_left_alone(batch):
    """The report's right figures are compared (not skipped) and give nothing: 425.394936 万元
    (forms 425.395), 共计 23 个, 5.18466 万元 (form 5.18), 12.535273 (12.54) …"""
    facts = build_facts(batch.forms, get_profile(None))
    st = extract(read_report(REPORT), facts)
    amounts = {(s.paragraph, s.data["value"]) for s in st if s.kind == "amount" and s.forms is None or
               (s.kind == "amount" and s.forms and len(s.forms) == 1)}
    for expected in [(6, 425.394936), (21, 5.18466), (23, 65.221103), (39, 12.535273), (48, 157.94), (37, 1.995)]:
        assert expected in amounts
    assert any(s.kind == "count" and s.data["value"] == 23 for s in st)
    assert len(amounts) >= 20


# ----------------------------------------------------------------------------- jixiao's own reports

def test_generated_reports_pass_their_own_forms(batch, tmp_path):
    # the samples keep their errors: forced, with 【待核实】 marks; the 校验报告 is the reviewer's, not checked
    paths = [p for p in R.build_reports(batch, None, tmp_path, force=True) if p.stem != R.CHECK_NAME]
    facts = build_facts(batch.forms, get_profile(None))
    compared = in_tables = 0
    for p in paths:
        assert r_findings(p, batch) == [], p.name
        paragraphs, tables = read_document(p)
        compared += sum(1 for s in extract(paragraphs, facts)
                        if s.kind in ("amount", "rate", "indicator", "score", "claim"))
        in_tables += len(extract_tables(tables, paragraphs, facts))
    assert compared >= 300  # the check really read the figures (amounts, rates, indicators, scores)
    assert in_tables >= 100  # and the 整体报告's table of projects, row by row


def test_generated_reports_of_a_fully_spent_project_pass(tmp_path):
    """The branches the 23 samples do not reach: every rate 100 % (未发现偏差), every indicator met
    (均达到指标值), and a form whose 实际完成情况 reads 全部完成 although it scored 18 of 20 for a
    cost ceiling it kept: the report quotes the form, which is not a contradiction of it."""
    d = json.loads(SAMPLES[6].read_text(encoding="utf-8"))  # 07 聘请法律顾问: 1 of 1 万元
    d["goal_actual"] = "全部完成"
    d["indicators"][3]["score"], d["total_score"] = 18, 98
    for k, v in ((1, "95%"), (4, "96%"), (6, "97%")):
        d["indicators"][k]["actual"] = v
    form = tmp_path / "07.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    b = load_all([form])
    paths = [p for p in R.build_reports(b, None, tmp_path / "out", force=True) if p.stem != R.CHECK_NAME]
    text = "\n".join(p.text for path in paths for p in Document(str(path)).paragraphs)
    # one project: “该项目……”, not “各项目……” (stop 43)
    for sentence in ("该项目执行率达到100%，预算执行未发现偏差。", "该项目的绩效指标均达到指标值。", "该项目基本情况如下：",
                     "实际完成情况：全部完成。"):
        assert sentence in text
    for path in paths:
        assert r_findings(path, b) == [], path.name


def test_a_table_row_that_contradicts_its_form(tmp_path, batch):
    doc = Document()
    doc.add_paragraph("一、预算安排情况")
    doc.add_paragraph("单位：元")
    t = doc.add_table(rows=4, cols=5)
    rows = [["项目名称", "全年预算数", "全年执行数", "执行率", "等级"],
            ["聘请法律顾问", "10000", "10000", "100%", "优"],
            ["更新购置医保监督执法用车", "136000", "119800", "100%", "优"],
            ["家庭医生签约服务费", "900000", "0", "0%", "优"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    p = tmp_path / "表.docx"
    doc.save(str(p))
    found = r_findings(p, batch)
    assert {(f.rule, f.message.split("：")[0]) for f in found} == {
        ("R2", "第2段后的表1第3行"), ("R7", "第2段后的表1第4行")}  # 88.09 % is not 100 %; 0 分 is 差
    assert all(f.paragraph == 2 and "｜" in f.quote for f in found)


# ----------------------------------------------------------------------------- reports written here

def write(tmp_path: Path, text: str, name: str = "报告.md") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def got(tmp_path, batch, text, name="报告.md") -> set[tuple[int, str]]:
    return {(f.paragraph, f.rule) for f in r_findings(write(tmp_path, text, name), batch)}


CASES = [  # (rule, report text that contradicts a form, text that agrees with it); paragraph 2 is the statement
    ("R1", "## （七）聘请法律顾问\n\n2022年，县财政安排预算资金2万元，支出1万元。",
     "## （七）聘请法律顾问\n\n2022年，县财政安排预算资金1万元，共计支出10000元。"),
    ("R1", "# 一、总体情况\n\n纳入自评的项目共计23个，全年预算数合计568.64万元，执行数合计525.395万元。",
     "# 一、总体情况\n\n纳入自评的项目共计23个，全年预算数合计568.64万元，执行数合计425.395万元。"),
    ("R2", "（九）更新购置医保监督执法用车\n\n该项目资金执行率为95%。",
     "（九）更新购置医保监督执法用车\n\n该项目资金执行率为88%。"),
    ("R2", "（二十）提前下达 2022 年省级财政城乡居民医保村级代办员补助资金\n\n执行率为98%。",
     "（二十）提前下达 2022 年省级财政城乡居民医保村级代办员补助资金\n\n执行率为99%，执行率约为100%。"),
    ("R3", "一、基本情况\n\n本次纳入自评的项目共计25个。", "一、基本情况\n\n本次纳入自评的项目共计23个。"),
    ("R4", "一、基本情况\n\n2021年度，我局认真落实绩效管理规定。",
     "一、基本情况\n\n2022年度，我局按《关于做好2021年度绩效自评的通知》开展自评，未用资金结转至2023年度。"),
    ("R5", "（一）农村公路养护经费使用情况\n\n项目按计划实施。", "（一）省级以上劳模及计生后遗症报销费用使用情况\n\n项目按计划实施。"),
    ("R6", "（十）医保基金监管专项检查经费\n\n群众满意度≥95%，检查定点药店数量实际完成值71个。",
     "（十）医保基金监管专项检查经费\n\n群众满意度≥90%，检查定点药店数量实际完成值71个。"),
    ("R6", "（十）医保基金监管专项检查经费\n\n检查定点药店数量（指标值≥71个，完成值60个）。",
     "（十）医保基金监管专项检查经费\n\n核查经费单位成本(药店)（指标值≤0.04万元，完成值400元）。"),
    ("R7", "（七）聘请法律顾问\n\n自评总分95分，等级为“良”。", "（七）聘请法律顾问\n\n自评总分100分，等级为“优”。"),
    ("R7", "一、基本情况\n\n自评结果为“优”21个、“差”2个。", "一、基本情况\n\n自评结果为“优”20个、“差”3个。"),
    ("R8", "（一）退役军人辅助性岗位经费\n\n项目执行结果与年度绩效目标不存在偏差。",
     "（三）网络设备软件运行保障经费\n\n项目执行结果与年度绩效目标不存在偏差。"),
    ("R8", "（二）医疗保障服务经费\n\n以上指标全部按时按量完成。",
     "（八）关于提前下达 2022 年中央财政医疗服务与保障能力提升补助资金的通知\n\n资金已全部支出，预算执行不存在偏差。"),
    ("R8", "二、绩效目标实现情况\n\n经自评，各项目均已实现年度绩效目标，未发现问题。",
     "二、绩效目标实现情况\n\n经自评，确保绩效自评工作圆满完成；部分项目未完成年度绩效目标。\n\n"
     "（三）网络设备软件运行保障经费\n\n各项指标均已完成。"),
    ("R9", "（一）法律顾问聘请情况\n\n支付法律顾问费用1万元。", "（一）聘请法律顾问使用情况\n\n支付法律顾问费用1万元。"),
]


@pytest.mark.parametrize("rule, bad, good", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_and_stays_silent(tmp_path, batch, rule, bad, good):
    fired = got(tmp_path, batch, bad)
    assert (2 if rule not in ("R5", "R9") else 1, rule) in fired
    assert {r for _p, r in fired} == {rule}, fired  # and nothing else on that text
    assert got(tmp_path, batch, good, "好.md") == set()
    # silent because the statement was read and agrees, not because it was missed
    kinds = {"R1": {"amount"}, "R2": {"rate"}, "R3": {"count"}, "R4": {"year"}, "R5": {"name"}, "R6": {"indicator"},
             "R7": {"score", "grade", "grades"}, "R8": {"claim"}, "R9": {"name"}}[rule]
    facts = build_facts(batch.forms, get_profile(None))
    assert kinds & {st.kind for st in extract(read_report(tmp_path / "好.md"), facts)}


def test_every_report_rule_is_tested_both_ways():
    codes = {c for c, r in load_catalogue().items() if r.form_type == "report"}
    assert codes == {f"R{i}" for i in range(1, 10)}
    assert codes <= {c[0] for c in CASES}
    assert {c for c, r in load_catalogue().items() if r.group == "report"} == codes


def test_deviation_claim_on_85_55_percent(tmp_path):
    """The issue's case: 不存在偏差 while a project spent 85.55 % and lost a point on an indicator."""
    d = json.loads(SAMPLES[6].read_text(encoding="utf-8"))  # 07 聘请法律顾问, 1 万元
    assert d["project"] == "聘请法律顾问"
    d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = 0.8555
    d["exec_rate"], d["exec_score"] = "85.55%", 8.56
    d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 1
    form = tmp_path / "07.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    items = load_all([form]).forms
    text = ("# （一）聘请法律顾问\n\n预算1万元，支出8555元，执行率85.55%，项目执行结果与年度绩效目标不存在偏差。\n\n"
            "全年执行率为86%。\n\n全年执行率为85.6%。\n\n全年执行率为90%。\n\n以上指标全部按时按量完成。")
    found = r_findings(write(tmp_path, text), items)
    assert {(f.paragraph, f.rule) for f in found} == {(2, "R8"), (5, "R2"), (6, "R8")}
    r8 = next(f for f in found if f.paragraph == 2)
    assert "执行率 85.55%" in r8.message and "得分" in r8.message
    r8b = next(f for f in found if f.paragraph == 6)
    assert "执行率" not in r8b.message and "得分 9 分低于分值 10 分" in r8b.message  # a claim about 指标 only
    good = copy.deepcopy(d)
    good["funds"]["total"]["executed"] = good["funds"]["fiscal"]["executed"] = 1
    good["indicators"][0]["score"] = good["indicators"][0]["weight"]
    form.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    assert r_findings(write(tmp_path, text.replace("8555元，执行率85.55%", "1万元，执行率100%")
                            .replace("86%", "100%").replace("85.6%", "100%").replace("90%", "100%")),
                      load_all([form]).forms) == []


def test_coverage_target_80_against_form_70(tmp_path):
    d = json.loads(SAMPLES[16].read_text(encoding="utf-8"))  # 17 家庭医生签约服务费
    assert d["project"] == "家庭医生签约服务费"
    d["indicators"][1]["target"] = "≥70%"
    form = tmp_path / "17.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    items = load_all([form]).forms
    bad = "（一）家庭医生签约服务费\n\n签约服务覆盖率目标为≥80%。"
    (f,) = r_findings(write(tmp_path, bad), items)
    assert (f.rule, f.paragraph, f.expected, f.found) == ("R6", 2, "≥70%", "≥80%")
    assert "indicators[1].target" in f.against and f.quote == "签约服务覆盖率目标为≥80%。"
    assert r_findings(write(tmp_path, bad.replace("80%", "70%"), "好.md"), items) == []
    # a report on this one project needs no heading naming it; an itemized payment is not its total
    plain = ("一、项目绩效目标完成情况\n\n签约服务覆盖率目标为≥80%。\n\n"
             "全年预算90万元，支付签约服务费30万元、宣传费2万元。")
    assert [(f.rule, f.paragraph) for f in r_findings(write(tmp_path, plain, "单项.md"), items)] == [("R6", 2)]


# ----------------------------------------------------------------------------- reading, CLI

def test_docx_and_txt_are_numbered_like_the_reviewer_counts(tmp_path, batch):
    doc = Document()
    doc.add_paragraph("一、基本情况")
    doc.add_paragraph("")  # an empty paragraph still counts in a .docx
    doc.add_paragraph("2021年度，我局认真落实绩效管理规定。")
    p = tmp_path / "报告.docx"
    doc.save(str(p))
    (f,) = r_findings(p, batch)
    assert (f.rule, f.paragraph, f.quote) == ("R4", 3, "2021年度，我局认真落实绩效管理规定。")
    t = write(tmp_path, "一、基本情况\n\n\n2021年度，我局认真落实绩效管理规定。\n", "报告.txt")
    assert [(f.rule, f.paragraph) for f in r_findings(t, batch)] == [("R4", 2)]


def test_unreadable_report_is_a_chinese_error(tmp_path, batch):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ReportError, match="坏.docx：无法读取报告"):
        r_findings(bad, batch)
    with pytest.raises(ReportError, match="报告应为 .docx、.md 或 .txt"):
        r_findings(write(tmp_path, "x", "报告.pdf"), batch)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *map(str, args)], capture_output=True, text=True)


def test_cli_check_report_json_and_exit_codes(tmp_path):
    doc = Document()
    for line in md_paragraphs(REPORT):
        doc.add_paragraph(line.lstrip("#").strip().replace("**", ""))
    docx = tmp_path / "报告.docx"
    doc.save(str(docx))
    r = run_cli("check", *SAMPLES, "--report", REPORT, "--report", docx, "--json")
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert isinstance(out, list)
    rep = [f for f in out if f.get("paragraph") is not None]
    assert {(f["source"], f["paragraph"], f["rule"]) for f in rep} == \
        {(str(s), p, c) for s in (REPORT, docx) for p, c in EXPECTED}
    assert all(f["quote"] and f["rule"].startswith("R") for f in rep)
    assert all("paragraph" not in f for f in out if not f["rule"].startswith("R"))  # form findings unchanged
    assert next(f for f in rep if f["rule"] == "R1")["against"] == "23 张表的年初预算数合计"
    text = run_cli("check", *SAMPLES, "--report", REPORT)
    assert "第6段：报告写“568.64万元”" in text.stdout
    missing = run_cli("check", *SAMPLES, "--report", tmp_path / "无.docx")
    assert missing.returncode == 2 and "无.docx：报告文件不存在" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_cli_rules_lists_group_r():
    r = run_cli("rules", "--json")
    rules = {x["code"]: x for x in json.loads(r.stdout)["rules"]}
    assert all(rules[f"R{i}"]["group"] == "report" for i in range(1, 10))


CORRECT = """2022年度大厂回族自治县医疗保障局项目支出绩效自评报告

一、基本情况

2022年部门预算收入合计2903.86万元，其中基本支出1610.17万元，项目支出1293.69万元。本次纳入绩效自评的项目共23个，全年预算数合计568.64万元，执行数合计4253950元，总体执行率75%。与2021年度相比，项目数量增加5个。

二、项目绩效目标完成情况

（一）聘请法律顾问

1．资金使用情况

县财政安排预算资金1万元，截至2022年12月31日支出1万元，执行率100%，预算执行不存在偏差。

2．绩效目标完成情况

聘请法律顾问数量1人，法律顾问月均成本≤834元，实际为833.33元。各项指标均已完成，自评得分100分，等级为“优”。

（二）更新购置医保监督执法用车

该项目年初预算13.6万元，其中财政拨款13.6万元，实际支出11.98万元，结余1.62万元，执行率88.09%。

（三）家庭医生签约服务费

因卫健部门未提供名单，资金未支出，90万元全部结余，结转至2023年度使用。

（四）医疗救助补助资金

共计支出2022年度救助金57.3389万元。

三、存在的问题

部分项目执行率偏低，未全部完成年度绩效目标。

经校验，各项目的绩效目标设定未发现问题。

大厂回族自治县医疗保障局

2023年3月1日
"""


def test_a_correct_report_in_department_style_gives_nothing(tmp_path, batch):
    """Totals of the department's whole budget, 元 for 万元, a rounded rate, a comparison with the
    last year, 其中 amounts, a 结转 year, a section covering several forms, a negated claim."""
    p = write(tmp_path, CORRECT)
    assert r_findings(p, batch) == []
    facts = build_facts(batch.forms, get_profile(None))
    kinds = [s.kind for s in extract(read_report(p), facts)]
    assert kinds.count("amount") >= 7 and "rate" in kinds and "claim" in kinds and "indicator" in kinds
    # the same report with its figures changed is caught, each on its paragraph
    wrong = (CORRECT.replace("执行数合计4253950元", "执行数合计4353950元").replace("实际为833.33元", "实际为933.33元")
             .replace("结余1.62万元", "结余1.26万元"))
    assert got(tmp_path, batch, wrong, "错.md") == {(3, "R1"), (9, "R6"), (11, "R1")}
