"""汇总 into a copy of the forms' workbook where a money cell holds text (“120万元”, stop 57 QA).

jixiao reads “120万元” in a 万元 cell as 120 (X2 asks for the number), but the 汇总表 links to that cell and
Excel's sums skip text: the copy's stored results said 资金总量 240 while Excel, on opening, showed 100, and the
form's own 总分 formula left its 执行率得分 out. 汇总 now makes such a cell the number it was read as, as 计算 does,
says so, and the rows, 等级 counts and stored results follow the forms as they then compute."""

from __future__ import annotations

import json

import openpyxl
import pytest

from conftest import need_libreoffice
from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.sources import read_workbook_forms


def _with_text_money(sample_json, tmp_path):
    forms = [parse_form(json.loads(json.dumps(d))) for d in sample_json[:2]]
    src = write_forms(forms, tmp_path / "表.xlsx")
    sf = read_workbook_forms(src)[0][0]
    wb = openpyxl.load_workbook(src)
    ws = wb[sf.sheet]
    for field in ("funds.total.initial", "funds.total.annual", "funds.total.executed"):
        ref = sf.cell(field)
        ws[ref] = f"{ws[ref].value}万元"
        ws[sf.cell(field.replace("total", "fiscal"))] = None   # no 其中 rows for the 项目明细 to add up instead
    wb.save(tmp_path / "文字.xlsx")
    return tmp_path / "文字.xlsx", sf


def test_summarize_makes_the_text_money_a_number_and_says_so(sample_json, tmp_path, capsys):
    src, sf = _with_text_money(sample_json, tmp_path)
    annual = openpyxl.load_workbook(src)[sf.sheet][sf.cell("funds.total.annual")].value
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", str(src), "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert f"{sf.cell('funds.total.annual')}“{annual}”改为 {annual.removesuffix('万元')}" in said, said
    ws = openpyxl.load_workbook(out)[sf.sheet]
    assert ws[sf.cell("funds.total.annual")].value == pytest.approx(float(annual.removesuffix("万元")))
    assert openpyxl.load_workbook(src)[sf.sheet][sf.cell("funds.total.annual")].value == annual   # input untouched


@pytest.mark.libreoffice
def test_libreoffice_computes_the_summary_as_stored(sample_json, tmp_path):
    from jixiao.excel.office import convert
    from test_twins_random_s48 import _recalculated

    need_libreoffice()
    src, _sf = _with_text_money(sample_json, tmp_path)
    saved = convert(src, "xlsx", tmp_path / "saved")     # as a filler's Excel saves it: the formulas' results stored
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", str(saved), "-o", str(out)]) == 0
    count, differ = _recalculated(out, tmp_path)
    assert count > 30
    assert differ == []


def test_a_number_written_as_text_is_listed_before_what_it_causes(sample_json, tmp_path, capsys):
    # the form's formulas skip “5.6万元”: the findings on what they show (A2's 其中 rows, D7's 总分, A3's 执行率) come
    # from it — listed first whatever their severity, as a figure in 元 (A16) is; it came after every error
    src, sf = _with_text_money(sample_json, tmp_path)
    assert main(["check", str(src), "--json"]) in (0, 1)
    found = [f for f in json.loads(capsys.readouterr().out) if f.get("sheet") == sf.sheet]
    rules = [f["rule"] for f in found]
    assert "X2" in rules and any(f["severity"] == "error" for f in found), rules
    first_other = next(k for k, r in enumerate(rules) if r != "X2")
    assert set(rules[:first_other]) == {"X2"} and "X2" not in rules[first_other:], rules


def test_a_file_without_results_is_totalled_as_excel_totals_it(sample_json, tmp_path):
    # a workbook saved by a script stores no formula results: the twins compute them, and counted a score written
    # “18分” that Excel's SUM leaves out (87.47, 良, where Excel showed 59.47, 差; D13 missed the 等级 typed over it)
    forms = [parse_form(json.loads(json.dumps(d))) for d in sample_json[:1]]
    src = write_forms(forms, tmp_path / "表.xlsx")
    sf = read_workbook_forms(src)[0][0]
    wb = openpyxl.load_workbook(src)     # saved again by openpyxl: no stored results
    ws = wb[sf.sheet]
    ref = sf.cell("indicators[0].score")
    score = ws[ref].value
    ws[ref] = f"{score}分"
    wb.save(tmp_path / "文字得分.xlsx")
    read = read_workbook_forms(tmp_path / "文字得分.xlsx")[0][0].form
    assert read.indicators[0].score == score                       # read as the number (X2 asks for it)
    assert read.total_score == pytest.approx(sf.form.total_score - score)   # the 总分 the sheet shows
