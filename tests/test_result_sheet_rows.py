"""The 校验结果 sheet shows each finding's text whole: the 应为 column holds an instruction as often as a
value (“时限（如“每月 10 日前”“≤30 天”）或及时率（如“=100%”），或把指标归入数量指标”, four lines at its
width) and its row was sized at 13 pt a line, its text touching the borders."""

from __future__ import annotations

import openpyxl

from jixiao.core.findings import RESULT_SHEET, Finding
from jixiao.excel.apply import apply_sheet
from jixiao.excel.fit import wrapped_lines
from jixiao.excel.plan import result_sheet
from jixiao.excel.sheet import grow_rows

LONG = "时限（如“每月 10 日前”“≤30 天”）或及时率（如“=100%”），或把指标归入数量指标"


def _finding(**kw):
    base = dict(rule="H4", severity="warning", field="indicators[2].target", message="时效指标的指标值是数量", file="表.xlsx", sheet="表1",
                cell="E16", project="退役军人辅助性岗位经费")
    return Finding(**{**base, **kw})


def test_each_row_is_as_tall_as_its_wrapped_cells_need():
    wb = openpyxl.Workbook()
    ws = apply_sheet(wb, result_sheet([_finding(expected=LONG), _finding(expected="1 人")]))
    assert ws.title == RESULT_SHEET and ws["G3"].value == LONG and ws["G3"].alignment.wrap_text
    assert wrapped_lines(LONG, ws.column_dimensions["G"].width) == 4
    before = {r: ws.row_dimensions[r].height for r in (3, 4)}
    grow_rows(ws, [3, 4])   # the one place rows are sized to their wrapped text: nothing left to grow
    assert {r: ws.row_dimensions[r].height for r in (3, 4)} == before
    assert before[3] >= 4 * 14 and before[4] == 22
