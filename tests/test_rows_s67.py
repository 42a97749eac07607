"""Session 67: rows a 填报人 inserts in the indicator table, finished (tests/data/top_row_s65).

1. A BLANK row inserted right under the indicator table's header: 计算 gave it the indicator rows' formats and told
   the 填报人 to type on it and click 计算 again before the totals took it in. One 计算 now widens the totals (and
   every format that reads the table) over it: a score typed there afterwards changes the 总分 in Excel, WPS or
   LibreOffice without the add-in.
2. The data validations over several separate ranges (the 评价表's 一级/二级 分值, the 部门整体 form's 得分) and a
   group's red 分值 format now cover the inserted row as well.
3. V13 no longer counts a row whose 一级指标 is blank as an aspect of its own."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jixiao.checking.rules import load_catalogue
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.evaluation.rules import check_forms
from jixiao.sources import Loaded
from test_eval_problems_s58 import REASONS, SAMPLE


def _v13(blank: set[str], full: set[str] = frozenset()) -> list[str]:
    """V13 on the fengtai 评价表 (as JSON) with the 一级指标 of the indicators ``blank`` left blank and those of the
    一级指标 ``full`` given full marks (no deduction there)."""
    d = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        ind["reason"] = REASONS.get(ind["name"])
        if ind["level1"] in full:
            ind["score"] = ind["weight"]
        if ind["name"] in blank:
            ind["level1"] = ""
    d["problems"], d["suggestions"] = "群众满意度有待提高", "加强管理。"
    [(_score, found)] = check_forms([Loaded(parse_eval_form(d), "评价.json")], None, load_catalogue())
    return [f.message for f in found if f.rule == "V13"]


def test_v13_a_blank_level1_row_does_not_make_a_third_aspect():
    """Deductions under 项目决策 and 项目产出 only, and on a row whose 一级指标 is blank: two aspects, no V13 (before:
    the blank row counted as a third, “扣分涉及项目决策、项目产出 2 个方面和一级指标空白的第 15 行”)."""
    assert _v13(set(), {"项目过程", "项目效益"}) == []
    assert _v13({"产出质量"}, {"项目过程", "项目效益"}) == []


def test_v13_a_blank_level1_row_is_not_an_aspect_left_out():
    """Four aspects deducted, one row's 一级指标 blank: the aspects left out are the named ones; the row is said
    apart, with the 一级指标 to fill (before: “没有涉及项目决策、项目过程、项目产出、第 15 行”)."""
    [msg] = _v13({"产出质量"})
    assert msg.startswith("扣分涉及项目决策、项目过程、项目产出、项目效益 4 个方面（另有一级指标空白的第 16 行（“产出质量”）），"), msg
    assert "没有涉及项目决策、项目过程、项目产出。" in msg, msg
    assert msg.endswith("第 16 行的一级指标空白，不属于任何一级指标：它若属于上方的“项目产出”，请在 A16 填写这个名称，"
                        "否则填写它所属的一级指标"), msg
