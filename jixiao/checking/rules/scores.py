"""D — 得分与总分.

The written 得分 are checked against what ``jixiao.forms.project.scoring`` computes under the selected
profile. A computed score that differs is an error only when no known profile explains it:
a form filled under a province's 60% rule is not wrong, just scored by another rule, so that
is a warning naming the rule. Qualitative scores are the filler's judgement within the tier
their wording claims; only a score outside that tier is wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from ...forms.project import scoring
from ...core.profiles import Profile, known_profiles
from ...core.numbers import pct, score_text
from ...core.values import parse_value
from . import FormContext, Hit, deferred, rule
from ...core.numbers import says_nothing, score_above, scores_apart
from .funds import exec_counted, num, rounded, shown
from .memo import misweighted, under_known_profiles
from .table import blank_score_todo, cleared_hits, reason_hits, text_left_out, written_sum   # at import, not per form (issue #18)

REASON_COLUMN = "偏差原因分析及改进措施"  # the project form's column for why an indicator fell short

EPS = 1e-9
_WRITTEN_TAIL = re.compile(r"（表中填 [^（）]*分）$")


def _ind(ctx: FormContext, i: int):
    return ctx.score.indicators[i]


def raised_to_full(ctx: FormContext) -> frozenset[int]:
    """The indicators whose written 得分 is below the 分值 while the scoring rules, without doubt,
    give full marks — D4 asks the department to raise them (“节约不算未完成，得满分”): no deduction
    to explain (D6) and none to weigh against “已完成” (G2, G3); the notice said both. Once per form."""
    got = ctx.extra.get("raised_to_full")
    if got is None:
        out = set()
        for i, ind in enumerate(ctx.form.indicators):
            if ind.score is None or ind.weight is None or not score_above(ind.weight, ind.score):
                continue
            s = _ind(ctx, i)
            doubtful = s.uncertain or (s.inferred and s.alt_score is not None
                                       and scores_apart(s.alt_score, s.score))
            if s.computed and not doubtful and not score_above(ind.weight, s.score):
                out.add(i)
        got = ctx.extra["raised_to_full"] = frozenset(out)
    return got


@rule("D1", "error", "得分超过分值",
      """每个指标的得分最高等于其分值，超额完成也不加分（超额较多的应在偏差原因分析中说明）。
      请按评分规则把得分改为不超过分值的数，并相应修改总分。""")
def score_above_weight(ctx: FormContext) -> Iterator[Hit]:
    wrong_weight = misweighted(ctx)
    for i, ind in enumerate(ctx.form.indicators):
        if i in wrong_weight:  # the 分值 is the mistake (B1 names it): the 得分 is right under the 分值 it should be
            continue
        if ind.score is not None and ind.weight is not None and score_above(ind.score, ind.weight):
            yield Hit(f"indicators[{i}].score", f"指标“{ind.name}”的得分应不超过分值 {score_text(ind.weight)}，表中为 {score_text(ind.score)}",
                      expected=rounded(ind.weight), found=shown(ind.score))


@rule("D2", "error", "得分为负数",
      """得分最低为 0 分，不能为负数：完成情况再差也只扣到 0 分为止（含按地方办法的偏差扣分）。
      请按评分规则重新计算得分，并相应修改总分。""")
def score_negative(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if ind.score is not None and ind.score < -EPS:
            yield Hit(f"indicators[{i}].score", f"指标“{ind.name}”的得分应不小于 0 分，表中为 {score_text(ind.score)}",
                      expected=0, found=shown(ind.score))


@rule("D3", "error", "得分未填",
      """每个指标都必须填写得分，没有完成的填 0 并在偏差原因分析中说明原因，否则总分无从计算、
      评审也无法判断完成情况。请按评分规则填写得分。""")
def score_blank(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if ind.score is None:
            s = _ind(ctx, i)
            hint = f"，按评分规则应为 {score_text(s.score)}" if s.computed else ""
            yield Hit(f"indicators[{i}].score", f"指标“{ind.name}”的得分未填写{hint}，表中为空白",
                      expected=rounded(s.score) if s.computed else blank_score_todo(REASON_COLUMN), found=None)


@rule("D4", "error", "定量指标得分与评分规则不符",
      """定量指标的得分按年度指标值的方向计算：正向指标达到或超过指标值得满分，未达到按完成率
      （完成值 ÷ 指标值）× 分值；反向指标（成本、时限）不超过指标值得满分，节约不是未完成，超出按超出
      比例扣分。请按评分依据重新计算得分。若本省规定了其他评分办法（如 60% 规则），请选用相应的评分方案。""")
def computed_score(ctx: FormContext) -> Iterator[Hit]:
    wrong_weight = misweighted(ctx)
    for i, ind in enumerate(ctx.form.indicators):
        s = _ind(ctx, i)
        if not s.computed or ind.score is None or not scores_apart(ind.score, s.score):
            continue
        if s.inferred and s.alt_score is not None and scores_apart(s.alt_score, s.score):
            continue   # the readings of an undirected target disagree: D10 shows both (rules/direction.py)
        if i in wrong_weight:
            continue   # right under the 分值 that makes the sum 100: B1 asks for that 分值, not another 得分
        field = f"indicators[{i}].score"
        basis = _WRITTEN_TAIL.sub("", s.basis)
        # a 得分 above its 分值 is said here, with the 得分 to type: D1's “应不超过” on the same cell taken in
        over = ind.weight is not None and score_above(ind.score, ind.weight)
        head = (f"指标“{ind.name}”的得分应为 {score_text(s.score)}，表中为 {score_text(ind.score)}"
                + (f"，超过了分值 {score_text(ind.weight)}" if over else "") + f"。评分依据：{basis}")
        # a score lowered below its 分值 with no reason written: D6 would ask for one once it is typed (the next
        # 校验); said now, in one round (a score over the 分值 or at it is no deduction D6 sees yet)
        if (ind.weight is not None and score_above(ind.weight, s.score) and not score_above(ind.weight, ind.score)
                and says_nothing(ind.reason)):
            head += (f"；改为 {score_text(s.score)}后扣了 {score_text(ind.weight - s.score)}，"
                     f"还应在“{REASON_COLUMN}”中写明原因")
        folds = ("D1",) if over else ()
        if s.uncertain:
            yield Hit(field, head,
                      expected=rounded(s.score), found=shown(ind.score), severity="warning", folds=folds)
            continue
        # the first other known profile that explains the score; each of the 4 indicator profiles they
        # reduce to is tested once (issue #18)
        explains = tuple([not scores_apart(alt.score, ind.score) for alt in under_known_profiles(ctx, i)])
        other = _first_other(explains, ctx.profile.name) if any(explains) else None
        if other is not None:
            yield Hit(field, head + f"。表中得分与评分方案“{other.name}”的结果一致，如本地执行该办法，请选用该方案",
                      expected=rounded(s.score), found=shown(ind.score), severity="warning", folds=folds)
        else:
            yield Hit(field, head, expected=rounded(s.score), found=shown(ind.score), folds=folds)


@lru_cache(maxsize=256)
def _first_other(explains: tuple[bool, ...], name: str) -> Profile | None:
    """The first of ``known_profiles()`` not named ``name`` whose indicator profile (by its index in
    ``scoring.known_indicator_profiles()``) is one that ``explains``. Kept per answer: D4 asks for every
    wrong score, and there are at most 16 patterns of 4 indicator profiles (issue #18)."""
    return next((p for p, k in zip(known_profiles(), scoring.known_profile_classes()) if explains[k] and p.name != name),
                None)


# kinds whose 完成值 is a number: a word there (“完成”) is C5's to replace, not a tier D5 holds the score to
UNTIERED_KINDS = scoring.UNTIERED_KINDS


def worded_tier(ind) -> tuple[str, float, float, bool] | None:
    """The tier the actual's wording claims, as (label, low, high) in points, and whether the target's comparison
    set it (``scoring.worded``); the scorer decides it."""
    code, compared = scoring.worded(parse_value(ind.actual), parse_value(ind.target))
    if code is None:
        return None
    lo, hi, label = scoring.TIERS[code]
    w = ind.weight or 0
    return label, lo * w, hi * w, compared


@rule("D5", "error", "定性指标得分不在其完成情况对应的档次内",
      """定性指标由填报人按档次打分：全部或基本达成的得分值的 80%–100%（含 80%），部分达成并具有一定
      效果的得 60%–80%（含 60%），未达成且效果较差的得 0–60%。实际完成值写“显著提升”“已完成”而得分
      不足 80%，或写“未完成”而得分在 60% 以上，都前后矛盾：请改得分或如实改写完成情况。""")
def qualitative_tier(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        s = _ind(ctx, i)
        if s.computed or not s.clamped or ind.score is None or not ind.weight or s.kind in UNTIERED_KINDS:
            continue
        tier = worded_tier(ind)
        if tier is None:          # no wording to hold it to: D1/D2 report a score outside 0–分值
            continue
        label, lo, hi, compared = tier
        against = f"对指标值“{ind.target}”" if compared else ""
        yield Hit(f"indicators[{i}].score",
                  f"指标“{ind.name}”的实际完成值“{ind.actual}”{against}属“{label}”档，得分应在 {num(lo)}–{score_text(hi)}之间"
                  f"（分值 {score_text(ind.weight)}的 {pct(lo / ind.weight, places=0)}–{pct(hi / ind.weight, places=0)}），"
                  f"表中为 {score_text(ind.score)}",
                  expected=f"{num(lo)}–{num(hi)}", found=shown(ind.score))


@rule("D6", "error", "扣分的指标没有写偏差原因",
      """得分低于分值的指标，必须在“偏差原因分析及改进措施”栏写明未完成的原因和下一步的改进措施，
      否则评审无法判断扣分是否合理。只写“无”“/”“暂无”的，与空白相同。""")
def missing_reason(ctx: FormContext) -> Iterator[Hit]:
    yield from reason_hits(ctx.form.indicators, REASON_COLUMN, "未完成的原因和下一步的改进措施",
                           skip=raised_to_full(ctx))


def summed_scores(form: Any) -> tuple[Any, ...]:
    """What the template's 总分 formula ``SUM(H7,H14:H33)`` adds: the 执行率得分 and the indicators' scores as the
    sheet holds them (a cleared 执行率得分 blank)."""
    return (form.exec_score, *(i.score for i in form.indicators))


@rule("D7", "error", "总分与各项得分之和不符",
      """总分 = 执行率得分 + 全部三级指标得分之和。请按各项得分重新合计；若某项得分改了，总分也要跟着改。
      总分格是本模板的公式而得分写成了文字（“2.5分”，公式未计入）时，把该得分改为数字即可，总分随之自动重新合计，
      不要在总分格中键入数字。总分格被清空（既没有公式也没有数字）时，写明应为多少：请填入，或从模板复制公式。""")
def total_score_adds_up(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    if form.total_score is None:
        # cleared by hand (no formula, no value): blank on the sheet, and nothing fills it (s68, as F6 and V5)
        yield from cleared_hits(ctx.extra.get("cleared") or (), {"total_score": ("总分", written_sum(summed_scores(form)))})
        return
    es = exec_counted(ctx)
    inds = sum(i.score or 0 for i in form.indicators)
    want = es + inds
    if scores_apart(form.total_score, want):
        totals = _totals()
        fixed = totals.corrected(ctx).total
        if scores_apart(fixed, want) and not scores_apart(fixed, form.total_score):
            # the 总分 is already what the scores add up to once the wrong ones are put right (a score typed
            # over as 12 above its 分值 10, the 总分 left at the sum with 8.24): “总分应为 99.41” would have the
            # department type the wrong sum over a right 总分, and the next round find it wrong again
            return
        # a blank 执行率得分 is said after the sum, not in a （） inside its （） (GB/T 15834); without a
        # budget there is no rate to compute it from: it counts as 0, as the scorer says (_exec_basis)
        src = ("" if form.exec_score is not None else
               "；执行率得分表中未填，单元格中没有公式，按 0 分计" if ctx.extra.get("exec_cleared") else
               f"；执行率得分表中未填，按执行率计算为 {score_text(es, computed=True)}" if ctx.score.exec_score is not None else
               "；执行率得分表中未填，全年预算数为空或为 0，无法计算执行率，按 0 分计")
        texts = ctx.extra.get("text_scores") or ()
        left_out = text_left_out(form.total_score, want, texts)
        # the template's SUM left a score typed as text out: making it a number is the fix, and the formula
        # 总分 follows — “总分应为 99.25” on it asked for a number typed over the formula
        fix = f"；{totals.formula_fix('', texts=texts)}" if left_out and totals.total_is_formula(ctx) else ""
        yield Hit("total_score",
                  f"总分{'将为' if fix else '应为'} {score_text(want, computed=True)}（执行率得分 {score_text(es, computed=True)} + 指标得分合计 {score_text(inds)}），"
                  f"表中为 {score_text(form.total_score, computed=True)}"
                  f"{left_out}{src}{fix}",
                  expected=rounded(want), found=shown(form.total_score), expected_is_formula=bool(fix))


# D11's ``corrected``, ``formula_fix``, ``total_is_formula``, which D7 asks of a wrong 总分: ``totals`` registers its
# rules after this module's (the catalogue's order), so it is imported when first asked
_totals = deferred("totals")
