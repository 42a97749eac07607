"""“100%” typed as text over the 执行率 formula (G7): the 执行率得分 formula beside it
(IF(ISNUMBER(G7) …)) stays blank, and 校验 said only “执行率得分未填写” at H7 — a note that the template
formula will compute it — without naming G7, the cell that keeps it from computing."""

from __future__ import annotations

import json

import openpyxl
import pytest

from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel.workbook import write_forms
from review_fixture import form


def test_a_blank_score_names_the_rate_cell_written_as_text(tmp_path, capsys):
    book = tmp_path / "表.xlsx"
    f = form(1, "县民政局")
    write_forms([f], book)
    formula = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效自评表.xlsx").worksheets[0]["H7"].value
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["G7"], ws["H7"] = "100%", formula       # text over the rate; the score left to the template's formula
    ws["G7"].data_type = "s"
    wb.save(book)
    capsys.readouterr()
    main(["check", str(book), "--json"])
    found = [x for x in json.loads(capsys.readouterr().out) if x["cell"] == "H7"]
    assert len(found) == 1, found
    (h7,) = found
    assert h7["severity"] == "error" and "G7" in h7["message"] and "“100%”是文字" in h7["message"], h7
    assert h7["message"].startswith("执行率得分未填写，应为 ")


# 计算 of such a form: before, it left G7 and H7 as they were (“没有可以计算的空白得分”), and the 填报人 who
# clicked it saw H7 stay blank. Now the text the one number parser reads becomes the template's formula
# (the funds give that very rate) or the number as written, and H7's formula computes.

def _typed(tmp_path, text, *, score_formula=True, number_format=None):
    book = tmp_path / "表.xlsx"
    write_forms([form(1, "县民政局")], book)   # 全年执行数 5.18 ÷ 全年预算数 5.6 = 92.50%
    template = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效自评表.xlsx").worksheets[0]
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["G7"], ws["H7"] = text, template["H7"].value if score_formula else None
    ws["G7"].data_type = "s"
    if number_format:
        ws["G7"].number_format = number_format
    wb.save(book)
    return book, template["G7"].value, template["H7"].value


def _calc(book, out, capsys):
    capsys.readouterr()
    assert main(["calc", str(book), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    main(["check", str(out), "--json"])
    found = {(x["cell"], x["rule"]): x["message"] for x in json.loads(capsys.readouterr().out)}
    return said, openpyxl.load_workbook(out).worksheets[0], found


def test_calc_puts_back_the_rate_formula_where_the_funds_give_the_rate_typed(tmp_path, capsys):
    book, rate_formula, score_formula = _typed(tmp_path, "92.5%")
    said, ws, found = _calc(book, tmp_path / "算.xlsx", capsys)
    assert ws["G7"].value == rate_formula and ws["G7"].data_type == "f" and "%" in ws["G7"].number_format
    assert ws["H7"].value == score_formula
    assert "执行率 G7 中的“92.5%”是文字，已改回模板的公式（全年执行数 ÷ 全年预算数，为 92.50%），执行率得分 H7 按它计算为 9.25" in said
    assert not [k for k in found if k[0] in ("G7", "H7") and k[1] in ("A3", "A4", "A8")], found


@pytest.mark.parametrize("text, number", [("98.5%", 0.985), ("1", 1)])
def test_calc_writes_the_rate_as_written_where_the_funds_give_another(tmp_path, capsys, text, number):
    book, _, score_formula = _typed(tmp_path, text, number_format="General")
    said, ws, found = _calc(book, tmp_path / "算.xlsx", capsys)
    assert ws["G7"].value == number and ws["G7"].data_type == "n"
    assert ws["G7"].number_format == "0.00%"     # not 0.985 in a General cell
    assert ws["H7"].value == score_formula
    score = 10 * min(number, 1)
    assert f"执行率 G7 中的“{text}”是文字，已改为数值 {number:.2%}，执行率得分 H7 按它计算为 {score:g}" in said
    assert "应为 92.50%" in said
    # the rate is a number now: 校验 names the difference from the funds (A3), and H7 as a score, not as blank
    assert ("G7", "A3") in found and f"表中为 {score:g}" in found[("H7", "A4")], found


def test_calc_puts_back_a_cleared_score_formula(tmp_path, capsys):
    book, _, score_formula = _typed(tmp_path, "92.5%", score_formula=False)
    _, ws, found = _calc(book, tmp_path / "算.xlsx", capsys)
    assert ws["H7"].value == score_formula
    assert not [k for k in found if k[0] == "H7"], found


def test_calc_leaves_a_text_it_cannot_read_and_says_so(tmp_path, capsys):
    book, _, _ = _typed(tmp_path, "约98%")
    said, ws, found = _calc(book, tmp_path / "算.xlsx", capsys)
    assert ws["G7"].value == "约98%"
    assert "执行率 G7 中的“约98%”是文字，不能读作数值，没有改动" in said and "92.50%" in said
    assert "“约98%”是文字" in found[("H7", "A4")]


@pytest.mark.libreoffice
def test_the_calculated_copy_computes_the_score_in_libreoffice(tmp_path, capsys):
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    shown = {}
    for text in ("92.5%", "98.5%"):
        book, _, _ = _typed(tmp_path, text)
        out = tmp_path / f"算{len(shown)}.xlsx"
        _calc(book, out, capsys)
        ws = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / f"lo{len(shown)}"), data_only=True).worksheets[0]
        shown[text] = (round(ws["G7"].value, 6), round(ws["H7"].value, 6))
    assert shown == {"92.5%": (0.925, 9.25), "98.5%": (0.985, 9.85)}


def test_calc_does_not_say_no_blank_score_was_computed_after_computing_h7(tmp_path, capsys):
    """The 执行率 sentence says H7 is computed now; the words after it are about the other blank scores."""
    book, _, _ = _typed(tmp_path, "98.5%", number_format="General")
    said, _, _ = _calc(book, tmp_path / "算.xlsx", capsys)
    assert "执行率得分 H7 按它计算为" in said
    assert "此外没有可以计算的空白得分。" in said and "。没有可以计算的空白得分" not in said, said
