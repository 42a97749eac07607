"""Every string the three templates place, from the collected facts and the settings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..core.dates import cn_date, time_only, written_date
from ..core.settings import TODO, Settings
from ..core.rates import exec_rate
from ..summary import funds_totals
from .facts import ReportData
from .prose import (brief_clause, funds_clause, goal_clause, group_lines, indicator_names, indicator_summary, judged_said,
                    reason_said, unjudged_said, unverified_mark)
from .checkreport import quality_lines
from . import sent
from .text import (CHECK, ORD, bracketed, clean_text, cn_number, counts_said, date_text, doc_text, impossible_date, money, name_text, num, pct, score2,
                   setting_text, zh_text, _quote_title)

def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v not in (None, "")]
    return Counter(values).most_common(1)[0][0] if values else None


def _one_office(names: list[Any]) -> Any:
    """The one office ``names`` all mean, as most of them write it (“县教育局” and “大厂回族自治县
    教育局” are one); None when they name two."""
    from ..review.expected import department_key, same_place

    names = [n for n in names if n not in (None, "")]
    if not names or any(department_key(n) != department_key(names[0]) or not same_place(n, names[0])
                        for n in names):
        return None
    return _most_common(names)


def _speaker(ps: list[Any]) -> Any:
    """Whom the documents speak as when the 设置 names no 单位: the one 实施单位 of all the projects, else
    their one 主管部门 (a department reporting its 下属单位's projects with its own). Forms of two offices
    with nothing over them name nobody: the text says 【待填写】 and the 生成报告 button asks for the 设置's
    单位 — not the unit that happens to have more forms."""
    return office_of([(p.form.unit, p.form.authority) for p in ps])


def office_of(pairs: list[tuple[Any, Any]]) -> Any:
    """``_speaker`` of (实施单位, 主管部门) pairs: the one 实施单位, else the one 主管部门, else None. Also the
    汇总表's “填报部门” (``summary.book``), which was blank for three projects of three 实施单位 under one 主管部门."""
    return (_one_office([unit or authority for unit, authority in pairs])
            or _one_office([authority or unit for unit, authority in pairs]))


def speaker(projects: list[Any], others: list[Any] | tuple[()] = ()) -> Any:
    """Whom a department's documents and its 定稿 speak as when the 设置 names no 单位: ``_speaker`` of
    the project forms (items with ``.form``); with none, the one office the ``others`` (部门整体 forms,
    评价表) name. One answer for the 报送函 and the 定稿's file, properties and mail: the 定稿 of three
    projects of three 实施单位 under one 主管部门 was named after the workbook (“计算后-2024-项目支出绩效
    自评表.xlsx”) while the 报送函 beside it spoke as the 主管部门."""
    if projects:
        return _speaker(projects)
    # the 部门整体 form's department, the 评价表's 实施单位 (an office: not the 评价表's project, its ``name_of``)
    return _one_office([getattr(it.form, "department", None) or getattr(it.form, "unit", None) for it in others])


def _paragraphs(text: str | None) -> list[str]:
    """A 设置 item of paragraphs (存在的问题, 整改措施, 其他说明) as printed, a line each: typed by hand
    like the forms, so in Chinese punctuation (``zh_text``; they went in with “,” and straight quotes)."""
    if not text:
        return []
    return [zh_text(" ".join(line.split())) for line in str(text).splitlines() if line.strip()]


def _setting(s: Settings, key: str) -> str:
    """A 设置 item as printed (``setting_text``, as the 定稿 mail prints it too); blank, 【待填写】."""
    return setting_text(s, key) or TODO


def whole_forms(data: ReportData) -> list[Any]:
    """The forms of the department as a whole the documents restate (``ReportData.whole``), as read."""
    return [it for _kind, items, _found in data.whole for it in items]


def report_year(data: ReportData) -> Any:
    """The budget year the documents report on: the 设置's 年度, else the year most of the forms give
    (the projects', or the 部门整体 forms' where there is no project)."""
    return data.settings.year or _most_common([p.form.year for p in data.projects]
                                              or [it.form.year for it in whole_forms(data)])


# where a form gives the day it was written, and what it calls it: the 成文日期 when the 设置 gives none
DATE_FIELDS = {"project": ("filled_on", "填报日期"), "department": ("report_date", "报告日期")}


def date_given(data: ReportData) -> tuple[Any, list[Any]]:
    """The 成文日期 as given, and the forms (as read) it was taken from: the 设置's (no forms), else the
    填报日期 most of the projects give (the forms that give it); with no project, the 报告日期 of the
    部门整体 forms."""
    from ..forms import kind_of

    if data.settings.date:
        return data.settings.date, []
    items = [p.item for p in data.projects] or whole_forms(data)

    def day(it: Any) -> Any:
        return getattr(it.form, DATE_FIELDS.get(kind_of(it.form).key, ("filled_on",))[0], None)

    filled = _most_common([day(it) for it in items])
    return filled, [it for it in items if filled is not None and day(it) == filled]


def forms_date_said(items: list[Any], label: str) -> str:
    """“，自评表填报日期为2024年3月15日”: the day the forms themselves give (``DATE_FIELDS``), for the
    整体报告's account of how the forms were filled — not the 成文日期 of the documents (``date_given``
    prefers the 设置's), which told a form dated 3月15日 “报告日期为2024年3月20日”. Several days: the
    first to the last (“为2024年3月10日至2024年3月15日”); none given: nothing (no day the forms do not say)."""
    from ..forms import kind_of

    said = [d for it in items
            if (d := getattr(it.form, DATE_FIELDS.get(kind_of(it.form).key, ("filled_on",))[0], None)) is not None
            and str(d).strip() and not impossible_date(d) and not time_only(d)]
    if not said:
        return ""
    days = sorted({day for d in said if (day := written_date(d)) is not None})
    if len(days) > 1 and all(written_date(d) is not None for d in said):
        return f"，{label}为{cn_date(days[0])}至{cn_date(days[-1])}"
    return f"，{label}为{date_text(_most_common(said))}"


GRADE_TOUCHED = ("grade", "total", "indicators", "exec", "funds")  # the fields a project's 等级 rests on


def build_context(data: ReportData, department: list[str] | None = None) -> dict[str, Any]:
    """Every string the three templates place. ``department``: paragraphs on the 部门整体 form.

    With no project (a department sending its 部门整体支出绩效自评表 alone) the 整体绩效自评工作报告 is
    written from that form (``whole_context``): no part on projects, none that says what is not there."""
    from .templates import NAMES

    WHOLE_REPORT = NAMES[2]   # noqa: N806 — the 整体绩效自评工作报告
    s, ps = data.settings, data.projects
    n = len(ps)
    whole = whole_forms(data) if not ps else []   # a department sending its 部门整体 form alone
    unit = name_text(s.unit or speaker(ps, whole)) or TODO
    year = report_year(data)
    year_s = str(year) if year else TODO
    signer = setting_text(s, "signer") or unit
    date = date_text(date_given(data)[0])
    notice = _quote_title(s.notice) if s.notice else TODO
    # a figure typed in 元 read in 万元, as the 汇总表 adds them (``summary.funds_totals``): the 合计 said
    # 1280007.46万元 of two projects, one 全年执行数 1280000 (元) beside its 128 万元 of 当年财政拨款
    # … and a form typed wholly in 元 as its lines state it (``Project.read``): “全年预算数合计880026.00万元” (s68),
    # its row marked ``in_yuan`` by the same reading (``agreement.typed_in_yuan``): the 合计 is the 汇总表's
    total_annual, total_executed = funds_totals([p.row for p in ps])
    total_initial = sum((p.initial or 0) for p in ps)
    total_rate = exec_rate(executed=round(total_executed, 6), annual=round(total_annual, 6))
    grades = data.summary.grades
    grade_text = "、".join(f"“{g}”{grades[g]}个" for g in ("优", "良", "中", "差") if grades.get(g)) or TODO
    # a draft's count of grades an error touches carries the mark, as each project's 等级 in the table does
    grade_text += CHECK if grade_text != TODO and any(p.flag(*GRADE_TOUCHED) for p in ps) else ""
    # one project: its figures are no 合计, its rate no 总体 rate, its grade not counted (“自评结果为“优”1个”)
    one = len(ps) == 1
    summed, overall = ("", "") if one else ("合计", "总体")
    given = [g for g in ("优", "良", "中", "差") if grades.get(g)]
    if one:
        result_said = "自评等级为" + (f"“{given[0]}”" if given else TODO) + (CHECK if grade_text.endswith(CHECK) else "")
    else:
        result_said = f"自评结果为{grade_text}"
    full = [p for p in ps if p.fully_spent]
    under = [p for p in ps if p.rate is not None and p.rate < 1]
    no_rate = [p for p in ps if p.rate is None]  # 全年预算数 0 or blank: neither at nor below 100%
    no_rate_text = f"，全年预算数为0或未填写、无法计算执行率的{{}}{len(no_rate)}个" if no_rate else ""
    zero = [p for p in ps if p.rate is not None and p.rate == 0]
    over = [p for p in ps if p.over]
    n_ind = sum(len(p.score.indicators) for p in ps)
    n_unmet = sum(len(p.unmet) for p in ps)
    n_unver = sum(len(p.unverified) for p in ps)
    unver_mark = CHECK if any(unverified_mark(p) for p in ps) else ""
    # the 合计 figures carry the mark of a project's figure they add (``Project.figure_flag``)
    annual_mark, executed_mark, rate_mark = (CHECK if any(p.figure_flag(f) for p in ps) else ""
                                             for f in ("annual", "executed", "rate"))
    initial_mark = CHECK if any(p.figure_flag("initial") for p in ps) else ""
    profile = data.profile.name
    basis = data.profile.basis  # as a 公文 cites the rules, never the profile's name

    projects = []
    unjudged_told = False   # the 整体报告's one-line summaries: what an unjudged indicator leaves to do, said once
    for p in ps:
        summary = brief_clause(p, why=not unjudged_told)
        unjudged_told = unjudged_told or bool(p.unverified)
        projects.append({
            "index": str(p.index), "ordinal": f"{p.index}{ORD}", "cn_index": cn_number(p.index),
            "name": p.name,
            "basic": f"{p.index}{ORD}{p.name}。"
                     + (f"实施单位：{name_text(p.form.unit)}；" if name_text(p.form.unit) not in ("", unit) else "")
                     + f"全年预算数{money(p.annual)}万元{p.figure_flag('annual')}；年度总体目标：{doc_text(p.form.goal_expected) or TODO}。",
            "funds_clause": funds_clause(p, group_said=not one), "goal_clause": goal_clause(p),
            "group_lines": group_lines(p), "indicator_summary": indicator_summary(p), "summary": summary,
            # the table's figures; a draft's 【待核实】 apart, under each (``table_mark``)
            "annual": money(p.annual), "annual_mark": table_mark(p.figure_flag("annual")),
            "executed": money(p.executed or 0), "executed_mark": table_mark(p.figure_flag("executed")),
            "rate": pct(p.rate), "rate_mark": table_mark(p.figure_flag("rate")),
            # as the 总分 cell (0.00) and the text say it: “100.00” above “98.80” (it wrote “100” above “98.8”)
            "total_score": score2(p.row.get("total")),
            "total_score_mark": table_mark(p.flag("total", "indicators", "exec", "funds")),
            "grade": p.row.get("grade") or TODO, "grade_mark": table_mark(p.flag(*GRADE_TOUCHED)),
        })

    funds_said = (f"全年预算数{summed}{money(total_annual)}万元{annual_mark}，全年执行数{summed}{money(total_executed)}万元"
                  f"{executed_mark}，{overall}执行率{pct(total_rate)}{rate_mark}")
    funds_overview = f"{year_s}年度纳入自评的{n}个项目{funds_said}。"
    each = "各项目" if n > 1 else "该项目"   # one project: not “各项目……”, not “逐一”
    if not one:   # the one project's rate was just said: its line below says whether it was all spent
        funds_overview += rates_split(n, len(full), len(under), '其中', verdict=True)
        if zero:
            funds_overview += f"（其中资金未支出的项目{len(zero)}个）"
        # after the verdict of the projects at 100% a “；”: “…不存在偏差，执行数大于预算数的项目1个” read as one clause
        if over:
            funds_overview += ("；" if funds_overview.endswith(FULL_VERDICT) else "，") + f"执行数大于预算数的项目{len(over)}个"
        if no_rate_text and funds_overview.endswith(FULL_VERDICT):
            funds_overview += "；" + no_rate_text.format("项目").lstrip("，")
        else:
            funds_overview += no_rate_text.format("项目")
        funds_overview += "。"
    funds_overview += f"{each}预算资金执行情况如下："

    # 二、存在的问题 -------------------------------------------------------------
    problems = []
    lines = []
    for k, p in enumerate([p for p in ps if p.under or p.over], start=1):
        if p.rate is None:
            lines.append(f"{k}{ORD}{p.name}：全年预算数{'为0' if p.annual == 0 else '未填写'}，无法计算执行率（{TODO}）。")
            continue
        if p.over:
            lines.append(f"{k}{ORD}{p.name}：执行率{pct(p.rate)}{p.figure_flag('rate')}，全年执行数"
                         f"{money(p.executed)}万元{p.figure_flag('executed')}大于全年预算数{money(p.annual)}万元"
                         f"{p.figure_flag('annual')}。")
            continue
        left = money((p.annual or 0) - (p.executed or 0))
        reasons = p.funds_reasons()
        lines.append(f"{k}{ORD}{p.name}：执行率{pct(p.rate)}{p.figure_flag('rate')}，结余{left}万元。"
                     + reason_said(reasons) + "。")
    # what the list holds, each kind counted as what it is (it said “N个项目的执行率未达到100%或需要核实”)
    funds_head = "，".join(("该项目" if one else f"{k}个项目的") + what for k, what in (
        (len(under), "执行率未达到100%"), (len(over), "全年执行数大于全年预算数"),
        (len(no_rate), "全年预算数为0或未填写、无法计算执行率")) if k) + "："
    problems.append({"heading": "（一）预算执行方面",
                     "lines": ([funds_head] + lines) if lines
                     else [f"{'各项目执行率均' if n > 1 else '该项目执行率'}达到100%，预算执行未发现偏差。"]})
    lines = []
    for k, p in enumerate([p for p in ps if p.unmet], start=1):
        idx = [i for i, _ in p.unmet]
        # a reason (一) gave for the money (an indicator's 偏差原因 about money) is said there once, not again
        told = p.funds_reasons_written() if p.rate is not None and p.rate < 1 else []
        reasons = [r for r in p.reasons(idx) if r not in told]
        lines.append(f"{k}{ORD}{p.name}：{len(idx)}项指标未达到指标值{bracketed(indicator_names(p, idx))}。"
                     + (reason_said(reasons) if reasons or not p.reasons(idx) else "偏差原因见预算执行方面") + "。")
    problems.append({"heading": "（二）绩效目标完成方面",
                     "lines": ([("该项目" if one else f"{len(lines)}个项目共") + f"{n_unmet}项指标未达到指标值："] + lines)
                     if lines
                     else [f"{unjudged_said(n_unver, unver_mark, every=True)}。"] if n_unver == n_ind
                     else [f"未发现未达到指标值的指标；另有{unjudged_said(n_unver, unver_mark)}。"] if n_unver
                     else [f"{each}的绩效指标均达到指标值。"]})
    # (the checker's findings are the reviewer's: 校验报告.docx, never a document that is sent)
    if s.problems:
        problems.append({"heading": "（三）其他问题", "lines": _paragraphs(s.problems)})

    # 三、整改措施 -----------------------------------------------------------------
    if s.measures:
        measures = whole_measures = _paragraphs(s.measures)
    else:
        own = []
        # one project is “该项目”, one of several not gone through “逐一”
        if under:
            own.append("加快预算执行。" + ("分析该项目" if one else f"对执行率未达到100%的{len(under)}个项目"
                                             + ("逐一分析" if len(under) > 1 else "分析")) + "资金结余原因，"
                       "结余资金按规定收回或结转使用；今后据实测算、编制预算，提高预算编制的准确性。")
        if over:
            own.append("规范预算执行。" + ("核实该项目" if one else f"对执行数大于预算数的{len(over)}个项目"
                                             + ("逐一核实" if len(over) > 1 else "核实")) + "超出预算的支出，"
                       "按规定办理预算调整；今后严格按预算支出。")
        if n_unmet:
            own.append(f"推动绩效目标落实。对未达到指标值的{n_unmet}项指标查明原因、落实责任，"
                       "能在下一年度完成的列入工作计划，确实无法完成的按程序调整绩效目标。")
        other = f"其他整改措施：{TODO}。"
        measures = [f"{k}{ORD}{m}" for k, m in enumerate([*own, other], start=1)]
        # the 整体绩效自评工作报告 speaks of the 部门整体 form too (its part 五): the indicators that form lost
        # points on are measures of that report (they were left out), not of the 项目支出绩效自评报告
        whole_measures = [f"{k}{ORD}{m}" for k, m in enumerate([*own, *(_whole_measures(data) if ps else []), other],
                                                               start=1)]

    # 四、其他 ---------------------------------------------------------------------
    # the department's own words (设置 其他说明) if any, then how the figures were reached: a section a
    # department sends as it is (a bare 【待填写】 above that sentence read as a line left unwritten)
    others = _paragraphs(s.others)
    others.append(f"本报告中的执行率为全年执行数除以全年预算数，得分按{basis}计算。")
    if data.problems:  # only in a --force draft: a form that could not be read refuses the report
        places = list(dict.fromkeys(
            clean_text(Path(getattr(pb, "file", None) or str(pb).split("：")[0]).name
                       + (f"（{sheet}）" if (sheet := getattr(pb, "sheet", None)) else "")) for pb in data.problems))
        others.append(f"以下{len(places)}个文件或工作表未能读取，未纳入本报告：" + "；".join(places) + "。")

    # 整体报告 ----------------------------------------------------------------------
    organisation = [
        f"我单位成立了预算绩效自评工作小组（组成人员：{'、'.join(data.team) or TODO}），明确分工，"
        f"对{year_s}年度{n}个项目{'逐一' if n > 1 else ''}填报《项目支出绩效自评表》"
        + (f"，对部门整体支出填报《{whole_titles(data)}》" if data.whole and ps else "")
        + f"{forms_date_said([p.item for p in ps], '自评表填报日期')}。",
        f"自评按{basis}进行，{each}的自评情况见本报告第三部分"
        + (f"；部门整体支出按《{whole_titles(data)}》所列指标及评分标准自评，自评情况见本报告第五部分" if data.whole and ps else "")
        + f"。其他组织开展情况：{TODO}。",
    ]
    budget_lines = [
        f"{year_s}年度纳入自评的{n}个项目年初预算数{summed}{money(total_initial)}万元{initial_mark}，{funds_said}"
        + ("；该项目执行数大于预算数" if one and over else "" if one else
           split_said(rates_split(n, len(full), len(under)), f"执行数大于预算数的{len(over)}个" if over else "",
                      no_rate_text.format(""))) + f"。{result_said}。",
        f"{each}资金安排、执行和自评结果如下表：",
    ]
    quality = quality_lines(ps, n_ind)
    if department or data.department_lines:
        dept = department or data.department_lines
    else:  # none of the report's unit and year in the workbook (another year's, another county's is not it):
        # the department says what it knows — not that a form is “另行报送” or “尚未提供”, which is the
        # workbook's content speaking, and may be untrue of what it sends (``ReportData.not_restated``)
        dept = [f"部门整体支出绩效情况：{TODO}。"]
    application = [f"自评结果将作为完善项目管理、安排以后年度预算的重要依据，执行率低、绩效目标未完成的项目"
                   f"在以后年度预算安排中从严审核。结果应用的具体情况：{TODO}。"]

    # the 附件 as the 定稿 carries them (``reports.sent``: the 汇总表 with the projects, always)
    attachments = sent.attachments(year_s, n, sent_beside(data))

    ctx: dict[str, Any] = {
        "unit": unit, "year": year_s, "doc_no": _setting(s, "doc_no"), "addressee": _setting(s, "addressee"),
        "notice": notice, "signer": signer, "date": date, "contact": _setting(s, "contact"),
        "phone": _setting(s, "phone"),
        "n_projects": str(n), "one_by_one": "逐一" if n > 1 else "", "profile": profile, "scoring_basis": basis,
        # the 报送函's title and its one sentence: what was evaluated (``formed``, the reports, and ``overview``,
        # the figures, are for a department's own letter template that still says them: the built-in one
        # leaves them to the 附件 it lists, s63)
        "scope": "项目支出", "evaluated": f"{n}个项目",
        "formed": "项目支出绩效自评报告和整体绩效自评工作报告",
        # the 整体报告's parts after those on the projects, numbered as they stand
        "part_department": "五", "part_measures": "六",
        "projects_overview": (f"{'各' if n > 1 else '该'}项目的预算执行和绩效目标完成情况详见《{year_s}年度项目支出"
                              "绩效自评报告》，概述如下："),
        "total_annual": money(total_annual), "total_executed": money(total_executed),
        "total_initial": money(total_initial), "total_rate": pct(total_rate),
        # the 合计 row sums the projects' money: an error in any form's funds touches each of its figures
        "total_annual_mark": table_mark(annual_mark), "total_executed_mark": table_mark(executed_mark),
        "total_rate_mark": table_mark(rate_mark),
        "overview": f"本次纳入自评的项目{n}个，{funds_said}；{result_said}。",
        "attachments": attachments,
        "intro": (f"根据{notice}要求，我单位对{year_s}年度{n}个项目的支出开展了绩效自评，"
                  "现将有关情况报告如下。"),
        "basic_overview": (f"{year_s}年度我单位纳入绩效自评的项目共{n}个，年初预算数{summed}{money(total_initial)}万元{initial_mark}，"
                           f"全年预算数{summed}{money(total_annual)}万元{annual_mark}。{each}基本情况如下："),
        "funds_overview": funds_overview,
        # as a department counts them: those met and not, then apart, once, those it cannot judge yet
        "goals_overview": (("该项目" if one else f"{n}个项目") + f"共设三级绩效指标{n_ind}个，按{basis}自评，"
                           + judged_said(n_ind - n_unmet - n_unver, n_unmet, n_ind)
                           + (("；另有" if n_unver < n_ind else "") + unjudged_said(n_unver, unver_mark, every=n_unver == n_ind)
                              if n_unver else "")
                           + f"。{result_said}。{each}绩效目标完成情况如下："),
        "projects": projects, "problems": problems, "measures": measures, "others": others,
        "organisation": organisation, "budget_lines": budget_lines, "quality": quality,
        "department": dept, "application": application,
        # what one document says apart from the others, over the keys above (``render.document_context``)
        "per_document": {WHOLE_REPORT: {"measures": whole_measures}} if whole_measures != measures else {},
    }
    if whole:
        ctx.update(whole_context(data, ctx, department))
    elif data.whole:   # the department's form beside the projects: the letter lists it among its 附件, and
        # said only “对23个项目的支出逐一进行了绩效自评” and the projects' figures. Its title says what it sends
        # (GB/T 9704 7.3.3: 事由 and 文种), both kinds, in the body's order: it stayed “关于报送2022年度项目支出
        # 绩效自评报告的函” over a letter sending the 部门整体 form and saying so. Its first line “关于报送2022年度
        # 部门整体支出和项目支出” keeps the scope whole, the second “绩效自评报告的函” the 文种 (a 倒梯形).
        ctx["scope"] = "部门整体支出和项目支出"
        ctx["evaluated"] = f"部门整体支出和{n}个项目"
        # the 整体报告 gives its part 五 to that form: it opens on both, as the letter over it does (it said
        # “对2022年度23个项目的支出开展了绩效自评”); the 项目支出绩效自评报告 speaks of the projects alone
        ctx["per_document"].setdefault(WHOLE_REPORT, {})["intro"] = (
            f"根据{notice}要求，我单位对{year_s}年度部门整体支出和{n}个项目的支出开展了绩效自评，现将有关情况报告如下。")
        ctx["overview"] += "".join(_whole_said(data)["overview"])
    return ctx


def _whole_measures(data: ReportData) -> list[str]:
    """The 整改措施 the restated forms of the department as a whole (``ReportData.whole``) call for beside the
    projects' (``FormKind.part("report_measures")``), unnumbered."""
    out: list[str] = []
    for kind, items, found in data.whole:
        write = kind.part("report_measures")
        if write is not None:
            out += write(items, found, bands=data.profile.grade_bands, beside_projects=True)
    return out


def _whole_said(data: ReportData) -> dict[str, list[Any]]:
    """What each kind of form on the department as a whole says for the letter and the 整体报告
    (``FormKind.part("report_whole")``), gathered by key: ``overview``, ``budget``, ``paragraphs``, ``measures``."""
    said: dict[str, list[Any]] = {"overview": [], "budget": [], "paragraphs": [], "measures": []}
    for kind, items, found in data.whole:
        write = kind.part("report_whole")
        if write is None:
            continue
        got = write(items, found, bands=data.profile.grade_bands)
        for key in said:
            said[key].append(got[key])
    return said


def sent_beside(data: ReportData) -> list[tuple[Any, int]]:
    """The forms other than the projects' that the letter lists as sent, by kind in the registry's order: those
    it restates (the 部门整体 form) and the others of the report's year (a 项目支出绩效评价表), as the 定稿 carries them."""
    from ..forms import KINDS

    order = {k.key: i for i, k in enumerate(KINDS)}
    kinds = [(kind, len(items)) for kind, items, _found in data.whole] + [(kind, len(items)) for kind, items in data.listed]
    return sorted(kinds, key=lambda pair: order.get(pair[0].key, len(order)))


def whole_titles(data: ReportData) -> str:
    """The titles of the restated forms on the department as a whole: “部门整体支出绩效自评表”."""
    return "、".join(dict.fromkeys(kind.title for kind, _items, _found in data.whole))


def whole_context(data: ReportData, ctx: dict[str, Any], department: list[str] | None = None) -> dict[str, Any]:
    """What the 报送函 and the 整体绩效自评工作报告 say in place of the projects' figures where the
    department sends its 部门整体支出绩效自评表 alone: the 整体报告 without its parts on projects
    (the template leaves them out where ``projects`` is empty), written from what the form holds
    (``FormKind.part("report_whole")``); the letter lists the report and the form only."""
    s, year_s, notice = data.settings, ctx["year"], ctx["notice"]
    said = _whole_said(data)
    titles = whole_titles(data)
    team = "、".join(data.team) or TODO
    return {
        "scope": "部门整体支出", "evaluated": "部门整体支出", "formed": "整体绩效自评工作报告",
        "part_department": "三", "part_measures": "四",
        # the projects' part says nothing: a department's own template that does not leave it out prints
        # its headings empty (``render.empty_headings`` names them), not “该项目……详见《项目支出绩效自评报告》”
        # of a report not sent, nor “自评表未填写绩效指标”, nor a 合计 row of 0.00 and 【待填写】
        "projects_overview": "", "quality": [],
        "total_annual": "", "total_executed": "", "total_initial": "", "total_rate": "",
        "overview": "".join(said["overview"]) or f"部门整体支出绩效自评结果：{TODO}。",
        "attachments": sent.attachments(year_s, 0, sent_beside(data)),
        "intro": f"根据{notice}要求，我单位对{year_s}年度部门整体支出开展了绩效自评，现将有关情况报告如下。",
        "organisation": [
            f"我单位成立了预算绩效自评工作小组（组成人员：{team}），明确分工，对{year_s}年度部门整体支出填报"
            f"《{titles}》{forms_date_said(whole_forms(data), '报告日期')}。",
            f"自评按《{titles}》所列指标及评分标准进行，部门整体支出的自评情况见本报告第三部分。其他组织开展情况：{TODO}。",
        ],
        "budget_lines": [line for lines in said["budget"] for line in lines],
        "department": department or [line for lines in said["paragraphs"] for line in lines],
        "measures": _paragraphs(s.measures) or [line for lines in said["measures"][:1] for line in lines]
                    or [f"1{ORD}其他整改措施：{TODO}。"],
        "application": [f"自评结果将作为加强部门预算管理、安排以后年度预算的重要依据。结果应用的具体情况：{TODO}。"],
    }


def table_mark(mark: str) -> str:
    """A draft's 【待核实】 as a table cell places it: on a line of its own under the figure (docxtpl makes the
    line break), so the figure stays whole and every mark stands in the same place; "" when unmarked."""
    return "\n" + mark if mark else ""


def report_settings(paths: list[str | Path], settings_file: str | Path | None = None) -> Settings:
    """The settings for a run: the 设置 sheet of the input workbook(s), then a settings file over them.

    Values given in the file win; with several workbooks, the first one's sheet that sets a value
    wins. Nothing set anywhere: the defaults (主送机关 县财政局, the rest 【待填写】 in the text).
    """
    from ..reading.workbook import WORKBOOK_SUFFIXES
    from ..core.settings import from_mapping, load_settings_file, read_settings_sheet
    from ..sources import expand

    merged: dict[str, Any] = {}
    for path in expand(list(paths)):
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            sheet = read_settings_sheet(path)
            if sheet is not None:
                for k, v in sheet.model_dump(exclude_unset=True).items():
                    merged.setdefault(k, v)
    if settings_file:
        merged.update(load_settings_file(settings_file).model_dump(exclude_unset=True))
    return from_mapping(merged, "设置")




def split_said(*parts: str) -> str:
    """The clauses after the total 执行率, each after a comma, the first after a semicolon; nothing
    where there are none. The one project overspent said “；，执行数大于预算数的1个” (no 100% count before it)."""
    said = "，".join(p.lstrip("，") for p in parts if p)
    return f"；{said}" if said else ""


FULL_VERDICT = "资金已全部支出，预算执行不存在偏差"   # the projects at 100%, said once for them (``rates_split``)


def rates_split(n: int, full: int, under: int, lead: str = "", verdict: bool = False) -> str:
    """How many projects reached a 100% 执行率 and how many did not (``counts_said``). ``verdict``: the
    projects at 100% are said to have spent everything without deviation here, once for the group —
    “其中执行率达到100%的项目12个，资金已全部支出，预算执行不存在偏差；未达到100%的项目11个” — and their
    lines in the list below give their figures only (``funds_clause`` with ``group_said``)."""
    one = n == 1
    all_full = "该项目执行率达到100%" if one else "各项目执行率均达到100%"
    if verdict and full:
        if full == n:
            return all_full + "，" + FULL_VERDICT.replace("已", "均已", 1)
        rest = counts_said([("未达到100%的项目", under, "")], n)
        return lead + f"执行率达到100%的项目{full}个，{FULL_VERDICT}" + (f"；{rest}" if rest else "")
    said = counts_said([("执行率达到100%的项目", full, all_full),
                        ("未达到100%的项目", under, "该项目执行率未达到100%" if one else "各项目执行率均未达到100%")], n)
    return said if said.startswith(("该", "各")) else lead + said
