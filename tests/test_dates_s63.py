"""The dates a form carries, as the 校验 button says them to a 填报人 (s63).

Before: the 部门整体支出绩效自评表's 报告日期 (and its 部门意见's 日期) had no rule at all, and the
项目支出绩效自评表's 填报日期 was looked at only by ``report`` when taken for the 成文日期: “2023.2.30”, or a
day in the very year the form evaluates, passed ``check`` without a word. Now F20 and H10 say them, with
the one date judgement V22 uses (``core.dates.date_slip``).
"""

from __future__ import annotations

import datetime
import json

from dept_helpers import clean_json
from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.project.model import parse_form
from test_dept_rules import run as dept_run
from test_rules import clean, run


# -- the one judgement ---------------------------------------------------------------------------------------------
def test_date_slip_names_each_kind_of_slip():
    from jixiao.core.dates import date_slip

    assert date_slip("2023.2.30", 2022) == ("no_day", None)
    assert date_slip("2021年3月1日", 2022) == ("before", datetime.date(2021, 3, 1))
    assert date_slip("2022-06-01", 2022) == ("within", datetime.date(2022, 6, 1))
    assert date_slip("2022年12月20日", 2022) == ("december", datetime.date(2022, 12, 20))
    assert date_slip("2026.1.5", 2022) == ("late", datetime.date(2026, 1, 5))
    for fine in ("2023.3.1", "2024年12月31日", "二〇二三年三月一日", None, "", "见评价报告", "12:00:00"):
        assert date_slip(fine, 2022) is None, fine
    assert date_slip("2021.3.1", None) is None          # no year to hold it against
    assert date_slip("2021.2.30", None) == ("no_day", None)


# -- 1. the 部门整体支出绩效自评表: F20 ------------------------------------------------------------------------------
def _f20(**kw) -> list:
    return [f for f in dept_run({**clean_json(), **kw}) if f.rule == "F20"]


def test_f20_names_a_report_date_no_calendar_has():
    (f,) = _f20(report_date="2025.2.30")                  # the clean form evaluates 2024
    assert (f.field, f.severity, f.found) == ("report_date", "warning", "2025.2.30")
    assert f.message == "报告日期“2025.2.30”不是日历上有的日期，请改为实际的日期（如 2025年3月1日）"


def test_f20_names_a_report_date_in_or_before_the_year_evaluated():
    (within,) = _f20(report_date="2024年6月1日")
    assert "报告日期“2024年6月1日”在自评的 2024 年度之内" in within.message
    assert "2025年1月1日以后" in within.message and "如 2025年3月1日" in within.message
    (before,) = _f20(report_date="2023-03-10")
    assert "报告日期“2023-03-10”早于自评的 2024 年度" in before.message
    (late,) = _f20(report_date="2028-03-10")
    assert "比自评的 2024 年度晚了 4 年" in late.message


def test_f20_names_the_opinion_date_too():
    (f,) = _f20(opinion_date="2024.2.30")
    assert f.field == "opinion_date" and f.message.startswith("部门（单位）意见的日期“2024.2.30”不是日历上有的日期")


def test_f20_leaves_a_right_or_blank_or_december_date_alone():
    for fine in ("2025-03-10", "2025年3月10日", "2024年12月20日", None, "见评价报告"):
        assert _f20(report_date=fine, opinion_date=fine) == [], fine


# -- 2. the 项目支出绩效自评表's 填报日期: H10 ------------------------------------------------------------------------
def _h10(filled_on) -> list:
    d = clean()                                            # 01.json: the 2022 form, 填报日期 2023.3.1
    d["filled_on"] = filled_on
    return [f for f in run(d) if f.rule == "H10"]


def test_h10_names_a_filled_on_date_no_calendar_has():
    (f,) = _h10("2023.2.30")
    assert (f.field, f.severity, f.found) == ("filled_on", "warning", "2023.2.30")
    assert f.message == "填报日期“2023.2.30”不是日历上有的日期，请改为实际的日期（如 2023年3月1日）"


def test_h10_names_a_filled_on_date_in_the_year_evaluated():
    (f,) = _h10("2022.6.1")
    assert f.message.startswith("填报日期“2022.6.1”在自评的 2022 年度之内：自评的是 2022 年度全年的预算执行")
    assert f.expected == "2023年1月1日以后的实际日期（如 2023年3月1日）"
    (before,) = _h10("2021.3.1")
    assert "早于自评的 2022 年度" in before.message


def test_h10_leaves_a_right_or_blank_or_december_date_alone():
    for fine in ("2023.3.1", "2023年4月10日", "2022.12.25", None, "", "12:00:00"):
        assert _h10(fine) == [], fine


# -- the cell named, as the 校验 button shows it -----------------------------------------------------------------------
def test_check_names_the_date_cells_of_a_workbook(tmp_path, capsys):
    project = clean()
    project["filled_on"] = "2022.6.1"
    dept = {**clean_json(), "report_date": "2024.2.30"}
    book = write_forms([parse_form(project), parse_dept_form(dept)], tmp_path / "表.xlsx")
    main(["check", str(book), "--json"])
    got = {f["rule"]: f for f in json.loads(capsys.readouterr().out) if f["rule"] in ("F20", "H10")}
    assert set(got) == {"F20", "H10"}
    import openpyxl

    wb = openpyxl.load_workbook(book)
    # the cell each finding names holds the date it quotes: where the 填报人 types the right one
    assert wb[got["H10"]["sheet"]][got["H10"]["cell"]].value == "2022.6.1"
    assert wb[got["F20"]["sheet"]][got["F20"]["cell"]].value == "2024.2.30"
