"""Running the rule catalogue over a batch of forms (the 校验 button and ``jixiao check``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import layout as L
from .core import fieldpath
from .findings import SEVERITY_ZH, Finding
from .profiles import Profile, get_profile
from .rules import FormContext, Hit, Rule, load_catalogue
from .scoring import score_form
from .sources import Batch, Loaded, _load_safe, expand

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
    """Score each project form and run every single-form rule on it: (FormScore, findings) per form."""
    form_rules = [r for r in load_catalogue().values() if not r.cross and r.form_type == "project"]
    out = []
    for item, ctx in zip(items, contexts_for(items, profile)):
        out.append((ctx.score, [_finding(item, r, hit) for r in form_rules for hit in r.func(ctx)]))
    return out


def cross_form(items: list[Loaded], scores: list[Any], profile: Profile) -> list[Finding]:
    """The rules that compare project forms with each other (E)."""
    contexts = [FormContext(item.form, score, profile, item.source) for item, score in zip(items, scores)]
    return [_finding(items[idx], r, hit)
            for r in load_catalogue().values() if r.cross and r.form_type == "project"
            for idx, hit in r.func(contexts)]


PerKind = dict[str, list[tuple[Any, list[Finding]]]]


def _check_kinds(batch_items: dict[str, list[Loaded]], profile: Profile) -> PerKind:
    from .forms import KINDS

    return {k.key: k.check_forms(batch_items.get(k.key, []), profile) for k in KINDS if batch_items.get(k.key)}


def _load_and_check(args: tuple[Path, str]) -> tuple[list[Loaded], list, PerKind]:
    path, profile_name = args
    forms, problems = _load_safe(path)
    one = Batch()
    one.add(forms)
    return forms, problems, _check_kinds(one.by_kind, get_profile(profile_name))


def check_paths(paths: list[str | Path], profile: Profile | None = None, *, workers: int | None = None,
                progress: bool | None = None) -> tuple[Batch, CheckResult]:
    """Read and check a batch: each file is read, scored and checked on its own core; the
    cross-form rules then run over everything. Same result as load_all + check_batch."""
    profile = profile or get_profile(None)
    files = expand(paths)
    batch, pre = Batch(files=len(files)), {}
    from .batch import map_checked

    for forms, problems, checked in map_checked(files, profile.name, workers=workers, progress=progress):
        batch.add(forms)
        batch.problems.extend(problems)
        for key, results in checked.items():
            pre.setdefault(key, []).extend(results)
    return batch, check_batch(batch, profile, pre=pre)


def check_batch(batch: Batch, profile: Profile | None = None, pre: PerKind | None = None) -> CheckResult:
    """All findings of a batch, kind by kind; ``pre`` holds per-form results already computed (check_paths)."""
    from .forms import KINDS

    profile = profile or get_profile(None)
    if pre is None:
        pre = _check_kinds(batch.by_kind, profile)
    items = batch.all()
    result = CheckResult(forms=len(items), files=batch.files, unreadable=len(batch.problems))
    for p in batch.problems:
        result.findings.append(Finding(
            rule=UNREADABLE_RULE, severity="error", field="", message=str(p), file=getattr(p, "file", None),
            sheet=getattr(p, "sheet", None), cell=getattr(p, "cell", None)))
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
    # keep the forms in the order they were read (file, then sheet order), errors first
    order = {item.source: i for i, item in enumerate(items)}
    rank = {"error": 0, "warning": 1, "info": 2}
    result.findings.sort(key=lambda f: (order.get(f.source or (f"{f.file}#{f.sheet}" if f.sheet else f.file), -1),
                                        rank[f.severity], f.rule, fieldpath.sort_key(f.field)))
    return result


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
