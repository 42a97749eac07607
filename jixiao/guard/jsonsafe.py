"""Decoding a form JSON file so that nothing in it can break the pipeline (issue #13).

Python's ``json`` accepts NaN and Infinity, turns 1e999 into inf, and raises RecursionError
on deeply nested arrays; the scorer's Decimal arithmetic then fails far from the file. Here
such numbers are refused with the file named, nesting is a Chinese error, and control
characters are removed from every string (they cannot be written to a workbook).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..errors import FormDataError, JixiaoError
from .textsafe import clean_text

MAX_NUMBER = 1e15
_JSON_MSG = {"Expecting value": "缺少值", "Expecting property name enclosed in double quotes": "键名应加双引号",
             "Expecting ',' delimiter": "缺少逗号", "Expecting ':' delimiter": "缺少冒号",
             "Unterminated string starting at": "字符串没有结束", "Extra data": "多余的内容",
             "Invalid control character at": "字符串中有控制字符", "Invalid \\escape": "无效的转义"}


def json_error_zh(exc: json.JSONDecodeError) -> str:
    """Where and what, in Chinese: “第 3 行第 5 列：缺少逗号” (the parser's English stays out of messages)."""
    msg = next((zh for en, zh in _JSON_MSG.items() if exc.msg.startswith(en)), "格式错误")
    return f"第 {exc.lineno} 行第 {exc.colno} 列：{msg}"


def load_json_file(path: Path, what: str, *, error: type[JixiaoError] = JixiaoError, **read: Any) -> Any:
    """A small JSON input (a settings file, the standards, a published 汇总表's figures) read like every
    input (``guard.read_text``: never a FIFO, a size cap) and decoded, its syntax said in Chinese:
    “x.json：评分标准文件不是合法的 JSON（第 1 行第 7 列：缺少值）”. What the data must be is the caller's."""
    from . import read_text

    text = read_text(path, what=what, error=error, **read)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{path}：{what}不是合法的 JSON（{json_error_zh(exc)}）", file=str(path)) from None


def yaml_error_zh(exc: Exception) -> str:
    """A YAML syntax error as “第 2 行第 1 列：格式错误” (PyYAML's marks count from 0)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return "格式错误"
    return f"第 {mark.line + 1} 行第 {mark.column + 1} 列：格式错误"


class _Refused(ValueError):
    pass


def _num(text: str) -> float:
    v = float(text)
    if not math.isfinite(v) or abs(v) > MAX_NUMBER:
        raise _Refused(text)
    return v


def _const(text: str) -> Any:
    raise _Refused(text)


def _int(text: str) -> int:
    if len(text) > 16:
        raise _Refused(text)
    return int(text)


def _clean(data: Any) -> Any:
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, list):
        return [_clean(v) for v in data]
    if isinstance(data, dict):
        return {clean_text(k): _clean(v) for k, v in data.items()}
    return data


def loads_form_json(text: str, path: Path | str) -> Any:
    name = str(path)
    try:
        return _clean(json.loads(text, parse_float=_num, parse_int=_int, parse_constant=_const))
    except _Refused as exc:
        raise FormDataError(f"{name}：数值 {str(exc)[:30]} 超出表单可能的范围（或为 NaN/Infinity），不是合法的表单 JSON",
                            file=name) from None
    except json.JSONDecodeError as exc:
        raise FormDataError(f"{name}：不是合法的 JSON（{json_error_zh(exc)}）", file=name) from None
    except RecursionError:
        raise FormDataError(f"{name}：JSON 嵌套过深，不是表单", file=name) from None

