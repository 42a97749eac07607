"""H8, V14, F17 (s42): what a copied form keeps of another year's or another department's, shown in the
退回修改通知 and the 校验结果 sheet as any other point to verify."""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES
from dept_helpers import clean_json
from jixiao.checking.run import check_batch
from jixiao.core.findings import RESULT_SHEET
from jixiao.excel.apply import apply_sheet
from jixiao.excel.plan import result_sheet
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.project.model import parse_form
from jixiao.review.notices import asks, item_text
from jixiao.sources import Batch, Loaded


def _findings():
    project = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    project["project"] = "2021年医疗保障服务经费"
    dept = clean_json()
    dept["department"] = "县卫生健康局"
    for m in dept["team"]:
        m["unit"] = "子洲县医疗保障局"
    batch = Batch(forms=[Loaded(parse_form(project), "医保局.xlsx#表1")],
                  departments=[Loaded(parse_dept_form(dept), "卫健局.xlsx#部门整体")], files=2)
    found = check_batch(batch).findings
    return [f for f in found if f.rule == "H8"][0], [f for f in found if f.rule == "F17"][0]


def _item(f):
    """A finding as the review lists it for a department (``review.run``)."""
    return {"kind": "finding", "file": "表.xlsx", "sheet": "表1", "cell": f.cell, "project": f.project,
            "message": f.message, "found": f.found, "expected": f.expected, "severity": f.severity, "rule": f.rule}


def test_notice_asks_to_verify_once_and_adds_no_second_instruction():
    h8, f17 = _findings()
    for f in (h8, f17):
        it = _item(f)
        assert asks(it) == "verify"
        text = item_text(4, it)
        assert text.count("请核实") == 1 and "应为" not in text and "表中为" not in text, text
        assert text.endswith("，如无误可说明理由。"), text  # the notice's one ending (s42 h2)
    assert item_text(4, _item(h8)) == (
        "4．“表.xlsx”中“表1”工作表 B3 单元格：项目名称“2021年医疗保障服务经费”写的是 2021 年，"
        "与表的年度 2022（A2）不同。请核实项目名称和年度，如无误可说明理由。")


def test_result_sheet_lists_them_as_warnings_with_what_to_check():
    h8, f17 = _findings()
    wb = openpyxl.Workbook()
    ws = apply_sheet(wb, result_sheet([h8, f17]))
    assert ws.title == RESULT_SHEET
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_row=4)]
    assert [r[:2] for r in rows] == [["警告", "H8"], ["警告", "F17"]]
    assert rows[0][5] == h8.message and rows[0][6].startswith("核实项目名称和年度")
    assert rows[1][3] == "G34" and rows[1][6] == "核实评价小组成员及其单位（本部门“县卫生健康局”自评）"
