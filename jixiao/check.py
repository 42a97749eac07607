"""Running the rule catalogue over a batch of forms (the 校验 button and ``jixiao check``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import layout as L
from .findings import SEVERITY_ZH, Finding
from .profiles import Profile, get_profile
from .rules import FormContext, Hit, Rule, load_catalogue
from .scoring import score_form
from .sources import Batch, Loaded, _load_safe, expand, map_files

UNREADABLE_RULE = "X1"


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    forms: int = 0
    files: int = 0
    unreadable: int = 0
    scores: dict[str, Any] = field(default_factory=dict)  # source -> FormScore (reused by 汇总)

    @property
    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @property
    def exit_code(self) -> int:
        if self.forms == 0 and self.unreadable:
            return 2
        return 1 if self.counts["error"] else 0


def _cell(item: Loaded, path: str) -> str | None:
    """The cell of a field: on the sheet it was read from, or where ``fill`` puts it."""
    if path.startswith("summary."):
        return None
    try:
        if item.sheet_form is not None:
            return item.sheet_form.cell(path)
        return L.FormLayout(max(L.DEFAULT_ROWS, len(item.form.indicators))).cell(path)
    except (KeyError, ValueError):
        return None


def _finding(item: Loaded, rule: Rule, hit: Hit) -> Finding:
    return Finding(rule=rule.code, severity=hit.severity or rule.severity, field=hit.field,
                   message=hit.message, expected=hit.expected, found=hit.found, file=item.file,
                   sheet=item.sheet, cell=_cell(item, hit.field), project=item.form.project,
                   source=item.source)


def contexts_for(items: list[Loaded], profile: Profile) -> list[FormContext]:
    return [FormContext(it.form, score_form(it.form, profile), profile, it.source) for it in items]


def per_form(items: list[Loaded], profile: Profile) -> list[tuple[Any, list[Finding]]]:
    """Score each form and run every single-form rule on it: (FormScore, findings) per form."""
    form_rules = [r for r in load_catalogue().values() if not r.cross and r.form_type == "project"]
    out = []
    for item, ctx in zip(items, contexts_for(items, profile)):
        out.append((ctx.score, [*_read_findings(item),
                                *(_finding(item, r, hit) for r in form_rules for hit in r.func(ctx))]))
    return out


def _read_findings(item: Loaded) -> list[Finding]:
    """X2: a cell the reader had to change to read at all (control characters, #DIV/0!, NaN)."""
    from .sanitize import READ_RULE, ReadNote

    notes = getattr(item.sheet_form, "notes", None) or []
    return [Finding(rule=READ_RULE, severity="warning", field="", message=n.message, file=item.file,
                    sheet=item.sheet, cell=n.cell, project=item.form.project, source=item.source)
            for n in notes if isinstance(n, ReadNote)]


def _load_and_check(args: tuple[Path, str]) -> tuple[list[Loaded], list, list]:
    path, profile_name = args
    forms, problems = _load_safe(path)
    projects = [f for f in forms if not getattr(f.form, "is_department", False)]  # 部门整体: checked later
    try:
        return forms, problems, per_form(projects, get_profile(profile_name))
    except (ArithmeticError, ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as exc:
        from .errors import InternalError  # a value the rules cannot take: this file's forms only, located

        name = str(path)
        err = InternalError(f"{name}：复核此文件的表时出错（{type(exc).__name__}），这些表未校验", file=name)
        err.exit_code = 1
        return [f for f in forms if f not in projects], [*problems, err], []


def check_paths(paths: list[str | Path], profile: Profile | None = None, *, workers: int | None = None,
                progress: bool | None = None) -> tuple[Batch, CheckResult]:
    """Read and check a batch: each file is read, scored and checked on its own core; the
    cross-form rules then run over everything. Same result as load_all + check_batch."""
    profile = profile or get_profile(None)
    files = expand(paths)
    batch, pre = Batch(files=len(files)), []
    for forms, problems, checked in map_files(_load_and_check, [(f, profile.name) for f in files],
                                              workers=workers, progress=progress, label="读取并校验"):
        batch.add(forms)
        batch.problems.extend(problems)
        pre.extend(checked)
    return batch, check_batch(batch, profile, pre=pre)


def check_batch(batch: Batch, profile: Profile | None = None,
                pre: list[tuple[Any, list[Finding]]] | None = None) -> CheckResult:
    """All findings of a batch; ``pre`` holds per-form results already computed (check_paths)."""
    profile = profile or get_profile(None)
    catalogue = load_catalogue()
    result = CheckResult(forms=len(batch.forms), files=batch.files, unreadable=len(batch.problems))
    for p in batch.problems:
        result.findings.append(Finding(
            rule=UNREADABLE_RULE, severity="error", field="", message=str(p), file=getattr(p, "file", None),
            sheet=getattr(p, "sheet", None), cell=getattr(p, "cell", None)))
    if pre is None:
        pre = per_form(batch.forms, profile)
    contexts = [FormContext(item.form, score, profile, item.source) for item, (score, _f) in zip(batch.forms, pre)]
    result.scores = {item.source: ctx.score for item, ctx in zip(batch.forms, contexts)}
    for _score, found in pre:
        result.findings.extend(found)
    for r in (r for r in catalogue.values() if r.cross and r.form_type == "project"):
        for idx, hit in r.func(contexts):
            result.findings.append(_finding(batch.forms[idx], r, hit))
    departments = getattr(batch, "departments", [])
    if departments:  # 部门整体支出绩效自评表: their own rules (F), never the project ones
        from .rules.dept import check_departments

        found, dept_scores = check_departments(departments, catalogue)
        result.findings.extend(found)
        result.scores.update(dept_scores)
        result.forms += len(departments)
    # keep the forms in the order they were read (file, then sheet order), errors first
    order = {item.source: i for i, item in enumerate([*batch.forms, *getattr(batch, "departments", [])])}
    rank = {"error": 0, "warning": 1, "info": 2}
    result.findings.sort(key=lambda f: (order.get(f.source or (f"{f.file}#{f.sheet}" if f.sheet else f.file), -1),
                                        rank[f.severity], f.rule, _field_order(f.field)))
    return result


def _field_order(path: str) -> tuple:
    """indicators[10] after indicators[9]: numbers compared as numbers."""
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path))


def format_text(result: CheckResult) -> str:
    """Findings grouped by file and sheet, errors first, with counts."""
    lines: list[str] = []
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        groups.setdefault((f.file or "", f.sheet or ""), []).append(f)
    for (file, sheet), fs in groups.items():
        c = Counter(f.severity for f in fs)
        head = f"{file}" + (f" › {sheet}" if sheet else "")
        lines.append(f"{head}（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}）")
        for f in fs:
            where = f.cell or "-"
            lines.append(f"  [{SEVERITY_ZH[f.severity]}] {f.rule} {where:>5}  {f.message}")
        lines.append("")
    c = result.counts
    lines.append(f"共检查 {result.files} 个文件、{result.forms} 张表：错误 {c['error']}，警告 {c['warning']}，"
                 f"提示 {c['info']}" + (f"；{result.unreadable} 个文件或工作表无法读取" if result.unreadable else ""))
    return "\n".join(lines)
