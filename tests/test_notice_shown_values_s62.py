"""The 退回修改通知 says a figure it adds after a message as the form shows it (session 62).

The 清单's 表中为 and 应为 columns and the marked copy's 校验结果 say a rate “92.50%”, a score “20 分”, a sum in
万元 “13.6 万元” (``forms.shown_value``, the items' ``found_shown``/``expected_shown``); the notice, where a
message does not state the figure itself, appended the bare value the JSON keeps: “表中为“0.925””, “应为“10””.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.review.notices import item_text

sys.path.insert(0, str(Path(__file__).parent))
from review_fixture import form, sample  # noqa: E402


def _item(message: str, found: str, expected: str, found_shown: str, expected_shown: str) -> dict:
    """An item as ``review.run._items`` makes it: the bare figures, and as the form shows them."""
    return {"kind": "finding", "file": "民政局.xlsx", "sheet": "项目1", "cell": "G7", "project": "项目1",
            "message": message, "found": found, "expected": expected, "found_shown": found_shown,
            "expected_shown": expected_shown, "severity": "error", "rule": "A3"}


def test_a_figure_the_notice_adds_is_the_one_the_list_shows() -> None:
    text = item_text(1, _item("执行率与资金数不符", "0.925", "0.8366", "92.50%", "83.66%"))
    assert "表中为“92.50%”" in text and "应为“83.66%”" in text, text
    assert "0.925" not in text and "0.8366" not in text, text
    text = item_text(1, _item("执行率得分与分值 × 执行率不符", "10", "9.5", "10 分", "9.5 分"))
    assert text.endswith("，表中为“10 分”，应为“9.5 分”。"), text


def test_a_figure_the_message_states_is_not_added_in_either_form() -> None:
    """“……为 92.50%” gives the 表中为 (the bare 0.925 is not in it: it was once added as “表中为“0.925””), and
    a message with the bare figure gives it too."""
    text = item_text(1, _item("执行率填为 92.50%，与资金数不符", "0.925", "0.8366", "92.50%", "83.66%"))
    assert "表中为" not in text and "应为“83.66%”" in text, text
    text = item_text(1, _item("得分 88.5 与分值不符", "88.5", "", "88.5 分", ""))
    assert "表中为" not in text, text


def test_the_notice_of_a_review_says_no_bare_figure_the_list_shows_with_its_unit(tmp_path: Path) -> None:
    """Over a review: every 表中为/应为 the notice adds is the figure the 清单 shows."""
    from jixiao.excel.workbook import write_forms
    from jixiao.review.run import review

    d = sample(1)
    funds = d["funds"]
    for k in ("total", "fiscal"):
        funds[k]["executed"] = 2.0
    write_forms([form(1, "县民政局", funds=funds, exec_rate=0.9, exec_score=None), form(2, "县民政局", funds_weight=20),
                 form(3, "县民政局", total_score=100)], tmp_path / "inbox" / "a.xlsx")
    rv = review(tmp_path / "inbox", tmp_path / "out", annotate=False)
    items = [it for dd in rv.departments for it in dd.items]
    assert any("found_shown" in it or "expected_shown" in it for it in items)
    for i, it in enumerate(items, 1):
        text = item_text(i, it)
        for key, word in (("found", "表中为“"), ("expected", "应为“")):
            if f"{key}_shown" in it and word in text and word not in it["message"]:
                assert f"{word}{it[key + '_shown']}”" in text, (it, text)


def test_a6s_sum_of_scores_is_shown_in_points_not_as_a_rate(tmp_path: Path) -> None:
    """A6 (执行率低而指标得分高) is said on the 执行率 cell, its 表中为 the indicators' scores added up (88.5): the
    清单 and the marked copy's 校验结果 showed it as that cell's figure, a rate — “8850.00%”."""
    import openpyxl

    from review_fixture import run_cli

    d = sample(1)
    funds = d["funds"]
    for k in ("total", "fiscal"):
        funds[k]["executed"] = 2.0   # 35.71% of 5.6 万元, the indicators near full marks
    from jixiao.excel.workbook import write_forms

    write_forms([form(1, "县民政局", funds=funds, exec_rate=None, exec_score=None)], tmp_path / "inbox" / "民政局.xlsx")
    run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"))
    folder = tmp_path / "out" / "县民政局"
    rows = list(openpyxl.load_workbook(folder / "退回修改清单.xlsx").active.iter_rows(values_only=True))
    head = next(r for r in rows if r and "表中为" in r)
    a6 = [r for r in rows if r and any("钱未花出而目标全部完成" in str(c) for c in r if c)]
    assert len(a6) == 1, rows
    assert a6[0][head.index("表中为")] == "88.5 分", a6
    sheet = openpyxl.load_workbook(folder / "民政局-校验标注.xlsx")["校验结果"]
    found = [r[7] for r in sheet.iter_rows(values_only=True) if r and r[1] == "A6"]
    assert found == ["88.5 分"], found
