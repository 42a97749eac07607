"""One budget year for what a department sends: its 设置's 年度 and its forms' own.

The 设置's 年度 names the documents (“关于报送2023年度……”), the 定稿 file (“单位-2023-……xlsx”) and the mail; the
forms state theirs in their header (A2 “（2022年度）”), and the documents restate the forms (“2022年度部门整体支出绩效自评
共设三级指标20个”). A form copied from last year's with its header not changed, or a 设置 not brought forward,
made a letter of two years and a 2023 file holding a 2022 form, with no error anywhere. ``生成报告`` and ``定稿``
refuse that here, naming both cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable


def year_conflict(year: Any, items: Iterable[Any], settings_cell: str | None) -> tuple[str, str] | None:
    """(what is wrong, the file of the first form) where a form of ``items`` (``sources.Loaded``) is of another year
    than ``year`` (the 设置's; none given: nothing to compare), else None. ``settings_cell``: where the 设置's 年度
    was given, as a message says it; None: ``year`` is the one most of the forms carry (the 设置's 年度 left blank),
    and the message says to change the form's, as X8 does."""
    from .forms import kind_of

    if not isinstance(year, int):
        return None
    items = list(items)
    off = [it for it in items if isinstance(it.form.year, int) and it.form.year != year]
    if not off:
        return None
    item = off[0]
    cell = kind_of(item.form).cell_of(item, "year")
    where = (f"“{Path(item.file).name}”" + (f"中“{item.sheet}”工作表" if item.sheet else "") + (f" {cell}" if cell else "")
             + (f"等{len(off)}张表" if len(off) > 1 else ""))
    if settings_cell is None:   # last year's sheet copied in, its 年度 not changed
        same = sum(1 for it in items if it.form.year == year)
        return (f"{same}张自评表是{year}年度，而{where}的年度是{item.form.year}年度：报送函、报告与所附的自评表应是同一年度；"
                f"如是{year}年度的表（从上年的表复制来而没有改年度），请将年度改为{year}", item.file)
    return (f"{settings_cell}写的是{year}年度，而{where}的年度是{item.form.year}年度：报送函、报告与所附的自评表应是同一年度，"
            "请改正其中之一", item.file)
