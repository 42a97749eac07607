"""The registry of form kinds (表种): the shared pipeline loops over ``KINDS``.

Adding a kind means adding a package under ``jixiao/forms/`` with a ``FormKind``
subclass and one line here; the readers, the checker, the 汇总, ``fill``/``read``/``score``
and the add-in's buttons then handle it without another ``if``.
"""

from __future__ import annotations

from typing import Any

from .base import FormKind, SheetRead
from .department import DepartmentKind
from .evaluation import EvaluationKind
from .project import ProjectKind

__all__ = ["KINDS", "FormKind", "SheetRead", "by_key", "kind_for_data", "kind_of"]

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
