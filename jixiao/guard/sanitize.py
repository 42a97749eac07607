"""Values that cannot break the pipeline (issue #13).

Whatever a cell holds must end as a value the checker can judge and a writer can write:

- control characters (U+0000–U+001F except tab, newline, carriage return; U+FFFE/U+FFFF;
  lone surrogates) cannot be stored in XML, so openpyxl refuses them (IllegalCharacterError)
  and an annotated copy, an import result or a summary would fail. They are removed where a
  cell is read, with a note on the cell, and again as a last guard before any workbook is
  saved;
- NaN, ±inf and absurd magnitudes (1e308) would make the Decimal arithmetic of the scorer
  raise; they become Excel's own ``#NUM!`` so that the reader reports the cell like any
  other non-number where a number belongs;
- error cells (#DIV/0!, #REF!, #NAME?) read as blanks by calamine; the package scan found
  them (``guard``), and here they become their error text on their cell, with a note.

``ReadNote`` is a reader note (``anchored.Note``) that the checker turns into an X2 warning
on its cell and ``import`` lists for checking.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..core.findings import READ_CHANGED
from ..reading.note import Note
from .cleancheck import may_need_cleaning
from .textsafe import CONTROL, clean_text, safe_message  # noqa: F401 (re-exported)

MAX_NUMBER = 1e15          # beyond any amount (万元), count or score a form holds
MAX_TEXT = 32767           # Excel's limit for one cell
READ_RULE = READ_CHANGED  # ``core.findings.READING_CODES``


@dataclass(frozen=True)
class ReadNote(Note):
    """A value the reader had to change to read the cell at all."""


@dataclass(frozen=True)
class TypedRatio(ReadNote):
    """A ratio typed into a cell not formatted as text (“1:10”), which the spreadsheet stored as a time
    (``written``, “01:10:00”), read as the ``ratio`` typed (``reading.time_cells``): the X2 says both."""

    written: str = ""
    ratio: str = ""

    @property
    def typed(self) -> str:
        """How to type it so that it stays as typed: “'1:10 或 1比10”."""
        a, b = self.ratio.split(":")
        return f"文字“{self.ratio}”（键入 '{self.ratio} 或 {a}比{b}）"


@dataclass(frozen=True)
class TextNumber(ReadNote):
    """A number written as text (“6人”, “20000元” in a 万元 cell, “80%” in a cell formatted as text),
    read as ``number``: what 计算 writes into the cell, so that the form's formulas read it too."""

    number: float | int = 0
    written: str = ""

    @property
    def percent(self) -> bool:
        return self.written.strip().endswith(("%", "％"))

    @property
    def shown(self) -> str:
        """The number as the 填报人 meant it: “80%” for a percentage (read as 0.8), else the number."""
        from ..core.numbers import fmt

        return f"{fmt(self.number * 100)}%" if self.percent else fmt(self.number)

    @property
    def number_format(self) -> str:
        """The format the cell gets where it is formatted as text (a number written there through
        Excel's object model would stay text): a percentage as one, else General."""
        if not self.percent:
            return "General"
        return "0%" if abs(self.number * 100 - round(self.number * 100)) < 1e-9 else "0.00%"


def read_findings(item: Any, project: str | None) -> list[Any]:
    """What reading a form (a ``sources.Loaded``) found, as findings on their cells: X2, each cell the
    reader had to change to read at all (control characters, #DIV/0!, NaN, a number written as text), a
    warning; X7, an indicator row below the 总分 row that was not read (``reading.note.OutsideNote``), an error."""
    from ..core.findings import BELOW_TOTAL, Finding, as_said
    from ..reading.note import OutsideNote

    notes = getattr(item.sheet_form, "notes", None) or ()
    # a number written as text: 表中为 the text, 应为 the number, as its message says them
    return [Finding(rule=READ_RULE, severity="warning", field="", message=as_said(n.message), file=item.file,
                    sheet=n.sheet or item.sheet, cell=n.cell, project=project, source=item.source,
                    found=f"{n.written}（文字）" if isinstance(n, TextNumber) else
                    f"{n.written}（时间）" if isinstance(n, TypedRatio) else None,
                    expected=n.shown if isinstance(n, TextNumber) else n.typed if isinstance(n, TypedRatio) else None)
            if isinstance(n, ReadNote) else
            Finding(rule=BELOW_TOTAL, severity="error", field="", message=as_said(n.message), file=item.file,
                    sheet=n.sheet or item.sheet, cell=n.cell, project=project, source=item.source)
            for n in notes if isinstance(n, (ReadNote, OutsideNote))]


# the X2 note of a cell showing an error value (``sanitize``): its text, and how the note says it
_ERROR_NOTE = re.compile(r"单元格是错误值 (#[^（\s]+)（公式无法计算）")
ERROR_FIX = "（公式无法计算），请改正公式或填入数值"


def one_per_error_cell(read: list[Any], found: list[Any]) -> list[Any]:
    """A form's read findings (``read_findings``) and its rules' findings (``found``), with each X2 of a cell
    showing an error value (#VALUE!: a broken formula) taken into a rule's finding on that very cell, which
    then says both what the cell should hold and why it holds none: the rule quotes the error text as the
    value written (C5 “表中为“#VALUE!””), and the 填报人 read two findings, a warning and an error, for one
    cell with one fix. The rule's finding speaks (it names the indicator and what to write), the X2 note is
    inside it (``Finding.folded``): one finding per cell, counted once — by ``jixiao check``, the 校验 button
    and the review alike, which all take a form's findings from here."""
    errors: dict[tuple[Any, Any], tuple[Any, str]] = {}
    for x in read:
        m = _ERROR_NOTE.match(x.message or "") if x.rule == READ_RULE and x.cell else None
        if m:
            errors.setdefault((x.sheet, x.cell), (x, m.group(1)))
    if not errors:
        return [*read, *found]   # most forms
    import dataclasses

    taken: set[int] = set()
    out = []
    for f in found:
        at = errors.get((f.sheet, f.cell))
        if at is not None and id(at[0]) not in taken:
            x, text = at
            quoted = f"表中为“{text}”"
            message = (f.message.replace(quoted, f"表中为错误值 {text}{ERROR_FIX}", 1) if quoted in f.message
                       else f"{f.message}；{x.message}")
            f = dataclasses.replace(f, message=message, folded=f.folded + (x,))
            taken.add(id(x))
        out.append(f)
    return [x for x in read if id(x) not in taken] + out


def number_cell(v: Any, what: str, cell: str, unit: str | None = None,
                note_text: bool = True) -> tuple[int | float | None, str | None, ReadNote | None]:
    """A number cell's value as both readers take it (``parse_number`` in the cell's ``unit``): (the
    number or None, why the cell is no number — for the reader's located error —, the X2 note of a
    number written as text, unless ``note_text`` is off). A dash is the caller's to look at first."""
    from ..core.numbers import NotANumber, parse_number

    try:
        n = parse_number(v, unit)
    except NotANumber:
        return None, f"{what}应为数字，现为“{v}”", None
    said = text_number_note(cell, what, v, n) if note_text and n is not None and isinstance(v, str) else None
    return n, None, said


def number_expected(unit: str | None) -> str:
    """What a cell ``number_cell`` finds no number in should hold (``CellError.expected``): a number, in its unit."""
    return "数字" + (f"（单位：{unit}）" if unit else "")


# A 得分 written as words that can only mean its 分值 (spaces aside)
FULL_MARKS = frozenset({"满分", "得满分", "满分值"})


def full_marks_note(v: Any, weight: Any, what: str, cell: str) -> TextNumber | None:
    """A 得分 written “满分” beside a numeric 分值: read as that 分值, an X2 note that asks for the number
    (and gives it to 计算, which writes it: ``TextNumber``); None for anything else. Both readers refused
    the cell (“得分应为数字，现为“满分””), so the whole form was left out of the 汇总表 for a word whose
    number the row itself states."""
    if v.__class__ is not str or "满" not in v or "".join(v.split()) not in FULL_MARKS:
        return None
    if weight.__class__ is not int and weight.__class__ is not float:
        return None
    from ..core.numbers import fmt

    shown = fmt(weight)
    return TextNumber(cell, f"{what}写作“{v.strip()}”，已按分值 {shown} 读；请填数字 {shown}", number=weight,
                      written=str(v))


def none_count_note(v: Any, what: str, cell: str) -> TextNumber | None:
    """A count of shortcomings (部门整体表的“未按进度下达的专项（个）”……) written as a dash or a word for
    none (“-”, “—”, “无”, “没有”): none of them, read as 0 with an X2 note that asks for the digit (and
    gives it to 计算, which writes it: ``TextNumber``); None for anything else. Read as blank, the row's
    score was “缺少计算数据” beside the “-” the 填报人 had written, and the score formula shows nothing
    until a digit is typed. Only where the count is of things that went wrong: no other figure's dash
    says how much it is."""
    from ..core.numbers import says_nothing

    if v.__class__ is not str or not v.strip() or not says_nothing(v):
        return None
    return TextNumber(cell, f"{what}写作“{v.strip()}”，已按 0 读（没有这样的事项），表中的得分公式不把它算作数字；"
                            "请填数字 0", number=0, written=str(v))


def text_number_note(cell: str, what: str, written: Any, n: float | int) -> TextNumber:
    """A number written as text (“20000元”, “10分”, a number in a cell formatted as text): read as
    ``n``, but the form's own formulas (its sums, 执行率, 得分) and a linked 汇总表 skip text, so
    what prints and what is summed differ from what was meant — the 填报人 is asked to type the
    number, or to let 计算 write it (``actions.calc_plan``). Typed again into a cell formatted as
    text, the digits stay text in Excel and WPS: the cell's format comes first, in the same
    instruction (“常规” or “数值”; “百分比” for a percentage, as ``TextNumber.number_format`` sets it)."""
    bare = TextNumber(cell, "", number=n, written=str(written))
    shown, fmt = bare.shown, "百分比" if bare.percent else "数值"
    return TextNumber(cell, f"{what}“{written}”是文字（或文本格式的数字），表中的公式和汇总表不把它算作数字；"
                            f"已按 {shown} 读，请将单元格格式设为“常规”或“{fmt}”后只填数字 {shown}",
                      number=n, written=str(written))


def _ref(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c + 1)}{r + 1}"


def clean_rows(rows: list[list[Any]], error_cells: dict[tuple[int, int], str] | None = None,
               max_notes: int = 50) -> list[ReadNote]:
    """Make one sheet's values (calamine's rows, 0-based) safe, in place; a note per change."""
    notes: list[ReadNote] = []

    def note(r: int, c: int, msg: str) -> None:
        if len(notes) < max_notes:
            notes.append(ReadNote(_ref(r, c), msg))

    for r, row in enumerate(rows if may_need_cleaning(rows, MAX_TEXT, MAX_NUMBER) else ()):  # else no loop (#18)
        for c, v in enumerate(row):
            if isinstance(v, str):
                if CONTROL.search(v):
                    row[c] = v = clean_text(v)
                    note(r, c, "单元格含有不可见的控制字符，已删除")
                if len(v) > MAX_TEXT:
                    row[c] = v[:MAX_TEXT]
                    note(r, c, f"单元格文字有 {len(v)} 个字符，超过 {MAX_TEXT} 个，只读取了前 {MAX_TEXT} 个")
            elif isinstance(v, float) and not isinstance(v, bool):
                if not math.isfinite(v) or abs(v) > MAX_NUMBER:
                    shown = "NaN" if math.isnan(v) else ("无穷大" if math.isinf(v) else f"{v:g}")
                    row[c] = f"#NUM!（{shown}）"  # a number cell then names it: "应为数字，现为“#NUM!（NaN）”"
                    note(r, c, f"单元格的数值 {shown} 超出自评表可能的范围，按错误值 #NUM! 处理")
            elif isinstance(v, int) and not isinstance(v, bool) and abs(v) > MAX_NUMBER:
                row[c] = f"#NUM!（{v}）"
                note(r, c, f"单元格的数值 {v} 超出自评表可能的范围，按错误值 #NUM! 处理")
    for (r, c), text in sorted((error_cells or {}).items()):
        if r >= len(rows) or r < 0 or c < 0:
            continue
        row = rows[r]
        if c >= len(row):
            continue
        if row[c] in ("", None):
            row[c] = clean_text(text)
        note(r, c, f"单元格是错误值 {clean_text(text)}{ERROR_FIX}")
    return notes


# what Excel shows in a cell whose formula cannot be computed: the seven every version has, which calamine
# (python-calamine 0.9) reads — as blanks, the package scan giving their text (``clean_rows``) — and xlwings 0.37.8
# hands over as text with ``err_to_str`` (``_xlwindows.cell_errors``, ``_xlmac.cell_errors``) …
ENGINE_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))
# … and those of newer Excel (365: a dynamic array's #SPILL!, #CALC!, a data type's #FIELD!, #BLOCKED!, #BUSY!, …),
# which calamine refuses (“Unsupported cell error value”, the whole sheet was “无法读取（文件格式错误或已损坏）”,
# ``engine_readable``) and xlwings hands over as Excel's number for them (``com_errors``)
NEWER_ERRORS = frozenset(("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!", "#CONNECT!", "#UNKNOWN!",
                          "#GETTING_DATA"))
ERROR_TEXTS = ENGINE_ERRORS | NEWER_ERRORS
# Excel's error numbers (VBA ``XlCVError``: xlErrNull 2000 … xlErrCalc 2050; #BUSY! has none documented) as a
# cell's value reaches Python through COM: an ``int`` SCODE, 0x800A0000 plus the number (xlwings' own
# ``cell_errors`` of the seven: #DIV/0! is -2146826281)
_XL_ERRORS = {2000: "#NULL!", 2007: "#DIV/0!", 2015: "#VALUE!", 2023: "#REF!", 2029: "#NAME?", 2036: "#NUM!",
              2042: "#N/A", 2043: "#GETTING_DATA", 2045: "#SPILL!", 2046: "#CONNECT!", 2047: "#BLOCKED!",
              2048: "#UNKNOWN!", 2049: "#FIELD!", 2050: "#CALC!"}
COM_ERRORS = {number - 0x7FF60000: text for number, text in _XL_ERRORS.items()}   # 0x800A0000 as a signed 32-bit int


def com_errors(rows: Any) -> int:
    """Cells of an open workbook's values (``rows``, as xlwings gives them with ``err_to_str``) that show an error
    value xlwings 0.37.8 does not know, written as its text (“#SPILL!”), in place; returns how many.

    xlwings turns the seven older error values into their text and leaves any other as the number COM gives
    (``_xlwindows._clean_value_data_element``: an ``int`` not in its ``cell_errors`` is returned as it is): a
    #SPILL! 实际完成值 read as the number -2146826243, a #CALC! 得分 as a score. A number of a cell reaches
    Python as a ``float``; only an error is an ``int``. Checked against xlwings' source, not in a real Excel."""
    done = 0
    for row in rows if isinstance(rows, list) else ():
        for c, v in enumerate(row if isinstance(row, list) else ()):
            if v.__class__ is int and v in COM_ERRORS:
                row[c] = COM_ERRORS[v]
                done += 1
    return done


def error_texts(rows: list[list[Any]]) -> dict[tuple[int, int], str]:
    """The cells of a sheet's values, as an open workbook gives them, that show an error value (0-based (row, col)
    -> “#VALUE!”): ``error_cells`` of a file found by the package scan, for ``clean_rows`` to note them alike. A
    text typed to read “#N/A” is taken for the error (Excel's object model does not tell them apart)."""
    return {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)
            if v.__class__ is str and v in ERROR_TEXTS}


def attach(forms: list[Any], start: int, notes: list[ReadNote]) -> None:
    """Give the notes of a sheet to the forms read from it (``forms[start:]``)."""
    if not notes:
        return
    for sf in forms[start:]:
        existing = getattr(sf, "notes", None)
        if existing is not None:
            existing.extend(notes)
        else:
            try:
                sf.read_notes = list(notes)
            except AttributeError:
                pass


def clean_workbook(wb: Any) -> int:
    """Last guard before an openpyxl workbook is saved: every string cell and comment made
    writable (an input opened for an annotated copy carries its own cells). Returns the
    number of values changed."""
    changed = 0
    for ws in wb.worksheets:
        if CONTROL.search(ws.title):
            ws.title = clean_text(ws.title) or "Sheet"
            changed += 1
        for cell in list(getattr(ws, "_cells", {}).values()):  # existing cells only (iter_rows creates them)
            v = getattr(cell, "_value", None)
            if isinstance(v, str) and CONTROL.search(v):
                cell._value = clean_text(v)
                changed += 1
            com = getattr(cell, "comment", None)
            if com is not None and (CONTROL.search(com.text or "") or CONTROL.search(com.author or "")):
                com.text, com.author = clean_text(com.text or ""), clean_text(com.author or "")
                changed += 1
    return changed


# an error cell of a sheet part (``guard._ERR``'s shape), its value apart
_ERROR_VALUE = re.compile(rb'(<c\b[^>]*?\bt="e"[^>]*?>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?<v>)([^<]{1,32})(</v>)')


def refuses(error_cells: dict[str, dict[tuple[int, int], str]]) -> bool:
    """Whether a workbook's error cells (``guard.error_cells_of``) hold one calamine cannot read (#SPILL! …)."""
    return any(text not in ENGINE_ERRORS for cells in error_cells.values() for text in cells.values())


def engine_readable(path: Any):
    """An in-memory copy of a workbook package in which each error value calamine refuses (``NEWER_ERRORS``:
    “Unsupported cell error value '#SPILL!'”, the sheet unread) is one it reads, #N/A. The reader reads that as
    a blank and puts back the text the package scan found on the cell (``clean_rows``), so the 填报人 reads
    “表中为错误值 #SPILL!” on the very cell. The input file itself is never touched."""
    import io
    import zipfile

    def known(m: re.Match[bytes]) -> bytes:
        return m.group(0) if m.group(2).decode("ascii", "replace") in ENGINE_ERRORS else m.group(1) + b"#N/A" + m.group(3)

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.lower().endswith(".xml") and b't="e"' in data:
                data = _ERROR_VALUE.sub(known, data)
            zout.writestr(info, data)
    buf.seek(0)
    return buf


_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REF_CONTROL = re.compile(rb"&#(?:x0*(?:[0-8bcef]|1[0-9a-fA-F])|0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]));", re.I)


def cleaned_package(path: Any):
    """An in-memory copy of a workbook package with control characters taken out of its XML.

    calamine reads such a file; openpyxl (the annotated copy, 汇总 into a copy) refuses it as
    invalid XML. The input file itself is never touched. Control bytes never occur inside a
    UTF-8 multi-byte sequence, so removing them bytewise is safe."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.lower().endswith((".xml", ".rels")):
                data = _REF_CONTROL.sub(b"", _RAW_CONTROL.sub(b"", data))
            zout.writestr(info, data)
    buf.seek(0)
    return buf
