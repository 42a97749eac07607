"""Every score, 分值 and 总分 a message puts before a 填报人 carries its unit, through one helper
(``core.numbers.score_text``): “得分应为 20 分，表中为 18.5 分”, where the messages said “得分应为 20，表中为 18.5”
(and a few wrote “分” themselves, in their own way: “建议 8.33333 分” from ``:g``). A rate, an amount or a count
keeps its own unit; a blank cell is “空白”, never “空白 分”."""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES, calculated_blank
from jixiao.actions import is_suggestion, suggestion_note
from jixiao.checking.run import check_batch
from jixiao.core.numbers import score_text
from jixiao.excel.comment_text import SUGGESTION, part_of
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded


def _form() -> dict:
    return json.loads(SAMPLES[0].read_text(encoding="utf-8"))


def _check(d: dict):
    form = parse_form(d)
    return check_batch(Batch(forms=[Loaded(form, "x.json", None, None)])).findings


def test_score_text_writes_the_unit_after_the_figure_and_nothing_after_a_blank():
    assert score_text(20) == "20 分" and score_text(18.5) == "18.5 分" and score_text(8.333333) == "8.3333 分"
    assert score_text(None) == "空白" and score_text(None, blank="—") == "—"


def test_a_score_an_execution_score_and_a_total_say_fen():
    d = _form()
    d["indicators"][3].update(score=18.5, reason="节约资金")
    d["exec_score"] = 10
    by_rule = {f.rule: f.message for f in _check(d)}
    assert by_rule["D4"].startswith("指标“年发放工资、保险费用”的得分应为 20 分，表中为 18.5 分。")
    assert by_rule["A4"] == "执行率得分应为 9.25 分（分值 10 分 × 执行率 92.50%），表中为 10 分"
    # the rate stays a rate and the amounts 万元: no “分” on them
    assert "92.50% 分" not in by_rule["A4"]


def test_weights_say_fen_and_a_blank_score_is_said_blank():
    d = _form()
    d["indicators"][0]["weight"] = 15          # 分值合计 105
    (b1,) = [f for f in _check(d) if f.rule == "B1"]
    assert b1.message.startswith("指标“工作人员数量”的分值应为 10 分，表中为 15 分（分值为 10 分时按评分规则得 10 分，")
    assert b1.message.endswith("各项分值合计为 105 分（执行率分值 10 分 + 指标分值 95 分），应为 100 分"), b1.message
    d = _form()
    d["indicators"][0]["score"] = None
    (d3,) = [f for f in _check(d) if f.rule == "D3"]
    assert "按评分规则应为 10 分，表中为空白" in d3.message and "空白 分" not in d3.message, d3.message


def test_calc_suggestion_says_fen_and_an_older_suggestion_is_still_its_own(tmp_path):
    assert suggestion_note(18.57, "依据").startswith("建议得分 18.57 分：")
    assert suggestion_note(8.333333, "依据").startswith("建议得分 8.3333 分：")   # not “8.33333” of ``:g``
    # a comment 计算 wrote before: still read as its own suggestion (it follows the data, not the 填报人's)
    assert is_suggestion("建议得分 18.57：依据", 18.57) and is_suggestion("建议得分 18.57 分：依据", 18.57)
    assert not is_suggestion("建议得分 18.57 分：依据", 18.5)
    # the line is 计算's part of the comment, which a new suggestion replaces, not the 填报人's own words
    assert part_of("建议得分 18.57 分：依据") == SUGGESTION == part_of("建议得分 18.57：依据")
    ws = openpyxl.load_workbook(calculated_blank(_form(), tmp_path)).worksheets[0]
    assert ws["H17"].comment.text.startswith("建议得分 20 分：")


def test_a_blank_execution_weight_is_told_its_usual_points():
    d = _form()
    d["funds_weight"] = None
    (b5,) = [f for f in _check(d) if f.rule == "B5"]
    assert b5.message == "预算执行率的分值未填写，原则上为 10 分，表中为空白"
