"""What a 定性 完成值 reaches of its 指标值 by their words alone, where neither is a number.

A filler scores a 定性 indicator by 档次 (全部或基本达成 80–100 % of its 分值, 部分达成 60–80 %, 未达成 0–60 %),
and the 档次 is read from the 完成值's words (``forms.project.scoring``). Some words say nothing wrong on their
own and are only short of what the 指标值 asked:

- the other way: “有所下降” against “稳步增长”, “有所增加” against “逐步减少” (no base year written; with one,
  ``change.relation_tier``) — 未达成;
- less of it: “有所增强” against “明显增强”, “略有提升” against “有效提升”, “初步建立” against “建立健全” — 部分达成
  (“基本” is the 档次's own word, “全部或基本达成”: not less);
- a worse class of a standard: “达到Ⅳ类标准” against “达到Ⅲ类标准” (water: Ⅰ is the cleanest) — 未达成.

Only ever less: where the words meet the target, the actual's own words decide (“未达到Ⅲ类标准” is 未达成).

Pure words, no I/O.
"""

from __future__ import annotations

from .change import ways_said
from .lazyre import lazy

# what a 指标值 asks beyond the change itself, and what an actual reached short of it
_STRONG = ("明显", "显著", "大幅", "大大", "有效", "全面", "充分", "极大", "较大幅度", "健全", "完善")
_WEAK = ("有所", "略有", "稍有", "初步", "小幅", "一定程度", "略微", "逐步建立")
# a class of a standard in Roman numerals (地表水 Ⅰ–Ⅴ 类): the class number, lower is better
_CLASS = lazy(r"(Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ|IV|V|I{1,3})类")
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def degree_tier(target: str, actual: str) -> str | None:
    """“B” or “C” where the actual's words fall short of what the target's ask, as the module says; None where
    they do not (the actual's own words decide)."""
    if (tc := _class(target)) is not None and (ac := _class(actual)) is not None:
        return "C" if ac > tc else None
    want, got = ways_said(target), ways_said(actual)
    if want and got and not want & got:
        return "C"
    if any(w in target for w in _STRONG) and any(w in actual for w in _WEAK) \
            and not any(w in actual for w in _STRONG):
        return "B"
    return None


def _class(text: str) -> int | None:
    m = _CLASS.search(text) if "类" in text else None
    return _ROMAN[m[1]] if m else None
