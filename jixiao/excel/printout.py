"""What a form looks like on paper: the published grid, the 注 notes, black and white, A4.

Every form kind's sheet writer calls ``on_paper`` last, so the printed page is the official
form whatever the sheet shows on screen: every cell of the grid has its four borders (label
cells, header rows and merged blocks included, as in the published forms), nothing in the
print area carries a fill (the published forms have none; colours that flag problems are
conditional formats for the screen, and ``blackAndWhite`` keeps Excel and WPS from printing
them), the notes of the official form sit under it, and the page is A4 with the header rows
repeated where a form runs over one page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from .fit import A4_POINTS, POINTS_PER_WIDTH, ROW_MOST, cell_height, page_breaks, row_height

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
NO_FILL = PatternFill(fill_type=None)
F_NOTE = Font(name="宋体", size=9)
NOTE_ALIGN = Alignment(horizontal="left", vertical="top", wrap_text=True)

# The 注 printed under the official 项目支出绩效自评表 (财预〔2020〕10号 附件), word for word.
PROJECT_NOTES = (
    "注：1. 其他资金包括与财政拨款资金共同投入到同一项目的自有资金、社会资金，以及以前年度的结转结余资金等。",
    "2. 定量指标，若为正向指标（即指标值为≥*），则得分计算方法应用全年实际值（B）/年度指标值（A）×该指标分值；"
    "若为反向指标（即指标值为≤*），则得分计算方法应用年度指标值（A）/全年实际值（B）×该指标分值。",
    "3. 定性指标根据指标完成情况分为：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，"
    "分别按照该指标对应分值区间100%—80%（含80%）、80%—50%（含50%）、50%—0%合理确定分值。",
)
YEAR_PLACEHOLDER = "（    年度）"


@dataclass(frozen=True)
class Paper:
    """How one sheet prints: its grid (bordered), where the notes go, the page."""

    grid: tuple[str, ...]                 # ranges of the form grid, e.g. ("A3:I35",)
    last_col: str                         # the print area's last column
    notes: tuple[str, ...] = ()           # 注 lines, one merged row each, below ``notes_row``
    notes_row: int | None = None          # first row of the notes
    last_row: int = 0                     # the print area's last row without notes
    landscape: bool = False
    one_page: bool = True                 # one page where readable (``page``); else fit to width. The 定稿
    # copy's forms only: a sheet the 填报人 types into grows, and fitted to one page it shrank with it
    title_rows: str | None = None         # rows repeated on every page ("13:13") where it runs over one
    note_width: float = 120.0             # width units across the notes (for their row heights)
    margins: tuple[float, float] = (0.5, 0.6)  # inches: left and right, top and bottom
    keep_from: int | None = None          # over pages: this row to the last (注 included) on one page
    joined: tuple[int, ...] = ()          # over pages: rows kept on the page of the row above (``fit.page_breaks``)
    blocks: tuple[int, ...] = ()          # over pages: a 一级指标's rows after its first (``fit.page_breaks``)
    repeat: str = ""                      # columns whose cells merged down are split where a page starts
    # inside them, each part with the label (``split_merges``)
    keep_merged: str = ""                 # over pages: columns whose texts merged down over indicator rows
    # keep those rows on one page (``merged_rows``, ``fit.page_breaks``'s ``merged``)


def grid_cells(ws: Worksheet, ranges: Iterable[str]) -> Iterable[tuple[int, int]]:
    for rng in ranges:
        c1, r1, c2, r2 = range_boundaries(rng)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                yield r, c


def border_grid(ws: Worksheet, ranges: Iterable[str]) -> None:
    """Four thin borders on every cell of the grid: merged cells too, so each block is closed."""
    for r, c in grid_cells(ws, ranges):
        ws.cell(row=r, column=c).border = BORDER


def clear_fills(ws: Worksheet, area: str) -> None:
    """No fill and no coloured text inside the print area: the paper is the published form, black on white."""
    from copy import copy

    for row in ws[area]:
        for cell in row:
            if cell.fill is not None and cell.fill.fill_type is not None:
                cell.fill = NO_FILL
            color = cell.font.color if cell.font is not None else None
            if color is not None and color.type == "rgb" and str(color.rgb)[-6:] not in ("000000",):
                font = copy(cell.font)
                font.color = None
                cell.font = font


def write_notes(ws: Worksheet, first_row: int, last_col: str, notes: Iterable[str], width: float) -> int:
    """The notes, one merged row each, heights for their wrapped length. Returns the last row."""
    r = first_row - 1
    for r, text in enumerate(notes, start=first_row):
        ws.merge_cells(f"A{r}:{last_col}{r}")
        c = ws[f"A{r}"]
        c.value = text
        c.font = F_NOTE
        c.alignment = NOTE_ALIGN
        units = (len(text.encode("utf-8")) + len(text)) / 2
        lines = max(1, -(-int(units * 0.7) // max(int(width), 1)))  # 9 pt: ~0.7 of a body-size unit, with room
        ws.row_dimensions[r].height = 12.5 * lines + 3
    return r


DEFAULT_ROW = 15.0           # points, a row without a height of its own
MIN_SCALE = 0.5              # one page only while 10.5 pt 宋体 prints at 5.25 pt or larger: still legible
# a form's own page number, from 1 on its first page (``page_marks``). No “共 &N 页”: &N is the whole print
# job's count, and each form now numbers its pages from 1 — a workbook of forms printed at once said
# “第 1 页，共 6 页” on a form of three pages. The 定稿 writes its forms' own counts in (``numbered_as_its_own``)
PAGE_NUMBERS = "第 &P 页"
# the footer of a form over pages written before (up to s64): a page number of the print job
EARLIER_PAGE_NUMBERS = "第 &P 页，共 &N 页"
CONTINUED = "续表"            # at the top right of every page of a form after its first (``page_marks``)
# of a page's rows left empty where the pages are planned: Excel, WPS and LibreOffice measure a
# column and a row a little apart from ``_measures`` (fonts, rounding), and a page planned full
# then took one more break of the program's own, a page of one row or two
PAGE_SPARE = 0.04


def _measures(ws: Worksheet, area: str, *, landscape: bool,
              margins: tuple[float, float]) -> tuple[float, float, float, float]:
    """The print ``area``'s width and height and an A4 page's room across and down (points),
    from the sheet's column widths and row heights as Excel turns them into points."""
    c1, r1, c2, r2 = area_bounds(area)
    width = sum(ws.column_dimensions[col(c)].width or 8.43 for c in range(c1, c2 + 1)) * POINTS_PER_WIDTH
    height = sum(row_points(ws, r) for r in range(r1, r2 + 1))
    page_w, page_h = A4_POINTS[::-1] if landscape else A4_POINTS
    return width, height, page_w - 2 * 72 * margins[0], page_h - 2 * 72 * margins[1]


def row_points(ws: Worksheet, row: int) -> float:
    dim = ws.row_dimensions[row]
    return 0.0 if dim.hidden else dim.height or DEFAULT_ROW   # a hidden row is not printed


def one_page_scale(ws: Worksheet, area: str, *, landscape: bool, margins: tuple[float, float]) -> float:
    """The scale the print ``area`` takes to fit on one A4 page (width and height)."""
    width, height, room_w, room_h = _measures(ws, area, landscape=landscape, margins=margins)
    return min(1.0, room_w / max(width, 1.0), room_h / max(height, 1.0))


def planned_breaks(ws: Worksheet, area: str, *, landscape: bool, margins: tuple[float, float],
                   title_rows: str | None, keep_from: int, joined: tuple[int, ...] = (),
                   blocks: tuple[int, ...] = (), merged: tuple[int, ...] = ()) -> list[int]:
    """The rows that start a page of the ``area`` printed fitted to the page's width (``fit.page_breaks``):
    at the whole percent Excel fits the width to, with ``PAGE_SPARE`` of each page to spare. None
    where the area fits one page at that scale: a break planned there for the spare's sake printed
    the 20 rows of a form a page holds (97 % of it) over two."""
    width, height, room_w, room_h = _measures(ws, area, landscape=landscape, margins=margins)
    scale = width_scale(width, room_w)
    if height * scale <= room_h:
        return []
    _c1, r1, _c2, r2 = area_bounds(area)
    titles = tuple(int(x.strip("$")) for x in title_rows.split(":")) if title_rows else None
    rows = set(range(r1, r2 + 1)) | (set(range(titles[0], titles[-1] + 1)) if titles else set())
    heights = {r: row_points(ws, r) for r in rows}
    return page_breaks(heights, r1, r2, room=page_room(ws, area, landscape=landscape, margins=margins),
                       titles=(titles[0], titles[-1]) if titles else None, keep_from=keep_from, joined=joined,
                       blocks=blocks, merged=merged)


def width_scale(width: float, room_w: float) -> float:
    """The whole percent Excel fits a print area ``width`` points wide to a page ``room_w`` wide (at most 100 %)."""
    return min(100, math.floor(100 * room_w / max(width, 1.0))) / 100


def page_room(ws: Worksheet, area: str, *, landscape: bool, margins: tuple[float, float]) -> float:
    """The points of rows one page of the ``area`` holds fitted to the page's width, ``PAGE_SPARE`` kept
    (as ``planned_breaks`` fills a page)."""
    width, _height, room_w, room_h = _measures(ws, area, landscape=landscape, margins=margins)
    return room_h * (1 - PAGE_SPARE) / width_scale(width, room_w)


def outgrown(width: float, pages: Sequence[float], titles: float, *, one_page: bool, landscape: bool,
             margins: tuple[float, float]) -> bool:
    """Whether a page set up by ``page`` no longer holds the rows it was planned for: fitted to one
    page, the area now prints below ``MIN_SCALE``; over pages, the rows from one manual break to the
    next (``pages``, points; the repeated ``titles`` rows on each page after the first) no longer fit
    one A4 page at the width's scale, so the program breaks them where it likes. ``width``: the print
    area's width in points. Rows a 填报人 inserted by hand (the template allows it; Excel and WPS move
    the manual breaks with the rows) grow no typed text and left the copies and Excel with the plan
    for the rows as they were: 30 indicators more printed a filled form on one page at a third of its
    size, a 部门整体 form's page ended inside a 一级指标. A form's pages as ``page`` plans them keep
    ``PAGE_SPARE`` of each page, so a form no one changed is never outgrown; a page with no manual break
    (fitted to the width, as the blank project template is) has no plan to outgrow."""
    page_w, page_h = A4_POINTS[::-1] if landscape else A4_POINTS
    room_w, room_h = page_w - 2 * 72 * margins[0], page_h - 2 * 72 * margins[1]
    if one_page:
        return min(1.0, room_w / max(width, 1.0), room_h / max(sum(pages), 1.0)) < MIN_SCALE
    if len(pages) < 2:   # fitted to the width, no break planned: the program breaks its pages (the blank project
        return False     # template, filled in by hand), and asking Excel its rows at each click would cost
    scale = width_scale(width, room_w)
    return any((h + (titles if i else 0.0)) * scale > room_h for i, h in enumerate(pages))


def sheet_outgrown(ws: Worksheet) -> bool:
    """``outgrown`` for a sheet of a copy (openpyxl): its print area, manual breaks and rows' heights now."""
    if not ws.print_area:
        return False
    c1, r1, c2, r2 = area_bounds(ws.print_area)
    starts = [r1, *sorted({b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2})]
    ends = [s - 1 for s in starts[1:]] + [r2]
    pages = [sum(row_points(ws, r) for r in range(a, b + 1)) for a, b in zip(starts, ends)]
    titles = 0.0
    if ws.print_title_rows:
        t = [int(x.strip("$")) for x in ws.print_title_rows.split("!")[-1].split(":")]
        titles = sum(row_points(ws, r) for r in range(t[0], t[-1] + 1))
    width = sum(ws.column_dimensions[col(c)].width or 8.43 for c in range(c1, c2 + 1)) * POINTS_PER_WIDTH
    m = ws.page_margins
    return outgrown(width, pages, titles, one_page=ws.page_setup.fitToHeight == 1,
                    landscape=ws.page_setup.orientation == ws.ORIENTATION_LANDSCAPE,
                    margins=(float(m.left or 0.5), float(m.top or 0.6)))


def split_merges(ws: Worksheet, breaks: Iterable[int], cols: str) -> None:
    """Each cell of the columns ``cols`` merged down over a row a page starts at split there, each
    part merged on its own and holding the first's value and style: a merged cell prints its text
    once, in the middle of its rows, so “过程 40” over rows on two pages printed on one of them and
    left the 一级指标 and 分值 cells of the other page's rows empty, the box open at the page's foot.
    For the name and 分值 of a 一级/二级指标 the readers take a name repeated on the next row as the
    same group and its first 分值 (``sheetform.indicator_rows``)."""
    from copy import copy

    starts = sorted(set(breaks))
    wanted = {c for c in cols}
    for rng in [m for m in ws.merged_cells.ranges if m.min_row < m.max_row and m.min_col == m.max_col
                and col(m.min_col) in wanted]:
        cuts = [b for b in starts if rng.min_row < b <= rng.max_row]
        if not cuts:
            continue
        c, top, bottom = rng.min_col, rng.min_row, rng.max_row
        first = ws.cell(row=top, column=c)
        value, style = first.value, copy(first._style)
        ws.unmerge_cells(rng.coord)
        for a, b in zip([top, *cuts], [*(x - 1 for x in cuts), bottom]):
            cell = ws.cell(row=a, column=c)
            cell.value, cell._style = value, copy(style)
            for r in range(a + 1, b + 1):  # the cells under it: its borders, as when it was merged
                ws.cell(row=r, column=c)._style = copy(style)
            if b > a:
                ws.merge_cells(start_row=a, start_column=c, end_row=b, end_column=c)


def merged_rows(ws: Worksheet, cols: str, first: int, last: int) -> tuple[int, ...]:
    """The rows after the first of each range of ``ws`` merged down from a cell of the columns ``cols``
    within rows ``first``..``last``: a 偏差原因 (扣分原因, 评分标准 …) the 填报人 wrote once over several indicator rows
    (``excel.sheet.share_cells``). Where a page started inside such a cell, LibreOffice printed its text
    cut through a line at the foot of one page and the rest over the next page's repeated header; planned
    with them (``fit.page_breaks``'s ``merged``), the page starts at its first row."""
    wanted = {column_index_from_string(c) for c in cols}
    return tuple(sorted({r for m in ws.merged_cells.ranges
                         if m.min_col in wanted and first <= m.min_row < m.max_row <= last
                         for r in range(m.min_row + 1, m.max_row + 1)}))


SMALLEST_TEXT = 6.5   # points: the least a merged text is made to fit a page (``fit_merged``)


class _OwnHeights:
    """A row's height for its wrapped cells outside any cell merged down (``fit.cell_height``): what the rows of a
    text merged over them are lowered to at the least (``fit_merged``, ``texts_apart``)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        tall = [m for m in ws.merged_cells.ranges if m.min_row < m.max_row]
        self.blocked = {(r, c) for m in tall for r in range(m.min_row, m.max_row + 1)
                        for c in range(m.min_col, m.max_col + 1)}
        self.across = {(m.min_row, m.min_col): m.max_col for m in ws.merged_cells.ranges if m.min_row == m.max_row}

    def width(self, a: int, b: int) -> float:
        return sum(float(self.ws.column_dimensions[col(c)].width or 8.43) for c in range(a, b + 1))

    def __call__(self, r: int, skip: range = range(0)) -> float:
        """``skip``: the columns of the text being fitted, where it is in one row (not merged down)."""
        need = row_height([])
        for cell in self.ws[r]:
            if (isinstance(cell.value, str) and cell.data_type != "f" and (r, cell.column) not in self.blocked
                    and cell.column not in skip and cell.alignment is not None and cell.alignment.wrap_text):
                size = cell.font.sz if cell.font is not None else None
                need = max(need, cell_height(cell.value, self.width(cell.column, self.across.get((r, cell.column),
                                                                                                  cell.column)),
                                             float(size) if size else None))
        return need


def fit_merged(ws: Worksheet, cols: str, first: int, last: int, room: float) -> None:
    """A text of the columns ``cols`` merged down over rows within ``first``..``last`` (a long 偏差原因, 扣分原因,
    评分标准 the 填报人 wrote once over several indicator rows), or in one row's cell (``text_cells``), whose rows
    together (its own wrapped height, in one row) are taller than ``room``
    points (a page's rows but the repeated header) made smaller, half a point at a time down to
    ``SMALLEST_TEXT``, until its wrapped text fits a page, its rows lowered to match (each still as tall as
    its own other cells). No program breaks a merged cell's text between pages: LibreOffice printed such a
    text cut through a line at the foot of one page and went on over the next page's header, Excel clips it.
    A text that fits no page even so is left as it is (the page flows through it; the 定稿 prints it whole on a
    附页 instead, ``texts_apart``), and so is one not
    wrapped. The add-in gets the same: Excel tells ``apply.pages_again`` its wrapped texts and their sizes
    (``SheetPages.texts``) and makes the sizes and heights it plans (``PagesAgain.sizes``, ``heights``)."""
    own = _OwnHeights(ws)
    for m in text_cells(ws, cols, first, last):
        cell = ws.cell(row=m.min_row, column=m.min_col)
        if (not isinstance(cell.value, str) or cell.alignment is None or not cell.alignment.wrap_text
                or not _too_tall(ws, m, own, room)):
            continue
        _smaller(ws, m, own, room if m.min_row < m.max_row else min(room, ROW_MOST))


def _too_tall(ws: Worksheet, m: CellRange, own: _OwnHeights, room: float) -> bool:
    """Whether a text of ``text_cells`` takes more than ``room`` points down the page: the rows it is merged down over,
    or (in one row) its own wrapped height, not its row's — a short 年度指标值 beside a long 偏差原因 is no text too tall
    for a page —, and in one row more than ``fit.ROW_MOST`` too (Excel and WPS cut a taller row to it)."""
    rows = range(m.min_row, m.max_row + 1)
    if m.min_row < m.max_row:   # merged down: its rows together, and each within ``ROW_MOST`` (a taller one is cut)
        return sum(row_points(ws, r) for r in rows) > room or any(row_points(ws, r) > ROW_MOST for r in rows)
    cell = ws.cell(row=m.min_row, column=m.min_col)
    size = cell.font.sz if cell.font is not None else None
    return cell_height(str(cell.value), own.width(m.min_col, m.max_col), float(size) if size else None) > min(room, ROW_MOST)


def text_cells(ws: Worksheet, cols: str, first: int, last: int) -> list[CellRange]:
    """The cells of the columns ``cols`` within rows ``first``..``last`` that hold a text of their own, top to bottom:
    each range merged from one of them (down over indicator rows, or across), and each cell of them in no merged
    range (a 偏差原因 typed into one indicator's cell). A text in one row taller than a page grew its row past one,
    and LibreOffice and Excel print such a row cut: it is fitted as a merged one is (``fit_merged``, ``texts_apart``)."""
    wanted = {column_index_from_string(c) for c in cols}
    found = [CellRange(m.coord) for m in ws.merged_cells.ranges
             if m.min_col in wanted and first <= m.min_row <= m.max_row <= last]
    covered = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
               for c in range(m.min_col, m.max_col + 1)}
    found += [CellRange(min_col=c, min_row=r, max_col=c, max_row=r) for (r, c), cell in ws._cells.items()
              if c in wanted and first <= r <= last and (r, c) not in covered and isinstance(cell.value, str)
              and cell.data_type != "f"]
    return sorted(found, key=lambda m: (m.min_row, m.min_col))


def _smaller(ws: Worksheet, m: Any, own: _OwnHeights, room: float, least: float = SMALLEST_TEXT) -> bool:
    """The text of the merged range ``m`` made smaller, half a point at a time down to ``least``, until its rows
    (each as tall as its own other cells at the least, ``own``) together are ``room`` points at most, and each
    ``fit.ROW_MOST`` at most (Excel and WPS cut a taller row to it, and print the text cut); its rows lowered to
    match. False, and nothing changed, where no size does it."""
    from copy import copy

    cell = ws.cell(row=m.min_row, column=m.min_col)
    rows = range(m.min_row, m.max_row + 1)
    heights = [own(r, range(m.min_col, m.max_col + 1)) for r in rows]
    size = float(cell.font.sz or 10.5) if cell.font is not None else 10.5
    # at its own size first where only a row past ``ROW_MOST`` is wrong (its rows fit ``room``): the height spread
    # over its rows may hold it as it is
    size += 0.5 if sum(row_points(ws, r) for r in rows) <= room else 0.0
    while size > least:
        size -= 0.5
        need = cell_height(cell.value, own.width(m.min_col, m.max_col), size)
        fitted = [max(h, need / len(heights)) for h in heights]
        if sum(fitted) <= room and max(fitted) <= ROW_MOST:
            font = copy(cell.font)
            font.sz = size
            cell.font = font
            for r, h in zip(rows, fitted):
                ws.row_dimensions[r].height = h
            return True
    return False


PULLED_TEXT = 7.5   # points: the least a text is made smaller to stay on a page it began (``_text_pulled_up``)


def _text_pulled_up(ws: Worksheet, area: str, breaks: Sequence[int], cols: str, keep_from: int,
                    title_rows: str | None, room: float) -> bool:
    """A text of the columns ``cols`` above the last indicator row (``text_cells``: merged over indicator rows, or in
    one row's cell) that a page of ``breaks`` starts at, the page before left more than ``fit.BLOCK_SLACK`` empty,
    made smaller (down to ``PULLED_TEXT``) to print in that room instead; True where one was (the pages are to be
    planned again). A merged text is never cut by a page, nor is a row, so either went to the next page whole wherever
    it fits one (``fit.page_breaks``'s ``merged``), however empty it left the page before: a long 偏差原因 over the
    last rows of page 1 moved to page 2 and left page 1 half empty; typed into one row's cell, it did so still."""
    from .fit import BLOCK_SLACK

    _c1, r1, _c2, _r2 = area_bounds(area)
    head = [int(x.strip("$")) for x in title_rows.split(":")] if title_rows else None
    titles = sum(row_points(ws, r) for r in range(head[0], head[-1] + 1)) if head else 0.0
    starts: dict[int, list[CellRange]] = {}   # row -> the texts starting on it
    # not one on the last indicator row: the foot's rule puts it on the foot's page (``fit.page_breaks``)
    for m in text_cells(ws, cols, r1, keep_from - 1):
        c = ws.cell(row=m.min_row, column=m.min_col)
        if isinstance(c.value, str) and c.alignment is not None and c.alignment.wrap_text:
            starts.setdefault(m.min_row, []).append(m)
    own = None
    for top, b in zip([r1, *breaks], breaks):
        if b not in starts:
            continue
        used = (titles if head and top > head[-1] else 0.0) + sum(row_points(ws, r) for r in range(top, b))
        if room - used <= room * BLOCK_SLACK:
            continue
        own = own or _OwnHeights(ws)
        # a text merged down from the row, as before (its rows' heights are its own: a text in one row beside it made
        # smaller would lower them under it), else one in the row; the one that does not fit the room left (a short
        # 年度指标值 beside it is none)
        down = [m for m in starts[b] if m.min_row < m.max_row]
        if any(_smaller(ws, m, own, room - used, PULLED_TEXT) for m in down or starts[b]
               if _too_tall(ws, m, own, room - used)):
            return True
    return False


def page(ws: Worksheet, area: str, *, landscape: bool, one_page: bool, title_rows: str | None,
         margins: tuple[float, float] = (0.5, 0.6), keep_from: int | None = None,
         joined: tuple[int, ...] = (), blocks: tuple[int, ...] = (), repeat: str = "",
         keep_merged: str = "") -> None:
    """A4, fitted to the page width, centred, black and white. On one page where ``one_page`` and
    the form fits one at a readable size (``MIN_SCALE``); otherwise over as many pages as it takes
    at the width's scale, the ``title_rows`` repeated and the pages numbered — a long form fitted
    to one page printed its text at a third of its size. With ``keep_from``, every page break of a
    form over pages is planned (``planned_breaks``), the rows from ``keep_from`` on one page, the rows of
    a text of the ``keep_merged`` columns merged down over indicator rows (below the ``title_rows``) on one
    page where it fits one (``merged_rows``; one taller than a page first made smaller to fit one,
    ``fit_merged``), and the cells of the ``repeat`` columns merged over a page's start split there
    (``split_merges``)."""
    one_page = one_page and one_page_scale(ws, area, landscape=landscape, margins=margins) >= MIN_SCALE
    ws.print_area = area
    ws.page_margins.left = ws.page_margins.right = margins[0]
    ws.page_margins.top = ws.page_margins.bottom = margins[1]
    # the page number's line: LibreOffice gives the footer the bottom margin less the footer's distance
    # from the edge, and openpyxl's default distance (0.5 in) left a 0.1 in strip that cut the 9 pt
    # “第 1 页，共 2 页” in half on paper and in the PDF; half the margin is room for it (Excel too)
    ws.page_margins.footer = ws.page_margins.header = round(margins[1] / 2, 3)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    if not one_page:
        page_marks(ws, PAGE_NUMBERS)
        if keep_from is not None:
            top = int(title_rows.split(":")[-1].strip("$")) + 1 if title_rows else 1
            if keep_merged:
                titles = sum(row_points(ws, r) for r in range(int(title_rows.split(":")[0].strip("$")), top)
                             ) if title_rows else 0.0
                fit_merged(ws, keep_merged, top, keep_from,
                           page_room(ws, area, landscape=landscape, margins=margins) - titles)
            def plan() -> list[int]:
                return planned_breaks(ws, area, landscape=landscape, margins=margins, title_rows=title_rows,
                                      keep_from=keep_from, joined=joined, blocks=blocks,
                                      merged=merged_rows(ws, keep_merged, top, keep_from) if keep_merged else ())

            breaks = plan()
            for _ in range(3):   # each text pulled up changes the pages after it: planned again
                if not (keep_merged and _text_pulled_up(ws, area, breaks, keep_merged, keep_from, title_rows,
                                                        page_room(ws, area, landscape=landscape, margins=margins))):
                    break
                breaks = plan()
            for row in breaks:
                ws.row_breaks.append(Break(id=row - 1))  # a break's id: the (zero-based) row its page starts at
            split_merges(ws, breaks, repeat)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.blackAndWhite = True  # conditional colours stay on screen
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def page_marks(ws: Worksheet, footer: str | None) -> None:
    """What a form printed over pages says on each page, or (``footer`` None) a form on one page says
    nothing: the page number ``footer`` centred under every page, and “续表” (``CONTINUED``) at the top
    right of every page but the first. A page headed by the repeated indicator header alone did not say
    it went on from another page, as a table continued on the next page says it in print (“续表”); a
    loose page 2 of a 部门整体 form or a 评价表 read as a table of its own. Natively in every program: the
    header of a page other than a sheet's first (Excel's and WPS's 首页不同, LibreOffice's “first page”
    header, read from the file's ``differentFirst``), so a form that runs on to more pages than planned
    (rows inserted or typed taller by hand, printed without a button) says it on each of them too.
    One place for all kinds (``page``, ``numbered_as_its_own``, ``planned_again``; the add-in gets the
    same through ``apply.pages_again``).

    The sheet's pages are numbered from 1 (its 起始页码, ``firstPageNumber``): LibreOffice's “first page”
    is the first page of a run of page numbers, not of a sheet — a run starts only at a sheet with a
    first page number of its own —, so a workbook of forms printed at once (File › Print of all sheets,
    or exported to PDF whole) printed “续表” on the first page of every form after the first. Excel and
    WPS take 首页不同 per sheet anyway, and number from 1 with it too."""
    over = footer is not None
    ws.HeaderFooter.differentFirst = over or None
    ws.page_setup.useFirstPageNumber = over or None
    ws.page_setup.firstPageNumber = 1 if over else None
    for part in (ws.oddFooter.center, ws.firstFooter.center):
        part.text, part.size = footer, (9 if over else None)
    ws.oddHeader.right.text, ws.oddHeader.right.size = (CONTINUED, 9) if over else (None, None)
    ws.firstHeader.right.text = None


def numbered_from_its_first(ws: Worksheet) -> None:
    """A form whose pages after the first say “续表” (``page_marks``) numbered from 1 again where its file lost
    that: LibreOffice saves a form copied in it (移动或复制工作表, one sheet per project) without the template's
    起始页码, and a workbook of such forms printed whole headed every copy's first page “续表” and numbered it
    on from the form before (“第 2 页”). The copies jixiao writes of a department's workbook put it back."""
    if ws.HeaderFooter.differentFirst and ws.oddHeader.right.text == CONTINUED and not ws.page_setup.useFirstPageNumber:
        ws.page_setup.useFirstPageNumber = True
        ws.page_setup.firstPageNumber = 1


def numbered_as_its_own(ws: Worksheet) -> None:
    """A form printed over pages (its footer ``PAGE_NUMBERS``) numbered as a document of its own: from
    1, out of its planned pages (its page breaks and one), whatever sheets are printed before it. For a
    copy whose content no longer changes (the 定稿, protected: no row grows past a planned break).

    “&N” is the whole print job's count in LibreOffice and, printed whole, in Excel: in a workbook of
    forms the second long form's pages said “第 5 页，共 7 页” to “第 7 页，共 7 页” for a form of three pages,
    the one-page forms between them unnumbered. Neither program has a sheet's own page count, so it is
    written in; the first page number is set to 1 on the sheet (Excel's 起始页码, LibreOffice's page style)."""
    if ws.oddFooter.center.text not in (PAGE_NUMBERS, EARLIER_PAGE_NUMBERS) or not ws.print_area:
        return
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    # a break's id is the (zero-based) row its page starts at; one past the print area starts no page
    # (the 部门整体 form's breaks its 计算数据 rows off the form: counted, its 3 pages said “共 4 页”)
    pages = 1 + sum(1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2)
    page_marks(ws, f"第 &P 页，共 {pages} 页")   # numbered from 1 (``page_marks``)


def on_paper(ws: Worksheet, paper: Paper) -> str:
    """Border the grid, write the notes, clear fills, set up the page. Returns the print area.
    Called once the rows have their heights: whether the form fits one page depends on them."""
    border_grid(ws, paper.grid)
    last = paper.last_row
    if paper.notes and paper.notes_row:
        last = write_notes(ws, paper.notes_row, paper.last_col, paper.notes, paper.note_width)
    area = f"A1:{paper.last_col}{last}"
    clear_fills(ws, area)
    page(ws, area, landscape=paper.landscape, one_page=paper.one_page, title_rows=paper.title_rows,
         margins=paper.margins, keep_from=paper.keep_from, joined=paper.joined, blocks=paper.blocks,
         repeat=paper.repeat, keep_merged=paper.keep_merged)
    return area


def planned_again(ws: Worksheet, paper: Paper) -> None:
    """The page of a form laid out by ``on_paper`` set up again for its rows' heights now: a copy
    whose rows openpyxl made taller (a long 扣分原因 typed in, ``apply.grow_typed_rows``) kept the
    breaks planned for the rows as they were, and a page ended inside a 一级指标 or printed the
    部门（单位）意见 on a page of its own. The grid, notes and print area stay; the breaks inside the
    area go, the cells split at them (``split_merges``) are merged back (``join_merges``), and the
    page is planned as ``on_paper`` plans it (one page where it still fits readably)."""
    if not ws.print_area:
        return
    c1, r1, c2, r2 = area_bounds(ws.print_area)
    area = f"{col(c1)}{r1}:{col(c2)}{r2}"
    old = [b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2]  # the rows the old pages start at
    ws.row_breaks.brk = tuple(b for b in ws.row_breaks.brk if not r1 < b.id + 1 <= r2)  # after the form: kept
    join_merges(ws, old, paper.repeat)
    if ws.oddFooter.center.text in (PAGE_NUMBERS, EARLIER_PAGE_NUMBERS):  # one page now: ``page`` marks only a form over pages
        page_marks(ws, None)
    page(ws, area, landscape=paper.landscape, one_page=paper.one_page, title_rows=paper.title_rows,
         margins=paper.margins, keep_from=paper.keep_from, joined=paper.joined, blocks=paper.blocks,
         repeat=paper.repeat, keep_merged=paper.keep_merged)


def join_merges(ws: Worksheet, breaks: Iterable[int], cols: str) -> None:
    """``split_merges`` undone at the rows ``breaks``: in the columns ``cols`` (left to right, a
    group's name before its 分值, the 一级 before the 二级), the part above a break and the part
    from it merged again where each holds the same value and every column left of it was joined
    (two 二级指标 of one 一级 with the same 分值 stay two)."""
    if not cols:
        return
    cells = [m for m in ws.merged_cells.ranges if m.min_col == m.max_col]  # what ``split_merges`` splits
    spans = {(m.min_row, m.min_col): m for m in cells}
    below = {(m.max_row, m.min_col): m for m in cells}
    for b in sorted(set(breaks), reverse=True):  # from the bottom: a part joined is whole for the break above
        for c in (column_index_from_string(x) for x in cols):
            up = below.get((b - 1, c))
            top = up.min_row if up is not None else b - 1
            down = spans.get((b, c))
            bottom = down.max_row if down is not None else b
            if any(_merged_across(ws, r, c) for r in (top, b)):  # a cell merged across columns: no group's
                break
            if ws.cell(row=top, column=c).value != ws.cell(row=b, column=c).value or ws.cell(row=b, column=c).value is None:
                break
            for m in (up, down):
                if m is not None:
                    ws.unmerge_cells(m.coord)
            ws.cell(row=b, column=c).value = None
            ws.merge_cells(start_row=top, start_column=c, end_row=bottom, end_column=c)
            m = next(x for x in ws.merged_cells.ranges if x.min_row == top and x.min_col == c)
            spans[(top, c)] = below[(bottom, c)] = m
            spans.pop((b, c), None)
            below.pop((b - 1, c), None)


def _merged_across(ws: Worksheet, row: int, column: int) -> bool:
    return any(m.min_col != m.max_col and m.min_row <= row <= m.max_row and m.min_col <= column <= m.max_col
               for m in ws.merged_cells.ranges)


def area_bounds(area: str) -> tuple[int, int, int, int]:
    """(min_col, min_row, max_col, max_row) of a print area as openpyxl stores it ("'S'!$A$1:$I$40")."""
    return range_boundaries(area.split("!")[-1].replace("$", "").split(",")[0])


def col(n: int) -> str:
    return get_column_letter(n)


APPENDIX = "附页"            # the sheet of the 定稿 that prints the texts no page of their form holds (``texts_apart``)
APPENDIX_WIDTH = 95.0        # its one column: an A4 portrait page's width at 100 %
_EXCERPT_LINES = 3           # the lines of its text a cell sent to the 附页 still prints, before “……（全文见附页1）”


@dataclass(frozen=True)
class Apart:
    """A text of a form printed on the 附页 (``texts_apart``): its number, the form's sheet, the indicator and the
    column it belongs to (the header's words), the text."""

    number: int
    sheet: str
    indicator: str
    column: str
    text: str


def texts_apart(ws: Worksheet, paper: Paper, first: int = 1) -> list[Apart]:
    """The texts of the ``paper``'s ``keep_merged`` columns in indicator rows (merged over them, or in one row's cell:
    ``text_cells``) that no page holds even at
    ``SMALLEST_TEXT`` (``fit_merged`` left them as they were), each printed in its cell as its first lines and
    “……（全文见附页N）”, N from ``first``, its rows lowered to match: for ``write_appendix`` to print whole.

    A 填报人 who wrote 1,400 characters of 扣分原因 over two rows of the 部门整体表 got them cut through a line at the
    foot of one page and run on over the next page's header (LibreOffice; Excel clips the cell) — no program
    breaks a cell's text between pages. The cell keeps its whole text as its value (a number format's text section
    shows the excerpt): the 定稿 reads back, is checked and reviewed as the workbook it was made from. For the
    定稿 only, whose cells no one types into: a working copy showed the 填报人 words that are not in the cell."""
    if not (paper.keep_merged and paper.title_rows and paper.keep_from and ws.print_area):
        return []
    c1, r1, c2, r2 = area_bounds(ws.print_area)
    head = [int(x.strip("$")) for x in paper.title_rows.split(":")]
    titles = sum(row_points(ws, r) for r in range(head[0], head[-1] + 1))
    room = page_room(ws, f"{col(c1)}{r1}:{col(c2)}{r2}", landscape=paper.landscape, margins=paper.margins) - titles
    names = next((c for c in range(c1, c2 + 1) if str(ws.cell(row=head[-1], column=c).value or "").strip() == "三级指标"),
                 None)
    own = _OwnHeights(ws)
    found: list[Apart] = []
    for m in text_cells(ws, paper.keep_merged, head[-1] + 1, paper.keep_from):
        cell = ws.cell(row=m.min_row, column=m.min_col)
        rows = range(m.min_row, m.max_row + 1)
        if not isinstance(cell.value, str) or not _too_tall(ws, m, own, room):
            continue
        # made smaller where a size fits (a form on one page is planned without ``fit_merged``): no 附页 for it
        if (cell.alignment is not None and cell.alignment.wrap_text
                and _smaller(ws, m, own, room if m.min_row < m.max_row else min(room, ROW_MOST))):
            continue
        n = first + len(found)
        width = own.width(m.min_col, m.max_col)
        size = float(cell.font.sz or 10.5) if cell.font is not None else 10.5
        shown = _excerpt(cell.value, width, size) + f"……（全文见{APPENDIX}{n}）"
        cell.number_format = 'General;General;General;"' + shown + '"'
        need = cell_height(shown, width, size)
        heights = [own(r, range(m.min_col, m.max_col + 1)) for r in rows]
        for r, h in zip(rows, heights):
            ws.row_dimensions[r].height = max(h, need / len(heights))
        found.append(Apart(n, ws.title, str(ws.cell(row=m.min_row, column=names).value or "") if names else "",
                           str(ws.cell(row=head[-1], column=m.min_col).value or "").replace("\n", ""),
                           cell.value))
    return found


def _excerpt(text: str, width: float, size: float) -> str:
    """The first ``_EXCERPT_LINES`` lines' worth of ``text`` in a cell ``width`` wide at ``size`` points, as a number
    format's quoted text may hold it: one line (no line break), no straight double quote (it ends the quote)."""
    flat = " ".join(text.split()).replace('"', "”")
    room = width * 0.95 * (10.5 / size) * _EXCERPT_LINES - 14   # the “……（全文见附页N）” after it
    used, out = 0.0, list[str]()
    for c in flat:
        used += 2.0 if ord(c) > 0x7F else 1.0
        if used > room or len(out) >= _EXCERPT_MOST:
            break
        out.append(c)
    return "".join(out)


# Excel takes a number format of at most 255 characters (a longer one is a file it repairs): the
# “General;General;General;"…"” around the excerpt and the “……（全文见附页99）” after it leave 215
_EXCERPT_MOST = 200


def _pieces(text: str, most: int = 1200) -> list[str]:
    """``text`` in pieces of at most ``most`` characters (some 27 lines, half an A4 page), each ending a paragraph or a
    sentence where one ends in reach: one row each on the 附页, so that its pages break between rows (no program
    breaks a cell's text)."""
    out: list[str] = []
    for para in text.split("\n"):
        while len(para) > most:
            cut = max(para.rfind(p, 0, most) for p in "。；！？")
            cut = cut + 1 if cut >= most // 2 else most
            out.append(para[:cut])
            para = para[cut:]
        if para.strip():
            out.append(para)
    return out


def write_appendix(wb: Any, texts: Sequence[Apart]) -> Worksheet:
    """The 附页 sheet after the forms: each text ``texts_apart`` sent there under “附页N：” and what it is (the form,
    the indicator, the column), whole, over as many A4 pages as it takes, each page numbered."""
    from .sheet import keep_text

    ws = wb.create_sheet(APPENDIX)
    ws.sheet_view.showGridLines = False
    ws.column_dimensions["A"].width = APPENDIX_WIDTH
    ws["A1"].value, ws["A1"].font = APPENDIX, Font(name="黑体", size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    body, bold = Font(name="宋体", size=10.5), Font(name="黑体", size=10.5)
    wrap = Alignment(horizontal="left", vertical="top", wrap_text=True)
    r = 1
    for t in texts:
        r += 1
        what = f"{t.sheet}“{t.indicator}”" if t.indicator else t.sheet
        heading = f"{APPENDIX}{t.number}：{what}{t.column}"
        c = ws.cell(row=r, column=1)
        keep_text(c, heading)
        c.font, c.alignment = bold, wrap
        ws.row_dimensions[r].height = cell_height(heading, APPENDIX_WIDTH) + 6
        for piece in _pieces(t.text):
            r += 1
            c = ws.cell(row=r, column=1)
            keep_text(c, piece)   # a 扣分原因 that starts with “=” stays text
            c.font, c.alignment = body, wrap
            ws.row_dimensions[r].height = cell_height(piece, APPENDIX_WIDTH)
    ws.print_area = f"A1:A{r}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.page_margins.header = ws.page_margins.footer = 0.35
    ws.print_options.horizontalCentered = True
    # not ``PAGE_NUMBERS``: ``numbered_as_its_own`` would write in a count of pages from the breaks it has none of
    ws.oddFooter.center.text, ws.oddFooter.center.size = f"{APPENDIX} 第 &P 页", 9
    ws.page_setup.useFirstPageNumber, ws.page_setup.firstPageNumber = True, 1
    return ws
