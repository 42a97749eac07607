"""Where a finding about the whole indicator set sits (issue 14, capability 7).

A reviewer marks a missing category where it should have been written: in the 一级指标 or
二级指标 column, at the block it belongs before (or after, when it comes last). A copied set is
marked at the first indicator of the copied block, in both forms. These helpers turn that
into the field path of an existing cell, so the runner finds its sheet and cell like any other.

Order of the categories, as the official form and 财预〔2020〕10号 list them: 产出 (数量, 质量,
时效, 成本), 效益, 满意度.
"""

from __future__ import annotations

from typing import Any, Sequence

LEVEL1_ORDER = ("产出", "效益", "满意度")
LEVEL2_ORDER = ("数量", "质量", "时效", "成本")  # the 产出 block's own order
COPIED_SET = "indicators[0].name"            # the first indicator of a whole copied set


def _rank(text: str | None, order: Sequence[str]) -> int | None:
    return next((k for k, w in enumerate(order) if w in (text or "")), None)


def _block_starts(inds: Sequence[Any], attr: str, among: Sequence[int]) -> list[int]:
    """The first index of each run of equal ``attr`` among the indices ``among`` (a merged block)."""
    starts: list[int] = []
    prev: object = object()
    for i in among:
        v = getattr(inds[i], attr) or ""
        if v != prev:
            starts.append(i)
        prev = v
    return starts


def missing_category(inds: Sequence[Any], attr: str, word: str) -> tuple[str, str]:
    """(field, where) for a missing 一级 (``attr="level1"``) or 产出's 二级 category ``word``:
    the cell of the block it belongs before, else of the last block it follows, and the words
    telling the filler where to add it. ("indicators", "") when the form has no indicator."""
    if not inds:
        return "indicators", ""
    order: Sequence[str] = LEVEL1_ORDER
    if attr == "level1":
        among = list(range(len(inds)))
    else:
        among = [i for i, ind in enumerate(inds) if _rank(ind.level1, LEVEL1_ORDER) == 0]
        if not among:   # no 产出 block at all: point at the first 一级指标
            return "indicators[0].level1", "（应在“产出指标”下增设）"
        order = LEVEL2_ORDER
    want = _rank(word, order) or 0
    starts = _block_starts(inds, attr, among)
    ranks = {i: _rank(getattr(inds[i], attr), order) for i in starts}
    later = next((i for i in starts if (r := ranks[i]) is not None and r > want), None)
    if later is not None:
        return f"indicators[{later}].{attr}", f"（应增设在“{getattr(inds[later], attr)}”之前）"
    last = starts[-1]
    label = getattr(inds[last], attr) or "最后一项指标"
    return f"indicators[{last}].{attr}", f"（应增设在“{label}”之后）"
