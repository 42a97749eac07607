"""The 复核 (the scorer behind the 汇总表's 复核得分, the review's 复核总分, the 校验报告 and ``jixiao score``) of a
全年执行数 typed in 元 (765000 under an 80 万元 budget): A5/A16 and A3/A4/D11 read the 执行率 in 万元 (95.63%,
执行率得分 9.56, 总分 99.56), while the scorer scored the funds as written — 执行率得分 10, 复核得分 100 — so
the reviewer's 汇总表 said one score and the 校验 another for one form (s64). The scorer now reads the figure
as the rules do (``core.rates.wan_rate``)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from jixiao.checking.run import check_paths
from jixiao.forms.project.scoring import score_form
from jixiao.sources import load_all
from jixiao.summary import summarize


def _form(tmp_path: Path, row: dict, **change) -> Path:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(funds={"total": row, "fiscal": row, "carryover": {}, "other": {}}, **change)
    path = tmp_path / "元.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_review_scores_a_figure_in_yuan_as_d11_reads_it(tmp_path):
    path = _form(tmp_path, {"initial": 80, "annual": 80, "executed": 765000}, exec_rate=None, exec_score=10)
    batch, res = check_paths([path])
    [d11] = [f for f in res.findings if f.rule == "D11"]
    [item] = batch.forms
    sc = res.scores[item.source]
    assert sc.exec_score == 9.5625 and sc.exec_rate == 0.95625, (sc.exec_score, sc.exec_rate)
    assert "全年执行数 765000 像是以元填写，按 76.5 万元计" in sc.exec_basis, sc.exec_basis
    assert d11.expected == f"{sc.total:g}（{sc.grade}）" == "99.5625（优）", (d11.expected, sc.total)
    summary, _ = summarize(batch, res)
    [row] = summary.rows
    assert row["reviewed_total"] == 99.5625 and row["reviewed_grade"] == "优", row
    assert score_form(item.form).total == 99.5625


def test_a_budget_in_yuan_the_other_way(tmp_path):
    path = _form(tmp_path, {"initial": 80, "annual": 800000, "executed": 76.5}, exec_rate=0.95, exec_score=9)
    [item] = load_all([path]).forms
    sc = score_form(item.form)
    assert sc.exec_score == 9.5625 and "全年预算数 800000 像是以元填写，按 80 万元计" in sc.exec_basis, sc.exec_basis


def test_figures_in_wan_are_scored_as_written(tmp_path):
    """95 of 80 万元 (overspent, no 元) and 1,200 万元 budgeted with 1 万元 spent: the funds as written."""
    for row, es in (({"initial": 80, "annual": 80, "executed": 95}, 10),
                    ({"initial": 1200, "annual": 1200, "executed": 1}, round(10 / 1200, 4))):
        [item] = load_all([_form(tmp_path, row, exec_rate=None, exec_score=None)]).forms
        sc = score_form(item.form)
        assert sc.exec_score == es and "像是以元填写" not in sc.exec_basis, sc.exec_basis
