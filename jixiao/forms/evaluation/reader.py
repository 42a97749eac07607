"""Reading 项目支出绩效评价表 sheets back into forms as data (the inverse of ``fill``).

A sheet is one when its title (A1) says so. The header sits where ``layout`` puts it; the
indicator rows run from under the column heads down to the row labelled 总计, so rows an
evaluator inserted are read too, and 存在的问题 and 有关建议 are found by their labels.
Values come from python-calamine like every reader's (formula cells give their cached
results); the 一级/二级 得分 are sums the sheet computes and are not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..sheetform import TableSheetForm, another_form, below_total, col_index, indicator_rows, merged_over, shared_spans
from . import layout as V
from .model import EVAL_FORM_NAME, parse_eval_form
from ...errors import EXPECT_PROJECT, CellError, NotAFormError, each_error
from ..project.reader import _Grid
from ...core.grades import written_grade
from ...core.numbers import is_unfilled, label_unit

__all__ = ["EvalSheetForm", "is_eval_sheet", "read_sheet_rows", "read_eval_sheet"]


def is_eval_sheet(grid: _Grid) -> bool:
    return EVAL_FORM_NAME in grid.label("A1")


@dataclass
class EvalSheetForm(TableSheetForm):
    """One evaluation form read from one sheet, with where its rows sit (for findings)."""

    IND_COL_OF = V.IND_COL_OF
    TOTAL_COL_OF = {"total_weight": "I", "total_score": "J", "grade": "K"}

    ROW_FIELDS = (("problems", "problems", "D"), ("suggestions", "suggestions", "D"))


# the texts one cell merged down (or across) over indicator rows is each row's (``sheetform.merged_over``), as the other
# kinds': 评分标准, 扣分原因
_SHARED_COLS = {f: col_index(V.IND_COL_OF[f]) for f in ("standard", "reason")}


def read_eval_sheet(grid: _Grid, merges: Any = None) -> EvalSheetForm:
    """One 评价表 of a sheet. ``merges``: the sheet's merged ranges (calamine's, or Excel's through the add-in),
    where known: a 扣分原因 (评分标准) merged down over indicator rows is each row's."""
    nrows = len(grid.rows)
    total = grid.label_row(V.TOTAL_LABEL, V.FIRST_IND)
    missing = []
    if "一级指标" not in grid.label(f"A{V.ROW_IND_HEAD}"):
        missing.append(f"A{V.ROW_IND_HEAD}“一级指标”")
    if total is None:
        missing.append(f"“{V.TOTAL_LABEL}”行")
    if missing or total is None:
        raise NotAFormError(f"工作表“{grid.sheet}”不是{EVAL_FORM_NAME}：缺少 " + "、".join(missing), file=grid.file)
    project = grid.text(V.HEAD_CELLS["project"])
    if is_unfilled(project):  # blank, only spaces, or only “/”, “—”, “无”
        grid.fail(V.HEAD_CELLS["project"], "项目名称为空，请填写批复的项目名称", EXPECT_PROJECT)

    head: dict[str, Any] = {}
    for _l, text, _rng, fld in V.HEAD:
        ref = V.HEAD_CELLS[fld]
        head[fld] = (grid.number(ref, text, label_unit(text)) if fld in V.HEAD_NUMBERS
                     else grid.date_text(ref, text, fld) if fld == "report_date" else grid.text(ref))

    down = merged_over(merges, _SHARED_COLS.values(), V.FIRST_IND, total) if merges else {}
    found, l1w, l2w = indicator_rows(
        grid, V.FIRST_IND, total, ("A", "B", "D", "E"),
        {"name": ("G", None), "standard": ("H", None), "weight": ("I", "分值"), "score": ("J", "得分"),
         "reason": ("K", None)}, down=down)
    inds = [{"level1": level1, "level2": level2, **row, "name": row["name"] or ""} for _r, level1, level2, row in found]
    ind_rows = [r for r, *_rest in found]

    rows = {"total": total}
    for r in range(total + 1, nrows + 1):
        label = grid.label(f"A{r}")
        if label == V.PROBLEMS_LABEL:
            rows.setdefault("problems", r)
        elif label == V.SUGGESTIONS_LABEL:
            rows.setdefault("suggestions", r)
    # an indicator typed under the 总计, before 存在的问题: X7
    below_total(grid, total, min((r for k, r in rows.items() if k != "total"), default=nrows + 1), found,
                ("A", "D", "G", "I", "J"), V.TOTAL_LABEL)
    data = {
        "form": EVAL_FORM_NAME, "year": grid.year(), **head, "project": project,
        "level1_weights": l1w, "level2_weights": l2w, "indicators": inds,
        "total_weight": grid.number(f"I{total}", "总计的分值"), "total_score": grid.number(f"J{total}", "总计的得分"),
        "grade": written_grade(grid.text(f"K{total}")),
        "problems": grid.text(f"D{rows['problems']}") if "problems" in rows else None,
        "suggestions": grid.text(f"D{rows['suggestions']}") if "suggestions" in rows else None,
    }
    grid.done(data)  # every bad cell at once
    form = parse_eval_form(data, f"{grid.file}#{grid.sheet}")
    return EvalSheetForm(grid.file, grid.sheet, form, V.EvalLayout.for_form(form), ind_rows, rows, list(grid.notes),
                         shared=shared_spans(merges, ind_rows, _SHARED_COLS) if down else {})


def read_sheet_rows(rows: list[list[Any]], file: str, sheet: str, merges: Any = None) -> tuple[list[EvalSheetForm], list[Any]] | None:
    """One sheet's values (rows from A1; ``merges``: its merged ranges, where known) as an evaluation form; None
    when it is not one."""
    grid = _Grid(rows, file, sheet)
    if not is_eval_sheet(grid):
        return None
    second = another_form(rows, EVAL_FORM_NAME, file, sheet)
    try:
        return [read_eval_sheet(grid, merges)], [second] if second else []
    except (CellError, NotAFormError) as exc:
        return [], each_error(exc) + ([second] if second else [])
