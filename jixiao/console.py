"""The ``jixiao`` console script's first frame (``python -m jixiao`` too).

A Ctrl-C while Python is still loading jixiao — before ``safety.run_main`` has taken over —
raised KeyboardInterrupt in the middle of an import and printed a traceback (fuzzing's
interrupted runs, stop 49). This module is imported first and does nothing else: until
``run_main`` hands SIGINT back to Python's handler, a Ctrl-C ends the command at once with
one Chinese line and status 130. Nothing has been written by then, so nothing is left behind.
(A Ctrl-C in the first few milliseconds, while Python itself starts, is Python's own to report.)
"""

from __future__ import annotations

import os
import signal
import sys


def _early_interrupt(signum: int, frame: object) -> None:
    try:
        sys.stderr.write("jixiao：已中断\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(130)


_early_interrupt.early = True  # type: ignore[attr-defined]  # ``safety.run_main`` replaces only this one

try:
    signal.signal(signal.SIGINT, _early_interrupt)
except (ValueError, OSError):  # not the main thread (imported by a host): nothing to do
    pass


def main() -> int:
    from .cli import main as cli_main

    return cli_main()
