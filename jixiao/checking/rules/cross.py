"""E — 跨表: what only shows when the forms of a batch are read together.

Two projects with the same indicators, target for target, usually means one form was copied
from the other and its targets never set for the project itself (a warning: programmes that
really are alike exist). Two forms under one 项目名称 cannot both be right: one project is
evaluated once a year (the same project in two years is two evaluations, and keeps its
targets, so neither rule counts it).
"""

from __future__ import annotations

from typing import Iterator

from . import FormContext, Hit, rule
from .funds import num
from .memo import indicator_texts, squeezed as _norm
from ...core.findings import source_label


def _where(ctx: FormContext) -> str:
    return source_label(ctx.source)


@rule("E1", "warning", "两个项目的绩效指标完全相同",
      """两个不同项目的三级指标及其年度指标值逐条相同，通常是复制了别的项目的绩效目标而没有按本项目
      的资金和任务重新设定。请核对本项目的数量、成本等指标值是否与本项目的预算和任务相符。""", cross=True)
def identical_indicator_sets(contexts: list[FormContext]) -> Iterator[tuple[int, Hit]]:
    from .anchors import COPIED_SET

    groups: dict[tuple, list[int]] = {}   # indicator set -> the forms holding it, in order
    for k, ctx in enumerate(contexts):
        key = tuple(zip(*indicator_texts(ctx)))
        if key:
            groups.setdefault(key, []).append(k)
    for key, members in groups.items():
        for k in members:     # both forms of a copied pair are told, each naming the other (issue 14)
            ctx = contexts[k]
            # the same project in another year keeps its targets: only other projects count
            j = next((j for j in members if _norm(contexts[j].form.project) != _norm(ctx.form.project)), None)
            if j is None:
                continue
            other = contexts[j]
            yield k, Hit(COPIED_SET,
                         f"本项目的 {len(key)} 个绩效指标及指标值与项目“{other.form.project}”{_where(other)}逐条相同，"
                         f"应按本项目的任务和预算{_budget(ctx)}设定",
                         # no 表中为: the cell holds its own indicator, not “the same as …” (the message says that)
                         expected="按本项目的任务和预算设定绩效指标", found=None, other=other.source)


def _budget(ctx: FormContext) -> str:
    """“（全年预算数 10 万元）” as the form means it (its 其中 rows' sum where the total row is blank); nothing
    where it has none (it said “全年预算数 空白 万元”)."""
    annual = ctx.form.funds.column("annual")
    return "" if annual is None else f"（全年预算数 {num(annual)} 万元）"


@rule("E2", "error", "项目名称重复",
      """同一批自评表中两张表的项目名称相同：一个项目一年只做一次自评。请核对是否重复报送了同一张表，
      或两个不同项目用了同一个名称（应按预算批复的项目名称分别填写）。不同年度的同一项目不在此列。
      两个实施单位的表重名时两张表都会提示。""", cross=True)
def duplicate_projects(contexts: list[FormContext]) -> Iterator[tuple[int, Hit]]:
    names = [(ctx.form.year, _norm(ctx.form.project)) for ctx in contexts]   # another year's is fine
    holders: dict[tuple[int, str], list[int]] = {}
    for k, name in enumerate(names):
        if name[1]:
            holders.setdefault(name, []).append(k)
    for k, ctx in enumerate(contexts):
        if not names[k][1]:
            continue
        same = holders[names[k]]
        # another 实施单位's form of the name: each form is told, whichever was read first (two departments,
        # each must hear it, as E1 tells both of a pair); else one unit's earlier form: the later one is told
        # (one department, one correction)
        j = next((j for j in same if _unit(contexts[j]) != _unit(ctx)), None)
        if j is None and same[0] != k:
            j = same[0]
        if j is None:
            continue
        other = contexts[j]
        yield k, Hit("project",
                     f"项目名称在同一年度的自评表中应唯一，表中“{ctx.form.project}”（{ctx.form.year} 年度）"
                     f"与另一张表{_where(other)}重名",
                     expected="按预算批复的项目名称填写", found=ctx.form.project, other=other.source)


def _unit(ctx: FormContext) -> str:
    """Whose form it is, as duplicates are told apart (``dedupe.form_key``): its 实施单位, else 主管部门."""
    return _norm(ctx.form.unit or ctx.form.authority)


@rule("E4", "error", "汇总表的数字与各表合计不符",
      """已发布或单位报送的绩效自评情况汇总表（summarize --compare；review 读到的单位汇总表）中的项目数量、
      资金总量（应评价数 = Σ 全年预算数，已评价数 = Σ 全年执行数）和各等级项目数，应等于各张自评表的合计。""", cross=True)
def published_summary(_contexts: list[FormContext]) -> Iterator[tuple[int, Hit]]:
    """Reported by ``summary.compare_published`` (the 汇总表 is not a form); listed here so that
    its findings carry a code and severity of the catalogue (it used to borrow E3's)."""
    return iter(())

