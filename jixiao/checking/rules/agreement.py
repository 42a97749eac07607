"""A10–A13, E3 — the indicators and the funds tell the same story (issue 14, capability 3).

A form states its money twice: in the 项目资金 table and in its cost indicators. A total-spending
indicator (总成本, 费用总额, 拨付金额 …) reports what was spent, so its 实际完成值 is the
全年执行数; a cost ceiling set from 年初预算数 while the 全年预算数 changed needs a note;
planned quantity × unit cost should come near the budget; a cost target written "≥" asks to
spend more. Across a batch, two projects whose indicator sets differ in one or two values only
were copied (E1 catches identical sets). All warnings: a reviewer confirms them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from ...core.numbers import YUAN_LEAST, YUAN_SURE, fmt, pct, yuan_in_wan
from ...core.direction import MONEY_WORDS
from ...core.rates import form_in_yuan, read_funds_side, read_total
from ...core.units import per_year
from ...core.values import Value, bare_other_unit
from . import FormContext, Hit, rule
from .funds import COL_ZH, MONEY_TOL, in_wan, in_yuan, money_apart, money_over, num, rounded, times_of
from .memo import indicator_texts, squeezed as _norm
from .targets import values
from ...core.findings import source_label

# Names of an indicator that reports the project's whole spending (extended by rule settings).
TOTAL_WORDS = ("全年支出金额", "支出金额", "支出总额", "费用总额", "总费用", "拨付金额", "支付金额", "总成本",
               "资金总额", "总投资", "发放金额", "项目总成本", "费用总成本", "支付费用")
PER_WORDS = {"人均": "人", "每人次": "人次", "每人": "人", "每户": "户", "每册": "册", "每次": "次", "每台": "台"}
ALIKE = {"人": ("人", "人次")}   # a cost per 人 may be multiplied by a count of either
NEAR = 0.3      # quantity × unit cost within ±30 % of the budget (rule settings: thresholds.unit_cost)


_PER_THING = "单均每"   # a name with one of these is a cost per thing (单价, 人均, 每人): plain tests, no pattern to compile


@lru_cache(maxsize=4096)
def _total_name(name: str, extra: tuple[str, ...]) -> bool:
    """``is_total_spending`` of a name, once per name: A10, A11 and A14 ask for every indicator (issue #18)."""
    name = "".join(name.split())
    return any(w in name for w in (*extra, *TOTAL_WORDS)) and not any(ch in name for ch in _PER_THING)


def is_total_spending(ind, ctx: FormContext) -> bool:
    return _total_name(ind.name or "", tuple(getattr(ctx.profile, "total_words", ())))


def total_spending_flags(ctx: FormContext) -> list[bool]:
    """``is_total_spending`` of each indicator, once per form: A10 and A14 ask it of every one (issue #18)."""
    got = ctx.extra.get("total_spending")
    if got is None:
        got = ctx.extra["total_spending"] = [is_total_spending(ind, ctx) for ind in ctx.form.indicators]
    return got


@rule("A10", "warning", "总支出类指标的实际完成值与全年执行数不符",
      """“总成本”“费用总额”“拨付金额”这类指标反映的是项目全年的支出，实际完成值应等于项目资金表中的
      全年执行数。不相等时，或是指标填的是其中一部分（请在名称中写明），或是执行数、完成值有一个填错了。""",
      group="agreement")
def total_spending(ctx: FormContext) -> Iterator[Hit]:
    executed, flags = total_in_wan(ctx)[1], total_spending_flags(ctx)   # a form in 元 read in 万元 (s68)
    totals = [ind for ind, total, (t, _a) in zip(ctx.form.indicators, flags, values(ctx))
              if total and (t.unit_dim or "") == "money"]
    if executed is None or len(totals) != 1:
        return      # two "总成本" rows are the costs of two parts, neither is the whole
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if not flags[i] or a.kind != "quantity" or a.stated_bound or a.number is None:
            continue
        unit_dim = a.unit_dim or (t.unit_dim if a.unit is None else None)
        if unit_dim != "money":
            continue
        money = None if a.unit else bare_other_unit(t, a.number)    # “51800” against “≤5.6万元”: 元, as the scorer reads
        scale = a.scale if a.unit else (money[0] / a.number if money else t.scale)
        got = a.number if a.unit else a.number * scale
        if abs(got - executed) > max(MONEY_TOL, 0.001 * executed):
            unit = a.unit_text if a.unit else (money[1] if money else t.unit_text)
            want = f"{fmt(executed / scale, 6)} {unit}"
            yield Hit(f"indicators[{i}].actual",
                      f"指标“{ind.name}”反映项目全年支出，实际完成值应等于全年执行数 {num(executed)} 万元，"
                      f"表中为“{ind.actual}”{in_wan(ind.actual, got)}", expected=want, found=ind.actual)


def _is_ceiling(ind, t, ctx: FormContext) -> bool:
    return (t.kind == "quantity" and (t.unit_dim or "") == "money"
            and ("成本" in (ind.level2 or "") or is_total_spending(ind, ctx)))


@rule("A11", "warning", "成本上限按另一口径的预算设定",
      """成本（支出）上限应与本项目本年度的全年预算数一致：按年初预算数设定而全年预算数已调整、或不在成本指标
      下的总支出上限超过全年预算数，都应在说明中写明依据，否则评审会认为指标值没有随预算调整。""",
      group="agreement")
def ceiling_other_budget(ctx: FormContext) -> Iterator[Hit]:
    remark = (ctx.form.remark or "").strip()
    initial, _executed, annual = total_in_wan(ctx)     # a form in 元 read in 万元 (s68)
    if annual is None or remark:
        return
    for i, (ind, (t, _a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if not _is_ceiling(ind, t, ctx) or t.number is None or t.direction in ("ge", "gt"):
            continue
        if (initial is not None and not money_apart(t.number, initial) and money_apart(annual, initial)
                and is_total_spending(ind, ctx)):
            yield Hit(f"indicators[{i}].target",
                      f"指标“{ind.name}”的指标值“{ind.target}”等于年初预算数 {num(initial)} 万元，全年预算数已调整为 "
                      f"{num(annual)} 万元，说明中没有写明依据", expected=f"≤{num(annual)} 万元，或在说明中写明依据",
                      found=ind.target)
        elif "成本" not in (ind.level2 or "") and money_over(t.number, annual):
            yield Hit(f"indicators[{i}].target",
                      f"指标“{ind.name}”的指标值“{ind.target}”{in_wan(ind.target, t.number)}超过本项目全年预算数 {num(annual)} 万元",
                      expected=f"≤{num(annual)} 万元", found=ind.target)


def _per_unit(ind, v) -> str | None:
    dim = v.unit_dim or ""
    if dim.startswith("money/"):
        return dim.split("/", 1)[1]
    if dim == "money" and "成本" in (ind.level2 or ""):
        name = "".join((ind.name or "").split())
        return next((u for w, u in PER_WORDS.items() if w in name), None)
    return None


@rule("A12", "warning", "数量 × 单位成本与预算相差较大",
      """数量指标 × 单位成本指标应大致等于项目的支出（按实际完成值算时比全年执行数，按指标值算时比全年预算数）。
      相差 30% 以上（可在校验规则设置中修改），说明数量、单价或预算有一个与其他不符，常见于从别的项目复制指标。""",
      group="agreement")
def quantity_times_cost(ctx: FormContext) -> Iterator[Hit]:
    form, near = ctx.form, getattr(ctx.profile, "unit_cost_near", NEAR)
    for p in products(ctx):
        money = total_in_wan(ctx)[1 if p.actual else 2]     # a form in 元 read in 万元 (s68)
        if not money or abs(p.wan - money) <= near * money:
            continue
        i, j = p.cost_at, p.count_at
        which, col = ("实际完成值", "全年执行数") if p.actual else ("指标值", "全年预算数")
        yield Hit(f"indicators[{i}].{'actual' if p.actual else 'target'}",
                  f"按{which}，{p.said(form)} "
                  f"= {num(p.wan)} 万元，与{col} {num(money)} 万元相差 {pct(abs(p.wan - money) / money, places=0)}",
                  expected=f"核对数量、单价与{col}（数量 × 单价应约为 {num(money)} 万元）", found=f"{num(p.wan)} 万元")


@dataclass(frozen=True)
class Product:
    """A quantity indicator times the unit cost indicator it is counted in (“1000人” × “≤3000元/人”), over a year."""

    cost_at: int          # the indicators: the unit cost's and the quantity's
    count_at: int
    actual: bool          # of the 实际完成值 (else of the 指标值)
    cost: Value
    count: Value
    times: float          # periods a year (“300元/人/月”: 12)
    wan: float            # the product, 万元

    def said(self, form: Any) -> str:
        per = self.cost.per if self.cost.per not in (None, "年") else self.count.per
        year = f" × {fmt(self.times)} 个{'月' if per == '月' else per}" if self.times != 1 else ""
        return (f"“{form.indicators[self.count_at].name}”{self.count.exact()} × "
                f"“{form.indicators[self.cost_at].name}”{self.cost.exact()}{year}")


def products(ctx: FormContext) -> Iterator[Product]:
    """Each unit cost indicator times the one quantity it is counted in (A12 compares it with the funds, A16 with
    a figure 10,000 times it): by the 实际完成值 where both are measured values, else by the 指标值."""
    form = ctx.form
    pairs = values(ctx)
    costs = [(i, u) for i, ind in enumerate(form.indicators) for u in [_per_unit(ind, pairs[i][0])] if u]
    for i, unit in costs:
        # “人均” is per person or per person-time (人均救助费用 × 救助人次): a form counting both (工作人员 6 人,
        # 救助人次 480) leaves the pair unknown, as two quantities of one unit do
        dims = {f"count:{u}" for u in ALIKE.get(unit, (unit,))}
        qty = [j for j, (t, _a) in enumerate(pairs) if t.kind == "quantity" and t.unit_dim in dims
               and j != i and t.direction not in ("le", "lt") and per_year(t.per) is not None]   # 2 场/周: how many weeks?
        if len(qty) != 1:
            continue
        j = qty[0]
        (ct, ca), (qt, qa) = pairs[i], pairs[j]
        actual = (ca.kind == "quantity" and qa.kind == "quantity" and not ca.stated_bound and not qa.stated_bound
                  and ca.unit_dim == ct.unit_dim and qa.unit == qt.unit)
        cost, count = (ca, qa) if actual else (ct, qt)
        if cost.number is None or count.number is None:
            continue
        # so much a head a month (“300元/人/月”) is twelve times that a year; a day's or a week's cost leaves the
        # year's total unknown (how many days?)
        times, count_times = per_year(cost.per), per_year(count.per)     # “2场/月” is 24 场 a year
        if times is None or count_times is None or (times != 1 and count_times != 1):
            continue             # a cost a month of a count a month: no year's total to compare
        times *= count_times
        per_yuan = cost.number if (cost.unit_dim or "").startswith("money/") else cost.number * 1e4
        yield Product(i, j, actual, cost, count, times, per_yuan * count.number * times / 1e4)


@rule("A13", "warning", "成本指标写成“≥”",
      """成本指标是支出的上限，应写“≤”：写“≥ 5 万元”等于要求至少花 5 万元，花得越多越好。""", group="agreement")
def cost_floor(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, _a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        name = ind.name or ""
        if t.direction not in ("ge", "gt") or t.kind != "quantity" or not (t.unit_dim or "").startswith("money"):
            continue    # the cheap tests first (issue #18)
        cost = "成本" in (ind.level2 or "") or any(w in name for w in MONEY_WORDS)
        if cost:
            want = f"≤{t.exact()}"
            yield Hit(f"indicators[{i}].target", f"成本指标“{name}”是支出上限，指标值应写“{want}”，表中为“{ind.target}”",
                      expected=want, found=ind.target)




# a figure in 元 typed into the 万元 table: 10,000 times an indicator's 万元 (to 4 significant digits),
# or the other figure of its row in 万元 (``core.numbers.yuan_in_wan``)
YUAN_TOL = 0.0005


def _yuan_reason(col: str, value: float, other: float | None, money: list[tuple[int, str, float]],
                 ctx: FormContext, other_said: str = "全年预算数") -> str | None:
    """Why ``value`` (the total row's ``col``) looks like 元: the indicator or figure it is 10,000 / 1,000+ times.
    ``other_said``: how the 年初预算数's ``other`` (the 全年预算数 in 万元) is named."""
    for i, text, n in money:
        if n > 0 and abs(value - n * 10000) <= max(YUAN_TOL * value, MONEY_TOL):
            return f"是指标“{ctx.form.indicators[i].name}”的{text}“{_said(ctx, i, text)}”的一万倍"
    if other is not None and yuan_in_wan(value, other):
        return times_of({"annual": "全年执行数", "executed": "全年预算数"}.get(col, other_said), other, value)
    # the whole form in 元 (its figures alike, no indicator in 万元): the quantity times the unit cost, in 万元,
    # is what the figure is in 元 — as near as A12 holds the product to the funds
    near = getattr(ctx.profile, "unit_cost_near", NEAR)
    for p in products(ctx):
        if p.wan > 0 and abs(value - p.wan * 10000) <= near * value:
            return f"约是{p.said(ctx.form)} = {num(p.wan)} 万元的一万倍"
    # nothing on the form to compare with (no indicator in 万元): a figure no county project reaches
    if value >= YUAN_SURE:
        return f"，即 {num(value / 10000)} 亿元，县级项目没有这样大的金额"
    return None


def _said(ctx: FormContext, i: int, text: str) -> str:
    ind = ctx.form.indicators[i]
    return (ind.target if text == "年度指标值" else ind.actual) or ""


@rule("A16", "warning", "项目资金像是以元填写",
      """项目资金以万元计。年初预算数、全年预算数或全年执行数正好是某个金额指标（以万元计）的一万倍，或是同一行另一个数的上千倍，
      或约是数量指标 × 单位成本指标（以万元计）的一万倍，或达到 100 亿元（县级项目没有这样大的金额），多半是把元数填进了万元栏：汇总表会把它当作万元相加，执行率和成本指标的比较也随之出错。请换算为万元（÷10000）后
      填写，资金来源各行同样换算。""", group="agreement")
def funds_in_yuan(ctx: FormContext) -> Iterator[Hit]:
    total = ctx.form.funds.total
    for col, why in yuan_reasons(ctx).items():
        value = getattr(total, col)
        yield Hit(f"funds.total.{col}", in_yuan(f"年度资金总额的{COL_ZH[col]}", value, why),
                  expected=rounded(value / 10000, 6), found=rounded(value))


def yuan_reasons(ctx: FormContext) -> dict[str, str]:
    """The 年度资金总额's columns ("initial", "annual", "executed") that look like 元 (A16), each with why
    (``_yuan_reason``), worked out once per form: A16 says them, ``total_in_wan`` reads the form by them."""
    if "yuan_reasons" not in ctx.extra:
        ctx.extra["yuan_reasons"] = dict(_yuan_reasons(ctx))
    return ctx.extra["yuan_reasons"]


def total_in_wan(ctx: FormContext) -> tuple[Any, Any, Any]:
    """(年初预算数, 全年执行数, 全年预算数) of the form in 万元 (``core.rates.read_total``): a form typed wholly in 元
    (``core.rates.form_in_yuan`` of what A16 finds) divided by 10,000, else a figure 元 beside the other read alone.
    What A6, A10 and A14 compare, and what the reports state (``funds_of``)."""
    if "total_in_wan" not in ctx.extra:
        funds = ctx.form.funds      # ``column``: a blank total row is its parts' sum, as the 复核 reads it
        initial, executed, annual = (funds.column(c) for c in ("initial", "executed", "annual"))
        ctx.extra["total_in_wan"] = read_total(initial=initial, executed=executed, annual=annual,
                                               in_yuan=in_yuan_whole(ctx))
    return ctx.extra["total_in_wan"]


def in_yuan_whole(ctx: FormContext) -> bool:
    """Is the form typed wholly in 元 (``core.rates.form_in_yuan`` of what A16 finds, on the 年度资金总额 as ``column``
    reads it)? What ``total_in_wan`` reads it by, and the 汇总表 marks its row by (``typed_in_yuan``)."""
    if "in_yuan_whole" not in ctx.extra:
        funds = ctx.form.funds
        ctx.extra["in_yuan_whole"] = form_in_yuan(executed=funds.column("executed"), annual=funds.column("annual"),
                                                  named=yuan_reasons(ctx))
    return ctx.extra["in_yuan_whole"]


def _outside(form: Any, profile: Any) -> FormContext:
    """A form's context outside a check, under ``profile`` (the default where None)."""
    from ...core.profiles import Profile, get_profile

    return FormContext(form, None, profile if isinstance(profile, Profile) else get_profile(profile))


def funds_of(form: Any, profile: Any = None) -> tuple[tuple[Any, Any, Any], dict[str, str]]:
    """``total_in_wan`` and ``yuan_reasons`` of a form outside a check (the reports, ``check --report``, ``import``):
    the same reading A16 and A14 make of it under ``profile`` (the default where None)."""
    ctx = _outside(form, profile)
    return total_in_wan(ctx), yuan_reasons(ctx)


def typed_in_yuan(form: Any, profile: Any = None) -> bool:
    """``in_yuan_whole`` of a form outside a check: the 汇总表 (``summary``) reads its row in 万元 as ``funds_of``.
    A 全年预算数 and 全年执行数 both under ``YUAN_LEAST`` are none A16 names (``_yuan_reasons``): no context is made
    for them (most forms; ~6 µs a row of a 10,000-form 汇总)."""
    total = form.funds.total
    if max(total.annual or 0, total.executed or 0) < YUAN_LEAST:
        return False
    return in_yuan_whole(_outside(form, profile))


def _yuan_reasons(ctx: FormContext) -> Iterator[tuple[str, str]]:
    total = ctx.form.funds.total
    annual, executed = total.annual, total.executed
    if max(total.initial or 0, annual or 0, executed or 0) < YUAN_LEAST:
        return      # under 1,000 万元: no figure here can be 元 of a county project's size (10,000 forms: most)
    # (indicator, which value, 万元): an 实际完成值 without a unit in its 指标值's unit (as A10)
    money: list[tuple[int, str, float]] = []
    for i, (t, a) in enumerate(values(ctx)):
        if t.kind == "quantity" and t.unit_dim == "money" and t.number is not None:
            money.append((i, "年度指标值", t.number))
        if a.kind == "quantity" and a.number is not None and not a.stated_bound:
            if a.unit_dim == "money":
                money.append((i, "实际完成值", a.number))
            elif a.unit is None and t.unit_dim == "money":
                read = bare_other_unit(t, a.number)
                money.append((i, "实际完成值", read[0] if read else a.number * t.scale))
    # the 年初预算数 beside the 全年预算数 in 万元 (``core.rates.read_initial``, as the reports read it): 800000 beside a
    # 全年预算数 of 80, or of 800000 itself in 元 beside 76.5 spent, went untold while the 年初预算数合计 added it (s67)
    _e, budget, side = read_funds_side(executed=executed, annual=annual)
    budget_said = "按万元计的全年预算数" if side == "annual" else "全年预算数"
    for col, value, other in (("initial", total.initial, budget), ("annual", annual, executed),
                              ("executed", executed, annual)):
        if value is None or value < YUAN_LEAST:
            continue
        why = _yuan_reason(col, value, other, money, ctx, budget_said)
        if why:
            yield col, why


@rule("E3", "warning", "两个项目的绩效指标几乎相同（只改了个别数值）",
      """两个不同项目的三级指标名称逐条相同，指标值只有一两处不同，通常是复制了别的项目的绩效目标、只改了
      金额之类的个别数值。请核对本项目的数量、质量、时效、效益等指标值是否按本项目的任务设定。两张表都会提示。""",
      cross=True, group="cross")
def near_copies(contexts: list[FormContext]) -> Iterator[tuple[int, Hit]]:
    from .anchors import COPIED_SET

    groups: dict[tuple[str, ...], list[int]] = {}
    for k, ctx in enumerate(contexts):
        names = indicator_texts(ctx)[0]
        if len(names) >= 4:
            groups.setdefault(names, []).append(k)
    for members in groups.values():
        # compare each distinct set of targets once (copies of one set are E1's, or one project's years)
        targets = {k: indicator_texts(contexts[k])[1] for k in members}
        holders: dict[tuple[str, ...], list[int]] = {}
        for k in members:
            holders.setdefault(targets[k], []).append(k)
        near: dict[tuple[str, ...], list[tuple[tuple[str, ...], list[int]]]] = {t: [] for t in holders}
        for a in holders:
            for b in holders:
                if a != b:
                    diff = [n for n, (x, y) in enumerate(zip(a, b)) if x != y]
                    if len(diff) <= 2:
                        near[a].append((b, diff))
        for k in members:     # each form of a near-copied pair is told (so the count does not depend on order)
            me = contexts[k]
            for b, diff in near[targets[k]]:
                j = next((j for j in holders[b] if _norm(contexts[j].form.project) != _norm(me.form.project)), None)
                if j is None:
                    continue
                other = contexts[j]
                changed = "、".join(f"“{me.form.indicators[d].name}”{me.form.indicators[d].target}（对方为 "
                                   f"{other.form.indicators[d].target}）" for d in diff)
                where = source_label(other.source)
                yield k, Hit(COPIED_SET,   # the first indicator of the copied set, in both forms (issue 14)
                             f"本项目的 {len(me.form.indicators)} 个指标名称与项目“{other.form.project}”{where}逐条相同，"
                             f"指标值只有 {len(diff)} 处不同，即{changed}",  # one colon: the cell's
                             expected="按本项目的任务和预算设定指标值", found=None, other=other.source)  # as E1's
                break
