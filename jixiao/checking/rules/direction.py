"""D10 — a target written without ≥/≤/= whose direction the scorer inferred (issue 14, capability 1).

``jixiao.core.direction`` reads "采购费用 12 万元" under 成本指标 as a ceiling. That is a guess, so where
the two readings (ceiling, or "higher is better") give different scores and the form follows
neither the inferred one, this is a warning that shows both; D4 stays silent on such an
indicator. Where both readings agree, D4 judges the score as usual (an error if it is wrong).
"""

from __future__ import annotations

from typing import Iterator

from . import FormContext, Hit, rule
from ...core.numbers import scores_apart
from .funds import num, rounded, shown
from ...core.numbers import score_text
from .memo import misweighted, under_known_profiles
from .targets import values



@rule("D10", "warning", "未写方向的指标：两种理解的得分不同",
      """年度指标值没有写“≥”“≤”或“=”，从二级指标（成本、时效）或名称中的词（不超过、以内、控制在、降低、
      发生率、投诉……）看应是上限，按上限理解与按“越高越好”理解得分不同，而表中得分与按上限理解的不符。
      请照批复的绩效目标确认方向，再按相应的理解改正得分；下一年度设定目标时写明“≤”或“≥”。""",
      group="direction")
def inferred_direction(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        s = ctx.score.indicators[i]
        if not s.inferred or s.alt_score is None or ind.score is None:
            continue
        if not scores_apart(s.alt_score, s.score) or not scores_apart(ind.score, s.score):
            continue
        t = values(ctx)[i][0]      # a range (“3-5个工作日”): its upper end as a ceiling, or its lower end as a floor
        span, hi, lo = (True, t.upper().shown(), t.shown()) if t.high is not None else (False, "", "")
        yield Hit(f"indicators[{i}].score",
                  f"指标“{ind.name}”的年度指标值“{ind.target}”" + ("是一个区间，没有写按哪一端考核" if span else "没有写方向")
                  + f"；{s.inferred}，按上限（≤{hi}）理解应得 {score_text(s.score)}，按越高越好（≥{lo}）理解应得 "
                  f"{score_text(s.alt_score)}，表中为 {score_text(ind.score)}",
                  expected=f"{num(s.score)}（按 ≤ 理解）或 {num(s.alt_score)}（按 ≥ 理解）", found=shown(ind.score))


def certain_score(ctx: FormContext, i: int) -> float | None:
    """The indicator's score where every reading and profile agrees it is wrong, else the written one.

    What D4 reports as an error is certain; a score another profile, another reading of the
    direction or an actual with words around its number explains is left as written.
    """
    ind, s = ctx.form.indicators[i], ctx.score.indicators[i]
    if ind.score is None:
        return s.score
    if not s.computed or not scores_apart(ind.score, s.score) or s.uncertain:
        # “完成” where a number belongs: the scorer holds it to the 分值 only (``scoring.UNTIERED_KINDS``)
        return rounded(ind.score) if not s.clamped else s.score
    if i in misweighted(ctx):  # its 分值 is to change (B1), not its 得分
        return rounded(ind.score)
    if s.inferred and s.alt_score is not None and not scores_apart(s.alt_score, ind.score):
        return ind.score
    for alt in under_known_profiles(ctx, i):  # any profile: the 4 that score an indicator apart
        if not scores_apart(alt.score, ind.score) or (
                alt.alt_score is not None and not scores_apart(alt.alt_score, ind.score)):
            return ind.score
    return s.score
