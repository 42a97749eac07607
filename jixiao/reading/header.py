"""The head of a form: 项目名称, 主管部门, 实施单位, 项目负责人, 联系电话, and its year."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .block import Block
from .grid import Pos
from .labels import HEAD, YEAR, YEAR_ANY, YEAR_DU


def read_header(b: Block, head_pos: dict[str, Pos | None], have: dict[str, bool]) -> None:
    v, at = b.labelled(b.anchor)
    if v is None:
        raise b.error(at, "项目名称为空")
    b.put("project", b.text_value(v, at, "project"), at)
    read_year(b, b.anchor[0])
    for key in ("authority", "unit", "leader", "phone"):
        pos = head_pos[key]
        if pos is None:
            b.put(key, None, None)
            continue
        v, at = b.labelled(pos)
        b.put(key, b.text_value(v, at, key), at)
    for label in ("主管部门", "实施单位"):
        if not have[label]:
            b.note(None, f"表中没有「{label}」一栏，按空白读")


def head_labels(b: Block, r0: int, r1: int) -> dict[str, Pos | None]:
    """Where the head's labels (other than 项目名称) sit in rows r0..r1-1."""
    return {k: b.find(p, r0, r1) for k, p in HEAD.items() if k != "project"}


def read_year(b: Block, anchor_row: int) -> None:
    """The year above the form (“（2022年度）”, 2022, “2022年…”), else above an earlier form
    on the sheet, else in the sheet or file name — each fallback noted."""
    g = b.g

    def search(r0: int, last: bool) -> tuple[int, Pos] | None:
        cells = list(g.cells(r0, anchor_row))
        if last:
            cells.reverse()
        for test in ("du", "number", "nian"):
            for r, c in cells:
                v = g.raw(r, c)
                if test == "number":
                    if isinstance(v, int) and not isinstance(v, bool) and 1990 <= v <= 2100:
                        return v, (r, c)
                    continue
                m = (YEAR_DU if test == "du" else YEAR).search(unicodedata.normalize("NFKC", str(v)))
                if m:
                    return int(m.group(1)), (r, c)
        return None

    found = search(b.year_from, False)
    if found:
        b.put("year", found[0], found[1])
        return
    if b.year_from > 0:
        found = search(0, True)
        if found:
            b.put("year", found[0], found[1])
            b.note(found[1], f"这张表上方没有写年度，按上一张表的 {found[0]} 年度读", "year")
            return
    for where, text in (("工作表名", g.sheet), ("文件名", Path(g.file).stem)):
        m = YEAR_ANY.search(text)
        if m:
            b.put("year", int(m.group(1)), None)
            b.note(None, f"表中没有写年度，按{where}「{text}」记为 {m.group(1)} 年度", "year")
            return
    raise b.error(b.anchor, "找不到年度（表头应有如“（2024年度）”的年度）")
