"""A file nothing could be read from, in a folder two departments' workbooks share: whose it is cannot
be told, so it goes to “（未能识别单位）” with the reason why — it went to one of them (the longer name
the folder's name holds, 子洲县医疗保障局, whose notice then asked for a file that may not be theirs, while
the other department was not told), or the folder's name became a department of its own (“报送材料”, with
a notice and a mail). A department's own folder, and a file whose own name names one department, still
decide."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from jixiao.excel.workbook import write_forms
from jixiao.review.run import NO_UNIT
from review_fixture import form, run_cli

YB, MZ = "子洲县医疗保障局", "子洲县民政局"
BAD = b"PK\x03\x04 not really a workbook" * 20


def _review(tmp_path: Path, folder: str, bad: str, depts: tuple[str, ...] = (YB, MZ)) -> dict:
    """An inbox with a workbook of each of ``depts`` in ``folder`` ("" the inbox itself) and the damaged
    file ``bad`` beside them: the review's --json."""
    inbox = tmp_path / "inbox"
    where = inbox / folder if folder else inbox
    where.mkdir(parents=True)
    for k, dept in enumerate(depts):
        write_forms([form(13 if dept == YB else 1 + k, dept)], where / f"自评表{k + 1}.xlsx")
    (where / bad).parent.mkdir(parents=True, exist_ok=True)
    (where / bad).write_bytes(BAD)
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    return json.loads(text)


def _notice(tmp_path: Path, dept: str) -> str:
    return "".join(p.text for p in docx.Document(str(tmp_path / "out" / dept / "退回修改通知.docx")).paragraphs)


@pytest.mark.parametrize("folder", [
    f"{YB}和{MZ}",   # the folder names both: it went to the longer name, 子洲县医疗保障局
    "报送材料",       # a folder no body's: it became a department “报送材料” with its own notice and mail
    "医保局和民政局",  # a body-like folder name holding both departments' workbooks: as “报送材料”
])
def test_an_unreadable_file_in_a_shared_folder_is_nobodys(tmp_path, folder):
    rv = _review(tmp_path, folder, "自评表.xlsx")
    got = {d["department"]: d for d in rv["departments"]}
    assert set(got) == {YB, MZ, NO_UNIT}, sorted(got)
    assert got[NO_UNIT]["unreadable"] == [f"{folder}/自评表.xlsx"]
    assert got[YB]["unreadable"] == [] and got[MZ]["unreadable"] == []
    for dept in (YB, MZ):  # neither is asked for a file that may not be its own
        assert "自评表.xlsx”" not in _notice(tmp_path, dept)
    assert not (tmp_path / "out" / folder).exists() or folder in (YB, MZ)
    # the reviewer is told why it is nobody's: the 文件清单 (and --json) say whose workbooks share the folder
    why = next(u["reason"] for u in rv["unreadable"] if u["file"] == f"{folder}/自评表.xlsx")
    assert YB in why and MZ in why and "未能确定" in why, why


def test_a_report_nothing_could_be_read_from_in_a_shared_folder_is_nobodys(tmp_path):
    """An unreadable 自评报告 beside two departments' workbooks: not the folder's name as a department."""
    rv = _review(tmp_path, "报送材料", "自评报告.docx")
    got = {d["department"] for d in rv["departments"]}
    assert "报送材料" not in got and NO_UNIT in got, sorted(got)


@pytest.mark.parametrize(("folder", "bad", "whose"), [
    ("报送材料", f"{MZ}补报.xlsx", MZ),       # the file's own name names one department
    (f"{YB}和{MZ}", f"{MZ}补报.xlsx", MZ),   # … over the folder's two
    ("报送材料", "县司法局.zip", "县司法局"),  # a body no form names, by the file's name (as at the top)
    ("报送材料", "医保局自评表.xlsx", YB),    # … a short name of a department the forms name: that department
    ("医保局和民政局", f"{MZ}补报.xlsx", MZ),  # a folder's name joining two bodies
])
def test_a_file_named_for_one_department_in_a_shared_folder_is_that_ones(tmp_path, folder, bad, whose):
    rv = _review(tmp_path, folder, bad)
    got = {d["department"]: d for d in rv["departments"]}
    assert f"{folder}/{bad}" in got[whose]["unreadable"], sorted(got)
    assert NO_UNIT not in got
    assert f"“{bad}”" in _notice(tmp_path, whose)


@pytest.mark.parametrize(("folder", "whose"), [(MZ, MZ), ("民政局", MZ), (f"{MZ}/附件", MZ)])
def test_an_unreadable_file_in_a_departments_own_folder_stays_its(tmp_path, folder, whose):
    rv = _review(tmp_path, folder, "自评表.xlsx", depts=(MZ,))
    got = {d["department"]: d for d in rv["departments"]}
    assert set(got) == {whose}, sorted(got)
    assert got[whose]["unreadable"] == [f"{folder}/自评表.xlsx"]
    assert "“自评表.xlsx”" in _notice(tmp_path, whose)


def test_an_unreadable_file_at_the_top_beside_two_departments_is_nobodys(tmp_path):
    rv = _review(tmp_path, "", "自评表.xlsx")
    got = {d["department"]: d for d in rv["departments"]}
    assert got[NO_UNIT]["unreadable"] == ["自评表.xlsx"]


def _mail(path: Path, attachments: list[tuple[str, bytes]]) -> None:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["Subject"] = "baosong@example.cn", "2022年度绩效自评表"
    msg.set_content("请查收。")
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(msg))


@pytest.mark.parametrize("folder", ["", "报送材料"])
def test_an_unreadable_attachment_is_the_department_whose_forms_came_in_the_same_mail(tmp_path, folder):
    """One mail, one sender: an attachment that would not open beside one department's workbook is that
    department's, even where another department's workbook shares the folder."""
    made = write_forms([form(1, MZ)], tmp_path / "made" / "民政局.xlsx")
    where = tmp_path / "inbox" / folder
    _mail(where / "报送.eml", [("民政局.xlsx", made.read_bytes()), ("附件2.xlsx", BAD)])
    write_forms([form(13, YB)], where / "医保局.xlsx")
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert NO_UNIT not in got, sorted(got)
    assert [f.endswith("报送.eml › 附件2.xlsx") for f in got[MZ]["unreadable"]] == [True]


def test_an_unreadable_attachment_of_a_mail_carrying_two_departments_forms_is_nobodys(tmp_path):
    one, two = (write_forms([form(n, d)], tmp_path / "made" / f"{k}.xlsx") for k, (n, d) in enumerate([(1, MZ), (13, YB)]))
    _mail(tmp_path / "inbox" / "报送.eml", [("a.xlsx", one.read_bytes()), ("b.xlsx", two.read_bytes()), ("附件3.xlsx", BAD)])
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    rv = json.loads(text)
    got = {d["department"]: d for d in rv["departments"]}
    assert got[NO_UNIT]["unreadable"] == ["报送.eml › 附件3.xlsx"], sorted(got)
    why = next(u["reason"] for u in rv["unreadable"] if u["file"] == "报送.eml › 附件3.xlsx")
    assert "同一邮件" in why and YB in why and MZ in why, why


@pytest.mark.parametrize("folder", ["医保局和民政局", "县医保局、县民政局", "县委办与县政府办"])
def test_a_folder_named_for_two_bodies_is_nobodys_own(tmp_path, folder):
    """No readable form beside it, and a folder's name that names two bodies: not a department of that name
    (“医保局和民政局”, with a notice and a mail to nobody's address)."""
    rv = _review(tmp_path, folder, "自评表.xlsx", depts=())
    got = {d["department"]: d for d in rv["departments"]}
    assert set(got) == {NO_UNIT}, sorted(got)
    why = next(u["reason"] for u in rv["unreadable"])
    assert f"“{folder}”" in why and "未能确定" in why, why


@pytest.mark.parametrize("folder", ["县文化和旅游局", "县住房和城乡建设局", "县发展和改革局"])
def test_a_body_whose_name_has_a_he_is_one(tmp_path, folder):
    rv = _review(tmp_path, folder, "自评表.xlsx", depts=())
    assert {d["department"] for d in rv["departments"]} == {folder}
