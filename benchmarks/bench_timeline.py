"""Where one batch command's wall time goes: start, the worker pool, and the serial tail (issue #18).

    .venv/bin/python benchmarks/bench_timeline.py [FOLDER] [--cmd check|summarize] [--repeat 3]

On 2 cores the pool keeps both busy (two workers, and the main process taking their results
back), but what the main process does before the pool (imports, listing and screening the files,
warming the modules the workers inherit) and after the last result — the cross-form rules, folding
and sorting, the summary rows, the 汇总表 workbook, the JSON — runs alone while one core idles. A
second of that costs a second of wall time; a second of CPU inside the pool costs about half. This
script shows the split, so work can be moved (or made cheaper) where it pays.

Each run is the console script in a fresh child (cache off, stdout thrown away), with the stages
marked by wrapping the functions the command calls; wall times are seconds since this script
started the child (so the interpreter's start is in them), with the main process's CPU beside
them. Also shown: each worker's lane (its first and last file, the wall it spent on files and
the CPU), the main process's unpacking of the results during the pool, and the exit (from the
command's return to the parent seeing the child end). Printed per run, then the minimum of each
stage over the runs, wall and the main process's CPU (on a loaded machine the CPU is the steadier).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_main import command_argv  # noqa: E402

CHILD = r"""
import json, os, resource, sys, time
W0 = float(os.environ["TIMELINE_T0"])
LANES = os.environ["TIMELINE_LANES"]
def now():
    return time.time() - W0
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
marks = [("子进程开始", now(), cpu())]
def mark(name):
    marks.append((name, now(), cpu()))
import jixiao.batch as B
from jixiao import cli
mark("导入 cli")
import jixiao.resultcache as RC
_fresh = RC.checked_bytes
def in_worker(args):  # what a worker runs per file: its lane, appended to a file of its own
    t, c = now(), cpu()
    out = _fresh(args)
    with open(f"{LANES}.{os.getpid()}", "a") as fh:
        fh.write(json.dumps([t, c, now(), cpu()]) + "\n")
    return out
for attr in ("__name__", "__qualname__", "__module__"):  # pickled by name into the workers: the wrapper
    setattr(in_worker, attr, getattr(_fresh, attr))
RC.checked_bytes = in_worker
arrivals = []
_unpacked = B._unpacked
def unpacked(job, data):
    t, c = now(), cpu()
    out = _unpacked(job, data)
    arrivals.append((t, c, now(), cpu()))
    return out
B._unpacked = unpacked
def wrap(mod, name, label):
    f = getattr(mod, name)
    def g(*a, **k):
        mark(label + "开始")
        try:
            return f(*a, **k)
        finally:
            mark(label + "结束")
    setattr(mod, name, g)
import jixiao.dedupe as D, jixiao.sources as S
import jixiao.summary as SU, jixiao.summary.write as SW
wrap(D, "screen_files", "列出与筛查文件")
wrap(B, "warm", "预热")
wrap(S, "start_map", "启动进程池")
wrap(D, "load_checked", "进程池")
wrap(D, "check_kept", "跨表规则与排序")
wrap(SU, "summarize", "汇总行")
wrap(SW, "write_summary", "写汇总表")
wrap(cli, "_print_json", "JSON")
import atexit
def report():
    mark("退出处理")
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    data = {"marks": marks, "arrivals": arrivals, "workers_cpu": c.ru_utime + c.ru_stime}
    os.write(2, ("\nTIMELINE " + json.dumps(data, ensure_ascii=False) + "\n").encode())
atexit.register(report)  # registered last: runs first
sys.argv = ["jixiao", *sys.argv[1:]]
code = 0
try:
    code = cli.main()
except SystemExit as exc:
    code = exc.code
mark("命令返回")
sys.exit(code)
"""


def run_once(argv: list[str]) -> dict:
    """One run: the main process's marks, the workers' lanes, the unpacking, the CPU of both."""
    lanes = tempfile.mktemp(prefix="bench-timeline-")
    err = tempfile.TemporaryFile()
    t0 = time.time()
    env = {**os.environ, "JIXIAO_NO_CACHE": "1", "TIMELINE_T0": repr(t0), "TIMELINE_LANES": lanes}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *argv], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=err, env=env)
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    end = time.time() - t0
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    data = json.loads(text.rsplit("TIMELINE ", 1)[1].splitlines()[0])
    data["end"] = end
    data["cpu"] = usage.ru_utime + usage.ru_stime
    data["lanes"] = []
    for path in sorted(glob.glob(lanes + ".*")):
        with open(path, encoding="utf-8") as fh:
            data["lanes"].append([json.loads(line) for line in fh])
        os.remove(path)
    return data


def spans(d: dict) -> dict[str, tuple[float, float]]:
    """The stages of one run: (wall seconds, the main process's CPU seconds) each."""
    at = {n: (w, c) for n, w, c in d["marks"]}
    main_cpu = d["cpu"] - d["workers_cpu"]
    zero = (0.0, 0.0)
    pool_start = at.get("启动进程池开始", at.get("进程池开始", zero))
    last = at.get("进程池结束", at["命令返回"])

    def span(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
        return b[0] - a[0], b[1] - a[1]

    out = {"池前（启动、导入、列出、预热）": pool_start, "进程池": span(pool_start, last),
           "收尾（最后一个结果之后）": span(last, at["命令返回"]),
           "退出": (d["end"] - at["命令返回"][0], main_cpu - at["命令返回"][1])}
    for n in ("跨表规则与排序", "汇总行", "写汇总表", "JSON"):
        if n + "开始" in at:
            out["  其中 " + n] = span(at[n + "开始"], at[n + "结束"])
    return out


def show(i: int, d: dict) -> None:
    main_cpu = d["cpu"] - d["workers_cpu"]
    print(f"第 {i} 次：墙钟 {d['end']:.2f} 秒；CPU 共 {d['cpu']:.2f} 秒（主进程 {main_cpu:.2f}，工作进程 {d['workers_cpu']:.2f}）")
    for n, w, c in d["marks"]:
        print(f"  {w:7.3f} 秒  主进程 CPU {c:6.3f}  {n}")
    for lane in d["lanes"]:
        busy, used = sum(r[2] - r[0] for r in lane), sum(r[3] - r[1] for r in lane)
        print(f"  工作进程：{len(lane)} 个文件，{lane[0][0]:.3f}–{lane[-1][2]:.3f} 秒，处理文件的墙钟 {busy:.2f}、CPU {used:.2f} 秒")
    a = d["arrivals"]
    if a:
        print(f"  主进程解开结果：{len(a)} 个，墙钟 {sum(x[2] - x[0] for x in a):.2f}、CPU {sum(x[3] - x[1] for x in a):.2f} 秒")


def main() -> None:
    ap = argparse.ArgumentParser(description="批处理命令的时间线：启动、工作进程、主进程独自运行的收尾")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--cmd", choices=("check", "summarize"), default="check")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    argv = command_argv(args.cmd, args.folder, "bench-timeline-")
    runs = []
    for i in range(args.repeat):
        runs.append(run_once(argv))
        show(i + 1, runs[-1])
    print(f"{args.cmd}，{args.repeat} 次中的最小值（负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}）：")
    print(f"  墙钟 {min(r['end'] for r in runs):.2f} 秒，CPU {min(r['cpu'] for r in runs):.2f} 秒")
    each = [spans(r) for r in runs]
    for n in each[0]:
        got = [s.get(n, (0.0, 0.0)) for s in each]
        print(f"  {n:<24} 墙钟 {min(w for w, _c in got):6.2f} 秒   主进程 CPU {min(c for _w, c in got):6.2f} 秒")


if __name__ == "__main__":
    main()
