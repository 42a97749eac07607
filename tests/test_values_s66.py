"""Values as Excel and the 填报人 hand them over (s66): error cells through xlwings, ratios with words around
them, durations past 24 hours typed as times."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from conftest import need_libreoffice
from jixiao import actions
from test_ratio_typed_s65 import _base


def test_the_check_button_says_an_error_cell_is_one_as_the_command_does(tmp_path):
    """xlwings hands a cell showing #VALUE! over as None unless asked with ``err_to_str`` (xlwings 0.37
    ``_xlwindows._clean_value_data_element``): the 校验 button said “实际完成值未填写” where ``jixiao check`` says
    “表中为错误值 #VALUE!”. The stand-in of ``test_addin_pages_again_s60`` hands errors over as xlwings does
    (None, the text only with ``err_to_str``); not run in a real Excel."""
    from test_addin_pages_again_s60 import _excel

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["E15"], ws["F15"] = "≥95%", '="完成"+1'          # a broken formula: #VALUE!
    wb.save(book)
    need_libreoffice()
    from jixiao.excel.office import convert

    book = Path(convert(book, "xlsx", tmp_path / "lo"))     # its formulas calculated, as Excel holds it open
    values = openpyxl.load_workbook(book, data_only=True)
    assert values.worksheets[0]["F15"].value == "#VALUE!"
    host = _excel(openpyxl.load_workbook(book), values)
    host.path, host.plans = str(book), []
    host.apply = host.plans.append        # the marks recorded, not written
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(actions.FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    said = {(f.cell, f.rule, f.message) for f in in_excel.findings}
    at_f15 = [m for c, _r, m in said if c == "F15"]
    assert at_f15 and all("错误值 #VALUE!" in m and "未填写" not in m for m in at_f15), at_f15
    assert said == {(f.cell, f.rule, f.message) for f in on_file.findings}
