"""Cached results for the 汇总表's formulas.

openpyxl stores formulas without results, so a viewer that does not recalculate (a phone,
a web preview, python-calamine) showed the 汇总表 empty. The summary already knows every
number its formulas compute — counts, sums, grades, each row's 执行率 and 等级 — so they
are written as the formulas' cached values (``xlsxcache.inject``); Excel, WPS and
LibreOffice still recalculate on load. No spreadsheet library here.
"""

from __future__ import annotations

from typing import Any

from ..excel.plan import Formula, Plan, SheetSpec
from . import GRADES, Summary
from .book import (BY_UNIT_SHEET, CHART_MAX_PROJECTS, CHART_SHEET, DETAIL_COLS, DETAIL_FIRST, DETAIL_SHEET,
                   LABEL_FIRST, SUMMARY_SHEET, by_unit_values, group_sheet_titles, group_units, label_values)

__all__ = ["summary_caches"]


def _blank(v: Any) -> Any:
    return "" if v is None else v


_KEY_BY_COL = {col: key for col, _h, _w, key in DETAIL_COLS[1:]}  # only 序号 (column A) has no key
_DIGITS = "0123456789"


def _detail_cache(spec: SheetSpec, summary: Summary) -> dict[str, Any]:
    """{cell: value} for the 项目明细 formulas: column B..M of row DETAIL_FIRST + i holds field
    ``key`` of ``summary.rows[i]``. Only the formula cells are looked at (2 of 13 in a row
    written from values: a dict of every cell's value cost ~0.1 s for 10,000 rows, issue #18)."""
    rows, n = summary.rows, len(summary.rows)
    out: dict[str, Any] = {}
    for ref, v in spec.cells.items():
        if not isinstance(v, Formula):
            continue
        digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        key = _KEY_BY_COL.get(ref[:len(ref) - len(digits)])
        # the very spelling f"{col}{r}" (no "$", no leading zero), as the plan's cells are keyed
        if key is None or not digits or digits.strip(_DIGITS) or digits[0] == "0":
            continue
        i = int(digits) - DETAIL_FIRST
        if 0 <= i < n:
            out[ref] = _blank(rows[i].get(key))
    return out


def summary_caches(plan: Plan, summary: Summary, groups: dict[str, Summary] | None = None
                   ) -> dict[str, dict[str, Any]]:
    """sheet -> {cell: value} for every formula cell of the summary sheets in ``plan``."""
    by_sheet: dict[str, Summary] = {SUMMARY_SHEET: summary}
    titles = group_sheet_titles(groups or {})
    for name, g in (groups or {}).items():
        by_sheet[titles[name]] = g
    out: dict[str, dict[str, Any]] = {}
    for e in plan.edits:
        if not isinstance(e, SheetSpec):
            continue
        known: dict[str, Any] = {}
        if e.name == DETAIL_SHEET:
            cache = _detail_cache(e, summary)
            if cache:
                out[e.name] = cache
            continue
        if e.name in by_sheet:
            s = by_sheet[e.name]
            known = {"C4": len(s.rows), "D4": s.projects_done, "C5": s.funds_due, "D5": s.funds_done}
            for k, grade in enumerate(GRADES):
                known[f"C{6 + k}"] = s.grades.get(grade, 0)
        elif e.name == CHART_SHEET:  # the bars' names: none past CHART_MAX_PROJECTS (no ~5 ms for 10,000 rows)
            for i, row in enumerate(summary.rows[:CHART_MAX_PROJECTS]):
                known.update((f"{col}{LABEL_FIRST + i}", v) for col, v in label_values(i + 1, row.get("project")).items())
        elif e.name == BY_UNIT_SHEET and groups:  # summarize --by: one row per group, then 合计
            known = by_unit_values(group_units(groups))
        cache = {ref: known[ref] for ref, v in e.cells.items() if isinstance(v, Formula) and ref in known}
        if cache:
            out[e.name] = cache
    return out
