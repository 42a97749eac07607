"""A row below a form's 总分 row that reads as an indicator (X7), for every layout's reader.

A 填报人 short of indicator rows types the last one under the 说明 or the 总分; the readers read the
indicator block down to the 总分 row and passed it over without a word, its 分值 and 得分 in no total.
One judgement and one message for our template's reader (by position) and the label reader.
"""

from __future__ import annotations

from typing import Any

from ..core.numbers import score_text
from ..forms.project.model import LEVEL1, LEVEL2
from .note import OutsideNote

__all__ = ["LEVEL_WORDS", "may_be_indicator", "outside_note"]

LEVEL_WORDS = frozenset(LEVEL1) | frozenset(w for ws in LEVEL2.values() for w in ws)


def _number(v: Any) -> bool:
    return v.__class__ is int or v.__class__ is float


def may_be_indicator(level1: Any, level2: Any, weight: Any) -> bool:
    """The cheap first test (every level word has 指标): the 说明, 落款 and 注 rows stop here."""
    return (_number(weight) or (level1.__class__ is str and "指标" in level1)
            or (level2.__class__ is str and "指标" in level2))


def _text(v: Any) -> str:
    return "".join(v.split()) if v.__class__ is str else ""


def outside_note(cell: str, row: int, level1: Any, level2: Any, name: Any, target: Any, actual: Any,
                 weight: Any, score: Any, *, words: frozenset[str] = LEVEL_WORDS,
                 total: str = "总分") -> OutsideNote | None:
    """The X7 note of sheet row ``row`` (1-based), or None where it is no indicator: a 一级/二级指标 word
    (``words``: the project form's, or the levels a 部门整体/评价 form was read with) in its column, or a
    三级指标 name with a 分值 beside it (a 落款 label has a colon, its date no 分值). ``total``: the label of
    the row it is below (the 评价表's is 总计)."""
    t1, t2, n = _text(level1), _text(level2), _text(name)
    if not (t1 in words or t2 in words or (n and _number(weight) and ":" not in n and "：" not in n)):
        return None
    said = [f"“{n}”" if n else "三级指标名称空白"]
    said += [f"{what}“{v.strip()}”" for what, v in (("年度指标值", target), ("实际完成值", actual))
             if v.__class__ is str and v.strip()]
    said += [f"{what} {score_text(v)}" for what, v in (("分值", weight), ("得分", score)) if _number(v)]
    return OutsideNote(cell, f"第 {row} 行在{total}行下方，是一行指标（{'，'.join(said)}），未计入分值合计和{total}："
                             f"请把它剪切到指标区内的空行，没有空行时在两个指标行之间插入一行再剪切过去"
                             f"（紧挨着{total}行上方插入的行不在表中{total}公式的范围内）")
