"""A long 落款 keeps a one-page 报送函 on one page (stop 59).

A 署名 of 29 characters is wider than the text block (28 characters of 三号): it broke after its 28th
character, the last alone on a second line, and the one-project letter citing its 来文's 文号 — one that
fits its first page at 24 pt — no longer fitted even there: its 附件说明, 署名, date and 附注 went to a
second page without the letterhead, the first page half empty. GB/T 9704—2012 7.3.5.1 allows 调整行距、
字距 for this: the name is set with its characters a little closer (``render.CONDENSE_MAX``) on one line,
flush with the right edge, the date under it as before. Checked in LibreOffice's PDF."""

from __future__ import annotations

import re
import subprocess

from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.core.settings import Settings
from jixiao.sources import load_all

ONE = [p for p in SAMPLES if p.name == "11.json"]
LONG = "某某自治县人民政府办公室某某县农业农村工作领导小组办公室室"   # 29 characters
LONGER = LONG + "某某某某某"                                            # 34: too long to condense
NOTICE = "《关于开展2023年度预算绩效自评工作的通知》（县财绩〔2024〕1号）"


def _build(tmp_path, signer, pdf=True):
    batch = load_all(ONE)
    settings = Settings(signer=signer, doc_no="县交函[2024]3号", notice=NOTICE, contact="王某", phone="0316-1234567")
    return {p.name: p for p in R.build_reports(batch, settings, tmp_path, pdf=pdf,
                                                 check=check_batch(batch, get_profile(None)))}


def _lines(pdf):
    """(page, xMin, xMax, text) of each line LibreOffice set."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for k, part in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>', part, re.S):
            out.append((k, float(m[1]), float(m[2]), "".join(re.findall(r">([^<]+)</word>", m[3]))))
    return out


def _spacing(par):
    vals = {r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) if r._r.rPr is not None
            and r._r.rPr.find(qn("w:spacing")) is not None else None for r in par.runs}
    assert len(vals) == 1
    v = vals.pop()
    return None if v is None else int(v)


def test_a_long_signer_keeps_the_letter_on_its_first_page(tmp_path):
    need_libreoffice()
    built = _build(tmp_path, LONG)
    lines = _lines(built["报送函.pdf"])
    assert {page for page, *_ in lines} == {1}, lines
    texts = [t for *_, t in lines]
    assert texts[-3:] == [LONG, "2023年3月1日", "（联系人：王某；联系电话：0316-1234567）"]
    doc = Document(str(built["报送函.docx"]))
    sec = doc.sections[0]
    right_edge = (sec.page_width - sec.right_margin) / 12700
    left_edge = sec.left_margin / 12700
    _p, x0, x1, _t = lines[-3]
    assert left_edge - 1 <= x0 and x1 <= right_edge + 1   # one line, inside the text block
    _p, d0, d1, _t = lines[-2]
    assert 3 * 16 - 4 <= right_edge - d1 <= 4 * 16 + 8    # the date keeps its 右空四字
    # the same name in the letterhead, on one line over the red line (``_fit_mark``)
    assert texts[0] == LONG


def test_the_long_signer_is_condensed_in_the_docx_and_counted_as_one_line(tmp_path):
    from jixiao.reports.pagefit import paragraph_lines
    from jixiao.reports.render import CONDENSE_MAX
    from jixiao.reports.templates import BODY_PT

    doc = Document(str(_build(tmp_path, LONG, pdf=False)["报送函.docx"]))
    sign = [p for p in doc.paragraphs if p.style.name == "落款"]
    assert [p.text for p in sign] == [LONG, "2023年3月1日"]
    twips = _spacing(sign[0])
    assert twips is not None and -CONDENSE_MAX * BODY_PT * 20 <= twips < 0
    assert _spacing(sign[1]) is None   # the date as it was
    sec = doc.sections[0]
    width = (sec.page_width - sec.left_margin - sec.right_margin) / 12700
    assert paragraph_lines(sign[0], width, BODY_PT) == 1
    right = sign[0].paragraph_format.right_indent
    assert right is None or right == 0   # flush with the right edge: too long to centre on the date


def test_a_short_signer_and_one_too_long_to_condense_are_not_condensed(tmp_path):
    from jixiao.reports.pagefit import paragraph_lines
    from jixiao.reports.templates import BODY_PT

    for signer, lines in (("某某县人民政府办公室", 1), (LONGER, 2)):
        doc = Document(str(_build(tmp_path / str(lines), signer, pdf=False)["报送函.docx"]))
        name = next(p for p in doc.paragraphs if p.style.name == "落款")
        assert name.text == signer and _spacing(name) is None
        sec = doc.sections[0]
        assert paragraph_lines(name, (sec.page_width - sec.left_margin - sec.right_margin) / 12700, BODY_PT) == lines


def test_the_reports_signature_is_condensed_alike(tmp_path):
    """The 项目支出绩效自评报告 ends with the same 署名 and date: on one line there too."""
    need_libreoffice()
    built = _build(tmp_path, LONG)
    texts = [t for *_, t in _lines(built["项目支出绩效自评报告.pdf"])]
    i = texts.index(LONG)
    assert texts[i + 1] == "2023年3月1日"
