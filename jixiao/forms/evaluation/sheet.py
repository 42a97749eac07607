"""Writing one 项目支出绩效评价表 sheet from the layout: the template and a filled form.

As for the other kinds, the blank template and a filled form are the same sheet. The
computed cells (预算执行率, 得分 of each 一级/二级 指标, the 总计 sums and the 等级) hold
native formulas, except where the evaluator wrote a different 总计 or 等级: then the cell
holds what was written, as if typed over the formula, so reading the file gives it back
and the checker can flag it. Conditional formats show on screen what the checker says:
分值 that do not add up (per 一级/二级 and to 100), a 得分 above its 分值, a deduction
without its 扣分原因, and an empty 存在的问题 although points were deducted.
"""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from . import layout as V
from .model import EvalForm
from ...excel.style import set_style
from ...excel.printout import YEAR_PLACEHOLDER, Paper, on_paper
from ...core.grades import grade_word
from ...core.numbers import written_number
from ...checking.rules.table import RowColumns, reason_hint_blocks, reason_hint_formula
from ...excel.sheet import (cf_fill, BORDER, CENTER, CF_RED, F_BODY, F_CALC, F_LABEL, F_TITLE, F_YEAR, FILL_CALC,
                      FILL_LABEL, FILL_NA, FMT_GRADE, FMT_MONEY, MONEY_FIT, FMT_RATE, FMT_TEXT, FMT_YEAR, LEFT, LOCKED,
                      UNLOCKED, agrees, grow_rows, let_rows_fit, place_computed, protect_sheet, put_indicator_rows, put_levels, put_number, put_text, row_height,
                      InputValidations, share_cells, wrapped_height)

F_SMALL = Font(name=F_BODY.name, size=9)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
FMT_NUM = "General"

PROMPTS = {
    "year": ("年度", "填写预算年度，如 2023（显示为“（2023年度）”）。"),
    "money": ("金额（万元）", "单位万元，只填数字。"),
    "level_weight": ("分值", "本一级（二级）指标的分值，应等于其下三级指标分值之和；一级指标分值合计为 100。"),
    "weight": ("分值", "本三级指标的分值。全部三级指标分值合计应为 100。"),
    "score": ("得分", "按评分标准填写得分，不得超过分值；有扣分时必须填写扣分原因。"),
    "reason": ("扣分原因", "得分低于分值时必填：写明扣分的具体原因。"),
    "problems": ("存在的问题", "有扣分时应写明存在的问题，与扣分的指标对应；不能写“无”。"),
    "suggestions": ("有关建议", "针对存在的问题提出改进建议。"),
}


def _styled(ws: Worksheet, rng: str, *, fill: PatternFill | None = None, **style: Any) -> None:
    """Style the first cell of ``rng`` (``set_style`` attributes), merge the range, box it and fill it."""
    if ":" in rng and rng.split(":")[0] != rng.split(":")[1]:
        ws.merge_cells(rng)
    set_style(ws[rng.split(":")[0]], **style)
    for row in ws[rng if ":" in rng else f"{rng}:{rng}"]:
        for c in row:
            set_style(c, border=BORDER, **({"fill": fill} if fill is not None else {}))


def _label(ws: Worksheet, rng: str, text: str | None, *, font: Font = F_LABEL) -> None:
    ws[rng.split(":")[0]].value = text
    _styled(ws, rng, fill=FILL_LABEL, font=font, alignment=CENTER, protection=LOCKED)


def _input(ws: Worksheet, rng: str, *, fmt: str = FMT_TEXT, align: Alignment = LEFT, font: Font = F_BODY) -> None:
    _styled(ws, rng, font=font, alignment=align, protection=UNLOCKED, number_format=fmt)


def _calc(ws: Worksheet, rng: str, fmt: str = FMT_NUM) -> None:
    _styled(ws, rng, fill=FILL_CALC, font=F_CALC, alignment=CENTER, protection=LOCKED, number_format=fmt)


# --------------------------------------------------------------------------------------
# the sheet
# --------------------------------------------------------------------------------------

def build_eval_sheet(ws: Worksheet, form: EvalForm, *, template: bool = False,
                     values_only: bool = False, shared: dict[str, list[tuple[int, int, str]]] | None = None) -> dict[str, Any]:
    """Draw the form on ``ws`` and fill it from ``form``; returns cell -> cached formula result. ``shared``: the
    indicator texts one merged cell covered on the sheet the form was read from (``sheetform.shared_spans``),
    merged again."""
    lay = V.EvalLayout.for_form(form)
    ws.sheet_view.showGridLines = False
    for col, width in V.COL_WIDTHS.items():
        ws.column_dimensions[col].width = width
    dv = InputValidations(ws, PROMPTS)
    _frame(ws, dv, lay)
    _conditional_formats(ws, lay)
    protect_sheet(ws)
    caches = _fill(ws, form, lay, template=template, values_only=values_only)
    if shared:
        _share(ws, form, lay, shared)
    let_rows_fit(ws, (lay.ind_row(i) for i in range(lay.n)))  # what a filler types there prints whole, add-in or not
    on_paper(ws, paper_of(lay, blank=template))  # once the rows are as tall as their text
    if template and ws["A2"].value is None:
        ws["A2"].value = YEAR_PLACEHOLDER  # the blank form prints "（    年度）"
    return caches


def paper_of(lay: V.EvalLayout, blank: bool = False) -> Paper:
    """The printed form, from 项目名称 to 有关建议: a written form (fill, the 定稿 copy) on one A4 page
    where it fits one readably (as the project form, ``project.sheet.paper_of``); the ``blank``
    template fitted to the page's width, as many pages tall as it grows to. Over pages, the indicator header repeated on each page and the last indicator row,
    总计, 存在的问题 and 有关建议 on the last page together, a page starting at a 一级指标 (else a 二级指标) where its block
    fits on a page, and a 一级/二级 name, 分值 and 得分 cut by a page printed on each page (``printout.split_merges``), as the
    部门整体 form's: without them a page started inside “项目过程 30 28” and printed it on page 2 alone, page 1's rows
    under empty cells. The ``blank`` template has no page breaks of its own (its rows are still to be typed, inserted
    and made taller)."""
    return Paper(grid=(f"A3:{V.LAST_COL}{lay.last_row}",), last_col=V.LAST_COL, last_row=lay.last_row,
                 title_rows=f"{V.ROW_IND_HEAD}:{V.ROW_IND_HEAD}", margins=(0.4, 0.6), one_page=not blank,
                 keep_from=None if blank else lay.last_ind, joined=lay.joined_rows(lay.level2_spans),
                 blocks=lay.joined_rows(lay.level1_spans), repeat="ABCDEF",
                 keep_merged="".join(V.IND_COL_OF[f] for f in ("standard", "reason")))


def _frame(ws: Worksheet, dv: InputValidations, lay: V.EvalLayout) -> None:
    ws.merge_cells(f"A1:{V.LAST_COL}1")
    ws["A1"].value, ws["A1"].font, ws["A1"].alignment = V.TITLE, F_TITLE, CENTER
    ws.row_dimensions[1].height = 36
    ws.merge_cells(f"A2:{V.LAST_COL}2")
    c = ws["A2"]
    c.font, c.alignment, c.protection, c.number_format = F_YEAR, CENTER, UNLOCKED, FMT_YEAR
    dv.add("year", "A2", numeric="year")
    ws.row_dimensions[2].height = 22
    for label_rng, text, value_rng, fld in V.HEAD:
        _label(ws, label_rng, text)
        if fld in V.HEAD_NUMBERS:
            _input(ws, value_rng, fmt=FMT_MONEY, align=MONEY_FIT)
            dv.add("money", value_rng.split(":")[0], numeric=True)
        else:
            _input(ws, value_rng)
    _label(ws, V.EXEC_RATE_LABEL[0], V.EXEC_RATE_LABEL[1])
    _calc(ws, V.EXEC_RATE_CELL, FMT_RATE)
    for r in range(3, V.ROW_IND_HEAD):
        ws.row_dimensions[r].height = 22

    h = V.ROW_IND_HEAD
    for col, text in V.IND_HEADERS.items():
        _label(ws, f"{col}{h}", text)
    ws.row_dimensions[h].height = 24
    for spans, (name_col, weight_col, score_col) in ((lay.level1_spans, "ABC"), (lay.level2_spans, "DEF")):
        for a, b in spans:
            ra, rb = lay.ind_row(a), lay.ind_row(b)
            _input(ws, f"{name_col}{ra}:{name_col}{rb}", align=CENTER)
            _input(ws, f"{weight_col}{ra}:{weight_col}{rb}", fmt=FMT_NUM, align=CENTER)
            _calc(ws, f"{score_col}{ra}:{score_col}{rb}")
    for i in range(lay.n):
        r = lay.ind_row(i)
        _input(ws, f"G{r}", align=CENTER)
        _input(ws, f"H{r}", font=F_SMALL)
        _input(ws, f"I{r}", fmt=FMT_NUM, align=CENTER)
        _input(ws, f"J{r}", fmt=FMT_NUM, align=CENTER)
        _input(ws, f"K{r}", font=F_SMALL)
        ws.row_dimensions[r].height = 24
    dv.add("level_weight", lay.col_range("B"), numeric=True)
    dv.add("level_weight", lay.col_range("E"), numeric=True)
    dv.add("weight", lay.col_range("I"), numeric=True)
    dv.add("score", lay.col_range("J"), numeric=True)
    dv.add("reason", lay.col_range("K"))

    t = lay.row_total
    _label(ws, f"A{t}", V.TOTAL_LABEL)
    for col in "BEIJ":
        _calc(ws, f"{col}{t}")
    _calc(ws, f"K{t}", FMT_GRADE)
    for rng in (f"C{t}:D{t}", f"F{t}:H{t}"):
        _styled(ws, rng, fill=FILL_NA)
    ws.row_dimensions[t].height = 24
    for r, text, key in ((lay.row_problems, V.PROBLEMS_LABEL, "problems"),
                         (lay.row_suggestions, V.SUGGESTIONS_LABEL, "suggestions")):
        _label(ws, f"A{r}:C{r}", text)
        _input(ws, f"D{r}:{V.LAST_COL}{r}", align=TOP_LEFT)
        dv.add(key, f"D{r}")
        ws.row_dimensions[r].height = 48


# where a 三级指标 row keeps what V7's twin reads (``checking.rules.table.RowColumns``): the reader's columns
ROW_COLUMNS = RowColumns(weight="I", score="J", level1_weight="B", level2_weight="E", others="GHJK")


def _conditional_formats(ws: Worksheet, lay: V.EvalLayout) -> None:
    cf = ws.conditional_formatting
    f, last, t = V.FIRST_IND, lay.last_ind, lay.row_total
    # 得分 > 分值 or < 0
    cf.add(lay.col_range("J"), FormulaRule(
        formula=[f"AND(ISNUMBER(J{f}),OR(J{f}<0,AND(ISNUMBER(I{f}),J{f}>I{f})))"], fill=CF_RED))
    # a deduction without its 扣分原因 (blank, “无”, “/”: V7, ``says_nothing``), not on a row whose 分值 was raised
    # over its 一级 (V2 tells to lower it; V7 says nothing there): one format a 二级 block
    level1, level2 = ([(lay.ind_row(a), lay.ind_row(b)) for a, b in spans] for spans in (lay.level1_spans, lay.level2_spans))
    for at in reason_hint_blocks(level1, level2):
        a, b = at.level2
        cf.add(f"K{a}:K{b}", FormulaRule(formula=[reason_hint_formula(a, at, ROW_COLUMNS, "K")], fill=cf_fill("V7")))
    # 一级/二级 分值 ≠ Σ of its 三级 分值
    for col, spans in (("B", lay.level1_spans), ("E", lay.level2_spans)):
        for a, b in spans:
            ra, rb = lay.ind_row(a), lay.ind_row(b)
            cf.add(f"{col}{ra}:{col}{rb}", FormulaRule(
                formula=[f"AND(ISNUMBER(${col}${ra}),ABS(${col}${ra}-SUM($I${ra}:$I${rb}))>0.001)"], fill=CF_RED))
    # the sums of 一级, 二级 and 三级 分值 must each be 100 (and a 100 typed over a sum that is not)
    for col in "BEI":
        rng = f"${col}${f}:${col}${last}"
        cf.add(f"{col}{t}", FormulaRule(
            formula=[f"AND(COUNT({rng})>0,OR(ABS(SUM({rng})-100)>0.001,ABS(N(${col}${t})-SUM({rng}))>0.001))"],
            fill=CF_RED))
    # 总计·得分 typed over a sum it is not
    srng = f"$J${f}:$J${last}"
    cf.add(f"J{t}", FormulaRule(formula=[f"AND(COUNT({srng})>0,ABS(N($J${t})-SUM({srng}))>0.001)"], fill=CF_RED))
    # points deducted (Σ 分值 − 得分 over the rows that have both), and no problem listed, no suggestion made
    wrng = f"$I${f}:$I${last}"
    lost = f"SUMPRODUCT(ISNUMBER({wrng})*ISNUMBER({srng}),{wrng}-{srng})"
    for r, code in ((lay.row_problems, "V10"), (lay.row_suggestions, "V11")):
        cf.add(f"D{r}", FormulaRule(
            formula=[f'AND({lost}>0.001,OR(LEN(TRIM($D${r}))=0,TRIM($D${r})="无"))'], fill=cf_fill(code)))


# --------------------------------------------------------------------------------------
# values, formulas and their cached results
# --------------------------------------------------------------------------------------

def _agree(written: Any, computed: Any) -> bool:
    if isinstance(written, str) or isinstance(computed, str):
        # a 等级 written “优秀” is the “优” the formula shows (``core.grades.grade_word``)
        return written is None or (isinstance(written, str) and (written.strip() == computed
                                                                 or grade_word(written) == computed))
    return agrees(written, computed)


WRITTEN = ("total_weight", "total_score", "grade")   # computed cells the form also carries as written


# an indicator row's texts that wrap, and how: (column, field, width factor above 1 for the small font)
_WRAPS = (("G", "name", 1.0), ("H", "standard", 1.15), ("K", "reason", 1.15))


def _share(ws: Worksheet, form: EvalForm, lay: V.EvalLayout, shared: dict[str, list[tuple[int, int, str]]]) -> None:
    """A 扣分原因 (评分标准) merged over several indicator rows where the form was read: one cell again, its text
    once, the rows' heights shared out (``excel.sheet.share_cells``); it printed in each row."""
    share_cells(ws, form.indicators[:lay.n], shared, lay.ind_row, V.IND_COL_OF, V.COL_WIDTHS,
                lambda ind, skip: max(24.0, wrapped_height(ind, V.COL_WIDTHS, _WRAPS, lambda f: f not in skip)),
                lambda ind, fld, widths: wrapped_height(ind, widths, _WRAPS, lambda f: f == fld))


def _fill(ws: Worksheet, form: EvalForm, lay: V.EvalLayout, *, template: bool, values_only: bool) -> dict[str, Any]:
    if not template:
        ws["A2"].value = form.year
    for _l, _t, rng, fld in V.HEAD:
        ref = rng.split(":")[0]
        if fld in V.HEAD_NUMBERS:
            put_number(ws, ref, getattr(form, fld))
        else:
            put_text(ws, ref, getattr(form, fld) or None)
    inds = form.indicators
    grow_rows(ws, range(3, V.ROW_IND_HEAD))  # a long 项目名称 or 实施单位 grows its row rather than prints cut
    put_levels(ws, lay, form, level1_cols="AB", level2_cols="DE")
    widths = V.COL_WIDTHS
    put_indicator_rows(ws, lay, inds, (("G", "name"), ("H", "standard"), ("I", "weight"), ("J", "score"), ("K", "reason")),
                       widths, _WRAPS)
    foot = lay.foot_cells()
    text_width = sum(widths[c] for c in "DEFGHIJK")
    for fld, r in (("problems", lay.row_problems), ("suggestions", lay.row_suggestions)):
        v = getattr(form, fld)
        put_text(ws, foot[fld], v)
        if v:
            ws.row_dimensions[r].height = max(48.0, row_height([(v, text_width)]))

    # computed cells, in sheet order: formula where the written value agrees or is absent
    written = {f: written_number(getattr(form, f)) if f != "grade" else form.grade for f in WRITTEN}
    env = V.form_env(form, lay)
    shown = V.shown_values(form, lay, written)
    caches: dict[str, Any] = {}
    for c in lay.computed():
        computed = c.twin({**env, **{k: v for k, v in shown.items() if k != c.field}})
        place_computed(ws, lay.cell(c.field), c.formula(lay), written.get(c.field), computed, caches,
                       same=_agree, values_only=values_only, read=c.field in WRITTEN)
    return caches
