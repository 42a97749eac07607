"""Instructions a Python script executes, counted by valgrind (callgrind), for the instruction-count
benchmarks (``instr_check.py``, ``instr_read.py``): steadier than CPU time on a shared machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path


def instructions(script: Path, args: list[str], tree: Path | None) -> int:
    """Instructions of ``python script *args``; ``tree``: import jixiao from that checkout instead."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    if tree is not None:  # -S: without the editable install's path hook, so that ``tree`` is imported
        env["PYTHONPATH"] = os.pathsep.join([str(tree), sysconfig.get_paths()["purelib"],
                                             sysconfig.get_paths()["platlib"]])
        cmd.append("-S")
    out = subprocess.run([*cmd, str(script), *args], capture_output=True, text=True, env=env,
                         cwd=tempfile.gettempdir())
    m = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or m is None:
        raise SystemExit(f"valgrind 运行失败：\n{out.stderr[-2000:]}")
    return int(m.group(1))
