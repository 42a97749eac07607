"""Instructions per workbook of the single-form checking (issue #18), counted by valgrind.

    .venv/bin/python benchmarks/instr_check.py [CORPUS] [--files 4] [--start 0] [--tree DIR]

On a machine shared by several busy processes, CPU time of the checking moves by ±10 % from run
to run; the number of instructions it executes does not. This runs ``checking.run.per_form`` (by way
of the project kind's ``check_forms``, as ``checking.run.check_loaded`` calls it) under ``valgrind
--tool=callgrind`` twice, in one process each — after a warm-up workbook, once over no
further workbook and once over ``--files`` of them — and prints the difference per workbook in
millions of instructions (the reading of the workbooks, the imports and the warm-up cancel out).
``--tree`` measures another checkout of the project (e.g. a ``git archive`` of an older commit)
with this one's installed libraries. Each run takes a minute or two; the two run side by side.
"""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

from valgrind_count import corpus_files, corpus_parser, instructions, per_workbook

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import gc, pickle, sys
from jixiao import batch
from jixiao.forms import KINDS
from jixiao.core.profiles import get_profile
gc.disable(); batch.warm(None)
loaded = pickle.load(open(sys.argv[1], "rb"))
profile = get_profile(None)
for forms in loaded[:1 + int(sys.argv[2])]:
    KINDS[0].check_forms(forms, profile)   # the project kind's ``per_form``, as ``check_loaded`` calls it
"""


def _instructions(script: Path, data: Path, n: int, tree: Path | None) -> int:
    return instructions(script, [str(data), str(n)], tree)


def main() -> None:
    ap = corpus_parser("校验（评分与单表规则）每个工作簿执行的指令数（valgrind）", ROOT)
    ap.add_argument("--start", type=int, default=0)
    a = ap.parse_args()
    files = corpus_files(a.corpus, a.files, a.start)
    from jixiao.sources import _load_safe

    with tempfile.TemporaryDirectory() as tmp:
        data, script = Path(tmp) / "loaded.pkl", Path(tmp) / "child.py"
        data.write_bytes(pickle.dumps([_load_safe(f)[0] for f in files], pickle.HIGHEST_PROTOCOL))
        script.write_text(CHILD, encoding="utf-8")
        tree = Path(a.tree).resolve() if a.tree else None
        each = per_workbook(lambda n: _instructions(script, data, n, tree), a.files)
    print(f"per_form：每个工作簿 {each:.1f} 百万条指令（{a.files} 个工作簿，自第 {a.start + 2} 个起；{tree or ROOT}）")

if __name__ == "__main__":
    main()
