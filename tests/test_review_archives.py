"""``review`` with what departments zip: a .zip saved in the inbox or attached to a message.

Before: a .zip was “不是工作簿，未读取”, so a department that zipped its workbook and report was
counted as 未报送 and sent a 催报通知. Now a .zip is opened like a folder (names written by
Chinese Windows tools in GBK decoded), its report is read with its workbooks, and an archive
nothing can be taken out of (a password, damaged, a bomb) makes its department 无法读取
with the reason — never 未报送, never silently.
"""

from __future__ import annotations

import io
import json
import zipfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest

from jixiao.excel.workbook import write_forms
from jixiao.review.archive import member_name, unpack
from review_fixture import form, run_cli, sample, tree_hashes

ZR = "县自然资源局"
# form 12 is 城乡医疗救助资金, 20 万元 budgeted, 19.79 spent: the report's 18.79 contradicts it
ZR_REPORT = "# 县自然资源局2022年度项目支出绩效自评报告\n\n## （一）城乡医疗救助资金\n\n县财政安排预算资金20万元，截至年底支出18.79万元。\n"


def windows_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip as Windows' “发送到 › 压缩文件夹” writes it on a Chinese system: names in GBK, no UTF-8 flag."""
    buf = io.BytesIO()
    names: dict[bytes, bytes] = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(members):
            raw = name.encode("gbk")
            placeholder = (chr(ord("A") + i) * len(raw)).encode()
            names[placeholder] = raw
            z.writestr(zipfile.ZipInfo(placeholder.decode(), (2023, 3, 5, 10, 0, 0)), data)
    data = buf.getvalue()
    for placeholder, raw in names.items():
        assert data.count(placeholder) == 2  # the local header and the central directory
        data = data.replace(placeholder, raw)
    return data


def plain_zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def review(inbox: Path, out: Path, *extra: str) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


def dept(data: dict, name: str) -> dict:
    return next(d for d in data["departments"] if d["department"] == name)


def test_a_zip_in_the_inbox_is_read_like_a_folder(tmp_path):
    made, inbox = tmp_path / "made", tmp_path / "inbox"
    made.mkdir()
    inbox.mkdir()
    zr = write_forms([form(12, ZR)], made / "x.xlsx").read_bytes()
    (inbox / "县自然资源局2022年度绩效自评材料.zip").write_bytes(windows_zip([
        ("自评材料/自然资源局自评表.xlsx", zr),
        ("自评材料/自评报告.md", ZR_REPORT.encode("utf-8")),
        ("自评材料/说明.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("__MACOSX/自评材料/._自然资源局自评表.xlsx", b"\x00\x05\x16\x07 resource fork"),
        ("自评材料/~$自然资源局自评表.xlsx", b"lock"),
    ]))
    before = tree_hashes(inbox)
    data = review(inbox, tmp_path / "out")
    assert tree_hashes(inbox) == before  # nothing unpacked into the inbox
    d = dept(data, ZR)
    assert (d["forms"], d["status"]) == (1, "退回修改")
    assert d["file_names"] == ["县自然资源局2022年度绩效自评材料.zip › 自评材料/自然资源局自评表.xlsx"]
    rep = data["reports"]
    assert [(r["file"], r["department"], r["status"]) for r in rep] == [
        ("县自然资源局2022年度绩效自评材料.zip › 自评材料/自评报告.md", ZR, "计入")]
    assert rep[0]["errors"] >= 1  # 18.79 against the form's 19.79
    assert data["unreadable"] == []
    # the PDF is listed as not a workbook; the resource fork and the lock file are not files anyone sent
    assert [(s["file"], s["reason"]) for s in data["skipped"]] == [
        ("县自然资源局2022年度绩效自评材料.zip › 自评材料/说明.pdf", "压缩包中的文件不是工作簿，未读取")]
    listed = [r[1] for r in openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
              .iter_rows(min_row=3, values_only=True)]
    assert "县自然资源局2022年度绩效自评材料.zip › 自评材料/自然资源局自评表.xlsx" in listed
    assert not any("MACOSX" in str(x) or "~$" in str(x) for x in listed)


def test_a_zip_attached_to_a_message_and_one_inside_another(tmp_path):
    made, inbox = tmp_path / "made", tmp_path / "inbox"
    made.mkdir()
    inbox.mkdir()
    a = write_forms([form(1, "县民政局")], made / "民政局.xlsx")
    b = write_forms([form(2, "县教育局")], made / "教育局.xlsx")
    msg = EmailMessage()
    msg["Subject"], msg["Date"] = "县民政局报送", "Fri, 3 Mar 2023 09:00:00 +0800"
    msg.set_content("请查收。")
    msg.add_attachment(plain_zip([("民政局.xlsx", a.read_bytes())]), maintype="application", subtype="zip",
                       filename="民政局自评材料.zip")
    (inbox / "县民政局报送.eml").write_bytes(bytes(msg))
    inner = plain_zip([("教育局.xlsx", b.read_bytes())])
    (inbox / "县教育局").mkdir()
    (inbox / "县教育局" / "材料.zip").write_bytes(plain_zip([("里层.zip", inner)]))
    data = review(inbox, tmp_path / "out")
    assert dept(data, "县民政局")["file_names"] == ["县民政局报送.eml › 民政局自评材料.zip › 民政局.xlsx"]
    assert dept(data, "县教育局")["file_names"] == ["县教育局/材料.zip › 里层.zip › 教育局.xlsx"]
    assert data["totals"]["forms"] == 2 and data["unreadable"] == []


def test_an_archive_that_cannot_be_opened_is_its_departments_unreadable_file_not_a_silence(tmp_path):
    """With the approval list, a department whose only file is a damaged RAR, a zip with a password
    or a damaged zip was 未报送 (and got a 催报通知); it sent something, which the reviewer must see."""
    from archive_builders import rar4_stored

    made, inbox = tmp_path / "made", tmp_path / "inbox"
    made.mkdir()
    for d in ("县水务局", "县卫生健康局", "县交通运输局", "县民政局"):
        (inbox / d).mkdir(parents=True)
    plain = write_forms([form(5, "县卫生健康局")], made / "卫健局.xlsx")
    (inbox / "县水务局" / "自评材料.rar").write_bytes(rar4_stored([("水务局.xlsx", plain.read_bytes())])[:200])
    locked = bytearray(plain_zip([("卫健局.xlsx", plain.read_bytes())]))
    for at in (6, locked.rfind(b"PK\x01\x02") + 8):  # the encryption bit in both headers, as a password sets it
        locked[at] |= 0x01
    (inbox / "县卫生健康局" / "材料.zip").write_bytes(bytes(locked))
    (inbox / "县交通运输局" / "材料.zip").write_bytes(plain_zip([("交通.xlsx", plain.read_bytes())])[:300])
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    expected = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    for n, d in ((10, "县水务局"), (5, "县卫生健康局"), (11, "县交通运输局"), (1, "县民政局")):
        wb.active.append([sample(n)["project"], d])
    wb.save(expected)
    data = review(inbox, tmp_path / "out", "--expected", str(expected))
    said = {u["file"]: (u["department"], u["reason"]) for u in data["unreadable"]}
    assert said["县水务局/自评材料.rar › 水务局.xlsx"] == ("县水务局", "无法从压缩包中取出（文件被截断）")
    assert said["县卫生健康局/材料.zip › 卫健局.xlsx"] == ("县卫生健康局", "压缩包设有密码，无法读取：请去掉密码后重新报送")
    assert said["县交通运输局/材料.zip"][0] == "县交通运输局" and "已损坏" in said["县交通运输局/材料.zip"][1]
    for d in ("县水务局", "县卫生健康局", "县交通运输局"):
        assert dept(data, d)["status"] == "无法读取", d
    assert dept(data, "县民政局")["forms"] == 1
    rows = {r[1]: r for r in openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
            .iter_rows(min_row=3, values_only=True)}
    assert rows["县水务局/自评材料.rar › 水务局.xlsx"][2:4] == ("县水务局", "无法读取")  # every file the inbox holds is listed
    notice = tmp_path / "out" / "县水务局" / "退回修改通知.docx"
    import docx

    text = "\n".join(p.text for p in docx.Document(str(notice)).paragraphs)
    assert "自评材料.rar" in text and "文件被截断" in text


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = tmp_path / "炸弹.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("自评表.xlsx", b"\x00" * (65 * 2**20))
    members, refused = unpack(bomb, tmp_path / "work", "炸弹.zip", 0.0)
    assert members == [] and len(refused) == 1 and "压缩炸弹" in refused[0].reason
    assert not (tmp_path / "work").exists() or not any((tmp_path / "work").rglob("*.xlsx"))


def test_member_names_cannot_leave_the_work_folder(tmp_path):
    evil = tmp_path / "evil.zip"
    evil.write_bytes(plain_zip([("../../逃出.xlsx", b"PK"), ("/etc/绝对.xlsx", b"PK"), ("a/../../../再逃.md", b"x")]))
    members, refused = unpack(evil, tmp_path / "w" / "work", "evil.zip", 0.0)
    assert refused == [] and len(members) == 3
    for m in members:
        assert m.path.resolve().is_relative_to((tmp_path / "w" / "work").resolve())
    assert sorted(p.name for p in tmp_path.rglob("*.xlsx")) == ["绝对.xlsx", "逃出.xlsx"]
    assert [m.shown for m in members] == ["evil.zip › ../../逃出.xlsx", "evil.zip › /etc/绝对.xlsx",
                                          "evil.zip › a/../../../再逃.md"]


@pytest.mark.parametrize(("raw", "flag", "name"), [
    ("民政局/自评表.xlsx".encode("gbk"), 0, "民政局/自评表.xlsx"),     # Windows, 好压, 360压缩
    ("民政局/自评表.xlsx".encode("utf-8"), 0, "民政局/自评表.xlsx"),   # Info-ZIP, macOS without the flag
    ("民政局/自评表.xlsx".encode("utf-8"), 0x800, "民政局/自评表.xlsx"),
    (b"report.xlsx", 0, "report.xlsx"),
])
def test_member_name_is_the_name_sent(raw, flag, name):
    info = zipfile.ZipInfo("x")
    info.flag_bits = flag
    info.filename = raw.decode("utf-8") if flag else raw.decode("cp437")  # as zipfile reads it
    assert member_name(info) == name


def test_a_zip_of_zips_shares_one_limit(tmp_path, monkeypatch):
    """42.zip: each level within the limit, together far beyond it. The inner archives draw on the
    outer one's budget, so what is written in all is bounded by one limit, not multiplied by it."""
    import jixiao.review.archive as A

    monkeypatch.setattr(A, "MAX_TOTAL_BYTES", 3 * 2**20)
    inner = plain_zip([(f"{k}.xlsx", b"\x00" * 2**20) for k in range(2)])  # 2 MB inflated, under 3 MB
    outer = tmp_path / "42.zip"
    outer.write_bytes(plain_zip([(f"{k}.zip", inner) for k in range(4)]))  # 4 × 2 MB once inflated
    members, refused = unpack(outer, tmp_path / "work", "42.zip", 0.0)
    assert len(members) == 2 and len(refused) == 3  # the first inner archive fits; the others do not
    assert all("压缩炸弹" in r.reason for r in refused)
    written = sum(p.stat().st_size for p in (tmp_path / "work").rglob("*") if p.is_file())
    assert written <= 3 * 2**20


def test_check_and_summarize_say_a_zip_in_a_folder_is_not_read(tmp_path, capsys):
    """``check``/``summarize`` of a folder take workbooks only; a .zip among them was listed as
    “不是工作簿”, and a folder of zips alone as having nothing to read — without saying why."""
    from jixiao.cli import main

    made = write_forms([form(1, "县民政局")], tmp_path / "x.xlsx")
    only = tmp_path / "只有压缩包"
    only.mkdir()
    (only / "民政局.zip").write_bytes(plain_zip([("民政局.xlsx", made.read_bytes())]))
    assert main(["check", str(only)]) == 2
    assert "其中有 1 个压缩包：请先解压；财政局复核用 jixiao review" in capsys.readouterr().err
    mixed = tmp_path / "混合"
    mixed.mkdir()
    (mixed / "民政局.zip").write_bytes((only / "民政局.zip").read_bytes())
    (mixed / "民政局.xlsx").write_bytes(made.read_bytes())
    assert main(["summarize", str(mixed), "-o", str(tmp_path / "汇总.xlsx")]) == 0
    assert "民政局.zip：是压缩包，未读取：请先解压" in capsys.readouterr().err


def test_mail_saved_into_a_zip_is_opened_too(tmp_path):
    """A department that zipped the mails it had (an .eml and an Outlook .msg): their attachments are
    read, named by the path through the zip; the return mail goes to the .eml's sender."""
    from email.message import EmailMessage

    from msg_fixture import outlook_msg

    made, inbox = tmp_path / "made", tmp_path / "inbox"
    made.mkdir()
    inbox.mkdir()
    a = write_forms([form(1, "县民政局")], made / "a.xlsx").read_bytes()
    b = write_forms([form(2, "县民政局")], made / "b.xlsx").read_bytes()
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "mz@example.cn", "报送"
    msg.set_content("见附件")
    msg.add_attachment(a, maintype="application", subtype="octet-stream", filename="第一批.xlsx")
    (inbox / "民政局邮件.zip").write_bytes(plain_zip([("报送.eml", bytes(msg)),
                                                   ("补报.msg", outlook_msg("补报", "mz@example.cn", [("第二批.xlsx", b)]))]))
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    (d,) = json.loads(text)["departments"]
    assert d["forms"] == 2 and sorted(d["file_names"]) == ["民政局邮件.zip › 报送.eml › 第一批.xlsx",
                                                           "民政局邮件.zip › 补报.msg › 第二批.xlsx"]
    assert d["reply_to"] == ["mz@example.cn"]
