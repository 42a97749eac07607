"""A grade the 填报人 typed over our template's 等级 formula.

The template's 等级 cell (``layout.FormLayout.foot_cells()["grade"]``, I34 on a form of 20
indicator rows) holds a formula on the 总分; a 填报人 may type a grade over it, and nothing read
it: a typed “优” beside a 总分 of 85 was never reported. The reader keeps what the cell shows
(``SheetForm.grade_shown``); here a shown grade that is not what the template's formula shows for
the 总分 (the default bands) is looked up: a value where the formula was is typed, kept in
``stated`` for rule D13 as another layout's 自评等级 is; a formula (one 计算 rewrote to other
bands, or another) is no finding — its result is the band of its own bands, and 计算 makes them
the profile's. A grade equal to the default formula's result is not looked up: each file would be
opened again for it (issue #18), and it is what the template shows anyway. Where the workbook
cannot tell (an .xls, .et or .ods file: no formulas are read from it), a grade that differs is
taken as typed — the sheet shows a grade its 总分 does not earn either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from ...core.grades import grade, grade_word

Formulas = Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]   # ``actions.Host.formulas``


def typed_grades(sheet_forms: Iterable[Any], formulas: Formulas) -> int:
    """Keep each typed 等级 of our template's sheet forms in ``stated["grade"]`` (see the module);
    ``formulas`` gives the formula text of (sheet, cell)s that hold one. Returns how many."""
    todo: list[tuple[Any, str]] = []
    for sf in sheet_forms:
        shown, total = getattr(sf, "grade_shown", None), sf.form.total_score
        if shown is None or not sf.native or total is None or grade_word(shown) == grade(total):
            continue
        todo.append((sf, sf.layout.foot_cells()["grade"]))
    if not todo:
        return 0
    held = formulas([(sf.sheet, cell) for sf, cell in todo])
    typed = [sf for sf, cell in todo if (sf.sheet, cell) not in held]
    for sf in typed:
        sf.stated["grade"] = sf.grade_shown
    return len(typed)


def formulas_in_file(path: str | Path) -> Formulas:
    """``Formulas`` of a workbook file: its cells read with openpyxl (read-only, once, when asked);
    none for a file it cannot read (an .xls, .et or .ods, a damaged one)."""
    def look(cells: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
            return {}
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True)
        except Exception:  # noqa: BLE001 - calamine read it, openpyxl cannot: no formula known
            return {}
        out: dict[tuple[str, str], str] = {}
        try:
            for sheet, ref in cells:
                if sheet in wb.sheetnames:
                    c = wb[sheet][ref]
                    if getattr(c, "data_type", None) == "f":   # an array formula's value is no str
                        out[(sheet, ref)] = str(getattr(c.value, "text", c.value))
        finally:
            wb.close()
        return out
    return look
