"""Edits planned by the core, applied by whoever holds the workbook.

The checker, the 计算 button and the summary do not touch a workbook themselves: they
return a ``Plan`` — a list of plain edits (a value, a fill, a comment, a whole new sheet
described as data, a chart). The CLI applies it to a copy of a file with openpyxl
(``apply_xlsx``); the Excel add-in applies the very same plan to the open workbook
through xlwings. One plan, two appliers, so the button and the command cannot drift.

Text is text: a string in a plan is always written as a string, even when it starts with
"=" (text copied from a form must never become a formula). A formula is a ``Formula``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Union

from ..core.expected import is_instruction, said_in
from ..core.quotes import in_words
from ..reports.text import nest_quotes, nested
from ..core.findings import RESULT_HEADER, RESULT_SHEET, SEVERITY_ZH, Finding, is_result_sheet, says_blank
from ..core.numbers import BLANK

FILL_BY_SEVERITY = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
MARK_FILLS = frozenset(FILL_BY_SEVERITY.values())
# A sheet's conditional formats paint over a cell's own fill (Excel, WPS, LibreOffice): an
# error's red is also set as a conditional format of the cell, always on (``MARK_RULE``) and
# first, so no format of the sheet (the 偏差原因 yellow of a workbook made from an older
# template, a 填报人's own) shows an error as something less.
ABOVE_FORMATS = frozenset({FILL_BY_SEVERITY["error"]})
MARK_RULE = "TRUE"
from .comment_text import MARK_TAG  # noqa: F401 - how a 校验's own comment lines are told apart

# Named cell styles a SheetSpec may use; each applier maps them to its own objects.
STYLES = {
    "title": {"font": "黑体", "size": 16, "bold": True, "align": "center", "border": False},
    "subtitle": {"font": "宋体", "size": 11, "bold": False, "align": "left", "border": False},
    "header": {"font": "宋体", "size": 10.5, "bold": True, "align": "center", "border": True},  # no fill: prints as published
    "body": {"font": "宋体", "size": 10.5, "bold": False, "align": "left", "border": True},
    "center": {"font": "宋体", "size": 10.5, "bold": False, "align": "center", "border": True},
    "number": {"font": "宋体", "size": 10.5, "bold": False, "align": "right", "border": True},
    "note": {"font": "宋体", "size": 9.5, "bold": False, "align": "left", "border": False},
    # a file or sheet name beside a right-aligned count (项目明细's 警告数, then 来源): a character's indent,
    # or “4” and “523-…xlsx” printed as one “4523-…”
    "source": {"font": "宋体", "size": 10.5, "bold": False, "align": "left", "border": True, "indent": 1},
}
# A link's text: underlined, clickable on screen, black on paper in Excel and WPS (it was Excel's blue
# 0563C1). LibreOffice draws a link cell in its own link colour whatever the font says: a sheet for
# paper (the 定稿's) has its 来源 as plain text, no link.
LINK_FONT: dict[str, Any] = {"font": "宋体", "size": 10.5, "color": "000000"}


@dataclass(frozen=True)
class Formula:
    """A cell formula, e.g. ``Formula("=SUM(D5:D27)")``."""

    text: str


@dataclass
class SetValue:
    sheet: str
    cell: str
    value: Any
    kind: str = "set_value"
    # a formula rewritten that no other cell of its sheet reads (a 等级 to the profile's bands): the sheet's other
    # stored results stay right (``Plan.restated_sheets``), its own new result comes in ``Plan.results``
    alone: bool = False


@dataclass
class SetNumber:
    """A number written as text in a form's number cell (“6人”, “20000元”) made the number it was read
    as (计算): ``number_format`` first where the cell is formatted as text (``@``) — Excel's object
    model keeps a number written into a text cell as text — or where a percentage goes into a cell
    whose format shows none (“98.5%” would show as 0.985), any other format kept
    (``number_format_goes``); a cell that holds a formula (one computing a text) is left alone."""

    sheet: str
    cell: str
    value: float | int
    number_format: str = "General"
    kind: str = "set_number"


def number_format_goes(cell_format: str | None, number_format: str) -> bool:
    """Does ``SetNumber``'s ``number_format`` replace the cell's own format ``cell_format``?"""
    cell_format = cell_format or "General"
    return cell_format == "@" or ("%" in number_format and "%" not in cell_format)


@dataclass
class SetFill:
    """A mark's colour on a cell; one of ``ABOVE_FORMATS`` also as the cell's first conditional
    format (an earlier such format of ours on the cell goes first, whatever the new colour)."""

    sheet: str
    cell: str
    color: str  # RRGGBB
    kind: str = "set_fill"


@dataclass
class SetComment:
    sheet: str
    cell: str
    text: str
    author: str = "绩效自评助手"
    kind: str = "set_comment"


@dataclass
class WidenRule:
    """The conditional formats on ``cell`` reading ``old`` (a range, “$G$14:$G$33”) made to read ``new``
    (“$G$14:$G$34”): the template's red “Σ分值 ≠ 100” on the 总分 row's 分值 reads its indicator rows by an
    absolute range, which a row inserted right above 总分 does not widen (``typed.short_sums``); 计算 widens
    the 总分 formulas and this with them, or the cell stays red over a 分值合计 of 100. Nothing else changes."""

    sheet: str
    cell: str
    old: str
    new: str
    kind: str = "widen_rule"


@dataclass
class RowFormats:
    """Rows ``first``..``last`` given the formats of row ``like``: each cell's style (font, fill, border,
    number format, protection: unlocked where ``like``'s are), ``like``'s height, and the data validations
    (dropdown lists, input hints) and conditional formats (得分超过分值, 偏差原因 …) that start on ``like``
    widened up over them — those over the whole indicator table (down to row ``table_end``) always, those of
    the first group only where ``groups`` (the rows are read as that group's). Why: Excel, WPS and LibreOffice
    give a row inserted right under the indicator table's header the header's formats (bold, locked on the
    protected template) and none of the rows' validations and formats: the 填报人 could not type into it, and
    计算 widened the totals over it while it stayed a header row. ``like`` is the template's first indicator
    row, moved down under the inserted rows (``forms.sums.ShortSums.top_rows``)."""

    sheet: str
    first: int
    last: int
    like: int
    table_end: int
    groups: bool = False
    kind: str = "row_formats"


@dataclass
class MergeRows:
    """The cell ``old`` of a group's column (a 一级/二级 name, 分值 or 得分: “A9:A11”, merged, or “D9”, one row)
    made the merged ``new`` (“A8:A11”: the same column, over the rows inserted next to it), its content in the
    top-left cell of ``new``. Only where every cell of ``new`` holds that same content or nothing — the group's
    name typed again on the inserted row, nothing lost; else (another text or number typed there, or ``old``
    not the area merged on the sheet) the cells stay as they are. Why: Excel, WPS and LibreOffice do not widen a
    merged area for a row inserted right above or below it: the group's 一级/二级 cells stayed short and the
    printed form showed the new row outside its group, though it is read and summed as the group's."""

    sheet: str
    old: str
    new: str
    kind: str = "merge_rows"


# an edit an applier left undone, and why (``merge_refused``'s Chinese sentence): ``Host.apply`` returns them, and
# 计算 says only what was done (a ``MergeRows`` refused was said as merged)
Refused = tuple[MergeRows, str]


def merge_refused(e: MergeRows, texts: list[tuple[str, str]], other: str | None = None, kept: bool = True) -> str | None:
    """Why an applier leaves ``e`` undone and what to do, in Chinese naming the cells, or None where it may merge:
    ``kept`` False where ``old`` is not the area merged on the sheet (changed since it was read), ``other`` another
    merged area within ``new``, ``texts`` the (cell, content as written: a formula's text, a number's) of ``new``'s
    cells in row order, ``old``'s first cell among them — each must be that cell's content or blank. The message
    names the sheet and ``e.new`` (``actions.merges_said``); the 填报人 merges by hand: a second 计算 finds the
    totals widened and plans nothing. One text for both hosts (the copy's ``apply.merge_rows``, the add-in's
    ``_merge_rows``)."""
    if not kept:
        return f"{e.old} 已不是读表时的合并格，请核对后选中 {e.new} 合并单元格（再点“计算”不会再合并）"
    if other is not None:
        return f"其中 {other} 是另一个合并格，请取消 {other} 的合并，再选中 {e.new} 合并单元格（再点“计算”不会再合并）"
    first = e.old.split(":")[0]
    own = next((t.strip() for c, t in texts if c == first), "")
    own = own or next((t.strip() for _c, t in texts if t.strip()), "")
    for cell, text in texts:
        if text.strip() and text.strip() != own:
            return (f"{cell} 中填有“{text.strip()}”，与这一组的内容不同，合并会丢掉它；新行属于这一组的，"
                    f"请删去 {cell} 中的内容，再选中 {e.new} 合并单元格（再点“计算”不会再合并）")
    return None


def _range_cells(area: str) -> list[str]:
    """The cells of one column's area (“C8:C11”, or “C8”), in row order: a ``MergeRows``' ``new``."""
    first, _, last = area.partition(":")
    col = first.rstrip("0123456789")
    top, bottom = int(first[len(col):]), int((last or first)[len(col):])
    return [f"{col}{r}" for r in range(top, bottom + 1)]


def refused_as_read(e: MergeRows, read: Callable[[str, str], Any]) -> str | None:
    """``merge_refused`` of ``e`` by its cells' contents as a host read them (``read``: sheet, cell -> value; a
    formula's result where it holds one), before any edit: where the applier will refuse it, a group merged up over
    rows inserted above it keeps its content in its own first cell (``forms.sums.ShortSums.stay``) — moved, the
    得分's formula was written over what the 填报人 typed in the new row's cell."""
    return merge_refused(e, [(c, "" if (v := read(e.sheet, c)) is None else _plain_text(v)) for c in _range_cells(e.new)])


def _plain_text(v: Any) -> str:
    """A value as read, as ``merge_refused`` compares contents: 18.0 as “18”."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


@dataclass
class ClearMark:
    """Take away an earlier 校验's mark from a cell that has no finding now (the 填报人 put it
    right): its comment if it is ours (``MARK_TAG`` in it), its fill if that is still one of
    the mark colours, the conditional format ``SetFill`` gave an error. A cell the user
    recoloured or commented on since is left as it is."""

    sheet: str
    cell: str
    kind: str = "clear_mark"


def link_location(target: str) -> str | None:
    """Where a ``SheetSpec`` link inside the workbook ("sheet!A1") goes, as Excel writes a
    reference: the sheet name quoted, its apostrophes doubled (``'O''Brien 的项目'!H17``); None
    for a link to a file. Both appliers write links through this: a sheet named with an
    apostrophe otherwise gets a link Excel calls not valid."""
    if "!" not in target or target.startswith(("/", ".", "file:", "http")) or "#" in target:
        return None
    sheet, cell = target.rsplit("!", 1)
    return "'" + sheet.replace("'", "''") + "'!" + cell


@dataclass
class SheetSpec:
    """A whole sheet as data, replacing any sheet of the same name.

    cells: ref -> value or Formula; styles/formats/fills: "A1:C3" range -> style name,
    number format or RRGGBB; links: ref -> "sheet!A1" (inside the workbook) or a path.

    Printed on A4 fitted to the page's width, as many pages tall as it takes: a new page at each
    row of ``row_breaks`` (manual page breaks: a fixed number of pages tall would override them)
    and wherever a page is full.
    """

    name: str
    cells: dict[str, Any] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    widths: dict[str, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    styles: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    fills: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    freeze: str | None = None
    landscape: bool = False
    print_area: str | None = None
    print_titles: str | None = None  # rows repeated on every printed page, e.g. "2:2"
    row_breaks: list[int] = field(default_factory=list)  # rows that start a printed page, e.g. [40, 80]
    position: int | None = None  # index among the sheets; None = last
    kind: str = "sheet"


def drop_columns(spec: SheetSpec, letters: Collection[str]) -> SheetSpec:
    """``spec`` without the columns ``letters`` (whole columns: each a letter of the spec), the
    columns right of them moved left, as deleting them in Excel would: cells, widths, links, and
    every range (merges, styles, formats, fills, the print area) shrunk to the columns it keeps —
    dropped where it keeps none. For a sheet written whole (a value per cell, no formula that names
    a dropped column's cells): the 定稿's 项目明细 without the review's columns."""
    from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

    gone = sorted(column_index_from_string(c) for c in letters)
    if not gone:
        return spec

    def moved(col: int) -> int | None:
        return None if col in gone else col - sum(1 for g in gone if g < col)

    def rng(ref: str) -> str | None:
        """A cell or a range (openpyxl's ``range_boundaries`` reads both) with its columns moved."""
        try:
            lo, top, hi, bottom = range_boundaries(ref)
        except (ValueError, TypeError):
            return ref   # not a reference of cells: as it is
        kept = [m for c in range(lo or 1, (hi or 1) + 1) if (m := moved(c)) is not None]
        if not kept:
            return None
        first = f"{get_column_letter(min(kept))}{top}"
        return first if ":" not in ref else f"{first}:{get_column_letter(max(kept))}{bottom}"

    def remap(d: dict[str, Any], how: Callable[[str], str | None]) -> dict[str, Any]:
        return {k2: v for k, v in d.items() if (k2 := how(k)) is not None}

    spec.cells = remap(spec.cells, rng)
    spec.links = remap(spec.links, rng)
    spec.styles, spec.formats, spec.fills = remap(spec.styles, rng), remap(spec.formats, rng), remap(spec.fills, rng)
    spec.merges = [m2 for m in spec.merges if (m2 := rng(m)) is not None]
    spec.widths = {get_column_letter(c): w for k, w in spec.widths.items()
                   if (c := moved(column_index_from_string(k))) is not None}
    if spec.print_area:
        spec.print_area = rng(spec.print_area)
    if spec.freeze:
        spec.freeze = rng(spec.freeze) or spec.freeze
    return spec


@dataclass
class DropSheet:
    """A sheet removed if the workbook has it: a list that no longer applies (the 汇总's 未能读取
    sheet once every form is read) must not stay behind, saying what is no longer true."""

    name: str
    kind: str = "drop_sheet"


@dataclass
class AddChart:
    """A chart on a sheet: bar (categories + one or more series) from cell ranges."""

    sheet: str
    anchor: str
    title: str
    categories: str          # e.g. "'项目明细'!$B$3:$B$25"
    series: list[tuple[str, str]]  # (name, values range)
    chart: str = "bar"       # bar | col
    width_cm: float = 16
    height_cm: float = 8
    kind: str = "chart"
    value_min: float | None = None   # where the value axis starts (0: a bar is as long as its value); None: the viewer's
    value_step: float | None = None  # between the value axis's labels (1: counts of projects, not 0.5); None: the viewer's
    value_format: str | None = None  # the value axis's number format (“0%”); None: as its cells show them
    top_down: bool = False           # the first category at the top (a list read by its 序号), the value axis under the bars


Edit = Union[SetValue, SetNumber, SetFill, SetComment, ClearMark, SheetSpec, DropSheet, AddChart, WidenRule,
             RowFormats, MergeRows]


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    # sheet -> {cell: result} of formulas the edits write, stored with them in a copy (``apply_to_copy``)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, edit: Edit) -> None:
        self.edits.append(edit)

    def extend(self, other: "Plan") -> None:
        self.edits.extend(other.edits)
        self.add_results(other.results)

    def add_results(self, results: dict[str, dict[str, Any]]) -> None:
        """More formula results to store with the edits (sheet -> {cell: result}); a later one of a cell stands."""
        for sheet, cells in results.items():
            self.results[sheet] = {**self.results.get(sheet, {}), **cells}

    def to_list(self) -> list[dict[str, Any]]:
        return [asdict(e) for e in self.edits]

    def restated_sheets(self) -> set[str]:
        """The changed sheets whose only value edits are formulas nothing else on the sheet reads (``SetValue.alone``):
        a copy keeps their other stored results (a form whose 等级 was rewritten keeps its 得分 and 总分 shown)."""
        alone = {e.sheet for e in self.edits if isinstance(e, SetValue) and e.alone}
        return alone - self._edited(alone_too=False)

    def changed_sheets(self) -> set[str]:
        """The sheets whose values the plan changes: a value written, a sheet written anew or
        removed (fills, comments and charts change no value)."""
        return self._edited(alone_too=True)

    def _edited(self, alone_too: bool) -> set[str]:
        """The sheets of the edits that change values; ``alone_too``: with the formulas ``SetValue.alone`` rewrites."""
        return {e.sheet if isinstance(e, (SetValue, SetNumber)) else e.name for e in self.edits
                if isinstance(e, (SetValue, SetNumber, SheetSpec, DropSheet))
                and (alone_too or not (isinstance(e, SetValue) and e.alone))}


def earlier_marks(rows: list[list[Any]]) -> set[tuple[str, str]]:
    """The cells an earlier 校验 marked, from the values of the 校验结果 sheet it wrote (its
    工作表 and 单元格 columns); nothing if that sheet is not one of ours."""
    import re

    if not is_result_sheet(rows):
        return set()
    ref = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")  # a cell address, nothing a user may have typed there
    return {(str(r[2]), str(r[3])) for r in rows[2:] if len(r) > 3 and r[2] and ref.fullmatch(str(r[3] or ""))}


def annotation_plan(findings: list[Finding], sheets: set[str] | None = None,
                    earlier: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
                    drop: Iterable[str] = (), names: dict[str, str] | None = None) -> Plan:
    """Mark every finding on its cell (fill by severity, a comment with message and
    expected value) and list all findings on a 校验结果 sheet with links to their cells.

    Where one cell has several findings, the worst severity colours it and the comment
    holds them all. The cells of ``earlier`` (``earlier_marks``) that have no finding now are
    cleared first: a cell put right must not stay red with the old comment. The sheets of
    ``drop`` are taken out of the copy first (another department's forms, in a workbook that
    holds several departments' forms: each is sent a copy with its own only). ``names``
    (``Batch.form_names``) names each finding's form in the 校验结果's 项目 column.
    """
    plan = Plan([DropSheet(name) for name in sorted(drop)])
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet and f.cell and (sheets is None or f.sheet in sheets):
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    order = {"error": 0, "warning": 1, "info": 2}
    for (sheet, cell), fs in by_cell.items():
        fs.sort(key=lambda f: order[f.severity])
        plan.add(SetFill(sheet, cell, FILL_BY_SEVERITY[fs[0].severity]))
        lines = []
        for f in fs:
            line = f.message
            expected = str(_fmt(f, "expected")) if f.expected is not None else ""
            if expected and not said_in(f.message, expected):   # as the 退回修改通知 says it: not twice
                # and in its words, after a comma: “（应…）” after a message ending in “）” put brackets side
                # by side, and an instruction with brackets of its own (G2's “（含……）”) brackets in brackets
                line = line.rstrip("。，；") + "，" + (f"应{expected}" if is_instruction(expected) else f"应为“{nested(expected)}”")
            line = f"【{SEVERITY_ZH[f.severity]}】{nest_quotes(line)}"   # as the 通知 quotes it (GB/T 15834)
            line += f"{MARK_TAG}{f.rule}〕"   # after the text: a bare "A3" at the start reads like a cell address
            lines.append(line.replace("\n", " "))   # one line each: ``comment_text`` tells ours apart by line
        plan.add(SetComment(sheet, cell, "\n".join(lines)))
    plan.add(result_sheet(findings, sheets, names))
    return unmark_earlier(plan, earlier)


def unmark_earlier(plan: Plan, earlier: set[tuple[str, str]] | frozenset[tuple[str, str]]) -> Plan:
    """``plan`` with the cells of ``earlier`` that it does not mark again cleared first."""
    marked = {(e.sheet, e.cell) for e in plan.edits if isinstance(e, SetFill)}
    clears: list[Edit] = [ClearMark(s, c) for s, c in sorted(earlier) if (s, c) not in marked]
    return Plan(clears + plan.edits, plan.results) if clears else plan


def result_sheet(findings: list[Finding], sheets: set[str] | None = None,
                 names: dict[str, str] | None = None) -> SheetSpec:
    spec = SheetSpec(RESULT_SHEET, position=0, freeze="A3", landscape=True, print_titles="2:2")
    header = RESULT_HEADER
    widths = [6, 6, 22, 8, 26, 60, 22, 12, 24]   # 应为 holds a value or an instruction (issue 14)
    cols = "ABCDEFGHI"
    from collections import Counter

    c = Counter(f.severity for f in findings)
    spec.cells["A1"] = f"校验结果：错误 {c['error']} 个，警告 {c['warning']} 个，提示 {c['info']} 个（点击单元格地址可跳转）"
    spec.merges.append("A1:I1")
    spec.styles["A1"] = "subtitle"
    for i, (h, w) in enumerate(zip(header, widths)):
        spec.cells[f"{cols[i]}2"] = h
        spec.widths[cols[i]] = w
    spec.styles["A2:I2"] = "header"
    r = 3
    from .fit import row_height

    for f in findings:  # in the checker's order: form by form, errors first
        file = Path(f.file).name if f.file else ""  # the name; the folder is the user's own
        form = (names or {}).get(f.source or "") or f.project or ""  # the form it is on, as a reader names it
        # 应为 and 表中为 as a document says a category (“效益指标中的社会效益指标”, ``core.quotes.in_words``): the
        # review's marked copy, this sheet in it, is sent to the department; the finding's fields keep the path
        row = [SEVERITY_ZH[f.severity], f.rule, f.sheet or "", f.cell or "", form, nest_quotes(f.message),
               *(in_words(v) if isinstance(v, str) else v for v in (_fmt(f, "expected"), _found(f))), file]
        for i, v in enumerate(row):
            spec.cells[f"{cols[i]}{r}"] = v
        if f.sheet and f.cell and (sheets is None or f.sheet in sheets):
            spec.links[f"D{r}"] = f"{f.sheet}!{f.cell}"
        spec.fills[f"A{r}"] = FILL_BY_SEVERITY[f.severity]
        # as tall as its wrapped texts (an 应为 instruction runs to four lines) at the line the form sheets
        # count: 13 pt a line let four lines touch the borders. Not the 表中为: a whole typed paragraph
        # quoted there would make a page-tall row of a 12-wide column; its cell wraps, cut at the row.
        spec.heights[r] = row_height([(f.message, 60), (form, 26), (f.sheet, 22), (file, 24),
                                      (str(_fmt(f, "expected")), 22)])
        r += 1
    if r > 3:
        spec.styles[f"A3:I{r - 1}"] = "body"
    spec.print_area = f"A1:I{max(r - 1, 2)}"
    return spec


def _found(f: Finding) -> Any:
    """A finding's 表中为 on the 校验结果 sheet: “空白” where its message says the cell is blank (“……，表中为空白”,
    ``core.findings.says_blank``), as the 退回修改通知 and its 清单 say it — the column was left empty, which
    beside a written cell's “已完成” read as nothing to show; else the figure as shown (``_fmt``)."""
    shown = _fmt(f, "found")
    return BLANK if shown in (None, "") and says_blank(f.cell, f.found, f.message) else shown


def _fmt(f: Finding, key: str) -> Any:
    """A finding's 应为 or 表中为 (``key``: "expected", "found") as the 填报人 sees it (``forms.finding_shown``:
    “99.05%”, “20 分”, “128.77 万元”, “其下三级指标分值合计 25 分”), not the JSON's bare 0.9905 or 20."""
    from ..forms import finding_shown

    return finding_shown(f, key)
