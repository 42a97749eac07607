"""The 执行率 and the 执行率得分: one definition for the template's formula twin, the scorer,
the checker, the 汇总 and the reports.

Arguments are keyword-only: the old code had two functions with the budget and the spending
in opposite orders.
"""

from __future__ import annotations

from typing import Any

from .numbers import to_number

__all__ = ["DEFAULT_FUNDS_WEIGHT", "exec_rate", "exec_score"]

DEFAULT_FUNDS_WEIGHT = 10


def exec_rate(*, executed: Any, annual: Any) -> float | None:
    """全年执行数 ÷ 全年预算数, unrounded; None when 全年预算数 is blank or 0.

    A blank 执行数 counts as 0, as the sheet's formula ``N(E7)/D7`` does.
    """
    a, e = to_number(annual), to_number(executed)
    if not a:
        return None
    return (e or 0) / a


def exec_score(*, rate: float | None, weight: Any) -> float | None:
    """分值 × min(执行率, 1): spending above the budget is an error, never a bonus. None without a rate."""
    if rate is None:
        return None
    w = to_number(weight)
    return (DEFAULT_FUNDS_WEIGHT if w is None else w) * min(rate, 1.0)
