"""A finding's message is one line (stop 51): a name the sheet wraps with Alt+Enter is quoted joined.

“工作人员⏎数量” in a 三级指标名称 cell was quoted with its line break, which split the 退回修改通知's item,
the 清单's 问题 cell and the marked copy's comment in the middle of the name.
"""

from __future__ import annotations

import pytest

from jixiao.core.findings import as_said
from test_rules import clean, hits, ind, run


@pytest.mark.parametrize("message, said", [
    ("指标“工作人员\n数量”的实际完成值未填写", "指标“工作人员数量”的实际完成值未填写"),
    ("指标“工作人员 \r\n 数量”", "指标“工作人员数量”"),
    ("指标“Staff\ncount”", "指标“Staff count”"),
    ("完成值 5.18\n万元", "完成值 5.18万元"),
    ("指标“”的年度指标值未填写", "指标（名称未填）的年度指标值未填写"),
    ("没有换行的消息", "没有换行的消息"),
])
def test_as_said(message, said):
    assert as_said(message) == said


def test_a_wrapped_name_is_quoted_on_one_line():
    d = clean()
    ind(0, name="工作人员\n数量", actual=None)(d)
    found = run(d)
    [c3] = hits(found, "C3")
    assert "指标“工作人员数量”" in c3.message
    assert not [f for f in found if "\n" in f.message]
    assert c3.found is None or "\n" not in str(c3.found)
