"""A computed cell: its native Excel formula and its Python twin, in one record.

The template carries the formula (so Excel without the add-in, WPS and LibreOffice compute
it); the filler, the readers of files that hold no cached results, and the checker use the
twin. Keeping both in one record per cell is what stops them drifting apart; the
LibreOffice tests recalculate every template formula and compare it with its twin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Collection, Generic, Iterable, Mapping, TypeVar

__all__ = ["Computed", "evaluate"]

L = TypeVar("L")  # the form kind's layout (cell addresses)


@dataclass(frozen=True)
class Computed(Generic[L]):
    """``field`` is the cell's path in the form as data; ``formula(layout)`` its formula text
    (with "="); ``twin(env)`` the same arithmetic on ``env``, which maps input paths and the
    results of earlier computed cells to the values those cells hold (None for blank)."""

    field: str
    formula: Callable[[L], str]
    twin: Callable[[Mapping[str, Any]], Any]


def evaluate(cells: Iterable[Computed[Any]], env: Mapping[str, Any],
             written: Mapping[str, Any] | None = None, cleared: Collection[str] = ()) -> dict[str, Any]:
    """Every computed cell in sheet order: a value a filler typed over the formula stands
    (``written``), a cell cleared of its formula shows blank (``cleared``: neither formula nor value — the
    总分's SUM leaves it out), else the twin's result. Returns field -> the value the cell shows."""
    scope = dict(env)
    out: dict[str, Any] = {}
    for c in cells:
        typed = (written or {}).get(c.field)
        out[c.field] = scope[c.field] = (typed if typed is not None else None if c.field in cleared
                                         else c.twin(scope))
    return out
