"""The faster openpyxl reader/writer (``jixiao.excel.fastopenpyxl``) changes no byte of a copy.

Every workbook here is opened and copied twice, with openpyxl's own functions and with the
replacements, and the two packages are compared part by part (core.xml's timestamps aside):
real filled forms, the official templates, the sample layouts (.xls converted ones, WPS, an
.xlsm), and two workbooks made to hold what the fast paths leave to openpyxl (formulas, dates,
booleans, errors, rich and inline strings, comments already present, hyperlinks, validations
over several ranges, merged cells with borders, protection).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.core.findings import Finding
from jixiao.excel import apply, fastopenpyxl as fo
from jixiao.excel.plan import annotation_plan

pytestmark = pytest.mark.skipif(not fo.supported(), reason="这个 openpyxl 版本上不替换（fastopenpyxl.TESTED）")

CORPUS = Path(__file__).resolve().parent / "corpus"
_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _package(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        # the members' headers too, but for their time
        parts["(headers)"] = repr([(i.filename, i.compress_type, i.external_attr, i.flag_bits, i.create_system,
                                    i.create_version, i.extract_version, i.internal_attr, i.extra, i.comment)
                                   for i in z.infolist()]).encode()
    parts["docProps/core.xml"] = _TIMES.sub(b"", parts.get("docProps/core.xml", b""))
    parts["(order)"] = "\n".join(parts).encode()
    return parts


@pytest.fixture()
def mode(monkeypatch):
    """``mode(fast)``: openpyxl's own functions, or the replacements, for the next load and save."""
    real = fo.install

    def use(fast: bool) -> None:
        fo.uninstall()
        monkeypatch.setattr(fo, "install", real if fast else (lambda: None))
        if fast:
            real()

    yield use
    fo.uninstall()


def _tricky_xlsxwriter(path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True, "font_color": "#C00000", "bg_color": "#FFF2CC", "border": 1})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "locked": False})
    money = wb.add_format({"num_format": "#,##0.00_ ", "hidden": True, "align": "center", "text_wrap": True})
    box = wb.add_format({"top": 2, "left": 1, "right": 5, "bottom": 6, "valign": "vcenter"})
    for name in ("甲", "乙"):
        ws = wb.add_worksheet(name)
        ws.write("A1", "  前后有空格  ", bold)
        ws.write("A2", "单位名称")
        ws.write_rich_string("A3", "预算", bold, "执行率", "（%）")
        ws.write("B2", 1234.5, money)
        ws.write("B3", -7)
        ws.write("B4", 1e-7)
        ws.write("B5", 12345678901234)
        ws.write_formula("C2", "=SUM(B2:B5)", money, 12345678902462.5)
        ws.write_formula("C3", '=IF(B3<0,"负","正")', None, "负")
        ws.write_formula("C4", "=1/0", None, "#DIV/0!")
        ws.write_array_formula("C5:C6", "{=B2:B3*2}")
        ws.write_datetime("D2", dt.datetime(2024, 3, 31), date)
        ws.write_boolean("D3", True)
        ws.write_url("D4", "https://example.com/表", string="链接")
        ws.write_url("D5", "internal:'乙'!A1", string="跳到乙")
        ws.write_blank("D6", None, bold)
        ws.merge_range("E2:G4", "合并的单元格", box)
        ws.merge_range("E6:F9", "", box)
        ws.write_comment("A2", "已有的批注\n第二行", {"author": "某人"})
        ws.write_comment("B3", "另一条批注")
        ws.write_comment("J20", "  前后有空格的批注 ", {"author": " "})  # no finding there: kept as read
        ws.write_comment("C3", "")
        ws.data_validation("B2:B5", {"validate": "decimal", "criteria": ">=", "value": 0,
                                     "input_title": "金额", "input_message": "填写金额（万元）"})
        ws.data_validation("H2", {"validate": "list", "source": ["优", "良", "中", "差"]})
        ws.data_validation("H3:H5", {"validate": "list", "source": ["优", "良", "中", "差"]})
        ws.data_validation("I2:I3", {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 9,
                                     "error_title": "次数", "error_message": "1 到 9"})
        ws.set_row(7, 30, money)
        ws.set_column("J:J", 18, date)
    wb.close()
    return path


def _tricky_openpyxl(src: Path, path: Path) -> Path:
    """The same workbook after a round through openpyxl: inline strings, its own comments and VML."""
    wb = openpyxl.load_workbook(src)
    ws = wb["乙"]
    ws["K1"] = "=A2&B2"
    ws["K2"] = " 行首空格"
    ws["K3"] = dt.date(2020, 2, 29)
    ws["K4"] = False
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fastopenpyxl")
    filled = folder / "填好的表.xlsx"
    assert main(["fill", *map(str, SAMPLES[:6]), "-o", str(filled)]) == 0
    tricky = _tricky_xlsxwriter(folder / "杂.xlsx")
    return [filled, tricky, _tricky_openpyxl(tricky, folder / "杂-openpyxl.xlsx"),
            *sorted(REPO_TEMPLATES.glob("*.xlsx")), *sorted(CORPUS.glob("*.xls[xm]"))]


def _plan(path: Path):
    """Findings on ordinary, merged, commented and empty cells of every sheet (the copy of
    ``review`` marks each and adds the 校验结果 sheet)."""
    wb = openpyxl.load_workbook(path)
    findings = []
    for ws in wb.worksheets:
        cells = [c.coordinate for row in ws.iter_rows(max_row=min(ws.max_row, 40)) for c in row
                 if c.value is not None][:6]
        merged = [str(r).split(":")[1] for r in list(ws.merged_cells.ranges)[:2]]
        for k, ref in enumerate([*cells, *merged, "A2", "B3", "Z99"]):
            findings.append(Finding(f"A{k}", ("error", "warning", "info")[k % 3], "字段", f"第{k}条：“{ref}”不对",
                                    expected=k * 1.5 if k % 2 else None, file=str(path), sheet=ws.title, cell=ref))
    return annotation_plan(findings, set(wb.sheetnames))


def _copy(path: Path, out: Path, plan, fast: bool, mode) -> dict[str, bytes]:
    mode(fast)
    apply.apply_to_copy(path, out, plan)
    assert fo.installed() is fast  # the copy really ran the path it is compared for
    return _package(out)


def test_copies_are_the_same_part_by_part(books, mode, tmp_path):
    for path in books:
        plan = _plan(path)
        suffix = path.suffix
        plain = _copy(path, tmp_path / f"plain{suffix}", plan, False, mode)
        fast = _copy(path, tmp_path / f"fast{suffix}", plan, True, mode)
        assert plain.keys() == fast.keys(), path.name
        assert [n for n in plain if plain[n] != fast[n]] == [], path.name
        assert any(n.startswith("xl/comments") for n in fast), path.name  # the marks are really there


def _cells(path: Path, fast: bool, mode) -> dict:
    mode(fast)
    wb = apply.load_for_edit(path)
    out = {}
    for ws in wb.worksheets:
        for key, c in ws._cells.items():
            v = c._value
            if not isinstance(v, (str, int, float, dt.date, dt.time, dt.timedelta, type(None))):
                v = (type(v).__name__, getattr(v, "ref", None), getattr(v, "text", None), str(v) if isinstance(v, list) else "")  # ArrayFormula, rich text
            out[ws.title, key] = (type(c).__name__, type(c._value).__name__, v, c.data_type, tuple(c._style or ()),
                                  repr(c.hyperlink), repr(getattr(c, "comment", None)))
        out[ws.title, "dv"] = [(repr(dv), str(dv.sqref)) for dv in ws.data_validations.dataValidation]
    return out


def test_every_cell_reads_the_same(books, mode):
    for path in books:
        assert _cells(path, True, mode) == _cells(path, False, mode), path.name


def test_the_fast_paths_ran(books, mode):
    """The tricky workbook's cells went through both the fast path and openpyxl's own (so the
    comparisons above cover both), and its validations through the memo."""
    mode(True)
    fo._DVL_READ.clear()
    fo._DV_WRITE.clear()
    wb = apply.load_for_edit(books[1])
    assert len(fo._DVL_READ) == 1  # 甲 and 乙 carry the same validations: read once, copied once
    a, b = wb["甲"].data_validations, wb["乙"].data_validations
    assert a is not b and a.dataValidation[0] is not b.dataValidation[0]
    assert a.dataValidation[0].sqref is not b.dataValidation[0].sqref
    kinds = {c.data_type for c in wb["甲"]._cells.values()}
    assert {"n", "s", "f", "d", "b"} <= kinds


def test_edited_validations_are_written_as_edited(books, mode, tmp_path):
    """A copied validation is its own object: editing one sheet's leaves the other's alone, and the
    edit reaches the file (the write memo keys on the whole state)."""
    saved = []
    for fast in (False, True):
        mode(fast)
        for _ in range(2):  # the second round reads and writes from the memos
            wb = apply.load_for_edit(books[1])
            dv = wb["甲"].data_validations.dataValidation[0]
            dv.add("B9")
            dv.prompt = "改过的提示"
            wb["乙"].data_validations.dataValidation[-1].showErrorMessage = False
            out = tmp_path / f"{fast}.xlsx"
            apply.save_new(wb, out)
            saved.append(_package(out))
    assert all(s == saved[0] for s in saved[1:])
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    dvs = [ET.fromstring(saved[-1][f"xl/worksheets/sheet{k}.xml"]).findall(".//m:dataValidation", ns) for k in (1, 2)]
    assert [(d.get("sqref"), d.get("prompt")) for d in dvs[0]][0] == ("B2:B5 B9", "改过的提示")
    assert [(d.get("sqref"), d.get("prompt")) for d in dvs[1]][0] == ("B2:B5", "填写金额（万元）")
    assert [d.get("showErrorMessage") for d in dvs[0]][-1] == "1" and [d.get("showErrorMessage") for d in dvs[1]][-1] == "0"


def test_bad_cells_fail_the_same_way(mode, tmp_path):
    """A cell address openpyxl cannot read is the same error either way."""
    good = tmp_path / "好.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    wb.save(good)
    bad = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'r="A1"', b'r="1A"')
            zout.writestr(info, data)
    errors = []
    for fast in (False, True):
        mode(fast)
        with pytest.raises(Exception) as exc:
            openpyxl.load_workbook(bad)
        errors.append((type(exc.value), str(exc.value)))
    assert errors[0] == errors[1]


def test_the_copied_workbook_is_freed_by_the_next_young_collection(books, monkeypatch, tmp_path):
    """``apply_to_copy`` runs without the cyclic collector; the workbook (cells and sheets refer to
    each other) must be unreachable before the collector is back, or it is promoted and lives on
    with the next copies' (a worker of ``review`` held ~10 workbooks)."""
    import gc
    import weakref

    real, refs = apply.load_for_edit, []

    def load(src):
        wb = real(src)
        refs.append(weakref.ref(wb))
        return wb

    monkeypatch.setattr(apply, "load_for_edit", load)
    apply.apply_to_copy(books[0], tmp_path / "副本.xlsx", _plan(books[0]))
    gc.collect(0)
    assert len(refs) == 1 and refs[0]() is None


def test_an_xlsm_copy_leaves_nothing_for_a_finaliser(monkeypatch, tmp_path):
    """An .xlsm keeps its macro parts in an in-memory zip; dropped unclosed inside the quiet stretch,
    its finaliser ran after its buffer's and printed "Exception ignored … I/O operation on closed file"."""
    import gc
    import sys

    from jixiao.excel.plan import Plan

    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(repr(u.exc_value)))
    for k in range(2):
        out = apply.apply_to_copy(CORPUS / "10-macro-book.xlsm", tmp_path / f"副本{k}.xlsm", Plan())
        gc.collect()
        with zipfile.ZipFile(out) as z:
            assert z.testzip() is None
    assert seen == []
    wb = apply.load_for_edit(CORPUS / "10-macro-book.xlsm")
    assert wb.vba_archive is not None  # the case above really had the in-memory zip
    wb.vba_archive.close()
