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
