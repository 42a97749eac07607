"""Which one project a sentence (or a table row) names, inside a section covering several forms.

A report often treats several forms under one heading — "（十六）医疗救助补助资金使用情况" covers
the 中央 and 省级 医疗救助 funds, "（三）法律顾问和执法用车" two projects — and then gives each its
figures in its own sentence: "省级财政医疗救助补助资金12万元，已全部支出。" That sentence is about
one form, named the way people say it: the name without "关于提前下达 2022 年……的通知", without
its 文号, or the short name the heading itself used. A figure is compared with that form only
when exactly one of the section's forms is named (in the sentence, else in the clause holding
the figure); two names, or a name several forms share, and nothing is compared: a wrong
comparison is worse than none.
"""

from __future__ import annotations

import re

from ..core.docno import doc_numbers
from .document import norm
from .facts import Facts, match_name, name_key

__all__ = ["doc_number", "heading_parts", "pick_named", "short_names"]

MIN_NAME = 4  # characters: shorter fragments ("资金", "医保") name nothing
_WRAP_HEAD = re.compile(r"^(?:关于)?(?:提前)?(?:下达|拨付|分配)?(?:\d{4}年度?)?")
_WRAP_TAIL = re.compile(r"的(?:通知|批复|函).*$")
_SPLIT = re.compile(r"[、，,/]|(?<=[\u4e00-\u9fff])(?:和|与|以及)(?=[\u4e00-\u9fff])")


def doc_number(text_norm: str) -> set[tuple[str, str]]:
    """文号 in a normalized text: 冀财社(2021)164号, 〔2021〕164号 → {("2021", "164")}."""
    return doc_numbers(text_norm)


def short_names(name: str) -> set[str]:
    """How a report may call a form: its full name, without brackets and "使用情况", and
    without the wrapping of a 文件 title (关于提前下达 2022 年 … 的通知 冀财社…号), with and
    without a trailing 预算."""
    full = norm(name)
    key = name_key(name)
    core = name_key(_WRAP_TAIL.sub("", _WRAP_HEAD.sub("", full)))
    out = {full, key, core, core.removesuffix("预算")}
    return {s for s in out if len(s) >= MIN_NAME}


def heading_parts(heading: str, facts: Facts) -> dict[int, str]:
    """A heading listing several projects by short names ("（三）法律顾问和执法用车"): form → the
    name the heading uses, when every part names exactly one form and the forms differ."""
    key = name_key(heading)
    parts = [p for p in _SPLIT.split(key) if p]
    if len(parts) < 2:
        return {}
    out: dict[int, str] = {}
    for part in parts:
        m = match_name(part, facts)
        if len(m.forms) != 1 or m.forms[0] in out or len(name_key(part)) < MIN_NAME:
            return {}
        out[m.forms[0]] = name_key(part)
    return out


def _named(text: str, candidates: list[int], facts: Facts, extra: dict[int, str] | None) -> set[int]:
    """The candidates a text names: the longest names first, a name inside a longer one not again."""
    names: list[tuple[str, int]] = []
    for i in candidates:
        for s in short_names(facts.forms[i].name) | ({extra[i]} if extra and i in extra else set()):
            names.append((s, i))
    # a name that is part of another candidate's name does not tell them apart
    fulls = {i: norm(facts.forms[i].name) for i in candidates}
    names = [(s, i) for s, i in names if not any(s in fulls[j] for j in candidates if j != i)]
    taken: list[tuple[int, int, int]] = []
    for s, i in sorted(names, key=lambda x: -len(x[0])):
        for m in re.finditer(re.escape(s), text):
            if not any(m.start() < e and b < m.end() for b, e, _ in taken):
                taken.append((m.start(), m.end(), i))
    numbers = doc_number(text)
    by_number = {i for i in candidates if doc_number(fulls[i]) & numbers}
    return {i for _b, _e, i in taken} | by_number


def pick_named(text: str, pos: int, candidates: list[int], facts: Facts,
               extra: dict[int, str] | None = None) -> int | None:
    """The one candidate form a normalized sentence names — else the one the clause around
    ``pos`` names — else None (none named, or several)."""
    if len(candidates) < 2:
        return None
    named = _named(text, candidates, facts, extra)
    if len(named) == 1:
        return next(iter(named))
    if not named:
        return None
    seps = [m.end() for m in re.finditer(r"[,;:。]", text[:pos])]
    end = re.search(r"[,;:。]", text[pos:])
    clause = text[(seps[-1] if seps else 0): (pos + end.start() if end else len(text))]
    named = _named(clause, candidates, facts, extra)
    return next(iter(named)) if len(named) == 1 else None
