"""The 退回修改通知 quotes form text as written; text with straight double quotes inside a “…” came out
as “"三公经费"控制率” (zizhou-2023 department sample). GB/T 15834 nests them as ‘’; the check listing and
``--json`` keep the cell's text as it is."""

from __future__ import annotations

from jixiao.reports.text import nest_straight
from jixiao.review.notices import item_text, list_message

ITEM = {"kind": "finding", "rule": "F15", "severity": "info", "cell": "F47", "found": None, "expected": None,
        "message": '指标“"三公经费"控制率”缺少计算数据（本年“三公经费”支出（万元）），得分未能复核'}


def test_the_notice_and_its_list_nest_the_quotes():
    said = item_text(1, ITEM, placed=True)
    assert "“‘三公经费’控制率”" in said and '"' not in said, said
    assert list_message(ITEM).startswith("指标“‘三公经费’控制率”缺少计算数据"), list_message(ITEM)


def test_only_inside_chinese_quotes_and_only_in_pairs():
    assert nest_straight('写作 "A" 与“"B"项”') == '写作 "A" 与“‘B’项”'
    assert nest_straight('“5" 显示器”') == '“5" 显示器”'     # one straight quote: an inch mark, left alone
    assert nest_straight("没有引号") == "没有引号"
