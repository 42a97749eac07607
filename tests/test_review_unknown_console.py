"""The console names the files no department could be found for: “（未能识别单位）：错误 1” alone left
the reviewer to search the 台账 for which file it was, and whom to ask."""

from __future__ import annotations

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def test_the_unknown_departments_files_are_named(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "附件2.xlsx").write_bytes(b"PK\x03\x04 not a workbook at all")
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    line = next(x for x in text.splitlines() if "（未能识别单位）" in x)
    assert "附件2.xlsx" in line and "请核对是哪个单位报送的" in line


def test_no_empty_folder_for_the_unknown(tmp_path):
    """Nothing goes to nobody: no empty “（未能识别单位）” folder, and no “打开” to it in the 台账."""
    import openpyxl

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "附件2.xlsx").write_bytes(b"PK\x03\x04 not a workbook at all")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    assert not (tmp_path / "out" / "（未能识别单位）").exists()
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    col = [c.value for c in ws[3]].index("单位文件夹") + 1
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).value == "（未能识别单位）")
    assert ws.cell(row=row, column=col).value is None
