"""Writing outputs without ever leaving a half-written file behind.

Every output goes to a temporary file in the target folder and is renamed into place,
so an interrupted run leaves either the old file or the new one, never a broken one.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

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
                if self._aside is None:   # no stage (``sweep_stages`` leaves it): it may hold a file kept
                    self._aside = Path(tempfile.mkdtemp(prefix=ASIDE_PREFIX, dir=self.out))
                spare = self._aside / str(len(self.done)) / dst.name   # its own name: to be found, if need be
                spare.parent.mkdir()
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
    two runs that read as one. The folder goes whatever happens — but a run killed outright (its
    process ended by the system, the power gone) cannot remove it: the next run does (``sweep_stages``).
    While the run lasts it holds a lock on a file of its stage, which the system releases with the
    process: a stage whose lock can be taken is nobody's."""
    import shutil

    from .guard.outpath import check_output_dir, output_error

    out = Path(out)
    check_output_dir(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        sweep_stages(out)
        root = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
        lock = open(root / STAGE_LOCK, "wb")   # noqa: SIM115 - held open for the whole run
    except OSError as exc:
        raise output_error(out, exc) from None
    try:
        _lock(lock)
        folder = root / "files"   # what is written, apart from the lock (``review`` moves all it finds there)
        folder.mkdir()
        yield _Stage(folder, out)
    finally:
        try:
            _lock(lock, take=False)
        except OSError:
            pass
        lock.close()
        shutil.rmtree(root, ignore_errors=True)


STAGE_LOCK = ".lock"
STALE_SECONDS = 600   # a stage nobody holds is left alone this long after its last change (made, not yet locked)
_STAGE_NAME = re.compile(re.escape(STAGE_PREFIX) + r"[a-z0-9_]{8}")   # ``tempfile.mkdtemp``'s names, and no other


def is_stage(name: str) -> bool:
    """Whether ``name`` is the name of a folder ``staged_set`` makes."""
    return _STAGE_NAME.fullmatch(name) is not None


def sweep_stages(out: Path) -> list[Path]:
    """Remove the stages a killed run left in ``out`` (a ``review`` round's copies and notices, whole, in a
    folder “.~jixiao-o05u_6bf” that Windows shows): only folders named as ``staged_set`` names them, that
    no run holds (its lock taken and released at once, or none there: a stage of an older version) and
    unchanged for ``STALE_SECONDS``. What was removed."""
    import shutil
    import time

    removed: list[Path] = []
    try:
        entries = [p for p in Path(out).iterdir() if is_stage(p.name) and p.is_dir() and not p.is_symlink()]
    except OSError:
        return removed
    for stage in entries:
        try:
            newest = max(os.lstat(p).st_mtime for p in (stage, *stage.rglob("*")))
            if time.time() - newest < STALE_SECONDS or not _free(stage / STAGE_LOCK):
                continue
        except OSError:
            continue
        shutil.rmtree(stage, ignore_errors=True)
        removed.append(stage)
    return removed


def _lock(f: Any, take: bool = True) -> None:
    """An exclusive lock on the open file ``f`` taken (raises OSError if another holds it), or released
    (``take`` false); the system releases it too when the process ends, however it ends."""
    if sys.platform == "win32":
        import msvcrt

        f.seek(0)   # the first byte, as every process locks it
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK if take else msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB if take else fcntl.LOCK_UN)


def _free(lock: Path) -> bool:
    """Whether no process holds ``lock`` (none there: nobody does)."""
    if not lock.exists():
        return True
    try:
        with open(lock, "r+b") as f:
            _lock(f)
            _lock(f, take=False)
    except OSError:
        return False
    return True
