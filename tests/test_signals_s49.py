"""Signals that arrive where Python cannot raise them: while jixiao still loads, and inside a finalizer.

Fuzzing's interrupted runs (stop 49) printed two tracebacks: a Ctrl-C while ``jixiao`` was still
importing (before ``safety.run_main`` took over), and a SIGTERM whose handler ran inside a
``ZipFile.__del__`` the garbage collector called — Python printed “Exception ignored in …” and the
command went on to the end, the signal lost. Each case runs in its own process (signal handlers
are process-wide); none may print a traceback, and each must stop with its status.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_ctrl_c_while_jixiao_loads_ends_it_in_one_line():
    r = _run("import jixiao.console, os, signal\n"
             "os.kill(os.getpid(), signal.SIGINT)\n"
             "import time; time.sleep(5)\n"
             "print('not stopped')")
    assert r.returncode == 130
    assert r.stderr == "jixiao：已中断\n"
    assert "not stopped" not in r.stdout


def test_once_the_command_runs_a_ctrl_c_is_an_interrupt_its_cleanup_sees():
    """``run_main`` hands SIGINT back to Python: the command's ``finally`` blocks run (half-written
    outputs deleted) and its own line is printed, not the loader's."""
    r = _run("import jixiao.console, os, signal, time\n"
             "from jixiao.safety import run_main\n"
             "def fn():\n"
             "    try:\n"
             "        os.kill(os.getpid(), signal.SIGINT); time.sleep(5); return 0\n"
             "    finally:\n"
             "        print('cleaned')\n"
             "raise SystemExit(run_main(fn))")
    assert r.returncode == 130
    assert r.stdout == "cleaned\n"
    assert "未写完的输出已删除" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("signame, status", [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_inside_a_finalizer_still_stops_the_command(signame, status):
    r = _run("import gc, os, signal, time\n"
             "from jixiao.safety import run_main\n"
             "class Leak:\n"
             f"    def __del__(self): os.kill(os.getpid(), signal.{signame}); time.sleep(0.05)\n"
             "def fn():\n"
             "    a = Leak(); a.me = a; del a\n"
             "    gc.collect()          # the signal's handler runs inside __del__\n"
             "    for _ in range(200): time.sleep(0.01)\n"
             "    print('ran to the end')\n"
             "    return 0\n"
             "raise SystemExit(run_main(fn))")
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr
    assert r.returncode == status
    assert "ran to the end" not in r.stdout
