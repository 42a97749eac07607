"""What the 填报人 reads in the message box after clicking a button: Chinese, saying what
happened and what to do, never a traceback or an exception's English text."""

from __future__ import annotations

import re

import pytest

import addin.buttons as buttons
from jixiao.actions import FileHost
from conftest import with_settings
from jixiao.excel.workbook import write_forms


class Recorder:
    """The alert side of a host: remembers every message box."""

    def __init__(self):
        self.shown = []

    def alert(self, message, title="", buttons="ok"):
        self.shown.append((message, title))
        return "no"


@pytest.mark.parametrize("press", [buttons.calc, buttons.check, buttons.summarize, buttons.report, buttons.finalize])
def test_an_unexpected_failure_is_a_chinese_message_box_not_a_traceback(press, tmp_path, sample_forms):
    """Excel's object model fails in ways jixiao does not name (a COM error: the sheet has a
    password, Excel is busy): the button still answers in Chinese instead of xlwings' traceback."""
    book = write_forms(sample_forms[:1], tmp_path / "b.xlsx")
    host = FileHost(str(book))
    said = Recorder()
    host.alert = said.alert

    def broken():
        raise RuntimeError("(-2147352567, 'Exception occurred.', (0, 'Microsoft Excel', "
                           "'Unprotect method of Worksheet class failed', None, 0, -2146827284), None)")

    host.sheet_values = broken
    message = press(host)
    assert message.endswith("仍不行时，请把工作簿和这段文字发给维护人员。") and "程序内部错误" in message
    assert "Unprotect" not in message and "Traceback" not in message
    assert said.shown and said.shown[-1][0] == message


@pytest.mark.parametrize("press, button", [(buttons.summarize, "汇总"), (buttons.report, "生成报告")])
def test_no_form_read_names_every_form_and_what_to_do(press, button, tmp_path, sample_forms):
    """汇总 or 生成报告 on a workbook none of whose forms can be read (a 项目名称 left blank, words in a
    number cell): the message named the first cell of the first form only and said nothing to do."""
    import openpyxl

    book = write_forms(sample_forms[:3], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        ws["B3"], ws["D7"] = None, "约一百万"
    wb.save(book)
    message = press(FileHost(str(book)), **({"outdir": str(tmp_path / "out")} if button == "生成报告" else {}))
    assert message.startswith(f"{button}未完成：") and "3 张表因单元格填写有误未能读取" in message
    sheets = wb.sheetnames
    assert all(f"“{s}”B3 项目名称为空，请填写批复的项目名称、D7 " in message for s in sheets), message
    assert message.endswith(f"请点“校验”看标出的全部单元格，改正后再点“{button}”。")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("press, button", [(buttons.calc, "计算"), (buttons.check, "校验"), (buttons.summarize, "汇总"),
                                           (buttons.report, "生成报告"), (buttons.finalize, "定稿")])
def test_a_workbook_without_forms_is_said_of_the_workbook_clicked_in(press, button, tmp_path):
    """Each button on an empty workbook put its full path in the dialog (in Excel, “C:\\Users\\…\\附件1.xlsx：”),
    校验 said it twice (“没有读到自评表。…：这个工作簿里没有自评表。”), 定稿 “定稿未完成：无法定稿：”."""
    import openpyxl

    book = tmp_path / "附件1.xlsx"
    openpyxl.Workbook().save(book)
    kw = {"outdir": str(tmp_path / "out")} if button in ("生成报告", "定稿") else {}
    message = press(FileHost(str(book)), **kw)
    assert str(tmp_path) not in message and "这个工作簿里没有自评表" in message, message
    assert message.count("这个工作簿里没有自评表") == 1 and "没有读到自评表" not in message, message
    assert f"无法{button}" not in message and message.split("\n")[0].endswith("。"), message


# What Excel's export writes, in short: its Producer, 创建 and 修改 the same moment, a “hybrid” ending (a 定稿's
# PDF as written is written over by the next 定稿: ``marker.untouched_output``)
EXCEL_PDF = (b"%PDF-1.7\n1 0 obj\n<</Producer(Microsoft\\256 Excel\\256 for Microsoft 365)"
             b"/CreationDate(D:20261206120000+08'00')/ModDate(D:20261206120000+08'00')>>\nendobj\n"
             b"trailer\n<</Info 1 0 R>>\nstartxref\n9\n%%EOF\nxref\n0 0\ntrailer\n<</Prev 9>>\nstartxref\n99\n%%EOF\n")


def _excel_pdf(xlsx):
    """Excel's own PDF export, as ``XlwingsHost.export_pdf``: printed beside the copy, renamed into place."""
    from pathlib import Path

    target = Path(xlsx).with_suffix(".pdf")
    tmp = target.with_name(".~" + target.stem + ".pdf")
    tmp.write_bytes(EXCEL_PDF)
    tmp.replace(target)
    return target


def test_finalize_again_while_the_last_copy_is_open_in_excel_says_to_close_it(tmp_path, sample_forms, monkeypatch):
    """定稿 twice; the first copy is open in Excel (its owner file “~$…” beside it), and Windows refuses
    to replace it with “access denied”: the message said 没有写入权限, sending the 填报人 to look for a
    permissions problem instead of closing the file."""
    import errno
    import os

    from jixiao import fileio

    book = write_forms(sample_forms[10:11], tmp_path / "b.xlsx")   # 11: the sample form without errors
    host = FileHost(str(book))
    host.export_pdf = _excel_pdf
    first = buttons.finalize(host, outdir=str(tmp_path / "out"), email=False)
    assert first.startswith("已定稿")
    (copy,) = (tmp_path / "out").glob("*.xlsx")
    (copy.parent / ("~$" + copy.name[2:])).write_bytes(b"\x0b\xe5\xbc\xa0\xe4\xb8\x89")   # Excel has it open
    real = os.replace

    def locked(src, dst):
        if str(dst) == str(copy):
            raise PermissionError(errno.EACCES, "拒绝访问。", str(dst))
        return real(src, dst)

    monkeypatch.setattr(fileio.os, "replace", locked)
    again = buttons.finalize(host, outdir=str(tmp_path / "out"), email=False)
    assert again.startswith("定稿未完成") and copy.name in again
    assert "在 Excel、WPS 或其他程序中打开，请关闭它后再试" in again and "权限" not in again


def test_a_windows_sharing_violation_is_a_file_open_elsewhere():
    from jixiao.errors import os_reason

    exc = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
    exc.winerror = 32   # as Windows sets it; errno says only EACCES
    assert os_reason(exc, writing=True) == os_reason(exc) == "文件正在 Excel、WPS 或其他程序中打开，请关闭它后再试"


def test_finalize_with_the_last_pdf_open_in_a_reader_is_done_and_says_the_pdf_is_old(tmp_path, sample_forms,
                                                                                      monkeypatch):
    """The copy was written, but Excel's PDF could not replace the last one, open in a PDF reader:
    the button said “定稿未完成” (the error of LibreOffice's try at the same file), leaving the new copy
    beside an old PDF without a word. Now: 已定稿, no PDF, and the old PDF named as old."""
    import errno
    import os
    from pathlib import Path
    from types import SimpleNamespace

    from addin.host import XlwingsHost
    from jixiao import fileio

    def open_book(path, **_kw):   # Excel opens the copy and prints it (ExportAsFixedFormat)
        return SimpleNamespace(to_pdf=lambda out: Path(out).write_bytes(EXCEL_PDF), close=lambda: None)

    excel = XlwingsHost.__new__(XlwingsHost)
    excel.book = SimpleNamespace(app=SimpleNamespace(books=SimpleNamespace(open=open_book)))
    book = write_forms(sample_forms[10:11], tmp_path / "b.xlsx")   # 11: the sample form without errors
    host = FileHost(str(book))
    host.export_pdf = excel.export_pdf
    assert buttons.finalize(host, outdir=str(tmp_path / "out"), email=False).startswith("已定稿")
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    real = os.replace

    def reader_holds_it(src, dst):
        if str(dst) == str(pdf):
            exc = PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。", str(dst))
            exc.winerror = 32
            raise exc
        return real(src, dst)

    monkeypatch.setattr(fileio.os, "replace", reader_holds_it)
    message = buttons.finalize(host, outdir=str(tmp_path / "out"), email=False)
    assert message.startswith("已定稿：") and ".xlsx" in message, message
    assert f"注意：未生成 PDF：{pdf}：无法写入（文件正在 Excel、WPS 或其他程序中打开，请关闭它后再试）" in message
    assert "同名 PDF 是上一次定稿的" in message and "Excel 未能导出" not in message
    assert not [p for p in pdf.parent.iterdir() if p.name.startswith(".~")]   # nothing half-written left


@pytest.mark.parametrize("press", [buttons.calc, buttons.check, buttons.summarize, buttons.report, buttons.finalize])
def test_an_unknown_scoring_profile_on_the_settings_sheet_is_named_by_its_cell(press, tmp_path, sample_forms):
    """Every button scores by the 设置 sheet's 评分方案; one it does not know (“六十分规则”) stopped each
    of them with “未知的评分方案或选项…（sixty）…”: not where it was written, and the command line's names."""
    import openpyxl

    book = with_settings(write_forms(sample_forms[10:11], tmp_path / "b.xlsx"), (
        ("项目", "内容"), ("单位名称", "大厂回族自治县医疗保障局"), ("成文日期", "2023年3月1日"), ("评分方案", "六十分规则")))
    excel = FileHost(str(book))
    excel.settings_rows = lambda: [["项目", "内容"], ["评分方案", "六十分规则"]]   # Excel: the sheet as it is now
    for host, cell in ((FileHost(str(book)), "B4"), (excel, "B2")):
        message = press(host, **({"outdir": str(tmp_path / "out")} if press in (buttons.report, buttons.finalize) else {}))
        assert f"“设置”工作表 {cell}（评分方案）写的是“六十分规则”，不是可用的评分方案" in message, message
        assert "60%规则、偏差扣分" in message and not re.search(r"[A-Za-z]{2,}", message)
    assert not (tmp_path / "out").exists()


def test_report_says_what_the_settings_sheet_leaves_to_write(tmp_path, sample_forms, monkeypatch):
    """生成报告 with a 设置 sheet partly filled: the documents say 【待填写】 where 文号, 来文, 联系人 … are
    blank, and a 成文日期 no calendar has is left out with a warning — printed to stderr, which Excel
    never shows: the message box said only “已生成” and the paths."""
    import openpyxl

    import importlib

    render = importlib.import_module("jixiao.reports.render")
    monkeypatch.setattr(render, "to_pdf", lambda docx, out: docx)   # no LibreOffice needed here
    book = with_settings(write_forms(sample_forms[10:11], tmp_path / "b.xlsx"), (
        ("项目", "内容"), ("单位名称", "大厂回族自治县医疗保障局"), ("文号", "厂医保函〔2023〕5号"),
        ("成文日期", "2023年13月1日"), ("联系人", "金某")))
    message = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "out"))
    assert message.startswith("已生成：") and (tmp_path / "out" / "报送函.docx").exists()
    notes = [line for line in message.splitlines() if line.startswith("注意：")]
    assert notes == ["注意：设置的成文日期“2023年13月1日”不是实有的日期，文中标【待填写】，请改正后重新生成。",
                     "注意：来文、联系电话没有在“设置”工作表中填写，文中这些地方标【待填写】：填写后再点“生成报告”；"
                     "其余的【待填写】（如工作小组组成人员）请在 Word 中补写。"]


def test_the_commands_score_by_the_settings_sheets_profile_as_the_buttons_do(tmp_path, sample_forms, capsys):
    """A workbook whose 设置 names a 评分方案: every button scored by it, ``jixiao score``/``check``/``report``
    by the default unless --profile was given — one workbook, two scores. An unknown one is named with its
    file and cell, as the button names its cell."""
    import json

    import openpyxl

    from jixiao.cli import main

    book = with_settings(write_forms(sample_forms[:3], tmp_path / "b.xlsx"),
                         (("项目", "内容"), ("评分方案", "财预〔2020〕10号+60%规则")))
    wb = openpyxl.load_workbook(book)
    ws = wb["设置"]
    assert main(["score", str(book), "--json"]) == 0
    assert {s["profile"] for s in json.loads(capsys.readouterr().out)} == {"财预〔2020〕10号+60%规则"}
    assert main(["score", str(book), "--json", "--profile", "财预〔2020〕10号"]) == 0   # the option still wins
    assert {s["profile"] for s in json.loads(capsys.readouterr().out)} == {"财预〔2020〕10号"}
    main(["check", str(book), "--json"])
    cli = sorted((f["rule"], f["sheet"], f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out))
    result, _plan = __import__("jixiao.actions", fromlist=["check"]).check(FileHost(str(book)), "财预〔2020〕10号+60%规则")
    assert cli == sorted((f.rule, f.sheet, f.cell, f.message) for f in result.findings)
    ws["B2"] = "六十分规则"
    wb.save(book)
    assert main(["check", str(book)]) == 2
    assert f"{book}：“设置”工作表 B2（评分方案）写的是“六十分规则”" in capsys.readouterr().err


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_the_report_button_asks_for_a_draft_instead_of_pointing_at_the_command_line(answer, tmp_path, sample_forms):
    """生成报告 on forms with errors said “确需先看草稿时，命令行加 --force”: an Excel user has no command
    line. Now it asks, as 定稿 does: yes gives the drafts (marked, and said to be drafts), no refuses
    without a word of --force."""
    book = write_forms(sample_forms[:2], tmp_path / "b.xlsx")
    host = FileHost(str(book))
    asked = []

    def alert(message, title="", buttons="ok"):
        asked.append((message, buttons))
        return answer if buttons == "yes_no" else "ok"

    host.alert = alert
    message = buttons.report(host, str(tmp_path / "out"))
    question = next(m for m, b in asked if b == "yes_no")
    assert "处错误。是否先生成草稿" in question and "【待核实】" in question
    assert "--force" not in message and "命令行" not in message
    if answer == "yes":
        assert message.startswith("已生成：") and "注意：这是草稿" in message
        assert (tmp_path / "out" / "项目支出绩效自评报告.docx").exists()
    else:
        assert message.startswith("生成报告未完成：") and "请先点击“校验”逐一改正后再生成" in message
        assert not (tmp_path / "out").exists()
