"""A form of a table kind read from one sheet, and where each of its fields sits.

The 部门整体 and 评价 forms are read the same way: their indicator rows and their labelled
rows (总分/总计, 计算数据, 问题 …) are found by key, so findings can name the real cell
even where a department inserted rows. What differs per kind is only the columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Protocol, Sequence

from ..core import fieldpath
from ..core.numbers import POINTS
from ..errors import CellError
from ..guard.sanitize import full_marks_note

__all__ = ["TableSheetForm", "complete_from_sheets", "indicator_rows", "another_form", "below_total", "merged_over",
           "shared_spans"]


@dataclass
class TableSheetForm:
    file: str
    sheet: str
    form: Any
    layout: Any
    ind_rows: list[int] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)   # row keys (total, data:x, problems …) -> row
    notes: list[Any] = field(default_factory=list)       # what the reader changed to read a cell: X2 each
    # our template's total-row formulas that leave out an indicator row (``forms.sums``): what 计算 rewrites
    short_sums: Any = None
    # field -> (first, last, rightmost field) of the indicators one cell merged down or across covers
    # (``shared_spans``): the form gives each cell the text; a copy written from it (the 定稿) merges them again
    shared: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    IND_COL_OF: ClassVar[dict[str, str]]     # indicator field -> column
    TOTAL_COL_OF: ClassVar[dict[str, str]]   # total_weight/total_score/grade -> column of the total row

    def row_cell(self, path: str) -> str | None:
        """The cell of an indicator field or of the total row, as read; None for other paths."""
        at = fieldpath.item(path)
        if at and at[0] < len(self.ind_rows):
            return f"{self.IND_COL_OF[at[1]]}{self.ind_rows[at[0]]}"
        t = self.rows.get("total")
        if t and path in self.TOTAL_COL_OF:
            return f"{self.TOTAL_COL_OF[path]}{t}"
        return None

    ROW_FIELDS: ClassVar[tuple[tuple[str, str, str], ...]] = ()   # (path prefix, row-key prefix, column)

    def cell(self, path: str) -> str:
        """The cell of a field path as read: an indicator, the total row, a declared 分值 of a level,
        a keyed row (``ROW_FIELDS``: "data.x" → the row read as "data:x"), else the layout's cell."""
        return (self.row_cell(path) or self._level_cell(path) or self._keyed_cell(path)
                or str(self.layout.cell(path)))

    def _level_cell(self, path: str) -> str | None:
        """A declared 一级/二级 分值 (``level1_weights.投入``): the first row of that level's span."""
        if not path.startswith(("level1_weights.", "level2_weights.")) or not self.ind_rows:
            return None
        level, name = path.split("_", 1)[0], path.split(".", 1)[1]
        i = next((i for i, ind in enumerate(self.form.indicators) if getattr(ind, level) == name), None)
        if i is None or i >= len(self.ind_rows):
            return None
        return f"{self.IND_COL_OF[f'{level}_weight']}{self.ind_rows[i]}"

    def _keyed_cell(self, path: str) -> str | None:
        for prefix, key, col in self.ROW_FIELDS:
            row = self.rows.get(key + path[len(prefix):]) if path.startswith(prefix) else None
            if row:
                return f"{col}{row}"
        return None

    @property
    def source(self) -> str:
        return f"{self.file}#{self.sheet}"


class _Grid(Protocol):
    notes: list[Any]

    def raw(self, ref: str) -> Any: ...

    def text(self, ref: str) -> str | None: ...

    def number(self, ref: str, what: str, unit: str | None = None) -> int | float | None: ...


def another_form(rows: list[list[Any]], title: str, file: str, sheet: str) -> CellError | None:
    """The problem of a second form of the same kind on one sheet (its title below A1 or beside it), or None.

    The 部门整体 and 评价 readers read one form a sheet, from A1; a department that pastes two of them
    one under the other had the second dropped without a word. Its title cell is named, so the
    填报人 or the 财政局 sees the form that was not read and moves it to a sheet of its own. A title is
    a cell whose text, spaces aside, holds ``title`` and little else (a year, brackets): a sentence
    that names the form is not one."""
    from ..reading.grid import ref

    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if (r or c) and v.__class__ is str and title[0] in v:   # A1 is the form's own title
                label = "".join(v.split())
                if title in label and len(label) <= len(title) + 12:
                    named = "" if label == title else f"（“{label}”）"
                    return CellError(f"另有一张{title}{named}，未读取：一个工作表只能放一张{title}，请把它移到"
                                     f"单独的工作表", file=file, sheet=sheet, cell=ref(r, c), found=v,
                                     expected="把它移到单独的工作表")
    return None


def merged_over(merges: Any, cols: Iterable[int], first: int, end: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of each cell in ``cols`` (0-based) of the indicator rows ``first``..``end - 1`` (1-based)
    covered by a range merged from a text cell of ``cols`` in an indicator row -> the range's top-left (1-based
    row, 0-based column): the cells under it (merged down), beside it (merged across) or both (a block).
    ``merges``: a sheet's merged ranges as calamine gives them (0-based, inclusive).

    A 填报人 writes one 偏差原因 (扣分原因, 评分标准 …) for several indicators and merges it over their rows, as
    published forms have it; only the top cell holds the text, and a reader that took it for the first row only
    had the checks say of the next that it was blank (“表中为空白”) beside the text the sheet shows there. Merged
    across (年度指标值 and 实际完成值 of a row as one “按期完成”, 评分标准 over 指标解释) the cell right of it read
    blank the same way, and a block over rows and columns gave its text to the rows below but not to the
    first row's next column. Every reader of a template (the project form's, the 部门整体 form's, the 评价表's)
    takes such a text for each cell of ``cols`` it covers. A range from a cell outside ``cols`` (a 三级指标
    merged over the 年度指标值) gives ``cols`` nothing: what shows there is no text of theirs."""
    cols = tuple(cols)
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (r1, c1) in merges or ():
        if (r1 > r0 or c1 > c0) and c0 in cols and first <= r0 + 1 < end:
            for c in cols:
                if c0 <= c <= c1:
                    for r in range(r0 + 1, min(r1 + 1, end - 1) + 1):
                        if (r, c) != (r0 + 1, c0):
                            out[(r, c)] = (r0 + 1, c0)
    return out


def shared_spans(merges: Any, rows: Sequence[int], cols: dict[str, int]) -> dict[str, list[tuple[int, int, str]]]:
    """field -> (first, last, to) per range merged from the field's cell of an indicator row (``merged_over``):
    first and last index of the indicators (read from sheet ``rows``, 1-based) it covers, ``to`` the rightmost
    field of ``cols`` (field -> 0-based column) it covers (the field itself for a range merged down only). The
    reader gives each covered cell the text; a copy written from the form (``excel.sheet.share_cells``)
    merges them again, the text once."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for fld, c in cols.items():
        for (r0, c0), (r1, c1) in merges or ():
            if c0 == c and (r1 > r0 or c1 > c0):
                covered = [i for i, r in enumerate(rows) if r0 + 1 <= r <= r1 + 1]
                if not covered or rows[covered[0]] != r0 + 1:   # merged from an indicator's own row
                    continue
                to = max((f for f, x in cols.items() if c <= x <= c1), key=cols.__getitem__)
                if len(covered) > 1 or to != fld:
                    out.setdefault(fld, []).append((covered[0], covered[-1], to))
    return out


def col_index(col: str) -> int:
    """"A" -> 0, "AA" -> 26 (without openpyxl: reading a workbook need not load it)."""
    n = 0
    for ch in col:
        n = n * 26 + ord(ch) - 64
    return n - 1


def indicator_rows(grid: _Grid, first: int, end: int, levels: tuple[str, str, str, str],
                   fields: dict[str, tuple[str, str | None]], *, keep_blank_weights: bool = False,
                   down: dict[tuple[int, int], tuple[int, int]] | None = None,
                   ) -> tuple[list[tuple[int, str, str, dict[str, Any]]], dict[str, Any], dict[str, Any]]:
    """The indicator rows of a table kind's sheet, rows ``first``..``end - 1``.

    ``levels`` are the columns of 一级指标, its 分值, 二级指标, its 分值: a level name is written
    once (merged down) and carries over to the rows below it; written again on the next row, where
    a printed page starts inside its rows (``printout.split_merges``), it is the same level, its
    first 分值 the one read. ``fields``: field -> (column, label
    of a number cell, or None for text). Returns (row, 一级, 二级, fields) per indicator row that
    holds anything, and the 一级/二级 分值 by name (a blank 分值 kept with ``keep_blank_weights``).
    ``down``: ``merged_over``'s cells: a blank text cell under or beside a text merged over it reads that text.
    """
    from ..reading.grid import ref as cell_ref

    c1, w1, c2, w2 = levels
    out: list[tuple[int, str, str, dict[str, Any]]] = []
    l1w: dict[str, Any] = {}
    l2w: dict[str, Any] = {}
    level1 = level2 = ""
    for r in range(first, end):
        for col, wcol, label, weights in ((c1, w1, "一级指标分值", l1w), (c2, w2, "二级指标分值", l2w)):
            name = grid.text(f"{col}{r}")
            if name:
                if col == c1:
                    level1 = name
                else:
                    level2 = name
                w = grid.number(f"{wcol}{r}", label, POINTS)
                if w is not None or keep_blank_weights:
                    weights.setdefault(name, w)
        row: dict[str, Any] = {}
        for f, (col, what) in fields.items():
            ref = f"{col}{r}"
            if what is None:
                row[f] = grid.text(ref)
                if row[f] is None and down and (top := down.get((r, col_index(col)))) is not None:
                    row[f] = grid.text(cell_ref(top[0] - 1, top[1]))
            elif f == "score" and (full := full_marks_note(grid.raw(ref), row.get("weight"), what, ref)) is not None:
                grid.notes.append(full)   # a 得分 “满分”: the 分值 beside it, as the project readers take it
                row[f] = full.number
            else:
                row[f] = grid.number(ref, what, POINTS)
        if any(v is not None for v in row.values()):
            out.append((r, level1, level2, row))
    return out, l1w, l2w


def below_total(grid: _Grid, total: int, end: int, found: list[tuple[int, str, str, dict[str, Any]]],
                cols: tuple[str, str, str, str, str], label: str) -> None:
    """X7 notes (``reading.outside``) of rows ``total + 1``..``end - 1`` — between the 总分/总计 row and
    the next part of the sheet (评价小组, 存在的问题) — that read as an indicator, added to ``grid.notes``.

    A department short of rows types the last indicator under the total; the reader read down to
    the total and passed it over, its 分值 and 得分 in no sum. ``cols``: 一级, 二级, 三级指标, 分值, 得分;
    the level words are the ones the form's own rows use (``found``: ``indicator_rows``' result), as a
    部门整体 or 评价 form names its levels its own way."""
    from ..reading.outside import outside_note

    words = frozenset(w for _r, l1, l2, _row in found for w in (l1, l2) if w)
    c1, c2, cn, cw, cs = cols
    for r in range(total + 1, end):   # a row or two: no cheaper first test needed
        note = outside_note(f"{cn}{r}", r, grid.raw(f"{c1}{r}"), grid.raw(f"{c2}{r}"), grid.raw(f"{cn}{r}"),
                            None, None, grid.raw(f"{cw}{r}"), grid.raw(f"{cs}{r}"), words=words, total=label)
        if note is not None:
            grid.notes.append(note)


def complete_from_sheets(path: str | Path, todo: Sequence[Any], complete: Callable[[Any, Any], bool]) -> int:
    """Each form of ``todo`` (one of a kind's sheet forms, with ``sheet``) given to ``complete`` with its
    sheet of ``path`` opened by openpyxl (read-only, once for all): how a kind computes the results of
    formula cells a workbook written by code stored without (``<kind>.uncached``). Returns how many
    forms ``complete`` changed; an .xls, or a file openpyxl cannot open, changes none (the reader
    reported what it could not read)."""
    if not todo or Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return 0
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - a file openpyxl cannot open keeps its blanks
        return 0
    try:
        return sum(1 for sf in todo if sf.sheet in wb.sheetnames and complete(sf, wb[sf.sheet]))
    finally:
        wb.close()
