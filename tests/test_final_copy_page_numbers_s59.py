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

import openpyxl

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main as cli_main


def _long(tmp_path, name):
    form = json.loads(next(p for p in SAMPLES if p.name == "01.json").read_text(encoding="utf-8"))
    form["indicators"] = (form["indicators"] * 10)[:60]
    form["project"] = name
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return path


def test_each_long_form_of_the_final_copy_counts_its_own_pages(tmp_path, capsys):
    need_libreoffice()
    short = next(p for p in SAMPLES if p.name == "02.json")
    book = tmp_path / "工作簿.xlsx"
    assert cli_main(["fill", str(_long(tmp_path, "长表甲")), str(short), str(_long(tmp_path, "长表乙")),
                     "-o", str(book)]) == 0
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "final"), "--force"]) in (0, 1)
    capsys.readouterr()
    final = next((tmp_path / "final").glob("*.xlsx"))
    wb = openpyxl.load_workbook(final)
    planned = []
    for ws in wb.worksheets:
        footer = ws.oddFooter.center.text
        if footer:
            n = len(ws.row_breaks.brk) + 1
            assert footer == f"第 &P 页，共 {n} 页" and ws.page_setup.firstPageNumber == 1
            assert ws.page_setup.useFirstPageNumber
            planned += [(k, n) for k in range(1, n + 1)]
        else:
            planned.append(None)
    assert planned.count(None) == 1 and len(planned) > 5
    pdf = final.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) == len(planned)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    got = [(int(a), int(b)) for a, b in re.findall(r"第\s*(\d+)\s*页，共\s*(\d+)\s*页", text)]
    assert got == [p for p in planned if p is not None]
    # the working workbook keeps the count of the printout (rows typed longer there add pages)
    assert openpyxl.load_workbook(book).worksheets[0].oddFooter.center.text == "第 &P 页，共 &N 页"
