"""Seen on paper (round 59): what jixiao writes, printed on A4 and handed to a leader.

- a lead-in “……如下表：” printed with its table (it sat alone at the foot of page 1 of the demo's
  整体绩效自评工作报告, the table on page 2);
"""

from __future__ import annotations

import subprocess

from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.sources import load_all


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_the_lead_in_of_a_table_is_printed_with_it(tmp_path):
    batch = load_all(SAMPLES)
    paths = R.build_reports(batch, None, tmp_path / "out", force=True)
    (report,) = [p for p in paths if p.stem == "整体绩效自评工作报告"]
    doc = Document(str(report))
    (tbl,) = doc.element.body.iterchildren(qn("w:tbl"))
    # the lead-in and the 单位：万元 under it keep with the table; its rows are not split; the header
    # row repeats and keeps with the first project
    before = [tbl.getprevious(), tbl.getprevious().getprevious()]
    assert "".join(before[1].itertext()).endswith("如下表：")
    for p in before:
        assert p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None, "".join(p.itertext())
    rows = tbl.findall(qn("w:tr"))
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    for p in rows[0].iter(qn("w:p")):
        assert p.pPr.find(qn("w:keepNext")) is not None

    need_libreoffice()
    from jixiao.excel.office import convert

    pdf = convert(report, "pdf", tmp_path / "pdf")
    (page,) = [pg for pg in _pages(pdf) if "如下表" in pg]
    assert "序号" in page and "医疗保障服务经费" in page, page


def _coloured(png) -> int:
    """How many pixels of a rendered page are clearly coloured (not black, grey or white)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    data = img.tobytes()
    return sum(1 for k in range(0, len(data), 3) if max(data[k:k + 3]) - min(data[k:k + 3]) > 60)


def test_the_check_reports_title_rule_prints_black_and_a_forms_head_keeps_with_its_problems(tmp_path):
    batch = load_all(SAMPLES)
    paths = R.build_reports(batch, None, tmp_path / "out", force=True)
    (check,) = [p for p in paths if p.stem == "校验报告"]
    doc = Document(str(check))
    bottom = doc.styles["Title"].element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "000000" and bottom.get(qn("w:themeColor")) is None
    ps = doc.paragraphs
    heads = [p for p, nxt in zip(ps, ps[1:]) if p.style.name == "Normal" and nxt.style.name == "List Bullet"]
    assert heads and all(p.paragraph_format.keep_with_next for p in heads)

    need_libreoffice()
    from jixiao.excel.office import convert, pdf_to_png

    pdf = convert(check, "pdf", tmp_path / "pdf")
    (page1,) = pdf_to_png(pdf, tmp_path / "pdf" / "check", dpi=60, last=1)
    assert _coloured(page1) == 0
