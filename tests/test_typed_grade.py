"""A grade typed over our template's 等级 formula (I34 on a form of 20 indicator rows) is read and
held to the 总分 (D13), on its cell: it was never read, so a typed “优” beside a 总分 of 85 went
unreported by ``check``, the 校验 button and the review alike. The formula itself, whatever it shows,
is no finding; nor is a typed grade the 总分 earns."""

from __future__ import annotations

import json

import openpyxl
import pytest

from jixiao import actions
from jixiao.actions import FileHost
from jixiao.cli import main
from test_grade_bands import BANDS80_FORMULA, _template_with_total


def _typed(tmp_path, name: str, grade, total: int = 85, profile: str | None = None):
    book = _template_with_total(tmp_path / f"{name}.xlsx", total, profile)
    wb = openpyxl.load_workbook(book)
    # the indicator's score (total − 10 of 90) is the one its values give (100 of ≥120 人次 for 75): a 总分
    # that is right, so the typed grade is held to it (where D11 corrects the 总分, D13 holds the grade to
    # the corrected one: test_eval_grade_s58)
    wb.worksheets[0]["E14"] = f"≥{90 * 100 / (total - 10):g} 人次"
    if grade is not None:
        wb.worksheets[0]["I34"] = grade
    wb.save(book)
    return book


def _d13(findings) -> list[tuple[str, str, str]]:
    return [(f["cell"], f["message"], f["expected"]) for f in findings if f["rule"] == "D13"]


def _check(book, capsys) -> list[tuple[str, str, str]]:
    capsys.readouterr()
    main(["check", str(book), "--json"])
    return _d13(json.loads(capsys.readouterr().out))


def test_check_reads_a_grade_typed_over_the_formula(tmp_path, capsys):
    assert _check(_typed(tmp_path, "优", "优"), capsys) == [("I34", "总分 85 分对应的等级为“良”，表中为“优”", "良")]
    assert _check(_typed(tmp_path, "优秀", "优秀"), capsys) == [("I34", "总分 85 分对应的等级为“良”，表中为“优秀”", "良")]
    assert _check(_typed(tmp_path, "良", "良"), capsys) == []          # the grade the 总分 earns
    assert _check(_typed(tmp_path, "良好", "良好"), capsys) == []
    assert _check(_typed(tmp_path, "公式", None), capsys) == []         # the template's formula
    assert _check(_typed(tmp_path, "合格", "合格"), capsys) == [
        ("I34", "总分 85 分对应的等级为“良”，表中为“合格”，不是等级分段（优、良、中、差）中的等级", "良")]


def test_the_formula_is_found_by_the_layout_not_at_i34(tmp_path, capsys):
    """A form with two rows inserted for more indicators: its 总分 row is 36, its 等级 I36."""
    book = _typed(tmp_path, "插行", None)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.insert_rows(20, 2)
    ws["H36"] = "=IF(COUNT(H7,H14:H35)=0,\"\",SUM(H7,H14:H35))"
    ws["G36"] = "=IF(COUNT(F7,G14:G35)=0,\"\",SUM(F7,G14:G35))"
    ws["I36"] = "优"
    wb.save(book)
    assert [(c, e) for c, _m, e in _check(book, capsys)] == [("I36", "良")]


def test_under_other_bands_a_typed_grade_they_give_is_no_finding(tmp_path, capsys):
    """Under “优≥80” (the 设置's 评分方案) 85 is 优: a typed 优 is right, and the formula 计算 rewrote
    to those bands (showing 优) is a formula — no finding either way."""
    assert _check(_typed(tmp_path, "优80", "优", profile="优≥80"), capsys) == []
    book = _typed(tmp_path, "优80公式", BANDS80_FORMULA, profile="优≥80")
    assert _check(book, capsys) == []


def test_a_formula_showing_another_grade_is_no_typed_grade(tmp_path, capsys):
    """A file whose 等级 formula (rewritten by 计算 under “优≥80”) shows 优 for 85, checked under the
    default bands: the cell shows what its own formula gives, not a typed grade — looked up, and left to
    计算 (which rewrites the formula to the bands in force). A typed 优 there is reported."""
    from jixiao.excel.cache import inject

    book = _typed(tmp_path, "缓存", BANDS80_FORMULA)
    sheet = openpyxl.load_workbook(book).sheetnames[0]
    inject(book, {sheet: {"I34": "优"}})   # the result a spreadsheet program stored
    assert _check(book, capsys) == []
    typed = _typed(tmp_path, "缓存-手填", "优")
    assert [c for c, _m, _e in _check(typed, capsys)] == ["I34"]


def test_the_check_button_marks_the_typed_grade(tmp_path):
    """校验 on the file (FileHost) and on an open workbook (a host that is no file: formulas from the
    host, results as Excel computed them) both report it on I34."""
    book = _typed(tmp_path, "按钮", "优")
    result, _plan = actions.check(FileHost(str(book), str(tmp_path / "out.xlsx")))
    assert [(f.rule, f.cell) for f in result.findings if f.rule == "D13"] == [("D13", "I34")]

    class OpenBook:   # Excel: the values it calculated, the formulas it holds
        path = str(book)

        def __init__(self):
            self.file = FileHost(str(book), str(tmp_path / "open.xlsx"))
            self.asked: list = []

        def sheet_values(self):
            values = self.file.sheet_values()
            rows = values[openpyxl.load_workbook(book).sheetnames[0]]
            rows[6][6:8], rows[33][6:8] = [1, 10], [100, 85]   # G7:H7 and G34:H34, as Excel shows them
            return values

        def formulas(self, cells):
            self.asked.append(list(cells))
            return self.file.formulas(cells)

        def hidden_sheets(self):
            return self.file.hidden_sheets()

        def notes(self, cells):
            return {}

        def apply(self, plan):
            pass

    host = OpenBook()
    result, _plan = actions.check(host)
    assert [(f.rule, f.cell, f.found) for f in result.findings if f.rule == "D13"] == [("D13", "I34", "优")]
    assert host.asked == [[(openpyxl.load_workbook(book).sheetnames[0], "I34")]]


@pytest.mark.parametrize("grade", ["良", None])
def test_a_grade_the_formula_would_show_is_not_looked_up(tmp_path, grade, monkeypatch):
    """The formula's own result is not looked up (no file opened again for it, issue #18)."""
    from jixiao.forms.project import typed

    opened = []
    monkeypatch.setattr(typed, "formulas_in_file", lambda path: lambda cells: opened.append(cells) or {})
    book = _typed(tmp_path, f"查{grade}", grade)
    from jixiao.sources import load_one
    from pathlib import Path

    load_one(Path(book))
    assert opened == []
