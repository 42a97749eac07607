"""What a button says is for the 填报人 at Excel/WPS; the command line names its commands.

Messages reached from a button told the 填报人 to “请用 jixiao import --targets” (a 绩效目标表 opened
instead of a 自评表), “见 jixiao rules” (a rule code the 设置's 校验规则 block does not know) or “命令行也可用
-o” (定稿 clicked in the 定稿 copy itself) — commands no button runs. Each message now says what to do in
Excel/WPS (or whom to ask), written once; the command line says the command in its place
(``errors.for_command``), as the report refusal did with a text of its own for each."""

from __future__ import annotations

import re

import pytest

import addin.buttons as buttons
from conftest import with_settings
from jixiao.actions import FileHost
from jixiao.cli import main
from jixiao.errors import FOR_COMMAND, for_command
from jixiao.excel.workbook import write_forms

COMMAND_WORDS = re.compile(r"jixiao|命令行|--|(?<![A-Za-z])-o\b")


def test_each_request_is_said_for_excel_and_for_the_command_line():
    for excel, command in FOR_COMMAND.items():
        assert not COMMAND_WORDS.search(excel), excel
        assert COMMAND_WORDS.search(command), command
        assert for_command(f"甲：{excel}乙") == f"甲：{command}乙"
    assert for_command("没有要改的") == "没有要改的"


@pytest.mark.parametrize("press", [buttons.calc, buttons.check, buttons.summarize, buttons.report, buttons.finalize])
def test_a_targets_workbook_tells_the_button_what_to_do_in_excel(press, tmp_path, capsys):
    from target_books import write_book

    book = write_book(tmp_path / "目标表.xlsx", 2)
    said = press(FileHost(str(book), str(tmp_path / "副本.xlsx")),
                 **({"outdir": str(tmp_path / "out")} if press in (buttons.report, buttons.finalize) else {}))
    assert "这是绩效目标申报表，不是自评表" in said
    assert not COMMAND_WORDS.search(said), said
    if press is not buttons.check:   # (校验 lists what each sheet is, in its 校验结果 sheet)
        assert "要由它生成自评表，请在自评表模板中照它填写，或请安装本工具的同事由它生成预填的自评表" in said
    # the command line: the command that does it
    for argv in (["summarize", str(book)], ["calc", str(book), "-o", str(tmp_path / "c.xlsx")],
                 ["import", str(book), "-o", str(tmp_path / "i.xlsx")]):
        assert main(argv) == 2
        got = capsys.readouterr()
        printed = got.out + got.err
        assert "要由它生成自评表，请用 jixiao import --targets" in printed and "安装本工具的同事" not in printed


def test_an_unknown_rule_code_on_the_settings_sheet(tmp_path, sample_forms, capsys):
    book = with_settings(write_forms(sample_forms[:1], tmp_path / "b.xlsx"),
                         (("项目", "内容"), ("单位名称", "县医保局"), (None, None), ("校验规则", "设置"), ("Z9", "关闭")))
    said = buttons.check(FileHost(str(book)))
    assert said.startswith("校验未完成：") and "没有编码为“Z9”的校验规则（可用的编码见本工具说明中的校验规则目录）" in said
    assert not COMMAND_WORDS.search(said), said
    assert main(["check", str(book)]) == 2
    assert "没有编码为“Z9”的校验规则（见 jixiao rules）" in capsys.readouterr().err


def test_finalize_clicked_in_the_final_copy_itself(tmp_path, sample_forms, capsys):
    from jixiao.finalize import names_for

    form = sample_forms[10]
    final = write_forms([form], tmp_path / names_for(form.unit, form.year)[0])
    said = buttons.finalize(FileHost(str(final)), confirm=True, email=False)
    assert "定稿文件不能覆盖原工作簿；请打开填报用的原工作簿再点“定稿”" in said
    assert not COMMAND_WORDS.search(said), said
    assert main(["finalize", str(final), "--force", "--no-pdf"]) == 2
    assert "请对填报用的原工作簿定稿（命令行也可用 -o 把定稿写到另一个文件夹）" in capsys.readouterr().err


def test_the_report_refusal_is_one_text(tmp_path, sample_forms, capsys):
    book = write_forms(sample_forms[:2], tmp_path / "b.xlsx")
    said = buttons.report(FileHost(str(book)), str(tmp_path / "out"), draft=False)
    assert said.endswith("处错误，未生成报告。请先点击“校验”逐一改正后再生成。") and not COMMAND_WORDS.search(said)
    assert main(["report", str(book), "-o", str(tmp_path / "cli")]) == 1
    err = capsys.readouterr().err
    assert "请先点击“校验”（命令行：jixiao check）逐一改正后再生成；确需先看草稿时，命令行加 --force" in err
