"""Writing one 部门整体支出绩效自评表 sheet from the layout: the template and a filled form.

As with the project form (``sheet``), the blank template and a filled form are the same
sheet: the template is the standard indicator set (``dept_scoring.template_form``) with
no figures and no scores. Computed cells hold native formulas — the 计算值 of every
standard, the 得分 of every formula indicator, Σ分值, 总分 and 等级 — except where the
department wrote a different value: then the cell holds what was written, as if typed
over the formula, so reading the file gives it back and the checker can flag it. Where
a formula stays, the value it computes is recorded as the cell's cached value.

A formula indicator's 得分 cell stays unlocked: a department that lacks a figure can
still type its score (the checker says the score could not be verified).
"""

from __future__ import annotations

from typing import Any, Sequence

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from . import layout as D
from .model import MAX_BANDS, DeptForm
from .scoring import MEASURES, grade_of, measure_value, standard_for, twin_score
from ...excel.printout import YEAR_PLACEHOLDER, Paper, on_paper
from ...excel.style import set_style
from ...core.grades import DEFAULT_BANDS, Bands, grade_word
from ...core.numbers import written_number
from ...checking.rules.table import RowColumns, reason_hint_blocks, reason_hint_formula
from ...excel.sheet import (cf_fill, InputValidations, put_title, BODY_FONT, BORDER, CENTER, CF_RED, F_BODY, F_CALC, F_LABEL, FILL_CALC, FILL_LABEL, FILL_NA, FIGURE_FIT, FMT_MONEY, FMT_TEXT, LEFT, RIGHT, LOCKED, UNLOCKED,
                    agrees, grow_rows, let_rows_fit, place_computed, protect_sheet, put_indicator_rows, put_levels, put_number, put_text,
                    row_height, share_cells, wrapped_height)

__all__ = ["build_dept_sheet"]

F_SMALL = Font(name=BODY_FONT, size=9)
F_SMALL_LABEL = Font(name=BODY_FONT, size=9, bold=True)
F_NOTE = Font(name=BODY_FONT, size=9, color="595959")
F_SECTION = Font(name="黑体", size=12, bold=True)
FILL_INPUT_CALC = PatternFill("solid", fgColor="EAF1FB")
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
FMT_NUM = "General"
FMT_RATE = "0.00%"
FMT_PCT = "0%"
FMT_PCT2 = "0.00%"
FMT_GRADE = '"等级："@'


# --------------------------------------------------------------------------------------
# cell helpers
# --------------------------------------------------------------------------------------

def _box(ws: Worksheet, rng: str, fill: PatternFill | None = None) -> None:
    if ":" not in rng:
        rng = f"{rng}:{rng}"
    for row in ws[rng]:
        for c in row:
            c.border = BORDER
            if fill is not None:
                c.fill = fill


def _merge(ws: Worksheet, rng: str, fill: PatternFill | None = None) -> None:
    if ":" in rng and rng.split(":")[0] != rng.split(":")[1]:
        ws.merge_cells(rng)
    _box(ws, rng, fill)


def _label(ws: Worksheet, rng: str, text: str, *, font: Font = F_LABEL, align: Alignment = CENTER) -> None:
    ref = rng.split(":")[0]
    c = ws[ref]
    c.value = text
    c.font = font
    c.alignment = align
    c.fill = FILL_LABEL
    c.protection = LOCKED
    _merge(ws, rng, FILL_LABEL)


def _input(ws: Worksheet, rng: str, *, fmt: str | None = None, align: Alignment = LEFT,
           font: Font = F_BODY) -> None:
    ref = rng.split(":")[0]
    c = ws[ref]
    c.font = font
    c.alignment = align
    c.protection = UNLOCKED
    if fmt:
        c.number_format = fmt
    _merge(ws, rng)


def _calc(ws: Worksheet, rng: str, fmt: str, *, unlocked: bool = False) -> None:
    ref = rng.split(":")[0]
    c = ws[ref]
    c.font = F_CALC
    c.alignment = CENTER
    c.number_format = fmt
    c.protection = UNLOCKED if unlocked else LOCKED
    _merge(ws, rng, FILL_CALC)


def _na(ws: Worksheet, rng: str) -> None:
    _merge(ws, rng, FILL_NA)


# --------------------------------------------------------------------------------------
# the sheet
# --------------------------------------------------------------------------------------

def build_dept_sheet(ws: Worksheet, form: DeptForm, *, template: bool = False,
                     values_only: bool = False, bands: Bands = DEFAULT_BANDS,
                     shared: dict[str, list[tuple[int, int, str]]] | None = None) -> dict[str, Any]:
    """Draw the form on ``ws`` and fill it from ``form``.

    Returns cell -> cached value for every formula cell whose result is known. ``values_only``
    (the 定稿 copy): the 得分 and the totals show what was read (``place_computed``); the
    计算值 of the standards, which the form does not carry, stay formulas with their results.
    ``bands``: the profile's grade bands, which the 等级 formula grades by. ``shared``: the indicator texts one
    merged cell covered on the sheet the form was read from (``sheetform.shared_spans``), merged again.
    """
    # the 定稿 is printed and signed: the template's 评价小组 rows, not one where none was typed (s65)
    lay = D.DeptLayout.for_form(form, D.DEFAULT_TEAM_ROWS if values_only else 1)
    ws.sheet_view.showGridLines = False
    for col, width in D.COL_WIDTHS.items():
        ws.column_dimensions[col].width = width
    ws.column_dimensions[D.KEY_COL].hidden = True
    dv = InputValidations(ws, D.PROMPTS)

    _title(ws, dv)
    _header(ws, dv)
    _indicators(ws, dv, form, lay)
    _team_and_opinion(ws, dv, form, lay)
    _appendix(ws, dv, form, lay)
    _conditional_formats(ws, lay)
    protect_sheet(ws)
    caches = _fill(ws, form, lay, template=template, values_only=values_only, bands=bands)
    if shared:
        _share(ws, form, lay, shared)
    if values_only:   # the 定稿: the appendix as plain data, without the words for filling it in
        _sent_words(ws, lay)
    let_rows_fit(ws, (lay.ind_row(i) for i in range(lay.n)))  # what a filler types there prints whole, add-in or not
    on_paper(ws, paper_of(lay))  # once the rows are as tall as their text
    _print_setup(ws, lay)
    if template and ws["A2"].value is None:
        ws["A2"].value = YEAR_PLACEHOLDER  # the blank form prints "（    年度）"
    if values_only:
        _keys_left_out(ws, caches)
    return caches


def _keys_left_out(ws: Worksheet, caches: dict[str, Any]) -> None:
    """The 定稿 without the row keys of its hidden column K (``rule:staff_control``, ``std:card:limit`` …)
    where the rows' labels say every one of them (``keyless.labels_find_keys``): a reviewer who unhid the
    columns of the copy sent saw English words beside a Chinese official form. The keys let a 填报人 insert
    rows in the working workbook; no row is inserted in the 定稿 (``seal_sheet``), and the reader finds its
    rows by their labels, as it does a table copied without column K. Where a label does not say its key —
    a formula indicator the department renamed — the keys stay: without them that indicator would be
    read as one no formula scores. Judged on the values the copy saves (its formulas frozen to ``caches``)."""
    from .keyless import labels_find_keys

    rows = [[caches.get(c.coordinate) if c.data_type == "f" else c.value for c in row] for row in ws.iter_rows()]
    if labels_find_keys(rows):
        for cell in ws[D.KEY_COL]:
            cell.value = None


def _sent_words(ws: Worksheet, lay: D.DeptLayout) -> None:
    """The appendix's labels and notes as the 定稿 says them (``layout.SENT_WORDS``): a finance bureau
    opening the emailed copy read “填写计算数据后，公式型指标自动评分；评分标准参数可按本部门评分办法修改”,
    “蓝底为自动计算，白底可修改” and “百分数，如 100%” — words to the 填报人 about the tool, in a copy no one fills in."""
    for row in ws.iter_rows(min_row=lay.row_appendix):
        for c in row:
            if isinstance(c.value, str):
                c.value = D.sent_label(c.value)


def _title(ws: Worksheet, dv: InputValidations) -> None:
    put_title(ws, D.TITLE, "J")
    dv.add("year", "A2", numeric="year")


def _header(ws: Worksheet, dv: InputValidations) -> None:
    for r, ll, lf, rl, rf in D.HEAD_ROWS:
        _label(ws, f"A{r}:D{r}", ll)
        _label(ws, f"G{r}", rl)
        for field, rng in ((lf, f"E{r}:F{r}"), (rf, f"H{r}:J{r}")):
            if field.startswith("data."):
                people = field in ("data.staff_quota", "data.staff_actual")
                _input(ws, rng, fmt=FMT_NUM if people else FMT_MONEY, align=FIGURE_FIT)
                dv.add("people" if people else "money", rng.split(":")[0], numeric="nonneg")
            else:
                _input(ws, rng, fmt=FMT_TEXT)
                dv.add(field, rng.split(":")[0])
        ws.row_dimensions[r].height = 20
        ws[f"K{r}"].value = "head"


def _indicators(ws: Worksheet, dv: InputValidations, form: DeptForm, lay: D.DeptLayout) -> None:
    h = D.ROW_IND_HEAD
    for col, text in D.IND_HEADERS.items():
        _label(ws, f"{col}{h}", text)
    ws.row_dimensions[h].height = 30
    ws[f"K{h}"].value = "indicators"
    first, last = D.FIRST_IND, lay.last_ind
    # level groups: 一级 (A) and its 分值 (B), 二级 (C) and its 分值 (D), merged over their rows
    for a, b in lay.level1_spans:
        for col in "AB":
            _input(ws, f"{col}{lay.ind_row(a)}:{col}{lay.ind_row(b)}", align=CENTER,
                   fmt=FMT_TEXT if col == "A" else FMT_NUM)
    for a, b in lay.level2_spans:
        for col in "CD":
            _input(ws, f"{col}{lay.ind_row(a)}:{col}{lay.ind_row(b)}", align=CENTER,
                   fmt=FMT_TEXT if col == "C" else FMT_NUM)
    for i in range(lay.n):
        r = lay.ind_row(i)
        _input(ws, f"E{r}", fmt=FMT_TEXT, align=CENTER)
        _input(ws, f"F{r}", fmt=FMT_TEXT, align=LEFT, font=F_SMALL)
        _input(ws, f"G{r}", fmt=FMT_TEXT, align=LEFT, font=F_SMALL)
        _input(ws, f"H{r}", fmt=FMT_NUM, align=CENTER)
        if lay.rules[i] and lay.group(lay.rules[i]) is not None:
            _calc(ws, f"I{r}", FMT_NUM, unlocked=True)
            dv.add("score_formula", f"I{r}", numeric="nonneg")
            ws[f"K{r}"].value = f"rule:{lay.rules[i]}"
        else:
            _input(ws, f"I{r}", fmt=FMT_NUM, align=CENTER)
            dv.add("score", f"I{r}", numeric="nonneg")
            if lay.rules[i]:  # a standard this form does not define: kept, scored by hand
                ws[f"K{r}"].value = f"rule:{lay.rules[i]}"
        _input(ws, f"J{r}", fmt=FMT_TEXT, align=LEFT, font=F_SMALL)
    dv.add("level1", f"A{first}:A{last}", choices=D.LEVEL1_LIST)
    dv.add("level1_weight", f"B{first}:B{last}", numeric="nonneg")
    dv.add("level2", f"C{first}:C{last}", choices=D.LEVEL2_LIST)
    dv.add("level2_weight", f"D{first}:D{last}", numeric="nonneg")
    for key, col in (("name", "E"), ("standard", "F"), ("explanation", "G"), ("reason", "J")):
        dv.add(key, f"{col}{first}:{col}{last}")
    dv.add("weight", f"H{first}:H{last}", numeric="nonneg")

    t = lay.row_total
    _label(ws, f"A{t}:G{t}", "总分")
    _calc(ws, f"H{t}", FMT_NUM)
    _calc(ws, f"I{t}", FMT_NUM)
    _calc(ws, f"J{t}", FMT_GRADE)
    dv.add("total_weight", f"H{t}")
    dv.add("total_score", f"I{t}")
    ws.row_dimensions[t].height = 24
    ws[f"K{t}"].value = "total"


def _team_and_opinion(ws: Worksheet, dv: InputValidations, form: DeptForm, lay: D.DeptLayout) -> None:
    r = lay.row_team_title
    _label(ws, f"A{r}:J{r}", D.ROW_LABELS["team_title"])
    ws.row_dimensions[r].height = 22
    ws[f"K{r}"].value = "team_title"
    h = lay.row_team_head
    for a, b, text in D.TEAM_COLS:
        _label(ws, f"{a}{h}:{b}{h}", text)
    ws.row_dimensions[h].height = 20
    ws[f"K{h}"].value = "team"
    for i in range(lay.team_rows):
        r = lay.team_row(i)
        c = ws[f"A{r}"]
        c.value = i + 1
        c.font = F_BODY
        c.alignment = CENTER
        _merge(ws, f"A{r}:B{r}")
        for a, b, _text in D.TEAM_COLS[1:]:
            _input(ws, f"{a}{r}:{b}{r}", fmt=FMT_TEXT, align=CENTER)
        dv.add("team", f"C{r}")
        dv.add("team", f"F{r}")
        dv.add("team", f"G{r}")
        ws.row_dimensions[r].height = 22
        ws[f"K{r}"].value = "member"
    r = lay.row_leader
    _label(ws, f"A{r}:E{r}", D.ROW_LABELS["team_leader"])
    _input(ws, f"F{r}:J{r}", fmt=FMT_TEXT)
    dv.add("team_leader", f"F{r}")
    ws.row_dimensions[r].height = 26
    ws[f"K{r}"].value = "team_leader"
    o, s = lay.row_opinion, lay.row_opinion_sign
    _label(ws, f"A{o}:E{s}", D.ROW_LABELS["opinion"])
    _input(ws, f"F{o}:J{o}", fmt=FMT_TEXT, align=TOP_LEFT)
    dv.add("opinion", f"F{o}")
    ws.row_dimensions[o].height = 60
    ws[f"K{o}"].value = "opinion"
    for ref, text in ((f"F{s}", D.ROW_LABELS["opinion_sign"]), (f"H{s}", "日期：")):
        ws[ref].value = text
        set_style(ws[ref], font=F_BODY, alignment=RIGHT, protection=LOCKED)
    ws.merge_cells(f"H{s}:I{s}")
    for ref, key in ((f"G{s}", "opinion_signer"), (f"J{s}", "opinion_date")):
        set_style(ws[ref], font=F_BODY, alignment=LEFT, protection=UNLOCKED, number_format=FMT_TEXT)
        dv.add(key, ref)
    _box(ws, f"F{s}:J{s}")
    ws.row_dimensions[s].height = 26
    ws[f"K{s}"].value = "opinion_sign"


def _appendix(ws: Worksheet, dv: InputValidations, form: DeptForm, lay: D.DeptLayout) -> None:
    a = lay.row_appendix
    ws.merge_cells(f"A{a}:J{a}")
    c = ws[f"A{a}"]
    c.value = D.ROW_LABELS["appendix"]
    c.font = F_SECTION
    c.alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[a].height = 26
    ws[f"K{a}"].value = "appendix"

    h = lay.row_data_head
    _head_row(ws, h, "data", D.DATA_HEADS)
    for key in D.BLOCK_DATA:
        r = lay.data_row(key)
        _label(ws, f"A{r}:E{r}", D.data_label(key), font=F_SMALL_LABEL, align=LEFT)
        pct = key == "satisfaction"
        _input(ws, f"F{r}", fmt=FMT_PCT2 if pct else FMT_MONEY, align=CENTER)
        dv.add("data", f"F{r}", numeric="any" if key == "budget_adjust" else "nonneg")
        _note(ws, f"G{r}:J{r}", D.DATA_NOTES.get(key, ""))
        ws.row_dimensions[r].height = 18
        ws[f"K{r}"].value = f"data:{key}"
    for key in lay.count_keys:
        r = lay.count_row(key)
        _label(ws, f"A{r}:E{r}", D.data_label(f"counts.{key}", form), font=F_SMALL_LABEL, align=LEFT)
        _input(ws, f"F{r}", fmt=FMT_NUM, align=CENTER)
        dv.add("count", f"F{r}", numeric="nonneg")
        std = standard_for(form, key)
        assert std is not None  # count_keys are the keys of per_item standards (DeptLayout.for_form)
        _note(ws, f"G{r}:J{r}", D.COUNT_NOTE.format(name=std.name))
        ws.row_dimensions[r].height = 18
        ws[f"K{r}"].value = f"count:{key}"

    p = lay.param_head
    t = lay.row_param_title
    ws.merge_cells(f"A{t}:J{t}")
    ws[f"A{t}"].value = D.ROW_LABELS["params_title"]
    ws[f"A{t}"].font = F_SECTION
    ws.row_dimensions[t].height = 24
    ws[f"K{t}"].value = "params_title"
    _head_row(ws, p, "params", D.PARAM_HEADS)
    for g in lay.groups:
        _param_group(ws, dv, form, lay, g)


def _head_row(ws: Worksheet, r: int, key: str, labels: tuple[tuple[str, str], ...]) -> None:
    """A header row of the appendix tables: ``labels`` (columns "A:E" or "F", text), and the row key
    in column K, by which the reader finds the table again."""
    for cols, text in labels:
        a, _, b = cols.partition(":")
        _label(ws, f"{a}{r}:{b}{r}" if b else f"{a}{r}", text)
    ws.row_dimensions[r].height = 20
    ws[f"K{r}"].value = key


def _note(ws: Worksheet, rng: str, text: str) -> None:
    ref = rng.split(":")[0]
    ws[ref].value = text
    ws[ref].font = F_NOTE
    ws[ref].alignment = LEFT
    ws[ref].protection = LOCKED
    _merge(ws, rng)


def _param_group(ws: Worksheet, dv: InputValidations, form: DeptForm, lay: D.DeptLayout, g: D.ParamGroup) -> None:
    std = g.std
    m = MEASURES.get(std.measure)
    pct = bool(m and m.percent)
    users = [form.indicators[i].name for i, k in enumerate(lay.rules) if k == g.key and i < len(form.indicators)]
    rows_of = [f"E{lay.ind_row(i)}" for i, k in enumerate(lay.rules) if k == g.key]
    _label(ws, f"A{g.head}:E{g.last}", f"{std.name}\n（{D.KIND_NOTE[std.kind]}）", font=F_SMALL_LABEL)
    # 计算值
    _label(ws, f"F{g.head}", D.VALUE_LABEL + (m.label if m else std.measure), font=F_SMALL, align=LEFT)
    _calc(ws, f"G{g.head}", FMT_RATE if pct else FMT_NUM)
    _na(ws, f"H{g.head}")
    where = "、".join(f"{n}（{r}）" for n, r in zip(users, rows_of)) or "未被指标使用"
    _note(ws, f"I{g.head}:J{g.head}", f"用于：{where}")
    ws[f"K{g.head}"].value = f"std:{g.key}:value:{std.kind}:{std.measure}"
    ws.row_dimensions[g.head].height = max(18.0, row_height([(ws[f"I{g.head}"].value, 26)], line=12) - 6)
    for part, label, _vcol, pcol in D.param_rows(std):
        r = g.rows[part]
        _label(ws, f"F{r}", label, font=F_SMALL, align=LEFT)
        bound_like = part in ("limit",) or part.startswith("band")
        if part.startswith("points") or part == "base":
            _na(ws, f"G{r}")
        else:
            fmt = (FMT_PCT if pct else FMT_NUM) if bound_like else FMT_NUM
            _input(ws, f"G{r}", fmt=fmt, align=CENTER)
            dv.add("param", f"G{r}", numeric="any")
        if pcol:
            _input(ws, f"H{r}", fmt=FMT_NUM, align=CENTER)
            dv.add("param", f"H{r}", numeric="any")
        else:
            _na(ws, f"H{r}")
        _note(ws, f"I{r}:J{r}", D.PARAM_NOTES.get(part, ""))
        ws.row_dimensions[r].height = 17
        ws[f"K{r}"].value = f"std:{g.key}:{part}"


# where a 三级指标 row keeps what F8's twin reads (``checking.rules.table.RowColumns``): the reader's columns
ROW_COLUMNS = RowColumns(weight="H", score="I", level1_weight="B", level2_weight="D", others="EFGIJ")


def _blocks(spans: Sequence[tuple[int, int]], lay: D.DeptLayout) -> list[tuple[int, int]]:
    """The first and last sheet row of each span of indicators (``lay.level1_spans``)."""
    return [(lay.ind_row(a), lay.ind_row(b)) for a, b in spans]


def _conditional_formats(ws: Worksheet, lay: D.DeptLayout) -> None:
    f, last, t = D.FIRST_IND, lay.last_ind, lay.row_total
    cf = ws.conditional_formatting
    # 得分 > 分值 or < 0
    cf.add(f"I{f}:I{last}", FormulaRule(
        formula=[f"AND(ISNUMBER(I{f}),OR(I{f}<0,AND(ISNUMBER(H{f}),I{f}>H{f})))"], fill=CF_RED))
    # 得分 < 分值 with a 扣分原因 that says nothing (blank, “无”, “/”: F8, ``says_nothing``), not on a row whose
    # 分值 was raised over its 一级 (F3 tells to lower it; F8 says nothing there): one format a 二级 block
    for at in reason_hint_blocks(_blocks(lay.level1_spans, lay), _blocks(lay.level2_spans, lay)):
        a, b = at.level2
        cf.add(f"J{a}:J{b}", FormulaRule(formula=[reason_hint_formula(a, at, ROW_COLUMNS, "J")], fill=cf_fill("F8")))
    # Σ分值 ≠ 100 (also when 100 was typed over a sum that is not 100)
    rng = f"$H${f}:$H${last}"
    cf.add(f"H{t}", FormulaRule(
        formula=[f"AND(COUNT({rng})>0,OR(SUM({rng})<>100,N($H${t})<>SUM({rng})))"], fill=CF_RED))
    # 总分 typed over a sum it is not
    srng = f"$I${f}:$I${last}"
    cf.add(f"I{t}", FormulaRule(formula=[f"AND(COUNT({srng})>0,N($I${t})<>SUM({srng}))"], fill=CF_RED))
    # 一级/二级 分值 ≠ Σ its 三级 分值
    for col, spans in (("B", lay.level1_spans), ("D", lay.level2_spans)):
        for a, b in spans:
            ra, rb = lay.ind_row(a), lay.ind_row(b)
            cf.add(f"{col}{ra}:{col}{rb}", FormulaRule(
                formula=[f"AND(ISNUMBER(${col}${ra}),ABS(${col}${ra}-SUM($H${ra}:$H${rb}))>0.001)"], fill=CF_RED))


def paper_of(lay: D.DeptLayout, blank: bool = False) -> Paper:
    """The printed form: landscape, from 部门（单位）名称 to 部门（单位）意见 (the 计算数据 and the
    评分标准参数 below stay off the page), fitted to the page's width, the indicator header repeated
    on each page. Over pages, the last indicator row, 总分, 评价小组, 评价组组长 and 部门（单位）意见
    print on one page together, a page starts at a 一级指标 (else a 二级指标) where its block fits
    on a page (``fit.page_breaks``), and a 一级/二级 name and 分值 cut by a page break are printed on
    each page (``printout.split_merges``). The blank template is planned alike: its rows are the
    standard indicator set, written in full (unplanned, LibreOffice split 评价小组 over two pages, the
    indicator header above its last rows, and printed “过程 40” on one page of its rows): ``blank``
    changes nothing."""
    return Paper(grid=(f"A3:J{lay.last_form_row}",), last_col="J", last_row=lay.last_form_row,
                 landscape=True, one_page=False, title_rows=f"{D.ROW_IND_HEAD}:{D.ROW_IND_HEAD}",
                 margins=(0.4, 0.5), keep_from=lay.last_ind, joined=lay.joined_rows(lay.level2_spans),
                 blocks=lay.joined_rows(lay.level1_spans), repeat="ABCD",
                 keep_merged="".join(D.IND_COL_OF[f] for f in ("standard", "explanation", "reason")))


def _print_setup(ws: Worksheet, lay: D.DeptLayout) -> None:
    """What the department form adds to ``printout.page`` (which numbers its pages and plans the
    breaks inside the form): a page break after the form, the last of the sheet's breaks."""
    ws.row_breaks.append(Break(id=lay.last_form_row))


# --------------------------------------------------------------------------------------
# values, formulas and their cached results
# --------------------------------------------------------------------------------------

def _agree(written: Any, computed: Any) -> bool:
    if isinstance(written, str) or isinstance(computed, str):
        # a 等级 written “优秀” is the “优” the formula shows (``core.grades.grade_word``)
        return written is None or (isinstance(written, str) and (written.strip() == computed
                                                                 or grade_word(written) == computed))
    return agrees(written, computed)


# an indicator row's texts that wrap, and how: (column, field, width factor above 1 for the small font)
_WRAPS = (("E", "name", 1.0), ("F", "standard", 1.15), ("G", "explanation", 1.15), ("J", "reason", 1.15),
          ("C", "level2", 1.0))


def _share(ws: Worksheet, form: DeptForm, lay: D.DeptLayout, shared: dict[str, list[tuple[int, int, str]]]) -> None:
    """A 扣分原因 (评分标准, 指标解释) merged over several indicator rows where the form was read: one cell again,
    its text once, the rows' heights shared out (``excel.sheet.share_cells``); it printed in each row."""
    share_cells(ws, form.indicators[:lay.n], shared, lay.ind_row, D.IND_COL_OF, D.COL_WIDTHS,
                lambda ind, skip: max(24.0, wrapped_height(ind, D.COL_WIDTHS, _WRAPS, lambda f: f not in skip)),
                lambda ind, fld, widths: wrapped_height(ind, widths, _WRAPS, lambda f: f == fld))


def _fill(ws: Worksheet, form: DeptForm, lay: D.DeptLayout, *, template: bool,
          values_only: bool = False, bands: Bands = DEFAULT_BANDS) -> dict[str, Any]:
    caches: dict[str, Any] = {}
    if not template:
        ws["A2"].value = form.year
    # header
    for _r, _ll, lf, _rl, rf in D.HEAD_ROWS:
        for fld in (lf, rf):
            ref = D.HEAD_CELLS[fld]
            if fld.startswith("data."):
                put_number(ws, ref, getattr(form.data, fld.split(".", 1)[1]))
            else:
                put_text(ws, ref, getattr(form, fld) or None)
    # indicators
    inds = form.indicators
    put_levels(ws, lay, form, level1_cols="AB", level2_cols="CD")
    put_indicator_rows(ws, lay, inds,
                       (("E", "name"), ("F", "standard"), ("G", "explanation"), ("H", "weight"), ("J", "reason")),
                       D.COL_WIDTHS, _WRAPS)
    # figures
    for key in D.BLOCK_DATA:
        put_number(ws, lay.data_cell(key), getattr(form.data, key))
    for key in lay.count_keys:
        put_number(ws, lay.data_cell(f"counts.{key}"), form.data.counts.get(key))
    # standards: parameters and 计算值
    for g in lay.groups:
        std = g.std
        vals: dict[str, tuple[Any, Any]] = {}
        if std.kind in ("over_limit", "under_limit"):
            vals = {"limit": (std.limit, None), "per_point": (std.per_point, None)}
        elif std.kind in ("bands_min", "bands_max"):
            rows = list(std.bands or [])   # the standard's 档 (not the grade ``bands``)
            for i in range(1, MAX_BANDS + 1):
                b = rows[i - 1] if i <= len(rows) else None
                vals[f"band{i}"] = (b.bound if b else None, b.points if b else None)
            vals["base"] = (None, std.base)
        elif std.kind == "per_item":
            vals = {"per_item": (std.per_item, None)}
        elif std.kind == "balance":
            pts = list(std.points or []) + [None] * 3
            vals = {f"points{i}": (None, pts[i - 1]) for i in (1, 2, 3)}
        for part, (v, pts) in vals.items():
            r = g.rows[part]
            if v is not None:
                put_number(ws, f"G{r}", v)
                if isinstance(v, float) and ws[f"G{r}"].number_format == FMT_PCT and abs(v * 100 - round(v * 100)) > 1e-9:
                    ws[f"G{r}"].number_format = FMT_PCT2
            if pts is not None:
                put_number(ws, f"H{r}", pts)
        ws[f"G{g.head}"].value = lay.measure_formula(g)
        x = measure_value(std.measure, form.data, g.key)
        if x is not None:
            caches[f"G{g.head}"] = x

    # 得分: formula where the written score agrees (or is blank), else as written
    shown: list[Any] = []
    for i, ind in enumerate(inds):
        r = lay.ind_row(i)
        grp = lay.group(ind.rule)
        if grp is None:
            put_number(ws, f"I{r}", ind.score)
            shown.append(ind.score)
            continue
        x = measure_value(grp.std.measure, form.data, grp.key)
        computed = twin_score(grp.std, x, ind.weight, form.data.carryover_last) if x is not None else None
        shown.append(place_computed(ws, f"I{r}", lay.score_formula(grp, r), ind.score, computed, caches,
                                    same=_agree, values_only=values_only))

    # totals
    formulas = lay.total_formulas(bands)
    foot = lay.foot_cells()

    def decide(fld: str, written: Any, computed: Any) -> Any:
        w = written_number(written) if fld != "grade" else written
        return place_computed(ws, foot[fld], formulas[fld], w, computed, caches, same=_agree,
                              values_only=values_only)

    weights = [i.weight for i in inds if isinstance(i.weight, (int, float))]
    decide("total_weight", form.total_weight, sum(weights) if weights else None)
    nums = [s for s in shown if isinstance(s, (int, float)) and not isinstance(s, bool)]
    tot = decide("total_score", form.total_score, round(sum(nums), 10) if nums else None)
    decide("grade", form.grade, grade_of(tot, bands) if isinstance(tot, (int, float)) else None)

    # team and opinion
    for i, m in enumerate(form.team):
        r = lay.team_row(i)
        for fld, col in D.TEAM_FIELDS.items():
            put_text(ws, f"{col}{r}", getattr(m, fld))
    for fld in ("team_leader", "opinion", "opinion_signer", "opinion_date"):
        put_text(ws, foot[fld], getattr(form, fld))
    if form.opinion:
        ws.row_dimensions[lay.row_opinion].height = max(60.0, row_height(
            [(form.opinion, sum(D.COL_WIDTHS[c] for c in "FGHIJ"))]))
    # a long 部门名称 or 评价机构, a member's long unit: their rows grow rather than print cut
    grow_rows(ws, [r for r, *_ in D.HEAD_ROWS] + [lay.team_row(i) for i in range(len(form.team))])
    return caches
