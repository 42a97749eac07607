"""One grade band everywhere: under a profile with other bands (“优≥80”, bands80) every 等级 formula
jixiao writes grades a 总分 as the check, the JSON and the reports do — the 汇总表's 项目明细 and its
counts, a form filled or imported under the profile, a template form after 计算 under the 设置's
评分方案, the 定稿 copy — checked after LibreOffice recalculates; under the default profile nothing
changes (the committed templates, the formulas and the 汇总表's 说明)."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

import addin.buttons as buttons
from conftest import SAMPLES, need_libreoffice
from jixiao.actions import FileHost
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.core import grades
from jixiao.excel.office import convert
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form

# 总分 -> the grade under the default bands (优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60) and under “优≥80” (80/70/60)
TOTALS = {95: ("优", "优"), 85: ("良", "优"), 82: ("良", "优"), 75: ("中", "良"), 65: ("中", "中"), 50: ("差", "差")}
DEFAULT_FORMULA = '=IF(ISNUMBER(H34),IF(H34>100.005,"无法评定",IF(H34>=90,"优",IF(H34>=80,"良",IF(H34>=60,"中","差")))),"")'
BANDS80_FORMULA = '=IF(ISNUMBER(H34),IF(H34>100.005,"无法评定",IF(H34>=80,"优",IF(H34>=70,"良",IF(H34>=60,"中","差")))),"")'


def form_json(total: int) -> dict:
    """The first sample fully executed (执行率得分 10) with the 总分 ``total``: the points short of
    100 taken from the indicators in order; the figures the formulas compute written as they do."""
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["project"] = f"总分{total}的项目"
    for row in ("total", "fiscal"):
        data["funds"][row]["executed"] = data["funds"][row]["annual"]
    data.update(exec_rate=1, exec_score=10, total_weight=100, total_score=total)
    short = 100 - total
    for ind in data["indicators"]:
        cut = min(short, ind["weight"])
        ind["score"], short = ind["weight"] - cut, short - cut
        ind["reason"] = "部分任务未完成，下年度加强管理" if cut else None
    assert short == 0
    return data


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return write_forms([parse_form(form_json(t)) for t in TOTALS], tmp_path_factory.mktemp("bands") / "book.xlsx")


def _values(path, sheet):
    return openpyxl.load_workbook(path, data_only=True)[sheet]


@pytest.mark.parametrize("profile", [None, "bands80"])
def test_the_summary_counts_in_libreoffice_what_its_json_says(book, tmp_path, capsys, profile):
    """汇总 under “优≥80”: 85 and 82 are 优 in the JSON; the 项目明细's 等级 formulas, recalculated by
    LibreOffice, say so too, and the 汇总表's COUNTIFs count them (it counted them 良)."""
    need_libreoffice()
    out = tmp_path / "汇总.xlsx"
    code = main(["summarize", str(book), "-o", str(out), "--json", *(["--profile", profile] if profile else [])])
    assert code in (0, 1)
    said = json.loads(capsys.readouterr().out)
    k = 0 if profile is None else 1
    want = {g: sum(1 for v in TOTALS.values() if v[k] == g) for g in grades.GRADES}
    assert said["grades"] == want
    assert [r["grade"] for r in said["rows"]] == [v[k] for v in TOTALS.values()]
    recalculated = convert(out, "xlsx", tmp_path / "lo")
    ws = _values(recalculated, "汇总表")
    assert {ws[f"B{r}"].value: ws[f"C{r}"].value for r in range(6, 10)} == said["grades"]
    detail = _values(recalculated, "项目明细")
    assert [detail[f"J{3 + i}"].value for i in range(len(TOTALS))] == [r["grade"] for r in said["rows"]]
    note = ws["A10"].value
    if profile is None:   # the default output as it was
        assert "90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差" in note
    else:
        assert "80分（含）以上为优，70分（含）至80分为良，60分（含）至70分为中，60分以下为差" in note


def test_the_summary_of_several_files_grades_by_the_profile(book, tmp_path, capsys):
    """The 汇总表 of a folder (a new workbook, its rows copied as values, the 等级 by formula)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for t in (85, 75):
        (folder / f"{t}.json").write_text(json.dumps(form_json(t), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    main(["summarize", str(folder), "-o", str(out), "--profile", "优≥80"])
    capsys.readouterr()
    ws = openpyxl.load_workbook(out)["项目明细"]
    assert ws["J3"].value == BANDS80_FORMULA.replace("H34", "H3")
    cached = _values(out, "项目明细")
    assert sorted(cached[f"J{r}"].value for r in (3, 4)) == ["优", "良"]


def _template_with_total(path, total: int, profile: str | None):
    """The committed template as a 填报人 fills it: one indicator of 90 points scored so that the
    总分 is ``total``, and the 设置's 评分方案."""
    shutil.copy(REPO_TEMPLATES / "项目支出绩效自评表.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    cells = {"A2": 2024, "B3": "社区服务项目", "F4": "某某局", "D7": 10, "E7": 10, "D8": 10, "E8": 10, "F7": 10,
             "B14": "产出指标", "C14": "数量指标", "D14": "服务人次", "E14": "≥100 人次", "F14": "100 人次",
             "G14": 90, "H14": total - 10, "I14": "部分服务未达预期，下年度改进"}
    for ref, v in cells.items():
        ws[ref] = v
    if profile is not None:
        wb["设置"]["B11"] = profile
    wb.save(path)
    return path


@pytest.mark.parametrize("command", ["fill", "import"])
def test_fill_and_import_with_a_profile_write_its_bands(tmp_path, capsys, command):
    """``fill``/``import`` with --profile bands80: the 等级 formula of the profile, its cached result 优
    for a 总分 of 85; without it the default formula, 良."""
    src = tmp_path / "85.json"
    src.write_text(json.dumps(form_json(85), ensure_ascii=False), encoding="utf-8")
    for profile, formula, grade in (("bands80", BANDS80_FORMULA, "优"), (None, DEFAULT_FORMULA, "良")):
        out = tmp_path / f"{command}-{profile}.xlsx"
        main([command, str(src), "-o", str(out), *(["--profile", profile] if profile else [])])
        capsys.readouterr()
        assert openpyxl.load_workbook(out).worksheets[0]["I34"].value == formula
        assert _values(out, openpyxl.load_workbook(out).sheetnames[0])["I34"].value == grade


def test_finalize_under_the_settings_profile_grades_by_it(tmp_path, capsys):
    """定稿 under the 设置's “优≥80”: the copy to send shows 85 as 优, as the check graded it."""
    src = _template_with_total(tmp_path / "填好.xlsx", 85, "优≥80")
    done = buttons.finalize(FileHost(str(src)), outdir=str(tmp_path / "out"), confirm=True)
    assert done.startswith("已定稿")
    (copy,) = (tmp_path / "out").glob("*.xlsx")
    ws = openpyxl.load_workbook(copy).worksheets[0]
    assert (ws["H34"].value, ws["I34"].value) == (85, "优")


def test_the_default_profile_writes_what_it_wrote(tmp_path):
    """The committed templates are the default bands' (``templates --check`` holds them to the code)."""
    assert main(["templates", "--check"]) == 0
    ws = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效自评表.xlsx").worksheets[0]
    assert ws["I34"].value == DEFAULT_FORMULA


@pytest.mark.parametrize("profile, grade", [("优≥80", "优"), (None, "良")])
def test_calc_under_the_settings_profile_rewrites_the_grade_formula(tmp_path, capsys, profile, grade):
    """计算 under the 设置's “优≥80”: the template's 等级 formula (default bands) becomes the profile's,
    and the message says so; LibreOffice then shows 85 as 优. Under the default the sheet is left
    as it was (85 is 良) and nothing is said. The button and ``jixiao calc`` do the same."""
    need_libreoffice()
    src = _template_with_total(tmp_path / "填好.xlsx", 85, profile)
    host = FileHost(str(src), str(tmp_path / "button.xlsx"))
    said = buttons.calc(host)
    host.save()
    assert main(["calc", str(src), "-o", str(tmp_path / "cli.xlsx")]) == 0
    printed = capsys.readouterr().out
    for out in ("button.xlsx", "cli.xlsx"):
        ws = openpyxl.load_workbook(tmp_path / out).worksheets[0]
        assert ws["I34"].value == (BANDS80_FORMULA if profile else DEFAULT_FORMULA)
        recalculated = convert(tmp_path / out, "xlsx", tmp_path / f"lo-{out}")
        shown = _values(recalculated, ws.title)
        assert (shown["H34"].value, shown["I34"].value) == (85, grade)
    if profile:
        assert "改写 1 张表的等级公式（“项目支出绩效自评表”I34）" in said and "80分（含）以上为优" in said
        assert "改写 1 张表的等级公式" in printed
    else:
        assert "等级公式" not in said and "等级公式" not in printed
    # once rewritten, 计算 again has nothing to rewrite
    if profile:
        again = FileHost(str(tmp_path / "button.xlsx"), str(tmp_path / "again.xlsx"))
        assert "等级公式" not in buttons.calc(again)


def test_calc_leaves_a_typed_grade_alone(tmp_path):
    """A 等级 the 填报人 typed over the formula is theirs: 计算 does not turn it into a formula."""
    src = _template_with_total(tmp_path / "填好.xlsx", 85, "优≥80")
    wb = openpyxl.load_workbook(src)
    wb.worksheets[0]["I34"] = "良"
    wb.save(src)
    host = FileHost(str(src), str(tmp_path / "out.xlsx"))
    assert "等级公式" not in buttons.calc(host)
    host.save()
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]["I34"].value == "良"


@pytest.mark.parametrize("bands", [grades.DEFAULT_BANDS, grades.BANDS_80, ((85.0, "优"), (75.0, "良"), (60.0, "中"), (0.0, "差"))])
def test_a_grade_formula_is_read_back_to_its_bands(bands):
    assert grades.same_bands(grades.formula_bands("=" + grades.grade_formula("H34", bands), "H34"), bands)
    assert grades.same_bands(grades.formula_bands("=" + grades.grade_formula("$H$34", bands), "H34"), bands)
    assert grades.formula_bands("=" + grades.grade_formula("H34", bands), "H35") is None
    assert grades.formula_bands("良", "H34") is None and grades.formula_bands('=IF(H34>1,"a","b")', "H34") is None


@pytest.mark.parametrize("command", ["fill", "import"])
def test_a_workbook_written_under_a_profile_keeps_it_for_the_buttons(tmp_path, capsys, command):
    """``fill``/``import --profile bands80`` record the 评分方案 on a 设置 sheet after the forms: 计算 on
    the workbook then works under it (without one it took the default and rewrote the 等级 back to
    90/80/60, saying so); the default profile writes no 设置 sheet, as before."""
    from jixiao.core.profiles import get_profile
    from jixiao.core.settings import SETTINGS_SHEET, read_settings_sheet

    src = tmp_path / "85.json"
    src.write_text(json.dumps(form_json(85), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"{command}.xlsx"
    assert main([command, str(src), "-o", str(out), "--profile", "bands80"]) == 0
    names = openpyxl.load_workbook(out).sheetnames
    assert names[-1] == SETTINGS_SHEET and len(names) == 2
    assert get_profile(read_settings_sheet(out).profile) == get_profile("bands80")
    capsys.readouterr()
    assert main(["calc", str(out), "-o", str(tmp_path / "calc.xlsx")]) in (0, 1)
    assert "等级公式" not in capsys.readouterr().out
    assert openpyxl.load_workbook(tmp_path / "calc.xlsx").worksheets[0]["I34"].value == BANDS80_FORMULA
    plain = tmp_path / f"{command}-default.xlsx"
    main([command, str(src), "-o", str(plain)])
    assert SETTINGS_SHEET not in openpyxl.load_workbook(plain).sheetnames


def test_the_bureaus_grade_bands_on_the_settings_sheet_grade_every_output(tmp_path, capsys):
    """The 设置 sheet's 校验规则 block sets 优 from 80 (issue 14): 校验 graded 85 优 under it, but 汇总 (command
    and button), 生成报告 and 定稿 graded by the 评分方案 alone — 良 in the 汇总表 and the 定稿 copy."""
    from jixiao import actions

    book = _template_with_total(tmp_path / "填好.xlsx", 85, None)
    wb = openpyxl.load_workbook(book)
    ws = wb["设置"]
    start = ws.max_row + 2
    ws.cell(start, 1, "校验规则"), ws.cell(start, 2, "设置")
    ws.cell(start + 1, 1, "优"), ws.cell(start + 1, 2, 80)
    ws.cell(start + 2, 1, "良"), ws.cell(start + 2, 2, 70)
    wb.save(book)
    capsys.readouterr()
    assert main(["summarize", str(book), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["grades"]["优"] == 1
    plan, summary, _result = actions.summarize_in_book(FileHost(str(book)))
    assert summary.grades["优"] == 1
    said = buttons.finalize(FileHost(str(book)), outdir=str(tmp_path / "定稿"), confirm=True)
    assert said.startswith("已定稿"), said
    (copy,) = (tmp_path / "定稿").glob("*.xlsx")
    assert openpyxl.load_workbook(copy).worksheets[0]["I34"].value == "优"
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿2"), "--no-pdf", "--force"]) == 0
    (copy,) = (tmp_path / "定稿2").glob("*.xlsx")
    assert openpyxl.load_workbook(copy).worksheets[0]["I34"].value == "优"
    from docx import Document

    for out in (tmp_path / "报告", tmp_path / "报告-按钮"):
        if out.name == "报告":
            assert main(["report", str(book), "-o", str(out), "--force"]) in (0, 1)
        else:
            actions.reports(FileHost(str(book)), out, pdf=False, force=True)
        text = "\n".join(p.text for p in Document(next(out.glob("项目支出绩效自评报告*.docx"))).paragraphs)
        assert "自评等级为“优”" in text and "“良”" not in text, out.name   # one project: its grade, not counted (s62)


def _bureau_bands(book):
    """The 设置's 校验规则 block “优 80, 良 70” added under its other rows; the book, saved."""
    wb = openpyxl.load_workbook(book)
    ws = wb["设置"]
    start = ws.max_row + 2
    for k, (a, b) in enumerate((("校验规则", "设置"), ("优", 80), ("良", 70))):
        ws.cell(start + k, 1, a), ws.cell(start + k, 2, b)
    wb.save(book)
    return book


def test_calc_rewrites_the_grade_formula_to_the_bureaus_bands(tmp_path, capsys):
    """计算 under the 设置's 校验规则 block “优 80, 良 70”: the 等级 formula follows it, as 校验 grades."""
    book = _bureau_bands(_template_with_total(tmp_path / "填好.xlsx", 85, None))
    assert main(["calc", str(book), "-o", str(tmp_path / "calc.xlsx")]) in (0, 1)
    assert openpyxl.load_workbook(tmp_path / "calc.xlsx").worksheets[0]["I34"].value == BANDS80_FORMULA


def test_check_holds_a_typed_summary_to_the_bureaus_grade_bands(tmp_path):
    """校验 under the 设置's 校验规则 block “优 80, 良 70” graded the form (总分 85) 优, but held the
    汇总表 typed beside it (“优 1”) to the forms graded by the 评分方案 alone: “‘优’等级项目数应为 0，
    表中为 1” and “‘良’……应为 1”, on a right table. Now the table's counts are graded as the form is;
    a table that counts it 良 is the wrong one."""
    from jixiao import actions

    def e4(optimal: int) -> list[tuple[str, str]]:
        book = _template_with_total(tmp_path / f"填好{optimal}.xlsx", 85, None)
        wb = openpyxl.load_workbook(book)
        ws = wb["设置"]
        start = ws.max_row + 2
        for k, (a, b) in enumerate((("校验规则", "设置"), ("优", 80), ("良", 70))):
            ws.cell(start + k, 1, a), ws.cell(start + k, 2, b)
        table = wb.create_sheet("汇总表")
        for row in (["填报部门：某某局"], ["项目", None, "应评价数", "已评价数"], ["项目数量", None, 1, 1],
                    ["资金总量", None, 10, 10], ["绩效评价等级（个）", "优", optimal], [None, "良", 1 - optimal],
                    [None, "中", 0], [None, "差", 0]):
            table.append(row)
        wb.save(book)
        result, _plan = actions.check(FileHost(str(book), str(tmp_path / f"out{optimal}.xlsx")))
        return [(f.cell, f.message) for f in result.findings if f.rule == "E4"]

    assert e4(1) == []
    assert e4(0) == [("C5", "汇总表的“优”等级项目数应为 1 个，表中为 0 个"), ("C6", "汇总表的“良”等级项目数应为 0 个，表中为 1 个")]


@pytest.mark.parametrize("where", ["评分方案", "校验规则", None])
def test_summarize_rewrites_the_forms_grade_formulas_to_the_bands_it_counts_by(tmp_path, capsys, where):
    """The 设置 grades “优≥80” (its 评分方案, or its 校验规则 block): 汇总's 汇总表 counted a 总分 of 85 优 while
    the form's own 等级 formula, rewritten only by 计算, still showed 良. 汇总 — the button and
    ``summarize -o`` into a copy of the workbook — rewrites it as 计算 does and says so; under the
    default bands it rewrites nothing and says nothing of it."""
    book = _template_with_total(tmp_path / "填好.xlsx", 85, "bands80" if where == "评分方案" else None)
    if where == "校验规则":
        _bureau_bands(book)
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    said = buttons.summarize(host)
    host.save()
    capsys.readouterr()
    assert main(["summarize", str(book), "-o", str(tmp_path / "cli.xlsx")]) in (0, 1)
    printed = capsys.readouterr().err
    form = openpyxl.load_workbook(book).worksheets[0].title
    counted, shown = ("优", "优") if where else ("良", "良")
    for out in ("button.xlsx", "cli.xlsx"):
        wb = openpyxl.load_workbook(tmp_path / out)
        assert wb[form]["I34"].value == (BANDS80_FORMULA if where else DEFAULT_FORMULA), out
        recalculated = convert(tmp_path / out, "xlsx", tmp_path / f"lo-{out}")
        assert _values(recalculated, form)["I34"].value == shown, out        # the form …
        assert _values(recalculated, "项目明细")["J3"].value == counted, out   # … as the 汇总表 counts it
    for text in (said, printed):
        if where:
            assert f"改写 1 张表的等级公式（“{form}”I34）" in text and "80分（含）以上为优" in text, text
            assert "；各表的等级与汇总表一致。" in text, text
        else:
            assert "等级公式" not in text, text
    assert main(["summarize", str(book), "--json"]) in (0, 1)  # without -o: nothing written, nothing said
    assert "等级公式" not in capsys.readouterr().err
