"""Instructions per workbook of the worker's scan, clean and read stages (issue #18), counted by valgrind.

    .venv/bin/python benchmarks/instr_read.py [CORPUS] [--files 4] [--stages scan,clean,read] [--tree DIR]

The CPU time of these stages moves by ±10 % from run to run on a shared machine; the number of
instructions they execute does not. Like ``instr_check.py``: each stage runs under ``valgrind
--tool=callgrind`` twice, in one process each, after a warm-up workbook — once over no further
workbook and once over ``--files`` of them — and the difference per workbook is printed in
millions of instructions. ``scan`` is ``guard.check_workbook``; ``clean`` is the merge check and
``sanitize.clean_rows`` of every sheet (values read by calamine beforehand, outside the count);
``read`` is ``sources.read_sheets`` on the sheets (cleaned beforehand; no corpus sheet needs it). ``--tree`` measures another checkout
(e.g. a ``git archive`` of an older commit) with this one's installed libraries.
"""

from __future__ import annotations

import pickle
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from valgrind_count import corpus_files, corpus_parser, instructions

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import gc, pickle, sys
from pathlib import Path
from jixiao import batch, guard
from jixiao.guard import sanitize
from jixiao.sources import read_sheets
gc.disable(); batch.warm(None)
stage, n = sys.argv[2], int(sys.argv[3])
books = pickle.load(open(sys.argv[1], "rb"))[:1 + n]
if stage == "scan":
    for f, _ in books:
        guard._SCANS.clear()
        guard.check_workbook(Path(f))
elif stage == "clean":
    for f, sheets in books:
        guard.check_workbook(Path(f))  # outside the difference only for the warm-up; see below
        errors = guard.error_cells_of(Path(f))
        for name, rows, merges in sheets:
            guard.check_merges(merges, f, name)
            sanitize.clean_rows(rows, errors.get(name, {}))
else:
    for f, sheets in books:
        read_sheets([(name, rows, merges, []) for name, rows, merges in sheets], f)  # cleaned by the parent
"""


def _instructions(script: Path, data: Path, stage: str, n: int, tree: Path | None) -> int:
    return instructions(script, [str(data), stage, str(n)], tree)


def main() -> None:
    ap = corpus_parser("压缩包扫描、清理值、读取表单每个工作簿执行的指令数（valgrind）", ROOT)
    ap.add_argument("--stages", default="scan,clean,read")
    a = ap.parse_args()
    files = corpus_files(a.corpus, a.files)
    import python_calamine as pc

    books = []
    for f in files:
        wb = pc.CalamineWorkbook.from_path(str(f))
        sheets = []
        for name in wb.sheet_names:
            ws = wb.get_sheet_by_name(name)
            sheets.append((name, ws.to_python(skip_empty_area=False), ws.merged_cell_ranges))
        wb.close()
        books.append((str(f.resolve()), sheets))
    tree = Path(a.tree).resolve() if a.tree else None
    with tempfile.TemporaryDirectory() as tmp:
        data, script = Path(tmp) / "books.pkl", Path(tmp) / "child.py"
        data.write_bytes(pickle.dumps(books, pickle.HIGHEST_PROTOCOL))
        script.write_text(CHILD, encoding="utf-8")
        for stage in a.stages.split(","):
            with ThreadPoolExecutor(2) as pool:
                none, some = pool.map(lambda n: _instructions(script, data, stage, n, tree), (0, a.files))
            extra = ""
            if stage == "clean":  # the clean run scans each workbook too (for its error cells): take the scan off
                with ThreadPoolExecutor(2) as pool:
                    s0, s1 = pool.map(lambda n: _instructions(script, data, "scan", n, tree), (0, a.files))
                some -= s1 - s0
                extra = "（已减去扫描）"
            print(f"{stage:<6} 每个工作簿 {(some - none) / a.files / 1e6:7.2f} 百万条指令{extra}"
                  f"（{a.files} 个工作簿；{tree or ROOT}）", flush=True)


if __name__ == "__main__":
    main()
