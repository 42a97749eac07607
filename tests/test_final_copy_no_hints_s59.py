"""The 定稿 carries no fill-in hint, on paper or on screen (stop 59).

The templates' hints are of two kinds: conditional formats that paint a cell the colour 校验 marks it
with (得分 below 分值 with no 偏差原因, 得分 over 分值, Σ 分值 ≠ 100, 执行数 over 预算数), and each input
cell's data-validation prompt (“填写项目全称。”) with the 一级/二级指标 drop-down lists. Excel and WPS print
the sheets in black and white (the page setup's 单色打印); LibreOffice ignores that and printed the pink of
a 偏差原因 left blank (the demo's first project, row 17). The 定稿 drops the conditional formats (tests/
test_addin.py) and now the prompts and lists as well: a copy no one fills in showed “填写……” at each cell the
bureau clicked. Checked in the file and in the PDF the 定稿 writes with LibreOffice."""

from __future__ import annotations

import zipfile

import numpy as np
import openpyxl
from PIL import Image

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main as cli_main

FIRST = next(p for p in SAMPLES if p.name == "01.json")   # its 偏差原因 at 得分 18.5 of 20 is blank


def _coloured_pixels(png) -> int:
    a = np.asarray(Image.open(png).convert("RGB")).astype(int)
    return int(((a.max(axis=2) - a.min(axis=2)) > 40).sum())


def test_the_working_form_hints_and_the_final_copy_does_not(tmp_path, capsys):
    need_libreoffice()
    from jixiao.excel.office import convert, pdf_to_png

    book = tmp_path / "工作簿.xlsx"
    assert cli_main(["fill", str(FIRST), "-o", str(book)]) == 0
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "final"), "--force"]) in (0, 1)
    capsys.readouterr()
    final = next((tmp_path / "final").glob("*.xlsx"))
    pdf = final.with_suffix(".pdf")
    assert pdf.exists()

    # the working form: the hint is there (LibreOffice prints it, so the check below can see one)
    work_pdf = convert(book, "pdf", tmp_path / "work")
    work_png = pdf_to_png(work_pdf, tmp_path / "work" / "p", dpi=60)
    assert sum(_coloured_pixels(p) for p in work_png) > 100

    # the 定稿: nothing of it in the file, nothing in colour on its pages
    with zipfile.ZipFile(final) as z:
        sheets = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<conditionalFormatting" not in sheets and "<dataValidation" not in sheets
    wb = openpyxl.load_workbook(final)
    assert all(not ws.data_validations.dataValidation and not list(ws.conditional_formatting) for ws in wb)
    pngs = pdf_to_png(pdf, tmp_path / "final" / "p", dpi=60)
    assert pngs and all(_coloured_pixels(p) == 0 for p in pngs)
    # the working workbook keeps its prompts and lists for the 填报人
    assert openpyxl.load_workbook(book).worksheets[0].data_validations.dataValidation
