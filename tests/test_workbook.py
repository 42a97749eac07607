"""fill → read: the template sheet holds every value as written and gives it back."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from conftest import SAMPLE_IDS, diff_forms
from jixiao.forms.project import layout as L
from jixiao.errors import CellError, NotAFormError, WorkbookError
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook
from jixiao.excel.templates import stale_templates
from jixiao.excel.workbook import write_forms
from jixiao.cli import REPO_TEMPLATES


@pytest.fixture(scope="module")
def filled(sample_forms, tmp_path_factory):
    path = tmp_path_factory.mktemp("fill") / "book.xlsx"
    write_forms(sample_forms, path)
    return path


@pytest.fixture(scope="module")
def read_back(filled):
    return read_workbook(filled)


def test_every_sample_is_a_sheet(read_back, sample_forms):
    assert not read_back.problems
    assert len(read_back.forms) == len(sample_forms) == 23
    titles = [sf.sheet for sf in read_back.forms]
    assert len(set(titles)) == len(titles)
    assert all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in titles)


@pytest.mark.parametrize("i", range(23), ids=SAMPLE_IDS)
def test_fill_read_round_trip(read_back, sample_json, i):
    got = read_back.forms[i].form.to_dict()
    assert diff_forms(sample_json[i], got) == []


def test_text_that_looks_like_a_formula_stays_text(filled):
    ws = openpyxl.load_workbook(filled)["退役军人辅助性岗位经费"]
    assert ws["F14"].value == "=1 人" and ws["F14"].data_type == "s"


def test_written_value_that_differs_is_typed_over_the_formula(filled):
    wb = openpyxl.load_workbook(filled)
    # 10.json: 5.7/6 = 95% scored 10 (formula gives 9.5); Σ分值 is 110 but 100 was written
    ws = wb["医保基金监管专项检查经费"]
    assert ws["G7"].value.startswith("=IF(")           # 95% agrees: formula stays
    assert ws["H7"].value == 10                        # 10 ≠ 9.5: as written
    assert ws["G34"].value == 100                      # 100 ≠ 110: as written
    # 01.json: everything agrees with its formula
    ws = wb["退役军人辅助性岗位经费"]
    assert all(str(ws[c].value).startswith("=") for c in ("G7", "H7", "G34", "H34", "I34"))


def test_formula_cells_carry_cached_values(filled):
    """Like a file saved by a spreadsheet program, so a fast reader sees the numbers."""
    with zipfile.ZipFile(filled) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="G7" s="' in xml and "<v>0.925</v>" in xml.split('<c r="G7"')[1][:200]


def test_more_than_twenty_indicators_grow_the_block(sample_json, tmp_path):
    data = dict(sample_json[2])
    data["indicators"] = (data["indicators"] * 2)[:25]
    form = parse_form(data)
    path = write_forms([form], tmp_path / "big.xlsx")
    res = read_workbook(path)
    sf = res.forms[0]
    assert len(sf.form.indicators) == 25
    assert sf.layout.rows == 25 and sf.cell("total_score") == f"H{L.FIRST_IND + 25}"
    assert diff_forms(data, sf.form.to_dict()) == []


def test_cell_of_field_paths(read_back):
    sf = read_back.forms[0]
    assert sf.cell("exec_score") == "H7"
    assert sf.cell("funds.fiscal.annual") == "D8"
    assert sf.cell("indicators[3].score") == "H17"
    assert sf.cell("indicators[3].reason") == "I17"
    assert sf.cell("total_score") == "H34"


def test_not_a_workbook(tmp_path):
    p = tmp_path / "a.xlsx"
    p.write_bytes(b"not a zip at all")
    with pytest.raises(WorkbookError, match="a.xlsx"):
        read_workbook(p)


def test_sheet_that_only_looks_like_a_form(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "假表"
    ws["A1"] = "项目支出绩效自评表"
    ws["A3"] = "项目名称"
    wb.save(tmp_path / "b.xlsx")
    res = read_workbook(tmp_path / "b.xlsx")
    assert not res.forms
    (problem,) = res.problems
    assert isinstance(problem, NotAFormError)
    assert "假表" in str(problem) and "主管部门" in str(problem) and "总分" in str(problem)


def test_text_in_a_number_cell_names_the_cell(filled, tmp_path):
    wb = openpyxl.load_workbook(filled)
    wb["退役军人辅助性岗位经费"]["G15"] = "十分"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    res = read_workbook(bad)
    assert len(res.forms) == 22  # the other sheets are still read
    (problem,) = res.problems
    assert isinstance(problem, CellError)
    assert problem.cell == "G15" and problem.sheet == "退役军人辅助性岗位经费" and "十分" in str(problem)


def test_committed_templates_are_fresh():
    assert stale_templates(REPO_TEMPLATES) == []


def test_rebuilding_templates_rewrites_only_the_changed(tmp_path, capsys):
    """`jixiao templates` writes a template only where its content changed: each save stamps the time
    into docProps/core.xml, and a rebuild after one form kind's change showed every template changed."""
    import shutil

    from jixiao.cli import main

    out = tmp_path / "xlsx_templates"
    shutil.copytree(REPO_TEMPLATES, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    dept = out / "部门整体支出绩效自评表.xlsx"
    openpyxl.Workbook().save(dept)   # one template out of date
    assert main(["templates", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"已生成 {dept}" in said and said.count("已生成") == 1 and "未重写 4 个" in said
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(after) == sorted(before)   # no part file left behind
    assert {n for n in after if after[n] != before[n]} <= {dept.name}   # the others not touched, byte for byte
    assert stale_templates(out) == []


def test_template_sheet_features():
    wb = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效自评表.xlsx")
    ws = wb[L.TITLE]
    lay = L.FormLayout()
    assert lay.rows >= 20
    # protection without a password; input cells unlocked, computed cells locked
    assert ws.protection.sheet and not ws.protection.password
    assert ws["B3"].protection.locked is False and ws["D7"].protection.locked is False
    assert ws["G7"].protection.locked and ws["H34"].protection.locked
    # every input cell has an input message; 一级/二级 have drop-downs
    prompted = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                for c in row:
                    prompted[c.coordinate] = dv
    unlocked = [c.coordinate for row in ws.iter_rows() for c in row
                if c.protection.locked is False and c.coordinate not in ws.merged_cells]
    assert unlocked and all(ref in prompted and prompted[ref].prompt for ref in unlocked)
    assert prompted["B14"].type == "list" and "产出指标" in prompted["B14"].formula1
    assert prompted["C33"].type == "list" and "服务对象满意度指标" in prompted["C33"].formula1
    # the year: four digits, said so (it was any number ≥ 0, “不小于 0 的数字” to a filler typing “2024年”)
    year = prompted["A2"]
    assert (year.type, year.formula1, year.formula2) == ("whole", "2000", "2099") and "如 2024" in year.error
    # native formulas, A4 fitted to one page wide
    assert ws["G7"].value.startswith("=IF(") and "SUM(H7,H14:H33)" in ws["H34"].value
    assert str(ws.page_setup.paperSize) == "9" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert len(ws.conditional_formatting) >= 3


def test_templates_default_folder_is_never_inside_an_installed_package(tmp_path, monkeypatch):
    import jixiao.cli as cli

    assert cli._templates_folder() == cli.REPO_TEMPLATES          # a source checkout: the repository's folder
    monkeypatch.setattr(cli, "REPO_TEMPLATES", tmp_path / "site-packages" / "xlsx_templates")
    monkeypatch.chdir(tmp_path)
    assert cli._templates_folder() == tmp_path / "xlsx_templates"  # installed: the current folder
