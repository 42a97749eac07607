"""Finding a report's statements about its forms, and which project each one is about.

A report is read top to bottom the way a reviewer reads it: a heading "（三）通用办公设备及家具配置
费用使用情况" opens that project's section, a heading "二、绩效目标实现情况" returns to the
department as a whole, and a sentence that names a project by its full name is about that
project whatever section it stands in. Each statement records its paragraph, the sentence
(what a finding quotes) and its scope: ``None`` for the department as a whole, a list of
form indices for a project (one form; several when a short name fits several forms, and
then no number is compared: the report may be summing them).

Precision over recall: a number is taken as a statement about the forms only when the words
before it say which column it is (下达/安排/支出/执行数/结余 …); 其中, 每, 人均, a bound
(≤ 5.6 万元) or arithmetic (= 0 万元) mean it is something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.grades import BAND_WORD_RX, NO_GRADE, OTHER_SCALE, grade_word, stated_grade_word
from .document import Paragraph, name_windows, norm, sentences
from .facts import Facts, NameMatch, looks_like_project, match_name, names_in
from .indicator_scores import indicator_scores
from .sections import heading_parts, pick_named

__all__ = ["Statement", "extract", "extract_tables"]

NUM = r"(\d+(?:\.\d+)?)"


@dataclass
class Statement:
    kind: str              # amount | rate | count | year | name | indicator | score | grade | grades | claim
    paragraph: int
    quote: str
    forms: list[int] | None  # None: the department as a whole
    data: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------- amounts

_SEP = r"[,;:()。、「」“”\"《》【】]"
_MONEY = re.compile(rf"(?<![\d.]){NUM}(万元|亿元|元|万(?![\u4e00-\u9fff]))(?!/)")
_AMOUNT_KEYS = [  # (pattern, field); the one nearest before the number decides
    (r"年初预算数?", "initial"), (r"全年预算数?|调整后预算数?", "annual"),
    (r"预算数|预算资金|预算|下达|安排|批复|到位", "budget"), (r"拨付", "any"),
    (r"执行数|支出数|支出|支付|发放|执行|使用|花费", "executed"), (r"结余|剩余", "balance"),
]
_AMOUNT_SKIP = re.compile(r"其中|每|人均|月均|平均|单价|成本|标准|指标值|完成值|不超过|不高于|不低于|不少于|"
                          r"以内|表中|应为|本项目|该项目|分项|总额")
_WHOLE_MARK = re.compile(r"合计|共计|总计|总体|全部项目|共\d+个")
_WHOLE_ABOUT = re.compile(r"自评|评价")  # a total of the evaluated projects, not of the department's budget
_WHOLE_NOT = re.compile(r"基本支出|人员经费|公用经费|收入|部门预算|部门整体|决算")


def _clause_before(t: str, pos: int) -> str:
    m = None
    for m in re.finditer(_SEP, t[:pos]):
        pass
    return t[m.end() if m else 0:pos]


def _clause_after(t: str, pos: int) -> str:
    m = re.search(_SEP, t[pos:])
    return t[pos: pos + m.start()] if m else t[pos:]


def _amounts(t: str) -> list[dict[str, Any]]:
    out = []
    for m in _MONEY.finditer(t):
        pre, post = _clause_before(t, m.start()), _clause_after(t, m.end())
        if _AMOUNT_SKIP.search(pre) or re.search(r"[≥≤<>=+×÷*/~-]$", pre) or re.match(r"以上|以下|以内|左右|/", post):
            continue
        if t[m.end():m.end() + 1] in ("、", "和", "及", "与", "+"):
            continue  # the first of a list of items (支付网络费8.18万元、维护费7.99万元), not the project's total
        key, best = None, (-1, 0)
        for pat, k in _AMOUNT_KEYS:  # the keyword ending nearest the number; the longer at a tie
            for km in re.finditer(pat, pre):
                if (km.end(), len(km.group(0))) > best:
                    key, best = k, (km.end(), len(km.group(0)))
        if re.match(r"(?:全部)?(?:结余|未支出|未使用|未拨付)", post):
            key = "balance"
        if key is None:
            continue
        number, unit = m.group(1), m.group(2)
        scale = {"元": 1e-4, "亿元": 1e4}.get(unit, 1.0)
        decimals = len(number.split(".")[1]) if "." in number else 0
        decimals += {"元": 4, "亿元": -4}.get(unit, 0)
        out.append({"field": key, "value": round(float(number) * scale, 10), "decimals": max(decimals, 0),
                    "text": m.group(0), "pos": m.start()})
    return out


_RATE = re.compile(rf"执行率(?:为|是|达到|达|仅为|仅|约为|约)?{NUM}%(?!的|以上|以下|及以上)")


def _rates(t: str) -> list[dict[str, Any]]:
    out = []
    for m in _RATE.finditer(t):
        pre = _clause_before(t, m.start())
        if re.search(r"未|不|低于|超过|高于|小于|大于", pre[-4:]):
            continue
        number = m.group(1)
        out.append({"value": float(number), "decimals": len(number.split(".")[1]) if "." in number else 0,
                    "text": m.group(0), "pos": m.start()})
    return out


_COUNTS = [re.compile(p) for p in (
    r"(?:项目|自评|评价)[^,;:。]{0,12}?共计?(\d+)个(?!指标)", r"项目共计?(\d+)个",
    r"纳入(?:绩效)?(?:自评|评价)(?:范围)?的项目(?:共计?)?(\d+)个", r"对(?:\d{4}年度?)?(\d+)个项目",
    r"共计?(\d+)个项目")]


def _counts(t: str) -> list[dict[str, Any]]:
    out, seen = [], set()
    for rx in _COUNTS:
        for m in rx.finditer(t):
            pre = _clause_before(t, m.start(1))
            if re.search(r"涉及|其中|未|达到|指标|执行率|的\d*$", pre) or m.start(1) in seen:
                continue
            seen.add(m.start(1))
            out.append({"value": int(m.group(1)), "text": m.group(0), "pos": m.start()})
    return out


_YEAR = re.compile(r"(?<![\d(\[〔])((?:19|20)\d{2})(?:年度|年(?=[,:]))")
_YEAR_NOT = re.compile(r"(?:至|到|截至|截止|结转|上|与|较|比|自|从|于|同)$")


def _years(t: str) -> list[dict[str, Any]]:
    out = []
    for m in _YEAR.finditer(t):
        if _YEAR_NOT.search(t[max(0, m.start() - 3):m.start()]) or \
           re.match(r"(?:以前|以来|之前|相比|同期|结转|底|末|至|到)", t[m.end():m.end() + 3]):
            continue
        out.append({"value": int(m.group(1)), "text": m.group(0), "pos": m.start()})
    return out


_SCORE = re.compile(rf"(?:自评总分|自评得分|综合得分|总得分|总分|得分)(?:为|是|达到)?{NUM}分")
# a grade in words as ``core.grades`` reads it (“优秀” is 优); a word of another scale (“合格”) only
# where the sentence says it is the 等级 (“评定为合格” is as often a 验收's verdict), its value None:
# no band is taken for it (R7 says which the form's total earns)
_GRADE = re.compile(rf"(?:等级|评定|评价结果|评级|等次)(?:为|是|评定为)?[“\"']?({BAND_WORD_RX})(?![\u4e00-\u9fff])")
_OTHER_GRADE = re.compile(rf"(?:等级|评级|等次)(?:为|是|评定为)?[“\"']?({'|'.join(OTHER_SCALE)})(?![\u4e00-\u9fff])")
_GRADES = re.compile(rf"[“\"']?({BAND_WORD_RX})[”\"']?(?:等级|等次)?(\d+)个")


def _scores(t: str) -> list[dict[str, Any]]:
    out = []
    for m in _SCORE.finditer(t):
        pre = _clause_before(t, m.start())
        if re.search(r"复核|按.*规则|应为|指标|执行率|扣", pre):
            continue
        number = m.group(1)
        out.append({"value": float(number), "decimals": len(number.split(".")[1]) if "." in number else 0,
                    "text": m.group(0), "pos": m.start()})
    return out


def _grades(t: str) -> list[dict[str, Any]]:
    out = []
    for m in sorted([*_GRADE.finditer(t), *_OTHER_GRADE.finditer(t)], key=lambda m: m.start()):
        if re.search(r"复核", _clause_before(t, m.start())):
            continue
        out.append({"value": grade_word(m.group(1)), "text": m.group(0), "pos": m.start()})
    return out


def _grade_counts(t: str) -> dict[str, Any] | None:
    """“优”20个、“差”3个 — only where the sentence is about grades (not 相差3个百分点)."""
    if not re.search(r"等级|等次|自评结果|评价结果|评为|评定", t):
        return None
    found = {grade_word(g) or g: int(n) for g, n in _GRADES.findall(t)}
    return {"value": found, "text": "、".join(f"{g}{n}个" for g, n in found.items())} if found else None


# ----------------------------------------------------------------------------- blanket claims

_CLAIMS = [re.compile(p) for p in (
    r"(?:不存在|没有|无|未(?:出现|发现))(?:明显|任何)?偏差",
    r"(?:全部|均已?|都已?|全面|圆满|各项(?!目)[^,;:。]{0,10}?)(?:按时按量|按时按质|按期|顺利|如期)?(?:完成|实现|达到|达成)"
    r"(?!情况|率|度|时间|进度|质量|值)",
    r"(?:实现|完成|达到|达成)了?(?:全部|各项|所有|预期|年度)[^,;:。]{0,12}?(?:目标|指标|任务)",
    r"(?:未发现|没有发现|不存在)(?:任何|明显)?问题")]
_NEGATED = re.compile(r"未|没|不|无法|是否|尚|难以|部分")  # in the few characters before: 未全部完成
_QUALIFIED = re.compile(r"并未|未全部|尚未|(?<!不)存在偏差|未达到|未完成|有待核实|无法核实|未支出")


def _claims(t: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k, rx in enumerate(_CLAIMS):
        for m in rx.finditer(t):
            if k in (1, 2) and _NEGATED.search(t[max(0, m.start() - 4):m.start()]):
                continue
            clause = _clause_before(t, m.start()) + m.group(0) + _clause_after(t, m.end())
            if k in (1, 2) and not re.search(r"目标|指标|任务", clause):
                continue
            if re.search(r"设定|编制|申报|填报", clause):
                continue  # how targets were set or forms filled in, not whether they were met
            if _QUALIFIED.search(t[m.end():]):
                continue
            if k == 0 or k == 3:
                funds = bool(re.search(r"预算执行|资金|支出|执行率", clause)) and not re.search(r"目标|指标|绩效|结果", clause)
                topic = "funds" if funds else "both"
            else:
                topic = ("targets" if "指标值" in clause else
                         "indicators" if "指标" in clause and not re.search(r"目标|资金|预算|偏差|执行率", clause)
                         else "both")
            if any(o["pos"] <= m.start() < o["end"] for o in out):
                continue
            out.append({"text": m.group(0), "topic": topic, "pos": m.start(), "end": m.end()})
    return out


# ----------------------------------------------------------------------------- indicators

_TARGET = re.compile(rf"^[(:为是]*(?:年度指标值|指标值|目标值|目标)?[为是:]?(≥|≤|>|<|=|不低于|不少于|不高于|不超过){NUM}"
                     r"([%\u4e00-\u9fff/]{0,4})")
_ACTUAL = re.compile(rf"(?:实际完成值|完成值|实际完成|实际为|实际达到)[为是:]?(?!≥|≤|>|<){NUM}([%\u4e00-\u9fff/]{{0,4}})")


def _indicator_claims(t: str, names: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """指标值 / 完成值 stated right after an indicator's name ("覆盖率≥80%", "（指标值≥90%，完成值95%）").

    ``indicator`` is the list of the form's indicators of that name (a form may repeat a name)."""
    same: dict[str, list[int]] = {}
    for name, k in names:
        same.setdefault(name, []).append(k)
    out = []
    for s, _e, i, window in name_windows(t, same):
        mt = _TARGET.match(window)
        if mt:
            out.append({"indicator": i, "part": "target", "text": mt.group(0).lstrip("(:为是"),
                        "value": (mt.group(1) or "") + mt.group(2) + mt.group(3), "pos": s})
        ma = _ACTUAL.search(window)
        if ma and not re.match(r"以上|以下|以内", window[ma.end():]):
            out.append({"indicator": i, "part": "actual", "text": ma.group(0), "value": ma.group(1) + ma.group(2),
                        "pos": s})
    return out


# ----------------------------------------------------------------------------- the walk

def _mask(t: str, facts: Facts) -> str:
    """Blank out titles in 《》 and text copied from the forms (names, goals, reasons): what a
    report quotes from a form cannot contradict it, and a document title's year is not the
    report's year."""
    t = re.sub(r"《[^》]*》", lambda m: "#" * len(m.group(0)), t)
    for text in facts.results:  # "实际完成情况：全部完成" quotes the form's own 实际完成情况
        for lead in ("完成情况:", "完成情况："):
            t = t.replace(lead + text, lead + "#" * len(text))
    for text in facts.quoted:
        if len(text) >= 6 and text in t:
            t = t.replace(text, "#" * len(text))
    return t


def extract(paragraphs: list[Paragraph], facts: Facts) -> list[Statement]:
    out: list[Statement] = []
    # a report checked against one form is about that project throughout
    default: list[int] | None = [0] if len(facts.forms) == 1 else None
    section: list[int] | None = default
    section_level = 0  # the heading level that opened the project section
    section_names: dict[int, str] = {}  # a heading listing projects by short names: form → that name
    for p in paragraphs:
        if not p.text.strip():
            continue
        if p.level is not None:
            m = match_name(p.text, facts)
            section_names = heading_parts(p.text, facts) if not m.forms else {}
            if section_names:  # "（三）法律顾问和执法用车": each part one form
                m = NameMatch(sorted(section_names), True, min(section_names), 1.0)
            if m.forms or looks_like_project(p.text):
                section, section_level = m.forms, p.level
                out.append(Statement("name", p.n, p.text.strip(), m.forms,
                                     {"match": m, "heading": p.text.strip()}))
            elif section is None or p.level <= section_level:
                section = default  # a topic heading ("二、绩效目标实现情况") ends the project's section
            continue
        carried: list[int] | None = None
        for sent in sentences(p.text):
            t = norm(sent)
            named = names_in(t, facts)
            if named:
                carried = [named[-1][2]]

            def scope(pos: int) -> list[int] | None:
                before = [idx for s, _e, idx in named if s <= pos]
                if before:
                    return [before[-1]]
                if named:
                    return [named[0][2]]
                if carried is not None:
                    return carried
                if section is not None and len(section) > 1:  # the one project of the section it names
                    one = pick_named(t, pos, section, facts, section_names)
                    return [one] if one is not None else section
                return section

            whole = bool(_WHOLE_MARK.search(t) and _WHOLE_ABOUT.search(t) and not _WHOLE_NOT.search(t))
            for a in _amounts(t):
                sc = scope(a["pos"])
                if sc is None and not whole:
                    continue
                out.append(Statement("amount", p.n, sent, sc, a))
            for r in _rates(t):
                sc = scope(r["pos"])
                if sc is None and not whole:
                    continue
                out.append(Statement("rate", p.n, sent, sc, r))
            if scope(0) is None:
                for c in _counts(t):
                    out.append(Statement("count", p.n, sent, None, c))
                g = _grade_counts(t)
                if g:
                    out.append(Statement("grades", p.n, sent, None, g))
            masked = _mask(t, facts)
            for y in _years(masked):
                out.append(Statement("year", p.n, sent, scope(y["pos"]), y))
            sc0 = scope(0)
            ind_scores = indicator_scores(t, facts.forms[sc0[0]].form.indicators) \
                if sc0 is not None and len(sc0) == 1 else []
            for s in _scores(t):
                sc = scope(s["pos"])
                if any(a <= s["pos"] + len(s["text"]) - 1 and s["pos"] < b for a, b in
                       (x["span"] for x in ind_scores)):
                    continue  # an indicator's score ("满意度得分9分"), not the project's 总分
                if sc is not None:
                    out.append(Statement("score", p.n, sent, sc, s))
            for g in _grades(t):
                sc = scope(g["pos"])
                if sc is not None:
                    out.append(Statement("grade", p.n, sent, sc, g))
            for x in ind_scores:
                out.append(Statement("indicator_score", p.n, sent, sc0, x))
            if sc0 is not None and len(sc0) == 1:
                f = facts.forms[sc0[0]]
                names = [(norm(ind.name), i) for i, ind in enumerate(f.form.indicators) if ind.name]
                for ic in _indicator_claims(t, names):
                    out.append(Statement("indicator", p.n, sent, sc0, ic))
                ind_in = sorted({i for n, i in names if len(n) >= 2 and n in t})
            else:
                ind_in = []
            for c in _claims(masked):
                sc = scope(c["pos"])
                c["indicators"] = ind_in or None
                out.append(Statement("claim", p.n, sent, sc, c))
    return out


# ----------------------------------------------------------------------------- tables

_COLUMNS = [  # header words → what the column holds (the first that fits)
    (r"年初预算", "initial"), (r"全年预算|调整后预算", "annual"), (r"预算|下达|安排", "budget"),
    (r"执行率", "rate"), (r"执行数|支出|执行金额|执行", "executed"), (r"结余", "balance"),
    (r"得分|总分|自评分", "score"), (r"等级|等次", "grade"), (r"项目名称|项目", "name"),
]
_CELL_NUM = re.compile(r"^-?\d+(?:\.\d+)?%?$")


def extract_tables(tables: list, paragraphs: list[Paragraph], facts: Facts) -> list[Statement]:
    """A table of projects (项目名称 | 全年预算数 | 全年执行数 | 执行率 | 得分 | 等级): each figure
    of a row that names a form is a statement about that form; a 合计 row about all of them."""
    out: list[Statement] = []
    texts = {p.n: p.text for p in paragraphs}
    for tb in tables:
        head: int | None = None
        cols: dict[int, str] = {}
        for r, row in enumerate(tb.rows):
            found: dict[int, str] = {}
            for c, cell in enumerate(row):
                for pat, kind in _COLUMNS:
                    if re.search(pat, norm(cell)) and kind not in found.values():
                        found[c] = kind
                        break
            if "name" in found.values() and len(found) >= 2:
                head, cols = r, found
                break
        if head is None:
            continue
        unit_text = " ".join(tb.rows[head]) + texts.get(tb.after, "")
        yuan = bool(re.search(r"单位[:：]\s*元|[（(]元[)）]", unit_text))
        name_col = next(c for c, k in cols.items() if k == "name")
        for r, row in enumerate(tb.rows[head + 1:], start=head + 2):
            if name_col >= len(row):
                continue
            name = row[name_col]
            key = norm(name)
            if re.search(r"合计|总计", key):
                forms = None
            else:
                exact = [i for n, i in facts.names if n == key]
                m = match_name(name, facts) if not exact else None
                forms = exact[:1] if exact else (m.forms if m and len(m.forms) == 1 else [])
                if not forms:  # a short name several forms share: the one it names exactly, if any
                    one = pick_named(key, 0, m.forms if m and len(m.forms) > 1 else list(range(len(facts.forms))),
                                     facts)
                    forms = [one] if one is not None else []
                if not forms:
                    continue
            quote = "｜".join(row)
            at = f"第{tb.after}段后的表{tb.k}第{r}行" if tb.after else f"表{tb.k}第{r}行"
            for c, kind in cols.items():
                if c >= len(row) or kind == "name":
                    continue
                cell = norm(row[c])
                if kind == "grade":
                    if forms is not None and stated_grade_word(cell) and grade_word(cell) != NO_GRADE:
                        out.append(Statement("grade", tb.after, quote, forms,   # “合格”: None, no band
                                             {"value": grade_word(cell), "text": row[c], "at": at}))
                    continue
                if not _CELL_NUM.match(cell):
                    continue
                number = cell.rstrip("%")
                decimals = len(number.split(".")[1]) if "." in number else 0
                data = {"value": float(number), "decimals": decimals, "text": row[c], "at": at}
                if kind == "rate":
                    out.append(Statement("rate", tb.after, quote, forms, data))
                elif kind == "score":
                    if forms is not None:
                        out.append(Statement("score", tb.after, quote, forms, data))
                else:
                    if yuan:
                        data.update(value=round(float(number) * 1e-4, 10), decimals=decimals + 4)
                    out.append(Statement("amount", tb.after, quote, forms, {**data, "field": kind}))
    return out
