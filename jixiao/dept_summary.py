"""The 部门整体 score beside the project forms in the 汇总 (``summarize``)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .dept_scoring import grade_of, score_dept_form


def department_rows(batch: Any, findings: list[Any], scores: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One row per department form of the batch: its own 总分/等级, the reviewed ones, finding counts."""
    rows = []
    scores = scores or {}
    for item in getattr(batch, "departments", []) or []:
        f = item.form
        s = scores.get(item.source) or score_dept_form(f)
        c = Counter(x.severity for x in findings
                    if (f"{x.file}#{x.sheet}" if x.sheet else x.file) == item.source)
        total = f.total_score if f.total_score is not None else s.total
        rows.append({"department": f.department, "year": f.year, "total": total,
                     "grade": f.grade or grade_of(total), "reviewed_total": s.total, "reviewed_grade": s.grade,
                     "errors": c["error"], "warnings": c["warning"], "source": item.source,
                     "file": item.file, "sheet": item.sheet})
    return rows
