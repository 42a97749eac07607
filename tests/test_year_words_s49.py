"""A year line in Chinese numerals (stop 49): “（二〇二二年度）”, as 公文 style writes years in titles.

The readers looked for digits: such a form was not read at all (X1 “找不到年度”), in our template's cell
A2 and in other layouts alike. ``core.dates.arabic_year`` writes the year in digits first.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import SAMPLES

from jixiao.core.dates import arabic_year
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook


@pytest.mark.parametrize("text, digits", [("（二〇二二年度）", "（2022年度）"), ("二○二三年", "2023年"),
                                          ("零二二年", "零二二年"), ("二二年", "二二年"), ("十二年", "十二年"),
                                          ("二〇二二", "二〇二二"), ("一二〇二二年", "一二〇二二年"), ("（2022年度）", "（2022年度）")])
def test_arabic_year(text, digits):
    assert arabic_year(text) == digits


@pytest.mark.parametrize("line", ["（二〇二二年度）", "二○二二年度", "（二〇二二年）"])
def test_a_form_whose_year_line_is_in_chinese_numerals_is_read(tmp_path, line):
    book = write_forms([parse_form(json.loads(SAMPLES[0].read_text(encoding="utf-8")))], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    wb.worksheets[0]["A2"].value = line
    wb.save(tmp_path / "cn.xlsx")
    got = read_workbook(tmp_path / "cn.xlsx")
    assert got.problems == [] and [sf.form.year for sf in got.forms] == [2022]
