"""A 部门整体 form nobody has touched keeps its rows and pages through 计算: its indicator rows were laid
out at 12.5 pt a line for every column and grown at 14 for the body font's (三级指标, 二级指标) on the first
计算 or 校验, 14 rows of the 子洲 form 31 → 34 pt and its page breaks moved (filler QA, stop 60)."""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES
from dept_helpers import zizhou_json
from jixiao.cli import main


def _rows(path):
    wb = openpyxl.load_workbook(path)
    ws = wb[next(n for n in wb.sheetnames if n.startswith("部门整体"))]
    return ({r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)},
            sorted(b.id for b in ws.row_breaks.brk))


def test_calc_of_an_untouched_department_form_grows_no_row(tmp_path, capsys):
    src = tmp_path / "部门整体.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    assert main(["calc", str(book), "-o", str(tmp_path / "计算后.xlsx")]) == 0
    heights, breaks = _rows(book)
    after, breaks_after = _rows(tmp_path / "计算后.xlsx")
    assert any(h and h >= 34 for h in heights.values())   # two-line rows there, laid out at the body font's lines
    assert {r: (h, after.get(r)) for r, h in heights.items() if h != after.get(r)} == {}
    assert breaks_after == breaks
