"""Sheet titles Excel accepts: ≤ 31 characters, none of []:*?/\\, unique regardless of case.
No spreadsheet library here (the 汇总表 writer names its sheets with it, issue #18)."""

from __future__ import annotations

import re

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def safe_sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤ 31 characters) made from a project name."""
    base = INVALID_SHEET_CHARS.sub("_", name).strip().strip("'") or "项目"
    base = base[:31]
    title, n = base, 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title
