"""How much CPU the main process of a batch command spends, exit included (issue #18).

    .venv/bin/python benchmarks/bench_main.py [FOLDER] [--repeat 3] [--cmd check|summarize]

The workers' CPU is what the batch costs per workbook (``bench_stages.py``); the main process
takes each workbook's results back, runs the cross-form rules, sorts, prints JSON or writes the
summary workbook, then ends, and on 2 cores it competes with the workers for the same time.
Each run is the console script itself (``cli.main()`` with no argv, in a child with the cache
off, stdout thrown away), with the jixiao of this checkout (the child runs in its root). The child reports the CPU of the processes it waited for (the
workers) at its last atexit; the CPU of the child as a whole, exit included, comes from
``os.wait4``; the difference is the main process. Printed: each run, then the minimum.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import atexit, os, resource, sys
def _report():
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.write(2, f"\nWORKERS {c.ru_utime + c.ru_stime:.6f}\n".encode())
atexit.register(_report)  # registered first: runs last
sys.argv = ["jixiao", *sys.argv[1:]]
from jixiao.cli import main
sys.exit(main())
"""


def command_argv(cmd: str, folder: str, prefix: str) -> list[str]:
    """The arguments of ``jixiao check --json FOLDER`` or ``summarize -o <a fresh folder>/汇总.xlsx --json FOLDER``."""
    if cmd == "check":
        return ["check", "--json", folder]
    return ["summarize", "-o", str(Path(tempfile.mkdtemp(prefix=prefix)) / "汇总.xlsx"), "--json", folder]


def run_once(argv: list[str]) -> tuple[float, float]:
    """(main process CPU incl. exit, workers' CPU) of one console-script run, in seconds."""
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *argv], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                            env={**os.environ, "JIXIAO_NO_CACHE": "1"})
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    workers = float(text.rsplit("WORKERS ", 1)[1].split()[0])
    return usage.ru_utime + usage.ru_stime - workers, workers


def main() -> None:
    ap = argparse.ArgumentParser(description="批处理命令主进程的 CPU 时间（含退出）")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cmd", choices=("check", "summarize"), default="check")
    args = ap.parse_args()
    argv = command_argv(args.cmd, args.folder, "bench-main-")
    mains = []
    for i in range(args.repeat):
        main_cpu, workers = run_once(argv)
        mains.append(main_cpu)
        print(f"第 {i + 1} 次：主进程 {main_cpu:.3f} 秒 CPU，工作进程合计 {workers:.3f} 秒 CPU")
    print(f"{args.cmd}：主进程 CPU 最小 {min(mains):.3f} 秒（{args.repeat} 次；负载 {os.getloadavg()[0]:.1f}）")


if __name__ == "__main__":
    main()
