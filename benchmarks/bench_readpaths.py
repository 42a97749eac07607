"""What the read floor is made of, and what reading only the value cells would cost (issue #18).

    .venv/bin/python benchmarks/bench_readpaths.py [FOLDER] [--files 10] [--repeats 3]

The issue's floor is python-calamine reading every sheet. This script splits that floor and sets
beside it the cheapest ways Python itself could get at the same cells, to say with numbers what
"reading only the cells the form uses" could save, and why it is not done:

- calamine, open only (workbook.xml, shared strings, styles);
- calamine, every sheet loaded (``get_sheet_by_name``: its XML parsed, each ``<c>`` element);
- calamine, loaded and turned into Python rows (``to_python``: the floor as ``bench_all.py`` takes it);
- zipfile, every worksheet part inflated (what any reader pays before it parses);
- inflated, then every ``<c>`` element tokenised by one regular expression (no values converted);
- inflated, then only the cells holding a value located (``<v>`` found by the regex engine, the
  cell's attributes sliced out; still no values converted, no shared strings, no styles).

CPU time per workbook (``time.process_time``), min and median over the repeats, each repeat over
the same ``--files`` workbooks of the corpus; the cell counts tell how much of a sheet is
styled-empty cells that a value reader could skip.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
import zipfile
from pathlib import Path
from typing import Callable

import python_calamine as pc

ROOT = Path(__file__).resolve().parents[1]

_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="[0-9]+")?(?: t="([a-z]+)")?'
                   rb'(?:/>|>(?:<f>[^<]*</f>|<f [^>]*/>|<f [^>]*>[^<]*</f>)?(?:<v>([^<]*)</v>)?</c>)')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _sheet_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]


def calamine_open(path: Path) -> int:
    wb = pc.CalamineWorkbook.from_path(str(path))
    n = len(wb.sheet_names)
    wb.close()
    return n


def calamine_load(path: Path) -> int:
    wb = pc.CalamineWorkbook.from_path(str(path))
    n = sum(wb.get_sheet_by_name(s).height for s in wb.sheet_names)
    wb.close()
    return n


def calamine_rows(path: Path) -> int:
    wb = pc.CalamineWorkbook.from_path(str(path))
    n = sum(len(wb.get_sheet_by_name(s).to_python(skip_empty_area=False)) for s in wb.sheet_names)
    wb.close()
    return n


def calamine_values(path: Path) -> int:
    """Cells calamine gives a value other than blank: what the ``<v>`` locator must find alike."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    n = sum(v != "" for s in wb.sheet_names for row in wb.get_sheet_by_name(s).to_python(skip_empty_area=False)
            for v in row)
    wb.close()
    return n


def inflate(path: Path, parts: list[str]) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(p) for p in parts]


def tokenise_all(path: Path, parts: list[str]) -> int:
    return sum(len(_CELL.findall(b)) for b in inflate(path, parts))


def locate_values(path: Path, parts: list[str]) -> int:
    n = 0
    for b in inflate(path, parts):
        for m in _VALUE.finditer(b):
            start = b.rfind(b"<c ", 0, m.start())
            _attrs = b[start:m.start()]
            n += 1
    return n


def main(argv: list[str] | None = None) -> dict[str, list[float]]:
    ap = argparse.ArgumentParser(description="读取下限的组成，以及只读有值单元格的代价（CPU 毫秒每个工作簿）")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "out" / "bench" / "corpus-10000"))
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    files = sorted(Path(args.folder).glob("*.xlsx"))[:args.files]
    if not files:
        raise SystemExit(f"{args.folder}：没有工作簿（先运行 benchmarks/bench_all.py 生成测试数据）")
    parts = {f: _sheet_parts(f) for f in files}
    cases: list[tuple[str, Callable[[Path], object]]] = [
        ("calamine 只打开（workbook.xml、共享字符串、样式）", calamine_open),
        ("calamine 载入每个工作表（解析 XML）", calamine_load),
        ("calamine 载入并转成 Python 行（下限）", calamine_rows),
        ("zipfile 解压全部工作表部件", lambda f: inflate(f, parts[f])),
        ("解压 + 正则切出每个 <c> 元素", lambda f: tokenise_all(f, parts[f])),
        ("解压 + 只定位有值的单元格（<v>）", lambda f: locate_values(f, parts[f])),
    ]
    for _label, fn in cases:  # warm-up: imports, first-use caches
        fn(files[0])
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    for _ in range(args.repeats):
        for label, fn in cases:  # interleaved: a busy minute slows every case alike
            t = time.process_time()
            for f in files:
                fn(f)
            times[label].append((time.process_time() - t) / len(files) * 1000)
    elements = sum(tokenise_all(f, parts[f]) for f in files) / len(files)
    values = sum(locate_values(f, parts[f]) for f in files) / len(files)
    seen = sum(calamine_values(f) for f in files) / len(files)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(files)} 个工作簿，{args.repeats} 轮，负载 {load}；每个工作簿平均 {elements:,.0f} 个 <c> 元素，"
          f"其中有值的 {values:,.0f} 个（calamine 给出非空值的 {seen:,.0f} 个）")
    print("| 做法 | CPU min（毫秒/工作簿） | 中位数 |")
    print("|---|---:|---:|")
    for label, got in times.items():
        print(f"| {label} | {min(got):.1f} | {statistics.median(got):.1f} |")
    return times


if __name__ == "__main__":
    main()
