"""The 总分 row's sums of a form on our template that leave out indicator rows (every kind with such sums).

A 填报人 short of a row inserts one right above the 总分 row (or above the first indicator row). Excel, WPS and
LibreOffice widen a range such as ``SUM(F7,G14:G33)`` only for a row inserted inside it, so the template's
分值合计 and 总分 formulas leave the new row out: the sheet shows totals that the rows above them do not add up
to, while every reader (and 校验, the 汇总表, the 定稿) counts the row. ``short_sums`` finds it, where the 总分
row's figures differ from the rows read (the one sign of it a value shows: the formulas are not looked up for
a sheet whose totals agree, issue #18); the reader's note says it on the row (X7), and 计算 writes the
formulas over every row (``actions._short_sums``) and widens the red “Σ分值 ≠ 100” format with them
(``excel.plan.WidenRule``). The 评价表's 总计 row the same, with its last 一级/二级 得分 (``widen_groups``); the
last group's red “分值 ≠ Σ三级分值” formats (``widen_marks`` where the form has no subtotals, the 部门整体 form) and
the 扣分原因 hint formats (``widen_hints``) of both with them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from ..core.numbers import score_text, scores_apart

Formulas = Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]   # ``actions.Host.formulas``

_RANGE = re.compile(r"(\$?)([A-Z]{1,2})(\$?)(\d+):(\$?)\2(\$?)(\d+)")


@dataclass(frozen=True)
class Total:
    """One sum of the 总分 row as a kind declares it: its cell, the figure the cell shows, what the rows read
    add up to (as SUM does, blanks skipped), and the template's formula for the sheet as read."""

    cell: str
    shown: Any
    rows_sum: float | None
    formula: str
    what: str                   # “分值合计”, “总分”: how 计算's message names it
    rows: tuple[Any, ...] = ()  # each indicator row's figure that ``rows_sum`` adds (in the rows' order)
    field: str = ""             # the form's field the cell shows (“total_score”): what ``widened`` sets


@dataclass(frozen=True)
class ShortSums:
    """The 总分 row's sums that leave out indicator rows, and the rows they leave out."""

    cells: tuple[tuple[str, str, str], ...]   # (cell, its formula, the formula over every indicator row)
    said: tuple[tuple[str, float], ...]       # (“分值合计”, what it sums to then) per cell
    rows: tuple[tuple[int, Any], ...]         # (sheet row, indicator) of each row outside the formulas' range
    summed: tuple[int, int]                   # the rows the sheet's formulas sum
    every: tuple[int, int]                    # … and the rows they sum after 计算
    column_ranges: tuple[tuple[str, str, str], ...]   # (cell, “$G$14:$G$33”, “$G$14:$G$34”): its red format's
    label: str = "总分"                       # the total row's label on the sheet: “总分”, the 评价表's “总计”
    # (cell, its formula, the formula over the group's rows read, (first, last) row) of a group's subtotal that
    # stops where the totals stop (the 评价表's last 一级/二级 得分): ``widen_groups``
    groups: tuple[tuple[str, str, str, tuple[int, int]], ...] = ()
    group_marks: tuple[tuple[str, str, str], ...] = ()   # (cell, “$I$19:$I$20”, “$I$19:$I$21”): a group's red format
    fields: tuple[str, ...] = ()             # the form's field each of ``cells`` shows (``Total.field``)
    # (cell, “$I$8:$I$20”, “$I$8:$I$21”): the reason column's hint formats that read the same rows (``widen_hints``)
    hint_marks: tuple[tuple[str, str, str], ...] = ()
    notes: tuple[Any, ...] = ()              # the X7 notes the kind's reader added for it (``short_sums_notes``)
    # (cell, its formula, the formula over ``every``, ``every``) of another sum of the whole table on the total row
    # (the 评价表's 一级/二级 分值合计, B22 and E22): ``widen_table_sums``
    sums: tuple[tuple[str, str, str, tuple[int, int]], ...] = ()
    # (“A19:A20”, “A19:A22”): a group's 一级/二级 cell (name, 分值, 得分) merged over the rows it is widened over
    # (``widen_merges``)
    merges: tuple[tuple[str, str], ...] = ()
    # the first cells of ``merges`` whose content stays where it is: the new row's cell holds another text or number,
    # so the merge will be refused (``excel.plan.refused_as_read``) and moving the content would write over it
    stay: tuple[str, ...] = ()

    @property
    def moved(self) -> dict[str, str]:
        """The top-left cell of each of ``merges`` that moves up (“B9” -> “B8”): the group's content goes there."""
        return {a: b for old, new in self.merges
                if (a := old.split(":")[0]) != (b := new.split(":")[0]) and a not in self.stay}

    @property
    def top_rows(self) -> tuple[int, int] | None:
        """The first and last sheet row inserted right under the indicator table's header (above the rows the
        totals sum, down to the template's first indicator row, that the totals sum once widened), None where
        there is none: rows that took the header's formats, which 计算 gives the indicator rows'
        (``excel.plan.RowFormats``)."""
        return (self.every[0], self.summed[0] - 1) if self.every[0] < self.summed[0] else None


def form_totals(form: Any, cells: Callable[[], tuple[str, str]], want: Callable[[], dict[str, str]],
                score_what: str = "总分", lead: tuple[Any, Any] = (None, None)) -> list[Total]:
    """The 分值合计 and 总分 ``Total`` of ``form`` (``cells``: the two cells of its total row; ``want``: the
    template's formulas by field; ``lead``: a 分值 and 得分 outside the indicator rows that the sums also add,
    the project form's 执行率 row) — one declaration for every kind; none where both agree with the rows (the
    common case: the cells and formulas, asked only then, cost a fifth of reading a form, issue #18)."""
    weights = tuple([i.weight for i in form.indicators])
    scores = tuple([i.score for i in form.indicators])
    sums = (sum_of((lead[0], *weights)), sum_of((lead[1], *scores)))
    shown = (form.total_weight, form.total_score)
    if not any(isinstance(v, (int, float)) and s is not None and scores_apart(v, s) for v, s in zip(shown, sums)):
        return []
    at, formulas = cells(), want()
    return [Total(at[0], shown[0], sums[0], formulas["total_weight"], "分值合计", weights, "total_weight"),
            Total(at[1], shown[1], sums[1], formulas["total_score"], score_what, scores, "total_score")]


def holds_formula(file: str, sheet: str | None, cell: str | None) -> bool:
    """``cell`` of ``sheet`` in the workbook ``file`` holds a formula (a 总分 that is the template's, not typed
    over): a message on it says what to change in the cells it adds, not a number to type there (D11, D12,
    F12, V8). False where the workbook cannot tell (.xls, .et, .ods: no formulas are read from it)."""
    if not sheet or not cell:
        return False
    from .project.typed import formulas_in_file

    return formulas_in_file(file).holds(sheet, cell)


def cleared(file: str, sheet: str | None, cells: dict[str, str | None], form: Any,
            blank: Callable[[str], bool] | None = None) -> frozenset[str]:
    """The computed fields of ``form`` (``cells``: field -> its cell on ``sheet``) a 填报人 cleared by hand: blank as
    read, and the cell holds no formula while the sheet holds formulas elsewhere (our template's; a workbook that can
    tell, .xlsx/.xlsm). Such a cell shows blank and the sheet's own formulas (总分's SUM, 等级's ISNUMBER) read it so;
    a formula saved without its result is not cleared (``<kind>.uncached`` computed it, or it computes nothing).
    Every kind asks it of its computed cells: the 执行率得分 (A4), the 总分 row's 分值, 总分 and 等级 (B2/D7/D13, F6/F13,
    V5/V9), the 部门整体 form's 计算值 (F6). ``blank``: whether a field reads blank, where it is no field of ``form`` (a
    计算值 whose 得分 formula shows nothing, the project form's 等级)."""
    if blank is None:
        blank = lambda f: getattr(form, f, None) is None   # noqa: E731
    todo = {f: c for f, c in cells.items() if c and blank(f)}
    if not todo or not sheet:
        return frozenset()
    from .project.typed import formulas_in_file

    ff = formulas_in_file(file)
    if not ff.readable:
        return frozenset()
    held = ff([(sheet, c) for c in todo.values()])
    if not ff.known.get(sheet):   # not a formula on the sheet: another layout's, or every formula typed over
        return frozenset()
    return frozenset(f for f, c in todo.items() if (sheet, c) not in held)


def total_cells(cell: Callable[[str], str]) -> tuple[str, str]:
    """The 分值合计 and 总分 cells of a sheet's form, by its kind's ``cell`` of a field."""
    return cell("total_weight"), cell("total_score")


def mark_short(sf: Any, ind_rows: Sequence[int], totals: Sequence[Total], formulas: Formulas, name_col: str,
               label: str = "总分", widen: Callable[[ShortSums], ShortSums] | None = None) -> None:
    """Where the totals of ``sf`` (a sheet's form) leave out indicator rows: ``sf.short_sums`` (for 计算 and
    汇总 to mend) and its X7 notes on the rows left out (kept on it too: ``widened`` takes them out again);
    ``widen`` adds what else leaves the rows out (the 评价表's group subtotals, ``widen_groups``)."""
    top = getattr(getattr(sf, "layout", None), "first_ind", None)
    table = (top if isinstance(top, int) else None, _row_of(totals[0].cell) - 1 if totals else None)
    short = short_sums(sf.sheet, ind_rows, sf.form.indicators, totals, formulas, label, table)
    if short is None:
        return
    if widen is not None:
        short = widen(short)
    notes = short_sums_notes(short, name_col)
    sf.short_sums = replace(short, notes=tuple(notes))
    sf.notes.extend(notes)


def sum_of(values: Sequence[Any]) -> float | None:
    """What SUM makes of ``values``: the numbers added, blanks (and text) skipped; None if there is none."""
    nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return sum(nums) if nums else None


def short_sums(sheet: str, ind_rows: Sequence[int], indicators: Sequence[Any], totals: Sequence[Total],
               formulas: Formulas, label: str = "总分", table: tuple[int | None, int | None] = (None, None)
               ) -> ShortSums | None:
    """``ShortSums`` of a sheet's form on our template (indicators at ``ind_rows``) whose ``totals`` sum fewer
    rows than it holds, else None. A cell counts where its figure is not the rows' sum and its formula is
    the template's but for the range of its rows (the 填报人's own formula, or a number typed, is theirs).
    ``table``: the sheet rows right under the indicator header and right above the total row, where known: the
    sums are widened to them, over every row inserted there, blank ones too — two rows inserted together under
    the header, the lower one typed, left the upper one out of the totals and a header row (locked, and a score
    typed there later never counted); a blank row left under a typed one above the total row the same."""
    off = [t for t in totals if isinstance(t.shown, (int, float)) and t.rows_sum is not None
           and scores_apart(t.shown, t.rows_sum)]
    if not off or not ind_rows or not _edges_explain(totals):
        return None
    held = formulas([(sheet, t.cell) for t in off])
    cells: list[tuple[str, str, str]] = []
    said: list[tuple[str, float]] = []
    spans: set[tuple[int, int]] = set()
    columns: list[tuple[str, str, str]] = []
    fields: list[str] = []
    for t in off:
        text = held.get((sheet, t.cell)) or ""
        found = {(m.group(2), int(m.group(4)), int(m.group(7))) for m in _RANGE.finditer(text)}
        if len(found) != 1 or _RANGE.sub("R", text) != _RANGE.sub("R", t.formula):
            continue
        [(col, a, b)] = found
        first, last = _table_span(a, b, ind_rows, table)
        cells.append((t.cell, text, _RANGE.sub(lambda m: f"{m.group(2)}{first}:{m.group(2)}{last}", text)))
        said.append((t.what, t.rows_sum or 0))   # (not None: ``off`` holds sums only)
        fields.append(t.field)
        spans.add((a, b))
        columns.append((t.cell, f"${col}${a}:${col}${b}", f"${col}${first}:${col}${last}"))
    if len(spans) != 1:
        return None
    [(a, b)] = spans
    rows = tuple((r, ind) for r, ind in zip(ind_rows, indicators)
                 if not a <= r <= b and (ind.weight is not None or ind.score is not None))
    if not rows:
        return None
    return ShortSums(tuple(cells), tuple(said), rows, (a, b), _table_span(a, b, ind_rows, table),
                     tuple(columns), label, fields=tuple(fields))


def _table_span(a: int, b: int, ind_rows: Sequence[int], table: tuple[int | None, int | None]) -> tuple[int, int]:
    """The rows a total summing rows ``a``..``b`` sums once widened: every indicator row read (``ind_rows``), and
    the rows inserted between the header and ``a`` and between ``b`` and the total row (``table``: the rows right
    under the header and right above the total row, None where not known), blank or typed."""
    top, bottom = table
    first, last = min(a, ind_rows[0]), max(b, ind_rows[-1])
    if isinstance(top, int) and top < first:
        first = top
    if isinstance(bottom, int) and bottom > last:
        last = bottom
    return first, last


def header_rows(sf: Any, template: dict[str, str], formulas: Formulas) -> tuple[int, int, int, int] | None:
    """(first, last, like, end): rows ``first``..``last`` of ``sf``'s sheet inserted right under the indicator
    table's header, found by the 分值合计 formula (``template``: the kind's ``template_totals``) that sums rows
    ``like``..``end`` where the template sums from the row under the header (``layout.first_ind``): the rows
    moved the range down. Whether or not anything is typed on them — a row the 填报人 could not type into (it
    took the header's locked formats) is read as no indicator, and the totals agree with the rows read, so
    ``short_sums`` does not see it. None where the formula is not the template's but for its range."""
    want = template.get("total_weight")
    first = getattr(sf.layout, "first_ind", None)
    if not want or not isinstance(first, int):
        return None
    cell = sf.cell("total_weight")
    text = formulas([(sf.sheet, cell)]).get((sf.sheet, cell)) or ""
    if _RANGE.sub("R", text) != _RANGE.sub("R", want):
        return None
    found = {(int(m.group(4)), int(m.group(7))) for m in _RANGE.finditer(text)}
    if len(found) != 1:
        return None
    [(a, b)] = found
    return (first, a - 1, a, b) if first < a <= b else None


def header_short(sf: Any, template: dict[str, str], formulas: Formulas) -> ShortSums | None:
    """``ShortSums`` of rows inserted right under the indicator table's header with nothing typed on them yet
    (``header_rows``): the template's 分值合计 and 总分 formulas (``template``) of ``sf``'s total row made to sum
    from the first of them, no row left out (``rows`` empty: the totals agree with the rows read, no X7). Why: 计算
    gave such a row the indicator rows' formats and asked for a second 计算 once it was typed on; the 填报人 typed a
    score there and the 总分 did not change. Any other sum of the whole table the template's total row holds (the
    评价表's 一级/二级 分值合计, B22 and E22) is the kind's ``widen_short``'s (``widen_table_sums``). Widened at once, Excel, WPS and LibreOffice add what is typed there
    as they add any row. None where ``header_rows`` finds none or a total is not the template's but for its range."""
    got = header_rows(sf, template, formulas)
    if got is None:
        return None
    first, _last, like, end = got
    at = [(f, sf.cell(f)) for f in ("total_weight", "total_score")]
    held = formulas([(sf.sheet, cell) for _f, cell in at])
    cells, said, columns, fields = [], [], [], []
    for f, cell in at:
        text = held.get((sf.sheet, cell)) or ""
        found = {(m.group(2), int(m.group(4)), int(m.group(7))) for m in _RANGE.finditer(text)}
        if len(found) != 1 or _RANGE.sub("R", text) != _RANGE.sub("R", template[f]) or [*found][0][1:] != (like, end):
            if f == "total_weight":   # (``header_rows`` found it the template's: not reached)
                return None
            continue   # a 总分 typed over (the 填报人's): not the template's table sum
        [(col, a, b)] = found
        cells.append((cell, text, _RANGE.sub(lambda m: f"{m.group(2)}{first}:{m.group(2)}{end}", text)))
        shown = getattr(sf.form, f, None)
        said.append(("分值合计" if f == "total_weight" else "总分", shown if isinstance(shown, (int, float)) else 0.0))
        columns.append((cell, f"${col}${a}:${col}${b}", f"${col}${first}:${col}${b}"))
        fields.append(f)
    return ShortSums(tuple(cells), tuple(said), (), (like, end), (first, end), tuple(columns), fields=tuple(fields))


def widen_table_sums(short: ShortSums, sf: Any, template: dict[str, str], formulas: Formulas) -> ShortSums:
    """``short`` with the other sums of the whole indicator table on ``sf``'s total row (``template``: the kind's
    ``template_totals``; the 评价表's 一级/二级 分值合计, B22 and E22) that sum the rows its totals sum (``summed``)
    widened over the same rows (``every``), and their red formats with them (``hint_marks``). For a blank row under
    the header (``header_short``) and a row typed on (X7) alike: before, only the blank row's widened them, and
    a row typed on left B22/E22 summing from the row below it."""
    row = _row_of(sf.cell("total_weight"))
    try:   # the layout is laid out as the form reads, without the blank rows: its total row is higher up
        laid = _row_of(sf.layout.cell("total_weight"))
    except (AttributeError, KeyError, ValueError, IndexError):
        laid = row
    at = []
    for f in sorted(set(template) - {"total_weight", "total_score"}):
        try:
            cell = sf.cell(f)
        except (KeyError, ValueError, IndexError):
            continue
        if _row_of(cell) in (row, laid):   # on the total row
            at.append((f, f"{cell.rstrip('0123456789')}{row}"))
    (lo, hi), (first, last) = short.summed, short.every
    if not at or (lo, hi) == (first, last):
        return short
    held = formulas([(sf.sheet, cell) for _f, cell in at])
    sums, marks = [], []
    for f, cell in at:
        text = held.get((sf.sheet, cell)) or ""
        found = {(m.group(2), int(m.group(4)), int(m.group(7))) for m in _RANGE.finditer(text)}
        if len(found) != 1 or _RANGE.sub("R", text) != _RANGE.sub("R", template[f]) or [*found][0][1:] != (lo, hi):
            continue   # a group's subtotal, the 执行率, one typed over: not the template's table sum
        [(col, _a, _b)] = found
        sums.append((cell, text, _RANGE.sub(lambda m: f"{m.group(2)}{first}:{m.group(2)}{last}", text), (first, last)))
        marks.append((cell, f"${col}${lo}:${col}${hi}", f"${col}${first}:${col}${last}"))
    return replace(short, sums=tuple(sums), hint_marks=short.hint_marks + tuple(marks)) if sums else short


def _row_of(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()) or 0)


def widen_groups(short: ShortSums, groups: Sequence[tuple[str, str, int, int, str, str]], formulas: Formulas,
                 sheet: str) -> ShortSums:
    """``short`` with the subtotals of ``groups`` (the column of the subtotal, the template's formula, the group's
    first and last sheet row as read, the column of its 分值 and the column of the 分值 its red “≠ Σ分值” format adds
    up) that leave out the same rows: a row inserted right above the total row carries on the last group's 一级/二级
    name (merged down), so it is read as that group's, while its subtotal's range, like the totals', stops at the
    row above (the sheet showed 项目效益 得分 13 over rows making 17, its 分值 20 red over rows making 20). Only a
    subtotal of the template's form whose range ends where the totals' ends (or starts where theirs starts)
    and that the group's rows read go past is widened, and its 分值's red format with it. The subtotal and the
    分值 sit on the group's first row the totals sum (``_group_row``): a row inserted above the first indicator row,
    the group's names typed on it, is the group's first row as read, and the merged cells moved down under it."""
    groups = [(*g[:3], _to_end(g[3], [h[3] for h in groups], short), *g[4:]) for g in groups]
    cells = [(_group_row(first, last, short.summed), g) for g in groups for first, last in [g[2:4]]]
    cells = [(at, g) for at, g in cells if at is not None]
    held = formulas([(sheet, f"{g[0]}{at}") for at, g in cells]) if cells else {}
    out, marks = [], []
    for at, (score_col, formula, first, last, weight_col, col) in cells:
        cell, mark = f"{score_col}{at}", f"{weight_col}{at}"
        text = held.get((sheet, cell)) or ""
        found = {(m.group(2), int(m.group(4)), int(m.group(7))) for m in _RANGE.finditer(text)}
        if len(found) != 1 or _RANGE.sub("R", text) != _RANGE.sub("R", formula):
            continue
        [(_col, a, b)] = found
        widened = _wider_mark(mark, col, (a, b), (first, last), short.summed)
        if widened is not None:
            lo, hi = widened[3]
            out.append((cell, text, _RANGE.sub(lambda m: f"{m.group(2)}{lo}:{m.group(2)}{hi}", text), (lo, hi)))
            marks.append(widened[:3])
    return replace(short, groups=tuple(out), group_marks=tuple(marks)) if out else short


def widen_marks(short: ShortSums, groups: Sequence[tuple[str, int, int, str]]) -> ShortSums:
    """``short`` with the red “分值 ≠ Σ三级分值” formats of ``groups`` (the column of a group's 分值, the group's first
    and last sheet row as read, the 分值 column its format adds up) on a form without group subtotals (the 部门整体
    form's 一级/二级 分值). A format adds up its group's rows on the template; the row inserted right above the
    total row carries on the last group's name (merged down), is read as that group's, and was outside it: the
    sheet coloured 效果 20 red over rows making 20, as it summed them without the row (18), and 校验 found
    nothing. The range that stops where the totals stop (or starts where they start) widened, as ``widen_groups``
    widens a subtotal's, on the cell ``_group_row`` says."""
    marks = []
    top, bottom = short.summed
    ends = [g[2] for g in groups]
    for col_of_mark, first, last, col in groups:
        last = _to_end(last, ends, short)
        a, b = max(first, top), min(last, bottom)
        widened = _wider_mark(f"{col_of_mark}{a}", col, (a, b), (first, last), short.summed) if a <= b else None
        if widened is not None:
            marks.append(widened[:3])
    return replace(short, group_marks=short.group_marks + tuple(marks)) if marks else short


def _to_end(last: int, lasts: Sequence[int], short: ShortSums) -> int:
    """The last row of a group read down to row ``last`` (``lasts``: every group's) once the totals are widened:
    the last group takes in the rows inserted below it down to the total row (``short.every``), blank ones too —
    left blank, its 一级/二级 names merged down over them, a row there is the last group's as soon as a score is
    typed on it, and its subtotal left it out (two rows inserted above 总计, the lower one blank)."""
    return max(last, short.every[1]) if lasts and last == max(lasts) else last


def widen_merges(short: ShortSums, columns: dict[str, str]) -> ShortSums:
    """``short`` with the merged cells of each group whose red 分值 format it widens (``group_marks``: a group read
    over rows the template's group did not hold) widened over the same rows: ``columns`` maps the column of the
    format's cell to the group's merged columns (the 评价表's “B” -> “ABC”: its 一级 name, 分值, 得分). Excel, WPS
    and LibreOffice leave a merged area as it was for a row inserted right above or below it: the 项目效益 cells
    of a row inserted above 总计 stayed two rows high while the form read and summed three, and the printed form
    showed the new row under no 一级/二级 name (``excel.plan.MergeRows``)."""
    merges = []
    for cell, old, new in short.group_marks:
        col = cell.rstrip("0123456789")
        [(a, b), (lo, hi)] = [(int(m.group(4)), int(m.group(7))) for text in (old, new) for m in _RANGE.finditer(text)]
        if col not in columns or (a, b) == (lo, hi) or _row_of(cell) != a:
            continue
        merges += [(f"{c}{a}" if a == b else f"{c}{a}:{c}{b}", f"{c}{lo}:{c}{hi}") for c in columns[col]]
    return replace(short, merges=short.merges + tuple(m for m in merges if m not in short.merges)) if merges else short


def widen_label(short: ShortSums, col: str, head: int) -> ShortSums:
    """``short`` with the label merged in column ``col`` from the indicator header's row ``head`` down to the last row
    the totals sum (the project form's “绩效指标”, A13:A33) merged down over the rows inserted below it: the row
    inserted right above 总分 printed beside the label's box, outside the table it is read and summed in."""
    (_a, b), (_lo, hi) = short.summed, short.every
    if hi <= b or head >= b:
        return short
    merge = (f"{col}{head}:{col}{b}", f"{col}{head}:{col}{hi}")
    return short if merge in short.merges else replace(short, merges=short.merges + (merge,))


def _group_row(first: int, last: int, summed: tuple[int, int]) -> int | None:
    """The sheet row of a group's cells (its 一级/二级 分值 and 得分, the first cell of its 扣分原因 hint) for the
    group read on rows ``first``..``last``: its first row within the rows the totals sum (``summed``); None for a
    group wholly above them (a row inserted above the first indicator row without its group's names is a group of
    its own, no template group's cells). A row inserted above the first indicator row moved the first group's
    merged cells down a row, and a 填报人 who typed the group's names on it made it the group's first row as read:
    the template's cells were looked for there (C8 of the 评价表, blank) and the group was left out."""
    at = max(first, summed[0])
    return at if at <= last else None


def _wider_mark(cell: str, col: str, span: tuple[int, int], read: tuple[int, int], summed: tuple[int, int]
                ) -> tuple[str, str, str, tuple[int, int]] | None:
    """(``cell``, “$I$19:$I$20”, “$I$19:$I$21”, (19, 21)): the red format on ``cell`` that adds up column ``col``
    over rows ``span``, its range as ``_wider`` widens it (and the rows it then adds up); None where ``_wider``
    leaves it as it is. What ``widen_groups`` (with the subtotal's formula) and ``widen_marks`` both mark."""
    lo, hi = _wider(span, read, summed)
    if (lo, hi) == span:
        return None
    a, b = span
    return cell, f"${col}${a}:${col}${b}", f"${col}${lo}:${col}${hi}", (lo, hi)


def _wider(span: tuple[int, int], read: tuple[int, int], summed: tuple[int, int]) -> tuple[int, int]:
    """``span`` (a group's range on the sheet) taking in the rows ``read`` (the group as read) past its end where
    it ends where the totals' range ``summed`` ends, before its start where it starts where theirs starts."""
    (a, b), (first, last), (top, bottom) = span, read, summed
    return (min(a, first) if a == top else a), (max(b, last) if b == bottom else b)


def widen_hints(short: ShortSums, sf: Any, reason: str, table: str, group: str) -> ShortSums:
    """``short`` with the ranges of the reason column's hint formats (``checking.rules.table.reason_hint_formula``,
    one format a 二级 block of ``sf``, on its first row of column ``reason``) widened as its sums and its groups'
    formats (``group_marks``) are: the hint reads the whole table by each column of ``table`` (“$I$8:$I$20”: the
    三级 分值 add up to 100? every row filled?) and the groups around its row by each column of ``group`` (分值,
    得分: the raised 三级 分值 of ``raised_rows``). Left as they were, the row inserted right above the total row
    was outside them: its 分值 raised over what its 一级 allows (V7/F8 ask nothing there), the sheet summed the
    group without it and coloured its 扣分原因 as a deduction to explain."""
    rows = sf.ind_rows
    at = [_group_row(rows[a], rows[min(b, len(rows) - 1)], short.summed) for a, b in sf.layout.level2_spans if a < len(rows)]
    cells = [f"{reason}{r}" for r in at if r is not None]
    pairs: dict[str, str] = {}
    spans = [(short.summed, short.every)]
    for _cell, old, new in short.group_marks:
        [(a, b), (lo, hi)] = [(int(m.group(4)), int(m.group(7))) for text in (old, new) for m in _RANGE.finditer(text)]
        spans.append(((a, b), (lo, hi)))
    for ((a, b), (lo, hi)), cols in ((spans[0], table), *((span, group) for span in spans[1:])):
        for c in cols:
            if (a, b) != (lo, hi):
                pairs[f"${c}${a}:${c}${b}"] = f"${c}${lo}:${c}${hi}"
    marks = tuple((cell, old, new) for cell in cells for old, new in pairs.items())
    return replace(short, hint_marks=marks) if marks else short


def widen_table(short: ShortSums, cells: Sequence[str], cols: str) -> ShortSums:
    """``short`` with the formats on ``cells`` that read the whole indicator table by each column of ``cols`` — the
    评价表's 存在的问题 and 有关建议 (V10/V11's twin: points deducted over the table, nothing written) — widened as
    its sums are. Left as they were, a deduction on the row 计算 put into the 总计 alone, 存在的问题 blank, was one
    V10 asked about and the sheet did not colour (it read the table without the row)."""
    (a, b), (lo, hi) = short.summed, short.every
    if (a, b) == (lo, hi):
        return short
    marks = tuple((cell, f"${c}${a}:${c}${b}", f"${c}${lo}:${c}${hi}") for cell in cells for c in cols)
    return replace(short, hint_marks=short.hint_marks + marks) if marks else short


def _edges_explain(totals: Sequence[Total]) -> bool:
    """Whether one same set of rows at the top and/or bottom of the indicator rows (the only rows a range can
    leave out) explains every total's figure: each figure is its rows' sum less those rows' figures (a total
    that agrees with its rows: they add nothing to it, a 得分 left blank on the inserted row), as sums that
    leave them out show it; True when a total does not give its rows' figures. Why: a 总分 or 分值合计 that is
    simply wrong (typed over, a seeded error: a fifth of the benchmark's forms) is far commoner than an
    inserted row, and looking up a sheet's formulas reads its part from the package (~2 ms); one total alone
    is explained by any row of the same figure (a 分值合计 of 100 over rows making 110, a row of 10 分), the
    two together only by the row that was left out (issue #18)."""
    given = [t for t in totals if isinstance(t.shown, (int, float)) and t.rows_sum is not None]
    if any(not t.rows for t in given):
        return True
    n = min((len(t.rows) for t in given), default=0)
    sums = []
    for t in given:
        pre = [0.0]
        for v in t.rows[:n]:
            pre.append(pre[-1] + (v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0))
        sums.append((t.shown, t.rows_sum or 0, pre))
    for i in range(n + 1):                 # the top i rows left out …
        for j in range(n - i + 1):         # … and the bottom j
            if (i or j) and not any(scores_apart(shown, base - pre[i] - (pre[n] - pre[n - j]))
                                    for shown, base, pre in sums):
                return True
    return False


def short_sums_notes(short: ShortSums, name_col: str) -> list[Any]:
    """The X7 notes of ``short``: one on each row outside the formulas (its 三级指标 cell, column ``name_col``),
    saying which formulas sum which rows and that 计算 puts it in."""
    from ..reading.note import OutsideNote

    total = short.label

    cells = "、".join(c for c, _t, _w in short.cells)
    a, b = short.summed
    ranges = "、".join(old.replace("$", "") for _c, old, _new in short.column_ranges)
    groups = "、".join(c for c, _t, _w, _rows in short.groups)
    out = []
    for r, ind in short.rows:
        said = [f"“{ind.name}”" if ind.name else "三级指标名称空白"]
        said += [f"{what} {score_text(v)}" for what, v in (("分值", ind.weight), ("得分", ind.score))
                 if isinstance(v, (int, float))]
        out.append(OutsideNote(
            f"{name_col}{r}",
            f"第 {r} 行的指标（{'，'.join(said)}）不在{total}行公式的范围内：{cells} 的公式只合计第 {a}–{b} 行"
            f"（{ranges}），表中的分值合计和{total}都没有计入它" + (f"，{groups} 的小计也没有" if groups else "")
            + f"（紧挨着{total}行上方或第一个指标行上方插入的行不在公式的范围内）。"
            f"点“计算”即把 {cells} 的公式改为合计第 {short.every[0]}–{short.every[1]} 行"
            + (f"，{groups} 的公式一并改为合计所在指标组的各行" if groups else "")))
    return out


def widened(item: Any, results: dict[str, Any]) -> Any:
    """``item`` (a ``sources.Loaded`` whose reader found ``short_sums``) as its sheet reads once 计算 or 汇总 has
    written the formulas over every row: each sum's field holds what its cell then shows (``results``: the
    sheet's results after the edit, by cell; else the rows' sum: ``FormKind.after_results``), and no X7 note says
    a row is left out. Why: 汇总 counted the errors 校验 found before its own edit — the 项目明细 said 3 where 校验
    then found 0."""
    from . import kind_of

    short: ShortSums = item.sheet_form.short_sums
    shown = {cell: results.get(cell, new) for (cell, _t, _w), f, (_what, new) in zip(short.cells, short.fields, short.said) if f}
    item = kind_of(item.form).after_results(item, shown)
    sf = item.sheet_form
    return replace(item, sheet_form=replace(sf, short_sums=None, notes=[n for n in sf.notes if n not in short.notes]))
