"""The one layout of the 项目支出绩效评价表, and its computed cells (formula + Python twin).

The writer (``sheet``), the reader (``reader``) and the checker naming the cell of a
finding all take positions from here. Sheet plan (columns A..K, A4 portrait)::

    1   项目支出绩效评价表                                            (A1:K1)
    2   （2023年度）                                                   (A2:K2, the year as a number)
    3   项目名称 A:C | D:K
    4   主管部门 A:C | D:G || 实施单位 H | I:K
    5   评价机构 A:C | D:G || 报告日期 H | I:K
    6   预算数（万元） A:C | D:E || 支出数（万元） F:G | H || 预算执行率 I:J | K (formula)
    7   一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 | 三级指标 | 评分标准 | 分值 | 得分 | 扣分原因
    8…  one row per 三级指标; 一级 (A, 分值 B, 得分 C) and 二级 (D, E, F) merged over their rows,
        their 得分 a formula: Σ of the 三级 得分 below them
    T   总计 | Σ一级分值 | · | · | Σ二级分值 | · | · | · | Σ分值 | Σ得分 | 等级
    T+1 存在的问题 A:C | D:K
    T+2 有关建议   A:C | D:K

Every computed cell is a ``core.computed.Computed`` record: its native formula beside its
twin from ``scoring``; the LibreOffice test recalculates the sheet and compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, ClassVar

from ...core.rowblock import IndicatorRows, RowBelow
from ...core import fieldpath
from ...core import grades
from ...core.computed import Computed
from ...core.rates import exec_rate
from .model import EvalForm
from . import TITLE
from .scoring import BANDS, level_groups, twin_sum

COLS = "ABCDEFGHIJK"
LAST_COL = "K"
# G holds the fixed 三级指标 names on one line (“服务对象满意度”, 7 characters: at 13 units it printed
# “服务对象满意/度” with Calibri's metrics); the 评分标准 column gives the room
COL_WIDTHS = {"A": 8.5, "B": 5.5, "C": 5.5, "D": 9.5, "E": 5.5, "F": 5.5, "G": 15, "H": 28, "I": 5.5, "J": 5.5,
              "K": 22}

ROW_TITLE, ROW_YEAR, ROW_FUNDS = 1, 2, 6
ROW_IND_HEAD = 7
FIRST_IND = 8

IND_COL_OF = {"level1": "A", "level1_weight": "B", "level1_score": "C", "level2": "D", "level2_weight": "E",
              "level2_score": "F", "name": "G", "standard": "H", "weight": "I", "score": "J", "reason": "K"}
IND_HEADERS = {"A": "一级指标", "B": "分值", "C": "得分", "D": "二级指标", "E": "分值", "F": "得分", "G": "三级指标",
               "H": "评分标准", "I": "分值", "J": "得分", "K": "扣分原因"}

# header: (label range, label, value range, field); fields are form paths
HEAD = (
    ("A3:C3", "项目名称", "D3:K3", "project"),
    ("A4:C4", "主管部门", "D4:G4", "authority"),
    ("H4", "实施单位", "I4:K4", "unit"),
    ("A5:C5", "评价机构", "D5:G5", "evaluator"),
    ("H5", "报告日期", "I5:K5", "report_date"),
    ("A6:C6", "预算数（万元）", "D6:E6", "budget"),
    ("F6:G6", "支出数（万元）", "H6", "executed"),
)
HEAD_CELLS = {fld: rng.split(":")[0] for _l, _t, rng, fld in HEAD}
HEAD_NUMBERS = ("budget", "executed")
EXEC_RATE_LABEL, EXEC_RATE_CELL = ("I6:J6", "预算执行率"), "K6"
TOTAL_LABEL = "总计"
PROBLEMS_LABEL, SUGGESTIONS_LABEL = "存在的问题", "有关建议"


@dataclass(frozen=True)
class EvalLayout(IndicatorRows):
    """Row positions of one evaluation sheet with ``n`` indicator rows grouped in ``spans``."""

    n: int
    level1_spans: tuple[tuple[int, int], ...]   # (first, last) indicator index of each 一级 group
    level2_spans: tuple[tuple[int, int], ...]

    @classmethod
    def for_form(cls, form: EvalForm) -> "EvalLayout":
        def spans(attr: str) -> tuple[tuple[int, int], ...]:
            return tuple((idx[0], idx[-1]) for _name, idx in level_groups(form, attr)) or ((0, 0),)

        return cls(max(len(form.indicators), 1), spans("level1"), spans("level2"))

    # -- rows -------------------------------------------------------------------------
    first_ind: ClassVar[int] = FIRST_IND
    row_problems = RowBelow("row_total", 1)
    row_suggestions = RowBelow("row_total", 2)
    last_row = RowBelow("row_suggestions", 0)

    # -- cells ------------------------------------------------------------------------
    def foot_cells(self) -> dict[str, str]:
        t = self.row_total
        return {"level1_weight_total": f"B{t}", "level2_weight_total": f"E{t}", "total_weight": f"I{t}",
                "total_score": f"J{t}", "grade": f"K{t}", "problems": f"D{self.row_problems}",
                "suggestions": f"D{self.row_suggestions}"}

    def cell(self, path: str, form: EvalForm | None = None) -> str:
        """The cell of a field path of the form as data (findings), or of a computed cell."""
        if path == "year":
            return "A2"
        if path in HEAD_CELLS:
            return HEAD_CELLS[path]
        if path == "exec_rate":
            return EXEC_RATE_CELL
        foot = self.foot_cells()
        if path in foot:
            return foot[path]
        head = path.partition("[")[0]
        at = fieldpath.item(path, head)
        if at:
            idx, fld = at
            if head == "indicators":
                return f"{IND_COL_OF[fld]}{self.ind_row(idx)}"
            spans = {"level1": self.level1_spans, "level2": self.level2_spans}.get(head.split("_")[0])
            if spans is not None:  # level1_scores[k], level2_weights[k] …: the group's first row
                col = IND_COL_OF[f"{head.split('_')[0]}_{'score' if head.endswith('scores') else 'weight'}"]
                return f"{col}{self.ind_row(spans[idx][0])}"
        if path.startswith(("level1_weights.", "level2_weights.")) and form is not None:
            level, name = path.split("_", 1)[0], path.split(".", 1)[1]
            for k, (a, _b) in enumerate(self.level1_spans if level == "level1" else self.level2_spans):
                if a < len(form.indicators) and getattr(form.indicators[a], level) == name:
                    return f"{IND_COL_OF[level + '_weight']}{self.ind_row(a)}"
        if path == "indicators":
            return f"A{FIRST_IND}"
        raise KeyError(path)

    # -- computed cells ---------------------------------------------------------------
    def computed(self) -> list[Computed["EvalLayout"]]:
        """Every computed cell in sheet order: field, formula, twin."""
        t, n = self.row_total, self.n
        out: list[Computed[EvalLayout]] = [
            Computed("exec_rate", lambda lay: '=IF(N(D6)=0,"",N(H6)/D6)',
                     lambda env: exec_rate(executed=env.get("executed"), annual=env.get("budget"))),
        ]
        for level, spans in (("level1", self.level1_spans), ("level2", self.level2_spans)):
            for k, (a, b) in enumerate(spans):
                out.append(_sum_cell(f"{level}_scores[{k}]", self.col_range("J", a, b),
                                     [f"indicators[{i}].score" for i in range(a, b + 1)]))
        for level, col, spans in (("level1", "B", self.level1_spans), ("level2", "E", self.level2_spans)):
            out.append(_sum_cell(f"{level}_weight_total", self.col_range(col),
                                 [f"{level}_weights[{k}]" for k in range(len(spans))]))
        out.append(_sum_cell("total_weight", self.col_range("I"), [f"indicators[{i}].weight" for i in range(n)]))
        out.append(_sum_cell("total_score", self.col_range("J"), [f"indicators[{i}].score" for i in range(n)]))
        out.append(grades.grade_cell(lambda lay: f"J{t}", BANDS))
        return out


def _sum_cell(fld: str, rng: str, inputs: list[str]) -> Computed[EvalLayout]:
    """A Σ cell: ``IF(COUNT(r)=0,"",SUM(r))`` over ``rng``, twin ``twin_sum`` over the same inputs."""
    def formula(lay: EvalLayout) -> str:
        return f'=IF(COUNT({rng})=0,"",SUM({rng}))'

    def twin(env: Mapping[str, Any]) -> Any:
        return twin_sum(env.get(p) for p in inputs)

    return Computed(fld, formula, twin)


def form_env(form: EvalForm, lay: EvalLayout) -> dict[str, Any]:
    """What the input cells hold, by path: the twins' arguments."""
    env: dict[str, Any] = {"budget": form.budget, "executed": form.executed}
    for i, ind in enumerate(form.indicators):
        env[f"indicators[{i}].weight"] = ind.weight
        env[f"indicators[{i}].score"] = ind.score
    for level, spans, declared in (("level1", lay.level1_spans, form.level1_weights),
                                   ("level2", lay.level2_spans, form.level2_weights)):
        for k, (a, _b) in enumerate(spans):
            name = getattr(form.indicators[a], level) if a < len(form.indicators) else None
            env[f"{level}_weights[{k}]"] = declared.get(name) if name is not None else None
    return env


def shown_values(form: EvalForm, lay: EvalLayout, written: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What every computed cell shows: a value written over the formula, else the twin's."""
    from ...core.computed import evaluate

    return evaluate(lay.computed(), form_env(form, lay), written)


def field_cell(form: Any, path: str) -> str:
    """Where ``fill`` puts the field ``path`` of ``form`` (``FormKind.layout_cell``)."""
    return str(EvalLayout.for_form(form).cell(path, form))
