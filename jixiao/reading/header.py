"""The head of a form: 项目名称, 主管部门, 实施单位, 项目负责人, 联系电话, and its year."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.dates import YEAR_ANY, YEAR_TESTS, bare_year, cell_year
from ..core.numbers import is_unfilled
from ..errors import EXPECT_PROJECT, EXPECT_YEAR
from .block import Block
from .grid import Pos, as_text
from .labels import FILLING_UNIT, HEAD, PHONE, PROJECT_CODE, YEAR_LABEL, label_part

# "项目负责人：张某    联系电话：138…" written in one cell
_PAIRS = re.compile(r"(?P<leader>项目负责人|负责人|项目联系人|联系人)\s*[:：]\s*|(?P<phone>(?:联系)?电话|联系方式)\s*[:：]\s*")


def read_header(b: Block, head_pos: dict[str, Pos | None], have: dict[str, bool], head_end: int) -> None:
    v, at = b.labelled(b.anchor)
    if is_unfilled(v):  # blank, only spaces, or only “/”, “—”, “无”
        b.fail(at, "项目名称为空，请填写批复的项目名称", EXPECT_PROJECT)
    b.put("project", b.text_value(v, at, "project"), at)
    read_year(b, b.anchor[0], head_end)
    for key in ("authority", "unit", "leader", "phone"):
        pos = head_pos[key]
        if pos is None:
            b.put(key, None, None)
            continue
        v, at = b.labelled(pos)
        if v is None and key in ("leader", "phone") and b.g.extent(*pos)[0] + 1 < head_end:
            bv, bat = b.below(pos)  # 项目负责人 / 联系电话 as headings over their values
            if bv is not None:
                v, at = bv, bat
        b.put(key, b.text_value(v, at, key), at)
    _one_cell_pairs(b, head_pos)
    _leader_and_phone(b, head_pos, head_end)
    _project_code(b, head_end)
    if not have["实施单位"]:
        _filling_unit(b, head_end)
    for label in ("主管部门", "实施单位"):
        if not have[label] and not (label == "实施单位" and b.data.get("unit")):
            b.note(None, f"表中没有“{label}”一栏，按空白读")


def _project_code(b: Block, head_end: int) -> None:
    """“项目编码 | 13102…” (or 项目代码/项目编号) in the head: our template — and the form as data —
    has no place for it, so it is not imported; said with its value rather than dropped unseen."""
    pos = b.find(PROJECT_CODE, b.r0, head_end)
    if pos is None:
        return
    v, at = b.labelled(pos)
    if v is None:
        return
    b.note(at, f"{label_part(b.g.norm(*pos))}“{as_text(v)}”本模板没有填写处，未导入", None)


def _filling_unit(b: Block, head_end: int) -> None:
    """No 实施单位 row, but “填报单位（盖章）：某县教育局” under the title: the unit that filled
    the form is the one that carried the project out, to be checked."""
    pos = b.find(FILLING_UNIT, b.r0, head_end)
    if pos is None:
        return
    v, at = b.labelled(pos)
    text = b.text_value(v, at, "unit")
    if text:
        b.put("unit", text, at)
        b.note(at, f"表中没有“实施单位”一栏，按“填报单位”读为“{text}”，需要核对", "unit")


def head_labels(b: Block, r0: int, r1: int) -> dict[str, Pos | None]:
    """Where the head's labels (other than 项目名称) sit in rows r0..r1-1."""
    return {k: b.find(p, r0, r1) for k, p in HEAD.items() if k != "project"}


def read_year(b: Block, anchor_row: int, head_end: int | None = None) -> None:
    """The year above the form (“（2022年度）”, 2022, “2022年…”), else beside a label of its
    head (“预算年度 | 2023”, rows up to ``head_end``), else above an earlier form on the sheet, else
    the year of the form to its left (side by side under one title), else in the sheet or file name —
    each fallback noted."""
    g = b.g

    def search(r0: int, last: bool) -> tuple[int, Pos] | None:
        cells = list(g.cells(r0, anchor_row))
        if last:
            cells.reverse()
        for test in YEAR_TESTS:
            for r, c in cells:
                y = cell_year(g.raw(r, c), test)
                if y is not None:
                    return y, (r, c)
        return None

    found = search(b.year_from, False)
    if found is None and head_end is not None:
        found = _labelled_year(b, anchor_row, head_end)
    if found:
        b.put("year", found[0], found[1])
        return
    if b.year_from > 0:
        found = search(0, True)
        if found:
            b.put("year", found[0], found[1])
            b.note(found[1], f"这张表上方没有写年度，按上一张表的 {found[0]} 年度读", "year")
            return
    if b.year_beside is not None:   # one title and year line above forms side by side: the left one's
        b.put("year", b.year_beside, None)
        b.note(None, f"这张表上方没有写年度，按左边那张表的 {b.year_beside} 年度读", "year")
        return
    for where, text in (("工作表名", g.sheet), ("文件名", Path(g.file).stem)):
        m = YEAR_ANY.search(text)
        if m:
            b.put("year", int(m.group(1)), None)
            b.note(None, f"表中没有写年度，按{where}“{text}”记为 {m.group(1)} 年度", "year")
            return
    # where the year belongs: the line above the 项目名称 label (the official form's “（    年度）”)
    at = (b.anchor[0] - 1, b.anchor[1]) if b.anchor[0] > b.year_from else b.anchor
    b.fail(at, "找不到年度（表头应有如“（2024年度）”的年度）", EXPECT_YEAR)



def _labelled_year(b: Block, r0: int, r1: int) -> tuple[int, Pos] | None:
    """“预算年度 | 2023” (or “年度：2023年”) among the head's rows."""
    pos = b.find(YEAR_LABEL, r0, r1)
    if pos is None:
        return None
    v, at = b.labelled(pos)
    y = bare_year(v)
    if y is None:
        y = cell_year(v, "nian")
    return (y, at) if y is not None else None


def _one_cell_pairs(b: Block, head_pos: dict[str, Pos | None]) -> None:
    """"项目负责人：张某  联系电话：138…" in one cell: each value up to the next label."""
    for key in ("leader", "phone"):
        pos = head_pos[key]
        if pos is None:
            continue
        text = b.g.text(*pos) or ""
        matches = list(_PAIRS.finditer(text))
        if len(matches) < 2:
            continue
        for i, m in enumerate(matches):
            k = m.lastgroup or ""
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            value = text[m.end():end].strip() or None
            if k in ("leader", "phone") and (b.data.get(k) is None or k == key or head_pos[k] == pos):
                b.put(k, value, pos)


def _leader_and_phone(b: Block, head_pos: dict[str, Pos | None], head_end: int) -> None:
    """One label for both ("项目负责人及联系电话 | 张某 13800000000"): the phone number is
    split off; where none is recognisable the whole text stays the leader, to be checked."""
    pos = head_pos.get("leader_phone")
    if pos is None or b.data.get("leader") is not None or b.data.get("phone") is not None:
        return
    v, at = b.labelled(pos, down=b.g.extent(*pos)[0] + 1 < head_end)
    text = b.text_value(v, at, "leader")
    if not text:
        return
    m = PHONE.search(text)
    if m is None:
        b.put("leader", text, at)
        b.note(at, f"“项目负责人及联系电话”一格写的是“{text}”，找不到电话号码：整段按项目负责人读，需要核对", "leader")
        return
    name = (text[:m.start()] + " " + text[m.end():]).strip(" ，,、/;；:：\t\n")
    b.put("leader", name or None, at)
    b.put("phone", m.group(0), at)
