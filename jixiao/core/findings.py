"""A finding: one thing wrong (or worth a look) on one cell of one form.

The fields are those of ``outputs.md`` → Findings, in that order; the CLI prints them as
JSON and the annotator marks them on their cells.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from .lazyre import lazy
from .numbers import BLANK
from .quotes import nest_quotes

__all__ = ["BELOW_TOTAL", "YEAR_IN_BOOK", "HIDDEN", "SUPERSEDED", "OTHER_YEAR", "WHOLE_OTHER_YEAR", "READ_CHANGED", "READING_CODES", "REVIEW_ONLY", "reading_titles", "RESULT_HEADER", "RESULT_SHEET", "is_result_sheet", "DETAIL_SHEET", "DETAIL_TITLE", "is_detail_head", "is_detail_sheet", "SEVERITIES", "SEVERITY_ZH", "UNREADABLE", "Finding",
           "as_said", "fold", "formula_expected", "says_blank", "source_anchor", "source_label", "source_named", "unfold"]

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

# The sheet a 校验 writes its findings on (``excel.plan.result_sheet``), and its header row
RESULT_SHEET = "校验结果"
RESULT_HEADER = ["级别", "规则", "工作表", "单元格", "项目", "问题", "应为", "表中为", "文件"]


def is_result_sheet(rows: list[list[Any]]) -> bool:
    """Whether a sheet's values (from A1) are a 校验结果 sheet a 校验 wrote: its header row."""
    return len(rows) >= 2 and [str(v or "") for v in rows[1][:4]] == RESULT_HEADER[:4]


# a message saying its cell holds nothing: “……，表中为空白” (a blank 扣分原因, 偏差原因, 分值), “……未填写，请填写……”
# (a blank date, 执行率), “得分为空，……” (a 部门整体 score whose formula gave nothing)
_SAYS_BLANK = lazy(rf"表中为{BLANK}|未填写|为空(?:[，；。]|$)")


def says_blank(cell: str | None, found: Any, message: str | None) -> bool:
    """A finding's cell is blank, as its message says: its 表中为 then says “空白” (``BLANK``) — the
    退回修改通知's “表中为空白” beside it, the 清单's and the 校验结果 sheet's column (``excel.plan``) alike;
    both were left empty, which read as “nothing to show”. A point with nothing to quote — a copied
    indicator set, an approved indicator missing from the form — says nothing of a blank and keeps its
    表中为 empty; so does a cell with something in it."""
    return bool(cell) and found in (None, "") and bool(_SAYS_BLANK.search(str(message or "")))


# what a formula total follows once its message's changes are made: said so wherever a 应为 is shown
FORMULA_TOTAL = "改正后公式自动合计为 {}，不要键入"


def formula_expected(shown: Any) -> str:
    """The 应为 of a total cell that holds our template's formula (``Finding.expected_is_formula``), as the 校验结果
    sheet, the 清单 and the 退回修改通知 show it: “改正后公式自动合计为 99.5 分（优），不要键入”. The message on it
    says what to change (“请把上述得分改为改正后的分数，总分格是公式，……”, ``checking.rules.table.formula_fix``);
    a bare “99.5 分（优）” in a column headed 应为 beside it read as the number to type, and typed over the formula
    it stops following the scores. ``shown``: the figure as the form shows it (``forms.shown_value``)."""
    return FORMULA_TOTAL.format(shown)


# The 项目明细 a 汇总 writes (``summary.book``): its name, its title in A1 (“序号” heads A2), the
# year before it when the forms share one (“2022年度项目支出…”; none before session 39)
DETAIL_SHEET = "项目明细"
DETAIL_TITLE = "项目支出绩效自评项目明细（单位：万元）"
_DETAIL_HEAD = re.compile(r"(?:\d{4}年度)?" + re.escape(DETAIL_TITLE))


def is_detail_head(a1: Any, a2: Any) -> bool:
    """Whether a sheet's A1 and A2 are those of the 项目明细 a 汇总 writes."""
    return isinstance(a1, str) and _DETAIL_HEAD.fullmatch(a1.strip()) is not None and a2 == "序号"


def is_detail_sheet(rows: list[list[Any]]) -> bool:
    """Whether a sheet's values (from A1) are a 项目明细 a 汇总 wrote: its 来源 column names the forms'
    sheets, and a sheet left as “项目支出绩效自评表 (2)” reads like a form's title."""
    head = [r[0] if r else None for r in rows[:2]] + [None, None]
    return is_detail_head(head[0], head[1])


# Findings that no rule of the catalogue makes: what reading the files found. Not in the bureau's
# rule settings (they cannot be turned off); ``jixiao rules`` lists them after the rules.
UNREADABLE, READ_CHANGED, HIDDEN, OTHER_YEAR, WHOLE_OTHER_YEAR, SUPERSEDED = "X1", "X2", "X3", "X4", "X5", "X6"
BELOW_TOTAL = "X7"
YEAR_IN_BOOK = "X8"
READING_CODES = (
    (UNREADABLE, "错误", "文件、工作表或单元格无法读取",
     "文件打不开、工作表不是可读的自评表，或单元格的内容无法按表读取（该填数字处写了文字、项目名称空白……）：这张表不计入，"
     "每个这样的单元格一条"),
    (READ_CHANGED, "警告", "读取时改动了单元格的值",
     "控制字符已删除、错误值（#DIV/0! 等）不当作文字、写成文字的数字（“20000元”“10分”）按单元格的单位读：表中公式和"
     "汇总表不把文字算作数字，请将单元格格式设为“常规”或“数值”后只填数字；键入的比例“1:10”被存成了时间的，按比例读，"
     "请键入 '1:10（前面加英文单引号）或“1比10”"),
    (HIDDEN, "警告", "隐藏工作表上的表未计入（复核）", "隐藏的工作表在 Excel 和打印件上都看不到，其中的表不计入；如应报送，请取消隐藏"),
    (OTHER_YEAR, "警告", "其他年度的表未计入（复核）",
     "表的年度与本次复核的年度不同，不计入；单位只报了其他年度的表时为错误"),
    (WHOLE_OTHER_YEAR, "警告", "部门整体表的年度与本次复核不同（复核）",
     "部门整体支出绩效自评表每个单位一张，按收到的表计入；表中年度与本次复核的年度不同时指出，请核实年度"),
    (SUPERSEDED, "提示", "已被重新报送的文件替换的表（复核）",
     "同一项目在较新的文件中又报了一次，旧文件中的这张表不计入、不校验：标注副本在这张表上注明由哪个文件替换，"
     "退回修改通知和清单在“说明”中写明，不算须修改或请核实之处"),
    (BELOW_TOTAL, "错误", "总分行下方的指标未计入",
     "指标要写在总分行上方的指标区内：写在总分行下方（说明、落款之间；部门整体表的评价小组之前，评价表的总计行与"
     "存在的问题之间）的一行指标不计入分值合计和总分，表中的公式也不算它：请把这一行剪切到指标区内的空行，没有空行时在两个"
     "指标行之间插入一行再剪切过去。本模板上紧挨着总分行上方（或第一个指标行上方）插入的一行同样不在总分行公式的范围内，"
     "表中的分值合计和总分不算它：点“计算”即把总分行的公式改为合计全部指标行"),
    (YEAR_IN_BOOK, "警告", "年度与本工作簿中的其他表不同",
     "一个工作簿报送一个年度：年度与本工作簿中多数表不同的表（多是从上年的表复制来而没有改年度）不计入汇总，"
     "部门整体支出绩效自评表也不写入整体绩效自评工作报告；请核实年度（财政局复核时同样指出）"),
)
REVIEW_ONLY = "（复核）"   # the catalogue's mark of a code only the review gives (``jixiao rules``)


def reading_titles() -> dict[str, str]:
    """Each reading code's title as a sheet the reviewer reads names it (the 台账's 问题统计): without
    the catalogue's ``REVIEW_ONLY`` mark, which told who gives the code, not what the problem is."""
    return {code: title.removesuffix(REVIEW_ONLY) for code, _severity, title, _text in READING_CODES}


@dataclass
class Finding:
    rule: str
    severity: str
    field: str
    message: str
    expected: Any = None
    found: Any = None
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    project: str | None = None
    # dataclasses.field spelled out: the ``field`` attribute above shadows the bare name in the class body
    source: str | None = dataclasses.field(default=None, repr=False, compare=False)  # the form: file#sheet[@A40]
    paragraph: int | None = None   # a report's finding (R rules): its paragraph, from 1
    quote: str | None = None       # … the sentence it quotes
    against: str | None = None     # … and the form cell it contradicts: file › sheet › cell（字段）
    indicator: str | None = None   # … and the 三级指标 of that cell, where it is an indicator's (R6, R7; added, s68)
    # codes of rules whose finding on the same field of the same form this one already says, with the
    # value that cell should hold (D11's corrected 总分 says what D7's as-written sum would): ``fold``
    folds: tuple[str, ...] = dataclasses.field(default=(), repr=False, compare=False)
    folded: tuple["Finding", ...] = dataclasses.field(default=(), repr=False, compare=False)  # … those it took in
    # a cross-form finding (E1–E3): the other form its message names by ``source_label`` (its source), which
    # a review writes as the department that sent it where that is another department
    other: str | None = dataclasses.field(default=None, repr=False, compare=False)
    # what the finding is about where that is not its rule's title (``Hit.topic``): the heading a document
    # that groups findings files it under (``topic_of``)
    topic: str | None = dataclasses.field(default=None, repr=False, compare=False)
    # ``expected``/``found`` as a reader is to see them where the figures are not the cell's own value
    # (F3/F4, V2/V3 on a 一级 cell of 25 whose 三级 add up to 30: “其下三级指标分值合计 25 分”), ``Hit``'s;
    # None: as ``forms.shown_value`` says the figure. In the JSON only where set (added, s64)
    expected_shown: str | None = dataclasses.field(default=None, compare=False)
    found_shown: str | None = dataclasses.field(default=None, compare=False)
    # ``expected`` is what a total cell holding our template's formula will show once the cells its message names
    # are changed — no value to type (``Hit.expected_is_formula``): its 应为 is said as ``formula_expected`` says it.
    # In the JSON only where true (added, s66)
    expected_is_formula: bool = dataclasses.field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell, "project": self.project,
                "field": self.field, "rule": self.rule, "severity": self.severity,
                "message": self.message, "expected": self.expected, "found": self.found,
                **({"source": self.source, "paragraph": self.paragraph, "quote": self.quote,
                    "against": self.against} if self.paragraph is not None else {}),
                **({"indicator": self.indicator} if self.indicator is not None else {}),
                **({"expected_shown": self.expected_shown} if self.expected_shown is not None else {}),
                **({"found_shown": self.found_shown} if self.found_shown is not None else {}),
                **({"expected_is_formula": True} if self.expected_is_formula else {}),
                **({"folded": [g.to_dict() for g in self.folded]} if self.folded else {})}


def fold(findings: list[Finding]) -> list[Finding]:
    """``findings`` with each finding that another finding on the same field of the same form already
    says (``Finding.folds``) taken into that one (``Finding.folded``), in their order otherwise.

    One cell, one “应为”: D7 says the 总分 should be the sum of the scores as written (110), D11 what it
    becomes once a wrong score is corrected (109.5); the department reading both on H34 did not know which
    to type. D11 then names the as-written sum and D7 goes inside it. A finding is taken in only by one
    at least as severe (a bureau that made D11 a warning still sees D7's error)."""
    holders = [f for f in findings if f.folds]
    if not holders:
        return findings   # most forms: nothing to fold
    rank = {s: i for i, s in enumerate(SEVERITIES)}

    # only the fields and forms a holder is on: a batch's 140,000 findings keyed one by one were most of
    # fold's ~0.13 s in the main process's serial tail (4,000 of 10,000 forms have a holder; issue #18)
    on, fields = {h.source for h in holders}, {h.field for h in holders}
    mine = [f for f in findings if f.field in fields and f.source in on]
    by_key: dict[tuple, list[Finding]] = {}
    for f in mine:
        by_key.setdefault((f.source, f.file, f.sheet, f.field), []).append(f)
    into: dict[int, Finding] = {}   # id of a finding taken in -> the finding that takes it
    for h in holders:
        if id(h) in into:
            continue
        for g in by_key[(h.source, h.file, h.sheet, h.field)]:
            if (g is not h and g.rule in h.folds and id(g) not in into
                    and rank.get(g.severity, 0) >= rank.get(h.severity, 0)):
                into[id(g)] = h
    if not into:
        return findings
    taken: dict[int, list[Finding]] = {}
    for f in mine:   # in the order of ``findings``
        if id(f) in into:
            taken.setdefault(id(into[id(f)]), []).append(f)
    return [dataclasses.replace(f, folded=f.folded + tuple(taken[id(f)])) if id(f) in taken else f
            for f in findings if id(f) not in into]


def unfold(findings: list[Finding]) -> list[Finding]:
    """The inverse of ``fold``: each finding taken in back in the list, after the one that took it."""
    if not any(f.folded for f in findings):
        return findings
    return [x for f in findings
            for x in ([dataclasses.replace(f, folded=()), *unfold(list(f.folded))] if f.folded else [f])]


def finding_line(f: Finding, label: str | None = None) -> str:
    """One finding as a Chinese line: "错误 · 单元格 F18 · 规则 C4 · 得分超过分值……", its quotes nested as the
    校验结果 sheet and the 退回修改通知 nest them (``quotes.nest_quotes``): the listing printed
    指标““三公经费”变动率” where the sheet printed 指标“‘三公经费’变动率”, for one finding. ``label``: the
    line's head instead of its severity (a finding counted in no severity: ``checking.run.NOT_COUNTED``)."""
    where = (f"第{f.paragraph}段" if f.paragraph is not None
             else f"单元格 {f.cell}" if f.cell else "整张表")
    return " · ".join((label or SEVERITY_ZH.get(f.severity, f.severity), where, f"规则 {f.rule}", nest_quotes(f.message)))


_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# a line break beside a Chinese character or full-width punctuation: dropped (others become a space)
_CJK_AROUND = lazy(r"(?<=[\u2e80-\u9fff\uff00-\uffef“”（）、，。：；])\n|\n(?=[\u2e80-\u9fff\uff00-\uffef“”（）、，。：；])")


def as_said(message: str) -> str:
    """A hit's message as a finding says it. Every rule's and reading note's finding is made through it
    (``checking.run``, ``checking.rules.table``, ``guard.sanitize.read_findings``; an X1's problem may list
    its cells line by line):

    - an indicator whose 三级指标名称 is blank: the rules quote names as 指标“…”, and “指标“”的年度指标值未填写”
      read like a mistake of the checker (``unnamed_row``, C18/F18/V17, asks for the name): 指标（名称未填）;
    - one line: a name or text the sheet wraps with Alt+Enter (“工作人员⏎数量”) is quoted as one line — the
      line break split the 退回修改通知's item and the 清单's cell mid-name — joined without a space between
      Chinese characters, with one between words of other scripts."""
    if "指标“”" in message:
        message = message.replace("指标“”", "指标（名称未填）")
    if "\n" in message or "\r" in message:
        message = _CJK_AROUND.sub("", _BREAK.sub("\n", message)).replace("\n", " ")
    return message


# A form below or beside another on one sheet: its source ends in its 项目名称 cell (“file#sheet@L3”)
_ANCHORED = re.compile(r"(.*)@([A-Z]{1,3}[0-9]{1,7})", re.S)


def source_anchor(source: str | None) -> str:
    """The 项目名称 cell of a form that is not the first on its sheet (source “file#sheet@L3” → "L3"),
    or "": where a notice says the form starts (“自评表”工作表 L3 起)."""
    m = _ANCHORED.fullmatch(source.rpartition("#")[2]) if source and "#" in source else None
    return m[2] if m else ""


def source_sheet(source: str | None) -> str:
    """The sheet a form starts on (source “file#sheet” or “file#sheet@L3” → "sheet"), or "": a finding on
    a 续表 (the sheet the form runs on to) has the 续表 as its sheet and the first sheet here."""
    if not source or "#" not in source:
        return ""
    sheet = source.rpartition("#")[2]
    m = _ANCHORED.fullmatch(sheet)
    return m[1] if m else sheet


def source_label(source: str | None) -> str:
    """Another form named inside a message, as a person reads it: "（医保局.xlsx › 救助资金）", and
    "（医保局.xlsx › 救助资金 L3 起）" for a form that is not the first on its sheet.

    A source is "file#sheet" with the file as jixiao was given it, which in a review is a staged
    copy under a temporary folder: a message names the file by its name only, never by a path."""
    if not source:
        return ""
    name, sheet, at = _source_parts(source)
    sheet = f"{sheet} {at} 起" if at else sheet
    return f"（{name} › {sheet}）" if sheet else f"（{name}）"


def _source_parts(source: str) -> tuple[str, str, str]:
    """A source "file#sheet" as its file's name (never a path: in a review a staged copy's), its sheet without
    the anchor of a form that is not the first on it, and that anchor (“L3”; "" for none)."""
    file, sep, sheet = source.rpartition("#")
    if not sep:
        file, sheet = source, ""
    at = source_anchor(source)
    if at:
        sheet = sheet[:-len(at) - 1]
    return file.replace("\\", "/").rsplit("/", 1)[-1], sheet, at


def source_named(source: str | None) -> str:
    """Another form of the department's own named in a document it is sent (the 退回修改通知, its 清单 and the
    marked copy's comments), as the notice's headings name a form: “（“医保局.xlsx”中“救助资金”工作表）”, “（“医保局.xlsx”
    中“救助资金”工作表 L3 起）” — not ``source_label``'s “（医保局.xlsx › 救助资金）”, a program's path."""
    if not source:
        return ""
    name, sheet, at = _source_parts(source)
    return f"（“{name}”中“{sheet}”工作表{f' {at} 起' if at else ''}）" if sheet else f"（“{name}”）"
