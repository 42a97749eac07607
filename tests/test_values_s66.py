"""Values as Excel and the 填报人 hand them over (s66): error cells through xlwings, ratios with words around
them, durations past 24 hours typed as times."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from conftest import need_libreoffice
from jixiao import actions
from test_ratio_typed_s65 import _base


def test_the_check_button_says_an_error_cell_is_one_as_the_command_does(tmp_path):
    """xlwings hands a cell showing #VALUE! over as None unless asked with ``err_to_str`` (xlwings 0.37
    ``_xlwindows._clean_value_data_element``): the 校验 button said “实际完成值未填写” where ``jixiao check`` says
    “表中为错误值 #VALUE!”. The stand-in of ``test_addin_pages_again_s60`` hands errors over as xlwings does
    (None, the text only with ``err_to_str``); not run in a real Excel."""
    from test_addin_pages_again_s60 import _excel

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["E15"], ws["F15"] = "≥95%", '="完成"+1'          # a broken formula: #VALUE!
    wb.save(book)
    need_libreoffice()
    from jixiao.excel.office import convert

    book = Path(convert(book, "xlsx", tmp_path / "lo"))     # its formulas calculated, as Excel holds it open
    values = openpyxl.load_workbook(book, data_only=True)
    assert values.worksheets[0]["F15"].value == "#VALUE!"
    host = _excel(openpyxl.load_workbook(book), values)
    host.path, host.plans = str(book), []
    host.apply = host.plans.append        # the marks recorded, not written
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(actions.FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    said = {(f.cell, f.rule, f.message) for f in in_excel.findings}
    at_f15 = [m for c, _r, m in said if c == "F15"]
    assert at_f15 and all("错误值 #VALUE!" in m and "未填写" not in m for m in at_f15), at_f15
    assert said == {(f.cell, f.rule, f.message) for f in on_file.findings}


import datetime  # noqa: E402

import pytest  # noqa: E402

from jixiao.core.values import parse_value  # noqa: E402
from jixiao.forms.project.scoring import score_indicator  # noqa: E402


@pytest.mark.parametrize("text, bare, direction", [
    ("师生比1:10", "1:10", None), ("师生比为1:10", "1:10", None), ("师生比：1：10", "1:10", None),
    ("师生比1比10", "1比10", None), ("师生比≥1:10", "≥1:10", "ge"), ("师生比不低于1:10", "≥1:10", "ge"),
    ("配套比例1:1", "1:1", None), ("配套比例达到1:1", "≥1:1", "ge")])
def test_a_ratio_named_by_its_words_is_the_bare_ratio(text, bare, direction):
    """“师生比1:10” was the number 1 with text after it (“1”), against “1:10” a unit mismatch, the written score kept."""
    v, b = parse_value(text), parse_value(bare)
    assert (v.unit_dim, v.number, v.extra_text, v.direction) == ("proportion", b.number, False, direction), v
    assert (v.shown(), v.exact()) == (b.shown(), b.exact())


def test_words_that_do_not_name_a_ratio_leave_a_time_of_day_one():
    assert parse_value("下午1:30前").unit_dim == "clock"
    assert parse_value("配套比例2:30").unit_dim == "proportion"    # the words say ratio, whatever the digits


@pytest.mark.parametrize("target, actual", [("1:10", "师生比1:10"), ("师生比1:10", "1:10"), ("配套比例1:1", "1:1"),
                                            ("配套比例1:1", "1比1")])
def test_a_named_ratio_scores_as_the_bare_one(target, actual):
    r = score_indicator(target, actual, 10, 8, name="师生比")
    assert (r.score, r.computed) == (10, True), r.basis      # before: 单位不一致, the written 8 kept


@pytest.mark.parametrize("target, actual, score", [("≤3小时", "2:30", 10), ("≤24小时", "25:30", None),
                                                   ("≤24小时", "25:30:00", None), ("≤90分钟", "1:30", 10),
                                                   ("≤2小时", "02:30:00", None)])
def test_a_time_typed_against_hours_is_a_span_of_them(target, actual, score):
    """“2:30” against “≤3小时” was “无法识别为数值”, “25:30” a ratio against 小时 (单位不一致): each kept the
    written score. Against a span in 小时 or 分钟 the time typed is so many hours and minutes."""
    r = score_indicator(target, actual, 10, 7, name="响应时长")
    assert r.computed, r.basis
    if score is not None:
        assert r.score == score, r.basis
    else:
        assert r.score < 10 and "单位" not in r.basis, r.basis


def test_a_ratio_indicator_reads_a_bare_2_30_as_a_ratio():
    r = score_indicator("1:3", "2:30", 10, 7, name="配套比例")
    assert "无法识别" not in r.basis and "2:30" in r.basis, r.basis


@pytest.mark.parametrize("value, text", [(datetime.timedelta(days=1, seconds=5400), "25:30:00"),
                                         (datetime.datetime(1899, 12, 31, 1, 30), "25:30:00"),
                                         (datetime.datetime(1900, 1, 1, 2, 0), "50:00:00"),
                                         (datetime.datetime(1899, 12, 30, 2, 30), "02:30:00"),
                                         (datetime.datetime(2023, 3, 1), "2023年3月1日")])
def test_a_span_past_a_day_reads_alike_from_a_file_and_from_excel(value, text):
    """A file's reader gives “25:30” typed into a cell (Excel's [h]:mm:ss) a ``timedelta`` (“1 day, 1:30:00”, read
    as 1 day); Excel's object model through xlwings a date counted from 1899-12-30, 1899-12-31 01:30 (“1899/12/31
    01:30”, the number 1899), which the add-in takes as that span (``excel_span``). Both are the span as Excel
    shows it in [h]:mm:ss."""
    from jixiao.core.dates import excel_span
    from jixiao.reading.grid import as_text

    assert as_text(excel_span(value)) == text


def test_a_span_past_a_day_is_read_alike_by_the_buttons_and_the_command(tmp_path, capsys):
    """“25:30” typed into a 实际完成值 against “≤24小时”: Excel stores 1.0625 in [h]:mm:ss. ``jixiao check`` read
    “1 day, 1:30:00” (1 天, “单位不一致”) and the buttons 1899-12-31 01:30 (“1899/12/31 01:30”, the number 1899); both
    now read 25.5 hours, 6.25 % over the ceiling. The Excel side is the openpyxl stand-in giving the values as
    pywin32 does (not run in a real Excel)."""
    import json

    from jixiao.cli import main as cli_main
    from test_addin_pages_again_s60 import _excel

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["D15"], ws["E15"] = "办结时长", "≤24小时"
    ws["F15"].value, ws["F15"].number_format = datetime.timedelta(hours=25, minutes=30), "[h]:mm:ss"
    wb.save(book)
    need_libreoffice()
    from jixiao.excel.office import convert

    book = Path(convert(book, "xlsx", tmp_path / "lo"))
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    out = json.loads(capsys.readouterr().out)
    at = [f for f in out if f.get("cell") == "F15" or "办结时长" in f.get("message", "")]
    assert at and not [f for f in at if "1 day" in f["message"] or "单位不一致" in f["message"]], at
    assert [f for f in at if "25.5 小时" in f["message"] or "25:30" in f["message"]], at

    values = openpyxl.load_workbook(book, data_only=True)
    assert isinstance(values.worksheets[0]["F15"].value, datetime.timedelta)
    values.worksheets[0]["F15"].value = datetime.datetime(1899, 12, 31, 1, 30)   # as pywin32 gives serial 1.0625
    host = _excel(openpyxl.load_workbook(book), values)
    host.path, host.plans = str(book), []
    host.apply = host.plans.append
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(actions.FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    said = {(f.cell, f.rule, f.message) for f in in_excel.findings}
    assert said == {(f.cell, f.rule, f.message) for f in on_file.findings}
    assert not [m for _c, _r, m in said if "1899" in m], said


def test_c15_says_how_a_span_typed_as_a_time_was_read(tmp_path, capsys):
    """C15 said “实际完成值“2:30”没有写明“/小时”……按 2 小时读，应写作“2小时””: the first number, as if a unit were
    missing after it, where the span was read as 2.5 hours; a ratio “2:30” against “1:3” is left alone (no “按 2 比读”)."""
    import json

    from jixiao.cli import main as cli_main

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for ref, (name, target, actual) in {15: ("响应时长", "≤3小时", "2:30"), 16: ("办结时长", "≤24小时", "25:30"),
                                        19: ("配套比例", "1:3", "2:30")}.items():
        ws[f"D{ref}"], ws[f"E{ref}"], ws[f"F{ref}"] = name, target, actual
        ws[f"F{ref}"].number_format = "@"
    wb.save(book)
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    c15 = {f["cell"]: f["message"] for f in json.loads(capsys.readouterr().out) if f["rule"] == "C15"}
    assert "按时长 2.5 小时读，应写作“2.5小时”" in c15["F15"], c15
    assert "按时长 25.5 小时读，应写作“25.5小时”" in c15["F16"], c15
    assert "F19" not in c15 and not [m for m in c15.values() if "/小时" in m], c15


def test_the_score_function_reads_a_span_past_a_day_as_the_command_does():
    """JX_SCORE in Excel gets the cell's value from xlwings: “25:30” typed is the date 1899-12-31 01:30, which it read
    “1899-12-31 01:30:00” (no score); ``jixiao score`` reads the file's cell as 25.5 hours (9.38 of 10)."""
    from addin.udfs import JX_BASIS, JX_SCORE

    assert JX_SCORE("≤24小时", datetime.datetime(1899, 12, 31, 1, 30), 10) == 9.38
    assert "25.5 小时" in JX_BASIS("≤24小时", datetime.datetime(1899, 12, 31, 1, 30), 10)
    assert JX_SCORE("≤3小时", datetime.datetime(1899, 12, 30, 2, 30), 10) == 10    # a time cell “2:30”, 2.5 hours
