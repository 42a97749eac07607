"""What every form sheet jixiao writes shares: fonts, fills, borders, formats, input cells,
validations, the title, protection — so the three form kinds look alike on paper.

The project form's own sheet is ``forms/project/sheet.py``; what follows about the computed
cells holds for it and for the other kinds:

The blank template and a filled form are the same sheet; a filled one just has values in
its input cells. The computed cells (执行率, 执行率得分, Σ分值, 总分, 等级) hold native
formulas, except where the filler wrote a different number: then the cell holds what was
written, as if typed over the formula, so that reading the file returns it and the
checker can flag it. Where a formula stays, the value it computes is recorded so the
saved file carries a cached value like one saved by a spreadsheet program.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Mapping, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from ..core.numbers import MONEY_FORMAT, SCORE_FORMAT
from .plan import FILL_BY_SEVERITY
from .fit import SMALL_SIZE, cell_height, grown_height, row_height  # noqa: F401 - row_height re-exported: the form sheets import it from here
from .sheetnames import safe_sheet_title  # noqa: F401 - re-exported: the workbooks import it from here
from .style import set_style as _style

BODY_FONT = "宋体"
TITLE_FONT = "黑体"

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
F_TITLE = Font(name=TITLE_FONT, size=18, bold=True)
F_YEAR = Font(name=BODY_FONT, size=12)
F_LABEL = Font(name=BODY_FONT, size=10.5, bold=True)
F_BODY = Font(name=BODY_FONT, size=10.5)
F_CALC = Font(name=BODY_FONT, size=10.5, color="1F3864")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
# one line that shrinks rather than wraps: a signature-row value ("2024年3月1日") in a narrow column
LEFT_FIT = Alignment(horizontal="left", vertical="center", shrink_to_fit=True)
# a typed 万元 figure: a number wider than its cell prints “###” (wrapping does not help a number), so
# it shrinks — 120000.5678 in the 12-unit 全年执行数 column of the template (``fill`` widens the column)
MONEY_FIT = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
# a figure beside its label (the 部门整体表's header: 编制人数, 总收入（万元） …): at the right, as the official
# form prints it and a figure reads by its units, shrinking like ``MONEY_FIT`` rather than printing “###”;
# the text style (``LEFT``) printed 2903.8592 at the left of its cell in the 定稿
FIGURE_FIT = Alignment(horizontal="right", vertical="center", shrink_to_fit=True)
UNDERLINE = Border(bottom=_thin)
FILL_LABEL = PatternFill("solid", fgColor="F2F2F2")
FILL_CALC = PatternFill("solid", fgColor="EAF1FB")
FILL_NA = PatternFill("solid", fgColor="D9D9D9")
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
FMT_TEXT = "@"
FMT_MONEY = MONEY_FORMAT   # the reports state 万元 as these cells show them
FMT_SCORE = "General"  # typed scores print as typed; "0.##" prints 10 as "10." in Excel and WPS
FMT_SCORE_CALC = SCORE_FORMAT  # computed scores: explicit decimals (0.00), as the reports state them
FMT_RATE = "0.00%"
FMT_YEAR = '"（"0"年度）"'
FMT_GRADE = '"等级："@'

# the on-screen hints in the colours 校验 marks with (``plan.FILL_BY_SEVERITY``)
CF_RED = PatternFill("solid", fgColor=FILL_BY_SEVERITY["error"], bgColor=FILL_BY_SEVERITY["error"])
CF_YELLOW = PatternFill("solid", fgColor=FILL_BY_SEVERITY["warning"], bgColor=FILL_BY_SEVERITY["warning"])


def cf_fill(code: str) -> PatternFill:
    """The on-screen hint's colour for a cell the rule ``code`` will find wrong: red for an error,
    yellow for a warning, as 校验 marks it. A conditional format wins over the cell's own fill in
    Excel, WPS and LibreOffice, so a hint of the other colour repainted 校验's red mark yellow (the
    “扣分 without a reason” errors D6, F8, V7 showed as warnings)."""
    from ..checking.rules import load_catalogue

    return CF_RED if load_catalogue()[code].severity == "error" else CF_YELLOW


# --------------------------------------------------------------------------------------
# small cell helpers
# --------------------------------------------------------------------------------------

def keep_text(c: Any, value: str) -> None:
    """A string into an openpyxl cell as text, even when it starts with = + - @ ("=1 人"): openpyxl would
    otherwise take it for a formula. The form sheets' text (``put_text``) and the plans' (``apply.write_value``)
    go through here; the fixed labels and dashes the sheet builders write are never read as formulas."""
    c.value = value
    c.data_type = "s"
    if value[:1] in "=+-@":
        c.quotePrefix = True


def put_text(ws: Worksheet, ref: str, value: str | None) -> None:
    """Write text that must stay text (``keep_text``), or blank the cell."""
    if value is None:
        ws[ref].value = None
    else:
        keep_text(ws[ref], value)


def put_number(ws: Worksheet, ref: str, value: int | float | None) -> None:
    ws[ref].value = value


def agrees(written: Any, computed: Any) -> bool:
    """Does a written value agree with the formula's result (to floating-point noise)?"""
    if written is None:
        return True
    if not isinstance(written, (int, float)) or not isinstance(computed, (int, float)):
        return False
    return math.isclose(written, computed, rel_tol=1e-9, abs_tol=1e-9)


def agrees_as_shown(written: Any, computed: Any, places: int = 4) -> bool:
    """A written value that is the formula's result as a sheet shows it, rounded to at most ``places``
    decimals (``agrees`` otherwise): the 执行率 99.05% another county's form shows for 128.765432 ÷ 130
    (0.9905 against 0.990503…) is that formula's value at the template's 0.00%, shown alike. Without it
    ``import`` typed 0.9905 over the template's 执行率 formula, which then no longer followed the money."""
    if agrees(written, computed):
        return True
    if not isinstance(written, (int, float)) or not isinstance(computed, (int, float)) \
            or isinstance(written, bool) or not (math.isfinite(written) and math.isfinite(computed)):
        return False
    shown = round(written, places)
    return math.isclose(written, shown, rel_tol=0, abs_tol=1e-9) and math.isclose(
        round(computed, places), shown, rel_tol=0, abs_tol=1e-9)


def place_computed(ws: Worksheet, ref: str, formula: str, written: Any, computed: Any,
                   caches: dict[str, Any], *, same: Any = agrees, values_only: bool = False,
                   read: bool = True) -> Any:
    """A computed cell: its formula (with the result cached) where the written value agrees or
    is absent, else the written value as if typed over the formula. Returns what it shows.
    Shared by the project and the department form.

    ``values_only`` (the 定稿 copy): the result itself, no formula; a cell the form was read from
    shows what was read, blank where it read blank. The twin does not fill that blank: where a
    formula left out a number typed as text, the workbook showed a blank (its totals without
    it) and the check reported it, so the copy shows a blank too. A cell the form does not
    carry (``read=False``, the project form's 等级) shows its formula's result."""
    if values_only and read and written is None:
        ws[ref].value = None
        return None
    if same(written, computed):
        if values_only:
            ws[ref].value = computed
        else:
            ws[ref].value = formula
            if computed is not None:
                caches[ref] = computed
        return computed
    if isinstance(written, str):
        put_text(ws, ref, written)
    else:
        ws[ref].value = written
    return written


# --------------------------------------------------------------------------------------
# the sheet
# --------------------------------------------------------------------------------------

def _box(ws: Worksheet, rng: str, *, fill: PatternFill | None = None) -> None:
    for row in ws[rng]:
        for c in row:
            if fill is not None:
                _style(c, border=BORDER, fill=fill)
            else:
                _style(c, border=BORDER)


def _label(ws: Worksheet, ref: str, text: str, merge_to: str | None = None) -> None:
    c = ws[ref]
    c.value = text
    _style(c, font=F_LABEL, alignment=CENTER, fill=FILL_LABEL)
    if merge_to:
        ws.merge_cells(f"{ref}:{merge_to}")
        _box(ws, f"{ref}:{merge_to}", fill=FILL_LABEL)


def _input(ws: Worksheet, ref: str, merge_to: str | None = None, *, fmt: str | None = None,
           align: Alignment = LEFT) -> None:
    c = ws[ref]
    _style(c, font=F_BODY, alignment=align, protection=UNLOCKED, number_format=fmt or "General")
    if merge_to:
        ws.merge_cells(f"{ref}:{merge_to}")
        _box(ws, f"{ref}:{merge_to}")
    else:
        _style(c, border=BORDER)


def _calc(ws: Worksheet, ref: str, fmt: str) -> None:
    _style(ws[ref], font=F_CALC, alignment=CENTER, fill=FILL_CALC, number_format=fmt, border=BORDER,
           protection=LOCKED)


class InputValidations:
    """Input messages and drop-downs of a form sheet, one DataValidation per distinct rule.

    ``prompts`` maps a field key to (title, message) — each form kind's layout has its own.
    ``numeric``: "nonneg" (a number ≥ 0, also ``True``), "any" (any number) or "year" (a year of four digits).
    """

    def __init__(self, ws: Worksheet, prompts: dict[str, tuple[str, str]]):
        self.ws = ws
        self.prompts = prompts
        self.rules: dict[tuple[Any, ...], DataValidation] = {}

    def add(self, key: str, ref: str, *, choices: tuple[str, ...] | None = None,
            numeric: bool | str = False) -> None:
        title, prompt = self.prompts[key]
        numeric = "nonneg" if numeric is True else numeric
        rule_key = (key, choices, numeric)
        dv = self.rules.get(rule_key)
        if dv is None:
            if choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                    errorStyle="warning", showErrorMessage=True,
                                    errorTitle=title[:32], error="不在下拉列表中，请确认是否为规范的指标名称。")
            elif numeric == "nonneg":
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                    allow_blank=True, errorStyle="stop", showErrorMessage=True,
                                    errorTitle=title[:32], error="这里只能填写不小于 0 的数字。")
            elif numeric == "year":   # a budget year: “不小于 0 的数字” told a filler who typed “2024年” nothing
                dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2099",
                                    allow_blank=True, errorStyle="stop", showErrorMessage=True,
                                    errorTitle=title[:32], error="这里填写预算年度的四位数字，如 2024（不写“年”“年度”）。")
            elif numeric == "any":
                dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000",
                                    formula2="1000000000000", allow_blank=True, errorStyle="stop",
                                    showErrorMessage=True, errorTitle=title[:32], error="这里只能填写数字。")
            else:
                dv = DataValidation(allow_blank=True)
            dv.showInputMessage = True
            dv.promptTitle = title[:32]
            dv.prompt = prompt[:255]
            self.rules[rule_key] = dv
            self.ws.add_data_validation(dv)
        dv.add(ref)


def put_levels(ws: Worksheet, lay: Any, form: Any, *, level1_cols: str, level2_cols: str) -> None:
    """The 一级/二级指标 names and their declared 分值 on the first row of each span, for the
    kinds that weight the levels (部门整体, 评价): ``levelN_cols`` is the name and weight column."""
    inds = form.indicators
    for level, spans, declared, cols in (
            ("level1", lay.level1_spans, form.level1_weights, level1_cols),
            ("level2", lay.level2_spans, form.level2_weights, level2_cols)):
        name_col, weight_col = cols[0], cols[1]
        for a, _b in spans:
            if a < len(inds):
                name = getattr(inds[a], level)
                put_text(ws, f"{name_col}{lay.ind_row(a)}", name)
                put_number(ws, f"{weight_col}{lay.ind_row(a)}", declared.get(name))


def put_indicator_rows(ws: Worksheet, lay: Any, inds: Any, cells: tuple[tuple[str, str], ...],
                       widths: dict[str, float], wraps: tuple[tuple[str, str, float], ...]) -> None:
    """One row per 三级指标: ``cells`` (column, field) — 分值/得分 as numbers, the rest as text —
    and a height that shows the ``wraps`` (column, field, width factor) whole, at least 24 pt: a factor
    above 1 is a column in the small font (``fit.SMALL_PACK``: 评分标准, 指标解释, 扣分原因), the others in
    the body font, each measured as ``grown_height`` measures it when 计算 or 校验 writes a copy. (All of
    them were measured at 12.5 pt a line here and the body font's at 14 there: a 三级指标 of two lines
    was laid out 31 pt high and grown to 34 on the first 计算 of a form nobody had touched, 17 rows of
    the 子洲 form, its page breaks moved; filler QA, stop 60.)"""
    for i, ind in enumerate(inds):
        r = lay.ind_row(i)
        for col, fld in cells:
            (put_number if fld in ("weight", "score") else put_text)(ws, f"{col}{r}", getattr(ind, fld))
        ws.row_dimensions[r].height = max(24.0, wrapped_height(ind, widths, wraps))


def wrapped_height(ind: Any, widths: dict[str, float], wraps: Iterable[tuple[str, str, float]],
                   only: Callable[[str], bool] = lambda fld: True) -> float:
    """The height ``put_indicator_rows`` gives an indicator's ``wraps`` (column, field, width factor) whole, of
    the fields ``only`` keeps (0 for none)."""
    return max((cell_height(getattr(ind, fld), widths[col], SMALL_SIZE if k > 1 else None)
                for col, fld, k in wraps if only(fld) and getattr(ind, fld) is not None), default=0.0)


def share_cells(ws: Worksheet, inds: Sequence[Any], shared: dict[str, list[tuple[int, int, str]]],
                row_of: Callable[[int], int], col_of: dict[str, str], widths: Mapping[str, float],
                own: Callable[[Any, frozenset[str]], float],
                need: Callable[[Any, str, dict[str, float]], float]) -> None:
    """A text the 填报人 merged over several indicator rows (偏差原因, 扣分原因 …), or across the columns of a row
    (年度指标值 and 实际完成值 as one), or both, is one cell again, its text in the top-left: the reader gives it to
    each cell (``forms.sheetform.shared_spans``: field -> (first, last) index of ``inds``, and the rightmost field
    it covers), and written back cell by cell the 定稿 printed it once per row, on a row with full marks too —
    and merged across, the text squeezed into its first column, the next column blank. The rows' heights, each
    sized to the whole text, are shared out: together as tall as the text in the merged columns' width
    (``need``: the height an indicator's text of the field needs under ``widths``, column -> width), each as
    tall as its own other cells (``own``: the row's height from its cells but the fields covered).
    ``row_of``: an indicator's row on ``ws``; ``col_of``: a field's column. A span past the rows written, or
    over rows not one under the other, is left as written."""
    for fld, spans in shared.items():
        for first, last, to in spans:
            c0, c1 = column_index_from_string(col_of[fld]), column_index_from_string(col_of[to])
            if last >= len(inds) or row_of(last) - row_of(first) != last - first or c1 < c0:
                continue
            r0, r1 = row_of(first), row_of(last)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        ws.cell(row=r, column=c).value = None
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
            letters = [get_column_letter(c) for c in range(c0, c1 + 1)]
            covered = frozenset(f for f, x in col_of.items() if x in letters)
            wide = {**widths, col_of[fld]: sum(widths.get(x, 8.43) for x in letters)}
            mine = inds[first:last + 1]
            heights = [own(ind, covered) for ind in mine]
            whole = need(mine[0], fld, wide)
            for r, h in zip(range(r0, r1 + 1), heights):
                ws.row_dimensions[r].height = max(h, whole / len(heights))


def grow_rows(ws: Worksheet, rows: Iterable[int], *, line: float = 14.0) -> None:
    """Each of ``rows`` as tall as the wrapped text of its cells shows whole, never lower than it
    was set (files carry no auto-fit): a cell merged across columns wraps in their width
    together; a row whose text fits on one line keeps its height. For the rows a form lays out
    one to a field (项目名称, 实施单位, 说明 …), where a long name otherwise prints cut. A formula's
    text is not what prints: not measured."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for m in ws.merged_cells.ranges:
        if m.min_row == m.max_row:  # a block over several rows has their heights together
            spans[(m.min_row, m.min_col)] = (m.min_col, m.max_col)
    blocked = {(r, c) for m in ws.merged_cells.ranges if m.min_row != m.max_row
               for r in range(m.min_row, m.max_row + 1) for c in range(m.min_col, m.max_col + 1)}

    def width(c: int) -> float:
        w = ws.column_dimensions[get_column_letter(c)].width
        return float(w) if w else 8.43

    for r in rows:
        cells = []
        for cell in ws[r]:
            if (not isinstance(cell.value, str) or cell.data_type == "f" or (r, cell.column) in blocked
                    or ws.column_dimensions[get_column_letter(cell.column)].hidden
                    or not (cell.alignment is not None and cell.alignment.wrap_text)):
                continue
            a, b = spans.get((r, cell.column), (cell.column, cell.column))
            size = cell.font.sz if cell.font is not None else None
            cells.append((cell.value, sum(width(c) for c in range(a, b + 1)), float(size) if size else None))
        need = grown_height(cells, ws.row_dimensions[r].height, line)  # a line more than the row shows
        if need is not None:
            ws.row_dimensions[r].height = need


class _FittingRow(RowDimension):
    """A row written with its height but without ``customHeight``: Excel, WPS and LibreOffice open it
    at that height and, as a cell in it is typed, size it to its text (a custom height they keep,
    and a typed 偏差原因 of two lines printed as one line cut from both; openpyxl writes
    ``customHeight`` whenever a row has a height, hence the subclass)."""

    @property
    def customHeight(self) -> bool:  # type: ignore[override]
        return False


def _bind_row_dimensions(self: Any) -> None:
    """openpyxl's ``WorksheetReader.bind_row_dimensions``, a row with a height but no ``customHeight``
    bound as a ``_FittingRow``: openpyxl's own reading drops the attribute and writes every height
    as custom, so a copy (计算, 校验's marked copy, 汇总's workbook) of a template whose indicator
    rows fit their text had fixed rows again, and a 偏差原因 typed into the copy printed cut."""
    for row, rd in self.parser.row_dimensions.items():
        if "s" in rd:
            rd["s"] = self.ws.parent._cell_styles[int(rd["s"])]
        fits = rd.get("ht") is not None and str(rd.get("customHeight", "0")).lower() not in ("1", "true")
        self.ws.row_dimensions[int(row)] = (_FittingRow if fits else RowDimension)(self.ws, **rd)


def keep_fitting_rows() -> None:
    """Rows that fit their text read back as such (``_bind_row_dimensions``; idempotent)."""
    from openpyxl.worksheet import _reader

    _reader.WorksheetReader.bind_row_dimensions = _bind_row_dimensions  # type: ignore[method-assign]


def let_rows_fit(ws: Worksheet, rows: Iterable[int]) -> None:
    """``rows`` keep their heights and grow to the text a filler types into them (``_FittingRow``).
    For rows of unmerged input cells, one per indicator: a program sizes no merged cell to its text."""
    for r in rows:
        ws.row_dimensions[r] = _FittingRow(ws, index=r, ht=ws.row_dimensions[r].height)


def put_title(ws: Worksheet, title: str, last_col: str) -> None:
    """Row 1 the form's title, row 2 its year — an input cell, "（2024年度）" — across columns A..``last_col``."""
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"].value = title
    ws["A1"].font = F_TITLE
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 36
    ws.merge_cells(f"A2:{last_col}2")
    _style(ws["A2"], font=F_YEAR, alignment=CENTER, protection=UNLOCKED, number_format=FMT_YEAR)
    ws.row_dimensions[2].height = 22


def protect_sheet(ws: Worksheet) -> None:
    """Protect all but the input cells, without a password; rows may be inserted. (The 定稿: ``seal_sheet``.)"""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.insertRows = False
    p.deleteRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def seal_sheet(ws: Worksheet) -> None:
    """Protect every cell, without a password: a copy sent as final (the 定稿) is read, not typed into.
    ``protect_sheet`` leaves the template's input cells unlocked for the 填报人 at work; in the copy the
    department emails, anyone could type into each of them (项目名称, 完成值, 得分 …) without unprotecting,
    and insert rows. Cells can still be selected and copied; rows and columns still resized (to read
    a long text), and a hidden column shown — as on any protected sheet."""
    p = ws.protection
    p.sheet = True
    p.insertRows = p.deleteRows = True   # True: not allowed (the attribute as the file says it)
    for cell in ws._cells.values():
        if not cell.protection.locked:
            cell.protection = LOCKED
