"""Sheet titles Excel accepts: ≤ 31 characters, none of []:*?/\\, unique regardless of case.
No spreadsheet library here (the 汇总表 writer names its sheets with it, issue #18)."""

from __future__ import annotations

import re

INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# a line break typed in the 项目名称 cell (Alt+Enter), a tab or another control character: a sheet title
# holding one lost every formula result the file was saved with (the cache keyed by title), and Excel's
# own sheet names never hold one; the break is a space in the title, as the cell shows it on one line
_BREAKS = re.compile(r"\s*[\x00-\x1f\x7f\x85\u2028\u2029]+\s*")
MAX_TITLE = 31   # in UTF-16 code units, as Excel counts: 𠀀 (outside the BMP) counts two


def _fit(text: str, units: int) -> str:
    """The longest start of ``text`` that is at most ``units`` UTF-16 code units."""
    if len(text.encode("utf-16-le")) <= 2 * units:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if ord(ch) > 0xFFFF else 1
        if used + w > units:
            break
        out.append(ch)
        used += w
    return "".join(out)


def safe_sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤ 31 characters) made from a project name."""
    base = INVALID_SHEET_CHARS.sub("_", _BREAKS.sub(" ", name)).strip().strip("'")
    base = _fit(base, MAX_TITLE).rstrip().rstrip("'") or "项目"   # no title ends in ' (Excel refuses it)
    title, n = base, 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        title = _fit(base, MAX_TITLE - len(suffix)) + suffix
        n += 1
    taken.add(title)
    return title
