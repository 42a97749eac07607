"""The 等级's twin compares a 总分 as Excel and LibreOffice compare it: at 15 significant digits.

Excel rounds both operands of =, <, > to 15 significant digits for the comparison; LibreOffice's is
as fine (approximate equality). The Python twin compared the double itself: 分值 of 10 + 12.496 +
12.499 + 12.505 + 12.505 + 15 + 15 + 10 are 100.005 (B1 passes them: within MAX_TOTAL's 0.005), but
summed in binary they are 100.00500000000001, so at full marks the twin said 无法评定 (and D12 “总分
最高为 100，表中为 100.005，不能评定等级”, the 汇总表 counting no grade) where the sheet in Excel, WPS
and LibreOffice shows 优. Found by recalculating random forms in LibreOffice against the twins.
"""

from __future__ import annotations

import openpyxl
import pytest
from conftest import need_libreoffice
from test_rules import clean, hits, run

from jixiao.checking.rules.weights import adds_to_100
from jixiao.core.grades import NO_GRADE, above_max, grade
from jixiao.core.numbers import compared
from jixiao.excel.office import convert
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook

OUTPUT = [12.496, 12.499, 12.505, 12.505]    # 产出: 50.005


def _binary_sum(values):
    s = 0.0
    for v in values:
        s += v
    return s


def full_marks(total_left_to_formula: bool = False) -> dict:
    """``clean()`` at a 100 % 执行率 with the 产出 分值 above, every indicator at full marks."""
    d = clean()
    for f in ("total", "fiscal"):
        d["funds"][f]["executed"] = d["funds"][f]["annual"]
    d["remark"] = None
    for ind, w in zip(d["indicators"][:4], OUTPUT):
        ind["weight"] = ind["score"] = w
    d["exec_rate"], d["exec_score"] = (None, None) if total_left_to_formula else ("100%", 10)
    weights = [d["funds_weight"], *(i["weight"] for i in d["indicators"])]
    d["total_weight"] = _binary_sum(weights)
    d["total_score"] = None if total_left_to_formula else _binary_sum([10, *(i["score"] for i in d["indicators"])])
    assert d["funds_weight"] == 10
    return d


def test_the_sum_carries_noise_the_spreadsheets_do_not_see():
    d = full_marks()
    assert d["total_score"] > 100.005                       # the premise: binary noise above the edge
    assert compared(d["total_score"]) == 100.005
    assert adds_to_100(d["total_weight"])                   # B1: these 分值 make 100
    assert not above_max(d["total_score"])
    assert grade(d["total_score"]) == "优"


@pytest.mark.parametrize("total, graded", [(100.005, "优"), (100.00500000000001, "优"), (100.0051, NO_GRADE),
                                           (89.99999999999999, "优"), (89.9999999999, "良"),
                                           (79.99999999999999, "良"), (59.99999999999999, "中")])
def test_bands_at_fifteen_digits(total, graded):
    assert grade(total) == graded


def test_no_d12_and_no_b1_on_full_marks():
    found = run(full_marks())
    assert [(f.rule, f.message) for f in found if f.rule in ("D12", "D11", "D7", "B1", "B3")] == []


def test_adds_to_100_and_above_max_agree_at_the_edge():
    # a 分值 sum B1 passes reaches, at full marks, a 总分 that is graded (the same sum, the same order)
    for extra in range(-6, 7):
        weights = [10, 12.5, 12.5, 12.5, 12.5 + extra / 1000, 15, 15, 10]
        s = _binary_sum(weights)
        assert adds_to_100(s) == (abs(extra) <= 5)
        if adds_to_100(s):
            assert not above_max(s)


def test_libreoffice_grades_as_the_twin(tmp_path):
    need_libreoffice()
    form = parse_form(full_marks(total_left_to_formula=True) | {"total_weight": None})
    src = write_forms([form], tmp_path / "in.xlsx")          # cached results: the twins'
    lo = convert(src, "xlsx", tmp_path / "lo")                # recalculated by LibreOffice
    (sf,) = read_workbook(src).forms
    grade_cell = sf.layout.foot_cells()["grade"]
    ours = openpyxl.load_workbook(src, data_only=True)[sf.sheet][grade_cell].value
    theirs = openpyxl.load_workbook(lo, data_only=True)[sf.sheet][grade_cell].value
    assert (ours, theirs) == ("优", "优")


@pytest.mark.parametrize("weight", [12.496, 12.499, 12.505, 16.667, 3.333, 10.005])
def test_a_full_mark_is_the_weight_not_its_rounding(weight):
    from jixiao.forms.project.scoring import score_form
    d = clean()
    d["indicators"][0]["weight"] = d["indicators"][0]["score"] = weight   # “≥1 人”, 1 人: full marks
    (first, *_rest) = score_form(parse_form(d)).indicators
    assert first.score == weight
    assert f"得满分 {weight:g} 分" in first.basis


@pytest.mark.parametrize("weight, actual, score", [(12.496, "0.99996 人", 12.496), (12.496, "0.999 人", 12.48),
                                                   (10, "0.9995 人", 10.0), (10, "0.5 人", 5.0)])
def test_a_part_mark_rounds_to_hundredths_below_the_weight(weight, actual, score):
    from jixiao.forms.project.scoring import score_form
    d = clean()
    d["indicators"][0].update(weight=weight, score=None, actual=actual)
    (first, *_rest) = score_form(parse_form(d)).indicators
    assert first.score == score <= weight
    assert first.basis.endswith(f"= {score:g} 分")


def test_sheet_le_is_the_comparison_of_the_compared_operands():
    """``sheet_le`` rounds only operands within 1e-12 of each other (issue #18): the same answer as rounding
    both, on pairs a few ulps apart, at decimal edges, far apart, of both signs and sizes."""
    import math
    import random

    from jixiao.core.numbers import sheet_le

    rnd = random.Random(48)
    pairs = []
    for _ in range(20000):
        b = rnd.choice([100.005, 90, 80, 60, 0.95, 0.85, 1, 0, 99.995, 1e6 + 0.005]) * rnd.choice([1, -1])
        a = b
        for _step in range(rnd.randint(0, 40)):
            a = math.nextafter(a, rnd.choice([math.inf, -math.inf]))
        pairs += [(a, b), (b, a), (a + rnd.uniform(-1, 1), b), (a * 0.1 * 10, b)]
    for a, b in pairs:
        assert sheet_le(a, b) == (compared(a) <= compared(b)), (a, b)
