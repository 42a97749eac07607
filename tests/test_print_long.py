"""Forms on A4 with what real forms hold: long names and goals, text typed over several lines
(Alt+Enter), more indicators than the template's rows. A file carries no auto-fit (LibreOffice
does not grow a row openpyxl wrote with a height), so every row is as tall as its text; a long
form flows over pages with its header row repeated rather than shrinking to an unreadable size.
"""

from __future__ import annotations

import copy
import json

import openpyxl

from conftest import SAMPLES
from jixiao.cli import main as cli_main
from jixiao.excel.fit import row_height

CLEAN = next(p for p in SAMPLES if p.name == "11.json")
FOUR_LINES = "一是完成。\n二是完成。\n三是完成。\n四是完成。"   # 偏差原因 typed with Alt+Enter


def filled(tmp_path, change) -> openpyxl.worksheet.worksheet.Worksheet:
    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    change(data)
    src, out = tmp_path / "form.json", tmp_path / "form.xlsx"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", str(src), "-o", str(out)]) == 0
    return openpyxl.load_workbook(out).worksheets[0]


def test_each_line_break_is_a_line_of_the_row():
    """Four short lines in the 偏差原因 column (22 wide) need four lines, though their characters
    would fit in three: the row was cut after the third."""
    assert row_height([(FOUR_LINES, 22)]) >= 4 * 14
    assert row_height([("一是完成。二是完成。三是完成。四是完成。", 22)]) < 4 * 14
    assert row_height([("甲\n\n乙", 22)]) >= 3 * 14  # an empty line is a line too


def test_a_reason_over_four_lines_gets_a_row_for_four(tmp_path):
    def change(d):
        d["indicators"][0]["reason"] = FOUR_LINES
    ws = filled(tmp_path, change)
    r = next(r for r in range(14, 40) if ws[f"I{r}"].value == FOUR_LINES)
    assert ws.row_dimensions[r].height >= 4 * 12.5  # four lines of 10.5 pt 宋体
