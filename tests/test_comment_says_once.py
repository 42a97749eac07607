"""The marked copy's comment and the 退回修改通知 say what a cell should be alike, once
(``core.expected``): the notice left out an 应为 its message had already given, while the comment
on the same cell added “（应为：…）” after it — two instructions for one cell."""

from __future__ import annotations

import pytest

from jixiao.core.findings import Finding
from jixiao.excel.plan import SetComment, annotation_plan
from jixiao.review.notices import item_text


def _both(message: str, expected: object) -> tuple[str, str]:
    f = Finding("C9", "warning", "indicators[0].target", message, expected=expected, found="≥100%",
                file="a.xlsx", sheet="表", cell="E15", project="项目")
    (comment,) = [e.text for e in annotation_plan([f]).edits if isinstance(e, SetComment)]
    item = {"kind": "finding", "file": "a.xlsx", "sheet": "表", "cell": "E15", "project": "项目", "rule": "C9",
            "severity": "warning", "message": message, "expected": expected, "found": "≥100%"}
    return comment, item_text(1, item, placed=True)


@pytest.mark.parametrize("message, expected", [
    ("指标“车辆完好率”是比率，不会超过 100%，指标值应写作“=100%”", "=100%"),            # its own 应写作
    ("执行率得分应为 9.5（分值 10 × 执行率 95.00%），表中为 10", 9.5),                    # its own 应为
    ("时效指标写成了数量，应写时限（如“每月 10 日前”）或及时率（如“=100%”）", "=100%"),   # H4's 应写
])
def test_a_message_that_says_it_gets_no_second_instruction(message, expected):
    comment, notice = _both(message, expected)
    assert comment.count("应") == message.count("应") and "应为“" not in notice, (comment, notice)


def test_a_value_and_an_instruction_are_said_alike_in_both():
    comment, notice = _both("指标“车辆完好率”的年度指标值写法有误", "=100%")
    assert "，应为“=100%”〔" in comment and "应为“=100%”" in notice   # in the same words (stop 60)
    comment, notice = _both("执行率为 88.09%，低于 100%，未说明原因", "写明未完全达到的指标及原因")
    assert "，应写明未完全达到的指标及原因〔" in comment and "应写明未完全达到的指标及原因" in notice
    assert "应为" not in comment and "应为" not in notice
