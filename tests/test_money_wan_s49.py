"""“5.6万” in a 万元 cell (stop 49): money written with 万 alone, as ledgers and budget lists write it.

It was no number (“年度资金总额的全年预算数应为数字，现为“5.6万””, an X1 that left the whole form out); in a
money cell 万 is 万元 now, read with the X2 warning every number written as text gets. Elsewhere (a count
of people, a cell of no unit) “5万” stays no number: 5万人 or 5 万元 cannot be told.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import SAMPLES

from jixiao.cli import main
from jixiao.core.numbers import NotANumber, parse_number
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form


@pytest.mark.parametrize("text, unit, number", [("5.6万", "万元", 5.6), (" 5.6 万 ", "万元", 5.6), ("5.6万", "元", 56000),
                                                ("1,250万", "万元", 1250), ("5.6万元", "万元", 5.6),
                                                ("56000元", "万元", 5.6)])
def test_wan_in_a_money_cell(text, unit, number):
    assert parse_number(text, unit) == number


@pytest.mark.parametrize("text, unit", [("5万", "人"), ("5.6万", None), ("5.6万%", "万元"), ("万", "万元x")])
def test_wan_elsewhere_is_no_number(text, unit):
    with pytest.raises(NotANumber):
        parse_number(text, unit)


def test_the_form_is_read_and_the_cell_named(tmp_path, capsys):
    book = write_forms([parse_form(json.loads(SAMPLES[0].read_text(encoding="utf-8")))], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    wb.worksheets[0]["D7"].value = "5.6万"
    wb.save(tmp_path / "wan.xlsx")
    capsys.readouterr()
    main(["check", str(tmp_path / "wan.xlsx"), "--json"])
    found = json.loads(capsys.readouterr().out)
    assert not [f for f in found if f["rule"] == "X1"]
    [x2] = [f for f in found if f["cell"] == "D7"]
    assert x2["rule"] == "X2" and "已按 5.6 读" in x2["message"]
