"""Store formula results in an .xlsx written by openpyxl, as a spreadsheet program would.

openpyxl writes every formula with an empty cached value, so a fast reader
(python-calamine) or a viewer that does not recalculate sees nothing there. When the
writer knows the result (it computed the same arithmetic with the formula's Python twin
in ``layout``), this module puts it into ``<v>`` after saving. The workbook is also marked
for a full recalculation on load, so Excel, WPS and LibreOffice compute the formulas
themselves anyway; the cache only serves readers that do not calculate.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """sheet title -> part name (xl/worksheets/sheetN.xml), from workbook.xml and its rels."""
    wb = z.read("xl/workbook.xml").decode("utf-8")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for m in re.finditer(r"<sheet\b([^>]*)/>", wb):
        attrs = m.group(1)
        name = _NAME.search(attrs)  # compiled once: the package scan asks for every workbook (issue #18)
        rid = _RID.search(attrs) or _ID.search(attrs)
        if not name or not rid:
            continue
        target = targets[rid.group(1)].lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        out[_unescape(name.group(1))] = target
    return out


_NAME = re.compile(r'\bname="([^"]*)"')
_RID = re.compile(r'\br:id="([^"]*)"')
_ID = re.compile(r'\bid="([^"]*)"')


def _unescape(s: str) -> str:
    if "&" not in s:  # every entity starts with "&" (issue #18)
        return s
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _format(value: Any) -> tuple[str | None, str]:
    """(t attribute, <v> text) for a cached value."""
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, (int, float)):
        return None, repr(float(value)) if isinstance(value, float) else str(value)
    from xml.sax.saxutils import escape  # not at the top: it imports urllib.request (~9 ms; issue #18)

    return "str", escape(str(value))


def patch_sheet_xml(xml: str, caches: dict[str, Any]) -> str:
    """Fill ``<v></v>`` of the given formula cells with their cached values."""
    if not caches:
        return xml

    def repl(m: re.Match[str]) -> str:
        ref = m.group(2)
        if ref not in caches:
            return m.group(0)
        t, text = _format(caches[ref])
        attrs = m.group(1) + (f' t="{t}"' if t else "")
        return f"<c{attrs}>{m.group(3)}<v>{text}</v></c>"

    return re.sub(r'<c( r="([A-Z]+[0-9]+)"[^>]*?)>(<f>[^<]*</f>)<v\s*/?>(?:</v>)?</c>', repl, xml)


def inject(path: Path, caches_by_sheet: dict[str, dict[str, Any]]) -> None:
    """Rewrite ``path`` in place with the cached values added (used on a temp file only)."""
    if not any(caches_by_sheet.values()):
        return
    src = Path(path)
    tmp = src.with_name(src.name + ".cache")
    try:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            parts = _sheet_parts(zin)
            want = {parts[title]: c for title, c in caches_by_sheet.items() if c and title in parts}
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename in want:
                    data = patch_sheet_xml(data.decode("utf-8"), want[info.filename]).encode("utf-8")
                zout.writestr(info, data)
        tmp.replace(src)
    finally:  # an interrupted write leaves nothing behind
        tmp.unlink(missing_ok=True)
