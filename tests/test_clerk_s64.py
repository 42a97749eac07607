"""A county 教育局's 填报人 (session 64) typing into the shipped template in LibreOffice and pressing the five
buttons. Each test is one thing the buttons or the printout told that 填报人 wrong."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from jixiao.checking.run import check_paths

DATA = Path(__file__).resolve().parent / "data" / "clerk_s64"
ABOVE_TOTAL = DATA / "教育局-插在总分上方.xlsx"


def test_a_row_inserted_right_above_the_total_is_named_as_outside_the_total_formulas():
    """Seven indicators filled, then an eighth in a row inserted right above 总分 (row 34; X7 itself advised
    “请在总分行上方插入一行”): the template's G35/H35 sum G14:G33 / H14:H33, so the sheet showed 分值 95 and
    总分 94.5. 校验 said only B2 “G35 应为 100 分，表中为 95 分” and D7 “H35 应为 99.5 分” — on cells that
    hold the template's formulas, which the 填报人 would type over — and never why. Now an X7 error on the row
    says it is outside the formulas and that 计算 puts it in, listed before the totals it causes."""
    _batch, res = check_paths([ABOVE_TOTAL])
    x7 = [f for f in res.findings if f.rule == "X7"]
    assert len(x7) == 1, [(f.rule, f.cell, f.message) for f in res.findings]
    f = x7[0]
    assert f.severity == "error" and f.cell == "D34", (f.cell, f.message)
    assert "第 34 行" in f.message and "资助育人活动场次" in f.message, f.message
    assert "G14:G33" in f.message and "G35" in f.message and "H35" in f.message, f.message
    assert "计算" in f.message, f.message
    order = [g.rule for g in res.findings]
    assert order.index("X7") < min(order.index(r) for r in ("B2", "D7") if r in order), order


def test_calc_puts_the_row_into_the_total_formulas(tmp_path):
    """计算 left G35/H35 as they were (分值 95, 总分 94.5 on the sheet, the 汇总表 and the 定稿 with them);
    now it writes the template's formulas over all the indicator rows read, stores their results, and says
    so; 校验 of the copy finds neither the X7 nor the totals it caused."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    out = tmp_path / "计算后.xlsx"
    host = FileHost(str(ABOVE_TOTAL), str(out))
    said = buttons.calc(host)
    host.save()
    assert "G35" in said and "H35" in said and "第 14–34 行" in said, said
    ws = openpyxl.load_workbook(out)["项目支出绩效自评表"]
    assert "G14:G34" in ws["G35"].value and "H14:H34" in ws["H35"].value, (ws["G35"].value, ws["H35"].value)
    stored = openpyxl.load_workbook(out, data_only=True)["项目支出绩效自评表"]
    assert stored["G35"].value == 100 and abs(stored["H35"].value - 99.5) < 1e-9, (stored["G35"].value,
                                                                                      stored["H35"].value)
    _batch, res = check_paths([out])
    assert not [f for f in res.findings if f.rule in ("X7", "B2", "D7", "D11")], \
        [(f.rule, f.cell, f.message) for f in res.findings]


def test_the_below_total_advice_does_not_send_the_filler_above_the_total_row():
    """X7's catalogue text told a 填报人 with an indicator under the 说明 to “在总分行上方插入一行” — the one row
    the template's formulas do not reach."""
    from jixiao.core.findings import BELOW_TOTAL, READING_CODES

    [(_code, _sev, _title, text)] = [c for c in READING_CODES if c[0] == BELOW_TOTAL]
    assert "在总分行上方插入一行" not in text, text


def test_calc_widens_the_red_mark_of_the_weights_total_with_its_formula(tmp_path):
    """The template marks G35 red where Σ分值 ≠ 100, reading the rows by an absolute range ($G$14:$G$33) the
    inserted row did not widen either: after 计算 made the formula sum 100, LibreOffice still showed (and
    printed) G35 red. Now the mark reads the rows the formula does."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    out = tmp_path / "计算后.xlsx"
    host = FileHost(str(ABOVE_TOTAL), str(out))
    buttons.calc(host)
    host.save()
    ws = openpyxl.load_workbook(out)["项目支出绩效自评表"]
    rules = [f for cf, rs in ws.conditional_formatting._cf_rules.items() if str(cf.sqref) == "G35"
             for r in rs for f in r.formula]
    assert rules and all("$G$14:$G$34" in f and "$G$33" not in f for f in rules), rules


def test_excel_modifies_the_expression_format_that_reads_the_old_range():
    """The add-in's ``WidenRule``: Excel's ``FormatCondition.Modify`` given the formula with the range widened, on
    the expression format that reads it only (a stand-in answers the object model; not run in Excel)."""
    from types import SimpleNamespace

    from addin.host import XlwingsHost

    class Condition:
        def __init__(self, formula: str, kind: int = 2) -> None:
            self.Formula1, self.Type, self.modified = formula, kind, None

        def Modify(self, kind, operator, formula):   # noqa: N802 - Excel's name
            self.modified = (kind, operator, formula)

    old = "=AND(COUNT($F$7,$G$14:$G$33)>0,OR(SUM($F$7,$G$14:$G$33)<>100,N($G$35)<>SUM($F$7,$G$14:$G$33)))"
    mine, other = Condition(old), Condition("=G35>0")
    conditions = SimpleNamespace(Count=2, Item=lambda i: (mine, other)[i - 1])
    XlwingsHost._widen_rule(SimpleNamespace(api=SimpleNamespace(FormatConditions=conditions)), "$G$14:$G$33", "$G$14:$G$34")
    assert mine.modified == (2, None, old.replace("$G$14:$G$33", "$G$14:$G$34")) and other.modified is None


def _nutrition(tmp_path: Path, budget: float, executed: float) -> Path:
    """The 营养改善计划 of the 教育局's workbook as a JSON form: no indicator in 万元 (its cost is “≤5元/天”), so
    nothing on the form shows what its 万元 figures should be near."""
    import json

    row = {"initial": budget, "annual": budget, "executed": executed}
    form = {"form": "项目支出绩效自评表", "year": 2024, "project": "农村义务教育学生营养改善计划",
            "authority": "某县教育局", "unit": "某县教育局",
            "funds": {"total": row, "fiscal": row, "carryover": {}, "other": {}}, "funds_weight": 10,
            "goal_expected": "为农村义务教育学生提供营养膳食补助，受益学生6000人。", "goal_actual": "受益学生6050人。",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "受益学生人数", "target": "≥6000人",
                 "actual": "6050人", "weight": 30, "score": 30},
                {"level1": "产出指标", "level2": "成本指标", "name": "生均补助标准", "target": "≤5元/天",
                 "actual": "5元/天", "weight": 20, "score": 20},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "学生营养状况改善率", "target": "≥5%",
                 "actual": "6%", "weight": 30, "score": 30},
                {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "家长满意度", "target": "≥90%",
                 "actual": "95%", "weight": 10, "score": 10}]}
    path = tmp_path / f"营养{budget}.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_budget_of_a_hundred_billion_yuan_typed_in_yuan_is_told(tmp_path):
    """1,200,000 元 (120 万元) typed into the 万元 cells of a form with no 万元 indicator: A16 found no figure to
    compare it with and said nothing; the 汇总表 summed 1,200,360 万元 (120 亿元) for a county 教育局 and the
    报告 wrote “全年预算数合计1200360.00万元” with no 【待核实】. A figure of 100 亿元 or more is no county
    project's: now A16 says so, and what it is in 万元."""
    _batch, res = check_paths([_nutrition(tmp_path, 1200000, 1188000)])
    a16 = {f.field: f for f in res.findings if f.rule == "A16"}
    assert set(a16) == {"funds.total.initial", "funds.total.annual", "funds.total.executed"}, \
        [(f.rule, f.field, f.message) for f in res.findings]
    f = a16["funds.total.annual"]
    assert f.severity == "warning" and f.expected == 120, (f.expected, f.message)
    assert "像是以元填写：应为 120 万元" in f.message and "120 亿元" in f.message, f.message
    # a large county project in 万元 (5 亿元) is no 元
    _batch, res = check_paths([_nutrition(tmp_path, 50000, 49800)])
    assert not [f for f in res.findings if f.rule == "A16"]


def test_the_department_form_with_a_row_inserted_above_its_total_is_told_and_mended_by_calc(tmp_path):
    """The 部门整体 form's 总分 row sums H11:H30 / I11:I30 the same way: a row inserted right above it left its
    2 分 out (F2 “应为 100 分，表中为 98 分”, F12, and no word why). Now X7 names the row and 计算 widens the
    formulas, and says it changed them (it said “没有改动” of a workbook of this form alone)."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    book = DATA / "部门整体-插在总分上方.xlsx"
    _batch, res = check_paths([book])
    [f] = [f for f in res.findings if f.rule == "X7"]
    assert f.cell == "E31" and "H11:H30" in f.message and "H32、I32" in f.message, (f.cell, f.message)
    out = tmp_path / "计算后.xlsx"
    host = FileHost(str(book), str(out))
    said = buttons.calc(host)
    host.save()
    assert "已把 H32、I32 的公式改为合计第 11–31 行（分值合计 100 分、总分 97 分）" in said and "，没有改动" not in said, said
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert "H11:H31" in ws["H32"].value and "I11:I31" in ws["I32"].value
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert (stored["H32"].value, stored["I32"].value) == (100, 97)
    _batch, res = check_paths([out])
    assert not [f for f in res.findings if f.rule in ("X7", "F2", "F12")], \
        [(f.rule, f.cell, f.message) for f in res.findings]


def test_a_score_to_lower_with_a_blank_reason_asks_for_the_reason_in_the_same_message(tmp_path):
    """H14 15 分 of 15 (1950 of ≥2000 人次), 偏差原因 blank: D4 said “应为 14.63 分” and nothing more; the 填报人
    typed 14.63, pressed 校验 again and met a new error, D6 “扣了 0.37 分，应在偏差原因…中写明原因”. The D4
    message now says so at once (and not where the reason is written, or the score is raised)."""
    import json

    from conftest import SAMPLES

    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d["indicators"] = [
        {"level1": "产出指标", "level2": "数量指标", "name": "资助学生人次", "target": "≥2000人次",
         "actual": "1950人次", "weight": 15, "score": 15},
        {"level1": "产出指标", "level2": "数量指标", "name": "资助学校数", "target": "≥20所",
         "actual": "19所", "weight": 15, "score": 15, "reason": "一所学校撤并。"},
        {"level1": "产出指标", "level2": "质量指标", "name": "资助对象识别准确率", "target": "≥95%",
         "actual": "98%", "weight": 20, "score": 18, "reason": "无"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "资助政策知晓率", "target": "≥90%",
         "actual": "88%", "weight": 30, "score": 30},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "受助学生满意度", "target": "≥90%",
         "actual": "93%", "weight": 10, "score": 10}]
    path = tmp_path / "资助.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    _batch, res = check_paths([path])
    d4 = {f.field: f.message for f in res.findings if f.rule == "D4"}
    want = "改为 14.63 分后扣了 0.37 分，还应在“偏差原因分析及改进措施”中写明原因"
    assert d4["indicators[0].score"].endswith(want), d4
    assert "还应在" not in d4["indicators[1].score"], d4          # its reason is written
    assert "还应在" not in d4["indicators[2].score"], d4          # raised to full: no deduction to explain
    assert d4["indicators[3].score"].endswith("改为 29.33 分后扣了 0.67 分，还应在“偏差原因分析及改进措施”中写明原因"), d4
    assert not [f for f in res.findings if f.rule == "D6" and f.field == "indicators[0].reason"]


def test_summarize_counts_the_row_the_total_formulas_left_out(tmp_path):
    """汇总 links the 项目明细's 自评得分 to H35: with the inserted row outside H35's formula the 汇总表 counted
    94.5 for a form whose rows add up to 99.5, as LibreOffice showed it on opening. 汇总 now widens the
    formulas as 计算 does and says so; recalculated by LibreOffice, the row says 99.5."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.excel.office import convert

    out = tmp_path / "汇总后.xlsx"
    host = FileHost(str(ABOVE_TOTAL), str(out))
    said = buttons.summarize(host)
    host.save()
    assert "已把 G35、H35 的公式改为合计第 14–34 行（分值合计 100 分、总分 99.5 分）" in said, said
    again = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True)
    head, row = [r for r in again["项目明细"].iter_rows(min_row=2, max_row=3, values_only=True)]
    assert row[head.index("自评得分")] == 99.5 and again["项目支出绩效自评表"]["H35"].value == 99.5, row


EVAL_ABOVE_TOTAL = DATA / "评价表-插在总计上方.xlsx"


def test_the_evaluation_form_with_a_row_inserted_above_its_total_is_told():
    """The 评价表's 总计 row sums I8:I20 / J8:J20, and its last 一级/二级 得分 (C19, F19) J19:J20: a 14th 三级指标
    in a row inserted right above 总计 (row 21, saved by LibreOffice) was left out of all four, so the sheet
    showed 分值 95, 得分 89 and 等级 良 where the rows make 100, 93 and 优. 校验 said only V4 “应为 100 分，表中为
    95 分” and V8 “应为 93 分”, on the template's formulas, and never why. Now X7 names the row and the cells."""
    _batch, res = check_paths([EVAL_ABOVE_TOTAL])
    [f] = [f for f in res.findings if f.rule == "X7"]
    assert f.severity == "error" and f.cell == "G21", (f.cell, f.message)
    assert "第 21 行" in f.message and "可持续影响" in f.message and "不在总计行公式的范围内" in f.message, f.message
    assert "I22、J22 的公式只合计第 8–20 行（I8:I20、J8:J20）" in f.message and "C19、F19" in f.message, f.message
    order = [g.rule for g in res.findings]
    assert order.index("X7") < min(order.index(r) for r in ("V4", "V8")), order


@pytest.mark.libreoffice
def test_calc_widens_the_evaluation_form_totals_and_libreoffice_agrees(tmp_path):
    """计算 left I22/J22 (and C19/F19) as they were. Now it widens them to the rows read and says so; the copy's
    stored results are the ones LibreOffice computes on opening it (100, 93, 优; 项目效益 17), and 校验 of the
    copy finds neither the X7 nor the V4/V8 it caused."""
    import addin.buttons as buttons
    from conftest import need_libreoffice
    from jixiao.actions import FileHost
    from jixiao.excel.office import convert

    out = tmp_path / "计算后.xlsx"
    host = FileHost(str(EVAL_ABOVE_TOTAL), str(out))
    said = buttons.calc(host)
    host.save()
    assert ("第 21 行不在总计行公式的范围内，已把 I22、J22 的公式改为合计第 8–21 行（分值合计 100 分、总计得分 93 分），"
            "C19、F19 改为合计第 19–21 行") in said, said
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [ws[c].value for c in ("I22", "J22", "C19", "F19")] == [
        '=IF(COUNT(I8:I21)=0,"",SUM(I8:I21))', '=IF(COUNT(J8:J21)=0,"",SUM(J8:J21))',
        '=IF(COUNT(J19:J21)=0,"",SUM(J19:J21))', '=IF(COUNT(J19:J21)=0,"",SUM(J19:J21))']
    assert ws["C15"].value == '=IF(COUNT(J15:J18)=0,"",SUM(J15:J18))'   # a group the row is not in stays
    # the red “分值 ≠ Σ三级分值” of 项目效益/项目效果 (B19, E19: 20 red over rows making 5 + 10 + 5) reads the row too
    marks = {str(cf.sqref): r.formula[0] for cf in ws.conditional_formatting for r in cf.rules}
    assert [marks[c] for c in ("B19:B21", "E19:E21")] == ["AND(ISNUMBER($B$19),ABS($B$19-SUM($I$19:$I$21))>0.001)",
                                                          "AND(ISNUMBER($E$19),ABS($E$19-SUM($I$19:$I$21))>0.001)"]
    assert marks["B15:B18"] == "AND(ISNUMBER($B$15),ABS($B$15-SUM($I$15:$I$18))>0.001)"
    cells = ("I22", "J22", "K22", "C19", "F19", "C15")
    stored = openpyxl.load_workbook(out, data_only=True).worksheets[0]
    assert [stored[c].value for c in cells] == [100, 93, "优", 17, 17, 29]
    _batch, res = check_paths([out])
    assert not [f for f in res.findings if f.rule in ("X7", "V4", "V8")], [(f.rule, f.cell, f.message) for f in res.findings]
    need_libreoffice()
    again = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True).worksheets[0]
    assert [again[c].value for c in cells] == [stored[c].value for c in cells]


def _detail_counts(book: Path) -> tuple[object, object]:
    """(错误数, 警告数) of the 项目明细's one row."""
    ws = openpyxl.load_workbook(book, data_only=True)["项目明细"]
    head, row = [r for r in ws.iter_rows(min_row=2, max_row=3, values_only=True)]
    return row[head.index("错误数")], row[head.index("警告数")]


def test_summarize_counts_the_errors_left_after_widening_the_total_formulas(tmp_path):
    """After 汇总 had widened G35/H35, the 项目明细 still said 错误数 3 — X7 and the B2/D7 the short formulas
    caused, found before the edit — where 校验 of the saved book found none. 汇总 now counts the form as its
    own edit left it: the button and ``summarize -o`` alike, the 警告数 as 校验 then counts it too."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.cli import main

    _batch, before = check_paths([ABOVE_TOTAL])
    assert sum(f.severity == "error" for f in before.findings) == 3, [(f.rule, f.cell) for f in before.findings]
    out = tmp_path / "汇总后.xlsx"
    host = FileHost(str(ABOVE_TOTAL), str(out))
    buttons.summarize(host)
    host.save()
    by_cli = tmp_path / "汇总-o.xlsx"
    assert main(["summarize", str(ABOVE_TOTAL), "-o", str(by_cli)]) in (0, 1)
    for book in (out, by_cli):
        _batch, after = check_paths([book])
        mine = [f for f in after.findings if f.sheet == "项目支出绩效自评表"]
        want = (sum(f.severity == "error" for f in mine), sum(f.severity == "warning" for f in mine))
        assert want[0] == 0, [(f.rule, f.cell, f.message) for f in mine]
        assert _detail_counts(book) == want, (book.name, _detail_counts(book), want)


def test_the_department_form_reads_as_widened_without_the_row_outside_its_total():
    """``forms.sums.widened`` on the 部门整体 form (汇总 counts such a form again, ``actions.recount_after``):
    its 分值合计 and 总分 what the widened formulas give, and neither X7 nor the F2/F12 they caused."""
    from jixiao.checking.run import check_batch
    from jixiao.forms.sums import widened
    from jixiao.sources import Batch

    batch, res = check_paths([DATA / "部门整体-插在总分上方.xlsx"])
    assert {"X7", "F2"} <= {f.rule for f in res.findings}, [(f.rule, f.cell) for f in res.findings]
    [item] = batch.departments
    mended = widened(item, {"H32": 100, "I32": 97})
    assert (mended.form.total_weight, mended.form.total_score) == (100, 97)
    assert (item.form.total_weight, item.form.total_score) == (98, 95) and item.sheet_form.short_sums is not None
    after = check_batch(Batch(departments=[mended]))
    assert not [f for f in after.findings if f.rule in ("X7", "F2", "F12")], \
        [(f.rule, f.cell, f.message) for f in after.findings]
