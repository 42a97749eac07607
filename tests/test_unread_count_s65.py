"""What could not be read is counted by files and sheets, as the 汇总表's 说明 counts it (``problem_places``), on
every line that says it (session 65): ``summarize`` of a folder with one form unreadable in three cells printed
“汇总不完整：3 个文件或工作表未能读取” — a record per bad cell — while its 说明 said “另有1个文件或表未能读取”.
The test failed before the fix."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _folder(tmp_path: Path) -> Path:
    """A good form and a form whose cells cannot be read in three places (项目名称 empty, two amounts in words)."""
    folder = tmp_path / "自评"
    write_forms([form(10, "县教育局")], folder / "项目一.xlsx")
    bad = folder / "项目二.xlsx"
    write_forms([form(12, "县教育局")], bad)
    wb = openpyxl.load_workbook(bad)
    ws = wb.worksheets[0]
    ws["B3"] = None
    ws["D7"] = "约一百万"
    ws["E7"] = "约九十万"
    wb.save(bad)
    return folder


def test_summarize_counts_a_form_bad_in_three_cells_once(tmp_path: Path) -> None:
    out = tmp_path / "汇总表.xlsx"
    folder = _folder(tmp_path)
    code, text = run_cli("summarize", str(folder), "-o", str(out), "--json")
    import json
    assert len(json.loads(text)["unreadable"]) == 3   # three records, one sheet: what the count must not count
    code, text = run_cli("summarize", str(folder), "-o", str(tmp_path / "汇总表2.xlsx"))
    assert "汇总不完整：1 个文件或工作表未能读取" in text, text
    note = next(str(c.value) for r in openpyxl.load_workbook(tmp_path / "汇总表2.xlsx")["汇总表"].iter_rows()
                for c in r if str(c.value or "").startswith("说明"))
    assert "另有1个文件或表未能读取" in note, note
    assert code == 1


def test_check_counts_a_form_bad_in_three_cells_once(tmp_path: Path) -> None:
    _code, text = run_cli("check", str(_folder(tmp_path)))
    last = text.strip().splitlines()[-1]
    assert last.endswith("；1 个文件或工作表无法读取"), last


def test_the_summarize_button_says_a_sheet_it_could_not_read_as_the_note_counts_it(tmp_path: Path) -> None:
    """汇总 in a workbook of three forms, one lacking its “总分” row (not read, no cell to name): the button said
    only “已生成……” while the 汇总表's 说明 said “另有1个文件或表未能读取” and a 未能读取 sheet was written.
    Three bad cells in another form are still one table."""
    import addin.buttons as buttons
    from jixiao import actions

    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护"),
                 form(11, "县交通运输局", project="桥梁检测")], book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[2]
    total = next(c for row in ws.iter_rows(min_row=6) for c in row if c.value == "总分")
    total.value = None
    for ref, bad in (("B3", None), ("D7", "约一百万"), ("E7", "约九十万")):
        wb.worksheets[1][ref] = bad
    wb.save(book)
    host = actions.FileHost(str(book), str(tmp_path / "汇总.xlsx"))
    said = buttons.summarize(host)
    host.save()
    note = next(str(c.value) for r in openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总表"].iter_rows()
                for c in r if str(c.value or "").startswith("说明"))
    assert "另有2个文件或表未能读取" in note, note
    assert "另有 2 张表未能读取，未计入汇总（见“未能读取”工作表）" in said, said
    assert "单元格填写有误" not in said, said   # one of them has no bad cell: it lacks its 总分 row
