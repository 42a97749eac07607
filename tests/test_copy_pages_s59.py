"""A copy whose rows grow prints over pages planned for its rows (stop 59).

``fill`` plans a form's page breaks for its rows' heights (``printout.planned_breaks``). The 计算 copy
and the 校验 marked copy (``check --annotate``) make a row as tall as the long 扣分原因 typed into it
(``apply.grow_typed_rows``) and kept the breaks planned for the rows as they were: the 子洲 部门整体
form with nine 扣分原因 of two lines each printed on 4 pages where its breaks planned 3, a page cut
inside 管理制度健全性's row and the “过程 40” cell printed on one page of its rows only. The copy's
breaks are now planned again by the planner the form was built with (as the 定稿's are): every
planned page holds its rows, LibreOffice prints the pages planned, and a page that starts inside a
一级指标 prints its name and 分值 again.
"""

from __future__ import annotations

import json
import subprocess

import openpyxl
import pytest

from conftest import SAMPLES, need_libreoffice
from dept_helpers import zizhou_json
from jixiao.cli import main as cli_main
from jixiao.excel.printout import MIN_SCALE, PAGE_SPARE, _measures, area_bounds, one_page_scale, row_points

REASON = "因项目实施过程中部分资金拨付滞后、绩效目标设定不够细化、过程监控记录不完整，年度指标仅部分完成，按评分标准扣减分值。"


def _calculated_with_reasons(tmp_path, wb):
    """The project form ``wb`` with a long 偏差原因 typed in every indicator row, through 计算: its copy's sheet."""
    ws = wb.worksheets[0]
    for r in range(14, ws.max_row):
        if ws[f"D{r}"].value and ws[f"I{r}"].protection.locked is False:
            ws[f"I{r}"].value = REASON * 4
    wb.save(tmp_path / "typed.xlsx")
    assert cli_main(["calc", str(tmp_path / "typed.xlsx"), "-o", str(tmp_path / "calc.xlsx")]) in (0, 1)
    return openpyxl.load_workbook(tmp_path / "calc.xlsx").worksheets[0]


def _typed_copies(tmp, rows, reason):
    """The 子洲 部门整体 form written by ``fill``, ``reason`` typed as the 扣分原因 of its first ``rows``
    indicators (as a 填报人 types: the rows keep their height in the file), its 计算 copy and its
    校验 marked copy, in ``tmp``."""
    src = tmp / "d.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", str(src), "-o", str(tmp / "d.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp / "d.xlsx")
    ws = wb.worksheets[0]
    typed = [r for r in range(12, ws.max_row) if isinstance(ws[f"H{r}"].value, (int, float))][:rows]
    for r in typed:
        ws[f"J{r}"].value = reason
    wb.save(tmp / "typed.xlsx")
    assert cli_main(["calc", str(tmp / "typed.xlsx"), "-o", str(tmp / "calc.xlsx")]) == 0
    assert cli_main(["check", str(tmp / "typed.xlsx"), "--annotate", str(tmp / "marked.xlsx")]) in (0, 1, 2)
    return tmp


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Nine 扣分原因 of two lines: 4 pages printed for the 3 planned before."""
    return _typed_copies(tmp_path_factory.mktemp("copy-pages"), 9, REASON)


@pytest.fixture(scope="module")
def tall(tmp_path_factory):
    """Twelve 扣分原因 of eight lines: a page for every two indicators, none starting where a page did."""
    return _typed_copies(tmp_path_factory.mktemp("copy-pages-tall"), 12, REASON * 4)


def _form(path):
    wb = openpyxl.load_workbook(path)
    return next(ws for ws in wb.worksheets if ws.title.startswith("部门整体"))


def _starts(ws):
    """The rows the form's pages start at (after its first), from the file's page breaks."""
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    return sorted(b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2)


def _overfull(ws):
    """The planned pages (first row, last row) taller than the page holds at the scale the width
    is fitted to, the repeated header counted on each page after the first."""
    area = ws.print_area
    landscape = ws.page_setup.orientation == "landscape"
    margins = (ws.page_margins.left, ws.page_margins.top)
    width, _h, room_w, room_h = _measures(ws, area, landscape=landscape, margins=margins)
    scale = min(100, int(100 * room_w / width)) / 100
    _c1, r1, _c2, r2 = area_bounds(area)
    head = int(ws.print_title_rows.replace("$", "").split(":")[0])
    starts = [r1, *_starts(ws), r2 + 1]
    out = []
    for i, (a, b) in enumerate(zip(starts, starts[1:])):
        tall = sum(row_points(ws, r) for r in range(a, b)) + (row_points(ws, head) if i else 0)
        if tall * scale > room_h * (1 - PAGE_SPARE / 2):
            out.append((a, b - 1))
    return out


@pytest.mark.parametrize("name", ["calc.xlsx", "marked.xlsx"])
def test_copy_pages_hold_their_rows(copies, name):
    typed, copy = _form(copies / "typed.xlsx"), _form(copies / name)
    assert any((copy.row_dimensions[r].height or 0) > (typed.row_dimensions[r].height or 0) + 20
               for r in range(12, 40))   # the 扣分原因 rows did grow
    assert not _overfull(typed)          # as written, each page held its rows
    assert not _overfull(copy), _starts(copy)   # before: the breaks of the rows as typed, [14, 29]
    assert _starts(copy) != _starts(typed)


@pytest.mark.parametrize("which", ["copies", "tall"])
@pytest.mark.parametrize("name", ["calc.xlsx", "marked.xlsx"])
def test_page_inside_a_group_names_it(request, which, name):
    """A page starting inside a 一级指标 prints its name and 分值 (the cells split there); a cell split
    at a break planned before and not planned now is merged again (``tall``: “投入” was split at row
    14, where no page starts now)."""
    folder = request.getfixturevalue(which)
    ws = _form(folder / name)
    assert not _overfull(ws)
    starts = set(_starts(ws))
    for m in ws.merged_cells.ranges:
        if m.min_col == 1 and m.min_row > 11 and m.min_row != m.max_row:
            above = ws.cell(row=m.min_row - 1, column=m.min_col)
            top_above = next((x for x in ws.merged_cells.ranges if x.min_col == m.min_col
                              and x.min_row <= m.min_row - 1 <= x.max_row), None)
            value_above = ws.cell(row=top_above.min_row, column=m.min_col).value if top_above else above.value
            if value_above == ws.cell(row=m.min_row, column=m.min_col).value:
                assert m.min_row in starts, (m.coord, sorted(starts))   # a part split at no page's start
    for r in starts:
        if r < 40 and ws[f"H{r}"].value is not None:
            assert ws[f"A{r}"].value and ws[f"B{r}"].value is not None, r


def test_libreoffice_prints_the_planned_pages(copies):
    need_libreoffice()
    from jixiao.excel.office import convert

    out = copies / "pdf"
    out.mkdir(exist_ok=True)
    ws = _form(copies / "calc.xlsx")
    pdf = convert(copies / "calc.xlsx", "pdf", out)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert pages == 1 + len(_starts(ws))


def test_project_form_too_long_for_one_page(tmp_path):
    """A 项目支出绩效自评表 written on one page whose 偏差原因 grow it past a readable page prints over
    pages planned for it (before: still fitted to one page, its text shrunk under half its size)."""
    src = next(p for p in SAMPLES if p.name == "01.json")
    assert cli_main(["fill", str(src), "-o", str(tmp_path / "p.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    ws = wb.worksheets[0]
    assert ws.page_setup.fitToHeight == 1 and not ws.row_breaks.brk   # written on one page
    copy = _calculated_with_reasons(tmp_path, wb)
    area = copy.print_area
    assert one_page_scale(copy, area, landscape=False, margins=(copy.page_margins.left, copy.page_margins.top)) < MIN_SCALE
    assert copy.page_setup.fitToHeight == 0 and _starts(copy)
    assert not _overfull(copy)


def test_join_merges_undoes_a_split_of_one_group():
    """The cells ``split_merges`` split at a break no longer planned are one cell again: a 一级's name
    and 分值; a 二级 beside it that starts there (another name, the same 分值) stays two, and so does
    a 一级 that starts at the break."""
    from jixiao.excel.printout import join_merges

    wb = openpyxl.Workbook()
    ws = wb.active
    for col, top, bottom in (("A", "过程", "过程"), ("B", 40, 40), ("C", "预算执行", "预算管理"), ("D", 10, 10),
                             ("F", "产出", "效果")):
        ws[f"{col}1"], ws[f"{col}4"] = top, bottom
        ws.merge_cells(f"{col}1:{col}3")
        ws.merge_cells(f"{col}4:{col}6")
    join_merges(ws, [4], "ABCD")
    join_merges(ws, [4], "F")
    got = sorted(m.coord for m in ws.merged_cells.ranges)
    assert got == ["A1:A6", "B1:B6", "C1:C3", "C4:C6", "D1:D3", "D4:D6", "F1:F3", "F4:F6"]
    assert (ws["A1"].value, ws["B1"].value, ws["C4"].value, ws["D4"].value) == ("过程", 40, "预算管理", 10)


def test_a_sheet_printed_otherwise_keeps_its_page(tmp_path):
    """A form whose print area is not the one its layout gives (set by its user, or a form in another
    layout) is not planned by the kind's paper: its page setup stays as it was."""
    src = next(p for p in SAMPLES if p.name == "01.json")
    assert cli_main(["fill", str(src), "-o", str(tmp_path / "p.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "p.xlsx")
    ws = wb.worksheets[0]
    ws.print_area = "A1:I50"
    copy = _calculated_with_reasons(tmp_path, wb)
    assert copy.page_setup.fitToHeight == 1 and not copy.row_breaks.brk


def test_join_merges_leaves_cells_merged_across_columns():
    """A row merged across columns (评价小组's 序号 … 单位) is no group ``split_merges`` split."""
    from jixiao.excel.printout import join_merges

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A3"] = "同一标签", "同一标签"
    ws.merge_cells("A1:E2")
    ws.merge_cells("A3:A4")
    join_merges(ws, [3], "ABCD")
    assert sorted(m.coord for m in ws.merged_cells.ranges) == ["A1:E2", "A3:A4"]
