"""A 等级 the 部门整体 sheet's own formula shows is no 等级 written.

Our template grades the 总分 by a formula (``layout.total_formulas``), made under the bands of the
profile in force when it was written (90/80/60 in the committed template). The reader takes the
cell's result as the form's ``grade``, as it takes a 等级 typed there. The two are not the same
thing: a typed 等级 is the 填报人's claim, checked against the 总分 (F13); a formula's result is
the formula's, right under its own bands. Under a bureau's other bands (“优≥80”) the template's
formula still shows 良 for 85 until 计算 rewrites it; the check, the 汇总表, the reports and the
定稿 copy then grade the 总分 under the bureau's bands, as they do the project form's
(``project.typed``), instead of reading 良 as a written error.

``formula_grades`` looks up the formulas of the 等级 cells once per workbook and marks a sheet form
whose shown 等级 is what our formula computes from the 总分 beside it (``DeptSheetForm.grade_formula``,
the formula's bands). The form keeps the 等级 it shows (``read --json``, a JSON written back, are as
before); ``regraded`` is the form as its sheet shows it once 计算 has rewritten that formula to the
profile's bands: what the check, the 汇总表, the reports and the 定稿 copy take.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ...core.grades import Bands, formula_bands, grade, grade_word
from ...core.numbers import is_number

Formulas = Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]   # ``actions.Host.formulas``

__all__ = ["formula_grades", "formulas_gone", "regraded"]


def formula_grades(sheet_forms: Iterable[Any], formulas: Formulas) -> int:
    """Mark each sheet form whose 等级 cell holds our grade formula and shows what it computes
    (``core.grades.formula_bands``): ``grade_formula``, the formula's bands; returns how many.
    ``formulas`` gives the formula text of (sheet, cell)s that hold one."""
    todo: list[tuple[Any, str, str]] = []
    for sf in sheet_forms:
        f, t = sf.form, sf.rows.get("total")
        if t and f.grade and grade_word(f.grade) and is_number(f.total_score):
            todo.append((sf, sf.cell("grade"), sf.cell("total_score")))
    if not todo:
        return 0
    held = formulas([(sf.sheet, cell) for sf, cell, _total in todo])
    done = 0
    for sf, cell, total in todo:
        bands = formula_bands(held.get((sf.sheet, cell)), total)
        if bands is not None and grade_word(sf.form.grade) == grade(sf.form.total_score, bands):
            sf.grade_formula = bands
            done += 1
    return done


def regraded(form: Any, sheet_form: Any, bands: Bands) -> Any:
    """``form`` with the 等级 its sheet's formula (``grade_formula``) shows under ``bands``: as 计算
    rewrites that formula; a 等级 written stays as written."""
    if getattr(sheet_form, "grade_formula", None) is None or form.grade is None:
        return form
    now = grade(form.total_score, bands)
    return form if now == form.grade else form.model_copy(update={"grade": now})


def formulas_gone(sheet_forms: Iterable[Any], formulas: Formulas) -> int:
    """Mark each sheet form whose blank 得分 of a formula indicator (one our template scores by a formula:
    its key in the rule column) holds no formula at all (``DeptSheetForm.formula_gone``, the indicators'
    indexes); returns how many forms. Why: F6 told the 填报人 who had cleared such a cell (to type a score,
    then left it) that “得分公式没有算出结果，请核对……是否只填了数字”, of a formula no longer there.
    ``formulas`` gives the formula text of (sheet, cell)s that hold one. Its silence means “no formula”
    only where it sees formulas in the workbook at all: the 总分 row's 分值 and 得分 totals are asked with
    the scores, and where not one of the cells asked holds a formula (an .xls it cannot look into, a form
    whose every formula was typed over) nothing is marked."""
    todo: list[tuple[Any, int, str]] = []
    for sf in sheet_forms:
        for i, ind in enumerate(sf.form.indicators):
            if ind.rule and ind.score is None:
                todo.append((sf, i, sf.cell(f"indicators[{i}].score")))
    if not todo:
        return 0
    totals = {(sf.sheet, sf.cell(path)) for sf, _i, _c in todo for path in ("total_weight", "total_score")}
    held = formulas(sorted({(sf.sheet, cell) for sf, _i, cell in todo} | totals))
    if not held:
        return 0
    marked = set()
    for sf, i, cell in todo:
        if (sf.sheet, cell) not in held:
            sf.formula_gone = [*sf.formula_gone, i]
            marked.add(id(sf))
    return len(marked)
