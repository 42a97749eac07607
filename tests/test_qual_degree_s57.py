"""定性 完成值 that fall short of their 指标值 in words only (stop 57 QA): each was read as 全部或基本达成, so D5 told
the filler to raise an honest score (“延期完成” scored 12 of 20: “得分应在 16–20 之间”)."""

from __future__ import annotations

import pytest

from jixiao.core.degree import degree_tier
from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import claimed_tier, score_indicator


@pytest.mark.parametrize("target, actual, tier", [
    ("按时完成", "延期完成", "C"), ("按时完成", "逾期完成", "C"), ("按期完成", "推迟完成", "C"),
    ("按时完成", "按时完成", "A"), ("按期完成", "按期完成，未延期", "A"),
    ("稳步增长", "有所下降", "C"), ("逐步减少", "有所增加", "C"), ("稳步增长", "与上年持平", "C"),
    ("降低群众负担", "群众负担未减少", "C"), ("稳步增长", "持续增长", "A"),
    ("明显增强", "有所增强", "B"), ("有效提升", "略有提升", "B"), ("建立健全", "初步建立", "B"),
    ("明显增强", "明显增强", "A"), ("有所提升", "有所提升", "A"), ("有效保障", "基本保障", "A"),
    ("达到Ⅲ类标准", "达到Ⅳ类标准", "C"), ("达到Ⅲ类标准", "达到Ⅱ类标准", "A"), ("水质达到Ⅲ类标准", "水质保持Ⅲ类标准", "A"),
    ("达到Ⅲ类标准", "未达到Ⅲ类标准", "C"), ("按时完成", "没有延期，按时完成", "A"),
    ("明显增强", "有所增强，但效果不明显", "C"),       # its own words say less than the degree does
])
def test_the_tier_a_qualitative_actual_reaches_of_its_target(target, actual, tier):
    assert claimed_tier(parse_value(actual), parse_value(target)) == tier


@pytest.mark.parametrize("target, actual, written, kept", [
    ("按时完成", "延期完成", 12, 12), ("按时完成", "延期完成", 20, 12), ("稳步增长", "有所下降", 20, 12),
    ("明显增强", "有所增强", 20, 16), ("明显增强", "有所增强", 14, 14),
])
def test_a_written_score_is_held_in_that_tier(target, actual, written, kept):
    s = score_indicator(target, actual, 20, written, name="群众获得感")
    assert not s.computed and s.score == kept
    assert ("属“未达成且效果较差”档" if kept == 12 else "属“部分达成并具有一定效果”档") in s.basis


def test_words_that_say_nothing_of_each_other():
    assert degree_tier("提高服务质量", "服务质量有效提升") is None
    assert degree_tier("明显增强", "有所增强，效果明显") is None      # a strong word of its own
    assert degree_tier("提升服务水平，减少等待时间", "服务水平提升") is None
    assert degree_tier("达到Ⅲ类标准", "达到Ⅱ类标准") is None      # met: only ever less


@pytest.mark.parametrize("text, claims", [
    ("完成建设23.5公里，其余1.5公里因征地问题延期至2024年4月完成。", False),
    ("已完成年度任务，部分工程逾期完成", False), ("已完成主体工程，附属工程有待验收", False),
    ("已完成年度目标任务。", True), ("全部完成退役军人待遇发放", True),
    ("项目已全部完成，超期2个月", False),         # 超期 is a late word as 延期 is (``values.LATE``)
])
def test_a_summary_that_takes_its_claim_back(text, claims):
    # G3 (“实际完成情况写‘已完成’，但…扣了分”) warned of a summary that itself said what was late
    from jixiao.core.claims import claims_all_done
    assert claims_all_done(text) is claims


def test_late_words_explain_money_left():
    # the same late words explain an 执行率 below 100 % (G1): “工程超期，尾款下年支付” did, “超期” alone did not
    from jixiao.core.claims import explains_unspent
    from jixiao.core.values import LATE
    assert all(explains_unspent(f"工程{w}") for w in LATE.split("|"))
    assert not explains_unspent("工程已按期完工")


def test_a_copied_target_set_names_the_budget_the_form_means():
    # E1 on a form whose 年度资金总额 row is blank said “（全年预算数 空白 万元）”: the 其中 rows' sum is the budget
    import sys
    sys.path.insert(0, "tests")
    from test_rules import clean, run

    a, b = clean(), clean()
    b["project"] = "另一个项目"
    b["funds"]["total"] = {"initial": None, "annual": None, "executed": None}
    texts = [f.message for f in run(a, b) if f.rule == "E1"]
    assert len(texts) == 2 and all("（全年预算数 5.6 万元）设定" in t for t in texts), texts
    b["funds"]["fiscal"] = {"initial": None, "annual": None, "executed": None}
    texts = [f.message for f in run(a, b) if f.rule == "E1"]
    assert any(t.endswith("应按本项目的任务和预算设定") for t in texts) and not any("空白" in t for t in texts), texts


def test_a_whole_form_in_yuan_is_told_by_its_quantity_times_unit_cost():
    # every figure of the 项目资金 typed in 元 (3000000 / 2950000 “万元”), no indicator in 万元 to be 10,000 times:
    # A16 said nothing (only A12: “相差 100%”), and the 汇总表 added 300 亿元; 1000 人 × 2950 元/人 is 295 万元
    import sys
    sys.path.insert(0, "tests")
    from test_rules import clean, run

    d = clean()
    d["indicators"][0].update(target="≥1000人", actual="1000人")
    d["indicators"][3].update(name="人均补助标准", target="≤3000元/人", actual="2950元/人")
    for row in ("total", "fiscal"):
        d["funds"][row] = {"initial": 3000000, "annual": 3000000, "executed": 2950000}
    found = [f for f in run(d) if f.rule == "A16"]
    assert {f.field for f in found} == {"funds.total.initial", "funds.total.annual", "funds.total.executed"}, found
    executed = next(f for f in found if f.field == "funds.total.executed")
    assert "“工作人员数量”1000 人 × “人均补助标准”2950 元/人 = 295 万元的一万倍" in executed.message
    assert executed.expected == 295
    # in 万元 as it should be: nothing
    for row in ("total", "fiscal"):
        d["funds"][row] = {"initial": 300, "annual": 300, "executed": 295}
    assert not [f for f in run(d) if f.rule == "A16"]
