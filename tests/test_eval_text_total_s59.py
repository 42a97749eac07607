"""V8 on the 项目支出绩效评价表 names a score typed as text that the form's 总计 formula left out (stop 59).

A 得分 typed “8分”: X2 says the cell is text, and the 总分 findings of the other forms (D7/D11, F12) say
which cell their SUM skipped; V8 goes through the same total check but said only “总计得分应为各指标得分之和
87，表中为 79”, leaving the 评价组 to add up the column to find the 8 points. Its reader's notes now reach V8
the way they reach F12."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.checking.run import check_paths
from jixiao.cli import main as cli_main

FENGTAI = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "fengtai-2023-evaluation" / "form.json"


def _v8(tmp_path: Path, cells: dict, name: str) -> list[str]:
    book = tmp_path / "评价.xlsx"
    if not book.exists():
        assert cli_main(["fill", str(FENGTAI), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    for ref, v in cells.items():
        wb.worksheets[0][ref] = v
    out = tmp_path / f"{name}.xlsx"
    wb.save(out)
    return [f.message for f in check_paths([str(out)])[1].findings if f.rule == "V8"]


def test_evaluation_total_short_of_a_score_typed_as_text_says_so(tmp_path):
    assert _v8(tmp_path, {"J8": "8分"}, "文字") == [
        # J21 is the template's formula: J8 is what to change, the total and its grade follow (s65)
        "总计得分将为各指标得分之和 87 分，表中为 79 分（J8 的“8分”是文字，表中公式未计入），等级随之将为“良”；"
        "请把 J8 的得分改为数字，总计得分格是公式，随之自动重新合计，不要在总计得分格中键入数字"]
    # a total typed by hand that is short for another reason: no word of the text cell
    assert _v8(tmp_path, {"J8": "8分", "J21": 70}, "手填") == ["总计得分应为各指标得分之和 87 分，表中为 70 分，等级随之应为“良”"]
