"""Run every command over mutated and hostile workbooks and count what went wrong (issue #13).

    python tests/fuzz/run_fuzz.py --files 1000 [--seed 13] [--out DIR] [--json report.json]

The cases (``hostile.make_case``) are run in a worker process under a memory limit
(``resource.setrlimit``); each command runs in-process through ``jixiao.cli.main``. The
parent watches the worker: a command still running after ``--timeout`` seconds is a hang
(the worker is killed and a new one takes the remaining commands), a worker that dies is a
crash. Counted, per the issue's "done when":

crashes      a traceback, exit 3, an exception out of ``main``, or a dead worker
hangs        a command over the time limit
memory       a worker killed by the memory limit (MemoryError or a dead worker on RLIMIT_AS)
modified     an input whose bytes or mtime changed
unlocated    a message (stderr line, X1/X2 finding) that is not Chinese or does not name its file
injected     a formula in any output holding text planted in an input
batch_stops  a batch run over a folder of mixed files that did not give its JSON for every good file
leftovers    a temporary file (``.~*``, ``*.cache``) left next to an output, also after SIGTERM/SIGINT
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from hostile import MARK, archives, base_workbook, make_case  # noqa: E402

COUNTERS = ("runs", "crashes", "hangs", "memory", "modified", "unlocated", "injected", "batch_stops", "leftovers")
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"Traceback|Error\b|codec|Exception|errno|No such file", re.I)


# ----------------------------------------------------------------------------- checks

def _stamp(paths: list[Path]) -> dict[str, tuple[str, int]]:
    out = {}
    for p in paths:
        try:
            out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), os.stat(p).st_mtime_ns)
        except OSError:
            out[str(p)] = ("?", 0)
    return out


def _leftovers(*folders: Path) -> list[str]:
    bad = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            for n in filenames + dirnames:
                if n.startswith(".~") or n.endswith(".cache") or n.startswith("~$"):
                    bad.append(os.path.join(dirpath, n))
    return bad


def _injected(path: Path) -> list[str]:
    """Formulas in an output .xlsx that carry planted text."""
    if not path.is_file():
        return []
    hits = []
    try:
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                    for m in re.finditer(rb"<f\b[^>]*>([^<]*)</f>", z.read(n)):
                        if MARK.encode() in m.group(1) or b"HYPERLINK" in m.group(1) and b"example" in m.group(1):
                            hits.append(f"{path.name}:{n}:{m.group(1)[:60]!r}")
    except zipfile.BadZipFile:
        hits.append(f"{path.name}: output is not a valid xlsx")
    return hits


def _shown(p: Path) -> str:
    return os.fsencode(str(p.name)).decode("utf-8", "replace")


def _located(line: str, names: list[str]) -> bool:
    return bool(CJK.search(line)) and not ENGLISH.search(line) and any(n in line for n in names)


def _check_messages(stderr: str, stdout: str, names: list[str], argv: list[str]) -> list[str]:
    bad = []
    for line in stderr.splitlines():
        if line.startswith("jixiao：") and not _located(line, names):
            bad.append(line[:200])
    if "--json" in argv and argv[0] == "check":
        try:
            findings = json.loads(stdout)
        except ValueError:
            findings = []
        for f in findings if isinstance(findings, list) else []:
            if f.get("rule") in ("X1", "X2"):
                msg = f.get("message", "")
                if not f.get("file") or not CJK.search(msg) or ENGLISH.search(msg) or (
                        f["rule"] == "X2" and not f.get("cell")):
                    bad.append(f"finding:{msg[:200]}")
    return bad


# ----------------------------------------------------------------------------- worker

def worker(jobs_file: Path, results_file: Path, start: int) -> None:
    """Run the jobs from ``start`` on; one JSON line before and after each command."""
    os.environ.setdefault("JIXIAO_FILE_TIMEOUT", "60")
    from jixiao.cli import main

    jobs = json.loads(jobs_file.read_text())
    with open(results_file, "a", buffering=1) as res:
        for idx in range(start, len(jobs)):
            job = jobs[idx]
            res.write(json.dumps({"start": idx}) + "\n")
            inputs = [Path(p) for p in job["inputs"]]
            before = _stamp(inputs)
            out, err = io.StringIO(), io.StringIO()
            crash = None
            try:
                with redirect_stdout(out), redirect_stderr(err):
                    rc = main(job["argv"])
            except SystemExit as exc:
                rc = exc.code if isinstance(exc.code, int) else 2
            except MemoryError:
                rc, crash = -1, "memory"
            except BaseException as exc:  # noqa: BLE001 - that is what is being counted
                rc, crash = -1, f"{type(exc).__name__}: {exc}"[:300]
            stdout, stderr = out.getvalue(), err.getvalue()
            rec: dict = {"end": idx, "rc": rc}
            if crash == "memory":
                rec["memory"] = True
            elif crash or rc not in (0, 1, 2) or "Traceback" in stderr:
                rec["crash"] = crash or f"rc={rc} {stderr[-300:]}"
            if _stamp(inputs) != before:
                rec["modified"] = [p for p in before if _stamp([Path(p)]) != {p: before[p]}]
            left = _leftovers(*(Path(d) for d in job["dirs"]))
            if left:
                rec["leftovers"] = left
            inj = [h for o in job["outputs"] for h in _injected(Path(o))]
            if inj:
                rec["injected"] = inj
            bad = _check_messages(stderr, stdout, job["names"], job["argv"])
            if bad:
                rec["unlocated"] = bad[:5]
            if job.get("batch"):
                rec.update(_batch_verdict(job, rc, stdout, stderr))
            res.write(json.dumps(rec) + "\n")
            for o in job["outputs"]:  # outputs of one command are not the next one's concern
                p = Path(o)
                if p.is_file():
                    p.unlink()
                elif p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)


def _batch_verdict(job: dict, rc: int, stdout: str, stderr: str = "") -> dict:
    """A batch over a folder must go on: JSON out, and each good file's forms in it — or the file
    named on stderr as set aside with its reason (a byte-identical copy is counted once, not lost)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return {"batch_stop": f"no JSON (rc={rc})"}
    text = json.dumps(data, ensure_ascii=False)
    aside = [line for line in stderr.splitlines() if "只计一次" in line or "不计入" in line]
    missing = [g for g in job["good"] if g not in text and not any(g in line for line in aside)]
    if job["argv"][0] == "summarize":
        missing = [] if data.get("projects_due", 0) >= len(job["good"]) else ["projects_due"]
    if job["argv"][0] == "review":
        counted = data.get("totals", {}).get("files_counted", 0)
        missing = [] if counted >= len(job["good"]) else [f"files_counted {counted}"]
    return {"batch_stop": f"missing {missing}"} if missing else {}


# ----------------------------------------------------------------------------- jobs

def _commands(p: Path, out: Path, i: int, full: bool) -> list[tuple[list[str], list[str]]]:
    cmds = [(["check", str(p), "--json"], []),
            (["check", str(p), "--annotate", str(out / "标注.xlsx")], [str(out / "标注.xlsx")]),
            (["read", str(p), "--json"], []),
            (["score", str(p), "--json"], []),
            (["import", str(p), "-o", str(out / "导入.xlsx"), "--json"], [str(out / "导入.xlsx")]),
            (["summarize", str(p), "-o", str(out / "汇总.xlsx"), "--json"], [str(out / "汇总.xlsx")])]
    if i % 10 == 0:
        cmds.append((["calc", str(p), "-o", str(out / "计算.xlsx")], [str(out / "计算.xlsx")]))
    if i % 25 == 0:
        cmds.append((["report", str(p), "-o", str(out / "报告")], [str(out / "报告")]))
    if p.suffix.lower() == ".json":  # a form JSON is also what ``fill`` takes
        cmds.append((["fill", str(p), "-o", str(out / "填入.xlsx")], [str(out / "填入.xlsx")]))
    if full:
        return cmds
    return [cmds[i % 6], cmds[(i + 3) % 6]] + cmds[6:]


def build_jobs(n: int, seed: int, root: Path, full: bool) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    jobs: list[dict] = []
    kinds: dict[str, int] = {}
    cases_root = root / "cases"
    good_dir = root / "good"
    good_dir.mkdir(parents=True, exist_ok=True)
    goods = []
    for k in (1, 5):
        g = good_dir / f"good{k:02d}.xlsx"
        g.write_bytes(base_workbook(1, k))
        goods.append(g)
    batch: list = []
    for i in range(n):
        folder = cases_root / f"c{i:04d}"
        case = make_case(rng, i, folder)
        kinds[case.kind] = kinds.get(case.kind, 0) + 1
        out = root / "out" / f"o{i:04d}"
        out.mkdir(parents=True, exist_ok=True)
        names = [_shown(case.path), case.path.name, str(case.path.parent.name)]
        for argv, outputs in _commands(case.path, out, i, full):
            jobs.append({"argv": argv, "outputs": outputs, "inputs": [str(p) for p in case.inputs],
                         "dirs": [str(folder), str(out)], "names": names, "kind": case.kind})
        batch.append(case)
        if len(batch) == 12 or i == n - 1:  # a folder of mixed files, two good ones among them
            bdir = root / "batch" / f"b{i:04d}"
            bdir.mkdir(parents=True, exist_ok=True)
            for c in batch:
                src = c.path
                dst = bdir / src.name
                if src.is_symlink() or not src.is_file() or dst.exists():
                    continue
                shutil.copy2(src, dst)
            for g in goods:
                shutil.copy2(g, bdir / g.name)
            for name in ("管道.eml", "管道.et", "管道.docx", "管道.zip", "管道.msg"):  # FIFOs: reported, never opened
                os.mkfifo(bdir / name)
            archives(rng, [c.path for c in batch], bdir / "压缩包")  # review opens them; the rest list them
            inputs = [str(p) for p in sorted(bdir.rglob("*")) if p.is_file() and not p.is_symlink()]
            bout = root / "out" / f"b{i:04d}"
            bout.mkdir(parents=True, exist_ok=True)
            names = [bdir.name] + [_shown(Path(p)) for p in inputs]
            for argv, outs in ((["check", str(bdir), "--json"], []),
                               (["summarize", str(bdir), "-o", str(bout / "汇总.xlsx"), "--json"],
                                [str(bout / "汇总.xlsx")]),
                               (["import", str(bdir), "-o", str(bout / "导入.xlsx"), "--json"],
                                [str(bout / "导入.xlsx")]),
                               (["review", str(bdir), "-o", str(bout / "复核"), "--json"], [])):
                jobs.append({"argv": argv, "outputs": outs, "inputs": inputs, "dirs": [str(bdir), str(bout)],
                             "names": names, "kind": "batch", "batch": True,
                             "good": [g.name for g in goods]})
            batch = []
    return jobs, kinds


def _limits(mem_mb: int):
    def fn() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mem_mb * 2**20, mem_mb * 2**20))
        os.setsid()
    return fn


def run_jobs(jobs: list[dict], root: Path, timeout: float, mem_mb: int) -> list[dict]:
    jobs_file = root / "jobs.json"
    jobs_file.write_text(json.dumps(jobs))
    results_file = root / "results.jsonl"
    results_file.write_text("")
    records: list[dict] = []
    start = 0
    env = {**os.environ, "PYTHONPATH": os.environ.get("JIXIAO_FUZZ_SRC", str(ROOT)) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "JIXIAO_FILE_MEMORY_MB": str(max(256, mem_mb // 2))}
    while start < len(jobs):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", str(jobs_file),
                                 str(results_file), str(start)], env=env, preexec_fn=_limits(mem_mb),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seen = 0
        current, since = None, time.monotonic()
        hung = False
        while proc.poll() is None:
            time.sleep(0.05)
            lines = results_file.read_text().splitlines()
            if len(lines) != seen:
                seen = len(lines)
                last = json.loads(lines[-1]) if lines else {}
                current = last.get("start")
                since = time.monotonic()
            elif current is not None and time.monotonic() - since > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                hung = True
                break
        proc.wait()
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        lines = [json.loads(x) for x in results_file.read_text().splitlines()]
        ends = {x["end"]: x for x in lines if "end" in x}
        starts = [x["start"] for x in lines if "start" in x]
        last_start = starts[-1] if starts else start
        if last_start not in ends and last_start >= start:  # the command in progress died or hung
            rec = {"end": last_start, "rc": None}
            if hung:
                rec["hang"] = True
            elif "MemoryError" in err or "memory allocation" in err:
                rec["memory"] = True
            else:
                rec["crash"] = f"worker died: {err[-300:]}"
            with open(results_file, "a") as f:
                f.write(json.dumps(rec) + "\n")
            ends[last_start] = rec
        start = max(ends) + 1 if ends else start + 1
    for x in results_file.read_text().splitlines():
        r = json.loads(x)
        if "end" in r:
            records.append(r)
    return records


def interrupted_writes(root: Path, n: int, seed: int) -> list[str]:
    """Kill ``import``/``summarize``/``check --annotate`` mid-write: nothing may be left behind."""
    rng = random.Random(seed)
    src = root / "intr" / "in.xlsx"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(base_workbook(3, 1))
    left = []
    for k in range(n):
        out = root / "intr" / f"out{k}"
        out.mkdir(exist_ok=True)
        argv = rng.choice([["import", str(src), "-o", str(out / "导入.xlsx")],
                           ["summarize", str(src), "-o", str(out / "汇总.xlsx")],
                           ["check", str(src), "--annotate", str(out / "标注.xlsx")]])
        proc = subprocess.Popen([sys.executable, "-m", "jixiao", *argv], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(rng.choice([signal.SIGTERM, signal.SIGINT]))
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            left.append(f"{argv[0]}: did not stop on signal")
            continue
        if b"Traceback" in err:
            left.append(f"{argv[0]}: traceback on signal")
        left += _leftovers(out, src.parent)
    return left


def summarize_records(records: list[dict], jobs: list[dict]) -> dict:
    c = dict.fromkeys(COUNTERS, 0)
    examples: dict[str, list] = {}
    for r in records:
        c["runs"] += 1
        job = jobs[r["end"]]
        for key, counter in (("crash", "crashes"), ("hang", "hangs"), ("memory", "memory"),
                             ("modified", "modified"), ("unlocated", "unlocated"), ("injected", "injected"),
                             ("batch_stop", "batch_stops"), ("leftovers", "leftovers")):
            if r.get(key):
                c[counter] += 1
                examples.setdefault(counter, [])
                if len(examples[counter]) < 5:
                    examples[counter].append({"kind": job["kind"], "argv": job["argv"][:1] + [
                        os.path.basename(a) for a in job["argv"][1:]], "detail": r[key]})
    return {"counts": c, "examples": examples}


def run(files: int, seed: int, root: Path, *, full: bool = True, timeout: float = 120.0, mem_mb: int = 3072,
        interrupts: int = 10) -> dict:
    t0 = time.monotonic()
    jobs, kinds = build_jobs(files, seed, root, full)
    records = run_jobs(jobs, root, timeout, mem_mb)
    report = summarize_records(records, jobs)
    left = interrupted_writes(root, interrupts, seed)
    report["counts"]["leftovers"] += len(left)
    if left:
        report["examples"]["interrupted"] = left[:5]
    report.update(files=files, seed=seed, commands=len(jobs), kinds=kinds, interrupts=interrupts,
                  seconds=round(time.monotonic() - t0, 1))
    return report


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=None, help="keep the cases and results here")
    ap.add_argument("--json", default=None, help="write the report here")
    ap.add_argument("--quick", action="store_true", help="two commands per file instead of all")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per command before it counts as a hang")
    ap.add_argument("--mem", type=int, default=3072, help="address-space limit of the worker, MB")
    ap.add_argument("--interrupts", type=int, default=30)
    a = ap.parse_args()
    root = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))
    report = run(a.files, a.seed, root, full=not a.quick, timeout=a.timeout, mem_mb=a.mem, interrupts=a.interrupts)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if a.json:
        Path(a.json).write_text(text + "\n", encoding="utf-8")
    if not a.out:
        _rmtree(root)
    bad = sum(v for k, v in report["counts"].items() if k != "runs")
    return 1 if bad else 0


def _rmtree(root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            try:
                os.chmod(os.path.join(dirpath, n), 0o755, follow_symlinks=False)
            except (OSError, NotImplementedError):
                pass
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
