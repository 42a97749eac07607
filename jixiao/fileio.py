"""Writing outputs without ever leaving a half-written file behind.

Every output goes to a temporary file in a hidden folder of the target folder and is renamed into
place, so an interrupted run leaves either the old file or the new one, never a broken one; a run
killed outright leaves the hidden folder, which the next run into that folder removes.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from contextlib import ExitStack, contextmanager
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
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    The temporary (“~.xlsx”: short, so that a path Windows can write is one it can stage too — the stage
    folder adds ~25 characters to the folder's path) is in a stage folder of its own in ``target``'s folder, held by
    this run's lock (``_held_stage``): a run killed outright (SIGKILL, 结束任务, the power gone) cannot
    remove it, and a bare “.~汇总表-k3j9x2ab.xlsx” beside the output stayed there for good; a stage is
    removed by the next run into the folder (``sweep_stages``: ours, nobody's, stale) — which this one
    does first."""
    target = Path(target)
    from .guard.outpath import check_output, output_error

    check_output(target)  # a folder, or a file where a folder is needed: a Chinese error, nothing written
    with ExitStack() as held:   # left also on Ctrl-C and SIGTERM (``safety`` raises them): the stage and all in it
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            sweep_stages(target.parent)
            folder = held.enter_context(_held_stage(target.parent)) / "files"   # apart from the lock
            folder.mkdir()
            tmp_path = folder / ("~" + target.suffix)
            tmp_path.touch()
        except OSError as exc:
            raise output_error(target, exc) from None
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # as any file the user makes
        try:
            os.replace(tmp_path, target)
        except OSError as exc:
            raise output_error(target, exc) from None


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
    process ended by the system, the power gone) cannot remove it: the next run does (``sweep_stages``)."""
    from .guard.outpath import check_output_dir, output_error

    out = Path(out)
    check_output_dir(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        sweep_stages(out)
        stage = _held_stage(out)
        root = stage.__enter__()
    except OSError as exc:
        raise output_error(out, exc) from None
    try:
        folder = root / "files"   # what is written, apart from the lock (``review`` moves all it finds there)
        folder.mkdir()
        yield _Stage(folder, out)
    finally:
        stage.__exit__(None, None, None)


@contextmanager
def _held_stage(out: Path) -> Iterator[Path]:
    """A hidden folder made in ``out`` (“.~jixiao-o05u_6bf”), held by this run: while the run lasts it
    holds a lock on a file in it, which the system releases with the process however it ends — a stage
    whose lock can be taken is nobody's (``sweep_stages``). Removed, with all in it, at the end. The
    lock is on a file of its own, not on what is written: on Windows a locked byte cannot be written,
    nor an open file replaced (the workbook cache rewrites its file, ``save_with_results``). Raises
    OSError where the folder cannot be made."""
    import shutil

    root = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
    try:
        lock = open(root / STAGE_LOCK, "wb")   # noqa: SIM115 - held open for the whole run
    except OSError:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        try:
            _lock(lock)
        except OSError:   # no locks on this file system (some network shares): the age rule alone then
            pass
        yield root
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


# the temporaries ``atomic_path`` wrote before it wrote in a stage (``tempfile.mkstemp``'s names: “.~汇总表-k3j9x2ab.xlsx”,
# and the cache's “….xlsx.cache” beside one), which a run killed outright left behind
_OLD_TEMP = re.compile(r"\.~.{1,20}-[a-z0-9_]{8}\.[A-Za-z0-9]{1,8}(?:\.cache)?")


def sweep_stages(out: Path) -> list[Path]:
    """Remove what a killed run left in ``out``: the stages (a ``review`` round's copies and notices, whole,
    in a folder “.~jixiao-o05u_6bf” that Windows shows; a single output's temporary, ``atomic_path``) —
    only folders named as ``_held_stage`` names them, that no run holds (its lock taken and released at
    once, or none there: a stage of an older version) and unchanged for ``STALE_SECONDS`` — and the bare
    temporaries of older versions (“.~汇总表-k3j9x2ab.xlsx”: ``_OLD_TEMP``'s names only, plain files, no lock
    to ask) unchanged as long. What was removed."""
    import shutil
    import time

    removed: list[Path] = []
    try:
        entries = [(p, p.is_dir()) for p in Path(out).iterdir()
                   if not p.is_symlink() and (is_stage(p.name) or _OLD_TEMP.fullmatch(p.name))]
    except OSError:
        return removed
    for stage, folder in entries:
        try:
            if folder != is_stage(stage.name) or (not folder and not stage.is_file()):
                continue   # a file named as a stage, a folder named as a temporary: not ours
            newest = max(os.lstat(p).st_mtime for p in (stage, *(stage.rglob("*") if folder else ())))
            if time.time() - newest < STALE_SECONDS or (folder and not _free(stage / STAGE_LOCK)):
                continue
            if folder:
                shutil.rmtree(stage)
            else:
                stage.unlink()
        except OSError:
            continue
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
