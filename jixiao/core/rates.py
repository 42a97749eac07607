"""The 执行率 and the 执行率得分: one definition for the template's formula twin, the scorer,
the checker, the 汇总 and the reports.

Arguments are keyword-only: the old code had two functions with the budget and the spending
in opposite orders.
"""

from __future__ import annotations

from typing import Any

import unicodedata

from .numbers import YUAN_LEAST, fmt, parse_number, to_number, yuan_in_wan, yuan_in_wan_formula

__all__ = ["DEFAULT_FUNDS_WEIGHT", "exec_rate", "exec_score", "form_in_yuan", "rate_written", "read_funds",
           "read_funds_formula", "read_funds_side", "read_initial", "read_rate", "read_rate_formula", "read_total",
           "read_whole", "read_whole_formula", "wan_rate", "yuan_side"]

DEFAULT_FUNDS_WEIGHT = 10


def exec_rate(*, executed: Any, annual: Any) -> float | None:
    """全年执行数 ÷ 全年预算数, unrounded; None when 全年预算数 is blank or 0.

    A blank 执行数 counts as 0, as the sheet's formula ``N(E7)/D7`` does.
    """
    a, e = to_number(annual), to_number(executed)
    if not a:
        return None
    return (e or 0) / a


def rate_written(v: Any) -> int | float | None:
    """A 执行率 cell as written, as a fraction: a number as it is (the value the cell shows as a percent);
    text as ``parse_number`` reads it (“92.5%” is 0.925) — but a bare number above 1 typed as text (“10”)
    is that many percent (0.1), as Excel (automatic percent entry, on by default) and WPS enter a number
    typed into a cell of percent format, which the 执行率 cell is. ``parse_number`` read it as 10, and the
    sheet, once 计算 wrote it, showed 1000.00% where the 填报人 meant 10%. One of 1 or below stays a
    fraction (“0.95” is 95%, “1” is 100%): a 执行率 written that way means the fraction far more often
    than under 1 %. Raises ``NotANumber`` for text that is no number, as ``parse_number``."""
    n = parse_number(v)
    if isinstance(v, str) and n is not None and n > 1 and "%" not in unicodedata.normalize("NFKC", v):
        return n / 100
    return n


def exec_score(*, rate: float | None, weight: Any) -> float | None:
    """分值 × min(执行率, 1): spending above the budget is an error, never a bonus. None without a rate."""
    if rate is None:
        return None
    w = to_number(weight)
    return (DEFAULT_FUNDS_WEIGHT if w is None else w) * min(rate, 1.0)


def yuan_side(*, executed: Any, annual: Any) -> str | None:
    """Which of a row's 全年执行数 and 全年预算数 looks like 元 beside the other (``numbers.yuan_in_wan``: what A5
    and A16 say 应为 … 万元): "executed", "annual" or None. The one test ``wan_rate`` and ``read_funds`` read."""
    e, a = to_number(executed), to_number(annual)
    if e is None or a is None:
        return None
    if yuan_in_wan(e, a):       # A5 (and A16 on the total row)
        return "executed"
    if a >= YUAN_LEAST and yuan_in_wan(a, e):   # A16
        return "annual"
    return None


def read_funds(*, executed: Any, annual: Any) -> tuple[Any, Any]:
    """(全年执行数, 全年预算数) in 万元 as the rules and the 复核 read them: the figure that looks like 元 beside the
    other (``yuan_side``) divided by 10,000, each other figure as written. The 汇总表's 资金总量 added 765000 (元)
    spent to the other projects' 万元 — 765202.68 万元 of five projects, 10,000 times too much — while the same
    row's 执行率 read it as 76.5 (s66). The twin of ``read_funds_formula``."""
    e, a, _side = read_funds_side(executed=executed, annual=annual)
    return e, a


def read_funds_side(*, executed: Any, annual: Any) -> tuple[Any, Any, str | None]:
    """``read_funds`` and which figure it read from 元 (``yuan_side``: "executed", "annual" or None), in one asking:
    a sum over many rows that takes each 元 figure off and adds its 万元 reading (``summary.funds_totals``) asked
    ``yuan_side`` and then ``read_funds``, which asked it again, per row."""
    side = yuan_side(executed=executed, annual=annual)
    if side == "executed":
        return to_number(executed) / 10000, annual, side   # type: ignore[operator]
    if side == "annual":
        return executed, to_number(annual) / 10000, side   # type: ignore[operator]
    return executed, annual, side


def read_initial(*, initial: Any, executed: Any, annual: Any) -> Any:
    """The 年初预算数 in 万元: divided by 10,000 where it looks like 元 (``numbers.yuan_in_wan``) beside the row's
    全年预算数 as ``read_funds`` reads it — 800000 beside a 全年预算数 of 80, or of 800000 read as 80 beside 76.5
    spent — else as written. The reports' 年初预算数合计 added 800000 (元) to the other projects' 万元 (800161.60
    万元 of three projects) while their 全年预算数合计 read it as 80 (s67); A16 says the same of the cell."""
    i = to_number(initial)
    a = to_number(read_funds(executed=executed, annual=annual)[1])
    if i is None or a is None or not yuan_in_wan(i, a):
        return initial
    return i / 10000


def read_total(*, initial: Any, executed: Any, annual: Any, in_yuan: bool = False) -> tuple[Any, Any, Any]:
    """(年初预算数, 全年执行数, 全年预算数) of the 年度资金总额 in 万元. ``in_yuan``: the form's money is typed wholly in
    元 though the table says 万元 (A16 finds the 全年预算数 or 全年执行数 in 元 while neither looks like 元 beside the
    other: 1200000 budgeted and 1100000 spent of a ≤120 万元 总成本): both divided by 10,000, the 年初预算数 too where it
    is 元 beside that 全年预算数 (``read_initial``). The reports said “全年预算数1200000.00万元”, A14 “只有本项目全年预算数
    1200000 万元的 0%” (s68). Else ``read_funds`` and ``read_initial``: a figure 元 beside the other read alone."""
    if in_yuan:
        executed, annual = read_whole(executed=executed, annual=annual)
        return read_initial(initial=initial, executed=executed, annual=annual), executed, annual
    e, a = read_funds(executed=executed, annual=annual)
    return read_initial(initial=initial, executed=executed, annual=annual), e, a


def _as_yuan(e: Any, a: Any) -> bool:
    """Each of the 全年执行数 ``e`` and the 全年预算数 ``a`` (numbers or None) that is not blank or 0 large enough to be
    元 (``YUAN_LEAST``): what ``form_in_yuan`` asks of a form in 元, and ``read_whole`` of it still."""
    return all(not v or v >= YUAN_LEAST for v in (e, a))


def read_whole(*, executed: Any, annual: Any) -> tuple[Any, Any]:
    """(全年执行数, 全年预算数) in 万元 of a form found typed wholly in 元 (``form_in_yuan``): both divided by 10,000
    while each above 0 is still large enough to be 元 (``_as_yuan``, as ``form_in_yuan`` asked), else ``read_funds``
    of them as they now are — the 汇总表's 资金总量 is a live formula on the form (``read_whole_formula``, its twin):
    the form corrected to 88 万元 is added as 88, not 0.0088, one figure left in 元 beside the other read alone."""
    e, a = to_number(executed), to_number(annual)
    if not _as_yuan(e, a):
        return read_funds(executed=executed, annual=annual)
    return (e / 10000 if e is not None else executed), (a / 10000 if a is not None else annual)


def read_whole_formula(executed: str, annual: str) -> tuple[str, str]:
    """``read_whole`` of the cells ``executed`` and ``annual`` as Excel formulas (no “=”), each a number (``N()``, as
    ``read_funds_formula``): the 全年执行数 and the 全年预算数 in 万元 of a row the 汇总表 read in 元 (``form_in_yuan``)."""
    e, a = f"N({executed})", f"N({annual})"
    still = f"AND(OR({e}=0,{e}>={YUAN_LEAST}),OR({a}=0,{a}>={YUAN_LEAST}))"
    fe, fa = read_funds_formula(executed, annual)
    return f"IF({still},{e}/10000,{fe})", f"IF({still},{a}/10000,{fa})"


def form_in_yuan(*, executed: Any, annual: Any, named: Any) -> bool:
    """Is the 年度资金总额 typed wholly in 元 (``read_total``'s ``in_yuan``)? ``named``: the columns ("annual",
    "executed", "initial") a check found in 元 (A16). One of the 全年预算数 and 全年执行数 found so, neither 元 beside the
    other (``yuan_side``: that one alone is read), and each that is above 0 large enough to be 元 (``YUAN_LEAST``):
    100 亿元 budgeted beside 50 万元 spent is one figure in 元, not the form."""
    if not {"annual", "executed"} & set(named) or yuan_side(executed=executed, annual=annual) is not None:
        return False
    return _as_yuan(to_number(executed), to_number(annual))


def read_funds_formula(executed: str, annual: str) -> tuple[str, str]:
    """``read_funds`` of the cells ``executed`` and ``annual`` as Excel formulas (no “=”), each a number (``N()``:
    a blank or text cell is 0, as SUM skips it): the 全年执行数 and the 全年预算数 in 万元."""
    e, a = f"N({executed})", f"N({annual})"
    return (f"IF({yuan_in_wan_formula(e, a)},{e}/10000,{e})",
            f"IF(AND({a}>={YUAN_LEAST},{yuan_in_wan_formula(a, e)}),{a}/10000,{a})")


def wan_rate(*, executed: Any, annual: Any) -> tuple[float, str] | None:
    """(the 执行率, what was read otherwise) once the 年度资金总额 figure that looks like 元 beside the other
    (``yuan_side``) is read as 万元 (``read_funds``); None where neither does.

    765000 (元) spent of an 80 万元 budget: A5/A16 said “应为 76.5 万元” while the 复核 (scorer) scored the
    funds as written — 执行率得分 10 — and A4/D11 the rate in 万元, 9.56: the 汇总表's 复核得分 and the 校验
    told two scores for one form (s64). The scorer and the rules read the figure here, once."""
    side = yuan_side(executed=executed, annual=annual)
    if side is None:
        return None
    e, a = to_number(executed), to_number(annual)
    if side == "executed":
        return e / 10000 / a, f"全年执行数 {fmt(e)} 像是以元填写，按 {fmt(e / 10000)} 万元计"   # type: ignore[operator]
    return e / (a / 10000), f"全年预算数 {fmt(a)} 像是以元填写，按 {fmt(a / 10000)} 万元计"   # type: ignore[operator]


def read_rate(*, executed: Any, annual: Any) -> float | None:
    """The 执行率 as the rules and the 复核 read the funds: ``wan_rate``'s where a figure looks like 元 beside the
    other, else ``exec_rate``'s. The 汇总表's 执行率 column (项目明细, its bars on 图表) showed 956250.00 % for 765000
    spent of 80 万元 beside a 复核得分 scored from 95.63 % (s65). The twin of ``read_rate_formula``."""
    wan = wan_rate(executed=executed, annual=annual)
    return wan[0] if wan is not None else exec_rate(executed=executed, annual=annual)


def read_rate_formula(executed: str, annual: str) -> str:
    """``read_rate`` of the cells ``executed`` and ``annual`` as an Excel formula (no “=”): "" where the 预算数 is
    blank or 0, a blank 执行数 as 0 (``N()``, as ``exec_rate``), the figure in 元 divided by 10,000 as
    ``wan_rate`` divides it (the same operations in the same order: the cached value is what Excel computes)."""
    e, a = f"N({executed})", annual
    return (f'IF(N({a})=0,"",IF({yuan_in_wan_formula(e, a)},{e}/10000/{a},'
            f"IF(AND({a}>={YUAN_LEAST},{yuan_in_wan_formula(a, e)}),{e}/({a}/10000),{e}/{a})))")
