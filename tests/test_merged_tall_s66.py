"""A text the 填报人 merged over indicator rows that no page of the 定稿 holds as it is (session 66).

Since s65 a page of the 定稿 never starts inside a 偏差原因 (扣分原因, 评分标准 …) merged over several indicator rows
where the text fits a page (``printout.merged_rows``, ``fit.page_breaks``'s ``merged``). Two cases still broke it:

- a text taller than a page (a long 偏差原因 merged over two rows): its rows flowed, one page each, and LibreOffice
  printed the text cut through a line at the foot of one page, the rest over the next page's header. Now the text
  is made smaller, half a point at a time down to 6.5 pt, until it fits a page (``printout.fit_merged``), its rows
  lowered to match; a text that fits no page even then still flows.
- a text over the last indicator row that fits a page but not with the foot (总分, 说明, the signatures, 注): the
  foot kept the last indicator row and its page started inside the text. Now the text prints whole, the 总分 under
  it where the page holds it, the rest of the foot on the next page.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from jixiao.checking.run import check_paths
from jixiao.excel.fit import cell_height
from jixiao.excel.printout import SMALLEST_TEXT, page_room
from jixiao.finalize import finalize
from test_continued_pages_s63 import _filled, _pages_text
from test_merged_page_break_s65 import REASON_COL, TEXT, _breaks, _merged_over_a_break

TOTAL = ("总分", "总计")
BODY = {"project": 10.5, "department": 9.0, "evaluation": 9.0}   # the reason column's font


def _forms(book: Path) -> list:
    return [it.form for it in check_paths([book])[0].all()]


def _over_the_last_row(tmp_path: Path, key: str, text: str) -> tuple[Path, int, int, int]:
    """A long form of ``key`` whose reason ``text`` is merged over its last two indicator rows; the book, the
    range's first and last row and the 总分 (总计) row."""
    book = _filled(tmp_path, key)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    total = next(r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value in TOTAL)
    col, r0, r1 = REASON_COL[key], total - 2, total - 1
    for r in (r0, r1):
        ws[f"{col}{r}"] = None
    ws[f"{col}{r0}"] = text
    ws.merge_cells(f"{col}{r0}:{col}{r1}")
    out = tmp_path / "merged.xlsx"
    wb.save(out)
    return out, r0, r1, total


@pytest.mark.parametrize("key, times", [("project", 20), ("evaluation", 20), ("department", 10)])
def test_a_merged_text_taller_than_a_page_is_made_smaller_to_fit_one(tmp_path, key, times):
    """The 定稿 keeps the merge, its text smaller than the column's font but not below ``SMALLEST_TEXT``, its rows
    together as tall as the smaller text needs and no taller than a page; no page starts inside it; it reads
    back as the working workbook."""
    book, r0, r1 = _merged_over_a_break(tmp_path, key, TEXT * times)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    col = REASON_COL[key]
    assert f"{col}{r0}:{col}{r1}" in [str(m) for m in ws.merged_cells.ranges]
    cell = ws[f"{col}{r0}"]
    assert cell.value == TEXT * times
    assert SMALLEST_TEXT <= cell.font.sz < BODY[key], cell.font.sz
    heights = sum(ws.row_dimensions[r].height for r in range(r0, r1 + 1))
    width = ws.column_dimensions[col].width
    assert cell_height(cell.value, width, cell.font.sz) <= heights < cell_height(cell.value, width, BODY[key])
    m = ws.page_margins
    assert heights <= page_room(ws, ws.print_area.split("!")[-1].replace("$", ""),
                                landscape=ws.page_setup.orientation == "landscape", margins=(m.left, m.top))
    breaks = _breaks(done.workbook)
    assert not [b for b in breaks if r0 < b <= r1], (breaks, r0, r1)
    assert _forms(done.workbook) == _forms(book)


def test_a_text_no_size_fits_on_a_page_is_left_as_it_is(tmp_path):
    """A 部门整体 扣分原因 of 1,400 characters in its 17-wide column fits no landscape page even at 6.5 pt: its font
    stays (nothing smaller than legible; since s67 the 定稿 prints the text whole on a 附页: ``test_print_s67``)."""
    book, r0, _r1 = _merged_over_a_break(tmp_path, "department", TEXT * 30)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert ws[f"J{r0}"].font.sz == BODY["department"]


# the project form's text at 10.5 pt within two rows of 409 points (``fit.ROW_MOST``): 13 times needed 846 points, two
# rows of 423 that Excel and WPS cut; since s68 made smaller to two rows of 409, it fits the page with the foot
@pytest.mark.parametrize("key, times", [("project", 12), ("department", 4), ("evaluation", 16)])
def test_a_merged_text_over_the_last_row_prints_whole_before_the_foot(tmp_path, key, times):
    """The text over the last two indicator rows starts a page and no page starts inside it; the foot's rows
    after the 总分 (说明 and the signatures, 评价小组, 存在的问题) follow on a page of their own where the text and
    the foot fit no page together; it reads back as the working workbook."""
    book, r0, r1, total = _over_the_last_row(tmp_path, key, TEXT * times)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert f"{REASON_COL[key]}{r0}:{REASON_COL[key]}{r1}" in [str(m) for m in ws.merged_cells.ranges]
    breaks = [b for b in _breaks(done.workbook) if b <= int(ws.print_area.split("$")[-1])]
    assert not [b for b in breaks if r0 < b <= r1], (breaks, r0, r1)
    assert [b for b in breaks if b > total], breaks   # the foot after the 总分 on a page after the text's
    assert _forms(done.workbook) == _forms(book)


def _page_of(pages: list[str], text: str) -> list[int]:
    return [i for i, p in enumerate(pages) if text in p]


@pytest.mark.libreoffice
def test_libreoffice_prints_the_made_smaller_text_whole_on_one_page(tmp_path):
    """In LibreOffice's PDF of the project form's 定稿 the text's first and last words are on one page and on no
    other (before: the text over pages 2 and 3, cut through a line)."""
    from conftest import need_libreoffice

    need_libreoffice()
    text = "一" + TEXT * 20 + "完"
    book, _r0, _r1 = _merged_over_a_break(tmp_path, "project", text)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    head, tail = text[:9], text[-9:]
    assert len(_page_of(pages, head)) == 1 and _page_of(pages, head) == _page_of(pages, tail), pages


@pytest.mark.libreoffice
def test_libreoffice_prints_the_text_over_the_last_row_whole_and_the_signatures_after_it(tmp_path):
    """The project form's text over its last two indicator rows: its first and last words on one page, the
    总分 on that page too, the signatures (填报人) on the next (before: the page started at the last indicator
    row, the text cut through a line)."""
    from conftest import need_libreoffice

    need_libreoffice()
    text = "一" + TEXT * 12 + "完"   # two rows of 409 points at most hold it at 10.5 pt (see above)
    book, _r0, _r1, _total = _over_the_last_row(tmp_path, "project", text)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    at = _page_of(pages, text[:9])
    assert len(at) == 1 and _page_of(pages, text[-9:]) == at, pages
    assert "总分" in pages[at[0]] and _page_of(pages, "填报人") == [at[0] + 1], pages


def test_the_add_ins_plan_is_for_the_heights_excel_keeps(tmp_path):
    """In Excel (the add-in, ``apply.pages_again``) the rows and fonts stay as Excel has them — only page breaks
    and merges change there —, so its plan makes no text smaller: planned for rows made lower that Excel still
    had tall, its pages would hold more than a page. The plan is that of the sheet's own heights."""
    from jixiao.excel.apply import SheetPages, pages_again
    from jixiao.excel.fit import page_breaks

    book, r0, r1 = _merged_over_a_break(tmp_path, "project", TEXT * 20)
    ws = openpyxl.load_workbook(book).worksheets[0]
    for r in (r0, r1):
        ws.row_dimensions[r].height = 647.0   # as the 填报人 made them tall for the text at 10.5 pt
    last = int(ws.print_area.split("$")[-1])
    heights = {r: 0.0 if ws.row_dimensions[r].hidden else ws.row_dimensions[r].height or 15.0 for r in range(1, last + 1)}
    facts = SheetPages(values=[[c.value for c in row] for row in ws.iter_rows(max_row=last)],
                       merges=[str(m) for m in ws.merged_cells.ranges], heights=heights,
                       widths={column_index_from_string(k): d.width for k, d in ws.column_dimensions.items() if d.width},
                       print_area=ws.print_area.split("!")[-1], title_rows="$13:$13", breaks=[], one_page=True,
                       footer=None)
    again = pages_again(ws.title, facts)
    assert again is not None and again.breaks
    assert r0 + 1 in again.breaks, again.breaks   # each 647-pt row a page of its own, as Excel shows them
