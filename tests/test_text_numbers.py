"""Numbers a 填报人 types as text: with a unit (“20000元”, “12人”, “10分”) or in a cell formatted as text.

Before: “20000元” in a 万元 cell was read as 20000 万元 (the one number parser dropped any “元”),
“12人” in 编制人数（人） made the whole 部门整体 form unreadable, and nothing said that the form's own
formulas (its sums, 执行率, 得分) and a linked 汇总表 skip such a cell. Now the cell's unit (its
label's) is honoured — money in the other unit converted, the unit itself dropped — and each such
cell is an X2 warning asking for the number alone.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from conftest import SAMPLES
from jixiao.cli import main as cli_main
from jixiao.core.numbers import NotANumber, label_unit, parse_number


def test_the_cells_unit_decides():
    assert parse_number("20000元", "万元") == 2 and parse_number("3950元", "万元") == 0.395
    assert parse_number("2万元", "万元") == 2 and parse_number("2万元") == 2 and parse_number("2万元", "元") == 20000
    assert parse_number("12人", "人") == 12 and parse_number("3个", "个") == 3 and parse_number("10分") == 10
    for text, unit in (("20000元", None), ("12人", None), ("12人", "个"), ("5元", "人"), ("5元%", "万元")):
        with pytest.raises(NotANumber):
            parse_number(text, unit)
    assert [label_unit(t) for t in ("编制人数（人）", "资产总额（万元）", "满意度（%）", "项目资金\n（万元）", "项目名称")] == [
        "人", "万元", "%", "万元", None]


def _x2(path, capsys) -> tuple[list[dict], dict]:
    code = cli_main(["check", str(path), "--json"])
    findings = json.loads(capsys.readouterr().out)
    return findings, {"code": code}


def _clean_book(tmp_path, capsys) -> openpyxl.Workbook:
    """The one sample form without errors, in the template, as a 填报人 opens it."""
    clean = next(p for p in SAMPLES if p.name == "11.json")
    book = tmp_path / "book.xlsx"
    assert cli_main(["fill", str(clean), "-o", str(book)]) == 0
    capsys.readouterr()
    return openpyxl.load_workbook(book)


def test_money_in_yuan_is_converted_and_each_text_number_is_said(tmp_path, capsys):
    wb = _clean_book(tmp_path, capsys)
    ws = wb.worksheets[0]
    annual = ws["D7"].value
    ws["C7"], ws["D7"], ws["E7"] = f"{annual * 10000}元", f"{annual * 10000}元", f"{ws['E7'].value}万元"
    wb.save(tmp_path / "typed.xlsx")
    assert cli_main(["read", str(tmp_path / "typed.xlsx"), "--json"]) == 0
    funds = json.loads(capsys.readouterr().out)[0]["funds"]["total"]
    assert funds["annual"] == annual and funds["initial"] == annual     # not 10,000 times the money
    findings, _ = _x2(tmp_path / "typed.xlsx", capsys)
    x2 = sorted((f["cell"], f["severity"]) for f in findings if f["rule"] == "X2")
    assert x2 == [("C7", "warning"), ("D7", "warning"), ("E7", "warning")]
    said = next(f["message"] for f in findings if f["cell"] == "D7" and f["rule"] == "X2")
    assert f"“{annual * 10000}元”是文字" in said and f"请将单元格格式设为“常规”或“数值”后只填数字 {annual:g}" in said
    assert not [f for f in findings if f["rule"] == "A2"]                # the parts add up again


def test_a_department_forms_header_typed_with_its_unit_is_read(tmp_path, capsys):
    dept = tmp_path / "dept.xlsx"
    src = SAMPLES[0].parents[1] / "zizhou-2023" / "department.json"
    assert cli_main(["fill", str(src), "-o", str(dept)]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(dept)
    ws = wb.worksheets[0]
    assert ws["A6"].value == "编制人数（人）"
    quota = ws["E6"].value
    ws["E6"] = f"{quota}人"
    wb.save(tmp_path / "typed.xlsx")
    findings, out = _x2(tmp_path / "typed.xlsx", capsys)
    assert not [f for f in findings if f["rule"] == "X1"]               # it was unreadable: 应为数字，现为“7人”
    assert [(f["cell"], f["rule"]) for f in findings if f["rule"] == "X2"] == [("E6", "X2")]


def test_a_percentage_excel_kept_as_a_fraction_is_the_percentage(tmp_path, capsys):
    """88% typed where the 实际完成值 cell is not text: Excel keeps 0.88 (its format shows 88%). Read
    as written it was 0.88 against ≥90% — D4 “应为 0.2”, C15 “应写作 0.88%”, 计算 filled 0.11."""
    from jixiao.core.values import stored_percent

    assert stored_percent(0.88, "≥90%") == "88%" and stored_percent(1, "≥95%") == "100%"
    assert stored_percent(0.5, "≤1%") is None and stored_percent(0.88, "≥90 人") is None
    assert stored_percent("0.88", "≥90%") is None and stored_percent(2, "≥90%") is None

    wb = _clean_book(tmp_path, capsys)
    ws = wb.worksheets[0]
    row = next(r for r in range(13, 40) if str(ws[f"E{r}"].value or "").endswith("%")
               and str(ws[f"E{r}"].value).lstrip("≥>=").rstrip("%").replace(".", "").isdigit()
               and float(str(ws[f"E{r}"].value).lstrip("≥>=").rstrip("%")) >= 90)
    target = float(str(ws[f"E{row}"].value).lstrip("≥>=").rstrip("%"))
    ws[f"F{row}"] = (target - 2) / 100
    ws[f"F{row}"].number_format = "0%"
    wb.save(tmp_path / "typed.xlsx")
    assert cli_main(["read", str(tmp_path / "typed.xlsx"), "--json"]) == 0
    ind = next(i for i in json.loads(capsys.readouterr().out)[0]["indicators"] if i["target"] == ws[f"E{row}"].value)
    assert ind["actual"] == f"{target - 2:g}%"
    findings, _ = _x2(tmp_path / "typed.xlsx", capsys)
    assert not [f for f in findings if f["cell"] == f"F{row}" and f["rule"] in ("C15", "D4")]


def test_calc_makes_a_number_typed_as_text_the_number_and_the_sheet_then_agrees(tmp_path, capsys):
    """“10分” in a 分值 and “2万元” in 全年预算数: the sheet's Σ分值 and 执行率 skip the text, jixiao reads
    10 and 2 — B2 “总分行的分值应为 100，表中为 90” on a sum the 填报人 never typed. 计算 writes the
    numbers into their cells (and says so); recalculated, the sheet and the check agree."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    wb = _clean_book(tmp_path, capsys)
    ws = wb.worksheets[0]
    weight, annual = ws["G14"].value, ws["D7"].value
    ws["G14"], ws["D7"] = f"{weight}分", f"{annual}万元"
    wb.save(tmp_path / "typed.xlsx")
    lo = convert(tmp_path / "typed.xlsx", "xlsx", tmp_path / "lo")
    findings, _ = _x2(lo, capsys)
    assert {(f["rule"], f["cell"]) for f in findings if f["severity"] == "error"} == {("B2", "G34")}

    assert cli_main(["calc", str(lo), "-o", str(tmp_path / "calc.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "已把 2 个写成文字的数字改为数字" in said and f"D7“{annual}万元”改为 {annual:g}" in said, said
    done = openpyxl.load_workbook(tmp_path / "calc.xlsx").worksheets[0]
    assert (done["G14"].value, done["D7"].value) == (weight, annual)
    # the copy keeps no stored result the numbers made wrong (Σ分值 of the text, 100 − weight): since stop 55 it
    # stores the right ones, those LibreOffice computes (before, none)
    assert openpyxl.load_workbook(lo, data_only=True).worksheets[0]["G34"].value == 100 - weight
    stored = openpyxl.load_workbook(tmp_path / "calc.xlsx", data_only=True).worksheets[0]
    lo = convert(tmp_path / "calc.xlsx", "xlsx", tmp_path / "lo-calc")
    shown = openpyxl.load_workbook(lo, data_only=True).worksheets[0]
    assert shown["G34"].value == stored["G34"].value == 100
    assert stored["G7"].value == pytest.approx(shown["G7"].value) and stored["H7"].value == pytest.approx(shown["H7"].value)
    findings, _ = _x2(lo, capsys)
    assert not [f for f in findings if f["rule"] in ("B2", "X2") or f["severity"] == "error"], findings


def test_calc_leaves_a_formula_computing_text_alone():
    """A cell holding a formula whose result is a number as text (=TEXT(…), another region's sheet) is
    no typed text: 计算 does not replace the formula by its value. A cell formatted as text gets a
    number format first (a percentage as one), so that the number is stored as a number."""
    from jixiao.excel.apply import apply_plan
    from jixiao.excel.plan import Plan, SetNumber

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws["A1"], ws["A2"], ws["A3"] = '=TEXT(5,"0")', "6人", "80%"
    ws["A2"].number_format = ws["A3"].number_format = "@"
    ws["A4"], ws["A4"].number_format = "3", "0.00"
    apply_plan(wb, Plan([SetNumber("表", "A1", 5), SetNumber("表", "A2", 6), SetNumber("表", "A3", 0.8, "0%"),
                         SetNumber("表", "A4", 3)]))
    assert ws["A1"].value == '=TEXT(5,"0")'
    assert [(ws[c].value, ws[c].number_format) for c in ("A2", "A3", "A4")] == [
        (6, "General"), (0.8, "0%"), (3, "0.00")]


def test_a_number_read_from_text_knows_its_format():
    from jixiao.guard.sanitize import number_cell

    got = {w: number_cell(w, "数", "A1", u)[2] for w, u in (("6人", "人"), ("80%", None), ("12.5%", None),
                                                               ("20000元", "万元"))}
    assert {w: (n.number, n.number_format) for w, n in got.items()} == {
        "6人": (6, "General"), "80%": (0.8, "0%"), "12.5%": (0.125, "0.00%"), "20000元": (2, "General")}


def test_the_check_button_says_that_calc_makes_them_numbers(tmp_path, capsys):
    """The 校验 message box counts the numbers written as text (their X2 warnings) and names the button
    that puts them right; once 计算 has, it says nothing of them."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    wb = _clean_book(tmp_path, capsys)
    ws = wb.worksheets[0]
    ws["G14"], ws["G15"] = f"{ws['G14'].value}分", f"{ws['G15'].value}"
    wb.save(tmp_path / "typed.xlsx")
    said = buttons.check(FileHost(str(tmp_path / "typed.xlsx"), str(tmp_path / "checked.xlsx")))
    assert "有 2 个该填数字的单元格写成了文字，表中的公式不把它们算作数字：点“计算”即改为数字。" in said, said
    host = FileHost(str(tmp_path / "typed.xlsx"), str(tmp_path / "calc.xlsx"))
    buttons.calc(host)
    host.save()
    said = buttons.check(FileHost(str(tmp_path / "calc.xlsx"), str(tmp_path / "checked2.xlsx")))
    assert "写成了文字" not in said, said
