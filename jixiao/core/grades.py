"""Grade bands (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差): the Python rule and the Excel formula from one table.

A profile (``profiles.Profile.grade_bands``: “优≥80”, the bureau's 校验规则 等级) may set other
bands; every 等级 formula jixiao writes is made here from the bands in force, beside its twin
(``grade_cell``), and a sheet's formula is read back to its bands (``formula_bands``).
"""

from __future__ import annotations

import re
from typing import Any, Callable, TypeVar

from .computed import Computed
from .numbers import is_number

__all__ = ["BANDS_80", "DEFAULT_BANDS", "GRADES", "MAX_TOTAL", "NO_GRADE", "Bands", "bands_said", "formula_bands",
           "grade", "grade_cell", "grade_formula", "same_bands", "written_grade"]

L = TypeVar("L")

Bands = tuple[tuple[float, str], ...]

DEFAULT_BANDS: Bands = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))
BANDS_80: Bands = ((80, "优"), (70, "良"), (60, "中"), (0, "差"))
GRADES = tuple(name for _low, name in DEFAULT_BANDS)
# A 总分 above 100 (weights adding up to more, or a score above its weight) is no grade at all, least
# of all 优 (issue 14); the checker says why (D12). 0.005 absorbs float noise in a sum of scores.
MAX_TOTAL = 100.005
NO_GRADE = "无法评定"


def grade(total: Any, bands: Bands = DEFAULT_BANDS) -> str | None:
    """The band of a 总分 (lower bound inclusive); None where there is no number."""
    if not is_number(total):
        return None
    if total > MAX_TOTAL:
        return NO_GRADE
    ordered = sorted(bands, reverse=True)
    for low, name in ordered:
        if total >= low - 1e-9:
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


def written_grade(text: str | None) -> str | None:
    """The grade as a form's 等级 cell holds it: "等级：良" (our number format shows the prefix,
    a typed copy often has it) gives "良"; blank gives None."""
    if text is None:
        return None
    text = text.strip().removeprefix("等级：").removeprefix("等级:").strip()
    return text or None
