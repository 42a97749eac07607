"""What moving one workbook's results between processes costs, both ends (issue #18).

    .venv/bin/python benchmarks/bench_pack.py [FOLDER] [--files 20] [--repeat 3] [--profile worker|main]

Each workbook of FOLDER (default: the benchmark corpus) is read, scored and checked once, as a
worker does; then, timed in CPU time (``time.process_time``) and repeated, the two halves of the
trip: the worker's ``batch.pack`` (the bytes it sends; each time on a fresh copy of the results,
as a worker packs them once) and the main process's ``batch.unpack``, whose results are kept
(as the main process keeps a batch: nothing is freed inside the timing).
Printed per workbook: the bytes' size and the minimum of each half over the repeats.
``--profile`` prints cProfile's top entries of one half instead.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pickle
import pstats
import time
from pathlib import Path

from jixiao import batch
from jixiao.checking.run import _load_and_check

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description="一个工作簿的结果在进程间传送的代价（大小与 CPU 毫秒）")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", choices=("worker", "main"))
    args = ap.parse_args()
    files = sorted(Path(args.folder).glob("*.xlsx"))[:args.files]
    if not files:
        raise SystemExit(f"{args.folder}：没有工作簿（先运行 benchmarks/bench_all.py 生成测试数据）")
    gc.disable()  # as in a batch (batch.quiet_gc)
    batch.warm(None)
    plain = pickle.dumps([_load_and_check((f, None)) for f in files], pickle.HIGHEST_PROTOCOL)
    gc.freeze()
    n = len(files)
    # each time fresh copies of the results (an exact copy: pickle keeps what was one object one):
    # a string keeps its UTF-8 form once pickled, so packing the same objects again would be cheaper
    fresh: list[list[tuple]] = []

    def worker() -> list[bytes]:
        return [batch.pack(r) for r in fresh.pop()]

    fresh.append(pickle.loads(plain))
    data = worker()
    kept: list[tuple] = []

    def main_side() -> None:
        kept.extend(map(batch.unpack, data))

    if args.profile:
        fresh.append(pickle.loads(plain))
        prof = cProfile.Profile()
        prof.runcall(worker if args.profile == "worker" else main_side)
        pstats.Stats(prof).sort_stats("tottime").print_stats(18)
        return
    best = {}
    for name, fn in (("打包与序列化（工作进程）", worker), ("反序列化与解包（主进程）", main_side)):
        times = []
        for _ in range(args.repeat):
            fresh.append(pickle.loads(plain))
            t = time.process_time()
            fn()
            times.append(time.process_time() - t)
            kept.clear()
            fresh.clear()
            gc.collect()
        best[name] = min(times) / n * 1000
    print(f"{'序列化大小':<20} {sum(map(len, data)) / n / 1024:7.1f} KB")
    for name, ms in best.items():
        print(f"{name:<20} {ms:7.2f} 毫秒")
    print(f"（{n} 个工作簿的平均；{args.repeat} 次中的最小值）")


if __name__ == "__main__":
    main()
