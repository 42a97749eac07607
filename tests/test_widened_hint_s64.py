"""Session 64: the 评价表's 扣分原因 hint reads the row 计算 put into the 总计 (a row inserted right above 总计).

计算 widens the 总计 sums, the last 一级/二级 得分 and their red “分值 ≠ Σ” formats to the row inserted right above
总计 (``forms.sums``, ``excel.plan.WidenRule``), but the red format of the 扣分原因 column (``reason_hint_formula``:
a deduction without its reason, not on a raised 三级 分值) still read the table as ``$I$8:$I$20`` and the last
group as ``$I$19:$I$20``. On that row, its 分值 raised from 5 to 7 and its 得分 left at 5, 校验 (V7) rightly asked
nothing — the 三级 of 项目效益 add up to 22 over its 20 — while the sheet, summing the group without the row (15),
coloured its 扣分原因 red as a deduction to explain. Proved in LibreOffice as test_raised_reason_hint_s64 does."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from test_clerk_s64 import EVAL_ABOVE_TOTAL
from test_raised_reason_hint_s64 import _agree, _in_office, needs_office


def _calculated(tmp_path: Path, **cells) -> Path:
    """The 评价表 with its 14th 三级指标 inserted right above 总计 after 计算, ``cells`` then set."""
    return calculated(EVAL_ABOVE_TOTAL, tmp_path, **cells)


def calculated(book: Path, tmp_path: Path, **cells) -> Path:
    """``book`` after 计算 (``FileHost``, as the button does it), ``cells`` then set."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "计算后.xlsx"
    host = FileHost(str(book), str(out))
    buttons.calc(host)
    host.save()
    if cells:
        wb = openpyxl.load_workbook(out)
        for ref, v in cells.items():
            wb.worksheets[0][ref] = v
        wb.save(out)
    return out


def test_calc_widens_the_reason_hint_with_the_totals(tmp_path):
    """Every 扣分原因 format reads the rows 8–21 the 总计 then sums, the last group's its rows 19–21; none the old."""
    ws = openpyxl.load_workbook(_calculated(tmp_path)).worksheets[0]
    hints = {str(cf.sqref): r.formula[0] for cf in ws.conditional_formatting for r in cf.rules
             if str(cf.sqref).startswith("K")}
    assert len(hints) == 6, sorted(hints)
    for ref, f in hints.items():
        assert "$I$8:$I$21" in f and "$I$8:$I$20" not in f and "$K$8:$K$20" not in f, (ref, f)
    assert "$I$19:$I$21" in hints["K19:K21"] and "$I$19:$I$20" not in hints["K19:K21"], hints["K19:K21"]
    assert "$J$19:$J$21" in hints["K19:K21"], hints["K19:K21"]


@needs_office
def test_the_inserted_rows_reason_hint_agrees_with_v7_in_libreoffice(tmp_path):
    """After 计算: as filled (every deduction with its reason), nothing coloured; the inserted row's 分值 raised
    from 5 to 7 (its 得分 5, its 扣分原因 cleared), uncoloured as V7 asks nothing; a real deduction there
    (得分 4 of 5, no reason) coloured as V7 asks."""
    grid, saved = _in_office(_calculated(tmp_path / "as"), {}, tmp_path / "as-calc")
    assert not [r for r, red in _agree(grid, saved, "V7", "G", "K").items() if red]
    grid, saved = _in_office(_calculated(tmp_path / "r", K21=None), {"I21": 7, "J21": 5}, tmp_path / "raised")
    assert not [r for r, red in _agree(grid, saved, "V7", "G", "K").items() if red]
    grid, saved = _in_office(_calculated(tmp_path / "d", K21=None), {}, tmp_path / "deducted")
    assert [r for r, red in _agree(grid, saved, "V7", "G", "K").items() if red] == [21]
