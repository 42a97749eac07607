"""What the forms say, in the shape a report's statements are compared with.

One ``FormFacts`` per form: its amounts (年初预算数, 全年预算数, 全年执行数, 结余), 执行率,
自评总分 and 等级, each indicator's 指标值/完成值 and whether it fell short, and where each of
these sits on the form (file › sheet › cell) so that a finding can point at the cell the
report contradicts. Names are matched here too: a report calls a project by a short or
slightly different name ("法律顾问聘请" for 聘请法律顾问), and a reviewer wants to know which
form a section is about before comparing its numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checking.run import _cell, _sheet
from ..core.numbers import NotANumber, score_above, score_text, to_number
from ..core.rates import exec_rate, rate_written
from ..forms.project.model import Form
from ..reports import verdict
from ..forms.project.scoring import FormScore, grade, score_form
from ..sources import Loaded
from .document import norm

__all__ = ["Facts", "FormFacts", "NameMatch", "build_facts", "looks_like_project", "match_name", "name_key",
           "names_in"]

FIELD_ZH = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数", "balance": "结余",
            "exec_rate": "执行率", "total_score": "总分", "grade": "等级", "year": "年度",
            "target": "年度指标值", "actual": "实际完成值", "project": "项目名称"}
FIELD_PATH = {"initial": "funds.total.initial", "annual": "funds.total.annual",
              "executed": "funds.total.executed", "balance": "funds.total.executed",
              "exec_rate": "exec_rate", "total_score": "total_score", "grade": "total_score",
              "year": "year", "project": "project"}


@dataclass
class FormFacts:
    index: int
    item: Loaded
    score: FormScore
    profile: Any
    _read: tuple[Any, Any, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def form(self) -> Form:
        return self.item.form

    @property
    def name(self) -> str:
        return self.form.project

    def amount(self, key: str) -> float | None:
        if key == "balance":
            a, e = self.amount("annual"), self.amount("executed")
            return None if a is None or e is None else round(a - e, 6)
        return self.form.funds.column(key)

    def rate(self) -> float | None:
        """执行率 as a fraction (全年执行数 ÷ 全年预算数), as every command computes it."""
        return exec_rate(executed=self.amount("executed"), annual=self.amount("annual"))

    def amount_read(self, key: str) -> float | None:
        """``amount`` as the 复核, the 汇总表 and ``jixiao report`` read it: a 全年执行数 or 全年预算数 that looks like 元
        beside the other in 万元 (``core.rates.read_funds``), the 年初预算数 beside it (``core.rates.read_initial``).
        A report that states 1280000 (元) spent as “128.00万元” agrees with the form: R1 said it did not (s67). A form
        typed wholly in 元 is read in 万元 as ``jixiao report`` states it (``agreement.total_in_wan``, s68)."""
        initial, executed, annual = self.read
        if key == "balance":
            a, e = to_number(annual), to_number(executed)
            return None if a is None or e is None else round(a - e, 6)
        read = {"initial": initial, "executed": executed, "annual": annual}
        if key in read:
            return to_number(read[key])
        return self.amount(key)

    @property
    def read(self) -> tuple[Any, Any, Any]:
        """(年初预算数, 全年执行数, 全年预算数) in 万元 as the check reads them (``agreement.funds_of``), once."""
        from ..checking.rules.agreement import funds_of

        if self._read is None:
            self._read = funds_of(self.form, self.profile)[0]
        return self._read

    def rate_read(self) -> float | None:
        """``rate`` of the funds in 万元 (``read``), as ``amount_read``: the 执行率 R8 says beside a claim."""
        return exec_rate(executed=self.amount_read("executed"), annual=self.amount_read("annual"))

    def written_rate(self) -> float | None:
        """The 执行率 cell as written, as a fraction ("92.5%" → 0.925), if it is a number."""
        try:   # "92.5%" → 0.925; text “10” typed in the percent cell → 0.1, as every command reads it
            x = rate_written(self.form.exec_rate)
        except NotANumber:
            return None
        if x is None:
            return None
        return float(x) / 100 if x > 1.5 else float(x)  # 92.5 written without % means percent

    def grade(self) -> str | None:
        t = self.form.total_score
        return None if t is None else grade(float(t), self.profile)

    def where(self, path: str, label: str | None = None) -> str:
        """file › sheet › cell of a field, as a reviewer finds it (a JSON form: the field path)."""
        parts = [Path(self.item.file).name]
        if self.item.sheet:
            parts.append(_sheet(self.item, path) or self.item.sheet)   # the form's sheet, or its 续表
        cell = _cell(self.item, path) if self.item.sheet_form is not None else None
        parts.append(cell or path)
        return " › ".join(parts) + (f"（{label}）" if label else "")

    def shortfalls(self, indicators: list[int] | None = None) -> list[tuple[int, str]]:
        """Indicators that the form itself shows short: scored below weight, or actual below target."""
        out = []
        for i, ind in enumerate(self.form.indicators):
            if indicators is not None and i not in indicators:
                continue
            s = self.score.indicators[i] if i < len(self.score.indicators) else None
            w = ind.weight
            written_low = w is not None and ind.score is not None and score_above(float(w), float(ind.score))
            if written_low or (s is not None and verdict(s) == "unmet"):
                # “得分 0 分低于分值 15 分”: a score says its 分 as every message does (``score_text``)
                how = (f"得分 {score_text(ind.score)}低于分值 {score_text(w)}" if written_low
                       else f"实际完成值“{ind.actual}”未达到指标值“{ind.target}”")
                out.append((i, f"指标“{ind.name}”{how}"))
        return out


@dataclass
class Facts:
    forms: list[FormFacts]
    year: int | None
    names: list[tuple[str, int]] = field(default_factory=list)  # (normalized full name, form index), longest first
    quoted: list[str] = field(default_factory=list)  # normalized texts of the forms, longest first
    results: list[str] = field(default_factory=list)  # normalized 实际完成情况 (goal_actual) texts, longest first

    def total(self, key: str) -> float:
        return round(sum(f.amount(key) or 0 for f in self.forms), 6)

    def total_rate(self) -> float | None:
        return exec_rate(executed=self.total("executed"), annual=self.total("annual"))

    def total_read(self, key: str) -> float:
        """``total`` of each form's ``amount_read``: the 合计 the reports and the 汇总表 state (``summary.funds_totals``)."""
        return round(sum(f.amount_read(key) or 0 for f in self.forms), 6)

    def total_rate_read(self) -> float | None:
        return exec_rate(executed=self.total_read("executed"), annual=self.total_read("annual"))

    def grade_counts(self) -> Counter:
        return Counter(g for g in (f.grade() for f in self.forms) if g)


def build_facts(items: list[Loaded], profile: Any, scores: dict[str, FormScore] | None = None) -> Facts:
    scores = scores or {}
    forms = [FormFacts(i, it, scores.get(it.source) or score_form(it.form, profile), profile)
             for i, it in enumerate(items)]
    years = Counter(f.form.year for f in forms)
    names = sorted(((norm(f.name), f.index) for f in forms if norm(f.name)), key=lambda t: -len(t[0]))
    texts = {norm(t) for f in forms for t in (f.form.project, f.form.goal_expected, f.form.goal_actual,
                                               *(ind.reason for ind in f.form.indicators)) if t}
    quoted = sorted((t for t in texts if len(t) >= 6), key=len, reverse=True)
    results = sorted({norm(f.form.goal_actual) for f in forms if f.form.goal_actual}, key=len, reverse=True)
    return Facts(forms, years.most_common(1)[0][0] if years else None, names, quoted, results)


# ----------------------------------------------------------------------------- names

_TAIL = re.compile(r"(?:的?(?:使用|执行|支出|开展|实施)?情况|绩效目标表|绩效自评表|项目支出)$")
_PAREN = re.compile(r"[(（\[【〔][^)）\]】〕]*[)）\]】〕]")
_PUNCT = re.compile(r"[\s\"“”‘’'《》〈〉·•,，。.:：;；、!！?？\-—_()（）\[\]【】〔〕]")
_GENERIC = re.compile(r"^(?:年度|本年|全年|上年)?(?:预算|项目|财政|专项|部门|整体)*(?:资金|经费|支出|项目)$")
FUNDING_NOUN = re.compile(r"(?:经费|资金|费用|费|项目|补助|补贴|专项|工程|购置|改造)$")


def name_key(text: str) -> str:
    """A project name reduced for comparison: no brackets, punctuation or "使用情况"."""
    s = norm(text)
    s = re.sub(r"^(?:[(（]?[一二三四五六七八九十]+[)）、]|\d{1,2}[.．、])", "", s)
    s = _PAREN.sub("", s)
    s = _PUNCT.sub("", s)
    for _ in range(2):
        s = _TAIL.sub("", s)
    return s


def _dice(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    inter = sum((Counter(a) & Counter(b)).values())
    return 2 * inter / (len(a) + len(b))


NEAR = 0.7  # character overlap above which a differently written name is taken for the form's


@dataclass
class NameMatch:
    forms: list[int]          # the form(s) the name refers to; empty: none
    exact: bool               # the form's own name (or a plain short form of it)
    best: int | None = None   # the closest form, for a message
    similarity: float = 0.0


def match_name(text: str, facts: Facts) -> NameMatch:
    """The form(s) a heading's project name refers to."""
    key = name_key(text)
    if len(key) < 3:
        return NameMatch([], False)
    keys = [(name_key(f.name), f.index) for f in facts.forms]
    same = [i for k, i in keys if k == key]
    if same:
        return NameMatch(same, True, same[0], 1.0)
    inside = [i for k, i in keys if k and len(key) >= 4 and (key in k or (len(k) >= 4 and k in key))]
    if inside:
        return NameMatch(inside, True, inside[0], 1.0)
    scored = sorted(((_dice(key, k), i) for k, i in keys), reverse=True)
    if not scored:
        return NameMatch([], False)
    best, idx = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if best >= NEAR and best - second >= 0.1:
        return NameMatch([idx], False, idx, best)
    return NameMatch([], False, idx, best)


def looks_like_project(text: str) -> bool:
    """A heading that names a project (ends with 经费/资金/费 …), not a topic (预算安排情况)."""
    key = name_key(text)
    return bool(FUNDING_NOUN.search(key)) and not _GENERIC.match(key)


_QUOTED = re.compile(r"“[^”]*”|“[^”]*”|《[^》]*》|\"[^\"]*\"")


def names_in(text_norm: str, facts: Facts) -> list[tuple[int, int, int]]:
    """(start, end, form index) of each form's full name in a normalized sentence, longest first.

    A name in quotation marks (项目“……”) is a reference to another project, not what the
    sentence is about, and is left out."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text_norm)]
    taken: list[tuple[int, int, int]] = []
    for name, idx in facts.names:
        if len(name) < 4:
            continue
        for m in re.finditer(re.escape(name), text_norm):
            if any(m.start() < e and s < m.end() for s, e, _ in taken):
                continue
            if any(s <= m.start() and m.end() <= e for s, e in quoted):
                continue
            taken.append((m.start(), m.end(), idx))
    return sorted(taken)
