"""Session 66: the formats of a row inserted right under the indicator table's header (tests/data/top_row_s65).

Excel, WPS and LibreOffice give an inserted row the formats of the row ABOVE it: a row inserted above the first
indicator row took the header's — bold, centred, General, and locked on the protected template, so the 填报人 could
not type into it — and none of the indicator rows' validations (dropdowns, input hints) or per-row formats (得分超过
分值, 偏差原因/扣分原因 hints). 计算 widened the totals over it (session 65) and left it a header row: the rendered
form showed its indicator in bold among the others. Now 计算 (and 汇总, the same ``short_sums_plan``) gives it the
formats of the template's first indicator row (``excel.plan.RowFormats``), for the three kinds alike."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from test_raised_reason_hint_s64 import _col, _in_office, needs_office
from test_widened_hint_s64 import calculated

DATA = Path(__file__).resolve().parent / "data" / "top_row_s65"
# (workbook, the inserted row, the template's first indicator row below it, the table's columns)
BOOKS = [("项目表-插在第一个指标上方.xlsx", 14, 15, "BCDEFGHI"),
         ("部门整体-插在第一个指标上方.xlsx", 11, 12, "ABCDEFGHIJ"),
         ("评价表-插在第一个指标上方.xlsx", 8, 9, "ABCDEFGHIJK"),
         ("评价表-插在第一个指标上方-未写指标名.xlsx", 8, 9, "ABCDEFGHIJK")]


def _looks(ws, ref: str) -> tuple:
    c = ws[ref]
    return c.protection.locked, bool(c.font.b), c.number_format, c.alignment.horizontal, c.fill.fgColor.rgb


def _covered(ws, ref: str) -> tuple[set[str], set[str]]:
    """The data validations (by prompt) and conditional formats (by range) that cover ``ref``."""
    dvs = {dv.prompt or dv.type or "" for dv in ws.data_validations.dataValidation if ref in dv.sqref}
    cfs = {str(cf.sqref) for cf in ws.conditional_formatting if ref in cf.sqref}
    return dvs, cfs


@pytest.mark.parametrize("book,row,like,cols", BOOKS)
def test_calc_gives_the_row_under_the_header_the_indicator_rows_formats(tmp_path, book, row, like, cols):
    """Before: the inserted row's cells bold and locked (the header's), no validation on them; after 计算 each is
    styled as the first indicator row's cell of its column (unlocked where that is), and every validation of the
    table's columns covers it as it covers that row."""
    src = DATA / book
    ws = openpyxl.load_workbook(src).worksheets[0]
    assert ws.protection.sheet
    assert all(ws[f"{c}{row}"].protection.locked and ws[f"{c}{row}"].font.b for c in cols), book
    assert not any(_covered(ws, f"{c}{row}")[0] for c in cols), book
    after = openpyxl.load_workbook(calculated(src, tmp_path)).worksheets[0]
    assert after.protection.sheet
    from openpyxl.cell.cell import MergedCell

    for c in cols:
        # a group's cell merged up over the row (session 68): its first cell styled as that cell was before
        like_ws = ws if isinstance(after[f"{c}{like}"], MergedCell) else after
        assert _looks(after, f"{c}{row}") == _looks(like_ws, f"{c}{like}"), (book, c, _looks(after, f"{c}{row}"))
        # a validation on the row below over the whole table (not a group's 分值 cell: its own, multi-range) …
        below = {dv.prompt for dv in after.data_validations.dataValidation
                 if f"{c}{like}" in dv.sqref and len(dv.sqref.ranges) == 1}
        assert below <= _covered(after, f"{c}{row}")[0], (book, c)
    unlocked = [c for c in cols if not after[f"{c}{row}"].protection.locked]
    assert len(unlocked) >= len(cols) - 2, unlocked     # the 评价表's 一级/二级 得分 (formulas) stay locked
    # nothing typed is changed; a group's cell merged up over the row (session 68) holds the group's name, 分值, 得分
    before = openpyxl.load_workbook(src).worksheets[0]
    up = [c for c in cols if isinstance(after[f"{c}{like}"], MergedCell)]
    assert [after[f"{c}{row}"].value for c in cols if c not in up] == [before[f"{c}{row}"].value for c in cols if c not in up]
    assert all(after[f"{c}{row}"].value not in (None, "") and before[f"{c}{row}"].value in (None, before[f"{c}{like}"].value)
               for c in up), up


def test_the_score_formats_of_each_row_cover_the_inserted_row(tmp_path):
    """The per-row conditional formats (得分超过分值, the 偏差原因 hint) start on the inserted row and read it: the
    formula on its top-left cell is the row's own (H14 reads H14, G14), the template's rows still theirs."""
    out = calculated(DATA / BOOKS[0][0], tmp_path)
    rules = {str(cf.sqref): cf.rules[0].formula[0] for cf in openpyxl.load_workbook(out).worksheets[0].conditional_formatting}
    assert rules["H14:H34"] == "AND(ISNUMBER(H14),ISNUMBER(G14),H14>G14)", sorted(rules)
    assert "I14:I34" in rules and "(I14," in rules["I14:I34"] and "H15:H34" not in rules


def test_the_first_groups_reason_hint_covers_the_row_read_as_the_groups():
    """The 评价表's 扣分原因 hint of 绩效目标 (K9 alone) is the inserted row's too where it is read as that group's
    (its names typed: K8:K9, reading K8), not where its names are blank (a group of its own: K9 as it was); a
    group's red 分值 format (about one merged cell, “$B$9”) covers the row where it is read as the group's (session
    67; before, it was left as it was either way)."""
    import tempfile

    got = {}
    for book in (BOOKS[2][0], BOOKS[3][0]):
        with tempfile.TemporaryDirectory() as tmp:
            ws = openpyxl.load_workbook(calculated(DATA / book, Path(tmp))).worksheets[0]
        got[book] = {str(cf.sqref): cf.rules[0].formula[0] for cf in ws.conditional_formatting}
    named, blank = got[BOOKS[2][0]], got[BOOKS[3][0]]
    assert "K8:K9" in named and "K9" not in named and "(I8)-(J8)" in named["K8:K9"], sorted(named)
    assert "K9" in blank and "K8:K9" not in blank, sorted(blank)
    for rules in (named, blank):
        assert "J8:J21" in rules and "ISNUMBER(J8)" in rules["J8:J21"]
    # session 67: a group's red 分值 format covers the row read as the group's, not the row of a group of its own
    # (session 68: merged up over the new row, the 分值 moved to B8 and the format reading it there)
    assert "B8:B11" in named and "B9:B11" not in named and "(ISNUMBER($B$8)" in named["B8:B11"], sorted(named)
    assert "B9:B11" in blank and "B8:B11" not in blank


def test_the_add_in_pastes_the_formats_cell_by_cell():
    """The add-in's ``RowFormats``: each cell of the row pasted the formats and validation of the cell below where
    neither is merged; a cell inside an area merged from above left alone; one whose source is merged given its
    parts one by one; the row as tall; the clipboard cleared (a stand-in answers the object model; not run in
    Excel)."""
    from addin.host import XlwingsHost
    from jixiao.excel.plan import RowFormats

    class Cell:
        def __init__(self, r: int, c: int, merged_from: int | None = None) -> None:
            self.r, self.c, self.MergeCells, self.pasted = r, c, merged_from is not None, []
            self.MergeArea = SimpleNamespace(Cells=lambda i, j: SimpleNamespace(Row=merged_from))
            self.Locked, self.NumberFormat, self.HorizontalAlignment, self.WrapText = r == 7, "G", -4108, False
            self.Font = SimpleNamespace(Bold=r == 7)
            self.copied = 0

        def Copy(self):   # noqa: N802 - Excel's name
            self.copied += 1

        def PasteSpecial(self, kind):   # noqa: N802
            self.pasted.append(kind)

    cells = {(7, 1): Cell(7, 1, 6), (7, 2): Cell(7, 2), (7, 3): Cell(7, 3, 7),   # A merged from above, C the header's
             (8, 1): Cell(8, 1, 6), (8, 2): Cell(8, 2), (8, 3): Cell(8, 3, 8)}   # … C starts a merged 分值 on row 8
    cells[(8, 3)].Locked, cells[(8, 3)].NumberFormat, cells[(8, 3)].Font.Bold = False, "0.00", False
    rows = {7: SimpleNamespace(RowHeight=30.0), 8: SimpleNamespace(RowHeight=18.0)}
    app = SimpleNamespace(CutCopyMode=True)
    api = SimpleNamespace(UsedRange=SimpleNamespace(Column=1, Columns=SimpleNamespace(Count=3)),
                          Cells=lambda r, c: cells[(r, c)], Rows=lambda r: rows[r])
    XlwingsHost._row_formats(SimpleNamespace(api=api, book=SimpleNamespace(app=SimpleNamespace(api=app))),
                             RowFormats("表", 7, 7, 8, 20))
    assert cells[(8, 2)].copied == 1 and cells[(7, 2)].pasted == [-4122, 6]
    assert cells[(7, 1)].pasted == [] and cells[(7, 1)].Locked is True           # inside “绩效指标”: left alone
    assert (cells[(7, 3)].Locked, cells[(7, 3)].NumberFormat, cells[(7, 3)].Font.Bold) == (False, "0.00", False)
    assert rows[7].RowHeight == 18.0 and app.CutCopyMode is False


@needs_office
@pytest.mark.libreoffice
def test_libreoffice_colours_a_score_over_its_weight_on_the_inserted_row_after_calc(tmp_path):
    """The project form's row 14 given 6 分 over its 分值 5: before 计算 LibreOffice leaves H14 uncoloured (no
    format covers the row; 校验 says 得分超过分值), after 计算 it colours it as it colours any row's."""
    src = DATA / BOOKS[0][0]
    grid, _saved = _in_office(src, {"H14": 6}, tmp_path / "before")
    assert grid.cells[(14, _col("H"))][1] in ("", None), grid.cells[(14, _col("H"))]
    out = calculated(src, tmp_path / "calc")
    grid, _saved = _in_office(out, {"H14": 6}, tmp_path / "after")
    assert grid.cells[(14, _col("H"))][1] not in ("", None), grid.cells[(14, _col("H"))]
    assert grid.cells[(15, _col("H"))][1] in ("", None)      # 15 of 15: the row below stays as it was


def _blank_row(book: str, row: int, cols: str, tmp_path: Path) -> Path:
    """``book`` with nothing typed on its inserted row: as the 填报人 who inserted it into the protected sheet
    left it, unable to type into its locked cells (the typed cells cleared with openpyxl, formats kept)."""
    wb = openpyxl.load_workbook(DATA / book)
    ws = wb.worksheets[0]
    for c in cols:
        if ws[f"{c}{row}"].data_type != "f":
            ws[f"{c}{row}"].value = None
    out = tmp_path / f"空行-{book}"
    wb.save(out)
    return out


def _calc(src: Path, out: Path) -> tuple[Path, str]:
    from jixiao.actions import FileHost, calc

    host = FileHost(str(src), str(out))
    said = calc(host).message()
    host.save()
    return out, said


@pytest.mark.parametrize("book,row,like,cols", BOOKS[:3])
def test_calc_formats_a_blank_row_under_the_header_so_it_can_be_typed_into(tmp_path, book, row, like, cols):
    """Nothing typed on the inserted row (its cells locked): the totals agree with the rows read, no X7 — 计算
    found nothing to mend and left it locked. Now it is found by the 分值合计 formula's range (which starts one
    row below the header's next row), given the indicator rows' formats, and the message says to type on it and
    click 计算 again."""
    from jixiao.checking.run import check_paths

    src = _blank_row(book, row, cols, tmp_path)
    _batch, res = check_paths([src])
    assert not [f for f in res.findings if f.rule == "X7"]
    out, said = _calc(src, tmp_path / "计算后.xlsx")
    ws = openpyxl.load_workbook(out).worksheets[0]
    for c in cols:
        assert _looks(ws, f"{c}{row}") == _looks(ws, f"{c}{like}"), (book, c)
    assert f"第 {row} 行插在指标表头下方，已改为指标行的格式，可以填写" in said, said   # and in the totals: test_rows_s67
    assert not any(cf.startswith(("B", "D", "E")) and cf.split(":")[0][1:] == str(row)
                   for cf in _covered(ws, f"B{row}")[1] | _covered(ws, f"E{row}")[1])   # no group's format


@needs_office
@pytest.mark.libreoffice
def test_typed_after_the_first_calc_the_row_is_in_the_totals(tmp_path):
    """The project form: 计算 formats the blank row and (session 67) widens the totals over it at once; the 填报人
    types the indicator there (its texts with openpyxl, its 分值 and 得分 in LibreOffice, which recalculates:
    分值合计 100); 校验 finds no X7 — the 总分 row already sums rows 14–34 — and the row keeps its formats. (Session 66
    said X7 here and took the row in on a second 计算.)"""
    from jixiao.checking.run import check_paths

    src = _blank_row(BOOKS[0][0], 14, BOOKS[0][3], tmp_path)
    once, _said = _calc(src, tmp_path / "一.xlsx")
    wb = openpyxl.load_workbook(once)
    ws = wb.worksheets[0]
    for ref, v in {"B14": "产出指标", "C14": "数量指标", "D14": "资助育人活动场次", "E14": "≥10场", "F14": "9场",
                   "I14": "一场活动因天气取消。"}.items():
        ws[ref] = v
    wb.save(once)
    _grid, typed = _in_office(once, {"G14": 5, "H14": 4.5}, tmp_path / "typed")
    _batch, res = check_paths([typed])
    assert not [f.cell for f in res.findings if f.rule in ("X7", "B1", "B2", "D11")]
    ws = openpyxl.load_workbook(typed).worksheets[0]
    assert "G14:G34" in ws["G35"].value and "H14:H34" in ws["H35"].value
    assert openpyxl.load_workbook(typed, data_only=True).worksheets[0]["G35"].value == 100
    assert _looks(ws, "H14") == _looks(ws, "H15") and not ws["H14"].protection.locked
