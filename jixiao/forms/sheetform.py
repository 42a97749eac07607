"""A form of a table kind read from one sheet, and where each of its fields sits.

The 部门整体 and 评价 forms are read the same way: their indicator rows and their labelled
rows (总分/总计, 计算数据, 问题 …) are found by key, so findings can name the real cell
even where a department inserted rows. What differs per kind is only the columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..core import fieldpath

__all__ = ["TableSheetForm"]


@dataclass
class TableSheetForm:
    file: str
    sheet: str
    form: Any
    layout: Any
    ind_rows: list[int] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)   # row keys (total, data:x, problems …) -> row

    IND_COL_OF: ClassVar[dict[str, str]]     # indicator field -> column
    TOTAL_COL_OF: ClassVar[dict[str, str]]   # total_weight/total_score/grade -> column of the total row

    def row_cell(self, path: str) -> str | None:
        """The cell of an indicator field or of the total row, as read; None for other paths."""
        at = fieldpath.item(path)
        if at and at[0] < len(self.ind_rows):
            return f"{self.IND_COL_OF[at[1]]}{self.ind_rows[at[0]]}"
        t = self.rows.get("total")
        if t and path in self.TOTAL_COL_OF:
            return f"{self.TOTAL_COL_OF[path]}{t}"
        return None

    @property
    def source(self) -> str:
        return f"{self.file}#{self.sheet}"
