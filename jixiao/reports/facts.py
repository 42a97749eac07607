"""What the documents say about each form: met/unmet verdicts, groups, deviations, the batch.

``collect`` scores, checks and sums the batch once; ``Project`` is one form with everything the
documents need about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..checking.rules.funds import IN_YUAN, looks_in_yuan
from ..checking.run import CheckResult, check_batch
from ..core.claims import explains_unspent
from ..core.findings import Finding
from ..core.numbers import is_unfilled, score_above
from ..core.profiles import Profile, get_profile
from ..forms.project.model import FUND_COLS, FUND_ROWS
from ..forms.project.scoring import FormScore, IndicatorScore
from ..core.settings import TODO, Settings
from ..errors import no_form_files
from ..sources import Batch, Loaded
from ..summary import summarize
from ..core.rates import exec_rate
from .text import clean_text, doc_text

GROUPS = ("数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "满意度指标", "其他指标")

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
    return s.weight is not None and not score_above(s.weight, s.score)


def verdict(s: IndicatorScore, indicator: Any = None) -> str:
    """met / unmet / unverified: a measured target whose 完成值 is no measurement cannot be called met,
    nor can one whose 指标值 or 完成值 is blank (``indicator``: the form's row, when at hand), nor one
    left unscored that no rule scores (its 0 is no one's score)."""
    if indicator is not None and not (clean_text(indicator.target) and clean_text(indicator.actual)):
        return "unverified"
    if s.written is None and not s.computed:   # a 定性指标 the 填报人 has still to score (计算 leaves it blank): the
        return "unverified"                    # draft said “未达到指标值，得0分” of “明显改善” against “有所改善”
    if not _met(s):
        return "unmet"
    if not s.computed and s.kind in ("quantity", "month") and not _ratios(indicator):
        return "unverified"
    return "met"


def _ratios(indicator: Any) -> bool:
    """Both values of the indicator are ratios (“1:10” against “1:12”): measured, but no side of a ratio is the
    better one, so the 填报人 scores a different one (``scoring``) and the score says met or not, as a 定性
    指标's does — not “完成值未以实测数值填写”, which the report said of a 师生比 “1:12”."""
    if indicator is None:
        return False
    from ..core.values import parse_value

    return parse_value(indicator.target).unit_dim == parse_value(indicator.actual).unit_dim == "proportion"




@dataclass
class Project:
    """One form with everything the documents say about it."""

    index: int
    item: Loaded
    score: FormScore
    findings: list[Finding]
    row: dict[str, Any]
    profile: Profile | None = None    # the 评分方案 the check read the form under (``read``)

    @property
    def form(self):
        return self.item.form

    @property
    def name(self) -> str:
        return doc_text(self.form.project) or TODO

    @property
    def annual(self) -> float | None:
        """The 全年预算数 in 万元 (``funds_in_wan``)."""
        return self.funds_in_wan[1]

    @property
    def executed(self) -> float | None:
        """The 全年执行数 in 万元 (``funds_in_wan``)."""
        return self.funds_in_wan[0]

    @property
    def funds_in_wan(self) -> tuple[Any, Any]:
        """(全年执行数, 全年预算数) in 万元, a figure that looks like 元 beside the other read as the rules, the 复核 and
        the 汇总表 read it (``core.rates.read_funds``): the reports said “支出1280000.00万元，执行率943952.8%” of 128
        万元 spent, beside totals that read it as 128 (s67). Where the form is wrong the findings still mark the
        figure 【待核实】 (``figure_flag``)."""
        _initial, executed, annual = self.read
        return executed, annual

    @property
    def initial(self) -> float | None:
        """The 年初预算数 in 万元 (``core.rates.read_initial``): the 年初预算数合计 added 800000 (元) to 万元 (s67)."""
        return self.read[0]

    @cached_property
    def read(self) -> tuple[Any, Any, Any]:
        """(年初预算数, 全年执行数, 全年预算数) in 万元 as the check reads them (``agreement.total_in_wan``): a form typed
        wholly in 元 (1200000 for 120 万元) is stated in 万元 too — the reports said “全年预算数1200000.00万元” (s68)."""
        from ..checking.rules.agreement import funds_of

        return funds_of(self.form, self.profile)[0]

    @property
    def rate(self) -> float | None:
        """The 执行率 of the funds in 万元 (``funds_in_wan``): the 汇总表's 执行率 column (``core.rates.read_rate``)."""
        executed, annual = self.funds_in_wan
        return exec_rate(executed=executed, annual=annual)

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
        return [(i, s) for i, s in enumerate(self.score.indicators) if verdict(s, self.form.indicators[i]) == "unmet"]

    @property
    def unverified(self) -> list[tuple[int, IndicatorScore]]:
        return [(i, s) for i, s in enumerate(self.score.indicators) if verdict(s, self.form.indicators[i]) == "unverified"]

    def reasons(self, only: list[int] | None = None) -> list[str]:
        """The distinct 偏差原因 written on the form (of the given indicators, or all). A “无”, “—” or “/”
        typed where there is nothing to say is none (``is_unfilled``, as the checker reads it): the
        report said “偏差原因：无。” of money left unspent."""
        out: list[str] = []
        for i, ind in enumerate(self.form.indicators):
            if only is not None and i not in only or is_unfilled(ind.reason):
                continue
            r = doc_text(ind.reason)
            if r and r not in out:
                out.append(r)
        return out

    def funds_reasons(self) -> list[str]:
        """Why the money was not all spent, as the form says (``funds_reasons_written``), each without the 执行率
        and 结余 the sentence before it states."""
        return [_without_restated(r, self) for r in self.funds_reasons_written()]

    def funds_reasons_written(self) -> list[str]:
        """The form's words on why the money was not all spent, as written: its 说明 and the 偏差原因 that speak
        of money (``core.claims.explains_unspent``, as G1 reads them: an indicator's “服务量少于预期” is that
        indicator's, said under 绩效目标); where none speaks of money, the 实际完成情况's sentences that do (G1
        takes them: a form that gave its reason only there passed 校验 and its report said “偏差原因：【待填写】”);
        where none does either, those that speak of the money itself (``_ABOUT_MONEY``: the sample's “此项资金只能
        用于困难群众参加基本医疗保险，不能用于医疗救助” of 2 万元 not spent), else the 说明 alone — the form's own
        note. An indicator's 偏差原因
        on something else is never the money's: the report gave a 参保政策知晓率's 190 characters as the reason
        0.54万元 was left unspent, then again under 绩效目标, and the 整体报告 a third time (s66). None: []
        (the report says 【待填写】 after the money left, ``prose.reason_said``)."""
        remark = "" if is_unfilled(self.form.remark) else doc_text(self.form.remark)
        written = ([remark] if remark else []) + [r for r in self.reasons() if r != remark]
        actual = [t for t in (x.strip() for x in _SENTENCE_END.split(doc_text(self.form.goal_actual) or ""))
                  if explains_unspent(t)]
        return ([r for r in written if explains_unspent(r)] or actual
                or [r for r in written if _ABOUT_MONEY.search(r)] or ([remark] if remark else []))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def flag(self, *prefixes: str) -> str:
        """【待核实】 where an error of this form, or a figure that looks typed in 元 (``marked``), touches one of
        ``prefixes`` (``error_flag``)."""
        return error_flag(marked(self.findings), *prefixes)

    def figure_flag(self, *figures: str) -> str:
        """【待核实】 after the money figures ``figures`` (``figure_fields``: "initial", "annual", "executed", "rate")
        where a finding ``marked`` names one of the cells they rest on."""
        return self.flag(*figure_fields(*figures))


_ABOUT_MONEY = re.compile(r"资金|经费|预算|拨款|款项")   # a 偏差原因 about the money itself, whatever it says of it
_SENTENCE_END = re.compile(r"[；;。！!？?\n]")   # a 实际完成情况 cut into its sentences
_FIGURE_WORDS = re.compile(r"预算|执行率|结余资金|结余|剩余资金|剩余|资金|为|仅|是|约|共|万元")
_LEAD = re.compile(r"^其?(原因主要是|主要原因是|主要原因为|原因是|原因为|主要是|原因)[：:，,]?")  # longest first


def _without_restated(reason: str, p: "Project") -> str:
    """A reason without its leading clauses that restate the 执行率 or the 结余 (“执行率74.11%，结余
    22.78万元，原因是……”) and the “原因是” they lead to: the sentence before says both, then “偏差原因：”."""
    from ..core.numbers import fmt, pct as typed_pct
    from .text import money, pct

    # the rate as the report writes it (92.50%), or as a 填报人 types it (92.5%)
    said = [pct(p.rate), typed_pct(p.rate, trim=True)] if p.rate is not None else []
    if p.annual is not None and p.executed is not None:   # as the report writes it (22.00), or as typed (22)
        left = p.annual - p.executed
        said += [f"{money(left)}万元", f"{fmt(left, 6)}万元"]
    parts = reason.split("，")

    def restates(part: str) -> bool:   # only the figures and their words: “执行率74.11%”, “结余22.78万元”
        rest = part
        for x in said:
            rest = rest.replace(x, "")
        return rest != part and not _FIGURE_WORDS.sub("", rest).strip("：:；;。 ")

    k = 0
    while k < len(parts) - 1 and restates(parts[k]):
        k += 1
    rest = "，".join(parts[k:])
    rest = _LEAD.sub("", rest, count=1) if k else rest
    return rest if rest.strip("。；，") else reason


def figure_fields(*figures: str) -> tuple[str, ...]:
    """The fields a document's money figure rests on, the one place deciding which figure a finding marks:
    "initial", "annual", "executed" — that column of the 年度资金总额 and of its 其中 rows (A2 names either
    side of a sum that does not add up); "rate" — the 执行率, of both columns and its own cell. A form's
    ``flag("funds")`` marked every fund figure, and ``funds_weight`` too: the draft said “全年预算数合计143.60
    万元【待核实】” of a correct budget while “支出1280000.00万元” — the 执行数 A2, A5 and A16 name — went unmarked."""
    cols = {c for f in figures for c in (("annual", "executed") if f == "rate" else (f,))}
    own = ("exec_rate",) if "rate" in figures else ()
    return tuple(f"funds.{row}.{col}" for row in FUND_ROWS for col in FUND_COLS if col in cols) + own


def marked(found: list[Finding]) -> list[Finding]:
    """The findings whose figures a document marks 【待核实】, for every form kind: the errors, and a figure that
    looks typed in 元 (A16, F16: a warning, yet the reports restate it in 万元 — “全年预算数56000.00万元” of a
    5.6 万元 project, “全年总收入29038592.00万元”, unmarked in a report generated with no error left)."""
    return [f for f in found if f.severity == "error" or looks_in_yuan(f)]


def in_yuan_notes(found: list[Finding]) -> list[str]:
    """What the 填报人 is told of each figure ``marked`` for looking typed in 元 and not for an error
    (``_in_yuan_said``): 生成报告 said only “已生成” of a report that had them."""
    return [_in_yuan_said(f) for f in found if f.severity != "error" and looks_in_yuan(f)]


def error_flag(errors: list[Finding], *prefixes: str) -> str:
    """【待核实】 when one of a form's ``errors`` touches a field under one of ``prefixes`` (or the
    form as a whole), else "": the mark a forced document puts after each affected figure."""
    from .text import CHECK

    for f in errors:
        fp = f.field or ""
        if not fp or any(fp.startswith(x) for x in prefixes):
            return CHECK
    return ""


@dataclass
class ReportData:
    """What ``build_context`` worked from, kept for callers and tests."""

    projects: list[Project]
    check: CheckResult
    settings: Settings
    profile: Profile
    problems: list[Any] = field(default_factory=list)
    summary: Any = None
    departments: int = 0  # 部门整体支出绩效自评表 that came with the batch
    # what the 整体绩效自评工作报告 says of those of the report's year (``FormKind.report_paragraphs``),
    # and their errors (a report is refused on them as on the projects')
    department_lines: list[str] = field(default_factory=list)
    department_errors: list[tuple[str, Finding]] = field(default_factory=list)
    team: list[str] = field(default_factory=list)   # the self-evaluation group those forms name (``report_team``)
    # each of those forms for the 校验报告: (its kind's title, its unit or name, its findings)
    other_forms: list[tuple[str, str, list[Finding]]] = field(default_factory=list)
    # a form of such a kind the report does not restate, and why (another year's, another unit's): told
    # the 填报人 (``build_reports``' notes), never written into a document the department sends
    not_restated: list[str] = field(default_factory=list)
    # the forms restated, by kind, each with its findings: a department that sends its 部门整体 form
    # alone is reported on from it (``context.build_context``: no project in the batch)
    whole: list[tuple[Any, list[Loaded], list[list[Finding]]]] = field(default_factory=list)
    # the forms of the report's year of the other kinds it does not restate (a 项目支出绩效评价表 sent with
    # the projects), by kind: the 报送函 lists them among its 附件, as the 定稿 carries them (``reports.sent``)
    listed: list[tuple[Any, list[Loaded]]] = field(default_factory=list)


def _units(items: list[Loaded], settings: Settings) -> set[str]:
    """The units the report speaks for: its projects' 实施单位 and 主管部门, the 设置's 单位."""
    names = {x for it in items for x in (getattr(it.form, "unit", None), getattr(it.form, "authority", None)) if x}
    return names | ({settings.unit} if settings.unit else set())


def _one_of(name: Any, units: set[str]) -> bool:
    """Whether ``name`` is one of ``units`` as written another way (“县医疗保障局” for “大厂回族自治县
    医疗保障局”), not the same office of another county."""
    from ..review.expected import department_key, same_place

    return any(department_key(name) == department_key(u) and same_place(name, u) for u in units)


def _findings_by_item(items: list[Loaded], findings: list[Finding]) -> list[list[Finding]]:
    """Each form's findings: by file and sheet, and by source or project where a sheet holds several forms.
    A finding on a form's 续表 (``reading.continued``) names that sheet and the form's source: it is the
    form's (matched by sheet alone, the 续表's errors were no form's — the report was written without
    --force and the 校验报告 said “未发现错误”)."""
    where: dict[tuple[Any, Any], list[int]] = {}
    by_source: dict[Any, int] = {}
    for k, it in enumerate(items):
        where.setdefault((it.file, it.sheet), []).append(k)
        by_source.setdefault(it.source, k)
    out: list[list[Finding]] = [[] for _ in items]
    for f in findings:
        ks = where.get((f.file, f.sheet), [])
        if not ks and f.source in by_source:
            ks = [by_source[f.source]]
        if len(ks) > 1:
            ks = ([k for k in ks if items[k].source == f.source]
                  or [k for k in ks if getattr(items[k].form, "project", None) == f.project])[:1] or ks[:1]
        for k in ks[:1]:
            out[k].append(f)
    return out


def collect(batch: Batch, settings: Settings | None = None, profile: Profile | str | None = None,
            check: CheckResult | None = None) -> ReportData:
    """Score, check and sum the batch once (reusing ``check`` when the caller has it).

    The 项目支出绩效自评表 are reported on form by form; a form of another kind of the same year
    (the 部门整体 form) is restated where the 整体绩效自评工作报告 speaks of it
    (``FormKind.report_paragraphs``), its errors counted with the projects'.
    """
    from ..forms import KINDS
    from ..forms.project.model import Form
    from ..forms.project.scoring import score_form

    prof = get_profile(profile) if not isinstance(profile, Profile) else profile
    settings = settings or Settings()
    whole = batch
    items = [it for it in batch.forms if isinstance(it.form, Form)]
    departments = len(getattr(batch, "departments", None) or []) + len(batch.forms) - len(items)
    check = check or check_batch(whole, prof)  # every kind's findings: the 校验报告 lists them all
    if len(items) != len(batch.forms) or departments:
        batch = Batch(items, list(batch.problems), batch.files)
    summary, _ = summarize(batch, check, prof)
    projects = []
    for i, (item, row, found) in enumerate(zip(items, summary.rows, _findings_by_item(items, check.findings)),
                                           start=1):
        sc = check.scores.get(item.source) or score_form(item.form, prof)
        projects.append(Project(i, item, sc, found, row, prof))
    # a file that opened with no form in it (a 部门预算公开表 in the folder, said “不是自评表” on stderr) is no form
    # with an error: it refused the report (“预算公开表.xlsx：自评表仍有 1 处错误”), and a draft listed it “未能读取”
    no_form = no_form_files(whole.problems, {it.file for it in whole.all()})
    problems = [p for p in batch.problems if getattr(p, "file", None) not in no_form]
    data = ReportData(projects, check, settings, prof, problems, summary, departments)
    data.not_restated += [n for p in projects for n in in_yuan_notes(p.findings)]
    units = _units(items, settings)
    for kind in KINDS:
        if kind.part("report_paragraphs") is None:
            of_year = [it for it in whole.of(kind.key) if summary.year is None or it.form.year == summary.year]
            if kind.key != "project" and of_year:
                data.listed.append((kind, of_year))
            continue
        # the department's own form of the report's year: not another county's copied in
        mine = [it for it in whole.of(kind.key) if (summary.year is None or it.form.year == summary.year)
                and (not units or _one_of(kind.name_of(it.form), units))]
        for it in whole.of(kind.key):
            if any(it is m for m in mine):
                continue
            y = it.form.year
            why = (f"是{y}年度的，不是本报告的{summary.year}年度" if summary.year is not None and y != summary.year
                   else f"是“{kind.name_of(it.form)}”的，不是本单位的")
            where = f"“{Path(it.file).name}”" + (f"中“{it.sheet}”工作表" if it.sheet else "")
            data.not_restated.append(f"{where}的{kind.title}{why}，整体绩效自评工作报告没有采用它"
                                     f"（第五部分标【待填写】）")
        per_form = _findings_by_item(mine, check.findings)
        if mine:
            data.whole.append((kind, mine, per_form))
        data.department_lines += kind.report_paragraphs(mine, per_form, prof.grade_bands)
        data.team += [m for m in kind.report_team(mine) if m not in data.team]
        data.other_forms += [(kind.title, kind.name_of(it.form), fs) for it, fs in zip(mine, per_form)]
        data.department_errors += [(it.file, f) for it, fs in zip(mine, per_form) for f in fs if f.severity == "error"]
        data.not_restated += [n for fs in per_form for n in in_yuan_notes(fs)]
    return data


def _in_yuan_said(f: Finding) -> str:
    """What the 填报人 is told of a figure the report marks 【待核实】 for looking typed in 元 (A16, F16, a warning:
    the report is written, and said only “已生成”, while it printed “全年总收入29038592.00万元”)."""
    from ..core.numbers import fmt

    where = (f"“{f.sheet}”工作表 " if f.sheet else "") + (f"{f.cell}：" if f.cell else "")
    said = f.message.split(f"：应为 ")[0]
    fix = f"请改为 {fmt(f.expected)} 万元" if isinstance(f.expected, (int, float)) else "请核实"
    return (f"{where}{said}（校验的 {f.rule} 警告），报告中这个数旁标【待核实】，{fix}后重新生成报告，"
            "改正前不得报送")

