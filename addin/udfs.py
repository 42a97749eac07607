"""Worksheet functions (UDFs) for Excel, through xlwings: JX_SCORE, JX_COMPLETION, …

ASCII names (Excel and the VBA wrappers need them), Chinese descriptions (docstrings) and
argument help (``ARG_HELP``). Each is a one-line call into the core; none touches a file,
and parsing and scoring are cached, so a sheet full of them recalculates as the filler
types. On a machine without Excel, xlwings' decorators leave them plain functions, which is
how the tests call them; ``addin.vba`` decorates the same functions with xlwings' Windows
decorators to generate the VBA wrappers shipped in the templates.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable

import xlwings as xw

from jixiao.forms.project import scoring
from jixiao.core import grades, rates
from jixiao.core.dates import excel_span, year_in
from jixiao.reading.grid import as_text
from jixiao.core.profiles import get_profile
from jixiao.guard.sanitize import COM_ERRORS
from jixiao.forms.project.reader import _PREFIX as NAME_PREFIX

CATEGORY = "绩效自评"


def _blank(x: Any) -> Any:
    return "" if x is None else x


def _row_text(name: Any, level2: Any) -> tuple[str | None, str | None]:
    """The 三级指标 and 二级指标 as ``jixiao score`` reads them from the row: the name without a
    “指标1：” prefix, and the 二级指标 of the nearest filled cell at or above the row (it is
    written once for a merged block, so the template passes the range C$14:C<row>)."""
    if isinstance(level2, (list, tuple)):
        cells = [v for row in level2 for v in (row if isinstance(row, (list, tuple)) else [row])]
        level2 = next((v for v in reversed(cells) if v is not None and str(v).strip()), None)
    text = scoring._text
    n = text(name)
    return (NAME_PREFIX.sub("", n) if n else None), (text(level2) or None)


def _cell(v: Any) -> Any:
    """A cell xlwings hands over as a date or a time as the text ``jixiao score`` reads the file's cell as: a time
    cell (1899-12-30 02:30) “02:30:00”, “25:30” typed (1899-12-31 01:30, ``excel_span``) “25:30:00”, a date
    “2023年3月1日”. JX_SCORE read “25:30” as “1899-12-31 01:30:00” and gave 0 points against “≤24小时”."""
    if isinstance(v, (datetime.date, datetime.time, datetime.timedelta)):
        return as_text(excel_span(v))
    if v.__class__ is int and v in COM_ERRORS:
        # a #SPILL! (#CALC! …) cell: xlwings 0.37.8 hands the seven older errors over as None and the newer ones as
        # Excel's number for them, which JX_SCORE scored as the 完成值 -2146826243; the file's reader reads the text
        return COM_ERRORS[v]
    return v


def _scored(target, actual, weight, rule=None, name=None, level2=None, year=None) -> scoring.IndicatorScore:
    """One indicator through the scorer ``jixiao score`` uses, with the row's names, so that a
    target written without ≥/≤ gets the same inferred direction (ceiling, deadline) as there, and
    the form's year (its A2), so that a month without a year is that year's as there."""
    n, l2 = _row_text(name, level2)
    return scoring.score_indicator(_cell(target), _cell(actual), weight, None, get_profile(rule or None), name=n,
                                   level2=l2, year=year_in(year))


def JX_SCORE(target, actual, weight, rule=None, name=None, level2=None, year=None):
    """按评分规则计算指标的建议得分（与“校验”“复核得分”的结果相同）；定性指标或完成值不是数值时返回空白。"""
    s = _scored(target, actual, weight, rule, name, level2, year)
    return s.score if s.computed else ""


def JX_COMPLETION(target, actual, name=None, level2=None, year=None):
    """完成率：完成值 ÷ 指标值（反向指标为扣减后的比例）；无法计算时返回空白。"""
    return _blank(_scored(target, actual, 1, None, name, level2, year).completion)


def JX_EXEC_RATE(executed, annual):
    """预算执行率 = 全年执行数 ÷ 全年预算数。"""
    return _blank(rates.exec_rate(executed=executed, annual=annual))


def JX_EXEC_SCORE(executed, annual, weight):
    """执行率得分 = 分值 × MIN(执行率, 100%)。"""
    return _blank(rates.exec_score(rate=rates.exec_rate(executed=executed, annual=annual), weight=weight))


def JX_GRADE(total, rule=None):
    """等级：优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差（按评分方案的等级分段）。"""
    return grades.grade(total, get_profile(rule or None).grade_bands) or ""   # the 等级 formula's twin: blank for no number


def JX_BASIS(target, actual, weight, rule=None, name=None, level2=None, year=None):
    """评分依据：用中文说明这一指标为什么得这个分；指标值未写 ≥ 或 ≤ 而按名称推断方向时写明推断的理由。"""
    return _scored(target, actual, weight, rule, name, level2, year).basis


def JX_DEPT_SCORE(indicator, value1, value2=None, value3=None, standard=None):
    """部门整体支出绩效指标得分：按指标的评分标准，由数值（如 在职人员数、编制数）计算得分。"""
    from jixiao.forms.department.scoring import dept_score

    from jixiao.errors import JixiaoError

    values = [None if v == "" else v for v in (value1, value2, value3)]
    try:
        return _blank(dept_score(indicator, *values, params=standard or None))
    except JixiaoError as exc:  # an unknown indicator, a mistyped standard: said in the cell (Excel shows a raised error in a dialog)
        return str(exc)


_YEAR_HELP = "预算年度（可省略），如 $A$2：未写年份的月份（“12 月前”“年底前”）按这一年计"
ARG_HELP: dict[str, dict[str, str]] = {
    "JX_SCORE": {"target": "年度指标值，如“≥17 人”“≤5.6 万元”", "actual": "实际完成值，如“14 人”",
                 "weight": "分值", "rule": "评分方案（可省略），默认 财预〔2020〕10号；如 60%规则",
                 "name": "三级指标名称（可省略），用于推断未写 ≥ 或 ≤ 的指标值的方向",
                 "level2": "二级指标（可省略），可选本行及以上的二级指标列，如 C$14:C16",
                 "year": _YEAR_HELP},
    "JX_COMPLETION": {"target": "年度指标值", "actual": "实际完成值", "name": "三级指标名称（可省略）",
                      "level2": "二级指标（可省略）", "year": _YEAR_HELP},
    "JX_EXEC_RATE": {"executed": "全年执行数（万元）", "annual": "全年预算数（万元）"},
    "JX_EXEC_SCORE": {"executed": "全年执行数（万元）", "annual": "全年预算数（万元）",
                      "weight": "执行率的分值，通常为 10"},
    "JX_GRADE": {"total": "总分", "rule": "评分方案（可省略）"},
    "JX_BASIS": {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "rule": "评分方案（可省略）",
                 "name": "三级指标名称（可省略）", "level2": "二级指标（可省略）", "year": _YEAR_HELP},
    "JX_DEPT_SCORE": {"indicator": "三级指标名称，如“在职人员控制率”", "value1": "第一个数值，如 在职人员数",
                      "value2": "第二个数值（可省略），如 编制数", "value3": "第三个数值（可省略）",
                      "standard": "评分标准参数（可省略，JSON 文本），如 {\"weight\": 5}"},
}
RAW: dict[str, Callable[..., Any]] = {name: globals()[name] for name in ARG_HELP}


def decorated(func_deco: Callable[..., Any], arg_deco: Callable[..., Any]) -> dict[str, Callable[..., Any]]:
    """The UDFs wrapped by the given xlwings decorators (``xw.func``/``xw.arg`` or their
    Windows originals), with their category and argument help."""
    out = {}
    for name, helps in ARG_HELP.items():
        f = RAW[name]
        for arg, doc in reversed(helps.items()):
            f = arg_deco(arg, doc=doc)(f)
        out[name] = func_deco(category=CATEGORY)(f)
    return out


globals().update(decorated(xw.func, xw.arg))
