"""What a 填报人 of the 部门整体支出绩效自评表 (and of the 项目支出绩效评价表) sees when typing
into the template as people do: each test one thing that was wrong."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import openpyxl

from dept_helpers import zizhou_json
from jixiao.cli import main as cli_main

FENGTAI = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "fengtai-2023-evaluation" / "form.json"


def _book(tmp_path: Path, data: dict, name: str) -> Path:
    src = tmp_path / f"{name}.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / f"{name}.xlsx"
    assert cli_main(["fill", str(src), "-o", str(book)]) == 0
    return book


def test_finalize_names_a_department_form_as_what_it_is(tmp_path):
    """A workbook holding only the 部门整体支出绩效自评表 was sent as
    “子洲县医疗保障局-2023-项目支出绩效自评表.xlsx”, its mail saying “项目支出绩效自评表（共 0 个项目）”."""
    book = _book(tmp_path, zizhou_json(), "部门整体")
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "out"), "--email", "--no-pdf", "--force"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "子洲县医疗保障局-2023-部门整体支出绩效自评表.xlsx" in names, names
    wb = openpyxl.load_workbook(tmp_path / "out" / "子洲县医疗保障局-2023-部门整体支出绩效自评表.xlsx")
    assert wb.properties.title == "2023年度部门整体支出绩效自评表"
    msg = email.message_from_bytes(next((tmp_path / "out").glob("*.eml")).read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",)).get_content()
    assert "项目支出绩效自评表" not in str(msg["Subject"]) + body
    assert "部门整体支出绩效自评表" in str(msg["Subject"]) and "2023年度部门整体支出绩效自评表报送贵局" in body
    assert "共 0 个项目" not in body


def test_finalize_names_an_evaluation_form_and_mentions_each_kind(tmp_path):
    """The 项目支出绩效评价表 alone is named as such; a book of project forms and the department's
    form says both in its mail."""
    book = _book(tmp_path, json.loads(FENGTAI.read_text(encoding="utf-8")), "评价")
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "out"), "--no-pdf", "--force"]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == [
        "北京市丰台区医疗保障局-2023-项目支出绩效评价表.xlsx"]

    from jixiao.finalize import email_text, sent_as
    from jixiao.core.settings import Settings
    from jixiao.sources import Batch, Loaded

    def it(form: object) -> Loaded:
        return Loaded(form=form, file="x.xlsx", sheet="s", sheet_form=None)   # type: ignore[arg-type]

    from jixiao.forms.department.model import parse_dept_form
    from conftest import SAMPLES
    from jixiao.forms.project.model import parse_form

    proj = parse_form(json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8")))
    batch = Batch([it(proj), it(proj)], departments=[it(parse_dept_form(zizhou_json()))])
    title, what = sent_as(batch)
    assert title == "项目支出绩效自评表"
    _subject, body = email_text(Settings(), "县医保局", 2022, 2, [], what)
    assert "项目支出绩效自评表（共 2 个项目）和部门整体支出绩效自评表报送贵局" in body


def test_the_summary_and_report_buttons_on_a_department_workbook_say_why(tmp_path):
    """汇总 and 生成报告 on a workbook holding only the 部门整体支出绩效自评表 ended in an IndexError
    (a Python error box in Excel); they say, as ``jixiao report`` does, that they need project forms."""
    from addin import buttons
    from jixiao.actions import FileHost

    book = _book(tmp_path, zizhou_json(), "部门整体")
    said = buttons.summarize(FileHost(str(book), str(tmp_path / "汇总.xlsx")))
    assert said.startswith("汇总未完成：") and "只读到部门整体支出绩效自评表" in said and "未生成汇总表" in said
    said = buttons.report(FileHost(str(book), str(tmp_path / "r.xlsx")), str(tmp_path / "报告"))
    assert said.startswith("生成报告未完成：") and "只读到部门整体支出绩效自评表" in said and "未生成报告" in said
    assert not (tmp_path / "报告").exists() and not (tmp_path / "汇总.xlsx").exists()


def test_calc_on_a_department_workbook_says_what_it_did(tmp_path, capsys):
    """计算 on a workbook holding only the 部门整体支出绩效自评表 printed an empty line (the button an
    empty message box): it says that it fills project forms only and how the department form scores."""
    book = _book(tmp_path, zizhou_json(), "部门整体")
    capsys.readouterr()
    assert cli_main(["calc", str(book), "-o", str(tmp_path / "算.xlsx")]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert "这个工作簿里只有部门整体支出绩效自评表，没有改动" in first and "计算数据" in first, out
