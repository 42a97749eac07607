"""What the console script's command leaves behind is left to the operating system (issue #18).

A 10,000-form batch is millions of objects; when ``jixiao check`` or ``summarize`` returned,
Python freed them one by one (~0.2 s of the main process's CPU, after all output was written),
and the process ended right after. ``keep`` holds them to the end instead, in a list that
refers to itself: a module's teardown at exit drops the module's reference but not the
list's own, and ``cli.main`` freezes the collector's view (``gc.freeze``), so the final
collection does not free it either. The operating system takes the memory back at once.

Only the console script does this (``start``, from ``cli.main`` with no ``argv``): a test or a
program calling ``main(argv)`` in its own process keeps nothing. Nothing kept holds an open
file, a temporary folder or a finaliser: outputs are written and closed, temporary folders are
removed by their ``finally`` blocks and atexit handlers run as before.
"""

from __future__ import annotations

from typing import Any

__all__ = ["keep", "kept", "start"]

_KEPT: list[Any] = []


def start() -> None:
    """This process ends when its command does: from now on ``keep`` keeps."""
    if not _KEPT:
        _KEPT.append(_KEPT)  # the cycle that module teardown does not break


def keep(*objs: Any) -> None:
    """Hold ``objs`` to the end of the process if ``start`` was called, else do nothing.

    Everything alive then is also taken out of the collector's view (``gc.freeze``): it lives
    to the end, and a collection after a quiet stretch (``batch.quiet_gc``) would otherwise
    walk all that the stretch made once more (~0.1 s after the summary workbook)."""
    if _KEPT:
        _KEPT.extend(objs)
        import gc

        gc.freeze()


def kept() -> int:
    """How many objects are held (for tests)."""
    return max(len(_KEPT) - 1, 0)
