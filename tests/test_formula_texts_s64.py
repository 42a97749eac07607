"""A sheet's formulas read by pattern from its part (``excel.cache.formula_texts``), as openpyxl gives them.

s64: the X7 check of a row inserted above 总分 looked up the 总分 formulas of every form whose 总分 the rows do
not add up to, and each look loaded the whole workbook with openpyxl (~0.4 s a 100-form workbook): ``check`` of
10 benchmark workbooks took 7.4 s of CPU where it had taken 1.2 s. The formulas are now read from the one
sheet's part; a sheet the pattern cannot say exactly (a shared formula, which openpyxl translates per cell)
is still read with openpyxl."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

from jixiao.excel.cache import formula_texts
from jixiao.forms.project.typed import _sheet_formulas

DATA = Path(__file__).resolve().parent / "data" / "clerk_s64"


def _openpyxl_formulas(path: Path, sheet: str) -> dict[str, str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {c.coordinate: str(getattr(c.value, "text", c.value))
                for row in wb[sheet].iter_rows() for c in row if getattr(c, "data_type", None) == "f"}
    finally:
        wb.close()


def test_plain_formulas_read_by_pattern_are_openpyxls(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "甲 表"
    ws["A1"], ws["A2"] = 1, 2
    ws["B1"] = '=IF(A1<2,"a&b",\'甲 表\'!A2)'
    ws["B2"] = "=SUM(A1:A2)"
    ws["C1"] = ArrayFormula("C1:C2", "=A1:A2*2")
    ws["D1"] = "文字"
    wb.create_sheet("乙")["A1"] = "=1+1"
    path = tmp_path / "f.xlsx"
    wb.save(path)
    got = formula_texts(path, ["甲 表", "乙", "没有这张表"])
    assert got["甲 表"] == _openpyxl_formulas(path, "甲 表") and len(got["甲 表"] or {}) == 3
    assert got["乙"] == {"A1": "=1+1"} and got["没有这张表"] == {}


def _shared(src: Path, dst: Path) -> None:
    """``src`` with B2:B3 one shared formula (as Excel writes a filled-down column)."""
    with zipfile.ZipFile(src) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (data.replace(b'<c r="B2"><f>A2*2</f><v></v></c>',
                                     b'<c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v></v></c>')
                        .replace(b'<c r="B3"><f>A3*2</f><v></v></c>', b'<c r="B3"><f t="shared" si="0"/><v></v></c>'))
                assert b'si="0"/>' in data
            z.writestr(info, data)


def test_a_sheet_with_a_shared_formula_is_read_with_openpyxl(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in (2, 3):
        ws[f"A{r}"], ws[f"B{r}"] = r, f"=A{r}*2"
    wb.create_sheet("其他")["A1"] = "=SUM(Sheet!B2:B3)"
    wb.save(tmp_path / "plain.xlsx")
    book = tmp_path / "shared.xlsx"
    _shared(tmp_path / "plain.xlsx", book)
    got = formula_texts(book, ["Sheet", "其他"])
    assert got["Sheet"] is None and got["其他"] == {"A1": "=SUM(Sheet!B2:B3)"}   # the pattern does not say it
    said = _sheet_formulas(book, ["Sheet", "其他"])
    assert said["Sheet"] == _openpyxl_formulas(book, "Sheet") == {"B2": "=A2*2", "B3": "=A3*2"}   # translated
    assert said["其他"] == got["其他"]


def test_the_inserted_row_above_total_is_found_without_loading_the_workbook(tmp_path, monkeypatch):
    """The X7 finding of the clerk's workbook (a row inserted right above 总分) stands, its formulas read by
    pattern: openpyxl does not load the workbook while its forms are read."""
    from jixiao.sources import read_workbook_forms

    book = tmp_path / "b.xlsx"
    shutil.copy(DATA / "教育局-插在总分上方.xlsx", book)
    loads: list[str] = []
    real = openpyxl.load_workbook

    def counted(path, *a, **kw):
        loads.append(str(path))
        return real(path, *a, **kw)
    monkeypatch.setattr(openpyxl, "load_workbook", counted)
    found, _problems = read_workbook_forms(book)
    short = [sf for sf in found if getattr(sf, "short_sums", None) is not None]
    assert short and short[0].short_sums.summed[1] < short[0].short_sums.every[1]
    assert loads == [], loads
