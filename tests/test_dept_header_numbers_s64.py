"""The header figures of the 部门整体支出绩效自评表 (session 64).

A 定稿 of the 子洲县 sample printed 编制人数 7, 资产总额 41.98, 总收入 2903.8592 … at the left of their cells,
as text prints, where a figure in a form prints at the right (the official form's header, and a
column of figures reads by its units). The header's input cells were styled by ``_input``'s default,
the text alignment, for text and figures alike; the figures are now right-aligned, in the shipped
template, in a workbook ``fill`` writes and in the 定稿 (the form drawn again, ``build_dept_sheet``).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.cli import main as cli_main
from jixiao.forms.department.layout import HEAD_ROWS

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "xlsx_templates" / "部门整体支出绩效自评表.xlsx"
SAMPLE = ROOT / "jixiao" / "samples" / "zizhou-2023" / "department.json"

# the header's cells: (cell, whether it holds a figure)
HEAD = [(f"{c}{r}", field.startswith("data.")) for r, _ll, lf, _rl, rf in HEAD_ROWS
        for c, field in (("E", lf), ("H", rf))]


def _alignments(ws) -> dict[str, str | None]:
    return {ref: ws[ref].alignment.horizontal for ref, _figure in HEAD}


def _says_figures_right(ws) -> None:
    shown = _alignments(ws)
    assert {ref: shown[ref] for ref, figure in HEAD if figure} == {ref: "right" for ref, figure in HEAD if figure}
    assert {ref: shown[ref] for ref, figure in HEAD if not figure} == {ref: "left" for ref, figure in HEAD if not figure}
    for ref, figure in HEAD:
        if figure:   # a wide figure shrinks rather than print “###”, as the other figures of the forms do
            assert ws[ref].alignment.shrink_to_fit, ref


def test_the_templates_header_figures_are_right_aligned():
    wb = openpyxl.load_workbook(TEMPLATE)
    _says_figures_right(wb["部门整体支出绩效自评表"])


def test_a_filled_form_and_its_final_copy_print_the_header_figures_at_the_right(tmp_path):
    from jixiao.finalize import finalize

    book = tmp_path / "子洲.xlsx"
    assert cli_main(["fill", str(SAMPLE), "-o", str(book)]) == 0
    ws = openpyxl.load_workbook(book).worksheets[0]
    assert ws["H7"].value == 2903.8592          # 总收入: the figure the 定稿 printed at the left
    _says_figures_right(ws)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    final = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert final["H7"].value == 2903.8592
    _says_figures_right(final)
