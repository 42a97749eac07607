"""The merged ranges of a range as Excel gives it in XML Spreadsheet 2003 (``Range.Value(11)``).

Excel's object model has no list of a sheet's merged ranges: asking each cell for its
``MergeArea`` is a COM call a cell (hundreds a form). ``Range.Value(xlRangeValueXMLSpreadsheet)``
gives the whole range in one call, each merged range written once on its top-left cell as
``ss:MergeAcross``/``ss:MergeDown`` (the cells it covers are left out). The add-in's Excel host
(``addin.host.XlwingsHost``) reads them so, for the readers to take a 偏差原因 merged over two
indicator rows as both rows' (``forms.sheetform.merged_over``), as the commands read a file.

Positions as calamine gives them: ((first row, first column), (last row, last column)), 0-based,
counted from the range's top-left cell. A cell's column is its ``ss:Index`` where written, else
the one after the previous cell and the columns it merges across (so Excel writes ``ss:Index`` on
a cell after a gap, as below a range merged down); a row's likewise, ``ss:Span`` rows repeating it.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element, XMLPullParser

__all__ = ["XL_XML_SPREADSHEET", "merged_ranges"]

XL_XML_SPREADSHEET = 11   # XlRangeValueDataType.xlRangeValueXMLSpreadsheet
_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

Merge = tuple[tuple[int, int], tuple[int, int]]


def _int(el: Element, name: str) -> int:
    v = el.get(_SS + name) or el.get(name)
    return int(v) if v else 0


def merged_ranges(text: str) -> list[Merge]:
    """Every range merged over more than one cell in ``text`` (the first table of the XML Spreadsheet)."""
    parser: Any = XMLPullParser(events=("start", "end"))   # only start and end events: each an Element
    parser.feed(_DECLARATION.sub("", text, count=1))   # a str: its declared encoding is not its own
    parser.close()
    out: list[Merge] = []
    row = col = 0   # 1-based: the last row seen, the last column the last cell took
    tables = 0
    for event, el in parser.read_events():
        tag = el.tag
        if tag == _SS + "Table" and event == "start":
            tables += 1
        if tables != 1:
            continue
        if tag == _SS + "Row":
            if event == "start":
                row, col = _int(el, "Index") or row + 1, 0
            else:
                row += _int(el, "Span")
                el.clear()
        elif tag == _SS + "Cell" and event == "start":
            first = _int(el, "Index") or col + 1
            across, down = _int(el, "MergeAcross"), _int(el, "MergeDown")
            if across or down:
                out.append(((row - 1, first - 1), (row - 1 + down, first - 1 + across)))
            col = first + across
        elif tag == _SS + "Table" and event == "end":
            tables += 1
    return out
