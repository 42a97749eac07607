"""A department whose only workbook cannot be opened (a password to open, a damaged file), with no
project list: the file's name says whose it is (“县住房和城乡建设局绩效自评表.xlsx”), so the department
is listed as 无法读取 and gets its notice — it was “（未能识别单位）”, with no notice for anyone."""

from __future__ import annotations

import json

import docx
import pytest

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


@pytest.mark.parametrize(("name", "whose"), [
    ("县住房和城乡建设局绩效自评表.xlsx", "县住房和城乡建设局"),
    ("549-县委宣传部2022年度项目支出绩效自评表.xlsx", "县委宣传部"),
    ("大厂县医疗保障局-自评表（修改稿）.xls", "大厂县医疗保障局"),
    # a damaged archive as a damaged workbook (it was “（未能识别单位）”, with no notice)
    ("县司法局.zip", "县司法局"),
    ("县司法局绩效自评表.zip", "县司法局"),
    ("县统计局.7z", "县统计局"),
])
def test_an_unreadable_workbook_is_the_department_its_name_says(tmp_path, name, whose):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / name).write_bytes(b"PK\x03\x04 not a workbook at all")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert whose in got, sorted(got)
    assert got[whose]["status"] == "无法读取" and got[whose]["unreadable"] == [name]
    assert (tmp_path / "out" / whose / "退回修改通知.docx").is_file()
    notice = "".join(p.text for p in docx.Document(str(tmp_path / "out" / whose / "退回修改通知.docx")).paragraphs)
    assert f"“{name}”" in notice and "重新报送" in notice


def test_a_name_that_says_no_body_stays_unknown(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "附件1.xlsx").write_bytes(b"PK\x03\x04 not a workbook at all")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    assert "（未能识别单位）" in {d["department"] for d in json.loads(text)["departments"]}
