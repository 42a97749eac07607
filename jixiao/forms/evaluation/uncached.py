"""Formula results for 项目支出绩效评价表 sheets saved without them (files written by code, not by Excel).

As ``project.uncached`` and ``department.uncached`` for the other kinds: a workbook our own commands
wrote with openpyxl (``calc -o``, ``check --annotate``) or a script typed stores the 总计 row's
formulas (Σ分值, Σ得分, 等级) with no results, so they read as blank — and the 定稿 copy, written
from the forms as read, printed a 总计 row with no 分值, no 得分 and no 等级. Where such a cell holds
a formula, its result is computed by the formulas' Python twins (``layout.computed``): the numbers
a spreadsheet program would show. As ``SUM`` does, a score or 分值 typed as text (“4分”) is left out.
A form whose 总计 formulas carry any result was saved by a spreadsheet program: a blank there
showed blank and stays blank.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .reader import EvalSheetForm

TOTALS = EvalSheetForm.TOTAL_COL_OF   # total_weight/total_score/grade -> column of the 总计 row


def _missing(sf: EvalSheetForm) -> bool:
    return any(getattr(sf.form, k) is None for k in TOTALS)


def fill_uncached(path: str | Path, forms: list[EvalSheetForm]) -> int:
    """Compute the blank 总计 formula cells of these sheets in place; returns how many forms changed."""
    from ..sheetform import complete_from_sheets

    return complete_from_sheets(path, [sf for sf in forms if _missing(sf)], _complete)


def _complete(sf: EvalSheetForm, ws: Any) -> bool:
    from . import layout as V

    t = sf.rows.get("total")
    if not t:
        return False
    texts: set[str] = set()
    formulas: set[str] = set()
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and getattr(c, "coordinate", None):
                (formulas if c.value.startswith("=") else texts).add(c.coordinate)
    form = sf.form
    at_formula = [k for k, col in TOTALS.items() if f"{col}{t}" in formulas]
    if any(getattr(form, k) is not None for k in at_formula):
        return False  # results saved: a blank formula cell showed blank
    blank = [k for k in at_formula if getattr(form, k) is None]
    if not blank:
        return False
    lay = sf.layout
    env = V.form_env(form, lay)
    for i, r in enumerate(sf.ind_rows):  # as SUM adds them: the numbers of the column, not text read as one
        for fld in ("weight", "score"):
            if f"{V.IND_COL_OF[fld]}{r}" in texts:
                env[f"indicators[{i}].{fld}"] = None
    from ...core.computed import evaluate

    # a 总计 cell a 填报人 cleared (no formula, no value) shows blank, and the 等级's ISNUMBER reads it so: the twins
    # computed it, and a cleared 总计得分 was graded “良” on a sheet whose 等级 showed nothing (s68, as the project form)
    cleared = [k for k in TOTALS if k not in at_formula and getattr(form, k) is None]
    shown = evaluate(lay.computed(), env, {k: getattr(form, k) for k in TOTALS if k not in blank}, cleared)
    update = {k: shown[k] for k in blank if shown.get(k) not in (None, "")}
    if update:
        sf.form = form.model_copy(update=update)
    return bool(update)
