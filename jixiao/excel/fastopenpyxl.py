"""openpyxl's reader and writer with their per-cell and per-object overhead taken out (issue #18).

An annotated copy (``review``, ``check --annotate``) opens a department's workbook with
openpyxl and saves it again: ~0.16-0.25 s CPU for a 10-form workbook, ~2 s for a 100-form one.
Most of it is openpyxl doing generic work once per cell or per object. Replaced here, each for
the common case only, everything else going to openpyxl's own function unchanged:

- reading cells (``WorksheetReader.bind_cells``): plain numbers and shared strings without a
  dict per cell and two ``__init__`` per ``Cell``; formulas, dates, booleans, errors, inline
  strings through openpyxl's ``parse_cell``;
- the shared strings: a plain ``<si><t>`` is its text, without ``Text.from_tree``;
- writing cells (``WorksheetWriter.write_rows``): the same ``xmlfile`` calls, in the same order,
  without ``coordinate``/``has_style`` twice/``style_id`` (which hashed the style array) per cell;
- data validations (~30 per form sheet, the same on every sheet): read and written once per
  distinct state, copied after;
- comments: a plain ``<comment>`` element built directly, each VML shape copied from one made
  by openpyxl for the same size;
- a sheet's XML kept in memory instead of a temporary file (same zip member and header).

The saved package is the same byte for byte: ``tests/test_fastopenpyxl.py`` copies workbooks
with and without these and compares every part (and ``benchmarks/annotate_copy.py`` does so for
the county inbox and the corpus). Installed once (``install``), like ``merges.install``, before
a workbook is opened for an edit; ``uninstall`` restores openpyxl's own.

These replace openpyxl internals, so they are installed only on the openpyxl releases the tests
compared them on (``TESTED``); on any other, openpyxl's own code runs (slower, same files).
"""

from __future__ import annotations

import stat
import time
from copy import deepcopy
from io import BytesIO
from types import MethodType
from typing import Any
from zipfile import ZipInfo

from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.cell.text import Text
from openpyxl.comments import shape_writer as _shape_writer
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import get_column_letter
from openpyxl.descriptors.serialisable import Serialisable
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.writer.excel import ExcelWriter
from openpyxl.worksheet import _reader, _writer
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList
from openpyxl.reader import excel as _excel
from openpyxl.xml.constants import SHEET_MAIN_NS, XML_NS
from openpyxl.xml.functions import Element, iterparse, whitespace

from .apply import rc

__all__ = ["TESTED", "install", "installed", "supported", "uninstall"]

ORIGINAL = {
    "bind_cells": _reader.WorksheetReader.bind_cells,
    "write_rows": _writer.WorksheetWriter.write_rows,
    "read_string_table": _excel.read_string_table,
    "write_worksheet": ExcelWriter.write_worksheet,
    "_shape_factory": _shape_writer._shape_factory,
}
_SERIALISABLE_FROM_TREE = Serialisable.__dict__["from_tree"]
_SERIALISABLE_TO_TREE = Serialisable.to_tree
assert "from_tree" not in DataValidationList.__dict__ and "to_tree" not in DataValidation.__dict__
assert "to_tree" not in CommentRecord.__dict__ and CommentRecord.__attrs__ == ("ref", "authorId", "guid", "shapeId")
_VALUE_TAG = _reader.VALUE_TAG
_FORMULA_TAG = _reader.FORMULA_TAG
_SPACE = "{%s}space" % XML_NS
_cast_number = _reader._cast_number

# ----------------------------------------------------------------------------- reading

_SI = "{%s}si" % SHEET_MAIN_NS
_T = "{%s}t" % SHEET_MAIN_NS


def _read_string_table(xml_source: Any) -> list[str]:
    """``openpyxl.reader.strings.read_string_table``: an ``<si>`` holding one plain ``<t>`` is
    its text (what ``Text.from_tree(node).content`` makes of it); any other (runs, phonetic
    text, attributes) goes through ``Text.from_tree`` as before."""
    from openpyxl.cell.text import Text

    strings = []
    for _, node in iterparse(xml_source):
        if node.tag == _SI:
            if len(node) == 1 and not node.attrib and node[0].tag == _T:
                text = node[0].text
                if text is None:
                    text = ""
            else:
                text = Text.from_tree(node).content
            text = text.replace("x005F_", "")
            node.clear()
            strings.append(text)
    return strings


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
            row, column = rc(coordinate)  # a bad address raises there, as in openpyxl
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


# ----------------------------------------------------------------------------- data validations

# A form sheet carries ~30 data validations (the template's input rules), the same on every sheet
# of every workbook made from it; openpyxl reads and writes each through its generic
# ``Serialisable`` machinery (~1.5 ms a sheet both ways). Reading: a list whose XML was read
# before is a fresh copy of the objects read then. Writing: a validation whose state was written
# before is a copy of the element made then. A copy carries only strings, numbers, booleans and
# ``None`` besides the cell ranges, which are copied too; anything else is not memoised.

_SCALARS = (str, int, float, bool, type(None))
_DVL_READ: dict[Any, Any] = {}
_DV_WRITE: dict[Any, Any] = {}
_MEMO_MAX = 512


def _el_key(el: Any) -> tuple[Any, ...]:
    return el.tag, tuple(el.attrib.items()), el.text, tuple(_el_key(c) for c in el)


def _plain_dict(obj: Any, skip: str) -> bool:
    return all(isinstance(v, _SCALARS) for k, v in obj.__dict__.items() if k != skip)


def _ranges_ok(mcr: Any) -> bool:
    return type(mcr) is MultiCellRange and list(mcr.__dict__) == ["ranges"] and all(
        type(r) is CellRange and _plain_dict(r, "") for r in mcr.ranges)


def _clone_ranges(mcr: Any) -> Any:
    new = MultiCellRange.__new__(MultiCellRange)
    ranges = set()
    for r in mcr.ranges:
        c = CellRange.__new__(CellRange)
        c.__dict__.update(r.__dict__)
        ranges.add(c)
    new.__dict__["ranges"] = ranges
    return new


def _clone_dvl(proto: Any) -> Any:
    new = DataValidationList.__new__(DataValidationList)
    new.__dict__.update(proto.__dict__)
    dvs = []
    for dv in proto.dataValidation:
        c = DataValidation.__new__(DataValidation)
        c.__dict__.update(dv.__dict__)
        c.__dict__["sqref"] = _clone_ranges(dv.sqref)
        dvs.append(c)
    new.__dict__["dataValidation"] = dvs
    return new


def _memo_ok(dvl: Any) -> bool:
    return (type(dvl) is DataValidationList and _plain_dict(dvl, "dataValidation")
            and type(dvl.__dict__.get("dataValidation")) is list
            and all(type(dv) is DataValidation and _plain_dict(dv, "sqref") and _ranges_ok(dv.__dict__.get("sqref"))
                    for dv in dvl.dataValidation))


def _dvl_from_tree(cls: Any, node: Any) -> Any:
    if cls is not DataValidationList:
        return _SERIALISABLE_FROM_TREE.__func__(cls, node)
    key = _el_key(node)
    proto = _DVL_READ.get(key)
    if proto is None:
        got = _SERIALISABLE_FROM_TREE.__func__(cls, node)
        if not _memo_ok(got):
            return got
        if len(_DVL_READ) >= _MEMO_MAX:
            _DVL_READ.clear()
        _DVL_READ[key] = proto = _clone_dvl(got)
        return got
    return _clone_dvl(proto)


def _dv_to_tree(self: Any, tagname: Any = None, idx: Any = None, namespace: Any = None) -> Any:
    d = self.__dict__
    sqref = d.get("sqref")
    if type(self) is not DataValidation or not _plain_dict(self, "sqref") or not _ranges_ok(sqref):
        return _SERIALISABLE_TO_TREE(self, tagname, idx, namespace)
    key = (tagname, idx, namespace, tuple((k, v) for k, v in d.items() if k != "sqref"),
           frozenset(tuple(r.__dict__.items()) for r in sqref.ranges))
    el = _DV_WRITE.get(key)
    if el is None:
        el = _SERIALISABLE_TO_TREE(self, tagname, idx, namespace)
        if len(_DV_WRITE) >= _MEMO_MAX:
            _DV_WRITE.clear()
        _DV_WRITE[key] = deepcopy(el)
        return el
    return deepcopy(el)


# ----------------------------------------------------------------------------- comments

def _comment_to_tree(self: Any, tagname: Any = None, idx: Any = None, namespace: Any = None) -> Any:
    """``CommentRecord.to_tree`` (``Serialisable.to_tree``) for a plain comment, as a
    ``CommentSheet`` asks for it: ``<comment ref authorId shapeId><text><t>…</t></text></comment>``,
    the same elements, attributes and ``xml:space``; anything else (a guid, properties, runs,
    phonetic text) by openpyxl's own."""
    d = self.__dict__
    text = d.get("text")
    if (type(self) is not CommentRecord or tagname is not None or idx is not None or namespace is not None
            or d.get("commentPr") is not None or type(text) is not Text or text.r or text.rPh
            or text.phoneticPr is not None):
        return _SERIALISABLE_TO_TREE(self, tagname, idx, namespace)
    attrs = {}
    for name in ("ref", "authorId", "guid", "shapeId"):
        value = getattr(self, name)
        if value is not None:
            attrs[name] = safe_string(value)
    el = Element("comment", attrs)
    body = Element("text")
    if text.t is not None:
        t = Element("t")
        t.text = safe_string(text.t)
        whitespace(t)
        body.append(t)
    el.append(body)
    return el


_SHAPES: dict[tuple[Any, ...], Any] = {}


def _shape_factory(row: int, column: int, height: Any, width: Any) -> Any:
    """``shape_writer._shape_factory``: a comment's VML shape, copied from one made by openpyxl's
    own factory for the same size, with its row and column set (the only other difference).
    The size's type is part of the key: 40 and 40.0 print differently."""
    key = (type(height), height, type(width), width)
    template = _SHAPES.get(key)
    if template is None:
        if len(_SHAPES) >= _MEMO_MAX:
            _SHAPES.clear()
        template = _SHAPES[key] = ORIGINAL["_shape_factory"](0, 0, height, width)
    shape = deepcopy(template)
    client_data = shape[-1]
    client_data[-2].text = str(row)
    client_data[-1].text = str(column)
    return shape


# ----------------------------------------------------------------------------- worksheet parts

def _write_worksheet(self: Any, ws: Any) -> None:
    """``ExcelWriter.write_worksheet`` with the sheet's XML kept in memory: openpyxl wrote each
    sheet to a temporary file, added that file to the package and removed it (~0.3 ms a sheet).
    The member gets what ``ZipFile.write`` recorded for that file: the archive's compression,
    the temporary file's mode (``mkstemp``: 0600) and the time of writing."""
    if self.workbook.write_only:
        return ORIGINAL["write_worksheet"](self, ws)
    ws._drawing = SpreadsheetDrawing()
    ws._drawing.charts = ws._charts
    ws._drawing.images = ws._images
    writer = _writer.WorksheetWriter(ws, out=BytesIO())
    writer.write()
    ws._rels = writer._rels
    zinfo = ZipInfo(ws.path[1:], time.localtime(time.time())[0:6])
    zinfo.external_attr = (stat.S_IFREG | 0o600) << 16
    zinfo.compress_type = self._archive.compression
    zinfo._compresslevel = self._archive.compresslevel  # type: ignore[attr-defined]
    self._archive.writestr(zinfo, writer.out.getvalue())
    self.manifest.append(ws)


# ----------------------------------------------------------------------------- switch

TESTED = ("3.1.5",)  # openpyxl releases whose internals these replacements were compared against


def supported(version: str | None = None) -> bool:
    """Whether ``install`` replaces anything on this openpyxl (or on ``version``)."""
    if version is None:
        import openpyxl

        version = openpyxl.__version__
    return version in TESTED


def install() -> None:
    """Use the faster reader and writer for every workbook this process opens (idempotent);
    nothing on an openpyxl release they were not tested on."""
    if not supported():
        return
    _reader.WorksheetReader.bind_cells = _bind_cells  # type: ignore[method-assign]
    _writer.WorksheetWriter.write_rows = _write_rows  # type: ignore[method-assign]
    _excel.read_string_table = _read_string_table
    DataValidationList.from_tree = classmethod(_dvl_from_tree)  # type: ignore[method-assign,assignment]
    DataValidation.to_tree = _dv_to_tree  # type: ignore[method-assign]
    ExcelWriter.write_worksheet = _write_worksheet  # type: ignore[method-assign]
    CommentRecord.to_tree = _comment_to_tree  # type: ignore[method-assign]
    _shape_writer._shape_factory = _shape_factory


def uninstall() -> None:
    """openpyxl's own reader and writer again (tests compare the two)."""
    _reader.WorksheetReader.bind_cells = ORIGINAL["bind_cells"]  # type: ignore[method-assign]
    _writer.WorksheetWriter.write_rows = ORIGINAL["write_rows"]  # type: ignore[method-assign]
    _excel.read_string_table = ORIGINAL["read_string_table"]
    ExcelWriter.write_worksheet = ORIGINAL["write_worksheet"]  # type: ignore[method-assign]
    _shape_writer._shape_factory = ORIGINAL["_shape_factory"]
    for cls, name in ((DataValidationList, "from_tree"), (DataValidation, "to_tree"), (CommentRecord, "to_tree")):
        if name in cls.__dict__:
            delattr(cls, name)


def installed() -> bool:
    return _reader.WorksheetReader.bind_cells is _bind_cells
