"""The templates colour a deduction's reason cell red where 校验 will find it (D6, F8, V7): since 校验 takes
“无”, “/”, “暂无” for no reason (``core.numbers.says_nothing``), the conditional format asks its Excel twin
(``says_nothing_formula``) — it coloured only a blank cell, so “无” passed on screen and failed 校验."""

from __future__ import annotations

import openpyxl
import pytest

from jixiao.core.numbers import says_nothing, says_nothing_formula

VALUES = ["", " ", "\u3000", "无", " 无 ", "无。", "无.", "/", "／", "—", "——", "-", "－", "\\", "暂无", "没有",
          "没有问题", "没有问题。", "\u3000无\u3000", "无法按时完成", "资金拨付滞后", "0", "未完成", "无专项制度",
          "有", "3.5", "没有按时完成"]


@pytest.mark.libreoffice
def test_the_formula_is_the_twin_of_says_nothing_in_libreoffice(tmp_path):
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, v in enumerate(VALUES, 1):
        ws.cell(r, 1).value = v if v else None
        ws.cell(r, 1).data_type = "s"
        ws.cell(r, 2).value = "=" + says_nothing_formula(f"A{r}")
    wb.save(tmp_path / "f.xlsx")
    got = openpyxl.load_workbook(convert(tmp_path / "f.xlsx", "xlsx", tmp_path / "out"), data_only=True).active
    for r, v in enumerate(VALUES, 1):
        assert got.cell(r, 2).value is says_nothing(v), (v, got.cell(r, 2).value)


@pytest.mark.parametrize("template, cell, code", [("项目支出绩效自评表.xlsx", "I14", "D6"),
                                                  ("部门整体支出绩效自评表.xlsx", "J11", "F8"),
                                                  ("项目支出绩效评价表.xlsx", "K8", "V7")])
def test_the_templates_colour_a_reason_that_says_nothing(template, cell, code):
    from pathlib import Path

    ws = openpyxl.load_workbook(Path("xlsx_templates") / template).worksheets[0]
    rules = [r for cf in ws.conditional_formatting for r in cf.rules
             if cell in cf.sqref and r.formula and "暂无" in r.formula[0]]
    assert len(rules) == 1 and says_nothing_formula(cell) in rules[0].formula[0], [cf.sqref for cf in ws.conditional_formatting]
