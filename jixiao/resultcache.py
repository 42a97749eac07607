"""Each workbook's checked result kept between runs (issue #18).

A reviewer runs ``check`` (or ``summarize``) on the same inbox again and again while the
departments send corrections: most files have not changed since the last run, and reading,
scoring and checking them again is ~95 % of the work. Here the packed result of one file
(``isolated.checked_bytes``: what the worker sends the main process) is kept on disk and
reused when nothing it depends on has changed. The key covers all of that:

- the file's bytes (``dedupe._digest``, the hash the batch's own duplicate screening uses)
  and the path it was given as (findings name it);
- the profile with the bureau's rule settings (thresholds, grade bands, name lists: the
  ``repr`` of the ``Profile`` dataclass, every field);
- jixiao's version and a fingerprint of its own source files (name, size, mtime), so that
  an upgrade or an edited rule never reads an old result.

Only a workbook read without any problem is kept (a crash or time-out may not happen again;
a JSON form is cheap to read). Entries are written atomically (``fileio``) and carry a
checksum; an entry that is missing, short, corrupt or unreadable is ignored and rebuilt.
The cache lives in ``JIXIAO_CACHE_DIR``, else the user's cache folder; ``JIXIAO_NO_CACHE=1``
switches it off (the benchmark's cold runs, the test suite).
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

MAGIC = b"JXRC\x01\x00\x00\x00"
_SUM = 32  # sha256 of the payload, after MAGIC


def enabled() -> bool:
    return os.environ.get("JIXIAO_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """``JIXIAO_CACHE_DIR``, else %LOCALAPPDATA%\\jixiao\\cache (Windows) or $XDG_CACHE_HOME/jixiao
    (~/.cache/jixiao): a user's own folder, never the inbox being checked."""
    if os.environ.get("JIXIAO_CACHE_DIR"):
        return Path(os.environ["JIXIAO_CACHE_DIR"]) / "results"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "jixiao" / "cache" / "results"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jixiao" / "results"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """jixiao's version and its source files (relative name, size, mtime): any change, another key."""
    import pydantic
    from python_calamine import _python_calamine

    from . import __version__

    root = Path(__file__).resolve().parent
    # the engines too: another calamine may read a cell differently, another pydantic pickles otherwise.
    # calamine has no __version__; its compiled module's size and time stand for it (a rebuild counts
    # too), without ``importlib.metadata`` and the ``email`` package it pulls in: ~14 ms of a ``check``.
    try:
        st = os.stat(_python_calamine.__file__ or "")
        engine = f"{st.st_size}.{st.st_mtime_ns}"
    except OSError:
        engine = "?"
    h = hashlib.sha256(f"{__version__}\0{sys.version}\0{engine}\0{pydantic.VERSION}".encode())
    for p in sorted(root.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def entry_key(path: Path, profile: Any) -> str:
    """The cache key of one file checked under ``profile`` (a name or a Profile)."""
    from .core.profiles import get_profile
    from .dedupe import _digest

    h = hashlib.sha256(code_fingerprint().encode())
    h.update(b"\0" + repr(get_profile(profile)).encode())
    h.update(b"\0" + os.fsencode(str(path)))
    h.update(b"\0" + _digest(path).encode())
    return h.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.bin"


def load(key: str) -> bytes | None:
    """The kept payload, or None when there is none or it is damaged in any way."""
    path = _entry(key)
    try:
        data = path.read_bytes()
        os.utime(path)  # used now: ``prune`` drops the entries unused longest
    except OSError:
        return None
    if len(data) < len(MAGIC) + _SUM or not data.startswith(MAGIC):
        return None
    payload = data[len(MAGIC) + _SUM:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC):len(MAGIC) + _SUM]:
        return None
    return payload


def store(key: str, payload: bytes) -> None:
    """Keep ``payload`` (atomically: a reader sees the old entry, the new one or none); best effort."""
    from .fileio import atomic_write_bytes

    try:
        atomic_write_bytes(_entry(key), MAGIC + hashlib.sha256(payload).digest() + payload)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
        pass


def max_bytes() -> int:
    """How much the cache may hold: ``JIXIAO_CACHE_MB`` megabytes, 1024 unless set."""
    try:
        return int(float(os.environ.get("JIXIAO_CACHE_MB", "1024")) * 2**20)
    except ValueError:
        return 2**30


def prune(limit: int | None = None) -> int:
    """Delete the entries unused longest until the cache holds at most ``limit`` bytes (default
    ``max_bytes()``); returns how many were deleted. Best effort: another run may be using the
    folder at the same time, so an entry that vanished or cannot be deleted is passed over."""
    limit = max_bytes() if limit is None else limit
    entries = []
    try:
        for sub in os.scandir(cache_dir()):
            if sub.is_dir(follow_symlinks=False):
                for e in os.scandir(sub.path):
                    if e.name.endswith(".bin") and e.is_file(follow_symlinks=False):
                        st = e.stat(follow_symlinks=False)
                        entries.append((st.st_mtime_ns, st.st_size, e.path))
    except OSError:
        return 0
    total = sum(size for _t, size, _p in entries)
    dropped = 0
    for _t, size, path in sorted(entries):
        if total <= limit:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        dropped += 1
    return dropped


def checked_bytes(args: tuple[Path, Any]) -> bytes | None:
    """``isolated.load_and_check_bytes``, from the cache when the file is unchanged.

    A payload from the cache is unpickled by the main process like a fresh one; a damaged
    entry never gets that far (checksum), and a payload that still does not unpickle is
    caught by ``batch.map_checked``, which checks the file again."""
    from . import guard
    from .errors import JixiaoError
    from .isolated import checked_bytes as fresh

    path, profile = args
    key = None
    if enabled() and path.suffix.lower() != ".json":
        try:
            guard.check_input(path)  # never open a FIFO or a link out of the folder to hash it
            key = entry_key(path, profile)
        except (JixiaoError, OSError):
            key = None
        if key is not None:
            kept = load(key)
            if kept is not None:
                return kept
    data, keep = fresh(args)
    if data is not None and key is not None and keep:
        store(key, data)
    return data
