"""The one layout definition of the official 项目支出绩效自评表.

Everything that knows where a thing sits on the sheet reads it from here: the template
writer (``sheet.py``), the filler (``fill``), the reader (``reader.py``), and the checker
when it names the cell of a finding. The native formulas live here too, each beside its
Python twin (the same arithmetic on the same cells), so that ``fill`` can tell whether a
written value agrees with the formula and the LibreOffice tests can prove the twins right.

Sheet plan (columns A..I, rows for the default 20 indicator rows)::

    1  项目支出绩效自评表                                   (title, A1:I1)
    2  （2022年度）                                          (A2:I2, the year as a number)
    3  项目名称 | B3:I3
    4  主管部门 | B4:D4 | 实施单位 | F4:I4
    5  项目负责人 | B5:D5 | 联系电话 | F5:I5
    6  项目资金（万元）A6:A10 | B6 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 (H:I)
    7    年度资金总额         | C7 | D7 | E7 | F7 分值 | G7 执行率 | H7 得分
    8    其中：当年财政拨款   | C8 | D8 | E8 | —
    9    上年结转资金         | ...
    10   其他资金             | ...
    11 年度总体目标 A11:A12 | 预期目标 B11:E11 | 实际完成情况 F11:I11
    12                      | B12:E12          | F12:I12
    13 绩效指标 A13:A33 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    14..33 indicator rows (B..I)
    34 总分 A34:F34 | G34 Σ分值 | H34 总分 | I34 等级
    35 说明 | B35:I35
    37 填报单位负责人（签名）：C37  填报人：E37  填报日期：G37  联系方式：I37
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Collection, Iterable, Mapping, ClassVar

from ...core import fieldpath
from ...core import grades
from ...core.computed import Computed
from ...core.rowblock import IndicatorRows, RowBelow
from ...core.computed import evaluate as evaluate_cells
from ...core.numbers import cell_number
from ...core.rates import exec_rate, exec_score
from . import TITLE
from .model import SUB_ROWS


DEFAULT_ROWS = 20
MAX_COL = 9  # A..I

# Fixed rows above the indicator block.
ROW_TITLE, ROW_YEAR, ROW_PROJECT, ROW_AUTH, ROW_LEADER = 1, 2, 3, 4, 5
ROW_FUND_HEAD = 6
FUND_ROW_OF = {"total": 7, "fiscal": 8, "carryover": 9, "other": 10}
FUND_LABELS = {"total": "年度资金总额", "fiscal": "其中：当年财政拨款", "carryover": "上年结转资金",
               "other": "其他资金"}
FUND_COL_OF = {"initial": "C", "annual": "D", "executed": "E"}
FUND_HEADERS = {"C": "年初预算数", "D": "全年预算数", "E": "全年执行数", "F": "分值", "G": "执行率", "H": "得分"}
ROW_GOAL_HEAD, ROW_GOAL = 11, 12
ROW_IND_HEAD = 13
FIRST_IND = 14

IND_COL_OF = {"level1": "B", "level2": "C", "name": "D", "target": "E", "actual": "F", "weight": "G",
              "score": "H", "reason": "I"}
IND_HEADERS = {"A": "绩效指标", "B": "一级指标", "C": "二级指标", "D": "三级指标", "E": "年度指标值",
               "F": "实际完成值", "G": "分值", "H": "得分", "I": "偏差原因分析及改进措施"}
NUMERIC_IND_FIELDS = ("weight", "score")

# H holds the 签名栏's right-aligned “联系方式：” (5 characters, 10 units and one to spare): at 8, with
# Calibri's widths, it ran left under the 填报日期 beside it and printed as “系方式：”; B (down to “其中：当年财政
# 拨款”'s 18), C and D give a unit each. G holds the 填报日期 (shrunk to fit, one line): at 9 a date written
# “2023年3月15日” printed at half size (filler QA, s43); C and E give a unit, D two (13 units: 7 digits and
# 年月日), I keeps its header on one line, the sheet's width and print scale unchanged
COL_WIDTHS = {"A": 11, "B": 18, "C": 14, "D": 17, "E": 12, "F": 13, "G": 13, "H": 11, "I": 22}


@dataclass(frozen=True)
class InputField:
    """An input cell (or a column of input cells) and the message Excel shows on it."""

    field: str          # path into the form as data; "indicators[].x" for a column
    title: str          # the input message title (≤ 32 characters)
    prompt: str         # the input message (≤ 255 characters)
    numeric: bool = False


# Header and footer fields: (field, cell) — fixed, whatever the number of indicator rows.
HEAD_CELLS = {
    "year": "A2",
    "project": "B3",
    "authority": "B4",
    "unit": "F4",
    "leader": "B5",
    "phone": "F5",
    "funds_weight": "F7",
    "exec_rate": "G7",
    "exec_score": "H7",
    "goal_expected": "B12",
    "goal_actual": "F12",
}

PROMPTS: dict[str, tuple[str, str]] = {
    "year": ("年度", "填写预算年度，如 2024（显示为“（2024年度）”）。"),
    "project": ("项目名称", "填写预算批复的项目全称。"),
    "authority": ("主管部门", "填写主管部门名称或代码。"),
    "unit": ("实施单位", "填写项目实施单位全称。"),
    "leader": ("项目负责人", "填写项目负责人姓名（无则留空）。"),
    "phone": ("联系电话", "填写项目负责人联系电话。"),
    "funds.initial": ("年初预算数（万元）", "填写年初预算数，单位万元，只填数字。"),
    "funds.annual": ("全年预算数（万元）", "填写调整后的全年预算数，单位万元，只填数字。执行率以它为分母。"),
    "funds.executed": ("全年执行数（万元）", "填写全年实际支出数，单位万元，只填数字，不应大于全年预算数。"),
    "funds_weight": ("分值", "预算执行率的分值，原则上为 10 分。"),
    "exec_rate": ("执行率（自动计算）", "由公式计算：全年执行数 ÷ 全年预算数。请勿手工改写。"),
    "exec_score": ("得分（自动计算）", "由公式计算：分值 × 执行率（执行率超过 100% 按 100% 计）。"),
    "goal_expected": ("预期目标", "填写年初设定的年度总体绩效目标。"),
    "goal_actual": ("实际完成情况", "写明目标的实际完成情况，不要只写“已完成”。"),
    "level1": ("一级指标", "从下拉列表选择：产出指标、效益指标、满意度指标。"),
    "level2": ("二级指标", "从下拉列表选择，如数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标。"),
    "name": ("三级指标", "填写三级指标名称，不要加“指标1：”之类的前缀。"),
    "target": ("年度指标值", "写方向、数值和单位，如“≥17 人”“≤5.6 万元”“100%”“12月前”；定性指标写“定性”或“有效提升”等。"),
    "actual": ("实际完成值", "写实际达到的数值和单位，如“14 人”“5.18 万元”；不要重复指标值（“≥95%”），也不要只写“已完成”。"),
    "weight": ("分值", "本指标的分值。执行率分值与全部指标分值合计应为 100。"),
    "score": ("得分", "本指标得分，不得超过分值。未达标或有扣分时，请在“偏差原因分析及改进措施”中说明。"),
    "reason": ("偏差原因分析及改进措施", "得分低于分值时必填：说明偏差原因和改进措施。"),
    "total_weight": ("总分·分值（自动计算）", "由公式计算：执行率分值 + 各指标分值，应为 100。"),
    "total_score": ("总分·得分（自动计算）", "由公式计算：执行率得分 + 各指标得分。"),
    "remark": ("说明", "需要补充说明的事项（可留空）。"),
    "unit_leader": ("填报单位负责人", "填报单位负责人签名。"),
    "filled_by": ("填报人", "填报人姓名。"),
    "filled_on": ("填报日期", "填报日期，如 2024.3.1。"),
    "contact": ("联系方式", "填报人的联系电话。"),
}

LEVEL1_LIST = ("产出指标", "效益指标", "满意度指标")
LEVEL2_LIST = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
               "生态效益指标", "可持续影响指标", "服务对象满意度指标")


# --------------------------------------------------------------------------------------
# Formula twins: the Excel formula of a computed cell and the same arithmetic in Python.
# Each Python twin takes the values the referenced cells hold (None for blank) and
# returns what a spreadsheet program computes (None where the formula yields "").
# --------------------------------------------------------------------------------------

def twin_column(total: Any, parts: Iterable[Any]) -> float | None:
    """年度资金总额's column as ``IF(COUNT(D7),D7,SUM(D8:D10))`` gives it (``Funds.column``)."""
    t = cell_number(total)
    return t if t is not None else sum(x for x in map(cell_number, parts) if x is not None)


def twin_sum(values: Iterable[Any]) -> float | None:
    """``IF(COUNT(r)=0,"",SUM(r))``."""
    nums = [v for v in map(cell_number, values) if v is not None]
    return sum(nums) if nums else None


def _fund(col: str) -> Callable[[Mapping[str, Any]], float | None]:
    return lambda env: twin_column(env.get(f"funds.total.{col}"),
                                   [env.get(f"funds.{r}.{col}") for r in SUB_ROWS])


def _exec_score(env: Mapping[str, Any]) -> float | None:
    rate = cell_number(env.get("exec_rate"))
    return exec_score(rate=rate, weight=cell_number(env.get("funds_weight")) or 0)


def _col_expr(col: str) -> str:
    """The column of 年度资金总额, or the sum of its 其中 rows where it is blank."""
    c = FUND_COL_OF[col]
    first, last = FUND_ROW_OF["fiscal"], FUND_ROW_OF["other"]
    return f"IF(COUNT({c}7),{c}7,SUM({c}{first}:{c}{last}))"


def linked_column(col: str, sheet: str) -> str:
    """年度资金总额's column of the form on ``sheet`` (quoted) as ``Funds.column`` gives it, for a cell of
    another sheet (the 汇总表's 项目明细, no "="): the total row; where it is blank, the sum of the 其中
    rows if any is filled (as the form's own 执行率 formula, ``_col_expr``); else the total cell as it
    is (blank, or a text the 校验 names). A link to the total cell alone showed a blank 全年预算数
    where a form fills only its 其中 rows, and the 汇总表 left its budget out once recalculated."""
    c = FUND_COL_OF[col]
    first, last = FUND_ROW_OF["fiscal"], FUND_ROW_OF["other"]
    total, parts = f"{sheet}!{c}{FUND_ROW_OF['total']}", f"{sheet}!{c}{first}:{c}{last}"
    return f'IF(COUNT({total}),{total},IF(COUNT({parts}),SUM({parts}),IF({total}="","",{total})))'


# The computed cells, in sheet order: each formula beside its twin (``core.computed``); the 等级
# under the bands in force (``computed``), these under the default bands.
COMPUTED: tuple[Computed["FormLayout"], ...] = (
    Computed("exec_rate",
             lambda lay: f'=IF(N({_col_expr("annual")})=0,"",{_col_expr("executed")}/{_col_expr("annual")})',
             lambda env: exec_rate(executed=_fund("executed")(env), annual=_fund("annual")(env))),
    Computed("exec_score", lambda lay: '=IF(ISNUMBER(G7),N(F7)*MIN(G7,1),"")', _exec_score),
    Computed("total_weight",
             lambda lay: f'=IF(COUNT(F7,{lay.weight_range})=0,"",SUM(F7,{lay.weight_range}))',
             lambda env: twin_sum([env.get("funds_weight"), *env.get("weights", ())])),
    Computed("total_score",
             lambda lay: f'=IF(COUNT(H7,{lay.score_range})=0,"",SUM(H7,{lay.score_range}))',
             lambda env: twin_sum([env.get("exec_score"), *env.get("scores", ())])),
    grades.grade_cell(lambda lay: f"H{lay.row_total}"),
)


def computed(bands: grades.Bands = grades.DEFAULT_BANDS) -> tuple[Computed["FormLayout"], ...]:
    """The computed cells with the 等级 under ``bands`` (a profile's ``grade_bands``)."""
    if grades.same_bands(bands, grades.DEFAULT_BANDS):
        return COMPUTED
    return (*COMPUTED[:-1], grades.grade_cell(lambda lay: f"H{lay.row_total}", bands))


_CELLS: dict[tuple[type, int, str], str] = {}   # (layout type, rows, field) -> cell (FormLayout.cell)


@dataclass(frozen=True)
class FormLayout(IndicatorRows):
    """Cell addresses of one form sheet with ``rows`` indicator rows."""

    rows: int = DEFAULT_ROWS
    first_ind: ClassVar[int] = FIRST_IND
    weight_col: ClassVar[str] = "G"
    score_col: ClassVar[str] = "H"

    count_field: ClassVar[str] = "rows"

    # -- rows -------------------------------------------------------------------------
    row_remark = RowBelow("row_total", 1)
    row_sign = RowBelow("row_total", 3)
    last_row = RowBelow("row_sign", 0)

    # -- cells ------------------------------------------------------------------------
    def cell(self, field: str) -> str:
        """The cell of a field path of the form as data (as used in findings). Kept per number of
        rows and field: a layout is frozen, and a batch's findings ask for the same few (issue #18)."""
        if type(self.rows) is not int:
            return self._cell(field)
        key = (type(self), self.rows, field)
        got = _CELLS.get(key)
        if got is None:
            got = self._cell(field)
            if len(_CELLS) >= 4096:
                _CELLS.clear()
            _CELLS[key] = got
        return got

    def _cell(self, field: str) -> str:
        if field in HEAD_CELLS:
            return HEAD_CELLS[field]
        foot = self.foot_cells()
        if field in foot:
            return foot[field]
        if field.startswith("funds."):
            _, row, col = field.split(".")
            return f"{FUND_COL_OF[col]}{FUND_ROW_OF[row]}"
        at = fieldpath.item(field)
        if at:
            return f"{IND_COL_OF[at[1]]}{self.ind_row(at[0])}"
        raise KeyError(field)

    def foot_cells(self) -> dict[str, str]:
        t, s = self.row_total, self.row_sign
        return {"total_weight": f"G{t}", "total_score": f"H{t}", "grade": f"I{t}",
                "remark": f"B{self.row_remark}", "unit_leader": f"C{s}", "filled_by": f"E{s}",
                "filled_on": f"G{s}", "contact": f"I{s}"}

    # -- formulas ---------------------------------------------------------------------
    def formulas(self, bands: grades.Bands = grades.DEFAULT_BANDS) -> dict[str, str]:
        """field -> native Excel formula (no add-in, Excel 2010+, WPS, LibreOffice); the 等级 under ``bands``."""
        return {c.field: c.formula(self) for c in computed(bands)}


def form_env(form: Any) -> dict[str, Any]:
    """What the input cells of a filled sheet hold, by field path (the twins' ``env``)."""
    env: dict[str, Any] = {"funds_weight": form.funds_weight,
                           "weights": [i.weight for i in form.indicators],
                           "scores": [i.score for i in form.indicators]}
    for row in ("total", *SUB_ROWS):
        r = form.funds.row(row)
        for col in FUND_COL_OF:
            env[f"funds.{row}.{col}"] = getattr(r, col)
    return env


def evaluate(env: Mapping[str, Any], written: Mapping[str, Any] | None = None,
             bands: grades.Bands = grades.DEFAULT_BANDS, cleared: Collection[str] = ()) -> dict[str, Any]:
    """The value each computed cell shows: typed over (``written``), blank where its formula was cleared
    (``cleared``), or its formula's result."""
    return evaluate_cells(computed(bands), env, written, cleared)


def field_cell(form: Any, path: str) -> str:
    """Where ``fill`` puts the field ``path`` of ``form`` (``FormKind.layout_cell``)."""
    if path.startswith("summary."):  # a finding about the published 汇总表, not a cell of the form
        raise KeyError(path)
    return FormLayout(max(DEFAULT_ROWS, len(form.indicators))).cell(path)
