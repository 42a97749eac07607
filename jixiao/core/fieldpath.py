"""Paths into a form as data, as findings carry them: ``funds.total.annual``, ``indicators[3].score``."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["FieldPath", "indicator_index", "item", "parse", "sort_key"]

_PATH = re.compile(r"^(?P<head>[a-z_][a-z0-9_]*)(?:\[(?P<index>\d+)\])?(?:\.(?P<rest>[a-z0-9_.]+))?$")


class FieldPath(NamedTuple):
    head: str                 # "indicators", "funds", "exec_rate", …
    position: int | None      # the list index, where there is one (not "index": that is tuple.index)
    rest: str | None          # "score", "total.annual", …


@lru_cache(maxsize=4096)
def parse(path: str) -> FieldPath | None:
    """``indicators[3].score`` → ("indicators", 3, "score"); None for a path of another shape.
    Cached (the result is an immutable tuple): a batch's findings name a few hundred paths."""
    m = _PATH.match(path or "")
    if not m:
        return None
    i = m.group("index")
    return FieldPath(m.group("head"), int(i) if i is not None else None, m.group("rest"))


@lru_cache(maxsize=4096)
def item(path: str, head: str = "indicators", default: str = "name") -> tuple[int, str] | None:
    """A path into a list of rows: ``indicators[3].score`` → (3, "score"), ``indicators[3]`` → (3, ``default``);
    None for a path of another list or shape. Every sheet layout finds its row cells through this.
    Cached (an immutable tuple): every finding's cell is found through it (issue #18)."""
    p = parse(path)
    if p is None or p.head != head or p.position is None:
        return None
    return p.position, p.rest or default


def indicator_index(path: str) -> int | None:
    """The indicator a path is about (``indicators[3].actual`` → 3), or None."""
    p = parse(path)
    return p.position if p and p.head == "indicators" else None


@lru_cache(maxsize=4096)
def sort_key(path: str) -> tuple[object, ...]:
    """indicators[10] after indicators[9]: numbers compared as numbers. Cached: a batch sorts
    100,000s of findings over a few hundred distinct paths (issue #18)."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path or ""))
