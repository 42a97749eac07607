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

from ..guard.sanitize import ERROR_TEXTS

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


# ``may_read_own_sheet``: what is taken out of a formula's text before looking for a reference
_STRING = re.compile(r'"(?:[^"]|"")*"')
_ERROR = re.compile("|".join(map(re.escape, sorted(ERROR_TEXTS, key=len, reverse=True))), re.IGNORECASE)
_SHEET_REF = re.compile(r"""(?:'(?:[^']|'')+'|[^\s'"!(),;=+\-*/&^<>:{}%]+(?::[^\s'"!(),;=+\-*/&^<>:{}%]+)?)!"""
                        r"\$?[A-Za-z]{0,3}\$?\d*(?::\$?[A-Za-z]{0,3}\$?\d*)?")
_FUNCTION = re.compile(r"[A-Za-z_][\w.]*\(")
_LOGICAL = re.compile(r"\b(?:TRUE|FALSE)\b", re.IGNORECASE)
_ROWS = re.compile(r"\d\s*:\s*\$?\d")
_NUMBER = re.compile(r"(?<![\w$.])\d+(?:\.\d*)?(?:[eE][+-]?\d+)?")
_NAME_OR_CELL = re.compile(r"[^\W\d]|[\\_]")


def may_read_own_sheet(formula: str) -> bool:
    """Whether a formula may read cells of its own sheet: a reference without a sheet's name
    (B1, $A$1:$A$9, 3:3), a defined name, a table's column — anything but text, numbers, truth
    values, errors, operators, function calls and references naming another sheet. (=1+1 and
    =表1!A1*2 read none; =B1+B4 and =IF(H3>90,"优","良") do.)"""
    rest = _SHEET_REF.sub(" ", _ERROR.sub(" ", _STRING.sub(" ", formula)))
    rest = _LOGICAL.sub(" ", _FUNCTION.sub("(", rest))
    if _ROWS.search(rest):
        return True
    return bool(_NAME_OR_CELL.search(_NUMBER.sub(" ", rest)))
