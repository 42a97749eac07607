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


@pytest.mark.parametrize("actual", ["17", "100%", "按时办结"])
def test_what_is_no_time_is_no_number_against_a_time_within(actual):
    """A 完成值 that is no time of day is not compared with “17:30以内”: it was 17 ≤ 17 (full marks) and
    100% against 17% (0 分)."""
    r = score_indicator("17:30以内", actual, 10, 7, name="办结时间")
    assert (r.score, r.computed) == (7, False), r.basis


@pytest.mark.parametrize("text, minutes", [("17点30分以内", 1050), ("17时30分前", 1050), ("17点前", 1020),
                                           ("12时前", 720), ("下午5点前", 1020), ("17点整", 1020), ("9时05分", 545)])
def test_a_time_of_day_in_words_is_one(text, minutes):
    """“17点30分以内” was the number 17 in 点 (C2 asked for “≤17 点”), “17点前” 17 点 with text."""
    v = parse_value(text)
    assert (v.unit_dim, v.number, v.direction) == ("clock", minutes, "le"), v


@pytest.mark.parametrize("text, number, unit", [("监测点5个", 5, "个"), ("≥5点", 5, "点"), ("3点", 3, "点"),
                                                ("24小时", 24, "小时"), ("1小时30分", 1, "小时")])
def test_a_count_of_points_or_a_span_stays_one(text, number, unit):
    v = parse_value(text)
    assert (v.unit_dim != "clock", v.number, v.unit) == (True, number, unit), v


@pytest.mark.parametrize("target, actual, score", [("17点30分以内", "17:00", 10), ("17:30以内", "17点前", 10),
                                                   ("17点前", "18:10", 9.31)])
def test_a_time_in_words_is_compared_as_a_time(target, actual, score):
    r = score_indicator(target, actual, 10, 7, name="办结时间")
    assert r.computed and r.score == score, r.basis


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


# ----------------------------------------------------------------------------- a 执行率得分 cleared by hand

def _filled(tmp_path: Path) -> Path:
    """The sample form as ``fill`` writes it (our template's formulas, saved without results, as code saves them)."""
    from test_ratio_typed_s65 import SAMPLES

    src = tmp_path / "填好.xlsx"
    assert cli_main(["fill", str(SAMPLES[0]), "-o", str(src)]) == 0
    return src


def _cleared(src: Path, dst: Path, *refs: str) -> Path:
    """``src`` with the cells ``refs`` of its form cleared (no formula, no value), saved as code saves it."""
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    for ref in refs:
        ws[ref].value = None
    wb.save(dst)
    return dst


def test_a_cleared_exec_score_is_an_error_on_its_cell_and_left_out_of_the_total(tmp_path, capsys):
    """The 执行率得分 H7 cleared (no formula, no value) was the template formula's A8 note (“模板公式会计算”),
    and the 总分 was read with the scorer's 9.25 in it (97.75) though the sheet's SUM left it out (88.5). Now it
    is an error on H7 that says the cell is empty, and the 总分 is what the sheet shows."""
    found = _check_json(_cleared(_filled(tmp_path), tmp_path / "清空.xlsx", "H7"), capsys)
    at_h7 = [f for f in found if f["cell"] == "H7"]
    assert [(f["rule"], f["severity"]) for f in at_h7] == [("A4", "error")], at_h7
    assert "执行率得分未填" in at_h7[0]["message"] and "没有公式" in at_h7[0]["message"], at_h7
    assert "9.25" in at_h7[0]["message"], at_h7
    (total,) = [f for f in found if f["cell"] == "H34"]
    assert total["rule"] == "D11" and total["found"] == 88.5, total   # the sheet's SUM: 18.5 + … without H7
    assert "执行率得分 空白 → 9.25 分" in total["message"], total["message"]


def test_a_formula_saved_without_its_result_is_still_computed(tmp_path, capsys):
    """The same 执行率得分 cell holding the template's formula with no result stored (as code saves it) is
    what the formula computes, as before: no error on H7, and the 总分 counts it (97.75)."""
    found = _check_json(_filled(tmp_path), capsys)
    assert not [f for f in found if f["cell"] == "H7"], found
    (total,) = [f for f in found if f["cell"] == "H34"]
    assert total["found"] == 97.75 and "执行率得分" not in total["message"], total


def test_d7_counts_a_cleared_exec_score_as_the_sheet_does(tmp_path, capsys):
    """A 总分 typed over the formula as the sum of the scores on the sheet (88.5 without the cleared H7) adds up:
    D7 asked for 97.75 (“执行率得分表中未填，按执行率计算为 9.25 分”); the cleared cell is told on H7 and the
    total once it is filled by D11."""
    src = _cleared(_filled(tmp_path), tmp_path / "清空.xlsx", "H7")
    wb = openpyxl.load_workbook(src)
    wb.worksheets[0]["H34"] = 88.5
    wb.save(src)
    found = _check_json(src, capsys)
    assert not [f for f in found if f["rule"] == "D7"], found
    assert [f["rule"] for f in found if f["cell"] == "H7"] == ["A4"], found
    (total,) = [f for f in found if f["cell"] == "H34"]
    assert total["rule"] == "D11" and "99.25" in total["message"], total


@pytest.mark.libreoffice
def test_a_cleared_exec_score_in_libreoffice(tmp_path, capsys):
    """Cleared in a spreadsheet program (LibreOffice, results stored): the 总分 it shows leaves H7 out, and the
    check says so on H7 — not D7's “总分应为 97.75” counting the scorer's 9.25 (before)."""
    from conftest import need_libreoffice
    from lo_basic import run_basic

    need_libreoffice()
    out = tmp_path / "清空后.xlsx"
    run_basic(_filled(tmp_path), out, '  sh.unprotect("")\n  sh.getCellRangeByName("H7").clearContents(1 + 2 + 4 + 16)\n',
              tmp_path / "profile")
    found = _check_json(out, capsys)
    assert [(f["rule"], f["severity"]) for f in found if f["cell"] == "H7"] == [("A4", "error")], found
    assert not [f for f in found if f["rule"] == "D7"], found
    (total,) = [f for f in found if f["cell"] == "H34"]
    assert total["found"] == 88.5 and "执行率得分 空白 → 9.25 分" in total["message"], total


# ----------------------------------------------------------------------------- check --report: which indicator

def test_a_report_value_against_the_form_names_its_indicator(tmp_path, capsys):
    """R6 paired the report's “90%” with the form's “100%” and named the form's cell as “…（实际完成值）”: the
    对照 a list or sheet prints beside the two values did not say which row. Now it names the 三级指标, and the
    JSON finding has it as ``indicator`` (added)."""
    import shutil

    from test_ratio_typed_s65 import SAMPLES

    form = tmp_path / "01.json"
    shutil.copy(SAMPLES[0], form)
    names = [i["name"] for i in json.loads(form.read_text(encoding="utf-8"))["indicators"]]
    report = tmp_path / "报告.md"
    report.write_text(f"# 自评报告\n\n{names[1]}指标值为100%，实际完成值为90%。{names[0]}≥2人。\n", encoding="utf-8")
    capsys.readouterr()
    cli_main(["check", str(form), "--report", str(report), "--json"])
    r6 = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "R6"]
    assert {(f["indicator"], f["field"]) for f in r6} == {(names[1], "indicators[1].actual"),
                                                         (names[0], "indicators[0].target")}, r6
    for f in r6:
        assert f"“{f['indicator']}”的" in f["against"], f["against"]
    cli_main(["check", str(form), "--report", str(report)])
    text = capsys.readouterr().out
    assert f"（“{names[1]}”的实际完成值）" in text and f"（“{names[0]}”的年度指标值）" in text, text


def test_the_review_lists_a_report_value_with_its_indicator(tmp_path):
    """The review's ``to_fix`` entry of such a finding carries ``indicator`` too, and its ``against`` the name."""
    from jixiao.excel.workbook import write_forms
    from review_fixture import form, run_cli

    dept = "县自然资源局"
    (tmp_path / "inbox" / dept).mkdir(parents=True)
    f = form(12, dept)
    write_forms([f], tmp_path / "inbox" / dept / "自然资源局.xlsx")
    name = f.indicators[0].name
    (tmp_path / "inbox" / dept / "自评报告.md").write_text(
        f"# {dept}2022年度项目支出绩效自评报告\n\n## （一）{f.project}\n\n{name}实际完成值为90%。\n",
        encoding="utf-8")
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    (d,) = json.loads(text)["departments"]
    (it,) = [it for it in d["to_fix"] if it["kind"] == "report"]
    assert (it["rule"], it["indicator"]) == ("R6", name), it
    assert it["against"].endswith(f"（“{name}”的实际完成值）"), it["against"]
    assert not [x for x in d["to_fix"] if x["kind"] != "report" and "indicator" in x]


def test_a_cleared_exec_score_is_said_blank_where_the_table_is_said(tmp_path, capsys):
    """The 校验结果 sheet's, the 清单's and the notice's 表中为 of the cleared cell say “空白” (``says_blank``)."""
    from jixiao.core.findings import says_blank

    found = _check_json(_cleared(_filled(tmp_path), tmp_path / "清空.xlsx", "H7"), capsys)
    (h7,) = [f for f in found if f["cell"] == "H7"]
    assert says_blank(h7["cell"], h7["found"], h7["message"]), h7
