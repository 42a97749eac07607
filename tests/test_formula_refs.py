"""One reading of which formulas read given sheets (``excel.formula_refs``), for the formulas a
copy freezes before dropping sheets and for the stored results an edit leaves right."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from jixiao.excel.cache import inject, stored_results
from jixiao.excel.formula_refs import Readers, refs_into


@pytest.mark.parametrize("formula, reads", [
    ("表1!A1*2", True), ("SUM(表1!A1:A3)", True), ("表10!A1", False), ("表1A!A1", False), ("总表1!A1", False),
    ("'O''Neil 表'!B2+1", True), ("'O''Neil 表1'!B2", False), ("'表1'!A1", True), ("'表10'!A1", False),
    ('"表1!A1"&"说明"', False),          # text, not a reference
    ("[1]表1!A1", False),                # the sheet 表1 of another workbook
    ("SUM(表0:表1!A1)", True),           # the last sheet of a 3-D range
    ("DATA!A1+1", True),                 # Excel's sheet names regardless of case
])
def test_a_reference_names_its_sheet_whole(formula, reads):
    assert bool(refs_into(["表1", "O'Neil 表", "Data"]).search(formula)) is reads


def test_a_name_into_the_sheets_reads_them_where_it_is_used():
    r = Readers(["O'Neil 表"], {"rate": "'O''Neil 表'!$B$3", "rated": "表10!$A$1", "其他": "表10!$A$2"})
    assert r.names == ["rate"]
    assert r.reads("B1*rate") and r.reads("B1*RATE")
    assert not r.reads("B1*rated") and not r.reads("B1*其他") and not r.reads("separate(B1)")
    assert not Readers([], {"rate": "'O''Neil 表'!$B$3"}).reads("B1*rate")


def _book(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "合计"
    wb.create_sheet("表1")["A1"] = 5
    wb.create_sheet("表10")["A1"] = 7
    wb.create_sheet("O'Neil 表")["B2"] = 3
    wb.defined_names["一表"] = DefinedName("一表", attr_text="'O''Neil 表'!$B$2")
    formulas = {"B1": "=表1!A1*2", "B2": "='O''Neil 表'!B2", "B3": "=一表+1", "B4": "=表10!A1",
                "B5": '="表1!A1"&"说明"', "B7": "=[1]表1!A1"}
    for ref, text in formulas.items():
        wb["合计"][ref] = text
    src = tmp_path / "book.xlsx"
    wb.save(src)
    inject(src, {"合计": {"B1": 10, "B2": 3, "B3": 4, "B4": 7, "B5": "表1!A1说明", "B7": 1}})
    return src


def test_the_results_kept_are_those_of_formulas_not_reading_the_changed_sheets(tmp_path):
    """An edit of 表1 and O'Neil 表: 表10's result stays (it was dropped: “表1” is in “表10”), as do
    a text that only looks like a reference and another workbook's 表1; the results of
    'O''Neil 表'!B2 and of a name into it go (they were kept: “o'neil 表” is not in “'o''neil 表'”)."""
    kept = stored_results(_book(tmp_path)).kept({"表1", "O'Neil 表"})
    assert set(kept["合计"]) == {"B4", "B5", "B7"}
    assert set(kept["表10"]) == set()   # no formulas there


def test_a_copy_does_not_show_a_result_its_edit_made_stale(tmp_path):
    """The copy's O'Neil 表 B2 is 30 now: the stored 3 (and 4 through the name) would be wrong. Since stop 59
    ='O''Neil 表'!B2 is recalculated (``excel.recalc``): 30; the name's =一表+1 is not computed there, and has none."""
    from jixiao.excel.apply import apply_to_copy
    from jixiao.excel.cache import _formula_cells_tree, _sheet_parts
    from jixiao.excel.plan import Plan, SetValue
    import zipfile

    out = apply_to_copy(_book(tmp_path), tmp_path / "copy.xlsx", Plan([SetValue("O'Neil 表", "B2", 30)]), mark=None)
    with zipfile.ZipFile(out) as z:
        got = _formula_cells_tree(z.read(_sheet_parts(z)["合计"]))
    assert {r: s.value for r, (s, _f) in got.items()} == {"B1": 10, "B2": 30, "B4": 7, "B5": "表1!A1说明", "B7": 1}


def test_freezing_follows_a_reference_in_another_case(tmp_path):
    """Excel reads =data!A1 as the sheet Data: its formula is frozen before Data is dropped."""
    from jixiao.excel.apply import freeze_refs

    wb = openpyxl.Workbook()
    wb.active.title = "Keep"
    wb.create_sheet("Data")["A1"] = 4
    wb["Keep"]["A1"] = "=data!A1*2"
    src = tmp_path / "case.xlsx"
    wb.save(src)
    inject(src, {"Keep": {"A1": 8}})
    wb = openpyxl.load_workbook(src)
    assert freeze_refs(wb, stored_results(src), ["Data"]) == 1 and wb["Keep"]["A1"].value == 8


@pytest.mark.parametrize("formula, own", [
    ("1+1", False), ("表1!A1*2", False), ("'O''Neil'!B2+1", False), ("COUNTIF('项目明细'!$B$3:$B$6,\"?*\")", False),
    ('IF(TRUE,#N/A,1.5E+3)', False), ("NOW()", False), ("[1]表1!A1", False), ("SUM(Sheet1!A:A)", False),
    ("B1+B4", True), ('IF(H3>90,"优","良")', True), ("SUM(3:3)", True), ('IF(N(E3)=0,"",N(F3)/E3)', True),
    ("rate*2", True), ("表1!A1+B2", True), ("Table1[Col]", True),
])
def test_a_formula_may_read_its_own_sheet_by_a_reference_without_a_sheet(formula, own):
    from jixiao.excel.formula_refs import may_read_own_sheet

    assert may_read_own_sheet(formula) is own


def test_a_result_reading_a_result_that_goes_goes_too(tmp_path):
    """表1 edited: 合计!B1 (=表1!A1*2) loses its result, so B6 (=B1+B4) and 总!A1 (=合计!B6) cannot
    keep theirs (they were kept: their text names no changed sheet); =1+1 and =表10!A1 keep theirs."""
    wb = openpyxl.Workbook()
    wb.active.title = "合计"
    wb.create_sheet("表1")["A1"] = 5
    wb.create_sheet("表10")["A1"] = 7
    total = wb.create_sheet("总")
    for ref, text in {"B1": "=表1!A1*2", "B4": "=表10!A1", "B6": "=B1+B4", "B8": "=1+1"}.items():
        wb["合计"][ref] = text
    total["A1"], total["A3"] = "=合计!B6", "=表10!A1"
    src = tmp_path / "chain.xlsx"
    wb.save(src)
    inject(src, {"合计": {"B1": 10, "B4": 7, "B6": 17, "B8": 2}, "总": {"A1": 17, "A3": 7}})
    kept = stored_results(src).kept({"表1"})
    assert set(kept["合计"]) == {"B4", "B8"} and "A1" not in kept["总"] and kept["总"]["A3"].value == 7
    assert set(stored_results(src).kept(set())["合计"]) == {"B1", "B4", "B6", "B8"}


def test_the_linked_summary_of_a_copy_with_a_form_changed_shows_no_old_total(tmp_path, sample_forms, capsys):
    """A copy of the forms' workbook with its linked 汇总 (项目明细 rows reading the forms, the
    汇总表 summing 项目明细) where one form's 预算数 changed: the row's 执行率 (=N(F3)/E3) and the
    汇总表's 资金总量 (=SUM('项目明细'!$E$3:$E$6)) keep no result stored for the old 预算数. Since stop 59 they
    are recalculated (``excel.recalc``): the new 预算数, its 执行率 and the new 资金总量, as LibreOffice computes
    them (``test_calc_keeps_results_s59``); the rows and counts the edit does not reach keep theirs."""
    import zipfile

    from jixiao.cli import main
    from jixiao.excel.apply import apply_to_copy
    from jixiao.excel.cache import _formula_cells_tree, _sheet_parts
    from jixiao.excel.plan import Plan, SetNumber
    from jixiao.excel.workbook import write_forms

    book = write_forms(sample_forms[:4], tmp_path / "book.xlsx")
    assert main(["summarize", str(book), "-o", str(tmp_path / "linked.xlsx")]) == 0
    capsys.readouterr()
    before = stored_results(tmp_path / "linked.xlsx")
    form, row = before.sheets["项目明细"]["E3"][1].split("'")[1], "3"
    assert before.value("项目明细", "G3") is not None and before.value("汇总表", "C5") is not None
    out = apply_to_copy(tmp_path / "linked.xlsx", tmp_path / "copy.xlsx",
                        Plan([SetNumber(form, "D7", 999.0)]), mark=None)
    with zipfile.ZipFile(out) as z:
        parts = _sheet_parts(z)
        got = {t: _formula_cells_tree(z.read(parts[t])) for t in ("项目明细", "汇总表")}
    old = {t: {r: st.value for r, (st, _f) in before.sheets[t].items()} for t in ("项目明细", "汇总表")}
    new = {t: {r: st.value for r, (st, _f) in cells.items()} for t, cells in got.items()}
    assert new["项目明细"]["E" + row] == 999 and new["项目明细"]["G" + row] == pytest.approx(old["项目明细"]["F" + row] / 999)
    assert new["汇总表"]["C5"] == pytest.approx(old["汇总表"]["C5"] - old["项目明细"]["E" + row] + 999)
    assert new["项目明细"]["E4"] == old["项目明细"]["E4"]
    # the 执行率 of 0.5 % costs the project its 优: the counts (COUNTIF of the 等级 column) follow
    assert new["汇总表"]["C6"] == old["汇总表"]["C6"] - 1 and sum(new["汇总表"][f"C{r}"] for r in range(6, 10)) == 4
