"""Row heights for wrapped text, kept apart from openpyxl.

Why a module of its own: the 汇总表 (written by XlsxWriter) and the 校验结果 sheet need only
this function; importing it from ``excel.sheet`` pulled in openpyxl (~0.2 s) for nothing.
"""

from __future__ import annotations

import math
from typing import Any, Iterable


def row_height(cells: Iterable[tuple[Any, float]], line: float = 14.0) -> float:
    """A row height (points) that shows wrapped text whole: files carry no auto-fit.

    A CJK character is about two width units wide at the body font size (counted through its
    UTF-8 length, which is fast enough for a 10,000-row 项目明细). Each line break (Alt+Enter)
    starts a line of its own.
    """
    lines = 1
    for value, width in cells:
        if value is None:
            continue
        room = max(width * 0.95, 1)
        n = 0
        for part in str(value).split("\n"):
            units = (len(part.encode("utf-8")) + len(part)) / 2  # CJK (3 bytes) → 2, ASCII → 1
            n += max(1, math.ceil(units / room))
        lines = max(lines, n)
    return max(22.0, lines * line + 6)


def _units(text: str) -> float:
    return (len(text.encode("utf-8")) + len(text)) / 2  # as ``row_height`` counts: CJK → 2, ASCII → 1


def one_line(text: str, width: float) -> str:
    """``text`` as it fits on one line of a column ``width`` wide: whole when it fits, else its
    beginning and its end with “…” between (a file name keeps its unit and its extension).

    For a link cell: LibreOffice does not wrap one, so a longer text is cut at the column's
    edge on screen and on paper; the link itself keeps its whole target."""
    room = max(width * 0.95, 4.0)
    if _units(text) <= room:
        return text
    room -= _units("…")
    head: list[str] = []
    tail: list[str] = []
    front_used = back_used = 0.0
    i, j = 0, len(text) - 1
    while i <= j:  # from both ends in turn, as wide a beginning as an end
        front = front_used <= back_used
        c = text[i] if front else text[j]
        w = _units(c)
        if front_used + back_used + w > room:
            break
        if front:
            head.append(c)
            front_used += w
            i += 1
        else:
            tail.append(c)
            back_used += w
            j -= 1
    return "".join(head) + "…" + "".join(reversed(tail))
