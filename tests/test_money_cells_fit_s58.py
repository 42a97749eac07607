"""A money figure typed into the template prints whole, not as “###” (filler QA, s58).

``fill`` widens a 万元 column for the figures it writes (``fit.money_width``); a 填报人 typing into the
template gets no such help: 120000.5678 万元 (4 decimals, as the 0.00#### format shows them) in the
12-unit 全年执行数 column printed “###” in LibreOffice (Excel and WPS do the same for a number wider
than its cell). The money input cells shrink such a figure to fit instead of wrapping.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import need_libreoffice

TEMPLATES = Path(__file__).resolve().parent.parent / "xlsx_templates"
TYPED = {
    "项目支出绩效自评表.xlsx": {"C7": 123456.7891, "D7": 123456.7891, "E7": 120000.5678,
                               "D8": 100000.1234, "E8": 100000.1234},
    "项目支出绩效评价表.xlsx": {"D6": 123456.7891, "H6": 120000.5678},
}


@pytest.mark.parametrize("name", list(TYPED))
def test_money_input_cells_shrink_rather_than_wrap(name):
    ws = openpyxl.load_workbook(TEMPLATES / name).worksheets[0]
    for ref in TYPED[name]:
        a = ws[ref].alignment
        assert a.shrink_to_fit and not a.wrap_text and not ws[ref].protection.locked, (name, ref)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(TYPED))
def test_libreoffice_prints_a_typed_money_figure_whole(tmp_path, name):
    from jixiao.excel.office import convert

    need_libreoffice()
    book = tmp_path / name
    shutil.copy(TEMPLATES / name, book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for other in wb.worksheets[1:]:
        wb.remove(other)
    for ref, v in TYPED[name].items():
        ws[ref] = v
    wb.save(book)
    pdf = convert(book, "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "###" not in text
    for v in set(TYPED[name].values()):
        assert f"{v:.4f}" in text, v
