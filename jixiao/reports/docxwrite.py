"""``Document.add_paragraph`` without its two slow steps, with exactly python-docx's XML.

A 退回修改通知 or a 校验报告 is a few hundred plain paragraphs; python-docx spent most of
their time on two things (issue #18, ``review`` writes one notice per department):

- a run's text is fed to an appender one character at a time, to turn tabs and line breaks
  into ``<w:tab/>`` and ``<w:br/>`` (~80 µs for a 100-character item). Text with neither
  becomes one ``<w:t>``, which ``CT_R.add_t`` makes directly (with ``xml:space="preserve"``
  where the text starts or ends with a space, as python-docx does);
- a style given by name is looked up anew for each paragraph, and each look-up scans every
  style of the document for the default one (~1.5 ms). ``Body`` asks python-docx once per
  name and keeps the answer: a style's id cannot change while paragraphs are only added.

``tests/test_docxwrite.py`` compares the XML with python-docx's own for many texts and styles.
"""

from __future__ import annotations

from typing import Any

from ..guard.textsafe import clean_text

__all__ = ["Body", "keep_tables_with_lead_in", "page_numbers", "punctuation_inside", "set_properties", "set_text"]


def page_numbers(section: Any, size_pt: float = 10.5) -> None:
    """“第 N 页，共 M 页” centred in ``section``'s footer (PAGE and NUMPAGES fields, as the forms print
    it): a document of many pages, printed, can be put back in order and seen to be whole."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    section.footer.is_linked_to_previous = False
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页，共 ", "NUMPAGES"), (" 页", None)):
        p.add_run(text).font.size = Pt(size_pt)
        if field is None:
            continue
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), f" {field} ")
        run = p.add_run("1")   # the field's last result, shown until it is updated
        run.font.size = Pt(size_pt)
        fld.append(run._r)     # moved into the field
        p._p.append(fld)


def set_properties(doc: Any, *, author: str, title: str | None = None) -> None:
    """What Word shows under 文件 › 信息 for a document we write: the unit as its author, written
    now, no comment. A template's own properties (its maker, its note on the template markers, a
    fixed date) would otherwise travel in every report a department sends."""
    from ..fileio import written_now

    cp = doc.core_properties
    if title is not None:
        cp.title = title
    cp.author = cp.last_modified_by = author
    cp.comments = cp.subject = cp.keywords = cp.category = ""
    cp.created = cp.modified = written_now()
    cp.revision = 1


# what follows w:overflowPunct in a w:pPr (the order of CT_PPrBase's elements in ECMA-376 Part 1)
_AFTER_OVERFLOW = ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                   "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def punctuation_inside(doc: Any) -> None:
    """Every paragraph's punctuation printed within the text block, not hung past its right edge:
    ``w:overflowPunct w:val="1"`` in the document's paragraph defaults (its styles' and paragraphs' own
    setting, where a template has one, stands).

    Why: LibreOffice 7.4 hangs a “，、。” that ends a full line past the margin and then does not print
    it: the demo's 项目支出绩效自评报告.pdf lost five marks (“……补助发放及时性、总成本” then “就医费用……”
    on the next line, the “、” gone; “568.64万元【待核实】” with no “。”). LibreOffice reads this element
    the other way round from its name (``overflowPunct`` 1 → its ParaIsHangingPunctuation off; absent, its
    default, on), so ``1`` keeps the mark inside the line in LibreOffice — the last character goes to the
    next line with it, as GB/T 15834's line-start rule has it — while Word, for which 1 is its own default
    (允许标点溢出边界), sets the page as before. ``tests/test_punct_print_s64.py`` counts every mark of
    the documents in their PDFs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    if dd is None:
        dd = OxmlElement("w:docDefaults")
        styles.insert(0, dd)
    pdef = dd.find(qn("w:pPrDefault"))
    if pdef is None:
        pdef = OxmlElement("w:pPrDefault")
        rdef = dd.find(qn("w:rPrDefault"))
        if rdef is not None:
            rdef.addnext(pdef)
        else:
            dd.insert(0, pdef)
    ppr = pdef.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        pdef.append(ppr)
    el = ppr.find(qn("w:overflowPunct"))
    if el is None:
        el = OxmlElement("w:overflowPunct")
        after = next((c for c in ppr if c.tag in {qn(t) for t in _AFTER_OVERFLOW}), None)
        if after is not None:
            after.addprevious(el)
        else:
            ppr.append(el)
    el.set(qn("w:val"), "1")


def set_text(run: Any, text: str) -> None:
    """``run.text = text`` for a new, empty run; characters XML cannot carry left out (a name read from
    a broken archive, “…/.relsPK\x01\x02”, stopped a whole review: fuzz seed 4201)."""
    if not text:
        return
    text = clean_text(text)
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text  # python-docx's own appender: tabs and breaks
    else:
        run._r.add_t(text)


class Body:
    """Adds paragraphs to ``doc`` as ``doc.add_paragraph(text, style)`` does.

    ``ids``: style ids already known for documents made from the same template (a notice is
    always made from the same blank), shared between them; by default this document's own."""

    def __init__(self, doc: Any, ids: dict[str, str | None] | None = None) -> None:
        self.doc = doc
        self._ids: dict[str, str | None] = {} if ids is None else ids

    def style_id(self, name: str) -> str | None:
        """python-docx's id for the paragraph style ``name`` (None: the document's default)."""
        try:
            return self._ids[name]
        except KeyError:
            from docx.enum.style import WD_STYLE_TYPE

            sid = self._ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
            return sid

    def add(self, text: str = "", style: str | None = None) -> Any:
        p = self.doc.add_paragraph()
        if text:
            set_text(p.add_run(), text)
        if style is not None:
            p._p.style = self.style_id(style)
        return p


def keep_tables_with_lead_in(doc: Any, captions: tuple[str, ...] = ("表格单位",)) -> int:
    """Each table of ``doc``'s body printed with what introduces it, and read whole row by row:

    - the paragraph before it that says what follows (“……如下表：”) is kept with the next one
      (``keepNext``), and so is a caption between them (the 表格单位 “单位：万元”, an empty line):
      the lead-in sat alone at the foot of a page with its table on the next
      (整体绩效自评工作报告 of the demo, page 1);
    - no row is split across two pages (``cantSplit``), a header row (``tblHeader``, repeated on
      each page) is kept with the first row under it: a header alone at a page's foot says nothing.

    Returns how many tables. Tables inside tables, headers and footers are left as they are."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def keep_next(p: Any) -> None:
        ppr = p.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            el = OxmlElement("w:keepNext")
            style = ppr.find(qn("w:pStyle"))   # CT_PPr: pStyle, keepNext, …
            if style is not None:
                style.addnext(el)
            else:
                ppr.insert(0, el)

    def style_name(p: Any) -> str:
        sid = p.style   # CT_P.style: the style id, or None
        if sid is None:
            return ""
        try:
            return str(doc.styles.get_by_id(sid, WD_STYLE_TYPE.PARAGRAPH).name)
        except Exception:  # noqa: BLE001 - an id without a style: not a caption
            return ""

    n = 0
    for tbl in doc.element.body.iterchildren(qn("w:tbl")):
        n += 1
        rows = tbl.findall(qn("w:tr"))
        for tr in rows:
            trpr = tr.get_or_add_trPr()
            if trpr.find(qn("w:cantSplit")) is None:
                el = OxmlElement("w:cantSplit")
                trpr.insert(0, el)
        heads = 0
        while heads < len(rows) - 1 and (h := rows[heads].find(qn("w:trPr"))) is not None \
                and h.find(qn("w:tblHeader")) is not None:
            heads += 1
        for tr in rows[:heads + 1] if heads else []:   # the header rows and the first row under them
            if tr is rows[-1]:
                break
            for p in tr.iter(qn("w:p")):
                keep_next(p)
        prev = tbl.getprevious()
        while prev is not None and prev.tag == qn("w:p"):
            keep_next(prev)
            text = "".join(t.text or "" for t in prev.iter(qn("w:t"))).strip()
            if text and style_name(prev) not in captions:
                break   # the lead-in itself
            prev = prev.getprevious()
    return n
