"""A workbook that holds no 自评表 (a 部门预算公开表 put in the folder with the forms) is “不是自评表” in the
department's own tools too, as ``review`` says it (session 65): ``summarize`` of a folder listed it on the
汇总表's 未能读取 sheet (“汇总不完整，改正后重新汇总”), counted it in the 说明's “另有1个文件或表未能读取，其项目
和资金未计入” and printed “汇总不完整：1 个文件或工作表未能读取”; ``check`` of the folder ended “1 个文件或工作表
无法读取”; ``report`` refused: “…预算公开表.xlsx：自评表仍有 1 处错误”. The file opened; nothing of it was missing.
Each test failed before its fix, but the two on a budget sheet inside a workbook of forms, which hold what was
already right (such a sheet is passed over)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli
from test_review_no_form_s65 import _budget, _cells
from test_review_resent_unread_s64 import _locked

BUDGET = "县教育局2022年部门预算公开表.xlsx"


def _folder(tmp_path: Path, locked: bool = False) -> Path:
    """A department's folder: two forms, its budget table beside them, and (``locked``) a workbook behind a
    password, a file that could not be read."""
    folder = tmp_path / "自评"
    write_forms([form(10, "县教育局")], folder / "项目一.xlsx")
    write_forms([form(12, "县教育局")], folder / "项目二.xlsx")
    _budget(folder / BUDGET)
    if locked:
        made = write_forms([form(13, "县教育局")], tmp_path / "made" / "项目三.xlsx")
        (folder / "项目三.xlsx").write_bytes(_locked(made))
    return folder


def _note(book: openpyxl.Workbook) -> str:
    ws = book["汇总表"]
    return next(str(c.value) for r in ws.iter_rows() for c in r if str(c.value or "").startswith("说明"))


def test_summarize_says_a_budget_table_is_no_form_not_unreadable(tmp_path: Path) -> None:
    """The 汇总表 of the folder had a 未能读取 sheet for the budget table and “另有1个文件或表未能读取”: it is said to
    be no 自评表, by name (no 台账 lists it), and the 汇总 is not said to be incomplete."""
    out = tmp_path / "汇总表.xlsx"
    folder = _folder(tmp_path)
    code, text = run_cli("summarize", str(folder), "-o", str(out))
    book = openpyxl.load_workbook(out)
    assert "未能读取" not in book.sheetnames, book.sheetnames
    note = _note(book)
    assert "未能读取" not in note, note
    assert f"另有1个文件不是自评表，未计入本表：{BUDGET}。" in note, note
    assert "汇总不完整" not in text and "未能读取" not in text, text
    assert f"另有 1 个文件不是自评表，未计入汇总：{folder / BUDGET}" in text, text
    assert all("未能读取" not in _cells(ws) for ws in book.worksheets)
    assert code == 0, code   # nothing of a form left out (s66: it exited 1, test_no_form_exit_s66)


def test_summarize_keeps_a_locked_workbook_unreadable_beside_a_budget_table(tmp_path: Path) -> None:
    """With a locked workbook too, the 未能读取 sheet lists that one alone (“1 个文件”), the 说明 says each apart."""
    out = tmp_path / "汇总表.xlsx"
    code, text = run_cli("summarize", str(_folder(tmp_path, locked=True)), "-o", str(out))
    book = openpyxl.load_workbook(out)
    listed = [Path(str(r[0])).name for r in book["未能读取"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert listed == ["项目三.xlsx"], listed
    assert "（1 个文件）" in str(book["未能读取"]["A1"].value)
    note = _note(book)
    assert "另有1个文件或表未能读取，其项目和资金未计入（见“未能读取”工作表）。" in note, note
    assert f"另有1个文件不是自评表，未计入本表：{BUDGET}。" in note, note
    assert "汇总不完整：1 个文件或工作表未能读取" in text, text
    assert code == 1


def test_summarize_json_keeps_its_fields_and_adds_not_form(tmp_path: Path) -> None:
    """``--json``: "unreadable" and "incomplete" as before (the budget table is listed), each record with
    "not_form" added, and "no_form" naming the files that hold no form."""
    folder = _folder(tmp_path, locked=True)
    code, text = run_cli("summarize", str(folder), "--json")
    data = json.loads(text)
    assert data["incomplete"] is True
    by_name = {Path(u["file"]).name: u for u in data["unreadable"]}
    assert set(by_name) == {BUDGET, "项目三.xlsx"}, by_name
    assert by_name[BUDGET]["not_form"] is True and by_name["项目三.xlsx"]["not_form"] is False, by_name
    assert {"file", "sheet", "cell", "reason", "message"} <= set(by_name[BUDGET])
    assert [Path(f).name for f in data["no_form"]] == [BUDGET], data["no_form"]


def test_check_of_a_folder_counts_a_budget_table_as_no_form(tmp_path: Path) -> None:
    """``check`` ended “；1 个文件或工作表无法读取” for the budget table (its X1 line says it is no 自评表)."""
    code, text = run_cli("check", str(_folder(tmp_path)))
    last = text.strip().splitlines()[-1]
    assert last.endswith("；1 个文件不是自评表"), last
    assert "无法读取" not in last, last
    code, text = run_cli("check", str(_folder(tmp_path / "b", locked=True)))
    last = text.strip().splitlines()[-1]
    assert last.endswith("；1 个文件或工作表无法读取；1 个文件不是自评表"), last


def _with_budget_sheet(path: Path) -> Path:
    """A department's workbook of two forms with its budget table on a sheet of its own beside them."""
    write_forms([form(10, "县教育局"), form(12, "县教育局")], path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("项目支出预算表")
    for row in (["2022年县教育局项目支出预算表"], ["项目名称", "项目类型", "预算数（万元）", "资金来源"],
                ["学生资助", "一般项目", 120.5, "一般公共预算"]):
        ws.append(row)
    wb.save(path)
    return path


def test_a_budget_sheet_in_a_workbook_of_forms_is_passed_over(tmp_path: Path) -> None:
    """A budget sheet beside the forms in one workbook is no form and not wrong: nothing says it could not be
    read or is no 自评表 (``summarize`` and ``check``: the two forms counted, exit 0 / no X1)."""
    book = _with_budget_sheet(tmp_path / "县教育局.xlsx")
    out = tmp_path / "汇总表.xlsx"
    code, text = run_cli("summarize", str(book), "-o", str(out))
    assert code == 0 and "应评价数 2" in text, text
    written = openpyxl.load_workbook(out)
    said = "".join(_cells(ws) for ws in written.worksheets)
    assert "未能读取" not in said and "不是自评表" not in said, said
    code, text = run_cli("check", str(book))
    assert "X1" not in text and "无法读取" not in text and "不是自评表" not in text, text


def test_the_summarize_button_passes_a_budget_sheet_over(tmp_path: Path) -> None:
    """The add-in's 汇总 (through the FileHost, as in Excel) of that workbook: no 未能读取 sheet, no word of it."""
    from addin import buttons
    from jixiao.actions import FileHost

    book = _with_budget_sheet(tmp_path / "县教育局.xlsx")
    host = FileHost(str(book), str(tmp_path / "副本.xlsx"))
    said = buttons.summarize(host)
    assert said.startswith("已生成") and "未能读取" not in said and "不是自评表" not in said, said
    host.save()
    written = openpyxl.load_workbook(tmp_path / "副本.xlsx")
    assert "未能读取" not in written.sheetnames, written.sheetnames
    assert "未能读取" not in _note(written) and "不是自评表" not in _note(written)


def test_report_is_not_refused_for_a_budget_table_beside_clean_forms(tmp_path: Path) -> None:
    """``report`` of a folder of forms without errors and the budget table refused: “…预算公开表.xlsx：自评表仍有
    1 处错误，未生成报告” — a file that holds no 自评表 called one with an error. Its documents are written; stderr
    has said the file is no 自评表, and nothing of it is a project of the reports."""
    import contextlib
    import io

    import docx

    from review_fixture import _fixed

    folder = tmp_path / "自评"
    write_forms([form(12, "县教育局", indicators=_fixed(12), filled_on="2023.3.20")], folder / "项目.xlsx")
    _budget(folder / BUDGET)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _text = run_cli("report", str(folder), "-o", str(tmp_path / "报告"))
    said = err.getvalue()
    assert "自评表仍有" not in said and "未生成报告" not in said, said
    assert f"{BUDGET}：没有找到" in said and said.count("不是自评表") == 1, said
    report = tmp_path / "报告" / "项目支出绩效自评报告.docx"
    text = "".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "未能读取" not in text and BUDGET not in text, text
    assert code == 0, code   # as summarize: a file that is no form leaves no form out (s66: it exited 1)


def test_import_of_a_folder_lists_a_budget_table_as_no_form(tmp_path: Path) -> None:
    """``import`` of the folder listed the budget table under “未能读取：” and ended “；1 个文件或工作表未能读取”;
    ``--json``'s "problems" keep it, each with "not_form" added (the fields of summarize's "unreadable")."""
    folder = _folder(tmp_path, locked=True)
    code, text = run_cli("import", str(folder), "-o", str(tmp_path / "导入.xlsx"))
    lines = text.splitlines()
    assert lines[-1].endswith("；1 个文件或工作表未能读取；1 个文件不是自评表"), lines[-1]
    unread, no_form = lines.index("未能读取："), lines.index("不是自评表：")
    assert "项目三.xlsx" in lines[unread + 1] and BUDGET in lines[no_form + 1], lines
    code, text = run_cli("import", str(folder), "-o", str(tmp_path / "导入2.xlsx"), "--json")
    problems = {Path(p["file"]).name: p["not_form"] for p in json.loads(text)["problems"]}
    assert problems == {BUDGET: True, "项目三.xlsx": False}, problems
