"""The annotated copy of ``review`` (issue #18, session 25): jobs captured once, then compared and timed.

    .venv/bin/python benchmarks/annotate_copy.py jobs --inbox out/bench/county-50x10 --out /tmp/x/county
    .venv/bin/python benchmarks/annotate_copy.py write --jobs /tmp/x/county/jobs.pkl --out /tmp/x/before   # on the old code
    .venv/bin/python benchmarks/annotate_copy.py write --jobs /tmp/x/county/jobs.pkl --out /tmp/x/after
    .venv/bin/python benchmarks/annotate_copy.py compare /tmp/x/before /tmp/x/after
    .venv/bin/python benchmarks/annotate_copy.py ab --jobs /tmp/x/county/jobs.pkl --n 10 --reps 5
    .venv/bin/python benchmarks/annotate_copy.py results --jobs /tmp/x/county/jobs.pkl --n 4 --reps 4

``jobs``: ``review`` on an inbox with the copy step replaced by a recorder (the plans pickled,
so every later run applies the very same ones; an inbox of symlinks to a few corpus workbooks
works too). ``write``: every job into a folder, named by its index. ``compare``: two such
folders, member by member, core.xml's timestamps blanked, plus the zip headers but their time.
``ab``: load / apply / save CPU with and without ``fastopenpyxl`` in one process, alternating.
``results``: what keeping the input's stored formula results costs a copy (``excel.cache``; session
38): the whole copy with them and without them, alternating. ``time`` / ``profile``: the same stages, or cProfile, for a few jobs. ``--plain`` leaves
``fastopenpyxl`` out (the other changes of the session, in ``apply`` and ``merges``, stay: for
those, run ``write`` on a checkout of the old code with PYTHONPATH).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
import zipfile
from pathlib import Path


def _jobs(args: argparse.Namespace) -> None:
    import jixiao.review.write as w
    from jixiao.review.run import review

    jobs: list = []

    def record(fn, items, **kw):
        jobs.extend(items)
        return iter(()), False

    w.start_map = record  # review starts its copies through sources.start_map
    review(Path(args.inbox), Path(args.out) / "review-out", progress=False)
    Path(args.out, "jobs.pkl").write_bytes(pickle.dumps(jobs))
    print(f"{len(jobs)} jobs", file=sys.stderr)


def _load(pkl: str) -> list:
    return pickle.loads(Path(pkl).read_bytes())


def _plain() -> None:
    """The copy as before this session: jixiao's openpyxl speed-ups (fastopenpyxl) left out."""
    try:
        import jixiao.excel.fastopenpyxl as fo
    except ImportError:
        return
    fo.install = lambda: None


def _write(args: argparse.Namespace) -> None:
    from jixiao.excel.apply import apply_to_copy

    if args.plain:
        _plain()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for i, (src, dst, plan) in enumerate(_load(args.jobs)):
        apply_to_copy(Path(src), out / f"{i:03d}{Path(dst).suffix}", plan)


_CORE_TIME = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def package(path: Path) -> list[tuple[str, bytes]]:
    """Every member of a zip, in order, with core.xml's timestamps blanked; and the members'
    zip headers but for their time."""
    with zipfile.ZipFile(path) as z:
        out = []
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIME.sub(b"", data)
            out.append((info.filename, data))
        out.append(("(headers but time)", repr([(i.filename, i.compress_type, i.external_attr, i.flag_bits, i.create_system,
                                                  i.create_version, i.extract_version, i.internal_attr, i.extra)
                                                 for i in z.infolist()]).encode()))
        return out


def _compare(args: argparse.Namespace) -> None:
    a, b = Path(args.a), Path(args.b)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir()), "different files"
    bad = 0
    for n in names:
        pa, pb = package(a / n), package(b / n)
        if pa != pb:
            bad += 1
            da, db = dict(pa), dict(pb)
            diff = [k for k in sorted(set(da) | set(db)) if da.get(k) != db.get(k)]
            order = [x for x, _ in pa] != [x for x, _ in pb]
            print(f"{n}: differ in {diff[:8]}{' (member order)' if order else ''}")
    print(f"{len(names)} packages compared, {bad} differ")
    sys.exit(1 if bad else 0)


def _time(args: argparse.Namespace) -> None:
    """CPU seconds of load / apply / save for the first ``--n`` jobs, min over ``--reps`` runs."""
    import tempfile

    if args.plain:
        _plain()
    jobs = _load(args.jobs)[args.skip:args.skip + args.n]
    best = [float("inf")] * 4
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.reps):
            t = [0.0] * 4
            for src, dst, plan in jobs:
                t = [x + y for x, y in zip(t, _timed_copy(src, dst, plan, tmp))]
            best = [min(x, y) for x, y in zip(best, t)]
    k = len(jobs)
    print(f"{'plain' if args.plain else 'fast '} per workbook (min of {args.reps}): load {best[0] / k * 1000:.1f} ms, "
          f"apply {best[1] / k * 1000:.1f} ms, save {best[2] / k * 1000:.1f} ms, total {best[3] / k * 1000:.1f} ms")


def _timed_copy(src: str, dst: str, plan, tmp: str) -> tuple[float, float, float, float]:
    """One copy into ``tmp``: CPU seconds of load, apply, save, and all three."""
    from jixiao.excel.apply import apply_plan, load_for_edit, save_new

    t0 = time.process_time()
    wb = load_for_edit(Path(src))
    t1 = time.process_time()
    apply_plan(wb, plan)
    t2 = time.process_time()
    save_new(wb, Path(tmp) / f"x{Path(dst).suffix}", "annotated")
    t3 = time.process_time()
    return t1 - t0, t2 - t1, t3 - t2, t3 - t0


def _ab(args: argparse.Namespace) -> None:
    """Before/after in one process (the machine is shared): each workbook copied ``--reps``
    times each way, alternating; CPU of load / apply / save, the min per workbook and stage,
    summed over the workbooks."""
    import tempfile

    import jixiao.excel.fastopenpyxl as fo

    real_install = fo.install
    jobs = _load(args.jobs)[args.skip:args.skip + args.n]
    best = {m: [[float("inf")] * 4 for _ in jobs] for m in ("plain", "fast")}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.reps):
            for k, (src, dst, plan) in enumerate(jobs):
                for mode in ("plain", "fast") if _ % 2 else ("fast", "plain"):
                    fo.install = real_install if mode == "fast" else (lambda: None)
                    if mode == "plain":
                        fo.uninstall()
                    best[mode][k] = [min(x, y) for x, y in zip(best[mode][k], _timed_copy(src, dst, plan, tmp))]
    n = len(jobs)
    for mode, per in best.items():
        b = [sum(x[i] for x in per) / n * 1000 for i in range(4)]
        print(f"{mode:5} ms per workbook (min of {args.reps} per workbook): load {b[0]:.1f}, apply {b[1]:.1f}, "
              f"save {b[2]:.1f}, total {b[3]:.1f}")


def _results(args: argparse.Namespace) -> None:
    """CPU of ``apply_to_copy`` with the input's stored results and without (``stored_results``
    answering nothing), alternating in one process; min per workbook over ``--reps``, mean."""
    import tempfile

    import jixiao.excel.cache as cache
    from jixiao.excel.apply import apply_to_copy

    jobs = _load(args.jobs)[args.skip:args.skip + args.n]
    real = cache.stored_results
    best = {m: [float("inf")] * len(jobs) for m in ("with", "without")}
    with tempfile.TemporaryDirectory() as tmp:
        apply_to_copy(Path(jobs[0][0]), Path(tmp) / f"warm{Path(jobs[0][1]).suffix}", jobs[0][2])
        for r in range(args.reps):
            for k, (src, dst, plan) in enumerate(jobs):
                for mode in ("with", "without") if (r + k) % 2 else ("without", "with"):
                    setattr(cache, "stored_results", real if mode == "with" else (lambda p: cache.StoredResults()))
                    t0 = time.process_time()
                    apply_to_copy(Path(src), Path(tmp) / f"x{Path(dst).suffix}", plan)
                    best[mode][k] = min(best[mode][k], time.process_time() - t0)
    setattr(cache, "stored_results", real)
    w, wo = (sum(best[m]) / len(jobs) * 1000 for m in ("with", "without"))
    print(f"ms per workbook (min of {args.reps}): with stored results {w:.1f}, without {wo:.1f}, cost {w - wo:.1f}")


def _profile(args: argparse.Namespace) -> None:
    import cProfile
    import pstats
    import tempfile

    from jixiao.excel.apply import apply_to_copy

    if args.plain:
        _plain()
    jobs = _load(args.jobs)[args.skip:args.skip + args.n]
    with tempfile.TemporaryDirectory() as tmp:
        apply_to_copy(Path(jobs[0][0]), Path(tmp) / "warm.xlsx", jobs[0][2])
        pr = cProfile.Profile()
        pr.enable()
        for src, dst, plan in jobs:
            apply_to_copy(Path(src), Path(tmp) / f"x{Path(dst).suffix}", plan)
        pr.disable()
    pstats.Stats(pr).sort_stats(args.sort).print_stats(args.lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd")
    ap.add_argument("--inbox")
    ap.add_argument("--out")
    ap.add_argument("--jobs")
    ap.add_argument("--plain", action="store_true")
    ap.add_argument("a", nargs="?")
    ap.add_argument("b", nargs="?")
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--sort", default="tottime")
    ap.add_argument("--lines", type=int, default=45)
    args = ap.parse_args()
    {"jobs": _jobs, "write": _write, "compare": _compare, "time": _time, "profile": _profile, "ab": _ab,
     "results": _results}[args.cmd](args)


if __name__ == "__main__":
    main()
