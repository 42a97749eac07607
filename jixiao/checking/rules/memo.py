"""What several rules work out about one form, worked out once per form (issue #18).

D4 asks whether another known profile explains a wrong score, D11 whether any profile or
reading does: both score the same wrong indicators under the 4 indicator profiles that the
32 known profiles reduce to. E1 and E3 compare the forms of a batch by their indicators'
names and targets written without whitespace. The results live in the form's ``FormContext.extra``.
"""

from __future__ import annotations

from ...forms.project import scoring
from . import FormContext

__all__ = ["indicator_texts", "squeezed", "under_known_profiles"]


def under_known_profiles(ctx: FormContext, i: int) -> tuple[scoring.IndicatorScore, ...]:
    """Indicator ``i`` scored under each of ``scoring.known_indicator_profiles()``, in that order."""
    memo = ctx.extra.get("under_known")
    if memo is None:
        memo = ctx.extra["under_known"] = {}
    got = memo.get(i)
    if got is None:
        ind = ctx.form.indicators[i]
        got = memo[i] = scoring.under_known_indicator_profiles(ind.target, ind.actual, ind.weight, ind.score,
                                                               name=ind.name, level2=ind.level2)
    return got


def squeezed(text: str | None) -> str:
    """``text`` without any whitespace: how the cross-form rules compare names and targets."""
    return "".join((text or "").split())


def indicator_texts(ctx: FormContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, targets) of the form's indicators, ``squeezed``; E1 and E3 both ask, for every form."""
    got = ctx.extra.get("indicator_texts")
    if got is None:
        inds = ctx.form.indicators
        got = ctx.extra["indicator_texts"] = (tuple(squeezed(i.name) for i in inds),
                                               tuple(squeezed(i.target) for i in inds))
    return got
