"""What the label-anchored reader had to guess about a cell (``Note``).

Its own module so that the readers of every layout, and ``guard.sanitize``, can name it
without importing the label-anchored reader itself (``block``, ``labels``: ~10 ms of a
one-file ``check`` of forms in our template; issue #18).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Note", "OutsideNote"]


@dataclass(frozen=True)
class Note:
    """Something the reader had to guess, with the source cell it concerns."""

    cell: str | None
    message: str
    field: str | None = None
    # the sheet of ``cell`` where it is not the form's own: a cell of the 续表 a form runs on to (``reading.continued``)
    sheet: str | None = None

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”{self.cell}" if self.sheet and self.cell else self.cell
        return f"{where}：{self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"cell": self.cell, "field": self.field, "message": self.message,
                **({"sheet": self.sheet} if self.sheet else {})}


@dataclass(frozen=True)
class OutsideNote(Note):
    """A row that reads as an indicator but sits below the form's 总分 row: not read into the form
    (its 分值 and 得分 are in no total), named so that the 填报人 moves it (``core.findings.BELOW_TOTAL``)."""
