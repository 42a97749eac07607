"""The 绩效自评情况汇总表: totals, grade counts and one row per project.

Follows the published 县直部门绩效自评情况汇总表 and its own 说明: 资金总量 应评价数 =
Σ 全年预算数, 已评价数 = Σ 全年执行数; grades are counted by each form's own 总分 (the
self-evaluation being reported), while the 复核 (reviewed) score from the scorer is given
beside it per project. JSON fields as outputs.md → Summary; fields are only ever added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import no_form_files, problem_record
from ..checking.run import CheckResult
from ..core.numbers import as_shown, money_apart, to_number
from ..core.rates import read_funds_side, read_rate, read_whole
from ..checking.rules.agreement import typed_in_yuan
from ..core.findings import READ_CHANGED, Finding
from ..core.grades import DEFAULT_BANDS, GRADES, Bands
from ..core.ledger_order import ledger_key, status_of
from ..core.profiles import Profile, get_profile
from ..forms.project.scoring import grade, score_form
from ..dedupe import SetAside
from ..sources import Batch, Loaded

BY_FIELDS = {"主管部门": "authority", "实施单位": "unit"}
UNFILLED = "（未填写）"  # the group of the forms whose 主管部门 (实施单位) is blank


def _r(x: float) -> float:
    """Money totals to the 万元 precision forms carry (kills float noise like 568.6400000001)."""
    return round(x + 0.0, 6)


def funds_totals(rows: list[dict[str, Any]], rounded: bool = True) -> tuple[float, float]:
    """(Σ 全年预算数, Σ 全年执行数) of summary rows in 万元, a figure that looks like 元 beside the other read as the
    rules and the 复核 read it (``core.rates.read_funds``): 765000 spent beside 80 budgeted counts 76.5. Added as
    written, it made the 资金总量 765202.68 万元 of five projects (s66). A row of a form typed wholly in 元
    (``in_yuan``) both in 万元 (``core.rates.read_whole``), as the reports read it: the 资金总量 added 880000 (元) to
    the other projects' 万元 (s68). Summed as the 汇总表's formula sums (``book.funds_sum_formula``): the figures as
    written, then each 元 figure taken off and its 万元 reading added. ``rounded``: to the 万元 precision forms carry
    (``_r``); the review's 分单位汇总 keeps the sums as they are (a 5e-324 budget is no 0: its 执行率 “无法计算”,
    not blank)."""
    due = float(sum(to_number(r["annual"]) or 0 for r in rows))
    done = float(sum(to_number(r["executed"]) or 0 for r in rows))
    for r in rows:
        if r.get("in_yuan"):
            executed, annual = read_whole(executed=r["executed"], annual=r["annual"])
            due = due - (to_number(r["annual"]) or 0) + (to_number(annual) or 0)
            done = done - (to_number(r["executed"]) or 0) + (to_number(executed) or 0)
            continue
        executed, annual, side = read_funds_side(executed=r["executed"], annual=r["annual"])   # one asking a row
        if side == "annual":
            due = due - (to_number(r["annual"]) or 0) + annual
        elif side == "executed":
            done = done - (to_number(r["executed"]) or 0) + executed
    return (_r(due), _r(done)) if rounded else (due, done)


@dataclass
class Summary:
    unit: str | None
    rows: list[dict[str, Any]]
    grades: dict[str, int]
    projects_due: int
    projects_done: int
    funds_due: float
    funds_done: float
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    group: str | None = None
    year: int | None = None       # the year of every form, when they share one (the 汇总表's title)
    # rows of the other form kinds, by ``FormKind.summary_key`` ("departments": 部门整体支出绩效自评表)
    others: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    bands: Bands = DEFAULT_BANDS  # the grade bands ``grades`` counts by: the 项目明细's 等级 formula, the 说明
    # the files read that hold forms but no 项目支出绩效自评表 (only a 部门整体 form, a 评价表): no row of
    # the 汇总表, said by name — {"file": …, "held": "部门整体支出绩效自评表"}
    without_projects: list[dict[str, str]] = field(default_factory=list)
    # the files and forms left out, and why (``dedupe.SetAside``: our own outputs, identical copies, a form of another
    # year, one replaced by a resubmission, on a hidden sheet): what stderr says as “未计入：…”, in the JSON as the
    # review's "skipped"
    set_aside: list[SetAside] = field(default_factory=list)

    @property
    def departments(self) -> list[dict[str, Any]]:
        return self.others.get("departments", [])

    @property
    def incomplete(self) -> bool:
        """Something that may be a form could not be read (``not_read``): the totals leave it out. A file that holds
        no form (``no_form``: a 部门预算公开表 kept beside the forms) leaves nothing out; it made the 汇总
        “incomplete” and ``summarize`` exit 1 until s66."""
        return bool(self.not_read)

    @property
    def not_read(self) -> list[dict[str, Any]]:
        """What the 汇总表 could not count (its 未能读取 sheet, “另有N个文件或表未能读取”): ``unreadable`` but the
        files that opened with no form in them (``no_form``)."""
        return [u for u in self.unreadable if not u.get("not_form")]

    @property
    def no_form(self) -> list[str]:
        """The files of ``unreadable`` that opened with no form in them (``errors.no_form_files``: a 部门预算公开表
        put with the forms), in their order: said “不是自评表”, as the review says them, never “未能读取”."""
        return list(dict.fromkeys(str(u["file"]) for u in self.unreadable if u.get("not_form")))

    def to_dict(self) -> dict[str, Any]:
        d = {"unit": self.unit, "projects_due": self.projects_due, "projects_done": self.projects_done,
             "funds_due": self.funds_due, "funds_done": self.funds_done, "grades": dict(self.grades),
             "rows": [{k: v for k, v in r.items() if not k.startswith("_")} for r in self.rows],
             "incomplete": self.incomplete, "unreadable": self.unreadable, "year": self.year,
             "without_projects": self.without_projects, "skipped": [s.to_dict() for s in self.set_aside],
             "no_form": self.no_form}
        if self.group is not None:
            d["group"] = self.group
        for key, rows in self.others.items():  # the 部门整体 score (…) beside the project forms
            if key == "departments":
                d["department"] = rows[0] if len(rows) == 1 else None
            d[key] = rows
        return d


def _row(item: Loaded, profile: Profile, findings: list[Finding], score: Any = None) -> dict[str, Any]:
    f = item.form
    score = score or score_form(f, profile)
    total = f.total_score  # the self-evaluation as reported; blank where the form has no 总分
    errors, warnings, typed = _counted(findings)
    annual, executed = f.funds.column("annual"), f.funds.column("executed")
    return {
        "project": f.project, "authority": f.authority, "unit": f.unit,
        "annual": annual, "executed": executed,
        # read as the rules and the 复核 read it: a figure in 元 beside the other in 万元 (A5, A16), s65
        "exec_rate": read_rate(executed=executed, annual=annual),
        # the form typed wholly in 元 (A16 finds it, no figure 元 beside the other): the 资金总量 reads both in 万元
        # as the reports and the rules read it (``agreement.total_in_wan``); it added 880000 as 万元 (s68)
        "in_yuan": typed_in_yuan(f, profile),
        "total": total, "grade": row_grade(total, profile),
        "reviewed_total": score.total, "reviewed_grade": score.grade,
        "errors": errors, "warnings": warnings, "source": item.source,
        "file": item.file, "sheet": item.sheet,
        "_rows": item.sheet_form.layout.rows if item.sheet_form else None,
        # a live link reads the cells where our template puts them: only a form read there (``native``); a
        # form read by its labels (another layout, or its indicators run on to a 续表 that has the 总分)
        # keeps its numbers as read, a link to H34 of its first sheet gave a blank 总分 once recalculated
        "_linkable": bool(item.sheet_form is not None and item.sheet_form.native),
        # what the review's notice asks to change (``review.notices.asks``): its errors and X2 warnings
        # (a number typed as text), which order the groups of ``--by`` as the 复核台账 orders departments
        "_changes": errors + typed,
    }


def _counted(findings: list[Finding]) -> tuple[int, int, int]:
    """(errors, warnings, X2 warnings of a number typed as text) of one form's findings: a row's counts."""
    errors = warnings = typed = 0
    for x in findings:  # counted here: a Counter per row cost ~4 µs more, 10,000 rows (issue #18)
        if x.severity == "error":
            errors += 1
        elif x.severity == "warning":
            warnings += 1
            typed += x.rule == READ_CHANGED
    return errors, warnings, typed


def finding_source(f: Finding) -> str:
    """The form a finding is of, as ``Loaded.source`` names it (a finding made without one: file#sheet)."""
    return f.source or (f"{f.file}#{f.sheet}" if f.sheet else (f.file or ""))


def count_findings(findings: list[Finding], sources: set[str]) -> dict[str, tuple[int, int, int]]:
    """``_counted`` of each form of ``sources``: what its summary row says once its findings are counted again
    (``actions.recount_after``)."""
    by: dict[str, list[Finding]] = {}
    for f in findings:
        key = finding_source(f)
        if key in sources:
            by.setdefault(key, []).append(f)
    return {key: _counted(fs) for key, fs in by.items()}


def row_grade(total: float | None, profile: Profile) -> str | None:
    """The band of a 总分 under the profile's grade bands (优 ≥ 90 … by default)."""
    return None if total is None else grade(total, profile)


def build(items: list[Loaded], findings: list[Finding], profile: Profile, unit: str | None,
          unreadable: list[dict[str, Any]], group: str | None = None,
          scores: dict[str, Any] | None = None) -> Summary:
    by_source: dict[str, list[Finding]] = {}
    for f in findings:
        by_source.setdefault(finding_source(f), []).append(f)
    scores = scores or {}
    rows = [_row(it, profile, by_source.get(it.source, []), scores.get(it.source)) for it in items]
    grades = Counter(r["grade"] for r in rows if r["grade"])
    years = {it.form.year for it in items} - {None}
    funds_due, funds_done = funds_totals(rows)
    return Summary(
        year=years.pop() if len(years) == 1 else None,
        unit=unit, rows=rows, grades={g: grades.get(g, 0) for g in GRADES},
        projects_due=len(rows),
        projects_done=sum(1 for r in rows if r["total"] is not None),  # 已评价: the form carries its 总分
        funds_due=funds_due, funds_done=funds_done,
        unreadable=unreadable, group=group, bands=profile.grade_bands)


def summarize(batch: Batch, check: CheckResult | None = None, profile: Profile | None = None,
              by: str | None = None, set_aside: list[SetAside] | None = None) -> tuple[Summary, dict[str, Summary]]:
    """The overall summary and, with ``by`` (主管部门 or 实施单位), one per group; ``set_aside``: what the batch
    left out (``dedupe.check_deduped``), listed by the overall summary."""
    profile = profile or get_profile(None)
    findings = check.findings if check else []
    scores = check.scores if check else {}
    # each with ``not_form``: its file opened with no form in it (a budget table), “不是自评表”, not 未能读取
    no_form = no_form_files(batch.problems, {it.file for it in batch.all()})
    unreadable = [{**problem_record(p), "not_form": getattr(p, "file", None) in no_form} for p in batch.problems]
    units = {it.form.unit for it in batch.forms if it.form.unit}
    overall = build(batch.forms, findings, profile, units.pop() if len(units) == 1 else None, unreadable,
                    scores=scores)
    overall.set_aside = list(set_aside or [])
    from ..forms import KINDS

    for kind in KINDS:
        if kind.summary_key and batch.of(kind.key):
            overall.others[kind.summary_key] = kind.summary_rows(batch.of(kind.key), findings, scores, profile)
    with_projects = {it.file for it in batch.forms}
    overall.without_projects = [{"file": f, "held": batch.held(file=f)}
                                for f in dict.fromkeys(it.file for it in batch.all()) if f not in with_projects]
    groups: dict[str, Summary] = {}
    if by:
        key = BY_FIELDS[by]
        buckets: dict[str, list[Loaded]] = {}
        for it in batch.forms:
            buckets.setdefault(getattr(it.form, key) or UNFILLED, []).append(it)
        made = [build(items, findings, profile, name, [], group=name, scores=scores)
                for name, items in buckets.items()]
        errors = {id(g): sum(r["_changes"] for r in g.rows) for g in made}
        # in the 复核台账's order, as the review lists departments: those with points to change first, more
        # before fewer
        made.sort(key=lambda g: ledger_key(status_of(errors[id(g)]), errors[id(g)], 0, g.group or ""))
        groups = {g.group or "": g for g in made}
        # 项目明细 lists the groups in that order too, as the review's does (a group's rows as read)
        rank = {name: i for i, name in enumerate(groups)}
        overall.rows.sort(key=lambda r: rank[r.get(key) or UNFILLED])
    return overall, groups


def _as_typed(v: Any) -> Any:
    """A figure as the table shows it: 2, not the 2.0 a workbook reader gives; every digit typed (``{:g}``
    kept six: a county's 56864.25 万元 read “56864.2”, and 1.2e+08 came with an exponent)."""
    return as_shown(v) if isinstance(v, float) else v


def compare_published(summary: Summary, published: dict[str, Any], source: str) -> list[Finding]:
    """Findings where a published 汇总表 differs from the forms' own sums and counts; on their
    cells where ``published`` says where each figure is (``published.published_tables``)."""
    out: list[Finding] = []
    cells = published.get("cells") or {}
    sheet = published.get("sheet")
    # a table of several rows (a unit each, a 合计): which row, as the table writes it
    of = f"汇总表“{published['row']}”一行的" if published.get("row") else "汇总表的"

    def at(key: str) -> dict[str, Any]:
        return {"sheet": sheet, "cell": cells[key]} if sheet and key in cells else {}

    checks = [("projects_due", "项目数量·应评价数", summary.projects_due, " 个"),
              ("projects_done", "项目数量·已评价数", summary.projects_done, " 个"),
              ("funds_due", "资金总量·应评价数（各项目全年预算数合计）", summary.funds_due, " 万元"),
              ("funds_done", "资金总量·已评价数（各项目全年执行数合计）", summary.funds_done, " 万元")]
    for key, label, expected, unit in checks:
        found = published.get(key)
        found = None if isinstance(found, str) and not found.strip() else found  # a blank cell
        value = to_number(found)  # text that is no number (“约五百万”) differs like a wrong number
        if value is None or money_apart(float(value), float(expected)):
            out.append(Finding(rule="E4", severity="error", field=f"summary.{key}",
                               message=f"{of}{label}应为 {_as_typed(expected)}{unit}，表中为"
                                       + ("空白" if found is None else f" {_as_typed(found)}"
                                          + (unit if isinstance(found, (int, float)) else "")),
                               expected=expected,
                               found=found, file=source, project=published.get("unit"), **at(key)))
    for g in GRADES:
        grades = published.get("grades")
        found = (grades.get(g) if isinstance(grades, dict) else None) or 0
        expected = summary.grades.get(g, 0)
        if to_number(found) != expected:
            out.append(Finding(rule="E4", severity="error", field=f"summary.grades.{g}",
                               message=f"{of}“{g}”等级项目数应为 {expected} 个，表中为 {_as_typed(found)}"
                               + (" 个" if isinstance(found, (int, float)) else ""),
                               expected=expected, found=found, file=source, project=published.get("unit"),
                               **at(f"grades.{g}")))
    return out
