"""A section of the report covering several forms (issue 19): a figure is compared with the one
project its sentence (or clause, or table row) names, and with nothing when the name fits
several forms or several projects are named.

"（十六）医疗救助补助资金使用情况" covers three 大厂 forms: the 省级 fund (冀财社(2021)179 号, 12 万元
spent), the 中央 fund of 冀财社(2021)159 号 (24 万元) and the 中央 fund of 冀财社(2022)49 号 (1.55 万元).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLES
from test_report_check import get_profile  # the module that holds get_profile moves; this name stays
from jixiao.reportcheck import check_report, read_document
from jixiao.reportcheck.facts import build_facts
from jixiao.reportcheck.sections import doc_number, heading_parts, pick_named, short_names
from jixiao.reportcheck.statements import extract, extract_tables
from jixiao.sources import load_all

HEAD = "## （十六）医疗救助补助资金使用情况\n\n"
SHENG, ZHONG_159, ZHONG_49 = 13, 14, 15  # form indices (samples 14, 15, 16)


@pytest.fixture(scope="module")
def batch():
    return load_all(SAMPLES)


@pytest.fixture(scope="module")
def facts(batch):
    return build_facts(batch.forms, get_profile(None))


def found(tmp_path: Path, batch, text: str, name: str = "报告.md") -> list:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return check_report(p, batch.forms)


def amounts(tmp_path: Path, facts, text: str) -> list:
    p = tmp_path / "读.md"
    p.write_text(text, encoding="utf-8")
    return [s for s in extract(read_document(p)[0], facts) if s.kind == "amount"]


def test_the_section_covers_three_forms(facts, tmp_path):
    st = [s for s in amounts(tmp_path, facts, HEAD + "共计支出2022年度救助金57.3389万元。")]
    assert [s.forms for s in st] == [[SHENG, ZHONG_159, ZHONG_49]]  # a sum over the section: not compared


FIRES = [  # (sentence under the heading, the form it names, what the form says)
    ("省级财政医疗救助补助资金到位12万元，支出10万元。", SHENG, 12),
    ("冀财社〔2021〕159号文件下达资金24万元，支出20万元。", ZHONG_159, 24),
    ("省级财政医疗救助补助资金支出12万元，冀财社(2021)159号资金支出20万元。", ZHONG_159, 24),  # by clause
]


@pytest.mark.parametrize("sentence, form, executed", FIRES)
def test_a_wrong_figure_of_the_one_project_named_fires(tmp_path, batch, sentence, form, executed):
    (f,) = found(tmp_path, batch, HEAD + sentence)
    assert (f.rule, f.paragraph, f.expected, f.found) == ("R1", 2, executed, 20 if executed == 24 else 10)
    assert f.project == batch.forms[form].form.project and f.quote == sentence


NEVER = [  # read, but not compared: the project cannot be told
    "中央财政医疗救助补助资金到位26万元，支出25.55万元。",  # both 中央 funds are called so
    "省级财政医疗救助补助资金和冀财社(2021)159号资金合计支出30万元。",  # two projects in one clause
    "医疗救助补助资金支出30万元。",  # the heading's own name: all three
]


@pytest.mark.parametrize("sentence", NEVER)
def test_a_name_that_fits_several_or_two_names_never_guess(tmp_path, batch, facts, sentence):
    assert found(tmp_path, batch, HEAD + sentence) == []
    st = amounts(tmp_path, facts, HEAD + sentence)
    assert st and all(s.forms is not None and len(s.forms) == 3 for s in st)


def test_right_figures_of_the_named_project_agree(tmp_path, batch, facts):
    text = HEAD + "省级财政医疗救助补助资金到位12万元，支出12万元，执行率100%。冀财社(2021)159号资金支出24万元。"
    assert found(tmp_path, batch, text) == []
    assert {tuple(s.forms or []) for s in amounts(tmp_path, facts, text)} == {(SHENG,), (ZHONG_159,)}


def test_a_heading_listing_projects_by_short_names(tmp_path, batch, facts):
    head = "## （三）法律顾问和执法用车\n\n"
    assert heading_parts("（三）法律顾问和执法用车", facts) == {6: "法律顾问", 8: "执法用车"}
    (f,) = found(tmp_path, batch, head + "法律顾问费用支出2万元。")
    assert (f.rule, f.project, f.expected) == ("R1", "聘请法律顾问", 1)
    assert found(tmp_path, batch, head + "法律顾问费用支出1万元。\n\n执法用车购置支出11.98万元，执行率88.09%。") == []
    # both named in one clause: nothing compared
    assert found(tmp_path, batch, head + "法律顾问和执法用车共支出20万元。") == []
    # a name with 和 inside it is one project, not two
    assert heading_parts("（五）国家级社会管理和公共服务综合标准化试点项目咨询服务费", facts) == {}


def test_a_table_row_naming_one_project_of_several(tmp_path, batch):
    doc = Document()
    doc.add_paragraph("（十六）医疗救助补助资金使用情况")
    t = doc.add_table(rows=5, cols=3)
    rows = [["项目名称", "全年预算数（万元）", "全年执行数（万元）"],
            ["省级财政医疗救助补助资金", "12", "10"],          # one form (12 spent): fires
            ["中央财政医疗救助补助资金（冀财社〔2021〕159号）", "24", "24"],  # by its 文号: agrees
            ["中央财政医疗救助补助资金", "26", "20"],          # two forms are called so: not compared
            ["医疗救助补助资金", "38", "30"]]                  # all three: not compared
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    p = tmp_path / "表.docx"
    doc.save(str(p))
    got = check_report(p, batch.forms)
    assert [(f.rule, f.message.split("：")[0], f.found) for f in got] == [("R1", "第1段后的表1第2行", 10)]
    facts = build_facts(batch.forms, get_profile(None))
    paragraphs, tables = read_document(p)
    rows_read = {s.data["at"] for s in extract_tables(tables, paragraphs, facts)}
    assert rows_read == {"第1段后的表1第2行", "第1段后的表1第3行"}


def test_names_and_document_numbers(facts):
    sheng = facts.forms[SHENG].name
    assert "省级财政医疗救助补助资金" in short_names(sheng)
    assert doc_number("冀财社〔2021〕179号") == doc_number("冀财社(2021)179号") == {("2021", "179")}
    assert pick_named("冀财社(2022)49号资金支出1.55万元", 0, [SHENG, ZHONG_159, ZHONG_49], facts) == ZHONG_49
    assert pick_named("资金支出1.55万元", 0, [SHENG, ZHONG_159, ZHONG_49], facts) is None
