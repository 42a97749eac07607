"""The indicator block of a form sheet: the rows every form kind's layout counts the same way.

Each layout (project, 部门整体, 评价) has its indicator rows from ``first_ind`` on, one per
三级指标, and the 总分/总计 row right below them; rows the kind adds below (说明, 评价小组,
问题 …) count from ``row_total``. Pure arithmetic on row numbers: no spreadsheet library.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["IndicatorRows"]


class IndicatorRows:
    """Mixin for a layout dataclass; it gives ``first_ind`` and the number of indicator rows ``count``."""

    first_ind: ClassVar[int]

    @property
    def count(self) -> int:
        raise NotImplementedError

    def ind_row(self, i: int) -> int:
        return self.first_ind + i

    @property
    def last_ind(self) -> int:
        return self.first_ind + self.count - 1

    @property
    def row_total(self) -> int:
        return self.last_ind + 1

    def col_range(self, col: str, a: int = 0, b: int | None = None) -> str:
        """Column ``col`` over indicator rows ``a``..``b`` (default: all)."""
        return f"{col}{self.ind_row(a)}:{col}{self.ind_row(self.count - 1 if b is None else b)}"
