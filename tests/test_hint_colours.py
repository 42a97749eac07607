"""The templates' on-screen hints paint a cell in the colour 校验 marks it with: a conditional
format wins over the cell's own fill in Excel, WPS and LibreOffice, so a yellow hint on a cell an
error rule finds (扣分 without a reason: D6, F8, V7) showed 校验's red mark as a warning."""

from __future__ import annotations

import openpyxl
import pytest

from jixiao.checking.rules import load_catalogue
from jixiao.cli import REPO_TEMPLATES
from jixiao.excel.plan import FILL_BY_SEVERITY

# template, the column that holds the reason for a deduction, the rule that finds it missing
REASONS = [("项目支出绩效自评表.xlsx", "I", "D6"), ("项目支出绩效自评表.xlsm", "I", "D6"),
           ("部门整体支出绩效自评表.xlsx", "J", "F8"), ("项目支出绩效评价表.xlsx", "K", "V7")]


def _hints(ws, col: str) -> list[str]:
    """The fill colours of the conditional formats whose formula asks for a ``col`` cell that says nothing."""
    found = []
    for rng in ws.conditional_formatting:
        if not str(rng.sqref).startswith(col):
            continue
        for r in rng.rules:
            if any(f"LEN(TRIM({col}" in f or f"SUBSTITUTE({col}" in f for f in r.formula):   # blank, or “无” (says_nothing_formula)
                found.append(str(r.dxf.fill.bgColor.rgb)[-6:].upper())
    return found


@pytest.mark.parametrize("name, col, code", REASONS)
def test_a_deduction_without_a_reason_is_hinted_in_its_rules_colour(name, col, code):
    ws = openpyxl.load_workbook(REPO_TEMPLATES / name).worksheets[0]
    severity = load_catalogue()[code].severity
    assert severity == "error"  # the three are errors: 校验 marks them red
    # one format a 一级 block on the 部门整体 and 评价 forms (a raised 三级 分值 is no deduction: s64)
    hints = _hints(ws, col)
    assert hints and set(hints) == {FILL_BY_SEVERITY[severity]}, name


def test_the_evaluation_forms_warnings_stay_yellow():
    """存在的问题 / 有关建议 left blank after a deduction are warnings (V10, V11): hinted yellow."""
    ws = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效评价表.xlsx").worksheets[0]
    fills = [str(r.dxf.fill.bgColor.rgb)[-6:].upper() for rng in ws.conditional_formatting
             if str(rng.sqref).startswith("D") for r in rng.rules if any("SUMPRODUCT" in f for f in r.formula)]
    assert len(fills) == 2 and set(fills) == {FILL_BY_SEVERITY[load_catalogue()["V10"].severity]}
    assert load_catalogue()["V10"].severity == load_catalogue()["V11"].severity == "warning"
