"""A — 项目资金与执行率.

The funds block is arithmetic a reviewer redoes with a calculator: the 其中 rows add up to
the total, 执行率 = 全年执行数 ÷ 全年预算数 (the adjusted annual budget, not 年初) and
执行率得分 = 分值 × min(执行率, 1). Money is compared to 0.005 万元 (``core.numbers.money_apart``) and scores to 0.01,
as a reviewer would; a rate shown rounded to a whole percent is a display, not a mistake.

The small number helpers at the top are shared by the other rule modules.
"""

from __future__ import annotations

from typing import Any, Iterator

from ...forms.project.model import FUND_COLS, FUND_ROWS, Form
from ...core.numbers import fmt as num
from ...core.numbers import NotANumber, parse_number
from ...core.numbers import (MONEY_TOL, money_apart, money_over, pct, score_text,  # noqa: F401 (shared)
                             scores_apart, written_number, yuan_in_wan)
from ...core.rates import DEFAULT_FUNDS_WEIGHT, exec_rate, rate_written, wan_rate
from . import FormContext, Hit, deferred, rule


def in_wan(raw: Any, wan: float) -> str:
    """“（65.22 万元）”, the figure in 万元 after a cell quoted as written — nothing where the cell says
    that already (“表中为“65.22 万元”（65.22 万元）” said it twice; a cell in 元 keeps it)."""
    shown = f"{num(wan)} 万元"
    plain = str(raw or "").strip().lstrip("≥≤<>=＝ ").replace(" ", "")
    return "" if plain == shown.replace(" ", "") else f"（{shown}）"


def times_of(what: str, other: float, value: float) -> str:
    """“是总收入 1520 万元的约 9868 倍”: how a figure that looks like 元 stands beside its like."""
    return f"是{what} {num(other)} 万元的约 {value / other:.0f} 倍"


IN_YUAN = "像是以元填写"


def in_yuan(what: str, value: float, why: str, also: str = "") -> str:
    """The sentence of a 万元 figure that looks like 元 (A16, F16, V16 alike): what it is, ``why`` (``times_of``
    or the indicator it is 10,000 times), the 万元 it should be."""
    return f"{what} {num(value)} 万元{why}，{IN_YUAN}：应为 {num(value / 10000)} 万元{also}"


def looks_in_yuan(finding: Any) -> bool:
    """Whether ``finding`` is an ``in_yuan`` one: a warning, yet a document restating the figure would print
    元 as 万元 (“总收入29038592.00万元”) — the reports mark it as they mark an error's figure."""
    return finding.rule in ("A16", "F16", "V16") and f"，{IN_YUAN}：应为 " in (finding.message or "")


NOT_NEGATIVE = "不小于 0 的金额"   # the 应为 of a figure below 0


def negative_money(what: str, value: float, spent: str = "执行数") -> str:
    """The sentence of a 万元 figure below 0 (A17, V18 alike; ``spent``: the form's word for the money spent)."""
    return (f"{what}为 {num(value)} 万元，资金数不能为负数；收回、冲减的资金应从{spent}中减去后填写结果，"
            f"没有资金的填 0")


RATE_TOL = 0.005    # a rate shown to a whole percent (83.6% as 84%) is still right

ROW_ZH = {"total": "年度资金总额", "fiscal": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
COL_ZH = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}
SUB_ROWS = ("fiscal", "carryover", "other")


# -- shared helpers -------------------------------------------------------------------
def rounded(x: float | None, places: int = 4) -> float | int | None:
    """A JSON-friendly expected value: 9.5, 10 (an int when whole)."""
    if x is None:
        return None
    if type(x) is int and -2 ** 53 < x < 2 ** 53 and places >= 0:
        return x   # what the lines below give a whole number exact as a float (issue #18: most scores)
    r = round(float(x), places)
    return int(r) if r.is_integer() else r


def shown(v: Any) -> Any:
    """A written value for the ``found`` field: numbers as numbers, text as text."""
    return rounded(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


def true_rate(form: Form) -> float | None:
    """全年执行数 ÷ 全年预算数, or None where it cannot be computed (blank or zero budget)."""
    executed = form.funds.column("executed")
    if executed is None:
        return None
    return exec_rate(executed=executed, annual=form.funds.column("annual"))


def rate_of(ctx: FormContext) -> float | None:
    """``true_rate(ctx.form)``, worked out once per form: six rules ask for it (issue #18)."""
    extra = ctx.extra
    if "true_rate" not in extra:
        extra["true_rate"] = true_rate(ctx.form)
    return extra["true_rate"]


def yuan_rate(ctx: FormContext) -> tuple[float, str] | None:
    """(the 执行率, what was read otherwise) once the total's figure that A5 or A16 says is in 元 is read as
    万元, or None where neither figure looks like 元 beside the other (``core.rates.wan_rate``, as the scorer
    reads it), worked out once per form.

    765000 (元) spent of an 80 万元 budget: A5/A16 say “应为 76.5 万元”, while A4 and D11 worked from 765000 and
    said the 执行率得分 “应为 10 分” — a 填报人 who typed 10 and then put the 元 right had a wrong score
    again (s64). A3, A4 and D11 read the figure as A5/A16 and the 复核 do, and say so: one story for the form."""
    extra = ctx.extra
    if "yuan_rate" not in extra:
        funds = ctx.form.funds
        extra["yuan_rate"] = wan_rate(executed=funds.column("executed"), annual=funds.column("annual"))
    return extra["yuan_rate"]


def written_rate(form: Form) -> float | str | None:
    """The 执行率 as written, as a number where it is one ("92.5%" -> 0.925, 0.925 -> 0.925, text “10” typed
    in the percent cell -> 0.1: ``core.rates.rate_written``, what 计算 writes there too)."""
    v = form.exec_rate
    if isinstance(v, str) and not v.strip():
        return None
    try:
        return rate_written(v)
    except NotANumber:
        return v


def bare_percent(form: Form) -> bool:
    """The 执行率 is text of a bare number above 1 (“92.5”), which ``written_rate`` reads as that many percent."""
    v = form.exec_rate
    if not isinstance(v, str):
        return False
    try:
        return rate_written(v) != parse_number(v)
    except NotANumber:
        return False


def percent_left_out(form: Form, rate: float | None) -> bool:
    """The 执行率 written as the right figure without its “%” — 92.5 for 92.5 % (a cell in 常规 format shows
    92.5; as a number it is 9250 %): A3 says so, and G1 quotes what the cell shows, not 9250.00 %."""
    w = written_rate(form)
    return (rate is not None and isinstance(w, (int, float)) and w > 1.5 and abs(w / 100 - rate) <= RATE_TOL + 1e-9
            and not (isinstance(form.exec_rate, str) and "%" in form.exec_rate))


def rate_beyond_funds(ctx: FormContext) -> bool:
    """The funds as written give a 执行率 above 100% (全年执行数 above 全年预算数, A5's point): a rate
    or score worked out from them is no value to type — the figure is to change first. A3 then asks
    for the funds to be put right before the rate, and A4 and D11 leave a 执行率得分 that follows
    the written rate be (s41 QA: “执行率应为 107.95%” beside “执行数应不超过预算数”)."""
    t = rate_of(ctx)
    return t is not None and t > 1 + RATE_TOL + 1e-9


def follows_written_rate(form: Form) -> bool:
    """The 执行率得分 is the 分值 × the written 执行率 (at most 100%)."""
    wr, w = written_rate(form), form.funds_weight
    return (isinstance(wr, (int, float)) and w is not None and form.exec_score is not None
            and not scores_apart(form.exec_score, w * min(wr, 1)))


def rate_ok(form: Form) -> bool:
    """Does the written 执行率 agree with the funds (to a whole-percent display)?"""
    w, t = written_rate(form), true_rate(form)
    return isinstance(w, (int, float)) and t is not None and abs(w - t) <= RATE_TOL + 1e-9


# -- rules ----------------------------------------------------------------------------
@rule("A1", "error", "年度资金总额的全年预算数或全年执行数未填",
      """年度资金总额行的全年预算数、全年执行数是计算执行率和执行率得分的依据，不能空白。
      请按预算批复（含年中调整）填写全年预算数，按实际支出填写全年执行数；没有支出的填 0。""")
def blank_totals(ctx: FormContext) -> Iterator[Hit]:
    funds = ctx.form.funds
    have = ctx.extra.get("fund_rows")
    if have is not None and "total" not in have and have & set(SUB_ROWS):
        return  # a layout listing only the 其中 rows: their sum is the total (Funds.column)
    for col in FUND_COLS:
        if getattr(funds.total, col) is not None:
            continue
        parts = funds.column(col)  # the 其中 rows' sum, which every figure of this form then uses
        if parts is not None:
            yield Hit(f"funds.total.{col}", f"年度资金总额的{COL_ZH[col]}未填写，应为其中各项之和 {num(parts)} 万元"
                      f"（执行率、汇总和报告都按 {num(parts)} 万元计），表中为空白", expected=rounded(parts), found=None)
        elif col != "initial":
            yield Hit(f"funds.total.{col}", f"年度资金总额的{COL_ZH[col]}未填写，应填写金额（万元，没有的填 0），表中为空白",
                      expected="金额（万元）", found=None)


@rule("A2", "error", "资金来源分项之和与年度资金总额不符",
      """当年财政拨款 + 上年结转资金 + 其他资金 必须等于同一列的年度资金总额（年初预算数、全年预算数、
      全年执行数三列分别核对）。总额不为 0 而分项全部空白的，也属此错：请把资金按来源填到对应分项，
      没有的分项填 0。年度资金总额是分项之和的上千倍（像是以元填写）时，错误指在总额上，应为换算后的万元数。""")
def sub_rows_add_up(ctx: FormContext) -> Iterator[Hit]:
    funds = ctx.form.funds
    # a layout without some 其中 rows (read by jixiao.reading): only the rows it has are compared,
    # and one with none of them has nothing to add up
    have = ctx.extra.get("fund_rows")
    rows = [r for r in SUB_ROWS if have is None or r in have]
    if not rows:
        return
    for col in FUND_COLS:
        total = getattr(funds.total, col)
        subs = [getattr(funds.row(r), col) for r in rows]
        if total is None:
            continue  # a blank total: A1 reports it, with the sum of these rows as what it should be
        got = sum(s or 0 for s in subs)
        if not money_apart(got, total):
            continue
        # one sentence, the parts listed with “、” (it read “全年执行数：年度资金总额为……，表中 当年财政拨款 25 +
        # 上年结转资金 空白 = 25 万元”: a second colon after the cell's, and spaces as separators)
        parts = "、".join(f"{ROW_ZH[r]} {num(s)}" if s is not None else f"{ROW_ZH[r]}空白" for r, s in zip(rows, subs))
        if yuan_in_wan(total, got):
            # the total typed in 元 beside its parts in 万元: it is the figure to change — named at the first part,
            # A2 told the 填报人 to type the 元 figure over the right 128 there too (“应为 1280000 万元”, E8)
            yield Hit(f"funds.total.{col}",
                      f"年度资金总额的{COL_ZH[col]} {num(total)} 万元是各分项之和 {num(got)} 万元（{parts}）的约 "
                      f"{total / got:.0f} 倍，{IN_YUAN}：应为 {num(total / 10000)} 万元",
                      expected=rounded(total / 10000, 6), found=rounded(total),
                      # A5 (above the 全年预算数) and A16 (thousands of times it) say the same “应为” of the same cell:
                      # one mistake, one finding (the 填报人 read three, all “应为 128 万元”, on E7)
                      folds=("A5", "A16"))
            continue
        yield Hit(f"funds.{rows[0]}.{col}",
                  f"年度资金总额的{COL_ZH[col]}为 {num(total)} 万元，各分项之和应与之相等，表中{parts}，合计 {num(got)} 万元",
                  expected=rounded(total), found=rounded(got))


@rule("A3", "error", "执行率与执行数 ÷ 预算数不符",
      """执行率 = 全年执行数 ÷ 全年预算数（用调整后的全年预算数，不用年初预算数），以百分数填写，
      如 92.5%。四舍五入到整数百分比（83.6% 写作 84%）可以接受；把 100% 写成 10、或写成与资金数
      不符的数，都是错误。执行率空白时模板公式会自动计算。""")
def exec_rate_matches(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    t = rate_of(ctx)
    if t is None:
        return
    w = written_rate(form)
    if bare_percent(form) and isinstance(w, (int, float)) and abs(w - t) <= RATE_TOL + 1e-9:
        # the right figure typed as text without its “%” (“92.5”): read as 92.5 % (what 计算 writes), the sign
        # is what to add — not “作为数是 9250.00%”, which no reader now takes it for
        yield Hit("exec_rate", f"执行率为 {pct(t)}，表中写作“{str(form.exec_rate).strip()}”，少了百分号，应写作“{pct(t, trim=True)}”",
                  expected=rounded(t, 6), found=shown(form.exec_rate))
        return
    if w is not None and not isinstance(w, str) and ((t > 1 and abs(w - 1) <= RATE_TOL) or abs(w - t) <= RATE_TOL + 1e-9):
        # right; or 100% written where 执行数 exceeds 预算数, and A5 reports the overspending itself.
        # Nothing to report, so the message tail is not built (issue #18: most forms)
        return
    tail = f"（全年执行数 {num(form.funds.column('executed'))} 万元 ÷ 全年预算数 {num(form.funds.column('annual'))} 万元）"
    if w is not None and not isinstance(w, str) and rate_beyond_funds(ctx) and abs(w - t) > RATE_TOL + 1e-9:  # not NaN
        written = form.exec_rate if isinstance(form.exec_rate, str) else pct(w)
        yield Hit("exec_rate", f"执行率不能按表中的资金计算（全年执行数 {num(form.funds.column('executed'))} 万元超过全年预算数 "
                  f"{num(form.funds.column('annual'))} 万元），请改正资金数，再按全年执行数 ÷ 全年预算数填写执行率，表中为 {written}",
                  expected="改正资金数后按全年执行数 ÷ 全年预算数计算", found=shown(form.exec_rate))
        return
    yr = yuan_rate(ctx)
    if yr is not None:    # the figure A5/A16 call 元 read as 万元: the rate A4 and D11 score too
        t, tail = yr[0], f"（{yr[1]}）"
        if w is not None and not isinstance(w, str) and abs(w - t) <= RATE_TOL + 1e-9:
            return
    if w is None:
        yield Hit("exec_rate", f"执行率未填写，应为 {pct(t)}{tail}", expected=rounded(t, 6), found=None,
                  severity="info")
        return
    if isinstance(w, str):
        yield Hit("exec_rate", f"执行率应为 {pct(t)}{tail}，表中为“{w}”，不是一个百分数",
                  expected=rounded(t, 6), found=w)
        return
    if abs(w - t) > RATE_TOL + 1e-9:   # false for a NaN too: nothing to report then
        written = form.exec_rate if isinstance(form.exec_rate, str) else num(w, 6)
        if percent_left_out(form, t):      # the template's 执行率得分 formula multiplies by it as 9250 %
            extra = f"，少了百分号（作为数是 {pct(w)}），应写作“{pct(t, trim=True)}”"
        else:
            extra = f"（即 {pct(w)}）" if not (isinstance(form.exec_rate, str) and "%" in form.exec_rate) else ""
        yield Hit("exec_rate", f"执行率应为 {pct(t)}{tail}，表中为 {written}{extra}",
                  expected=rounded(t, 6), found=shown(form.exec_rate))


def exec_counted(ctx: FormContext) -> float:
    """The 执行率得分 as the 总分 adds it (D7, D11, D12): as written; blank, the scorer's (a template formula saved
    without its result is what it computes) — or 0 where the cell was cleared of its formula (``exec_cleared``:
    the 总分's SUM leaves it out; it was counted, a 总分 of 97.75 said “应为” where the sheet showed 88.5)."""
    es = ctx.form.exec_score
    if es is not None:
        return es
    return 0.0 if ctx.extra.get("exec_cleared") else (ctx.score.exec_score or 0)


@rule("A4", "error", "执行率得分与分值 × 执行率不符",
      """执行率得分 = 执行率分值 × 执行率，执行率超过 100% 的按 100% 计（不加分）。例如分值 10、
      执行率 95%，得分为 9.5，不是 10。执行率得分空白时模板公式会自动计算；公式被清除、单元格中既没有公式也没有数字的，
      总分不计入执行率得分，请填入应有的得分或从模板复制公式。""")
def exec_score_matches(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    t, w = rate_of(ctx), form.funds_weight
    if t is None or w is None:
        return
    expected = w * min(t, 1)
    # a figure in 元 (A5, A16) gives the funds as written another score than the 复核's (10 of 765000 ÷ 80, 9.56 of
    # 76.5 万元): our template's formula follows once the 元 is put right and is left be, as is a score following a
    # written 执行率 of overspent funds (A3 asks to recompute it); the same number typed stays, and is named (s65)
    as_written = form.exec_score is not None and not scores_apart(form.exec_score, expected)
    if as_written or (rate_beyond_funds(ctx) and follows_written_rate(form)):
        yr = yuan_rate(ctx)
        if yr is None or ctx.extra.get("score_formula"):
            return    # right, or to follow the funds: nothing to report, no message built (issue #18: most forms)
    else:
        yr = yuan_rate(ctx)
    if yr is not None:
        # the score is that of the rate in 万元, which the 填报人 types once and keeps after putting the 元 right
        t, expected = yr[0], w * min(yr[0], 1)
        if form.exec_score is not None and not scores_apart(form.exec_score, expected):
            return
    tail = f"（分值 {score_text(w)} × 执行率 {pct(min(t, 1))}" + (f"，{yr[1]}）" if yr is not None else "）")
    where = ctx.extra.get("rate_cell")   # our template's 执行率 cell, where text was typed over its formula
    if form.exec_score is None and where and isinstance(form.exec_rate, str) and form.exec_rate.strip():
        # the score formula (IF(ISNUMBER(执行率) …)) reads a text as no rate: the cause is the rate's cell,
        # and no template formula will fill the score (so not the A8 note that one will)
        yield Hit("exec_score", f"执行率得分未填写，应为 {score_text(expected, computed=True)}{tail}；执行率 {where} 中的“{form.exec_rate.strip()}”是文字，"
                  f"得分公式不能按它计算，请在 {where} 中输入数值 {pct(t)}（单元格格式不要设为文本）",
                  expected=rounded(expected), found=None)
        return
    if form.exec_score is None and ctx.extra.get("exec_cleared"):
        # cleared by hand: no formula will fill it, and the 总分's SUM leaves it out (it was A8's note that the
        # template's formula computes it, and D7 counted the scorer's 9.25 in a 总分 the sheet never showed)
        yield Hit("exec_score", f"执行率得分未填写：单元格中没有公式，也没有数字，总分未计入执行率得分；应为 "
                  f"{score_text(expected, computed=True)}{tail}，请填入 {num(rounded(expected))}，或从模板复制执行率得分的公式",
                  expected=rounded(expected), found=None)
        return
    if form.exec_score is None:
        yield Hit("exec_score", f"执行率得分未填写，应为 {score_text(expected, computed=True)}{tail}", expected=rounded(expected),
                  found=None, severity="info")
        return
    wr = written_rate(form)
    if yr is None and rate_ok(form) and isinstance(wr, (int, float)) and follows_written_rate(form):
        # the score follows the rate rounded to a whole percent (84% for 83.6%): right only under a
        # profile that scores the rounded rate (issue 14); under any other a warning (A9), never an error
        if not getattr(ctx.profile, "round_exec_rate", False):
            yield Hit("exec_score", f"执行率得分应按实际执行率计算为 {score_text(expected, computed=True)}{tail}，表中为 {score_text(form.exec_score, computed=True)}，"
                      f"是按取整后的执行率 {pct(min(wr, 1))} 计算的（本地规定按取整的执行率计分的除外）", expected=rounded(expected), found=shown(form.exec_score),
                      severity="warning")
        return
    # a number typed as the funds as written give it (10 of 765000 ÷ 80): kept once the 元 is put right
    stays = "（是按表中所写的资金算出的，资金数改正后它不会随之改变）" if yr is not None and as_written else ""
    yield Hit("exec_score", f"执行率得分应为 {score_text(expected, computed=True)}{tail}，表中为 {score_text(form.exec_score, computed=True)}{stays}",
              expected=rounded(expected), found=shown(form.exec_score))


@rule("A5", "error", "全年执行数大于全年预算数",
      """执行数不能超过预算数：超支部分没有预算依据，执行率也不会因此超过 100% 而加分。请核对执行数
      是否多计（如含了其他项目的支出），或预算数是否漏填了年中追加。执行数是预算数的上千倍、像是把元数填进了万元栏时，
      写明换算为万元后应为多少（而不是预算数：照预算数改掉它，错误不见了，执行数却是错的）。""")
def overspent(ctx: FormContext) -> Iterator[Hit]:
    for key in ("total", *SUB_ROWS):
        row = ctx.form.funds.row(key)
        if row.annual is None or row.executed is None or row.annual < 0:
            continue   # a 预算数 below 0 is A17's
        if money_over(row.executed, row.annual) and yuan_in_wan(row.executed, row.annual):
            # 765000 (元) under an 80 万元 budget: “应为 80 万元” was the ceiling, and a 填报人 typed it in; A16
            # says the total row's, each 其中 row had this message alone
            yield Hit(f"funds.{key}.executed",
                      in_yuan(f"{ROW_ZH[key]}的全年执行数", row.executed,
                              f"超过全年预算数 {num(row.annual)} 万元（是它的约 {row.executed / row.annual:.0f} 倍）"),
                      expected=rounded(row.executed / 10000, 6), found=rounded(row.executed))
        elif money_over(row.executed, row.annual):
            yield Hit(f"funds.{key}.executed",
                      f"{ROW_ZH[key]}的全年执行数应不超过全年预算数 {num(row.annual)} 万元，表中为 {num(row.executed)} 万元",
                      expected=rounded(row.annual), found=rounded(row.executed))


@rule("A17", "error", "资金数为负数",
      """年初预算数、全年预算数、全年执行数都不能为负数：负的执行数使执行率成为负数，执行率得分和总分随之
      有误。收回、冲减的资金应从执行数中减去后填写结果；没有资金的填 0。""")
def negative_funds(ctx: FormContext) -> Iterator[Hit]:
    funds = ctx.form.funds
    for key in FUND_ROWS:
        row = funds.row(key)
        for col in FUND_COLS:
            v = getattr(row, col)
            if v is not None and v < 0:
                yield Hit(f"funds.{key}.{col}", negative_money(f"{ROW_ZH[key]}的{COL_ZH[col]}", v),
                          expected=NOT_NEGATIVE, found=rounded(v))


def no_budget(form: Form) -> bool:
    """Whether the form's 全年预算数 is 0 (the total row's, or its 其中 rows' where the total is blank): a project
    with no money this year, whose 执行率 cannot be worked out (A18). Its 执行率分值 is the 财政局's to set — kept
    (the 总分 then lacks it) or 0 with the points given to the indicators — and B5, B3 say nothing against either."""
    annual = form.funds.total.annual if form.funds.total.annual is not None else form.funds.column("annual")
    return annual == 0


def no_budget_ways(weight: float, asked: bool = True) -> str:
    """The two ways a project with no money may carry its 执行率分值 ``weight``, said alike by A18 (``asked``: what
    to ask the 财政局, “……还是……”) and B5 (what to fill in, “……，或……”)."""
    kept = f"填 {score_text(weight)}（执行率得分按 0 分计，总分最高 {score_text(100 - weight)}）"
    moved = f"填 0 分、把 {score_text(weight)}分配到绩效指标（使分值合计仍为 100 分）"
    return f"执行率分值{kept}还是{moved}" if asked else f"{kept}，或{moved}"


@rule("A18", "warning", "全年预算数为 0",
      """全年预算数为 0 时执行率无法计算，表中的执行率、执行率得分公式都是空白，执行率的分值（原则上 10 分）得不到，
      总分随之少这一部分，汇总表和报告中这个项目的执行率也是空白。有预算的（含年中追加、上年结转），请按批复填写
      全年预算数；本年度确无预算资金的，请向财政局确认这个项目是否需要自评，以及执行率的分值如何处理：保留这 10 分
      （总分最高 90 分），还是把执行率分值改为 0 分、这 10 分分配到绩效指标。执行率分值已改为 0 分的表不再提示。""")
def zero_budget(ctx: FormContext) -> Iterator[Hit]:
    # A1 says “没有的填 0” of a blank 全年预算数; a 填报人 who did so saw the 总分 come out 10 points short with
    # no cell saying why (s63: a project with no money this year). One story with B5 and B3 (s64): the two ways
    # to carry the 执行率分值 are named here, B5 asks for one of them, B3 leaves the 0 分 way alone
    form = ctx.form
    weight = form.funds_weight if isinstance(form.funds_weight, (int, float)) else None
    if not no_budget(form) or weight == 0:
        return
    ask = "有预算的请按批复（含年中追加、上年结转）填写全年预算数，本年度确无预算资金的请向财政局确认是否需要自评，以及"
    if weight is None:
        said = f"全年预算数为 0，执行率无法计算，执行率的分值未填写；{ask}{no_budget_ways(DEFAULT_FUNDS_WEIGHT)}"
    else:
        said = (f"全年预算数为 0，执行率无法计算，执行率得分（分值 {score_text(weight)}）按 0 分计，总分中没有这一部分；"
                f"{ask}执行率的 {score_text(weight)}是保留（总分最高 {score_text(100 - weight)}）还是把执行率分值改为 0 分、"
                f"这 {score_text(weight)}分配到绩效指标")
    yield Hit("funds.total.annual", said, expected="按批复填写全年预算数", found=0)


# the reading of a form in 元 (``agreement.total_in_wan``), which A6 asks: ``agreement`` imports this module
_agreement = deferred("agreement")

LOW_EXEC = 0.6
HIGH_SCORES = 0.9


@rule("A6", "warning", "执行率低而指标得分高",
      """执行率不足 60% 而绩效指标几乎拿满分，说明钱没怎么花、目标却都说完成了，二者难以同时成立。
      请核对指标的实际完成值是否是本年度真实完成的数，或执行数是否漏记。""")
def low_exec_high_scores(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    _initial, executed, annual = _agreement().total_in_wan(ctx)    # 76.5 spent of 800000 (元) is 95.63 %, not 0.01 % (s68)
    t = exec_rate(executed=executed, annual=annual) if form.funds.column("executed") is not None else None
    if t is None or t >= getattr(ctx.profile, "low_exec", LOW_EXEC):
        return
    weights = sum(i.weight or 0 for i in form.indicators)
    scores = sum(i.score or 0 for i in form.indicators)
    if weights > 0 and scores >= HIGH_SCORES * weights:
        yield Hit("exec_rate",
                  f"执行率仅 {pct(t)}（低于 60%），指标得分合计却为 {score_text(scores)}（占指标分值 {score_text(weights)}的 "
                  f"{pct(scores / weights, places=0)}）；钱未花出而目标全部完成，请核实实际完成值和执行数",
                  expected="按实际完成情况填写完成值和得分", found=rounded(scores))
