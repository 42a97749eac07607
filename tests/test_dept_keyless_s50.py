"""A 部门整体 sheet whose hidden row keys (column K) were lost (stop 50).

A 填报人 who copies the visible table A:J into a workbook of their own leaves column K behind. The
reader then found the indicators and the 总分 but read the 评价小组 as empty, no 计算数据 and no 评分
标准参数: ``check`` gave not one finding of a form whose formula scores it could no longer redo.
The keys are found again by the rows' labels (``forms.department.keyless``).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from dept_helpers import clean_json, zizhou_json
from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.model import parse_dept_form


def _out(capsys, *args: str):
    capsys.readouterr()
    main(list(args))
    return json.loads(capsys.readouterr().out)


def _copies(form: dict, tmp_path: Path) -> tuple[Path, Path]:
    """The form's workbook as a spreadsheet program keeps it (values, openpyxl drops formulas' results
    on saving), with its column K and without it."""
    book = write_forms([parse_dept_form(form)], tmp_path / "dept.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    wb.save(tmp_path / "keyed.xlsx")
    ws = wb.worksheets[0]
    assert any(ws.cell(r, 11).value for r in range(1, ws.max_row + 1))
    for r in range(1, ws.max_row + 1):
        ws.cell(r, 11).value = None
    wb.save(tmp_path / "bare.xlsx")
    return tmp_path / "keyed.xlsx", tmp_path / "bare.xlsx"


@pytest.mark.parametrize("sample", [clean_json, zizhou_json])
def test_a_sheet_without_its_keys_reads_and_checks_as_with_them(tmp_path, capsys, sample):
    book, bare = _copies(sample(), tmp_path)
    read = _out(capsys, "read", str(book), "--json")
    assert read[0]["team"] and read[0]["standards"]   # what the keys find: not read without them before
    assert _out(capsys, "read", str(bare), "--json") == read

    def said(p):
        return [(f["rule"], f["cell"], f["message"]) for f in _out(capsys, "check", str(p), "--json")]
    assert said(bare) == said(book)


def test_zizhou_without_keys_still_gets_its_findings(tmp_path, capsys):
    """The published 子洲 form without its 计算数据: each formula indicator says its score was not redone
    (F15, 12 of them) on the copy without column K too — before, the form had no formula indicator at all."""
    _book, bare = _copies(zizhou_json(), tmp_path)
    rules = [f["rule"] for f in _out(capsys, "check", str(bare), "--json")]
    assert rules.count("F15") == 12 and {"F8", "F9"} <= set(rules)


def test_rows_inserted_above_are_no_matter(tmp_path, capsys):
    """A row inserted in the indicator block moves every row below it, while the notes of the 评分标准参数
    still name the rows as filled (“用于：管理制度健全性（预算管理）（E18）”): 子洲's own standard names are
    found by the indicators they score, wherever those now stand."""
    from openpyxl.worksheet.cell_range import CellRange

    book = write_forms([parse_dept_form(zizhou_json())], tmp_path / "dept.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    ws = wb.worksheets[0]
    below = [CellRange(str(m)) for m in ws.merged_cells.ranges if m.max_row > 12]
    for m in below:
        ws.unmerge_cells(m.coord)
    ws.insert_rows(13)
    for m in below:
        if m.min_row > 12:
            m.shift(row_shift=1)
        else:
            m.expand(down=1)
        ws.merge_cells(m.coord)
    ws["E13"], ws["H13"], ws["I13"] = "预算编制准确率", 0, 0
    wb.save(tmp_path / "keyed.xlsx")
    for r in range(1, ws.max_row + 1):
        ws.cell(r, 11).value = None
    wb.save(tmp_path / "bare.xlsx")
    read = _out(capsys, "read", str(tmp_path / "keyed.xlsx"), "--json")
    assert len(read[0]["indicators"]) == 21 and read[0]["standards"]["budget_rules"]["name"] != "预算管理制度健全性"
    assert _out(capsys, "read", str(tmp_path / "bare.xlsx"), "--json") == read


def test_a_standard_not_recognised_lends_its_rows_to_none(tmp_path, capsys):
    """A standard renamed past recognition (its name and its “用于” note changed) is not read; its
    parameter rows do not become those of the standard above it."""
    book, bare = _copies(clean_json(), tmp_path)
    wb = openpyxl.load_workbook(bare)
    ws = wb.worksheets[0]
    head = next(r for r in range(1, ws.max_row + 1)
                if str(ws.cell(r, 1).value or "").startswith("“三公经费”变动率") and ws.cell(r, 6).value)
    ws.cell(head, 1).value, ws.cell(head, 9).value = "本部门自定标准\n（不超过上限得满分，每超 1 个百分点扣分）", "用于：本部门"
    wb.save(tmp_path / "renamed.xlsx")
    keyed = _out(capsys, "read", str(book), "--json")[0]["standards"]
    got = _out(capsys, "read", str(tmp_path / "renamed.xlsx"), "--json")[0]["standards"]
    assert keyed["three_public_change"]["limit"] != keyed["staff_control"]["limit"]   # the test can tell them apart
    assert got["staff_control"] == keyed["staff_control"] and "three_public_change" not in got
