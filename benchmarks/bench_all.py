"""The batch benchmark (issue #18): jixiao against the read floor and two baselines, in ONE run.

    .venv/bin/python benchmarks/bench_all.py                   # 10,000 forms, 3 repeats
    .venv/bin/python benchmarks/bench_all.py --forms 2000 --markdown

Corpus: ``--forms`` N forms in N/100 department workbooks of 100 项目支出绩效自评表 each,
made once by ``corpus.py`` (saved by LibreOffice, so every formula carries its cached
value, as in the files a finance bureau receives) and kept in out/bench/ (gitignored).

Every timed task runs in a fresh process, as a user runs it (Python start-up and imports
included), ``--repeats`` times; we print min and median of wall time and of CPU time
(user + system of the process and the workers it waited for). Tasks:

  floor-1 / floor-2  python-calamine reads every sheet's values of every workbook, on 1 and
                     2 processes: what any tool must pay to see the cells (nothing else);
  check              ``jixiao check FOLDER --json`` (read, score, all rules; JSON to /dev/null);
  summarize          ``jixiao summarize FOLDER -o 汇总表.xlsx --json`` (the above + 汇总表 workbook);
  review             ``jixiao review FOLDER -o DIR --json`` (the above + 复核台账, notices and
                     an annotated copy per department), when the command exists; ``--review-repeats``
                     rounds (default 1: the annotated copies take minutes at 10,000 forms);
  openpyxl           a plain script: openpyxl (read_only, values_only) reads every cell of
                     every sheet, one process — the usual hand-written loop;
  pandas             ``pandas.read_excel(f, sheet_name=None, engine="calamine")`` per file.

Ratios: jixiao ÷ floor-2 (how far from the read floor on the same two cores) and
openpyxl ÷ jixiao. The load average is printed before and after: a busy machine shows.
Then the small commands: ``check`` on one 30-form workbook (CLI and in-process), a UDF
call (JX_SCORE, warm cache) and the 校验 button path on that workbook (FileHost), and the
bytes one workbook's results take between processes (packed vs plain pickle); and ``review``
on a county's inbox (50 department workbooks of 10 forms, made once by ``corpus.county_inbox``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent
OUT = ROOT / "out" / "bench"
PY = sys.executable


# ----------------------------------------------------------------------------- tasks (child side)

def _books(folder: str) -> list[str]:
    return sorted(str(p) for p in Path(folder).glob("*.xlsx"))


def _calamine_one(path: str) -> int:
    import python_calamine as pc

    n = 0
    wb = pc.CalamineWorkbook.from_path(path)
    try:
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
                n += len(row)
    finally:
        wb.close()
    return n


def task_floor(folder: str, workers: int) -> int:
    if workers == 1:
        return sum(map(_calamine_one, _books(folder)))
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(_calamine_one, _books(folder)))


def task_openpyxl(folder: str) -> int:
    import openpyxl

    n = 0
    for path in _books(folder):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                n += len(row)
        wb.close()
    return n


def task_pandas(folder: str) -> int:
    import pandas as pd

    n = 0
    for path in _books(folder):
        for df in pd.read_excel(path, sheet_name=None, engine="calamine", header=None).values():
            n += df.size
    return n


TASKS = {"floor-1": lambda f: task_floor(f, 1), "floor-2": lambda f: task_floor(f, 2),
         "openpyxl": task_openpyxl, "pandas": task_pandas}


# ----------------------------------------------------------------------------- timing (parent side)

CACHE = OUT / "cache"  # jixiao's result cache for the timed commands (resultcache; never ~/.cache)


def cold_cache() -> None:
    """Empty the result cache: a cold run pays for everything, writing the cache included."""
    shutil.rmtree(CACHE, ignore_errors=True)


def run(cmd: list[str], ok=(0, 1)) -> tuple[float, float]:
    """Wall and CPU seconds (the process and every worker it waited for) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    env = {**os.environ, "JIXIAO_CACHE_DIR": str(CACHE)}
    env.pop("JIXIAO_NO_CACHE", None)
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} 失败（{proc.returncode}）：{proc.stderr.decode()[-1500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_on_terminal(cmd: list[str]) -> float:
    """Wall seconds of one command whose stdout and stderr are a terminal (a pty), as a person
    runs it: the progress display decides by that whether to show itself."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "JIXIAO_CACHE_DIR": str(CACHE)}
    env.pop("JIXIAO_NO_CACHE", None)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
    os.close(slave)
    while True:  # drain the terminal, or the command blocks on a full pty
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    proc.wait()
    wall = time.perf_counter() - t
    os.close(master)
    return wall


class Row:
    def __init__(self, name: str, what: str) -> None:
        self.name, self.what, self.walls, self.cpus = name, what, [], []

    def add(self, wall: float, cpu: float) -> None:
        self.walls.append(wall)
        self.cpus.append(cpu)

    @property
    def best(self) -> float:
        return min(self.walls)

    def cells(self) -> list[str]:
        return [f"{min(self.walls):.2f}", f"{statistics.median(self.walls):.2f}",
                f"{min(self.cpus):.2f}", f"{statistics.median(self.cpus):.2f}"]


def has_review() -> bool:
    from jixiao.cli import build_parser

    sub = [a for a in build_parser()._actions if a.dest == "cmd"]
    return bool(sub) and "review" in sub[0].choices


def packed_bytes(book: Path) -> tuple[int, int, int]:
    """(forms, plain pickle bytes, packed bytes) of one workbook's worker result."""
    from jixiao.batch import pack
    from jixiao.checking.run import _load_and_check

    res = _load_and_check((book, None))
    n = sum(len(v) for v in res[2].values())
    return n, len(pickle.dumps(res, pickle.HIGHEST_PROTOCOL)), len(pickle.dumps(pack(res), pickle.HIGHEST_PROTOCOL))


def small_commands(book: Path, repeats: int) -> list[tuple[str, str]]:
    """``check`` on one 30-form workbook, a UDF call, the 校验 button path."""
    out: list[tuple[str, str]] = []
    cmd = [PY, "-m", "jixiao.cli", "check", str(book), "--json"]
    walls = [(cold_cache(), run(cmd))[1] for _ in range(repeats)]
    out.append(("jixiao check 30 张表（命令行，新进程，缓存为空）",
                f"墙钟 min {min(w for w, _ in walls):.3f} 秒，CPU min {min(c for _, c in walls):.3f} 秒"))
    tty = [(cold_cache(), run_on_terminal(cmd[:-1]))[1] for _ in range(repeats)]
    out.append(("jixiao check 30 张表（命令行，在终端里：输出与进度都到终端，缓存为空）",
                f"墙钟 min {min(tty):.3f} 秒，中位数 {statistics.median(tty):.3f} 秒"))
    walls = [run(cmd) for _ in range(repeats)]
    out.append(("jixiao check 30 张表（同上，再次运行，结果缓存命中）",
                f"墙钟 min {min(w for w, _ in walls):.3f} 秒，CPU min {min(c for _, c in walls):.3f} 秒"))
    code = ("import time,sys;t=time.perf_counter();from jixiao.checking.run import check_paths;t1=time.perf_counter();"
            f"check_paths([{str(book)!r}]);t2=time.perf_counter();check_paths([{str(book)!r}]);t3=time.perf_counter();"
            "print(t1-t,t2-t1,t3-t2)")
    got = [subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "JIXIAO_NO_CACHE": "1"}).stdout.split()
           for _ in range(repeats)]
    imp, cold, warm = (min(float(g[i]) for g in got) for i in range(3))
    out.append(("  进程内：导入 / 首次校验 / 再次校验", f"{imp:.3f} / {cold:.3f} / {warm:.3f} 秒"))

    from jixiao.forms.project import scoring
    try:
        from addin.udfs import JX_SCORE
    except ImportError as exc:  # xlwings missing
        out.append(("UDF JX_SCORE", f"未测（{exc}）"))
    else:
        args = [("≥95%", "98%", 10), ("≤5.6 万元", "5.18", 20), ("12 次", "12 次", 10), ("100%", "96%", 15)]
        for a in args:
            JX_SCORE(*a)  # warm: Excel recalculates the same cells again and again
        n = 20000
        t = time.perf_counter()
        for i in range(n):
            JX_SCORE(*args[i % len(args)])
        warm = (time.perf_counter() - t) / n * 1e6
        scoring._score_cached.cache_clear()
        from jixiao.core.values import parse_value
        parse_value.cache_clear()
        t = time.perf_counter()
        for a in args:
            JX_SCORE(*a)
        cold = (time.perf_counter() - t) / len(args) * 1e6
        out.append(("UDF JX_SCORE（缓存命中 / 清缓存后首次）", f"{warm:.1f} / {cold:.0f} 微秒每次"))

    from jixiao.actions import FileHost, check

    times = []
    for _ in range(repeats):
        target = OUT / "button-out.xlsx"
        t = time.perf_counter()
        host = FileHost(str(book), str(target))
        result, _plan = check(host)
        t1 = time.perf_counter()
        host.save()
        times.append((t1 - t, time.perf_counter() - t1))
    out.append(("校验按钮路径（FileHost：读取+校验+标注 / 保存副本）",
                f"{min(a for a, _ in times):.3f} / {min(b for _, b in times):.3f} 秒（{result.forms} 张表）"))
    return out


def county_review(folder: Path, repeats: int) -> list[tuple[str, str]]:
    """``review`` on a county's inbox (50 department workbooks of 10 forms): what the 财政局
    reviewer waits for on a usual day, annotated copies, notices, 台账 and 汇总表 included."""
    books = sorted(folder.glob("*.xlsx"))
    forms = len(books) * int(folder.name.rsplit("x", 1)[-1])
    cmd = [PY, "-m", "jixiao.cli", "review", str(folder), "-o", str(OUT / "review-county"), "--json"]
    got = []
    for _ in range(repeats):
        cold_cache()
        shutil.rmtree(OUT / "review-county", ignore_errors=True)
        got.append(run(cmd))
    walls, cpus = [w for w, _ in got], [c for _, c in got]
    return [(f"jixiao review 一个县的收件夹（{len(books)} 个单位工作簿、{forms} 张表，冷）",
             f"墙钟 min {min(walls):.2f} 秒，中位数 {statistics.median(walls):.2f} 秒；CPU min {min(cpus):.2f} 秒")]


def main() -> None:
    ap = argparse.ArgumentParser(description="jixiao 批量速度基准（一次运行内与读取下限和基线对比）")
    ap.add_argument("--forms", type=int, default=10000, help="表单数（每 100 张一个工作簿），默认 10000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--markdown", action="store_true", help="打印 README 的表格")
    ap.add_argument("--skip", default="", help="不测的项，逗号分隔（如 openpyxl,review,small,county）")
    ap.add_argument("--review-repeats", type=int, default=1,
                    help="review 的轮数，默认 1（它为每个单位写出标注副本，1 万张表一轮约需数分钟）")
    ap.add_argument("--task", default=None, help=argparse.SUPPRESS)
    ap.add_argument("folder", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.task:  # child side
        print(TASKS[args.task](args.folder))
        return

    from corpus import build_corpus, small_book

    load0 = os.getloadavg()
    started = dt.datetime.now().astimezone()
    print(f"负载（1/5/15 分钟）开始时：{load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}；CPU 核数 {os.cpu_count()}", flush=True)
    folder = build_corpus(OUT, args.forms)
    books = sorted(folder.glob("*.xlsx"))
    n_forms = len(books) * 100
    skip = set(filter(None, args.skip.split(",")))
    out_book = OUT / "汇总表.xlsx"
    rows = [Row("floor-1", "calamine 读取全部工作表（1 进程）"), Row("floor-2", "calamine 读取全部工作表（2 进程）"),
            Row("check", "jixiao check --json（冷：缓存为空）"),
            Row("summarize", "jixiao summarize -o 汇总表.xlsx --json（冷：缓存为空）"),
            Row("check-warm", "jixiao check --json（热：再次运行，结果缓存命中）"),
            Row("summarize-warm", "jixiao summarize --json（热：结果缓存命中）"),
            Row("review", "jixiao review -o 目录 --json（冷）"), Row("openpyxl", "openpyxl 逐格读取（read_only，1 进程）"),
            Row("pandas", "pandas read_excel(engine=calamine)")]
    notes = []
    if not has_review():
        skip.add("review")
        notes.append("本分支没有 jixiao review，未测")
    cmds = {
        "check": [PY, "-m", "jixiao.cli", "check", str(folder), "--json"],
        "summarize": [PY, "-m", "jixiao.cli", "summarize", str(folder), "-o", str(out_book), "--json"],
        "review": [PY, "-m", "jixiao.cli", "review", str(folder), "-o", str(OUT / "review"), "--json"],
    }
    cmds["check-warm"], cmds["summarize-warm"] = cmds["check"], cmds["summarize"]
    warm = {"check-warm", "summarize-warm"}
    if "check" in skip:
        skip.add("check-warm")
    if "summarize" in skip:
        skip.add("summarize-warm")
    # bytecode as an installed package has it: pip compiles what it installs, but this machine sets
    # PYTHONDONTWRITEBYTECODE and its venv's .pyc files can be older than their sources (Python then
    # compiles pydantic & co. from source on every start: +0.1–0.15 s a command)
    site = subprocess.run([PY, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "jixiao"), str(ROOT / "addin"), site],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    notes.append("jixiao 及其依赖的字节码已预编译（compileall，同 pip 安装）；冷 = 每次运行前清空结果缓存，热 = 紧接着再次运行")
    rows = [r for r in rows if r.name not in skip]
    for rep in range(args.repeats):  # interleaved: a load spike hits every task, not one
        for r in rows:
            if r.name == "review" and rep >= args.review_repeats:
                continue
            cmd = cmds.get(r.name) or [PY, str(Path(__file__).resolve()), "--task", r.name, str(folder)]
            if r.name in cmds and r.name not in warm:
                cold_cache()
            r.add(*run(cmd))
            print(f"  第 {rep + 1} 轮 {r.name:<10} {r.walls[-1]:7.2f} 秒（CPU {r.cpus[-1]:6.2f}）", flush=True)
    load1 = os.getloadavg()
    by = {r.name: r for r in rows}
    floor = by.get("floor-2")

    small = [] if "small" in skip else small_commands(small_book(OUT), args.repeats)
    if "county" not in skip and has_review():
        from corpus import county_inbox

        small += county_review(county_inbox(OUT), args.repeats)
    n_pk, plain, packed = packed_bytes(books[0])

    title = (f"{n_forms:,} 张表（{len(books)} 个工作簿），{args.repeats} 轮，{started:%Y-%m-%d %H:%M %Z}，"
             f"{platform.python_implementation()} {platform.python_version()}，{os.cpu_count()} 核")
    ratio = lambda r: f"{r.best / floor.best:.2f}×" if floor and r is not floor else ""  # noqa: E731
    vs_op = lambda r: (f"{by['openpyxl'].best / r.best:.1f}×" if "openpyxl" in by  # noqa: E731
                       and r.name in cmds else "")
    for r in rows:
        if len(r.walls) < args.repeats:
            r.what += f"（{len(r.walls)} 轮）"
    head = ["项", "墙钟 min（秒）", "墙钟中位数", "CPU min", "CPU 中位数", "÷ 读取下限（2 进程）", "openpyxl ÷ 本项"]
    table = [[r.what, *r.cells(), ratio(r), vs_op(r)] for r in rows]
    load_line = (f"负载（1/5/15 分钟）：开始 {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}，"
                 f"结束 {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")
    print()
    if args.markdown:
        print(f"测得：{title}。{load_line}。")
        print()
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
        for line in table:
            print("| " + " | ".join(line) + " |")
        print()
        for k, v in small:
            print(f"- {k.strip()}：{v}")
        print(f"- 一个工作簿（{n_pk} 张表）的结果在进程间传送：{plain / 1024:.0f} KB → {packed / 1024:.0f} KB（打包后）")
        for note in notes:
            print(f"- {note}")
    else:
        print(title)
        print(load_line)
        w = max(len(x[0]) for x in table) + 2
        print(f"{'':{w}}" + "".join(f"{h:>14}" for h in head[1:]))
        for line in table:
            print(f"{line[0]:{w}}" + "".join(f"{c:>14}" for c in line[1:]))
        for k, v in small:
            print(f"{k}：{v}")
        print(f"一个工作簿（{n_pk} 张表）的结果在进程间传送：{plain:,} 字节 → {packed:,} 字节（打包后）")
        for note in notes:
            print(note)
        if floor and "summarize" in by:
            s = by["summarize"].best
            print(f"目标（{n_forms:,} 张）：校验+汇总 ≤ 10 秒 → {s:.2f} 秒；≤ 3× 读取下限 → {s / floor.best:.2f}×；"
                  + (f"≥ 10× openpyxl → {by['openpyxl'].best / s:.1f}×" if "openpyxl" in by else ""))


if __name__ == "__main__":
    main()
