"""A 项目名称 (or 部门（单位）名称) that holds only spaces or only a dash is empty (QA s41 #2).

A clerk clears a cell with the space bar, or writes the template's own “/” or “无” there: every
reader took that for a name, ``check`` passed the form, and the reports printed “【待填写】” as the
project. Each reader now asks ``is_unfilled`` where it asked “blank?”, so such a cell is the X1
error a blank one always was, with the same message, which says which cell to fill.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_layouts_h37 import form_rows

from jixiao.cli import main
from jixiao.core.numbers import is_unfilled
from jixiao.errors import CellError
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.project.model import parse_form
from jixiao.reading import SheetGrid, read_grid
from jixiao.reading.targets import read_targets
from jixiao.sources import read_workbook_forms

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
# blank, spaces, a full-width space, NBSP, a tab, the template's dashes and 无
EMPTY = [None, "   ", "\u3000", "\u00a0", " \t ", "/", "-", "—", "——", "无", " 无 "]
PROJECT_SAYS = "项目名称为空，请填写批复的项目名称"


def _sample(path: str) -> dict[str, Any]:
    return json.loads((SAMPLES / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    """One workbook per kind of form, each written by ``fill`` from a sample."""
    d = tmp_path_factory.mktemp("names")
    return {"project": write_forms([parse_form(_sample("dachang-2022/11.json"))], d / "project.xlsx"),
            "department": write_forms([parse_dept_form(_sample("zizhou-2023/department.json"))], d / "dept.xlsx"),
            "evaluation": write_forms([parse_eval_form(_sample("fengtai-2023-evaluation/form.json"))], d / "eval.xlsx")}


def _with(book: Path, cell: str, value: Any, out: Path) -> Path:
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0][cell] = value
    wb.save(out)
    return out


def test_unfilled_is_blank_spaces_or_a_dash_only():
    assert all(is_unfilled(v) for v in EMPTY)
    assert not any(is_unfilled(v) for v in ("无锡市道路维护", "-专项", "A", 0, 2023, "项目 / 经费"))


@pytest.mark.parametrize("kind, cell, says", [
    ("project", "B3", PROJECT_SAYS.format("B3")),
    ("evaluation", "D3", PROJECT_SAYS.format("D3")),
    ("department", "E3", "部门（单位）名称为空，请填写部门（单位）全称"),
])
@pytest.mark.parametrize("value", EMPTY)
def test_our_templates_refuse_a_name_of_spaces_or_a_dash(books, tmp_path, kind, cell, says, value):
    """The form is not read: one X1 cell error on the name cell, naming file and sheet, as for a blank."""
    book = _with(books[kind], cell, value, tmp_path / "x.xlsx")
    sheet = openpyxl.load_workbook(book, read_only=True).sheetnames[0]
    found, problems = read_workbook_forms(book)
    assert found == []
    (p,) = problems
    assert isinstance(p, CellError) and (p.file, p.sheet, p.cell, p.reason) == (str(book), sheet, cell, says)


@pytest.mark.parametrize("value", EMPTY)
def test_another_layout_refuses_a_name_of_spaces_or_a_dash(value):
    """The label-anchored reader (a county's own layout): the cell right of 项目名称."""
    rows = form_rows()
    rows[1] = ["项目名称", value]
    forms, (problem,) = read_grid(SheetGrid(rows, [], "民政.xlsx", "低保"))
    assert forms == [] and problem.cell == "B2" and problem.reason == PROJECT_SAYS.format("B2")


@pytest.mark.parametrize("value", ["\u3000", "/", "无"])
def test_a_target_form_refuses_a_name_of_spaces_or_a_dash(tmp_path, value):
    wb = openpyxl.Workbook()
    for row in (["2024年度项目支出绩效目标表"], ["项目名称", value],
                ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
                ["产出指标", "数量指标", "道路维护里程", "≥12.5公里", 30]):
        wb.active.append(row)
    wb.save(tmp_path / "目标表.xlsx")
    targets, (problem,) = read_targets(tmp_path / "目标表.xlsx")
    assert targets == [] and problem.cell == "B2" and problem.reason == "项目名称为空，请填写项目名称"


def test_check_report_and_finalize_stop_at_a_name_of_spaces(books, tmp_path, capsys):
    """The defect as the QA reviewer met it: 错误 0, then a report about “【待填写】”."""
    book = _with(books["project"], "B3", "   ", tmp_path / "sp.xlsx")
    assert main(["check", str(book)]) == 2  # as for a blank B3: a form that could not be read
    assert "单元格 B3 · 规则 X1 · 项目名称为空，请填写批复的项目名称" in capsys.readouterr().out
    assert main(["report", str(book), "-o", str(tmp_path / "rep")]) != 0
    assert main(["finalize", str(book), "-o", str(tmp_path / "fin")]) != 0
    capsys.readouterr()
    assert not list((tmp_path / "rep").glob("*.docx")) and not list((tmp_path / "fin").glob("*"))
