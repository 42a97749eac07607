"""Session 68: 计算 does not write a group's 得分 formula over what a 填报人 typed in the new row's cell.

A row inserted above a 评价表 group's first row is merged into the group's cells, the group's content moved up to
the new first cell (``actions._widening``: the 得分's formula written into C8, C9 cleared). The merge itself is
refused where C8 holds another text (``excel.plan.merge_refused``), but the move came first: “见附件” typed in C8
was replaced by the formula, C8:C11 merged over it, and the message said the cells were merged. Now the cells as
read decide before any edit (``excel.plan.refused_as_read``, ``forms.sums.ShortSums.stay``): the formula stays,
widened, in C9, C8 keeps its text, and the message names C9 and says why C8:C11 is not merged."""

from __future__ import annotations

import openpyxl

from test_merge_said_s68 import _edited
from test_rows_s68 import TOP, _merged


def _calc(tmp_path, **edit):
    from jixiao.actions import FileHost, calc

    host = FileHost(str(_edited(TOP, tmp_path / "in.xlsx", **edit)), str(tmp_path / "计算后.xlsx"))
    said = calc(host).message()
    host.save()
    return said, openpyxl.load_workbook(tmp_path / "计算后.xlsx").worksheets[0]


def test_a_text_typed_in_the_new_rows_group_cell_is_kept(tmp_path):
    said, ws = _calc(tmp_path, cell="C8", text="见附件")
    assert ws["C8"].value == "见附件"                                    # before: the formula over it
    assert ws["C9"].value == '=IF(COUNT(J8:J11)=0,"",SUM(J8:J11))', ws["C9"].value   # widened where it was
    merged = _merged(ws)
    assert "C9:C11" in merged and "C8:C11" not in merged, sorted(merged)
    assert "C9 改为合计第 8–11 行" in said and "C8 改为" not in said, said
    assert "C8:C11 未合并：C8 中填有“见附件”" in said, said
    listed = said[said.index("合并格已扩到新行（"):].split("）")[0]
    assert "C8:C11" not in listed and "A8:A11" in listed, said


def test_the_group_is_merged_up_as_before_where_the_cell_is_blank(tmp_path):
    """The same row with nothing typed in C8 (a name typed in A8, as the sample has it): the 得分 moves up and is
    merged over the new row, as s68-rows built it."""
    said, ws = _calc(tmp_path)
    assert ws["C8"].value == '=IF(COUNT(J8:J11)=0,"",SUM(J8:J11))' and ws["C9"].value is None
    assert "C8:C11" in _merged(ws) and "C8 改为合计第 8–11 行" in said, said
