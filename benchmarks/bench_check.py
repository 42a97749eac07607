"""Benchmark: `jixiao check` over a folder of 1,000 forms (issue: 校验); prints forms per second.

Uses 10 department workbooks × 100 forms saved by LibreOffice (made once, cached in
out/bench-check/). Baseline measured in the same run: reading the same folder alone.

    .venv/bin/python benchmarks/bench_check.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build_corpus  # noqa: E402

from jixiao.check import check_batch  # noqa: E402
from jixiao.sources import load_all  # noqa: E402


def main() -> None:
    corpus = build_corpus(ROOT / "out" / "bench-check", 10, 100)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "jixiao.cli", "check", str(corpus), "--json"],
                          capture_output=True, text=True)
    cli = time.perf_counter() - t
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    t0 = time.perf_counter()
    batch = load_all([corpus])
    t1 = time.perf_counter()
    result = check_batch(batch)
    t2 = time.perf_counter()
    n = len(batch.forms)
    print(f"表单 {n} 张：错误 {result.counts['error']}，警告 {result.counts['warning']}，提示 {result.counts['info']}")
    print(f"  jixiao check --json（新进程，含读取）  {cli:6.2f} 秒  {n / cli:7.0f} 张/秒")
    print(f"  仅读取（基线）                        {t1 - t0:6.2f} 秒  {n / (t1 - t0):7.0f} 张/秒")
    print(f"  仅校验（规则 + 复核评分）             {t2 - t1:6.2f} 秒  {n / (t2 - t1):7.0f} 张/秒")
    print(f"  校验耗时是读取的 {(t2 - t1) / (t1 - t0):.2f} 倍")


if __name__ == "__main__":
    main()
