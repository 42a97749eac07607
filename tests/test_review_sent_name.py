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


def test_an_item_does_not_name_the_department_it_is_sent_to():
    """A finding on the department's own 汇总表 carries the department as its “project”: the notice sent
    to that department does not add “（大厂回族自治县医疗保障局）” after the cell; another name stays."""
    from jixiao.review.notices import item_text

    it = {"kind": "finding", "file": "汇总表.xlsx", "sheet": "汇总表", "cell": "D5", "severity": "error",
          "project": "大厂回族自治县医疗保障局", "message": "汇总表的资金总量·已评价数应为 425.395，表中为 568.64"}
    assert "（大厂回族自治县医疗保障局）" not in item_text(1, it, addressee="大厂回族自治县医疗保障局")
    assert "（大厂回族自治县医疗保障局）" in item_text(1, it, addressee="县民政局")
