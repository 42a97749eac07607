"""A finding: one thing wrong (or worth a look) on one cell of one form.

The fields are those of ``outputs.md`` → Findings, in that order; the CLI prints them as
JSON and the annotator marks them on their cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Finding:
    rule: str
    severity: str
    field: str
    message: str
    expected: Any = None
    found: Any = None
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    project: str | None = None
    source: str | None = field(default=None, repr=False, compare=False)  # the form: file#sheet[@A40]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell, "project": self.project,
                "field": self.field, "rule": self.rule, "severity": self.severity,
                "message": self.message, "expected": self.expected, "found": self.found}
