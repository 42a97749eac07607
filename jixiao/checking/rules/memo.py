"""What several rules work out about one indicator, worked out once per form (issue #18).

D4 asks whether another known profile explains a wrong score, D11 whether any profile or
reading does: both score the same wrong indicators under the 4 indicator profiles that the
32 known profiles reduce to. The results live in the form's ``FormContext.extra``.
"""

from __future__ import annotations

from ...forms.project import scoring
from . import FormContext

__all__ = ["under_known_profiles"]


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
