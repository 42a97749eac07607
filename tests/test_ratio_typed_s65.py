"""A ratio typed as “1:10” (师生比 1:10, 配套比例 1:2) is a ratio, not a time of day (s65).

Excel, WPS and LibreOffice store “1:10” typed into a cell not formatted as text as the time 01:10 with a time
format (LibreOffice “hh:mm:ss”, Excel “h:mm”). jixiao read that cell “01:10:00”, a time of day: a 完成值 “1:12”
against “1:10” was “逾期 2 分钟” (9.71 of 10, D4 on the 得分), the 自评报告 printed “指标值01:10:00”; typed as
text, “1:10” was the same time of day. Now the one value parser reads “1:10”, “1比10” as a ratio, met by the same
ratio only (a different one is the 填报人's to score), and the reader reads such a time cell back as the ratio,
with an X2 warning on the cell that says how to type it so that it stays as typed.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES, need_libreoffice
from jixiao.cli import main as cli_main
from jixiao.core.values import parse_value
from jixiao.forms.project.scoring import score_indicator


@pytest.mark.parametrize("text, shown, number", [("1:10", "1:10", 10), ("1：10", "1:10", 10), ("1比10", "1比10", 10),
                                                 ("1:2", "1:2", 2), ("10:1", "10:1", 0.1), ("2:3", "2:3", 1.5)])
def test_a_ratio_typed_as_text_is_a_ratio(text, shown, number):
    v = parse_value(text)
    assert (v.unit_dim, v.shown(), v.exact()) == ("proportion", shown, shown)
    assert v.number == pytest.approx(number)


@pytest.mark.parametrize("text, minutes", [("12:00", 720), ("17:30", 1050), ("8:30前", 510), ("12:00:00", 720),
                                           ("01:10:00", 70), ("1:10前", 70)])
def test_a_time_of_day_is_still_one(text, minutes):
    v = parse_value(text)
    assert (v.unit_dim, v.number) == ("clock", minutes)


def test_a_ratio_is_met_by_the_same_ratio_and_no_other_is_scored_as_late():
    same = score_indicator("1:10", "1比10", 10, 10)
    assert (same.score, same.computed) == (10, True) and "比例指标" in same.basis, same.basis
    other = score_indicator("1:10", "1:12", 10, 10, name="师生比")
    # before: “时效指标（时限）逾期，完成时间 1:12 晚于指标 1:10 2 分钟 … = 9.71 分”
    assert (other.score, other.computed) == (10, False), other.basis
    assert "分钟" not in other.basis and "逾期" not in other.basis and "由填报人" in other.basis, other.basis


@pytest.mark.parametrize("value, fmt, ratio", [
    (datetime.time(1, 10), "hh:mm:ss", "1:10"),                       # LibreOffice, zh-CN
    (datetime.time(1, 10), "hh:mm:ss\\ AM/PM", "1:10"),               # LibreOffice, en-US
    (datetime.time(1, 10), "h:mm", "1:10"),                           # Excel, WPS
    (datetime.time(1, 2), "h:mm", "1:2"),
    (datetime.time(10, 1), "h:mm", "10:1"),
    (datetime.timedelta(days=1, seconds=21660), "[hh]:mm:ss", "30:1"),  # “30:1”, past 24 hours
    (datetime.time(0, 1, 1, 500000), "mm:ss.00", "1:1.5"),            # “1:1.5”
    (1 / 24 + 10 / 1440, "h:mm", "1:10"),                             # an .xls: the fraction of a day xlrd gives
])
def test_a_time_cell_that_can_only_be_a_ratio(value, fmt, ratio):
    from jixiao.reading.time_cells import time_ratio

    assert time_ratio(value, fmt) == ratio


@pytest.mark.parametrize("value, fmt", [
    (datetime.time(17, 30), "h:mm"), (datetime.time(8, 30), "hh:mm:ss"),   # times of day, as they were
    (datetime.time(1, 10), "General"), (datetime.time(1, 10, 5), "hh:mm:ss"),
    (datetime.datetime(2023, 3, 1, 1, 10), "yyyy/m/d h:mm"), ("1:10", "@"),
])
def test_a_time_cell_that_may_be_a_time(value, fmt):
    from jixiao.reading.time_cells import time_ratio

    assert time_ratio(value, fmt) is None


def _base(tmp_path: Path) -> Path:
    src = tmp_path / "base.xlsx"
    assert cli_main(["fill", str(SAMPLES[0]), "-o", str(src)]) == 0
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    ws["D15"], ws["D19"] = "师生比", "地方配套比例"     # 足额发放率 and 稳定性 of the sample, 10 and 15 points
    for ref in ("E15", "F15", "E19", "F19"):
        ws[ref].value = None
        ws[ref].number_format = "General"          # pasted from the department's own sheet: not text any more
    wb.save(src)
    return src


def _typed_in_libreoffice(tmp_path: Path, cells: dict[str, str]) -> Path:
    """``cells`` typed in LibreOffice's own input line (.uno:EnterString), as a 填报人 types them, saved as .xlsx."""
    from lo_basic import run_basic

    body = ('  ctl = doc.getCurrentController()\n  frame = ctl.getFrame()\n'
            '  disp = createUnoService("com.sun.star.frame.DispatchHelper")\n'
            '  Dim a(0) As New com.sun.star.beans.PropertyValue\n  a(0).Name = "StringName"\n')
    for ref, v in cells.items():
        body += (f'  ctl.select(sh.getCellRangeByName("{ref}"))\n  a(0).Value = "{v}"\n'
                 '  disp.executeDispatch(frame, ".uno:EnterString", "", 0, a())\n')
    out = tmp_path / "比例.xlsx"
    with tempfile.TemporaryDirectory() as profile:
        run_basic(_base(tmp_path), out, body, Path(profile) / "p")
    return out


def _found(book: Path, capsys) -> tuple[list[dict], list[dict]]:
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    found = json.loads(capsys.readouterr().out)
    cli_main(["score", str(book), "--json"])
    return found, json.loads(capsys.readouterr().out)[0]["indicators"]


def _ratios_read(book: Path, capsys) -> None:
    found, inds = _found(book, capsys)
    hints = {f["cell"]: f for f in found if f["rule"] == "X2"}
    assert set(hints) == {"E15", "F15", "E19", "F19"}, found
    h = hints["E15"]
    assert h["file"] == str(book) and h["sheet"] and h["severity"] == "warning"
    assert "年度指标值“1:10”存成了时间" in h["message"] and "'1:10" in h["message"] and "“1比10”" in h["message"], h
    assert "实际完成值“1:12”" in hints["F15"]["message"]
    assert h["found"].endswith("（时间）") and "1:10" in h["found"] and "'1:10" in h["expected"], h   # 表中为, 应为
    assert not [f for f in found if f["cell"] in ("H15", "H19", "E15", "E19") and f["rule"] != "X2"], found
    ratio, match = inds[1], inds[5]
    assert ratio["name"] == "师生比" and not ratio["computed"] and "分钟" not in ratio["basis"], ratio
    assert match["name"] == "地方配套比例" and match["computed"] and match["score"] == 15, match
    assert "完成值 1:2 与指标值 1:2 相同" in match["basis"], match


def test_ratios_typed_in_libreoffice_are_read_as_typed(tmp_path, capsys):
    need_libreoffice()
    book = _typed_in_libreoffice(tmp_path, {"E15": "1:10", "F15": "1:12", "E19": "1:2", "F19": "1:2"})
    ws = openpyxl.load_workbook(book).worksheets[0]
    assert ws["E15"].value == datetime.time(1, 10) and ":" in ws["E15"].number_format   # LibreOffice made it a time
    _ratios_read(book, capsys)
    from jixiao.excel.office import convert

    xls = Path(convert(book, "xls", tmp_path / "xls"))     # an Excel 97–2003 file (WPS's .et): xlrd's formats
    _ratios_read(xls, capsys)
    assert cli_main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"]) in (0, 1)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "报告" / "项目支出绩效自评报告.docx")).paragraphs)
    assert "指标值1:10，完成值1:12" in text and "01:10:00" not in text, text
    # 1:12 is measured: scored by the 填报人 (10 of 10), said as a 定性指标's score says it, never “未以实测数值填写”
    assert "师生比的完成值未以实测数值填写" not in text and "师生比（指标值1:10，完成值1:12），达到指标值" in text, text
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force"]) == 0
    final = openpyxl.load_workbook(next((tmp_path / "定稿").glob("*.xlsx"))).worksheets[0]
    assert (final["E15"].value, final["F15"].value, final["E19"].value) == ("1:10", "1:12", "1:2")   # was 01:10:00


def test_ratios_stored_as_excel_does_are_read_as_typed(tmp_path, capsys):
    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for ref, t in (("E15", datetime.time(1, 10)), ("F15", datetime.time(1, 12)), ("E19", datetime.time(1, 2)),
                   ("F19", datetime.time(1, 2))):
        ws[ref].value, ws[ref].number_format = t, "h:mm"      # what Excel and WPS store for “1:10” typed
    wb.save(book)
    _ratios_read(book, capsys)


def test_a_time_of_day_typed_as_one_stays_one(tmp_path, capsys):
    """“17:30” typed against “18:00前”: a time of day, on time, with no hint (as before)."""
    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["E15"], ws["F15"] = "18:00前", datetime.time(17, 30)
    ws["F15"].number_format = "h:mm"
    wb.save(book)
    found, inds = _found(book, capsys)
    assert not [f for f in found if f["cell"] in ("E15", "F15")], found
    assert inds[1]["computed"] and inds[1]["score"] == 10 and "17:30" in inds[1]["basis"], inds[1]


def test_a_ratio_that_may_be_a_time_is_said_how_to_type(tmp_path, capsys):
    """“2:30” typed against a 指标值 “1:10” typed as text: stored as 02:30, which may be a time of day, so it is
    not read as a ratio — C5 says it is a ratio stored as a time and how to type it, and C15 says nothing
    (it said “按 02 None读，应写作“02None””)."""
    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["E15"], ws["F15"] = "1:10", datetime.time(2, 30)
    ws["F15"].number_format = "h:mm"
    ws["F14"] = datetime.time(2, 30)                 # against “≥1 人”
    ws["F14"].number_format = "h:mm"
    wb.save(book)
    found, _inds = _found(book, capsys)
    at = {(f["cell"], f["rule"]): f for f in found if f["cell"] in ("F14", "F15")}
    assert set(at) == {("F14", "C5"), ("F15", "C5")}, found
    said = at["F15", "C5"]["message"]
    assert "指标值是比例“1:10”" in said and "'2:30" in said and "“2比30”" in said, said
    assert "None" not in " ".join(f["message"] for f in found), found


def test_the_excel_buttons_read_a_ratio_stored_as_a_time_as_the_file_is_read(tmp_path):
    """In Excel the add-in reads values through its object model: a cell of a time format gives a date, pywin32's
    1899-12-30 01:10 for 01:10 (xlwings ``_com_time_to_datetime``). It read “1899/12/30 01:10”, the number 1899
    (“完成值 1899 ≥ 指标值 1899，得满分”); now it is read as the file is: the ratio, with the same X2.
    No Excel here: the stand-in of ``test_addin_pages_again_s60`` answers from openpyxl, the values as pywin32
    gives them (not run in a real Excel)."""
    from jixiao import actions
    from test_addin_pages_again_s60 import _excel

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for ref, (h, m) in (("E15", (1, 10)), ("F15", (1, 12)), ("E19", (1, 2)), ("F19", (1, 2))):
        ws[ref].value, ws[ref].number_format = datetime.time(h, m), "h:mm"
    wb.save(book)
    need_libreoffice()
    from jixiao.excel.office import convert

    book = Path(convert(book, "xlsx", tmp_path / "lo"))     # its formulas calculated, as Excel holds it open
    values = openpyxl.load_workbook(book, data_only=True)
    for ref in ("E15", "F15", "E19", "F19"):   # what Excel's object model gives for a time value
        t = values.worksheets[0][ref].value
        values.worksheets[0][ref].value = datetime.datetime.combine(datetime.date(1899, 12, 30), t)
    host = _excel(openpyxl.load_workbook(book), values)
    host.path, host.plans = str(book), []
    host.apply = host.plans.append        # the marks recorded, not written
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(actions.FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    said = {(f.cell, f.rule, f.message) for f in in_excel.findings}
    assert said == {(f.cell, f.rule, f.message) for f in on_file.findings}
    assert {c for c, r, _m in said if r == "X2"} == {"E15", "F15", "E19", "F19"}, said
    assert not [m for _c, _r, m in said if "1899" in m], said
