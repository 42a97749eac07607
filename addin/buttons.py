"""Button and ribbon entry points: 计算, 校验, 汇总, 生成报告, 定稿.

The VBA macros in ``macros/`` call these through xlwings' RunPython, e.g.
``RunPython "import addin.buttons as b; b.check()"``. Each one finds the workbook, hands it
to the core function in ``jixiao.actions`` (the same one the CLI and the tests run), and
tells the filler the outcome in a message box. Any ``host`` with the ``jixiao.actions.Host``
shape can be passed in — the tests pass a file host.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from jixiao import actions
from jixiao.errors import JixiaoError, forms_not_read, problem_places
from jixiao.core.settings import SETTINGS_SHEET, Settings, profile_tried, settings_from_rows, settings_sheet_rows
from jixiao.core.findings import YEAR_IN_BOOK

__all__ = ["TITLE", "calc", "check", "finalize", "report", "summarize"]

TITLE = "绩效自评助手"


def _caller() -> Any:
    from .host import XlwingsHost

    return XlwingsHost.caller()


def _settings(host: Any) -> Settings:
    """The 设置 sheet as it is now: read from the open workbook when the host is Excel
    (unsaved edits count), from the file otherwise; its 评分方案 tried (``profile_tried``)."""
    rows = host.settings_rows() if hasattr(host, "settings_rows") else None
    if rows is None:
        rows = settings_sheet_rows(host.path)
    if rows is None:
        return Settings()
    return profile_tried(settings_from_rows(rows, f"{host.path}#{SETTINGS_SHEET}"), rows)


def _run(label: str, host: Any, fn: Callable[[Any], str]) -> str:
    host = host or _caller()
    try:
        message = fn(host)
    except JixiaoError as exc:
        message = f"{label}未完成：{exc}"
    except MemoryError:
        message = f"{label}未完成：内存不足。请关闭其他工作簿和程序后再点“{label}”。"
    except Exception as exc:  # noqa: BLE001 - the last frame: xlwings would show the 填报人 a traceback
        import traceback

        traceback.print_exc()  # for whoever runs Excel from a console; the message box stays Chinese
        message = (f"{label}未完成：程序内部错误（{type(exc).__name__}）。请保存工作簿，关闭 Excel 后重新打开再试；"
                   f"仍不行时，请把工作簿和这段文字发给维护人员。")
    message = _here(message, host).replace(f"{label}未完成：无法{label}：", f"{label}未完成：")
    if message.startswith(f"{label}未完成：") and not message.endswith("。"):
        message += "。"
    if hasattr(host, "alert"):
        host.alert(message, f"{TITLE} · {label}")
    return message


def _here(text: str, host: Any) -> str:
    """``text`` without the open workbook's full path before what is said of it (“C:\\…\\附件1.xlsx：
    这个工作簿里没有自评表”): the 填报人 clicked in that workbook; its path made the dialog a line longer."""
    path = getattr(host, "path", None)
    return text.replace(f"{path}：", "") if path else text


def calc(host: Any = None) -> str:
    def go(h: Any) -> str:
        return actions.calc(h, _settings(h).profile).message()
    return _run("计算", host, go)


def check(host: Any = None) -> str:
    def go(h: Any) -> str:
        result, _ = actions.check(h, _settings(h).profile)
        c = result.counts
        # counted as ``jixiao check``'s last line counts them (“N 个文件或工作表无法读取”): a form bad in three cells is
        # one, and a sheet read as no form for want of its “总分” row is one too (``forms_not_read`` of the X1 findings
        # passed it over: the button said nothing of it while ``check`` counted it)
        n = result.unread
        unread = [f for f in result.findings if f.rule == "X1"]
        on_cells = forms_not_read(unread)
        whole = [f for f in unread if not f.cell]
        if not result.forms and not n and whole:   # no form at all: what the workbook holds, not “标出”
            said = _here(_sheets_said(whole), h)
            return (f"校验完成：{'' if said.startswith('这个工作簿里没有') else '没有读到自评表。'}{said}详见“校验结果”工作表。"
                    + actions.hidden_said((sheet for _f, sheet in result.hidden), "校验"))
        if on_cells == n:   # each for its cells: they are marked where they are
            said = f"其中 {n} 张表因单元格填写有误未能读取，这些单元格已逐个标出；" if n else ""
        else:   # a sheet with no cell to mark: named, with why it was not read
            marked = {(f.file, f.sheet) for f in unread if f.cell}
            said = (f"其中 {n} 张表未能读取："
                    + (f"{on_cells} 张因单元格填写有误，这些单元格已逐个标出；" if on_cells else "")
                    + _here(_sheets_said([f for f in whole if (f.file, f.sheet) not in marked]), h))
        said += "改正后再点“校验”，才能查出这些表的其他问题。" if n else ""
        if result.text_numbers:   # X2: the sheet's formulas skip them, the check reads them
            said += (f"有 {result.text_numbers} 个该填数字的单元格写成了文字，表中的公式不把它们算作数字："
                     "点“计算”即改为数字。")
        years = [f for f in result.findings if f.rule == YEAR_IN_BOOK]   # last year's form copied in
        if years:
            said += ("工作表" + "".join(f"“{f.sheet}”" for f in years) + f"的年度不是本工作簿的{years[0].expected}"
                     "（已在年度格上标出），不计入汇总；如年度填错，请改正。")
        return (f"校验完成：错误 {c['error']} 个，警告 {c['warning']} 个，提示 {c['info']} 个。{said}"
                "问题已在单元格上标出（红色为错误，黄色为警告），并列在“校验结果”工作表中。"
                + actions.hidden_said((sheet for _f, sheet in result.hidden), "校验"))
    return _run("校验", host, go)


def _sheets_said(findings: list[Any]) -> str:
    """Findings on whole sheets, each message once with the sheets it is about (a 绩效目标表 of
    thirty sheets is one sentence)."""
    groups: dict[str, list[str]] = {}
    for f in findings:
        named = not f.sheet or f"工作表“{f.sheet}”" in f.message   # (a message that names its sheet already)
        groups.setdefault(f.message, []).extend([] if named else [f.sheet])
    return "".join((f"工作表{''.join(f'“{s}”' for s in dict.fromkeys(sheets))}：" if sheets else "")
                   + message.rstrip("。") + "。" for message, sheets in groups.items())


def summarize(host: Any = None) -> str:
    def go(h: Any) -> str:
        notes: list[str] = []
        plan, summary, result = actions.summarize_in_book(h, _settings(h).profile, notes)
        # counted as the 汇总表's 说明 counts them (“另有N个文件或表未能读取”): a form bad in three cells is one, and a
        # sheet read as no form for want of its “总分” row is one too (``forms_not_read`` passed it over: the
        # button said nothing of it while the 说明 counted it); “因单元格填写有误” only where each is so
        unread = problem_places(summary.not_read)
        why = "因单元格填写有误" if forms_not_read(summary.not_read) == unread else ""
        from jixiao.excel.plan import SheetSpec
        from jixiao.summary.book import CHART_SHEET, DETAIL_SHEET, SUMMARY_SHEET, UNREADABLE_SHEET

        # the list of the 部门整体 forms (…) read with the projects: its figures as they are now
        lists = [e.name for e in plan.edits if isinstance(e, SheetSpec)
                 and e.name not in (SUMMARY_SHEET, DETAIL_SHEET, CHART_SHEET, UNREADABLE_SHEET)]
        made = [SUMMARY_SHEET, DETAIL_SHEET, CHART_SHEET, *lists]
        named = "".join(f"“{n}”" for n in lists)
        # a form read by its labels (its 总分 on a 续表, another layout): its 项目明细 row is the numbers read
        as_read = "".join(f"“{r['sheet']}”" for r in summary.rows if r.get("sheet") and not r.get("_linkable"))
        return ("已生成" + "".join(f"“{n}”" for n in made[:-1]) + f"和“{made[-1]}”工作表；修改各自评表后汇总表会自动更新"
                + (f"（{named}中是这次汇总时的得分，修改后请再点“汇总”）" if lists else "")
                + (f"；工作表{as_read}的总分等不在模板原来的单元格中（如总分在续表上），“项目明细”中的这一行"
                   "是这次汇总时读出的数，修改后请再点“汇总”" if as_read else "") + "。"
                + (f"另有 {unread} 张表{why}未能读取，未计入汇总（见“未能读取”工作表），"
                   "改正后请再点“汇总”。" if unread else "")
                + actions.hidden_said((sheet for _f, sheet in result.hidden), "计入汇总")
                + actions.other_year_said(summary.set_aside, summary.year, "计入汇总") + "".join(notes))
    return _run("汇总", host, go)


def _ask(host: Any, question: str, label: str) -> bool:
    """The filler's yes or no; a host with no one to ask (a file, not Excel) is answered no."""
    alert = getattr(host, "alert", None)
    return callable(alert) and alert(question, f"{TITLE} · {label}", "yes_no") == "yes"


def report(host: Any = None, outdir: str | None = None, draft: bool | None = None) -> str:
    def go(h: Any) -> str:
        from jixiao.errors import ReportRefused

        notes: list[str] = []
        settings, out = _settings(h), Path(outdir) if outdir else None
        try:
            paths = actions.reports(h, out, settings=settings, notes=notes)
        except ReportRefused as exc:   # errors left: as 定稿 does, the 填报人 is asked (the command has --force)
            wanted = draft if draft is not None else _ask(
                h, f"自评表仍有 {exc.errors} 处错误。是否先生成草稿？草稿中受错误影响的数字旁标【待核实】，改正前不得报送。",
                "生成报告")
            if not wanted:
                raise
            paths = actions.reports(h, out, settings=settings, notes=notes, force=True)   # its notes say it is a draft
        return "已生成：\n" + "\n".join(str(p) for p in paths) + "".join(f"\n注意：{n}" for n in notes)
    return _run("生成报告", host, go)


def finalize(host: Any = None, outdir: str | None = None, confirm: bool | None = None,
             email: bool | None = None) -> str:
    def go(h: Any) -> str:
        def ask(question: str) -> bool:
            return _ask(h, question, "定稿")

        done = actions.finalize(
            h, Path(outdir) if outdir else None, settings=_settings(h),
            confirm=(lambda n: confirm if confirm is not None else ask(f"仍有 {n} 个错误。确定按现状定稿吗？")),
            email=(lambda: email if email is not None else ask("是否同时生成邮件草稿（.eml）？")))
        # the 定稿 of the workbooks sent with it (the 设置's “一并报送的工作簿”) listed after its own
        files = [p for d in (done, *done.others) for p in (d.workbook, d.pdf) if p] + ([done.eml] if done.eml else [])
        return "已定稿：\n" + "\n".join(str(p) for p in files) + "".join(f"\n注意：{n}" for n in done.notes)
    return _run("定稿", host, go)
