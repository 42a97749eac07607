"""One form being read off a sheet: its rows, what it has read so far, and its notes.

The section readers (``header``, ``funds``, ``goals``, ``indicators``, ``footer``) each
take a ``Block`` and fill ``data``/``cells``; this module holds only what they share —
locating a label's value, turning a cell into text or a number (through
``jixiao.core.numbers``), and recording a guess as a ``Note`` with its source cell.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..core.dates import time_only, time_said
from ..core.numbers import POINTS, decimal_of, is_dash
from ..errors import CellError, raise_cell_errors
from ..forms.project.model import FORM_NAME, Form
from .grid import Pos, SheetGrid, as_text, norm, ref
from .labels import inline, is_label, label_part, looks_like_label
from .note import Note


@dataclass
class AnchoredForm:
    """One form found on a sheet: the data, the cell of every field, and the guesses made."""

    form: Form
    cells: dict[str, str]
    rows: list[int]           # 1-based sheet row of each indicator, in order
    notes: list[Note]
    anchor: str               # the cell of its 项目名称 label
    part: int | None = None   # 1-based position when a sheet holds several forms
    stated: dict[str, Any] = field(default_factory=dict)  # written on the form, no field of ``Form`` (grade)


class Block:
    """Rows r0..r1-1 of a sheet holding one form whose 项目名称 label is at ``anchor``."""

    def __init__(self, grid: SheetGrid, anchor: Pos, r0: int, r1: int, year_from: int, part: int | None):
        self.g = grid
        self.anchor = anchor
        self.r0, self.r1 = r0, r1
        self.year_from = year_from
        self.year_beside: int | None = None   # the year of a form to the left (side by side): read when none is above
        self.part = part
        self.cells: dict[str, str] = {}
        self.notes: list[Note] = []
        self.stated: dict[str, Any] = {}   # what the form states beyond ``Form``'s fields (AnchoredForm.stated)
        self.data: dict[str, Any] = {"form": FORM_NAME}
        self.money_unit = "万元"
        # each money row read for a source, with its label and the label's cell, first to last: a source written
        # over several rows (中央资金 | 省级资金 | 县级资金: all 当年财政拨款) is their sum (``funds.read_funds``)
        self.source_rows: dict[str, list[tuple[Pos, str]]] = {}
        self._failed: list[tuple[Pos, CellError]] = []  # cells the form cannot take, raised by ``done``

    def where(self) -> str | None:
        return f"第 {self.part} 张表，{ref(*self.anchor)} 起" if self.part else None

    def note(self, pos: Pos | str | None, message: str, field_: str | None = None) -> None:
        cell = ref(*pos) if isinstance(pos, tuple) else pos
        self.notes.append(Note(cell, message, field_))

    def error(self, pos: Pos, message: str, expected: str | None = None) -> CellError:
        """The error of a cell the form cannot take, with what it holds as read and ``expected``, what to write
        there (``CellError``)."""
        return CellError(message, file=self.g.file, sheet=self.g.sheet, cell=self.g.ref(*pos), found=self.g.raw(*pos),
                         expected=expected)

    def fail(self, pos: Pos, message: str, expected: str | None = None) -> None:
        """A cell the form cannot take: kept, so that the rest of the form is still read, and
        raised with the others by ``done`` — a 填报人 sees every one after one 校验."""
        self._failed.append((pos, self.error(pos, message, expected)))

    def done(self) -> None:
        """Every bad cell of the form at once, top to bottom, before a form is made of it."""
        raise_cell_errors([e for _pos, e in sorted(self._failed, key=lambda t: t[0])], self.data)

    def put(self, key: str, value: Any, pos: Pos | None) -> None:
        self.data[key] = value
        if pos is not None:
            self.cells[key] = self.g.ref(*pos)

    # -- where a label's value is ---------------------------------------------------
    def find(self, pattern: re.Pattern[str], r0: int, r1: int, *, whole: bool = False) -> Pos | None:
        """The first cell in rows r0..r1-1 whose label matches (the text before a colon, or all of it)."""
        for r, c in self.g.cells(r0, r1):
            n = self.g.norm(r, c)
            if pattern.fullmatch(n if whole else label_part(n)):
                return r, c
        return None

    def right_of(self, pos: Pos) -> tuple[Any, Pos]:
        """The value written right of a label: the first non-blank cell after the label's
        merged range that is not another label; blank with the cell just after it if none."""
        g = self.g
        r, c = pos
        c = g.extent(*pos)[1] + 1
        first: Pos | None = None
        while c < g.ncols:
            o = g.origin(r, c)
            first = first or o
            v = g.raw(*o)
            if v is not None:
                # past a blank cell, “项目属性 | 经常性项目” is the next label and its value, not this label's value
                if isinstance(v, str) and (looks_like_label(norm(v)) if o != first else is_label(norm(v))):
                    break
                return v, o
            c = g.extent(*o)[1] + 1
        return None, first or (r, g.extent(*pos)[1] + 1)

    def below(self, pos: Pos) -> tuple[Any, Pos]:
        g = self.g
        r = g.extent(*pos)[0] + 1
        o = g.origin(r, pos[1])
        v = g.raw(*o)
        if isinstance(v, str) and is_label(norm(v)):
            return None, o
        return v, o

    def labelled(self, pos: Pos, *, down: bool = False) -> tuple[Any, Pos]:
        """The value of the label at ``pos``: inline after a colon, right of it, or below it."""
        text = inline(self.g.text(*pos))
        if text is not None:
            return text, pos
        v, at = self.right_of(pos)
        if v is None and down:
            bv, bat = self.below(pos)
            if bv is not None:
                return bv, bat
        return v, at

    # -- what a cell holds ------------------------------------------------------------
    def text_value(self, v: Any, pos: Pos, key: str) -> str | None:
        if isinstance(v, (_dt.date, _dt.datetime)):
            t = as_text(v)
            self.note(pos, f"日期单元格按“{t}”转写", key)
            return t
        if key == "filled_on" and (t := time_only(v)) is not None:   # as the template's reader says it (``date_text``)
            from ..guard.sanitize import ReadNote   # a warning of ``check`` (X2), not only a note of ``import``

            self.notes.append(ReadNote(self.g.ref(*pos), time_said("填报日期", t), key))
        return as_text(v)

    def number_value(self, v: Any, pos: Pos, what: str, key: str | None = None,
                     unit: str | None = None, *, whole: bool = True) -> int | float | None:
        """A cell's value as a number (``parse_number``, in ``unit``); a dash ("—", "/", "无") is
        read as blank with a note; other text is a located error. A number written as text
        (“30分”, “462,500.00”) is read, and said as our template's reader says it (an X2 warning:
        the sheet's own sums skip text) — unless ``v`` is one line of a packed cell (not
        ``whole``), where the cell is text by its nature and its splitting is noted."""
        if v is None:
            return None
        if is_dash(v):
            self.note(self.g.ref(*pos), f"{what}写的是“{v}”，按空白读", key)
            return None
        from ..guard.sanitize import number_cell, number_expected

        n, bad, said = number_cell(v, what, self.g.ref(*pos), unit, note_text=whole)
        if bad:
            self.fail(pos, bad, number_expected(unit))
        elif said:
            self.notes.append(said)
        return n

    def number(self, pos: Pos, what: str, key: str, *, money: bool = False) -> int | float | None:
        """The number in the cell at ``pos``: money (written in 元 is converted to 万元, noted), else
        points (a 分值 or 得分: “95%” there is no number)."""
        v = self.number_value(self.g.raw(*pos), pos, what, key, self.money_unit if money else POINTS)
        if v is not None and money and self.money_unit == "元":
            w = decimal_of(v) / Decimal(10000)
            conv = int(w) if w == w.to_integral_value() else float(w)
            if conv:
                self.note(self.g.ref(*pos), f"{what}：{as_text(v)} 元按 {as_text(conv)} 万元读", key)
            return conv
        return v
