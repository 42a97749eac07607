"""Benchmark: a finance bureau's batch — summarize + check 10,000 returned forms (issue: 汇总).

Builds (once, cached in out/bench/) 100 department workbooks × 100 forms saved by
LibreOffice with cached values, then times in the same run:
  1. `jixiao summarize FOLDER -o 汇总表.xlsx --json` (reads, checks every form, writes the
     汇总表 workbook) as a user runs it, in a fresh process;
  2. the same steps in-process, broken down (read on both cores / check / summarize / write);
  3. the baseline: a plain openpyxl loop (read_only, data_only) reading the same fields.
Prints forms per second and the ratio against the baseline.

    .venv/bin/python benchmarks/bench_batch.py [--books 100 --forms 100]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build_corpus  # noqa: E402

import openpyxl  # noqa: E402

from jixiao import layout as L  # noqa: E402
from jixiao.check import check_paths  # noqa: E402
from jixiao.sources import load_all  # noqa: E402
from jixiao.summary import summarize  # noqa: E402
from jixiao.summary_write import write_summary  # noqa: E402


def openpyxl_loop(folder: Path) -> int:
    """What a hand-written script does: open each workbook, read each form's fields."""
    n = 0
    fields = ["B3", "B4", "F4", "C7", "D7", "E7", "F7", "G7", "H7"]
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            if ws["A1"].value != L.TITLE:
                continue
            rows = list(ws.iter_rows(min_row=1, max_row=60, max_col=9, values_only=True))
            _ = [rows[int(ref[1:]) - 1][ord(ref[0]) - 65] for ref in fields]
            inds = []
            for r in rows[L.FIRST_IND - 1:]:
                if r[0] == "总分":
                    _ = (r[6], r[7])
                    break
                if any(v is not None for v in r[1:]):
                    inds.append(r[1:9])
            n += 1
        wb.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--books", type=int, default=100)
    ap.add_argument("--forms", type=int, default=100)
    ap.add_argument("--out", default=str(ROOT / "out" / "bench"))
    args = ap.parse_args()
    print(f"准备测试数据：{args.books} 个工作簿 × {args.forms} 张表（首次运行需要生成并由 LibreOffice 重算）")
    corpus = build_corpus(Path(args.out), args.books, args.forms)
    total = args.books * args.forms
    result_book = Path(args.out) / "汇总表.xlsx"

    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "jixiao.cli", "summarize", str(corpus), "-o", str(result_book),
                           "--json"], capture_output=True, text=True)
    cli = time.perf_counter() - t
    assert proc.returncode in (0, 1), proc.stderr[-2000:]

    t = time.perf_counter()
    load_all([corpus])
    read_only = time.perf_counter() - t

    t0 = time.perf_counter()
    batch, result = check_paths([corpus])   # read, score and check each file on its own core
    t1 = t2 = time.perf_counter()
    summary, _groups = summarize(batch, result)
    t3 = time.perf_counter()
    write_summary(batch, summary, {}, Path(args.out) / "汇总表-2.xlsx")
    t4 = time.perf_counter()
    assert len(batch.forms) == total, (len(batch.forms), total, batch.problems[:3])

    t = time.perf_counter()
    n = openpyxl_loop(corpus)
    base = time.perf_counter() - t
    assert n == total

    print(f"表单 {total} 张（{args.books} 个工作簿），错误 {result.counts['error']}，警告 {result.counts['warning']}")
    print(f"  jixiao summarize（含校验与写出汇总表，新进程）  {cli:7.2f} 秒  {total / cli:8.0f} 张/秒")
    print(f"    读取 + 复核评分 + 校验（双核）               {t1 - t0:7.2f} 秒  {total / (t1 - t0):8.0f} 张/秒")
    print(f"    （其中仅读取，calamine 双核：                {read_only:7.2f} 秒  {total / read_only:8.0f} 张/秒）")
    print(f"    汇总                                         {t3 - t2:7.2f} 秒")
    print(f"    写出汇总表工作簿                             {t4 - t3:7.2f} 秒")
    print(f"  基线：openpyxl 逐个读取同样的字段（只读）      {base:7.2f} 秒  {total / base:8.0f} 张/秒")
    print(f"  比值：基线耗时 ÷ jixiao summarize 耗时 = {base / cli:.1f} 倍"
          f"（仅读取相比：{base / read_only:.1f} 倍）")
    print(f"  目标：10,000 张 ≤ 20 秒且 ≥ 10 倍；本次 {total} 张 {cli:.1f} 秒")


if __name__ == "__main__":
    main()
