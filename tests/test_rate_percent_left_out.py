"""An 执行率 written as the right figure without its “%”: 92.5 for 92.5 %. Until stop 53 A3 said “表中为 92.5
（即 9250.00%）” and G1 quoted 9250.00 % — what the cell shows is 92.5; the slip is the missing sign."""

from __future__ import annotations

import pytest

from test_rules import clean, run, top


def _said(**kw) -> dict[str, str]:
    d = clean()
    d["remark"] = None                   # G1 speaks where no reason is written
    top(**kw)(d)
    return {f.rule: f.message for f in run(d)}


@pytest.mark.parametrize("rate", [92.5, "92.5", "92.50"])
def test_the_missing_percent_sign_is_said(rate):
    said = _said(exec_rate=rate)
    assert "少了百分号（作为数是 9250.00%），应写作“92.5%”" in said["A3"]
    assert "表中为 92.5）" in said["G1"]


@pytest.mark.parametrize("rate, shown", [(9.25, "（即 925.00%）"), (80, "（即 8000.00%）")])
def test_another_figure_is_not_a_missing_sign(rate, shown):
    said = _said(exec_rate=rate)
    assert shown in said["A3"] and "少了百分号" not in said["A3"]
