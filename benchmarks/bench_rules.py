"""Benchmark (issue #18): CPU ms per workbook of the single-form checking, and of each rule.

Reads N workbooks of a corpus once, then, per repeat, clears the scorer's and value parser's
caches, warms them with one other workbook (as a batch worker starts) and times, in CPU time:

- ``whole``: ``checking.run.per_form`` over each workbook (score, rules, findings);
- ``rules``: its parts — ``contexts_for`` (scoring), each rule over the workbook's forms, and the
  findings built from the hits.

Prints the median (and min, max) of the repeats. The machine is shared: compare two trees by
alternating runs, e.g. ``PYTHONPATH=/tmp/base`` for a ``git archive`` of the older commit.

    .venv/bin/python benchmarks/bench_rules.py [CORPUS] [--files 10] [--repeats 5] [--mode both] [--top 25]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections import defaultdict
from pathlib import Path

from jixiao import batch
from jixiao.checking.rules import load_catalogue
from jixiao.checking.run import _finding, contexts_for, per_form
from jixiao.core import values
from jixiao.core.profiles import get_profile
from jixiao.forms.project import scoring
from jixiao.sources import load_one

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--mode", choices=("both", "whole", "rules"), default="both")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    every = sorted(Path(a.corpus).glob("*.xlsx"))
    files, warm_file = every[10:10 + a.files], every[9]
    gc.disable()
    batch.warm(None)
    gc.freeze()
    profile = get_profile(None)
    rules = [r for r in load_catalogue().values() if not r.cross and r.form_type == "project"]
    loaded = [load_one(f)[0] for f in files]
    warm = load_one(warm_file)[0]

    def cold() -> None:
        scoring._score_cached.cache_clear()
        values.parse_value.cache_clear()
        per_form(warm, profile)

    clock = time.process_time
    runs = []
    for _ in range(a.repeats):
        took: dict[str, float] = defaultdict(float)
        if a.mode in ("both", "whole"):
            cold()
            t = clock()
            for forms in loaded:
                per_form(forms, profile)
            took["per_form"] = clock() - t
        if a.mode in ("both", "rules"):
            cold()
            for forms in loaded:
                t = clock()
                contexts = contexts_for(forms, profile)
                took["(scoring)"] += clock() - t
                for item, ctx in zip(forms, contexts):
                    sf = item.sheet_form
                    if sf is not None and sf.cells is not None:   # as per_form does (rule A2)
                        ctx.extra["fund_rows"] = {p.split(".")[1] for p in sf.cells if p.startswith("funds.")}
                found = []
                for r in rules:
                    t = clock()
                    found += [(item, r, h) for item, ctx in zip(forms, contexts) for h in r.func(ctx)]
                    took[r.code] += clock() - t
                t = clock()
                [_finding(item, r, h) for item, r, h in found]
                took["(findings)"] += clock() - t
            took["(all rules)"] = sum(v for k, v in took.items() if k[:1] not in "(p")
        runs.append(took)
    n = len(files)
    keys = sorted(runs[0], key=lambda k: -statistics.median(r[k] for r in runs))
    for k in keys[:a.top]:
        v = sorted(r[k] / n * 1000 for r in runs)
        print(f"{k:12s} {statistics.median(v):7.2f} ms/workbook  (min {v[0]:.2f}, max {v[-1]:.2f})")


if __name__ == "__main__":
    main()
