"""Finding 项目支出绩效自评表 on a sheet by their labels, and reading each one.

A sheet may hold several forms stacked; each starts at its 项目名称 label (with its title
or year line just above). ``read_grid`` finds them, checks that each has the labels a
form must have, and runs the section readers (header, funds, goals, indicators, footer)
over its rows.
"""

from __future__ import annotations

from ..core.dates import cell_year
from ..errors import FROM_TARGETS, JixiaoError, NotAFormError, each_error
from ..forms.project.model import parse_form
from .block import AnchoredForm, Block
from .footer import read_filled_on_above, read_footer, read_grade, read_total
from .funds import fund_cols, fund_head_row, fund_rows, no_funds, read_funds
from .goals import read_goals
from .grid import Pos, SheetGrid, ref
from .header import head_labels, read_header
from .indicators import ind_header, note_other_columns, read_indicators, total_row
from .outside import may_be_indicator, outside_note
from .labels import FUND_HEAD, HEAD, IND_HEAD, TARGET_TITLE, TITLE, TOTAL, TOTAL_FUNDS, label_part
from ..core.quotes import quoted_series

REQUIRED = ("项目名称", "年度资金总额", "全年预算数", "全年执行数", "三级指标", "年度指标值", "实际完成值", "分值",
            "得分", "总分")
USUAL = ("主管部门", "实施单位")
# a form may give its funds without a 年度资金总额 row, or none at all (the 项目库 layout): noted, read blank
FUNDS_OPTIONAL = ("年度资金总额", "全年预算数", "全年执行数")
# what only a 自评表 has: a sheet with indicators and targets but none of these is a 绩效目标表
SELF_EVAL_ONLY = ("实际完成值", "得分", "总分")
TARGET_FORM = "这是绩效目标申报表，不是自评表"


# the longest title of a form: a county's and department's names, the year, the form's name (“大厂回族自治县医疗保障局
# 2022年度项目支出绩效自评表（第二批次调整后项目）” is 40 characters)
TITLE_MAX = 60


def looks_like_form(grid: SheetGrid) -> bool:
    """Worth reporting as "不是自评表" when it cannot be read (rather than passed over)."""
    has = set()
    for r, c in grid.cells():
        n = grid.norm(r, c)
        if TITLE.fullmatch(n) and "汇总" not in n and "部门整体" not in n and not _note(n):
            return True
        lab = label_part(n)
        if HEAD["project"].fullmatch(lab):
            has.add("project")
        elif TOTAL_FUNDS.fullmatch(n):
            has.add("total")
        elif IND_HEAD["name"].fullmatch(n):
            has.add("name")
        elif IND_HEAD["target"].fullmatch(n) or IND_HEAD["actual"].fullmatch(n):
            has.add("values")
        if {"project", "total"} <= has or {"name", "values"} <= has:
            return True
    return False


def _note(text: str) -> bool:
    """A 说明 or 注 (“说明：1. …本表只计项目支出绩效自评表…”), or text too long for a title: it may name the form,
    and is no title of one (the 汇总表 of a workbook with a 评价表 was said to be a form that could not be read)."""
    return text.startswith(("说明", "注")) or len(text) > TITLE_MAX


def _anchors(grid: SheetGrid) -> list[Pos]:
    """The 项目名称 label of every form on the sheet, top to bottom.

    A 项目名称 before the previous form's 总分 row is part of that form (a column header of
    its money table, say), not the start of another one — unless a 自评表 title sits just
    above it (a form without a 总分 row must not swallow the next one)."""
    out: list[Pos] = []
    open_form = False
    for r, c in grid.cells():
        n = grid.norm(r, c)
        if HEAD["project"].fullmatch(label_part(n)) and (not out or out[-1][0] != r):
            titled = any(TITLE.fullmatch(grid.norm(rr, cc)) for rr, cc in grid.cells(max(out[-1][0] + 1, r - 3), r)) \
                if out else True
            if open_form and not titled:
                continue
            out.append((r, c))
            open_form = True
        elif open_form and out and r > out[-1][0] and TOTAL.fullmatch(label_part(n)):
            open_form = False
    return out


def _is_year_cell(grid: SheetGrid, r: int, c: int) -> bool:
    v = grid.raw(r, c)
    return any(cell_year(v, test) is not None for test in ("number", "du", "line"))


def block_top(grid: SheetGrid, anchor_row: int, floor: int, title: str = "自评表") -> int:
    """The first row of a form: its title (a cell with ``title`` in it) or year line just above 项目名称."""
    top = anchor_row
    for r in range(anchor_row - 1, max(floor, anchor_row - 5) - 1, -1):
        if any(title in grid.norm(r, c) or _is_year_cell(grid, r, c) for _, c in grid.cells(r, r + 1)):
            top = r
    return top


def read_grid(grid: SheetGrid) -> tuple[list[AnchoredForm], list[JixiaoError]]:
    """Every form on a sheet, and the problems of those that could not be read.

    A sheet that has nothing of a form gives ([], []); one that looks like a form but
    lacks its labels gives a NotAFormError naming the labels that are missing. Forms one under
    another are read top to bottom; forms side by side, band of columns by band (``_bands``),
    left to right. What a department keeps below or beside a form for reference (the approved
    绩效目标表, a project list, a note) is no form, and not wrong.
    """
    if not looks_like_form(grid):
        return [], []
    if is_target_form(grid):
        return [], [_target_form(grid)]
    spans = _bands(grid)
    bands = [g for g in (_columns(grid, c0, c1) for c0, c1 in spans) if _self_evaluation_block(g, 0, g.nrows)] \
        if len(spans) > 1 else []
    if len(bands) < 2:
        return _read_band(grid if not bands else bands[0], 0, False)
    forms: list[AnchoredForm] = []
    problems: list[JixiaoError] = []
    for band in bands:
        year = forms[-1].form.year if forms else None   # for a form with no year line of its own
        more, more_problems = _read_band(band, len(forms) + len(problems), True, year)
        forms.extend(more)
        problems.extend(more_problems)
    return forms, problems


def _read_band(grid: SheetGrid, parts_from: int, several: bool, year_beside: int | None = None
               ) -> tuple[list[AnchoredForm], list[JixiaoError]]:
    """The forms of one band of columns (the whole sheet where forms are not side by side), one under
    another, numbered on from ``parts_from`` (``several``: the sheet holds other forms beside;
    ``year_beside``: the year of the form to the left, for one without a year line of its own)."""
    anchors = _anchors(grid)
    if not anchors:
        found = _found_labels(grid, 0, grid.nrows)
        # indicators and a 总分 without a head: the rest of a form whose indicators run on from another sheet
        rest = CONTINUED_REST if {"三级指标", "总分"} <= set(found) else ""
        return [], [_not_a_form(grid, None, [k for k in (*REQUIRED, *USUAL) if k not in found], found, rest)]
    tops = []
    for i, (r, _) in enumerate(anchors):
        floor = anchors[i - 1][0] + 1 if i else 0
        tops.append(block_top(grid, r, floor))
    forms: list[AnchoredForm] = []
    problems: list[JixiaoError] = []
    several = several or len(anchors) > 1
    for i, anchor in enumerate(anchors):
        r0 = tops[i]
        r1 = tops[i + 1] if i + 1 < len(anchors) else grid.nrows
        if i and not _self_evaluation_block(grid, r0, r1):
            continue   # a 绩效目标表 or a list pasted below a form, for reference: no 自评表, and not wrong
        year_from = tops[i] if i else 0
        block = Block(grid, anchor, r0, r1, year_from, parts_from + i + 1 if several else None)
        block.year_beside = year_beside
        try:
            forms.append(read_block(block))
        except JixiaoError as exc:
            problems.extend(each_error(exc))
    return forms, problems


# How far right of a form's 项目名称 label another one starts a band of columns of its own: a form spans
# 8–11 columns, and no layout has its 项目名称 label twice in one row
_BESIDE_FROM = 5


def _bands(grid: SheetGrid) -> list[tuple[int, int]]:
    """The bands of columns [c0, c1) of forms set side by side: a 项目名称 label (or a list's 项目名称
    heading) at least ``_BESIDE_FROM`` columns right of the band before starts the next, whatever its
    row. One band, (0, ncols), where there is nothing beside. Forms were found one under another only
    (``_anchors``): one to the right was dropped without a word, a project the 汇总表 never counted, then
    named as not read (stop 49), and a table beside a form one row lower cut the form short (“缺少标签”)."""
    cols = sorted({c for r, c in grid.cells() if HEAD["project"].fullmatch(label_part(grid.norm(r, c)))})
    starts = [0]
    used: set[int] | None = None
    for c in cols:
        if c >= max(starts[-1], cols[0]) + _BESIDE_FROM:
            if used is None:
                used = {x for _, x in grid.cells()} | {x for (_, a), (_, b) in grid.merges() for x in range(a, b + 1)}
            # the band starts after the last empty column left of its 项目名称 (a 绩效目标表 has its 项目编码 and
            # 申请单位 there), or at the label itself where the tables touch
            start = next((x for x in range(c, starts[-1] + _BESIDE_FROM - 1, -1) if x - 1 not in used), c)
            starts.append(start)
    return [(c0, starts[k + 1] if k + 1 < len(starts) else grid.ncols) for k, c0 in enumerate(starts)]


def _columns(grid: SheetGrid, c0: int, c1: int) -> SheetGrid:
    """The sheet with only its columns c0..c1-1 (others blank; a merge reaching past c1 cut there, one
    starting left of c0 dropped): one band of forms side by side, read in its own columns, so that every
    cell a finding names is where it is on the sheet and no label's value is taken from the next band
    (a left form's 等级 was the right-hand form's; a title or year line merged across both is the left one's)."""
    if c0 == 0 and c1 >= grid.ncols:
        return grid
    rows = [[None] * min(c0, len(row)) + list(row[c0:c1]) for row in grid.rows]
    merges = [((r0, a), (r1, min(b, c1 - 1))) for (r0, a), (r1, b) in grid.merges() if c0 <= a < c1]
    return SheetGrid(rows, merges, grid.file, grid.sheet)


_LABEL_OF = {"项目名称": HEAD["project"], "主管部门": HEAD["authority"], "实施单位": HEAD["unit"],
             "年度资金总额": TOTAL_FUNDS, "全年预算数": FUND_HEAD["annual"], "全年执行数": FUND_HEAD["executed"],
             "三级指标": IND_HEAD["name"], "年度指标值": IND_HEAD["target"], "实际完成值": IND_HEAD["actual"],
             "分值": IND_HEAD["weight"], "得分": IND_HEAD["score"], "总分": TOTAL}


def _below_total(b: Block, cols: dict[str, int], total: int) -> None:
    """X7 notes of the block's rows below its 总分 row (0-based ``total``) that read as an indicator
    (``reading.outside``), in the indicator table's columns; a value merged down from above is not the row's."""
    g = b.g
    for r in range(total + 1, b.r1):
        val = {k: (g.raw(r, c) if g.origin(r, c) == (r, c) else None) for k, c in cols.items()}
        if not may_be_indicator(val.get("level1"), val.get("level2"), val.get("weight")):
            continue
        note = outside_note(g.ref(r, cols["name"]), r + 1, val.get("level1"), val.get("level2"), val.get("name"),
                            val.get("target"), val.get("actual"), val.get("weight"), val.get("score"))
        if note is not None:
            b.notes.append(note)


def _self_evaluation_block(grid: SheetGrid, r0: int, r1: int) -> bool:
    """Rows r0..r1-1 (a 项目名称 below a form's) hold a 自评表's indicator table: its 三级指标 heading and one
    of 实际完成值, 得分, 总分. The approved 绩效目标表 (no 实际完成值 or 得分) or a project list (no 三级指标) a
    department keeps below its 自评表 for reference was reported as a second 自评表 “缺少标签”, an error to
    correct where nothing is wrong (a sheet that is only a 绩效目标表 is still named: ``is_target_form``)."""
    found = _found_labels(grid, r0, r1)
    return "三级指标" in found and any(k in found for k in SELF_EVAL_ONLY)


def _found_labels(grid: SheetGrid, r0: int, r1: int) -> list[str]:
    """Which of the form's labels a sheet holds (for a "不是自评表" message)."""
    found: set[str] = set()
    for r, c in grid.cells(r0, r1):
        n = grid.norm(r, c)
        found |= {k for k, p in _LABEL_OF.items() if p.fullmatch(n) or p.fullmatch(label_part(n))}
    return [k for k in (*REQUIRED, *USUAL) if k in found]


# a form whose indicator table runs on to a second sheet (“续表”) is read as one form with it where the 续表 follows
# it and says so (``reading.continued``); where it does not, each part says what it takes
_AS_ONE = "两张表即按一张自评表读取"
CONTINUED_HEAD = (f"。若指标表接在另一张工作表（续表）上：续表要紧接在本表之后，第一行写明“续表”，{_AS_ONE}；"
                  "续表若重复表头，各列须与本表相同")
CONTINUED_REST = (f"。若这是另一张工作表上自评表的续表：本表要紧接在那张表之后，第一行写明“续表”，{_AS_ONE}；"
                  "本表若重复表头，各列须与那张表相同")


def _not_a_form(grid: SheetGrid, where: str | None, missing: list[str], found: list[str],
                continued: str = "") -> NotAFormError:
    """“不是自评表：缺少标签…”, and ``continued`` (``CONTINUED_HEAD``/``CONTINUED_REST``) where the labels
    found look like one part of a form split over two sheets."""
    what = f"工作表“{grid.sheet}”" + (f"（{where}）" if where else "")
    msg = (f"{what}不是自评表（项目支出绩效自评表）：缺少标签" + quoted_series(missing)
           + ("；只找到" + quoted_series(found) if found else "") + continued)
    err = NotAFormError(msg, file=grid.file)
    # check reports it like a CellError: it names the sheet
    setattr(err, "sheet", grid.sheet)
    setattr(err, "cell", None)
    if continued == CONTINUED_HEAD:   # the sheet after it may be its 续表 (``sources.read_sheets``)
        setattr(err, "runs_on", True)
    return err


def is_target_form(grid: SheetGrid) -> bool:
    """A 绩效目标申报表 (or 项目支出绩效目标表): titled so, or indicators with their targets but
    nothing a 自评表 adds (实际完成值, 得分, 总分)."""
    anchors = _anchors(grid)
    above = anchors[0][0] if anchors else min(grid.nrows, 4)
    for r, c in grid.cells(0, above):  # the title, above the first 项目名称 (never a project's name)
        n = grid.norm(r, c)
        if TITLE.fullmatch(n):
            return False
        if TARGET_TITLE.fullmatch(n):
            return True
    found = _found_labels(grid, 0, grid.nrows)
    return "三级指标" in found and "年度指标值" in found and not any(k in found for k in SELF_EVAL_ONLY)


def _target_form(grid: SheetGrid) -> NotAFormError:
    """A 绩效目标申报表 where a 自评表 is expected. ``reason`` (what a list with a sheet column and
    the 财政局's notice show) says what it is; the whole message adds how to make the 自评表 from it
    (in words for Excel/WPS; the command line names its command: ``errors.for_command``)."""
    what = f"{TARGET_FORM}（年初的绩效目标，没有实际完成值、得分和总分）"
    err = NotAFormError(f"工作表“{grid.sheet}”：{what}。要由它生成自评表，{FROM_TARGETS}", file=grid.file)
    setattr(err, "sheet", grid.sheet)
    setattr(err, "cell", None)
    setattr(err, "reason", what)
    return err


def read_block(b: Block) -> AnchoredForm:
    """One form: locate its sections, check its labels, then read them top to bottom."""
    g = b.g
    ar = b.anchor[0]
    fund_head = fund_head_row(b)
    ind_head = b.find(IND_HEAD["name"], fund_head + 1 if fund_head is not None else ar, b.r1, whole=True)
    total = total_row(b, ind_head[0] + 1) if ind_head else None
    icols, body = ind_header(b, ind_head[0]) if ind_head else ({}, b.r1)
    if fund_head is None and ind_head is not None:   # the 项目资金 table printed after the indicators
        fund_head = fund_head_row(b, body)
    late = fund_head is not None and ind_head is not None and fund_head > ind_head[0]
    # the indicators end at the 总分 row, or at a 项目资金 table between them and it
    ind_end = fund_head if late and total is not None and fund_head is not None and fund_head < total else total
    fcols = fund_cols(b, fund_head) if fund_head is not None else {}
    frows = fund_rows(b, fund_head, fcols, ind_head) if fund_head is not None else {}
    head_end = fund_head if fund_head is not None and not late else (ind_head[0] if ind_head else b.r1)
    head_pos = head_labels(b, ar, head_end)

    have = {"项目名称": True, "主管部门": head_pos["authority"] is not None, "实施单位": head_pos["unit"] is not None,
            "年度资金总额": "total" in frows or b.find(TOTAL_FUNDS, ar, b.r1, whole=True) is not None,
            "全年预算数": "annual" in fcols,
            "全年执行数": "executed" in fcols, "三级指标": ind_head is not None,
            "年度指标值": "target" in icols, "实际完成值": "actual" in icols, "分值": "weight" in icols,
            "得分": "score" in icols, "总分": total is not None}
    if not all(have[k] for k in REQUIRED if k not in FUNDS_OPTIONAL):
        missing = [k for k in (*REQUIRED, *USUAL) if not have[k]]
        # everything but the 总分 (funds a layout may go without aside): the indicators may run on to another sheet
        head = CONTINUED_HEAD if [k for k in REQUIRED if not have[k] and k not in FUNDS_OPTIONAL] == ["总分"] else ""
        raise _not_a_form(g, b.where(), missing, [k for k in (*REQUIRED, *USUAL) if have[k]], head)
    assert ind_head is not None and total is not None

    assert ind_end is not None
    read_header(b, head_pos, have, head_end)
    if fund_head is not None:
        read_funds(b, fund_head, fcols, frows)
    else:
        no_funds(b)
    if fund_head is not None and not late:
        goal_from = max([*frows.values(), fund_head]) + 1
    else:
        goal_from = max(p[0] for p in [b.anchor, *(q for q in head_pos.values() if q)]) + 1
    read_goals(b, goal_from, ind_head[0])
    rows = read_indicators(b, body, icols, ind_end)
    _below_total(b, icols, total)
    note_other_columns(b, ind_head[0], body, ind_end, icols)
    read_total(b, total, icols)
    read_grade(b, total)
    read_footer(b, total + 1)
    read_filled_on_above(b)

    b.done()  # every bad cell of the form at once
    form = parse_form(b.data, f"{g.file}#{g.sheet}")
    return AnchoredForm(form, b.cells, rows, b.notes, ref(*b.anchor), b.part, b.stated)
