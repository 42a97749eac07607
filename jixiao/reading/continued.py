"""A form whose indicator table runs on to the next sheet (a “续表”), read as one form.

A 自评表 with many indicators does not fit one printed page; a department then carries the rest of its
indicator table (and often the 总分 row and the 说明/落款 under it) on to a second sheet whose first row
says so: “续表”, “（续表）”, “附表1（续）”. Read sheet by sheet, the first part lacked its 总分 and the
second everything above the indicators: neither was read.

``join`` lays the 续表's rows under the first sheet's (its own heading rows, and the indicator header
where it is printed again, left out) in one ``JoinedGrid``; the label-anchored reader reads that as it
reads any sheet, so the 一级指标 merged across the page break, the 总分 and the 落款 are found wherever
they are. Every cell it names is a cell of the joined grid; ``JoinedGrid.place`` turns it back into the
sheet and cell it really is on, so a finding about an indicator of the 续表 names the 续表 and its cell.
"""

from __future__ import annotations

import re

from .block import Block
from .grid import SheetGrid, norm
from .indicators import ind_header
from .labels import HEAD, IND_HEAD, TITLE, TOTAL_FUNDS, label_part

__all__ = ["JoinedGrid", "is_continuation", "join"]

# What a 续表's first rows say: “续表”, “（续表）”, “续表1”, “附表1（续）”, “项目支出绩效自评表（续）”, “（续上表）”
_MARK = re.compile(r".*续表.*|.*\(续.{0,3}\).*|续")
_MARK_ROWS = 3      # the rows of a 续表 above its table a mark is looked for in
_HEAD_WITHIN = 4    # how far below the mark a repeated indicator header may start
_QUOTED = re.compile(r"(“[^”]*”)")   # what a message quotes: a cell's text, never a place to translate
_A1 = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,3})([1-9]\d*)(?![0-9])")


def _mark_row(grid: SheetGrid) -> int | None:
    """The row of a 续表's mark among its first non-blank rows, or None."""
    seen = 0
    for r in range(grid.nrows):
        cells = list(grid.cells(r, r + 1))
        if not cells:
            continue
        if any(_MARK.fullmatch(grid.norm(rr, c)) for rr, c in cells):
            return r
        seen += 1
        if seen >= _MARK_ROWS:
            return None
    return None


def is_continuation(grid: SheetGrid) -> bool:
    """A sheet that is the rest of another sheet's form: a 续表 mark in its first rows (or a name that is
    one: “续表”, “附表1（续）”; not “继续教育”) and no form of its own — no 项目名称, or a 项目名称 line
    repeated over the rest of the table but no money (the form's 项目资金 is on the first sheet)."""
    from .form import _anchors

    if _mark_row(grid) is None and not _MARK.fullmatch(norm(grid.sheet)):
        return False
    return not _anchors(grid) or not any(TOTAL_FUNDS.fullmatch(grid.norm(r, c)) for r, c in grid.cells())


def _head_row(grid: SheetGrid, r0: int, r1: int) -> int | None:
    """The last row in r0..r1-1 with the indicator table's 三级指标 heading."""
    found = None
    for r, c in grid.cells(r0, r1):
        if IND_HEAD["name"].fullmatch(grid.norm(r, c)):
            found = r
    return found


def _columns(grid: SheetGrid, r: int) -> tuple[dict[str, int], int]:
    """The indicator columns of the header at row ``r`` and the first row under it (``ind_header``)."""
    return ind_header(Block(grid, (r, 0), r, grid.nrows, 0, None), r)


def _head_lines(grid: SheetGrid, r0: int) -> int:
    """The rows from ``r0`` of a 项目名称 line (and 主管部门, 实施单位 with it) a 续表 repeats above its table."""
    n = 0
    for r in range(r0, min(r0 + 3, grid.nrows)):
        if any(label_part(grid.norm(r, c)) and any(p.fullmatch(label_part(grid.norm(r, c))) for p in HEAD.values())
               for _, c in grid.cells(r, r + 1)):
            n = r - r0 + 1
    return n


class JoinedGrid(SheetGrid):
    """A form's sheet with the rows of its 续表 under it: ``first``'s rows (a sheet, or a sheet already joined
    with a 续表: a table over three pages), then ``rest``'s from ``start`` on. Named as the form's own sheet."""

    def __init__(self, first: SheetGrid, rest: SheetGrid, start: int):
        before = first.segments if isinstance(first, JoinedGrid) else [(first.sheet, 0, 0)]
        # (sheet, its first row in the joined grid, that row's on its own sheet), top to bottom
        self.segments: list[tuple[str, int, int]] = [*before, (rest.sheet, first.nrows, start)]
        rows = [*first.rows, *([] for _ in range(first.nrows - len(first.rows))), *rest.rows[start:]]
        shift = first.nrows - start
        merges = [*first.merges(),
                  *(((max(r0, start) + shift, c0), (r1 + shift, c1)) for (r0, c0), (r1, c1) in rest.merges()
                    if r1 >= start)]
        super().__init__(rows, merges, first.file, before[0][0])

    def _segment(self, r: int) -> tuple[str, int, int]:
        """The part of the joined grid row ``r`` is in: (its sheet, where it starts here, and there)."""
        return next(seg for seg in reversed(self.segments) if r >= seg[1])

    def sheet_at(self, r: int) -> str:
        """The sheet row ``r`` (0-based, of the joined grid) is on."""
        return self._segment(r)[0]

    def real_row(self, r: int) -> int:
        """The 0-based row on its own sheet of the joined grid's row ``r``."""
        _sheet, off, start = self._segment(r)
        return r - off + start

    def place(self, cells: str) -> tuple[str, str]:
        """(sheet, cells) of a cell, range or list of cells the reader named (“B40”, “B40:B42”,
        “G40、H40”) on the joined grid: where they really are. Named by the sheet of the first."""
        first = _A1.search(cells)
        if first is None:
            return self.sheet, cells
        sheet = self.sheet_at(int(first.group(2)) - 1)
        return sheet, _A1.sub(lambda m: self._real(m, sheet), cells)

    def _real(self, m: re.Match[str], sheet: str) -> str:
        r = int(m.group(2)) - 1
        real = f"{m.group(1)}{self.real_row(r) + 1}"
        on = self.sheet_at(r)
        return real if on == sheet else f"工作表“{on}”{real}"   # a cell of another sheet: named with it

    def said(self, message: str, sheet: str) -> str:
        """A message of the reader about a cell on ``sheet``, its rows (“第 42 行”) and cells as they
        really are; what it quotes (“=SUM(G14:G20)”, a cell's text) as written."""
        return "".join(part if part.startswith("“") else self._placed_words(part, sheet)
                       for part in _QUOTED.split(message))

    def _placed_words(self, text: str, sheet: str) -> str:
        text = re.sub(r"第 (\d+) 行", lambda m: self._row_said(int(m.group(1)) - 1, sheet), text)
        return _A1.sub(lambda m: self._real(m, sheet), text) if _A1.search(text) else text

    def _row_said(self, r: int, sheet: str) -> str:
        on = self.sheet_at(r)
        return f"{'' if on == sheet else f'工作表“{on}”'}第 {self.real_row(r) + 1} 行"


def join(first: SheetGrid, rest: SheetGrid) -> JoinedGrid | None:
    """``first`` with its 续表 ``rest`` under it, or None where ``rest`` cannot be laid under it: not a 续表,
    ``first`` has no indicator table, or the 续表 prints its indicator header with other columns.

    Left out of the 续表: its rows down to the mark (a title and 续表 line), and an indicator header printed
    again below it (the first sheet's is the table's); the rows under them follow the first sheet's last."""
    if not is_continuation(rest):
        return None
    h1 = _head_row(first, 0, first.nrows)
    if h1 is None:
        return None
    cols1, _body1 = _columns(first, h1)
    mark = _mark_row(rest)
    start = mark + 1 if mark is not None else 0
    h2 = _head_row(rest, start, start + _HEAD_WITHIN + _head_lines(rest, start))
    if h2 is not None:
        cols2, body2 = _columns(rest, h2)
        if cols2 != cols1:
            return None   # another column order on the 续表: not laid under the first (said as before)
        start = body2
    elif any(HEAD["project"].fullmatch(label_part(rest.norm(r, c))) for r, c in rest.cells(start, rest.nrows)):
        return None   # a 项目名称 line and no header under it: where its rows start is not known
    else:
        while start < rest.nrows and not list(rest.cells(start, start + 1)):
            start += 1
        # a form title printed again above the rows (“项目支出绩效自评表”), without a mark of its own
        while start < rest.nrows and all(TITLE.fullmatch(rest.norm(start, c)) for _, c in rest.cells(start, start + 1)) \
                and list(rest.cells(start, start + 1)):
            start += 1
    if start >= rest.nrows:
        return None
    return JoinedGrid(first, rest, start)

