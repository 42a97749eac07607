"""Stop 59's gaps in ``review``, each as the 财政局 reviewer met it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _review(inbox: Path, out: Path, *extra: str) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


def _list_rows(folder: Path) -> list[list[str]]:
    ws = openpyxl.load_workbook(folder / "退回修改清单.xlsx").worksheets[0]
    return [[str(c.value or "") for c in row] for row in ws.iter_rows()]


# ---- 5. an X1 point on a cell says what the cell holds and what to write there, as check's X1 does

def test_an_unread_forms_cell_point_says_what_is_there_and_what_to_write(tmp_path):
    """``check``'s X1 on 全年预算数 “约一百万” has found “约一百万” and expected “数字（单位：万元）”; review's
    to_fix item for the same cell had both empty, and the 清单's 表中为 and 应为 columns were blank beside it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "民政局.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["D7"] = "约一百万"
    wb.save(book)
    _code, text = run_cli("check", str(book), "--json")
    checked = next(f for f in json.loads(text) if f["rule"] == "X1" and f["cell"] == "D7")
    rv = _review(inbox, tmp_path / "out")
    item = next(it for d in rv["departments"] for it in d["to_fix"] if it["rule"] == "X1" and it["cell"] == "D7")
    assert (item["found"], item["expected"]) == (checked["found"], checked["expected"]) == ("约一百万", "数字（单位：万元）")
    heads, *rows = _list_rows(tmp_path / "out" / "县民政局")[1:]
    row = next(r for r in rows if r[heads.index("单元格")] == "D7")
    assert (row[heads.index("表中为")], row[heads.index("应为")]) == ("约一百万", "数字（单位：万元）"), row
