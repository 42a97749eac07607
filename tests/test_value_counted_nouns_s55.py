"""What is counted, written after its counter (stop 55): “18个乡镇”, “3个村（社区）”, “5家企业”, “2所学校” are counts
with their unit as written; they were “18 个” with text after it, and C10 asked the department to write “18 个” alone
(as “5个单位” was already read)."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("text, unit, written", [
    ("18个乡镇", "个", "个乡镇"), ("3个村（社区）", "个", "个村(社区)"), ("12个行政村", "个", "个行政村"),
    ("5家企业", "个", "家企业"), ("2所学校", "所", "所学校"), ("5个项目", "个", "个项目"),
])
def test_a_counted_noun_is_the_unit_as_written(text, unit, written):
    v = parse_value(text)
    assert (v.unit, v.unit_text, v.extra_text) == (unit, written, False)


def test_other_text_after_a_counter_stays_text():
    assert parse_value("3个已完成").extra_text


def test_scored_and_checked():
    from test_rules import clean, hits, ind, run

    assert score_indicator("≥18个", "17个乡镇", 10, 10).score == 9.44
    d = clean()
    ind(1, name="覆盖乡镇数", target="≥18个", actual="18个乡镇")(d)
    found = run(d)
    assert not hits(found, "C10") and not hits(found, "C14") and not hits(found, "D4")
