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

import pickle
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
    return "ok", pickle.dumps(packed, pickle.HIGHEST_PROTOCOL), not result[1]


def load_and_check_bytes(args: tuple[Path, Any]) -> bytes:
    """``pickle.dumps(batch.pack(_load_and_check(args)))``, with reading and checking in one child."""
    return checked_bytes(args)[0]


def checked_bytes(args: tuple[Path, Any]) -> tuple[bytes, bool]:
    """``load_and_check_bytes`` and whether the result may be kept (``resultcache``): only a
    workbook read without any problem (a crash or a time-out may not happen again)."""
    from .batch import pack
    from .checking.run import _load_and_check

    path = args[0]
    if path.suffix.lower() == ".json":  # read in-process, as ``_load_safe`` does
        return pickle.dumps(pack(_load_and_check(args)), pickle.HIGHEST_PROTOCOL), False
    try:
        guard.check_input(path)
        kind, value, *clean = guard.run_limited(_child, args, name=guard._show(path))
    except JixiaoError as exc:
        return pickle.dumps(pack(([], [exc], {})), pickle.HIGHEST_PROTOCOL), False
    if kind == "exc":
        raise value
    return value, bool(clean and clean[0])


def load_and_check(args: tuple[Path, Any]) -> tuple:
    """What ``_load_and_check`` returns, by way of ``load_and_check_bytes``."""
    from .batch import unpack

    return unpack(pickle.loads(load_and_check_bytes(args)))
