"""Which way a target without ≥/≤ is meant, for rates and amounts of what should not be (stop 54): each of these
was scored “higher is better” — a 故障率 of 1 % against 2 % got 5 of 10 points — and “不合格率” took its 合格."""

from __future__ import annotations

import pytest

from jixiao.core.direction import infer
from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("name, target, actual", [
    ("故障率", "2%", "1%"), ("空置率", "10%", "5%"), ("房屋闲置率", "10%", "8%"), ("漏报率", "5%", "2%"),
    ("辍学率", "1%", "0.5%"), ("孕产妇死亡率", "5‰", "3‰"), ("发病率", "3%", "2%"), ("单位能耗", "100吨", "90吨"),
    ("库存积压", "10件", "5件"), ("结余率", "5%", "2%"), ("预算调整率", "10%", "5%"), ("科目调整次数", "10次", "3次"), ("不合格率", "2%", "1%"), ("不满意率", "5%", "3%"), ("未达标企业数", "3家", "1家"),
])
def test_a_rate_of_what_should_not_be_is_a_ceiling(name, target, actual):
    s = score_indicator(target, actual, 10, None, name=name)
    assert (s.direction, s.score) == ("le", 10) and s.inferred


@pytest.mark.parametrize("name", ["故障排除率", "合格率", "群众满意度", "达标率", "覆盖率"])
def test_what_should_be_stays_a_floor(name):
    assert infer(parse_value("95%"), name) is None


def test_c2_says_the_ceiling_it_scored():
    # C2 offered “≥2%”“≤2%”或“=2%” alike while the score was already a ceiling's; now it says which and why
    from test_rules import clean, hits, ind, run

    d = clean()
    ind(1, name="设备故障率", target="2%", actual="1%")(d)
    (c2,) = hits(run(d), "C2")
    assert "没有比较方向（指标名称含“故障率”，评分已按上限计），应写作“≤2%”；若是下限，写“≥2%”" in c2.message
    assert c2.expected == "≤2%"
    ind(1, name="培训场次", target="2场", actual="2场")(d)
    (c2,) = hits(run(d), "C2")
    assert "“≥2 场”“≤2 场”或“=2 场”" in c2.message          # no ceiling read: the three ways as before
