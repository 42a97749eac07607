"""C — 年度指标值与实际完成值.

A reviewer rejects an 实际完成值 that is not a measured value in the target's unit: blank,
the target's bound written again ("≥95%"), a word ("已完成") where a number is due, or a
number in another unit ("100%" against "=1 台"). Targets themselves come from the approved
绩效目标表 and cannot be changed at evaluation time, so what is questionable about a target
(no direction, "≥100%" on a rate, a cost ceiling above the budget) is a warning for next
year's plan; only a blank target is an error.

Reading the cells is ``jixiao.core.values.parse_value``'s job; these rules only judge its output.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...core.change import said, words_to_check
from ...core.dates import TIME_CELL, time_only
from ...core.numbers import fmt, is_unfilled, pct
from ...core.units import per_factor
from ...core.values import (AMOUNT_DIMS, WORD_PERCENT, Value, colon_days, fraction_of_percent,  # WORD_PERCENT:
                            paired, parse_value, share_percent, unit_to_write)                 # not units (C16, C17)
from . import FormContext, Hit, rule, unnamed_row
from .funds import in_wan, money_over, num

NUMERIC = ("quantity", "month")
TEXT_ACTUAL = ("done_word", "qualitative", "unparsed")


def values(ctx: FormContext) -> list[tuple[Value, Value]]:
    """(target, actual) of each indicator, parsed once per form, as the scorer compares them (``paired``)."""
    if "values" not in ctx.extra:
        pairs, reread = [], []
        for k, ind in enumerate(ctx.form.indicators):
            t0, a0 = parse_value(ind.target), parse_value(ind.actual)
            t, a = paired(t0, a0, ind.name)
            pairs.append((t, a))
            if t is not t0 or a is not a0:
                reread.append((k, t0, a0))
        ctx.extra["values"], ctx.extra["reread"] = pairs, reread
    return ctx.extra["values"]


def reread(ctx: FormContext) -> list[tuple[int, Value, Value]]:
    """(index, target, actual) as written of the indicators ``paired`` read in the other's unit (“1.25万” beside
    “≥1.2万人”, “≥500元” beside “人均600元”): C12 and C15 ask for that unit. Nearly always none."""
    values(ctx)
    return ctx.extra["reread"]


def family(v: Value) -> str | None:
    """What a unit measures, coarsely: money, money per thing, ratio, time (a month point is time), count."""
    d = v.unit_dim
    if d is None:
        return None
    if d == "month":
        return "time"
    if d.startswith("count:"):
        return "count"
    return d


def _period(v: Value) -> str:
    """How the period of a count or of an amount a head is said: “每月”, or “未写期间” where none is named."""
    return f"每{v.per}" if v.per else "未写期间"


def is_rate(v: Value) -> bool:
    return v.kind == "quantity" and v.unit_dim == "ratio"




def _says_percent(v: Value) -> tuple[str, ...]:
    """``Hit.folds`` of a hit whose “应写作” writes ``v`` with “%”: C16's “‘95 比率’应写作‘95%’” on the same
    cell is said by it (C2's “=100%”, C9's, C4's measured number), and C16's own “应写作” — “≥100%” where
    C9 says “=100%”, “≥95%” for an 实际完成值 C4 says must not hold a “≥” — would be a second value to type."""
    return ("C16",) if v.kind == "quantity" and v.unit_text in WORD_PERCENT else ()


def _name(ind) -> str:
    return f"指标“{ind.name}”"   # a blank name is said as 指标（名称未填） where findings are made (``rules.as_said``)


@rule("C1", "error", "年度指标值未填或不完整",
      """年度指标值是评价的标准，必须照批复的绩效目标填写。定量指标应写明方向、数值和计量单位，
      如“≥17 人”“≤5.6 万元”“=100%”；只写一个数（如“100”）时无法判断是人、次还是百分比。""")
def target_present(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, _a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if t.kind == "blank":
            yield Hit(f"indicators[{i}].target", f"{_name(ind)}的年度指标值未填写，应按批复的绩效目标填写，表中为空白",
                      expected="年度指标值", found=ind.target)
        elif t.kind == "quantity" and t.unit is None and any(ch.isdigit() for ch in ind.target or ""):
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}的年度指标值“{ind.target}”只有数字，应写明计量单位（如 人、次、%、万元）",
                      expected=f"{ind.target} + 计量单位", found=ind.target, severity="warning")
    pairs = values(ctx)
    for i, t0, a0 in reread(ctx):
        ind, t = ctx.form.indicators[i], pairs[i][0]
        if t is not t0 and t.unit_dim == "time" and t0.unit_dim != "time":
            # “2:30” beside a 完成值 “2小时” or in a 三级指标 “响应时长（小时）”: a span typed as a time of day
            bound = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "="}.get(t.direction or "", "")
            want = f"{bound}{fmt(t.number)}{t.unit_text}"
            why = (f"实际完成值“{ind.actual}”以“{t.unit_text}”计" if a0.unit_dim == "time" and a0.unit == t.unit
                   else f"指标名称写明以“{t.unit_text}”计" if f"{t.unit_text}）" in ind.name or f"{t.unit_text})" in ind.name
                   else "指标是时长，实际完成值也用冒号写")
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}的年度指标值“{ind.target}”是用冒号写的时间，{why}，按时长 {fmt(t.number)} "
                      f"{t.unit_text}读，应写作“{want}”", expected=want, found=ind.target, severity="warning")
        elif t is not t0:     # read in the 完成值's unit: “≥1.2万” as 万人, “≥500元” as 元/人 — say what to write
            extra = (t.unit_text or "")[len(t0.unit_text or ""):]
            want = f"{(ind.target or '').strip()}{extra}"
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}的年度指标值“{ind.target}”没有写明“{extra}”，按实际完成值“{ind.actual}”读作"
                      f"“{want}”，应写作“{want}”", expected=want, found=ind.target, severity="warning")


@rule("C18", "error", "三级指标名称未填",
      """每一行指标都要写三级指标名称，照批复的绩效目标填写。只有指标值、分值或得分而没有名称的一行，
      看不出评的是什么，评审会退回；这一行若是多余的，连同它的分值和得分一并删去，再核对分值合计。""")
def name_present(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if is_unfilled(ind.name):
            yield unnamed_row(i, ind, (("年度指标值", ind.target), ("实际完成值", ind.actual)),
                              (("分值", ind.weight), ("得分", ind.score)), "按批复的绩效目标")


@rule("C2", "warning", "定量指标值没有写明方向",
      """定量的年度指标值应写明比较方向：正向用“≥”，反向（成本、时限、发生率）用“≤”，要求恰好
      相等的用“=”。只写“100%”“12 次”时，评分只能按“达到即满分”理解，超出或不足时如何计分不明确。
      写成区间的（“80%-90%”“3-5 个工作日”），评分只能按指标的性质取一端：正向取下限、反向取上限，
      区间内得满分；请写成一个值和方向。""")
def target_direction(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, _a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        # a ratio (“1:10” 师生比) is met by the same ratio only: “≥1:10” would say nothing more (``scoring``)
        if t.kind == "quantity" and t.direction is None and t.unit is not None and t.unit_dim != "proportion":
            if t.high is not None:     # “90%-95%”: a range, scored by one of its ends; say which one to keep
                want = f"≥{t.shown()}”或“≤{t.upper().shown()}"
            elif is_rate(t) and t.number is not None and abs(t.number - 100) < 1e-9:
                want = "=100%"       # a rate can be neither above 100% nor meant as a ceiling of it
            elif t.number == 0:
                want = f"={t.shown()}”或“≤{t.shown()}"     # nothing is below none: “≥0 起” always holds
            elif t.change is not None and t.high is None:
                # “较上年下降5%”: scored as a fall of at least 5 % — a rise of a 成本 or 能耗 as at most (the scorer's
                # guess, ``_ceiling_why``); the sign goes before the number (the last one: “较2021年下降5%”), the
                # words stay
                text = (ind.target or "").strip()
                at = [m.start() for m in re.finditer(r"\d+(?:\.\d+)?", text)][-1:] or [len(text)]
                ge, le = (text[:at[0]] + sign + text[at[0]:] for sign in ("≥", "≤"))
                size, why = said(t.change, t.unit_dim), _ceiling_why(ctx, i)
                scored, want, other, other_said = (("不超过", le, ge, "至少") if why else ("不低于", ge, le, "不得超过"))
                yield Hit(f"indicators[{i}].target",
                          f"{_name(ind)}的年度指标值“{ind.target}”没有比较方向（{why + '，' if why else ''}评分已按"
                          f"{size}{scored} {t.shown()} 计），应写作“{want}”；若{size}{other_said} {t.shown()}，"
                          f"写“{other}”", expected=want, found=ind.target, folds=_says_percent(t))
                continue
            elif (why := _ceiling_why(ctx, i)) is not None:
                # scored as a ceiling by the indicator's name or kind (“故障率”, 成本指标): say so, ≤ first
                yield Hit(f"indicators[{i}].target",
                          f"{_name(ind)}的年度指标值“{ind.target}”没有比较方向（{why}，评分已按上限计），应写作"
                          f"“≤{t.shown()}”；若是下限，写“≥{t.shown()}”", expected=f"≤{t.shown()}", found=ind.target,
                          folds=_says_percent(t))
                continue
            else:
                want = f"≥{t.shown()}”“≤{t.shown()}”或“={t.shown()}"
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}的年度指标值“{ind.target}”"
                      + ("是一个区间，评分要一个值和方向" if t.high is not None else "没有比较方向")
                      + f"，应写作“{want}”，否则无法判断多于或少于指标值时如何计分",
                      expected=want.replace("”“", "、").replace("”或“", " 或 "), found=ind.target,
                      folds=_says_percent(t))


def _ceiling_why(ctx: FormContext, i: int) -> str | None:
    """Why the scorer read indicator ``i``'s target, written with no direction, as a ceiling (“指标名称含“故障率””);
    None where it did not."""
    s = ctx.score.indicators[i] if i < len(ctx.score.indicators) else None
    return s.inferred if s is not None and s.inferred and s.direction == "le" else None


@rule("C3", "error", "实际完成值未填",
      """每个指标都要填写实际完成值：定量指标填实际达到的数值和单位，定性指标填实际达成情况的描述。
      没有完成的填实际数（如 0 人、0%），并在偏差原因分析中说明原因。""")
def actual_present(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (_t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if a.kind == "blank":
            yield Hit(f"indicators[{i}].actual", f"{_name(ind)}的实际完成值未填写，应填写实际达到的值，表中为空白",
                      expected="实际完成值", found=ind.actual)


@rule("C4", "error", "实际完成值写成了指标值（含 ≥ ≤ < >）",
      """实际完成值应是实际测得的一个数，如“96%”“14 人”，不能照抄年度指标值“≥95%”或写成一个范围
      “<20%”“90%-95%”——那样看不出实际完成了多少，评审会退回。数值前的“=”也应去掉。""")
def actual_is_bound(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (_t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if a.kind not in NUMERIC:
            continue
        word = _says_percent(a)
        if a.high is not None:
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值应为实际测得的一个数值（单位同指标值），表中为“{ind.actual}”，"
                      "是一个区间，看不出实际完成了多少", expected="具体数值", found=ind.actual, folds=word)
        elif a.stated_bound:
            unit = f"以“%”计，不写“{a.unit_text}”" if word else "单位同指标值"
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值应为实际测得的具体数值（不带 ≥ ≤ < >，{unit}），"
                      f"表中为“{ind.actual}”，是指标值的写法，看不出实际完成了多少",
                      expected="具体数值", found=ind.actual, folds=word)
        elif a.direction == "eq":
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值应直接写数值“{a.shown()}”，表中为“{ind.actual}”，请去掉“=”",
                      expected=a.shown(), found=ind.actual, severity="warning", folds=word)


@rule("C5", "error", "定量指标的实际完成值写成了文字",
      """定量指标（年度指标值是一个数）的实际完成值必须是同一单位的数值，不能只写“完成”“已完成”
      “按计划完成”或“未完成”：评审无法据此计算完成率和得分。请填写实际数，如“14 名”“100%”；
      时限指标（“≤3 月”“年底前”“每月 10 日前”）填实际完成的时间，如“2022年3月”“每月 8 日”；没有完成的
      填实际数（可以是 0）。""")
def text_actual(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if t.kind in NUMERIC and a.kind in TEXT_ACTUAL and t.is_point and t.number is not None:
            # a deadline (“年底前”, “每月 10 日前”) is met at a time: what to write is when, not “a number in 月”
            year = t.year or (ctx.form.year + t.later if ctx.form.year else None)     # “次年3月”: the year after
            when = f"{year}年{fmt(t.number)}月" if t.kind == "month" else t.shown()
            # not done, done in part or still under way (“正在实施”): when it was or will be done
            late = "；到期未完成的，写实际完成或预计完成的时间" if a.kind == "done_word" and a.done is not True else ""
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}是时限指标（指标值“{ind.target}”），实际完成值应写实际完成的时间（如“{when}”），"
                      f"表中为“{ind.actual}”{_time_said(ind.actual)}{late}", expected=f"完成时间（如“{when}”）",
                      found=ind.actual)
        elif t.kind in NUMERIC and a.kind in TEXT_ACTUAL and t.unit_dim == "proportion":
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的指标值是比例“{ind.target}”，实际完成值应为同样写法的比例（如“{t.shown()}”），"
                      f"表中为“{ind.actual}”{_time_said(ind.actual, t)}", expected=f"比例（如“{t.shown()}”）",
                      found=ind.actual)
        elif t.kind in NUMERIC and a.kind in TEXT_ACTUAL and (days := colon_days(t, ind.actual)) is not None:
            # “1:12” against “≤3天”: 1 天 12 小时 or 1 小时 12 分钟 — 1.5 天 or 0.05 天; no number is guessed
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值“{ind.actual}”是用冒号写的时长，指标值“{ind.target}”以“{t.unit_text}”计，"
                      f"看不出是 {days[0]}还是 {days[1]}，请直接写成数值和单位，如{days[2]}",
                      expected=f"数值和单位（如{days[2]}）", found=ind.actual)
        elif t.kind in NUMERIC and a.kind in TEXT_ACTUAL:
            unit = unit_to_write(t)
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}是定量指标（指标值“{ind.target}”），实际完成值应为一个以“{unit or '同一单位'}”"
                      f"计的数值，表中为“{ind.actual}”{_time_said(ind.actual, t)}",
                      expected=f"数值（{unit or '同指标值单位'}）", found=ind.actual)


def _time_said(actual: str | None, target: Value | None = None) -> str:
    """What a cell holding a time of day alone is (``core.dates.time_only``): an Excel time value, shown
    “12:00:00”, which was read as the number 12 — on time by “12 月”. Said, so that the 填报人 types the day.
    Against a ratio (“1:10” 师生比) it is a ratio typed into a cell not formatted as text that could be a time
    of day too (“2:30”, which ``reading.time_cells`` leaves a time): said how to type a ratio as text."""
    t = time_only(actual)
    if not t:
        return ""
    if target is not None and target.unit_dim == "proportion":
        h, m = (int(x) for x in t.split(":")[:2])
        return (f"：{TIME_CELL}，键入的比例“{h}:{m}”被当作时刻存成了时间；请键入 '{h}:{m}"
                f"（前面加英文单引号）或“{h}比{m}”，存为文字")
    return f"，{TIME_CELL}，不是日期也不是数值；请把单元格格式设为“常规”后重新填写"


@rule("C6", "error", "实际完成值与指标值的单位不一致",
      """实际完成值必须和年度指标值用同一类单位，才能比较：指标值是“=1 台”，完成值就应是台数，
      不能写“100%”；指标值是“≤3.5 万元”，完成值就应是金额。元与万元、天与月可以换算；
      人与人次、台与套这类不同计量单位请核对是否一致。""")
def unit_mismatch(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if t.kind not in NUMERIC or a.kind not in NUMERIC:
            continue
        ft, fa = family(t), family(a)
        if ft is None or fa is None or share_percent(t, a) is not None:   # a bare number is read in the target's
            continue                                                       # unit, “45/50人” as 90% (C15 asks for it)
        if ft != fa and (days := colon_days(a, ind.target)) is not None:
            # “1:12” against a 完成值 “1天”: which of the two the 指标值 is, not the 完成值's unit, is the question
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}的年度指标值“{ind.target}”是用冒号写的时长，看不出是 {days[0]}还是 {days[1]}"
                      f"（实际完成值“{ind.actual}”以“{a.unit_text}”计），请直接写成数值和单位，如{days[2]}",
                      expected=f"数值和单位（如{days[2]}）", found=ind.target)
        elif ft != fa:
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值应与指标值“{ind.target}”同单位（{unit_to_write(t)}），"
                      f"表中为“{ind.actual}”（{a.unit_text or a.unit}）",
                      expected=unit_to_write(t), found=ind.actual)
        elif ft == "count" and t.unit != a.unit:
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值单位应与指标值一致（{t.unit_text}），表中为“{ind.actual}”"
                      f"（{a.unit_text}），请核对是否同一计量单位",
                      expected=t.unit_text, found=ind.actual, severity="warning")
        elif (ft == "count" or ft in AMOUNT_DIMS or ft.startswith("money/")) and per_factor(a.per, t.per) is None:
            yield Hit(f"indicators[{i}].actual", f"{_name(ind)}的实际完成值应与指标值“{ind.target}”按同一期间计"
                      f"（{t.unit_text}），表中为“{ind.actual}”（{_period(a)}），无法比较",
                      expected=t.unit_text, found=ind.actual, severity="warning")


@rule("C7", "warning", "同一张表中指标名称重复",
      """同一项目的三级指标名称应各不相同，否则评审分不清哪一行评的是什么。若确是两个不同的指标
      （如两种设备的单价），请在名称中写明区别，如“电脑单价”“打印机单价”。""")
def duplicate_indicators(ctx: FormContext) -> Iterator[Hit]:
    first: dict[str, int] = {}
    for i, ind in enumerate(ctx.form.indicators):
        key = "".join(ind.name.split())
        if key in first:
            j = first[key]
            yield Hit(f"indicators[{i}].name",
                      f"指标名称应各不相同，表中第 {i + 1} 个指标“{ind.name}”与第 {j + 1} 个指标重名",
                      expected="在名称中写明区别", found=ind.name)
        else:
            first[key] = i


@rule("C8", "warning", "成本指标超过本项目全年预算数",
      """成本指标的金额（总成本上限）不应超过本项目的全年预算数，否则这个上限不起约束作用。这通常是从
      别的项目复制指标时忘了改数：请核对年度指标值是否是本项目的。""")
def cost_above_budget(ctx: FormContext) -> Iterator[Hit]:
    budget = ctx.form.funds.column("annual")   # THE budget of the form (the 其中 rows when the total is blank)
    if not budget:
        return
    for i, (ind, (t, _a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if "成本" not in ind.level2 or t.kind != "quantity" or t.unit_dim != "money" or t.number is None:
            continue
        if money_over(t.number, budget):
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}的成本指标值应不超过本项目全年预算数 {num(budget)} 万元，表中为“{ind.target}”"
                      f"{in_wan(ind.target, t.number)}，可能是从其他项目复制来的",
                      expected=f"≤{num(budget)} 万元", found=ind.target)


@rule("C9", "warning", "比率指标写成“≥100%”",
      """比率（合格率、及时率、覆盖率等）最高就是 100%，“≥100%”“>100%”实际只能是 100%，写法有歧义。
      请写成“=100%”，或按实际可达到的水平写“≥95%”。""")
def rate_over_100(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, _a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if is_rate(t) and t.direction in ("ge", "gt") and t.number is not None and abs(t.number - 100) < 1e-9:
            yield Hit(f"indicators[{i}].target",
                      f"{_name(ind)}是比率，不会超过 100%，指标值应写作“=100%”，表中为“{ind.target}”",
                      expected="=100%", found=ind.target, folds=_says_percent(t))


@rule("C10", "warning", "实际完成值中夹有文字",
      """实际完成值除数值和单位外还有文字（如“已正常使用 1 年”）时，评分只能猜测其中的数字，
      可能与填报人的本意不同。请只填数值和单位，说明性文字写到偏差原因分析栏。""")
def actual_with_words(ctx: FormContext) -> Iterator[Hit]:
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if a.kind not in NUMERIC or not words_to_check(a, t, ind.name):
            continue
        if a.extra_text:
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值应只写数值和单位（按 {a.shown()} 计），表中为“{ind.actual}”",
                      expected=a.shown(), found=ind.actual)
        else:     # “下降1%” against “≤2%”: how far it moved, where the target is the level to reach
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值“{ind.actual}”是与上年相比的变化，指标值“{ind.target}”是应达到的水平，"
                      f"请填写实际达到的水平（现按 {a.shown()} 计）", expected="实际达到的水平", found=ind.actual)


@rule("C11", "info", "实际完成值远超指标值",
      """正向指标的实际完成值达到指标值的 130% 以上，得满分，但说明指标值可能定得偏低。请在偏差原因
      分析中说明原因，并在下一年度设定绩效目标时适当提高。""")
def far_above(ctx: FormContext) -> Iterator[Hit]:
    # the scorer's completion, in the target's unit and period (“12次/年” against “≥1次/月” is 100 %, not 1200 %)
    limit = getattr(ctx.profile, "far_above", 1.3)
    for i, (ind, (t, a)) in enumerate(zip(ctx.form.indicators, values(ctx))):
        if t.kind != "quantity" or a.kind != "quantity" or t.direction not in ("ge", "gt"):
            continue
        ratio = ctx.score.indicators[i].completion
        if not t.number or ratio is None:
            continue
        if ratio >= limit - 1e-9:
            yield Hit(f"indicators[{i}].actual",
                      f"{_name(ind)}的实际完成值“{ind.actual}”是指标值“{ind.target}”的 {pct(ratio, places=0)}，"
                      f"超过 {pct(limit, places=0)}，指标值可能定得偏低，请在偏差原因分析中说明",
                      expected=f"< {pct(limit, places=0)} × 指标值", found=ind.actual)
