"""The one layout definition of the 部门整体支出绩效自评表, with its native formulas.

Everything that knows where a thing sits on the department sheet reads it from here: the
writer (``dept_sheet``), the reader (``dept_reader``) and the checker naming the cell of a
finding. The formulas of the computed cells are built here; their Python twins (the same
arithmetic) are in ``dept_scoring``, and the LibreOffice tests prove the pairs agree.

Sheet plan (columns A..J printed, K a hidden column of row keys the reader anchors on)::

    1   部门整体支出绩效自评表                                       (A1:J1)
    2   （2023年度）                                                  (A2:J2, the year as a number)
    3   部门（单位）名称 A:D | E:F || 预算编码        G | H:J
    4   评价方式             | E:F || 评价机构        G | H:J
    5   报告日期             | E:F || 联系人及电话    G | H:J
    6   编制人数（人）       | E6  || 实有人数（人）  G | H6
    7   资产总额（万元）     | E7  || 总收入（万元）  G | H7
    8   总支出（万元）       | E8  || 基本支出（万元）G | H8
    9   项目支出（万元）     | E9  || 结转结余（万元）G | H9
    10  一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 评分标准 | 指标解释 | 分值 | 得分 | 扣分原因
    11… one row per 三级指标; 一级 (A, with its 分值 in B) and 二级 (C, D) merged over their rows
    T   总分 A:G | H Σ分值 | I 总分 | J 等级
    T+1 评价小组;  T+2 序号 | 姓名 | 职务/职称 | 单位 | 签字;  one row per member
        评价组组长（签字）;  部门（单位）意见 (two rows: the opinion, then 负责人（签章） and 日期)
    --- page break ---
        附：计算数据与评分标准参数
        计算数据: 数据项 A:E | 数值 F | 说明 G:J — the figures not in the header, then one 项数
                  row per per-item standard (未按进度下达的专项 …)
        评分标准参数: one group per formula standard — its 计算值 (a formula: the rate, count
                  or 结余) and its parameters (上限, 每点扣分, band rows of 下限/上限 and 得分 …)

A formula indicator's 得分 is a native formula on its group's 计算值 and parameter cells,
so editing a parameter changes the score (and a department can see why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ...core.rowblock import IndicatorRows, RowBelow
from ...core import fieldpath
from ...core import grades
from .model import KIND_ZH as KIND_NOTE, MAX_BANDS, DeptForm, Standard  # noqa: F401 (KIND_NOTE: for dept_sheet)
from .model import LEVEL1, LEVEL2
from . import TITLE
from .scoring import DATA_LABELS, MEASURES, standard_for

__all__ = ["BLOCK_DATA", "COL_WIDTHS", "DATA_NOTES", "FIRST_IND", "HEAD_CELLS", "HEAD_ROWS", "IND_COL_OF",
           "IND_HEADERS", "KEY_COL", "KIND_NOTE", "kind_rows", "LEVEL1_LIST", "LEVEL2_LIST", "PROMPTS", "ROW_IND_HEAD", "ROW_LABELS", "VALUE_LABEL", "COUNT_NOTE", "DATA_HEADS", "PARAM_HEADS",
           "PARAM_NOTES", "PER_ITEM_LABEL", "SENT_WORDS", "sent_label",
           "TEAM_COLS", "TEAM_FIELDS", "TITLE", "DeptLayout", "ParamGroup", "data_label", "param_rows"]

LAST_COL = "J"
KEY_COL = "K"
COLS = "ABCDEFGHIJ"

# A bold 4-character header (“一级指标”, “二级指标”) needs 8.5 units at Calibri's metrics: at 6.5
# “一级指标” printed as “一级指/标” (seen in LibreOffice with Carlito, Calibri's metric twin); 评分标准 gives the room
COL_WIDTHS = {"A": 8.5, "B": 5.5, "C": 8.5, "D": 5.5, "E": 14, "F": 38, "G": 31, "H": 6.5, "I": 6.5, "J": 17, "K": 16}

IND_COL_OF = {"level1": "A", "level1_weight": "B", "level2": "C", "level2_weight": "D", "name": "E",
              "standard": "F", "explanation": "G", "weight": "H", "score": "I", "reason": "J"}
IND_HEADERS = {"A": "一级指标", "B": "分值", "C": "二级指标", "D": "分值", "E": "三级指标", "F": "评分标准",
               "G": "指标解释", "H": "分值", "I": "得分", "J": "扣分原因"}

ROW_TITLE, ROW_YEAR = 1, 2
ROW_IND_HEAD = 10
FIRST_IND = 11

# header rows: (row, left label, left field, right label, right field); fields are form paths
HEAD_ROWS = (
    (3, "部门（单位）名称", "department", "预算编码", "code"),
    (4, "评价方式", "method", "评价机构", "evaluator"),
    (5, "报告日期", "report_date", "联系人及电话", "contact"),
    (6, "编制人数（人）", "data.staff_quota", "实有人数（人）", "data.staff_actual"),
    (7, "资产总额（万元）", "data.assets_total", "总收入（万元）", "data.income_total"),
    (8, "总支出（万元）", "data.expense_total", "基本支出（万元）", "data.expense_basic"),
    (9, "项目支出（万元）", "data.expense_project", "结转结余（万元）", "data.balance"),
)
HEAD_CELLS: dict[str, str] = {}
for _r, _ll, _lf, _rl, _rf in HEAD_ROWS:
    HEAD_CELLS[_lf] = f"E{_r}"
    HEAD_CELLS[_rf] = f"H{_r}"
HEAD_DATA = tuple(f.split(".", 1)[1] for f in HEAD_CELLS if f.startswith("data."))

# the 计算数据 block: the figures not printed in the header, in this order
BLOCK_DATA = ("three_public_this", "three_public_last", "three_public_budget", "key_spending", "budget",
              "budget_adjust", "carryover_last", "procurement_plan", "procurement_actual", "card_spending",
              "card_due", "fixed_assets_in_use", "fixed_assets_total", "satisfaction")
DATA_NOTES = {
    "three_public_this": "因公出国（境）费、公务用车购置及运行费、公务接待费本年实际支出合计",
    "three_public_last": "上年度“三公经费”实际支出合计",
    "three_public_budget": "本年度“三公经费”预算安排数",
    "key_spending": "本年度预算安排的重点项目支出（项目支出见表头）",
    "budget": "本年度预算数（年初批复）",
    "budget_adjust": "追加、追减或结构调整的资金总和（政策性、不可抗力和临时交办的除外）",
    "carryover_last": "上年末结转结余（本年结转结余见表头）",
    "procurement_plan": "年初政府采购预算数",
    "procurement_actual": "本年实际政府采购金额",
    "card_spending": "通过公务卡结算的公用经费支出",
    "card_due": "按规定应使用公务卡结算的公用经费支出",
    "fixed_assets_in_use": "实际在用固定资产总额",
    "fixed_assets_total": "全部固定资产总额",
    "satisfaction": "问卷调查等取得的满意度，如 93%",
}

LEVEL1_LIST, LEVEL2_LIST = LEVEL1, LEVEL2    # the 一级/二级 names the form's lists offer: the model's, one place

# The label each keyed row below the indicators carries (column A, the 负责人 one in F), by its row key: ``sheet``
# writes them, and ``keyless`` finds the rows by them where a copy lost column K
ROW_LABELS = {
    "team_title": "评价小组",
    "team_leader": "评价组组长（签字）",
    "opinion": "部门（单位）意见",
    "opinion_sign": "负责人（签章）：",
    "appendix": "附：计算数据与评分标准参数（填写计算数据后，公式型指标自动评分；评分标准参数可按本部门评分办法修改）",
    "data": "计算数据",
    "params_title": "评分标准参数（公式型指标的得分按此计算；蓝底为自动计算，白底可修改）",
    "params": "评分标准",
}
# the heads of the two appendix tables, (columns, text) each: the first is the row's ``ROW_LABELS`` label
DATA_HEADS = (("A:E", ROW_LABELS["data"]), ("F", "数值"), ("G:J", "说明"))
PARAM_HEADS = (("A:E", ROW_LABELS["params"]), ("F", "参数"), ("G", "值"), ("H", "得分"), ("I:J", "说明"))
VALUE_LABEL = "计算值："                               # column F of a standard's first row, before its measure
COUNT_NOTE = "用于“{name}”：每项扣分见评分标准参数"      # column G of a 扣分项数 row
# column I of a parameter row, by its part (``kind_rows``): what the value is
PARAM_NOTES = {"limit": "百分数，如 100%", "per_point": "每 1 个百分点扣的分数", "band1": "各档从高到低排列，先符合者得分",
               "base": "一档都不符合时的得分"}
PER_ITEM_LABEL = "每项（例）扣（分）；项数填在计算数据中"   # column F of a per_item standard's parameter row

# The appendix's words for the 填报人 at work (what to type, what the tool computes, what may be changed) and
# what the 定稿 — the values-only copy a department emails — says instead: the bureau reads the figures and
# parameters as plain data (and re-scores from them), not how to fill them in. Each neutral label keeps the
# words before “（” that ``keyless`` finds a row by, and ``keyless`` takes either form of a parameter label.
SENT_WORDS = {
    ROW_LABELS["appendix"]: "附：计算数据与评分标准参数",
    ROW_LABELS["params_title"]: "评分标准参数（公式型指标的得分按此计算）",
    DATA_NOTES["satisfaction"]: "问卷调查等取得的满意度",
    PARAM_NOTES["limit"]: "百分数",
    PARAM_NOTES["band1"]: "各档从高到低，先符合者得分",
    PER_ITEM_LABEL: "每项（例）扣（分）；项数见计算数据",
}


def sent_label(text: str) -> str:
    """``text`` as the 定稿 writes it (``SENT_WORDS``); any other text as it is."""
    return SENT_WORDS.get(text, text)

TEAM_COLS = (("A", "B", "序号"), ("C", "E", "姓名"), ("F", "F", "职务/职称"), ("G", "G", "单位"), ("H", "J", "签字"))
TEAM_FIELDS = {"name": "C", "title": "F", "unit": "G", "signature": "H"}
DEFAULT_TEAM_ROWS = 7

PROMPTS: dict[str, tuple[str, str]] = {
    "year": ("年度", "填写预算年度，如 2023（显示为“（2023年度）”）。"),
    "department": ("部门（单位）名称", "填写部门（单位）全称。"),
    "code": ("预算编码", "填写部门预算编码（可留空）。"),
    "method": ("评价方式", "如：部门（单位）绩效自评。"),
    "evaluator": ("评价机构", "如：部门（单位）评价组。"),
    "report_date": ("报告日期", "如 2024-03-16。"),
    "contact": ("联系人及电话", "填写联系人姓名和电话。"),
    "money": ("金额（万元）", "单位万元，只填数字。"),
    "people": ("人数", "只填数字（人）。"),
    "level1": ("一级指标", "从下拉列表选择：投入、过程、产出、效果。"),
    "level1_weight": ("一级指标分值", "本一级指标的分值（通常 投入15、过程40、产出25、效果20），应等于其下三级指标分值之和。"),
    "level2": ("二级指标", "从下拉列表选择，如预算配置、预算执行、预算管理、资产管理、职责履行、履职效益。"),
    "level2_weight": ("二级指标分值", "本二级指标的分值，应等于其下三级指标分值之和。"),
    "name": ("三级指标", "三级指标名称。"),
    "standard": ("评分标准", "写明每一档的条件和得分，各档应衔接、不留空档（如 0–10% 与 20%–30% 之间漏了 10%–20%）。"),
    "explanation": ("指标解释", "指标的含义和计算方法。"),
    "weight": ("分值", "本指标分值。全部三级指标分值合计应为 100。"),
    "score": ("得分", "按评分标准填写得分，不得超过分值；有扣分时必须填写扣分原因。"),
    "score_formula": ("得分（自动计算）", "由公式按下方“评分标准参数”和“计算数据”计算；缺少数据时可直接填写得分（会覆盖公式）。"),
    "reason": ("扣分原因", "得分低于分值时必填：写明扣分的具体原因。"),
    "total_weight": ("总分·分值（自动计算）", "全部三级指标分值之和，应为 100。"),
    "total_score": ("总分·得分（自动计算）", "全部三级指标得分之和。"),
    "team": ("评价小组", "填写评价小组成员的姓名、职务/职称、单位；签字在打印稿上手签。"),
    "team_leader": ("评价组组长", "评价组组长签字。"),
    "opinion": ("部门（单位）意见", "部门（单位）对自评结果的意见。"),
    "opinion_signer": ("负责人（签章）", "部门（单位）负责人签章。"),
    "opinion_date": ("日期", "如 2024-03-16。"),
    "data": ("计算数据", "单位万元（满意度填百分数，如 93%）；填写后公式型指标自动评分，留空则不计算。"),
    "count": ("扣分项数", "填写扣分的项（例）数，没有填 0；填写后该指标自动评分。"),
    "param": ("评分标准参数", "评分标准的参数，可按本部门（本地）的评分办法修改，得分随之重算。"),
}


# --------------------------------------------------------------------------------------
# parameter groups
# --------------------------------------------------------------------------------------

def param_rows(std: Standard) -> list[tuple[str, str, str, str | None]]:
    """The rows of a standard's parameter group after its 计算值 row:
    (part key, label, value column, points column or None)."""
    return kind_rows(std.kind)


def kind_rows(k: str) -> list[tuple[str, str, str, str | None]]:
    """``param_rows`` of a standard of kind ``k`` (the reader of a sheet without its row keys knows
    the kind before the standard)."""
    if k == "over_limit":
        return [("limit", "上限：不超过即得满分", "G", None), ("per_point", "每超过 1 个百分点扣（分）", "G", None)]
    if k == "under_limit":
        return [("limit", "下限：不低于即得满分", "G", None), ("per_point", "每低于 1 个百分点扣（分）", "G", None)]
    if k in ("bands_min", "bands_max"):
        op = "≥" if k == "bands_min" else "≤"
        rows: list[tuple[str, str, str, str | None]] = [
            (f"band{i}", f"第 {i} 档：计算值 {op} 此值时得分", "G", "H") for i in range(1, MAX_BANDS + 1)]
        return rows + [("base", "以上各档都不符合时得（分）", "G", "H")]
    if k == "per_item":
        return [("per_item", PER_ITEM_LABEL, "G", None)]
    if k == "balance":
        return [("points1", "无结转结余得（分）", "G", "H"), ("points2", "有结余但不超过上年结转结余得（分）", "G", "H"),
                ("points3", "超过上年结转结余得（分）", "G", "H")]
    raise ValueError(k)


@dataclass
class ParamGroup:
    key: str
    std: Standard
    head: int                                   # the 计算值 row
    rows: dict[str, int] = field(default_factory=dict)  # part -> row

    @property
    def last(self) -> int:
        return max([self.head, *self.rows.values()])

    @property
    def value_cell(self) -> str:
        return f"$G${self.head}"


def _spans(keys: list[Any]) -> list[tuple[int, int]]:
    """Runs of equal consecutive keys as (first index, last index)."""
    out: list[tuple[int, int]] = []
    for i, k in enumerate(keys):
        if out and keys[out[-1][0]] == k:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


@dataclass
class DeptLayout(IndicatorRows):
    """Row and cell positions of one department sheet, for a given form's shape."""

    n: int                                      # indicator rows
    team_rows: int
    level1_spans: list[tuple[int, int]]
    level2_spans: list[tuple[int, int]]
    rules: list[str | None]                     # per indicator: its standard key
    count_keys: list[str]                       # per-item standards with a 项数 row
    groups: list[ParamGroup]
    levels: dict[str, str] = field(default_factory=dict)  # level1_weights.X -> cell of its first group

    @classmethod
    def for_form(cls, form: DeptForm, team_rows: int = 1) -> "DeptLayout":
        """The layout of ``form``: its indicators, standards and members, and ``team_rows`` 评价小组 rows at least
        (the 定稿 keeps the template's seven blank for the names and signatures written on the printed form)."""
        inds = form.indicators
        n = max(len(inds), 1)
        l1 = _spans([i.level1 for i in inds]) or [(0, 0)]
        l2 = _spans([(i.level1, i.level2) for i in inds]) or [(0, 0)]
        rules = [i.rule for i in inds]
        stds: dict[str, Standard] = {}           # in row order, then standards the form defines but no row uses
        for k in [*rules, *form.standards]:
            if k and k not in stds:
                std = standard_for(form, k)
                if std is not None:
                    stds[k] = std
        keys = list(stds)
        count_keys = [k for k in keys if stds[k].kind == "per_item"]
        lay = cls(n, max(len(form.team), team_rows, 1), l1, l2, rules + [None] * (n - len(rules)), count_keys, [])
        lay.levels = level_cells(form, lay)
        r = lay.param_head + 1
        for k in keys:
            g = ParamGroup(k, stds[k], r)
            for j, (part, *_rest) in enumerate(param_rows(stds[k]), 1):
                g.rows[part] = r + j
            lay.groups.append(g)
            r = g.last + 1
        return lay

    # -- rows -------------------------------------------------------------------------
    first_ind: ClassVar[int] = FIRST_IND
    weight_col: ClassVar[str] = "H"
    score_col: ClassVar[str] = "I"
    row_team_title = RowBelow("row_total", 1)
    row_team_head = RowBelow("row_total", 2)

    def team_row(self, i: int) -> int:
        return self.row_team_head + 1 + i

    @property
    def row_leader(self) -> int:
        return self.row_team_head + 1 + self.team_rows

    row_opinion = RowBelow("row_leader", 1)
    row_opinion_sign = RowBelow("row_opinion", 1)
    last_form_row = RowBelow("row_opinion_sign", 0)  # the last row of the official form (page break after it)
    row_appendix = RowBelow("last_form_row", 2)
    row_data_head = RowBelow("row_appendix", 1)

    def data_row(self, key: str) -> int:
        return self.row_data_head + 1 + BLOCK_DATA.index(key)

    def count_row(self, key: str) -> int:
        return self.row_data_head + 1 + len(BLOCK_DATA) + self.count_keys.index(key)

    @property
    def last_data_row(self) -> int:
        return self.row_data_head + len(BLOCK_DATA) + len(self.count_keys)

    @property
    def row_param_title(self) -> int:
        return self.last_data_row + 2

    @property
    def param_head(self) -> int:
        return self.row_param_title + 1

    @property
    def last_row(self) -> int:
        return self.groups[-1].last if self.groups else self.param_head

    def group(self, key: str | None) -> ParamGroup | None:
        return next((g for g in self.groups if g.key == key), None)

    # -- cells ------------------------------------------------------------------------
    def data_cell(self, key: str) -> str:
        """Where a figure sits: in the header, in the 计算数据 block, or (counts) a 项数 row."""
        if f"data.{key}" in HEAD_CELLS:
            return HEAD_CELLS[f"data.{key}"]
        if key.startswith("counts."):
            return f"F{self.count_row(key.split('.', 1)[1])}"
        return f"F{self.data_row(key)}"

    def foot_cells(self) -> dict[str, str]:
        t = self.row_total
        return {"total_weight": f"H{t}", "total_score": f"I{t}", "grade": f"J{t}",
                "team_leader": f"F{self.row_leader}", "opinion": f"F{self.row_opinion}",
                "opinion_signer": f"G{self.row_opinion_sign}", "opinion_date": f"J{self.row_opinion_sign}"}

    def cell(self, path: str) -> str:
        """The cell of a field path of the form as data (as used in findings)."""
        if path in ("year",):
            return "A2"
        if path in HEAD_CELLS:
            return HEAD_CELLS[path]
        foot = self.foot_cells()
        if path in foot:
            return foot[path]
        if path.startswith("data.counts."):
            return self.data_cell("counts." + path.split(".", 2)[2])
        if path.startswith("data."):
            return self.data_cell(path.split(".", 1)[1])
        at = fieldpath.item(path)
        if at:
            return f"{IND_COL_OF[at[1]]}{self.ind_row(at[0])}"
        if path in self.levels:
            return self.levels[path]
        member = fieldpath.item(path, "team")
        if member:
            return f"{TEAM_FIELDS[member[1]]}{self.team_row(member[0])}"
        if path.startswith("standards."):
            key, _, part = path[len("standards."):].partition(".")
            g = self.group(key)
            if g is None:
                raise KeyError(path)
            m = re.fullmatch(r"(bands|points)\[(\d+)\](?:\.(\w+))?", part)
            if m:
                row = g.rows.get(f"{'band' if m.group(1) == 'bands' else 'points'}{int(m.group(2)) + 1}")
                col = "H" if (m.group(1) == "points" or m.group(3) == "points") else "G"
                return f"{col}{row or g.head}"
            if part in g.rows:
                return f"{'H' if part == 'base' else 'G'}{g.rows[part]}"
            return f"A{g.head}" if not part else f"G{g.head}"
        raise KeyError(path)

    # -- formulas ---------------------------------------------------------------------
    def total_formulas(self, bands: grades.Bands = grades.DEFAULT_BANDS) -> dict[str, str]:
        """The 分值/得分 sums and the 等级 under ``bands`` (the profile's)."""
        t = self.row_total
        return {
            "total_weight": f'=IF(COUNT({self.weight_range})=0,"",SUM({self.weight_range}))',
            "total_score": f'=IF(COUNT({self.score_range})=0,"",SUM({self.score_range}))',
            "grade": "=" + grades.grade_formula(f"I{t}", bands),
        }

    def measure_formula(self, g: ParamGroup) -> str:
        """The 计算值 of a standard: the rate (or count, or 结余) from the department's figures."""
        m = MEASURES[g.std.measure]
        if m.key == "count":
            a = f"$F${self.count_row(g.key)}" if g.key in self.count_keys else '""'
            return f'=IF(COUNT({a})=0,"",{a})'
        cells = [_abs(self.data_cell(f)) for f in m.inputs]
        if m.key == "satisfaction":   # 93 typed for 93% is 93% (twin: ``scoring.twin_percent``)
            a = cells[0]
            return f'=IF(COUNT({a})=0,"",IF(AND({a}>1,{a}<=100),{a}/100,{a}))'
        if m.key == "balance":
            a = cells[0]
            return f'=IF(COUNT({a})=0,"",{a})'
        a, b = cells
        if m.key == "three_public_change":
            return f'=IF(COUNT({a},{b})<2,"",IF({b}=0,IF({a}<=0,0,""),({a}-{b})/{b}))'
        if m.key == "three_public_control":
            return f'=IF(COUNT({a},{b})<2,"",IF({b}=0,IF({a}<=0,0,""),{a}/{b}))'
        if m.key == "budget_adjust_rate":
            return f'=IF(COUNT({a},{b})<2,"",IF({b}=0,"",ABS({a})/{b}))'
        return f'=IF(COUNT({a},{b})<2,"",IF({b}=0,"",{a}/{b}))'

    def score_formula(self, g: ParamGroup, row: int) -> str:
        """The 得分 of a formula indicator on row ``row``: its standard applied to the 计算值.

        Twin: ``dept_scoring.twin_score``.
        """
        x = g.value_cell
        w = f"N(H{row})"
        k = g.std.kind

        def p(part: str, col: str = "G") -> str:
            return f"${col}${g.rows[part]}"

        if k == "over_limit":
            lim, pp = f"N({p('limit')})", f"N({p('per_point')})"
            body = f"IF({x}<={lim},{w},MAX(0,ROUND({w}-{pp}*({x}-{lim})*100,2)))"
        elif k == "under_limit":
            lim, pp = f"N({p('limit')})", f"N({p('per_point')})"
            body = f"IF({x}>={lim},{w},MAX(0,ROUND({w}-{pp}*({lim}-{x})*100,2)))"
        elif k in ("bands_min", "bands_max"):
            op = ">=" if k == "bands_min" else "<="
            inner = f"N({p('base', 'H')})"
            for i in range(MAX_BANDS, 0, -1):
                b, pts = p(f"band{i}"), p(f"band{i}", "H")
                inner = f"IF(AND(COUNT({b})=1,{x}{op}{b}),N({pts}),{inner})"
            body = f"MAX(0,MIN({w},{inner}))"
        elif k == "per_item":
            body = f"MAX(0,ROUND({w}-N({p('per_item')})*{x},2))"
        elif k == "balance":
            last = _abs(self.data_cell("carryover_last"))
            p1, p2, p3 = (f"N({p(f'points{i}', 'H')})" for i in (1, 2, 3))
            return (f'=IF(COUNT({x})=0,"",IF({x}<=0,MAX(0,MIN({w},{p1})),IF(COUNT({last})=0,"",'
                    f'MAX(0,MIN({w},IF({x}<={last},{p2},{p3}))))))')
        else:
            raise ValueError(k)
        return f'=IF(COUNT({x})=0,"",{body})'


def _abs(ref: str) -> str:
    col = "".join(ch for ch in ref if ch.isalpha())
    row = "".join(ch for ch in ref if ch.isdigit())
    return f"${col}${row}"


def level_cells(form: DeptForm, lay: DeptLayout) -> dict[str, str]:
    """level1_weights.X / level2_weights.Y -> the cell of its first group (for findings)."""
    out: dict[str, str] = {}
    for a, _b in lay.level1_spans:
        if a < len(form.indicators):
            out.setdefault(f"level1_weights.{form.indicators[a].level1}", f"B{lay.ind_row(a)}")
    for a, _b in lay.level2_spans:
        if a < len(form.indicators):
            out.setdefault(f"level2_weights.{form.indicators[a].level2}", f"D{lay.ind_row(a)}")
    return out


def data_label(key: str, form: DeptForm | None = None) -> str:
    if key.startswith("counts."):
        k = key.split(".", 1)[1]
        std = standard_for(form, k) if form is not None else None
        return (std.count_label if std and std.count_label else f"{std.name if std else k}：扣分项数")
    return DATA_LABELS.get(key, key)


def field_cell(form: Any, path: str) -> str:
    """Where ``fill`` puts the field ``path`` of ``form`` (``FormKind.layout_cell``)."""
    return DeptLayout.for_form(form).cell(path)
