"""The 校验结果 sheet says “空白” in its 表中为 for a blank cell, as the 退回修改通知 and its 清单 do.

Sample 2's first indicator scores 8.24 of 10 with no 偏差原因 (I14): the finding says “……，表中为空白”, the
清单's 表中为 says “空白” (session 65), and the 校验结果 sheet that 校验 (``jixiao check --annotate``, the
button) and the review's marked copies write left the same column empty — beside a written cell's
“已完成” an empty 表中为 read as “nothing to show”, not “the cell is blank”.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

from jixiao.core.findings import RESULT_HEADER, RESULT_SHEET
from jixiao.core.numbers import BLANK

sys.path.insert(0, str(Path(__file__).parent))
from review_fixture import form, run_cli  # noqa: E402


def _found(book: Path) -> dict[str, object]:
    """The 校验结果 sheet of ``book``, read back: each 单元格's 表中为."""
    ws = openpyxl.load_workbook(book)[RESULT_SHEET]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    cell, found = RESULT_HEADER.index("单元格"), RESULT_HEADER.index("表中为")
    return {r[cell]: r[found] for r in rows if r[cell]}


def test_check_annotate_says_blank_for_a_blank_cell(tmp_path: Path) -> None:
    from jixiao.excel.workbook import write_forms

    book = tmp_path / "a.xlsx"
    write_forms([form(2, "县民政局")], book)
    code, _ = run_cli("check", str(book), "--annotate", str(tmp_path / "marked.xlsx"))
    assert code != 2
    found = _found(tmp_path / "marked.xlsx")
    assert found["I14"] == BLANK, found
    assert found["F12"] == "已完成", found   # a written cell keeps what is written


def test_the_review_marked_copy_says_blank_too(tmp_path: Path) -> None:
    from jixiao.excel.workbook import write_forms
    from jixiao.review.run import review

    (tmp_path / "inbox" / "县民政局").mkdir(parents=True)
    write_forms([form(2, "县民政局")], tmp_path / "inbox" / "县民政局" / "a.xlsx")
    review(tmp_path / "inbox", tmp_path / "out", annotate=True)
    marked = [p for p in (tmp_path / "out").rglob("*.xlsx") if RESULT_SHEET in openpyxl.load_workbook(p).sheetnames]
    assert marked, list((tmp_path / "out").rglob("*"))
    found = _found(marked[0])
    assert found["I14"] == BLANK, found
    assert found["F12"] == "已完成", found
