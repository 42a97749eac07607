"""One reader for a date people typed (``core.dates``): 填报日期, 成文日期, a review's deadline."""

from __future__ import annotations

import datetime

import pytest

from jixiao.core.dates import looks_like_date, written_date
from jixiao.dedupe import filled_date
from jixiao.reports.text import date_text, impossible_date

D = datetime.date


@pytest.mark.parametrize(("text", "day"), [
    ("2023.3.1", D(2023, 3, 1)), ("2023-03-01", D(2023, 3, 1)), ("2023/3/1", D(2023, 3, 1)),
    ("2023年3月1日", D(2023, 3, 1)), (" 2023 年 3 月 1 日 ", D(2023, 3, 1)), ("２０２３．３．１", D(2023, 3, 1)),
    ("2023.2.30", None), ("2023年13月45日", None), ("三月一日", None), ("", None), (None, None),
    ("填报日期：2023年3月1日", None),  # not a date as a whole
])
def test_written_date(text, day):
    assert written_date(text) == day


def test_within_a_text_and_the_places_that_use_it():
    assert written_date("填报日期：2023年3月1日（盖章）", within=True) == D(2023, 3, 1)
    assert filled_date("填报日期：2023.3.10") == D(2023, 3, 10) and filled_date(D(2022, 1, 2)) == D(2022, 1, 2)
    assert date_text("2023-3-1") == "2023年3月1日" and date_text("２０２３．３．１") == "2023年3月1日"
    assert impossible_date("2023.2.30") and looks_like_date("2023.2.30") and not impossible_date("三月")
    assert date_text("二〇二三年三月") == "二〇二三年三月"  # written otherwise: printed as written
