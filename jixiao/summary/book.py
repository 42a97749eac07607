"""The 汇总表 workbook sheets, as a plan: 汇总表, 项目明细, 图表, 未能读取.

The 汇总表 is laid out like the published 县直部门绩效自评情况汇总表 and computes its
figures with native formulas on the 项目明细 sheet. 项目明细 has one row per form: when
the forms are sheets of the same workbook (the 汇总 button, or ``summarize`` on one
workbook) its cells are formulas on those sheets, so editing a form updates the 汇总表
without pressing 汇总 again; forms from other files are copied as values with their
source recorded. Text copied from forms is always written as text, never as a formula.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable

from ..core import grades
from ..core.numbers import MONEY_FORMAT, SCORE_FORMAT, is_number
from ..core.rates import read_funds_formula, read_rate_formula, read_whole_formula, wan_rate, yuan_side
from ..errors import NO_FORM, few_said, problem_places
from ..forms.project import layout as L
from ..excel.fit import A4_POINTS, POINTS_PER_WIDTH, money_width, no_lone_marks, one_line, row_height
from ..excel.plan import AddChart, DropSheet, Formula, Plan, SheetSpec, drop_columns
from ..reports.text import ORD
from . import GRADES, UNFILLED, Summary
from ..core.findings import DETAIL_SHEET, DETAIL_TITLE, is_detail_head  # noqa: F401 - DETAIL_* imported from here too

SUMMARY_SHEET = "汇总表"
CHART_SHEET = "图表"
UNREADABLE_SHEET = "未能读取"
CHART_TITLE = "绩效自评图表"
UNREADABLE_TITLE = "未能读取的文件或表"
DETAIL_FIRST = 3
CHART_MAX_PROJECTS = 80

# The 图表 sheet prints on A4 portrait, laid out by rows: every row has its height, so Excel, WPS
# and LibreOffice place the charts (anchored to cells) alike, and each 各项目预算执行率 chart starts
# a page of its own (``SheetSpec.row_breaks``), its projects never split over two. Its columns fit
# the page's width at 100 % with the default 11 pt Calibri (and are fitted to it with a wider font).
CHART_COLS = "ABCDEFGHIJ"
CHART_COL_WIDTH = 8.4        # the ten columns: 478 pt at 7 px a unit and 5 px each (the room: 487 pt)
CHART_WIDTH_CM = len(CHART_COLS) * CHART_COL_WIDTH * POINTS_PER_WIDTH * 2.54 / 72  # inside the columns
CHART_TITLE_ROW = 30.0       # points
CHART_ROW = 15.0             # points, every other row of the sheet
GRADE_CHART_ROWS = 12        # the 等级分布 chart (6.35 cm)
BAR_PT = 18.0                # one project's bar and its name (a 10 pt line; LibreOffice leaves out names that overlap)
BAR_FRAME_PT = 54.0          # a bar chart's title and its axis of rates
# the height of an A4 page between the widest margins the writers give (openpyxl's 1 in at top
# and bottom), less a row to spare for rounding
CHART_PAGE_PT = A4_POINTS[1] - 2 * 72 - CHART_ROW
# A bar's name is its 序号 and the project's name, cut in the middle to a line of the label area
# (“3. 2022年中央财政衔接推进乡村…成果）项目”): a name of 30–50 characters ran past the chart's frame,
# turned the rate axis on its side, and LibreOffice left long names out. The area takes at most
# LABEL_SHARE of the chart's width at the viewers' 10 pt axis font, LABEL_CHARS CJK characters or twice
# as many Latin letters (``chart_label``); the full name is in 项目明细 by its 序号.
LABEL_FONT_PT = 10.0
LABEL_SHARE = 0.45
LABEL_CHARS = int(LABEL_SHARE * CHART_WIDTH_CM * 72 / 2.54 / LABEL_FONT_PT) - 2   # the name's; 2 for “60. ”
LABEL_TAIL = LABEL_CHARS // 3   # characters kept from the end (“（第2批）”, the 文号), after the “…”
LABEL_COL = "L"                 # the labels, on the 图表 sheet right of its printed columns
NAME_COL = "M"                  # the names as the labels write them (``label_name``), beside the labels
LABEL_FIRST = 3

# The number columns a unit wider than their bold header (“全年预算数”, 10 units) and than “100.00%”
# with a space: at Calibri's widths “10.00” and “100.00%” printed as one “10.00100.00%”; the 项目名称
# column, which wraps anyway, gives the room (the 来源 column keeps a file name's end: “（修改稿）.xlsx”)
DETAIL_COLS = [  # (column, header, width, key)
    ("A", "序号", 5, None), ("B", "项目名称", 29, "project"), ("C", "主管部门", 18, "authority"),
    ("D", "实施单位", 18, "unit"), ("E", "全年预算数", 11, "annual"), ("F", "全年执行数", 11, "executed"),
    ("G", "执行率", 10, "exec_rate"), ("H", "自评得分", 9, "total"), ("I", "复核得分", 9, "reviewed_total"),
    ("J", "等级", 9, "grade"), ("K", "错误数", 7, "errors"), ("L", "警告数", 7, "warnings"),
    ("M", "来源", 34, "source"),
]
DETAIL_WIDTH = {col: width for col, _h, width, _k in DETAIL_COLS}
# the columns of the review (the bureau's, and the 填报人's own 汇总 to work by): not in the 定稿 a
# department sends (``sent``) — a 复核得分 and its own counts of errors and warnings are no part of it
REVIEW_KEYS = ("reviewed_total", "errors", "warnings")
SOURCE_WIDTH = DETAIL_WIDTH["M"]   # the 来源 text's; its column is wider by the style's indent (``SOURCE_INDENT``)
SOURCE_INDENT = 2   # column-width units of the "source" style's one-character indent


def _q(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _linked_cells(row: dict[str, Any], r: int) -> dict[str, Any]:
    """明细 cells of one form as formulas on its own sheet (same workbook)."""
    s = _q(row["sheet"])
    lay = L.FormLayout(row.get("_rows") or L.DEFAULT_ROWS)
    text = lambda ref: Formula(f'=IF({s}!{ref}="","",{s}!{ref})')  # noqa: E731
    return {
        "B": text(L.HEAD_CELLS["project"]), "C": text(L.HEAD_CELLS["authority"]), "D": text(L.HEAD_CELLS["unit"]),
        "E": Formula("=" + L.linked_column("annual", s)), "F": Formula("=" + L.linked_column("executed", s)),
        "H": Formula(f'=IF({s}!{lay.foot_cells()["total_score"]}="","",{s}!{lay.foot_cells()["total_score"]})'),
    }


_BOOKS = (".xlsx", ".xlsm", ".xls", ".ods")  # a row's file a 来源 link can open


def _read_from(row: dict[str, Any]) -> str:
    """The file a row's form was read from, as its ``source`` (file#sheet, @cell after it for a
    second form on a sheet) names it: the review links the row to its marked copy (``file``) and
    names the file the department sent there."""
    source, sheet = str(row.get("source") or row.get("file") or ""), row.get("sheet")
    cut = source.rfind(f"#{sheet}") if sheet else -1
    return source[:cut] if cut > 0 else source


def file_link(path: str) -> str:
    """The link of a 来源 cell to the file ``path``: its whole path as a file URI (``summarize``: the
    forms' workbooks, wherever they are), or — given as ``external:`` and a path relative to the 汇总表
    (the review's, beside the departments' folders of marked copies) — that, as the 复核台账's links are:
    they still open when the reviewer moves or copies the output folder."""
    return path if path.startswith("external:") else Path(path).resolve().as_uri()


def source_shown(name: str) -> str:
    """A 来源 cell's text, on 项目明细 and on each other kind's sheet alike: ``name`` (the file's name,
    or the sheet's) on one line of the 来源 column, shortened in the middle (``one_line``): a link
    cell does not wrap in LibreOffice (a path was cut at the page's edge); the link keeps the whole."""
    return one_line(name, SOURCE_WIDTH)


def detail_sheet(summary: Summary, linked: bool, values: bool = False, sent: bool = False) -> SheetSpec:
    """项目明细, a row per form. ``linked``: the forms are sheets of the workbook written (each row's
    ``sheet``): its cells are formulas on them, its 来源 a link to the sheet — only the link with
    ``values`` (the 定稿 copy: numbers, and no path of the 填报人's computer). ``sent``: what the
    department sends, without the review's columns (``REVIEW_KEYS``)."""
    n = len(summary.rows)
    last = DETAIL_FIRST + max(n, 1) - 1
    uris: dict[str, str] = {}
    uri = lambda f: uris.get(f) or uris.setdefault(f, file_link(f))  # noqa: E731 - once per file
    names: dict[str, str] = {}
    shown = lambda t: names.get(t) or names.setdefault(t, source_shown(t))  # noqa: E731 - once per file
    spec = SheetSpec(DETAIL_SHEET, freeze=f"C{DETAIL_FIRST}", landscape=True,
                     print_area=f"A1:M{last}", print_titles="2:2")
    spec.cells["A1"] = (f"{summary.year}年度" if summary.year else "") + DETAIL_TITLE  # as the 汇总表's
    spec.merges.append("A1:M1")
    spec.styles["A1"] = "title"
    spec.heights[1] = 28
    for col, head, width, _ in DETAIL_COLS:
        spec.cells[f"{col}2"] = head
        spec.widths[col] = width + (SOURCE_INDENT if col == "M" else 0)
    spec.styles["A2:M2"] = "header"
    keyed = [(col, key) for col, _, _, key in DETAIL_COLS[1:]]
    # the 等级 formula of row r is this with "H{r}" for the marker (grade_formula once, not per row),
    # under the bands ``summary.grades`` is counted by
    grade = "=" + grades.grade_formula("\0", summary.bands)
    cells_out = spec.cells
    for i, row in enumerate(summary.rows):
        r = DETAIL_FIRST + i
        cells_out[f"A{r}"] = i + 1
        linked_here = linked and row.get("sheet")
        cells = _linked_cells(row, r) if linked_here and row.get("_linkable") and not values else {}
        for col, key in keyed:
            assert key is not None  # only 序号 (column A) has no key
            if col in cells:
                cells_out[f"{col}{r}"] = cells[col]
            elif col == "G" and not values:
                # the rate as the rules and the 复核 read the funds (a figure in 元 read in 万元: A5, A16)
                cells_out[f"G{r}"] = Formula("=" + read_rate_formula(f"F{r}", f"E{r}"))
            elif col == "J" and not values:
                cells_out[f"J{r}"] = Formula(grade.replace("\0", f"H{r}"))
            else:
                v = row.get(key)
                cells_out[f"{col}{r}"] = "" if v is None else v
        if linked_here:
            spec.links[f"M{r}"] = f"{row['sheet']}!A1"
            spec.cells[f"M{r}"] = shown(row["sheet"])
        elif row.get("file") and str(row["file"]).lower().endswith(_BOOKS):
            spec.links[f"M{r}"] = uri(row["file"])  # opens the returned workbook
            spec.cells[f"M{r}"] = shown(Path(_read_from(row)).name)  # the folder is the user's own
        elif row.get("file"):   # a file no link opens (.et, a form's JSON): its name all the same, as every
            spec.cells[f"M{r}"] = shown(Path(_read_from(row)).name)  # row's (it was “tests/x.et#Sheet2”)
        spec.heights[r] = row_height([(row.get("project"), DETAIL_WIDTH["B"]), (row.get("authority"), DETAIL_WIDTH["C"]),
                                      (row.get("unit"), DETAIL_WIDTH["D"]), (spec.cells.get(f"M{r}"), SOURCE_WIDTH)])
    if n:
        spec.styles[f"A{DETAIL_FIRST}:M{last}"] = "body"
        spec.styles[f"E{DETAIL_FIRST}:L{last}"] = "number"
        spec.styles[f"J{DETAIL_FIRST}:J{last}"] = "center"
        # the counts centred and the 来源 a character in: a right-aligned 警告数 ran into a name starting
        # with digits, “4” and “523-….xlsx” read as “4523-…” on paper
        spec.styles[f"K{DETAIL_FIRST}:L{last}"] = "center"
        spec.styles[f"M{DETAIL_FIRST}:M{last}"] = "source"
        spec.formats[f"E{DETAIL_FIRST}:F{last}"] = MONEY_FORMAT
        for col, key in (("E", "annual"), ("F", "executed")):
            spec.widths[col] = money_width((row.get(key) for row in summary.rows), DETAIL_WIDTH[col])
        spec.formats[f"G{DETAIL_FIRST}:G{last}"] = "0.00%"
        spec.formats[f"H{DETAIL_FIRST}:I{last}"] = SCORE_FORMAT   # the 总分 as the forms' 总分 cells and the reports show it
    said = detail_note(summary.rows, reviewed=not sent, bands=summary.bands)
    if said:  # a score over 100 in the table: what its 等级 is, under the table
        note = last + 2
        spec.cells[f"A{note}"] = said
        spec.merges.append(f"A{note}:M{note}")
        spec.styles[f"A{note}"] = "note"
        spec.heights[note] = row_height([(said, sum(w for _c, _h, w, _k in DETAIL_COLS))])
        spec.print_area = f"A1:M{note}"
    if sent:
        drop_columns(spec, [col for col, _h, _w, key in DETAIL_COLS if key in REVIEW_KEYS])
        spec.links.clear()   # a form for paper: 来源 the sheet's name as text (LibreOffice prints a link blue)
    return spec


def detail_note(rows: list[dict[str, Any]], reviewed: bool = True,
                bands: grades.Bands = grades.DEFAULT_BANDS) -> str | None:
    """What the note under 项目明细 says of its scores over 100 — on a form of 100 points an error the
    check reports (D11, D12) — or None: a 自评得分 over 100 has no grade (“无法评定”, ``grades.grade``)
    and is in none of 优良中差; beside a 复核得分 over 100 (分值 adding up to more) the 等级 is still the
    自评得分's, the 汇总表 counting by it (the self-evaluation reported: outputs.md), which is said,
    with the rows' 序号, rather than a 优 beside 109.50 left unexplained. So beside a 复核得分 of another
    grade (“优” beside 88.76, which the department's notice calls 良: reviewer QA, stop 44). And the rows whose
    执行率 reads a figure in 元 as 万元 (``core.rates.read_rate``): 95.63 % beside 765000 and 80 read as a slip."""
    parts = []
    if ungraded_count(rows):
        parts.append(f"“等级”为“{grades.NO_GRADE}”的项目，自评得分超过100分，不评定等级，也不计入汇总表的绩效评价等级个数")
    graded = [(i, r) for i, r in enumerate(rows, 1) if reviewed and r.get("grade") not in (None, "", grades.NO_GRADE)
              and is_number(r.get("reviewed_total"))]
    over = [str(i) for i, r in graded if grades.above_max(r["reviewed_total"])]
    other = [str(i) for i, r in graded if not grades.above_max(r["reviewed_total"])
             and grades.grade(r["reviewed_total"], bands) != r["grade"]]
    # “序号为1、3的项目”; more than ten: “序号为1、2、…、10 等 15 个项目” (“10等的项目” read as one number)
    listed = lambda nos: few_said(nos, 10, "个项目") if len(nos) > 10 else "、".join(nos) + "的项目"  # noqa: E731
    if over:
        parts.append(f"序号为{listed(over)}复核得分超过100分（分值合计超过100），复核不能评定等级，"
                     "“等级”按表中的自评得分评定，汇总表按它统计")
    if other:
        parts.append(f"序号为{listed(other)}复核得分与自评得分不在同一等级，"
                     + ("“等级”同样按自评得分评定" if over else "“等级”按表中的自评得分评定，汇总表按它统计"))
    # 765000 beside 80 (万元) and an 执行率 of 95.63 %: the column reads the 元 as the rules do (``read_rate``), and says so
    yuan = yuan_rows(rows, whole=False)
    if yuan:
        parts.append(f"序号为{listed(yuan)}全年执行数或全年预算数像是以元填写，“执行率”按换算为万元的数计算，"
                     "表中资金数应改正")
    # a form typed wholly in 元 (880000 budgeted, 652200 spent): its 执行率 is the same, its figures are not 万元
    whole = [str(i) for i, r in enumerate(rows, 1) if r.get("in_yuan")]
    if whole:
        parts.append(f"序号为{listed(whole)}全年预算数和全年执行数像是都以元填写，汇总表的资金总量按换算为万元的数计入，"
                     "表中资金数应改正")
    if not parts:
        return None
    tail = "自评表满分为100分，得分超过100即表中有误，见校验结果。" if over or ungraded_count(rows) else ""
    return "注：" + "；".join(parts) + "。" + tail


def yuan_rows(rows: list[dict[str, Any]], numbers: list[int] | None = None, whole: bool = True) -> list[str]:
    """The 序号 of the 项目明细 rows whose 全年执行数 or 全年预算数 looks like 元 beside the other (``core.rates.wan_rate``):
    their 执行率 and the 汇总表's 资金总量 read it in 万元; with ``whole``, and those of a form typed wholly in 元
    (``in_yuan``: the 资金总量 reads both in 万元). ``numbers``: each row's 序号 in 项目明细 (a group's rows: theirs among
    all the rows); none: 1, 2, …"""
    nos = numbers or range(1, len(rows) + 1)
    return [str(i) for i, r in zip(nos, rows)
            if (whole and r.get("in_yuan")) or wan_rate(executed=r.get("executed"), annual=r.get("annual"))]


# Excel's longest formula is 8,192 characters: a 资金总量 whose 元 rows would make it longer is written as its number
FORMULA_MAX = 8000


def funds_sum_formula(rows: list[dict[str, Any]], numbers: list[int] | None, total: str, col: str) -> str:
    """``total`` (SUM or SUMIF of the 项目明细 column ``col``: E 全年预算数, F 全年执行数, no “=”) with each of ``rows``
    whose figure of that column looks like 元 (``core.rates.yuan_side``) taken off and read in 万元
    (``read_funds_formula``), as ``summary.funds_totals`` (its Python twin) sums: the 资金总量 765202.68 万元 of five
    projects added a 765000 spent in 元 as written (s66). ``numbers``: the rows' 序号 in 项目明细, as ``yuan_rows``."""
    d = _q(DETAIL_SHEET)
    side = "annual" if col == "E" else "executed"
    out = total
    for no, r in zip(numbers or range(1, len(rows) + 1), rows):
        # a form typed wholly in 元 (``in_yuan``): both its figures, as ``read_whole`` reads them (s68)
        read = (read_whole_formula if r.get("in_yuan") else
                read_funds_formula if yuan_side(executed=r.get("executed"), annual=r.get("annual")) == side else None)
        if read is not None:
            at = DETAIL_FIRST + no - 1
            executed, annual = read(f"{d}!F{at}", f"{d}!E{at}")
            out += f"-N({d}!{col}{at})+" + (annual if side == "annual" else executed)
    return out


def yuan_said(yuan: list[str]) -> str:
    """What the 汇总表 (and a unit's, and the 分单位汇总) says of the 项目明细 rows ``yuan`` (``yuan_rows``)."""
    which = few_said(yuan, 10, "个项目") if len(yuan) > 10 else "、".join(yuan) + "的项目"
    return (f"“{DETAIL_SHEET}”工作表中序号为{which}全年执行数或全年预算数像是以元填写，资金总量按换算为万元的数计入，"
            "表中资金数应改正。")


def _criterion(group: str | None, ref: str | None = None) -> str:
    """The COUNTIF criterion of a group's 明细 rows: "" for the forms that left the column blank
    (their 明细 cell is empty, not the “（未填写）” the group is called); a name COUNTIF would read
    as a comparison or a pattern (“=…”, “<…”, “*”, “?”, “~”) as “=” and the name with its
    wildcards escaped; any other name as ``ref`` (the cell holding it) or as itself."""
    if group in (None, UNFILLED):
        return '""'
    assert group is not None
    if group[:1] in "=<>" or any(c in group for c in "*?~"):
        group = "=" + group.replace("~", "~~").replace("*", "~*").replace("?", "~?")
    elif ref:
        return ref
    return '"' + group.replace('"', '""') + '"'


def summary_sheet(summary: Summary, n_rows: int, name: str = SUMMARY_SHEET,
                  group_col: str | None = None, values: bool = False, numbers: list[int] | None = None) -> SheetSpec:
    """The official 汇总表; with ``group_col`` (C 主管部门 / D 实施单位) it counts only the
    明细 rows of ``summary.group``, ``numbers`` their 序号 in 项目明细 (``yuan_rows``)."""
    first, last = DETAIL_FIRST, DETAIL_FIRST + max(n_rows, 1) - 1
    d = _q(DETAIL_SHEET)

    def rng(col: str) -> str:
        return f"{d}!${col}${first}:${col}${last}"

    spec = SheetSpec(name, print_area="A1:D12", position=0)
    spec.cells["A1"] = (f"{summary.year}年度" if summary.year else "") + "县直部门绩效自评情况汇总表"
    spec.merges.append("A1:D1")
    spec.styles["A1"] = "title"
    spec.heights[1] = 36
    from ..reports.context import office_of   # whom the 报送函 speaks as: the one 实施单位, else the one 主管部门

    unit = summary.unit or office_of([(r.get("unit"), r.get("authority")) for r in summary.rows]) or ""
    spec.cells["A2"] = f"填报部门：{unit}"
    spec.cells["D2"] = "单位：万元"
    spec.merges.append("A2:C2")
    spec.styles["A2:D2"] = "subtitle"
    spec.cells["A3"] = "项目"
    spec.merges.append("A3:B3")
    spec.cells["C3"] = "应评价数"
    spec.cells["D3"] = "已评价数"
    spec.styles["A3:D3"] = "header"
    spec.cells["A4"] = "项目数量（个）"
    spec.cells["A5"] = "资金总量"
    spec.merges += ["A4:B4", "A5:B5", "A6:A9"]
    spec.cells["A6"] = "绩效评价等级（个）"
    if group_col:
        g = _criterion(summary.group)
        spec.cells["C4"] = Formula(f"=COUNTIF({rng(group_col)},{g})")
        # the 总分 range first: LibreOffice's COUNTIFS finds no match for "" when the range
        # it starts with has blank cells
        spec.cells["D4"] = Formula(f'=COUNTIFS({rng("H")},"<>",{rng(group_col)},{g})')
        sums = {c: f"SUMIF({rng(group_col)},{g},{rng(c)})" for c in "EF"}
    else:
        spec.cells["C4"] = Formula(f'=COUNTIF({rng("B")},"?*")')
        spec.cells["D4"] = Formula(f"=COUNT({rng('H')})")
        sums = {c: f"SUM({rng(c)})" for c in "EF"}
    for ref, col, v in (("C5", "E", summary.funds_due), ("D5", "F", summary.funds_done)):
        f = funds_sum_formula(summary.rows, numbers, sums[col], col)
        spec.cells[ref] = Formula("=" + f) if len(f) < FORMULA_MAX else v
    if values:  # the 定稿 copy: numbers, no formulas
        spec.cells.update({"C4": summary.projects_due, "D4": summary.projects_done,
                           "C5": summary.funds_due, "D5": summary.funds_done})
    for i, grade in enumerate(GRADES):
        r = 6 + i
        spec.cells[f"B{r}"] = grade
        spec.merges.append(f"C{r}:D{r}")
        if values:
            spec.cells[f"C{r}"] = summary.grades.get(grade, 0)
        elif group_col:
            spec.cells[f"C{r}"] = Formula(f'=COUNTIFS({rng("J")},"{grade}",{rng(group_col)},{g})')
        else:
            spec.cells[f"C{r}"] = Formula(f'=COUNTIF({rng("J")},"{grade}")')
    spec.styles["A4:D9"] = "center"
    spec.formats["C5:D5"] = MONEY_FORMAT
    spec.merges.append("A10:D12")
    spec.styles["A10"] = "note"
    spec.heights.update({4: 24, 5: 24, 6: 22, 7: 22, 8: 22, 9: 22})
    spec.cells["A10"] = ""
    for item in ("应评价数为纳入自评的项目全年预算数合计，已评价数为项目全年执行数合计。",
                 f"绩效评价等级按各项目自评表总分统计：{grades.bands_said(summary.bands)}。",
                 "本表数据取自“项目明细”工作表。"):
        add_note(spec, item)
    ungraded = ungraded_count(summary.rows)
    if ungraded:  # in 项目数量, in none of 优良中差: the sheet says why the grades add up to fewer
        add_note(spec, ungraded_said(ungraded))
    unfunded = unfunded_said(summary.rows)
    if unfunded:  # in 项目数量, not in 资金总量: the sheet says why the money is less than the projects'
        add_note(spec, unfunded)
    yuan = yuan_rows(summary.rows, numbers)
    if yuan:  # 资金总量 of 5 projects, one 765000 spent in 元 (A5, A16): read as 76.5 万元, and said
        add_note(spec, yuan_said(yuan))
    # “绩效评价等级（个）” on one line at Calibri's widths (9 CJK characters, 18 units): at 16 its “）”
    # began a line of its own; the two number columns give the room
    spec.widths.update({"A": 19, "B": 14, "C": 20.5, "D": 20.5})
    return spec


BY_UNIT_SHEET = "分单位汇总"
BY_UNIT_STATUS = "复核状态"   # its last column where it is the review's: each department's status (``by_unit_sheet``)


def ungraded_count(rows: list[dict[str, Any]]) -> int:
    """The 项目明细 rows whose 总分 is above 100: counted in 项目数量, in none of 优良中差."""
    return sum(1 for r in rows if r.get("grade") == grades.NO_GRADE)


def ungraded_said(n: int) -> str:
    """What a 说明 says of them (``ungraded_count``)."""
    return f"另有{n}个项目自评总分超过100分，无法评定等级，未计入绩效评价等级个数（见“{DETAIL_SHEET}”工作表“等级”列）。"


# what a 汇总表 says of the forms it did not count (``Summary.set_aside``), by why: a form of another year, on a
# hidden sheet, replaced by the same project sent again. Files left out whole (an identical copy, our own output,
# not a workbook) leave nothing of their own out, and are not said
LEFT_OUT_KINDS = ("other_year", "hidden", "superseded")


def left_out_said(set_aside: list[Any], see: str = "", whose: Callable[[Any], str | None] | None = None) -> str | None:
    """The 说明 item for the project forms a 汇总表 left out (``dedupe.SetAside`` of a form, by ``LEFT_OUT_KINDS``;
    the 汇总表 counts no other kind): “另有3张表未计入本表：其他年度（2021年度）的表1张，……”, with “（见 ``see``）”
    where given; None where none was. A reader of the table saw 9 projects where the workbook held 10, and no
    word why (stderr and the JSON said it). Not “项目支出绩效自评表” in the text: a sheet with a cell like that title
    is taken for a form (``reading.form.looks_like_form``), and the 定稿 of the workbook said its 汇总表 unreadable.
    ``whose`` (the county's consolidation: the department a set-aside form is counted under) names after each
    reason the departments whose forms it left out — “……的表1张（县民政局）”: the section chief reporting the
    county's figures had to open the 台账 to say whose figures were short."""
    forms = [s for s in set_aside if s.kind in LEFT_OUT_KINDS and s.form_kind in (None, "project")]
    if not forms:
        return None
    of = {k: [s for s in forms if s.kind == k] for k in LEFT_OUT_KINDS}

    def of_whom(these: list[Any]) -> str:
        names = list(dict.fromkeys(n for n in map(whose, these) if n)) if whose else []
        return f"（{'、'.join(names)}）" if names else ""

    years = sorted({s.year for s in of["other_year"] if isinstance(s.year, int)})
    parts = []
    if of["other_year"]:
        when = f"（{'、'.join(map(str, years))}年度）" if years else ""
        parts.append(f"其他年度{when}的表{len(of['other_year'])}张{of_whom(of['other_year'])}")
    if of["hidden"]:
        parts.append(f"隐藏的工作表上的表{len(of['hidden'])}张{of_whom(of['hidden'])}")
    if of["superseded"]:
        parts.append(f"已由同一项目重新报送的表替代的{len(of['superseded'])}张{of_whom(of['superseded'])}")
    # after a department's name in brackets “（见复核台账）” would be a second bracket run on: said apart
    see_said = (f"；详见{see}。" if parts[-1].endswith("）") else f"（见{see}）。") if see else "。"
    return f"另有{len(forms)}张自评表未计入本表：{'，'.join(parts)}{see_said}"


def unreadable_said(unreadable: list[dict[str, Any]]) -> str:
    """The 说明 item for the files and forms a 汇总表 could not read, written as its other items are
    (“另有2张自评表未计入本表：……的表1张（县民政局）”): no spaces around the number (it said “另有 1 个
    文件或表未能读取” beside them), and, where the rows carry a ``department`` (the county's consolidation,
    ``review.write._unread_rows``), whose they are — the section chief had to open the 未能读取 sheet
    or the 台账 to say whose figures were short. ``summarize`` of one department's forms names none. Those
    of no known department (``department`` None: a broken “附件1.xlsx”) are counted apart, as the 台账 lists
    them under （未能识别单位）: the names alone read as if those departments had them all."""
    return (f"另有{problem_places(unreadable)}个文件或表未能读取{whose_said(unreadable)}，其项目和资金未计入"
            f"（见“{UNREADABLE_SHEET}”工作表）。")


def no_form_said(files: list[str], whose: str = "", see: str | None = None) -> str:
    """The 说明 item on the ``files`` that opened with no form in them (``errors.no_form_files``: a 部门预算公开表
    put with the forms), written as its other items are: not “未能读取” (nothing of them is missing), ``whose``
    (``whose_said``) after the count, then where they are listed — ``see`` (the review's 复核台账“文件清单”), else
    by name: nothing beside the 汇总表 of ``summarize`` or the 汇总 button lists them (the 未能读取 sheet did)."""
    where = f"（见{see}）" if see else "：" + few_said(files, 5, "个")
    return f"另有{len(files)}个文件{NO_FORM}{whose}，未计入本表{where}。"


def whose_said(rows: list[dict[str, Any]]) -> str:
    """Whose ``rows`` (each a file or form with its ``department``: None for a file of no known department) are,
    in brackets after their count in a 说明 item (“（县民政局、县教育局，未能识别单位的1个）”); "" where none
    carries a ``department`` key (``summarize`` of one department's forms)."""
    names = list(dict.fromkeys(u["department"] for u in rows if u.get("department")))
    nobody = problem_places([u for u in rows if "department" in u and not u["department"]])
    if names:
        return f"（{'、'.join(names)}" + (f"，未能识别单位的{nobody}个" if nobody else "") + "）"
    return "（未能识别单位）" if nobody else ""


def unfunded_said(rows: list[dict[str, Any]]) -> str | None:
    """What a 说明 says of the 项目明细 rows without a 全年预算数 or 全年执行数 (a form whose 项目资金 is blank,
    or a layout without one): counted in 项目数量, their money in no 资金总量 — which looked complete."""
    annual = sum(1 for r in rows if r.get("annual") is None)
    executed = sum(1 for r in rows if r.get("executed") is None)
    if not (annual or executed):
        return None
    both = all((r.get("annual") is None) == (r.get("executed") is None) for r in rows)
    which = (f"{annual}个项目的全年预算数和全年执行数" if both else
             "、".join(p for p in (f"{annual}个项目的全年预算数" if annual else "",
                                   f"{executed}个项目的全年执行数" if executed else "") if p))
    return f"其中{which}空白，未计入资金总量（见“{DETAIL_SHEET}”工作表）。"


BY_UNIT_NOTE = ("说明：1. 资金总量应评价数为全年预算数合计，已评价数为全年执行数合计，执行率为二者之比。"
                "\n2. 绩效评价等级按各项目自评表总分统计。\n3. 本表数据取自“项目明细”工作表。"
                "\n4. 单位的顺序与复核台账相同：有须修改之处（错误、写成文字的数字）的单位在前，多的在前。")


def by_unit_sheet(title: str, unit: str, units: list[dict[str, Any]], *, group_col: str | None = None,
                  n_rows: int = 0, note: str = BY_UNIT_NOTE, left_out: str | None = None,
                  yuan: list[str] | None = None) -> SheetSpec:
    """The 汇总表's figures one row per department (the bureau's consolidation of returned
    workbooks): ``units`` = [{name, due, done, funds_due, funds_done, grades}], in the order given,
    and a 合计 row. 执行率 = 已评价 ÷ 应评价 资金 (the rate the forms use). As numbers; with
    ``group_col`` (the 项目明细 column holding the unit) as formulas on the 项目明细's ``n_rows``
    rows, like the 汇总表 itself, so that editing a form updates them. ``left_out``: what the 汇总表's 说明
    says of the forms not counted (``left_out_said``), said again under this sheet, printed alone; ``yuan``: the
    项目明细 rows whose 元 figure the 资金总量 reads in 万元 (``yuan_rows``), said as the 汇总表 says them. A unit's
    ``_rows`` and ``_numbers`` (``group_units``): its 项目明细 rows, whose 元 figures its formulas read in 万元.
    A unit with a ``status`` (the review's 复核状态: 通过, 退回修改…; under it its ``status_count``, “第2次退回”) has it in a last column, L: the
    section chief reporting the county's figures tells the departments returned for changes — their
    figures are as sent, to change when they correct them — from those that passed (no column said it)."""
    spec = SheetSpec(BY_UNIT_SHEET, landscape=True, position=1, freeze="C5", print_titles="3:4")
    rows = list(units)
    last = "L" if any(u.get("status") for u in rows) else "K"
    spec.cells["A1"] = title
    spec.merges.append(f"A1:{last}1")
    spec.styles["A1"] = "title"
    spec.heights[1] = 32
    spec.cells["A2"] = f"填报部门：{unit}"
    spec.cells["I2"] = "单位：万元"
    spec.merges += ["A2:H2", f"I2:{last}2"]
    spec.styles[f"A2:{last}2"] = "subtitle"
    for ref, text in (("A3", "序号"), ("B3", "单位"), ("C3", "项目数量（个）"), ("E3", "资金总量"), ("G3", "执行率"),
                      ("H3", "绩效评价等级（个）"), ("C4", "应评价数"), ("D4", "已评价数"), ("E4", "应评价数"),
                      ("F4", "已评价数")):
        spec.cells[ref] = text
    spec.merges += ["A3:A4", "B3:B4", "C3:D3", "E3:F3", "G3:G4", "H3:K3"]
    for col, grade in zip("HIJK", GRADES):
        spec.cells[f"{col}4"] = grade
    if last == "L":
        spec.cells["L3"] = BY_UNIT_STATUS
        spec.merges.append("L3:L4")
    spec.styles[f"A3:{last}4"] = "header"
    values = by_unit_values(rows)
    spec.cells.update(values)
    r = 4
    for u in rows:
        r += 1
        if group_col:
            spec.cells.update(_by_unit_formulas(r, len(rows) + 4, group_col, n_rows, False,
                                                criterion=_criterion(u["name"], f"$B{r}"),
                                                rows=u.get("_rows"), numbers=u.get("_numbers")))
        # the review's 复核状态 with which return its notice is under it (“退回修改⏎第2次退回”, ``status_count``), as the
        # 台账's 状态 column: the 分单位汇总 said “退回修改” alone where the 台账 said it was the third time
        status = "\n".join(x for x in (u.get("status"), u.get("status_count")) if x)
        spec.heights[r] = row_height([(u["name"], 24), (status or None, 10)])
        if last == "L":
            spec.cells[f"L{r}"] = status
    r += 1  # 合计
    if group_col:
        spec.cells.update(_by_unit_formulas(r, len(rows) + 4, group_col, n_rows, True))
    spec.heights[r] = row_height([("合计", 24)])
    spec.styles[f"A5:{last}{r}"] = "body"
    spec.styles[f"A5:A{r}"] = "center"
    if last == "L":
        spec.styles[f"L5:L{r}"] = "center"
    spec.styles[f"C5:K{r}"] = "number"
    spec.styles[f"A{r}:{last}{r}"] = "header"  # 合计
    if ungraded := sum(u.get("ungraded", 0) for u in rows):  # a row's 优良中差 add up to fewer: why
        note = numbered(note, ungraded_said(ungraded))
    if left_out:
        note = numbered(note, left_out)
    if yuan:
        note = numbered(note, yuan_said(yuan))
    spec.cells[f"A{r + 1}"] = note
    # one row, not merged over two: a page ending between them printed the first row's part of the 说明 and
    # dropped the rest (the second row alone on a page is empty and not printed); one row moves to the next page whole
    spec.merges.append(f"A{r + 1}:{last}{r + 1}")
    spec.styles[f"A{r + 1}"] = "note"
    spec.formats[f"E5:F{r}"] = MONEY_FORMAT
    spec.formats[f"G5:G{r}"] = "0.00%"
    spec.widths.update({"A": 6, "B": 24, "C": 9, "D": 9, "G": 9, "H": 6, "I": 6, "J": 6, "K": 6})
    if last == "L":
        spec.widths["L"] = 10
    for col in "EF":   # each unit's 资金 and the 合计's: the widest as shown, the 合计 in its bold font
        spec.widths[col] = max(money_width((v for ref, v in values.items() if ref[0] == col and ref[1:].isdigit()), 12),
                               bold_money_width(values.get(f"{col}{r}")))
    width = sum(spec.widths[c] for c in "ABCDEFGHIJKL"[:ord(last) - 64])
    note = "\n".join(no_lone_marks(item, width) for item in note.split("\n"))   # as ``add_note``'s
    spec.cells[f"A{r + 1}"] = note
    spec.heights.update(note_heights(note, (r + 1,), width))
    spec.print_area = f"A1:{last}{r + 1}"
    return spec


def bold_money_width(value: Any) -> float:
    """The width a 合计's 万元 figure needs in its bold font (``"header"``): a bold digit is wider than the regular one
    ``money_width`` counts — most where 宋体 is not installed and its digits come from a wider font (DejaVu Sans
    Bold: “962962.959969” printed “###” in the 16.7 units that held the regular “370370.367369” above it)."""
    return money_width([value], 0) * 1.15 if is_number(value) else 0.0


def group_units(groups: dict[str, Summary], summary: Summary | None = None) -> list[dict[str, Any]]:
    """The rows ``by_unit_sheet`` takes, one per group of ``summarize --by``; with ``summary`` (all the rows, as
    项目明细 lists them) each group's rows and their 序号 there (``_rows``, ``_numbers``: ``detail_numbers``)."""
    return [{"name": name, "due": g.projects_due, "done": g.projects_done, "funds_due": g.funds_due,
             "funds_done": g.funds_done, "grades": dict(g.grades), "ungraded": ungraded_count(g.rows),
             **({"_rows": g.rows, "_numbers": detail_numbers(summary, g)} if summary is not None else {})}
            for name, g in groups.items()]


def detail_numbers(summary: Summary, group: Summary) -> list[int]:
    """The 序号 in 项目明细 (``summary.rows``' order) of each row of ``group``, by the form it is of (``source``)."""
    at = {r.get("source"): i for i, r in enumerate(summary.rows, 1)}
    return [at[r.get("source")] for r in group.rows]


def by_unit_values(units: list[dict[str, Any]]) -> dict[str, Any]:
    """{cell: value} of the 分单位汇总's rows 5.. (one per unit, then the 合计): what it shows as
    numbers, and the cached results of its formulas (the Python twin of ``_by_unit_formulas``)."""
    from ..core.rates import exec_rate

    total: dict[str, Any] = {k: sum(u[k] for u in units) for k in ("due", "done", "funds_due", "funds_done")}
    total.update(name="合计", grades={g: sum(u["grades"].get(g, 0) for u in units) for g in GRADES})
    out: dict[str, Any] = {}
    for i, u in enumerate([*units, total]):
        r = 5 + i
        out[f"A{r}"] = i + 1 if u is not total else ""
        out[f"B{r}"] = u["name"]
        out.update({f"C{r}": u["due"], f"D{r}": u["done"], f"E{r}": round(u["funds_due"], 6),
                    f"F{r}": round(u["funds_done"], 6)})
        rate = exec_rate(executed=u["funds_done"], annual=u["funds_due"])
        out[f"G{r}"] = "" if rate is None else rate
        for col, g in zip("HIJK", GRADES):
            out[f"{col}{r}"] = u["grades"].get(g, 0)
    return out


def kind_sheet_title(kind: Any) -> str:
    """The title over ``kind_sheet``'s list: “部门整体支出绩效自评情况汇总表”, as the 汇总表's own
    “绩效自评情况汇总表”. Not the form's title with “汇总” after it: every reader takes a sheet whose A1
    holds a form's title for that form, and the list read back was a 部门整体 form that could not be read."""
    return f"{kind.title.removesuffix('表')}情况汇总表"


def kind_sheet(kind: Any, rows: list[dict[str, Any]], year: int | None, here: str | None = None,
               sent: bool = False) -> SheetSpec:
    """One row per form of a kind other than the project form (``FormKind.summary_rows``: the
    部门整体支出绩效自评表 …): the bureau's consolidation lists each department's own total and
    grade beside the one reviewed, and its errors and warnings, sorted as given. ``here``: the file
    whose sheets the workbook written holds: a form read from it has its sheet as 来源, a link to it
    (as 项目明细's), not the path of the file on the 填报人's computer."""
    assert kind.summary_sheet
    spec = SheetSpec(kind.summary_sheet, landscape=True, freeze="C3", print_titles="2:2")
    who = "单位" if any(r.get("department") for r in rows) else "项目"
    # a 项目支出绩效评价表 is a project's: whose it is beside it (a 财政局 receives two units' evaluations of
    # like-named projects; the column was missing, only the 来源's file name told them apart)
    by_unit = who == "项目" and any(r.get("unit") for r in rows)
    head = [("序号", 6), (who, 28), ("实施单位", 18), ("年度", 7), (f"表中{kind.total_label}", 10), ("表中等级", 8),
            (f"复核{kind.total_label}", 10), ("复核等级", 8), ("错误数", 7), ("警告数", 7), ("来源", SOURCE_WIDTH)]
    cols = "ABCDEFGHIJK"
    spec.cells["A1"] = (f"{year}年度" if year else "") + kind_sheet_title(kind)
    spec.merges.append("A1:K1")
    spec.styles["A1"] = "title"
    spec.heights[1] = 32
    for col, (text, width) in zip(cols, head):
        spec.cells[f"{col}2"] = text
        spec.widths[col] = width + (SOURCE_INDENT if col == "K" else 0)
    spec.styles["A2:K2"] = "header"
    spec.heights[2] = row_height(head)   # “表中综合得分” wraps in its 10 and ran over the row's top and bottom
    r = 2
    for i, row in enumerate(rows, 1):
        r += 1
        name = row.get("department") or row.get("project") or ""
        unit = (row.get("unit") or "") if by_unit else ""
        total, reviewed = row.get("total"), row.get("reviewed_total")
        spec.cells.update({f"A{r}": i, f"B{r}": name, f"C{r}": unit, f"D{r}": row.get("year") or "",
                           f"E{r}": "" if total is None else total, f"F{r}": row.get("grade") or "",
                           f"G{r}": "" if reviewed is None else reviewed, f"H{r}": row.get("reviewed_grade") or "",
                           f"I{r}": row.get("errors", 0), f"J{r}": row.get("warnings", 0),
                           f"K{r}": row.get("source") or ""})
        if here is not None and row.get("file") == here and row.get("sheet"):
            spec.cells[f"K{r}"] = source_shown(row["sheet"])
            spec.links[f"K{r}"] = f"{row['sheet']}!A1"
        elif row.get("file") and str(row["file"]).lower().endswith(_BOOKS):  # as 项目明细's 来源: the file's
            spec.cells[f"K{r}"] = source_shown(Path(_read_from(row)).name)  # name, opening the workbook
            spec.links[f"K{r}"] = file_link(row["file"])                    # (the review: its marked copy)
        spec.heights[r] = row_height([(name, 28), (unit, 18), (spec.cells[f"K{r}"], SOURCE_WIDTH)])
    if rows:
        spec.styles[f"A3:K{r}"] = "body"
        spec.styles[f"D3:J{r}"] = "center"
        spec.styles[f"A3:A{r}"] = "center"
        spec.styles[f"K3:K{r}"] = "source"   # (as 项目明细's: apart from the 警告数 before it)
        spec.formats[f"E3:E{r}"] = spec.formats[f"G3:G{r}"] = "0.00"
    spec.print_area = f"A1:K{max(r, 2)}"
    if any(row.get("grade") == grades.NO_GRADE for row in rows):  # as under 项目明细 (``detail_note``)
        said = (f"注：表中等级为“{grades.NO_GRADE}”的，表中{kind.total_label}超过100分，不评定等级。"
                "表的满分为100分，超过即表中有误，见校验结果。")
        spec.cells[f"A{r + 2}"] = said
        spec.merges.append(f"A{r + 2}:K{r + 2}")
        spec.styles[f"A{r + 2}"] = "note"
        spec.heights[r + 2] = row_height([(said, sum(w for _t, w in head if by_unit or _t != "实施单位"))])
        spec.print_area = f"A1:K{r + 2}"
    gone = ("" if by_unit else "C") + ("GHIJ" if sent else "")  # the 定稿: the form's own 总分 and 等级,
    if sent:                                                     # not the review's (``REVIEW_KEYS``)
        spec.links.clear()   # (as 项目明细's in the 定稿: the sheet's name as text, printed black)
    return drop_columns(spec, gone)


def add_kind_sheets(plan: Plan, others: dict[str, list[dict[str, Any]]], year: int | None,
                    taken: set[str] | None = None, here: str | None = None, sent: bool = False) -> None:
    """The forms of other kinds than the project form that came with it (``Summary.others``: the
    部门整体支出绩效自评表 …), one sheet per kind of one row per form (``kind_sheet``, rows as given),
    and the 汇总表 (already in ``plan``) says it counts none of them. ``taken``: the sheets of the
    workbook written into (the linked copy of the forms), a title none of them has; ``here``: the
    file whose sheets that workbook holds (``kind_sheet``)."""
    if not others:  # the common batch, project forms only: nothing more (issue #18)
        return
    from ..forms import KINDS

    head = next(e for e in plan.edits if isinstance(e, SheetSpec) and e.name == SUMMARY_SHEET)
    said = []  # one item of the 说明 for every kind: “本表只计…” once, not once a kind
    for kind in KINDS:
        rows = others.get(kind.summary_key or "")
        if not (kind.summary_sheet and rows):
            continue
        spec = kind_sheet(kind, rows, year, here, sent)
        if taken is not None:  # a form's own sheet may carry the name: never written over
            from ..excel.sheetnames import safe_sheet_title

            spec.name = safe_sheet_title(spec.name, taken)
        plan.add(spec)
        # the forms' own workbook (the department's 汇总, its 定稿 copy) holds them; the bureau received them
        inside = here is not None and all(r.get("file") == here and r.get("sheet") for r in rows)
        held = "本工作簿中的" if inside else "收到的"
        said.append(f"{held}{len(rows)}张{kind.title}见“{spec.name}”工作表")
    if said:
        add_note(head, f"本表只计项目支出绩效自评表；{'，'.join(said)}。")


def earlier_kind_sheets(heads: dict[str, tuple[Any, Any]]) -> set[str]:
    """The sheets among ``heads`` (a workbook's sheets, name → the values of A1 and A2) that an
    earlier 汇总 wrote with ``kind_sheet``: named after a kind's sheet, its title in A1, 序号 in A2.
    A sheet of the 填报人's that only carries the name (a form's own) is not one of them."""
    from ..forms import KINDS

    out = set()
    for name, (a1, a2) in heads.items():
        for kind in KINDS:
            if (kind.summary_sheet and name.lower().startswith(kind.summary_sheet.lower()) and a2 == "序号"
                    and isinstance(a1, str) and a1.endswith(kind_sheet_title(kind))):
                out.add(name)
    return out


def earlier_summary_sheets(heads: dict[str, tuple[Any, Any]]) -> set[str]:
    """The sheets among ``heads`` (``sheet_heads``) that an earlier 汇总 wrote over the whole workbook,
    each by its name and its title: its 项目明细, and with it its 汇总表, 图表 and 未能读取, the
    per-unit sheets of ``summarize --by`` (分单位汇总, 汇总表-…) and the lists of other kinds
    (``earlier_kind_sheets``). None without that 项目明细: a 汇总表 typed by hand is the 填报人's own."""
    def title(name: str) -> str:
        a1 = heads[name][0]
        return a1.strip() if isinstance(a1, str) else ""

    def unit_line(name: str) -> bool:
        a2 = heads[name][1]
        return isinstance(a2, str) and a2.startswith("填报部门：")

    if not (DETAIL_SHEET in heads and is_detail_head(*heads[DETAIL_SHEET])):
        return set()
    out = {DETAIL_SHEET} | earlier_kind_sheets(heads)
    for name in heads:
        if ((name == CHART_SHEET and title(name) == CHART_TITLE)
                or (name == UNREADABLE_SHEET and title(name).startswith(UNREADABLE_TITLE))
                or ((name == SUMMARY_SHEET or name.startswith(f"{SUMMARY_SHEET}-")) and unit_line(name)
                    and title(name).endswith("绩效自评情况汇总表"))
                or (name.startswith(BY_UNIT_SHEET) and unit_line(name) and title(name).endswith("情况汇总表（分单位）"))):
            out.add(name)
    return out


def sheet_heads(values: dict[str, list[list[Any]]]) -> dict[str, tuple[Any, Any]]:
    """Each sheet's A1 and A2 (``earlier_kind_sheets``) from its values as read from A1."""
    def at(rows: list[list[Any]], r: int) -> Any:
        return rows[r][0] if len(rows) > r and rows[r] else None

    return {name: (at(rows or [], 0), at(rows or [], 1)) for name, rows in values.items()}


def workbook_plan(summary: Summary, groups: dict[str, Summary] | None = None, *, linked: bool,
                  by_col: str | None = None, values: bool = False,
                  sheets: dict[str, tuple[Any, Any]] | None = None, sent: bool = False) -> Plan:
    """What 汇总 writes into a workbook — ``summarize -o``, the 汇总 button, the 定稿 copy alike:
    ``summary_plan`` and a sheet per other kind of form read with the project forms
    (``add_kind_sheets``). ``sheets``: the workbook written into (``sheet_heads``; None: a new one):
    a sheet of its own keeps its name; one an earlier 汇总 wrote is replaced, not doubled, and goes
    when that kind of form is no longer there."""
    plan = summary_plan(summary, groups, linked=linked, by_col=by_col, values=values, sent=sent)
    earlier = earlier_kind_sheets(sheets or {})
    files = {r.get("file") for r in summary.rows}
    here = files.pop() if linked and len(files) == 1 else None  # the workbook of the forms, written into
    add_kind_sheets(plan, summary.others, summary.year, None if sheets is None else set(sheets) - earlier, here, sent)
    written = {e.name.lower() for e in plan.edits if isinstance(e, SheetSpec)}
    for name in sorted(earlier):
        if name.lower() not in written:
            plan.add(DropSheet(name))
    return plan


def _by_unit_formulas(r: int, last: int, group_col: str, n_rows: int, total: bool,
                      criterion: str = "", rows: list[dict[str, Any]] | None = None,
                      numbers: list[int] | None = None) -> dict[str, Any]:
    """Row ``r`` of the 分单位汇总 as formulas: COUNTIF/SUMIF on the 项目明细 by ``criterion`` (the
    unit in B{r}, as ``_criterion`` writes it), its ``rows`` (their 序号 ``numbers``) whose figure looks like 元
    read in 万元 (``funds_sum_formula``); the 合计 row sums the rows above it (5..``last``)."""
    d = _q(DETAIL_SHEET)
    first, end = DETAIL_FIRST, DETAIL_FIRST + max(n_rows, 1) - 1

    def rng(col: str) -> str:
        return f"{d}!${col}${first}:${col}${end}"

    out: dict[str, Any] = {f"G{r}": Formula(f'=IF(N(E{r})=0,"",F{r}/E{r})')}
    if total:
        out.update({f"{c}{r}": Formula(f"=SUM({c}5:{c}{last})") for c in "CDEFHIJK"})
        return out
    g, u = rng(group_col), criterion
    out.update({f"C{r}": Formula(f"=COUNTIF({g},{u})"), f"D{r}": Formula(f'=COUNTIFS({rng("H")},"<>",{g},{u})')})
    for col in "EF":
        f = funds_sum_formula(rows or [], numbers, f"SUMIF({g},{u},{rng(col)})", col)
        if len(f) < FORMULA_MAX:   # else the number ``by_unit_values`` gives the cell
            out[f"{col}{r}"] = Formula("=" + f)
    for col, grade in zip("HIJK", GRADES):
        out[f"{col}{r}"] = Formula(f'=COUNTIFS({rng("J")},"{grade}",{g},{u})')
    return out


def numbered(note: str, text: str) -> str:
    """``note`` (“说明：1. …”, each further item on a line of its own) with ``text`` as its next
    numbered item. A line of its own: run on, the items wrapped wherever the column ended, and
    LibreOffice began a line with the “）” of “60分（含）” (s41 QA)."""
    import re

    n = len(re.findall(r"(?:^|[。：\n])\d+\. ", note))
    return f"{note}{n + 1}. {text}" if n == 0 else f"{note}\n{n + 1}. {text}"


# the 汇总表's 说明: merged over A10:D12, as wide as the table; its 9.5 pt lines
NOTE_ROWS, NOTE_WIDTH, NOTE_LINE = (10, 11, 12), 74.0, 13.5


def add_note(spec: SheetSpec, text: str) -> None:
    """One more numbered item in the 汇总表's 说明 (A10), after those already there; its rows as
    tall as the items' wrapped lines need (``note_heights``)."""
    note = numbered(str(spec.cells.get("A10") or "说明："), text)
    head, _, item = note.rpartition("\n")
    note = head + _ + no_lone_marks(item, NOTE_WIDTH)   # no “。” alone on the item's last line (LibreOffice)
    spec.cells["A10"] = note
    spec.heights.update(note_heights(note, NOTE_ROWS, NOTE_WIDTH))


def note_heights(note: str, rows: tuple[int, ...], width: float) -> dict[int, float]:
    """Heights of the merged ``rows`` of a 说明 ``width`` wide, shared alike, together tall enough
    for its wrapped lines (9.5 pt: about 1.15 times the characters of the body font on a line)."""
    from ..excel.fit import row_height

    total = row_height([(note, width)], NOTE_LINE, fill=1.05, pad=6.0, least=24.0 * len(rows))
    return dict.fromkeys(rows, round(total / len(rows), 1))


def unreadable_sheet(summary: Summary) -> SheetSpec:
    spec = SheetSpec(UNREADABLE_SHEET, landscape=True)
    # a file none of which could be read, and a form (sheet) that could not be in a file otherwise read:
    # a file is counted once, as one or the other (“1 个文件、1 张表”, not “2 个文件、1 张表”)
    rows = summary.not_read   # (not a file that holds no form: the 说明 names it, ``no_form_said``)
    files = {u.get("file") for u in rows if not u.get("sheet")}
    sheets = problem_places([u for u in rows if u.get("sheet")])
    counted = "、".join(([f"{len(files)} 个文件"] if files else []) + ([f"{sheets} 张表"] if sheets else []))
    spec.cells["A1"] = f"{UNREADABLE_TITLE}（{counted}）：汇总不完整，改正后重新汇总"
    spec.merges.append("A1:D1")
    spec.styles["A1"] = "subtitle"
    for col, head, w in (("A", "文件", 40), ("B", "工作表", 20), ("C", "单元格", 8), ("D", "原因", 80)):
        spec.cells[f"{col}2"] = head
        spec.widths[col] = w
    spec.styles["A2:D2"] = "header"
    for i, u in enumerate(rows):
        r = 3 + i
        spec.cells[f"A{r}"] = u.get("file") or ""
        spec.cells[f"B{r}"] = u.get("sheet") or ""
        spec.cells[f"C{r}"] = u.get("cell") or ""
        spec.cells[f"D{r}"] = u.get("message") or u.get("reason") or ""
    if rows:
        spec.styles[f"A3:D{2 + len(rows)}"] = "body"
    return spec


def _bar_rows(k: int) -> int:
    """The rows a 各项目预算执行率 chart of ``k`` projects takes: no fewer than the 等级分布 chart's (a
    chart of four was 9 rows, its axis labels took the bars' room, and LibreOffice left out every other name)."""
    return max(math.ceil((BAR_FRAME_PT + BAR_PT * k) / CHART_ROW), GRADE_CHART_ROWS)


def _bars_in(room: float) -> int:
    """How many projects a 各项目预算执行率 chart ``room`` points tall holds."""
    return max(1, int((room // CHART_ROW * CHART_ROW - BAR_FRAME_PT) // BAR_PT))


# A label's width counts a character of printable ASCII (a Latin letter, a digit, a space) as one unit and
# any other (CJK, full-width) as two, as ``excel.fit`` counts a CJK character as about two Latin letters:
# the formula tells ASCII apart by FIND in this string, the one test a spreadsheet of any language has.
_NARROW = "".join(map(chr, range(0x20, 0x7F)))
_WORD = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"   # a Latin word's characters
_OPEN, _CLOSE = "（(〔【《[“", "）)〕】》]”"   # a group's brackets (any kind closes any: depth only)
LABEL_UNITS = 2 * LABEL_CHARS              # the name's room, in units
_TAIL_UNITS = 2 * LABEL_TAIL               # of which the end's (“（第2批）”, the 文号)
_HEAD_UNITS = LABEL_UNITS - 2 - _TAIL_UNITS   # and the beginning's, the “…” between taking 2
# A name ending in a bracket's group longer than the end's room (“新冠病毒疫苗及接种费用（县级配套资金）”: the
# group is what tells the projects apart) keeps that group instead (``label_group``), the beginning shortened for it
# down to _GROUP_HEAD units; a group wider than _GROUP_UNITS keeps its own beginning and its closing bracket
# (“（中央财政第二批…）”)
_GROUP_HEAD = 12
_GROUP_UNITS = LABEL_UNITS - 2 - _GROUP_HEAD
GROUP_COL = "N"                 # the end's group a label keeps (``label_group``), beside the names
ROOM_COLS = ("O", "P")          # the units left to the name's beginning and to a wide group's (``label_rooms``)
KEPT_COL = "Q"                  # the label's text where it keeps the group (``label_kept``): the label's formula
# holding it all, and the rooms, was 12,500 characters (Excel takes 8,192); each part has its cell


def _units(c: str) -> int:
    return 1 if c in _NARROW else 2        # "" (past the end): 1, as FIND("", …) finds it at 1


def _in_word(c: str) -> bool:
    return c in _WORD                      # "" too, as FIND("", …) finds it


def _keep(text: str, room: int, from_end: bool, floor: int = 0) -> int:
    """How many characters of ``text``'s beginning (or end) go into ``room`` units: the most that
    fit, cut where a word ends (a Latin word is not split, a space is not kept at the cut) if that
    keeps half the room, else as many as fit; never inside a bracket's group (“冀财社（2021）164号”
    cut after “冀财社（20” left a lone “（”): the cut falls before the group's opening bracket (at the
    end: after its closing one); ``floor``: the groups the part kept may leave open (1: a group's own beginning,
    its opening bracket first). The twin of ``_keep_formula``."""
    n, best, used, depth = len(text), 0, 0, 0
    opening, closing = (_CLOSE, _OPEN) if from_end else (_OPEN, _CLOSE)
    for k in range(1, room + 1):            # each character takes at least one unit
        c = (text[n - k] if from_end else text[k - 1]) if k <= n else ""
        beside = (text[n - k - 1] if n - k - 1 >= 0 else "") if from_end else (text[k] if k < n else "")
        used += _units(c)
        depth += (c in opening) - (c in closing)   # "" (past the end) in both: 0, as in the formula
        if used > room:
            break
        at_word = c != " " and not (_in_word(c) and _in_word(beside))
        if depth <= floor:                  # no group opened in the part kept and left open
            best = max(best, k + (100 if at_word and 2 * used >= room else 0))
    return best % 100


def label_name(name: Any) -> str:
    """The project's name as its bar's label writes it: a Chinese name (a character not ASCII among
    its first ``LABEL_UNITS``) without the spaces typed in it and with full-width brackets, a 文号's
    “[2022]” as GB/T 9704's “〔2022〕” (“关于提前下达 2022 年…冀财社(2021)164 号” read
    “关于提前下达2022年…冀财社（2021）164号”);
    a Latin name as typed. 项目明细 keeps the name as typed. The twin of ``label_name_formula``."""
    text = "" if name is None else str(name)
    if any(c not in _NARROW for c in text[:LABEL_UNITS]):
        text = text.replace(" ", "").replace("(", "（").replace(")", "）").replace("[", "〔").replace("]", "〕")
    return text


def chart_label(number: Any, name: Any) -> str:
    """A bar's name: the 项目明细 row's 序号, “．” (GB/T 9704's “1．”, as the documents number) and
    its project name (``label_name``), cut in the middle to ``LABEL_UNITS`` units (a CJK character
    two, a Latin letter one: an English name keeps twice as many letters as a Chinese one keeps
    characters), at a word where one ends near the cut, never inside a bracket's group.
    The twin of ``chart_label_formula``."""
    text = label_name(name)
    kept = label_kept(text)
    if kept:    # the end's group kept (“新冠病毒疫苗及接…（县级配套资金）”), shortened where wider than its room
        text = kept
    elif sum(map(_units, text)) > LABEL_UNITS:
        head, tail = _keep(text, _HEAD_UNITS, False), _keep(text, _TAIL_UNITS, True)
        text = text[:head] + "…" + text[len(text) - tail:]
    return f"{'' if number is None else number}{ORD}{text}"


def label_kept(text: str) -> str:
    """The label's name (``label_name``) where it keeps the end's group (``label_group``): its beginning in the room
    the group leaves, “…”, and the group — whole, or its own beginning, “…” and its closing bracket; else "".
    The twin of ``label_kept_formula``."""
    group = label_group(text)
    if not group:
        return ""
    base = text[:len(text) - len(group)]
    room, inner = label_rooms(text, group)
    head = _keep(base, room, False)
    if inner is not None:
        group = group[:_keep(group[:-1], inner, False, 1)] + "…" + group[-1]
    return base[:head] + ("…" if sum(map(_units, base)) > room else "") + group


def label_group(text: str) -> str:
    """The bracket's group a name (``label_name``) too long for its label ends with, where the end's room
    (``_TAIL_UNITS``) would not hold it and it closes within ``LABEL_UNITS`` characters: the label keeps it
    (``chart_label``); else "". The twin of ``label_group_formula``."""
    n = len(text)
    if not text or text[-1] not in _CLOSE or sum(map(_units, text)) <= LABEL_UNITS:
        return ""
    depth = 0
    for k in range(1, min(n, LABEL_UNITS) + 1):
        c = text[n - k]
        depth += (c in _CLOSE) - (c in _OPEN)
        if depth <= 0:
            group = text[n - k:]
            return group if sum(map(_units, group)) > _TAIL_UNITS else ""
    return ""


def label_rooms(text: str, group: str) -> tuple[int, int | None]:
    """(the units left to the beginning of ``text`` before its end's ``group`` and the “…”, those a group wider than
    ``_GROUP_UNITS`` keeps of its own beginning — the room less the name's beginning, whole where it takes at most
    ``_GROUP_HEAD`` units, else that and its “…”, the “…” and the closing bracket — else None). The twins of
    ``label_rooms_formulas``."""
    base, wide = text[:len(text) - len(group)], sum(map(_units, group))
    if wide <= _GROUP_UNITS:
        return LABEL_UNITS - 2 - wide, None
    used = sum(map(_units, base))
    return _GROUP_HEAD, LABEL_UNITS - 2 - _units(group[-1]) - (used if len(base) <= _GROUP_HEAD and used <= _GROUP_HEAD
                                                              else _GROUP_HEAD + 2)


def _array(n: int, sep: str = ";") -> str:
    """The constant array 1..n: a column ({1;2;…}), or a row (``sep`` ",")."""
    return "{" + sep.join(map(str, range(1, n + 1))) + "}"


def _str(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _keep_formula(b: str, room: int | str, from_end: bool, floor: int = 0, size: int | None = None) -> str:
    """``_keep`` of the cell ``b`` as a formula: each of the first (last) ``room`` characters'
    units (``MID`` of a constant array), their running sums (``MMULT`` by a triangle of ones), and
    the largest count that fits outside a bracket's group (the running sum of opening less closing
    brackets not above 0), a word's end counting 100 more where it keeps half the room (the cut
    branch only: the name is longer than ``room``). ``b`` may be a text formula (a name's beginning), ``room`` a
    number formula, then ``size`` its largest value (the arrays' length); ``floor`` as ``_keep``'s."""
    n = room if size is None else size
    assert isinstance(n, int)
    j = _array(n)
    at = f"LEN({b})+1-{j}" if from_end else j
    beside = f"LEN({b})-{j}" if from_end else f"{j}+1"
    c, c2 = f"MID({b},{at},1)", f"MID({b},{beside},1)"
    triangle = f"--({j}>={_array(n, ',')})"
    used = f"MMULT({triangle},2-ISNUMBER(FIND({c},{_str(_NARROW)})))"
    opening, closing = (_CLOSE, _OPEN) if from_end else (_OPEN, _CLOSE)
    depth = f"MMULT({triangle},ISNUMBER(FIND({c},{_str(opening)}))-ISNUMBER(FIND({c},{_str(closing)})))"
    word = f"ISNUMBER(FIND({c},{_str(_WORD)}))*ISNUMBER(FIND({c2},{_str(_WORD)}))"
    at_word = f'({c}<>" ")*(1-{word})'
    return (f"MOD(SUMPRODUCT(MAX(({used}<={room})*({depth}<={floor})*"
            f"({j}+100*{at_word}*(2*{used}>={room})))),100)")


def _units_formula(x: str, size: int) -> str:
    """The units of the text formula ``x`` (``_units`` of each character added), at most ``size`` characters long."""
    return f"(2*LEN({x})-SUMPRODUCT(({_array(size)}<=LEN({x}))*ISNUMBER(FIND(MID({x},{_array(size)},1),{_str(_NARROW)}))))"


def label_group_formula(r: int) -> Formula:
    """``label_group`` of the name in ``NAME_COL`` of the 图表 sheet's row ``r`` as a formula, in its ``GROUP_COL``
    (the label's formula reads it there). The name is read from its end behind ``LABEL_UNITS`` spaces: MID before
    the first character is an error, a space no bracket."""
    m, n = f"{NAME_COL}{r}", LABEL_UNITS
    j = _array(n)
    c = f'MID(REPT(" ",{n})&{m},{n}+LEN({m})+1-{j},1)'
    depth = f"MMULT(--({j}>={_array(n, ',')}),ISNUMBER(FIND({c},{_str(_CLOSE)}))-ISNUMBER(FIND({c},{_str(_OPEN)})))"
    g = f"({n}+1-SUMPRODUCT(MAX(({depth}<=0)*({n}+1-{j}))))"
    wide = f"SUMPRODUCT(({j}<={g})*(2-ISNUMBER(FIND({c},{_str(_NARROW)}))))"
    return Formula(f'=IF(OR({_fits(m)},NOT(ISNUMBER(FIND(RIGHT({m}),{_str(_CLOSE)})))),"",'
                   f'IF({g}>{n},"",IF({wide}>{_TAIL_UNITS},RIGHT({m},{g}),"")))')


def label_rooms_formulas(r: int) -> tuple[Formula, Formula]:
    """``label_rooms`` of the 图表 sheet's row ``r`` as formulas, in its ``ROOM_COLS`` ("" without a group, and in
    the second where the group fits whole), reading its ``NAME_COL`` and ``GROUP_COL``."""
    b, grp, n = f"{NAME_COL}{r}", f"{GROUP_COL}{r}", LABEL_UNITS
    base, wide = f"LEFT({b},LEN({b})-LEN({grp}))", _units_formula(grp, n)
    small = f"AND(LEN({base})<={_GROUP_HEAD},{_units_formula(base, _GROUP_HEAD)}<={_GROUP_HEAD})"
    close = f"(2-ISNUMBER(FIND(RIGHT({grp}),{_str(_NARROW)})))"
    return (Formula(f'=IF({grp}="","",IF({wide}<={_GROUP_UNITS},{n - 2}-{wide},{_GROUP_HEAD}))'),
            Formula(f'=IF({grp}="","",IF({wide}<={_GROUP_UNITS},"",{n - 2}-{close}'
                    f"-IF({small},{_units_formula(base, _GROUP_HEAD)},{_GROUP_HEAD + 2})))"))


def _fits(b: str) -> str:
    """The name in the cell ``b`` fits its label's room whole (``LABEL_UNITS``), as a formula."""
    n = LABEL_UNITS
    width = f"2*LEN({b})-SUMPRODUCT(({_array(n)}<=LEN({b}))*ISNUMBER(FIND(MID({b},{_array(n)},1),{_str(_NARROW)})))"
    return f"AND(LEN({b})<={n},{width}<={n})"


def label_name_formula(r: int) -> Formula:
    """``label_name`` of 项目明细 row ``r`` as a formula, in the 图表 sheet's ``NAME_COL`` (the label's
    formula reads it there: the name written once, not in each of its ~20 uses)."""
    b = f"{_q(DETAIL_SHEET)}!B{r}"
    n = LABEL_UNITS
    narrow = f"SUMPRODUCT(({_array(n)}<=LEN({b}))*ISNUMBER(FIND(MID({b},{_array(n)},1),{_str(_NARROW)})))"
    clean = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({b}," ",""),"(","（"),")","）"),"[","〔"),"]","〕")'
    return Formula(f'=IF({narrow}<MIN(LEN({b}),{n}),{clean},{b}&"")')


def chart_label_formula(r: int, name_row: int | None = None) -> Formula:
    """``chart_label`` of 项目明细 row ``r`` as a formula, its name read from ``NAME_COL`` of the 图表
    sheet's row ``name_row`` (``label_name_formula``): it follows a project renamed on its form. Where the name
    keeps its end's group, the label is the row's ``KEPT_COL`` (``label_kept_formula``, after ``GROUP_COL`` and
    ``ROOM_COLS``). Native functions of Excel 2010, WPS and LibreOffice only (no LET, no UNICODE); the arrays are
    evaluated by SUMPRODUCT, so the cell needs no array entry."""
    row = r if name_row is None else name_row
    b, kept = f"{NAME_COL}{row}", f"{KEPT_COL}{row}"
    cut = (f'LEFT({b},{_keep_formula(b, _HEAD_UNITS, False)})&"…"&'
           f"RIGHT({b},{_keep_formula(b, _TAIL_UNITS, True)})")
    return Formula(f'={_q(DETAIL_SHEET)}!A{r}&"{ORD}"&IF({_fits(b)},{b},IF({kept}<>"",{kept},{cut}))')


def label_kept_formula(r: int) -> Formula:
    """``label_kept`` of the 图表 sheet's row ``r`` as a formula, in its ``KEPT_COL``, reading its ``NAME_COL``,
    ``GROUP_COL`` and ``ROOM_COLS``."""
    b, grp, n = f"{NAME_COL}{r}", f"{GROUP_COL}{r}", LABEL_UNITS
    room, inner = (f"{col}{r}" for col in ROOM_COLS)
    base = f"LEFT({b},LEN({b})-LEN({grp}))"
    most = LABEL_UNITS - 2 - _TAIL_UNITS - 1   # the beginning's room at most: a group wider than the end's
    longer = f"OR(LEN({base})>{room},{_units_formula(base, most)}>{room})"
    return Formula(f'=IF({grp}="","",LEFT({base},{_keep_formula(base, room, False, size=most)})&IF({longer},"…","")&'
                   f'IF({inner}<>"",LEFT({grp},{_keep_formula(f"LEFT({grp},LEN({grp})-1)", inner, False, 1, size=n)})'
                   f'&"…"&RIGHT({grp}),{grp}))')


def label_formulas(r: int, row: int) -> dict[str, Formula]:
    """The 图表 sheet's cells of row ``row`` that make the label of 项目明细 row ``r``: the name, the end's group, its
    rooms and the text keeping it, and the label."""
    room, inner = label_rooms_formulas(row)
    cells = {NAME_COL: label_name_formula(r), GROUP_COL: label_group_formula(row), ROOM_COLS[0]: room,
             ROOM_COLS[1]: inner, KEPT_COL: label_kept_formula(row), LABEL_COL: chart_label_formula(r, row)}
    return {f"{col}{row}": f for col, f in cells.items()}


def label_values(number: Any, name: Any) -> dict[str, Any]:
    """{column: value} of ``label_formulas``' cells for the project ``name`` of 序号 ``number``: their cached values."""
    text = label_name(name)
    group = label_group(text)
    room, inner = label_rooms(text, group) if group else ("", "")
    return {NAME_COL: text, GROUP_COL: group, ROOM_COLS[0]: room, ROOM_COLS[1]: "" if inner is None else inner,
            KEPT_COL: label_kept(text), LABEL_COL: chart_label(number, name)}


def chart_groups(n: int, first_room: float) -> list[tuple[int, int]]:
    """The projects (first, last, counted from 1) of each 各项目预算执行率 chart, a page each:
    as many on the first page as fit ``first_room`` points under the 等级分布 chart, as many on a
    later page as fit one, spread evenly (60 projects: 20, 20, 20, not 20, 32, 8)."""
    if n <= 0:
        return []
    first_max, page_max = _bars_in(first_room), _bars_in(CHART_PAGE_PT - 2 * CHART_ROW)
    pages = 1 + math.ceil(max(0, n - first_max) / page_max)
    sizes = [min(first_max, math.ceil(n / pages))]
    rest, later = n - sizes[0], pages - 1
    sizes += [rest // later + (1 if i < rest % later else 0) for i in range(later)]
    groups, start = [], 1
    for size in sizes:
        groups.append((start, start + size - 1))
        start += size
    return groups


def chart_edits(summary: Summary) -> list:
    """The 图表 sheet: the 等级分布 chart and, for up to ``CHART_MAX_PROJECTS`` projects, their
    rates in charts of a page each, titled with the projects they hold (“第1–20项”), the first
    under the 等级分布 chart."""
    n = len(summary.rows)
    spec = SheetSpec(CHART_SHEET, landscape=False)
    last = len(CHART_COLS) - 1
    spec.cells["A1"] = CHART_TITLE
    spec.styles["A1"] = "title"
    spec.merges.append(f"A1:{CHART_COLS[last]}1")
    spec.widths = dict.fromkeys(CHART_COLS, CHART_COL_WIDTH)
    spec.heights[1] = CHART_TITLE_ROW
    cm = 2.54 / 72  # a point in cm
    edits: list = [spec,
                   AddChart(CHART_SHEET, "A3", "绩效评价等级分布（个）", f"{_q(SUMMARY_SHEET)}!$B$6:$B$9",
                            [("项目数", f"{_q(SUMMARY_SHEET)}!$C$6:$C$9")], chart="col",
                            width_cm=CHART_WIDTH_CM, height_cm=GRADE_CHART_ROWS * CHART_ROW * cm,
                            value_min=0, value_step=1 if n <= 10 else None)]   # counts: 0 1 2 3 4, not 0.5 1.5 …
    row = 3 + GRADE_CHART_ROWS + 1  # a blank row above and below each chart: LibreOffice prints a
    # chart's frame lying on the row where a page ends on that page too, as a stray line
    first_room = CHART_PAGE_PT - CHART_TITLE_ROW - CHART_ROW * (row - 2 + 1)
    groups = chart_groups(n, first_room) if n <= CHART_MAX_PROJECTS else []  # a bar each reads only for a department's list
    if groups:  # the bars' names, beside the printed page (the charts' categories)
        spec.cells[f"{LABEL_COL}2"] = "图中的项目名称（全称见“项目明细”，按序号对应）"
        spec.cells[f"{NAME_COL}2"] = "图中所用的名称写法"
        spec.cells.update({f"{GROUP_COL}2": "名称末尾保留的括号", f"{ROOM_COLS[0]}2": "其前可用宽度",
                           f"{ROOM_COLS[1]}2": "括号内可用宽度", f"{KEPT_COL}2": "保留括号的写法"})
        spec.widths[LABEL_COL] = 2 * (LABEL_CHARS + 2) + 2
        for i in range(n):
            spec.cells.update(label_formulas(DETAIL_FIRST + i, LABEL_FIRST + i))
    for i, (a, b) in enumerate(groups):
        if i:  # a page of its own, starting with the blank row
            spec.row_breaks.append(row)
            row += 1
        rows = _bar_rows(b - a + 1)
        title = "各项目预算执行率" + (f"（第{a}–{b}项）" if len(groups) > 1 else "")
        first, end = DETAIL_FIRST + a - 1, DETAIL_FIRST + b - 1
        labels = f"{_q(CHART_SHEET)}!${LABEL_COL}${LABEL_FIRST + a - 1}:${LABEL_COL}${LABEL_FIRST + b - 1}"
        edits.append(AddChart(CHART_SHEET, f"A{row}", title, labels,
                              [("执行率", f"{_q(DETAIL_SHEET)}!$G${first}:$G${end}")],
                              chart="bar", width_cm=CHART_WIDTH_CM, height_cm=rows * CHART_ROW * cm,
                              value_min=0, value_format="0%", top_down=True))   # from 0%: 88%–100% were drawn from 80%
        row += rows + 1
    bottom = row - 1  # the blank row under the last chart
    spec.heights.update(dict.fromkeys(range(2, bottom + 1), CHART_ROW))
    spec.print_area = f"A1:{CHART_COLS[last]}{bottom}"
    return edits


def group_sheet_titles(groups: dict[str, Summary]) -> dict[str, str]:
    """Each group's own 汇总表 sheet, “汇总表-单位”: a valid title, and a different one for two
    units whose names differ only after the 31st character or in a character a title cannot hold."""
    from ..excel.sheetnames import safe_sheet_title

    taken = {SUMMARY_SHEET, BY_UNIT_SHEET, DETAIL_SHEET, CHART_SHEET, UNREADABLE_SHEET}
    return {name: safe_sheet_title(f"汇总表-{name}", taken) for name in groups}


def summary_plan(summary: Summary, groups: dict[str, Summary] | None = None, *, linked: bool,
                 by_col: str | None = None, values: bool = False, sent: bool = False) -> Plan:
    """All summary sheets for one workbook: 汇总表 first, then per-group 汇总表, 明细, 图表.

    ``values``: numbers instead of formulas (the 定稿 copy to email, a returned copy); no charts then.
    ``sent``: the 定稿 a department sends, without the review's columns (``detail_sheet``).
    """
    plan = Plan()
    n = len(summary.rows)
    plan.add(detail_sheet(summary, linked, values, sent))
    titles = group_sheet_titles(groups or {})
    by_key = next((key for col, _h, _w, key in DETAIL_COLS if col == by_col), None)   # "authority", "unit"
    for name, g in reversed(list((groups or {}).items())):
        sheet = summary_sheet(g, n, titles[name], group_col=by_col, values=values, numbers=detail_numbers(summary, g))
        # a unit's sheet, printed alone, says what it left out of that unit's, as the 汇总表 says of all
        said = left_out_said([s for s in summary.set_aside if by_key and (getattr(s, by_key, None) or UNFILLED) == name])
        if said:
            add_note(sheet, said)
        plan.add(sheet)
    head = summary_sheet(summary, n, values=values)
    if summary.not_read:  # the printed 汇总表 says it is incomplete, not only the sheet behind it
        add_note(head, unreadable_said(summary.not_read))
    if summary.no_form:   # a budget table put with the forms: no form, nothing of it missing (as the review says)
        add_note(head, no_form_said([Path(f).name for f in summary.no_form]))
    left_out = left_out_said(summary.set_aside)
    if left_out:
        add_note(head, left_out)
    plan.add(head)
    if groups and by_col:  # the groups side by side, one row each, right after the 汇总表
        units = group_units(groups, summary)
        y = f"{summary.year}年度" if summary.year else ""
        plan.add(by_unit_sheet(f"{y}绩效自评情况汇总表（分单位）", summary.unit or "", units,
                               group_col=None if values else by_col, n_rows=n, left_out=left_out,
                               yuan=yuan_rows(summary.rows)))
    if not values:
        for e in chart_edits(summary):
            plan.add(e)
    if summary.not_read:
        plan.add(unreadable_sheet(summary))
    else:  # the 汇总 button again after the forms were put right: the old list goes
        plan.add(DropSheet(UNREADABLE_SHEET))
    return plan
