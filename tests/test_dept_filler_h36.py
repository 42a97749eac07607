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
    assert "项目支出绩效自评表（共2个项目）和部门整体支出绩效自评表报送贵局" in body


def test_the_summary_and_report_buttons_on_a_department_workbook_say_why(tmp_path):
    """汇总 and 生成报告 on a workbook holding only the 部门整体支出绩效自评表 ended in an IndexError
    (a Python error box in Excel): 汇总 says it needs project forms, 生成报告 says what stops it."""
    from addin import buttons
    from jixiao.actions import FileHost

    book = _book(tmp_path, zizhou_json(), "部门整体")
    said = buttons.summarize(FileHost(str(book), str(tmp_path / "汇总.xlsx")))
    assert said.startswith("汇总未完成：") and "只读到部门整体支出绩效自评表" in said and "未生成汇总表" in said
    # 生成报告 reports on a 部门整体 form alone since s42 (h5): this one still has an error, which it says
    said = buttons.report(FileHost(str(book), str(tmp_path / "r.xlsx")), str(tmp_path / "报告"))
    assert said.startswith("生成报告未完成：") and "仍有 1 处错误" in said and "未生成报告" in said
    assert "只读到部门整体支出绩效自评表" not in said
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


def _typed_template(tmp_path: Path, cells: dict) -> Path:
    """The blank 部门整体 template typed into as a 填报人 does, then saved by LibreOffice (formulas computed)."""
    from conftest import need_libreoffice
    from jixiao.cli import REPO_TEMPLATES
    from jixiao.excel.office import convert

    need_libreoffice()
    wb = openpyxl.load_workbook(REPO_TEMPLATES / "部门整体支出绩效自评表.xlsx")
    ws = wb.worksheets[0]
    for ref, v in cells.items():
        ws[ref] = v
    src = tmp_path / "typed" / "部门整体.xlsx"
    src.parent.mkdir()
    wb.save(src)
    return convert(src, "xlsx", tmp_path / "lo")


ZIZHOU_TYPED = {"A2": 2023, "E3": "子洲县医疗保障局", "E6": 7, "H6": 6, "E7": 41.98, "H7": 2903.8592, "E8": 2903.8592,
                "H8": 1610.1692, "E9": 1293.69, "H9": 0, "F47": 3.2, "F48": 3.5, "F49": 4, "F50": 1200, "F51": 2800,
                "F52": 0, "F54": 20, "F55": 20, "F56": 12, "F57": 15, "F58": 41.98, "F59": 41.98, "F60": 0.96,
                **{f"F{r}": 0 for r in range(61, 69)}, "I20": 3, "I23": 3}


def test_a_formula_score_left_blank_by_a_figure_typed_as_text_says_so(tmp_path, capsys):
    """实有人数 typed “6人”: the template's 得分 formula of 在职人员控制率 skips the text and shows nothing;
    the check said “得分未填写” on a cell holding a formula. It says which figure is text and what
    the formula gives once it is a number."""
    book = _typed_template(tmp_path, {**ZIZHOU_TYPED, "H6": "6人"})
    capsys.readouterr()
    assert cli_main(["check", str(book), "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    f6 = [f for f in found if f["rule"] == "F6"]
    assert [(f["cell"], f["expected"]) for f in f6] == [("I11", 5)], f6
    assert "未填写" not in f6[0]["message"] and "“实有人数（人）”（H6）是文字" in f6[0]["message"]
    # retyping the digits into a cell formatted as 文本 keeps them text: the format first (as X2 says)
    assert "请将 H6 的单元格格式设为“常规”或“数值”后只填数字，公式即按评分标准得 5 分" in f6[0]["message"]
    # nothing else wrong with the form: the X2 warning on H6 says the same cell; the typed template leaves the
    # 报告日期 and 部门意见的日期 blank, hints since s64 (F21)
    assert {(f["rule"], f["cell"]) for f in found if f["severity"] != "info"} == {("F6", "I11"), ("X2", "H6")}, found
    assert {(f["rule"], f["severity"]) for f in found if f["severity"] == "info"} == {("F21", "info")}


def test_a_percentage_typed_as_a_score_is_no_score(tmp_path, capsys):
    """“95%” typed in the 得分 of 服务对象满意度 (the survey's result where its points belong) was read as
    0.95 分 — “扣了 9.05 分” said V7 — and, as a warning only, “请在单元格中只填数字 95%”. A percentage
    is no number of points: the cell is one the form cannot take (X1), as “5元” in a 人数 cell is."""
    from jixiao.core.numbers import NotANumber, POINTS, parse_number

    assert parse_number("10分", POINTS) == 10 and parse_number("9.5", POINTS) == 9.5
    for bad in ("95%", "95％"):
        try:
            parse_number(bad, POINTS)
        except NotANumber:
            pass
        else:
            raise AssertionError(bad)
    assert parse_number("93%", "%") == 0.93 and parse_number("93%") == 0.93   # where a percentage belongs
    data = json.loads(FENGTAI.read_text(encoding="utf-8"))
    book = _book(tmp_path, data, "评价")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    row = next(r for r in range(8, 30) if ws[f"G{r}"].value == "服务对象满意度")
    ws[f"J{row}"] = "95%"
    wb.save(book)
    capsys.readouterr()
    assert cli_main(["check", str(book), "--json"]) == 2   # its only form cannot be read
    found = json.loads(capsys.readouterr().out)
    bad = [f for f in found if f["cell"] == f"J{row}"]
    assert [(f["rule"], f["severity"]) for f in bad] == [("X1", "error")], bad
    assert "得分应为数字，现为“95%”" in bad[0]["message"]
    assert not any("0.95" in f["message"] for f in found)
