"""The 定稿 copy shows what the 填报人's workbook showed.

The copy is values only. Its computed cells used to be frozen to the formulas' Python twins
wherever the workbook's cell read blank. A number typed as text (“7人”) is read as 7, but the
spreadsheet's formulas leave text out. So where the workbook showed a blank 得分 (and a 总分
without it), the forced copy showed the twin's 得分 beside that 总分: its 得分 column did not add
up to its own 总分, and it did not say what the check had reported (“得分为空”).

Each workbook here is the real template filled the way a clerk types, then recalculated by
LibreOffice, which gives the values the 填报人 saw.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import diff_forms, need_libreoffice, same_value
from dept_helpers import ZIZHOU
from test_filler_typing import TEMPLATE, filled

from jixiao.cli import main
from jixiao.finalize import finalize
from jixiao.forms.project.reader import read_workbook
from jixiao.sources import load_all


def _as_seen(book: Path, tmp_path: Path) -> Path:
    """``book`` opened, recalculated and saved by a spreadsheet program."""
    from jixiao.excel.office import convert

    return convert(book, "xlsx", tmp_path / "seen")


def _numbers(ws, refs) -> float:
    return sum(v for v in (ws[r].value for r in refs) if isinstance(v, (int, float)))


@pytest.mark.libreoffice
def test_forced_finalize_of_a_department_form_shows_the_score_the_workbook_showed(tmp_path, capsys):
    need_libreoffice()
    book = tmp_path / "部门整体.xlsx"
    assert main(["fill", str(ZIZHOU), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    keys = {ws[f"K{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"K{r}"].value}
    staff = keys["rule:staff_control"]   # 在职人员控制率: 实有人数 ÷ 编制人数 (E6)
    total = keys["total"]
    score_rows = range(keys["indicators"] + 1, total)
    ws["E6"] = "7人"                      # 编制人数 typed as text: the formulas leave it out
    wb.save(book)
    seen = _as_seen(book, tmp_path)
    done = finalize(seen, tmp_path / "定稿", force=True, pdf=False)
    capsys.readouterr()

    before = openpyxl.load_workbook(seen, data_only=True).worksheets[0]
    after = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert before[f"I{staff}"].value is None and isinstance(before[f"I{total}"].value, (int, float))
    for ref in (*(f"I{r}" for r in score_rows), f"H{total}", f"I{total}", f"J{total}"):
        assert same_value(after[ref].value, before[ref].value), (ref, after[ref].value, before[ref].value)
    # the copy agrees with itself: its 得分 add up to its 总分
    assert _numbers(after, [f"I{r}" for r in score_rows]) == pytest.approx(after[f"I{total}"].value)
    # and the bureau reads from it the form the workbook holds
    assert diff_forms(load_all([seen]).all()[0].form.to_dict(),
                      load_all([done.workbook]).all()[0].form.to_dict()) == []


@pytest.mark.libreoffice
def test_forced_finalize_of_a_project_form_shows_the_execution_score_the_workbook_showed(tmp_path, capsys):
    """Every 资金 cell typed as “100万元”: the template's 执行率 and 执行率得分 are blank and its 总分 is 90;
    the copy showed 执行率 100% and 执行率得分 10 above that 总分 of 90."""
    need_libreoffice()
    tpl = openpyxl.load_workbook(TEMPLATE).worksheets[0]
    money = {ref: "100万元" for ref in ("D7", "E7", "D8", "E8")}
    book, _ = filled(tmp_path, H7=tpl["H7"].value, H34=tpl["H34"].value, I34=tpl["I34"].value, **money)
    seen = _as_seen(book, tmp_path)
    done = finalize(seen, tmp_path / "定稿", force=True, pdf=False)
    capsys.readouterr()
    assert done.errors   # the check says the 总分 is not what it should be: a forced 定稿

    before = openpyxl.load_workbook(seen, data_only=True).worksheets[0]
    after = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert before["H7"].value is None and before["H34"].value == 90
    for ref in ("G7", "H7", "G34", "H34", "I34"):
        assert same_value(after[ref].value, before[ref].value), (ref, after[ref].value, before[ref].value)
    assert _numbers(after, ["H7", *(f"H{r}" for r in range(14, 34))]) == pytest.approx(after["H34"].value)
    assert diff_forms(read_workbook(seen).forms[0].form.to_dict(),
                      read_workbook(done.workbook).forms[0].form.to_dict()) == []
