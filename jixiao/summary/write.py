"""Writing the summary workbook: linked into a copy of the forms' own workbook, or new.

When every form came from one workbook, the output is a copy of that workbook with the
summary sheets added and 项目明细 linked to the form sheets by formulas (what the 汇总
button does in Excel). Otherwise — a folder of returned workbooks — the output is a new
workbook whose 项目明细 holds copied values with their source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..core.findings import Finding

from ..core.profiles import Profile
from ..sources import Batch
from . import BY_FIELDS, Summary
from .book import workbook_plan

BY_COLUMN = {"authority": "C", "unit": "D"}


def linked_source(batch: Batch) -> Path | None:
    files = {it.file for it in batch.forms}
    # live links only to sheets in our own template: its cells are where the layout says; a form whose
    # indicators run on to a 续表 (read by its labels) is a row of the numbers read (``detail_sheet``),
    # its workbook the department's own all the same (it got a 汇总表 alone, which 定稿 and 生成报告 refuse)
    if len(files) == 1 and not batch.problems and all(
            getattr(it.sheet_form, "native", False) or getattr(it.sheet_form, "sheets", None)
            for it in batch.forms):
        return Path(files.pop())
    return None


def write_summary(batch: Batch, summary: Summary, groups: dict[str, Summary], out: Path,
                  by: str | None = None, *, profile: Profile | None = None,
                  notes: list[str] | None = None, recheck: Callable[[Batch], list[Finding]] | None = None) -> Path:
    """The summary workbook at ``out``. Linked into a copy of the forms' workbook, the forms' 等级
    formulas are rewritten to ``profile``'s bands, as the 汇总 button and 计算 rewrite them (the
    汇总表 counts by them); ``notes`` gets what was rewritten; ``recheck``: the check the counts rest on, to
    count a form whose 总分 formulas were widened again (``actions.recount_after``)."""
    src = linked_source(batch)
    by_col = BY_COLUMN[BY_FIELDS[by]] if by else None
    if src is not None:
        if out.exists() and out.resolve() == src.resolve():
            from ..errors import WorkbookError
            raise WorkbookError(f"{out}：输出文件不能与输入文件相同（输入文件不会被修改）", file=str(out))
        from ..errors import OfficeError
        from ..excel.apply import as_xlsx, macros_left_out

        # an .xls or WPS .et (or an .xls named .xlsx, ``guard.misnamed``) is no workbook openpyxl can add to:
        # the copy is of the .xlsx LibreOffice saves from it (same sheets, same cells), as for 计算 and 校验,
        # so its 汇总表 is the same linked one an .xlsx of the same forms gets
        try:
            with as_xlsx(src) as book:
                written = _write_linked(batch, summary, groups, out, book, by_col, profile, notes, recheck)
            said = macros_left_out(src)
            if said and notes is not None:
                notes.append(said)
            return written
        except OfficeError as exc:  # no LibreOffice, or it failed: the 汇总表 alone, said so
            if notes is not None:
                notes.append(f"{exc}；{src.name} 是 {src.suffix or '无扩展名'} 文件，汇总表未能与各表写在同一工作簿中"
                             "联动，只写出汇总表（各表的数为写出时的数值）；请在 Excel 或 WPS 中把它另存为 .xlsx 后再汇总")
    # a new workbook: written in one pass by XlsxWriter, formula results stored beside them
    from ..guard.outpath import check_book_name
    from ..excel.write_new import write_plan

    check_book_name(out)  # no macro workbook: not an .xlsm
    from .cache import summary_caches

    plan = workbook_plan(summary, groups, linked=False, by_col=by_col)
    return write_plan(plan, out, summary_caches(plan, summary, groups), mark="summary")


def _write_linked(batch: Batch, summary: Summary, groups: dict[str, Summary], out: Path, src: Path,
                  by_col: str | None, profile: Profile | None, notes: list[str] | None,
                  recheck: Callable[[Batch], list[Finding]] | None = None) -> Path:
    """``write_summary`` into a copy of ``src``, the workbook of every form (an .xlsx or .xlsm)."""
    from ..excel.apply import load_for_edit
    from ..excel.cache import stored_results

    wb = load_for_edit(src)
    stored = stored_results(src)  # the form sheets' results: openpyxl would save them without
    if wb.calculation is None:  # a workbook.xml without <calcPr> (written by other tools)
        from openpyxl.workbook.properties import CalcProperties

        wb.calculation = CalcProperties()
    wb.calculation.fullCalcOnLoad = True
    from .cache import summary_caches

    from ..excel.apply import apply_plan

    heads = {ws.title: (ws["A1"].value, ws["A2"].value) if ws.max_row >= 2 else (None, None) for ws in wb.worksheets}
    regrade = None
    if profile is not None:  # the forms' 等级 as the 汇总表 counts them (first: the rows say what they show)
        from ..actions import book_formulas, summary_edits

        regrade, said = summary_edits(batch, profile, lambda cells: book_formulas(wb, cells), summary,
                                      groups=groups.values(), recheck=recheck,
                                      read=lambda sheet, cell: wb[sheet][cell].value if sheet in wb.sheetnames else None)
    plan = workbook_plan(summary, groups, linked=True, by_col=by_col,
                         sheets={name: heads.get(name, (None, None)) for name in wb.sheetnames})
    if regrade is not None:
        regrade.extend(plan)
        plan = regrade
    refused = apply_plan(wb, plan)
    if regrade is not None:
        from ..actions import merges_sentence

        said += merges_sentence(plan, refused)
        if said and notes is not None:
            notes.append(said)
    wb.active = 0
    from ..marker import mark_openpyxl
    from ..excel.workbook import save_workbook

    from ..guard.outpath import check_book_name

    check_book_name(out, macros=wb.vba_archive is not None)  # .xlsm only where the macros are kept
    mark_openpyxl(wb, "summary")  # a copy of the forms: batches skip it
    from ..excel.recalc import results_after_edits

    caches = results_after_edits(wb, stored, plan)   # each formula of a changed form: kept, its twin's or recalculated
    for sheet, cells in summary_caches(plan, summary, groups).items():  # results cached for any viewer
        caches[sheet] = {**caches.get(sheet, {}), **cells}
    return save_workbook(wb, out, caches)
