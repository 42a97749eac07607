"""D11, D12 — the 总分 and 等级 that follow from corrected scores (issue 14, capability 2); D13 — a
等级 the form states beside its 总分.

D7 checks that the 总分 adds up the scores as written. When a score itself is wrong (D4, D5,
A4), the 总分 and 等级 that follow are wrong too, though they add up: D11 states on the 总分
cell what they become once the certain mistakes are corrected. Only certain corrections count
(``direction.certain_score``): a score another profile or reading explains stays as written.
A 总分 above 100 is never a grade (D12), whatever the bands say. Our template grades the 总分 by
formula, and a grade typed over that formula is kept (``forms.project.typed``); another county's
layout may write its own “自评等级”, which the reader keeps (D13).
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ...core.grades import NO_GRADE, above_max
from ...core.numbers import pct, score_text
from ...core.rates import exec_score as exec_score_of
from ...forms.project.scoring import grade
from . import FormContext, Hit, rule
# RECOMPUTES, formula_fix: the one wording of a formula total, F12's and V8's too (``table``)
from .table import RECOMPUTES, cleared_grade_hits, formula_fix, grade_hits, made_numbers, text_left_out, texts_besides
from .direction import certain_score
from .memo import misweighted
from ...core.numbers import scores_apart
from .funds import (RATE_TOL, exec_counted, follows_written_rate, num, rate_beyond_funds, rate_of, rounded, shown, written_rate,
                    yuan_rate)
from .weights import weight_sum
from .scores import summed_scores
from ...core.quotes import quoted_series

EPS = 1e-9


OVER = "超过 100，不能评定等级"  # a 总分 above 100 (D12): said in place of its grade


def grade_of(total: float, ctx: FormContext) -> str:
    """The grade a 总分 earns under the profile, or ``OVER`` above 100 (D12): words that stand
    inside a pair of （） as they are, without a pair of their own (GB/T 15834)."""
    g = grade(total, ctx.profile)
    return OVER if g == NO_GRADE else g


def _graded(total: float, ctx: FormContext) -> str:
    """“等级优”, or ``OVER``: what a message says of a 总分's grade."""
    g = grade_of(total, ctx)
    return "超过 100 分，不能评定等级" if g == OVER else f"等级{g}"


def _certain_exec_score(ctx: FormContext) -> float | None:
    form, t, w = ctx.form, rate_of(ctx), ctx.form.funds_weight
    if t is None or w is None:
        return form.exec_score
    want = exec_score_of(rate=t, weight=w)
    if want is None:
        return form.exec_score
    yr = yuan_rate(ctx)
    if yr is not None and ctx.score.exec_score is not None:
        # a figure in 元 (A5, A16): the 复核's score, of the rate read in 万元 (``core.rates.wan_rate``), as A4
        # says — the 总分 once the 元 is put right, also where the 执行率得分 follows the funds as written (the
        # formula's; A4 leaves it be, it follows); the 汇总表's 复核得分 is then D11's 总分 (s64)
        return ctx.score.exec_score
    if form.exec_score is None or not scores_apart(form.exec_score, want):
        return want if form.exec_score is None else form.exec_score
    if follows_written_rate(form):
        wr = written_rate(form)
        # from the rate rounded to a whole percent: A9's warning, not a certain mistake; or from funds
        # that are to change first (A5, A3): no certain score yet
        if (isinstance(wr, (int, float)) and abs(wr - t) <= RATE_TOL + EPS) or rate_beyond_funds(ctx):
            return form.exec_score
    return want


class Corrected(NamedTuple):
    """D11's sums, worked out once (``corrected``) for the rule and for the 校验报告, which sets the
    复核得分 beside them and says why they differ — from these parts, not from D11's wording. A
    named tuple: made for every form, where a frozen dataclass cost more than the sums (issue #18)."""

    exec_written: float     # the 执行率得分 as written (blank: the scorer's)
    exec_certain: float     # ... once certainly wrong (``_certain_exec_score``)
    written_sum: float      # 执行率得分 + 指标得分 as written
    scores: tuple[float | None, ...]  # each indicator's certain score (``direction.certain_score``)
    total: float            # the 总分 once the certain mistakes are corrected: D11's “应为”

    @property
    def exec_as_written(self) -> bool:
        """D11 leaves the 执行率得分 as written: right, or worked out from funds that are to change first."""
        return not scores_apart(self.exec_certain, self.exec_written)


def corrected(ctx: FormContext) -> Corrected:
    """The parts of D11 (``Corrected``), once per form."""
    got = ctx.extra.get("corrected")
    if got is None:
        form, sc = ctx.form, ctx.score
        es_written = exec_counted(ctx)
        written_sum = es_written + sum(i.score or 0 for i in form.indicators)
        es = _certain_exec_score(ctx) or 0
        fixed = tuple(certain_score(ctx, i) for i in range(len(form.indicators)))
        got = ctx.extra["corrected"] = Corrected(es_written, es, written_sum, fixed, round(es + sum(f or 0 for f in fixed), 4))
    return got


def warned(ctx: FormContext) -> tuple[tuple[int, ...], float]:
    """(the indicators the 复核 scores otherwise though only a warning asks it — D8, D10 —, the 总分 of
    ``corrected`` with their scores too: the 复核得分 but for a 执行率得分 kept). Asked only where D11
    speaks and by the 校验报告, not for every form (issue #18)."""
    c, form, sc = corrected(ctx), ctx.form, ctx.score
    asked = tuple(i for i, (ind, s, f) in enumerate(zip(form.indicators, sc.indicators, c.scores))
                  if s.computed and ind.score is not None and f is not None
                  and not scores_apart(f, ind.score) and scores_apart(s.score, ind.score))
    if asked:   # a 分值 B1 names is to change, not its 得分
        wrong_weight = misweighted(ctx)
        asked = tuple(i for i in asked if i not in wrong_weight)
    return asked, (round(c.total + sum(sc.indicators[i].score - (c.scores[i] or 0) for i in asked), 4) if asked else c.total)


def _which(ctx: FormContext, asked: tuple[int, ...], also: str) -> str:
    """“若“设备正常使用年限”的得分{also}按该项提示改为 1.67” — or “若“A”“B”的得分{also}按各项提示改正”."""
    inds, scores = ctx.form.indicators, ctx.score.indicators
    if len(asked) == 1:
        (i,) = asked
        return f"若“{inds[i].name}”的得分{also}按该项提示改为 {score_text(rounded(scores[i].score))}"
    names = quoted_series(inds[i].name for i in asked[:3]) + ("等" if len(asked) > 3 else "")
    return f"若{names}的得分{also}按各项提示改正"


def _asked_too(ctx: FormContext) -> str:
    """“；若“设备正常使用年限”的得分也按该项提示改为 1.67，总分为 66.67，等级中”: the 总分 with the scores a
    warning asks to change too — the 复核得分 of the 汇总表, which a reviewer sets beside this notice."""
    asked, with_asked = warned(ctx)
    if not asked or not scores_apart(with_asked, corrected(ctx).total):
        return ""
    return f"；{_which(ctx, asked, '也')}，总分为 {score_text(with_asked, computed=True)}，{_graded(with_asked, ctx)}"


def _only_warned(ctx: FormContext, c: Corrected) -> Iterator[Hit]:
    """The 总分 adds up and no certain mistake changes it, but scores a warning asks to change (D8, D10)
    do: D11's warning (D14, ``variants``) says what the 总分 and 等级 then become — the 复核得分 of the 汇总表, which
    otherwise stood beside an unexplained 自评得分 (reviewer QA, stop 45: 11 of the county inbox's 500
    projects, “100” against “96.67”). Asked only where the 复核's total differs from the written one
    (``warned`` is not worked out for every form: issue #18)."""
    written = ctx.form.total_score
    if written is None or not scores_apart(ctx.score.total, written):
        return
    asked, with_asked = warned(ctx)
    if not asked or not scores_apart(with_asked, c.total):
        return
    # a formula 总分 follows the scores once they change: “总分应为 96.67” on it asked for a number typed over it
    formula = total_is_formula(ctx)
    yield Hit("total_score",
              # “应为”: the notice and the marked copy then add no second “应为” after it (``core.expected``)
              f"{_which(ctx, asked, '')}，总分{'将为' if formula else '应为'} {score_text(with_asked, computed=True)}，{_graded(with_asked, ctx)}；"
              f"表中总分为 {score_text(written, computed=True)}（{_graded(written, ctx)}），请核实"
              # one request at the end, after a comma: the 通知 ends it “，如无误可说明理由” (``notices.verify_ask``)
              + (f"，需改正的{formula_fix()}" if formula else ""),
              expected=f"{num(with_asked)}（{grade_of(with_asked, ctx)}）", found=shown(written),
              severity="warning", expected_is_formula=formula)


def total_is_formula(ctx: FormContext) -> bool:
    """The 总分 cell holds our template's formula (the look-up ``run._rule_contexts`` leaves for a sheet
    of our template, made once and only when asked: the workbook's formulas are read for it, issue #18).
    False for a form of another layout or as JSON, whose 总分 its 填报人 typed."""
    got = ctx.extra.get("total_formula")
    if callable(got):
        got = ctx.extra["total_formula"] = bool(got())
    return bool(got)


def _cells(ctx: FormContext, paths: list[str]) -> list[str]:
    """The cells of ``paths`` the form names (none of a form as JSON)."""
    at = ctx.extra.get("cell")
    return [c for c in (at(p) for p in paths) if c] if at is not None else []


def first_fix(ctx: FormContext, formula: bool, then: str = "") -> str:
    """What to do first where the 总分 is above 100 (D11, D12): the 分值 to make add up to 100, or the
    得分 above their 分值. ``formula``: the 总分 cell is our template's formula, which follows them — the
    cells to change are named and the 总分 is left be; a 总分 typed is typed again, once they are right."""
    form = ctx.form
    ws = weight_sum(form)
    if ws is not None and above_max(ws):
        if not formula:
            return "请先把分值合计改为 100 分，再按改正后的得分重新合计"
        named = misweighted(ctx)
        cells = _cells(ctx, [f"indicators[{i}].weight" for i in named])
        if named and len(cells) == len(named):
            where = "、".join(f"{c} 改为 {score_text(w)}" for c, w in zip(cells, named.values()))
        else:   # no one 分值 explains the sum (B1 says so): the column, and what it adds up to now
            col = "".join(ch for ch in (_cells(ctx, ["indicators[0].weight"]) or [""])[0] if ch.isalpha())
            where = f"{col + ' 列' if col else '各项'}分值现合计 {score_text(ws)}"
        return f"请先把分值合计改为 100 分（{where}）{then}，{RECOMPUTES}"
    if not formula:
        return "请先把超过分值的得分改为不超过分值，再重新合计"
    above = [f"indicators[{i}].score" for i, ind in enumerate(form.indicators)
             if ind.score is not None and ind.weight is not None and scores_apart(ind.score, ind.weight)
             and ind.score > ind.weight]
    cells = _cells(ctx, above)
    return f"请先把超过分值的得分改为不超过分值{'（' + '、'.join(cells) + '）' if cells else ''}{then}，{RECOMPUTES}"


@rule("D11", "error", "得分改正后，总分和等级随之改变",
      """某项指标得分或执行率得分有误时，由它们相加的总分、由总分评定的等级也随之有误，即使总分与表中各项
      相加一致。请按各项改正后的得分重新合计总分，并按 优 ≥ 90、良 ≥ 80、中 ≥ 60、差 < 60（或本地的等级
      分段）重新评定等级。只作警告的得分（可由另一种理解或评分方案解释）不计入；它们也改正时的总分另行写明
      （只有它们改变总分时见 D14）。总分格是本模板的公式时，改正各项得分即可，总分随之自动重新合计，不要在总分格中键入数字。""",
      group="totals")
def corrected_total(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    if form.total_score is None:
        return
    c = corrected(ctx)
    es_written, es, written_sum, total = c.exec_written, c.exec_certain, c.written_sum, c.total
    if not scores_apart(total, written_sum) or not scores_apart(total, form.total_score):
        # the certain fixes leave the 总分 as it is: a warned score may still change it, where the 总分
        # adds up (else D7 gives the one value to type on this cell)
        if not scores_apart(form.total_score, written_sum) and not scores_apart(total, written_sum):
            yield from _only_warned(ctx, c)
        return
    changed = []  # each change a clause of its own: nothing inside them takes a （） of its own (GB/T 15834)
    if not c.exec_as_written:
        rate, yr = rate_of(ctx), yuan_rate(ctx)
        if yr is not None:
            rate = yr[0]
        was = "空白" if form.exec_score is None and ctx.extra.get("exec_cleared") else score_text(es_written, computed=True)
        changed.append(f"执行率得分 {was} → {score_text(es, computed=True)}" + (f"，按执行率 {pct(rate)}" if rate is not None else "")
                       + (f"，{yr[1]}" if yr is not None else ""))
    moved = [i for i, (ind, f) in enumerate(zip(form.indicators, c.scores))
             if f is not None and (ind.score is None or scores_apart(ind.score, f))]
    changed += [f"“{form.indicators[i].name}”{score_text(form.indicators[i].score)} → {score_text(c.scores[i])}" for i in moved]
    # a 总分 that does not add up the scores as written either (D7): said here, where the sum that
    # counts is, and D7's “应为” of the as-written sum taken in — one cell, one value to type
    unsummed = scores_apart(form.total_score, written_sum)
    # the template's SUM short of the scores typed as text: they are to be made numbers too, or the 总分 it
    # follows stays short of the one said (“请把上述得分改为改正后的分数” alone left H15's “10分” out)
    texts = ctx.extra.get("text_scores") or ()
    left_out = text_left_out(form.total_score, written_sum, texts) if unsummed else ""
    texts = texts_besides(texts, _cells(ctx, [f"indicators[{i}].score" for i in moved])) if left_out else ()
    # a 总分 above 100, written or corrected, is said here too, with what to do first: D12's “≤ 100” taken in
    over = above_max(total)
    formula = total_is_formula(ctx)
    if over:
        numbers = f"，把{made_numbers(texts)}" if texts else ""
        then = f"；{first_fix(ctx, formula, '，再改正上述得分' + numbers)}"
    else:   # the template's 总分 follows the scores: what to change is they, not the 总分 (“应为” on it asked to type it)
        then = f"；{formula_fix(texts=texts)}" if formula else ""
    yield Hit("total_score",
              f"改正得分后（{'；'.join(changed)}），总分{'将为' if formula else '应为'} {score_text(total, computed=True)}，{_graded(total, ctx)}；"
              f"表中总分为 {score_text(form.total_score, computed=True)}（{_graded(form.total_score, ctx)}）"
              + (f"，也不等于表中各项得分之和 {score_text(written_sum, computed=True)}" + left_out if unsummed else "")
              + then
              + _asked_too(ctx),
              expected=f"{num(total)}（{grade_of(total, ctx)}）", found=shown(form.total_score), expected_is_formula=formula,
              folds=(("D7",) if unsummed else ()) + (("D12",) if over or above_max(form.total_score) else ()))


@rule("D12", "error", "总分超过 100",
      """总分满分 100：执行率得分与各指标得分之和超过 100，说明分值合计超过了 100 或得分超过了分值。这样的
      总分不能评定等级（不能因此评为“优”）：请先把分值合计改为 100、得分改为不超过分值，再重新合计（总分格是本模板的
      公式时随之自动重新合计，不要在总分格中键入数字）。""",
      group="totals")
def total_above_100(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    if form.total_score is None:
        return
    # the scores as written adding up above 100 too: D7's “总分应为 110” would be a second value for the
    # cell, and one that cannot be graded either — said here, and D7 taken in
    written = exec_counted(ctx) + sum(i.score or 0 for i in form.indicators)
    unsummed = scores_apart(form.total_score, written) and above_max(written)
    also = f"，也不等于表中各项得分之和 {score_text(written, computed=True)}" if unsummed else ""
    folds = ("D7",) if unsummed else ()
    if above_max(form.total_score):
        # the template's formula adds 分值 or 得分 that are wrong: they are what to change (“≤ 100” on the
        # cell asked for a number typed over it)
        fix = f"；{first_fix(ctx, True)}" if total_is_formula(ctx) else ""
        yield Hit("total_score", f"总分最高为 100 分，表中为 {score_text(form.total_score, computed=True)}，不能评定等级{also}{fix}",
                  expected="≤ 100（分值合计 100，各项得分不超过分值）", found=shown(form.total_score), folds=folds)
    elif above_max(ctx.score.total) and not misweighted(ctx):  # a 分值 B1 names: under it, not above 100
        yield Hit("total_score", f"按各项分值重新计算总分为 {score_text(ctx.score.total, computed=True)}，超过 100 分，不能评定等级；"
                  + (f"表中总分为 {score_text(form.total_score, computed=True)}{also}；" if unsummed else "")
                  + "请先把分值合计改为 100 分", expected="≤ 100（分值合计 100）", found=shown(form.total_score),
                  folds=folds)


@rule("D13", "error", "表中所写等级与总分不符",
      """表中写明的自评等级应是总分按 优 ≥ 90、良 ≥ 80、中 ≥ 60、差 < 60（或本地的等级分段）评定的等级。
      本模板的等级由公式按总分算出，在等级格上手工改写的等级也核对；其他版式的表另写“自评等级”或在总分行写等级时，核对所写的等级。
      “优秀”“良好”“中等”按优、良、中核对；“合格”“较差”之类不是本方案等级分段中的等级，应改写为总分对应的等级。
      总分本身有误（D7、D11）时，按改正后的总分核对：与它相符的等级不报。
      等级格被清空（既没有公式也没有等级）时，写明应为哪一等级：请填入，或从模板复制公式。""",
      group="totals")
def stated_grade(ctx: FormContext) -> Iterator[Hit]:
    # cleared by hand: the 等级 the formula would show for the 总分 on the sheet (s68, as F13 and V9)
    yield from cleared_grade_hits(ctx.form, ctx.extra.get("cleared") or (), ctx.profile.grade_bands,
                                  summed_scores(ctx.form))
    stated = ctx.extra.get("stated_grade")
    if not stated or ctx.form.total_score is None:
        return
    # held to D11's (or D7's) 总分 where the written one is to change: not told to follow a 总分 that is wrong
    yield from grade_hits(stated, ctx.form.total_score, "总分", ctx.profile.grade_bands, corrected=corrected(ctx).total,
                         computed=True)
