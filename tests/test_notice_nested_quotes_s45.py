"""The 退回修改通知 quotes form text as written; text with straight double quotes inside a “…” came out
as “"三公经费"控制率” (zizhou-2023 department sample). GB/T 15834 nests them as ‘’; the check listing and
``--json`` keep the cell's text as it is."""

from __future__ import annotations

from jixiao.reports.text import nest_quotes
from jixiao.review.notices import item_text, list_message

ITEM = {"kind": "finding", "rule": "F15", "severity": "info", "cell": "F47", "found": None, "expected": None,
        "message": '指标“"三公经费"控制率”缺少计算数据（本年“三公经费”支出（万元）），得分未能复核'}


def test_the_notice_and_its_list_nest_the_quotes():
    said = item_text(1, ITEM, placed=True)
    assert "“‘三公经费’控制率”" in said and '"' not in said, said
    assert list_message(ITEM).startswith("指标“‘三公经费’控制率”缺少计算数据"), list_message(ITEM)


def test_only_inside_chinese_quotes_and_only_in_pairs():
    assert nest_quotes('写作 "A" 与“"B"项”') == '写作 "A" 与“‘B’项”'
    assert nest_quotes('“5" 显示器”') == '“5" 显示器”'     # one straight quote: an inch mark, left alone
    assert nest_quotes("没有引号") == "没有引号"


def test_curly_quotes_inside_curly_ones_nest_too():
    """s50: our templates name an indicator “三公经费”变动率; a message quoting it read 指标““三公经费”变动率”."""
    assert nest_quotes("指标““三公经费”变动率”得分 0") == "指标“‘三公经费’变动率”得分 0"
    assert nest_quotes("“a“b“c”b”a”") == "“a‘b“c”b’a”"          # the third level is double again
    assert nest_quotes("本年“三公经费”支出与“上年”") == "本年“三公经费”支出与“上年”"   # side by side: as they are
    assert nest_quotes("指标““三公经费变动率”") == "指标““三公经费变动率”"      # a lone “: left alone
    item = {**ITEM, "rule": "F8", "message": "指标““三公经费”变动率”得分 0 低于分值 5，扣了 5 分，应在“扣分原因”中写明原因"}
    assert "指标“‘三公经费’变动率”得分 0" in item_text(1, item, placed=True)
    assert list_message(item).startswith("指标“‘三公经费’变动率”得分 0")


def test_the_marked_copy_nests_them_as_the_notice_does():
    """The comment on the cell and the 校验结果 sheet of the marked copy quote the same message."""
    from jixiao.core.findings import Finding
    from jixiao.excel.plan import SetComment, annotation_plan

    f = Finding(rule="F8", severity="error", field="indicators[1].reason", file="a.xlsx", sheet="部门整体",
                cell="J12", project="示例县财政局", source="a.xlsx#部门整体",
                message="指标““三公经费”变动率”得分 0 低于分值 5，扣了 5 分，应在“扣分原因”中写明原因，表中为空白")
    plan = annotation_plan([f])
    [comment] = [a for a in plan.edits if isinstance(a, SetComment)]
    assert "指标“‘三公经费’变动率”得分 0" in comment.text and "““" not in comment.text
    assert "““" not in repr(plan.edits)   # the 校验结果 sheet too
