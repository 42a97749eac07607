"""项目支出绩效评价表, the third form kind: sample score, fill → read, rules, CLI, and the
template's formulas recalculated by LibreOffice against their Python twins."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from importlib import resources
from pathlib import Path

import openpyxl
import pytest

from conftest import need_libreoffice
from test_dept_libreoffice import _error_cells  # the same check as for the department form
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.errors import CellError, FormDataError
from jixiao.forms import DETECT, KINDS, by_key, kind_for_data, kind_of
from jixiao.forms.evaluation import EvaluationKind
from jixiao.forms.evaluation import layout as V
from jixiao.forms.evaluation.model import EvalForm, json_schema, parse_eval_form
from jixiao.forms.evaluation.rules import check_forms as check_evaluations
from jixiao.forms.evaluation.scoring import score_eval_form
from jixiao.forms.evaluation.workbook import template_form
from jixiao.checking.rules import load_catalogue
from jixiao.sources import load_all, read_workbook_forms
from jixiao.excel.workbook import write_forms
from jixiao.core.numbers import says_nothing_formula

SAMPLE = Path(str(resources.files("jixiao") / "samples" / "fengtai-2023-evaluation" / "form.json"))
SHEET = "评价-2023年中央医疗服务与保障能力提升补助资金项目"


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def clean() -> dict:
    """The sample with what it lacks filled in: no rule should fire on it."""
    d = sample()
    for ind in d["indicators"]:
        if ind["score"] < ind["weight"]:
            ind["reason"] = f"{ind['name']}未完全达到评分标准"
    d["problems"] = "绩效目标不够细化；产出质量有差距；满意度调查样本偏少。"
    d["suggestions"] = "细化绩效目标，加强过程控制，扩大满意度调查范围。"
    # the published form leaves these blank (V20–V22 since s62): what a filled-in form has
    d.update(authority="北京市丰台区医疗保障局", evaluator="北京市丰台区医疗保障局绩效评价工作组", report_date="2024年3月15日")
    return d


# -- the sample and the registry ----------------------------------------------------------------
def test_sample_scores_87_good():
    form = parse_eval_form(sample())
    s = score_eval_form(form)
    assert (s.total, s.grade, s.deducted, s.total_weight) == (87, "良", 13, 100)
    assert [(lv.name, lv.weight, lv.weight_sum, lv.score) for lv in s.levels if lv.level == 1] == [
        ("项目决策", 20, 20, 17), ("项目过程", 30, 30, 28), ("项目产出", 30, 30, 26), ("项目效益", 20, 20, 16)]
    assert sum(lv.score for lv in s.levels if lv.level == 2) == 87


def test_registered_and_detected_before_the_project_form():
    kind = by_key("evaluation")
    assert isinstance(kind, EvaluationKind) and kind in KINDS
    assert DETECT.index(kind) < DETECT.index(by_key("project"))
    assert kind_for_data(sample()) is kind
    assert kind_for_data({"form": "部门整体支出绩效自评表"}) is by_key("department")
    assert kind_for_data({"project": "x"}) is by_key("project")
    assert kind_of(parse_eval_form(sample())) is kind


def test_committed_schema_is_the_models():
    path = Path(str(resources.files("jixiao") / "spec" / "evaluation_form.schema.json"))
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()
    assert set(json_schema()["properties"]) == set(EvalForm.model_fields)


def test_bad_json_names_the_field():
    d = sample()
    d["indicators"][2]["weight"] = "五"
    with pytest.raises(FormDataError) as err:
        parse_eval_form(d, "x.json")
    assert "indicators[2].weight" in str(err.value) and "evaluation_form.schema.json" in str(err.value)


# -- fill → read ---------------------------------------------------------------------------------
def variants() -> dict[str, dict]:
    """Forms that exercise every computed cell: blank totals, fractions, blanks, bands, typed-over totals."""
    out = {"sample": sample(), "clean": clean()}
    d = sample()
    d.update(total_weight=None, total_score=None, grade=None, budget=200, executed=163.5, project="总计留空")
    out["blank_totals"] = d
    d = sample()
    for ind, (w, s) in zip(d["indicators"], [(6.5, 5.25), (3.5, 3.5), (10, 7.75), (9.5, 0), (5, 4.4)]):
        ind["weight"], ind["score"] = w, s
    d["level1_weights"]["项目决策"] = 19.99
    d["level2_weights"]["项目资金"] = 14
    d.update(total_weight=None, total_score=None, grade=None, budget=0, executed=12.5, project="小数")
    out["fractions"] = d
    d = sample()
    for i in (7, 8, 9, 10):  # the whole 产出 group without scores: its sums show blank
        d["indicators"][i]["score"] = None
    d["indicators"][0]["weight"] = None
    d["level2_weights"].pop("决策过程")
    d.update(total_weight=None, total_score=None, grade=None, budget=50, executed=None, project="部分空白")
    out["partial"] = d
    for name, scores in (("exactly90", [10, 5, 5, 10, 5, 10, 5, 10, 7, 7, 6, 5, 5]),
                         ("just_below_80", [8, 4, 5, 10, 5, 9, 4, 9, 5, 6, 6, 4, 4.99]),
                         ("fail", [5, 2, 3, 5, 3, 5, 2, 5, 3, 3, 3, 5, 5])):
        d = sample()
        for ind, s in zip(d["indicators"], scores):
            ind["score"] = s
        d.update(total_score=None, grade=None, project=name)
        out[name] = d
    d = sample()
    d.update(total_score=95, grade="优", total_weight=100, project="改写总计")
    out["typed_over"] = d
    return out


def _expected_after_read(d: dict) -> EvalForm:
    """What reading a filled sheet must give: the form, with blank totals as the formulas compute them."""
    form = parse_eval_form(d)
    lay = V.EvalLayout.for_form(form)
    shown = V.shown_values(form, lay, {"total_weight": form.total_weight, "total_score": form.total_score,
                                       "grade": form.grade})
    return form.model_copy(update={k: shown[k] for k in ("total_weight", "total_score", "grade")})


@pytest.fixture(scope="module")
def variants_book(tmp_path_factory):
    forms = [parse_eval_form(d) for d in variants().values()]
    return forms, write_forms(forms, tmp_path_factory.mktemp("eval") / "variants.xlsx")


def test_fill_read_round_trip_is_exact(variants_book):
    forms, path = variants_book
    found, problems = read_workbook_forms(path)
    assert problems == [] and len(found) == len(forms)
    for d, sf in zip(variants().values(), found):
        want = _expected_after_read(d)
        assert sf.form.model_dump() == want.model_dump(), d["project"]
    assert found[0].form.model_dump() == parse_eval_form(sample()).model_dump()  # as published, nothing added


def test_formulas_and_cached_values(variants_book):
    _forms, path = variants_book
    ws = openpyxl.load_workbook(path)[SHEET]
    t = 8 + 13
    assert ws[f"J{t}"].value == '=IF(COUNT(J8:J20)=0,"",SUM(J8:J20))'
    assert ws[f"I{t}"].value == '=IF(COUNT(I8:I20)=0,"",SUM(I8:I20))'
    assert ws["C8"].value == '=IF(COUNT(J8:J10)=0,"",SUM(J8:J10))'       # 项目决策: Σ its three 得分
    assert ws["F9"].value == '=IF(COUNT(J9:J10)=0,"",SUM(J9:J10))'       # 决策过程
    assert ws[f"K{t}"].value.startswith(f"=IF(ISNUMBER(J{t}),IF(J{t}>100.005,\"无法评定\",IF(J{t}>=90,\"优\",IF(J{t}>=80,\"良\"")
    cached = openpyxl.load_workbook(path, data_only=True)[SHEET]
    assert (cached["C8"].value, cached["C11"].value, cached[f"J{t}"].value, cached[f"K{t}"].value) == (17, 28, 87, "良")
    assert cached["K6"].value == 1
    typed = openpyxl.load_workbook(path)["评价-改写总计"]
    assert typed[f"J{t}"].value == 95                                  # typed over the formula, kept
    assert typed[f"K{t}"].value.startswith("=IF(ISNUMBER")             # 优 agrees with the 95 shown


def test_reader_names_sheet_and_cell_of_a_bad_score(variants_book, tmp_path):
    _forms, path = variants_book
    wb = openpyxl.load_workbook(path)
    wb[SHEET]["J9"].value = "四分半"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    found, problems = read_workbook_forms(bad)
    assert len(found) == len(variants()) - 1
    (p,) = problems
    assert isinstance(p, CellError) and (p.sheet, p.cell) == (SHEET, "J9") and "得分" in str(p)


# -- rules ---------------------------------------------------------------------------------------
def run(d: dict):
    form = parse_eval_form(d)

    class Item:  # a form given as JSON, as sources.Loaded carries it
        file, sheet, sheet_form, source = "x.json", None, None, "x.json"

    item = Item()
    item.form = form
    ((_score, findings),) = check_evaluations([item], None, load_catalogue())
    return findings


def _edit(d: dict, **kw) -> dict:
    d = copy.deepcopy(d)
    for path, v in kw.items():
        node, *keys = path.split("__")
        target = d[node]
        for k in keys[:-1]:
            target = target[int(k)] if isinstance(target, list) else target[k]
        if keys:
            last = keys[-1]
            target[int(last) if isinstance(target, list) else last] = v
        else:
            d[node] = v
    return d


FIRES = {
    "V1": dict(indicators__0__weight=12, level1_weights__项目决策=22, level2_weights__绩效目标=12, total_weight=102),
    "V2": dict(level1_weights__项目决策=25, level1_weights__项目过程=25),
    "V3": dict(level2_weights__绩效目标=8, level2_weights__决策过程=12),
    "V4": dict(total_weight=90),
    "V5": dict(indicators__3__score=None, total_score=None, grade=None),
    "V6": dict(indicators__3__score=12, total_score=87),  # the 总计 as reviewed: 12 counts its 分值 10 (else V8 too)
    "V7": dict(indicators__0__reason="  "),
    "V8": dict(total_score=90, grade="优"),
    "V9": dict(grade="优"),
    "V10": dict(problems="无"),
    "V11": dict(suggestions=None),
    "V13": dict(problems="绩效目标不够细化。"),     # four areas lost points, the problems name one (issue 14 audit)
    "V14": dict(year=2022),   # “2023年中央医疗服务与保障能力提升补助资金项目” on a 2022 form (s42)
    "V15": dict(executed=170),                     # s50: 170 万元 spent of 163 budgeted
    "V16": dict(executed=1630000),                 # s50: 163 万元 typed in 元
    "V17": dict(indicators__3__name=""),             # s50: a row without its 三级指标
    "V18": dict(budget=-163),                         # s51: a figure below 0
    "V19": dict(unit=None),                           # s61: no 实施单位: review files it under “未能识别单位”
    "V20": dict(authority=None),                      # s62: no 主管部门 (the published sample has none)
    "V21": dict(evaluator="/"),                       # s62: no 评价机构 (“/” says nothing)
    "V22": dict(report_date="2024年2月30日"),         # s63: no such day
    "V23": dict(report_date=" "),                     # s62: no 报告日期 (V22 then; a hint since s64)
}


@pytest.mark.parametrize("budget, executed", [(163, 150), (163, 163.004), (1630, 1),   # 1 万元 of 1,630 is no 元
                                              (16300, 15900)])
def test_v15_v16_are_silent_on_figures_in_wan(budget, executed):
    assert not [f for f in run(_edit(clean(), budget=budget, executed=executed)) if f.rule in ("V15", "V16")]


def test_v16_says_what_the_figure_is_in_wan_and_on_its_cell():
    (f,) = run(_edit(clean(), budget=1630000))
    assert f.message == "预算数 1630000 万元是支出数 163 万元的约 10000 倍，像是以元填写：应为 163 万元"
    assert (f.rule, f.cell, f.expected) == ("V16", "D6", 163)


@pytest.mark.parametrize("code", sorted(FIRES, key=lambda c: int(c[1:])))
def test_each_rule_fires_alone(code):
    found = run(_edit(clean(), **FIRES[code]))
    assert {f.rule for f in found} == {code}, [(f.rule, f.message) for f in found]


def test_v14_names_both_years_and_the_cell_of_the_year():
    (f,) = run(_edit(clean(), year=2022))
    assert f.message == ("项目名称“2023年中央医疗服务与保障能力提升补助资金项目”写的是 2023 年，与表的年度 2022（A2）不同，"
                         "请核实项目名称和年度")
    assert (f.field, f.cell, f.severity) == ("project", "D3", "warning")
    assert f.expected == "核实项目名称和年度（2023 年的资金在 2023 年度评价，提前下达的也一样）"
    (f,) = run(_edit(clean(), year=2024, project="2023年中央医疗服务与保障能力提升补助资金项目"))
    assert "2023 年的资金结转到 2024 年使用的" in f.expected


@pytest.mark.parametrize("year, project", [
    (2023, "2023年中央医疗服务与保障能力提升补助资金项目"),              # the published form
    (2024, "2023年中央医疗服务与保障能力提升补助资金结转项目"),          # carried over
    (2023, "中央医疗服务与保障能力提升补助资金项目[京财社〔2022〕2150号]"),   # a 文号's year
    (2023, "2022-2024年医疗服务能力提升三年行动"),
    (2023, "医疗服务与保障能力提升补助资金"),
])
def test_v14_silent_on_names_whose_years_are_not_copied(year, project):
    assert run(_edit(clean(), year=year, project=project)) == []


def test_v12_missing_level1():
    d = clean()
    for ind in d["indicators"]:
        if ind["level1"] == "项目效益":
            ind["level1"] = "项目效果"
    d["level1_weights"]["项目效果"] = d["level1_weights"].pop("项目效益")
    ((f,),) = [run(d)]
    assert f.rule == "V12" and "效益" in f.message


def test_every_rule_is_tested_and_all_are_silent_on_a_clean_form():
    codes = {c for c, r in load_catalogue().items() if r.form_type == "evaluation"}
    assert codes == set(FIRES) | {"V12"}
    assert run(clean()) == []
    # full marks: nothing deducted, so no problem needs listing
    d = clean()
    for ind in d["indicators"]:
        ind["score"], ind["reason"] = ind["weight"], None
    d.update(total_score=100, grade="优", problems="无", suggestions="无")
    assert run(d) == []


def test_sample_as_published_lacks_reasons_and_suggestions():
    found = run(sample())
    # V20–V22 (s62): the published form leaves 主管部门, 评价机构 and 报告日期 blank
    assert sorted({f.rule for f in found}) == ["V11", "V13", "V20", "V21", "V23", "V7"]
    assert len([f for f in found if f.rule == "V7"]) == 9        # nine indicators lost points, none says why
    (v11,) = [f for f in found if f.rule == "V11"]
    assert v11.message == "共扣 13 分，“有关建议”却写“无”"
    assert {f.cell for f in found if f.rule == "V7"} >= {"K8", "K20"}  # where fill puts 扣分原因


def test_messages_name_expected_and_found():
    (f,) = run(_edit(clean(), total_score=90, grade="优"))
    assert (f.expected, f.found, f.cell) == (87, 90, "J21")
    # the 等级 优 is the one the written 90 earns: it changes with the 总计 (V9 says nothing of it)
    assert f.message == "总计得分应为各指标得分之和 87 分，表中为 90 分，等级随之应为“良”"
    (f,) = [x for x in run(_edit(clean(), level2_weights__绩效目标=8, level2_weights__决策过程=12))
            if x.field == "level2_weights.决策过程"]
    assert (f.expected, f.found, f.cell) == (10, 12, "E9")


# -- the command line ----------------------------------------------------------------------------
def test_cli_fill_read_score_check_summarize(tmp_path, capsys):
    book = tmp_path / "评价.xlsx"
    assert main(["fill", str(SAMPLE), "-o", str(book)]) == 0
    assert "1 张项目支出绩效评价表" in capsys.readouterr().out
    assert main(["read", str(book)]) == 0
    assert "综合得分 87 分，等级良" in capsys.readouterr().out
    assert main(["read", "--json", str(book)]) == 0
    (back,) = json.loads(capsys.readouterr().out)
    assert parse_eval_form(back).model_dump() == parse_eval_form(sample()).model_dump()
    for src in (str(SAMPLE), str(book)):
        assert main(["score", "--json", src]) == 0
        (s,) = json.loads(capsys.readouterr().out)
        assert (s["total"], s["grade"], s["deducted"]) == (87, "良", 13)
    assert main(["score", str(SAMPLE)]) == 0
    assert "复核综合得分 87 分，等级良，共扣 13 分" in capsys.readouterr().out
    assert main(["check", "--json", str(book)]) == 1                    # V7 are errors
    found = json.loads(capsys.readouterr().out)
    assert {(f["rule"], f["cell"]) for f in found} >= {("V7", "K8"), ("V11", "D23")}
    assert all(f["sheet"] == SHEET for f in found)
    assert main(["summarize", "--json", str(book)]) == 2                # no project form: no 汇总表
    assert "只有 1 张项目支出绩效评价表，没有项目支出绩效自评表" in capsys.readouterr().err
    from jixiao.cli import sample_paths

    project = tmp_path / "项目.xlsx"                                     # beside a project form of its year
    d = json.loads(sample_paths()[0].read_text(encoding="utf-8"))
    d["year"] = 2023
    (tmp_path / "p.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "p.json"), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["summarize", "--json", str(book), str(project)]) == 0
    (row,) = json.loads(capsys.readouterr().out)["evaluations"]
    assert (row["total"], row["grade"], row["reviewed_total"], row["errors"], row["warnings"]) == (87, "良", 87, 9, 4)   # V11, V13; V20, V21 (s62; the blank 报告日期 a hint since s64)
    assert main(["summarize", str(book), str(project)]) == 0
    assert "项目支出绩效评价：2023年中央医疗服务与保障能力提升补助资金项目（北京市丰台区医疗保障局，2023年度）综合得分 87 分，等级良；复核 87 分，等级良；" in capsys.readouterr().out


def test_cli_mixed_batch_and_bad_json(tmp_path, capsys):
    from jixiao.cli import sample_paths

    book = tmp_path / "mixed.xlsx"
    dept = Path(str(resources.files("jixiao") / "samples" / "zizhou-2023" / "department.json"))
    assert main(["fill", str(SAMPLE), str(dept), str(sample_paths()[0]), "-o", str(book)]) == 0
    batch = load_all([book])
    assert [len(batch.of(k.key)) for k in KINDS] == [1, 1, 1] and batch.problems == []
    assert openpyxl.load_workbook(book).sheetnames[-1] == SHEET         # registry order: evaluation sheets last
    capsys.readouterr()
    main(["check", "--json", str(book)])
    rules_by_sheet: dict[str, set[str]] = {}
    for f in json.loads(capsys.readouterr().out):
        if f["rule"] != "X8":   # the 2023 forms beside a 2022 project form (test_year_in_book_s61)
            rules_by_sheet.setdefault(f["sheet"], set()).add(f["rule"][0])
    assert rules_by_sheet[SHEET] == {"V"} and "V" not in set().union(*(v for k, v in rules_by_sheet.items() if k != SHEET))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**sample(), "year": "二〇二三"}, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "year" in err and "Traceback" not in err


def test_template_is_the_indicator_tree_without_scores():
    form = template_form()
    assert len(form.indicators) == 13 and all(i.score is None for i in form.indicators)
    assert sum(i.weight for i in form.indicators) == 100
    wb = openpyxl.load_workbook(REPO_TEMPLATES / EvaluationKind.template_file)
    ws = wb[V.TITLE]
    assert ws["A1"].value == V.TITLE and ws["G20"].value == "服务对象满意度" and ws["J21"].value.startswith("=IF(")


# -- LibreOffice ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def recalculated(variants_book, tmp_path_factory):
    need_libreoffice()
    from jixiao.excel.office import convert

    from jixiao.excel.workbook import forms_workbook, save_workbook

    forms, _cached = variants_book
    # saved without the cached results fill stores: every value below is LibreOffice's own
    wb, _caches = forms_workbook(forms)
    d = tmp_path_factory.mktemp("eval-lo")
    bare = save_workbook(wb, d / "bare.xlsx")
    assert all(c.value is None for c in openpyxl.load_workbook(bare, data_only=True)[SHEET]["J21":"K21"][0])
    return forms, convert(bare, "xlsx", d / "out")


@pytest.mark.libreoffice
def test_libreoffice_formulas_equal_the_twins(recalculated):
    forms, path = recalculated
    wb = openpyxl.load_workbook(path, data_only=True)
    found, _problems = read_workbook_forms(path)
    checked = 0
    for form, sf in zip(forms, found):
        ws = wb[sf.sheet]
        lay = V.EvalLayout.for_form(form)
        shown = V.shown_values(form, lay, {"total_weight": form.total_weight, "total_score": form.total_score,
                                           "grade": form.grade})
        for c in lay.computed():
            got, want = ws[lay.cell(c.field)].value, shown[c.field]
            if want is None:
                assert got in (None, ""), (sf.sheet, c.field, got)
            elif isinstance(want, str):
                assert got == want, (sf.sheet, c.field, got, want)
            else:
                assert got == pytest.approx(want, abs=1e-9), (sf.sheet, c.field, got, want)
            checked += 1
    assert checked == 16 * len(forms)   # 执行率, 4 一级 + 6 二级 得分, Σ一级/二级/三级 分值, 总计, 等级
    grades = {sf.form.project: sf.form.grade for sf in found}
    assert (grades["exactly90"], grades["just_below_80"], grades["fail"], grades["改写总计"]) == ("优", "中", "差", "优")
    assert _error_cells(path) == []


@pytest.mark.libreoffice
def test_libreoffice_keeps_every_value_as_written(recalculated):
    forms, path = recalculated
    found, problems = read_workbook_forms(path)
    assert problems == []
    for d, sf in zip(variants().values(), found):
        assert sf.form.model_dump() == _expected_after_read(d).model_dump(), d["project"]


def _pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), round(float(size.group(1))), round(float(size.group(2)))


@pytest.mark.libreoffice
def test_filled_form_and_template_print_on_one_a4_page(tmp_path, artifacts):
    need_libreoffice()
    from jixiao.excel.office import convert, pdf_to_png

    book = write_forms([parse_eval_form(sample())], tmp_path / "fengtai.xlsx")
    for src, name in ((book, "evaluation-filled"), (REPO_TEMPLATES / EvaluationKind.template_file, "evaluation-template")):
        pdf = convert(src, "pdf", tmp_path / name)
        assert _pdf_pages(pdf) == (1, 595, 842)                       # one A4 portrait page
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        flat = text.replace(" ", "")
        for label in ("项目支出绩效评价表", "一级指标", "二级指标", "三级指标", "扣分原因", "总计", "存在的问题", "有关建议",
                      "服务对象满意度"):
            assert label in flat, (name, label)
        if name == "evaluation-filled":
            assert "（2023年度）" in flat and "等级：良" in flat and "100.00%" in flat
        pngs = pdf_to_png(pdf, artifacts / name, dpi=80)
        assert pngs and pngs[0].stat().st_size > 10_000


def test_the_check_button_annotates_the_evaluation_sheet(variants_book, tmp_path):
    """The Excel 校验 button reads the open workbook through the registry like the command line."""
    from jixiao.actions import FileHost, check

    _forms, path = variants_book
    host = FileHost(str(path), str(tmp_path / "annotated.xlsx"))
    result, plan = check(host)
    assert {f.rule for f in result.findings if f.sheet == SHEET} == {"V7", "V11", "V13", "V20", "V21", "V23"}
    host.save()
    ws = openpyxl.load_workbook(tmp_path / "annotated.xlsx")[SHEET]
    assert ws["K8"].comment is not None and "扣分原因" in ws["K8"].comment.text


def test_conditional_formats_cover_the_checks(variants_book):
    """On screen what the V rules say: sums per 一级/二级 and to 100, 得分 > 分值, missing 扣分原因, 问题/建议."""
    _forms, path = variants_book
    ws = openpyxl.load_workbook(path)[SHEET]
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    assert "J8:J20" in rules and "J8>I8" in rules["J8:J20"][0]                    # 得分 > 分值
    for rng, first in (("K8", 8), ("K9:K10", 9), ("K11:K12", 11), ("K13:K14", 13), ("K15:K18", 15),
                       ("K19:K20", 19)):                                           # one a 二级 block (s64)
        assert says_nothing_formula(f"K{first}") in rules[rng][0], rng                       # deduction, no 扣分原因
    for rng, first, last in (("B8:B10", 8, 10), ("B11:B14", 11, 14), ("E9:E10", 9, 10), ("E19:E20", 19, 20)):
        assert f"SUM($I${first}:$I${last})" in rules[rng][0], rng                 # 一级/二级 = Σ 三级
    for cell in ("B21", "E21", "I21"):
        assert "SUM(" in rules[cell][0] and "-100)" in rules[cell][0], cell        # each level adds up to 100
    for cell in ("D22", "D23"):
        assert 'TRIM($' in rules[cell][0] and '="无"' in rules[cell][0]            # 问题/建议 missing or “无”


def test_finalize_freezes_the_evaluation_sheet_to_values(variants_book, tmp_path):
    from jixiao.finalize import finalize

    _forms, path = variants_book
    done = finalize(path, tmp_path / "out", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook)[SHEET]
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas == []
    assert (ws["C8"].value, ws["F9"].value, ws["J21"].value, ws["K21"].value, ws["K6"].value) == (17, 9, 87, "良", 1)


def test_a_workbook_written_by_code_reads_its_totals_as_a_spreadsheet_shows_them(tmp_path):
    """``calc -o``, ``check --annotate`` or a script save the 总计 formulas with no results: the
    定稿 copy of such a workbook printed a 总计 row with no 分值, 得分 or 等级. Computed by the
    formulas' twins, a score typed as text left out as SUM leaves it (and V8 says so)."""
    from jixiao.checking.run import check_paths
    from jixiao.finalize import finalize

    path = write_forms([parse_eval_form(clean())], tmp_path / "filled.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.save(tmp_path / "by-code.xlsx")            # as openpyxl saves it: formulas, no results
    wb.worksheets[0]["J9"].value = "4分"          # 决策依据 typed as text: SUM skips it
    wb.save(tmp_path / "text-score.xlsx")

    done = finalize(tmp_path / "by-code.xlsx", tmp_path / "out1", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert (ws["I21"].value, ws["J21"].value, ws["K21"].value) == (100, 87, "良")

    _batch, checked = check_paths([tmp_path / "by-code.xlsx"])
    assert checked.counts["error"] == 0, [f.message for f in checked.findings]

    done = finalize(tmp_path / "text-score.xlsx", tmp_path / "out2", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert (ws["J21"].value, ws["K21"].value) == (83, "良")   # what Excel shows: 87 less the 4 typed as text
    _batch, checked = check_paths([tmp_path / "text-score.xlsx"])
    assert [(f.rule, f.cell) for f in checked.findings if f.severity == "error"] == [("V8", "J21")]


def test_v19_names_the_blank_unit_cell_and_says_whether_the_authority_tells_whose_it_is():
    f, also = run(_edit(clean(), unit=None, authority=None))   # the sample's 主管部门 is blank: V20 too (s62)
    assert (f.rule, f.cell, f.severity, also.rule) == ("V19", "I4", "warning", "V20")
    assert f.message == "实施单位未填写，主管部门也未填写，看不出是哪个单位的表"
    d = _edit(clean(), unit=" ")
    d["authority"] = "北京市丰台区医疗保障局"
    (f,) = run(d)
    assert f.message == "实施单位未填写"
    assert f.expected == "填写实施单位名称（主管部门“北京市丰台区医疗保障局”下承担这个项目的单位）"


def test_v20_to_v22_name_their_cells_as_v19_does():
    """s62: the 评价表's other header cells left blank got no word (the fengtai sample has all three blank)."""
    found = run(_edit(clean(), authority=None, evaluator=None, report_date=None))
    assert [(f.rule, f.field, f.cell, f.severity) for f in found] == [
        ("V20", "authority", "D4", "warning"), ("V21", "evaluator", "D5", "warning"),
        ("V23", "report_date", "I5", "info")]   # s64: a hint while the form is filled, a warning in review
    assert found[0].expected == "填写主管部门名称（如实施单位“北京市丰台区医疗保障局”的主管部门）"
    assert [f.message for f in found] == ["主管部门未填写", "评价机构未填写",
                                          "报告日期未填写，表填完后、定稿报送前请填写评价报告的出具日期（如 2024年3月15日）"]
    (f,) = run(_edit(clean(), authority=None, unit=None))[1:]   # V19 first, then V20 without a unit to name
    assert (f.rule, f.expected) == ("V20", "填写主管部门名称")


def test_the_published_sample_has_the_three_blank():
    assert {f.rule for f in run(sample())} >= {"V20", "V21", "V23"}


def test_a_report_date_that_is_a_time_is_said_on_its_cell(tmp_path, capsys):
    """s62: a 报告日期 typed as a time (an Excel time value, “12:00:00”) is no date: X2 on I5, not V22."""
    import datetime

    from jixiao.cli import main as cli_main

    src = tmp_path / "评价.json"
    src.write_text(json.dumps(clean(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "评价.xlsx"
    assert cli_main(["fill", str(src), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["I5"] = datetime.time(12, 0)
    wb.worksheets[0]["I5"].number_format = "hh:mm:ss"
    wb.save(book)
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["cell"] == "I5"]
    assert [(f["rule"], f["severity"]) for f in found] == [("X2", "warning")], found
    assert found[0]["message"].startswith("报告日期写的是“12:00:00”：单元格中只有时刻、没有日期"), found
