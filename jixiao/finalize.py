"""定稿: the clean workbook to email, its PDF, and an email draft.

The finalized copy is written afresh from the forms as read (so it carries exactly what
the filler sees): the official form sheets with values in place of formulas, no macros,
no add-in formulas, every cell locked (``seal_sheet``); plus, with project forms, the 汇总表 and 项目明细 as
values, built from those forms: the 报送函 lists the 汇总表 among its 附件 (``reports.sent``).
It is refused while the checker finds errors, unless the filler confirms (``force``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.worksheet.datavalidation import DataValidationList

from .errors import FinalizeRefused
from .mail import bad_addresses
from .excel.apply import apply_plan, texts_to_appendix
from .checking.run import check_paths
from .errors import FINAL_AGAIN, JixiaoError
from .fileio import safe_filename, written_now
from .reports.text import CHECK, ORD, date_text, name_text, setting_text
from .core.profiles import Profile
from .core.settings import NO_SETTINGS_SHEET, SETTINGS_SHEET, TODO, Settings, read_settings_sheet
from .dedupe import batch_year, other_year_forms, year_screened
from .summary import summarize
from .summary.book import workbook_plan
from .reports.sent import SUMMARY_TITLE, attachment_kind, carries_summary
from .excel.printout import numbered_as_its_own
from .excel.sheet import seal_sheet
from .excel.workbook import forms_workbook, save_workbook
from .forms.project import TITLE as FORM_TITLE
from .core.quotes import quoted_series

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["FinalizeRefused", "Finalized", "email_text", "finalize", "finalize_books", "freeze_formulas", "names_for", "sent_as",
           "unit_file_name", "write_eml"]


@dataclass
class Finalized:
    workbook: Path
    pdf: Path | None = None
    eml: Path | None = None
    errors: int = 0
    warnings: int = 0
    notes: list[str] = field(default_factory=list)
    book: Path | None = None   # the workbook it was made from: whose notes, where several go in one mail
    # the 定稿 of the workbooks sent with it (the 设置's “一并报送的工作簿”, as the 定稿 button makes them)
    others: list[Finalized] = field(default_factory=list)


UNIT_LIMIT = 40  # characters of a unit's name in a file name the 定稿 writes or attaches


def unit_file_name(unit: str, year: int | str, what: str, suffix: str = "") -> str:
    """A file named for whose it is and what it is — “大厂回族自治县医疗保障局-2022-报送函.pdf” — as the
    财政局 keeps the fifty mails' attachments in one folder: no character Windows refuses; a unit's
    name longer than ``UNIT_LIMIT`` characters is shortened (ending in a short hash, so two long
    ones stay apart; the same for every file of the unit), never the year or what the file is.
    Some 70 characters at most: a CJK character is 3 of the 255 bytes a name may take."""
    return safe_filename(unit, "单位", limit=UNIT_LIMIT) + safe_filename(f"-{year}-{what}{suffix}", "", limit=100)


def names_for(unit: str, year: int | str, title: str = FORM_TITLE) -> tuple[str, str]:
    return unit_file_name(unit, year, title, ".xlsx"), unit_file_name(unit, year, "绩效自评报送", ".eml")


def sent_as(batch: Any, year: int | None = None) -> tuple[str, str]:
    """(title, what) of the forms a 定稿 copy holds: the title names the file and the workbook (the
    项目支出绩效自评表 where there are project forms, else the one kind there is: a department sending
    only its 部门整体支出绩效自评表 sends it under that name); ``what`` is what the mail says it sends,
    each kind there: “项目支出绩效自评表（共 3 个项目）和部门整体支出绩效自评表”.

    The mail says “现将我单位{year}年度{what}报送贵局”: a form of another year than ``year`` (X8: last year's
    部门整体 form copied in with its 年度 left) is named by its own year — “……和2021年度部门整体支出绩效自评表” —
    as the 定稿's note says it is in the copy and not of the year (the mail called it the batch year's).
    ``year`` None: every form is taken as of the mail's year."""
    from .forms import KINDS

    def year_of(it: Any) -> Any:
        y = getattr(it.form, "year", None)
        return None if year is None or y == year else y

    present = []   # (kind, the year said before it or None, how many), this year's first within a kind
    for k in KINDS:
        items = batch.of(k.key)
        years = sorted({year_of(it) for it in items}, key=lambda y: (y is not None, str(y)))
        present += [(k, y, sum(1 for it in items if year_of(it) == y)) for y in years]
    if not present:
        return FORM_TITLE, FORM_TITLE
    titles = list(dict.fromkeys(k.title for k, _y, _n in present))
    title = FORM_TITLE if FORM_TITLE in titles else "和".join(titles)

    def said(k: Any, y: Any, n: int) -> str:
        named = f"{y}年度{k.title}" if y is not None else k.title
        return f"{named}（共{n}个项目）" if k.key == "project" else f"{named}（共{n}张）" if n > 1 else named

    return title, and_said([said(k, y, n) for k, y, n in present])


def and_said(parts: list[str]) -> str:
    """Things sent together as a sentence lists them: “A”, “A和B”, “A、B和C”."""
    return "、".join(parts[:-1]) + "和" + parts[-1] if len(parts) > 1 else parts[0]


def blank_dates(findings: list[Any]) -> str:
    """What a 定稿 says of the dates its forms leave blank (``core.dates.BLANK_DATE_CODES``: 填报日期, 报告日期,
    部门意见的日期), or "": 校验 gives them as hints while the 填报人 fills the form in, and the 定稿 is the form sent,
    which the 财政局's review warns of without them. The first six named by sheet and cell."""
    from .core.dates import BLANK_DATE_CODES

    found = [f for f in findings if f.rule in BLANK_DATE_CODES]
    if not found:
        return ""
    places = [f"“{f.sheet}”工作表 {f.cell}" if f.sheet and f.cell else (f.cell or f.project or "") for f in found]
    said = "、".join(f"{p}的{f.message.split('未填写')[0]}" for p, f in zip(places[:6], found))
    more = f"等{len(found)}处" if len(found) > 6 else ""
    return f"{said}{more}未填写，定稿文件中为空白：报送前请填写后重新定稿"


def refuse_unread(batch: Any, file: str, prefix: str = "") -> None:
    """No 定稿 while a form cannot be read because of its cells, whatever the 填报人 confirms: the
    copy is made of the forms read, so that project would be missing from what is sent. Nor of a
    workbook with no form read at all (what it holds said)."""
    from .errors import CellError, cells_said, forms_not_read

    cells = [p for p in batch.problems if isinstance(p, CellError) and p.sheet and p.cell]
    if cells:   # the first six, as 计算 and 汇总 list them (thirty bad forms made a message box of a page)
        raise FinalizeRefused(f"{prefix}{forms_not_read(cells)} 张表因单元格填写有误无法读取，定稿会漏掉这些表，"
                              f"未定稿。请先改正（“校验”逐一标出）：{cells_said(cells)}。", file=file)
    refuse_empty(batch, file)   # no form at all: not a question of errors to confirm (the button asked)


def refuse_empty(batch: Any, file: str) -> None:
    """No 定稿 of a workbook in which no form was read: what it holds instead said."""
    if not batch.all():
        from .guard import reason  # a problem of this very file names it already: said once

        reasons = "；".join(reason(p, file) for p in batch.problems) or "没有找到项目支出绩效自评表"
        raise JixiaoError(f"{file}：无法定稿：{reasons}", file=file)


@dataclass
class _Part:
    """One workbook's 定稿, read and checked, its outputs named and free to write, nothing written yet."""
    book: Path
    batch: Any
    checked: Any
    settings: Settings
    has_sheet: bool
    unit: str
    year: Any
    title: str
    target: Path
    outdir: Path
    eml_name: str
    profile: Any = None
    # the copy carries a 汇总表 wherever it carries project forms, as the 报送函 lists one (``reports.sent``); it
    # carried one only where 汇总 had written it into the workbook, and the mail went out without the letter's 附件
    has_summary: bool = False


def finalize(book: Path, outdir: Path | None = None, *, force: bool = False, pdf: Any = True,
             email: bool = False, settings: Settings | None = None, profile: Profile | None = None,
             result: tuple | None = None, rules: Any = None, overwrite: bool = False,
             instead: str = "") -> Finalized:
    """Write the values-only copy (and PDF, and email draft) beside ``book`` or in ``outdir``.
    ``pdf`` may be a function making the PDF of the copy (Excel's own export, in the add-in);
    LibreOffice makes it otherwise, or when that function fails. ``result``: the forms read and
    checked (the button's); else they are, under ``rules`` (the 设置 sheet's 校验规则, as 校验 checks).
    A 定稿 of the same name that a person saved since it was written (or any other workbook there) is
    not replaced unless ``overwrite`` (``guard.outpath.check_overwrite``; ``instead``: what the
    button's user does then); the 定稿 written before and left as it was is. So are its PDF and its
    mail draft (``marker.untouched_output``), all checked before any is written."""
    part = _prepare(book, outdir, force=force, pdf=pdf, settings=settings, profile=profile, result=result,
                    rules=rules, overwrite=overwrite, instead=instead)
    if email:
        from .guard.outpath import check_overwrite

        check_overwrite(part.outdir / part.eml_name, overwrite, instead)
    done = _write(part, pdf)
    if email:
        done.eml = _mail([part], [done], done.notes)
    return done


def finalize_books(books: Sequence[Path], outdir: Path | None = None, *, force: bool = False, pdf: Any = True,
                   email: bool = False, settings: Settings | None = None, profile: Profile | None = None,
                   rules: Any = None, overwrite: bool = False, instead: str = "",
                   result: tuple | None = None) -> tuple[list[Finalized], list[str]]:
    """The 定稿 of several workbooks of one department — its 项目支出绩效自评表 in one, its 部门整体支出绩效自评表
    in another, as the two templates keep them — each its own copy (and PDF), and one mail draft attaching
    them all with the 报送函 and reports 生成报告 wrote: the letter lists the 部门整体 form as an 附件, and a
    mail of one workbook carried none (``finalize A.xlsx B.xlsx`` was a usage error). The copies in a
    stable order, whatever order they were given in: by the kinds of form they hold, as the registry
    orders them (the 项目支出绩效自评表 first, as the letter lists it), then as given. Every workbook read,
    checked and its outputs found free before any is written; they must be of one unit and one year.
    Returns the 定稿 of each and what the mail's notes say (the mail draft is the first one's ``eml``).
    ``result``: the first workbook's forms read and checked (the 定稿 button's, from the open workbook)."""
    from .forms import KINDS

    parts = [_prepare(Path(b), outdir, force=force, pdf=pdf, settings=settings, profile=profile, rules=rules,
                      overwrite=overwrite, instead=instead, result=result if i == 0 else None)
             for i, b in enumerate(books)]
    first_kind = {id(p): min((i for i, k in enumerate(KINDS) if p.batch.of(k.key)), default=len(KINDS))
                  for p in parts}
    parts.sort(key=lambda p: first_kind[id(p)])   # stable: as given within a kind
    _one_department(parts)
    if email:
        from .guard.outpath import check_overwrite

        check_overwrite(parts[0].outdir / parts[0].eml_name, overwrite, instead)
    dones = [_write(p, pdf) for p in parts]
    notes: list[str] = []
    if email:
        dones[0].eml = _mail(parts, dones, notes)
    return dones, notes


def _one_department(parts: list[_Part]) -> None:
    """Workbooks sent in one mail are one department's of one year, each 定稿 under its own name."""
    books = quoted_series(p.book.name for p in parts)
    units = list(dict.fromkeys(p.unit for p in parts))
    if len(units) > 1:
        raise FinalizeRefused(f"{books}：不是同一单位的工作簿（{'、'.join(units)}），不能在一封邮件中报送，未定稿。"
                              "请对各单位的工作簿分别定稿", file=str(parts[0].book))
    years = list(dict.fromkeys(str(p.year) for p in parts))
    if len(years) > 1:
        raise FinalizeRefused(f"{books}：年度不同（{'、'.join(years)}年度），不能在一封邮件中报送，未定稿。"
                              "请改正年度后再定稿", file=str(parts[0].book))
    seen: dict[Path, Path] = {}
    for p in parts:
        key = p.target.resolve()
        if key in seen:
            raise FinalizeRefused(f"“{seen[key].name}”和“{p.book.name}”的定稿文件同名（{p.target.name}），"
                                  "后一个会覆盖前一个，未定稿。请把同一种表放在一个工作簿中再定稿", file=str(p.book))
        seen[key] = p.book


def _prepare(book: Path, outdir: Path | None, *, force: bool, pdf: Any, settings: Settings | None,
             profile: Profile | None, result: tuple | None = None, rules: Any = None, overwrite: bool = False,
             instead: str = "") -> _Part:
    """``book`` read and checked, refused where it cannot go out, its copy and PDF named and found free."""
    from .checking.config import apply_findings, apply_profile
    from .core.profiles import get_profile

    book = Path(book)
    profile = apply_profile(rules, profile or get_profile(None))  # the 校验规则's bands grade the copy too
    if result:
        batch, checked = result
    else:
        batch, checked = check_paths([book], profile)
        checked.findings = apply_findings(rules, checked.findings)
    refuse_empty(batch, str(book))
    refuse_unread(batch, str(book), f"{book}：")
    counts = checked.counts
    if counts["error"] and not force:
        raise FinalizeRefused(
            f"{book}：仍有 {counts['error']} 个错误，未定稿。请先点击“校验”逐一改正；"
            f"确需按现状报送时，请确认后再定稿（命令行加 --force）。", file=str(book))
    sheet_settings = read_settings_sheet(book)
    has_sheet = settings is not None or sheet_settings is not None   # given (``--settings``), or the book's
    settings = settings or sheet_settings or Settings()
    from .years import year_conflict

    apart = year_conflict(settings.year, batch.all(), f"“{SETTINGS_SHEET}”工作表的“年度”" if sheet_settings else "设置的“年度”")
    if apart:   # the file would be named one year and hold a form of another
        raise FinalizeRefused(f"{book}：{apart[0]}后再定稿。未定稿", file=str(book))
    from .reports.context import speaker

    # the unit as the 报送函 prints it (``setting_text``, ``speaker``): the copy's name, its properties and the mail's
    unit = name_text(settings.unit or speaker(batch.forms, batch.all())) or book.stem
    # the year most of its forms carry (``dedupe.batch_year``, as the note on a form of another year says it), not
    # the first form's: a 2021 project form first among 2022 ones named the file and the mail 2021
    year = settings.year or batch_year(batch.all()) or batch.all()[0].form.year
    title, what = sent_as(batch, year)
    xlsx_name, eml_name = names_for(unit, year, title)
    outdir = Path(outdir) if outdir else book.parent
    target = outdir / xlsx_name
    if target.resolve() == book.resolve():
        raise JixiaoError(f"{target}：这个工作簿与要写出的定稿文件同名（它已是定稿文件？），定稿文件不能覆盖原工作簿；"
                          + FINAL_AGAIN, file=str(target))
    from .guard.outpath import check_overwrite

    # every file the 定稿 writes, before any is: its PDF and its mail draft were replaced without a word,
    # a PDF the 填报人 had signed or stamped, a draft whose addresses they had filled in
    for out in (target, *([target.with_suffix(".pdf")] if pdf else [])):
        check_overwrite(out, overwrite, instead)
    return _Part(book, batch, checked, settings, has_sheet, unit, year, title, target, outdir, eml_name,
                 profile, carries_summary(len(batch.of("project"))))


def _write(part: _Part, pdf: Any) -> Finalized:
    """Write the copy ``_prepare`` named (and its PDF); what the 填报人 should know in its notes."""
    book, batch, checked, target, year, title, unit = (part.book, part.batch, part.checked, part.target,
                                                       part.year, part.title, part.unit)
    profile, has_summary, counts = part.profile, part.has_summary, checked.counts

    # every form of every kind goes out, frozen to its values
    from .core.profiles import get_profile

    # the 等级 graded as the check was, under the profile's bands (“优≥80”: 85 is 优 in the copy too)
    from .forms import kind_of

    # a 等级 our formula showed under other bands is the profile's there (``FormKind.regraded``)
    prof = get_profile(profile)
    # a 偏差原因 the 填报人 merged over two indicator rows stays one cell (``read``), not printed once per row
    wb, caches = forms_workbook([kind_of(it.form).regraded(it, prof) for it in batch.all()], values_only=True,
                                bands=prof.grade_bands, read=batch.all())
    freeze_formulas(wb, caches)
    if has_summary:
        # its forms of another year are in the copy, not in its 汇总表 (as the 汇总 button and ``summarize`` count)
        counted, aside = year_screened(batch)
        summary, _groups = summarize(counted, checked, profile, set_aside=aside)
        # each row's form is a sheet of the copy (one per form, in the batch's order): 来源 names and
        # links that sheet, not the workbook on the 填报人's computer
        copied = dict(zip((it.source for it in batch.all()), wb.sheetnames)) \
            if len(wb.sheetnames) == len(batch.all()) else {}
        for row in [*summary.rows, *(r for rows in summary.others.values() for r in rows)]:
            row["sheet"] = copied.get(row["source"])
        forms_sheets = list(wb.sheetnames)
        apply_plan(wb, workbook_plan(summary, linked=True, values=True,  # the 部门整体 forms' list too
                                     sheets={name: (None, None) for name in wb.sheetnames}, sent=True))
        # in the 报送函's order: the forms (its 附件 3 and 4), then the 汇总表 and its 项目明细 (附件 5); the copy
        # opens on the first form, and its PDF prints the forms first
        wb._sheets.sort(key=lambda ws: ws.title not in forms_sheets)   # stable: each group as it was
        wb.active = 0
    # a text merged over indicator rows that no page holds even at 6.5 pt printed whole on a 附页 after the forms
    apart = texts_to_appendix(wb)
    if apart and has_summary:   # the 附页 is the forms' (their cells say “全文见附页1”): printed right after them,
        # before the 汇总表 and its 项目明细 (the 报送函's 附件 5), not after the whole copy
        from .excel.printout import APPENDIX

        wb._sheets.sort(key=lambda ws: ws.title not in forms_sheets and ws.title != APPENDIX)
    for ws in wb.worksheets:  # every cell of every sheet protected, no password: a copy to read, not to edit
        seal_sheet(ws)
        # the template's colours for a 填报人 at work (得分 below 分值 with no reason, Σ 分值 ≠ 100) are
        # hints on screen; printed (LibreOffice ignores the page's black-and-white) or read by the
        # bureau they are no part of the form sent
        ws.conditional_formatting = ConditionalFormattingList()
        # nor are the input cells' prompts (“填写项目全称。”, popping up at each cell the bureau clicks in a
        # copy no one fills in) and their drop-down lists
        ws.data_validations = DataValidationList()
        numbered_as_its_own(ws)   # a long form's pages: 第 1 页，共 3 页 of its own, not of the whole copy
    # Excel's 文件 › 信息 names the unit that sends it, written now. Not this tool, and no ``marker``
    # mark: a 定稿 copy is the department's own workbook, read by batches like any other.
    now = written_now()
    wb.properties.creator = wb.properties.lastModifiedBy = unit if unit != book.stem else ""
    wb.properties.created = wb.properties.modified = now
    wb.properties.title = f"{year}年度{title}"
    save_workbook(wb, target, application="Microsoft Excel")   # not “… / Openpyxl 3.1.5” (app.xml)
    done = Finalized(target, errors=counts["error"], warnings=counts["warning"], book=book)
    if counts["error"]:
        done.notes.append(f"按填报人确认，带着 {counts['error']} 个错误定稿")
    if apart:   # what the printed form says in the cell (its first lines and “……（全文见附页1）”) is not what was typed
        done.notes.append(f"{apart} 段文字一页印不下，全文印在定稿的“附页”上，表中该格印出开头几行和“全文见附页”")
    blank = blank_dates(checked.findings)
    if blank:   # 校验 only hinted at them while the form was filled; the copy is what is sent
        done.notes.append(blank)
    # a form whose year was not changed (last year's 部门整体 form copied in): the 定稿 file carries it as the
    # workbook does, and said nothing (汇总 and 生成报告 had); the bureau's review then flagged it
    other = other_year_forms(year_screened(batch)[1], year,
                             "已放入定稿文件" + ("，汇总表未计入" if has_summary else ""), "再定稿")
    if other:
        done.notes.append(other.rstrip("。"))
    if batch.hidden:  # the copy is made of the forms read: one out of sight is not in it
        from .dedupe import hidden_said

        done.notes.append(hidden_said((it.sheet or "" for it in batch.hidden), "放入定稿文件").rstrip("。"))
    if callable(pdf):
        try:
            done.pdf = pdf(target)
        except JixiaoError as exc:  # the PDF could not be put in place (open in a reader): LibreOffice could not either
            _no_pdf(target, exc, done)
        except Exception:  # noqa: BLE001 - Excel's COM errors vary (and read in English): fall back, and say so
            done.notes.append("Excel 未能导出 PDF，改用 LibreOffice")
            done.pdf = _pdf(target, done)
    elif pdf:
        done.pdf = _pdf(target, done)
    return done


class _Together:
    """The forms of several workbooks as one batch (``Batch.of``), for what their one mail says it sends."""

    def __init__(self, parts: Sequence[_Part]) -> None:
        self.parts = parts

    def of(self, kind: str) -> list[Any]:
        return [it for p in self.parts for it in p.batch.of(kind)]


def _mail(parts: Sequence[_Part], dones: Sequence[Finalized], notes: list[str]) -> Path:
    """The one mail draft of ``parts`` (written as ``dones``): each 定稿 copy and its PDF, with the 报送函 and
    the reports 生成报告 wrote for them (in the report folder of the first workbook that has a letter);
    what the 填报人 must still do added to ``notes``. It speaks as the first workbook with a 设置 sheet."""
    part = next((p for p in parts if p.has_sheet), parts[0])
    settings, has_sheet, unit, year, outdir = part.settings, part.has_sheet, parts[0].unit, parts[0].year, parts[0].outdir
    together = _Together(parts)
    title, what = sent_as(together, year)
    forms = together.of("project")
    from .reports import DOCUMENTS, report_folder

    # the letter 生成报告 wrote over them all (``report 项目.xlsx 部门整体.xlsx -o 项目-报告``) is beside one of them
    book = next((p.book for p in parts if (report_folder(p.book) / f"{DOCUMENTS[0]}.docx").is_file()), parts[0].book)
    if not has_sheet:   # nothing to fill in: where the sheet comes from, once
        notes.append(f"{NO_SETTINGS_SHEET}（收件邮箱、发件邮箱等），邮件草稿中的收件人、发件人为空，发送前请补上")
    for key, label in (("email_to", "收件邮箱"), ("email_from", "发件邮箱")):
        if not getattr(settings, key) and has_sheet:
            notes.append(f"“设置”表没有填写{label}，邮件草稿中的{label[:2]}人为空，发送前请补上")
        for bad in bad_addresses(getattr(settings, key)):
            notes.append(f"“设置”表的{label}“{bad}”不是有效的邮箱地址（多个地址用分号隔开），发送前请改正")
    # the 报送函 and its reports: 生成报告 writes them for the 项目支出绩效自评表 and for a 部门整体 form
    # sent alone (its letter and 整体报告 only), so a workbook of a 评价表 alone has none to carry, nor any
    # to ask for
    reports, missing = (letter_documents(book, projects=bool(forms)) if forms or together.of("department")
                        else ([], []))
    texts = {p: document_text(p) for p in reports}   # each document read once
    drafts = [p for p in reports if CHECK in texts[p]]
    if drafts:   # 生成报告 said of them “改正并再次生成前不得报送”: not mailed as if they were final
        reports = [p for p in reports if p not in drafts]
        said = quoted_series(p.stem for p in drafts)
        # (a 【待核实】 also marks a figure that looks typed in 元, a warning: “带错误” was untrue of it)
        notes.append(f"{said}是标有{CHECK}的草稿（生成时自评表仍有错误，或有像是以元填写的金额），"
                     "没有放入邮件草稿：请改正后重新“生成报告”，再定稿")
    for p in reports:
        n = texts[p].count(TODO)
        if n:
            notes.append(f"邮件草稿所附的“{p.stem}”中还有 {n} 处{TODO}，发送前请补上")
    if missing:
        from .errors import LETTER_REPORTS

        # no letter either: the reports are not “the letter's”, none of the three was made
        said = quoted_series(missing)
        every = [DOCUMENTS[0], *missing]   # no letter either: “A”“B”和“C” (GB/T 15834 4.5.3.5)
        head = (f"报送函所列的{said}还没有生成" if any(p.stem == DOCUMENTS[0] for p in reports)
                else f"{quoted_series(every[:-1])}和{quoted_series(every[-1:])}都还没有生成")
        notes.append(f"{head}，邮件草稿中没有：{LETTER_REPORTS}，或发送前自行添加")
    notes += _unlike_letter(letter_attachments(book), together, any(p.has_summary for p in parts), year)
    # attached under names that say whose they are: the 财政局 saves fifty mails' “报送函.pdf” in one
    # folder (the files on disk keep their names; the 定稿 copy and its PDF are so named already)
    final = [p for done in dones for p in (done.workbook, done.pdf) if p]
    return write_eml(outdir / parts[0].eml_name, settings, unit, year, len(forms), [*reports, *final], what, title,
                     names=[*(unit_file_name(unit, year, p.stem, p.suffix) for p in reports),
                            *(p.name for p in final)],
                     documents=[p.stem for p in reports])


def letter_documents(book: Path, projects: bool = True) -> tuple[list[Path], list[str]]:
    """The documents 生成报告 wrote for ``book`` that the mail carries with the 定稿 copy: the 报送函
    and the reports it lists as its 附件 (each as its PDF where there is one, else its .docx), in the
    letter's order; and the names of those not found. The 报送函 listed reports the mail did not carry.
    The reports are those the letter lists; without a letter, both where there are project forms
    (``projects``), else the 整体绩效自评工作报告 alone (a 部门整体 form sent alone: a 项目支出绩效自评报告
    left in the folder by an earlier run is no report of this workbook, nor one its letter lists)."""
    from .reports import DOCUMENTS, report_folder

    listed = letter_attachments(book)
    wanted = [n for n in DOCUMENTS[1:] if any(n in a for a in listed)] or (
        list(DOCUMENTS[1:]) if projects else [DOCUMENTS[2]])
    folder, found, missing = report_folder(book), [], []
    for name in (DOCUMENTS[0], *wanted):
        doc = next((p for p in (folder / f"{name}.pdf", folder / f"{name}.docx") if p.is_file()), None)
        if doc is not None:
            found.append(doc)
        elif name != DOCUMENTS[0]:   # no letter: the mail's own text is the cover
            missing.append(name)
    return found, missing


def document_text(doc: Path) -> str:
    """The text of a document 生成报告 wrote (its .docx: a PDF is rendered from it, beside it), for the
    marks it leaves where the 填报人 has work to do (``reports.text.CHECK``, ``TODO``); "" where
    there is no .docx to read."""
    source = doc.with_suffix(".docx")
    if not source.is_file():
        return ""
    from docx import Document

    try:
        d = Document(str(source))
    except Exception:  # noqa: BLE001 - a document Word cannot open either: nothing to say of its marks
        return ""
    cells = (c.text for t in d.tables for row in t.rows for c in row.cells)
    return "\n".join([*(p.text for p in d.paragraphs), *cells])


def freeze_formulas(wb: Workbook, caches: dict[str, dict[str, Any]]) -> None:
    """Every formula left becomes the value it shows (computed by the formulas' Python twins,
    which the LibreOffice tests hold equal to the formulas); a formula with no result → blank.
    Only cells the forms do not carry are left as formulas (a 部门整体 standard's 计算值): a
    computed cell read from the workbook is written as read (``excel.sheet.place_computed``)."""
    for ws in wb.worksheets:
        known = caches.get(ws.title, {})
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    c.value = known.get(c.coordinate)


def _unlike_letter(listed: list[str], together: Any, summary: bool, year: Any = None) -> list[str]:
    """What the 填报人 is told where the 报送函's 附件 (``listed``, as the department may have edited them)
    and what the mail carries (the forms of each kind in ``together``, the 汇总表 where ``summary``)
    differ, either way: a letter naming a form not attached, or a form attached that the letter does
    not name (``report 项目.xlsx`` and then ``finalize 项目.xlsx 部门整体.xlsx``). No letter, nothing to say.
    A form of another year than ``year`` is no letter's (the 定稿's note on it says to put its year right)."""
    from .errors import LETTER_AGAIN, PARTNER_BOOK
    from .forms import KINDS

    if not listed:
        return []
    carried = {k.key: any(year is None or getattr(it.form, "year", None) in (None, year) for it in together.of(k.key))
               for k in KINDS}
    carried["summary"] = summary
    titles = {**{k.key: k.title for k in KINDS}, "summary": SUMMARY_TITLE}
    notes, named = [], set()
    for name in listed:
        kind = attachment_kind(name)
        named.add(kind)
        if kind is not None and not carried[kind]:
            how = f"{titles[kind]}{PARTNER_BOOK}" if kind != "summary" else LETTER_AGAIN
            notes.append(f"报送函附件所列的“{name}”不在邮件草稿中（定稿文件里没有）：{how}，或发送前自行添加")
    for kind in [k for k, there in carried.items() if there and k not in named]:
        notes.append(f"定稿文件中有{titles[kind]}，报送函的附件没有列出它：报送函是按别的表生成的，{LETTER_AGAIN}")
    return notes


def letter_attachments(book: Path) -> list[str]:
    """The 附件 the 报送函 生成报告 wrote for ``book`` lists (“2022年度绩效自评情况汇总表”), as the
    department may have edited them; [] where there is no letter (.docx) or it cannot be read."""
    from .reports import DOCUMENTS, report_folder

    letter = report_folder(book) / f"{DOCUMENTS[0]}.docx"
    if not letter.is_file():
        return []
    try:
        from docx import Document

        paras = Document(str(letter)).paragraphs
    except Exception:  # noqa: BLE001 - a letter Word cannot read either: nothing to compare with
        return []
    out = []
    for p in paras:
        if p.style is not None and p.style.name in ("附件", "附件续行") and p.text.strip():
            out.append(re.sub(r"^(附件[：:])?\s*\d+\s*[．.、]\s*", "", p.text.strip()))
    return out


def _pdf(xlsx: Path, done: Finalized) -> Path | None:
    from .excel.office import convert

    try:
        return convert(xlsx, "pdf", xlsx.parent)
    except JixiaoError as exc:  # no LibreOffice, or the PDF beside the copy cannot be replaced
        _no_pdf(xlsx, exc, done)
        return None


def _no_pdf(xlsx: Path, exc: JixiaoError, done: Finalized) -> None:
    """Say why there is no PDF; the copy itself is written. A PDF of an earlier 定稿 left beside it
    is not this one: said, so that it is not sent with the new copy."""
    done.notes.append(f"未生成 PDF：{exc}"
                      + ("；文件夹中的同名 PDF 是上一次定稿的，与这次的定稿文件不一致，请关闭它后再点“定稿”"
                         if xlsx.with_suffix(".pdf").exists() else ""))


ATTACHMENT_KIND = {".xlsx": "Excel 版", ".pdf": "PDF 版，供打印查看", ".docx": "Word 版"}  # as a person would say


def email_text(settings: Settings, unit: str, year: int | str, n: int, files: list[Path],
               what: str | None = None, title: str = FORM_TITLE, names: list[str] | None = None,
               documents: Sequence[str] = ()) -> tuple[str, str]:
    """Subject and body of the 定稿 mail; ``what`` (``sent_as``) says what it sends, by default the
    ``n`` project forms. ``names``: the files as the mail attaches them (default their own names).
    ``documents``: the stems of the documents 生成报告 wrote that the mail attaches (the 报送函 and its
    reports), named in the body before the forms, in the order of the 附件 — the body said only
    “现将我单位2022年度项目支出绩效自评表（共3个项目）报送贵局” above a list of five attachments, the letter
    and both reports among them."""
    what = what or f"{FORM_TITLE}（共{n}个项目）"
    subject = f"【{mail_tag(what)}】{unit}{year}年度{title}"
    shown = names or [p.name for p in files]
    said = {key: setting_text(settings, key) for key in ("addressee", "signer", "contact", "phone")}
    from .reports import DOCUMENTS

    reports = [d for d in documents if d != DOCUMENTS[0]]
    # “……自评报告、整体绩效自评工作报告和项目支出绩效自评表（共3个项目）”: ``what`` holds a 和 of its own where
    # it names two kinds, a 、 before it then; the 报送函 is the department's, not of the year
    sent = ("、".join(reports) + ("、" if "和" in what else "和") + what) if reports else what
    letter = "报送函及" if DOCUMENTS[0] in documents else ""
    lines = [f"{said['addressee'] or '县财政局'}：", "",
             f"    现将我单位{letter}{year}年度{sent}报送贵局，请审核。", "",
             "附件：", *[f"    {i}{ORD}{name}（{ATTACHMENT_KIND.get(p.suffix.lower(), '文件')}）"   # “1．” as the 退回邮件
                       for i, (p, name) in enumerate(zip(files, shown), 1)], "",
             said["signer"] or unit, _signed_on(settings.date), "",
             # as the 报送函's 附注 (“联系人：王某；联系电话：…”), a part not given left out, not an empty label
             "；".join(f"{label}：{said[key]}" for key, label in (("contact", "联系人"), ("phone", "联系电话"))
                      if said[key])]
    return subject, "\n".join(lines).rstrip() + "\n"


def mail_tag(what: str) -> str:
    """The 定稿 mail's tag, by the forms it sends (``what``, as ``sent_as`` says it): 绩效自评 for the
    自评表, 绩效评价 for a 项目支出绩效评价表 — a department sending only its 评价表 sends no 自评."""
    works = dict.fromkeys(re.findall(r"绩效(?:自评|评价)", what))
    return "、".join(works) or "绩效自评"


def _signed_on(written: str | None) -> str:
    """The 设置's 成文日期 under the mail's 落款 as the 报送函 prints it (``date_text``: “2023.3.1” → 2023年3月1日);
    none, or a day no calendar has (the letter's 【待填写】), none: the mail is no 公文 to fill in."""
    shown = date_text(written)
    return "" if shown == TODO else shown


def write_eml(target: Path, settings: Settings, unit: str, year: int | str, n: int,
              files: list[Path], what: str | None = None, title: str = FORM_TITLE,
              names: list[str] | None = None, documents: Sequence[str] = ()) -> Path:
    """An unsent email draft (.eml) to the 财政局 that Outlook and Foxmail open for sending; ``names``:
    what each file is attached as (default its own name)."""
    from .mail import draft

    subject, body = email_text(settings, unit, year, n, files, what, title, names, documents)
    return draft(target, subject=subject, body=body, sender=settings.email_from, to=settings.email_to, files=files,
                 names=names)
