"""The 成文日期 against the budget year: a report on 2022 dated in or before 2022 (the budget year typed for
the year of writing, a 填报日期 from the year's start) is refused, naming the 设置 cell, the settings file or
the forms' 填报日期 it came from; a date in December of the year is a warning (年底前完成的自评); a date after
the year is what it should be. The documents printed such a date under their 落款 without a word."""

from __future__ import annotations

import json

import openpyxl
import pytest

from conftest import SAMPLES
from jixiao.cli import main
from jixiao.reports import DOCUMENTS

SAMPLE = SAMPLES[10]   # 11.json: 2022, no errors, 填报日期 2023.3.1


def _book(tmp_path, filled_on="2023.3.1", sheet_date=None):
    form = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert form["year"] == 2022 and form["filled_on"] == "2023.3.1"
    form["filled_on"] = filled_on
    (tmp_path / "f.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评表.xlsx"
    assert main(["fill", str(tmp_path / "f.json"), "-o", str(book)]) == 0
    if sheet_date:
        wb = openpyxl.load_workbook(book)
        ws = wb.create_sheet("设置")
        for row in (["项目", "内容"], ["单位名称", "大厂回族自治县医疗保障局"], ["成文日期", sheet_date]):
            ws.append(row)
        wb.save(book)
    return book


def _report(tmp_path, book, capsys, settings_date=None):
    args = ["report", str(book), "-o", str(tmp_path / "out")]
    if settings_date:
        (tmp_path / "s.yaml").write_text(f"成文日期: {settings_date}\n", encoding="utf-8")
        args += ["--settings", str(tmp_path / "s.yaml")]
    capsys.readouterr()
    rc = main(args)
    return rc, capsys.readouterr().err


def _written(tmp_path):
    return sorted(p.stem for p in (tmp_path / "out").glob("*.docx")) if (tmp_path / "out").exists() else []


def test_a_date_in_the_budget_year_on_the_settings_sheet_is_refused_naming_its_cell(tmp_path, capsys):
    rc, err = _report(tmp_path, _book(tmp_path, sheet_date="2022年6月1日"), capsys)
    assert rc != 0 and _written(tmp_path) == []
    assert "“自评表.xlsx”的“设置”工作表 B3（成文日期）写的是“2022年6月1日”，在所报告的2022年度之内" in err
    assert "2023年1月1日以后" in err and "Traceback" not in err


@pytest.mark.parametrize("date, when", [("2022年3月1日", "之内"), ("2021年12月30日", "之前"), ("2022.11.30", "之内")])
def test_a_date_in_or_before_the_year_in_a_settings_file_is_refused(tmp_path, capsys, date, when):
    rc, err = _report(tmp_path, _book(tmp_path), capsys, settings_date=date)
    assert rc != 0 and _written(tmp_path) == []
    assert f"设置文件中的“成文日期”写的是“{date}”，在所报告的2022年度{when}" in err


def test_a_forms_filling_date_in_the_year_is_refused_naming_the_forms_cell(tmp_path, capsys):
    rc, err = _report(tmp_path, _book(tmp_path, filled_on="2022.3.1"), capsys)
    assert rc != 0 and _written(tmp_path) == []
    assert "取自评表的填报日期" in err and " G37（填报日期）写的是“2022.3.1”" in err, err
    assert "“设置”工作表“成文日期”一格" in err


def test_a_december_date_of_the_year_is_a_warning(tmp_path, capsys):
    rc, err = _report(tmp_path, _book(tmp_path), capsys, settings_date="2022年12月20日")
    assert rc == 0 and _written(tmp_path) == sorted([*DOCUMENTS, "校验报告"])
    assert "警告：“设置”工作表或设置文件中的“成文日期”写的是“2022年12月20日”，在所报告的2022年度之内" in err
    assert "年底前" in err


def test_a_date_after_the_year_says_nothing(tmp_path, capsys):
    rc, err = _report(tmp_path, _book(tmp_path), capsys, settings_date="2023年1月5日")
    assert rc == 0 and "成文日期" not in err and len(_written(tmp_path)) == 4
