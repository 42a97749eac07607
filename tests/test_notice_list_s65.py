"""The 退回修改通知 and its 清单 tell one story (session 65 reviewer walk).

A blank cell: the notice said “……，表中为空白” (a blank 偏差原因 I14, a blank 扣分原因 J29) or “……未填写”
(a blank date J43), while the 清单's 表中为 column beside the same point was empty — a reader of the list
could not tell a blank cell from a point that quotes no cell.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.core.dates import date_blank_said
from jixiao.core.numbers import BLANK
from jixiao.review.notices import _list_cell, item_text

sys.path.insert(0, str(Path(__file__).parent))
from review_fixture import form, list_rows  # noqa: E402


def _item(message: str, found: object = None) -> dict:
    return {"kind": "finding", "file": "a.xlsx", "sheet": "部门整体", "cell": "J43", "project": "县民政局",
            "message": message, "found": found, "expected": None, "severity": "warning", "rule": "F21"}


def test_a_blank_cell_the_notice_calls_blank_is_blank_in_the_list_too(tmp_path: Path) -> None:
    """Sample 2's first indicator scores 8.24 of 10 with no 偏差原因 (I14): the notice says “表中为空白”, the
    清单's 表中为 says “空白” (it was empty); a point quoting a written cell keeps what is written."""
    from jixiao.excel.workbook import write_forms
    from jixiao.review.run import review

    (tmp_path / "inbox" / "县民政局").mkdir(parents=True)
    write_forms([form(2, "县民政局")], tmp_path / "inbox" / "县民政局" / "a.xlsx")
    rv = review(tmp_path / "inbox", tmp_path / "out", annotate=False)
    (dept,) = rv.departments
    blank = next(it for it in dept.items if it.get("cell") == "I14")
    assert f"表中为{BLANK}" in item_text(1, blank), item_text(1, blank)
    rows = list_rows(next((tmp_path / "out").rglob("*清单.xlsx")).parent)
    head = rows[1]
    found_col = head.index("表中为")
    row = next(r for r in rows if r[head.index("单元格")] == "I14")
    assert row[found_col] == BLANK, row
    written = next(r for r in rows if r[head.index("单元格")] == "F12")
    assert written[found_col] == "已完成", written


def test_a_blank_date_and_a_point_on_no_blank_cell() -> None:
    """A blank date (“……未填写，请填写……”) is blank in the 清单; a point whose 表中为 is empty because it
    quotes no cell (an approved indicator missing from the form) stays empty — not called blank."""
    said, _ = date_blank_said("部门（单位）意见的日期", 2022)
    assert _list_cell(_item(said), "found", shown=True) == BLANK
    assert _list_cell(_item("批复的指标“合格率”在自评表中没有"), "found", shown=True) == ""
    assert _list_cell(_item("指标“稳定性”的得分未填写，表中为空白", ""), "found", shown=True) == BLANK
    assert _list_cell(_item("指标值写作“=100%”", "≥100%"), "found", shown=True) == "≥100%"


def _two_file_inbox(root: Path) -> Path:
    """县人社局 sends two workbooks: each form's heading names its file, “二、“人社局项目自评表.xlsx”中“就业补助
    资金”工作表” — 27.5 characters after a 2-character indent, one more than a line of 16 pt holds."""
    from jixiao.excel.workbook import write_forms

    unit = root / "inbox" / "县人社局"
    unit.mkdir(parents=True)
    write_forms([form(1, "县人社局", project="就业补助资金")], unit / "人社局项目自评表.xlsx")
    write_forms([form(2, "县人社局")], unit / "人社局另一个项目.xlsx")
    return root / "inbox"


def test_no_printed_line_of_a_heading_holds_one_character_alone(tmp_path: Path) -> None:
    """The notice as LibreOffice prints it: “二、“人社局项目自评表.xlsx”中“就业补助资金”工作” over “表” alone;
    every heading now ends on a line of at least two characters besides closing marks."""
    import subprocess

    from conftest import need_libreoffice
    from jixiao.excel.office import convert
    from jixiao.review.run import review

    need_libreoffice()
    review(_two_file_inbox(tmp_path), tmp_path / "out", annotate=False)
    pdf = convert(tmp_path / "out" / "县人社局" / "退回修改通知.docx", "pdf", tmp_path / "pdf")
    lines = [ln.replace(" ", "") for ln in subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                 text=True, check=True).stdout.splitlines() if ln.strip()]
    heads = [k for k, ln in enumerate(lines) if ln.startswith(("一、", "二、"))]
    assert len(heads) == 2, lines
    for k in heads:
        assert lines[k].endswith("工作表") or len(lines[k + 1].rstrip("”）")) >= 2, lines[k:k + 2]
    assert "二、“人社局项目自评表.xlsx”中“就业补助资金”工作" not in lines
    # the line before the break is set left, not spread over the line as a justified line before a break is
    assert "二、“人社局项目自评表.xlsx”中“就业补助资金”" in lines
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "二、“人社局项目自评表.xlsx”中“就业补助资金”" in text


def test_a_heading_ending_in_a_bracket_keeps_two_characters_on_its_last_line() -> None:
    """“…”工作” over “表）”: the break comes after the closing quote; a heading that fits is left whole."""
    from jixiao.review.notices import heading_lines

    text = "（一）就业资金（“人社局自表.xlsx”中“资金”工作表）"
    assert heading_lines(text) == "（一）就业资金（“人社局自表.xlsx”中“资金”\n工作表）"
    assert heading_lines("一、各表存在的问题") == "一、各表存在的问题"
    assert "\n" not in heading_lines("（一）就业资金（“人社表.xlsx”中“资金”工作表）")


def test_a_department_that_sent_its_department_form_alone_is_told_which_form_is_missing(tmp_path: Path) -> None:
    """县人社局 mailed only its 部门整体支出绩效自评表: “未报送项目“就业补助资金”的绩效自评表” did not say which
    form; it is the 项目支出绩效自评表."""
    import docx
    import openpyxl
    from dept_helpers import clean_json
    from review_fixture import run_cli

    from jixiao.excel.workbook import write_forms
    from jixiao.forms.department.model import parse_dept_form

    d = clean_json()
    d["department"] = "县人社局"
    (tmp_path / "inbox").mkdir()
    write_forms([parse_dept_form(d)], tmp_path / "inbox" / "人社局部门整体.xlsx")
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "实施单位", "项目名称", "预算数（万元）"])
    wb.active.append([1, "县人社局", "就业补助资金", 88])
    wb.save(tmp_path / "项目清单.xlsx")
    out = tmp_path / "out"
    run_cli("review", str(tmp_path / "inbox"), "-o", str(out), "--year", "2024", "--expected",
            str(tmp_path / "项目清单.xlsx"))
    text = "\n".join(p.text for p in docx.Document(str(next(out.rglob("退回修改通知.docx")))).paragraphs)
    assert "未报送项目“就业补助资金”的项目支出绩效自评表，请补报" in text, text
    assert "的绩效自评表" not in text, text


def test_a_heading_naming_a_very_long_project_is_planned_in_one_pass(monkeypatch):
    """A project named with thousands of characters (a text pasted into 项目名称; the fuzzing folder makes such
    forms) made ``heading_lines`` measure every tail of its heading over the whole heading: ``review`` of that
    inbox ran for minutes. Counted, not timed: the characters measured grow with the heading, not its square."""
    from jixiao.review import notices

    measured = []
    real = notices._chars
    monkeypatch.setattr(notices, "_chars", lambda s: measured.append(len(s)) or real(s))
    text = "一、“县民政局.xlsx”中“" + "城乡居民医疗救助资金" * 2000 + "”工作表"
    planned = notices.heading_lines(text)
    assert planned.replace("\n", "") == text
    assert sum(measured) < 10 * len(text), sum(measured)
