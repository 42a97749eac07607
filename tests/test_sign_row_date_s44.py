"""The 签名栏's 填报日期 (one line, shrunk to fit) printed at half size when written “2023年3月15日”: the
column was 9 units for 13 (filler QA, s43). The columns now give it room, and the sheet is as wide as before."""

from __future__ import annotations

import openpyxl

from jixiao.excel.fit import _units
from jixiao.forms.project import layout as L
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_written_out_date_fits_its_cell_and_the_sheet_keeps_its_width():
    lay = L.FormLayout(L.DEFAULT_ROWS)
    col = lay.foot_cells()["filled_on"].rstrip("0123456789")
    assert _units("2023年3月15日") <= L.COL_WIDTHS[col], L.COL_WIDTHS
    assert sum(L.COL_WIDTHS.values()) == 131          # the print scale of the page: unchanged
    # the widest header keeps its one line (taking the room from I wrapped it)
    assert _units(L.IND_HEADERS["I"]) <= L.COL_WIDTHS["I"]
    ws = openpyxl.load_workbook(ROOT / "xlsx_templates" / "项目支出绩效自评表.xlsx").worksheets[0]
    assert ws.column_dimensions[col].width == L.COL_WIDTHS[col]
