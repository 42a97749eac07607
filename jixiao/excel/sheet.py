"""Writing one 项目支出绩效自评表 sheet from the layout: the template and the filled form.

The blank template and a filled form are the same sheet; a filled one just has values in
its input cells. The computed cells (执行率, 执行率得分, Σ分值, 总分, 等级) hold native
formulas, except where the filler wrote a different number: then the cell holds what was
written, as if typed over the formula, so that reading the file returns it and the
checker can flag it. Where a formula stays, the value it computes is recorded so the
saved file carries a cached value like one saved by a spreadsheet program.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import layout as L
from ..core.numbers import written_number
from ..model import FUND_COLS, FUND_ROWS, Form
from .printout import PROJECT_NOTES, YEAR_PLACEHOLDER, Paper, on_paper
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
UNDERLINE = Border(bottom=_thin)
FILL_LABEL = PatternFill("solid", fgColor="F2F2F2")
FILL_CALC = PatternFill("solid", fgColor="EAF1FB")
FILL_NA = PatternFill("solid", fgColor="D9D9D9")
UNLOCKED = Protection(locked=False)
LOCKED = Protection(locked=True)
FMT_TEXT = "@"
FMT_MONEY = "0.00####"
FMT_SCORE = "General"  # typed scores print as typed; "0.##" prints 10 as "10." in Excel and WPS
FMT_SCORE_CALC = "0.00"  # computed scores: explicit decimals, the same in every engine
FMT_RATE = "0.00%"
FMT_YEAR = '"（"0"年度）"'
FMT_GRADE = '"等级："@'

CF_RED = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
CF_YELLOW = PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C")

_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# --------------------------------------------------------------------------------------
# small cell helpers
# --------------------------------------------------------------------------------------

def put_text(ws: Worksheet, ref: str, value: str | None) -> None:
    """Write text that must stay text, even when it starts with = + - @ ("=1 人")."""
    c = ws[ref]
    if value is None:
        c.value = None
        return
    c.value = value
    c.data_type = "s"  # openpyxl would otherwise take "=1 人" for a formula
    if value[:1] in "=+-@":
        c.quotePrefix = True


def put_number(ws: Worksheet, ref: str, value: int | float | None) -> None:
    ws[ref].value = value


def agrees(written: Any, computed: Any) -> bool:
    """Does a written value agree with the formula's result (to floating-point noise)?"""
    if written is None:
        return True
    if not isinstance(written, (int, float)) or not isinstance(computed, (int, float)):
        return False
    return math.isclose(written, computed, rel_tol=1e-9, abs_tol=1e-9)


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


def place_computed(ws: Worksheet, ref: str, formula: str, written: Any, computed: Any,
                   caches: dict[str, Any], *, same: Any = agrees, values_only: bool = False) -> Any:
    """A computed cell: its formula (with the result cached) where the written value agrees or
    is absent, else the written value as if typed over the formula. Returns what it shows.
    Shared by the project and the department form."""
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


def safe_sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤ 31 characters) made from a project name."""
    base = _INVALID_SHEET_CHARS.sub("_", name).strip().strip("'") or "项目"
    base = base[:31]
    title, n = base, 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


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
    ``numeric``: "nonneg" (a number ≥ 0, also ``True``) or "any" (any number).
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


def build_sheet(ws: Worksheet, form: Form | None, lay: L.FormLayout, *,
                values_only: bool = False) -> dict[str, Any]:
    """Draw the form on ``ws``; fill it from ``form`` when given.

    Returns cell -> cached value for every formula cell whose result is known, so the
    caller can store it in the saved file (see ``xlsxcache``). With ``values_only`` (the
    定稿 copy to email) computed cells hold their values, not formulas.
    """
    t, last = lay.row_total, lay.last_ind
    ws.sheet_view.showGridLines = False
    ws.sheet_view.zoomScale = 100
    for col, width in L.COL_WIDTHS.items():
        ws.column_dimensions[col].width = width

    put_title(ws, L.TITLE, "I")
    ws["A2"].border = Border()

    dv = InputValidations(ws, L.PROMPTS)
    dv.add("year", "A2", numeric=True)

    # header block
    _label(ws, "A3", "项目名称")
    _input(ws, "B3", "I3")
    _label(ws, "A4", "主管部门")
    _input(ws, "B4", "D4")
    _label(ws, "E4", "实施单位")
    _input(ws, "F4", "I4")
    _label(ws, "A5", "项目负责人")
    _input(ws, "B5", "D5", fmt=FMT_TEXT)
    _label(ws, "E5", "联系电话")
    _input(ws, "F5", "I5", fmt=FMT_TEXT)
    for key in ("project", "authority", "unit", "leader", "phone"):
        dv.add(key, L.HEAD_CELLS[key])

    # funds block
    _label(ws, "A6", "项目资金\n（万元）", "A10")
    _label(ws, "B6", "")
    for col, text in L.FUND_HEADERS.items():
        _label(ws, f"{col}6", text, "I6" if col == "H" else None)
    for key in FUND_ROWS:
        r = L.FUND_ROW_OF[key]
        _label(ws, f"B{r}", L.FUND_LABELS[key])
        _style(ws[f"B{r}"], alignment=LEFT)
        for fcol in FUND_COLS:
            ref = f"{L.FUND_COL_OF[fcol]}{r}"
            _input(ws, ref, fmt=FMT_MONEY, align=CENTER)
            dv.add(f"funds.{fcol}", ref, numeric=True)
        if key != "total":
            for col in "FGH":
                ws[f"{col}{r}"].value = "—"
                _style(ws[f"{col}{r}"], alignment=CENTER)
            ws.merge_cells(f"H{r}:I{r}")
            _box(ws, f"F{r}:I{r}", fill=FILL_NA)
    _input(ws, "F7", fmt=FMT_SCORE, align=CENTER)
    dv.add("funds_weight", "F7", numeric=True)
    _calc(ws, "G7", FMT_RATE)
    _calc(ws, "H7", FMT_SCORE_CALC)
    ws.merge_cells("H7:I7")
    _box(ws, "H7:I7", fill=FILL_CALC)
    dv.add("exec_rate", "G7")
    dv.add("exec_score", "H7")

    # goals
    _label(ws, "A11", "年度总体\n目标", "A12")
    _label(ws, "B11", "预期目标", "E11")
    _label(ws, "F11", "实际完成情况", "I11")
    _input(ws, "B12", "E12")
    _input(ws, "F12", "I12")
    ws.row_dimensions[12].height = 60 if form is None else max(60.0, row_height(
        [(form.goal_expected, sum(L.COL_WIDTHS[c] for c in "BCDE")),
         (form.goal_actual, sum(L.COL_WIDTHS[c] for c in "FGHI"))]))
    dv.add("goal_expected", "B12")
    dv.add("goal_actual", "F12")

    # indicator block
    _label(ws, f"A{L.ROW_IND_HEAD}", L.IND_HEADERS["A"], f"A{last}")
    for col, text in L.IND_HEADERS.items():
        if col != "A":
            _label(ws, f"{col}{L.ROW_IND_HEAD}", text)
    ws.row_dimensions[L.ROW_IND_HEAD].height = 30
    for i in range(lay.rows):
        r = lay.ind_row(i)
        for field, col in L.IND_COL_OF.items():
            numeric = field in L.NUMERIC_IND_FIELDS
            _input(ws, f"{col}{r}", fmt=FMT_SCORE if numeric else FMT_TEXT,
                   align=CENTER if field not in ("name", "reason") else LEFT)
    for field, col in L.IND_COL_OF.items():
        rng = f"{col}{L.FIRST_IND}:{col}{last}"
        if field == "level1":
            dv.add(field, rng, choices=L.LEVEL1_LIST)
        elif field == "level2":
            dv.add(field, rng, choices=L.LEVEL2_LIST)
        else:
            dv.add(field, rng, numeric=field in L.NUMERIC_IND_FIELDS)

    # total, remark, signatures
    _label(ws, f"A{t}", "总分", f"F{t}")
    _calc(ws, f"G{t}", FMT_SCORE_CALC)
    _calc(ws, f"H{t}", FMT_SCORE_CALC)
    _calc(ws, f"I{t}", FMT_GRADE)
    dv.add("total_weight", f"G{t}")
    dv.add("total_score", f"H{t}")
    _label(ws, f"A{lay.row_remark}", "说明")
    _input(ws, f"B{lay.row_remark}", f"I{lay.row_remark}")
    dv.add("remark", f"B{lay.row_remark}")
    s = lay.row_sign
    for col, text in (("A", "填报单位负责人（签名）："), ("D", "填报人："), ("F", "填报日期："), ("H", "联系方式：")):
        c = ws[f"{col}{s}"]
        c.value = text
        _style(c, font=F_BODY, alignment=RIGHT)
    ws.merge_cells(f"A{s}:B{s}")
    for key in ("unit_leader", "filled_by", "filled_on", "contact"):
        ref = lay.foot_cells()[key]
        _style(ws[ref], font=F_BODY, alignment=LEFT, protection=UNLOCKED, number_format=FMT_TEXT,
               border=UNDERLINE)
        dv.add(key, ref)
    ws.row_dimensions[s].height = 24

    for r in range(3, 11):
        ws.row_dimensions[r].height = 22
    for r in range(L.FIRST_IND, last + 1):
        ws.row_dimensions[r].height = 22
    ws.row_dimensions[t].height = 24
    ws.row_dimensions[lay.row_remark].height = 30
    _conditional_formats(ws, lay)
    on_paper(ws, paper_of(lay))
    if form is None:
        ws["A2"].value = YEAR_PLACEHOLDER  # the blank form prints "（    年度）"; typing a year replaces it
    protect_sheet(ws)
    return _fill(ws, form, lay, values_only) if form is not None else _blank_formulas(ws, lay)


def _conditional_formats(ws: Worksheet, lay: L.FormLayout) -> None:
    f, last, t = L.FIRST_IND, lay.last_ind, lay.row_total
    cf = ws.conditional_formatting
    # 得分 > 分值
    cf.add(f"H{f}:H{last}", FormulaRule(
        formula=[f"AND(ISNUMBER(H{f}),ISNUMBER(G{f}),H{f}>G{f})"], fill=CF_RED, stopIfTrue=False))
    # 得分 < 分值 with an empty 偏差原因
    cf.add(f"I{f}:I{last}", FormulaRule(
        formula=[f'AND(ISNUMBER(H{f}),ISNUMBER(G{f}),H{f}<G{f},LEN(TRIM(I{f}))=0)'], fill=CF_YELLOW))
    # Σ分值 ≠ 100 (also when 100 was typed over a sum that is not 100)
    rng = f"$F$7,$G${f}:$G${last}"
    cf.add(f"G{t}", FormulaRule(
        formula=[f"AND(COUNT({rng})>0,OR(SUM({rng})<>100,N($G${t})<>SUM({rng})))"], fill=CF_RED))
    # 全年执行数 > 全年预算数
    cf.add("E7:E10", FormulaRule(formula=["AND(ISNUMBER(E7),ISNUMBER(D7),E7>D7)"], fill=CF_RED))


def paper_of(lay: L.FormLayout) -> Paper:
    """The printed form: the grid from 项目名称 to 说明, the three 注 under the signatures, one A4 page."""
    return Paper(grid=(f"A3:I{lay.row_remark}",), last_col="I", notes=PROJECT_NOTES, notes_row=lay.row_sign + 2,
                 last_row=lay.last_row, note_width=sum(L.COL_WIDTHS.values()),
                 one_page=lay.rows <= 40, title_rows=None if lay.rows <= 40 else f"{L.ROW_IND_HEAD}:{L.ROW_IND_HEAD}")


def protect_sheet(ws: Worksheet) -> None:
    """Protect all but the input cells, without a password; rows may be inserted."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.insertRows = False
    p.deleteRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def _blank_formulas(ws: Worksheet, lay: L.FormLayout) -> dict[str, Any]:
    for field, formula in lay.formulas().items():
        ws[_formula_cell(lay, field)].value = formula
    return {}


def _formula_cell(lay: L.FormLayout, field: str) -> str:
    return lay.foot_cells()["grade"] if field == "grade" else lay.cell(field)


def _fill(ws: Worksheet, form: Form, lay: L.FormLayout, values_only: bool = False) -> dict[str, Any]:
    ws["A2"].value = form.year
    for key in ("project", "authority", "unit", "leader", "phone", "goal_expected", "goal_actual"):
        put_text(ws, L.HEAD_CELLS[key], getattr(form, key))
    for key in FUND_ROWS:
        row = form.funds.row(key)
        for col in FUND_COLS:
            put_number(ws, f"{L.FUND_COL_OF[col]}{L.FUND_ROW_OF[key]}", getattr(row, col))
    put_number(ws, "F7", form.funds_weight)
    for i, ind in enumerate(form.indicators):
        r = lay.ind_row(i)
        ws.row_dimensions[r].height = row_height(
            (getattr(ind, f), L.COL_WIDTHS[c]) for f, c in L.IND_COL_OF.items())
        for field, col in L.IND_COL_OF.items():
            v = getattr(ind, field)
            if field in L.NUMERIC_IND_FIELDS:
                put_number(ws, f"{col}{r}", v)
            else:
                put_text(ws, f"{col}{r}", v)
    foot = lay.foot_cells()
    for key in ("remark", "unit_leader", "filled_by", "filled_on", "contact"):
        put_text(ws, foot[key], getattr(form, key))

    # computed cells: formula where the written value agrees or is absent, else as written
    formulas = lay.formulas()
    caches: dict[str, Any] = {}

    def decide(field: str, written: Any, computed: Any) -> Any:
        return place_computed(ws, _formula_cell(lay, field), formulas[field], written_number(written),
                              computed, caches, values_only=values_only)

    shown = L.evaluate(L.form_env(form), {c.field: written_number(getattr(form, c.field, None))
                                          for c in L.COMPUTED})
    for c in L.COMPUTED:
        # the twin of each cell, on what the cells above it show (typed or computed)
        computed = c.twin({**L.form_env(form), **{k: v for k, v in shown.items() if k != c.field}})
        decide(c.field, getattr(form, c.field, None), computed)
    return caches
