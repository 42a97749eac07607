"""发文字号 (文号) such as 冀财社〔2021〕164号, however a form or a report writes it.

Forms copy the number from a fund document as typed: 冀财社(2021)164 号, 冀财社[2022]178 号,
（2021）第 9 号. GB/T 9704 writes the year in 六角括号 and no space: 冀财社〔2021〕164号. The header
rules (a project named after a document), the report checker (which form a sentence names) and the
documents a department sends (the standard form) all read a 文号 through this one pattern.
"""

from __future__ import annotations

import re

from .lazyre import lazy

__all__ = ["DOC_NO", "doc_numbers", "standard_doc_numbers", "without_doc_number", "year_in_parens"]

_OPEN, _CLOSE = "〔［\\[(（【", "〕］\\])）】"
_YEAR = r"(?:19|20)\d{2}"
# group 1: the year, group 2: the number
DOC_NO = re.compile(rf"[{_OPEN}]\s*({_YEAR})\s*[{_CLOSE}]\s*第?\s*(\d{{1,4}})\s*号")
_AFTER_HAN = lazy(rf"(?<=[\u4e00-\u9fff])\s*{DOC_NO.pattern}")
_AT_END = re.compile(rf"\s*{DOC_NO.pattern}\s*$")
_YEAR_BRACKETS = re.compile(rf"[{_OPEN}]\s*({_YEAR})\s*[{_CLOSE}]")


def doc_numbers(text: str) -> set[tuple[str, str]]:
    """(year, number) of every 文号 in ``text``: 冀财社(2021)164 号 and 〔2021〕164号 → {("2021", "164")}."""
    return {(m.group(1), m.group(2)) for m in DOC_NO.finditer(text)}


def standard_doc_numbers(text: str) -> str:
    """Each 文号 after an issuer's abbreviation as GB/T 9704 writes it: 冀财社(2021)164 号 → 冀财社〔2021〕164号."""
    return _AFTER_HAN.sub(r"〔\1〕\2号", text)


def without_doc_number(text: str) -> str:
    """``text`` without a 文号 at its end (the issuer's abbreviation before it stays)."""
    return _AT_END.sub("", text)


def year_in_parens(text: str) -> str:
    """A 文号's year in plain parentheses, whatever brackets it had: what comparisons look at."""
    return _YEAR_BRACKETS.sub(r"(\1)", text)
