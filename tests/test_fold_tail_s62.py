"""``fold`` looks only at the forms and fields a holder is on (issue #18, stop 62): the same result as
keying every finding of the batch, on random batches where holders, rules, severities, fields and
forms collide in every way the narrowing could get wrong."""

from __future__ import annotations

import dataclasses
import random

from jixiao.core.findings import SEVERITIES, Finding, fold


def _reference(findings: list[Finding]) -> list[Finding]:
    """``fold`` as it was written before the narrowing: every finding keyed."""
    holders = [f for f in findings if f.folds]
    if not holders:
        return findings
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    by_key: dict[tuple, list[Finding]] = {}
    for f in findings:
        by_key.setdefault((f.source, f.file, f.sheet, f.field), []).append(f)
    into: dict[int, Finding] = {}
    for h in holders:
        if id(h) in into:
            continue
        for g in by_key[(h.source, h.file, h.sheet, h.field)]:
            if (g is not h and g.rule in h.folds and id(g) not in into
                    and rank.get(g.severity, 0) >= rank.get(h.severity, 0)):
                into[id(g)] = h
    taken: dict[int, list[Finding]] = {}
    for f in findings:
        if id(f) in into:
            taken.setdefault(id(into[id(f)]), []).append(f)
    return [dataclasses.replace(f, folded=f.folded + tuple(taken[id(f)])) if id(f) in taken else f
            for f in findings if id(f) not in into]


def _batch(rnd: random.Random) -> list[Finding]:
    rules = ["D7", "D11", "D12", "C9", "C16", "B1", "B2", "E1"]
    out = []
    for k in range(rnd.randint(0, 60)):
        src = rnd.choice(["a.xlsx#1", "a.xlsx#2", "b.xlsx#1", None])
        holds = tuple(rnd.sample(rules, rnd.randint(1, 3))) if rnd.random() < 0.25 else ()
        out.append(Finding(rule=rnd.choice(rules), severity=rnd.choice(SEVERITIES),
                           field=rnd.choice(["total", "exec_score", "indicators[0].score", ""]),
                           message=f"m{k}", file=(src or "c.xlsx").split("#")[0],
                           sheet=rnd.choice(["1", "2"]), source=src, folds=holds))
    return out


def _shape(fs: list[Finding]) -> list[tuple]:
    return [(f.message, tuple(_shape(list(f.folded)))) for f in fs]


def test_fold_matches_keying_every_finding() -> None:
    rnd = random.Random(62)
    folded_any = 0
    for _ in range(3000):
        batch = _batch(rnd)
        got, want = fold(list(batch)), _reference(list(batch))
        assert _shape(got) == _shape(want)
        folded_any += len(got) < len(batch)
    assert folded_any > 300   # the batches did fold: the comparison is not of untouched lists
