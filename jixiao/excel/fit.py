"""Row heights for wrapped text, and the measures of a printed page, kept apart from openpyxl.

Why a module of its own: the 汇总表 (written by XlsxWriter) and the 校验结果 sheet need only
this function; importing it from ``excel.sheet`` pulled in openpyxl (~0.2 s) for nothing.
"""

from __future__ import annotations

import math
import re
from functools import partial
from typing import Any, Collection, Iterable, Mapping

from ..core.numbers import MONEY_FORMAT, as_shown, is_number

A4_POINTS = (595.3, 841.9)   # width, height, portrait
POINTS_PER_WIDTH = 5.25      # a column width unit in points (7 px of the default 11 pt font)
ROW_MOST = 409.0             # points: the tallest row Excel and WPS keep (8,179 twips); a taller one they cut to it


def wrapped_lines(text: Any, width: float, fill: float = 0.95) -> int:
    """Lines a wrapped cell ``width`` wide needs for ``text`` (files carry no auto-fit): a CJK
    character is about two width units at the body font size (counted through its UTF-8 length,
    fast enough for a 10,000-row 项目明细), a line fills ``fill`` of the column, and each line break
    (Alt+Enter) starts a line of its own."""
    room = max(width * fill, 1)
    n = 0
    for part in str(text or "").split("\n"):
        n += max(1, math.ceil(_units(part) / room))
    return max(1, n)


# an unbreakable run as LibreOffice wraps a cell: Latin letters and digits (a phone number, “.xlsx”) with the
# hyphens ending them (“0311-” breaks after its hyphen); any other character stands alone
_WORD = re.compile(r"[A-Za-z0-9._@/+%]+-*|.", re.S)


def word_wrapped_lines(text: Any, width: float, fill: float = 0.95) -> int:
    """Lines a wrapped cell needs where a word of Latin letters and digits is not broken (``wrapped_lines``
    counts characters, and breaks a word anywhere): “欧阳建国 0311-87654321 13912345678” in the 台账's
    填报人及联系方式 printed on three lines in LibreOffice, not the two its 34 units make in a 17-unit line.
    A greedy fill, word by word; slower than ``wrapped_lines``, for the few rows of a ledger."""
    room = max(width * fill, 1)
    n = 0
    for part in str(text or "").split("\n"):
        lines, used = 1, 0.0
        for word in _WORD.findall(part):
            w = _units(word)
            if used + w <= room or (word.isspace() and used):   # a space at a line's end takes no room
                used += w
            elif not used and w > room:   # a word wider than a line: broken where it must be
                lines += math.ceil(w / room) - 1
                used = w - (math.ceil(w / room) - 1) * room
            else:
                lines += 1
                used = 0.0 if word.isspace() else w
        n += lines
    return max(1, n)


def row_height(cells: Iterable[tuple[Any, float]], line: float = 14.0, *, fill: float = 0.95,
               pad: float = 6.0, least: float = 22.0) -> float:
    """A row height (points) that shows the wrapped text of each (value, column width) whole: the
    lines of its tallest cell (``wrapped_lines`` with ``fill``), ``line`` points each, ``pad`` over
    them, at least ``least``."""
    lines = max((wrapped_lines(value, width, fill) for value, width in cells if value is not None), default=1)
    return max(least, lines * line + pad)


def money_width(values: Iterable[Any], least: float) -> float:
    """A 万元 column wide enough for its widest figure as ``MONEY_FORMAT`` shows it, ``least`` at the least:
    a number too wide for its column prints as “###” in Excel, WPS and LibreOffice alike — a county's
    1160493.822714 on 项目明细 (11 units), a 全年执行数 of 1234.567891 (万元 to the fen) on a form (12).
    A digit is one unit of a column's width; three more for the cell's margins and a bold 合计 row."""
    # ``as_shown`` decides, but costs ~4 µs a figure (10,000 rows of 项目明细, issue #18): a float's
    # f"{:.6f}" is its length but for the last digit's rounding, which may end it in a zero or not
    # (one character); only the figures within one of the longest are measured exactly
    nums = [v for v in values if is_number(v)]
    if not nums:
        return least
    rough = [len(f"{v:.6f}".rstrip("0")) for v in nums]
    top = max(rough)
    widest = max(len(as_shown(v, MONEY_FORMAT)) for v, n in zip(nums, rough) if n >= top - 1)
    return max(least, widest + 3.0)


def may_wrap(text: str, width: float, fill: float = 0.95) -> bool:
    """Whether ``text`` may take more than one line in a column ``width`` wide: the cheap test before
    measuring (a CJK character is 2 units; a merged cell is at least as wide as its first column)."""
    return len(text) * 2 > width * fill or "\n" in text


# A cell's font below SMALL_FONT points (the 9 pt 评分标准, 指标解释, 扣分原因 of the 部门整体 and 评价 forms)
# fits SMALL_PACK times the text of the body font into its width, SMALL_LINE points a line: as the
# forms lay those rows out (``sheet.put_indicator_rows``: width × 1.15, 12.5 pt)
SMALL_FONT, SMALL_PACK, SMALL_LINE = 10.0, 1.15, 12.5
SMALL_SIZE = SMALL_FONT - 1   # the forms' small font (9 pt), the size SMALL_PACK and SMALL_LINE are measured for


def cell_height(value: Any, width: float, size: float | None = None, line: float = 14.0) -> float:
    """``row_height`` of one wrapped cell whose font is ``size`` points (None: the body font). Below the
    9 pt of the forms' small cells (a merged text made smaller to fit a page, ``printout.fit_merged``) a
    line holds more characters and is lower in proportion to the size."""
    if size is not None and size < SMALL_FONT:
        # in proportion above the 9 pt too: capped at 1, a 9.5 pt text (a 10.5 pt 偏差原因 made smaller, ``fit_merged``)
        # was measured as 9 pt, its lines too low and too many to a line, and LibreOffice printed it past its rows
        small = size / SMALL_SIZE
        return row_height([(value, width * SMALL_PACK / small)], min(line, SMALL_LINE) * small,
                          pad=6.0 * small, least=min(22.0, 22.0 * small + 8.0))
    return row_height([(value, width)], line)


def grown_height(cells: Iterable[tuple[Any, float] | tuple[Any, float, float | None]], height: float | None,
                 line: float = 14.0) -> float | None:
    """The height a row now ``height`` points high is to grow to so that the wrapped text of ``cells``
    ((value, width) pairs, or (value, width, font size): ``cell_height``) shows whole, or None where
    it shows whole already or fits on one line: a row is never made lower than it was set (files
    carry no auto-fit, and a template's row height keeps Excel from fitting it). One decision for the
    copies openpyxl writes (``sheet.grow_rows``) and for the workbook open in Excel (``addin.host``).
    The font counts: measured at the body font, the 部门整体 form's 9 pt 指标解释 that its layout fits in
    68.5 pt was grown to 90 on every 计算 and 校验, each row of the form a third taller, its pages past
    the page breaks planned for them (5 pages printed as 7, the 评价小组 cut across two)."""
    cells = list(cells)
    need = max((cell_height(c[0], c[1], c[2] if len(c) > 2 else None, line) for c in cells), default=0.0)
    return need if need > max(height or 0.0, row_height([], line)) + HEIGHT_STEP else None


# How far a row may be below the height ``grown_height`` measures and still count as that height: Excel keeps a
# row's height in whole pixels (0.75 pt at 96 dpi: a row grown to 34 pt reads back as 33.75), LibreOffice in its
# own units (33.75 for 34); each line has ``row_height``'s 6 pt of padding to spare. Measured strictly, a row
# grown once grew again on every 计算, 校验 and copy — and planned its form's pages again each time.
HEIGHT_STEP = 0.75


def _units(text: str) -> float:
    return (len(text.encode("utf-8", "replace")) + len(text)) / 2  # CJK (3 bytes) → 2, ASCII → 1


INSIDE = " › "  # a file inside a mail or an archive, as the review names it: “县水务局报送.eml › 水务局.xlsx”
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")


def one_line(text: str, width: float) -> str:
    """``text`` as it fits on one line of a column ``width`` wide: whole when it fits, else shortened
    with “…”. A file name keeps its beginning (its unit) and its extension, the “…” between, as much of
    its beginning as of its end; a file inside a mail or an archive (“县水务局报送.eml › 水务局绩效自评表.xlsx”)
    keeps the “ › ” and the inner file's name whole and is cut in the outer one (“….eml › 水务局绩效自评表.xlsx”,
    not “县水务局报送.em…绩效自评表.xlsx”), the inner name cut as a file name only where alone it is too wide.
    No cut goes through an extension.

    For a link cell: LibreOffice does not wrap one, so a longer text is cut at the column's
    edge on screen and on paper; the link itself keeps its whole target."""
    room = max(width * 0.95, 4.0)
    if _units(text) <= room:
        return text
    outer, sep, inner = text.rpartition(INSIDE)
    if not sep:
        return _shortened(text, room)
    tail = sep + inner
    left = room - _units(tail) - _units("…")
    if left < 0:  # the inner name alone is too wide: cut it, the outer one is “…”
        return "…" + sep + _shortened(inner, room - _units("…" + sep))
    ext = _EXTENSION.search(outer)
    ext_text = ext.group(0) if ext and _units(ext.group(0)) <= left else ""
    stem = outer[:len(outer) - len(ext_text)]
    head = _prefix(stem, left - _units(ext_text))
    return head + "…" + ext_text + tail


def _prefix(text: str, room: float) -> str:
    """The longest beginning of ``text`` ``room`` units wide at most."""
    used = 0.0
    for i, c in enumerate(text):
        used += _units(c)
        if used > room:
            return text[:i]
    return text


def _shortened(text: str, room: float) -> str:
    """``text`` in ``room`` units: its beginning and its end with “…” between, as wide a beginning as
    an end — the end holding the whole extension where ``text`` has one (“大厂回族…（修改稿）.xlsx”), or
    where that does not fit, its beginning and “…”."""
    if _units(text) <= room:
        return text
    room -= _units("…")
    ext = _EXTENSION.search(text)
    if ext and _units(ext.group(0)) > room:  # no room for the extension: the beginning alone, cut at the end
        return _prefix(text[:ext.start()], room) + "…"
    keep = ext.group(0) if ext else ""  # the end holds it whole: an end shorter than this cut it
    head: list[str] = []
    tail: list[str] = list(reversed(keep))
    front_used, back_used = 0.0, _units(keep)
    i, j = 0, len(text) - 1 - len(keep)
    while i <= j:  # from both ends in turn, as wide a beginning as an end
        front = front_used <= back_used
        c = text[i] if front else text[j]
        w = _units(c)
        if front_used + back_used + w > room:
            break
        if front:
            head.append(c)
            front_used += w
            i += 1
        else:
            tail.append(c)
            back_used += w
            j -= 1
    return "".join(head) + "…" + "".join(reversed(tail))


JOIN_SLACK = 0.25  # of a page left empty at most to keep a 二级指标's rows on one page (``page_breaks``)
BLOCK_SLACK = 0.5  # of a page left empty at most to start a page at a 一级指标's first row (``page_breaks``):
# more, and the page was mostly empty
BIG_BLOCK = 0.5    # a 一级指标 block taller than this part of a page is large: kept whole only where that leaves at
# most ``JOIN_SLACK`` of the page empty (``block_slack``), else a page may start inside it, at a 二级指标


def block_slack(block: float, room: float) -> float:
    """The part of a page that may be left empty to keep a 一级指标 block ``block`` points tall whole on the next page
    (``page_breaks``). A small block split over two pages leaves a few rows of it on each, under its name twice; a
    large one split at a 二级指标 leaves whole 二级指标 on each page, its name repeated as a table continued on the next
    page is — and kept whole it emptied the page before: the 子洲 部门整体表 with a 评价小组 of five moved “过程 40”
    (twelve rows, three quarters of a page) to page 2 and printed page 1 with a third of it empty under “投入”."""
    return BLOCK_SLACK if block <= room * BIG_BLOCK else JOIN_SLACK


def page_breaks(heights: Mapping[int, float], first: int, last: int, *, room: float,
                titles: tuple[int, int] | None = None, keep_from: int | None = None,
                heads: Collection[int] = (), joined: Collection[int] = (),
                blocks: Collection[int] = (), merged: Collection[int] = ()) -> list[int]:
    """The rows that start a printed page (after the first) of rows ``first``..``last``, each row
    ``heights[row]`` points tall, a page holding ``room`` points of rows (the page's room over the
    print scale), the ``titles`` rows (first, last) repeated at the top of every later page.

    A page ends before the row that would overflow it, as Excel and LibreOffice break a sheet;
    but the rows from ``keep_from`` to ``last`` (a form's last indicator row, 总分, 说明, the
    signatures and the 注 under them) print on one page together: where they would be split,
    or the signatures left alone on a page of their own, the page starts at ``keep_from`` instead.
    A block taller than a page flows like any other rows. The rows of ``heads`` (a list's
    headings) never end a page: a page that would end with one starts with it instead, over the
    rows it heads. The rows of ``joined`` (a 二级指标's rows after its first, its 一级 and 二级 cells
    merged over them) print on the page of the row above where that costs little: a page that would
    start at one starts at the group's first row instead, and a foot whose last indicator row is one
    takes its group along — a group split over two pages printed its merged names on one part, the
    other part's 一级 and 二级 cells empty, as the 部门整体表's “社会效益” under “效果” on one page and
    “满意度” on the next — as long as the rows moved leave at most ``JOIN_SLACK`` of the page empty
    (more, and the form ran to a page more of half-empty pages); a group taller than that flows.
    The rows of ``blocks`` (a 一级指标's rows after its first, its 一级 cells merged over them all) go
    first the same way, a page starting at the 一级指标's first row instead of inside it where its
    whole block fits on a page and the page is left at most ``BLOCK_SLACK`` empty —
    “过程 40”, printed once over its rows, showed on one page and left the 一级 cells of its rows on the
    other empty; a block that fits on no page, or would leave a page mostly empty, is split as above
    (and its label repeated by the writer, ``printout.split_merges``), and so are all where keeping
    them whole takes more pages than splitting them (23 tall indicators: 6 pages, not 5).
    The rows of ``merged`` (a text merged down over indicator rows, after its first row: ``printout.merged_rows``)
    go before all: a page that would start inside such a cell starts at its first row wherever the cell fits
    on a page, whatever the page is left empty — a merged cell a page started in printed its text cut
    through a line, the rest over the next page's repeated header; only one taller than a page flows
    (``printout.fit_merged`` makes its text smaller first). One that holds the last indicator row and fits
    no page with the foot goes before the foot's rule: the text on one page, the 总分 under it where the
    page holds it, the rest of the foot on the next page.
    Every page break is in the plan (none left for the program to add), so each writer and each
    program prints the same pages."""
    plan = partial(_page_breaks, heights, first, last, room=room, titles=titles, heads=heads, joined=joined,
                   merged=merged)
    whole = plan(keep_from=keep_from, blocks=blocks)
    if blocks:
        split = plan(keep_from=keep_from, blocks=())
        if len(split) < len(whole):
            whole = split
    if keep_from is not None and keep_from < last and keep_from in merged and set(whole) & set(merged):
        # The last indicator row is inside a merged text that fits a page but not with the foot: kept with
        # the last indicator row, the foot started a page inside the text, cut through a line at the foot
        # of one page (LibreOffice) and the rest over the next page's header. The text prints whole, the
        # 总分 under it where the page holds it (as for a group, below), the rest of the foot (说明, the
        # signatures, 注; 评价小组 …) on the next page.
        for foot in (keep_from + 2, keep_from + 1):
            if foot <= last:
                apart = plan(keep_from=foot, blocks=blocks)
                if not set(apart) & set(merged):
                    return apart
    if keep_from is not None and keep_from < last and _lone_head(whole, first, keep_from, joined):
        # The last group and the foot fit no page together, so the foot kept its last indicator row
        # and left the group's first row alone on a page (the 部门整体表's 社会效益 with a long
        # 扣分原因 alone on page 4, 满意度 under the foot on page 5, “效果 20 履职效益 20” printed twice):
        # the group prints whole, the foot on the next page, where that takes no page more: from the
        # row under the 总分 (评价小组, 存在的问题) where the 总分 row goes with the group — the total of
        # the table under its last rows, not at the top of the next page under the repeated headings
        # alone (session 59) — else from the 总分 on. A page holding more rows keeps the rule: the foot
        # under an indicator row.
        for foot in (keep_from + 2, keep_from + 1):
            if foot > last:
                continue
            apart = plan(keep_from=foot, blocks=blocks)
            if len(apart) <= len(whole) and (foot == keep_from + 1 or not {keep_from, keep_from + 1} & set(apart)):
                return apart
    return whole


def _lone_head(breaks: list[int], first: int, keep_from: int, joined: Collection[int]) -> bool:
    """Whether a page starts at ``keep_from`` (the last indicator row, inside a group of ``joined``)
    after a page that holds one row alone, the group's first."""
    if keep_from not in breaks or keep_from not in joined:
        return False
    i = breaks.index(keep_from)
    top = breaks[i - 1] if i else first
    return top == keep_from - 1 == _group_start(keep_from, joined)


def _page_breaks(heights: Mapping[int, float], first: int, last: int, *, room: float,
                 titles: tuple[int, int] | None, keep_from: int | None, heads: Collection[int],
                 joined: Collection[int], blocks: Collection[int], merged: Collection[int] = ()) -> list[int]:
    """``page_breaks``, the 一级 blocks kept whole wherever the rule allows."""
    title = sum(heights[r] for r in range(titles[0], titles[1] + 1)) if titles else 0.0

    def _whole(b: int, top: int) -> int:
        """``b``, or the first row of the merged text it is inside where the text fits a page."""
        m = _group_start(b, merged)
        if top < m < b and (title if titles and m > titles[1] else 0.0) + sum(
                heights[x] for x in range(m, _group_end(b, merged) + 1)) <= room:
            return m
        return b

    def _move_to_group(b: int, top: int, left: float) -> int:
        """Where a page that would start at ``b`` starts, ``left`` points of the page ``top`` began
        unused if it does: out of a merged text (``_whole``), before and after the rest; at its 一级 block's
        first row, else at its 二级 group's first row, where that costs little (one that began the page
        flows) — a 二级 group's first row can be inside a merged text that goes on into the group."""
        m = _whole(b, top)
        left += sum(heights[x] for x in range(m, b))
        b = m
        g = _group_start(b, blocks)
        block = sum(heights[x] for x in range(g, _group_end(b, blocks) + 1))
        if (top < g < b and (title if titles and g > titles[1] else 0.0) + block <= room
                and left + sum(heights[x] for x in range(g, b)) <= room * block_slack(block, room)):
            return _whole(g, top)  # the 一级 block goes over whole
        g = _group_start(b, joined)
        if g > top and sum(heights[x] for x in range(g, b)) <= room * JOIN_SLACK:
            return _whole(g, top)  # the group goes over whole
        return b

    def flow(start: int, end: int, used: float, breaks: list[int]) -> float:
        top = breaks[-1] if breaks else first  # the first row of the page being filled
        for r in range(start, end + 1):
            h = heights[r]
            if used + h > room and r > top:
                b = r
                while b - 1 in heads and b - 1 > top:  # the heading goes over with what it heads
                    b -= 1
                if all(x in heads for x in range(top, b)):  # a page of headings alone: as it falls
                    b = r
                b = _move_to_group(b, top, room - used + sum(heights[x] for x in range(b, r)))
                breaks.append(b)
                top = b
                used = (title if titles and b > titles[1] else 0.0) + sum(heights[x] for x in range(b, r))
            used += h
        return used

    breaks: list[int] = []
    if keep_from is None or not first < keep_from <= last:
        flow(first, last, 0.0, breaks)
        return breaks
    fresh = title if titles and keep_from > titles[1] else 0.0  # a new page's rows before the block
    last_block = sum(heights[r] for r in range(_group_start(keep_from, blocks), keep_from + 1))
    for groups, slack in ((merged, 1.0), (blocks, block_slack(last_block, room)), (joined, JOIN_SLACK)):
        g = _group_start(keep_from, groups)  # the last indicator's block or group goes with the foot where a page holds them
        if (first < g < keep_from and fresh + sum(heights[r] for r in range(g, last + 1)) <= room
                and sum(heights[r] for r in range(g, keep_from)) <= room * slack):
            keep_from = g
            break
    used = flow(first, keep_from - 1, 0.0, breaks)
    block = sum(heights[r] for r in range(keep_from, last + 1))
    top = breaks[-1] if breaks else first
    if used + block > room and fresh + block <= room and keep_from > top:  # on a page of its own it fits
        breaks.append(keep_from)
        used = fresh
    flow(keep_from, last, used, breaks)
    return breaks


def _group_end(row: int, joined: Collection[int]) -> int:
    """The last row of the group ``row`` is in (``page_breaks``'s ``joined`` or ``blocks``)."""
    while row + 1 in joined:
        row += 1
    return row


def _group_start(row: int, joined: Collection[int]) -> int:
    """The first row of the group ``row`` is in (``page_breaks``'s ``joined``): ``row`` itself when it starts one."""
    while row in joined:
        row -= 1
    return row


# marks GB/T 15834 keeps off a line's start (closing brackets and quotes, 。，、；：！？) and off a line's end (opening ones)
NO_LINE_START = "）。，、；：”》〕】！？"
NO_LINE_END = "（“《〔【"
# A line of a wrapped cell holds about this many ``_units`` per unit of its width, measured in LibreOffice's PDF of the
# 汇总表's 9.5 pt 说明 (74 wide: lines of 86 units, CJK text with a few digits); and how far a program's fonts may move a
# line's end either way (a digit, a quote a little wider or narrower than ``_units`` counts it)
NOTE_PACK, LINE_DOUBT = 86 / 74, 4.0


def no_lone_marks(line: str, width: float, pack: float = NOTE_PACK) -> str:
    """``line`` (one item of a 说明 the tool writes, wrapped in a cell ``width`` wide) with a line break of its own
    before its last few characters where a program's wrap could leave its closing mark alone on the last line.

    LibreOffice wraps a cell's text character by character and keeps no mark off a line's start: the 汇总表's
    “5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见“部门整体自评”工作表。” filled its line to
    “工作表” and printed the “。” alone on the next. Where the item's end falls within ``LINE_DOUBT`` of a line's end,
    whichever way the fonts measure, it breaks the line itself, at least two characters and ``2 * LINE_DOUBT`` units
    before the end and never before a mark kept off a line's start or after one kept off its end, nor inside a run
    of Latin letters and digits: the last line then holds a few words in every program. Elsewhere ``line`` as it is."""
    if not line or "\n" in line:
        return line
    room = max(width * pack, 1.0)
    total = _units(line)
    full = round(total / room)   # the lines the item fills to their end, or nearly
    if full < 1 or abs(total - full * room) > LINE_DOUBT:
        return line
    tail = 0.0
    for i in range(len(line) - 1, 0, -1):
        tail += _units(line[i])
        before, at = line[i - 1], line[i]
        if (tail >= 2 * LINE_DOUBT and len(line) - i >= 2 and at not in NO_LINE_START and before not in NO_LINE_END
                and not (before.isascii() and before.isalnum() and at.isascii() and at.isalnum())):
            return line[:i] + "\n" + line[i:]
    return line
