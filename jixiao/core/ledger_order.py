"""The order departments are listed in, wherever the product lists them: the 复核台账's.

Those a reviewer acts on first come first — a status's place in ``STATUSES`` (无法读取, 退回修改,
未报送, 通过) — then more errors before fewer, more projects not sent before fewer, then the name.
The 台账, its 分单位汇总, 项目明细 and 部门整体自评 follow it, and so do ``summarize --by``'s groups.
"""

from __future__ import annotations

__all__ = ["STATUSES", "ledger_key", "status_of"]

STATUSES = ("无法读取", "退回修改", "未报送", "通过")  # the order a reviewer acts in


def ledger_key(status: str, errors: int, missing: int, name: str) -> tuple[int, int, int, str]:
    """The sort key of a department in the 台账's order."""
    return STATUSES.index(status), -errors, -missing, name


def status_of(errors: int, missing: int = 0) -> str:
    """The status of a department whose forms were read (some of them): 退回修改 while it has errors
    or projects not sent, else 通过 (``review.run`` also knows 无法读取 and 未报送, of departments
    with no form read)."""
    return STATUSES[1] if errors or missing else STATUSES[3]
