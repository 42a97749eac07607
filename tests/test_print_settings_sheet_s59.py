"""The 设置 sheet is not printed with the forms (stop 59).

A workbook printed whole (Excel's 打印整个工作簿, LibreOffice's print or PDF export of all sheets) printed
the 设置 sheet as a page of its own, and the forms' footers counted it: the blank project template
printed as two pages, its form saying “第 1 页，共 2 页”, the settings table on page 2. The 设置 sheet's
print area is now one empty cell: LibreOffice leaves that blank page out and does not count it, Excel
leaves a blank page out of a job. Checked from the files (the print settings) and from LibreOffice's
PDF (pages, the footers' numbers, no settings text on paper)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main as cli_main
from jixiao.core.settings import FIELDS, SETTINGS_SHEET

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "xlsx_templates"
WITH_SETTINGS = ["项目支出绩效自评表.xlsx", "项目支出绩效自评表.xlsm", "部门整体支出绩效自评表.xlsx"]


def _pdf(src: Path, outdir: Path) -> tuple[int, str]:
    from jixiao.excel.office import convert

    pdf = convert(src, "pdf", outdir)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def _nothing_to_print(ws) -> list[str]:
    """What the sheet's print area holds that would print: values, borders, fills (empty: nothing)."""
    assert ws.print_area, f"{ws.title} has no print area: printed whole"
    c1, r1, c2, r2 = range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))
    out = []
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for c in row:
            b = c.border
            if c.value not in (None, "") or (c.fill is not None and c.fill.fill_type) or any(
                    getattr(getattr(b, s), "style", None) for s in ("left", "right", "top", "bottom")):
                out.append(c.coordinate)
    return out


@pytest.mark.parametrize("name", WITH_SETTINGS)
def test_the_templates_settings_sheet_prints_nothing(name):
    wb = openpyxl.load_workbook(TEMPLATES / name)
    ws = wb[SETTINGS_SHEET]
    assert ws.max_row >= len(FIELDS) + 1   # the settings are there, on screen
    assert not _nothing_to_print(ws)
    form = wb.worksheets[0]
    assert form.title != SETTINGS_SHEET and _nothing_to_print(form)   # the form prints as before


@pytest.mark.parametrize("name, pages", [("项目支出绩效自评表.xlsx", 1), ("部门整体支出绩效自评表.xlsx", None)])
def test_a_template_printed_whole_is_its_form_and_counts_its_pages(tmp_path, name, pages):
    """LibreOffice's PDF of the whole template: the form's pages only, each footer numbering them (from 1,
    with no count of the job since s65: ``test_whole_workbook_print_s65``)."""
    need_libreoffice()
    got, text = _pdf(TEMPLATES / name, tmp_path)
    if pages is not None:
        assert got == pages
    footers = re.findall(r"第\s*(\d+)\s*页", text)
    assert [int(k) for k in footers] == list(range(1, got + 1)), footers
    assert not any(label in text for label in ("收件邮箱", "发件邮箱", "评分方案")), "设置 printed"


def test_a_filled_workbook_with_a_settings_sheet_prints_its_forms_only(tmp_path):
    """fill --profile records the 评分方案 on a 设置 sheet (the buttons write the same sheet): two forms
    print as two pages, not three."""
    need_libreoffice()
    book = tmp_path / "两张表.xlsx"
    forms = sorted(SAMPLES)[:2]
    assert cli_main(["fill", *map(str, forms), "-o", str(book), "--profile", "优≥80"]) == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-1] == SETTINGS_SHEET and not _nothing_to_print(wb[SETTINGS_SHEET])
    got, text = _pdf(book, tmp_path / "pdf")
    assert got == 2 and "评分方案" not in text
