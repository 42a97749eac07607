"""The indicator block of a form sheet: the rows every form kind's layout counts the same way.

Each layout (project, 部门整体, 评价) has its indicator rows from ``first_ind`` on, one per
三级指标, and the 总分/总计 row right below them; rows the kind adds below (说明, 评价小组,
问题 …) count from ``row_total``. Pure arithmetic on row numbers: no spreadsheet library.
"""

from __future__ import annotations

from typing import Any, ClassVar, Iterable, overload

__all__ = ["IndicatorRows", "RowBelow"]


class RowBelow:
    """A row that sits a fixed number of rows below another, declared instead of written out:
    ``row_sign = RowBelow("row_total", 3)``. The kinds' layouts have a dozen such rows (说明,
    落款, 评价小组, 意见 …); stating the offset once keeps an inserted row from being counted twice."""

    def __init__(self, anchor: str, offset: int = 1) -> None:
        self.anchor, self.offset = anchor, offset

    @overload
    def __get__(self, obj: None, owner: type) -> RowBelow: ...
    @overload
    def __get__(self, obj: object, owner: type) -> int: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self if obj is None else getattr(obj, self.anchor) + self.offset


class IndicatorRows:
    """Mixin for a layout dataclass; it gives ``first_ind`` and the number of indicator rows ``count``."""

    first_ind: ClassVar[int]
    count_field: ClassVar[str] = "n"   # the dataclass field holding the number of indicator rows
    weight_col: ClassVar[str] = ""      # the 分值 column (a kind with one sets it)
    score_col: ClassVar[str] = ""       # the 得分 column

    @property
    def count(self) -> int:
        return int(getattr(self, self.count_field))

    def ind_row(self, i: int) -> int:
        return self.first_ind + i

    @property
    def last_ind(self) -> int:
        return self.first_ind + self.count - 1

    @property
    def row_total(self) -> int:
        return self.last_ind + 1

    @property
    def weight_range(self) -> str:
        """The 分值 column over the indicator rows (what 总分值 sums)."""
        return self.col_range(self.weight_col)

    @property
    def score_range(self) -> str:
        """The 得分 column over the indicator rows (what 总分 sums)."""
        return self.col_range(self.score_col)

    def joined_rows(self, spans: Iterable[tuple[int, int]]) -> tuple[int, ...]:
        """The rows of each span (first, last indicator index) after its first: the rows a page break
        would part from the 一级/二级 cells merged over them (``excel.fit.page_breaks``'s ``joined``)."""
        return tuple(self.ind_row(i) for a, b in spans for i in range(a + 1, b + 1))

    def col_range(self, col: str, a: int = 0, b: int | None = None) -> str:
        """Column ``col`` over indicator rows ``a``..``b`` (default: all)."""
        return f"{col}{self.ind_row(a)}:{col}{self.ind_row(self.count - 1 if b is None else b)}"
