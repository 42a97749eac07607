"""``SheetSpec.row_breaks``: a printed page starts at each of these rows, in each writer of a plan —
openpyxl (a sheet added to an existing workbook), XlsxWriter (a new workbook) — and in LibreOffice's
printout of both, the sheet still fitted to the page's width. (The Excel add-in's writer:
tests/test_addin_host.py.)"""

from __future__ import annotations

import openpyxl
import pytest

from conftest import need_libreoffice
from jixiao.excel.apply import apply_plan
from jixiao.excel.office import convert
from jixiao.excel.plan import Plan, SheetSpec
from jixiao.excel.write_new import write_plan


def _spec() -> SheetSpec:
    cells = {f"A{r}": f"第{r}行" for r in range(1, 61)}
    return SheetSpec("分页", cells=cells, print_area="A1:C60", row_breaks=[10, 30])


def _openpyxl(path):
    wb = openpyxl.Workbook()
    apply_plan(wb, Plan([_spec()]))
    del wb["Sheet"]
    wb.save(path)
    return path


def _xlsxwriter(path):
    return write_plan(Plan([_spec()]), path)


@pytest.mark.parametrize("write", [_openpyxl, _xlsxwriter])
def test_the_breaks_are_in_the_file(tmp_path, write):
    ws = openpyxl.load_workbook(write(tmp_path / "b.xlsx"))["分页"]
    assert [b.id for b in ws.row_breaks.brk] == [9, 29]  # above rows 10 and 30
    assert all(b.man for b in ws.row_breaks.brk)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, "1", None)
    assert ws.page_setup.fitToHeight in (0, "0")


@pytest.mark.libreoffice
@pytest.mark.parametrize("write", [_openpyxl, _xlsxwriter])
def test_libreoffice_starts_a_page_at_each_break(tmp_path, write):
    need_libreoffice()
    import subprocess

    pdf = convert(write(tmp_path / "b.xlsx"), "pdf", tmp_path / "pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    firsts = [p.split()[0] for p in pages if p.strip()]
    assert firsts == ["第1行", "第10行", "第30行"]
