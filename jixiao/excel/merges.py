"""openpyxl's merged-range formatting, memoised: half the time of opening a form workbook.

When openpyxl opens a workbook for editing it "formats" every merged range: the cells at its
edges get the borders of its top-left cell and every cell its protection. It does so one cell at
a time through the style collections, whose look-up hashes and compares whole style objects; a
form sheet has ~20 merged ranges, a department's workbook 100 sheets, so this alone took ~3.8 s
of the ~7 s an annotated copy of a 100-form workbook cost (``review``, ``check --annotate``).

The result for a cell depends only on its current border, the top-left cell's border and the
edge (for protection: the top-left cell's protection), so within one workbook it is the same
style index every time: ``format`` below computes each combination once, by openpyxl's own
code, and copies the index for the rest. Installed once (``install``) before a workbook is
opened for editing; a test compares every cell's style with openpyxl's own ``format``.
"""

from __future__ import annotations

import copy
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.styles.borders import Border
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.merge import MergedCellRange

__all__ = ["install", "original_format", "original_get_borders"]

original_format = MergedCellRange.format
original_get_borders = MergedCellRange._get_borders
_EDGES = ("top", "left", "right", "bottom")


def _cell(ws: Any, coord: tuple[int, int]) -> Any:
    cell = ws._cells.get(coord)
    if cell is None:
        cell = MergedCell(ws, row=coord[0], column=coord[1])
        ws._cells[coord] = cell
    if cell._style is None:  # what openpyxl's style descriptor does on first use
        cell._style = StyleArray()
    return cell


def _format(self: MergedCellRange) -> None:
    ws = self.ws
    memo: dict[tuple, int] = ws.parent.__dict__.setdefault("_jixiao_merge_memo", {})
    start = self.start_cell
    if start._style is None:
        start._style = StyleArray()
    start_border = start.border
    for name in _EDGES:
        side = getattr(start_border, name)
        if side and side.style is None:
            continue  # no border style to carry
        border = None
        for coord in getattr(self, name):
            cell = _cell(ws, coord)
            key: tuple[Any, ...] = ("border", cell._style.borderId, start._style.borderId, name)
            got = memo.get(key)
            if got is None:
                border = border or Border(**{name: side})
                cell.border += border
                memo[key] = cell._style.borderId
            else:
                cell._style.borderId = got
    has_protection = start.protection is not None  # copied below on a miss only: a copy round-trips through XML
    for coord in self.cells:
        cell = _cell(ws, coord)
        if not has_protection:
            continue
        key = ("protection", start._style.protectionId)
        got = memo.get(key)
        if got is None:
            cell.protection = copy.copy(start.protection)
            memo[key] = cell._style.protectionId
        else:
            cell._style.protectionId = got


def _get_borders(self: MergedCellRange) -> None:
    """openpyxl's ``_get_borders``, memoised like ``_format``: the top-left cell takes the right
    and bottom border of the bottom-right one. The new border depends only on the two cells'
    border indexes, so each pair is combined once (by openpyxl's own ``+=``) and its index
    copied after; this was ~10 % of opening a form workbook."""
    ws = self.ws
    start = ws._cells.get((self.min_row, self.min_col))
    if start is None:
        start = ws.cell(row=self.min_row, column=self.min_col)
    self.start_cell = start
    end = ws._cells.get((self.max_row, self.max_col))
    if end is None:
        return
    for cell in (start, end):
        if cell._style is None:  # what reading ``.border`` does first
            cell._style = StyleArray()
    memo: dict[tuple, int] = ws.parent.__dict__.setdefault("_jixiao_merge_memo", {})
    key = ("corner", start._style.borderId, end._style.borderId)
    got = memo.get(key)
    if got is None:
        start.border += Border(right=end.border.right, bottom=end.border.bottom)
        memo[key] = start._style.borderId
    else:
        start._style.borderId = got


def install() -> None:
    """Use the memoised ``format`` and ``_get_borders`` for every workbook this process opens
    (idempotent)."""
    MergedCellRange.format = _format  # type: ignore[method-assign]
    MergedCellRange._get_borders = _get_borders  # type: ignore[method-assign]
