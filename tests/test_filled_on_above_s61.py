"""The 填报日期 printed under the title (“填报单位：…　填报日期：…　单位：元”), as many counties lay out
their own forms, instead of in the signatures below the 总分: read as the form's 填报日期 (before
s61 it was dropped unread — ``import`` wrote the template with a blank 填报日期 and listed nothing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jixiao.reading import SheetGrid, read_grid
from tests.test_layouts_s58 import GOALS, IND_HEAD, INDS, MONEY, TOTAL


def rows_with(line: list[Any], foot: list[list[Any]] | None = None) -> list[list[Any]]:
    return [["2023年度项目支出绩效自评表"], line,
            ["项目名称", "乡村道路养护"],
            ["主管部门", "甲县交通运输局", None, None, "实施单位", "甲县公路站"],
            *MONEY, *GOALS, IND_HEAD, *INDS, TOTAL, *(foot or [])]


def read(rows: list[list[Any]]):
    forms, problems = read_grid(SheetGrid(rows, [], "交通.xlsx", "自评"))
    assert problems == []
    (af,) = forms
    return af


def test_a_date_cell_beside_its_label_under_the_title() -> None:
    af = read(rows_with([None, None, None, None, None, "填报日期：", dt.datetime(2024, 3, 15)]))
    assert af.form.filled_on == "2024年3月15日"
    assert af.cells["filled_on"] == "G2"


def test_one_cell_with_the_unit_the_date_and_the_money_unit() -> None:
    af = read(rows_with(["填报单位：甲县公路站\u3000\u3000填报日期：2024年3月15日\u3000\u3000单位：万元"]))
    assert af.form.filled_on == "2024年3月15日"
    assert af.cells["filled_on"] == "A2"


def test_the_signatures_date_wins_over_the_one_above() -> None:
    af = read(rows_with([None, None, None, None, None, "填报日期：", "2024年3月1日"],
                        [["填报人：", "李四", None, "填报日期：", "2024年3月15日"]]))
    assert af.form.filled_on == "2024年3月15日"


def test_a_bare_date_above_is_not_taken_as_the_filing_date() -> None:
    af = read(rows_with([None, None, None, None, None, "日期：", "2024年3月1日"]))
    assert af.form.filled_on is None
