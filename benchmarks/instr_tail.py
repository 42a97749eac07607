"""Instructions of the main process's serial tail of ``check --json`` (issue #18), counted by valgrind.

    .venv/bin/python benchmarks/instr_tail.py [CORPUS] [--files 100] [--tree DIR] [--cmd check|summarize]

After the worker pool's last result the main process runs alone while a core idles
(``bench_timeline.py``: ~1 s of a 10,000-form ``check``): the cross-form rules, folding and sorting
the findings (``checking.run.check_batch``), and the JSON (``Finding.to_dict``, ``jsonout``). Its
CPU time on a shared machine moves by ±20 % from run to run; the instructions it executes do not.

The batch is read and checked once here (the pool, as ``check`` does; cache as set by the
environment), pickled as the main process holds it, and a child under ``valgrind --tool=callgrind``
loads it and runs the tail — once not at all, once for real; the difference is printed in millions
of instructions (loading and imports cancel out). ``--tree`` runs the tail of another checkout
(e.g. a ``git archive`` of an older commit) over the same batch, read by this one. ``--cmd summarize``
counts ``summarize``'s part instead: ``check_batch`` with the findings left unsorted (it only counts
them; a tree from before that change sorts them, as its summarize did), no JSON of them.
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

from valgrind_count import instructions

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import gc, pickle, sys
from jixiao import jsonout
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
gc.disable()
batch, pre = pickle.load(open(sys.argv[1], "rb"))
profile = get_profile(None)
if sys.argv[2] == "1":   # check --json: the findings sorted, and their JSON
    result = check_batch(batch, profile, pre=pre)
    body = jsonout.fast_bytes([f.to_dict() for f in result.findings])
    assert body is not None
elif sys.argv[2] == "2":   # summarize: the findings only counted, unsorted (``check_batch(ordered=False)``)
    try:
        result = check_batch(batch, profile, pre=pre, ordered=False)
    except TypeError:   # a --tree from before session 64: its summarize sorted them
        result = check_batch(batch, profile, pre=pre)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description="check --json 在主进程中收尾（跨表规则、排序、JSON）执行的指令数（valgrind）")
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--tree", help="另一份项目代码（如旧版本的 git archive）")
    ap.add_argument("--cmd", choices=("check", "summarize"), default="check",
                    help="check：check_batch 与 JSON；summarize：只有 check_batch，问题不排序（summarize 只按表计数）")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("未安装 valgrind")
    files = sorted(Path(a.corpus).glob("*.xlsx"))[:a.files]
    if not files:
        raise SystemExit(f"{a.corpus}：没有工作簿（先运行 benchmarks/bench_all.py 生成测试数据）")
    from jixiao.batch import map_checked
    from jixiao.core.profiles import get_profile
    from jixiao.sources import Batch

    profile = get_profile(None)
    batch, pre = Batch(files=len(files)), {}
    for forms, problems, checked in map_checked(files, profile, progress=False):
        batch.add(forms)
        batch.problems.extend(problems)
        for key, results in checked.items():
            pre.setdefault(key, []).extend(results)
    sys.setrecursionlimit(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        data, script = Path(tmp) / "batch.pkl", Path(tmp) / "child.py"
        data.write_bytes(pickle.dumps((batch, pre), pickle.HIGHEST_PROTOCOL))
        script.write_text(CHILD, encoding="utf-8")
        tree = Path(a.tree).resolve() if a.tree else None
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:
            none, some = pool.map(lambda n: instructions(script, [str(data), str(n)], tree),
                                  (0, 1 if a.cmd == "check" else 2))
    forms = len(batch.all())
    what = "check_batch + JSON" if a.cmd == "check" else "summarize 的 check_batch"
    print(f"收尾（{what}）：{(some - none) / 1e6:.1f} 百万条指令，{forms} 张表"
          f"（{len(files)} 个工作簿；{tree or ROOT}）")


if __name__ == "__main__":
    main()
