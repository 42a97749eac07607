"""The three report templates (报送函、项目支出绩效自评报告、整体绩效自评工作报告), built by code.

The committed ``report_templates/*.docx`` are made here with python-docx and hold docxtpl
(jinja2) tags such as ``{{ doc_no }}`` and ``{%p for p in projects %}``: a department may open
them in Word, change the wording around the tags, and pass the folder with ``--templates``.
Run ``python -m jixiao.reports.templates`` after changing this file; a test fails while the
committed templates differ in content (the XML of every part, not the zip timestamps).

Layout follows GB/T 9704—2012《党政机关公文格式》 as a department's Word template does:

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm).
- Title 方正小标宋简体 二号 (22 pt), centred. Body 仿宋_GB2312 三号 (16 pt), first line indented
  two characters, line spacing fixed at 29 pt (22 lines a page). Headings: 一、 黑体, （一） 楷体_GB2312,
  1． 仿宋_GB2312 bold; all 三号. Page number 宋体 四号 "— 1 —" under the text block.
- Fonts are set on the *styles* (docDefaults, Normal, Title, Heading 1–3 …) through ``w:rFonts``
  with ``w:eastAsia`` (and ascii/hAnsi, so figures use the same face), never through theme fonts,
  so Chinese text really takes them. ``w:lang w:eastAsia="zh-CN"`` makes renderers pick
  Simplified-Chinese glyphs. The font table names a Windows alternative for each font
  (``w:altName``: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体) with the GB2312
  charset, which Word uses when the GB2312 faces are not installed.
- Where none of these fonts exists (Linux, LibreOffice), ``FALLBACKS`` lists what each should
  become; ``jixiao.reports.fonts`` hands them to fontconfig (for the LibreOffice subprocess only) when it makes PDFs. On this machine
  (fonts-noto-cjk): 方正小标宋简体 → Noto Serif CJK SC Bold, 仿宋_GB2312 and 楷体_GB2312 →
  Noto Serif CJK SC, 黑体 → Noto Sans CJK SC, 宋体 → Noto Serif CJK SC.
- The 报送函 is a 信函 (10.1): 发文机关标志 in red at the head, a red double line under it, the 发文字号
  under the line at the right (``MARK_*`` below).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Any, cast

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

TEMPLATE_DIR = Path(str(files("jixiao") / "report_templates"))  # package data, also in a wheel
NAMES = ("报送函", "项目支出绩效自评报告", "整体绩效自评工作报告")

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_PAGE = "宋体"

# The font a style names -> what a machine without it should use, best first. The first
# entries are the same face under other names (Windows, macOS); the Noto/Source Han faces
# are what a Linux machine with fonts-noto-cjk has. (family, bold)
FALLBACKS: dict[str, list[tuple[str, bool]]] = {
    FONT_TITLE: [("方正小标宋_GBK", False), ("方正小标宋简体", False), ("FZXiaoBiaoSong-B05S", False),
                 ("小标宋", False), ("Noto Serif CJK SC", True), ("Source Han Serif SC", True),
                 ("Noto Serif CJK", True)],
    FONT_BODY: [("仿宋", False), ("FangSong", False), ("STFangsong", False), ("Noto Serif CJK SC", False),
                ("Source Han Serif SC", False)],
    FONT_H1: [("SimHei", False), ("STHeiti", False), ("Noto Sans CJK SC", False), ("Source Han Sans SC", False)],
    FONT_H2: [("楷体", False), ("KaiTi", False), ("STKaiti", False), ("AR PL UKai CN", False),
              ("Noto Serif CJK SC", False), ("Source Han Serif SC", False)],
    FONT_PAGE: [("SimSun", False), ("STSong", False), ("Noto Serif CJK SC", False), ("Source Han Serif SC", False)],
}
ALT_NAMES = {FONT_TITLE: "宋体", FONT_BODY: "仿宋", FONT_H2: "楷体"}
# panose-1 of the real faces, so Word picks a similar face when one is missing
PANOSE = {FONT_TITLE: "02000000000000000000", FONT_BODY: "02010609030101010101",
          FONT_H1: "02010609060101010101", FONT_H2: "02010609030101010101", FONT_PAGE: "02010600030101010101"}

BODY_PT = 16            # 三号
TITLE_PT = 22           # 二号
TABLE_PT = 12           # 小四
LINE_PT = 29            # fixed line pitch: 225 mm / 22 lines ≈ 29 pt
TITLE_LINE_PT = 35
# GB/T 9704 10.1 信函格式: the 发文机关标志 (red, 小标宋, centred) with its top edge 30 mm from the page's top
# edge, a red double line (thick above, thin below) 4 mm under it, 170 mm long and centred on the page, and
# the 发文字号 at the right under that line, 7/8 of a 三号 character's height below it. The mark is one
# frame anchored to the page (its size fits a unit's name of up to 18 characters on one line); the double
# line is that paragraph's bottom border, so Word and LibreOffice draw both where the standard puts them.
MARK_PT = 26            # 一号
MARK_TOP_MM = 30
MARK_LINE_MM = 170
RED = "FF0000"
# measured in LibreOffice's PDF (tests/test_letterhead.py): the glyphs' top stands 0.45 mm (26 twips) above the
# frame's top, the border's distance of 4 pt puts the line 4 mm under the glyphs, and 4 pt before the 文号 puts its glyphs' top
# 4.9 mm (7/8 of 16 pt) under the thin line
MARK_Y_TWIPS = 26
MARK_BORDER_SZ = 18     # the double line's width in eighths of a point (thick 0.8 mm, thin 0.25 mm)
MARK_BORDER_SPACE_PT = 4
DOC_NO_BEFORE_PT = 4
BOTTOM_LINE_MM = 20     # 10.1: the second red double line 20 mm from the first page's bottom edge
TABLE_LINE_PT = 18
# GB/T 9704 7.3.5.1: the seal (a county office's, 42 mm across) 居中下压 the signer and the date, which stand
# a little below its centre (say a quarter line), its top 上距正文（或附件说明）一行之内. The signer one empty
# line under the text (as 7.3.5.2 has it for a document without a seal) put the seal's top over the last
# line of text: by 5 pt at 29 pt, by 16 pt at the 24 pt of a narrowed letter (LibreOffice's PDF). Two empty
# lines put it 24 pt under that line's glyphs at 29 pt, 8 pt at 24 pt: within a line
SEAL_BLANK_LINES = 2
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FIXED_TIME = _dt.datetime(2024, 1, 1, 0, 0, 0)

# -------------------------------------------------------------------------------- styles


def _set_fonts(rpr, font: str) -> None:
    """Explicit fonts for every script (theme fonts removed: they would override these)."""
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rf = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(attr), font)
    rf.set(qn("w:hint"), "eastAsia")


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # w:lang comes late in CT_RPr; appended after sz/szCs it is in order
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _line(pf, pt: float) -> None:
    pf.line_spacing = Pt(pt)
    pf.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)


def _indent_chars(ppr, first: int | None = None, left: int | None = None, right: int | None = None,
                  hanging: int | None = None, size_pt: float = BODY_PT) -> None:
    """Indents in characters (w:firstLineChars etc. in 1/100 char) with the twips equivalent."""
    ind = ppr.get_or_add_ind()
    for k in list(ind.attrib):
        del ind.attrib[k]

    def tw(n: int) -> str:
        return str(round(n * size_pt * 20))

    for attr, chars in (("left", left), ("right", right), ("firstLine", first), ("hanging", hanging)):
        if chars is not None:  # in characters (…Chars, hundredths) and in twips for readers without them
            ind.set(qn(f"w:{attr}"), tw(chars))
            ind.set(qn(f"w:{attr}Chars"), str(chars * 100))
    if first is None and hanging is None:  # explicit 0: a style based on Normal would inherit 2 chars
        ind.set(qn("w:firstLine"), "0")
        ind.set(qn("w:firstLineChars"), "0")


def _style(doc, name: str, *, base: str | None = "Normal", font: str = FONT_BODY, size: float = BODY_PT,
           bold: bool = False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, line: float = LINE_PT,
           first: int | None = 2, left: int | None = None, right: int | None = None,
           hanging: int | None = None, keep_next: bool = False, outline: int | None = None,
           next_style: str | None = None):
    styles = doc.styles
    try:
        st = styles[name]
    except KeyError:
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.quick_style = True
    if base is not None and st.name != base:
        st.base_style = styles[base]
    if next_style:
        st.next_paragraph_style = styles[next_style]
    st.hidden = False
    st.unhide_when_used = False
    st.priority = 1 if name == "Normal" else 10
    f = st.font
    f.size = Pt(size)
    f.bold = bold
    f.italic = False
    f.color.rgb = None
    rpr = st.element.get_or_add_rPr()
    for tag in ("w:color", "w:kern", "w:spacing"):
        el = rpr.find(qn(tag))
        if el is not None:
            rpr.remove(el)
    _set_fonts(rpr, font)
    _same_sizes(rpr, size)
    _set_lang(rpr)
    _linked_alike(doc, st, font, size, bold)
    pf = st.paragraph_format
    pf.alignment = align
    _line(pf, line)
    pf.keep_with_next = keep_next
    pf.widow_control = False
    ppr = st.element.get_or_add_pPr()
    _indent_chars(ppr, first=first, left=left, right=right, hanging=hanging, size_pt=size)
    for tag in ("w:outlineLvl", "w:pBdr", "w:contextualSpacing"):
        old = ppr.find(qn(tag))
        if old is not None:
            ppr.remove(old)
    if outline is not None:
        ppr.get_or_add_outlineLvl().set(qn("w:val"), str(outline))
    return st


def _same_sizes(rpr, size: float) -> None:
    """The complex-script size (w:szCs) as the size: python-docx's default styles leave theirs, and the Title
    style said 26 pt there beside its 22 pt (二号) — a reader of the document's styles took the title for 26 pt."""
    sz_cs = rpr.find(qn("w:szCs"))
    if sz_cs is None:
        sz_cs = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(sz_cs)
    sz_cs.set(qn("w:val"), str(int(round(size * 2))))


def _linked_alike(doc, st, font: str, size: float, bold: bool) -> None:
    """The character style linked to a paragraph style (“Title Char”, Word's for a part of a paragraph given
    that style) set as the paragraph style is: python-docx's default template had it 26 pt, in the theme's
    fonts and a blue colour, so a title partly restyled in Word turned 26 pt and blue."""
    link = st.element.find(qn("w:link"))
    if link is None:
        return
    linked = next((x for x in doc.styles.element.findall(qn("w:style"))
                   if x.get(qn("w:styleId")) == link.get(qn("w:val"))), None)
    if linked is None:
        return
    rpr = linked.get_or_add_rPr()
    for tag in ("w:color", "w:kern", "w:spacing", "w:sz", "w:szCs", "w:b", "w:bCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            rpr.remove(el)
    _set_fonts(rpr, font)
    b = OxmlElement("w:b")
    b.set(qn("w:val"), "1" if bold else "0")
    rpr.append(b)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(round(size * 2))))
    rpr.append(sz)
    _same_sizes(rpr, size)


def _doc_defaults(doc) -> None:
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    rpr = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FONT_BODY)
    for tag, val in (("w:sz", BODY_PT * 2), ("w:szCs", BODY_PT * 2)):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(int(val)))
    _set_lang(rpr)
    ppr = dd.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    sp = ppr.find(qn("w:spacing"))
    sp.set(qn("w:after"), "0")
    sp.set(qn("w:line"), str(LINE_PT * 20))
    sp.set(qn("w:lineRule"), "exact")


def _font_table(doc) -> None:
    """Entries for the GB/T 9704 faces: GB2312 charset, panose and a Windows alternative name."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    from lxml import etree

    root = etree.fromstring(part.blob)
    for el in list(root):
        if el.get(qn("w:name")) in PANOSE:
            root.remove(el)
    for name, panose in PANOSE.items():
        f = etree.SubElement(root, qn("w:font"))
        f.set(qn("w:name"), name)
        if name in ALT_NAMES:
            etree.SubElement(f, qn("w:altName")).set(qn("w:val"), ALT_NAMES[name])
        etree.SubElement(f, qn("w:panose1")).set(qn("w:val"), panose)
        etree.SubElement(f, qn("w:charset")).set(qn("w:val"), "86")
        etree.SubElement(f, qn("w:family")).set(qn("w:val"), "modern" if name == FONT_H1 else "roman")
        etree.SubElement(f, qn("w:pitch")).set(qn("w:val"), "fixed" if name != FONT_TITLE else "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _settings(doc) -> None:
    st = doc.settings.element
    lang = st.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        st.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page(doc) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    sec.left_margin, sec.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    sec.header_distance = Mm(15)
    sec.footer_distance = Mm(22)  # the page number sits about 7 mm below the text block
    # GB/T 9704 7.5: the number between two 一字线, odd pages at the right, even pages at the left,
    # each one character (of the body's 3号) in from the text block's edge
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.alignment = align
        setattr(p.paragraph_format, f"{side}_indent", Pt(BODY_PT))
        p.add_run("— ")
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), " PAGE ")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)
        p.add_run(" —")


def new_document():
    """An empty document with the GB/T 9704 page and styles."""
    doc = Document()
    _doc_defaults(doc)
    _style(doc, "Normal", base=None)
    _style(doc, "Title", font=FONT_TITLE, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
           line=TITLE_LINE_PT, first=None, keep_next=True, outline=None, next_style="Normal")
    _style(doc, "Heading 1", font=FONT_H1, keep_next=True, outline=0, next_style="Normal")
    _style(doc, "Heading 2", font=FONT_H2, keep_next=True, outline=1, next_style="Normal")
    _style(doc, "Heading 3", font=FONT_BODY, bold=True, keep_next=True, outline=2, next_style="Normal")
    _style(doc, "Footer", font=FONT_PAGE, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, line=18, first=None)
    _style(doc, "Header", font=FONT_BODY, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, line=18, first=None)
    _style(doc, "空行", first=None)
    _style(doc, "文号", align=WD_ALIGN_PARAGRAPH.RIGHT, first=None).paragraph_format.space_before = Pt(DOC_NO_BEFORE_PT)
    _style(doc, "发文机关标志", font=FONT_TITLE, size=MARK_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line=MARK_PT,
           first=None)
    doc.styles["发文机关标志"].font.color.rgb = RGBColor.from_string(RED)
    _style(doc, "主送机关", align=WD_ALIGN_PARAGRAPH.LEFT, first=None)
    _style(doc, "落款", align=WD_ALIGN_PARAGRAPH.RIGHT, first=None, right=4, keep_next=True)
    _style(doc, "附注", align=WD_ALIGN_PARAGRAPH.LEFT, first=2)
    _style(doc, "表格单位", size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, line=TABLE_LINE_PT + 4, first=None,
           keep_next=True)
    # the 附件说明 kept together (its first line went alone to the foot of a page, the rest over)
    _style(doc, "附件", align=WD_ALIGN_PARAGRAPH.LEFT, first=None, left=7, hanging=5, keep_next=True)
    _style(doc, "附件续行", align=WD_ALIGN_PARAGRAPH.LEFT, first=None, left=7, hanging=2)
    _style(doc, "表格文字", size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line=TABLE_LINE_PT, first=None)
    _style(doc, "表格文字左", size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.LEFT, line=TABLE_LINE_PT, first=None)
    _style(doc, "表格标题", font=FONT_H1, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line=TABLE_LINE_PT,
           first=None)
    _font_table(doc)
    _settings(doc)
    _page(doc)
    # no stray empty first paragraph, no thumbnail of python-docx's own template
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg.rels[rid]
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "jixiao 绩效自评助手"
    cp.created = cp.modified = FIXED_TIME
    cp.revision = 1
    cp.comments = "由 jixiao.reports.templates 生成；可在 Word 中修改文字，花括号中的模板标记请保留"
    return doc


# -------------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self, title: str):
        self.doc = new_document()
        self.doc.core_properties.title = title

    def p(self, text: str = "", style: str = "Normal"):
        return self.doc.add_paragraph(text, style=style)

    def title(self, *lines: str):
        """The title, broken where a person would break it (GB/T 9704: 梯形或菱形, not mid-word)."""
        para = self.p("", "Title")
        for k, text in enumerate(lines):
            run = para.add_run(text)
            if k < len(lines) - 1:
                run.add_break()
        return para

    def letterhead(self, text: str):
        """The 发文机关标志 and the red double line under it (GB/T 9704 10.1), in a frame on the page; a
        信函's first page shows no page number (10.1), its later pages do."""
        sec = self.doc.sections[0]
        sec.different_first_page_header_footer = True
        sec.first_page_footer.is_linked_to_previous = False
        para = self.p(text, "发文机关标志")
        ppr = para._p.get_or_add_pPr()
        frame = OxmlElement("w:framePr")
        for k, v in (("w", Mm(MARK_LINE_MM).twips), ("hSpace", 0), ("wrap", "notBeside"), ("vAnchor", "page"),
                     ("hAnchor", "page"), ("xAlign", "center"), ("y", Mm(MARK_TOP_MM).twips + MARK_Y_TWIPS),
                     ("hRule", "auto")):
            frame.set(qn(f"w:{k}"), str(v))
        ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, frame)  # CT_PPr: pStyle, keepNext…, framePr
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        # thickThinSmallGap: the thick line inside (above, for a bottom border), the thin one outside
        for k, v in (("val", "thickThinSmallGap"), ("sz", MARK_BORDER_SZ), ("space", MARK_BORDER_SPACE_PT),
                     ("color", RED)):
            bottom.set(qn(f"w:{k}"), str(v))
        borders.append(bottom)
        frame.addnext(borders)
        self._bottom_line(sec)
        return para

    def _bottom_line(self, sec) -> None:
        """10.1's second red double line (thin above, thick below), 170 mm long and centred, 20 mm from the
        first page's bottom edge: the top border of a one-point line alone in the first page's own footer,
        its indents reaching out to the 170 mm (a frame anchored to the page, as the mark above, LibreOffice
        drew at the footer's place and width). The footer's bottom is its distance from the page's edge."""
        foot = sec.first_page_footer.paragraphs[0]
        fmt = foot.paragraph_format
        side = Mm((210 - MARK_LINE_MM) / 2)
        fmt.left_indent, fmt.right_indent = Emu(side - sec.left_margin), Emu(side - sec.right_margin)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)
        dist = Mm(BOTTOM_LINE_MM) - Pt(1)
        lift = sec.footer_distance - dist   # the later pages' numbers stay where the other documents have them
        sec.footer_distance = dist
        for later in (sec.footer, sec.even_page_footer):
            later.paragraphs[0].paragraph_format.space_after = Emu(lift)
        ppr = foot._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        # a top border's first line is the inner one (below): thick below, thin above (上细下粗)
        for k, v in (("val", "thickThinSmallGap"), ("sz", MARK_BORDER_SZ), ("space", 0), ("color", RED)):
            top.set(qn(f"w:{k}"), str(v))
        borders.append(top)
        ppr.append(borders)

    def blank(self):
        return self.p("", "空行")

    def loop(self, head: str, body: list[tuple[str, str]] | None = None):
        """``{%p for … %}`` … ``{%p endfor %}`` around body paragraphs (text, style)."""
        self.p("{%p " + head + " %}")
        for text, style in body or []:
            self.p(text, style)
        self.p("{%p endfor %}")

    def lines(self, var: str, style: str = "Normal"):
        self.loop(f"for line in {var}", [("{{ line }}", style)])

    def sign(self):
        # GB/T 9704: the signature and date never stand alone on a page: the last paragraph of text (in a
        # loop, its repeated paragraph) and the blank line go to the next page with them
        last = next((p for p in reversed(self.doc.paragraphs)
                     if p.text.strip() and not p.text.startswith(("{%p endfor", "{%p for"))), None)
        if last is not None:
            last.paragraph_format.keep_with_next = True
        for _ in range(SEAL_BLANK_LINES):
            self.blank().paragraph_format.keep_with_next = True
        self.p("{{ signer }}", "落款")
        self.p("{{ date }}", "落款")

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        return path


# a forced draft's 【待核实】 after a figure in the table: a run of its own (``_MARK``) on the line under the figure,
# in 小五 so that it fits each figure's column on one line (in 小四 it broke the column's number: “97.7/5【待/核实】”)
TABLE_MARK_PT = 9       # 小五: 【待核实】 is 15.9 mm, each marked column holds 16 mm or more inside its margins
# “全年预算数” in 小四 is wider than its column (it broke “全年预算 / 数”): the head breaks after “全年”. The 执行率 as
# its cell prints it, “100.00%” (``text.pct``), is 18.8 mm in LibreOffice's PDF: it broke “100.00 / %” in 19 mm (s67);
# the 序号 gave 1 mm (“序号” is 8.5 mm) and the 项目名称 2 mm, still ten characters a line (42.3 mm)
TABLE_COLS = (("序号", 11, "{{ p.index }}", "表格文字"), ("项目名称", 45, "{{ p.name }}", "表格文字左"),
              ("全年\n预算数", 20, "{{ p.annual }}", "表格文字"), ("全年\n执行数", 20, "{{ p.executed }}", "表格文字"),
              ("执行率", 22, "{{ p.rate }}", "表格文字"), ("自评得分", 19, "{{ p.total_score }}", "表格文字"),
              ("等级", 19, "{{ p.grade }}", "表格文字"))  # mm; 156 in all, the width of the text block
CELL_MARGIN_MM = 1
TABLE_TOTAL = ("合计", "", "{{ total_annual }}", "{{ total_executed }}", "{{ total_rate }}", "", "")


def _mark(value: str) -> str:
    """The placeholder of the mark after a figure's placeholder: {{ p.rate }} → {{ p.rate_mark }}
    (``context.table_mark``: a line break and 【待核实】, or nothing)."""
    return value.replace(" }}", "_mark }}") if value.startswith("{{") and value not in ("{{ p.index }}", "{{ p.name }}") else ""


def _cell(doc, cell, text: str, style: str, width_mm: float) -> None:
    cell.width = Mm(width_mm)
    p = cell.paragraphs[0]
    p.style = doc.styles[style]
    if text:
        p.add_run(text)
        if _mark(text):
            p.add_run(_mark(text)).font.size = Pt(TABLE_MARK_PT)


def _table(w: _Writer) -> None:
    doc = w.doc
    # the head, the loop over the projects (its tag rows and the row), then the 合计 row where there is more
    # than one project (of one, it repeated that project's figures under them), in its own tag rows
    t = doc.add_table(rows=7, cols=len(TABLE_COLS))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tblpr = t._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(Mm(CELL_MARGIN_MM).twips)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:  # CT_TblPr order: … tblLayout, tblCellMar, tblLook
        look.addprevious(mar)
    else:
        tblpr.append(mar)
    grid = t._tbl.tblGrid
    for gc, (_h, width, _v, _s) in zip(grid.findall(qn("w:gridCol")), TABLE_COLS):
        gc.set(qn("w:w"), str(int(Mm(width).twips)))
    rows = t.rows
    for c, (head, width, value, style) in enumerate(TABLE_COLS):
        _cell(doc, rows[0].cells[c], head, "表格标题", width)
        _cell(doc, rows[1].cells[c], "{%tr for p in projects %}" if c == 0 else "", "表格文字", width)
        _cell(doc, rows[2].cells[c], value, style, width)
        _cell(doc, rows[3].cells[c], "{%tr endfor %}" if c == 0 else "", "表格文字", width)
        _cell(doc, rows[4].cells[c], "{%tr if projects|length > 1 %}" if c == 0 else "", "表格文字", width)
        _cell(doc, rows[5].cells[c], TABLE_TOTAL[c], "表格标题" if c == 0 else "表格文字", width)
        _cell(doc, rows[6].cells[c], "{%tr endif %}" if c == 0 else "", "表格文字", width)
    trpr = rows[0]._tr.get_or_add_trPr()
    hdr = OxmlElement("w:tblHeader")
    hdr.set(qn("w:val"), "true")
    trpr.append(hdr)
    for row in rows:
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().insert(0, cant)
    rows[5].cells[0].merge(rows[5].cells[1])  # 合计 across 序号 and 项目名称
    for cell in rows[0].cells + rows[5].cells + rows[2].cells:
        tcpr = cell._tc.get_or_add_tcPr()
        if tcpr.find(qn("w:vAlign")) is not None:
            continue
        va = OxmlElement("w:vAlign")
        va.set(qn("w:val"), "center")
        tcpr.append(va)


STYLES = {"正文": "Normal", "一级标题": "Heading 1", "二级标题": "Heading 2", "三级标题": "Heading 3"}


def outlines() -> dict[str, list[list[Any]]]:
    """The three documents as outlines (``outlines.yaml``): which paragraph, in which style, in which order."""
    import yaml

    return cast("dict[str, list[list[Any]]]", yaml.safe_load(files(__package__).joinpath("outlines.yaml").read_text("utf-8")))


def _write(w: _Writer, entries: list[list[Any]]) -> None:
    for kind, *args in entries:
        if kind == "发文机关标志":
            w.letterhead(args[0])
        elif kind == "标题":
            w.title(*args)
        elif kind in ("空行", "落款", "表"):
            {"空行": w.blank, "落款": w.sign, "表": lambda: _table(w)}[kind]()
        elif kind == "循环":
            w.p("{%p " + args[0] + " %}")
            _write(w, args[1])
            w.p("{%p endfor %}")
        elif kind == "如果":
            w.p("{%p if " + args[0] + " %}")
            _write(w, args[1])
            w.p("{%p endif %}")
        elif kind == "逐行":
            w.lines(args[0], STYLES[args[1]] if len(args) > 1 else "Normal")
        else:
            w.p(args[0], STYLES.get(kind, kind))


def build_document(name: str) -> _Writer:
    """One template, from its outline."""
    w = _Writer({"报送函": "关于报送绩效自评报告的函"}.get(name, name))  # the file's title property
    _write(w, outlines()[name])
    return w


def build_templates(outdir: str | Path = TEMPLATE_DIR) -> list[Path]:
    """Write the three templates into ``outdir`` (atomically) and return their paths."""
    from ..fileio import atomic_path

    out = Path(outdir)
    paths = []
    for name in NAMES:
        target = out / f"{name}.docx"
        with atomic_path(target) as tmp:
            build_document(name).save(tmp)
        paths.append(target)
    return paths


def template_parts(path: str | Path) -> dict[str, bytes]:
    """Every part of a .docx by name, for comparing content (zip timestamps differ every build)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in sorted(z.namelist())}


def stale_templates(folder: str | Path = TEMPLATE_DIR) -> list[str]:
    """Names of the templates in ``folder`` that are missing or differ from what the code builds."""
    folder = Path(folder)
    stale = []
    with tempfile.TemporaryDirectory(prefix="jixiao-docx-") as tmp:
        for name, fresh in zip(NAMES, build_templates(tmp)):
            have = folder / f"{name}.docx"
            if not have.exists() or template_parts(have) != template_parts(fresh):
                stale.append(f"{name}.docx")
    return stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m jixiao.reports.templates",
                                 description="由代码重新生成 report_templates/ 中的三个报告模板")
    ap.add_argument("--out", default=str(TEMPLATE_DIR), metavar="DIR")
    ap.add_argument("--check", action="store_true", help="只检查已提交的模板是否最新")
    args = ap.parse_args(argv)
    if args.check:
        stale = stale_templates(args.out)
        if stale:
            sys.stderr.write("以下报告模板与代码生成的不一致，请运行 python -m jixiao.reports.templates："
                             + "、".join(stale) + "\n")
            return 1
        print(f"{args.out} 中的报告模板是最新的")
        return 0
    for p in build_templates(args.out):
        print(f"已生成 {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
