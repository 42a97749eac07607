"""A text the 填报人 merged over indicator rows where the printed form's page breaks (session 65).

The 定稿 of a long form is planned over pages (``printout.page``), and since s64 it keeps a 偏差原因 (扣分原因,
评分标准 …) merged over several indicator rows as one cell (``excel.sheet.share_cells``). Where a planned page
started inside that cell, LibreOffice printed its text cut through a line at the foot of one page and the rest
at the top of the next, drawn over the repeated indicator header. Now the rows of such a cell are kept on one
page as a 二级指标's rows are (``printout.merged_rows`` into ``fit.page_breaks``'s ``joined``): the page starts
at its first row. Checked in the plan for each kind, and in LibreOffice's PDF for the project form.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from jixiao.finalize import finalize
from test_continued_pages_s63 import _filled, _pages_text

TEXT = "受疫情和雨季影响，部分工程推迟开工，验收资料归档滞后；已制定整改计划，明年一季度前完成全部验收。"
REASON_COL = {"project": "I", "department": "J", "evaluation": "K"}


def _breaks(book: Path) -> list[int]:
    ws = openpyxl.load_workbook(book).worksheets[0]
    return sorted(b.id + 1 for b in ws.row_breaks.brk)


def _merged_over_a_break(tmp_path: Path, key: str, text: str = TEXT) -> tuple[Path, int, int]:
    """A long form of ``key`` whose reason ``text``, written once, is merged over the row above and the row of the
    first page break its 定稿 has without the merge; the book and the range's first and last row."""
    book = _filled(tmp_path, key)
    plain = finalize(book, tmp_path / "plain", force=True, pdf=False)
    b = _breaks(plain.workbook)[0]
    col = REASON_COL[key]
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    r0, r1 = b - 1, b
    for r in range(r0, r1 + 1):
        ws[f"{col}{r}"] = None
    ws[f"{col}{r0}"] = text
    ws.merge_cells(f"{col}{r0}:{col}{r1}")
    out = tmp_path / "merged.xlsx"
    wb.save(out)
    return out, r0, r1


@pytest.mark.parametrize("key", ["project", "department", "evaluation"])
def test_no_page_of_the_final_copy_starts_inside_a_merged_reason(tmp_path, key):
    """The 定稿 keeps the merge, and its planned pages start at the merged cell's first row or outside it (the
    评价表's reason long enough to keep its rows tall: shared out over them, a short one moved the break by itself)."""
    book, r0, r1 = _merged_over_a_break(tmp_path, key, TEXT * (4 if key == "evaluation" else 1))
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    col = REASON_COL[key]
    assert f"{col}{r0}:{col}{r1}" in [str(m) for m in ws.merged_cells.ranges]
    breaks = _breaks(done.workbook)
    assert breaks and not [b for b in breaks if r0 < b <= r1], (breaks, r0, r1)


@pytest.mark.libreoffice
def test_libreoffice_prints_the_merged_reason_whole_on_one_page(tmp_path):
    """In LibreOffice's PDF of the project form's 定稿 the text's first and last words are on one page, and the
    text is on no other (before: its first two lines at the foot of page 1, the rest over page 2's header)."""
    from conftest import need_libreoffice

    need_libreoffice()
    book, _r0, _r1 = _merged_over_a_break(tmp_path, "project")
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    # the form's pages: the 汇总表 and 项目明细 the 定稿 prints after a project form (s67) are not the form's
    pages = [p for p in pages if "自评情况汇总表" not in p and "自评项目明细" not in p]
    head, tail = TEXT[:8], TEXT[-8:]
    assert [i for i, p in enumerate(pages) if head in p] == [i for i, p in enumerate(pages) if tail in p], pages
    assert len([p for p in pages if head in p]) == 1


def test_the_project_forms_label_column_is_split_at_each_page(tmp_path):
    """The project form's “绩效指标” (A13 merged down over every indicator row) is split where each planned page
    starts, each part with the label (``printout.split_merges``, as the 部门整体 form's 一级/二级 cells): merged
    over three pages it printed once, in the middle of page 2, pages 1 and 3 an empty strip. Reads back the same."""
    from jixiao.checking.run import check_paths

    book = _filled(tmp_path, "project")
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    breaks = _breaks(done.workbook)
    parts = sorted((m.min_row, m.max_row) for m in ws.merged_cells.ranges if m.min_col == m.max_col == 1
                   and ws.cell(m.min_row, 1).value == "绩效指标")
    assert len(breaks) == 2 and [a for a, _b in parts] == [13, *breaks], (parts, breaks)
    assert [b - 1 for b in breaks] == [b for _a, b in parts[:-1]]
    read = [it.form for it in check_paths([done.workbook])[0].all()]
    assert read == [it.form for it in check_paths([book])[0].all()]


@pytest.mark.libreoffice
def test_libreoffice_prints_the_label_on_every_page(tmp_path):
    from conftest import need_libreoffice

    need_libreoffice()
    done = finalize(_filled(tmp_path, "project"), tmp_path / "定稿", force=True, pdf=False)
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    # the form's pages: the 汇总表 and 项目明细 the 定稿 prints after a project form (s67) are not the form's
    pages = [p for p in pages if "自评情况汇总表" not in p and "自评项目明细" not in p]
    assert len(pages) == 3 and all("绩效指标" in p for p in pages), pages
