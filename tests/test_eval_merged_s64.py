"""A 扣分原因 (评分标准) the evaluator merged over two indicator rows of the 项目支出绩效评价表 (session 64).

The 丰台 sample's first two indicators both lose points (目标内容 8 of 10, 决策依据 4 of 5); the evaluator wrote one
扣分原因 for them in K8 and merged it over K8:K9, as published forms often have it. The evaluation reader read
the merged text for the top row only: ``jixiao check``, 校验 on the file and in Excel said V7 (an error) of K9
“……应写明扣分原因，表中为空白” beside the text the sheet shows there. The project and 部门整体 readers take such a
text for each row through the one shared code (``sheetform.merged_over``); the evaluation reader now does too,
and its 定稿 keeps the merge, the text once (``sheetform.shared_spans``, ``excel.sheet.share_cells``).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jixiao import actions
from jixiao.actions import FileHost
from jixiao.checking.run import check_paths
from jixiao.cli import main
from jixiao.finalize import finalize
from test_evaluation import clean

TEXT = "绩效目标未细化量化，决策依据中缺少项目可行性论证材料。"


def _merged_book(tmp_path: Path, ref: str = "K8:K9") -> Path:
    """The clean 丰台 form (every deduction explained) with one 扣分原因 in K8 merged over ``ref``, K9 blank."""
    src = tmp_path / "form.json"
    src.write_text(json.dumps(clean(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "评价.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    ws["K8"], ws["K9"] = TEXT, None
    ws.merge_cells(ref)
    path = tmp_path / "合并的扣分原因.xlsx"
    wb.save(path)
    return path


def _v7(findings) -> list[str]:
    return sorted(f.cell or "" for f in findings if f.rule == "V7")


def _reasons(batch) -> list[str | None]:
    [item] = batch.of("evaluation")
    return [ind.reason for ind in item.form.indicators[:3]]


def test_check_reads_a_reason_merged_over_two_rows_for_both(tmp_path):
    """``jixiao check``: no V7 on K9 (nor K8); both indicators carry the text, the third (full marks) none."""
    batch, res = check_paths([_merged_book(tmp_path)])
    assert _v7(res.findings) == [], _v7(res.findings)
    assert _reasons(batch) == [TEXT, TEXT, None]


def test_only_the_rows_a_merge_covers_take_its_text(tmp_path):
    """The text not merged down over K9: 决策依据 (4 of 5), blank, is still asked for its reason; a merge over two
    full-mark rows below (K10:K11) gives it nothing."""
    book = _merged_book(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.unmerge_cells("K8:K9")
    ws.merge_cells("K10:K11")   # 决策程序 over 预算管理, both full marks
    wb.save(book)
    batch, res = check_paths([book])
    assert _v7(res.findings) == ["K9"], _v7(res.findings)
    assert _reasons(batch) == [TEXT, None, None]


def test_check_on_the_file_through_the_buttons(tmp_path):
    """校验 on a file (``FileHost``, the buttons and ``jixiao calc``): the same, through ``actions.read_host``."""
    book = _merged_book(tmp_path)
    result, _plan = actions.check(FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    assert _v7(result.findings) == [], _v7(result.findings)


@pytest.mark.libreoffice
def test_check_in_excel_reads_the_merge_too(tmp_path):
    """校验 in Excel (the add-in's host: Excel's XML gives the merges; the stand-in of ``test_addin_merges_s63``):
    the findings ``jixiao check`` gives on the file, no V7 on K9."""
    from test_addin_merges_s63 import in_excel_and_on_file

    found, on_file = in_excel_and_on_file(_merged_book(tmp_path), tmp_path)
    assert _v7(found) == [], _v7(found)
    assert sorted((f.rule, f.cell) for f in found) == sorted((f.rule, f.cell) for f in on_file)


def test_the_final_copy_keeps_the_merge_the_text_once(tmp_path):
    """定稿: K8:K9 one merged cell, the text in K8 only (before: the reader's V7 on K9 stopped it, and forced it
    printed the text in K8 alone, no merge, K9 blank beside a lost point); the copy reads back as the working
    workbook does, findings and all."""
    book = _merged_book(tmp_path)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert "K8:K9" in [str(m) for m in ws.merged_cells.ranges]
    assert ws["K8"].value == TEXT and ws["K9"].value is None
    again, res = check_paths([done.workbook])
    _b, res0 = check_paths([book])
    assert _reasons(again) == [TEXT, TEXT, None]
    assert sorted((f.rule, f.message) for f in res.findings) == sorted((f.rule, f.message) for f in res0.findings)
