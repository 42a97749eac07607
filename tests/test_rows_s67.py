"""Session 67: rows a 填报人 inserts in the indicator table, finished (tests/data/top_row_s65).

1. A BLANK row inserted right under the indicator table's header: 计算 gave it the indicator rows' formats and told
   the 填报人 to type on it and click 计算 again before the totals took it in. One 计算 now widens the totals (and
   every format that reads the table) over it: a score typed there afterwards changes the 总分 in Excel, WPS or
   LibreOffice without the add-in.
2. The data validations over several separate ranges (the 评价表's 一级/二级 分值, the 部门整体 form's 得分) and a
   group's red 分值 format now cover the inserted row as well.
3. V13 no longer counts a row whose 一级指标 is blank as an aspect of its own."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jixiao.checking.rules import load_catalogue
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.evaluation.rules import check_forms
from jixiao.sources import Loaded
from test_eval_problems_s58 import REASONS, SAMPLE


def _v13(blank: set[str], full: set[str] = frozenset()) -> list[str]:
    """V13 on the fengtai 评价表 (as JSON) with the 一级指标 of the indicators ``blank`` left blank and those of the
    一级指标 ``full`` given full marks (no deduction there)."""
    d = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        ind["reason"] = REASONS.get(ind["name"])
        if ind["level1"] in full:
            ind["score"] = ind["weight"]
        if ind["name"] in blank:
            ind["level1"] = ""
    d["problems"], d["suggestions"] = "群众满意度有待提高", "加强管理。"
    [(_score, found)] = check_forms([Loaded(parse_eval_form(d), "评价.json")], None, load_catalogue())
    return [f.message for f in found if f.rule == "V13"]


def test_v13_a_blank_level1_row_does_not_make_a_third_aspect():
    """Deductions under 项目决策 and 项目产出 only, and on a row whose 一级指标 is blank: two aspects, no V13 (before:
    the blank row counted as a third, “扣分涉及项目决策、项目产出 2 个方面和一级指标空白的第 15 行”)."""
    assert _v13(set(), {"项目过程", "项目效益"}) == []
    assert _v13({"产出质量"}, {"项目过程", "项目效益"}) == []


def test_v13_a_blank_level1_row_is_not_an_aspect_left_out():
    """Four aspects deducted, one row's 一级指标 blank: the aspects left out are the named ones; the row is said
    apart, with the 一级指标 to fill (before: “没有涉及项目决策、项目过程、项目产出、第 15 行”)."""
    [msg] = _v13({"产出质量"})
    assert msg.startswith("扣分涉及项目决策、项目过程、项目产出、项目效益 4 个方面（另有一级指标空白的第 16 行（“产出质量”）），"), msg
    assert "没有涉及项目决策、项目过程、项目产出。" in msg, msg
    assert msg.endswith("第 16 行的一级指标空白，不属于任何一级指标：它若属于上方的“项目产出”，请在 A16 填写这个名称，"
                        "否则填写它所属的一级指标"), msg


# --- 1. a blank row under the header: one 计算 takes it into the totals ---------------------------------------------

from test_raised_reason_hint_s64 import _col, _in_office, needs_office   # noqa: E402
from test_top_row_formats_s66 import BOOKS, _blank_row, _calc   # noqa: E402

# the total row's 分值合计 and 总分 cells of each book
TOTALS = {BOOKS[0][0]: ("G35", "H35"), BOOKS[1][0]: ("H32", "I32"), BOOKS[2][0]: ("I22", "J22")}


@pytest.mark.parametrize("book,row,like,cols", BOOKS[:3])
def test_one_calc_widens_the_totals_over_a_blank_row_under_the_header(tmp_path, book, row, like, cols):
    """Nothing typed on the inserted row: after one 计算 the 分值合计 and 总分 formulas sum from it (before: from the
    row below, “填好指标后请再点一次“计算””), and so does each format that reads the whole table (the red
    “Σ分值 ≠ 100”, the 扣分原因 hints, the 评价表's 存在的问题): no absolute range of the table starts below it."""
    import re

    src = _blank_row(book, row, cols, tmp_path)
    out, said = _calc(src, tmp_path / "计算后.xlsx")
    weight, score = TOTALS[book]
    ws = openpyxl.load_workbook(out).worksheets[0]
    for cell in (weight, score):
        ranges = set(re.findall(r"[A-Z]+(\d+):[A-Z]+(\d+)", ws[cell].value))
        assert len(ranges) == 1 and next(iter(ranges))[0] == str(row), (book, cell, ws[cell].value)
    assert f"可以填写；{weight}、{score}" in said and f"的公式已改为合计第 {row}–" in said and "再点一次" not in said, said
    table = re.compile(rf"\$[A-Z]+\${like}:\$[A-Z]+\$(\d+)")
    [(_top, end_text)] = ranges
    end = int(end_text)
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            left = [m for m in table.finditer(rule.formula[0] or "") if int(m.group(1)) == end]
            assert not left, (book, str(cf.sqref), left[:2])
    # the results stored with the formulas: the rows' sums, as 校验 reads the form before 计算
    from jixiao.checking.run import check_paths

    [item] = check_paths([src])[0].all()
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert (stored[weight].value, stored[score].value) == (item.form.total_weight, item.form.total_score), book


@needs_office
@pytest.mark.libreoffice
@pytest.mark.parametrize("book,row,like,cols", BOOKS[:3])
def test_a_score_typed_on_the_row_after_one_calc_counts_in_libreoffice(tmp_path, book, row, like, cols):
    """After ONE 计算 the 填报人 types a 分值 and 得分 on the inserted row in LibreOffice (no add-in): its recalculation
    adds them to the 分值合计 and 总分 (before: unchanged until a second 计算)."""
    weight, score = TOTALS[book]
    wcol, scol = weight[0], score[0]
    src = _blank_row(book, row, cols, tmp_path)
    out, _said = _calc(src, tmp_path / "计算后.xlsx")
    grid, _saved = _in_office(out, {}, tmp_path / "as")
    grid2, _saved2 = _in_office(out, {f"{wcol}{row}": 5, f"{scol}{row}": 4}, tmp_path / "typed")
    t = int(weight[1:])
    w0, s0 = (float(grid.cells[(t, _col(c))][0]) for c in (wcol, scol))
    w1, s1 = (float(grid2.cells[(t, _col(c))][0]) for c in (wcol, scol))
    assert (w1 - w0, s1 - s0) == (5, 4), (book, (w0, s0), (w1, s1))


# --- 2. validations over several ranges, a group's red 分值 -------------------------------------------------------

from test_top_row_formats_s66 import DATA, _covered   # noqa: E402
from test_widened_hint_s64 import calculated   # noqa: E402


@pytest.mark.parametrize("book,cells,like", [(BOOKS[2][0], ("B8", "E8"), ("B9", "E9")),
                                             (BOOKS[3][0], ("B8", "E8"), ("B9", "E9")),
                                             (BOOKS[1][0], ("I11",), ("I12",))])
def test_a_validation_over_several_ranges_covers_the_inserted_row(tmp_path, book, cells, like):
    """The 评价表's 一级/二级 分值 validation (“B9:B21 E9:E21”) and the 部门整体 form's 得分 one (“I12:I20 I22:I23 …”)
    cover the inserted row after 计算 as they cover the row below it (before: only one-range validations did)."""
    before = openpyxl.load_workbook(DATA / book).worksheets[0]
    assert not any(_covered(before, c)[0] for c in cells), book
    ws = openpyxl.load_workbook(calculated(DATA / book, tmp_path)).worksheets[0]
    for cell, below in zip(cells, like):
        several = {dv.prompt for dv in ws.data_validations.dataValidation if below in dv.sqref and len(dv.sqref.ranges) > 1}
        assert several and several <= _covered(ws, cell)[0], (book, cell, several)


@needs_office
@pytest.mark.libreoffice
def test_the_groups_red_weight_colours_the_row_read_as_the_groups_in_libreoffice(tmp_path):
    """The 评价表's new row typed as 项目决策/绩效目标: after 计算, a 一级 分值 typed wrong (18, its rows make 20)
    colours the group's 分值 over the new row (before: B8 stayed white beside the red 项目决策 分值 B9; since
    session 68 the 分值 is merged over B8:B11, its content moved up to B8, and typed there)."""
    out = calculated(DATA / BOOKS[2][0], tmp_path / "calc")
    grid, _saved = _in_office(out, {"B8": 18}, tmp_path / "typed")
    colour = {c: grid.cells[(r, _col(c[0]))][1] for c, r in (("B8", 8), ("B12", 12))}
    assert colour["B8"] not in ("", None), colour
    assert colour["B12"] in ("", None), colour


class _Validation:
    """A stand-in for Excel's ``Validation`` of a cell: ``Type`` raises where the cell has none, as COM does."""

    def __init__(self, **props) -> None:
        self.__dict__.update(props)
        self.added: dict | None = None

    @property
    def Type(self):   # noqa: N802 - Excel's name
        if "kind" not in self.__dict__:
            raise RuntimeError("没有数据验证")
        return self.kind

    def Delete(self):   # noqa: N802
        self.added = None

    def Add(self, **args):   # noqa: N802
        self.added = args


@pytest.mark.parametrize("groups", [True, False])
def test_the_add_in_gives_the_row_a_merged_cells_validation_and_its_groups_format(groups):
    """The add-in's ``RowFormats`` on a cell whose source is a group's merged 分值 (B9:B11 of the 评价表): the source's
    validation set on the cell property by property (pasting it would paste the merged area), and its red format's
    range widened over the cell where the row is read as the group's, as the copy's applier does (a stand-in
    answers the object model; not run in Excel)."""
    from types import SimpleNamespace

    from addin.host import XlwingsHost
    from jixiao.excel.plan import RowFormats

    widened: list = []
    fc = SimpleNamespace(AppliesTo="B9:B11", ModifyAppliesToRange=widened.append)
    src = SimpleNamespace(MergeCells=True, Locked=False, NumberFormat="0.00", HorizontalAlignment=-4108, WrapText=False,
                          Font=SimpleNamespace(Bold=False),
                          MergeArea=SimpleNamespace(Cells=lambda i, j: SimpleNamespace(Row=9),
                                                    FormatConditions=SimpleNamespace(Count=1, Item=lambda i: fc)),
                          Validation=_Validation(kind=2, AlertStyle=1, Operator=1, Formula1="0", Formula2="100",
                                                 InputTitle="分值", InputMessage="本一级（二级）指标的分值", ShowInput=True))
    dst = SimpleNamespace(MergeCells=False, Locked=True, NumberFormat="General", HorizontalAlignment=1, WrapText=True,
                          Font=SimpleNamespace(Bold=True), Validation=_Validation())
    cells = {(9, 1): src, (8, 1): dst}
    rows = {9: SimpleNamespace(RowHeight=18.0), 8: SimpleNamespace(RowHeight=30.0)}
    app = SimpleNamespace(CutCopyMode=True, Union=lambda a, b: (a, "B8"))
    api = SimpleNamespace(UsedRange=SimpleNamespace(Column=1, Columns=SimpleNamespace(Count=1)),
                          Cells=lambda r, c: cells[(r, c)], Rows=lambda r: rows[r])
    XlwingsHost._row_formats(SimpleNamespace(api=api, book=SimpleNamespace(app=SimpleNamespace(api=app))),
                             RowFormats("表", 8, 8, 9, 21, groups))
    assert dst.Validation.added == {"Type": 2, "AlertStyle": 1, "Operator": 1, "Formula1": "0", "Formula2": "100"}
    assert (dst.Validation.InputMessage, dst.Validation.ShowInput) == ("本一级（二级）指标的分值", True)
    assert (dst.Locked, dst.NumberFormat, dst.Font.Bold) == (False, "0.00", False)
    assert widened == ([("B9:B11", "B8")] if groups else [])


def test_the_add_in_applies_the_one_calc_widening_as_the_copy_does(tmp_path, monkeypatch):
    """The plan 计算 makes for the blank row of the 评价表 (the same ``actions.calc`` behind the button and ``jixiao
    calc``), applied by the add-in's applier to a recording stand-in of the workbook: each widened total formula
    written as the copy holds it, each red format and hint widened, the row's formats given — the copy's edits,
    one for one (no Excel here)."""
    from addin.host import XlwingsHost
    from jixiao.actions import FileHost, calc
    from jixiao.excel.plan import Formula, RowFormats, SetValue, WidenRule
    from test_addin_host import FakeBook

    src = _blank_row(BOOKS[2][0], 8, BOOKS[2][3], tmp_path)
    plans = []

    class Recording(FileHost):
        def apply(self, plan):
            plans.append(plan)
            super().apply(plan)

    host = Recording(str(src), str(tmp_path / "计算后.xlsx"))
    calc(host)
    host.save()
    [plan] = plans
    sheet = openpyxl.load_workbook(src).worksheets[0].title
    widened, formatted = [], []
    monkeypatch.setattr(XlwingsHost, "_widen_rule", staticmethod(lambda rng, old, new: widened.append((rng.ref, old, new))))
    monkeypatch.setattr(XlwingsHost, "_row_formats", staticmethod(lambda sh, e: formatted.append(e)))
    book = FakeBook([sheet])
    excel = XlwingsHost.__new__(XlwingsHost)
    excel.book, excel.path = book, book.fullname
    excel.apply(plan)
    written = {ref: text for kind, ref, text in (e[:3] for e in book.log if e[0] == "formula")}
    copy = openpyxl.load_workbook(tmp_path / "计算后.xlsx").worksheets[0]
    for cell in ("I22", "J22", "B22", "E22"):
        assert written[cell] == copy[cell].value and "8:" in written[cell], (cell, written.get(cell))
    assert widened == [(e.cell, e.old, e.new) for e in plan.edits if isinstance(e, WidenRule)] and len(widened) >= 4
    assert formatted == [RowFormats(sheet, 8, 8, 9, 21)]
    assert {e.cell for e in plan.edits if isinstance(e, SetValue) and isinstance(e.value, Formula)} >= {"I22", "J22"}


def test_a_total_typed_over_is_left_as_typed_and_the_row_still_formatted(tmp_path):
    """The project form's 总分 (H35) typed over with a number: 计算 leaves it as typed (the 填报人's), widens the
    分值合计 (G35) alone and still gives the blank row the indicator rows' formats."""
    src = _blank_row(BOOKS[0][0], 14, BOOKS[0][3], tmp_path)
    wb = openpyxl.load_workbook(src)
    wb.worksheets[0]["H35"] = 94.5
    wb.save(src)
    out, said = _calc(src, tmp_path / "计算后.xlsx")
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["H35"].value == 94.5 and "G14:G34" in ws["G35"].value, (ws["G35"].value, ws["H35"].value)
    assert "G35 的公式已改为合计第 14–34 行" in said, said
    assert not ws["H14"].protection.locked and not ws["B14"].font.b
