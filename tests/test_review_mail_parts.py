"""Saved messages as some mail programs write them.

Headers that carry GBK bytes as they are (older Foxmail and Outlook Express, some webmail
exports) rather than encoded (RFC 2047/2231). Before: such an attachment was listed as “b.eml › ������������.xlsx” in the 台账, the notice and
the department's file names, and a sender named that way got a draft addressed to “���
<mz@example.cn>”. Now those bytes are decoded as GB18030 (UTF-8 first), as the mail program
that wrote them meant.

Attachments with no name at all (some webmail forwards, scanners that mail what they scan).
Before: skipped without a word — a department whose only message was such was 未报送, and an
inbox of such messages was refused as holding no workbook. Now each is named by its type (else
by its first bytes): “未命名附件1.xlsx”.

Outlook's winmail.dat: a message written in RTF reaches a mail program other than Outlook (the
bureau's Foxmail, a webmail) with its attachments packed into one winmail.dat. Before: that was
“邮件附件不是工作簿”, and the department 未报送. Now the files inside it are read, each shown as
“报送.eml › winmail.dat › 自评表.xlsx”."""

from __future__ import annotations

import base64
import email
import json
from email import policy
from pathlib import Path

import pytest

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _message(name: bytes, sender: bytes, workbook: bytes) -> bytes:
    body = base64.encodebytes(workbook)
    return (b"From: " + sender + b" <mz@example.cn>\r\nSubject: baosong\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain; charset=GBK\r\n\r\n"
            + "请查收".encode("gbk") + b"\r\n--XX\r\nContent-Type: application/octet-stream; name=\"" + name + b"\"\r\n"
            b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"" + name + b"\"\r\n\r\n"
            + body + b"\r\n--XX--\r\n")


@pytest.mark.parametrize("codec", ["gbk", "utf-8"])
def test_raw_8bit_names_are_read_as_sent(tmp_path, codec):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局")], tmp_path / "x.xlsx").read_bytes()
    (inbox / "报送.eml").write_bytes(_message("民政局自评表.xlsx".encode(codec), "民政局".encode(codec), book))
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    assert code == 1
    d = next(x for x in json.loads(text)["departments"] if x["department"] == "县民政局")
    assert d["file_names"] == ["报送.eml › 民政局自评表.xlsx"]
    assert d["reply_to"] == ["民政局 <mz@example.cn>"]
    draft = email.message_from_bytes(Path(d["mail"]).read_bytes(), policy=policy.default)
    assert [(a.display_name, a.addr_spec) for a in draft["To"].addresses] == [("民政局", "mz@example.cn")]
    assert any(p.name == "民政局自评表-校验标注.xlsx" for p in Path(d["folder"]).iterdir())


def test_an_encoded_name_is_left_as_the_email_package_reads_it(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局")], tmp_path / "x.xlsx").read_bytes()
    encoded = b"=?GBK?B?" + base64.b64encode("民政局自评表.xlsx".encode("gbk")) + b"?="
    (inbox / "报送.eml").write_bytes(_message(encoded, b"=?GBK?B?" + base64.b64encode("民政局".encode("gbk")) + b"?=",
                                               book))
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    d = next(x for x in json.loads(text)["departments"] if x["department"] == "县民政局")
    assert d["file_names"] == ["报送.eml › 民政局自评表.xlsx"] and d["reply_to"] == ["民政局 <mz@example.cn>"]


def test_an_attachment_without_a_name_is_read_by_its_type_or_its_bytes(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局")], tmp_path / "x.xlsx").read_bytes()
    other = write_forms([form(2, "县民政局")], tmp_path / "y.xlsx").read_bytes()

    def part(ctype: str, data: bytes) -> bytes:
        return (b"--XX\r\nContent-Type: " + ctype.encode() + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64.encodebytes(data) + b"\r\n")

    raw = (b"From: mz@example.cn\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
           + part("text/plain; charset=utf-8", "请查收".encode())
           + part("image/png", b"\x89PNG\r\n\x1a\n signature picture")          # in the body: not an attachment
           + part("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", book)
           + part("application/octet-stream", other)                              # told by its bytes
           + part("application/octet-stream", b"\x00\x01 nothing known") + b"--XX--\r\n")
    (inbox / "报送.eml").write_bytes(raw)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    d = next(x for x in data["departments"] if x["department"] == "县民政局")
    assert d["file_names"] == ["报送.eml › 未命名附件1.xlsx", "报送.eml › 未命名附件2.xlsx"] and d["forms"] == 2
    assert data["skipped"] == [] and data["unreadable"] == []


@pytest.mark.parametrize("long_names", [True, False])
def test_the_files_inside_outlooks_winmail_dat_are_read(tmp_path, capsys, long_names):
    from msg_fixture import winmail_dat

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = write_forms([form(1, "县民政局")], tmp_path / "x.xlsx").read_bytes()
    tnef = winmail_dat([("民政局自评表.xlsx", book), ("说明.txt", "见附件。".encode("gbk") * 10)], long_names=long_names)
    raw = (b"From: mz@example.cn\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
           b"--XX\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XX\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
           b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
           + base64.encodebytes(tnef) + b"\r\n--XX--\r\n")
    (inbox / "报送.eml").write_bytes(raw)
    (inbox / "坏.eml").write_bytes(raw.replace(base64.encodebytes(tnef), base64.encodebytes(b"not tnef at all")))
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    d = next(x for x in data["departments"] if x["department"] == "县民政局")
    assert d["file_names"] == ["报送.eml › winmail.dat › 民政局自评表.xlsx"] and d["forms"] == 1
    skipped = {s["file"]: s["reason"] for s in data["skipped"]}
    assert skipped["坏.eml › winmail.dat"] == "邮件附件不是工作簿，未读取"   # a damaged one stays what it was
    assert "tnef" not in capsys.readouterr().err.lower()


QQ_BODY = ("<div>您好，附件是我局2022年度绩效自评表，请查收。</div><div>从QQ邮箱发来的超大附件</div>"
           "<div>民政局自评表.xlsx (25.3M, 2023年04月02日 10:00 到期)"
           "<a href=\"https://mail.qq.com/cgi-bin/ftnExs_download?k=abc\">进入下载页面</a></div>")


def _html_mail(body: str, attach: tuple[str, bytes] | None = None) -> bytes:
    parts = (b"--XX\r\nContent-Type: text/html; charset=GBK\r\nContent-Transfer-Encoding: base64\r\n\r\n"
             + base64.encodebytes(body.encode("gbk")) + b"\r\n")
    if attach:
        parts += (b"--XX\r\nContent-Type: application/octet-stream; name=\"" + attach[0].encode() + b"\"\r\n"
                  b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(attach[1]) + b"\r\n")
    return (b"From: mz@example.cn\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
            + parts + b"--XX--\r\n")


def test_a_mail_with_only_a_large_attachment_link_is_its_departments_unreadable_file(tmp_path):
    """QQ/网易 “超大附件”: the file stays on the mail server and the message holds a link that expires.
    Before: “邮件中没有附件”, and the department was 未报送 (a 催报 to one that did send)."""
    inbox = tmp_path / "inbox"
    for d in ("县民政局", "县教育局", "县水务局"):
        (inbox / d).mkdir(parents=True)
    (inbox / "县民政局" / "报送.eml").write_bytes(_html_mail(QQ_BODY))
    report = b"%PDF-1.4\n%%EOF\n"
    (inbox / "县教育局" / "报送.eml").write_bytes(_html_mail(QQ_BODY, ("baosonghan.pdf", report)))
    (inbox / "县水务局" / "报送.eml").write_bytes(_html_mail("<div>请查收。</div>"))
    from msg_fixture import outlook_msg

    (inbox / "县交通运输局").mkdir()
    (inbox / "县交通运输局" / "报送.msg").write_bytes(outlook_msg("自评表", "jt@example.cn", [], body=(
        "您好，自评表较大，以文件中转站发送：https://mail.163.com/large-attachment-download/x 请于15天内下载。")))
    write_forms([form(1, "县民政局")], tmp_path / "x.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json",
                         "--expected", str(_listed(tmp_path)))
    data = json.loads(text)
    said = {u["file"]: (u["department"], u["reason"]) for u in data["unreadable"]}
    assert said["县民政局/报送.eml"][0] == "县民政局" and "超大附件" in said["县民政局/报送.eml"][1]
    status = {d["department"]: d["status"] for d in data["departments"]}
    assert status["县民政局"] == "无法读取"
    assert said["县交通运输局/报送.msg"][0] == "县交通运输局" and "超大附件" in said["县交通运输局/报送.msg"][1]
    skipped = {s["file"]: s["reason"] for s in data["skipped"]}
    assert "请核实是否漏报" in skipped["县教育局/报送.eml"]
    assert skipped["县水务局/报送.eml"] == "邮件中没有附件"


def _listed(tmp_path: Path) -> Path:
    import openpyxl

    from review_fixture import sample

    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    for n, d in ((1, "县民政局"), (3, "县教育局"), (10, "县水务局"), (11, "县交通运输局")):
        wb.active.append([sample(n)["project"], d])
    wb.save(tmp_path / "清单.xlsx")
    return tmp_path / "清单.xlsx"
