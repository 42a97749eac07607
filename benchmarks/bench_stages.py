"""Where one workbook's time goes in a batch worker, stage by stage (issue #18).

    .venv/bin/python benchmarks/bench_stages.py [FOLDER] [--files 20]

FOLDER defaults to the benchmark corpus (out/bench/corpus-10000, made by ``bench_all.py``). Each
workbook is taken through the same steps a worker takes, timed one by one in CPU time
(``time.process_time``: a busy machine slows the wall clock more than the CPU count): the
package scan (``guard.check_workbook``), calamine (open, every sheet's values and merges: the
floor), cleaning the values, reading the forms, scoring and checking them, packing and pickling
the result. Printed: milliseconds per workbook for each stage, after a warm-up on one workbook.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from pathlib import Path

import python_calamine as pc

from jixiao import batch, guard, isolated
from jixiao.checking.run import check_loaded
from jixiao.guard import sanitize
from jixiao.sources import Loaded, read_sheets

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description="一个工作簿在工作进程中各阶段的 CPU 时间（毫秒）")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--files", type=int, default=20)
    args = ap.parse_args()
    files = sorted(Path(args.folder).glob("*.xlsx"))[:args.files + 1]
    if len(files) < 2:
        raise SystemExit(f"{args.folder}：没有足够的工作簿（先运行 benchmarks/bench_all.py 生成测试数据）")
    gc.disable()  # as in a batch (batch.quiet_gc)
    batch.warm(None)
    isolated._child((files[-1], None))  # warm-up: first-use costs are a worker's once, not per file
    gc.freeze()
    spent: dict[str, float] = defaultdict(float)

    def lap(stage: str, since: float) -> float:
        now = time.process_time()
        spent[stage] += now - since
        return now

    for f in files[:-1]:
        t = time.process_time()
        guard.check_workbook(f)
        t = lap("压缩包扫描", t)
        wb = pc.CalamineWorkbook.from_path(str(f))
        sheets = []
        for name in wb.sheet_names:
            ws = wb.get_sheet_by_name(name)
            guard.check_dimensions(ws, f.name, name)
            sheets.append((name, ws.to_python(skip_empty_area=False), ws.merged_cell_ranges))
        t = lap("calamine 读取（下限）", t)
        cleaned = []
        errors = guard.error_cells_of(f)  # once per file, as the worker does
        for name, rows, merges in sheets:
            guard.check_merges(merges, f.name, name)
            cleaned.append((name, rows, merges, sanitize.clean_rows(rows, errors.get(name, {}))))
        t = lap("清理值", t)
        found, problems = read_sheets(cleaned, str(f))
        t = lap("读取表单", t)
        result = check_loaded(f, None, [Loaded(sf.form, sf.file, sf.sheet, sf) for sf in found], problems)
        t = lap("评分与校验", t)
        batch.pack(result)  # the bytes a worker sends
        lap("打包与序列化", t)
    n = len(files) - 1
    for stage, s in spent.items():
        print(f"{stage:<16} {s / n * 1000:7.1f} 毫秒")
    print(f"{'合计':<16} {sum(spent.values()) / n * 1000:7.1f} 毫秒（{n} 个工作簿的平均）")


if __name__ == "__main__":
    main()
