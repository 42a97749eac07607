"""A form whose rows a 填报人 inserted by hand prints over pages planned for the rows it has now (s62).

The template's protection allows inserting rows, and README (官方模板) tells a 填报人 with more than 20
indicators to insert them. Excel and WPS (and LibreOffice) move the merged cells, the print area and
the manual page breaks with the rows, but keep the page as it was planned: a filled form fitted to one
page shrank with every row (70 more indicators: below half its size), and between two manual breaks of
a form planned over pages the rows no longer fit a page, so the program broke them where it liked.
The 定稿 is written afresh from the forms as read and was planned right; the copies (``calc -o``,
``check --annotate``, the bureau's) and the add-in planned a form's pages again only where a typed
text made a row taller (``apply.grow_typed_rows``). Now a form whose page no longer holds its rows
(``printout.outgrown``) is planned again too.

The rows are inserted here as Excel inserts them (``insert_rows_as_excel``: cells, heights, merged
cells, breaks and print area move; the new rows take the row above's height and style), with
openpyxl, so that no row's height changes on the way. LibreOffice inserting rows through its own API
(a Basic macro) gave the same merged cells, breaks and print area; it re-measures every row's height
(``33.75`` for ``34``), which made ``grow_typed_rows`` grow rows by a quarter point and plan the pages
again anyway — so with a LibreOffice-saved file the copies were right by chance.
"""

from __future__ import annotations

import json
from copy import copy
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.pagebreak import Break

from addin.host import XlwingsHost
from conftest import SAMPLES
from dept_helpers import zizhou_json
from lo_basic import run_basic
from jixiao.cli import main
from jixiao.excel.plan import Plan, SetValue
from jixiao.excel.printout import area_bounds, sheet_outgrown
from test_addin_pages_again_s60 import _excel, _page, _starts


def insert_rows_as_excel(ws, at: int, n: int) -> None:
    """``n`` rows inserted above row ``at`` as Excel's 插入 › 整行 does: the rows below move down with their
    heights, a merged cell over ``at`` grows, the manual page breaks and the print area move, and the new
    rows take the style and height of the row above (``openpyxl.insert_rows`` moves the cells only)."""
    above = at - 1
    heights = {r: ws.row_dimensions[r].height for r in range(at, ws.max_row + 1)}
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(m.coord)
    ws.insert_rows(at, n)
    for r, h in heights.items():
        ws.row_dimensions[r + n].height = h
    for r in range(at, at + n):
        ws.row_dimensions[r].height = ws.row_dimensions[above].height
        for c in range(1, ws.max_column + 1):
            ws.cell(r, c)._style = copy(ws.cell(above, c)._style)
    for r1, c1, r2, c2 in merges:
        if r1 >= at:
            r1, r2 = r1 + n, r2 + n
        elif r2 >= at:
            r2 += n
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    ws.row_breaks.brk = tuple(Break(id=b.id + n) if b.id + 1 >= at else b for b in ws.row_breaks.brk)
    c1, r1, c2, r2 = area_bounds(ws.print_area)
    ws.print_area = f"{openpyxl.utils.get_column_letter(c1)}{r1}:{openpyxl.utils.get_column_letter(c2)}{r2 + n}"


def _project(tmp: Path, n: int) -> tuple[Path, str]:
    """The first sample filled (one page), ``n`` indicator rows inserted under its last and filled."""
    assert main(["fill", str(SAMPLES[0]), "-o", str(tmp / "p.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp / "p.xlsx")
    ws = wb.worksheets[0]
    last = max(r for r in range(14, 34) if ws[f"D{r}"].value)
    insert_rows_as_excel(ws, last + 1, n)
    for i, r in enumerate(range(last + 1, last + 1 + n), start=1):
        for c, v in zip("BCDEFGH", ("产出指标", "数量指标", f"新增指标{i}", "≥1 人", "1 人", 0, 0)):
            ws[f"{c}{r}"] = v
    wb.save(tmp / "inserted.xlsx")
    return tmp / "inserted.xlsx", ws.title


def _dept(tmp: Path, n: int) -> tuple[Path, str]:
    """The 子洲 部门整体 form filled (over pages, its breaks planned), ``n`` rows inserted in 职责履行."""
    src = tmp / "d.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(src), "-o", str(tmp / "d.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp / "d.xlsx")
    ws = wb.worksheets[0]
    at = next(r for r in range(11, 40) if ws[f"A{r}"].value == "产出") + 1
    insert_rows_as_excel(ws, at, n)
    for i, r in enumerate(range(at, at + n), start=1):
        ws[f"E{r}"], ws[f"F{r}"], ws[f"H{r}"], ws[f"I{r}"] = f"新增履职指标{i}", "完成得满分", 0, 0
    wb.save(tmp / "inserted.xlsx")
    return tmp / "inserted.xlsx", ws.title


@pytest.mark.parametrize("make,n", [(_project, 70), (_dept, 20)])
def test_the_copies_plan_a_form_with_rows_inserted_again(tmp_path, make, n):
    book, title = make(tmp_path, n)
    ws = openpyxl.load_workbook(book)[title]
    assert sheet_outgrown(ws)   # as the 填报人 left it: one page far below half size, or a page too long
    assert main(["calc", str(book), "-o", str(tmp_path / "calc.xlsx")]) == 0
    main(["check", str(book), "--annotate", str(tmp_path / "ann.xlsx")])
    for out in ("calc.xlsx", "ann.xlsx"):
        got = openpyxl.load_workbook(tmp_path / out)[title]
        assert not sheet_outgrown(got), out
        assert got.page_setup.fitToHeight != 1 and _starts(got), out   # over pages, the breaks planned


def test_a_form_no_one_changed_is_never_outgrown(tmp_path):
    """The forms as ``fill`` writes them (one page, or over pages with room to spare: the 23 samples and the
    子洲 部门整体 form) and the blank templates are not planned again on a copy."""
    src = tmp_path / "d.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    assert main(["fill", *map(str, SAMPLES), str(src), "-o", str(tmp_path / "all.xlsx")]) == 0
    templates = sorted((Path(__file__).resolve().parent.parent / "xlsx_templates").glob("*.xls[xm]"))
    assert len(templates) == 4
    for book in (tmp_path / "all.xlsx", *templates):
        wb = openpyxl.load_workbook(book)
        assert [ws.title for ws in wb.worksheets if sheet_outgrown(ws)] == [], book.name
    # the blank project template fitted to the width, rows inserted: the program breaks its pages, no plan is outgrown
    # (the add-in would otherwise ask Excel every filled cell's merge at each 计算 of a long form filled in by hand)
    ws = openpyxl.load_workbook(next(t for t in templates if t.name == "项目支出绩效自评表.xlsx")).worksheets[0]
    assert ws.page_setup.fitToHeight != 1 and not ws.row_breaks.brk
    insert_rows_as_excel(ws, 20, 60)
    assert not sheet_outgrown(ws)


@pytest.mark.parametrize("make,n,cell", [(_project, 70, "I14"), (_dept, 20, "J11")])
def test_excel_plans_a_form_with_rows_inserted_as_the_copies_do(tmp_path, make, n, cell):
    """计算/校验 in Excel (the stand-in answering its COM calls from the file): the same pages as the copy."""
    book, title = make(tmp_path, n)
    by_file = tmp_path / "calc.xlsx"
    wb = openpyxl.load_workbook(book)
    assert wb[title][cell].value is None and not wb[title][cell].protection.locked   # the 偏差原因/扣分原因 of the first
    assert main(["check", str(book), "--annotate", str(by_file)]) in (0, 1)
    host = _excel(wb)
    host.apply(Plan([SetValue(title, cell, None)]))   # 计算/校验 wrote to the form: it is touched
    ws = wb[title]
    assert not sheet_outgrown(ws)
    assert _page(ws) == _page(openpyxl.load_workbook(by_file)[title])


def _pdf_pages(book: Path, out: Path) -> int:
    import subprocess

    from jixiao.excel.office import convert

    out.mkdir(exist_ok=True)
    info = subprocess.run(["pdfinfo", str(convert(book, "pdf", out))], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


@pytest.mark.libreoffice
@pytest.mark.parametrize("make,n", [(_project, 70), (_dept, 20)])
def test_libreoffice_prints_the_copy_and_the_final_copy_as_planned(tmp_path, make, n):
    """The 计算 copy and the 定稿 of a form with rows inserted print on the pages planned for them, no page of
    the program's own (LibreOffice's PDF); the 定稿 says so in its footer (“共 N 页”)."""
    from conftest import need_libreoffice

    need_libreoffice()
    book, title = make(tmp_path, n)
    assert main(["calc", str(book), "-o", str(tmp_path / "calc.xlsx")]) == 0
    copy_ws = openpyxl.load_workbook(tmp_path / "calc.xlsx")[title]
    assert _pdf_pages(tmp_path / "calc.xlsx", tmp_path / "pdf") == 1 + len(_starts(copy_ws))
    assert main(["finalize", str(book), "-o", str(tmp_path / "final"), "--force", "--no-pdf"]) == 0
    final = next((tmp_path / "final").glob("*.xlsx"))
    ws = openpyxl.load_workbook(final).worksheets[0]
    assert not sheet_outgrown(ws) and _starts(ws)
    assert ws.oddFooter.center.text == f"第 &P 页，共 {1 + len(_starts(ws))} 页"
    # and the 汇总表 and 项目明细 printed after the form, a page each, where it is a project form (s67)
    assert _pdf_pages(final, tmp_path / "pdf") == 1 + len(_starts(ws)) + (2 if "汇总表" in openpyxl.load_workbook(final).sheetnames else 0)


def insert_rows_in_libreoffice(src: Path, dst: Path, at: int, n: int, profile: Path) -> None:
    """``n`` rows inserted above row ``at`` of the first sheet by LibreOffice itself (``insertByIndex``, as its
    插入行 does; the sheet unprotected and protected again), saved as ``dst`` (.xlsx)."""
    run_basic(src, dst, f'  sh.unprotect("")\n  sh.Rows.insertByIndex({at - 1}, {n})\n  sh.protect("")', profile)


@pytest.mark.libreoffice
def test_rows_are_inserted_here_as_libreoffice_inserts_them(tmp_path):
    """``insert_rows_as_excel`` moves what a spreadsheet program moves: LibreOffice inserting the same rows
    into the filled 部门整体 form gives the same print area, manual breaks and merged cells."""
    from conftest import need_libreoffice

    need_libreoffice()
    book, title = _dept(tmp_path, 0)
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx")[title]
    at = next(r for r in range(11, 40) if ws[f"A{r}"].value == "产出") + 1
    insert_rows_in_libreoffice(tmp_path / "d.xlsx", tmp_path / "lo.xlsx", at, 20, tmp_path / "profile")
    insert_rows_as_excel(ws, at, 20)
    lo = openpyxl.load_workbook(tmp_path / "lo.xlsx")[title]
    assert area_bounds(lo.print_area) == area_bounds(ws.print_area)
    assert sorted(b.id for b in lo.row_breaks.brk) == sorted(b.id for b in ws.row_breaks.brk)
    assert sorted(m.coord for m in lo.merged_cells.ranges) == sorted(m.coord for m in ws.merged_cells.ranges)
    assert sheet_outgrown(lo)   # and the page planned before no longer holds the rows there either
