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


def test_the_missing_percent_sign_is_said():
    said = _said(exec_rate=92.5)
    assert "少了百分号（作为数是 9250.00%），应写作“92.5%”" in said["A3"]
    assert "表中为 92.5）" in said["G1"]


@pytest.mark.parametrize("rate", ["92.5", "92.50"])
def test_the_missing_percent_sign_of_a_text_is_said(rate):
    """Text “92.5” is read as 92.5 % (``core.rates.rate_written``, as Excel enters 92.5 typed into the
    percent cell; s65): the sign is still what to add, but no reader takes it for 9250.00 % any more."""
    said = _said(exec_rate=rate)
    assert said["A3"] == f"执行率为 92.50%，表中写作“{rate}”，少了百分号，应写作“92.5%”"
    assert "9250" not in said["G1"] and said["G1"].startswith("执行率为 92.50%，低于 100%")


@pytest.mark.parametrize("rate, shown", [(9.25, "（即 925.00%）"), (80, "（即 8000.00%）")])
def test_another_figure_is_not_a_missing_sign(rate, shown):
    said = _said(exec_rate=rate)
    assert shown in said["A3"] and "少了百分号" not in said["A3"]
