"""Running the rule catalogue over a batch of forms (the 校验 button and ``jixiao check``)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, cast

from ..core.findings import UNREADABLE, Finding, as_said, finding_line, fold
from ..errors import NO_FORM, no_form_files, problem_message, problem_places
from ..core.profiles import Profile, get_profile
from .rules import FormContext, Hit, Rule, load_catalogue, variant_of
from .rule_major import form_hits
from .rules.table import TOTAL_ROW
from ..forms.sums import cleared

# the head of a listed finding counted in no severity: the X1 of a file that holds no form (a 部门预算公开表 beside the
# forms), which the listing's last line leaves out of the 错误 (``CheckResult.is_no_form_error``)
NOT_COUNTED = "未计入"
from ..forms.project.scoring import score_form
from ..sources import Batch, Loaded, _load_safe, expand

UNREADABLE_RULE = UNREADABLE  # ``core.findings.READING_CODES``


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    forms: int = 0
    files: int = 0
    unreadable: int = 0   # files and sheets not read, those that hold no form too (the exit status counts them)
    # the files of them that opened with no form in them (``errors.no_form_files``: a 部门预算公开表 in the folder),
    # and how many of ``unreadable``'s places they are: the count says them “不是自评表”, not “无法读取”
    no_form: list[str] = field(default_factory=list)
    no_form_places: int = 0
    scores: dict[str, Any] = field(default_factory=dict)  # source -> FormScore (reused by 汇总)
    hidden: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet) of forms on hidden sheets: not checked
    text_numbers: int = 0   # number cells written as text (X2), which 计算 makes numbers (``actions.text_numbers``)

    @property
    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @property
    def unread(self) -> int:
        """The files and sheets said “无法读取” (``check``'s last line, the 校验 button): ``unreadable`` but the files
        that hold no form, said apart as “不是自评表”. A sheet read as no form for want of its “总分” row, in a
        workbook whose other forms were read, is one of them: there is no cell to mark, yet it was not read."""
        return self.unreadable - self.no_form_places

    @property
    def no_form_errors(self) -> int:
        """The X1 errors of the files that hold no form (``no_form``): each says its file “不是自评表”, and none is an
        error of a form — a 部门预算公开表 kept beside clean forms made ``check`` exit 1 and end “错误 1” (s66)."""
        if not self.no_form:
            return 0
        files = set(self.no_form)
        return sum(1 for f in self.findings if self.is_no_form_error(f, files))

    def is_no_form_error(self, f: Finding, files: set[str] | None = None) -> bool:
        """Whether ``f`` is the X1 of a file that holds no form (``no_form_errors`` counts these): its line in the
        listing is not headed “错误”, nor counted one; its JSON keeps ``"severity": "error"`` and adds ``"not_form"``."""
        return (f.rule == UNREADABLE_RULE and f.severity == "error"
                and f.file in (files if files is not None else set(self.no_form)))

    @property
    def exit_code(self) -> int:
        if self.forms == 0 and self.unreadable:
            return 2
        return 1 if self.counts["error"] - self.no_form_errors else 0


@cache
def _project_kind() -> Any:
    """The project form's kind, looked up once (``_cell`` runs for every finding; issue #18)."""
    from ..forms import by_key

    return by_key("project")


def _holds_formula(item: Loaded, path: str) -> bool:
    """The cell of a field of a form on our template holds a formula (``forms.sums.holds_formula``)."""
    from ..forms.sums import holds_formula

    sf = item.sheet_form
    return sf is not None and holds_formula(item.file, sf.sheet_of(path), sf.cell(path))


def _cleared(item: Loaded, *paths: str) -> frozenset[str]:
    """The computed fields ``paths`` of a form on our template (cells on one sheet) cleared by hand
    (``forms.sums.cleared``); the 等级 (no field of the form) reads blank where its cell shows no grade."""
    sf = item.sheet_form
    if sf is None:
        return frozenset()
    form = item.form

    def blank(f: str) -> bool:
        if f == "grade":
            return sf.grade_shown is None and not sf.stated.get("grade")
        return getattr(form, f, None) is None

    paths = tuple(p for p in paths if blank(p))   # most forms: none blank, no cell looked up (issue #18)
    if not paths:
        return frozenset()
    return cleared(item.file, sf.sheet_of(paths[0]), {p: sf.cell(p) for p in paths}, form, blank)


def _cell(item: Loaded, path: str) -> str | None:
    """The cell of a field of a project form (``FormKind.cell_of``)."""
    kind = _project_kind()
    cell = kind.cell_of(item, path)
    if cell is None and path.endswith((".level1", ".level2")):  # a layout without that column: the row's name
        cell = kind.cell_of(item, path.rsplit(".", 1)[0] + ".name")
    return cell


def _sheet(item: Loaded, path: str) -> str | None:
    """The sheet of the cell ``_cell`` gives: the form's, or the 续表's it runs on to (``SheetForm.sheet_of``)."""
    sf = item.sheet_form
    if sf is None:
        return item.sheet
    if path == "indicators":
        path = "indicators[0].name"
    if path.endswith((".level1", ".level2")) and path not in (sf.cells or {}):
        path = path.rsplit(".", 1)[0] + ".name"
    return item.sheet_of(path)


# Finding's first parameters, in order, when they are these: a finding built positionally takes a
# third of the time of one built by keyword (11 of them; issue #18). Checked, not assumed.
_FINDING_ARGS = ("rule", "severity", "field", "message", "expected", "found", "file", "sheet", "cell", "project",
                 "source")


def _finding_maker() -> Any:
    import inspect

    if tuple(inspect.signature(Finding).parameters)[:len(_FINDING_ARGS)] == _FINDING_ARGS:
        return Finding
    return lambda *args: Finding(**dict(zip(_FINDING_ARGS, args)))


_new_finding = _finding_maker()


def _hit_finding(item: Loaded, rule: Rule, hit: Hit, file: str | None, sheet: str | None, project: Any,
                 source: str | None) -> Finding:
    """The finding of one hit of ``rule`` on ``item``, whose file, sheet, project and source are given."""
    if hit.severity is not None:
        rule = variant_of(rule, hit.severity)   # a finding's severity is always its rule's (rules/variants.py)
    message = as_said(hit.message)
    sf = item.sheet_form
    if sf is not None and sf.sheets:   # a form read with its 续表: a field there is named on that sheet
        sheet = _sheet(item, hit.field)
    f = _new_finding(rule.code, rule.severity, hit.field, message, hit.expected, hit.found, file, sheet,
                     _cell(item, hit.field), project, source)
    if hit.folds:
        f.folds = hit.folds
    if hit.other:
        f.other = hit.other
    if hit.topic:
        f.topic = hit.topic
    if hit.expected_shown is not None or hit.found_shown is not None:
        f.expected_shown, f.found_shown = hit.expected_shown, hit.found_shown
    if hit.expected_is_formula:
        f.expected_is_formula = True
    return f


def _finding(item: Loaded, rule: Rule, hit: Hit) -> Finding:
    return _hit_finding(item, rule, hit, item.file, item.sheet, item.form.project, item.source)


def _form_findings(item: Loaded, ctx: FormContext, rules: list[Rule]) -> list[Finding]:
    """``_finding`` of each hit of ``rules`` on one form; what the findings share about the form
    (file, sheet, project, source) looked up once for all of them (issue #18)."""
    shared = item.file, item.sheet, item.form.project, item.source
    return [_hit_finding(item, r, hit, *shared) for r in rules for hit in r.func(ctx)]


def contexts_for(items: list[Loaded], profile: Profile) -> list[FormContext]:
    return [FormContext(it.form, score_form(it.form, profile), profile, it.source) for it in items]


def per_form(items: list[Loaded], profile: Profile) -> list[tuple[Any, list[Finding]]]:
    """Score each project form and run every single-form rule on it: (FormScore, findings) per form."""
    form_rules = [r for r in load_catalogue(kinds=False).values() if not r.cross and r.form_type == "project"
                  and not getattr(r.func, "reports_nothing", False)]   # a variant's hits are its parent's (issue #18)
    contexts = _rule_contexts(items, profile)
    hits = form_hits(contexts, form_rules)
    if hits is None:   # a rule failed on some form: fail as the form-by-form loop does, at its first failure
        return _per_form_one_by_one(items, _rule_contexts(items, profile), form_rules)
    out = []
    for item, ctx, found in zip(items, contexts, hits):
        shared = item.file, item.sheet, item.form.project, item.source
        out.append((ctx.score, _one_per_cell(item, [_hit_finding(item, r, h, *shared) for r, h in found])))
    return out


def _per_form_one_by_one(items: list[Loaded], contexts: list[FormContext], form_rules: list[Rule]
                         ) -> list[tuple[Any, list[Finding]]]:
    """``per_form`` form by form, every rule on one form before the next form."""
    return [(ctx.score, _one_per_cell(item, _form_findings(item, ctx, form_rules)))
            for item, ctx in zip(items, contexts)]


def _rule_contexts(items: list[Loaded], profile: Profile) -> list[FormContext]:
    """``contexts_for``, each form of another layout carrying the 资金 rows it has (rule A2), the
    等级 a form states (rule D13): another layout's, or one typed over our template's formula, and
    the cell of a 执行率 written as text (rule A4), and where any field sits (``cell``: rule H8 names
    the 年度's; looked up only when a rule asks)."""
    contexts = contexts_for(items, profile)
    for item, ctx in zip(items, contexts):
        ctx.extra["cell"] = partial(_cell, item)
        sf = item.sheet_form
        if sf is None:
            continue
        if sf.cells is not None:
            ctx.extra["fund_rows"] = {p.split(".")[1] for p in sf.cells if p.startswith("funds.")}
        if sf.native and isinstance(item.form.exec_rate, str):
            # text typed over our template's 执行率 formula, which its 执行率得分 formula cannot use: rule A4
            # names the cell (a form of another layout, or as JSON, gives its rate as text as a rule)
            ctx.extra["rate_cell"] = _cell(item, "exec_rate")
        if getattr(sf, "score_formula", False):   # our template's 执行率得分 formula, where a figure is in 元: rule A4
            ctx.extra["score_formula"] = True
        if sf.native:   # asked only where D11 or D12 speak (``rules.totals.total_is_formula``): no file opened else
            ctx.extra["total_formula"] = partial(_holds_formula, item, "total_score")
        if sf.native and item.form.exec_score is None and "exec_score" in _cleared(item, "exec_score"):
            # the 执行率得分 cleared by hand (no formula, no value; a formula saved without its result was computed
            # as the reader read it): the 总分's SUM leaves it out, so A4, D7, D11 and D12 count it as 0 (s68)
            ctx.extra["exec_cleared"] = True
        if sf.native:
            # the 总分 row's 分值, 总分 and 等级 cleared by hand: blank on the sheet, nothing fills them (B2, D7, D13;
            # the file is opened only where one reads blank)
            ctx.extra["cleared"] = _cleared(item, *TOTAL_ROW)
        if sf.stated.get("grade"):
            ctx.extra["stated_grade"] = sf.stated["grade"]
        if getattr(sf, "notes", None):   # the scores written as text, which the 总分 formula leaves out (D7, D11)
            from .rules.table import text_scores

            ctx.extra["text_scores"] = text_scores(
                item, ["exec_score", *(f"indicators[{i}].score" for i in range(len(item.form.indicators)))],
                partial(_cell, item))
    return contexts


def cross_form(items: list[Loaded], scores: list[Any], profile: Profile) -> list[Finding]:
    """The rules that compare project forms with each other (E)."""
    contexts = [FormContext(item.form, score, profile, item.source) for item, score in zip(items, scores)]
    return [_finding(items[idx], r, hit)
            for r in load_catalogue(kinds=False).values() if r.cross and r.form_type == "project"
            for idx, hit in r.func(contexts)]


PerKind = dict[str, list[tuple[Any, list[Finding]]]]


def _check_kinds(batch_items: dict[str, list[Loaded]], profile: Profile) -> PerKind:
    from ..forms import KINDS

    return {k.key: k.check_forms(batch_items.get(k.key, []), profile) for k in KINDS if batch_items.get(k.key)}


def _one_per_cell(item: Loaded, found: list[Finding]) -> list[Finding]:
    """A form's read findings, then its rules' ``found``, one finding per cell showing an error value
    (``guard.sanitize.one_per_error_cell``)."""
    read = _read_findings(item)
    if not read:
        return found
    from ..guard.sanitize import one_per_error_cell

    return one_per_error_cell(read, found)


def _read_findings(item: Loaded) -> list[Finding]:
    """X2 and X7 of a project form (``guard.sanitize.read_findings``)."""
    notes = getattr(item.sheet_form, "notes", None)
    if not notes:
        return []   # most forms: no import statement run for them (issue #18)
    from ..guard.sanitize import read_findings

    return read_findings(item, item.form.project)


def _load_and_check(args: tuple[Path, Any]) -> tuple[list[Loaded], list[Any], PerKind]:
    """Read one file and check its forms, kind by kind. A value the rules of a kind cannot take
    costs only that file's forms of that kind: they are left out with a located finding."""
    from ..forms.project.typed import one_file

    path, profile_name = args
    with one_file():   # the workbook's formulas read once for its readers and rules (issue #18)
        return check_loaded(path, profile_name, *_load_safe(path))


def check_loaded(path: Path, profile_name: Any, forms: list[Loaded], problems: list[Any]
                 ) -> tuple[list[Loaded], list[Any], PerKind]:
    """The checking half of ``_load_and_check`` on forms already read (``jixiao.isolated`` runs
    both halves in one child)."""
    from ..errors import InternalError
    from ..forms import KINDS

    one = Batch()
    one.add(forms)
    profile, checked, failed = get_profile(profile_name), cast(PerKind, {}), []
    for kind in KINDS:
        mine = one.of(kind.key)
        if not mine:
            continue
        try:
            checked[kind.key] = kind.check_forms(mine, profile)
        except (ArithmeticError, ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as exc:
            err = InternalError(f"{path}：复核此文件的{kind.title}时出错（{type(exc).__name__}），这些表未校验",
                                file=str(path))
            err.exit_code = 1
            problems = [*problems, err]
            failed.extend(mine)
    return [f for f in forms if not any(f is x for x in failed)], problems, checked


def check_paths(paths: list[str | Path], profile: Profile | None = None, *, workers: int | None = None,
                progress: bool | None = None) -> tuple[Batch, CheckResult]:
    """Read and check a batch: each file is read, scored and checked on its own core; the
    cross-form rules then run over everything. Same result as load_all + check_batch."""
    profile = profile or get_profile(None)
    files = expand(paths)
    batch, pre = Batch(files=len(files)), cast(PerKind, {})
    from ..batch import map_checked, quiet_gc

    # the profile itself travels to the workers: it carries the bureau's thresholds (rule settings)
    for forms, problems, checked in map_checked(files, profile, workers=workers, progress=progress):
        batch.add(forms)
        batch.problems.extend(problems)
        for key, results in checked.items():
            pre.setdefault(key, []).extend(results)
    with quiet_gc():  # the cross-form rules' many short-lived objects: ~0.07 s of collections (issue #18)
        return batch, check_batch(batch, profile, pre=pre)


def count_unread(result: CheckResult, batch: Batch) -> None:
    """``result``'s count of what ``batch`` could not read, and of it the files that hold no form (a budget table
    put with the forms), which the count says apart as the review does (“1 个文件不是自评表”)."""
    no_form = no_form_files(batch.problems, {it.file for it in batch.all()})
    theirs = [p for p in batch.problems if getattr(p, "file", None) in no_form]
    result.unreadable = problem_places(batch.problems)
    result.no_form = list(dict.fromkeys(str(p.file) for p in theirs))
    result.no_form_places = problem_places(theirs)


def check_batch(batch: Batch, profile: Profile | None = None, pre: PerKind | None = None, *,
                ordered: bool = True) -> CheckResult:
    """All findings of a batch, kind by kind; ``pre`` holds per-form results already computed (check_paths).

    ``ordered=False``: the findings are left in the order they were made, not sorted form by form
    (``sort_findings``): for a caller that only counts them per form (``summarize``), to which the order
    is nothing. Sorting 10,000 forms' findings was ~0.2 s of the main process running alone after the
    worker pool, one core idle (issue #18)."""
    from ..forms import KINDS
    from .order import sort_findings

    profile = profile or get_profile(None)
    if pre is None:
        pre = _check_kinds(batch.by_kind, profile)
    items = batch.all()
    result = CheckResult(forms=len(items), files=batch.files, hidden=[(it.file, it.sheet or "") for it in batch.hidden])
    count_unread(result, batch)
    for p in batch.problems:  # a form with several bad cells: one finding each, one place unread
        result.findings.append(Finding(
            rule=UNREADABLE_RULE, severity="error", field="", message=problem_message(p), file=getattr(p, "file", None),
            sheet=getattr(p, "sheet", None), cell=getattr(p, "cell", None),
            # a cell's: what it holds as read and what to write there (``CellError``); a file's: none
            found=getattr(p, "found", None), expected=getattr(p, "expected", None)))
    for kind in KINDS:
        mine = batch.of(kind.key)
        if not mine:
            continue
        done = pre.get(kind.key, [])
        scores = [score for score, _found in done]
        result.scores.update({item.source: score for item, score in zip(mine, scores)})
        for _score, found in done:
            result.findings.extend(found)
        result.findings.extend(kind.check_cross(mine, scores, profile))
    result.findings = fold(result.findings)   # one cell, one “应为”: a finding another one already says goes inside it
    if ordered:  # keep the forms in the order they were read (file, then sheet order), errors first
        sort_findings(result.findings, items)  # by order.finding_key: form, severity, importance, rule, field
    return result


def _continued_from(f: Finding, file: str, sheet: str) -> str | None:
    """The sheet of the form a finding on ``sheet`` is of, where that is another sheet: the finding is on the
    续表 its form runs on to (``reading.continued``); None for a finding on its form's own sheet."""
    src = f.source
    if not sheet or not src or not src.startswith(f"{file}#") or src == f"{file}#{sheet}" \
            or src.startswith(f"{file}#{sheet}@"):
        return None
    of = src.removeprefix(f"{file}#")
    head, at, anchor = of.rpartition("@")
    return head if at and re.fullmatch(r"[A-Z]{1,3}\d+", anchor) else of


def format_text(result: CheckResult) -> str:
    """Findings grouped by file and sheet, errors first, with counts; a file that holds no form (a budget table
    beside the forms) headed “不是自评表”, its X1 in no count of errors (``CheckResult.no_form_errors``)."""
    lines: list[str] = []
    no_form = set(result.no_form)
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        groups.setdefault((f.file or "", f.sheet or ""), []).append(f)
    of_form = {key: _continued_from(fs[0], *key) for key, fs in groups.items()}
    order = list(groups)
    for key, of in of_form.items():   # a 续表's findings right after its form's own sheet's
        if of and (key[0], of) in groups:
            order.remove(key)
            order.insert(order.index((key[0], of)) + 1, key)
    for file, sheet in order:
        fs = groups[(file, sheet)]
        c = Counter(f.severity for f in fs)
        head = f"{file}" + (f" › {sheet}" if sheet else "")
        of = of_form[(file, sheet)]
        if file in no_form and not sheet:   # its one line says why: no error of a form to count
            lines.append(f"{head}（{NO_FORM}）")
        else:
            lines.append(f"{head}（{f'工作表“{of}”的续表；' if of else ''}"
                         f"错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}）")
        # the X1 of a file holding no form is counted in no 错误 (``no_form_errors``): its line is not headed 错误
        # either — it read “错误 · 整张表 · 规则 X1 · ……不是自评表” under a head saying “（不是自评表）”
        lines += ["  " + (finding_line(f, NOT_COUNTED) if result.is_no_form_error(f, no_form) else finding_line(f))
                  for f in fs]
        lines.append("")
    c = result.counts
    unread = result.unread   # a budget table in the folder: no form, not unreadable
    lines.append(f"共检查 {result.files} 个文件、{result.forms} 张表：错误 {c['error'] - result.no_form_errors}，警告 {c['warning']}，"
                 f"提示 {c['info']}" + (f"；{unread} 个文件或工作表无法读取" if unread else "")
                 + (f"；{len(result.no_form)} 个文件{NO_FORM}" if result.no_form else ""))
    return "\n".join(lines)
