"""A value that is a change against a base, and a 定性 comparison with the last year.

Departments write many 效益 and 成本 targets as a change: “较上年下降5%”, “同比增长10%”, “比上年提高2个
百分点”, and their 完成值 the same way: “下降6%”, “同比上升2%”. The number there is how far the thing moved,
not its level, so:

- a fall of 5 % is a floor on the fall (a fall of 6 % meets it), whatever the indicator's name says — a
  “能耗” or “故障率” is a ceiling for its level, not for how far it fell (scored “≤5%”, 6 % missed it);
- a move the other way is below nothing: “同比上升2%” against “下降5%” is −2 %, no points (it was 40 %
  done, 4 of 10).

Without a number, “低于上年”, “与上年持平”, “不低于上年水平” compare with the last year as a 定性 target or
完成值: an actual that moved the other way (“高于上年” against “低于上年”) went the wrong way, where its words
alone claimed 档次 A.

Pure words, no I/O; ``values`` reads the change of a quantity, ``scoring`` compares.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .lazyre import lazy

if TYPE_CHECKING:
    from .values import Value

UP, DOWN = "up", "down"

# the base a change is measured against, before the change word: “较上年”, “比去年同期”, “与2021年相比”, “同比”
_BASE = (r"(?:(?:较|比|与|对比|相比)?(?:上年|去年|上一年|前一年|上年度|上一年度|上期|基期|基年|往年|(?:19|20)\d\d年度?)"
         r"(?:同期)?(?:相比|比较)?|(?:较|比)?同期|同比|环比)")
_UP_WORDS = "增长|增加|提高|提升|上升|上涨|延长|扩大|增|升"
_DOWN_WORDS = "下降|降低|减少|压减|缩减|缩短|缩小|下滑|减|降"
# the text before a number that makes the number a change: a base (or none) and the change word, or its size
# (“降幅为”, “增长幅度达”) — never “下降至5%”, “提高到95%”, “降为”: those give the level reached
_SIZE_IS = "(?:为|达到?|是)?"
_CHANGE = lazy(rf"{_BASE}?,?(?:(?:(?P<up>{_UP_WORDS})|(?P<down>{_DOWN_WORDS}))了?(?:(?:幅度|比例){_SIZE_IS})?"
               rf"|(?:(?P<upsize>增幅|涨幅)|降幅|减幅){_SIZE_IS})")

# the last character of any text ``_CHANGE`` matches: most texts before a number end otherwise (“完成”, “累计”) and
# need not compile it (a pattern of CJK words takes ~0.4 ms to compile, in every worker)
_CHANGE_ENDS = frozenset("长加高升涨大增降低少减短小滑了度例为达到是幅")


def change_before(pre: str) -> str | None:
    """UP or DOWN when the text before a number says the number is a rise or a fall (“较上年下降”, “同比增长”,
    “提高”, “降幅为”), else None."""
    m = _CHANGE.fullmatch(pre) if pre[-1:] in _CHANGE_ENDS else None
    if m is None:
        return None
    return UP if m.group("up") or m.group("upsize") else DOWN


# A 定性 comparison with the last year: each word is the set of ways it allows, u(p), s(ame), d(own).
# Longest first, so “不低于” is not read as “低于”.
_RELATIONS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (w, frozenset(ways)) for ways, words in (
        ("us", ("不低于", "不少于", "不减少", "不下降", "不降低", "不减", "未低于", "没有低于", "未减少", "未下降",
                "未降低", "没有下降")),
        ("ds", ("不高于", "不超过", "不增加", "不上升", "不多于", "不增", "未高于", "没有高于", "未超过", "未增加",
                "未上升", "没有上升")),
        ("s", ("持平", "相当", "基本一致", "保持一致", "不变", "稳定在上年")),
        ("u", ("高于", "多于", "超过", "超出", "增长", "增加", "提高", "提升", "上升", "好于", "优于", "增多")),
        ("d", ("低于", "少于", "下降", "降低", "减少", "压减", "减轻", "缩短", "下滑", "回落")),
    ) for w in words)
_BY_LENGTH = tuple(sorted(_RELATIONS, key=lambda r: -len(r[0])))
# what a 定性 target must name to be a comparison with a base (“服务水平提高” is no comparison)
_BASE_WORD = lazy(r"上年|去年|上一年|同期|同比|环比|往年|逐年|(?:19|20)\d\d年")


def relation(text: str, *, need_base: bool = True) -> frozenset[str] | None:
    """The ways (“u”, “s”, “d”) a 定性 text allows against its base: “低于上年” {d}, “不低于上年” {u, s},
    “与上年持平” {s}; None where it names no comparison (or, ``need_base``, no base)."""
    if need_base and not _BASE_WORD.search(text):
        return None
    for word, ways in _BY_LENGTH:
        if word in text:
            return ways
    return None


def ways_said(text: str) -> frozenset[str]:
    """Every way (“u”, “s”, “d”) the comparison words of a text allow, base or not: “稳步增长” {u}, “有所下降”
    {d}, “提升服务水平，减少等待时间” {u, d}; a longer word is read before the words it holds (“不低于”, not “低于”)."""
    found: set[str] = set()
    for word, ways in _BY_LENGTH:
        if word in text:
            found |= ways
            text = text.replace(word, "\0")
    return frozenset(found)


def relation_tier(target: str, actual: str, change: str | None = None) -> str | None:
    """The 档次 an actual's comparison reaches against a target's: A where every way it allows meets the target
    (“下降” against “低于上年”), B where some do (“不低于上年” against “高于上年”), C where none does (“高于上年”
    against “低于上年”, “持平” against “增长”); None where either is no comparison. ``change``: the actual is a
    number moved that way (“同比下降2%”, ``values.Value.change``)."""
    want = relation(target)
    if want is None:
        return None
    got = frozenset("u" if change == UP else "d") if change else relation(actual, need_base=False)
    if got is None:
        return None
    if got <= want:
        return "A"
    return "B" if got & want else "C"


# an indicator whose name is a rise or a fall (“收入增长率”, “能耗降幅”): its target “≥5%” is a change too
_UP_NAMES = ("增长率", "增幅", "增速", "涨幅", "提高率", "提升率", "上升率", "增长比例", "提高比例", "增加比例")
_DOWN_NAMES = ("下降率", "降低率", "减少率", "降幅", "减幅", "压减率", "压减比例", "下降比例", "降低比例", "减少比例")


@lru_cache(maxsize=4096)
def change_of(value_change: str | None, name: str | None) -> str | None:
    """A target's change: its own words' (“较上年下降5%”) or its indicator's name's (“能耗降幅”). Kept per name:
    the scorer and C10 ask it of every indicator, and a batch's names repeat (issue #18)."""
    if value_change or not name:
        return value_change
    if any(w in name for w in _DOWN_NAMES):
        return DOWN
    return UP if any(w in name for w in _UP_NAMES) else None


def said(change: str, dim: str | None = "ratio") -> str:
    """How a basis names a change of a value of unit dimension ``dim``: “增幅”, “降幅” of a rate (or of no unit),
    “增加量”, “减少量” of days, people, money (“缩短2天” is no 降幅)."""
    if dim in (None, "ratio"):
        return "增幅" if change == UP else "降幅"
    return "增加量" if change == UP else "减少量"


def words_to_check(a: Value, t: Value, name: str | None) -> bool:
    """Whether an actual's number was taken from among words the filler should check (C10, “请核实”): text
    besides the number and unit, or a change (“下降6%”) where the target is a level (“≤2%”) — against a change
    (“较上年下降5%”, a “降幅”, “较上年有所下降”) it is read as written."""
    if a.extra_text:
        return True
    return a.change is not None and change_of(t.change, name) is None and relation((t.raw or "").strip()) is None
