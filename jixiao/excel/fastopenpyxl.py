"""openpyxl's cell reader and writer with the per-cell overhead taken out (issue #18).

An annotated copy (``review``, ``check --annotate``) opens a department's workbook with
openpyxl and saves it again: ~0.25 s CPU for a 10-form workbook, ~2 s for a 100-form one,
most of it in two loops that run once per cell. openpyxl builds a dict per cell while reading
(``parse_cell``) and a ``Cell`` through two ``__init__``; while writing it asks each cell for
``coordinate``, ``has_style`` (twice) and ``style_id``, which hashes the cell's whole style
array to find its index in the workbook's style list.

The replacements below do the same work with fewer steps, for the common cells only (plain
numbers and strings, ``Cell`` objects); every other cell (formulas, dates, booleans, errors,
inline or rich text, merged cells) goes through openpyxl's own function unchanged. They issue
the very same XML calls in the same order, so the saved package is the same byte for byte:
``tests/test_fastopenpyxl.py`` saves workbooks with and without them and compares every part.

Installed once (``install``), like ``merges.install``, before a workbook is opened for an edit.
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet import _reader, _writer
from openpyxl.xml.constants import XML_NS
from openpyxl.xml.functions import Element

__all__ = ["install", "uninstall", "installed"]

ORIGINAL = {
    "bind_cells": _reader.WorksheetReader.bind_cells,
    "write_rows": _writer.WorksheetWriter.write_rows,
}
_VALUE_TAG = _reader.VALUE_TAG
_FORMULA_TAG = _reader.FORMULA_TAG
_SPACE = "{%s}space" % XML_NS
_cast_number = _reader._cast_number

_COORDS: dict[str, tuple[int, int]] = {}  # "B7" -> (7, 2): the same few hundred addresses on every form sheet


def _coord(coordinate: str) -> tuple[int, int]:
    got = _COORDS.get(coordinate)
    if got is None:
        got = coordinate_to_tuple(coordinate)  # a bad address raises here, as in openpyxl
        if len(_COORDS) > 200_000:
            _COORDS.clear()
        _COORDS[coordinate] = got
    return got


# ----------------------------------------------------------------------------- reading

def _parse_cell(parser: Any, element: Any) -> tuple[Any, ...]:
    """``WorkSheetParser.parse_cell`` as a tuple (row, column, value, data_type, style_id).

    A number or shared string without a formula is read here; anything else (a formula, a
    date-formatted number, a boolean, an error, an inline string, a cell without an address)
    by openpyxl's own ``parse_cell``."""
    data_type = element.get("t", "n")
    coordinate = element.get("r")
    if coordinate and (data_type == "n" or data_type == "s") and (
            parser.data_only or element.find(_FORMULA_TAG) is None):
        style_id = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        if data_type == "s" or style_id not in parser.date_formats:
            value = element.findtext(_VALUE_TAG, None) or None
            row, column = _coord(coordinate)
            parser.col_counter = column
            if value is not None:
                if data_type == "n":
                    value = _cast_number(value)
                else:
                    value = parser.shared_strings[int(value)]
            return row, column, value, data_type, style_id
    d = _reader.WorkSheetParser.parse_cell(parser, element)
    return d["row"], d["column"], d["value"], d["data_type"], d["style_id"]


def _parse_row(parser: Any, row: Any) -> tuple[int, list[tuple[Any, ...]]]:
    """``WorkSheetParser.parse_row`` with the cells as tuples (``_parse_cell``)."""
    attrs = dict(row.attrib)
    if "r" in attrs:
        try:
            parser.row_counter = int(attrs["r"])
        except ValueError:
            val = float(attrs["r"])
            if val.is_integer():
                parser.row_counter = int(val)
            else:
                raise ValueError(f"{attrs['r']} is not a valid row number") from None
    else:
        parser.row_counter += 1
    parser.col_counter = 0
    keys = {k for k in attrs if not k.startswith("{")}
    if keys - {"r", "spans"}:
        parser.row_dimensions[str(parser.row_counter)] = attrs
    return parser.row_counter, [_parse_cell(parser, el) for el in row]


def _bind_cells(self: Any) -> None:
    """``WorksheetReader.bind_cells``: the same cells, made without a dict and two ``__init__``
    each. Only this reader's parser reads rows as tuples (read-only worksheets keep theirs)."""
    parser = self.parser
    parser.parse_row = MethodType(_parse_row, parser)
    ws = self.ws
    styles = ws.parent._cell_styles
    cells = ws._cells
    new = Cell.__new__
    for _idx, row in parser.parse():
        for r, c, value, data_type, style_id in row:
            cell = new(Cell)
            cell.parent = ws
            cell._style = StyleArray(styles[style_id])
            cell.row = r
            cell.column = c
            cell._value = value
            cell._hyperlink = None
            cell.data_type = data_type
            cell._comment = None
            cells[(r, c)] = cell
    if ws._cells:
        ws._current_row = ws.max_row


# ----------------------------------------------------------------------------- writing

def _write_rows(self: Any) -> None:
    """``WorksheetWriter.write_rows`` with ``_write_row``; the style index of each distinct
    style array is looked up once per sheet."""
    xf = self.xf.send(True)
    ids: dict[bytes, int] = {}
    with xf.element("sheetData"):
        for row_idx, row in self.rows():
            _write_row(self, xf, row, row_idx, ids)
    self.xf.send(None)


def _write_row(self: Any, xf: Any, row: list[Any], row_idx: int, ids: dict[bytes, int]) -> None:
    """``WorksheetWriter.write_row`` with ``lxml_write_cell`` inlined for plain numbers and strings."""
    attrs = {"r": f"{row_idx}"}
    ws = self.ws
    attrs.update(ws.row_dimensions.get(row_idx, {}))
    cell_styles = ws.parent._cell_styles
    write_cell = _writer.write_cell
    with xf.element("row", attrs):
        for cell in row:
            if cell._comment is not None:
                ws._comments.append(CommentRecord.from_cell(cell))
            data_type = cell.data_type
            if type(cell) is not Cell or (data_type != "n" and data_type != "s"):
                if cell._value is None and not cell.has_style and not cell._comment:
                    continue
                write_cell(xf, ws, cell, cell.has_style)
                continue
            style = cell._style
            styled = style is not None and any(style)
            value = cell._value
            if value is None and not styled and not cell._comment:
                continue
            attributes = {"r": f"{get_column_letter(cell.column)}{cell.row}"}
            if styled:
                key = style.tobytes()
                sid = ids.get(key)
                if sid is None:
                    sid = ids[key] = cell_styles.add(style)
                attributes["s"] = f"{sid}"
            attributes["t"] = "inlineStr" if data_type == "s" else data_type
            if cell._hyperlink:
                ws._hyperlinks.append(cell._hyperlink)
            if value == "" or value is None:
                with xf.element("c", attributes):
                    continue
            with xf.element("c", attributes):
                if data_type == "s":
                    if isinstance(value, CellRichText):
                        xf.write(value.to_tree())
                    else:
                        with xf.element("is"):
                            if isinstance(value, str):
                                space = {}
                                if value != value.strip():
                                    space[_SPACE] = "preserve"
                                el = Element("t", space)
                                el.text = value
                                xf.write(el)
                else:
                    with xf.element("v"):
                        xf.write(safe_string(value))


# ----------------------------------------------------------------------------- switch

def install() -> None:
    """Use the faster reader and writer for every workbook this process opens (idempotent)."""
    _reader.WorksheetReader.bind_cells = _bind_cells  # type: ignore[method-assign]
    _writer.WorksheetWriter.write_rows = _write_rows  # type: ignore[method-assign]


def uninstall() -> None:
    """openpyxl's own reader and writer again (tests compare the two)."""
    _reader.WorksheetReader.bind_cells = ORIGINAL["bind_cells"]  # type: ignore[method-assign]
    _writer.WorksheetWriter.write_rows = ORIGINAL["write_rows"]  # type: ignore[method-assign]


def installed() -> bool:
    return _reader.WorksheetReader.bind_cells is _bind_cells
