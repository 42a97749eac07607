"""V — 项目支出绩效评价表.

Rules for the evaluation form only (``form_type="evaluation"``): the runner gives them an
``EvalContext`` and never a form of another kind. They redo what a reviewer of a
published 绩效评价报告 redoes on its 评价指标体系: the 分值 add up (三级 to 100, each 一级
and 二级 to its 三级), no 得分 exceeds its 分值, every deduction has its 扣分原因, the
总计 and 等级 are right, and a report that deducted points says what the problems are and
what to do about them.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Iterator

from .model import LEVEL1, EvalForm
from .scoring import BANDS, level_groups, reviewed_scores, score_eval_form
from ...core.numbers import fmt as num, is_unfilled, money_over, says_nothing, score_text, yuan_in_wan
from ...core.findings import Finding
from ...checking.rules import Hit, Rule, table, unnamed_row
from ...checking.rules.table import TableContext
from ...checking.rules import rule as _rule
from ...checking.rules.variants import _variant
from ...core.numbers import score_above, scores_apart
from ...checking.rules.funds import NOT_NEGATIVE, in_yuan, negative_money, rounded, shown, times_of
from ...core.nameyear import NAME_YEAR_RULE, name_year
from ...core.dates import BLANK_DATE_WHEN, date_slip
from ...core.quotes import quoted_series

__all__ = ["EVAL", "EvalContext", "check_forms"]

rule = partial(_rule, group="evaluation")
EVAL = "evaluation"


EvalContext = TableContext  # the form, its score, its source


@rule("V1", "error", "分值合计不等于 100",
      """项目支出绩效评价指标体系的分值合计为 100 分：全部三级指标的分值之和、决策/过程/产出/效益四个
      一级指标的分值之和都应为 100。请按评价方案核对各指标分值。""", form_type=EVAL)
def eval_weights_100(ctx: EvalContext) -> Iterator[Hit]:
    ws = [i.weight for i in ctx.form.indicators]
    if ws and None not in ws:
        total = sum(w for w in ws if w is not None)
        if scores_apart(total, 100):
            yield Hit("total_weight", f"三级指标分值合计应为 100 分，表中各指标分值之和为 {score_text(total)}"
                      + table.three_off_said(table.three_off(ctx.form.indicators, ctx.form.level1_weights)),
                      expected=100, found=rounded(total))
    declared = [ctx.form.level1_weights.get(name) for name, _idx in level_groups(ctx.form, "level1")]
    if declared and None not in declared:
        s1 = sum(w for w in declared if w is not None)
        if scores_apart(s1, 100):
            first = ctx.form.indicators[0].level1
            yield Hit(f"level1_weights.{first}", f"一级指标分值合计应为 100 分，表中为 {score_text(s1)}",
                      expected=100, found=rounded(s1))


def _level_off(form: EvalForm, level: str) -> Iterator[tuple[str, list[int], float | int, float]]:
    """Each 一级 (``level="level1"``) or 二级 block whose 分值 as written is not the sum of its 三级: name, its
    rows, 分值, sum."""
    declared = form.level1_weights if level == "level1" else form.level2_weights
    for name, idx in level_groups(form, level):
        w = declared.get(name)
        ws = [form.indicators[i].weight for i in idx]
        if w is None or None in ws:
            continue
        s = sum(x for x in ws if x is not None)
        if scores_apart(w, s):
            yield name, idx, w, s


def _level_check(form: EvalForm, level: str, zh: str) -> Iterator[Hit]:
    off = table.three_off(form.indicators, form.level1_weights)
    raised = table.raised_rows(form.indicators, form.level1_weights, form.level2_weights)
    # a raised row whose 二级 has its V3 is named there in full; V2 points at it
    told = table.raised_told(form.indicators, raised, [idx for _n, idx, _w, _s in _level_off(form, "level2")]
                             ) if level == "level1" else {}
    for name, idx, w, s in _level_off(form, level):
        yield table.weight_sum_hit(f"{level}_weights.{name}", zh, name, w, s,
                                   form.indicators[idx[0]].level1 in off,
                                   [form.indicators[i] for i in idx if i in raised and i not in told],
                                   [(form.indicators[i], told[i]) for i in idx if i in told])


@rule("V2", "error", "一级指标的分值与其三级指标分值之和不符",
      """一级指标（决策、过程、产出、效益）栏写的分值，必须等于它下面全部三级指标分值之和。常见原因是
      调整了某个三级指标的分值而没有相应修改一级指标的分值。""", form_type=EVAL)
def eval_level1_sums(ctx: EvalContext) -> Iterator[Hit]:
    yield from _level_check(ctx.form, "level1", "一级")


@rule("V3", "error", "二级指标的分值与其三级指标分值之和不符",
      """二级指标（如绩效目标、决策过程、项目资金、项目实施、项目产出、项目效果）栏写的分值，必须等于它
      下面全部三级指标分值之和。请核对二级指标的分值和其下各三级指标的分值。""", form_type=EVAL)
def eval_level2_sums(ctx: EvalContext) -> Iterator[Hit]:
    yield from _level_check(ctx.form, "level2", "二级")


@rule("V4", "error", "总计行的分值与各项分值之和不符",
      """总计行的“分值”应等于全部三级指标分值之和（正确的表为 100）。不要手填 100：先把各项分值改对，
      模板中的公式会自动合计。""", form_type=EVAL)
def eval_total_weight(ctx: EvalContext) -> Iterator[Hit]:
    ws = [i.weight for i in ctx.form.indicators]
    tw = ctx.form.total_weight
    if tw is None or not ws or None in ws:
        return
    s = sum(w for w in ws if w is not None)
    if scores_apart(tw, s):
        yield Hit("total_weight", f"总计行的分值应为各指标分值之和 {score_text(s)}，表中为 {score_text(tw)}",
                  expected=rounded(s), found=shown(tw))


@rule("V5", "error", "分值或得分未填",
      """每个三级指标都必须填写分值和得分，否则综合得分无从计算。没有得分的填 0，并写明扣分原因。总计行的分值或
      得分格被清空（单元格中既没有公式也没有数字）时，表上显示空白，等级公式也不再评定，也报此条，写明应为多少：
      请填入，或从模板复制公式。""",
      form_type=EVAL)
def eval_blank(ctx: EvalContext) -> Iterator[Hit]:
    yield from table.blank_hits(ctx.form.indicators)
    # the 总计 row's 分值 and 得分 cleared by hand: blank on the sheet, and nothing fills them (s68, as A4)
    yield from table.cleared_hits(ctx.extra.get("cleared") or (), {
        "total_weight": ("总计行的分值", table.written_sum(i.weight for i in ctx.form.indicators)),
        "total_score": ("总计得分", table.written_sum(i.score for i in ctx.form.indicators))})


@rule("V6", "error", "得分超出 0 至分值的范围",
      """每个三级指标的得分最低 0 分、最高等于其分值：扣分扣完为止，超额完成也不加分。请按评分标准改正
      得分，并相应修改总计。""", form_type=EVAL)
def eval_score_range(ctx: EvalContext) -> Iterator[Hit]:
    yield from table.range_hits(ctx.form.indicators)


@rule("V7", "error", "扣分的指标没有写扣分原因",
      """得分低于分值的指标，必须在“扣分原因”栏写明扣分的具体原因（哪一项没有达到、差多少），否则
      被评价单位无从整改，评审也无法判断扣分是否合理。只写“无”“/”“暂无”的，与空白相同。三级指标的分值填高了（一级指标
      分值未变、得分仍是原分值，V2/V3 要求调低分值并写明是哪一行）时，这一差额不算扣分，不要求写扣分原因；认不出是哪一行（有两行正好少了多出的分值）时照常要求。""", form_type=EVAL)
def eval_missing_reason(ctx: EvalContext) -> Iterator[Hit]:
    yield from table.reason_hits(ctx.form.indicators, level1_weights=ctx.form.level1_weights,
                                 level2_weights=ctx.form.level2_weights)


def _total_formula(it: Any, kind: Any) -> bool:
    """The 总计 cell of a form of ours holds the template's formula (``forms.sums.holds_formula``)."""
    from ..sums import holds_formula

    return holds_formula(it.file, it.sheet, kind.cell_of(it, "total_score"))


@rule("V8", "error", "总计得分与各项得分之和不符",
      """综合得分（总计行的得分）= 全部三级指标得分之和。请按各项得分重新合计；某项得分改了，总计也要
      跟着改。某项得分超过分值时，总计得分格写明按分值改正后的总计，与汇总表“项目评价”的复核综合得分相同。总计得分格是本模板的公式时，改正各项得分（写成文字的改为数字）即可，总计随之自动重新合计，不要在总计得分格中键入数字。""", form_type=EVAL)
def eval_total(ctx: EvalContext) -> Iterator[Hit]:
    yield from table.corrected_total_hits(ctx.form.total_score, ctx.form.indicators, reviewed_scores(ctx.form),
                                          ctx.score.total, "总计得分", ctx.form.grade, BANDS,
                                          ctx.extra.get("text_scores") or (), ctx.extra.get("total_formula"),
                                          ctx.extra.get("cell"))


@rule("V9", "error", "等级与综合得分不符",
      """等级按综合得分评定：90 分（含）以上为优，80（含）–90 分为良，60（含）–80 分为中，60 分以下为差。
      请按综合得分改正等级。总计得分本身有误（V8）时，等级按改正后的综合得分核对：与它相符的等级不报，
      随总计得分一起改变的等级写在总计得分格上。等级格被清空（既没有公式也没有等级）时，写明应为哪一等级：
      请填入，或从模板复制公式。""", form_type=EVAL)
def eval_grade(ctx: EvalContext) -> Iterator[Hit]:
    total = ctx.form.total_score if ctx.form.total_score is not None else ctx.score.total
    yield from table.grade_hits(ctx.form.grade, total, "综合得分", BANDS, corrected=ctx.score.total)
    yield from table.cleared_grade_hits(ctx.form, ctx.extra.get("cleared") or (), BANDS)


def _says_nothing(text: str | None) -> bool:
    return says_nothing(text)


def _said(text: str | None) -> str:
    t = (text or "").strip()
    return f"写“{t}”" if t else "为空白"


def _deducted(ctx: EvalContext) -> list[str]:
    return [f"{i.name}（扣 {score_text(i.weight - i.score)}）" for i in ctx.form.indicators
            if i.weight is not None and i.score is not None and score_above(i.weight, i.score)]


@rule("V10", "warning", "扣了分，却没有列出存在的问题",
      """评价扣了分，说明项目在这些方面存在问题；评价报告的“存在的问题”应逐项写明，与扣分的指标对应。
      写“无”或留空，等于说扣分没有依据，被评价单位也无从整改。""", form_type=EVAL)
def eval_no_problems(ctx: EvalContext) -> Iterator[Hit]:
    lost = _deducted(ctx)
    if lost and _says_nothing(ctx.form.problems):
        yield Hit("problems", f"共扣 {score_text(ctx.score.deducted)}（{'、'.join(lost)}），“存在的问题”却"
                  f"{_said(ctx.form.problems)}", expected="存在的问题", found=ctx.form.problems)


@rule("V11", "warning", "扣了分，却没有提出建议",
      """评价扣了分，报告的“有关建议”应针对存在的问题提出改进措施。写“无”或留空，评价就失去了促进
      整改的作用。""", form_type=EVAL)
def eval_no_suggestions(ctx: EvalContext) -> Iterator[Hit]:
    lost = _deducted(ctx)
    if lost and _says_nothing(ctx.form.suggestions):
        yield Hit("suggestions", f"共扣 {score_text(ctx.score.deducted)}，“有关建议”却{_said(ctx.form.suggestions)}",
                  expected="写明针对扣分问题的改进建议", found=ctx.form.suggestions)


@rule("V12", "warning", "一级指标不是决策、过程、产出、效益",
      """项目支出绩效评价指标体系的一级指标为决策、过程、产出、效益四项（财预〔2020〕10号 框架）。缺少
      其中一项，或写成了别的名称，评价就不完整，也无法与其他项目比较。""", form_type=EVAL)
def eval_level1_names(ctx: EvalContext) -> Iterator[Hit]:
    names = [name for name, _idx in level_groups(ctx.form, "level1")]
    if not names:
        return
    for key in LEVEL1:
        if not any(key in n for n in names):
            yield Hit("indicators", f"缺少一级指标“{key}”", expected=key, found="、".join(names))


def _area_words(ind: Any) -> set[str]:
    """Words that show a problem text is about this indicator's area: its 一级 (without 项目), 二级 and
    三级 names, and the tail of a long 三级 name (“服务对象满意度” → “满意度”)."""
    words = {ind.level1.replace("项目", ""), ind.level2, ind.name}
    if len(ind.name) >= 4:
        words.add(ind.name[-3:])
    return {w for w in words if len(w) >= 2}


RUN = 4   # characters of a 扣分原因 a problem list restating it shares (“部分资金拨付滞后” → “资金拨付”)


def _runs(text: str | None) -> set[str]:
    """Every run of ``RUN`` characters (letters, digits, 汉字) inside one phrase of ``text``: not across
    its punctuation, so “监控不到位；资金” gives no run of both phrases."""
    phrases = "".join(ch if ch.isalnum() else " " for ch in (text or "")).split()
    return {p[k:k + RUN] for p in phrases for k in range(len(p) - RUN + 1)}


def _told_areas(problems: str, areas: dict[str, list[Any]]) -> list[str]:
    """The areas (一级指标) ``problems`` speaks of: an indicator's name words (``_area_words``), or a
    run of one of its 扣分原因 (``_runs``; what “存在的问题” is mostly made of: “监控不到位”, “资金拨付
    滞后”) — not a run every area's reasons share (“未完全达到评分标准” written under each deduction)."""
    text = "".join(problems.split())
    runs = {a: set().union(*(_runs(i.reason) for i in inds)) for a, inds in areas.items()}
    common = set.intersection(*runs.values()) if len(runs) > 1 else set()
    return [a for a, inds in areas.items()
            if any(w in text for i in inds for w in _area_words(i)) or any(r in text for r in runs[a] - common)]


@rule("V13", "warning", "“存在的问题”没有涉及大部分扣分的方面",
      """扣分分布在决策、过程、产出、效益的几个方面，“存在的问题”却只写了其中一个方面（如只写“规范绩效目标填报”）：
      其余扣分没有对应的问题，被评价单位无从整改。请按扣分的指标逐方面写明存在的问题。写到了某方面扣分指标的名称，
      或复述了它的扣分原因（“资金拨付滞后”），就算涉及了这个方面。""", form_type=EVAL)
def eval_problems_cover_deductions(ctx: EvalContext) -> Iterator[Hit]:
    if _says_nothing(ctx.form.problems):
        return      # nothing at all is V10's
    areas: dict[str, list[Any]] = {}
    for i in ctx.form.indicators:
        if i.weight is not None and i.score is not None and score_above(i.weight, i.score):
            areas.setdefault(i.level1, []).append(i)
    # a row whose 一级指标 is blank is no aspect of its own (a row inserted right under the header, its names not
    # typed): it neither makes up the three aspects nor is one “存在的问题” leaves out; the message names it apart
    blank_rows = areas.pop("", [])
    told = _told_areas(ctx.form.problems or "", areas)
    if len(areas) >= 3 and len(told) <= 1:
        blank = _blank_level1(ctx, blank_rows)
        missing = [a for a in areas if a not in told]
        yield Hit("problems", f"扣分涉及{'、'.join(areas)} {len(areas)} 个方面" + (f"（另有{blank[0]}）" if blank else "")
                  + f"，“存在的问题”只写了“{ctx.form.problems}”，没有涉及{'、'.join(missing)}"
                  + (f"。{blank[2]}" if blank else ""),
                  expected=f"逐方面写明存在的问题（{'、'.join(missing)}）" + (f"，填写{blank[1]}的一级指标" if blank else ""),
                  found=ctx.form.problems)


def _blank_level1(ctx: EvalContext, inds: list[Any]) -> tuple[str, str, str] | None:
    """How V13 names the deductions on rows whose 一级指标 is blank (no aspect: read as “”), and
    what to fill there: “一级指标空白的第 8 行（“目标明确性”）”, “第 8 行”, and the 一级指标 to write in its cell — the
    name just above or below it on the sheet, whose merged cell does not take the row in (a row inserted right
    under the header, or under a group's last row: it looks like that group's, and is read as none); None
    where there is none. Why: V13 said “扣分涉及、项目决策…”, an empty aspect the 填报人 could not find on the
    sheet, and nothing to fill."""
    if not inds:
        return None
    at = ctx.extra.get("cell")
    form = ctx.form.indicators
    rows: list[str] = []
    cells: list[str] = []
    near: list[tuple[str, str]] = []
    for ind in inds:
        i = next(k for k, x in enumerate(form) if x is ind)
        cell = at(f"indicators[{i}].level1") if at is not None else None
        row = "".join(ch for ch in cell or "" if ch.isdigit())
        rows.append(f"第 {row} 行" if row else f"第 {i + 1} 个指标")
        cells.append(cell or "一级指标栏")
        for k, where in ((i - 1, "上方"), (i + 1, "下方")):
            name = form[k].level1 if 0 <= k < len(form) else None
            if not is_unfilled(name) and all(name != n for _w, n in near):
                near.append((where, str(name)))
    where = "、".join(dict.fromkeys(rows))
    named = quoted_series(ind.name for ind in inds if not is_unfilled(ind.name))
    label = f"一级指标空白的{where}" + (f"（{named}）" if named else "")
    fill = "、".join(dict.fromkeys(cells))
    if near:
        said = "或".join(f"{w}的“{n}”" for w, n in near)
        ask = f"{where}的一级指标空白，不属于任何一级指标：它若属于{said}，请在 {fill} 填写这个名称，否则填写它所属的一级指标"
    else:
        ask = f"{where}的一级指标空白，不属于任何一级指标：请在 {fill} 填写它所属的一级指标"
    return label, where, ask


@rule("V14", "warning", "项目名称中的年份与表的年度不同", NAME_YEAR_RULE, form_type=EVAL)
def eval_name_year(ctx: EvalContext) -> Iterator[Hit]:
    name = ctx.form.project
    if not name or "年" not in name:
        return
    said = name_year(name, ctx.form.year, ctx.extra.get("cell"), "评价")
    if said is not None:
        yield Hit("project", *said)


@rule("V17", "error", "三级指标名称未填",
      """每一行指标都要写三级指标名称，照评价方案的指标体系填写。只有评分标准、分值或得分而没有名称的一行，看不出
      评的是什么；这一行若是多余的，连同它的分值和得分一并删去，再核对一级、二级指标的分值。""", form_type=EVAL)
def eval_unnamed(ctx: EvalContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if is_unfilled(ind.name):
            yield unnamed_row(i, ind, (), (("分值", ind.weight), ("得分", ind.score)),
                              "按评价方案的指标体系")


@rule("V15", "error", "支出数大于预算数",
      """支出数不能超过预算数：超支部分没有预算依据，预算执行率也不会超过 100%。请核对支出数是否多计
      （如含了其他项目的支出），或预算数是否漏填了年中追加。""", form_type=EVAL)
def eval_overspent(ctx: EvalContext) -> Iterator[Hit]:
    budget, executed = ctx.form.budget, ctx.form.executed
    if budget is not None and executed is not None and budget >= 0 and money_over(executed, budget) \
            and not yuan_in_wan(executed, budget):     # a 支出数 in 元 is V16's, a 预算数 below 0 V18's
        yield Hit("executed", f"支出数应不超过预算数 {num(budget)} 万元，表中为 {num(executed)} 万元",
                  expected=rounded(budget), found=rounded(executed))


@rule("V18", "error", "预算数或支出数为负数",
      """预算数、支出数都不能为负数：负的支出数使预算执行率成为负数，执行率得分和总分随之有误。收回、冲减的
      资金应从支出数中减去后填写结果；没有资金的填 0。""", form_type=EVAL)
def eval_negative(ctx: EvalContext) -> Iterator[Hit]:
    for path, zh in (("budget", "预算数"), ("executed", "支出数")):
        v = getattr(ctx.form, path)
        if v is not None and v < 0:
            yield Hit(path, negative_money(zh, v, "支出数"), expected=NOT_NEGATIVE, found=rounded(v))


@rule("V16", "warning", "预算数或支出数像是以元填写",
      """预算数、支出数以万元计。一个是另一个的上千倍、除以一万后又与之相当时，多半是把元数填进了万元栏：
      预算执行率和汇总的金额随之出错。请换算为万元（÷10000）后填写。""", form_type=EVAL)
def eval_in_yuan(ctx: EvalContext) -> Iterator[Hit]:
    budget, executed = ctx.form.budget, ctx.form.executed
    if budget is None or executed is None:
        return
    for path, zh, value, other, other_zh in (("budget", "预算数", budget, executed, "支出数"),
                                             ("executed", "支出数", executed, budget, "预算数")):
        if yuan_in_wan(value, other):
            yield Hit(path, in_yuan(zh, value, times_of(other_zh, other, value)),
                      expected=rounded(value / 10000, 6), found=rounded(value))


@rule("V19", "warning", "实施单位未填写",
      """评价表的实施单位是被评价项目的承担单位：财政局复核时按它把表归到单位（台账、退回修改通知），汇总的
      “项目评价”表也按它列示。空白的表复核时归入“未能识别单位”，退回修改通知无处可发。请照预算批复填写实施单位名称。""",
      form_type=EVAL)
def eval_no_unit(ctx: EvalContext) -> Iterator[Hit]:
    if is_unfilled(ctx.form.unit):
        authority = None if is_unfilled(ctx.form.authority) else (ctx.form.authority or "").strip()
        yield Hit("unit", "实施单位未填写" + ("，主管部门也未填写，看不出是哪个单位的表" if authority is None else ""),
                  expected=f"填写实施单位名称（主管部门“{authority}”下承担这个项目的单位）" if authority
                  else "填写实施单位名称", found=ctx.form.unit)


def _filled(v: str | None) -> str | None:
    """A header cell's text, or None where it says nothing (blank, “/”, “无”: ``is_unfilled``)."""
    return None if is_unfilled(v) else (v or "").strip()


@rule("V20", "warning", "主管部门未填写",
      """评价表的主管部门是被评价项目所属的主管部门：汇总、复核按主管部门分部门统计（--by 主管部门），空白的表
      不计入任何部门。请照预算批复填写主管部门名称（实施单位本身是一级预算单位的，填它自己）。""", form_type=EVAL)
def eval_no_authority(ctx: EvalContext) -> Iterator[Hit]:
    if _filled(ctx.form.authority) is None:
        unit = _filled(ctx.form.unit)
        yield Hit("authority", "主管部门未填写",
                  expected=f"填写主管部门名称（如实施单位“{unit}”的主管部门）" if unit else "填写主管部门名称",
                  found=ctx.form.authority)


@rule("V21", "warning", "评价机构未填写",
      """评价表要写明由谁评价：委托第三方的写机构全称，部门自行组织的写评价工作组（如“××局绩效评价工作组”）。
      空白时看不出评价结论出自谁，财政局抽查评价质量时也无从追溯。""", form_type=EVAL)
def eval_no_evaluator(ctx: EvalContext) -> Iterator[Hit]:
    if _filled(ctx.form.evaluator) is None:
        yield Hit("evaluator", "评价机构未填写",
                  expected="填写评价机构名称（第三方机构全称，或自行评价的评价工作组）", found=ctx.form.evaluator)


@rule("V22", "warning", "报告日期有误",
      """报告日期是评价报告出具的日期，表示这张表与哪一份评价报告对应，也说明评价是在预算年度结束之后做的。
      请填写评价报告的出具日期，如 2024年3月15日。日历上没有的日期（2024年2月30日、2024.13.1）、早于评价年度
      或晚于评价年度两年以上的日期多半是笔误（年份、月份写错），请按评价报告核对。""", form_type=EVAL)
def eval_no_report_date(ctx: EvalContext) -> Iterator[Hit]:
    written, year = ctx.form.report_date, ctx.form.year
    like = f"{year + 1}年3月15日" if year else "2024年3月15日"
    if _filled(written) is None:   # a hint while the form is being filled (V23), a warning in review
        yield Hit("report_date", f"报告日期未填写，{BLANK_DATE_WHEN}请填写评价报告的出具日期（如 {like}）",
                  expected=f"填写评价报告的出具日期（如 {like}）", found=written, severity="info")
        return
    # one judgement of the day for every form's dates (``core.dates.date_slip``); an evaluation report may be
    # dated in the year it evaluates (a project evaluated when it ends), so only a day before it or years after
    text, slip = str(written).strip(), date_slip(written, year)
    if slip is None:
        return
    if slip.kind == "no_day":
        # the documents leave such a day 【待填写】 (``core.dates.impossible_date``): no day to print or to file by
        yield Hit("report_date", f"报告日期“{text}”不是日历上有的日期，请按评价报告的出具日期填写（如 {like}）",
                  expected=f"评价报告的出具日期（如 {like}）", found=written)
    elif slip.kind == "before":
        yield Hit("report_date", f"报告日期“{text}”早于评价年度 {year} 年：评价的是 {year} 年度的预算执行，报告不会在这一年"
                  "之前出具，请核对报告日期和评价年度（多半是年份写错）", expected=f"评价报告的出具日期（如 {like}）",
                  found=written)
    elif slip.kind == "late" and slip.day is not None:
        yield Hit("report_date", f"报告日期“{text}”比评价年度 {year} 年晚了 {slip.day.year - year} 年，评价一般在年度结束后的"
                  "次年完成，请核对报告日期和评价年度（多半是年份写错）", expected=f"评价报告的出具日期（如 {like}）",
                  found=written)


_variant("V22", "info", "V23", "evaluation", "报告日期未填写",
         """报告日期在评价报告出具后填写，表示这张表与哪一份评价报告对应。填表过程中校验只作提示；定稿时列出仍未
         填写的表；财政局复核（jixiao review）收到的表没有报告日期的，按警告列出。""", form_type=EVAL)


# --------------------------------------------------------------------------------------
# the runner's part for evaluation forms
# --------------------------------------------------------------------------------------

def check_forms(items: list[Any], profile: Any = None,
                catalogue: dict[str, Rule] | None = None) -> list[tuple[Any, list[Finding]]]:
    """(score, findings of the V rules) per evaluation form (``sources.Loaded`` items); the
    scores are the written points, not a profile's."""
    from .. import by_key

    kind = by_key(EVAL)
    # where a field sits, looked up only when a rule asks (V14 names the 年度's cell)
    # the scores written as text, which the form's 总计 formula leaves out (V8), as the other forms' totals say
    return table.check_kind(items, EVAL, lambda it: EvalContext(it.form, score_eval_form(it.form), it.source,
                                                                {"cell": partial(kind.cell_of, it),
                                                                 "text_scores": table.indicator_text_scores(it, kind),
                                                                 # the 总计 cell holds the template's formula (V8)
                                                                 "total_formula": partial(_total_formula, it, kind),
                                                                 # the 总计 row's cells cleared by hand (V5, V9)
                                                                 "cleared": table.cleared_totals(it, kind)}),
                            lambda form: form.project, catalogue)
