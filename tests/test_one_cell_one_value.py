"""One cell, one “应为”: findings on one cell never tell the department two different values to type.

D7 checks the 总分 against the scores as written, D11 against the scores once a certain mistake is
corrected: on 10.json's H34 they said “总分应为 110” and “总分应为 109.5”, and the department reading its
退回修改通知 or the cell's comment did not know which to type. A finding that another finding on the same
cell already says now goes inside that one (``core.findings.fold``); ``--json`` keeps it under
``folded``, and a bureau that switches the holder off or makes it milder sees it on its own again.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from conftest import SAMPLES
from jixiao.checking.config import RuleConfig, apply_findings
from jixiao.checking.run import check_batch
from jixiao.excel.plan import SetComment, annotation_plan
from jixiao.review.notices import item_text
from jixiao.sources import load_all

FORMS = [p for p in SAMPLES if p.stem[:1].isdigit()]


@pytest.fixture(scope="module")
def published():
    return check_batch(load_all(FORMS)).findings


def on_cell(findings, sample, cell):
    return [f for f in findings if f.file.endswith(f"/{sample}.json") and f.cell == cell]


def test_the_total_of_10_has_one_value_to_type(published):
    fs = on_cell(published, "10", "H34")
    assert "D7" not in {f.rule for f in fs}
    (d11,) = [f for f in fs if f.rule == "D11"]
    # what D7 said is in D11's words, without a second “应为”: the 总分 100 is not the as-written sum 110 either
    assert "总分应为 109.5 分" in d11.message and "表中总分为 100 分（等级优），也不等于表中各项得分之和 110 分" in d11.message
    assert "应为 110" not in d11.message
    (d7,) = [g for g in d11.folded if g.rule == "D7"]
    assert (d7.expected, d7.found) == (110, 100)   # the finding itself kept, for a script


def test_json_keeps_the_finding_taken_in(published):
    (d11,) = [f for f in on_cell(published, "10", "H34") if f.rule == "D11"]
    d = d11.to_dict()
    assert {g["rule"]: g["expected"] for g in d["folded"]} == {"D7": 110, "D12": "≤ 100（分值合计 100）"}
    assert list(d)[:10] == ["file", "sheet", "cell", "project", "field", "rule", "severity", "message", "expected",
                            "found"]
    assert "folded" not in next(f for f in published if not f.folded).to_dict()


def test_d7_alone_where_no_score_is_wrong(published):
    """A 总分 that only mis-adds the scores as written: D7 on its own, as before."""
    from test_rules import clean, run, top

    fs = run({**clean(), "total_score": 98})
    assert [(f.rule, f.expected) for f in fs if f.field == "total_score"] == [("D7", 99.25)]


@pytest.mark.parametrize("settings, shown", [
    (RuleConfig(), {"D11": ["D12", "D7"]}),
    (RuleConfig(disabled=frozenset({"D11"})), {"D12": ["D7"]}),
    (RuleConfig(disabled=frozenset({"D11", "D12"})), {"D7": []}),
    (RuleConfig(severities={"D11": "warning"}), {"D11": [], "D12": ["D7"]}),
    (RuleConfig(severities={"D12": "warning"}), {"D11": ["D12", "D7"]}),
])
def test_bureau_settings_give_back_what_was_taken_in(published, settings, shown):
    """D11 switched off or made a warning: what it took in stands on its own again (or goes into the next
    finding that says it), errors never inside a warning."""
    fs = apply_findings(settings, on_cell(published, "10", "H34"))
    assert {f.rule: sorted(g.rule for g in f.folded) for f in fs} == shown
    assert all(g.expected == 110 for f in fs for g in [f, *f.folded] if g.rule == "D7")


def _values(text: str) -> set[str]:
    """The numbers a text tells the reader the cell should hold: “应为 110”, “（应为：110）”, “应为“110””."""
    return set(re.findall(r"应为[：“ ]?([\d.]+)", text))


def test_marked_copy_and_notice_say_one_total(published):
    fs = [f for f in on_cell(published, "10", "H34")]
    for f in fs:
        f.sheet = "医保基金监管专项检查经费"
    (comment,) = [e.text for e in annotation_plan(fs).edits if isinstance(e, SetComment)]
    assert _values(comment) == {"109.5"}, comment
    items = [{"kind": "finding", "file": "10.xlsx", "sheet": f.sheet, "cell": f.cell, "project": f.project,
              "rule": f.rule, "severity": f.severity, "message": f.message, "expected": f.expected,
              "found": f.found} for f in fs]
    said = "".join(item_text(i, it) for i, it in enumerate(items, 1))
    assert _values(said) == {"109.5"}, said


def test_next_round_counts_a_point_taken_in_as_made():
    """Round 1 said the 总分 in D11 (D7 inside it); the department put the score right but not the 总分,
    and round 2 says it in D7 alone: a point made last time and not put right, not a new one — and D11
    is not “已改正”."""
    from types import SimpleNamespace

    from jixiao.review.rounds import LastRound, compare, folded_keys, item_key

    def item(rule, cell, **kw):
        return {"kind": "finding", "rule": rule, "project": "医保基金监管专项检查经费", "cell": cell, **kw}

    first = [item("D11", "H34", folded=["D7"]), item("A4", "H7")]
    last = LastRound(None, 1, {"县水务局": {"status": "退回修改", "returned": 1, "items": [item_key(i) for i in first],
                                            "folded": {item_key(first[0]): folded_keys(first[0])}}})
    dept = SimpleNamespace(name="县水务局", status="退回修改", items=[item("D7", "H34")])
    compare(dept, last)
    assert dept.items[0]["again"] is True
    assert (dept.last_round["fixed"], dept.last_round["again"], dept.last_round["new"]) == (1, 1, 0)


def test_a_total_above_100_says_what_to_do_first(published):
    """D11 said “总分应为 109.5，超过 100，不能评定等级”, D12 beside it “应为 ≤ 100”: D11 now says to put the
    weights right first, and D12 is inside it — the comment and the notice have one entry for H34."""
    (d11,) = on_cell(published, "10", "H34")
    assert d11.message.endswith("超过 100 分，不能评定等级；表中总分为 100 分（等级优），也不等于表中各项得分之和 110 分；"
                                "请先把分值合计改为 100 分，再按改正后的得分重新合计")
    assert sorted(g.rule for g in d11.folded) == ["D12", "D7"]


def test_d12_alone_where_no_score_is_wrong():
    """A 总分 of 109.5 that adds up weights of 110 and scores as written: D12 alone, as before."""
    from test_rules import both, clean, ind, run, top

    d = clean()
    both(ind(4, weight=30, score=30), top(total_weight=110))(d)
    d["total_score"] = d["exec_score"] + sum(i["score"] for i in d["indicators"])
    assert d["total_score"] > 100
    assert [f.rule for f in run(d) if f.field == "total_score"] == ["D12"]


def test_once_the_score_is_put_right_the_total_is_still_told_one_way():
    """10.json with its 执行率得分 corrected to 9.5 (what a department sends back): the scores add up to 109.5,
    the 总分 still says 100. D7 said “应为 109.5”, D12 “应为 ≤ 100，先把分值合计改为 100”: D12 now says the
    sum and D7 is inside it."""
    from test_rules import run

    d = json.loads((SAMPLES[0].parent / "10.json").read_text(encoding="utf-8"))
    d["exec_score"] = 9.5
    (f,) = [f for f in run(d) if f.field == "total_score"]
    assert f.rule == "D12" and [g.rule for g in f.folded] == ["D7"]
    assert "表中总分为 100 分，也不等于表中各项得分之和 109.5 分；请先把分值合计改为 100 分" in f.message


def test_a_total_above_100_mis_added_from_scores_that_are_right():
    """The 总分 says 101 where the scores add up to 99.25: D7's 99.25 is the value to type, and it is ≤ 100 as D12
    asks — both stay, D7 on its own."""
    from test_rules import clean, run

    fs = [f for f in run({**clean(), "total_score": 101}) if f.field == "total_score"]
    assert sorted((f.rule, f.folded) for f in fs) == [("D12", ()), ("D7", ())]
    assert next(f.expected for f in fs if f.rule == "D7") == 99.25


# -- the 总分行 分值 (G34): B1 “应为 100” and B2 “应为各项分值之和 110” -----------------------------------
def test_the_weight_row_of_10_has_one_value_to_type(published):
    """10.json's weights add up to 110 and its 总分行 says 100: the row is what it should be, the weights
    are not. B2 told the department to type 110 there, B1 100: B1 now says both, and B2 is inside it."""
    fs = on_cell(published, "10", "G34")
    assert [f.rule for f in fs] == ["B1"]
    (b1,) = fs
    # the row already reads 100: what is wanted is the weights adding up to it (no other value for G34),
    # and “表中为” is what G34 holds, not the sum
    assert (b1.expected, b1.found) == ("各项分值合计 100", 100)
    assert "总分行的分值写作 100 分，不是各项分值之和，请先把各项分值改为合计 100 分" in b1.message
    assert [(g.rule, g.expected) for g in b1.folded] == [("B2", 110)]


def test_b1_and_b2_each_alone():
    from test_rules import both, clean, ind, run, top

    # weights 110 with the row saying 110: B1 alone; weights 100, the row 90: B2 alone, with the sum
    d = clean()
    both(ind(3, weight=30, score=30), top(total_weight=110, total_score=109.25))(d)
    over = [f for f in run(d) if f.field == "total_weight"]
    assert [(f.rule, f.expected, f.folded) for f in over] == [("B1", 100, ())]
    short = [f for f in run({**clean(), "total_weight": 90}) if f.field == "total_weight"]
    assert [(f.rule, f.expected) for f in short] == [("B2", 100)]


def test_no_cell_of_a_sample_carries_two_numbers(published):
    """Over all 23 published forms: where two findings sit on one cell, they do not give two different
    numbers for it."""
    by_cell = defaultdict(list)
    for f in published:
        by_cell[f.file, f.sheet, f.cell].append(f)
    clash = {where: [(f.rule, f.expected) for f in fs] for where, fs in by_cell.items()
             if len({f.expected for f in fs if isinstance(f.expected, (int, float))}) > 1}
    assert clash == {}


# -- an indicator value written with “比率”/“百分比” (C16) beside another “应写作” on its cell ---------------
@pytest.mark.parametrize("sample, cell, holder, told", [
    ("17", "E15", "C9", "=100%"),    # “≥ 100 比率”: C16 said “≥100%”, C9 “=100%”
    ("21", "E16", "C9", "=100%"),
    ("21", "E15", "C2", "=100%"),    # “100 比率”: C16 said “100%”, C2 “=100%”
    ("03", "E18", "C2", "=100%"),
])
def test_a_rate_target_has_one_way_to_write_it(published, sample, cell, holder, told):
    fs = on_cell(published, sample, cell)
    assert [f.rule for f in fs] == [holder] and fs[0].expected == told
    assert [g.rule for g in fs[0].folded] == ["C16"]


def test_an_actual_written_as_a_bound_is_not_told_to_keep_the_bound(published):
    """03.json's 实际完成值 “≥95 比率”: C16 said to write “≥95%”, C4 that an 实际完成值 holds no “≥”. C4 now
    says the unit too, and C16 is inside it."""
    for cell in ("F24", "F26"):
        (c4,) = on_cell(published, "03", cell)
        assert c4.rule == "C4" and "不带 ≥ ≤ < >，以“%”计，不写“比率”" in c4.message
        assert [g.rule for g in c4.folded] == ["C16"] and "≥95%" not in c4.message


def test_c16_alone_where_nothing_else_says_the_value():
    from test_rules import clean, ind, run

    d = clean()
    ind(6, target="≥95 比率", actual="96 比率")(d)
    fs = sorted((f.field, f.expected, f.folded) for f in run(d) if f.rule == "C16")
    assert fs == [("indicators[6].actual", "96%", ()), ("indicators[6].target", "≥95%", ())]


def _told(f) -> set[str]:
    """The values a finding tells the department to type: a number it expects, each “应写作“…””."""
    said = set(re.findall(r"应写作“([^”]+)”", f.message))
    return said | ({str(f.expected)} if isinstance(f.expected, (int, float)) else set())


def test_no_cell_of_a_sample_is_told_two_ways(published):
    """Over all 23 published forms: two findings on one cell never tell it two different values."""
    by_cell = defaultdict(list)
    for f in published:
        by_cell[f.file, f.sheet, f.cell].append(f)
    clash = {where: [(f.rule, _told(f)) for f in fs] for where, fs in by_cell.items()
             if len(set().union(*(_told(f) for f in fs))) > 1}
    assert clash == {}


# -- a 时效指标 written as a count without a direction (H4 and C2) ------------------------------------------
def test_a_count_under_timeliness_is_told_one_way(published):
    """01.json's 时效指标 “工资发放及时性” “12 次”: C2 said to write “≥12 次”“≤12 次”或“=12 次”, H4 that it is no
    time limit at all. H4 now says how to write it if it stays a count, and C2 is inside it."""
    (h4,) = on_cell(published, "01", "E16")
    assert h4.rule == "H4" and [g.rule for g in h4.folded] == ["C2"]
    assert h4.message.endswith("是数量，不是时限，应写时限（如“每月 10 日前”“≤30 天”）或及时率（如“=100%”），"
                               "或把指标归入数量指标并写作“≥12 次”（若考核的是次数）")
    assert h4.expected.endswith("或把指标归入数量指标")   # the count's “≥12 次” said once, in the message


def test_h4_and_c2_each_alone():
    from test_rules import clean, ind, run

    d = clean()
    ind(2, target="≥12 次", actual="12 次")(d)   # a direction: H4 alone, nothing of C2 to say
    d["indicators"][2]["name"] = "工资发放及时性"
    fs = [f for f in run(d) if f.field == "indicators[2].target"]
    assert [(f.rule, f.folded) for f in fs] == [("H4", ())] and "写作" not in fs[0].message
    d = clean()
    ind(0, target="1 人")(d)             # a count under 数量指标: C2 alone
    assert [f.rule for f in run(d) if f.field == "indicators[0].target"] == ["C2"]


def test_an_all_done_claim_at_a_low_rate_is_one_item(published):
    """02.json: 74.11% spent, one indicator 8.24/10, 实际完成情况 “已完成”. G2 (“执行率仅 74.11%……却写“已完成””)
    and G3 (“……但 1 个指标扣了分”) both stood on F12, each with its own thing to write: the notice had two
    items for one cell. G2 now says the deduction too and G3 goes inside it."""
    fs = on_cell(published, "02", "F12")
    assert [f.rule for f in fs] == ["G2"], [(f.rule, f.message) for f in fs]
    (g2,) = fs
    assert "实际完成情况却写“已完成”，且 1 个指标扣了分（“(医疗保险报销结算)服务人数”8.24/10 分）" in g2.message
    assert g2.expected == "如实写明完成了什么、未完成什么（含未完全达到的指标及原因，共扣 1.76 分），以及执行率仅 74.11% 的原因"
    assert [g.rule for g in g2.folded] == ["G3"]
    # a bureau that switches G2 off sees G3 on its own again
    (g3,) = apply_findings(RuleConfig(disabled=frozenset({"G2"})), fs)
    assert g3.rule == "G3" and not g3.folded


def test_an_all_done_claim_at_a_low_rate_with_full_scores_takes_nothing_in():
    from test_rules import clean, run, top, both

    d = clean()
    both(top(goal_actual="已完成"))(d)
    d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = round(d["funds"]["total"]["annual"] * 0.5, 4)
    (g2,) = [f for f in run(d) if f.rule == "G2"]
    assert not g2.folded and "扣了分" not in g2.message and "共扣" not in g2.expected
