"""退回修改通知: what one department must fix, as a 公文 (.docx) and as a list (.xlsx).

The .docx uses the project's GB/T 9704 page and styles (``reports.templates.new_document``):
title, 主送 the department, the body, then the numbered items — files to send again,
projects not reported, errors (money and scores before weights and wording), then points
to verify — each naming file, sheet, cell, what is written and what it should be — and the
附件说明 naming what the mail carries with it (the 清单, the marked copies) before the signature. The notice speaks for the 财政局 and never mentions how it was made.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from ..core.dates import cn_date
from ..core.expected import is_instruction, said_in, says
from ..core.findings import READ_CHANGED, says_blank
from ..core.numbers import BLANK
from ..reports.text import cn_number
from ..dedupe import LATER_DATE, kind_noun
from ..fileio import atomic_path
from .rounds import resent_aside, round_sentence
from ..core.quotes import INSIDE, in_words, quoted_series

SET_ASIDE = ("other_year", "hidden")  # items about a form not counted: a form of another year, on a hidden sheet
ASKS_ZH = {"change": "须修改", "verify": "请核实", "note": "提示"}


def asks(it: dict[str, Any]) -> str:
    """What an item asks of the department, as the notice counts it (“须修改N处，请核实N处”) and the
    清单's 类别 names it: "change" for an error, and for an X2 warning — what the reader had to change
    to read the cell (a number typed as text: “请将单元格格式设为……后只填数字 88”) tells the
    department what to type, with nothing to verify or justify —; "verify" for any other warning;
    "note" for a hint. A warning on a form not counted (``SET_ASIDE``) is said apart, as a warning."""
    severity = it.get("severity")
    if severity == "error" or (severity == "warning" and it.get("rule") == READ_CHANGED
                               and it.get("kind") not in SET_ASIDE):
        return "change"
    return "verify" if severity == "warning" else "note"


def ask_counts(items: list[dict[str, Any]], counted_forms: int) -> tuple[int, int]:
    """How many points a department must change and verify, as its notice's lead says them
    (“须修改N处，请核实N处”) and the 复核台账's 须修改/请核实 columns show them: its items by the 清单's
    类别 (``category``), so projects not sent and, beside forms that count, forms set aside are said
    apart. A department none of whose forms counts is returned for those: they are its points."""
    said = [c for c, _it in points(items, counted_forms)]
    return said.count(ASKS_ZH["change"]), said.count(ASKS_ZH["verify"])


def points(items: list[dict[str, Any]], counted_forms: int) -> list[tuple[str, dict[str, Any]]]:
    """The items a department's notice counts as points, each with its 类别 (须修改 or 请核实, ``category``): the one
    count of the notice's lead, the 台账's 须修改/请核实 columns (``ask_counts``) and its 问题统计 sheet, which counted
    the findings instead — a file that could not be read is one point however many X1s it has, a point its
    standing notice holds out or still makes (``rounds.told_items``) is the notice's."""
    wanted = (ASKS_ZH["change"], ASKS_ZH["verify"])
    return [(c, it) for it in items if (c := category(it, counted_forms)) in wanted]


def category(it: dict[str, Any], counted_forms: int) -> str:
    """The 清单's 类别 of an item, counted as the notice's lead counts it (``ask_counts``): a project
    not sent is “未报项目” (the lead's “未报项目N个”), a form set aside beside forms that count is
    “未计入” (“另有N张表未计入”), every other item 须修改, 请核实 or 提示 by what it asks — so that the
    清单 filtered on 须修改 gives the lead's number."""
    kind = it.get("kind")
    if kind == "missing":
        return "未报项目"
    if counted_forms and kind in SET_ASIDE:
        return "未计入"
    return ASKS_ZH[it.get("asks") or asks(it)]


def by_when(deadline: _dt.date | None) -> str:
    """When the department must send: the reviewer's date (``review --deadline``), else 5 working days."""
    return f"于{cn_date(deadline)}前" if deadline else "于收到本通知之日起5个工作日内"


VERIFY_KIND = "核实事项"   # the notice of a department that passed with points to verify: not a return


def notice_kind(dept: Any) -> str:
    """催报 for a department that sent nothing, 核实事项 for one that passed with points to verify (``VERIFY_KIND``),
    else 退回修改: in the notice's file names and titles."""
    return "催报" if dept.status == "未报送" else VERIFY_KIND if dept.status == "通过" else "退回修改"


def forms_named(dept: Any) -> str:
    """The forms a notice speaks of, by the kinds the department sent (``Department.kinds``): its
    title where one kind (“部门整体支出绩效自评表” for a department that sent only that), “绩效自评表”
    where several; the projects it has not sent are 项目支出绩效自评表 too."""
    from ..forms import KINDS, by_key

    project = KINDS[0].key  # the 项目支出绩效自评表: what a 催报 and a missing project ask for
    # the kinds it sent that count; none counting, those it sent (another year's, on a hidden sheet)
    aside = {o.get("kind") for o in [*(getattr(dept, "other_year_forms", None) or []),
                                     *(getattr(dept, "hidden_forms", None) or [])]}
    keys = list(getattr(dept, "kinds", None) or [k.key for k in KINDS if k.key in aside])
    if (getattr(dept, "missing", None) or not keys) and project not in keys:
        keys.insert(0, project)
    return by_key(keys[0]).title if len(keys) == 1 else "绩效自评表"


def forms_word(dept: Any) -> str:
    """Its forms counted, as the notice counts them: “自评表”, “评价表” where all are that (``FormKind.word``),
    else “表”."""
    from ..forms import by_key

    words = {by_key(k).word for k in getattr(dept, "kinds", None) or []}
    return words.pop() if len(words) == 1 else "表" if words else "自评表"


def materials_named(dept: Any) -> str:
    """“项目支出绩效自评材料”, “部门整体支出绩效自评材料”, “绩效自评材料”: what the department sent."""
    return forms_named(dept).removesuffix("表") + "材料"


def named_year(name: str, year_text: str) -> str:
    """“县民政局2022年度”; a name ending in a digit keeps a space before the year (“城关交通运输局505
    2022年度”: run together, the list's title read “5052022年度”, s46 print pass)."""
    return f"{name} {year_text}" if name[-1:].isdigit() and year_text[:1].isdigit() else name + year_text


def notice_title(dept: Any, year: int | None) -> tuple[str, str]:
    """The notice's title, in two lines: a 催报 for a department that sent nothing, else a return."""
    y = f"{year}年度" if year else ""  # no year (nothing read): no “年度” standing alone
    if dept.status == "未报送":
        return f"关于报送{y}项目支出", "绩效自评表的通知"
    if dept.status == "通过":   # passed: what it is asked to verify, never a return
        return f"关于{y}{forms_named(dept)}", "审核通过及核实事项的通知"
    return f"关于{y}{forms_named(dept)}", "退回修改的通知"


def mail_text(dept: Any, year: int | None, signer: str, files: list[Path],
              deadline: _dt.date | None = None, names: list[str] | None = None,
              today: _dt.date | None = None, round_no: int = 1) -> tuple[str, str]:
    """Subject and body of the mail that carries the notice back to the department: a few lines,
    the notice and the marked workbooks attached (what to fix is in them, not in the mail), listed
    by the ``names`` they are attached under (``mail_names``; default their own)."""
    y = f"{year}年度" if year else ""  # no year (nothing read): no “年度” standing alone
    title = "".join(notice_title(dept, year))
    subject = f"【{notice_kind(dept)}】{named_year(dept.name, y)}{forms_named(dept)}"
    if dept.status == "未报送":
        lead = (f"截至目前，我局未收到你单位{y}项目支出绩效自评表。{round_sentence(dept)}"
                f"请{by_when(deadline)}报送，应报项目见附件《{title}》。")
    elif dept.status == "通过":   # passed, with points to verify: no return
        subject = f"【{VERIFY_KIND}】{named_year(dept.name, y)}{forms_named(dept)}审核通过，请核实{dept.to_verify}处"
        marked = "，相关单元格已在随附的工作簿中着色并加批注" if dept.annotated else ""
        lead = (f"你单位报送的{y}{materials_named(dept)}已审核通过，不需退回修改。但有{dept.to_verify}处请核实，"
                f"见附件《{title}》{marked}。如确有误，请改正后{by_when(deadline)}重新报送；如无误，可说明理由，不必重新报送。")
    elif not dept.forms and not _unread_items(dept):  # forms of another year, on hidden sheets: none counts
        lead = (f"你单位报送的材料中没有可以计入审核的{y}{forms_named(dept)}，原因见附件《{title}》。"
                f"{round_sentence(dept)}请检查改正后，{by_when(deadline)}重新报送。")
    elif not dept.forms:
        # a workbook that opened with no form in it is not “未能读取”: the notice says “中没有自评表” (``dept.no_form``)
        said = "中没有自评表，未能审核" if getattr(dept, "no_form", False) else "未能读取和审核"
        lead = (f"你单位报送的{y}{materials_named(dept)}{said}，原因见附件《{title}》。"
                f"{round_sentence(dept)}请检查改正后，{by_when(deadline)}重新报送。")
    else:
        marked = "，问题单元格已在随附的工作簿中着色并加批注" if dept.annotated else ""
        lead = (f"你单位报送的{y}{materials_named(dept)}经审核存在问题，须修改之处见附件《{title}》{marked}。"
                f"{converted_note(dept, year, round_no)}{round_sentence(dept)}请逐项修改后，{by_when(deadline)}重新报送。")
    lines = [f"{dept.name}：", "", f"    {in_document(lead)}", "", "附件：",
             *[f"    {i}．{n}" for i, n in enumerate(names or [f.name for f in files], 1)], "", signer,
             cn_date(today or _dt.date.today()), ""]
    return subject, "\n".join(lines)


RESENT_KIND = "情况告知"   # the mail to a department that passed and whose files sent again are not counted


def resent_text(dept: Any, year: int | None, signer: str, today: _dt.date | None = None) -> tuple[str, str]:
    """Subject and body of the short mail telling a department that passed the round before that what it sent
    again is not counted (``rounds.resent_aside``), why, and which of its files the review and the 汇总表 still
    take. Without it the department believed its correction taken: a 修改稿 with its 年度 mistyped 2021 was set
    aside, and nothing but a line of the reviewer's 文件清单 said so. No return: its forms counted pass."""
    y = f"{year}年度" if year else ""
    aside = resent_aside(dept)
    years = {str(o.get("file")): o.get("year") for o in getattr(dept, "other_year_forms", None) or []}
    same = {str(x.get("file")): str(x.get("same_as") or "") for x in getattr(dept, "duplicates", None) or []}
    hidden = {str(x.get("file")): str(x.get("sheet") or "") for x in getattr(dept, "hidden_forms", None) or []}

    def why(f: dict[str, Any]) -> str:
        name = sent_name(f["file"])
        if years.get(f["file"]) and year:
            return f"“{name}”年度填为{years[f['file']]}年度，本次审核的是{year}年度的表，未计入"
        if f["file"] in same:   # sent twice, read once: its changes were likely never saved
            return f"“{name}”与原报送的“{sent_name(same[f['file']])}”内容完全相同，没有改动"
        if f["file"] in hidden:
            return f"“{name}”中的表在隐藏的工作表“{hidden[f['file']]}”上，未计入（如应报送，请取消隐藏）"
        # the 文件清单's reason, its figures not spaced apart (“2021 年度” is the sheet's, not a letter's)
        text = re.sub(r"[，；]?未计入$", "", re.sub(r" ?(\d+) ?", r"\1", f["reason"]).rstrip("。"))
        return f"“{name}”未计入：{text}" if text else f"“{name}”未计入"

    resent = {f["file"] for f in (getattr(dept, "last_round", None) or {}).get("resent") or ()}
    kept = [sent_name(f) for f in getattr(dept, "files", None) or [] if f not in resent]
    # what it sent again that does count (a 修改稿 beside one of the wrong year): the review takes it, and the mail
    # says so — it said only what was not counted, no file to go by, and the console “仍用原报送的表”
    taken = [sent_name(f) for f in getattr(dept, "files", None) or [] if f in resent]
    said = "；".join(why(f) for f in aside)
    subject = f"【{RESENT_KIND}】{named_year(dept.name, y)}{forms_named(dept)}重新报送的{'部分' if taken else ''}文件未计入"
    if taken:
        base = "本次审核和汇总以" + "和".join([f"原报送的{quoted_series(kept)}"] * bool(kept)
                                         + [f"重新报送的{quoted_series(taken)}"]) + "为准。"
    else:
        base = f"本次审核和汇总仍以原报送的{quoted_series(kept)}为准。" if kept else ""
    fix = f"如需更正，请将年度改为{year}年度后重新报送" if year and all(years.get(f["file"]) for f in aside) \
        else "如需更正，请改正后重新报送"
    lead = (f"你单位报送的{y}{forms_named(dept)}已审核通过。此后重新报送的{'文件中，' if taken else ''}{said}。{base}"
            f"{fix}；如无需更正，不必再报送。")
    lines = [f"{dept.name}：", "", f"    {in_document(lead)}", "", signer, cn_date(today or _dt.date.today()), ""]
    return subject, "\n".join(lines)


def item_text(i: int, it: dict[str, Any], addressee: str = "", placed: bool = False) -> str:
    """One numbered item: where, what is wrong, what is written, what it should be. ``addressee``: the
    department the notice goes to, not named again after the cell (a finding on its own 汇总表).
    ``placed``: the item stands under its form's heading (``form_heading``), which names the file,
    the sheet and the project once: the item gives only its cell."""
    from ..reports.text import nest_quotes, nested

    if it.get("kind") == "report":  # a sentence of the 自评报告: paragraph, quote, the form cell
        from .reports import report_item_text

        return nest_quotes(quotes(report_item_text(i, it)))

    where = []
    if it.get("file") and not placed:
        where.append(f"“{it['file']}”")
    if it.get("sheet") and (not placed or it.get("form_sheet")):  # under its form's heading: a 续表's point says so
        where.append(f"{'中' if where else ''}“{it['sheet']}”工作表")
    if it.get("cell"):
        where.append(f" {it['cell']} 单元格" if where else f"{it['cell']} 单元格")
    head = "".join(where)
    if (it.get("project") and it.get("kind") == "finding" and it["project"] not in str(it.get("sheet") or "")
            and not placed and it["project"] != addressee and f"“{it['project']}”" not in it["message"]):
        head += f"（{it['project']}）"  # the project, where neither the sheet's name nor the message says it
    msg = quotes(it["message"]).rstrip("。")
    # X2 (a cell the reader had to change: a number written as text…) says what is written, how it was
    # read and what to type: nothing to verify or justify, and its 表中为 and 应为 are in its words
    reading = it.get("rule") == READ_CHANGED
    said = msg  # what the message says, its own request included: no 表中为/应为 repeats it
    msg, ask = verify_ask(msg) if verifying(it) else (msg, "")
    text = f"{i}．" + (f"{head}：" if head else "") + msg
    tail = []  # what is written and what it should be, unless the message says so already
    found, expected = (quotes(it.get(k)) if it.get(k) not in (None, "") else "" for k in ("found", "expected"))
    # … said as the form shows the figure (“99.05%”, “20 分”, “13.6 万元”: ``forms.shown_value``), as the 清单's
    # 表中为 and 应为 columns and the 校验结果 sheet say it — not the bare 0.9905 the JSON keeps; a message that
    # gives the figure either way gives it
    found_shown, expected_shown = (quotes(_list_cell(it, k, shown=True)) for k in ("found", "expected"))
    if reading:
        found = expected = ""
    # … or as a document says a path (“满意度指标 › 服务对象满意度指标”: the message's “满意度指标”中的“服务对象满意度指标”)
    if (found and it.get("kind") == "finding" and "表中为" not in said and not says(said, found)
            and not says(said, found_shown) and not says(said, in_words(found, whole=True))):
        tail.append(f"表中为“{nested(found_shown)}”")
    if (expected and it.get("kind") == "finding" and not said_in(said, expected)
            and not says(said, in_words(expected, whole=True))
            and not (expected_shown != expected and says(said, expected_shown))):
        # an instruction (G3 “写明未完全达到的指标及原因”) is what to do, not a value to quote
        tail.append(f"应{expected}" if is_instruction(expected) else f"应为“{nested(expected_shown)}”")
    if tail:
        text += "，" + "，".join(tail)
    return nest_quotes(ending(text, ask, bool(it.get("again"))))


VERIFY = "请核实，如无误可说明理由"  # what the notice asks of a point to verify (a warning)
AGAIN = "上次已指出"  # a point the last notice made too (its 清单's 备注 says the same)
# a message's own request to verify at its end: “…，请核实” (D8), “…，请核实二者，改正有误的一项” (F10)
_OWN_ASK = re.compile(r"[，；]\s*(请核实[^。；“”（）]*)$")
# … or its own request to fill a blank cell (a date left blank: “…的日期未填写，请填写2023年1月1日以后的实际日期（如
# 2023年3月1日）”): a blank has nothing to verify nor to justify, and “请核实，如无误可说明理由” after it asked the
# department to explain a date it had simply not written
_FILL_ASK = re.compile(r"未填写[，；][^，；。]*请填写[^，；。]*$")


def verifying(it: dict[str, Any]) -> bool:
    """A point the department is to verify and may justify (a warning): not one on a form not
    counted (``SET_ASIDE``), whose item says what to do with that form."""
    return asks(it) == "verify" and it.get("kind") not in SET_ASIDE


def verify_ask(msg: str) -> tuple[str, str]:
    """A point to verify: its message without a request of its own at the end, and what the notice
    asks — “请核实，如无误可说明理由”, or the message's own request with “如无误可说明理由” after it
    (“请核实二者，改正有误的一项，如无误可说明理由”), so that every such point ends the same way."""
    msg = msg.rstrip("。")
    if _FILL_ASK.search(msg):
        return msg, ""
    m = _OWN_ASK.search(msg)
    if not m or m.group(1) == "请核实":
        return (msg[:m.start()] if m else msg), VERIFY
    return msg[:m.start()], f"{m.group(1)}，如无误可说明理由"


def ending(text: str, ask: str = "", again: bool = False) -> str:
    """How every item of the notice ends, one scheme (GB/T 15834): the item's own text as a sentence,
    then what the notice asks (``VERIFY``, or an item's own request), then ``AGAIN`` — each a sentence
    of its own (“…（等级优）。请核实，如无误可说明理由。上次已指出。”): never brackets side by side with
    the item's own (“（等级优）（请核实…）”), nor a request after a comma in one item and in brackets in
    the next."""
    out = text.rstrip("。，；") + "。"
    for said in (ask.rstrip("。"), AGAIN if again else ""):
        if said:
            out += said + "。"
    return out


def sent_name(shown: str) -> str:
    """A file as the department knows it: without the reviewer's inbox folders, and without the
    saved message it came in (“邮件/水务局报送.eml › 自评表.xlsx” → “自评表.xlsx”); an archive the
    department made keeps its name (“材料.zip › 自评表.xlsx”). An Outlook .msg is a saved message as an
    .eml is, and the winmail.dat Outlook packed the attachments in is no file the department saw."""
    from .inbox import MESSAGE_SUFFIXES

    head, sep, rest = shown.partition(" › ")
    if sep and PurePosixPath(head).suffix.lower() in MESSAGE_SUFFIXES:
        while rest.lower().startswith("winmail.dat › "):
            rest = rest.partition(" › ")[2]
        return rest
    return PurePosixPath(head).name + sep + rest


def _container(part: str) -> str:
    """What a file that holds others is, as a document names it: 压缩包 (“材料.zip”), 邮件 (“报送.eml”)."""
    from .archive import ARCHIVE_SUFFIXES, OTHER_ARCHIVES
    from .inbox import MESSAGE_SUFFIXES

    suffix = PurePosixPath(part).suffix.lower()
    return "压缩包" if suffix in ARCHIVE_SUFFIXES or suffix in OTHER_ARCHIVES else "邮件" if suffix in MESSAGE_SUFFIXES else ""


def in_document(text: str, whole: bool = False) -> str:
    """``text`` as the notice, its 清单 and its mail say it: a file inside an archive as 压缩包“材料.zip”中的“自评表.xlsx”,
    a 二级指标 under its 一级指标 as “效益指标”中的“可持续影响指标” (``core.quotes.in_words``) — not the program's
    “材料.zip › 自评表.xlsx”, which the department was sent. ``whole``: ``text`` is one file's name (the 清单's 文件)."""
    return in_words(text, _container, whole)


def named_files(dept: Any) -> set[str]:
    """Every file the department's notice and 清单 name (inbox names): its files, its items', and those of
    its forms replaced by a file sent again and the files replacing them."""
    files = {str(f) for f in getattr(dept, "files", None) or []} | {
        it["file"] for it in getattr(dept, "items", None) or [] if it.get("file")}
    for x in getattr(dept, "superseded_forms", None) or []:
        files |= {str(f) for f in (x.get("file"), x.get("replaced_by")) if f}
    return files


def sent_names(dept: Any) -> dict[str, str]:
    """Each file the department's notice and 清单 name (``named_files``) as it sent them (``sent_name``);
    two it sent under one name (two mails each with its “附件1.xlsx”) each with what tells them apart to
    the department (``Department.told_apart``, ``tell_apart``: “附件1.xlsx（3月3日邮件）”), the same words
    its marked copy's name has (“县民政局-附件1（3月3日邮件）-校验标注.xlsx”). Only where nothing it knows
    tells them apart do the inbox paths stay: a “附件1.xlsx” mailed again as “附件1.xlsx” was
    “‘附件1.xlsx’…早于‘附件1.xlsx’的…，已被‘附件1.xlsx’替换”."""
    files = named_files(dept)
    tags = getattr(dept, "told_apart", None) or {}
    names = {f: sent_name(f) + (f"（{tags[f]}）" if f in tags else "") for f in files}
    if len(set(names.values())) < len(names):
        names = {f: f for f in files}
    return names


def tell_apart(names: dict[str, str], when: Any) -> dict[str, str]:
    """What tells apart, to the department, the files it sent under one name (``names``: inbox name ->
    ``sent_name``): for each file of such a group, “3月3日邮件” (the date of the mail it came attached
    to) or “3月1日保存” (the time its workbook records it was last saved: the department's own save,
    which copying and mailing leave as it was), to the minute (“3月3日9时05分邮件”) where the day does
    not tell them apart, with the year where they are of different years. ``when(name)``: ("邮件" or
    "保存", seconds since the epoch), or None where neither is known — its group then gets none, and
    the notice names its files by their inbox paths (``sent_names``). Words fit for a file's name: no
    “:”, which Windows refuses."""
    groups: dict[str, list[str]] = {}
    for f, n in names.items():
        groups.setdefault(n, []).append(f)
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        facts = {f: when(f) for f in group}
        if any(v is None for v in facts.values()):
            continue
        moments = {f: (_dt.datetime.fromtimestamp(t), how) for f, (how, t) in facts.items()}
        years = len({m.year for m, _how in moments.values()}) > 1
        for fine in (False, True):
            tags = {f: (f"{m.year}年" if years else "") + f"{m.month}月{m.day}日"
                    + (f"{m.hour}时{m.minute:02d}分" if fine else "") + how for f, (m, how) in moments.items()}
            if len(set(tags.values())) == len(tags):
                out.update(tags)
                break
    return out


def cell_said(where: str) -> str:
    """A form's cell as the reader finds it (``reportcheck.facts.where``: “x.xlsx › 救助资金 › E7（全年执行数）”), said
    as the notice's headings say a form: “x.xlsx”中“救助资金”工作表 E7（全年执行数）; a JSON form's field path after its
    file: “x.json”中的 funds.annual."""
    parts = where.split(INSIDE)
    if len(parts) == 3:
        return f"“{parts[0]}”中“{parts[1]}”工作表 {parts[2]}"
    return in_document(where)


def sent_items(dept: Any) -> list[dict[str, Any]]:
    """The department's items with its files named as it sent them (``sent_names``)."""
    names = sent_names(dept)
    longest = sorted(names, key=len, reverse=True)
    out = []
    for it in dept.items:
        it = dict(it)
        if it.get("file"):
            it["file"] = names[it["file"]]
        for key in ("against", "message"):  # a report finding names the form cell: “县自然资源局/x.xlsx › 表 › E7”
            if isinstance(it.get(key), str):
                for f in longest:
                    it[key] = it[key].replace(f, names[f])
        if isinstance(it.get("against"), str) and INSIDE in it["against"]:   # … said in words: “x.xlsx”中“表”工作表 E7
            said = cell_said(it["against"])
            if isinstance(it.get("message"), str):
                it["message"] = it["message"].replace(it["against"], said)
            it["against"] = said
        out.append(it)
    return out


def quotes(text: object) -> str:
    """GB/T 15834 quotation marks: “” and ‘’, never 「」 『』 (CJK corner brackets)."""
    return str(text).replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")


_STYLE_IDS: dict[str, str | None] = {}  # paragraph style name -> id in ``_blank``'s styles


@lru_cache(maxsize=1)
def _blank() -> bytes:
    """The GB/T 9704 page and styles, built once: building them costs more than a whole notice."""
    import io

    from ..reports.templates import new_document

    buf = io.BytesIO()
    new_document().save(buf)
    return buf.getvalue()


def write_notice_docx(dept: Any, year: int | None, signer: str, path: Path, *, today: _dt.date | None = None,
                      deadline: _dt.date | None = None, round_no: int = 1) -> Path:
    """The 退回修改通知 (催报通知) of ``dept``; ``round_no``: the round its mail names its files for
    (``rounds.mail_round``), which its 附件说明 names them as."""
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..reports.docxwrite import Body, set_properties

    doc = docx.Document(io.BytesIO(_blank()))
    body = Body(doc, _STYLE_IDS)  # every notice is made from the same blank: its style ids once
    y = f"{year}年度" if year else ""  # no year (nothing read): no “年度” standing alone
    missing_only = dept.status == "未报送"
    lines = notice_title(dept, year)
    set_properties(doc, title="".join(lines), author=signer)
    t = body.add("", "Title")
    for k, text in enumerate(lines):
        run = t.add_run(text)
        if k < len(lines) - 1:
            run.add_break()
    body.add("", "空行")
    body.add(f"{dept.name}：", "主送机关")
    # counted as the 复核台账 counts them (``ask_counts``): projects not reported and forms set aside
    # (another year, a hidden sheet) apart from the points of the forms read, so the notice and the 台账 agree
    missing = sum(1 for it in dept.items if it.get("kind") == "missing")
    aside = sum(1 for it in dept.items if it.get("kind") in SET_ASIDE)
    errors, warnings = ask_counts(dept.items, dept.forms)
    unread = {(it["file"], it["sheet"]) for it in _unread_items(dept) if it["sheet"]}  # forms not read
    if dept.status == "通过":   # passed, with points to verify: said so first, and no return
        marked = "相关单元格已在随附的工作簿中逐格标注。" if dept.annotated and any(it.get("cell") for it in dept.items) else ""
        lead = (f"经审核，你单位报送的{y}{materials_named(dept)}（{len(dept.files)}个文件，{dept.forms}张{forms_word(dept)}）"
                f"已审核通过，不需退回修改。但有以下{warnings}处请核实：如确有误，请改正后{by_when(deadline)}重新报送；"
                f"如无误，可说明理由，不必重新报送。{marked}")
        add_unspread(body, lead)
    elif missing_only:
        body.add(f"截至目前，我局未收到你单位{y}项目支出绩效自评表。{round_sentence(dept)}请按照绩效自评工作要求，"
                 f"{by_when(deadline)}报送以下{len(dept.missing)}个项目的绩效自评表：")
    elif not dept.forms and not _unread_items(dept):  # forms of another year, on hidden sheets: none counts
        # which return this is, as every other returned department's notice says (its second read like a first)
        body.add(f"经审核，你单位报送的材料中没有可以计入审核的{y}{forms_named(dept)}，未能审核。{round_sentence(dept)}"
                 f"请按以下所列检查改正后，{by_when(deadline)}重新报送：")
    elif not dept.forms:
        on_sheets = bool(unread) and all(it["sheet"] for it in _unread_items(dept))
        on_cells = any(it["cell"] for it in _unread_items(dept))  # a form's bad cells, not a whole sheet
        no_form = dept.no_form   # workbooks that opened, none a form: the 台账 says “不是自评表” alike
        body.add(f"经审核，你单位报送的{y}{materials_named(dept)}"
                 + (("中的自评表填写有误，无法读取" if on_cells else "中的工作表不是可审核的自评表") if on_sheets else
                    "中没有自评表" if no_form else "无法打开或读取")
                 + f"，未能审核。{round_sentence(dept)}" + ("这些单元格已在随附的工作簿中标注。" if dept.annotated and on_cells else "")
                 + f"请按以下所列检查改正后，{by_when(deadline)}重新报送：")
    else:
        # a copy goes with every notice that has a workbook; it is "marked" only where an item has a cell
        marked = "问题已在随附的工作簿中逐格标注。" if dept.annotated and any(it.get("cell") for it in dept.items) else ""
        marked += converted_note(dept, year, round_no)
        others = [f"{len(unread)}张表无法读取" if unread else "", f"{aside}张表未计入" if aside else ""]
        also = "，另有" + "、".join(o for o in others if o) if unread or aside else ""
        lead = in_document(
            f"经审核，你单位报送的{y}{materials_named(dept)}（{len(dept.files)}个文件，{dept.forms}张{forms_word(dept)}{also}）"
            f"存在以下问题：{f'未报项目{missing}个，' if missing else ''}须修改{errors}处，请核实{warnings}处。"
            f"{round_sentence(dept)}{marked}"
            f"请按序号逐项修改（先改资金和得分，"
            f"再改指标内容和文字表述）后，{by_when(deadline)}重新报送：")
        add_unspread(body, lead)   # a file named in it (``converted_note``) may spread a line
    last = None
    for entry in outline(dept):
        if isinstance(entry, Heading):
            head = body.add(lines_of := heading_lines(in_document(entry.text)), f"Heading {entry.depth + 1}")
            if "\n" in lines_of:   # justified, the line before the break was spread over the whole width
                head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        else:
            text = in_document(item_text(entry.n, entry.item, dept.name, entry.placed))
            last = add_unspread(body, text)
    if dept.status != "未报送" and (note := replaced_note(dept)):  # not a point: after the items, unnumbered
        last = add_unspread(body, in_document(f"说明：{note}"))
    # GB/T 9704: the signature and date never stand alone on a page: the last item goes over with them
    if last is not None:
        last.paragraph_format.keep_with_next = True
    body.add("", "空行").paragraph_format.keep_with_next = True
    if said := attachment_lines(dept, year, round_no):  # 7.3.6 附件说明: below the body after a blank line, then one
        for line in _add_attachments(body, said):
            line.paragraph_format.keep_with_next = True
        body.add("", "空行").paragraph_format.keep_with_next = True
    body.add(signer, "落款")
    body.add(cn_date(today or _dt.date.today()), "落款")
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


@dataclass(frozen=True)
class Heading:
    """A heading of the notice: a part (“一、各表存在的问题”, depth 0) or a form under it
    (“（一）“医疗保障服务经费”工作表”, depth 1; “一、…” and depth 0 where the notice has one part only)."""

    depth: int
    text: str
    form: bool = False  # a form's heading, not a part's


@dataclass(frozen=True)
class Numbered:
    """An item of the notice under its number; ``placed``: under its form's heading."""

    n: int
    item: dict[str, Any]
    placed: bool


def outline(dept: Any) -> list[Heading | Numbered]:
    """The notice's headings and numbered items, in order: the 退回修改通知 and its 清单 are both
    written from it, so that an item has one number and one heading in both."""
    items = sent_items(dept)
    sections = [k for k, _ in groupby(items, key=_section)]
    parts = len(sections) > 1  # one section: no “一、” standing alone; its forms are “一、”
    files = {it["file"] for it in items if it.get("file")}
    out: list[Heading | Numbered] = []
    n = 0
    for s, (section, grouped) in enumerate(groupby(items, key=_section), 1):
        run = list(grouped)
        if parts:
            out.append(Heading(0, f"{cn_number(s)}、{section_title(section, run)}"))
        placed = section == "forms"
        # a form: its file and sheet, and its 项目名称 cell where it is not the first form on the sheet
        # (a form continued on a 续表: the sheet it starts on — ``form_sheet`` of its points on the 续表)
        runs = [list(g) for _, g in groupby(run, key=lambda it: (it.get("file"), it.get("form_sheet") or it.get("sheet"),
                                                                  it.get("anchor")))] if placed else [list(run)]
        for f, form in enumerate(runs, 1):
            if placed:
                head = form_heading(form[0], dept.name, len(files) > 1,
                                    [str(it["sheet"]) for it in form if it.get("form_sheet") and it.get("sheet")])
                out.append(Heading(1, f"（{cn_number(f)}）{head}", True) if parts else
                           Heading(0, f"{cn_number(f)}、{head}", True))
            for it in form:
                n += 1
                out.append(Numbered(n, it, placed))
    return out


# The notice's parts (“一、”), in the order of the department's items (``review.run._items``):
# files to send again, projects not reported, the forms one by one, the 自评报告, forms not counted.
SECTIONS = {"unreadable": "无法读取的文件和表", "missing": "未报送的项目", "forms": "各表存在的问题",
            "report": "自评报告与表不符之处", "aside": "未计入审核的表"}


def section_title(section: str, items: list[dict[str, Any]]) -> str:
    """A part's heading, said of what it holds: the files and forms not read are told apart from a workbook
    that opened with no form in it (``not_form``). 县司法局's part holding its 部门预算公开表 alone (“……不是
    自评表”) was headed “无法读取的文件和表”: nothing in it would not open, and no 表 was in it."""
    if section != "unreadable":
        return SECTIONS[section]
    whole = [it for it in items if not it.get("sheet")]
    sheets = len(whole) < len(items)   # a form (a sheet, or its cells) not read
    no_form = any(it.get("not_form") for it in whole)
    unread = any(not it.get("not_form") for it in whole)
    if no_form:
        return ("未能审核的文件和表" if sheets else "无法读取或不是自评表的文件" if unread else "不是自评表的文件")
    return "无法读取的文件和表" if unread and sheets else "无法读取的表" if sheets else "无法读取的文件"


def _section(it: dict[str, Any]) -> str:
    kind = it.get("kind")
    if kind in SET_ASIDE:
        return "aside"
    return {"unreadable": "unreadable", "missing": "missing", "report": "report"}.get(str(kind), "forms")


def form_heading(it: dict[str, Any], addressee: str, with_file: bool, rest: list[str] | None = None) -> str:
    """A form's heading above its items: its project once, then where it is — “医疗保障服务经费（“城关
    医疗保障局530000号项目：医疗保障服务经费”工作表）”; the file too where the department sent several.
    ``rest``: the sheets its items are on that the form runs on to (“…”工作表及其续表“续表”)."""
    sheet = it.get("form_sheet") or it.get("sheet")
    where = f"“{sheet}”工作表" if sheet else ""
    more = [s for s in dict.fromkeys(rest or []) if s != sheet]
    if where and it.get("anchor"):   # one of several forms on the sheet, not the first: where it starts
        where += f" {it['anchor']} 起"
    if where and more:
        where += "及其续表" + quoted_series(more)
    if it.get("file") and (with_file or not where):
        where = f"“{it['file']}”" + (f"中{where}" if where else "")
    project = str(it.get("project") or "")
    if not project or project == addressee or project == sheet:
        return quotes(where)
    return quotes(f"{project}（{where}）" if where else project)


OLD_FORMATS = (".xls", ".et")  # kept as sent by no marked copy: colours and comments are written to an .xlsx


def converted_note(dept: Any, year: int | None = None, round_no: int = 1) -> str:
    """What a department that sent an .xls or .et must know: its marked copy is an .xlsx — the file
    to correct and send back — and why (“…已另存为 .xlsx 格式的“…-校验标注.xlsx”…”); "" otherwise.
    The copy is named as the 退回邮件 attaches it (``mail_names``, the ``year``'s and ``round_no``'s), the name
    the notice's 附件说明 lists: the notice, the 清单 and the mail said “民政局自评表-校验标注.xlsx” (its name
    in the reviewer's folder) while the mail carried “县民政局-2022-民政局自评表-校验标注.xlsx”."""
    sent: list[str] = []
    copies: list[str] = []
    kinds: dict[str, None] = {}
    for f in dict.fromkeys(sent_name(str(f)).rpartition(" › ")[2] for f in dept.files):
        if PurePosixPath(f).suffix.lower() not in OLD_FORMATS:
            continue
        stem = PurePosixPath(f).stem
        copy = next((mail_names(dept, year, [Path(a)], round_no)[0] for a in dept.annotated or []
                     if stem in Path(a).stem), None)
        if copy:
            sent.append(f"“{f}”")
            copies.append(f"“{copy}”")
            kinds[PurePosixPath(f).suffix.lower()] = None
    if not sent:
        return ""
    return (f"你单位报送的{'、'.join(sent)}是 {'、'.join(kinds)} 格式，为保留着色和批注，标注工作簿另存为 .xlsx 格式"
            f"（{'、'.join(copies)}），请在标注工作簿中修改，报送修改后的 .xlsx 文件。")


def answered_files(dept: Any) -> set[str]:
    """The department's workbooks it was returned last round and replaced whole by what it sent in answer
    (``Department.sent_before``): the round's course, which its notice and 清单 do not explain (every department
    that answered had a paragraph telling it so) nor name; a workbook sent beside its 修改稿 in this round is."""
    before = set(getattr(dept, "sent_before", None) or ())
    if not before:
        return set()
    files = {str(f) for f in getattr(dept, "files", None) or []}
    return {str(x["file"]) for x in getattr(dept, "superseded_forms", None) or []} & before - files


def replaced_note(dept: Any) -> str:
    """What a department that sent a form again must know of the earlier one (``dedupe.screen_forms``;
    the 台账's “已被 X.xlsx 替换”): that sheet is replaced, not counted and not to be changed —
    its marked copy notes it on the sheet (``write.replaced_notes``) — or the earlier workbook whole;
    "" where nothing was replaced. Not a point: the notice says it after the items, the 清单 below them."""
    names = sent_names(dept)
    by: dict[tuple[str, str], list[str]] = {}
    nouns: dict[tuple[str, str], list[str]] = {}   # what the sheets replaced are of (同一项目, 同一部门（单位）)
    whys: dict[tuple[str, str], list[tuple[bool, str]]] = {}   # each sheet's: by its 填报日期?, why (``why_replaced``)
    for x in getattr(dept, "superseded_forms", None) or []:
        key = (str(x["file"]), str(x.get("replaced_by") or ""))
        by.setdefault(key, []).append(str(x.get("sheet") or ""))
        nouns.setdefault(key, []).append(kind_noun(x.get("kind")))
        whys.setdefault(key, []).append((x.get("why") == LATER_DATE, why_replaced(x, f"“{names.get(key[1], key[1])}”")))
    files = {str(f) for f in getattr(dept, "files", None) or []}
    answered = answered_files(dept)
    by = {k: v for k, v in by.items() if k[0] not in answered}
    said: list[str] = []
    # (a file that replaced workbooks whole, why they lost) -> its clause, those workbooks
    whole: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for (file, newer), sheets in by.items():
        old, new = f"“{names.get(file, sent_name(file))}”", f"“{names.get(newer, sent_name(newer))}”"
        # one clause for the file: its sheets' where they agree (one 填报日期), else what they share
        told: dict[str, int] = {}
        for _dated, w in whys[(file, newer)]:
            told[w] = told.get(w, 0) + 1
        if len(told) == 1:
            why = next(iter(told))
        elif all(dated for dated, _w in whys[(file, newer)]):
            why = f"的填报日期早于{new}"
        else:  # some by their 填报日期, some by the time saved: each reason with its sheets' number
            why = "中，" + "，".join(f"{n}张表{w}" for w, n in told.items() if w)
        why += "，" if why else ""
        if file not in files:  # nothing of it counts: the whole workbook was sent again
            n = f"（{len(sheets)}张表）" if len(sheets) > 1 else ""
            # two earlier versions (a 初稿 and the first 报送) replaced by one file for one reason: one clause
            at, olds = whole.setdefault((new, why), (len(said), []))
            olds.append(f"{old}{n}")
            # not to be changed either, as a sheet replaced in a workbook that counts: no marked copy of it comes
            # with the notice, and the department is to work on the newer one
            said[at:at + (len(olds) > 1)] = [f"{'、'.join(olds)}{why}已被{new}替换，不计入审核，无需修改"]
            continue
        named = quoted_series(s for s in dict.fromkeys(sheets) if s)
        marked = "，随附的标注工作簿已在表上注明" if named and getattr(dept, "annotated", None) else ""
        same = "或".join(dict.fromkeys(nouns[(file, newer)]))
        said.append(f"{old}中的{named or '部分'}工作表{why}已被{new}中的同一{same}替换，不计入审核，无需修改{marked}")
    return "；".join(said) + "。" if said else ""


def why_replaced(x: dict[str, Any], new: str) -> str:
    """Why a form sent again lost to the one in ``new`` (its file's name, quoted), as one clause that
    follows the replaced file's name: a department that sent an older version after a newer one (its
    修改稿 first, the 初稿 again later) is told that its 填报日期 is the earlier, not only that it was
    replaced. From ``dedupe.newest_file``'s reason (``superseded_forms``' "why") and the two 填报日期."""
    why = str(x.get("why") or "")
    mine, theirs = (_dt.date.fromisoformat(d) if d else None for d in (x.get("filled_on"), x.get("kept_filled_on")))
    if why == LATER_DATE and theirs:
        return (f"的填报日期（{cn_date(mine)}）早于{new}的（{cn_date(theirs)}）" if mine
                else f"没有填写填报日期，{new}填写的是{cn_date(theirs)}")
    if not why or why == LATER_DATE:
        return ""
    # one day, or none written: the later save the workbooks record (“其工作簿记录的保存时间（…）较晚”), else file time
    same = "填报日期相同，"
    rest = why.removeprefix(same).removeprefix("其")
    return f"与{new}{same if why.startswith(same) else '都没有填写填报日期，'}{new}{rest}"


def attachments(dept: Any) -> list[Path]:
    """What goes with the notice, in the order the 退回邮件 attaches it after the notice: the
    清单 (``write_notice_xlsx``), then the marked copies. The mail and the notice's 附件说明 both
    take it from here, so the notice names what the department receives, no more and no less."""
    return [*([Path(dept.notice_xlsx)] if dept.notice_xlsx else []), *(Path(a) for a in dept.annotated or [])]


def mail_names(dept: Any, year: int | None, files: list[Path], round_no: int = 1) -> list[str]:
    """The name each file of the 退回邮件 is attached under, as the 定稿 names what it sends
    (``finalize.unit_file_name``): whose, which year, what it is — “县民政局-2022-退回修改通知.docx”,
    “县民政局-2022-退回修改清单.xlsx”, “县民政局-2022-民政局-校验标注.xlsx” —, and from the second
    review into the same folder on, which round (“县民政局-2022-退回修改通知-第2轮.docx”): a department
    keeps the bureau's mails in one folder, where each round's files were all “退回修改通知.docx”. The
    files on disk keep their names; the notice's 附件说明 names each as attached (``attachment_names``)."""
    from ..fileio import safe_filename
    from ..finalize import UNIT_LIMIT, unit_file_name

    tag = f"-第{round_no}轮" if round_no > 1 else ""
    unit = safe_filename(dept.name, "单位", limit=UNIT_LIMIT)
    # a file named so already — the 定稿 copy, “县民政局-2022-项目支出绩效自评表-校验标注” — or named for its
    # department alone (“县民政局-绩效自评表”, “县农业农村局自评表”) is not named twice
    # (“县民政局-2022-县民政局-2022-项目支出绩效自评表-校验标注.xlsx”, “县民政局-2022-县民政局-绩效自评表-…”)
    own = f"{unit}-{year}-" if year else f"{unit}-"
    # nor the year the name starts with, before or after the department (“县教育局2022年度绩效自评表” was attached
    # as “县教育局-2022-2022年度绩效自评表-校验标注.xlsx”); another year's stays: it is what tells that file apart
    this_year = re.compile(rf"{year}(?:年度|年)?(?!\d)") if year else None

    def what(f: Path) -> str:
        for head in (own, unit):
            rest = f.stem[len(head):].lstrip("-_ ") if f.stem.startswith(head) else ""
            if rest:
                break
        else:
            rest = f.stem
        while this_year and (m := this_year.match(rest)):
            shorter = rest[m.end():].lstrip("-_ ")
            shorter = shorter[len(unit):].lstrip("-_ ") if shorter.startswith(unit) else shorter
            if not shorter:
                break
            rest = shorter
        return rest

    if year:
        return [unit_file_name(dept.name, year, what(f) + tag, f.suffix) for f in files]
    # no year read: none in the name
    return [unit + safe_filename(f"-{what(f)}{tag}{f.suffix}", "", limit=100) for f in files]


def attachment_names(dept: Any, year: int | None = None, round_no: int = 1) -> list[str]:
    """The attachments (``attachments``) named as the 退回邮件 attaches them (``mail_names``: the year's and
    ``round_no``'s), without the extension: “县民政局-2022-退回修改清单-第2轮”. GB/T 9704 names an attachment
    by its title; here the title is the file's name the department finds in its mail — the notice said
    “退回修改清单” while the mail carried “县民政局-2022-退回修改清单-第2轮.xlsx”, no file of that name."""
    return [Path(n).stem for n in mail_names(dept, year, attachments(dept), round_no)]


def attachment_lines(dept: Any, year: int | None = None, round_no: int = 1) -> list[str]:
    """The 附件说明 (GB/T 9704 7.3.6): “附件：名称”, or “附件：1．名称” then “2．名称”…; none
    without an attachment. A name longer than its line is broken where it reads well
    (``attachment_name_lines``): a line break (“\n”) in it."""
    from ..reports.text import ORD

    names = attachment_names(dept, year, round_no)
    if len(names) == 1:
        return [f"附件：{attachment_name_lines(names[0], NAME_ROOM + 2)}"]
    return [("附件：" if i == 1 else "") + f"{i}{ORD}{attachment_name_lines(n)}" for i, n in enumerate(names, 1)]


# The 附件说明's room for a name, in characters of the body's size: the 版心's 156 mm is 27.6 characters of
# 16 pt, a numbered name starts 7 in (“附件：1．”, under it “2．”), a single one 5 (“附件：”); half a
# character kept spare for the estimate (``_chars``)
NAME_ROOM = 156 / 25.4 * 72 / 16 - 7 - 0.5
MARKED_SUFFIX = re.compile(r"-校验标注(?:（\d+）)?(?:-第\d+轮)?$")  # a marked copy's name ends so (``mail_names``)


def _chars(text: str) -> float:
    """The printed width of ``text`` in characters of its size, as LibreOffice prints the notice
    (``reports.text.width_chars``: a Latin letter or digit 0.65, DejaVu Sans standing in for 仿宋's)."""
    from ..reports.text import width_chars

    return width_chars(text, latin=0.65)


# a run of Latin letters, digits and marks (a file's name: “MinZhengJu_2022_ZiPingBiao_v3.xlsx”) a line cannot break
# inside, and at least this wide (characters of the body's size): moved whole to the next line, it leaves the line
# before it short, and a justified line that short is spread over the whole width, its characters far apart
LONG_RUN = 6.0
_RUN = re.compile(r"[!-~]+")


def spread_line(text: str) -> bool:
    """Whether a justified paragraph of ``text`` may have a line spread over the width (``LONG_RUN``)."""
    return any(_chars(run) >= LONG_RUN for run in _RUN.findall(text))


# a run wider than this does not fit on a line whatever comes before it: LibreOffice put the item's number alone on
# a line (“1” over “．“MinZhengJu_…”) and broke the name where it overran; such a run may break after its _ . - /
LINE_RUN = 20.0
_RUN_BREAK = re.compile(r"(?<=[_./\\-])(?=.)")
BREAK_HERE = "\u200b"   # ZERO WIDTH SPACE: a place a line may break, not printed


def add_unspread(body: Any, text: str) -> Any:
    """A body paragraph of ``text`` that no long unbreakable run (a file's name) spreads (``spread_line``): left-aligned
    then — the line before the run is short and set as it is, not stretched across the 版心 with its characters far
    apart (GB/T 9704 asks the body's lines be full where they can be) — and a run wider than a line (``LINE_RUN``) may
    break after its _ . - / rather than push the item's number onto a line of its own. Other paragraphs are added
    as they are, justified."""
    if not spread_line(text):
        return body.add(text)
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    said = _RUN.sub(lambda m: _RUN_BREAK.sub(BREAK_HERE, m.group(0)) if _chars(m.group(0)) > LINE_RUN else m.group(0),
                    text)
    p = body.add(said)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return p


def attachment_name_lines(name: str, room: float = NAME_ROOM) -> str:
    """``name`` with a line break (“\n”) where a name longer than its line (``room`` characters) is to go
    on, under its first character (the style's hanging indent): after a “-” between its parts where one
    fits, a marked copy's “-校验标注” to the next line whole, and no line ends with one or two characters — “…绩效自评表-校验标” over “注” alone
    (s41 QA item 12). The breaks come before the program's own (every line short of the edge), where
    LibreOffice may break a line (``reports.text.break_units``): never inside a word of letters or
    digits, before a closing mark or after an opening one."""
    from itertools import accumulate

    from ..reports.text import break_units

    if _chars(name) <= room:
        return name
    breaks = set(accumulate(len(u) for u in break_units(name)))

    def can_break(i: int) -> bool:
        return i in breaks

    m = MARKED_SUFFIX.search(name)
    suffix = m.start() if m and m.start() > 0 else None
    starts = [0]
    while _chars(name[starts[-1]:]) > room:
        top = starts[-1]
        fits = [i for i in range(top + 1, len(name)) if can_break(i) and _chars(name[top:i]) <= room]
        if not fits:
            return "\n".join(name[a:b] for a, b in zip(starts, [*starts[1:], len(name)]))
        i = fits[-1]
        # a name is its parts joined by “-” (“县民政局-2022-退回修改清单”): a line ends after a “-”, as a
        # program breaks a hyphened word, not inside a part (“…-退回修” over “改清单”), where that leaves the
        # line at least half full
        # — or before the bracket of what tells a file apart (“…-附件1” over “（3月20日邮件）-校验标注”, not “…（3月20日邮”
        # over “件）…”: ``Department.told_apart``)
        parts = [j for j in fits if (name[j - 1] == "-" or name[j] == "（") and _chars(name[top:j]) >= room / 2]
        i = parts[-1] if parts else i
        opened = name.rfind("（", top + 1, i)
        if opened > top and "）" not in name[opened:i]:
            i = opened   # never inside the brackets: “…附件1（3月3日9时05分邮” over “件）…”
        if suffix is not None and top < suffix <= i and _chars(name[suffix:]) <= room:
            i = suffix  # “-校验标注” on the last line, whole
        starts.append(i)
    while len(starts) > 1 and _chars(name[starts[-1]:]) < 3:  # one or two characters left alone: take more
        before = [i for i in range(starts[-2] + 1, starts[-1]) if can_break(i) and _chars(name[i:]) >= 3]
        if not before:
            break
        starts[-1] = before[-1]
    return "\n".join(name[a:b] for a, b in zip(starts, [*starts[1:], len(name)]))


# a line of the 版心 in characters of 16 pt (156 mm), as the estimate (``_chars``) measures what LibreOffice prints on
# it: from a little under the 27.6 (a line justified wide) to a little over (its marks set narrow: 28.2 measured)
LINE_ROOMS = (156 / 25.4 * 72 / 16 - 0.3, 156 / 25.4 * 72 / 16 + 0.9)
HEAD_INDENT = 2   # the headings' first line starts two characters in (``reports.templates``' Heading 1, 2)


def _widths(text: str) -> Callable[[int, int], float]:
    """``_chars(text[a:b])`` for any ``a``, ``b`` in constant time, from running sums over ``text``: its
    characters' widths and the quarter-character gaps between a Chinese character and a figure or letter
    (``reports.text.width_chars``, which measures a slice alone: a gap counts only inside it)."""
    from itertools import accumulate

    per = [_chars(ch) for ch in text]
    gap = [0.0] + [_chars(text[k - 1:k + 1]) - per[k - 1] - per[k] for k in range(1, len(text))]
    chars, gaps = [0.0, *accumulate(per)], [0.0, *accumulate(gap)]

    def width(a: int, b: int) -> float:
        return chars[b] - chars[a] + gaps[b] - gaps[a + 1] if b > a else 0.0
    return width


def heading_lines(text: str, indent: float = HEAD_INDENT) -> str:
    """A heading with a line break (“\n”) where it would otherwise end on one character alone: as
    LibreOffice fills its lines (``reports.text.break_units``; the first ``indent`` characters in), “二、
    “人社局项目自评表.xlsx”中“就业补助资金”工作” went over “表” alone, “…”工作” over “表）”. The last
    line then takes more, from after a closing quote or before an opening mark where one fits (“…“就业补助
    资金”” over “工作表”), else as little more as gives it two characters. Planned for a line as narrow and
    as wide as the estimate allows (``LINE_ROOMS``): the break is made where either would leave one alone,
    the last line fits the narrower, and the lines before the break end on two characters or more in
    both. A heading that fits, or whose last line holds two characters or more, is kept as it is."""
    from itertools import accumulate, takewhile

    from ..reports.text import CLOSING, OPENING, break_units

    ends = list(accumulate(len(u) for u in break_units(text)))
    width = _widths(text)

    def last_line(upto: int, room: float) -> int:
        """Where the last line of ``text[:upto]`` starts, filled greedily as the program fills a line."""
        start, last = 0, 0
        for end in ends:
            if end > upto:
                break
            if width(start, end) + (indent if start == 0 else 0) > room and last > start:
                start = last
            last = end
        return start

    def alone(i: int, upto: int) -> bool:
        return _chars(text[i:upto].rstrip(CLOSING)) < 2

    def fine(upto: int) -> bool:   # text[:upto] never ends on a line of one character
        return all((s := last_line(upto, room)) == 0 or not alone(s, upto) for room in LINE_ROOMS)

    if fine(len(text)):
        return text
    narrow = LINE_ROOMS[0]
    # the last line fits the narrower line: only the breaks of the text's last ~28 characters are tried (a heading
    # naming a project of thousands of characters tried each of its breaks, each measured over the whole heading:
    # ``review`` of a fuzzed inbox ran for minutes)
    tail = [i for i in takewhile(lambda i: width(i, len(text)) <= narrow, reversed(ends[:-1]))]
    cuts = [i for i in reversed(tail) if not alone(i, len(text)) and fine(i)]
    neat = [i for i in cuts if text[i] in OPENING or text[i - 1] in "”’）"]
    if not cuts:
        return text
    cut = (neat or cuts)[-1]
    return text[:cut] + "\n" + text[cut:]


def _add_attachments(body: Any, lines: list[str]) -> list[Any]:
    """The 附件说明 in the styles the 报送函 uses (附件, then 附件续行 for the second name on): two
    characters in, a name that wraps goes on under its first character. A single name has no
    number, so its wrapped lines go under the fifth character, not the seventh (the style's)."""
    from ..reports.templates import _indent_chars

    out = [body.add(line, "附件" if k == 0 else "附件续行") for k, line in enumerate(lines)]
    if len(lines) == 1:
        _indent_chars(out[0]._p.get_or_add_pPr(), left=5, hanging=3)
    return out


def _unread_items(dept: Any) -> list[dict[str, Any]]:
    """The items about a file or a form that could not be read (a form: one item per bad cell)."""
    return [it for it in dept.items if it.get("kind") == "unreadable"]


LIST_FILL = 0.85  # of a column's width the 清单's and the 台账's body font fills on a line (less than the forms')
# a line of the 清单's 宋体 as LibreOffice prints it (16 pt: Noto Sans CJK stands in; Excel's 宋体 needs ~14.3):
# at 15 pt a row of seven lines cut its seventh in half, in the narrow 表中为 and 应为 columns most often
LIST_LINE = 16.0


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of the 清单 and the 台账 needs (``excel.fit.wrapped_lines``; their body
    font fills a column less than the forms' does)."""
    from ..excel.fit import wrapped_lines as lines

    return lines(text, width, fill=LIST_FILL)


def list_row_height(cells: list[tuple[str, float]], pad: float = 4.0) -> float:
    """A row of the 清单 tall enough for every wrapped cell of it (``excel.fit.row_height``): the
    narrow 表中为 and 应为 as much as 问题 — a long 应为 is what the department needs to read whole."""
    from ..excel.fit import row_height

    return row_height(cells, LIST_LINE, fill=LIST_FILL, pad=pad, least=LIST_LINE + pad)


# 文件, 工作表 and 项目 narrow: under a form's heading they repeat the heading on one line (``HEADED``);
# the room goes to 问题; a row is as tall as its tallest wrapped cell (``list_row_height``)
LIST_COLS = [("序号", 6), ("类别", 8), ("文件", 16), ("工作表", 16), ("单元格", 8), ("项目", 12), ("问题", 68),
             ("表中为", 14), ("应为", 14)]
AGAIN_COL = ("备注", 11)  # “上次已指出”, from a second return on
HEADED = ("file", "sheet", "project")  # what a form's heading row says for the items under it


def _list_cell(it: dict[str, Any], key: str, shown: bool = False) -> str:
    """What the 清单 shows of an item: a sentence of the 自评报告 is placed by its paragraph (in the
    工作表 column) and quoted whole in 问题, with the form cell it contradicts. Its 项目 is its form as the
    marked copy's 校验结果 names it (“部门整体支出绩效自评表”, not the department: the item's ``form``)."""
    if key == "project":
        return str(it.get("form") or it.get("project") or "")
    if it.get("kind") == "report":
        if key == "sheet":
            return f"第{it.get('paragraph')}段"
        if key == "message":
            message = str(it.get("message") or "").removeprefix(f"第{it.get('paragraph')}段：")
            against = f"\n对照：{it['against']}" if it.get("against") and it["against"] not in message else ""
            return f"原文：“{it.get('quote') or ''}”\n{message}{against}"
    if shown and key in ("found", "expected") and f"{key}_shown" in it:
        return str(it[f"{key}_shown"])   # the figure as the form shows it (``review.run``'s items)
    if key == "found" and blank_cell(it):
        return BLANK
    return str(it.get(key) or "")


def blank_cell(it: dict[str, Any]) -> bool:
    """The item's cell is blank, as its message says (``core.findings.says_blank``): the 清单's 表中为 then
    says “空白”, as the notice and the 校验结果 sheet do. A point of the review's own (a missing form, a
    report's sentence) is no finding on a cell and keeps its 表中为 empty."""
    return it.get("kind") == "finding" and says_blank(it.get("cell"), it.get("found"), it.get("message"))


def list_message(it: dict[str, Any]) -> str:
    """The 清单's 问题: the item's text as the notice says it (``item_text``), what it asks included
    (“……。请核实，如无误可说明理由”), without what the 清单's own columns hold — where (文件, 工作表,
    单元格), 表中为 and 应为, and “上次已指出” (备注) — and, as every cell of the list, without a
    full stop at the end."""
    from ..reports.text import nest_quotes

    msg = quotes(_list_cell(it, "message")).rstrip("。")
    if it.get("kind") == "report":
        from .reports import report_ask

        ask = report_ask(it)
    elif verifying(it):
        msg, ask = verify_ask(msg)
    else:
        ask = ""
    return nest_quotes(ending(msg, ask)).removesuffix("。")


LIST_MARGINS = (0.4, 0.6)   # inches: left and right, top and bottom of the 清单's A4 pages


def write_notice_xlsx(dept: Any, year: int | None, path: Path, round_no: int = 1) -> Path:
    """The 清单: the notice's items as a list, in its order under its numbers and headings
    (``outline``): each part and each form a heading row across the list, its items below; A4
    landscape fitted to the width, the header repeated, no page ending on a heading."""
    from ..excel.fit import A4_POINTS, POINTS_PER_WIDTH, page_breaks
    from ..excel.write_new import new_workbook
    from ..marker import mark_xlsxwriter

    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        kind = notice_kind(dept)
        # from round 2 on its round, as the file it is mailed as (“…-退回修改清单-第2轮.xlsx”, ``mail_names``): printed,
        # the second round's list read like the first's
        title = (f"{named_year(dept.name, f'{year}年度' if year else '')}{forms_named(dept)}{kind}清单"
                 + (f"（第{round_no}轮）" if round_no > 1 else ""))
        mark_xlsxwriter(wb, "notice", title)
        ws = wb.add_worksheet(f"{kind}清单")
        f_title = wb.add_format({"bold": True, "font_name": "黑体", "font_size": 14, "align": "center",
                                 "valign": "vcenter"})
        f_head = wb.add_format({"bold": True, "font_name": "宋体", "border": 1, "bg_color": "#F2F2F2",
                                "align": "center", "valign": "vcenter", "text_wrap": True})
        f_body = wb.add_format({"font_name": "宋体", "border": 1, "valign": "top", "text_wrap": True})
        # an item under its form's heading: its 文件, 工作表 and 项目 are the heading's, on one line (the
        # cell holds them whole for the filter; on paper they stop at the cell's edge, the heading above
        # says them whole) — a long sheet name wrapped to four lines made every row of the form four
        # lines tall (22 pages for a department's 60 items, 17 now)
        f_same = wb.add_format({"font_name": "宋体", "border": 1, "valign": "top"})
        f_err = wb.add_format({"font_name": "宋体", "border": 1, "valign": "top", "align": "center",
                               "bg_color": "#FFC7CE"})
        f_warn = wb.add_format({"font_name": "宋体", "border": 1, "valign": "top", "align": "center",
                                "bg_color": "#FFEB9C"})
        # a part (“一、”) and a form (“（一）”) as the notice heads them: a row across the list
        f_part = wb.add_format({"bold": True, "font_name": "黑体", "border": 1, "valign": "vcenter",
                                "text_wrap": True, "bg_color": "#D9D9D9"})
        f_form = wb.add_format({"bold": True, "font_name": "宋体", "border": 1, "valign": "vcenter",
                                "text_wrap": True, "bg_color": "#EDEDED"})
        f_note = wb.add_format({"font_name": "宋体", "valign": "top", "text_wrap": True})
        again = bool(dept.last_round) and any(it.get("again") for it in dept.items)
        cols = LIST_COLS + ([AGAIN_COL] if again else [])  # a second return: which points were made before
        width = sum(w for _, w in cols)
        ws.merge_range(0, 0, 0, len(cols) - 1, title, f_title)
        heights = {0: 28.0, 1: 15.0}
        ws.set_row(0, heights[0])
        for c, (h, w) in enumerate(cols):
            ws.write_string(1, c, h, f_head)
            ws.set_column(c, c, w)
        r = 1
        heads: list[int] = []
        for entry in outline(dept):
            r += 1
            if isinstance(entry, Heading):
                text = in_document(entry.text)
                ws.merge_range(r, 0, r, len(cols) - 1, text, f_form if entry.form else f_part)
                heights[r] = list_row_height([(text, width)])
                heads.append(r)
                continue
            it = entry.item
            ws.write_number(r, 0, entry.n, f_body)
            said = category(it, dept.forms)  # as the notice's lead counts it: an X2 warning is a change
            ws.write_string(r, 1, said, f_err if said == ASKS_ZH["change"] else f_warn)
            wrapped: list[tuple[str, float]] = []  # the cells that wrap, each with its column's width
            for c, key in enumerate(("file", "sheet", "cell", "project", "message", "found", "expected"), 2):
                # 表中为 and 应为 as the form shows the figure (“99.05%”, “20 分”: ``forms.shown_value``), not 0.9905
                text = in_document(list_message(it) if key == "message" else quotes(_list_cell(it, key, shown=True)),
                                   whole=key == "file")
                if entry.placed and key in HEADED:
                    ws.write_string(r, c, text, f_same)
                    continue
                ws.write_string(r, c, text, f_body)
                wrapped.append((text, LIST_COLS[c][1]))
            if again:
                ws.write_string(r, len(LIST_COLS), "上次已指出" if it.get("again") else "", f_body)
            heights[r] = list_row_height(wrapped)
        last = r
        # which file to correct and send back, which sheet a later file replaced: below the items, as the notice
        if note := in_document("".join(n for n in (converted_note(dept, year, round_no),
                                                   replaced_note(dept) if dept.status != "未报送" else "") if n)):
            r = last + 2
            ws.merge_range(r, 0, r, len(cols) - 1, f"说明：{note}", f_note)
            heights[r - 1], heights[r] = 15.0, list_row_height([(note, width)], pad=8.0)
        for row, pt in heights.items():
            ws.set_row(row, pt)
        ws.freeze_panes(2, 0)
        ws.repeat_rows(1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_margins(left=LIST_MARGINS[0], right=LIST_MARGINS[0], top=LIST_MARGINS[1], bottom=LIST_MARGINS[1])
        ws.center_horizontally()
        ws.fit_to_pages(1, 0)
        # the pages planned as the list prints fitted to the width (at a whole percent, as Excel
        # fits it), a little to spare: a form's heading never left alone at the foot of a page
        page_w, page_h = A4_POINTS[::-1]
        wide = sum(w * POINTS_PER_WIDTH + 3.75 for _, w in cols)  # a column's 5 px of padding, as Excel draws it
        scale = min(100, int(100 * (page_w - 144 * LIST_MARGINS[0]) / wide)) / 100
        room = (page_h - 144 * LIST_MARGINS[1]) * 0.96 / scale
        breaks = page_breaks(heights, 0, r, room=room, titles=(1, 1), heads=heads)
        if breaks:
            ws.set_h_pagebreaks(breaks)  # zero-based: the rows the pages start at
            ws.set_footer("&C第 &P 页，共 &N 页")
        ws.autofilter(1, 0, max(2, last), len(cols) - 1)
        wb.close()
    return path
