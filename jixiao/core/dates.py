"""The day a piece of form or settings text names: 2023.3.1, 2023-03-01, 2023/3/1, 2023年3月1日.

One reader for every place that needs a date from what people type: the 填报日期 that decides
which of two submissions is the later one, the 成文日期 a document prints, the deadline a
reviewer gives. Full-width digits count (NFKC); a day no calendar has (2023.2.30) is no date.
Also a day written in Chinese numerals, as 公文 dated before GB/T 9704-2012 (二〇二三年三月一日,
which a document now prints 2023年3月1日), and eight digits alone (20230301).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any, NamedTuple

from .lazyre import lazy
from .numbers import CN_DIGITS, cn_number

__all__ = ["YEAR_ANY", "YEAR_DU", "YEAR_LINE", "YEAR_NIAN", "YEAR_TESTS", "arabic_year", "bare_year", "cell_year", "cn_date",
           "BLANK_DATE_CODES", "BLANK_DATE_WHEN", "DateSlip", "LATE_YEARS", "date_blank_said", "date_slip", "impossible_date", "looks_like_date", "self_eval_date_said",
           "TIME_CELL", "time_only", "time_said", "written_date", "year_in"]

_DATE = r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})"
_WHOLE = re.compile(rf"\s*{_DATE}\s*日?\s*")
_WITHIN = re.compile(rf"((?:19|20)\d{{2}})\s*[.\-/年]\s*(\d{{1,2}})\s*[.\-/月]\s*(\d{{1,2}})")


_COMPACT = re.compile(r"\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*")
_CN_DIGIT = "[〇○零一二三四五六七八九]"
_CN_DATE = lazy(rf"({_CN_DIGIT}{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月"
                r"\s*([一二三四五六七八九十]{1,3})\s*日")


def _cn_year(digits: str) -> str:
    """Four Chinese digits (二〇二三) as Arabic ones (2023): a date's year and a year line's alike."""
    return "".join(str(CN_DIGITS[c]) for c in digits)


def _arabic(m: re.Match[str]) -> str:
    month, day = cn_number(m[2]), cn_number(m[3])
    return m[0] if month is None or day is None else f"{_cn_year(m[1])}年{month}月{day}日"


def _match(text: Any, within: bool) -> re.Match[str] | None:
    s = unicodedata.normalize("NFKC", str(text or ""))
    if "年" in s:
        s = _CN_DATE.sub(_arabic, s)
    if within:
        return _WITHIN.search(s) or _COMPACT.fullmatch(s)
    return _WHOLE.fullmatch(s) or _COMPACT.fullmatch(s)


# a time of day written alone: “12:00”, “12:00:00”, “9:05”, “12:00:00.5” (full-width colons as NFKC makes them)
_TIME_ONLY = re.compile(r"\s*([01]?\d|2[0-3])\s*:\s*([0-5]\d)(?:\s*:\s*([0-5]\d)(?:\.\d+)?)?\s*")


def time_only(v: Any) -> str | None:
    """The time of day a cell holds with no day — an Excel time value (``datetime.time``, “12:00:00” in a cell
    formatted hh:mm:ss, as the 填报人 typed “12:00” into a date cell), or the text of one — as the cell shows
    it (“12:00:00”); None for anything else. It is no date, nor a number: read as a value, “12:00:00” was
    the number 12 (a 时效指标's 实际完成值 scored as “12 月”, on time), and as a 填报日期 it was printed as
    the documents' 成文日期. Readers and documents say what it is instead (file, sheet and cell)."""
    if isinstance(v, datetime.time):
        return f"{v:%H:%M:%S}"
    if not isinstance(v, str) or ":" not in v and "：" not in v:
        return None
    s = unicodedata.normalize("NFKC", v)
    return s.strip() if _TIME_ONLY.fullmatch(s) else None


TIME_CELL = "单元格中只有时刻、没有日期（Excel 的时间值）"   # what a ``time_only`` cell is, as every message says it


def time_said(what: str, t: str) -> str:
    """The message on a date cell (``what``: 填报日期, 报告日期) holding a time of day alone (``t``, as ``time_only``
    gives it); the reader's note names the file, sheet and cell."""
    return f"{what}写的是“{t}”：{TIME_CELL}，不是日期；请把单元格格式设为“常规”后填写{what}（如 2023年3月1日）"


def looks_like_date(text: Any) -> bool:
    """The whole text is written as a date (whether or not the day exists)."""
    return _match(text, False) is not None


def written_date(text: Any, *, within: bool = False) -> datetime.date | None:
    """The day ``text`` names — the whole text, or (``within``) a date somewhere in it, as in
    “填报日期：2023年3月1日” — or None: no date, or no such day. A ``date`` is itself."""
    if isinstance(text, datetime.date):
        return text
    m = _match(text, within)
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None


def impossible_date(text: Any) -> bool:
    """Written as a date (2023年13月45日, 2023.2.30) but no such day: a document must not print it, nor a
    submission be filed by it."""
    return looks_like_date(text) and written_date(text) is None


# a date more than this many years after the year a form evaluates is a slip of the year (2027 for 2024)
LATE_YEARS = 2


class DateSlip(NamedTuple):
    """What is wrong with a date a form carries, held against the year it evaluates (``date_slip``): ``kind``
    "no_day" (written as a date, no calendar has it; ``day`` None), "before" (a year before), "within" (January
    to November of that year), "december" (its last month) or "late" (over ``LATE_YEARS`` years after)."""

    kind: str
    day: datetime.date | None


def date_slip(written: Any, year: int | None) -> DateSlip | None:
    """The one judgement of a date a form carries (报告日期, 填报日期, 部门意见的日期) against the budget year
    the form evaluates (``year``): None where nothing is wrong with it, or nothing can be said — blank, a
    time of day alone (the reader's X2 says that: ``time_said``), words with no date in them (“见评价报告”);
    else the ``DateSlip``. Each rule decides which slips it says and how: an evaluation report may be dated in
    the year evaluated, a self-evaluation is filled after it (a December date the documents only warn about:
    ``reports.render.date_after_year``). A date inside words (“2024年3月15日出具”) counts."""
    if written is None:
        return None
    if isinstance(written, datetime.date):
        day: datetime.date | None = written
    else:
        text = str(written).strip()
        if not text or time_only(text):
            return None
        if impossible_date(text):
            return DateSlip("no_day", None)
        day = written_date(text, within=True)
    if day is None or not year:
        return None
    if day.year < year:
        return DateSlip("before", day)
    if day.year == year:
        return DateSlip("december" if day.month == 12 else "within", day)
    if day.year > year + LATE_YEARS:
        return DateSlip("late", day)
    return None


def self_eval_date_said(what: str, written: Any, year: int | None) -> tuple[str, str] | None:
    """(message, what to type) for a date on a self-evaluation form (``what``: 填报日期, 报告日期, 部门（单位）意见的
    日期) that ``date_slip`` finds wrong, or None. A self-evaluation (自评) reports the whole year's spending, so
    it is filled after the year: a day in January to November of it, or before it, is the year typed for the
    year of writing, and the documents refuse it as their 成文日期; December is left to the documents' warning
    (some 通知 ask for the self-evaluation before the year closes)."""
    slip = date_slip(written, year)
    if slip is None or slip.kind == "december":
        return None
    text = str(written).strip()
    after = year + 1 if year else datetime.date.today().year
    like = f"{after}年3月1日"
    expected = f"{after}年1月1日以后的实际日期（如 {like}）" if year else f"实际的日期（如 {like}）"
    if slip.kind == "no_day":
        return f"{what}“{text}”不是日历上有的日期，请改为实际的日期（如 {like}）", expected
    if slip.kind == "within":
        return (f"{what}“{text}”在自评的 {year} 年度之内：自评的是 {year} 年度全年的预算执行，要到年度结束后"
                f"（{after}年1月1日以后）才能做，请改为实际的日期（如 {like}；多半是把年份写成了自评年度）", expected)
    if slip.kind == "before":
        return (f"{what}“{text}”早于自评的 {year} 年度：自评要到年度结束后才能做，请改为实际的日期"
                f"（如 {like}；多半是年份写错）", expected)
    n = slip.day.year - year if slip.day and year else 0
    return (f"{what}“{text}”比自评的 {year} 年度晚了 {n} 年，自评一般在年度结束后的次年做，请核对这个日期和表的年度"
            "（多半是年份写错）", expected)


# the rules (info variants of H10, F20, V22) that say a form's date was left blank: a 提示 while the 填报人 is
# filling the form (校验), listed by 定稿 and raised to a warning in the 财政局's review (``raised_in_review``)
BLANK_DATE_CODES = ("H11", "F21", "V23")
# when the 填报人 is asked to write it: said in 校验's hint, left out of the review's warning (the form was sent)
BLANK_DATE_WHEN = "表填完后、定稿报送前"


def date_blank_said(what: str, year: int | None) -> tuple[str, str]:
    """(message, what to type) for a date left blank on a self-evaluation form (``what``: 填报日期, 报告日期,
    部门（单位）意见的日期): filled in when the form is done, before the 定稿 that is sent — so a hint while it is
    being filled, a warning once it has been sent (``BLANK_DATE_CODES``)."""
    after = year + 1 if year else datetime.date.today().year
    like = f"{after}年3月1日"
    expected = f"{after}年1月1日以后的实际日期（如 {like}）" if year else f"实际的日期（如 {like}）"
    # the message says the 应为 whole: the 退回修改通知 then quotes no “应为” after it (``review.notices.item_text``)
    return f"{what}未填写，{BLANK_DATE_WHEN}请填写{expected}", expected


def cn_date(d: datetime.date) -> str:
    """A day as a document and a message write it: 2023年4月10日."""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_time(t: datetime.datetime) -> str:
    """A moment as a document and a message write it, to the minute: 2023年4月10日 09:05 (the day as
    ``cn_date``; “2023-04-10 09:05” or “2023-04-10T09:05:00” is a machine's, not a 公文's)."""
    return f"{cn_date(t)} {t:%H:%M}"


EXCEL_DAY_ZERO = datetime.date(1899, 12, 30)   # the day of a time with no day, as Excel's object model dates it
# a time past 24 hours (“25:30” typed: serial 1.0625) as Excel's object model dates it (pywin32, from 1899-12-30):
# 1899-12-31 01:30. No form holds a date before March 1900 (serial 61), so a date before it is such a span.
_SPAN_DAYS_END = datetime.date(1900, 3, 1)


def excel_span(v: Any) -> Any:
    """A value Excel's object model gives for a time past 24 hours (“25:30” typed, Excel's [h]:mm:ss: the date
    1899-12-31 01:30) as the span a file's reader gives for that cell (``timedelta(days=1, seconds=5400)``); any
    other value as it is. The add-in read it “1899/12/31 01:30”, the number 1899, where ``jixiao check`` read the
    file's span. (A file's reader dates such a serial from 1899-12-31, calamine's 1900-01-01 01:30 for a cell
    formatted h:mm, so this is for Excel's values only.)"""
    if v.__class__ is datetime.datetime and EXCEL_DAY_ZERO < v.date() < _SPAN_DAYS_END:
        return v - datetime.datetime.combine(EXCEL_DAY_ZERO, datetime.time())
    return v


def span_text(span: datetime.timedelta) -> str:
    """A span of time a cell holds (“25:30” typed into a cell: a file's readers give ``timedelta(days=1,
    seconds=5400)``; Excel's object model a date, ``excel_span``) as Excel shows it in [h]:mm:ss, “25:30:00”: it was
    “1 day, 1:30:00”, read as 1 天."""
    total = int(round(span.total_seconds()))
    sign, total = ("-", -total) if total < 0 else ("", total)
    hours, rest = divmod(total, 3600)
    return f"{sign}{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def cell_date_text(v: datetime.date) -> str:
    """A cell that holds a date (a 实际完成值 typed “2023-3-1”, which Excel and WPS turn into a date and show as
    2023/3/1) as the text a form is read as and a message quotes: 2023年3月1日, the way a message writes a day
    (``cn_date``). Where it holds a time of day too, as Excel and WPS show such a cell (yyyy/m/d hh:mm; the
    hour in two digits, which the parser needs after a day: “2023/3/19:05” is no time): 2023/3/1 10:00 — not ``cn_time``'s 2023年3月1日 10:00, which ``core.values.parse_value`` reads as a month
    with words after it (C10 then asked to rewrite a date cell). Never the machine's “2023-03-01 10:00:00”,
    which no 填报人 typed or saw. ``parse_value`` and ``written_date`` read each as they read that (the
    month 2023年3月; the day 2023-03-01, no day where a time is written with it)."""
    if isinstance(v, datetime.datetime) and v.date() == EXCEL_DAY_ZERO:
        # a time alone as Excel's object model gives it (pywin32's date of serial 0.0486: 1899-12-30 01:10), as a
        # file's readers give ``time(1, 10)``: the add-in read “1899/12/30 01:10”, the number 1899 to the rules
        return str(v.time())
    if isinstance(v, datetime.datetime) and (v.hour, v.minute, v.second) != (0, 0, 0):
        return f"{v.year}/{v.month}/{v.day} {v:%H:%M}" + (f":{v.second:02d}" if v.second else "")
    return cn_date(v)


_CN_YEAR = lazy(rf"(?<!{_CN_DIGIT}){_CN_DIGIT}{{4}}(?=\s*年)")


def arabic_year(text: str) -> str:
    """A year in Chinese numerals before 年 as digits: “（二〇二二年度）” → “（2022年度）”, as 公文 style writes
    titles; the year readers look for digits, and a form whose year line was written so was not read
    (“找不到年度”). Anything else is kept as it is (“二二年” is no year)."""
    if "年" not in text:
        return text
    return _CN_YEAR.sub(lambda m: _cn_year(m[0]), text)


def bare_year(v: Any) -> int | None:
    """A year written alone in a cell: the number 2023 (2023.0 as an engine may give it), or the text
    "2023" / "２０２３" (a number stored as text, as a pasted or text-formatted cell holds it); None for
    anything else — 22 or 3000 typed into the year cell is no year."""
    if isinstance(v, str):
        t = unicodedata.normalize("NFKC", v).strip()
        v = int(t) if t.isascii() and t.isdigit() and len(t) == 4 else None
    elif isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool) and 1990 <= v <= 2100:
        return v
    return None


# A year in text: “（2022年度）”, “2022年”, a 2022 standing apart from other digits.
YEAR_DU = re.compile(r"((?:19|20)\d{2})\s*年度")
YEAR_NIAN = re.compile(r"((?:19|20)\d{2})\s*年")
YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# a year line that is the year and nothing else, bracketed or after a label: “（2022）”, “年度：2022”
YEAR_LINE = re.compile(r"\s*\(?\s*(?:(?:预算|所属)?年度\s*:\s*)?((?:19|20)\d{2})\s*\)?\s*")
_YEAR_RX = {"du": YEAR_DU, "nian": YEAR_NIAN, "any": YEAR_ANY, "line": YEAR_LINE}
# The tests in the order a year line is read by: “2022年度” before a number alone, before “2022年”, before
# “（2022）” (a head's cells are searched test by test, the first test any cell passes wins: ``reading.header``)
YEAR_TESTS = ("du", "number", "nian", "line")


def cell_year(v: Any, test: str) -> int | None:
    """The year one cell gives by one test: "number" a year alone (``bare_year``), "du" “2022年度”,
    "nian" “2022年”, "line" the whole text a year bracketed or labelled (“（2022）”, “年度：2022”), "any"
    a 2022 apart from other digits, in its text (full-width digits and
    “二〇二二年” read as digits); None where that test finds none. One reading of a year cell for
    every reader: the template's A2, the label reader's year line and its 预算年度 label."""
    if test == "number":
        return bare_year(v)
    if v is None or isinstance(v, (int, float)):
        return None
    text = arabic_year(unicodedata.normalize("NFKC", str(v)))
    m = YEAR_LINE.fullmatch(text) if test == "line" else _YEAR_RX[test].search(text)
    return int(m.group(1)) if m else None


def year_in(v: Any, *, anywhere: bool = True) -> int | None:
    """The year of a cell that holds nothing else (a form's year cell: 2022, “（2022年度）”,
    “2022年”, “（2022）”), or None. ``anywhere``: also a 2022 standing apart in other text (“2022
    预算”), as a cell may hold it; not a year a person types (``--year``): “2021-2022” or “2022,2023”
    is no one year, and taking the first of them read the wrong year's forms without a word."""
    for test in (*YEAR_TESTS, "any") if anywhere else YEAR_TESTS:
        y = cell_year(v, test)
        if y is not None:
            return y
    return None
