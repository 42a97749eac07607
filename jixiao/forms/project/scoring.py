"""The scorer: what each indicator and the whole form should score under a profile.

A score is recomputed from the values wherever the rule can compute it; where it cannot
(a qualitative indicator, an actual that is "已完成", blank or repeats the bound, units that
do not agree) the filler's written score stands, kept inside what its wording claims, and
``basis`` says why in words a 填报人 understands. The checker compares these scores with the
written ones; this module only scores.

Decisions worth knowing (see also ``values`` for units):

- Indicator scores computed here are rounded to 2 decimals (reviewers compare to 0.01);
  written scores that stand are kept as written. ``exec_score`` and ``total`` are rounded to
  4 decimals only to drop float noise (19.79 ÷ 20 × 10 stays 9.895).
- ``completion`` is 完成值 ÷ 指标值 for 正向/等于 (may exceed 1); for 反向 and time limits it
  is the factor applied, 1 − 超出比例 (1.0 within the limit).
- ">" and "<" score like "≥" and "≤" (rules.md): at the bound the formulas give full marks anyway.
- A month later than the target month is scored like a 反向 overrun on the month numbers:
  分值 × max(0, 1 − (完成月 − 指标月) ÷ 指标月), i.e. each month late costs 1/指标月.
- The 60% rule applies to 正向 shortfalls only; 反向 overruns always use the overrun formula.
- "Deviating > 30%" counts both ways for 正向/等于 (too low or ≥ 130%), only overruns for 反向
  (saving money is not a deviation), and not at all for months.
- A written score that stands is clamped into the tier its wording claims (全部或基本达成
  80%–100%, 部分达成 60%–80%, 未达成 0–60% of 分值, boundaries inclusive); with no such wording,
  into 0–分值.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from dataclasses import asdict, dataclass, replace
from typing import Any

from ...core import grades
from ...core.numbers import fmt, pct, round2, score_text, scores_apart, to_number
from ...core.rates import DEFAULT_FUNDS_WEIGHT, exec_rate, exec_score, wan_rate
from .model import Form
from ...core.profiles import EXEC_CAPS, Profile, get_profile
from ...core.change import change_of, relation, relation_tier, said, words_to_check
from ...core.degree import degree_tier
from ...core.lazyre import lazy
from ...core.direction import infer as infer_direction
from ...core.units import per_factor, time_factor
from ...core.values import (DENIED, LATE, OVERRUN, Value, as_percent, bare_other_unit, colon_days, dotted_month,
                            fraction_of_percent, paired, parse_value, share_percent, stored_percent)

TIERS = {  # tier -> (low, high) fraction of 分值, label
    "A": (0.8, 1.0, "全部或基本达成"),
    "B": (0.6, 0.8, "部分达成并具有一定效果"),
    "C": (0.0, 0.6, "未达成且效果较差"),
}


@dataclass(frozen=True)
class IndicatorScore:
    """One 三级指标 as scored. The first seven fields are the outputs.md ones."""

    score: float
    computed: bool
    completion: float | None
    basis: str
    weight: float | None = None
    index: int | None = None
    name: str | None = None
    kind: str | None = None           # the target's kind (values.KINDS)
    direction: str | None = None      # ge | gt | le | lt | eq as scored (a quantity with none: ge)
    written: float | None = None      # the filler's 得分
    far_above: bool = False           # ≥ 130% of a 正向 target
    uncertain: bool = False           # computed from an actual with words around the number
    clamped: bool = False             # the written score was outside its tier and was clamped
    deviation: bool = False           # deviates more than 30% from target (see module doc)
    inferred: str | None = None       # why the direction was inferred (no ≥/≤/= written), see ``direction``
    alt_score: float | None = None    # … and the score under the other reading ("higher is better")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        head = ("index", "name", "weight", "score", "computed", "completion", "basis")
        return {k: d[k] for k in head} | {k: v for k, v in d.items() if k not in head}


@dataclass(frozen=True)
class FormScore:
    """A whole form as scored; ``to_dict`` is the outputs.md Scores object."""

    project: str
    profile: str
    exec_rate: float | None
    exec_score: float | None
    indicators: list[IndicatorScore]
    total: float
    grade: str
    exec_basis: str = ""
    capped_at: float | None = None    # the 执行率 cap that lowered the total, if one did

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project, "profile": self.profile, "exec_rate": self.exec_rate,
            "exec_score": self.exec_score, "indicators": [i.to_dict() for i in self.indicators],
            "total": self.total, "grade": self.grade, "exec_basis": self.exec_basis,
            "capped_at": self.capped_at,
        }


# ----------------------------------------------------------------------------- helpers

def _text(v: Any) -> str | None:
    """Cells may arrive as numbers (Excel UDFs): 5.18 → "5.18"."""
    if v is None or isinstance(v, str):
        return v
    return fmt(v) if isinstance(v, (int, float)) else str(v)


def claimed_tier(a: Value, t: Value | None = None) -> str | None:
    """The tier an actual's wording claims: 已完成/显著提升 → A, 部分完成/一般 → B, 未完成/差 → C; against a target
    that compares with the last year (``t``: “低于上年”), the tier its own comparison reaches (“高于上年” → C)."""
    return worded(a, t)[0]


def worded(a: Value, t: Value | None = None) -> tuple[str | None, bool]:
    """``claimed_tier`` and whether the target's comparison set it (a message then says “对指标值…”): one call
    where both are wanted (the clamped score's basis, D5), not the comparison twice."""
    compared = compared_tier(a, t)
    return (compared, True) if compared else (_words_tier(a), False)


def _words_tier(a: Value) -> str | None:
    """The tier an actual's own words claim, whatever the target."""
    if a.kind == "done_word":
        if a.done and _LATE.search(a.raw or ""):
            return "C"          # “延期完成”, “逾期完成”: done, not in time — as “未按时” is
        return {True: "A", None: "B", False: "C"}[a.done]
    if a.kind != "qualitative":
        return None
    s = (a.raw or "").strip()
    bound = next((b for b in _BOUNDS if s.startswith(b)), "")   # “不低于上年”: a bound met, no “不” of falling short
    s = s[len(bound):]
    if DENIED.match(s):          # “未超预算”, “无超支”, “未发现问题”: what should not be did not happen
        return "A"
    if any(w in s for w in OVERRUN):
        return "C"
    if s.startswith(("未", "没", "无", "不")) or any(w in s for w in _FALLS_SHORT) or s in ("否", "×", "✗", "✘"):
        return "C"
    if s in ("中", "一般") or any(w in s for w in _PART_WAY):
        return "B"
    return "A"


def compared_tier(a: Value, t: Value | None) -> str | None:
    """The tier of a 定性 actual's comparison with the last year against its target's (``change.relation_tier``:
    “高于上年” against “低于上年” is C, where its words alone claimed A), or None."""
    if t is None or t.kind != "qualitative" or not (a.kind in ("qualitative", "done_word") or a.change):
        return None
    target, actual = (t.raw or "").strip(), (a.raw or "").strip()
    tier = relation_tier(target, actual, a.change)
    if tier or a.change:
        return tier
    # short of what the target asks (“有所增强” against “明显增强”: B) where the actual's own words claim more
    short, own = degree_tier(target, actual), _words_tier(a)
    return short if short and (own is None or short > own) else None


# what a 定性 完成值 says of itself past its first word: “效果不明显” fell short (it claimed 档次 A, “不明显” C),
# “有待提高”, “需进一步加强” went part of the way (they claimed A)
_FALLS_SHORT = ("差", "未达", "不明显", "不显著", "不理想", "不到位", "不及时", "不达标", "不合格", "不满意")
_PART_WAY = ("部分", "有待", "需进一步", "仍需", "尚需", "待提高", "待加强", "待改善")
_LATE = lazy(rf"(?<![未无没不])(?<!没有)(?:{LATE})")
_BOUNDS = ("不低于", "不少于", "不小于", "不超过", "不高于", "不大于", "不多于")


# target kinds whose 完成值 is a number: a word there (“完成” against “≥100000 人”) claims no tier that
# holds the written score (C5 asks for the number); only the 分值 bounds it
UNTIERED_KINDS = ("quantity", "month")


def _kept(why: str, a: Value, w: float, written: float | None, *, tiered: bool = True, t: Value | None = None,
          **kw: Any) -> IndicatorScore:
    """The written score stands (not computable), clamped into its tier (``tiered``: the target is no
    number) or into 0–分值. Why not the tier of a word against a number: the 复核得分 raised “完成”'s
    5 to 8 of 10 where D11 and D5 (rightly) did not, and no notice item said why (77.648 against 50.648)."""
    tier, compared = worded(a, t) if tiered else (None, False)
    lo, hi = (0.0, float(w)) if tier is None else (TIERS[tier][0] * w, TIERS[tier][1] * w)
    rng = f"{fmt(lo)}–{score_text(hi)}"
    against = f"对指标值“{(t.raw or '').strip()}”" if t is not None and compared else ""
    where = (f"完成值“{(a.raw or '').strip()}”{against}属“{TIERS[tier][2]}”档，应得 {rng}" if tier else
             f"应在 {rng} 之间")
    if written is None:
        return IndicatorScore(0.0, False, None, f"{why}；表中未填得分，按 0 分计", written=None, **kw)
    if written > hi or written < lo:
        s = hi if written > hi else lo
        return IndicatorScore(s, False, None, f"{why}，沿用填报得分；填报得分 {score_text(written)}不符合"
                              f"{where}，按 {score_text(s)}计", written=written, clamped=True, **kw)
    tail = f"（{where}）" if tier else ""
    return IndicatorScore(float(written), False, None, f"{why}，沿用填报得分 {score_text(written)}{tail}",
                          written=written, **kw)


def _not_a_value(a: Value) -> str | None:
    """Why an actual is not a measured value, or None when it is one."""
    raw = (a.raw or "").strip()
    if a.kind == "blank":
        return "实际完成值为空"
    if a.kind == "done_word":
        return f"实际完成值只写了“{raw}”，不是数值，无法按公式计算"
    if a.high is not None:
        return f"实际完成值“{raw}”是一个区间，不是实测值，无法按公式计算"
    if a.stated_bound:
        return f"实际完成值“{raw}”重复了指标值的写法（含比较符号），不是实测值，无法按公式计算"
    if a.kind == "qualitative":
        return f"实际完成值“{raw}”是文字描述，不是数值，无法按公式计算"
    if a.kind == "unparsed":
        return f"实际完成值“{raw}”无法识别为数值"
    return None


def _align(t: Value, a: Value, year: int | None = None) -> tuple[float, float, str, str, str, float | None] | None:
    """Both numbers in the target's written unit, how to show each, a note, and the step of the actual's
    last written digit in that unit (None where it is not known); None if units clash.

    ``year`` is the form's 预算年度: a month target without a year (“12 月前”, “年底前”) is that year's, so a
    完成时间 “2023年2月” on a 2022 form is two months late, not ten months early."""
    if t.number is None or a.number is None:  # the caller has checked both are numbers
        return None
    if t.unit_dim in ("clock", "proportion") or a.unit_dim in ("clock", "proportion"):
        # a time of day compares with a time of day alone, a ratio (“1:10”) with a ratio alone
        return (t.number, a.number, t.shown(), a.shown(), "", None) if t.unit_dim == a.unit_dim else None
    if t.kind == "month":
        month = dotted_month(a) or a  # "2023.11": November 2023 where the target is a month
        an = month.number if month.number is not None else a.number
        t_year = t.year if t.year is not None else None if year is None else year + t.later
        # “次年3月” is the year after the form's (or, the form's year not known, the target's)
        base = year if year is not None else t_year
        m_year = month.year if month.year is not None or not month.later or base is None else base + month.later
        if m_year is None and t.later and year is not None:
            m_year = year                     # “12月” against “次年3月底前”: this December, three months early
        if month.kind == "month" and t_year is not None and m_year is not None:
            # both in a known year: 2024年1月 is one month after 2023年12月, not eleven before it
            return t.number, an + 12 * (m_year - t_year), f"{t_year}年{fmt(t.number)}月", month.shown(), "", None
        if month.kind == "month" or (a.kind == "quantity" and a.unit is None):
            return t.number, an, t.shown(), month.shown() if month.kind == "month" else f"{fmt(an)} 月", "", None
        return None
    if a.kind == "month":
        return None
    tn = t.number / t.scale
    step = 10.0 ** -a.decimals      # of the actual as written, in its written unit
    share = share_percent(t, a)      # “12/12”, “45/50人” against =100%, ≥90%: 100%, 90% — not 12%, nor 人 against %
    if share is not None:
        shown = pct(share / 100, trim=True)
        return tn, share / t.scale, t.shown(), shown, f"完成值“{(a.raw or '').strip()}”按比例读作 {shown}；", None
    if a.unit is None:
        if fraction_of_percent(t, a.number, text=True):   # "0.9" against ≥95%: 90%, not 0.9%
            shown = as_percent(a.number)
            return tn, a.number * 100 / t.scale, t.shown(), shown, \
                f"完成值“{(a.raw or '').strip()}”未写单位，按比率读作 {shown}；", step * 100 / t.scale
        money = bare_other_unit(t, a.number)     # “51800” against “≤5.6万元”: 51800 元, not 51800 万元
        if money is not None:
            an = money[0] / t.scale
            return (tn, an, t.shown(), f"{fmt(a.number)} {money[1]}（合 {fmt(an)} {t.unit_text}）",
                    f"完成值“{(a.raw or '').strip()}”未写单位，与指标值相差上万倍，按“{money[1]}”计；", step * an / a.number)
        note = f"完成值未写单位，按指标值的单位“{t.unit_text}”计；" if t.unit else ""
        return tn, a.number, t.shown(), a.shown(t.unit_text, 1.0), note, step
    if t.unit is None:
        return t.number, a.number / a.scale, t.shown(a.unit_text, 1.0), a.shown(), "", step
    if a.unit == t.unit:
        an = a.number / t.scale
        per = per_factor(a.per, t.per)    # 12 次/年 against ≥1 次/月: 1 次/月; 12 次 against it: unknown
        if per is None:
            return None
        an *= per
        step *= a.scale / t.scale * per
    elif a.unit_dim == t.unit_dim == "time":
        factor = time_factor(a.unit, t.unit)
        if factor is None:
            return None
        an, step = a.number * factor, step * factor
    else:
        return None
    a_show = a.shown()
    same = a.unit == t.unit and a.scale == t.scale and a.per == t.per    # “2天” against “≤3天/件”: nothing to convert
    if a.unit_text != t.unit_text and a.unit_dim != "ratio" and not same:
        a_show += f"（合 {fmt(an)} {t.unit_text}）"
    elif a.unit_dim == "ratio" and (a.unit_text == "‰") != (t.unit_text == "‰"):   # “2.8‰（合 0.28%）”
        a_show += f"（合 {fmt(an)}{'‰' if t.unit_text == '‰' else '%'}）"
    return tn, an, t.shown(), a_show, "", step


# ----------------------------------------------------------------------------- indicator

def score_indicator(target: Any, actual: Any, weight: Any, written_score: Any = None,
                    profile: Profile | str | None = None, *, name: str | None = None,
                    level2: str | None = None, year: int | None = None) -> IndicatorScore:
    """Score one indicator from its 年度指标值, 实际完成值, 分值 and written 得分 (``year``: the form's).

    Cached: the same standard indicators recur across thousands of returned forms (and the
    Excel UDFs recalculate on every keystroke), and a result depends only on these inputs.
    """
    return _scored(target, actual, weight, written_score, _key_of(get_profile(profile)), name, level2, year)


def _scored(target: Any, actual: Any, weight: Any, written_score: Any, key: int, name: Any,
            level2: Any, year: Any = None) -> IndicatorScore:
    """``score_indicator`` under the indicator profile ``key`` stands for: score_form and the checker
    score many indicators under one profile and look its key up once (issue #18)."""
    try:
        # the types are part of the key: 10 and "10" score alike but are not the same cell
        return _score_cached(target, type(target).__name__, actual, type(actual).__name__, weight,
                             type(weight).__name__, written_score, type(written_score).__name__, key, name, level2,
                             year)
    except TypeError:  # an unhashable argument (e.g. an Excel range passed by mistake)
        return _score_indicator(target, actual, weight, written_score, _KEYED[key], name, level2, year)


# The score cache is keyed by a number standing for the indicator profile, not by the profile:
# hashing a Profile (16 fields) twice per call cost more than the cached lookup itself (issue #18).
_KEYED: list[Profile] = []                          # key -> indicator profile (never dropped: keys stay valid)
_KEY_OF: dict[Profile, int] = {}                    # indicator profile -> key
_BY_ID: dict[int, tuple[Profile, int]] = {}         # id(profile) -> (that profile, kept alive, its key)
_KEY_LOCK = threading.Lock()


def _key_of(p: Profile) -> int:
    """The score cache's key of ``p``: by the profile object's id while it is the same object."""
    known = _BY_ID.get(id(p))
    return known[1] if known is not None and known[0] is p else _profile_key(p)


def _profile_key(p: Profile) -> int:
    """The key of ``p``'s indicator profile: equal indicator profiles share one key."""
    ip = _indicator_profile(p)
    with _KEY_LOCK:
        key = _KEY_OF.get(ip)
        if key is None:
            key = _KEY_OF[ip] = len(_KEYED)
            _KEYED.append(ip)
        if len(_BY_ID) >= 1024:   # get_profile(None) makes a new Profile per call (the Excel UDFs)
            _BY_ID.clear()
        _BY_ID[id(p)] = (p, key)
    return key


@lru_cache(maxsize=256)
def _indicator_profile(p: Profile) -> Profile:
    """The profile with only the fields an indicator's score reads (``_score_indicator`` and
    ``_rule``: below_target, the deviation rule, far_above, ceiling_words); the others at their
    defaults. Why: the checker scores a wrong indicator under all 32 known profiles (D4, D11),
    which differ for an indicator in 4 ways only; with this key they share cache entries (issue #18)."""
    return Profile(below_target=p.below_target, deviation_penalty=p.deviation_penalty,
                   deviation_points=p.deviation_points, deviation_limit=p.deviation_limit,
                   far_above=p.far_above, ceiling_words=p.ceiling_words)


@lru_cache(maxsize=16)
def indicator_profiles(profiles: tuple[Profile, ...]) -> tuple[Profile, ...]:
    """The distinct ``_indicator_profile`` of ``profiles``, in order: the same indicator scores
    under ``profiles`` (32 known ones) with 4 calls instead of 32 where any match will do."""
    return tuple(dict.fromkeys(_indicator_profile(p) for p in profiles))


@lru_cache(maxsize=1)
def _known_classes() -> tuple[tuple[Profile, ...], tuple[int, ...]]:
    """The distinct indicator profiles of ``known_profiles()`` and, for each known profile, its index there."""
    from ...core.profiles import known_profiles

    distinct = indicator_profiles(known_profiles())
    return distinct, tuple(distinct.index(_indicator_profile(p)) for p in known_profiles())


def known_indicator_profiles() -> tuple[Profile, ...]:
    """``indicator_profiles(known_profiles())``, without hashing the 32 known profiles on every
    call (the lru_cache key): the checker asks for it for every wrong indicator (issue #18)."""
    return _known_classes()[0]


def known_profile_classes() -> tuple[int, ...]:
    """For each of ``known_profiles()``, the index of its indicator profile in ``known_indicator_profiles()``."""
    return _known_classes()[1]


def scores_under_known(target: Any, actual: Any, weight: Any, written_score: Any = None, *,
                       name: str | None = None, level2: str | None = None) -> list[float]:
    """``score_indicator(target, actual, weight, written_score, p, name=, level2=).score`` for every
    ``p`` of ``known_profiles()``, in order; each of the 4 distinct indicator profiles scored once."""
    got = [s.score for s in under_known_indicator_profiles(target, actual, weight, written_score, name=name,
                                                           level2=level2)]
    return [got[i] for i in known_profile_classes()]


@lru_cache(maxsize=1)
def _known_keys() -> tuple[int, ...]:
    """The score cache's key of each of ``known_indicator_profiles()`` (keys are never dropped)."""
    return tuple(_profile_key(p) for p in known_indicator_profiles())


def under_known_indicator_profiles(target: Any, actual: Any, weight: Any, written_score: Any = None, *,
                                   name: str | None = None, level2: str | None = None,
                                   year: int | None = None) -> tuple[IndicatorScore, ...]:
    """``score_indicator(target, actual, weight, written_score, p, name=, level2=)`` for each ``p`` of
    ``known_indicator_profiles()``, in order, their keys looked up once: the checker asks this of
    every wrong indicator (D4, D11; issue #18)."""
    return tuple([_scored(target, actual, weight, written_score, k, name, level2, year) for k in _known_keys()])


@lru_cache(maxsize=65536)
def _score_cached(target: Any, _tt: str, actual: Any, _ta: str, weight: Any, _tw: str,
                  written_score: Any, _ts: str, key: int, name: Any = None, level2: Any = None,
                  year: Any = None) -> IndicatorScore:
    return _score_indicator(target, actual, weight, written_score, _KEYED[key], name, level2, year)


def _score_indicator(target: Any, actual: Any, weight: Any, written_score: Any, p: Profile,
                     name: Any = None, level2: Any = None, year: Any = None) -> IndicatorScore:
    t0, a0 = parse_value(_text(target)), parse_value(stored_percent(actual, _text(target)) or _text(actual))
    t, a = paired(t0, a0, _text(name))
    w = to_number(weight)
    written = to_number(written_score)
    pre = "" if w is not None else "分值缺失，按 0 分计；"
    w = w if w is not None else 0.0
    kw: dict[str, Any] = {"weight": to_number(weight), "kind": t.kind}

    if not t.is_number:
        traw = (t.raw or "").strip()
        why = {"qualitative": f"定性指标（指标值“{traw}”），由填报人按档次打分",
               "blank": "指标值为空，无法计算",
               "done_word": f"指标值只写了“{traw}”，不是可计算的数值"}.get(
            t.kind, f"指标值“{traw}”无法识别为数值")
        return _kept(pre + why, a, w, written, t=t, **kw)
    t_change = change_of(t.change, _text(name))
    read_as = "" if t is t0 and a is a0 else "".join(   # “1.25万” of 万人, “≥500元” of 元/人, “2:30” of 小时
        f"{what}“{(v.raw or '').strip()}”是用冒号写的时间，按时长 {fmt(v.number / v.scale)} {v.unit_text}计；"
        if v.unit_dim == "time" and v0.unit_dim != "time" and v.number is not None else
        f"{what}“{(v.raw or '').strip()}”{'未写单位，' if v0.unit_text in ('万', '亿') else ''}按“{v.unit_text}”计；"
        for what, v, v0 in (("指标值", t, t0), ("完成值", a, a0)) if v is not v0 and v.kind != "unparsed")
    held = ""
    if t_change and t.number is not None and a.kind == "qualitative" and \
            relation((a.raw or "").strip(), need_base=False) == {"s"}:
        # “与上年持平” against “较上年下降5%”: a change of none (the written score stood, no 档次 to hold it to)
        a = replace(a, kind="quantity", number=0.0, unit=t.unit, unit_dim=t.unit_dim, unit_text=t.unit_text,
                    scale=t.scale, per=t.per, change=t_change, extra_text=True)
        held = f"完成值“{(a.raw or '').strip()}”即{said(t_change, t.unit_dim)}为 0；"
    not_value = _not_a_value(a)
    if not_value and (days := colon_days(t, a.raw)) is not None:   # “1:12” against “≤3天”: which of the two?
        not_value = (f"实际完成值“{(a.raw or '').strip()}”是用冒号写的时长，看不出是 {days[0]}还是 {days[1]}，"
                     "无法按公式计算")
    if not_value:
        return _kept(pre + not_value, a, w, written, tiered=t.kind not in UNTIERED_KINDS, **kw)
    aligned = _align(t, a, year if isinstance(year, int) and not isinstance(year, bool) else None)
    if aligned is None:
        days = colon_days(a, t.raw)     # “1:12” against a 完成值 “1天”: 1 天 12 小时 or 1 小时 12 分钟?
        return _kept(pre + (f"指标值“{(t.raw or '').strip()}”是用冒号写的时长，看不出是 {days[0]}还是 {days[1]}" if days
                            else f"单位不一致（指标值“{(t.raw or '').strip()}”，完成值“{(a.raw or '').strip()}”）")
                     + "，无法按公式计算", a, w, written, **kw)
    tn, an, t_show, a_show, note, step = aligned
    note = read_as + held + note
    if t.unit_dim == "proportion":
        return _ratio_scored(t, an, tn, t_show, a_show, w, written, pre + note, a, kw, _text(name))
    turned = ""
    if t_change and a.change and a.change != t_change:   # “同比上升2%” against “下降5%”: −2 %, not 2 % of the way
        an = -an
        turned = (f"完成值“{(a.raw or '').strip()}”是{said(a.change, a.unit_dim)}，"
                  f"与指标值要求的{said(t_change, t.unit_dim)}方向相反，按 -{a_show} 计；")
    direction = t.direction or "ge"
    guess = None if t.direction else infer_direction(t, _text(name), _text(level2), p.ceiling_words)
    span = f"指标值是区间“{(t.raw or '').strip()}”，" if t.high is not None else ""
    # a range is met anywhere in it, so it is scored by the end its direction needs: its lower end as
    # a floor, its upper end as a ceiling (“3-5个工作日” of a 时限 is ≤5, “80%-90%” 满意度 ≥80%)
    bound, bound_show = (t.high / t.scale, t.upper().shown()) if t.high is not None and guess else (tn, t_show)
    if guess:
        direction = guess[0]
        note += (f"{span}因{guess[1]}，按上限 {bound_show} 作反向指标计（在区间内得满分）；" if span else
                 f"指标值未写方向（≥ 或 ≤），因{guess[1]}，按反向指标（上限）处理；")
        kw["inferred"] = guess[1]
        alt, _c, _t, _f, alt_dev = _rule(t, "ge", tn, an, t_show, a_show, w, p)
        if alt_dev and p.deviation_penalty and alt > 0:
            alt -= min(alt, p.deviation_points)
        kw["alt_score"] = points(alt, w)
    elif not t.direction:
        note += (f"{span}按下限 {t_show} 作正向指标计（在区间内得满分）；" if span else
                 f"指标值是{said(t_change, t.unit_dim)}，按不低于 {t_show} 计；" if t_change else
                 "指标值未写方向（≥ 或 ≤），按正向指标处理；")
    note += turned
    kw["direction"] = direction
    if t.unit_dim == "clock" and direction not in ("le", "lt") and not (an >= tn if direction != "eq" else an == tn):
        # “8:30后开门” missed: a time of day earlier than one not to be before is no share of it (480 ÷ 510 of the
        # minutes after midnight), nor is one other than an “=” time — the 填报人 scores it, as a 定性 one
        return _kept(pre + note + f"完成时间 {a_show} 未达到指标值“{(t.raw or '').strip()}”，时刻无法按完成率计算得分，"
                     "由填报人按实际情况评分，并在偏差原因分析中写明原因", a, w, written, tiered=False, **kw)
    res = _rule(t, direction, bound, an, bound_show, a_show, w, p, step)
    score, completion, text, far, deviation = res
    if deviation and p.deviation_penalty and score > 0:
        cut = min(score, p.deviation_points)
        score -= cut
        text += f"；完成值偏离指标值超过 {pct(p.deviation_limit, trim=True)}，扣 {score_text(cut)}，计 {score_text(score)}"
    score = points(score, w)
    if guess and scores_apart(kw["alt_score"], score):
        text += f"；若按正向指标理解则得 {score_text(kw['alt_score'])}"
    uncertain = words_to_check(a, t, _text(name))
    if uncertain:
        what = ("没有写出数值，按" if held else
                f"是与上年相比的{said(a.change, a.unit_dim)}，指标值是应达到的水平，按其中的数值"
                if a.change and not a.extra_text else "含说明文字，按其中的数值")
        text += f"；实际完成值“{(a.raw or '').strip()}”{what} {a_show} 计算，请核实"
    elif t.unit_dim == a.unit_dim == "day" and \
            (t_day := t.day_of() or "每月").startswith("次") != (a_day := a.day_of() or "每月").startswith("次"):
        # “次月5日前” against “每月10日前”: one is of the month after, the days compared as of one month
        uncertain = True
        text += f"；指标值是{t_day}的日期，完成值是{a_day}的日期，按同一个月的日期比较，请核实"
    if t.listed:   # “6月底、11月底前”: one 完成时间 cannot say that each part of the work kept its own deadline
        uncertain = True
        text += f"；指标值列出了几个时限，按最后一个（“{(t.raw or '').strip()}”中的 {t_show}）比较，请核实各项是否按时"
    if written is not None and scores_apart(written, score):
        text += f"（表中填 {score_text(written)}）"
    return IndicatorScore(score, True, completion, pre + note + text, written=written, far_above=far,
                          uncertain=uncertain, deviation=deviation, **kw)


# a name of a span or a deadline (“办结时限”, “响应时间”): a bound “≤1:30” in it may be a time, not a ratio's size
_TIME_NAME = lazy(r"时长|用时|耗时|历时|时限|时间|时效|及时")


def _ratio_scored(t: Value, an: float, tn: float, t_show: str, a_show: str, w: float, written: float | None,
                  note: str, a: Value, kw: dict[str, Any], name: str | None = None) -> IndicatorScore:
    """A ratio (“1:10” 师生比, “1:2” 配套比例) met where the 完成值 is the same ratio. Which way a different one is
    better no form says — a 师生比 of 1:12 is worse than 1:10, a 配套比例 of 1:3 may be better than 1:2 — so the
    填报人 scores it, as a 定性 one. Read as a time of day, “1:12” against “1:10” was “逾期 2 分钟”, 9.71 of 10."""
    same = abs(an - tn) <= 1e-9 * max(1.0, abs(tn))
    if same and t.direction not in ("gt", "lt"):      # “高于1:3” is not met by 1:3 itself
        text = f"比例指标，完成值 {a_show} 与指标值 {t_show} 相同，得满分 {score_text(w)}"
        if written is not None and scores_apart(written, w):
            text += f"（表中填 {score_text(written)}）"
        return IndicatorScore(points(w, w), True, 1.0, note + text, written=written, direction="eq",
                              **{k: v for k, v in kw.items() if k != "direction"})
    if t.direction in ("ge", "gt", "le", "lt") and an > 0 and tn > 0 and not _TIME_NAME.search(name or ""):
        # “≥1:5”, “1:10以上”, “不低于1:8”: the 指标值 says which side is better. A ratio's size is its first term over
        # its second (1:4 is 0.25, above 1:5's 0.2), as “≥” between ratios means; the number kept is the second
        # per one of the first (``core.values._ratio``), so the larger ratio has the smaller number. Some write
        # “1:3以上” of the second term (撬动社会资金 3 元以上): said, and the score left to be checked (``uncertain``)
        av, tv = 1 / an, 1 / tn
        met = not same and (av > tv if t.direction in ("ge", "gt") else av < tv)
        side = "不低于" if t.direction in ("ge", "gt") else "不高于"
        size = f"比例按前项与后项之比比较（完成值 {a_show} 为 {fmt(round(av, 4))}，指标值 {t_show} 为 {fmt(round(tv, 4))}）"
        if met:
            text = (f"比例指标，{size}，完成值{side}指标值“{(t.raw or '').strip()}”，得满分 {score_text(w)}；"
                    f"若指标值的“{side}”指后项（每 1 份对应的数量），请核实")
            if written is not None and scores_apart(written, w):
                text += f"（表中填 {score_text(written)}）"
            return IndicatorScore(points(w, w), True, 1.0, note + text, written=written, uncertain=True,
                                  direction=t.direction, **{k: v for k, v in kw.items() if k != "direction"})
        return _kept(note + f"比例指标，{size}，完成值未达到指标值“{(t.raw or '').strip()}”；比例无法按完成率计算得分，"
                     "由填报人按实际情况评分，并在偏差原因分析中写明原因", a, w, written, tiered=False, **kw)
    return _kept(note + f"比例指标，完成值 {a_show} 与指标值“{(t.raw or '').strip()}”不同；比例的高低没有统一的好坏"
                 "（如师生比、配套比例），无法按公式计算，由填报人按实际情况评分，并在偏差原因分析中写明原因",
                 a, w, written, tiered=False, **kw)


def _rule(t: Value, direction: str, tn: float, an: float, t_show: str, a_show: str, w: float,
          p: Profile, step: float | None = None) -> tuple[float, float, str, bool, bool]:
    """(score, completion, basis, far_above, deviation) by the target's direction. ``step``: one unit of
    the actual's last written digit, in the target's unit — “equal” is equal at the finer of the two
    precisions: 99.5% is not =100%, though a whole per cent rounds it so."""
    if direction in ("le", "lt"):
        if t.is_point:
            label = "时效指标（时限）"
            if an <= tn:
                return w, 1.0, f"{label}，完成时间 {a_show} 不晚于指标 {t_show}，按期完成，得满分 {score_text(w)}", False, False
        else:
            label = "反向指标（成本上限）" if t.unit_dim and t.unit_dim.startswith("money") else "反向指标"
            if an <= tn:
                saving = "，节约不算未完成" if t.unit_dim and t.unit_dim.startswith("money") and an < tn else ""
                return (w, 1.0, f"{label}，完成值 {a_show} ≤ 指标值 {t_show}{saving}，得满分 {score_text(w)}",
                        False, False)
        over = (an - tn) / tn if tn > 0 else float("inf")
        f = max(0.0, 1.0 - over)
        if t.unit_dim == "clock":   # a time of day, as a month or a day of the month: by the share of the day past
            text = (f"{label}逾期，完成时间 {a_show} 晚于指标 {t_show} {fmt(an - tn)} 分钟，按超出比例计分（从零时算起，"
                    f"指标 {t_show} 为第 {fmt(tn)} 分钟），{fmt(w)} × (1 − {fmt(an - tn)} ÷ {fmt(tn)}) = "
                    f"{score_text(points(w * f, w))}")
            return w * f, f, text, False, False
        if t.is_point:
            text = (f"{label}逾期，完成时间 {a_show} 晚于指标 {t_show}，按超出比例计分，{fmt(w)} × "
                    f"(1 − ({fmt(an)} − {fmt(tn)}) ÷ {fmt(tn)}) = {score_text(points(w * f, w))}")
            return w * f, f, text, False, False
        if tn > 0:
            text = (f"{label}超出上限，完成值 {a_show} 超出指标值 {t_show} 的 {pct(over)}，"
                    f"得分 {fmt(w)} × (1 − {pct(over)}) = {score_text(points(w * f, w))}")
        else:
            text = f"{label}，指标值为 0，完成值 {a_show} 超出即不得分，得 0 分"
        return w * f, f, text, False, over > p.deviation_limit

    if direction == "eq":
        tol = 0.5 * min(10.0 ** -t.decimals, step if step else float("inf")) + 1e-9
        if abs(an - tn) <= tol:
            return w, 1.0, f"等于型指标，完成值 {a_show} = 指标值 {t_show}，得满分 {score_text(w)}", False, False
        prefix = "等于型指标，完成值与指标值不相等，按正向指标计；"
    else:
        prefix = ""
    if tn <= 0:
        met = an >= tn
        return (w if met else 0.0, 1.0 if met else 0.0,
                prefix + f"正向指标，指标值为 {t_show}，完成值 {a_show}，" + ("得满分" if met else "得 0 分"),
                False, False)
    an += 0.0       # no “-0” in a basis: “-0” written is 0
    c = an / tn
    deviation = abs(c - 1) > p.deviation_limit
    if an >= tn:
        text = prefix + f"正向指标，完成值 {a_show} ≥ 指标值 {t_show}，得满分 {score_text(w)}"
        # a range is far above where it is so above its upper end
        far = c >= p.far_above and (t.high is None or an * t.scale >= t.high * p.far_above)
        if far:
            text += (f"；完成值达指标值的 {pct(c)}（≥ {pct(p.far_above, trim=True)}），远超目标，"
                     "请分析指标值是否定得偏低")
        return w, c, text, far, deviation
    # a 完成值 in another unit (“10 次/年（合 0.8333 次/月）”, “40000 元（合 4 万元）”) says what the ratio's numbers are
    converted = f"完成值 {a_show}，" if "（合 " in a_show else ""
    head = prefix + f"正向指标未达标，{converted}完成率 {fmt(an)} ÷ {fmt(tn)} = {pct(c)}"
    if p.below_target == "sixty":
        if c < 0.6:
            return 0.0, c, head + "，低于 60%，按 60% 规则得 0 分", False, deviation
        s = (c - 0.6) / 0.4 * w
        return (s, c, head + f"，按 60% 规则得分 ({pct(c)} − 60%) ÷ 40% × {fmt(w)} = {score_text(points(s, w))}",
                False, deviation)
    if c < 0:   # “-5%” against “≥5%” (a fall where growth was the target): nothing, not minus points
        return 0.0, c, head + "，完成值为负数，得 0 分", False, deviation
    s = w * c
    return s, c, head + f"，得分 {fmt(w)} × {pct(c)} = {score_text(points(s, w))}", False, deviation


def points(s: float, w: float) -> float:
    """An indicator's score as the scorer gives it: a part mark half-up to 0.01 (``round2``), a full mark
    the 分值 itself, and never above it. A 分值 typed with three decimals (12.505, 12.496, 3.333: 50 or
    10 split three or four ways) was rounded too: 12.51 and 12.50 above the 分值 (what D1 calls an
    error), 3.33 below it beside “得满分 3.333 分”; four such full marks summed to a 复核 总分 of 100.02
    that D12 called “超过 100” on 分值 that B1 passes."""
    if s >= w:
        return float(w)
    r = round2(s)
    return float(w) if r > w else r


# ----------------------------------------------------------------------------- form

def grade(total: float, profile: Profile | str | None = None) -> str:
    """The grade of a 总分 under the profile's bands (lower bound inclusive)."""
    return grades.grade(total, get_profile(profile).grade_bands) or grades.GRADES[-1]


def _exec_basis(executed: float | None, annual: float | None, rate: float | None, w: float,
                es: float | None) -> str:
    if rate is None:
        return "全年预算数为空或为 0，无法计算执行率，执行率得分按 0 分计"
    text = (f"执行率 = 全年执行数 {fmt(executed or 0)} ÷ 全年预算数 {fmt(annual)} = {pct(rate)}，"
            f"得分 {fmt(w)} × {pct(min(rate, 1.0))} = {score_text(es, computed=True)}")
    if rate > 1:
        text += "；执行数超过预算数，属于错误，执行率得分按 100% 计"
    return text


def _wan_basis(why: str, rate: float, w: float, es: float | None) -> str:
    """``_exec_basis`` where a figure is read in 万元 (``core.rates.wan_rate``): what was read, then the score."""
    text = f"{why}，执行率 = {pct(rate)}，得分 {fmt(w)} × {pct(min(rate, 1.0))} = {score_text(es, computed=True)}"
    if rate > 1:
        text += "；执行数超过预算数，属于错误，执行率得分按 100% 计"
    return text


def _placed(s: IndicatorScore, index: int, name: str) -> IndicatorScore:
    """A cached indicator result with its place in this form (dataclasses.replace, but cheap:
    it runs for every indicator of every form in a batch)."""
    out = object.__new__(IndicatorScore)   # what copy.copy does, without its generic protocol (3x faster)
    state = s.__dict__.copy()              # one copy of the whole table: half the time of filling an empty dict
    state["index"], state["name"] = index, name
    object.__setattr__(out, "__dict__", state)   # the frozen class's own __setattr__ refuses every name
    return out


def score_form(form: Form, profile: Profile | str | None = None) -> FormScore:
    """Score a whole form: 执行率得分 + Σ 指标得分, the profile's options, then the grade."""
    p = get_profile(profile)
    annual, executed = form.funds.column("annual"), form.funds.column("executed")
    fw = DEFAULT_FUNDS_WEIGHT if form.funds_weight is None else form.funds_weight
    rate = exec_rate(executed=executed, annual=annual)
    # a figure in 元 beside its 万元 row (765000 of 80 万元): the rate read in 万元, as A5/A16 and A3/A4/D11 read
    # it — the 汇总表's 复核得分 said 100 where the 校验 said 99.56 for the same form (s64)
    wan = wan_rate(executed=executed, annual=annual)
    if wan is not None:
        rate = wan[0]
    # the 执行率取整 option (issue 14): the score from the rate rounded to a whole percent, as some provinces do
    raw_es = exec_score(rate=round(rate + 1e-12, 2) if p.round_exec_rate and rate is not None else rate, weight=fw)
    es = None if raw_es is None else round(raw_es, 4)
    basis = _exec_basis(executed, annual, rate, fw, es) if wan is None else _wan_basis(wan[1], wan[0], fw, es)
    if form.funds_weight is None:
        basis += f"（表中未填执行率分值，按 {DEFAULT_FUNDS_WEIGHT} 分计）"
    key = _key_of(p)
    inds = [_placed(_scored(i.target, i.actual, i.weight, i.score, key, i.name, i.level2, form.year), n, i.name)
            for n, i in enumerate(form.indicators)]
    total = round((es or 0.0) + sum(i.score for i in inds), 4)
    capped = None
    if p.cap_by_exec_rate and rate is not None:
        cap = next((c for bound, c in EXEC_CAPS if rate < bound), None)
        if cap is not None and total > cap:
            total, capped = float(cap), float(cap)
            basis += f"；执行率 {pct(rate)}，按方案总分最高 {cap} 分"
    return FormScore(project=form.project, profile=p.name, exec_rate=rate, exec_score=es,
                     indicators=inds, total=total, grade=grade(total, p), exec_basis=basis,
                     capped_at=capped)
