"""复核台账.xlsx: one row per department, what needs action first; written with XlsxWriter.

Sheets: 复核台账 (all departments), one per status (无法读取 / 退回修改 / 未报送 / 通过) that
some departments have and not all, 文件清单 (every workbook of the inbox: counted, or why not,
with links), 问题统计 (the notices' points by rule and department, a pandas pivot). A4 landscape, header rows repeated on each page,
every text cell written as text (never a formula).
"""

from __future__ import annotations

import os
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..core.findings import WHOLE_OTHER_YEAR, reading_titles
from ..errors import NO_FORM
from ..fileio import atomic_path
from ..guard import show_path
from ..marker import mark_xlsxwriter
from .notices import LIST_FILL
from .rounds import as_told, kept_note, notice_count, round_note
from .run import STATUSES, Department, Review, statuses_said
from ..core.quotes import quoted_series

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

__all__ = ["LEDGER_NAME", "write_ledger"]

LEDGER_NAME = "复核台账.xlsx"
STATUS_COLOR = {"无法读取": "#D9D9D9", "退回修改": "#FFC7CE", "未报送": "#FFEB9C", "通过": "#C6EFCE"}
# Each printed header on one line (a bold CJK character ~2 units, and one to spare): at Calibri's
# widths “最低总分” printed as “最低总/分”, “应报项目数” as “应报项/目数”; the 文件 columns, which wrap
# anyway, give most of the room. 状态 holds a second round's note a part a line (“上轮退回 126 处”, 15 units): at
# 11 it printed “上轮退回 13” over a “处” alone, “上轮退回后尚未重新报” over “送”
COLS = [("序号", 5), ("单位", 18), ("状态", 16), ("年度", 6), ("文件数", 7), ("表数", 6), ("应报项目数", 11),
        ("已报项目数", 11), ("未报项目", 18), ("须修改", 8), ("请核实", 8), ("最低总分", 9), ("最高总分", 9),
        ("报告与表不符", 13),  # issue 19: errors and warnings found in the department's 自评报告
        ("部门整体表", 11),  # 已报 / 未报: the department's 部门整体支出绩效自评表 (shown, never a finding)
        ("汇总表", 8),  # its own 汇总表 sent as a workbook: 一致 / N 处不符 (blank: none sent on its own)
        ("填报人及联系方式", 20),  # whom to call, as its forms give it
        ("未计入的文件", 22), ("文件", 26),
        # links, for the screen: right of the print area, so the printed page keeps a readable size
        ("文件清单", 7), ("单位文件夹", 7), ("退回通知", 7),
        ("退回邮件", 15)]  # the draft that sends the notice back (empty To: not sent by mail)
C = {h: i for i, (h, _w) in enumerate(COLS)}


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of the 台账 prints on: words of Latin letters and digits kept whole (a phone number)."""
    from ..excel.fit import word_wrapped_lines

    return word_wrapped_lines(text, width, LIST_FILL)


# a line of the 台账's 10.5 pt 宋体 as LibreOffice prints it (Noto Sans CJK stands in, ~1.45 em: 15.2 pt): at 14 pt
# a row of nine lines printed its first and last on the cell's borders, the last cut
LEDGER_LINE = 15.5
PRINTED = C["文件"] + 1  # columns on paper
FILE_COLS = [("序号", 5), ("文件", 40), ("单位", 22), ("状态", 10), ("说明", 50), ("原文件", 10), ("标注副本", 10)]
FILE_PRINTED = 5  # as the 台账's: the links (原文件, 标注副本) are for the screen, no “打开” on paper


def _rel(target: Path, base: Path) -> str:
    """A link that still works when the output folder is moved: relative to the ledger. A path of one
    character (a department's folder “乙”) is written “./乙”: XlsxWriter 3.3's link parser fails on a
    one-character non-ASCII target (IndexError: the review stopped with an internal error)."""
    rel = os.path.relpath(target, base).replace(os.sep, "/")
    return "external:" + (f"./{rel}" if len(rel) == 1 else rel)


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "宋体", "font_size": 10.5, "border": 1, "valign": "vcenter", "text_wrap": True}
        title = {"bold": True, "font_name": "黑体", "font_size": 16, "valign": "vcenter"}
        self.title = wb.add_format({**title, "align": "center"})
        self.title_left = wb.add_format(title)   # a title over pages printed across: from page 1's left edge
        self.sub = wb.add_format({"font_name": "宋体", "font_size": 10.5, "text_wrap": True, "valign": "vcenter"})
        self.head = wb.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
        self.text = wb.add_format(base)
        self.num = wb.add_format({**base, "align": "right"})
        self.score = wb.add_format({**base, "align": "right", "num_format": "0.00"})
        self.link = wb.add_format({**base, "font_color": "#0563C1", "underline": 1})
        self.status = {s: wb.add_format({**base, "bold": True, "align": "center", "bg_color": c})
                       for s, c in STATUS_COLOR.items()}
        self.plain = wb.add_format({"font_name": "宋体", "font_size": 10.5})
        self.total_text = wb.add_format({**base, "bold": True})   # a subtotal's and the 合计's row
        self.total_num = wb.add_format({**base, "bold": True, "align": "right"})
        self.center = wb.add_format({**base, "align": "center"})


def _page(ws: Worksheet, header_row: int, ncols: int, last_row: int, across: bool = False, fixed: int = 2) -> None:
    """A4 landscape, the header on every page, one page wide — or, ``across``, at its own size over as
    many pages as it takes, the first ``fixed`` columns on each (a table too wide to be read at one page)."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    if across:
        ws.repeat_columns(0, fixed - 1)
        ws.set_print_scale(75)  # ten departments to a page, the figures still 8-point
    else:
        ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    # across pages only the header repeats: a title repeated there was cut to its first columns' part
    # (“问题纟” at the top of page 9 of a county's 台账), and page 1 names the table
    ws.repeat_rows(header_row if across else 0, header_row)
    ws.center_horizontally()
    ws.freeze_panes(header_row + 1, fixed)
    ws.print_area(0, 0, max(last_row, header_row), ncols - 1)
    ws.set_footer("&C第 &P 页，共 &N 页")


def _dept_sheet(wb: Workbook, fm: _Formats, name: str, title: str, rv: Review, depts: list[Department],
                file_row: dict[str, int], base: Path) -> None:
    unread = {f["file"]: (f["status"], f["reason"]) for f in rv.files if f["status"] in ("无法读取", NO_FORM)}
    ws = wb.add_worksheet(name)
    ws.merge_range(0, 0, 0, PRINTED - 1, title, fm.title)  # centred over the printed columns
    ws.set_row(0, 30)
    t = rv.totals
    nf = int(t.get("files_no_form") or 0)   # files that opened with no form in them: not said to be unreadable
    line = (f"共 {len(depts)} 个单位" + ("" if name != "复核台账" else
            f"：{statuses_said(t)}；"
            f"计入 {t['files_counted']} 个文件、{t['forms']} 张表、{t['projects']} 个项目"
            f"（应报 {t['projects_due']}，未报 {t['missing']}）"
            + (f"；另有 {t['sheets_unreadable']} 张表无法读取" if t.get("sheets_unreadable") else "")
            + (f"；{t['files_unreadable'] - nf} 个文件无法读取" if t.get("files_unreadable", 0) - nf else "")
            + (f"；{nf} 个文件{NO_FORM}" if nf else "")
            + (f"；{t['summary_tables_checked']} 个单位汇总表已核对" if t.get("summary_tables_checked") else "")
            + f"；未计入 {t['set_aside']} 个文件或表（见“文件清单”）" + _against_last(rv, depts)))
    ws.merge_range(1, 0, 1, PRINTED - 1, line, fm.sub)
    # as tall as its lines over the printed columns: a second round's line (the departments returned then, those
    # passed then that sent again) ran to three lines in a row of two
    ws.set_row(1, max(30, LEDGER_LINE * _lines(line, sum(w for _h, w in COLS[:PRINTED])) + 6))
    for c, (h, w) in enumerate(COLS):
        ws.write_string(2, c, h, fm.head)
        ws.set_column(c, c, w)
    ws.set_row(2, 30)
    r = 2
    for i, d in enumerate(depts, 1):
        r += 1
        ws.write_number(r, 0, i, fm.num)
        unit = d.name + (f"\n（表中写作{quoted_series(d.written_as)}）" if d.written_as else "")
        ws.write_string(r, 1, unit, fm.text)
        note = round_note(d).replace("，", "\n")  # against the previous review into this folder, a part a line
        # which return (催报) its notice is, as the notice says it (“这是第2次退回”): a standing notice's own count;
        # the reviewer phoning a department saw how many points it had put right, never how often it was sent back
        count = notice_count(as_told(d))
        status = "\n".join(x for x in (d.status_said, count, note) if x)
        ws.write_string(r, 2, status, fm.status[d.status])
        if rv.year:
            ws.write_number(r, 3, rv.year, fm.num)
        else:
            ws.write_blank(r, 3, None, fm.num)
        for c, v in ((4, len(d.files)), (5, d.forms), (6, d.projects_due), (7, d.projects_received),
                     (9, d.to_change), (10, d.to_verify)):
            ws.write_number(r, c, v, fm.num)
        missing = "、".join(m + (f"（收到名称相近的“{d.near[m]}”）" if m in d.near else "") for m in d.missing)
        ws.write_string(r, 8, missing, fm.text)
        for c, total in ((11, d.min_total), (12, d.max_total)):
            if total is None:
                ws.write_blank(r, c, None, fm.score)
            else:
                ws.write_number(r, c, total, fm.score)
        aside = _unread(d, unread) + _replaced(d) + [f"{f}（非{rv.year}年度）" for f in d.other_year] + [
                 f"{h['file']} 中隐藏的工作表“{h['sheet']}”" for h in d.hidden_forms] + [
                 f"{x['file']}（与 {Path(x['same_as']).name} 内容相同）" for x in d.duplicates] + [
                 f"{x['file']}（{NO_FORM if x.get('not_form') else '无法读取'}，应报项目已由同批报送的其他文件报齐）"
                 if x.get("same_round")
                 else f"{x['file']}（{NO_FORM + '，上轮已退回' if x.get('not_form') else '上轮无法读取'}，已重新报送其他文件）"
                 for x in d.unread_answered]
        ws.write_string(r, C["未计入的文件"], "\n".join(aside), fm.text)
        files = "\n".join(d.files)
        ws.write_string(r, C["文件"], files, fm.text)
        first = next((file_row[f] for f in d.files if f in file_row), None)
        if first is not None:
            ws.write_url(r, C["文件清单"], f"internal:'文件清单'!B{first + 1}", fm.link, string="查看",
                         tip="在“文件清单”中查看这些文件")
        else:
            ws.write_blank(r, C["文件清单"], None, fm.text)
        if d.folder and d.folder.exists():
            ws.write_url(r, C["单位文件夹"], _rel(d.folder, base), fm.link, string="打开")
        else:
            ws.write_blank(r, C["单位文件夹"], None, fm.text)
        if d.notice:
            ws.write_url(r, C["退回通知"], _rel(d.notice, base), fm.link, string="通知")
        elif d.verify_notice:   # passed, with points to verify: its 核实事项 notice, not a return
            ws.write_url(r, C["退回通知"], _rel(d.verify_notice, base), fm.link, string="核实通知")
        else:
            ws.write_blank(r, C["退回通知"], None, fm.text)
        if any(x["status"] == "计入" for x in d.reports):
            ws.write_number(r, C["报告与表不符"], d.report_errors + d.report_warnings, fm.num)
        else:  # no report came, or it could not be read or checked (the 文件清单 says why)
            ws.write_string(r, C["报告与表不符"], "无法读取" if any(x["status"] == "无法读取" for x in d.reports)
                            else "未核对" if d.reports else "", fm.text)
        if d.mail:
            ws.write_url(r, C["退回邮件"], _rel(d.mail, base), fm.link,
                         string="邮件" if d.reply_to else "邮件（无收件人）",
                         tip=(("收件人取自项目清单：" if d.reply_from == "项目清单" else "") + "、".join(d.reply_to))
                         if d.reply_to else "不是用邮件报送的：发送前请填写收件人")
        elif d.resent_mail:   # it passed; what it sent again is not counted: the mail telling it so
            ws.write_url(r, C["退回邮件"], _rel(d.resent_mail, base), fm.link,
                         string="告知邮件" if d.reply_to else "告知邮件（无收件人）",
                         tip="重新报送的文件未计入：告知该单位"
                         + ("；另有核实事项邮件，见单位文件夹" if d.verify_mail else ""))   # one link a cell
        elif d.verify_mail:   # passed, with points to verify: the mail sending its 核实事项 notice
            ws.write_url(r, C["退回邮件"], _rel(d.verify_mail, base), fm.link,
                         string="核实邮件" if d.reply_to else "核实邮件（无收件人）", tip="审核通过，请核实有关事项")
        else:
            ws.write_blank(r, C["退回邮件"], None, fm.text)
        whole = _whole_said(d)
        ws.write_string(r, C["部门整体表"], whole, fm.text)
        wrong = sum(1 for t in d.items if t.get("rule") == "E4")
        ws.write_string(r, C["汇总表"], "" if not d.summary_tables else f"{wrong} 处不符" if wrong else "一致", fm.text)
        contacts = "\n".join(d.contacts[:3]) + (f"\n等 {len(d.contacts)} 人" if len(d.contacts) > 3 else "")
        ws.write_string(r, C["填报人及联系方式"], contacts, fm.text)
        width = dict(COLS)   # the columns' own widths (the 未计入的文件 was planned 26 wide, 文件 34, 未报项目 20)
        lines = max(_lines(unit, width["单位"]), _lines(contacts, width["填报人及联系方式"]),
                    _lines(status, width["状态"]), _lines(missing, width["未报项目"]),   # the count's line too
                    _lines("\n".join(aside), width["未计入的文件"]), _lines(files, width["文件"]), _lines(whole, width["部门整体表"]))
        ws.set_row(r, min(LEDGER_LINE * lines + 6, 300))
    if not depts:
        r += 1
        ws.merge_range(r, 0, r, len(COLS) - 1, "（无）", fm.text)
    _page(ws, 2, PRINTED, r)


def _whole_said(d: Department) -> str:
    """The 部门整体表 column: 已报 / 未报; a 部门整体支出绩效自评表 of another year (counted, X5 in the notice)
    with its year — “已报（2021年度）” —, not taken for this year's."""
    if not d.whole_forms:
        return "未报" if d.forms else ""
    years = [str(t["found"]) for t in d.items if t.get("rule") == WHOLE_OTHER_YEAR and t.get("found")]
    if not years:
        return "已报"
    said = "、".join(dict.fromkeys(years))
    return f"已报（{said}）" if len(years) >= d.whole_forms else f"已报（其中 {len(years)} 张为{said}）"


def _against_last(rv: Review, depts: list[Department]) -> str:
    """The head line's word on the previous review into this folder (``rounds.returned_now_pass``)."""
    from .rounds import returned_now_pass

    said = returned_now_pass(rv, depts)
    return f"。第 {rv.round} 轮复核：{said}" if said else ""


def _file_order(rv: Review) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """文件清单 rows: unreadable first, then left out, then counted; file -> its sheet row (0-based)."""
    order = {"无法读取": 0, NO_FORM: 0, "未计入": 1, "计入": 2}
    files = sorted(rv.files, key=lambda f: (order.get(f["status"], 3), f["file"]))
    rows: dict[str, int] = {}
    for i, f in enumerate(files):
        rows.setdefault(f["file"], 2 + i)
    return files, rows


def _files_sheet(wb: Workbook, fm: _Formats, rv: Review, base: Path, annotated: dict[str, Path]) -> None:
    ws = wb.add_worksheet("文件清单")
    ws.merge_range(0, 0, 0, FILE_PRINTED - 1, "收件夹中的文件：计入、未计入及原因", fm.title)  # over the printed
    ws.set_row(0, 30)
    for c, (h, w) in enumerate(FILE_COLS):
        ws.write_string(1, c, h, fm.head)
        ws.set_column(c, c, w)
    files, rows = _file_order(rv)
    skipped = [s for s in rv.skipped if s.get("kind") == "not_workbook"]
    told = _told_apart(rv)
    kept = kept_note(rv)   # a file still counted, the department's resend after passing set aside
    r = 1
    for i, f in enumerate(files, 1):
        r += 1
        ws.write_number(r, 0, i, fm.num)
        ws.write_string(r, 1, f["file"], fm.text)
        ws.write_string(r, 2, "、".join(f["departments"]), fm.text)
        ws.write_string(r, 3, f["status"], fm.status["通过" if f["status"] == "计入" else
                                                     "无法读取" if f["status"] in ("无法读取", NO_FORM) else "未报送"])
        # from a second round on, what came since the last (``rounds.sent_before``): what the departments answered with
        new = f"第{rv.round}轮新收到" if f["file"] in rv._new_files else ""
        reason = "；".join(x for x in (new, f["reason"], kept.get(f["file"], ""), told.get(f["file"], "")) if x)
        ws.write_string(r, 4, reason, fm.text)
        ws.set_row(r, _file_row_height(f["file"], f["departments"], reason))
        _origin_link(ws, r, 5, f["origin"], fm)
        a = annotated.get(f["path"])
        if a is not None:
            ws.write_url(r, 6, _rel(a, base), fm.link, string="打开")
        else:
            ws.write_blank(r, 6, None, fm.text)
    for s in skipped:
        r += 1
        ws.write_number(r, 0, r - 1, fm.num)
        ws.write_string(r, 1, s["file"], fm.text)
        ws.write_string(r, 2, "、".join(s.get("departments") or []), fm.text)
        ws.write_string(r, 3, "未读取", fm.status["无法读取"])
        ws.write_string(r, 4, s["reason"], fm.text)
        ws.set_row(r, _file_row_height(s["file"], s.get("departments") or [], s["reason"]))
        _origin_link(ws, r, 5, s.get("origin") or "", fm)
        ws.write_blank(r, 6, None, fm.text)
    _page(ws, 1, FILE_PRINTED, r)


def _told_apart(rv: Review) -> dict[str, str]:
    """What the 文件清单 says of a file a department returned sent under the name of another of its files: how its
    退回修改通知, 清单, marked copy and mail name it (``notices.sent_names``: “附件1.xlsx（3月3日邮件）”),
    the words the reviewer and the department on the phone have in common."""
    from .notices import answered_files, sent_names

    out: dict[str, str] = {}
    for d in rv.departments:
        if d.status == "通过":   # no notice, no 清单 goes to it
            continue
        names = sent_names(d) if d.told_apart else {}
        unnamed = answered_files(d) if d.told_apart else set()   # nor names a file it was returned and answered
        for f in d.told_apart:
            if names.get(f, f) != f and f not in unnamed:
                out[f] = f"与本单位另一文件同名，退回修改通知、清单和标注副本中写作“{names[f]}”"
    return out


def _file_row_height(file: str, departments: list[str], reason: str) -> float:
    """A 文件清单 row as tall as its wrapped 文件, 单位 and 说明, in the widths of their columns."""
    from ..excel.fit import row_height

    width = dict(FILE_COLS)
    return row_height([(file, width["文件"]), ("、".join(departments), width["单位"]), (reason, width["说明"])])


def _origin_link(ws: Any, r: int, c: int, origin: str, fm: _Formats) -> None:
    """“打开” the file in the inbox a row is, or came in (the .eml, the .zip)."""
    origin = str(Path(origin).resolve()) if origin else ""
    if not origin:  # nothing in the inbox to open (an attachment a message could not give)
        ws.write_blank(r, c, None, fm.text)
    elif origin.isprintable() and origin == show_path(origin):  # a link needs a name that is text
        ws.write_url(r, c, "external:" + origin, fm.link, string="打开")
    else:  # bytes that are not UTF-8 in the name: Excel could not follow the link anyway
        ws.write_string(r, c, "（文件名无法链接）", fm.text)


PIVOT_TITLE_WIDTH = 34  # the 问题 column: a rule's title
PIVOT_PAGE_WIDTH = 160  # character widths a landscape A4 holds legibly fitted (about 85% of its size)


PIVOT_ASKS_WIDTH = 7    # the 类别 column: 须修改, 请核实
NOT_FORM_ROW = "报送的文件不是自评表"   # the 问题统计's row of the X1 points on workbooks holding no form (``not_form``)


def _pivot_sheet(wb: Workbook, fm: _Formats, rv: Review) -> None:
    """The notices' points by rule × department (``notices.points``, the 台账's 须修改/请核实 and each notice's lead
    count the same): which mistakes are common, and where. Each rule's row says what it
    asks of the department (类别, ``notices.asks``: 须修改 or 请核实, as the 台账's columns and each notice
    count them), the rules grouped by it with a subtotal of each: the reviewer reporting “须修改N处”
    takes it from here (one block of both, as before, summed what the 台账 keeps apart). A rule
    whose points ask both (an X2 number typed as text is 须修改, the rest of its warnings 请核实)
    has a row in each group."""
    from ..checking.rules import load_catalogue
    from ..excel.fit import row_height, wrapped_lines
    from .notices import ASKS_ZH, points
    from .rounds import told_items

    ws = wb.add_worksheet("问题统计")
    # the points each department's notice counts (``notices.points``: as its lead and the 台账's columns count
    # them), not the findings: a finding per X1 of a file that could not be read, a point a standing notice
    # holds out, were counted here and not there
    # a workbook that opened with no form in it (a budget table: ``not_form``) is an X1 point of its own row,
    # “报送的文件不是自评表”, as its notice (“一、不是自评表的文件”) and the 台账 say it: it was counted under
    # “文件或自评表无法读取”, and the reviewer, who had opened the file, counted it so in his report
    df = pd.DataFrame([{"department": d.name, "rule": str(it.get("rule") or ""), "not_form": bool(it.get("not_form")),
                        "asks": asked}
                       for d in rv.departments for asked, it in points(told_items(d), d.forms)],
                      columns=["department", "rule", "not_form", "asks"])
    # the title no wider than a table of one department (16-point, merged over the columns: a longer
    # one was cut at both ends on paper); that hints are not counted is said in the 问题 column's head
    # (a 注 row under the table took a page of its own where the table filled one)
    title = "问题统计：各规则在各单位出现的次数"
    if not len(df):
        ws.write_string(0, 0, title + "（提示类不计）", fm.plain)
        ws.write_string(2, 0, "（没有发现问题）", fm.plain)
        return
    cat = load_catalogue()
    reading = reading_titles()  # X2 “读取时改动了单元格的值” …
    present = set(df["department"])
    depts = [d.name for d in rv.departments if d.name in present]
    depts += sorted(present - set(depts))  # a finding of no department the 台账 lists: still counted
    groups = []
    for asked in (ASKS_ZH["change"], ASKS_ZH["verify"]):
        mine = df[df["asks"] == asked]
        counts = mine.groupby(["rule", "not_form", "department"]).size()
        rules = sorted(set(zip(mine["rule"], mine["not_form"])),
                       key=lambda k: (k[0][0], int("0" + "".join(ch for ch in k[0] if ch.isdigit())), k[1]))
        groups.append((asked, [(code, nf, [int(counts.get((code, nf, d), 0)) for d in depts]) for code, nf in rules]))
    heads = ["规则", "问题（提示类不计）", "类别"] + depts + ["合计"]
    # fifty departments fitted to one A4 width print as specks: past a page's width, across pages,
    # the title on the first page only, from its left edge (merged over all columns it was cut up among
    # the pages; merged over the twelve first, it stood off centre on a page of seventeen — which
    # columns a page holds is the spreadsheet program's to decide)
    across = 6 + PIVOT_TITLE_WIDTH + PIVOT_ASKS_WIDTH + 9 * (len(depts) + 1) > PIVOT_PAGE_WIDTH
    if across:
        ws.write_string(0, 0, title, fm.title_left)
    else:
        ws.merge_range(0, 0, 0, len(heads) - 1, title, fm.title)
    ws.set_row(0, 30)
    for c, h in enumerate(heads):
        ws.write_string(1, c, h, fm.head)
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, PIVOT_TITLE_WIDTH)
    ws.set_column(2, 2, PIVOT_ASKS_WIDTH)
    ws.set_column(3, len(heads) - 1, 9)
    # a long unit name in a 9-wide column, a rule's long title: rows as tall as their text (no auto-fit)
    ws.set_row(1, max(45, LEDGER_LINE * max(_lines(h, 9) for h in depts) + 6))

    def line(r: int, code: str, text: str, asked: str, figures: list[int], bold: bool, one: int = 1) -> None:
        if one > 1:   # a rule's code over its rows (X1's two kinds): one rule, as the catalogue and the 校验结果 say
            ws.merge_range(r, 0, r + one - 1, 0, code, fm.text)
        elif one:
            ws.write_string(r, 0, code, fm.text)
        ws.write_string(r, 1, text, fm.total_text if bold else fm.text)
        ws.write_string(r, 2, asked, fm.center)
        if wrapped_lines(text, PIVOT_TITLE_WIDTH) > 1:  # a title on one line keeps the sheet's own height
            ws.set_row(r, row_height([(text, PIVOT_TITLE_WIDTH)]))
        for c, n in enumerate([*figures, sum(figures)], 3):
            ws.write_number(r, c, n, fm.total_num if bold else fm.num)

    r = 2
    totals = [0] * len(depts)
    for asked, rows in groups:
        if not rows:
            continue
        sub = [0] * len(depts)
        for k, (code, nf, figures) in enumerate(rows):
            text = (NOT_FORM_ROW if nf else "文件或自评表无法读取" if code == "X1" else cat[code].title if code in cat
                    else reading.get(code, code))
            # X1 has two rows when both kinds occur (a file that could not be read, one that is no form): the code
            # was written on each, and a reviewer counting by rule read one rule listed twice
            first = k == 0 or rows[k - 1][0] != code
            one = sum(1 for _ in takewhile(lambda x: x[0] == code, rows[k:])) if first else 0
            line(r, code, text, asked, figures, False, one)
            sub = [a + b for a, b in zip(sub, figures)]
            r += 1
        line(r, "", f"{asked}小计", "", sub, True)
        totals = [a + b for a, b in zip(totals, sub)]
        r += 1
    line(r, "", "合计", "", totals, True)
    _page(ws, 1, len(heads), r, across=across, fixed=3)   # 类别 beside each rule on every page


def write_ledger(rv: Review, outdir: Path, annotated: dict[str, Path]) -> Path:
    from ..excel.write_new import new_workbook

    path = outdir / LEDGER_NAME
    year = f"{rv.year}年度" if rv.year else ""
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        mark_xlsxwriter(wb, "ledger", f"{year}项目支出绩效自评复核台账")
        fm = _Formats(wb)
        file_rows = _file_order(rv)[1]
        _dept_sheet(wb, fm, "复核台账", f"{year}项目支出绩效自评复核台账（按{rv.by}）", rv, rv.departments,
                    file_rows, outdir)
        # a sheet per status that some departments have and others not: a status no department has would
        # print a page of column heads, one every department has the 复核台账 again (a county's 50
        # departments all 退回修改: three pages twice); the 复核台账's first lines say “通过 0，退回修改 50”
        for s in STATUSES:
            ds = [d for d in rv.departments if d.status == s]
            if not ds or len(ds) == len(rv.departments):
                continue
            said = "、".join(sorted({d.status_said for d in ds}, key=lambda w: w != s))   # 无法读取、不是自评表
            _dept_sheet(wb, fm, s, f"{year}复核台账：{said}（{len(ds)} 个单位）", rv, ds, file_rows, outdir)
        _files_sheet(wb, fm, rv, outdir, annotated)
        _pivot_sheet(wb, fm, rv)
        wb.close()
    return path


def _unread(d: Any, unread: dict[str, tuple[str, str]]) -> list[str]:
    """The department's files that could not be read, each with why, as the 文件清单 says it: “县文化和旅游局/文旅局自评表.xlsx
    无法读取：无法作为工作簿打开（压缩包损坏或不是 Office 文件）”. The 无法读取 sheet showed a department's
    status and its file and nothing of why — the reviewer had to follow the link to the 文件清单 to know whether
    to ask for the file again or for another format. A workbook that opened with no form in it is not said to be
    unreadable: its reason (“……，不是自评表”) says what it is."""
    return [f"{f}：{why}" if status == NO_FORM and why else
            f"{f} {status}：{why}" if why else f"{f} {status}"
            for f in d.files if f in unread for status, why in [unread[f]]]


def _replaced(d: Any) -> list[str]:
    """The department's forms replaced by a later copy, one line per file and the file replacing
    them: a workbook sent again whole is one line (“3 张表均已被 …（修改稿）.xlsx 替换”), not one per form, and
    one of a single form is that workbook (“水务局.xlsx（已被 …替换）”), not “水务局.xlsx 中的“…””, which read as
    if the rest of it counted."""
    by: dict[tuple[str, str], list[str]] = {}
    for x in d.superseded_forms:
        by.setdefault((x["file"], Path(x["replaced_by"] or "").name), []).append(str(x["project"]))
    out = []
    for (file, newer), projects in by.items():
        if file not in d.files:  # nothing of it counts: the whole file was sent again, one form or ten
            out.append(f"{file}（{len(projects)} 张表均已被 {newer} 替换）" if len(projects) > 1
                       else f"{file}（已被 {newer} 替换）")
        else:
            out.append(f"{file} 中的" + quoted_series(projects) + f"（已被 {newer} 替换）")
    return out
