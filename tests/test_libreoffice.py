"""The native formulas in a real spreadsheet engine: LibreOffice headless.

Every filled sample workbook is opened by LibreOffice with recalculation forced, saved,
and read back. The formulas must compute what the Python side says, and nothing may show
an error value. The template must print on one A4 page wide, nothing cut off.
"""

from __future__ import annotations

import re
import subprocess

import openpyxl
import pytest

from conftest import SAMPLE_IDS, diff_forms, need_libreoffice
from jixiao.forms.project.model import parse_form
from jixiao.excel.office import convert, pdf_to_png
from jixiao.forms.project.reader import read_workbook
from jixiao.forms.project.scoring import score_form
from jixiao.excel.workbook import write_forms
from jixiao.cli import REPO_TEMPLATES

pytestmark = pytest.mark.libreoffice


def _pages(pdfinfo: str) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdfinfo, re.M).group(1))


def _error_cells(path):
    """Cells holding an error value (#DIV/0!, #VALUE!, #NAME? …) after recalculation."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return [f"{ws.title}!{c.coordinate}={c.value}" for ws in wb for row in ws.iter_rows() for c in row
            if c.data_type == "e" or (isinstance(c.value, str) and c.value.startswith(("#DIV", "#VALUE", "#NAME", "#REF", "Err:")))]


@pytest.fixture(scope="module")
def recalculated_as_written(sample_forms, tmp_path_factory):
    need_libreoffice()
    d = tmp_path_factory.mktemp("lo-written")
    src = write_forms(sample_forms, d / "as-written.xlsx")
    return convert(src, "xlsx", d / "out")


@pytest.fixture(scope="module")
def scored_forms(sample_json):
    """The samples as the 计算 button leaves them: indicator 得分 from the scorer, and
    执行率, 执行率得分, Σ分值, 总分 left to the formulas (null)."""
    forms, scores = [], []
    for data in sample_json:
        s = score_form(parse_form(data)).to_dict()
        d = {**data, "exec_rate": None, "exec_score": None, "total_score": None, "total_weight": None}
        d["indicators"] = [{**ind, "score": si["score"]} for ind, si in zip(data["indicators"], s["indicators"])]
        forms.append(parse_form(d))
        scores.append(s)
    return forms, scores


@pytest.fixture(scope="module")
def recalculated_scored(scored_forms, tmp_path_factory):
    need_libreoffice()
    d = tmp_path_factory.mktemp("lo-scored")
    src = write_forms(scored_forms[0], d / "scored.xlsx")
    return convert(src, "xlsx", d / "out")


@pytest.mark.parametrize("i", range(23), ids=SAMPLE_IDS)
def test_libreoffice_keeps_every_value_as_written(recalculated_as_written, sample_json, i):
    res = read_workbook(recalculated_as_written)
    assert not res.problems
    assert diff_forms(sample_json[i], res.forms[i].form.to_dict()) == []


def test_no_error_values_after_recalculation(recalculated_as_written, recalculated_scored):
    assert _error_cells(recalculated_as_written) == []
    assert _error_cells(recalculated_scored) == []


@pytest.mark.parametrize("i", range(23), ids=SAMPLE_IDS)
def test_formulas_equal_the_python_scorer(recalculated_scored, scored_forms, i):
    res = read_workbook(recalculated_scored)
    sf = res.forms[i]
    expected = scored_forms[1][i]
    got = sf.form
    if expected["exec_rate"] is None:
        assert got.exec_rate is None
    else:
        assert got.exec_rate == pytest.approx(expected["exec_rate"], abs=1e-9)
    # the scorer reports scores to 4 decimals; the sheet keeps full precision
    assert (got.exec_score or 0) == pytest.approx(expected["exec_score"] or 0, abs=1e-4)
    assert got.total_score == pytest.approx(expected["total"], abs=1e-4)
    assert got.total_weight == pytest.approx((got.funds_weight or 0) + sum(x.weight or 0 for x in got.indicators))
    wb = openpyxl.load_workbook(recalculated_scored, data_only=True)
    assert wb[sf.sheet][sf.layout.foot_cells()["grade"]].value == expected["grade"]


def test_unexecuted_projects_grade_poor_in_libreoffice(recalculated_scored, scored_forms):
    res = read_workbook(recalculated_scored)
    wb = openpyxl.load_workbook(recalculated_scored, data_only=True)
    grades = {sf.sheet: wb[sf.sheet][sf.layout.foot_cells()["grade"]].value for sf in res.forms}
    poor = [k for k, g in grades.items() if g == "差"]
    assert len(poor) == 3


def test_template_prints_on_one_a4_page_whole(tmp_path, artifacts):
    need_libreoffice()
    pdf = convert(REPO_TEMPLATES / "项目支出绩效自评表.xlsx", "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    # the form on one page; the 设置 sheet is not printed with it (its print area an empty cell, session 59)
    assert _pages(info) == 1
    # A4 portrait: 595 x 842 pt
    assert "595" in info.split("Page size:")[1].split("\n")[0]
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    assert "收件邮箱" not in text and "注：1." in text.replace(" ", "")
    for label in ("项目支出绩效自评表", "偏差原因分析及改进措施", "总分", "联系方式", "填报单位负责人"):
        assert label in text.replace(" ", ""), label
    pngs = pdf_to_png(pdf, artifacts / "template", dpi=80)
    assert pngs and pngs[0].stat().st_size > 10_000


def test_filled_workbook_renders(recalculated_as_written, tmp_path, artifacts):
    pdf = convert(recalculated_as_written, "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert _pages(info) == 23  # one page per form
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                          capture_output=True, text=True).stdout
    assert "退役军人辅助性岗位经费" in text and "92.50%" in text and "等级：优" in text.replace(" ", "")
    pdf_to_png(pdf, artifacts / "filled", dpi=80, last=1)
