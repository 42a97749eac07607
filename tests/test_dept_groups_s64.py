"""Session 64: the 部门整体 form's last 一级/二级 “分值 ≠ Σ三级分值” formats and its 扣分原因 hint widened by 计算.

A 填报人 inserting an indicator row right above 总分 (tests/data/clerk_s64/部门整体-插在总分上方.xlsx: row 31, 2 分,
社会效益 lowered by 2 to keep 效果 at 20) saw 计算 widen the 总分 sums to the row, but the red formats of 效果 20 and
履职效益 20 (B29:B31, D29:D31) still added up ``$H$29:$H$30`` — 18 — and stayed red while 校验 found nothing
wrong with them; the 扣分原因 hint of the group (J29:J31) still read the table as ``$H$11:$H$30`` and the group
as ``$H$29:$H$30``, so the row's 分值 raised over what 效果 allows (F3; F8 asks no reason) was coloured as a
deduction to explain. 计算 now widens them as it does the 评价表's (``forms.sums.widen_marks``/``widen_hints``).
Proved in LibreOffice as test_raised_reason_hint_s64 does."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from test_raised_reason_hint_s64 import _agree, _col, _in_office, needs_office
from test_widened_hint_s64 import calculated

DEPT_ABOVE_TOTAL = Path(__file__).resolve().parent / "data" / "clerk_s64" / "部门整体-插在总分上方.xlsx"
_RANGE = re.compile(r"\$[A-Z]\$\d+:\$[A-Z]\$\d+")


def _calculated(tmp_path: Path, **cells) -> Path:
    """The 部门整体 form with a row inserted right above 总分 after 计算, ``cells`` then set."""
    return calculated(DEPT_ABOVE_TOTAL, tmp_path, **cells)


def _ranges(path: Path) -> dict[str, set[str]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return {str(cf.sqref): {m for r in cf.rules for m in _RANGE.findall(r.formula[0])}
            for cf in ws.conditional_formatting}


def test_as_inserted_the_formats_stop_at_the_row_above():
    """Before: B29:B31/D29:D31 and J29:J31 read rows 29–30, every J format the table as rows 11–30."""
    before = _ranges(DEPT_ABOVE_TOTAL)
    assert before["B29:B31"] == before["D29:D31"] == {"$H$29:$H$30"}
    assert "$H$11:$H$30" in before["J29:J31"]


def test_after_calc_the_formats_read_the_row_inserted_above_total(tmp_path):
    """计算: 效果/履职效益's formats add up rows 29–31; every 扣分原因 format reads the table as rows 11–31 (the
    rows the 总分 then sums), the last group's its rows 29–31; the other groups' formats untouched."""
    after = _ranges(_calculated(tmp_path))
    assert after["B29:B31"] == after["D29:D31"] == {"$H$29:$H$31"}, (after["B29:B31"], after["D29:D31"])
    assert after["B26:B28"] == {"$H$26:$H$28"} and after["D14:D17"] == {"$H$14:$H$17"}
    hints = {ref: rs for ref, rs in after.items() if ref.startswith("J")}
    assert len(hints) == 6, sorted(hints)
    for ref, rs in hints.items():
        assert {"$H$11:$H$31", "$E$11:$E$31", "$J$11:$J$31"} <= rs, (ref, sorted(rs))
        assert not [r for r in rs if r.endswith("$30") and r.split(":")[0][-2:] == "11"], (ref, sorted(rs))
    assert {"$H$29:$H$31", "$I$29:$I$31"} <= hints["J29:J31"] and "$H$29:$H$30" not in hints["J29:J31"]
    assert {"$H$26:$H$28"} <= hints["J26:J28"]


def _weights_agree(grid, saved: Path) -> list[str]:
    """The 一级/二级 分值 cells (B, D) of the indicator rows coloured in LibreOffice's HTML, asserted to be the
    cells 校验 finds a 分值 ≠ Σ三级分值 on (F3, F4), and nothing else."""
    from jixiao.checking.run import check_paths
    from jixiao.excel.sheet import FILL_BY_SEVERITY

    red = f"#{FILL_BY_SEVERITY['error'].upper()}"
    _batch, res = check_paths([saved])
    asked = sorted({f.cell for f in res.findings if f.rule in ("F3", "F4") and f.cell[0] in "BD"})
    coloured = sorted(f"{c}{r}" for r in range(11, 32) for c in "BD"
                      if (r, _col(c)) in grid.cells and grid.cells[(r, _col(c))][0].strip()
                      and grid.cells[(r, _col(c))][1] == red)
    assert coloured == asked, (coloured, asked)
    return coloured


@needs_office
def test_after_calc_the_sheet_colours_what_the_check_finds_in_libreoffice(tmp_path):
    """After 计算, as filled: 效果 20 and 履职效益 20 (13 + 5 + 2) uncoloured, as 校验 finds nothing; J29 (社会效益
    12 of 13, no reason) coloured as F8 asks. Row 31's 分值 raised from 2 to 5 (得分 2, no reason): 效果 and
    履职效益 (13 + 5 + 5 = 23 over 20) coloured as F3/F4 ask to lower it; J31, short by just that excess of 3,
    uncoloured as F8 asks nothing there (the sheet read the group as rows 29–30, 18 of 20, and coloured it)."""
    grid, saved = _in_office(_calculated(tmp_path / "as"), {}, tmp_path / "as-calc")
    assert _weights_agree(grid, saved) == []
    assert [r for r, red in _agree(grid, saved, "F8", "E", "J").items() if red] == [29]
    grid, saved = _in_office(_calculated(tmp_path / "r"), {"H31": 5}, tmp_path / "raised")
    assert _weights_agree(grid, saved) == ["B29", "D29"]
    assert [r for r, red in _agree(grid, saved, "F8", "E", "J").items() if red] == [29]
