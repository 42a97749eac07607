"""部门整体支出绩效自评表 in a real spreadsheet engine: LibreOffice headless.

The native formulas (计算值 of each standard, 得分 of each formula indicator, Σ分值, 总分,
等级) must compute what their Python twins say; editing a parameter of a standard in its
cell must change the score; and the template must print on A4 with nothing cut off.
"""

from __future__ import annotations

import copy
import re
import subprocess

import openpyxl
import pytest

from conftest import diff_forms, need_libreoffice
from dept_helpers import FULL_DATA, clean_json, zizhou_json
from jixiao.forms.department import layout as D
from jixiao.cli import REPO_TEMPLATES
from jixiao.forms.department.model import Standard, parse_dept_form
from jixiao.forms.department.reader import read_dept_workbook
from jixiao.sources import read_workbook_forms
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.scoring import grade_of, measure_value, score_dept_form, with_standards
from jixiao.forms.department import DepartmentKind
from jixiao.excel.office import convert, pdf_to_png

pytestmark = pytest.mark.libreoffice

SHEET = "部门整体-子洲县医疗保障局"

DEPT_TEMPLATE = DepartmentKind.template_file


def _error_cells(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return [f"{ws.title}!{c.coordinate}={c.value}" for ws in wb for row in ws.iter_rows() for c in row
            if c.data_type == "e" or (isinstance(c.value, str) and c.value.startswith(
                ("#DIV", "#VALUE", "#NAME", "#REF", "#N/A", "Err:")))]


@pytest.fixture(scope="module")
def zizhou_book(tmp_path_factory):
    d = tmp_path_factory.mktemp("lo-dept")
    return write_forms([parse_dept_form(zizhou_json())], d / "zizhou.xlsx")


@pytest.fixture(scope="module")
def zizhou_lo(zizhou_book, tmp_path_factory):
    need_libreoffice()
    return convert(zizhou_book, "xlsx", tmp_path_factory.mktemp("lo-dept-out"))


def test_zizhou_scores_95_excellent_in_libreoffice(zizhou_lo):
    ws = openpyxl.load_workbook(zizhou_lo, data_only=True)[SHEET]
    assert ws["H31"].value == 100 and ws["I31"].value == 95 and ws["J31"].value == "优"
    assert ws["I11"].value == 5        # 在职人员控制率: 6 ÷ 7 = 85.71% ≤ 100%
    assert ws["I16"].value == 3        # 资金结余: no 结余
    assert ws["I30"].value == 3        # 满意度 93%: 85%–95% band
    assert ws["I29"].value == 12       # 社会效益, as published
    lay = D.DeptLayout.for_form(parse_dept_form(zizhou_json()))
    assert ws[f"G{lay.group('staff_control').head}"].value == pytest.approx(6 / 7)
    assert ws[f"G{lay.group('satisfaction').head}"].value == pytest.approx(0.93)
    assert _error_cells(zizhou_lo) == []


def test_libreoffice_keeps_every_value_as_written(zizhou_lo):
    found, problems = read_workbook_forms(zizhou_lo)  # as every command reads it (shared strings, as LibreOffice saves)
    assert len(found) == 1 and not problems
    assert diff_forms(zizhou_json(), found[0].form.to_dict()) == []


def _edit_and_recalc(src, out_dir, edits):
    wb = openpyxl.load_workbook(src)
    ws = wb[SHEET]
    for ref, value in edits.items():
        ws[ref].value = value
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "edited.xlsx"
    wb.save(path)
    return openpyxl.load_workbook(convert(path, "xlsx", out_dir / "lo"), data_only=True)[SHEET]


def test_changing_a_parameter_cell_changes_the_score(zizhou_book, tmp_path):
    need_libreoffice()
    form = parse_dept_form(zizhou_json())
    lay = D.DeptLayout.for_form(form)
    sat, staff = lay.group("satisfaction"), lay.group("staff_control")
    # 满意度: the top band from 95% down to 90% — 93% now earns the full 5
    ws = _edit_and_recalc(zizhou_book, tmp_path / "a", {f"G{sat.rows['band1']}": 0.9})
    assert ws["I30"].value == 5 and ws["I31"].value == 97 and ws["J31"].value == "优"
    # 在职人员控制率: limit 80%, 1 point per point over — 85.71% costs 5.71 → 0
    ws = _edit_and_recalc(zizhou_book, tmp_path / "b",
                          {f"G{staff.rows['limit']}": 0.8, f"G{staff.rows['per_point']}": 0.5})
    twin = score_dept_form(with_standards(form, {"staff_control": Standard(
        name="在职人员控制率", kind="over_limit", measure="staff_rate", limit=0.8, per_point=0.5)}))
    assert ws["I11"].value == pytest.approx(twin.indicators[0].score) == 2.14
    assert ws["I31"].value == pytest.approx(twin.total) == 92.14
    # a figure: 满意度 entered as 96% scores the full 5; 74% scores 0 and the grade follows the total
    ws = _edit_and_recalc(zizhou_book, tmp_path / "c", {f"F{lay.data_row('satisfaction')}": 0.74,
                                                        "H6": 9})
    assert ws["I30"].value == 0 and ws["I11"].value == 0  # 9 ÷ 7 = 128.6%: 28.6 points over
    assert ws["I31"].value == 87 and ws["J31"].value == "良"


VARIANTS = {
    "full": {},
    "edges": {"staff_actual": 20, "three_public_this": 0, "three_public_last": 0, "three_public_budget": 0,
              "key_spending": 600.0, "budget_adjust": 0, "balance": 0, "procurement_plan": 0, "satisfaction": 0.75,
              "counts": {k: 20 for k in FULL_DATA["counts"]}},
    "worse": {"staff_actual": 23, "three_public_this": 5.0, "three_public_last": 0, "key_spending": 590.0,
              "budget_adjust": -350.0, "balance": 12.0, "card_spending": 50.0, "fixed_assets_in_use": 100.0,
              "satisfaction": 0.7},
    "fractions": {"staff_actual": 41, "staff_quota": 40, "procurement_actual": 99.5, "fixed_assets_in_use": 87.3,
                  "card_spending": 45.55, "three_public_this": 10.37, "three_public_last": 10.0,
                  "three_public_budget": 9.9, "budget_adjust": 100.0, "carryover_last": None, "satisfaction": 0.9499,
                  "counts": {"payment_progress": 3, "social_benefit": 1, "quality": 7}},
}


def _variant(name):
    data = copy.deepcopy(FULL_DATA)
    extra = copy.deepcopy(VARIANTS[name])
    counts = extra.pop("counts", None)
    data.update(extra)
    if counts is not None:
        data["counts"] = counts
    d = clean_json(data)
    d["department"] = f"变体{name}"
    for ind in d["indicators"]:
        if ind["rule"]:
            ind["score"] = None       # left to the formulas
    d["total_score"] = d["total_weight"] = d["grade"] = None
    return parse_dept_form(d)


@pytest.fixture(scope="module")
def variants_lo(tmp_path_factory):
    need_libreoffice()
    d = tmp_path_factory.mktemp("lo-dept-variants")
    forms = [_variant(n) for n in VARIANTS]
    return forms, convert(write_forms(forms, d / "variants.xlsx"), "xlsx", d / "out")


@pytest.mark.parametrize("i", range(len(VARIANTS)), ids=list(VARIANTS))
def test_formulas_equal_the_python_twins(variants_lo, i):
    forms, path = variants_lo
    form = forms[i]
    want = score_dept_form(form)
    sf = read_dept_workbook(path).forms[i]
    ws = openpyxl.load_workbook(path, data_only=True)[sf.sheet]
    lay = D.DeptLayout.for_form(form)
    for g in lay.groups:  # every 计算值
        x = measure_value(g.std.measure, form.data, g.key)
        got = ws[f"G{g.head}"].value
        assert (got in (None, "") if x is None else got == pytest.approx(x, abs=1e-12)), (g.key, got, x)
    for s, ind in zip(want.indicators, sf.form.indicators):
        if s.computed:
            assert ind.score == pytest.approx(s.score, abs=1e-9), (s.name, ind.score, s.basis)
        elif form.indicators[s.index].rule:
            assert ind.score is None, (s.name, ind.score)  # no figures: the formula shows nothing
    shown = [x.score for x in sf.form.indicators if x.score is not None]
    assert sf.form.total_score == pytest.approx(sum(shown))
    assert ws[lay.foot_cells()["grade"]].value == grade_of(sum(shown))
    assert _error_cells(path) == []


def test_every_kind_of_standard_was_exercised(variants_lo):
    forms, _path = variants_lo
    seen = set()
    for f in forms:
        for s in score_dept_form(f).indicators:
            if s.computed:
                seen.add((f.indicators[s.index].rule, s.score == s.weight, s.score == 0))
    kinds = {k for k, _full, _zero in seen}
    assert len(kinds) == 18
    assert any(not full and not zero for _k, full, zero in seen)    # partial scores
    assert any(zero for _k, _full, zero in seen)                    # scores floored at 0


# -- printing -------------------------------------------------------------------------------
def _pdf_info(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    return pages, float(size.group(1)), float(size.group(2))


def _words_outside_page(pdf):
    """Words whose box is not inside its page: text cut off at an edge."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    out = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        w, h = float(page.group(1)), float(page.group(2))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                             page.group(3)):
            x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
            if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
                out.append(m.group(5))
    return out


def test_template_prints_on_a4_whole(tmp_path, artifacts):
    need_libreoffice()
    pdf = convert(REPO_TEMPLATES / DEPT_TEMPLATE, "pdf", tmp_path)
    pages, w, h = _pdf_info(pdf)
    assert (round(w), round(h)) == (842, 595)      # A4 landscape
    assert 3 <= pages <= 8
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = text.replace(" ", "")
    # cell by cell (a name wrapped in its cell reads whole; the layout text interleaves the cells beside it)
    cells = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                                               text=True).stdout)
    for label in ("部门整体支出绩效自评表", "一级指标", "评分标准", "指标解释", "扣分原因", "总分", "评价小组", "职务/职称",
                  "签字", "部门（单位）意见", "负责人（签章）", "社会公众或服务对象满意度"):
        assert label in cells, label
    assert _words_outside_page(pdf) == []
    # the official form only: the parameter tables are outside the print area (issue 17)
    assert "计算数据" not in flat and "评分标准参数" not in flat
    # the indicator header row repeats on every page of the form
    # (the 设置 sheet the template carries since stop 43 prints after the form, on pages of its own)
    form_pages = [page for page in text.split("\f") if page.strip() and "评分方案" not in page.replace(" ", "")]
    assert len(form_pages) >= 3 and all("一级指标" in page.replace(" ", "") for page in form_pages[1:])
    pngs = pdf_to_png(pdf, artifacts / "dept-template", dpi=80)
    assert pngs and pngs[0].stat().st_size > 10_000


def test_filled_form_renders(zizhou_lo, tmp_path, artifacts):
    pdf = convert(zizhou_lo, "pdf", tmp_path)
    pages, w, _h = _pdf_info(pdf)
    assert round(w) == 842
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = text.replace(" ", "")
    assert "子洲县医疗保障局" in flat and "（2023年度）" in flat and "等级：优" in flat
    assert "85.71%" not in flat  # a 计算值 of the parameter tables: on screen, off the printed page
    assert _words_outside_page(pdf) == []
    pdf_to_png(pdf, artifacts / "dept-filled", dpi=80, last=3)


def test_no_error_values_in_the_template(tmp_path):
    need_libreoffice()
    out = convert(REPO_TEMPLATES / DEPT_TEMPLATE, "xlsx", tmp_path)
    assert _error_cells(out) == []


# -- numbers typed as text ------------------------------------------------------------------
def _checked(path):
    import contextlib
    import io
    import json

    from jixiao.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        main(["check", str(path), "--json"])
    got = json.loads(buf.getvalue())
    # the typed template leaves its 报告日期/部门意见日期 blank: F21's hint while filling (s64), no error or warning
    assert {f["rule"] for f in got if f["severity"] == "info"} <= {"F21"}
    return [f for f in got if f["severity"] != "info"]


def test_numbers_typed_as_text_are_made_numbers_by_calc_and_the_formulas_then_agree_with_the_twins(tmp_path):
    """“6人” in 实有人数, “5分” in a 分值, “12000000元” in a 万元 figure, “100%” in a parameter cell formatted
    as text: the template's formulas skip text (COUNT) or take it as 0 (N()), jixiao reads the numbers
    meant — the sheet showed Σ分值 95 and no score for 在职人员控制率 and 重点支出安排率, the check
    another result. 计算 writes each as the number it was read as; recalculated, the sheet's formulas
    give what the Python twins give on the form jixiao reads, and the check finds nothing."""
    from jixiao.cli import main
    from test_dept_filler_h36 import ZIZHOU_TYPED, _typed_template

    typed = {**ZIZHOU_TYPED, "H6": "6人", "H11": "5分", "F50": "12000000元", "G73": "100%"}
    assert "staff_control:limit" in str(openpyxl.load_workbook(REPO_TEMPLATES / DEPT_TEMPLATE).worksheets[0]["K73"].value)
    book = _typed_template(tmp_path, typed)
    ws = openpyxl.load_workbook(book, data_only=True).worksheets[0]
    assert ws["H31"].value == 95 and ws["I11"].value is None and ws["I13"].value is None   # what the sheet showed
    assert {f["rule"] for f in _checked(book)} == {"F2", "F6", "X2"}

    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["G73"].number_format = "@"     # a cell formatted as text, as a pasted one is
    wb.save(tmp_path / "text-cell.xlsx")
    assert main(["calc", str(tmp_path / "text-cell.xlsx"), "-o", str(tmp_path / "calc.xlsx")]) == 0
    done = openpyxl.load_workbook(tmp_path / "calc.xlsx").worksheets[0]
    assert [done[c].value for c in ("H6", "H11", "F50", "G73")] == [6, 5, 1200, 1]
    assert done["G73"].number_format == "0%" and done["I11"].value.startswith("=")   # the formulas stay

    lo = convert(tmp_path / "calc.xlsx", "xlsx", tmp_path / "lo-calc")
    sf = read_dept_workbook(lo).forms[0]
    want = score_dept_form(sf.form)
    ws = openpyxl.load_workbook(lo, data_only=True)[sf.sheet]
    heads = {str(k).split(":")[1]: r for r in range(1, ws.max_row + 1)
             if str(k := ws[f"K{r}"].value or "").startswith("std:") and ":value:" in str(k)}
    assert len(heads) == len(sf.form.standards) > 10
    for key, std in sf.form.standards.items():   # every 计算值
        x = measure_value(std.measure, sf.form.data, key)
        got = ws[f"G{heads[key]}"].value
        assert (got in (None, "") if x is None else got == pytest.approx(x, abs=1e-12)), (key, got, x)
    for s, ind in zip(want.indicators, sf.form.indicators):
        if s.computed:
            assert ind.score == pytest.approx(s.score, abs=1e-9), (s.name, ind.score, s.basis)
    assert ws["I11"].value == 5 and ws["I13"].value == 5 and ws["H31"].value == 100
    assert sf.form.total_score == pytest.approx(want.total) and ws["J31"].value == want.grade
    assert _checked(lo) == [] and _error_cells(lo) == []
