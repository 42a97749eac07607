"""A sheet as python-calamine read it, with merged cells resolved.

The value of a merged range applies to every cell in it: asking for any cell of
``B14:B20`` gives what ``B14`` holds, and ``origin`` says that ``B14`` is the cell it
really sits in (the cell a finding must name). Rows and columns are 0-based here;
``ref`` turns them into the A1 addresses users see.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..core.dates import cell_date_text, span_text


Pos = tuple[int, int]

_WS = re.compile(r"\s+")


def ref(r: int, c: int) -> str:
    """(0, 0) -> "A1". (openpyxl's helper, imported on first use: reading a workbook need not
    load openpyxl, half a second of every small command.)"""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c + 1)}{r + 1}"


def range_ref(a: Pos, b: Pos) -> str:
    return ref(*a) if a == b else f"{ref(*a)}:{ref(*b)}"


def norm(text: Any) -> str:
    """Text as a label is compared: NFKC (full-width colon and brackets become ASCII),
    without any whitespace ("项 目 名 称" and "项目名称" are the same label)."""
    if text is None:
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", str(text)))


def plain(v: Any) -> Any:
    """A cell value as the form holds it: blanks are None, 12.0 is 12."""
    if v is None or v == "":
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def as_text(v: Any) -> str | None:
    """A cell value as text, as it was written (numbers without a trailing .0)."""
    v = plain(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, _dt.date):   # a datetime too: 2023年3月1日, as the 填报人 sees it (``core.dates.cell_date_text``)
        return cell_date_text(v)
    if isinstance(v, _dt.timedelta):   # a time past 24 hours (“25:30”): “25:30:00”, as Excel shows it
        return span_text(v)
    return str(v)


class SheetGrid:
    """0-based cell access on calamine's rows, merged ranges resolved to their top-left."""

    def __init__(self, rows: list[list[Any]], merges: Iterable[tuple[Pos, Pos]] | None,
                 file: str, sheet: str):
        self.rows = rows
        self.file = file
        self.sheet = sheet
        self.nrows = len(rows)
        self.ncols = max((len(r) for r in rows), default=0)
        self._origin: dict[Pos, Pos] = {}
        self._extent: dict[Pos, Pos] = {}
        for (r0, c0), (r1, c1) in merges or ():
            self._extent[(r0, c0)] = (r1, c1)
            self.nrows = max(self.nrows, r1 + 1)
            self.ncols = max(self.ncols, c1 + 1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._origin[(r, c)] = (r0, c0)

    def merges(self) -> list[tuple[Pos, Pos]]:
        """The merged ranges, (top-left, bottom-right) each."""
        return list(self._extent.items())

    # -- where a value really sits ------------------------------------------------
    def origin(self, r: int, c: int) -> Pos:
        return self._origin.get((r, c), (r, c))

    def extent(self, r: int, c: int) -> Pos:
        """The bottom-right cell of the merged range holding (r, c), or (r, c) itself."""
        o = self.origin(r, c)
        return self._extent.get(o, o)

    def merged(self, r: int, c: int) -> bool:
        return (r, c) in self._origin

    def span(self, r: int, c: int) -> str:
        """The A1 range of the merged range holding (r, c) ("B14:B20"), or its cell."""
        o = self.origin(r, c)
        return range_ref(o, self._extent.get(o, o))

    # -- values -------------------------------------------------------------------
    def raw(self, r: int, c: int) -> Any:
        r, c = self.origin(r, c)
        if r < 0 or c < 0 or r >= len(self.rows) or c >= len(self.rows[r]):
            return None
        return plain(self.rows[r][c])

    def text(self, r: int, c: int) -> str | None:
        return as_text(self.raw(r, c))

    def norm(self, r: int, c: int) -> str:
        return norm(self.text(r, c))

    def ref(self, r: int, c: int) -> str:
        """The A1 address of the cell a value at (r, c) really sits in."""
        return ref(*self.origin(r, c))

    def cells(self, r0: int = 0, r1: int | None = None) -> Iterable[tuple[int, int]]:
        """Every non-blank origin cell in rows r0..r1-1, row by row."""
        r1 = self.nrows if r1 is None else min(r1, self.nrows)
        for r in range(max(r0, 0), r1):
            row = self.rows[r] if r < len(self.rows) else []
            for c, v in enumerate(row):
                if v not in ("", None) and self.origin(r, c) == (r, c):
                    yield r, c
