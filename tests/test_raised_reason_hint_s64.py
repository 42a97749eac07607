"""Session 64: the sheet's own hint on a raised 三级指标 分值 agrees with 校验.

Session 63 stopped F8 (部门整体) and V7 (评价表) asking a 扣分原因 of a row whose 分值 was raised over what its 一级
allows, its 得分 left at the old 分值 (``checking.rules.table.raised_rows``): F3/V2 tell to lower that 分值. The
templates' conditional format on the 扣分原因 column still coloured that cell red as a deduction without its reason —
a 填报人 saw a coloured cell that 校验 said nothing about. The format is now ``raised_rows``' Excel twin
(``reason_hint_formula``), one per 二级 block.

Proved in LibreOffice itself: the 填报人's typing done by LibreOffice (``lo_basic``), the sheet recalculated and
exported as HTML, where LibreOffice writes each cell's colour with its conditional format applied; every
indicator row's 扣分原因 cell is coloured exactly where 校验 (on the workbook LibreOffice saved) finds F8/V7 there —
on a normal form and on one with a raised row."""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

import openpyxl
import pytest

from jixiao.excel.office import soffice_path
from jixiao.excel.sheet import FILL_BY_SEVERITY
from lo_basic import run_basic, typed_number

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "jixiao" / "samples"

needs_office = pytest.mark.skipif(soffice_path() is None, reason="需要 LibreOffice")


class _Grid(html.parser.HTMLParser):
    """The first table of an HTML export of LibreOffice Calc: (row, column) from 1 -> (text, bgcolor), merged
    cells (rowspan, colspan) placed as the sheet has them."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[int, int], list] = {}
        self.taken: set[tuple[int, int]] = set()
        self.tables = self.row = self.col = 0
        self.at: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables += 1
        if self.tables != 1:
            return
        if tag == "tr":
            self.row, self.col = self.row + 1, 0
        elif tag == "td":
            self.col += 1
            while (self.row, self.col) in self.taken:
                self.col += 1
            rows, cols = int(a.get("rowspan") or 1), int(a.get("colspan") or 1)
            for dr in range(rows):
                for dc in range(cols):
                    self.taken.add((self.row + dr, self.col + dc))
            self.at = (self.row, self.col)
            self.cells[self.at] = ["", (a.get("bgcolor") or "").upper()]
            self.col += cols - 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.at = None
        elif tag == "table":
            self.tables += 1

    def handle_data(self, data: str) -> None:
        if self.at is not None:
            self.cells[self.at][0] += data


def _col(letter: str) -> int:
    return ord(letter) - ord("A") + 1


def _in_office(src: Path, typed: dict[str, float], tmp_path: Path) -> tuple[_Grid, Path]:
    """``src`` opened in LibreOffice, ``typed`` typed into its first sheet, recalculated, saved as .xlsx and
    exported as HTML: the HTML's cells and the saved workbook."""
    saved, page = tmp_path / f"{src.stem}-存.xlsx", tmp_path / f"{src.stem}.html"
    body = "".join(typed_number(ref, v) for ref, v in typed.items())
    body += ("  doc.calculateAll()\n"
             "  Dim ph(0) As New com.sun.star.beans.PropertyValue\n"
             '  ph(0).Name = "FilterName" : ph(0).Value = "HTML (StarCalc)"\n'
             f'  doc.storeToURL(ConvertToURL("{page}"), ph())\n')
    run_basic(src, saved, body, tmp_path / "lo-profile")
    grid = _Grid()
    grid.feed(page.read_text(encoding="utf-8", errors="replace"))
    return grid, saved


def _agree(grid: _Grid, saved: Path, rule: str, name_col: str, reason_col: str) -> dict[int, bool]:
    """Row -> whether its 扣分原因 cell is coloured, for each indicator row of the saved form; asserted to be
    where 校验 finds ``rule`` and nowhere else (the row's 三级指标 name checked against the HTML first)."""
    from jixiao.checking.run import check_paths
    from jixiao.forms import kind_of

    ws = openpyxl.load_workbook(saved).worksheets[0]
    _batch, res = check_paths([saved])
    asked = {f.cell for f in res.findings if f.rule == rule}
    red = FILL_BY_SEVERITY["error"].upper()
    out = {}
    for item in _batch.all():
        for i in range(len(item.form.indicators)):
            cell = kind_of(item.form).cell_of(item, f"indicators[{i}].name")
            r = int(cell[len(name_col):])
            text, _colour = grid.cells[(r, _col(name_col))]
            assert text.strip() == str(ws[cell].value).strip(), (cell, text)   # the HTML's rows are the sheet's
            _text, colour = grid.cells[(r, _col(reason_col))]
            assert colour in ("", f"#{red}"), (r, colour)
            out[r] = colour == f"#{red}"
            assert out[r] == (f"{reason_col}{r}" in asked), (f"{reason_col}{r}", colour, sorted(asked))
    return out


def _filled(sample: Path, tmp_path: Path) -> Path:
    from jixiao.cli import main

    book = tmp_path / f"{sample.parent.name}.xlsx"
    assert main(["fill", str(sample), "-o", str(book)]) == 0
    return book


@needs_office
def test_the_department_forms_hint_agrees_with_f8(tmp_path):
    """子洲县's 部门整体 form: 社会效益 15 → 12 with no 扣分原因 (F8, and coloured). 打击欺诈骗保督查's 分值 typed up
    from 10 to 12 (H26), its 得分 left at 10: 产出 is 25, its 三级 add up to 27 — F3 says to lower it, F8 says
    nothing of J26, and J26 is no longer coloured; 社会效益 still is, and no other row."""
    book = _filled(SAMPLES / "zizhou-2023" / "department.json", tmp_path)
    ws = openpyxl.load_workbook(book).worksheets[0]
    assert (ws["E26"].value, ws["H26"].value, ws["E29"].value) == ("打击欺诈骗保督查", 10, "社会效益")
    grid, saved = _in_office(book, {}, tmp_path / "as-filled")
    assert [r for r, red in _agree(grid, saved, "F8", "E", "J").items() if red] == [29]
    grid, saved = _in_office(book, {"H26": 12}, tmp_path / "raised")
    assert [r for r, red in _agree(grid, saved, "F8", "E", "J").items() if red] == [29]
    # the same 2 分 short where no 分值 was raised (the 分值 add to 100): a deduction, coloured and asked
    grid, saved = _in_office(book, {"I26": 8}, tmp_path / "deducted")
    assert [r for r, red in _agree(grid, saved, "F8", "E", "J").items() if red] == [26, 29]


@needs_office
def test_the_evaluation_forms_hint_agrees_with_v7(tmp_path):
    """丰台's 项目支出绩效评价表, every deduction without its 扣分原因 (V7 on each, and coloured). 预算管理's 分值 typed
    up from 10 to 12 (I11), its 得分 left at 10: 项目过程 is 30, its 三级 add up to 32 — K11 stays uncoloured, as
    V7 says nothing; typed 9 instead (a deduction of 3, not the excess of 2): coloured, as V7 asks."""
    book = _filled(SAMPLES / "fengtai-2023-evaluation" / "form.json", tmp_path)
    ws = openpyxl.load_workbook(book).worksheets[0]
    assert (ws["G11"].value, ws["I11"].value, ws["J11"].value) == ("预算管理", 10, 10)
    grid, saved = _in_office(book, {}, tmp_path / "as-filled")
    before = {k for k, red in _agree(grid, saved, "V7", "G", "K").items() if red}
    assert before == {8, 9, 13, 14, 15, 16, 17, 19, 20}, before
    grid, saved = _in_office(book, {"I11": 12}, tmp_path / "raised")
    assert {k for k, red in _agree(grid, saved, "V7", "G", "K").items() if red} == before
    grid, saved = _in_office(book, {"I11": 12, "J11": 9}, tmp_path / "other")
    assert {k for k, red in _agree(grid, saved, "V7", "G", "K").items() if red} == before | {11}
    # 决策程序 raised from 5 to 7 (I10), 得分 5: 目标内容 in the same 一级 is 8 of 10 with no 扣分原因 — a real
    # deduction of just the excess, still asked and coloured (its 二级 绩效目标 adds up; 决策过程 is the one over)
    grid, saved = _in_office(book, {"I10": 7}, tmp_path / "elsewhere")
    assert {k for k, red in _agree(grid, saved, "V7", "G", "K").items() if red} == before


def test_the_templates_hint_is_the_rules_twin():
    """Each 二级 block of the shipped templates has its own 扣分原因 format, ``reason_hint_formula``'s."""
    from jixiao.checking.rules.table import reason_hint_blocks, reason_hint_formula
    from jixiao.forms.department.sheet import ROW_COLUMNS as DEPT
    from jixiao.forms.evaluation.sheet import ROW_COLUMNS as EVAL

    def span(ref: str) -> tuple[int, int]:
        a, _, b = ref.partition(":")
        return int(a[1:]), int((b or a)[1:])

    for name, col, cols in (("部门整体支出绩效自评表.xlsx", "J", DEPT), ("项目支出绩效评价表.xlsx", "K", EVAL)):
        ws = openpyxl.load_workbook(HERE.parent / "xlsx_templates" / name).worksheets[0]
        formats = {str(cf.sqref): rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules}
        # the 一级/二级 blocks as the sheet's own “分值 = Σ 三级” formats cover them
        level1, level2 = (sorted(span(ref) for ref, x in formats.items() if x.startswith(f"AND(ISNUMBER(${c}$"))
                          for c in (cols.level1_weight, cols.level2_weight))
        mine = sorted(span(ref) for ref in formats if ref.startswith(col))
        assert mine == level2 and len(mine) >= 6, (name, mine, level2)
        for at in reason_hint_blocks(level1, level2):
            a, b = at.level2
            ref = f"{col}{a}:{col}{b}" if a != b else f"{col}{a}"
            assert formats[ref] == reason_hint_formula(a, at, cols, col), ref
