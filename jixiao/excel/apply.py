"""Applying a ``Plan`` to a workbook with openpyxl (the CLI's applier).

The input file is never touched: the edited workbook is written to a new path,
atomically. The Excel add-in has its own applier (``addin/``) for the same plans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from copy import copy
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormatting
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import WorkbookError
from ..fileio import atomic_path
from .style import set_style
from .comment_text import has_marks, merged, without_marks
from .formula_refs import Readers, names_into, refs_into
from .sheet import keep_text
from .plan import (ABOVE_FORMATS, LINK_FONT, MARK_FILLS, MARK_RULE, RESULT_SHEET, STYLES, AddChart, ClearMark, DropSheet, Formula, Plan,
                   SetComment, SetFill, SetNumber, SetValue, SheetSpec, earlier_marks, link_location, number_format_goes,
                   unmark_earlier, RowFormats, WidenRule, MergeRows, Refused, merge_refused)

if TYPE_CHECKING:
    from .cache import StoredResults

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


@lru_cache(maxsize=65536)
def rc(ref: str) -> tuple[int, int]:
    """(row, column) of "B7", from 1, as openpyxl's ``coordinate_to_tuple`` gives it: the same few
    hundred addresses on every form sheet, parsed once each (a bad address raises every time)."""
    row, col = coordinate_to_tuple(ref)
    return row, col


def write_value(ws: Worksheet, ref: str, value: Any) -> None:
    """Formulas only from ``Formula``; every string stays a string ("=1 人" too)."""
    row, col = rc(ref)
    c = ws.cell(row=row, column=col)
    if isinstance(value, Formula):
        c.value = value.text
        return
    if isinstance(value, str):
        keep_text(c, value)
    else:
        c.value = value


def _cells(ws: Worksheet, rng: str):
    if ":" not in rng:
        row, col = rc(rng)
        yield ws.cell(row=row, column=col)
        return
    for row in ws[rng]:
        yield from row


@lru_cache(maxsize=None)
def _style_objects(name: str) -> dict[str, Any]:
    """The openpyxl objects of a named plan style, made once (``set_style`` keys on identity)."""
    st = STYLES[name]
    out: dict[str, Any] = {"font": Font(name=st["font"], size=st["size"], bold=st["bold"]),
                           "alignment": Alignment(horizontal=st["align"], vertical="center", wrap_text=True,
                                                  indent=st.get("indent", 0))}
    if st["border"]:
        out["border"] = _BORDER
    if st.get("fill"):
        out["fill"] = PatternFill("solid", fgColor=st["fill"])
    return out


@lru_cache(maxsize=None)
def _fill(color: str) -> PatternFill:
    return PatternFill("solid", fgColor=color)


@lru_cache(maxsize=None)
def _link_font() -> Font:
    return Font(name=LINK_FONT["font"], size=LINK_FONT["size"], color=LINK_FONT["color"], underline="single")


def _style(ws: Worksheet, rng: str, name: str) -> None:
    attrs = _style_objects(name)
    done: dict[tuple, Any] = {}  # cells of a range mostly start alike: one look-up per kind
    for c in _cells(ws, rng):
        base = tuple(c._style) if c._style else ()
        if base in done:
            c._style = copy(done[base])
        else:
            set_style(c, **attrs)
            done[base] = c._style


def _link(ref: str, target: str) -> Hyperlink:
    """An internal link ("sheet!A1") as a location, anything else as an external target."""
    location = link_location(target)
    return Hyperlink(ref=ref, location=location) if location else Hyperlink(ref=ref, target=target)


def apply_sheet(wb: openpyxl.Workbook, spec: SheetSpec) -> Worksheet:
    if spec.name in wb.sheetnames:
        del wb[spec.name]
    ws = wb.create_sheet(spec.name, spec.position)
    for ref, v in spec.cells.items():
        write_value(ws, ref, v)
    for rng, name in spec.styles.items():
        _style(ws, rng, name)
    for rng, fmt in spec.formats.items():
        for c in _cells(ws, rng):
            set_style(c, number_format=fmt)
    for rng, color in spec.fills.items():
        for c in _cells(ws, rng):
            set_style(c, fill=_fill(color))
    for ref, target in spec.links.items():
        ws[ref].hyperlink = _link(ref, target)
        set_style(ws[ref], font=_link_font())  # one Font for all links: openpyxl hashed a new one per cell
    for rng in spec.merges:
        ws.merge_cells(rng)
    for col, w in spec.widths.items():
        ws.column_dimensions[col].width = w
    for row, h in spec.heights.items():
        ws.row_dimensions[row].height = h
    if spec.freeze:
        ws.freeze_panes = spec.freeze
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for row in spec.row_breaks:
        ws.row_breaks.append(Break(id=row - 1))  # a break's id: the (zero-based) row its page starts at
    if spec.print_area:
        ws.print_area = spec.print_area
    if spec.print_titles:
        ws.print_title_rows = spec.print_titles
    ws.page_setup.blackAndWhite = True  # severity and header colours are for the screen
    ws.print_options.horizontalCentered = True
    return ws


def _chart(wb: openpyxl.Workbook, e: AddChart) -> None:
    ws = wb[e.sheet]
    ch = BarChart()
    ch.type = "bar" if e.chart == "bar" else "col"
    ch.title = e.title
    ch.width, ch.height = e.width_cm, e.height_cm
    ch.legend = None if len(e.series) == 1 else ch.legend
    for name, rng in e.series:
        sheet, cells = rng.rsplit("!", 1)
        ref = Reference(wb[sheet.strip("'")], range_string=f"{sheet}!{cells}")
        ch.add_data(ref, titles_from_data=False)
        ch.series[-1].tx = None
    csheet, ccells = e.categories.rsplit("!", 1)
    ch.set_categories(Reference(wb[csheet.strip("'")], range_string=f"{csheet}!{ccells}"))
    if e.value_min is not None:   # (openpyxl's y_axis is the value axis of a bar chart too)
        ch.y_axis.scaling.min = e.value_min
    if e.value_step is not None:
        ch.y_axis.majorUnit = e.value_step
    if e.top_down:   # the categories from the top; the value axis crosses them at the last, at the bottom
        ch.x_axis.scaling.orientation = "maxMin"
        ch.y_axis.crosses = "max"
    if e.value_format is not None:
        from openpyxl.chart.data_source import NumFmt

        ch.y_axis.numFmt = NumFmt(formatCode=e.value_format, sourceLinked=False)
    ws.add_chart(ch, e.anchor)


def _origin(ws: Worksheet, ref: str) -> str | None:
    """The cell that can take an edit: a cell inside a merged range (a form laid out with
    merges over its indicator area) is read-only in openpyxl, its range's top-left is not."""
    from openpyxl.cell.cell import MergedCell

    if not isinstance(ws[ref], MergedCell):
        return ref
    row, col = rc(ref)
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            start = rng.start_cell.coordinate
            if not isinstance(ws[start], MergedCell):
                return start
    return None  # overlapping merges (a damaged file): no cell can take the edit


_NO_FILL = PatternFill(fill_type=None)


def _clear_mark(cell: Any) -> None:
    """``ClearMark`` on one cell: our marks and our mark colour go (a form sheet has no fill of
    its own in its print area: ``printout.clear_fills``); a colour of the user's stays, and so
    does every other line of the comment (the 填报人's own words, 计算's suggestion)."""
    if cell.comment is not None and has_marks(cell.comment.text):
        rest = without_marks(cell.comment.text)
        cell.comment = _comment(rest, cell.comment.author) if rest else None
    color = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
    if isinstance(color, str) and color[-6:].upper() in MARK_FILLS:
        set_style(cell, fill=_NO_FILL)


def _is_mark_rule(rule: Any) -> bool:
    """A conditional format ``SetFill`` gave an error's cell: always on, in a mark colour."""
    fill = rule.dxf.fill if rule.dxf is not None else None
    colors = {c.rgb[-6:].upper() for c in (fill.fgColor, fill.bgColor) if isinstance(c.rgb, str)} if fill else set()
    return rule.type == "expression" and list(rule.formula or []) == [MARK_RULE] and bool(colors & MARK_FILLS)


class _Marks:
    """The error marks' conditional formats of one sheet, settled once after the plan's cell edits.

    Each mark (``SetFill`` in an ``ABOVE_FORMATS`` colour) becomes the first format of its cell: first
    in priority (Excel, WPS) and first in the file (LibreOffice goes by the formats' order). Made one
    by one, that renumbered every format of the sheet and searched them all per mark (~780 marks on a
    100-form workbook: a third of a marked copy's edits); here an index by cell finds a cell's formats,
    and the priorities and the order are set once in ``settle`` -- the same numbers and the same order
    as adding the marks one at a time would give (the last mark first, each earlier one behind it)."""

    def __init__(self, ws: Worksheet) -> None:
        self.formats = ws.conditional_formatting
        rules = self.formats._cf_rules
        self.at: dict[str, Any] = {str(cf.sqref): cf for cf in rules}  # a cell -> its formats' key
        # id of a mark rule made here -> (its place among the marks, from 1; the rule, kept alive so
        # that a mark taken off again cannot leave its id to a later one)
        self.added: dict[int, tuple[int, Any]] = {}
        self.moved: dict[Any, None] = {}  # keys to put first, the last moved last

    def unmark(self, ref: str) -> None:
        """The conditional format of a mark off cell ``ref`` (none there: nothing changes)."""
        cf = self.at.get(ref)
        if cf is None:
            return
        rules = self.formats._cf_rules
        kept = [r for r in rules[cf] if not _is_mark_rule(r)]
        if kept:
            rules[cf] = kept
        else:
            del rules[cf]
            del self.at[ref]
            self.moved.pop(cf, None)

    def mark(self, ref: str, color: str) -> None:
        """A mark rule first on cell ``ref`` (its earlier mark, if any, already taken off)."""
        rule = FormulaRule(formula=[MARK_RULE], fill=PatternFill("solid", fgColor=color, bgColor=color), stopIfTrue=True)
        self.added[id(rule)] = (len(self.added) + 1, rule)
        self.formats.max_priority += 1  # as ``ConditionalFormattingList.add`` counts
        cf = self.at.get(ref)
        if cf is None:
            cf = ConditionalFormatting(ref)
            self.formats._cf_rules[cf] = []
            self.at[ref] = cf
        self.formats._cf_rules[cf].append(rule)
        self.moved.pop(cf, None)
        self.moved[cf] = None

    def settle(self) -> None:
        """Priorities: the k-th of n marks is n - k + 1, every other format n places lower; order:
        the marked cells first, the last marked first."""
        n = len(self.added)
        if not n:
            return
        rules = self.formats._cf_rules
        for cf_rules in rules.values():
            for r in cf_rules:
                k = self.added.get(id(r))
                r.priority = n - k[0] + 1 if k is not None else (r.priority or 0) + n
        for cf in self.moved:
            rules.move_to_end(cf, last=False)


def _mark_fill(ws: Worksheet, ref: str, color: str, marks: _Marks | None = None) -> None:
    """``SetFill`` on one cell: the fill, and for an error (``ABOVE_FORMATS``) the same colour as the
    cell's first conditional format (first in priority for Excel and WPS, first in the file for
    LibreOffice), so none of the sheet's formats paints over it. ``marks``: the sheet's formats
    settled by the caller after all its marks (``apply_plan``); without it, settled here."""
    set_style(ws[ref], fill=_fill(color))
    one = marks is None
    m = _Marks(ws) if marks is None else marks
    m.unmark(ref)
    if color.upper() in ABOVE_FORMATS:
        m.mark(ref, color)
    if one:
        m.settle()


def _comment(text: str, author: str) -> Comment:
    """A comment sized to its text (openpyxl's default box shows two lines)."""
    c = Comment(text, author)
    c.width, c.height = 320, 40 + 18 * (text.count("\n") + len(text) // 24)
    return c


def _defined(wb: openpyxl.Workbook) -> dict[str, str]:
    """The workbook-wide names and what they refer to."""
    return {key: dn.attr_text or "" for key, dn in wb.defined_names.items()}


def freeze_refs(wb: openpyxl.Workbook, stored: StoredResults, names: Iterable[str]) -> int:
    """Before the sheets ``names`` are dropped (``drop_sheet``): every formula of the sheets that
    stay which reads them, directly or through a workbook-wide name into them, becomes the value
    the input saved for it (``stored``; blank where it saved none), so the copy shows that value, not #REF!
    (Excel) or #NAME? (LibreOffice). A link to a cell of them goes (its text stays): Excel would
    answer a click with “引用无效”. Returns how many cells were frozen."""
    names = [n for n in names if n in wb.sheetnames]
    if not names:
        return 0
    readers = Readers(names, _defined(wb))
    into = readers.into
    todo: dict[str, list[Any]] = {}
    for ws in wb.worksheets:
        if ws.title in names:
            continue
        for c in ws._cells.values():
            if c.hyperlink is not None and into.search(c.hyperlink.location or ""):
                c.hyperlink = None
            text = c.value if isinstance(c.value, str) else getattr(c.value, "text", None)  # ArrayFormula
            if c.data_type == "f" and isinstance(text, str) and readers.reads(text):
                todo.setdefault(ws.title, []).append(c)
    for title, cells in todo.items():
        for c in cells:
            write_value(wb[title], c.coordinate, stored.value(title, c.coordinate))
    return sum(len(cells) for cells in todo.values())


def drop_sheet(wb: openpyxl.Workbook, name: str) -> None:
    """Take the sheet ``name`` out, with the workbook-wide names that point into it (a name left
    pointing at a sheet that is gone is a #REF! in Excel's 名称管理器); a sheet's own names,
    print area and titles go with it. If it was the sheet shown on opening, the first one is.
    Formulas of other sheets into it: ``freeze_refs`` first."""
    ws = wb[name]
    shown = wb.active is ws
    wb.remove(ws)
    for key in names_into(_defined(wb), refs_into([name])):
        del wb.defined_names[key]
    if shown or wb._active_sheet_index >= len(wb.sheetnames):
        wb.active = 0


def widen_rules(ws: Worksheet, cell: str, old: str, new: str) -> None:
    """``WidenRule`` on an openpyxl sheet: each conditional format on ``cell`` reading ``old``, as Excel's
    ``FormatConditions`` of the cell (the add-in's) are: a format over more cells than ``cell`` too (a group's
    merged 分值, “B19:B20”, or “B19:B21” where LibreOffice carried it onto the row inserted below)."""
    for cf, rules in ws.conditional_formatting._cf_rules.items():
        if cell in cf.sqref:
            for rule in rules:
                rule.formula = [f.replace(old, new) for f in rule.formula or ()]


def merge_rows(ws: Worksheet, e: MergeRows) -> str | None:
    """``MergeRows`` on an openpyxl sheet; None where merged, else why the cells are left as they are
    (``plan.merge_refused``: ``old`` is not the area merged there, another merged area in ``new``, or the cells of
    ``new`` hold different contents)."""
    from openpyxl.utils import get_column_letter, range_boundaries

    lo, top, hi, bottom = range_boundaries(e.new)
    olo, otop, ohi, obottom = range_boundaries(e.old)
    held = [str(m) for m in ws.merged_cells.ranges
            if m.min_col <= ohi and m.max_col >= olo and m.min_row <= obottom and m.max_row >= otop]
    if held not in ([e.old], []) or (not held and (olo, otop) != (ohi, obottom)):
        return merge_refused(e, [], kept=False)
    inside = [str(m) for m in ws.merged_cells.ranges if str(m) != e.old
              and m.min_col <= hi and m.max_col >= lo and m.min_row <= bottom and m.max_row >= top]
    if inside:
        return merge_refused(e, [], inside[0])   # another merged area (the header's) in the way
    cells = [(r, c) for r in range(top, bottom + 1) for c in range(lo, hi + 1)
             if not (otop <= r <= obottom and olo <= c <= ohi and (r, c) != (otop, olo))]
    values = [ws.cell(r, c).value for r, c in cells]
    why = merge_refused(e, [(f"{get_column_letter(c)}{r}", "" if v is None else str(v)) for (r, c), v in zip(cells, values)])
    if why is not None:
        return why
    content = next((v for v in values if (v.strip() if isinstance(v, str) else v) not in (None, "")), None)
    if held:
        ws.unmerge_cells(e.old)
    for r in range(top, bottom + 1):
        for c in range(lo, hi + 1):
            ws.cell(r, c).value = None
    ws.cell(top, lo).value = content
    ws.merge_cells(e.new)
    return None


def row_formats(ws: Worksheet, e: RowFormats) -> None:
    """``RowFormats`` on an openpyxl sheet: each cell of rows ``e.first``..``e.last`` styled as its column's
    cell of row ``e.like`` (values untouched), the row as tall, and each data validation and conditional format
    with a range that starts on ``e.like`` (over the table down to ``e.table_end``; a group's only where
    ``e.groups``) started on ``e.first`` instead — each such range of one over several ranges (the 评价表's
    “B9:B21 E9:E21” 分值 validation, the 部门整体 form's “I12:I20 I22:I23 …” 得分), and a group's red “分值 ≠
    Σ三级分值” on its merged 分值 (“B9:B11”, reading ``$B$9``) where the rows are read as that group's — its relative
    references moved with its top-left cell as Excel reads them. Before session 67 a validation over several
    ranges and a group's format about its merged 分值 were left as they were: the new row had no 分值 input hint
    and stayed uncoloured beside its group's red 分值."""
    from openpyxl.formula.translate import Translator
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    like, first = e.like, e.first
    for col in range(1, ws.max_column + 1):
        src = ws.cell(like, col)
        if src.has_style:
            for r in range(first, e.last + 1):
                ws.cell(r, col)._style = copy(src._style)
    height = ws.row_dimensions[like].height
    for r in range(first, e.last + 1):
        ws.row_dimensions[r].height = height

    def wider(sqref: Any) -> tuple[str, str, str] | None:
        """(its ranges as widened, the top-left cell its formulas are relative to, that cell as widened) where a
        range of ``sqref`` starts on ``like`` and ``sqref`` reaches the table's end (or ``e.groups``)."""
        ranges = list(MultiCellRange(str(sqref)).ranges)
        if not any(r.min_row == like for r in ranges) or not (e.groups or max(r.max_row for r in ranges) >= e.table_end):
            return None
        new = [CellRange(min_col=r.min_col, min_row=first, max_col=r.max_col, max_row=r.max_row) if r.min_row == like
               else r for r in ranges]
        origin, to = (f"{get_column_letter(r.min_col)}{r.min_row}" for r in (ranges[0], new[0]))
        return " ".join(r.coord for r in new), origin, to

    def moved(formula: str | None, origin: str, to: str) -> str | None:
        if not formula or origin == to:
            return formula
        return Translator(f"={formula}", origin=origin).translate_formula(to)[1:]

    rules = ws.conditional_formatting._cf_rules
    kept: Any = type(rules)()
    for cf, cf_rules in rules.items():
        got = wider(cf.sqref)
        if got is None:
            kept.setdefault(cf, []).extend(cf_rules)
            continue
        new, origin, to = got
        for rule in cf_rules:
            rule.formula = [moved(f, origin, to) or "" for f in rule.formula or ()]
        kept.setdefault(ConditionalFormatting(new), []).extend(cf_rules)
    ws.conditional_formatting._cf_rules = kept
    for dv in ws.data_validations.dataValidation:
        got = wider(dv.sqref)
        if got is not None:
            new, origin, to = got
            dv.formula1, dv.formula2 = moved(dv.formula1, origin, to), moved(dv.formula2, origin, to)
            dv.sqref = MultiCellRange(new)


def apply_plan(wb: openpyxl.Workbook, plan: Plan) -> list[Refused]:
    """Every edit of ``plan`` on ``wb``; the edits left undone and why (a ``MergeRows`` whose cells hold another text)."""
    refused: list[Refused] = []
    sheets = {ws.title: ws for ws in wb.worksheets}  # wb[name] scans every sheet: once per edit was ~10 %
    marks: dict[str, _Marks] = {}  # a sheet's error marks' formats, settled before any other kind of edit

    def settle() -> None:
        for m in marks.values():
            m.settle()
        marks.clear()

    for e in plan.edits:
        if isinstance(e, (ClearMark, SetValue, SetNumber, SetFill, SetComment)):
            ws = sheets.get(e.sheet)
            origin = _origin(ws, e.cell) if ws is not None else None
            if ws is None or origin is None:
                continue  # the finding stays in the 校验结果 list; only its mark on the cell is left out
                # (ClearMark: the sheet is gone, or renamed: nothing of ours to take away)
            if isinstance(e, ClearMark):
                _clear_mark(ws[origin])
                (marks.get(e.sheet) or marks.setdefault(e.sheet, _Marks(ws))).unmark(origin)
                continue
            if isinstance(e, SetValue):
                write_value(ws, origin, e.value)
                continue
            if isinstance(e, SetNumber):
                if ws[origin].data_type != "f":
                    if number_format_goes(ws[origin].number_format, e.number_format):
                        ws[origin].number_format = e.number_format
                    write_value(ws, origin, e.value)
                continue
            if isinstance(e, SetFill):
                _mark_fill(ws, origin, e.color, marks.get(e.sheet) or marks.setdefault(e.sheet, _Marks(ws)))
            else:
                cell = ws[origin]
                old = cell.comment.text if cell.comment is not None else None
                cell.comment = _comment(merged(old, e.text), e.author)
            continue
        settle()
        if isinstance(e, SheetSpec):
            apply_sheet(wb, e)
            sheets = {ws.title: ws for ws in wb.worksheets}
        elif isinstance(e, DropSheet):
            if e.name in wb.sheetnames and len(wb.sheetnames) > 1:
                drop_sheet(wb, e.name)
                sheets = {ws.title: ws for ws in wb.worksheets}
        elif isinstance(e, AddChart):
            _chart(wb, e)
        elif isinstance(e, WidenRule):
            if e.sheet in sheets:
                widen_rules(sheets[e.sheet], e.cell, e.old, e.new)
        elif isinstance(e, RowFormats):
            if e.sheet in sheets:
                row_formats(sheets[e.sheet], e)
        elif isinstance(e, MergeRows):
            why = merge_rows(sheets[e.sheet], e) if e.sheet in sheets else None
            if why is not None:
                refused.append((e, why))
        else:  # pragma: no cover - a new edit kind without an applier is a bug
            raise TypeError(f"unknown edit {e!r}")
    settle()
    # 计算, 校验 and the reviewer's copies: a long text typed into a fixed-height row prints whole,
    # over the pages planned again for the taller rows; so does a form whose rows were inserted by hand
    written = {e.name for e in plan.edits if isinstance(e, SheetSpec)}
    grown = grow_typed_rows(wb, written)
    plan_pages_again(wb, [*grown, *outgrown_sheets(wb, {*written, *grown})])
    from .printout import numbered_from_its_first

    for ws in wb.worksheets:   # a form copied in LibreOffice: its 起始页码 lost
        numbered_from_its_first(ws)
    if plan.edits and isinstance(plan.edits[-1], SheetSpec) and plan.edits[-1].position == 0:
        wb.active = 0
    return refused


def load_for_edit(src: Path) -> openpyxl.Workbook:
    if src.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(f"{src}：只能在 .xlsx/.xlsm 上写入（.xls 请先另存为 .xlsx）", file=str(src))
    from .. import guard

    guard.check_workbook(src)  # the same limits as for reading, before openpyxl inflates anything
    real = guard.misnamed(src)  # callers pass such a file through ``as_xlsx``: said, should one not
    if real:
        raise WorkbookError(f"{guard._show(src)}：{guard.misnamed_said(src, real)}", file=guard._show(src))
    from .merges import install

    install()  # merged ranges formatted once per style combination: ~half the time of opening
    from .sheet import keep_fitting_rows

    keep_fitting_rows()  # a row that fits its text stays so on the copy
    try:  # openpyxl's per-cell reading and writing without its overhead, same bytes
        from .fastopenpyxl import install as install_fast
    except (ImportError, AttributeError, AssertionError):  # internals of another openpyxl release: its own code
        pass
    else:
        install_fast()  # a no-op on an openpyxl release it was not compared on (fastopenpyxl.TESTED)
    try:
        try:
            return openpyxl.load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm")
        except Exception:  # noqa: BLE001 - retried once without control characters; a second failure is reported
            from ..guard.sanitize import cleaned_package

            return openpyxl.load_workbook(cleaned_package(src), keep_vba=src.suffix.lower() == ".xlsm")
    except Exception as exc:  # noqa: BLE001 - whatever openpyxl raises becomes a located Chinese message
        raise WorkbookError(f"{guard._show(src)}：无法打开（{guard.engine_error_zh(exc)}）", file=guard._show(src)) from None


def save_new(wb: openpyxl.Workbook, dst: Path, mark: str | None = None,
             caches: dict[str, dict[str, Any]] | None = None) -> Path:
    """Save ``wb`` atomically to ``dst``; ``caches`` (sheet -> {cell: result}): formula results
    stored in the file, as a spreadsheet program would (``cache.inject``)."""
    from ..guard.outpath import check_book_name
    from ..guard.sanitize import clean_workbook

    from .workbook import macros_as_named

    dst = Path(dst)
    macros_as_named(wb, dst)
    check_book_name(dst, macros=wb.vba_archive is not None)

    clean_workbook(wb)  # an input opened for a copy carries its own cells: none may break the XML
    if mark:  # a copy of forms made by jixiao: batches skip it (``marker``)
        from ..marker import mark_openpyxl

        mark_openpyxl(wb, mark)
    with atomic_path(Path(dst)) as tmp:
        from .cache import save_with_results

        save_with_results(wb, tmp, caches)
    return Path(dst)


def _not_the_input(src: Path, dst: Path) -> None:
    if dst.exists() and src.resolve() == dst.resolve():
        raise WorkbookError(f"{dst}：输出文件不能与输入文件相同（输入文件不会被修改）", file=str(dst))


@contextmanager
def as_xlsx(src: Path) -> Iterator[Path]:
    """``src`` itself if openpyxl can edit it, else an .xlsx LibreOffice saved from it (same sheets,
    same cells; gone after the block): any workbook a batch reads (.xls, WPS .et) can get a copy
    with edits. One place for ``check --annotate``, ``calc`` and the bureau's copies (``review``).
    A file named for what it is not (``guard.misnamed``) goes by its bytes: an .xls named .xlsx is
    converted, an .xlsx named .xls is copied under its right name; ``src`` itself is never changed."""
    from .. import guard

    src = Path(src)
    real = guard.misnamed(src)
    if src.suffix.lower() in (".xlsx", ".xlsm") and not real:
        yield src
        return
    import shutil
    import tempfile

    from .office import convert

    with tempfile.TemporaryDirectory(prefix="jixiao-xlsx-") as tmp:
        if real == ".xlsx":
            yield Path(shutil.copyfile(src, Path(tmp) / f"{src.stem}.xlsx"))
        else:
            yield convert(src, "xlsx", Path(tmp))


def macros_left_out(src: Path) -> str | None:
    """What to tell the 填报人 whose Excel 97–2003 workbook (.xls, or a WPS .et) holds macros (a VBA
    project): its copy is an .xlsx (``as_xlsx``), which holds none, so they are not in it. None for any
    other file (an .xlsm keeps its macros under an .xlsm name; a damaged file is said elsewhere)."""
    from .. import guard

    src = Path(src)
    if not (src.suffix.lower() in (".xls", ".et") or guard.misnamed(src) == ".xls"):
        return None
    try:
        import olefile

        with olefile.OleFileIO(str(src)) as ole:
            if not (ole.exists("_VBA_PROJECT_CUR") or ole.exists("_VBA_PROJECT")):
                return None
    except Exception:  # noqa: BLE001 - olefile raises many kinds for a damaged or zip file: nothing to say
        return None
    return (f"注意：{src.name} 中的宏没有带入副本（副本是 .xlsx 格式，不能保存宏）；"
            "要在副本中保留宏，请先在 Excel 中把它另存为“Excel 启用宏的工作簿（*.xlsm）”，再对这个 .xlsm 文件运行，副本也命名为 .xlsm")


def grow_typed_rows(wb: openpyxl.Workbook, written: Collection[str] = ()) -> list[str]:
    """The rows of each sheet (but the ``written`` ones, laid out with their heights) whose typed
    text does not fit at the row's height grown by ``sheet.grow_rows`` (as 定稿 does), so that a
    long 偏差原因 or 说明 prints whole on the copy. Cheap pre-test: a wrapped text that fits the
    row's height in its own column (a merged cell is at least as wide) is not measured again.
    Returns the titles of the sheets whose rows it made taller (``plan_pages_again``)."""
    grown: list[str] = []
    from .fit import may_wrap, row_height
    from .sheet import grow_rows

    floor = row_height([])  # grow_rows' one line: a row lower than it is not grown for one line
    for ws in wb.worksheets:
        if ws.title in written:
            continue
        widths: dict[int, float] = {}
        heights: dict[int, float] = {}
        rows: set[int] = set()
        for (r, c), cell in ws._cells.items():
            v = cell._value
            if not isinstance(v, str) or r in rows or cell.data_type == "f" or cell.protection.locked:
                continue  # the 填报人 types into the unlocked cells: a label or formula is the template's
            w = widths.get(c)
            if w is None:
                w = widths[c] = float(ws.column_dimensions[get_column_letter(c)].width or 8.43)
            h = heights.get(r)
            if h is None:
                h = heights[r] = max(float(ws.row_dimensions[r].height or 0.0), floor)
            if may_wrap(v, w) and row_height([(v, w)]) > h:
                rows.add(r)
        if rows:
            before = {r: ws.row_dimensions[r].height for r in rows}
            grow_rows(ws, sorted(rows))
            if any(ws.row_dimensions[r].height != h for r, h in before.items()):
                grown.append(ws.title)
    return grown


def outgrown_sheets(wb: openpyxl.Workbook, skip: Collection[str] = ()) -> list[str]:
    """The sheets (but ``skip``) whose page no longer holds their rows (``printout.sheet_outgrown``): a
    form whose rows a 填报人 inserted (or made taller) by hand kept the page planned for the rows as
    they were, fitted to one page far below half its size, or a page ended where the program liked.
    ``plan_pages_again`` plans them where they are forms; any other sheet keeps its page."""
    from .printout import sheet_outgrown

    return [ws.title for ws in wb.worksheets if ws.title not in skip and sheet_outgrown(ws)]


def plan_pages_again(wb: openpyxl.Workbook, titles: Collection[str]) -> None:
    """Each form among the sheets ``titles`` (rows made taller on a copy) printed as its kind plans
    it (``FormKind.paper``, ``printout.planned_again``), as 定稿 prints it: the breaks the form
    was written with were planned for the rows as they were, and a taller 扣分原因 pushed the
    部门（单位）意见 onto a page of its own or ended a page inside a 一级指标. A sheet is planned
    again only where it is the form its kind lays out (its repeated header row and print area as the
    layout read from it has them): a form in another layout, or a sheet that is no form, keeps its
    page as it was."""
    for title in titles:
        _plan_sheet_again(wb[title])


def texts_to_appendix(wb: openpyxl.Workbook) -> int:
    """The 定稿's texts in indicator rows (merged over them or in one cell) that no page holds even made small (``printout.texts_apart``)
    printed whole on a 附页 sheet after the forms (``printout.write_appendix``), each form so changed planned
    again for its lowered rows; how many texts went there."""
    from .printout import planned_again, texts_apart, write_appendix

    from .printout import row_points

    found: list[Any] = []
    for ws in list(wb.worksheets):
        # a page holds 500 points of rows and more at any scale (landscape A4, ``PAGE_SPARE`` kept), some 100 of them
        # the repeated header at most: no sheet is read as a form (``_sheet_paper``) for merges all lower than 400,
        # as nearly every 定稿's are
        if not any(m.min_row < m.max_row and sum(row_points(ws, r) for r in range(m.min_row, m.max_row + 1)) > 400
                   for m in ws.merged_cells.ranges) and not any(row_points(ws, r) > 400 for r in ws.row_dimensions):
            continue
        paper = _sheet_paper(ws)
        if paper is None:
            continue
        heights = {r: d.height for r, d in ws.row_dimensions.items()}
        got = texts_apart(ws, paper, len(found) + 1)
        if got or heights != {r: d.height for r, d in ws.row_dimensions.items()}:   # sent apart, or made smaller
            planned_again(ws, paper)
            found += got
    if found:
        write_appendix(wb, found)
    return len(found)


def _plan_sheet_again(ws: Worksheet) -> bool:
    """``plan_pages_again`` for one sheet; True where its page was planned again."""
    from .printout import planned_again

    paper = _sheet_paper(ws)
    if paper is None:
        return False
    planned_again(ws, paper)
    return True


def _sheet_paper(ws: Worksheet) -> Any:
    """How the form on ``ws`` prints as its kind lays it out (``FormKind.paper``), or None where ``ws`` is no form
    in its kind's layout (its repeated header row and print area as the layout read from it has them)."""
    from ..forms import DETECT
    from .printout import area_bounds

    title = ws.title
    if not ws.print_area or not ws.print_title_rows:
        return None
    rows = [[None if isinstance(v, str) and v.startswith("=") or not isinstance(v, (str, int, float, type(None)))
             else v for v in row] for row in ws.iter_rows(values_only=True)]
    merges = [((m.min_row - 1, m.min_col - 1), (m.max_row - 1, m.max_col - 1)) for m in ws.merged_cells.ranges]
    read = next((got for kind in DETECT if (got := kind.read_rows(rows, title, title, merges))), None)
    if read is None or len(read[0]) != 1:
        return None
    sheet_form = read[0][0]
    kind = next(k for k in DETECT if k.owns(sheet_form.form))
    c1, r1, c2, r2 = area_bounds(ws.print_area)
    # planned at first (on one page, or with breaks in the form): a written form's paper; else
    # the blank template's (a project form's fitted to the width, unbroken, as it was)
    planned = ws.page_setup.fitToHeight == 1 or any(r1 < b.id + 1 <= r2 for b in ws.row_breaks.brk)
    paper = kind.paper(sheet_form, blank=not planned)
    if paper is None or (paper.keep_from is None and not paper.one_page):
        return None
    repeated = ws.print_title_rows.replace("$", "").split("!")[-1]
    last = paper.notes_row + len(paper.notes) - 1 if paper.notes and paper.notes_row else paper.last_row
    if repeated != paper.title_rows or get_column_letter(c2) != paper.last_col or r2 != last:
        return None
    return paper


@dataclass(frozen=True)
class SheetPages:
    """What a host that is no file (Excel, through the add-in) tells of one sheet's print, for
    ``pages_again``: the same facts ``plan_pages_again`` reads from an openpyxl sheet."""

    values: list[list[Any]]            # from A1, as shown (a formula's result)
    merges: list[str]                  # merged ranges, "A14:A20"
    heights: dict[int, float]          # row -> height in points (0: hidden)
    widths: dict[int, float]           # column (from 1) -> width in characters
    print_area: str | None             # "$A$1:$I$40"
    title_rows: str | None             # "$13:$13"
    breaks: list[int]                  # the rows the manual page breaks put at a page's top
    one_page: bool                     # fitted to one page tall
    footer: str | None                 # the centre footer
    header: str | None = None          # the right header of the pages after the first (“续表”)
    # the cells whose text wraps ("I16" -> its font size): the texts the plan may make smaller to fit a page
    # (``printout.fit_merged``, ``_text_pulled_up``) and the others that keep their rows as tall as they are
    texts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PagesAgain:
    """A form's page planned again (``pages_again``), as edits for the host: the merged cells split or
    joined at the new breaks (ranges off, then values, then ranges on), the manual breaks inside the
    print area (``old_breaks`` off, ``breaks`` on), one page tall or not, the centre footer (on the first
    page too) and the right header of the pages after the first (``printout.page_marks``: None, a form
    on one page, with no header of a page of its own)."""

    unmerge: list[str]
    values: dict[str, Any]
    merge: list[str]
    old_breaks: list[int]
    breaks: list[int]
    one_page: bool
    footer: str | None
    header: str | None = None
    sizes: dict[str, float] = field(default_factory=dict)     # a text made smaller: its cell's font size
    heights: dict[int, float] = field(default_factory=dict)   # its rows lowered (or raised) to match: row -> points


def pages_again(title: str, facts: SheetPages) -> PagesAgain | None:
    """The page of the sheet ``title`` planned again for its rows' heights now, as
    ``plan_pages_again`` plans a copy's (one plan, one place): the add-in grows a row in Excel
    (``addin.host``) as the CLI's copies grow it, and without this kept the breaks planned for the
    rows as they were. None where the sheet is not a form its kind lays out, or nothing changes."""
    from .printout import area_bounds, page_marks

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r, row in enumerate(facts.values, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None and v != "":
                ws.cell(row=r, column=c).value = v
    for rng in facts.merges:
        ws.merge_cells(rng)
    for ref, size in facts.texts.items():   # as Excel has them: the plan measures and may make them smaller
        ws[ref].font, ws[ref].alignment = Font(sz=size), Alignment(wrap_text=True)
    for r, h in facts.heights.items():
        if h <= 0:
            ws.row_dimensions[r].hidden = True
        else:
            ws.row_dimensions[r].height = h
    for c, w in facts.widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    if not facts.print_area or not facts.title_rows:
        return None
    ws.print_area = facts.print_area.replace("$", "")
    ws.print_title_rows = facts.title_rows.replace("$", "")
    for r in facts.breaks:
        ws.row_breaks.append(Break(id=r - 1))
    ws.page_setup.fitToHeight = 1 if facts.one_page else 0
    page_marks(ws, facts.footer or None)
    ws.oddHeader.right.text = facts.header or None   # as Excel has it: a workbook from before “续表” has none
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    before = {m.coord for m in ws.merged_cells.ranges}
    shown = {(r, c): v for (r, c), cell in ws._cells.items() if (v := cell.value) is not None}
    if not _plan_sheet_again(ws):
        return None
    after = {m.coord for m in ws.merged_cells.ranges}
    now = {(r, c): v for (r, c), cell in ws._cells.items() if (v := cell.value) is not None}
    values = {f"{get_column_letter(c)}{r}": now.get((r, c)) for r, c in sorted(set(shown) | set(now))
              if shown.get((r, c)) != now.get((r, c))}
    inside = [r for r in facts.breaks if r1 < r <= r2]
    breaks = [b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2]
    one_page = ws.page_setup.fitToHeight == 1
    footer, header = ws.oddFooter.center.text or None, ws.oddHeader.right.text or None
    sizes = {ref: float(ws[ref].font.sz) for ref, size in facts.texts.items() if ws[ref].font.sz != size}
    heights = {r: float(h) for r, was in facts.heights.items()
               if was > 0 and (h := ws.row_dimensions[r].height) is not None and h != was}
    if (before == after and not values and sorted(inside) == sorted(breaks) and one_page == facts.one_page
            and footer == (facts.footer or None) and header == (facts.header or None) and not sizes and not heights):
        return None
    return PagesAgain(unmerge=sorted(before - after), values=values, merge=sorted(after - before),
                      old_breaks=sorted(inside), breaks=sorted(breaks), one_page=one_page, footer=footer,
                      header=header, sizes=sizes, heights=heights)


def annotated_copy(src: Path, dst: Path, plan: Plan) -> Path:
    """The 校验 marks of ``plan`` on a copy of ``src``: an .xlsx where ``src`` is not one (``as_xlsx``)."""
    src, dst = Path(src), Path(dst)
    _not_the_input(src, dst)
    with as_xlsx(src) as book:
        return apply_to_copy(book, dst, plan)


def apply_to_copy(src: Path, dst: Path, plan: Plan, mark: str | None = "annotated") -> Path:
    src, dst = Path(src), Path(dst)
    _not_the_input(src, dst)
    from ..batch import quiet_gc

    with quiet_gc():  # a workbook's 10,000s of cells and styles: collections that freed nothing were ~15 % (#18)
        wb = load_for_edit(src)
        from .cache import stored_results

        stored = stored_results(src)  # openpyxl saves the formulas without the results the file holds
        freeze_refs(wb, stored, [e.name for e in plan.edits if isinstance(e, DropSheet)])
        if RESULT_SHEET in wb.sheetnames and any(isinstance(e, SheetSpec) and e.name == RESULT_SHEET
                                                 for e in plan.edits):
            # a workbook checked before (the 填报人's own 校验): marks of cells put right since go
            rows = [list(r) for r in wb[RESULT_SHEET].iter_rows(max_col=4, values_only=True)]
            plan = unmark_earlier(plan, earlier_marks(rows))
        apply_plan(wb, plan)
        # with the results of the formulas the plan wrote
        from .recalc import results_after_edits

        caches = results_after_edits(wb, stored, plan)
        out = save_new(wb, dst, mark, caches=caches)
        if wb.vba_archive is not None:  # an .xlsm's parts, in memory: closed here, not by a finaliser
            wb.vba_archive.close()      # racing its buffer's in the collection below ("I/O operation on closed file")
        del wb  # unreachable before the collector is back: its first collection frees the workbook
    return out
