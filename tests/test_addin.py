"""The Excel layer without Excel: UDFs as plain functions against the core, the .xlsm and
.xlam packages inspected statically, and the button entry points run on sample workbooks
through the same plan/apply path as the CLI (openpyxl applier, LibreOffice to open)."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

import addin.buttons as buttons
from addin import udfs
from addin.vba import targets as udf_wrapper_files
from conftest import SAMPLES, diff_forms, need_libreoffice
from jixiao import addin_setup
from jixiao.actions import FileHost
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel.macro_package import BUTTONS, MACROS, XLAM_NAME, XLSM_NAME
from jixiao.forms.project.model import parse_form
from jixiao.excel.office import convert
from jixiao.forms.project.reader import read_workbook
from jixiao.forms.project.scoring import score_indicator
from jixiao.excel.workbook import write_forms

XLSM = REPO_TEMPLATES / XLSM_NAME
XLAM = REPO_TEMPLATES / XLAM_NAME


# ----------------------------------------------------------------------------- UDFs

@pytest.mark.parametrize("target, actual, weight, expected", [
    ("≥17 名", "14 名", 10, 8.24),
    ("≤5.6 万元", "5.18", 20, 20),
    ("≤3950元", "0.4万元", 5, 4.94),      # 4000 元 over a 3950 元 ceiling: 5 × (1 − 50/3950)
    ("有效提升", "显著", 10, ""),        # qualitative: the filler scores it
    ("≥95%", "已完成", 10, ""),          # not a value
])
def test_jx_score_is_the_core_scorer(target, actual, weight, expected):
    got = udfs.JX_SCORE(target, actual, weight)
    assert got == "" if expected == "" else got == pytest.approx(expected)
    core = score_indicator(target, actual, weight)
    assert udfs.JX_BASIS(target, actual, weight) == core.basis


def test_the_other_udfs():
    assert udfs.JX_EXEC_RATE(5.7, 6) == pytest.approx(0.95)
    assert udfs.JX_EXEC_SCORE(5.7, 6, 10) == pytest.approx(9.5)
    assert udfs.JX_EXEC_RATE(1, None) == ""
    assert udfs.JX_GRADE(89.99) == "良" and udfs.JX_GRADE(90) == "优" and udfs.JX_GRADE(None) == ""
    assert udfs.JX_GRADE(85, "优≥80") == "优"
    assert udfs.JX_COMPLETION("≥17 名", "14 名") == pytest.approx(14 / 17)
    assert udfs.JX_SCORE("≥17 名", "14 名", 10, "sixty") == pytest.approx(5.59)


def test_jx_grade_is_blank_where_the_total_is_no_number():
    """JX_GRADE of a 总分 cell holding text (“95” typed as text, “未评”) said 差; the 等级 formula it stands
    beside (``grades.grade_formula``: ISNUMBER) shows nothing there, and so does the UDF now."""
    from jixiao.core.grades import grade_formula

    assert "ISNUMBER" in grade_formula("H34")
    assert udfs.JX_GRADE("95") == udfs.JX_GRADE("未评") == udfs.JX_GRADE(True) == ""
    assert udfs.JX_GRADE(95) == "优" and udfs.JX_GRADE(0) == "差" and udfs.JX_GRADE(100.01) == "无法评定"


@pytest.mark.parametrize("standard, said", [
    ("{weight:5", "不是有效的 JSON 文本"), ("[1]", "应写作 {名称: 值}"), ('{"kind": "xx"}', "kind 不能取 \"xx\""),
])
def test_dept_score_udf_says_a_mistyped_standard_in_its_cell(standard, said):
    """A 评分标准参数 typed wrong raised JSONDecodeError, TypeError or pydantic's ValidationError (in
    English, in a dialog Excel shows for a UDF that raises); an unknown indicator its Chinese error."""
    got = udfs.JX_DEPT_SCORE("在职人员控制率", 10, 10, None, standard)
    assert isinstance(got, str) and "评分标准参数" in got and said in got, got
    assert udfs.JX_DEPT_SCORE("不存在的指标", 1, 2).startswith("未知的部门整体指标“不存在的指标”")
    assert udfs.JX_DEPT_SCORE("在职人员控制率", 10, 10, None, '{"weight": 5}') == 5


def test_dept_score_udf_is_the_department_scorer():
    from jixiao.forms.department.scoring import dept_score

    assert udfs.JX_DEPT_SCORE("在职人员控制率", 6, 7) == dept_score("在职人员控制率", 6, 7) == 5
    assert udfs.JX_DEPT_SCORE("社会公众或服务对象满意度", 0.93) == 3      # 子洲 2023: 93% → 3 of 5
    assert udfs.JX_DEPT_SCORE("在职人员控制率", 6, None) == ""               # a figure missing


def test_udf_names_are_ascii_with_chinese_help():
    for name, helps in udfs.ARG_HELP.items():
        assert name.isascii() and name.startswith("JX_")
        assert re.search(r"[\u4e00-\u9fff]", udfs.RAW[name].__doc__)
        assert all(re.search(r"[\u4e00-\u9fff]", h) for h in helps.values())


# ----------------------------------------------------------------------------- VBA sources

def test_vba_sources_are_ascii():
    for bas in MACROS.glob("*.bas"):
        bas.read_bytes().decode("ascii")


def test_udf_wrappers_are_generated_from_the_udfs():
    for path, text in udf_wrapper_files().items():
        assert path.read_bytes().decode("ascii") == text, f"{path.name}：请运行 python -m addin.vba"
        if path.name.startswith("xlwings_udfs"):
            assert set(re.findall(r"^Function (JX_\w+)\(", text, re.M)) == set(udfs.ARG_HELP)


def _run_python_targets(code: str) -> list[str]:
    return re.findall(r'RunPython "import ([\w.]+) as (\w+); \2\.(\w+)\(\)"', code)


def _check_run_python(code: str) -> int:
    import importlib

    calls = _run_python_targets(code)
    for module, _alias, func in calls:
        assert callable(getattr(importlib.import_module(module), func)), f"{module}.{func}"
    assert len(calls) == code.count('RunPython "')  # every call is of the checked form
    return len(calls)


# ----------------------------------------------------------------------------- packages

def _modules(path) -> dict[str, str]:
    vp = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for (_f, _s, name, code) in vp.extract_macros()}
    finally:
        vp.close()


def test_xlsm_carries_buttons_macros_and_udfs():
    mods = _modules(XLSM)
    assert {"JixiaoButtons", "xlwings_udfs", "ThisWorkbook", "Sheet1", "Sheet2"} <= set(mods)
    subs = set(re.findall(r"^Public Sub (\w+)\(\)", mods["JixiaoButtons"], re.M))
    with zipfile.ZipFile(XLSM) as z:
        vml = z.read("xl/drawings/vmlDrawing1.vml").decode("utf-8")
        ct = z.read("[Content_Types].xml").decode()
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    labels = re.findall(r'<font [^>]*>([^<]+)</font>', vml)
    assert labels == [b[0] for b in BUTTONS] == ["计算", "校验", "汇总", "生成报告", "定稿"]
    assert macros and set(macros) <= subs
    assert _check_run_python(mods["JixiaoButtons"]) == 5
    assert "macroEnabled.main+xml" in ct and 'Extension="vml"' in ct
    for name in udfs.ARG_HELP:
        assert f'XLPy.CallUDF("addin.udfs", "{name}"' in mods["xlwings_udfs"]


def test_xlsm_form_has_suggested_scores_outside_the_print_area():
    wb = openpyxl.load_workbook(XLSM, keep_vba=True)
    ws = wb["项目支出绩效自评表"]
    assert ws.print_area.endswith("$A$1:$I$41")  # the form, its signatures and the three 注 notes (A..I)
    assert ws["J13"].value == "建议得分" and "JX_SCORE(E14,F14,G14,\"\",D14,C$14:C14,$A$2)" in ws["J14"].value
    assert wb["xlwings.conf"]["A1"].value == "UDF Modules" and wb["xlwings.conf"]["B1"].value == "addin.udfs"
    assert ws.sheet_properties.codeName == "Sheet1"


def test_xlam_ribbon_calls_existing_macros():
    mods = _modules(XLAM)
    with zipfile.ZipFile(XLAM) as z:
        ui = z.read("customUI/customUI.xml").decode("utf-8")
        rels = z.read("_rels/.rels").decode()
        wbxml = z.read("xl/workbook.xml").decode()
        ct = z.read("[Content_Types].xml").decode()
    assert 'label="绩效自评"' in ui and "customUI/customUI.xml" in rels
    actions = re.findall(r'onAction="(\w+)"', ui)
    callbacks = set(re.findall(r"^Public Sub (\w+)\(control As IRibbonControl\)", mods["JixiaoRibbon"], re.M))
    assert len(actions) == 5 and set(actions) <= callbacks
    assert re.findall(r'label="([^"]+)" size', ui) == [b[0] for b in BUTTONS]
    assert _check_run_python(mods["JixiaoRibbon"]) == 5
    assert 'PROJECT_NAME As String = "jixiao"' in mods["xlwings"]
    assert 'name="jixiao.conf"' in wbxml and "addin.macroEnabled" in ct
    assert "ActiveWorkbook, Application.Caller" in mods["xlwings_udfs"]


@pytest.mark.libreoffice
def test_xlsm_opens_and_prints_like_the_plain_template(tmp_path):
    need_libreoffice()
    a = convert(XLSM, "pdf", tmp_path / "m")
    b = convert(REPO_TEMPLATES / "项目支出绩效自评表.xlsx", "pdf", tmp_path / "x")
    text = [subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True).stdout for p in (a, b)]
    assert text[0] == text[1] and "建议得分" not in text[0]  # the printed form is unchanged
    resaved = convert(XLSM, "xlsx", tmp_path / "r")
    assert openpyxl.load_workbook(resaved)["项目支出绩效自评表"]["J13"].value == "建议得分"


# ----------------------------------------------------------------------------- buttons = CLI

@pytest.fixture()
def book(sample_forms, tmp_path):
    return write_forms(sample_forms, tmp_path / "大厂-2022.xlsx")


def _cells(path, sheets=None):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb:
        if sheets and ws.title not in sheets:
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.comment is not None or c.fill.fgColor.rgb not in (None, "00000000"):
                    out[(ws.title, c.coordinate)] = (c.value, c.comment.text if c.comment else None,
                                                     c.fill.fgColor.rgb)
    return wb.sheetnames, out


def test_check_button_equals_check_annotate(book, tmp_path, capsys):
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    message = buttons.check(host)
    host.save()
    main(["check", str(book), "--annotate", str(tmp_path / "cli.xlsx")])
    capsys.readouterr()
    main(["check", str(book), "--json"])
    found = json.loads(capsys.readouterr().out)
    errors = sum(f["severity"] == "error" for f in (found["findings"] if isinstance(found, dict) else found))
    assert errors > 100 and f"错误 {errors} 个" in message   # the command's count (a finding another took in, once)
    assert _cells(tmp_path / "button.xlsx") == _cells(tmp_path / "cli.xlsx")


def test_summarize_button_equals_cli(book, tmp_path, capsys):
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    buttons.summarize(host)
    host.save()
    main(["summarize", str(book), "-o", str(tmp_path / "cli.xlsx")])
    capsys.readouterr()
    names, a = _cells(tmp_path / "button.xlsx", {"汇总表", "项目明细"})
    assert names[0] == "汇总表"
    assert a == _cells(tmp_path / "cli.xlsx", {"汇总表", "项目明细"})[1]


DEPT_LIST = "部门整体自评"  # the 汇总's sheet listing the 部门整体支出绩效自评表 (``FormKind.summary_sheet``)


def _projects_and_department(tmp_path, n=3):
    """A 填报人's workbook: ``n`` project forms and the 部门整体支出绩效自评表 (子洲, 95 分 优), of the projects'
    year 2022 (one of another year is left out of the 汇总, as every kind's form is)."""
    from dept_helpers import zizhou_of

    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(zizhou_of(2022, tmp_path)), *(str(p) for p in SAMPLES[:n]), "-o", str(book)]) == 0
    return book


def _listed(path):
    """The rows of the 部门整体 list in a workbook, by header; and how many sheets carry its name."""
    wb = openpyxl.load_workbook(path)
    ws = wb[DEPT_LIST]
    head = [c.value for c in ws[2]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=3) if r[0].value is not None]
    return rows, [n for n in wb.sheetnames if n.startswith(DEPT_LIST)], wb["汇总表"]["A10"].value


def test_summarize_button_lists_the_department_form_as_the_command_does(tmp_path, capsys):
    """汇总 on a workbook holding project forms and the 部门整体 form left it out (no sheet, nothing said),
    while ``summarize -o`` on the same workbook lists it: the two now write the same sheets, and the
    button says which it made. Pressed again, on a workbook that has the list, it is replaced, not doubled."""
    book = _projects_and_department(tmp_path)
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    said = buttons.summarize(host)
    host.save()
    assert main(["summarize", str(book), "-o", str(tmp_path / "cli.xlsx")]) == 0
    capsys.readouterr()
    assert f"“{DEPT_LIST}”工作表" in said and "再点“汇总”" in said, said
    names, a = _cells(tmp_path / "button.xlsx", {"汇总表", "项目明细", DEPT_LIST})
    assert names == _cells(tmp_path / "cli.xlsx")[0]
    assert a == _cells(tmp_path / "cli.xlsx", {"汇总表", "项目明细", DEPT_LIST})[1]
    rows, lists, note = _listed(tmp_path / "button.xlsx")
    assert [(r["单位"], r["年度"], r["表中总分"], r["表中等级"]) for r in rows] == [("子洲县医疗保障局", 2022, 95, "优")]
    assert lists == [DEPT_LIST] and f"1张部门整体支出绩效自评表见“{DEPT_LIST}”工作表" in note
    # the department's own 汇总 (and the 定稿 copy it sends) holds the form; it did not “receive” it
    assert "本工作簿中的1张部门整体支出绩效自评表" in note and "收到" not in note
    # 汇总 again (the button on its own output; the command on it): one list, the same, said once
    again = FileHost(str(tmp_path / "button.xlsx"), str(tmp_path / "again.xlsx"))
    buttons.summarize(again)
    again.save()
    # (1: this copy, saved without Excel, holds no results of the 汇总表's formulas, so the command
    # finds them apart from the forms — not what is looked at here)
    main(["summarize", str(tmp_path / "button.xlsx"), "-o", str(tmp_path / "again-cli.xlsx")])
    capsys.readouterr()
    for out in ("again.xlsx", "again-cli.xlsx"):
        again_rows, lists, again_note = _listed(tmp_path / out)
        assert lists == [DEPT_LIST] and again_note == note, out
        assert [(r["单位"], r["表中总分"], r["表中等级"]) for r in again_rows] == [("子洲县医疗保障局", 95, "优")], out
        assert _cells(tmp_path / out)[0] == names, out


def test_summarize_again_without_the_department_form_takes_its_list_away(tmp_path, capsys):
    """The 部门整体 form taken out of the workbook after a 汇总: 汇总 again leaves no list of it behind
    (button and command alike); a workbook of project forms only gets no such sheet at all."""
    book = _projects_and_department(tmp_path)
    assert main(["summarize", str(book), "-o", str(tmp_path / "done.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "done.xlsx")
    assert DEPT_LIST in wb.sheetnames
    del wb[next(n for n in wb.sheetnames if n.startswith("部门整体-"))]
    wb.properties.lastModifiedBy = "张三"   # a person's edit, as Excel records it: no longer our own output
    wb.save(tmp_path / "no-dept.xlsx")
    again = FileHost(str(tmp_path / "no-dept.xlsx"), str(tmp_path / "button.xlsx"))
    said = buttons.summarize(again)
    again.save()
    assert main(["summarize", str(tmp_path / "no-dept.xlsx"), "-o", str(tmp_path / "cli.xlsx")]) == 0
    capsys.readouterr()
    assert DEPT_LIST not in said
    for out in ("button.xlsx", "cli.xlsx"):
        wb = openpyxl.load_workbook(tmp_path / out)
        assert not [n for n in wb.sheetnames if n.startswith(DEPT_LIST)], (out, wb.sheetnames)
        assert "部门整体" not in wb["汇总表"]["A10"].value
    # never one: project forms only
    only = tmp_path / "项目.xlsx"
    assert main(["fill", *(str(p) for p in SAMPLES[:3]), "-o", str(only)]) == 0
    host = FileHost(str(only), str(tmp_path / "only.xlsx"))
    buttons.summarize(host)
    host.save()
    wb = openpyxl.load_workbook(tmp_path / "only.xlsx")
    assert wb.sheetnames[0] == "汇总表" and not [n for n in wb.sheetnames if n.startswith(DEPT_LIST)]
    assert "部门整体" not in wb["汇总表"]["A10"].value


def test_summarize_button_keeps_a_form_sheet_named_like_the_list(tmp_path, capsys):
    """The 部门整体 form's own sheet renamed “部门整体自评”: the button's list takes another title
    (as ``summarize -o`` does) and keeps it when pressed again, the form sheet untouched."""
    book = _projects_and_department(tmp_path)
    wb = openpyxl.load_workbook(book)
    wb[next(n for n in wb.sheetnames if n.startswith("部门整体-"))].title = DEPT_LIST
    wb.save(book)
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    buttons.summarize(host)
    host.save()
    again = FileHost(str(tmp_path / "button.xlsx"), str(tmp_path / "again.xlsx"))
    buttons.summarize(again)
    again.save()
    for out in ("button.xlsx", "again.xlsx"):
        wb = openpyxl.load_workbook(tmp_path / out)
        assert [n for n in wb.sheetnames if n.startswith(DEPT_LIST)] == [DEPT_LIST, f"{DEPT_LIST}(2)"], out
        assert wb[f"{DEPT_LIST}(2)"]["B3"].value == "子洲县医疗保障局"
        assert wb[DEPT_LIST]["A1"].value == openpyxl.load_workbook(book)[DEPT_LIST]["A1"].value  # the form
        assert f"见“{DEPT_LIST}(2)”工作表" in wb["汇总表"]["A10"].value


def test_finalize_copy_lists_the_department_form_as_summarize_does(tmp_path, capsys):
    """定稿 of a workbook with its 汇总: the copy's 汇总表 is written from the forms as values, and left
    out the list of the 部门整体 form that ``summarize -o`` and the 汇总 button write beside it (its 说明
    not saying it either); button and command give the same copy."""
    book = _projects_and_department(tmp_path)
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    buttons.summarize(host)
    host.save()

    class NoPdf(FileHost):
        export_pdf = False   # the PDF is not looked at here (``test_finalize_button_equals_cli_and_is_clean``)

    said = buttons.finalize(NoPdf(str(tmp_path / "汇总后.xlsx")), outdir=str(tmp_path / "button"), confirm=True,
                            email=False)
    assert "已定稿" in said, said
    assert main(["finalize", str(tmp_path / "汇总后.xlsx"), "-o", str(tmp_path / "cli"), "--force", "--no-pdf"]) == 0
    capsys.readouterr()
    (a,) = (tmp_path / "button").glob("*.xlsx")
    (b,) = (tmp_path / "cli").glob("*.xlsx")
    assert _cells(a) == _cells(b)
    rows, lists, note = _listed(a)
    assert [(r["单位"], r["表中总分"], r["表中等级"]) for r in rows] == [("子洲县医疗保障局", 95, "优")]
    assert lists == [DEPT_LIST] and f"见“{DEPT_LIST}”工作表" in note
    wb = openpyxl.load_workbook(a)
    # the four forms first, then the 汇总表 and its lists, in the 报送函's order (s67: the 汇总表 came first)
    assert wb.sheetnames.index("汇总表") == 4 and wb[DEPT_LIST].protection.sheet   # sent to be read, as the rest


def test_finalize_copy_names_no_path_of_the_fillers_computer(tmp_path, capsys):
    """The 定稿 copy's 项目明细 and 部门整体 list gave each form's 来源 as the workbook on the 填报人's
    computer — its full path from the button (“C:\\Users\\张三\\Desktop\\….xlsx#sheet”, a file:// link to
    it), the path as typed from the command: sent to the 财政局, a link that opens nothing there, and
    different from button to command. The forms are sheets of the copy: 来源 is that sheet, a link to it.
    The 汇总 in the workbook itself lists the 部门整体 form so too, as 项目明细 does."""
    import os

    book = _projects_and_department(tmp_path)
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    buttons.summarize(host)
    host.save()
    ws = openpyxl.load_workbook(tmp_path / "汇总后.xlsx")[DEPT_LIST]
    form_sheet = next(n for n in openpyxl.load_workbook(book).sheetnames if n.startswith("部门整体-"))
    assert ws["J3"].value == form_sheet and ws["J3"].hyperlink.location == f"'{form_sheet}'!A1"

    class NoPdf(FileHost):
        export_pdf = False

    buttons.finalize(NoPdf(str(tmp_path / "汇总后.xlsx")), outdir=str(tmp_path / "button"), confirm=True, email=False)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["finalize", "汇总后.xlsx", "-o", "cli", "--force", "--no-pdf"]) == 0
    finally:
        os.chdir(cwd)
    capsys.readouterr()
    (a,) = (tmp_path / "button").glob("*.xlsx")
    (b,) = (tmp_path / "cli").glob("*.xlsx")
    assert _cells(a) == _cells(b)
    wb = openpyxl.load_workbook(a)
    forms = wb.sheetnames[:4]   # the forms first, the 汇总表 and its lists after them (s67)
    for sheet in ("项目明细", DEPT_LIST):
        ws = wb[sheet]
        # the 定稿 drops the review's columns (复核…, 错误数, 警告数): 来源 found by its header
        col = next(c.column_letter for c in ws[2] if c.value == "来源")
        cells = [ws[f"{col}{r}"] for r in range(3, ws.max_row + 1) if ws[f"A{r}"].value is not None]
        assert [c.value for c in cells] == (forms[:3] if sheet == "项目明细" else forms[3:]), sheet
        # a form for paper: the sheet's name as text, no link (LibreOffice printed the link blue; round 59)
        assert not [c.hyperlink for c in cells if c.hyperlink], sheet
    texts = [str(c.value) for w in wb for row in w.iter_rows() for c in row if c.value is not None]
    assert not [t for t in texts if ".xlsx" in t or str(tmp_path) in t]
    assert not [c.hyperlink.target for w in wb for row in w.iter_rows() for c in row if c.hyperlink and c.hyperlink.target]


def test_calc_button_fills_blank_scores_with_basis(sample_json, tmp_path, capsys):
    data = json.loads(json.dumps(sample_json[0]))
    for ind in data["indicators"]:
        ind["score"] = None
    src = write_forms([parse_form(data)], tmp_path / "blank.xlsx")
    host = FileHost(str(src), str(tmp_path / "button.xlsx"))
    msg = buttons.calc(host)
    assert "为 5 个空白得分填入建议得分" in msg
    # H18/H19 repeat the target ("≥100%") as the actual: no rule computes them, the 填报人 scores them
    assert "2 个得分无法按公式计算" in msg and "H18、H19" in msg
    host.save()
    main(["calc", str(src), "-o", str(tmp_path / "cli.xlsx")])
    capsys.readouterr()
    assert _cells(tmp_path / "button.xlsx") == _cells(tmp_path / "cli.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "button.xlsx").worksheets[0]
    assert ws["H17"].value == 20 and "节约不算未完成" in ws["H17"].comment.text
    assert ws["H18"].value is None and ws["H18"].comment is None   # not a 0 that prints as failed
    form = read_workbook(src).forms[0].form  # the input is untouched
    assert all(i.score is None for i in form.indicators)


@pytest.mark.libreoffice
def test_finalize_button_equals_cli_and_is_clean(book, tmp_path, capsys):
    need_libreoffice()
    msg = buttons.finalize(FileHost(str(book)), outdir=str(tmp_path / "button"), confirm=True, email=True)
    assert "已定稿" in msg and ".eml" in msg
    refused = buttons.finalize(FileHost(str(book)), outdir=str(tmp_path / "no"), confirm=False, email=False)
    assert "未定稿" in refused and not (tmp_path / "no").exists()
    assert main(["finalize", str(book), "-o", str(tmp_path / "cli"), "--force", "--email"]) == 0
    capsys.readouterr()
    name = "大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx"
    a, b = tmp_path / "button" / name, tmp_path / "cli" / name
    assert _cells(a) == _cells(b)
    # values only: no formulas, no VBA, protected, same forms as the workbook
    with zipfile.ZipFile(a) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower()]
        assert "<f>" not in "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    wb = openpyxl.load_workbook(a)
    assert all(ws.protection.sheet for ws in wb)
    # the screen's warning colours (得分 below 分值 without a reason …) are not printed or sent
    assert not any(list(ws.conditional_formatting) for ws in wb)
    assert any(list(ws.conditional_formatting) for ws in openpyxl.load_workbook(book))
    original = read_workbook(book)
    final = read_workbook(a)
    for x, y in zip(original.forms, final.forms):
        assert diff_forms(x.form.to_dict(), y.form.to_dict()) == []
    assert (tmp_path / "button" / name.replace(".xlsx", ".pdf")).exists()
    eml = (tmp_path / "button" / "大厂回族自治县医疗保障局-2022-绩效自评报送.eml").read_bytes()
    assert b"X-Unsent: 1" in eml and eml.count(b"Content-Disposition: attachment") == 2


# ----------------------------------------------------------------------------- install

def test_addin_install_elsewhere_says_what_to_do():
    with pytest.raises(addin_setup.AddinError, match="只能安装在 Windows"):
        addin_setup.install(platform="linux")
    assert "jixiao 命令" in addin_setup.status(platform="darwin")[0]


# the installer end to end: tests/test_addin_install.py


def test_check_button_reads_department_forms_too(tmp_path, capsys):
    """The 校验 button on a workbook holding the 部门整体 form checks it with the F rules,
    exactly as `check --annotate` does."""
    from dept_helpers import ZIZHOU

    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(ZIZHOU), str(SAMPLES[0]), "-o", str(book)]) == 0
    host = FileHost(str(book), str(tmp_path / "button.xlsx"))
    message = buttons.check(host)
    host.save()
    main(["check", str(book), "--annotate", str(tmp_path / "cli.xlsx"), "--json"])
    assert "校验完成" in message
    assert _cells(tmp_path / "button.xlsx") == _cells(tmp_path / "cli.xlsx")
    result = openpyxl.load_workbook(tmp_path / "button.xlsx")["校验结果"]
    rules = {row[1].value for row in result.iter_rows(min_row=3)}
    assert any(r and r.startswith("F") for r in rules) and "D4" in rules


def test_finalize_keeps_the_department_form_as_values(tmp_path, capsys):
    from dept_helpers import ZIZHOU

    from jixiao.forms.department.reader import read_dept_workbook

    book = tmp_path / "子洲.xlsx"
    main(["fill", str(ZIZHOU), str(SAMPLES[0]), "-o", str(book)])
    assert main(["finalize", str(book), "-o", str(tmp_path / "out"), "--force", "--no-pdf"]) == 0
    capsys.readouterr()
    (final,) = (tmp_path / "out").glob("*.xlsx")
    wb = openpyxl.load_workbook(final)
    # the two forms, and the 汇总表 a 定稿 with project forms carries with its 项目明细 and 部门整体自评 (s67)
    assert "汇总表" in wb.sheetnames
    assert len([n for n in wb.sheetnames if n not in ("汇总表", "项目明细", "部门整体自评")]) == 2
    assert not [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    (dept,) = read_dept_workbook(final).forms
    assert (dept.form.total_score, dept.form.grade if hasattr(dept.form, "grade") else "优") == (95, "优")


@pytest.mark.libreoffice
def test_suggested_score_says_when_the_addin_is_missing(tmp_path):
    """Where JX_SCORE cannot run (here: LibreOffice, which has no add-in) 建议得分 says so in
    Chinese; no conditional format hides it (the old white-font rule did)."""
    need_libreoffice()
    wb = openpyxl.load_workbook(XLSM, keep_vba=True)
    ws = wb["项目支出绩效自评表"]
    assert not [r for cf in ws.conditional_formatting for r in cf.rules
                if r.dxf and r.dxf.font and r.dxf.font.color is not None and r.dxf.font.color.rgb in ("FFFFFFFF", "00FFFFFF")]
    ws["E14"], ws["F14"], ws["G14"] = "≥17 名", "14 名", 10
    filled = tmp_path / "filled.xlsm"
    wb.save(filled)
    out = convert(filled, "xlsx", tmp_path / "lo")
    values = openpyxl.load_workbook(out, data_only=True)["项目支出绩效自评表"]
    assert values["J14"].value == "加载项未就绪" and values["J15"].value in (None, "")
