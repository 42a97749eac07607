"""Stop 59's gaps in ``review``, each as the 财政局 reviewer met it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jixiao.excel.workbook import write_forms
from jixiao.review.run import NO_UNIT
from review_fixture import form, list_rows, review_json, run_cli


# ---- 5. an X1 point on a cell says what the cell holds and what to write there, as check's X1 does

def test_an_unread_forms_cell_point_says_what_is_there_and_what_to_write(tmp_path):
    """``check``'s X1 on 全年预算数 “约一百万” has found “约一百万” and expected “数字（单位：万元）”; review's
    to_fix item for the same cell had both empty, and the 清单's 表中为 and 应为 columns were blank beside it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "民政局.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["D7"] = "约一百万"
    wb.save(book)
    _code, text = run_cli("check", str(book), "--json")
    checked = next(f for f in json.loads(text) if f["rule"] == "X1" and f["cell"] == "D7")
    rv = review_json(inbox, tmp_path / "out")
    item = next(it for d in rv["departments"] for it in d["to_fix"] if it["rule"] == "X1" and it["cell"] == "D7")
    assert (item["found"], item["expected"]) == (checked["found"], checked["expected"]) == ("约一百万", "数字（单位：万元）")
    heads, *rows = list_rows(tmp_path / "out" / "县民政局")[1:]
    row = next(r for r in rows if r[heads.index("单元格")] == "D7")
    assert (row[heads.index("表中为")], row[heads.index("应为")]) == ("约一百万", "数字（单位：万元）"), row


# ---- 3. a department's own 汇总表 is matched to its department by the one matcher a file's name is

def test_a_summary_table_typed_for_a_district_is_that_districts(tmp_path):
    """Two districts' 民政局 in one review, and a 汇总表 typed for “北京市海淀区民政局”: ``_check_published``
    matched its unit by ``department_key`` alone and took the first department of that key, 丰台区民政局 —
    whose forms it was then held to. The one matcher (``named_department``) takes the place too."""
    from test_review_published import _down

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "丰台区民政局")], inbox / "a.xlsx")
    write_forms([form(2, "海淀区民政局")], inbox / "b.xlsx")
    _down(inbox / "汇总表.xlsx", "北京市海淀区民政局",
          {"projects_due": 1, "projects_done": 1, "funds_due": 1, "funds_done": 1, "grades": {}})
    got = {d["department"]: d for d in review_json(inbox, tmp_path / "out")["departments"]}
    assert got["海淀区民政局"]["summary_tables"] == ["汇总表.xlsx"]
    assert got["丰台区民政局"]["summary_tables"] == []


def test_the_one_matcher():
    from jixiao.review.expected import named_department

    names = {"县医疗保障局": "子洲县医疗保障局", "丰台区民政局": "丰台区民政局", "海淀区民政局": "海淀区民政局"}
    assert named_department("医保局", names) == "子洲县医疗保障局"
    assert named_department("县医疗保障局", names) == "子洲县医疗保障局"
    assert named_department("北京市海淀区民政局", names) == "海淀区民政局"
    assert named_department("县民政局", names) is None   # two fit: no guess
    assert named_department("县司法局", names) is None and named_department("", names) is None
    assert named_department("县司法局", names, ["县司法局"]) == "县司法局"


# ---- 1. the console says why each file of “（未能识别单位）” is nobody's

BAD = b"PK\x03\x04 not really a workbook" * 20


def _unknown_line(text: str) -> str:
    return next(x for x in text.splitlines() if "（未能识别单位）" in x)


def test_the_console_says_why_a_file_is_nobodys(tmp_path):
    """The line named the files and asked whose they are, but not why the review could not tell: the
    reviewer had to open the 台账's 文件清单 to learn that the folder held two departments' workbooks."""
    inbox = tmp_path / "inbox"
    (inbox / "报送材料").mkdir(parents=True)
    write_forms([form(1, "县民政局")], inbox / "报送材料" / "民政局.xlsx")
    write_forms([form(3, "县教育局")], inbox / "报送材料" / "教育局.xlsx")
    (inbox / "报送材料" / "附件2.xlsx").write_bytes(BAD)
    (inbox / "附件3.xlsx").write_bytes(BAD + b"3")
    write_forms([form(5, "")], inbox / "无名.xlsx")   # a form read that names no 实施单位
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    line = _unknown_line(text)
    assert "请核对是哪个单位报送的：" in line, line
    assert "报送材料/附件2.xlsx，所在文件夹“报送材料”中有2个单位的表（县教育局、县民政局）" in line, line
    assert "附件3.xlsx，文件名没有写明单位" in line, line
    assert "无名.xlsx，表中没有填写实施单位" in line, line
    rv = review_json(inbox, tmp_path / "out2")
    nobody = next(d for d in rv["departments"] if d["department"] == "（未能识别单位）")
    assert {u["file"] for u in nobody["unattributed"]} == set(nobody["file_names"])
    assert all(d["unattributed"] == [] for d in rv["departments"] if d is not nobody)
    # the 文件清单 and --json keep their longer reason
    why = next(u["reason"] for u in rv["unreadable"] if u["file"] == "报送材料/附件2.xlsx")
    assert why.endswith("所在文件夹“报送材料”中有2个单位的表（县教育局、县民政局），未能确定是哪个单位报送的"), why


# ---- 2. a folder's short name is no department unless one here is so named

@pytest.mark.parametrize(("folder", "forms_of", "whose", "why"), [
    # a short name no form or list names: nobody's (it was a department “医保局”, with a notice and a mail)
    ("医保局", "县民政局", NO_UNIT, "所在文件夹“医保局”是简称，各表中没有与之对应的单位"),
    ("报送材料", "县民政局", NO_UNIT, "所在文件夹“报送材料”不是单位名称"),
    # a short name of a department whose forms came elsewhere (by mail, at the top): that one, not a second
    ("医保局", "子洲县医疗保障局", "子洲县医疗保障局", ""),
    # a body's name with its place: that body, as a file so named is
    ("县司法局", "县民政局", "县司法局", ""),
])
def test_a_folder_holding_no_readable_form(tmp_path, folder, forms_of, whose, why):
    inbox = tmp_path / "inbox"
    (inbox / folder).mkdir(parents=True)
    write_forms([form(1, forms_of)], inbox / "自评表.xlsx")
    (inbox / folder / "附件1.xlsx").write_bytes(BAD)
    rv = review_json(inbox, tmp_path / "out")
    got = {d["department"]: d for d in rv["departments"]}
    assert f"{folder}/附件1.xlsx" in got[whose]["unreadable"], sorted(got)
    assert folder not in got or folder == whose, sorted(got)
    assert not (tmp_path / "out" / folder).exists() or folder == whose
    if why:
        assert got[NO_UNIT]["unattributed"] == [{"file": f"{folder}/附件1.xlsx", "why": why}]
        reason = next(u["reason"] for u in rv["unreadable"] if u["file"] == f"{folder}/附件1.xlsx")
        assert reason.endswith(f"；{why}，未能确定是哪个单位报送的"), reason


def test_a_short_folder_name_on_the_list_is_the_listed_department(tmp_path):
    """With the project list naming 子洲县医疗保障局, “医保局/” holding only a damaged file is that department."""
    from review_fixture import project_list, sample

    inbox = tmp_path / "inbox"
    (inbox / "医保局").mkdir(parents=True)
    write_forms([form(1, "县民政局")], inbox / "自评表.xlsx")
    (inbox / "医保局" / "附件1.xlsx").write_bytes(BAD)
    listed = project_list(tmp_path / "清单.xlsx", [(sample(1)["project"], "县民政局"),
                                                   (sample(13)["project"], "子洲县医疗保障局")])
    got = {d["department"]: d for d in review_json(inbox, tmp_path / "out", "--expected", str(listed))["departments"]}
    assert got["子洲县医疗保障局"]["unreadable"] == ["医保局/附件1.xlsx"], sorted(got)
    assert got["子洲县医疗保障局"]["status"] == "无法读取"


def test_a_short_file_name_no_department_fits_is_nobodys(tmp_path):
    """“医保局自评表.xlsx” at the top, nothing of a 医保局 anywhere: it was a department “医保局”."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "医保局自评表.xlsx").write_bytes(BAD)
    got = {d["department"]: d for d in review_json(inbox, tmp_path / "out")["departments"]}
    assert got[NO_UNIT]["unattributed"] == [
        {"file": "医保局自评表.xlsx", "why": "文件名中的“医保局”是简称，各表中没有与之对应的单位"}], sorted(got)


# ---- 4. the notice says why a form sent again did not count, not only that it was replaced

def test_an_older_version_sent_later_is_told_why_it_did_not_count(tmp_path):
    """县教育局 sent its 修改稿 (填报日期 2023.3.10) and then, later, a workbook with the same project dated
    2023.3.1: the later file lost to the earlier one by its 填报日期, and its notice said only ““教育局-项目2.xlsx”
    已被“…（修改稿）.xlsx”替换” — the department, having just sent it, could not tell why."""
    import os

    import docx

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = write_forms([form(3, "县教育局"), form(4, "县教育局", filled_on="2023.3.10")],
                        inbox / "教育局-绩效自评表（修改稿）.xlsx")
    again = write_forms([form(4, "县教育局", filled_on="2023.3.1")], inbox / "教育局-项目2.xlsx")
    os.utime(first, (1_700_000_000, 1_700_000_000))
    os.utime(again, (1_700_100_000, 1_700_100_000))   # sent later
    [dept] = review_json(inbox, tmp_path / "out")["departments"]
    [x] = dept["superseded_forms"]
    assert (x["filled_on"], x["kept_filled_on"]) == ("2023-03-01", "2023-03-10")
    said = ("说明：“教育局-项目2.xlsx”的填报日期（2023年3月1日）早于“教育局-绩效自评表（修改稿）.xlsx”的（2023年3月10日），"
            "已被“教育局-绩效自评表（修改稿）.xlsx”替换，不计入审核，无需修改。")
    assert said in [p.text for p in docx.Document(dept["notice"]).paragraphs]
    assert said in [c for r in list_rows(tmp_path / "out" / "县教育局") for c in r]


@pytest.mark.parametrize(("why", "dates", "clause"), [
    ("填报日期相同，其文件时间较晚", ("2023-03-01", "2023-03-01"), "与“新.xlsx”填报日期相同，“新.xlsx”文件时间较晚"),
    ("填报日期相同，其工作簿记录的保存时间（2023-03-05 10:00）较晚", ("2023-03-01", "2023-03-01"),
     "与“新.xlsx”填报日期相同，“新.xlsx”工作簿记录的保存时间（2023-03-05 10:00）较晚"),
    ("其文件时间较晚", (None, None), "与“新.xlsx”都没有填写填报日期，“新.xlsx”文件时间较晚"),
    ("填报日期较晚", (None, "2023-03-10"), "没有填写填报日期，“新.xlsx”填写的是2023年3月10日"),
])
def test_why_a_workbook_was_replaced(why, dates, clause):
    from types import SimpleNamespace

    from jixiao.review.notices import replaced_note

    gone = [{"file": "旧.xlsx", "replaced_by": "新.xlsx", "sheet": "甲", "why": why,
             "filled_on": dates[0], "kept_filled_on": dates[1]}]
    dept = SimpleNamespace(superseded_forms=gone, files=["新.xlsx"], annotated=[])
    assert replaced_note(dept) == f"“旧.xlsx”{clause}，已被“新.xlsx”替换，不计入审核，无需修改。"


def test_two_sheets_of_two_dates_replaced_whole():
    """Two forms of one workbook, each of an earlier 填报日期 than the other file's: one clause for the file."""
    from types import SimpleNamespace

    from jixiao.review.notices import replaced_note

    gone = [{"file": "旧.xlsx", "replaced_by": "新.xlsx", "sheet": s, "why": "填报日期较晚", "filled_on": d,
             "kept_filled_on": "2023-03-10"} for s, d in (("甲", "2023-03-01"), ("乙", "2023-03-02"))]
    dept = SimpleNamespace(superseded_forms=gone, files=["新.xlsx"], annotated=[])
    assert replaced_note(dept) == "“旧.xlsx”（2张表）的填报日期早于“新.xlsx”，已被“新.xlsx”替换，不计入审核，无需修改。"
