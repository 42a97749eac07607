"""A big batch of returned workbooks for the benchmarks, made once and kept in out/bench/.

Each department workbook holds 100 项目支出绩效自评表 sheets varied from the 23 real
samples: budgets, execution and names change; indicator scores are lowered on a share of
the forms so the grades spread like a county's (measured on the first 300 forms: 57 % 优,
21 % 良, 7 % 中, 15 % 差; about 11 findings per form, two thirds of them errors, most of
them the real samples' own);
执行率, 得分 and 总分 are left to the template's formulas, and a few forms get the mistakes
reviewers see (a score above its weight, a deduction without a reason, spending above the
budget, a 总分 typed over its formula), besides those the real samples carry. Every workbook is then opened and saved once by
LibreOffice with recalculation forced, so it carries cached values exactly as a file saved
by a spreadsheet program — the files a finance bureau really receives.

Books are made one by one and kept (out/bench/books/NNN-*.xlsx): a run over N forms uses
the first N/100 books, so a small run now and the 10,000-form run later share the files.
"""

from __future__ import annotations

import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.cli import sample_paths  # noqa: E402
from jixiao.forms.project.model import parse_form  # noqa: E402
from jixiao.excel.office import convert  # noqa: E402
from jixiao.excel.workbook import write_forms  # noqa: E402

FORMS_PER_BOOK = 100
DEPTS = ["医疗保障局", "教育局", "卫生健康局", "民政局", "农业农村局", "交通运输局", "水务局", "文化旅游局",
         "自然资源局", "住房城乡建设局"]
GRADE_MIX = [(0.60, 1.0), (0.25, 0.88), (0.10, 0.72), (0.05, 0.5)]  # (share, factor on indicator scores)


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
    x, acc = rng.random(), 0.0
    scale = 1.0
    for share, f in GRADE_MIX:
        acc += share
        if x < acc:
            scale = f
            break
    inds = [i for i in d.get("indicators", []) if isinstance(i.get("score"), (int, float))]
    if scale < 1:
        for ind in inds:
            ind["score"] = round(ind["score"] * scale, 1)
            ind["reason"] = ind.get("reason") or ("未完全达到年度目标" if rng.random() < 0.8 else None)
    for key in ("exec_rate", "exec_score", "total_score", "grade"):  # the template's formulas compute them
        d.pop(key, None) if key == "grade" else d.__setitem__(key, None)
    mistake = rng.random()
    if inds and mistake < 0.03:  # a score above its weight
        inds[0]["score"] = (inds[0].get("weight") or 10) + 2
    elif inds and mistake < 0.08:  # a deduction without a reason
        inds[-1]["score"] = max(0, round((inds[-1]["score"] or 0) - 3, 1))
        inds[-1]["reason"] = None
    elif total.get("annual") and mistake < 0.10:  # spent more than the budget
        total["executed"] = round(total["annual"] * 1.2, 2)
    elif mistake < 0.12:  # a 总分 typed over its formula
        d["total_score"] = 95
    return d


def _book_name(i: int) -> str:
    dept = f"{['城关', '东城', '西城', '南关', '北关'][i % 5]}{DEPTS[i % len(DEPTS)]}{i:03d}"
    return f"{i:03d}-{dept}.xlsx"


def _make_book(args: tuple[int, str], forms: int = FORMS_PER_BOOK, folder: str = "books") -> str:
    """Write book ``i`` with openpyxl, then recalculate and save it with LibreOffice."""
    i, out = args
    rng = random.Random(i)
    samples = [json.loads(p.read_text(encoding="utf-8")) for p in sample_paths()]
    name = _book_name(i)
    dept = name[4:-5]
    data = [_varied(samples[(i + k) % len(samples)], rng, dept, k) for k in range(forms)]
    raw = Path(out) / "raw" / name
    raw.parent.mkdir(parents=True, exist_ok=True)
    write_forms([parse_form(d) for d in data], raw)
    done = convert(raw, "xlsx", Path(out) / folder, timeout=900)
    raw.unlink()
    return str(done)


def build_books(out: Path, books: int, workers: int = 2) -> list[Path]:
    """The first ``books`` workbooks in ``out/books``, making only the missing ones."""
    (out / "books").mkdir(parents=True, exist_ok=True)
    want = [out / "books" / _book_name(i) for i in range(books)]
    missing = [i for i, p in enumerate(want) if not p.exists()]
    if missing:
        t = time.perf_counter()
        print(f"  生成并由 LibreOffice 重算 {len(missing)} 个工作簿 × {FORMS_PER_BOOK} 张表……", flush=True)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_make_book, [(i, str(out)) for i in missing]))
        print(f"  用时 {time.perf_counter() - t:.0f} 秒", flush=True)
    return want


def build_corpus(out: Path, forms: int) -> Path:
    """A folder ``out/corpus-N`` holding (hard links to) the first N/100 books."""
    books = max(1, -(-forms // FORMS_PER_BOOK))
    paths = build_books(out, books)
    folder = out / f"corpus-{books * FORMS_PER_BOOK}"
    folder.mkdir(parents=True, exist_ok=True)
    for p in folder.iterdir():
        if p.name not in {q.name for q in paths}:
            p.unlink()
    for p in paths:
        link = folder / p.name
        if not link.exists():
            try:
                link.hardlink_to(p)
            except OSError:
                link.write_bytes(p.read_bytes())
    return folder


def small_book(out: Path, forms: int = 30) -> Path:
    """One department's workbook of ``forms`` forms (the 校验 button's everyday case), cached."""
    folder = out / f"small-{forms}"
    found = sorted(folder.glob("*.xlsx"))
    if found:
        return found[0]
    return Path(_make_book((900, str(out)), forms, folder.name))


def county_inbox(out: Path, books: int = 50, forms: int = 10, workers: int = 2) -> Path:
    """A county's inbox as a finance bureau receives it: ``books`` department workbooks of
    ``forms`` forms each (made and recalculated like the big corpus, once, then kept)."""
    folder = out / f"county-{books}x{forms}"
    want = [folder / _book_name(500 + i) for i in range(books)]
    missing = [500 + i for i, p in enumerate(want) if not p.exists()]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        print(f"  生成并由 LibreOffice 重算 {len(missing)} 个工作簿 × {forms} 张表……", flush=True)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_make_book, [(i, str(out)) for i in missing], [forms] * len(missing),
                          [folder.name] * len(missing)))
    return folder

