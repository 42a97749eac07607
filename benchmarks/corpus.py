"""A big batch of returned workbooks for the benchmarks, made once and kept in out/bench/.

Each department workbook holds ``forms`` 项目支出绩效自评表 sheets varied from the 23 real
samples (budgets, execution, scores and names change; mistakes stay as common as in the
samples). Every workbook is then opened and saved once by LibreOffice with recalculation
forced, so it carries cached values exactly as a file saved by a spreadsheet program — the
files a finance bureau really receives.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.cli import sample_paths  # noqa: E402
from jixiao.model import parse_form  # noqa: E402
from jixiao.office import convert  # noqa: E402
from jixiao.workbook import write_forms  # noqa: E402

DEPTS = ["医疗保障局", "教育局", "卫生健康局", "民政局", "农业农村局", "交通运输局", "水务局", "文化旅游局",
         "自然资源局", "住房城乡建设局"]


def _varied(sample: dict, rng: random.Random, dept: str, k: int) -> dict:
    d = json.loads(json.dumps(sample))
    d["unit"] = dept
    d["authority"] = dept
    d["project"] = f"{dept}{k:03d}号项目：{sample['project'][:20]}"
    factor = rng.choice([0.5, 1, 1, 2, 3, 5])
    for row in d["funds"].values():
        for key in ("initial", "annual", "executed"):
            if isinstance(row.get(key), (int, float)):
                row[key] = round(row[key] * factor, 2)
    total = d["funds"]["total"]
    if total.get("annual") and rng.random() < 0.3:
        total["executed"] = round(total["annual"] * rng.uniform(0.5, 1), 2)
    return d


def _write_one(args: tuple[int, int, str]) -> str:
    i, forms, out = args
    rng = random.Random(i)
    samples = [json.loads(p.read_text(encoding="utf-8")) for p in sample_paths()]
    dept = f"{['城关', '东城', '西城', '南关', '北关'][i % 5]}{DEPTS[i % len(DEPTS)]}{i:03d}"
    data = [_varied(samples[(i + k) % len(samples)], rng, dept, k) for k in range(forms)]
    raw = Path(out) / "raw" / f"{i:03d}-{dept}.xlsx"
    write_forms([parse_form(d) for d in data], raw)
    return str(raw)


def _recalc_one(raw: str) -> str:
    raw_p = Path(raw)
    return str(convert(raw_p, "xlsx", raw_p.parent.parent / "corpus", timeout=900))


def build_corpus(out: Path, books: int = 100, forms: int = 100, workers: int = 2) -> Path:
    """Create (or reuse) ``out/corpus`` with ``books`` workbooks of ``forms`` forms each."""
    corpus = out / "corpus"
    stamp = out / f"done-{books}x{forms}"
    if stamp.exists() and len(list(corpus.glob("*.xlsx"))) == books:
        return corpus
    shutil.rmtree(out, ignore_errors=True)
    (out / "raw").mkdir(parents=True)
    corpus.mkdir()
    t = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        raws = list(pool.map(_write_one, [(i, forms, str(out)) for i in range(books)]))
        print(f"  生成 {books} 个工作簿 × {forms} 张表：{time.perf_counter() - t:.0f} 秒", flush=True)
        t = time.perf_counter()
        list(pool.map(_recalc_one, raws))
        print(f"  LibreOffice 重算并保存：{time.perf_counter() - t:.0f} 秒", flush=True)
    shutil.rmtree(out / "raw")
    stamp.write_text("ok")
    return corpus
