"""A 扣分原因 (评分标准, 指标解释) the 填报人 merged over two indicator rows of the 部门整体支出绩效自评表 (session 64).

The 医疗保障局's 填报人 (``test_clerk_dept_s63``) wrote one 扣分原因 for 社会效益 (12 of 15) and 社会公众或服务对象
满意度 (3 of 5) and merged it over J30:J31, as published forms often have it. The 部门整体 reader read the merged
text for the top row only: ``jixiao check``, 校验 on the file and in Excel said F8 (an error) of J31 “……应在“扣分
原因”中写明原因，表中为空白” beside the text the sheet shows there. The project form had the same fault fixed in
s63 (``forms.project.reader``); both readers now take such a text for each row through the one shared code
(``sheetform.merged_over``); the 定稿 keeps the merge, the text once (``sheetform.shared_spans``,
``excel.sheet.share_cells``).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from jixiao import actions
from jixiao.actions import FileHost
from jixiao.checking.run import check_paths
from jixiao.finalize import finalize
from test_clerk_dept_s63 import CLERK
from final_helpers import alike_but_total_advice

SHEET = "部门整体支出绩效自评表"


def _merged_book(tmp_path: Path, ref: str = "J30:J31") -> Path:
    """The clerk's form with 满意度's 得分 typed 3 of 5 and its 扣分原因 moved up to J30 and merged over ``ref``."""
    wb = openpyxl.load_workbook(CLERK)
    ws = wb[SHEET]
    ws.protection.sheet = False
    first = ref.split(":")[0]
    ws[first] = ws["J31"].value
    if first != "J31":
        ws["J31"] = None
    ws["I31"] = 3
    ws.merge_cells(ref)
    path = tmp_path / "合并的扣分原因.xlsx"
    wb.save(path)
    return path


def _f8(findings) -> list[str]:
    return sorted(f.cell or "" for f in findings if f.rule == "F8")


def _reasons(batch) -> list[str | None]:
    [item] = batch.of("department")
    inds = item.form.indicators
    return [ind.reason for ind in inds if ind.name in ("社会效益", "社会公众或服务对象满意度")]


def test_check_reads_a_reason_merged_over_two_rows_for_both(tmp_path):
    """``jixiao check``: no F8 on J31 (nor J30); both indicators carry the text, read from the file."""
    book = _merged_book(tmp_path)
    batch, res = check_paths([book])
    assert "J31" not in _f8(res.findings) and "J30" not in _f8(res.findings), _f8(res.findings)
    text = openpyxl.load_workbook(book)[SHEET]["J30"].value
    assert text and _reasons(batch) == [text, text]


def test_only_the_rows_a_merge_covers_take_its_text(tmp_path):
    """A 扣分原因 merged over J29:J30 (from 医保政策宣传, full marks, down to 社会效益) is 社会效益's too, and no more:
    满意度 below it, blank, 3 of 5, is still asked for its reason on J31."""
    book = _merged_book(tmp_path, "J30:J31")
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    ws.unmerge_cells("J30:J31")
    ws["J29"], ws["J30"], ws["J31"] = ws["J30"].value, None, None
    ws.merge_cells("J29:J30")
    wb.save(book)
    _batch, res = check_paths([book])
    assert "J31" in _f8(res.findings), _f8(res.findings)
    assert "J30" not in _f8(res.findings), _f8(res.findings)


def test_check_on_the_file_through_the_buttons(tmp_path):
    """校验 on a file (``FileHost``, the buttons and ``jixiao calc``): the same, through ``actions.read_host``."""
    book = _merged_book(tmp_path)
    result, _plan = actions.check(FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    assert _f8(result.findings) == ["J14"], _f8(result.findings)   # J14: the clerk's own blank reason, still asked


@pytest.mark.libreoffice
def test_check_in_excel_reads_the_merge_too(tmp_path):
    """校验 in Excel (the add-in's host: Excel's XML gives the merges; the stand-in of ``test_addin_merges_s63``):
    the findings ``jixiao check`` gives on the file, no F8 on J31."""
    from test_addin_merges_s63 import in_excel_and_on_file

    found, on_file = in_excel_and_on_file(_merged_book(tmp_path), tmp_path)
    assert "J31" not in _f8(found), _f8(found)
    assert sorted((f.rule, f.cell) for f in found) == sorted((f.rule, f.cell) for f in on_file)


def test_the_final_copy_keeps_the_merge_the_text_once(tmp_path):
    """定稿: J30:J31 one merged cell, the text in J30 only (it printed in J30 alone, no merge, J31 blank beside a
    lost point); the copy reads back as the working workbook does, findings and all."""
    book = _merged_book(tmp_path)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    r30 = next(r for r in range(11, 60) if ws[f"E{r}"].value == "社会效益")
    assert f"J{r30}:J{r30 + 1}" in [str(m) for m in ws.merged_cells.ranges]
    text = openpyxl.load_workbook(book)[SHEET]["J30"].value
    assert ws[f"J{r30}"].value == text and ws[f"J{r30 + 1}"].value is None
    again, res = check_paths([done.workbook])
    _b, res0 = check_paths([book])
    assert _reasons(again) == [text, text]
    # the form's own findings alike (X2 aside: the 定稿 writes the 满意度 “93%” typed as text as the number it read;
    # the advice on a wrong 总分 aside: the 定稿's is a value, the working workbook's the template's formula)
    alike_but_total_advice([(f.rule, f.message) for f in res0.findings if f.rule != "X2"],
                           [(f.rule, f.message) for f in res.findings if f.rule != "X2"])
    assert "J31" not in _f8(res0.findings)
