"""A forced draft's 【待核实】 in the 整体绩效自评工作报告's table: on a line of its own under the figure, in a
smaller size (it was glued to the number, and a 小四 mark broke the cell: “97.7/5【待/核实】”), and the 合计
row's figures are marked when a form they sum has an error in its funds (they never were)."""

from __future__ import annotations

from docx import Document
from docx.shared import Pt

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.numbers import parse_number
from jixiao.reports.templates import TABLE_COLS, TABLE_MARK_PT
from jixiao.sources import load_all


def _table(tmp_path):
    batch = load_all(SAMPLES)   # the published forms keep their errors: 更新购置医保监督执法用车's funds among them
    data = R.collect(batch)
    assert any(p.flag("funds") for p in data.projects)
    paths = R.build_reports(batch, None, tmp_path, force=True)
    (doc,) = [Document(str(p)) for p in paths if p.stem == "整体绩效自评工作报告"]
    (table,) = doc.tables
    return table


def test_each_mark_stands_under_its_figure(tmp_path):
    table = _table(tmp_path)
    heads = [c.text.replace("\n", "") for c in table.rows[0].cells]   # “全年\n预算数” (s62)
    marked = 0
    for row in table.rows[1:]:
        for head, cell in zip(heads, row.cells):
            if head not in ("全年预算数", "全年执行数", "执行率", "自评得分", "等级") or not cell.text:
                continue
            figure, *rest = cell.text.split("\n")
            assert R.CHECK not in figure, (head, cell.text)          # the figure alone on its line
            if head != "等级":
                assert parse_number(figure) is not None, (head, cell.text)
            assert rest in ([], [R.CHECK]), (head, cell.text)       # the mark, if any, alone under it
            if rest:
                marked += 1
                runs = [r for p in cell.paragraphs for r in p.runs if R.CHECK in r.text]
                assert runs and all(r.font.size == Pt(TABLE_MARK_PT) for r in runs)
    assert marked


def test_the_total_row_is_marked_when_a_forms_funds_are(tmp_path):
    table = _table(tmp_path)
    heads = [c.text.replace("\n", "") for c in table.rows[0].cells]   # “全年\n预算数” (s62)
    total = dict(zip(heads, (c.text for c in table.rows[-1].cells)))
    assert total["序号"] == "合计"
    for head in ("全年预算数", "全年执行数", "执行率"):
        assert total[head].split("\n")[1:] == [R.CHECK], (head, total[head])


def test_a_mark_fits_its_column_on_one_line():
    """【待核实】 in 小五 is 5 × 9 pt ≈ 15.9 mm: each column a mark goes in holds it inside its 1 mm margins."""
    widths = {head.replace("\n", ""): mm for head, mm, value, _style in TABLE_COLS}
    for head in ("全年预算数", "全年执行数", "执行率", "自评得分", "等级"):
        assert widths[head] - 2 >= 5 * TABLE_MARK_PT * 25.4 / 72, head
    assert sum(widths.values()) == 156
