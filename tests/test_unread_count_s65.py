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


def _book_missing_a_total(tmp_path: Path, bad_cells: bool) -> Path:
    """Three forms in a workbook, the third lacking its “总分” row (read as no form: no cell to name), and, with
    ``bad_cells``, the second unreadable in three cells."""
    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护"),
                 form(11, "县交通运输局", project="桥梁检测")], book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[2]
    next(c for row in ws.iter_rows(min_row=6) for c in row if c.value == "总分").value = None
    if bad_cells:
        for ref, bad in (("B3", None), ("D7", "约一百万"), ("E7", "约九十万")):
            wb.worksheets[1][ref] = bad
    wb.save(book)
    return book


def _check_line(book: Path) -> str:
    _code, text = run_cli("check", str(book))
    return text.strip().splitlines()[-1]


def test_the_check_button_counts_a_sheet_without_its_total_as_check_does(tmp_path: Path) -> None:
    """校验 in that workbook: ``jixiao check`` ended “；2 个文件或工作表无法读取” while the button said
    “其中 1 张表因单元格填写有误未能读取”: the sheet lacking its 总分 row, with no cell to mark, went uncounted and
    unnamed. The test failed before the fix."""
    import addin.buttons as buttons
    from jixiao import actions

    book = _book_missing_a_total(tmp_path, bad_cells=True)
    assert _check_line(book).endswith("；2 个文件或工作表无法读取")
    sheet = openpyxl.load_workbook(book).worksheets[2].title
    said = buttons.check(actions.FileHost(str(book), str(tmp_path / "校验.xlsx")))
    assert "其中 2 张表未能读取" in said, said
    assert "1 张因单元格填写有误" in said, said          # the form bad in three cells: one table
    assert f"“{sheet}”" in said, said                    # the one with no cell to mark: named with its reason
    assert "2 张表因单元格填写有误" not in said, said


def test_the_check_button_does_not_blame_cells_for_a_sheet_without_its_total(tmp_path: Path) -> None:
    """Only the sheet lacking its 总分 row unread: the button said nothing of it (no bad cell), ``check`` counted it."""
    import addin.buttons as buttons
    from jixiao import actions

    book = _book_missing_a_total(tmp_path, bad_cells=False)
    assert _check_line(book).endswith("；1 个文件或工作表无法读取")
    sheet = openpyxl.load_workbook(book).worksheets[2].title
    said = buttons.check(actions.FileHost(str(book), str(tmp_path / "校验.xlsx")))
    assert "其中 1 张表未能读取" in said, said
    assert f"“{sheet}”" in said, said
    assert "单元格填写有误" not in said and "逐个标出" not in said, said
