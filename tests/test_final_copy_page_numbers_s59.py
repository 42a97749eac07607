"""A long form in the 定稿 numbers its own pages (stop 59).

A form over pages prints “第 &P 页，共 &N 页” in its footer; &N is the whole print job's count (LibreOffice
always, Excel printing the workbook whole) and &P runs on from the sheets before it. The 定稿 of two
60-indicator forms (three pages each) with a one-page form between them printed “第 1 页，共 7 页” …
“第 3 页，共 7 页”, then “第 5 页，共 7 页” … “第 7 页，共 7 页” for the second long form, the one-page form
unnumbered. The 定稿's forms now count from 1 out of their own planned pages: “第 1 页，共 3 页” to
“第 3 页，共 3 页”, each. Checked in the file and in the PDF the 定稿 writes with LibreOffice."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import openpyxl
from openpyxl.utils import range_boundaries

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main as cli_main


def _long(tmp_path, name):
    form = json.loads(next(p for p in SAMPLES if p.name == "01.json").read_text(encoding="utf-8"))
    form["indicators"] = (form["indicators"] * 10)[:60]
    form["project"] = name
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return path


def _final_pages(tmp_path, capsys, forms):
    """The 定稿 of ``forms``: (each printed page's planned “第 k 页，共 n 页” from the file, None for an
    unnumbered page; those LibreOffice printed in the 定稿's PDF; its page count; the working workbook)."""
    book = tmp_path / "工作簿.xlsx"
    assert cli_main(["fill", *map(str, forms), "-o", str(book)]) == 0
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "final"), "--force"]) in (0, 1)
    capsys.readouterr()
    final = next((tmp_path / "final").glob("*.xlsx"))
    wb = openpyxl.load_workbook(final)
    planned = []
    for ws in wb.worksheets:
        footer = ws.oddFooter.center.text
        if footer:
            _c1, r1, _c2, r2 = range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))
            n = 1 + sum(1 for b in ws.row_breaks.brk if r1 <= b.id < r2)   # id: the row before a page's first
            assert footer == f"第 &P 页，共 {n} 页" and ws.page_setup.firstPageNumber == 1
            assert ws.page_setup.useFirstPageNumber
            planned += [(k, n) for k in range(1, n + 1)]
        else:
            planned.append(None)
    pdf = final.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    got = [(int(a), int(b)) for a, b in re.findall(r"第\s*(\d+)\s*页，共\s*(\d+)\s*页", text)]
    return planned, got, int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]), book


def test_each_long_form_of_the_final_copy_counts_its_own_pages(tmp_path, capsys):
    need_libreoffice()
    short = next(p for p in SAMPLES if p.name == "02.json")
    planned, got, pages, book = _final_pages(tmp_path, capsys, [_long(tmp_path, "长表甲"), short,
                                                                _long(tmp_path, "长表乙")])
    # the one-page form, and the 汇总表 and 项目明细 the 定稿 carries with the forms (s67): unnumbered
    assert planned.count(None) == 3 and len(planned) > 5
    assert pages == len(planned) and got == [p for p in planned if p is not None]
    assert got[:3] == [(1, 3), (2, 3), (3, 3)] and got[3:] == got[:3]
    # the working workbook numbers each form from 1 with no count (rows typed longer there add pages, and
    # &N is the whole printout's count: test_whole_workbook_print_s65)
    assert openpyxl.load_workbook(book).worksheets[0].oddFooter.center.text == "第 &P 页"


def test_a_department_form_counts_its_pages_not_its_break_past_the_form(tmp_path, capsys):
    """The 部门整体 form's sheet has a break under its print area (its 计算数据 rows below the form): its
    three printed pages said “共 4 页” while that break was counted."""
    need_libreoffice()
    import jixiao

    samples = Path(jixiao.__file__).parent / "samples"
    forms = [samples / "zizhou-2023" / "department.json", samples / "fengtai-2023-evaluation" / "form.json"]
    planned, got, pages, _book = _final_pages(tmp_path, capsys, forms)
    assert pages == len(planned) and got == [p for p in planned if p is not None]
    assert got and all(n == len(got) for _k, n in got)
