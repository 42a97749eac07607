"""Forms pasted together on one sheet: every one is read, or the one left out is named.

A department that copies its published tables into one sheet has the first 项目支出绩效自评表 at our
template's cells; read by position, that sheet gave the first form and the others were lost without a
word (the 汇总表 counted one project of three). A form set beside another was dropped by both readers.
The 部门整体 and 评价 readers read one form a sheet: a second one below or beside is named as not read.
What a department keeps below a form for reference (the approved 绩效目标表, a project list) is no form.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES
from openpyxl.utils import get_column_letter

from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook

HERE = Path(__file__).resolve().parent
KIND_SAMPLES = {"department": HERE.parent / "jixiao/samples/zizhou-2023/department.json",
                "evaluation": HERE.parent / "jixiao/samples/fengtai-2023-evaluation/form.json"}
KIND_TITLES = {"department": "部门整体支出绩效自评表", "evaluation": "项目支出绩效评价表"}


def _paste(src_ws, ws, rows: int = 0, cols: int = 0, *, merges: bool = True) -> None:
    """Every value of ``src_ws`` onto ``ws``, ``rows`` lower and ``cols`` further right, as a department
    pastes a copied form (texts stay texts: “=1 人” is no formula), with its merged ranges."""
    for row in src_ws.iter_rows():
        for c in row:
            if c.value is not None:
                cell = ws.cell(c.row + rows, c.column + cols, c.value)
                if isinstance(c.value, str):
                    cell.data_type = "s"
    for m in src_ws.merged_cells.ranges if merges else ():
        ws.merge_cells(start_row=m.min_row + rows, start_column=m.min_col + cols,
                       end_row=m.max_row + rows, end_column=m.max_col + cols)


def _together(src, dst, sheets: int, *, beside: bool = False, gap: int = 2) -> list[int]:
    """The first ``sheets`` sheets of ``src`` (their cached values) one under another — or side by side —
    on one sheet of ``dst``; returns the row (the column) each one starts at."""
    wb = openpyxl.load_workbook(src, data_only=True)
    out = openpyxl.Workbook()
    out.active.title = "自评表"
    starts, off = [], 0
    for ws in wb.worksheets[:sheets]:
        starts.append(off + 1)
        _paste(ws, out.active, 0 if beside else off, off if beside else 0)
        off += (ws.max_column if beside else ws.max_row) + gap
    out.save(dst)
    return starts


def _forms(n: int):
    return [parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in SAMPLES[:n]]


def _data(sf) -> dict:
    return sf.form.model_dump(mode="json")


def _found(capsys, path, *keys: str) -> Counter:
    """``check --json``'s findings of ``path``, counted by ``keys``."""
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return Counter(tuple(f[k] for k in keys) for f in json.loads(capsys.readouterr().out))


def test_every_form_stacked_on_one_sheet_is_read(tmp_path):
    apart = write_forms(_forms(3), tmp_path / "apart.xlsx")
    starts = _together(apart, tmp_path / "stacked.xlsx", 3)
    one = read_workbook(apart)
    stacked = read_workbook(tmp_path / "stacked.xlsx")
    assert stacked.problems == []
    assert [sf.form.project for sf in stacked.forms] == [sf.form.project for sf in one.forms]
    assert [_data(sf) for sf in stacked.forms] == [_data(sf) for sf in one.forms]
    # each form's cells are named where it sits on the sheet: the third's 项目名称 label is below the second
    assert [sf.anchor for sf in stacked.forms] == [f"A{s + 2}" for s in starts]


def test_stacked_forms_are_checked_as_the_same_forms_apart(tmp_path, capsys):
    apart = write_forms(_forms(3), tmp_path / "apart.xlsx")
    _together(apart, tmp_path / "stacked.xlsx", 3)
    a = _found(capsys, apart, "project", "rule", "severity")
    b = _found(capsys, tmp_path / "stacked.xlsx", "project", "rule", "severity")
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


def _two_of_a_kind(tmp_path, kind: str, *, beside: bool) -> tuple:
    """A 部门整体 or 评价 form filled from its sample, and the same form again below it or to its right
    on one sheet; returns (path, the row or column the second one starts at)."""
    filled = tmp_path / "filled.xlsx"
    assert main(["fill", str(KIND_SAMPLES[kind]), "-o", str(filled)]) == 0
    src = openpyxl.load_workbook(filled, data_only=True).worksheets[0]
    out = openpyxl.Workbook()
    _paste(src, out.active)
    second = (src.max_column if beside else src.max_row) + 2
    _paste(src, out.active, 0 if beside else second, second if beside else 0, merges=False)
    out.save(tmp_path / "two.xlsx")
    return tmp_path / "two.xlsx", second


@pytest.mark.parametrize("beside", [False, True], ids=["below", "beside"])
@pytest.mark.parametrize("kind", ["department", "evaluation"])
def test_a_second_table_form_on_a_sheet_is_named_not_dropped(tmp_path, capsys, kind, beside):
    path, second = _two_of_a_kind(tmp_path, kind, beside=beside)
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) != 0
    out = json.loads(capsys.readouterr().out)
    x1 = [f for f in out if f["rule"] == "X1"]
    assert [f["cell"] for f in x1] == [f"{get_column_letter(second + 1)}1" if beside else f"A{second + 1}"]
    assert KIND_TITLES[kind] in x1[0]["message"] and "未读取" in x1[0]["message"]
    assert any(f["rule"] != "X1" for f in out)     # the first form is still checked


def test_every_form_beside_another_is_read(tmp_path):
    """Stop 51: forms set side by side are read (they were named as not read, X1, since stop 49), each
    in its own columns, the ones on the right after those on the left."""
    apart = write_forms(_forms(3), tmp_path / "apart.xlsx")
    firsts = _together(apart, tmp_path / "beside.xlsx", 3, beside=True)
    got = read_workbook(tmp_path / "beside.xlsx")
    one = read_workbook(apart)
    assert got.problems == []
    assert [_data(sf) for sf in got.forms] == [_data(sf) for sf in one.forms]
    assert [sf.anchor for sf in got.forms] == [f"{get_column_letter(c)}3" for c in firsts]
    assert [sf.part for sf in got.forms] == [1, 2, 3]
    assert len({sf.source for sf in got.forms}) == 3
    # each form's cells are its own: the second's 得分 column is right of the first form's columns
    assert got.forms[1].cell("indicators[0].score") == \
        get_column_letter(firsts[1] + 7) + one.forms[1].cell("indicators[0].score")[1:]
    # the columns of the forms on its right are theirs: no “一列本模板没有……未导入” note about them
    assert not [n for sf in got.forms for n in sf.notes if "本模板没有" in n.message]


def test_forms_beside_another_are_checked_as_the_same_forms_apart(tmp_path, capsys):
    apart = write_forms(_forms(3), tmp_path / "apart.xlsx")
    _together(apart, tmp_path / "beside.xlsx", 3, beside=True)
    a = _found(capsys, apart, "project", "rule", "severity")
    b = _found(capsys, tmp_path / "beside.xlsx", "project", "rule", "severity")
    assert sum(a.values()) > 10 and len({p for p, _, _ in b}) == 3
    assert a == b


def test_a_note_beside_the_form_that_says_项目名称_is_no_form(tmp_path):
    apart = write_forms(_forms(1), tmp_path / "one.xlsx")
    wb = openpyxl.load_workbook(apart)
    wb.worksheets[0]["K3"] = "项目名称："
    wb.worksheets[0]["L3"] = "按预算批复填写"
    wb.save(tmp_path / "note.xlsx")
    got = read_workbook(tmp_path / "note.xlsx")
    assert len(got.forms) == 1 and got.problems == []
    assert got.forms[0].form.project == _forms(1)[0].project


def _targets_sheet(tmp_path, layout: int):
    sys.path.insert(0, str(HERE))
    import target_books

    return openpyxl.load_workbook(target_books.write_book(tmp_path / "targets.xlsx", 2)).worksheets[layout]


def _list_sheet(tmp_path, layout: int):
    ws = openpyxl.Workbook().active
    for row in (["序号", "项目名称", "全年预算数", "全年执行数", "自评得分"],
                [1, "退役军人辅助性岗位经费", 5.6, 5.18, 97.75], [2, "医疗保障服务经费", 20, 19, 95]):
        ws.append(row)
    return ws


@pytest.mark.parametrize("make, layout", [(_targets_sheet, 0), (_targets_sheet, 1), (_list_sheet, 0)],
                         ids=["申报表", "目标表", "项目清单"])
def test_what_is_kept_below_a_form_for_reference_is_no_second_form(tmp_path, capsys, make, layout):
    """The approved 绩效目标表 (no 实际完成值 or 得分) or a project list (no 三级指标) below the 自评表: the
    自评表 is checked as it is alone, and the rest is no “第 2 张表……不是自评表” error (nothing there is wrong)."""
    alone = write_forms(_forms(1), tmp_path / "alone.xlsx")
    wb = openpyxl.load_workbook(alone, data_only=True)   # the cached results stay as values
    # the same form saved as values too: the 总分 of a file saved so is typed, not the template's formula,
    # and D11 words its advice by that (“总分格是公式……” only on a formula)
    wb.save(tmp_path / "alone-values.xlsx")
    alone = tmp_path / "alone-values.xlsx"
    ws = wb.worksheets[0]
    _paste(make(tmp_path, layout), ws, ws.max_row + 3, merges=False)
    wb.save(tmp_path / "with.xlsx")
    a = _found(capsys, alone, "rule", "cell", "message")
    b = _found(capsys, tmp_path / "with.xlsx", "rule", "cell", "message")
    assert sum(a.values()) > 5
    assert not any(rule == "X1" for rule, _, _ in b)
    assert a == b
