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

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

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


def score_formulas(sheet_forms: Iterable[Any], formulas: Formulas) -> int:
    """Mark the sheet forms of our template whose 执行率得分 cell holds a formula (``SheetForm.score_formula``), asked
    only where a 全年执行数 or 全年预算数 looks like 元 beside the other (``core.rates.wan_rate``) and a score is
    written: there the template's formula gives the score of the funds as written (10 分 from 765000 ÷ 80) and
    follows once the 元 is put right, while the same number typed stays (rule A4). Returns how many."""
    from ...core.rates import wan_rate

    todo = [(sf, sf.layout.cell("exec_score")) for sf in sheet_forms
            if sf.native and sf.form.exec_score is not None
            and wan_rate(executed=sf.form.funds.column("executed"), annual=sf.form.funds.column("annual"))]
    if not todo:
        return 0
    held = formulas([(sf.sheet, cell) for sf, cell in todo])
    marked = [sf for sf, cell in todo if (sf.sheet, cell) in held]
    for sf in marked:
        sf.score_formula = True
    return len(marked)


def formulas_in_file(path: str | Path) -> FileFormulas:
    """``Formulas`` of a workbook file: the formulas of each sheet asked about, read with openpyxl
    (read-only) the first time that sheet is asked about and kept for the next question; none for a
    file it cannot read (an .xls, .et or .ods, a damaged one). Why per sheet and kept: a kind asks
    more than once (the 部门整体 form: its 等级 formulas, then its blank formula 得分), and each
    question opened the workbook again; a cell looked up in a read-only sheet parses the sheet from
    its top anyway, so one pass over it costs no more than a few lookups. Within ``one_file`` the
    same path gives the same ``FileFormulas``, sheets already read and all."""
    if _SHARED is not None:
        got = _SHARED.get(str(path))
        if got is None:
            if len(_SHARED) >= _KEEP:   # the forms of many files checked together: the oldest file let go
                del _SHARED[next(iter(_SHARED))]
            got = _SHARED[str(path)] = FileFormulas(path)
        return got
    return FileFormulas(path)


_KEEP = 4   # files whose packages one scope holds (each its bytes: ~0.5 MB a 100-form workbook)


class FileFormulas:
    """``Formulas`` of one workbook file (``formulas_in_file``): called with (sheet, cell)s, the formula
    texts of those that hold one; ``holds`` asks of one cell only whether it holds one."""

    def __init__(self, path: str | Path) -> None:
        from ...excel.cache import Package

        self.path = path
        self.known: dict[str, dict[str, str]] = {}
        self.package = Package(path)   # read with the first sheet asked, kept for the next
        self.readable = Path(path).suffix.lower() in (".xlsx", ".xlsm")

    def __call__(self, cells: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        if not self.readable:
            return {}
        todo = sorted({sheet for sheet, _ref in cells} - self.known.keys())
        if todo:
            self.known.update(_sheet_formulas(self.path, todo, self.package))
        out: dict[tuple[str, str], str] = {}
        for sheet, ref in cells:
            text = self.known[sheet].get(ref)
            if text is not None:
                out[(sheet, ref)] = text
        return out

    def holds(self, sheet: str, ref: str) -> bool:
        """Cell ``ref`` of ``sheet`` holds a formula: from the formulas already read of that sheet, else by
        pattern from its part (``excel.cache.Package.holds_formula``), else as ``__call__`` reads them."""
        if not self.readable:
            return False
        if sheet not in self.known:
            quick = self.package.holds_formula(sheet, ref)
            if quick is not None:
                return quick
        return (sheet, ref) in self([(sheet, ref)])


_SHARED: dict[str, FileFormulas] | None = None


@contextmanager
def one_file() -> Iterator[None]:
    """While a file is read and checked (``checking.run._load_and_check``), ``formulas_in_file`` of one
    path is one ``FileFormulas``. Why: the readers ask it once per kind, then rules D11, D12, D14 (and
    F12, V8) ask once per FORM whether its 总分 is the template's formula (``forms.sums.holds_formula``),
    and each asking opened the workbook and read its workbook.xml and rels again: on the 10,000-form
    benchmark ~370 look-ups per 10 workbooks, as much CPU as the rest of the checking (issue #18, session 66).
    Scoped, not kept by path for good: a file saved again and checked again is read afresh."""
    global _SHARED
    outer = _SHARED
    if outer is None:
        _SHARED = {}
    try:
        yield
    finally:
        _SHARED = outer


def _sheet_formulas(path: str | Path, sheets: list[str], package: Any = None) -> dict[str, dict[str, str]]:
    """Each of ``sheets``' formulas, cell reference (“H17”) -> formula text; {} for a sheet the
    workbook does not have, and for every sheet of a workbook openpyxl cannot open. ``package``: the
    workbook read once for several calls (``excel.cache.Package``)."""
    out: dict[str, dict[str, str]] = {sheet: {} for sheet in sheets}
    from ...excel.cache import formula_texts

    try:   # by pattern from the sheet's part, most sheets: no openpyxl load of the whole workbook (issue #18)
        fast = formula_texts(path, sheets, package)
    except Exception:  # noqa: BLE001 - a damaged package: openpyxl says what it can of it below
        fast = {}
    slow = []
    for sheet in sheets:
        got = fast.get(sheet)
        if got is None:
            slow.append(sheet)
        else:
            out[sheet] = got
    if not slow:
        return out
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - calamine read it, openpyxl cannot: no formula known
        return out
    try:
        for sheet in slow:
            if sheet not in wb.sheetnames:
                continue
            held = out[sheet]
            try:   # a read-only sheet is parsed row by row: XML it cannot parse (a control character) fails here
                for row in wb[sheet].iter_rows():
                    for c in row:
                        if getattr(c, "data_type", None) == "f":   # an array formula's value is no str
                            held[c.coordinate] = str(getattr(c.value, "text", c.value))
            except Exception:  # noqa: BLE001 - no formula known for that sheet, as for a workbook it cannot open
                out[sheet] = {}
    finally:
        wb.close()
    return out


@dataclass(frozen=True)
class TypedRate:
    """A 执行率 typed as text over our template's 执行率 formula, and what 计算 puts there instead."""

    cell: str                  # the 执行率 cell (G7)
    written: str               # the text, as typed (“98.5%”)
    rate: float | int | None   # the rate ``core.rates.rate_written`` reads it as (None: no number; the text stays)
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
    from ...core.numbers import NotANumber, pct
    from ...core.rates import rate_written
    from . import layout as L

    form = sf.form
    if not sf.native or not isinstance(form.exec_rate, str) or not form.exec_rate.strip() or form.exec_score is not None:
        return None
    try:
        rate = rate_written(form.exec_rate)   # “10” in the percent cell: 10 % (0.1), as Excel enters it
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
