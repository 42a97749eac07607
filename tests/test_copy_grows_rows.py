"""The 校验 copy grows a row whose typed text (a long 偏差原因) does not fit its fixed height:
it printed cut. A short text leaves the row as the template set it."""

from __future__ import annotations

import openpyxl
from openpyxl.utils import get_column_letter

from jixiao.excel.fit import row_height
from jixiao.excel.workbook import write_forms
from action_helpers import checked
from review_fixture import form

LONG = "部分指标未达到预期，原因是项目资金下达较晚、采购程序耗时较长，导致实施进度滞后；" * 6


def _reason_cells(ws):
    head = next(c for row in ws.iter_rows() for c in row if c.value == "偏差原因分析及改进措施")
    return [ws.cell(head.row + k, head.column) for k in (1, 2)]


def _width(ws, cell):
    for m in ws.merged_cells.ranges:
        if cell.coordinate in m:
            return sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(m.min_col, m.max_col + 1))
    return ws.column_dimensions[cell.column_letter].width or 8.43


def test_a_long_reason_grows_its_row_a_short_one_keeps_it(tmp_path):
    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)
    wb = openpyxl.load_workbook(book)
    ws = next(w for w in wb.worksheets if any(c.value == "偏差原因分析及改进措施" for r in w.iter_rows() for c in r))
    long_cell, short_cell = _reason_cells(ws)
    long_cell.value, short_cell.value = LONG, "无"
    before = {r: ws.row_dimensions[r].height for r in (long_cell.row, short_cell.row)}
    width = _width(ws, long_cell)
    wb.save(book)

    checked(book, tmp_path / "校验.xlsx")
    out = openpyxl.load_workbook(tmp_path / "校验.xlsx")[ws.title]
    grown = out.row_dimensions[long_cell.row].height
    assert grown > (before[long_cell.row] or 15)
    assert grown >= row_height([(LONG, width)])
    assert out.row_dimensions[short_cell.row].height == before[short_cell.row]
