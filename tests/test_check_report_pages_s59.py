"""The 校验报告 prints its page numbers (stop 59).

The 填报人's own check report runs to some 27 pages for the 23 demo forms, and it had no footer: printed to
work through at the desk, its pages could not be put back in order or seen to be all there. Each page
now says “第 N 页，共 M 页” at its foot, as the forms do. Checked in LibreOffice's PDF."""

from __future__ import annotations

import re
import subprocess

from docx import Document

from conftest import SAMPLES, need_libreoffice
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.sources import load_all


def test_the_check_report_numbers_its_pages(tmp_path):
    need_libreoffice()
    from jixiao.reports.fonts import to_pdf

    batch = load_all(sorted(SAMPLES)[:6])
    paths = R.build_reports(batch, None, tmp_path, check=check_batch(batch, get_profile(None)), force=True)
    report = next(p for p in paths if p.name == "校验报告.docx")
    footer = Document(str(report)).sections[0].footer
    xml = footer._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml and footer.paragraphs[0].text.startswith("第 ")
    pdf = to_pdf(report, tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    got = [(int(a), int(b)) for a, b in re.findall(r"第\s*(\d+)\s*页，共\s*(\d+)\s*页", text)]
    assert pages > 1 and got == [(k, pages) for k in range(1, pages + 1)]
