"""``review`` with messages Outlook saved (.msg): read like an .eml.

Before: a .msg was “不是工作簿”, so a department whose mail the reviewer saved from Outlook
(“另存为”, or dragged onto the inbox folder) was 未报送. The .msg files here are written by
``msg_fixture`` (no Outlook runs here) and held to olefile, the reader jixiao uses.
"""

from __future__ import annotations

import io
import json
import struct

import olefile

from jixiao.excel.workbook import write_forms
from jixiao.review.outlook import read_msg
from msg_fixture import compound_file, outlook_msg
from review_fixture import form, run_cli
from test_review_archives import ZR, ZR_REPORT


def test_the_fixture_is_a_compound_file_olefile_reads_strictly():
    data = outlook_msg("报送", "a@b.cn", [("表.xlsx", b"x" * 5000), ("短.txt", b"hi")])
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("__attach_version1.0_#00000001/__substg1.0_37010102").read() == b"hi"
    assert len(ole.openstream("__attach_version1.0_#00000000/__substg1.0_37010102").read()) == 5000


def test_read_msg(tmp_path):
    p = tmp_path / "m.msg"
    p.write_bytes(outlook_msg("报送", "shuiwu@example.cn", [("水务局自评表.xlsx", b"PK1"), ("说明.pdf", b"%PDF")],
                              embedded=1, forwarded=[("转来的表.xlsx", b"PK3")]))
    m = read_msg(p)
    assert m.sender == "shuiwu@example.cn" and m.embedded == 1
    assert m.attachments == [("水务局自评表.xlsx", b"PK1"), ("说明.pdf", b"%PDF"), ("转来的表.xlsx", b"PK3")]
    p.write_bytes(outlook_msg("报送", "x@y.cn", [("民政局自评表.xlsx", b"PK2")], ansi_names=True))  # GBK names
    assert read_msg(p).attachments == [("民政局自评表.xlsx", b"PK2")]


def test_the_send_time_orders_resubmissions(tmp_path):
    """PR_CLIENT_SUBMIT_TIME, a FILETIME in the message's fixed-size property stream."""
    props = bytearray(32) + struct.pack("<II", 0x00390040, 6) + struct.pack("<Q", 133226496000000000)
    p = tmp_path / "m.msg"
    p.write_bytes(compound_file({"__properties_version1.0": bytes(props), "__substg1.0_0037001F": "x".encode("utf-16-le")}))
    assert read_msg(p).sent == 133226496000000000 / 1e7 - 11644473600  # 2023-03-06 00:00 UTC


def test_review_reads_an_outlook_message(tmp_path):
    made, inbox = tmp_path / "made", tmp_path / "inbox"
    made.mkdir()
    inbox.mkdir()
    book = write_forms([form(12, ZR)], made / "x.xlsx").read_bytes()
    (inbox / "县自然资源局报送.msg").write_bytes(outlook_msg(
        "县自然资源局2022年度绩效自评材料", "zrzy@example.cn",
        [("自然资源局自评表.xlsx", book), ("自评报告.md", ZR_REPORT.encode("utf-8")), ("说明.pdf", b"%PDF-1.4")]))
    water = write_forms([form(10, "县水务局")], made / "w.xlsx").read_bytes()
    (inbox / "转发.msg").write_bytes(outlook_msg("转发", "z@example.cn", [], embedded=1,
                                                  forwarded=[("水务局自评表.xlsx", water)]))
    (inbox / "不是邮件.msg").write_bytes(compound_file({"Workbook": b"\x09\x08" + b"\0" * 100}))
    (inbox / "坏.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    d = next(x for x in data["departments"] if x["department"] == ZR)
    assert d["forms"] == 1 and d["file_names"] == ["县自然资源局报送.msg › 自然资源局自评表.xlsx"]
    assert d["reply_to"] == ["zrzy@example.cn"]
    assert [(r["file"], r["department"], r["status"]) for r in data["reports"]] == [
        ("县自然资源局报送.msg › 自评报告.md", ZR, "计入")]
    said = {s["file"]: s["reason"] for s in data["skipped"]} | {u["file"]: u["reason"] for u in data["unreadable"]}
    assert said["县自然资源局报送.msg › 说明.pdf"] == "邮件附件不是工作簿，未读取"
    # a message forwarded as an attachment: its workbook read all the same, as an .eml's would be
    assert next(x for x in data["departments"] if x["department"] == "县水务局")["file_names"] == [
        "转发.msg › 水务局自评表.xlsx"]
    assert said["不是邮件.msg"] == "Outlook 邮件无法解析（其中没有邮件内容）"
    assert said["坏.msg"].startswith("Outlook 邮件无法解析（") and "Traceback" not in said["坏.msg"]


def test_an_eml_forwarding_a_message_as_an_attachment(tmp_path):
    """Parity: the same forwarded-as-attachment case in MIME (message/rfc822) is read too."""
    from email.message import EmailMessage

    inner = EmailMessage()
    inner["From"], inner["Subject"] = "shuiwu@example.cn", "报送"
    inner.set_content("见附件")
    inner.add_attachment(write_forms([form(10, "县水务局")], tmp_path / "w.xlsx").read_bytes(),
                         maintype="application", subtype="octet-stream", filename="水务局自评表.xlsx")
    outer = EmailMessage()
    outer["From"], outer["Subject"] = "office@example.cn", "转发：报送"
    outer.set_content("转发")
    outer.add_attachment(inner)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "转发.eml").write_bytes(bytes(outer))
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    (d,) = json.loads(text)["departments"]
    assert d["file_names"] == ["转发.eml › 水务局自评表.xlsx"] and d["forms"] == 1
