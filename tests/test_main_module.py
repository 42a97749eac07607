"""``python -m jixiao`` runs the console script's entry point (QA s41 #11): on Windows pip's Scripts
folder is often not on PATH, and ``python -m jixiao`` is the usual fallback; it said “No module
named jixiao.__main__”."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jixiao import __version__

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_python_m_jixiao_version(tmp_path):
    done = _run("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"jixiao {__version__}\n", "")


def test_python_m_jixiao_passes_the_exit_status_through(tmp_path):
    """2: the input could not be read, as the console script says it (``cli.main``)."""
    done = _run("check", str(tmp_path / "没有这个文件.xlsx"), cwd=tmp_path)
    assert done.returncode == 2 and "文件不存在" in done.stdout
