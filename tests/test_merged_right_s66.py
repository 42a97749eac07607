"""A 偏差原因 (扣分原因) the 填报人 merged to the right, past the form's last column (session 66).

A 填报人 short of room widens the reason cell by merging it with the column right of the form (I14:J15 on the
project form, J:K on the 部门整体 form, K:L on the 评价表), as session 65 left untested. The working workbook
prints only the form's columns (its print area), the text cut at the form's right edge; ``jixiao check`` reads it
for each indicator row it covers (``sheetform.merged_over``) and nothing for the column outside. The 定稿 is
the form's own grid: the text merged over the same rows in the reason column alone, nothing written right of
the form, the rows together as tall as the text needs in the reason column's width (so it prints whole), and it
reads back as the working workbook. Checked for the three kinds, one row and a block over two rows.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from jixiao.checking.run import check_paths
from jixiao.excel.fit import cell_height
from jixiao.finalize import finalize
from test_continued_pages_s63 import _filled
from test_merged_page_break_s65 import REASON_COL, TEXT

FIRST = {"project": 14, "department": 11, "evaluation": 8}


def _read(book: Path) -> tuple[list, list]:
    """The forms as ``jixiao check`` reads them, and its findings' (rule, cell)."""
    batch, res = check_paths([book])
    return [it.form for it in batch.all()], sorted((f.rule, f.cell) for f in res.findings)


def _merged_right(tmp_path: Path, key: str, rows: int) -> tuple[Path, int]:
    """A long form of ``key`` whose reason of its third indicator row is ``TEXT`` merged over the next column
    (outside the form) and ``rows`` rows; the book and the range's first row."""
    book = _filled(tmp_path, key)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    col = REASON_COL[key]
    out = get_column_letter(column_index_from_string(col) + 1)
    r0 = FIRST[key] + 2
    ref = f"{col}{r0}:{out}{r0 + rows - 1}"
    for row in ws[ref]:
        for cell in row:
            cell.value = None
    ws[f"{col}{r0}"] = TEXT
    ws.merge_cells(ref)
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    return path, r0


@pytest.mark.parametrize("rows", [1, 2])
@pytest.mark.parametrize("key", ["project", "department", "evaluation"])
def test_a_reason_merged_past_the_form_is_kept_in_the_reason_column(tmp_path, key, rows):
    book, r0 = _merged_right(tmp_path, key, rows)
    forms, findings = _read(book)
    [form] = forms
    reasons = [ind.reason for ind in form.indicators]
    assert reasons[2:2 + rows] == [TEXT] * rows and TEXT not in reasons[:2] + reasons[2 + rows:], reasons
    done = finalize(book, tmp_path / "定稿", force=True, pdf=False)
    ws = openpyxl.load_workbook(done.workbook).worksheets[0]
    col = REASON_COL[key]
    c = column_index_from_string(col)
    last = column_index_from_string(ws.print_area.split("!")[-1].split(":")[-1].strip("$").rstrip("0123456789").strip("$"))
    assert last == c   # the form ends at its reason column: nothing right of it prints
    here = [str(m) for m in ws.merged_cells.ranges if m.min_row <= r0 + rows - 1 and m.max_row >= r0 and m.max_col >= c]
    assert here == ([f"{col}{r0}:{col}{r0 + 1}"] if rows == 2 else []), here
    assert ws[f"{col}{r0}"].value == TEXT
    assert all(ws.cell(r, x).value is None for r in range(r0, r0 + rows) for x in range(c + 1, c + 3))
    size = ws[f"{col}{r0}"].font.sz
    heights = sum(ws.row_dimensions[r].height for r in range(r0, r0 + rows))
    assert heights >= cell_height(TEXT, ws.column_dimensions[col].width, float(size) if size else None), heights
    assert _read(done.workbook) == (forms, findings)
