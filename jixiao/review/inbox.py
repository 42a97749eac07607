"""What a reviewer saved from the mailbox, as workbooks to read.

The inbox is a folder (with subfolders, often one per department) of workbooks — .xlsx,
.xlsm, .xls, WPS .et — and of .eml messages whose attachments are the workbooks.
Attachments are written to a work folder, never into the inbox; a WPS .et is staged
under the suffix of what it really is (an old BIFF/CFB workbook → .xls, a zip → .xlsx),
which python-calamine reads, and LibreOffice converts what calamine cannot. Every file
keeps the name the reviewer knows it by (``shown``), relative to the inbox.
"""

from __future__ import annotations

import email
import os
import shutil
from dataclasses import dataclass
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from .. import guard
from ..errors import JixiaoError
from ..fileio import safe_filename
from ..reading.workbook import WORKBOOK_SUFFIXES

__all__ = ["READ_SUFFIXES", "WPS_SUFFIXES", "InboxFile", "Skipped", "collect"]

WPS_SUFFIXES = {".et", ".ett"}
READ_SUFFIXES = WORKBOOK_SUFFIXES | WPS_SUFFIXES
ZIP_MAGIC, CFB_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class InboxFile:
    path: Path          # what is read (the file itself, or its staged copy)
    shown: str          # the name the reviewer knows: "民政局/报送.eml › 附件.xlsx"
    origin: Path        # the file in the inbox (the .eml for an attachment)
    mtime: float        # file time (an attachment: the message's Date)
    folder: str         # the first folder below the inbox ("" at the top)
    converted: bool = False  # read from a LibreOffice conversion


@dataclass
class Skipped:
    file: str
    reason: str
    kind: str = "not_workbook"

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
    try:  # LibreOffice reads WPS spreadsheets it knows; calamine did not
        from ..excel.office import convert

        out = convert(src, "xlsx", work / "lo")
        os.utime(out, (mtime, mtime))
        return InboxFile(out, shown, origin, mtime, folder, converted=True)
    except (JixiaoError, OSError):  # no LibreOffice, a timeout, a file it cannot convert
        bad = work / (src.stem + ".xlsx")  # unreadable: the reader reports it under its name
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


def open_message(eml: Path) -> tuple[Any, float]:
    """A saved e-mail message and when it was sent (its file's time where it has no Date), for
    both the workbooks and the reports attached to it. Checked first like any input: a FIFO named
    x.eml would block ``open``, a huge one would be read whole. Bad input: ``JixiaoError``."""
    guard.check_input(eml, max_bytes=MAX_EML_BYTES)
    try:
        with open(eml, "rb") as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
    except Exception as exc:  # noqa: BLE001 - a damaged message is reported, the batch goes on
        raise JixiaoError(f"{eml}：邮件无法解析（{guard.engine_error_zh(exc)}）", file=str(eml)) from None
    try:
        mtime = parsedate_to_datetime(msg["Date"]).timestamp() if msg["Date"] else eml.stat().st_mtime
    except (TypeError, ValueError):
        mtime = eml.stat().st_mtime
    return msg, mtime


def _attachments(eml: Path, work: Path, shown: str, folder: str) -> tuple[list[InboxFile], list[Skipped]]:
    try:
        msg, mtime = open_message(eml)
    except JixiaoError as exc:
        return [], [Skipped(shown, guard.reason(exc, eml), "unreadable")]
    files: list[InboxFile] = []
    skipped: list[Skipped] = []
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        name = part.get_filename()
        if not name:
            continue
        where = f"{shown} › {name}"
        suffix = Path(name).suffix.lower()
        if suffix not in READ_SUFFIXES:
            skipped.append(Skipped(where, "邮件附件不是工作簿，未读取"))
            continue
        payload = part.get_payload(decode=True)  # a leaf part decodes to bytes (None when it has no body)
        data = payload if isinstance(payload, bytes) else b""
        box = work / f"{eml.stem[:40]}-{n}"
        box.mkdir(parents=True, exist_ok=True)
        target = box / _safe(Path(name).name)
        target.write_bytes(data)
        os.utime(target, (mtime, mtime))
        if suffix in WPS_SUFFIXES:
            files.append(_stage_wps(target, box / "et", where, mtime, eml, folder))
        else:
            files.append(InboxFile(target, where, eml, mtime, folder))
    if not files and not skipped:
        skipped.append(Skipped(shown, "邮件中没有附件"))
    return files, skipped


def collect(inbox: Path, work: Path, exclude: Path | None = None) -> tuple[list[InboxFile], list[Skipped]]:
    """Every workbook below ``inbox`` (attachments of .eml included), in path order."""
    files: list[InboxFile] = []
    skipped: list[Skipped] = []
    for i, (p, shown, folder) in enumerate(inbox_files(inbox, exclude)):
        suffix = p.suffix.lower()
        if suffix == ".eml":
            f, s = _attachments(p, work / f"eml-{i}", shown, folder)
            files += f
            skipped += s
        elif suffix in WPS_SUFFIXES:
            try:
                guard.check_input(p)  # read here before any reader: a FIFO would block, a huge file fill memory
            except JixiaoError as exc:
                skipped.append(Skipped(shown, guard.reason(exc, p), "unreadable"))
                continue
            files.append(_stage_wps(p, work / f"et-{i}", shown, p.stat().st_mtime, p, folder))
        elif suffix in WORKBOOK_SUFFIXES:  # the reader checks it, and names a FIFO or a link out of the inbox
            files.append(InboxFile(p, shown, p, _mtime(p), folder))
        else:
            skipped.append(Skipped(shown, "不是工作簿，未读取"))
    return files, skipped


def inbox_files(inbox: Path, exclude: Path | None = None) -> list[tuple[Path, str, str]]:
    """(path, name shown, first folder) of every file below ``inbox`` in path order, the output
    folder ``exclude`` and Office lock files left out; FIFOs and links out of the inbox are listed
    (``guard.tree_files``) so that they are reported, never skipped without a word."""
    inbox = Path(inbox)
    ex = exclude.resolve() if exclude else None
    out: list[tuple[Path, str, str]] = []
    for p in guard.tree_files(inbox, None):
        if ex and (ex == p.resolve() or ex in p.resolve().parents):
            continue  # the output folder inside the inbox: our own files
        rel = p.relative_to(inbox)  # shown as text that can always be written (not UTF-8: �)
        out.append((p, guard.show_path(rel.as_posix()), guard.show_path(rel.parts[0]) if len(rel.parts) > 1 else ""))
    return out


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:  # a dangling link: the reader says so
        return 0.0
