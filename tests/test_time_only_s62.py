"""A time of day alone in a date cell (s62).

Excel keeps “12:00” typed into a cell formatted as a time as a time value with no day; the readers got
``datetime.time(12, 0)`` and wrote it “12:00:00”. As a 时效指标's 实际完成值 that text was read as the number 12
(“完成时间 12 月 不晚于指标 2022年12月，按期完成，得满分”, C10 “按 12 计”); as a 填报日期 it was taken for the
成文日期 of the documents and printed under their 落款. Now it is neither a number nor a date: a message names
the file, sheet and cell.
"""

from __future__ import annotations

import datetime
import json

import openpyxl
import pytest

from conftest import SAMPLES
from jixiao.cli import main as cli_main
from jixiao.core.dates import time_only
from jixiao.core.values import paired, parse_value


@pytest.mark.parametrize("v, shown", [(datetime.time(12, 0), "12:00:00"), ("12:00:00", "12:00:00"), ("9:05", "9:05"),
                                      ("１２：００", "12:00"), (datetime.time(9, 5, 3), "09:05:03")])
def test_a_time_alone_is_said_as_a_time(v, shown):
    assert time_only(v) == shown


@pytest.mark.parametrize("v", ["2023.3.1", "12", "12:00 前", "2023/3/1 10:00", "25:00", 12, None, datetime.date(2023, 3, 1)])
def test_anything_else_is_no_time_alone(v):
    assert time_only(v) is None


def test_a_time_alone_is_no_number():
    # s63: a time of day (its minutes after midnight, compared with a 指标值 of a time of day), never the number 12;
    # against any other 指标值 it is no value (``core.values.paired``: C5, below)
    t = parse_value("12:00:00")
    assert (t.unit_dim, t.number, t.shown()) == ("clock", 720, "12:00")
    assert paired(parse_value("2022年12月31日前"), t)[1].kind == "unparsed"
    assert parse_value("2023年12月").number == 12   # a month is still one


def _book(tmp_path, edit):
    src = tmp_path / "b.xlsx"
    assert cli_main(["fill", str(SAMPLES[0]), "-o", str(src)]) == 0
    wb = openpyxl.load_workbook(src)
    edit(wb.worksheets[0])
    out = tmp_path / "时间.xlsx"
    wb.save(out)
    return out


def _time(ws, ref):
    ws[ref] = datetime.time(12, 0)
    ws[ref].number_format = "hh:mm:ss"


def test_a_deadline_met_at_a_time_of_day_is_not_scored_as_december(tmp_path, capsys):
    def edit(ws):
        ws["D16"], ws["E16"], ws["H16"] = "完成时间", "2022年12月31日前", None
        _time(ws, "F16")

    book = _book(tmp_path, edit)
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["cell"] == "F16"]
    assert [f["rule"] for f in found] == ["C5"], found
    f = found[0]
    assert f["file"] == str(book) and f["sheet"] and f["found"] == "12:00:00"
    assert "只有时刻、没有日期" in f["message"] and "不是日期也不是数值" in f["message"], f["message"]
    cli_main(["score", str(book), "--json"])
    ind = json.loads(capsys.readouterr().out)[0]["indicators"][2]
    assert ind["name"] == "完成时间" and not ind["computed"] and "12 月" not in (ind["basis"] or ""), ind


def test_a_filled_on_date_that_is_a_time_is_said_and_not_printed(tmp_path, capsys):
    book = _book(tmp_path, lambda ws: _time(ws, "G37"))
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["cell"] == "G37"]
    assert [(f["rule"], f["severity"]) for f in found] == [("X2", "warning")], found
    assert "填报日期写的是“12:00:00”" in found[0]["message"] and "不是日期" in found[0]["message"], found
    assert found[0]["file"] == str(book) and found[0]["sheet"]
    assert cli_main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"]) in (0, 1)
    from docx import Document

    letter = Document(str(tmp_path / "报告" / "报送函.docx"))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "12:00:00" not in text and "【待填写】" in text, text


def test_a_department_report_date_that_is_a_time_is_said_on_its_cell(tmp_path, capsys):
    """The 部门整体支出绩效自评表's 报告日期 (E5) read as the project form's 填报日期 is (X2 on its cell)."""
    from dept_helpers import zizhou_of

    book = tmp_path / "部门.xlsx"
    assert cli_main(["fill", str(zizhou_of(2023, tmp_path)), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    _time(wb.worksheets[0], "E5")
    wb.save(book)
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["cell"] == "E5"]
    assert [(f["rule"], f["severity"]) for f in found] == [("X2", "warning")], found
    assert found[0]["message"].startswith("报告日期写的是“12:00:00”：单元格中只有时刻、没有日期"), found
