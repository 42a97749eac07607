"""What the 设置 gives the documents is checked where a document would print it wrong.

Before: 成文日期 “2023年13月45日” was printed as written on the 报送函, and 收件邮箱 “not-an-email”
(or two addresses joined with “，”) went into the email draft without a word.
"""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import docx
import pytest

from jixiao.cli import main
from jixiao.mail import bad_addresses
from jixiao.reports.text import date_text, impossible_date

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "corpus" / "01-merged-levels.xlsx"


@pytest.mark.parametrize("written, shown", [
    ("2023.3.1", "2023年3月1日"), ("2024-02-29", "2024年2月29日"), ("2023年13月45日", "【待填写】"),
    ("2023.2.29", "【待填写】"), ("2023/4/31", "【待填写】"), (None, "【待填写】"),
    # Chinese numerals are a date too, printed as GB/T 9704-2012 wants it (stop 48: tests/test_dates_s48.py)
    ("二〇二三年三月一日", "2023年3月1日"), ("二〇二三年二月三十日", "【待填写】"), ("二〇二三年三月", "二〇二三年三月"),
])
def test_a_day_no_calendar_has_is_not_printed(written, shown):
    assert date_text(written) == shown
    assert impossible_date(written) == (shown == "【待填写】" and written is not None)


def test_the_report_says_the_date_is_impossible_and_leaves_it_to_fill(tmp_path, capsys):
    settings = tmp_path / "设置.yaml"
    settings.write_text("成文日期: 2023年13月45日\n", encoding="utf-8")
    code = main(["report", str(BOOK), "-o", str(tmp_path / "报告"), "--force", "--settings", str(settings)])
    err = capsys.readouterr().err
    assert code == 0 and "成文日期“2023年13月45日”不是实有的日期" in err
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "报告" / "报送函.docx")).paragraphs)
    assert "13月45日" not in text and "【待填写】" in text


@pytest.mark.parametrize("cell, bad", [
    ("czj@example.gov.cn", []), ("czj@example.gov.cn；jxk@example.gov.cn;", []), ("绩效科 <jxk@example.gov.cn>", []),
    ("not-an-email", ["not-an-email"]), ("a@example.cn，b@example.cn", ["a@example.cn，b@example.cn"]),
    ("jxk@example", ["jxk@example"]), (None, []),
])
def test_which_addresses_are_no_addresses(cell, bad):
    assert bad_addresses(cell) == bad


def test_finalize_says_an_address_is_wrong_and_the_draft_lists_each(tmp_path, capsys):
    settings = tmp_path / "设置.yaml"
    settings.write_text("收件邮箱: jxk@example.gov.cn；not-an-email\n发件邮箱: ybj@example.gov.cn\n", encoding="utf-8")
    code = main(["finalize", str(BOOK), "-o", str(tmp_path / "定稿"), "--force", "--email", "--no-pdf",
                 "--settings", str(settings)])
    out, err = capsys.readouterr()
    assert code == 0
    said = out + err
    assert "收件邮箱“not-an-email”不是有效的邮箱地址" in said and "发件邮箱“" not in said
    (eml,) = (tmp_path / "定稿").glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "jxk@example.gov.cn, not-an-email" and msg["From"] == "ybj@example.gov.cn"


def test_the_settings_sheet_rows_are_as_tall_as_their_wrapped_text():
    """The template's 设置 sheet: the 评分方案 row's 说明 wraps to two lines in its column; at the
    default row height LibreOffice printed it over the row above (a file carries no auto-fit)."""
    import openpyxl

    from jixiao.core.settings import SETTINGS_SHEET
    from jixiao.excel.fit import wrapped_lines

    ws = openpyxl.load_workbook(Path(__file__).parents[1] / "xlsx_templates" / "项目支出绩效自评表.xlsx")[SETTINGS_SHEET]
    width = ws.column_dimensions["C"].width
    two = 0
    for row in range(2, ws.max_row + 1):
        lines = max(wrapped_lines(ws.cell(row, c).value, ws.column_dimensions["ABC"[c - 1]].width) for c in (1, 2, 3))
        height = ws.row_dimensions[row].height
        assert height is not None and height >= 14 * lines, (row, ws.cell(row, 1).value, height, lines)
        two += lines >= 2 and wrapped_lines(ws.cell(row, 3).value, width) >= 2
    assert two >= 1   # the 评分方案's 说明 does wrap: the test measures a real case
