"""A department's workbooks and report sent as one compressed file.

Departments often zip what they send (“民政局2022年度绩效自评材料.zip”: the workbook, the
report, the 报送函), as a mail attachment or saved straight into the inbox. Such a file was
listed as “不是工作簿” and its department counted as 未报送 — the one outcome a reviewer must
never get for a department that did send. A .zip is opened here like a folder: each member is
written to the work folder (never into the inbox), under the name the reviewer sees
(“民政局.zip › 自评表.xlsx”), and read as if it had been saved on its own.

What is refused, and said: an archive that is damaged, has a password, or is far larger than
a department's forms and reports can be (a zip bomb: declared sizes and ratios checked before
anything is inflated, each member then inflated against its declared size); a RAR or 7z
archive, which no library here reads — the reason says what to send instead (the ledger and the
department's 退回修改通知 both show it), and the department it belongs to is not marked as
silent. Member names written by Chinese Windows tools are GBK without the zip's UTF-8 flag; they
are decoded as such, so the names shown are the names sent.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import guard
from ..errors import JixiaoError
from ..fileio import safe_filename
from ..guard.textsafe import show_path

__all__ = ["ARCHIVE_SUFFIXES", "OTHER_ARCHIVES", "Member", "Refused", "unpack"]

ARCHIVE_SUFFIXES = {".zip"}
OTHER_ARCHIVES = {".rar": "RAR", ".7z": "7z", ".tar": "tar", ".gz": "gzip", ".tgz": "tar.gz", ".bz2": "bzip2",
                  ".xz": "xz", ".cab": "CAB", ".arj": "ARJ", ".zipx": "zipx"}

MAX_MEMBERS = 1000                     # files in one archive: a department sends a few dozen
MAX_TOTAL_BYTES = guard.MAX_TOTAL_BYTES  # all members inflated, archives inside it included
MAX_DEPTH = 3                          # a .zip inside a .zip inside a .zip


@dataclass
class Member:
    path: Path     # the member written out in the work folder
    shown: str     # “民政局.zip › 材料/自评表.xlsx”
    mtime: float   # the member's own time in the archive


@dataclass
class Refused:
    shown: str     # the archive, or the member, as the reviewer sees it
    reason: str


def refusal(suffix: str) -> str:
    """Why an archive of a kind not read here was not read, and what the reviewer does about it."""
    kind = OTHER_ARCHIVES.get(suffix.lower(), suffix.lstrip(".").upper())
    return f"是 {kind} 压缩包，无法读取：请直接报送其中的工作簿，或改用 .zip 压缩包重新报送"


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as it was written: UTF-8 when the zip says so (flag bit 11), else the
    bytes zipfile read as cp437 — UTF-8 from most tools, GBK from Chinese Windows, cp437 last."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def _junk(name: str) -> bool:
    """Files a zip tool adds that nobody sent: macOS resource forks, Office lock files, folders."""
    parts = PurePosixPath(name).parts
    return (not parts or name.endswith("/") or "__MACOSX" in parts
            or parts[-1].startswith(("._", "~$", ".~")) or parts[-1] in {".DS_Store", "Thumbs.db", "desktop.ini"})


def _when(info: zipfile.ZipInfo, default: float) -> float:
    try:
        return time.mktime((*info.date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return default


def _limits(infos: list[zipfile.ZipInfo], left: int) -> str | None:
    """Why the archive is refused before anything is inflated, or None. ``left``: what the
    archive this one came out of still allows (a zip of zips must not multiply the limit)."""
    return guard.zip_refusal(infos, what="文件", max_count=MAX_MEMBERS, max_each=guard.MAX_FILE_BYTES,
                             max_total=left, name_of=member_name)


def unpack(path: Path, work: Path, shown: str, mtime: float, *, depth: int = 1,
           budget: list[int] | None = None) -> tuple[list[Member], list[Refused]]:
    """Every member of the .zip at ``path`` written below ``work`` (one folder per member, so two
    members of one name never meet and no member name can point outside ``work``); a .zip member
    is opened in turn, within what is left of the outer archive's byte budget. Nothing is raised:
    what cannot be read comes back as ``Refused``."""
    budget = budget if budget is not None else [MAX_TOTAL_BYTES]
    try:
        guard.check_input(path)
    except JixiaoError as exc:
        return [], [Refused(shown, guard.reason(exc, path))]
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return [], [Refused(shown, f"压缩包已损坏，无法打开（{_zh(exc)}）")]
    members: list[Member] = []
    refused: list[Refused] = []
    with z:
        infos = [i for i in z.infolist() if not _junk(member_name(i))]
        why = _limits(infos, budget[0])
        if why:
            return [], [Refused(shown, why)]
        budget[0] -= sum(i.file_size for i in infos)
        if not infos:
            return [], [Refused(shown, "压缩包中没有文件")]
        for n, info in enumerate(infos):
            name = member_name(info)
            where = f"{shown} › {show_path(name)}"
            if info.flag_bits & 0x1:
                refused.append(Refused(where, "压缩包设有密码，无法读取：请去掉密码后重新报送"))
                continue
            box = work / f"{n}"
            box.mkdir(parents=True, exist_ok=True)
            target = box / safe_filename(PurePosixPath(name).name, "文件")
            try:
                with z.open(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
                refused.append(Refused(where, f"无法从压缩包中取出（{_zh(exc)}）"))
                target.unlink(missing_ok=True)
                continue
            when = _when(info, mtime)
            os.utime(target, (when, when))
            if target.suffix.lower() in ARCHIVE_SUFFIXES:
                if depth >= MAX_DEPTH:
                    refused.append(Refused(where, f"压缩包套了 {depth + 1} 层以上，未读取：请直接报送其中的工作簿"))
                    continue
                m, r = unpack(target, box / "zip", where, when, depth=depth + 1, budget=budget)
                members += m
                refused += r
                continue
            members.append(Member(target, where, when))
    return members, refused


def _zh(exc: BaseException) -> str:
    if isinstance(exc, NotImplementedError):
        return "压缩方式不受支持"
    if isinstance(exc, RuntimeError):  # zipfile: a member needs a password
        return "设有密码"
    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
        from ..errors import os_reason

        return os_reason(exc)
    text = str(exc).lower()
    if "crc" in text:
        return "文件校验和不符"
    if isinstance(exc, EOFError) or "truncated" in text:
        return "文件被截断"
    return "不是有效的压缩包"
