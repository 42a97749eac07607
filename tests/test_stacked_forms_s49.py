"""Forms pasted one under another on one sheet: every one is read, or the one left out is named.

A department that copies its published tables into one sheet has the first 项目支出绩效自评表 at our
template's cells; read by position, that sheet gave the first form and the others were lost without a
word (the 汇总表 counted one project of three). The 部门整体 and 评价 readers read one form a sheet:
a second one below is named as not read, on its title cell.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES

from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook


def _stacked(src, dst, sheets: int, gap: int = 2) -> list[int]:
    """The first ``sheets`` sheets of ``src`` (their cached values, merges) one under another on one
    sheet of ``dst``, as a department pastes them; returns the row each one starts at."""
    wb = openpyxl.load_workbook(src, data_only=True)
    out = openpyxl.Workbook()
    ws_out = out.active
    ws_out.title = "自评表"
    starts, off = [], 0
    for ws in wb.worksheets[:sheets]:
        starts.append(off + 1)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cell = ws_out.cell(c.row + off, c.column, c.value)
                    if isinstance(c.value, str):
                        cell.data_type = "s"   # "=1 人" stays the text it is
        for m in ws.merged_cells.ranges:
            ws_out.merge_cells(start_row=m.min_row + off, start_column=m.min_col,
                               end_row=m.max_row + off, end_column=m.max_col)
        off += ws.max_row + gap
    out.save(dst)
    return starts


def _forms(n: int):
    return [parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in SAMPLES[:n]]


def _data(sf) -> dict:
    return sf.form.model_dump(mode="json")


def test_every_form_stacked_on_one_sheet_is_read(tmp_path):
    apart = write_forms(_forms(3), tmp_path / "apart.xlsx")
    starts = _stacked(apart, tmp_path / "stacked.xlsx", 3)
    one = read_workbook(apart)
    stacked = read_workbook(tmp_path / "stacked.xlsx")
    assert stacked.problems == []
    assert [sf.form.project for sf in stacked.forms] == [sf.form.project for sf in one.forms]
    assert [_data(sf) for sf in stacked.forms] == [_data(sf) for sf in one.forms]
    # each form's cells are named where it sits on the sheet: the third's 项目名称 label is below the second
    assert [sf.anchor for sf in stacked.forms] == [f"A{s + 2}" for s in starts]


def test_stacked_forms_are_checked_as_the_same_forms_apart(tmp_path, capsys):
    apart = write_forms(_forms(3), tmp_path / "apart.xlsx")
    _stacked(apart, tmp_path / "stacked.xlsx", 3)

    def found(path) -> Counter:
        capsys.readouterr()
        main(["check", str(path), "--json"])
        return Counter((f["project"], f["rule"], f["severity"]) for f in json.loads(capsys.readouterr().out))

    a, b = found(apart), found(tmp_path / "stacked.xlsx")
    assert sum(a.values()) > 10
    assert len({p for p, _, _ in b}) == 3
    assert a == b


def test_a_remark_naming_the_project_leaves_the_template_read_by_position(tmp_path):
    """Only a 项目名称 label starts a form: a remark that says 项目名称 in a sentence does not."""
    apart = write_forms(_forms(1), tmp_path / "one.xlsx")
    wb = openpyxl.load_workbook(apart)
    ws = wb.worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    ws.cell(total + 1, 2).value = "项目名称由“退役军人岗位经费”调整为现名称。"
    wb.save(tmp_path / "remark.xlsx")
    got = read_workbook(tmp_path / "remark.xlsx")
    assert len(got.forms) == 1 and got.forms[0].native


@pytest.mark.parametrize("kind", ["department", "evaluation"])
def test_a_second_table_form_on_a_sheet_is_named_not_dropped(tmp_path, capsys, kind):
    root = Path(__file__).resolve().parents[1] / "jixiao" / "samples"
    sample = {"department": root / "zizhou-2023/department.json",
              "evaluation": root / "fengtai-2023-evaluation/form.json"}[kind]
    title = {"department": "部门整体支出绩效自评表", "evaluation": "项目支出绩效评价表"}[kind]
    filled = tmp_path / "filled.xlsx"
    assert main(["fill", str(sample), "-o", str(filled)]) == 0
    _stacked(filled, tmp_path / "stacked.xlsx", 1)
    wb = openpyxl.load_workbook(tmp_path / "stacked.xlsx")
    ws = wb.active
    height = ws.max_row
    src = openpyxl.load_workbook(filled, data_only=True).worksheets[0]
    for row in src.iter_rows():       # the same form again, below the first
        for c in row:
            if c.value is not None:
                cell = ws.cell(c.row + height + 2, c.column, c.value)
                if isinstance(c.value, str):
                    cell.data_type = "s"
    wb.save(tmp_path / "two.xlsx")
    capsys.readouterr()
    code = main(["check", str(tmp_path / "two.xlsx"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code != 0
    second = [f for f in out if f["rule"] == "X1"]
    assert [f["cell"] for f in second] == [f"A{height + 3}"]
    assert title in second[0]["message"] and "未读取" in second[0]["message"]
    assert any(f["rule"] != "X1" for f in out)     # the first form is still checked


def _beside(src, dst, sheets: int, gap: int = 2) -> list[int]:
    """The first ``sheets`` sheets of ``src`` side by side on one sheet; returns each one's first column."""
    wb = openpyxl.load_workbook(src, data_only=True)
    out = openpyxl.Workbook()
    ws_out = out.active
    firsts, off = [], 0
    for ws in wb.worksheets[:sheets]:
        firsts.append(off + 1)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cell = ws_out.cell(c.row, c.column + off, c.value)
                    if isinstance(c.value, str):
                        cell.data_type = "s"
        for m in ws.merged_cells.ranges:
            ws_out.merge_cells(start_row=m.min_row, start_column=m.min_col + off,
                               end_row=m.max_row, end_column=m.max_col + off)
        off += ws.max_column + gap
    out.save(dst)
    return firsts


def test_a_form_beside_another_is_named_as_not_read(tmp_path):
    from openpyxl.utils import get_column_letter

    apart = write_forms(_forms(2), tmp_path / "apart.xlsx")
    firsts = _beside(apart, tmp_path / "beside.xlsx", 2)
    got = read_workbook(tmp_path / "beside.xlsx")
    first = read_workbook(apart).forms[0]
    assert [_data(sf) for sf in got.forms] == [_data(first)]
    assert [(p.cell, "未读取" in str(p)) for p in got.problems] == [(f"{get_column_letter(firsts[1])}3", True)]


def test_a_note_beside_the_form_that_says_项目名称_is_no_form(tmp_path):
    apart = write_forms(_forms(1), tmp_path / "one.xlsx")
    wb = openpyxl.load_workbook(apart)
    wb.worksheets[0]["K3"] = "项目名称："
    wb.worksheets[0]["L3"] = "按预算批复填写"
    wb.save(tmp_path / "note.xlsx")
    got = read_workbook(tmp_path / "note.xlsx")
    assert len(got.forms) == 1 and got.problems == []
    assert got.forms[0].form.project == _forms(1)[0].project


@pytest.mark.parametrize("kind", ["department", "evaluation"])
def test_a_table_form_beside_another_is_named(tmp_path, capsys, kind):
    root = Path(__file__).resolve().parents[1] / "jixiao" / "samples"
    sample = {"department": root / "zizhou-2023/department.json",
              "evaluation": root / "fengtai-2023-evaluation/form.json"}[kind]
    filled = tmp_path / "filled.xlsx"
    assert main(["fill", str(sample), "-o", str(filled)]) == 0
    wb = openpyxl.load_workbook(filled, data_only=True)
    wb.worksheets[0].title = "表"
    wb.save(tmp_path / "one.xlsx")
    firsts = _beside(tmp_path / "one.xlsx", tmp_path / "half.xlsx", 1)
    src, dst = openpyxl.load_workbook(tmp_path / "half.xlsx"), openpyxl.load_workbook(tmp_path / "one.xlsx",
                                                                                        data_only=True)
    ws, width = src.active, dst.worksheets[0].max_column + 2
    for row in dst.worksheets[0].iter_rows():    # the same form again, to the right of the first
        for c in row:
            if c.value is not None:
                cell = ws.cell(c.row, c.column + width, c.value)
                if isinstance(c.value, str):
                    cell.data_type = "s"
    src.save(tmp_path / "beside.xlsx")
    capsys.readouterr()
    assert firsts == [1]
    assert main(["check", str(tmp_path / "beside.xlsx"), "--json"]) != 0
    out = json.loads(capsys.readouterr().out)
    from openpyxl.utils import get_column_letter
    assert [f["cell"] for f in out if f["rule"] == "X1"] == [f"{get_column_letter(width + 1)}1"]


@pytest.mark.parametrize("layout", [0, 1], ids=["申报表", "目标表"])
def test_the_approved_targets_below_a_form_are_no_second_form(tmp_path, capsys, layout):
    """A department keeps the approved 绩效目标表 below its 自评表 for reference: the 自评表 is checked as
    it is alone, and the 目标表 is no “第 2 张表……不是自评表” error (nothing there is wrong)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import target_books

    alone = write_forms(_forms(1), tmp_path / "alone.xlsx")
    targets = target_books.write_book(tmp_path / "targets.xlsx", 2)
    wb = openpyxl.load_workbook(alone, data_only=True)   # the cached results stay as values
    ws = wb.worksheets[0]
    below = ws.max_row + 3
    for row in openpyxl.load_workbook(targets).worksheets[layout].iter_rows():
        for c in row:
            if c.value is not None:
                cell = ws.cell(c.row + below, c.column, c.value)
                if isinstance(c.value, str):
                    cell.data_type = "s"
    wb.save(tmp_path / "with_targets.xlsx")

    def found(path) -> Counter:
        capsys.readouterr()
        main(["check", str(path), "--json"])
        return Counter((f["rule"], f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out))

    a, b = found(alone), found(tmp_path / "with_targets.xlsx")
    assert sum(a.values()) > 5
    assert not any(rule == "X1" for rule, _, _ in b)
    assert a == b


def test_a_project_list_below_a_form_is_no_second_form(tmp_path, capsys):
    """A list (序号, 项目名称, 全年预算数 …) kept below the form: no X1 “第 2 张表……不是自评表”."""
    alone = write_forms(_forms(1), tmp_path / "alone.xlsx")
    wb = openpyxl.load_workbook(alone, data_only=True)
    ws = wb.worksheets[0]
    top = ws.max_row + 3
    for i, row in enumerate([["序号", "项目名称", "全年预算数", "全年执行数", "自评得分"],
                             [1, "退役军人辅助性岗位经费", 5.6, 5.18, 97.75], [2, "医疗保障服务经费", 20, 19, 95]]):
        for c, v in enumerate(row, 1):
            ws.cell(top + i, c).value = v
    wb.save(tmp_path / "with_list.xlsx")

    def found(path) -> Counter:
        capsys.readouterr()
        main(["check", str(path), "--json"])
        return Counter((f["rule"], f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out))

    a, b = found(alone), found(tmp_path / "with_list.xlsx")
    assert sum(a.values()) > 5 and a == b
