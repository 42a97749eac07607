"""One department sent two different workbooks under one name — two mails each with its “附件1.xlsx”,
or two sub-folders of the inbox each with a “附件1.xlsx” (session 61). Their marked copies came back as
“县民政局-附件1-校验标注.xlsx” and “…-校验标注（2）.xlsx”, the notice and 清单 named them by the reviewer's
own inbox paths (“邮件/民政局1.eml › 附件1.xlsx”, a file name the department never saw): nothing it read
said which copy was which of its files. Now each is told apart by what the department knows — the day
of the mail it came in, or the time its workbook was last saved — in the same words everywhere: the
copy's name, the notice, the 清单, the mail and the 台账's 文件清单."""

from __future__ import annotations

import datetime as _dt
import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, list_rows, run_cli, saved_at


def _mail(inbox: Path, name: str, book: Path, date: str, subject: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Date"] = "mz@example.cn", subject, date
    msg.set_content("请查收。")
    msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="附件1.xlsx")
    (inbox / "邮件").mkdir(parents=True, exist_ok=True)
    (inbox / "邮件" / name).write_bytes(bytes(msg))


def _two_mails(tmp_path: Path, second_date: str = "Mon, 6 Mar 2023 15:20:00 +0800") -> Path:
    inbox = tmp_path / "inbox"
    for i, (n, date) in enumerate(((1, "Fri, 3 Mar 2023 09:00:00 +0800"), (2, second_date))):
        book = write_forms([form(n, "县民政局")], tmp_path / f"made{i}" / "附件1.xlsx")
        _mail(inbox, f"民政局{i + 1}.eml", book, date, f"县民政局绩效自评表{i + 1}")
    return inbox


def _said(out: Path) -> tuple[list[str], list[list[str]], list[str], dict[str, str]]:
    """The department's notice paragraphs, 清单 rows, mail attachment names, and the 文件清单's 说明 by file."""
    folder = out / "县民政局"
    paras = [p.text for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs if p.text.strip()]
    with open(folder / "退回修改邮件.eml", "rb") as fh:
        mail = email.message_from_binary_file(fh, policy=policy.default)
    attached = [str(a.get_filename()) for a in mail.iter_attachments()]
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    files = {str(r[1]): str(r[4] or "") for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}
    return paras, list_rows(folder), attached, files


def test_two_mails_each_with_its_own_attachment_of_one_name(tmp_path: Path) -> None:
    inbox = _two_mails(tmp_path)
    out = tmp_path / "out"
    code, _text = run_cli("review", str(inbox), "-o", str(out))
    assert code == 1
    copies = sorted(p.name for p in (out / "县民政局").glob("*-校验标注*.xlsx"))
    assert copies == ["县民政局-附件1（3月3日邮件）-校验标注.xlsx", "县民政局-附件1（3月6日邮件）-校验标注.xlsx"], copies
    paras, rows, attached, files = _said(out)
    text = "\n".join(paras)
    # each form's heading names its file as the department knows it, not by the reviewer's saved .eml
    assert "一、“附件1.xlsx（3月3日邮件）”中“退役军人辅助性岗位经费”工作表" in paras
    assert "二、“附件1.xlsx（3月6日邮件）”中“医疗保障服务经费”工作表" in paras
    assert ".eml" not in text and "（2）" not in text
    # the 附件说明 names the copies as the mail attaches them, each with its mail's day
    lines = text.replace("\n", "")   # a long name breaks its line after a “-”
    assert "2．县民政局-2022-附件1（3月3日邮件）-校验标注" in lines and "3．县民政局-2022-附件1（3月6日邮件）-校验标注" in lines
    assert "县民政局-2022-附件1（3月6日邮件）-校验标注.xlsx" in attached, attached
    # the 清单's 文件 column, row by row, as the notice
    head = rows[1]
    col = head.index("文件")
    named = {r[col] for r in rows[2:] if r[0].isdigit()}
    assert named == {"附件1.xlsx（3月3日邮件）", "附件1.xlsx（3月6日邮件）"}, named
    # the reviewer's 文件清单 says how the department reads each file's name
    assert "写作“附件1.xlsx（3月3日邮件）”" in files["邮件/民政局1.eml › 附件1.xlsx"], files
    assert "写作“附件1.xlsx（3月6日邮件）”" in files["邮件/民政局2.eml › 附件1.xlsx"], files


def test_two_mails_of_one_day_are_told_apart_by_their_time(tmp_path: Path) -> None:
    inbox = _two_mails(tmp_path, second_date="Fri, 3 Mar 2023 15:20:00 +0800")
    out = tmp_path / "out"
    run_cli("review", str(inbox), "-o", str(out))
    china = _dt.timezone(_dt.timedelta(hours=8))   # as the reviewer's clock shows the two mails' Date
    tags = [f"{t.month}月{t.day}日{t.hour}时{t.minute:02d}分邮件" for t in
            (_dt.datetime(2023, 3, 3, h, m, tzinfo=china).astimezone() for h, m in ((9, 0), (15, 20)))]
    copies = sorted(p.name for p in (out / "县民政局").glob("*-校验标注*.xlsx"))
    assert copies == sorted(f"县民政局-附件1（{t}）-校验标注.xlsx" for t in tags), copies


def test_two_sub_folders_each_with_a_workbook_of_one_name(tmp_path: Path) -> None:
    """Saved into two sub-folders (no mail): the time each workbook records it was last saved — what the
    department's own Excel shows it under 文件 › 信息 — tells them apart, not the reviewer's folder names."""
    inbox = tmp_path / "inbox"
    for i, (n, when) in enumerate(((1, _dt.datetime(2023, 3, 1, 2, 0)), (2, _dt.datetime(2023, 3, 9, 8, 30)))):
        book = write_forms([form(n, "县民政局")], inbox / "县民政局" / f"第{i + 1}次" / "附件1.xlsx")
        saved_at(book, when)
    out = tmp_path / "out"
    run_cli("review", str(inbox), "-o", str(out))
    local = [_dt.datetime(2023, 3, d, h, m, tzinfo=_dt.timezone.utc).astimezone() for d, h, m in ((1, 2, 0), (9, 8, 30))]
    tags = [f"{t.month}月{t.day}日保存" for t in local]
    copies = sorted(p.name for p in (out / "县民政局").glob("*-校验标注*.xlsx"))
    assert copies == sorted(f"县民政局-附件1（{t}）-校验标注.xlsx" for t in tags), copies
    paras, _rows, _attached, files = _said(out)
    assert any(p.startswith(f"一、“附件1.xlsx（{tags[0]}）”中") for p in paras), paras
    assert "第1次" not in "\n".join(paras)
    assert f"写作“附件1.xlsx（{tags[1]}）”" in files["县民政局/第2次/附件1.xlsx"], files


def test_where_nothing_known_tells_them_apart_the_inbox_paths_stay() -> None:
    """A file nothing could be read from (no mail date, no save time known): its group gets no tag, and
    ``sent_names`` names the department's files by their inbox paths, as before — never two alike."""
    from types import SimpleNamespace

    from jixiao.review.notices import sent_names, tell_apart

    names = {"a/附件1.xlsx": "附件1.xlsx", "b/附件1.xlsx": "附件1.xlsx", "b/自评表.xlsx": "自评表.xlsx"}
    known = {"a/附件1.xlsx": ("保存", 1_677_600_000.0)}
    assert tell_apart(names, known.get) == {}
    dept = SimpleNamespace(files=list(names), items=[], superseded_forms=[], told_apart={})
    assert sent_names(dept) == {f: f for f in names}
    # both known, the same day: to the minute; the same minute: nothing
    same_day = {"a/附件1.xlsx": ("邮件", 1_677_600_000.0), "b/附件1.xlsx": ("邮件", 1_677_600_000.0 + 3600)}
    tags = tell_apart(names, same_day.get)
    assert len(set(tags.values())) == 2 and all("时" in t and t.endswith("邮件") for t in tags.values())
    assert tell_apart(names, {f: ("邮件", 1_677_600_000.0) for f in names}.get) == {}


def test_the_attachment_note_never_breaks_a_line_inside_the_brackets() -> None:
    """The 附件说明 broke “县医疗保障局-2022-附件1（3月20日邮件）-校验标注-第3轮” as “…附件1（3月20日邮” over
    “件）-校验标注-第3轮”: what tells the file apart, cut in two. A line ends before the bracket now."""
    from jixiao.review.notices import NAME_ROOM, attachment_name_lines

    for name in ("县医疗保障局-2022-附件1（3月20日邮件）-校验标注-第3轮", "县民政局-2022-附件1（3月3日9时05分邮件）-校验标注-第2轮",
                 "县民政局-2022-民政局-绩效自评表（修改稿）-校验标注"):
        for room in (NAME_ROOM, NAME_ROOM + 2):
            lines = attachment_name_lines(name, room).split("\n")
            assert "".join(lines) == name and len(lines) > 1
            assert all(line.count("（") == line.count("）") for line in lines), lines
