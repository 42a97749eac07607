"""部门整体支出绩效自评表 as a sheet: template, fill → read, the commands, the JSON schema."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES, diff_forms
from dept_helpers import ZIZHOU, clean_json, zizhou_json, zizhou_of
from jixiao.forms.department import layout as D
from jixiao.cli import REPO_TEMPLATES, main
from jixiao.forms.department.model import (Band, DeptData, DeptForm, DeptIndicator, Standard, TeamMember, parse_dept_form)
from jixiao.forms.department.reader import read_dept_workbook
from jixiao.sources import read_workbook_forms
from jixiao.forms.department import DepartmentKind
from jixiao.excel.workbook import write_forms
from jixiao.errors import CellError
from jixiao.forms.project.model import load_form
from jixiao.excel.templates import stale_templates
from jixiao.core.numbers import says_nothing_formula

DEPT_TEMPLATE = DepartmentKind.template_file
TEMPLATE = REPO_TEMPLATES / DEPT_TEMPLATE


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("dept") / "dept.xlsx"
    write_forms([parse_dept_form(zizhou_json()), parse_dept_form(clean_json())], path)
    return path


# -- fill → read ---------------------------------------------------------------------------
def test_fill_read_round_trip(filled):
    res = read_dept_workbook(filled)
    assert not res.problems and len(res.forms) == 2
    assert diff_forms(zizhou_json(), res.forms[0].form.to_dict()) == []
    assert diff_forms(clean_json(), res.forms[1].form.to_dict()) == []
    assert [sf.sheet for sf in res.forms] == ["部门整体-子洲县医疗保障局", "部门整体-示例县财政局"]


def test_formulas_stay_where_the_written_score_agrees(filled):
    ws = openpyxl.load_workbook(filled)["部门整体-子洲县医疗保障局"]
    lay = D.DeptLayout.for_form(parse_dept_form(zizhou_json()))
    # 在职人员控制率 (6/7 ≤ 100%: 5) and 满意度 (93%: 3) keep their formulas
    assert str(ws["I11"].value).startswith("=IF(COUNT($G$")
    assert str(ws["I30"].value).startswith("=IF(COUNT($G$")
    # 社会效益 12 with no count of missed items: typed over its formula, as written
    assert ws["I29"].value == 12
    # a hand-scored indicator is a plain input
    assert ws["I20"].value == 3 and ws["K20"].value is None
    t = lay.row_total
    assert all(str(ws[f"{c}{t}"].value).startswith("=") for c in "HIJ")
    # the standards' parameters are plain numbers in visible cells
    g = lay.group("satisfaction")
    assert ws[f"G{g.rows['band1']}"].value == 0.95 and ws[f"H{g.rows['band1']}"].value == 5
    assert str(ws[f"G{g.head}"].value).startswith("=IF(COUNT(")


def test_formula_cells_carry_cached_values(filled):
    with zipfile.ZipFile(filled) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    after = xml.split('<c r="I11"')[1][:600]
    assert "<f>" in after and "<v>5</v>" in after
    after = xml.split('<c r="J31"')[1][:300]
    assert "<v>优</v>" in after


def test_clean_form_every_formula_indicator_keeps_its_formula(filled):
    ws = openpyxl.load_workbook(filled)["部门整体-示例县财政局"]
    form = parse_dept_form(clean_json())
    for i, ind in enumerate(form.indicators):
        v = ws[f"I{D.FIRST_IND + i}"].value
        assert str(v).startswith("=") == bool(ind.rule), (ind.name, v)


def test_mixed_workbook_and_the_project_reader(filled, tmp_path):
    out = write_forms([parse_dept_form(zizhou_json()), load_form(SAMPLES[0])], tmp_path / "mixed.xlsx")
    found, problems = read_workbook_forms(out)
    assert not problems
    # project sheets first, whatever the order given; each sheet read by exactly one kind
    assert [type(sf.form).__name__ for sf in found] == ["Form", "DeptForm"]


def test_blank_template_reads_as_a_missing_department():
    res = read_dept_workbook(TEMPLATE)
    # the blank template's year and department cells, both at once (each its own problem)
    assert [(type(p), p.cell) for p in res.problems] == [(CellError, "A2"), (CellError, "E3")]


def test_an_inserted_member_row_is_read(filled, tmp_path):
    """Rows below the indicators are anchored on the keys in column K, not on positions."""
    from jixiao.forms.department.reader import _Grid, read_dept_sheet

    wb = openpyxl.load_workbook(filled, data_only=False)
    ws = wb["部门整体-子洲县医疗保障局"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=11)]
    lay = D.DeptLayout.for_form(parse_dept_form(zizhou_json()))
    at = lay.team_row(7) - 1  # before the 评价组组长 row, as Excel's 插入行 would
    rows.insert(at, [None, None, "王某", None, None, "业务员", "子洲县医疗保障局", None, None, None, None])
    rows = [[None if isinstance(v, str) and v.startswith("=") else v for v in r] for r in rows]
    sf = read_dept_sheet(_Grid(rows, "x.xlsx", "s"))
    assert len(sf.form.team) == 8 and sf.form.team[-1].name == "王某"
    assert sf.form.data.satisfaction == 0.93  # the blocks below moved down one row and are still found
    assert sf.form.standards["satisfaction"].bands[0].bound == 0.95


# -- the template ---------------------------------------------------------------------------
def test_committed_templates_are_fresh():
    assert TEMPLATE.exists()
    assert DEPT_TEMPLATE not in stale_templates(REPO_TEMPLATES)


@pytest.fixture(scope="module")
def template_ws():
    return openpyxl.load_workbook(TEMPLATE)[D.TITLE]


def test_template_is_the_standard_indicator_set(template_ws):
    ws = template_ws
    assert ws["A1"].value == "部门整体支出绩效自评表"
    assert [ws[f"{c}{D.ROW_IND_HEAD}"].value for c in "ABCDEFGHIJ"] == list(D.IND_HEADERS.values())
    names = [ws[f"E{r}"].value for r in range(D.FIRST_IND, D.FIRST_IND + 20)]
    for want in ("在职人员控制率", "“三公经费”变动率", "重点支出安排率", "预算调整率", "支付进度", "资金结余",
                 "“三公经费”控制率", "管理制度健全性", "资金使用合规性", "预算信息公开性和完善性", "政府采购执行率",
                 "公务卡刷卡率", "资产管理安全性", "固定资产利用率", "社会效益", "社会公众或服务对象满意度"):
        assert want in names
    assert [ws[f"A{r}"].value for r in (11, 14, 26, 29)] == ["投入", "过程", "产出", "效果"]
    assert [ws[f"B{r}"].value for r in (11, 14, 26, 29)] == [15, 40, 25, 20]
    assert sum(ws[f"H{r}"].value for r in range(11, 31)) == 100
    assert ws["A31"].value == "总分" and ws["H31"].value.startswith("=IF(COUNT(H11:H30)")
    labels = {ws[f"A{r}"].value for r in range(31, 45)}
    assert {"评价小组", "评价组组长（签字）", "部门（单位）意见"} <= labels
    assert [ws[f"{c}33"].value for c in "ACFGH"] == ["序号", "姓名", "职务/职称", "单位", "签字"]


def test_template_protection_without_password(template_ws):
    p = template_ws.protection
    assert p.sheet and not p.password
    assert template_ws["E3"].protection.locked is False          # 部门名称: input
    assert template_ws["A3"].protection.locked is True            # its label
    assert template_ws["I11"].protection.locked is False          # formula score: may be typed over
    assert template_ws["H31"].protection.locked is True           # Σ分值
    assert template_ws.column_dimensions["K"].hidden


def test_template_input_messages_and_drop_downs(template_ws):
    dvs = template_ws.data_validations.dataValidation
    prompts = {dv.promptTitle for dv in dvs if dv.showInputMessage}
    for title in ("部门（单位）名称", "一级指标", "二级指标", "评分标准", "得分", "得分（自动计算）", "扣分原因",
                  "计算数据", "评分标准参数", "扣分项数", "评价小组", "部门（单位）意见"):
        assert title in prompts, title
    lists = [dv for dv in dvs if dv.type == "list"]
    assert any("投入,过程,产出,效果" in dv.formula1 for dv in lists)
    # every input cell of the table has a message
    covered = set()
    for dv in dvs:
        for rng in dv.sqref.ranges:
            for row in template_ws[rng.coord] if ":" in rng.coord else [[template_ws[rng.coord]]]:
                for c in row:
                    covered.add(c.coordinate)
    for c in ("A11", "B11", "C11", "D11", "E11", "F11", "G11", "H11", "I11", "J11", "E3", "H6", "F47"):
        assert c in covered, c


def test_template_conditional_formats_and_print_setup(template_ws):
    ws = template_ws
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    text = " ".join(r.formula[0] for r in rules)
    assert "I11>H11" in text and says_nothing_formula("J11") in text and "<>100" in text
    assert "SUM($H$11:$H$13)" in text  # 投入 15 against its 三级 分值
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area and "$J$" in ws.print_area
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks[-1] == 43  # after the form, before the 计算数据
    assert len(breaks) > 1 and all(b.man for b in ws.row_breaks.brk)  # its pages planned, as a written form's


def test_template_parameters_are_editable_cells(template_ws):
    ws = template_ws
    lay = D.DeptLayout.for_form(__import__("jixiao.forms.department.scoring", fromlist=["x"]).template_form())
    g = lay.group("staff_control")
    assert ws[f"G{g.rows['limit']}"].value == 1 and ws[f"G{g.rows['limit']}"].protection.locked is False
    assert ws[f"G{g.rows['per_point']}"].value == 0.5
    assert f"$G${g.rows['limit']}" in ws["I11"].value and f"$G${g.rows['per_point']}" in ws["I11"].value
    assert ws[f"K{g.head}"].value == "std:staff_control:value:over_limit:staff_rate"


# -- the JSON schema ------------------------------------------------------------------------
def _props(schema: dict, ref: str | None = None) -> set[str]:
    node = schema["$defs"][ref] if ref else schema
    return set(node["properties"])


def test_schema_matches_the_model():
    schema = json.loads((Path(__file__).resolve().parent.parent / "jixiao" / "spec" /
                         "dept_form.schema.json").read_text(encoding="utf-8"))
    assert _props(schema) == set(DeptForm.model_fields)
    assert set(schema["properties"]["data"]["properties"]) == set(DeptData.model_fields)
    assert _props(schema, "indicator") == set(DeptIndicator.model_fields)
    assert _props(schema, "standard") == set(Standard.model_fields)
    assert _props(schema, "band") == set(Band.model_fields)
    assert _props(schema, "member") == set(TeamMember.model_fields)
    assert schema["properties"]["form"]["const"] == "部门整体支出绩效自评表"
    required = set(schema["required"])
    assert required == {k for k, f in DeptForm.model_fields.items() if f.is_required()}


# -- the commands -----------------------------------------------------------------------------
def test_cli_fill_read_score_check_summarize(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    assert main(["fill", str(SAMPLES[0]), str(ZIZHOU), "-o", str(book)]) == 0
    assert "1 张部门整体支出绩效自评表" in capsys.readouterr().out

    assert main(["read", str(book), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [d["form"] for d in got] == ["项目支出绩效自评表", "部门整体支出绩效自评表"]
    assert diff_forms(zizhou_json(), got[1]) == []

    assert main(["score", str(book), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    dept = scores[1]
    assert dept["form"] == "部门整体支出绩效自评表" and dept["total"] == 95 and dept["grade"] == "优"
    assert dept["source"].endswith("#部门整体-子洲县医疗保障局")

    assert main(["score", str(ZIZHOU)]) == 0
    assert "复核总分 95 分，等级优" in capsys.readouterr().out

    assert main(["check", str(book), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    f8 = [f for f in findings if f["rule"] == "F8"]
    assert f8 and f8[0]["sheet"] == "部门整体-子洲县医疗保障局" and f8[0]["cell"] == "J29"

    annotated = tmp_path / "标注.xlsx"
    assert main(["check", str(book), "--annotate", str(annotated)]) == 1
    capsys.readouterr()
    ws = openpyxl.load_workbook(annotated)["部门整体-子洲县医疗保障局"]
    assert "F8" in ws["J29"].comment.text and "F9" in ws["F14"].comment.text

    assert main(["summarize", str(book), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["projects_due"] == 1 and s["year"] == 2022
    # the 2023 部门整体 form has no row in a 2022 summary: set aside as another year's, as a 评价表 is
    assert "department" not in s and [(x["kind"], x["form_kind"], x["year"]) for x in s["skipped"]] == [
        ("other_year", "department", 2023)]
    book = tmp_path / "book-2022.xlsx"
    assert main(["fill", str(SAMPLES[0]), str(zizhou_of(2022, tmp_path)), "-o", str(book)]) == 0
    capsys.readouterr()
    assert main(["summarize", str(book), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["projects_due"] == 1 and s["skipped"] == []
    assert s["department"]["department"] == "子洲县医疗保障局" and s["department"]["total"] == 95
    assert s["department"]["grade"] == "优" and s["department"]["errors"] == 1

    assert main(["summarize", str(SAMPLES[0]), str(zizhou_of(2022, tmp_path))]) == 0
    assert "部门整体支出绩效自评：子洲县医疗保障局" in capsys.readouterr().out
    # alone it is no 汇总表 (that counts project forms): refused in words, as the 汇总 button refuses it
    assert main(["summarize", str(ZIZHOU)]) == 2
    assert "只有 1 张部门整体支出绩效自评表，没有项目支出绩效自评表" in capsys.readouterr().err


def test_cli_score_with_a_standards_file(tmp_path, capsys):
    p = tmp_path / "std.json"
    p.write_text(json.dumps({"satisfaction": {"name": "满意度", "kind": "bands_min", "measure": "satisfaction",
                                              "bands": [{"bound": 0.9, "points": 5}], "base": 0}},
                            ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(ZIZHOU), "--json", "--standards", str(p)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["total"] == 97


def test_cli_fill_rejects_a_bad_department_form(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    d = zizhou_json()
    d["indicators"][0]["weight"] = "五"
    bad.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(bad), "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "indicators[0].weight" in err and "dept_form.schema.json" in err
    assert not (tmp_path / "x.xlsx").exists()



@pytest.mark.parametrize("blank", [None, "staff_actual"])
def test_a_copy_written_without_formula_results_checks_as_the_form_does(tmp_path, capsys, blank):
    """A workbook one of our commands wrote with openpyxl (``calc -o``, ``check --annotate``, the copy
    ``summarize -o`` makes) keeps the 部门整体 form's formulas but not their results: the formula-scored
    得分 read as blank, and 校验 said “得分公式没有算出结果” (F6, an error) three times where the form, or
    the same workbook saved by Excel, has none. Read from such a copy, the form is the form: its scores,
    total and grade are what the formulas show, its findings those of the original. ``blank``: a figure
    the first formula needs left out — its score stays blank in the copy too, as the formula shows it."""
    src = tmp_path / "部门整体.json"
    data = zizhou_json()
    if blank:
        data["data"][blank] = None
        data["indicators"][0]["score"] = None
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "子洲.xlsx"
    assert main(["fill", str(src), str(SAMPLES[0]), "-o", str(book)]) == 0
    assert main(["calc", str(book), "-o", str(tmp_path / "计算后.xlsx")]) == 0
    main(["check", str(book), "--annotate", str(tmp_path / "标注.xlsx")])
    capsys.readouterr()

    def dept(path: Path) -> tuple[list[tuple], DeptForm]:
        main(["check", str(path), "--json"])
        found = json.loads(capsys.readouterr().out)
        findings = found["findings"] if isinstance(found, dict) else found
        forms, _problems = read_workbook_forms(path)   # as every command reads a workbook
        return (sorted((f["rule"], f.get("cell"), f["message"]) for f in findings
                       if str(f.get("sheet") or "").startswith("部门整体")),
                next(sf.form for sf in forms if isinstance(sf.form, DeptForm)))

    original, original_form = dept(book)
    assert original_form.grade == "优" and original_form.indicators[0].score == (None if blank else 5)
    openpyxl.load_workbook(book).save(tmp_path / "openpyxl.xlsx")   # as any script saves it: no results
    for copy in ("计算后.xlsx", "标注.xlsx", "openpyxl.xlsx"):
        # I11 (在职人员控制率, 5 分 by its formula) holds the formula; our commands' copies keep the result
        # the form's sheet stored (``excel.cache.StoredResults``), a script's copy none
        sheet = next(n for n in openpyxl.load_workbook(tmp_path / copy).sheetnames if n.startswith("部门整体"))
        assert str(openpyxl.load_workbook(tmp_path / copy)[sheet]["I11"].value).startswith("=")
        stored = openpyxl.load_workbook(tmp_path / copy, data_only=True)[sheet]["I11"].value
        assert stored == (None if blank or copy == "openpyxl.xlsx" else 5), copy
        if copy == "openpyxl.xlsx":
            assert read_dept_workbook(tmp_path / copy).forms[0].form.indicators[0].score is None  # ``read``: as held
        findings, form = dept(tmp_path / copy)
        assert findings == original, copy
        assert [f[1] for f in findings if f[0] == "F6"] == (["I11"] if blank else []), copy
        assert form.model_dump() == original_form.model_dump(), copy
