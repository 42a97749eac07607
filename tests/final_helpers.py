"""What a 定稿 (values only) reads as, beside the working workbook it was made from."""

from __future__ import annotations

from typing import Sequence


def alike_but_total_advice(was: Sequence[tuple], now: Sequence[tuple]) -> None:
    """``now`` (a 定稿's findings, each a tuple ending in its message) is ``was`` (the working workbook's), but for
    the advice on a wrong 总分 (D7, D11, D12; F12, V8): on the template's formula it says the cell follows
    (“总分格是公式，随之自动重新合计……”), on the 定稿's value, as typed, “总分应为 …”."""
    was, now = sorted(was), sorted(now)
    assert [f[:-1] for f in now] == [f[:-1] for f in was]
    apart = [(w[-1], n[-1]) for w, n in zip(was, now) if w[-1] != n[-1]]
    assert all("总分格是公式" in w and "总分格是公式" not in n and "应为" in n for w, n in apart), apart
