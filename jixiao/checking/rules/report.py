"""R — 报告与表格互证: a department's self-evaluation report read against its own forms.

The forms are the record; the report is what the department says about them. A report that
gives 年初预算数 568.64 万元 where the forms add up to 503.64, speaks of 2021年度 in a 2022
report, or says 不存在偏差 while a project spent 85.55 % contradicts the record, and a
reviewer otherwise finds that only by reading every sentence against every form.

Each rule looks at one kind of statement (``jixiao.reportcheck.statements``) and reports a
contradiction on the report's paragraph, quoting the sentence and naming the form cell it
contradicts. What is not a contradiction: a rate rounded to whole percent (99.75 % → 100 %),
an amount in 元 instead of 万元 or with more decimals than the form (5.18466 for 5.18), a
project called by a short name. A number whose project cannot be told (a section covering
several forms) is not compared at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from ...core import numbers
from ...core.grades import grades_said
from ...core.profiles import get_profile
from . import Hit, rule
from .funds import num
from ...core.numbers import score_text

if TYPE_CHECKING:  # reportcheck imports the rules: only the type checker goes the other way
    from ...forms.project.model import Indicator
    from ...reportcheck.facts import FormFacts
    from ...reportcheck.statements import Statement
    from ...core.values import Value

__all__ = ["REPORT", "ReportContext", "ReportHit"]

REPORT = "report"  # form_type of these rules: run by jixiao.reportcheck, not on forms


@dataclass
class ReportHit(Hit):
    paragraph: int = 0
    quote: str = ""
    against: str | None = None      # the form cell contradicted: file › sheet › cell（字段）
    project: str | None = None
    indicator: str | None = None    # the 三级指标 whose 指标值, 完成值 or 得分 it pairs with the report's (R6, R7)


@dataclass
class ReportContext:
    statements: list[Any]           # reportcheck.statements.Statement
    facts: Any                      # reportcheck.facts.Facts
    extra: dict[str, Any] = field(default_factory=dict)

    def of(self, kind: str) -> Iterator[Any]:
        return (s for s in self.statements if s.kind == kind)


def _agree(said: float, said_decimals: int, actual: float, actual_decimals: int | None = None) -> bool:
    """Equal up to the rounding of the coarser of the two (5.18466 万元 = 5.18; 425.394936 = 425.395)."""
    d = said_decimals if actual_decimals is None else min(said_decimals, actual_decimals)
    return abs(said - actual) <= 0.5 * 10 ** (-d) + 1e-9


def _decimals(x: float | None) -> int:
    if x is None:
        return 0
    s = num(x, 6)
    return len(s.split(".")[1]) if "." in s else 0


def _hit(st: Statement, field_: str, message: str, expected: Any = None, found: Any = None, against: str | None = None,
         project: str | None = None, indicator: str | None = None) -> ReportHit:
    at = st.data.get("at") or f"第{st.paragraph}段"  # a table row: 第9段后的表1第3行
    return ReportHit(field=field_, message=f"{at}：{message}", expected=expected, found=found,
                     paragraph=st.paragraph, quote=st.quote, against=against, project=project, indicator=indicator)


def _single(ctx: ReportContext, st: Statement) -> FormFacts | None:
    return ctx.facts.forms[st.forms[0]] if st.forms is not None and len(st.forms) == 1 else None


@rule("R1", "error", "报告中的金额与自评表不符",
      """报告写的下达/安排预算、年初预算数、支出（执行数）或结余金额，与它所说项目的自评表（全部项目时为各表合计）
      不符。元与万元的换算、比表中多写几位小数都不算不符。请按自评表改正报告，或核实自评表是否填错。""",
      form_type=REPORT)
def amounts(ctx: ReportContext) -> Iterator[ReportHit]:
    facts = ctx.facts
    for st in ctx.of("amount"):
        d = st.data
        keys = {"budget": ["annual", "initial"], "any": ["annual", "initial", "executed"]}.get(d["field"], [d["field"]])
        f = _single(ctx, st)
        if st.forms is None:
            values = {k: facts.total(k) for k in keys}
            read = [facts.total_read(k) for k in keys]
            where = {k: f"{len(facts.forms)} 张表的{_zh(k)}合计" for k in keys}
            project, whose = None, "各项目合计"
        elif f is not None:
            values = {k: f.amount(k) for k in keys}
            read = [f.amount_read(k) for k in keys]
            where = {k: f.where(_path(k), _zh(k)) for k in keys}
            project, whose = f.name, f"项目“{f.name}”"
        else:
            continue
        known = {k: v for k, v in values.items() if v is not None}
        # as written, or a figure in 元 read in 万元 as the 复核 and ``jixiao report`` state it (A2, A5, A16 say it)
        if not known or any(_agree(d["value"], d["decimals"], v, _decimals(v))
                            for v in [*known.values(), *(r for r in read if r is not None)]):
            continue
        k = next(iter(known))
        said = "、".join(f"{_zh(x)} {num(v)} 万元" for x, v in known.items())
        others = [x for x in ("initial", "annual", "executed", "balance") if x not in known and _agree(
            d["value"], d["decimals"], *((v, _decimals(v)) if (v := (facts.total(x) if f is None else f.amount(x)))
                                         is not None else (float("nan"), 0)))]
        hint = f"；{num(d['value'])} 万元是{_zh(others[0])}" + ("合计" if f is None else "") if others else ""
        yield _hit(st, _path(k), f"报告写“{d['text']}”（{_zh(d['field'])}），{whose}的{said}（{where[k]}）{hint}",
                   expected=known[k], found=d["value"], against=where[k], project=project)


def _zh(key: str) -> str:
    return {"budget": "预算数", "any": "金额", "initial": "年初预算数", "annual": "全年预算数",
            "executed": "全年执行数", "balance": "结余（全年预算数 − 全年执行数）"}.get(key, key)


def _path(key: str) -> str:
    return {"initial": "funds.total.initial", "annual": "funds.total.annual", "budget": "funds.total.annual",
            "any": "funds.total.annual"}.get(key, "funds.total.executed")


@rule("R2", "error", "报告中的执行率与自评表不符",
      """报告写的执行率与全年执行数 ÷ 全年预算数（全部项目时为合计之比）不符。按报告所写的位数四舍五入或舍去尾数后
      相等的不算不符（如 99.75% 写作 100% 或 99%），与自评表“执行率”栏所写一致的、与表中显示的写法一致的（执行数
      高于 0 时不显示为 0%：50 元对 1000 万元显示为 0.01%）也不算。""", form_type=REPORT)
def rates(ctx: ReportContext) -> Iterator[ReportHit]:
    for st in ctx.of("rate"):
        d = st.data
        f = _single(ctx, st)
        if st.forms is None:
            rate, written, where, project = ctx.facts.total_rate(), None, "各表全年执行数合计 ÷ 全年预算数合计", None
            read, whose = ctx.facts.total_rate_read(), "各项目合计"
        elif f is not None:
            rate, written, project, read = f.rate(), f.written_rate(), f.name, f.rate_read()
            where, whose = f.where("exec_rate", "执行率"), f"项目“{f.name}”"
        else:
            continue
        if rate is None:
            continue
        pct = float(rate * 100)
        if _rate_agrees(d["value"], d["decimals"], pct) or _as_pct_shows(d["value"], d["decimals"], rate) or \
                (written is not None and _rate_agrees(d["value"], d["decimals"], written * 100)):
            continue
        # the funds in 万元, a figure in 元 read as the 复核 and ``jixiao report`` read it
        if read is not None and read != rate and (_rate_agrees(d["value"], d["decimals"], float(read * 100))
                                                  or _as_pct_shows(d["value"], d["decimals"], read)):
            continue
        yield _hit(st, "exec_rate", f"报告写“{d['text']}”，{whose}的执行率为 {numbers.pct(rate, trim=True)}（{where}）",
                   expected=round(pct, 2), found=d["value"], against=where, project=project)


def _as_pct_shows(said: float, decimals: int, rate: float) -> bool:
    """``said`` is the rate as ``numbers.pct`` shows it at the report's places, which never shows a rate above 0
    as 0% nor one below 1 as 100%: 50 元 spent of 1,000 万元 is “0.01%” in the form's 执行率, in the reports
    jixiao writes and in the department's own; R2 called that “0.01%” wrong beside its own “0.01%”."""
    shown = numbers.pct(rate, places=decimals, trim=True)
    return shown.endswith("%") and numbers.parse_number(shown[:-1]) == said


def _rate_agrees(said: float, decimals: int, pct: float) -> bool:
    """Rounded (99.75 % → 100 %) or cut off (99.75 % → 99 %) to the places the report writes."""
    return _agree(said, decimals, pct, 6) or 0 <= pct - said < 10 ** (-decimals) - 1e-9


@rule("R3", "error", "报告中的项目个数与自评表不符",
      """报告写的纳入自评的项目个数（如“共计 23 个项目”）与随报告报送的自评表张数不符：少报、多报了项目，
      或自评表不全。请核对报告与自评表是否对应。""", form_type=REPORT)
def counts(ctx: ReportContext) -> Iterator[ReportHit]:
    n = len(ctx.facts.forms)
    for st in ctx.of("count"):
        if st.data["value"] != n:
            yield _hit(st, "project", f"报告写“{st.data['text']}”，随报告的自评表共 {n} 张",
                       expected=n, found=st.data["value"], against=f"{n} 张自评表")


@rule("R4", "error", "报告中的年度与自评表不符",
      """报告把评价年度写成了另一年（如 2022 年度的报告中写“2021 年度”），多是沿用了上一年报告的文字。
      文件名、文号中的年份和“结转至 2023 年度”之类的写法不算。""", form_type=REPORT)
def years(ctx: ReportContext) -> Iterator[ReportHit]:
    facts = ctx.facts
    years_ = {f.form.year for f in facts.forms}
    for st in ctx.of("year"):
        y = st.data["value"]
        f = _single(ctx, st)
        expected = f.form.year if f is not None else facts.year
        if expected is None or y == expected or (f is None and y in years_):
            continue
        first = f or next(x for x in facts.forms if x.form.year == expected)
        where = first.where("year", "年度")
        yield _hit(st, "year", f"报告写“{st.data['text']}”，自评表的年度为 {expected}（{where}）",
                   expected=expected, found=y, against=where, project=f.name if f else None)


@rule("R5", "warning", "报告中的项目在自评表中找不到",
      """报告用一个小标题介绍的项目，在自评表中找不到同名或相近名称的项目：可能漏报了这个项目的自评表，
      或报告与自评表用的不是同一个名称。请统一名称，或补报自评表。这一节中的金额和结论无法与表核对。""",
      form_type=REPORT)
def unknown_names(ctx: ReportContext) -> Iterator[ReportHit]:
    for st in ctx.of("name"):
        m = st.data["match"]
        if m.forms:
            continue
        msg = f"报告中的项目“{st.data['heading']}”在自评表中找不到"
        against = None
        if m.best is not None and m.similarity >= 0.5:
            f = ctx.facts.forms[m.best]
            against = f.where("project", "项目名称")
            msg += f"；名称最接近的是“{f.name}”（{against}）"
        yield _hit(st, "project", msg, found=st.data["heading"], against=against)


@rule("R6", "error", "报告中的指标值或完成值与自评表不符",
      """报告写的某个三级指标的年度指标值或实际完成值，与该项目自评表上同名指标所写不符（如报告写覆盖率
      “≥80%”，表中为“≥70%”）。单位换算后相等的不算。请按自评表改正报告，或核实表中所填。""", form_type=REPORT)
def indicators(ctx: ReportContext) -> Iterator[ReportHit]:
    from ...core.values import parse_value

    for st in ctx.of("indicator"):
        f = _single(ctx, st)
        if f is None:
            continue
        d = st.data
        said = parse_value(d["value"])
        verdicts = [_indicator_agrees(said, f.form.indicators[i], d["part"]) for i in d["indicator"]]
        if not verdicts or any(v is not False for v in verdicts):
            continue  # agrees with (one of) the indicators of that name, or cannot be compared
        idx = d["indicator"][0]
        ind = f.form.indicators[idx]
        form_text = ind.target if d["part"] == "target" else ind.actual
        label = "年度指标值" if d["part"] == "target" else "实际完成值"
        path = f"indicators[{idx}].{d['part']}"
        # the indicator named where the form's cell is (“…› F15（“足额发放率”的实际完成值）”): the 对照 a list, a
        # sheet or the notice prints beside the report's value said only “（实际完成值）”, not which row (s68)
        where = f.where(path, f"“{ind.name}”的{label}")
        yield _hit(st, path, f"报告写指标“{ind.name}”{label}为“{d['value']}”，项目“{f.name}”的自评表中为“{form_text}”（{where}）",
                   expected=form_text, found=d["value"], against=where, project=f.name, indicator=ind.name)


def _indicator_agrees(said: Value, ind: Indicator, part: str) -> bool | None:
    """True/False when the report's value can be compared with the form's cell, None when not."""
    from ...core.units import per_factor
    from ...core.values import as_percent, bare_other_unit, fraction_of_percent, paired, parse_value, share_percent

    have = parse_value(ind.target if part == "target" else ind.actual)
    # as the scorer pairs them: the form's “1.25万” against “≥1.2万人” is 1.25 万人, the report's too against the form's
    have = paired(have, parse_value(ind.actual))[0] if part == "target" else paired(parse_value(ind.target), have)[1]
    said = paired(have, said)[1]
    if not (said.is_number and have.is_number) or said.kind != have.kind:
        return None
    if part == "actual" and have.unit is None and fraction_of_percent(parse_value(ind.target), have.number, text=True) \
            and have.number is not None \
            and _indicator_agrees(said, ind.model_copy(update={"actual": as_percent(have.number)}), part):
        return True   # “0.95” against “≥90%” is 95% to the scorer and in jixiao's own report: either reading agrees
    money = bare_other_unit(parse_value(ind.target), have.number) if part == "actual" and have.unit is None else None
    if money is not None:     # “51800” against “≤5.6万元” is 51800 元 to the scorer and in jixiao's own report
        have = parse_value(f"{have.raw}{money[1]}")
    share = share_percent(parse_value(ind.target), have) if part == "actual" else None
    if share is not None:     # “12/12” against “=100%” is 100% to the scorer (C15), not 12%
        have = parse_value(as_percent(share / 100))
    # a bare number ("833.33") is in the unit of the other side, or of the target, as the scorer reads it
    unit = have.unit_text or said.unit_text or parse_value(ind.target).unit_text
    if unit and have.unit_text is None:
        have = parse_value(f"{have.raw}{unit}")
    if unit and said.unit_text is None:
        said = parse_value(f"{said.raw}{unit}")
    if said.unit_dim and have.unit_dim and said.unit_dim != have.unit_dim:
        return None
    if said.number is None or have.number is None:
        return None  # is_number held above; a value read again with its unit keeps its number
    if said.per != have.per:      # “1次/月” is “12次/年”, “300元/人/月” “3600元/人/年”; “1次/周” and “4次/月” unknown
        per = per_factor(said.per, have.per)
        if per is None:
            return None
        return abs(said.number * per - have.number) <= 1e-9 * max(1.0, abs(have.number)) and (
            part != "target" or _same_way(said, have))
    same = _agree(said.number, said.decimals, have.number, have.decimals) or \
        abs(said.number - have.number) <= 1e-9 * max(1.0, abs(have.number))
    if same and said.high is not None and have.high is not None:     # “80%-95%” is not “80%-90%”
        same = abs(said.high - have.high) <= 1e-9 * max(1.0, abs(have.high))
    return same and (part != "target" or _same_way(said, have))


def _same_way(said: Value, have: Value) -> bool:
    """Whether a target in the report and on the form bound the same way (one of them with none says nothing)."""
    sd, hd = said.direction, have.direction
    return sd is None or hd is None or sd == hd or {sd, hd} <= {"ge", "gt"} or {sd, hd} <= {"le", "lt"}


@rule("R7", "error", "报告中的得分或等级与自评表不符",
      """报告写的项目自评总分、等级，或各等级的项目个数，与自评表总分栏所写（及按评分方案由总分定的等级）不符；
      或报告写的某个指标的得分（“……指标得分 9 分”“……得满分”）与自评表上该指标的得分不符。复核得分不在此列。""",
      form_type=REPORT)
def scores(ctx: ReportContext) -> Iterator[ReportHit]:
    for st in ctx.of("score"):
        f = _single(ctx, st)
        if f is None or f.form.total_score is None:
            continue
        t = float(f.form.total_score)
        if _agree(st.data["value"], st.data["decimals"], t, _decimals(t)):
            continue
        where = f.where("total_score", "总分")
        yield _hit(st, "total_score", f"报告写“{st.data['text']}”，项目“{f.name}”自评表的总分为 {score_text(t, computed=True)}（{where}）",
                   expected=t, found=st.data["value"], against=where, project=f.name)
    for st in ctx.of("grade"):
        f = _single(ctx, st)
        if f is None:
            continue
        g = f.grade()
        if g is None or g == st.data["value"]:
            continue
        where = f.where("total_score", "总分")
        # a word of another scale (“合格”): none of the bands, said so — not taken for one
        other = "" if st.data["value"] else f"，不是等级分段（{grades_said(get_profile(f.profile).grade_bands)}）中的等级"
        yield _hit(st, "total_score", f"报告写“{st.data['text']}”{other}，项目“{f.name}”自评表总分 {score_text(f.form.total_score, computed=True)}，"
                   f"等级应为“{g}”（{where}）", expected=g, found=st.data["value"] or st.data["text"], against=where,
                   project=f.name)
    yield from _indicator_scores(ctx)
    for st in ctx.of("grades"):
        have = ctx.facts.grade_counts()
        said = st.data["value"]
        wrong = {g: n for g, n in said.items() if have.get(g, 0) != n}
        if wrong:
            text = "、".join(f"“{g}”{have.get(g, 0)}个" for g in said)
            yield _hit(st, "total_score", f"报告写“{st.data['text']}”，按各表总分为 {text}",
                       expected=dict(have), found=said, against=f"{len(ctx.facts.forms)} 张表的总分")


@rule("R8", "error", "报告中的笼统结论与自评表矛盾",
      """报告说“不存在偏差”“全部完成”“均已实现”“全部按时按量完成”“未发现问题”之类的结论，而它所说的项目（全部
      项目时任何一个项目）的自评表显示执行率低于 100%、有指标得分低于分值或实际完成值未达到指标值。只说预算执行
      的结论只与执行率比对，只说指标的只与指标得分和完成值比对，只说“达到指标值”的只与完成值比对。请如实写明偏差及原因。""", form_type=REPORT)
def claims(ctx: ReportContext) -> Iterator[ReportHit]:
    for st in ctx.of("claim"):
        if st.forms is not None and len(st.forms) != 1:
            continue
        forms = ctx.facts.forms if st.forms is None else [ctx.facts.forms[st.forms[0]]]
        topic = st.data["topic"]
        only = st.data.get("indicators") if st.forms is not None else None
        problems: list[tuple[Any, str, str]] = []
        for f in forms:
            rate = f.rate_read()    # 76.5 spent of 800000 (元): 95.63 %, not “执行率 0.01%” (s68)
            if topic in ("funds", "both") and rate is not None and rate < 1 and only is None:
                problems.append((f, f"执行率 {numbers.pct(rate, trim=True)}", "funds.total.executed"))
            if topic in ("targets", "indicators", "both"):
                short = f.shortfalls(only) if topic != "targets" else [
                    (i, s) for i, s in f.shortfalls(only) if "未达到指标值" in s]
                for i, s in short[:1]:
                    problems.append((f, s + (f" 等 {len(short)} 项" if len(short) > 1 else ""), f"indicators[{i}].score"))
        if not problems:
            continue
        # the projects furthest from the claim named first (lowest 总分, then lowest 执行率): “均已实现” beside
        # three projects scored 0 named the 92.5% one first and left the 0s among “等 12 个项目”
        problems.sort(key=lambda pr: _distance(pr[0]))
        by_form: dict[int, list[str]] = {}
        for f, what, _p in problems:
            by_form.setdefault(f.index, []).append(what)
        shown = "；".join(f"“{ctx.facts.forms[i].name}”{'，'.join(w)}" for i, w in list(by_form.items())[:3])
        more = f"等 {len(by_form)} 个项目" if len(by_form) > 3 else ""
        f0, _w, p0 = problems[0]
        where = f0.where(p0, "全年执行数" if p0.startswith("funds") else "得分")
        yield _hit(st, p0, f"报告称“{st.data['text']}”，但{shown}{more}（{where}）",
                   found=st.data["text"], against=where, project=f0.name if st.forms is not None else None)


def _distance(f: Any) -> tuple[float, float]:
    """How far a form is from “all done”: its 总分 as written (blank as 100), then its 执行率 (blank as 1)."""
    total = getattr(f.form, "total_score", None)
    rate = f.rate_read()
    return (total if isinstance(total, (int, float)) else 100.0, rate if rate is not None else 1.0)


@rule("R9", "info", "报告中的项目名称与自评表不一致",
      """报告小标题中的项目名称与自评表的项目名称写法不同（如“法律顾问聘请”与“聘请法律顾问”），但可以认出是哪个
      项目，据此与该表核对。报送前宜统一成自评表上的名称。只是简称的不提示。""", form_type=REPORT)
def name_variants(ctx: ReportContext) -> Iterator[ReportHit]:
    for st in ctx.of("name"):
        m = st.data["match"]
        if not m.forms or m.exact:
            continue
        f = ctx.facts.forms[m.forms[0]]
        where = f.where("project", "项目名称")
        yield _hit(st, "project", f"报告中的项目“{st.data['heading']}”与自评表的项目名称“{f.name}”不一致（{where}）",
                   expected=f.name, found=st.data["heading"], against=where, project=f.name)


def _indicator_scores(ctx: ReportContext) -> Iterator[ReportHit]:
    """An indicator's score in prose against the form's 得分 of that indicator (issue 19);
    "得满分" is the indicator's 分值."""
    for st in ctx.of("indicator_score"):
        f = _single(ctx, st)
        if f is None:
            continue
        d = st.data
        inds = [(i, f.form.indicators[i]) for i in d["indicator"]]
        have = [(i, float(ind.score), ind.weight) for i, ind in inds if isinstance(ind.score, (int, float))]
        said, decimals = d["value"], d["decimals"]
        if not have or (said is None and any(w is None for _i, _h, w in have)):
            continue
        if any(_agree(float(w) if said is None else said, 2 if said is None else decimals, h, _decimals(h))
               for _i, h, w in have):
            continue
        idx, h, w = have[0]
        ind = f.form.indicators[idx]
        path = f"indicators[{idx}].score"
        where = f.where(path, f"“{ind.name}”的得分")
        how = f"得分 {score_text(h)}" + (f"（分值 {score_text(w)}）" if said is None else "")
        yield _hit(st, path, f"报告写指标“{ind.name}”“{d['text']}”，项目“{f.name}”自评表中该指标{how}（{where}）",
                   expected=h, found=w if said is None else said, against=where, project=f.name, indicator=ind.name)
