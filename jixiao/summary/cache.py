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
from .book import DETAIL_COLS, DETAIL_FIRST, DETAIL_SHEET, SUMMARY_SHEET

__all__ = ["summary_caches"]


def _blank(v: Any) -> Any:
    return "" if v is None else v


def summary_caches(plan: Plan, summary: Summary, groups: dict[str, Summary] | None = None
                   ) -> dict[str, dict[str, Any]]:
    """sheet -> {cell: value} for every formula cell of the summary sheets in ``plan``."""
    by_sheet: dict[str, Summary] = {SUMMARY_SHEET: summary}
    for name, g in (groups or {}).items():
        by_sheet[f"汇总表-{name}"[:31]] = g
    out: dict[str, dict[str, Any]] = {}
    for e in plan.edits:
        if not isinstance(e, SheetSpec):
            continue
        known: dict[str, Any] = {}
        if e.name == DETAIL_SHEET:
            for i, row in enumerate(summary.rows):
                r = DETAIL_FIRST + i
                for col, _h, _w, key in DETAIL_COLS[1:]:
                    known[f"{col}{r}"] = _blank(row.get(key) if key else None)  # only 序号 (skipped) has no key
        elif e.name in by_sheet:
            s = by_sheet[e.name]
            known = {"C4": len(s.rows), "D4": s.projects_done, "C5": s.funds_due, "D5": s.funds_done}
            for k, grade in enumerate(GRADES):
                known[f"C{6 + k}"] = s.grades.get(grade, 0)
        cache = {ref: known[ref] for ref, v in e.cells.items() if isinstance(v, Formula) and ref in known}
        if cache:
            out[e.name] = cache
    return out
