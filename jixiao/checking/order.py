"""The order findings are listed in, worked out cheaply for a big batch (issue #18).

``check_batch`` lists a batch's findings form by form in reading order, then the causes of others
first (``rules.CAUSE_CODES``: a figure in 元 before the scores it makes wrong), then errors before
warnings before notes, then by the rule's importance and code (its number as a number: D4 before
D11, as the review's notices list them), then by the cell (top to bottom, left to right), then by field
path (``indicators[10]`` after ``indicators[9]``). For 10,000 forms that is ~143,000 findings,
and building and comparing a seven-part tuple for each cost the main process ~0.2 s while the
workers still needed the same cores.

``sort_findings`` gives exactly the order of that sort, ties included (the sort is stable and
findings with equal keys keep the order they came in), but compares integers: the
(severity, rule, field, cell) of a batch take a few hundred distinct values, so their part of the key
is worked out once for each value, those values are put in order once, and every finding is
then sorted by (its form's place, its value's place) packed into one integer. Anything unusual
(a severity, rule or field that is not a ``str``, a field of None aside) takes the plain
seven-part key, as before, so an odd value neither changes the order nor the error it raises.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from ..core import fieldpath
from ..core.findings import Finding
from .rules import cause_rank, code_order, importance

__all__ = ["RANK", "finding_key", "on_rest", "sort_findings"]

RANK = {"error": 0, "warning": 1, "info": 2}


def _source(f: Finding) -> str:
    """The form a finding is about, as ``Loaded.source`` names it."""
    return f.source or (f"{f.file}#{f.sheet}" if f.sheet else f.file or "")


_CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


@lru_cache(maxsize=8192)
def cell_key(cell: object) -> tuple[int, int]:
    """(row, column) of a finding's cell, top to bottom and then left to right; (0, 0) where it has none
    or names no single cell (listed first, as the whole form's). Within one rule the findings of a
    form are listed as they stand on the sheet: the 部门整体 form's 计算数据 (F47, F50, F52 …) came in
    the alphabetical order of their field names (F52, F56, F64, F62 …; filler QA, stop 45)."""
    m = _CELL.match(cell) if isinstance(cell, str) else None
    if m is None:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


def on_rest(f: Finding) -> bool:
    """Whether ``f`` is on a 续表: a sheet its form runs on to, not the one it starts on (its source's).
    Within one rule a form's findings on its first sheet come before those on its 续表 (whose rows are
    numbered anew): the 续表's row 5 was listed before the first sheet's row 16."""
    return bool(f.sheet) and f.source is not None and "#" + str(f.sheet) not in f.source


def finding_key(order: dict[str, int], f: Finding) -> tuple:
    """The key ``check_batch`` sorts by (the reference for ``sort_findings``). The cell orders the
    findings of one form only (those on its 续表 after those on its first sheet): those of files and
    sheets not in the batch (unreadable: X1) share one place and keep the order they came in, file by file."""
    place = order.get(_source(f), -1)
    return (place, cause_rank(f.rule), RANK[f.severity], importance(f.rule), code_order(f.rule),
            (place >= 0 and on_rest(f),) + cell_key(f.cell if place >= 0 else None), fieldpath.sort_key(f.field))


def sort_findings(findings: list[Finding], items: Iterable[Any]) -> None:
    """Sort ``findings`` in place by ``finding_key``, ``items`` (the batch's forms in reading order)
    giving each form's place; a form named twice takes its last place, as a dict does."""
    order = {item.source: i for i, item in enumerate(items)}
    get = order.get
    # each finding's form place and (severity, rule, field, cell, on a 续表), worked out once: a finding of a
    # form not in the batch is placed without its cell (and is on no 续表), as ``finding_key`` places it
    forms = [get(f.source or _source(f), -1) for f in findings]
    quints = [(f.severity, f.rule, f.field, f.cell, on_rest(f)) if form >= 0 else (f.severity, f.rule, f.field, None, False)
              for f, form in zip(findings, forms)]
    try:
        tails = _tails(set(quints))
    except TypeError:  # an unhashable field: the plain key raises as it always did
        tails = None
    if tails is None:  # an unusual value: the plain key, same order, same errors
        findings.sort(key=lambda f: finding_key(order, f))
        return
    # places of the distinct tails: equal tails (e.g. fields "a1" and "a01") share one place
    place: dict[tuple, int] = {}
    for tail in sorted(set(tails.values())):
        place.setdefault(tail, len(place))
    width = len(place) or 1
    at = {quint: place[tail] for quint, tail in tails.items()}
    # the form's place runs from -1 (not in the batch): +1 keeps every packed key >= 0
    keys = [(form + 1) * width + at[quint] for form, quint in zip(forms, quints)]
    findings[:] = [findings[i] for i in sorted(range(len(findings)), key=keys.__getitem__)]


def _tails(quints: set[tuple]) -> dict[tuple, tuple] | None:
    """(severity, rule, field, cell, on a 续表) -> the last six parts of ``finding_key``, for each distinct
    such quintuple of a batch's findings; None if one is not plain text (a field or a cell may be None), or
    its severity is unknown."""
    tails: dict[tuple, tuple] = {}
    for quint in quints:
        sev, rule, field, cell, rest = quint
        if sev.__class__ is not str or rule.__class__ is not str or not (field is None or field.__class__ is str) \
                or not (cell is None or cell.__class__ is str):
            return None
        if sev not in RANK:
            return None
        tails[quint] = (cause_rank(rule), RANK[sev], importance(rule), code_order(rule), (rest,) + cell_key(cell),
                        fieldpath.sort_key(field))
    return tails
