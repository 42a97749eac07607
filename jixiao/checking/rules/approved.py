"""T — 与批复的绩效目标核对 (``jixiao check --targets 目标表.xlsx``).

The 三级指标 and 年度指标值 of a 自评表 are those approved in the 绩效目标表 at the start of
the year; they cannot be changed at evaluation time. Reviewers compare the two by hand:
these rules do it for every project found in the target workbook, naming the 自评表 cell and
the approved value. Run by ``check_targets``, not on a form alone (``form_type="targets"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ...core.findings import Finding
from ...core.quotes import INSIDE, inside_said  # a 二级指标 under its 一级指标, as a document says it
from . import Hit, load_catalogue, rule

if TYPE_CHECKING:  # pragma: no cover - the reader of 绩效目标表 is imported by the T rules when they run
    from ...reading.targets import TargetForm

TARGETS = "targets"  # form_type of these rules


@dataclass
class ApprovedContext:
    """One 自评表 and the target form approved for its project (None when there is none)."""

    form: Any
    approved: TargetForm | None
    source: str = ""


# how alike (``review.expected.likeness``) a 自评表's 三级指标 name and an approved one of the same
# 一级/二级 and the same 指标值 must be to be one indicator renamed: “道路维护里程” / “道路养护里程” (0.83),
# “群众满意度” / “群众满意率” (0.8), “项目总成本” / “项目成本总额” (0.73)
RENAMED = 0.7


def _where(t: TargetForm, i: int, part: str = "target") -> str:
    ind = t.indicators[i]
    cell = t.cells.get(f"indicators[{i}].{part}") or f"第 {ind.row} 行"
    return f"{Path(t.file).name}“{t.sheet}”{cell}"


def _renamed(inds: list[Any], t: TargetForm, lost: list[int], extra: list[int]) -> dict[int, int]:
    """Approved indicator -> the 自评表's indicator that is it renamed: of the approved indicators no
    name matched and the form's indicators matched by none, those of the same 一级 and 二级指标 and the
    same 年度指标值 whose names are alike by ``RENAMED``; the most alike pair first, each side once."""
    from ...reading.targets import key, same_target
    from ...review.expected import likeness

    def level(text: str | None) -> str:  # “数量” and “数量指标” are one 二级指标
        return key(text).removesuffix("指标")

    pairs = []
    for j in lost:
        a = t.indicators[j]
        for i in extra:
            ind = inds[i]
            if (level(ind.level1), level(ind.level2)) != (level(a.level1), level(a.level2)) or not level(a.level2):
                continue
            if not same_target(ind.target, a.target):
                continue
            score = likeness(ind.name or "", a.name, key)
            if score >= RENAMED:
                pairs.append((-score, j, i))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _score, j, i in sorted(pairs):
        if j not in out and i not in used:
            out[j] = i
            used.add(i)
    return out


@rule("T1", "error", "绩效指标或年度指标值与批复的绩效目标不符",
      """自评时的三级指标和年度指标值应与年初批复的绩效目标表一致，不得自行增删指标、改动指标名称或指标值。
      表中指标值与批复不同、指标名称与批复不同、多出批复中没有的指标、或漏掉批复的指标，都按批复的绩效目标表改正；
      确需调整的，应附绩效目标调整的批复文件。""", form_type=TARGETS)
def matches_approved(ctx: ApprovedContext) -> Iterator[Hit]:
    from ...reading.targets import key, same_target  # only with --targets (issue #18: not at registration)

    t = ctx.approved
    if t is None:
        return
    inds = ctx.form.indicators
    # indicators pair up by name; a name used twice (two 单一成本 under different items) pairs in order
    mine: dict[str, list[int]] = {}
    for n, ind in enumerate(inds):
        mine.setdefault(key(ind.name), []).append(n)
    paired: dict[int, int] = {}  # approved -> form
    for j, a in enumerate(t.indicators):
        left = mine.get(key(a.name), [])
        if left:
            paired[j] = left.pop(0)
    taken = set(paired.values())
    # then an indicator renamed slightly (same 二级指标, same 指标值): one finding naming both, not two
    renamed = _renamed(inds, t, [j for j in range(len(t.indicators)) if j not in paired],
                       [i for i in range(len(inds)) if i not in taken])
    taken |= set(renamed.values())
    for j, a in enumerate(t.indicators):
        if j in renamed:
            r = renamed[j]
            yield Hit(f"indicators[{r}].name",
                      f"指标“{inds[r].name}”是批复的指标“{a.name}”改了名称（{inside_said(f'{a.level1}{INSIDE}{a.level2}')}，指标值“{a.target or '空白'}”，"
                      f"见 {_where(t, j, 'name')}），三级指标名称应与批复一致，请改回“{a.name}”",
                      expected=a.name, found=inds[r].name)
            continue
        i = paired.get(j)
        if i is None:
            near = next((k for k, ind in enumerate(inds) if ind.level2 == a.level2), 0 if inds else None)
            yield Hit(f"indicators[{near}].name" if near is not None else "indicators",
                      f"批复的指标“{a.name}”（{inside_said(f'{a.level1}{INSIDE}{a.level2}')}，指标值“{a.target or '空白'}”，见 {_where(t, j)}）"
                      f"在自评表中没有", expected=a.name, found=None)
            continue
        if not same_target(inds[i].target, a.target):
            yield Hit(f"indicators[{i}].target",
                      f"指标“{a.name}”的年度指标值应为批复的“{a.target or '空白'}”（{_where(t, j)}），"
                      f"表中为“{inds[i].target or '空白'}”", expected=a.target, found=inds[i].target)
    for i, ind in enumerate(inds):
        if i not in taken:
            yield Hit(f"indicators[{i}].name", f"指标“{ind.name}”不在批复的绩效目标表（{Path(t.file).name}"
                      f"“{t.sheet}”）中", expected="批复的指标", found=ind.name)


@rule("T2", "warning", "绩效目标表中找不到这个项目",
      """用 --targets 核对时，每张自评表都应能在绩效目标表中找到同名项目。找不到的，可能是项目名称写得与
      批复不一致，或目标表不全：请按批复的项目名称填写，或补充该项目的绩效目标表。""", form_type=TARGETS)
def project_found(ctx: ApprovedContext) -> Iterator[Hit]:
    if ctx.approved is None:
        yield Hit("project", f"绩效目标表中没有项目“{ctx.form.project}”，无法核对指标", expected="批复的项目名称",
                  found=ctx.form.project)


def _closeness(t: TargetForm, form: Any) -> tuple[bool, bool, bool]:
    """How well a target form of the same project name fits a 自评表: same year, then same 实施单位
    (one project name is approved to several schools, say), then same 主管部门."""
    from ...review.expected import department_key

    def same(a: str | None, b: str | None) -> bool:
        return bool(a and b) and department_key(a) == department_key(b)
    return t.year == form.year, same(t.unit, form.unit), same(t.authority, form.authority)


def match_targets(items: list[Any], targets: list[TargetForm]) -> list[TargetForm | None]:
    """The target form approved for each 自评表 of ``items`` (``sources.Loaded``), None where there is
    none: matched by project name (``project_key``: spaces, full-width brackets, a year in front and a
    closing “项目” aside), and among forms of one name by year, 实施单位 and 主管部门."""
    from ...review.expected import project_key

    by_name: dict[str, list[TargetForm]] = {}
    for t in targets:  # “2024年…”, “…项目”: written on one side and not the other, as on the 项目清单
        by_name.setdefault(project_key(t.project), []).append(t)
    return [max(by_name.get(project_key(it.form.project), []), key=lambda t: _closeness(t, it.form), default=None)
            for it in items]


def check_targets(items: list[Any], targets: list[TargetForm],
                  matched: list[TargetForm | None] | None = None) -> list[Finding]:
    """T findings for the 自评表 ``items`` (``sources.Loaded``) against the approved ``targets``,
    each held to its ``match_targets`` form (``matched`` where the caller has them already)."""
    from ..run import _finding

    if matched is None:
        matched = match_targets(items, targets)
    rules = [r for r in load_catalogue().values() if r.form_type == TARGETS]
    out: list[Finding] = []
    for it, approved in zip(items, matched):
        ctx = ApprovedContext(it.form, approved, it.source)
        out += [_finding(it, r, hit) for r in rules for hit in r.func(ctx)]
    return out


def approved_split(t: TargetForm) -> tuple[float, dict[str, float]] | None:
    """(执行率分值, {一级指标: Σ 分值}) as ``t`` approves them: where every approved indicator has a
    分值 and they leave the 执行率 its share (Σ < 100: 90 leaves 10); None otherwise (no 分值 column,
    one left blank, or indicators that take all 100), and the profile's split stays the reference."""
    from ...core.numbers import is_number
    from .table import level_sums
    from .weights import FULL, level_of

    weights = [i.weight for i in t.indicators]
    if not weights or not all(is_number(w) for w in weights):
        return None
    total = float(sum(w for w in weights if w is not None))
    if not 0 < total < FULL:
        return None
    return FULL - total, level_sums(t.indicators, level_of)[0]


def with_approved_weights(findings: list[Finding], items: list[Any], matched: list[TargetForm | None],
                          profile: Any) -> list[Finding]:
    """``findings`` with rule B3 (一级指标分值分配) of each 自评表 whose target form approved its 分值
    judged again against those (``approved_split``) instead of the profile's split: a form's new B3
    findings take the place of its old ones (at the end, before the T findings, where it had none)."""
    from ..run import _finding
    from . import FormContext
    from .weights import APPROVED_SPLIT

    b3 = load_catalogue(kinds=False)["B3"]
    new: dict[str, list[Finding] | None] = {}  # None: placed
    for it, t in zip(items, matched):
        split = approved_split(t) if t is not None else None
        if t is None or split is None:
            continue
        where = f"{Path(t.file).name}“{t.sheet}”"
        ctx = FormContext(it.form, None, profile, it.source, {APPROVED_SPLIT: (*split, where)})  # B3 needs no score
        new[it.source] = [_finding(it, b3, hit) for hit in b3.func(ctx)]
    if not new:
        return findings
    out: list[Finding] = []
    for f in findings:
        if f.rule != b3.code or f.source not in new:
            out.append(f)
        elif (mine := new[f.source]) is not None:  # the form's first old B3: its new ones there, once
            out += mine
            new[f.source] = None
    return out + [f for fs in new.values() if fs for f in fs]
