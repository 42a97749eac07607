"""Grade bands (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差): the Python rule and the Excel formula from one table.

A profile (``profiles.Profile.grade_bands``: “优≥80”, the bureau's 校验规则 等级) may set other
bands; every 等级 formula jixiao writes is made here from the bands in force, beside its twin
(``grade_cell``), and a sheet's formula is read back to its bands (``formula_bands``).

A grade a form, a report or a 汇总表 writes in words is read here too, the same everywhere
(``grade_word``): “优秀”“良好”“中等” are 优、良、中 — the words the 财预〔2020〕10号 bands are
spoken in. Every profile's bands are named 优/良/中/差 (only their lower bounds change), so a
word of another scale is no grade of them and is not guessed: “合格” is 60 分 and above on a
合格/不合格 scale but 60–80 on a 优秀/良好/合格/不合格 one, “较差” sits above 差 on a
five-level scale, “一般”“较好” have no fixed place. Such a word is recognised as a stated grade
(``stated_grade_word``), and the check says it is none of the bands rather than pick one.
"""

from __future__ import annotations

import re
from typing import Any, Callable, TypeVar

from .computed import Computed
from .numbers import is_number, sheet_le

__all__ = ["BANDS_80", "BAND_WORD_RX", "DEFAULT_BANDS", "GRADES", "GRADE_WORD_RX", "MAX_TOTAL", "NO_GRADE", "OTHER_SCALE", "Bands",
           "above_max", "bands_said", "formula_bands", "grade", "grade_cell", "grade_formula", "grade_word", "grades_said",
           "same_bands", "stated_grade_word", "written_grade"]

L = TypeVar("L")

Bands = tuple[tuple[float, str], ...]

DEFAULT_BANDS: Bands = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))
BANDS_80: Bands = ((80, "优"), (70, "良"), (60, "中"), (0, "差"))
GRADES = tuple(name for _low, name in DEFAULT_BANDS)
# A 总分 above 100 (weights adding up to more, or a score above its weight) is no grade at all, least
# of all 优 (issue 14); the checker says why (D12). 0.005 absorbs float noise in a sum of scores.
MAX_TOTAL = 100.005
NO_GRADE = "无法评定"


def above_max(total: float) -> bool:
    """A 总分 (or a 分值 sum) above 100 by more than ``MAX_TOTAL`` allows: no grade. Compared as the
    等级 formula's ``>`` compares it in Excel and LibreOffice (``numbers.compared``): the question of
    the twin, D11/D12, B1's edge (``weights.adds_to_100``) and the 汇总表's note alike."""
    return not sheet_le(total, MAX_TOTAL)


def grade(total: Any, bands: Bands = DEFAULT_BANDS) -> str | None:
    """The band of a 总分 (lower bound inclusive), as ``grade_formula`` computes it in a spreadsheet
    (its comparisons at 15 significant digits: 89.99999999999999 is 90); None where there is no number."""
    if not is_number(total):
        return None
    if not sheet_le(total, MAX_TOTAL):
        return NO_GRADE
    ordered = sorted(bands, reverse=True)
    for low, name in ordered:
        if sheet_le(low, total):
            return name
    return ordered[-1][1]


def grade_formula(ref: str, bands: Bands = DEFAULT_BANDS) -> str:
    """The same rule as a native formula on ``ref`` (no leading "="): blank where ``ref`` is no number."""
    ordered = sorted(bands, reverse=True)
    expr = f'"{ordered[-1][1]}"'
    for low, name in reversed(ordered[:-1]):
        expr = f'IF({ref}>={low:g},"{name}",{expr})'
    return f'IF(ISNUMBER({ref}),IF({ref}>{MAX_TOTAL:g},"{NO_GRADE}",{expr}),"")'


def grade_cell(total_ref: Callable[[L], str], bands: Bands = DEFAULT_BANDS) -> Computed[L]:
    """The 等级 cell of a form: its formula on the 总分 cell ``total_ref(layout)`` and its twin on
    the 总分 (``env["total_score"]``), under the same ``bands``."""
    return Computed("grade", lambda lay: "=" + grade_formula(total_ref(lay), bands),
                    lambda env: grade(env.get("total_score"), bands))


def bands_said(bands: Bands = DEFAULT_BANDS) -> str:
    """The bands as a form's 说明 says them: “90分（含）以上为优，80分（含）至90分为良，
    60分（含）至80分为中，60分以下为差”."""
    ordered = sorted(bands, reverse=True)
    parts = []
    for i, (low, name) in enumerate(ordered):
        if i == len(ordered) - 1:
            parts.append(f"{ordered[i - 1][0]:g}分以下为{name}" if i else f"均为{name}")
        elif i == 0:
            parts.append(f"{low:g}分（含）以上为{name}")
        else:
            parts.append(f"{low:g}分（含）至{ordered[i - 1][0]:g}分为{name}")
    return "，".join(parts)


def same_bands(a: Bands, b: Bands) -> bool:
    """The same bands, however written (90 or 90.0, in any order)."""
    return sorted((float(low), name) for low, name in a) == sorted((float(low), name) for low, name in b)


def formula_bands(text: Any, ref: str) -> Bands | None:
    """The bands of a 等级 formula on ``ref`` as jixiao writes it (``grade_formula``, of any bands,
    also one from before the 总分 above 100 was ungraded); None for anything else (a typed 等级,
    another formula)."""
    if not isinstance(text, str):
        return None
    body = re.sub(r"[\s$]+", "", text).lstrip("=").upper()   # $H$34 is H34
    ref = ref.replace("$", "").upper()
    if not body.startswith(f"IF(ISNUMBER({ref}),"):
        return None
    found = re.findall(rf'IF\({re.escape(ref)}>=(\d+(?:\.\d+)?),"([^"]+)",', body)
    names = [name for _low, name in found]
    if not found or any(n not in GRADES for n in names) or len(set(names)) != len(names):
        return None
    floor = GRADES[-1]
    return tuple((float(low), name) for low, name in found) + ((0.0, floor),)


# The words that mean exactly one band (the bands' own names among them), and words of other
# scales: stated grades too, but of none of the bands (see the module's docstring).
_BAND_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "差": "差"}
OTHER_SCALE = ("不合格", "基本合格", "合格", "较差", "较好", "一般")
# The stated words as a regex alternation, the longest first (“优秀” before “优”): for readers that
# find a grade inside a longer text
BAND_WORD_RX = "|".join(sorted(_BAND_WORDS, key=len, reverse=True))
GRADE_WORD_RX = "|".join(sorted([*_BAND_WORDS, *OTHER_SCALE], key=len, reverse=True))
_PREFIX = re.compile(r"^(?:(?:自评|绩效|评价|评定|综合)?等级(?:评定)?(?:结果)?)\s*[:：]?\s*")
_QUOTES = "“”‘’\"'「」"


def written_grade(text: str | None) -> str | None:
    """The grade as a form's 等级 cell holds it: "等级：良" (our number format shows the prefix,
    a typed copy often has it) gives "良", "“优秀”" gives "优秀" (as written: ``grade_word`` says
    which band it is); blank gives None."""
    if text is None:
        return None
    text = _PREFIX.sub("", str(text).strip()).strip().strip(_QUOTES).strip()
    return text or None


def grade_word(text: str | None) -> str | None:
    """The band (优/良/中/差) a stated grade means, however written — “优秀”, “等级：良好”, “中”;
    ``NO_GRADE`` for “无法评定” (our formula's word above 100); None for anything else: blank, or
    a word of another scale (“合格”: ``stated_grade_word``), which no band is taken for."""
    w = written_grade(text)
    if w is None:
        return None
    w = "".join(w.split())
    if w == NO_GRADE:
        return NO_GRADE
    return _BAND_WORDS.get(w) or _BAND_WORDS.get(w.removesuffix("级"))


def stated_grade_word(text: str | None) -> bool:
    """Whether ``text`` is a grade as a form states one: a band's word (“优秀”) or a word of another
    scale (“合格”) — the reader keeps both, the check says which is none of the bands."""
    w = written_grade(text)
    return w is not None and (grade_word(w) is not None or "".join(w.split()) in OTHER_SCALE)


def grades_said(bands: Bands = DEFAULT_BANDS) -> str:
    """The bands' names, best first: “优、良、中、差”."""
    return "、".join(name for _low, name in sorted(bands, reverse=True))
