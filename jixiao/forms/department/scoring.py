"""Scoring the 部门整体支出绩效自评表: the formula indicators and their Python twins.

The department-wide indicators of the 财预〔2013〕53号 framework are arithmetic on the
department's own figures (rules.md → department-wide formula indicators): 在职人员控制率 =
在职人员数 ÷ 编制数, "三公经费"变动率 = (本年 − 上年) ÷ 上年, … Each is scored by a named,
editable standard (``dept_model.Standard``) of one of six kinds:

==============  ==========================================================================
over_limit      x ≤ 上限 → 分值; else 分值 − 每点扣分 × 超出的百分点, not below 0
under_limit     x ≥ 下限 → 分值; else 分值 − 每点扣分 × 不足的百分点, not below 0
bands_min       the first band (best first) whose 下限 x reaches (x ≥ bound) gives its points;
                none reached → ``base``
bands_max       the first band whose 上限 x does not exceed (x ≤ bound); none → ``base``
per_item        分值 − 每项扣分 × 项数 (未按进度的专项、不符的事例、少完成的任务), not below 0
balance         结转结余 = 0 → points[0]; ≤ 上年结转结余 → points[1]; above → points[2]
==============  ==========================================================================

The sheet computes the same thing with native formulas (``dept_layout``), on parameter
cells a department may edit; the functions here are their twins, operation for
operation (deductions rounded half-up to 0.01 like ``ROUND(…, 2)``; a score never above
分值 nor below 0), and the LibreOffice tests prove the two agree.

Where a formula indicator lacks its figures, or an indicator has no formula standard
(管理制度健全性 and the like are judged by hand), the written 得分 stands and ``basis``
says why. ``dept_score`` is the UDF-ready entry point the Excel add-in wraps as
``JX_DEPT_SCORE(指标, 数值…)``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from pydantic import ValidationError

from . import TITLE
from .model import MAX_BANDS, Band, DeptData, DeptForm, Standard
from ...errors import FormDataError
from ...core import grades
from ...core.numbers import cell_number as _n
from ...core.numbers import fmt, pct, round2, score_text, sheet_le

__all__ = ["DATA_LABELS", "DEFAULT_INDICATORS", "DEFAULT_STANDARDS", "MEASURES", "MEASURE_TWINS",
           "DeptIndicatorScore", "DeptScore", "dept_score", "formula_inputs", "formula_score", "grade_of", "iter_formula_indicators",
           "load_standards", "measure_value", "missing_inputs", "score_dept_form", "standard_for", "template_form",
           "twin_score", "whole_percent", "with_standards"]

# --------------------------------------------------------------------------------------
# measures: the value a standard is applied to, computed from the department's figures
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    key: str
    label: str                 # shown on the sheet: "在职人员数 ÷ 编制人数"
    inputs: tuple[str, ...]    # DeptData fields (or "count" for per_item)
    percent: bool = True       # shown as a percentage


MEASURES: dict[str, Measure] = {m.key: m for m in (
    Measure("staff_rate", "在职人员控制率 = 在职人员数 ÷ 编制人数", ("staff_actual", "staff_quota")),
    Measure("three_public_change", "“三公经费”变动率 = (本年 − 上年) ÷ 上年", ("three_public_this", "three_public_last")),
    Measure("key_spending_rate", "重点支出安排率 = 重点项目支出 ÷ 项目支出", ("key_spending", "expense_project")),
    Measure("budget_adjust_rate", "预算调整率 = |预算调整数| ÷ 预算数", ("budget_adjust", "budget")),
    Measure("three_public_control", "“三公经费”控制率 = 本年实际 ÷ 预算数", ("three_public_this", "three_public_budget")),
    Measure("procurement_rate", "政府采购执行率 = 实际采购数 ÷ 采购预算数", ("procurement_actual", "procurement_plan")),
    Measure("card_rate", "公务卡刷卡率 = 公务卡结算支出 ÷ 应刷卡支出", ("card_spending", "card_due")),
    Measure("fixed_asset_rate", "固定资产利用率 = 在用固定资产 ÷ 固定资产总额", ("fixed_assets_in_use", "fixed_assets_total")),
    Measure("satisfaction", "满意度", ("satisfaction",)),
    Measure("balance", "结转结余（万元）", ("balance", "carryover_last"), percent=False),
    Measure("count", "扣分项数", ("count",), percent=False),
)}

DATA_LABELS: dict[str, str] = {
    "staff_quota": "编制人数（人）",
    "staff_actual": "实有人数（人）",
    "assets_total": "资产总额（万元）",
    "income_total": "总收入（万元）",
    "expense_total": "总支出（万元）",
    "expense_basic": "基本支出（万元）",
    "expense_project": "项目支出（万元）",
    "balance": "结转结余（万元）",
    "three_public_this": "本年“三公经费”支出（万元）",
    "three_public_last": "上年“三公经费”支出（万元）",
    "three_public_budget": "“三公经费”预算数（万元）",
    "key_spending": "重点项目支出（万元）",
    "budget": "预算数（万元）",
    "budget_adjust": "预算调整数（万元）",
    "carryover_last": "上年结转结余（万元）",
    "procurement_plan": "政府采购预算数（万元）",
    "procurement_actual": "政府采购实际数（万元）",
    "card_spending": "公务卡结算支出（万元）",
    "card_due": "应使用公务卡结算的支出（万元）",
    "fixed_assets_in_use": "在用固定资产（万元）",
    "fixed_assets_total": "固定资产总额（万元）",
    "satisfaction": "社会公众或服务对象满意度（%）",
}


def _z(v: Any) -> float:
    """``N(cell)``: a number, 0 for anything else."""
    return _n(v) or 0


def twin_ratio(a: Any, b: Any) -> float | None:
    """``IF(COUNT(a,b)<2,"",IF(b=0,"",a/b))``"""
    a, b = _n(a), _n(b)
    if a is None or b is None or b == 0:
        return None
    return a / b


def _per_base(a: Any, b: Any, numerator: Callable[[float, float], float]) -> float | None:
    """``IF(COUNT(a,b)<2,"",IF(b=0,IF(a<=0,0,""),numerator/b))``: nothing against a base of nothing is 0."""
    x, y = _n(a), _n(b)
    if x is None or y is None:
        return None
    if y == 0:
        return 0 if x <= 0 else None
    return numerator(x, y) / y


def twin_change(this: Any, last: Any) -> float | None:
    """``IF(COUNT(a,b)<2,"",IF(b=0,IF(a<=0,0,""),(a-b)/b))`` — nothing last year and nothing now is no change."""
    return _per_base(this, last, lambda a, b: a - b)


def twin_control(actual: Any, budget: Any) -> float | None:
    """``IF(COUNT(a,b)<2,"",IF(b=0,IF(a<=0,0,""),a/b))`` — no budget and nothing spent is within it."""
    return _per_base(actual, budget, lambda a, b: a)


def twin_abs_ratio(a: Any, b: Any) -> float | None:
    """``IF(COUNT(a,b)<2,"",IF(b=0,"",ABS(a)/b))`` — a cut is an adjustment too."""
    a, b = _n(a), _n(b)
    if a is None or b is None or b == 0:
        return None
    return abs(a) / b


def twin_value(a: Any) -> float | None:
    """``IF(COUNT(a)=0,"",a)``"""
    return _n(a)


def whole_percent(v: Any) -> bool:
    """A 满意度 typed as its whole per cent, 93 for 93% (over 1, at most 100): F16 asks for “93%”, and the 计算值
    formula and its twin read it as 93% (it scored 9300%, the top band, full marks)."""
    x = _n(v)
    return x is not None and 1 < x <= 100


def twin_percent(a: Any) -> float | None:
    """``IF(COUNT(a)=0,"",IF(AND(a>1,a<=100),a/100,a))`` — 93 typed for 93% is 93% (``whole_percent``)."""
    x = _n(a)
    if x is None:
        return None
    return x / 100 if whole_percent(x) else x


MEASURE_TWINS: dict[str, Callable[..., float | None]] = {
    "staff_rate": twin_ratio,
    "three_public_change": twin_change,
    "key_spending_rate": twin_ratio,
    "budget_adjust_rate": twin_abs_ratio,
    "three_public_control": twin_control,
    "procurement_rate": twin_ratio,
    "card_rate": twin_ratio,
    "fixed_asset_rate": twin_ratio,
    "satisfaction": twin_percent,
    "balance": lambda bal, _last=None: twin_value(bal),
    "count": twin_value,
}


def measure_value(measure: str, data: DeptData, key: str | None = None) -> float | None:
    """The measure of a standard computed from the form's figures (None where it cannot be)."""
    m = MEASURES.get(measure)
    if m is None:
        return None
    if measure == "count":
        return twin_value(data.counts.get(key or ""))
    return MEASURE_TWINS[measure](*(getattr(data, f) for f in m.inputs))


# --------------------------------------------------------------------------------------
# standards: the score of a measured value
# --------------------------------------------------------------------------------------

def _bands(std: Standard) -> list[Band]:
    return list(std.bands or [])[:MAX_BANDS]


# ``a <= b`` as the score formula's comparison computes it in a spreadsheet (``numbers.compared``): a 满意度
# of 94.99999999999999 % meets a band of 95 % there, so it does here
_le = sheet_le


def twin_score(std: Standard, x: Any, weight: Any, carryover_last: Any = None) -> float | None:
    """The 得分 formula of a formula indicator; None where the sheet shows "" (no value to score).

    Mirrors ``dept_layout.score_formula`` operation for operation.
    """
    x = _n(x)
    if x is None:
        return None
    w = _z(weight)
    k = std.kind
    if k == "over_limit":
        lim = _z(std.limit)
        return w if _le(x, lim) else max(0, round2(w - _z(std.per_point) * (x - lim) * 100))
    if k == "under_limit":
        lim = _z(std.limit)
        return w if _le(lim, x) else max(0, round2(w - _z(std.per_point) * (lim - x) * 100))
    if k in ("bands_min", "bands_max"):
        pts = _z(std.base)
        for b in _bands(std):
            bound = _n(b.bound)
            if bound is not None and (_le(bound, x) if k == "bands_min" else _le(x, bound)):
                pts = _z(b.points)
                break
        return max(0, min(w, pts))
    if k == "per_item":
        return max(0, round2(w - _z(std.per_item) * x))
    if k == "balance":
        p = list(std.points or []) + [None] * 3
        if _le(x, 0):
            return max(0, min(w, _z(p[0])))
        last = _n(carryover_last)
        if last is None:
            return None
        return max(0, min(w, _z(p[1]) if _le(x, last) else _z(p[2])))
    raise ValueError(f"未知的评分方式 {k}")


def explain(std: Standard, x: float, weight: Any, score: float, carryover_last: Any = None) -> str:
    """Why a formula indicator scores what it does, in words a 填报人 understands."""
    m = MEASURES.get(std.measure)
    show: Any = pct if (m is None or m.percent) else fmt
    name = std.name
    w = _z(weight)
    k = std.kind
    if k in ("over_limit", "under_limit"):
        lim = _z(std.limit)
        low, high, beyond = (x, lim, "超过") if k == "over_limit" else (lim, x, "低于")
        if _le(low, high):
            return f"{name} {show(x)} 不{beyond} {show(lim)}，得满分 {score_text(w)}"
        return (f"{name} {show(x)} {beyond} {show(lim)} {(low - high) * 100:.2f} 个百分点，每点扣 {score_text(std.per_point)}，"
                f"得 {score_text(score)}")
    if k in ("bands_min", "bands_max"):
        op = "≥" if k == "bands_min" else "≤"
        for i, b in enumerate(_bands(std), 1):
            bound = _n(b.bound)
            if bound is not None and (_le(bound, x) if k == "bands_min" else _le(x, bound)):
                return f"{name} {show(x)} 属第 {i} 档（{op}{show(bound)}），得 {score_text(score)}"
        return f"{name} {show(x)} 未达到任何一档，得 {score_text(score)}"
    if k == "per_item":
        # what was counted, as its 计算数据 row says (“未完成的计划工作任务 0 项”): the standard's name (“实际完成率”)
        # named another indicator than the row where 产出 indicators are renamed (“打击欺诈骗保督查”)
        label = re.fullmatch(r"(.+?)[（(]([^（）()]{1,3})[）)]", (std.count_label or "").strip())
        what, unit = (label.group(1), label.group(2)) if label else (f"{name}：扣分项", "项")
        return f"{what} {fmt(x)} {unit}，每{unit}扣 {score_text(std.per_item)}，得 {score_text(score)}"
    if k == "balance":
        if _le(x, 0):
            return f"无结转结余，得 {score_text(score)}"
        rel = "不超过" if _le(x, _n(carryover_last) or 0) else "超过"
        return f"结转结余 {fmt(x)} 万元，{rel}上年结转结余 {fmt(carryover_last)} 万元，得 {score_text(score)}"
    return f"得 {score_text(score)}"


# --------------------------------------------------------------------------------------
# the standard indicator set and its standards (the template's preloaded rows)
# --------------------------------------------------------------------------------------

def _std(name: str, kind: str, measure: str, **kw: Any) -> Standard:
    if "bands" in kw:
        kw["bands"] = [Band(bound=b, points=p) for b, p in kw["bands"]]
    return Standard(name=name, kind=kind, measure=measure, **kw)


@cache
def _default_standards() -> dict[str, Standard]:
    """``DEFAULT_STANDARDS``, made on first use: 17 validated models, whose validators pydantic
    builds for them alone, were ~10 ms of importing this module (issue #18)."""
    return {
        "staff_control": _std("在职人员控制率", "over_limit", "staff_rate", limit=1, per_point=0.5),
        "three_public_change": _std("“三公经费”变动率", "over_limit", "three_public_change", limit=0, per_point=0.5),
        "key_spending": _std("重点支出安排率", "bands_min", "key_spending_rate",
                             bands=[(0.9, 5), (0.8, 4), (0.7, 3), (0.6, 2)], base=0),
        "budget_adjust": _std("预算调整率", "bands_max", "budget_adjust_rate",
                              bands=[(0, 3), (0.1, 2), (0.3, 1)], base=0),
        "payment_progress": _std("支付进度", "per_item", "count", per_item=0.5,
                                 count_label="未按进度下达的专项（个）"),
        "balance": _std("资金结余", "balance", "balance", points=[3, 2, 0]),
        "three_public_control": _std("“三公经费”控制率", "over_limit", "three_public_control", limit=1, per_point=1),
        "budget_rules": _std("预算管理制度健全性", "per_item", "count", per_item=1,
                             count_label="预算管理制度缺少或不符的要点（项）"),
        "compliance": _std("资金使用合规性", "per_item", "count", per_item=1,
                           count_label="资金使用不符合规定的事例（例）"),
        "procurement": _std("政府采购执行率", "under_limit", "procurement_rate", limit=1, per_point=0.2),
        "card": _std("公务卡刷卡率", "under_limit", "card_rate", limit=0.5, per_point=0.2),
        "asset_safety": _std("资产管理安全性", "per_item", "count", per_item=1,
                             count_label="资产管理不符合要求的事例（例）"),
        "fixed_assets": _std("固定资产利用率", "under_limit", "fixed_asset_rate", limit=1, per_point=0.1),
        "completion": _std("实际完成率", "per_item", "count", per_item=0.5,
                           count_label="未完成的计划工作任务（项）"),
        "timeliness": _std("完成及时率", "per_item", "count", per_item=0.5,
                           count_label="未按时完成的工作任务（项）"),
        "quality": _std("质量达标率", "per_item", "count", per_item=0.5,
                        count_label="未达到质量标准的工作任务（项）"),
        "social_benefit": _std("社会效益", "per_item", "count", per_item=3,
                               count_label="未达到年初工作计划值的社会效益事项（项）"),
        "satisfaction": _std("社会公众或服务对象满意度", "bands_min", "satisfaction",
                             bands=[(0.95, 5), (0.85, 3), (0.75, 1)], base=0),
    }


if TYPE_CHECKING:  # pragma: no cover - at run time ``__getattr__`` below makes it on first use
    DEFAULT_STANDARDS: dict[str, Standard]


def __getattr__(name: str) -> Any:
    """``DEFAULT_STANDARDS`` (``_default_standards``) for ``from .scoring import DEFAULT_STANDARDS``."""
    if name == "DEFAULT_STANDARDS":
        return _default_standards()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# (一级, 二级, 三级, 评分标准, 指标解释, 分值, standard key)
DEFAULT_INDICATORS: list[tuple[str, str, str, str, str, int, str | None]] = [
    ("投入", "预算配置", "在职人员控制率",
     "在职人员控制率≤100%，计5分；每超过1个百分点扣0.5分，扣完为止。",
     "部门（单位）本年度实际在职人员数与编制数的比率，反映对人员成本的控制程度。在职人员控制率 = 在职人员数 ÷ 编制数 × 100%；"
     "编制数为机构编制部门核定批复的人员编制数。", 5, "staff_control"),
    ("投入", "预算配置", "“三公经费”变动率",
     "“三公经费”变动率≤0，计5分；每超过1个百分点扣0.5分，扣完为止。",
     "本年度“三公经费”总额与上年度的变动比率，反映对重点行政成本的控制程度。变动率 = (本年度总额 − 上年度总额) ÷ "
     "上年度总额 × 100%；“三公经费”指因公出国（境）费、公务用车购置及运行费和公务接待费。", 5, "three_public_change"),
    ("投入", "预算配置", "重点支出安排率",
     "重点支出安排率≥90%，计5分；80%（含）–90%，计4分；70%（含）–80%，计3分；60%（含）–70%，计2分；低于60%，计0分。",
     "本年度预算安排的重点项目支出与项目总支出的比率，反映对履行主要职责、完成重点任务的保障程度。"
     "重点支出安排率 = 重点项目支出 ÷ 项目总支出 × 100%。", 5, "key_spending"),
    ("过程", "预算执行", "预算调整率",
     "预算调整率=0，计3分；0–10%（含），计2分；10%–30%（含），计1分；超过30%，计0分。",
     "本年度预算调整数与预算数的比率，反映预算的调整程度。预算调整率 = 预算调整数 ÷ 预算数 × 100%；调整数为追加、追减或"
     "结构调整的资金总和（落实国家政策、不可抗力、上级或本级党委政府临时交办的除外）。", 3, "budget_adjust"),
    ("过程", "预算执行", "支付进度",
     "专项资金春节前下达50%以上、6月底前全部下达，计3分；每有一个专项未按进度下达扣0.5分，扣完为止。",
     "专项资金是否按规定进度下达和支付，反映预算执行的及时性。", 3, "payment_progress"),
    ("过程", "预算执行", "资金结余",
     "无结转结余，计3分；有结转结余但不超过上年结转结余，计2分；超过上年结转结余，计0分。",
     "本年度结转结余资金情况，反映预算执行的完成程度。", 3, "balance"),
    ("过程", "预算执行", "“三公经费”控制率",
     "“三公经费”控制率≤100%，计6分；每超过1个百分点扣1分，扣完为止。",
     "本年度“三公经费”实际支出数与预算安排数的比率，反映对“三公经费”的实际控制程度。"
     "控制率 = “三公经费”实际支出数 ÷ 预算安排数 × 100%。", 6, "three_public_control"),
    ("过程", "预算管理", "管理制度健全性",
     "①已制定预算资金管理办法、内部财务管理制度、会计核算制度等管理制度；②制度合法、合规、完整；③制度得到有效执行。"
     "各1分，每缺一项扣1分。",
     "为加强预算管理、规范财务行为而制定的管理制度是否健全完整，反映预算管理制度对完成主要职责的保障情况。", 3, "budget_rules"),
    ("过程", "预算管理", "资金使用合规性",
     "①符合国家财经法规、财务管理制度和专项资金管理办法；②资金拨付有完整的审批程序和手续；③重大开支经过评估论证；"
     "④符合部门预算批复的用途；⑤无截留、挤占、挪用、虚列支出等情况。计3分，每出现一例不符扣1分，扣完为止。",
     "使用预算资金是否符合财务管理制度的规定，反映预算资金的规范运行情况。", 3, "compliance"),
    ("过程", "预算管理", "预算信息公开性和完善性",
     "①按规定内容公开预决算信息，1分；②按规定时限公开预决算信息，0.5分；③基础数据信息真实，0.5分；"
     "④基础数据信息完整，0.5分；⑤基础数据信息准确，0.5分。",
     "是否按政府信息公开的规定公开预决算信息，基础数据信息是否真实、完整、准确，反映预决算管理的公开透明情况。", 3, None),
    ("过程", "预算管理", "政府采购执行率",
     "政府采购执行率=100%，计3分；每低1个百分点扣0.2分，扣完为止。",
     "本年度实际政府采购金额与政府采购预算的比率，反映政府采购预算执行情况。"
     "政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%。", 3, "procurement"),
    ("过程", "预算管理", "公务卡刷卡率",
     "公务卡刷卡率≥50%，计3分；每低1个百分点扣0.2分，扣完为止。",
     "公务卡结算支出与应使用公务卡结算的公用经费支出的比率，反映公务卡制度执行情况。", 3, "card"),
    ("过程", "资产管理", "管理制度健全性",
     "①已制定资产管理制度，2分；②制度合法、合规、完整并得到有效执行，1分。",
     "为加强资产管理、规范资产管理行为而制定的管理制度是否健全完整并有效执行。", 3, None),
    ("过程", "资产管理", "资产管理安全性",
     "①资产保存完整；②资产配置合理；③资产处置规范；④资产账务管理合规、账实相符；⑤资产有偿使用及处置收入及时足额上缴。"
     "计4分，每出现一例不符扣1分，扣完为止。",
     "资产是否保存完整、使用合规、配置合理、处置规范、收入及时足额上缴，反映资产安全运行情况。", 4, "asset_safety"),
    ("过程", "资产管理", "固定资产利用率",
     "固定资产利用率=100%，计3分；每低于100%一个百分点扣0.1分，扣完为止。",
     "实际在用固定资产总额与所有固定资产总额的比率，反映固定资产使用效率。"
     "固定资产利用率 = 在用固定资产总额 ÷ 固定资产总额 × 100%。", 3, "fixed_assets"),
    ("产出", "职责履行", "实际完成率",
     "按计划完成全部工作任务，计10分；每少完成一项扣0.5分，扣完为止。",
     "实际完成工作数与计划工作数的比率，反映部门履职工作任务目标的实现程度。", 10, "completion"),
    ("产出", "职责履行", "完成及时率",
     "全部工作任务按时完成，计6分；每有一项未按时完成扣0.5分，扣完为止。",
     "在规定时限内及时完成的工作数与计划工作数的比率，反映履职的时效。", 6, "timeliness"),
    ("产出", "职责履行", "质量达标率",
     "全部工作任务达到质量标准，计9分；每有一项未达标扣0.5分，扣完为止。",
     "达到质量标准的工作数与计划工作数的比率，反映履职的质量。", 9, "quality"),
    ("效果", "履职效益", "社会效益",
     "达到年初工作计划值以上，计15分；每少一项扣3分，扣完为止。",
     "部门履行职责对社会发展带来的直接或间接影响。", 15, "social_benefit"),
    ("效果", "履职效益", "社会公众或服务对象满意度",
     "满意度95%（含）以上，计5分；85%（含）–95%，计3分；75%（含）–85%，计1分；低于75%，计0分。",
     "社会公众或部门的服务对象对部门履职效果的满意程度（以问卷调查等方式取得）。", 5, "satisfaction"),
]
DEFAULT_LEVEL1_WEIGHTS = {"投入": 15, "过程": 40, "产出": 25, "效果": 20}
DEFAULT_LEVEL2_WEIGHTS = {"预算配置": 15, "预算执行": 15, "预算管理": 15, "资产管理": 10, "职责履行": 25, "履职效益": 20}


def template_form(year: int = 2024) -> DeptForm:
    """The blank form with the standard indicator set: names, standards, 分值; no figures, no scores."""
    from .model import DeptIndicator, TeamMember

    inds = [DeptIndicator(level1=a, level2=b, name=c, standard=d, explanation=e, weight=w, score=None, reason=None,
                          rule=k) for a, b, c, d, e, w, k in DEFAULT_INDICATORS]
    used = [k for *_x, k in DEFAULT_INDICATORS if k]
    return DeptForm(form=TITLE, year=year, department="", indicators=inds,
                    level1_weights=dict(DEFAULT_LEVEL1_WEIGHTS), level2_weights=dict(DEFAULT_LEVEL2_WEIGHTS),
                    standards={k: _default_standards()[k] for k in used},
                    team=[TeamMember() for _ in range(7)])


def standard_for(form: DeptForm, key: str | None) -> Standard | None:
    if not key:
        return None
    return form.standards.get(key) or _default_standards().get(key)


# --------------------------------------------------------------------------------------
# scoring a whole form
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeptIndicatorScore:
    index: int
    name: str
    weight: float | None
    score: float | None
    computed: bool
    basis: str
    rule: str | None = None
    value: float | None = None       # the measured value (rate, count, 结余)
    formula_score: float | None = None  # what the standard gives (None: no formula or no figures)
    written: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DeptScore:
    department: str
    year: int
    indicators: list[DeptIndicatorScore]
    total: float
    grade: str
    written_total: float | None
    written_grade: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"form": TITLE, "department": self.department, "year": self.year,
                "indicators": [i.to_dict() for i in self.indicators], "total": self.total, "grade": self.grade,
                "written_total": self.written_total, "written_grade": self.written_grade}


def grade_of(total: float | None, bands: grades.Bands = grades.DEFAULT_BANDS) -> str | None:
    """The grade the 等级 formula shows under ``bands``: the profile's, as for the project form (a
    bureau that grades 优 from 80 grades its departments so too)."""
    return grades.grade(total, bands)



def formula_score(form: DeptForm, index: int) -> tuple[float | None, float | None, Standard | None]:
    """(measured value, score by the standard, the standard) of one indicator; Nones where not computable."""
    ind = form.indicators[index]
    std = standard_for(form, ind.rule)
    if std is None:
        return None, None, None
    x = measure_value(std.measure, form.data, ind.rule)
    if x is None:
        return None, None, std
    return x, twin_score(std, x, ind.weight, form.data.carryover_last), std


def formula_inputs(std: Standard, key: str | None) -> list[tuple[str, str | None]]:
    """The figures the 得分 formula of a standard reads, as (field path, label): the cells a spreadsheet
    program needs numbers in for the formula to show a score (``key``: the indicator's, for a count)."""
    m = MEASURES.get(std.measure)
    if m is None:
        return []
    return [(f"data.counts.{key}" if std.measure == "count" else f"data.{f}",
             std.count_label if std.measure == "count" else DATA_LABELS[f]) for f in m.inputs]


def missing_inputs(form: DeptForm, std: Standard, key: str | None) -> list[str]:
    m = MEASURES.get(std.measure)
    if m is None:
        return []
    if m.key == "count":
        return [std.count_label or f"{std.name}的扣分项数"] if _n(form.data.counts.get(key or "")) is None else []
    # each input once: 资金结余's 上年结转结余 is one of its inputs (it was named twice, “上年结转结余（万元）、
    # 上年结转结余（万元）”, where a 结余 was given without it)
    return [DATA_LABELS[f] for f in m.inputs if _n(getattr(form.data, f)) is None]


def _read_as(std: Standard, data: DeptData) -> str:
    """How a figure was read where it is not what it says (``whole_percent``): “满意度表中写作 93，按 93% 计；”."""
    if std.measure == "satisfaction" and whole_percent(data.satisfaction):
        return f"满意度表中写作 {fmt(data.satisfaction)}，按 {fmt(data.satisfaction)}% 计；"
    return ""


def _grade_bands(profile: Any) -> grades.Bands:
    """The profile's grade bands as the kind takes them (``FormKind.bands``, one place for every kind)."""
    from .. import by_key

    return by_key("department").bands(profile)


def score_dept_form(form: DeptForm, profile: Any = None) -> DeptScore:
    """The form scored by its own standards, graded under the profile's bands (``FormKind.bands``)."""
    out: list[DeptIndicatorScore] = []
    for i, ind in enumerate(form.indicators):
        x, fs, std = formula_score(form, i)
        if fs is not None and x is not None and std is not None:  # a score implies its standard and value
            basis = _read_as(std, form.data) + explain(std, x, ind.weight, fs, form.data.carryover_last)
            out.append(DeptIndicatorScore(i, ind.name, ind.weight, fs, True, basis, ind.rule, x, fs, ind.score))
            continue
        written = _n(ind.score)
        if std is None:
            why = "按评分标准人工评分的指标，沿用填报得分" if not ind.rule else f"评分标准“{ind.rule}”未定义，沿用填报得分"
        else:
            miss = missing_inputs(form, std, ind.rule)
            why = ("缺少计算数据（" + "、".join(miss) + "），沿用填报得分") if miss else "无法按评分标准计算，沿用填报得分"
        if written is not None and ind.weight is not None:
            written = max(0, min(written, ind.weight))
        out.append(DeptIndicatorScore(i, ind.name, ind.weight, written, False, why, ind.rule, x, None, ind.score))
    total = round(sum(s.score or 0 for s in out), 4)
    return DeptScore(form.department, form.year, out, total, grade_of(total, _grade_bands(profile)) or "差",
                     form.total_score, form.grade)


# --------------------------------------------------------------------------------------
# the UDF entry point and JSON-configured standards
# --------------------------------------------------------------------------------------

def _find_standard(indicator_key: str) -> tuple[str, Standard]:
    key, standards = (indicator_key or "").strip(), _default_standards()
    if key in standards:
        return key, standards[key]
    norm = key.replace("\"", "").replace("“", "").replace("”", "")
    for k, std in standards.items():
        if std.name.replace("“", "").replace("”", "") == norm:
            return k, std
    for _a, _b, name, _s, _e, _w, rule_key in DEFAULT_INDICATORS:
        if rule_key and name.replace("“", "").replace("”", "") == norm:
            return rule_key, standards[rule_key]
    # a short name ("满意度", "三公经费控制率") that only one standard's name contains
    hits = [k for k, std in standards.items() if norm and norm in std.name.replace("“", "").replace("”", "")]
    if len(hits) == 1:
        return hits[0], standards[hits[0]]
    raise FormDataError(f"未知的部门整体指标“{indicator_key}”，可用：" + "、".join(
        f"{s.name}（{k}）" for k, s in standards.items()))


def _default_weight(key: str) -> float | None:
    for *_x, w, k in DEFAULT_INDICATORS:
        if k == key:
            return w
    return None


def dept_score(indicator_key: str, *values: Any, params: dict[str, Any] | str | None = None) -> float | None:
    """Score one department-wide indicator from its figures (the ``JX_DEPT_SCORE`` UDF).

    ``indicator_key`` is a standard key ("staff_control") or the indicator's name ("在职人员控制率").
    ``values`` are the measure's inputs in order (在职人员数, 编制数), or the measured value itself
    (0.93 for 满意度, a count for a per-item standard); for 资金结余: 结转结余, 上年结转结余.
    ``params`` (a dict or JSON text) overrides the standard's fields, and "weight" the 分值.
    Returns the score, or None where the figures are missing (the cell shows empty).
    """
    key, std = _find_standard(indicator_key)
    params = _params(params)
    weight = params.pop("weight", params.pop("分值", _default_weight(key)))
    if params:
        try:
            std = Standard.model_validate({**std.model_dump(), **params})
        except ValidationError as exc:
            raise FormDataError("评分标准参数有误：" + _fields_zh(exc)) from None
    m = MEASURES[std.measure]
    vals = [_n(v) for v in values]
    carry = None
    if std.kind == "balance":
        x = vals[0] if vals else None
        carry = vals[1] if len(vals) > 1 else None
    elif len(m.inputs) == 1:   # the figure itself, as its 计算值 formula reads it (满意度 93: 93%)
        x = MEASURE_TWINS[m.key](vals[0] if vals else None)
    elif len(vals) == 1:       # the measured rate itself
        x = vals[0]
    else:
        x = MEASURE_TWINS[m.key](*vals[:len(m.inputs)])
    if x is None:
        return None
    return twin_score(std, x, weight, carry)


def _params(params: dict[str, Any] | str | None) -> dict[str, Any]:
    """``dept_score``'s parameters, from a dict or the JSON text a cell holds (typed by a 填报人: a
    mistake is a Chinese message, which the UDF shows in its cell, not a traceback in a dialog)."""
    if isinstance(params, str):
        text = params
        try:
            params = json.loads(text) if text.strip() else None
        except ValueError:
            raise FormDataError(f"评分标准参数“{text[:40]}”不是有效的 JSON 文本，应写作如 {{\"weight\": 5}}") from None
    if params is not None and not isinstance(params, dict):
        raise FormDataError("评分标准参数应写作 {名称: 值}，如 {\"weight\": 5}")
    return dict(params or {})


def _fields_zh(exc: ValidationError) -> str:
    """A standard's wrong fields in Chinese: “缺少 measure；kind 不能取 5” (pydantic's own words are English)."""
    def one(e: Any) -> str:
        field = ".".join(map(str, e["loc"])) or "标准"
        if e.get("type") == "missing":
            return f"缺少 {field}"
        return f"{field} 不能取 {json.dumps(e.get('input'), ensure_ascii=False, default=str)[:40]}"

    return "；".join(one(e) for e in exc.errors())


def load_standards(path: str | Path) -> dict[str, Standard]:
    """Standards from a JSON file: {"key": {"name": …, "kind": …, "measure": …, …}, …}. A file that is
    no such JSON is said in Chinese (it said “'utf-8' codec can't decode byte 0xa8…”, “Expecting value:
    line 1 column 7”, “3 validation errors for Standard”)."""
    from ...guard.jsonsafe import load_json_file

    p = Path(path)
    data = load_json_file(p, "评分标准文件", error=FormDataError)   # vetted like every input (a FIFO, a folder …)
    if not isinstance(data, dict):
        raise FormDataError(f"{p}：评分标准应为对象 {{键: 标准}}", file=str(p))
    out: dict[str, Standard] = {}
    for k, v in data.items():
        try:
            out[k] = Standard.model_validate(v)
        except ValidationError as exc:
            raise FormDataError(f"{p}：评分标准“{k}”有误：{_fields_zh(exc)}", file=str(p)) from None
    return out


def with_standards(form: DeptForm, standards: dict[str, Standard] | None) -> DeptForm:
    """The form scored by other standards (a department's own set): those given replace the form's."""
    if not standards:
        return form
    return form.model_copy(update={"standards": {**form.standards, **standards}})


def iter_formula_indicators(form: DeptForm) -> Iterable[tuple[int, str, Standard]]:
    for i, ind in enumerate(form.indicators):
        std = standard_for(form, ind.rule)
        if std is not None and ind.rule:  # standard_for finds none without a key
            yield i, ind.rule, std


score_form = score_dept_form  # the name FormKind looks for (forms.base.DEFAULT_PARTS)
