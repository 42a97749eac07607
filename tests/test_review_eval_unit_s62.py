"""The review's “项目评价” sheet names the 实施单位 as the 台账 does (session 62).

县医疗保障局 sent its project form and a 项目支出绩效评价表 whose 实施单位 reads “县医保局”. The 台账, 分单位汇总
and 项目明细 call it 县医疗保障局 (the 台账 adds “表中写作……”); the 项目评价 sheet said “县医保局”: filtered by
单位, the reviewer lost the row.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

EVAL_JSON = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "fengtai-2023-evaluation" / "form.json"


def _evaluation(unit: str, **changes):
    from jixiao.forms.evaluation.model import parse_eval_form

    d = json.loads(EVAL_JSON.read_text(encoding="utf-8"))
    d.update(unit=unit, **changes)
    return parse_eval_form(d)


def test_the_evaluation_sheet_names_the_unit_as_the_ledger_does(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(13, "县医疗保障局"), _evaluation("县医保局", year=2022)], inbox / "医保局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    assert [str(r[1]).split("\n")[0] for r in ledger.iter_rows(min_row=4, values_only=True) if r[1]] == ["县医疗保障局"]
    book = openpyxl.load_workbook(next(out.glob("*汇总表.xlsx")))
    ws = book["项目评价"]
    head = [c.value for c in ws[2]]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert [r["实施单位"] for r in rows] == ["县医疗保障局"], rows
