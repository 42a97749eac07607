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
    UTF-8 length, which is fast enough for a 10,000-row 项目明细).
    """
    lines = 1
    for value, width in cells:
        if value is None:
            continue
        text = str(value)
        units = (len(text.encode("utf-8")) + len(text)) / 2  # CJK (3 bytes) → 2, ASCII → 1
        lines = max(lines, math.ceil(units / max(width * 0.95, 1)))
    return max(22.0, lines * line + 6)
