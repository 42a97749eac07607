"""F — 部门整体支出绩效自评表.

Rules for the department form only (``form_type="department"``): the runner gives them a
``DeptContext`` and never a project form, and gives project rules never a department
form. What they check is what a finance-bureau reviewer redoes on a department's form:
分值 add up (to 100, and per 一级/二级 to what the form says), each 得分 lies within its
分值 and follows its 评分标准 where that is a formula on the department's figures, every
deduction has its 扣分原因, the 评分标准 texts leave no value without points, 总分
and 等级 are right, and the form's dates are days after the year it evaluates (F20).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .model import LEVEL1_SPLIT, DeptForm
from .scoring import (DATA_LABELS, MEASURES, DeptScore, formula_inputs, formula_score, iter_formula_indicators,
                            missing_inputs, score_dept_form, whole_percent)
from .shown import regraded
from .text import describe, full_marks, gaps, overlaps, parse_bands
from .text import limit as text_limit, per_item as text_per_item, per_point as text_per_point
from .text import thresholds as text_thresholds
from ...core.dates import date_blank_said, self_eval_date_said
from ...core.findings import Finding
from ...core.grades import DEFAULT_BANDS
from ...core import fieldpath
from functools import partial

from ...checking.rules import Hit, table, unnamed_row
from ...checking.rules.table import TableContext
from ...checking.rules import rule as _rule
from ...checking.rules.variants import _variant

rule = partial(_rule, group="dept")  # the F group keeps its name in ``jixiao rules --json``
from ...core.numbers import pct as pct_text
from ...core.numbers import score_text, scores_apart
from ...checking.rules.funds import in_yuan, money_apart, money_over, num, rounded, shown, times_of
from ...core.numbers import YUAN_LEAST, is_unfilled, yuan_in_wan
from ...core.quotes import quoted_series

__all__ = ["DeptContext", "check_forms"]

DEPT = "department"


DeptContext = TableContext  # the form, its score, its source


def _weights(form: DeptForm) -> list[float] | None:
    ws = [i.weight for i in form.indicators if i.weight is not None]
    return ws if len(ws) == len(form.indicators) else None


def _canonical(level1: str) -> str | None:
    for key in LEVEL1_SPLIT:
        if key in (level1 or ""):
            return key
    return None


@rule("F1", "error", "分值合计不等于 100",
      """部门整体支出绩效自评表全部三级指标的分值之和必须等于 100（投入、过程、产出、效果四个一级指标
      合计）。请按本地评分办法调整各指标分值，使合计为 100。""", form_type=DEPT)
def dept_weights_100(ctx: DeptContext) -> Iterator[Hit]:
    ws = _weights(ctx.form)
    if ws is None or not ws:
        return
    total = sum(ws)
    if scores_apart(total, 100):
        yield Hit("total_weight", f"三级指标分值合计应为 100 分，表中各指标分值之和为 {score_text(total)}"
                  + table.three_off_said(_three_off(ctx.form)), expected=100, found=rounded(total))


@rule("F2", "error", "总分行的分值与各项分值之和不符",
      """总分行的“分值”应等于全部三级指标分值之和（正确的表为 100）。不要手填 100：先把各项分值改对，
      模板中的公式会自动合计。""", form_type=DEPT)
def dept_total_weight(ctx: DeptContext) -> Iterator[Hit]:
    ws = _weights(ctx.form)
    tw = ctx.form.total_weight
    if ws is None or tw is None:
        return
    if scores_apart(tw, sum(ws)):
        yield Hit("total_weight", f"总分行的分值应为各指标分值之和 {score_text(sum(ws))}，表中为 {score_text(tw)}",
                  expected=rounded(sum(ws)), found=shown(tw))


def _level_sums(form: DeptForm, attr: str) -> dict[str, tuple[float, int]]:
    sums: dict[str, tuple[float, int]] = {}
    for i, ind in enumerate(form.indicators):
        name = getattr(ind, attr)
        s, first = sums.get(name, (0.0, i))
        sums[name] = (s + (ind.weight or 0), first)
    return sums


@rule("F3", "error", "一级指标的分值与其三级指标分值之和不符",
      """一级指标（投入、过程、产出、效果）栏写的分值，必须等于它下面全部三级指标分值之和。常见原因是
      调整了某个三级指标的分值而没有相应修改一级指标的分值，或一级指标分值照抄了别的部门的表。""",
      form_type=DEPT)
def dept_level1_sums(ctx: DeptContext) -> Iterator[Hit]:
    yield from _level_check(ctx.form, "level1", ctx.form.level1_weights, "一级")


@rule("F4", "error", "二级指标的分值与其三级指标分值之和不符",
      """二级指标（如预算配置、预算执行、预算管理、资产管理、职责履行、履职效益）栏写的分值，必须等于它
      下面全部三级指标分值之和。请核对二级指标的分值和其下各三级指标的分值。""", form_type=DEPT)
def dept_level2_sums(ctx: DeptContext) -> Iterator[Hit]:
    yield from _level_check(ctx.form, "level2", ctx.form.level2_weights, "二级")


def _three_off(form: DeptForm) -> dict[str, tuple[float, float]]:
    return table.three_off(form.indicators, form.level1_weights)


def _level_off(form: DeptForm, attr: str, declared: dict[str, Any]) -> Iterator[tuple[str, float | int, float]]:
    """Each 一级 (``attr="level1"``) or 二级 whose 分值 as written is not the sum of its 三级: name, 分值, sum."""
    for name, (s, _first) in _level_sums(form, attr).items():
        w = declared.get(name)
        if w is not None and scores_apart(w, s):
            yield name, w, s


def _level_check(form: DeptForm, attr: str, declared: dict[str, Any], zh: str) -> Iterator[Hit]:
    off = _three_off(form)
    under = {ind.level2: ind.level1 for ind in form.indicators}
    raised = table.raised_rows(form.indicators, form.level1_weights, form.level2_weights)
    # a raised row whose 二级 has its F4 is named there in full; F3 points at it
    told = table.raised_told(form.indicators, raised, [
        [i for i, ind in enumerate(form.indicators) if ind.level2 == name]
        for name, _w, _s in _level_off(form, "level2", form.level2_weights)]) if attr == "level1" else {}
    rows = [(i, form.indicators[i]) for i in sorted(raised)]
    for name, w, s in _level_off(form, attr, declared):
        mine = [(i, r) for i, r in rows if getattr(r, attr) == name]
        yield table.weight_sum_hit(f"{attr}_weights.{name}", zh, name, w, s,
                                   (name if attr == "level1" else under.get(name)) in off,
                                   [r for i, r in mine if i not in told], [(r, told[i]) for i, r in mine if i in told])


@rule("F5", "warning", "一级指标分值分配不是 投入15/过程40/产出25/效果20",
      """按财预〔2013〕53号的部门整体支出绩效评价框架，多数地方的分配是投入 15 分、过程 40 分、产出 25 分、
      效果 20 分。本地评分办法另有规定的可以不同；否则请按此分配，缺少的一级指标应补上。""", form_type=DEPT)
def dept_level1_split(ctx: DeptContext) -> Iterator[Hit]:
    form = ctx.form
    got, first = table.level_sums(form.indicators, _canonical)
    if not got:
        return
    # a 一级 whose own 分值 is the usual one while its 三级 add up to more: F3 tells the 三级 to add up to it
    told = {_canonical(name) for name, (w, _s) in _three_off(form).items()
            if not scores_apart(w, LEVEL1_SPLIT.get(_canonical(name) or "", -1))}
    for key, want in LEVEL1_SPLIT.items():
        if key in told:
            continue
        if key not in got:
            yield Hit("indicators", f"缺少一级指标“{key}”（原则上 {score_text(want)}）", expected=key, found=None)
        elif scores_apart(got[key], want):
            yield Hit(f"indicators[{first[key]}].level1", f"一级指标“{key}”分值合计原则上为 {score_text(want)}，表中为 {score_text(got[key])}",
                      expected=want, found=rounded(got[key]))


@rule("F6", "error", "分值或得分未填",
      """每个三级指标都必须填写分值和得分，否则总分无从计算。没有得分的填 0，并写明扣分原因。总分行的分值或总分
      格被清空（单元格中既没有公式也没有数字）时，表上显示空白，也报此条，写明应为多少：请填入，或从模板复制公式。""", form_type=DEPT)
def dept_blank(ctx: DeptContext) -> Iterator[Hit]:
    form = ctx.form
    formula = {i: (key, std) for i, key, std in iter_formula_indicators(form)}
    for hit in table.blank_hits(form.indicators):
        at = fieldpath.item(hit.field)
        if at is None or at[1] != "score" or at[0] not in formula:
            yield hit
            continue
        # a formula indicator's 得分 is the template's formula: blank, it did not compute — say why
        i = at[0]
        key, std = formula[i]
        name = form.indicators[i].name
        s = ctx.score.indicators[i]
        where = ctx.extra.get("cell") or (lambda _path: None)
        if i in (ctx.extra.get("formula_gone") or ()):   # the cell was cleared: no formula to compute anything
            yield Hit(hit.field, f"指标“{name}”的得分为空，单元格中的得分公式已被删除" + (
                f"；按评分标准应得 {score_text(s.score)}，请填写得分" if s.computed else "，请填写得分"),
                expected=rounded(s.score) if s.computed else None, found=None)
        elif s.computed:   # the figures are there as read: on the sheet one of them is text the formula skips
            texts = ctx.extra.get("text_cells") or set()
            inputs = formula_inputs(std, key)
            text = [(label or "", str(c)) for path, label in inputs if (c := where(path)) in texts]
            gone = (ctx.extra.get("measure_gone") or (lambda _key: None))(key)
            if gone:   # its 计算值 cleared by hand: the formula reads it blank (s68; it was “请核对……是否只填了数字”)
                yield Hit(hit.field, f"指标“{name}”的得分为空，得分公式读取的计算值 {gone} 中没有公式，也没有数字，"
                          f"得分公式没有算出结果；请从模板复制 {gone} 的公式，按评分标准应得 {score_text(s.score)}",
                          expected=rounded(s.score), found=None)
            elif text:
                said = "、".join(f"“{label}”（{c}）" for label, c in text)
                cells = "、".join(c for _label, c in text)
                yield Hit(hit.field, f"指标“{name}”的得分为空，得分公式用到的{said}是文字，公式不把文字算作数字，"
                          f"没有算出结果；请将 {cells} 的单元格格式设为“常规”或“数值”后只填数字，"
                          f"公式即按评分标准得 {score_text(s.score)}",
                          expected=rounded(s.score), found=None)
            else:
                said = quoted_series(label for _path, label in inputs)
                yield Hit(hit.field, f"指标“{name}”的得分为空，得分公式没有算出结果，请核对它用到的{said}是否"
                          f"只填了数字；按评分标准应得 {score_text(s.score)}", expected=rounded(s.score), found=None)
        else:
            miss = missing_inputs(form, std, key)
            yield Hit(hit.field, f"指标“{name}”的得分为空，表中的得分公式" + (
                f"缺少计算数据（{'、'.join(miss)}），填写后自动计算；也可以直接填写得分" if miss else
                "没有算出结果，请核对计算数据和评分标准参数，或直接填写得分"), expected=None, found=None)
    # the 总分 row's 分值 and 总分 cleared by hand: blank on the sheet, and nothing fills them (s68, as A4)
    yield from table.cleared_hits(ctx.extra.get("cleared") or (), {
        "total_weight": ("总分行的分值", table.written_sum(i.weight for i in form.indicators)),
        "total_score": ("总分", table.written_sum(i.score for i in form.indicators))})


@rule("F7", "error", "得分超出 0 至分值的范围",
      """每个指标的得分最低 0 分、最高等于其分值：扣分扣完为止，超额完成也不加分。请按评分标准改正得分，
      并相应修改总分。""", form_type=DEPT)
def dept_score_range(ctx: DeptContext) -> Iterator[Hit]:
    yield from table.range_hits(ctx.form.indicators)


@rule("F8", "error", "扣分的指标没有写扣分原因",
      """得分低于分值的指标，必须在“扣分原因”栏写明扣分的具体原因（哪一项没有达到、差多少），否则评审
      无法判断扣分是否合理，也看不出下一步该改进什么。只写“无”“/”“暂无”的，与空白相同。三级指标的分值填高了（一级指标
      分值未变、得分仍是原分值，F3/F4 要求调低分值并写明是哪一行）时，这一差额不算扣分，不要求写扣分原因；认不出是哪一行（有两行正好少了多出的分值）时照常要求。""", form_type=DEPT)
def dept_missing_reason(ctx: DeptContext) -> Iterator[Hit]:
    yield from table.reason_hits(ctx.form.indicators, level1_weights=ctx.form.level1_weights,
                                 level2_weights=ctx.form.level2_weights)


@rule("F9", "warning", "评分标准的分档有空档或重叠",
      """分档计分的评分标准，各档应首尾衔接，覆盖所有可能的取值：例如“=0 得 3 分；0–10%（含）得 2 分；
      20%–30%（含）得 1 分；>30% 得 0 分”漏了 10%–20%，落在这一段的部门无分可评。请补上缺的一档，
      或把相邻一档的界限改为衔接；两档重叠时也要改正。""", form_type=DEPT)
def dept_band_gaps(ctx: DeptContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        bands = parse_bands(ind.standard)
        if not bands:
            continue
        pct = bands[0].percent
        for g in gaps(bands):
            # no 表中为: the table has nothing for the gap (the gap there read as if the table said it)
            gap = describe(g, pct)
            gap += "" if gap.endswith("）") else " "  # a space beside a figure, none after a full-width bracket
            yield Hit(f"indicators[{i}].standard",
                      f"指标“{ind.name}”的评分标准分档有空档，{gap}没有对应的得分，"
                      f"请补上这一档的得分，或改相邻一档的界限使各档衔接",
                      expected=f"补上 {gap}一档的得分")
        for a, b, iv in overlaps(bands):
            yield Hit(f"indicators[{i}].standard",
                      f"指标“{ind.name}”的评分标准有两档重叠：“{a.text}”与“{b.text}”都包含 "
                      f"{describe(iv, pct)}，得分却不同", expected="各档互不重叠", found=describe(iv, pct))


@rule("F10", "warning", "评分标准写的满分与分值不符",
      """评分标准里写的满分（如“完成任务 100% 得 5 分”）与本指标的分值应当一致。两者不同，可能是评分标准
      从别的指标或别的年度复制来的而没有改，也可能是分值改了而评分标准没有改，得分依据就不清楚：请核实
      二者，改正有误的一项（表中看不出哪一个是对的，所以“应为”不写一个值，只写要核实的两项）。""", form_type=DEPT)
def dept_full_marks(ctx: DeptContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        fm = full_marks(ind.standard)
        if fm is None or ind.weight is None:
            continue
        if scores_apart(fm, ind.weight):
            # which of the two is wrong the form does not tell: the expected value picks neither, it is the
            # instruction (outputs.md: “a value or a concrete instruction, never empty”); the message asks
            # the same (“请核实…”), so the notice and the marked copy do not repeat it (core.expected._asks_it)
            yield Hit(f"indicators[{i}].standard",
                      f"指标“{ind.name}”的评分标准写满分 {score_text(fm)}，与分值 {score_text(ind.weight)}不一致，"
                      "请核实二者，改正有误的一项",
                      expected=f"核实评分标准的满分（{score_text(fm)}）与分值（{score_text(ind.weight)}），改正有误的一项")


@rule("F11", "error", "公式型指标的得分与评分标准计算的不符",
      """在职人员控制率、“三公经费”变动率、重点支出安排率、满意度等指标，按部门的数据和评分标准就能算出
      得分（模板中由公式计算）。表中得分与按评分标准计算的不同：请核对计算数据，或按评分标准改正得分；
      本地评分办法不同的，请修改评分标准参数。""", form_type=DEPT)
def dept_formula_scores(ctx: DeptContext) -> Iterator[Hit]:
    for s in ctx.score.indicators:
        if not s.computed or s.written is None or s.formula_score is None:
            continue  # a computed indicator always has its formula score; the check says so to the type checker
        if scores_apart(s.written, s.formula_score):
            yield Hit(f"indicators[{s.index}].score",
                      f"指标“{s.name}”按评分标准应得 {score_text(s.formula_score)}（{s.basis}），表中为 {score_text(s.written)}",
                      expected=rounded(s.formula_score), found=shown(s.written))


@rule("F12", "error", "总分与各项得分之和不符",
      """总分 = 全部三级指标得分之和。请按各项得分重新合计；某项得分改了，总分也要跟着改。某项得分有误
      （超过分值、公式型指标与评分标准不符）时，总分格写明各项改正后的总分（得分公式因计算数据写成文字而
      算不出的，按评分标准计入），与汇总表“部门整体自评”的复核总分相同；总分是手工填写的、而有这样算不出的
      得分时也是如此（不再只按表中已有的得分合计，要求改成一个补上得分后就不对的总分和等级）。总分格是本模板的公式时，改正各项得分（写成文字的改为数字）即可，总分随之自动重新合计，不要在总分格中键入数字。""", form_type=DEPT)
def dept_total(ctx: DeptContext) -> Iterator[Hit]:
    yield from table.corrected_total_hits(ctx.form.total_score, ctx.form.indicators,
                                          [s.score for s in ctx.score.indicators], ctx.score.total, "总分",
                                          ctx.form.grade, ctx.extra.get("bands", DEFAULT_BANDS),
                                          ctx.extra.get("text_scores") or (), ctx.extra.get("total_formula"),
                                          ctx.extra.get("cell"))


@rule("F13", "error", "等级与总分不符",
      """等级按总分评定：90 分（含）以上为优，80（含）–90 分为良，60（含）–80 分为中，60 分以下为差（或本地的
      等级分段，与项目支出绩效自评表相同）。请按总分改正等级；本模板的等级由公式算出，点“计算”即按本地的等级分段改写公式。
      总分本身有误（F12）时，等级按改正后的总分核对：与它相符的等级不报，随总分一起改变的等级写在总分格上。
      等级格被清空（既没有公式也没有等级）时，写明应为哪一等级：请填入，或从模板复制公式。""",
      form_type=DEPT)
def dept_grade(ctx: DeptContext) -> Iterator[Hit]:
    total = ctx.form.total_score if ctx.form.total_score is not None else ctx.score.total
    yield from table.grade_hits(ctx.form.grade, total, "总分", ctx.extra.get("bands", DEFAULT_BANDS),
                                corrected=ctx.score.total)
    yield from table.cleared_grade_hits(ctx.form, ctx.extra.get("cleared") or (), ctx.extra.get("bands", DEFAULT_BANDS))


@rule("F14", "warning", "评分标准参数不完整或排列不对",
      """公式型指标按“评分标准参数”计算得分：超限扣分要有上限和每点扣分，分档计分的各档要从好到差排列
      （满意度等从高到低、预算调整率等从低到高），最好一档的得分应等于分值。参数缺失或顺序颠倒时，
      公式算出的得分不可靠。""", form_type=DEPT)
def dept_params(ctx: DeptContext) -> Iterator[Hit]:
    form = ctx.form
    seen: set[str] = set()
    for i, key, std in iter_formula_indicators(form):
        weight = form.indicators[i].weight
        base = f"standards.{key}"
        if key not in seen:
            seen.add(key)
            if std.kind in ("over_limit", "under_limit"):
                if std.limit is None:
                    yield Hit(f"{base}.limit", f"评分标准“{std.name}”缺少{'上限' if std.kind == 'over_limit' else '下限'}",
                              expected="百分数", found=None)
                if std.per_point is None or std.per_point < 0:
                    yield Hit(f"{base}.per_point", f"评分标准“{std.name}”的每点扣分应为不小于 0 的数",
                              expected="每点扣分", found=std.per_point)
            elif std.kind in ("bands_min", "bands_max"):
                bands = [(b.bound, b.points) for b in (std.bands or []) if b.bound is not None]
                if not bands:
                    yield Hit(f"{base}.bands[0]", f"评分标准“{std.name}”没有填写任何一档", expected="分档", found=None)
                    continue
                desc = std.kind == "bands_min"
                for j in range(1, len(bands)):
                    (a_bound, a_points), (b_bound, b_points) = bands[j - 1], bands[j]
                    if (b_bound >= a_bound) if desc else (b_bound <= a_bound):
                        yield Hit(f"{base}.bands[{j}]",
                                  f"评分标准“{std.name}”第 {j + 1} 档的界限应{'低于' if desc else '高于'}第 {j} 档，"
                                  f"表中为 {num(b_bound)} 与 {num(a_bound)}", expected="从好到差排列", found=b_bound)
                    if (a_points is not None and b_points is not None and b_points > a_points):
                        yield Hit(f"{base}.bands[{j}].points",
                                  f"评分标准“{std.name}”第 {j + 1} 档的得分 {score_text(b_points)}，高于第 {j} 档的 {score_text(a_points)}",
                                  expected="逐档不增", found=b_points)
            elif std.kind == "per_item" and (std.per_item is None or std.per_item < 0):
                yield Hit(f"{base}.per_item", f"评分标准“{std.name}”的每项扣分应为不小于 0 的数",
                          expected="每项扣分", found=std.per_item)
        if std.kind in ("bands_min", "bands_max") and std.bands and weight is not None:
            top = std.bands[0].points
            if top is not None and scores_apart(top, weight):
                yield Hit(f"{base}.bands[0].points",
                          f"评分标准“{std.name}”最好一档得 {score_text(top)}，而指标“{form.indicators[i].name}”分值为 "
                          f"{score_text(weight)}", expected=rounded(weight), found=top)


@rule("F15", "info", "公式型指标缺少计算数据，得分未能复核",
      """这个指标的得分可以按部门的数据由评分标准算出，但表中没有填写所需的数据，只能沿用填报的得分。
      请在“计算数据”中填写这些数据，模板会自动计算得分，评审也能据此复核。""", form_type=DEPT)
def dept_missing_data(ctx: DeptContext) -> Iterator[Hit]:
    form = ctx.form
    for i, key, std in iter_formula_indicators(form):
        x, fs, _std = formula_score(form, i)
        if fs is not None:
            continue
        miss = missing_inputs(form, std, key)
        if not miss:
            continue
        first = MEASURES[std.measure].inputs[0] if std.measure in MEASURES else None
        fieldp = (f"data.counts.{key}" if std.measure == "count"
                  else f"data.{next((f for f in MEASURES[std.measure].inputs if DATA_LABELS[f] in miss), first)}")
        yield Hit(fieldp, f"指标“{form.indicators[i].name}”缺少计算数据（" + "、".join(miss) + "），得分未能复核",
                  expected="填写计算数据（" + "、".join(miss) + "）", found=None)


# F16 finds figures that disagree with each other, and two things of one figure alone: the 校验报告 files
# these under what they are about (``Hit.topic``), not under “计算数据前后不一致”
NEGATIVE_DATA = "计算数据为负数"
SATISFACTION_NOT_PERCENT = "满意度未按百分数填写"     # 93 for 93%
SATISFACTION_OUT_OF_RANGE = "满意度不在 0–100% 之间"   # 150, -5%: no whole per cent


@rule("F16", "warning", "计算数据前后不一致",
      """计算数据之间有固定的关系：基本支出 + 项目支出 = 总支出，在用固定资产不超过固定资产总额，公务卡
      结算支出不超过应刷卡支出，满意度是不超过 100% 的百分数；人数、金额（预算调整数除外，调减为负）和
      事例数不会是负数；总收入、总支出与预算数，本年、上年“三公经费”与其预算数等成对的金额大小相当，一个是另一个的
      上千倍时多半是以元填写的；资产总额是总收入、总支出和固定资产总额的上千倍，或者是它所含的固定资产的上千倍而按元换算后仍不少于这些固定资产时也是。不一致时公式算出的得分也不对，请核对。""",
      form_type=DEPT)
def dept_data_consistency(ctx: DeptContext) -> Iterator[Hit]:
    d = ctx.form.data
    yield from _in_yuan(d)
    for key, label in DATA_LABELS.items():   # a 结转结余 of -100 went into the 整体报告 as written
        v = getattr(d, key, None)
        if key != "budget_adjust" and isinstance(v, (int, float)) and v < 0:
            name, _, unit = label.partition("（")
            yield Hit(f"data.{key}", f"{name}不会是负数，表中为 {num(v)}" + (f" {unit.rstrip('）')}" if unit else ""),
                      expected="≥0", found=shown(v), topic=NEGATIVE_DATA)
    for key, v in d.counts.items():
        if isinstance(v, (int, float)) and v < 0:
            yield Hit(f"data.counts.{key}", f"事例数不会是负数，表中为 {num(v)}", expected="≥0", found=shown(v),
                      topic=NEGATIVE_DATA)
    if d.expense_basic is not None and d.expense_project is not None and d.expense_total is not None:
        s = d.expense_basic + d.expense_project
        if money_apart(s, d.expense_total):
            yield Hit("data.expense_total", f"总支出应为基本支出 {num(d.expense_basic)} + 项目支出 "
                      f"{num(d.expense_project)} = {num(s)} 万元，表中为 {num(d.expense_total)}",
                      expected=rounded(s), found=shown(d.expense_total))
    if (d.fixed_assets_in_use is not None and d.fixed_assets_total is not None
            and money_over(d.fixed_assets_in_use, d.fixed_assets_total)):
        yield Hit("data.fixed_assets_in_use", f"在用固定资产 {num(d.fixed_assets_in_use)} 万元超过固定资产总额 "
                  f"{num(d.fixed_assets_total)} 万元", expected=f"≤{num(d.fixed_assets_total)}",
                  found=shown(d.fixed_assets_in_use))
    if d.card_spending is not None and d.card_due is not None and money_over(d.card_spending, d.card_due):
        yield Hit("data.card_spending", f"公务卡结算支出 {num(d.card_spending)} 万元超过应刷卡支出 {num(d.card_due)} 万元",
                  expected=f"≤{num(d.card_due)}", found=shown(d.card_spending))
    if d.satisfaction is not None and not 0 <= d.satisfaction <= 1:
        v = num(d.satisfaction)
        yield Hit("data.satisfaction", f"满意度应为不超过 100% 的百分数（如 93%），表中为 {v}"
                  + (f"，像是把 {v}% 写成了 {v}（已按 {v}% 计分），请写作 {v}%" if whole_percent(d.satisfaction) else ""),
                  expected="0–100%", found=shown(d.satisfaction),
                  topic=SATISFACTION_NOT_PERCENT if whole_percent(d.satisfaction) else SATISFACTION_OUT_OF_RANGE)


# 万元 figures of one size: one a thousand times another (and of its size ÷ 10,000) was typed in 元
SAME_SIZE = (("income_total", "expense_total", "budget"),
             ("three_public_this", "three_public_last", "three_public_budget"),
             ("procurement_plan", "procurement_actual"), ("card_spending", "card_due"),
             ("fixed_assets_in_use", "fixed_assets_total"))
PARTS = {"expense_total": ("expense_basic", "expense_project")}   # in the same unit as their sum
# 资产总额 has no like of its own size: it may be a hundredth of the year's money (子洲: 41.98 万元 beside
# 2903.86 万元 of 总收入) or many times it. Typed in 元 it is a thousand times every one of these, the
# 固定资产 that are part of it too, and divided by 10,000 no more than ``_ASSETS_MOST`` times the largest.
ASSETS_BESIDE = ("income_total", "expense_total", "fixed_assets_total", "fixed_assets_in_use")
_ASSETS_MOST = 30
_PART_SLACK = 0.01   # 资产总额 read as 元 may fall this share short of its 固定资产 (rounding to 万元), no more


def _in_yuan(d: Any) -> Iterator[Hit]:
    """F16 of a figure that looks like 元 beside its like in 万元 (``core.numbers.yuan_in_wan``): a
    三公经费 of 95000 beside last year's 10 scored 0 on two indicators, and only 扣分原因 was asked for."""
    for group in SAME_SIZE:
        for key in group:
            v = getattr(d, key, None)
            if not isinstance(v, (int, float)) or v < YUAN_LEAST:
                continue
            other = next((o for o in group if isinstance(w := getattr(d, o, None), (int, float))
                          and yuan_in_wan(v, w)), None)
            if other is not None:
                w = getattr(d, other)
                parts = [p for p in PARTS.get(key, ()) if isinstance(getattr(d, p, None), (int, float))
                         and getattr(d, p) >= YUAN_LEAST]
                also = ("；" + "、".join(f"{_name(p)} {num(getattr(d, p))}" for p in parts) + " 同样应换算为万元"
                        if parts else "")
                yield Hit(f"data.{key}", in_yuan(_name(key), v, times_of(_name(other), w, v), also),
                          expected=rounded(v / 10000, 6), found=shown(v))
    yield from _assets_in_yuan(d)


def _assets_in_yuan(d: Any) -> Iterator[Hit]:
    """F16 of a 资产总额 typed in 元 (3105000 for 310.5 万元): alone of its size, it was never questioned and
    the 整体绩效自评工作报告 said “资产总额3105000.00万元” of a county 局 with 1520 万元 of 总收入."""
    v = d.assets_total
    beside = [(k, w) for k in ASSETS_BESIDE if isinstance(w := getattr(d, k, None), (int, float)) and w > 0]
    if not isinstance(v, (int, float)) or v < YUAN_LEAST or not beside:
        return
    most = max(w for _k, w in beside)
    if v / 10000 > _ASSETS_MOST * most:
        return
    if v >= YUAN_LEAST * most:
        said, w = beside[0]   # 总收入 where it is filled: the figure a reader knows the department by
        yield Hit("data.assets_total", in_yuan(_name("assets_total"), v, times_of(_name(said), w, v)),
                  expected=rounded(v / 10000, 6), found=shown(v))
        return
    # assets far below the year's money (子洲: 41.98 万元 beside 2903.86 万元 of 总收入) typed in 元 (419800) are only
    # 145 times the 总收入, yet a thousand times the 固定资产 they hold; read as 元 they must still hold them
    key, fixed = max(((k, w) for k, w in beside if k.startswith("fixed_assets")), key=lambda kw: kw[1],
                     default=("", 0.0))
    if fixed and v >= YUAN_LEAST * fixed and v / 10000 >= fixed * (1 - _PART_SLACK):
        yield Hit("data.assets_total", in_yuan(_name("assets_total"), v, times_of("其中" + _name(key), fixed, v)),
                  expected=rounded(v / 10000, 6), found=shown(v))


def _name(key: str) -> str:
    return DATA_LABELS[key].partition("（")[0]


# -- F17: the 评价小组 of another department -------------------------------------------------
# A 自评 team is the department's own people; other members may join it (财政局 staff, experts, a firm the
# department hired, people of its own 二级单位: 中心、院、所、站). What a copied form shows is a team every one
# of whose units is one and the same other 机关 — “子洲县医疗保障局” on 县卫生健康局's form — and only that
# is reported: a 机关 (局、委、办、厅、政府), not the department by any of its names (“县医保局” for “子洲县医疗
# 保障局”, “卫健委” for “卫生健康局”), nor 财政 (which may run the evaluation), nor the 评价机构 the form names.
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?(?:省|自治区|自治州|自治县|市(?!场)|州|盟|县|区|旗)){1,3}")
_ORGAN_END = re.compile(r"(?:局|委员会|委|办公室|办|厅|人民政府|政府)$")
_OWN = re.compile(r"^(?:本|我|该|局|委|办)")   # “本局”“局办公室”: the department itself, or a section of it
_NOT_OTHER = re.compile(r"财政|事务所|公司|大学|学院|研究|协会|学会|专家")


def _core(name: str) -> str:
    """A unit's name without its place and its kind: “子洲县医疗保障局” → “医疗保障”."""
    s = "".join(re.sub(r"[（(].*?[）)]", "", name).split())
    s = _REGION.sub("", s) or s
    return _ORGAN_END.sub("", s) or s


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _related(a: str, b: str) -> bool:
    """Two names may be the same unit or one department (abbreviated, renamed 局/委, or a 二级单位): they
    share a two-character word, or one is the other's abbreviation."""
    ca, cb = _core(a), _core(b)
    if len(ca) < 2 or len(cb) < 2:
        return True   # too little to tell apart
    if ca in cb or cb in ca or _subsequence(ca, cb) or _subsequence(cb, ca):
        return True
    return bool({ca[i:i + 2] for i in range(len(ca) - 1)} & {cb[i:i + 2] for i in range(len(cb) - 1)})


def other_team_unit(form: DeptForm) -> tuple[int, str, int] | None:
    """(the first member with a unit, that unit, how many members give it) where every member who gives a
    unit — at least two — gives one and the same other 机关 (the rule above), else None."""
    units = [(i, "".join(m.unit.split())) for i, m in enumerate(form.team) if m.unit and m.unit.strip()]
    dept = "".join((form.department or "").split())
    if len(units) < 2 or len(_core(dept)) < 2:
        return None
    first, unit = units[0]
    if (not _ORGAN_END.search(unit) or _OWN.match(unit) or _NOT_OTHER.search(unit) or len(_core(unit)) < 2
            or any(not _related(u, unit) for _i, u in units)):
        return None
    if any(_related(u, dept) for _i, u in units):
        return None
    said = "".join(f"{form.evaluator or ''}{form.method or ''}".split())
    if said and (unit in said or _core(unit) in said):
        return None   # the 评价机构 the form names
    return first, unit, len(units)


@rule("F17", "warning", "评价小组成员的单位都是另一个部门",
      """部门整体支出绩效自评由本部门组织评价小组进行，小组成员应有本部门的人员。评价小组成员的单位都写着另一个
      部门（如县卫生健康局的表上全是“子洲县医疗保障局”），多是沿用了别的部门的表而没有改：请核实评价小组的成员
      及其单位。财政局人员、专家、受托的第三方机构和本部门下属单位的人员参加评价小组是正常的，不在此列。""",
      form_type=DEPT)
def dept_team_unit(ctx: DeptContext) -> Iterator[Hit]:
    found = other_team_unit(ctx.form)
    if found is None:
        return
    first, unit, n = found
    cell = ctx.extra.get("cell")
    where = cell("department") if cell else None
    dept = ctx.form.department.strip()
    yield Hit(f"team[{first}].unit",
              f"评价小组 {n} 名成员的单位都是“{unit}”，不是本部门“{dept}”" + (f"（{where}）" if where else "")
              + "，请核实评价小组成员及其单位",
              expected=f"核实评价小组成员及其单位（本部门“{dept}”自评）", found=unit)


@rule("F18", "error", "三级指标名称未填",
      """每一行指标都要写三级指标名称。只有评分标准、分值或得分而没有名称的一行，看不出评的是什么；这一行若是
      多余的，连同它的分值和得分一并删去，再核对一级、二级指标的分值。""", form_type=DEPT)
def dept_unnamed(ctx: DeptContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if is_unfilled(ind.name):
            yield unnamed_row(i, ind, (), (("分值", ind.weight), ("得分", ind.score)),
                              "按部门整体绩效评价指标体系")


@rule("F19", "warning", "评分标准文字与评分标准参数不符",
      """公式型指标的得分按表下“评分标准参数”计算（打印区域以外），不按表中印出的评分标准文字。文字写的界限、
      档次或扣分（如“满意度90%（含）以上，计5分”“每超过1个百分点扣1分”“公务卡刷卡率≥80%”）与参数
      （95%、0.5、50%）不同，印出的标准与实际得分就对不上：请核实二者，改正有误的一项——按文字评分的，改参数；
      参数才是本地评分办法的，改文字。只比对能可靠读出的数：分档的界限（按得分对应）、每个百分点或每项扣分、
      第一个条件中的上限或下限；资金结余的文字和“（含）”与否不比对。""", form_type=DEPT)
def dept_text_vs_params(ctx: DeptContext) -> Iterator[Hit]:
    form = ctx.form
    where = ctx.extra.get("cell") or (lambda _path: None)

    def at(path: str) -> str:
        c = where(path)
        return f"（{c}）" if c else ""

    for i, key, std in iter_formula_indicators(form):
        ind = form.indicators[i]
        if not ind.standard:
            continue
        rate = MEASURES[std.measure].percent if std.measure in MEASURES else True

        def val(x: float) -> str:
            return pct_text(x, trim=True) if rate else num(x)

        base = f"standards.{key}"
        # (param path, what the text says, what the parameter says, the parameter)
        out: list[tuple[str, str, str, float]] = []
        k = std.kind
        if k in ("over_limit", "under_limit"):
            word = "上限" if k == "over_limit" else "下限"
            lim = text_limit(ind.standard, under=k == "under_limit")
            if lim is not None and std.limit is not None and scores_apart(lim, std.limit):
                out.append((f"{base}.limit", f"{word} {val(lim)}", f"{word}为 {val(std.limit)}", std.limit))
            pp = text_per_point(ind.standard)
            if pp is not None and std.per_point is not None and scores_apart(pp, std.per_point):
                out.append((f"{base}.per_point", f"每个百分点扣 {score_text(pp)}", f"为每个百分点扣 {score_text(std.per_point)}",
                            std.per_point))
        elif k in ("bands_min", "bands_max"):
            written = text_thresholds(ind.standard, at_least=k == "bands_min")
            def reach(x: float) -> str:
                return f"从 {val(x)} 起" if k == "bands_min" else f"到 {val(x)} 止"

            for j, band in enumerate(std.bands or []):
                got = written.get(band.points) if band.points is not None else None
                if got is not None and band.bound is not None and scores_apart(got, band.bound):
                    out.append((f"{base}.bands[{j}]", f"得 {score_text(band.points)}的一档{reach(got)}",
                                f"第 {j + 1} 档{reach(band.bound)}", band.bound))
        elif k == "per_item":
            pi = text_per_item(ind.standard)
            if pi is not None and std.per_item is not None and scores_apart(pi, std.per_item):
                out.append((f"{base}.per_item", f"每项扣 {score_text(pi)}", f"为每项扣 {score_text(std.per_item)}", std.per_item))
        for path, text_says, param_says, param in out:
            yield Hit(path, f"指标“{ind.name}”的评分标准{at(f'indicators[{i}].standard')}写{text_says}，而评分标准参数"
                      f"{at(path)}{param_says}，得分按参数计算，与印出的评分标准不符：请核实二者，改正有误的一项"
                      "（按文字评分的，改参数；否则改文字）", expected=f"与评分标准文字一致（{text_says}）", found=param)


# the form's dates, each with what a message calls it
DATES = (("report_date", "报告日期"), ("opinion_date", "部门（单位）意见的日期"))


@rule("F20", "warning", "报告日期或部门意见的日期有误",
      """部门整体支出绩效自评是对上一预算年度全年支出的评价，在年度结束之后做：报告日期和部门（单位）意见的日期
      应在自评年度之后（自评 2024 年度的，写 2025年1月1日以后的日期，如 2025年3月10日）。日历上没有的日期
      （2025年2月30日、2025.13.1）、自评年度之内或之前的日期、晚于自评年度两年以上的日期多半是笔误（年份写成了
      自评年度，或月、日写错），请按实际的日期改正。生成报告时，“设置”中没有填写成文日期的，报送函的成文日期
      取自报告日期：这样的日期印作【待填写】或不能生成报告。自评年度 12 月的日期不在此列（有的通知要求年底前完成自评）；
      空白的见 F21。""",
      form_type=DEPT)
def dept_dates(ctx: DeptContext) -> Iterator[Hit]:
    for path, what in DATES:
        written = getattr(ctx.form, path)
        if is_unfilled(written):   # a hint while the form is being filled (F21), a warning in review
            yield Hit(path, *date_blank_said(what, ctx.form.year), found=written, severity="info")
            continue
        said = self_eval_date_said(what, written, ctx.form.year)   # the one judgement of a form's date
        if said is not None:
            yield Hit(path, said[0], expected=said[1], found=written)


_variant("F20", "info", "F21", "dept", "报告日期或部门意见的日期未填写",
         """报告日期和部门（单位）意见的日期在评价做完、部门签署意见时填写；“设置”中没有填写成文日期的，报送函的成文
         日期取自报告日期。填表过程中校验只作提示；定稿时列出仍未填写的日期；财政局复核（jixiao review）收到的表
         没有这些日期的，按警告列出。""", form_type=DEPT)


# --------------------------------------------------------------------------------------
# the runner's part for department forms
# --------------------------------------------------------------------------------------

def _measure_gone(it: Any, kind: Any, key: str | None) -> str | None:
    """The cell of the 计算值 of the standard ``key`` where it holds no formula (``forms.sums.cleared``): asked of
    a formula indicator whose 得分 reads blank, so its formula showed nothing."""
    from ..sums import cleared

    ref = kind.cell_of(it, f"standards.{key}.value") if key and it.sheet_form is not None else None
    return ref if ref and cleared(it.file, it.sheet, {"value": ref}, it.form, blank=lambda _f: True) else None


def check_forms(items: list[Any], profile: Any = None) -> list[tuple[DeptScore, list[Finding]]]:
    """(score, findings of the department rules) per department form (``sources.Loaded`` items);
    the scores come from the form's own standards, not from a profile; the 等级 from the profile's
    bands (``FormKind.bands``)."""
    from ...guard.sanitize import ReadNote
    from .. import by_key

    from ..sums import holds_formula

    kind = by_key(DEPT)
    bands = kind.bands(profile)

    def context(it: Any) -> DeptContext:
        notes = getattr(it.sheet_form, "notes", None) or ()
        # the cells read as numbers though written as text (X2), and where a field sits: for F6's why
        # a 等级 our formula shows is graded under the profile's bands, as 计算 rewrites it (``shown``)
        return DeptContext(regraded(it.form, it.sheet_form, bands), score_dept_form(it.form, profile), it.source,
                           {"text_cells": {n.cell for n in notes if isinstance(n, ReadNote)},
                            "cell": lambda path: kind.cell_of(it, path), "bands": bands,
                            # the scores written as text, which the form's total formula leaves out (F12)
                            "text_scores": table.indicator_text_scores(it, kind),
                            # the formula indicators whose 得分 cell holds no formula (F6: cleared, not uncomputed)
                            "formula_gone": set(getattr(it.sheet_form, "formula_gone", None) or ()),
                            # the 总分 cell holds the template's formula: F12 names the scores to change (asked lazily)
                            "total_formula": lambda: holds_formula(it.file, it.sheet, kind.cell_of(it, "total_score")),
                            # the 总分 row's cells cleared by hand (F6, F13: ``forms.sums.cleared``)
                            "cleared": table.cleared_totals(it, kind),
                            # the cell of a standard's 计算值 cleared by hand, asked where F6 finds a blank 得分
                            "measure_gone": partial(_measure_gone, it, kind)})

    return table.check_kind(items, DEPT, context, lambda form: form.department)
