"""A 偏差原因 (年度指标值, 实际完成值) the 填报人 merged over two indicator rows, in the copies written from the forms
read (session 64).

Since s63 the template's reader gives a text merged down over indicator rows to each row it covers (the checks
need it so). The 定稿 is written afresh from the forms, row by row: it printed that 偏差原因 twice, once beside
each indicator — on a row with full marks too — with no merge, where the working workbook shows it once. The
reader now keeps which indicators share one cell (``sheetform.shared_spans``) and the form's sheet writer merges
them again (``sheet._share_cells``). The 校验标注 copy of ``review`` is the returned workbook itself: it kept
the merge already, and is held to it here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from jixiao.checking.run import check_paths
from jixiao.excel.fit import row_height
from jixiao.forms.project.layout import COL_WIDTHS
from jixiao.finalize import finalize
from test_clerk_journey_s63 import CLERK, _merged_reason_book

REASON = "部分地块因征地纠纷未能开工；个别标段验收未通过，已整改。"


def _read(book: Path) -> tuple[list[dict], list[tuple]]:
    """The forms and the findings (rule, cell, message) ``jixiao check`` reads from ``book``."""
    batch, res = check_paths([book])
    return ([it.form.to_dict() for it in batch.all()],
            sorted((f.rule, f.cell or "", f.message) for f in res.findings))


def _merged_book(tmp_path: Path, ref: str) -> Path:
    """The clerk's form with the 偏差原因 merged over I14:I15 (``_merged_reason_book``), or instead ``ref``."""
    book = _merged_reason_book(tmp_path)
    if ref == "I14:I15":
        return book
    wb = openpyxl.load_workbook(book)
    ws = wb["高标准农田"]
    ws.unmerge_cells("I14:I15")
    ws["I15"] = REASON
    ws.merge_cells(ref)
    wb.save(book)
    return book


@pytest.mark.parametrize("ref", ["I14:I15", "E16:E17", "F16:F19"])
def test_the_final_copy_shows_a_text_merged_over_indicator_rows_once(tmp_path, ref):
    """The 定稿 of a form with a 偏差原因 (I), 年度指标值 (E) or 实际完成值 (F) merged over indicator rows keeps
    that merge, the text in its first row only; and reads back as the working workbook does, each row
    with the text, findings and all."""
    book = _merged_book(tmp_path, ref)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    merged = [str(m) for m in ws.merged_cells.ranges]
    assert ref in merged, merged
    first, last = ref.split(":")
    col, r0, r1 = first[0], int(first[1:]), int(last[1:])
    source = openpyxl.load_workbook(book)["高标准农田"]
    assert ws[first].value == source[first].value and ws[first].value
    assert [ws[f"{col}{r}"].value for r in range(r0 + 1, r1 + 1)] == [None] * (r1 - r0)
    # the rows together as tall as the text needs; the 偏差原因's two rows each shorter than that (each was sized
    # to the whole text: 48 + 48 points for a text of 48)
    heights = [ws.row_dimensions[r].height for r in range(r0, r1 + 1)]
    need = row_height([(ws[first].value, COL_WIDTHS[col])])
    assert sum(heights) >= need, (heights, need)
    if ref == "I14:I15":
        assert max(heights) < need, (heights, need)
    assert _read(done.workbook) == _read(book)
    forms, _ = _read(done.workbook)
    field = {"I": "reason", "E": "target", "F": "actual"}[col]
    got = [ind[field] for ind in forms[0]["indicators"][r0 - 14:r1 - 13]]
    assert got == [source[first].value] * (r1 - r0 + 1)


def test_the_same_reason_typed_into_two_rows_stays_two_cells(tmp_path):
    """Two rows each with its own cell holding the same text are not merged: only a merge read is written."""
    book = _merged_book(tmp_path, "I14:I15")
    wb = openpyxl.load_workbook(book)
    ws = wb["高标准农田"]
    ws.unmerge_cells("I14:I15")
    ws["I14"] = ws["I15"] = REASON
    wb.save(book)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    out = openpyxl.load_workbook(done.workbook).worksheets[0]
    assert (out["I14"].value, out["I15"].value) == (REASON, REASON)
    assert not [m for m in out.merged_cells.ranges if m.min_col == 9 and m.min_row >= 14]


def test_the_review_marked_copy_keeps_the_merge(tmp_path, capsys):
    """The 校验标注 copy ``review`` writes is the department's workbook marked: the merged 偏差原因 once."""
    from jixiao.cli import main

    inbox = tmp_path / "inbox" / "农业农村局"
    inbox.mkdir(parents=True)
    _merged_reason_book(inbox)
    main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json"])
    json.loads(capsys.readouterr().out)
    [copy] = [p for p in (tmp_path / "out").rglob("*.xlsx") if "标注" in p.name]
    ws = openpyxl.load_workbook(copy)["高标准农田"]
    assert "I14:I15" in [str(m) for m in ws.merged_cells.ranges]
    assert (ws["I14"].value, ws["I15"].value) == (REASON, None)


def test_the_clerks_form_without_a_merge_is_written_as_before(tmp_path):
    """No merge read, no merge written: the clerk's own form's 定稿 has no range in its indicator columns E–I."""
    book = tmp_path / CLERK.name
    shutil.copy(CLERK, book)
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    for ws in openpyxl.load_workbook(done.workbook).worksheets:
        assert not [str(m) for m in ws.merged_cells.ranges if m.min_col >= 5 and 14 <= m.min_row < 34], ws.title


def test_an_import_of_the_form_keeps_the_merge(tmp_path):
    """``jixiao import`` writes the forms read into a workbook of the template the same way (``forms_workbook``):
    the merged 偏差原因 one cell there too."""
    from jixiao.importer import import_forms

    book = _merged_reason_book(tmp_path)
    report = import_forms([book], tmp_path / "导入.xlsx")
    ws = openpyxl.load_workbook(report.output).worksheets[0]
    assert "I14:I15" in [str(m) for m in ws.merged_cells.ranges]
    assert (ws["I14"].value, ws["I15"].value) == (REASON, None)
    assert _read(report.output)[0] == _read(book)[0]


@pytest.mark.libreoffice
def test_the_final_button_in_excel_keeps_the_merge(tmp_path, monkeypatch):
    """定稿 in Excel: the merged ranges come from Excel (``XlwingsHost``, s63) and the copy keeps the one cell."""
    from conftest import need_libreoffice
    from jixiao import actions
    from jixiao.excel.office import convert
    from test_addin_merges_s63 import _open

    need_libreoffice()
    host, _wb = _open(Path(convert(_merged_reason_book(tmp_path), "xlsx", tmp_path / "lo")))
    monkeypatch.setattr(host, "export_pdf", False, raising=False)
    done = actions.finalize(host, tmp_path / "out", confirm=lambda n: pytest.fail(f"asked over {n} errors"))
    ws = openpyxl.load_workbook(done.workbook)["2024年高标准农田建设项目"]
    assert "I14:I15" in [str(m) for m in ws.merged_cells.ranges]
    assert (ws["I14"].value, ws["I15"].value) == (REASON, None)
