"""The page number “第 1 页” prints whole under a form that runs over pages.

LibreOffice gives an .xlsx footer the bottom margin less the footer's distance from the page's
edge: with openpyxl's default distance (0.5 in) under a 0.6 in margin that was a 0.1 in strip, and
the 9 pt line printed cut in half (项目表, 评价表) or not at all (部门整体表, 0.5 in margin)."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from conftest import need_libreoffice
from jixiao.excel.office import convert
from jixiao.forms import by_key

DPI = 144


@pytest.mark.parametrize("key", ["project", "department", "evaluation"])
def test_the_page_number_prints_whole(key, tmp_path):
    need_libreoffice()
    wb = by_key(key).template_workbook()
    assert wb is not None
    src = tmp_path / f"{key}.xlsx"
    wb.save(src)
    pdf = convert(src, "pdf", tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                   check=True)
    page = Image.open(next(tmp_path.glob("p-*1.png"))).convert("L")
    w, h = page.size
    ink = page.crop((0, h - DPI, w, h)).point(lambda v: 255 if v < 128 else 0).getbbox()  # the bottom inch
    assert ink is not None, "页码没有印出来"
    left, top, right, bottom = ink
    # “第 1 页” whole is about a third as tall as it is wide (0.31–0.33 at 144 dpi); cut in half, a sixth
    # (“第 1 页，共 N 页” before s65: an eighth whole, a fourteenth cut)
    assert (bottom - top) / (right - left) > 0.22, ink
