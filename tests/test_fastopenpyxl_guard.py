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


def test_copy_made_when_the_module_cannot_load(monkeypatch, tmp_path):
    """Another openpyxl release may lack the internals ``fastopenpyxl`` names at import: the copy
    is then made by openpyxl's own code, not refused."""
    import sys

    from jixiao.excel.apply import apply_to_copy
    from jixiao.excel.plan import Plan, SetFill

    fo.uninstall()
    src = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "表1"
    wb.active["B2"] = 3.0
    wb.save(src)
    monkeypatch.setitem(sys.modules, "jixiao.excel.fastopenpyxl", None)  # its import now raises ImportError
    out = apply_to_copy(src, tmp_path / "out.xlsx", Plan(edits=[SetFill("表1", "B2", "FFFF00")]))
    assert not fo.installed()
    got = openpyxl.load_workbook(out).active
    assert got["B2"].value == 3.0 and got["B2"].fill.fgColor.rgb.endswith("FFFF00")
