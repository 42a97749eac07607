"""Values as the 填报人 typed them (s68): a time of day with its bound written after it (“17:30以内”), and a 执行率得分
cell cleared by hand (no formula, no value) told apart from a formula saved without its result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli import main as cli_main
from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
sys.path.insert(0, str(Path(__file__).parent))


def _check_json(path: Path, capsys) -> list[dict]:
    capsys.readouterr()
    cli_main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


# ----------------------------------------------------------------------------- a time of day with 以内 after it

@pytest.mark.parametrize("text, minutes", [("17:30以内", 1050), ("17:30之内", 1050), ("17:30内", 1050),
                                           ("12:00以内", 720), ("办结时间17:30以内", 1050)])
def test_a_time_of_day_with_a_bound_after_it_is_one(text, minutes):
    """“17:30以内” was the number 17 with text after it (no direction): a 完成值 “17” met it, “100%” scored 0."""
    v = parse_value(text)
    assert (v.unit_dim, v.number, v.direction) == ("clock", minutes, "le"), v


@pytest.mark.parametrize("actual, score", [("17:00", 10), ("17:00前", 10), ("17:30", 10), ("每日17:20办结", 10),
                                           ("18:10", 9.62)])
def test_an_actual_time_is_compared_with_a_time_within(actual, score):
    """“17:00” against “17:30以内” was “无法识别为数值”, “17:00前” “重复了指标值的写法”: both kept the written score."""
    r = score_indicator("17:30以内", actual, 10, 7, name="办结时间")
    assert r.computed and r.score == score, r.basis
    assert "17:30" in r.basis and "时效指标" in r.basis, r.basis


@pytest.mark.parametrize("actual", ["17", "100%", "按时办结", "17点前"])
def test_what_is_no_time_is_no_number_against_a_time_within(actual):
    """A 完成值 that is no time of day is not compared with “17:30以内”: it was 17 ≤ 17 (full marks) and
    100% against 17% (0 分)."""
    r = score_indicator("17:30以内", actual, 10, 7, name="办结时间")
    assert (r.score, r.computed) == (7, False), r.basis


def test_check_asks_for_the_time_against_a_time_within(tmp_path, capsys):
    """On a form: the bare “17” is asked to be written as a time (C15), “100%” is told to be in the target's unit
    (C6), each on its cell; “17:00” and “17:00前” are compared and no finding is on their cells."""
    from test_ratio_typed_s65 import _base

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    rows = {15: ("办结时间", "17:30以内", "17:00"), 16: ("报送时间", "17:30以内", "17:00前"),
            17: ("办结时限", "17:30以内", "17"), 18: ("受理时间", "17:30以内", "100%")}
    for r, (name, target, actual) in rows.items():
        ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = name, target, actual
        ws[f"E{r}"].number_format = ws[f"F{r}"].number_format = "@"
    wb.save(book)
    found = _check_json(book, capsys)
    at = {}
    for f in found:
        at.setdefault(f["cell"], []).append(f)
    assert not at.get("F15") and not at.get("F16") and not at.get("E15") and not at.get("E16"), at
    assert [f["rule"] for f in at["F17"]] == ["C15"] and "17:00" in at["F17"][0]["message"], at["F17"]
    assert [f["rule"] for f in at["F18"]] == ["C6"] and "时刻" in at["F18"][0]["message"], at["F18"]
