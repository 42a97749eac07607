"""What several rules work out about one form, worked out once per form (issue #18).

D4 asks whether another known profile explains a wrong score, D11 whether any profile or
reading does: both score the same wrong indicators under the 4 indicator profiles that the
32 known profiles reduce to. E1 and E3 compare the forms of a batch by their indicators'
names and targets written without whitespace. The results live in the form's ``FormContext.extra``.
"""

from __future__ import annotations

from ...forms.project import scoring
from . import FormContext

__all__ = ["indicator_texts", "misweighted", "squeezed", "under_known_profiles"]


def under_known_profiles(ctx: FormContext, i: int) -> tuple[scoring.IndicatorScore, ...]:
    """Indicator ``i`` scored under each of ``scoring.known_indicator_profiles()``, in that order."""
    memo = ctx.extra.get("under_known")
    if memo is None:
        memo = ctx.extra["under_known"] = {}
    got = memo.get(i)
    if got is None:
        ind = ctx.form.indicators[i]
        got = memo[i] = scoring.under_known_indicator_profiles(ind.target, ind.actual, ind.weight, ind.score,
                                                               name=ind.name, level2=ind.level2, year=ctx.form.year)
    return got


def misweighted(ctx: FormContext) -> dict[int, float]:
    """{indicator: the 分值 its written 得分 was given under}, for the one indicator whose 分值 makes the
    分值 add up to other than 100 while its 得分 is what the rules give under the 分值 that would make them
    100 (an indicator typed 20 for 10 and scored as 10 of 10): the 分值 is the mistake, not the 得分.
    Without it D4 asked for 20 (“得分应为 20，表中为 10”), a fix that made the form worse, beside B1
    saying the sum is 110. B1 then names that 分值, and D1, D4 and D11 leave its 得分 be. Empty
    when the 分值 add up, or when no indicator, or more than one, explains the sum — unless two or
    three explain it together (``_misweighted_together``). Once per form."""
    got = ctx.extra.get("misweighted")
    if got is None:
        got = ctx.extra["misweighted"] = _misweighted(ctx)
    return got


def _misweighted(ctx: FormContext) -> dict[int, float]:
    from ...core.numbers import SCORE_TOL, scores_apart
    from .weights import FULL, adds_to_100, weight_sum

    total = weight_sum(ctx.form)
    if total is None or adds_to_100(total):
        return {}
    excess = total - FULL
    found: dict[int, float] = {}
    for i, ind in enumerate(ctx.form.indicators):
        s = ctx.score.indicators[i]
        if ind.score is None or ind.weight is None or not s.computed or s.uncertain \
                or not scores_apart(ind.score, s.score) or ind.weight - excess <= SCORE_TOL:
            continue
        right = ind.weight - excess
        under = scoring.score_indicator(ind.target, ind.actual, right, None, ctx.profile, name=ind.name,
                                        level2=ind.level2, year=ctx.form.year)
        if under.computed and not under.uncertain and not scores_apart(under.score, ind.score):
            found[i] = right
    if len(found) == 1:
        return found
    return {} if found else _misweighted_together(ctx, excess)


def _misweighted_together(ctx: FormContext, excess: float) -> dict[int, float]:
    """Two or three indicators whose 分值 together make the sum other than 100, each 得分 what the
    rules give under a 分值 that would make it 100 (two typed 20 for 10, and 15 for 5, scored as 10
    and 5): each one's 分值 is then the mistake, as for one (stop 42 left two to the plain B1, and D4
    asked for 得分 under the wrong 分值). A score scales with its 分值 under every profile, so the
    分值 a 得分 was given under is 分值 × 得分 ÷ the rules' 得分, taken only on a half point and
    checked by scoring it again; the set is named only where exactly one adds up to the excess."""
    from itertools import combinations

    from ...core.numbers import SCORE_TOL, scores_apart

    named: list[tuple[int, float, float]] = []   # (indicator, its 分值 as scored, how much the written one is over)
    for i, ind in enumerate(ctx.form.indicators):
        s = ctx.score.indicators[i]
        if ind.score is None or ind.weight is None or not s.computed or s.uncertain \
                or not scores_apart(ind.score, s.score) or s.score <= SCORE_TOL:
            continue
        right = ind.weight * ind.score / s.score
        half = round(right * 2) / 2
        if scores_apart(right, half) or half <= 0 or (ind.weight - half) * excess <= 0:
            continue
        under = scoring.score_indicator(ind.target, ind.actual, half, None, ctx.profile, name=ind.name,
                                        level2=ind.level2, year=ctx.form.year)
        if under.computed and not under.uncertain and not scores_apart(under.score, ind.score):
            named.append((i, half, ind.weight - half))
    if len(named) > 8:
        return {}   # many scores off under their 分值: a scoring mistake, not two slips of the 分值
    sets = [c for k in (2, 3) for c in combinations(named, k) if not scores_apart(sum(d for _i, _w, d in c), excess)]
    return {i: w for i, w, _d in sets[0]} if len(sets) == 1 else {}


_SQUEEZED: dict[str, str] = {}


def squeezed(text: str | None) -> str:
    """``text`` without any whitespace: how the cross-form rules compare names and targets. Remembered
    by text: a batch's forms repeat their indicator names and targets (“社会公众满意度”, “≥90%”), and the
    cross-form rules squeeze every form's in the main process after the pool — 218,000 texts, ~0.1 s of
    its serial tail for 10,000 forms, against ~0.02 s looked up (issue #18)."""
    if not text:
        return ""
    got = _SQUEEZED.get(text)
    if got is None:
        if len(_SQUEEZED) >= 1 << 16:
            _SQUEEZED.clear()
        got = _SQUEEZED[text] = "".join(text.split())
    return got


def indicator_texts(ctx: FormContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, targets) of the form's indicators, ``squeezed``; E1 and E3 both ask, for every form."""
    got = ctx.extra.get("indicator_texts")
    if got is None:
        inds = ctx.form.indicators
        got = ctx.extra["indicator_texts"] = (tuple(squeezed(i.name) for i in inds),
                                               tuple(squeezed(i.target) for i in inds))
    return got
