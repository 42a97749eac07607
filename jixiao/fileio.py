"""Writing outputs without ever leaving a half-written file behind.

Every output goes to a temporary file in the target folder and is renamed into place,
so an interrupted run leaves either the old file or the new one, never a broken one.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import datetime


_NOT_IN_NAMES = str.maketrans({ch: "_" for ch in '\\/:*?"<>|\0'} | {chr(c): "_" for c in range(1, 32)})


def written_now() -> "datetime.datetime":
    """The moment an output is written, as document properties hold it (文件 › 信息 in Excel and
    Word): UTC without a zone, whole seconds, the same for a 定稿 workbook and a report."""
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def safe_filename(name: str, fallback: str = "文件", limit: int = 60) -> str:
    """A file or folder name made from text (a unit, an attachment's name, a workbook's stem): no
    character Windows refuses, bytes that are not UTF-8 shown as �, at most ``limit`` characters
    (a long name keeps its suffix and ends in a short hash, so two long names stay apart; the
    operating systems take 255 bytes at most, and a CJK character is three)."""
    from .guard.textsafe import show_path

    text = show_path(name).translate(_NOT_IN_NAMES).lstrip(" ").rstrip(" .")
    if len(text) > limit:
        import hashlib

        dot = text.rfind(".")
        suffix = text[dot:] if 0 < dot and len(text) - dot <= 8 else ""
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
        text = f"{text[:limit - len(suffix) - 7].rstrip(' .')}-{digest}{suffix}"
    return text or fallback


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success."""
    target = Path(target)
    from .guard.outpath import check_output, output_error

    check_output(target)  # a folder, or a file where a folder is needed: a Chinese error, nothing written
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:20] + "-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise output_error(target, exc) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        try:
            os.replace(tmp_path, target)
        except OSError as exc:
            raise output_error(target, exc) from None
    finally:  # also on Ctrl-C and SIGTERM (``safety`` raises it as an exception)
        for leftover in (tmp_path, tmp_path.with_name(tmp_path.name + ".cache")):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


class _Stage:
    """A folder beside the outputs where a set of them is written (``staged_set``)."""

    def __init__(self, folder: Path, out: Path) -> None:
        self.folder, self.out = folder, out

    def place(self, written: list[Path]) -> list[Path]:
        """Each file written in the stage renamed into the output folder, in order: where they go."""
        from .guard.outpath import output_error

        placed = []
        for p in dict.fromkeys(written):   # a file named twice is moved once
            target = self.out / Path(p).name
            try:
                os.replace(p, target)
            except OSError as exc:   # a document open in Word on Windows
                raise output_error(target, exc) from None
            placed.append(target)
        return placed


@contextmanager
def staged_set(out: Path) -> Iterator[_Stage]:
    """A set of files that belong together (the reports: 报送函, 自评报告, 工作报告, 校验报告) written into a
    hidden folder inside ``out`` and renamed into ``out`` together (``_Stage.place``): a run stopped halfway
    (Ctrl-C, an error in the third document) left the first two new beside the older others, a set from
    two runs that read as one. The folder goes whatever happens."""
    import shutil

    from .guard.outpath import check_output_dir, output_error

    out = Path(out)
    check_output_dir(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=".~jixiao-", dir=out))
    except OSError as exc:
        raise output_error(out, exc) from None
    try:
        yield _Stage(folder, out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
