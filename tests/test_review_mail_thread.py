"""The return mail answers the department's own: its In-Reply-To and References name the message the
workbook came in, so Outlook and Foxmail show it in that conversation — it was a new mail, apart
from what the department sent."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _mail(tmp_path, unit, n, mid):
    book = write_forms([form(n, unit)], tmp_path / "made" / f"{unit}.xlsx")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"{unit} <{n}@example.cn>", "czj@example.cn", "报送自评表"
    if mid:
        msg["Message-ID"] = mid
    msg.set_content("请审核。")
    msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="自评表.xlsx")
    return bytes(msg)


def _draft(out, dept):
    return email.message_from_bytes((out / dept / "退回修改邮件.eml").read_bytes(), policy=email.policy.default)


def test_the_return_mail_is_a_reply(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "民政局.eml").write_bytes(_mail(tmp_path, "县民政局", 1, "<mz-2023-0320@example.cn>"))
    (inbox / "教育局.eml").write_bytes(_mail(tmp_path, "县教育局", 2, None))  # a message without an id
    write_forms([form(3, "县水务局")], inbox / "水务局.xlsx")  # saved into the inbox: no message
    out = tmp_path / "out"
    run_cli("review", str(inbox), "-o", str(out))
    d = _draft(out, "县民政局")
    assert d["In-Reply-To"] == "<mz-2023-0320@example.cn>"
    assert d["References"] == "<mz-2023-0320@example.cn>"
    for dept in ("县教育局", "县水务局"):
        assert _draft(out, dept)["In-Reply-To"] is None


def test_a_malformed_id_is_no_id(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for k, bad in enumerate(("<", "<@>", "not an id", "<a@b> <c@d>", "\x00<x@y>")):
        raw = _mail(tmp_path, "县民政局", 1, "<placeholder@example.cn>").replace(
            b"<placeholder@example.cn>", bad.encode("latin-1"))
        (inbox / f"民政局{k}.eml").write_bytes(raw)
    out = tmp_path / "out"
    code, _text = run_cli("review", str(inbox), "-o", str(out))
    assert code == 1 and _draft(out, "县民政局")["In-Reply-To"] is None


def test_two_ids_in_one_header_are_no_id(tmp_path):
    """“Message-ID: <a@b> <c@d>” was read as “<a@b>” (the parsed header keeps the first id), so the test
    above passed or failed with the mail whose copy of a form the review kept. Alone, deterministically:
    no In-Reply-To."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw = _mail(tmp_path, "县民政局", 1, "<placeholder@example.cn>").replace(b"<placeholder@example.cn>", b"<a@b> <c@d>")
    (inbox / "民政局.eml").write_bytes(raw)
    out = tmp_path / "out"
    code, _text = run_cli("review", str(inbox), "-o", str(out))
    assert code == 1 and _draft(out, "县民政局")["In-Reply-To"] is None
