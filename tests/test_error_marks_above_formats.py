"""An error marked by 校验 looks like an error in a workbook made from an older template. A sheet's
conditional formats paint over a cell's own fill in Excel, WPS and LibreOffice: the templates before
7682242 painted a 扣分 without its reason yellow (a warning's colour) though rules D6, F8 and V7 call
it an error, and a workbook made from one keeps that format — 校验's red mark under it showed yellow."""

from __future__ import annotations

from types import SimpleNamespace

import openpyxl
from openpyxl.styles import PatternFill

from addin.host import XlwingsHost
from jixiao.excel.plan import FILL_BY_SEVERITY
from jixiao.excel.workbook import write_forms
from action_helpers import checked
from review_fixture import form

RED, YELLOW = FILL_BY_SEVERITY["error"], FILL_BY_SEVERITY["warning"]


def _color(rule):
    return rule.dxf.fill.bgColor.rgb[-6:].upper()


def _reason_format(ws):
    """The template's format of the reason column: the rule testing its own column says nothing (blank, “无”)."""
    for cf in ws.conditional_formatting:
        col = str(cf.sqref)[0]
        for r in cf.rules:
            if f"LEN(TRIM({col}" in r.formula[0] or f"SUBSTITUTE({col}" in r.formula[0]:   # says_nothing_formula
                return r
    raise AssertionError("no format on the reason column")


def _covering(ws, ref):
    """The formats over cell ``ref``, by priority (Excel and WPS show the first that is true)."""
    return sorted(((r.priority, r) for cf in ws.conditional_formatting if ref in cf.sqref for r in cf.rules),
                  key=lambda x: x[0])


def test_an_error_mark_stands_above_an_older_templates_yellow(tmp_path):
    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    old = _reason_format(ws)                      # as the templates made before 7682242 painted it
    old.dxf.fill = PatternFill("solid", fgColor=YELLOW, bgColor=YELLOW)
    # “12 次” done 6 times: a point taken off is a deduction to explain (D6); where the target was met in
    # full the rules would raise the score instead (D4, and no D6)
    row = next(r for r in range(14, 34) if str(ws[f"F{r}"].value).replace(" ", "") == "12次")
    ws[f"F{row}"], ws[f"H{row}"], ws[f"I{row}"] = "6 次", ws[f"G{row}"].value - 1, None   # no reason given
    wb.save(book)

    result = checked(book, tmp_path / "一.xlsx")
    assert any(f.rule == "D6" and f.cell == f"I{row}" and f.severity == "error" for f in result.findings)
    warned = next(f for f in result.findings if f.severity == "warning" and f.sheet == ws.title and f.cell
                  and not any(g.cell == f.cell and g.severity == "error" for g in result.findings))
    ws = openpyxl.load_workbook(tmp_path / "一.xlsx")[ws.title]
    first = _covering(ws, f"I{row}")[0][1]        # the format that wins where several are true
    assert first.formula == ["TRUE"] and _color(first) == RED and first.stopIfTrue
    # LibreOffice takes the first format in the file that holds the cell, whatever the priorities
    assert next(cf for cf in ws.conditional_formatting if f"I{row}" in cf.sqref).rules == [first]
    assert _color(_reason_format(ws)) == YELLOW    # the sheet's own format is left as it is
    priorities = [r.priority for cf in ws.conditional_formatting for r in cf.rules]
    assert len(priorities) == len(set(priorities))
    assert all(r.formula != ["TRUE"] for _p, r in _covering(ws, warned.cell))   # a warning: its fill alone

    checked(tmp_path / "一.xlsx", tmp_path / "二.xlsx")   # 校验 again: one mark, not two
    ws = openpyxl.load_workbook(tmp_path / "二.xlsx")[ws.title]
    assert [r.formula for _p, r in _covering(ws, f"I{row}")].count(["TRUE"]) == 1
    wb = ws.parent
    ws[f"I{row}"] = "督导次数少于计划，因疫情停了一次。"
    wb.save(tmp_path / "二.xlsx")
    result = checked(tmp_path / "二.xlsx", tmp_path / "三.xlsx")   # put right: the mark goes
    assert not any(f.cell == f"I{row}" for f in result.findings)
    ws = openpyxl.load_workbook(tmp_path / "三.xlsx")[ws.title]
    assert all(r.formula != ["TRUE"] for _p, r in _covering(ws, f"I{row}")) and _reason_format(ws)


class _Conditions:
    """Excel's FormatConditions of one cell (those of every range holding it)."""

    def __init__(self, cell, items):
        self.cell, self.items = cell, items

    @property
    def Count(self):  # noqa: N802 - the COM names
        return len(self.items)

    def Item(self, i):  # noqa: N802
        return self.items[i - 1]

    def Add(self, Type, Formula1):  # noqa: N802, N803
        fc = _Condition(self, Type, Formula1, self.cell)
        self.items.append(fc)
        return fc


class _Condition:
    def __init__(self, owner, kind, formula, address, color=None):
        self.owner, self.Type, self.Formula1 = owner, kind, formula
        self.AppliesTo = SimpleNamespace(Address=address)
        self.Interior = SimpleNamespace(Color=color)
        self.StopIfTrue, self.first = False, False

    def SetFirstPriority(self):  # noqa: N802
        self.first = True

    def Delete(self):  # noqa: N802
        self.owner.items.remove(self)


def test_excel_gives_an_error_mark_a_first_format_and_takes_it_away():
    sheet_yellow = _Condition(None, 2, "=AND(ISNUMBER(H14),LEN(TRIM(I14))=0)", "$I$14:$I$33", 0x9CEBFF)
    conds = _Conditions("$I$17", [sheet_yellow])
    sheet_yellow.owner = conds
    cell = SimpleNamespace(color=None, api=SimpleNamespace(Address="$I$17", FormatConditions=conds,
                                                           Comment=None, ClearComments=lambda: None))
    XlwingsHost._mark_fill(cell, RED)
    XlwingsHost._mark_fill(cell, RED)   # 校验 twice: one format
    assert cell.color == (0xFF, 0xC7, 0xCE) and len(conds.items) == 2
    ours = conds.items[1]
    assert ours.Formula1 == "=TRUE" and ours.first and ours.StopIfTrue and ours.Interior.Color == 0xCEC7FF
    XlwingsHost._mark_fill(cell, YELLOW)   # now only a warning there: no format above the sheet's
    assert conds.items == [sheet_yellow]
    XlwingsHost._mark_fill(cell, RED)
    XlwingsHost._clear_mark(cell)
    assert conds.items == [sheet_yellow] and cell.color is None


def _formats(ws):
    """A sheet's conditional formats as written: (range, [(priority, formula, colour)]) in file order."""
    return [(str(cf.sqref), [(r.priority, list(r.formula or []), _color(r) if r.dxf and r.dxf.fill else None)
                             for r in rules]) for cf, rules in ws.conditional_formatting._cf_rules.items()]


def test_marks_settled_once_per_sheet_equal_marks_made_one_by_one(tmp_path):
    """``apply_plan`` settles a sheet's mark formats once (priorities and order); the result must be
    what adding and removing the marks one edit at a time gives, whatever the mix and repeats."""
    import random

    from jixiao.excel.apply import _Marks, _mark_fill, _origin, apply_plan
    from jixiao.excel.plan import ClearMark, Plan, SetFill

    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], book)
    sheets = openpyxl.load_workbook(book).sheetnames
    cells = [f"{c}{r}" for c in "GHI" for r in range(14, 20)] + ["D8", "H7"]
    rnd = random.Random(39)
    for trial in range(6):
        edits = []
        for _ in range(40):
            sheet, cell = rnd.choice(sheets), rnd.choice(cells)
            edits.append(ClearMark(sheet, cell) if rnd.random() < 0.25 else SetFill(sheet, cell, rnd.choice([RED, YELLOW])))
        one, batch = openpyxl.load_workbook(book), openpyxl.load_workbook(book)
        for e in edits:   # the reference: every edit settled by itself
            ws = one[e.sheet]
            ref = _origin(ws, e.cell)   # a merged range's marks go on its first cell
            if isinstance(e, SetFill):
                _mark_fill(ws, ref, e.color)
            else:
                _Marks(ws).unmark(ref)
        apply_plan(batch, Plan(edits=edits))
        for name in sheets:
            assert _formats(batch[name]) == _formats(one[name]), (trial, name)
        reds = sum(1 for name in sheets for _, rules in _formats(batch[name]) for r in rules if r[2] == RED)
        assert reds > 0, trial   # the trial did mark something above the sheet's formats
