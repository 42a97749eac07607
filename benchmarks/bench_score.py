"""Benchmark: parse and score the 23 sample forms 1,000 times (issue: 基础).

Prints forms per second for the scorer and, measured in the same run, two baselines:
loading the forms alone (JSON → validated model, the floor any scorer pays) and scoring
with the value-parser and indicator-score caches cleared before every form (what the
caches buy: the same standard indicators recur across forms).

    .venv/bin/python benchmarks/bench_score.py [--rounds 1000]
"""

from __future__ import annotations

import argparse
import json
import time

from jixiao.cli import sample_paths
from jixiao.forms.project.model import parse_form
from jixiao.core.profiles import get_profile
from jixiao.forms.project import scoring
from jixiao.forms.project.scoring import score_form
from jixiao.core.values import parse_value


def timed(fn, n: int) -> float:
    t = time.perf_counter()
    fn()
    return n / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1000)
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    profile = get_profile(None)
    n = len(texts) * args.rounds

    def load_only():
        for _ in range(args.rounds):
            for t in texts:
                parse_form(json.loads(t))

    def load_and_score():
        for _ in range(args.rounds):
            for t in texts:
                score_form(parse_form(json.loads(t)), profile)

    def load_and_score_uncached():
        for _ in range(args.rounds):
            for t in texts:
                parse_value.cache_clear()
                scoring._score_cached.cache_clear()
                score_form(parse_form(json.loads(t)), profile)

    base = timed(load_only, n)
    full = timed(load_and_score, n)
    uncached = timed(load_and_score_uncached, n)
    print(f"表单数：{n}（23 张示例 × {args.rounds} 轮）")
    print(f"  仅载入（JSON → 模型，基线）      {base:10.0f} 张/秒")
    print(f"  载入 + 解析 + 评分（缓存）       {full:10.0f} 张/秒   = 基线的 {full / base:.2f} 倍")
    print(f"  载入 + 解析 + 评分（每张清缓存） {uncached:10.0f} 张/秒   缓存加速 {full / uncached:.2f} 倍")


if __name__ == "__main__":
    main()
