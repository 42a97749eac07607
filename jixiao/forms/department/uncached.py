"""Formula results for 部门整体 sheets saved without them (files written by code, not by Excel).

As ``project.uncached`` for the project form: a workbook our own commands wrote with openpyxl
(``calc -o``, ``check --annotate``, the linked copy ``summarize -o`` writes) stores the form's
formulas with no results, so the formula-scored 得分 and the 总分 row read as blank, and 校验 said
“得分公式没有算出结果” (F6) where Excel, WPS or LibreOffice show the score. Where such a cell
holds a formula, its result is computed by the formulas' Python twins (``scoring.formula_score``,
the totals as ``sheet._fill`` caches them): the numbers a spreadsheet program would show. A cell
that holds a number, or a formula whose twin computes nothing (a figure missing), stays blank.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Collection

from .reader import DeptSheetForm

TOTALS = {"total_weight": "H", "total_score": "I", "grade": "J"}


def _missing(sf: DeptSheetForm) -> bool:
    f = sf.form
    return any(ind.score is None for ind in f.indicators) or any(getattr(f, k) is None for k in TOTALS)


def fill_uncached(path: str | Path, forms: list[DeptSheetForm]) -> int:
    """Compute the blank formula cells of these sheets in place; returns how many forms changed."""
    from ..sheetform import complete_from_sheets

    return complete_from_sheets(path, [sf for sf in forms if _missing(sf)],
                                lambda sf, ws: _complete(sf, _cells(ws), lambda ref: ws[ref].value is None))


def _cells(ws: Any) -> dict[str, str]:
    """The text of the sheet: its formulas (得分, 分值, 总分, 等级) and text typed in — in any column, as
    the figures the formulas read stand in several (编制人数 in E6 beside the table's F–J)."""
    out = {}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and getattr(c, "coordinate", None):
                out[c.coordinate] = c.value
    return out


def _complete(sf: DeptSheetForm, cells: dict[str, str], empty: Callable[[str], bool] = lambda _ref: False) -> bool:
    from .scoring import formula_inputs, formula_score, grade_of
    from ...core.grades import DEFAULT_BANDS, formula_bands

    formulas = {ref for ref, v in cells.items() if v.startswith("=")}
    texts = set(cells) - formulas   # read as numbers where they can be; formulas skip them
    form = sf.form
    inds = [ind.model_copy() for ind in form.indicators]
    changed = False
    for i, (ind, r) in enumerate(zip(inds, sf.ind_rows)):
        if ind.score is None and f"I{r}" in formulas:
            _x, score, std = formula_score(form, i)
            if std is not None and any(_cell(sf, path) in texts for path, _label in formula_inputs(std, ind.rule)):
                continue  # a figure typed as text (“6人”): read as 6, but the formula skips it and shows nothing
            if std is not None and measure_cleared(sf, ind.rule, formulas, empty):
                continue  # its 计算值 cleared by hand: the formula reads it blank and shows nothing (s68)
            if score is not None:
                ind.score, changed = score, True
    update: dict[str, Any] = {"indicators": inds} if changed else {}
    t = sf.rows.get("total")
    if t:
        blank = {k for k, col in TOTALS.items() if getattr(form, k) is None and f"{col}{t}" in formulas}
        # as SUM adds them: the numbers of the column, not text read as one
        weights = [i.weight for i, r in zip(inds, sf.ind_rows) if _number(i.weight) and f"H{r}" not in texts]
        scores = [i.score for i, r in zip(inds, sf.ind_rows) if _number(i.score) and f"I{r}" not in texts]
        total = form.total_score
        if "total_weight" in blank and weights:
            update["total_weight"] = sum(weights)
        if "total_score" in blank and scores:
            total = update["total_score"] = round(sum(scores), 10)
        if "grade" in blank and isinstance(total, (int, float)):
            # graded as the cell's own formula grades (written under a profile's bands, or the default)
            update["grade"] = grade_of(total, formula_bands(cells[f"J{t}"], f"I{t}") or DEFAULT_BANDS)
    if update:
        sf.form = form.model_copy(update=update)
    return bool(update)


def measure_cleared(sf: DeptSheetForm, key: str | None, formulas: Collection[str], empty: Callable[[str], bool]
                    ) -> bool:
    """The 计算值 cell of the standard ``key`` (the rate the 得分 formula reads, ``layout.measure_formula``) was
    cleared by hand: no formula and nothing in it, so the 得分 formula shows blank (``COUNT($G$69)=0``) and the
    sheet's 总分 leaves it out. The twins computed the rate from the figures: a 得分 of 5 and a 总分 of 95 counted
    where the sheet showed blank and 90."""
    ref = _cell(sf, f"standards.{key}.value") if key else None
    return ref is not None and ref not in formulas and empty(ref)


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _cell(sf: DeptSheetForm, path: str) -> str | None:
    try:
        return sf.cell(path)
    except KeyError:  # a field with no cell on this sheet: nothing typed there
        return None
