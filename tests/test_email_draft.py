"""The 定稿 email draft as mail programs read it.

Chinese attachment names: Python's default policy writes them only as RFC 2231 parameters
(``filename*0*=utf-8''%E5…``). Outlook, Foxmail and webmail write — and some older clients only
read — RFC 2047 words in quotes (``filename="=?utf-8?b?…?="``); such a client falls back to a
made-up name (“ATT00001”) for a name it cannot read. The draft now carries both, and the
recipients' Chinese names. (Checked here by parsing, both ways; no real mail client runs here.)
"""

from __future__ import annotations

import email
import re
from email import policy
from email.header import decode_header, make_header
from pathlib import Path


from conftest import SAMPLES, with_settings
from jixiao.cli import main as cli_main

CLEAN = next(p for p in SAMPLES if p.name == "11.json")


def _draft(tmp_path: Path, to: str, form: Path = CLEAN) -> bytes:
    book = tmp_path / "大厂回族自治县医疗保障局绩效自评表.xlsx"
    assert cli_main(["fill", str(form), "-o", str(book)]) == 0
    with_settings(book, (("项目", "内容"), ("收件人", to), ("发件邮箱", "医保局 <ybj@example.gov.cn>"),
                         ("单位名称", "大厂回族自治县医疗保障局")))
    force = [] if form == CLEAN else ["--force"]  # the 填报人 confirms a form with errors
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "out"), "--email", "--no-pdf", *force]) == 0
    return next((tmp_path / "out").glob("*.eml")).read_bytes()


def _params(raw: bytes, header: str, name: str) -> list[str]:
    """The quoted ``name="…"`` values of every ``header`` in the raw message, unfolded, undecoded."""
    text = re.sub(r"\r?\n[ \t]", " ", raw.decode("ascii"))  # unfold header lines
    return re.findall(rf'^{header}:[^\n]*?\b{name}="([^"]*)"', text, flags=re.M | re.I)


def test_attachment_names_are_readable_both_ways(tmp_path):
    raw = _draft(tmp_path, "jxk@czj.example.gov.cn")
    msg = email.message_from_bytes(raw, policy=policy.default)
    names = [a.get_filename() for a in msg.iter_attachments()]  # RFC 2231 first: what standard clients read
    assert names == ["大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx"]
    # a client that reads only filename="…" / name="…" and decodes the RFC 2047 words in it
    for header, param in (("Content-Disposition", "filename"), ("Content-Type", "name")):
        quoted = _params(raw, header, param)
        assert len(quoted) == 1 and quoted[0].startswith("=?utf-8?b?"), (header, quoted)
        assert str(make_header(decode_header(quoted[0]))) == names[0]
    assert b"filename*0*=utf-8''%E5%A4%A7" in raw
    assert max(len(line) for line in raw.splitlines()) <= 998  # SMTP's line limit


def test_recipients_with_chinese_names(tmp_path):
    raw = _draft(tmp_path, "绩效科 <jxk@czj.example.gov.cn>；预算股 <ysg@czj.example.gov.cn>")
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
        ("绩效科", "jxk@czj.example.gov.cn"), ("预算股", "ysg@czj.example.gov.cn")]
    assert [(a.display_name, a.addr_spec) for a in msg["From"].addresses] == [("医保局", "ybj@example.gov.cn")]
    assert msg["X-Unsent"] == "1" and "绩效自评" in msg["Subject"]
    assert raw.isascii()  # every header encoded: no 8-bit bytes for a relay to mangle


def test_the_bureau_reads_the_draft_and_answers_its_sender(tmp_path):
    """Both ends: the 定稿 draft saved into the 财政局's inbox is read by ``review`` (attachment
    names decoded), and the return mail goes back to the address the department sent from."""
    import json

    from review_fixture import run_cli

    raw = _draft(tmp_path, "jxk@czj.example.gov.cn", next(p for p in SAMPLES if p.name == "10.json"))
    inbox = tmp_path / "收件夹"
    inbox.mkdir()
    (inbox / "医保局报送.eml").write_bytes(raw)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "复核"), "--json")
    data = json.loads(text)
    assert code in (0, 1) and data["totals"]["forms"] == 1, data["totals"]
    d = data["departments"][0]
    assert d["file_names"] == ["医保局报送.eml › 大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx"]
    assert d["reply_to"] == ["医保局 <ybj@example.gov.cn>"] and d["status"] == "退回修改"
    back = email.message_from_bytes(Path(d["mail"]).read_bytes(), policy=policy.default)
    assert [(a.display_name, a.addr_spec) for a in back["To"].addresses] == [("医保局", "ybj@example.gov.cn")]


def test_the_mail_carries_the_documents_its_letter_lists(tmp_path, capsys):
    """The 报送函 lists the 项目支出绩效自评报告 and the 整体绩效自评工作报告 as its 附件 1–2; the 定稿 mail
    carried only the 定稿 .xlsx (and PDF). With 生成报告's folder beside the workbook, the mail carries
    the letter and both reports, in the letter's order, before the 定稿 copy; without it, 定稿 says
    which are missing."""
    from jixiao.reports import DOCUMENTS, report_folder

    book = tmp_path / "大厂回族自治县医疗保障局绩效自评表.xlsx"
    assert cli_main(["fill", str(CLEAN), "-o", str(book)]) == 0
    with_settings(book, (("项目", "内容"), ("收件人", "jxk@czj.example.gov.cn"), ("单位名称", "大厂回族自治县医疗保障局")))

    def mail(out: str) -> tuple[list[str], str, str]:
        capsys.readouterr()
        assert cli_main(["finalize", str(book), "-o", str(tmp_path / out), "--email", "--no-pdf"]) == 0
        printed = capsys.readouterr().out
        msg = email.message_from_bytes(next((tmp_path / out).glob("*.eml")).read_bytes(), policy=policy.default)
        body = msg.get_body().get_content()
        return [a.get_filename() for a in msg.iter_attachments()], body, printed

    names, body, printed = mail("before")
    assert names == ["大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx"]
    # no letter either: all three are said missing, not “the letter's” reports
    assert "“报送函”“项目支出绩效自评报告”和“整体绩效自评工作报告”都还没有生成" in printed and "jixiao report" in printed
    assert "（共1个项目）" in body   # no spaces around the number in Chinese text

    assert cli_main(["report", str(book), "-o", str(report_folder(book))]) == 0
    names, body, printed = mail("after")
    assert names == [*(f"大厂回族自治县医疗保障局-2022-{n}.docx" for n in DOCUMENTS),
                     "大厂回族自治县医疗保障局-2022-项目支出绩效自评表.xlsx"]
    assert "还没有生成" not in printed
    # the letter and the reports of a clean form: no 【待核实】; what is still 【待填写】 (the 设置 items, 其他组织
    # 开展情况) is said with its count, the documents attached
    assert "的草稿（生成时自评表仍有错误" not in printed and "处【待填写】，发送前请补上" in printed

    listed = [line.split("．", 1)[1] for line in body.splitlines() if line.strip()[:2] in ("1．", "2．", "3．", "4．")]
    assert listed[:3] == [f"大厂回族自治县医疗保障局-2022-{n}.docx（Word 版）" for n in DOCUMENTS]

    # a draft with errors (生成报告 --force): “改正并再次生成前不得报送” — not mailed as if final
    from docx import Document

    letter = report_folder(book) / "项目支出绩效自评报告.docx"
    doc = Document(str(letter))
    doc.paragraphs[-1].add_run("自评总分95分【待核实】")
    doc.save(str(letter))
    names, body, printed = mail("draft")
    assert "大厂回族自治县医疗保障局-2022-项目支出绩效自评报告.docx" not in names
    assert "大厂回族自治县医疗保障局-2022-报送函.docx" in names
    assert "“项目支出绩效自评报告”是标有【待核实】的草稿（生成时自评表仍有错误，或有像是以元填写的金额），没有放入邮件草稿" in printed, printed


def test_attachments_say_whose_they_are(tmp_path):
    """The 财政局 gets some fifty 定稿 mails; each carried a “报送函.pdf”, a “项目支出绩效自评报告.pdf” and
    an “整体绩效自评工作报告.pdf”: fifty files of one name in its download folder. Each attachment is
    named for the unit, the year and what it is; the files on disk keep their names. A unit's name
    with characters no file name takes (“/”, “:”…) and of any length gives a name Windows saves."""
    from jixiao.reports import DOCUMENTS, report_folder

    unit = "县委/县政府:办公室“综合”科" + "所属事业单位" * 8   # 63 characters
    book = tmp_path / "自评表.xlsx"
    assert cli_main(["fill", str(CLEAN), "-o", str(book)]) == 0
    with_settings(book, (("项目", "内容"), ("收件人", "jxk@czj.example.gov.cn"), ("单位名称", unit)))
    folder = report_folder(book)
    folder.mkdir()
    for n in DOCUMENTS:   # the PDFs 生成报告 writes (their bytes are no matter here)
        (folder / f"{n}.pdf").write_bytes(b"%PDF-1.4 " + n.encode())
    before = sorted(p.name for p in folder.iterdir())
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "out"), "--email", "--no-pdf"]) == 0
    (eml,) = (tmp_path / "out").glob("*.eml")
    raw = eml.read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    parts = list(msg.iter_attachments())
    names = [a.get_filename() for a in parts]
    assert len(names) == 4 and len(set(names)) == 4
    shown = "县委_县政府：办公室“综合”科"   # as the 报送函 prints it (“：”, ``setting_text``), “/” no file name takes as “_”
    for name, what in zip(names, [*(f"{n}.pdf" for n in DOCUMENTS), "项目支出绩效自评表.xlsx"]):
        assert name.endswith(f"-2022-{what}"), name                      # what it is, whole
        assert name.startswith(shown[:30]) and not set(name) & set('/\\:*?"<>|'), name
        assert len(name) <= 75 and len(name.encode()) < 255, name
    assert len({n.split("-2022-")[0] for n in names}) == 1                 # one prefix for the unit's files
    assert [a.get_content() for a in parts[:3]] == [b"%PDF-1.4 " + n.encode() for n in DOCUMENTS]
    # the same name both ways a mail program reads it, and in the mail's list of its attachments
    assert [str(make_header(decode_header(q))) for q in _params(raw, "Content-Disposition", "filename")] == names
    body = msg.get_body().get_content()
    assert all(f"．{n}（" in body for n in names)   # “1．” (GB/T 9704), as the 退回邮件 numbers them
    assert sorted(p.name for p in folder.iterdir()) == before               # nothing renamed on disk
    assert eml.name == names[-1].replace("项目支出绩效自评表.xlsx", "绩效自评报送.eml")
