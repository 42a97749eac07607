"""Benchmark: `jixiao check BOOK` on one small workbook, wall time as a user sees it (issue #18).

Runs the installed command N times (text and --json, result cache off, output discarded)
and prints min and median wall time and CPU time (the command and its children) with the
load average. With ``--base DIR`` (a folder holding another ``jixiao`` package, e.g. from
``git archive``) each run of this checkout is interleaved with one of that one, so a busy
machine slows both alike.

Compile the bytecode first (this machine sets PYTHONDONTWRITEBYTECODE=1, and an installed
package has its .pyc files; without them Python compiles pydantic from source every run):

    .venv/bin/python -m compileall -q .venv/lib/python3.11/site-packages jixiao addin
    .venv/bin/python benchmarks/bench_small.py out/bench/small-30/*.xlsx [--runs 15] [--base DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("book", type=Path)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--base", type=Path, default=None, help="folder with another jixiao package to compare")
    args = ap.parse_args()
    exe = shutil.which("jixiao", path=str(Path(sys.executable).parent)) or "jixiao"
    with tempfile.TemporaryDirectory() as tmp:  # a neutral working folder: the package comes from the install
        book = Path(tmp) / args.book.name
        shutil.copyfile(args.book, book)
        envs = {"this": {**os.environ, "JIXIAO_NO_CACHE": "1"}}
        if args.base:
            envs["base"] = {**envs["this"], "PYTHONPATH": str(args.base.resolve())}
        for extra in ([], ["--json"]):
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
            for _ in range(args.runs):
                for name, env in envs.items():
                    times[name].append(one([exe, "check", *extra, str(book)], env, tmp))
            for name, got in times.items():
                wall, cpu = [w for w, _ in got], [c for _, c in got]
                print(f"check {' '.join(extra) or '(text)':7} {name:4}  wall min {min(wall):.3f} median "
                      f"{statistics.median(wall):.3f} s  cpu min {min(cpu):.3f} median {statistics.median(cpu):.3f} s")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
