"""Issue 14, capability 7: a finding about the whole form sits on the cell a reviewer looks at —
a missing category at the 一级/二级 cell of the block where it belongs, a copied set at the first
indicator of the set in both forms, each naming the other."""

from __future__ import annotations

import openpyxl

from jixiao.checking.run import check_paths
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from test_rules import clean, hits, run


def _drop(d: dict, *idx: int) -> dict:
    for i in sorted(idx, reverse=True):
        gone = d["indicators"].pop(i)
        d["indicators"][0]["weight"] += gone["weight"]    # keep the weights at 100
        d["indicators"][0]["score"] += gone["score"]
    return d


def test_missing_timeliness_sits_on_the_cost_block_it_belongs_before():
    (f,) = hits(run(_drop(clean(), 2)), "B4")
    assert (f.field, f.cell) == ("indicators[2].level2", "C16")       # the 成本指标 cell
    assert "时效指标" in f.message and "应增设在“成本指标”之前" in f.message


def test_missing_cost_sits_after_the_last_output_block():
    (f,) = hits(run(_drop(clean(), 3)), "B4")
    assert (f.field, f.cell) == ("indicators[2].level2", "C16")       # the 时效指标 cell, the last of 产出
    assert "成本指标" in f.message and "应增设在“时效指标”之后" in f.message


def test_missing_level1_categories():
    (f,) = hits(run(_drop(clean(), 6)), "B4")                           # no 满意度: after the 效益 block
    assert (f.field, f.cell) == ("indicators[4].level1", "B18") and "应增设在“效益指标”之后" in f.message
    (f,) = hits(run(_drop(clean(), 4, 5)), "B4")                        # no 效益: before the 满意度 block
    assert (f.field, f.cell) == ("indicators[4].level1", "B18") and "应增设在“满意度指标”之前" in f.message


def test_missing_category_on_a_merged_block_read_from_a_workbook(tmp_path):
    """一级指标 written once over its block (the cells below blank, as published): the finding sits on
    the cell that shows the block's name, not on a blank row."""
    d = _drop(clean(), 6)
    book = write_forms([parse_form(d)], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    assert ws["B18"].value == ws["B19"].value == "效益指标"
    ws["B19"] = None
    ws.merge_cells("B18:B19")
    wb.save(book)
    _batch, result = check_paths([book])
    (f,) = [f for f in result.findings if f.rule == "B4"]
    assert (f.sheet, f.cell) == (ws.title, "B18")


def test_copied_set_is_told_in_every_form_naming_another():
    a, b, c = clean(), clean(), clean()
    b["project"], c["project"] = "另一个项目", "第三个项目"
    found = hits(run(a, b, c), "E1")
    assert sorted(f.file for f in found) == ["表1.json", "表2.json", "表3.json"]   # one each, none twice
    for f in found:
        assert f.cell == "D14" and f.field == "indicators[0].name"
        own = {"表1.json": a, "表2.json": b, "表3.json": c}[f.file]["project"]
        assert own not in f.message and ("另一个项目" in f.message or a["project"] in f.message)
