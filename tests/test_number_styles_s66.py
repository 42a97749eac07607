"""One number style per kind of figure in what a department prints and sends (session 66): a 填报人 typed two
projects into the committed template and printed the 定稿 and the reports. The 定稿 printed the indicators'
分值 “20” and the 总分 row's 分值 “100.00”; the 整体绩效自评工作报告's table wrote the 总分 of one project “96” and
of the next “98.33” in one column."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

import addin.buttons as buttons
from conftest import SAMPLES
from jixiao import reports as R
from jixiao.actions import FileHost
from jixiao.core.numbers import SCORE_FORMAT, as_shown
from jixiao.sources import load_all
from test_clerk_s65 import PROJECT_TEMPLATE, _type_project


def _total_row(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == "总分")


def test_the_final_copy_prints_the_total_weight_as_its_weights_and_the_total_score_to_two_decimals(tmp_path):
    """分值 are typed (常规: “20”, “10”), and so is their sum, “100” — not “100.00” beside them. The 得分 total is a
    formula's sum of scores that may hold 1/3 of a point: two decimals (0.00), as the 执行率得分 beside it."""
    form = json.loads(next(p for p in SAMPLES if p.name == "01.json").read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(PROJECT_TEMPLATE)
    _type_project(wb.worksheets[0], form)
    book = tmp_path / "项目.xlsx"
    wb.save(book)
    out = tmp_path / "定稿"
    buttons.finalize(FileHost(str(book)), outdir=str(out), confirm=True, email=False)
    ws = openpyxl.load_workbook(next(out.glob("*.xlsx"))).worksheets[0]
    t = _total_row(ws)
    from jixiao.forms.project.layout import FIRST_IND
    assert ws[f"G{t}"].number_format == ws[f"G{FIRST_IND}"].number_format == ws["F7"].number_format == "General"
    assert ws[f"H{t}"].number_format == ws["H7"].number_format == SCORE_FORMAT
    template = openpyxl.load_workbook(PROJECT_TEMPLATE).worksheets[0]   # the committed template as well
    assert template[f"G{_total_row(template)}"].number_format == "General"


def test_the_reports_state_every_total_score_to_two_decimals_in_the_table_and_the_text(tmp_path):
    """A project's 总分 is the formula's sum in a cell of two decimals: stated “100.00” and “98.80” down one column
    of the table (it wrote “100” above “98.8”), and “自评总分100.00分” in the text, as the 定稿 prints it."""
    ctx = R.build_context(R.collect(load_all(SAMPLES)))
    totals = [p["total_score"].replace(R.CHECK, "").strip() for p in ctx["projects"]]
    assert totals[2] == "100.00" and totals[8] == "98.80", totals
    for p, said in zip(ctx["projects"], totals):
        assert len(said.rpartition(".")[2]) == 2, totals
        assert f"自评总分{said}分" in p["goal_clause"], (said, p["goal_clause"])
    assert as_shown(100, SCORE_FORMAT) == "100.00"
