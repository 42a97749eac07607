"""Workbooks with 部门整体支出绩效自评表 sheets: the template, and filled forms of both kinds.

The template is written by code from the one layout (``dept_layout`` + ``dept_sheet``) like
the project template, reproducibly, so the committed file can be compared with a rebuild.
A ``fill`` given project forms and department forms writes one workbook
(``workbook.forms_workbook``): the project sheets first, then one sheet per department form.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from openpyxl import Workbook

from . import layout as D
from .model import DeptForm
from .scoring import template_form
from .sheet import build_dept_sheet
from ...core.grades import DEFAULT_BANDS
from ...excel.sheet import safe_sheet_title
from ...excel.workbook import new_workbook

DEPT_TEMPLATE = "部门整体支出绩效自评表.xlsx"


def template_workbook() -> Workbook:
    """The blank official template: the standard indicator set, its standards, no figures; and the 设置
    sheet the project template has (单位、文号、收件邮箱…): the 报送函, the 整体报告 and the 定稿 mail of a
    department that sends this form alone take them from it, and the buttons told it to fill a sheet
    its workbook did not have."""
    from ...core.settings import settings_sheet_spec
    from ...excel.apply import apply_sheet

    wb = new_workbook()
    ws = wb.create_sheet(D.TITLE)
    build_dept_sheet(ws, template_form(), template=True)
    apply_sheet(wb, settings_sheet_spec())
    return wb


def dept_sheet_title(form: DeptForm, taken: set[str]) -> str:
    name = f"部门整体-{form.department}" if form.department else D.TITLE
    return safe_sheet_title(name, taken)


def add_sheets(wb: Workbook, forms: Iterable[DeptForm],
                    caches: dict[str, dict[str, Any]], *, values_only: bool = False, bands: Any = None,
                    shared: Sequence[Any] | None = None) -> list[str]:
    """One sheet per department form, after the sheets already there; returns their titles. A
    department form is scored by its own standards, not by a profile (``rules.check_forms``), but
    graded under the profile's ``bands``, as its check (F13) and its score are. ``shared``: per form, its
    indicator texts one merged cell covered where it was read (``TableSheetForm.shared``)."""
    taken = set(wb.sheetnames)
    titles = []
    for i, form in enumerate(forms):
        title = dept_sheet_title(form, taken)
        ws = wb.create_sheet(title)
        caches[title] = build_dept_sheet(ws, form, values_only=values_only, bands=bands or DEFAULT_BANDS,
                                         shared=shared[i] if shared else None)
        titles.append(title)
    return titles
