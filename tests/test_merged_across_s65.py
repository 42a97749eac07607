"""A text the 填报人 merged ACROSS columns of indicator rows, or over rows and columns at once (session 65).

Since s63/s64 a text merged down over indicator rows is each row's (``sheetform.merged_over``) and the 定稿 keeps
the merge (``sheetform.shared_spans``, ``excel.sheet.share_cells``). A merge across columns was not: a 填报人 who
wrote “2024年11月底前全部按期完成” once over 年度指标值 and 实际完成值 (E16:F16) had ``jixiao check`` say C3 of F16
“实际完成值未填写……表中为空白” beside the text the sheet shows there, and the 定稿 printed the text squeezed into
E16, F16 an empty box, the row two lines taller. A block merged over rows AND columns (E16:F17) was read for the
rows below but not for F16, and written back as two merges, E16:E17 with the text and F16:F17 empty. The
部门整体 form's 评分标准 merged over 指标解释 (F29:G29, or F26:G28 over three rows) the same. Now each cell a
range covers reads its text, and the 定稿 merges the same rectangle again, the text once, the rows as tall as
the text in the merged columns' width.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from jixiao.checking.run import check_paths
from jixiao.excel.fit import row_height
from jixiao.finalize import finalize
from jixiao.forms.project.layout import COL_WIDTHS
from test_clerk_journey_s63 import _merged_reason_book

DONE = "2024年11月底前全部按期完成，比计划提前一个月"
STANDARD = "按年初计划完成全部工作任务的得满分，每少完成一项扣1分，扣完为止"
PROJECT = "高标准农田"
DEPT = "部门整体支出绩效自评表"


def _project_book(tmp_path: Path, ref: str) -> Path:
    """The clerk's form (I14:I15 merged 偏差原因) with ``DONE`` written once in the top-left of ``ref`` and merged
    over it, every other cell of ``ref`` blank, as the 填报人 leaves it."""
    book = _merged_reason_book(tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[PROJECT]
    first, last = ref.split(":")
    for row in ws[ref]:
        for cell in row:
            cell.value = None
    ws[first] = DONE
    ws.merge_cells(ref)
    wb.save(book)
    return book


def _dept_book(tmp_path: Path, ref: str) -> Path:
    """The 医疗保障局's 部门整体 form with ``STANDARD`` written once over ``ref`` (评分标准 and 指标解释 columns)."""
    from test_clerk_dept_s63 import CLERK

    wb = openpyxl.load_workbook(CLERK)
    ws = wb[DEPT]
    ws.protection.sheet = False
    for row in ws[ref]:
        for cell in row:
            cell.value = None
    ws[ref.split(":")[0]] = STANDARD
    ws.merge_cells(ref)
    path = tmp_path / "合并的评分标准.xlsx"
    wb.save(path)
    return path


def _findings(book: Path, rows: range = range(14, 34)) -> list[tuple]:
    """(rule, cell, message) of what ``jixiao check`` finds in the indicator ``rows`` (the 定稿's other parts, the
    部门整体 form's 计算数据, are laid out anew)."""
    _b, res = check_paths([book])
    return sorted((f.rule, f.cell, f.message) for f in res.findings
                  if f.cell and int("".join(ch for ch in f.cell if ch.isdigit()) or 0) in rows)


def _project_cells(book: Path) -> dict[str, str | None]:
    """E/F of indicator rows 16 and 17 as ``jixiao check`` reads them (target, actual)."""
    batch, _ = check_paths([book])
    [item] = batch.of("project")
    inds = {r: ind for r, ind in zip(item.sheet_form.rows, item.form.indicators)}
    return {f"{c}{r}": getattr(inds[r], fld) for r in (16, 17) for c, fld in (("E", "target"), ("F", "actual"))}


@pytest.mark.parametrize("ref", ["E16:F16", "E16:F17"])
def test_check_reads_a_text_merged_across_for_each_cell_it_covers(tmp_path, ref):
    """Every cell of the range reads the text, none outside it; no C3 (实际完成值未填写) on F16."""
    book = _project_book(tmp_path, ref)
    c0, r0, c1, r1 = range_boundaries(ref)
    covered = {f"{get_column_letter(c)}{r}" for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    got = _project_cells(book)
    assert {k for k, v in got.items() if v == DONE} == covered, got
    assert not [f for f in _findings(book) if f[0] == "C3"], _findings(book)


@pytest.mark.parametrize("ref", ["E16:F16", "E16:F17"])
def test_the_final_copy_keeps_a_merge_across_columns_the_text_once(tmp_path, ref):
    """The 定稿 merges the same rectangle (not E alone, not E and F apart), the text in its top-left only, the rows
    together as tall as the text in E and F together and no taller than in E alone; it reads back as the
    working workbook does, findings and all."""
    book = _project_book(tmp_path, ref)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    merged = [str(m) for m in ws.merged_cells.ranges if m.min_col in (5, 6) and 14 <= m.min_row < 34]
    assert merged == [ref], merged
    assert ws["E16"].value == DONE
    assert [c.value for row in ws[ref] for c in row][1:] == [None] * (len([1 for row in ws[ref] for _ in row]) - 1)
    last = int(ref.split(":")[1][1:])
    heights = [ws.row_dimensions[r].height for r in range(16, last + 1)]
    across = row_height([(DONE, COL_WIDTHS["E"] + COL_WIDTHS["F"])])
    assert across <= sum(heights) < row_height([(DONE, COL_WIDTHS["E"])]) * len(heights), heights
    assert _project_cells(done.workbook) == _project_cells(book)
    assert _findings(done.workbook) == _findings(book)


def _dept_read(book: Path) -> list[tuple]:
    batch, _ = check_paths([book])
    [item] = batch.of("department")
    return [(r, ind.standard, ind.explanation) for r, ind in zip(item.sheet_form.ind_rows, item.form.indicators)
            if 26 <= r <= 29]


@pytest.mark.parametrize("ref", ["F29:G29", "F26:G28"])
def test_a_dept_standard_merged_over_the_explanation_is_read_and_kept(tmp_path, ref):
    """部门整体: the 评分标准 merged over 指标解释 (one row, or a block over three rows) is each covered cell's
    text, no other row's; the 定稿 merges the same rectangle, the text once, and reads back the same."""
    book = _dept_book(tmp_path, ref)
    r0, r1 = int(ref.split(":")[0][1:]), int(ref.split(":")[1][1:])
    read = _dept_read(book)
    assert [(r, s, e) for r, s, e in read if r0 <= r <= r1] == [(r, STANDARD, STANDARD) for r in range(r0, r1 + 1)]
    assert all(STANDARD not in (s, e) for r, s, e in read if not r0 <= r <= r1), read
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert ref in [str(m) for m in ws.merged_cells.ranges]
    assert [c.value for row in ws[ref] for c in row] == [STANDARD] + [None] * (2 * (r1 - r0 + 1) - 1)
    assert _dept_read(done.workbook) == read
    # (rule, cell): the message of I31 differs apart from the merge (its 计算数据 F61, text on the form, is a number in the 定稿)
    assert [f[:2] for f in _findings(done.workbook, range(11, 32))] == [f[:2] for f in _findings(book, range(11, 32))]


def test_only_a_range_from_a_text_cell_gives_its_text():
    """A range merged from a cell outside the text columns (a 三级指标 over 年度指标值, D16:E17) gives them nothing:
    what shows there is the indicator's name, no 指标值; one from a text column gives the cells right of it and
    under it, in the indicator rows only (not the 总分 row 34 a range runs into)."""
    from jixiao.forms.sheetform import merged_over, shared_spans

    d, e, f = 3, 4, 5
    assert merged_over([((15, d), (16, e))], (e, f), 14, 34) == {}
    got = merged_over([((15, e), (16, f)), ((31, e), (34, e))], (e, f), 14, 34)
    assert got == {(16, f): (16, e), (17, e): (16, e), (17, f): (16, e), (33, e): (32, e)}
    spans = shared_spans([((15, e), (16, f)), ((17, f), (17, f + 1))], [14, 15, 16, 17, 18], {"target": e, "actual": f})
    assert spans == {"target": [(2, 3, "actual")]}


@pytest.mark.libreoffice
def test_check_in_excel_reads_the_block_as_the_file_does(tmp_path):
    """校验 in Excel (the add-in's host, its merged ranges out of Excel's XML Spreadsheet, ``excel.xmlss``) finds
    what 校验 on the file finds for a block merged over rows and columns: no C3 on F16."""
    from test_addin_merges_s63 import in_excel_and_on_file

    in_excel, on_file = in_excel_and_on_file(_project_book(tmp_path, "E16:F17"), tmp_path)
    assert sorted((f.rule, f.cell) for f in in_excel) == sorted((f.rule, f.cell) for f in on_file)
    assert ("C3", "F16") not in [(f.rule, f.cell) for f in in_excel]


def test_an_import_keeps_the_block(tmp_path):
    """``jixiao import`` writes the forms read through the same writer (``forms_workbook``): E16:F17 one cell there
    too, the text once, read back as the form it came from."""
    from jixiao.importer import import_forms

    book = _project_book(tmp_path, "E16:F17")
    report = import_forms([book], tmp_path / "导入.xlsx")
    ws = openpyxl.load_workbook(report.output).worksheets[0]
    assert "E16:F17" in [str(m) for m in ws.merged_cells.ranges]
    assert [ws[r].value for r in ("E16", "F16", "E17", "F17")] == [DONE, None, None, None]
    assert _project_cells(report.output) == _project_cells(book)
