"""Instructions per workbook of a batch worker's whole job (issue #18), counted by valgrind.

    .venv/bin/python benchmarks/instr_worker.py [CORPUS] [--files 4] [--start 0] [--tree DIR]

``instr_check.py`` counts the checking of forms already read and ``instr_read.py`` the reading's
stages; what a pool worker does for one file is both and more: the package scan, calamine, the
reading, the checking (with the rules that look at the file again, e.g. whether a 总分 cell holds the
template's formula) and the packing of the result (``isolated.checked_bytes`` as ``worker_init`` sets
it up). This runs that under ``valgrind --tool=callgrind`` twice, in one process each — after a
warm-up workbook, once over no further workbook and once over ``--files`` of them — and prints the
difference per workbook in millions of instructions. ``--tree`` measures another checkout of the
project (e.g. a ``git archive`` of an older commit) with this one's installed libraries.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from valgrind_count import corpus_files, corpus_parser, instructions, per_workbook

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import gc, os, sys
from pathlib import Path
os.environ["JIXIAO_NO_CACHE"] = "1"
from jixiao import batch, isolated
gc.disable(); batch.warm(None)
isolated._IN_GUARDED_WORKER = True   # as ``worker_init`` leaves a pool worker: read in-process
files = [Path(p) for p in sys.argv[2:]]
for f in files[:1 + int(sys.argv[1])]:
    isolated.checked_bytes((f, None))
"""


def main() -> None:
    ap = corpus_parser("批量工作进程处理每个工作簿（扫描、读取、校验、打包）执行的指令数（valgrind）", ROOT)
    ap.add_argument("--start", type=int, default=0)
    a = ap.parse_args()
    files = corpus_files(a.corpus, a.files, a.start)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "child.py"
        script.write_text(CHILD, encoding="utf-8")
        tree = Path(a.tree).resolve() if a.tree else None
        each = per_workbook(lambda n: instructions(script, [str(n), *map(str, files)], tree), a.files)
    print(f"工作进程：每个工作簿 {each:.1f} 百万条指令（{a.files} 个工作簿，自第 {a.start + 2} 个起；{tree or ROOT}）")

if __name__ == "__main__":
    main()
