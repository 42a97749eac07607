"""One test of whether two scores differ, and of whether a score is short of its 分值 (stop 51).

The rules compared scores within ``SCORE_TOL`` (0.01) — each file with its own ``EPS`` — while the
校验报告, the reports and the scorer's notes used 0.005 written out: a 得分 9.99 of 10 needed no 扣分原因 by
the rules but was “below its 分值” in the report, and the 校验报告 could call two totals different that
D11 called the same. Now ``core.numbers.scores_apart`` and ``score_above`` answer for all of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.core.numbers import SCORE_TOL, score_above, scores_apart

ROOT = Path(__file__).resolve().parents[1] / "jixiao"


@pytest.mark.parametrize("a, b, apart", [
    (98.8, 98.81, False), (98.8, 98.8 + SCORE_TOL, False), (0.1 + 0.2, 0.3, False),
    (98.8, 98.82, True), (10, 9.5, True), (100, 100.005, False),
])
def test_scores_apart(a, b, apart):
    assert scores_apart(a, b) is apart and scores_apart(b, a) is apart


def test_score_above_is_one_sided():
    assert score_above(10, 9.5) and not score_above(9.5, 10)
    assert not score_above(10, 9.99) and not score_above(10, 10 - 0.01)   # full marks as the rules take them
    assert score_above(10.02, 10)                                          # a 得分 over its 分值


def test_no_score_tolerance_is_written_out_elsewhere():
    """Scores are compared through the two functions: no ``SCORE_TOL + EPS`` nor a literal 0.005 beside
    a score, outside core.numbers (money has ``money_apart``, rates ``RATE_TOL``)."""
    offenders = []
    for p in ROOT.rglob("*.py"):
        if p.name == "numbers.py" and p.parent.name == "core":
            continue
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            literal = re.search(r"(?:[<>]=?|[-+])\s*0\.005\b|\b0\.005\s*(?:[<>]=?|[-+])", code)
            if "SCORE_TOL +" in code or (literal and "score" in code):
                offenders.append(f"{p.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_nan_is_apart_from_every_score():
    """A NaN score (a JSON form's) equals no score: “执行率得分应为 9.25，表中为 nan” (A4), as before the one test."""
    nan = float("nan")
    assert scores_apart(nan, 9.25) and scores_apart(9.25, nan) and scores_apart(nan, nan)
    assert not score_above(nan, 10) and not score_above(10, nan)
