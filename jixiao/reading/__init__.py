"""Reading 项目支出绩效自评表 in other layouts: found by their labels, not by address.

Departments return the form in a dozen layouts — columns shifted or added, 一级/二级
merged over many rows, several indicators packed into one cell with line breaks,
"指标1：" prefixes, with or without 项目负责人/联系电话, 总分 on a shifted column, money
in 元, two forms stacked on one sheet. ``form.read_grid`` finds each form by its labels
(项目名称 … 年度资金总额 … 三级指标 … 总分), maps the columns by their header text, and
reads every value as written, remembering the real cell each came from so that
findings name the cell of the original file.

Whatever it had to guess — a value split from a packed cell, a blank 一级指标 taken
from the row above, money converted from 元, a 总分 taken from a shifted column — is
recorded as a ``Note`` with its source cell, for ``jixiao import`` to report.

Modules: ``grid`` (a sheet with merged cells resolved), ``labels`` (the label patterns),
``block`` (one form being read, and what the section readers share), ``header``,
``funds``, ``goals``, ``indicators``, ``footer`` (one section each), ``form`` (the driver),
``formulas`` (targets typed as formulas in files without saved results), ``continued`` (a form whose
indicator table runs on to a 续表 sheet, read as one), ``targets`` (the
approved 绩效目标申报表 / 项目支出绩效目标表, for ``import --targets`` and ``check --targets``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .note import Note

if TYPE_CHECKING:  # pragma: no cover
    from .block import AnchoredForm
    from .form import read_grid
    from .grid import SheetGrid

__all__ = ["AnchoredForm", "Note", "SheetGrid", "read_grid"]

# Imported on first use: a workbook of forms in our template is read by position and never
# needs the label-anchored reader (its ~50 label patterns; issue #18).
_LAZY = {"AnchoredForm": ".block", "read_grid": ".form", "SheetGrid": ".grid"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name], __name__), name)
