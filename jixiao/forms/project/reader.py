"""Reading 项目支出绩效自评表 sheets back into forms as data.

Reads with python-calamine: it is fast and returns what a spreadsheet program computed
(a formula cell's cached value), or nothing where the file holds no cached value — which
is exactly what ``read`` promises. Formats: .xlsx/.xlsm (also as WPS writes them), .xls,
.xlsb, .ods.

A sheet in our own template is read by position, from the one layout in ``layout``; only
the indicator block is anchored by its labels (一级指标 … 总分), so a filler who inserted
rows for more indicators is read correctly. Any other sheet goes to the label-anchored
reader (``jixiao.reading``), which finds forms in other layouts by their labels, resolves
merged cells, splits packed cells, and records what it had to guess as notes.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


from ... import guard
from ...guard import sanitize
from ...core import fieldpath
from ...core.dates import bare_year, cell_date_text, cell_year, span_text, time_only, time_said, year_in
from ...core.grades import stated_grade_word, written_grade
from ...core.values import stored_percent
from ...core.numbers import POINTS, is_dash, is_unfilled
from . import layout as L
from ...reading.note import Note, OutsideNote
from ...reading.outside import may_be_indicator, outside_note
from ...reading.workbook import iter_sheets
from ...errors import (EXPECT_PROJECT, EXPECT_YEAR, CellError, JixiaoError, NotAFormError, each_error,
                       raise_cell_errors)
from .model import FUND_COLS, FUND_ROWS, Form, parse_form
from ..sheetform import merged_over, shared_spans

_PREFIX = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")


@dataclass
class SheetForm:
    """One form read from one sheet, with where each field sits (for findings).

    A form in our template finds its cells from ``layout``; a form in another layout
    carries an explicit map ``cells`` (field path -> the real source cell), and the
    ``notes`` of what its reader had to guess, each naming its source cell.
    """

    file: str
    sheet: str
    form: Form
    layout: L.FormLayout
    rows: list[int] = field(default_factory=list)  # sheet row of each indicator, in order
    cells: dict[str, str] | None = None             # field path -> source cell (other layouts)
    notes: list[Note] = field(default_factory=list)
    anchor: str | None = None                       # the 项目名称 label cell (other layouts)
    part: int | None = None                         # position on a sheet that holds several forms
    stated: dict[str, Any] = field(default_factory=dict)  # written, no field of Form: 等级 (other layouts; ours: typed)
    # our template: the grade its 等级 cell shows, formula result or typed over it (``typed.typed_grades``
    # tells which, and keeps a typed one in ``stated``)
    grade_shown: str | None = None
    # field path -> sheet, for a field whose cell is on another sheet than ``sheet``: the 续表 a form's
    # indicator table runs on to (``reading.continued``); ``cell`` gives the cell on that sheet
    sheets: dict[str, str] = field(default_factory=dict)
    # our template's 总分 formulas that leave out an indicator row (``typed.short_sums``): what 计算 rewrites
    short_sums: Any = None
    # our template's 执行率得分 cell holds a formula: looked up (``typed.score_formulas``) only where a figure in 元
    # beside its 万元 row gives the written score another one (rule A4 leaves a formula to follow the funds)
    score_formula: bool = False
    # field -> (first, last, rightmost field) of the indicators one cell merged down or across covers
    # (``shared_spans``): the form gives each cell the text; a copy written from it (the 定稿) merges them again
    shared: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    @property
    def native(self) -> bool:
        """Read from our own template (cells where ``layout`` says)."""
        return self.cells is None

    def cell(self, path: str) -> str:
        """The cell of a field path ("indicators[3].score" -> "H17"); KeyError if the form has none."""
        if self.cells is not None:
            if path in self.cells:
                return self.cells[path]
            if path.startswith("indicators[") and "]." not in path and f"{path}.name" in self.cells:
                return self.cells[f"{path}.name"]
            raise KeyError(path)
        at = fieldpath.item(path)
        if at and at[0] < len(self.rows):
            return f"{L.IND_COL_OF[at[1]]}{self.rows[at[0]]}"
        return self.layout.cell(path)

    def sheet_of(self, path: str) -> str:
        """The sheet the cell of a field path is on (``cell``): the form's, or its 续表's."""
        if not self.sheets:
            return self.sheet
        if path in self.sheets:
            return self.sheets[path]
        if path.startswith("indicators[") and "]." not in path:
            return self.sheets.get(f"{path}.name", self.sheet)
        return self.sheet

    @property
    def more_sheets(self) -> list[str]:
        """The other sheets the form is read from (its 续表), in no particular order but without repeats."""
        return list(dict.fromkeys(self.sheets.values()))

    @property
    def source(self) -> str:
        """file#sheet; a second form stacked on a sheet adds its anchor (file#sheet@A40)."""
        base = f"{self.file}#{self.sheet}"
        return f"{base}@{self.anchor}" if self.part and self.part > 1 else base


@dataclass
class ReadResult:
    """What a workbook gave: its forms, and the sheets that could not be read, with why."""

    file: str
    forms: list[SheetForm] = field(default_factory=list)
    problems: list[JixiaoError] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _rc(ref: str) -> tuple[int, int]:
    """"H17" -> (16, 7): zero-based row and column, parsed once per address."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    assert m, ref
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _value(v: Any) -> Any:
    """A calamine value as the reader takes it: blanks are None, an integral float an int."""
    if v == "" or v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, (int, float)):
        return repr(v) if isinstance(v, float) else str(v)
    if isinstance(v, _dt.date):   # a datetime too: 2023年3月1日, not “2023-03-01 00:00:00” (``core.dates.cell_date_text``)
        return cell_date_text(v)
    if isinstance(v, _dt.timedelta):   # a time past 24 hours (“25:30”): “25:30:00”, as ``grid.as_text`` writes it
        return span_text(v)
    return str(v)


def _label_text(v: Any) -> str:
    r"""A cell's value as a label: its text without whitespace ("" for a blank). ``str.split``
    drops exactly what ``re.sub(r"\s+", "", …)`` would, at a fraction of the cost (issue #18)."""
    return "".join(str(v).split()) if v is not None else ""


class _Grid:
    """1-based cell access on calamine's list of rows; blanks are None."""

    def __init__(self, rows: list[list[Any]], file: str, sheet: str):
        self.rows = rows
        self.file = file
        self.sheet = sheet
        self._total_row: int | None | bool = False  # not looked for yet
        self.errors: list[CellError] = []  # cells the form cannot take, raised together by ``done``
        self.notes: list[Note] = []  # numbers written as text, read as numbers (``as_number``): X2 each

    def at(self, r: int, col: int) -> Any:
        """The value at zero-based (row, column), as ``raw`` gives it."""
        if r >= len(self.rows):
            return None
        row = self.rows[r]
        return _value(row[col]) if col < len(row) else None

    def raw(self, ref: str) -> Any:
        r, col = _rc(ref)  # ``self.at(r, col)`` inlined: the reader asks ~60 times a form (issue #18)
        if r >= len(self.rows):
            return None
        row = self.rows[r]
        return _value(row[col]) if col < len(row) else None

    def text(self, ref: str) -> str | None:
        v = self.raw(ref)
        return v if v.__class__ is str else _as_text(v)  # ``_as_text`` of a str is itself (issue #18)

    def number(self, ref: str, what: str, unit: str | None = None) -> int | float | None:
        return self.as_number(self.raw(ref), what, ref, unit)

    def date_text(self, ref: str, what: str, path: str) -> str | None:
        """The text of a date cell (填报日期, 报告日期: ``what``, the form's field ``path``), as ``text``; a time
        of day with no date in it (an Excel time value shown “12:00:00”: ``core.dates.time_only``) is said,
        naming the cell (an X2 warning): it is no date, and read as one it was printed as the 成文日期."""
        t = time_only(self.raw(ref))
        if t is not None:
            self.notes.append(sanitize.ReadNote(ref, time_said(what, t), path))
        return self.text(ref)

    def as_number(self, v: Any, what: str, ref: str, unit: str | None = None) -> int | float | None:
        """``v`` (read from ``ref``, a cell in ``unit``: ``parse_number``) as a number; where it is
        none, a CellError on ``ref`` kept for ``done`` and a blank read, so that the rest of the
        form is still looked at. A dash ("—", "/", "无": the template's own mark for a cell that
        does not apply) is a blank."""
        if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            return v
        if is_dash(v):
            return None
        n, bad, said = sanitize.number_cell(v, what, ref, unit)
        if bad:
            self.fail(ref, bad, sanitize.number_expected(unit))
        elif said:
            self.notes.append(said)
        return n

    def fail(self, ref: str, message: str, expected: str | None = None) -> None:
        """A cell the form cannot take: kept, and raised with the others by ``done``; with what it holds as read
        and ``expected``, what to write there (``CellError``)."""
        self.errors.append(CellError(message, file=self.file, sheet=self.sheet, cell=ref, found=self.raw(ref),
                                     expected=expected))

    def done(self, data: dict[str, Any] | None = None) -> None:
        """Every bad cell of the form at once, top to bottom (the reader's order is not the
        sheet's: the year is read last), before a form is made of what was read (``data``)."""
        self.errors.sort(key=lambda e: _rc(e.cell or "A1"))
        raise_cell_errors(self.errors, data)

    def year(self, ref: str = "A2") -> int:
        """The year of "（2022年度）" or a bare 2022 in ``ref`` (``core.dates.year_in``, as the label
        reader reads a year line); every kind keeps it in A2. A cell without one — blank, the template's
        “（    年度）”, or a 22 that is no year — is kept for ``done`` (0 stands in until then)."""
        v = self.raw(ref)
        y = year_in(v)
        if y is None and (v is None or v == "") and ref == "A2":
            # the year written into the title instead (“2022年度项目支出绩效自评表”) and A2 left blank
            title = self.raw("A1")
            y = cell_year(title, "du") or cell_year(title, "nian")
        if y is None:
            shown = _as_text(v) or ""
            typed = re.sub(r"[\s（()）年度]", "", shown)
            self.fail(ref, f"年度“{shown}”不是有效的年份，请填写预算年度（如 2022）" if typed else
                      "缺少年度，请填写预算年度（如 2022）", EXPECT_YEAR)
            return 0
        return y

    def label(self, ref: str) -> str:
        return _label_text(self.raw(ref))

    def label_row(self, label: str, first: int) -> int | None:
        """The first row from ``first`` on whose column A reads ``label`` (spaces aside): where a
        form's indicator block ends (总分, 总计), in every kind's layout."""
        for r in range(first, len(self.rows) + 1):  # ``self.label(f"A{r}")`` without the address (issue #18)
            row = self.rows[r - 1]
            v = row[0] if 0 < len(row) else None
            if label and (v == "" or v is None):
                continue  # a blank's label is "" (most rows: column A of the indicator block)
            if _label_text(_value(v)) == label:
                return r
        return None

    def total_row(self) -> int | None:
        """The row of the 总分 label in column A, below the first indicator row (looked for once:
        the template test and the reader both ask)."""
        if self._total_row is False:
            self._total_row = self.label_row("总分", L.FIRST_IND)
        return self._total_row  # type: ignore[return-value]


def _is_form_sheet(grid: _Grid) -> bool:
    return _has_label(grid, "A1", L.TITLE)  # ``L.TITLE in grid.label("A1")``


def _is_template_sheet(grid: _Grid) -> bool:
    """A sheet in our own template: title in A1, the year as a number in A2 (as ``fill``
    writes it and the template's input cell takes it), and every label exactly where the
    layout puts it. Anything else — the printed official form included — is read by its
    labels (``jixiao.reading``), which also converts 元 and normalises what ours never holds."""
    if not _is_form_sheet(grid):
        return False
    year = grid.raw("A2")
    if (year is not None and not (isinstance(year, int) and not isinstance(year, bool))
            and bare_year(year) is None  # "2023" typed into a text-formatted cell
            and re.sub(r"\s+", "", str(year)) != "（年度）"):  # the blank template's "（    年度）"
        return False
    if not all(_has_label(grid, ref, text) for ref, text in _REQUIRED_LABELS.items()):
        return False
    rows = grid.rows  # a heading as it stands (the cell as calamine gave it) needs neither test (issue #18)
    if any(_cell(rows, r, c) != t and grid.raw(ref) != t and grid.label(ref) != t  # t has no spaces
           for ref, t, r, c in _HEADS_AT):
        return False
    total = grid.total_row()
    return total is not None and not _another_form(grid.rows, total)


def _another_form(rows: list[list[Any]], total: int) -> bool:
    """Does another form start below the 总分 row (1-based ``total``) or right of the template's columns:
    a 项目名称 label, as the label reader anchors a form (``reading.form._anchors``)? A department that
    pastes its forms one under another on one sheet has the first at our template's cells; read by
    position, the sheet gave that one form and the others were lost without a word. Such a sheet is
    read by its labels, which find every form below another and name one set beside another.
    Asked of every template sheet: a few cells' ``in`` tests where nothing follows (issue #18)."""
    wide = bool(rows) and len(rows[0]) > L.MAX_COL   # calamine gives every row the sheet's width
    for i in range(len(rows)) if wide else range(total, len(rows)):
        for v in rows[i] if i >= total else rows[i][L.MAX_COL:]:
            if v.__class__ is str and "称" in v and _is_project_label(v):  # no other code point is 称 in NFKC
                return True
    return False


def _is_project_label(text: str) -> bool:
    from ...reading.grid import norm
    from ...reading.labels import HEAD, label_part

    return HEAD["project"].fullmatch(label_part(norm(text))) is not None


_REQUIRED_LABELS = {"A3": "项目名称", "A4": "主管部门", "E4": "实施单位", "B7": "年度资金总额",
                    "A11": "年度总体目标", "B13": "一级指标"}
assert all(t == "".join(t.split()) for t in (*_REQUIRED_LABELS.values(), L.TITLE))  # ``_has_label`` relies on it


def _has_label(grid: _Grid, ref: str, text: str) -> bool:
    """``text in grid.label(ref)``: a cell whose text holds ``text`` as it stands says so without
    its spaces taken out first (``text`` has none, so taking them out cannot part it; issue #18)."""
    v = _cell(grid.rows, *_rc(ref))
    return (v.__class__ is str and text in v) or text in grid.label(ref)


def _cell(rows: list[list[Any]], r: int, c: int) -> Any:
    """The value at zero-based (r, c) as calamine gave it (None past the end of the sheet)."""
    if r < len(rows):
        row = rows[r]
        if c < len(row):
            return row[c]
    return None


# The column headings a template sheet has exactly (spaces aside), spaces taken out once
_HEADS = {ref: re.sub(r"\s+", "", t) for ref, t in {
    "A6": "项目资金（万元）", "A13": L.IND_HEADERS["A"],
    **{f"{c}{L.ROW_FUND_HEAD}": t for c, t in L.FUND_HEADERS.items() if c in "CDE"},
    **{f"{c}{L.ROW_IND_HEAD}": t for c, t in L.IND_HEADERS.items() if c != "A"}}.items()}
_HEADS_AT = [(ref, t, *_rc(ref)) for ref, t in _HEADS.items()]


# The indicator columns by zero-based index: a form's ~20 indicator rows are read cell by cell
_IND_TEXT = [(f, _rc(f"{c}1")[1]) for f, c in L.IND_COL_OF.items() if f not in L.NUMERIC_IND_FIELDS]
_IND_NUMBERS = [(f, _rc(f"{L.IND_COL_OF[f]}1")[1], L.IND_COL_OF[f], L.IND_HEADERS[L.IND_COL_OF[f]])
                for f in L.NUMERIC_IND_FIELDS]
# The text columns in the order ``read_sheet`` unpacks them
_IND_TEXT_COLS = [dict(_IND_TEXT)[f] for f in ("level1", "level2", "name", "target", "actual", "reason")]
# the texts one cell merged down (or across) over indicator rows is each row's (``sheetform.merged_over``): 年度指标值, 实际完成值,
# 偏差原因
_SHARED_COLS = dict(zip(("target", "actual", "reason"), _IND_TEXT_COLS[3:]))
assert [f for f, *_ in _IND_NUMBERS] == ["weight", "score"] and sorted(dict(_IND_TEXT)) == sorted(
    ("level1", "level2", "name", "target", "actual", "reason"))
# The 项目资金 cells: (row key, [(column key, cell, what a bad value is called)]), built once
_FUND_CELLS = [(key, [(col, f"{L.FUND_COL_OF[col]}{L.FUND_ROW_OF[key]}",
                       f"{L.FUND_LABELS[key]}的{L.FUND_HEADERS[L.FUND_COL_OF[col]]}") for col in FUND_COLS])
               for key in FUND_ROWS]
# The same with each cell's zero-based (row, column), so that ``read_sheet`` needs no address parsed
_FUND_AT = [(key, [(col, *_rc(ref), ref, what) for col, ref, what in cells]) for key, cells in _FUND_CELLS]
_IND_COLS = [c for _, c in _IND_TEXT] + [c for _, c, _, _ in _IND_NUMBERS]
_SCORE_WHAT = _IND_NUMBERS[1][3]   # the 得分 column's name in messages
_IND_SPAN = slice(min(_IND_COLS), max(_IND_COLS) + 1)  # the cells a blank indicator row has blank


_FOOTS: dict[int, dict[str, str]] = {}


def _foot_cells(lay: L.FormLayout) -> dict[str, str]:
    """``lay.foot_cells()``, kept per number of indicator rows (a frozen layout: the same cells;
    a batch's forms have a few different counts; issue #18). Read only: callers never change it."""
    got = _FOOTS.get(lay.rows)
    if got is None:
        got = lay.foot_cells()
        if len(_FOOTS) >= 256:
            _FOOTS.clear()
        _FOOTS[lay.rows] = got
    return got


def read_sheet(grid: _Grid, template: bool = False, merges: Any = None) -> SheetForm:
    """One form of our template; ``template``: ``_is_template_sheet(grid)`` said so, and with it
    that every label is there and the 总分 row too (not looked for again; issue #18). ``merges``: the sheet's
    merged ranges (calamine's), where known: a text merged down over indicator rows is each row's."""
    missing = [] if template else [f"{ref}“{text}”" for ref, text in _REQUIRED_LABELS.items()
                                   if not _has_label(grid, ref, text)]
    total_row = grid.total_row()
    if total_row is None:
        missing.append("“总分”行")
    if missing:
        raise NotAFormError(f"工作表“{grid.sheet}”不是项目支出绩效自评表：缺少标签 " + "、".join(missing),
                            file=grid.file)
    assert total_row is not None  # a sheet without its 总分 row was refused just above
    lay = L.FormLayout(total_row - L.FIRST_IND)

    project = grid.text(L.HEAD_CELLS["project"])
    if is_unfilled(project):  # blank, only spaces, or only “/”, “—”, “无”
        grid.fail(L.HEAD_CELLS["project"], "项目名称为空，请填写批复的项目名称", EXPECT_PROJECT)

    funds: dict[str, Any] = {}
    at, as_number = grid.at, grid.as_number  # ``grid.number(ref, what)``; a number is itself (issue #18)
    for key, cells in _FUND_AT:
        funds[key] = {col: (v if (v := at(r, c)) is None or v.__class__ is int or v.__class__ is float
                            else as_number(v, what, ref, "万元")) for col, r, c, ref, what in cells}

    indicators, rows = [], []
    level1 = level2 = ""
    down = merged_over(merges, _IND_TEXT_COLS[3:], L.FIRST_IND, total_row) if merges else {}
    for i in range(lay.rows):
        r = lay.ind_row(i)
        seg = grid.rows[r - 1][_IND_SPAN] if r <= len(grid.rows) else ()
        if seg.count("") == len(seg):
            continue  # every indicator cell "" (calamine's blank): the row is skipped below anyway (issue #18)
        row = grid.rows[r - 1]
        n = len(row)  # ``grid.at(r - 1, c)`` inlined below
        # text as ``_as_text(_value(v))`` gives it; a non-empty str is itself, without the two calls
        t1, t2, tname, target, actual, reason = [
            ((v if (v := row[c]).__class__ is str and v else _as_text(_value(v))) if c < n else None)
            for c in _IND_TEXT_COLS]
        # weight, then score: a number is itself (``as_number``), anything else goes through it
        weight, score = [(v if (v := _value(row[c]) if c < n else None) is None or v.__class__ is int
                          or v.__class__ is float else _as_points(grid, v, what, f"{letter}{r}", row, n))
                         for _, c, letter, what in _IND_NUMBERS]
        if down:
            target, actual, reason = [v if v is not None or (r, c) not in down else
                                      _as_text(grid.at(down[(r, c)][0] - 1, down[(r, c)][1]))
                                      for v, c in zip((target, actual, reason), _IND_TEXT_COLS[3:])]
        if actual and target and (c := _IND_TEXT_COLS[4]) < n and row[c].__class__ is not str:
            actual = stored_percent(_value(row[c]), target) or actual   # 88% kept by Excel as 0.88
        if weight is None and score is None and all(v is None or is_dash(v)
                                                    for v in (t1, t2, tname, target, actual, reason)):
            continue  # an unused row the filler marked "/" or "—"
        # 一级/二级 merged over several rows are written once: later rows inherit them
        level1 = t1 or level1
        level2 = t2 or level2
        # ``_PREFIX`` needs "指标" in the text; texts are str or None, numbers a number or None, so
        # ``all(v in (None, "") for v in content)`` is the test below (issue #18)
        name = _PREFIX.sub("", tname) if tname and "指标" in tname else (tname or "")
        if not (name or target or actual or reason) and weight is None and score is None:
            continue  # an empty or placeholder row ("指标2：" and nothing else)
        indicators.append({"level1": t1 or level1, "level2": t2 or level2,
                           "name": name, "target": target, "actual": actual,
                           "weight": weight, "score": score, "reason": reason})
        rows.append(r)

    grid.notes.extend(_below_total(grid.rows, total_row))
    foot = _foot_cells(lay)
    data = {
        "form": L.TITLE,
        "year": grid.year(),
        "project": project,
        **{k: grid.text(L.HEAD_CELLS[k]) for k in ("authority", "unit", "leader", "phone")},
        "funds": funds,
        "funds_weight": grid.number("F7", "执行率分值"),
        "exec_rate": grid.raw("G7"),
        "exec_score": grid.number("H7", "执行率得分"),
        "goal_expected": grid.text("B12"),
        "goal_actual": grid.text("F12"),
        "indicators": indicators,
        "total_weight": grid.number(foot["total_weight"], "总分的分值"),
        "total_score": grid.number(foot["total_score"], "总分的得分"),
        **{k: grid.text(foot[k]) for k in ("remark", "unit_leader", "filled_by", "contact")},
        "filled_on": grid.date_text(foot["filled_on"], "填报日期", "filled_on"),
    }
    grid.done(data)
    rate = data["exec_rate"]
    if isinstance(rate, bool):
        data["exec_rate"] = None
    elif rate is not None and not isinstance(rate, (int, float, str)):
        data["exec_rate"] = _as_text(rate)  # a date or time (a cell formatted as one): text, as other layouts read it
    form = parse_form(data, f"{grid.file}#{grid.sheet}")
    shown = grid.raw(foot["grade"])   # the 等级 formula's result, or a grade typed over it
    return SheetForm(grid.file, grid.sheet, form, lay, rows, notes=list(grid.notes),
                     grade_shown=written_grade(shown) if shown.__class__ is str and stated_grade_word(shown) else None,
                     shared=shared_spans(merges, rows, _SHARED_COLS) if down else {})


def _as_points(grid: _Grid, v: Any, what: str, ref: str, row: list[Any], n: int) -> int | float | None:
    """A 分值 or 得分 cell that is no number as calamine gave it (the rare path): a 得分 written “满分”
    beside a numeric 分值 is that 分值, with its X2 note (``sanitize.full_marks_note``); else ``as_number``."""
    if what == _SCORE_WHAT:
        c = _IND_NUMBERS[0][1]
        full = sanitize.full_marks_note(v, _value(row[c]) if c < n else None, what, ref)
        if full is not None:
            grid.notes.append(full)
            return full.number
    return grid.as_number(v, what, ref, POINTS)


def _below_total(rows: list[list[Any]], total: int) -> list[OutsideNote]:
    """X7 notes of the rows below the 总分 row (1-based ``total``) that read as an indicator
    (``reading.outside``): a 填报人 short of rows typed one under the 说明; it was passed over, its 分值
    and 得分 in no total, and the checks said the 满意度指标 was missing while it stood on the sheet."""
    c1, c2, cn, ct, ca = _IND_TEXT_COLS[:5]
    cw, cs = (c for _, c, _, _ in _IND_NUMBERS)
    out = []
    for i, row in enumerate(rows[total:], start=total):
        if len(row) > cs and may_be_indicator(row[c1], row[c2], row[cw]):
            note = outside_note(f"{L.IND_COL_OF['name']}{i + 1}", i + 1, row[c1], row[c2], row[cn], row[ct],
                                row[ca], row[cw], row[cs])
            if note is not None:
                out.append(note)
    return out


def read_rows(rows: list[list[Any]], name: str, sheet: str, result: ReadResult,
              merges: Any = None) -> None:
    """Read one sheet's values (rows from A1) into ``result``: our template by position,
    any other layout by its labels. The Excel add-in reads an open workbook through this."""
    grid = _Grid(rows, name, sheet)
    try:
        if _is_template_sheet(grid):
            result.forms.append(read_sheet(grid, template=True, merges=merges))
        else:
            _read_other_layout(rows, name, sheet, result, merges)
    except JixiaoError as exc:
        result.problems.extend(each_error(exc))


def _read_other_layout(rows: list[list[Any]], name: str, sheet: str, result: ReadResult,
                       merges: Any = None) -> None:
    from ...reading import SheetGrid, read_grid  # the label-anchored reader, on first use (issue #18)

    found, problems = read_grid(SheetGrid(rows, merges, name, sheet))
    for af in found:
        n = len(af.form.indicators)
        result.forms.append(SheetForm(name, sheet, af.form, L.FormLayout(max(L.DEFAULT_ROWS, n)), af.rows,
                                      af.cells, af.notes, af.anchor, af.part, af.stated))
    result.problems.extend(problems)


@dataclass
class Continued:
    """A sheet's forms read with the sheet after it as their 续表 (``read_continued``): the forms and problems
    of the two as one; or, where the two together still lack the last form's 总分 (a table over three pages),
    ``open``: the sheets joined so far, to be read with the next."""

    forms: list[SheetForm] = field(default_factory=list)
    problems: list[JixiaoError] = field(default_factory=list)
    open: Any = None


def read_continued(first: Any, rest: tuple[str, list[list[Any]], Any], file: str) -> Continued | None:
    """The forms of a sheet (``first``: its ``SheetGrid``, or one already joined with a 续表) whose last form
    lacks its 总分 row, read with the sheet after it (``rest``: name, rows, merges) as its 续表
    (``reading.continued``): one form, each field on the cell and sheet it is really on. None where ``rest``
    is no 续表 of it, or the two together are no form either (each is then said as it is, sheet by sheet)."""
    from ...reading import SheetGrid, read_grid
    from ...reading.continued import join

    grid = join(first, SheetGrid(rest[1], rest[2], file, rest[0]))
    if grid is None:
        return None
    found, problems = read_grid(grid)
    if all(type(p) is NotAFormError for p in problems) and any(getattr(p, "runs_on", False) for p in problems):
        return Continued(open=grid)
    if not found and all(type(p) is NotAFormError for p in problems):
        return None
    forms = []
    for af in found:
        n = len(af.form.indicators)
        cells: dict[str, str] = {}
        sheets: dict[str, str] = {}
        for path, at in af.cells.items():
            sheet, cells[path] = grid.place(at)
            if sheet != grid.sheet:
                sheets[path] = sheet
        notes = [_placed_note(grid, note) for note in af.notes]
        rows = [grid.real_row(r - 1) + 1 for r in af.rows]
        forms.append(SheetForm(file, grid.sheet, af.form, L.FormLayout(max(L.DEFAULT_ROWS, n)), rows,
                               cells, notes, grid.place(af.anchor)[1], af.part, af.stated, sheets=sheets))
    return Continued(forms, [_placed_error(grid, p) for p in problems])


def _placed_note(grid: Any, note: Note) -> Note:
    """A note of the reader on the joined grid, on the sheet and cell it is about (``JoinedGrid.place``)."""
    from dataclasses import replace

    if note.cell is None:
        return note
    sheet, cell = grid.place(note.cell)
    return replace(note, cell=cell, message=grid.said(note.message, sheet),
                   sheet=sheet if sheet != grid.sheet else None)


def _placed_error(grid: Any, p: JixiaoError) -> JixiaoError:
    """A cell the form cannot take, named on the joined grid, named where it is."""
    if not isinstance(p, CellError) or not p.cell or p.sheet != grid.sheet:
        return p
    sheet, cell = grid.place(p.cell)
    if (sheet, cell) == (p.sheet, p.cell):
        return p
    out = CellError(grid.said(p.reason, sheet), file=p.file, sheet=sheet, cell=cell, found=p.found,
                    expected=p.expected)
    out.whose = p.whose
    return out


def read_workbook(path: str | Path) -> ReadResult:
    """Every 项目支出绩效自评表 of a workbook, in our template or in another layout.

    Sheets with nothing of a form are passed over; a sheet that looks like a form but
    lacks its labels, or a form with a bad cell, is reported in ``problems`` and the
    others still read."""
    name = guard._show(path)
    result = ReadResult(name)
    for sheet, rows, merges, notes in iter_sheets(path, result.problems):
        start = len(result.forms)
        read_rows(rows, name, sheet, result, merges)
        sanitize.attach(result.forms, start, notes)
    if not result.forms and not result.problems:
        raise NotAFormError(f"{name}：没有找到项目支出绩效自评表（没有工作表带有该表的标签："
                            f"项目名称、年度资金总额、三级指标、总分……）", file=name)
    return result


def read_sheet_rows(rows: list[list[Any]], file: str, sheet: str, merges: Any = None) -> tuple[list[Any], list[Any]] | None:
    """The project kind's reader of one sheet (``FormKind.read_rows``): its forms and problems,
    or None when the sheet holds nothing of a project form."""
    res = ReadResult(file)
    read_rows(rows, file, sheet, res, merges)
    return (res.forms, res.problems) if (res.forms or res.problems) else None
