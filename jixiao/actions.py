"""What each button does, as core functions on a ``Host`` (the workbook being worked on).

A host gives the values of every sheet (read from A1) and applies a ``Plan``. The Excel
add-in's host is the open workbook through xlwings (``addin/host.py``); ``FileHost`` here
is a workbook file, edited into a copy with openpyxl — the CLI and the tests use it. The
same function runs in both, so a button and its command cannot give different results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .excel.apply import apply_plan, as_xlsx, load_for_edit, save_new
from .checking.run import CheckResult, check_batch
from .errors import JixiaoError, NotAFormError
from .excel.plan import RESULT_SHEET, Plan, SetComment, SetValue, annotation_plan, earlier_marks
from .core.profiles import Profile, get_profile
from .forms.project.scoring import score_form
from .sources import Batch, Loaded
from .summary import Summary, summarize
from .summary.book import summary_plan

if TYPE_CHECKING:  # finalize is imported when the button is pressed
    from .finalize import Finalized

__all__ = ["FileHost", "Host", "calc", "calc_plan", "check", "finalize", "read_host", "reports", "summarize_in_book"]


class Host(Protocol):
    """The workbook a button works on."""

    path: str

    def sheet_values(self) -> dict[str, list[list[Any]]]: ...

    def apply(self, plan: Plan) -> None: ...


@dataclass
class FileHost:
    """A workbook file: values read with calamine, edits applied with openpyxl to ``out``
    (never to the input), saved by ``save``."""

    path: str
    out: str | None = None
    _wb: Any = field(default=None, repr=False)

    def sheet_values(self) -> dict[str, list[list[Any]]]:

        from . import guard

        guard.check_input(Path(self.path))
        return guard.run_limited(_sheet_values, self.path, name=guard._show(self.path))

    def apply(self, plan: Plan) -> None:
        if self._wb is None:
            with as_xlsx(Path(self.path)) as book:  # an .xls or .et: its copy is an .xlsx
                self._wb = load_for_edit(book)
        apply_plan(self._wb, plan)

    def save(self) -> Path | None:
        if self._wb is None or not self.out:
            return None
        if Path(self.out).resolve() == Path(self.path).resolve():
            raise JixiaoError(f"{self.out}：输出文件不能与输入文件相同（输入文件不会被修改）", file=self.out)
        if self._wb.calculation is None:  # a workbook.xml without <calcPr> (written by other tools)
            from openpyxl.workbook.properties import CalcProperties

            self._wb.calculation = CalcProperties()
        self._wb.calculation.fullCalcOnLoad = True
        return save_new(self._wb, Path(self.out))


def read_host(host: Host, values: dict[str, list[list[Any]]] | None = None) -> Batch:
    """Every 自评表 on the host's sheets, as a batch (problems kept, other sheets skipped);
    ``values``: the sheets' values when the caller has read them already (one read per button)."""
    from .sources import read_sheets

    batch = Batch(files=1)
    values = host.sheet_values() if values is None else values
    found, problems = read_sheets(((name, rows, None) for name, rows in values.items()), host.path)
    batch.add([Loaded(sf.form, sf.file, sf.sheet, sf) for sf in found])
    batch.problems = list(problems)
    if not batch.all() and not batch.problems:
        batch.problems.append(NotAFormError(f"{host.path}：这个工作簿里没有自评表", file=host.path))
    return batch


# ----------------------------------------------------------------------------- 计算

def calc_plan(batch: Batch, profile: Profile | str | None = None) -> Plan:
    """计算: where 得分 is blank, put the suggested score and its basis as the cell's comment."""
    profile = get_profile(profile)
    plan = Plan()
    for item in batch.forms:
        score = score_form(item.form, profile)
        for i, (ind, s) in enumerate(zip(item.form.indicators, score.indicators)):
            if ind.score is not None or not item.sheet_form or not item.sheet:
                continue  # a form read from a sheet has both; a JSON form has neither
            cell = item.sheet_form.cell(f"indicators[{i}].score")
            plan.add(SetValue(item.sheet, cell, s.score))
            plan.add(SetComment(item.sheet, cell, f"建议得分 {s.score:g}：{s.basis}"))
    return plan


def calc(host: Host, profile: Profile | str | None = None) -> Plan:
    plan = calc_plan(read_host(host), profile)
    host.apply(plan)
    return plan


# ----------------------------------------------------------------------------- 校验

def check(host: Host, profile: Profile | str | None = None) -> tuple[CheckResult, Plan]:
    from .checking.config import apply_findings, apply_profile, config_from_rows
    from .core.settings import SETTINGS_SHEET

    values = host.sheet_values()  # once: in Excel every read crosses COM, for a file it is a guarded child
    batch = read_host(host, values)
    # the bureau's 校验规则 block on the 设置 sheet (issue 14), as `jixiao check` reads it
    rules = config_from_rows(values.get(SETTINGS_SHEET) or [], f"{host.path}#{SETTINGS_SHEET}")
    result = check_batch(batch, apply_profile(rules, get_profile(profile)))
    result.findings = apply_findings(rules, result.findings)
    earlier = earlier_marks(values.get(RESULT_SHEET) or [])  # cells put right since: their marks go
    plan = annotation_plan(result.findings, batch.marked_sheets(), earlier)
    host.apply(plan)
    return result, plan


# ----------------------------------------------------------------------------- 汇总

def summarize_in_book(host: Host, profile: Profile | str | None = None) -> tuple[Plan, Summary]:
    """汇总: the linked 汇总表, 项目明细 and 图表 inside the workbook itself; the summary made,
    for what the button says (forms it could not count: ``summary.unreadable``)."""
    profile = get_profile(profile)
    batch = read_host(host)
    if not batch.forms:
        raise batch.problems[0]
    result = check_batch(batch, profile)
    summary, _ = summarize(batch, result, profile)
    plan = summary_plan(summary, linked=True)
    host.apply(plan)
    return plan, summary


# ----------------------------------------------------------------------------- 生成报告

def reports(host: Host, outdir: Path | None = None, *, settings: Any = None, pdf: bool = True,
            force: bool = False) -> list[Path]:
    """生成报告: the three documents from the workbook's forms and its 设置 sheet, and the 校验报告.

    As ``jixiao report``: forms with errors are refused (``ReportRefused``, saying to run 校验
    first) unless ``force``."""
    from .reports import build_reports

    batch = read_host(host)
    if not batch.forms:
        raise batch.problems[0]
    outdir = outdir or Path(host.path).parent / f"{Path(host.path).stem}-报告"
    profile = get_profile(getattr(settings, "profile", None))
    return build_reports(batch, settings, outdir, pdf=pdf, profile=profile,
                         check=check_batch(batch, profile), force=force)


# ----------------------------------------------------------------------------- 定稿

def finalize(host: Host, outdir: Path | None = None, *, settings: Any = None,
             confirm: Any = lambda n: False, email: Any = lambda: False) -> Finalized:
    """定稿: checked first; with errors left it asks ``confirm(n_errors)`` before going on.
    A host that holds unsaved edits (Excel) is saved first, so the copy is what was typed."""
    from .finalize import FinalizeRefused, finalize as write_final, refuse_unread

    profile = get_profile(getattr(settings, "profile", None))
    batch = read_host(host)
    refuse_unread(batch, host.path)  # before asking: confirming would not bring the form into the copy
    result = check_batch(batch, profile)
    force = False
    if result.counts["error"]:
        force = bool(confirm(result.counts["error"]))
        if not force:
            raise FinalizeRefused(f"仍有 {result.counts['error']} 个错误，未定稿。请先点击“校验”逐一改正。",
                                  file=host.path)
    if hasattr(host, "flush"):
        host.flush()
    # in Excel, Excel prints the PDF itself (ExportAsFixedFormat); elsewhere LibreOffice
    pdf = getattr(host, "export_pdf", True)
    return write_final(Path(host.path), outdir, force=force, email=bool(email()), settings=settings,
                       profile=profile, result=(batch, result), pdf=pdf)


def _sheet_values(path: str) -> dict[str, list[list[Any]]]:
    """Every sheet's values, made safe (``sanitize``); run in a child with limits (``guard``)."""
    from . import guard
    from .guard import sanitize
    from .reading.workbook import open_workbook

    wb = open_workbook(path)
    try:
        out = {}
        for n in wb.sheet_names:
            ws = wb.get_sheet_by_name(n)
            guard.check_dimensions(ws, guard._show(path), n)
            rows = ws.to_python(skip_empty_area=False)
            sanitize.clean_rows(rows, guard.error_cells(Path(path), n))
            out[n] = rows
        return out
    finally:
        wb.close()
