"""A 年度指标值 typed “95%” into a cell not formatted as text is the number 0.95 with a per-cent format:
read as the sheet shows it (“95%”), not as “0.95” (C12 “只有数字，应写明计量单位” of a unit the filler wrote).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from jixiao.excel.workbook import write_forms
from jixiao.forms.project import layout as L
from jixiao.forms.project.model import parse_form
from review_fixture import run_cli
from test_rules import clean

CORPUS = Path(__file__).parent / "corpus"


def _check(path: Path) -> list[dict]:
    code, out = run_cli("check", str(path), "--json")
    return json.loads(out)


def _typed(ws, ref: str, number: float, fmt: str = "0%") -> None:
    ws[ref].value = number
    ws[ref].number_format = fmt


def _at(found: list[dict], cell: str, sheet: str | None = None) -> list[tuple[str, str | None]]:
    return [(f["rule"], f.get("found")) for f in found if f["cell"] == cell and (sheet is None or f["sheet"] == sheet)]


def test_a_target_typed_as_a_per_cent_in_our_template(tmp_path):
    d = clean()
    book = write_forms([parse_form(d)], tmp_path / "表.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    row = L.FIRST_IND + 6                                  # 服务对象满意度 ≥95% / 96%
    assert ws[f"E{row}"].value == "≥95%"
    _typed(ws, f"E{row}", 0.95)                            # the filler typed 95% over the format ‘@’ was cleared
    _typed(ws, f"F{row}", 0.96, "0.00%")
    wb.save(book)
    found = _check(book)
    assert ("C12", "0.95") not in _at(found, f"E{row}")
    # read as it shows: “95%” has no direction (C2), the 96% beside it scores as before
    assert _at(found, f"E{row}") == [("C2", "95%")]
    assert _at(found, f"F{row}") == []


def test_a_target_typed_as_a_per_cent_in_another_layout(tmp_path):
    src = CORPUS / "01-merged-levels.xlsx"
    cells = json.loads((CORPUS / "01-merged-levels.cells.json").read_text(encoding="utf-8"))[0]
    target, actual = cells["indicators[1].target"], cells["indicators[1].actual"]     # 足额发放率 100% / 100%
    book = tmp_path / src.name
    shutil.copy(src, book)
    before = _check(book)
    wb = openpyxl.load_workbook(book)
    ws = next(ws for ws in wb.worksheets if ws[target].value == "100%" and ws[actual].value == "100%")
    _typed(ws, target, 1)
    _typed(ws, actual, 1)
    wb.save(book)
    after = _check(book)
    assert _at(after, target, ws.title) == _at(before, target, ws.title) == [("C2", "100%")]
    assert ("C12", "1") not in _at(after, target, ws.title)


@pytest.mark.parametrize("fmt, read", [("General", "0.95"), ("0.00", "0.95")])
def test_a_number_not_shown_as_a_per_cent_stays_as_it_is(tmp_path, fmt, read):
    d = clean()
    book = write_forms([parse_form(d)], tmp_path / "表.xlsx")
    wb = openpyxl.load_workbook(book)
    row = L.FIRST_IND + 6
    _typed(wb.worksheets[0], f"E{row}", 0.95, fmt)
    wb.save(book)
    assert ("C12", read) in _at(_check(book), f"E{row}")


def test_a_target_typed_as_a_per_cent_in_an_xls(tmp_path):
    """The same in the Excel 97–2003 format WPS and older Excel save (stop 53): its number formats are read
    with xlrd; the .xls is written by LibreOffice from the .xlsx, as a department's program would save it."""
    from jixiao.excel.office import convert

    src = CORPUS / "01-merged-levels.xlsx"
    cells = json.loads((CORPUS / "01-merged-levels.cells.json").read_text(encoding="utf-8"))[0]
    target, actual = cells["indicators[1].target"], cells["indicators[1].actual"]     # 足额发放率 100% / 100%
    wb = openpyxl.load_workbook(src)
    ws = next(ws for ws in wb.worksheets if ws[target].value == "100%" and ws[actual].value == "100%")
    _typed(ws, target, 1)
    _typed(ws, actual, 1)
    wb.save(tmp_path / "表.xlsx")
    xls = convert(tmp_path / "表.xlsx", "xls", tmp_path / "xls")
    after = _check(xls)
    assert _at(after, target, ws.title) == [("C2", "100%")]       # was C12 “年度指标值“1”只有数字”
    assert _at(after, actual, ws.title) == []
