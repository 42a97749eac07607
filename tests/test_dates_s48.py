"""Dates typed in Chinese numerals or as eight digits (``core.dates``).

A 填报人 who writes the 成文日期 as 公文 did before GB/T 9704-2012 (二〇二四年三月一日) or as Excel users often
type it (20240301) got it printed as typed in the 报送函 and the reports; GB/T 9704-2012 7.3.5.1 wants Arabic
numerals: 2024年3月1日. The 填报日期 that decides which of two submissions is the later one read them as no date.
"""

from __future__ import annotations

import datetime

import pytest

from jixiao.core.dates import looks_like_date, written_date
from jixiao.dedupe import filled_date
from jixiao.reports.text import date_text, impossible_date

D = datetime.date


@pytest.mark.parametrize("text, day", [
    ("二〇二四年三月一日", D(2024, 3, 1)), ("二零二四年十二月三十一日", D(2024, 12, 31)), ("二〇二四年十月十日", D(2024, 10, 10)),
    ("二〇二四年三月二十日", D(2024, 3, 20)), (" 二〇二四 年 三 月 一 日 ", D(2024, 3, 1)), ("二○二四年一月十九日", D(2024, 1, 19)),
    ("20240301", D(2024, 3, 1)), (" 20231231 ", D(2023, 12, 31)),
    ("二〇二四年二月三十日", None), ("二〇二四年二十月一日", None), ("二〇二四年三月", None), ("二〇二四年十十月一日", None),
    ("20241301", None), ("2024030", None), ("12345678", None), ("202403011", None),
])
def test_chinese_numerals_and_eight_digits(text, day):
    assert written_date(text) == day


def test_documents_print_them_in_arabic_numerals():
    assert date_text("二〇二四年三月一日") == "2024年3月1日"
    assert date_text("20240301") == "2024年3月1日"
    assert impossible_date("二〇二四年二月三十日") and impossible_date("20240230")
    assert not looks_like_date("12345678") and date_text("12345678") == "12345678"


def test_the_later_submission_is_found_by_them():
    assert filled_date("填报日期：二〇二四年三月五日") == D(2024, 3, 5)
    assert filled_date("20240305") == D(2024, 3, 5)


@pytest.mark.parametrize("typed", ["二〇二三年三月十日", "20230310"])
def test_the_letter_prints_the_date_in_arabic_numerals(tmp_path, typed):
    import json

    import docx
    from conftest import SAMPLES

    from jixiao.cli import main

    form = json.loads(SAMPLES[10].read_text(encoding="utf-8"))     # 2022, no errors
    (tmp_path / "f.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "f.json"), "-o", str(tmp_path / "自评表.xlsx")]) == 0
    (tmp_path / "s.yaml").write_text(f"成文日期: '{typed}'\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "自评表.xlsx"), "-o", str(tmp_path / "out"), "--settings", str(tmp_path / "s.yaml")]) == 0
    text = "\n".join(p.text for p in docx.Document(tmp_path / "out" / "报送函.docx").paragraphs)
    assert "2023年3月10日" in text and typed not in text
