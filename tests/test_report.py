"""生成报告: 报送函、项目支出绩效自评报告、整体绩效自评工作报告 from the 23 sample forms.

The documents are parsed back with python-docx and every figure in them is traced to the forms,
their scores, the checker's findings or the settings; the PDFs (LibreOffice) are checked for
embedded CJK fonts, the right Chinese text, the GB/T 9704 page, and rendered to PNG.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.cli import main as cli_main
from jixiao.reports.context import build_context
from jixiao.reports.templates import BODY_PT, NAMES, TEMPLATE_DIR, build_templates, stale_templates, template_parts
from jixiao.forms.project.model import parse_form
from jixiao.core.profiles import get_profile
from jixiao.forms.project.scoring import score_form
from jixiao.core.settings import TODO, Settings, load_settings_file
from jixiao.sources import Batch, Loaded, load_all

SAMPLE_DIR = SAMPLES[0].parent
LETTER, PROJECT, OVERALL = NAMES
SETTINGS = {"文号": "厂医保函〔2023〕5号", "主送机关": "大厂回族自治县财政局",
            "来文": "关于开展2022年度县级预算绩效自评工作的通知", "联系人": "金某", "联系电话": "0316-8826371",
            "成文日期": "2023年3月6日"}


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def batch():
    return load_all(SAMPLES)


@pytest.fixture(scope="module")
def forms(batch):
    return [it.form for it in batch.forms]


@pytest.fixture(scope="module")
def check(batch):
    return check_batch(batch, get_profile(None))


@pytest.fixture(scope="module")
def built(batch, check, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    paths = R.build_reports(batch, None, out, check=check, force=True)
    return {p.stem: p for p in paths}


@pytest.fixture(scope="module")
def docs(built):
    return {name: Document(str(built[name])) for name in NAMES}


@pytest.fixture(scope="module")
def settings_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("settings") / "设置.json"
    p.write_text(json.dumps(SETTINGS, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def built_with_settings(batch, check, settings_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-settings")
    paths = R.build_reports(batch, load_settings_file(settings_file), out, check=check, force=True)
    return {p.stem: Document(str(p)) for p in paths if p.stem in NAMES}


@pytest.fixture(scope="module")
def pdfs(batch, check, tmp_path_factory):
    need_libreoffice()
    out = tmp_path_factory.mktemp("report-pdf")
    paths = R.build_reports(batch, None, out, pdf=True, check=check, force=True)
    return {p.stem: p for p in paths if p.suffix == ".pdf"}


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def all_text(doc) -> str:
    """Paragraphs and table cells; a table's 序号 column is checked to count 1, 2, 3 … and left out."""
    parts = paragraphs(doc)
    for t in doc.tables:
        k = 0
        for row in t.rows:
            cells = [c.text for c in row.cells]
            if cells[0].isdigit():
                k += 1
                assert cells[0] == str(k), cells
                cells = cells[1:]
            parts.extend(cells)
    return "\n".join(parts)


def section(doc, start: str, end: str | None) -> list[str]:
    ps = paragraphs(doc)
    i = ps.index(start)
    j = ps.index(end, i + 1) if end else len(ps)
    return ps[i + 1:j]


def total(forms, col: str) -> float:
    return sum(getattr(f.funds.total, col) or 0 for f in forms)


CLAUSE = re.compile(r"下达\s*([\d.]+)\s*万元，支出\s*([\d.]+)\s*万元，执行率\s*([\d.]+)%")


def parse_clause(text: str, name: str) -> tuple[float, float, float, str]:
    assert text.startswith(name), (name, text)
    m = CLAUSE.match(text[len(name):])
    assert m, f"“{name}”的资金句式不对：{text}"
    return float(m[1]), float(m[2]), float(m[3]), text[len(name) + m.end():]


def check_clause(form, text: str) -> None:
    text = plain(text)
    a, e, rate, rest = parse_clause(text, R.doc_text(form.project))
    fa, fe = form.funds.total.annual, form.funds.total.executed
    assert a == fa and e == fe, f"{form.project}：文中下达 {a}、支出 {e}，表中 {fa}、{fe}"
    true = fe / fa * 100
    assert abs(rate - true) <= 0.005 + 1e-9, f"{form.project}：执行率 {rate}% ≠ {true}%"
    if fe < fa:
        assert rate < 100, f"{form.project}：执行率不足 100% 却写成 {rate}%"
        assert "不存在偏差" not in rest and "全部完成" not in rest and "已全部支出" not in rest, text
        assert "存在偏差" in rest
    else:
        # the paragraph above the list says “资金已全部支出，预算执行不存在偏差” once for the projects at 100%
        # (it was said after each of them, 12 times in the demo): the line gives the project's figures only
        assert rest == "。" and rate == 100, text


# ----------------------------------------------------------------------------- the documents

def plain(text: str) -> str:
    """A forced document's text without its 【待核实】 marks (in a table cell, on a line under the figure)."""
    return text.replace("\n" + R.CHECK, "").replace(R.CHECK, "")


def test_three_documents_written_without_leftover_tags(built, docs):
    assert sorted(built) == sorted([*NAMES, R.CHECK_NAME])
    for name, doc in docs.items():
        text = all_text(doc)
        assert len(text) > (200 if name == LETTER else 300), name   # the letter: one sentence and its 附件
        for tag in ("{{", "}}", "{%", "%}"):
            assert tag not in text, f"{name} 中残留模板标记 {tag}"
    assert not list(Path(built[LETTER]).parent.glob(".~*")), "留下了临时文件"


def test_funds_totals_read_568_64_and_425_395(forms, docs, check, batch):
    assert math.isclose(total(forms, "annual"), 568.64) and math.isclose(total(forms, "executed"), 425.395)
    published = json.loads((SAMPLE_DIR / "summary-as-published.json").read_text(encoding="utf-8"))
    assert published["funds_due"] == 568.64
    overview = section(docs[PROJECT], "（二）预算资金执行情况", "（三）绩效目标完成情况")[0]
    assert "全年预算数合计568.64万元" in overview and "全年执行数合计425.395万元" in overview, overview
    rate = 425.395 / 568.64 * 100
    shown = float(re.search(r"总体执行率([\d.]+)%", overview)[1])
    assert abs(shown - rate) <= 0.005 and shown == 74.81
    text = all_text(docs[OVERALL])
    assert "568.64万元" in text and "425.395万元" in text
    # the cover letter leaves the figures to its 附件 (the 汇总表, the reports): none to disagree with them
    assert "万元" not in all_text(docs[LETTER])
    table = docs[OVERALL].tables[0]
    last = [plain(c.text) for c in table.rows[-1].cells]
    assert last[0] == "合计" and last[2:5] == ["568.64", "425.395", "74.81%"], last


def test_every_project_clause_matches_its_form(forms, docs):
    overview, *clauses = section(docs[PROJECT], "（二）预算资金执行情况", "（三）绩效目标完成情况")
    # the verdict on the 12 projects at 100%, once, where they are counted
    assert ("其中执行率达到100%的项目12个，资金已全部支出，预算执行不存在偏差；未达到100%的项目11个"
            "（其中资金未支出的项目3个）。") in overview, overview
    assert all_text(docs[PROJECT]).count("不存在偏差") == 1
    assert len(clauses) == len(forms) == 23
    for i, (form, text) in enumerate(zip(forms, clauses), start=1):
        assert text.startswith(f"{i}{R.ORD}"), text
        check_clause(form, text[len(f"{i}{R.ORD}"):])
    # the 整体报告 sums each project up in a line (its 执行率 as the clause's), never repeating the 项目报告's
    # paragraphs word for word (s42: its part 三 was the 项目报告's clauses again), and its table row agrees
    lines = section(docs[OVERALL], "三、项目支出绩效自评情况", "四、绩效目标设定质量")
    assert lines[0] == "各项目的预算执行和绩效目标完成情况详见《2022年度项目支出绩效自评报告》，概述如下："
    assert not set(lines) & set(paragraphs(docs[PROJECT]))
    for i, (form, line, clause) in enumerate(zip(forms, lines[1:], clauses), start=1):
        name = R.doc_text(form.project)
        assert line.startswith(f"{i}{R.ORD}{name}：执行率"), line
        rate = re.search(r"执行率([\d.]+)%", plain(clause))[1]
        assert plain(line).startswith(f"{i}{R.ORD}{name}：执行率{rate}%"), line
    assert len(lines) == len(forms) + 1
    rows = docs[OVERALL].tables[0].rows[1:-1]
    assert len(rows) == 23
    for form, row in zip(forms, rows):
        cells = [plain(c.text) for c in row.cells]
        assert cells[1] == R.doc_text(form.project)
        assert float(cells[2]) == form.funds.total.annual and float(cells[3]) == form.funds.total.executed
        assert abs(float(cells[4].rstrip("%")) - form.funds.total.executed / form.funds.total.annual * 100) <= 0.005


def test_example_clause_wording():
    f = parse_form(json.loads((SAMPLE_DIR / "03.json").read_text(encoding="utf-8")) | {
        "project": "医保改革及经办中心工作经费",
        "funds": {"total": {"initial": 22, "annual": 22, "executed": 22}}})
    b = Batch([Loaded(f, "x.json")], files=1)
    p = R.collect(b).projects[0]
    # the wording (A2 names each column of this form's 年度资金总额: each figure carries its own mark, s66)
    said = R.funds_clause(p)
    assert said.replace("【待核实】", "").startswith("医保改革及经办中心工作经费下达22.00万元，支出22.00万元，执行率100.00%")
    assert said.startswith("医保改革及经办中心工作经费下达22.00万元【待核实】，支出22.00万元【待核实】，执行率100.00%【待核实】")


def _funds_said(*executed: float) -> tuple[str, list[str]]:
    """The 项目报告's 预算资金执行情况 for copies of 03.json (全年预算数 26) spending ``executed``: the
    paragraph above the list and the list's clauses."""
    d = json.loads((SAMPLE_DIR / "03.json").read_text(encoding="utf-8"))
    loaded = []
    for k, e in enumerate(executed):
        d["project"], d["funds"]["total"]["executed"] = f"项目{k + 1}", e
        loaded.append(Loaded(parse_form(json.loads(json.dumps(d))), f"{k}.json"))
    ctx = build_context(R.collect(Batch(loaded, files=len(loaded))))
    return ctx["funds_overview"], [p["funds_clause"] for p in ctx["projects"]]


def test_full_spending_is_said_once_for_the_group():
    """“资金已全部支出，预算执行不存在偏差” once for the projects at 100%, where they are counted; each
    line keeps its figures. One project alone keeps the sentence on its line (no count above it)."""
    overview, clauses = _funds_said(26, 26, 30)
    assert "其中执行率达到100%的项目2个，资金已全部支出，预算执行不存在偏差；执行数大于预算数的项目1个。" in overview
    assert clauses[0] == "项目1下达26.00万元，支出26.00万元，执行率100.00%。"
    assert clauses[2].endswith("超支4.00万元。")
    overview, clauses = _funds_said(26, 26)
    assert "各项目执行率均达到100%，资金均已全部支出，预算执行不存在偏差。" in overview, overview
    assert not any("偏差" in c for c in clauses)
    overview, clauses = _funds_said(26, 20)
    assert "其中执行率达到100%的项目1个，资金已全部支出，预算执行不存在偏差；未达到100%的项目1个。" in overview
    assert clauses[1].endswith("结余6.00万元，未全部支出，预算执行存在偏差。")
    overview, clauses = _funds_said(26)
    assert clauses == ["项目1下达26.00万元，支出26.00万元，执行率100.00%，资金已全部支出，预算执行不存在偏差。"]
    assert "不存在偏差" not in overview


def test_under_100_percent_is_never_without_deviation():
    """99.996% is not 100%: shown as 99.99%, and it is a deviation."""
    d = json.loads((SAMPLE_DIR / "03.json").read_text(encoding="utf-8"))
    d["funds"]["total"]["executed"] = 25.999
    b = Batch([Loaded(parse_form(d), "x.json")], files=1)
    p = R.collect(b).projects[0]
    text = R.funds_clause(p)
    assert "执行率99.99%" in text and "不存在偏差" not in text and "全部完成" not in text
    assert "结余0.001万元" in text and "存在偏差" in text
    # as the 执行率 cell (0.00%) prints it, in every document (s67: “100%”, “92.5%”)
    assert R.pct(Decimal(1)) == "100.00%" and R.pct(Decimal("0.925")) == "92.50%"
    assert R.pct(Decimal("0.000001")) == "0.01%" and R.pct(Decimal(0)) == "0.00%"
    assert R.money(0.1 + 0.2) == "0.30" and R.money(425.395) == "425.395" and R.money(5.6 - 5.18) == "0.42"


def test_goal_claims_follow_the_numbers(forms, docs):
    ps = section(docs[PROJECT], "（三）绩效目标完成情况", "二、存在的问题")
    k = forms.index(next(f for f in forms if f.project == "城乡医疗救助资金"))  # 全部完成, 98.95%
    i = ps.index(f"{k + 1}{R.ORD}城乡医疗救助资金")
    # the form's bare “全部完成” is not repeated beside the figures that deny it (it said “全部完成（……目标未全部完成）”)
    # nor denied (s65: “目标未全部完成，其中……” contradicted the form it went with): bounded by the figures
    assert "年度目标已完成" in ps[i + 1] and "预算执行率为98.95%" in ps[i + 1], ps[i + 1]
    assert "实际完成情况：全部完成" not in ps[i + 1] and ps[i + 1].count("实际完成情况") == 1
    # groups in order 数量/质量/时效/成本/效益/满意度, each indicator with its target and actual
    groups = [p.split("方面：")[0] for p in ps[i + 2:i + 8]]
    assert groups == ["数量", "质量", "时效", "成本", "效益", "满意度"]
    assert "总成本（指标值≤20万元，完成值19.79万元）" in ps[i + 5]
    # an actual that only repeats the bound is never called 达到
    j = ps.index(f"3{R.ORD}网络设备软件运行保障经费")
    cost = next(p for p in ps[j:] if p.startswith("成本方面"))
    assert "（指标值≤8.18万元，完成值≤8.18万元）" in cost and "达到指标值" not in cost, cost
    # the project's last line names them, once (s42: it said “完成情况未以实测数值反映” after each)
    last = next(p for p in ps[j:] if "未以实测数值填写" in p)
    assert "网络使用成本、硬件维护成本、软件维护成本、网络改造成本" in last and "需补充实际完成数" in last, last


def test_problems_come_from_deviations_and_reasons_never_the_checker(forms, docs, check):
    ps = section(docs[PROJECT], "二、存在的问题", "三、整改措施和建议")
    text = plain("\n".join(ps))
    # the checker's findings are the reviewer's (校验报告.docx), not the department's report
    assert "经校验" not in text and "处错误" not in text
    assert "执行率得分应为 9.5" not in all_text(docs[PROJECT])
    # deviations with their 偏差原因 (17.json), or 【待填写】 where the form gives none (01.json)
    assert "家庭医生签约服务费：执行率0.00%，结余90.00万元。偏差原因：截至目前，大厂县医保局未收到" in text
    assert f"退役军人辅助性岗位经费：执行率92.50%，结余0.42万元。偏差原因：{TODO}" in text
    # the 文号 as GB/T 9704 writes it; the form has 冀财社[2022]178 号
    assert "关于下达2022年省级财政困难群众基本生活补助资金的通知冀财社〔2022〕178号：8项指标未达到指标值" in text


def test_overall_report_sections(docs):
    ps = paragraphs(docs[OVERALL])
    heads = [p.text for p in docs[OVERALL].paragraphs if p.style.name == "Heading 1"]
    assert heads == ["一、自评工作组织开展情况", "二、预算安排及资金分配情况", "三、项目支出绩效自评情况",
                     "四、绩效目标设定质量", "五、部门整体支出绩效情况", "六、整改措施及结果应用"]
    quality = "\n".join(section(docs[OVERALL], "四、绩效目标设定质量", "五、部门整体支出绩效情况"))
    assert "23个项目共设三级绩效指标189个" in quality and "经校验" not in quality and ".json" not in quality
    dept = section(docs[OVERALL], "五、部门整体支出绩效情况", "六、整改措施及结果应用")
    assert dept == [f"部门整体支出绩效情况：{TODO}。"]   # nothing claimed of a form it may send apart
    assert not [p for p in docs[OVERALL].paragraphs if p.style.name == "Heading 2"]   # one line a project (s42)
    assert ps[-1] == "2023年3月1日"  # 成文日期 from the forms' 填报日期 2023.3.1


# ----------------------------------------------------------------------------- consistency

NUM = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|%|分|个|处|项|份|张|年|月|日)?")
ORDINAL = re.compile(r"(?<![\d.])\d+．")


def _known(forms, batch, check, settings: Settings | None):
    """Every figure the documents may show, computed here from the forms, scores and findings."""
    profile = get_profile(None)
    money, pct, score, count, date = set(), set(), set(), set(), set()
    for f in forms:
        for row in ("total", "fiscal", "carryover", "other"):
            r = f.funds.row(row)
            money |= {v for v in (r.initial, r.annual, r.executed) if v is not None}
        a, e = f.funds.total.annual, f.funds.total.executed
        money.add(round(a - e, 6))
        pct.add(e / a * 100)
        s = score_form(f, profile)
        score |= {f.total_score, s.total, f.exec_score, s.exec_score}
        for ind, isc in zip(f.indicators, s.indicators):
            score |= {ind.weight, ind.score, isc.score}
        count.add(len(f.indicators))
        verdicts = Counter(R.verdict(x, ind) for x, ind in zip(s.indicators, f.indicators))
        count |= set(verdicts.values())
        unmet = [x for x in s.indicators if x.score < (x.weight or 0) - 0.005]
        unver = [x for x in s.indicators if x not in unmet and not x.computed and x.kind in ("quantity", "month")]
        count |= {len(unmet), len(unver), len(f.indicators) - len(unmet) - len(unver)}
        date.add(f.year)
        date |= {int(x) for x in re.findall(r"\d+", f.filled_on or "")}
    money |= {round(total(forms, c), 6) for c in ("initial", "annual", "executed")}
    pct |= {total(forms, "executed") / total(forms, "annual") * 100, 100}
    published = json.loads((SAMPLE_DIR / "summary-as-published.json").read_text(encoding="utf-8"))
    n = len(forms)
    count |= {n, *(v or 0 for v in published["grades"].values())}
    count |= {sum(1 for f in forms if f.funds.total.executed == f.funds.total.annual),
              sum(1 for f in forms if f.funds.total.executed < f.funds.total.annual),
              sum(1 for f in forms if f.funds.total.executed == 0),
              sum(len(f.indicators) for f in forms)}
    by_sev = Counter(f.severity for f in check.findings)
    count |= set(by_sev.values())
    count |= set(Counter((f.project, f.severity) for f in check.findings).values())
    count |= set(Counter((f.project, f.rule, f.severity) for f in check.findings).values())
    count |= set(Counter((f.project, f.rule) for f in check.findings).values())
    count |= set(Counter(f.rule for f in check.findings).values())
    count |= {len({f.project for f in check.findings if f.rule == r}) for r in {f.rule for f in check.findings}}
    count.add(len({f.project for f in check.findings if f.severity == "error"}))
    count.add(sum(1 for f in check.findings if f.rule in R.TARGET_RULES))
    # totals per project (unmet in the 存在的问题 lists; all unmet)
    scores = [score_form(f, profile) for f in forms]
    unmet_all = [sum(1 for x in s.indicators if x.score < (x.weight or 0) - 0.005) for s in scores]
    count |= {sum(unmet_all), sum(1 for u in unmet_all if u)}
    count |= {sum(1 for f in forms if f.funds.total.executed < f.funds.total.annual)}
    unver_all = sum(1 for s in scores for x in s.indicators
                    if x.score >= (x.weight or 0) - 0.005 and not x.computed and x.kind in ("quantity", "month"))
    count |= {unver_all, sum(len(f.indicators) for f in forms) - sum(unmet_all) - unver_all}
    count |= set(Counter(R.group_of(i.level1, i.level2) for f in forms for i in f.indicators).values())
    all_verdicts = Counter(R.verdict(x, ind) for f, s in zip(forms, scores) for x, ind in zip(s.indicators, f.indicators))
    count |= set(all_verdicts.values()) | {all_verdicts["met"]}
    verbatim = [profile.name, *(p.unit for p in forms if p.unit)]
    for f in forms:
        verbatim += [f.project, f.goal_expected, f.goal_actual]
        for ind in f.indicators:
            verbatim += [ind.name, ind.reason]
            verbatim += [f"指标值{R.clean_text(ind.target)}", f"完成值{R.clean_text(ind.actual)}"]
    verbatim += [R.message_text(f.message) for f in check.findings]
    verbatim += [str(p) for p in batch.problems]
    from jixiao.checking.rules import load_catalogue

    verbatim += [r.title for r in load_catalogue().values()]
    if settings:
        verbatim += [v for v in settings.model_dump().values() if isinstance(v, str)]
    verbatim = sorted({t(v) for v in verbatim if v and re.search(r"\d", str(v)) for t in (R.clean_text, R.doc_text)},
                      key=len, reverse=True)
    return {"万元": money, "%": pct, "分": score - {None}, "count": count, "date": date}, verbatim


def _matches(value: float, shown: str, known, exact: bool = False) -> bool:
    """Rates and scores may be rounded to the decimals shown; money never is (万元 as on the forms)."""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    tol = 0.5 * 10 ** -decimals + 1e-9 if decimals and not exact else 1e-9
    return any(k is not None and abs(value - float(k)) <= tol for k in known)


def unexplained_figures(text: str, known: dict, verbatim: list[str]) -> list[str]:
    for v in verbatim:
        text = text.replace(v, " ")
    text = ORDINAL.sub(" ", text)
    out = []
    everything = set().union(*known.values())
    for m in NUM.finditer(text):
        shown, unit = m[1], m[2]
        value = float(shown)
        pool = {"万元": known["万元"], "%": known["%"], "分": known["分"], "年": known["date"],
                "月": known["date"], "日": known["date"]}.get(unit)
        if unit in ("个", "处", "项", "份", "张"):
            ok = "." not in shown and int(value) in known["count"]
        elif pool is not None:
            ok = _matches(value, shown, pool, exact=unit == "万元")
        else:
            ok = _matches(value, shown, everything)
        if not ok:
            out.append(f"{shown}{unit or ''}：…{text[max(0, m.start() - 25):m.end() + 10]}…")
    return out


def test_every_figure_traces_back_to_forms_scores_and_settings(forms, batch, check, docs):
    known, verbatim = _known(forms, batch, check, None)
    for name, doc in docs.items():
        bad = unexplained_figures(all_text(doc), known, verbatim)
        assert not bad, f"{name} 中有无法追溯来源的数字：\n" + "\n".join(bad)


def test_figure_check_catches_a_typed_number(forms, batch, check, docs):
    known, verbatim = _known(forms, batch, check, None)
    text = all_text(docs[PROJECT]).replace("全年执行数合计425.395万元", "全年执行数合计425.40万元", 1)
    text = text.replace("支出65.22万元", "支出65.2万元", 1)
    assert len(unexplained_figures(text, known, verbatim)) == 2


def test_settings_fill_the_letter_and_missing_ones_say_todo(docs, built_with_settings, forms, batch, check,
                                                           settings_file):
    bare = paragraphs(docs[LETTER])
    assert bare[1] == TODO                                    # 文号, under the 发文机关标志
    assert bare[bare.index("县财政局：") + 1].startswith(f"根据{TODO}要求")  # 来文; default 主送机关
    assert f"联系人：{TODO}；联系电话：{TODO}" in bare[-1]
    marked = [r for p in docs[LETTER].paragraphs for r in p.runs if TODO in r.text]
    assert marked and all(r.text == TODO and r.font.highlight_color == 7 for r in marked)  # 7 = yellow
    filled = paragraphs(built_with_settings[LETTER])
    assert filled[1] == "厂医保函〔2023〕5号"
    assert "大厂回族自治县财政局：" in filled
    assert filled[filled.index("大厂回族自治县财政局：") + 1].startswith(
        "根据《关于开展2022年度县级预算绩效自评工作的通知》要求")
    assert filled[-1] == "（联系人：金某；联系电话：0316-8826371）" and filled[-2] == "2023年3月6日"
    assert TODO not in "\n".join(filled)
    known, verbatim = _known(forms, batch, check, load_settings_file(settings_file))
    for name, doc in built_with_settings.items():
        assert not unexplained_figures(all_text(doc), known, verbatim), name


def test_cli_reads_the_workbook_settings_sheet(tmp_path, settings_file):
    import openpyxl

    from jixiao.forms.project.model import load_form
    from jixiao.excel.workbook import write_forms

    book = write_forms([load_form(p) for p in SAMPLES[:3]], tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("设置")
    ws.append(["项目", "内容"])
    ws.append(["文号", "厂医保函〔2023〕9号"])
    ws.append(["来文", "《关于做好绩效自评的通知》"])
    wb.save(book)
    # forms with errors: refused, with the reason in Chinese, nothing written
    assert cli_main(["report", str(book), "-o", str(tmp_path / "refused")]) == 1
    assert not (tmp_path / "refused").exists()
    assert cli_main(["report", str(book), "-o", str(tmp_path / "out"), "--force"]) == 0
    letter = paragraphs(Document(str(tmp_path / "out" / f"{LETTER}.docx")))
    assert letter[1] == "厂医保函〔2023〕9号" and "根据《关于做好绩效自评的通知》要求" in "\n".join(letter)
    # a settings file wins over the sheet
    assert cli_main(["report", str(book), "-o", str(tmp_path / "out2"), "--settings", str(settings_file),
                     "--force"]) == 0
    assert paragraphs(Document(str(tmp_path / "out2" / f"{LETTER}.docx")))[1] == "厂医保函〔2023〕5号"
    # a folder with a file that is not a form: reports from the rest, exit 1
    assert cli_main(["report", str(SAMPLE_DIR), "-o", str(tmp_path / "out3"), "--force"]) == 1
    assert (tmp_path / "out3" / f"{OVERALL}.docx").exists()


# ----------------------------------------------------------------------------- templates and fonts

def test_committed_templates_are_what_the_code_builds(tmp_path):
    assert stale_templates(TEMPLATE_DIR) == [], "请运行 python -m jixiao.reports.templates 重新生成报告模板"
    a, b = build_templates(tmp_path / "a"), build_templates(tmp_path / "b")
    for x, y in zip(a, b):
        assert template_parts(x) == template_parts(y)  # reproducible, whatever the zip timestamps
    # a template edited by hand is caught
    bad = tmp_path / "bad"
    shutil.copytree(TEMPLATE_DIR, bad)
    src = bad / f"{PROJECT}.docx"
    parts = template_parts(src)
    parts["word/styles.xml"] = parts["word/styles.xml"].replace("仿宋_GB2312".encode(), "宋体".encode())
    with zipfile.ZipFile(src, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert stale_templates(bad) == [f"{PROJECT}.docx"]


STYLE_FONTS = {"Normal": ("仿宋_GB2312", 16, False), "Title": ("方正小标宋简体", 22, False),
               "Heading 1": ("黑体", 16, False), "Heading 2": ("楷体_GB2312", 16, False),
               "Heading 3": ("仿宋_GB2312", 16, True)}


@pytest.mark.parametrize("source", ["template", "output"])
def test_styles_name_the_gbt9704_fonts(source, built):
    path = TEMPLATE_DIR / f"{PROJECT}.docx" if source == "template" else built[PROJECT]
    doc = Document(str(path))
    for name, (font, size, bold) in STYLE_FONTS.items():
        st = doc.styles[name]
        rf = st.element.rPr.find(qn("w:rFonts"))
        assert rf.get(qn("w:eastAsia")) == font and rf.get(qn("w:ascii")) == font, name
        assert not any(k.endswith("Theme") for k in rf.attrib), f"{name} 仍用主题字体"
        assert st.font.size == Pt(size) and bool(st.font.bold) == bold, name
        lang = st.element.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == "zh-CN"
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(29) and normal.line_spacing_rule == 4  # exactly 29 pt
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == \
        [37, 35, 28, 26]
    fonts = {f.get(qn("w:name")) for f in
             __import__("lxml.etree", fromlist=["x"]).fromstring(template_parts(path)["word/fontTable.xml"])}
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"} <= fonts


# ----------------------------------------------------------------------------- PDF

def _pdffonts(pdf: Path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        m = re.match(r"(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        if m:
            rows.append({"name": m[1], "type": m[2].strip(), "emb": m[4] == "yes"})
    return rows


def _pdftext(pdf: Path, first: int = 1, last: int = 1) -> str:
    out = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.mark.libreoffice
def test_pdfs_use_embedded_cjk_fonts_and_read_back_as_chinese(pdfs, artifacts):
    assert sorted(pdfs) == sorted(NAMES)
    for name, pdf in pdfs.items():
        fonts = _pdffonts(pdf)
        assert fonts, name
        for f in fonts:
            assert f["emb"], f"{name}：字体 {f['name']} 未嵌入"
            assert "Type 3" not in f["type"] and f["name"] != "[none]", f"{name}：{f}"
            assert "CJK" in f["name"], f"{name}：{f['name']} 不是中文字体（回退失败）"
        text = _pdftext(pdf, 1, 999)
        assert "\ufffd" not in text and "?" not in text.replace("？", ""), f"{name} 中有无法显示的字符"
        pngs = R_png(pdf, artifacts / f"report-{name}")
        assert pngs and pngs[0].stat().st_size > 5000
    names = {f["name"].split("+")[-1] for f in _pdffonts(pdfs[PROJECT])}
    assert any("SerifCJK" in n and "Bold" in n for n in names), names   # 方正小标宋简体 → Noto Serif CJK SC Bold
    assert any("SerifCJK" in n and "Regular" in n for n in names), names  # 仿宋/楷体 → Noto Serif CJK SC
    assert any("SansCJK" in n for n in names), names                      # 黑体 → Noto Sans CJK SC
    letter = _pdftext(pdfs[LETTER])
    assert "关于报送2022年度项目支出绩效自评报告的函" in letter
    assert "我单位对2022年度23个项目开展了绩效自评，现将有关材料随函报送，请审核。" in letter
    project = _pdftext(pdfs[PROJECT], 1, 999)
    assert "大厂回族自治县医疗保障局2022年度项目支出绩效自评报告" in project
    assert "退役军人辅助性岗位经费下达5.60万元，支出5.18万元，执行率92.50%" in project
    assert "医保基金监管专项检查经费下达6.00万元，支出5.70万元，执行率95.00%" in project


def R_png(pdf: Path, prefix: Path) -> list[Path]:
    from jixiao.excel.office import pdf_to_png

    for old in prefix.parent.glob(prefix.name + "*.png"):
        old.unlink()
    return pdf_to_png(pdf, prefix, dpi=80, first=1, last=1)


def _words(pdf: Path, page: int = 1) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]


@pytest.mark.libreoffice
def test_pdf_page_follows_gbt9704(pdfs):
    mm = 72 / 25.4
    words = _words(pdfs[PROJECT], 2)  # a full page of body text
    body = [w for w in words if w[1] < 297 * mm - 35 * mm]  # above the bottom margin: not the page number
    assert min(w[0] for w in body) == pytest.approx(28 * mm, abs=2.5)           # left margin 28 mm
    # right margin 26 mm; a line-end “，”/“。” may hang one character past it (hanging punctuation,
    # Word's and LibreOffice's default for Chinese text), nothing else
    right = (210 - 26) * mm + 2
    assert all(w[2] <= right or (w[4][-1] in "，。；：、！？”）" and w[2] <= right + BODY_PT) for w in body)
    assert min(w[1] for w in body) >= 37 * mm - 2                                 # top margin 37 mm
    assert max(w[3] for w in body) <= (297 - 35) * mm + 2                         # bottom margin 35 mm
    tops = sorted({round(w[1], 1) for w in body})
    steps = Counter(round(b - a) for a, b in zip(tops, tops[1:]))
    pitch = steps.most_common(1)[0][0]
    assert 28 <= pitch <= 30, steps                                               # fixed 29 pt lines
    footer = [w for w in words if w[1] > 297 * mm - 35 * mm]
    assert any(w[4] == "2" for w in footer), "页码"
    # 7.5: “— 2 —” on an even page at the left, one 3号 character in from the text block; odd pages at the right
    char = BODY_PT
    assert min(w[0] for w in footer) == pytest.approx(28 * mm + char, abs=2.5), footer
    odd = [w for w in _words(pdfs[PROJECT], 1) if w[1] > 297 * mm - 35 * mm]
    assert any(w[4] == "1" for w in odd) and max(w[2] for w in odd) == pytest.approx((210 - 26) * mm - char, abs=2.5)


@pytest.mark.libreoffice
def test_pdf_signature_centred_over_the_date(pdfs):
    """GB/T 9704 7.3.5.1 (a document that is stamped): the 成文日期 four characters in from the right edge of
    the text block, the 发文机关署名 centred over it — not both set flush at the same right indent."""
    mm = 72 / 25.4
    for name in NAMES:
        pdf = pdfs[name]
        last = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                text=True, check=True).stdout).group(1))
        lines: dict[float, list] = {}
        for w in _words(pdf, last):
            lines.setdefault(round(w[1]), []).append(w)
        text = {y: "".join(w[4] for w in ws) for y, ws in lines.items()}
        # the last such line: a one-page 报送函 shows the name in its letterhead too
        sign = max(y for y, t in text.items() if t == "大厂回族自治县医疗保障局")
        date = next(y for y, t in text.items() if t == "2023年3月1日")
        assert date > sign
        s0, s1 = min(w[0] for w in lines[sign]), max(w[2] for w in lines[sign])
        d0, d1 = min(w[0] for w in lines[date]), max(w[2] for w in lines[date])
        assert d1 == pytest.approx((210 - 26) * mm - 4 * BODY_PT, abs=3), name      # 右空四字
        assert (s0 + s1) / 2 == pytest.approx((d0 + d1) / 2, abs=BODY_PT / 2), name  # centred on the date


def test_a_signer_too_long_to_centre_ends_at_the_right_edge(batch, tmp_path):
    long_name = "大厂回族自治县医疗保障局机关后勤服务中心综合办公室"   # 24 characters over a date of 7¼
    paths = R.build_reports(load_all(SAMPLES[10:11]), Settings(signer=long_name), tmp_path)
    doc = Document(str(next(p for p in paths if p.stem == NAMES[0])))
    sign = [p for p in doc.paragraphs if p.style.name == "落款"]
    assert [p.text for p in sign] == [long_name, "2023年3月1日"]
    ind = sign[0]._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:rightChars")) == "0" and ind.get(qn("w:right")) == "0"
    assert sign[1]._p.pPr.find(qn("w:ind")) is None   # the date keeps the style's 右空四字
