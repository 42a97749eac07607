"""The 部门整体支出绩效自评表 as data: one department's form exactly as written on it.

Mirrors ``spec/dept_form.schema.json`` field for field, in the style of ``model.Form``:
values are what the department wrote, mistakes included (a 社会效益 scored 12 of 15 with
no 扣分原因 stays that way, and the checker reports it); strict types keep the round trip
exact.

Beyond the printed form the data carries what the formula indicators need:

- ``data``: the department's figures (编制人数 … 满意度). The first eight are printed in
  the form's header (部门基本情况); the others sit in the 计算数据 block under the form.
  Rates are fractions (满意度 93% is 0.93), money is in 万元.
- ``standards``: the scoring standards of the formula indicators, by key, each a named
  rule with editable parameters (band tables, points per percentage point). An
  indicator names its standard in ``rule``; an indicator without one is scored by hand.
  Keys not given fall back to ``dept_scoring.DEFAULT_STANDARDS``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from . import TITLE as DEPT_FORM_NAME
from ..project.model import OptNumber, OptText, read_json, validate

__all__ = ["DEPT_FORM_NAME", "KIND_ZH", "LEVEL1_SPLIT", "MAX_BANDS", "Band", "DeptData", "DeptForm", "DeptIndicator",
           "Standard", "TeamMember", "load_dept_form", "parse_dept_form"]



LEVEL1 = ("投入", "过程", "产出", "效果")
# 财预〔2013〕53号 framework as most counties weight it (a form may differ: a warning).
LEVEL1_SPLIT = {"投入": 15, "过程": 40, "产出": 25, "效果": 20}
LEVEL2 = ("预算配置", "预算执行", "预算管理", "资产管理", "职责履行", "履职效益")

KINDS = ("over_limit", "under_limit", "bands_min", "bands_max", "per_item", "balance")
KIND_ZH = {
    "over_limit": "不超过上限得满分，每超 1 个百分点扣分",
    "under_limit": "不低于下限得满分，每低 1 个百分点扣分",
    "bands_min": "分档计分，达到该档下限即得该档分",
    "bands_max": "分档计分，不超过该档上限即得该档分",
    "per_item": "每有一项或一例扣分",
    "balance": "按有无结余及是否超过上年结转计分",
}
MAX_BANDS = 5


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Band(_Strict):
    """One row of a band table: reaching ``bound`` (≥ for bands_min, ≤ for bands_max) gives ``points``."""

    bound: OptNumber = None
    points: OptNumber = None


class Standard(_Strict):
    """A named, editable scoring standard (评分标准) of a formula indicator.

    Which fields matter depends on ``kind``:
      over_limit / under_limit: ``limit`` (a fraction, 1 = 100%) and ``per_point`` (分 per percentage point);
      bands_min / bands_max: ``bands`` in order, best first (≤ 5 rows), and ``base`` (points when none applies);
      per_item: ``per_item`` (分 per item; the count is ``data.counts[key]``) and ``count_label``;
      balance: ``points`` = [无结余, 有结余但不超过上年结转, 超过上年结转].
    The score is always kept within 0..分值.
    """

    name: StrictStr
    kind: Literal["over_limit", "under_limit", "bands_min", "bands_max", "per_item", "balance"]
    measure: StrictStr
    limit: OptNumber = None
    per_point: OptNumber = None
    bands: Union[list[Band], None] = None
    base: OptNumber = None
    per_item: OptNumber = None
    count_label: OptText = None
    points: Union[list[Union[StrictInt, StrictFloat, None]], None] = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class DeptData(_Strict):
    """The department's figures the formula indicators are computed from (万元; rates as fractions)."""

    # printed in the header (部门基本情况)
    staff_quota: OptNumber = None          # 编制人数（人）
    staff_actual: OptNumber = None         # 实有人数（人）= 在职人员数
    assets_total: OptNumber = None         # 资产总额
    income_total: OptNumber = None         # 总收入
    expense_total: OptNumber = None        # 总支出
    expense_basic: OptNumber = None        # 基本支出
    expense_project: OptNumber = None      # 项目支出
    balance: OptNumber = None              # 结转结余（本年末）
    # the 计算数据 block
    three_public_this: OptNumber = None    # 本年"三公经费"支出
    three_public_last: OptNumber = None    # 上年"三公经费"支出
    three_public_budget: OptNumber = None  # "三公经费"预算数
    key_spending: OptNumber = None         # 重点项目支出
    budget: OptNumber = None               # 预算数（年初）
    budget_adjust: OptNumber = None        # 预算调整数
    carryover_last: OptNumber = None       # 上年结转结余
    procurement_plan: OptNumber = None     # 政府采购预算（计划）数
    procurement_actual: OptNumber = None   # 政府采购实际数
    card_spending: OptNumber = None        # 公务卡结算支出
    card_due: OptNumber = None             # 应使用公务卡结算的支出
    fixed_assets_in_use: OptNumber = None  # 在用固定资产
    fixed_assets_total: OptNumber = None   # 固定资产总额
    satisfaction: OptNumber = None         # 满意度（0.93 = 93%）
    counts: dict[str, Union[StrictInt, StrictFloat]] = Field(default_factory=dict)  # per_item counts by standard key


class DeptIndicator(_Strict):
    """One 三级指标 row."""

    level1: StrictStr
    level2: StrictStr
    name: StrictStr
    standard: OptText = None        # 评分标准 (text, as printed)
    explanation: OptText = None     # 指标解释
    weight: Union[StrictInt, StrictFloat, None]
    score: Union[StrictInt, StrictFloat, None]
    reason: OptText = None          # 扣分原因
    rule: OptText = None            # key of the formula standard that scores it; None = scored by hand


class TeamMember(_Strict):
    """One member of the 评价小组."""

    name: OptText = None
    title: OptText = None        # 职务/职称
    unit: OptText = None
    signature: OptText = None    # 签字 (usually blank in data: signed on paper)


class DeptForm(_Strict):
    """A whole 部门整体支出绩效自评表."""

    form: Literal["部门整体支出绩效自评表"]
    year: StrictInt
    department: StrictStr                 # 部门（单位）名称
    code: OptText = None                         # 预算编码
    method: OptText = None                       # 评价方式
    evaluator: OptText = None                    # 评价机构
    report_date: OptText = None                  # 报告日期
    contact: OptText = None                      # 联系人及电话
    data: DeptData = Field(default_factory=DeptData)
    level1_weights: dict[str, Union[StrictInt, StrictFloat, None]] = Field(default_factory=dict)
    level2_weights: dict[str, Union[StrictInt, StrictFloat, None]] = Field(default_factory=dict)
    indicators: list[DeptIndicator]
    total_weight: OptNumber = None
    total_score: OptNumber = None
    grade: OptText = None                        # 等级 as written (优/良/中/差)
    standards: dict[str, Standard] = Field(default_factory=dict)
    team: list[TeamMember] = Field(default_factory=list)
    team_leader: OptText = None                  # 评价组组长（签字）
    opinion: OptText = None                      # 部门（单位）意见
    opinion_signer: OptText = None               # 负责人（签章）
    opinion_date: OptText = None

    # -- what the other commands expect of a "form" -----------------------------------
    @property
    def project(self) -> str:
        """The name findings and tables show (a department form has no project)."""
        return self.department

    def to_dict(self) -> dict[str, Any]:
        """The form as JSON data, keeping exactly the keys that were given (as ``Form.to_dict``)."""
        return self.model_dump(mode="json", exclude_unset=True)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def parse_dept_form(data: Any, source: str = "<数据>") -> DeptForm:
    """Validate decoded JSON as a department form; FormDataError names the field path."""
    return validate(DeptForm, data, source, "dept_form.schema.json")


def load_dept_form(path: str | Path) -> DeptForm:
    p = Path(path)
    return parse_dept_form(read_json(p), str(p))
