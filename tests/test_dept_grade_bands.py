"""The 部门整体 form's 等级 under a bureau's grade bands (“优≥80”), as the project form's: its score, F13,
the sheet ``fill`` writes, 计算 and 汇总 rewriting the template's 等级 formula, the 汇总表's row, the
整体报告 and the 定稿 copy all grade a 总分 of 85 优 — it stayed 良 (the national bands) whatever the
profile said, so one workbook graded 85 优 on its project forms and 良 on its 部门整体 form.

A 等级 the template's formula shows (良 under 90/80/60) is the formula's, not the 填报人's: F13 does not
call it wrong under “优≥80”; a 等级 typed over the formula is checked against the profile's bands."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest
from docx import Document

from conftest import SAMPLES, need_libreoffice
from dept_helpers import zizhou_json
from jixiao.cli import main
from jixiao.core import grades
from jixiao.excel.office import convert
from jixiao.forms.department import layout as D
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.department.scoring import score_dept_form
from jixiao.sources import read_workbook_forms
PROJECT = SAMPLES[0]


def dept85(grade: str | None = "良") -> dict:
    """The 子洲 sample with 打击欺诈骗保督查 scored 0 of 10 (总分 85), of the project sample's year and
    unit (so the 整体报告 restates it), its 等级 as given."""
    d = zizhou_json()
    unit = json.loads(PROJECT.read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        if ind["name"] == "打击欺诈骗保督查":
            ind["score"], ind["reason"] = 0, "督查任务未全部完成"
    d.update(total_score=85, grade=grade, year=unit["year"], department=unit["unit"])
    return d


def total_row() -> int:
    return D.DeptLayout.for_form(parse_dept_form(dept85())).row_total


def formula(bands: grades.Bands) -> str:
    return "=" + grades.grade_formula(f"I{total_row()}", bands)


@pytest.fixture
def book(tmp_path):
    """A project form and the 部门整体 form, filled under the default profile: the 等级 formula of
    90/80/60, showing 良."""
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(dept85(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "填好.xlsx"
    assert main(["fill", str(src), str(PROJECT), "-o", str(out)]) == 0
    return out


def _dept_sheet(wb):
    return next(ws for ws in wb.worksheets if ws.title.startswith("部门整体"))


def _f13(capsys, *args) -> list[tuple[str, str]]:
    capsys.readouterr()
    main(["check", *args, "--json"])
    return [(f["cell"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["rule"] == "F13"]


def test_the_score_grades_under_the_profiles_bands():
    form = parse_dept_form(dept85())
    assert score_dept_form(form).grade == "良"
    assert score_dept_form(form, "优≥80").grade == "优"


@pytest.mark.parametrize("written, profile, said", [
    ("良", "优≥80", "总分 85 分对应的等级为“优”，表中为“良”"),
    ("优", "优≥80", None),
    ("优", None, "总分 85 分对应的等级为“良”，表中为“优”"),
    ("良", None, None)])
def test_f13_holds_a_written_grade_to_the_profiles_bands(tmp_path, capsys, written, profile, said):
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(dept85(written), ensure_ascii=False), encoding="utf-8")
    found = _f13(capsys, str(src), *(["--profile", profile] if profile else []))
    assert found == ([(f"J{total_row()}", said)] if said else [])


def test_the_templates_formula_is_graded_not_called_wrong(book, tmp_path, capsys):
    """The sheet shows 良 by the template's 90/80/60 formula: under “优≥80” that is no written error
    (the project form's 等级 formula is not one either); a 良 typed over the formula is."""
    assert openpyxl.load_workbook(book, data_only=True)[_dept_sheet(openpyxl.load_workbook(book)).title][
        f"J{total_row()}"].value == "良"
    assert _f13(capsys, str(book), "--profile", "优≥80") == []
    typed = tmp_path / "手填.xlsx"
    wb = openpyxl.load_workbook(book)
    _dept_sheet(wb)[f"J{total_row()}"] = "良"
    wb.save(typed)
    assert _f13(capsys, str(typed), "--profile", "优≥80") == [(f"J{total_row()}", "总分 85 分对应的等级为“优”，表中为“良”")]


def test_fill_under_a_profile_writes_the_department_grade_formula_of_its_bands(tmp_path):
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(dept85(None), ensure_ascii=False), encoding="utf-8")
    for profile, bands, shown in (("bands80", grades.BANDS_80, "优"), (None, grades.DEFAULT_BANDS, "良")):
        out = tmp_path / f"{profile}.xlsx"
        assert main(["fill", str(src), "-o", str(out), *(["--profile", profile] if profile else [])]) == 0
        ws = _dept_sheet(openpyxl.load_workbook(out))
        assert ws[f"J{total_row()}"].value == formula(bands)
        assert openpyxl.load_workbook(out, data_only=True)[ws.title][f"J{total_row()}"].value == shown


def test_a_copy_without_formula_results_grades_by_its_own_formula(tmp_path):
    """A workbook saved by a script (no formula results) with the “优≥80” formula: the 等级 read is
    the formula's 优, not the 90/80/60 grade 良 (``uncached``)."""
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(dept85(None), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "b80.xlsx"
    main(["fill", str(src), "-o", str(out), "--profile", "bands80"])
    plain = tmp_path / "script.xlsx"
    openpyxl.load_workbook(out).save(plain)
    (sf,), _problems = read_workbook_forms(plain)   # as every command reads a workbook
    assert (sf.form.total_score, sf.form.grade) == (85, "优")
    assert sf.grade_formula == grades.BANDS_80


def test_calc_rewrites_the_department_grade_formula_and_libreoffice_shows_it(book, tmp_path, capsys):
    need_libreoffice()
    capsys.readouterr()
    out = tmp_path / "计算后.xlsx"
    assert main(["calc", str(book), "--profile", "优≥80", "-o", str(out)]) in (0, 1)
    printed = capsys.readouterr().out
    sheet = _dept_sheet(openpyxl.load_workbook(out)).title
    assert f"“{sheet}”J{total_row()}" in printed and "80分（含）以上为优" in printed
    assert openpyxl.load_workbook(out)[sheet][f"J{total_row()}"].value == formula(grades.BANDS_80)
    shown = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True)[sheet]
    assert (shown[f"I{total_row()}"].value, shown[f"J{total_row()}"].value) == (85, "优")


def test_calc_of_the_department_form_alone_does_not_say_it_changed_nothing(tmp_path, capsys):
    """计算 on a workbook of the 部门整体 form only, under “优≥80”: it rewrites the 等级 formula, so it
    no longer ends “没有改动”; it says the scores are unchanged."""
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(dept85(None), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "部门.xlsx"
    main(["fill", str(src), "-o", str(book)])
    capsys.readouterr()
    main(["calc", str(book), "--profile", "优≥80", "-o", str(tmp_path / "out.xlsx")])
    printed = capsys.readouterr().out
    assert "改写 1 张表的等级公式" in printed and "得分没有改动。" in printed
    assert not re.search(r"(?<!得分)没有改动。", printed)


def test_the_summary_row_report_and_final_copy_grade_it_under_the_profile(book, tmp_path, capsys):
    capsys.readouterr()
    main(["summarize", str(book), "--profile", "优≥80", "--json"])
    (row,) = json.loads(capsys.readouterr().out)["departments"]
    assert (row["total"], row["grade"], row["reviewed_grade"]) == (85, "优", "优")
    out = tmp_path / "汇总.xlsx"
    main(["summarize", str(book), "--profile", "优≥80", "-o", str(out)])
    said = capsys.readouterr()
    assert "；各表的等级与汇总表一致。" in said.out + said.err
    wb = openpyxl.load_workbook(out)
    assert _dept_sheet(wb)[f"J{total_row()}"].value == formula(grades.BANDS_80)
    listed = wb["部门整体自评"]
    assert [listed[f"{c}3"].value for c in "DEFG"] == [85, "优", 85, "优"]   # 表中 as the form now shows it

    for profile, grade in (("优≥80", "优"), (None, "良")):
        docs = tmp_path / f"报告-{grade}"
        main(["report", str(book), "-o", str(docs), "--force", *(["--profile", profile] if profile else [])])
        text = "\n".join(p.text for p in Document(docs / "整体绩效自评工作报告.docx").paragraphs)
        assert f"自评总分85分，等级为“{grade}”" in text
        final = tmp_path / f"定稿-{grade}"
        main(["finalize", str(book), "-o", str(final), "--force", "--no-pdf",
              *(["--profile", profile] if profile else [])])
        (copy,) = final.glob("*.xlsx")
        ws = _dept_sheet(openpyxl.load_workbook(copy))
        assert (ws[f"I{total_row()}"].value, ws[f"J{total_row()}"].value) == (85, grade)
