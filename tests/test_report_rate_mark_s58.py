"""A draft's 【待核实】 on a 执行率 is where an error touches the money or the rate (stop 58 QA).

The sample “医保基金监管专项检查经费” (10.json) has its 执行率得分 wrong (H7: 10 for 9.5), its money and its 95% right.
The 项目支出绩效自评报告's part on funds printed “执行率95%【待核实】”, while its 存在的问题, the 整体报告's line and
its table printed the same 95% unmarked: the reader could not tell which to believe. The 执行率得分 is said in none
of them; its error marks the 自评总分, which rests on it."""

from __future__ import annotations

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.settings import Settings
from jixiao.sources import load_all

TEN = next(p for p in SAMPLES if p.name == "10.json")


def test_the_rate_is_marked_alike_everywhere(tmp_path):
    paths = {p.stem: p for p in R.build_reports(load_all([TEN]), Settings(), tmp_path, force=True)}
    project = [p.text for p in Document(str(paths[R.DOCUMENTS[1]])).paragraphs]
    funds = next(t for t in project if t.startswith("1．医保基金监管专项检查经费下达"))
    assert "执行率95.00%，" in funds and "95.00%【待核实】" not in funds, funds
    whole = Document(str(paths[R.DOCUMENTS[2]]))
    assert any("执行率95.00%，结余0.30万元" in p.text for p in whole.paragraphs)
    # the 自评总分 that rests on the wrong 执行率得分 keeps its mark
    assert any("自评总分" in t and "【待核实】" in t for t in project)
