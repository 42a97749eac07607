"""Issue #18, second round on the checking stage: each shortcut gives what the long way gave.

As in test_speed18_rules.py: the byte-identical ``check --json`` of the 10,000-form corpus is the
main proof; these tests pin each shortcut on its own.
"""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from jixiao.core import numbers
from jixiao.core.numbers import fmt, pct, plain_decimal


def _fmt_long_way(x, places=4, blank="空白"):
    if x is None:
        return blank
    s = f"{round(float(x), places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _pct_long_way(rate, places=2, trim=False):
    r = (Decimal(repr(rate)) if isinstance(rate, float) else Decimal(rate)) * 100
    q = Decimal(1).scaleb(-places)
    p = r.quantize(q, rounding=ROUND_HALF_UP)
    if r < 100 and p >= 100:
        p = r.quantize(q, rounding=ROUND_DOWN)
    if r > 0 and p == 0:
        p = r.quantize(q, rounding=ROUND_UP)
    return (plain_decimal(p) if trim else f"{p:f}") + "%"


def _numbers():
    rnd = random.Random(23)
    xs = [0.0, -0.0, 1.0, -1.0, 0.1, 0.005, 0.015, 0.0049999, 0.99995, 0.999951, 1e-9, -1e-9, 2.675, 8.235,
          1e16, 123456.789, 0.7411363636363636, 1, 0, -3, 10 ** 17, True, False]
    xs += [rnd.uniform(-2, 2) for _ in range(300)] + [round(rnd.uniform(0, 120), rnd.randint(0, 5)) for _ in range(300)]
    return xs


def test_fmt_and_pct_kept_texts_are_the_long_way_every_time():
    xs = _numbers()
    for _ in range(2):          # the second pass answers from what the first kept
        for x in xs:
            for places in (0, 1, 2, 4, 6):
                assert fmt(x, places) == _fmt_long_way(x, places), (x, places)
            for places, trim in ((2, False), (0, False), (2, True), (1, True)):
                assert pct(x, places=places, trim=trim) == _pct_long_way(x, places, trim), (x, places, trim)
    # values equal as numbers share a kept text, and it is the text of each of them
    assert pct(1) == pct(1.0) == "100.00%" and pct(1.0) == pct(1) and fmt(2.0) == fmt(2) == "2"
    # 0.0 and -0.0 are equal keys with different percentages: neither is kept
    assert (pct(-0.0), pct(0.0), pct(-0.0)) == ("-0.00%", "0.00%", "-0.00%")
    assert fmt(None) == "空白" and fmt(None, blank="—") == "—" and pct(None, blank="—") == "—"
    assert pct(Decimal("0.925"), trim=True) == "92.5%"


def test_kept_texts_are_bounded():
    numbers._FMT_SEEN.clear()
    for k in range(numbers._SEEN_MAX + 10):
        assert fmt(k + 0.5) == f"{k}.5"
    assert len(numbers._FMT_SEEN) <= numbers._SEEN_MAX
    assert fmt(7.25) == "7.25"
