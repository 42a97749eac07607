"""A project named as the bureau's own list names it is not told to take “预算批复中的项目名称” (stop 58 QA).

A county's 预算批复 often names a transfer payment by its funding document (“关于提前下达 2022 年省级财政医疗
救助补助资金的通知冀财社(2021)179 号”). With that list given to ``review --expected``, a department whose form
copied the name exactly was still told (H2) that it “是文件标题或表名，应为预算批复中的项目名称” — the bureau
contradicting its own list, and the department asked to rename a project to a name the list does not have
(so that the next round would find it 未报). Without a list, or where the list names the project otherwise,
H2 stands as before."""

from __future__ import annotations

import json

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, project_list, run_cli, sample


def _h2(tmp_path, listed: list[tuple[str, str]] | None) -> tuple[list[dict], str, list[str]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir(parents=True)
    write_forms([form(14, "县医疗保障局"), form(12, "县医疗保障局")], inbox / "医保局自评表.xlsx")
    argv = ["review", str(inbox), "-o", str(tmp_path / "out"), "--json"]
    if listed is not None:
        argv += ["--expected", str(project_list(tmp_path / "清单.xlsx", listed))]
    _code, text = run_cli(*argv)
    d = json.loads(text)["departments"][0]
    items = [it for it in d["to_fix"] if it["rule"] == "H2"]
    notice = "".join(p.text for p in docx.Document(d["notice"]).paragraphs) if d["notice"] else ""
    copy = openpyxl.load_workbook(d["annotated"][0])
    comments = [c.comment.text for ws in copy.worksheets for row in ws.iter_rows() for c in row if c.comment]
    return items, notice, comments


TITLE = sample(14)["project"]   # “关于提前下达 2022 年省级财政医疗救助补助资金的通知冀财社(2021)179 号”


def test_a_name_the_list_gives_is_not_told_to_be_renamed(tmp_path):
    items, notice, comments = _h2(tmp_path, [(TITLE, "县医疗保障局"), (sample(12)["project"], "县医疗保障局")])
    assert not items, items
    assert "应为预算批复中的项目名称" not in notice
    assert not any("文件标题或表名" in c for c in comments)


def test_without_the_list_or_under_another_name_h2_stands(tmp_path):
    items, notice, _ = _h2(tmp_path / "a", None)
    assert [it["project"] for it in items] == [TITLE] and "应为预算批复中的项目名称" in notice
    items, _, _ = _h2(tmp_path / "b", [("2022 年省级财政医疗救助补助资金", "县医疗保障局"),
                                       (sample(12)["project"], "县医疗保障局")])
    assert [it["project"] for it in items] == [TITLE]
