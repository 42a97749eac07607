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


class Moves:
    """Renames that belong together (a round of ``review``, a set of reports moved into place): all of
    them done, or — one refused — those done undone, in reverse, and a message naming the file. On
    Windows a file open in Excel or Word cannot be moved or replaced: the moves stopped at it, leaving
    last round's files half moved to 历次复核 and half the new ones in place. A file a move replaces
    is first moved aside (into a hidden folder of ``out``, removed at the end) so that it can be put
    back; where that is refused, the file was open."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.done: list[tuple[Path, Path]] = []
        self.made: list[Path] = []      # folders a move made, removed again when undone (if empty)
        self._aside: Path | None = None

    def move(self, src: Path, dst: Path) -> None:
        src, dst = Path(src), Path(dst)
        held = dst   # the file refused, to be named: the one replaced, or the one moved away (to 历次复核)
        try:
            self._folder(dst.parent)
            if dst.exists() or dst.is_symlink():
                if self._aside is None:   # not a stage (``stale_stages`` leaves it): it may hold a file kept
                    self._aside = Path(tempfile.mkdtemp(prefix=ASIDE_PREFIX, dir=self.out))
                spare = self._aside / str(len(self.done))
                os.replace(dst, spare)
                self.done.append((dst, spare))
            held = dst if any(part.startswith(STAGE_PREFIX) for part in src.parts) else src
            os.replace(src, dst)
            self.done.append((src, dst))
        except OSError as exc:
            from .guard.outpath import held_error

            lost = self.undo()
            if lost:   # a file not put back is kept where it is, and named
                self._aside = None
            raise held_error(held, exc, lost) from None

    def _folder(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        self.made.extend(missing)

    def undo(self) -> list[tuple[Path, Path]]:
        """Every move done put back, last first; those that could not be, (where it was, where it is)."""
        lost = []
        for src, dst in reversed(self.done):
            try:
                src.parent.mkdir(parents=True, exist_ok=True)
                os.replace(dst, src)
            except OSError:
                lost.append((src, dst))
        self.done = []
        for folder in sorted(self.made, key=lambda f: len(f.parts), reverse=True):   # the deepest first
            try:
                folder.rmdir()
            except OSError:
                pass
        self.made = []
        return lost

    def close(self) -> None:
        """The files moved aside (replaced by the new ones) removed, with their folder."""
        import shutil

        if self._aside is not None:
            shutil.rmtree(self._aside, ignore_errors=True)
            self._aside = None


STAGE_PREFIX = ".~jixiao-"   # the hidden folders outputs are written in (``staged_set``)
ASIDE_PREFIX = ".~jixiao-aside-"   # where ``Moves`` keeps the files it replaces until all moves are done


class _Stage:
    """A folder beside the outputs where a set of them is written (``staged_set``)."""

    def __init__(self, folder: Path, out: Path) -> None:
        self.folder, self.out = folder, out

    def place(self, written: list[Path]) -> list[Path]:
        """Each file written in the stage renamed into the output folder, all or none (``Moves``): where
        they go."""
        moves = Moves(self.out)
        placed = []
        try:
            for p in dict.fromkeys(written):   # a file named twice is moved once
                target = self.out / Path(p).name
                moves.move(Path(p), target)
                placed.append(target)
        finally:
            moves.close()
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
        folder = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
    except OSError as exc:
        raise output_error(out, exc) from None
    try:
        yield _Stage(folder, out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
