"""Number cells a spreadsheet shows as per cents, read as they show.

Excel and WPS keep “95%” typed into a cell that is not formatted as text as the number 0.95 with a
per-cent number format, and python-calamine gives the number, not the format. A 年度指标值 typed
“95%” so read as “0.95”: C12 asked for a unit the filler had written, quoting a number the sheet
never shows, and the scorer compared 0.95 with the 实际完成值. (An 实际完成值 against a target in per
cent is read from the target, ``values.stored_percent``; a target has nothing to be read against.)

Only where a form's 年度指标值 reads as a bare number — rare: our template formats the column as
text, and most targets carry a ≥ or a unit — the workbook's 年度指标值 and 实际完成值 cells that read
so are looked up once, with openpyxl (read-only) in an .xlsx or .xlsm and with xlrd in an .xls or .et
(WPS 表格 saves the Excel 97–2003 format under its own name): a number shown with a per-cent format is
read as it shows (“95%”) and noted for the 填报人 to see.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.values import as_percent
from .formulas import read_only_book
from .note import Note

__all__ = ["number_formats", "read_shown_percents"]

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


def _sheet(sf: Any, i: int, k: str) -> str:
    """The sheet of an indicator's cell: the form's, or its 续表's (``reading.continued``)."""
    return str(sf.sheet_of(f"indicators[{i}].{k}"))


def read_shown_percents(path: str | Path, sheet_forms: list[Any]) -> int:
    """Read the per-cent-formatted number cells of ``sheet_forms`` as they show; returns how many."""
    todo = [(sf, cells) for sf in sheet_forms if (cells := _bare_cells(sf))
            and any(k == "target" for _i, k, _c in cells)]
    if not todo:
        return 0
    shown_as = number_formats(path, {(_sheet(sf, i, k), ref) for sf, cells in todo for i, k, ref in cells})
    done = 0
    for sf, cells in todo:
        inds = list(sf.form.indicators)
        for i, k, ref in cells:
            sheet = _sheet(sf, i, k)
            v, number_format = shown_as.get((sheet, ref), (None, ""))
            if v.__class__ not in (int, float) or "%" not in number_format:
                continue
            shown = as_percent(float(v))
            inds[i] = inds[i].model_copy(update={k: shown})
            sf.notes.append(Note(ref, f"{_ZH[k]}是数字 {getattr(sf.form.indicators[i], k)}（百分比格式，表中显示为"
                                      f"“{shown}”）：按“{shown}”读", sheet=sheet if sheet != sf.sheet else None))
            done += 1
        sf.form = sf.form.model_copy(update={"indicators": inds})
    return done


def number_formats(path: str | Path, cells: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[Any, str]]:
    """(value, number format) of each (sheet, cell) asked for, by the engine that reads the file's kind;
    none where neither can (the cells then stay as calamine read them). Also ``time_cells``'s look-up."""
    if Path(path).suffix.lower() in (".xls", ".et"):
        return _xls_formats(path, cells)
    wb = read_only_book(path)
    if wb is None:
        return {}
    got: dict[tuple[str, str], tuple[Any, str]] = {}
    try:
        for sheet, ref in cells:
            if sheet in wb.sheetnames:
                cell = wb[sheet][ref]
                got[sheet, ref] = (cell.value, str(cell.number_format or ""))
    finally:
        wb.close()
    return got


def _xls_formats(path: str | Path, cells: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[Any, str]]:
    """``number_formats`` of an Excel 97–2003 workbook (.xls, or WPS's .et), with xlrd's formatting records.
    Any file xlrd cannot read (a package named .xls, a password, a record it does not know) gives none."""
    import xlrd
    from openpyxl.utils.cell import coordinate_to_tuple

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception:      # xlrd raises its own errors, struct's and others on a file it cannot parse
        return {}
    got: dict[tuple[str, str], tuple[Any, str]] = {}
    try:
        names = set(book.sheet_names())
        for sheet, ref in cells:
            if sheet not in names:
                continue
            ws = book.sheet_by_name(sheet)
            r, c = coordinate_to_tuple(ref)
            if r > ws.nrows or c > ws.ncols:
                continue
            cell = ws.cell(r - 1, c - 1)
            fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
            # a date or time cell holds its fraction of a day too (``time_cells``: “1:10” stored as 01:10)
            value = cell.value if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE) else None
            got[sheet, ref] = (value, fmt.format_str if fmt is not None else "")
    except Exception:
        return got
    finally:
        book.release_resources()
    return got
