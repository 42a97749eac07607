"""The 退回修改通知 and its 清单 tell one story (session 65 reviewer walk).

A blank cell: the notice said “……，表中为空白” (a blank 偏差原因 I14, a blank 扣分原因 J29) or “……未填写”
(a blank date J43), while the 清单's 表中为 column beside the same point was empty — a reader of the list
could not tell a blank cell from a point that quotes no cell.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.core.dates import date_blank_said
from jixiao.core.numbers import BLANK
from jixiao.review.notices import _list_cell, item_text

sys.path.insert(0, str(Path(__file__).parent))
from review_fixture import form, list_rows  # noqa: E402


def _item(message: str, found: object = None) -> dict:
    return {"kind": "finding", "file": "a.xlsx", "sheet": "部门整体", "cell": "J43", "project": "县民政局",
            "message": message, "found": found, "expected": None, "severity": "warning", "rule": "F21"}


def test_a_blank_cell_the_notice_calls_blank_is_blank_in_the_list_too(tmp_path: Path) -> None:
    """Sample 2's first indicator scores 8.24 of 10 with no 偏差原因 (I14): the notice says “表中为空白”, the
    清单's 表中为 says “空白” (it was empty); a point quoting a written cell keeps what is written."""
    from jixiao.excel.workbook import write_forms
    from jixiao.review.run import review

    (tmp_path / "inbox" / "县民政局").mkdir(parents=True)
    write_forms([form(2, "县民政局")], tmp_path / "inbox" / "县民政局" / "a.xlsx")
    rv = review(tmp_path / "inbox", tmp_path / "out", annotate=False)
    (dept,) = rv.departments
    blank = next(it for it in dept.items if it.get("cell") == "I14")
    assert f"表中为{BLANK}" in item_text(1, blank), item_text(1, blank)
    rows = list_rows(next((tmp_path / "out").rglob("*清单.xlsx")).parent)
    head = rows[1]
    found_col = head.index("表中为")
    row = next(r for r in rows if r[head.index("单元格")] == "I14")
    assert row[found_col] == BLANK, row
    written = next(r for r in rows if r[head.index("单元格")] == "F12")
    assert written[found_col] == "已完成", written


def test_a_blank_date_and_a_point_on_no_blank_cell() -> None:
    """A blank date (“……未填写，请填写……”) is blank in the 清单; a point whose 表中为 is empty because it
    quotes no cell (an approved indicator missing from the form) stays empty — not called blank."""
    said, _ = date_blank_said("部门（单位）意见的日期", 2022)
    assert _list_cell(_item(said), "found", shown=True) == BLANK
    assert _list_cell(_item("批复的指标“合格率”在自评表中没有"), "found", shown=True) == ""
    assert _list_cell(_item("指标“稳定性”的得分未填写，表中为空白", ""), "found", shown=True) == BLANK
    assert _list_cell(_item("指标值写作“=100%”", "≥100%"), "found", shown=True) == "≥100%"
