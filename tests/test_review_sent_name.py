"""The return notice names a file as the department sent it: not inside the saved message it came in —
an Outlook .msg as an .eml (it kept “报送.msg › 自评表.xlsx”), nor inside the winmail.dat Outlook packed
it in (a file the department never saw)."""

from __future__ import annotations

import pytest

from jixiao.review.notices import sent_name


@pytest.mark.parametrize(("shown", "sent"), [
    ("邮件/水务局报送.eml › 自评表.xlsx", "自评表.xlsx"),
    ("邮件/水务局报送.msg › 自评表.xlsx", "自评表.xlsx"),
    ("水务局报送.MSG › 自评表.xlsx", "自评表.xlsx"),
    ("报送.eml › winmail.dat › 自评表.xlsx", "自评表.xlsx"),
    ("县水务局/材料.zip › 自评表.xlsx", "材料.zip › 自评表.xlsx"),  # an archive the department made: kept
    ("县水务局/自评表.xlsx", "自评表.xlsx"),
])
def test_sent_name(shown, sent):
    assert sent_name(shown) == sent
