"""The 报送函's head in 信函格式 (GB/T 9704—2012 10.1): the 发文机关标志 (the unit's name, red, centred, its top
30 mm from the page's top edge), a red double line 4 mm under it (thick above, thin below, 170 mm long,
centred on the page), and the 发文字号 at the right under the line, 7/8 of a 三号 character's height below it.
Measured on the PDF LibreOffice makes, rendered at 600 dpi."""

from __future__ import annotations

import re
import subprocess

import numpy as np
import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.core.settings import TODO, Settings
from jixiao.sources import load_all

DPI = 600
ONE = [p for p in SAMPLES if p.name == "11.json"]


def _build(tmp_path, settings=None, pdf=False):
    batch = load_all(ONE)
    paths = R.build_reports(batch, settings, tmp_path, pdf=pdf, check=check_batch(batch, get_profile(None)),
                            force=True)
    return {p.name: p for p in paths}


def _runs(ranges):
    """[start, end) runs of consecutive indices."""
    out = []
    for i in ranges:
        if out and i == out[-1][1]:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return out


def test_letter_head_in_the_docx(tmp_path):
    doc = Document(str(_build(tmp_path)["报送函.docx"]))
    head = doc.paragraphs[0]
    assert head.text == "大厂回族自治县医疗保障局"  # the 落款's unit, here from the form
    assert head.style.name == "发文机关标志" and str(head.style.font.color.rgb) == "FF0000"
    assert head._p.pPr.find(qn("w:framePr")) is not None
    assert head._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    sign = [p.text for p in doc.paragraphs if p.style.name == "落款"]
    assert sign[0] == head.text


def test_letter_head_unit_unknown(tmp_path):
    doc = Document(str(_build(tmp_path, Settings(signer="【待填写】"))["报送函.docx"]))
    assert doc.paragraphs[0].style.name == "发文机关标志" and doc.paragraphs[0].text == TODO


def test_letter_head_measured_in_the_pdf(tmp_path):
    need_libreoffice()
    pdf = _build(tmp_path, Settings(doc_no="厂医保函〔2023〕5号"), pdf=True)["报送函.pdf"]
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "p")], check=True)
    a = np.asarray(Image.open(tmp_path / "p.png").convert("RGB")).astype(int)
    mm = 25.4 / DPI
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    red = (r > 180) & (g < 90) & (b < 90)
    bands = _runs(np.where(red.any(1))[0])
    assert len(bands) == 5, bands  # the name, the thick line, the thin line; at the foot thin, thick
    (n0, n1), (k0, k1), (t0, t1), (f0, f1), (g0, g1) = bands
    # 10.1: 距下页边 20 mm 处印一条红色双线（上细下粗），170 mm, centred
    assert (g1 - g0) > 2 * (f1 - f0) and (g0 - f1) * mm < 1.5
    assert abs((red.shape[0] - g1) * mm - 20) <= 1
    for y0, y1 in ((f0, f1), (g0, g1)):
        cols = np.where(red[y0:y1].any(0))[0]
        assert abs(cols[0] * mm - 20) <= 1 and abs((cols[-1] + 1) * mm - 190) <= 1
    assert abs(n0 * mm - 30) <= 1  # 上边缘至上页边 30 mm
    assert abs((k0 - n1) * mm - 4) <= 1  # the double line 4 mm under the name
    assert (k1 - k0) > 2 * (t1 - t0) and (t0 - k1) * mm < 1.5  # thick above, thin below, close together
    for y0, y1 in ((k0, k1), (t0, t1)):
        cols = np.where(red[y0:y1].any(0))[0]
        assert abs(cols[0] * mm - 20) <= 1 and abs((cols[-1] + 1) * mm - 190) <= 1  # 170 mm, centred
    cols = np.where(red[n0:n1].any(0))[0]
    assert abs((cols[0] + cols[-1] + 1) / 2 * mm - 105) <= 1  # the name centred
    dark = (r < 80) & (g < 80) & (b < 80)
    below = np.where(dark[t1:].any(1))[0][0]
    assert abs(below * mm - 16 * 7 / 8 * 25.4 / 72) <= 1  # the 文号 7/8 of a 三号 character under the line
    row = np.where(dark[t1 + below:t1 + below + 20].any(0))[0]
    assert abs((row[-1] + 1) * mm - (210 - 26)) <= 1.5  # at the right edge of the text block


def test_letter_first_page_has_no_page_number(tmp_path):
    """GB/T 9704 10.1: 首页不显示页码 — the 报送函's first page shows none; a report's first page does."""
    need_libreoffice()
    built = _build(tmp_path, pdf=True)

    def first_page(name):
        return subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(built[name]), "-"],
                              capture_output=True, text=True, check=True).stdout

    number = re.compile(r"—\s*1\s*—")
    assert not number.search(first_page("报送函.pdf"))
    assert number.search(first_page("项目支出绩效自评报告.pdf"))


def test_letter_later_pages_number_where_the_reports_do(tmp_path):
    """The bottom red line sits in the first page's footer, 20 mm from the edge: the section's footer
    distance is that, and the later pages' numbers are lifted by the difference, so that their bottom
    stays where the reports have theirs."""
    from docx.shared import Mm

    built = _build(tmp_path)
    letter, report = (Document(str(built[n])).sections[0] for n in ("报送函.docx", "项目支出绩效自评报告.docx"))
    assert abs(letter.footer_distance - Mm(20)) < Mm(1)
    top = letter.first_page_footer.paragraphs[0]._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert (top.get(qn("w:color")), top.get(qn("w:val"))) == ("FF0000", "thickThinSmallGap")
    for footer in (letter.footer, letter.even_page_footer):
        lift = footer.paragraphs[0].paragraph_format.space_after
        assert abs(letter.footer_distance + lift - report.footer_distance) <= 1


def test_a_long_unit_name_stays_on_one_line_over_the_red_line(tmp_path):
    """A name wider than the 170 mm line at 一号 (25 characters) wrapped to two lines and pushed the red
    line down; it is set smaller to fit one line, its top still 30 mm from the page's edge."""
    need_libreoffice()
    long = "中共某某县委某某县人民政府农业农村工作领导小组办公室"
    built = _build(tmp_path, Settings(signer=long, doc_no="厂医保函〔2023〕5号"), pdf=True)
    head = Document(str(built["报送函.docx"])).paragraphs[0]
    assert head.text == long and all(r.font.size is not None and r.font.size.pt < 26 for r in head.runs)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(built["报送函.pdf"]),
                    str(tmp_path / "p")], check=True)
    a = np.asarray(Image.open(tmp_path / "p.png").convert("RGB")).astype(int)
    mm = 25.4 / DPI
    red = (a[..., 0] > 180) & (a[..., 1] < 90) & (a[..., 2] < 90)
    bands = _runs(np.where(red.any(1))[0])
    assert len(bands) == 5, bands   # the name on one line, the two double lines
    (n0, n1), (k0, _k1) = bands[0], bands[1]
    assert abs(n0 * mm - 30) <= 1 and abs((k0 - n1) * mm - 4) <= 1
    cols = np.where(red[n0:n1].any(0))[0]
    assert cols[0] * mm >= 19 and (cols[-1] + 1) * mm <= 191   # within the 170 mm of the line
    # a name that fits keeps 一号
    short = Document(str(_build(tmp_path / "s")["报送函.docx"])).paragraphs[0]
    assert all(r.font.size is None for r in short.runs)


def _lines(pdf, page=None):
    """(page, glyph top in pt, text) of each line LibreOffice set."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for k, part in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', part, re.S):
            out.append((k, float(m[1]), "".join(re.findall(r">([^<]+)</word>", m[2]))))
    return out


def _all(tmp_path, settings=None):
    from jixiao.sources import load_all as load

    batch = load(sorted(SAMPLES))
    paths = R.build_reports(batch, settings, tmp_path, pdf=True, check=check_batch(batch, get_profile(None)),
                            force=True)
    return {p.name: p for p in paths}


def test_the_letter_keeps_to_its_first_page(tmp_path):
    """The 23 projects' 报送函 ran one line over its first page: “附件：1．……” stood alone at the foot and
    the other attachments, the signature and the date went to a second page without the letterhead,
    the first page a third empty. Its body pitch was narrowed to 25 pt (GB/T 9704 7.3.5.1, 调整行距); the
    letter says what it sends in one sentence now (s63), and keeps the standard pitch on one page, with
    10.1's two lines between the 发文字号 and the title."""
    need_libreoffice()
    from jixiao.reports.templates import LINE_PT

    built = _all(tmp_path)
    doc = Document(str(built["报送函.docx"]))
    assert all(p.paragraph_format.line_spacing is None for p in doc.paragraphs
               if p.style.name in ("Normal", "附件", "落款")), "narrowed"
    lines = _lines(built["报送函.pdf"])
    assert {page for page, _y, _t in lines} == {1}, lines
    tops = {t: y for _p, y, t in lines}
    no, title = tops["【待填写】"], next(y for t, y in tops.items() if t.startswith("关于报送"))
    assert title - no >= 3 * LINE_PT - 2   # the 文号's line and two empty lines, then the title
    assert any(t.startswith("4．") for t in tops) and any(t.startswith("（联系人") for t in tops)


def test_a_letter_too_long_for_one_page_keeps_its_attachments_together(tmp_path):
    """A letter that does not fit even at the narrowest pitch keeps the standard one and runs on, its
    附件说明 whole on the page of the signature (its first line stayed behind before)."""
    need_libreoffice()
    from jixiao.reports.templates import LINE_PT

    notice = "《" + "关于开展预算绩效自评工作的通知" * 12 + "》"
    built = _all(tmp_path, Settings(notice=notice))
    doc = Document(str(built["报送函.docx"]))
    assert all(p.paragraph_format.line_spacing is None or p.paragraph_format.line_spacing.pt == LINE_PT
               for p in doc.paragraphs if p.style.name == "Normal")
    lines = _lines(built["报送函.pdf"])
    pages = {t[:3]: page for page, _y, t in lines}
    attached = [page for page, _y, t in lines if t.startswith(("附件：", "2．", "3．", "4．"))]
    sign = next(page for page, _y, t in lines if t.startswith("（联系人"))
    assert max(pages.values()) == 2 and attached and set(attached) == {sign}


def test_a_one_project_letter_citing_its_notices_number_keeps_to_one_page(tmp_path):
    """One project and the 来文 with its 发文字号 (“《关于……的通知》（县财绩〔2024〕1号）”): 21 lines at the body
    pitch ran over the first page by some 94 pt, and fit at 24 pt with 11 pt to spare, but the half line the
    estimate kept to spare did not, so the letter kept 29 pt and its 附件说明, signature and date stood alone
    on a second page. It was set at 24 pt then, on one page; since its one sentence (s63) it needs no
    narrowing with such a 来文 (and two empty lines above the signer for the seal)."""
    need_libreoffice()
    from jixiao.reports.pagefit import FLOOR_PT
    from jixiao.reports.templates import LINE_PT

    settings = Settings(doc_no="县交函[2024]3号", notice="《关于开展2023年度预算绩效自评工作的通知》（县财绩〔2024〕1号）",
                        contact="王某", phone="0316-1234567")
    batch = load_all(ONE)
    built = {p.name: p for p in R.build_reports(batch, settings, tmp_path, pdf=True,
                                                  check=check_batch(batch, get_profile(None)))}
    lines = _lines(built["报送函.pdf"])
    assert {page for page, _y, _t in lines} == {1}, lines
    texts = [t for _p, _y, t in lines]
    assert "县交函〔2024〕3号" in texts and any(t.startswith("附件：1．") for t in texts)
    assert any(t.startswith("4．") for t in texts) and texts[-1].startswith("（联系人：王某")
    doc = Document(str(built["报送函.docx"]))
    assert any("（县财绩〔2024〕1号）要求" in p.text for p in doc.paragraphs)
    pitches = {(p.paragraph_format.line_spacing or p.style.paragraph_format.line_spacing).pt for p in doc.paragraphs
               if p.style.name in ("Normal", "附件", "附件续行", "落款", "附注")}
    # no lower than the floor (24 pt; 25 pt since one project's figures are no longer a “合计” and its grade
    # not counted, s62; 29 pt since the letter leaves the figures to its 附件, s63)
    assert len(pitches) == 1 and FLOOR_PT <= min(pitches) <= LINE_PT


def test_the_estimate_counts_the_lines_libreoffice_sets(tmp_path):
    """A 来文 whose 发文字号 comes to a line's end: LibreOffice breaks a line neither inside “〔2024〕12” nor
    after an opening mark, so “〔2024〕12号）” went to the next line and the paragraph took 6 lines where the
    estimate, which broke anywhere, counted 5. Set at 24 pt by that count, the letter ran onto a second page
    (its 附件说明, signature and date there). The estimate wraps whole units now (``pagefit.wrap``)."""
    need_libreoffice()
    from jixiao.reports.pagefit import paragraph_lines
    from jixiao.reports.templates import BODY_PT, LINE_PT

    notice = "《关于开展2023年度预算绩效自评工作的通知和有关补充要求及开展重点绩效评价工作的通知》（县财绩〔2024〕12号）"
    batch = load_all(sorted(SAMPLES)[:2])   # two projects: “对2022年度2个项目开展了绩效自评”
    built = {p.name: p for p in R.build_reports(batch, Settings(notice=notice, contact="王某", phone="0316-1234567"),
                                                  tmp_path, pdf=True, check=check_batch(batch, get_profile(None)),
                                                  force=True)}
    doc = Document(str(built["报送函.docx"]))
    sec = doc.sections[0]
    width = (sec.page_width - sec.left_margin - sec.right_margin) / 12700
    body = [p for p in doc.paragraphs if p.style.name == "Normal"]
    lines = _lines(built["报送函.pdf"])
    texts = [t for _p, _y, t in lines]
    start, end = texts.index("县财政局：") + 1, next(i for i, t in enumerate(texts) if t.startswith("附件："))
    assert any(t.startswith("〔2024〕12号）要求") for t in texts[start:end])
    assert sum(paragraph_lines(p, width, BODY_PT) for p in body) == end - start == 4   # 9 before its one sentence (s63)
    pitch = (body[0].paragraph_format.line_spacing or body[0].style.paragraph_format.line_spacing).pt
    assert {page for page, _y, _t in lines} == {1} or pitch == LINE_PT   # never narrowed and still run on


def test_where_a_line_may_break_and_how_wide_a_figure_beside_a_mark_is():
    """The estimate's two measures (no LibreOffice): the pieces a line break keeps whole, and no quarter
    of a character between a figure and a Chinese mark (LibreOffice's PDF: “二〔2024〕二” is 2 + 2 + 2.19)."""
    from jixiao.reports.text import break_units, width_chars

    assert break_units("（县财绩〔2024〕12号）要求，") == ["（县", "财", "绩", "〔2024〕12", "号）", "要", "求，"]
    assert break_units("附件：1．2023年度，电话：0316-1234567") == [
        "附", "件：", "1．2023", "年", "度，", "电", "话：", "0316-", "1234567"]
    assert width_chars("〔2024〕") == 4 and width_chars("2023年3月1日") == 7.25
