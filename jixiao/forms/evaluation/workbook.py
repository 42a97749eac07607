"""Workbooks with 项目支出绩效评价表 sheets: the template, and filled forms.

The template is written by code from the one layout, reproducibly, like the other kinds'
templates; its indicator tree is the published one of the shipped sample (丰台区医疗保障局,
2023: 决策/过程/产出/效益 with their 二级/三级 指标 and 分值), with no scores and no header.
"""

from __future__ import annotations

from typing import Any, Iterable

from openpyxl import Workbook

from . import layout as V
from .model import EvalForm, parse_eval_form
from .sheet import build_eval_sheet
from ...sheet import safe_sheet_title
from ...workbook import new_workbook

EVAL_TEMPLATE = "项目支出绩效评价表.xlsx"

# (一级, 分值, 二级, 分值, 三级, 分值): the indicator tree of the template
TEMPLATE_TREE = (
    ("项目决策", 20, "绩效目标", 10, "目标内容", 10),
    ("项目决策", 20, "决策过程", 10, "决策依据", 5),
    ("项目决策", 20, "决策过程", 10, "决策程序", 5),
    ("项目过程", 30, "项目资金", 15, "预算管理", 10),
    ("项目过程", 30, "项目资金", 15, "财务管理", 5),
    ("项目过程", 30, "项目实施", 15, "组织机构", 10),
    ("项目过程", 30, "项目实施", 15, "过程控制", 5),
    ("项目产出", 30, "项目产出", 30, "产出数量", 10),
    ("项目产出", 30, "项目产出", 30, "产出质量", 7),
    ("项目产出", 30, "项目产出", 30, "产出时效", 7),
    ("项目产出", 30, "项目产出", 30, "产出成本", 6),
    ("项目效益", 20, "项目效果", 20, "社会效益", 10),
    ("项目效益", 20, "项目效果", 20, "服务对象满意度", 10),
)


def template_form(year: int = 2024) -> EvalForm:
    """The blank form the template shows: the indicator tree with its 分值, nothing else."""
    return parse_eval_form({
        "form": V.TITLE, "year": year, "project": "",
        "level1_weights": {l1: w1 for l1, w1, *_ in TEMPLATE_TREE},
        "level2_weights": {l2: w2 for _l1, _w1, l2, w2, *_ in TEMPLATE_TREE},
        "indicators": [{"level1": l1, "level2": l2, "name": n, "weight": w, "score": None}
                       for l1, _w1, l2, _w2, n, w in TEMPLATE_TREE],
    }, "<模板>")


def eval_template_workbook() -> Workbook:
    wb = new_workbook()
    build_eval_sheet(wb.create_sheet(V.TITLE), template_form(), template=True)
    return wb


def add_eval_sheets(wb: Workbook, forms: Iterable[EvalForm], caches: dict[str, dict[str, Any]], *,
                    values_only: bool = False) -> list[str]:
    """One sheet per evaluation form, after the sheets already there; returns their titles."""
    taken = set(wb.sheetnames)
    titles = []
    for form in forms:
        title = safe_sheet_title(f"评价-{form.project}" if form.project else V.TITLE, taken)
        caches[title] = build_eval_sheet(wb.create_sheet(title), form, values_only=values_only)
        titles.append(title)
    return titles
