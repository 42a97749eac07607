"""Reading a 评分标准 text the way a reviewer does: its bands, their gaps, its full marks.

A department writes its standards by hand, e.g. 预算调整率 on the 子洲 2023 form::

    =0 3；0–10%(含) 2；20%–30%(含) 1；>30% 0

Each segment (split at ；; 。) is a band: a condition on the rate and the points it gives.
Conditions come as comparisons (≥90%, <60, 超过30%, 低于75%), ranges (80(含)–90,
0–10%(含), 10%–30%（含）), chains (0<预算调整率≤10%) or suffixes (95%（含）以上). The bands
of a standard should cover every value without a hole: here 10%–20% gets no points at all.

Conventions (those of the forms, and lenient where the text is silent, so that a correct
standard never shows a false gap):
- In a range, "(含)" marks an included end; when one end is marked the other is not
  included; when neither is, both are.
- 以上 / 以下 include the number (the legal convention); < > 低于 超过 do not.
- When any number of the text carries %, bare condition numbers are percentages too
  ("80(含)–90" beside "≥90%"); 0 is 0 either way.
- Segments with 每 (每超 1 个百分点扣 0.5 分) are per-point rules, not bands; a text with
  fewer than two bands is not a band table and is not checked for gaps.
- Values are checked from 0 up (rates are not negative) unless a band reaches lower.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...core.numbers import cn_number

NUM = r"(\d+(?:\.\d+)?)"
INF = math.inf


@dataclass(frozen=True)
class Interval:
    lo: float
    lo_inc: bool
    hi: float
    hi_inc: bool


@dataclass(frozen=True)
class BandText:
    interval: Interval
    points: float
    text: str
    percent: bool = True   # the text's numbers are percentages (values stored as fractions)


def _normalize(s: str) -> str:
    for a, b in (("（", "("), ("）", ")"), ("＝", "="), ("＜", "<"), ("＞", ">"), ("≦", "≤"), ("≧", "≥"),
                 ("<=", "≤"), (">=", "≥"), ("％", "%"), ("：", ":"), ("，", ","), ("－", "-"), ("～", "~"),
                 ("\u3000", " ")):
        s = s.replace(a, b)
    return s


_CMP_WORDS = {
    "≥": ("ge",), "不低于": ("ge",), "不少于": ("ge",), "达到": ("ge",),
    ">": ("gt",), "高于": ("gt",), "超过": ("gt",), "大于": ("gt",),
    "≤": ("le",), "不高于": ("le",), "不超过": ("le",),
    "<": ("lt",), "低于": ("lt",), "小于": ("lt",), "少于": ("lt",), "未达到": ("lt",),
    "=": ("eq",), "等于": ("eq",),
}
_CMP_ALT = "|".join(sorted((re.escape(k) for k in _CMP_WORDS), key=len, reverse=True))
_INC = r"(\((?:不)?含\))?"
RE_CHAIN = re.compile(NUM + r"(%?)\s*(<|≤)\s*[^\d;；。<≤]{0,12}?\s*(<|≤)\s*" + NUM + r"(%?)")
RE_RANGE = re.compile(NUM + r"(%?)\s*" + _INC + r"\s*[-–—~至到]\s*" + NUM + r"(%?)\s*" + _INC)
RE_SUFFIX = re.compile(NUM + r"(%?)\s*" + _INC + r"\s*(及以上|以上|及以下|以下)")
RE_CMP = re.compile(r"(" + _CMP_ALT + r")\s*" + NUM + r"(%?)")
RE_POINTS = re.compile(r"(?<![扣各每减])(?:计|得|给)?\s*" + NUM + r"\s*分")
RE_BARE = re.compile(r"(?<![\d.])" + NUM + r"(?![\d.%])")


def _segments(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[;；。\n]", _normalize(text)) if s.strip()]


def _condition(seg: str) -> tuple[tuple, tuple[int, int]] | None:
    """The condition of one segment: (kind, numbers…) and the span it covers."""
    m = RE_CHAIN.search(seg)
    if m:
        return ("chain", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)), m.span()
    m = RE_RANGE.search(seg)
    if m:
        return ("range", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)), m.span()
    m = RE_SUFFIX.search(seg)
    if m:
        return ("suffix", m.group(1), m.group(2), m.group(3), m.group(4)), m.span()
    m = RE_CMP.search(seg)
    if m:
        return ("cmp", _CMP_WORDS[m.group(1)][0], m.group(2), m.group(3)), m.span()
    return None


def _points(rest: str) -> float | None:
    m = RE_POINTS.search(rest)
    if m:
        return float(m.group(1))
    bare = RE_BARE.findall(rest)
    return float(bare[-1]) if bare else None


def parse_bands(text: str | None) -> list[BandText]:
    """The bands of a 评分标准 text, in order; [] when it is not a band table."""
    if not text:
        return []
    raw: list[tuple[tuple, float, str]] = []
    percent = "%" in _normalize(text)
    for seg in _segments(text):
        if "每" in seg:
            continue
        found = _condition(seg)
        if found is None:
            continue
        cond, (a, b) = found
        pts = _points(seg[:a] + " " + seg[b:])
        if pts is None:
            continue
        raw.append((cond, pts, seg))
    if len(raw) < 2:
        return []

    def val(n: str, pct: str) -> float:
        x = float(n)
        return x / 100 if (pct or percent) else x

    out = []
    for cond, pts, seg in raw:
        kind = cond[0]
        if kind == "chain":
            lo, hi = val(cond[1], cond[2]), val(cond[5], cond[6])
            iv = Interval(lo, cond[3] == "≤", hi, cond[4] == "≤")
        elif kind == "range":
            lo, hi = val(cond[1], cond[2]), val(cond[4], cond[5])
            lo_mark, hi_mark = cond[3], cond[6]
            if lo_mark or hi_mark:
                iv = Interval(lo, lo_mark == "(含)", hi, hi_mark == "(含)")
            else:
                iv = Interval(lo, True, hi, True)
        elif kind == "suffix":
            x = val(cond[1], cond[2])
            inc = cond[3] != "(不含)"
            iv = Interval(x, inc, INF, False) if cond[4].endswith("以上") else Interval(-INF, False, x, inc)
        else:
            op, x = cond[1], val(cond[2], cond[3])
            iv = {"ge": Interval(x, True, INF, False), "gt": Interval(x, False, INF, False),
                  "le": Interval(-INF, False, x, True), "lt": Interval(-INF, False, x, False),
                  "eq": Interval(x, True, x, True)}[op]
        out.append(BandText(iv, pts, seg, percent))
    return out


def _fmt_num(x: float, percent: bool = True) -> str:
    s = f"{x * 100 if percent else x:.4f}".rstrip("0").rstrip(".")
    return s + ("%" if percent else "")


def describe(iv: Interval, percent: bool = True) -> str:
    """An interval as a reviewer writes it: "10%–20%（不含 10%，含 20%）", "低于 60%"."""

    def _fmt(x: float) -> str:
        return _fmt_num(x, percent)

    if iv.lo == -INF and iv.hi == INF:
        return "全部取值"
    if iv.lo == -INF:
        return f"{'不超过' if iv.hi_inc else '低于'} {_fmt(iv.hi)}"
    if iv.hi == INF:
        return f"{'不低于' if iv.lo_inc else '超过'} {_fmt(iv.lo)}"
    if iv.lo == iv.hi:
        return f"恰为 {_fmt(iv.lo)}"
    ends = f"{'含' if iv.lo_inc else '不含'} {_fmt(iv.lo)}，{'含' if iv.hi_inc else '不含'} {_fmt(iv.hi)}"
    return f"{_fmt(iv.lo)}–{_fmt(iv.hi)}（{ends}）"


def gaps(bands: list[BandText]) -> list[Interval]:
    """The values (from 0 up, or lower where a band reaches lower) no band covers."""
    if not bands:
        return []
    ivs = sorted((b.interval for b in bands), key=lambda i: (i.lo, not i.lo_inc))
    start = min(0.0, ivs[0].lo)
    out: list[Interval] = []
    cur, cur_inc = start, False        # covered: everything below cur (and cur itself if cur_inc)
    if ivs[0].lo == -INF:
        cur, cur_inc = -INF, True
    for iv in ivs:
        if iv.hi < start or (iv.hi == start and not iv.hi_inc):
            continue
        if iv.lo > cur or (iv.lo == cur and not cur_inc and not iv.lo_inc):
            out.append(Interval(cur, not cur_inc, iv.lo, not iv.lo_inc))
        if iv.hi > cur or (iv.hi == cur and iv.hi_inc and not cur_inc):
            cur, cur_inc = iv.hi, iv.hi_inc
    if cur < INF:
        out.append(Interval(cur, not cur_inc, INF, False))
    return out


def overlaps(bands: list[BandText]) -> list[tuple[BandText, BandText, Interval]]:
    """Pairs of bands that both cover a stretch of values (of positive length) with different points."""
    out = []
    for i, a in enumerate(bands):
        for b in bands[i + 1:]:
            lo, hi = max(a.interval.lo, b.interval.lo), min(a.interval.hi, b.interval.hi)
            if hi > lo and a.points != b.points:
                out.append((a, b, Interval(lo, True, hi, True)))
    return out


def full_marks(text: str | None) -> float | None:
    """The full marks a 评分标准 text states: its best band, or its first "计 N 分 / 得 N 分"."""
    if not text:
        return None
    bands = parse_bands(text)
    if bands:
        return max(b.points for b in bands)
    t = _normalize(text)
    m = re.search(r"(?<![扣各每减])(?:计|得)\s*" + NUM + r"\s*分", t)
    if m:
        return float(m.group(1))
    # "=100% 3分；每减少…": a first segment "condition N分" without 计/得
    seg = _segments(text)[0] if _segments(text) else ""
    if "每" not in seg:
        m = re.search(r"(?<![扣各每减\d.])" + NUM + r"\s*分", seg)
        if m and _condition(seg):
            return float(m.group(1))
    return None


# -- the numbers a text states that a formula standard's parameters hold (rule F19) ----------------------
# Read only where the text says them one way: a per-point deduction “每超过 1 个百分点扣 0.5 分”, a per-item one
# “每少完成一项扣 0.5 分”, a limit in the text's first condition (“≤100%，计5分”), each band's threshold by its
# points. Two different deductions in one text, a limit that is not the first condition, a figure without % in a
# text of rates (“≤100” may be 100 or 100%), the 资金结余 wording and the inclusion marks are not read.
RE_PER_POINT = re.compile(r"每[^;。]*?(\d+(?:\.\d+)?|[一二两三四五六七八九十半])\s*个?百分点[^;。\d]*?扣\s*"
                          + NUM + r"\s*分")
RE_PER_ITEM = re.compile(r"每[^;。\d]*?扣\s*" + NUM + r"\s*分")


def _step(s: str) -> float:
    """The N of “每 N 个百分点”: a figure, a numeral (``core.numbers.cn_number``: 一 … 十, 两) or 半."""
    if s == "半":
        return 0.5
    n = cn_number(s)
    return float(s) if n is None else float(n)


def per_point(text: str | None) -> float | None:
    """The 分 per percentage point a text's “每超过/低于 N 个百分点扣 M 分” states (M ÷ N); None where it says
    none or two different ones."""
    found = {round(float(m.group(2)) / _step(m.group(1)), 10)
             for m in RE_PER_POINT.finditer(_normalize(text or "")) if _step(m.group(1)) > 0}
    return found.pop() if len(found) == 1 else None


def per_item(text: str | None) -> float | None:
    """The 分 per item a text's “每少完成一项扣 M 分” states; None where it says none, two different ones, or
    deducts per percentage point."""
    t = _normalize(text or "")
    if "百分点" in t:
        return None
    found = {float(m.group(1)) for m in RE_PER_ITEM.finditer(t)}
    return found.pop() if len(found) == 1 else None


def limit(text: str | None, under: bool) -> float | None:
    """The limit of a text's first condition, where full marks are had up to it (``under``: from
    it up): “≤100%，计5分” → 1.0, “≥50%” → 0.5, “=100%” either way, “≤0” → 0; a figure without % in a text
    without % is read only where it is 0."""
    t = _normalize(text or "")
    percent = "%" in t
    for seg in _segments(text or ""):
        if "每" in seg:
            continue
        found = _condition(seg)
        if found is None:
            return None
        cond = found[0]
        if cond[0] == "cmp":
            op, n, pct = cond[1], cond[2], cond[3]
        elif cond[0] == "suffix":
            op, n, pct = ("ge" if cond[4].endswith("以上") else "le"), cond[1], cond[2]
        else:
            return None
        if op not in (("ge", "gt", "eq") if under else ("le", "lt", "eq")):
            return None
        x = float(n)
        if x and not (pct or percent):
            return None
        return x / 100 if (pct or percent) else x
    return None


def thresholds(text: str | None, at_least: bool) -> dict[float, float]:
    """Points -> the threshold that earns them, in a band text: a band's lower end
    (``at_least``: 达到即得) or its upper end; only points one band gives, only finite ends, only in a text
    of percentages (or an end of 0)."""
    bands = parse_bands(text)
    by: dict[float, list[BandText]] = {}
    for bt in bands:
        by.setdefault(bt.points, []).append(bt)
    out: dict[float, float] = {}
    for pts, same in by.items():
        if len(same) != 1:
            continue
        bt = same[0]
        end = bt.interval.lo if at_least else bt.interval.hi
        if math.isfinite(end) and (bt.percent or end == 0):
            out[pts] = end
    return out
