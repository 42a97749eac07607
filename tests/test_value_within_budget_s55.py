"""What should not happen, denied (stop 55): “未超预算”, “无超支”, “未发现问题”, “不存在安全隐患” met their target;
“超出预算”, “超支” fell short. Before, each was “无法识别” (no 档次: a full mark written against “超出预算” stood, and no
rule said a word), and “未超预算”, once read as words, would have claimed 档次 C by its “未”."""

from __future__ import annotations

import pytest

from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import claimed_tier, score_indicator


@pytest.mark.parametrize("text, tier", [
    ("未超预算", "A"), ("无超支", "A"), ("不超预算", "A"), ("未超标", "A"), ("未发现问题", "A"), ("无重大问题", "A"),
    ("不存在问题", "A"), ("无安全隐患", "A"), ("无不良反应", "A"), ("未超出批复", "A"), ("不超过预算", "A"),
    ("控制在预算范围内", "A"), ("≤预算数", "A"), ("严格执行", "A"), ("按合同约定", "A"),
    ("超出预算", "C"), ("超出批复", "C"), ("不规范", "C"),
    ("应补尽补", "A"), ("应发尽发", "A"), ("应享尽享", "A"), ("群众认可", "A"), ("公开透明", "A"), ("未公开", "C"),
])
def test_the_tier_of_a_denial(text, tier):
    v = parse_value(text)
    assert v.kind == "qualitative" and claimed_tier(v) == tier


def test_an_overrun_holds_a_full_mark_to_its_tier():
    s = score_indicator("控制在预算范围内", "超出预算", 10, 10, name="项目成本", level2="成本指标")
    assert s.score == 6 and s.clamped and "完成值“超出预算”属“未达成且效果较差”档" in s.basis
    assert score_indicator("控制在预算范围内", "未超预算", 10, 10).score == 10


def test_rules_say_it():
    from test_rules import clean, hits, ind, run

    d = clean()
    w = d["indicators"][1]["weight"]
    ind(1, name="项目成本", level2="成本指标", target="控制在预算范围内", actual="超出预算", score=w)(d)
    (d5,) = hits(run(d), "D5")
    assert "实际完成值“超出预算”属“未达成且效果较差”档" in d5.message
    ind(1, actual="未超预算")(d)
    assert not hits(run(d), "D5")
