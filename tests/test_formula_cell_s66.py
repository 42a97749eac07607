"""Whether one cell holds a formula, asked per form by D11, D12, D14, F12 and V8 (``forms.sums.holds_formula``).

s66: every form whose 总分 the rules speak of opened its workbook again, read workbook.xml and its rels, and
parsed the whole sheet part to learn whether ONE cell is a formula: on 10 benchmark workbooks ~370 look-ups,
about as much CPU as the rest of the checking (issue #18). Now one ``FileFormulas`` per file while it is read
and checked (``typed.one_file``), its package read once, and the one cell found by pattern in the part
(``excel.cache.Package.holds_formula``). These tests hold the pattern to openpyxl's answer for every cell
of real workbooks, and the scope to reading a file saved again afresh."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from jixiao.excel.cache import Package
from jixiao.forms.project.typed import FileFormulas, formulas_in_file, one_file
from jixiao.forms.sums import holds_formula

ROOT = Path(__file__).resolve().parent.parent
BOOKS = [*sorted((ROOT / "xlsx_templates").glob("*.xls[xm]")), *sorted((ROOT / "tests" / "corpus").glob("0[1-4]*.xlsx")),
         *sorted((ROOT / "tests" / "data" / "clerk_s64").glob("*.xlsx"))[:2]]


def _truth(path: Path) -> dict[str, tuple[set[str], list[str]]]:
    """Per sheet: the cells openpyxl reads as formulas, and every cell of its used range."""
    wb = openpyxl.load_workbook(path)
    try:
        out = {}
        for ws in wb.worksheets:
            cells = [c.coordinate for row in ws.iter_rows() for c in row]
            out[ws.title] = ({c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}, cells)
        return out
    finally:
        wb.close()


@pytest.mark.parametrize("path", BOOKS, ids=[p.name for p in BOOKS])
def test_one_cell_asked_is_what_openpyxl_reads(path):
    assert BOOKS and len(BOOKS) >= 5
    package, formulas = Package(path), FileFormulas(path)
    said = 0
    for sheet, (held, cells) in _truth(path).items():
        for ref in cells:
            quick = package.holds_formula(sheet, ref)
            if quick is not None:
                said += 1
                assert quick == (ref in held), (path.name, sheet, ref)
            assert formulas.holds(sheet, ref) == (ref in held), (path.name, sheet, ref)
    assert said > 0   # the pattern answered, not only the slow way


def test_rich_text_and_empty_styled_cells_are_no_formula(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"] = CellRichText(TextBlock(InlineFont(rFont="宋体", family=2), "甲"), "乙")   # <rPr><family val="2"/>
    ws["A2"].number_format = "0.00"   # a styled empty cell: <c r="A2" s="1"/>
    ws["A3"] = "=SUM(1,2)"
    ws["B3"] = "<f>"   # text that looks like the tag
    path = tmp_path / "r.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        part = z.read("xl/worksheets/sheet1.xml")
    assert b"<family" in part and b'<c r="A2" s="1" t="n"></c>' in part
    package = Package(path)
    assert [package.holds_formula("表1", r) for r in ("A1", "A2", "A3", "B3", "Z9")] == [False, False, True, False, False]
    assert package.holds_formula("没有这张表", "A1") is False
    # as LibreOffice writes a styled empty cell, just before a formula cell
    short = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(short, "w") as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="A2" s="1" t="n"></c>', b'<c r="A2" s="1"/><c r="B2"><f>A3</f><v>3</v></c>')
            out.writestr(info, data)
    package = Package(short)
    assert [package.holds_formula("表1", r) for r in ("A2", "B2", "A3")] == [False, True, True]


def test_one_file_shares_and_a_file_saved_again_is_read_afresh(tmp_path):
    src = ROOT / "xlsx_templates" / "项目支出绩效自评表.xlsx"
    path = tmp_path / "自评表.xlsx"
    shutil.copy(src, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ref = next(c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f")
    sheet = ws.title
    with one_file():
        first = formulas_in_file(path)
        assert formulas_in_file(str(path)) is first and holds_formula(str(path), sheet, ref)
        with one_file():   # nested: the same scope
            assert formulas_in_file(path) is first
    assert formulas_in_file(path) is not first   # outside: made anew
    ws[ref] = 42   # the 填报人 types over the formula and saves
    wb.save(path)
    with one_file():
        assert not holds_formula(str(path), sheet, ref)


def test_a_workbook_not_read_by_pattern_is_read_as_before(tmp_path):
    assert holds_formula(str(tmp_path / "没有.xlsx"), "表1", "A1") is False
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a zip")
    assert Package(bad).holds_formula("表1", "A1") is None
    assert holds_formula(str(bad), "表1", "A1") is False
    assert holds_formula(str(tmp_path / "a.xls"), "表1", "A1") is False
