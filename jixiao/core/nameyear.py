"""A year in a project's name that is not the form's 年度 (rules H8, V14).

A form copied from last year's, with only the figures changed, keeps last year's name: a 2022
项目支出绩效自评表 named “2021年医疗保障服务经费”. Other years in a name are normal and are not
reported:

- the year of a 文号, in brackets: “……冀财社〔2021〕164号”, “冀财社(2021)164 号” (a 2022 fund's document
  issued in 2021: ``docno``);
- a period that takes in the form's year: “2021-2023年三年行动”, “2021年至2023年”; a period that ends
  before it is a multi-year plan named at its start and is not judged either;
- a date or a deadline: “（2021 年 2 月 6 日至 6 月 30 日）”, “2021年底前”, “到2025年”;
- any name that also writes the form's own year (“关于提前下达 2022 年……”, “2022年……（含2021年结转）”);
- an earlier year with a word saying the money is that year's and spent now: 结转、结余、清算、结算、尾款、
  欠款、补发、续建、以前年度、上年, or is about that year's work: 奖励、奖补、考核、决算、审计、评价、验收
  (“2021年度医保基金监管考核奖励资金” is paid in 2022);
- a later year with 筹备、筹办 (“2024年省运会筹备经费” spent in 2023);
- a year more than 3 years away from the form's: an event the project is named after (“2008年地震灾后
  重建”), not a budget year copied from another form.

A later year with nothing of the kind is reported, 提前下达 included: an advance of next year's
transfer is put in next year's budget, so “提前下达2023年……” belongs on a 2023 form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from .docno import DOC_NO
from .lazyre import lazy

__all__ = ["NAME_YEAR_RULE", "name_year", "stray_year"]

_YEAR = r"(?:19|20)\d{2}"
_YEAR_BRACKETS = re.compile(rf"[〔［\[(（【]({_YEAR})[〕］\])）】]")   # a 文号's year cut short of its number
# “2021-2023年”, “2021年至2023年”, “2021—2023年度”: a period (whitespace is gone by then)
_PERIOD = re.compile(rf"({_YEAR})(?:年度?)?[-－—–~～至到]+({_YEAR})")
# a year as a name gives a budget year: “2021年”, “2021年度” — not a date (“2021年2月”), a deadline
# (“2021年底前”, “2021年以前”) or the end of a span (“到2025年”, “截至2021年”)
_NAMED = re.compile(rf"(?<![\d.至到止])({_YEAR})年(?!\d|[底末前]|以[前来]|之前)")
_PAST = lazy(r"结转|结余|清算|结算|尾款|欠款|欠费|补发|补缴|续建|以前年度|上年|往年|历年|奖励|奖补|考核|决算|审计|评价|验收")
_AHEAD = re.compile(r"筹备|筹办")
_NEAR = 3   # years either side that a copied name can be from
_ANY = re.compile(r"\d{4}\s*年")   # (``\d`` takes full-width digits too) a year at all: most names have none


def stray_year(name: str | None, year: int | None) -> int | None:
    """The year ``name`` gives as its budget year where that is not ``year`` (the form's), else None."""
    if not name or "年" not in name or not isinstance(year, int) or not _ANY.search(name):
        return None   # most names: no year written (quick tests first: the checker runs on 10,000 forms)
    s = "".join(unicodedata.normalize("NFKC", name).split())   # “２０２１ 年” as “2021年”
    s = _YEAR_BRACKETS.sub("", DOC_NO.sub("", s))
    for m in _PERIOD.finditer(s):
        if int(m.group(1)) <= year <= int(m.group(2)):
            return None
    s = _PERIOD.sub("", s)
    years = [int(m.group(1)) for m in _NAMED.finditer(s)]
    if not years or year in years:
        return None
    for y in years:
        if abs(y - year) > _NEAR or (y < year and _PAST.search(s)) or (y > year and _AHEAD.search(s)):
            continue
        return y
    return None


# the explanation of rules H8 (项目支出绩效自评表) and V14 (项目支出绩效评价表)
NAME_YEAR_RULE = """项目名称中写的年份与表的年度不同（如 2022 年度的表，项目名称是“2021年医疗保障服务经费”），多是
      沿用了上一年度的表而没有改名称，或年度填错：请核实项目名称和年度。文号中的年份（“冀财社〔2021〕164号”）、
      包含本年度的期间（“2021-2023年”）、日期（“2021 年 2 月”）、同时写了本年度的名称，以及以前年度的资金写明
      结转、清算、奖励等的名称不算。“提前下达2023年……”的资金编入 2023 年预算，应在 2023 年度自评、评价。"""


def name_year(name: str | None, year: int, cell: Callable[[str], str | None] | None = None,
              evaluated: str = "自评") -> tuple[str, str, str] | None:
    """(message, expected, found) of rules H8/V14 on a form named ``name`` whose 年度 is ``year``, or
    None; ``cell`` gives the cell of a field (the 年度's, which the message names), asked only for a hit;
    ``evaluated``: what the form is (自评, 评价)."""
    y = stray_year(name, year)
    if y is None:
        return None
    where = cell("year") if cell else None
    at = f"（{where}）" if where else " "   # a space beside a figure, none after a full-width bracket
    then = (f"{y} 年的资金结转到 {year} 年使用的，名称中写明“结转”" if y < year
            else f"{y} 年的资金在 {y} 年度{evaluated}，提前下达的也一样")
    written = (name or "").strip()
    return (f"项目名称“{written}”写的是 {y} 年，与表的年度 {year}{at}不同，请核实项目名称和年度",
            f"核实项目名称和年度（{then}）", written)
