"""A finance bureau's year-end round walked as its reviewer (session 65): what the reviewer and the departments
met in the notices, the 台账 and the mail drafts, each a test that failed before its fix."""

from __future__ import annotations

from jixiao.checking.run import check_batch
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded
from review_fixture import sample
from test_check_samples import correct


def test_a_total_right_once_the_wrong_score_is_put_right_is_not_to_be_retyped() -> None:
    """县民政局 answered its first notice with a score typed over as 12 above its 分值 10 (it should be 8.24), the
    总分 left at 95.65 — what the scores add up to with 8.24. The second notice said “H14：得分应为 8.24 分” and
    “H34：总分应为 99.41 分（执行率得分 7.41 分 + 指标得分合计 92 分）”: a department doing both types 99.41 over a
    right 总分, and the third round finds it wrong. The 总分 is said nothing of now: putting the score right
    makes it add up."""
    d = correct(sample(2))
    ind = d["indicators"][0]
    assert ind["weight"] == 10 and ind["score"] == 8.24
    ind["score"] = 12
    found = check_batch(Batch(forms=[Loaded(parse_form(d), "民政局.xlsx")], files=1)).findings
    errors = {(f.rule, f.field) for f in found if f.severity == "error"}
    assert ("D4", "indicators[0].score") in errors, errors
    assert not [f for f in found if f.field == "total_score"], [(f.rule, f.message) for f in found]


def test_a_total_that_does_not_add_up_either_way_is_still_said() -> None:
    """The same score typed over, and the 总分 typed as neither sum: D11 says the one value to type."""
    d = correct(sample(2))
    d["indicators"][0]["score"] = 12
    d["total_score"] = 90
    found = check_batch(Batch(forms=[Loaded(parse_form(d), "民政局.xlsx")], files=1)).findings
    said = [(f.rule, f.message) for f in found if f.field == "total_score"]
    assert [r for r, _ in said] == ["D11"], said
    assert "总分应为 95.65 分" in said[0][1], said
