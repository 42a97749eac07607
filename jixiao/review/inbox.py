"""What a reviewer saved from the mailbox, as workbooks to read (and the other files sent with them).

The inbox is a folder (with subfolders, often one per department) of workbooks — .xlsx,
.xlsm, .xls, WPS .et — of saved messages whose attachments are the workbooks (.eml, or an
Outlook .msg: ``outlook``), and of .zip archives holding them (``archive``; a .zip may also be
attached). Attachments and members are
written to a work folder, never into the inbox; a WPS .et is staged
under the suffix of what it really is (an old BIFF/CFB workbook → .xls, a zip → .xlsx),
which python-calamine reads, and LibreOffice converts what calamine cannot. Every file
keeps the name the reviewer knows it by (``shown``), relative to the inbox.
"""

from __future__ import annotations

import email
import os
import re
import shutil
from dataclasses import dataclass, replace
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from .. import guard
from ..guard.textsafe import windows_text
from ..docprops import CFB_MAGIC, ZIP_MAGIC
from ..errors import JixiaoError
from ..fileio import safe_filename
from ..reading.workbook import WORKBOOK_SUFFIXES
from ..sources import MAIL_SUFFIXES

__all__ = ["READ_SUFFIXES", "WPS_SUFFIXES", "InboxFile", "Sent", "Skipped", "collect", "gather", "whose_name"]

WPS_SUFFIXES = {".et", ".ett"}
READ_SUFFIXES = WORKBOOK_SUFFIXES | WPS_SUFFIXES


@dataclass
class InboxFile:
    path: Path          # what is read (the file itself, or its staged copy)
    shown: str          # the name the reviewer knows: "民政局/报送.eml › 附件.xlsx"
    origin: Path        # the file in the inbox (the .eml for an attachment)
    mtime: float        # file time (an attachment: the message's Date)
    folder: str         # whose folder it is in (``whose_folder``; "" at the top)
    converted: bool = False  # read from a LibreOffice conversion
    # an attachment: whether ``mtime`` is what its message says of when it was sent (``mail_time``), not the
    # saved message's file time (the day the reviewer saved it, perhaps): only then is it “3月3日邮件”
    mail_dated: bool = True


@dataclass
class Skipped:
    file: str
    reason: str
    kind: str = "not_workbook"
    folder: str = ""    # whose folder it is in (``whose_folder``): whose it may be (``run.guess``)
    origin: str = ""    # the file in the inbox it is or came in (the .eml, the .zip), for a link

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason, "kind": self.kind}


def _safe(name: str) -> str:
    """An attachment's name as a file name in the work folder."""
    return safe_filename(name, "附件")


def _stage_wps(src: Path, work: Path, shown: str, mtime: float, origin: Path, folder: str) -> InboxFile:
    """A WPS .et as what it is inside; LibreOffice where calamine cannot read it."""
    head = src.read_bytes()[:8]
    suffix = ".xls" if head == CFB_MAGIC else ".xlsx" if head.startswith(ZIP_MAGIC) else None
    work.mkdir(parents=True, exist_ok=True)
    if suffix:
        staged = work / (src.stem + suffix)
        shutil.copyfile(src, staged)
        os.utime(staged, (mtime, mtime))
        if _calamine_opens(staged):
            return InboxFile(staged, shown, origin, mtime, folder)
    return _stage_converted(src, work, shown, mtime, origin, folder, keep=src.stem + ".xlsx")


def _markup(path: Path) -> bool:
    """A table saved as a web page or as Excel 2003 XML under a workbook's name (``markup_kind``):
    checked like any input first (a FIFO named .xls must not block the sniffing)."""
    from ..reading.workbook import markup_kind

    try:
        guard.check_input(path)
    except JixiaoError:
        return False  # the reader reports it, as for any workbook
    return markup_kind(path) is not None


def _stage_converted(src: Path, work: Path, shown: str, mtime: float, origin: Path, folder: str,
                     keep: str | None = None) -> InboxFile:
    """``src`` as an .xlsx LibreOffice saved (it reads WPS spreadsheets calamine does not, and the
    web pages and Excel 2003 XML that systems export as .xls); where that fails (no LibreOffice, a
    timeout), ``src`` itself (under ``keep``, if given), which the reader reports under its name."""
    work.mkdir(parents=True, exist_ok=True)
    try:
        from ..excel.office import convert

        out = convert(src, "xlsx", work / "lo")
        os.utime(out, (mtime, mtime))
        return InboxFile(out, shown, origin, mtime, folder, converted=True)
    except (JixiaoError, OSError):  # no LibreOffice, a timeout, a file it cannot convert
        if keep is None:
            return InboxFile(src, shown, origin, mtime, folder)
        bad = work / keep  # unreadable: the reader reports it under its name
        shutil.copyfile(src, bad)
        return InboxFile(bad, shown, origin, mtime, folder)


def _calamine_opens(path: Path) -> bool:
    import python_calamine as pc

    try:
        pc.CalamineWorkbook.from_path(str(path)).close()
        return True
    except Exception:  # noqa: BLE001 - calamine raises many kinds for a file it cannot read; that is the answer
        return False


MAX_EML_BYTES = 4 * guard.MAX_FILE_BYTES  # a message: several workbooks, base64 (4/3 of their size)


def open_message(eml: Path) -> tuple[Any, float | None]:
    """A saved e-mail message and when it was sent (``mail_time``; None where the message does not say), for
    both the workbooks and the reports attached to it. Checked first like any input: a FIFO named
    x.eml would block ``open``, a huge one would be read whole. Bad input: ``JixiaoError``."""
    guard.check_input(eml, max_bytes=MAX_EML_BYTES)
    try:
        with open(eml, "rb") as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
    except Exception as exc:  # noqa: BLE001 - a damaged message is reported, the batch goes on
        raise JixiaoError(f"{eml}：邮件无法解析（{guard.engine_error_zh(exc)}）", file=str(eml)) from None
    return msg, mail_time(msg)


def mail_time(msg: Any) -> float | None:
    """When a message was sent, as it says itself: its Date header, else the earliest date its servers stamped
    on it (each ``Received:`` header ends “; Tue, 21 Mar 2023 08:31:02 +0800”: the first server's is the
    earliest); None where it says neither. A message saved without a Date (some webmail exports, a mail
    forwarded as a file) was labelled by the saved file's time — the day the reviewer saved it — and the notice
    told the department of “附件1.xlsx（3月9日邮件）”, a mail it never sent on that day."""
    def when(text: str) -> float | None:
        try:
            return parsedate_to_datetime(text.strip()).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None

    try:
        date = msg["Date"]
    except Exception:  # noqa: BLE001 - the header parser fails on some malformed headers: read as absent
        date = None
    if date and (t := when(str(date))) is not None:
        return t
    try:
        received = [str(v) for k, v in msg.raw_items() if k.lower() == "received"]
    except Exception:  # noqa: BLE001 - as above
        received = []
    stamped = [t for t in (when(r.rpartition(";")[2]) for r in received if ";" in r) if t is not None]
    return min(stamped) if stamped else None


MESSAGE_SUFFIXES = MAIL_SUFFIXES  # a saved mail: MIME (Foxmail, Thunderbird, webmail) or Outlook's own


def _raw_decoded(part: Any, key: str) -> str | None:
    """Header ``key`` of ``part`` as its bytes were sent, decoded: UTF-8, else GB18030. Most mail
    programs encode a Chinese name (RFC 2047/2231); some older ones, and some webmail exports,
    write the GBK bytes as they are, which the email package can only show as “����”."""
    for k, value in part.raw_items():
        if k.lower() == key:
            try:
                raw = value.encode("ascii", "surrogateescape")  # the parser kept each 8-bit byte so
            except UnicodeEncodeError:
                return None
            return windows_text(raw) or raw.decode("gb18030", "replace")
    return None


def _filename(part: Any) -> str | None:
    """An attachment's name as it was sent (``_raw_decoded`` where the parser lost it)."""
    name = part.get_filename()
    if not name or "\ufffd" not in name:
        return name
    for key, param in (("content-disposition", "filename"), ("content-type", "name")):
        text = _raw_decoded(part, key)
        got = policy.default.header_factory(key, text).params.get(param) if text else None
        if got and "\ufffd" not in got:
            return str(got)
    return name


def _sender(msg: Any) -> str:
    """Who a message is from, for the reply (Reply-To, else From), a raw GBK name decoded."""
    for key in ("reply-to", "from"):
        if msg[key] is None:
            continue
        text = str(msg[key])
        if "\ufffd" in text:
            raw = _raw_decoded(msg, key)
            text = str(policy.default.header_factory(key, raw)) if raw else text
        if text.strip():
            return text.strip()
    return ""


_UNNAMED_TYPES = {"application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm", "application/x-zip-compressed": ".zip",
                  "application/x-rar-compressed": ".rar", "application/x-rar": ".rar"}


def _unnamed(part: Any, data: bytes, n: int) -> str | None:
    """A name for an attachment sent without one (some webmail forwards and scanners write none),
    by its type, else by its first bytes: “未命名附件1.xlsx”. The body and pictures in it are no
    attachment: None."""
    import mimetypes

    if part.get_content_maintype() in ("text", "image", "multipart", "message"):
        return None
    ctype = part.get_content_type()
    ext = _UNNAMED_TYPES.get(ctype) or mimetypes.guess_extension(ctype)
    if ext in (None, ".bin"):
        ext = _sniffed(data)
    return f"未命名附件{n}{ext}" if ext else None


def _sniffed(data: bytes) -> str | None:
    """.xlsx, .docx, .zip, .rar, .7z or .pdf by the first bytes (and a zip's own parts)."""
    import io
    import zipfile

    from .archive_formats import kind_of_bytes

    kind = kind_of_bytes(data[:8])
    if kind == "zip":  # a workbook and a Word file are zips too: told by their parts
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return ".zip"
        return ".xlsx" if "xl/workbook.xml" in names else ".docx" if "word/document.xml" in names else ".zip"
    return f".{kind}" if kind else ".pdf" if data.startswith(b"%PDF") else None


def _tnef(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The files inside Outlook's winmail.dat (TNEF: what Outlook sends when a message is written
    in RTF and the other side's mail program is not Outlook), each as “winmail.dat › 自评表.xlsx”;
    the file itself where it cannot be parsed (it is then listed as not a workbook)."""
    import logging

    from tnefparse import TNEF

    logging.getLogger("tnefparse").setLevel(logging.CRITICAL + 1)  # its English warnings are no user's to read
    try:
        tnef = TNEF(data, do_checksum=False)
    except Exception:  # noqa: BLE001 - a damaged winmail.dat stays a file that is not a workbook
        return [(name, data)]
    out = []
    for n, att in enumerate(tnef.attachments, 1):
        if not att.data:
            continue
        try:
            inner = str(att.long_filename() or "").strip("\x00")
        except Exception:  # noqa: BLE001 - only an 8-bit title: decoded below
            inner = ""
        if not inner:  # only the 8-bit title, in the message's code page
            raw = att._name if isinstance(att._name, bytes) else str(att._name).encode("utf-8", "replace")
            inner = (windows_text(raw, tnef.codepage or "gb18030") or "").strip("\x00")
        out.append((f"{name} › {Path(inner.replace(chr(92), '/')).name or f'附件{n}'}", bytes(att.data)))
    return out or [(name, data)]


# what the mail services write in a message whose file is held on their server, not attached
# (QQ 邮箱 and 网易邮箱 “超大附件”, 文件中转站, Outlook.com and others' 云附件): the link expires
LINKED = re.compile(r"超大附件|文件中转站|云附件|大附件下载|ftnExs_download")
LINKED_ONLY = "邮件中只有“超大附件”的下载链接，附件本身不在邮件中（链接会过期），请直接以附件或压缩包重新报送"


def _message(path: Path) -> tuple[str, float | None, list[tuple[str, bytes]], int, bool, str]:
    """(who sent it, when — None where it does not say, ``mail_time`` —, its attached files as (name, bytes), attached messages, whether its text
    points to a file held on the mail server instead, its Message-ID — "" for an Outlook .msg, which
    keeps it elsewhere) of a saved .eml or Outlook .msg. Checked first like any input. Bad input:
    ``JixiaoError``."""
    if path.suffix.lower() != ".msg":
        msg, mtime = open_message(path)
        files = []
        unnamed = 0
        linked = False
        for part in msg.walk():
            if part.is_multipart():
                continue
            name = _filename(part)
            payload = part.get_payload(decode=True)  # a leaf part decodes to bytes (None: no body)
            data = payload if isinstance(payload, bytes) else b""
            if not name and part.get_content_maintype() == "text" and not linked:
                linked = bool(LINKED.search(data[:200_000].decode(part.get_content_charset() or "utf-8", "replace")
                                            if _codec_known(part) else data[:200_000].decode("gb18030", "replace")))
            if not name and data and (name := _unnamed(part, data, unnamed + 1)):
                unnamed += 1
            if name and (name.lower() == "winmail.dat" or part.get_content_type() == "application/ms-tnef"):
                files += _tnef(name, data)
            elif name:
                files.append((name, data))
        try:
            # the header as written: the parsed one keeps the first of two ids (“<a@b> <c@d>” → “<a@b>”),
            # and which of several such mails a department's kept file came in varies from run to run
            ident = next((str(v).strip() for k, v in msg.raw_items() if k.lower() == "message-id"), "")
        except Exception:  # noqa: BLE001 - the header parser fails on some malformed ids: no id then
            ident = ""
        return _sender(msg), mtime, files, 0, linked, ident if re.fullmatch(r"<[^<>\s]+@[^<>\s]+>", ident) else ""
    from .outlook import NotAMessage, read_msg

    guard.check_input(path, max_bytes=MAX_EML_BYTES)
    try:
        m = read_msg(path)
    except Exception as exc:  # noqa: BLE001 - olefile raises many kinds for a damaged file; the batch goes on
        why = "其中没有邮件内容" if isinstance(exc, NotAMessage) else guard.engine_error_zh(exc)
        raise JixiaoError(f"{path}：Outlook 邮件无法解析（{why}）", file=str(path)) from None
    return (m.sender, m.sent, m.attachments, m.embedded, bool(LINKED.search(m.body)), "")


def _codec_known(part: Any) -> bool:
    import codecs

    try:
        codecs.lookup(part.get_content_charset() or "utf-8")
        return True
    except LookupError:
        return False


def _attachments(mail: Path, work: Path, shown: str, folder: str, sent: "Sent", origin: Path) -> None:
    """Each attachment of one saved message (.eml or .msg), written below ``work`` and taken as
    sent; ``origin``: the file in the inbox it came in (the message itself, or a .zip holding it)."""
    try:
        sender, sent_at, files, embedded, linked, ident = _message(mail)
    except JixiaoError as exc:
        sent.skip(Skipped(shown, guard.reason(exc, mail), "unreadable", folder, str(origin)))
        return
    if sender:  # where the department's return mail goes (``write.return_mail``)
        sent.senders[str(origin)] = sender
    if ident:  # the mail the return answers (its In-Reply-To)
        sent.message_ids[str(origin)] = ident
    # the saved message's file time where it says nothing of when it was sent: an order for resubmissions, not
    # a day to tell the department (``InboxFile.mail_dated``)
    mtime = sent_at if sent_at is not None else _mtime(mail)
    before = sent.count()
    for n, (name, data) in enumerate(files):
        box = work / f"{mail.stem[:40]}-{n}"
        box.mkdir(parents=True, exist_ok=True)
        target = box / _safe(Path(name).name)
        target.write_bytes(data)
        os.utime(target, (mtime, mtime))
        sent.take(target, f"{shown} › {name}", origin, mtime, folder, "邮件附件不是工作簿，未读取",
                  mail_dated=sent_at is not None)
    if sent.count() == before:
        sent.skip(Skipped(shown, LINKED_ONLY, "unreadable", folder, str(origin)) if linked
                  else Skipped(shown, "邮件中没有附件", folder=folder, origin=str(origin)))
    elif linked:  # some files attached, another left on the mail server: perhaps the workbook
        sent.skip(Skipped(shown, "邮件中另有“超大附件”的下载链接，那个文件不在邮件中（链接会过期），请核实是否漏报",
                          folder=folder, origin=str(origin)))


class Sent:
    """What the departments sent, sorted as it is found: workbooks (a WPS .et staged as what it
    is), other files (a report, a PDF — with why a workbook reader left it), and what could not
    be opened at all. A .zip is opened like a folder (``archive.unpack``), and a saved message for
    its attachments (.eml, Outlook .msg), wherever they are."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.workbooks: list[InboxFile] = []
        self.others: list[tuple[InboxFile, str]] = []
        self.skipped: list[Skipped] = []
        self.senders: dict[str, str] = {}  # a message in the inbox -> who sent it (Reply-To, else From)
        self.message_ids: dict[str, str] = {}  # a message in the inbox -> its Message-ID (“<…@…>”)
        self._boxes = 0

    def count(self) -> int:
        return len(self.workbooks) + len(self.others) + len(self.skipped)

    def box(self, kind: str) -> Path:
        self._boxes += 1
        return self.work / f"{kind}-{self._boxes}"

    def skip(self, s: Skipped) -> None:
        self.skipped.append(s)

    def take(self, path: Path, shown: str, origin: Path, mtime: float, folder: str, not_workbook: str,
             mail_dated: bool = True) -> None:
        """``mail_dated``: an attachment whose ``mtime`` is what its message says (``InboxFile.mail_dated``)."""
        from .archive import ARCHIVE_SUFFIXES, OTHER_ARCHIVES, refusal, unpack

        suffix = path.suffix.lower()
        if suffix in MESSAGE_SUFFIXES:  # saved in the inbox, or zipped: its attachments
            _attachments(path, self.box("mail"), shown, folder, self, origin)
        elif suffix in ARCHIVE_SUFFIXES:
            members, refused = unpack(path, self.box("zip"), shown, mtime)
            for m in members:
                self.take(m.path, m.shown, origin, m.mtime, folder, "压缩包中的文件不是工作簿，未读取")
            self.skipped += [Skipped(r.shown, r.reason, r.kind, folder, str(origin)) for r in refused]
        elif suffix in OTHER_ARCHIVES or suffix in WPS_SUFFIXES:
            try:
                guard.check_input(path)  # read here before any reader: a FIFO would block, a huge file fill memory
            except JixiaoError as exc:
                self.skip(Skipped(shown, guard.reason(exc, path), "unreadable", folder, str(origin)))
                return
            if suffix in OTHER_ARCHIVES:
                self.skip(Skipped(shown, refusal(suffix), "unreadable", folder, str(origin)))
                return
            self.workbooks.append(replace(_stage_wps(path, self.box("et"), shown, mtime, origin, folder),
                                          mail_dated=mail_dated))
        elif suffix in WORKBOOK_SUFFIXES and _markup(path):  # a system's export: a web page named .xls
            self.workbooks.append(replace(_stage_converted(path, self.box("html"), shown, mtime, origin, folder),
                                          mail_dated=mail_dated))
        elif suffix in WORKBOOK_SUFFIXES:  # the reader checks it, and names a FIFO or a link out of the inbox
            self.workbooks.append(InboxFile(path, shown, origin, mtime, folder, mail_dated=mail_dated))
        else:
            self.others.append((InboxFile(path, shown, origin, mtime, folder, mail_dated=mail_dated), not_workbook))


def gather(inbox: Path, work: Path, exclude: Path | None = None) -> Sent:
    """Every file below ``inbox`` as the departments sent it — the attachments of each .eml and
    the members of each .zip taken out into ``work`` — in path order."""
    from ..sources import LOCK_FILE

    sent = Sent(work)
    for p, shown, folder in inbox_files(inbox, exclude):
        if guard.is_lock_file(p.name):  # listed with why, as ``check`` lists it: the 文件清单 names every file
            sent.skip(Skipped(shown, LOCK_FILE, folder=folder, origin=str(p)))
        else:
            sent.take(p, shown, p, _mtime(p), folder, "不是工作簿，未读取")
    return sent


def collect(inbox: Path, work: Path, exclude: Path | None = None) -> tuple[list[InboxFile], list[Skipped]]:
    """Every workbook below ``inbox`` (attachments of .eml and members of .zip included), in path
    order, and every other file with why it was not read as one."""
    sent = gather(inbox, work, exclude)
    return sent.workbooks, sent.skipped + [Skipped(f.shown, why, folder=f.folder, origin=str(f.origin))
                                           for f, why in sent.others]


def inbox_files(inbox: Path, exclude: Path | None = None) -> list[tuple[Path, str, str]]:
    """(path, name shown, whose folder) of every file below ``inbox`` in path order, the output
    folder ``exclude`` left out; Office lock files, FIFOs and links out of the inbox are listed
    (``guard.tree_files``) so that they are reported, never skipped without a word."""
    inbox = Path(inbox)
    ex = exclude.resolve() if exclude else None
    if ex is not None and inbox.resolve() not in (ex, *ex.parents):
        ex = None   # -o the folder holding the inbox (“review 收件夹 -o .”): every file was left out as ours
    out: list[tuple[Path, str, str]] = []
    for p in guard.tree_files(inbox, None, locks=True):
        if ex and (ex == p.resolve() or ex in p.resolve().parents):
            continue  # the output folder inside the inbox: our own files
        rel = p.relative_to(inbox)  # shown as text that can always be written (not UTF-8: �)
        out.append((p, guard.show_path(rel.as_posix()), guard.show_path(whose_folder(rel.parts[:-1]))))
    return out


# How the name of a body ends (县教育局, 县纪委, 县政府办, 县人民医院, 县疾控中心, 某某镇): a folder so
# named is whose files it holds; "收件箱", "附件", "2023年4月" are not.
_BODY_END = ("局", "委", "办", "院", "所", "中心", "站", "队", "会", "馆", "部", "厅", "处", "科", "社", "团",
             "校", "园", "室", "政府", "公司", "镇", "乡", "街道", "宫", "台", "场")


_AFTERWORD = re.compile(r"\s*(?:[（(][^（）()]*[）)]\s*)*$")


def whose_folder(folders: tuple[str, ...]) -> str:
    """The folder (of those between the inbox and a file) whose name is a body's: the first such,
    else the first folder. A reviewer who drops the folder above the inbox, or a department that
    keeps its files in a subfolder (县教育局/附件/…), still has them under the department's name."""
    for name in folders:
        body = _AFTERWORD.sub("", name)   # 县教育局（修改稿）: 县教育局
        if body.endswith(_BODY_END):
            return body
    return folders[0] if folders else ""


# Between two bodies' names in one name (“医保局和民政局”, “县医保局、县民政局”)
_AND = re.compile(r"[和与及、,，&＆+＋]")


def bodies_in(name: str) -> list[str]:
    """The bodies a folder's name joins (“医保局和民政局”: 医保局, 民政局), where each part is a body's
    name; [] where it is one name (“县文化和旅游局”: “县文化” is no body) or names none."""
    parts = [_AFTERWORD.sub("", part) for part in _AND.split(_AFTERWORD.sub("", name))]
    return parts if len(parts) > 1 and all(len(x) > 1 and x.endswith(_BODY_END) for x in parts) else []


# Where a body's name in a file's name stops: the words of what the file is (绩效自评表, 2022年度…).
_NAME_STOP = re.compile(r"[^\u4e00-\u9fff（）()]|绩效|自评|项目|年度|报送|关于|附件")


def whose_name(name: str) -> str:
    """The body a file's name begins with (“县住房和城乡建设局绩效自评表.xlsx”, “549-县委宣传部2022年度….xlsx”:
    县住房和城乡建设局, 县委宣传部), as ``whose_folder`` takes a folder's; "" where it names none (“附件1.xlsx”)."""
    stem = Path(name).stem
    for run in _NAME_STOP.split(stem):
        body = _AFTERWORD.sub("", run)
        if len(body) > 2 and body.endswith(_BODY_END):
            return body
    return ""


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:  # a dangling link: the reader says so
        return 0.0
