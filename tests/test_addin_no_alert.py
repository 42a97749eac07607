"""A button run on a workbook file (no Excel, so no one to ask): the questions 定稿 would
put to the filler are answered “no”, never a crash."""

from __future__ import annotations

import addin.buttons as buttons
from jixiao.actions import FileHost
from jixiao.excel.workbook import write_forms


def test_finalize_without_a_host_to_ask_refuses_instead_of_crashing(sample_forms, tmp_path):
    book = write_forms(sample_forms, tmp_path / "大厂-2022.xlsx")  # the sample forms carry errors
    host = FileHost(str(book))
    assert not hasattr(host, "alert")
    message = buttons.finalize(host, outdir=str(tmp_path / "out"))
    assert message.startswith("定稿未完成") and "未定稿" in message
    assert not (tmp_path / "out").exists()
