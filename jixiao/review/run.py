"""``jixiao review``: from the reviewer's inbox to a 复核台账, return lists and the 汇总表.

One pass: collect the workbooks (attachments and WPS files included), leave out what
must not be counted (``dedupe``), read and check every form on all cores, then group
everything by department with pandas and write the outputs. The inbox is only read.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Callable, cast

import pandas as pd


from ..checking.run import CheckResult
from ..checking.order import RANK
from ..checking.rules import FIRST_CODES, cause_rank, code_order
from ..dedupe import (SetAside, _whole_department, check_kept, hidden_aside, load_checked, screen_files,
                      reasons_said, screen_forms, superseded_said,
                      whole_other_year)
from ..errors import NO_FORM, JixiaoError, NotAFormError, no_form_files
from ..forms import KINDS, by_key, finding_shown, kind_of
from ..core.findings import HIDDEN, OTHER_YEAR, UNREADABLE, Finding, source_anchor, source_sheet
from ..core.numbers import fmt
from ..core.ledger_order import STATUSES, ledger_key  # the order a reviewer acts in: every list of departments
from ..core.profiles import Profile, get_profile
from ..sources import Batch
from ..summary.published import published_file, typed_in_workbooks

from .expected import (Expected, department_key, named_department, near_names, norm, placed, project_key,
                       read_expected, spellings)
from .archive import ARCHIVE_SUFFIXES, OTHER_ARCHIVES
from .inbox import READ_SUFFIXES, InboxFile, Skipped, bodies_in, gather, whose_name
from .notices import SET_ASIDE, ask_counts, asks
from .rounds import as_told, item_key, notice_count
from .reports import REPORT_SUFFIXES, check_reports, finding_rows
from .reports import file_rows as report_file_rows
from ..core.quotes import quoted_series

__all__ = ["GROUP_RANK", "NO_UNIT", "STATUSES", "Department", "Review", "review", "safe_name"]

NO_UNIT = "（未能识别单位）"
# what a department sends its forms as, whose name, where nothing in it could be read, says whose it is (``whose_name``)
NAMED_SUFFIXES = READ_SUFFIXES | ARCHIVE_SUFFIXES | set(OTHER_ARCHIVES)
GROUP_RANK = {"unreadable": 0, "missing": 1, "outside": 1, "funds": 2, "scores": 3, "dept": 3, "weights": 4, "cross": 5,
              "targets": 6,
              # issue 14's groups (rules.IMPORTANCE): money and scores before wording
              "agreement": 2, "totals": 3, "direction": 3, "realism": 4, "units": 6, "headers": 7,
              "report": 8}  # issue 19: the 自评报告 read against the forms, after the forms' own
# the reading codes' groups: an indicator below the 总分 row (X7) is moved before anything else is corrected,
# as ``check`` lists it (``checking.rules.FIRST_CODES``): the 分值 sum and the 总分 it makes wrong are then right
_READING_GROUPS = {UNREADABLE: "unreadable", **dict.fromkeys(FIRST_CODES, "outside")}


def statuses_said(t: dict[str, Any]) -> str:
    """The departments counted by status, as the 台账's head line and the console say them: those whose files
    hold no form (``totals["no_form"]``) apart from 无法读取, as their notices say it."""
    nf = int(t.get("no_form") or 0)
    return (f"通过 {t['通过']}，退回修改 {t['退回修改']}，未报送 {t['未报送']}，无法读取 {t['无法读取'] - nf}"
            + (f"，{NO_FORM} {nf}" if nf else ""))


@dataclass
class Department:
    name: str
    files: list[str] = field(default_factory=list)          # shown names of files that count
    forms: int = 0
    projects_due: int = 0
    projects_received: int = 0
    missing: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    # its points as its notice counts them (``notices.ask_counts``): 须修改 (errors, and X2: a number typed
    # as text, which its form's own formulas do not count) and 请核实; the 台账's columns
    to_change: int = 0
    to_verify: int = 0
    status: str = "通过"
    superseded: list[str] = field(default_factory=list)
    superseded_forms: list[dict[str, Any]] = field(default_factory=list)  # {file, project, replaced_by, sheet, cell, why}
    other_year: list[str] = field(default_factory=list)
    hidden_forms: list[dict[str, Any]] = field(default_factory=list)  # {file, sheet, project}: on hidden sheets, not counted
    # {file, sheet, cell, project, year}: forms of another year than the review's, not counted
    other_year_forms: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)  # {file, same_as}: its files sent twice, read once
    unreadable: list[str] = field(default_factory=list)
    # {file, reason[, same_round]}: its files that could not be read, that its last notice asked for again and that
    # it answered with new files bringing every project due (``_answered_unread``), or sent with new forms read that
    # bring every project on the --expected list (``_unread_beside``, same_round: True): not counted, not a point
    unread_answered: list[dict[str, Any]] = field(default_factory=list)
    unreadable_sheets: list[dict[str, str]] = field(default_factory=list)  # {file, sheet}: forms not read
    not_expected: list[str] = field(default_factory=list)   # received, but not on the --expected list
    near: dict[str, str] = field(default_factory=dict)      # missing project -> a received one named near it
    min_total: float | None = None
    max_total: float | None = None
    funds_annual: float = 0.0
    funds_executed: float = 0.0
    folder: Path | None = None
    annotated: list[Path] = field(default_factory=list)
    notice: Path | None = None
    notice_xlsx: Path | None = None
    mail: Path | None = None            # the return mail draft (.eml) with the notice and the copies
    # it passed the round before and what it sent again is not counted: the short mail telling it so (``notices.resent_text``)
    resent_mail: Path | None = None
    # it passed with points to verify (请核实): the short notice, its 清单 and the mail that sends them — no return
    # (``notices.VERIFY_KIND``); it had none, and did not know the bureau asked it anything
    verify_notice: Path | None = None
    verify_list: Path | None = None
    verify_mail: Path | None = None
    # … its record of the round before ({round, drafted, mailed}) where that notice stands (``rounds.compare``)
    verify_kept: dict[str, Any] | None = None
    # … its ``Date:`` as first drafted, where a rerun writes it again unchanged (``rounds.resent_after_pass``): not in the JSON
    resent_mailed: str | None = None
    reply_to: list[str] = field(default_factory=list)  # who sent its files by mail: the draft's To
    reply_from: str | None = None   # where reply_to comes from: "邮件" (who sent), "项目清单" (its address column)
    reply_ids: list[str] = field(default_factory=list)  # the Message-IDs of the mails its files came in
    written_as: list[str] = field(default_factory=list)  # how its forms spell it, where not as its name
    whole_forms: int = 0                 # its 部门整体支出绩效自评表 counted (one is due from a department)
    kinds: list[str] = field(default_factory=list)  # the kinds (``FormKind.key``) of its forms counted, registry order
    summary_tables: list[str] = field(default_factory=list)  # its own 汇总表 sent (a workbook), checked against its forms
    contacts: list[str] = field(default_factory=list)  # 填报人 and 联系方式 its forms give: whom to call
    items: list[dict[str, Any]] = field(default_factory=list)  # the return list, most important first
    reports: list[dict[str, Any]] = field(default_factory=list)  # its 自评报告 read against its forms
    report_errors: int = 0
    report_warnings: int = 0
    # the previous review into the same folder (``rounds.compare``): its status then, its points, how
    # many are gone, still there, new; None in a first round
    last_round: dict[str, Any] | None = None
    # (``NO_UNIT`` only) each of its files and why no department could be told for it, briefly: {file, why}
    unattributed: list[dict[str, str]] = field(default_factory=list)
    # its files all as they were last round: the notice it was sent then stands (``rounds.compare``:
    # the round it was drafted in, its word on the round before it, the points it marked); else None
    standing: dict[str, Any] | None = None
    # its files sent under one name (two mails' “附件1.xlsx”): inbox name -> what tells each apart to it
    # (“3月3日邮件”, ``notices.tell_apart``), said after the name in its notice, 清单 and marked copy's name
    told_apart: dict[str, str] = field(default_factory=dict)
    # its files (文件清单 names) sent as they are in the round before (``rounds.sent_before``): one of them replaced
    # whole by its resubmission is what it was asked to do, not explained in its notice (``notices.replaced_note``)
    sent_before: set[str] = field(default_factory=set)
    # its counted forms' project keys and sheets, and what the cross-form rules read of its material (``rounds.own_basis``):
    # the next round tells a point it put right from one gone otherwise (``rounds.gone_why``); not in the JSON
    form_keys: set[str] = field(default_factory=set)
    form_sheets: set[str] = field(default_factory=set)
    form_ids: list[tuple[str, str]] = field(default_factory=list)   # each form: (project key, the sheet it starts on)
    own: dict[str, Any] = field(default_factory=dict)
    elsewhere: set[str] = field(default_factory=set)   # its points (``item_key``) naming another department's form

    @property
    def no_form(self) -> bool:
        """无法读取 because what it sent opened and holds no form (a budget table sent for its form): its notice
        says "中没有自评表", so the 台账 and the console say "不是自评表" (``status_said``) — counted "无法读取",
        the reviewer tried the file, and it opened."""
        unread = [it for it in self.items if it.get("kind") == "unreadable"]
        return self.status == "无法读取" and bool(unread) and all(it.get("not_form") for it in unread)

    @property
    def status_said(self) -> str:
        """Its status as the 台账 and the console say it (``status`` stays one of ``STATUSES`` in the JSON)."""
        return NO_FORM if self.no_form else self.status

    def to_dict(self) -> dict[str, Any]:
        return {"department": self.name, "files": len(self.files), "forms": self.forms,
                "projects_due": self.projects_due, "projects_received": self.projects_received,
                "missing": self.missing, "errors": self.errors, "warnings": self.warnings,
                "to_change": self.to_change, "to_verify": self.to_verify, "status": self.status, "superseded": self.superseded, "superseded_forms": self.superseded_forms,
                "other_year": self.other_year, "other_year_forms": self.other_year_forms, "duplicates": self.duplicates,
                "hidden_forms": self.hidden_forms, "unreadable": self.unreadable,
                "unreadable_sheets": self.unreadable_sheets,
                "not_expected": self.not_expected, "near_names": self.near, "file_names": self.files,
                "min_total": self.min_total, "max_total": self.max_total,
                "funds_annual": round(self.funds_annual, 6), "funds_executed": round(self.funds_executed, 6),
                "folder": str(self.folder) if self.folder else None,
                "annotated": [str(p) for p in self.annotated],
                "notice": str(self.notice) if self.notice else None,
                "notice_xlsx": str(self.notice_xlsx) if self.notice_xlsx else None,
                "mail": str(self.mail) if self.mail else None, "reply_to": self.reply_to,
                "resent_mail": str(self.resent_mail) if self.resent_mail else None,
                **{k: str(v) if v else None for k, v in (("verify_notice", self.verify_notice),
                                                         ("verify_list", self.verify_list),
                                                         ("verify_mail", self.verify_mail))},
                "reply_from": self.reply_from,
                "written_as": self.written_as, "whole_forms": self.whole_forms, "contacts": self.contacts,
                "summary_tables": self.summary_tables,
                "to_fix": self.items, "reports": self.reports, "report_errors": self.report_errors,
                "report_warnings": self.report_warnings, "last_round": self.last_round,
                "unattributed": self.unattributed, "told_apart": self.told_apart,
                "unread_answered": self.unread_answered, "no_form": self.no_form,
                # which return (催报) its notice says it is, as the 台账's 状态 column shows it
                "notice_count": notice_count(as_told(self))}


@dataclass
class Review:
    year: int | None
    by: str
    departments: list[Department]
    skipped: list[dict[str, Any]]
    unreadable: list[dict[str, Any]]
    files: list[dict[str, Any]]            # one row per inbox file, what became of it
    findings: pd.DataFrame
    ledger: Path | None = None
    summary: Path | None = None
    outdir: Path | None = None
    totals: dict[str, Any] = field(default_factory=dict)
    # what the writers (write.py, ledger.py) read again; not part of the report itself
    _batch: Batch = field(default_factory=Batch, repr=False, compare=False)
    _result: CheckResult = field(default_factory=CheckResult, repr=False, compare=False)
    _shown: Callable[[str], str] = field(default=str, repr=False, compare=False)  # read path -> inbox name
    _by_path: dict[str, InboxFile] = field(default_factory=dict, repr=False, compare=False)
    _forms: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False, compare=False)  # one row per form
    _profile: Profile | None = field(default=None, repr=False, compare=False)
    # a department's own 汇总表 sent as a workbook: read path -> (department, its sheets, findings)
    _published: dict[str, tuple[str, set[str], list[Finding]]] = field(default_factory=dict, repr=False,
                                                                        compare=False)
    # … and those on sheets beside the forms in a workbook: read path -> per department (it, its sheets, findings)
    _inbook: dict[str, list[tuple[str, set[str], list[Finding]]]] = field(default_factory=dict, repr=False,
                                                                           compare=False)
    # a workbook -> its sheets with forms (or a 汇总表 typed for them) -> the departments whose they are
    _owners: dict[str, dict[str, set[str]]] = field(default_factory=dict, repr=False, compare=False)
    _finding_dept: dict[int, str] = field(default_factory=dict, repr=False, compare=False)  # id(finding) -> dept
    # the forms read and not counted (another year, a hidden sheet, replaced by a resubmission): the 汇总表 says so
    _set_aside: list[SetAside] = field(default_factory=list, repr=False, compare=False)
    # what each department's marked copies mark: department -> file as sent -> ``rounds.mark_record``s (the manifest's)
    _marks: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict, repr=False, compare=False)
    # the files (文件清单 names) come since the round before into this output folder (``rounds.sent_before``)
    _new_files: set[str] = field(default_factory=set, repr=False, compare=False)
    # the round before into this output folder (``rounds.read_last``), read once: None in a first round; NOT_READ
    # where no one read it (a Review made without ``review``), for ``write_outputs`` to read
    _last: Any = field(default="NOT_READ", repr=False, compare=False)
    reports: list[dict[str, Any]] = field(default_factory=list)  # every report file: checked, or why not
    deadline: _dt.date | None = None  # by when the departments resend (``--deadline``; else 5 working days)
    previous: Path | None = None  # where last round's files in the output folder were moved (``rounds``)
    address_column: str | None = None  # the project list's column of addresses (“联系邮箱”); None: no such column
    round: int = 1                # which review into this output folder this is (``rounds.read_last``)
    last_when: _dt.datetime | None = None  # when the previous one ran
    # the consolidated 汇总表's figures (``write.write_review_summary``): what the console and JSON say beside
    # the statuses — the 万元 and 优良中差 a section chief reports were on no line but the 汇总表's
    consolidated: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "by": self.by, "departments": [d.to_dict() for d in self.departments],
                "skipped": self.skipped, "unreadable": self.unreadable, "totals": self.totals,
                "reports": self.reports,
                "ledger": str(self.ledger) if self.ledger else None,
                "summary": str(self.summary) if self.summary else None,
                "consolidated": self.consolidated,
                "previous": str(self.previous) if self.previous else None, "round": self.round,
                "last_round_at": self.last_when.isoformat(timespec="seconds") if self.last_when else None}

    def holders(self, path: str) -> set[str]:
        """The departments whose forms the workbook ``path`` holds (a form naming none left out: it
        stays in each department's copy, ``others_sheets``)."""
        return {d for depts in self._owners.get(path, {}).values() for d in depts} - {NO_UNIT}

    def others_sheets(self, path: str, dept: str) -> set[str]:
        """The sheets of ``path`` that hold other departments' forms only (or a 汇总表 typed for
        them): left out of ``dept``'s copy. A sheet that also holds a form of its own or one naming
        no department, and every sheet with no form (a 说明), stay."""
        return {sheet for sheet, depts in self._owners.get(path, {}).items() if not depts & {dept, NO_UNIT}}

    @property
    def exit_code(self) -> int:
        return 0 if all(d.status == "通过" for d in self.departments) else 1


def _dept_of(form: Any, by: str) -> str:
    if _whole_department(form):
        return _dept_named(getattr(form, "department", "") or "", None, None, by)
    return _dept_named(None, form.authority, form.unit, by)


def _dept_named(department: Any, authority: Any, unit: Any, by: str) -> str:
    """The department a form belongs to in the review: a 部门整体 form's 部门, else its 主管部门
    or 实施单位 as ``by`` says — for a form read, and for one named by its cell errors."""
    v = department if department is not None else authority if by == "主管部门" else unit
    return (v or "").strip()


def _aside_named(sa: SetAside, by: str) -> str:
    """The department a form set aside (another year's, replaced, hidden) names, as written: its
    主管部门 where ``by`` says so and it gives one, else its 实施单位."""
    return (sa.authority if by == "主管部门" and sa.authority else sa.unit) or ""


def _named(problem: Any, by: str) -> str:
    """The department a form that could not be read names itself (``CellError.whose``), as written."""
    w = getattr(problem, "whose", None) or {}
    return _dept_named(w.get("department"), w.get("authority"), w.get("unit"), by) if w else ""


def safe_name(name: str) -> str:
    """A department's name as the name of its output folder."""
    from ..fileio import safe_filename

    return safe_filename(name, "单位")


def review(inbox: Path, outdir: Path, *, expected: Path | None = None, year: int | None = None,
           by: str = "实施单位", profile: Profile | None = None, signer: str = "县财政局",
           progress: bool | None = None, annotate: bool = True, deadline: _dt.date | None = None) -> Review:
    inbox, outdir = Path(inbox), Path(outdir)
    if not inbox.is_dir():
        if inbox.exists():   # a workbook, a .zip, a mail given for the folder
            raise JixiaoError(f"{inbox}：是文件，不是文件夹；review 读的是收件夹（存放各单位报送的工作簿、邮件和压缩包的文件夹），"
                              f"只校验这一个工作簿请用 jixiao check", file=str(inbox))
        raise JixiaoError(f"{inbox}：收件夹不存在", file=str(inbox))
    from ..guard.outpath import check_output_dir

    check_output_dir(outdir, (inbox,))   # before the inbox is read: -o a file, -o the inbox itself
    profile = profile or get_profile(None)
    exp = read_expected(expected, by, year) if expected else None
    with tempfile.TemporaryDirectory(prefix="jixiao-review-") as tmp:
        sent = gather(inbox, Path(tmp), exclude=outdir)
        files = sent.workbooks
        reports = [f for f, _ in sent.others if f.path.suffix.lower() in REPORT_SUFFIXES]
        skipped = sent.skipped + [Skipped(f.shown, why, folder=f.folder, origin=str(f.origin)) for f, why in sent.others
                                  if f.path.suffix.lower() not in REPORT_SUFFIXES]  # reports are read below
        if not files and not exp:
            raise JixiaoError(f"{inbox}：收件夹中没有工作簿（.xlsx/.xlsm/.xls/.et）、带工作簿附件的邮件（.eml、.msg）"
                              f"或装有工作簿的压缩包（.zip、.rar、.7z）", file=str(inbox))
        from .rounds import read_last

        last = read_last(outdir) if outdir.is_dir() else None   # what the departments were told the round before
        rv = _review(files, skipped, exp, year, by, profile, progress, reports, sent.senders, sent.message_ids, last)
        rv._last = last
        rv.outdir = outdir
        rv.deadline = deadline
        rv.address_column = exp.email_head if exp else None
        outdir.mkdir(parents=True, exist_ok=True)
        from .write import write_outputs

        write_outputs(rv, outdir, signer=signer, annotate=annotate, progress=progress)
    mails = [d for d in rv.departments if d.mail]
    rv.totals.update(mails=len(mails), mails_without_address=sum(1 for d in mails if not d.reply_to))
    return rv


def raised_in_review(findings: list[Finding]) -> list[Finding]:
    """The findings with a date left blank (``core.dates.BLANK_DATE_CODES``: 填报日期, 报告日期, 部门意见的日期) raised
    from the hint 校验 gives the 填报人 at work to a warning: a form the 财政局 received is one sent, and its date is
    how the review tells two versions of a project apart (``dedupe``) and the documents are dated by. The hint's
    “表填完后、定稿报送前” is left out of what the 退回修改通知 says: the form was sent."""
    from ..core.dates import BLANK_DATE_CODES, BLANK_DATE_WHEN

    return [replace(f, severity="warning", message=f.message.replace(f"，{BLANK_DATE_WHEN}", "，"))
            if f.rule in BLANK_DATE_CODES and f.severity == "info" else f for f in findings]


def _review(files: list[InboxFile], skipped: list[Skipped], exp: Expected | None, year: int | None, by: str,
            profile: Profile, progress: bool | None, reports: list[InboxFile] | None = None,
            senders: dict[str, str] | None = None, message_ids: dict[str, str] | None = None,
            last: Any = None) -> Review:
    by_path = {str(f.path): f for f in files}

    def shown(p: str | Path) -> str:
        return by_path[str(p)].shown if str(p) in by_path else str(p)

    kept, aside = screen_files([f.path for f in files], name=shown)

    batch, pre = load_checked(kept, profile, progress)
    loaded = [*batch.all(), *batch.hidden]  # every form read, counted or not (``check_kept`` keeps the counted)
    # a 部门整体 form of another year counts as received, one per department, and is warned of (X5) below
    sc = screen_forms(batch.all(), year, name=shown, mtime=lambda f: by_path[f].mtime, any_year=_whole_department)
    sc.set_aside = hidden_aside(batch.hidden, shown) + sc.set_aside
    result = check_kept(batch, pre, {id(x) for x in sc.kept}, profile)
    result.findings += whole_other_year(sc.kept, sc.year)  # a 部门整体 form counted, though of another year
    result.findings = raised_in_review(result.findings)

    # ---- department names: the --expected spelling first, then the forms' own
    names: dict[str, str] = dict(exp.names) if exp else {}
    in_forms = [w for w in (_dept_of(it.form, by) for it in batch.all()) if w]
    in_forms += [n for n in (_named(p, by) for p in batch.problems) if n]  # forms not read name theirs too
    # the forms set aside name their department too: a 修改稿 that also put its name right (“大厂县水务局” →
    # “县水务局”) leaves the first spelling on the form it replaced, one department with the new one
    set_aside_names = [w for w in (_aside_named(sa, by) for sa in sc.set_aside) if w]
    alias = spellings(list(exp.names.values()) if exp else [], in_forms + set_aside_names)  # 大厂县水务局 → 县水务局
    if exp:  # a spelling no listed name fits (县卫健局): the department the list gives its projects
        unplaced: dict[str, list[str]] = {}
        for it in batch.all():
            own = norm(_dept_of(it.form, by))
            if own and own not in names and own not in alias and not _whole_department(it.form):
                unplaced.setdefault(own, []).append(getattr(it.form, "project", "") or "")
        for own, carried in unplaced.items():
            if owner := exp.owner(carried):
                alias[own] = owner
    for own in in_forms + set_aside_names:
        names.setdefault(norm(own), alias.get(norm(own), own))

    def canon(d: str) -> str:
        return names.get(norm(d), d) if norm(d) else NO_UNIT

    def certain(name: str) -> str | None:
        """The department a file's or a folder's name (“医保局”, “县司法局”) surely is: the one the forms or the
        list give it (``named_department``), else a body's name written with its place (``placed``: “县司法局”,
        which sent nothing else that could be read); None for a short name no department here fits (“医保局”,
        “民政局”: made a department of that name, its notice and mail went to nobody's address) and for a
        name that is no body's (“报送材料”)."""
        if department := named_department(name, names):
            return department
        return name if whose_name(name) == name and placed(name) else None

    def unsure(name: str) -> str:
        """Why a short name (``certain`` None) says no department: the reviewer's brief reason."""
        return f"“{name}”是简称，{'项目清单和' if exp else ''}各表中没有与之对应的单位" if whose_name(name) == name \
            else f"“{name}”不是单位名称"

    def named_in_text(text: str) -> list[str]:
        """The departments a name (a file's, a folder's) holds, each place in it read once: the longest
        spelling first, so 县民政局 inside 子洲县民政局 is not another."""
        text, found = norm(text), []
        for key in sorted(names, key=len, reverse=True):
            if key and key in text:
                text = text.replace(key, "\0")
                if names[key] not in found:
                    found.append(names[key])
        return found

    def undecided(where: str, depts: list[str], of: str) -> tuple[str, str]:
        """``NO_UNIT``, and why: ``where`` holds several departments' ``of`` (名称, 表)."""
        return NO_UNIT, f"{where}中有{len(depts)}个单位的{of}（{'、'.join(depts)}）"

    def attribute(f: InboxFile | Skipped) -> tuple[str, str]:
        """(department, why it is none) of a file with no form read: the one its own name names, else the
        one a mail, archive or folder it is in names (the nearest first), else the one whose forms came in
        the same mail or archive, else the one whose forms its folder holds, else the body its file name
        begins with (``whose_name``), else its folder's name — either only where ``certain``. Never a guess
        between departments: a name naming two, or a mail, archive or folder holding two departments' forms,
        is ``NO_UNIT``, with the reason why, briefly (the longer of two names, or the folder's name as a
        department, sent one of them, or nobody, a notice about a file that may not be theirs); so is a
        file whose names say no department for certain (“医保局/附件1.xlsx”, “报送材料/附件1.xlsx”, with no
        form or list naming a 医保局: it was a department “医保局”, with a notice and a mail to nobody)."""
        path = f.shown if isinstance(f, InboxFile) else f.file
        levels = [part for link in path.split(" › ") for part in link.split("/") if part][::-1]
        for level in levels:
            if len(named := named_in_text(level)) > 1:
                return undecided(f"“{level}”", named, "名称")
            if named:
                return named[0], ""
        came_in = Path(str(f.origin)) if f.origin else None  # the mail or archive it came in (or the file itself)
        same = sorted(origin_depts.get(str(came_in), set()) - {NO_UNIT}) if came_in else []
        if len(same) == 1:  # one mail, one sender: its attachment that would not open is that department's
            return same[0], ""
        if same:
            what = "邮件" if came_in and came_in.suffix.lower() in (".eml", ".msg") else "压缩包"
            return undecided(f"同一{what}“{came_in.name if came_in else ''}”", same, "表")
        beside = sorted(folder_depts.get(f.folder, set()) - {NO_UNIT}) if f.folder else []
        if len(beside) == 1:  # “医保局/” holding 大厂回族自治县医疗保障局's forms: its other files are that body's
            return beside[0], ""
        joined = bodies_in(f.folder)  # “医保局和民政局/”: a folder two bodies share, no body's own
        last = levels[0] if levels else path
        # a workbook or an archive that could not be read, named “县教育局绩效自评表.xlsx”, “县司法局.zip”: that body's
        by_name = whose_name(last) if Path(last).suffix.lower() in NAMED_SUFFIXES else ""
        file_says = certain(by_name) if by_name else None
        if (not f.folder or beside or joined) and file_says:
            return file_says, ""
        if beside:  # a folder several departments' forms share: none of them is more likely than another
            return undecided(f"所在文件夹“{f.folder}”", beside, "表")
        if joined:
            return undecided(f"“{f.folder}”", joined, "名称")
        if f.folder and (folder_says := certain(f.folder) or file_says):
            return folder_says, ""   # the folder's name, else (a folder named otherwise) the file's own
        if by_name:
            return NO_UNIT, f"文件名中的{unsure(by_name)}"
        # nothing names one (“附件1.xlsx” at the top): nobody's, as the 文件清单 has always said it without a why
        return NO_UNIT, f"所在文件夹{unsure(f.folder)}" if f.folder else ""

    def guess(f: InboxFile | Skipped) -> str:
        """The department of a file with no form read (``attribute``)."""
        return attribute(f)[0]

    def and_whose(f: InboxFile | Skipped, reason: str) -> str:
        """Why a file could not be read, and, where it is nobody's, why (the 文件清单 and --json say both)."""
        why = attribute(f)[1]
        return f"{reason}；{why}，未能确定是哪个单位报送的" if why and why not in reason else reason

    def named_in(p: Any) -> str | None:
        """The department a form that could not be read names itself (``CellError.whose``)."""
        name = _named(p, by)
        return canon(name) if name else None

    unread_dept: dict[tuple[Any, Any], str] = {}  # (file, sheet) of a form not read -> the department it names
    unread_what: dict[tuple[str, str], dict[str, str]] = {}  # (file shown, sheet) of a form not read -> what it says
    for p in batch.problems:
        named = named_in(p)
        if named and getattr(p, "sheet", None):
            unread_dept[(p.file, getattr(p, "sheet"))] = named
        if getattr(p, "whose", None) and getattr(p, "sheet", None):
            unread_what[(shown(p.file or ""), getattr(p, "sheet"))] = getattr(p, "whose")
    # the year to title the notices by where no form could be read: the one most unread forms' 年度 gives
    # (the later on a tie, as ``batch_year``)
    unread_years = Counter(int(w["year"]) for w in unread_what.values() if w.get("year"))
    review_year = sc.year or (max(unread_years, key=lambda y: (unread_years[y], y)) if unread_years else None)
    item_dept = {id(it): canon(_dept_of(it.form, by)) for it in batch.all()}
    folder_depts: dict[str, set[str]] = {}  # an inbox folder -> the departments of the forms read in it
    for it in batch.all():
        if it.file in by_path and by_path[it.file].folder:
            folder_depts.setdefault(by_path[it.file].folder, set()).add(item_dept[id(it)])
    file_depts: dict[str, list[str]] = {}
    for it in batch.all():
        file_depts.setdefault(it.file, [])
        if item_dept[id(it)] not in file_depts[it.file]:
            file_depts[it.file].append(item_dept[id(it)])

    origin_depts: dict[str, set[str]] = {}  # a mail or archive (or a file itself) -> the departments of its forms
    for it in batch.all():
        if it.file in by_path:
            origin_depts.setdefault(str(by_path[it.file].origin), set()).add(item_dept[id(it)])

    def whose_beside(s: Skipped) -> list[str]:
        """A file that is no workbook (a scan, a 报送函) sent with workbooks: the department its name or
        folder carries, else the one whose forms came in the same mail or archive; none where unsure."""
        sent = set(item_dept.values())
        if (g := guess(s)) in sent:
            return [g]
        same = origin_depts.get(str(Path(s.origin)), set()) if s.origin else set()
        return sorted(same) if len(same) == 1 else []

    # ---- findings as a table: one row per finding, with its department
    source_dept = {it.source: item_dept[id(it)] for it in batch.all()}
    form_names = batch.form_names()  # each form as a list of findings names it: the 清单's 项目, as the 校验结果's
    from ..checking.rules import load_catalogue

    groups = {code: r.group for code, r in load_catalogue().items()}
    rows = []
    finding_dept: dict[int, str] = {}  # id of a finding -> its department (the annotated copies need it)
    listed_own: set[int] = set()   # E2 or H2 on a name the project list gives the department (``_named_as_listed``)
    for k, f in enumerate(result.findings):
        key = f.source or (f"{f.file}#{f.sheet}" if f.sheet else f.file)
        in_file = file_depts.get(f.file, []) if f.file else []
        dept_name = (source_dept.get(key) if key else None) or unread_dept.get((f.file, f.sheet)) \
            or (in_file[0] if in_file else None) \
            or (guess(by_path[f.file]) if f.file and f.file in by_path else NO_UNIT)
        if exp is not None and _named_as_listed(exp, f, dept_name, source_dept.get(f.other or "")):
            listed_own.add(k)   # its name is the list's: nothing to rename
            continue
        if f.other:
            said = _others_named(f, dept_name, source_dept)
            if said != f.message:  # the notice, the 清单 and the marked copy's comment alike
                f = result.findings[k] = replace(f, message=said)
        finding_dept[id(f)] = dept_name
        rows.append(_finding_row(f, dept_name, shown, groups, form_names, source_dept))
    if listed_own:
        result.findings = [f for k, f in enumerate(result.findings) if k not in listed_own]
    # ---- the departments' 自评报告, each against its department's forms (issue 19)
    checks = check_reports(reports or [], files, batch, result, item_dept, file_depts, names, shown, guess,
                           profile, NO_UNIT)
    for rc in checks:  # a report that could not be read, among several departments' workbooks: why it is nobody's
        if rc.status == "无法读取" and rc.department == NO_UNIT:
            rc.reason = and_whose(rc.file, rc.reason)
    rows += finding_rows(checks, groups)
    fdf = pd.DataFrame(rows, columns=["department", "file", "path", "sheet", "cell", "project", "form", "rule", "group",
                                      "severity", "message", "expected", "found", "field",
                                      "paragraph", "quote", "against", "folded", "anchor", "form_sheet",
                                      "expected_shown", "found_shown", "expected_is_formula", "elsewhere", "indicator"])

    # ---- unreadable files (nothing read from them) and their departments
    read_ok = {it.file for it in batch.all()}
    unreadable: list[dict[str, Any]] = []
    tables: dict[str, list[dict[str, Any]]] = {}  # a workbook holding only a department's own 汇总表
    for p in batch.problems:
        pf = getattr(p, "file", None)
        if pf in tables:
            continue
        if pf and pf not in read_ok and isinstance(p, NotAFormError) and (figures := published_file(pf)):
            tables[pf] = figures
            continue
        if pf and pf not in read_ok:
            inbox_file = by_path.get(pf)
            dept_name = named_in(p) or (guess(inbox_file) if inbox_file else NO_UNIT)
            file_depts.setdefault(pf, [dept_name])
            reason = str(p).replace(str(pf), shown(pf))
            if inbox_file and dept_name == NO_UNIT:
                reason = and_whose(inbox_file, reason)
            # a workbook that opened and holds no form (a budget table sent for the form): not “无法打开”
            unreadable.append({"file": shown(pf), "department": dept_name, "reason": reason,
                               "not_form": isinstance(p, NotAFormError)})
    if tables and len(fdf):  # a department's own 汇总表 is checked (文件清单 “已核对”), not a file that could not be
        # read: its X1 (“没有找到自评表”) counted one error more in the 问题统计 and the totals than its notice said
        fdf = fdf[~((fdf["rule"] == "X1") & fdf["path"].isin(set(tables)) & (fdf["sheet"] == ""))].reset_index(drop=True)
    def aside_dept(sa: SetAside) -> str | None:
        """The department of a form set aside (another year's, a resubmitted one, on a hidden sheet)."""
        return canon(_aside_named(sa, by)) if sa.unit else None

    # departments that sent workbooks (read or not): a scan beside them is no sign that they sent nothing else
    with_forms = set(item_dept.values()) | {w for w in map(aside_dept, sc.set_aside) if w} \
        | set(unread_dept.values()) | {u["department"] for u in unreadable}
    for i, s in enumerate(skipped):  # a department that sent its forms only as a scan or a Word file
        why = not_a_spreadsheet(s.file) if s.kind == "not_workbook" else None
        if why and guess(s) not in with_forms | {NO_UNIT}:
            skipped[i] = replace(s, reason=why, kind="unreadable")
    for rc in checks:  # … or only a .docx, which was read as a 自评报告: it has no form to be read against
        why = not_a_spreadsheet(rc.file.shown) if rc.status != "无法读取" else None
        if why and rc.department and rc.department not in with_forms | {NO_UNIT}:
            rc.status, rc.reason, rc.findings = "无法读取", why, []
    for i, s in enumerate(skipped):
        if s.kind == "unreadable":  # sent, but nothing could be taken out of it: whose it is, by its name
            s = skipped[i] = replace(s, reason=and_whose(s, s.reason))  # the 文件清单 row below says it as well
            unreadable.append({"file": s.file, "department": guess(s), "reason": s.reason})

    # ---- forms as a table, grouped per department
    forms = pd.DataFrame([{
        "department": item_dept[id(it)], "path": it.file, "file": shown(it.file), "source": it.source,
        "is_department": _whole_department(it.form), "kind": kind_of(it.form).key,
        # a 项目支出绩效自评表: what the 汇总表 counts, and the list of projects due asks for (a 评价表 is
        # none: counted as a project received, 交通局's made the 台账's 应报 28 beside the 汇总表's 27)
        "is_project": kind_of(it.form).key == KINDS[0].key,
        "project": getattr(it.form, "project", ""), "key": norm(getattr(it.form, "project", "")),
        "total": getattr(it.form, "total_score", None),
        "annual": _funds(it.form, "annual"), "executed": _funds(it.form, "executed"),
    } for it in batch.all()],
        columns=["department", "path", "file", "source", "is_department", "is_project", "kind", "project", "key", "total",
                 "annual", "executed"])
    per = forms.groupby("department", sort=False) if len(forms) else None

    depts: dict[str, Department] = {}

    def dept(name: str) -> Department:
        return depts.setdefault(name, Department(name))

    if per is not None:
        for name, g in per:
            d = dept(str(name))  # grouped by the department column, which holds str
            projects = g[g["is_project"]]
            d.files = sorted(set(g["file"]))
            d.forms = len(g)
            d.projects_received = projects["key"].nunique()
            d.whole_forms = int(g["is_department"].sum())
            d.kinds = [k.key for k in KINDS if k.key in set(g["kind"])]
            totals = projects["total"].dropna()
            d.min_total = float(totals.min()) if len(totals) else None
            d.max_total = float(totals.max()) if len(totals) else None
            d.funds_annual = float(projects["annual"].fillna(0).sum())
            d.funds_executed = float(projects["executed"].fillna(0).sum())
    for (path, _sheet), name in unread_dept.items():  # a department whose only form here was not read
        d = dept(name)
        if shown(path) not in d.files:
            d.files.append(shown(path))
    for u in unreadable:
        d = dept(u["department"])
        d.unreadable.append(u["file"])
        if u["file"] not in d.files:
            d.files.append(u["file"])
    for sa in sc.set_aside:
        who = aside_dept(sa)
        if who and sa.kind == "other_year":
            dept(who).other_year_forms.append({"file": sa.file, "sheet": sa.sheet, "cell": sa.cell or "",
                                               "project": sa.project, "year": sa.year, "kind": sa.form_kind})
        if who and sa.kind == "hidden":
            dept(who).hidden_forms.append({"file": sa.file, "sheet": sa.sheet,
                                           "project": sa.project, "kind": sa.form_kind})
        elif who:
            bucket = dept(who).superseded if sa.kind == "superseded" else dept(who).other_year
            if sa.file not in bucket:
                bucket.append(sa.file)
            if sa.kind == "superseded":
                dept(who).superseded_forms.append({"file": sa.file, "project": sa.project,
                                                   "replaced_by": sa.replaced_by, "sheet": sa.sheet,
                                                   "cell": sa.cell or "", "why": sa.why or "",
                                                   "kind": sa.form_kind, "filled_on": sa.filled_on,
                                                   "kept_filled_on": sa.kept_filled_on})
    path_of = {f.shown: str(f.path) for f in files}
    for sa in aside:  # a file sent twice (the same bytes): its department's, as the copy read is
        for who in file_depts.get(path_of.get(sa.replaced_by or "", ""), []) if sa.kind == "duplicate" else []:
            dept(who).duplicates.append({"file": sa.file, "same_as": sa.replaced_by or ""})
    if exp:
        for listed in exp.names.values():
            dept(listed)
    for it in batch.all():  # whom the reviewer calls: 填报人 and 联系方式 as the forms give them
        who = " ".join(str(v).strip() for v in (getattr(it.form, "filled_by", None), getattr(it.form, "contact", None))
                       if v and str(v).strip())
        d_of = item_dept[id(it)]
        if who and d_of in depts and who not in depts[d_of].contacts:
            depts[d_of].contacts.append(who)
    for own in dict.fromkeys(in_forms):  # 大厂县水务局 in a form, 县水务局 on the list: say so
        if canon(own) in depts and norm(canon(own)) != norm(own):
            depts[canon(own)].written_as.append(own)
    published = _check_published(tables, depts, batch, item_dept, profile, names,
                                  lambda pf: guess(by_path[pf]) if pf in by_path else NO_UNIT)
    inbook = typed_in_workbooks(batch, lambda it: item_dept[id(it)], profile)
    # each department's tables: a workbook of its own, or sheets typed beside the forms (two departments'
    # in one shared workbook each the one it names)
    for pf, (who, sheets, diffs) in [*published.items(), *((pf, t) for pf, owned in inbook.items() for t in owned)]:
        d = dept(who)
        d.summary_tables.append(shown(pf) if pf in published else
                                f"{shown(pf)}（工作表“{'”“'.join(sorted(sheets))}”）")
        if shown(pf) not in d.files:
            d.files.append(shown(pf))
        if pf in published:
            file_depts[pf] = [who]
        elif who not in file_depts.setdefault(pf, []):   # beside the forms: the workbook stays theirs all
            file_depts[pf].append(who)
        if diffs:
            fdf = pd.concat([fdf, pd.DataFrame([_finding_row(f, who, shown, groups, form_names) for f in diffs], columns=fdf.columns)],
                            ignore_index=True)
    owners: dict[str, dict[str, set[str]]] = {}  # a workbook -> each sheet of a form -> whose forms it holds
    for it in loaded:
        if it.sheet:
            whose = item_dept.get(id(it)) or canon(_dept_of(it.form, by))  # a form not counted: named here
            for sheet in [it.sheet, *getattr(it.sheet_form, "more_sheets", ())]:   # its 续表 is the form's too
                owners.setdefault(it.file, {}).setdefault(sheet, set()).add(whose)
    for (path, sheet), name in unread_dept.items():
        owners.setdefault(path, {}).setdefault(sheet, set()).add(name)
    for pf, owned in inbook.items():  # a 汇总表 sheet is the forms' it was typed for
        for who, sheets, _diffs in owned:
            for sheet in sheets:
                owners.setdefault(pf, {}).setdefault(sheet, set()).add(who)
    _own_material(depts, batch, item_dept, published, inbook)
    fdf = _attach_reports(checks, depts, unreadable, fdf)
    fdf = _unread_errors(unreadable, depts, fdf)
    counts = fdf.groupby(["department", "severity"]).size() if len(fdf) else pd.Series(dtype=int)
    sent_before = _sent_before(last, files, skipped)
    answerable = _answered_unread(last, unreadable, files, read_ok, file_depts, sent_before)
    answered: dict[str, str] = {}   # a file no longer asked for (``_answered_unread``, ``_unread_beside``) -> why not counted
    unlisted: dict[str, tuple[str, bool]] = {}   # without --expected: a file not read beside forms read, kept a point
    dropped: set[Any] = set()
    # a 部门整体 form is collected in this inbox (some department sent one): the list of projects due does not name
    # it, so a file that could not be read may be a department's own 部门整体 form until one of it is read
    whole_kept = bool(forms["is_department"].any()) if len(forms) else False
    nf_files = no_form_files(unreadable)   # workbooks that opened with no form in them: never said “无法读取”
    for d in depts.values():
        d.errors = int(counts.get((d.name, "error"), 0))
        d.warnings = int(counts.get((d.name, "warning"), 0))
        d.report_errors = sum(r["errors"] for r in d.reports)
        d.report_warnings = sum(r["warnings"] for r in d.reports)
        mine = forms[(forms["department"] == d.name) & forms["is_project"]]
        received = {project_key(k) for k in mine["key"]}
        # the projects of its forms read and new (a form sent the round before may be the one a locked file corrects)
        read_in = {project_key(k) for k, f in zip(mine["key"], mine["file"]) if not sent_before(d.name, f)}
        d.unreadable_sheets = _unread_sheets(fdf[fdf["department"] == d.name])
        # a project whose form came but could not be read is not missing: its notice asks for that form put right
        received |= {project_key(norm(w["project"])) for u in d.unreadable_sheets
                     if (w := unread_what.get((u["file"], u["sheet"]), {})).get("project")}
        due = exp.due(d.name) if exp else {}
        if due:
            on_list = {project_key(k) for k in due}  # “2022年X项目” on the list is the form's “X”
            d.missing = [v for k, v in due.items() if project_key(k) not in received]
            d.not_expected = sorted(set(mine.loc[~mine["key"].map(project_key).isin(on_list), "project"]))
            d.near = near_names(d.missing, d.not_expected)  # “…服务经费” listed, “…服务项目经费” received
            d.projects_due = len(due) + len(d.not_expected)
        else:
            d.projects_due = d.projects_received
        # every project due came: a file asked for the round before was answered (``_answered_unread``)
        whole_in = not whole_kept or bool(forms.loc[forms["department"] == d.name, "is_department"].any())
        gone = ({f: (why, False, f in nf_files) for f, why in answerable.get(d.name, {}).items()}
                if not d.missing and whole_in else {})
        if due and whole_in and d.name != NO_UNIT and all(project_key(k) in read_in for k in due):
            gone.update({f: (why, True, no_form) for f, (why, no_form) in _unread_beside(d.name, unreadable, files).items()
                         if f not in gone and not sent_before(d.name, f)})
        elif not exp and d.name != NO_UNIT and d.forms:   # kept a point: the 文件清单 says why it is not set aside
            unlisted.update(_unread_beside(d.name, unreadable, files))
        if gone:
            drop = (fdf["department"] == d.name) & (fdf["rule"] == "X1") & (fdf["sheet"] == "") & fdf["file"].isin(set(gone))
            d.errors -= int((drop & (fdf["severity"] == "error")).sum())
            d.warnings -= int((drop & (fdf["severity"] == "warning")).sum())
            dropped |= set(fdf.index[drop])
            d.unreadable = [f for f in d.unreadable if f not in gone]
            d.files = [f for f in d.files if f not in gone]
            d.unread_answered = [{"file": f, "reason": why, **({"same_round": True} if now else {}),
                                  **({"not_form": True} if no_form else {})}
                                 for f, (why, now, no_form) in gone.items()]
            answered.update({f: answered_said(why, now, no_form) for f, (why, now, no_form) in gone.items()})
        d.items = _items(d, fdf, unreadable, review_year)
        d.to_change, d.to_verify = ask_counts(d.items, d.forms)
        if not d.forms and (d.unreadable or d.unreadable_sheets):
            d.status = "无法读取"  # it did send: nothing of it could be read
        elif not d.forms and (d.other_year_forms or d.hidden_forms):
            d.status = "退回修改"  # it did send forms, none that counts: told which and why, never 催报'd
        elif not d.forms:
            d.status = "未报送"
        elif d.errors or d.missing or d.unreadable or d.to_change:
            d.status = "退回修改"  # to_change: an X2 point too, a number typed as text its form's formulas do not count
    if dropped:
        fdf = fdf.drop(index=sorted(dropped)).reset_index(drop=True)
        unreadable = [u for u in unreadable if u["file"] not in answered]
    fdf = _aside_counted(depts, fdf)
    if NO_UNIT in depts:  # why each file of nobody's is: the console's line says it briefly (the 文件清单 at length)
        sent_as: dict[str, InboxFile | Skipped] = {**{s.file: s for s in skipped}, **{f.shown: f for f in files},
                                                   **{rc.file.shown: rc.file for rc in checks}}
        blank = set(forms.loc[forms["department"] == NO_UNIT, "file"])  # a form read that names no department
        field_ = "部门（单位）" if set(forms.loc[forms["department"] == NO_UNIT, "is_department"]) == {True} \
            else "主管部门" if by == "主管部门" else "实施单位"
        depts[NO_UNIT].unattributed = [
            {"file": f, "why": f"表中没有填写{field_}" if f in blank
             else (attribute(sent_as[f])[1] if f in sent_as else "") or "文件名没有写明单位"}
            for f in depts[NO_UNIT].files]
    _reply_to(depts, senders or {}, files, file_depts, unreadable, skipped, checks, by_path, message_ids or {})
    _tell_apart(depts.values(), [*files, *(rc.file for rc in checks)])
    for d in depts.values():
        if d.reply_to:
            d.reply_from = "邮件"
        elif exp and exp.addresses(d.name):  # saved into the inbox, or nothing sent: the list's address
            d.reply_to, d.reply_from = list(exp.addresses(d.name)), "项目清单"
    ordered = sorted(depts.values(), key=lambda d: ledger_key(d.status, d.to_change, len(d.missing), d.name))

    checked = {shown(pf): ("单位报送的绩效自评情况汇总表，已与其自评表核对：" +
                           (f"{len(diffs)} 处与各表合计不符" if diffs else "与各表合计一致"))
               for pf, (_who, _sheets, diffs) in published.items()}
    not_counted: dict[str, list[str]] = {}  # a file not counted -> whose it is: its forms', or its twin's
    for sa in sc.set_aside:
        if (who := aside_dept(sa)) and who not in not_counted.setdefault(sa.file, []):
            not_counted[sa.file].append(who)
    for d in ordered:
        for dup in d.duplicates:
            not_counted.setdefault(dup["file"], []).append(d.name)
    files_table = _files_table(files, kept, aside, sc.set_aside, file_depts, shown, read_ok, unreadable,
                               _unread_sheets(fdf), checked, not_counted, answered, set(unlisted)) \
        + [{"file": s.file, "origin": s.origin, "departments": [guess(s)], "path": "",
            **({"status": "未计入", "reason": answered[s.file]} if s.file in answered
               else {"status": "无法读取", "reason": s.reason})} for s in skipped if s.kind == "unreadable"] \
        + report_file_rows(checks)
    skipped_out = [s.to_dict() for s in aside] + [s.to_dict() for s in sc.set_aside if s.kind != "superseded"] \
        + [{**s.to_dict(), **({"departments": whose_beside(s), "origin": s.origin} if s.kind == "not_workbook" else {})}
           for s in skipped if s.kind != "unreadable"] \
        + [{"file": rc.file.shown, "reason": rc.reason, "kind": "not_report"} for rc in checks if rc.status == "未计入"]
    rv = Review(review_year, by, ordered, skipped_out, unreadable, files_table, fdf, _batch=batch, _result=result,
                _shown=shown, _by_path=by_path, _forms=forms, _profile=profile, _published=published, _inbook=inbook,
                _owners=owners, _finding_dept=finding_dept, _set_aside=sc.set_aside,
                reports=[{**rc.to_dict(), "department": rc.department or None} for rc in checks])
    rv.totals = {
        "departments": len(ordered), **{s: sum(1 for d in ordered if d.status == s) for s in STATUSES},
        "no_form": sum(1 for d in ordered if d.no_form),   # of 无法读取: what they sent holds no form
        "files_in_inbox": len(files) + len([s for s in skipped if s.kind != "not_workbook"]),
        "files_counted": len({it.file for it in batch.all()}),
        # the other inbox files the 文件清单 lists, so that the 台账's head line adds up to it
        "files_unreadable": sum(1 for r in files_table if r.get("status") in ("无法读取", NO_FORM)),
        "files_no_form": sum(1 for r in files_table if r.get("status") == NO_FORM),   # of files_unreadable
        "summary_tables_checked": sum(1 for r in files_table if r.get("status") == "已核对"),
        "sheets_unreadable": sum(len(d.unreadable_sheets) for d in ordered),
        "forms": len(forms), "projects": int(sum(d.projects_received for d in ordered)),
        "projects_due": int(sum(d.projects_due for d in ordered)),
        "missing": int(sum(len(d.missing) for d in ordered)),
        "funds_annual": round(float(forms.loc[forms["is_project"], "annual"].fillna(0).sum()), 6),
        "funds_executed": round(float(forms.loc[forms["is_project"], "executed"].fillna(0).sum()), 6),
        "errors": int((fdf["severity"] == "error").sum()), "warnings": int((fdf["severity"] == "warning").sum()),
        "to_change": sum(d.to_change for d in ordered), "to_verify": sum(d.to_verify for d in ordered),
        "set_aside": len(skipped_out) + sum(len(d.superseded) + len(d.unread_answered) for d in ordered),
        "reports": sum(1 for rc in checks if rc.status == "计入"),
        "report_errors": int(((fdf["group"] == "report") & (fdf["severity"] == "error")).sum()),
        "report_warnings": int(((fdf["group"] == "report") & (fdf["severity"] == "warning")).sum()),
    }
    return rv


def _own_material(depts: dict[str, Department], batch: Batch, item_dept: dict[int, str], published: dict[str, Any],
                  inbook: dict[str, Any]) -> None:
    """Each department's counted forms (project keys, sheets) and what the cross-form rules read of its forms and
    own 汇总表 (``rounds.own_basis``): kept for the next round, which says a point gone with its form, or gone as
    another department's form changed, apart from one the department put right (``rounds.gone_why``)."""
    from .rounds import own_basis

    mine: dict[str, list[Any]] = {}
    for it in batch.all():
        mine.setdefault(item_dept[id(it)], []).append(it)
    tables: dict[str, list[str]] = {}
    for pf, (who, _sheets, _diffs) in [*published.items(), *((pf, t) for pf, owned in inbook.items() for t in owned)]:
        tables.setdefault(who, []).append(pf)
    for d in depts.values():
        its = mine.get(d.name, [])
        d.form_keys = {project_key(str(getattr(it.form, "project", "") or "")) for it in its}
        d.form_sheets = {s for it in its for s in [it.sheet or "", *getattr(it.sheet_form, "more_sheets", ())] if s}
        d.form_ids = [(project_key(str(getattr(it.form, "project", "") or "")), it.sheet or "") for it in its]
        d.own = own_basis([it.form for it in its], tables.get(d.name, []))


def _tell_apart(depts: Any, files: list[InboxFile]) -> None:
    """Each department's files sent under one name, told apart as it knows them (``Department.told_apart``):
    by the mail each came attached to, else by when its workbook was last saved."""
    from ..docprops import saved_time
    from .inbox import MESSAGE_SUFFIXES
    from .notices import named_files, sent_name, tell_apart

    read = {f.shown: f for f in files}

    def when(shown: str) -> tuple[str, float] | None:
        f = read.get(shown)
        if f is None:   # a file nothing could be read from: nothing known of it
            return None
        parts = [x for x in shown.split(" › ") if x.lower() != "winmail.dat"]  # Outlook's packing: no file of theirs
        if len(parts) > 1 and PurePosixPath(parts[-2]).suffix.lower() in MESSAGE_SUFFIXES and f.mail_dated:
            return "邮件", f.mtime   # an attachment's time is its message's (Date, else its servers' Received)
        # a message that says nothing of when it was sent: its saved file's time is no day of the department's
        # (``inbox.mail_time``); the workbook's own last save, where it records one, else its inbox path
        t = None if f.converted else saved_time(f.path)   # a conversion records LibreOffice's time
        return ("保存", t) if t is not None else None

    for d in depts:
        names = {f: sent_name(f) for f in named_files(d)}
        if len(set(names.values())) < len(names):
            d.told_apart = tell_apart(names, when)


def _reply_to(depts: dict[str, Department], senders: dict[str, str], files: list[InboxFile],
              file_depts: dict[str, list[str]], unreadable: list[dict[str, Any]], skipped: list[Skipped],
              checks: list[Any], by_path: dict[str, InboxFile], message_ids: dict[str, str]) -> None:
    """Each department's addresses: who sent the messages its files (workbooks, reports, and the
    ones that could not be read) came in, in the order they came; and those messages' ids, which
    its return mail answers."""
    if not senders:
        return
    came: dict[str, list[str]] = {}  # department -> the messages in the inbox its files came in

    def add(dept: str, origin: Any) -> None:
        if str(origin) in senders:
            came.setdefault(dept, []).append(str(origin))

    for f in files:
        for d in file_depts.get(str(f.path), []):
            add(d, f.origin)
    origin_of = {s.file: s.origin for s in skipped} | {f.shown: str(f.origin) for f in by_path.values()}
    for u in unreadable:
        add(u["department"], origin_of.get(u["file"], ""))
    for rc in checks:
        if rc.department:
            add(rc.department, rc.file.origin)
    for name, origins in came.items():
        if name in depts:
            depts[name].reply_to = list(dict.fromkeys(senders[o] for o in origins))
            depts[name].reply_ids = list(dict.fromkeys(message_ids[o] for o in origins if o in message_ids))


def unread_cells(fdf: pd.DataFrame) -> pd.DataFrame:
    """The findings that stand for a form the reader could not take: one X1 per bad cell, on a sheet
    (an X1 without one is a file that could not be opened)."""
    return fdf[(fdf["rule"] == "X1") & (fdf["sheet"] != "")]


def _unread_sheets(fdf: pd.DataFrame) -> list[dict[str, str]]:
    """The forms the reader could not take ({file, sheet}, in the order found): one form each,
    however many of its cells are bad."""
    x1 = unread_cells(fdf)
    return [{"file": f, "sheet": s} for f, s in dict.fromkeys(zip(x1["file"], x1["sheet"]))]


def _attach_reports(checks: list[Any], depts: dict[str, Department], unreadable: list[dict[str, Any]],
                    fdf: pd.DataFrame) -> pd.DataFrame:
    """Each report joins its department (one that sent forms or files, or is due); it is not a file
    of forms. An unreadable report is an unreadable file of that department (X1), as a workbook is."""
    x1 = []
    for rc in checks:
        if rc.status == "无法读取":
            unreadable.append({"file": rc.file.shown, "department": rc.department or NO_UNIT, "reason": rc.reason})
            if rc.department:  # it sent this, nothing else: 无法读取, not absent (nobody's: listed, as a workbook is)
                depts.setdefault(rc.department, Department(rc.department))
        if rc.department not in depts or rc.status == "未计入":
            continue
        d = depts[rc.department]
        d.reports.append(rc.to_dict())
        if rc.status == "无法读取":
            d.unreadable.append(rc.file.shown)
            if rc.file.shown not in d.files:
                d.files.append(rc.file.shown)
            x1.append({"department": d.name, "file": rc.file.shown, "path": str(rc.file.path), "sheet": "",
                       "cell": "", "project": "", "rule": "X1", "group": "unreadable", "severity": "error",
                       "message": rc.reason, "expected": None, "found": None, "field": ""})
    if not x1:
        return fdf
    more = pd.DataFrame(x1, columns=fdf.columns)
    return pd.concat([fdf, more], ignore_index=True) if len(fdf) else more


def _sent_before(last: Any, files: list[InboxFile], skipped: list[Skipped]) -> Callable[[str, str], bool]:
    """Whether a department sent a file (文件清单 name), as it is now, the round before into this output folder
    (its content, ``rounds.content_key``, in the manifest's ``sent``); never in a first round."""
    from .rounds import content_key

    cache: dict[str, str] = {}
    inbox_file = {f.shown: f for f in files}
    origin = {s.file: s.origin for s in skipped}

    def sent(who: str, name: str) -> bool:
        rec = last.departments.get(who) if last is not None else None
        if not rec or "sent" not in rec:
            return False
        f = inbox_file.get(name)
        key = content_key(str(f.path), str(f.origin), name, f.converted, cache) if f is not None \
            else content_key("", origin.get(name, ""), name, False, cache)
        return key in rec["sent"]
    return sent


def _answered_unread(last: Any, unreadable: list[dict[str, Any]], files: list[InboxFile], read_ok: set[str],
                     file_depts: dict[str, list[str]],
                     sent_before: Callable[[str, str], bool]) -> dict[str, dict[str, str]]:
    """Per department, its files that could not be read and that it has answered: the round before's notice
    asked for each (its item, ``rounds.item_key``), the file is as it was then (its content, ``rounds.content_key``),
    and the department has since sent a workbook that could be read. 县审计局 sent its form behind a password,
    was asked to take it off and send it again, and did; the locked file stays in the reviewer's inbox, and round
    2 asked for it again (“请去掉密码后重新报送。上次已指出。”), returning a bureau whose new form had nothing to
    change. The caller keeps a file only where a project due is still missing: the file may be that project's.
    File -> why it could not be read."""
    if last is None:
        return {}
    from .rounds import item_key

    inbox_file = {f.shown: f for f in files}
    fresh: set[str] = set()   # departments that sent a workbook read now and not sent the round before
    for f in files:
        if str(f.path) not in read_ok:
            continue
        for who in file_depts.get(str(f.path), []):
            rec = last.departments.get(who)
            if who not in fresh and rec and "sent" in rec and not sent_before(who, f.shown):
                fresh.add(who)
    out: dict[str, dict[str, str]] = {}
    for u in unreadable:
        who, name = u["department"], u["file"]
        rec = last.departments.get(who)
        if who not in fresh or not rec or who == NO_UNIT:   # nobody's file: no notice asked for it
            continue
        told = item_key({"kind": "unreadable", "rule": UNREADABLE, "file": name, "sheet": "", "cell": ""})
        if told in rec["items"] and sent_before(who, name):
            sent = inbox_file.get(name)
            out.setdefault(who, {})[name] = _reason(u["reason"], str(sent.path) if sent else "", name)
    return out


def _unread_beside(who: str, unreadable: list[dict[str, Any]], files: list[InboxFile]) -> dict[str, tuple[str, bool]]:
    """``who``'s files that could not be read this round, to set aside where the caller has found every project
    due from it in a form read this same round: 县审计局 sent its workbook behind a password and an unlocked copy
    in the same mail, and was returned for the locked file alone — asked for what it had already sent. It is
    the second round's rule (``_answered_unread``) without a notice between: the projects due all came and were
    read, so nothing the file could hold is wanting. Without ``--expected`` the caller never asks: nothing says
    which projects are due, and the locked file may hold one the readable files do not. Only a workbook (an
    inbox file read as one): an archive or a message that would not open may hold what no list names, its
    自评报告. A workbook that opened with no form in it (a budget table sent beside the forms) alike: asked
    "请检查后重新报送" it was returned for a file it never meant as a form. File -> (why it could not be read,
    whether it is a workbook holding no form)."""
    path = {f.shown: str(f.path) for f in files}
    return {u["file"]: (_reason(u["reason"], path[u["file"]], u["file"]), bool(u.get("not_form")))
            for u in unreadable if u["department"] == who and u["file"] in path}


UNDECIDED = "未给出项目清单，无法判断这份是否已由其他文件报齐"   # the 文件清单's word on ``_files_table``'s unlisted


def answered_said(reason: str, same_round: bool = False, no_form: bool = False) -> str:
    """The 文件清单's word on a file answered (``_answered_unread``) or sent beside the forms that bring every
    project due (``_unread_beside``); ``no_form``: a workbook that opened with no form in it (a budget table),
    which is not said to be unreadable."""
    if same_round:
        return (f"{'' if no_form else '无法读取：'}{reason.rstrip('。')}"
                "；同批报送的其他文件已包含应报的全部项目，此份不计入")
    return f"上轮{'' if no_form else '无法读取，'}已退回：{reason.rstrip('。')}；单位已重新报送其他文件，此份不计入"


def _unread_errors(unreadable: list[dict[str, Any]], depts: dict[str, Department], fdf: pd.DataFrame) -> pd.DataFrame:
    """A file that could not be read at all (a scan, a damaged archive or message) is an error of its
    department (X1), as a workbook that would not open is already: the 台账's 须修改, the 问题统计 and the
    notice's items count it alike."""
    have = set(zip(fdf["department"], fdf["file"])) if len(fdf) else set()
    x1 = []
    for u in unreadable:
        if u["department"] in depts and (u["department"], u["file"]) not in have:
            have.add((u["department"], u["file"]))  # once, however often it is listed
            x1.append({"department": u["department"], "file": u["file"], "path": "", "sheet": "", "cell": "",
                       "project": "", "rule": "X1", "group": "unreadable", "severity": "error",
                       "message": u["reason"], "expected": None, "found": None, "field": ""})
    if not x1:
        return fdf
    more = pd.DataFrame(x1, columns=fdf.columns)
    return pd.concat([fdf, more], ignore_index=True) if len(fdf) else more


def _aside_counted(depts: dict[str, Department], fdf: pd.DataFrame) -> pd.DataFrame:
    """A department none of whose forms counts (another year's, on a hidden sheet) is returned for
    them: each is a point of its notice (``_items``), so an error or a warning of the 台账's row, the
    问题统计 and the totals, as a file that could not be read is (``_unread_errors``). Beside forms that
    count, such a form is said apart (“另有1张表未计入”, the 台账's 未计入的文件) and not counted."""
    rows = []
    for d in depts.values():
        if d.forms:
            continue
        for it in d.items:
            if it["kind"] not in SET_ASIDE:
                continue
            rows.append({"department": d.name, "file": it["file"], "path": "", "sheet": it["sheet"],
                         "cell": it["cell"], "project": it["project"], "rule": it["rule"], "group": "aside",
                         "severity": it["severity"], "message": it["message"], "expected": it["expected"],
                         "found": it["found"], "field": ""})
            if it["severity"] == "error":
                d.errors += 1
            elif it["severity"] == "warning":
                d.warnings += 1
    if not rows:
        return fdf
    more = pd.DataFrame(rows, columns=fdf.columns)
    return pd.concat([fdf, more], ignore_index=True) if len(fdf) else more


def _funds(form: Any, col: str) -> float | None:
    """年度资金总额's column as every command reads it (``Funds.column``); None for a form without funds."""
    funds = getattr(form, "funds", None)
    return None if funds is None else funds.column(col)


def _items(d: Department, fdf: pd.DataFrame, unreadable: list[dict[str, Any]],
           year: int | None = None) -> list[dict[str, Any]]:
    """What the department must fix, most important first: files to send again, projects
    not reported, then form by form its errors on money and scores before weights and wording,
    then its warnings."""
    out: list[dict[str, Any]] = []
    # its forms of another year, each why a project it sent is not counted (an error where nothing of it counts);
    # a missing project that came only as such a form is said once, on that form's 年度 cell
    other_year: dict[str, dict[str, Any]] = {}
    for o in d.other_year_forms:
        form = _form_word(o.get("kind"))  # 自评表, 评价表: what the department calls the form it sent
        what = f"“{o['project']}”的{form}" if o.get("project") else f"这张{form}"
        other_year.setdefault(project_key(norm(o.get("project"))) or o["file"] + o["sheet"], {
            "kind": "other_year", "file": o["file"], "sheet": o["sheet"], "cell": o.get("cell") or "",
            "project": o.get("project") or "",
            "message": f"{what}年度为{o['year']}年度，本次审核的是{year}年度的{form}，这张表未计入；"
                       f"如是{year}年度的表，请将年度改为{year}后重新报送" + ("，否则无需报送" if d.forms else ""),
            "found": f"{o['year']}年度", "expected": f"{year}年度",
            "severity": "warning" if d.forms else "error", "rule": OTHER_YEAR})
    x1 = fdf[(fdf["department"] == d.name) & (fdf["rule"] == "X1")]
    on_sheets = unread_cells(x1)  # a form the reader could not take: each of its bad cells
    for f in dict.fromkeys(d.unreadable):  # a file whose forms' bad cells are listed below needs no line
        if f in set(on_sheets["file"]):
            continue
        why = [_reason(r.message, r.path, r.file) for r in x1[(x1["file"] == f) & (x1["sheet"] == "")].itertuples()]
        why += [u["reason"] for u in unreadable if u["file"] == f]  # an archive or a message nothing came out of
        text = why[0].rstrip("。") if why else "文件无法打开或读取"
        said = [u for u in unreadable if u["file"] == f]
        out.append({"kind": "unreadable", "file": f, "sheet": "", "cell": "", "project": "",
                    "not_form": bool(said) and all(u.get("not_form") for u in said),
                    "message": text if "重新报送" in text else f"{text}，请检查后重新报送",
                    "found": "", "expected": "", "severity": "error", "rule": "X1"})
    for r in on_sheets.itertuples(index=False):
        out.append({"kind": "unreadable", "file": r.file, "sheet": r.sheet, "cell": r.cell, "project": "",
                    "message": f"{_reason(r.message, r.path, r.file)}；这张表因此未能读取和审核，请改正后重新报送",
                    # what the cell holds and what to write there, as ``check``'s X1 says (the 清单's columns)
                    "found": _show(r.found), "expected": _show(r.expected), "severity": "error", "rule": "X1"})
    # the form a project due is reported on, named whole: a department that sent only its 部门整体支出绩效自评表
    # read “未报送项目“就业补助资金”的绩效自评表” and could not tell which form was missing
    due_form = by_key("project").title
    for name in d.missing:
        near = d.near.get(name)
        sent: dict[str, Any] | None = other_year.pop(project_key(norm(name)), None)
        if sent is not None:
            out.append({**sent, "kind": "missing", "rule": "M1", "severity": "error", "project": name,
                        "message": f"未收到项目“{name}”{year}年度的{due_form}，收到的这张表年度为{sent['found']}，未计入；"
                                   f"如是{year}年度的表，请将年度改为{year}后重新报送，否则请补报"})
            continue
        out.append({"kind": "missing", "file": "", "sheet": "", "cell": "", "project": name,
                    "message": f"未报送项目“{name}”的{due_form}，请补报" if not near else
                    f"未收到项目“{name}”的{due_form}；收到的“{near}”名称与之相近，如为同一项目，请按批复的项目名称"
                    f"“{name}”填写后重新报送，否则请补报",
                    "found": "未报送" if not near else f"“{near}”", "expected": "报送自评表" if not near else name,
                    "severity": "error", "rule": "M1"})
    out += [o for o in other_year.values() if o["severity"] == "error"]
    mine = fdf[(fdf["department"] == d.name) & (fdf["severity"] != "info") & (fdf["rule"] != "X1")].copy()
    if len(mine):
        # form by form, in the order the forms were read (the notice gives each form one heading, its
        # items below it); within a form what to change before what to verify (``asks``: an X2 warning,
        # a number typed as text, says what to type), money and scores before wording; the 自评报告's
        # sentences after the forms
        mine["_r"] = (mine["group"] == "report").astype(int)
        # a form is its file, sheet and, for one below or beside another on its sheet, its 项目名称 cell
        mine["anchor"] = [a if isinstance(a, str) else "" for a in mine["anchor"]]
        # (a form continued on a 续表: the sheet it starts on, its points on both sheets under one heading)
        mine["form_sheet"] = [fs if isinstance(fs, str) and fs else sh for fs, sh in zip(mine["form_sheet"], mine["sheet"])]
        keys = list(zip(mine["file"], mine["form_sheet"], mine["anchor"]))
        forms = {k: i for i, k in enumerate(dict.fromkeys(keys))}
        mine["_f"] = [forms[k] for k in keys]
        # the causes of others first whatever they ask (``cause_rank``: a figure in 元 before the scores it makes wrong)
        mine["_c"] = [cause_rank(r) for r in mine["rule"]]
        mine["_s"] = [RANK["error"] if asks({"severity": s, "rule": r}) == "change" else RANK[s]
                      for s, r in zip(mine["severity"], mine["rule"])]
        mine["_g"] = mine["group"].map(lambda g: GROUP_RANK.get(g, 9))
        # rules by code, its number as a number (D4 before D11, not as text: the score to correct before the
        # total it changes), then by the cell's row: a department works down its sheet
        mine["_k"] = [code_order(x) for x in mine["rule"]]
        mine["_row"] = [_cell_row(c) for c in mine["cell"]]
        mine["_p"] = (mine["sheet"] != mine["form_sheet"]).astype(int)   # a 续表's rows after the first sheet's
        mine = mine.sort_values(["_r", "_f", "_c", "_s", "_g", "paragraph", "_k", "_p", "_row"], kind="stable")
        for r in mine.itertuples(index=False):
            out.append({"kind": "finding", "file": r.file, "sheet": r.sheet, "cell": r.cell, "project": r.project,
                        "form": _show(r.form) or r.project, "message": r.message, "found": _show(r.found), "expected": _show(r.expected),
                        "severity": r.severity, "rule": r.rule})
            # the figures as the department sees them on its form (“99.05%”, “20 分”), for the 清单: ``found`` and
            # ``expected`` stay as the JSON has always given them (0.9905, 20)
            for key in ("found", "expected"):
                if (shown := str(finding_shown(r, key))) != out[-1][key]:
                    out[-1][f"{key}_shown"] = shown
            if r.expected_is_formula in (True,):   # numpy's True; NaN on a report's row
                out[-1]["expected_is_formula"] = True
            if r.anchor:
                out[-1]["anchor"] = r.anchor
            if str(r.form_sheet) != str(r.sheet):  # on the 续表 of the form that starts on this sheet
                out[-1]["form_sheet"] = r.form_sheet
            if isinstance(r.folded, tuple) and r.folded:  # what it says for another rule too (``core.findings.fold``)
                out[-1]["folded"] = list(r.folded)
            if r.elsewhere is True:   # naming another department's form: gone, maybe by that one's change
                d.elsewhere.add(item_key(out[-1]))
            if r.group == "report":  # a sentence of the 自评报告: its paragraph, the quote, the form cell
                out[-1].update(kind="report", paragraph=int(cast(float, r.paragraph)), quote=r.quote, against=r.against)
                if isinstance(r.indicator, str) and r.indicator:   # the 三级指标 of an R6/R7 finding (added, s68)
                    out[-1]["indicator"] = r.indicator
    for h in d.hidden_forms:  # last, with the points to verify: said, not counted; it may not know the sheet is there
        form = _form_word(h.get("kind"))
        what = f"“{h['project']}”的{form}" if h.get("project") else f"一张{form}"
        out.append({"kind": "hidden", "file": h["file"], "sheet": h["sheet"], "cell": "", "project": h.get("project") or "",
                    "message": f"这是隐藏的工作表，其中{what}未计入审核；如应报送，请取消隐藏，否则请删除这张工作表",
                    "found": "隐藏", "expected": "", "severity": "warning", "rule": HIDDEN})
    out += [o for o in other_year.values() if o["severity"] == "warning"]
    for it in out:  # what each asks, as its notice counts it: "change" (须修改) or "verify" (请核实)
        it["asks"] = asks(it)
    return out


def _form_word(kind: str | None) -> str:
    """A form set aside as the department is told of it (``FormKind.word``: 自评表, 评价表)."""
    return by_key(kind).word if kind else KINDS[0].word


# What a department sends when it has no spreadsheet at hand: the printed, stamped form scanned or
# photographed, exported to PDF/OFD, or the table pasted into a Word document.
_NOT_SPREADSHEET = {**dict.fromkeys((".pdf", ".ofd"), "版式文件（PDF/OFD，多为盖章扫描件）"),
                    **dict.fromkeys((".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif", ".heic", ".webp"),
                                    "图片（扫描或拍照件）"),
                    **dict.fromkeys((".doc", ".docx", ".wps"), "文字处理文档（Word/WPS 文字）")}


def not_a_spreadsheet(name: str) -> str | None:
    """Why a file is no form to review, for a department whose only files are such (else None):
    a scan or a Word copy of the form cannot be checked, and the department should hear that —
    not a 催报 saying nothing came."""
    from .. import guard

    sent = Path(name.rpartition(" › ")[2])
    what = None if guard.is_lock_file(sent.name) else _NOT_SPREADSHEET.get(sent.suffix.lower())  # “~$报告.docx”: no
    return (f"是{what}，不是电子表格，无法审核；请重新报送 Excel 或 WPS 表格格式的自评表（.xlsx），"
            "盖章扫描件可同时附上") if what else None


def _reason(message: Any, path: Any, shown: Any) -> str:
    """Why a file or form could not be read, as the department is told it: its own file name
    (never the path it was read from), and not twice — the notice names the file already."""
    text, shown = str(message), str(shown)
    if isinstance(path, str) and path:
        text = text.replace(path, shown)
    return text[len(shown) + 1:] if text.startswith(f"{shown}：") else text


def _show(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return fmt(v)   # not ``:g``: six digits made 56864.25 “56864.2”
    return str(v)


def _cell_row(cell: str) -> int:
    """The row of a cell reference (“F18” → 18); 0 for none."""
    m = re.search(r"(\d+)$", cell or "")
    return int(m[1]) if m else 0


def _named_as_listed(exp: Expected, f: Finding, mine: str, theirs: str | None) -> bool:
    """Whether a finding on a project's name is answered by the project list, which gives that name to the
    department it was found for: an E2 (a name two departments' forms share) where the list gives the project
    to this department and not to the other — its name is right, and it was returned for the other's form (the
    list's owner was told to rename its own project) —; an H2 (a name that reads as a document's title) where
    the list names the project so — the 预算批复 of a transfer payment often does, and the form was told to
    take “预算批复中的项目名称”, the very name it has."""
    def listed(dept: str | None) -> bool:
        return bool(dept) and project_key(norm(f.project or "")) in {project_key(k) for k in exp.due(dept or "")}

    if f.rule == "H2":
        return listed(mine)
    return f.rule == "E2" and theirs is not None and theirs != mine and listed(mine) and not listed(theirs)


def _others_named(f: Finding, mine: str, source_dept: dict[str, str]) -> str:
    """A cross-form finding (E1, E3: a project's indicators copied from another's; E2: its name) as the
    department is told it: another department's form (``Finding.other``) by that department
    (“（县医疗保障局报送）”), not by the name of its workbook and sheet, which the department cannot open and
    the notice should not give out — two departments' workbooks may well have one name (“附件1.xlsx”);
    its own forms still by workbook and sheet, as the notice's headings name them (``source_named``: “（“医保局.xlsx”中
    “救助资金”工作表）”, not the program's “（医保局.xlsx › 救助资金）”)."""
    from ..core.findings import source_label, source_named

    who = source_dept.get(f.other or "")
    if not who or who == mine:
        return f.message.replace(source_label(f.other), source_named(f.other))
    return f.message.replace(source_label(f.other), f"（{who}报送）")


def _finding_row(f: Finding, department: str, shown: Callable[[str], str], groups: dict[str, str],
                 form_names: dict[str, str], other_dept: dict[str, str] | None = None) -> dict[str, Any]:
    """A finding as a row of the review's table, under ``department``; ``form_names``
    (``Batch.form_names``) names its form as the 校验结果 sheet does (``FormKind.listed_as``); ``other_dept``: each
    form's department (its source ->), to tell a cross-form finding naming another department's form."""
    other_dept = other_dept or {}
    return {"department": department, "file": shown(f.file) if f.file else "", "path": f.file,
            "sheet": f.sheet or "", "cell": f.cell or "", "project": f.project or "",
            "form": form_names.get(f.source or "") or f.project or "",
            "rule": f.rule, "group": _READING_GROUPS.get(f.rule) or groups.get(f.rule, ""),
            "severity": f.severity, "message": f.message, "expected": f.expected, "found": f.found,
            "field": f.field, "folded": tuple(g.rule for g in f.folded),
            "expected_shown": f.expected_shown, "found_shown": f.found_shown,   # its own words for its figures
            "expected_is_formula": f.expected_is_formula,   # its 应为 a formula total's, no number to type
            "anchor": source_anchor(f.source),  # a form below or beside another on its sheet: its 项目名称 cell
            "form_sheet": source_sheet(f.source) or f.sheet or "",  # the sheet its form starts on (a 续表's first)
            # a cross-form finding whose other form is another department's (``rounds.gone_why``)
            "elsewhere": bool(f.other) and other_dept.get(f.other or "", department) != department}


def _check_published(tables: dict[str, list[dict[str, Any]]], depts: dict[str, "Department"], batch: Batch,
                     item_dept: dict[int, str], profile: Profile, names: dict[str, str],
                     guess: Callable[[str], str]) -> dict[str, tuple[str, set[str], list[Finding]]]:
    """Each department's own 汇总表 against its forms: read path -> (department, sheets, findings).

    The 汇总表 names its unit (its row, or “填报部门：…” above it); a unit no form or list names
    is the file's (its folder or name). Each row's figures are compared with the forms it counts
    (``summary.published.against_forms``: a 下属单位's row with that 实施单位's forms, a 合计 with
    them all): E4 on each figure's cell, the department's to put right."""
    from ..summary.published import against_forms

    def owner(unit: Any) -> str:
        """The department a table's unit is, as a file's name is one (``named_department``): as the forms and
        the list spell it, else the one department so far (one that sent only a file nothing could be read
        from too) of its key in the same place; "" where none is certain."""
        return named_department(str(unit or ""), names, [*depts, *names.values()]) or ""

    @functools.cache
    def key(name: Any) -> str:
        """A unit's name as the review spells its departments, comparable with another's."""
        return department_key(owner(name) or name)

    out: dict[str, tuple[str, set[str], list[Finding]]] = {}
    for pf, found in tables.items():
        units = [t for t in found if not t["total"]] or found
        who = next((w for w in map(owner, (t["unit"] for t in units)) if w), "") or guess(pf)
        own = [it for it in batch.forms if item_dept.get(id(it)) == who]
        _sheets, diffs = against_forms(found, batch.forms, own, profile, pf, key, fallback=True)
        out[pf] = (who, {t["sheet"] for t in found}, diffs)
    return out


def _form_aside(s: SetAside) -> str:
    """The 文件清单's word on one form of a counted workbook that does not count (replaced by a 修改稿,
    of another year, on a hidden sheet): its sheet and why — one of the “未计入 N 个文件或表” the 台账's
    head line sends the reader here for (they stood as a bare “计入” before)."""
    sheet = s.source[len(s.file) + 1:] if s.source and s.source.startswith(s.file + "#") else ""
    if not sheet or s.reason.startswith("工作表“"):   # a hidden sheet's reason names it already
        return s.reason
    return f"工作表“{sheet}”：{s.reason}"


def _files_table(files: list[InboxFile], kept: list[Path], aside: list[SetAside], set_aside: list[SetAside],
                 file_depts: dict[str, list[str]], shown: Callable[[str], str], read_ok: set[str],
                 unreadable: list[dict[str, Any]], sheets: list[dict[str, str]],
                 checked: dict[str, str] | None = None,
                 not_counted: dict[str, list[str]] | None = None,
                 answered: dict[str, str] | None = None, unlisted: set[str] | None = None) -> list[dict[str, Any]]:
    """One row per workbook in the inbox: counted, or why not; a counted one names the forms in it
    that could not be read (they are not counted). ``unlisted``: a file not read, beside forms of its
    department that were, kept a point for want of a project list (``_unread_beside``): a reviewer who saw the
    readable copy was not told why this one was not set aside, as it is with ``--expected``."""
    unread: dict[str, list[str]] = {}
    for u in sheets:
        unread.setdefault(u["file"], []).append(u["sheet"])
    why = {s.file: s for s in aside}
    later: dict[str, SetAside] = {}
    again: dict[str, list[SetAside]] = {}  # a file -> its forms sent again
    for s in set_aside:
        later.setdefault(s.file, s)
        if s.kind == "superseded":
            again.setdefault(s.file, []).append(s)
    bad = {u["file"] for u in unreadable}
    no_form = no_form_files(unreadable)   # of ``bad``: a workbook that opened with no form in it (a budget table)
    forms_aside: dict[str, list[SetAside]] = {}  # a counted file -> its forms not counted (the head line's)
    for s in set_aside:
        forms_aside.setdefault(s.file, []).append(s)
    out = []
    for f in files:
        name = f.shown
        row: dict[str, Any] = {"file": name, "origin": str(f.origin), "path": str(f.path),
                               "departments": file_depts.get(str(f.path)) or (not_counted or {}).get(name, [])}
        if name in why:
            row.update(status="未计入", reason=why[name].reason)
        elif checked and name in checked:
            row.update(status="已核对", reason=checked[name])
        elif answered and name in answered:
            row.update(status="未计入", reason=answered[name])
        elif name in bad:
            said = dict.fromkeys(_reason(u["reason"], str(f.path), name) for u in unreadable if u["file"] == name)
            # a workbook that opened with no form in it (a budget table) is said so, as its department's notice says it
            row.update(status=NO_FORM if name in no_form else "无法读取",
                       reason="；".join([*said, *([UNDECIDED] if name in (unlisted or ()) else [])]))
        elif str(f.path) in read_ok:
            parts = [] if name not in unread else [
                f"其中 {len(unread[name])} 张表无法读取，未计入：" + quoted_series(unread[name])]
            parts += [_form_aside(s) for s in forms_aside.get(name, [])]
            row.update(status="计入", reason="；".join(parts))
        elif name in later:
            sent = again.get(name, [])
            by: dict[str, list[str]] = {}   # the files its forms were sent again in -> why each form lost
            for s in sent:
                by.setdefault(s.replaced_by or "", []).append(s.why or "")
            whole = len(sent) > 1 and all(s.why for s in sent)
            if whole and len(by) == 1:   # all, by one file
                reason = superseded_said(sent[0].replaced_by or "", reasons_said([s.why or "" for s in sent]), len(sent))
            elif whole:   # all, by several (a 修改稿 in two mails): each file with its forms — the first alone was named
                reason = (f"{len(sent)} 张表均已重新报送，此份不计入：" + "；".join(
                    f"{len(whys)} 张由 {w} 重新报送（{reasons_said(whys)}）" for w, whys in by.items()))
            else:
                reason = later[name].reason
            row.update(status="未计入", reason=reason)
        else:
            row.update(status="未计入", reason="没有读到自评表")
        out.append(row)
    return out

