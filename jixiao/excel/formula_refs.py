"""Which formulas read given sheets: references in a formula's or a defined name's text.

One reading for the two questions asked of it: which formulas lose their sheets when a copy
drops them (``apply.freeze_refs``), and which stored results an edit of some sheets leaves
right (``cache.StoredResults.kept``). A reference names its sheet bare (表1!A1) or quoted, its
apostrophes doubled ('O''Neil 表'!B2); sheet names, like Excel's, regardless of case. 表1 is
not 表10, and [1]表1!A1 is a sheet of another workbook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# what may stand before a sheet's bare name in a formula: its start, an operator, a separator,
# an opening bracket, a blank (intersection), the “:” of a 3-D range (表1:表3!A1 names 表3)
_BEFORE_BARE = r"(?:^|(?<=[=,(+\-*/&^<>;:{\s]))"


def refs_into(sheets: Iterable[str]) -> re.Pattern[str]:
    """A reference into any of ``sheets``: 'O''Neil'!B2, 表1!A1, =SUM(表1!A1:A3)."""
    sheets = list(sheets)
    if not sheets:
        return re.compile("(?!)")  # none
    quoted = "|".join(re.escape(n.replace("'", "''")) for n in sheets)
    bare = "|".join(re.escape(n) for n in sheets)
    return re.compile(f"(?:'(?:{quoted})'|{_BEFORE_BARE}(?:{bare}))!", re.IGNORECASE)


def names_into(names: Mapping[str, str], into: re.Pattern[str]) -> list[str]:
    """The defined names (name -> what it refers to) whose text points into the sheets ``into`` finds."""
    return [name for name, text in names.items() if into.search(text or "")]


def names_used(names: Iterable[str]) -> re.Pattern[str] | None:
    """A use of any of the defined ``names`` in a formula's text (not a sheet, a function or a
    part of a longer name); None for no names."""
    names = list(names)
    if not names:
        return None
    return re.compile("(?<![\\w.'!])(?:" + "|".join(re.escape(k) for k in names) + ")(?![\\w.(!])", re.IGNORECASE)


class Readers:
    """Whether a formula reads any of ``sheets``, directly or through a defined name into them."""

    def __init__(self, sheets: Iterable[str], names: Mapping[str, str]) -> None:
        self.into = refs_into(sheets)
        self.names = names_into(names, self.into)
        self._by_name = names_used(self.names)

    def reads(self, formula: str) -> bool:
        return bool(self.into.search(formula) or (self._by_name is not None and self._by_name.search(formula)))
