"""Workbooks with 项目支出绩效评价表 sheets: the template, and filled forms.

The template is written by code from the one layout, reproducibly, like the other kinds'
templates; its indicator tree is the published one of the shipped sample (丰台区医疗保障局,
2023: 决策/过程/产出/效益 with their 二级/三级 指标 and 分值), with no scores and no header.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Iterable, Sequence

from openpyxl import Workbook

from . import layout as V
from .model import EvalForm, parse_eval_form
from .sheet import build_eval_sheet
from ...excel.sheet import safe_sheet_title
from ...excel.workbook import new_workbook

EVAL_TEMPLATE = "项目支出绩效评价表.xlsx"

TREE_SOURCE = ("samples", "fengtai-2023-evaluation", "form.json")


def template_form(year: int = 2024) -> EvalForm:
    """The blank form the template shows: the sample's indicator tree with its 分值, nothing else."""
    sample = json.loads(resources.files("jixiao").joinpath(*TREE_SOURCE).read_text(encoding="utf-8"))
    return parse_eval_form({
        "form": V.TITLE, "year": year, "project": "",
        "level1_weights": sample["level1_weights"], "level2_weights": sample["level2_weights"],
        "indicators": [{"level1": i["level1"], "level2": i["level2"], "name": i["name"], "weight": i["weight"],
                        "score": None} for i in sample["indicators"]],
    }, "<模板>")


def template_workbook() -> Workbook:
    wb = new_workbook()
    build_eval_sheet(wb.create_sheet(V.TITLE), template_form(), template=True)
    return wb


def add_sheets(wb: Workbook, forms: Iterable[EvalForm], caches: dict[str, dict[str, Any]], *,
                    values_only: bool = False, bands: Any = None, shared: Sequence[Any] | None = None) -> list[str]:
    """One sheet per evaluation form, after the sheets already there; returns their titles. An
    evaluation's 等级 has its own bands (``scoring.BANDS``, the 评价表's note), not a self-evaluation
    profile's: ``bands`` is not used. ``shared``: per form, its indicator texts one merged cell covered where it
    was read (``TableSheetForm.shared``)."""
    taken = set(wb.sheetnames)
    titles = []
    for i, form in enumerate(forms):
        title = safe_sheet_title(f"评价-{form.project}" if form.project else V.TITLE, taken)
        caches[title] = build_eval_sheet(wb.create_sheet(title), form, values_only=values_only,
                                         shared=shared[i] if shared else None)
        titles.append(title)
    return titles
