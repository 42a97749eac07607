"""A workbook of forms printed whole says “续表” on each form's pages after its first, and on no form's first (s65).

Printed at once in LibreOffice (File › Print of all sheets, or exported to PDF whole, as the demo's workbook
or a template with its form copied for each project), the first page of every form after the first said
“续表” over its title: LibreOffice's “first page” header (the file's 首页不同, ``differentFirst``) is the
first page of a run of page numbers, and the run went on from sheet to sheet. Each form printed over pages
now numbers its pages from 1 (its 起始页码), where LibreOffice starts a run, so “第 1 页” and no “续表” head
each form; the page number says no “共 &N 页” (the whole print job's count, “第 1 页，共 6 页” on a form of
three pages). Checked page by page in LibreOffice's PDF; the 定稿, which numbered its forms so already,
keeps its own counts (``test_continued_pages_s63``).
"""

from __future__ import annotations

import json
import re
from copy import copy
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES
from test_continued_pages_s63 import _long_project, _pages_text, _says_continued
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel.printout import CONTINUED, PAGE_NUMBERS


def _numbers(pages: list[str]) -> list[int | None]:
    """Per page: the page number its footer prints (“第 2 页”), None where it prints none."""
    return [int(m[-1]) if (m := re.findall(r"第\s*(\d+)\s*页", p)) else None for p in pages]


def _planned(ws) -> int:
    """The pages the form's manual breaks plan (breaks inside its print area, and one)."""
    last = int(re.findall(r"\d+", str(ws.print_area))[-1])
    return 1 + sum(1 for b in ws.row_breaks.brk if b.id + 1 <= last)


@pytest.mark.libreoffice
def test_a_workbook_of_forms_printed_whole_heads_each_form_as_its_first_page(tmp_path):
    """Two long 项目支出绩效自评表 with a one-page form between them, filled into one workbook and printed
    whole: each long form's pages are “第 1 页” (no “续表”) then “续表” … numbered 2, 3 …; the one-page form
    prints neither. Before, the second long form's first page said “续表” and “第 5 页，共 7 页”."""
    from conftest import need_libreoffice

    need_libreoffice()
    srcs = []
    for i, d in enumerate([_long_project(), json.loads(SAMPLES[0].read_text(encoding="utf-8")), _long_project()]):
        d["project"] = f"{d['project']}（{i + 1}）"   # three sheets, three names
        srcs.append(tmp_path / f"{i}.json")
        srcs[-1].write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["fill", *map(str, srcs), "-o", str(book)]) == 0
    sheets = openpyxl.load_workbook(book).worksheets
    assert len(sheets) == 3 and not sheets[1].oddFooter.center.text   # the one between fits one page
    counts = [_planned(ws) if ws.oddFooter.center.text else 1 for ws in sheets]
    assert counts[0] >= 2 and counts[2] >= 2
    pages = _pages_text(book, tmp_path / "pdf")
    assert len(pages) == sum(counts)
    assert _says_continued(pages) == [k > 0 for n in counts for k in range(n)]
    numbered = [bool(ws.oddFooter.center.text) for ws in sheets]
    assert _numbers(pages) == [k + 1 if on else None for n, on in zip(counts, numbered) for k in range(n)]
    assert not any("共" in p.splitlines()[-1] for p in pages if p.strip())   # no count of the whole job


def _copied_after(wb, ws, title: str):
    """A copy of ``ws`` placed right after it, whole, as Excel's 移动或复制工作表 (建立副本) makes one:
    openpyxl's copy leaves out the header and footer, print area, print titles and page breaks."""
    new = wb.copy_worksheet(ws)
    new.title = title
    new.HeaderFooter = copy(ws.HeaderFooter)
    new.print_area = ws.print_area
    new.print_title_rows = ws.print_title_rows
    for b in ws.row_breaks.brk:
        new.row_breaks.append(copy(b))
    wb.move_sheet(new, offset=wb.index(ws) + 1 - wb.index(new))
    return new


@pytest.mark.libreoffice
def test_the_template_with_its_form_copied_for_each_project_heads_each_copy_as_a_form(tmp_path):
    """The blank 项目支出绩效自评表 template, its form copied twice (one sheet per project, as a 填报人 makes
    them in Excel) and printed whole: each copy's first page says no “续表” and is 第 1 页. Before, the
    second and third copies' pages said “续表” and were numbered 第 2 页, 第 3 页 of the job."""
    from conftest import need_libreoffice

    need_libreoffice()
    wb = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效自评表.xlsx")
    form = wb.worksheets[0]
    assert form.oddFooter.center.text == PAGE_NUMBERS and form.oddHeader.right.text == CONTINUED
    second = _copied_after(wb, form, "项目二")
    _copied_after(wb, second, "项目三")
    for name in wb.sheetnames[3:]:   # the 设置 sheet: not printed with the forms
        wb[name].sheet_state = "hidden"
    book = tmp_path / "copies.xlsx"
    wb.save(book)
    pages = _pages_text(book, tmp_path / "pdf")
    firsts = [i for i, p in enumerate(pages) if "项目支出绩效自评表" in p and "项目名称" in p]
    assert len(firsts) == 3   # each copy's first page: its title and 项目名称 line
    said = _says_continued(pages)
    assert [said[i] for i in firsts] == [False, False, False]
    assert [_numbers(pages)[i] for i in firsts] == [1, 1, 1]
    assert all(said[i] for i in range(len(pages)) if i not in firsts)   # pages after a first, if any, say it


@pytest.mark.parametrize("footer", [PAGE_NUMBERS, "第 &P 页，共 &N 页"], ids=["now", "before-s65"])
def test_the_final_copy_counts_the_pages_of_a_form_numbered_either_way(tmp_path, footer):
    """``numbered_as_its_own`` (the 定稿) writes a form's own count in whether its working footer is today's
    “第 &P 页” or the “第 &P 页，共 &N 页” of a workbook written before s65, numbered from 1 either way."""
    from jixiao.excel.printout import EARLIER_PAGE_NUMBERS, numbered_as_its_own

    assert footer in (PAGE_NUMBERS, EARLIER_PAGE_NUMBERS)
    src = tmp_path / "long.json"
    src.write_text(json.dumps(_long_project(), ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(src), "-o", str(tmp_path / "long.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "long.xlsx").worksheets[0]
    ws.oddFooter.center.text = ws.firstFooter.center.text = footer
    ws.page_setup.useFirstPageNumber = ws.page_setup.firstPageNumber = None
    numbered_as_its_own(ws)
    assert ws.oddFooter.center.text == f"第 &P 页，共 {_planned(ws)} 页" == ws.firstFooter.center.text
    assert ws.page_setup.useFirstPageNumber and ws.page_setup.firstPageNumber == 1
    assert ws.oddHeader.right.text == CONTINUED and ws.HeaderFooter.differentFirst
