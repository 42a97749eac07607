"""A department whose name ends in a digit (“城关交通运输局505”): the 清单's title and the mail's subject
read “城关交通运输局5052022年度……”, the name's number and the year run together (s46 print pass)."""

from __future__ import annotations

import email
import email.policy

import openpyxl

from jixiao.excel.workbook import write_forms
from jixiao.review.notices import named_year
from review_fixture import form, run_cli


def test_named_year():
    assert named_year("城关交通运输局505", "2022年度") == "城关交通运输局505 2022年度"
    assert named_year("县民政局", "2022年度") == "县民政局2022年度"
    assert named_year("第2中学", "") == "第2中学"


def test_the_list_title_keeps_the_number_apart(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "城关交通运输局505")], inbox / "505.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    (lst,) = (tmp_path / "out").rglob("退回修改清单.xlsx")
    title = openpyxl.load_workbook(lst).worksheets[0]["A1"].value
    assert "城关交通运输局505 20" in title and "5052" not in title, title
    (eml,) = (tmp_path / "out").rglob("*.eml")
    with eml.open("rb") as fh:
        subject = str(email.message_from_binary_file(fh, policy=email.policy.default)["Subject"])
    assert "城关交通运输局505 20" in subject and "5052" not in subject, subject
