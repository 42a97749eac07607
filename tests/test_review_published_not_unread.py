"""A department's own typed 汇总表 workbook, checked against its forms (文件清单: “已核对”), is no file
the consolidated 汇总表 “could not read”: it said “另有 1 个文件或表未能读取，其项目和资金未计入”
and listed it on a “未能读取” sheet (“没有找到项目支出绩效自评表…”), the bureau's total marked
incomplete when nothing was missing."""

from __future__ import annotations

import json

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def test_a_checked_summary_is_not_unread(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "民政局自评表.xlsx")
    _code, text = run_cli("summarize", str(book), "--json")
    truth = json.loads(text)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws.append(["2022年度县直部门绩效自评情况汇总表"])
    ws.append(["填报部门：县民政局", None, None, "单位：万元"])
    ws.append(["项目", None, "应评价数", "已评价数"])
    ws.append(["项目数量（个）", None, truth["projects_due"], truth["projects_done"]])
    ws.append(["资金总量", None, truth["funds_due"], truth["funds_done"] + 1])  # one figure wrong
    for k, g in enumerate(("优", "良", "中", "差")):
        ws.append(["绩效评价等级（个）" if k == 0 else None, g, truth["grades"].get(g, 0), None])
    ws.merge_cells("A6:A9")
    wb.save(inbox / "民政局汇总表.xlsx")
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    # nor an error of its own: its X1 (“没有找到自评表”) counted one more in the totals and the 问题统计
    # than the department's notice and 台账 row said
    data = json.loads(text)
    assert data["totals"]["errors"] == sum(d["errors"] for d in data["departments"]) == data["totals"]["to_change"]
    pivot = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["问题统计"]
    assert not any(r[0] == "X1" for r in pivot.iter_rows(values_only=True))
    ledger = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    assert "已核对" in [r[3] for r in ledger.iter_rows(min_row=3, values_only=True)]
    summary = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")
    assert "未能读取" not in summary.sheetnames
    assert "未能读取" not in summary["汇总表"]["A10"].value
