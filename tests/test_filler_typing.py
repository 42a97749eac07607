"""What a 填报人 types into the official template, the way clerks type it, read as they meant it.

Each test starts from ``xlsx_templates/项目支出绩效自评表.xlsx`` opened as the clerk opens it and
fills cells as Excel would store what was typed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl

from review_fixture import run_cli

TEMPLATE = Path(__file__).resolve().parents[1] / "xlsx_templates" / "项目支出绩效自评表.xlsx"

INDICATORS = [
    ("产出指标", "数量指标", "维护道路里程", "≥90公里", "95公里", 30, 30),
    ("产出指标", "质量指标", "验收合格率", "≥90%", "95%", 20, 20),
    ("效益指标", "社会效益指标", "群众出行时间缩短", "≥10%", "12%", 30, 30),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10),
]


def filled(tmp_path: Path, **cells) -> tuple[Path, openpyxl.Workbook]:
    """A template filled in as a clerk would (a form with no mistakes), then ``cells`` typed over it."""
    book = tmp_path / "自评表.xlsx"
    shutil.copy(TEMPLATE, book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["A2"] = 2023
    ws["B3"] = "乡村道路维护"
    ws["B4"] = "某县交通运输局"
    ws["F4"] = "某县公路养护中心"
    for ref, v in {"C7": 100, "D7": 100, "E7": 100, "C8": 100, "D8": 100, "E8": 100, "F7": 10, "H7": 10}.items():
        ws[ref] = v
    ws["B12"], ws["F12"] = "完成道路维护", "已完成"
    for i, row in enumerate(INDICATORS):
        for col, v in zip("BCDEFGH", row):
            ws[f"{col}{14 + i}"] = v
    ws["H34"], ws["I34"] = 100, "优"
    for ref, v in cells.items():
        ws[ref] = v
    wb.save(book)
    return book, wb


def check_json(book: Path) -> tuple[int, list[dict]]:
    code, out = run_cli("check", str(book), "--json")
    return code, json.loads(out)


def test_a_dash_in_an_unused_money_cell_is_blank(tmp_path):
    # the template itself marks the cells that do not apply with "—"; clerks do the same in 上年结转资金
    book, _ = filled(tmp_path, C9="/", D9="—", E9="／", C10="-", D10="无", E10="——")
    code, found = check_json(book)
    assert [f for f in found if f["rule"] == "X1"] == []
    assert code == 0, found
    code, out = run_cli("read", str(book), "--json")
    funds = json.loads(out)[0]["funds"]
    assert funds["carryover"] == {"initial": None, "annual": None, "executed": None}


def test_an_unused_indicator_row_marked_with_dashes_is_no_indicator(tmp_path):
    # the template's A2 takes the year as a number; "（2023年度）" typed as text goes to the label reader
    for year in (2023, "（2023年度）"):
        dashes = {f"{c}18": "/" for c in "BCDEFGHI"} | {"I19": "—", "G19": "—"}
        book, _ = filled(tmp_path, A2=year, **dashes)
        code, found = check_json(book)
        assert code == 0 and [f for f in found if f["severity"] == "error"] == [], (year, found)
        assert not [f for f in found if f["cell"] and f["cell"][1:] in ("18", "19")], (year, found)
        code, out = run_cli("read", str(book), "--json")
        assert [i["name"] for i in json.loads(out)[0]["indicators"]] == [row[2] for row in INDICATORS], year


def test_a_year_typed_as_text_is_the_year_and_a_missing_one_is_marked_on_its_cell(tmp_path):
    for typed in ("2023", "２０２３", " 2023 "):  # pasted, or typed into a cell formatted as text
        book, _ = filled(tmp_path, A2=typed)
        code, found = check_json(book)
        assert code == 0 and not [f for f in found if f["rule"] == "X1"], (typed, found)
        code, out = run_cli("read", str(book), "--json")
        assert json.loads(out)[0]["year"] == 2023
    book, _ = filled(tmp_path, A2="年度")
    code, found = check_json(book)
    assert code == 2
    assert [(f["rule"], f["cell"]) for f in found] == [("X1", "A2")]  # the year's cell, not 项目名称's label


def _deadline_score(target, actual):
    from jixiao.forms.project.scoring import score_indicator

    return score_indicator(target, actual, 10, name="完成时间", level2="时效指标").score


def test_a_completion_date_is_the_month_it_names():
    # a date cell reads "2023-11-01"; typed "2023.11", "2023/11/20": all before the end of 2023
    for actual in ("2023-11-01", "2023-11-01 00:00:00", "2023.11", "2023/11/20", "2023年11月"):
        assert _deadline_score("2023年12月", actual) == 10, actual
        assert _deadline_score("12月底前", actual) == 10, actual
    # "2023.5" is still a number where the target is not a month
    assert _deadline_score("≤2050.5万元", "2023.5") == 10


def test_a_completion_month_against_a_deadline_counts_its_year():
    # a year later is late, not "January, before December"
    assert _deadline_score("2023年12月", "2024年1月") < 10
    assert _deadline_score("2023年12月", "2024-02-15") < _deadline_score("2023年12月", "2024年1月")
    assert _deadline_score("2023年6月", "2022年12月") == 10


def test_calc_fills_the_full_score_for_a_date_typed_before_the_deadline(tmp_path):
    import datetime

    book, wb = filled(tmp_path, B18="产出指标", C18="时效指标", D18="完成时间", E18="2023年12月",
                      F18=datetime.datetime(2023, 11, 1), G18=10, H18=None, G14=20, H14=20)
    code, out = run_cli("calc", str(book), "-o", str(tmp_path / "算.xlsx"))
    assert code == 0, out
    ws = openpyxl.load_workbook(tmp_path / "算.xlsx").worksheets[0]
    assert ws["H18"].value == 10, ws["H18"].comment.text
    code, found = check_json(tmp_path / "算.xlsx")
    assert [f for f in found if f["cell"] in ("F18", "H18")] == []


def test_the_signature_row_prints_a_full_date_on_one_line(tmp_path):
    # "2024年3月1日" in 填报日期 (column G, 9 wide) wrapped to "2024年3月 / 1日" across the underline,
    # in the template and in the 定稿 printed from it: the values shrink to fit instead
    book, _ = filled(tmp_path, C37="李四", E37="王五", G37="2024年3月1日", I37="0316-1234567 13800000000")
    code, out = run_cli("finalize", str(book), "-o", str(tmp_path / "定稿"))
    assert code == 0, out
    final = next((tmp_path / "定稿").glob("*.xlsx"))
    for path in (TEMPLATE, final):
        ws = openpyxl.load_workbook(path).worksheets[0]
        for ref in ("C37", "E37", "G37", "I37"):
            al = ws[ref].alignment
            assert al.shrink_to_fit and not al.wrap_text, (path.name, ref)
    assert openpyxl.load_workbook(final).worksheets[0]["G37"].value == "2024年3月1日"
