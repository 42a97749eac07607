"""What comes out of the printer, session 68.

- A text in one cell of its own (not merged down over indicator rows) taller than a page — a 偏差原因 of 1,500
  characters typed into one indicator's cell — was left as it was: its row grew past a page (1,938 points on the
  project form, a page holds some 950; Excel and WPS keep no row taller than 409 points), and LibreOffice and Excel
  print such a row cut. It is now treated as
  a text merged over rows is: made smaller, half a point at a time down to 6.5 pt, until it fits a page and its row
  409 points (``fit.ROW_MOST``), its row
  lowered to match (``printout.fit_merged``); where no size does, the 定稿 prints its first lines and
  “……（全文见附页1）”, the whole text on the 附页 (``printout.texts_apart``, ``apply.texts_to_appendix``).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import need_libreoffice
from test_continued_pages_s63 import _filled
from test_merged_page_break_s65 import REASON_COL, TEXT


def _page_room(ws) -> float:
    from jixiao.excel.printout import page_room

    m = ws.page_margins
    area = ws.print_area.split("!")[-1].replace("$", "")
    head = [int(x.strip("$")) for x in ws.print_title_rows.split("!")[-1].split(":")]
    titles = sum(ws.row_dimensions[r].height or 15.0 for r in range(head[0], head[-1] + 1))
    return page_room(ws, area, landscape=ws.page_setup.orientation == "landscape", margins=(m.left, m.top)) - titles


def _one_cell(tmp_path: Path, key: str, times: int):
    """A long form of ``key`` whose 3rd indicator row's reason cell (not merged) holds ``times`` × ``TEXT``; its 定稿."""
    from jixiao.finalize import finalize

    book = _filled(tmp_path, key)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    r0 = int(ws.print_title_rows.split(":")[-1].strip("$")) + 3
    col = REASON_COL[key]
    assert not [m for m in ws.merged_cells.ranges if m.min_row <= r0 <= m.max_row and m.min_col <= ws[f"{col}1"].column
                <= m.max_col and m.min_row < m.max_row]
    text = "一" + TEXT * times + "完"
    ws[f"{col}{r0}"] = text
    wb.save(tmp_path / "one.xlsx")
    return tmp_path / "one.xlsx", finalize(tmp_path / "one.xlsx", tmp_path / "定稿", force=True, pdf=False), r0, text


# the times ``TEXT`` that one row no page holds at 10.5 pt but holds made smaller, and that no size holds
SMALLER = {"project": 10, "department": 6, "evaluation": 10}
APART = {"project": 60, "department": 40, "evaluation": 60}


@pytest.mark.parametrize("key", list(SMALLER))
def test_a_text_in_one_cell_taller_than_a_page_is_made_smaller_to_fit_one(tmp_path, key):
    from test_merged_tall_s66 import _forms
    from jixiao.excel.fit import ROW_MOST, cell_height
    from jixiao.excel.printout import SMALLEST_TEXT

    book, done, r0, text = _one_cell(tmp_path, key, SMALLER[key])
    wb = openpyxl.load_workbook(done.workbook)
    ws = wb.worksheets[0]
    col = REASON_COL[key]
    cell = ws[f"{col}{r0}"]
    # before: 10.5 pt (as written), the row as tall as the whole text at it, past a page
    assert cell.value == text and SMALLEST_TEXT <= cell.font.sz < 10.5, cell.font.sz
    height = ws.row_dimensions[r0].height
    width = ws.column_dimensions[col].width
    # a page holds it, and Excel and WPS keep the row (they cut one taller than ``ROW_MOST`` to it)
    assert cell_height(text, width, cell.font.sz) <= height <= min(_page_room(ws), ROW_MOST), (height, _page_room(ws))
    assert "附页" not in wb.sheetnames
    assert _forms(done.workbook) == _forms(book)


@pytest.mark.parametrize("key", list(APART))
def test_a_text_in_one_cell_no_page_holds_prints_whole_on_the_appendix(tmp_path, key):
    from test_merged_tall_s66 import _forms
    from jixiao.excel.fit import ROW_MOST
    from jixiao.excel.printout import APPENDIX

    book, done, r0, text = _one_cell(tmp_path, key, APART[key])
    wb = openpyxl.load_workbook(done.workbook)
    ws = wb.worksheets[0]
    col = REASON_COL[key]
    cell = ws[f"{col}{r0}"]
    assert cell.value == text                                  # the whole text stays the cell's value
    shown = cell.number_format.split(";")[3]
    assert shown.startswith('"一受疫情') and shown.endswith(f'……（全文见{APPENDIX}1）"'), cell.number_format
    assert ws.row_dimensions[r0].height <= min(_page_room(ws), ROW_MOST)      # before: 1,900 points and more
    assert APPENDIX in wb.sheetnames
    cells = [c.value for c in wb[APPENDIX]["A"] if c.value]
    assert cells[1].startswith(f"{APPENDIX}1：") and "".join(cells[2:]) == text
    assert _forms(done.workbook) == _forms(book)
    assert any(APPENDIX in n for n in done.notes), done.notes


@pytest.mark.libreoffice
def test_libreoffice_prints_the_one_cell_text_whole_on_the_appendix_and_its_beginning_in_the_form(tmp_path):
    """Before: LibreOffice printed the row as much as a page holds of it, the text's end on no page."""
    need_libreoffice()
    from test_continued_pages_s63 import _pages_text

    _book, done, _r0, text = _one_cell(tmp_path, "project", APART["project"])
    pages = ["".join(p.split()) for p in _pages_text(done.workbook, tmp_path / "pdf")]
    form = [i for i, p in enumerate(pages) if "绩效指标" in p]
    apart = [i for i, p in enumerate(pages) if "附页第" in p]
    assert form and apart and max(form) < min(apart), pages
    assert any("全文见附页1" in pages[i] for i in form)
    assert text[-12:] in pages[apart[-1]] and text[1:12] in pages[apart[0]]


def test_a_form_on_one_page_makes_the_text_smaller_before_it_sends_it_to_the_appendix(tmp_path):
    """A form that fits one page is planned without ``fit_merged``: its 偏差原因 of 500 characters in one cell (its row
    650 points, more than Excel keeps) went to the 附页 at 10.5 pt though 8 pt fits it in 409 points."""
    from test_merged_tall_s66 import _forms
    from conftest import SAMPLES
    from jixiao.cli import main
    from jixiao.excel.fit import ROW_MOST, cell_height
    from jixiao.finalize import finalize

    (tmp_path / "a.json").write_text(Path(SAMPLES[1]).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["fill", str(tmp_path / "a.json"), "-o", str(tmp_path / "a.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    ws = wb.worksheets[0]
    assert ws.page_setup.fitToHeight == 1   # on one page
    r0 = int(ws.print_title_rows.split(":")[-1].strip("$")) + 1
    ws[f"I{r0}"] = TEXT * 10
    wb.save(tmp_path / "a.xlsx")
    done = finalize(tmp_path / "a.xlsx", tmp_path / "定稿", force=True, pdf=False)
    final = openpyxl.load_workbook(done.workbook)
    ws = final.worksheets[0]
    cell = ws[f"I{r0}"]
    assert "附页" not in final.sheetnames and not any("附页" in n for n in done.notes), done.notes
    assert cell.font.sz < 10.5 and cell.number_format == "@", (cell.font.sz, cell.number_format)
    assert cell_height(cell.value, ws.column_dimensions["I"].width, cell.font.sz) <= ws.row_dimensions[r0].height <= ROW_MOST
    assert _forms(done.workbook) == _forms(tmp_path / "a.xlsx")
