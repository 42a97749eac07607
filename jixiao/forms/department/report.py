"""What the 整体绩效自评工作报告 says of a 部门整体支出绩效自评表 (its part 五、部门整体支出绩效情况).

The department typed the form; the report restates it, so that nothing is typed twice: the
部门基本情况 printed in the form's header, the 总分 and 等级 as written, the 一级指标's points
against their 分值, and each 三级指标 that lost points with the 扣分原因 written beside it
(【待填写】 where none is). Only figures the form holds are stated. In a draft forced past errors
(``jixiao report --force``) each figure an error touches carries 【待核实】, as the projects' do.
"""

from __future__ import annotations

from typing import Any

from ...core.findings import Finding
from ...core.grades import DEFAULT_BANDS, Bands
from ...core.grades import grade as grade_of
from . import TITLE
from .shown import regraded
from ...reports.facts import error_flag, marked
from ...reports.text import clean_text, cn_number, doc_text, money, num, quoted
from ...core.quotes import quoted_series
from ...core.settings import TODO

__all__ = ["report_measures", "report_paragraphs", "report_team", "report_whole"]

# the header's figures, in the order the form prints them: (field, how the sentence names it, unit)
_BASIC = (("staff_quota", "编制人数", "人"), ("staff_actual", "实有人数", "人"), ("assets_total", "资产总额", "万元"),
          ("income_total", "总收入", "万元"), ("expense_total", "总支出", "万元"))


def report_paragraphs(items: list[Any], findings: list[list[Finding]], money: bool = True,
                      bands: Bands = DEFAULT_BANDS) -> list[str]:
    """The paragraphs on these forms (one department's, usually one form), each form's findings beside it.
    ``money``: the 部门基本情况 with the year's 收入 and 支出 (not where the report says them before,
    ``report_whole``); ``bands``: the profile's, for a 总分 whose 等级 the form leaves blank."""
    out: list[str] = []
    several = len(items) > 1
    for k, (item, found) in enumerate(zip(items, findings), start=1):
        form = regraded(item.form, item.sheet_form, bands)   # a 等级 our formula shows: under ``bands``
        errors = marked(found)   # and a figure that looks typed in 元 (F16)
        if several:
            out.append(f"（{cn_number(k)}）{clean_text(form.department)}")
        basic = _basic(form.data, errors) if money else _staff(form.data, errors)
        if basic:
            out.append(f"部门基本情况：{basic}。")
        out.append(_scores(form, errors, bands))
        out.append(_deductions(form, errors, _lost(form, errors)))
    return out


def report_team(items: list[Any]) -> list[str]:
    """The 评价小组 members the forms name, each once, as “刘某（书记）”: the department's self-evaluation
    group, which the 整体绩效自评工作报告 names; a member without a name (a published form's) is left out."""
    out: list[str] = []
    for item in items:
        for m in item.form.team:
            name, title = clean_text(m.name), clean_text(m.title)
            if name:
                out.append(f"{name}（{title}）" if title else name)
    return list(dict.fromkeys(out))


def _said(d: Any, errors: list[Finding]) -> dict[str, str]:
    """Each header figure the form gives, as the report says it (“资产总额41.98万元”)."""
    return {f: f"{label}{money(getattr(d, f)) if unit == '万元' else num(getattr(d, f))}{unit}"
            f"{error_flag(errors, f'data.{f}')}" for f, label, unit in _BASIC if getattr(d, f) is not None}


def _basic(d: Any, errors: list[Finding]) -> str:
    """编制人数7人，实有人数6人；资产总额41.98万元；总收入2903.8592万元，总支出2903.8592万元（基本支出…、项目支出…），年末结转结余0万元."""
    said = _said(d, errors)
    parts = ["，".join(said[f] for f in ("staff_quota", "staff_actual") if f in said),
             said.get("assets_total", ""), "，".join(said[f] for f in ("income_total", "expense_total") if f in said)]
    split = [f"{label}{money(getattr(d, f))}万元{error_flag(errors, f'data.{f}')}"
             for f, label in (("expense_basic", "基本支出"), ("expense_project", "项目支出")) if getattr(d, f) is not None]
    if split and "expense_total" in said:
        parts[2] += f"（{'、'.join(split)}）"
    elif split:
        parts.append("，".join(split))
    if d.balance is not None:
        parts.append(f"年末结转结余{money(d.balance)}万元{error_flag(errors, 'data.balance')}")
    return "；".join(p for p in parts if p)


def report_whole(items: list[Any], findings: list[list[Finding]], bands: Bands = DEFAULT_BANDS) -> dict[str, Any]:
    """What the 报送函 and the 整体绩效自评工作报告 say where these forms are all the department sends
    (no 项目支出绩效自评表 with them): ``overview`` (the letter's sentence on the result), ``budget``
    (二、预算安排及资金分配情况: the year's 收入 and 支出 as the form's header gives them), ``paragraphs``
    (部门整体支出绩效情况, without the money said in ``budget``) and ``measures`` (the 整改措施 the
    deductions call for; the last one 【待填写】)."""
    several = len(items) > 1
    overview, budget = [], []
    for item, found in zip(items, findings):
        form = regraded(item.form, item.sheet_form, bands)
        errors = marked(found)   # and a figure that looks typed in 元 (F16)
        who = f"{clean_text(form.department)}" if several else ""
        overview.append(who + _head(form, errors, bands))
        said = _money(form.data, errors)
        budget.append(f"{form.year}年度{who or '我单位'}{said}。" if said else
                      f"{form.year}年度{who or '我单位'}收入、支出情况：{TODO}。")
    measures = [f"{k}．{m}" for k, m in enumerate([*report_measures(items, findings, bands=bands),
                                                   f"其他整改措施：{TODO}。"], start=1)]
    return {"overview": "；".join(overview) + "。", "budget": budget,
            "paragraphs": report_paragraphs(items, findings, money=False, bands=bands), "measures": measures}


def report_measures(items: list[Any], findings: list[list[Finding]], bands: Bands = DEFAULT_BANDS,
                    beside_projects: bool = False) -> list[str]:
    """The 整改措施 the forms' deductions call for, unnumbered (the report numbers them among its own):
    the 三级指标 that lost points (``_lost``), by name. ``beside_projects``: said among the projects' measures
    (the 整体绩效自评工作报告 of a department that sends project forms too), where “扣分的3个三级指标” alone
    would read as the projects' — it names the form and leads with what the measure is, as theirs do."""
    lost = []
    for item, found in zip(items, findings):
        form = regraded(item.form, item.sheet_form, bands)
        lost += [form.indicators[i] for i in _lost(form, [f for f in found if f.severity == "error"])]
    if not lost:
        return []
    names = quoted_series(doc_text(ind.name) for ind in lost)   # GB/T 15834 4.5.3.5: no 顿号 between them
    where = f"加强部门整体支出管理。对{TITLE}中" if beside_projects else "对"
    return [f"{where}扣分的{len(lost)}个三级指标（{names}）逐一查明原因、落实责任，在以后年度的预算编制、"
            "执行和管理中加以改进。"]


def _deducted(ind: Any) -> bool:
    return ind.weight is not None and ind.score is not None and float(ind.score) < float(ind.weight)


def _score_flag(errors: list[Finding], i: int) -> str:
    """【待核实】 where an error touches the 得分 or 分值 of the ``i``-th indicator."""
    return error_flag(errors, f"indicators[{i}].score", f"indicators[{i}].weight")


def _lost(form: Any, errors: list[Finding]) -> list[int]:
    """The indicators that lost points: those written below their 分值, and those whose 得分 an error touches
    that lose points as reviewed (a “三公经费”变动率 written 5 of 5 where its 评分标准 gives 3.75, F11: it was left
    out of the 扣分 list and the 整改措施 as if it had full marks)."""
    from .scoring import score_dept_form

    reviewed: list[Any] | None = None
    out = []
    for i, ind in enumerate(form.indicators):
        if _deducted(ind):
            out.append(i)
        elif _score_flag(errors, i) and ind.weight is not None:
            reviewed = reviewed if reviewed is not None else score_dept_form(form).indicators
            s = reviewed[i].score
            if s is not None and float(s) < float(ind.weight):
                out.append(i)
    return out


def _staff(d: Any, errors: list[Finding]) -> str:
    """编制人数7人，实有人数6人；资产总额41.98万元 (the header's figures that are no money of the year)."""
    said = _said(d, errors)
    return "；".join(p for p in ("，".join(said[f] for f in ("staff_quota", "staff_actual") if f in said),
                                said.get("assets_total", "")) if p)


def _money(d: Any, errors: list[Finding]) -> str:
    """全年总收入2903.8592万元，总支出2903.8592万元，其中基本支出…、项目支出…；年末结转结余0.00万元 —
    with the 年初预算数 and 预算调整数 first where the form's 计算数据 give them."""
    def one(f: str, label: str) -> str:
        return f"{label}{money(getattr(d, f))}万元{error_flag(errors, f'data.{f}')}"

    plan = "，".join(one(f, label) for f, label in (("budget", "年初预算数"), ("budget_adjust", "预算调整数"))
                    if getattr(d, f) is not None)
    flows = "，".join(one(f, label) for f, label in (("income_total", "全年总收入"), ("expense_total", "总支出"))
                     if getattr(d, f) is not None)
    split = "、".join(one(f, label) for f, label in (("expense_basic", "基本支出"), ("expense_project", "项目支出"))
                     if getattr(d, f) is not None)
    if split:
        flows += ("，其中" if d.expense_total is not None else ("，" if flows else "")) + split
    left = one("balance", "年末结转结余") if d.balance is not None else ""
    return "；".join(p for p in (plan, flows, left) if p)


def _levels(form: Any, errors: list[Finding]) -> list[tuple[str, float, float | None, str]]:
    """(一级指标, Σ 分值, Σ 得分 or None where an indicator has no 得分, 【待核实】 where an error touches one of
    its indicators' 得分 or 分值 or its own 分值), in the form's order."""
    sums: dict[str, list[Any]] = {}
    for i, ind in enumerate(form.indicators):
        acc = sums.setdefault(clean_text(ind.level1) or TODO, [0.0, 0.0, ""])
        acc[0] += float(ind.weight or 0)
        acc[1] = None if acc[1] is None or ind.score is None else acc[1] + float(ind.score)
        acc[2] = acc[2] or _score_flag(errors, i) or error_flag(errors, f"level1_weights.{ind.level1}")
    return [(name, w, s, mark) for name, (w, s, mark) in sums.items()]


def _head(form: Any, errors: list[Finding], bands: Bands = DEFAULT_BANDS) -> str:
    """2023年度部门整体支出绩效自评共设三级指标20个，自评总分95分，等级为“优”."""
    figures = [f"indicators[{i}].{part}" for i in range(len(form.indicators)) for part in ("score", "weight")]
    mark = error_flag(errors, "total_score", "grade", "total_weight", "level1_weights", *figures)
    total = form.total_score
    grade = clean_text(form.grade) or (grade_of(total, bands) if total is not None else None)
    return (f"{form.year}年度部门整体支出绩效自评共设三级指标{len(form.indicators)}个，自评总分"
            f"{num(total)}分{mark}，等级为“{grade or TODO}”{mark if grade else ''}")


def _scores(form: Any, errors: list[Finding], bands: Bands = DEFAULT_BANDS) -> str:
    """共设三级指标20个，自评总分95分，等级为“优”；其中投入指标得分15分（分值15分），……"""
    head = _head(form, errors, bands)
    levels = [f"{name}指标得分{num(s)}分{mark}（分值{num(w)}分）" if s is not None
              else f"{name}指标（分值{num(w)}分）有未填写的得分{mark}" for name, w, s, mark in _levels(form, errors)]
    return head + ("；其中" + "，".join(levels) if levels else "") + "。"


def _deductions(form: Any, errors: list[Finding], idx: list[int]) -> str:
    """Each 三级指标 that lost points (``_lost``), with its 扣分原因 as written."""
    lost = []
    for i in idx:
        ind = form.indicators[i]
        mark = _score_flag(errors, i)
        reason = doc_text(ind.reason) or TODO
        lost.append(f"{quoted(ind.name)}（分值{num(ind.weight)}分，得分{num(ind.score)}分{mark}），"
                    f"扣分原因：{reason}")
    if not lost:
        return "各项三级指标均得满分。"
    return f"扣分的三级指标{len(lost)}个：" + "；".join(lost) + "。"
