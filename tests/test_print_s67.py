"""What comes out of the printer, session 67.

- The 汇总表's 说明: LibreOffice wraps a cell character by character and keeps no mark off a line's start, so an item
  that filled its line to the last character before its “。” printed the “。” alone on a line of its own (the clerk's
  汇总 of a project workbook and a 部门整体 workbook: “5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见
  “部门整体自评”工作表” / “。”). Such an item now breaks its own line a few characters before its end
  (``fit.no_lone_marks``).
- A 一级指标 block taller than half a page is kept whole on the next page only where that leaves at most a quarter of
  the page before it empty (``fit.block_slack``): the 子洲 部门整体表 with a 评价小组 of five moved “过程 40” (three
  quarters of a page) whole to page 2, and its 计算 copy printed page 1 a third empty under “投入”. The page now starts
  at the 二级指标 预算管理, “过程 40” printed on both pages (``printout.split_merges``).
- A text merged over indicator rows that no page holds even at 6.5 pt (``printout.fit_merged`` gave up on it) was
  printed cut through a line at a page's foot and run on over the next page's header. In the 定稿 its cell now prints
  its first lines and “……（全文见附页1）” (a number format's text section: the cell's value is the whole text, so the
  定稿 reads back as before), its rows lowered to fit, and the whole text prints on a “附页” sheet after the forms
  (``printout.texts_apart``, ``write_appendix``, ``apply.texts_to_appendix``).
- A merged text that fits a page went to the next page whole wherever it began, however empty it left the page
  before (a 偏差原因 of 480 characters over two rows low on page 1 of the project form: page 1 more than half empty,
  4 pages). Where the page before would be left more than half empty, the text is now made smaller (down to 7.5 pt)
  to print in that room (``printout._text_pulled_up``): 3 pages.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES, need_libreoffice
from jixiao.excel.fit import NO_LINE_END, NO_LINE_START, no_lone_marks

ZIZHOU = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "zizhou-2023" / "department.json"
ITEM5 = "5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见“部门整体自评”工作表。"


def test_an_item_ending_at_a_lines_end_breaks_its_own_line_before_its_last_words():
    """At the 汇总表's 说明 width (74) the item fills its line to “工作表” (86 units a line in LibreOffice): broken
    before “工作表。”, the “”” kept on the line above; an item ending mid-line, or a line's width away, is left."""
    assert no_lone_marks(ITEM5, 74) == ITEM5.replace("工作表。", "\n工作表。")
    longer = ITEM5.replace("收到的", "本工作簿中的")   # “工作表。” on a line of its own: nothing to mend
    assert no_lone_marks(longer, 74) == longer
    assert no_lone_marks("3. 本表数据取自“项目明细”工作表。", 74) == "3. 本表数据取自“项目明细”工作表。"
    assert no_lone_marks(ITEM5, 200) == ITEM5


@pytest.mark.parametrize("width", [30.0, 40.0, 55.5, 74.0, 120.0])
def test_a_break_the_item_makes_is_never_before_a_closing_mark_nor_after_an_opening_one(width):
    for n in range(60):
        item = f"{n % 9 + 1}. " + "本表只计项目支出绩效自评表（见“项目明细”）；" * (n // 10 + 1) + "甲" * (n % 10) + "工作表。"
        out = no_lone_marks(item, width)
        assert out.replace("\n", "") == item
        if "\n" in out:
            head, tail = out.split("\n")
            assert tail[0] not in NO_LINE_START and head[-1] not in NO_LINE_END and len(tail) >= 2, out


def _two_workbooks(tmp_path: Path) -> Path:
    """The clerk's 汇总 of a workbook of two project forms (one's 全年执行数 in 元) and one of the 部门整体 form."""
    from jixiao.cli import main

    a = json.loads(Path(SAMPLES[1]).read_text(encoding="utf-8"))
    b = json.loads(Path(SAMPLES[2]).read_text(encoding="utf-8"))
    for part in ("total", "fiscal"):
        b["funds"][part]["executed"] *= 10000
    d = {**json.loads(ZIZHOU.read_text(encoding="utf-8")), "year": a["year"]}
    for name, form in (("a", a), ("b", b), ("d", d)):
        (tmp_path / f"{name}.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "-o", str(tmp_path / "项目.xlsx")]) == 0
    assert main(["fill", str(tmp_path / "d.json"), "-o", str(tmp_path / "部门.xlsx")]) == 0
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(tmp_path / "项目.xlsx"), str(tmp_path / "部门.xlsx"), "-o", str(out)]) == 0
    return out


def test_the_summarys_note_breaks_the_item_that_ended_its_line_with_a_lone_mark(tmp_path):
    note = openpyxl.load_workbook(_two_workbooks(tmp_path))["汇总表"]["A10"].value
    assert note.split("\n")[-2:] == ["5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见“部门整体自评”", "工作表。"]


@pytest.mark.libreoffice
def test_libreoffice_prints_no_line_of_the_note_with_a_closing_mark_alone(tmp_path):
    """Before: the last line of the 说明 in LibreOffice's PDF was “。”."""
    need_libreoffice()
    from jixiao.excel.office import convert

    pdf = Path(convert(_two_workbooks(tmp_path), "pdf", tmp_path / "pdf"))
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "工作表。" in lines, lines
    assert not [line for line in lines if all(c in NO_LINE_START for c in line)], lines


def _zizhou_of_five(tmp_path: Path) -> Path:
    """The 子洲 部门整体 form, its 评价小组 of five, filled and its 计算 copy written."""
    from jixiao.cli import main

    d = json.loads(ZIZHOU.read_text(encoding="utf-8"))
    d["team"] = d["team"][:5]
    (tmp_path / "z.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "z.json"), "-o", str(tmp_path / "部门.xlsx")]) == 0
    main(["calc", str(tmp_path / "部门.xlsx"), "-o", str(tmp_path / "计算.xlsx")])
    return tmp_path / "计算.xlsx"


def test_a_large_level1_block_is_cut_at_a_level2_group_not_moved_leaving_a_page_a_third_empty(tmp_path):
    from jixiao.excel.printout import area_bounds, page_room, row_points

    ws = openpyxl.load_workbook(_zizhou_of_five(tmp_path)).worksheets[0]
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    breaks = sorted(b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2)
    room = page_room(ws, f"A{r1}:J{r2}", landscape=True, margins=(ws.page_margins.left, ws.page_margins.top))
    first = sum(row_points(ws, r) for r in range(r1, breaks[0]))
    assert first >= 0.75 * room, (breaks, first, room)   # before: 330 of 502 points, page 2 from “过程”
    at = {ws[f"C{r}"].value: r for r in range(11, r2) if ws[f"C{r}"].value}
    assert breaks[0] == at["预算管理"], (breaks, at)
    # “过程 40” on each page: merged over its rows on page 1, and again over its rows on page 2
    parts = sorted(str(m) for m in ws.merged_cells.ranges if m.min_col == 1 and ws.cell(m.min_row, 1).value == "过程")
    assert len(parts) == 2 and ws.cell(breaks[0], 2).value == 40, parts


@pytest.mark.libreoffice
def test_libreoffice_prints_the_cut_level1_name_on_both_pages(tmp_path):
    need_libreoffice()
    from test_continued_pages_s63 import _pages_text

    pages = ["".join(p.split()) for p in _pages_text(_zizhou_of_five(tmp_path), tmp_path / "pdf")]
    assert len(pages) == 3, pages
    assert "投入" in pages[0] and "预算执行" in pages[0] and "过程40" in pages[0], pages[0]
    assert "续表" in pages[1] and "过程40" in pages[1] and "预算管理15" in pages[1], pages[1]
    assert "投入" not in pages[1] and "预算执行" not in pages[1], pages[1]


KEYS = {"project": 60, "department": 30, "evaluation": 60}


def _no_page_holds(tmp_path: Path, key: str):
    from test_merged_page_break_s65 import TEXT, _merged_over_a_break
    from jixiao.finalize import finalize

    text = "一" + TEXT * KEYS[key] + "完"
    book, r0, r1 = _merged_over_a_break(tmp_path, key, text)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    return book, done, r0, r1, text


@pytest.mark.parametrize("key", list(KEYS))
def test_a_merged_text_no_page_holds_prints_whole_on_the_appendix(tmp_path, key):
    from test_merged_tall_s66 import _forms
    from test_merged_page_break_s65 import REASON_COL
    from jixiao.excel.printout import APPENDIX, page_room

    book, done, r0, r1, text = _no_page_holds(tmp_path, key)
    wb = openpyxl.load_workbook(done.workbook)
    # right after the forms its cells send the reader to; a project 定稿's 汇总表 and 项目明细 follow it
    forms = len(_forms(book))
    assert wb.sheetnames[forms] == APPENDIX and wb.sheetnames.index(APPENDIX) == forms
    assert wb.sheetnames[forms + 1:] == (["汇总表", "项目明细"] if key == "project" else []), wb.sheetnames
    ws = wb.worksheets[0]
    col = REASON_COL[key]
    cell = ws[f"{col}{r0}"]
    assert f"{col}{r0}:{col}{r1}" in [str(m) for m in ws.merged_cells.ranges]
    assert cell.value == text                                       # the whole text stays the cell's value
    shown = cell.number_format.split(";")[3]
    assert shown.startswith('"一受疫情') and shown.endswith('……（全文见附页1）"'), cell.number_format
    heights = sum(ws.row_dimensions[r].height for r in range(r0, r1 + 1))
    m = ws.page_margins
    area = ws.print_area.split("!")[-1].replace("$", "")
    assert heights <= page_room(ws, area, landscape=ws.page_setup.orientation == "landscape", margins=(m.left, m.top))
    breaks = sorted(b.id + 1 for b in ws.row_breaks.brk)
    assert not [b for b in breaks if r0 < b <= r1], (breaks, r0, r1)
    apart = wb[APPENDIX]
    cells = [c.value for c in apart["A"] if c.value]
    assert cells[0] == APPENDIX and cells[1].startswith(f"{APPENDIX}1：") and cells[1].endswith(
        str(ws[f"{col}{ws.print_title_rows.split(':')[-1].strip('$')}"].value).replace("\n", ""))
    assert "".join(cells[2:]) == text                                # whole, in order
    assert len(cells) > 3                                            # in rows a page can break between
    assert _forms(done.workbook) == _forms(book)                      # read back as the workbook
    assert any("附页" in n for n in done.notes), done.notes


def test_a_form_whose_texts_fit_gets_no_appendix(tmp_path):
    from test_merged_page_break_s65 import _merged_over_a_break
    from jixiao.finalize import finalize

    book, _r0, _r1 = _merged_over_a_break(tmp_path, "department")
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    assert "附页" not in openpyxl.load_workbook(done.workbook).sheetnames
    assert not any("附页" in n for n in done.notes)


def test_the_final_copy_with_an_appendix_checks_as_the_workbook(tmp_path):
    """The 附页 is no form and no unreadable file: the 定稿 checks with the findings of the workbook (the bureau's
    review reads the 定稿)."""
    from jixiao.checking.run import check_paths

    book, done, *_ = _no_page_holds(tmp_path, "project")

    def said(path):
        return sorted((f.rule, f.cell, f.message) for f in check_paths([path])[1].findings
                      if f.rule not in ("X8",))

    assert said(done.workbook) == said(book)


@pytest.mark.libreoffice
def test_libreoffice_prints_the_text_whole_on_the_appendix_and_its_beginning_in_the_form(tmp_path):
    """Before: the text ran over two pages of the form, cut through a line at the foot of one (no 附页)."""
    need_libreoffice()
    from test_continued_pages_s63 import _pages_text

    _book, done, *_rest, text = _no_page_holds(tmp_path, "project")
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    form = [i for i, p in enumerate(pages) if "绩效指标" in p]
    apart = [i for i, p in enumerate(pages) if "附页第" in p]   # its footer: “附页 第 N 页”
    assert form and apart and max(form) < min(apart), pages
    assert any("全文见附页" in pages[i] for i in form)
    assert not any(text[-12:] in pages[i] for i in form)      # the text's end is on no page of the form
    assert text[-12:] in pages[apart[-1]] and text[1:12] in pages[apart[0]]


def _pulled(tmp_path: Path):
    """A project form whose 偏差原因 of 480 characters is merged over its 5th and 6th indicator rows; its 定稿."""
    from test_continued_pages_s63 import _filled
    from test_merged_page_break_s65 import TEXT
    from jixiao.finalize import finalize

    book = _filled(tmp_path, "project")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    r0 = int(ws.print_title_rows.split(":")[-1].strip("$")) + 5
    ws[f"I{r0}"], ws[f"I{r0 + 1}"] = TEXT * 10, None
    ws.merge_cells(f"I{r0}:I{r0 + 1}")
    wb.save(tmp_path / "merged.xlsx")
    return tmp_path / "merged.xlsx", finalize(tmp_path / "merged.xlsx", tmp_path / "定稿", force=True, pdf=False), r0


def test_a_merged_text_that_would_leave_the_page_before_half_empty_is_made_smaller_to_stay(tmp_path):
    from test_merged_tall_s66 import _forms
    from jixiao.excel.fit import cell_height
    from jixiao.excel.printout import PULLED_TEXT, area_bounds, page_room, row_points

    book, done, r0 = _pulled(tmp_path)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    _c1, r1, _c2, r2 = area_bounds(ws.print_area)
    breaks = sorted(b.id + 1 for b in ws.row_breaks.brk if r1 < b.id + 1 <= r2)
    assert breaks[0] > r0 + 1, (breaks, r0)                  # before: the page started at the text, [r0, …]
    room = page_room(ws, f"A{r1}:I{r2}", landscape=False, margins=(ws.page_margins.left, ws.page_margins.top))
    assert sum(row_points(ws, r) for r in range(r1, breaks[0])) > room / 2
    cell = ws[f"I{r0}"]
    assert PULLED_TEXT <= cell.font.sz < 10.5
    heights = sum(ws.row_dimensions[r].height for r in (r0, r0 + 1))
    assert heights >= cell_height(cell.value, ws.column_dimensions["I"].width, cell.font.sz)
    assert len(breaks) == 2, breaks                           # 3 pages, not 4
    assert _forms(done.workbook) == _forms(book)


@pytest.mark.libreoffice
def test_libreoffice_prints_the_pulled_up_text_whole_on_page_one(tmp_path):
    need_libreoffice()
    from test_continued_pages_s63 import _pages_text
    from test_merged_page_break_s65 import TEXT

    _book, done, _r0 = _pulled(tmp_path)
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    # the form's pages: the 汇总表 and 项目明细 the 定稿 prints after a project form (s67-letter) are not the form's
    pages = [p for p in pages if "自评情况汇总表" not in p and "自评项目明细" not in p]
    assert len(pages) == 3 and (TEXT * 10)[:20] in pages[0] and (TEXT * 10)[-20:] in pages[0], pages


def test_a_text_made_9_5_pt_is_measured_taller_than_at_9_pt():
    """``fit.cell_height`` took any size between 9 and 10 pt for 9 pt: a 10.5 pt 偏差原因 made 9.5 pt to fit was given
    rows for 9 pt lines, and LibreOffice printed its first and last lines past them."""
    from jixiao.excel.fit import cell_height

    text = "受疫情和雨季影响，部分工程推迟开工，验收资料归档滞后。" * 10
    assert cell_height(text, 22, 9.0) < cell_height(text, 22, 9.5) < cell_height(text, 22, 10.5)


def test_the_excerpt_keeps_the_number_format_within_excels_255_characters():
    """A merged range many columns wide at a small size would take more lines' worth of text than a number
    format holds (Excel: 255 characters); the excerpt stops short of it."""
    from jixiao.excel.printout import APPENDIX, _excerpt

    text = "一" * 2000
    shown = _excerpt(text, 400.0, 6.5) + f"……（全文见{APPENDIX}99）"
    assert len('General;General;General;"' + shown + '"') <= 255
    assert len(_excerpt(text, 40.0, 10.5)) < len(_excerpt(text, 400.0, 6.5))   # still by the cell's width below it
