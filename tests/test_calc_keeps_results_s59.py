"""计算's copy keeps a result for every formula whose value is known (stop 59).

The copy dropped the stored results of every sheet 计算 changed, but for the template's computed cells (their
twins): a 填报人's own 得分 formula (=G15*0.9, stored 9) read blank to calamine, so ``check`` of the copy said
“得分未填写” (D3) where the original said 9 分 (D4), and the 总分 stored beside blank scores did not add up.
Now a formula that reads nothing 计算 changed keeps its result; one that does is recalculated
(``excel.recalc``), and LibreOffice computes the same."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc

from conftest import need_libreoffice
from jixiao.actions import FileHost, calc
from jixiao.excel.cache import inject, stored_results
from jixiao.excel.recalc import XlError, Unknown, evaluate
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form


def _grade(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def _book(sample_json, tmp_path, h16="=H17/2"):
    """One form whose H14 and H15 hold the 填报人's formulas (=G14*1, =G15*0.9), H16 one reading H17 (=H17/2),
    H17 blank for 计算 to fill; every formula's result stored, as Excel or WPS saves them."""
    data = json.loads(json.dumps(sample_json[0]))
    data["indicators"][3]["score"] = None
    data["total_score"] = None     # the formula's (the sample states its published one, which fill types over it)
    src = write_forms([parse_form(data)], tmp_path / "written.xlsx")
    stored = stored_results(src)
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    total = next(r for r in range(15, ws.max_row + 1) if "SUM(H7" in str(ws[f"H{r}"].value))
    ws["H14"], ws["H15"], ws["H16"] = "=G14*1", "=G15*0.9", h16
    book = tmp_path / "填报.xlsx"
    wb.save(book)
    results = {ref: st for ref, (st, _f) in stored.sheets[ws.title].items()}
    scores = {"H14": ws["G14"].value * 1, "H15": ws["G15"].value * 0.9, "H16": 0}
    shown = results["H7"].value + sum(scores.values()) + sum(
        ws[f"H{r}"].value for r in range(17, total) if isinstance(ws[f"H{r}"].value, (int, float)))
    results.update(scores, **{f"H{total}": shown, f"I{total}": _grade(shown)})
    inject(book, {ws.title: results})
    return book, ws.title, total


def _values(path, sheet):
    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _calc(src, out):
    host = FileHost(str(src), str(out))
    done = calc(host)
    host.save()
    return done


def test_the_fillers_own_formulas_keep_their_results(sample_json, tmp_path):
    book, sheet, total = _book(sample_json, tmp_path)
    out = tmp_path / "计算.xlsx"
    assert _calc(book, out).filled == 1          # H17
    before, after = _values(book, sheet), _values(out, sheet)
    assert (before[13][7], before[14][7]) == (10, 9) and before[16][7] in ("", None)
    assert (after[13][7], after[14][7]) == (10, 9)              # blank before: no result stored
    assert isinstance(after[16][7], float) and after[15][7] == pytest.approx(after[16][7] / 2)   # =H17/2 follows
    scores = [r[7] for r in after[13:total - 1] if isinstance(r[7], (int, float))]
    assert after[total - 1][7] == pytest.approx(after[6][7] + sum(scores))     # the 总分 adds up what the sheet shows
    assert after[total - 1][8] == _grade(after[total - 1][7])


def test_check_of_the_copy_reads_the_scores_the_original_had(sample_json, tmp_path, capsys):
    from jixiao.cli import main

    book, sheet, _total = _book(sample_json, tmp_path)
    out = tmp_path / "计算.xlsx"
    assert main(["calc", str(book), "-o", str(out)]) == 0
    capsys.readouterr()
    main(["check", str(out), "--json"])
    found = {(f["cell"], f["rule"]) for f in json.loads(capsys.readouterr().out) if f.get("sheet") == sheet}
    assert ("H14", "D3") not in found and ("H15", "D3") not in found and ("H17", "D3") not in found
    assert ("H15", "D4") in found          # 9 where the rules say 10: as the original's check says


def test_a_sheet_calc_did_not_change_keeps_every_result(sample_json, tmp_path):
    book, sheet, _total = _book(sample_json, tmp_path)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["H17"] = 20   # nothing left for 计算 to fill
    wb.save(tmp_path / "done.xlsx")
    stored = stored_results(book)
    results = {ref: st for ref, (st, _f) in stored.sheets[sheet].items()}
    inject(tmp_path / "done.xlsx", {sheet: results})
    out = tmp_path / "计算.xlsx"
    _calc(tmp_path / "done.xlsx", out)
    assert {r: s.value for r, (s, _f) in stored_results(out).sheets[sheet].items()} == \
        {r: s.value for r, s in results.items()}


@pytest.mark.libreoffice
def test_libreoffice_computes_what_the_copy_stores(sample_json, tmp_path):
    """The input saved by LibreOffice (its own stored results), 计算, and LibreOffice's recalculation of the copy:
    every formula of the copy has a result, the one LibreOffice computes."""
    from jixiao.excel.office import convert

    need_libreoffice()
    book, sheet, _total = _book(sample_json, tmp_path)
    saved = convert(book, "xlsx", tmp_path / "lo-in")
    out = tmp_path / "计算.xlsx"
    _calc(saved, out)
    again = convert(out, "xlsx", tmp_path / "lo-out")
    mine, theirs = stored_results(out), _values(again, sheet)
    ws = openpyxl.load_workbook(out)[sheet]
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert len(formulas) >= 8
    for c in formulas:
        got = mine.value(sheet, c.coordinate)
        assert got is not None, c.coordinate
        want = theirs[c.row - 1][c.column - 1]
        assert got == (pytest.approx(want) if isinstance(want, float) else want), c.coordinate


@pytest.mark.parametrize("formula, want", [
    ('=IF(N(IF(COUNT(D7),D7,SUM(D8:D10)))=0,"",IF(COUNT(E7),E7,SUM(E8:E10))/IF(COUNT(D7),D7,SUM(D8:D10)))', 0.925),
    ('=IF(ISNUMBER(G7),N(F7)*MIN(G7,1),"")', ""), ("=-2^2", 4), ("=2*3%", 0.06), ("=A1", 0), ("=A1&\"分\"", "分"),
    ("=ROUND(2.675,2)", 2.68), ("=SUM(D7:E7,TRUE)", 11.78), ('=IFERROR(B5*2,"文字")', "文字"),
    ('=COUNTIF(D7:E7,">5.5")', 1), ('=IF(H9>=90,"优","良")', "良"), ('=AND(D7>5,E7<5)', False),
])
def test_the_evaluator_computes_as_excel_does(formula, want):
    values = {(7, 4): 5.6, (7, 5): 5.18, (7, 6): 10, (5, 2): "10分"}
    got = evaluate(formula, lambda sheet, r, c: values.get((r, c)))
    assert got == (pytest.approx(want) if isinstance(want, float) else want)


@pytest.mark.parametrize("formula, error", [
    ("=B5*2", XlError), ("=1/0", XlError), ("=rate*2", Unknown), ("=INDIRECT(\"A1\")", Unknown),
    ("=SUM({1,2})", Unknown), ("=D7:E7", Unknown), ("=1E308*10", XlError),
])
def test_what_the_evaluator_does_not_compute_gets_no_result(formula, error):
    values = {(7, 4): 5.6, (7, 5): 5.18, (5, 2): "10分"}
    with pytest.raises(error):
        evaluate(formula, lambda sheet, r, c: values.get((r, c)))


def test_the_sample_book_copy_is_unchanged_where_calc_changed_nothing(tmp_path):
    """A workbook written by ``fill`` and 计算 with nothing to fill: the copy stores the results the input did."""
    samples = sorted((Path(__file__).parent.parent / "jixiao" / "samples" / "dachang-2022").glob("*.json"))[:2]
    forms = [parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in samples]
    src = write_forms(forms, tmp_path / "book.xlsx")
    out = tmp_path / "计算.xlsx"
    _calc(src, out)
    a, b = stored_results(src), stored_results(out)
    for sheet, cells in a.sheets.items():
        assert {r: s.value for r, (s, _f) in cells.items()} == {r: s.value for r, (s, _f) in b.sheets[sheet].items()}


_CELLS = {"A1": 5, "A2": "5", "A3": "十分", "A4": True, "A6": 2.675, "A7": -1.5, "A8": "优", "A9": 0, "A10": "良"}
_FORMULAS = [
    "=A1+A2", "=A1+A5", "=SUM(A1:A3,A5:A10)", "=COUNT(A5:A10)", "=COUNT(A2,3)", "=COUNTA(A1:A10)", "=MIN(A5:A10)",
    "=MAX(A5)", "=AVERAGE(A6:A9)", "=N(A2)", "=ISNUMBER(A2)", "=ISBLANK(A5)", "=ROUND(A6,2)", "=ROUND(A7,0)",
    "=ROUNDUP(A6,1)", "=ROUNDDOWN(A7,0)", "=INT(A7)", "=ABS(A7)", '=A8="优"', "=A5=0", '=A5=""', "=A1>A8",
    '=COUNTIF(A5:A10,"优")', '=COUNTIF(A5:A10,">=0")', '=SUMIF(A6:A10,">1",A6:A10)', "=IF(A9,1,2)", "=IF(A5,1,2)",
    '=IF(A1>3,"大")', "=OR(A9,A5)", "=NOT(A9)", "=A1&A6", "=LEN(A8&A1)", "=-A1^2", "=A1%", "=10/4",
    '=IFERROR(A3*1,"x")', "=A2*A2", "=MIN(A2,3)", '=IF(ISNUMBER(A1),N(A1)*MIN(A1/10,1),"")', "=SUM(A:A)",
    '=A2="5"', "=A2=5", "=C1+C2", "=SUM(A1:A10)", "=A1&A4", "=A4>A1", "=C2/A9",
]


@pytest.mark.libreoffice
def test_libreoffice_computes_what_the_evaluator_does(tmp_path):
    """Every formula the copy recalculates gets LibreOffice's result; one reading a TRUE typed in a cell gets none
    (LibreOffice holds it as 1, Excel not: SUM, COUNT, & and > of it differ), nor one giving an error."""
    from jixiao.excel.apply import apply_to_copy
    from jixiao.excel.office import convert
    from jixiao.excel.plan import Plan, SetValue

    need_libreoffice()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    for ref, v in _CELLS.items():
        ws[ref] = v
    for i, f in enumerate(_FORMULAS, 1):
        ws[f"C{i}"] = f
    wb.save(tmp_path / "in.xlsx")
    out = apply_to_copy(tmp_path / "in.xlsx", tmp_path / "out.xlsx", Plan([SetValue("表", "A1", 5)]), mark=None)
    lo = _values(convert(out, "xlsx", tmp_path / "lo"), "表")
    mine = stored_results(out)
    none = []
    for i, f in enumerate(_FORMULAS, 1):
        got = mine.value("表", f"C{i}")
        if got is None:
            none.append(f)
            continue
        want = lo[i - 1][2]
        assert got == (pytest.approx(want, rel=1e-14) if isinstance(want, float) else want), f
    assert none == ["=COUNTA(A1:A10)", "=SUM(A:A)", "=SUM(A1:A10)", "=A1&A4", "=A4>A1", "=C2/A9"]


def test_a_long_chain_and_a_cycle_are_computed_without_deep_recursion(tmp_path):
    """=B2+A1, =B3+A2, … 2,000 rows long, the changed cell at its end: recalculated from there (it recursed as deep as
    the chain and raised RecursionError, a traceback for the 填报人); a circular reference gets no result."""
    from jixiao.excel.apply import apply_to_copy
    from jixiao.excel.plan import Plan, SetValue

    n = 2000
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    for r in range(1, n):
        ws[f"A{r}"], ws[f"B{r}"] = r, f"=B{r + 1}+A{r}"
    ws[f"A{n}"], ws[f"B{n}"] = 1, f"=A{n}"
    ws["D1"], ws["D2"], ws["E1"] = "=D2+1", "=D1+1", "=A1*2"
    wb.save(tmp_path / "in.xlsx")
    out = apply_to_copy(tmp_path / "in.xlsx", tmp_path / "out.xlsx", Plan([SetValue("表", f"A{n}", 5)]), mark=None)
    got = stored_results(out)
    assert got.value("表", "B1") == sum(range(1, n)) + 5 and got.value("表", f"B{n - 1}") == n - 1 + 5
    assert got.value("表", "D1") is None and got.value("表", "E1") == 2


@pytest.mark.parametrize("h16, said", [
    ("=H17/2", None),                                     # 20 / 2: the suggestion, nothing to say
    ("=H17/4", "H16 是公式，“计算”后为 5 分（建议 10 分）"),   # what the sheet shows after 计算, not the 0 read
    ("=H17/2+H7*0", "H16 是公式，引用了“计算”改动的单元格，请核对（建议 10 分）"),  # reads a formula: not computed here
])
def test_the_message_says_what_a_score_formula_shows_after_calc(sample_json, tmp_path, h16, said):
    """A score that is the 填报人's formula reading the H17 计算 fills was said as the number read before (“H16 填
    0 分（建议 10 分）”) while the sheet then showed 10."""
    book, sheet, _total = _book(sample_json, tmp_path, h16)
    done = _calc(book, tmp_path / "计算.xlsx")
    h16s = [text for s, text in done.kept if s == sheet and text.startswith("H16")]
    assert h16s == ([said] if said else [])
    assert ("H15 填 9 分（建议 10 分）" in done.message()) and ("H16 填 0 分" not in done.message())
