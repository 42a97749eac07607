"""The foot of a form: the 总分 row (分值, 得分, perhaps 等级), 说明/备注 and the signatures."""

from __future__ import annotations

import re
from typing import Any

from ..core.grades import grade, grade_word, stated_grade_word, written_grade
from ..core.numbers import to_number
from .block import Block
from .grid import Pos, as_text, ref
from .labels import FILLED_ON_ABOVE, FOOT_RX, GRADE, REMARK, TOTAL, ZH, label_part


def _col(c: int) -> str:
    return ref(0, c)[:-1]


def read_total(b: Block, r: int, cols: dict[str, int]) -> None:
    """总分: its 分值 and 得分 under the 分值/得分 columns, or — where the row is
    shifted against the indicator columns — the last two numbers of the row."""
    g = b.g
    label = next(c for _, c in g.cells(r, r + 1) if TOTAL.fullmatch(label_part(g.norm(r, c))))
    label_end = g.extent(r, label)[1]
    nums: list[tuple[Pos, Any]] = []
    c = label_end + 1
    while c < g.ncols:
        o = g.origin(r, c)
        v = g.raw(*o)
        if v is not None:
            num = to_number(v)
            if num is not None:
                nums.append((o, num))
            elif isinstance(v, str) and stated_grade_word(v):   # “优”, “等级：优秀”, “合格”
                b.cells["grade"] = g.ref(*o)
                b.stated["grade"] = written_grade(v)
        c = g.extent(*o)[1] + 1
    at = {k: g.origin(r, cols[k]) for k in ("weight", "score")}
    found = {k: next((n for o, n in nums if o == at[k]), None) for k in at}
    aligned = (found["weight"] is not None and found["score"] is not None) or all(o in at.values() for o, _ in nums)
    if aligned:
        for key, k in (("total_weight", "weight"), ("total_score", "score")):
            if at[k][1] <= label_end:  # the 总分 label itself spans this column
                b.put(key, None, None)
            else:
                b.put(key, b.number(at[k], "总分的" + ZH[k], key), at[k])
        return
    heads = f"“分值”“得分”列（{_col(cols['weight'])}、{_col(cols['score'])} 列）"
    if len(nums) == 1:
        ((o, _n),) = nums
        b.put("total_weight", None, None)
        b.put("total_score", b.number(o, "总分的得分", "total_score"), o)
        b.note(o, f"总分行只有一个数，且不在{heads}下：按总分的得分读", "total_score")
        return
    (ow, nw), (os_, ns) = nums[-2], nums[-1]
    b.put("total_weight", b.number(ow, "总分的分值", "total_weight"), ow)
    b.put("total_score", b.number(os_, "总分的得分", "total_score"), os_)
    b.note(f"{ref(*ow)}、{ref(*os_)}", f"总分行的数不在{heads}下，按位置读：{as_text(nw)} 为分值、"
                                       f"{as_text(ns)} 为得分", "total_score")


def read_grade(b: Block, total: int) -> None:
    """The 等级 the form states — “优” on the 总分 row, or “自评等级 | 优” (“自评等级：优”) on a row
    from the 总分 down — kept as ``stated`` for ``check`` to compare with the 总分 (rule D13). Our
    template has no cell for a typed 等级 (its formula grades the 总分): where the two differ, the
    import says that the stated one is not carried."""
    pos = b.find(GRADE, total, b.r1)
    if pos is not None:
        v, at = b.labelled(pos)
        text = written_grade(as_text(v))
        if text is not None:
            b.stated["grade"] = text
            b.cells["grade"] = b.g.ref(*at)
    said, score = b.stated.get("grade"), b.data.get("total_score")
    ours = grade(score)   # what our template's 等级 formula shows for this 总分
    if said is None or grade_word(said) == ours:   # “优秀” is the “优” our formula shows
        return            # nothing is lost: the imported form shows the same 等级
    b.note(b.cells["grade"], f"等级“{said}”本模板没有填写处，未导入（本模板的等级由总分算出" +
           (f"：总分 {as_text(score)} 为“{ours}”）" if ours else "）"), None)


def read_footer(b: Block, r0: int) -> None:
    g = b.g
    for key in ("remark", "unit_leader", "filled_by", "filled_on", "contact"):
        b.data[key] = None
    pos = b.find(REMARK, r0, b.r1)
    if pos is not None:
        v, at = b.labelled(pos)
        b.put("remark", b.text_value(v, at, "remark"), at)
    seen: set[str] = set()
    for r, c in g.cells(r0, b.r1):
        text = g.text(r, c) or ""
        if pos is not None and (r, c) == pos:
            continue
        matches = list(FOOT_RX.finditer(text))
        if not matches or text[:matches[0].start()].strip():
            continue
        for i, m in enumerate(matches):
            key = m.lastgroup or ""
            if key in seen:
                continue
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            value = re.sub(r"^\s*[:：]", "", text[m.end():end]).strip()
            seen.add(key)
            if value:
                b.put(key, value, (r, c))
            elif i == len(matches) - 1:
                v, at = b.right_of((r, c))
                b.put(key, b.text_value(v, at, key), at)
            else:
                b.put(key, None, (r, c))


# “填报日期：2024年3月15日” written in one cell, perhaps after “填报单位：…” and before “单位：元”
_FILLED_ON_INLINE = re.compile(r"填\s*[报表]\s*(?:日\s*期|时\s*间)\s*[:：]\s*(?P<v>.*?)\s*(?:\s{2,}|(?:金额)?单位\s*[:：]|$)")


def read_filled_on_above(b: Block) -> None:
    """Many counties print “填报单位：…　填报日期：…　单位：元” under the title instead of a 填报日期
    in the signatures: with none below the 总分, that date is the form's (it was dropped unread, and
    the imported form's 填报日期 stayed blank with nothing said)."""
    if b.data.get("filled_on") is not None:
        return
    g = b.g
    for r, c in g.cells(b.r0, b.anchor[0]):
        if FILLED_ON_ABOVE.fullmatch(label_part(g.norm(r, c))):
            v, at = b.labelled((r, c))
            if v is not None:
                b.put("filled_on", b.text_value(v, at, "filled_on"), at)
                return
        m = _FILLED_ON_INLINE.search(g.text(r, c) or "")
        if m and m.group("v"):
            b.put("filled_on", m.group("v"), (r, c))
            return
