"""Sheet titles made from a 项目名称 (``excel.sheetnames.safe_sheet_title``).

A 项目名称 typed with a line break (Alt+Enter in a long name, kept by ``import`` and by JSON) became a sheet
title with a newline in it: the filled workbook lost every formula result it was saved with (the 执行率,
总分 and 等级 read blank in anything that does not recalculate), and no Excel sheet name holds one.
Excel counts a title's 31 characters in UTF-16 units: 31 characters outside the BMP (𠀀) are 62.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import SAMPLES

from jixiao.excel.sheetnames import safe_sheet_title
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form


@pytest.mark.parametrize("name, title", [("医疗救助\n补助资金", "医疗救助 补助资金"), ("医疗救助\r\n补助资金", "医疗救助 补助资金"),
                                         ("项目\t经费", "项目 经费"), ("项目 \n 经费\n", "项目 经费"),
                                         ("设备购置&维护", "设备购置&维护"), ("a\u3000b", "a\u3000b")])
def test_a_break_in_the_name_is_a_space_in_the_title(name, title):
    assert safe_sheet_title(name, set()) == title


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_titles_fit_excel_s_31_units_and_stay_unique():
    name = "𠀀" * 40
    taken: set[str] = set()
    first, second = safe_sheet_title(name, taken), safe_sheet_title(name, taken)
    assert _utf16(first) <= 31 and _utf16(second) <= 31
    assert first == "𠀀" * 15 and second.endswith("(2)") and first != second
    assert safe_sheet_title("甲" * 30 + "'乙", set()) == "甲" * 30     # cut before a closing '


def test_a_filled_form_with_a_line_break_keeps_its_formula_results(tmp_path):
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d["project"] = "工资福利\n（第二批）"
    src = write_forms([parse_form(d)], tmp_path / "断行.xlsx")
    wb = openpyxl.load_workbook(src, data_only=True)
    assert wb.sheetnames == ["工资福利 （第二批）"]
    ws = wb.worksheets[0]
    assert ws["B3"].value == "工资福利\n（第二批）"                  # the cell as typed
    assert (ws["G7"].value, ws["H34"].value, ws["I34"].value) == (0.925, 97.75, "优")
