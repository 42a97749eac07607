"""Two mails of one department each with an “附件1.xlsx”, saved without a Date header (session 62).

The notice tells the files apart by the day of the mail each came in (“附件1.xlsx（3月3日邮件）”). Without a
Date the day was the saved .eml's file time — the day the reviewer saved it — presented as the mail's. The
mail's own word comes first now: the dates its servers stamped (``Received:``); where it says nothing, the
file time is not called the mail's day.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from email.message import EmailMessage
from pathlib import Path

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _mails(tmp_path: Path, received: list[list[str]]) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "邮件").mkdir(parents=True)
    for i, stamps in enumerate(received):
        book = write_forms([form(1 + i, "县民政局")], tmp_path / f"m{i}" / "附件1.xlsx")
        msg = EmailMessage()
        for stamp in stamps:   # as servers add them: the last server's on top
            msg["Received"] = f"from mx{i}.example.cn by mail.example.cn; {stamp}"
        msg["From"], msg["Subject"] = "mz@example.cn", f"民政局自评表{i + 1}"
        msg.set_content("请查收。")
        msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="附件1.xlsx")
        eml = inbox / "邮件" / f"mz{i + 1}.eml"
        eml.write_bytes(bytes(msg))
        saved = dt.datetime(2023, 4, 9 + i, 10, 0).timestamp()   # saved into the inbox on 4月9日, 4月10日
        os.utime(eml, (saved, saved))
    return inbox


def _told_apart(tmp_path: Path, inbox: Path) -> dict[str, str]:
    _code, raw = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    return next(d for d in json.loads(raw)["departments"] if d["department"] == "县民政局")["told_apart"]


def test_a_mail_without_date_is_dated_by_its_received_headers(tmp_path: Path) -> None:
    inbox = _mails(tmp_path, [["Fri, 3 Mar 2023 09:06:00 +0800", "Fri, 3 Mar 2023 09:05:00 +0800"],
                              ["Mon, 6 Mar 2023 16:00:05 +0800", "Mon, 6 Mar 2023 16:00:00 +0800"]])
    told = _told_apart(tmp_path, inbox)
    assert sorted(told.values()) == ["3月3日邮件", "3月6日邮件"], told


def test_a_mail_that_says_nothing_of_its_day_is_not_labelled_by_its_file_time(tmp_path: Path) -> None:
    told = _told_apart(tmp_path, _mails(tmp_path, [[], []]))
    assert not any("邮件" in v or "4月9日" in v or "4月10日" in v for v in told.values()), told


def test_mail_time_reads_what_the_message_says_and_nothing_else() -> None:
    from email import message_from_bytes, policy

    from jixiao.review.inbox import mail_time

    def of(head: str) -> float | None:
        return mail_time(message_from_bytes(head.encode() + b"\r\n\r\nbody", policy=policy.default))

    march3 = dt.datetime(2023, 3, 3, 1, 5, tzinfo=dt.timezone.utc).timestamp()
    assert of("Date: Fri, 3 Mar 2023 09:05:00 +0800") == march3
    # a Date that is no date: the servers' stamps, the earliest
    assert of("Date: 明天\r\nReceived: by b; Fri, 3 Mar 2023 09:07:00 +0800\r\n"
              "Received: from a by b; Fri, 3 Mar 2023 09:05:00 +0800") == march3
    assert of("Received: from a by b\r\nReceived: by c; not a date") is None
    assert of("Subject: x") is None
