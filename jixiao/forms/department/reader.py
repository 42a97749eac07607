"""Reading 部门整体支出绩效自评表 sheets back into forms as data (the inverse of ``fill``).

Reads with python-calamine, like ``reader`` does for the project form: values and the
cached results of formulas. Fixed positions come from ``dept_layout`` (title, year and the
header rows); everything below the header is anchored on the row keys in the hidden
column K (rule:…, total, team, data:…, std:…), so rows a department inserted — more
indicators, more members of the 评价小组 — are read, and parameters it edited are found
whatever their row.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..sheetform import TableSheetForm, another_form, below_total, col_index, indicator_rows, merged_over, shared_spans
from . import layout as D
from .model import MAX_BANDS, DEPT_FORM_NAME, parse_dept_form
from ...errors import CellError, NotAFormError, each_error
from ..project.reader import _Grid as ProjectGrid
from ...reading.workbook import iter_sheets
from ...guard import sanitize
from ...core.grades import Bands, written_grade
from ...core import fieldpath
from ...core.numbers import is_unfilled, label_unit

__all__ = ["DeptReadResult", "DeptSheetForm", "is_dept_sheet", "read_dept_rows", "read_dept_sheet",
           "read_dept_workbook"]



class _Grid(ProjectGrid):
    """The project reader's grid, plus the row count."""

    @property
    def nrows(self) -> int:
        return len(self.rows)


def is_dept_sheet(grid: _Grid) -> bool:
    return DEPT_FORM_NAME in grid.label("A1")


@dataclass
class DeptSheetForm(TableSheetForm):
    """One department form read from one sheet, with where each field sits (for findings)."""

    team_rows: list[int] = field(default_factory=list)
    # the bands of our 等级 formula where the 等级 shown is its result, not written (``shown.formula_grades``)
    grade_formula: Bands | None = None
    # the indicators whose blank 得分 cell holds no formula where our template put one (``shown.formulas_gone``)
    formula_gone: list[int] = field(default_factory=list)
    IND_COL_OF = D.IND_COL_OF
    TOTAL_COL_OF = {"total_weight": "H", "total_score": "I", "grade": "J"}

    ROW_FIELDS = (("data.counts.", "count:", "F"), ("data.", "data:", "F"))

    def cell(self, path: str) -> str:
        """A cell below the 总分 (评价小组, 组长, 部门意见 and its 日期, the parameters) where it is on this sheet:
        the layout puts as many 评价小组 rows as were filled, the template has seven — with three or none filled,
        校验 and 定稿 named the 意见's 日期 J37, the fourth member's 签字 cell, not J43. A member's cell is the row
        the member was read from; the rest moves by the rows between the layout's 组长 row and the sheet's."""
        member = fieldpath.item(path, "team")
        if member and member[0] < len(self.team_rows):
            return f"{D.TEAM_FIELDS[member[1]]}{self.team_rows[member[0]]}"
        read = self.row_cell(path) or self._level_cell(path) or self._keyed_cell(path)
        ref = read or str(self.layout.cell(path))
        leader, lay = self.rows.get("team_leader"), self.layout
        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        if read or m is None or leader is None or not isinstance(lay, D.DeptLayout) or int(m.group(2)) <= lay.row_total:
            return ref
        col, row = m.group(1), int(m.group(2))
        return f"{col}{row + leader - lay.row_leader}"


@dataclass
class DeptReadResult:
    file: str
    forms: list[DeptSheetForm] = field(default_factory=list)
    problems: list[CellError | NotAFormError] = field(default_factory=list)


def _keys(grid: _Grid) -> dict[int, str]:
    out = {}
    for r in range(1, grid.nrows + 1):
        k = grid.raw(f"{D.KEY_COL}{r}")
        if isinstance(k, str) and k.strip():
            out[r] = k.strip()
    return out


# the texts one cell merged down (or across) over indicator rows is each row's (``sheetform.merged_over``), as the project
# form's 偏差原因: 评分标准, 指标解释, 扣分原因
_SHARED_COLS = {f: col_index(D.IND_COL_OF[f]) for f in ("standard", "explanation", "reason")}


def read_dept_sheet(grid: _Grid, merges: Any = None) -> DeptSheetForm:
    """One 部门整体 form of a sheet. ``merges``: the sheet's merged ranges (calamine's, or Excel's through the
    add-in), where known: a 扣分原因 (评分标准, 指标解释) merged down over indicator rows is each row's."""
    keys = _keys(grid)
    if not keys and (t := grid.label_row("总分", D.FIRST_IND)):
        from .keyless import keys_by_label   # column K lost (the table copied without it): by the labels

        keys = keys_by_label(grid, D.FIRST_IND, t)
    by_key: dict[str, int] = {}
    for r, k in keys.items():
        by_key.setdefault(k, r)
    missing = []
    if "一级指标" not in grid.label(f"A{D.ROW_IND_HEAD}"):
        missing.append(f"A{D.ROW_IND_HEAD}“一级指标”")
    total = by_key.get("total") or grid.label_row("总分", D.FIRST_IND)
    if total is None:
        missing.append("“总分”行")
    if missing or total is None:
        raise NotAFormError(f"工作表“{grid.sheet}”不是部门整体支出绩效自评表：缺少 " + "、".join(missing),
                            file=grid.file)
    department = grid.text(D.HEAD_CELLS["department"])
    if is_unfilled(department):  # blank, only spaces, or only “/”, “—”, “无”
        grid.fail(D.HEAD_CELLS["department"],
                  "部门（单位）名称为空，请填写部门（单位）全称", "部门（单位）全称")

    data: dict[str, Any] = {}
    text_fields: dict[str, Any] = {}
    for path, ref in D.HEAD_CELLS.items():
        if path.startswith("data."):
            data[path[5:]] = grid.number(ref, _head_label(path), label_unit(_head_label(path)))
        elif path == "report_date":
            text_fields[path] = grid.date_text(ref, _head_label(path), path)
        elif path != "department":
            text_fields[path] = grid.text(ref)

    # indicators
    down = merged_over(merges, _SHARED_COLS.values(), D.FIRST_IND, total) if merges else {}
    found, l1w, l2w = indicator_rows(
        grid, D.FIRST_IND, total, ("A", "B", "C", "D"),
        {"name": ("E", None), "standard": ("F", None), "explanation": ("G", None), "weight": ("H", "分值"),
         "score": ("I", "得分"), "reason": ("J", None)}, keep_blank_weights=True, down=down)
    # an indicator typed under the 总分, before the 评价小组 (the next keyed row): X7
    end = min((r for r in keys if r > total), default=grid.nrows + 1)
    below_total(grid, total, end, found, ("A", "C", "E", "H", "I"), "总分")
    inds, ind_rows = [], []
    for r, level1, level2, row in found:
        k = keys.get(r, "")
        inds.append({"level1": level1, "level2": level2, **{**row, "name": row["name"] or ""},
                     "rule": k[5:] if k.startswith("rule:") else None})
        ind_rows.append(r)

    # team and opinion
    team, team_rows = [], []
    head, leader = by_key.get("team"), by_key.get("team_leader")
    if head and leader:
        for r in range(head + 1, leader):
            m = {f: grid.text(f"{col}{r}") for f, col in D.TEAM_FIELDS.items()}
            if any(m.values()):
                team.append(m)
                team_rows.append(r)
    foot = {"team_leader": grid.text(f"F{leader}") if leader else None}
    if "opinion" in by_key:
        foot["opinion"] = grid.text(f"F{by_key['opinion']}")
    if "opinion_sign" in by_key:
        s = by_key["opinion_sign"]
        foot["opinion_signer"], foot["opinion_date"] = grid.text(f"G{s}"), grid.date_text(f"J{s}", "日期", "opinion_date")

    # figures and standards
    counts: dict[str, Any] = {}
    count_labels: dict[str, str] = {}
    groups: dict[str, dict[str, Any]] = {}
    for r, k in keys.items():
        if k.startswith("data:"):
            data[k[5:]] = grid.number(f"F{r}", D.data_label(k[5:]), label_unit(D.data_label(k[5:])))
        elif k.startswith("count:"):
            none = sanitize.none_count_note(grid.raw(f"F{r}"), grid.text(f"A{r}") or "扣分项数", f"F{r}")
            if none is not None:   # “-”, “无”: none went wrong (X2, and 计算 writes the 0)
                grid.notes.append(none)
            n = 0 if none is not None else grid.number(f"F{r}", "扣分项数", label_unit(grid.text(f"A{r}")))
            if n is not None:
                counts[k[6:]] = n
            count_labels[k[6:]] = grid.text(f"A{r}") or ""
        elif k.startswith("std:"):
            parts = k.split(":")
            key, part = parts[1], parts[2]
            if part == "value":
                name = (grid.text(f"A{r}") or key).split("\n")[0].strip()
                groups[key] = {"name": name, "kind": parts[3], "measure": parts[4], "_rows": {}}
            elif key in groups:
                groups[key]["_rows"][part] = r
    data["counts"] = counts
    standards = {key: _standard(grid, g, count_labels.get(key)) for key, g in groups.items()}

    t = total
    form_data = {
        "form": DEPT_FORM_NAME, "year": grid.year(), "department": department, **text_fields,
        "data": data, "level1_weights": l1w, "level2_weights": l2w, "indicators": inds,
        "total_weight": grid.number(f"H{t}", "总分的分值"), "total_score": grid.number(f"I{t}", "总分的得分"),
        "grade": written_grade(grid.text(f"J{t}")), "standards": standards, "team": team,
        "team_leader": foot.get("team_leader"), "opinion": foot.get("opinion"),
        "opinion_signer": foot.get("opinion_signer"), "opinion_date": foot.get("opinion_date"),
    }
    grid.done(form_data)  # every bad cell at once
    form = parse_dept_form(form_data, f"{grid.file}#{grid.sheet}")
    rows = {k: r for k, r in by_key.items()}
    return DeptSheetForm(grid.file, grid.sheet, form, D.DeptLayout.for_form(form), ind_rows, rows, list(grid.notes),
                         team_rows=team_rows, shared=shared_spans(merges, ind_rows, _SHARED_COLS) if down else {})


def _head_label(path: str) -> str:
    for _r, ll, lf, rl, rf in D.HEAD_ROWS:
        if lf == path:
            return ll
        if rf == path:
            return rl
    return path


def _standard(grid: _Grid, g: dict[str, Any], count_label: str | None) -> dict[str, Any]:
    rows = g["_rows"]

    def gv(part: str, col: str = "G") -> Any:
        r = rows.get(part)
        return grid.number(f"{col}{r}", f"评分标准“{g['name']}”的参数") if r else None

    out: dict[str, Any] = {"name": g["name"], "kind": g["kind"], "measure": g["measure"]}
    k = g["kind"]
    if k in ("over_limit", "under_limit"):
        out.update(limit=gv("limit"), per_point=gv("per_point"))
    elif k in ("bands_min", "bands_max"):
        bands = [{"bound": gv(f"band{i}"), "points": gv(f"band{i}", "H")} for i in range(1, MAX_BANDS + 1)]
        while bands and bands[-1]["bound"] is None and bands[-1]["points"] is None:
            bands.pop()
        out.update(bands=bands, base=gv("base", "H"))
    elif k == "per_item":
        out.update(per_item=gv("per_item"), count_label=count_label or None)
    elif k == "balance":
        out.update(points=[gv(f"points{i}", "H") for i in (1, 2, 3)])
    return {key: v for key, v in out.items() if v is not None}


def read_dept_workbook(path: str | Path) -> DeptReadResult:
    """Every 部门整体支出绩效自评表 sheet of a workbook (none is not an error here)."""
    result = DeptReadResult(str(path))
    for sheet, rows, merges, notes in iter_sheets(path, result.problems):
        start = len(result.forms)
        read_dept_rows(rows, str(path), sheet, result, merges)
        sanitize.attach(result.forms, start, notes)
    return result


def read_dept_rows(rows: list[list[Any]], name: str, sheet: str, result: DeptReadResult, merges: Any = None) -> None:
    """One sheet's values (rows from A1; ``merges``: its merged ranges, where known) into ``result`` if it is
    a department form; the Excel add-in reads an open workbook through this."""
    grid = _Grid(rows, name, sheet)
    if not is_dept_sheet(grid):
        return
    try:
        result.forms.append(read_dept_sheet(grid, merges))
    except (CellError, NotAFormError) as exc:
        result.problems.extend(each_error(exc))  # type: ignore[arg-type]  # a CellErrors holds CellErrors
    second = another_form(rows, DEPT_FORM_NAME, name, sheet)
    if second:
        result.problems.append(second)


def read_sheet_rows(rows: list[list[Any]], file: str, sheet: str, merges: Any = None
                    ) -> tuple[list[DeptSheetForm], list[Any]] | None:
    """The department kind's reader of one sheet (``FormKind.read_rows``); None when it is not one."""
    if not is_dept_sheet(_Grid(rows, file, sheet)):
        return None
    res = DeptReadResult(file)
    read_dept_rows(rows, file, sheet, res, merges)
    return res.forms, res.problems
