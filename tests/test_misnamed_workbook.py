"""A workbook whose name says the other format (QA s41 #10): an .xls saved or renamed as .xlsx was
“无法作为工作簿打开（压缩包损坏或不是 Office 文件）” in check, calc, finalize, report and review,
though the same bytes named .xls are read everywhere. calamine picks its reader by the name;
``guard.misnamed`` looks at the bytes, and the file is read (and copied) as what it is, never changed.
The reverse, an .xlsx named .xls, too — and vetted as a package like any .xlsx before it is read.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import need_libreoffice

from jixiao import guard
from jixiao.cli import main
from jixiao.errors import CorruptPackageError, SheetLimitError, WorkbookError
from jixiao.excel.apply import load_for_edit
from jixiao.reading.workbook import open_workbook
from jixiao.sources import read_workbook_forms

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
from hostile import base_workbook, mutate_sheet  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
XLS, XLSX = CORPUS / "01-merged-levels.xls", CORPUS / "01-merged-levels.xlsx"


def _copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


def _forms(path: Path) -> list[dict]:
    found, problems = read_workbook_forms(path)
    assert problems == []
    return [sf.form.model_dump() for sf in found]


@pytest.mark.parametrize("src, name, real", [(XLS, "报送.xlsx", ".xls"), (XLS, "报送.XLSX", ".xls"),
                                             (XLS, "报送.xlsm", ".xls"), (XLSX, "报送.xls", ".xlsx")])
def test_a_workbook_named_for_the_other_format_is_read_as_what_it_is(tmp_path, src, name, real):
    p = _copy(src, tmp_path / name)
    before = p.read_bytes()
    assert guard.misnamed(p) == real and guard.misnamed(src) is None
    assert _forms(p) == _forms(src) != []
    assert p.read_bytes() == before  # read as it is, not renamed or rewritten


def test_check_reads_an_xls_named_xlsx_as_it_reads_the_xls(tmp_path, capsys):
    p = _copy(XLS, tmp_path / "renamed.xlsx")
    code = main(["check", str(p), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == main(["check", str(XLS), "--json"]) in (0, 1)
    want = json.loads(capsys.readouterr().out)
    assert not any(f["rule"] == "X1" for f in out)
    assert [(f["rule"], f["cell"], f["message"]) for f in out] == [(f["rule"], f["cell"], f["message"]) for f in want]


def test_other_ole2_files_named_xlsx_are_not_taken_for_an_xls(tmp_path, capsys):
    """An .xlsx with a password to open is an OLE2 file too: still “设有打开密码”. An OLE2 file with no
    Workbook stream (a .doc renamed) is still not a workbook."""
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "加密.xlsx"
    with open(XLSX, "rb") as f, open(locked, "wb") as out:
        OOXMLFile(io.BytesIO(f.read())).encrypt("secret", out)
    assert guard.misnamed(locked) is None
    with pytest.raises(WorkbookError, match="工作簿设有打开密码"):
        open_workbook(locked)
    doc = tmp_path / "文档.xlsx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(500))
    assert guard.misnamed(doc) is None
    with pytest.raises(WorkbookError, match="无法作为工作簿打开"):
        open_workbook(doc)


def test_an_xlsx_named_xls_is_vetted_as_a_package_before_it_is_read(tmp_path):
    """Read as an .xlsx, it passes the .xlsx's checks first: a DTD, an oversized merge, named .xls."""
    dtd = tmp_path / "实体.xls"
    dtd.write_bytes(mutate_sheet(base_workbook(1, 1), lambda x: x.replace(
        b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet', 1)))
    with pytest.raises(CorruptPackageError, match="含有 DTD 或实体声明"):
        open_workbook(dtd)
    big = tmp_path / "合并.xls"
    big.write_bytes(mutate_sheet(base_workbook(1, 1), lambda x: x.replace(
        b"<sheetData>", b'<sheetData><mergeCell ref="A1:A100001"/>', 1)))
    guard._SCANS.clear()
    with pytest.raises(SheetLimitError) as e:
        open_workbook(big)
    assert e.value.cell == "A1:A100001" and e.value.sheet  # the sheet is named, as in an .xlsx


def test_a_copy_to_edit_of_an_xls_named_xlsx_says_what_it_is(tmp_path):
    """``load_for_edit`` is reached through ``as_xlsx``; should a caller skip it, the clerk reads what to do."""
    p = _copy(XLS, tmp_path / "renamed.xlsx")
    with pytest.raises(WorkbookError) as e:
        load_for_edit(p)
    assert str(e.value) == (f"{p}：这是 .xls 格式的工作簿，扩展名却是 .xlsx：请在 Excel 中另存为 .xlsx，"
                            f"或把扩展名改为 .xls")


@pytest.mark.libreoffice
def test_calc_and_review_take_an_xls_named_xlsx_as_they_take_the_xls(tmp_path, capsys):
    need_libreoffice()
    p = _copy(XLS, tmp_path / "renamed.xlsx")
    before = p.read_bytes()
    assert main(["calc", str(p), "-o", str(tmp_path / "算.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "算.xlsx").sheetnames  # an .xlsx LibreOffice converted, edited
    inbox = tmp_path / "收件"
    (inbox / "县民政局").mkdir(parents=True)
    _copy(p, inbox / "县民政局" / "自评表.xlsx")
    capsys.readouterr()
    main(["review", str(inbox), "-o", str(tmp_path / "复核"), "--json"])
    (dept,) = json.loads(capsys.readouterr().out)["departments"]
    assert dept["status"] != "无法读取" and dept["file_names"] == ["县民政局/自评表.xlsx"]
    assert dept["annotated"] and all(Path(a).exists() for a in dept["annotated"])
    assert p.read_bytes() == before
