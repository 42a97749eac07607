"""The registry of form kinds (表种): the shared pipeline loops over ``KINDS``.

Adding a kind means adding a package under ``jixiao/forms/`` with a ``FormKind``
subclass and one line here; the readers, the checker, the 汇总, ``fill``/``read``/``score``
and the add-in's buttons then handle it without another ``if``.
"""

from __future__ import annotations

import re
from typing import Any

from .base import FormKind, SheetRead
from .department import DepartmentKind
from .evaluation import EvaluationKind
from .project import ProjectKind

__all__ = ["KINDS", "FormKind", "SheetRead", "by_key", "finding_shown", "kind_for_data", "kind_of", "shown_value"]

# Display order: project sheets first in a workbook and in every listing.
KINDS: tuple[FormKind, ...] = (ProjectKind(), DepartmentKind(), EvaluationKind())

_BY_KEY = {k.key: k for k in KINDS}
# Detection order: kinds that recognise themselves by their title first, the project form (whose
# label-anchored reader accepts many layouts) last.
DETECT: tuple[FormKind, ...] = tuple(sorted(KINDS, key=lambda k: k.fallback))


def by_key(key: str) -> FormKind:
    return _BY_KEY[key]


def kind_for_data(data: Any) -> FormKind:
    """The kind of a decoded form JSON object."""
    return next(k for k in DETECT if k.matches(data))


_KIND_OF: dict[type, FormKind] = {}


def kind_of(form: Any) -> FormKind:
    """The kind of a form model instance; found once per model class (a batch asks 30,000 times; issue #18)."""
    got = _KIND_OF.get(type(form))
    if got is None:
        got = _KIND_OF[type(form)] = next(k for k in DETECT if k.owns(form))
    return got


def shown_value(field: str | None, v: Any, rule: str | None = None) -> Any:
    """A finding's ``expected`` or ``found`` as the 填报人 sees the figure (the 校验结果 sheet's and the 清单's 应为 and
    表中为): a number of a field some kind says the unit of (``FormKind.value_units``) with it — a score “20 分”
    (``core.numbers.score_text``), a rate “99.05%” (``pct``, as the cell's 0.00% shows it), 万元 “128.77 万元”,
    a count “6 人” — any other number as a person writes it (``fmt``: no float noise), text as it is, a blank
    "". The JSON keeps the bare value (0.9905, 20): a program reads it; a 填报人 read “应为 0.9905” of a 执行率.
    ``rule``: the finding's, where its figures are not its field's (``FormKind.rule_units``)."""
    from ..core.numbers import fmt, pct, score_text

    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, str):
        # a 总分 with the grade it gives, as D11 and D14 write 应为 (“99.25（优）”): “99.25 分（优）”, as the
        # 表中为 beside it says “97.75 分”
        m = _GRADED.fullmatch(v)
        unit = _unit(field, rule) if m else ""
        if unit == COMPUTED:   # “93.5714（优）” in the JSON: “93.57 分（优）”, as the 总分 cell shows it
            return f"{score_text(float(m.group(1)), computed=True)}（{m.group(2)}）" if m else v
        return f"{m.group(1)} 分（{m.group(2)}）" if m and unit == "score" else v
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return v
    unit = _unit(field, rule)
    if unit in ("score", COMPUTED):
        return score_text(v, computed=unit == COMPUTED)
    if unit == "rate":
        return pct(v)
    said = fmt(v)
    unit = "万元" if unit == "money" else unit
    return f"{said} {unit}" if unit else said


def finding_shown(f: Any, key: str) -> Any:
    """A finding's ``expected`` or ``found`` (``key``) as a reader is shown it: the finding's own words for the
    figure where it has them (``Finding.expected_shown``/``found_shown``: a sum of 三级 分值 on a 一级 cell,
    “其下三级指标分值合计 25 分”), else ``shown_value``; the 应为 of a total that its template formula works out
    said as such (``core.findings.formula_expected``). ``f``: a ``Finding``, or a row of the review's table with the
    same names."""
    own = getattr(f, f"{key}_shown", None)
    if isinstance(own, str):
        shown = own
    else:
        field = getattr(f, "field", None)
        shown = shown_value(field if isinstance(field, str) else None, getattr(f, key), str(getattr(f, "rule", "")))
    # the total a formula cell will show, no number to type (``Finding.expected_is_formula``); ``in (True,)``: a row
    # of the review's table holds numpy's True, or NaN where the row is no finding's
    if key == "expected" and shown != "" and getattr(f, "expected_is_formula", False) in (True,):
        from ..core.findings import formula_expected

        return formula_expected(shown)
    return shown


COMPUTED = "computed score"   # a unit of ``FormKind.value_units``: a score a formula works out into a 0.00 cell
_GRADED = re.compile(r"(-?\d+(?:\.\d+)?)（([^（）]+)）")


def _unit(field: str | None, rule: str | None = None) -> str:
    """The unit of a finding's figures: its rule's where a kind declares one (``FormKind.rule_units``: A6 gives a
    sum of scores on the 执行率 cell), else its field's (``FormKind.value_units``): "score", "rate", "money", a
    count's word, or ""."""
    unit = next((u for k in KINDS for code, u in k.rule_units if rule == code), None)
    if unit is None:
        unit = next((u for k in _kinds_for(rule) for pattern, u in k.value_units if field and re.fullmatch(pattern, field)), "")
    return unit


def _kinds_for(rule: str | None) -> tuple[FormKind, ...]:
    """``KINDS`` with the kind whose forms ``rule`` checks first (``Rule.form_type``): two kinds call a field by one
    name (the project form's ``total_score`` is a formula's 0.00 cell, the 部门整体 form's a General one)."""
    from ..checking.rules import CATALOGUE

    r = CATALOGUE.get(rule or "")
    key = r.form_type if r is not None else None
    return tuple(sorted(KINDS, key=lambda k: k.key != key)) if key in _BY_KEY else KINDS
