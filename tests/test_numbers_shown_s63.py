"""Stop 63: numbers, dates and times as the 填报人 and the reviewer meet them.

1. A 执行率得分 of 10 × 35.71…% made rule D11 (and A4, D7) say “总分应为 93.5714 分”: the form's 总分 and 执行率得分
   cells (format 0.00) show 93.57, and the documents say 93.57. Messages, the 校验结果 sheet and the 清单 now say
   the score as its cell shows it; the JSON keeps its numbers.
2. V22 fired on a blank 报告日期 only: “2024年2月30日”, “2024.13.1” or a year before the 评价年度 passed.
3. A time of day (“12:00前办结”, or 12:00 that Excel stores as the time value 0.5) as a 年度指标值 was the number 12
   or unreadable (“无法识别为数值”), and a 完成值 “11:30” against it a C5 error: now compared as times of day.
"""

from __future__ import annotations

import datetime
import json

import openpyxl

from jixiao.checking.rules import load_catalogue
from jixiao.cli import main
from jixiao.core import numbers
from jixiao.core.values import parse_value
from jixiao.forms import KINDS, shown_value
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.scoring import score_form
from test_evaluation import _edit, clean as eval_clean, run as eval_run
from test_rules import both, clean, executed, run, top


# -- 1. a computed score said as its 0.00 cell shows it ---------------------------------------------------------
def _rate_35() -> dict:
    """5.6 budgeted, 2 spent: 执行率 35.714…%, 执行率得分 3.5714…, but 10 written and a 总分 of 100."""
    d = clean()
    both(executed(2), top(exec_rate="35.71%", exec_score=10, total_score=100))(d)
    return d


def test_d11_and_a4_say_the_score_as_the_cell_shows_it():
    found = {f.rule: f for f in run(_rate_35())}
    d11, a4 = found["D11"], found["A4"]
    assert "总分应为 93.57 分，等级优" in d11.message and "93.5714" not in d11.message
    assert "执行率得分 10 分 → 3.57 分" in d11.message
    assert a4.message.startswith("执行率得分应为 3.57 分（分值 10 分 × 执行率 35.71%），表中为 10 分")
    # the JSON keeps its figures: a program reads them (docs/outputs.md)
    assert (a4.expected, d11.expected, d11.found) == (3.5714, "93.5714（优）", 100)
    load_catalogue()
    assert shown_value(d11.field, d11.expected, d11.rule) == "93.57 分（优）"
    assert shown_value(a4.field, a4.expected, a4.rule) == "3.57 分"


def test_a_total_that_does_not_add_up_says_two_decimals_too():
    d = _rate_35()
    d.update(exec_score=None, total_score=95)      # the 执行率得分 formula's 3.5714… counts
    (d7,) = [f for f in run(d) if f.rule == "D7"]
    assert "总分应为 93.57 分（执行率得分 3.57 分 + 指标得分合计 90 分），表中为 95 分" in d7.message


def test_typed_scores_and_other_kinds_keep_what_the_cell_shows():
    """An indicator's 得分 is typed (format 常规): 6.6667 shows as 6.6667; a 部门整体 or 评价表 total is a General cell."""
    load_catalogue()
    assert shown_value("indicators[2].score", 6.6667, "D4") == "6.6667 分"
    assert shown_value("total_score", 93.5714, "F12") == "93.5714 分"    # 部门整体
    assert shown_value("total_score", 93.5714, "V8") == "93.5714 分"     # 评价表
    assert numbers.score_text(93.5714) == "93.5714 分" and numbers.score_text(93.5714, computed=True) == "93.57 分"


def test_score_shown_never_makes_two_apart_scores_read_alike():
    """Two scores more than 0.01 apart (``scores_apart``) never read the same at two decimals; half-up on the decimal."""
    assert [numbers.score_shown(x) for x in (99.895, 100, 93.571428571, 0.004, -0.001, 89.99)] == \
        ["99.9", "100", "93.57", "0", "0", "89.99"]
    for a in (93.5649, 93.575, 12.344999, 0.0):
        assert numbers.score_shown(a) != numbers.score_shown(a + 0.0101)


def test_summarize_lines_say_the_project_total_as_shown():
    s = score_form(parse_form(_rate_35()))
    (line,) = KINDS[0].summary_lines([{"project": "P", "year": 2022, "total": s.total, "grade": s.grade,
                                        "reviewed_total": s.total, "reviewed_grade": s.grade, "errors": 0, "warnings": 0}])
    assert "总分 93.57 分" in line and "复核 93.57 分" in line and "93.5714" not in line


# -- 2. V22: a 报告日期 that is no day, or not of the 评价年度 ----------------------------------------------------------
def _v22(date: str | None) -> list:
    return [f for f in eval_run(_edit(eval_clean(), report_date=date)) if f.rule == "V22"]


def test_v22_names_a_day_no_calendar_has():
    for written in ("2024年2月30日", "2024.13.1", "二〇二四年二月三十日"):
        (f,) = _v22(written)
        assert f.message == f"报告日期“{written}”不是日历上有的日期，请按评价报告的出具日期填写（如 2024年3月15日）"
        assert (f.field, f.severity, f.found) == ("report_date", "warning", written)


def test_v22_names_a_year_before_the_year_evaluated_or_long_after_it():
    (early,) = _v22("2022年12月1日")                     # the sample evaluates 2023
    assert "早于评价年度 2023 年" in early.message
    (late,) = _v22("2027年1月5日")
    assert "比评价年度 2023 年晚了 4 年" in late.message
    for fine in ("2024年3月15日", "2025-06-30", "2023年12月31日", "见评价报告"):
        assert _v22(fine) == [], fine


def test_v22_on_a_blank_is_as_before():
    """s64: a blank 报告日期 is V23, a hint while the form is filled (a warning in review), said with when to fill it."""
    assert not _v22(None)
    (f,) = [f for f in eval_run(_edit(eval_clean(), report_date=None)) if f.rule == "V23"]
    assert (f.severity, f.expected) == ("info", "填写评价报告的出具日期（如 2024年3月15日）")
    assert f.message == "报告日期未填写，表填完后、定稿报送前请填写评价报告的出具日期（如 2024年3月15日）"


# -- 3. a time of day as a 年度指标值 -----------------------------------------------------------------------------------
def _timed(target, actual, score=10) -> dict:
    d = clean()
    d["indicators"][2].update(name="每日报表报送时间", target=target, actual=actual, score=score)
    return d


def test_a_time_of_day_is_read_as_one():
    t = parse_value("12:00前办结")
    assert (t.kind, t.unit_dim, t.number, t.direction, t.shown()) == ("quantity", "clock", 720, "le", "12:00")
    assert parse_value("12:00:00").number == parse_value("≤12:00").number == 720      # an Excel time value; a bound
    assert parse_value("下午5:30前").shown() == "17:30"
    assert parse_value("师生比1:15").unit_dim != "clock"      # a ratio, no words of a time


def test_a_time_indicator_is_compared_not_left_unreadable():
    for target, actual in (("12:00前办结", "11:30"), ("12:00:00", "11:30:00"), ("≤12:00", "12:00")):
        s = score_form(parse_form(_timed(target, actual))).indicators[2]
        assert s.computed and s.score == 10, (target, actual, s.basis)
        assert "按期完成" in s.basis
        assert [f.rule for f in run(_timed(target, actual))] == []
    late = score_form(parse_form(_timed("12:00前办结", "13:00"))).indicators[2]
    assert late.computed and late.score == 9.17
    assert "晚于指标 12:00 60 分钟" in late.basis
    # before: “12:45前” against “12:00前” were both the number 12, on time
    assert parse_value("12:45前").number > parse_value("12:00前").number


def test_a_time_not_to_be_before_that_is_missed_is_left_to_the_filler_in_words():
    s = score_form(parse_form(_timed("8:30后开门", "8:00", score=6))).indicators[2]
    assert not s.computed and s.score == 6
    assert "时刻无法按完成率计算得分，由填报人按实际情况评分" in s.basis and "无法识别" not in s.basis


def test_a_bare_number_against_a_time_asks_for_the_time():
    (f,) = [f for f in run(_timed("12:00前", "11")) if f.field == "indicators[2].actual"]
    assert f.rule == "C15" and "应写完成的时刻（如“11:00”" in f.message and "11 时刻" not in f.message


def test_a_time_value_against_a_month_is_still_c5():
    (f,) = [f for f in run(_timed("≤3月", "12:00:00")) if f.field == "indicators[2].actual"]
    assert f.rule == "C5" and "单元格中只有时刻" in f.message


def test_time_cells_in_a_workbook_are_compared(tmp_path, capsys):
    """12:00 typed into cells formatted as time: Excel stores 0.5 and 11:30 as time values."""
    src = tmp_path / "f.json"
    src.write_text(json.dumps(_timed("=100%", "100%"), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    (r,) = [r for r in range(1, ws.max_row + 1) if ws[f"D{r}"].value == "每日报表报送时间"]
    ws[f"E{r}"].value, ws[f"E{r}"].number_format = 0.5, "h:mm"
    ws[f"F{r}"].value, ws[f"F{r}"].number_format = datetime.time(11, 30), "h:mm"
    wb.save(book)
    capsys.readouterr()
    assert main(["score", str(book), "--json"]) == 0
    (ind,) = [i for i in json.loads(capsys.readouterr().out)[0]["indicators"] if i["name"] == "每日报表报送时间"]
    assert ind["computed"] and ind["score"] == 10 and "完成时间 11:30 不晚于指标 12:00" in ind["basis"]
    assert main(["check", str(book), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# -- 4. the published report's R8: scores said with their 分 ---------------------------------------------------------
def test_report_check_says_a_short_score_with_its_unit(capsys):
    """大厂's report calls 12 projects “圆满完成”; R8 listed “得分 0 低于分值 15”, the one message that said a score bare."""
    from conftest import SAMPLES

    forms = [str(p) for p in SAMPLES if p.stem[:1].isdigit() and p.parent.name == "dachang-2022"]
    report = SAMPLES[0].parent.parent / "dachang-2022-report.md"
    main(["check", *forms, "--report", str(report), "--json"])
    r8 = [f["message"] for f in json.loads(capsys.readouterr().out) if f["rule"] == "R8"]
    assert r8 and all("低于分值" in m for m in r8)
    assert "指标“应补尽补率”得分 0 分低于分值 15 分" in r8[0]
    assert not any("得分 0 低于" in m for m in r8)


# -- 5. a 填报日期 no calendar has, taken for the 成文日期 ---------------------------------------------------------------
def test_report_says_a_filled_on_date_that_is_no_day(tmp_path, capsys):
    """“2023.2.30” in the 填报日期 (no 设置): the 报送函 printed 【待填写】 under the 落款 and nothing said why, where a
    成文日期 so written in the 设置 is said (``reports.render``)."""
    d = clean()
    d["filled_on"] = "2023.2.30"
    src = tmp_path / "f.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "取自评表的填报日期" in err and "写的是“2023.2.30”，不是实有的日期，文中标【待填写】" in err
    d["filled_on"] = "2023.3.1"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "out2")]) == 0
    assert "不是实有的日期" not in capsys.readouterr().err


def test_a_remembered_score_reads_as_one_worked_out_afresh():
    """``score_shown`` remembers its texts by value (issue #18): the second call of a value, an int beside its
    float, 0 and -0.0, gives what the decimal rounding of its cell gives."""
    import random

    from jixiao.core import numbers as N

    rnd = random.Random(63)
    values = [0, 0.0, -0.0, 100, 100.0, 99.895, 93.571428, 2.005, -3.5, 1e16] + \
        [round(rnd.uniform(-5, 110), rnd.choice((0, 1, 2, 3, 4, 6))) for _ in range(400)]
    for v in values:
        shown = N.as_shown(v, N.SCORE_FORMAT)
        fresh = shown.rstrip("0").rstrip(".") if "." in shown else shown
        assert N.score_shown(v) == fresh == N.score_shown(v), v
    assert N.score_shown(-0.0) == "0" and N.score_shown(0.004) == "0"
