"""Values as the 填报人 typed them and newer Excel stored them (s67): the error values of Excel 365 (#SPILL!,
#CALC!, #FIELD!, #BLOCKED!, #BUSY!) on every path that reads a workbook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

from jixiao import actions
from jixiao.cli import main as cli_main

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from hostile import err_cell  # noqa: E402
from test_robust import _book  # noqa: E402

NEWER = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!")


def _check_json(path: Path, capsys) -> tuple[int, list[dict]]:
    capsys.readouterr()
    rc = cli_main(["check", str(path), "--json"])
    return rc, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("error", NEWER)
def test_a_newer_error_value_is_told_on_its_cell_not_a_sheet_unread(tmp_path, capsys, error):
    """python-calamine 0.9 refuses any error value but the seven older ones (“Unsupported cell error value
    '#SPILL!'”): one #SPILL! anywhere made the whole form “工作表无法读取（文件格式错误或已损坏）” (X1, exit 2, not
    in the 汇总). Now the form is read and the cell said as an error value, as #DIV/0! is."""
    book = _book(tmp_path, "表.xlsx", lambda x: err_cell(x, "F15", error))
    before = book.read_bytes()
    rc, found = _check_json(book, capsys)
    assert not [f for f in found if "无法读取" in f["message"]], found
    at_f15 = [f["message"] for f in found if f["cell"] == "F15"]
    assert at_f15 and all(f"表中为错误值 {error}" in m for m in at_f15), at_f15
    assert rc == 1
    assert book.read_bytes() == before       # the input untouched: calamine reads a copy made in memory
    score = _book(tmp_path, "得分.xlsx", lambda x: err_cell(x, "H14", error))     # the 执行率 得分 cell
    rc, found = _check_json(score, capsys)
    assert rc == 2 and [f["message"] for f in found if f["cell"] == "H14"] == [f"得分应为数字，现为“{error}”"], found


def test_the_copies_keep_a_newer_error_value_one(tmp_path, capsys):
    """The annotated copy and the 计算 copy (openpyxl) keep a #SPILL! cell an error value: read again, the copy
    says “表中为错误值 #SPILL!” on the cell as the original does (not the text “#SPILL!”)."""
    book = _book(tmp_path, "表.xlsx", lambda x: err_cell(x, "F15", "#SPILL!"))
    title = openpyxl.load_workbook(book, read_only=True).sheetnames[0]
    said = {f["cell"]: f["message"] for f in _check_json(book, capsys)[1] if f["cell"] == "F15"}
    assert "表中为错误值 #SPILL!" in said["F15"], said
    for args, out in ((["check", str(book), "--annotate"], tmp_path / "标注.xlsx"),
                      (["calc", str(book), "-o"], tmp_path / "计算.xlsx")):
        cli_main([*args, str(out)])
        cell = openpyxl.load_workbook(out)[title]["F15"]
        assert cell.data_type in ("e", "f"), (out, cell.data_type, cell.value)
        again = {f["cell"]: f["message"] for f in _check_json(out, capsys)[1] if f["cell"] == "F15"}
        assert "表中为错误值 #SPILL!" in again.get("F15", ""), (out, again)


def test_the_check_button_says_a_newer_error_value_as_the_command_does(tmp_path):
    """Through xlwings 0.37.8 a #SPILL! cell reaches the add-in as Excel's number for it (-2146826243: its
    ``cell_errors`` holds the seven older ones only, ``_xlwindows._clean_value_data_element`` returns any other
    int as it is): the 校验 button read the 实际完成值 as that number. The stand-in gives it so (checked against
    xlwings' source, not in a real Excel)."""
    from test_addin_pages_again_s60 import _excel

    book = _book(tmp_path, "表.xlsx", lambda x: err_cell(x, "F15", "#SPILL!"))
    values = openpyxl.load_workbook(book, data_only=True)
    assert values.worksheets[0]["F15"].value == "#SPILL!"
    host = _excel(openpyxl.load_workbook(book), values)
    title = values.sheetnames[0]
    assert host.book.sheets[title].range((15, 6)).options(err_to_str=True).value == [[-2146826243]]
    host.path, host.plans = str(book), []
    host.apply = host.plans.append
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(actions.FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    said = {(f.cell, f.rule, f.message) for f in in_excel.findings}
    at_f15 = [m for c, _r, m in said if c == "F15"]
    assert at_f15 and all("错误值 #SPILL!" in m for m in at_f15), at_f15
    assert said == {(f.cell, f.rule, f.message) for f in on_file.findings}


def test_the_score_function_reads_a_newer_error_value_as_no_value():
    """JX_SCORE got a #CALC! 完成值 as the number -2146826238 and scored it; the file's reader reads the error."""
    from addin.udfs import JX_SCORE

    assert JX_SCORE("≥95%", -2146826238, 10) == JX_SCORE("≥95%", "#CALC!", 10) == ""
    assert JX_SCORE("≥95%", 96, 10) == 10


# ----------------------------------------------------------------------------- ratios with a bound, no naming word

from jixiao.core.values import parse_value  # noqa: E402
from jixiao.forms.project.scoring import score_indicator  # noqa: E402


@pytest.mark.parametrize("text, number, direction", [("1:10以上", 10, "ge"), ("不低于1:8", 8, "ge"), ("≥1:5", 5, "ge"),
                                                      ("1:2以下", 2, "le"), ("高于1:3", 3, "gt")])
def test_a_ratio_with_a_bound_and_no_naming_word_is_a_ratio(text, number, direction):
    """“1:10以上” and “不低于1:8” were the number 1 with text around it (C12 “只有数字”, against “1:12” 单位不一致)."""
    v = parse_value(text)
    assert (v.unit_dim, v.number, v.direction, v.extra_text) == ("proportion", number, direction, False), v


@pytest.mark.parametrize("text", ["1:30前", "下午1:30前", "17:30前", "12:00"])
def test_a_time_of_day_with_words_stays_one(text):
    assert parse_value(text).unit_dim == "clock"


@pytest.mark.parametrize("target, actual, met", [("≥1:5", "1:4", True), ("1:10以上", "1:8", True),
                                                 ("不低于1:8", "1:10", False), ("1:2以下", "1:3", True),
                                                 ("≤1:2", "1:1", False), ("高于1:3", "1:3", False)])
def test_a_ratio_bound_is_met_by_the_larger_or_smaller_ratio(target, actual, met):
    """A ratio against a bound on it is compared by its size, first term over second (1:4 is 0.25, more than 1:5):
    “≥1:5” against “1:4” was “比例的高低没有统一的好坏”, the written score kept, and “1:10以上” 单位不一致. Met, it
    gets full marks to be checked (some write “1:3以上” of the second term); not met, the 填报人 scores it."""
    r = score_indicator(target, actual, 10, 7, name="比例")
    assert "按前项与后项之比" in r.basis and "单位不一致" not in r.basis, r.basis
    if met:
        assert (r.score, r.computed, r.uncertain) == (10, True, True), r.basis
        assert "请核实" in r.basis
    else:
        assert (r.score, r.computed) == (7, False) and "未达到" in r.basis, r.basis


def test_the_same_ratio_meets_its_bound_without_a_doubt():
    r = score_indicator("1:10以上", "1:10", 10, 7, name="师生比")
    assert (r.score, r.computed, r.uncertain) == (10, True, False), r.basis


# ----------------------------------------------------------------------------- a 指标值 typed as a time

@pytest.mark.parametrize("target, actual, name, score", [
    ("2:30", "2小时", "响应时长", 10), ("≤2:30", "3小时", "响应时长", 8), ("2:30", "2", "响应时长（小时）", 10),
    ("≤1:30", "80分钟", "处置时间", 10), ("1:30以内", "100分钟", "处置时间", 8.89), ("≤2:30", "2:00", "响应时长（小时）", 10)])
def test_a_target_typed_as_a_time_is_the_span_its_actual_or_name_says(target, actual, name, score):
    """“2:30” against “2小时” was a time of day 02:30 (“1:30” the ratio 1:30): 单位不一致, the written score kept.
    The 完成值's unit (小时, 分钟) or the name's (“（小时）”) says it is a span: 2.5 小时."""
    r = score_indicator(target, actual, 10, 7, name=name)
    assert r.computed and r.score == score, r.basis
    assert "是用冒号写的时间，按时长" in r.basis, r.basis


def test_a_target_typed_as_a_time_alone_stays_a_time_of_day():
    r = score_indicator("17:30", "17:00", 10, 7, name="每日报送")
    assert r.computed and "时效指标" in r.basis and "时长" not in r.basis, r.basis


# ----------------------------------------------------------------------------- spans in 天 typed with a colon

@pytest.mark.parametrize("target, actual", [("≤3天", "1:12"), ("≤3个工作日", "1:12"), ("≤2天", "01:12:00")])
def test_a_colon_span_against_days_is_no_number_guessed(target, actual):
    """“1:12” against “≤3天” was the ratio 1:12 (单位不一致): 1 天 12 小时 (1.5 天) or 1 小时 12 分钟 (0.05 天)?
    No number is guessed; the basis says which two."""
    r = score_indicator(target, actual, 10, 7, name="办结时限")
    assert (r.score, r.computed) == (7, False), r.basis
    assert "看不出是 1 " in r.basis and "还是 1 小时 12 分钟" in r.basis, r.basis


def test_a_colon_span_no_day_reading_fits_is_hours_and_minutes():
    """“1:30” cannot be 1 天 30 小时: it is 1.5 小时, 0.0625 天."""
    r = score_indicator("≤3天", "1:30", 10, 7, name="办结时限")
    assert (r.score, r.computed) == (10, True), r.basis


def _checked(tmp_path, capsys, rows: dict[int, tuple[str, str, str]], formats: dict[str, object] | None = None):
    from test_ratio_typed_s65 import _base

    book = _base(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for r, (name, target, actual) in rows.items():
        ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = name, target, actual
        ws[f"E{r}"].number_format = ws[f"F{r}"].number_format = "@"
    for ref, value in (formats or {}).items():
        ws[ref].value = value
        if not isinstance(value, (int, float)):
            ws[ref].number_format = "h:mm"
    wb.save(book)
    return _check_json(book, capsys)[1]


def test_check_asks_for_a_colon_span_against_days_written_plainly(tmp_path, capsys):
    """C6 said “实际完成值应与指标值“≤3天”同单位（天），表中为“1:12”（比）”, the 指标值 “1:12” beside “1天” was told
    to make the 完成值 a ratio, and a time cell 01:12 was read as the ratio 1:12 with an X2 saying so. Now each
    asks which span it is (1 天 12 小时 or 1 小时 12 分钟), on the cell that holds it."""
    import datetime

    found = _checked(tmp_path, capsys, {15: ("审批时长", "≤3天", "1:12"), 16: ("办结时限", "1:12", "1天"),
                                        20: ("办理时长", "≤2天", "")}, {"F20": datetime.time(1, 12)})
    at = {f["cell"]: f for f in found if f["cell"] in ("F15", "E16", "F16", "F20")}
    assert at["F15"]["rule"] == "C5" and "看不出是 1 天 12 小时还是 1 小时 12 分钟" in at["F15"]["message"], at
    assert "“1.5天”或“1.2小时”" in at["F15"]["message"], at["F15"]
    assert at["E16"]["rule"] == "C6" and "年度指标值“1:12”是用冒号写的时长" in at["E16"]["message"], at
    assert "F16" not in at, at
    assert at["F20"]["rule"] == "C5" and "看不出是 1 天 12 小时" in at["F20"]["message"], at
    assert not [f for f in found if f["cell"] == "F20" and "比例" in f["message"]], found


def test_check_says_how_a_target_typed_as_a_time_was_read(tmp_path, capsys):
    found = _checked(tmp_path, capsys, {15: ("响应时长", "≤2:30", "2小时"), 16: ("处置时长（分钟）", "≤1:30", "80"),
                                        17: ("师生比", "1:10以上", "1:12"), 18: ("配套比例", "≥1:5", "1:4")},
                     {"G18": 10, "H18": 8})
    d4 = [f for f in found if f["cell"] == "H18"]
    assert [(f["rule"], f["severity"]) for f in d4] == [("D8", "warning")], d4     # met by size: to be checked
    assert "请核实" in d4[0]["message"], d4
    c12 = {f["cell"]: f["message"] for f in found if f["rule"] == "C12"}
    assert "按时长 2.5 小时读，应写作“≤2.5小时”" in c12["E15"], c12
    assert "指标名称写明以“分钟”计，按时长 90 分钟读，应写作“≤90分钟”" in c12["E16"], c12
    assert "E17" not in c12, c12                   # “只有数字” of a ratio with its bound
    assert not [f for f in found if f["cell"] in ("F15", "F16", "F17") and f["rule"] == "C6"], found


def test_a_project_list_holding_a_spill_is_read(tmp_path):
    """A bureau's 项目清单 made with UNIQUE or FILTER holds #SPILL! where a result was blocked: ``review --expected``
    said “项目清单无法打开（文件格式错误或已损坏）” and the whole review stopped. Now the list is read, the cell blank."""
    import openpyxl as ox

    from jixiao.review.expected import read_expected

    wb = ox.Workbook()
    ws = wb.active
    ws.append(["项目名称", "实施单位"])
    ws.append(["城乡居民医疗救助", "县医疗保障局"])
    ws.append(["退役军人辅助性岗位经费", "县退役军人事务局"])
    ws["C2"] = "#SPILL!"
    ws["C2"].data_type = "e"          # what Excel stored of =UNIQUE(…): the cells below were not empty
    wb.save(tmp_path / "清单.xlsx")
    import zipfile

    assert b't="e"' in zipfile.ZipFile(tmp_path / "清单.xlsx").read("xl/worksheets/sheet1.xml")
    got = read_expected(tmp_path / "清单.xlsx")
    assert sorted(p for due in got.projects.values() for p in due.values()) == ["城乡居民医疗救助", "退役军人辅助性岗位经费"]


def test_c15_says_a_colon_span_against_days_in_hours(tmp_path, capsys):
    """“1:30” against “≤3天” is 1 小时 30 分钟 (no day has 30 hours): C15 asks for “1.5小时”, not “0.0625天”."""
    found = _checked(tmp_path, capsys, {15: ("审批时长", "≤3天", "1:30")})
    c15 = [f["message"] for f in found if f["rule"] == "C15" and f["cell"] == "F15"]
    assert c15 and "按时长 1.5 小时（0.0625 天）读，应写作“1.5小时”" in c15[0], c15


def test_a_target_time_cell_beside_minutes_is_no_ratio(tmp_path, capsys):
    """“1:30” typed into a 指标值 cell not formatted as text is stored as the time 01:30; beside a 完成值 “80分钟” it
    was read back as the ratio 1:30 with an X2 “按比例读” (``reading.time_cells``). The 完成值 says it is a span:
    90 分钟, no ratio note."""
    import datetime

    found = _checked(tmp_path, capsys, {16: ("处置时长", "", "80分钟")}, {"E16": datetime.time(1, 30)})
    at = [(f["rule"], f["message"]) for f in found if f["cell"] == "E16"]
    assert not [m for _r, m in at if "比例" in m], at
    assert [m for r, m in at if r == "C12" and "按时长 90 分钟读" in m], at


@pytest.mark.parametrize("target, actual, score", [("≤1:30", "1:20", 10), ("≤1:30", "1:40", 8.89)])
def test_two_colon_spans_of_a_duration_are_spans(target, actual, score):
    """“处理时长” “≤1:30” against “1:40”: both read as ratios, 1:40 the smaller, “不高于”: full marks for ten minutes
    over. A duration's name makes both spans (hours and minutes; minutes and seconds would compare alike)."""
    r = score_indicator(target, actual, 10, 7, name="处理时长")
    assert (r.score, r.computed) == (score, True) and "比例" not in r.basis, r.basis


def test_a_bound_ratio_in_a_deadline_is_not_compared_by_size():
    """“办结时限” “≤1:30” may be a time: no full marks by the ratios' size, the 填报人 scores it as before."""
    r = score_indicator("≤1:30", "1:40", 10, 7, name="办结时限")
    assert (r.score, r.computed) == (7, False) and "按前项与后项之比" not in r.basis, r.basis
