"""Another county's form shows its 执行率 rounded, as every sheet does (99.05% for 128.765432 ÷ 130 万元).
``import`` (and ``fill``) typed that 0.9905 over the template's 执行率 formula, since it is not the formula's
0.990503… to the last digit: the imported form's 执行率 then no longer followed the money, and a 填报人 who
put right a 全年执行数 got A3 and A4 errors and had to retype the 执行率 by hand. A 执行率 that is the
formula's result as shown (to 0.00%) keeps the formula; the 执行率得分 as written stays as written."""

from __future__ import annotations

import openpyxl

from jixiao.cli import main
from jixiao.excel.sheet import agrees_as_shown
from tests.test_layouts_s58 import GOALS, IND_HEAD, INDS

ROWS = [["2023年度项目支出绩效自评表"], [None, None, None, None, None, None, "单位：元"],
        ["项目名称", "乡村道路养护"],
        ["主管部门", "甲县交通运输局", None, None, "实施单位", "甲县公路站"],
        ["项目资金", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 1250000, 1300000, 1287654.32, 10, 0.9905, 9.9],
        [None, "其中：财政拨款", 1250000, 1300000, 1287654.32],
        *GOALS, IND_HEAD, *INDS, ["总分", None, None, None, None, 100, 98.07]]


def test_the_rate_as_shown_is_the_formulas_and_the_written_score_stays(tmp_path):
    src, out = tmp_path / "甲县.xlsx", tmp_path / "导入.xlsx"
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    wb.active["G6"].number_format = "0.00%"
    wb.save(src)
    assert main(["import", str(src), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert str(ws["G7"].value).startswith("=IF(")   # was 0.9905, typed over the formula
    assert ws["H7"].value == 9.9                    # 10 × 99.05% = 9.905: the form's 9.9 as it wrote it
    assert (ws["D7"].value, ws["E7"].value) == (130, 128.765432)
    cached = openpyxl.load_workbook(out, data_only=True).worksheets[0]["G7"].value
    assert abs(cached - 1287654.32 / 1300000) < 1e-12


def test_only_a_rate_shown_alike_counts():
    assert agrees_as_shown(0.9905, 128.765432 / 130)
    assert agrees_as_shown(0.9754999999999999, 209.73255 / 215)       # “97.55%” read as text
    assert not agrees_as_shown(0.99, 128.765432 / 130)                 # 99% shows another figure at 0.00%
    assert not agrees_as_shown(0.84, 0.836)                            # rounded to a whole percent
    assert not agrees_as_shown(0.9906, 128.765432 / 130)
    assert not agrees_as_shown(0.9905, None) and not agrees_as_shown("99.05%", 0.9905)
    assert not agrees_as_shown(float("nan"), 0.5)
