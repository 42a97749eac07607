"""B — 分值与权重.

Whatever split a form chooses, its 分值 (执行率 plus every 三级指标) add up to 100 and the
总分 row says so; a split other than 10/50/30/10 is allowed ("原则上") and only worth a
look, as are missing indicator kinds the guidance expects (满意度, 效益, 时效, 成本).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from . import FormContext, Hit, rule
from .anchors import missing_category
from .headers import level1_said
from .funds import no_budget, no_budget_ways, num, rounded, shown
from ...core.grades import MAX_TOTAL, above_max
from ...core.numbers import compared, score_text, scores_apart, sheet_le
from ...core.rates import DEFAULT_FUNDS_WEIGHT   # the 执行率's 10 points: one place for scorer and checker
from .memo import misweighted
from .table import cleared_hits, level_sums, written_sum   # at import, not per form: an import statement costs ~1 µs a call (issue #18)
from ...core.quotes import quoted_series

FULL = 100
# 财预〔2020〕10号: 预算执行率 10, 产出 50, 效益 30, 满意度 10 ("原则上").
DEFAULT_SPLIT: dict[str, float] = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}


def adds_to_100(total: float) -> bool:
    """Whether 分值 summing to ``total`` make the 100 a form's 分值 must: within the 0.005 by which a 总分 may
    pass 100 and still be graded (``grades.MAX_TOTAL``), whatever the sum's binary noise. 3 × 16.67 + 50 is
    100.01 (100.01000000000001 in binary, or 100.00999999999999 summed in another order): not 100, as
    the template's own red mark says; B1 named it in one order and not in the other (0.01, no slack).
    B1, the 分值 it names (``memo.misweighted``) and 计算's message ask this one question. Both edges are
    compared as the 等级 formula compares (``numbers.compared``): a sum B1 passes is, at full marks, a 总分
    that is graded (``grades.above_max``), not one 1e-14 above 100.005."""
    return not above_max(total) and sheet_le(_LEAST, total)


_LEAST = compared(2 * FULL - MAX_TOTAL)   # 99.995: as far below 100 as MAX_TOTAL is above it


def weight_sum(form) -> float | None:
    """执行率分值 + Σ 指标分值, or None while any of them is blank (B5 reports that)."""
    ws = [form.funds_weight, *(i.weight for i in form.indicators)]
    if any(w is None for w in ws):
        return None
    return sum(ws)


def _split(ctx: FormContext) -> tuple[float, dict[str, float]]:
    """The expected split: the profile's where it defines one, else the national default."""
    split = getattr(ctx.profile, "weights", None)
    if isinstance(split, dict) and split:
        given = split.get("预算执行率", split.get("funds"))
        funds = float(DEFAULT_FUNDS_WEIGHT if given is None else given)
        levels = {str(k): float(v) for k, v in split.items() if k not in ("预算执行率", "funds")}
        return funds, levels or DEFAULT_SPLIT
    return float(DEFAULT_FUNDS_WEIGHT), DEFAULT_SPLIT


@lru_cache(maxsize=256)
def level_of(name: str) -> str | None:
    """'产出' / '产出指标' -> '产出指标' (forms abbreviate the first-level names). Once per name:
    B3 asks it of every indicator, and a batch has a handful of 一级指标 names (issue #18)."""
    for key in DEFAULT_SPLIT:
        if key[:2] in (name or ""):
            return key
    return None


@rule("B1", "error", "分值合计不等于 100",
      """执行率分值与全部三级指标分值之和必须等于 100。常见错误是指标分值自己凑满 100，
      再加上执行率的 10 分成了 110：请按 产出 50、效益 30、满意度 10、执行率 10 的原则调整各指标分值。
      若某个指标的得分正是按使合计为 100 的分值评定的（如分值误写成 20，得分按 10 分评定），指出的是该指标的
      分值，不要按错误的分值提高得分。""")
def weights_add_to_100(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    total = weight_sum(form)
    if total is None or adds_to_100(total):
        return
    ind = total - (form.funds_weight or 0)
    # a 总分行 分值 that is not the sum either (B2, whose “应为” is that sum, 110): said here, and B2 taken
    # in — the cell is to hold 100 once the weights are put right, not the wrong sum
    row = form.total_weight
    unsummed = row is not None and scores_apart(row, total)
    parts = f"执行率分值 {score_text(form.funds_weight)} + 指标分值 {score_text(ind)}"
    # the one indicator whose 得分 was given under the 分值 that makes the sum 100: that 分值 is the cell
    # to change (``memo.misweighted``; D4 leaves its 得分 be)
    wrong = misweighted(ctx)
    said = {i: (f"指标“{form.indicators[i].name}”的分值应为 {score_text(right)}，表中为 {score_text(form.indicators[i].weight)}"
                f"（分值为 {score_text(right)}时按评分规则得 {score_text(form.indicators[i].score)}，与表中得分一致）")
            for i, right in wrong.items()}
    culprit = "；".join(said.values())
    if wrong and (not unsummed or _reads_100(row)):  # said on each 分值 to change; the 总分行 follows them or reads 100
        for i, right in wrong.items():
            x = form.indicators[i]
            others = quoted_series(form.indicators[j].name for j in wrong if j != i)
            yield Hit(f"indicators[{i}].weight", f"{said[i]}；各项分值合计为 {score_text(total)}（{parts}），应为 100 分"
                      + (f"，指标{others}的分值同样有误" if others else ""),
                      expected=rounded(right), found=shown(x.weight), folds=("B3",))  # its 一级指标's sum on the cell too
        return
    if not unsummed:   # the 总分行 holds the sum (our template's formula), or nothing
        yield Hit("total_weight", f"分值合计应为 100 分，表中{parts} = {score_text(total)}", expected=FULL, found=rounded(total))
        return
    # the finding sits on the 总分行's 分值 cell: “表中为” is what that cell holds (it said the sum, 110,
    # of a cell that reads 100), and where the cell already reads 100 what is wanted is the weights
    # adding up to it, not that cell's value (“应为 100，表中为 100”)
    assert row is not None
    yield Hit("total_weight",
              f"分值合计应为 100 分，各项分值之和为 {score_text(total)}（{parts}）；总分行的分值写作 {score_text(row)}，"
              f"不是各项分值之和，请先把各项分值改为合计 100 分，总分行按合计填写" + (f"；{culprit}" if culprit else ""),
              expected="各项分值合计 100" if _reads_100(row) else FULL, found=shown(row),
              folds=("B2",))


def _reads_100(row: float | None) -> bool:
    return row is not None and adds_to_100(row)


@rule("B2", "error", "总分行的分值与各项分值之和不符",
      """总分行的“分值”应等于执行率分值与全部三级指标分值之和（正确的表为 100）。请不要手填 100，
      先把各项分值改对，再按合计填写。总分行的分值格被清空（既没有公式也没有数字）时，写明应为多少：请填入，
      或从模板复制公式。""")
def total_weight_row(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    if form.total_weight is None:
        # cleared by hand (no formula, no value): blank on the sheet, and nothing fills it (s68, as F6 and V5)
        yield from cleared_hits(ctx.extra.get("cleared") or (), {"total_weight": (
            "总分行的分值", written_sum((form.funds_weight, *(i.weight for i in form.indicators))))})
        return
    total = weight_sum(form)
    if total is None or form.total_weight is None:
        return
    if scores_apart(form.total_weight, total) and not (_reads_100(form.total_weight) and misweighted(ctx)):
        # (a 总分行 of 100 beside one 分值 B1 names is right: it is that 分值 to change, not the 100 to the sum)
        yield Hit("total_weight",
                  f"总分行的分值应为各项分值之和 {score_text(total)}（执行率分值 {score_text(form.funds_weight)} + 指标分值 "
                  f"{score_text(total - (form.funds_weight or 0))}），表中为 {score_text(form.total_weight)}",
                  expected=rounded(total), found=shown(form.total_weight))


# FormContext.extra: (执行率分值, {一级指标: Σ 分值}, where) as the 绩效目标表 approved them, set by
# ``check --targets`` (rules.approved.with_approved_weights): B3's reference then, not the profile's split
APPROVED_SPLIT = "approved_split"


@rule("B3", "warning", "一级指标分值分配不是 10/50/30/10",
      """按财预〔2020〕10号，原则上预算执行率 10 分、产出指标 50 分、效益指标 30 分、满意度指标 10 分。
      可以根据项目实际调整，但应有理由；如非有意调整，请按此分配各指标分值。用 --targets 核对、绩效目标表
      批复了各指标分值的，以批复的分值为准。""")
def first_level_split(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    approved = ctx.extra.get(APPROVED_SPLIT)
    if approved is not None:
        want_funds, want, where = approved
        said, source = "应为批复的", f"（{where}）"
    else:
        (want_funds, want), said, source = _split(ctx), "原则上为", ""
    # a project with no money whose 执行率分值 is 0, its points given to the indicators: one of the two ways A18
    # names (s64: warned “原则上为 10 分，表中为 0 分” and “产出指标……原则上为 50 分，表中为 60 分” for doing it); a 一级
    # 指标 left under its share is still said
    moved = form.funds_weight == 0 and approved is None and no_budget(form)
    if form.funds_weight is not None and scores_apart(form.funds_weight, want_funds) and not moved:
        yield Hit("funds_weight", f"预算执行率分值{said} {score_text(want_funds)}{source}，表中为 {score_text(form.funds_weight)}",
                  expected=want_funds, found=shown(form.funds_weight))
    got, first = level_sums(form.indicators, level_of)
    for key, w in want.items():
        if key in got and scores_apart(got[key], w) and not (moved and got[key] > w):   # a missing level is B4's
            yield Hit(f"indicators[{first[key]}].weight",
                      f"{key}分值合计{said} {score_text(w)}{source}，表中为 {score_text(got[key])}",
                      expected=w, found=rounded(got[key]))


EXPECTED_KINDS = (
    ("level1", "满意度", "满意度指标", "服务对象满意度是必设指标，请增设满意度指标（如 服务对象满意度 ≥90%）"),
    ("level1", "效益", "效益指标", "项目应说明产生的社会、经济或可持续效益，请增设效益指标"),
    ("level2", "时效", "时效指标", "请增设时效指标（如 资金拨付及时率、完成时间）"),
    ("level2", "成本", "成本指标", "请增设成本指标（如 总成本 ≤ 全年预算数、单位成本）"),
)


@rule("B4", "warning", "缺少应设的指标类别",
      """绩效目标一般应包括产出（数量、质量、时效、成本）、效益和满意度指标。缺少满意度、效益、时效
      或成本指标时，评价不完整，请按项目实际增设；确实不适用的，在说明中写明原因。""")
def missing_kinds(ctx: FormContext) -> Iterator[Hit]:
    inds = ctx.form.indicators
    # the distinct texts of a column (a block repeats its name), joined by a line break: a word without
    # one is in the joined text exactly when it is in one of them (issue #18)
    texts: dict[str, str] = {}
    for attr, word, zh, advice in EXPECTED_KINDS:
        if attr not in texts:
            said = {getattr(i, attr) or "" for i in inds}
            if attr == "level1" and any(not s.strip() for s in said):   # a blank 一级指标 is the one its 二级指标
                said = {level1_said(i.level1 or "", i.level2 or "") for i in inds}   # says (“服务对象满意度指标”)
            texts[attr] = "\n".join(said)
        if word not in texts[attr]:
            at, where = missing_category(inds, attr, word)   # the block it belongs to (issue 14)
            yield Hit(at, f"应至少有一项{zh}，表中没有{where}，{advice}", expected=zh, found=None)


@rule("B5", "error", "分值未填",
      """每个三级指标（以及预算执行率）都必须有分值，否则无法计算总分。请按指标的重要程度填写分值，
      并保证全部分值之和为 100。""")
def blank_weight(ctx: FormContext) -> Iterator[Hit]:
    form = ctx.form
    if form.funds_weight is None and no_budget(form):
        # no money: “原则上为 10 分” beside A18's “执行率得分按 0 分计…请向财政局确认” was two instructions (s64)
        yield Hit("funds_weight", "预算执行率的分值未填写，表中为空白；全年预算数为 0，执行率无法计算，请按财政局的要求填写："
                  + no_budget_ways(DEFAULT_FUNDS_WEIGHT, asked=False), expected=f"按财政局的要求填写 {score_text(DEFAULT_FUNDS_WEIGHT)}或 0 分",
                  found=None)
    elif form.funds_weight is None:
        yield Hit("funds_weight", f"预算执行率的分值未填写，原则上为 {score_text(DEFAULT_FUNDS_WEIGHT)}，表中为空白", expected=DEFAULT_FUNDS_WEIGHT,
                  found=None)
    for i, ind in enumerate(form.indicators):
        if ind.weight is None:
            yield Hit(f"indicators[{i}].weight", f"指标“{ind.name}”的分值未填写，表中为空白",
                      expected="按指标的重要程度填写分值", found=None)
