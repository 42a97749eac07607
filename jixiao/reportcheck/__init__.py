"""报告与表格互证: check a self-evaluation report (.docx/.md/.txt) against its own forms.

``check_report`` reads the report (``document``), finds its statements about the forms and
the project each is about (``statements``), and runs the R rules of the catalogue
(``jixiao/rules/report.py``) over them. Each contradiction is a ``Finding`` whose ``file`` and
``source`` are the report, with the paragraph number, the quoted sentence and the form cell
it contradicts (``against``), so that ``jixiao check --report`` lists them beside the
forms' own findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.findings import Finding
from .document import ReportError, read_document, read_report

__all__ = ["ReportError", "check_report", "read_document", "read_report"]


def check_report(path: str | Path, items: list, profile: Any = None,
                 scores: dict[str, Any] | None = None) -> list[Finding]:
    """Findings of the R rules for one report against the forms ``items`` (``sources.Loaded``)."""
    from ..core.profiles import get_profile
    from ..checking.rules import load_catalogue
    from ..checking.rules.report import REPORT, ReportContext
    from .facts import build_facts
    from .statements import extract, extract_tables

    profile = profile or get_profile(None)
    paragraphs, tables = read_document(path)
    if not items:
        return []
    facts = build_facts(items, profile, scores)
    ctx = ReportContext(extract(paragraphs, facts) + extract_tables(tables, paragraphs, facts), facts)
    out: list[Finding] = []
    for r in (r for r in load_catalogue().values() if r.form_type == REPORT):
        for hit in r.func(ctx):
            out.append(Finding(rule=r.code, severity=hit.severity or r.severity, field=hit.field,
                               message=hit.message, expected=hit.expected, found=hit.found, file=str(path),
                               project=hit.project, source=str(path), paragraph=hit.paragraph,
                               quote=hit.quote, against=hit.against, indicator=hit.indicator))
    out.sort(key=lambda f: (f.paragraph or 0, f.rule))
    return out
