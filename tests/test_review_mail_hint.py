"""The end of the review's console: return drafts without a recipient, and what to do about it. With a
project list that has a “联系邮箱” column it asks for the address there — it said “在项目清单中加一列
‘联系邮箱’” to a reviewer whose list has one, the addresses of some departments simply not filled in."""

from __future__ import annotations

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, sample


def _run(tmp_path, capsys, heads, rows):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    write_forms([form(2, "县教育局")], inbox / "教育局.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(heads)
    for r in rows:
        wb.active.append(r)
    wb.save(listed)
    capsys.readouterr()
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed))
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_a_list_with_an_address_column(tmp_path, capsys):
    said = _run(tmp_path, capsys, ["项目名称", "实施单位", "联系邮箱"],
                [[sample(1)["project"], "县民政局", "mz@example.cn"], [sample(2)["project"], "县教育局", None]])
    assert "1 封没有收件人（县教育局不是用邮件报送的，项目清单中也没有其邮箱）" in said
    assert "或在项目清单的“联系邮箱”列中填写" in said and "加一列" not in said


def test_a_list_without_one(tmp_path, capsys):
    said = _run(tmp_path, capsys, ["项目名称", "实施单位"],
                [[sample(1)["project"], "县民政局"], [sample(2)["project"], "县教育局"]])
    assert "都没有收件人" in said and "或在项目清单中加一列“联系邮箱”" in said


def test_drafts_without_recipients_when_the_inbox_does_hold_mail(tmp_path, capsys):
    """县水务局 mailed its form (it passes: no return draft); 县民政局's workbook was saved into the inbox. The
    console said the one draft had no recipient because “收件夹中没有各单位发来的邮件” — the inbox holds one.
    It now says why that is true: the departments returned did not send by mail."""
    import json
    import sys
    from email.message import EmailMessage
    from pathlib import Path

    from jixiao.forms.project.model import parse_form

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_rules import clean

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    book = tmp_path / "水务局.xlsx"
    write_forms([parse_form({**clean(), "unit": "县水务局", "project": "河道管护经费"})], book)
    msg = EmailMessage()
    msg["From"] = "县水务局 <sw@example.cn>"
    msg["Subject"] = "报送绩效自评表"
    msg.set_content("见附件")
    msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="水务局.xlsx")
    (inbox / "水务局报送.eml").write_bytes(bytes(msg))
    capsys.readouterr()
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    status = {d["department"]: d["status"] for d in json.loads(text)["departments"]}
    assert status == {"县水务局": "通过", "县民政局": "退回修改"}
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert "已写入 1 封退回邮件草稿" in said and "都没有收件人（这些单位都不是用邮件报送的），发送前请填写" in said
    assert "收件夹中没有各单位发来的邮件" not in said
