"""Checks on a table of scored indicators, whatever the form kind, and the runner of a kind's rules.

The 部门整体支出绩效自评表 and the 项目支出绩效评价表 (and any kind to come) score a list of
三级指标 rows, each with a name, a 分值, a 得分 and a 扣分原因; what a reviewer redoes on
those rows is the same for every kind, so it is written once here and each kind's rules
module registers it under its own code (F6–F8, F12, F13; V5–V9). Nothing here registers a
rule or imports openpyxl.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Iterable, Iterator, Protocol, Sequence

from ...core.grades import DEFAULT_BANDS, Bands, grade, grade_word, grades_said
from ...core.numbers import fmt as num
from ...core.findings import Finding, as_said
from . import Hit, Rule
from ...core.numbers import (SCORE_EDGE_SAID, above_formula, apart_formula, says_nothing, says_nothing_formula, score_above, score_text,
                             scores_apart)
from .funds import rounded, shown

__all__ = ["Blocks", "RowColumns", "ScoredRow", "TableContext", "TextScore", "blank_hits", "blank_score_todo", "corrected_total_hits", "formula_fix", "level_sums", "grade_hits", "made_numbers", "texts_besides", "indicator_text_scores", "raised_row_formula", "raised_rows", "raised_told", "RECOMPUTES", "range_hits", "reason_hint_blocks", "recomputes", "reason_hint_formula", "reason_hits", "run_rules", "text_left_out", "text_scores", "three_off", "three_off_said", "total_hits", "weight_sum_hit"]

EPS = 1e-9


@dataclass
class TableContext:
    """One form of a table kind with its reviewed score, computed once (what its rules look at)."""

    form: Any
    score: Any
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def level_sums(rows: Sequence[Any], canonical: Callable[[Any], str | None]) -> tuple[dict[str, float], dict[str, int]]:
    """Σ 分值 per 一级指标 (named by ``canonical``), and the first row of each: what every kind's
    weight-split rule compares with its framework (项目 50/30/10, 部门整体 15/40/25/20)."""
    got: dict[str, float] = {}
    first: dict[str, int] = {}
    for i, ind in enumerate(rows):
        key = canonical(ind.level1)
        if key is None or ind.weight is None:
            continue
        got[key] = got.get(key, 0) + ind.weight
        first.setdefault(key, i)
    return got, first


def three_off(rows: Sequence[Any], declared: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """一级 name -> (its 分值, the sum of its 三级 分值) of each 一级 whose 三级 do not add up to it, where it is the
    三级 that are wrong: every 一级 has its 分值, those add up to 100 and the 三级 do not (a 三级指标 row inserted
    by hand, one 分值 raised). There the 一级 “应为其下三级指标分值之和 30 分” sent the 填报人 to raise the 一级
    to 30 — a form of 105 — while the split rule (F5) said the same 一级 should be 25 (``weight_sum_hit``)."""
    weights = [r.weight for r in rows]
    sums: dict[str, float] = {}
    for r in rows:
        sums[r.level1] = sums.get(r.level1, 0.0) + (r.weight or 0)
    given = {k: v for k, v in declared.items() if v is not None}
    if (not rows or None in weights or not scores_apart(sum(w for w in weights if w is not None), 100)
            or set(sums) - set(given) or scores_apart(sum(given.values()), 100)):
        return {}
    return {name: (given[name], s) for name, s in sums.items() if scores_apart(given[name], s)}


def raised_rows(rows: Sequence[Any], declared: dict[str, Any], declared2: dict[str, Any] | None = None) -> set[int]:
    """The rows whose 分值 looks raised over what their 一级 allows, the 得分 left at the old 分值: under a 一级
    ``three_off`` names with its 三级 over it (12 where the 一级 leaves 10), the one row whose 得分 is short of its
    分值 by just that excess. The weight rule (F3/F4, V2/V3: ``weight_sum_hit``) tells the 填报人 to lower that 分值;
    the reason rule (F8, V7: ``reason_hits``) asked beside it for a 扣分原因 of the 2 分 “扣了” — a deduction no one
    made.

    The one row: where the 二级 分值 (``declared2``) name a 二级 of that 一级 whose 三级 are over it by the same
    excess, the raised row is in it; and where two rows are still short by the excess, which one was raised
    cannot be told and both are asked (the raised one's question goes once its 分值 is lowered). Session 63 took
    every row short by the excess: a real deduction of that size elsewhere in the 一级 (目标内容 8 of 10, no
    扣分原因, beside 决策程序 raised from 5 to 7) was asked only after the 分值 was put right — a second 退回.
    ``raised_row_formula`` is the sheet's twin: a change here is a change there."""
    off = three_off(rows, declared)
    out: set[int] = set()
    for name, (w, s) in off.items():
        if s <= w:
            continue
        excess = s - w
        mine = [i for i, r in enumerate(rows) if r.level1 == name]
        short = [i for i in mine if rows[i].weight is not None and rows[i].score is not None
                 and score_above(rows[i].weight, rows[i].score) and not scores_apart(rows[i].weight - rows[i].score, excess)]
        sums2: dict[str, float] = {}
        for i in mine:
            sums2[rows[i].level2] = sums2.get(rows[i].level2, 0.0) + (rows[i].weight or 0)
        over2 = {k for k, s2 in sums2.items()
                 if isinstance(w2 := (declared2 or {}).get(k), (int, float)) and not scores_apart(s2 - w2, excess)}
        if over2:
            short = [i for i in short if rows[i].level2 in over2]
        if len(short) == 1:
            out.update(short)
    return out


@dataclass(frozen=True)
class RowColumns:
    """Where a table kind's sheet keeps an indicator row, for the Excel twins of this module: the 三级 分值
    (``weight``) and 得分 (``score``), the 一级 and 二级 分值 (``level1_weight``, ``level2_weight``, on the first
    row of their block), and the row's other cells the reader reads (``others``: a row holding anything there is
    an indicator)."""

    weight: str
    score: str
    level1_weight: str
    level2_weight: str
    others: str


@dataclass(frozen=True)
class Blocks:
    """Where the rows of one 二级 block sit, for the Excel twins: the whole indicator table (``rows``: first and
    last sheet row), the first row of each 一级 block (``tops``: where its 分值 is — a 一级 printed again on the
    next page of a split block holds it twice, read once, as the reader does), this 二级's 一级 block
    (``level1``), the 二级 blocks of that 一级 (``level2s``) and this one (``level2``)."""

    rows: tuple[int, int]
    tops: tuple[int, ...]
    level1: tuple[int, int]
    level2s: tuple[tuple[int, int], ...]
    level2: tuple[int, int]


def raised_row_formula(row: int, at: Blocks, cols: RowColumns) -> str:
    """``raised_rows``' Excel twin, for the templates' conditional formats: true on sheet row ``row`` (relative
    references, as a conditional format's first cell) where it is such a row. Without it the 扣分原因 cell of a
    raised row was coloured as a deduction without its reason while F8/V7 said nothing of it.

    Each term is one of ``three_off``'s and ``raised_rows``' tests, in their order: every row that holds
    anything has a 分值; the 三级 分值 do not add up to 100; every 一级 has its 分值 and those add up to 100;
    this 一级's 三级 add up to more than it; the row is short by just that excess; where some 二级 of the 一级
    is over by the excess too, the row's 二级 is one of them; and it is the only such row. (A 分值 or 得分
    written as text, which the reader takes as its number, makes the format's sums an error: the cell is then
    coloured as before.)"""
    f, last = at.rows
    a, b = at.level1
    w, s, l2 = cols.weight, cols.score, cols.level2_weight
    weights = f"${w}${f}:${w}${last}"
    filled = "&".join(f"${c}${f}:${c}${last}" for c in cols.others)
    level1 = f"${cols.level1_weight}${a}"
    excess = f"SUM(${w}${a}:${w}${b})-{level1}"
    declared = [f"${cols.level1_weight}${t}" for t in at.tops]

    def short(c: int, d: int) -> str:   # how many rows of c..d are short by the excess
        ws, ss = f"${w}${c}:${w}${d}", f"${s}${c}:${s}${d}"
        return (f"SUMPRODUCT(ISNUMBER({ws})*ISNUMBER({ss})*(({ws}-{ss})>{SCORE_EDGE_SAID})"
                f"*(ABS(({ws}-{ss})-({excess}))<={SCORE_EDGE_SAID}))")

    def over(c: int, d: int) -> str:    # the 二级 of c..d is over its 分值 by the excess too
        return f"IF(ISNUMBER(${l2}${c}),NOT({apart_formula(f'SUM(${w}${c}:${w}${d})-${l2}${c}', excess)}),FALSE)"

    some = "OR(" + ",".join(over(c, d) for c, d in at.level2s) + ")"
    among = "+".join(f"IF({over(c, d)},{short(c, d)},0)" for c, d in at.level2s)
    return "AND(" + ",".join([
        f"SUMPRODUCT((LEN(TRIM({filled}))>0)*NOT(ISNUMBER({weights})))=0",
        apart_formula(f"SUM({weights})", "100"),
        *(f"ISNUMBER({d})" for d in declared),
        f"NOT({apart_formula('+'.join(declared), '100')})",
        above_formula(f"SUM(${w}${a}:${w}${b})", level1),
        f"ISNUMBER({w}{row})", f"ISNUMBER({s}{row})", above_formula(f"{w}{row}", f"{s}{row}"),
        f"NOT({apart_formula(f'{w}{row}-{s}{row}', excess)})",
        f"IF({some},AND({over(*at.level2)},{among}=1),{short(a, b)}=1)"]) + ")"


def reason_hint_formula(row: int, at: Blocks, cols: RowColumns, reason: str) -> str:
    """``reason_hits``' Excel twin with ``level1_weights`` (F8, V7), for the 扣分原因 cell ``reason``{``row``} of
    a row of the 二级 block ``at`` (``raised_row_formula``'s): its 得分 short of its 分值 (``score_above``: a
    9.995 of 10 is full marks, as the rule takes it, not the bare “<”), a reason that says nothing
    (``says_nothing_formula``), and not a raised row."""
    w, s = f"{cols.weight}{row}", f"{cols.score}{row}"
    return (f"AND(ISNUMBER({s}),ISNUMBER({w}),{above_formula(w, s)},{says_nothing_formula(f'{reason}{row}')},"
            f"NOT({raised_row_formula(row, at, cols)}))")


def reason_hint_blocks(level1: Sequence[tuple[int, int]], level2: Sequence[tuple[int, int]]) -> list[Blocks]:
    """Each 二级 block of a sheet (``level2``: first and last sheet row of each, as ``level1`` of each 一级) with
    what ``reason_hint_formula`` reads of the blocks around it: one conditional format a 二级 block."""
    rows = (level1[0][0], level1[-1][1])
    tops = tuple(a for a, _b in level1)
    out = []
    for a, b in level1:
        mine = tuple((c, d) for c, d in level2 if a <= c and d <= b)
        out += [Blocks(rows, tops, (a, b), mine, block) for block in mine]
    return out


def raised_told(rows: Sequence[Any], raised: Collection[int], level2_off: Iterable[Collection[int]]) -> dict[int, str]:
    """Raised rows (``raised_rows``) whose 二级 has its own 分值 finding (``level2_off``: the rows of each 二级
    whose 分值 is not the sum of its 三级, as the kind's F4/V3 groups them) -> that 二级's name: the finding
    nearest the row, which names it in full; the 一级's finding points there (``weight_sum_hit``'s ``pointed``)."""
    out: dict[int, str] = {}
    for idx in level2_off:
        for i in idx:
            if i in raised:
                out[i] = rows[i].level2
    return out


THREE_SUM = "其下三级指标分值合计 "   # what the figures of a ``weight_sum_hit`` on a raised 三级 are sums of


def three_off_said(off: dict[str, tuple[float, float]]) -> str:
    """Where the 三级 分值 of a form over (or under) 100 are off, for the 分值合计 finding (F1, V1): “（一级指标
    “产出”25 分，其下三级指标分值之和为 30 分）” — it said 105 without saying where."""
    where = "；".join(f"一级指标“{name}”{score_text(w)}，其下三级指标分值之和为 {score_text(s)}"
                     for name, (w, s) in off.items())
    return f"（{where}）" if where else ""


def weight_sum_hit(path: str, zh: str, name: str, w: float | int, s: float, three_wrong: bool,
                   raised: Sequence[Any] = (), pointed: Sequence[tuple[Any, str]] = ()) -> Hit:
    """The 一级/二级 分值 ``w`` against the sum ``s`` of its 三级 (F3, F4, V2, V3). ``three_wrong``: its 一级 is
    one ``three_off`` names, so the 三级 are to add up to ``w``, not ``w`` to become ``s``: ``expected`` is then
    the sum the 三级 should make and ``found`` the sum they make — numbers, as F1's 100 and its sum (outputs.md:
    a program reads them; session 63 put the words there) — and what they are sums of is said in the added
    ``expected_shown``/``found_shown``, which the 校验结果 sheet and the 清单 print: a bare “表中为 30 分” beside
    a 一级 cell showing 25 read as if the cell held 30.

    ``raised``: the row under it that ``raised_rows`` takes for the raised one (its 扣分原因 not asked by F8/V7),
    named, with what a 2 分 that was a real deduction then asks once the 分值 is lowered: the rules cannot tell
    the two apart, and unnamed, the 填报人 neither knew which row nor why no 扣分原因 was asked of it.

    ``pointed``: raised rows (with their 二级's name) that the 二级's own finding names in full (``raised_told``):
    a 一级 finding only points there. Both said it in full, and the 退回修改通知 and the 校验结果 carried the same
    long advice twice, one line under the other."""
    if three_wrong:
        which = "".join(f"；多出的 {score_text(r.weight - r.score)}像是“{r.name}”的分值填高了，见二级指标“{level2}”一条"
                        for r, level2 in pointed)
        which += "".join(f"；其中“{r.name}”的分值 {score_text(r.weight)}、得分 {score_text(r.score)}，正好少了多出的 "
                        f"{score_text(r.weight - r.score)}，像是只把分值填高了：调低它的分值即可，不必为这 "
                        f"{score_text(r.weight - r.score)}写扣分原因；如确有扣分，调低分值后请相应改正得分并写明扣分原因"
                        for r in raised)
        return Hit(path, f"{zh}指标“{name}”的分值为 {score_text(w)}，其下三级指标分值之和为 {score_text(s)}："
                   f"各一级指标分值合计已是 100 分，应调整其下三级指标的分值，使之合计为 {score_text(w)}，"
                   f"不要把{zh}指标的分值改为 {score_text(s)}" + which,
                   expected=shown(w), found=rounded(s),
                   expected_shown=f"{THREE_SUM}{score_text(w)}", found_shown=f"{THREE_SUM}{score_text(s)}")
    return Hit(path, f"{zh}指标“{name}”的分值应为其下三级指标分值之和 {score_text(s)}，表中为 {score_text(w)}",
               expected=rounded(s), found=shown(w))


class ScoredRow(Protocol):
    name: str
    weight: float | int | None
    score: float | int | None
    reason: str | None


def blank_hits(rows: Sequence[ScoredRow], column: str = "扣分原因") -> Iterator[Hit]:
    """A row without its 分值 or its 得分. The 应为 is what to do, never the bare name of the cell
    (“应为：得分”)."""
    for i, ind in enumerate(rows):
        if ind.weight is None:
            yield Hit(f"indicators[{i}].weight", f"指标“{ind.name}”的分值未填写",
                      expected="按评价指标体系填写分值", found=None)
        if ind.score is None:
            yield Hit(f"indicators[{i}].score", f"指标“{ind.name}”的得分未填写",
                      expected=blank_score_todo(column), found=None)


def blank_score_todo(column: str) -> str:
    """What a blank 得分 asks for, the reason column (``column``) named: the 应为 of every kind's rule."""
    return f"填写得分，没有得分的填 0，并在“{column}”中写明原因"


def range_hits(rows: Sequence[ScoredRow]) -> Iterator[Hit]:
    """A 得分 below 0 or above its 分值."""
    for i, ind in enumerate(rows):
        if ind.score is None:
            continue
        if ind.score < -EPS:
            yield Hit(f"indicators[{i}].score", f"指标“{ind.name}”的得分不能为负数，表中为 {score_text(ind.score)}",
                      expected=f"0–{num(ind.weight)}", found=shown(ind.score))
        elif ind.weight is not None and score_above(ind.score, ind.weight):
            yield Hit(f"indicators[{i}].score",
                      f"指标“{ind.name}”的得分不能超过分值 {score_text(ind.weight)}，表中为 {score_text(ind.score)}",
                      expected=f"0–{num(ind.weight)}", found=shown(ind.score))


def reason_hits(rows: Sequence[ScoredRow], column: str = "扣分原因",
                what: str = "扣分的具体原因：哪一项没有达到、差多少", skip: Collection[int] = (),
                level1_weights: dict[str, Any] | None = None,
                level2_weights: dict[str, Any] | None = None) -> Iterator[Hit]:
    """A deduction (得分 < 分值) with a blank reason column (扣分原因; the project form's
    偏差原因分析及改进措施): every form kind checks this through here. Its 应为 says what the
    column should hold (``what``), not the column's name the message gives already. ``skip``: rows
    whose score another finding raises to full (no deduction to explain). A reason that says nothing
    (“无”, “/”, “暂无”: ``core.numbers.says_nothing``) is none: it passed as one. ``level1_weights``: the
    一级 分值 as written, where the form has them: a row whose 分值 was raised over them (``raised_rows``) is
    told by the weight rule to lower it, not asked here for a 扣分原因 of a deduction that is none;
    ``level2_weights``, the 二级 分值, tell which row that is (``raised_rows``)."""
    if level1_weights is not None:
        skip = set(skip) | raised_rows(rows, level1_weights, level2_weights)
    for i, ind in enumerate(rows):
        if ind.score is None or ind.weight is None or not score_above(ind.weight, ind.score) or i in skip:
            continue
        if says_nothing(ind.reason):
            said = (ind.reason or "").strip()
            yield Hit(f"indicators[{i}].reason",
                      f"指标“{ind.name}”得分 {score_text(ind.score)}，低于分值 {score_text(ind.weight)}，扣了 "
                      f"{score_text(ind.weight - ind.score)}，应在“{column}”中写明原因，"
                      + (f"表中只写了“{said}”" if said else "表中为空白"),
                      expected=f"写明{what}", found=said or None)


def _follows(want: float | int, written: float | int, written_grade: str | None, bands: Bands | None,
             verb: str = "应为") -> str:
    """“，等级随之应为“优””: where the total ``want`` earns another grade than the written total
    ``written``, and the 等级 written is the one ``written`` earns (the formula's, or typed to match it) —
    the grade cell is then no mistake of its own (``grade_hits`` says nothing), only this finding on
    the total can say the 等级 changes with it."""
    if bands is None or not written_grade or not written_grade.strip():
        return ""
    right, now = grade(want, bands), grade(written, bands)
    if right is None or right == now or grade_word(written_grade) != now:
        return ""
    return f"，等级随之{verb}“{right}”"


# a score cell read from a number written as text (X2): where it is named, what was written, the number read
TextScore = tuple[str, str, float]


def text_scores(item: Any, paths: Iterable[str], cell: Callable[[str], str | None]) -> list[TextScore]:
    """The score cells of ``item`` (a ``sources.Loaded``; its fields ``paths``, placed by ``cell`` and
    ``item.sheet_of``) that hold a number written as text, read as that number (X2's ``TextNumber``):
    what the form's own SUM formula leaves out of its total. A cell on a 续表 is named with its sheet."""
    from ...guard.sanitize import TextNumber

    notes = [n for n in getattr(item.sheet_form, "notes", None) or () if isinstance(n, TextNumber)]
    if not notes:
        return []
    at = {(item.sheet_of(p), c) for p in paths if (c := cell(p))}
    out = []
    for n in notes:
        sheet = n.sheet or item.sheet
        if n.cell and (sheet, n.cell) in at:
            out.append((n.cell if sheet == item.sheet else f"“{sheet}”{n.cell}", n.written, float(n.number)))
    return out


def indicator_text_scores(item: Any, kind: Any) -> list[TextScore]:
    """``text_scores`` of the indicators' 得分 of a table kind's form (``item``, read as ``kind``, a
    ``FormKind``): what its total rule (F12, V8) says the form's SUM left out."""
    return text_scores(item, (f"indicators[{i}].score" for i in range(len(item.form.indicators))),
                       lambda path: kind.cell_of(item, path))


def text_left_out(written: float | int | None, summed: float | int, texts: Sequence[TextScore]) -> str:
    """“（H15 的“2.5分”是文字，表中公式未计入）”: where the written total is the sum of the scores as read
    (``summed``) less those written as text (``texts``, ``text_scores``) — the form's SUM skipped them, and the
    total's finding says why it is short, beside X2 on the cell itself; "" otherwise."""
    if written is None or not texts or scores_apart(written, summed - sum(n for _c, _w, n in texts)):
        return ""
    return "（" + "、".join(f"{c} 的“{w}”" for c, w, _n in texts) + "是文字，表中公式未计入）"


# said where the total cell is our template's formula: what to change is the 分值 and 得分 it adds, and a
# number typed over it (as “重新合计” and “应为 104.25” asked) stops it following them
def recomputes(label: str = "总分") -> str:
    """“总分格是公式，随之自动重新合计，不要在总分格中键入数字”, of the total ``label`` (总分, 总计得分)."""
    return f"{label}格是公式，随之自动重新合计，不要在{label}格中键入数字"


RECOMPUTES = recomputes()


def formula_fix(what: str = "上述得分改为改正后的分数", label: str = "总分", texts: Sequence[TextScore] = ()) -> str:
    """“请把上述得分改为改正后的分数，总分格是公式，……”: what D7, D11, D14, F12 and V8 ask where the total
    (``label``) is our template's formula — the cells it adds, never a number for the total cell. The
    “请……改为” is also what tells the marked copy and the 通知 that no “应为” follows (``core.expected``).
    ``texts``: the scores typed as text its SUM left out (``text_left_out``), to be made numbers too — after
    ``what`` where it asks something else (“……改为改正后的分数，把 I12 的得分改为数字”), else alone: the total
    follows only once both are done. Its hit says ``expected_is_formula`` (the 应为 columns, ``Finding``)."""
    if texts:
        what = f"{what}，把{made_numbers(texts)}" if what else made_numbers(texts)
    return f"请把{what}，{recomputes(label)}"


def texts_besides(texts: Sequence[TextScore], cells: Collection[str | None]) -> list[TextScore]:
    """The scores typed as text (``texts``) but those in ``cells``: the scores a total's finding already asks to
    change (“……18.5分 → 20 分”), which typed again are numbers — “把 H17 的得分改为数字” after it asked twice."""
    return [t for t in texts if t[0] not in cells]


def made_numbers(texts: Sequence[TextScore]) -> str:
    """“ H15、H17 的得分改为数字”: what to do with the scores typed as text (``text_scores``) that a formula
    total left out, after a “把” (``formula_fix``, D11's first step above 100)."""
    return f" {'、'.join(c for c, _w, _n in texts)} 的得分改为数字"


def total_hits(written: float | int | None, want: float | int, label: str,
               written_grade: str | None = None, bands: Bands | None = None,
               texts: Sequence[TextScore] = (), formula: Callable[[], bool] | None = None) -> Iterator[Hit]:
    """A written total (``label``: 总分, 总计得分) that is not Σ 得分 (``want``); with ``bands``, the
    等级 that changes with it (``_follows``); ``texts``: the scores written as text (``text_left_out``).
    ``formula``: asks whether the total cell holds the template's formula, asked only where the text scores
    explain the gap: its SUM left them out, and making them numbers is the fix — “{label}应为各指标得分之和
    87.4” on it asked for a number typed over the formula (as D7's)."""
    if written is not None and scores_apart(written, want):
        left_out = text_left_out(written, want, texts)
        live = bool(left_out) and formula is not None and formula()
        fix = f"；{formula_fix('', label, texts)}" if live else ""
        yield Hit("total_score", f"{label}{'将为' if live else '应为'}各指标得分之和 {score_text(want)}，表中为 {score_text(written)}"
                  + left_out + _follows(want, written, written_grade, bands, "将为" if live else "应为") + fix,
                  expected=rounded(want), found=shown(written), expected_is_formula=live)


def corrected_total_hits(written: float | int | None, rows: Sequence[ScoredRow],
                         reviewed: Sequence[float | int | None], reviewed_total: float | int,
                         label: str, written_grade: str | None = None,
                         bands: Bands | None = None, texts: Sequence[TextScore] = (),
                         formula: Callable[[], bool] | None = None,
                         cell: Callable[[str], str | None] | None = None) -> Iterator[Hit]:
    """A written total (``label``: 总分, 总计得分) held to the total the summary reviews: where a score
    written is itself wrong (above its 分值, not its standard's), the total the scores make once
    corrected (``reviewed``, row by row; ``reviewed_total``), each change and the sum as written said
    beside it (as the project form's D11) — one value for the cell, the 复核 汇总 gives; so too where a
    score left blank is counted by the review (``reviewed`` gives it) and the total is typed (not the
    sum as written). Else the sum as written (``total_hits``): a blank score alone under a total that is
    the sum as written is the blank rule's, and the template's total formula follows it. With ``bands``, a 等级 that follows the written total is said to change with
    it (``_follows``). ``texts``: the scores written as text, which the form's own SUM left out (``text_left_out``).
    ``formula``: asks whether the total cell holds the template's formula (``forms.sums.holds_formula``), asked only
    where the total is the sum as written (or short of it by just the scores written as text, which its SUM skipped)
    and a corrected one is said: then the scores are what to change, the text ones made numbers, and the total
    recomputes itself — “{label}应为 X” on it asked for a number typed over the formula. ``cell``: where a field sits
    (``FormKind.cell_of``), to leave a text score already corrected out of those to make numbers."""
    written_sum = sum(r.score or 0 for r in rows)
    if formula is not None:
        formula = functools.cache(formula)   # asked here and in ``total_hits``: the look-up reads the workbook once
    # a blank score the review counts (a 部门整体 formula whose figures are text, or cleared over its
    # figures) corrects a total typed over the formula: the sum as written (64.26, “等级随之应为‘中’”)
    # was no total to write beside F6's “公式即按评分标准得 5 分” and a 复核总分 of 85.26; a total that is
    # the sum as written is the formula's, which follows the blank once filled (F6's alone)
    unsummed = written is not None and scores_apart(written, written_sum)
    left_out = text_left_out(written, written_sum, texts) if unsummed else ""
    # short of the sum by just the scores typed as text, under the template's formula: its SUM skipped them (X2),
    # nobody typed the total — “{label}应为 95” on it asked for a number typed over the formula, which then
    # followed neither the corrected score nor the text made a number
    typed = unsummed and not (left_out and formula is not None and formula())
    corrected = any(s is not None and (scores_apart(r.score, s) if r.score is not None else typed)
                    for r, s in zip(rows, reviewed))
    if written is None or not corrected or not scores_apart(reviewed_total, written_sum):
        yield from total_hits(written, written_sum, label, written_grade, bands, texts, formula)
        return
    if not scores_apart(written, reviewed_total):
        return
    at = [i for i, (r, s) in enumerate(zip(rows, reviewed))
          if s is not None and (r.score is None or scores_apart(r.score, s))]
    moved = [(rows[i], reviewed[i]) for i in at]
    changed = [f"“{r.name}”{score_text(r.score)} → {score_text(s)}" for r, s in moved]
    blanks = sum(r.score is None for r, _s in moved)
    verb = "改正" if not blanks else "补上" if blanks == len(moved) else "补上、改正"
    live = not typed and formula is not None and formula()   # the template's total: it follows the scores
    yield Hit("total_score",
              f"{verb}得分后（{'；'.join(changed)}），{label}{'将为' if live else '应为'} {score_text(reviewed_total)}；表中{label}为 {score_text(written)}"
              + (f"，也不等于表中各项得分之和 {score_text(rounded(written_sum))}" + left_out if unsummed else "")
              + _follows(reviewed_total, written, written_grade, bands, "将为" if live else "应为")
              + ("；" + formula_fix(f"上述得分{'补上或' if blanks else ''}改为改正后的分数", label,
                                   texts_besides(texts, {cell(f"indicators[{i}].score") for i in at} if cell else ())
                                   if left_out else ())
                 if live else ""),
              expected=rounded(reviewed_total), found=shown(written), expected_is_formula=live)


def cleared_hits(cleared: Collection[str], wants: dict[str, tuple[str, Any]]) -> Iterator[Hit]:
    """An error on each computed cell a 填报人 cleared by hand (``forms.sums.cleared``; ``wants``: field -> its label
    and what its formula would show, a number or a 等级): it shows blank, and nothing on the sheet fills it in — it
    read as a blank the formula would fill (nothing said), and the check, the 汇总表 and the reports counted the
    total the sheet never showed. As the project form's A4 says of its 执行率得分."""
    for fld, (label, want) in wants.items():
        if fld not in cleared:
            continue
        grade_cell = isinstance(want, str)
        said = (f"“{want}”" if grade_cell else f" {score_text(want)}") if want not in (None, "") else ""
        typed = (f"“{want}”" if grade_cell else f" {num(rounded(want))}") if said else ""
        yield Hit(fld, f"{label}未填写：单元格中没有公式，也没有{'等级' if grade_cell else '数字'}"
                  + (f"；应为{said}，请填入{typed}，或从模板复制{label}的公式" if said else f"，请从模板复制{label}的公式"),
                  expected=(want if grade_cell else rounded(want)) if said else None, found=None)


TOTAL_ROW = ("total_weight", "total_score", "grade")   # the computed cells of a table kind's 总分 row


def cleared_totals(item: Any, kind: Any) -> frozenset[str]:
    """The cells of the 总分 (总计) row of a table kind's form cleared by hand (``forms.sums.cleared``)."""
    from ...forms.sums import cleared

    if item.sheet_form is None or not item.sheet_form.rows.get("total"):   # no 总分 row read: no cell to say
        return frozenset()
    return cleared(item.file, item.sheet, {f: kind.cell_of(item, f) for f in TOTAL_ROW}, item.form)


def written_sum(values: Iterable[Any]) -> float | None:
    """What a template's ``IF(COUNT(r)=0,"",SUM(r))`` over ``values`` shows: the numbers' sum, None for none."""
    nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return round(sum(nums), 10) if nums else None


def cleared_grade_hits(form: Any, cleared: Collection[str], bands: Bands,
                       summed: Iterable[Any] | None = None) -> Iterator[Hit]:
    """``cleared_hits`` of the 等级 cell: the 等级 its formula would show for the 总分 on the sheet (or, cleared
    too, the sum of the scores its formula would show; ``summed``: what the 总分 adds where not only the
    indicators' scores, the project form's 执行率得分 with them)."""
    if "grade" not in cleared:
        return
    total = form.total_score if form.total_score is not None else written_sum(
        summed if summed is not None else (i.score for i in form.indicators))
    yield from cleared_hits(cleared, {"grade": ("等级", grade(total, bands) if total is not None else None)})


def grade_hits(written: str | None, total: float | int | None, label: str,
               bands: Bands = DEFAULT_BANDS, corrected: float | int | None = None, *,
               computed: bool = False) -> Iterator[Hit]:
    """A written 等级 that is not the band of ``total`` (``label``: 总分, 综合得分). “优秀” is 优
    (``core.grades.grade_word``); a word of another scale (“合格”) is none of the bands: said so,
    with the band the total earns, never taken for one.

    ``corrected``: what the total should be where the written one is itself wrong (the “应为” of the
    total's own finding: V8, F12, D7/D11). The 等级 is then held to it, not to a total that is to
    change: the band ``corrected`` earns is right (a 等级 “优” beside a 总计 of 103 that should be 95
    was told to become “无法评定”, against the total's finding saying 95), any other is told that band.
    ``computed``: the total is a formula's, said as its cell of two decimals shows it (``score_text``)."""
    if not written or not written.strip():
        return
    want = grade(total, bands)
    said = grade_word(written)
    if not want or total is None or said == want:
        return
    other = "" if said else f"，不是等级分段（{grades_said(bands)}）中的等级"
    right = grade(corrected, bands) if corrected is not None and scores_apart(corrected, total) else None
    if right is None:
        yield Hit("grade", f"{label} {score_text(total, computed=computed)}对应的等级为“{want}”，表中为“{written.strip()}”{other}",
                  expected=want, found=written)
    elif said != right:
        yield Hit("grade", f"{label}应为 {score_text(corrected, computed=computed)}（表中为 {score_text(total, computed=computed)}），对应的等级为“{right}”，"
                  f"表中为“{written.strip()}”{other}", expected=right, found=written)


def run_rules(items: Iterable[Any], rules: list[Rule], context: Callable[[Any], Any],
              cell: Callable[[Any, str], str | None], name: Callable[[Any], str]) -> list[tuple[Any, list[Finding]]]:
    """(score, findings) per form: ``context(item)`` is what the rules get (with a ``score``),
    ``cell(item, path)`` the cell of a field, ``name(form)`` the name findings carry."""
    from ...guard.sanitize import one_per_error_cell, read_findings
    from . import variant_of

    out = []
    for item in items:
        ctx = context(item)
        # a hit of another severity than its rule's is filed under that severity's variant (rules/variants.py);
        # a cell showing an error value has one finding (``one_per_error_cell``)
        out.append((ctx.score, one_per_error_cell(read_findings(item, name(item.form)), [Finding(
                                        rule=variant_of(r, hit.severity).code, severity=hit.severity or r.severity, field=hit.field,
                                        message=as_said(hit.message), expected=hit.expected, found=hit.found,
                                        file=item.file, sheet=item.sheet, cell=cell(item, hit.field),
                                        project=name(item.form), source=item.source, topic=hit.topic,
                                        expected_shown=hit.expected_shown, found_shown=hit.found_shown,
                                        expected_is_formula=hit.expected_is_formula)
                                for r in rules for hit in r.func(ctx)])))
    return out


def check_kind(items: Iterable[Any], kind: str, context: Callable[[Any], Any], name: Callable[[Any], str],
               catalogue: dict[str, Rule] | None = None) -> list[tuple[Any, list[Finding]]]:
    """``FormKind.check_forms`` of a table kind: the kind's own single-form rules (``form_type`` is
    its key) over each form, findings on the cells the form was read from."""
    from ...forms import by_key

    if catalogue is None:
        from . import load_catalogue

        catalogue = load_catalogue()
    rules = [r for r in catalogue.values() if r.form_type == kind and not r.cross]
    return run_rules(items, rules, context, by_key(kind).cell_of, name)
