"""What the tests of swept stages and temporaries share: making a path look old, and another run that
holds a stage or a temporary while the test looks at the folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def age(path: Path, seconds: float) -> None:
    """``path`` (a file, or a folder and all in it) last changed ``seconds`` ago."""
    then = time.time() - seconds
    for p in (path, *(path.rglob("*") if path.is_dir() else ())):
        os.utime(p, (then, then), follow_symlinks=False)


@contextmanager
def held_in_child(code: str) -> Iterator[Path]:
    """Another run (a Python process running ``code``, which prints one path and then sleeps): the path it
    printed, while it runs; killed (SIGKILL: its locks go with it) when the block ends."""
    r = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                         stdout=subprocess.PIPE, text=True)
    try:
        yield Path(r.stdout.readline().strip()) if r.stdout else Path()
    finally:
        r.kill()
        r.wait()
