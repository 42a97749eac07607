"""Reading 年度指标值 (target) and 实际完成值 (actual) text as values.

Fillers write these cells freely: "≥ 45000 人", "≤5.6 万元", "95%以上", "12 月份",
"5月前拨付到位", "显著提升", "已完成", or a bare "5.18". The scorer needs to know, for each,
what kind of thing it is, which way the comparison goes and the number in a unit that can be
compared with the other cell. Nothing here judges a value; ``scoring`` does that.

Conventions (chosen once, relied on by ``scoring``):

- Ratios are kept **in percent**: "95%", "95 比率" and "95 百分比" all give ``number == 95.0``
  with ``unit == "%"``. That is how forms write them, so basis text can show them unchanged.
- Money is kept in **万元** (the unit of the 项目资金 table): "3950元" gives ``0.395``.
  Money per something ("元/人", "万元/册") is kept in 元 per that thing.
- Time spans keep their own unit (天, 月, 年, 周, 小时) with ``unit_dim == "time"``;
  ``units.time_factor`` converts when two cells use different ones.
- A month *point* ("12月前", "4 月份", "≤3月") is kind ``"month"`` with the month number, and
  ``year`` when one is written ("2023年11月", a date "2023-11-01" as a date cell reads);
  a span of months ("3个月") is a quantity in 月.
- ``scale`` is how many canonical units one written unit is (元 → 0.0001), so a number can be
  shown again in the unit the filler used.
- A day of the month ("每月10日前", "次月 5 日前": a monthly deadline, what H4 asks a 时效指标 to be) is
  a quantity in 日 with ``unit_dim == "day"``, by that day unless the text says otherwise, as a month
  point is; "10日" alone stays a span of days.
- A count per period ("≥1次/月", "每季度 4 次", "12 场/年") keeps its number as written with ``per``
  the period (月, 季度, 年 …) and the period in ``unit_text`` ("次/月"); ``units.per_factor`` converts
  between periods where the ratio is exact (12 次/年 is 1 次/月; 月 against 周 is not compared).
- A range ("80%-90%", "80-90%", "3至5个工作日", "1~2次/月") keeps its lower end in ``number`` and its upper
  end in ``high``, both in the canonical unit, the unit written once or after each end. It states no
  direction: a target range is scored by the end its indicator's direction needs (``scoring``), an
  actual range is no measured value (``stated_bound``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .change import change_before
from .dates import arabic_year, time_only
from .lazyre import lazy
from .numbers import CN_DIGITS, cn_number, fmt
from .units import (AMOUNT_DIMS, MONEY_PER, PERIOD_ALT, PERIODS, RATIO_WORDS, SYMBOL_WORDS, THING_UNITS, THING_WORDS,
                    UNITS, UNITS_BY_FIRST, time_factor)

KINDS = ("quantity", "month", "qualitative", "done_word", "blank", "unparsed")


@dataclass(frozen=True)
class Value:
    """One target or actual cell as read.

    ``stated_bound`` is true when the text itself states a comparison (≥, <, 以上, 不超过 …) or a range
    (“90%-95%”): as an 实际完成值 such text repeats a bound instead of reporting what was measured.
    "=1 人" states no bound: it is the value 1 人.
    """

    raw: str | None
    kind: str
    direction: str | None = None     # ge | gt | le | lt | eq | None
    number: float | None = None      # in the canonical unit
    unit: str | None = None          # canonical unit
    unit_dim: str | None = None      # money | ratio | time | month | clock | proportion (“1:10”) | count:<unit> | money/<unit>
    unit_text: str | None = None     # the unit as written ("元", "比率", "名")
    scale: float = 1.0               # canonical units per written unit
    decimals: int = 0                # decimals written, for "equal within rounding"
    extra_text: bool = False
    stated_bound: bool = False
    done: bool | None = None         # done_word: True 完成, False 未完成, None 部分完成
    year: int | None = None          # month: the year written with it ("2023年12月"), else None
    per: str | None = None           # a count per period: 年 | 半年 | 季度 | 月 | 周 | 天 ("1次/月"), else None
    high: float | None = None        # a range's upper end ("80%-90%": 90.0, ``number`` 80.0), else None
    share: float | None = None       # "12/12", "45/50人": the share in per cent (100.0, 90.0); ``number`` the numerator
    later: int = 0                   # month: years after the form's own, where the text says so ("次年3月": 1)
    change: str | None = None        # "up" | "down": the number is a rise or fall against a base ("较上年下降5%"),
                                     # its words not counted as ``extra_text``; else None (see ``change``)
    listed: bool = False             # month: the last of several deadlines listed ("6月底、11月底前": 11)

    def upper(self) -> "Value":
        """A range's upper end as a value of its own (“80%-90%” → 90%); the value itself if no range."""
        return self if self.high is None else replace(self, number=self.high, high=None)

    @property
    def is_number(self) -> bool:
        return self.kind in ("quantity", "month") and self.number is not None

    @property
    def is_point(self) -> bool:
        """A point in time (a month, a day of the month) rather than an amount: a deadline when a target."""
        return self.kind == "month" or self.unit_dim in ("day", "clock")

    def exact(self) -> str:
        """The number exactly as written, with the unit as written: "0.123456 万元", "110 公里", "95%".

        A suggested fix shows this, never a rounded or rescaled number (issue 14)."""
        m = re.search(_NUM, normalize(self.raw or ""))
        if self.number is None or m is None:
            return (self.raw or "").strip()
        num = m.group(0).lstrip("+")
        if self.kind == "month" or self.unit_dim in ("clock", "proportion"):
            return self.shown()         # the month, not the first number written (“2022年12月”, “年底前”); “12:00”
        if self.unit_dim == "day":
            return self._day(num)
        if self.unit_dim == "time" and ":" in m.string:
            return (self.raw or "").strip()     # a span typed as a time (``typed_time_as``): “25:30”, as written
        ut = self.unit_text or ""
        if self.unit_dim == "ratio" and ut in ("%", "百分比", "比率", "‰"):
            return f"{num}{'‰' if ut == '‰' else '%'}"
        return f"{num} {ut}" if ut else num

    def _day(self, num: str) -> str:
        """A day of the month with the month it is in as written: “每月 10 日”, “次月 5 日”."""
        return f"{self.day_of() or '每月'} {num} 日"

    def day_of(self) -> str | None:
        """The month a day of the month (``unit_dim == "day"``) is of, as written: “每月”, “次月”, “每季度首月”."""
        m = _DAY_RE.match(normalize(self.raw or "")) if self.unit_dim == "day" else None
        return m.group("when") if m else None

    def shown(self, unit_text: str | None = None, scale: float | None = None) -> str:
        """The number in the unit the filler wrote (or the one given): "3950 元", "95%", "3 月"."""
        if self.number is None:
            return self.raw or ""
        if self.kind == "month":
            if self.year:
                return f"{self.year}年{fmt(self.number)}月"
            return f"次年 {fmt(self.number)} 月" if self.later else f"{fmt(self.number)} 月"
        if self.unit_dim == "day" and unit_text is None:
            return self._day(fmt(self.number))
        if self.unit_dim == "clock":
            return clock_text(self.number)
        if self.unit_dim == "proportion":
            return ratio_text(self)
        ut = self.unit_text if unit_text is None else unit_text
        sc = self.scale if scale is None else scale
        num = fmt(self.number / sc if sc else self.number)
        if ut == "‰":
            return f"{num}‰"
        if ut in ("百分点", "个百分点"):       # points of a rate, not a rate: “提高3个百分点”
            return f"{num}个百分点"
        if self.unit_dim == "ratio" or ut in RATIO_WORDS:
            return f"{num}%"
        return f"{num} {ut}" if ut else num


# ----------------------------------------------------------------------------- words

# Longest first wherever one word ends another ("不超过" before "超过").
_PREFIX_DIR = {
    "≥": "ge", ">=": "ge", "≧": "ge", "⩾": "ge", "不低于": "ge", "不少于": "ge", "不小于": "ge",
    "大于等于": "ge", "大于或等于": "ge", "达到": "ge", "至少": "ge",
    ">": "gt", "高于": "gt", "大于": "gt", "超过": "gt", "多于": "gt",
    "≤": "le", "<=": "le", "≦": "le", "⩽": "le", "不高于": "le", "不超过": "le", "不大于": "le",
    "不多于": "le", "小于等于": "le", "小于或等于": "le", "至多": "le", "最多": "le",
    "<": "lt", "低于": "lt", "小于": "lt", "少于": "lt",
    "=": "eq", "==": "eq", "等于": "eq",
}
_SUFFIX_DIR = {
    "及以上": "ge", "或以上": "ge", "以上": "ge",
    "及以下": "le", "或以下": "le", "以下": "le", "以内": "le", "之内": "le", "内": "le",
}
_MONTH_SUFFIX = ("底前", "末前", "以前", "之前", "前", "以内", "之内", "内", "底", "末")

_PER_AFTER = re.compile(rf"(?:/每?|每|·)({PERIOD_ALT})")         # 1次/月, 1次/每月, 1次每月, 300元/人·月
_PER_BEFORE = re.compile(rf"(?:平均)?每({PERIOD_ALT})|({PERIOD_ALT})均")  # 每月1次, 每季度≥1次, 月均1次
_PER_END = re.compile(rf"(?<=.)每(?:{PERIOD_ALT})$")                   # 每人每月(300元)
_PER_LEAD = re.compile(rf"每(?:{PERIOD_ALT})(?=.)")                      # 每月每人(300元)
# “已实现”, “未实现” say done as “已完成” does (they were “无法识别”); “实现全覆盖” is a 定性 target, not a done word
_DONE_RE = re.compile(r"完成|达成|^(?:已经?|均已|基本|全部|全面|未|尚未|没有|暂未|部分)?实现$")
# still under way at the year's end (“正在实施”, “建设中”): done in part, as “部分完成” is
_UNDER_WAY = re.compile(r"^(?:目前)?正在(?:实施|推进|建设|施工|进行|开展|办理|采购)|^(?:实施|推进|建设|施工|进行|采购)中$")
# done, but not in time (“延期完成”): the scorer's 未按时 (``scoring._LATE``); “没有延期” is no “没有…完成”
LATE = "延期|逾期|推迟|延迟|滞后|超期"
_NOT_DONE_RE = re.compile(rf"^(未|没有|没|尚未|不|暂未)(?!有?(?:{LATE}))")   # “没有延期，按时完成” is done
_QUAL_EXACT = {"优", "良", "中", "差", "好", "高", "低", "是", "否", "有", "较好", "一般", "较差", "优秀", "良好",
               "√", "✓", "✔", "×", "✗", "✘"}
_QUAL_WORDS = ("定性", "满足", "显著", "明显", "提升", "提高", "改善", "增强", "减轻", "降低", "减少",
               "下降", "健全", "完善", "规范", "有效", "达标", "合格", "稳定", "符合", "促进", "增加",
               "优化", "加强", "保障", "持续", "长期", "良好", "较好", "及时", "满意",
               # stop 53: 定性 targets and their 完成值 as written (“按时”, “全覆盖”, “应保尽保”, “通过验收”): they
               # were “无法识别”, and a 完成值 “部分覆盖” or “未按时” claimed no 档次 to hold the written score to
               "按时", "按期", "准时", "覆盖", "足额", "预期", "验收", "正常", "优良", "到位", "齐全", "完好",
               "畅通", "有序",
               # and what was done, as 完成值 say it (“已拨付”, “已发放”, “通过验收”, “达到国家标准”, “高于上年”)
               "拨付", "发放", "通过", "标准", "较高", "高于", "好转", "兑现", "落实", "建成", "完工", "投入使用",
               # stop 54: measured against last year (“不低于上年”, “与上年持平”, “同比增长”) and rules made (“已建立”,
               # “已制定”, “已印发”): “无法识别” before, no 档次 for “未建立”
               "上年", "持平", "增长", "建立", "制定", "出台", "印发",
               # stop 55: a cost kept within its budget (“控制在预算范围内”, “≤预算数”), rules kept (“严格执行”,
               # “按合同约定”): “无法识别” before, so “超出预算” claimed no 档次
               "预算", "概算", "批复", "超支", "严格", "合同", "约定",
               # “应补尽补”, “应发尽发”, “应享尽享” as “应保尽保” is; “群众认可”, “公开透明”
               "尽", "认可", "公开", "透明")
# a 完成值 denying what should not be (“未超预算”, “无超支”, “未发现问题”, “不存在安全隐患”) met its target; the
# overrun said plainly (“超出预算”, “超支”) fell short (``scoring.claimed_tier``; both were “无法识别”, and the
# first claimed 档次 C by its 未 once read)
DENIED = lazy(r"^(?:均未|并未|从未|未发现|未出现|不存在|没有|未|不|无|没)(?:重大|明显|任何|一般|安全|质量)?"
              r"(?:超支|超出|超过|超|问题|隐患|不良反应|不良事件|偏差|浪费|挪用|截留)")
OVERRUN = ("超支", "超出预算", "超预算", "超概算", "超出概算", "超出批复")
_NONE_WORDS = {"无", "没有", "零"}
# “零事故”, “无重大安全事故”, “未发生有效投诉”, “0投诉”: a count of things that should not happen, none of them
_EVENTS = ("事故", "投诉", "差错", "失误", "违规", "违纪", "违法", "案件", "上访", "信访", "返贫", "纠纷", "伤亡", "舆情",
           "火灾", "安全事件", "质量问题", "安全问题", "责任事件")
# (\D, not a class of every CJK character: that takes about 1 ms to compile, at every command's start)
_NO_EVENTS = re.compile(r"(?:全年|年内|年度内|本年度|实施期内|项目实施期内)?"     # “全年无安全事故” (``match``: from pos)
                        rf"(?:(?:零|无|没有|未发生|未出现|杜绝|0)\D{{0,6}}?(?:{'|'.join(_EVENTS)})(?:发生)?"
                        r"|未发生|没有发生|无发生|未出现)$")
# years before it (“连续三年无事故”, “近两年无安全事故”): a class of numerals, compiled when a text starts so
_YEARS_LEAD = lazy(r"(?:近|连续)?[\d一二两三四五六七八九十]{1,2}年(?:内|来|以来)?")


def _no_events(s: str) -> bool:
    """Whether ``s`` says none of the things that should not happen happened (``_NO_EVENTS``)."""
    if _NO_EVENTS.match(s):
        return True
    lead = _YEARS_LEAD.match(s) if "年" in s[:6] else None
    return bool(lead and _NO_EVENTS.match(s, lead.end()))


# “当天办结”, “即时办理”, “随到随办”: a 时限 met within the day
_SAME_DAY = re.compile(r"^(?:当天|当日|当场|即时|立即|即办|随到随办|实时)(?:办结|办理|完成|处理|兑付|发放|到账|到位)?$")
_DASHES = re.compile(r"^[-—–/\\、.。…]*$")

# so many of a whole written first: “覆盖18个乡镇中的17个”, “100户中95户” — the part, a share of the whole
_PART_OF = lazy(r"^(?P<pre>\D*?)(?P<whole>\d+)(?P<unit>[^\W\d_]{1,8}?)中(?:的|有)?(?P<part>\d+)(?P<u2>[^\W\d_]?)"
                r"(?P<rest>\D*)$")
_NUM = r"[-+]?\d+(?:\.\d+)?"
_NUM_RX = re.compile(_NUM)
_YEAR_FIRST = re.compile(r"(?:19|20)\d\d")
_MONTH_RE = re.compile(
    rf"^(?P<pre>.*?)(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月份?(?:\d{{1,2}}[日号])?"
    rf"(?P<suf>{'|'.join(_MONTH_SUFFIX)})?(?P<rest>.*)$")
# A deadline named by a part of the year: 年底前, 2022年年底, 上半年, 第三季度末 — the month it ends in.
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_YEAR_PART_RE = re.compile(
    r"^(?P<pre>.*?)(?:(?P<y>(?:19|20)\d{2})年?)?(?:(?P<end>年底|年末|年内|年度内|下半年|本年度内?)|(?P<half>上半年|年中)"
    r"|第?(?P<q>[一二三四1-4])季度(?:末|底)?)(?P<suf>底前|末前|以前|之前|前|以内|之内|内)?(?P<rest>\D*)$")
_DAY_RE = re.compile(
    rf"^(?P<pre>.*?)(?P<when>每个?月|次月|当月|每季度?(?:首月|第一个月|末月|最后一个月)?|季度?(?:首月|末月)|次季度?首月)"
    rf"(?P<d>\d{{1,2}})[日号](?P<suf>{'|'.join(_MONTH_SUFFIX)})?(?P<rest>.*)$")   # “每季度首月15日前”: that month's day
# A date as a date cell reads ("2023-11-01", with "00:00:00" when it has a time) or as written
# with slashes or dots ("2023/11/1", "2023.11.1", "2023-11"): the month point it names
_DATE_RE = re.compile(
    rf"^(?P<pre>.*?)(?<!\d)(?P<y>(?:19|20)\d{{2}})(?:(?P<s>[-/])(?P<m>\d{{1,2}})(?:(?P=s)\d{{1,2}})?"
    rf"|\.(?P<m2>\d{{1,2}})\.\d{{1,2}})(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?!\d)"
    rf"(?P<suf>{'|'.join(_MONTH_SUFFIX)})?(?P<rest>.*)$")
_DOTTED_MONTH = re.compile(r"^((?:19|20)\d{2})\.(\d{1,2})$")
# a unit not in the vocabulary: letters (“kWh”), or one character with what it is per (“套”, “株/亩”); [^\W\d_] is
# a letter — a class of every CJK character (一-龥) took 1.1 ms to compile at every command's start
_GENERIC_UNIT = re.compile(r"[a-zA-Z]+\d?|[^\W\d_](?:/[^\W\d_]{1,2})?")
_PER_THING = re.compile(r"/([^\W\d_]{1,2})")


WORD_PERCENT = ("比率", "百分比")   # not units: a rate is written with “%” (C16)
_WORD_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(比率|百分比)")


def percent_words(text: str) -> str:
    """A value with “比率”/“百分比” as its unit written as a rate is: “≥95 百分比” → “≥95%”; the
    checker's 应写作 (C16) and the reports' quotation of the value alike."""
    return _WORD_PERCENT.sub(r"\1%", text)


COUNT_WORDS = {"次数": "次", "人数": "人", "个数": "个", "户数": "户", "件数": "件", "台数": "台", "人次数": "人次"}  # nor these (C17)
_COUNT_WORD_UNIT = re.compile(rf"(\d+(?:\.\d+)?)\s*({'|'.join(sorted(COUNT_WORDS, key=len, reverse=True))})\s*$")


def count_words(text: str, sep: str = " ") -> str:
    """A value with an indicator's name as its unit written with the unit: “≥6 次数” → “≥6 次” (C17's
    应写作; ``sep`` "" for a report's sentence, “≥6次”)."""
    m = _COUNT_WORD_UNIT.search(text)
    return text if m is None else text[:m.start()] + f"{m.group(1)}{sep}{COUNT_WORDS[m.group(2)]}"


def units_as_written(text: str) -> str:
    """A value as a report quotes it: rate words as “%”, count words as their unit (C16, C17), a unit symbol as its
    name (“125万元/km” as “125万元/公里”, beside a 指标值 “≤120万元/公里”; “5200㎡” as “5200平方米”)."""
    text = count_words(percent_words(text), sep="")
    return _SYMBOL_UNIT.sub(lambda m: _SYMBOLS[m[1]], text) if _HAS_SYMBOL.search(text) else text


# unit symbols as written (NFKC's “m2” and the cell's “㎡”, “m²” alike) and their names (``units.SYMBOL_WORDS``), after a
# number or a “/”; not letters of a longer word (“PM2.5”, “5G”, “3M”)
def _written_forms(symbol: str) -> set[str]:
    """“m2” as NFKC leaves it and as a cell holds it, “m²”; “μg” with the Greek mu and with the micro sign."""
    forms = {symbol, symbol.replace("μ", "µ")}
    return forms | {f[:-1] + "²³"[int(f[-1]) - 2] for f in forms if f[-1:] in ("2", "3")}


_SYMBOLS = {**{f: name for w, name in SYMBOL_WORDS.items() for f in _written_forms(w)},
            "㎡": "平方米", "㎥": "立方米", "㎞": "公里", "㎏": "千克", "㎜": "毫米", "㎝": "厘米", "㎎": "毫克"}
_SYMBOL_UNIT = lazy(r"(?<=[\d/])(" + "|".join(map(re.escape, sorted(_SYMBOLS, key=len, reverse=True)))
                    + r")(?![A-Za-z0-9²³])")
_HAS_SYMBOL = lazy(r"[A-Za-z㎡㎥㎞㎏㎜㎝㎎µμ]")


def unit_to_write(v: Value) -> str | None:
    """The unit a value is to be written in: as written, but “%” for “比率”“百分比” (C16) and “次” for “次数”
    (C17) — a message asking for the 实际完成值 in “百分比” would contradict C16 on the 指标值 beside it."""
    if v.unit_text in WORD_PERCENT:
        return "%"
    return COUNT_WORDS.get(v.unit_text or "", v.unit_text) or v.unit


_BARE_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def with_target_unit(actual: str, target: str) -> str:
    """An 实际完成值 written as a bare number with the unit its 指标值 gives, as a report quotes it: “9000”
    against “≥9000 人次” is “9000人次”, “5.18” against “≤5.6 万元” is “5.18万元”, “100” against “≥95 百分比”
    is “100%” (``unit_to_write``: C16, C17) — the scorer reads it in that unit too; “0.95” against “≥90%” is
    “95%”, as the scorer reads that fraction (``fraction_of_percent``). Any other text (a unit of its own, a
    bound, words, a target without a unit or naming a month) as it is; “1.25万” against “≥1.2万人” is “1.25万人”,
    “180元” against “≤200元/次” “180元/次”, as the scorer pairs them (``paired``)."""
    if not _BARE_NUMBER.fullmatch(normalize(actual or "")):
        a = parse_value(actual)
        if a.kind == "quantity" and not a.extra_text and a.direction is None and a.unit_text in _PAIRED_UNITS:
            read = paired(parse_value(target), a)[1]
            if read is not a:
                return f"{actual.strip()}{(read.unit_text or '')[len(a.unit_text or ''):]}"
        return actual
    t = parse_value(target)
    number = parse_value(actual).number
    if fraction_of_percent(t, number, text=True) and number is not None:
        return as_percent(number)
    money = bare_other_unit(t, number)
    if money is not None:                 # “51800” against “≤5.6万元”: 51800元, as the scorer reads it
        return f"{actual}{money[1]}"
    unit = unit_to_write(t) if t.kind == "quantity" and t.unit is not None else None
    return f"{actual}{unit}" if unit else actual


RATIO = "比"    # the unit of a ratio typed with a colon or 比 (``unit_dim`` "proportion"): “1:10”, “1比2”
# a ratio as a 填报人 types it: “1:10” (师生比), “1:2” (配套比例), “1比10”, “≥1:10”; full-width colons as NFKC makes them
_RATIO_RE = re.compile(r"(?P<name>\D*?)(?P<pre>[≥≤><]=?|=)?(?P<a>\d+(?:\.\d+)?)(?P<sep>[:比])(?P<b>\d+(?:\.\d+)?)"
                       r"(?P<rest>\D*)")
# words before a ratio that only name it: “师生比1:10”, “配套比例为1:1”, “师生比：1：10” (and “达到”, which says no
# better side of a ratio)
_RATIO_NAME = re.compile(r"[^\W\d_]{0,12}(?:比|比例|比率|配比)(?:为|是|达到|达|:)?")


def typed_ratio(first: float, second: float) -> str | None:
    """The ratio ``first:second`` as the 填报人 wrote it (“1:10”), where the two cannot be a time of day a form
    holds: one side is 1 (“1:10”, “1:2”, “10:1” — no deadline is ten past one at night), a side is past a clock's
    (“30:1”, “1:100”) or not whole (“1:1.5”). None for “17:30”, “8:30”, “12:00”: times of day, as they were.

    Excel, WPS and LibreOffice store “1:10” typed into a cell not formatted as text as the time 01:10; read so,
    a 师生比 “1:10” against “1:12” was “逾期 2 分钟” (``reading.time_cells`` reads such cells back as typed)."""
    if first <= 0 or second <= 0:
        return None
    if first == 1 or second == 1 or first > 23 or second > 59 or not (first.is_integer() and second.is_integer()):
        return f"{fmt(first)}:{fmt(second)}"
    return None


def _ratio(raw: str, s: str) -> Value | None:
    """A ratio (``typed_ratio``; with 比 any two numbers, and with a colon a second term not written as a clock's
    two digits, “2:3”): its number is the second term per one of the first (“1:10” and “2:20” are 10), so that
    only equal ratios compare equal (``scoring``: a ratio has no better side). None for other text."""
    m = _RATIO_RE.fullmatch(s)
    if m is None:
        return None
    a, b = float(m["a"]), float(m["b"])
    if a <= 0 or b <= 0:
        return None
    pre = _PREFIX_DIR.get(m["pre"] or "")
    named = False
    if m["name"]:       # “师生比1:10”, “配套比例不低于1:1”: words that only name the ratio, as the bare ratio
        word_dir, name = _split_prefix(m["name"])
        if pre and word_dir or name and not _RATIO_NAME.fullmatch(name) or not (name or word_dir):
            return None
        pre, named = pre or word_dir, bool(name)      # “不低于1:8”: a bound alone, as “≥1:8” is
    suf = None
    if m["rest"]:       # “师生比1:10以上”, “1:10以上”: a bound after the ratio
        suf, rest = _take_suffix(m["rest"])
        if rest or pre and suf:
            return None
    if m["sep"] == ":" and not named and not typed_ratio(a, b) and len(m["b"]) == 2:
        return None                     # “12:00”, “17:30前”: a time of day (unless words name a ratio)
    direction = pre or suf
    return Value(raw=raw, kind="quantity", direction=direction, number=round(b / a, 12), unit=RATIO,
                 unit_dim="proportion", unit_text=RATIO, stated_bound=direction in ("ge", "gt", "le", "lt"))


def ratio_text(v: Value) -> str:
    """A ratio (``unit_dim`` "proportion") as written, without its ≥ or ≤: “1:10”, “1比10”."""
    m = _RATIO_RE.fullmatch(normalize(v.raw or ""))
    return f"{m['a']}{m['sep']}{m['b']}" if m else (v.raw or "").strip()


CLOCK = "时刻"   # the unit of a time of day (``unit_dim`` "clock"): its number is the minutes after midnight
# a time of day with words that make it one (“12:00前办结”, “每日17:30前报送”, “下午5:30前”): not a ratio “1:15”
_CLOCK_RE = re.compile(r"^(?P<pre>\D*?)(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?P<rest>\D*)$")
_CLOCK_WORDS = ("前", "后", "时", "点", "办结", "上午", "下午", "晚上", "早上", "当日", "当天", "每日", "每天", "截止",
                "工作日")
_CLOCK_AFTER = {"以后": "ge", "之后": "ge", "后": "ge"}


def clock_text(minutes: float) -> str:
    """A time of day (minutes after midnight) as a person writes it: 720 → “12:00”, 1050 → “17:30”."""
    h, m = divmod(int(round(minutes)), 60)
    return f"{h}:{m:02d}"


def _clock(raw: str, s: str, bare: bool, worded: bool = False) -> Value | None:
    """A time of day as a 年度指标值 or 实际完成值 (“12:00前办结”, or the “12:00:00” of an Excel time value, ``bare``):
    a point in the day, its number the minutes after midnight, a deadline (≤) unless the words say after (“8:30后”).
    It was the number 12 (“12:00前” against a 完成值 “12:45前” on time, both 12; C12 asked for a unit) — and the
    time value alone was unreadable (“无法识别为数值”), against a target of a time of day too. ``worded``: ``s`` is a
    time written in words made “17:30” (``_CN_CLOCK``), a time of day without more words. None for other text."""
    m = _CLOCK_RE.match(s)
    if m is None:
        return None
    pre_dir, pre = _split_prefix(m["pre"])
    rest = m["rest"]
    after = next((w for w in _CLOCK_AFTER if rest.startswith(w)), None)
    before = None if after else next((w for w in _MONTH_SUFFIX if rest.startswith(w)), None)
    # “≤12:00” too: a bound and the time alone; and “17:30以内” (办结时间), a bound after it — it was the number 17
    # with text, and a 完成值 “17” met it, “100%” scored 0
    if not (bare or worded or any(w in m["pre"] or w in rest for w in _CLOCK_WORDS) or (pre_dir and not pre and not rest)
            or before):
        return None
    hour = int(m["h"])
    if hour < 12 and any(w in pre for w in _AFTERNOON):
        hour += 12                                            # “下午5:30前” is 17:30
    for w in (*_AFTERNOON, *_MORNING):
        pre = pre.replace(w, "")
    return Value(raw=raw, kind="quantity", direction=pre_dir or (_CLOCK_AFTER[after] if after else "le"),
                 number=float(hour * 60 + int(m["m"])), unit=CLOCK, unit_dim="clock", unit_text=CLOCK,
                 extra_text=not bare and bool(pre or rest[len(after or before or ""):]),
                 stated_bound=pre_dir in ("ge", "gt", "le", "lt") or bool(after))


_AFTERNOON, _MORNING = ("下午", "晚上"), ("上午", "早上")
# a time of day written in words (“17点30分”, “9时05分”, “12点前”, “17时以前”): hours with minutes, or whole hours
# before a deadline word — what ``parse_value`` reads as “17:30” (``_clock``)
_CN_CLOCK = re.compile(r"(?<![\d.])(?:(?P<h>[01]?\d|2[0-3])[点时](?P<m>[0-5]?\d)分"
                       r"|(?P<h2>[01]?\d|2[0-3])[点时](?:整|(?=前|以前|之前)))")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Full-width to half-width, no spaces, no thousands separators, ≧/≦ as ≥/≤. Kept for the texts seen last:
    the same 指标值 and 完成值 are asked of by the reader, the scorer and several rules (and again by the colon
    readings, ``typed_target_as``, ``colon_days``), and each asking cost an NFKC pass and two substitutions
    (issue #18)."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("≧", "≥").replace("≦", "≤").replace("⩾", "≥").replace("⩽", "≤")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", s)
    return s.rstrip("。;；,，")


def _is_year(s: str, num: re.Match[str]) -> bool:
    """Whether the number ``num`` of ``s`` is a year (“2021年”), not a value — of “2021年-2023年” neither is skipped."""
    return bool(_YEAR_FIRST.fullmatch(num.group(0).lstrip("-+"))) and s.startswith("年", num.end())


def _split_prefix(pre: str) -> tuple[str | None, str]:
    """Direction word at the end of the text before the number, and what is left before it."""
    for word in sorted(_PREFIX_DIR, key=len, reverse=True):
        if pre.endswith(word):
            return _PREFIX_DIR[word], pre[: -len(word)]
    return None, pre


def _take_suffix(rest: str) -> tuple[str | None, str]:
    for word in sorted(_SUFFIX_DIR, key=len, reverse=True):
        if rest.startswith(word):
            return _SUFFIX_DIR[word], rest[len(word):]
    return None, rest


_MYRIAD = {"万": 1e4, "亿": 1e8}
# what ten thousand may be of beside the unit vocabulary: a counter — never “左” of “5万左右”
_MYRIAD_OF = frozenset("株棵羽尾头只条套台件张本篇辆座处块间栋")


def _take_unit(rest: str) -> tuple[tuple[str, str, float, str] | None, str]:
    """(canonical, dim, scale, as written) of the unit at the start of ``rest``, and the remainder."""
    for alias in UNITS_BY_FIRST.get(rest[:1], ()):
        if rest.startswith(alias):
            after = rest[len(alias):]
            if alias in _MYRIAD and after[:1] and after[:1] not in "元+":
                # “120万平方米”, “10万株”, “2万次”: ten thousand of the unit after it — 万 or 亿 alone is money
                # (“5.6万”); these were 120 万元 with text after it, and C6 called 株 another unit than 万
                unit, left = _take_unit(after)
                if unit is not None and unit[1] != "money" and not unit[3].startswith(("万", "亿")) and (
                        not unit[1].startswith("count:") or unit[0] in UNITS or unit[0] in _MYRIAD_OF):
                    canon, dim, scale, written = unit
                    return (canon, dim, scale * _MYRIAD[alias], alias + written), left
            per = _per_thing(after) if after[:1] == "/" and alias in MONEY_PER else None
            if per:     # 元/人, 万元/册, 万元/公里: money per thing, kept in 元
                thing, end = per
                return (f"元/{thing}", f"money/{thing}", MONEY_PER[alias], f"{alias}/{thing}"), after[end:]
            canon, dim, scale = UNITS[alias]
            return (canon, dim, scale, SYMBOL_WORDS.get(alias, alias)), after
    if rest[:1] and rest[:1] not in "以及或之内前":
        m = _GENERIC_UNIT.match(rest)
        if m:
            u = m.group(0)
            if u[1:2] == "/" and u[2:] in PERIODS:     # “3套/年”: 套 a year (``_take_period``), not a unit “套/年”
                u = u[:1]
            return (u, f"count:{u}", 1.0, u), rest[len(u):]
    return None, rest


def _per_thing(after: str) -> tuple[str, int] | None:
    """The thing money is spent a unit of after “/” (“/人”, “/公里”, “/㎡”), as one word (``units.THING_WORDS``),
    and where it ends in ``after``; None where no thing follows."""
    for word in THING_UNITS:
        end = 1 + len(word)
        if after.startswith(word, 1) and not (word[-1].isascii() and after[end:end + 1].isascii()
                                               and after[end:end + 1].isalpha()):
            return THING_WORDS.get(word, word), end
    m = _PER_THING.match(after)
    return (m.group(1), m.end()) if m else None


_SHARE_RE = re.compile(r"/(\d+(?:\.\d+)?)(?![\d./-])")


def _take_share(numerator: float, after: str) -> tuple[float | None, str]:
    """“12/12”, “45/50人”: the share the numerator is of the number after the slash, in per cent, and the
    text after it; (None, after) where no number follows the slash or it is 0 or below the numerator
    (“12/10” is no share: a date or a ratio of another kind)."""
    m = _SHARE_RE.match(after)
    if m is None:
        return None, after
    whole = float(m.group(1))
    if whole <= 0 or numerator > whole:
        return None, after
    return round(100.0 * numerator / whole, 10), after[m.end():]


def _approximate(after: str) -> tuple[str, bool]:
    """The text after a number without the “余”/“多” of “1000余人”, “10多个”, “1.2万余人”, and whether it had
    one: the number is then read in its unit, as text around it (C10 asks for the number alone) — it was
    read as the unit “余”, and C6 called it another unit than the 指标值's 人."""
    if after[:1] in ("余", "多"):
        return after[1:], True
    if after[:1] in ("万", "亿") and after[1:2] in ("余", "多"):
        return after[:1] + after[2:], True
    return after, False


_PERCENT_OF = re.compile(r"百分之(\d+(?:\.\d+)?)")
_RANGE_TO = "-–—~〜至到"          # what joins the ends of a range or a span of months (a string test: as a
_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # pattern it took 0.27 ms to compile at every start)
_DIGIT = re.compile(r"\d")
_Unit = tuple[str, str, float, str]


def _take_range(low: float, unit: _Unit | None, rest: str) -> tuple[float | None, _Unit | None, str]:
    """The upper end of a range after its lower end ``low`` (“-90%”, “至5个工作日”), in the lower end's written
    unit, the unit (written once, after the upper end: “80-90%”) and what is left; (None, unit, rest) where
    ``rest`` is no range: no second number, units of two kinds, an upper end not above the lower, or two
    years (“2021-2022年”)."""
    m = _NUMBER.match(rest, 1) if rest[:1] and rest[:1] in _RANGE_TO else None
    if m is None:
        return None, unit, rest
    high = float(m.group(0))
    unit2, after = _take_unit(rest[m.end():])
    if unit is not None and unit2 is not None:
        if unit2[0] != unit[0]:
            return None, unit, rest
        high = high * unit2[2] / unit[2]     # “0.5万元-8000元”: the upper end in the lower end's written unit
    both = unit or unit2
    if high <= low or (both is not None and both[3] == "年" and low >= 1900):
        return None, unit, rest
    return high, both, after


# [^\W\d_], a letter: a class of every CJK character takes about 1 ms to compile, at every command's start
# 人均, 户均, 每人, 每个村 — and what the money is (“人均增收”, “户均补助”), kept as text around the amount
_EACH_BEFORE = re.compile(r"^(?:([^\W\d_])均|每(?:个|位)?([^\W\d_]))(增收|增加|收入|可支配收入|纯收入|补助|补贴|奖补|发放|"
                          r"投入|获得|节约|节省|减少|支出|成本|费用|工资|报酬)?$")
_EACH_AFTER = re.compile(r"^每(?:个|位)?([^\W\d_])")                         # 1200元每亩


def _money_per(unit: _Unit, pre: str, rest: str) -> tuple[_Unit, str, str]:
    """Money per thing written around the amount — “人均3500元”, “每次180元”, “1200元每亩” — as “3500元/人” is
    read (``_take_unit``); the unit, and the text before and after what is left. They were 元 against a 元/人
    target: C6 “单位不一致” and the written score kept. A period beside the thing (“每人每月”, “每月每人”) is
    left in the text before, for ``_take_period``."""
    period = _PER_END.search(pre) or _PER_LEAD.match(pre)
    if period is None:
        m, keep = _EACH_BEFORE.match(pre), ""
    else:
        m, keep = _EACH_BEFORE.match(pre[:period.start()] + pre[period.end():]), period[0]
    if m and not (m.group(3) and m.group(1) in PERIODS):    # “年均投入500万元”: a year's, no money a head
        thing, pre = m.group(1) or m.group(2), keep + (m.group(3) or "")
    else:
        m = _EACH_AFTER.match(rest)
        if m is None:
            return unit, pre, rest
        thing, rest = m.group(1), rest[m.end():]
    return (f"元/{thing}", f"money/{thing}", MONEY_PER[unit[3]], f"{unit[3]}/{thing}"), pre, rest


# a count a period written “一年两次”, “1季度1次”, “一月一次” (once a month), “半年一次”: each of them per that
# period — “1年1次” was 1 年 with text, “一季度一次” the first quarter, the others “无法识别”. Only a count follows
# (“一季度完成” is Q1).
_ONE_LEADS = frozenset("1一半≥≤>=<不至")
_COUNTED = "次场期批轮回"
_A_COUNT = rf"(?=(?:≥|≤|>=|<=|不少于|至少)?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)[{_COUNTED}])"
_ONE_PERIOD = lazy(rf"(?P<dir>≥|≤|>=|<=|=|不少于|不低于|至少)?(?:(?:1|一)个?(?P<per>{PERIOD_ALT})|(?P<half>半年))"
                   + _A_COUNT)


def _counted(s: str) -> bool:
    """Whether ``s`` names a count ``_A_COUNT`` knows: without one neither pattern below is compiled (“100%”)."""
    return any(c in s for c in _COUNTED)


# a direction written before the period of a count (“≥每年2次”, “不少于每季度1次”): it was lost, the count read as
# 2 次 with text; not of a day of the month (“≤每月10号”)
_DIR_BEFORE_PER = lazy(rf"(?P<dir>≥|≤|>=|<=|不少于|不低于|至少|不超过|不多于)每(?:{PERIOD_ALT})" + _A_COUNT)


def _take_period(pre: str, rest: str) -> tuple[str | None, str, str]:
    """The period a count is written per — after its unit (“次/月”) or before its number (“每月”, “月均”) —
    and the text before and after what is left."""
    m = _PER_AFTER.match(rest)
    if m:
        return PERIODS[m.group(1)][0], pre, rest[m.end():]
    m = _PER_BEFORE.match(pre)
    if m:
        return PERIODS[m.group(1) or m.group(2)][0], pre[m.end():], rest
    return None, pre, rest


_JOINED = frozenset("·•")      # “人·次”, “人·天”: one unit written with a dot between its halves


# a time limit of each case (“≤3个工作日/件”, “2天/次”): the time, the same as “≤3个工作日” — it was text after it
_TIME_EACH = "件次人户项宗笔单"
_INCLUSIVE = re.compile(r"\(含(?:本数|本级|此数|\d+(?:\.\d+)?%?)?\)")
_EXCLUSIVE = re.compile(r"\(不含(?:本数|此数|\d+(?:\.\d+)?%?)?\)")    # “≤5%（不含）”: the bound itself does not count
_STRICT = {"le": "lt", "ge": "gt"}
_PAREN_UNIT = re.compile(r"\(([^()\d]{1,4})\)")
_AS_OF = ("截至", "截止", "截止到", "截至到", "至")
# Tests by plain string methods where a pattern would do: a pattern of a few CJK characters takes 0.1–0.3 ms to
# compile (its character set becomes a 64K map), paid at every command's start for what few cells ask for.
_NEXT_YEAR = tuple(w + d for w in ("次年", "翌年", "第二年", "下年", "下一年", "明年", "来年") for d in ("度", ""))


# what lists deadlines one after another: “6月底、11月底前” (春防 by June, 秋防 by November)
_LISTED = "、和及与,;"


def _span_end(month: int, year: int | None, rest: str) -> tuple[int, bool]:
    """The later month of a span of months (“3月-5月”, “3月至5月底完成”, “2023-03-01至2023-05-31”): the work is
    done by its end — it was read as the first month, and “3月-5月” against “≤4月” scored full marks. ``month``
    where ``rest`` (the text after the first month) names no later month of the same year. And whether the months
    were a list (“6月底、11月底前”: each part of the work by its own deadline, the whole of it by the last; read
    as June, a 完成值 “11月” was five months late)."""
    if not (rest[:1] and rest[:1] in _RANGE_TO + _LISTED and rest[1:2].isascii() and rest[1:2].isdigit()):
        return month, False
    end = parse_value(rest[1:])
    if end.kind == "month" and end.number is not None and end.number > month and end.year in (None, year):
        return int(end.number), rest[:1] in _LISTED or end.listed
    return month, False


@lru_cache(maxsize=4096)
def parse_value(text: str | None) -> Value:
    """Read one 年度指标值 or 实际完成值 cell. Never raises: what it cannot read is "unparsed"."""
    if text is None or not str(text).strip():
        return Value(raw=text, kind="blank")
    raw = str(text)
    if (":" in raw or "：" in raw or "比" in raw) and (ratio := _ratio(raw, normalize(raw))) is not None:
        return ratio                     # “1:10”, “1比2”: a ratio, not the time 01:10 nor “1 比”
    if time_only(raw):                   # “12:00:00”, a time value: a time of day, not the number 12 (``_clock``)
        return _clock(raw, normalize(raw), True) or Value(raw=raw, kind="unparsed")
    s = normalize(raw)
    if ("点" in s or "时" in s) and (said := _CN_CLOCK.search(s)) is not None:
        # “17点30分以内”, “12时前”, “下午5点前”: the time of day as “17:30” (it was the number 17 in 点, C2 asking
        # for “≤17 点”); a count of 点 (“监测点5个”, “≥5点”) has no 分 nor 前 after it
        clock = _clock(raw, f"{s[:said.start()]}{said['h'] or said['h2']}:{int(said['m'] or 0):02d}{s[said.end():]}",
                       False, worded=True)
        if clock is not None:
            return clock
    if ":" in s and (clock := _clock(raw, s, False)) is not None:
        return clock
    if "(含" in s:                       # “≥80%（含）”, “20个（含）以上”: the bound itself counts, as ≥ says
        s = _INCLUSIVE.sub("", s)
    strict = 0
    if "(不含" in s:                     # “≤5%（不含）”, “80%以上（不含80%）”: < and >, as written without it
        s, strict = _EXCLUSIVE.subn("", s)
    if "百分之" in s:                    # “百分之95” is 95%
        s = _PERCENT_OF.sub(r"\1%", s)
    if _DASHES.match(s):
        return Value(raw=raw, kind="blank")
    if "中" in s and (of := _PART_OF.match(s)) and (not of["u2"] or of["unit"].startswith(of["u2"])) \
            and int(of["part"]) <= int(of["whole"]):
        s = f"{of['pre']}{of['part']}/{of['whole']}{of['unit']}{of['rest']}"   # “覆盖18个乡镇中的17个”: “17/18个乡镇”
    if s[:1] in _ONE_LEADS and _counted(s) and (once := _ONE_PERIOD.match(s)):    # “一年两次”, “1季度1次”: as “每年两次” is
        s = f"{once.group('dir') or ''}每{once.group('per') or once.group('half')}{s[once.end():]}"
    if "每" in s and _counted(s) and (lead := _DIR_BEFORE_PER.match(s)):            # “≥每年2次”: as “每年≥2次” is
        s = s[lead.end("dir"):lead.end()] + lead.group("dir") + s[lead.end():]
    has_digit = bool(_DIGIT.search(s))

    m = _YEAR_PART_RE.match(s)
    if m and not _no_events(s):        # “年内未发生安全事故”: none of them, not a deadline of the year's end
        pre_dir, pre_left = _split_prefix(m.group("pre"))
        if pre_left in ("", "于", "在"):
            ends = 12 if m.group("end") else 6 if m.group("half") else _QUARTER[m.group("q")]
            return Value(raw=raw, kind="month", direction=pre_dir or "le", number=float(ends), unit="月",
                         unit_dim="month", unit_text="月", extra_text=bool(m.group("rest")),
                         stated_bound=pre_dir in ("ge", "gt", "le", "lt"),
                         year=int(m.group("y")) if m.group("y") else None)

    if not has_digit and _DONE_RE.search(s):
        done = False if _NOT_DONE_RE.match(s) else (None if "部分" in s else True)
        return Value(raw=raw, kind="done_word", done=done)
    if not has_digit and _UNDER_WAY.match(s):
        return Value(raw=raw, kind="done_word", done=None)

    m = _MONTH_RE.match(s)
    month = m and int(m.group("m"))
    if not (m and 1 <= int(m.group("m")) <= 12):
        m = _DATE_RE.match(s)
        month = m and int(m.group("m") or m.group("m2"))
    if m and month and 1 <= month <= 12:
        pre_dir, pre_left = _split_prefix(m.group("pre"))
        if pre_left in _AS_OF and _DIGIT.search(m.group("rest")):
            # “截至12月底累计完成120人”: the month dates the count, the count is the value (text around it)
            counted = parse_value(m.group("rest"))
            if counted.kind == "quantity" and counted.unit is not None:
                return replace(counted, raw=raw, extra_text=True)
        direction: str | None = pre_dir or "le"      # 12月前, 12月底, and a bare "12月" all mean "by December"
        month, listed = _span_end(month, int(m.group("y")) if m.group("y") else None, m.group("rest"))
        nxt = next((w for w in _NEXT_YEAR if pre_left.endswith(w)), None) if pre_left and not m.group("y") else None
        if nxt:                                      # “次年3月”: March of the year after the form's
            pre_left = pre_left[:-len(nxt)]
        return Value(raw=raw, kind="month", direction=direction, number=float(month),
                     unit="月", unit_dim="month", unit_text="月", later=1 if nxt else 0, listed=listed,
                     extra_text=bool(pre_left or m.group("rest")),
                     stated_bound=pre_dir in ("ge", "gt", "le", "lt"),
                     year=int(m.group("y")) if m.group("y") else None)

    m = _DAY_RE.match(s)
    if m and 1 <= int(m.group("d")) <= 31:
        pre_dir, pre_left = _split_prefix(m.group("pre"))
        return Value(raw=raw, kind="quantity", direction=pre_dir or "le", number=float(m.group("d")),
                     unit="日", unit_dim="day", unit_text="日", extra_text=bool(pre_left or m.group("rest")),
                     stated_bound=pre_dir in ("ge", "gt", "le", "lt"))

    # “零事故”, “无有效投诉”: none of them — at most none as a target
    if _no_events(s):
        return Value(raw=raw, kind="quantity", direction="le", number=0.0)
    if _SAME_DAY.match(s):               # “当天办结”: within a day — ≤1 天 as a target, 1 天 reported (C10 asks for it)
        return Value(raw=raw, kind="quantity", direction="le", number=1.0, unit="天", unit_dim="time", unit_text="天",
                     extra_text=True)

    num = re.search(_NUM, s)
    while num and _is_year(s, num) and (later := _NUM_RX.search(s, num.end())) and not _is_year(s, later):
        num = later      # “较2021年降低5%”, “2022年完成5个”: the value is the number after the year (it was 2021 年)
    if num:
        pre_dir, pre_left = _split_prefix(s[: num.start()])
        after, approx = _approximate(s[num.end():])
        if after[:1] == "(" and (paren := _PAREN_UNIT.match(after)) and paren[1] in UNITS:
            after = paren[1] + after[paren.end():]      # “10（人）”, “5.18（万元）”: the unit, in brackets
        share, after = _take_share(float(num.group(0)), after) if pre_dir is None else (None, after)
        unit, rest = _take_unit(after)
        if share is None and unit is not None and rest[:1] == "/" and pre_dir is None:
            # “98件/100件”, “45人/50人”: a share with its unit on both sides, as “45/50人” is
            whole_share, whole_rest = _take_share(float(num.group(0)), rest)
            unit2, whole_rest = _take_unit(whole_rest) if whole_share is not None else (None, whole_rest)
            if whole_share is not None and unit2 is not None and unit2[0] == unit[0]:
                share, rest = whole_share, whole_rest
        high, unit, rest = _take_range(float(num.group(0)), unit, rest) if pre_dir is None else (None, unit, rest)
        per = None
        if unit and rest[:1] in _JOINED and unit[3] + rest[1:2] in UNITS:
            unit, rest = _take_unit(unit[3] + rest[1:])      # “1200人·次”, “500人·天”: 人次, 人天 — not 人 with text
        elif unit and rest[:1] == "(" and (paren := _PAREN_UNIT.match(rest)) and unit[3] + paren[1] in UNITS:
            unit, rest = _take_unit(unit[3] + paren[1] + rest[paren.end():])   # “10台（套）”: 台套, as “10台套”
        if unit and (unit[1].startswith("count:") or unit[1] in AMOUNT_DIMS):   # “3套/年”, “300吨/日”, “5公里/年”
            per, pre_left, rest = _take_period(pre_left, rest)
            if per:
                unit = (unit[0], unit[1], unit[2], f"{unit[3]}/{per}")
        elif unit and unit[1] == "money" and unit[3] in MONEY_PER:
            unit, pre_left, rest = _money_per(unit, pre_left, rest)
        elif unit and unit[1] == "time" and rest[:1] == "/" and rest[1:2] and rest[1:2] in _TIME_EACH:
            unit, rest = (unit[0], unit[1], unit[2], unit[3] + rest[:2]), rest[2:]   # “≤3天/件”: each case within
        if unit and unit[1].startswith("money/"):     # “300元/人/月”, “每人每月300元”: so much a head a month
            per, pre_left, rest = _take_period(pre_left, rest)
            if per:
                unit = (unit[0], unit[1], unit[2], f"{unit[3]}/{per}")
        suf_dir, rest = _take_suffix(rest)
        change = change_before(pre_left) if pre_left else None    # “较上年下降5%”: a fall of 5 %, not a level
        if change:
            pre_left = ""
        number = float(num.group(0))
        decimals = len(num.group(0).split(".")[1]) if "." in num.group(0) else 0
        direction = pre_dir or suf_dir
        if strict and direction in _STRICT:
            direction = _STRICT[direction]
        # “达到96%”: as a target ≥96%, as an 实际完成值 the 96% reached (text around it, C10), not a bound (C4)
        reached = pre_dir == "ge" and s[: num.start()].endswith("达到")
        canon: str | None
        dim: str | None
        written: str | None
        canon, dim, scale, written = unit if unit else (None, None, 1.0, None)
        return Value(raw=raw, kind="quantity", direction=direction, number=round(number * scale, 12),
                     unit=canon, unit_dim=dim, unit_text=written, scale=scale, decimals=decimals,
                     extra_text=bool(pre_left or rest or approx or (reached and not change)),
                     stated_bound=(direction in ("ge", "gt", "le", "lt") and not reached) or high is not None, per=per,
                     high=None if high is None else round(high * scale, 12), share=share, change=change)

    if s in _NONE_WORDS:                 # "无" 安全事故 is the count 0
        return Value(raw=raw, kind="quantity", number=0.0)
    if s in _QUAL_EXACT or any(w in s for w in _QUAL_WORDS) or DENIED.match(s):
        return Value(raw=raw, kind="qualitative")
    return _in_chinese_numerals(raw, s) or Value(raw=raw, kind="unparsed")


_CN_RUN = re.compile(r"[〇○零一二两三四五六七八九十百千]+")
# what a count written in Chinese numerals may be of (“两次”, “三个”, “五篇”): the unit vocabulary and a few
# counters it does not name, never any character — “两学一做” is no 2 学
_CN_COUNTERS = frozenset("条篇本辆座处村张块间棵头只栋")


# tenths: “九成” 90 %, “九成五” 95 % — a numeral right before 成, not of 完成, 建成 (“完成九成” is 90 % done)
_CN_TENTHS = lazy(r"(?<![〇○零一二两三四五六七八九十百千万])([一二三四五六七八九])成([一二三四五六七八九](?![成十百千万]))?")
_CN_PERCENT = re.compile(r"百分之([〇○零一二两三四五六七八九十百]+)(?:点([〇○零一二三四五六七八九]+))?")


def _cn_percent(m: re.Match[str]) -> str:
    """“百分之九十五点五” as “95.5%”; the text unchanged where its numerals are no number."""
    whole = cn_number(m[1])
    if whole is None:
        return m[0]
    return f"{whole}{'.' + ''.join(str(CN_DIGITS[ch]) for ch in m[2]) if m[2] else ''}%"


# the numerals' patterns below are asked only of the few cells no other reading takes: compiled where first
# used (``lazyre``)
# a half written out: a span of time (“半年”, “≥半年”, “半年内”, “一年半”) — not 上半年 or 下半年 (a part of
# the year, ``_YEAR_PART_RE``), 每半年 (a period, ``PERIODS``) or 半年度
_HALVES = {"半年": "0.5年", "半个月": "0.5个月", "一年半": "1.5年", "一个半月": "1.5个月", "半天": "0.5天", "半小时": "0.5小时"}
_HALF_IN = lazy(r"(?<![上下前后每])(?:一年半|一个半月|半个月|半年|半天|半小时)(?!度)")
_APPROX = re.compile(r"(?<=\d)[余多]")
_ABOUT_BEFORE = ("大约", "将近", "约", "近", "逾")
# “上百人”, “近千人”, “逾万人”: about a hundred … read as “100余人” is (the number, text around it)
_CN_ABOUT = lazy(r"(?:上|近|逾)([百千万])(?=[^\W\d_])(?!分之)")     # not the 百 of 百分之
_ABOUT_N = {"百": "100余", "千": "1000余", "万": "10000余"}
# a number past 9,999 in numerals: “一万二千”, “三万零五百”, “一万二” (12,000, as said) — not “三万” alone,
# which stays 3 of the unit 万人, 万元 … as written
_CN_WAN = lazy(r"([〇○零一二两三四五六七八九十百千]+)万(零?)([〇○零一二两三四五六七八九十百千]+)")


def _cn_wan(m: re.Match[str]) -> str:
    """“一万二千” as “12000”; the text unchanged where its numerals are no number."""
    high, low = cn_number(m[1]), cn_number(m[3])
    if high is None or low is None:
        return m[0]
    if not m[2] and len(m[3]) == 1 and low:      # 一万二: the digit is of the thousands
        low *= 1000
    return str(high * 10_000 + low)


_CN_FRACTION = lazy(r"([一二两三四五六七八九十]+)分之([一二两三四五六七八九十]+)")


def _cn_fraction(m: re.Match[str]) -> str:
    """“三分之二” as “2/3” (a share, ``_take_share``); the text unchanged where its numerals are no number."""
    whole, part = cn_number(m[1]), cn_number(m[2])
    return m[0] if whole is None or part is None else f"{part}/{whole}"


def _in_chinese_numerals(raw: str, s: str) -> Value | None:
    """“两次”, “≥三人”, “每月两次”, “十二个”, “十二月前”, “一万二千人”, “上百人”, “≥半年” read as “2次” … would be;
    None where the text, its numerals as digits, is not one count in a known unit, or a month, with nothing else
    (“一年两次”, “两学一做”)."""
    t = _HALF_IN.sub(lambda m: _HALVES[m[0]], s) if "半" in s else s
    if "百" in t or "千" in t or "万" in t:
        t = _CN_ABOUT.sub(lambda m: _ABOUT_N[m[1]], t)
    if "分之" in t or "百分百" in t:             # “三分之二” is the share “2/3”, “百分百” 100%
        t = _CN_FRACTION.sub(_cn_fraction, t).replace("百分百", "100%")
    if "成" in t:                               # “九成以上” is ≥90%, “九成五” 95%
        t = _CN_TENTHS.sub(lambda m: f"{CN_DIGITS[m[1]]}{CN_DIGITS[m[2]] if m[2] else 0}%", t)
    if t == s and not _CN_RUN.search(s):
        return None
    pct = _CN_PERCENT.sub(_cn_percent, t)      # 百分之九十六 → 96% before 百 is read as a hundred
    pct = _CN_WAN.sub(_cn_wan, pct) if "万" in pct else pct
    digits = _CN_RUN.sub(lambda m: str(n) if (n := cn_number(m[0])) is not None else m[0], arabic_year(pct))
    if digits == s:
        return None
    v = parse_value(digits)
    if v.kind == "month" and not v.extra_text:        # 十二月前, 六月底前
        return replace(v, raw=raw)
    # about so many (“二十余人”, “约百分之九十”, “近两千人”): the number, with text around it (C10), as “20余人” is
    about = v.extra_text and v.kind == "quantity" and not parse_value(
        _APPROX.sub("", digits.removeprefix(next((w for w in _ABOUT_BEFORE if digits.startswith(w)), "")), count=1)
    ).extra_text
    # “达到九成”, “达到两次”: what was reached, as “达到90%” is read (text around it, C10)
    about = about or (v.extra_text and digits.startswith("达到") and not parse_value(digits[2:]).extra_text)
    written = (v.unit_text or "").split("/")[0]
    if v.kind != "quantity" or (v.extra_text and not about) or not (
            written in UNITS or written in _CN_COUNTERS or v.share is not None):
        return None
    return replace(v, raw=raw)       # “二十余人”: about 20 人, text around it (C10) as “20余人” is


# A bare number read as the fraction of a per-cent target: (largest fraction, smallest target) for a
# number cell and for a number typed as text. Excel keeps 88% typed into a cell that is not text as
# 0.88, so a number cell takes the wide band; a text "0.9" was typed as it shows, so only where no
# other reading is sensible (0.9 of a per cent against ≥95% 满意度) is it 90%.
_FRACTION_BANDS = {False: (1.5, 10.0), True: (1.0, 50.0)}


def fraction_of_percent(target: Value, number: float | None, *, text: bool) -> bool:
    """Whether ``number`` (written without a unit) against ``target`` is a fraction: 0.9 → 90% against ≥95%.

    The scorer, C15, ``stored_percent`` (the reader) and the Excel functions ask this one question,
    so a 0.9 in a cell reads alike everywhere."""
    hi, least = _FRACTION_BANDS[text]
    return (number is not None and 0 < number <= hi and target.unit_dim == "ratio" and target.unit == "%"
            and target.number is not None and target.number >= least)


# the two units a county writes money in, by the scale of each (万元 canonical): a bare number may be in the other
_YUAN_WAN = {1.0: ("元", 1e-4), 1e-4: ("万元", 1.0)}


def myriad_of(v: Value, other: Value) -> Value:
    """``v`` written with a bare 万 or 亿 (“1.25万”, which alone reads as money) where ``other`` counts something in a
    unit (“≥1.2万人”, “≥5000亩”): ten thousand of that unit, “1.25万人” — it was 1.25 万元 against 人, C6 and the
    written score kept. ``v`` itself otherwise. The scorer and the rules pair a 指标值 with its 完成值 so (``paired``)."""
    if v.unit_dim != "money" or v.unit_text not in _MYRIAD or v.number is None or v.per is not None \
            or not (other.unit_dim or "").startswith("count:") or other.unit is None:
        return v
    return _read_in(v, other.unit, other.unit_dim, v.unit_text + other.unit, _MYRIAD[v.unit_text])


def a_head(v: Value, other: Value) -> Value:
    """``v``, an amount of money, where ``other`` is money a head in the same written unit (“≥500元” against
    “人均600元”, “1200元” against “≥1000元/户”): the same a head — a 指标值 named “人均增收” is per head however it is
    written. They were two units, C6 and the written score kept. ``v`` itself otherwise, and where the units
    written differ: “≤50万元” against “人均3500元” is a total against a head's share, for C6 to point out."""
    if v.unit_dim != "money" or not (other.unit_dim or "").startswith("money/") or v.number is None \
            or v.per is not None or v.unit_text not in MONEY_PER \
            or (other.unit_text or "").split("/")[0] != v.unit_text:
        return v
    thing = (other.unit_dim or "")[len("money/"):]
    return _read_in(v, f"元/{thing}", other.unit_dim, f"{v.unit_text}/{thing}", MONEY_PER[v.unit_text])


def _read_in(v: Value, unit: str | None, dim: str | None, text: str, scale: float) -> Value:
    """``v``'s number as written, read in another unit (``unit``, ``dim``; written ``text``, ``scale`` to ``unit``)."""
    written = (v.number or 0.0) / v.scale
    return replace(v, number=round(written * scale, 12), unit=unit, unit_dim=dim, unit_text=text, scale=scale,
                   high=None if v.high is None else round(v.high / v.scale * scale, 12))


_PAIRED_UNITS = frozenset((*_MYRIAD, *MONEY_PER))    # what ``paired`` may read in the other's unit


def paired(target: Value, actual: Value, name: str | None = None) -> tuple[Value, Value]:
    """A 指标值 and its 完成值 as compared: a bare 万 of one is of the other's unit (``myriad_of``), an amount of
    money beside money a head is a head's (``a_head``), a time typed with a colon is what the other cell or the
    indicator's ``name`` (“响应时长（小时）”) says it is (``typed_target_as``, ``typed_time_as``). Asked of every
    indicator: two tests decide for nearly all (issue #18)."""
    if ":" in (target.raw or "") or "：" in (target.raw or ""):
        span = typed_target_as(target, actual, name)
        if span is not None:
            target = span
    if ":" in (actual.raw or "") or "：" in (actual.raw or ""):
        read = typed_time_as(target, actual)
        if read is not None:
            return target, read
    if actual.unit_dim == "clock" and target.unit_dim != "clock" and time_only(actual.raw):
        # a time value alone (“12:00:00”) against a target that is no time of day: what the 填报人 typed into a
        # cell formatted as time — no value of the target's (C5 says so), nor the number 12
        return target, Value(raw=actual.raw, kind="unparsed")
    if target.unit_dim == actual.unit_dim or (target.unit_dim != "money" and actual.unit_dim != "money"):
        return target, actual      # only an amount of money is read in another unit
    return a_head(myriad_of(target, actual), actual), a_head(myriad_of(actual, target), target)


# a time as typed or as a time cell reads (“2:30”, “25:30”, “25:30:00”): hours, minutes and seconds, past 24 hours too
_TYPED_TIME = re.compile(r"(\d{1,4}):([0-5]\d)(?::([0-5]\d))?")
_SPAN_UNITS = ("小时", "分钟")     # spans a time typed with a colon may be of
_DAY_UNITS = ("天", "工作日")      # spans a time typed with a colon may be days and hours of (“1:12”) — or not
# a 指标值 typed as a time with its bound (“2:30”, “≤2:30”, “1:30以内”), and a unit an indicator's name gives
_TYPED_BOUND = re.compile(r"(?P<pre>[^\d:]*)(?P<h>\d{1,4}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?P<rest>\D*)")
_NAMED_SPAN = re.compile(r"[(（](小时|分钟)[)）]")
# a name that says its values are durations (“处理时长”, “平均用时”), not ratios nor times of day
DURATION_NAME = re.compile(r"时长|用时|耗时|历时")


def typed_target_as(target: Value, actual: Value, name: str | None = None) -> Value | None:
    """A 指标值 typed as a time (“2:30”, “≤2:30”, “1:30以内”) read as so many hours and minutes where the 完成值 is a
    span in 小时 or 分钟 (“2小时”, “90分钟”) or the indicator's name gives that unit (“响应时长（小时）”), in that unit,
    its bound kept: 2.5 小时 — or where the name is a duration's (“处理时长”) and the 完成值 is typed so too. Its own
    text decided alone: the time of day 02:30 (“1:30” the ratio 1:30), against
    “2小时” 单位不一致 and the written score kept. None where nothing says it is a span (a time of day stays one)."""
    m = _TYPED_BOUND.fullmatch(normalize(target.raw or ""))
    if m is None:
        return None
    named = _NAMED_SPAN.search(name or "")
    unit = actual.unit if actual.unit_dim == "time" and actual.unit in _SPAN_UNITS else named[1] if named else None
    if unit is None and DURATION_NAME.search(name or "") and _TYPED_TIME.fullmatch(normalize(actual.raw or "")):
        # “处理时长” “≤1:30” against “1:40”: both spans — read as hours and minutes, as minutes and seconds the
        # two compare alike (it was the ratio 1:30 against 1:40, the smaller ratio, “不高于”, full marks)
        unit = "小时"
    if unit is None:
        return None
    pre, left = _split_prefix(m["pre"])
    suf, rest = _take_suffix(m["rest"])
    if left or rest or pre and suf:
        return None
    minutes = int(m["h"]) * 60 + int(m["m"]) + int(m["s"] or 0) / 60
    direction = pre or suf
    return Value(raw=target.raw, kind="quantity", direction=direction,
                 number=round(minutes * (time_factor("分钟", unit) or 1.0), 12), unit=unit, unit_dim="time",
                 unit_text=unit, decimals=2, stated_bound=direction in ("ge", "gt", "le", "lt"))


def colon_days(target: Value, text: str | None) -> tuple[str, str, str] | None:
    """A 完成值 typed with a colon (“1:12”, or a time cell's “01:12:00”) against a 指标值 in 天 or 工作日 that may be
    days and hours (1 天 12 小时) as well as hours and minutes (1 小时 12 分钟): (the days reading, the hours reading,
    how to write each plainly: “1.5天”, “1.2小时”), else None. Nothing tells the two apart, and they are 1.5 天
    and 0.05 天: ``typed_time_as`` reads no number, and C5 asks the 填报人 to write which (it was the ratio 1:12,
    单位不一致, or a time cell read as the ratio with an X2 saying so)."""
    m = _TYPED_TIME.fullmatch(normalize(text or ""))
    if m is None or target.unit_dim != "time" or target.unit not in _DAY_UNITS or int(m[2]) >= 24:
        return None
    hours, minutes = int(m[1]), int(m[2])
    day = "天" if target.unit == "天" else "个工作日"
    in_hours = f"“{fmt(round(hours + minutes / 60, 4))}小时”"
    plain = (f"“{fmt(round(hours + minutes / 24, 4))}天”或{in_hours}" if target.unit == "天" else
             f"{in_hours}，或换算成以“个工作日”计的数")
    return f"{hours} {day} {minutes} 小时", f"{hours} 小时 {minutes} 分钟", plain


def typed_time_as(target: Value, actual: Value) -> Value | None:
    """A 完成值 typed as a time (“2:30”, “25:30”, or a time cell's “25:30:00”) read by its 指标值, the one place
    that decides what such a time is: against a span in 小时 or 分钟 (“≤3小时”, “≤90分钟”) it is so many hours and
    minutes (2.5 小时) — it was “无法识别为数值” (“2:30”, a time of day) or a ratio against 小时 (“25:30”, C6 and
    the written score kept); against a ratio (“1:3”) a bare “2:30” typed as text is the ratio 2:30, as “1:10” is
    (it was a time of day, “无法识别”). None where the target decides nothing (a time of day stays one)."""
    m = _TYPED_TIME.fullmatch(normalize(actual.raw or ""))
    if m is None:
        return None
    hours, minutes, seconds = int(m[1]), int(m[2]), int(m[3] or 0)
    if target.unit_dim == "time" and target.unit in _SPAN_UNITS:
        factor = time_factor("分钟", target.unit) or 1.0
        number = round((hours * 60 + minutes + seconds / 60) * factor, 12)
        return Value(raw=actual.raw, kind="quantity", number=number, unit=target.unit, unit_dim="time",
                     unit_text=target.unit, decimals=2)
    if target.unit_dim == "time" and target.unit in _DAY_UNITS:
        if minutes < 24:        # “1:12”: 1 天 12 小时, or 1 小时 12 分钟? (``colon_days``)
            return Value(raw=actual.raw, kind="unparsed")
        factor = time_factor("分钟", target.unit) or 1.0      # “1:30”: no day has 30 hours — 1 小时 30 分钟
        return Value(raw=actual.raw, kind="quantity", number=round((hours * 60 + minutes + seconds / 60) * factor, 12),
                     unit=target.unit, unit_dim="time", unit_text=target.unit, decimals=4)
    if target.unit_dim == "proportion" and actual.unit_dim != "proportion" and m[3] is None and hours > 0 and minutes > 0:
        return Value(raw=actual.raw, kind="quantity", number=round(minutes / hours, 12), unit=RATIO,
                     unit_dim="proportion", unit_text=RATIO)
    return None


def bare_other_unit(target: Value, number: float | None) -> tuple[float, str] | None:
    """A bare number against a 指标值 in 万元 or 元 that only reads as the other unit, or against one counted in ten
    thousands (“万人”) that reads as ones: (the number in the 指标值's canonical unit — 万元, 人 —, the unit) or None.

    “51800” against “≤5.6 万元” is 51800 元, 5.18 万元: read in the target's unit it was 51800 万元, 9,249
    times over the ceiling, 0 points, and C15 asked for “51800 万元”; “5.18” against “≤56000 元” is 5.18 万元.
    Where one figure is 元 beside the other in 万元 is ``core.numbers.yuan_in_wan``'s call, as for the money table.
    A count so against a 指标值 in ten thousands is of the count's own unit: “12500” against “≥1.2万人” is 12500 人
    (it was 12500 万人, and “完成值达指标值的 1041666.67%”)."""
    from .numbers import yuan_in_wan

    if number is None or number <= 0 or not target.number or target.number <= 0:
        return None
    if (target.unit_dim or "").startswith("count:") and target.scale == 1e4 and target.unit is not None:
        return (float(number), target.unit) if yuan_in_wan(number, target.number / target.scale) else None
    if target.unit_dim != "money":
        return None
    other = _YUAN_WAN.get(target.scale)
    if other is None:
        return None
    written = target.number / target.scale           # the target in its written unit
    unit, to_wan = other
    if yuan_in_wan(number, written) if unit == "元" else yuan_in_wan(written, number):
        return round(number * to_wan, 12), unit
    return None


def share_percent(target: Value, actual: Value) -> float | None:
    """The per cent a 完成值 written as a share (“12/12”, “45/50人”) stands for against a 指标值 in per cent
    (100.0, 90.0), else None: against a count (“≥12次”) it is its numerator. The scorer, C6 and C15 ask this."""
    if actual.share is None or target.unit_dim != "ratio":
        return None
    if actual.unit is not None and not (actual.unit_dim or "").startswith("count"):
        return None
    return actual.share


def as_percent(fraction: float) -> str:
    """A fraction read as the per cent it stands for, as written everywhere it is said: 0.9 → “90%”."""
    from .numbers import fmt

    return f"{fmt(round(fraction * 100, 10))}%"


def stored_percent(cell: Any, target: str | None) -> str | None:
    """“88%” for a 实际完成值 cell holding the number 0.88 against a target in per cent (≥90%), else None.

    Excel keeps 88% typed into a cell that is not formatted as text as the number 0.88 (shown as
    88% by its format, which the reader does not see); read as written it is 0.88 against 90,
    a completion of 1% and a score near 0. A number between 0 and 1.5 (150%) against a target of
    10% or more is that fraction; a small target (≤1% 差错率) keeps the number as written, where
    0.5 may well mean 0.5%."""
    if not isinstance(cell, (int, float)) or isinstance(cell, bool) or not target:
        return None
    return as_percent(cell) if fraction_of_percent(parse_value(target), float(cell), text=False) else None


def dotted_month(v: Value) -> Value | None:
    """A bare "2023.11" read as the month it names (November 2023), for a cell compared with a
    month point; elsewhere it is the number 2023.11."""
    m = _DOTTED_MONTH.match(normalize(v.raw or "")) if v.kind == "quantity" and v.unit is None else None
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return None
    return Value(raw=v.raw, kind="month", direction="le", number=float(m.group(2)), unit="月", unit_dim="month",
                 unit_text="月", year=int(m.group(1)))
