"""A form on a hidden sheet (an old version kept out of sight, a copy hidden while printing) is
nobody's form: Excel does not show it and it does not print. Counted, it doubled a project in the
汇总表 and put its mistakes in the department's notice; now every command leaves it out and says so
(review: 台账, 文件清单, the notice's last item; check, summarize, the buttons, 定稿)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import openpyxl
import pytest

import addin.buttons as buttons
from addin.host import XlwingsHost
from jixiao.actions import FileHost
from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


@pytest.fixture
def book(tmp_path):
    """Two projects, and a hidden copy of the first one (an old version) — and a very hidden one."""
    path = write_forms([form(2, "县民政局"), form(3, "县民政局")], tmp_path / "民政局.xlsx")
    wb = openpyxl.load_workbook(path)
    old = wb.copy_worksheet(wb.worksheets[0])
    old.title, old.sheet_state = "旧版", "hidden"
    very = wb.copy_worksheet(wb.worksheets[1])
    very.title, very.sheet_state = "备份", "veryHidden"
    wb.save(path)
    return path


def test_review_leaves_it_out_and_tells_the_department(book, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book.rename(inbox / book.name)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    (d,) = data["departments"]
    assert (d["forms"], d["projects_received"]) == (2, 2)
    assert {(h["sheet"], h["project"]) for h in d["hidden_forms"]} == {
        ("旧版", form(2, "县民政局").project), ("备份", form(3, "县民政局").project)}
    assert not [it for it in d["to_fix"] if it["sheet"] in ("旧版", "备份") and it["kind"] != "hidden"]
    hidden = [it for it in d["to_fix"] if it["kind"] == "hidden"]
    assert [it["sheet"] for it in hidden] == ["旧版", "备份"] and d["to_fix"][-2:] == hidden   # last
    assert {s["kind"] for s in data["skipped"]} == {"hidden"}
    summary = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")
    rows = [r for r in summary["项目明细"].iter_rows(min_row=3, values_only=True) if r[1]]
    assert len(rows) == 2   # not three: the hidden copy is not counted twice
    import docx

    text = [p.text for p in docx.Document(d["notice"]).paragraphs if "隐藏" in p.text]
    assert len(text) == 2 and "请核实，如无误可说明理由" not in text[0] and "请取消隐藏，否则请删除这张工作表" in text[0]
    ledger = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    col = [c.value for c in ledger[3]].index("未计入的文件") + 1
    assert "民政局.xlsx 中隐藏的工作表“旧版”" in ledger.cell(row=4, column=col).value


def test_check_and_summarize_say_it(book, tmp_path, capsys):
    main(["check", str(book), "--json"])
    out = capsys.readouterr()
    findings = json.loads(out.out)
    assert findings and not [f for f in findings if f["sheet"] in ("旧版", "备份")]
    assert "工作表“旧版”是隐藏的工作表，其中的表未计入" in out.err
    main(["summarize", str(book), "-o", str(tmp_path / "汇总表.xlsx"), "--json"])
    out = capsys.readouterr()
    assert json.loads(out.out)["projects_done"] == 2 and "“备份”是隐藏的工作表" in out.err


def test_the_buttons_say_it(book, tmp_path):
    said = buttons.check(FileHost(str(book), str(tmp_path / "check.xlsx")))
    assert "工作表“旧版”“备份”是隐藏的工作表，其中的表未校验" in said
    said = buttons.summarize(FileHost(str(book), str(tmp_path / "sum.xlsx")))
    assert "其中的表未计入汇总" in said
    said = buttons.calc(FileHost(str(book), str(tmp_path / "calc.xlsx")))
    assert "其中的表未计算" in said


def test_finalize_leaves_it_out_of_the_copy_and_says_so(book, tmp_path, capsys):
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf"]) == 0
    printed = capsys.readouterr().out
    assert "是隐藏的工作表，其中的表未放入定稿文件，报送后也不计入" in printed
    (copy,) = (tmp_path / "定稿").glob("*.xlsx")
    names = openpyxl.load_workbook(copy).sheetnames
    # the two forms read, and the 汇总表 and 项目明细 the 定稿 carries with project forms (s67)
    assert len(names) == 4 and "旧版" not in names and "备份" not in names


def test_the_excel_host_names_its_hidden_sheets():
    host = XlwingsHost.__new__(XlwingsHost)
    host.book = SimpleNamespace(sheets=[SimpleNamespace(name="表1", visible=True),
                                        SimpleNamespace(name="旧版", visible=False)])
    assert host.hidden_sheets() == {"旧版"}


@pytest.mark.libreoffice
def test_a_sheet_hidden_in_libreoffice_is_seen_as_hidden(book, tmp_path):
    """The visibility calamine reports, on a file LibreOffice saved (WPS and Excel write the same attribute)."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert
    from jixiao.sources import load_one

    need_libreoffice()
    saved = convert(book, "xlsx", tmp_path / "lo")
    loaded, _ = load_one(saved)
    assert {it.sheet for it in loaded if it.hidden} == {"旧版", "备份"} and len(loaded) == 4


def test_score_and_report_say_it(book, tmp_path, capsys):
    main(["score", str(book), "--json"])
    out = capsys.readouterr()
    assert len(json.loads(out.out)) == 2 and "“旧版”是隐藏的工作表" in out.err
    main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"])
    assert "“备份”是隐藏的工作表" in capsys.readouterr().err


def test_import_says_it(book, tmp_path, capsys):
    main(["import", str(book), "-o", str(tmp_path / "导入.xlsx")])
    out = capsys.readouterr().out
    assert f"未读取：{book} › 旧版（是隐藏的工作表，其中的表未导入" in out
    assert len(openpyxl.load_workbook(tmp_path / "导入.xlsx").sheetnames) == 2
