"""What a 汇总表 leaves out, it says; and the 汇总 button leaves out what ``summarize`` does.

QA (s59, recomputing every 汇总表 with a reader of its own): a 填报人's workbook of ten project forms, one of
them with 2021 in its 年度 cell (a form copied from last year), gave two different 汇总表s. ``summarize
BOOK -o`` left the 2021 form out (9 projects, said on stderr only); the 汇总 button counted it into the
2022 汇总表 (10 projects, and a title without its year, the forms no longer sharing one). Neither printed
汇总表 said a word of the form left out, nor of forms a resubmission replaced or on hidden sheets: a
reader of the table saw 9 projects where the workbook held 10. The button now screens the forms by the
year as the command does (``dedupe.screen_forms``), and every 汇总表 (button, ``summarize``) says in its
说明 how many forms it did not count, and why.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

import addin.buttons as buttons
from jixiao.actions import FileHost
from jixiao.cli import main
from jixiao.excel.workbook import write_forms


def _detail_names(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["项目明细"]
    names = []
    for r in range(3, ws.max_row + 1):
        if isinstance(ws.cell(r, 1).value, int):
            names.append(ws.cell(r, 2).value)
    return names, wb["汇总表"]["A1"].value, wb["汇总表"]["A10"].value


def _formula_rows(path):
    """The 项目明细 rows of a linked 汇总 (its cells are formulas on the forms' sheets): the sheets linked."""
    ws = openpyxl.load_workbook(path)["项目明细"]
    return [ws.cell(r, 2).value for r in range(3, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]


def test_button_leaves_out_a_form_of_another_year_as_the_command_does(tmp_path, sample_forms, capsys):
    forms = [sample_forms[0], sample_forms[1].model_copy(update={"year": 2021}), sample_forms[2]]
    book = tmp_path / "医保局.xlsx"
    write_forms(forms, book)
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    said = buttons.summarize(host)
    host.save()
    assert main(["summarize", str(book), "-o", str(tmp_path / "cli.xlsx")]) == 0
    capsys.readouterr()
    button_rows, cli_rows = _formula_rows(tmp_path / "button.xlsx"), _formula_rows(tmp_path / "cli.xlsx")
    assert len(button_rows) == 2 and button_rows == cli_rows
    assert not any(sample_forms[1].project[:10] in (row or "") for row in button_rows)
    b_head = openpyxl.load_workbook(tmp_path / "button.xlsx")["汇总表"]
    c_head = openpyxl.load_workbook(tmp_path / "cli.xlsx")["汇总表"]
    assert b_head["A1"].value == c_head["A1"].value == "2022年度县直部门绩效自评情况汇总表"
    assert b_head["A10"].value == c_head["A10"].value
    # the button says which sheet it left out and why
    sheet = next(n for n in openpyxl.load_workbook(book).sheetnames if sample_forms[1].project[:8] in n)
    assert f"“{sheet}”" in said and "2021年度" in said and "未计入汇总" in said, said


def test_every_summary_table_says_what_it_did_not_count(tmp_path, sample_forms, capsys):
    root = tmp_path / "收到的表"
    root.mkdir()
    write_forms(sample_forms[:2], root / "甲.xlsx")
    write_forms([sample_forms[1].model_copy(update={"filled_on": "2099年1月1日"})], root / "甲（修改稿）.xlsx")
    write_forms([sample_forms[2].model_copy(update={"year": 2021})], root / "乙.xlsx")
    shutil.copy(root / "甲.xlsx", root / "甲（重复发送）.xlsx")   # the same file twice: nothing left out
    assert main(["summarize", str(root), "-o", str(tmp_path / "汇总表.xlsx")]) == 0
    capsys.readouterr()
    names, title, note = _detail_names(tmp_path / "汇总表.xlsx")
    assert len(names) == 2 and title == "2022年度县直部门绩效自评情况汇总表"
    assert "另有2张自评表未计入本表：其他年度（2021年度）的表1张，已由同一项目重新报送的表替代的1张。" in note, note
    # nothing left out: nothing said
    assert main(["summarize", str(root / "甲.xlsx"), "-o", str(tmp_path / "甲汇总.xlsx")]) == 0
    assert "未计入本表" not in _detail_names(tmp_path / "甲汇总.xlsx")[2]


def test_the_review_summary_table_says_what_it_did_not_count(tmp_path, sample_forms, capsys):
    inbox = tmp_path / "收件夹"
    inbox.mkdir()
    write_forms(sample_forms[:2], inbox / "医保局.xlsx")
    write_forms([sample_forms[1].model_copy(update={"filled_on": "2099年1月1日"})], inbox / "医保局（修改稿）.xlsx")
    write_forms([sample_forms[2].model_copy(update={"year": 2021})], inbox / "医保局-旧表.xlsx")
    main(["review", str(inbox), "-o", str(tmp_path / "复核")])
    capsys.readouterr()
    book = next((tmp_path / "复核").glob("*绩效自评情况汇总表.xlsx"))
    names, _title, note = _detail_names(book)
    assert len(names) == 2
    assert ("另有2张自评表未计入本表：其他年度（2021年度）的表1张（大厂回族自治县医疗保障局），"
            "已由同一项目重新报送的表替代的1张（大厂回族自治县医疗保障局）；详见复核台账。") in note, note


def test_the_summary_table_says_which_projects_money_it_could_not_count(tmp_path, capsys):
    """QA: the corpus's 项目库 layout has forms without 项目资金 (no 年度资金总额 row, no money table): they
    were counted in 项目数量 and left out of 资金总量 without a word — 23 projects, 478.64 万元 where the
    projects' budgets were 568.64 万元. The 说明 now says how many projects' money is blank."""
    src = Path(__file__).resolve().parent / "corpus" / "16-project-library.xlsx"
    assert main(["summarize", str(src), "-o", str(tmp_path / "汇总表.xlsx")]) == 0
    capsys.readouterr()
    names, _title, note = _detail_names(tmp_path / "汇总表.xlsx")
    assert len(names) == 3
    # an item may break its own last line (``fit.no_lone_marks``)
    assert "其中2个项目的全年预算数和全年执行数空白，未计入资金总量（见“项目明细”工作表）。" in note.replace("\n", ""), note
    # every project with its money: nothing said
    write_forms_book = tmp_path / "甲.xlsx"
    from conftest import SAMPLES
    from jixiao.forms.project.model import load_form
    write_forms([load_form(p) for p in SAMPLES[:2]], write_forms_book)
    assert main(["summarize", str(write_forms_book), "-o", str(tmp_path / "甲汇总.xlsx")]) == 0
    assert "空白，未计入资金总量" not in _detail_names(tmp_path / "甲汇总.xlsx")[2]


def test_the_final_copy_counts_in_its_summary_table_what_the_button_counts(tmp_path, sample_forms, capsys):
    """定稿 of a workbook 汇总 had written: its 汇总表 counted the 2021 form the 汇总 button leaves out."""
    forms = [sample_forms[0], sample_forms[1].model_copy(update={"year": 2021}), sample_forms[2]]
    book = tmp_path / "医保局.xlsx"
    write_forms(forms, book)
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    buttons.summarize(host)
    host.save()
    assert main(["finalize", str(tmp_path / "汇总后.xlsx"), "-o", str(tmp_path / "定稿"), "--force"]) in (0, 1)
    capsys.readouterr()
    final = next((tmp_path / "定稿").glob("*.xlsx"))
    wb = openpyxl.load_workbook(final)
    head = wb["汇总表"]
    assert head["C4"].value == 2 and head["A1"].value == "2022年度县直部门绩效自评情况汇总表"
    assert "另有1张自评表未计入本表：其他年度（2021年度）的表1张。" in head["A10"].value
    assert len([n for n in wb.sheetnames if n not in ("汇总表", "项目明细")]) == 3   # every form is in the copy


def test_a_form_on_a_hidden_sheet_is_said_by_the_button_and_the_command_alike(tmp_path, sample_forms, capsys):
    book = tmp_path / "医保局.xlsx"
    write_forms(sample_forms[:3], book)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[1].sheet_state = "hidden"
    wb.save(book)
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    buttons.summarize(host)
    host.save()
    assert main(["summarize", str(book), "-o", str(tmp_path / "cli.xlsx")]) == 0
    capsys.readouterr()
    said = "另有1张自评表未计入本表：隐藏的工作表上的表1张。"
    for out in ("button.xlsx", "cli.xlsx"):
        names, _title, note = _detail_names(tmp_path / out)
        assert len(_formula_rows(tmp_path / out)) == 2 and said in note, (out, note)


def test_the_source_of_a_form_no_link_opens_is_its_file_name(tmp_path, capsys):
    """项目明细's 来源 is the file's name on every row; a WPS .et (which no link opens) showed the path as read and
    its sheet (“tests/corpus/18-wps-et.et#Sheet2”) beside rows saying “19-county-own.xlsx”."""
    corpus = Path(__file__).resolve().parent / "corpus"
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(corpus / "18-wps-et.et"), str(corpus / "19-county-own.xlsx"), "-o", str(out)]) == 0
    capsys.readouterr()
    ws = openpyxl.load_workbook(out)["项目明细"]
    shown = {ws.cell(r, 13).value for r in range(3, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)}
    assert shown == {"18-wps-et.et", "19-county-own.xlsx"}, shown
