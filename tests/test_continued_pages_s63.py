"""Every page of a form printed over pages after its first says “续表”, for every form kind (s63).

A long 部门整体 form, 评价表 or 项目支出绩效自评表 printed over pages repeated its indicator header on page 2
and said nothing else: a loose page 2 read as a table of its own, where a table continued in print says
“续表”. Now the page header of every page but a sheet's first says it (``printout.page_marks``: the file's
“different first page” header, which Excel, WPS and LibreOffice print natively), so it holds wherever
the form is printed from: a form ``fill`` writes, the templates, the 定稿, the copies, a form planned
again by the add-in, and a form that runs on to more pages than planned because rows were inserted by
hand and it was printed without pressing a button. Checked in LibreOffice's PDF, page by page.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES
from dept_helpers import zizhou_json
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel.printout import CONTINUED, EARLIER_PAGE_NUMBERS, PAGE_NUMBERS
from jixiao.forms import KINDS

EVAL_SAMPLE = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "fengtai-2023-evaluation" / "form.json"
REASON = "该指标未完全达到评分标准，主要原因是项目实施过程中部分环节推进较慢，资料归档不够完整。" * 3


def _long_project() -> dict:
    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    extra = []
    for i in range(70):   # a form far too long for one readable page
        x = copy.deepcopy(d["indicators"][0])
        x.update(name=f"新增指标{i + 1}", weight=0, score=0)
        extra.append(x)
    d["indicators"] += extra
    return d


def _long_evaluation() -> dict:
    d = json.loads(EVAL_SAMPLE.read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        ind["reason"] = REASON if ind["score"] < ind["weight"] else None
    d.update(problems="绩效目标不够细化；产出质量有差距。" * 4, suggestions="细化绩效目标，加强过程控制。" * 4,
             authority="北京市丰台区医疗保障局", evaluator="北京市丰台区医疗保障局绩效评价工作组", report_date="2024年3月15日")
    return d


LONG = {"project": _long_project, "department": zizhou_json, "evaluation": _long_evaluation}


def _filled(tmp: Path, key: str) -> Path:
    src, out = tmp / f"{key}.json", tmp / f"{key}.xlsx"
    src.write_text(json.dumps(LONG[key](), ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(src), "-o", str(out)]) == 0
    return out


def _marked(ws) -> bool:
    """The sheet says “续表” on every page but its first, and numbers every page, the first too, from 1
    (where LibreOffice's “first page” is, printed with other sheets: ``test_whole_workbook_print_s65``)."""
    return (bool(ws.HeaderFooter.differentFirst) and ws.oddHeader.right.text == CONTINUED
            and not ws.firstHeader.right.text and bool(ws.oddFooter.center.text)
            and ws.firstFooter.center.text == ws.oddFooter.center.text
            and bool(ws.page_setup.useFirstPageNumber) and ws.page_setup.firstPageNumber == 1)


def _pages_text(book: Path, out: Path) -> list[str]:
    """The text of each page of ``book`` as LibreOffice prints it (its PDF)."""
    from jixiao.excel.office import convert

    out.mkdir(exist_ok=True)
    pdf = Path(convert(book, "pdf", out))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    n = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True).stdout for i in range(1, n + 1)]


def _numbered(page: str, i: int) -> bool:
    """The page prints “第 i 页” (pdftotext keeps the spaces or not) and no count of pages after it."""
    return re.search(rf"第\s*{i}\s*页(?!\s*，\s*共)", page) is not None


def _says_continued(pages: list[str]) -> list[bool]:
    """Per page: does its top line say “续表”?"""
    return [next((line for line in p.splitlines() if line.strip()), "").strip() == CONTINUED for p in pages]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_a_long_form_of_every_kind_says_continued_after_its_first_page(tmp_path, kind):
    ws = openpyxl.load_workbook(_filled(tmp_path, kind.key)).worksheets[0]
    assert ws.page_setup.fitToHeight != 1 and ws.oddFooter.center.text == PAGE_NUMBERS   # over pages
    assert _marked(ws)


def test_a_form_on_one_page_says_nothing_of_pages(tmp_path):
    assert main(["fill", str(SAMPLES[0]), "-o", str(tmp_path / "p.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx").worksheets[0]
    assert ws.page_setup.fitToHeight == 1
    assert not ws.HeaderFooter.differentFirst and not ws.oddHeader.right.text and not ws.firstFooter.center.text
    assert not ws.page_setup.useFirstPageNumber   # numbered on from the sheets before it, as it says no number


def test_every_template_printed_over_pages_says_continued():
    """The blank templates (the project form's and the 评价表's fitted to the width, as long as they grow; the
    部门整体 form's over its planned pages): a 填报人 who prints one says “续表” on page 2 without any button."""
    books = sorted(REPO_TEMPLATES.glob("*.xls[xm]"))
    forms = [ws for b in books for ws in openpyxl.load_workbook(b).worksheets if ws.title in {k.title for k in KINDS}]
    assert len(forms) == 4
    for ws in forms:
        assert ws.page_setup.fitToHeight != 1 and _marked(ws), ws.title


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_libreoffice_prints_continued_on_each_page_after_the_first(tmp_path, kind):
    from conftest import need_libreoffice

    need_libreoffice()
    pages = _pages_text(_filled(tmp_path, kind.key), tmp_path / "pdf")
    assert len(pages) >= 2
    assert _says_continued(pages) == [False] + [True] * (len(pages) - 1)
    assert all(_numbered(p, i) for i, p in enumerate(pages, start=1))   # the first page numbered too


@pytest.mark.libreoffice
def test_the_final_copy_says_continued_and_numbers_its_own_pages(tmp_path):
    """The 定稿 (a 部门整体 form and a long 评价表 in one workbook): each form's pages after its first say “续表”,
    each form's first page too is numbered of its own pages (``numbered_as_its_own``)."""
    from conftest import need_libreoffice

    need_libreoffice()
    srcs = []
    for key in ("department", "evaluation"):
        srcs.append(tmp_path / f"{key}.json")
        srcs[-1].write_text(json.dumps(LONG[key](), ensure_ascii=False), encoding="utf-8")
    assert main(["fill", *map(str, srcs), "-o", str(tmp_path / "book.xlsx")]) == 0
    assert main(["finalize", str(tmp_path / "book.xlsx"), "-o", str(tmp_path / "final"), "--force", "--no-pdf"]) == 0
    final = next((tmp_path / "final").glob("*.xlsx"))
    forms = [ws for ws in openpyxl.load_workbook(final).worksheets if ws.oddFooter.center.text]
    assert len(forms) == 2 and all(_marked(ws) for ws in forms)
    pages = _pages_text(final, tmp_path / "pdf")
    counts = [int(ws.oddFooter.center.text.split("共 ")[1].split(" ")[0]) for ws in forms]
    assert sum(counts) == len(pages)
    expected = [i > 0 for n in counts for i in range(n)]   # each form's first page plain, the rest “续表”
    assert _says_continued(pages) == expected
    assert [p for p in pages if "第 1 页" in p and f"共 {counts[0]} 页" in p]


def _insert_in_libreoffice(src: Path, dst: Path, at: int, n: int, profile: Path) -> None:
    """``n`` rows inserted above row ``at`` of the first sheet by LibreOffice itself, each with a 三级指标
    typed into column ``E`` of the 部门整体 form or ``D`` of the project form (``tests.lo_basic``)."""
    from lo_basic import run_basic

    col = "E" if "部门" in openpyxl.load_workbook(src, read_only=True).sheetnames[0] else "D"
    typed = "".join(f'  sh.getCellRangeByName("{col}{r}").setString("新增指标{r - at + 1}")\n' for r in range(at, at + n))
    run_basic(src, dst, f'  sh.unprotect("")\n  sh.Rows.insertByIndex({at - 1}, {n})\n{typed}  sh.protect("")', profile)


@pytest.mark.libreoffice
def test_a_template_with_rows_inserted_by_hand_prints_continued_pages_without_a_button(tmp_path):
    """The blank project template, 40 indicator rows inserted and typed into in LibreOffice, printed as it is
    (no button, no copy): it flows over pages at the width's scale, as the template is set to, and every page
    after the first repeats the indicator header under “续表”, every page numbered (from 1, with no count: s65)."""
    from conftest import need_libreoffice

    need_libreoffice()
    _insert_in_libreoffice(REPO_TEMPLATES / "项目支出绩效自评表.xlsx", tmp_path / "ins.xlsx", 20, 40, tmp_path / "profile")
    pages = _pages_text(tmp_path / "ins.xlsx", tmp_path / "pdf")
    assert len(pages) >= 2
    assert _says_continued(pages) == [False] + [True] * (len(pages) - 1)
    assert all("三级指标" in p for p in pages[1:])   # the header repeated under it
    assert all(_numbered(p, i) for i, p in enumerate(pages, start=1))
    assert sum(f"新增指标{i}" in "".join(pages) for i in range(1, 41)) == 40   # every row inserted is on paper


@pytest.mark.libreoffice
def test_a_form_whose_planned_pages_no_longer_hold_its_rows_still_says_continued_on_each(tmp_path):
    """The 子洲 部门整体 form as ``fill`` writes it (three planned pages), 20 rows inserted in LibreOffice: the
    manual breaks moved with the rows and the program adds a page of its own (the planned pages go stale:
    no spreadsheet program plans them again, README). Every page after the first, the program's own too,
    still says “续表” over the repeated header, and every page printed is numbered in turn."""
    from conftest import need_libreoffice

    need_libreoffice()
    book = _filled(tmp_path, "department")
    ws = openpyxl.load_workbook(book).worksheets[0]
    planned = 1 + len([b for b in ws.row_breaks.brk if b.id + 1 < 44])
    at = next(r for r in range(11, 40) if ws[f"A{r}"].value == "产出") + 1
    _insert_in_libreoffice(book, tmp_path / "ins.xlsx", at, 20, tmp_path / "profile")
    pages = _pages_text(tmp_path / "ins.xlsx", tmp_path / "pdf")
    assert len(pages) > planned   # the stale plan: a page more than planned
    assert _says_continued(pages) == [False] + [True] * (len(pages) - 1)
    assert all(_numbered(p, i) for i, p in enumerate(pages, start=1))


def test_excel_planning_an_older_forms_pages_again_adds_continued_as_the_copy_does(tmp_path):
    """A 部门整体 form from a workbook made before “续表” (page numbers, no header), nine long 扣分原因 typed in:
    计算/校验 in Excel (the stand-in answering the add-in's COM calls from the file, ``test_addin_pages_again_s60``)
    plans its pages again through ``apply.pages_again`` and sets “续表” on the pages after the first and the page
    number on the first, as the 计算 copy of the same workbook has them."""
    from test_addin_pages_again_s60 import REASON as LONG_REASON, _excel, _page
    from jixiao.excel.plan import Plan, SetValue

    wb = openpyxl.load_workbook(_filled(tmp_path, "department"))
    ws = wb.worksheets[0]
    ws.HeaderFooter.differentFirst, ws.oddHeader.right.text, ws.firstFooter.center.text = None, None, None
    ws.oddFooter.center.text = EARLIER_PAGE_NUMBERS   # numbered on from the sheets before it (before s65)
    ws.page_setup.useFirstPageNumber = ws.page_setup.firstPageNumber = None
    rows = [r for r in range(12, ws.max_row) if isinstance(ws[f"H{r}"].value, (int, float))][:9]
    for r in rows:
        ws[f"J{r}"].value = LONG_REASON
    wb.save(tmp_path / "older.xlsx")
    assert main(["calc", str(tmp_path / "older.xlsx"), "-o", str(tmp_path / "calc.xlsx")]) == 0
    by_file = openpyxl.load_workbook(tmp_path / "calc.xlsx")[ws.title]
    in_excel = openpyxl.load_workbook(tmp_path / "older.xlsx")
    _excel(in_excel).apply(Plan([SetValue(ws.title, f"J{rows[0]}", LONG_REASON)]))
    assert _marked(by_file) and _marked(in_excel[ws.title])
    assert _page(in_excel[ws.title]) == _page(by_file)
