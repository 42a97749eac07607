"""Writing one 项目支出绩效自评表 sheet from the layout: the template and the filled form.

The blank template and a filled form are the same sheet; a filled one just has values in
its input cells. Computed cells hold native formulas unless the filler wrote a different
number (then the written number stays, as if typed over the formula, so the checker can
flag it); a formula that stays carries the value it computes, like a file a spreadsheet
program saved. Shared styles and helpers come from ``excel/sheet.py``.
"""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Border
from openpyxl.worksheet.worksheet import Worksheet

from . import layout as L
from ...core.grades import DEFAULT_BANDS, Bands
from ...core.numbers import written_number
from .model import FUND_COLS, FUND_ROWS, Form
from ...excel.fit import money_width
from ...excel.printout import PROJECT_NOTES, YEAR_PLACEHOLDER, Paper, on_paper
from ...excel.style import set_style as _style
from ...core.numbers import says_nothing_formula
from ...excel.sheet import (cf_fill, _box, _calc, _input, _label, CENTER, CF_RED, FILL_CALC, FILL_NA, FMT_GRADE, FMT_MONEY, MONEY_FIT, FMT_RATE, FMT_SCORE, FMT_SCORE_CALC, FMT_TEXT, F_BODY, InputValidations, LEFT, LEFT_FIT, RIGHT, UNDERLINE, UNLOCKED, agrees, agrees_as_shown, grow_rows, let_rows_fit, place_computed, protect_sheet, put_number, put_text, put_title, row_height,
                            share_cells as _share_cells)

__all__ = ["build_sheet", "paper_of"]


def build_sheet(ws: Worksheet, form: Form | None, lay: L.FormLayout, *,
                values_only: bool = False, bands: Bands = DEFAULT_BANDS,
                shared: dict[str, list[tuple[int, int, str]]] | None = None) -> dict[str, Any]:
    """Draw the form on ``ws``; fill it from ``form`` when given.

    Returns cell -> cached value for every formula cell whose result is known, so the
    caller can store it in the saved file (see ``xlsxcache``). With ``values_only`` (the
    定稿 copy to email) computed cells hold their values, not formulas. The 等级 is graded
    under ``bands`` (the profile's ``grade_bands``). ``shared``: the indicator texts one merged cell covered
    on the sheet the form was read from (``sheetform.shared_spans``), merged again (``share_cells``).
    """
    t, last = lay.row_total, lay.last_ind
    ws.sheet_view.showGridLines = False
    ws.sheet_view.zoomScale = 100
    for col, width in L.COL_WIDTHS.items():
        ws.column_dimensions[col].width = width

    put_title(ws, L.TITLE, "I")
    ws["A2"].border = Border()

    dv = InputValidations(ws, L.PROMPTS)
    dv.add("year", "A2", numeric="year")

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
            _input(ws, ref, fmt=FMT_MONEY, align=MONEY_FIT)
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
    # the 分值 total is a sum of typed 分值 and prints as they do (“100” below “20”, not “100.00”, as the 部门整体
    # form's); the 得分 total may hold a third of a point: two decimals, as the 执行率得分 (H7)
    _calc(ws, f"G{t}", FMT_SCORE)
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
        _style(ws[ref], font=F_BODY, alignment=LEFT_FIT, protection=UNLOCKED, number_format=FMT_TEXT,
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
    if form is None:
        ws["A2"].value = YEAR_PLACEHOLDER  # the blank form prints "（    年度）"; typing a year replaces it
    protect_sheet(ws)
    caches = _fill(ws, form, lay, values_only, bands) if form is not None else _blank_formulas(ws, lay, bands)
    if form is not None and shared:
        share_cells(ws, form, lay, shared)
    let_rows_fit(ws, range(L.FIRST_IND, last + 1))  # what a filler types there prints whole, add-in or not
    if values_only and form is not None:
        _hide_blank_indicators(ws, lay)
    on_paper(ws, paper_of(lay, blank=form is None))  # once the rows are as tall as their text
    return caches


def _hide_blank_indicators(ws: Worksheet, lay: L.FormLayout) -> None:
    """The 定稿's indicator rows with nothing in them hidden: a form of 8 indicators kept the template's
    20 rows, and with long 偏差原因 it was shrunk to fit one page around 12 empty ones (demo: 家庭医生签约
    服务费, printed at about 60 %). Hidden, not deleted: the sheet keeps the template's layout (总分 in
    its row, every cell where the readers and the 校验's cell references expect it), the rows are
    blank (no formula in a 定稿), and a hidden row is no part of the page (``printout.row_points``)."""
    for r in range(L.FIRST_IND, lay.last_ind + 1):
        if all(ws.cell(row=r, column=c).value in (None, "") for c in range(2, L.MAX_COL + 1)):
            ws.row_dimensions[r].hidden = True


def _conditional_formats(ws: Worksheet, lay: L.FormLayout) -> None:
    f, last, t = L.FIRST_IND, lay.last_ind, lay.row_total
    cf = ws.conditional_formatting
    # 得分 > 分值
    cf.add(f"H{f}:H{last}", FormulaRule(
        formula=[f"AND(ISNUMBER(H{f}),ISNUMBER(G{f}),H{f}>G{f})"], fill=CF_RED, stopIfTrue=False))
    # 得分 < 分值 with a 偏差原因 that says nothing (blank, “无”, “/”: D6, ``says_nothing``)
    cf.add(f"I{f}:I{last}", FormulaRule(
        formula=[f'AND(ISNUMBER(H{f}),ISNUMBER(G{f}),H{f}<G{f},{says_nothing_formula(f"I{f}")})'], fill=cf_fill("D6")))
    # Σ分值 ≠ 100 (also when 100 was typed over a sum that is not 100)
    rng = f"$F$7,$G${f}:$G${last}"
    cf.add(f"G{t}", FormulaRule(
        formula=[f"AND(COUNT({rng})>0,OR(SUM({rng})<>100,N($G${t})<>SUM({rng})))"], fill=CF_RED))
    # 全年执行数 > 全年预算数
    cf.add("E7:E10", FormulaRule(formula=["AND(ISNUMBER(E7),ISNUMBER(D7),E7>D7)"], fill=CF_RED))


def paper_of(lay: L.FormLayout, blank: bool = False) -> Paper:
    """The printed form: the grid from 项目名称 to 说明, the three 注 under the signatures. A form
    whose content is written (fill, import, prefill, the 定稿 copy) on one A4 page where it fits one
    readably — every program then prints it on one page, whatever its fonts measure; else over
    pages, its indicator header repeated on each page and its last indicator row, 总分, 说明,
    signatures and 注 on the last page together. The ``blank`` template is fitted to the page's
    width, as many pages tall as its rows grow to (fitted to one page, a form typed into up to 30
    indicators and long goals printed at a third of its size), with no page breaks of its own: its
    rows are still to be typed, inserted and made taller. Breaks planned into a written form are
    measured with Excel's fonts, so they are planned only where one page would be unreadable. Over pages the
    “绩效指标” label (A, merged down over every indicator row) is split at each page, the label on each part
    (printed once over three pages, it showed in the middle of page 2 alone), and a text merged down over
    indicator rows (E, F, I) is not broken by a page where it fits one."""
    return Paper(grid=(f"A3:I{lay.row_remark}",), last_col="I", notes=PROJECT_NOTES, notes_row=lay.row_sign + 2,
                 last_row=lay.last_row, note_width=sum(L.COL_WIDTHS.values()), one_page=not blank,
                 title_rows=f"{L.ROW_IND_HEAD}:{L.ROW_IND_HEAD}", keep_from=None if blank else lay.last_ind,
                 repeat="A", keep_merged="".join(L.IND_COL_OF[f] for f in ("target", "actual", "reason")))


def _blank_formulas(ws: Worksheet, lay: L.FormLayout, bands: Bands) -> dict[str, Any]:
    for field, formula in lay.formulas(bands).items():
        ws[_formula_cell(lay, field)].value = formula
    return {}


def _formula_cell(lay: L.FormLayout, field: str) -> str:
    return lay.foot_cells()["grade"] if field == "grade" else lay.cell(field)


def share_cells(ws: Worksheet, form: Form, lay: L.FormLayout, shared: dict[str, list[tuple[int, int, str]]]) -> None:
    """A 偏差原因 (年度指标值, 实际完成值) merged over several indicator rows, or 年度指标值 and 实际完成值 merged
    across, where the form was read: one cell again, its text once, the rows' heights shared out
    (``excel.sheet.share_cells``)."""
    def own(ind: Any, skip: frozenset[str]) -> float:
        return row_height((getattr(ind, f), L.COL_WIDTHS[c]) for f, c in L.IND_COL_OF.items() if f not in skip)

    _share_cells(ws, form.indicators[:lay.rows], shared, lay.ind_row, L.IND_COL_OF, L.COL_WIDTHS, own,
                 lambda ind, fld, widths: row_height([(getattr(ind, fld), widths[L.IND_COL_OF[fld]])]))


def _fill(ws: Worksheet, form: Form, lay: L.FormLayout, values_only: bool = False,
          bands: Bands = DEFAULT_BANDS) -> dict[str, Any]:
    ws["A2"].value = form.year
    for key in ("project", "authority", "unit", "leader", "phone", "goal_expected", "goal_actual"):
        put_text(ws, L.HEAD_CELLS[key], getattr(form, key))
    for key in FUND_ROWS:
        row = form.funds.row(key)
        for col in FUND_COLS:
            put_number(ws, f"{L.FUND_COL_OF[col]}{L.FUND_ROW_OF[key]}", getattr(row, col))
    for col in FUND_COLS:   # a figure wider than its column prints “###” (1234.567891 万元 in 全年执行数)
        letter = L.FUND_COL_OF[col]
        ws.column_dimensions[letter].width = money_width(
            (getattr(form.funds.row(key), col) for key in FUND_ROWS), L.COL_WIDTHS[letter])
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
    # a long project or unit name, a long 说明: their rows grow rather than print cut
    grow_rows(ws, (L.ROW_PROJECT, L.ROW_AUTH, L.ROW_LEADER, lay.row_remark))

    # computed cells: formula where the written value agrees or is absent, else as written
    formulas = lay.formulas(bands)
    caches: dict[str, Any] = {}

    env = L.form_env(form)
    shown: dict[str, Any] = {}
    for c in L.computed(bands):
        # the twin of each cell, on what the cells above it show (typed, computed, or in a
        # values-only copy blank as read); the form carries every computed cell but the 等级
        computed = c.twin({**env, **shown})
        shown[c.field] = place_computed(ws, _formula_cell(lay, c.field), formulas[c.field],
                                        written_number(getattr(form, c.field, None)), computed, caches,
                                        # the 执行率 another layout shows rounded (99.05%) keeps its formula
                                        same=agrees_as_shown if c.field == "exec_rate" else agrees,
                                        values_only=values_only, read=c.field in type(form).model_fields)
    return caches
