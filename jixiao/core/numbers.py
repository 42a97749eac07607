"""Turning what a cell holds into a number, and a number back into text a person reads.

Every reader, the scorer, the checker, the 汇总 and the reports use these, so "95%", "９５％",
"1,234.5", "10分" or a float with binary noise give the same figure everywhere.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, localcontext
from typing import Any

__all__ = ["CN_DIGITS", "DASH", "GENERAL", "MONEY_FORMAT", "NotANumber", "SCORE_FORMAT", "as_shown", "cell_number",
           "cn_number", "compared", "decimal_of", "fmt", "is_dash",
           "SCORE_EDGE_SAID", "above_formula", "apart_formula", "is_number", "is_unfilled", "label_unit", "parse_number", "pct", "plain_decimal", "round2", "says_nothing", "score_shown", "score_text", "says_nothing_formula", "sheet_le",
           "to_number",
           "written_number", "YUAN_LEAST", "YUAN_SPAN", "yuan_in_wan", "yuan_in_wan_formula"]

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# the significant digits Excel, WPS and LibreOffice show of a double, and Excel compares and rounds on
_SHOWN_DIGITS = 15


def _as_on_sheet(x: float) -> str:
    """A float's decimal as a spreadsheet holds it for showing, comparing and ROUND: 15 significant digits
    (``as_shown``, ``round2``, ``compared``)."""
    return f"{x:.{_SHOWN_DIGITS}g}"


# What fillers put in a cell that does not apply: the template's own "—", "/", "无" …
DASH = frozenset({"-", "—", "——", "－", "/", "／", "无", "\\"})
_SHORT = 8   # characters, spaces aside, a text longer than which is neither a dash nor a word for none


CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int | None:
    """A whole number below 10,000 written in Chinese numerals — 两, 十二, 二十, 一百零五, 三千五百 — or None
    for anything else: digits in a row (二二, 二〇二二: a year is read digit by digit, ``dates``), a power
    twice or rising (十十, 十百), other characters. A date's month and day, “两次”, “≥三人” read through it.

    (cn2an would do this, but its wheel installs top-level ``example`` and ``src`` packages.)"""
    total, digit, last = 0, None, 10_000
    for ch in text:
        if ch in CN_DIGITS:
            if digit:                     # 二二; a 零 before a digit is how 一百零五 is written
                return None
            digit = CN_DIGITS[ch]
        elif ch in _CN_POWERS:
            power = _CN_POWERS[ch]
            if power >= last or digit == 0:
                return None
            total += (1 if digit is None else digit) * power
            digit, last = None, power
        else:
            return None
    return None if not text else total + (digit or 0)


def is_dash(v: Any) -> bool:
    """Text that only marks a cell as not applicable ("—", "/", "无"): read as blank."""
    return isinstance(v, str) and len(t := v.strip()) <= _SHORT and unicodedata.normalize("NFKC", t).strip() in DASH


def is_unfilled(v: Any) -> bool:
    """A cell that holds no entry: blank, only spaces (full-width “\u3000” and NBSP too: NFKC makes
    them spaces) or only a dash (``is_dash``). A name cell cleared with the space bar is empty."""
    if v is None:
        return True
    if not isinstance(v, str):
        return False
    t = v.strip()
    if len(t) > _SHORT:
        return False   # words: no NFKC of every character of a long text (issue #18)
    t = unicodedata.normalize("NFKC", t).strip()
    return not t or t in DASH


# words a filler writes where a text (a 扣分原因, “存在的问题”) is asked and he has none: “暂无”, “没有”,
# beside ``DASH``'s “无”
NONE_SAID = frozenset({"暂无", "没有", "没有问题"})


def says_nothing(v: Any) -> bool:
    """A text that says nothing: unfilled (``is_unfilled``), or only a word for none (“无”, “暂无”,
    “没有”), a full stop after it or not (“无。”). A deduction's 扣分原因 “无” gives no reason, and a
    “存在的问题” of “暂无” lists none."""
    if is_unfilled(v):
        return True
    if not isinstance(v, str) or len(v.strip()) > _SHORT:
        return False   # a 扣分原因 of words: no NFKC of each of its characters (+5 % of a check's instructions; #18)
    t = unicodedata.normalize("NFKC", v).strip().rstrip("。.").strip()
    return not t or t in DASH or t in NONE_SAID


def says_nothing_formula(ref: str) -> str:
    """``says_nothing``'s Excel twin, for the templates' conditional formats (the reason cell of a
    deduction shown red): the cell ``ref`` blank, spaces (full-width too), or only a dash or a word
    for none, full stops aside. Each word compared on its own: Excel refuses an array constant in a
    conditional format. (A “。” inside the words is dropped as well as one after them: “无。无” is
    “无无”, no word for none either way.)"""
    t = f'TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({ref},"\u3000"," "),"。",""),".",""))'
    return "OR(" + ",".join(f'{t}="{w}"' for w in ("", *sorted(DASH | NONE_SAID))) + ")"


class NotANumber(ValueError):
    """Text where a number belongs; readers turn it into a located CellError."""


def is_number(v: Any) -> bool:
    """A real, finite int or float (bool is not a number here, NaN and ±inf are not either)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


_MONEY = {"元": Decimal(1), "万元": Decimal(10000)}
POINTS = "分"   # the unit of a 分值 or 得分 cell (``parse_number``): “10分” is 10, “95%” is none
_LABEL_UNIT = re.compile(r"[（(]\s*([^（）()]{1,4}?)\s*[)）]\s*$")


def label_unit(label: Any) -> str | None:
    """The unit a cell's label gives in its closing brackets: “编制人数（人）” → 人,
    “资产总额（万元）” → 万元, “满意度（%）” → %; None where it gives none."""
    m = _LABEL_UNIT.search(unicodedata.normalize("NFKC", str(label or "")).strip())
    return m.group(1) if m else None


def parse_number(v: Any, unit: str | None = None) -> int | float | None:
    """One cell's value as a number: None for blank, the number for a number or numeric text.

    Text is folded (full-width digits, "％"), thousands separators and a trailing "分" or
    "万元" dropped ("万" too, in a money cell: “5.6万” is 5.6 万元); "92.5%" is 0.925. ``unit``: the cell's own (its label's, ``label_unit``):
    written after the number it is dropped (“12人” in 编制人数（人）), and in a money cell
    money written in the other unit is converted (“20000元” in a 万元 cell is 2) — elsewhere
    “元” is no number (it used to be dropped: 20000 元 read as 20000 万元); a percentage is a number
    only in a cell without a unit or in one of %. ``POINTS`` is the unit of 分值 and 得分 cells. Whole numbers come
    back as int (10, not 10.0), as forms write them. Raises ``NotANumber`` for any other text,
    or NaN/±inf.
    """
    if v is None:
        return None
    if isinstance(v, bool):
        raise NotANumber(str(v))
    if isinstance(v, (int, float)):
        if not math.isfinite(v):
            raise NotANumber(str(v))
        return v
    s = unicodedata.normalize("NFKC", str(v)).strip()
    s = (_THOUSANDS.sub("", s) if "," in s else s).replace(" ", "")
    scale = None
    written = ("万元" if s.endswith("万元") else "元" if s.endswith("元")
               else "万" if unit in _MONEY and s.endswith("万") else None)   # “5.6万” in a money cell: 万元
    if written:
        s = s[:-len(written)]
        written = "万元" if written == "万" else written
        if unit in _MONEY and written != unit:
            scale = _MONEY[written] / _MONEY[unit]
        elif written == "元" and unit != "元":
            raise NotANumber(str(v))
    elif s.endswith("分"):
        s = s[:-1]
    elif unit and unit != "%" and unit not in _MONEY and s.endswith(unit):
        s = s[:-len(unit)]
    if s == "":
        return None
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    # a percentage is no amount of money, people or points: “95%” in a 得分 cell (the 满意度 typed where
    # its score belongs) is not 0.95 分
    if not _NUMBER.fullmatch(s) or (percent and (scale is not None or unit not in (None, "%"))):
        raise NotANumber(str(v))
    n = float(Decimal(s) * scale) if scale is not None else float(s) / (100 if percent else 1)
    if not math.isfinite(n):
        raise NotANumber(str(v))
    return int(n) if n.is_integer() and abs(n) < 1e15 else n


def written_number(v: Any) -> Any:
    """A computed field as written, for comparison with its formula: "92.5%" -> 0.925.

    Numbers stay numbers; text that is a number (with or without %) becomes one; any
    other text is returned as text (it will be typed into the cell as written).
    """
    try:
        return parse_number(v)
    except NotANumber:
        return v


def to_number(v: Any) -> int | float | None:
    """``parse_number`` that answers None instead of raising: for arithmetic on optional cells."""
    try:
        return parse_number(v)
    except NotANumber:
        return None


def decimal_of(x: float | int | Decimal) -> Decimal:
    """The decimal a person wrote (0.1 is 0.1, not 0.1000000000000000055…). A float's own repr
    even for a subclass: NumPy 2 writes a numpy.float64 from a pandas table as “np.float64(0.5)”,
    which is no decimal (InvalidOperation)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(float.__repr__(x))
    return Decimal(x.__index__()) if hasattr(x, "__index__") else Decimal(x)  # numpy.int64 too


def plain_decimal(d: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 92.50 → "92.5", 100.00 → "100"."""
    s = f"{d:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def round2(x: float) -> float:
    """Half-up to 0.01, as a person rounds (8.235 → 8.24), not banker's rounding, and as ROUND(x,2) does in
    Excel and LibreOffice: on the number's 15 significant digits, so 3 − 0.1 × (1 − 0.8955) × 100, which is
    1.9549999999999998 in binary, is 1.955 and rounds to 1.96 (a 部门整体 score formula's twin said 1.95).
    A float of 1e15 or more has no hundredths to round (and 1e300 would need 303 digits): itself; so are
    inf, nan."""
    if not -1e15 < float(x) < 1e15:
        return float(x)
    d = Decimal(_as_on_sheet(x)) if isinstance(x, float) else decimal_of(x)
    return float(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# Texts of numbers already formatted by fmt and pct (issue #18), at most _SEEN_MAX each.
_FMT_SEEN: dict[tuple[float, int], str] = {}
_PCT_SEEN: dict[tuple[float | int, int, bool], str] = {}
_SEEN_MAX = 8192


def _remember(seen: dict[Any, str], key: Any, text: str) -> None:
    if len(seen) >= _SEEN_MAX:   # a bound, not an LRU: a batch's numbers come back within a workbook
        seen.clear()
    seen[key] = text


def fmt(x: float | int | None, places: int = 4, *, blank: str = "空白") -> str:
    """A number as a person writes it: 10, 18.5, 0.395, 833.33 (no float noise, no exponent);
    ``blank`` for a blank cell."""
    if x is None:
        return blank
    if type(x) is int and -2 ** 53 < x < 2 ** 53 and places > 0:
        return str(x)   # what the line below gives a whole number exact as a float, 5x faster (issue #18)
    kept = type(x) is float and x != 0   # 0.0 and -0.0: equal keys, and fmt(-0.0, 0) is "-"
    if kept:   # a batch writes the same few hundred scores thousands of times (issue #18)
        got = _FMT_SEEN.get((x, places))
        if got is not None:
            return got
    s = f"{round(float(x), places):.{places}f}".rstrip("0").rstrip(".")
    s = "0" if s in ("-0", "") else s
    if kept:
        _remember(_FMT_SEEN, (x, places), s)
    return s


# how a message says a cell holds nothing (“表中为空白”): the checks' messages, ``score_text`` and the 退回修改清单's
# 表中为 column (``review.notices``) alike, so the notice and its list tell a blank cell the same way
BLANK = "空白"


def score_text(x: float | int | None, places: int = 4, *, blank: str = BLANK, computed: bool = False) -> str:
    """A score, 分值 or 总分 as a message says it to a 填报人: “20 分”, “18.5 分” (``fmt`` and its unit, one
    space between them as every 校验 message writes a figure and its unit: “5.18 万元”). A blank cell is
    ``blank`` alone: “表中为空白”, never “空白 分”. Not for a rate, an amount or a count, which carry their
    own unit. The one place a message puts “分” after a score (a 填报人 read “得分应为 20，表中为 18.5”).
    ``computed``: a score a formula of the form works out into a cell of ``SCORE_FORMAT`` — the project form's
    执行率得分 and 总分, written or as they should be — said as that cell shows it (``score_shown``): “93.57 分”,
    not the “93.5714 分” of 10 × 35.71…% that the cell never shows (a typed 得分 is said as typed)."""
    if x is None:
        return blank
    return f"{score_shown(x)} 分" if computed else f"{fmt(x, places)} 分"


GENERAL = "General"   # a cell's number format that shows a number as typed (typed scores, 分值, counts)
SCORE_FORMAT = "0.00"  # a computed score's cell (总分, 执行率得分): two decimals, the same in every engine
# a 万元 cell of the forms and the 汇总表: two decimals, up to six where more are typed (1.995, 425.394936) —
# the figure the reports state too, so that 1.995 of 2 is never printed as the 2.00 of a budget spent in full
MONEY_FORMAT = "0.00####"
# Two 万元 figures are the same figure when they are at most half a cent (50 元) apart: a sum of
# 4-decimal amounts (425.395) and the two decimals a person copies of it (425.40) agree.
MONEY_TOL = 0.005


def _money_slack(a: float, b: float) -> float:
    # exactly half a cent must not be decided by the subtraction's binary noise: 425.40 − 425.395 is
    # 0.00499999999995, but 56.79 − 56.785 is 0.005000000000002558 (a third to two thirds of such pairs)
    return MONEY_TOL + 1e-9 * max(1.0, abs(a), abs(b))


def money_apart(a: float, b: float) -> bool:
    """More than half a cent apart (``MONEY_TOL``): a figure and its two-decimal rounding are not."""
    d = abs(a - b)
    return d > MONEY_TOL and d > _money_slack(a, b)   # the slack only near the edge (issue #18: per form)


def money_over(a: float, b: float) -> bool:
    """``a`` more than half a cent above ``b`` (an 执行数 over its 预算数, a cost over the budget)."""
    d = a - b
    return d > MONEY_TOL and d > _money_slack(a, b)


# The least 万元 figure that can be 元 typed in a 万元 cell (A16, F16, V16): a smaller one is no 元 of a
# county body's size, and a figure in 元 is at least a thousand times its like in 万元
YUAN_LEAST = 1000
# … and the 万元 figure no county project reaches (1,000,000 万元 = 100 亿元, more than a county spends in a year):
# a project's figure that large is 元 even where no other figure of the form shows it (A16)
YUAN_SURE = 1_000_000


def yuan_in_wan(value: float, other: float) -> bool:
    """Does ``value``, a 万元 figure, look like 元 beside ``other``, a figure of its size in 万元 (a 预算数 and
    its 执行数, this year's and last year's 三公经费)? At least a thousand times it, and divided by 10,000
    within 0.3–3 times it. A figure 1,200 times another (1,200 万元 budgeted, 1 万元 spent) is no 元."""
    return other > 0 and value >= YUAN_LEAST * other and YUAN_SPAN[0] <= value / 10000 / other <= YUAN_SPAN[1]


YUAN_SPAN = (0.3, 3)   # ``yuan_in_wan``: the 元 figure ÷ 10,000 within these times the other


def yuan_in_wan_formula(value: str, other: str) -> str:
    """``yuan_in_wan``'s Excel twin on the formulas ``value`` and ``other`` (numbers: wrap a cell in N()), the same
    operations in the same order; the division asked only where ``other`` is above 0 (IF is lazy, AND is not)."""
    share = f"({value})/10000/({other})"
    return (f"IF(({other})>0,AND(({value})>={YUAN_LEAST}*({other}),{share}>={YUAN_SPAN[0]},{share}<={YUAN_SPAN[1]}),"
            "FALSE)")


# Two scores are the same score within 0.01 分 (the rules D1–D14 and the 校验报告 alike): a 总分 typed 98.8
# beside a 复核 of 98.81 is a rounding of the indicators' scores, not a mistake to correct.
SCORE_TOL = 0.01


def scores_apart(a: float, b: float) -> bool:
    """More than ``SCORE_TOL`` apart, 1e-9 of slack for binary noise: the one test of whether two scores
    (a 得分 and its 复核, a 总分 and the sum of its scores) differ, for the rules, the 校验报告 and the reports."""
    return not abs(a - b) <= _SCORE_EDGE   # NaN (a score from a JSON form) is apart from every score


_SCORE_EDGE = SCORE_TOL + 1e-9   # one addition, not one a call: both are called ~7,600 times a 100-form workbook


def score_above(a: float, b: float) -> bool:
    """``a`` more than ``SCORE_TOL`` above ``b``: a 得分 over its 分值 (``score_above(score, weight)``), or a
    分值 its 得分 falls short of (``score_above(weight, score)``: not full marks — a 9.995 of 10 is full)."""
    return a - b > _SCORE_EDGE


def apart_formula(a: str, b: str) -> str:
    """``scores_apart``'s Excel twin, for the templates' conditional formats: the formulas ``a`` and ``b`` more
    than ``SCORE_TOL`` apart, the same slack written out."""
    return f"ABS(({a})-({b}))>{SCORE_EDGE_SAID}"


def above_formula(a: str, b: str) -> str:
    """``score_above``'s Excel twin: ``a`` more than ``SCORE_TOL`` above ``b`` (a 得分 short of its 分值 by a
    9.995 of 10 is full marks on screen too, as the rules take it)."""
    return f"({a})-({b})>{SCORE_EDGE_SAID}"


SCORE_EDGE_SAID = f"{_SCORE_EDGE:.9f}"   # 0.010000001: the slack of the twins, in a formula


_FIXED = re.compile(r"0(?:\.(0*)(#*))?")


def compared(x: float | int) -> float:
    """``x`` as a spreadsheet compares it: Excel rounds both operands of =, <>, <, >, <=, >= to 15
    significant digits for the comparison (LibreOffice's approximate equality is as fine), so a sum
    of scores that is 100.00500000000001 in binary is 100.005 to an 等级 formula. A Python twin of a
    formula's comparison compares this, or it decides by binary noise what no sheet shows."""
    return float(_as_on_sheet(x))


def sheet_le(a: float | int, b: float | int) -> bool:
    """``a <= b`` as a spreadsheet's comparison decides it (both operands ``compared``). Rounding to 15
    digits is monotonic and moves a number by less than 1e-14 of it, so only operands within 1e-12 of
    each other are rounded; every other pair is compared as it is (issue #18: per form, per band)."""
    return a <= b or (a - b <= 1e-12 * max(abs(a), abs(b)) and compared(a) <= compared(b))


def as_shown(x: float | int | Decimal, number_format: str = GENERAL) -> str:
    """A number as a cell of ``number_format`` shows it, so that a document states the figure the form
    displays: ``SCORE_FORMAT`` (0.00) rounds half-up on the decimal value, not the binary float
    (99.895 → "99.90", 100 → "100.00"), ``MONEY_FORMAT`` (0.00####) two decimals and up to four more where the
    value has them (88 → "88.00", 1.995 → "1.995"), ``GENERAL`` (or any other format) gives the value without
    trailing zeros (9.895, 95). A spreadsheet shows a double to 15 significant digits, so a sum of
    scores that is 99.89499999999999 as a float is the 99.895 a person reads (and shows 99.90, not
    99.89); a figure too large for that has no decimals to round: ``fmt``."""
    d = decimal_of(x)
    if not d.is_finite() or abs(d) >= Decimal("1e15"):
        return fmt(float(x))
    if isinstance(x, float) and d:
        d = Decimal(_as_on_sheet(x))
    m = _FIXED.fullmatch(number_format or "")
    if m:
        need, extra = len(m.group(1) or ""), len(m.group(2) or "")   # “0.00####”: two decimals, four more if any
        q = d.quantize(Decimal(1).scaleb(-(need + extra)), rounding=ROUND_HALF_UP)
        text = f"{q:f}"
        if extra:
            whole, _, frac = text.partition(".")
            frac = frac.rstrip("0").ljust(need, "0")
            text = f"{whole}.{frac}" if frac else whole
        return text[1:] if text.startswith("-") and not q else text  # no "-0.00"
    return plain_decimal(d)


def score_shown(x: float | int) -> str:
    """A score a formula works out (执行率得分, 总分: cells of ``SCORE_FORMAT``) as its cell shows it, without the
    format's trailing zeros, as messages and documents state it: 93.5714… → "93.57", 99.895 → "99.9" (half-up on
    the decimal the sheet holds, ``as_shown``), 100 → "100". Two scores ``scores_apart`` never read the same."""
    # remembered by value as ``pct`` (issue #18): ~190 a 100-form workbook, the messages of D7, D11, D12, D14 and
    # the reports; as_shown's decimal rounding was ~4 % of the per-form checking. 0 and -0.0 are not kept
    key = x if (type(x) is float or type(x) is int) and x else None
    if key is not None:
        got = _SCORE_SEEN.get(key)
        if got is not None:
            return got
    shown = as_shown(x, SCORE_FORMAT)
    text = shown.rstrip("0").rstrip(".") if "." in shown else shown
    if key is not None:
        _remember(_SCORE_SEEN, key, text)
    return text


_SCORE_SEEN: dict[float | int, str] = {}


def pct(rate: float | int | Decimal | None, *, places: int = 2, trim: bool = False, blank: str = "空白") -> str:
    """A rate as a percentage: 0.925 → "92.50%" (``trim``: "92.5%").

    Rounded half-up to ``places`` decimals of a point, except that a rate below 1 never
    shows as 100% and a rate above 0 never shows as 0% (24.9999 of 25 is "99.99%"): the
    reader of a form must not be told that an unspent budget was spent in full.
    """
    if rate is None:
        return blank
    # the same rate is shown by the scorer and by several rules (issue #18); keyed by value, which
    # fixes the text for an int or a float, except 0.0 and -0.0 ("-0.00%"), which are not kept
    key = (rate, places, trim) if (type(rate) is float or type(rate) is int) and rate else None
    if key is not None:
        got = _PCT_SEEN.get(key)
        if got is not None:
            return got
    r = decimal_of(rate) * 100
    if not r.is_finite():  # a rate over a budget of 5e-324 overflows to inf: no percentage to show
        return "无法计算"
    q = Decimal(1).scaleb(-places)
    with localcontext() as ctx:  # 1e300 as a percentage with 2 places needs ~303 digits, not 28
        ctx.prec = max(ctx.prec, r.adjusted() + places + 3)
        p = r.quantize(q, rounding=ROUND_HALF_UP)
        if r < 100 and p >= 100:
            p = r.quantize(q, rounding=ROUND_DOWN)
        if r > 0 and p == 0:
            p = r.quantize(q, rounding=ROUND_UP)
    text = (plain_decimal(p) if trim else f"{p:f}") + "%"
    if key is not None:
        _remember(_PCT_SEEN, key, text)
    return text


def cell_number(v: Any) -> int | float | None:
    """A cell as a spreadsheet formula sees it (``N()``, ``COUNT()``): a number, or None.

    Unlike ``to_number``, text is never a number here — "5.6" typed as text counts as
    blank in Excel, WPS and LibreOffice, so the formula twins must count it as blank too.
    """
    return v if is_number(v) else None
