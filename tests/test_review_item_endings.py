"""Every item of the 退回修改通知 ends one way (s42 QA 1).

The same request was said in several forms: “…（请核实，如无误可说明理由）。” (most), “…），请核实，如无误
可说明理由。” after a message ending in brackets, “…请核实二者，改正有误的一项（如无误可说明理由）” (F10),
and in a second round “（上次已指出）。”, “（请核实，如无误可说明理由；上次已指出）。”, “…（等级优），上次已
指出。”. Now ``notices.ending`` closes every item, the 自评报告's included: the item's own sentence, then
what the notice asks, then “上次已指出”, each a sentence of its own — no brackets of the notice's beside
the item's own (GB/T 15834), no request after a comma. The 清单's 问题 says the same words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from jixiao.review.notices import item_text, list_message
from jixiao.review.reports import report_item_text
from review_fixture import form, run_cli

VERIFY = "请核实，如无误可说明理由。"
# the one shape of an item's end: its own sentence, then the request to verify, then 上次已指出
SCHEME = re.compile(r"[^，；（]。(?:请核实[^。（）]*如无误可说明理由。)?(?:上次已指出。)?$")


def _item(message: str, severity: str = "warning", again: bool = False, **more) -> dict:
    return {"kind": "finding", "file": "a.xlsx", "sheet": "表", "cell": "E15", "project": "表", "rule": "C9",
            "severity": severity, "message": message, "again": again, **more}


def test_a_point_to_verify_ends_in_one_sentence_whatever_its_message_ends_in():
    plain = item_text(1, _item("产出指标分值合计原则上为 50，表中为 70"), placed=True)
    bracket = item_text(2, _item("实际完成值“5.18”没有单位，应写作“5.18 万元”（请核对确是以万元计的数）"), placed=True)
    own = item_text(3, _item("指标“A”的评分标准写满分 5 分，与分值 10 分不一致，请核实二者，改正有误的一项"),
                    placed=True)
    d8 = item_text(4, _item("得分 5 × 33.33% = 1.67 分；按其中的数值 1 年 计算，请核实"), placed=True)
    assert plain == f"1．E15 单元格：产出指标分值合计原则上为 50，表中为 70。{VERIFY}"
    assert bracket.endswith("（请核对确是以万元计的数）。" + VERIFY), bracket
    assert own.endswith("与分值 10 分不一致。请核实二者，改正有误的一项，如无误可说明理由。"), own
    assert d8.endswith("按其中的数值 1 年 计算。" + VERIFY), d8
    for text in (plain, bracket, own, d8):
        assert SCHEME.search(text) and "（请核实" not in text and "，请核实，如无误" not in text, text


def test_a_point_made_last_time_says_so_in_a_sentence_of_its_own():
    error = item_text(1, _item("自评等级应为“良”，表中为总分 85 分（等级优）", "error", again=True), placed=True)
    warning = item_text(2, _item("产出指标分值合计原则上为 50，表中为 70", again=True), placed=True)
    bracket = item_text(3, _item("应写作“5.18 万元”（请核对确是以万元计的数）", again=True), placed=True)
    assert error.endswith("（等级优）。上次已指出。"), error
    assert warning.endswith("表中为 70。请核实，如无误可说明理由。上次已指出。"), warning
    assert bracket.endswith("（请核对确是以万元计的数）。请核实，如无误可说明理由。上次已指出。"), bracket
    for text in (error, warning, bracket):
        assert SCHEME.search(text) and "）（" not in text and "（上次已指出" not in text, text


def test_a_sentence_of_the_report_ends_the_same_way():
    base = {"kind": "report", "file": "自评报告.docx", "paragraph": 3, "quote": "执行率 95%",
            "message": "第3段：报告写执行率 95%，表中为 92.5%", "against": "表.xlsx › 表 › G7"}
    warning = report_item_text(1, {**base, "severity": "warning"})
    error = report_item_text(2, {**base, "severity": "error", "again": True})
    assert warning.endswith("（见表.xlsx › 表 › G7）。" + VERIFY), warning
    assert error.endswith("（见表.xlsx › 表 › G7）。请核实后改正报告或自评表。上次已指出。"), error


def test_the_list_says_what_the_notice_says():
    """The 清单's 问题 is the item's text without what its own columns hold (where, 表中为 and 应为,
    备注): the request reads as in the notice, and a message's own request is not said twice."""
    own = _item("评分标准写满分 5 分，与分值 10 分不一致，请核实二者，改正有误的一项", again=True)
    assert list_message(own) == "评分标准写满分 5 分，与分值 10 分不一致。请核实二者，改正有误的一项，如无误可说明理由"
    assert item_text(1, own, placed=True) == f"1．E15 单元格：{list_message(own)}。上次已指出。"
    error = _item("执行率得分应为 9.5，表中为 10", "error")
    assert list_message(error) == "执行率得分应为 9.5，表中为 10"


def test_every_item_of_a_review_ends_so_in_the_notice_and_the_list(tmp_path):
    inbox = tmp_path / "inbox" / "县民政局"
    inbox.mkdir(parents=True)
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "民政局.xlsx")
    code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    [dept] = json.loads(text)["departments"]
    items = [p.text for p in docx.Document(dept["notice"]).paragraphs
             if re.match(r"\d+．", p.text) and not p.style.name.startswith("附件")]
    verify = [t for t in items if "如无误" in t]
    assert len(verify) >= 5 and any("）。请核实" in t for t in verify)  # some end in brackets of their own
    for t in items:
        assert t.endswith("。") and "）（" not in t and "（请核实" not in t and "，请核实，如无误" not in t, t
    for t in verify:
        assert SCHEME.search(t), t
    ws = openpyxl.load_workbook(dept["notice_xlsx"]).active
    head = [c.value for c in ws[2]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=3) if isinstance(r[0].value, int)]
    for row in rows:
        said = next(t for t in items if t.startswith(f"{row['序号']}．"))
        assert ("如无误可说明理由" in row["问题"]) == ("如无误可说明理由" in said) == (row["类别"] == "请核实"), row
        if row["类别"] == "请核实":
            assert row["问题"].endswith("。请核实，如无误可说明理由"), row
            assert said.endswith(row["问题"].rpartition("。")[2] + "。"), (said, row)


def _unquoted(text: str) -> str:
    """``text`` without what it quotes (a name or a value may hold a colon of its own)."""
    while True:
        shorter = re.sub(r"“[^“”]*”", "", text)
        if shorter == text:
            return text
        text = shorter


def test_a_sentence_of_an_item_has_one_colon(tmp_path):
    """“E8 单元格：全年执行数：年度资金总额为……”, “G34 单元格：……不是各项分值之和：请先把……”, “D14 单元格：……
    指标值只有 1 处不同：“总成本”……”: a second colon inside one sentence (GB/T 15834 4.8), after the cell's.
    Every sample's items, in the notice and in the 清单, now have one colon a sentence."""
    inbox = tmp_path / "inbox" / "县医疗保障局"
    inbox.mkdir(parents=True)
    write_forms([form(n, "县医疗保障局") for n in range(1, 24) if n != 9], inbox / "医保局.xlsx")
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    [dept] = json.loads(text)["departments"]
    items = [p.text for p in docx.Document(dept["notice"]).paragraphs
             if re.match(r"\d+．", p.text) and not p.style.name.startswith("附件")]
    said = " ".join(items)
    assert len(items) > 150 and "处不同，即“总成本”" in said and "不是各项分值之和，请先把" in said
    ws = openpyxl.load_workbook(dept["notice_xlsx"]).active
    listed = [str(r[6].value) for r in ws.iter_rows(min_row=3) if isinstance(r[0].value, int)]
    for t in items + listed:
        for sentence in _unquoted(t).split("。"):
            assert sentence.count("：") <= 1, t
