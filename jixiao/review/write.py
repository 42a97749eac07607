"""The review's files: per-department folders (annotated copies, 退回修改通知), the
consolidated 汇总表 and the 复核台账 — in that order, since the 台账 links to the others."""

from __future__ import annotations

import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import JixiaoError
from ..dedupe import kind_noun
from ..excel.plan import DropSheet, Plan, SheetSpec
from ..fileio import Moves, atomic_path, safe_filename
from ..sources import start_map
from .run import NO_UNIT, Review, safe_name, unread_cells

__all__ = ["SUMMARY_NAME", "annotation_job", "write_outputs", "write_review_summary"]

SUMMARY_NAME = "{year}年度绩效自评情况汇总表.xlsx"


# Names a mail client or a program gives a file, which say nothing of whose it is: “附件1”, “未命名附件2”
# (``inbox``'s name for an attachment without one), “新建 Microsoft Excel 工作表”, “工作簿1”, “Book1”.
_NAMELESS = re.compile(r"(?:未命名)?附件|attachment|新建\s*(?:Microsoft\s*Excel\s*|XLSX\s*)?工作表|工作簿|book",
                       re.IGNORECASE)


def _annotated_name(shown: str, suffix: str, taken: set[str], dept: str = "", tag: str = "") -> str:
    """“x-校验标注.xlsx”; a department that corrected last round's copy and sent it back gets
    “x-校验标注.xlsx” again, not “x-校验标注-校验标注.xlsx”. A file the mail client named
    (“附件1.xlsx”) goes back as “县教育局-附件1-校验标注.xlsx”: the notice lists it under its “附件：”,
    where “2．附件1-校验标注” says nothing. ``tag``: what tells the file apart from another the
    department sent under its name (``Department.told_apart``), as its notice says it after the name:
    “县教育局-附件1（3月3日邮件）-校验标注.xlsx” — not “…-附件1-校验标注.xlsx” and “…-校验标注（2）.xlsx”,
    of which the department could not tell which was which of its files."""
    stem = safe_filename(Path(shown.split(" › ")[-1]).stem, "工作簿")
    # … as its mail attached it in a later round too (“…-校验标注-第2轮”, ``notices.mail_names``): the round tag goes
    # with the “-校验标注” (it was “…-校验标注-第2轮-校验标注.xlsx”, mailed as “…-第2轮-校验标注-第3轮.xlsx”)
    stem = re.sub(r"(?:-校验标注(?:（\d+）)?(?:-第\d+轮)?)+$", "", stem) or stem
    if dept and _NAMELESS.fullmatch(re.sub(r"[\s\d_\-（）()]+$", "", stem)):
        stem = safe_filename(f"{dept}-{stem}", stem)
    if tag:
        stem = safe_filename(f"{stem}（{tag}）", stem)
    name = f"{stem}-校验标注{suffix}"
    k = 2
    while name in taken:
        name = f"{stem}-校验标注（{k}）{suffix}"
        k += 1
    taken.add(name)
    return name


def annotation_job(rv: Review, path: str, dst: Path, dept: str | None = None) -> tuple[str, str, Any]:
    """(source, target, plan) for one returned workbook: every finding marked on its cell. ``dept``:
    the workbook holds several departments' forms, and this copy is that department's — its own
    forms' sheets (and sheets of no form), its own findings marked and listed (``Review.others_sheets``)."""
    from ..excel.plan import annotation_plan

    batch, result = rv._batch, rv._result
    if path in rv._published:  # a department's own 汇总表: its figures that differ from its forms
        _who, sheets, diffs = rv._published[path]
        return path, str(dst), annotation_plan(diffs, sheets)
    from ..summary.published import typed_said

    typed = rv._inbook.get(path, [])  # a 汇总表 sheet beside its forms, per department it is for
    sheets, extra = typed_said(typed)
    findings = [f for f in result.findings if f.file == path]
    standing = {d.name: d for d in rv.departments if d.standing and d.standing.get("held")}
    if standing:   # a point its standing notice holds out is not marked in the copy sent with it either
        from .rounds import held_finding

        of = rv._finding_dept
        findings = [f for f in findings if not held_finding(standing.get(of.get(id(f), "")), f)]
    from .rounds import mark_record, marked_as_sent

    shown = rv._shown(path)
    owner = dept or _sole_owner(rv, path, findings)
    depts = {d.name: d for d in rv.departments}
    if dept is None:
        # a standing notice's copy marks what it marked when drafted (``rounds.marked_as_sent``): a point gone since
        # (another department put its copied form right) stays marked in the copy the department was sent
        again = marked_as_sent(depts.get(owner or ""), shown, path)
        findings = findings if again is None else again
        if owner:   # what this copy marks, kept in the manifest for a notice that may stand
            rv._marks.setdefault(owner, {})[shown] = [mark_record(f) for f in findings]
        notes = replaced_notes(rv, path) + other_year_notes(rv, path)
        return path, str(dst), annotation_plan(findings + extra + notes,
                                               batch.marked_sheets(path) | sheets | {str(n.sheet) for n in notes},
                                               names=batch.form_names(path))
    whose = rv._finding_dept
    notes = replaced_notes(rv, path, dept) + other_year_notes(rv, path, dept)
    sheets |= {str(n.sheet) for n in notes}
    own_findings = [f for f in findings if whose.get(id(f)) in (dept, NO_UNIT)]
    again = marked_as_sent(depts.get(dept), shown, path)   # a standing notice's copy: as it was marked
    own_findings = own_findings if again is None else again
    rv._marks.setdefault(dept, {})[shown] = [mark_record(f) for f in own_findings]
    mine = own_findings + typed_said([t for t in typed if t[0] == dept])[1] + notes
    drop = rv.others_sheets(path, dept)
    own, gone = own_summary(rv, path, dept, drop)
    written = {e.name for e in own.edits if isinstance(e, SheetSpec)}
    drop = (drop | gone) - written  # a sheet of the 汇总 written anew is not frozen first: what reads it reads the new one
    marks = annotation_plan(mine, (batch.marked_sheets(path) | sheets) - drop - written, drop=drop,
                            names=batch.form_names(path))
    plan = Plan([e for e in marks.edits if isinstance(e, DropSheet)])  # the other departments' sheets out first,
    plan.extend(own)                                                     # then its 汇总, then the marks and the
    plan.extend(Plan([e for e in marks.edits if not isinstance(e, DropSheet)]))  # 校验结果 (the sheet it opens at)
    return path, str(dst), plan


def _sole_owner(rv: Review, path: str, findings: list[Any]) -> str | None:
    """The one department whose copy of ``path`` this is (its forms' and its findings'), or None (no department,
    or several: each then has a copy of its own, ``annotation_job``'s ``dept``)."""
    whose = (rv.holders(path) | {rv._finding_dept.get(id(f), NO_UNIT) for f in findings}) - {NO_UNIT}
    return next(iter(whose)) if len(whose) == 1 else None


def replaced_notes(rv: Review, path: str, dept: str | None = None) -> list[Any]:
    """What the marked copy of ``path`` says on each of its forms that a later file of the same
    department replaced (``dedupe.screen_forms``; the 台账 says “已被 X.xlsx 替换”): a note (rule X6, a
    提示 — no point to change or verify) on the form's 项目名称 cell and in its 校验结果, so that the sheet,
    neither checked nor counted, does not look clean and passed. ``dept``: that department's only."""
    from ..core.findings import SUPERSEDED, Finding
    from .notices import in_document, sent_name, sent_names, why_replaced

    shown = rv._shown(path)
    out = []
    for d in rv.departments:
        if dept is not None and d.name != dept:
            continue
        for x in d.superseded_forms:
            if x["file"] != shown or not x.get("sheet") or not x.get("cell"):
                continue
            newer = sent_names(d).get(str(x["replaced_by"] or "")) or sent_name(str(x["replaced_by"] or ""))
            # why it lost, in the words of the 退回修改通知 (the two 填报日期, not only “填报日期较晚”)
            why = why_replaced(x, f"“{newer}”")
            out.append(Finding(   # in the notice's words: a file in an archive as 压缩包“…”中的“…”, not “… › …”
                SUPERSEDED, "info", "project",
                in_document(f"这张表{why}{'，' if why else ''}已被“{newer}”中的同一{kind_noun(x.get('kind'))}替换，"
                            f"不计入审核，也未校验；以“{newer}”为准，这张表无需修改"),
                file=path, sheet=x["sheet"], cell=x["cell"], project=x.get("project"),
                source=f"{path}#{x['sheet']}"))
    return out


def other_year_notes(rv: Review, path: str, dept: str | None = None) -> list[Any]:
    """What the marked copy of ``path`` says on the 年度 cell of each of its forms set aside as another year's
    (rule X4, ``dedupe.screen_forms``): the 退回修改通知's own item for it, word for word, at its severity. The
    notice pointed at that cell (“……工作表 A2 单元格：……年度为2021年度，本次审核的是2022年度的自评表，这张表
    未计入……”) while the copy left the sheet unmarked; the 填报人's own 校验 marks it (X8, another year than
    the workbook's). The review says it against the year under review, which the workbook's own year need not be,
    so X8 itself is not added here: X4 (and X5 for a 部门整体 form, which is counted) already mark every such cell.
    ``dept``: that department's only."""
    from ..core.findings import OTHER_YEAR, Finding

    shown = rv._shown(path)
    out = []
    for d in rv.departments:
        if dept is not None and d.name != dept:
            continue
        aside = {(o["file"], o["sheet"], o.get("cell") or "") for o in d.other_year_forms}
        for it in d.items:
            where = (it.get("file"), it.get("sheet"), it.get("cell") or "")
            if where not in aside or it["file"] != shown or not it.get("cell"):
                continue   # a missing project that came only as another year's form is said on that form too (M1)
            out.append(Finding(OTHER_YEAR, it["severity"], "year", it["message"], expected=it.get("expected") or None,
                               found=it.get("found") or None, file=path, sheet=it["sheet"], cell=it["cell"],
                               project=it.get("project") or None, source=f"{path}#{it['sheet']}"))
    return out


def own_summary(rv: Review, path: str, dept: str, drop: set[str]) -> tuple[Plan, set[str]]:
    """The sheets an earlier 汇总 wrote over the whole workbook ``path`` (``earlier_summary_sheets``:
    every department's rows in its 项目明细, 部门整体 list and 汇总表), in ``dept``'s copy: made anew
    from its own forms, as its own 汇总 button would make them, their results stored with them.
    (The plan, the earlier sheets it leaves out: those it does not write again — all of them for a
    department with no project form in the workbook, where 汇总 makes nothing.) ``drop``: the
    sheets of other departments' forms, left out of the copy."""
    from ..reading.workbook import first_rows
    from ..sources import Batch
    from ..summary import summarize
    from ..summary.book import earlier_summary_sheets, sheet_heads, workbook_plan
    from ..summary.cache import summary_caches

    heads = {name: h for name, h in sheet_heads(first_rows(path)).items() if name not in drop}
    earlier = earlier_summary_sheets(heads)
    if not earlier:
        return Plan(), set()
    of = dict(zip(rv._forms["source"], rv._forms["department"])) if len(rv._forms) else {}
    sub = Batch(files=1)
    sub.add([it for it in rv._batch.all() if it.file == path and of.get(it.source) == dept])
    if not sub.forms:
        return Plan(), earlier
    # its forms that could not be read: the 汇总's 未能读取 list, as its own 汇总 would say them
    sub.problems = [p for p in rv._batch.problems if getattr(p, "file", None) == path
                    and getattr(p, "sheet", None) in heads]
    summary, _groups = summarize(sub, rv._result, rv._profile)
    plan = workbook_plan(summary, linked=True, sheets=heads)
    plan.results = summary_caches(plan, summary)
    done = {e.name for e in plan.edits if isinstance(e, (SheetSpec, DropSheet))}
    return plan, earlier - done


def _annotate(job: tuple[str, str, Any]) -> tuple[str, str | None, str | None]:
    """Apply one job (in a worker process); .xls/.et come out as .xlsx (``annotated_copy``)."""
    from ..excel.apply import annotated_copy

    path, dst, plan = job
    try:
        return path, str(annotated_copy(Path(path), Path(dst), plan)), None
    except JixiaoError as exc:
        return path, None, str(exc)


def _write_notices(shown: Any, d: Any, year: int | None, signer: str, deadline: Any = None, round_no: int = 1) -> None:
    """A department's 退回修改通知 and 清单, as ``shown`` says (``d`` itself, or a copy of it that
    counts on copies still being made, or as its standing notice tells it: ``rounds.as_told``); the paths
    are kept on ``d``."""
    from .notices import notice_kind, write_notice_docx, write_notice_xlsx
    from .rounds import drafted_on

    assert d.folder is not None  # every department not passed got its folder in the first loop
    kind = notice_kind(d)  # 催报通知 for a department that sent nothing
    d.notice_xlsx = write_notice_xlsx(shown, year, d.folder / f"{kind}清单.xlsx", round_no)  # first: the notice names it
    shown = d if shown is d else replace(shown, notice_xlsx=d.notice_xlsx)
    d.notice = write_notice_docx(shown, year, signer, d.folder / f"{kind}通知.docx", deadline=deadline, round_no=round_no,
                                 today=drafted_on(d))   # a standing notice: the day it was drafted


def return_mail(d: Any, year: int | None, signer: str, deadline: Any = None, round_no: int = 1) -> Path:
    """The draft that sends a department its notice, its list and its marked workbooks, addressed
    to whoever mailed its files (empty where they came otherwise: the reviewer fills it in); each
    attached under a name that says whose it is, the year and, from a second round on, the round
    (``notices.mail_names``)."""
    from ..mail import draft
    from .notices import attachments, mail_names, mail_text, notice_kind

    assert d.folder is not None and d.notice is not None
    files = [d.notice, *attachments(d)]  # what the notice's 附件说明 names, in its order
    names = mail_names(d, year, files, round_no)
    from .rounds import drafted_on, mailed_at

    subject, body = mail_text(d, year, signer, files, deadline, names, today=drafted_on(d), round_no=round_no)
    return draft(d.folder / f"{notice_kind(d)}邮件.eml", subject=subject, body=body, sender=None, to=d.reply_to,
                 files=files, answers=d.reply_ids, names=names, date=mailed_at(d))   # a standing notice's: its first Date


def verify_notice(d: Any, year: int | None, signer: str, deadline: Any = None, round_no: int = 1) -> None:
    """A department that passed with points to verify (请核实): its short notice (“审核通过及核实事项的通知”, no return),
    the 清单 of those points and the mail that sends them with its marked copies, kept apart from a return's
    (``Department.verify_notice``, ``verify_list``, ``verify_mail``): it passed, and ``--json``'s ``notice`` and
    ``mail`` stay a return's. It was sent nothing before, and did not know the bureau asked it anything."""
    from ..mail import draft
    from .notices import VERIFY_KIND, attachments, mail_names, mail_text, write_notice_docx, write_notice_xlsx

    import datetime as _dt

    assert d.folder is not None
    # passed again with the same points, its files as they were: the notice it was sent stands, its round and dates
    kept = d.verify_kept or {}
    round_no = int(kept.get("round") or round_no)
    day = _dt.date.fromisoformat(kept["drafted"]) if kept.get("drafted") else None
    told = replace(d, notice=None, notice_xlsx=None, mail=None)
    if kept:   # … its points as it said them then: none marked “上次已指出” by this rerun
        told = replace(told, items=[{**it, "again": False} for it in d.items])
    d.verify_list = write_notice_xlsx(told, year, d.folder / f"{VERIFY_KIND}清单.xlsx", round_no)
    told = replace(told, notice_xlsx=d.verify_list)
    d.verify_notice = write_notice_docx(told, year, signer, d.folder / f"{VERIFY_KIND}通知.docx", deadline=deadline,
                                        round_no=round_no, today=day)
    files = [d.verify_notice, *attachments(told)]
    names = mail_names(told, year, files, round_no)
    subject, body = mail_text(told, year, signer, files, deadline, names, today=day, round_no=round_no)
    d.verify_mail = draft(d.folder / f"{VERIFY_KIND}邮件.eml", subject=subject, body=body, sender=None, to=d.reply_to,
                          files=files, answers=d.reply_ids, names=names, date=kept.get("mailed"))


def resent_mail(d: Any, year: int | None, signer: str) -> Path:
    """The draft telling a department that passed that its files sent again are not counted (``notices.resent_text``),
    addressed as its return mail would be, in reply to the mails its files came in."""
    from ..mail import draft
    from .notices import RESENT_KIND, resent_text

    assert d.folder is not None
    # written again at a rerun (nothing new since: ``rounds.resent_after_pass``), dated as first drafted, as a standing
    # notice's mail is — the draft the reviewer may have sent is the same, word and date
    day = None
    if d.resent_mailed:
        from email.utils import parsedate_to_datetime

        day = parsedate_to_datetime(d.resent_mailed).date()
    subject, body = resent_text(d, year, signer, today=day)
    return draft(d.folder / f"{RESENT_KIND}邮件.eml", subject=subject, body=body, sender=None, to=d.reply_to,
                 files=[], answers=d.reply_ids, date=d.resent_mailed)


def write_outputs(rv: Review, outdir: Path, *, signer: str, annotate: bool = True,
                  progress: bool | None = None) -> None:
    from ..fileio import staged_set
    from ..safety import signals_held
    from .rounds import (archive_previous, compare, read_last, resent_after_pass, round_counts, sent_before, sent_contents,
                         sent_names, write_manifest)

    # what the departments were told last time (``review`` read it before the statuses): before its manifest moves
    last = read_last(outdir) if rv._last == "NOT_READ" else rv._last
    if last is not None:
        rv.round, rv.last_when = last.number + 1, last.when
    sent = sent_contents(rv)  # what each sent, by content: one that sent nothing new has not answered yet
    names = sent_names(rv)    # … and by name: one that sent a file again unchanged did answer, with the same
    for d in rv.departments:
        compare(d, last, sent.get(d.name, []), names.get(d.name, []))
    sent_before(rv, last)   # its files returned last round and sent again: not explained in its notice
    resent_after_pass(rv, last)   # one that passed and sent again anyway: what of it counted (the 台账, 文件清单)
    # the departments against the round before, as the 台账's head line and the console count them
    rv.totals["against_last"] = round_counts(rv, rv.departments)
    if "to_change" in rv.totals:   # a standing notice's counts leave out the points it holds (``rounds.compare``)
        rv.totals.update(to_change=sum(d.to_change for d in rv.departments),
                         to_verify=sum(d.to_verify for d in rv.departments))
    # The round is written into a hidden folder inside ``outdir`` and moved into place only once all of
    # it is there: a Ctrl-C or SIGTERM while the copies were written (minutes for a county) left last
    # round's files moved to 历次复核 and its manifest deleted, the new round half written, and the next
    # run compared against nothing. Stopped before the end, the output folder is as the last round left it.
    # A file of either round open in Excel or Word (Windows refuses to move it) stops the moves: those done
    # are undone, and the reviewer is told which file to close (``fileio.Moves``).
    with staged_set(outdir) as stage:
        _write_round(rv, stage.folder, signer=signer, annotate=annotate, progress=progress)
        with signals_held():   # the moves take milliseconds: not stopped halfway either
            moves = Moves(outdir)
            try:   # last round's files out of the way, kept; then the new round's in their place
                rv.previous = archive_previous(outdir, keep_manifest=True, moves=moves)
                _place_round(rv, stage.folder, outdir, moves)
            finally:
                moves.close()
            write_manifest(outdir, [p for p in (rv.summary, rv.ledger) if p] + [
                p for d in rv.departments for p in (*d.annotated, d.notice, d.notice_xlsx, d.mail, d.resent_mail,
                                                   d.verify_notice, d.verify_list, d.verify_mail) if p],
                rv.departments, rv.round, sent, rv._marks, names)


def _place_round(rv: Review, stage: Path, outdir: Path, moves: Moves) -> None:
    """Every file written in ``stage`` renamed to the same place below ``outdir`` (a department's
    folder made there), and the paths kept on ``rv`` and its departments changed to match; one that
    cannot be (a 台账 open in Excel on Windows) undoes ``moves``, these and those before."""
    for src in sorted(p for p in stage.rglob("*") if p.is_file()):
        moves.move(src, outdir / src.relative_to(stage))

    def moved(p: Path | None) -> Path | None:
        return outdir / p.relative_to(stage) if p is not None and p.is_relative_to(stage) else p

    rv.summary, rv.ledger = moved(rv.summary), moved(rv.ledger)
    for d in rv.departments:
        d.folder, d.notice, d.notice_xlsx, d.mail = moved(d.folder), moved(d.notice), moved(d.notice_xlsx), moved(d.mail)
        d.resent_mail = moved(d.resent_mail)
        d.verify_notice, d.verify_list, d.verify_mail = map(moved, (d.verify_notice, d.verify_list, d.verify_mail))
        d.annotated = [p for p in map(moved, d.annotated) if p is not None]


def _write_round(rv: Review, outdir: Path, *, signer: str, annotate: bool, progress: bool | None) -> None:
    """The round's files written below ``outdir`` (the stage): marked copies, notices, mails, 汇总表, 台账,
    linking each other relative to where they are, so that they open once moved to the output folder."""
    from .ledger import write_ledger
    from .rounds import as_told, mail_round, resent_aside

    forms = rv._forms
    annotated: dict[str, Path] = {}   # read path -> first annotated copy
    jobs: list[tuple[str, str, Any]] = []
    copies: list[tuple[Any, str, Path]] = []  # one department's workbook in another's list too: a file copy
    shared: dict[tuple[str, str], Path] = {}  # (read path, department) -> its own copy of a shared workbook
    fdf = rv.findings
    unread = unread_cells(fdf) if len(fdf) else fdf
    unread = unread[unread["path"].notna()]
    for d in rv.departments:
        # its forms' workbooks, and those holding a form of it that could not be read (its bad cells marked)
        paths = list(dict.fromkeys([*forms.loc[forms["department"] == d.name, "path"],
                                    *(unread.loc[unread["department"] == d.name, "path"] if len(unread) else []),
                                    *(pf for pf, (who, _s, diffs) in rv._published.items() if who == d.name and diffs),
                                    *_other_year_paths(rv, d)]))
        if not paths and d.status == "通过":
            continue
        d.folder = outdir / safe_name(d.name)
        d.folder.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        for p in paths if annotate else []:
            suffix = ".xlsm" if p.lower().endswith(".xlsm") else ".xlsx"
            dst = d.folder / _annotated_name(rv._shown(p), suffix, taken, d.name, d.told_apart.get(rv._shown(p), ""))
            if len(rv.holders(p)) > 1:  # several departments' forms: each its own copy, none the others'
                annotated.setdefault(p, dst)
                shared[(p, d.name)] = dst
                jobs.append(annotation_job(rv, p, dst, d.name))
                d.annotated.append(dst)
            elif p in annotated:
                copies.append((d, p, dst))
            else:
                annotated[p] = dst
                jobs.append(annotation_job(rv, p, dst))
                d.annotated.append(dst)
    # the workers start now; one copy at a time: a copy is 0.1-1.2 s of work, and chunks of several (map_files
    # hands out an eighth of a worker's share) left one core idle while the other finished its last chunk
    results, parallel = start_map(_annotate, jobs, progress=progress, label="写出标注副本", chunksize=1)
    due = [d for d in rv.departments if d.status != "通过" and d.name != NO_UNIT]
    written: dict[int, tuple[Path, ...]] = {}  # department -> the copies its notice says come with it (附件说明)
    if parallel:  # the notices are written here while the workers make the copies (issue #18)
        with ThreadPoolExecutor(max_workers=1) as side:
            made = side.submit(list, results)
            for d in due:
                hoped = [*d.annotated, *(dst for dd, _p, dst in copies if dd is d)]  # if every copy is made
                written[id(d)] = tuple(hoped)
                _write_notices(replace(as_told(d), annotated=hoped), d, rv.year, signer, rv.deadline, mail_round(d, rv.round))
            outcome = made.result()
    else:
        outcome = list(results)
    for path, done, err in outcome:
        if err:  # no LibreOffice for an .xls: the 台账 still lists the file
            sys.stderr.write(f"jixiao：{rv._shown(path)}：未能写出标注副本（{err}）\n")
            annotated.pop(path, None)
    for d, p, dst in copies:
        if p in annotated:
            with atomic_path(dst) as tmp:
                shutil.copyfile(annotated[p], tmp)
            d.annotated.append(dst)
    for d in rv.departments:
        d.annotated = [a for a in d.annotated if a.exists()]
    for d in due:
        if written.get(id(d)) != tuple(d.annotated):  # not written yet, or a copy it counted on failed
            _write_notices(as_told(d), d, rv.year, signer, rv.deadline, mail_round(d, rv.round))  # as it was drafted
        d.mail = return_mail(as_told(d), rv.year, signer, rv.deadline, mail_round(d, rv.round))
    for d in rv.departments:   # passed with points to verify: told so, not returned
        if d.status == "通过" and d.name != NO_UNIT and d.to_verify:
            d.folder = d.folder or outdir / safe_name(d.name)
            d.folder.mkdir(parents=True, exist_ok=True)
            verify_notice(d, rv.year, signer, rv.deadline, rv.round)
    for d in rv.departments:   # passed, and what it sent again not counted: it believes its correction taken
        if d.status == "通过" and d.name != NO_UNIT and resent_aside(d):
            d.folder = d.folder or outdir / safe_name(d.name)
            d.folder.mkdir(parents=True, exist_ok=True)
            d.resent_mail = resent_mail(d, rv.year, signer)
    for d in rv.departments:  # a folder nothing went into (the files of no department found): none
        if d.folder is not None and d.folder.is_dir() and not any(d.folder.iterdir()):
            d.folder.rmdir()
            d.folder = None
    own = {k: v for k, v in shared.items() if v.exists()}
    rv.summary = write_review_summary(rv, outdir, signer, annotated, own)
    rv.ledger = write_ledger(rv, outdir, annotated)


def _other_year_paths(rv: Review, d: Any) -> list[str]:
    """The workbooks (read paths) holding ``d``'s forms set aside as another year's. Not forms of the review,
    they are not in ``Review._forms``: a department that sent only its 2021 forms during the 2022 review was
    退回修改 with a notice naming each form's 年度 cell, and got no marked copy of the workbook it named — the
    one department sent nothing to open and correct. Its copy marks those cells (``other_year_notes``)."""
    aside = {(o["file"], o["sheet"]) for o in d.other_year_forms if o.get("sheet")}
    return [p for p, sheets in rv._owners.items() if any((rv._shown(p), s) in aside for s in sheets)] if aside else []


def _unread_rows(rv: Review) -> list[dict[str, Any]]:
    """What the consolidated 汇总表 could not count, one row per bad cell of a form not read and
    per file not opened (an unreadable report too), named as the reviewer knows the files; each
    with its ``department`` as the 台账 names it (None: nobody's), for the 说明 to say whose
    (``summary.book.unreadable_said``). Not a workbook that opened with no form in it (a budget table,
    ``errors.no_form_files``): listed on the 未能读取 sheet and counted in “另有N个文件或表未能读取” it was a form
    the 汇总表 lacked, where the 台账 and its notice say “不是自评表” (``_no_form_note`` names it)."""
    from ..errors import no_form_files, problem_record
    from .run import _reason

    # whose each form not read is (its sheet) and each file not opened (the file)
    dept_of: dict[tuple[str, str | None], str] = {(u["file"], None): u["department"] for u in rv.unreadable}
    dept_of.update({(s["file"], s["sheet"]): d.name for d in rv.departments for s in d.unreadable_sheets})

    def whose(file: str, sheet: str | None) -> str | None:
        name = dept_of.get((file, sheet)) or dept_of.get((file, None))
        return name if name and name != NO_UNIT else None

    # a file its department was asked for and answered with new ones (``run._answered_unread``): nothing of it is due
    answered = {x["file"] for d in rv.departments for x in d.unread_answered}
    no_form = no_form_files(rv.unreadable)
    rows: list[dict[str, Any]] = []
    for p in rv._batch.problems:
        rec = problem_record(p)
        path = str(rec["file"] or "")
        if path in rv._published:  # a department's own 汇总表 workbook: no form in it, checked against its forms
            continue
        shown = rv._shown(path) if path else ""
        sheet = str(rec["sheet"]) if rec.get("sheet") else None
        if (sheet is None and shown in answered) or shown in no_form:
            continue
        rows.append({**rec, "file": shown, "reason": str(rec["reason"]).replace(path, shown) if path else rec["reason"],
                     "message": str(rec["message"]).replace(path, shown), "department": whose(shown, sheet)})
    seen = {r["file"] for r in rows}
    rows += [{"file": u["file"], "sheet": None, "cell": None, "reason": u["reason"],
              "message": _reason(u["reason"], None, u["file"]), "department": whose(u["file"], None)}
             for u in rv.unreadable if u["file"] not in seen | no_form]
    return rows


def _no_form_note(rv: Review) -> str | None:
    """The consolidated 汇总表's 说明 item on the workbooks that opened with no form in them (``errors.no_form_files``:
    a 部门预算公开表 sent for the form), whose, as its other items say theirs — none where there is none. Not
    “未能读取”: the 台账, the 问题统计 and the department's notice call each “不是自评表”. Worded as ``summarize``'s
    汇总表 says it (``summary.book.no_form_said``), pointing to the 台账's list instead of naming them."""
    from ..errors import no_form_files
    from ..summary.book import no_form_said, whose_said

    files = no_form_files(rv.unreadable)
    if not files:
        return None
    dept = {u["file"]: u["department"] for u in rv.unreadable if u["file"] in files}
    said = whose_said([{"department": None if dept[f] == NO_UNIT else dept[f]} for f in sorted(files)])
    return no_form_said(sorted(files), said, see="复核台账“文件清单”")


def _by_unit(rv: Review, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The 汇总表's figures per department, in the 台账's order: 应评价 as the review counts it
    (the approval list's projects, reported or not), the rest from the department's forms."""
    from ..summary import GRADES, funds_totals
    from ..summary.book import ungraded_count
    from .rounds import as_told, notice_count

    dept_of = dict(zip(rv._forms["source"], rv._forms["department"])) if len(rv._forms) else {}
    mine: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        mine.setdefault(dept_of.get(row["source"], ""), []).append(row)
    out = []
    for d in rv.departments:
        rs = mine.get(d.name, [])
        if not rs and not d.projects_due and not d.kinds:
            continue  # a file that could not be read, of a department with nothing due (said in the 说明)
        # a department that sent only its 部门整体支出绩效自评表 is a row of 0 projects: the 台账 lists it
        # its status as the 台账 says it: “不是自评表” for what sent no form (``Department.status_said``)
        # … and which return (催报) its notice is, as the 台账's 状态 column says it under the status (“第2次退回”)
        out.append({"name": d.name, "status": d.status_said, "status_count": notice_count(as_told(d)),
                    "due": max(d.projects_due, len(rs)), "done": len(rs),
                    **dict(zip(("funds_due", "funds_done"), funds_totals(rs, rounded=False))),   # 元 in 万元, as the 汇总表
                    "grades": {g: sum(1 for r in rs if r.get("grade") == g) for g in GRADES},
                    "ungraded": ungraded_count(rs)})
    return out


def units_said(units: list[dict[str, Any]], see: str = "“分单位汇总”工作表和复核台账") -> str:
    """The 汇总表's 说明 on whose figures it holds: how many departments (the section chief reports
    “全县N个单位”, and the page said only projects and money), by 复核状态, and that a department
    returned for changes counts with what it sent — its figures change when it corrects its forms and
    the next round reviews them. Before, nothing on the page told these provisional figures from final ones.
    ``see``: where each department's status is told — the 分单位汇总's own 说明 sends the reader to its 复核状态
    column and the 台账, not to “分单位汇总”工作表, the sheet it is on."""
    from ..core.ledger_order import STATUSES
    from ..errors import NO_FORM

    count = {s: sum(1 for u in units if u.get("status") == s) for s in (*STATUSES, NO_FORM)}
    by = "，".join(f"{s}{n}个" for s, n in count.items() if n)
    text = f"本表汇总{len(units)}个单位（{by}；各单位的复核状态见{see}）"
    if count.get("退回修改"):
        text += (f"；退回修改的{count['退回修改']}个单位，其数字为单位报送的自评数，"
                 "待单位改正、重新复核后可能变动")
    return text + "。"


def write_review_summary(rv: Review, outdir: Path, signer: str, annotated: dict[str, Path],
                         shared: dict[tuple[str, str], Path] | None = None) -> Path | None:
    """The consolidated 汇总表, as values only (any viewer shows the numbers), year in the title;
    each row links to the annotated copy of its form (``shared``: of a workbook holding several
    departments' forms, the copy of the row's department), relative to the 汇总表 as the 台账's links
    are: a whole path broke once the reviewer moved or copied the output folder (and pointed into the
    round's stage ``outdir``, before it was moved to the output folder)."""

    from .ledger import _rel

    def link(copy: Path | None) -> str | None:
        if copy is None:
            return None
        if copy.is_relative_to(outdir):  # beside the 汇总表: relative to it, as the 台账's links (``_rel``)
            return _rel(copy, outdir)
        return str(copy.resolve())

    from ..excel.plan import SheetSpec
    from ..summary import BY_FIELDS, summarize
    from ..forms import KINDS
    from ..summary.book import (BY_UNIT_STATUS, SUMMARY_SHEET, add_note, by_unit_sheet, left_out_said, numbered,
                                 summary_plan, yuan_rows)

    batch = rv._batch
    if not batch.forms:
        return None
    summary, _ = summarize(batch, rv._result, rv._profile)
    summary.unit = signer
    summary.year = rv.year  # every sheet's title: 项目明细's as the 汇总表's and 分单位汇总's
    missing = rv.totals["missing"]
    summary.projects_due += missing  # 应评价: the approved projects, reported or not
    units = _by_unit(rv, summary.rows)
    from ..summary.book import ungraded_count

    rv.consolidated = {"departments": len(units), "projects_due": summary.projects_due,
                       "projects_done": summary.projects_done, "funds_due": round(summary.funds_due, 6),
                       "funds_done": round(summary.funds_done, 6), "grades": dict(summary.grades),
                       "ungraded": ungraded_count(summary.rows),
                       "returned": sum(1 for u in units if u.get("status") == "退回修改")}
    dept_of = dict(zip(rv._forms["source"], rv._forms["department"])) if len(rv._forms) else {}
    # 项目明细 in the 台账's order of departments, as 分单位汇总 and the other kinds' sheets; a
    # department's projects in its forms' order (the sort is stable)
    order = {d.name: i for i, d in enumerate(rv.departments)}
    summary.rows.sort(key=lambda row: order.get(dept_of.get(row["source"], ""), len(order)))
    by_field = BY_FIELDS.get(rv.by)
    for row in summary.rows:
        src: str = row["file"]  # every row is a form read from a file (summary's rows always carry it)
        whose = dept_of.get(row["source"], "")
        if by_field and whose and whose != NO_UNIT:  # the department as the 台账 and 分单位汇总 name it, not
            row[by_field] = whose                     # each form's spelling (“县医保局”: the ledger says 表中写作…)
        copy = (shared or {}).get((src, whose)) or annotated.get(src)
        row["source"] = rv._shown(src) + (f"#{row['sheet']}" if row.get("sheet") else "")
        row["file"] = link(copy)
    summary.unreadable = _unread_rows(rv)
    plan = summary_plan(summary, None, linked=False, values=True)
    whose_aside = {(kind, o["file"], o.get("sheet")): d.name for d in rv.departments   # each set-aside form's
                   for kind, forms in (("other_year", d.other_year_forms), ("hidden", d.hidden_forms),  # department,
                                       ("superseded", d.superseded_forms)) for o in forms}   # named in the 说明
    no_form = _no_form_note(rv)
    left_out = left_out_said(rv._set_aside, see="复核台账", whose=lambda sa: whose_aside.get((sa.kind, sa.file, sa.sheet)))
    for e in plan.edits:
        if isinstance(e, SheetSpec) and e.name == SUMMARY_SHEET:
            y = f"{rv.year}年度" if rv.year else ""
            e.cells["A1"] = f"{y}县直部门绩效自评情况汇总表"
            if no_form:
                add_note(e, no_form)
            if missing:
                add_note(e, f"项目数量应评价数含未报送的{missing}个项目（见复核台账），其资金未计入。")
            if left_out:
                add_note(e, left_out)
            add_note(e, units_said(units))
    y = f"{rv.year}年度" if rv.year else ""
    listed = {u["name"] for u in units}
    left = [d for d in rv.departments if d.name not in listed and d.name != NO_UNIT]
    only_other = [d for d in rv.departments if d.name in listed and d.kinds and KINDS[0].key not in d.kinds]
    whole = next((k.summary_sheet for k in KINDS if k.key in {x for d in only_other for x in d.kinds}), None)
    plan.add(by_unit_sheet(f"{y}县直部门绩效自评情况汇总表（分单位）", signer, units, note=numbered(
        "说明：1. 项目数量应评价数按应报项目计（给了项目清单时含未报送的项目）；资金总量只计已报送的项目支出绩效自评表，"
        "应评价数为全年预算数合计，已评价数为全年执行数合计，执行率为二者之比。\n2. 绩效评价等级按各项目自评表总分统计。"
        "\n3. 单位的顺序与复核台账相同"
        + "".join(f"；{'、'.join(d.name for d in ds)}{said}、又没有应报项目，未列入" for ds, said in (
            ([d for d in left if not d.no_form], "的文件未能读取"),
            ([d for d in left if d.no_form], "报送的文件不是自评表")) if ds)
        + "。" + (f"\n4. {'、'.join(d.name for d in only_other)}没有报送项目支出绩效自评表，已评价的项目数量和资金为0"
                 + (f"，其自评见“{whole}”工作表" if whole else "") + "。" if only_other else ""),
        units_said(units, see=f"本表“{BY_UNIT_STATUS}”列，须修改之处见复核台账")), left_out=left_out,   # (printed alone,
        yuan=yuan_rows(summary.rows)))   # it says what the 汇总表 did not count, and the 项目明细 rows read in 元, as the 汇总表 does)
    from ..summary.book import add_kind_sheets

    others: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:  # the 部门整体 forms (…) one row each: the department as the 台账 names it, in its
        rows: list[tuple[int, int, dict[str, Any]]] = []   # order, the file as the reviewer knows it
        for r in summary.others.get(kind.summary_key or "", []):
            row = {**r, "source": rv._shown(str(r["file"])) + (f"#{r['sheet']}" if r.get("sheet") else "")}
            copy = (shared or {}).get((str(r["file"]), dept_of.get(r["source"], ""))) or annotated.get(str(r["file"]))
            row["file"] = link(copy)  # 来源 opens it, as 项目明细's
            if r.get("department"):
                row["department"] = dept_of.get(r["source"], r["department"])
            whose = dept_of.get(r["source"], "")
            if by_field and by_field in r and whose and whose != NO_UNIT:   # a 评价表's 实施单位 (“县医保局”) as
                row[by_field] = whose                                      # 项目明细 and the 台账 name it
            rows.append((order.get(dept_of.get(r["source"], ""), len(order)), len(rows), row))
        if kind.summary_key and rows:
            others[kind.summary_key] = [row for *_key, row in sorted(rows, key=lambda t: t[:2])]
    add_kind_sheets(plan, others, rv.year)
    from ..excel.write_new import write_plan  # a new workbook: XlsxWriter, in one pass

    name = SUMMARY_NAME.format(year=rv.year or "")
    return write_plan(plan, outdir / name, mark="summary")
