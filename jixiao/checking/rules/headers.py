"""H — 表头、指标类别与文字 (issue 14, capability 5).

What a reviewer marks without a calculator: a 主管部门 left blank or written as a code, a
项目名称 that is the title of the funding document or of the 绩效目标表, or that names another year
than the form's (copied from last year's form), an indicator filed under
a category it does not belong to, a 时效 indicator without a time limit, a quantity to be
produced written as a ceiling, a 填报日期 that is no day or not after the year evaluated (H10).
All warnings: the names come from the approved budget and plan.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ...core.dates import date_blank_said, self_eval_date_said
from ...core.numbers import is_unfilled
from ...core.docno import DOC_NO, without_doc_number
from ...core.nameyear import NAME_YEAR_RULE, name_year
from ...core.quotes import in_words
from ...core.numbers import fmt
from ...core.values import parse_value
from ...forms.project.model import LEVEL1, LEVEL2
from . import FormContext, Hit, rule

DOC_TITLE = re.compile(rf"^关于.*(通知|批复|函)|{DOC_NO.pattern}|的通知")
FORM_TITLE = re.compile(r"(绩效目标表|绩效自评表|自评表|目标申报表)$")
HEADCOUNT = re.compile(r"人数|人次|数量|次数|户数|个数")
RUNNING = re.compile(r"办公|运行|运转|经费|费用|支出|开支|成本")  # what a 成本指标 measures, misplaced as 生态效益
ECOLOGY = re.compile(r"环境|生态|绿|排放|污染|节能|节水|水|林|土|碳|垃圾|噪|能耗|资源|空气|河|湖|草|农药|化肥|秸秆|粪|沙|"
                     r"尘|气|植|耕|湿地|野生|物种|卫生|厕")
INCIDENT_WORDS = ("发生", "事故", "投诉", "案件", "差错", "违规", "返贫", "失误", "上访")


def suggested_name(name: str) -> str:
    """The project's own name inside a document title: "关于下达 2022 年…资金预算的通知冀财社(2022)49 号" → "2022 年…资金"."""
    s = without_doc_number(name.strip())
    s = re.sub(r"[冀京津晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新][财政发办]\S{0,3}$", "", s.strip())
    s = re.sub(r"^(关于)?(提前)?(下达|拨付|分配|印发)", "", s)
    s = re.sub(r"^关于", "", s)
    s = re.sub(r"(预算)?(的)?(通知|批复|函)$", "", s.strip())
    s = FORM_TITLE.sub("", s.strip())
    return s.strip() or name


@rule("H1", "warning", "主管部门未填或写成代码",
      """主管部门应写主管部门的名称（如“县卫生健康局”），汇总表按它分部门统计；空白或只写预算单位代码，
      汇总和退回修改时找不到对应的部门。""", group="headers")
def authority(ctx: FormContext) -> Iterator[Hit]:
    a = (ctx.form.authority or "").strip()
    if not a:
        yield Hit("authority", "主管部门未填写", expected=f"填写主管部门名称（如实施单位“{ctx.form.unit}”的主管部门）"
                  if ctx.form.unit else "填写主管部门名称", found=None)
    elif re.fullmatch(r"[\d\s\-_.]+", a):
        yield Hit("authority", f"主管部门写成了代码“{a}”，应写部门名称", expected="主管部门名称", found=a)


@rule("H2", "warning", "项目名称写成了文件标题或表名",
      """项目名称应为预算批复中的项目名称，不应照抄资金文件的标题（“关于下达……的通知”“冀财社〔2022〕49 号”）
      或表名（“……绩效目标表”）：汇总表、报告都按项目名称列示。""", group="headers")
def project_title(ctx: FormContext) -> Iterator[Hit]:
    name = (ctx.form.project or "").strip()
    if name and (DOC_TITLE.search(name) or FORM_TITLE.search(name)):
        want = suggested_name(name)
        if want == name:  # a 文号 inside the name (…资金[冀财社(2021)164号]…): no shorter name to offer
            yield Hit("project", f"项目名称“{name}”是文件标题或表名，应为预算批复中的项目名称",
                      expected="预算批复中的项目名称", found=name)
            return
        yield Hit("project", f"项目名称“{name}”是文件标题或表名，应为预算批复中的项目名称（如“{want}”）",
                  expected=want, found=name)


@rule("H3", "warning", "指标归入的类别不合理",
      """满意度应归入满意度指标，人数、次数等数量不应作为满意度，投诉、事故等应作为质量或效益指标的反向指标，
      办公运行类的内容不是生态效益。类别放错会使一级指标的分值分配失真，请把指标移到合适的类别。""",
      group="headers")
def category(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        l1, l2, name = ind.level1 or "", ind.level2 or "", ind.name or ""
        # the categories it belongs in, each with its aside, and an aside on them all: the message quotes
        # each category alone, its aside after the closing quote (GB/T 15834: “效益指标 › 社会效益指标”
        # （投诉率作为反向指标）, never “效益指标 › 社会效益指标（投诉率作为反向指标）”)
        places: list[tuple[str, str]] = []
        note = ""
        if "满意" in name and "满意" not in l1 and "满意" not in l2 and not re.search(r"调查|测评|回访", name):
            places = [("满意度指标 › 服务对象满意度指标", "")]
        elif "满意" in l1 + l2 and "满意" not in name and HEADCOUNT.search(name):
            places = [("产出指标 › 数量指标", "")]
        elif "满意" in l1 + l2 and "投诉" in name:
            places = [("效益指标 › 社会效益指标", "投诉率作为反向指标"), ("产出指标 › 质量指标", "")]
        elif "生态" in l2 and not ECOLOGY.search(name):   # 办公运行, 建立标准 …: nothing ecological (issue 14 audit)
            places = [("效益指标 › 社会效益指标", ""), ("效益指标 › 可持续影响指标", "")]
            # the 成本指标 said only of what is spending (“办公运行”), not of “建立标准”
            note = "办公运行类支出归入“产出指标 › 成本指标”" if RUNNING.search(name) else ""
        if places:
            # places under one 一级指标 name it once: “效益指标”中的“社会效益指标”或“可持续影响指标”, not “效益指标”
            # said again before each (s68)
            head = places[0][0].split(" › ")[0]
            same = len(places) > 1 and all(c.split(" › ")[0] == head for c, _a in places)
            quoted = [c if k == 0 or not same else c.split(" › ")[-1] for k, (c, _a) in enumerate(places)]
            said = "或".join(f"“{q}”" + (f"（{a}）" if a else "") for q, (_c, a) in zip(quoted, places)) \
                + (f"（{note}）" if note else "")
            want = "或".join(c + (f"（{a}）" if a else "") for c, a in places) + (f"（{note}）" if note else "")
            # the message as a document says it (“效益指标”中的“社会效益指标”): it is the marked copy's comment and
            # the notice's item, both sent to the department; 应为 and 表中为 keep the path (``core.quotes.in_words``)
            yield Hit(f"indicators[{i}].level2",
                      in_words(f"指标“{name}”归在“{l1} › {l2}”下不合理，应归入{said}"), expected=want,
                      found=f"{l1} › {l2}")


# a time limit in words (“年底前完成”, “第三季度末前”, “年内”): a 时限 all the same, not H4's
DEADLINE_WORDS = re.compile(r"年底|年末|年内|年度内|[上下]半年|第[一二三四1-4]季度|季度末|月底前|月末前")


@rule("H4", "warning", "时效指标的指标值不是时限",
      """时效指标考核的是完成的时间：指标值应写时限（“12 月前”“≤30 天”“年底前完成”）或及时率（“=100%”）。写成
      定性的“及时”或别的文字，无法判断是否按时；名称是“及时率”而指标值写成月份，则考核的是时间而不是比率。""",
      group="headers")
def timeliness(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if "时效" not in (ind.level2 or ""):
            continue
        # each message says what to write once — one “应写……”, its alternatives joined by “或” — and the
        # 退回修改通知 quotes no 应为 after it (``review.notices.item_text``); ``expected`` is the 应为 column's
        t = parse_value(ind.target)
        if t.kind in ("qualitative", "done_word", "unparsed") and not DEADLINE_WORDS.search(ind.target or ""):
            yield Hit(f"indicators[{i}].target", f"时效指标“{ind.name}”的指标值“{ind.target}”不是时限，"
                      "应写时限（如“12 月前”“≤30 天”）或及时率（如“=100%”）",
                      expected="时限（如“12 月前”“≤30 天”）或及时率（如“=100%”）", found=ind.target)
        elif t.kind == "quantity" and (t.unit_dim or "").startswith("count"):   # 工资发放及时性 “12 次”
            # no direction either (C2: “应写作‘≥12 次’‘≤12 次’或‘=12 次’”): said here, for the one case where
            # a count stays — a 数量指标 is written “≥” (H5) — and C2 taken in: one way to write the cell
            bare = t.direction is None and t.unit is not None
            yield Hit(f"indicators[{i}].target",
                      f"时效指标“{ind.name}”的指标值“{ind.target}”是数量，不是时限，应写时限（如“每月 10 日前”“≤30 天”）"
                      "或及时率（如“=100%”），或把指标归入数量指标"
                      + (f"并写作“≥{t.shown()}”（若考核的是次数）" if bare else "（若考核的是次数）"),
                      expected="时限（如“每月 10 日前”“≤30 天”）或及时率（如“=100%”），或把指标归入数量指标",
                      found=ind.target, folds=("C2",) if bare else ())
        elif t.kind == "quantity" and t.unit_dim == "time" and t.direction in ("ge", "gt"):   # “≥365 天”
            want = f"≤{t.exact()}"
            yield Hit(f"indicators[{i}].target",
                      f"时效指标“{ind.name}”的指标值“{ind.target}”是“≥”天数，时限是上限，应写“{want}”之类，"
                      "或把指标归入数量指标（若考核的是全年运行的天数）", expected=f"{want}，或把指标归入数量指标",
                      found=ind.target)
        elif t.kind == "month" and (ind.name or "").endswith("率"):
            yield Hit(f"indicators[{i}].target",
                      f"时效指标“{ind.name}”是比率，指标值却写成月份“{ind.target}”，应写“=100%”，"
                      f"或把名称改为“完成时间”、指标值写“≤{fmt(t.number)} 月”",
                      expected=f"=100%（或把名称改为“完成时间”，指标值写“≤{fmt(t.number)} 月”）", found=ind.target)


@rule("H5", "warning", "要完成的数量写成了上限“≤”",
      """数量指标是要完成的工作量（人数、台数、次数），指标值应写“≥”（至少完成多少）；写“≤”等于说完成得越少越好。
      事故、投诉、案件之类越少越好的数，才写“≤”。""", group="headers")
def quantity_as_ceiling(ctx: FormContext) -> Iterator[Hit]:
    for i, ind in enumerate(ctx.form.indicators):
        if "数量" not in (ind.level2 or "") or any(w in (ind.name or "") for w in INCIDENT_WORDS):
            continue
        t = parse_value(ind.target)
        if t.kind == "quantity" and t.direction in ("le", "lt") and (t.unit_dim or "").startswith(("count", "length", "area")):
            want = f"≥{t.exact()}"
            yield Hit(f"indicators[{i}].target",
                      f"数量指标“{ind.name}”是要完成的数量，指标值应写“{want}”，表中为“{ind.target}”",
                      expected=want, found=ind.target)


def _core(level: str) -> str:
    """A level name without spaces and its closing “指标”: “社会效益 指标” → “社会效益”."""
    t = "".join(level.split())
    return t[:-2] if t.endswith("指标") else t


# 二级指标 → the 一级指标 it belongs to, by the framework's names (财预〔2020〕10号): “社会效益” → “效益指标”
_HOME = {_core(l2): l1 for l1, l2s in LEVEL2.items() for l2 in l2s}
_LEVEL1_CORES = {_core(l1): l1 for l1 in LEVEL1}


@lru_cache(maxsize=1024)
def level1_said(l1: str, l2: str) -> str:
    """The 一级指标 an indicator stands under: its own where written; where it is blank, the one its 二级指标
    says — by the framework's names (“服务对象满意度指标” → 满意度指标, “可持续影响指标” → 效益指标) or by a
    一级指标's word in it (“群众满意度”) — else "". A form that gives its 一级指标 only as section rows the
    reader did not take (or not at all) still has the 满意度 and 效益 indicators its 二级指标 name."""
    if l1.strip():
        return l1
    core = _core(l2)
    return (_HOME.get(core) or _LEVEL1_CORES.get(core)
            or next((name for word, name in _LEVEL1_CORES.items() if word in core), ""))


@rule("H9", "error", "二级指标与一级指标不对应",
      """产出指标下设数量、质量、时效、成本指标，效益指标下设经济效益、社会效益、生态效益、可持续影响指标，
      满意度指标下设服务对象满意度指标。二级指标归在另一个一级指标下（插行、复制时常见），一级指标的分值合计和
      应设的类别都随之算错：请把这些指标移到所属的一级指标下，或改为本一级指标下的二级指标。""", group="headers")
def level_home(ctx: FormContext) -> Iterator[Hit]:
    last: tuple[str, str] | None = None
    for i, ind in enumerate(ctx.form.indicators):
        pair = (ind.level1 or "", ind.level2 or "")
        if pair == last:
            continue   # once a block: the rows under one merged 二级指标 are one mistake
        last = pair
        wrong = _misplaced(*pair)
        if wrong is not None:
            l1, l2 = pair
            home, own = wrong
            subs = "、".join(_core(w) for w in LEVEL2[own])
            yield Hit(f"indicators[{i}].level2",
                      in_words(f"“{l1} › {l2}”不对应：二级指标“{l2}”属于“{home}”，应归入“{home} › {l2}”"
                               f"（“{own}”下设{subs}指标）"), expected=f"{home} › {l2}", found=f"{l1} › {l2}")


@lru_cache(maxsize=1024)
def _misplaced(l1: str, l2: str) -> tuple[str, str] | None:
    """(the 一级指标 a framework 二级指标 belongs to, the one it stands under) where they differ; once per
    pair of names, as the same few pairs stand on every form (issue #18: 10,000 forms)."""
    home, own = _HOME.get(_core(l2)), _LEVEL1_CORES.get(_core(l1))
    return (home, own) if home is not None and own is not None and home != own else None


@rule("H8", "warning", "项目名称中的年份与表的年度不同", NAME_YEAR_RULE, group="headers")
def project_name_year(ctx: FormContext) -> Iterator[Hit]:
    name = ctx.form.project
    if not name or "年" not in name:
        return   # most names: nothing to look at (10,000 forms)
    said = name_year(name, ctx.form.year, ctx.extra.get("cell"))
    if said is not None:
        yield Hit("project", *said)


@rule("H10", "warning", "填报日期有误",
      """项目支出绩效自评是对上一预算年度全年执行情况的评价，在年度结束之后填报：填报日期应在表的年度之后（自评
      2022 年度的，写 2023年1月1日以后的日期，如 2023年3月1日）。日历上没有的日期（2023.2.30、2023年13月1日）、
      自评年度之内或之前的日期、晚于自评年度两年以上的日期多半是笔误（年份写成了自评年度，或月、日写错），请按实际的
      填报日期改正。生成报告时，“设置”中没有填写成文日期的，报送函的成文日期取自填报日期：这样的日期印作【待填写】
      或不能生成报告。自评年度 12 月的日期不在此列（有的通知要求年底前完成自评）；填报日期空白的不提示。""",
      group="headers")
def filled_on_date(ctx: FormContext) -> Iterator[Hit]:
    written = ctx.form.filled_on
    if is_unfilled(written):   # a hint while the form is being filled (H11), a warning in review
        yield Hit("filled_on", *date_blank_said("填报日期", ctx.form.year), found=written, severity="info")
        return
    said = self_eval_date_said("填报日期", written, ctx.form.year)   # the one judgement of a form's date
    if said is not None:
        yield Hit("filled_on", said[0], expected=said[1], found=written)
