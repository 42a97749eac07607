"""One file read AND checked in one guarded child, its result crossing as bytes (issue #18).

``sources._load_safe`` forks a child per file (``guard.run_limited``: memory and time
limits, a crash costs that file only) but only for the reading: the child pickled every
form (models, sheet values, cell maps) back to the pool worker, which unpickled them,
checked them, and pickled the packed results again for the main process. For a workbook
of 100 forms that was ~35 ms of the ~200 ms a file costs. Here the child does the whole
``_load_and_check`` and packs it (``batch.pack``) into bytes; those bytes go through the
worker untouched and are unpickled once, in the main process.

What a file costs when it goes wrong is unchanged: an unsafe file is refused before the
child (``guard.check_input``); a typed ``JixiaoError`` while reading is that file's problem;
a crash, a hang or too much memory is a ``ReaderCrashError``/``FileTimeoutError`` for that
file and the batch goes on. An unexpected exception while *checking* (a bug) is raised in
the worker as before, not disguised as a damaged file.
"""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path
from typing import Any

from . import guard
from .errors import JixiaoError


def _child(args: tuple[Path, Any]) -> tuple[str, Any, bool]:
    """In the guarded child: read (errors go to ``run_limited``), then check and pack."""
    from .batch import pack
    from .checking.run import check_loaded
    from .sources import load_one

    path, profile_name = args
    forms, problems = load_one(path)
    try:
        result = check_loaded(path, profile_name, forms, problems)
        packed = pack(result)
    except MemoryError:
        raise  # over the child's memory limit: this file's ReaderCrashError (run_limited), the batch goes on
    except Exception as exc:  # noqa: BLE001 - a bug in checking: re-raised in the worker, as before
        return "exc", exc, False
    return "ok", packed, not result[1]


def load_and_check_bytes(args: tuple[Path, Any]) -> bytes:
    """``batch.pack(_load_and_check(args))``, with reading and checking in one child."""
    data = checked_bytes(args)[0]
    assert data is not None  # None only in a guarded pool worker, which never calls this
    return data


_COLLECT_FROM = 200_000  # tracked objects allocated (net) since the last collection
_IN_GUARDED_WORKER = False  # set by ``worker_init`` in a pool worker that is its own guard
_IN_HAND: Path | None = None  # where this worker notes the file it is working on (``worker_init``)


def worker_init(in_hand: str | None = None) -> None:
    """Pool initializer: this worker becomes the guarded process for the files it is given.

    Its address space is capped as a per-file child's would be (``guard.FILE_MEMORY`` above
    what it holds now), and what it inherited is frozen out of the collector, which would
    otherwise walk (and so copy) every inherited page. Where there is no ``fork`` (Windows)
    nothing changes: ``guard.run_limited`` reads in-process there anyway. ``in_hand``: a folder
    where the worker notes the file it is working on and since when (``timed_out_files``)."""
    global _IN_GUARDED_WORKER, _IN_HAND
    import multiprocessing as mp
    import signal

    if not hasattr(signal, "setitimer") or "fork" not in mp.get_all_start_methods():
        return
    try:
        guard._limit_memory(guard.FILE_MEMORY)
    except (ImportError, OSError, ValueError):
        return  # no cap possible: keep one guarded child per file
    gc.freeze()
    _IN_GUARDED_WORKER = True
    _IN_HAND = Path(in_hand) / str(os.getpid()) if in_hand else None


def _note_in_hand(path: Path | None) -> None:
    """Note (or, with None, clear) the file this worker is working on, with the time it began."""
    if _IN_HAND is None:
        return
    try:
        if path is None:
            _IN_HAND.unlink(missing_ok=True)
        else:
            _IN_HAND.write_text(f"{time.monotonic()!r}\n{os.fsencode(str(path)).hex()}\n", encoding="ascii")
    except OSError:
        pass  # only the report of a hang is less precise: the file is then read again in its own child


def timed_out_files(in_hand: str | Path) -> set[str]:
    """The files the workers had in hand for the whole time limit when the pool broke: the alarm
    ended their worker. Reported as timed out, they are not read a second time (another
    ``guard.FILE_SECONDS`` of waiting); every other file in hand is read again in its own child."""
    now, out = time.monotonic(), set()
    for note in Path(in_hand).iterdir():
        try:
            began, hexed = note.read_text(encoding="ascii").split()
            if now - float(began) >= guard.FILE_SECONDS:
                out.add(os.fsdecode(bytes.fromhex(hexed)))
        except (OSError, ValueError):
            continue
    return out


def _in_worker(args: tuple[Path, Any]) -> tuple[bytes | None, bool]:
    """``checked_bytes`` in a guarded worker: the child's work done here, under an alarm.

    A typed ``JixiaoError`` while reading is that file's problem, as in the child. Anything
    else that stops the work (a ``MemoryError`` at the cap, a calamine panic) gives ``None``:
    the main process checks that file again in its own child, which names what went wrong
    exactly as it always has. The alarm's default action ends the worker (a hang in Rust
    code cannot be interrupted otherwise); ``batch.map_checked`` then goes on the careful way,
    reporting the file the alarm was for (``timed_out_files``) without reading it again."""
    import signal

    path = args[0]
    try:
        guard.check_input(path)
        _note_in_hand(path)
        signal.setitimer(signal.ITIMER_REAL, guard.FILE_SECONDS)
        try:
            kind, value, clean = _child(args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            _note_in_hand(None)
    except JixiaoError as exc:
        return _problem(exc), False
    except BaseException:  # noqa: BLE001 - not judged here: the file goes through its own child again
        return None, False
    finally:
        # The collector is off in a batch: a file leaves few cycles (none in the corpus), so
        # collect only once enough tracked objects have piled up (a full pass per file was ~2–3 ms).
        if gc.get_count()[0] > _COLLECT_FROM:
            gc.collect()
    if kind == "exc":
        raise value
    return value, clean


def _problem(exc: JixiaoError) -> bytes:
    from .batch import pack

    return pack(([], [exc], {}))


def checked_bytes(args: tuple[Path, Any]) -> tuple[bytes | None, bool]:
    """``load_and_check_bytes`` and whether the result may be kept (``resultcache``): only a
    workbook read without any problem (a crash or a time-out may not happen again). ``None``
    only in a guarded worker (``worker_init``): that file is to be checked again in a child."""
    from .batch import pack
    from .checking.run import _load_and_check

    path = args[0]
    if path.suffix.lower() == ".json":  # read in-process, as ``_load_safe`` does
        return pack(_load_and_check(args)), False
    if _IN_GUARDED_WORKER:
        return _in_worker(args)
    try:
        guard.check_input(path)
        kind, value, *clean = guard.run_limited(_child, args, name=guard._show(path))
    except JixiaoError as exc:
        return _problem(exc), False
    if kind == "exc":
        raise value
    return value, bool(clean and clean[0])


def load_and_check(args: tuple[Path, Any]) -> tuple:
    """What ``_load_and_check`` returns, by way of ``load_and_check_bytes``."""
    from .batch import unpack

    return unpack(load_and_check_bytes(args))
