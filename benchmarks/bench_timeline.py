"""Where one batch command's wall time goes: start, the worker pool, and the serial tail (issue #18).

    .venv/bin/python benchmarks/bench_timeline.py [FOLDER] [--cmd check|summarize] [--repeat 3]

On 2 cores the pool keeps both busy (two workers, and the main process taking their results
back), but what the main process does after the last result — the cross-form rules and the
sort, the summary rows, the 汇总表 workbook, the JSON — runs alone while one core idles. A
second of that tail costs a second of wall time; a second of CPU inside the pool costs about
half. This script shows the split, so work can be moved (or made cheaper) where it pays.

Each run is the console script in a fresh child (cache off, stdout thrown away), with the stages
marked by wrapping the functions the command calls; printed per run, then the minimum of each
stage over the runs (wall seconds since the child started, and the main process's CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_main import command_argv  # noqa: E402

CHILD = r"""
import json, os, resource, sys, time
T0 = time.perf_counter()
marks = []
def mark(name):
    r = resource.getrusage(resource.RUSAGE_SELF)
    marks.append((name, time.perf_counter() - T0, r.ru_utime + r.ru_stime))
import jixiao.batch as B
from jixiao import cli
mark("导入完成")
_map = B.map_checked
def _mapped(*a, **k):
    mark("工作进程开始")
    first = True
    for x in _map(*a, **k):
        if first:
            mark("第一个结果")
            first = False
        yield x
    mark("最后一个结果")
B.map_checked = _mapped
def _wrap(mod, name, label):
    f = getattr(mod, name)
    def g(*a, **k):
        mark(label + "开始")
        try:
            return f(*a, **k)
        finally:
            mark(label + "结束")
    setattr(mod, name, g)
import jixiao.checking.run as R
import jixiao.summary as S
import jixiao.summary.write as W
_wrap(R, "check_batch", "跨表规则与排序")
_wrap(S, "summarize", "汇总行")
_wrap(W, "write_summary", "写汇总表")
_wrap(cli, "_print_json", "JSON")
sys.argv = ["jixiao", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
mark("结束")
os.write(2, ("\nMARKS " + json.dumps(marks, ensure_ascii=False) + "\n").encode())
"""


def run_once(argv: list[str]) -> list[tuple[str, float, float]]:
    err = tempfile.TemporaryFile()
    subprocess.run([sys.executable, "-c", CHILD, *argv], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                   env={**os.environ, "JIXIAO_NO_CACHE": "1"}, check=False)
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    return [tuple(m) for m in json.loads(text.rsplit("MARKS ", 1)[1].splitlines()[0])]


def main() -> None:
    ap = argparse.ArgumentParser(description="批处理命令的时间线：启动、工作进程、主进程独自运行的收尾")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--cmd", choices=("check", "summarize"), default="check")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    argv = command_argv(args.cmd, args.folder, "bench-timeline-")
    runs = []
    for i in range(args.repeat):
        marks = run_once(argv)
        runs.append(marks)
        last = dict((n, w) for n, w, _c in marks)
        tail = last["结束"] - last.get("最后一个结果", last["结束"])
        print(f"第 {i + 1} 次：墙钟 {last['结束']:.2f} 秒，其中最后一个结果之后 {tail:.2f} 秒")
    print(f"{args.cmd}，{args.repeat} 次中的最小值（负载 {os.getloadavg()[0]:.1f}）：")
    names = [n for n, _w, _c in runs[0]]
    for n in names:
        walls = [w for r in runs for m, w, _c in r if m == n]
        cpus = [c for r in runs for m, _w, c in r if m == n]
        print(f"  {n:<12} 墙钟 {min(walls):6.2f} 秒   主进程 CPU {min(cpus):6.2f} 秒")
    spans = []
    for r in runs:
        at = {n: w for n, w, _c in r}
        spans.append({n: at[n + "结束"] - at[n + "开始"] for n in ("跨表规则与排序", "汇总行", "写汇总表", "JSON")
                      if n + "开始" in at})
        spans[-1]["收尾合计"] = at["结束"] - at.get("最后一个结果", at["结束"])
    print("  收尾各段（墙钟，最小值）：" + "，".join(f"{k} {min(s[k] for s in spans):.2f} 秒" for k in spans[0]))


if __name__ == "__main__":
    main()
