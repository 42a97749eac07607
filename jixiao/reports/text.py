"""How figures and form text are written in the documents: money, rates, scores, dates, ordinals.

Every figure in the three documents and the 校验报告 is formatted here, once (over ``core.numbers``).
"""

from __future__ import annotations

import re
from typing import Any

from ..core import numbers
from ..core.dates import cn_date, impossible_date, time_only, written_date
from ..core.docno import standard_doc_numbers
from ..core.quotes import nest_quotes, nested, quoted_series  # noqa: F401 - where the documents' code finds them
from ..core.settings import TODO

CN_DIGITS = "零一二三四五六七八九"
ORD = "．"  # the full-width point after an arabic ordinal ("1．", GB/T 9704 third level): never read as a decimal point
CHECK = "【待核实】"  # a figure on a form that still has errors, when the documents are forced

# ----------------------------------------------------------------------------- formatting


def money(x: float | int | None) -> str:
    """万元 as the forms' and the 汇总表's 万元 cells show them (``core.numbers.MONEY_FORMAT``, 0.00####): two
    decimals, more only where the form holds more — 22.00, 5.18, 5.60, 1.995, 425.395 — in a sentence and a
    table alike. Never rounded to two: 1.995 of a budget of 2 would read 2.00, the budget spent in full."""
    if x is None:
        return TODO
    return numbers.as_shown(x, numbers.MONEY_FORMAT)


def num(x: float | int | None) -> str:
    """A score, 分值 or count as a typed cell (format 常规) shows it: 97.75, 100, 9.895
    (``core.numbers.as_shown``, which every score in the documents goes through)."""
    return TODO if x is None else numbers.as_shown(x)


def score2(x: float | int | None) -> str:
    """A computed score as its cell (总分, format 0.00) shows it: 98.8088… → 98.81, 99.895 → 99.90 (half-up
    on the decimal value, not the float), 100 → 100.00 (``core.numbers.as_shown``). How the reports a department
    sends state a project's 总分, in a sentence and in a table alike (“自评总分100.00分”): the figure its 定稿
    prints, and one column of the 整体报告's table in one style (it wrote “96” above “98.33”)."""
    return TODO if x is None else numbers.as_shown(x, numbers.SCORE_FORMAT)


def score_said(x: float | int | None) -> str:
    """A computed score as the 校验报告 states it to the 填报人, as 校验's messages do (``core.numbers.score_text``):
    the number its cell shows (``score2``) without the trailing zeros of the cell's format — “自评表总分100分”,
    “99.9分”, “98.81分”. The reports sent state it as the cell prints it (``score2``)."""
    return TODO if x is None else numbers.score_shown(x)


def pct(rate: float | None) -> str:
    """A rate as the 执行率 cell (format 0.00%) prints it: 92.50%, 74.11%, 100.00% (``core.numbers.pct``: never
    100% below 1), in a sentence and a table alike, as ``money`` (22.00) and ``score2`` (100.00) state their figures.
    The reports wrote “92.5%” and “100%” in one column of the 整体报告's table beside “74.11%”, and the 定稿 beside
    them prints 92.50% (s67): a 公文 states the figures of one kind to one precision. The one formatter of every
    percent the documents and the 校验报告 state; the “100%” of “执行率达到100%” is a threshold, no figure."""
    return numbers.pct(rate, blank=TODO)


def width_chars(s: str, latin: float = 0.5) -> float:
    """How many characters of the body's size ``s`` takes: a Chinese character or mark one, a figure or
    Latin letter ``latin`` (half in the reports' fonts; the review's notices print in LibreOffice with
    DejaVu Sans standing in for 仿宋's Latin letters: 0.65), other narrow marks half, and a quarter between
    a Chinese character and a figure or letter, which Word and LibreOffice put there by default
    (w:autoSpaceDN, w:autoSpaceDE): “2023年3月1日” is 7.25 — not beside a Chinese mark: “〔2024〕” is 4
    (LibreOffice's PDF). The one measure of printed width in characters (the letter's page fit, the
    signer's centring, the notices' attachment names)."""
    import unicodedata

    wide = [unicodedata.east_asian_width(ch) in "WFA" for ch in s]
    word = [ch.isascii() and ch.isalnum() for ch in s]
    spaced = [w and not unicodedata.category(ch).startswith("P") for w, ch in zip(wide, s)]
    gaps = sum(1 for k in range(1, len(s)) if (spaced[k - 1] and word[k]) or (word[k - 1] and spaced[k]))
    return sum(1.0 if w else latin if a else 0.5 for w, a in zip(wide, word)) + 0.25 * gaps


# the corner brackets written as escapes, as ``_CORNER`` below
OPENING = "（《〈\u300c\u300e“‘〔【(["                  # never at a line's end
CLOSING = "）》〉\u300d\u300f”’〕】)]%％，、。；：！？．,.;:!?"  # never at a line's start


def break_units(s: str) -> list[str]:
    """``s`` in the pieces a line break keeps whole, as LibreOffice breaks Chinese text: a character with
    the opening marks before it and the closing marks after it (“《关”, “知》”, “求，”), a word or figure of
    Latin letters and digits (“1,209.00”, “0316-” — a line may break after its hyphen), and a closing
    bracket or an ordinal's “．” with the figure after it: “〔2024〕12” and “1．2023” are one piece each,
    a line breaks before “〔” or after “12”.
    ``"".join`` of them is ``s``. The one rule of where a line may break (the letter's page fit, the
    notices' attachment names)."""
    out, i, n = [], 0, len(s)

    def word(k: int) -> bool:
        return k < n and s[k].isascii() and s[k].isalnum()

    while i < n:
        j = i
        while j < n and s[j] in OPENING:
            j += 1
        while True:
            if word(j):
                while word(j) or (j < n and s[j] in ".,:/" and word(j + 1)):
                    j += 1
                if j < n and s[j] == "-":
                    j += 1
            elif j < n:
                j += 1
            while j < n and s[j] in CLOSING:
                j += 1
            if not (word(j) and s[j - 1] in "〕）)】．"):
                break
        out.append(s[i:j])
        i = j
    return out


def counts_said(parts: list[tuple[str, int, str]], n: int) -> str:
    """Counts of ``n`` things split into kinds, as a report says them: (words before the count, count,
    words for "all of them are this kind"). Kinds with none are left out -- “未达到的0个” reads as a
    form's blank, not as a sentence -- and where one kind holds all ``n`` its "all" words are said."""
    shown = [(words, k, all_words) for words, k, all_words in parts if k]
    if len(shown) == 1 and shown[0][1] == n:
        return shown[0][2]
    return "，".join(f"{words}{k}个" for words, k, _ in shown)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三 (ordinals of （一） headings)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


_TRAIL = "。；;，,.、 \t"


def clean_text(s: Any) -> str:
    """Text from a form or a finding as it goes into a sentence: one line, no closing punctuation."""
    if s is None:
        return ""
    return " ".join(str(s).split()).strip(_TRAIL)


# GB/T 15834 in what a department sends: form text copied into a sentence takes Chinese punctuation.
_HAN = "\u4e00-\u9fff"
_CJK = f"[{_HAN}\u3000-\u303f\uff01-\uff5e“”‘’…—]"  # ideographs, CJK and full-width punctuation
_ZH_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_ZH_MARK = re.compile(rf"(?<={_CJK})\s*([,;:?!])\s*|\s*([,;:?!])\s*(?={_CJK})")
_PARENS = re.compile(rf"\(([^()]*[{_HAN}][^()]*)\)")
_DQUOTES = re.compile(rf'"([^"]*[{_HAN}][^"]*)"')
_CORNER = str.maketrans("\u300c\u300d\u300e\u300f", "“”‘’")  # corner brackets, written as escapes


# a full stop typed as “.” after a character, closing a sentence: “加强预算编制.”, “已收回财政. 下一步”
_ZH_STOP = re.compile(rf"(?<=[{_HAN}）”%％])\.\s*(?=$|[{_HAN}“（])")
# an arabic ordinal typed with “.” or “、” at the head of the text or of a clause: “1.加强”, “；2.细化”, “3、加强”
_ORDINAL = re.compile(rf"(?:(?<=^)|(?<=[；。：:;\s]))(\d{{1,2}})[.、．]\s*(?=[{_HAN}“（《])")
# marks typed twice, or a clause's mark before the full stop: “存在。。”, “不高，。”, “；；”
_DOUBLED = re.compile(r"[。，、；：]{2,}")
# an ellipsis typed after words as “...”, “。。。” or a single “…”: GB/T 15834's is “……” (“。。。” was one “。”)
_ELLIPSIS = re.compile(rf"(?<=[{_HAN}）”])(?:\.{{3,}}|。{{3,}}|…+)")


def zh_punctuation(s: str) -> str:
    """Half-width marks beside Chinese as their full-width forms, straight quotes and corner brackets as “”,
    a sentence's “.” as “。”, an arabic ordinal as “1．” (GB/T 9704), marks typed twice as one (“。。”, “，。”
    → “。”), an ellipsis typed “...”, “。。。” or “…” as “……”, and a 发文字号 as 〔2021〕164号 (GB/T 9704). Figures are left alone: 1,000 · 8:30 · 3.5 · (1)."""
    s = standard_doc_numbers(s)
    # brackets and quotes first: a mark beside one (…),"两病" is then beside a Chinese mark
    s = _PARENS.sub(r"（\1）", s)
    s = _DQUOTES.sub(r"“\1”", s).translate(_CORNER)
    s = _ZH_MARK.sub(lambda m: _ZH_PUNCT[m.group(1) or m.group(2)], s)
    s = _ORDINAL.sub(rf"\1{ORD}", _ZH_STOP.sub("。", _ELLIPSIS.sub("……", s)))
    return _DOUBLED.sub(lambda m: "。" if "。" in m.group(0) else m.group(0)[-1], s)


# a gap beside Chinese: between a character (or Chinese mark) and a figure, a Latin letter or a
# comparison sign, either way, and between a comparison sign and its figure (“≥ 105 人”)
_LATIN = "0-9A-Za-z%‰≥≤<>=＜＞"
_GAP = re.compile(rf"(?<={_CJK})[ \t\u00a0\u3000]+(?=[{_LATIN}])|(?<=[{_LATIN}])[ \t\u00a0\u3000]+(?={_CJK})"
                  r"|(?<=[≥≤<>=＜＞])[ \t\u00a0]+(?=[0-9])")


def zh_spacing(s: str) -> str:
    """Form text set as Chinese is: no gap between a character and a figure. Forms pasted out of a PDF
    carry them (“关于提前下达 2022 年中央……”, “≥ 105 人”); spaces between Latin words and figures stay
    (GB/T 9704-2012)."""
    return _GAP.sub("", s)


def zh_text(s: str) -> str:
    """Text typed by hand as a document a department sends prints it: Chinese punctuation and spacing
    (``zh_punctuation``, ``zh_spacing``), its closing mark kept: the 设置's paragraphs (存在的问题, 整改措施,
    其他说明), which stand as sentences of their own."""
    return zh_spacing(zh_punctuation(s))


def doc_text(s: Any) -> str:
    """Form text as it goes into a document a department sends: ``clean_text``, then Chinese
    punctuation and spacing (``zh_text``). The 校验报告 quotes the forms with ``clean_text`` alone (it shows
    what is there)."""
    return zh_text(clean_text(s))


# a gap typed inside a name between two Chinese characters or marks: “王\u3000\u3000某” (a two-character name spaced to
# the width of a three-character one), “大厂回族自治县 医疗保障局”, “县财政局 （绩效科）”
_NAME_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
# a 联系电话's figures with the gaps typed between them (“0316 - 8812345”, “0316 8812345”, “138 1234 5678”): one
# number of at most 12 digits (a landline with its area code, a mobile) is closed up, its area code joined by “-”;
# two numbers side by side keep their gap
_PHONE = re.compile(r"\d[\d\s\-－]*\d")
_AREA_CODE = re.compile(r"(0\d{2,3})[\s\-－]")   # typed apart from the number: “0316 ”, “0316-”
NAME_SETTINGS = ("unit", "signer", "addressee", "contact")


def name_text(s: Any) -> str:
    """A name as the documents print it (单位, 落款单位, 主送机关, 联系人): ``doc_text``, without the gaps typed
    inside it between Chinese characters."""
    return _NAME_GAP.sub("", doc_text(s))


def phone_text(s: Any) -> str:
    """A 联系电话 as the documents print it: ``doc_text``, the gaps inside one number closed (“0316-8812345”)."""
    def close(m: re.Match[str]) -> str:
        run = m.group(0)
        digits = re.sub(r"\D", "", run)
        if len(digits) > 12:
            return run
        area = _AREA_CODE.match(run)
        return f"{area.group(1)}-{digits[len(area.group(1)):]}" if area else digits
    return _PHONE.sub(close, doc_text(s))


def setting_text(settings: Any, key: str) -> str:
    """A 设置 field as every document a department sends prints it — the 报送函, the reports and the 定稿
    mail alike: typed by hand like the forms, so ``doc_text`` (one line, Chinese punctuation, the 文号 as
    〔2023〕5号), names by ``name_text``, the 联系电话 by ``phone_text``; "" where blank."""
    value = getattr(settings, key)
    if key in NAME_SETTINGS:
        return name_text(value)
    return phone_text(value) if key == "phone" else doc_text(value)


def quoted(s: Any) -> str:
    """Form text in double quotes in a sentence: “社会效益”; quotes inside it become single ones
    (GB/T 15834 nesting): “‘三公经费’控制率”."""
    return "“" + nested(doc_text(s)) + "”"


def bracketed(s: str) -> str:
    """``s`` as a note in brackets: “（…）”, or “〔…〕” where ``s`` holds round brackets of its own — an
    indicator named “（医疗保险报销结算）服务人数” printed “（（医疗保险报销结算）服务人数，偏差原因：…）”; a bracket
    inside a bracket of the same form is not written (GB/T 15834: the outer one 六角括号)."""
    return f"〔{s}〕" if "（" in s or "）" in s else f"（{s}）"


def date_text(s: str | None) -> str:
    """2023.3.1 / 2023-03-01 / 2023/3/1 → 2023年3月1日; a day no calendar has (2023.13.45) → 【待填写】,
    like a date not given (``impossible_date`` says so), and so is a time of day with no day (“12:00:00”, an
    Excel time value in the 填报日期 cell: ``core.dates.time_only``), which was printed as the 成文日期;
    anything else as written."""
    if not s or not str(s).strip() or impossible_date(s) or time_only(s):
        return TODO
    d = written_date(s)
    return cn_date(d) if d else doc_text(s)


_TITLE_END = "通知|意见|办法|方案|函|批复|决定|规定|细则|要求|安排"
# the 来文 as a title followed by its 发文字号 (after ``doc_text``: 廊财绩〔2023〕3号), either part alone
_CITED = re.compile(rf"《?(?P<title>.*(?:{_TITLE_END}))?》?\s*[（(]?\s*(?P<no>[{_HAN}]*〔\d{{4}}〕\d+号)\s*[）)]?")


def _quote_title(s: str) -> str:
    """The 来文 as GB/T 9704 cites a document: 《标题》（发文字号）; a number alone stays bare."""
    s = doc_text(s).strip("“”‘’")
    if s == TODO:
        return s
    m = _CITED.fullmatch(s)
    if m:
        title = (m.group("title") or "").strip("《》“” ")
        return f"《{title}》（{m.group('no')}）" if title else m.group("no")
    return s if s.startswith("《") else f"《{s}》"


