"""Every new workbook jixiao writes with XlsxWriter is assembled in memory (``write_new.new_workbook``).

Why: by default XlsxWriter writes each part to a temporary file before zipping; a review writes a
退回修改清单 per department, the 台账 and the 汇总表, and the temporary files cost about three times
the writing itself."""

from __future__ import annotations

import types

import openpyxl
import pytest
import xlsxwriter.packager

from jixiao.cli import main
from jixiao.excel.workbook import write_forms


def _no_temp_files(*_a, **_k):
    raise AssertionError("XlsxWriter wrote a part to a temporary file")


def test_review_writes_its_new_workbooks_without_temporary_files(sample_forms, tmp_path, monkeypatch, capsys):
    inbox = tmp_path / "收件"
    inbox.mkdir()
    write_forms(sample_forms[:2], inbox / "甲单位.xlsx")
    write_forms(sample_forms[2:4], inbox / "乙单位.xlsx")
    monkeypatch.setattr(xlsxwriter.packager, "tempfile", types.SimpleNamespace(mkstemp=_no_temp_files))
    monkeypatch.setenv("JIXIAO_NO_CACHE", "1")
    out = tmp_path / "复核"
    code = main(["review", str(inbox), "-o", str(out)])
    assert code in (0, 1), capsys.readouterr().err
    made = [p for p in out.rglob("*.xlsx") if "校验标注" not in p.name]   # annotated copies are openpyxl's
    names = {p.name for p in made}
    assert "复核台账.xlsx" in names and any(n.endswith("汇总表.xlsx") for n in names)
    assert any(n == "退回修改清单.xlsx" for n in names)
    for p in made:  # each opens and holds its sheets
        wb = openpyxl.load_workbook(p, read_only=True)
        assert wb.sheetnames and wb.worksheets[0].max_row >= 2
        wb.close()


def test_the_stand_in_really_catches_a_temporary_file(tmp_path, monkeypatch):
    """The check above could fail: a workbook made without ``in_memory`` trips the stand-in."""
    import xlsxwriter

    monkeypatch.setattr(xlsxwriter.packager, "tempfile", types.SimpleNamespace(mkstemp=_no_temp_files))
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    wb.add_worksheet().write(0, 0, "甲")
    with pytest.raises(AssertionError, match="temporary file"):
        wb.close()
