"""What the 填报人 typed over our template's formulas: a grade over the 等级 formula, and a 执行率
as text over the 执行率 formula (``typed_rate``, what 计算 writes there instead).

The template's 等级 cell (``layout.FormLayout.foot_cells()["grade"]``, I34 on a form of 20
indicator rows) holds a formula on the 总分; a 填报人 may type a grade over it, and nothing read
it: a typed “优” beside a 总分 of 85 was never reported. The reader keeps what the cell shows
(``SheetForm.grade_shown``); here a shown grade that is not what the template's formula shows for
the 总分 (the default bands) is looked up: a value where the formula was is typed, kept in
``stated`` for rule D13 as another layout's 自评等级 is; a formula (one 计算 rewrote to other
bands, or another) is no finding — its result is the band of its own bands, and 计算 makes them
the profile's. A grade equal to the default formula's result is not looked up: each file would be
opened again for it (issue #18), and it is what the template shows anyway. Where the workbook
cannot tell (an .xls, .et or .ods file: no formulas are read from it), a grade that differs is
taken as typed — the sheet shows a grade its 总分 does not earn either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ...core.grades import grade, grade_word

Formulas = Callable[[list[tuple[str, str]]], dict[tuple[str, str], str]]   # ``actions.Host.formulas``


def typed_grades(sheet_forms: Iterable[Any], formulas: Formulas) -> int:
    """Keep each typed 等级 of our template's sheet forms in ``stated["grade"]`` (see the module);
    ``formulas`` gives the formula text of (sheet, cell)s that hold one. Returns how many."""
    todo: list[tuple[Any, str]] = []
    for sf in sheet_forms:
        shown, total = getattr(sf, "grade_shown", None), sf.form.total_score
        if shown is None or not sf.native or total is None or grade_word(shown) == grade(total):
            continue
        todo.append((sf, sf.layout.foot_cells()["grade"]))
    if not todo:
        return 0
    held = formulas([(sf.sheet, cell) for sf, cell in todo])
    typed = [sf for sf, cell in todo if (sf.sheet, cell) not in held]
    for sf in typed:
        sf.stated["grade"] = sf.grade_shown
    return len(typed)


def formulas_in_file(path: str | Path) -> Formulas:
    """``Formulas`` of a workbook file: the formulas of each sheet asked about, read with openpyxl
    (read-only) the first time that sheet is asked about and kept for the next question; none for a
    file it cannot read (an .xls, .et or .ods, a damaged one). Why per sheet and kept: a kind asks
    more than once (the 部门整体 form: its 等级 formulas, then its blank formula 得分), and each
    question opened the workbook again; a cell looked up in a read-only sheet parses the sheet from
    its top anyway, so one pass over it costs no more than a few lookups."""
    known: dict[str, dict[str, str]] = {}

    def look(cells: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
            return {}
        todo = sorted({sheet for sheet, _ref in cells} - known.keys())
        if todo:
            known.update(_sheet_formulas(path, todo))
        out: dict[tuple[str, str], str] = {}
        for sheet, ref in cells:
            text = known[sheet].get(ref)
            if text is not None:
                out[(sheet, ref)] = text
        return out
    return look


def _sheet_formulas(path: str | Path, sheets: list[str]) -> dict[str, dict[str, str]]:
    """Each of ``sheets``' formulas, cell reference (“H17”) -> formula text; {} for a sheet the
    workbook does not have, and for every sheet of a workbook openpyxl cannot open."""
    out: dict[str, dict[str, str]] = {sheet: {} for sheet in sheets}
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - calamine read it, openpyxl cannot: no formula known
        return out
    try:
        for sheet in sheets:
            if sheet not in wb.sheetnames:
                continue
            held = out[sheet]
            for row in wb[sheet].iter_rows():
                for c in row:
                    if getattr(c, "data_type", None) == "f":   # an array formula's value is no str
                        held[c.coordinate] = str(getattr(c.value, "text", c.value))
    finally:
        wb.close()
    return out


@dataclass(frozen=True)
class TypedRate:
    """A 执行率 typed as text over our template's 执行率 formula, and what 计算 puts there instead."""

    cell: str                  # the 执行率 cell (G7)
    written: str               # the text, as typed (“98.5%”)
    rate: float | int | None   # the number ``parse_number`` reads it as (None: no number; the text stays)
    formula: str | None        # the template's 执行率 formula, where the funds give that very rate
    funds_rate: float | None   # 全年执行数 ÷ 全年预算数 as the formula computes it (None: no 预算数)
    score_cell: str            # the 执行率得分 cell (H7)
    score_formula: str | None  # the template's 执行率得分 formula, where that cell is blank without it
    score: float | None        # the 执行率得分 the sheet computes then


def typed_rate(sf: Any, formulas: Formulas) -> TypedRate | None:
    """What 计算 writes over a 执行率 typed as text on our template's sheet (``sf``), whose
    执行率得分 formula (``IF(ISNUMBER(G7) …)``) reads it as no rate and stays blank; None where
    the 执行率 is no text or the score is not blank. A text that is no number ``parse_number`` reads
    stays (``rate`` None; 校验 names it, rule A4).

    The form means 执行率 = 全年执行数 ÷ 全年预算数: the template computes it (“请勿手工改写”). Where
    the funds give the very rate the text says (as the template's 0.00% shows it), its formula goes
    back: the cell shows what the 填报人 wrote and follows the funds if they are corrected later.
    Where they give another rate, or none (a blank or zero 全年预算数), the number as written goes in
    (percent format): 计算 does not choose between the rate the 填报人 wrote and the funds — as it
    keeps a score the 填报人 typed — and 校验 names the difference (rule A3). Either way the 执行率得分
    formula then computes; where its cell holds no formula (cleared with the rate), the template's
    goes back too. ``formulas`` gives the formula text of (sheet, cell)s that hold one."""
    from ...core.numbers import NotANumber, parse_number, pct
    from . import layout as L

    form = sf.form
    if not sf.native or not isinstance(form.exec_rate, str) or not form.exec_rate.strip() or form.exec_score is not None:
        return None
    try:
        rate = parse_number(form.exec_rate)
    except NotANumber:
        rate = None
    lay = sf.layout
    cell, score_cell = lay.cell("exec_rate"), lay.cell("exec_score")
    env = L.form_env(form)
    funds_rate = L.evaluate(env)["exec_rate"]
    if rate is None:
        return TypedRate(cell, form.exec_rate.strip(), None, None, funds_rate, score_cell, None, None)
    template = lay.formulas()
    same = funds_rate is not None and pct(funds_rate) == pct(rate)
    held = formulas([(sf.sheet, score_cell)])
    return TypedRate(cell, form.exec_rate.strip(), rate, template["exec_rate"] if same else None, funds_rate,
                     score_cell, None if (sf.sheet, score_cell) in held else template["exec_score"],
                     L.evaluate(env, {"exec_rate": funds_rate if same else rate})["exec_score"])


@dataclass(frozen=True)
class ShortSums:
    """Our template's 总分 row whose 分值合计/总分 formulas sum fewer indicator rows than the sheet holds: a row
    inserted right above 总分 (or above the first indicator row) is outside ``SUM(F7,G14:G33)`` — Excel, WPS and
    LibreOffice widen a range only for a row inserted inside it. The sheet then shows a 分值合计 and 总分 that
    leave that row out, while every reader (and 校验) counts it."""

    cells: tuple[tuple[str, str, str], ...]   # (cell, its formula, the template's over all the rows) per total
    rows: tuple[tuple[int, Any], ...]         # (sheet row, indicator) of each row outside the formulas' range
    first: int                                 # the indicator rows the template's formulas sum
    last: int
    summed: tuple[int, int]                    # … and the rows the sheet's formulas sum


_RANGE = re.compile(r"\b([GH])(\d+):\1(\d+)\b")


def short_sums(sf: Any, formulas: Formulas) -> ShortSums | None:
    """``ShortSums`` of our template's sheet form ``sf`` whose totals leave out an indicator row, else None.
    Asked only where the 总分 row's figures are not what the rows read add up to (the one sign of it a value
    shows): the formulas are not looked up for a sheet whose totals agree (issue #18)."""
    from ...core.numbers import scores_apart

    form = sf.form
    if not getattr(sf, "native", False) or not sf.rows:
        return None

    def summed(values: list[Any]) -> float | None:   # as SUM does: the numbers, blanks skipped
        nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        return sum(nums) if nums else None

    off = [(f, got, want) for f, got, want in (
               ("total_weight", form.total_weight, summed([form.funds_weight, *(i.weight for i in form.indicators)])),
               ("total_score", form.total_score, summed([form.exec_score, *(i.score for i in form.indicators)])))
           if isinstance(got, (int, float)) and want is not None and scores_apart(got, want)]
    if not off:
        return None
    lay = sf.layout
    foot = lay.foot_cells()
    template = lay.formulas()
    held = formulas([(sf.sheet, foot[f]) for f, _g, _w in off])
    cells: list[tuple[str, str, str]] = []
    span = None
    for f, _got, _want in off:
        text, want = held.get((sf.sheet, foot[f])) or "", template[f]
        found = _RANGE.findall(text)
        if len(found) != 2 or len({(a, b) for _c, a, b in found}) != 1:
            continue            # not the template's formula (the 填报人's own, or a number): theirs
        a, b = int(found[0][1]), int(found[0][2])
        col = found[0][0]
        if text.replace(f"{col}{a}:{col}{b}", f"{col}{lay.first_ind}:{col}{lay.last_ind}") != want:
            continue
        cells.append((foot[f], text, want))
        span = (a, b)
    if not cells or span is None:
        return None
    rows = tuple((r, ind) for r, ind in zip(sf.rows, form.indicators)
                 if not span[0] <= r <= span[1] and (ind.weight is not None or ind.score is not None))
    if not rows:
        return None
    return ShortSums(tuple(cells), rows, lay.first_ind, lay.last_ind, span)


def short_sums_note(sf: Any, short: ShortSums) -> list[Any]:
    """The X7 notes of ``short``: one on each row outside the formulas (its 三级指标 cell), saying which
    formulas leave it out and that 计算 puts it in."""
    from ...core.numbers import score_text
    from ...reading.note import OutsideNote
    from . import layout as L

    cells = "、".join(c for c, _t, _w in short.cells)
    a, b = short.summed
    ranges = "、".join(f"{c[0]}{a}:{c[0]}{b}" for c, _t, _w in short.cells)
    out = []
    for r, ind in short.rows:
        said = [f"“{ind.name}”" if ind.name else "三级指标名称空白"]
        said += [f"{what} {score_text(v)}" for what, v in (("分值", ind.weight), ("得分", ind.score))
                 if isinstance(v, (int, float))]
        out.append(OutsideNote(
            f"{L.IND_COL_OF['name']}{r}",
            f"第 {r} 行的指标（{'，'.join(said)}）不在总分行公式的范围内：{cells} 的公式只合计第 {a}–{b} 行"
            f"（{ranges}），表中的分值合计和总分都没有计入它（紧挨着总分行上方或第一个指标行上方插入的行不在公式的范围内）。"
            f"点“计算”即把 {cells} 的公式改为合计第 {short.first}–{short.last} 行"))
    return out
