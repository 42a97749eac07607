"""A department whose only file could not be read counts it as one error however it came: a scan
(PDF), a damaged archive — as a workbook with a password already did. The scan's department showed
“错误 0” beside “错误 1” for the password's, and its notice listed one item more than the 台账 counted."""

from __future__ import annotations

import json

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, sample

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_unreadable_file_is_an_error(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "县统计局自评表（盖章）.pdf").write_bytes(PDF)
    (inbox / "县水务局材料.zip").write_bytes(b"PK\x03\x04 damaged")
    (inbox / "县教育局自评表.xlsx").write_bytes(b"PK\x03\x04 damaged")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    for n, dept in ((1, "县民政局"), (2, "县统计局"), (3, "县水务局"), (4, "县教育局")):
        wb.active.append([sample(n)["project"], dept])
    wb.save(listed)
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    for dept in ("县统计局", "县水务局", "县教育局"):
        d = got[dept]
        assert d["status"] == "无法读取" and d["errors"] == 1, (dept, d["errors"])
        listed_items = [it for it in d["to_fix"] if it["severity"] == "error" and it["kind"] != "missing"]
        assert len(listed_items) == d["errors"]
