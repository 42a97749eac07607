"""Indicator scores written in prose (issue 19, R7): "……指标得分 X 分" against the form's 得分 of the
indicator the sentence names. Sample 01 退役军人辅助性岗位经费: “年发放工资、保险费用” scored 18.5 of
20, “服务对象满意度” 10 of 10; the form's 总分 is 97.75.
"""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from test_report_check import get_profile  # the module that holds get_profile moves; this name stays
from jixiao.reportcheck import check_report, read_report
from jixiao.reportcheck.facts import build_facts
from jixiao.reportcheck.statements import extract
from jixiao.sources import load_all

HEAD = "## （一）退役军人辅助性岗位经费\n\n"


@pytest.fixture(scope="module")
def batch():
    return load_all(SAMPLES)


def check(tmp_path, batch, body: str) -> list:
    p = tmp_path / "报告.md"
    p.write_text(HEAD + body, encoding="utf-8")
    return check_report(p, batch.forms)


FIRES = [  # (sentence, indicator index, what the report says, the form's 得分)
    ("年发放工资、保险费用指标得分20分。", 3, 20, 18.5),
    ("服务对象满意度得分9分。", 6, 9, 10),
    ("年发放工资、保险费用指标得满分。", 3, 20, 18.5),  # 满分 = 分值 20
    ("年发放工资、保险费用指标完成值5.18万元，未超过指标值，得分20分。", 3, 20, 18.5),
]


@pytest.mark.parametrize("sentence, idx, said, have", FIRES)
def test_a_wrong_indicator_score_fires(tmp_path, batch, sentence, idx, said, have):
    (f,) = check(tmp_path, batch, sentence)
    assert (f.rule, f.paragraph, f.field, f.found, f.expected) == ("R7", 2, f"indicators[{idx}].score", said, have)
    # the 三级指标 named with the cell (s68): “（得分）” alone did not say which row
    name = batch.forms[0].form.indicators[idx].name
    assert f.against.endswith(f"indicators[{idx}].score（“{name}”的得分）") and f.quote == sentence
    assert f.indicator == name
    assert "总分" not in f.message  # an indicator's score, not the project's


SILENT = [
    "年发放工资、保险费用指标得分18.5分，服务对象满意度指标得满分。",  # both agree
    "年发放工资、保险费用指标完成值5.18万元，未超过指标值，得分18.5分。",
    "服务对象满意度得分10分。",  # was read as the 总分 (97.75) before: a false finding
    "年发放工资、保险费用指标分值20分，扣1.5分。",  # the weight and a deduction, not a score
    "服务对象满意度指标应得分10分。",
    "服务对象满意度达到95%，项目自评得分97.75分。",  # the project's score after an indicator's name
]


@pytest.mark.parametrize("sentence", SILENT)
def test_agreeing_or_other_figures_stay_silent(tmp_path, batch, sentence):
    assert check(tmp_path, batch, sentence) == []


def test_agreeing_scores_were_read(tmp_path, batch):
    p = tmp_path / "报告.md"
    p.write_text(HEAD + SILENT[0], encoding="utf-8")
    st = [s for s in extract(read_report(p), build_facts(batch.forms, get_profile(None)))
          if s.kind == "indicator_score"]
    assert [(s.data["indicator"], s.data["value"]) for s in st] == [([3], 18.5), ([6], None)]


def test_no_project_no_comparison(tmp_path, batch):
    """In the department's own part of the report the indicator's project is not known."""
    p = tmp_path / "报告.md"
    p.write_text("# 一、总体情况\n\n服务对象满意度指标得分9分。", encoding="utf-8")
    assert check_report(p, batch.forms) == []
