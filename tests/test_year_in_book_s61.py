"""校验 says which form of a workbook is of another year (stop 61).

A 填报人 copied last year's 部门整体支出绩效自评表 into this year's workbook and changed its figures, not its
year (“（2021年度）” among the 2022 项目 forms). 校验 — button and ``jixiao check`` — said nothing of it: only
汇总 (which left the form out), 生成报告 (which did not use it) and later the bureau's review (X5) did. Now
校验 warns on the form's 年度 cell (X8): what the workbook's year is and what to change it to.
"""

from __future__ import annotations

import json

import openpyxl

import addin.buttons as buttons
from conftest import SAMPLES
from dept_helpers import zizhou_of
from jixiao.actions import FileHost
from jixiao.cli import main as cli_main

DEPT_SHEET = "部门整体-子洲县医疗保障局"


def _book(tmp_path, year):
    book = tmp_path / "自评.xlsx"
    assert cli_main(["fill", str(zizhou_of(year, tmp_path)), *(str(p) for p in SAMPLES[:2]), "-o", str(book)]) == 0
    return book


def _x8(capsys, *paths):
    capsys.readouterr()
    cli_main(["check", *map(str, paths), "--json"])
    return [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "X8"]


def test_check_warns_on_the_year_cell_of_the_form_of_another_year(tmp_path, capsys):
    [f] = _x8(capsys, _book(tmp_path, 2021))
    assert (f["sheet"], f["cell"], f["severity"]) == (DEPT_SHEET, "A2", "warning")
    assert f["message"] == ("部门整体支出绩效自评表的年度为2021年度，本工作簿中的表多为2022年度：这张表不计入2022年度的汇总。"
                            "如是2022年度的表（从上年的表复制来而没有改年度），请将年度改为2022")
    assert (f["expected"], f["found"]) == ("2022年度", "2021年度")


def test_no_warning_where_the_years_agree_or_the_forms_are_files_of_their_own(tmp_path, capsys):
    assert _x8(capsys, _book(tmp_path, 2022)) == []
    # separate JSON forms are no workbook: a 2021 department form beside 2022 projects is the batch's matter
    assert _x8(capsys, zizhou_of(2021, tmp_path), *SAMPLES[:2]) == []


def test_the_check_button_marks_the_year_cell(tmp_path):
    book = _book(tmp_path, 2021)
    host = FileHost(str(book), str(tmp_path / "校验后.xlsx"))
    said = buttons.check(host)
    host.save()
    ws = openpyxl.load_workbook(tmp_path / "校验后.xlsx")[DEPT_SHEET]
    assert ws["A2"].comment is not None and "请将年度改为2022" in ws["A2"].comment.text, said
    assert f"工作表“{DEPT_SHEET}”的年度不是本工作簿的2022年度（已在年度格上标出），不计入汇总；如年度填错，请改正。" in said
    listed = openpyxl.load_workbook(tmp_path / "校验后.xlsx")["校验结果"]
    assert any(r[1] == "X8" and r[3] == "A2" for r in listed.iter_rows(values_only=True))


def test_rules_lists_x8(capsys):
    capsys.readouterr()
    assert cli_main(["rules"]) == 0
    assert "X8" in capsys.readouterr().out
