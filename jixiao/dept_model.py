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
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError

from .errors import FormDataError
from .model import describe_validation_error as _describe_project_error

DEPT_FORM_NAME = "部门整体支出绩效自评表"

OptNumber = Annotated[Union[StrictInt, StrictFloat, None], Field(default=None)]
OptText = Annotated[Union[StrictStr, None], Field(default=None)]

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
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Band(_Strict):
    """One row of a band table: reaching ``bound`` (≥ for bands_min, ≤ for bands_max) gives ``points``."""

    bound: OptNumber
    points: OptNumber


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
    limit: OptNumber
    per_point: OptNumber
    bands: Annotated[Union[list[Band], None], Field(default=None)]
    base: OptNumber
    per_item: OptNumber
    count_label: OptText
    points: Annotated[Union[list[Union[StrictInt, StrictFloat, None]], None], Field(default=None)]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class DeptData(_Strict):
    """The department's figures the formula indicators are computed from (万元; rates as fractions)."""

    # printed in the header (部门基本情况)
    staff_quota: OptNumber          # 编制人数（人）
    staff_actual: OptNumber         # 实有人数（人）= 在职人员数
    assets_total: OptNumber         # 资产总额
    income_total: OptNumber         # 总收入
    expense_total: OptNumber        # 总支出
    expense_basic: OptNumber        # 基本支出
    expense_project: OptNumber      # 项目支出
    balance: OptNumber              # 结转结余（本年末）
    # the 计算数据 block
    three_public_this: OptNumber    # 本年"三公经费"支出
    three_public_last: OptNumber    # 上年"三公经费"支出
    three_public_budget: OptNumber  # "三公经费"预算数
    key_spending: OptNumber         # 重点项目支出
    budget: OptNumber               # 预算数（年初）
    budget_adjust: OptNumber        # 预算调整数
    carryover_last: OptNumber       # 上年结转结余
    procurement_plan: OptNumber     # 政府采购预算（计划）数
    procurement_actual: OptNumber   # 政府采购实际数
    card_spending: OptNumber        # 公务卡结算支出
    card_due: OptNumber             # 应使用公务卡结算的支出
    fixed_assets_in_use: OptNumber  # 在用固定资产
    fixed_assets_total: OptNumber   # 固定资产总额
    satisfaction: OptNumber         # 满意度（0.93 = 93%）
    counts: Annotated[dict[str, Union[StrictInt, StrictFloat]], Field(default_factory=dict)]  # per_item counts by standard key


class DeptIndicator(_Strict):
    """One 三级指标 row."""

    level1: StrictStr
    level2: StrictStr
    name: StrictStr
    standard: OptText        # 评分标准 (text, as printed)
    explanation: OptText     # 指标解释
    weight: Union[StrictInt, StrictFloat, None]
    score: Union[StrictInt, StrictFloat, None]
    reason: OptText          # 扣分原因
    rule: OptText            # key of the formula standard that scores it; None = scored by hand


class TeamMember(_Strict):
    """One member of the 评价小组."""

    name: OptText
    title: OptText        # 职务/职称
    unit: OptText
    signature: OptText    # 签字 (usually blank in data: signed on paper)


class DeptForm(_Strict):
    """A whole 部门整体支出绩效自评表."""

    form: Literal["部门整体支出绩效自评表"]
    year: StrictInt
    department: StrictStr                 # 部门（单位）名称
    code: OptText                         # 预算编码
    method: OptText                       # 评价方式
    evaluator: OptText                    # 评价机构
    report_date: OptText                  # 报告日期
    contact: OptText                      # 联系人及电话
    data: Annotated[DeptData, Field(default_factory=DeptData)]
    level1_weights: Annotated[dict[str, Union[StrictInt, StrictFloat, None]], Field(default_factory=dict)]
    level2_weights: Annotated[dict[str, Union[StrictInt, StrictFloat, None]], Field(default_factory=dict)]
    indicators: list[DeptIndicator]
    total_weight: OptNumber
    total_score: OptNumber
    grade: OptText                        # 等级 as written (优/良/中/差)
    standards: Annotated[dict[str, Standard], Field(default_factory=dict)]
    team: Annotated[list[TeamMember], Field(default_factory=list)]
    team_leader: OptText                  # 评价组组长（签字）
    opinion: OptText                      # 部门（单位）意见
    opinion_signer: OptText               # 负责人（签章）
    opinion_date: OptText

    # -- what the other commands expect of a "form" -----------------------------------
    @property
    def project(self) -> str:
        """The name findings and tables show (a department form has no project)."""
        return self.department

    @property
    def is_department(self) -> bool:
        return True

    def to_dict(self) -> dict[str, Any]:
        """The form as JSON data, keeping exactly the keys that were given (as ``Form.to_dict``)."""
        return self.model_dump(mode="json", exclude_unset=True)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def is_dept_data(data: Any) -> bool:
    return isinstance(data, dict) and data.get("form") == DEPT_FORM_NAME


def parse_dept_form(data: Any, source: str = "<数据>") -> DeptForm:
    """Validate decoded JSON as a department form; FormDataError names the field path."""
    try:
        return DeptForm.model_validate(data)
    except ValidationError as err:
        msg = _describe_project_error(err, source).replace("form.schema.json", "dept_form.schema.json")
        raise FormDataError(msg, file=source) from None


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FormDataError(f"{path}：文件不存在", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise FormDataError(f"{path}：不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节起无法解码），不是表单 JSON",
                            file=str(path)) from None
    except OSError as exc:
        raise FormDataError(f"{path}：无法读取（错误号 {exc.errno}）", file=str(path)) from None
    from .jsonsafe import loads_form_json

    return loads_form_json(text, path)


def load_dept_form(path: str | Path) -> DeptForm:
    p = Path(path)
    return parse_dept_form(_read_json(p), str(p))


def load_any_form(path: str | Path):
    """A form JSON of either kind: ``DeptForm`` when its "form" is the department form, else ``model.Form``."""
    from .model import load_form, parse_form

    p = Path(path)
    data = _read_json(p)
    if is_dept_data(data):
        return parse_dept_form(data, str(p))
    if isinstance(data, list):
        return load_form(p)  # the project loader words this error
    return parse_form(data, str(p))


def is_department(form: Any) -> bool:
    return isinstance(form, DeptForm)
