"""C15, C16 — units as written (issue 14, capability 6).

The scorer reads an 实际完成值 without a unit in the target's unit, and says so in its basis;
a reviewer wants the unit written (C15). "比率" and "百分比" are not units: a rate is written
with "%" (C16). The suggested fix keeps the number exactly as written (``Value.exact``).
"""

from __future__ import annotations

import re
from typing import Iterator

from ...core.numbers import fmt, pct
from ...core.units import time_factor
from ...core.values import (WORD_PERCENT, as_percent, bare_other_unit, fraction_of_percent, normalize, parse_value,
                            percent_words, share_percent)
from . import FormContext, Hit, rule
from .targets import reread, unit_to_write, values


def _number_text(raw: str | None) -> str:
    """The number as written in a cell; “0” for a none-word (“无”: the count 0, C15 asks for “0 次”, not “无 次”)."""
    m = re.search(r"[-+]?\d+(?:\.\d+)?", normalize(raw or ""))
    return m.group(0) if m else ("0" if parse_value(raw).number == 0 else (raw or ""))


@rule("C15", "warning", "实际完成值没有写单位",
      """年度指标值有计量单位时，实际完成值也要写单位（如指标值“≥9000 册”，完成值写“9000 册”而不是“9000”）：
      只写一个数时，评分只能按指标值的单位理解，可能与实际不符；指标值为 50% 以上的百分数、完成值为
      不大于 1 的数（如指标值“≥95%”，完成值“0.9”）时，按比率读作百分数（90%）；只写“1.25万”而指标值以“万人”计、
      只写“180元”而指标值以“元/次”计时，按 1.25 万人、180 元/次读，也请写全。""", group="units")
def actual_without_unit(ctx: FormContext) -> Iterator[Hit]:
    yield from _read_in_target_unit(ctx)
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if t.kind != "quantity" or a.kind != "quantity" or t.unit is None or a.extra_text:
            continue
        share = share_percent(t, a)
        if a.unit is not None and share is None:
            continue
        if t.unit_dim == "clock":   # “11” against “12:00前”: no 11 时刻 to write, but the time of day it was done
            n = a.number
            like = f"{int(n)}:00" if n is not None and float(n).is_integer() and 0 <= n <= 23 else t.shown()
            yield Hit(f"indicators[{i}].actual",
                      f"指标“{ind.name}”的指标值“{ind.target}”是一天中的时刻，实际完成值“{ind.actual}”只有数字，"
                      f"无法与之比较；应写完成的时刻（如“{like}”，时与分之间用冒号）", expected=f"完成的时刻（如“{like}”）",
                      found=ind.actual)
            continue
        unit = "%" if t.unit_dim == "ratio" else unit_to_write(t)
        if share is not None:      # the scorer reads 12/12 as 100%, 45/50人 as 90%
            want = pct(share / 100, trim=True)
            yield Hit(f"indicators[{i}].actual",
                      f"指标“{ind.name}”的实际完成值“{ind.actual}”是一个比例，指标值“{ind.target}”以“%”计，"
                      f"按 {want} 读，应写作“{want}”", expected=want, found=ind.actual)
            continue
        if fraction_of_percent(t, a.number, text=True) and a.number is not None:   # the scorer reads 0.9 as 90%
            want = as_percent(a.number)
            yield Hit(f"indicators[{i}].actual",
                      f"指标“{ind.name}”的实际完成值“{ind.actual}”没有单位，指标值“{ind.target}”以“%”计，"
                      f"按比率读作 {want}，应写作“{want}”（若确是 {_number_text(ind.actual)}%，请写“{_number_text(ind.actual)}%”）",
                      expected=want, found=ind.actual)
            continue
        money = bare_other_unit(t, a.number)
        if money is not None:      # the scorer reads 51800 against ≤5.6 万元 as 51800 元
            want, wan = f"{_number_text(ind.actual)} {money[1]}", money[0] / t.scale
            yield Hit(f"indicators[{i}].actual",
                      f"指标“{ind.name}”的实际完成值“{ind.actual}”没有单位，与指标值“{ind.target}”相差上万倍，"
                      f"按 {want}（合 {fmt(wan)} {t.unit_text}）读，应写作“{want}”或“{fmt(wan)} {t.unit_text}”",
                      expected=want, found=ind.actual)
            continue
        want = f"{_number_text(ind.actual)}{unit}" if unit == "%" else f"{_number_text(ind.actual)} {unit}"
        yield Hit(f"indicators[{i}].actual",
                  f"指标“{ind.name}”的实际完成值“{ind.actual}”没有单位，指标值“{ind.target}”以“{unit}”计，"
                  f"应写作“{want}”（请核对确是以{unit}计的数）", expected=want, found=ind.actual)


def _read_in_target_unit(ctx: FormContext) -> Iterator[Hit]:
    """C15 for a 完成值 ``paired`` read in the 指标值's unit: “1.25万” as 万人, “180元” as 元/次."""
    pairs = values(ctx)
    for i, _t0, bare in reread(ctx):
        ind, (t, a) = ctx.form.indicators[i], pairs[i]
        if a is bare or a.kind != "quantity" or t.kind != "quantity" or t.unit is None or a.extra_text:
            continue     # a time value against a number (``paired``: no value) is C5's: “按 02 None读” said nothing
        if a.unit_dim == "proportion":
            continue     # “2:30” against a ratio (``typed_time_as``): the ratio as written, as “1:10” is
        number = _number_text(ind.actual)
        if a.unit_dim == "time" and bare.unit_dim != "time":   # “2:30” against “≤3小时”: a span typed as a time
            number = fmt(a.number)
        want = f"{number}{a.unit_text}"
        read = f"按 {number} {a.unit_text}读，应写作“{want}”"
        if a.unit_dim == "time" and bare.unit_dim != "time" and a.unit not in ("小时", "分钟"):
            # “1:30” against “≤3天”: hours and minutes (``typed_time_as``), said in hours, not as “0.0625天”
            hours = fmt(round((a.number or 0.0) * (time_factor(a.unit, "小时") or 0.0), 4))
            want = f"{hours}小时"
            said = (f"是用冒号写的时间，指标值“{ind.target}”以“{t.unit_text}”计，按时长 {hours} 小时（{number} "
                    f"{a.unit_text}）读，应写作“{want}”")
        elif a.unit_dim == "time" and bare.unit_dim != "time":
            said = (f"是用冒号写的时间，指标值“{ind.target}”以“{t.unit_text}”计，按时长 {number} {a.unit_text}读，"
                    f"应写作“{want}”")
        elif bare.unit_text in ("万", "亿"):
            said = f"只写了“{bare.unit_text}”，没有单位，指标值“{ind.target}”以“{t.unit_text}”计，{read}"
        else:
            said = f"没有写明“/{(a.unit_text or '').split('/', 1)[-1]}”，指标值“{ind.target}”以“{t.unit_text}”计，{read}"
        yield Hit(f"indicators[{i}].actual", f"指标“{ind.name}”的实际完成值“{ind.actual}”{said}", expected=want,
                  found=ind.actual)


@rule("C16", "warning", "用“比率”“百分比”作单位",
      """比率、百分比不是计量单位：比率写作百分数，如“≥95%”“100%”，不要写“95 比率”“100 百分比”。""",
      group="units")
def word_percent(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if t.unit_text not in WORD_PERCENT and a.unit_text not in WORD_PERCENT:
            continue     # neither can be one (issue #18: most indicators)
        for key, v, raw in (("target", t, ind.target), ("actual", a, ind.actual)):
            if v.kind == "quantity" and v.unit_text in WORD_PERCENT:
                s = normalize(raw or "")
                want = percent_words(s)
                yield Hit(f"indicators[{i}].{key}",
                          f"指标“{ind.name}”的{'年度指标值' if key == 'target' else '实际完成值'}“{raw}”用“{v.unit_text}”"
                          f"作单位，应写作“{want}”", expected=want, found=raw)
