"""The form as data: one 项目支出绩效自评表 exactly as written on it.

Mirrors ``spec/form.schema.json`` (the project's copy of the interchange format) field
for field. Values are what the filler wrote, mistakes included: a wrong 执行率 stays wrong
here and the checker reports it, so nothing is coerced beyond what JSON itself says.
Strict types keep the round trip exact: ``10`` stays an int, ``5.6`` a float, and a
number where text belongs is an error rather than a silent conversion.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, Union, TypeVar

from pydantic import BaseModel, ConfigDict, StrictFloat, StrictInt, StrictStr, ValidationError

from ...errors import FormDataError
from . import TITLE as FORM_NAME

Number = Union[StrictInt, StrictFloat]
OptNumber = Union[StrictInt, StrictFloat, None]
OptText = Union[StrictStr, None]

LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
FUND_ROWS = ("total", "fiscal", "carryover", "other")
FUND_COLS = ("initial", "annual", "executed")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


SUB_ROWS = ("fiscal", "carryover", "other")


class FundRow(_Strict):
    """One 资金来源 row: 年初预算数 / 全年预算数 / 全年执行数 (万元)."""

    initial: OptNumber = None
    annual: OptNumber = None
    executed: OptNumber = None

    def is_blank(self) -> bool:
        return self.initial is None and self.annual is None and self.executed is None


class Funds(_Strict):
    """项目资金（万元）: 年度资金总额 and its 其中 rows."""

    total: FundRow
    fiscal: FundRow | None = None
    carryover: FundRow | None = None
    other: FundRow | None = None

    def row(self, key: str) -> FundRow:
        """The row, or an all-blank one where the form left it out."""
        return getattr(self, key) or FundRow()

    def column(self, col: str) -> float | int | None:
        """年度资金总额's ``col`` (initial/annual/executed) as the form means it.

        Where the total row is blank but its 其中 rows are filled, a reader adds them up; so
        do the template's formula, the scorer, the checker, the 汇总 and the reports — all
        through this one method. The checker still reports the blank total (rule A1).
        """
        v = getattr(self.total, col)
        if v is not None:
            return v
        parts = [getattr(self.row(k), col) for k in SUB_ROWS]
        nums = [x for x in parts if x is not None]
        return sum(nums) if nums else None


class Indicator(_Strict):
    """One 三级指标 row of the 绩效指标 block."""

    level1: StrictStr
    level2: StrictStr
    name: StrictStr
    target: Union[StrictStr, None]
    actual: Union[StrictStr, None]
    weight: Union[StrictInt, StrictFloat, None]
    score: Union[StrictInt, StrictFloat, None]
    reason: OptText = None


class Form(_Strict):
    """A whole 项目支出绩效自评表."""

    form: Literal["项目支出绩效自评表"]
    year: StrictInt
    project: StrictStr
    authority: OptText = None
    unit: OptText = None
    leader: OptText = None
    phone: OptText = None
    funds: Funds
    funds_weight: OptNumber = None
    exec_rate: Union[StrictStr, StrictInt, StrictFloat, None] = None
    exec_score: OptNumber = None
    goal_expected: OptText = None
    goal_actual: OptText = None
    indicators: list[Indicator]
    total_weight: OptNumber = None
    total_score: OptNumber = None
    remark: OptText = None
    unit_leader: OptText = None
    filled_by: OptText = None
    filled_on: OptText = None
    contact: OptText = None

    # -- serialisation -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The form as JSON data, keeping exactly the keys that were given.

        A form loaded from JSON saves back byte-identical in content (keys left out stay
        out); a form built by the reader sets every key, so every key is written.
        """
        return self.model_dump(mode="json", exclude_unset=True)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _loc_path(loc: tuple[Any, ...]) -> str:
    """('indicators', 3, 'weight') -> 'indicators[3].weight' (the path outputs.md uses)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("int", "float", "str", "none", "constrained-str", "function-after", "literal"):
            continue  # pydantic's union branch tags, not part of the data path
        elif "[" in str(part) or str(part).startswith(("Strict", "nullable")):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(根)"


_MSG = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不是表单的字段",
    "literal_error": "取值不对",
    "int_type": "应为数字",
    "float_type": "应为数字",
    "string_type": "应为文字",
    "model_type": "应为对象",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "json_invalid": "不是合法的 JSON",
    "model_attributes_type": "应为对象",
}


def describe_validation_error(err: ValidationError, source: str) -> str:
    """One Chinese line per problem, each naming the field path, deduplicated across union branches."""
    seen: dict[str, str] = {}
    for e in err.errors():
        path = _loc_path(tuple(e.get("loc", ())))
        kind = e.get("type", "")
        text = _MSG.get(kind, e.get("msg", "取值不对"))
        if kind == "json_invalid":
            text = f"不是合法的 JSON（{e.get('ctx', {}).get('error', '')}）"
        if kind == "int_type" and path == "year":
            text = "应为整数年度（如 2024）"
        if kind == "literal_error" and path == "form":
            text = f"应为“{FORM_NAME}”"
        # a union reports one error per branch: keep the first, they say the same thing
        seen.setdefault(path, f"字段 {path}：{text}（现为 {json.dumps(e.get('input'), ensure_ascii=False, default=str)[:60]}）"
                        if kind not in ("missing", "json_invalid") else f"字段 {path}：{text}")
    lines = "\n".join(f"  - {v}" for v in seen.values())
    return f"{source}：表单数据不符合 form.schema.json：\n{lines}"


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, source: str, schema: str = "form.schema.json") -> M:
    """Decoded JSON as a form of any kind (``model``); FormDataError names the field path and ``schema``."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        msg = describe_validation_error(err, source).replace("form.schema.json", schema)
        raise FormDataError(msg, file=source) from None


def parse_form(data: Any, source: str = "<数据>") -> Form:
    """Validate already-decoded JSON data as a 项目支出绩效自评表; FormDataError names the field path."""
    return validate(Form, data, source)


def read_json(path: str | Path) -> Any:
    """One form JSON file decoded (any kind). Errors name the file (exit 2)."""
    from ...guard import read_text  # vetted first: a FIFO named x.json would block ``open`` (issue #13)

    p = Path(path)
    text = read_text(p, error=FormDataError)
    from ...guard.jsonsafe import loads_form_json

    data = loads_form_json(text, p)
    if not isinstance(data, dict):
        # a bare string, number, true/false or null matched no kind of form: “内部错误（StopIteration）”
        what = ("数组" if isinstance(data, list) else "文字" if isinstance(data, str)
                else "true/false" if isinstance(data, bool) else "空值（null）" if data is None else "数字")
        raise FormDataError(f"{p}：应为一张表单（对象），而不是{what}", file=str(p))
    return data


def load_form(path: str | Path) -> Form:
    """Load one 项目支出绩效自评表 JSON file. Errors name the file and the field path (exit 2)."""
    return parse_form(read_json(path), str(path))


def save_form(form: Form, path: str | Path) -> None:
    """Write a form as JSON (UTF-8, Chinese kept), atomically."""
    from ...fileio import atomic_write_text

    atomic_write_text(Path(path), form.to_json() + "\n")
