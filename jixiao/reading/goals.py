"""年度总体目标: 预期目标 and 实际完成情况, as headings over their texts or as rows."""

from __future__ import annotations

from .block import Block
from .labels import GOAL, GOAL_FIELDS, inline


def read_goals(b: Block, r0: int, r1: int) -> None:
    pos = {k: b.find(p, r0, r1) for k, p in GOAL_FIELDS.items()}
    exp, act = pos["goal_expected"], pos["goal_actual"]
    same_row = exp is not None and act is not None and exp[0] == act[0]
    for key, p in pos.items():
        if p is None:
            b.put(key, None, None)
            continue
        text = inline(b.g.text(*p))
        if text is not None:
            b.put(key, text, p)
            continue
        if same_row:  # 预期目标 | 实际完成情况 headings, the texts below them
            v, at = b.below(p)
        else:         # 预期目标 | text, 实际完成情况 | text
            v, at = b.right_of(p)
            if v is None:
                bv, bat = b.below(p)
                if bv is not None:
                    v, at = bv, bat
        b.put(key, b.text_value(v, at, key), at)
    if exp is None and act is None:
        g = b.find(GOAL, r0, r1)
        if g is not None:
            v, at = b.labelled(g)
            if v is not None:
                b.put("goal_expected", b.text_value(v, at, "goal_expected"), at)
                b.note(at, "年度总体目标没有分“预期目标/实际完成情况”，整段按预期目标读", "goal_expected")
