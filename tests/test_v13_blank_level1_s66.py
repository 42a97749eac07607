"""Session 66: V13 (“存在的问题”没有涉及大部分扣分的方面) on a deduction whose row has a blank 一级指标.

A 填报人 who inserted a row right under the 评价表's header (tests/data/top_row_s65) and typed an indicator there
without its 一级/二级 names made it an aspect of its own, named “”: V13 said “扣分涉及、项目决策、项目过程…
5 个方面…没有涉及、项目决策…” — an empty aspect, no row, nothing to fill. It now names the row and its 三级指标,
and says which cell to fill with which 一级指标 (the name above or below it, whose merged cell leaves it out)."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.checking.rules import load_catalogue
from jixiao.checking.run import check_paths
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.evaluation.rules import check_forms
from jixiao.sources import Loaded
from test_eval_problems_s58 import REASONS, SAMPLE

BOOK = Path(__file__).resolve().parent / "data" / "top_row_s65" / "评价表-插在第一个指标上方-未写指标名.xlsx"


def test_v13_names_the_row_with_a_blank_level1_and_what_to_fill():
    _batch, res = check_paths([BOOK])
    [f] = [f for f in res.findings if f.rule == "V13"]
    assert f.cell == "D23"
    assert "、、" not in f.message and "涉及、" not in f.message and "“”" not in f.message, f.message
    assert f.message.startswith("扣分涉及项目决策、项目过程、项目产出、项目效益 4 个方面（另有一级指标空白的第 8 行（“目标明确性”）），"), f.message
    assert "没有涉及项目决策、项目过程、项目产出、项目效益。" in f.message, f.message
    assert f.message.endswith("第 8 行的一级指标空白，不属于任何一级指标：它若属于下方的“项目决策”，请在 A8 填写这个名称，"
                              "否则填写它所属的一级指标"), f.message
    assert "第 8 行" in f.expected


def _v13(blank: set[str]) -> list[str]:
    """V13 on the fengtai 评价表 (as JSON: no cells) with the 一级指标 of the indicators ``blank`` left blank."""
    d = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        ind["reason"] = REASONS.get(ind["name"])
        if ind["name"] in blank:
            ind["level1"] = ""
    d["problems"], d["suggestions"] = "群众满意度有待提高", "加强管理。"
    [(_score, found)] = check_forms([Loaded(parse_eval_form(d), "评价.json")], None, load_catalogue())
    return [f.message for f in found if f.rule == "V13"]


def test_a_blank_level1_between_two_groups_names_both():
    """A row between 项目过程 and 项目产出 with its 一级 blank: both names offered (a form read from JSON is named by
    the template's cells, as ``fill`` writes it: its indicators from row 8)."""
    d = json.loads(SAMPLE.read_text(encoding="utf-8"))
    names = [i["name"] for i in d["indicators"]]
    at = next(k for k, i in enumerate(d["indicators"]) if i["level1"] == "项目产出")
    [msg] = _v13({names[at]})
    row = 8 + at
    assert f"一级指标空白的第 {row} 行（“{names[at]}”）" in msg, msg
    assert f"它若属于上方的“项目过程”或下方的“项目产出”，请在 A{row} 填写这个名称" in msg, msg
    assert "涉及、" not in msg and "、、" not in msg


def test_without_a_blank_level1_the_message_is_as_before():
    [msg] = _v13(set())
    assert msg == "扣分涉及项目决策、项目过程、项目产出、项目效益 4 个方面，“存在的问题”只写了“群众满意度有待提高”，没有涉及项目决策、项目过程、项目产出"
