"""Number cells a spreadsheet shows as per cents, read as they show.

Excel and WPS keep “95%” typed into a cell that is not formatted as text as the number 0.95 with a
per-cent number format, and python-calamine gives the number, not the format. A 年度指标值 typed
“95%” so read as “0.95”: C12 asked for a unit the filler had written, quoting a number the sheet
never shows, and the scorer compared 0.95 with the 实际完成值. (An 实际完成值 against a target in per
cent is read from the target, ``values.stored_percent``; a target has nothing to be read against.)

Only where a form's 年度指标值 reads as a bare number — rare: our template formats the column as
text, and most targets carry a ≥ or a unit — the workbook's 年度指标值 and 实际完成值 cells that read
so are looked up once with openpyxl (read-only): a number shown with a per-cent format is read as it
shows (“95%”) and noted for the 填报人 to see. .xls and .et files keep the number (openpyxl cannot
read them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.values import as_percent
from .formulas import read_only_book
from .note import Note

__all__ = ["read_shown_percents"]

_BARE = re.compile(r"[-+]?\d+(?:\.\d+)?")
_ZH = {"target": "年度指标值", "actual": "实际完成值"}


def _bare_cells(sf: Any) -> list[tuple[int, str, str]]:
    """(indicator, field, cell) of the form's target and actual cells that read as a bare number."""
    out = []
    for i, ind in enumerate(sf.form.indicators):
        for k in ("target", "actual"):
            text = getattr(ind, k)
            if text and _BARE.fullmatch(text):
                try:
                    out.append((i, k, sf.cell(f"indicators[{i}].{k}")))
                except KeyError:
                    continue
    return out


def read_shown_percents(path: str | Path, sheet_forms: list[Any]) -> int:
    """Read the per-cent-formatted number cells of ``sheet_forms`` as they show; returns how many."""
    todo = [(sf, cells) for sf in sheet_forms if (cells := _bare_cells(sf))
            and any(k == "target" for _i, k, _c in cells)]
    wb = read_only_book(path) if todo else None
    if wb is None:
        return 0
    done = 0
    try:
        for sf, cells in todo:
            if sf.sheet not in wb.sheetnames:
                continue
            ws = wb[sf.sheet]
            inds = list(sf.form.indicators)
            for i, k, ref in cells:
                cell = ws[ref]
                v = cell.value
                if v.__class__ not in (int, float) or "%" not in str(cell.number_format or ""):
                    continue
                shown = as_percent(float(v))
                inds[i] = inds[i].model_copy(update={k: shown})
                sf.notes.append(Note(ref, f"{_ZH[k]}是数字 {getattr(sf.form.indicators[i], k)}（百分比格式，表中显示为"
                                          f"“{shown}”）：按“{shown}”读"))
                done += 1
            sf.form = sf.form.model_copy(update={"indicators": inds})
    finally:
        wb.close()
    return done
