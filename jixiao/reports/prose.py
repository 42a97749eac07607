"""The sentences of the documents about one project: funds, goal, indicators.

Wording follows the numbers: a 资金 clause says 不存在偏差 only when 执行数 equals 预算数; a blank
指标值 or 完成值 is never called 达到.
"""

from __future__ import annotations

import re
from collections import Counter

from ..forms.project.scoring import IndicatorScore
from ..core.settings import TODO
from ..core.claims import claims_all_done, is_bare_claim
from ..core.numbers import score_above
from ..core.values import units_as_written, with_target_unit
from .facts import GROUPS, Project, group_of, verdict
from .text import CHECK, bracketed, clean_text, counts_said, doc_text, money, nested, num, pct, score2

# ----------------------------------------------------------------------------- clauses


def funds_clause(p: Project, group_said: bool = False) -> str:
    """"X下达22万元，支出22万元，执行率100%，…" with wording that follows the numbers.

    A figure a checker error touches carries 【待核实】 (only in forced documents: otherwise the
    forms have no errors). ``group_said``: the paragraph above the list already said, once for the group,
    that the projects at 100% spent everything without deviation (``context.rates_split`` with
    ``verdict``): a fully spent project's line then gives its own figures only — the demo's list said
    “资金已全部支出，预算执行不存在偏差” after each of its 12 such projects, line after line."""
    a, e = p.annual, p.executed
    # each figure marked as the tables mark it (``Project.figure_flag``): the 执行率得分 is not said here
    mark = p.figure_flag("rate")
    if a is None or a == 0:
        what = "为0" if a == 0 else "未填写"
        return f"{p.name}全年预算数{what}{p.figure_flag('annual')}，执行率无法计算（{TODO}）。"
    head = (f"{p.name}下达{money(a)}万元{p.figure_flag('annual')}，支出{money(e or 0)}万元{p.figure_flag('executed')}，"
            f"执行率{pct(p.rate)}{mark}")
    if e is None:
        return head + f"，自评表未填写全年执行数（{TODO}）。"
    if p.fully_spent:
        return head + ("。" if group_said else "，资金已全部支出，预算执行不存在偏差。")
    if p.over:
        return head + f"，超支{money(e - a)}万元。"  # not “超过预算…”: that amount is no 预算数
    if e == 0:
        return head + f"，资金未支出，{money(a)}万元全部结余，预算执行存在偏差。"
    return head + f"，结余{money(a - e)}万元，未全部支出，预算执行存在偏差。"


def goal_clause(p: Project) -> str:
    """年度总体目标 and 实际完成情况 as written, with the figures beside a claim they qualify. A report a
    department sends with its form must not deny the form: a bare “已完成” beside money left unspent was
    replaced by “目标未全部完成，其中执行率为92.5%……”, the tool's verdict in the department's mouth, while
    its own form said 已完成 (and every indicator may have been met). The claim is kept and the facts that
    qualify it are stated, each as the form gives it: “年度目标已完成，预算执行率为92.5%，尚有1.5万元未支出”;
    an indicator below its 指标值 bounds the claim, “除1项指标未达到指标值外，年度目标已完成”. (Before s41
    it read “已完成（……目标未全部完成）”, denying itself.) A longer account is kept and the figures follow it."""
    f = p.form
    expected = doc_text(f.goal_expected) or TODO
    actual = doc_text(f.goal_actual)
    text = f"年度总体目标：{expected}。实际完成情况：{actual or TODO}"
    if claims_all_done(actual):
        money_left = (f"预算执行率为{pct(p.rate)}，尚有{money((p.annual or 0) - (p.executed or 0))}万元未支出"
                      if p.under and p.rate is not None else "")
        unmet = f"{len(p.unmet)}项指标未达到指标值" if p.unmet else ""
        # (indicators that cannot be judged: the indicators' account after this sentence says so, once)
        if is_bare_claim(actual) and (money_left or unmet):
            claim = f"除{unmet}外，年度目标已完成" if unmet else "年度目标已完成"
            # “……外，年度目标已完成；预算执行率……”: a 分号 after a clause of its own, else one sentence
            text = f"年度总体目标：{expected}。实际完成情况：" + ("；" if unmet else "，").join(
                x for x in (claim, money_left) if x)
        elif money_left or unmet:
            text += "。" + "；".join(x for x in (money_left, unmet) if x)
    total = p.row.get("total")
    mark = p.flag("total", "grade", "indicators", "exec", "funds")
    # as the form shows its 总分 (format 0.00): 98.80882… of a computed 执行率得分 is 98.81, 99.895 is 99.90
    # the 等级 follows the 总分: a 总分 to verify leaves its 等级 to verify too (the 报送函 marks the count)
    grade = p.row.get("grade")
    text += f"。自评总分{score2(total)}分{mark}，等级为“{grade or TODO}”{mark if grade else ''}"
    return text + "。"


def shown_score(s: IndicatorScore) -> float:
    """The score the form gives an indicator (the scorer's where the form left it blank)."""
    return s.written if s.written is not None else s.score


def _indicator_text(p: Project, i: int, s: IndicatorScore) -> str:
    ind = p.form.indicators[i]
    name = doc_text(ind.name) or f"第{i + 1}个指标"
    # “≥95 百分比”, “≥6 次数” as a 公文 writes them (“≥95%”, “≥6次”: ``core.values.units_as_written``,
    # the checker's C16/C17 应写作), not copied from the form
    target = units_as_written(doc_text(ind.target) or "")
    # a bare “9000” against “≥8000人次” with the target's unit, as the scorer reads it (“完成值9000人次”)
    actual = with_target_unit(units_as_written(doc_text(ind.actual) or ""), target)
    text = f"{name}（指标值{_as_value(target)}，完成值{_as_value(actual)}"
    v = verdict(s, ind)
    mark = p.flag(f"indicators[{i}]")
    if v == "unmet":
        w = "未填写" if s.weight is None else f"{num(s.weight)}分"
        shown = shown_score(s)
        # full marks beside “未达到指标值” contradict each other: a draft marks the score whatever the checker
        # says; a form without errors (校验 only warned, D8) is the 填报人's to send, and a mark there made the
        # 定稿 mail leave the report out as a draft
        full = s.weight is not None and not score_above(s.weight, shown) and bool(p.errors)
        text += f"，未达到指标值，得{num(shown)}分{mark or (CHECK if full else '')}，分值{w}"
    elif v == "met" and mark and _only_scored(p, i):
        # a met indicator scored wrong (12 of 10): the draft says the score and marks it, not the 完成值 the
        # 填报人 then checks again in vain (“完成值7.46万元【待核实】” of a score 校验 named at H17)
        w = "未填写" if s.weight is None else f"{num(s.weight)}分"
        text += f"，得{num(shown_score(s))}分{mark}，分值{w}"
    elif v == "met" and mark:
        text += mark
    # an indicator that cannot be judged: said once for the project (``unverified_line``), its mark there
    return text + "）"


_SCORED = (".score", ".weight")


def _only_scored(p: Project, i: int) -> bool:
    """Whether what a draft marks on the ``i``-th indicator is its 得分 or 分值 alone: each marked finding
    (``facts.marked``) touching it names one of those two cells (none the form as a whole)."""
    from .facts import marked

    own = f"indicators[{i}]"
    touching = [f.field or "" for f in marked(p.findings)
                if not f.field or f.field == own or f.field.startswith(own + ".")]
    return bool(touching) and all(fp in (own + x for x in _SCORED) for fp in touching)


def _as_value(text: str) -> str:
    """A 指标值 or 完成值 as the bracket after an indicator states it: a figure as written (“≥95%”, “60个”), a word
    the form wrote instead quoted — “完成值“完成””, “指标值“减轻””: the demo's report read “完成值完成”, “完成值未完成”
    21 and 14 times, as if 完成 were a value of the sentence; blank “未填写”."""
    if not text:
        return "未填写"
    if any(c.isdigit() for c in text):
        # “=1 人”, “=95%” typed for “exactly”: a sentence says “完成值1人”, not “完成值=1人” (the demo's 4 times)
        return _EQUALS.sub("", text, count=1)
    return f"“{nested(text)}”"   # its own quotes as ‘’


_EQUALS = re.compile(r"^[=＝](?=\s*[0-9０-９])")


def _names(p: Project, idx: list[int]) -> str:
    return indicator_names(p, idx)


def _left_blank(ind) -> str:
    """Which of an indicator's values is blank: “指标值”, “完成值”, “指标值和完成值” or ""."""
    return "和".join(w for w, v in (("指标值", ind.target), ("完成值", ind.actual)) if not clean_text(v))


def unverified_line(p: Project) -> str:
    """The indicators of a project whose 完成值 is no measured value (a bound, “完成”) or whose 指标值 or
    完成值 is blank, in one sentence after its groups, with a draft's 【待核实】 once: each indicator
    said “完成情况未以实测数值反映【待核实】” and its group “无法判断是否达到指标值”."""
    unver = [i for i, _ in p.unverified]
    if not unver:
        return ""
    inds = p.form.indicators
    blank = [i for i in unver if _left_blank(inds[i])]
    scores = p.score.indicators
    # a 定性指标 still to be scored (a draft: 计算 leaves it blank): its 得分, not its 完成值, is missing
    unscored = [i for i in unver if i not in blank and scores[i].written is None and not scores[i].computed]
    told = [i for i in unver if i not in blank and i not in unscored]
    every = len(unver) == len(inds) and len(inds) > 1
    parts = []
    if told:
        who = ("各项指标" if every and not blank
               else _names(p, told) + (f"{len(told)}项指标" if len(told) > 1 else ""))
        parts.append(f"{who}的完成值{'均' if len(told) > 1 else ''}未以实测数值填写")
    for what in ("指标值", "完成值", "指标值和完成值"):   # the bracket said which: “指标值未填写”
        idx = [i for i in blank if _left_blank(inds[i]) == what]
        if idx:
            parts.append(_names(p, idx) + (f"{len(idx)}项指标" if len(idx) > 1 else "") + f"的{what}未填写")
    if unscored:
        parts.append(_names(p, unscored) + (f"{len(unscored)}项指标" if len(unscored) > 1 else "") + "的得分未填写")
    mark = unverified_mark(p)
    if unscored:   # nothing to measure in them: the 填报人 scores them
        return "，".join(parts) + f"，是否达到指标值需{'补充实际完成数、' if told or blank else ''}评定得分后确定{mark}。"
    return "，".join(parts) + f"，{UNJUDGED}{mark}。"


def group_lines(p: Project) -> list[str]:
    """绩效目标完成情况 of one project, one line per group 数量/质量/时效/成本/效益/满意度, then the
    indicators that cannot be judged in one line (``unverified_line``)."""
    groups: dict[str, list[int]] = {}
    for i, ind in enumerate(p.form.indicators):
        groups.setdefault(group_of(ind.level1, ind.level2), []).append(i)
    lines = []
    for g in GROUPS:
        idx = groups.get(g)
        if not idx:
            continue
        parts = [_indicator_text(p, i, p.score.indicators[i]) for i in idx]
        c = Counter(verdict(p.score.indicators[i], p.form.indicators[i]) for i in idx)
        many = len(idx) > 1
        if c["met"] == len(idx):
            said = "均达到指标值" if many else "达到指标值"
        elif not c["met"]:
            said = ""   # each unmet says so in its brackets; those that cannot be judged, the project's last line
        else:   # those met by name: the unmet say so in their brackets (“其中1项未达到指标值” repeated it
            # and left the met unsaid), “其中1项达到指标值” beside two not judged would name none
            said = "其中" + _names(p, [i for i in idx if verdict(p.score.indicators[i], p.form.indicators[i]) == "met"]) + "达到指标值"
        lines.append(f"{g[:-2]}方面：" + "；".join(parts) + (f"，{said}。" if said else "。"))
    if not lines:
        lines.append(f"自评表未填写绩效指标（{TODO}）。")
    line = unverified_line(p)
    return lines + ([line] if line else [])


UNJUDGED = "是否达到指标值需补充实际完成数后确定"   # what a report says of indicators it cannot judge


def unjudged_said(k: int, mark: str = "", every: bool = False, why: bool = True) -> str:
    """Indicators that cannot be judged, counted (a project's or all): after the counts of those met and not;
    ``every``: they are all there are — “各指标的完成情况均未以实测数值反映”, not “共设三级指标7个，其中7个指标……”;
    ``why``: with what that leaves to do (``UNJUDGED``), said where a run of such sentences starts only."""
    return f"{'各指标的完成情况均' if every else f'{k}个指标的完成情况'}未以实测数值反映{'，' + UNJUDGED if why else ''}{mark}"


def judged_said(met: int, unmet: int, n: int) -> str:
    """How many of ``n`` indicators reached their 指标值 and how many did not, as a report says them:
    “其中达到指标值的76个，未达到指标值的26个”, “均达到指标值”; "" when none could be judged."""
    said = counts_said([("达到指标值的", met, "均达到指标值"), ("未达到指标值的", unmet, "均未达到指标值")], n)
    return said if not said or said.startswith("均") else "其中" + said


def unverified_mark(p: Project) -> str:
    """A draft's 【待核实】 where an error touches an indicator that cannot be judged."""
    return CHECK if any(p.flag(f"indicators[{i}]") for i, _ in p.unverified) else ""


def indicator_names(p: Project, idx: list[int]) -> str:
    """The indicators ``idx`` of ``p`` by name, “、” between them (one without a name: “第3个指标”); a name
    the form gives several of them once, with their count — “单一成本（2项）、总成本（2项）”: the list read
    “单一成本、单一成本、总成本、总成本” before its “7项指标”."""
    names = [doc_text(p.form.indicators[i].name) or f"第{i + 1}个指标" for i in idx]
    counts = Counter(names)
    return "、".join(n + (f"（{counts[n]}项）" if counts[n] > 1 else "") for n in dict.fromkeys(names))


def reason_said(reasons: list[str]) -> str:
    """“偏差原因：……” after a deviation the sentence before states in the form's figures (“执行率92.5%，结余
    0.42万元。”, “1项指标未达到指标值（……）。”): the reasons the form gives, as written, else ``TODO``.

    Where the form gives none (校验's G1 only warns, so a report without a 【待核实】 can be here) the
    report does not make one up: the figures are all it knows, and the 执行率 and the 结余 are said just
    before — a “原因” made of them (“资金有结余”) restates the deviation as its own cause, and a sentence
    such as “自评表未说明原因” would talk about the form in a document sent to the 财政局. ``TODO`` is
    the mark the 填报人 fills in: 定稿 counts each left in a report it attaches to the mail draft
    (“……中还有 N 处【待填写】，发送前请补上”), where words of ours would go out unnoticed as the
    department's explanation of money it did not spend."""
    return "偏差原因：" + ("；".join(reasons) if reasons else TODO)


def indicator_summary(p: Project, why: bool = True, reasons: bool = True) -> str:
    """The indicators of ``p`` counted, those not met by name; ``reasons``: with their 偏差原因 (``brief_clause``
    leaves them to the 项目支出绩效自评报告, which says them)."""
    n = len(p.score.indicators)
    unmet, unver = p.unmet, p.unverified
    if not n:
        return f"自评表未填写绩效指标（{TODO}）。"
    judged = judged_said(n - len(unmet) - len(unver), len(unmet), n)
    text = f"共设三级指标{n}个" + (f"，{judged}" if judged else "")
    if unmet:
        idx = [i for i, _ in unmet]
        text += bracketed(f"{indicator_names(p, idx)}，{reason_said(p.reasons(idx))}" if reasons
                          else indicator_names(p, idx))
    if unver:
        text += ("；另有" if judged else "，") + unjudged_said(len(unver), unverified_mark(p), every=not judged, why=why)
    return text + "。"


def brief_clause(p: Project, why: bool = True) -> str:
    """One project in a line, for the 整体绩效自评工作报告's part on the projects: its 执行率 (with the 结余 or
    the 超支) and its indicators counted (``indicator_summary``) — the 项目支出绩效自评报告 tells each at
    length, and the 整体报告 repeated its paragraphs word for word. ``why``: say what indicators that cannot
    be judged leave to do (the first of the list that has them; the demo's said it 20 times in a row). No 偏差原因:
    the paragraph above refers the reader to that report, which gives them; the 整体报告 printed an indicator's
    190 characters a third time (s66)."""
    a, e = p.annual, p.executed
    if p.rate is None:
        funds = f"全年预算数{'为0' if a == 0 else '未填写'}{p.figure_flag('annual')}，执行率无法计算"
    else:
        funds = f"执行率{pct(p.rate)}{p.figure_flag('rate')}"
        if p.over and a is not None and e is not None:
            funds += f"，超支{money(e - a)}万元"
        elif p.rate < 1 and a is not None:
            funds += f"，结余{money(a - (e or 0))}万元"
    return f"{p.name}：{funds}；{indicator_summary(p, why, reasons=False)}"
