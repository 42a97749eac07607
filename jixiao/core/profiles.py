"""Named scoring profiles: the rules that vary by province, selectable by name.

The default is 财预〔2020〕10号《项目支出绩效评价管理办法》. Provincial variants are options
added with "+", in Chinese or ASCII: ``get_profile("财预〔2020〕10号+偏差扣分+执行率封顶")`` is
the same profile as ``get_profile("default+dev30+cap")``. A profile's ``name`` is always the
canonical Chinese spelling (base name, then its options in a fixed order), so a score shows
exactly which rules produced it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from ..errors import ProfileError
from .grades import BANDS_80, DEFAULT_BANDS, Bands

DEFAULT_NAME = "财预〔2020〕10号"
MEASURES_TITLE = "项目支出绩效评价管理办法"  # the title of what DEFAULT_NAME issued

# 执行率 below the first bound caps 总分 at the second (checked from the lowest up).
EXEC_CAPS: tuple[tuple[float, float], ...] = ((0.5, 59), (0.6, 69), (0.7, 79), (0.8, 89))


@dataclass(frozen=True)
class Profile:
    """How to score: every field is one rule that provinces set differently."""

    name: str = DEFAULT_NAME
    below_target: str = "proportional"   # "proportional": 分值 × 完成率; "sixty": the 60% rule
    deviation_penalty: bool = False      # −2 on an indicator deviating > 30% from target
    cap_by_exec_rate: bool = False       # 总分 capped by 执行率 (EXEC_CAPS)
    grade_bands: Bands = DEFAULT_BANDS
    far_above: float = 1.3               # ≥ 130% of target: full marks, flagged for analysis
    deviation_limit: float = 0.3
    deviation_points: float = 2.0
    # issue 14: set by the bureau's rule settings (rule_config) or an option below
    round_exec_rate: bool = False        # 执行率得分 from the 执行率 rounded to a whole percent
    ceiling_words: tuple[str, ...] = ()  # extra words that make an undirected target a ceiling
    low_exec: float = 0.6                # A6: 执行率 this low with near-full indicator scores
    realism_rate: float = 0.8            # G rules: 执行率 below this with everything "完成"
    total_words: tuple[str, ...] = ()    # extra names of a total-spending indicator (A10, A11)
    unit_cost_near: float = 0.3          # A12: quantity × unit cost within this share of the budget
    cost_far_below: float = 0.5          # A14: a whole-project cost ceiling under this share of the budget

    def rules_said(self) -> list[str]:
        """Where this profile scores otherwise than 财预〔2020〕10号, as a document a department sends says it
        (from the fields, so a bureau's rule settings are said too): “完成值偏离指标值超过30%的指标扣2分”."""
        from .grades import bands_said
        from .numbers import pct

        said = []
        if self.below_target == "sixty":
            said.append("未达到指标值的指标，完成率低于60%的不得分，达到60%的得分为分值乘以完成率超出60%的部分与40%之比")
        if self.deviation_penalty:
            said.append(f"完成值偏离指标值超过{pct(self.deviation_limit, trim=True)}的指标扣{self.deviation_points:g}分")
        if self.cap_by_exec_rate:
            caps = [f"低于{pct(rate, trim=True)}的{'总分' if not k else ''}不超过{cap:g}分"
                    for k, (rate, cap) in enumerate(EXEC_CAPS)]
            said.append("预算执行率" + "、".join(caps))
        if self.round_exec_rate:
            said.append("执行率得分按取整到百分之一的执行率计算")
        if sorted(self.grade_bands) != sorted(DEFAULT_BANDS):
            said.append("等级划分为" + bands_said(self.grade_bands))
        return said

    @property
    def basis(self) -> str:
        """The scoring rules as a 公文 cites them (never the tool's name of a profile, “…+偏差扣分”):
        “《项目支出绩效评价管理办法》（财预〔2020〕10号）规定的评分方法”, a province's variant in words after it."""
        said = self.rules_said()
        return f"《{MEASURES_TITLE}》（{DEFAULT_NAME}）规定的评分方法" + (f"（{'；'.join(said)}）" if said else "")

    @property
    def scheme(self) -> str | None:
        """The 评分方案 a workbook written under this profile records on its 设置 sheet: its name, or
        None for the default (a workbook without one is scored by the default)."""
        return None if self.name == DEFAULT_NAME else self.name


# token -> (canonical Chinese token, ASCII alias, description, changes to the default)
_OPTIONS: tuple[tuple[str, str, str, dict], ...] = (
    ("60%规则", "sixty", "未达标且完成率 ≥ 60% 时得分 = (完成率 − 60%) ÷ 40% × 分值，完成率 < 60% 得 0 分",
     {"below_target": "sixty"}),
    ("偏差扣分", "dev30", "完成值偏离指标值超过 30% 的指标扣 2 分（扣至 0 分为止）",
     {"deviation_penalty": True}),
    ("执行率封顶", "cap", "按预算执行率封顶总分：70%–80% 最高 89 分，60%–70% 最高 79 分，"
     "< 60% 最高 69 分，< 50% 最高 59 分", {"cap_by_exec_rate": True}),
    ("优≥80", "bands80", "等级：优 ≥ 80，良 ≥ 70，中 ≥ 60，差 < 60", {"grade_bands": BANDS_80}),
    ("执行率取整", "round", "执行率得分按取整到百分之一的执行率计算（如 83.6% 按 84% 计）", {"round_exec_rate": True}),
)
_BASE_ALIASES = ("default", DEFAULT_NAME, "财预2020-10号", "财预2020第10号")


def _key(token: str) -> str:
    """Spelling-insensitive form of a token: full-width folded, brackets and spaces dropped, lower case."""
    s = unicodedata.normalize("NFKC", token).strip().lower()
    s = s.replace("≧", "≥").replace(">=", "≥")
    return "".join(s.split()).translate(_BRACKETS)     # not a pattern of these: 0.3 ms to compile at every start


_BRACKETS = str.maketrans("", "", "〔〕[]()（）【】")


_BASE_KEYS = {_key(a) for a in _BASE_ALIASES}
_OPTION_KEYS = {_key(k): i for i, (zh, ascii_, _d, _c) in enumerate(_OPTIONS) for k in (zh, ascii_)}


def options_zh() -> list[str]:
    """The options a profile may add with “+”, as the 设置 sheet's help writes them (60%规则 …)."""
    return [zh for zh, _a, _d, _c in _OPTIONS]


def _known() -> str:
    opts = "、".join(f"{zh}（{ascii_}）" for zh, ascii_, _d, _c in _OPTIONS)
    return f"基础方案：{DEFAULT_NAME}（default）；可用“+”追加的选项：{opts}"


def get_profile(name: str | Profile | None = None) -> Profile:
    """The profile named, e.g. "财预〔2020〕10号+偏差扣分", "sixty", "+cap"; None or "" → default."""
    if isinstance(name, Profile):
        return name
    if name is None or not name.strip():
        return Profile()
    chosen: set[int] = set()
    for i, token in enumerate(name.split("+")):
        k = _key(token)
        if not k and i == 0:            # "+cap": options on the default
            continue
        if k in _BASE_KEYS and i == 0:
            continue
        if k not in _OPTION_KEYS:
            within = f"（在“{name}”中）" if token.strip() != name.strip() else ""   # not ““x”（在“x”中）”
            raise ProfileError(f"未知的评分方案或选项“{token.strip()}”{within}。{_known()}")
        chosen.add(_OPTION_KEYS[k])
    profile = Profile()
    for i in sorted(chosen):
        profile = replace(profile, **_OPTIONS[i][3])
    canonical = "+".join([DEFAULT_NAME, *(_OPTIONS[i][0] for i in sorted(chosen))])
    return replace(profile, name=canonical)


def list_profiles() -> list[tuple[str, str, str]]:
    """(name, ASCII alias, description) of the base profile and of each "+" option, for the CLI."""
    rows = [(DEFAULT_NAME, "default", "默认：未达标按完成率比例得分，反向指标超出按超出比例扣分，"
             "等级 优 ≥ 90，良 ≥ 80，中 ≥ 60，差 < 60")]
    rows += [(f"+{zh}", f"+{ascii_}", desc) for zh, ascii_, desc, _c in _OPTIONS]
    return rows


@lru_cache(maxsize=1)
def known_profiles() -> tuple[Profile, ...]:
    """Every profile the registry can build: the base alone and with each set of its options.

    The checker uses it to tell a score that is wrong under every profile (an error) from
    one that is right under another profile than the selected one (a warning).
    """
    options = [ascii_ for _zh, ascii_, _d, _c in _OPTIONS]
    out = [get_profile(None)]
    for n in range(1, len(options) + 1):
        out += [get_profile("+".join(("default", *combo))) for combo in combinations(options, n)]
    return tuple(out)
