"""The documents that go out with the workbooks: 报送函、项目支出绩效自评报告、整体绩效自评工作报告.

Written from the forms so that no number is typed twice. ``build_context`` turns the forms,
their scores (``scoring``), the checker's findings (``check``), the totals (``summary``) and
the settings (``settings``) into plain strings; the docxtpl templates in ``report_templates/``
only place those strings. Every figure is formatted here, once, by ``money``/``pct``/``num``:

- **Money** (万元) is shown exactly as the forms carry it — no rounding, no padding zeros:
  22, 5.18, 1.995; totals are the exact sums (568.64, 425.395), float noise removed
  (at most 4 decimals, as ``values.fmt``).
- **Rates** (执行率) are 全年执行数 ÷ 全年预算数 as a percentage rounded half-up to 2 decimals,
  trailing zeros dropped (92.5%, 74.11%, 100%). A rate below 100% is never shown as 100%
  (99.996% → 99.99%), and a rate above 0 never as 0%.
- **Scores** as the forms and the scorer give them (97.75, 99.25).

Wording follows the numbers: a 资金 clause says 不存在偏差 only when 执行数 equals 预算数; a
project under 100% gets its 结余 and 存在偏差; a 实际完成情况 that claims 完成 while money was
left or indicators fell short is qualified with the figures. 存在的问题 comes from those
deviations, the 偏差原因 written on the forms and the checker's errors. Wherever a value the
forms do not hold is missing from the settings (文号, 来文, 联系人 …), the text says 【待填写】,
highlighted in yellow in the .docx.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .check import CheckResult, check_batch
from .docx_templates import FALLBACKS, NAMES, TEMPLATE_DIR
from .findings import Finding
from .profiles import Profile, get_profile
from .scoring import FormScore, IndicatorScore
from .settings import TODO, Settings
from .sources import Batch, Loaded
from .summary import summarize
from .core import numbers
from .core.numbers import fmt, round2
from .core.rates import exec_rate

DOCUMENTS = NAMES  # 报送函, 项目支出绩效自评报告, 整体绩效自评工作报告 (file stems of the outputs)
GROUPS = ("数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "满意度指标", "其他指标")
# rules about how targets were set (整体报告 › 绩效目标设定质量); the rest are about filling in
TARGET_RULES = ("C1", "C2", "C7", "C8", "C9", "C11", "B3", "B4", "E1")
CN_DIGITS = "零一二三四五六七八九"
ORD = "．"  # the full-width point after an ordinal: "1．"

# ----------------------------------------------------------------------------- formatting


def money(x: float | int | None) -> str:
    """万元 as the forms carry them: 22, 5.18, 1.995, 425.395 (float noise removed)."""
    if x is None:
        return TODO
    return fmt(round(float(x), 6))


def num(x: float | int | None) -> str:
    """A score or other plain number: 97.75, 100, 9.895."""
    return TODO if x is None else fmt(round(float(x), 6))


def score2(x: float | int | None) -> str:
    """A computed score to 0.01 (half-up), as reviewers compare them: 98.8088 → 98.81."""
    return TODO if x is None else fmt(round2(float(x)), 2)


def pct(rate: float | None) -> str:
    """A rate as 92.5%, 74.11%, 100% (``core.numbers.pct``: never 100% below 1)."""
    return numbers.pct(rate, trim=True, blank=TODO)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三 (ordinals of （一） headings)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


_TRAIL = "。；;，,.、 \t"


def clean_text(s: Any) -> str:
    """Text from a form or a finding as it goes into a sentence: one line, no closing punctuation."""
    if s is None:
        return ""
    return " ".join(str(s).split()).strip(_TRAIL)


def date_text(s: str | None) -> str:
    """2023.3.1 / 2023-03-01 / 2023/3/1 → 2023年3月1日; anything else as written; None → 【待填写】."""
    if not s or not str(s).strip():
        return TODO
    m = re.fullmatch(r"\s*(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?\s*", str(s))
    if m:
        return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
    return clean_text(s)


def _quote_title(s: str) -> str:
    s = clean_text(s)
    return s if s.startswith("《") or s == TODO else f"《{s}》"


# ----------------------------------------------------------------------------- facts


def group_of(level1: str | None, level2: str | None) -> str:
    """数量/质量/时效/成本 (产出), 效益 (all kinds), 满意度 — the 绩效目标完成情况 groups."""
    l1, l2 = level1 or "", level2 or ""
    if "满意" in l1 or "满意" in l2:
        return "满意度指标"
    if "效益" in l1 or "效益" in l2 or "影响" in l2:
        return "效益指标"
    for k in ("数量", "质量", "时效", "成本"):
        if k in l2:
            return f"{k}指标"
    return "其他指标"


def _met(s: IndicatorScore) -> bool:
    return s.weight is not None and s.score >= s.weight - 0.005


def verdict(s: IndicatorScore) -> str:
    """met / unmet / unverified: a measured target whose 完成值 is no measurement cannot be called met."""
    if not _met(s):
        return "unmet"
    if not s.computed and s.kind in ("quantity", "month"):
        return "unverified"
    return "met"


_DONE_CLAIM = re.compile(r"(全部|已|按计划|均)?完成|达成|实现")
_NOT_DONE = re.compile(r"未|没有|尚未|部分|不")


@dataclass
class Project:
    """One form with everything the documents say about it."""

    index: int
    item: Loaded
    score: FormScore
    findings: list[Finding]
    row: dict[str, Any]

    @property
    def form(self):
        return self.item.form

    @property
    def name(self) -> str:
        return clean_text(self.form.project) or TODO

    @property
    def annual(self) -> float | None:
        return self.form.funds.column("annual")

    @property
    def executed(self) -> float | None:
        return self.form.funds.column("executed")

    @property
    def initial(self) -> float | None:
        return self.form.funds.column("initial")

    @property
    def rate(self) -> float | None:
        return exec_rate(executed=self.executed, annual=self.annual)

    @property
    def fully_spent(self) -> bool:
        return self.rate is not None and self.rate == 1

    @property
    def under(self) -> bool:
        """Money left unspent (or no rate at all): a deviation to explain."""
        return self.rate is None or self.rate < 1

    @property
    def over(self) -> bool:
        return self.rate is not None and self.rate > 1

    @property
    def unmet(self) -> list[tuple[int, IndicatorScore]]:
        return [(i, s) for i, s in enumerate(self.score.indicators) if verdict(s) == "unmet"]

    @property
    def unverified(self) -> list[tuple[int, IndicatorScore]]:
        return [(i, s) for i, s in enumerate(self.score.indicators) if verdict(s) == "unverified"]

    def reasons(self, only: list[int] | None = None) -> list[str]:
        """The distinct 偏差原因 written on the form (of the given indicators, or all)."""
        out: list[str] = []
        for i, ind in enumerate(self.form.indicators):
            if only is not None and i not in only:
                continue
            r = clean_text(ind.reason)
            if r and r not in out:
                out.append(r)
        return out

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


# ----------------------------------------------------------------------------- clauses


def funds_clause(p: Project) -> str:
    """"X下达22万元，支出22万元，执行率100%，…" with wording that follows the numbers."""
    a, e = p.annual, p.executed
    if a is None or a == 0:
        what = "为0" if a == 0 else "未填写"
        return f"{p.name}全年预算数{what}，无法计算执行率，请核实预算数（{TODO}）。"
    head = f"{p.name}下达{money(a)}万元，支出{money(e or 0)}万元，执行率{pct(p.rate)}"
    if e is None:
        return head + f"，自评表未填写全年执行数，按0万元计，请核实（{TODO}）。"
    if p.fully_spent:
        return head + "，资金已全部支出，预算执行不存在偏差。"
    if p.over:
        return head + f"，支出超过预算{money(e - a)}万元，执行数不应大于预算数，须核实。"
    if e == 0:
        return head + f"，资金未支出，{money(a)}万元全部结余，预算执行存在偏差。"
    return head + f"，结余{money(a - e)}万元，未全部支出，预算执行存在偏差。"


def goal_clause(p: Project) -> str:
    """年度总体目标 and 实际完成情况 as written, qualified where the figures say otherwise."""
    f = p.form
    expected = clean_text(f.goal_expected) or TODO
    actual = clean_text(f.goal_actual)
    text = f"年度总体目标：{expected}。实际完成情况：{actual or TODO}"
    claims_done = bool(actual) and bool(_DONE_CLAIM.search(actual)) and not _NOT_DONE.search(actual)
    if claims_done:
        but = []
        if p.under and p.rate is not None:
            but.append(f"执行率为{pct(p.rate)}，尚有{money((p.annual or 0) - (p.executed or 0))}万元未支出")
        short = bool(but) or bool(p.unmet)
        if p.unmet:
            but.append(f"{len(p.unmet)}项指标未达到指标值")
        if p.unverified:
            but.append(f"{len(p.unverified)}项指标的完成值不是实测数值")
        if but:
            text += ("（按自评表数据，" + "，".join(but)
                     + ("，目标并未全部完成）" if short else "，完成情况有待核实）"))
    written = p.form.total_score
    total = p.row.get("total")
    text += f"。自评总分{num(total)}分，等级为“{p.row.get('grade') or TODO}”"
    if written is None:
        text += "（自评表未填总分，按评分规则复核计）"
    elif abs(float(written) - p.score.total) > 0.005:
        text += f"；按{p.score.profile}评分规则复核为{score2(p.score.total)}分"
    return text + "。"


def _indicator_text(p: Project, i: int, s: IndicatorScore) -> str:
    ind = p.form.indicators[i]
    name = clean_text(ind.name) or f"第{i + 1}个指标"
    target = clean_text(ind.target) or "未填"
    actual = clean_text(ind.actual) or "未填"
    text = f"{name}（指标值{target}，完成值{actual}"
    v = verdict(s)
    if v == "unmet":
        w = "未填" if s.weight is None else f"{num(s.weight)}分"
        text += f"，未达到指标值，得{score2(s.score)}分，分值{w}"
        if s.written is not None and abs(s.written - s.score) > 0.005:
            text += f"，自评表填{num(s.written)}分"
    elif v == "unverified":
        text += "，完成值不是实测数值"
    return text + "）"


def group_lines(p: Project) -> list[str]:
    """绩效目标完成情况 of one project, one line per group 数量/质量/时效/成本/效益/满意度."""
    groups: dict[str, list[int]] = {}
    for i, ind in enumerate(p.form.indicators):
        groups.setdefault(group_of(ind.level1, ind.level2), []).append(i)
    lines = []
    for g in GROUPS:
        idx = groups.get(g)
        if not idx:
            continue
        parts = [_indicator_text(p, i, p.score.indicators[i]) for i in idx]
        c = Counter(verdict(p.score.indicators[i]) for i in idx)
        many = len(idx) > 1
        if c["met"] == len(idx):
            said = "均达到指标值" if many else "达到指标值"
        elif c["unmet"] == len(idx):
            said = "均未达到指标值" if many else "未达到指标值"
        elif c["unverified"] == len(idx):
            said = "均无法核实是否达到指标值" if many else "无法核实是否达到指标值"
        else:
            bits = []
            if c["unmet"]:
                bits.append(f"{c['unmet']}项未达到指标值")
            if c["unverified"]:
                bits.append(f"{c['unverified']}项无法核实")
            said = "其中" + "、".join(bits)
        lines.append(f"{g[:-2]}方面：" + "；".join(parts) + f"，{said}。")
    if not lines:
        lines.append(f"自评表未填写绩效指标（{TODO}）。")
    return lines


def indicator_summary(p: Project) -> str:
    n = len(p.score.indicators)
    unmet, unver = p.unmet, p.unverified
    if not n:
        return f"自评表未填写绩效指标（{TODO}）。"
    text = f"共设三级指标{n}个，达到指标值{n - len(unmet) - len(unver)}个，未达到{len(unmet)}个"
    if unmet:
        names = "、".join(clean_text(p.form.indicators[i].name) or f"第{i + 1}个指标" for i, _ in unmet)
        reasons = p.reasons([i for i, _ in unmet])
        text += f"（{names}，偏差原因：" + ("；".join(reasons) if reasons else TODO) + "）"
    if unver:
        text += f"，完成值不是实测数值、无法核实的{len(unver)}个"
    return text + "。"


def _field_indicator(p: Project, field_path: str) -> str | None:
    m = re.match(r"indicators\[(\d+)\]", field_path or "")
    if not m:
        return None
    i = int(m[1])
    if i < len(p.form.indicators):
        return clean_text(p.form.indicators[i].name) or None
    return None


_PATH_NOTE = re.compile(r"（[^（）]*\.(?:json|xlsx|xlsm|xls)(?:#[^（）]*)?）", re.I)


def message_text(message: str) -> str:
    """A finding's message in a sentence: one line, no closing 。, no file paths (they mean nothing on paper)."""
    return clean_text(_PATH_NOTE.sub("", message or ""))


def findings_text(p: Project, findings: list[Finding]) -> str:
    """A project's findings grouped by rule: the first message, then how many more of the kind."""
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    parts = []
    for fs in by_rule.values():
        text = message_text(fs[0].message)
        if len(fs) > 1:
            names = []
            for f in fs:
                n = _field_indicator(p, f.field)
                if n and n not in names:
                    names.append(n)
            text += f"（同类问题共{len(fs)}处" + ("，涉及指标" + "".join(f"「{n}」" for n in names) if names else "") + "）"
        parts.append(text)
    return "；".join(parts)


def _rule_title(code: str) -> str:
    from .rules import load_catalogue

    rule = load_catalogue().get(code)
    return rule.title if rule else code


def kinds_text(findings: list[Finding]) -> str:
    """"实际完成值未填2处、得分超过分值1处": findings counted by rule, titled as in the catalogue."""
    c = Counter(f.rule for f in findings)
    return "、".join(f"{_rule_title(code)}{k}处" for code, k in c.items())


def check_summary(p: Project) -> str:
    """The checker's verdict on one form, by kind (the messages are in the 项目支出绩效自评报告)."""
    e, w = p.errors, p.warnings
    if not e and not w:
        return "经校验，自评表未发现错误和需注意的问题。"
    text = "经校验，自评表"
    if e:
        text += f"有错误{len(e)}处（{kinds_text(e)}），须在报送前改正"
    else:
        text += "未发现错误"
    if w:
        text += f"；需注意的问题{len(w)}处（{kinds_text(w)}）"
    return text + "。"


# ----------------------------------------------------------------------------- context


@dataclass
class ReportData:
    """What ``build_context`` worked from, kept for callers and tests."""

    projects: list[Project]
    check: CheckResult
    settings: Settings
    profile: Profile
    problems: list[Any] = field(default_factory=list)
    summary: Any = None
    departments: int = 0  # 部门整体支出绩效自评表 that came with the batch (reported on elsewhere)


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v not in (None, "")]
    return Counter(values).most_common(1)[0][0] if values else None


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(line.split()) for line in str(text).splitlines() if line.strip()]


def _findings_by_item(items: list[Loaded], findings: list[Finding]) -> list[list[Finding]]:
    """Each form's findings: by file and sheet, and by project where a sheet holds several forms."""
    where: dict[tuple[Any, Any], list[int]] = {}
    for k, it in enumerate(items):
        where.setdefault((it.file, it.sheet), []).append(k)
    out: list[list[Finding]] = [[] for _ in items]
    for f in findings:
        ks = where.get((f.file, f.sheet), [])
        if len(ks) > 1:
            ks = [k for k in ks if items[k].form.project == f.project][:1] or ks[:1]
        for k in ks[:1]:
            out[k].append(f)
    return out


def collect(batch: Batch, settings: Settings | None = None, profile: Profile | str | None = None,
            check: CheckResult | None = None) -> ReportData:
    """Score, check and sum the batch once (reusing ``check`` when the caller has it).

    Only 项目支出绩效自评表 are reported on; any other form in the batch (a 部门整体 form) is left
    to its own document.
    """
    from .model import Form
    from .scoring import score_form

    prof = get_profile(profile) if not isinstance(profile, Profile) else profile
    settings = settings or Settings()
    items = [it for it in batch.forms if isinstance(it.form, Form)]
    departments = len(getattr(batch, "departments", None) or []) + len(batch.forms) - len(items)
    if len(items) != len(batch.forms):
        batch = Batch(items, list(batch.problems), batch.files)
    check = check or check_batch(batch, prof)
    summary, _ = summarize(batch, check, prof)
    projects = []
    for i, (item, row, found) in enumerate(zip(items, summary.rows, _findings_by_item(items, check.findings)),
                                           start=1):
        sc = check.scores.get(item.source) or score_form(item.form, prof)
        projects.append(Project(i, item, sc, found, row))
    return ReportData(projects, check, settings, prof, list(batch.problems), summary, departments)


def build_context(data: ReportData, department: list[str] | None = None) -> dict[str, Any]:
    """Every string the three templates place. ``department``: paragraphs on the 部门整体 form."""
    s, ps = data.settings, data.projects
    n = len(ps)
    unit = s.unit or _most_common([p.form.unit or p.form.authority for p in ps]) or TODO
    year = s.year or _most_common([p.form.year for p in ps])
    year_s = str(year) if year else TODO
    signer = s.signer or (unit if unit != TODO else TODO)
    date = date_text(s.date or _most_common([p.form.filled_on for p in ps]))
    notice = _quote_title(s.notice) if s.notice else TODO
    total_annual = sum((p.annual or 0) for p in ps)
    total_executed = sum((p.executed or 0) for p in ps)
    total_initial = sum((p.initial or 0) for p in ps)
    total_rate = exec_rate(executed=round(total_executed, 6), annual=round(total_annual, 6))
    grades = data.summary.grades
    grade_text = "、".join(f"“{g}”{grades[g]}个" for g in ("优", "良", "中", "差") if grades.get(g)) or TODO
    full = [p for p in ps if p.fully_spent]
    under = [p for p in ps if p.under]
    zero = [p for p in ps if p.rate is not None and p.rate == 0]
    over = [p for p in ps if p.over]
    n_ind = sum(len(p.score.indicators) for p in ps)
    n_unmet = sum(len(p.unmet) for p in ps)
    n_unver = sum(len(p.unverified) for p in ps)
    errors = [f for p in ps for f in p.errors]
    with_errors = [p for p in ps if p.errors]
    profile = data.profile.name

    projects = []
    for p in ps:
        projects.append({
            "index": str(p.index), "ordinal": f"{p.index}{ORD}", "cn_index": cn_number(p.index),
            "name": p.name,
            "basic": f"{p.index}{ORD}{p.name}。"
                     + (f"实施单位：{clean_text(p.form.unit)}；" if clean_text(p.form.unit) not in ("", unit) else "")
                     + f"全年预算数{money(p.annual)}万元；年度总体目标：{clean_text(p.form.goal_expected) or TODO}。",
            "funds_clause": funds_clause(p), "goal_clause": goal_clause(p),
            "group_lines": group_lines(p), "indicator_summary": indicator_summary(p),
            "check_summary": check_summary(p),
            "annual": money(p.annual), "executed": money(p.executed or 0), "rate": pct(p.rate),
            "total_score": num(p.row.get("total")), "grade": p.row.get("grade") or TODO,
        })

    funds_overview = (f"{year_s}年度纳入自评的{n}个项目全年预算数合计{money(total_annual)}万元，全年执行数合计"
                      f"{money(total_executed)}万元，总体执行率{pct(total_rate)}。其中执行率达到100%的项目{len(full)}个，"
                      f"未达到100%的项目{len(under)}个")
    if zero:
        funds_overview += f"（其中资金未支出的项目{len(zero)}个）"
    if over:
        funds_overview += f"，执行数大于预算数的项目{len(over)}个"
    funds_overview += "。各项目预算资金执行情况如下："

    # 二、存在的问题 -------------------------------------------------------------
    problems = []
    lines = []
    for k, p in enumerate([p for p in ps if p.under or p.over], start=1):
        if p.rate is None:
            lines.append(f"{k}{ORD}{p.name}：全年预算数{'为0' if p.annual == 0 else '未填写'}，无法计算执行率（{TODO}）。")
            continue
        if p.over:
            lines.append(f"{k}{ORD}{p.name}：执行率{pct(p.rate)}，全年执行数{money(p.executed)}万元大于全年预算数"
                         f"{money(p.annual)}万元，须核实。")
            continue
        left = money((p.annual or 0) - (p.executed or 0))
        reasons = p.reasons()
        lines.append(f"{k}{ORD}{p.name}：执行率{pct(p.rate)}，结余{left}万元。偏差原因："
                     + ("；".join(reasons) if reasons else TODO) + "。")
    problems.append({"heading": "（一）预算执行方面",
                     "lines": ([f"{len(lines)}个项目的执行率未达到100%或需要核实："] + lines) if lines
                     else ["各项目执行率均达到100%，预算执行未发现偏差。"]})
    lines = []
    for k, p in enumerate([p for p in ps if p.unmet], start=1):
        idx = [i for i, _ in p.unmet]
        names = "、".join(clean_text(p.form.indicators[i].name) or f"第{i + 1}个指标" for i in idx)
        reasons = p.reasons(idx)
        lines.append(f"{k}{ORD}{p.name}：{len(idx)}项指标未达到指标值（{names}）。偏差原因："
                     + ("；".join(reasons) if reasons else TODO) + "。")
    problems.append({"heading": "（二）绩效目标完成方面",
                     "lines": ([f"{len(lines)}个项目共{n_unmet}项指标未达到指标值："] + lines) if lines
                     else ["各项目的绩效指标均达到指标值。"]})
    if with_errors:
        lines = [f"经校验，{len(with_errors)}张自评表共有{len(errors)}处错误，须在报送前改正："]
        lines += [f"{k}{ORD}{p.name}（{len(p.errors)}处）：{findings_text(p, p.errors)}。"
                  for k, p in enumerate(with_errors, start=1)]
    else:
        lines = ["经校验，自评表未发现错误。"]
    problems.append({"heading": "（三）自评表填报方面", "lines": lines})
    # (the checker's warnings on how targets were set are in the 整体报告 › 绩效目标设定质量)
    if s.problems:
        problems.append({"heading": "（四）其他问题", "lines": _paragraphs(s.problems)})

    # 三、整改措施 -----------------------------------------------------------------
    if s.measures:
        measures = _paragraphs(s.measures)
    else:
        measures, k = [], 0
        if under or over:
            k += 1
            measures.append(f"{k}{ORD}加快预算执行。对执行率未达到100%的{len(under)}个项目逐一分析资金结余原因，"
                            "结余资金按规定收回或结转使用；今后据实测算、编制预算，提高预算编制的准确性。")
        if n_unmet:
            k += 1
            measures.append(f"{k}{ORD}推动绩效目标落实。对未达到指标值的{n_unmet}项指标查明原因、落实责任，"
                            "能在下一年度完成的列入工作计划，确实无法完成的按程序调整绩效目标。")
        if errors:
            k += 1
            measures.append(f"{k}{ORD}规范自评表填报。对校验发现的{len(errors)}处错误逐项改正：实际完成值填写实测的数值和"
                            "单位，得分按评分规则计算，扣分的指标写明偏差原因，改正后重新校验。")
        k += 1
        measures.append(f"{k}{ORD}其他整改措施：{TODO}。")

    # 四、其他 ---------------------------------------------------------------------
    others = _paragraphs(s.others) or [TODO]
    others.append(f"本报告中的执行率按全年执行数 ÷ 全年预算数计算；复核得分按{profile}评分规则计算。")
    if data.problems:
        others.append(f"以下{len(data.problems)}个文件或工作表未能读取，未纳入本报告：" +
                      "；".join(clean_text(str(pb)).split("：")[0] for pb in data.problems) + "。")

    # 整体报告 ----------------------------------------------------------------------
    n_err, n_warn = len(errors), sum(len(p.warnings) for p in ps)
    organisation = [
        f"我单位成立了预算绩效自评工作小组（组成人员：{TODO}），明确分工，"
        f"对{year_s}年度{n}个项目逐一填报《项目支出绩效自评表》，自评表填报日期为{date}。",
        f"自评按{profile}评分规则进行，由绩效自评助手逐项复核得分、校验填报内容，共发现错误{n_err}处、"
        f"需注意的问题{n_warn}处，各项目的情况见本报告第三部分。其他组织开展情况：{TODO}。",
    ]
    budget_lines = [
        f"{year_s}年度纳入自评的{n}个项目年初预算数合计{money(total_initial)}万元，全年预算数合计"
        f"{money(total_annual)}万元，全年执行数合计{money(total_executed)}万元，总体执行率{pct(total_rate)}；"
        f"执行率达到100%的项目{len(full)}个，未达到100%的{len(under)}个。自评结果为{grade_text}。",
        "各项目资金安排、执行和自评结果如下表：",
    ]
    quality = _quality_lines(ps)
    if department:
        dept = department
    elif data.departments:
        dept = [f"部门整体支出绩效自评表（{data.departments}张）另行报送，部门整体支出绩效情况：{TODO}。"]
    else:
        dept = [f"部门整体支出绩效自评表尚未提供，部门整体支出绩效情况{TODO}。"]
    application = [f"自评结果将作为完善项目管理、安排以后年度预算的重要依据，执行率低、绩效目标未完成的项目"
                   f"在以后年度预算安排中从严审核。结果应用的具体情况：{TODO}。"]

    attachments_names = [f"{year_s}年度项目支出绩效自评报告", f"{year_s}年度整体绩效自评工作报告",
                         f"{year_s}年度项目支出绩效自评表（{n}份）", f"{year_s}年度绩效自评情况汇总表"]
    attachments = [f"{i}{ORD}{a}" for i, a in enumerate(attachments_names, start=1)]

    return {
        "unit": unit, "year": year_s, "doc_no": s.get("doc_no"), "addressee": s.get("addressee"),
        "notice": notice, "signer": signer, "date": date, "contact": s.get("contact"), "phone": s.get("phone"),
        "n_projects": str(n), "profile": profile,
        "total_annual": money(total_annual), "total_executed": money(total_executed),
        "total_initial": money(total_initial), "total_rate": pct(total_rate),
        "overview": (f"本次纳入自评的项目{n}个，全年预算数合计{money(total_annual)}万元，全年执行数合计"
                     f"{money(total_executed)}万元，总体执行率{pct(total_rate)}；自评结果为{grade_text}。"),
        "attachments": attachments,
        "intro": (f"根据{notice}要求，我单位对{year_s}年度{n}个项目的支出开展了绩效自评，"
                  "现将有关情况报告如下。"),
        "basic_overview": (f"{year_s}年度我单位纳入绩效自评的项目共{n}个，年初预算数合计{money(total_initial)}万元，"
                           f"全年预算数合计{money(total_annual)}万元。各项目基本情况如下："),
        "funds_overview": funds_overview,
        "goals_overview": (f"{n}个项目共设三级绩效指标{n_ind}个，按{profile}评分规则复核，达到指标值的"
                           f"{n_ind - n_unmet - n_unver}个，未达到的{n_unmet}个，完成值不是实测数值、无法核实的"
                           f"{n_unver}个。自评结果为{grade_text}。各项目绩效目标完成情况如下："),
        "projects": projects, "problems": problems, "measures": measures, "others": others,
        "organisation": organisation, "budget_lines": budget_lines, "quality": quality,
        "department": dept, "application": application,
    }


def _quality_lines(ps: list[Project]) -> list[str]:
    """绩效目标设定质量: the checker's findings on how targets were set, by rule."""
    from .rules import load_catalogue

    cat = load_catalogue()
    by_rule: dict[str, list[tuple[Project, Finding]]] = {}
    for p in ps:
        for f in p.findings:
            if f.rule in TARGET_RULES:
                by_rule.setdefault(f.rule, []).append((p, f))
    if not by_rule:
        return ["经校验，各项目的绩效目标设定未发现问题：指标值都写明了方向和单位，指标不重复，"
                "成本指标与预算相符，未发现项目之间照搬指标。"]
    total = sum(len(v) for v in by_rule.values())
    lines = [f"经校验，绩效目标设定方面共有{total}处问题，按类别如下："]
    for k, code in enumerate((c for c in TARGET_RULES if c in by_rule), start=1):
        hits = by_rule[code]
        names = []
        for p, _f in hits:
            if p.name not in names:
                names.append(p.name)
        title = cat[code].title if code in cat else code
        shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
        line = f"{k}{ORD}{title}：{len(hits)}处，涉及{len(names)}个项目（{shown}）"
        if code == "E1":
            line += "。" + "；".join(f"{p.name}：{message_text(f.message)}" for p, f in hits)
        elif len(hits) <= 3:
            line += "。如：" + "；".join(message_text(f.message) for _p, f in hits)
        else:
            line += "。如：" + message_text(hits[0][1].message)
        lines.append(line + "。")
    lines.append("今后设定绩效目标时，定量指标写明方向（≥、≤、=）和单位，比率指标不写“≥100%”，成本指标按本项目"
                 "预算测算，各项目按自身任务设定指标，不照搬其他项目。")
    return lines


# ----------------------------------------------------------------------------- rendering


def _highlight_todo(path: Path) -> None:
    """Mark every 【待填写】 yellow, so the places to write by hand stand out in Word."""
    import copy

    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    parts = [doc.part] + [s.footer.part for s in doc.sections] + [s.header.part for s in doc.sections]
    changed = False
    for part in {id(p): p for p in parts}.values():
        for r in list(part.element.iter(qn("w:r"))):
            t = r.find(qn("w:t"))
            if t is None or not t.text or TODO not in t.text:
                continue
            pieces = re.split(f"({re.escape(TODO)})", t.text)
            for piece in pieces:
                if not piece:
                    continue
                nr = copy.deepcopy(r)
                for extra in nr.findall(qn("w:t"))[1:]:
                    nr.remove(extra)
                nt = nr.find(qn("w:t"))
                nt.text = piece
                nt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                if piece == TODO:
                    rpr = nr.get_or_add_rPr()
                    rpr.get_or_add_highlight().set(qn("w:val"), "yellow")
                r.addprevious(nr)
            r.getparent().remove(r)
            changed = True
    if changed:
        doc.save(str(path))


def render(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Fill one docxtpl template and write it atomically."""
    from docxtpl import DocxTemplate

    from .fileio import atomic_path

    with atomic_path(target) as tmp:
        tpl = DocxTemplate(str(template))
        tpl.render(context, autoescape=True)
        tpl.save(str(tmp))
        _highlight_todo(tmp)
    return target


_FC_LOCK = threading.Lock()


def fontconfig_xml(base: str | None = None) -> str:
    """A fontconfig file that includes the system's and maps the GB/T 9704 fonts to ``FALLBACKS``."""
    from xml.sax.saxutils import escape

    base = base or os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    out = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
           f'  <include ignore_missing="yes">{escape(base)}</include>']
    for name, subs in FALLBACKS.items():
        fams = "".join(f"<string>{escape(f)}</string>" for f, _b in subs)
        # a heavy title face (小标宋): where it falls back, take the Bold of the fallback
        weight = ('<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                  if any(b for _f, b in subs) else "")
        out.append(f'  <match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
                   f'<edit name="family" mode="prepend" binding="strong">{fams}</edit>{weight}</match>')
    out.append("</fontconfig>")
    return "\n".join(out) + "\n"


@contextmanager
def cjk_fontconfig() -> Iterator[None]:
    """Let LibreOffice (through fontconfig) render the named fonts with the fallbacks we document.

    Only on systems that use fontconfig; elsewhere (Windows, macOS) a no-op.
    """
    if not sys.platform.startswith("linux") or not Path("/etc/fonts/fonts.conf").exists():
        yield
        return
    with _FC_LOCK, tempfile.TemporaryDirectory(prefix="jixiao-fc-") as d:
        conf = Path(d) / "fonts.conf"
        conf.write_text(fontconfig_xml(), encoding="utf-8")
        old = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(conf)
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = old


def to_pdf(docx: Path, outdir: Path) -> Path:
    """LibreOffice headless, with the CJK fallbacks, written atomically beside the .docx."""
    from .fileio import atomic_path
    from .office import convert

    target = Path(outdir) / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmpdir, cjk_fontconfig():
        made = convert(docx, "pdf", Path(tmpdir))
        with atomic_path(target) as tmp:
            shutil.copyfile(made, tmp)
    return target


def report_settings(paths: list[str | Path], settings_file: str | Path | None = None) -> Settings:
    """The settings for a run: the 设置 sheet of the input workbook(s), then a settings file over them.

    Values given in the file win; with several workbooks, the first one's sheet that sets a value
    wins. Nothing set anywhere: the defaults (主送机关 县财政局, the rest 【待填写】 in the text).
    """
    from .reader import WORKBOOK_SUFFIXES
    from .settings import from_mapping, load_settings_file, read_settings_sheet
    from .sources import expand

    merged: dict[str, Any] = {}
    for path in expand(list(paths)):
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            sheet = read_settings_sheet(path)
            if sheet is not None:
                for k, v in sheet.model_dump(exclude_unset=True).items():
                    merged.setdefault(k, v)
    if settings_file:
        merged.update(load_settings_file(settings_file).model_dump(exclude_unset=True))
    return from_mapping(merged, "设置")


def build_reports(batch: Batch, settings: Settings | None, outdir: str | Path, pdf: bool = False, *,
                  profile: Profile | str | None = None, templates: str | Path | None = None,
                  check: CheckResult | None = None, department: list[str] | None = None) -> list[Path]:
    """Write 报送函.docx, 项目支出绩效自评报告.docx and 整体绩效自评工作报告.docx (and PDFs) into ``outdir``.

    The 生成报告 button calls this with the workbook's forms and its 设置 sheet. ``templates``: a
    folder with a department's edited copies of the three templates (default: the built-in ones).
    """
    data = collect(batch, settings, profile, check)
    ctx = build_context(data, department)
    out = Path(outdir)
    tdir = Path(templates) if templates else TEMPLATE_DIR
    written: list[Path] = []
    for name in DOCUMENTS:
        template = tdir / f"{name}.docx"
        if not template.exists():
            template = TEMPLATE_DIR / f"{name}.docx"
        written.append(render(template, ctx, out / f"{name}.docx"))
    if pdf:
        written += [to_pdf(p, out) for p in list(written)]
    return written
