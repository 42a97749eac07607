"""Formula results for workbooks saved without them (files written by code, not by Excel).

python-calamine returns what a spreadsheet program computed and stored; a workbook written
by a script (openpyxl and the like) stores formulas with no results, so the computed cells
of the form (执行率, 执行率得分, Σ分值, 总分) read as blank. For checking and summarizing
we then open such a file with openpyxl, confirm that those cells hold the template's
formulas, and compute them with the formulas' Python twins (``layout.evaluate``) — the
numbers Excel would show. ``jixiao read`` does not do this: it returns what the file holds.

A form whose formula cells carry any result was saved by a spreadsheet program: a formula
cell of it that reads blank showed blank (calamine reads a result "" as blank too) and
stays blank. The twin would count a number typed as text (“100万元”) that the formula left
out, and the 定稿 copy would show a 执行率得分 the workbook never showed. Where no result is stored, the
twins read such a cell as the formulas do: not at all (``_as_excel_reads``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import layout as L
from .reader import SheetForm

COMPUTED = ("exec_rate", "exec_score", "total_weight", "total_score")


def missing(sf: SheetForm) -> list[str]:
    return [f for f in COMPUTED if getattr(sf.form, f) is None]


def fill_uncached(path: str | Path, forms: list[SheetForm]) -> int:
    """Compute blank formula cells of our template's sheets in place; returns how many forms
    were completed. Sheets of other layouts, and cells that hold no formula, are left alone."""
    from ..sheetform import complete_from_sheets

    todo = [sf for sf in forms if missing(sf) and sf.layout is not None and not getattr(sf, "cells", None)]
    return complete_from_sheets(path, todo, _complete)


def _complete(sf: SheetForm, ws: Any) -> bool:
    assert sf.layout is not None   # ``fill_uncached`` keeps our template's sheets
    cells = {f: sf.layout.cell(f) for f in COMPUTED}
    formulas = [f for f, ref in cells.items() if isinstance(v := ws[ref].value, str) and v.startswith("=")]
    if any(getattr(sf.form, f) is not None for f in formulas):
        return False  # results saved: a blank formula cell showed blank (a number typed as text left out)
    blank = [f for f in missing(sf) if f in formulas]
    if not blank:
        return False
    form = sf.form
    # a computed cell a 填报人 cleared (no formula, no value) shows blank, and the 总分's SUM leaves it out: the
    # twins computed it, and a cleared 执行率得分 was counted in a 总分 the workbook never showed (s68)
    cleared = [f for f in missing(sf) if f not in formulas]
    shown = L.evaluate(_as_excel_reads(L.form_env(form), sf), {f: getattr(form, f) for f in COMPUTED if f not in blank},
                       cleared=cleared)
    updates = {f: shown[f] for f in blank if shown.get(f) is not None}
    if updates:
        sf.form = form.model_copy(update=updates)
    return bool(updates)


def _as_excel_reads(env: dict[str, Any], sf: SheetForm) -> dict[str, Any]:
    """``env`` with each number written as text (“18分”, “满分”, “20万元”: an X2 note on its cell) blank, as the
    template's formulas read it: SUM and ISNUMBER skip text, so Excel's 总分 leaves “18分” out — the twins counted it
    (87.47, 良, where Excel showed 59.47, 差)."""
    from ...guard.sanitize import TextNumber

    text = {n.cell for n in getattr(sf, "notes", None) or () if isinstance(n, TextNumber) and n.cell}
    if not text or sf.layout is None:
        return env
    cell = sf.layout.cell
    for key, attr in (("scores", "score"), ("weights", "weight")):
        env[key] = [None if cell(f"indicators[{i}].{attr}") in text else v for i, v in enumerate(env[key])]
    for path in [p for p in env if p.startswith("funds")]:
        if cell(path) in text:
            env[path] = None
    return env


def results_after(sf: SheetForm, scores: dict[int, Any], after: dict[str, Any], bands: Any) -> dict[str, Any]:
    """cell -> result of each computed cell (执行率 … 等级) of ``sf``'s sheet that holds a formula, after 计算 put
    ``scores`` (indicator index -> the score written) in: what Excel shows on opening, stored in the copy so that a
    viewer that does not calculate (a phone, a preview, a fast reader) shows the new 总分 and 等级 — the copy's
    changed sheets were left without any result. ``after``: field -> the formula text its cell holds after the
    edits, or the number they put there (a 执行率 typed as text made a number); a cell not named holds what the
    form read. A number typed over a formula stands, as in Excel. Our template only; another layout's own cells, and a
    sheet where a formula cell was cleared or holds words (what its readers compute is not the twins'), leave the
    results to the program that opens the copy, as before."""
    if not sf.native:
        return {}
    fields = [c.field for c in L.computed(bands)]
    held = [f for f in fields if isinstance(after.get(f), str) and after[f].startswith("=")]
    typed = {f: after.get(f, getattr(sf.form, f)) for f in COMPUTED if f not in held}
    if not held or any(not isinstance(v, (int, float)) or isinstance(v, bool) for v in typed.values()):
        return {}
    form = sf.form
    if scores:
        inds = [ind.model_copy(update={"score": scores[k]}) if k in scores else ind
                for k, ind in enumerate(form.indicators)]
        form = form.model_copy(update={"indicators": inds})
    shown = L.evaluate(L.form_env(form), typed, bands)
    return {sf.layout.cell(f): shown[f] for f in held if shown.get(f) is not None}
