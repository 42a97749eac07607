"""A computed cell of the 部门整体 and 评价 forms' 总分 row cleared by hand (stop 68, as the project form's 执行率得分).

The 总分 (总计得分), the 总分行的分值 and the 等级 cleared (no formula, no value) read as blank and nothing was said:
the sheet showed an empty 总分, and the 评价表's 等级 was graded from the twin's 总计 (“良”) where its formula showed
nothing. Now each is an error on its cell that says it is empty and what it should be, and the 等级 reads as the
sheet shows it. A formula saved without its result (as ``fill`` writes the workbook) is still computed."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES
from dept_helpers import zizhou_json
from jixiao.checking.run import check_paths
from jixiao.cli import main
from jixiao.sources import load_one

FENGTAI = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "fengtai-2023-evaluation" / "form.json"


def _dept_book(tmp_path: Path) -> Path:
    src = tmp_path / "部门整体.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    return book


def _eval_book(tmp_path: Path) -> Path:
    book = tmp_path / "评价.xlsx"
    assert main(["fill", str(FENGTAI), "-o", str(book)]) == 0
    return book


def _form(path: Path, kind: str):
    items, _errors = load_one(path)
    (form,) = [it.form for it in items if type(it.form).__name__ == kind]
    return form


def _sheet_index(book: Path, kind: str) -> int:
    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    return next(i for i, n in enumerate(names) if n.startswith("部门整体")) if kind == "DeptForm" else 0


def _cleared(book: Path, kind: str, refs: list[str], out: Path) -> Path:
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[_sheet_index(book, kind)]
    for ref in refs:
        assert str(ws[ref].value).startswith("="), (ref, ws[ref].value)   # the template's formula, before
        ws[ref].value = None
    wb.save(out)
    return out


def _at(path: Path, *cells: str) -> dict[str, list]:
    found = check_paths([str(path)])[1].findings
    return {c: [f for f in found if f.cell == c and f.sheet != "项目支出绩效自评表"] for c in cells}


# (kind, book, 分值 cell, 总分 cell, 等级 cell, the rule of a blank total, of a blank 等级, the total's label)
KINDS = [("DeptForm", _dept_book, "H31", "I31", "J31", "F6", "F13", "总分"),
         ("EvalForm", _eval_book, "I21", "J21", "K21", "V5", "V9", "总计得分")]


@pytest.mark.parametrize("kind, book, wcell, tcell, gcell, blank_rule, grade_rule, label", KINDS)
def test_a_cleared_total_row_cell_is_an_error_on_it(tmp_path, kind, book, wcell, tcell, gcell, blank_rule,
                                                     grade_rule, label):
    src = book(tmp_path)
    whole = _form(src, kind)   # the form as its formulas (saved without results) compute it
    assert isinstance(whole.total_score, (int, float)) and whole.grade and whole.total_weight == 100
    out = _cleared(src, kind, [wcell, tcell, gcell], tmp_path / "清空.xlsx")
    at = _at(out, wcell, tcell, gcell)
    assert [(f.rule, f.severity) for f in at[tcell]] == [(blank_rule, "error")], at
    said = at[tcell][0].message
    assert said.startswith(f"{label}未填写：单元格中没有公式，也没有数字"), said
    assert at[tcell][0].expected == whole.total_score and f"从模板复制{label}的公式" in said, said
    assert [(f.rule, f.expected) for f in at[wcell]] == [(blank_rule, 100)], at
    assert [(f.rule, f.expected) for f in at[gcell]] == [(grade_rule, whole.grade)], at
    assert f"应为“{whole.grade}”" in at[gcell][0].message and "没有公式，也没有等级" in at[gcell][0].message, at
    from jixiao.core.findings import says_blank

    # the 校验结果 sheet's, the 清单's and the notice's 表中为 say “空白”
    assert all(says_blank(f.cell, f.found, f.message) for c in at for f in at[c]), at


@pytest.mark.parametrize("kind, book, wcell, tcell, gcell, blank_rule, grade_rule, label", KINDS)
def test_the_grade_formula_reads_a_cleared_total_as_the_sheet_does(tmp_path, kind, book, wcell, tcell, gcell,
                                                                   blank_rule, grade_rule, label):
    """Only the total cleared: the 等级 formula (ISNUMBER of the total) shows blank on the sheet, and the form reads
    it blank — the 评价表's twin computed the total and graded it “良”."""
    src = book(tmp_path)
    out = _cleared(src, kind, [tcell], tmp_path / "清空总分.xlsx")
    form = _form(out, kind)
    assert form.total_score is None and form.grade is None, (form.total_score, form.grade)
    at = _at(out, tcell, gcell)
    assert [f.rule for f in at[tcell]] == [blank_rule] and not at[gcell], at


@pytest.mark.parametrize("kind, book, wcell, tcell, gcell, blank_rule, grade_rule, label", KINDS)
def test_formulas_saved_without_results_are_still_computed(tmp_path, kind, book, wcell, tcell, gcell, blank_rule,
                                                           grade_rule, label):
    src = book(tmp_path)
    form = _form(src, kind)
    assert form.total_score is not None and form.grade is not None and form.total_weight is not None
    at = _at(src, wcell, tcell, gcell)
    assert not any(at.values()), at


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind, book, wcell, tcell, gcell, blank_rule, grade_rule, label", KINDS)
def test_a_total_cleared_in_libreoffice(tmp_path, kind, book, wcell, tcell, gcell, blank_rule, grade_rule, label):
    """Cleared in a spreadsheet program (LibreOffice, results stored): the 等级 formula's result is blank, the
    total is an error on its cell."""
    from conftest import need_libreoffice
    from lo_basic import run_basic

    need_libreoffice()
    src = book(tmp_path)
    whole = _form(src, kind)
    out = tmp_path / "清空后.xlsx"
    run_basic(src, out, f"  sh = doc.Sheets.getByIndex({_sheet_index(src, kind)})\n  sh.unprotect(\"\")\n"
              f'  sh.getCellRangeByName("{tcell}").clearContents(1 + 2 + 4 + 16)\n', tmp_path / "profile")
    wb = openpyxl.load_workbook(out)
    assert wb.worksheets[_sheet_index(src, kind)][tcell].value is None
    form = _form(out, kind)
    assert form.total_score is None and form.grade is None and form.total_weight == 100, form
    at = _at(out, tcell, gcell)
    assert [(f.rule, f.expected) for f in at[tcell]] == [(blank_rule, whole.total_score)], at
    assert not at[gcell], at


# ----------------------------------------------------------------------------- a 部门整体 计算值 cleared by hand

def _measure_checked(out: Path, whole) -> None:
    form = _form(out, "DeptForm")
    i = next(k for k, ind in enumerate(form.indicators) if ind.name == "在职人员控制率")
    lost = whole.indicators[i].score
    assert isinstance(lost, (int, float)) and lost > 0
    # the 得分 formula reads G69 blank and shows nothing; the 总分 the sheet shows leaves it out
    assert form.indicators[i].score is None, form.indicators[i]
    assert form.total_score == pytest.approx(whole.total_score - lost), (form.total_score, whole.total_score)
    at = _at(out, "I11", "I31")
    assert [f.rule for f in at["I11"]] == ["F6"], at
    said = at["I11"][0].message
    assert "计算值 G69 中没有公式" in said and "从模板复制 G69 的公式" in said and "只填了数字" not in said, said
    from jixiao.core.findings import says_blank

    assert says_blank(at["I11"][0].cell, at["I11"][0].found, said), said   # its 表中为 says “空白”
    assert not at["I31"], at   # the 总分 is the sum of the scores on the sheet


def test_a_cleared_measure_leaves_its_score_blank_as_the_sheet_does(tmp_path):
    """The 在职人员控制率's 计算值 G69 cleared: its 得分 formula I11 shows blank on the sheet (COUNT($G$69)=0) and the
    总分 leaves it out; the twin computed it from the figures (5 分, a 总分 5 above the sheet's) and F6 said to check
    the figures were numbers."""
    src = _dept_book(tmp_path)
    whole = _form(src, "DeptForm")
    _measure_checked(_cleared(src, "DeptForm", ["G69"], tmp_path / "清空计算值.xlsx"), whole)


@pytest.mark.libreoffice
def test_a_measure_cleared_in_libreoffice(tmp_path):
    from conftest import need_libreoffice
    from lo_basic import run_basic

    need_libreoffice()
    src = _dept_book(tmp_path)
    whole = _form(src, "DeptForm")
    out = tmp_path / "清空后.xlsx"
    run_basic(src, out, f"  sh = doc.Sheets.getByIndex({_sheet_index(src, 'DeptForm')})\n  sh.unprotect(\"\")\n"
              '  sh.getCellRangeByName("G69").clearContents(1 + 2 + 4 + 16)\n', tmp_path / "profile")
    _measure_checked(out, whole)
