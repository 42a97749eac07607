"""A county 农业农村局's 填报人 who had never seen the tool (session 63): last year's sheet copied in with
its year unchanged, 元 typed into the 万元 cells, rows deleted and inserted by hand, a project with no money.
Each test is one thing the buttons or the documents told that 填报人 wrong."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from jixiao.checking.run import check_paths


def _form(tmp_path: Path, name: str, **change) -> Path:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(change)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_executed_figure_typed_in_yuan_is_told_in_wan_not_capped_at_the_budget(tmp_path):
    """全年执行数 765000 (元) typed under an 80 万元 budget, in the total row and the 当年财政拨款 row: A5 said
    on both cells “应不超过全年预算数 80 万元”, 应为 80 万元 — the 当年财政拨款 cell had nothing else, and a
    填报人 typing 80 there made the error go, with 3.5 万元 spent that was never spent. Now A5 says what A16
    says of the total: it looks like 元, 应为 76.5 万元."""
    row = {"initial": 80, "annual": 80, "executed": 765000}
    path = _form(tmp_path, "元", funds={"total": row, "fiscal": row, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None)
    _batch, res = check_paths([path])
    a5 = {f.field: f for f in res.findings if f.rule == "A5"}
    assert set(a5) == {"funds.total.executed", "funds.fiscal.executed"}
    for f in a5.values():
        assert f.severity == "error" and f.expected == 76.5, (f.message, f.expected)
        assert "像是以元填写：应为 76.5 万元" in f.message and "应不超过全年预算数 80 万元" not in f.message
    assert a5["funds.fiscal.executed"].message == (
        "当年财政拨款的全年执行数 765000 万元超过全年预算数 80 万元（是它的约 9562 倍），像是以元填写：应为 76.5 万元")


def test_an_executed_figure_over_its_budget_in_wan_is_still_capped_at_the_budget(tmp_path):
    row = {"initial": 80, "annual": 80, "executed": 95}
    path = _form(tmp_path, "超支", funds={"total": row, "fiscal": row, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None)
    _batch, res = check_paths([path])
    [f, _] = [f for f in res.findings if f.rule == "A5"]
    assert f.expected == 80 and f.message == "年度资金总额的全年执行数应不超过全年预算数 80 万元，表中为 95 万元"


def test_report_of_a_workbook_with_last_years_sheet_copied_in_names_the_sheet(tmp_path):
    """Last year's form copied into this year's workbook, its 年度 unchanged, the 设置's 年度 left blank (as the
    template ships it: “留空时取自评表的年度”). 汇总 left the sheet out (3 projects, 1260 万元 in the clerk's
    book) and said so; 生成报告 said nothing and wrote “2024年度我单位纳入绩效自评的项目共4个”, its money and
    “自评表（4份）” with it — documents sent with a 汇总表 that counts 3. With the 设置's 年度 filled in, the
    same workbook was refused, naming the sheet's 年度 cell; now it is refused so with the 年度 blank too."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.cli import main

    forms = [_form(tmp_path, f"p{k}", year=2024 if k else 2023, project=f"项目{k}", filled_on="2025.3.1") for k in range(3)]
    book = tmp_path / "自评.xlsx"
    assert main(["fill", *map(str, forms), "-o", str(book)]) == 0
    out = tmp_path / "报告"
    said = buttons.report(FileHost(str(book)), outdir=str(out), draft=True)
    assert said.startswith("生成报告未完成："), said
    assert "2张自评表是2024年度，而“自评.xlsx”中“项目0”工作表 A2的年度是2023年度" in said, said
    assert "请将年度改为2024后再生成报告" in said
    assert not out.exists() or not any(out.iterdir())
    # forms all of one year: written as before
    same = [_form(tmp_path, f"q{k}", year=2024, project=f"项目{k}", filled_on="2025.3.1") for k in range(2)]
    book2 = tmp_path / "同年.xlsx"
    assert main(["fill", *map(str, same), "-o", str(book2)]) == 0
    assert buttons.report(FileHost(str(book2)), outdir=str(tmp_path / "报告2"), draft=True).startswith("已生成")


def test_a_project_with_no_budget_is_told_why_its_total_lacks_the_execution_points(tmp_path):
    """A project with no money this year: A1 said on the blank 全年预算数 “应填写金额（万元，没有的填 0）”, the
    填报人 typed 0 — and the 执行率 could not be worked out, its 10 points went to 0 and the 总分 to 90 with no
    word on any cell (the 汇总表 showed 90, the 图表 an empty bar). Now a warning on the 全年预算数 says so."""
    zero = {"initial": 0, "annual": 0, "executed": 0}
    path = _form(tmp_path, "无预算", funds={"total": zero, "fiscal": zero, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None)
    _batch, res = check_paths([path])
    [f] = [f for f in res.findings if f.rule == "A18"]
    assert (f.severity, f.field) == ("warning", "funds.total.annual")
    assert f.message.startswith("全年预算数为 0，执行率无法计算，执行率得分（分值 10 分）按 0 分计"), f.message
    assert f.found == 0
    # a budget: silent; so is a form whose 执行率 carries no points
    some = {"initial": 5, "annual": 5, "executed": 5}
    path = _form(tmp_path, "有预算", funds={"total": some, "fiscal": some, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None)
    assert not [f for f in check_paths([path])[1].findings if f.rule == "A18"]
    path = _form(tmp_path, "无分值", funds={"total": zero, "fiscal": zero, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None, funds_weight=0)
    assert not [f for f in check_paths([path])[1].findings if f.rule == "A18"]


def test_a_target_of_two_deadlines_is_met_by_the_last_and_asks_to_check():
    """“6月底、11月底前” (春防 by June, 秋防 by November), the 完成值 “2024年11月” as 校验's C5 had asked for a
    time: read as one deadline, June, it was “逾期 5 个月”, 1.67 of 10 分, and D4 an error telling the 填报人 to
    lower a 10 that may well be right. The deadlines listed are read by the last, as a span “6月-11月” is, and
    the score asks to be checked (D4 a warning): one time cannot say both campaigns were on time."""
    from jixiao.core.values import parse_value
    from jixiao.forms.project.scoring import score_indicator

    for target in ("6月底、11月底前", "6月底和11月底前", "6月、11月底前"):
        assert parse_value(target).number == 11, target
    s = score_indicator("6月底、11月底前", "2024年11月", 10)
    assert s.score == 10 and s.uncertain, s.basis
    assert "指标值列出了几个时限" in s.basis and "请核实" in s.basis, s.basis
    late = score_indicator("6月底、11月底前", "2024年12月", 10)
    assert late.score < 10 and late.uncertain
    # one deadline, or a span, as before
    assert not score_indicator("11月底前", "2024年11月", 10).uncertain
    assert score_indicator("3月-5月", "2024年6月", 10).score < 10
    assert parse_value("2024年6月、2024年11月").number == 11


def test_the_two_deadlines_on_the_clerks_form_are_no_error(tmp_path):
    path = _form(tmp_path, "两个时限", indicators=[
        {"level1": "产出指标", "level2": "时效指标", "name": "春秋防集中免疫完成时间", "target": "6月底、11月底前",
         "actual": "2022年11月", "weight": 10, "score": 10, "reason": None}])
    _batch, res = check_paths([path])
    assert not [f for f in res.findings if f.rule == "D4" and f.severity == "error"]


def test_report_of_two_forms_of_two_years_names_the_earlier_as_x8_does(tmp_path):
    """One form of each year: no “多为”; the 填报人 is told to make the earlier the later's year, as X8 and
    汇总 take the later on a tie."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.cli import main

    forms = [_form(tmp_path, f"t{k}", year=y, project=f"项目{k}", filled_on="2025.3.1")
             for k, y in enumerate((2024, 2023))]
    book = tmp_path / "两年.xlsx"
    assert main(["fill", *map(str, forms), "-o", str(book)]) == 0
    said = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "报告"), draft=True)
    assert "1张自评表是2024年度，而“两年.xlsx”中“项目1”工作表 A2的年度是2023年度" in said, said


# ----------------------------------------------------------------------------- the workbook itself
CLERK = Path(__file__).resolve().parent / "data" / "clerk_s63" / "农业农村局-2024.xlsx"


def _press(book: Path, out: Path, *buttons_in_order):
    """The buttons pressed one after another through the add-in's entry points, each on the workbook the one before
    saved (Excel keeps one workbook; a file host writes each step to a copy): what each message box said."""
    from jixiao.actions import FileHost

    said = []
    for k, press in enumerate(buttons_in_order):
        host = FileHost(str(book), str(out / f"{k}.xlsx"))
        said.append(press(host))
        host.save()
        book = out / f"{k}.xlsx"
    return said, book


def test_the_clerks_workbook_through_the_buttons(tmp_path):
    """农业农村局-2024.xlsx (made by LibreOffice doing what the 填报人 did, ``data/clerk_s63/build.py``) through
    计算, 校验, 汇总 and 生成报告, as the add-in runs them: the 当年财政拨款 typed in 元 is told in 万元, the
    report is refused naming last year's sheet, the project with no money is told why its 执行率 gives nothing."""
    import openpyxl

    import addin.buttons as buttons
    from jixiao.actions import FileHost

    said, book = _press(CLERK, tmp_path, buttons.calc, buttons.check, buttons.summarize)
    assert "“高标准农田”E7“1150万元”改为 1150" in said[0]
    listed = {(r[1], r[2], r[3]): r for r in openpyxl.load_workbook(tmp_path / "1.xlsx")["校验结果"]
              .iter_rows(values_only=True) if r[0] in ("错误", "警告")}
    assert listed[("A5", "人居环境整治", "E8")][6] == "76.5 万元"
    assert listed[("A5", "人居环境整治", "E7")][6] == listed[("A16", "人居环境整治", "E7")][6] == "76.5 万元"
    assert ("X8", "人居环境整治", "A2") in listed and ("D4", "动物防疫", "H18") not in listed
    report = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "报告"), draft=True)
    assert report.startswith("生成报告未完成：3张自评表是2024年度，") and "“人居环境整治”工作表 A2" in report
    # the 填报人 does as told: the year, the 元, the 完成值 in words; the project without money written 0
    wb = openpyxl.load_workbook(book)
    ws = wb["人居环境整治"]
    ws["A2"], ws["E7"], ws["E8"], ws["F17"] = 2024, 76.5, 76.5, "96%"
    wb["高标准农田"]["F15"] = "98%"
    wb["动物防疫"]["F18"] = "2024年11月"      # 春防 in June, 秋防 finished in November: on time
    ws = wb["农技推广培训"]
    ws["C7"], ws["D7"], ws["E7"], ws["F7"], ws["F16"], ws["G14"] = 0, 0, 0, 10, "96%", 30
    wb.save(tmp_path / "改正后.xlsx")
    said, book = _press(tmp_path / "改正后.xlsx", tmp_path / "again", buttons.calc, buttons.check)
    assert "错误 0 个" in said[1], said[1]
    listed = {(r[1], r[2], r[3]) for r in openpyxl.load_workbook(book)["校验结果"].iter_rows(values_only=True)}
    assert ("A18", "农技推广培训", "D7") in listed


def _merged_reason_book(tmp_path: Path) -> Path:
    """The clerk's 人居环境整治 (corrected) with two indicators short of their 分值 and one 偏差原因 written for both,
    merged over I14:I15 as published forms often have it."""
    import openpyxl

    wb = openpyxl.load_workbook(CLERK)
    for name in wb.sheetnames[1:]:
        if name != "设置":
            del wb[name]
    ws = wb["高标准农田"]
    ws.protection.sheet = False
    ws["E7"], ws["F15"], ws["H14"], ws["H15"] = 1150, "90%", 20, 18.95
    ws["F14"] = "2.1万亩"
    ws["E14"] = "≥2.2万亩"
    ws["H14"] = 19.09
    for ref in ("H16", "H17", "H18", "H19"):
        ws[ref] = 10
    ws["I14"] = "部分地块因征地纠纷未能开工；个别标段验收未通过，已整改。"
    ws.merge_cells("I14:I15")
    path = tmp_path / "合并的偏差原因.xlsx"
    wb.save(path)
    return path


def test_a_reason_merged_over_two_indicator_rows_is_the_reason_of_both(tmp_path):
    """One 偏差原因 merged over two indicator rows of the template: D6, an error, said on the lower row “应在
    “偏差原因分析及改进措施”中写明原因，表中为空白” beside the reason the 填报人 sees covering it — and blocked
    生成报告. A form in another layout read so already (“同一内容用于合并范围内的每个指标”); so is the template now,
    by the command and by the buttons."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost, read_host

    book = _merged_reason_book(tmp_path)
    _batch, res = check_paths([book])
    assert not [f for f in res.findings if f.rule == "D6"], [f.message for f in res.findings if f.rule == "D6"]
    [form] = read_host(FileHost(str(book))).of("project")
    assert form.form.indicators[1].reason == form.form.indicators[0].reason
    host = FileHost(str(book), str(tmp_path / "校验后.xlsx"))
    said = buttons.check(host)
    assert "错误 0 个" in said, said
