"""A 全年执行数 typed in 元 under a 万元 budget (765000 of 80 万元) and a 执行率得分 typed over its formula: A5 and
A16 said the figure is 元, 应为 76.5 万元, while A4 and D11 worked from 765000 and said the 执行率得分 “应为 10 分”
— two stories for one form, and a 填报人 who typed 10 had a wrong score again once the 元 was put right (s64).
A3, A4 and D11 now read the figure as A5/A16 do (``rules.funds.yuan_rate``) and say so."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from jixiao.checking.run import check_paths


def _check(tmp_path: Path, row: dict, **change):
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(funds={"total": row, "fiscal": row, "carryover": {}, "other": {}}, **change)
    path = tmp_path / "元.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    _batch, res = check_paths([path])
    return res.findings


def _one(findings, rule):
    [f] = [f for f in findings if f.rule == rule]
    return f


def test_a_score_typed_beside_an_executed_figure_in_yuan_is_scored_from_the_figure_in_wan(tmp_path):
    found = _check(tmp_path, {"initial": 80, "annual": 80, "executed": 765000}, exec_rate=None, exec_score=8)
    a5 = [f for f in found if f.rule == "A5"]
    assert a5 and all(f.expected == 76.5 for f in a5)
    a4 = _one(found, "A4")
    assert a4.expected == 9.5625 and isinstance(a4.expected, float), a4.expected   # not 10 (765000 ÷ 80 capped)
    assert a4.message == ("执行率得分应为 9.56 分（分值 10 分 × 执行率 95.63%，全年执行数 765000 像是以元填写，"
                          "按 76.5 万元计），表中为 8 分")
    d11 = _one(found, "D11")
    assert d11.expected == "99.5625（优）", d11.expected   # the sample's 18.5 → 20 (D4) and the 执行率得分 9.5625
    assert "执行率得分 8 分 → 9.56 分，按执行率 95.63%，全年执行数 765000 像是以元填写，按 76.5 万元计" in d11.message
    assert not any("应为 10 分" in f.message for f in found if f.field == "exec_score")
    a7 = _one(found, "A7")   # the blank 执行率 the same: 95.63 %, not 956250 %
    assert a7.expected == 0.95625 and "956250" not in a7.message, a7.message


def test_a_score_following_the_funds_as_written_is_named_where_it_is_typed(tmp_path):
    """10 分 is what the template's formula gives from 765000 ÷ 80: only the formula itself follows once the 元 is
    put right (no A4 on it: test_yuan_typed_score_s65); a form's JSON holds a number, which stays 10 — A4 names it
    (s65; s64 left it be). D11's 总分 is the one after that, 9.5625 for the 执行率得分."""
    found = _check(tmp_path, {"initial": 80, "annual": 80, "executed": 765000}, exec_rate=None, exec_score=10)
    assert _one(found, "A4").expected == 9.5625
    d11 = _one(found, "D11")
    assert d11.expected == "99.5625（优）" and "执行率得分 10 分 → 9.56 分" in d11.message, d11.message


def test_a_budget_in_yuan_is_read_as_wan_for_the_rate_and_the_score(tmp_path):
    """The other way round: 800000 (元) budgeted, 76.5 万元 spent — A16 says 应为 80 万元; A3 said 执行率应为
    0.01% and A4 that the score is 0.00 分."""
    found = _check(tmp_path, {"initial": 80, "annual": 800000, "executed": 76.5}, exec_rate=0.95, exec_score=9)
    assert _one(found, "A16").expected == 80
    a3 = _one(found, "A3")
    assert a3.expected == 0.95625 and "全年预算数 800000 像是以元填写，按 80 万元计" in a3.message, a3.message
    a4 = _one(found, "A4")
    assert a4.expected == 9.5625 and "按 80 万元计" in a4.message, a4.message


def test_an_overspent_figure_in_wan_is_scored_as_before(tmp_path):
    """95 of 80 万元 is no 元: the score follows the funds as written (capped at the 分值), as before."""
    found = _check(tmp_path, {"initial": 80, "annual": 80, "executed": 95}, exec_rate=None, exec_score=8)
    a4 = _one(found, "A4")
    assert a4.expected == 10 and "像是以元填写" not in a4.message
