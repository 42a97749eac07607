"""Store formula results in an .xlsx written by openpyxl, as a spreadsheet program would.

openpyxl writes every formula with an empty cached value, so a fast reader
(python-calamine) or a viewer that does not recalculate sees nothing there. When the
writer knows the result (it computed the same arithmetic with the formula's Python twin
in ``layout``), this module puts it into ``<v>`` after saving. The workbook is also marked
for a full recalculation on load, so Excel, WPS and LibreOffice compute the formulas
themselves anyway; the cache only serves readers that do not calculate.

A workbook opened with openpyxl and saved again (the linked 汇总表 in the forms' own workbook,
``calc``'s copy, a marked copy) loses the results the spreadsheet program had stored, though
nothing changed them. ``StoredResults`` reads them from the input before the edit and gives
back the ones the edit leaves right, to be put in again the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection

from ..core.lazyre import lazy

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


@dataclass(frozen=True)
class Stored:
    """A formula result as a spreadsheet program stored it: the cell's ``t`` and its ``<v>`` text
    (unescaped), put back unchanged (Excel's 17 digits stay 17 digits)."""

    t: str | None
    text: str

    @property
    def value(self) -> Any:
        """The result as a cell value: a number, True/False, a text or an error's text (“#N/A”)."""
        if self.t in ("str", "e"):
            return self.text
        if self.t == "b":
            return self.text.strip() == "1"
        try:
            return int(self.text)
        except ValueError:
            try:
                return float(self.text)
            except ValueError:
                return self.text


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_KEEP_T = {None, "n", "b", "e", "str"}  # "s"/"inlineStr" point into parts openpyxl writes anew


def _formula_cells(data: bytes) -> dict[str, tuple[Stored, str]]:
    """ref -> (stored result, formula text) of every formula cell of a sheet part that has one;
    a shared formula's cells carry the text of its first cell (for the references it names).
    Raises ``ParseError`` for a part that is not well-formed XML."""
    got = _formula_cells_fast(data)
    return got if got is not None else _formula_cells_tree(data)


def _formula_cells_tree(data: bytes) -> dict[str, tuple[Stored, str]]:
    """``_formula_cells`` by ElementTree: every element of the part built (~0.6 ms a 28 KB sheet)."""
    import io
    from xml.etree.ElementTree import iterparse

    out: dict[str, tuple[Stored, str]] = {}
    shared: dict[str, str] = {}
    for _ev, el in iterparse(io.BytesIO(data)):
        if el.tag != _MAIN + "c":
            if el.tag == _MAIN + "row":
                el.clear()
            continue
        f, v = el.find(_MAIN + "f"), el.find(_MAIN + "v")
        ref, t = el.get("r"), el.get("t")
        if f is not None:
            text = f.text or ""
            si = f.get("si")
            if si is not None:
                text = shared.setdefault(si, text) if text else shared.get(si, "")
            if ref and v is not None and v.text is not None and t in _KEEP_T:
                out[ref] = (Stored(None if t == "n" else t, v.text), text)
        el.clear()
    return out


# The fast reading (issue #18): a form sheet holds ~350 cells, ~5 of them formulas, and building
# every element took ~0.6 ms a sheet, 60 ms a 100-form workbook. Here expat finds the whole part
# well-formed (building nothing: ~0.15 ms a sheet, a damaged part raises as before) and only the
# cells around each ``<f>`` are looked at, by pattern. It answers only a part written the plain
# way and says None for anything else, which ElementTree then reads: another encoding, a comment,
# CDATA or a DOCTYPE (``<!``), a namespace declared below the root or the main one not the
# root's default, a formula cell of another shape (``<f>`` after ``<v>``, an inline string,
# anything between the cell's elements but blanks).
# (compiled where first used, ``lazyre``: a check reads no stored results and compiled them for nothing)
_MAIN_URI = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ATTRS = rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*"""
_PLAIN_HEAD = lazy(rb'(?:\xef\xbb\xbf)?(?:<\?xml(?:\s+(?:version|standalone)\s*=\s*(?:"[^"]*"|\'[^\']*\'))*'
                   rb'(?:\s+encoding\s*=\s*["\'](?i:utf-8)["\'])?'
                   rb'(?:\s+(?:version|standalone)\s*=\s*(?:"[^"]*"|\'[^\']*\'))*\s*\?>)?\s*<worksheet' + _ATTRS + rb'/?>')
_F_TAG = lazy(rb"<f[\s/>]")
_PREFIX_DECL = lazy(rb"""xmlns:[^\s=]+\s*=\s*("[^"]*"|'[^']*')""")
_FORMULA_CELL = lazy(
    rb"<c" + _ATTRS + rb">\s*"                                 # the cell and its attributes
    rb"<f" + _ATTRS + rb"(?:/>|>([^<]*)</f\s*>)\s*"           # its formula: attributes, text
    rb"(?:<v\s*/>\s*|<v\s*>([^<]*)</v\s*>\s*)?"              # its stored result, if any
    rb"</c\s*>")
_ATTR = lazy(rb"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = lazy(r"&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));")
_ENTITY = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _text(raw: bytes) -> str:
    """An element's text as an XML parser gives it: line ends made \\n, references replaced."""
    s = raw.decode("utf-8")
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in s:
        s = _REF.sub(_reference, s)
    return s


def _reference(m: re.Match[str]) -> str:
    if m.group(1):
        return _ENTITY[m.group(1)]
    return chr(int(m.group(2), 10) if m.group(2) else int(m.group(3), 16))


def _attrs(raw: bytes) -> dict[str, str]:
    """The unprefixed attributes of a start tag, their values as an XML parser gives them."""
    out = {}
    for m in _ATTR.finditer(raw):
        value = m.group(2) if m.group(2) is not None else m.group(3)
        s = value.decode("utf-8")
        if "\r" in s or "\n" in s or "\t" in s:
            s = s.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
        out[m.group(1).decode("utf-8")] = _text(s.encode("utf-8")) if "&" in s else s
    return out


def _plain(data: bytes) -> bool:
    """Whether a sheet part is written the plain way the patterns below read (see above)."""
    head = _PLAIN_HEAD.match(data)
    if (head is None or b"<!" in data or b'xmlns="' + _MAIN_URI + b'"' not in head.group(1)
            or head.group(1).count(_MAIN_URI) != 1):
        return False  # the main namespace the root's default, under no prefix there
    at = head.end()
    while (at := data.find(b"xmlns", at)) >= 0:  # below the root: prefixes for other namespaces only
        decl = _PREFIX_DECL.match(data, at)
        if decl is None or b"&" in decl.group(1) or decl.group(1)[1:-1] == _MAIN_URI:
            return False
        at = decl.end()
    return True


def _formula_cells_fast(data: bytes) -> dict[str, tuple[Stored, str]] | None:
    """``_formula_cells`` of a part written the plain way; None where it cannot say it exactly."""
    from xml.parsers import expat

    if not _plain(data):
        return None
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as exc:  # as ElementTree says it
        from xml.etree.ElementTree import ParseError

        raise ParseError(str(exc)) from None
    try:
        return _cells_by_pattern(data)
    except UnicodeError:
        return None


def _each_formula(data: bytes) -> list[tuple[dict[str, str], dict[str, str], re.Match[bytes]]] | None:
    """Each ``<f>`` of a well-formed part with no ``<!``, looked at where it stands: (its cell's attributes,
    its own, the cell's match of ``_FORMULA_CELL``); None at the first one of another shape."""
    out = []
    for tag in _F_TAG.finditer(data):
        m = _FORMULA_CELL.match(data, data.rfind(b"<", 0, tag.start()))
        if m is None or m.start(2) != tag.start() + 2:  # not the cell this <f> opens
            return None
        out.append((_attrs(m.group(1)), _attrs(m.group(2)), m))
    return out


def _cells_by_pattern(data: bytes) -> dict[str, tuple[Stored, str]] | None:
    """The formula cells of a well-formed part with no ``<!``: each ``<f>`` looked at where it
    stands, in the cell it must open; None at the first one of another shape."""
    found = _each_formula(data)
    if found is None:
        return None
    out: dict[str, tuple[Stored, str]] = {}
    shared: dict[str, str] = {}
    for cell, f, m in found:
        text = _text(m.group(3)) if m.group(3) else ""
        si = f.get("si")
        if si is not None:
            text = shared.setdefault(si, text) if text else shared.get(si, "")
        ref, t = cell.get("r"), cell.get("t")
        if ref and m.group(4) and t in _KEEP_T:
            out[ref] = (Stored(None if t == "n" else t, _text(m.group(4))), text)
    return out


class Package:
    """A workbook's package read once for several ``formula_texts`` calls: its bytes, the zip's
    directory and the sheet parts. Why: rules ask sheet by sheet (one form per sheet), and opening the
    zip and reading workbook.xml and its rels again for each was ~60 % of each look-up (issue #18).
    The bytes are held, not an open file: nothing keeps the workbook locked (Excel saving it on Windows)."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._parts: dict[str, str] | None = None

    def zip(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(Path(self.path).read_bytes()))
        return self._zip

    def parts(self) -> dict[str, str]:
        if self._parts is None:
            self._parts = _sheet_parts(self.zip())
        return self._parts

    def holds_formula(self, sheet: str, ref: str) -> bool | None:
        """Whether cell ``ref`` of ``sheet`` holds a formula (a shared one's cell too), by pattern from the
        sheet's part; None where this cannot say (a part not written the plain way, a damaged package):
        the caller reads the sheet's formulas instead. Why apart from ``formula_texts``: a rule asks only
        this of one cell, and parsing the whole part to check it well-formed (for exact formula texts)
        was half of each look-up (issue #18); a part calamine has read is well-formed anyway."""
        from ..guard import scanned_sheet_xml

        data = scanned_sheet_xml(self.path, sheet)  # the scan just inflated it (issue #18)
        if data is None:
            try:
                part = self.parts().get(sheet)
                if part is None:
                    return False
                data = self.zip().read(part)
            except _UNREADABLE:
                return None
        if not _plain(data):
            return None
        tag_end = _cell_tag_end(data, ref.encode("ascii", "replace"))
        if tag_end < 0 or data[tag_end - 2:tag_end] == b"/>":
            return False
        end = data.find(b"</c>", tag_end)
        return _FORMULA_TAG.search(data, tag_end, end if end >= 0 else len(data)) is not None


def _cell_tag_end(data: bytes, ref: bytes) -> int:
    """Where the first ``<c …>`` start tag whose ``r`` attribute is ``ref`` ends (just past its
    “>”), or -1: what ``re.search(rb'<c\\s(?:[^>]*?\\s)?r="REF"[^>]*>', data)`` finds, by ``find``.
    Why: that pattern tries a match at every byte of a 30 KB part, ~0.7 ms a look-up, asked once
    for about a third of the forms; ``find`` is ~100× faster (issue #18)."""
    needle = b'r="' + ref + b'"'
    at = data.find(needle)
    while at >= 0:
        if at > 0 and data[at - 1:at].isspace():
            lt = data.rfind(b"<", 0, at)
            if (lt >= 0 and data[lt + 1:lt + 2] == b"c" and data[lt + 2:lt + 3].isspace()
                    and data.find(b">", lt, at) < 0):
                gt = data.find(b">", at + len(needle))
                return -1 if gt < 0 else gt + 1
        at = data.find(needle, at + 1)
    return -1


_FORMULA_TAG = re.compile(rb"<f[\s/>]")   # not <family> of a rich text's run


def formula_texts(path: str | Path, sheets: Collection[str], package: Package | None = None
                  ) -> dict[str, dict[str, str] | None]:
    """Each of ``sheets``' formulas, cell reference -> formula text as openpyxl gives a cell's value
    (“=SUM(F7,G14:G33)”), read from the sheet's part by pattern; None for a sheet this cannot say exactly
    (a shared formula, whose cells openpyxl translates; a part not written the plain way, or not
    well-formed; a formula cell of another shape), which the caller reads with openpyxl; {} for a sheet
    the workbook does not have. Raises what reading a damaged package raises (``_UNREADABLE``).

    Why: loading a 100-form workbook with openpyxl (read-only) to look at one sheet's 总分 formulas
    took ~0.4 s — its shared strings and styles read whole each time — and a batch asked it for every
    form whose 总分 the rows do not add up to: ~7× the CPU of a whole ``check`` (issue #18).
    ``package``: the workbook read once for several calls (``Package``); else it is opened for this one."""
    if package is None:
        package = Package(path)
    return _formula_texts(package, sheets)


def _formula_texts(package: Package, sheets: Collection[str]) -> dict[str, dict[str, str] | None]:
    """``formula_texts`` of the workbook ``package`` holds."""
    from xml.parsers import expat

    out: dict[str, dict[str, str] | None] = {}
    z, parts = package.zip(), package.parts()
    for sheet in sheets:
        part = parts.get(sheet)
        if part is None:
            out[sheet] = {}
            continue
        data = z.read(part)
        got: dict[str, str] | None = None
        if _plain(data):
            try:
                expat.ParserCreate().Parse(data, True)
                got = _texts_by_pattern(data)
            except (expat.ExpatError, UnicodeError):
                got = None
        out[sheet] = got
    return out


def _texts_by_pattern(data: bytes) -> dict[str, str] | None:
    """``formula_texts`` of one well-formed plain part; None at a shared formula or a cell of another shape."""
    found = _each_formula(data)
    if found is None:
        return None
    out: dict[str, str] = {}
    for cell, f, m in found:
        if "si" in f or f.get("t", "normal") not in ("normal", "array") or not cell.get("r"):
            return None
        out[cell["r"]] = "=" + (_text(m.group(3)) if m.group(3) else "")
    return out


@dataclass
class StoredResults:
    """The formula results stored in an input workbook, per sheet, with the formulas' text, and
    the workbook's defined names (name -> what it refers to)."""

    sheets: dict[str, dict[str, tuple[Stored, str]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def value(self, sheet: str, ref: str) -> Any:
        """The result ``sheet``!``ref`` stored, as a cell value; None where it stored none."""
        got = self.sheets.get(sheet, {}).get(ref)
        return got[0].value if got else None

    def after(self, changed: set[str], restated: Collection[str] = (),
              results: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
        """sheet -> {cell: result} to store in a copy after edits: the stored results still right (``kept`` of the
        sheets ``changed``), on a sheet ``restated`` (only formulas rewritten that nothing else on it reads) its own
        stored results too, and over them the ``results`` the edits bring (``Plan.results``)."""
        out = self.kept(changed)
        for title in restated:
            out[title] = {ref: st for ref, (st, _formula) in self.sheets.get(title, {}).items()}
        for title, cells in (results or {}).items():
            out[title] = {**out.get(title, {}), **cells}
        return out

    def kept(self, changed: set[str]) -> dict[str, dict[str, Any]]:
        """sheet -> {cell: stored result} still right after the values of the sheets ``changed``
        were edited, or the sheets written anew or removed: none on those sheets, none of a
        formula reading one of them (``formula_refs``: itself, through a defined name), none of a
        formula making references of text (INDIRECT, OFFSET), and, in turn, none of a formula that
        may read a cell whose result goes (=N(F3)/E3 beside an E3 that reads a changed form, on a
        sheet with such a cell; the 汇总表's =SUM('项目明细'!E3:E6), on a sheet reading that one).
        Those are left without a result, as openpyxl writes them; the program opening the file
        recalculates everything anyway."""
        from .formula_refs import Readers, may_read_own_sheet

        gone: dict[str, set[str]] = {title: set() for title in self.sheets}  # sheet -> cells whose result goes
        touched: set[str] = set()  # sheets with such a cell: a formula may read it, by its own sheet's name or none
        while changed:
            readers = Readers(changed | touched, self.names)
            more = False
            for title, cells in self.sheets.items():
                if title in changed:
                    continue
                for ref, (_st, formula) in cells.items():
                    if ref not in gone[title] and (readers.reads(formula) or _BY_TEXT.search(formula) or (
                            title in touched and may_read_own_sheet(formula))):
                        gone[title].add(ref)
                        touched.add(title)
                        more = True
            if not more:
                break
        return {title: {ref: st for ref, (st, _formula) in cells.items() if ref not in gone[title]}
                for title, cells in self.sheets.items() if title not in changed}


_BY_TEXT = re.compile(r"(?:INDIRECT|OFFSET)\(", re.IGNORECASE)  # a reference made of text: to any sheet

# what reading a damaged package raises (a truncated or corrupt part, an unknown compression method)
_UNREADABLE = (OSError, KeyError, ValueError, EOFError, RuntimeError, NotImplementedError, zipfile.BadZipFile,
               zlib.error)


def stored_results(path: Path) -> StoredResults:
    """The formula results ``path`` stores (an .xlsx/.xlsm a spreadsheet program saved). A part
    that cannot be read adds nothing: its cells are written without results, as before."""
    from xml.etree.ElementTree import ParseError

    out = StoredResults()
    try:
        with zipfile.ZipFile(path) as z:
            parts = _sheet_parts(z)
            wb = z.read("xl/workbook.xml").decode("utf-8", "replace")
            for m in re.finditer(r"<(?:\w+:)?definedName\b([^>]*)>([^<]*)<", wb):
                name = _NAME.search(m.group(1))
                if name:
                    out.names[_unescape(name.group(1))] = _unescape(m.group(2))
            for title, part in parts.items():
                try:
                    out.sheets[title] = _formula_cells(z.read(part))
                except _UNREADABLE + (ParseError,):  # that sheet's cells get no result, the others theirs
                    continue
    except _UNREADABLE:  # a package openpyxl opened: read again here only for the results, nothing to report
        return StoredResults()
    return out


def _format(value: Any) -> tuple[str | None, str]:
    """(t attribute, <v> text) for a cached value."""
    if isinstance(value, Stored):
        from xml.sax.saxutils import escape

        return value.t, escape(value.text)
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, (int, float)):
        return None, repr(float(value)) if isinstance(value, float) else str(value)
    from xml.sax.saxutils import escape  # not at the top: it imports urllib.request (~9 ms; issue #18)

    return "str", escape(str(value))


_PATCHED = re.compile(rb'<c( r="([A-Z]+[0-9]+)"[^>]*?)>(<f>[^<]*</f>)<v\s*/?>(?:</v>)?</c>')


def patch_sheet_part(xml: bytes, caches: dict[str, Any]) -> bytes:
    """Fill ``<v></v>`` of the given formula cells of a sheet part (UTF-8, as openpyxl writes it:
    ``<c r="B3" s="4"><f>…</f><v></v></c>``) with their cached values. Looked for from each
    ``<f>``, not over every ``<c>`` of the sheet, and the part not decoded (issue #18)."""
    if not caches:
        return xml
    out: list[bytes] = []
    done = at = 0
    while (at := xml.find(b"<f>", at)) >= 0:
        start = xml.rfind(b"<c ", done, at)
        m = _PATCHED.match(xml, start) if start >= 0 else None
        if m is not None and m.start(3) == at:
            ref = m.group(2).decode("ascii")
            if ref in caches:
                t, text = _format(caches[ref])
                attrs = m.group(1) + (f' t="{t}"'.encode() if t else b"")
                out += [xml[done:start], b"<c", attrs, b">", m.group(3), b"<v>", text.encode("utf-8"), b"</v></c>"]
                done = m.end()
        at += 3
    out.append(xml[done:])
    return b"".join(out)


def save_with_results(wb: Any, path: Path, caches_by_sheet: dict[str, dict[str, Any]] | None = None,
                      application: str | None = None) -> None:
    """``wb.save(path)`` (an openpyxl workbook), the cached values of ``caches_by_sheet`` put
    into each sheet part as openpyxl adds it to the package. (Rewriting the saved package after,
    as ``inject`` does, inflates and deflates every part again: ~100 ms a 100-form workbook, #18.)
    openpyxl names the n-th worksheet's part xl/worksheets/sheet{n}.xml; the saved workbook.xml
    is read to be sure, and where it says otherwise the workbook is saved again and ``inject``ed.
    ``application``: the file's “应用程序” property (docProps/app.xml) in place of openpyxl's own
    “Microsoft Excel Compatible / Openpyxl 3.1.5” (the 定稿 copy a department sends), without openpyxl's
    version as the application's (AppVersion, optional in the part)."""
    want = {title: c for title, c in (caches_by_sheet or {}).items() if c}
    if (not want and application is None) or wb.read_only or wb.write_only:
        wb.save(path)
        inject(path, want)
        return
    import datetime

    from openpyxl.writer.excel import ExcelWriter

    titles = [ws.title for ws in wb.worksheets]
    archive = _WithResults(path, {f"xl/worksheets/sheet{n}.xml": want[t] for n, t in enumerate(titles, 1) if t in want},
                           application)
    try:  # as openpyxl's save_workbook, with this archive — but the 定稿's times (``application``) as its caller set
        # them: ``finalize`` writes 创建时间 = 修改时间, the mark of a copy no program has saved since
        # (``marker.untouched_output``); stamped again here, a save that began in the next second (a loaded
        # machine) made the rerun refuse its own 定稿 as “edited since”
        if application is None:
            wb.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
        ExcelWriter(wb, archive).save()
    finally:
        archive.close()
    with zipfile.ZipFile(path) as z:
        parts = _sheet_parts(z)
    if archive.left or any(parts.get(t) != f"xl/worksheets/sheet{n}.xml" for n, t in enumerate(titles, 1) if t in want):
        wb.save(path)
        inject(path, want)


class _WithResults(zipfile.ZipFile):
    """A package being written, the given sheet parts patched (``patch_sheet_part``) as they come."""

    def __init__(self, path: Path, want: dict[str, dict[str, Any]], application: str | None = None) -> None:
        super().__init__(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.left = dict(want)  # part name -> caches, until the part is written
        self.application = application

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None,
                 compresslevel: Any = None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        caches = self.left.pop(name, None)
        if name == "docProps/app.xml" and self.application is not None:
            from xml.sax.saxutils import escape

            text = data.decode("utf-8") if isinstance(data, bytes) else data
            data = re.sub(r"<Application>[^<]*</Application>", f"<Application>{escape(self.application)}</Application>", text)
            # openpyxl's own version (“3.1”) as the application's: no Excel has it, and it names the library
            data = re.sub(r"<AppVersion>[^<]*</AppVersion>", "", data)
        if caches is not None:
            data = patch_sheet_part(data.encode("utf-8") if isinstance(data, str) else data, caches)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None,
              compresslevel: Any = None) -> None:
        """openpyxl's own worksheet writer adds each sheet from a temporary file (``jixiao.excel.
        fastopenpyxl`` from memory): that file's member as ``ZipFile.write`` makes it, patched."""
        if arcname not in self.left:
            return super().write(filename, arcname, compress_type, compresslevel)
        zinfo = zipfile.ZipInfo.from_file(filename, arcname, strict_timestamps=getattr(self, "_strict_timestamps", True))
        zinfo.compress_type = compress_type if compress_type is not None else self.compression
        zinfo._compresslevel = compresslevel if compresslevel is not None else self.compresslevel  # type: ignore[attr-defined]
        self.writestr(zinfo, Path(filename).read_bytes())


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
                    data = patch_sheet_part(data, want[info.filename])
                zout.writestr(info, data)
        tmp.replace(src)
    finally:  # an interrupted write leaves nothing behind
        tmp.unlink(missing_ok=True)
