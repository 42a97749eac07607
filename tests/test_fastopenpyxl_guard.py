"""``fastopenpyxl`` replaces openpyxl internals only on the releases it was compared on."""

from __future__ import annotations

import openpyxl

from jixiao.excel import fastopenpyxl as fo


def test_known_release_only():
    assert fo.supported("3.1.5")
    assert not fo.supported("3.2.0") and not fo.supported("3.1.6") and not fo.supported("")
    assert fo.supported() is (openpyxl.__version__ in fo.TESTED)


def test_other_release_leaves_openpyxl_alone(monkeypatch, tmp_path):
    from openpyxl.worksheet import _reader

    fo.uninstall()
    own = _reader.WorksheetReader.bind_cells
    monkeypatch.setattr(openpyxl, "__version__", "9.9.9")
    try:
        fo.install()
        assert not fo.installed() and _reader.WorksheetReader.bind_cells is own
        wb = openpyxl.Workbook()
        wb.active["A1"] = 1.5
        wb.save(tmp_path / "x.xlsx")
        assert openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"].value == 1.5
    finally:
        monkeypatch.undo()
        fo.uninstall()
    fo.install()
    assert fo.installed() is fo.supported()
    fo.uninstall()
