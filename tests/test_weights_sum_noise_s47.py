"""分值 that sum to 100.01 are not 100, in whichever order they are added (rule B1).

Three 产出 indicators of 16.67 each (an even split of 50) and the rest of a 10/30/10 form sum to 100.01:
``100.01000000000001`` in one order, ``100.00999999999999`` in another. B1 compared ``abs(sum − 100) <=
0.01`` with no slack for binary noise, so it named one form and not the other, and a form it let pass
reached a 总分 of 100.01 at full marks — over ``grades.MAX_TOTAL``, 无法评定. B1, the 分值 it names and
计算's message now ask one question (``weights.adds_to_100``: within MAX_TOTAL's 0.005); B2/B3 compare with
the rules' score tolerance and its slack (``core.numbers.scores_apart``).
"""

from __future__ import annotations

import pytest
from test_rules import clean, hits, run


def _weights(*ws: float) -> dict:
    """The clean form with its four 产出 indicators replaced by ``ws`` (each scored full)."""
    d = clean()
    inds = d["indicators"]
    new = []
    for k, w in enumerate(ws):
        x = dict(inds[min(k, 3)])
        x.update(weight=w, score=w, name=f"{x['name']}{k}")
        new.append(x)
    d["indicators"] = new + inds[4:]
    return d


ORDERS = [(16.67, 16.67, 16.67), (16.67, 16.67, 16.66, 0.01)]   # 产出 50.01 either way


def test_the_premise_the_two_orders_differ_in_binary():
    sums = [sum([10, *ws, 15, 15, 10]) for ws in ORDERS]
    assert sums[0] - 100 > 0.01 >= sums[1] - 100


@pytest.mark.parametrize("ws", ORDERS)
def test_b1_names_100_01_in_either_order(ws):
    (b1,) = hits(run(_weights(*ws)), "B1")
    assert "= 100.01" in b1.message, b1.message


@pytest.mark.parametrize("ws", ORDERS)
def test_b3_takes_50_01_as_50_in_either_order(ws):
    assert hits(run(_weights(*ws)), "B3") == []


def test_b1_names_99_99_and_passes_100():
    assert hits(run(_weights(16.66, 16.67, 16.66)), "B1")        # 99.99
    assert hits(run(_weights(16.66, 16.67, 16.67)), "B1") == []  # 100
    assert hits(run(_weights(33.33, 16.67)), "B1") == []          # 50 in two, 100
