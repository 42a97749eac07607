"""Marks a careful reviewer makes that the other rules missed (issue 14, the recall self-audit).

Found by reading the 23 published 大厂 forms cell by cell as a 财政局 reviewer would:
a 总成本 ceiling copied from a small project onto a big one (23.json: ≤2 万元 on 23 万元), a blank
年初预算数 (20.json), a 效益 indicator that repeats an 产出 indicator word for word (21.json: 接种人次
under both), an indicator name that carries its own target (19.json: “全县参保人约 10 万人”), a count
as the “unit” of a count (18.json: “≥6 次数”), a count where a 时效 indicator needs a time
(01.json: 工资发放及时性 “12 次”, in H4), a 生态效益 indicator with nothing ecological in it (05.json:
建立标准, in H3).
All warnings: each is about how the targets were set, which a reviewer confirms.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...core.numbers import pct
from ...core.lazyre import lazy
from ...core.units import COUNTED, UNIT_WORDS
from ...core.values import parse_value
from . import FormContext, Hit, rule
from .agreement import total_in_wan, total_spending_flags
from .funds import MONEY_TOL, in_wan, num
from ...core.values import COUNT_WORDS, count_words
from .targets import values


@rule("A14", "warning", "总成本上限远低于全年预算数",
      """“总成本”“支出总额”这类指标的上限是整个项目的支出，应与本项目全年预算数相当。上限不到全年预算数的一半，
      项目的钱按指标根本花不完，通常是从别的（小）项目复制指标时忘了改数：请按本项目预算重新设定。""",
      group="agreement")
def total_ceiling_far_below_budget(ctx: FormContext) -> Iterator[Hit]:
    annual = total_in_wan(ctx)[2]    # a form typed in 元 in 万元: not “只有全年预算数 1200000 万元的 0%” (s68)
    pairs, flags = values(ctx), total_spending_flags(ctx)
    totals = [i for i in range(len(ctx.form.indicators)) if flags[i] and (pairs[i][0].unit_dim or "") == "money"]
    if not annual or len(totals) != 1:
        return      # two "总成本" rows are the costs of two parts (A10 says the same)
    i = totals[0]
    ind, t = ctx.form.indicators[i], pairs[i][0]
    if t.number is None or t.direction in ("ge", "gt"):
        return      # a floor is A13's
    if t.number < ctx.profile.cost_far_below * annual - MONEY_TOL:   # rule settings: 阈值 成本上限过低
        yield Hit(f"indicators[{i}].target",
                  f"指标“{ind.name}”是整个项目的支出上限，指标值“{ind.target}”{in_wan(ind.target, t.number)}只有本项目全年预算数 "
                  f"{num(annual)} 万元的 {pct(t.number / annual, places=0)}，可能是从其他项目复制来的",
                  expected=f"≤{num(annual)} 万元", found=ind.target)


@rule("A15", "warning", "年初预算数未填",
      """年初预算数、全年预算数、全年执行数三列都要填：年初没有安排预算、年中追加或下达的资金，年初预算数填 0。
      空白时看不出资金是年初安排还是年中追加，汇总表的年初预算合计也会少算。""", group="funds")
def initial_blank(ctx: FormContext) -> Iterator[Hit]:
    f = ctx.form.funds
    if f.column("initial") is None and f.column("annual") is not None:
        yield Hit("funds.total.initial",
                  f"年度资金总额的年初预算数未填写（全年预算数为 {num(f.column('annual'))} 万元）；年初没有预算的应填 0",
                  expected="年初预算数（年初没有预算的填 0）", found=None)


def _count(t) -> bool:
    return t.kind == "quantity" and (t.unit_dim or "").startswith("count") and t.number is not None


@rule("H6", "warning", "效益指标照搬产出指标",
      """效益指标说明项目产生的效果（如 覆盖率提高、负担减轻），不应把产出指标的数量原样再写一遍：同一数量既算产出
      又算效益，效益就没有被考核。请按项目的实际效果设定效益指标。""", group="headers")
def benefit_repeats_output(ctx: FormContext) -> Iterator[Hit]:
    inds, pairs = ctx.form.indicators, values(ctx)
    outputs = [(j, pairs[j][0]) for j, ind in enumerate(inds) if "产出" in (ind.level1 or "") and _count(pairs[j][0])]
    for i, ind in enumerate(inds):
        t = pairs[i][0]
        if "效益" not in (ind.level1 or "") or not _count(t):
            continue
        same = next((j for j, o in outputs if o.unit == t.unit and o.per == t.per
                     and abs((o.number or 0) - (t.number or 0)) < 1e-9), None)
        if same is not None:
            out = inds[same]
            yield Hit(f"indicators[{i}].name",
                      f"效益指标“{ind.name}”（{ind.target}）与产出指标“{out.name}”（{out.target}）是同一个数量，"
                      "没有说明项目产生的效益", expected="按项目的实际效果设定效益指标", found=ind.name)


# the value a name holds ends at its unit: “覆盖18个乡镇” holds “18个”, and “覆盖乡镇” is the name to write (a counted
# noun is the name's, ``units.COUNTED``; with them the pattern took 1.8 ms to compile, now only where a name has a digit)
_UNIT_ALT = "|".join(re.escape(u) for u in UNIT_WORDS if u not in COUNTED)
_DIGIT = re.compile(r"\d")
_VALUE_IN_NAME = lazy(rf"(?:约|共|达到?|不少于|不低于|不超过|[≥≤><]=?)?\s*\d+(?:\.\d+)?\s*(?:万|千|亿)?\s*(?:{_UNIT_ALT})")


@rule("H7", "warning", "三级指标名称中写了指标值",
      """三级指标名称写考核的内容（如“参保人数”），数值写在年度指标值中（如“≥10 万人”）。名称里带着数（“全县参保人约
      10 万人”），实际完成值与指标值无从对应，汇总和下一年度设定目标时也会照抄这个数。""", group="headers")
def value_in_name(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        name = ind.name or ""
        if not _DIGIT.search(name):
            continue     # every match has a digit: most names have none (issue #18)
        for m in _VALUE_IN_NAME.finditer(name):
            if name[:m.start()].endswith("第"):
                continue     # 第 2 批次, 第 3 期: an ordinal, not a value
            v = parse_value(m.group(0))
            dim = v.unit_dim or ""
            if v.kind == "quantity" and (dim.startswith("count") or dim.startswith("money")):
                # the name without the value is what to type (the notice quotes an 应为 as the cell's
                # content: “不含数值的名称（如…）” read as the text to write); none left: what to do
                bare = (name[:m.start()] + name[m.end():]).strip()
                yield Hit(f"indicators[{i}].name",
                          f"三级指标名称“{name}”中写了数值“{m.group(0).strip()}”，数值应写在年度指标值中"
                          + (f"，名称可改为“{bare}”" if bare else ""),
                          expected=bare or "按考核内容填写不含数值的名称", found=name)
                break


_COUNT_WORD_ENDS = tuple({w[-1] for w in COUNT_WORDS})  # a text ending otherwise cannot match (issue #18)


@rule("C17", "warning", "用“次数”“人数”作单位",
      """“次数”“人数”是指标的名称，不是计量单位：写“≥6 次”“≥105 人”，不要写“≥6 次数”“≥105 人数”。""",
      group="units")
def count_word_unit(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        for key, raw in (("target", ind.target), ("actual", ind.actual)):
            want = count_words(raw) if raw and raw.rstrip().endswith(_COUNT_WORD_ENDS) else raw
            if want != raw:
                word = next(w for w in sorted(COUNT_WORDS, key=len, reverse=True) if (raw or "").rstrip().endswith(w))
                yield Hit(f"indicators[{i}].{key}",
                          f"指标“{ind.name}”的{'年度指标值' if key == 'target' else '实际完成值'}“{raw}”用“{word}”"
                          f"作单位，应写作“{want}”", expected=want, found=raw)
