"""Ratios a spreadsheet stored as times of day, read back as the 填报人 typed them.

Excel, WPS and LibreOffice take “1:10” typed into a cell not formatted as text (a 师生比 1:10, a 配套比例
1:2) for the time 01:10: they store the fraction of a day 0.0486 and give the cell a time format (Excel and
WPS “h:mm”, LibreOffice “hh:mm:ss” or “hh:mm:ss AM/PM” by its locale, “[hh]:mm:ss” past 24 hours as in “30:1”,
“mm:ss.00” for “1:1.5”). python-calamine then gives ``datetime.time(1, 10)``, which the reader wrote
“01:10:00”, and the rules read a time of day: a 完成值 “1:12” against “1:10” was “逾期 2 分钟” and scored
9.71 of 10; the report printed “指标值01:10:00”.

Only where a form's 年度指标值 or 实际完成值 reads as a time of day alone are the cells looked up (with
openpyxl read-only in an .xlsx or .xlsm, xlrd in an .xls or .et, as ``percent_cells`` does): a cell of a time
format whose time is a ratio no form means as a time (``core.values.typed_ratio``: “1:10”, “10:1”, “30:1”,
not “17:30”) is read as that ratio, and a note on the cell tells the 填报人 how to type it so that every
program keeps it as typed. A time that may be a time of day (“17:30”, “8:30”) stays one, as before.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from ..core.dates import time_only
from ..core.values import parse_value, typed_ratio, typed_target_as, typed_time_as
from ..guard.sanitize import TypedRatio
from .percent_cells import number_formats

__all__ = ["read_open_ratios", "read_typed_ratios", "time_ratio"]

_ZH = {"target": "年度指标值", "actual": "实际完成值"}
_DAYS = re.compile(r"\d{2,}:\d\d:\d\d")   # a span past 24 hours as read (``core.dates.span_text``): “30:01:00”
# what a number format shows but does not count: quoted text, escapes, [$-804] locales, colours, AM/PM
_NOT_PARTS = re.compile(r'"[^"]*"|\\.|\[\$[^]]*\]|\[(?:red|black|blue|green|white|yellow|magenta|cyan|color\d+)\]'
                        r"|am/pm|a/p|上午/下午", re.IGNORECASE)


def _seconds(v: Any) -> float | None:
    """The seconds a time cell holds: a time, a span (past 24 hours) or the fraction of a day xlrd gives."""
    if isinstance(v, _dt.datetime):
        return None                      # a day and a time: a date, not a time typed alone
    if isinstance(v, _dt.time):
        return v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
    if isinstance(v, _dt.timedelta):
        return v.total_seconds()
    if v.__class__ in (int, float):
        return float(v) * 86400
    return None


def time_ratio(value: Any, number_format: str) -> str | None:
    """The ratio the 填报人 typed into a cell that holds ``value`` in the time format ``number_format``
    (“1:10” of 01:10 in “h:mm” or “hh:mm:ss”, “1:1.5” of 00:01:01.5 in “mm:ss.00”), or None: no time format,
    a time that was typed with seconds, or one that may be a time of day (``typed_ratio``)."""
    f = _NOT_PARTS.sub("", number_format or "").lower()
    secs = _seconds(value)
    if ":" not in f or "y" in f or "d" in f or secs is None or secs < 0:
        return None
    secs = round(secs, 3)
    if "h" in f:                         # hours and minutes: “1:10” is 01:10
        hours, rest = divmod(secs, 3600)
        minutes, seconds = divmod(rest, 60)
        return typed_ratio(hours, minutes) if seconds == 0 else None
    if "s" in f:                         # minutes and seconds: “1:1.5” is 00:01:01.5
        minutes, seconds = divmod(secs, 60)
        return typed_ratio(minutes, round(seconds, 3))
    return None


def _time_cells(sf: Any) -> list[tuple[int, str, str]]:
    """(indicator, field, cell) of the form's target and actual cells that read as a time alone."""
    out = []
    for i, ind in enumerate(sf.form.indicators):
        for k in ("target", "actual"):
            text = getattr(ind, k)
            if k == "actual" and text and typed_time_as(parse_value(ind.target), parse_value(text)) is not None:
                continue    # its 指标值 says what the time is (“≤24小时”: “25:30” is 25.5 hours), not the cell's format
            if k == "target" and text and typed_target_as(parse_value(text), parse_value(ind.actual), ind.name):
                continue    # its 完成值 (“80分钟”) or name (“响应时长（小时）”) says it is a span: “1:30” is 1.5 hours
            if text and (time_only(text) or _DAYS.fullmatch(text)):
                try:
                    out.append((i, k, sf.cell(f"indicators[{i}].{k}")))
                except KeyError:
                    continue
    return out


def read_typed_ratios(path: str | Path, sheet_forms: list[Any]) -> int:
    """Read the ratios of ``sheet_forms`` a spreadsheet stored as times as typed; returns how many."""
    return _read(sheet_forms, lambda cells: number_formats(path, cells))


# a time alone as ``grid.as_text`` writes a time value (not a text “1:10” typed as text, which is a ratio anyway)
_AS_READ = re.compile(r"(\d{2,}):(\d{2}):(\d{2})")


def _open_formats(cells: set[tuple[str, str]], texts: dict[tuple[str, str], str]) -> dict[tuple[str, str], tuple[Any, str]]:
    """What an open workbook's cells hold, as ``number_formats`` gives a file's: Excel's object model gives a
    cell of a date or time format a date (pywin32's 1899-12-30 01:10, ``grid.as_text`` “01:10:00”) and no
    format asked, so each such cell is taken as of Excel's “h:mm”, the format Excel gives “1:10” typed."""
    out: dict[tuple[str, str], tuple[Any, str]] = {}
    for key in cells:
        m = _AS_READ.fullmatch(texts.get(key, ""))
        if m and int(m[1]) < 24:
            out[key] = (_dt.time(int(m[1]), int(m[2]), int(m[3])), "h:mm")
        elif m:             # past 24 hours (“30:01:00”, Excel's 1899-12-31 06:01): as a file's [h]:mm:ss cell
            out[key] = (_dt.timedelta(hours=int(m[1]), minutes=int(m[2]), seconds=int(m[3])), "[h]:mm:ss")
    return out


def read_open_ratios(sheet_forms: list[Any]) -> int:
    """``read_typed_ratios`` of an open workbook (the Excel add-in's buttons), by the values Excel gives."""
    texts: dict[tuple[str, str], str] = {}
    for sf in sheet_forms:
        for i, ind in enumerate(sf.form.indicators):
            for k in ("target", "actual"):
                try:
                    texts[str(sf.sheet_of(f"indicators[{i}].{k}")), sf.cell(f"indicators[{i}].{k}")] = getattr(ind, k) or ""
                except KeyError:
                    continue
    return _read(sheet_forms, lambda cells: _open_formats(cells, texts))


def _read(sheet_forms: list[Any], formats: Any) -> int:
    """The ratios of ``sheet_forms`` read as typed, ``formats`` giving the (value, number format) of cells."""
    todo = [(sf, cells) for sf in sheet_forms if (cells := _time_cells(sf))]
    if not todo:
        return 0
    sheet = {id(sf): {(i, k): str(sf.sheet_of(f"indicators[{i}].{k}")) for i, k, _ref in cells} for sf, cells in todo}
    held = formats({(sheet[id(sf)][i, k], ref) for sf, cells in todo for i, k, ref in cells})
    done = 0
    for sf, cells in todo:
        inds = list(sf.form.indicators)
        for i, k, ref in cells:
            name = sheet[id(sf)][i, k]
            v, number_format = held.get((name, ref), (None, ""))
            ratio = time_ratio(v, number_format)
            if ratio is None:
                continue
            a, b = ratio.split(":")
            was = getattr(sf.form.indicators[i], k)
            inds[i] = inds[i].model_copy(update={k: ratio})
            sf.notes.append(TypedRatio(ref, f"{_ZH[k]}“{ratio}”存成了时间 {was}（Excel、WPS、LibreOffice 把键入的“{ratio}”"
                                            f"当作时刻）：按比例“{ratio}”读。是比例的，请键入 '{ratio}（前面加英文单引号）"
                                            f"或“{a}比{b}”，存为文字；是时刻的，请写作“{ratio}前”",
                                       f"indicators[{i}].{k}", sheet=name if name != sf.sheet else None,
                                       written=was, ratio=ratio))
            done += 1
        sf.form = sf.form.model_copy(update={"indicators": inds})
    return done
