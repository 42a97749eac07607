"""Targets written as formulas in a file that stores no formula results.

python-calamine returns what a spreadsheet program computed and saved. A workbook written by
a script (openpyxl and the like) saves a formula such as ``=100%`` in a 年度指标值 or 实际完成值
cell without its result, so the cell reads blank and the target would be lost without a word.
For forms of other layouts read from .xlsx/.xlsm, the blank target and actual cells are looked
up once with openpyxl: a constant formula (``=100%``, ``=5``) is read as its constant, any
other formula stays blank; either way a "需要核对" note names the cell and the formula.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .note import Note

def read_only_book(path: str | Path) -> Any:
    """``path`` opened by openpyxl read-only, to look a few cells up (a formula, a number format), or None
    where openpyxl cannot: an .xls or .et, or a file calamine read and openpyxl refuses — its cells
    then stay as read."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException):
        return None


_CONSTANT = re.compile(r"=\s*([-+]?\d+(?:\.\d+)?\s*%?)\s*")
_ZH = {"target": "年度指标值", "actual": "实际完成值"}


def recover_formulas(path: str | Path, sheet_forms: list[Any]) -> int:
    """Fill in (and note) the formula cells of ``sheet_forms`` that read blank; returns how many."""
    todo = []
    for sf in sheet_forms:
        if sf.cells is None:
            continue  # our own template: its computed cells are ``uncached``'s job
        for i, ind in enumerate(sf.form.indicators):
            for k in ("target", "actual"):
                cell = sf.cells.get(f"indicators[{i}].{k}")
                if getattr(ind, k) is None and cell:
                    todo.append((sf, i, k, cell))
    wb = read_only_book(path) if todo else None
    if wb is None:
        return 0
    done = 0
    try:
        for sf, i, k, cell in todo:
            sheet = sf.sheet_of(f"indicators[{i}].{k}")   # the form's sheet, or its 续表 (``reading.continued``)
            away = sheet if sheet != sf.sheet else None
            if sheet not in wb.sheetnames:
                continue
            formula = wb[sheet][cell].value
            if not (isinstance(formula, str) and formula.startswith("=")):
                continue
            m = _CONSTANT.fullmatch(formula)
            if m:
                value = re.sub(r"\s+", "", m.group(1))
                inds = list(sf.form.indicators)
                inds[i] = inds[i].model_copy(update={k: value})
                sf.form = sf.form.model_copy(update={"indicators": inds})
                sf.notes.append(Note(cell, f"{_ZH[k]}是公式“{formula}”，文件中没有保存计算结果：按“{value}”读，需要核对",
                                     sheet=away))
            else:
                sf.notes.append(Note(cell, f"{_ZH[k]}是公式“{formula}”，文件中没有保存计算结果：按空白读，需要核对",
                                     sheet=away))
            done += 1
    finally:
        wb.close()
    return done
