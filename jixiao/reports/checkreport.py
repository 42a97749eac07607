"""The reviewer's own material: the checker's findings and 复核得分, kept out of the documents a
department sends. Written as 校验报告.docx next to them, titled as the 填报人's own check, not
for sending: the department's documents say what the department reports, this one what the
checker found.
"""

from __future__ import annotations

import re
from collections import Counter

from ..core.findings import Finding
from pathlib import Path
from typing import Any

from ..core.findings import finding_line
from ..core.numbers import scores_apart
from ..core.profiles import Profile
from .facts import Project, ReportData
from .text import ORD, clean_text, pct, score_said
from ..core.quotes import quoted_series

# rules about how targets were set (绩效目标设定质量); the rest are about filling in
TARGET_RULES = ("C1", "C2", "C7", "C8", "C9", "C11", "B3", "B4", "E1")

def _field_indicator(p: Project, field_path: str) -> str | None:
    m = re.match(r"indicators\[(\d+)\]", field_path or "")
    if not m:
        return None
    i = int(m[1])
    if i < len(p.form.indicators):
        return clean_text(p.form.indicators[i].name) or None
    return None


# a form named by its file (“（医保局.xlsx）”, “（医保局.xlsx › 救助资金）” as ``core.findings.source_label`` writes it,
# “#sheet” as a source is written)
_PATH_NOTE = re.compile(r"（[^（）]*\.(?:json|xlsx|xlsm|xls)(?:(?:#| › )([^（）]*))?）", re.I)
# a form not the first on its sheet: “救助资金 L40 起” (``source_label``) or “救助资金@L40” (a source)
_AT = re.compile(r"(.*?)(?: ([A-Z]{1,3})(\d{1,7}) 起|@([A-Z]{1,3})(\d{1,7}))", re.S)
_NAMED_BEFORE = re.compile(r"“([^“”]*)”$")


def _form_named(m: re.Match[str]) -> str:
    """A form's file note in a message as the 填报人 reads it: nothing after the project that names the form
    (“与项目“救助资金””), else its sheet, as each form's heading in the 校验报告 gives it (“（工作表“救助资金”）”;
    E2's other form, which has this form's project name); never the workbook's file name."""
    sheet, row = (m[1] or "").strip(), ""
    if (at := _AT.fullmatch(sheet)) is not None:
        sheet, row = at[1].strip(), at[3] or at[5]
    named = _NAMED_BEFORE.search(m.string, 0, m.start())
    if not sheet or (named and not row and (named[1] == sheet or (len(sheet) == 31 and named[1].startswith(sheet)))):
        return ""   # the project before it names the form (its sheet is that name, or the name cut at Excel's 31)
    return f"（工作表“{sheet}”" + (f"第 {row} 行起" if row else "") + "）"


def forms_named(message: str) -> str:
    """``message`` with each form it names by its file named as the 填报人 reads it (``_form_named``)."""
    return _PATH_NOTE.sub(_form_named, message or "")


def message_text(message: str) -> str:
    """A finding's message in a sentence: one line, no closing 。, no file paths (they mean nothing on paper)."""
    return clean_text(forms_named(message))


def lead_once(texts: list[str]) -> str:
    """Examples joined with “；”, the clause every one of them opens with said once: three C7 findings (重名的指标) read
    “指标名称应各不相同，表中第 8 个指标……重名；指标名称应各不相同，表中第 10 个指标……” in one item of the
    校验报告. Only a whole clause (up to its “，”, no quotation or bracket left open) counts as shared."""
    if len(texts) > 1:
        head, sep, _rest = texts[0].partition("，")
        lead = head + sep
        if (sep and lead.count("“") == lead.count("”") and lead.count("（") == lead.count("）")
                and all(t.startswith(lead) and len(t) > len(lead) for t in texts)):
            return lead + "；".join(t[len(lead):] for t in texts)
    return "；".join(texts)


def findings_text(p: Project, findings: list[Finding]) -> str:
    """A project's findings grouped by rule (by what they are about, ``topic_of``): the first message, then how
    many more of the kind."""
    by_rule: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_rule.setdefault((f.rule, topic_of(f)), []).append(f)
    parts = []
    for fs in by_rule.values():
        text = message_text(fs[0].message)
        if len(fs) > 1:
            names = []
            for f in fs:
                n = _field_indicator(p, f.field)
                if n and n not in names:
                    names.append(n)
            text += f"（同类问题共{len(fs)}处" + ("，涉及指标" + quoted_series(names) if names else "") + "）"
        parts.append(text)
    return "；".join(parts)


def _rule_title(code: str) -> str:
    from ..checking.rules import load_catalogue

    rule = load_catalogue().get(code)
    return rule.title if rule else code


def topic_of(f: Finding) -> str:
    """The heading a finding is filed under: what it is about (``Finding.topic``, where its rule finds more than
    one kind of thing: a 满意度 typed as 93 is no “计算数据前后不一致”), else its rule's title in the catalogue."""
    return f.topic or _rule_title(f.rule)


def kinds_text(findings: list[Finding]) -> str:
    """"实际完成值未填2处、得分超过分值1处": findings counted by what they are about (``topic_of``)."""
    c = Counter(topic_of(f) for f in findings)
    return "、".join(f"{title} {k}处" for title, k in c.items())


def check_summary(p: Project) -> str:
    """The checker's verdict on one form, by kind."""
    return _verdict(p.errors, p.warnings)


def _verdict(e: list[Finding], w: list[Finding]) -> str:
    """The checker's verdict on a form with errors ``e`` and warnings ``w``, by kind."""
    if not e and not w:
        return "经校验，自评表未发现错误和需注意的问题。"
    text = "经校验，自评表"
    if e:
        text += f"有错误{len(e)}处（{kinds_text(e)}），须在报送前改正"
    else:
        text += "未发现错误"
    if w:
        text += f"；需注意的问题{len(w)}处（{kinds_text(w)}）"
    return text + "。"


def target_lines(ps: list[Project]) -> list[str]:
    """绩效目标设定质量: the checker's findings on how targets were set, by rule."""
    from ..checking.rules import load_catalogue

    cat = load_catalogue()
    by_rule: dict[str, list[tuple[Project, Finding]]] = {}
    for p in ps:
        for f in p.findings:
            if f.rule in TARGET_RULES:
                by_rule.setdefault(f.rule, []).append((p, f))
    if not by_rule:
        return ["经校验，各项目的绩效目标设定未发现问题：指标值都写明了方向和单位，指标不重复，"
                "成本指标与预算相符，未发现项目之间照搬指标。"]
    total = sum(len(v) for v in by_rule.values())
    lines = [f"经校验，绩效目标设定方面共有{total}处问题，按类别如下："]
    for k, code in enumerate((c for c in TARGET_RULES if c in by_rule), start=1):
        hits = by_rule[code]
        names = []
        for p, _f in hits:
            if p.name not in names:
                names.append(p.name)
        title = cat[code].title if code in cat else code
        shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
        line = f"{k}{ORD}{title}：{len(hits)}处，涉及{len(names)}个项目（{shown}）"
        if code == "E1":
            line += "。" + "；".join(f"{p.name}：{message_text(f.message)}" for p, f in hits)
        elif len(hits) <= 3:
            line += "。如：" + lead_once([message_text(f.message) for _p, f in hits])
        else:
            line += "。如：" + message_text(hits[0][1].message)
        lines.append(line + "。")
    lines.append("今后设定绩效目标时，定量指标写明方向（≥、≤、=）和单位，比率指标不写“≥100%”，成本指标按本项目"
                 "预算测算，各项目按自身任务设定指标，不照搬其他项目。")
    return lines




def quality_lines(ps: list[Project], n_ind: int) -> list[str]:
    """绩效目标设定质量 as the department reports it: what the forms set, counted — no verdicts of
    the checker (those are in 校验报告.docx)."""
    from .facts import group_of

    if not n_ind:
        return ["自评表未填写绩效指标（【待填写】）。"]
    c = Counter(group_of(ind.level1, ind.level2) for p in ps for ind in p.form.indicators)
    parts = "、".join(f"{g}{c[g]}个" for g in ("数量指标", "质量指标", "时效指标", "成本指标", "效益指标",
                                             "满意度指标", "其他指标") if c.get(g))
    several = len(ps) > 1   # one project is “该项目”, not “1个项目”
    return [f"{f'{len(ps)}个项目' if several else '该项目'}共设三级绩效指标{n_ind}个，其中{parts}。"
            f"{'各' if several else '该'}项目的指标值和实际完成值见所附自评表。",
            "绩效目标设定情况的其他说明：【待填写】。"]


CHECK_NAME = "校验报告"


def _listed(f: Finding) -> str:
    """A finding in the report's listing of a form's problems: its line, another form it names named as in the
    summary items (``forms_named``) — the listing printed “（民政局-2022-绩效自评表.xlsx › 救助资金）” mid sentence."""
    from dataclasses import replace

    return finding_line(replace(f, message=forms_named(f.message)))


def check_lines(data: ReportData) -> dict[str, Any]:
    """What the 校验报告 says: counts, each form's findings, the scorer's totals beside the forms'."""
    ps = data.projects
    # the other kinds' forms the documents speak of (the 部门整体 form): their errors refuse the report too
    others = [(f"{title}（{name}）", [f for f in fs if f.severity == "error"], [f for f in fs if f.severity == "warning"])
              for title, name, fs in data.other_forms]
    errors = sum(len(p.errors) for p in ps) + sum(len(e) for _n, e, _w in others)
    warnings = sum(len(p.warnings) for p in ps) + sum(len(w) for _n, _e, w in others)
    kinds = Counter(title for title, _n, _fs in data.other_forms)
    counted = ([f"项目支出绩效自评表{len(ps)}张"] if ps or not kinds else []) + [f"{k}{n}张" for k, n in kinds.items()]
    overview = (f"共校验{'、'.join(counted)}"
                + f"，发现错误{errors}处、警告{warnings}处。"
                + ("有错误的自评表改正并重新校验后，方可生成和报送报告。" if errors else
                   "未发现错误，可以报送。"))
    forms = []
    for p in ps:
        found = [f for f in p.findings if f.severity in ("error", "warning")]
        # the sheet the 填报人 opens to correct it, where its tab is not the project's name (a name cut at
        # Excel's 31 characters, or another): each item below gives only its cell
        sheet = p.row.get("sheet")
        where = f"（工作表“{sheet}”）" if sheet and sheet != p.name else ""
        head = f"{p.index}{ORD}{p.name}{where}：" + check_summary(p)
        forms.append({"head": head, "lines": [_listed(f) for f in found]})
    for k, (name, e, w) in enumerate(others, start=len(ps) + 1):
        forms.append({"head": f"{k}{ORD}{name}：" + _verdict(e, w), "lines": [_listed(f) for f in e + w]})
    scores = []
    for p in ps:
        written = p.form.total_score
        line = (f"{p.index}{ORD}{p.name}：自评表总分{score_said(written) + '分' if written is not None else '未填写'}，"
                f"按{p.score.profile}评分规则复核为{score_said(p.score.total)}分")
        scores.append(line + _against(written, p.score.total) + _beside_d11(p, data.profile) + "。")
    k = len(ps)
    for _kind, items, per_form in data.whole:   # the 部门整体 form's 总分 against its standards' (``DeptScore``)
        for it, found in zip(items, per_form):
            sc = data.check.scores.get(it.source)
            if sc is None or not hasattr(sc, "written_total"):
                continue
            k += 1
            written = sc.written_total
            line = (f"{k}{ORD}{_kind.title}（{_kind.name_of(it.form)}）：自评表总分"
                    f"{score_said(written) + '分' if written is not None else '未填写'}，按表中评分标准复核为{score_said(sc.total)}分")
            taken = sum(1 for i in sc.indicators if not i.computed)   # no standard, or its figures not given
            # the formula indicators are scored by the parameters below the form, not the 评分标准 printed (F19)
            apart = len({f.field.split(".")[1] for f in found if f.rule == "F19" and f.field})
            notes = ([f"其中{taken}个指标没有可计算的评分标准或计算数据，取表中得分"] if taken else []) + (
                [f"{apart}个指标的评分标准文字与评分标准参数不符，按参数计算，见规则 F19"] if apart else [])
            if notes:
                line += "（" + "；".join(notes) + "）"
            scores.append(line + _against(written, sc.total) + "。")
    # 绩效目标设定 is the projects' (their 指标值 and 完成值): none to say of a 部门整体 form sent alone
    return {"overview": overview, "forms": forms, "scores": scores, "targets": target_lines(ps) if ps else []}


def _against(written: float | None, reviewed: float) -> str:
    """The 自评表's 总分 against the 复核's, as the rules judge them (``core.numbers.scores_apart``): “两者不一致”
    only where a rule finds the 总分 wrong; a difference within 0.01 分 (98.8 beside 98.81) is named a
    rounding difference — it read “两者不一致” with no finding in the list above to correct."""
    if written is None:
        return ""
    if scores_apart(float(written), reviewed):
        return "，两者不一致"
    if score_said(written) != score_said(reviewed):
        return f"，相差{score_said(abs(float(written) - reviewed))}分，属计算尾差，不必修改"
    return ""


def _beside_d11(p: Project, profile: Profile) -> str:
    """Why the 复核得分 is not the 总分 rule D11 gives above, where they differ (filler QA, s43).

    D11 counts only the scores certainly wrong, and leaves a 执行率得分 worked out from funds that
    are to change first (执行数 above 预算数) as written; the 复核 scores every item under the rules,
    the 执行率 capped at 100%. A 填报人 reading “总分应为 99” and then “复核为 100” is owed the reason,
    taken from D11's own parts (``totals.corrected``)."""
    from ..checking.rules import FormContext
    from ..checking.rules.totals import corrected, warned

    if not any(f.rule == "D11" for f in p.findings):
        return ""
    ctx = FormContext(form=p.form, score=p.score, profile=profile)
    c, (asked, with_asked) = corrected(ctx), warned(ctx)
    if not scores_apart(c.total, p.score.total):
        return ""
    why = []
    # a figure in 元 (A5, A16) is read in 万元 by D11 and the 复核 alike (``core.rates.wan_rate``): no reason here
    rate, es = p.score.exec_rate, p.score.exec_score
    if es is not None and scores_apart(es, c.exec_certain):
        why.append(f"全年执行数大于全年预算数，复核按表中资金的执行率{pct(rate)}（计分时按100%）算执行率得分"
                   f"{score_said(es)}分，规则 D11 在资金数改正前沿用表中的{score_said(c.exec_certain)}分"
                   if rate is not None and rate > 1 + 1e-9 else
                   f"复核按执行率{pct(rate) if rate is not None else ''}算执行率得分{score_said(es)}分，表中的"
                   f"{score_said(c.exec_certain)}分只作警告、规则 D11 不改")
    if asked and scores_apart(with_asked, c.total):
        names = quoted_series(p.form.indicators[i].name for i in asked[:3]) + ("等" if len(asked) > 3 else "")
        why.append(f"复核按评分规则重算了全部得分，其中{names}的得分只作警告、规则 D11 不计入"
                   + (f"（一并改正时总分为{score_said(with_asked)}分）"
                      if scores_apart(with_asked, p.score.total) else ""))
    return (f"；与规则 D11 改正得分后的总分{score_said(c.total)}分不同，是因为" + "；".join(why)) if why else ""


def _black_rule(style: Any) -> None:
    """The rules (paragraph borders) of ``style`` in black: python-docx's blank underlines its Title in
    the theme's blue (4F81BD), which prints blue under a black title on paper."""
    from docx.oxml.ns import qn

    ppr = style.element.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    for side in list(borders) if borders is not None else []:
        side.set(qn("w:color"), "000000")
        for attr in ("w:themeColor", "w:themeTint", "w:themeShade"):
            side.attrib.pop(qn(attr), None)


def write_check_report(data: ReportData, target: Path) -> Path:
    """校验报告.docx: the 填报人's own check (not for sending), written atomically."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from ..fileio import atomic_path
    from .docxwrite import Body, page_numbers, set_properties

    c = check_lines(data)
    doc = Document()
    set_properties(doc, title="校验报告", author=data.settings.unit or "")  # not python-docx's
    sec = doc.sections[0]  # A4, as the documents it goes with
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(26)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    page_numbers(sec)   # some 20 pages for 23 forms: printed without numbers, no order to put them back in
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        st = doc.styles[name]
        st.font.name = "仿宋_GB2312" if name == "Normal" else "黑体"
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), st.font.name)
        st.font.color.rgb = None
    doc.styles["Normal"].font.size = Pt(12)
    _black_rule(doc.styles["Title"])   # printed in black, as the text is (python-docx's blank draws it blue)
    body = Body(doc)  # the styles are set above: their ids do not change from here on
    doc.add_heading("校验报告（填报人自查用，不报送）", level=0)
    body.add("本报告列出自评表校验发现的问题和按评分规则复核的得分，供填报人改正自评表，"
             "不作为报送材料。")
    doc.add_heading("一、校验概况", level=1)
    body.add(c["overview"])
    doc.add_heading("二、各自评表的问题", level=1)
    for f in c["forms"]:
        # a form's head line goes to the next page with its first problem, not alone at a page's foot
        body.add(f["head"]).paragraph_format.keep_with_next = bool(f["lines"])
        for line in f["lines"]:
            body.add(line, "List Bullet")
    doc.add_heading("三、复核得分", level=1)
    for line in c["scores"]:
        body.add(line)
    if c["targets"]:
        doc.add_heading("四、绩效目标设定", level=1)
        for line in c["targets"]:
            body.add(line)
    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target
