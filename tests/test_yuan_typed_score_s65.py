"""A 执行率得分 typed as the number the template's formula gives from a figure in 元 (10 分 from 765000 spent of an
80 万元 budget): rule A4 said nothing, as if it were the formula that follows once the 元 is put right (s64) — but a
number typed there stays 10 after the 元 is put right, where the 复核 and D11 say 9.56. A4 now leaves be only our
template's formula itself; a number typed (over the formula, in another layout, or in a form's JSON) it names."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from conftest import SAMPLES
from jixiao.checking.run import check_paths
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form

YUAN = {"initial": 80, "annual": 80, "executed": 765000}


def _data(**change) -> dict:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(funds={"total": YUAN, "fiscal": YUAN, "carryover": {}, "other": {}}, exec_rate=None, **change)
    return d


def _a4(path: Path) -> list:
    _batch, res = check_paths([path])
    return [f for f in res.findings if f.rule == "A4"]


def test_a_score_typed_as_the_funds_as_written_give_it_is_named(tmp_path):
    path = tmp_path / "元.json"
    path.write_text(json.dumps(_data(exec_score=10), ensure_ascii=False), encoding="utf-8")
    [a4] = _a4(path)
    assert a4.severity == "error" and a4.expected == 9.5625 and a4.found == 10, a4
    assert a4.message.startswith("执行率得分应为 9.56 分（分值 10 分 × 执行率 95.63%，全年执行数 765000 像是以元填写，"
                                 "按 76.5 万元计），表中为 10 分"), a4.message
    assert "资金数改正后它不会随之改变" in a4.message, a4.message


def test_the_templates_formula_is_left_to_follow_and_a_number_over_it_is_named(tmp_path):
    book = write_forms([parse_form(_data(exec_score=None), "元.json")], tmp_path / "公式.xlsx")
    assert _a4(book) == []   # the formula: 10 now, 9.56 once the 元 is put right
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0] if wb.worksheets[0]["H7"].value else next(s for s in wb.worksheets if s["H7"].value)
    assert str(ws["H7"].value).startswith("=")
    ws["H7"] = 10   # the same number, typed over the formula
    wb.save(tmp_path / "键入.xlsx")
    [a4] = _a4(tmp_path / "键入.xlsx")
    assert a4.expected == 9.5625 and a4.cell == "H7", a4
