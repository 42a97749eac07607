"""The 项目支出绩效评价表 as data: one project's 评价指标体系 with its scores, as written.

An evaluation (绩效评价, usually by a third party or the finance bureau) scores a project
on a tree of indicators: 一级 决策/过程/产出/效益, each split into 二级 and 三级 indicators,
every level with its 分值 and every 三级 indicator with its 得分. Mirrors
``spec/evaluation_form.schema.json`` in the style of the other kinds: values are what
the evaluator wrote, mistakes included (the checker reports them), and strict types keep
the fill → read round trip exact. The 一级/二级 分值 are kept by name, as the department
form keeps them, because that is how the printed table gives them (one merged cell per
group); 一级/二级 得分 are not data, they are sums the sheet computes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr


from . import TITLE as EVAL_FORM_NAME
from ..project.model import read_json, validate

__all__ = ["EVAL_FORM_NAME", "LEVEL1", "EvalForm", "EvalIndicator", "load_eval_form",
           "parse_eval_form"]

SCHEMA_NAME = "evaluation_form.schema.json"

# The four 一级指标 of the 项目支出绩效评价指标体系 (财预〔2020〕10号 框架); forms write them as
# 决策 or 项目决策 …, so rules match them by these keys.
LEVEL1 = ("决策", "过程", "产出", "效益")

Number = Union[StrictInt, StrictFloat, None]
OptNumber = Annotated[Number, Field(default=None)]
OptText = Annotated[Union[StrictStr, None], Field(default=None)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class EvalIndicator(_Strict):
    """One 三级指标 row with the 一级 and 二级 it belongs to."""

    level1: StrictStr
    level2: StrictStr
    name: StrictStr
    standard: OptText        # 评分标准 (text, as printed)
    weight: Number           # 分值
    score: Number            # 得分
    reason: OptText          # 扣分原因


class EvalForm(_Strict):
    """A whole 项目支出绩效评价表."""

    form: Literal["项目支出绩效评价表"]
    year: StrictInt
    project: StrictStr                    # 项目名称
    authority: OptText                    # 主管部门
    unit: OptText                         # 实施单位
    evaluator: OptText                    # 评价机构
    report_date: OptText                  # 报告日期
    budget: OptNumber                     # 预算数（万元）: the money given to the project in the year
    executed: OptNumber                   # 支出数（万元）
    level1_weights: Annotated[dict[str, Number], Field(default_factory=dict)]   # 一级指标 -> 分值
    level2_weights: Annotated[dict[str, Number], Field(default_factory=dict)]   # 二级指标 -> 分值
    indicators: list[EvalIndicator]
    total_weight: OptNumber               # 总计·分值 as written
    total_score: OptNumber                # 总计·得分 as written (the 综合得分)
    grade: OptText                        # 等级 as written (优/良/中/差)
    problems: OptText                     # 存在的问题
    suggestions: OptText                  # 有关建议

    def to_dict(self) -> dict[str, Any]:
        """The form as JSON data, keeping exactly the keys that were given (as ``Form.to_dict``)."""
        return self.model_dump(mode="json", exclude_unset=True)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def parse_eval_form(data: Any, source: str = "<数据>") -> EvalForm:
    """Validate decoded JSON as an evaluation form; FormDataError names the field path."""
    return validate(EvalForm, data, source, SCHEMA_NAME)


def load_eval_form(path: str | Path) -> EvalForm:
    p = Path(path)
    return parse_eval_form(read_json(p), str(p))


def json_schema() -> dict[str, Any]:
    """The interchange format, as committed in ``spec/evaluation_form.schema.json``."""
    schema = EvalForm.model_json_schema()
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"jixiao/{SCHEMA_NAME}",
            "title": f"{EVAL_FORM_NAME} as data (one project's 评价指标体系 with its scores, exactly as written)"}
    return {**head, **{k: v for k, v in schema.items() if k != "title"}}
