"""G — 执行与完成情况是否相称 (issue 14, capability 4).

Money not spent and targets all met can both be true, but a reviewer asks why: an 执行率 below
100 % needs a reason somewhere on the form (a 偏差原因, the 实际完成情况 or the 说明); below the
profile's ``realism_rate`` (80 %) with every indicator at full marks or a summary that says
everything was done, the form claims more than the money shows; and a summary of "已完成"
beside deducted points contradicts itself. All are warnings: the form may be right.
"""

from __future__ import annotations

from typing import Iterator

from ...core.claims import claims_all_done, explains_unspent  # one reading of the form's words, shared with the reports
from ...core.numbers import pct, says_nothing, score_above, score_text
from ...errors import few_said
from . import FormContext, Hit, rule
from .funds import num, percent_left_out, rate_of, written_rate
from .scores import raised_to_full



@rule("G1", "warning", "执行率低于 100%，表中没有说明原因",
      """预算没有全部执行时，应在偏差原因分析、实际完成情况或说明中写明原因（如政府采购节约、项目延期、
      资金下达较晚、结余收回），否则评审无法判断是节约还是没有做。只写“无”“/”的，与空白相同。""", group="realism")
def unexplained_rate(ctx: FormContext) -> Iterator[Hit]:
    t = rate_of(ctx)
    form = ctx.form
    if (t is None or t >= 1 - 1e-9 or not says_nothing(form.remark)
            or any(not says_nothing(i.reason) for i in form.indicators)):
        return     # a 偏差原因 or a 说明 is written: a reviewer reads it; only silence is flagged (“无” is silence)
    if explains_unspent(form.goal_actual):
        return
    # the rate of the funds; the cell may show it rounded (88.00% for 88.09%, within A3's tolerance):
    # said where it shows another, or the item on that cell names a rate the 填报人 does not see there
    w = written_rate(form)
    shown_as = (f"（全年执行数 ÷ 全年预算数，表中为 {num(w, 6) if percent_left_out(form, t) else pct(w)}）"
                if isinstance(w, (int, float)) and pct(w) != pct(t) else "")
    yield Hit("exec_rate", f"执行率为 {pct(t)}{shown_as}，低于 100%，偏差原因分析、实际完成情况和说明中都没有写明原因",
              expected=f"在实际完成情况或说明中写明执行率 {pct(t)} 未达 100% 的原因", found=pct(t))


@rule("G2", "warning", "执行率低于 80%，指标得分或完成情况的说法与之不相称",
      """执行率不足 80%（可在校验规则设置中修改）而全部指标满分、或实际完成情况写“已完成”“全部完成”，
      钱花得少而目标都完成，二者难以同时成立。请核对实际完成值是否为本年度真实完成的数，或执行数是否漏记；
      确实如此的（如采购节约），在说明中写明。""", group="realism")
def low_rate_all_done(ctx: FormContext) -> Iterator[Hit]:
    form, limit = ctx.form, getattr(ctx.profile, "realism_rate", 0.8)
    t = rate_of(ctx)
    if t is None or t >= limit - 1e-9:
        return
    inds = [i for i in form.indicators if i.weight]
    full = bool(inds) and all(i.score is not None and not score_above(i.weight or 0, i.score) for i in inds)
    if claims_all_done(form.goal_actual):
        # G3 on the same cell (“已完成” while indicators lost points) is said here: one thing to rewrite
        short, names, lost = _deducted(ctx)
        yield Hit("goal_actual", f"执行率仅 {pct(t)}（低于 {pct(limit, trim=True)}），实际完成情况却写“{form.goal_actual}”"
                  + (f"，且 {len(short)} 个指标扣了分（{names}）" if short else ""),
                  expected=f"如实写明完成了什么、未完成什么"
                  + (f"（含未完全达到的指标及原因，共扣 {lost} 分）" if short else "") + f"，以及执行率仅 {pct(t)} 的原因",
                  found=form.goal_actual, folds=("G3",) if short else ())
    elif full:
        yield Hit("exec_rate", f"执行率仅 {pct(t)}（低于 {pct(limit, trim=True)}），{len(inds)} 个指标却全部满分",
                  expected=f"指标得分与执行率 {pct(t)} 相称，或在说明中写明原因", found=pct(t))


@rule("G3", "warning", "实际完成情况的说法与指标扣分矛盾",
      """年度总体目标的实际完成情况写“已完成”“全部完成”，而有指标得分低于分值，前后矛盾。请如实写明
      哪些目标完成、哪些没有完成及原因。""", group="realism")
def done_but_deducted(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    if not claims_all_done(form.goal_actual):
        return
    short, names, lost = _deducted(ctx)
    if short:
        yield Hit("goal_actual", f"实际完成情况写“{form.goal_actual}”，但 {len(short)} 个指标扣了分（{names}）",
                  expected=f"写明未完全达到的指标及原因（共扣 {lost} 分）", found=form.goal_actual)


def _deducted(ctx: FormContext) -> tuple[list, str, str]:
    """The indicators that lost points, the first three as “name”score/weight 分 (“ 等 7 个” after them where
    there are more: “7 个指标扣了分” named three), and the points lost;
    not one whose full marks D4 asks for (``raised_to_full``)."""
    form, raised = ctx.form, raised_to_full(ctx)
    short = [i for k, i in enumerate(form.indicators) if i.score is not None and i.weight is not None
             and score_above(i.weight, i.score) and k not in raised]
    names = few_said([f"“{i.name}”{num(i.score)}/{score_text(i.weight)}" for i in short], 3, "个")
    return short, names, num(sum((i.weight or 0) - (i.score or 0) for i in short))
