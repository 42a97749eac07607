"""A department's workbooks and report sent as one compressed file.

Departments often zip what they send (“民政局2022年度绩效自评材料.zip”: the workbook, the
report, the 报送函), as a mail attachment or saved straight into the inbox. Such a file was
listed as “不是工作簿” and its department counted as 未报送 — the one outcome a reviewer must
never get for a department that did send. A .zip, .rar or .7z is opened here like a folder: each
member is written to the work folder (never into the inbox), under the name the reviewer
sees (“民政局.zip › 自评表.xlsx”), and read as if it had been saved on its own. How each kind
is read is in ``archive_formats``; what is done with the members (limits, passwords, archives
inside archives) is here, the same for all.

What is refused, and said: an archive that is damaged, has a password, or is far larger than
a department's forms and reports can be (a zip bomb: declared sizes and ratios checked before
anything is inflated, each member then inflated against its declared size); a .rar or .7z
is taken apart in a child process with the memory and time limits of a workbook read (their
decoders allocate what the file asks for); a kind not read here (.tar, .cab, …), or a
compressed .rar on a machine without a RAR tool — the reason says what to send instead (the
ledger and the department's 退回修改通知 both show it), and the department it belongs to is
not marked as silent. Member names written by Chinese Windows tools are GBK without the zip's UTF-8 flag; they
are decoded as such, so the names shown are the names sent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import guard
from ..errors import JixiaoError
from ..fileio import safe_filename
from ..guard.textsafe import show_path
from .archive_formats import (KIND_OF_SUFFIX, PASSWORD, SEND_INSTEAD, BoxError, Entry, box_for, first_volume,
                              kind_of, member_name, rar_tool, reason_zh)

__all__ = ["ARCHIVE_SUFFIXES", "OTHER_ARCHIVES", "Member", "Refused", "member_name", "unpack"]

ARCHIVE_SUFFIXES = set(KIND_OF_SUFFIX)
OTHER_ARCHIVES = {".tar": "tar", ".gz": "gzip", ".tgz": "tar.gz", ".bz2": "bzip2",
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
    kind: str = "unreadable"   # or "not_workbook": nothing to read in it (a later volume of a split RAR)


def refusal(suffix: str) -> str:
    """Why an archive of a kind not read here was not read, and what the reviewer does about it."""
    kind = OTHER_ARCHIVES.get(suffix.lower(), suffix.lstrip(".").upper())
    return f"是 {kind} 压缩包，无法读取：{SEND_INSTEAD}"


def _junk(name: str) -> bool:
    """Files a zip tool adds that nobody sent: macOS resource forks, Office lock files, folders."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return (not parts or name.endswith(("/", "\\")) or "__MACOSX" in parts
            or parts[-1].startswith(("._", "~$", ".~")) or parts[-1] in {".DS_Store", "Thumbs.db", "desktop.ini"})


def _limits(entries: list[Entry], left: int) -> str | None:
    """Why the archive is refused before anything is inflated, or None. ``left``: what the
    archive this one came out of still allows (a zip of zips must not multiply the limit)."""
    return guard.zip_refusal(entries, what="文件", max_count=MAX_MEMBERS, max_each=guard.MAX_FILE_BYTES,
                             max_total=left, name_of=lambda e: e.name)


Flat = tuple[list[Member], list[Refused], int]


def _flat(args: tuple[Path, Path, str, float, int]) -> Flat:
    """One archive's members written out below ``work`` (one folder per member, so two members
    of one name never meet and no member name can point outside ``work``), archives inside it
    left for ``unpack``; and the bytes that took from the budget."""
    path, work, shown, mtime, left = args
    try:
        box = box_for(path)
    except BoxError as exc:
        return [], [Refused(shown, exc.reason)], 0
    members: list[Member] = []
    refused: list[Refused] = []
    with box:
        try:
            entries = [e for e in box.entries() if not _junk(e.name)]
        except BoxError as exc:
            return [], [Refused(shown, exc.reason)], 0
        except Exception as exc:  # noqa: BLE001 - a damaged directory, in whichever library's words
            return [], [Refused(shown, f"压缩包已损坏，无法打开（{reason_zh(exc)}）")], 0
        why = _limits(entries, left)
        if why:
            return [], [Refused(shown, why)], 0
        if not entries:
            return [], [Refused(shown, "压缩包中没有文件")], 0
        wanted: list[tuple[Entry, Path]] = []
        for n, e in enumerate(entries):
            if e.encrypted:
                refused.append(Refused(f"{shown} › {show_path(e.name)}", PASSWORD))
                continue
            box_dir = work / f"{n}"
            box_dir.mkdir(parents=True, exist_ok=True)
            wanted.append((e, box_dir / safe_filename(PurePosixPath(e.name.replace("\\", "/")).name, "文件")))
        targets = {id(e): t for e, t in wanted}
        for e, failed in box.extract(wanted):
            where = f"{shown} › {show_path(e.name)}"
            if failed:
                refused.append(Refused(where, failed))
                continue
            when = e.when if e.when is not None else mtime
            try:
                os.utime(targets[id(e)], (when, when))
            except (OSError, OverflowError, ValueError):
                when = mtime
            members.append(Member(targets[id(e)], where, when))
    return members, refused, sum(e.file_size for e in entries)


def _flat_limited(path: Path, work: Path, shown: str, mtime: float, left: int) -> Flat:
    """``_flat`` for a .rar or .7z, in a child with a workbook read's memory and time limits: a
    crafted file cannot take this process's memory (a decoder allocates the dictionary the
    header asks for) or hang the review."""
    if kind_of(path) == "rar":
        rar_tool()   # looked for once, here: every child inherits the answer
    try:
        got: Flat = guard.run_limited(_flat, (path, work, shown, mtime, left), name=shown)
        return got
    except JixiaoError as exc:
        return [], [Refused(shown, guard.reason(exc, path))], 0


def unpack(path: Path, work: Path, shown: str, mtime: float, *, depth: int = 1,
           budget: list[int] | None = None) -> tuple[list[Member], list[Refused]]:
    """Every member of the archive at ``path`` written below ``work``; an archive member is
    opened in turn, within what is left of the outer archive's byte budget. Nothing is raised:
    what cannot be read comes back as ``Refused``."""
    budget = budget if budget is not None else [MAX_TOTAL_BYTES]
    try:
        guard.check_input(path)
    except JixiaoError as exc:
        return [], [Refused(shown, guard.reason(exc, path))]
    first = first_volume(path) if kind_of(path) == "rar" else None
    if first is not None:  # read with the first volume, beside it: nothing of its own to read or to refuse
        return [], [Refused(shown, f"是分卷压缩包的后续分卷，已随第一卷“{show_path(first.name)}”读取", "not_workbook")]
    args = (path, work, shown, mtime, budget[0])
    flat, refused, used = _flat(args) if kind_of(path) == "zip" else _flat_limited(*args)
    budget[0] -= used
    members: list[Member] = []
    for m in flat:
        if m.path.suffix.lower() in ARCHIVE_SUFFIXES:
            if depth >= MAX_DEPTH:
                refused.append(Refused(m.shown, f"压缩包套了 {depth + 1} 层以上，未读取：请直接报送其中的工作簿"))
                continue
            inner, r = unpack(m.path, m.path.parent / "zip", m.shown, m.mtime, depth=depth + 1, budget=budget)
            members += inner
            refused += r
            continue
        members.append(m)
    return members, refused
