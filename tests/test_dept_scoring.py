"""部门整体支出绩效自评表: the Python twins of the formula indicators, the UDF, the 评分标准 texts."""

from __future__ import annotations

import json

import pytest

from dept_helpers import ZIZHOU, clean_json, zizhou_json
from jixiao.forms.department.model import Standard, load_dept_form, parse_dept_form
from jixiao.sources import load_one
from jixiao.forms.department.scoring import (DEFAULT_INDICATORS, DEFAULT_STANDARDS, dept_score, load_standards,
                                 score_dept_form, template_form, twin_score, with_standards)
from jixiao.forms.department.text import describe, full_marks, gaps, overlaps, parse_bands
from jixiao.errors import FormDataError
from jixiao.forms.project.model import Form


# -- the 子洲 2023 form ------------------------------------------------------------------
def test_zizhou_scores_95_excellent_in_python():
    s = score_dept_form(load_dept_form(ZIZHOU))
    assert s.total == 95 and s.grade == "优"
    assert s.written_total == 95 and s.written_grade == "优"
    by = {i.name: i for i in s.indicators}
    # computed from the published figures: 编制 7, 实有 6; 结余 0; 满意度 93%
    assert by["在职人员控制率"].computed and by["在职人员控制率"].score == 5
    assert by["在职人员控制率"].value == pytest.approx(6 / 7)
    assert by["资金结余"].computed and by["资金结余"].score == 3
    assert by["社会公众或服务对象满意度"].computed and by["社会公众或服务对象满意度"].score == 3
    assert "第 2 档" in by["社会公众或服务对象满意度"].basis
    # no published figures: the written score stands, and says why
    assert not by["社会效益"].computed and by["社会效益"].score == 12
    assert "缺少计算数据" in by["社会效益"].basis
    assert not by["预算信息公开性和完善性"].computed and "人工评分" in by["预算信息公开性和完善性"].basis


def test_zizhou_sample_is_the_published_form():
    d = zizhou_json()
    assert d["form"] == "部门整体支出绩效自评表" and d["year"] == 2023
    assert d["data"]["staff_quota"] == 7 and d["data"]["staff_actual"] == 6
    assert d["total_score"] == 95 and d["grade"] == "优"
    assert [i["weight"] for i in d["indicators"]] == [5, 5, 5, 3, 3, 3, 6, 3, 3, 3, 3, 3, 3, 4, 3, 10, 6, 9, 15, 5]
    social = next(i for i in d["indicators"] if i["name"] == "社会效益")
    assert social["score"] == 12 and social["reason"] is None
    assert len(d["team"]) == 7


def test_the_registry_tells_the_two_forms_apart(tmp_path):
    from conftest import SAMPLES

    assert isinstance(load_one(SAMPLES[0])[0][0].form, Form)
    assert load_one(ZIZHOU)[0][0].form.department == "子洲县医疗保障局"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**zizhou_json(), "year": "2023年"}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormDataError, match="year"):
        load_one(bad)


# -- the standards: each kind ------------------------------------------------------------
def std(key: str, **kw) -> Standard:
    return Standard.model_validate({**DEFAULT_STANDARDS[key].model_dump(), **kw})


@pytest.mark.parametrize("x, expected", [(0.8, 5), (1.0, 5), (1.02, 4), (1.05, 2.5), (1.1, 0), (1.3, 0)])
def test_over_limit_deducts_per_point_and_stops_at_zero(x, expected):
    assert twin_score(DEFAULT_STANDARDS["staff_control"], x, 5) == expected


@pytest.mark.parametrize("x, expected", [(1.0, 3), (0.97, 2.4), (0.9, 1), (0.84, 0), (0.5, 0)])
def test_under_limit(x, expected):
    assert twin_score(DEFAULT_STANDARDS["procurement"], x, 3) == pytest.approx(expected)


@pytest.mark.parametrize("x, expected", [(0.99, 5), (0.95, 5), (0.9499, 3), (0.85, 3), (0.8, 1), (0.75, 1),
                                         (0.7, 0)])
def test_bands_min_bounds_are_included(x, expected):
    assert twin_score(DEFAULT_STANDARDS["satisfaction"], x, 5) == expected


@pytest.mark.parametrize("x, expected", [(0, 3), (0.05, 2), (0.1, 2), (0.15, 1), (0.3, 1), (0.31, 0)])
def test_bands_max(x, expected):
    assert twin_score(DEFAULT_STANDARDS["budget_adjust"], x, 3) == expected


def test_per_item_and_balance():
    assert twin_score(DEFAULT_STANDARDS["social_benefit"], 1, 15) == 12
    assert twin_score(DEFAULT_STANDARDS["social_benefit"], 9, 15) == 0
    bal = DEFAULT_STANDARDS["balance"]
    assert twin_score(bal, 0, 3) == 3
    assert twin_score(bal, 5, 3, carryover_last=10) == 2
    assert twin_score(bal, 12, 3, carryover_last=10) == 0
    assert twin_score(bal, 12, 3) is None  # 上年结转 unknown: cannot tell


def test_scores_never_exceed_the_weight():
    # a band table written for 5 points on an indicator weighted 3
    assert twin_score(DEFAULT_STANDARDS["satisfaction"], 0.99, 3) == 3
    assert twin_score(DEFAULT_STANDARDS["budget_adjust"], 0, 2) == 2


def test_an_edited_standard_changes_the_score():
    form = load_dept_form(ZIZHOU)
    looser = {"satisfaction": std("satisfaction", bands=[{"bound": 0.9, "points": 5}, {"bound": 0.8, "points": 3}])}
    s = score_dept_form(with_standards(form, looser))
    assert s.total == 97 and s.indicators[19].score == 5


def test_standards_from_a_json_file(tmp_path):
    p = tmp_path / "标准.json"
    p.write_text(json.dumps({"staff_control": {"name": "在职人员控制率", "kind": "over_limit", "measure": "staff_rate",
                                               "limit": 0.8, "per_point": 0.5}}, ensure_ascii=False), encoding="utf-8")
    stds = load_standards(p)
    s = score_dept_form(with_standards(load_dept_form(ZIZHOU), stds))
    # 6/7 = 85.71%: 5.71 points over 80% at 0.5 each
    assert s.indicators[0].score == 2.14 and s.total == 92.14
    bad = tmp_path / "坏.json"
    bad.write_text('{"x": {"kind": "nope"}}', encoding="utf-8")
    with pytest.raises(FormDataError):
        load_standards(bad)


# -- the UDF -------------------------------------------------------------------------------
def test_dept_score_udf():
    assert dept_score("在职人员控制率", 6, 7) == 5
    assert dept_score("staff_control", 8, 7) == 0
    assert dept_score("满意度", 0.93) == 3
    assert dept_score("满意度", 0.93, params={"bands": [{"bound": 0.9, "points": 5}]}) == 5
    assert dept_score("满意度", 0.93, params='{"weight": 3}') == 3
    assert dept_score("预算调整率", 50, 1000) == 2          # |调整数| ÷ 预算数 = 5%
    assert dept_score("预算调整率", -50, 1000) == 2         # a cut is an adjustment too
    assert dept_score("三公经费变动率", 9.5, 10) == 5
    assert dept_score("\"三公经费\"控制率", 11, 10) == 0   # 110%: 10 points over at 1 each, from 6
    assert dept_score("资金结余", 5, 10) == 2
    assert dept_score("社会效益", 2) == 9
    assert dept_score("在职人员控制率", None, 7) is None
    with pytest.raises(FormDataError, match="未知的部门整体指标"):
        dept_score("不存在的指标", 1)


# -- the 评分标准 texts ----------------------------------------------------------------------
def test_published_adjustment_standard_misses_the_10_to_20_band():
    text = "=0 3；0–10%(含) 2；20%–30%(含) 1；>30% 0"
    bands = parse_bands(text)
    assert [b.points for b in bands] == [3, 2, 1, 0]
    (g,) = gaps(bands)
    assert (g.lo, g.hi) == (pytest.approx(0.1), pytest.approx(0.2))
    assert describe(g) == "10%–20%（不含 10%，含 20%）"


@pytest.mark.parametrize("text", [
    "≥90% 5；80(含)–90 4；70(含)–80 3；60(含)–70 2；<60 0",
    "95%(含)以上 5；85(含)–95 3；75(含)–85 1；<75 0",
    "0<预算调整率≤10%，计2分；预算调整率=0，计3分；10%<预算调整率≤30%，计1分；预算调整率>30%，计0分。",
    *[row[3] for row in DEFAULT_INDICATORS],
])
def test_standards_without_gaps(text):
    bands = parse_bands(text)
    assert gaps(bands) == [] and overlaps(bands) == []


@pytest.mark.parametrize("text", ["≤100% 计5分；每超1个百分点扣0.5分，扣完为止", "无结余 3；有结余但不超过上年结转 2；超过 0",
                                  "①②③ 各1分", "完成任务100%得5分，每少一个扣0.5分", "五项，每出现一例不符扣1分"])
def test_texts_that_are_not_band_tables(text):
    assert parse_bands(text) == []


def test_a_missing_bottom_band_and_an_overlap():
    assert [describe(g) for g in gaps(parse_bands("≥90% 5；80%(含)–90% 4"))] == ["0%–80%（含 0%，不含 80%）"]
    (o,) = overlaps(parse_bands("≥90% 5；80%–95% 4；<80% 0"))
    assert (o[2].lo, o[2].hi) == (pytest.approx(0.9), pytest.approx(0.95))


@pytest.mark.parametrize("text, marks", [
    ("完成任务100%得5分，每少一个扣0.5分", 5), ("≤100% 计5分；每超1个百分点扣0.5分", 5), ("=100% 3分；每减少1个百分点扣0.2分", 3),
    ("达到年初工作计划值以上得15分，每少一项扣3分", 15), ("95%(含)以上 5；85(含)–95 3；75(含)–85 1；<75 0", 5),
    ("①②③ 各1分", None), ("五项，每出现一例不符扣1分", None), ("① 2分 ② 1分", None), ("每低于100%一个百分点扣0.1分", None),
])
def test_full_marks_of_a_text(text, marks):
    assert full_marks(text) == marks


def test_template_set_adds_up_and_matches_its_texts():
    f = template_form()
    assert sum(i.weight for i in f.indicators) == 100
    for ind in f.indicators:
        fm = full_marks(ind.standard)
        assert fm is None or fm == ind.weight, ind.name
    assert {i.rule for i in f.indicators if i.rule} <= set(DEFAULT_STANDARDS)


def test_clean_form_scores_as_written():
    d = clean_json()
    s = score_dept_form(parse_dept_form(d))
    assert s.total == pytest.approx(d["total_score"]) and all(i.computed for i in s.indicators if i.rule)
