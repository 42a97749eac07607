"""The reviewer's second round (session 66): a department whose forms were all set aside (another year's, on a
hidden sheet) is told which return this is, as every other returned department is; the 台账 says, per
department, which return its notice is (第几次退回), as the notice does; the 问题统计 no longer has two rows
coded X1. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from review_fixture import review_json
from test_review_no_form_s65 import _county


def test_the_pivot_has_one_x1_over_its_two_kinds(tmp_path: Path) -> None:
    """A locked workbook (无法读取) and two budget tables (不是自评表): the 问题统计 had two rows whose 规则 was
    “X1”, and a reviewer counting by rule read one rule listed twice. The rule's code is one cell over its two
    rows, as a rule is one code in the catalogue and the 校验结果 sheets."""
    out = tmp_path / "out"
    review_json(_county(tmp_path), out)
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["问题统计"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    codes = [r[0] for r in rows if r[0]]
    assert len(codes) == len(set(codes)), codes
    at = {r[1]: n for n, r in enumerate(rows, 3)}
    unread, no_form = at["文件或自评表无法读取"], at["报送的文件不是自评表"]
    assert ws.cell(unread, 1).value == "X1" and no_form == unread + 1, (unread, no_form)
    assert f"A{unread}:A{no_form}" in {str(m) for m in ws.merged_cells.ranges}, ws.merged_cells.ranges
