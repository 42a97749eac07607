"""D12 (and D11's “over 100” hint) say 不能评定等级 exactly where the 等级 is 无法评定 (``grades.MAX_TOTAL``).

A 总分 is graded up to 100.005 (a sum of two-decimal scores may carry that much noise); above it the 等级 is
“无法评定” in the 汇总表, on the sheet and in every report. D12 spoke only above 100.01: a 总分 of 100.008
or 100.01 stood in the 汇总表 as 无法评定 with no finding saying why it cannot be graded.
"""

from __future__ import annotations

import pytest
from test_rules import clean, hits, run

from jixiao.core.grades import NO_GRADE, grade


@pytest.mark.parametrize("total", [100.008, 100.01, 100.02, 110])
def test_d12_wherever_the_grade_is_none(total):
    d = clean()
    d["total_score"] = total
    assert grade(total) == NO_GRADE
    (d12,) = hits(run(d), "D12")
    assert "不能评定等级" in d12.message


@pytest.mark.parametrize("total", [100.004, 100])
def test_no_d12_where_it_is_graded(total):
    d = clean()
    d["total_score"] = total
    assert grade(total) != NO_GRADE
    assert hits(run(d), "D12") == []
