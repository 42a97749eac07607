"""One reading of a year cell for every reader (stop 51): ``core.dates.year_in`` / ``cell_year``.

The template reader took any number in A2 as the year — a 22 typed there made a form of “22年度”,
which the 汇总表 listed and a review set aside as another year's — and searched its text with a
pattern of its own; the label reader read “二〇二二年” on its year line but not beside a 预算年度 label.
"""

from __future__ import annotations

import openpyxl
import pytest

from dept_helpers import zizhou_json
from jixiao.checking.run import check_paths
from jixiao.core.dates import cell_year, year_in
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.project.model import parse_form
from test_rules import clean


@pytest.mark.parametrize("v, year", [
    (2022, 2022), (2022.0, 2022), ("2022", 2022), ("２０２２", 2022), ("（2022年度）", 2022),
    ("（二〇二二年度）", 2022), ("2022年", 2022), ("（2022）", 2022), ("（ 2023 年度）", 2023),
    (22, None), (3000, None), (2022.5, None), (True, None), (None, None), ("", None), ("（    年度）", None),
    ("（22年度）", None), ("120223", None), ("第2022号", 2022),
])
def test_year_in(v, year):
    assert year_in(v) == year


def test_the_tests_one_by_one():
    assert cell_year("2021年至2022年度", "du") == 2022     # the label reader prefers a “年度” anywhere
    assert cell_year("2021年至2022年度", "nian") == 2021
    assert cell_year("2022", "du") is None and cell_year("2022", "number") == 2022
    assert cell_year(2022, "du") is None                   # a number is read by "number" only
    assert cell_year("二〇二二年", "nian") == 2022


def _template_with_year(tmp_path, value, dept=False):
    form = parse_dept_form(zizhou_json()) if dept else parse_form(clean())
    path = tmp_path / "表.xlsx"
    write_forms([form], path)
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0]["A2"] = value
    wb.save(path)
    batch, result = check_paths([path], workers=1, progress=False)
    return batch, [f for f in result.findings if f.rule == "X1"]


@pytest.mark.parametrize("value", [22, 3000])
def test_a_number_that_is_no_year_is_named_on_a2(tmp_path, value):
    batch, x1 = _template_with_year(tmp_path, value)
    assert not batch.forms
    assert [(f.cell, f.message) for f in x1] == [("A2", f"年度“{value}”不是有效的年份，请填写预算年度（如 2022）")]


def test_a_blank_year_is_missing(tmp_path):
    _batch, x1 = _template_with_year(tmp_path, None)
    assert [(f.cell, f.message) for f in x1] == [("A2", "缺少年度，请填写预算年度（如 2022）")]


def test_the_department_forms_year_cell_is_read_the_same_way(tmp_path):
    batch, x1 = _template_with_year(tmp_path, "（2024年度）", dept=True)
    assert [d.form.year for d in batch.departments] == [2024] and not x1
    batch, x1 = _template_with_year(tmp_path, "（24年度）", dept=True)
    assert not batch.departments and [f.cell for f in x1] == ["A2"]
