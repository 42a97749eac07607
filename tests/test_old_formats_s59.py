"""The 填报人 of a county office with old software: a macro workbook (.xlsm, the template with its
buttons), an Excel 97–2003 .xls, a WPS .et — every command writes what it says it writes.

Before: ``summarize 自评表.xlsm -o 汇总表.xlsx`` wrote the linked copy of the macro workbook with its
vbaProject.bin and the macro-enabled content type under the name .xlsx — Excel refuses to open such a
file (“文件格式或文件扩展名无效”), as it refuses the copies ``test_output_names`` covers for ``calc``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell

from conftest import SAMPLES
from review_fixture import run_cli

ROOT = Path(__file__).resolve().parents[1]
XLSM = ROOT / "xlsx_templates" / "项目支出绩效自评表.xlsm"
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _workbook_type(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
    m = re.search(r'PartName="/xl/workbook.xml" ContentType="([^"]+)"', types)
    assert m, types
    return m.group(1)


def _parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def filled_xlsm(tmp_path: Path) -> Path:
    """The .xlsm template (macros, buttons) with a sample form typed into its form sheet, as a 填报人
    fills it in Excel: the cells of ``fill``'s .xlsx of the same form, the template's formulas kept."""
    plain = tmp_path / "plain.xlsx"
    code, _ = run_cli("fill", str(SAMPLES[0]), "-o", str(plain))
    assert code == 0
    src = openpyxl.load_workbook(plain).worksheets[0]
    wb = openpyxl.load_workbook(XLSM, keep_vba=True)
    ws = wb["项目支出绩效自评表"]
    for row in src.iter_rows():
        for cell in row:
            target = ws[cell.coordinate]
            if cell.value is None or isinstance(cell, MergedCell) or isinstance(target, MergedCell):
                continue
            if isinstance(target.value, str) and target.value.startswith("="):
                continue  # the template's own formula stays
            target.value = cell.value
    ws.title = src.title
    book = tmp_path / "自评表.xlsm"
    wb.save(book)
    wb.close()
    assert "xl/vbaProject.bin" in _parts(book)
    return book


def test_the_summary_of_a_macro_workbook_named_xlsx_is_a_real_xlsx(tmp_path):
    book = filled_xlsm(tmp_path)
    out = tmp_path / "汇总表.xlsx"
    code, _ = run_cli("summarize", str(book), "-o", str(out))
    assert code == 0
    assert _workbook_type(out) == PLAIN_TYPE
    assert not [n for n in _parts(out) if "vba" in n.lower()]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "汇总表" and "项目明细" in wb.sheetnames   # still the linked copy of the forms
