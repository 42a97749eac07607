"""The 项目资金 block: its head row (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分),
its rows (年度资金总额 and the 其中 rows), and the money unit (万元, or 元 converted)."""

from __future__ import annotations

import re
from typing import Any

from ..forms.project.model import FUND_COLS, FUND_ROWS
from .block import Block
from .grid import Pos, as_text
from .labels import FUND_HEAD, FUND_ROW, FUNDS_LABEL, GOAL, GOAL_FIELDS, HEAD, IND_HEAD, label_part
from ..core.quotes import quoted_series


def fund_head_row(b: Block, r0: int | None = None) -> int | None:
    """The row heading the 项目资金 block (全年预算数 and 全年执行数 side by side), from row ``r0`` (the
    项目名称 label's) down to the indicator table's heading — or, given the row after that heading, below
    it: some counties print the 项目资金 table after the indicators (``form.read_block``)."""
    g = b.g
    late = r0 is not None
    for r in range(b.anchor[0] if r0 is None else r0, b.r1):
        keys = {k for _, c in g.cells(r, r + 1) for k in ("annual", "executed") if FUND_HEAD[k].fullmatch(g.norm(r, c))}
        if keys == {"annual", "executed"}:
            return r
        if not late and any(IND_HEAD["name"].fullmatch(g.norm(r, c)) for _, c in g.cells(r, r + 1)):
            return None
    return None


def fund_cols(b: Block, r: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    for _, c in b.g.cells(r, r + 1):
        n = b.g.norm(r, c)
        for k in ("initial", "annual", "executed", "weight", "rate", "score"):
            if k not in cols and FUND_HEAD[k].fullmatch(n):
                cols[k] = c
                break
    return cols


def fund_rows(b: Block, fund_head: int, cols: dict[str, int], ind_head: Pos | None) -> dict[str, int]:
    g = b.g
    money_from = min(cols[k] for k in ("initial", "annual", "executed") if k in cols)
    start = g.extent(fund_head, money_from)[0] + 1
    stop = min(ind_head[0] if ind_head and ind_head[0] > fund_head else b.r1, start + 8)
    rows: dict[str, int] = {}
    # a money table listing the project by name (项目名称 | 年初预算数 | …): its row is the total
    by_name = any(HEAD["project"].fullmatch(g.norm(fund_head, c)) for c in range(money_from))
    for r in range(start, stop):
        parts: list[str] = []
        where: Pos = (r, 0)
        for c in range(money_from):
            o = g.origin(r, c)
            if o[0] != r or o[1] != c:
                continue  # a label merged down from above (项目资金) or across
            n = g.norm(r, c)
            if n and not FUNDS_LABEL.fullmatch(n):
                where = where if parts else (r, c)
                parts.append(n)
        label = "".join(parts)
        if not label:
            continue
        if any(GOAL.fullmatch(label_part(t)) or any(p.fullmatch(label_part(t)) for p in GOAL_FIELDS.values())
               for t in (label, *parts)):
            break   # the 年度总体目标 table below: “年度总体目标 | 预期目标” on one row
        for key in FUND_ROWS:
            if FUND_ROW[key].fullmatch(label):
                if key not in rows:
                    rows[key] = r
                    b.source_rows[key] = [(where, label)]
                elif key != "total" and len(label) <= 16:   # a label, not a sentence that names 财政资金
                    b.source_rows[key].append((where, label))
                break
        else:
            if by_name and "total" not in rows and not rows:
                rows["total"] = r
                b.note(where, f"项目资金表按项目名称列出，“{label}”一行按年度资金总额读")
            elif any(g.raw(r, cols[k]) is not None and g.origin(r, cols[k])[0] == r
                     for k in ("initial", "annual", "executed") if k in cols):
                # a row of amounts under a label of no source of ours: said, not dropped unseen
                b.note(where, f"项目资金表第 {r + 1} 行“{g.text(*where)}”不是本模板的资金来源（当年财政拨款、上年结转资金、"
                              f"其他资金），其金额未导入，请核对")
    return rows


# "金额单位：元" / "单位：万元" written under a title (also read by ``targets``)
UNIT_LINE = re.compile(r"单位:万?元(?![\u4e00-\u9fff])")


def money_unit(b: Block, fund_head: int, cols: dict[str, int]) -> None:
    g = b.g
    texts: list[tuple[str, Pos]] = []
    for r, c in g.cells(max(b.anchor[0], fund_head - 2), fund_head + 1):
        texts.append((g.norm(r, c), (r, c)))
    # "金额单位：元" may sit under the title, above the 项目名称 (beside "填报单位：…")
    for r, c in g.cells(b.r0, b.anchor[0]):
        m = UNIT_LINE.search(g.norm(r, c))
        if m:
            texts.append((m.group(0), (r, c)))
    # the 项目资金 label merged down the left of the block may start above the head row
    for r in range(fund_head, fund_head + 6):
        for c in range(min(cols.values())):
            o = g.origin(r, c)
            if FUNDS_LABEL.fullmatch(g.norm(*o)):
                texts.append((g.norm(*o), o))
    for n, pos in texts:
        if "万元" in n:
            return
    for n, pos in texts:
        if re.search(r"\(元\)|单位:元|元\)$|^元$", n):
            b.money_unit = "元"
            b.note(pos, "项目资金的单位是元：金额都已换算为万元（÷10000）")
            return
    b.note(None, "项目资金没有注明单位，按万元读")


def no_funds(b: Block) -> None:
    """A form without any 项目资金 block (the 项目库 layout may omit it): funds blank, never invented."""
    b.data["funds"] = {key: {col: None for col in FUND_COLS} for key in FUND_ROWS}
    for key in ("funds_weight", "exec_score", "exec_rate"):
        b.put(key, None, None)
    b.note(None, "表中没有项目资金（全年预算数/全年执行数），资金按空白读（不推算）")


def read_funds(b: Block, fund_head: int, cols: dict[str, int], rows: dict[str, int]) -> None:
    """The money rows under the head; 分值/执行率/得分 on the 年度资金总额 row, or — where the
    layout has none — on the first money row (the columns are merged down the block there)."""
    money_unit(b, fund_head, cols)
    heads = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}
    labels = {"total": "年度资金总额", "fiscal": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
    if "initial" not in cols:
        b.note(None, "表中没有“年初预算数”列，年初预算数按空白读")
    funds: dict[str, Any] = {}
    for key in FUND_ROWS:
        if key not in rows:
            funds[key] = {col: None for col in FUND_COLS}
            continue
        r = rows[key]
        row: dict[str, Any] = {}
        for col in FUND_COLS:
            if col not in cols:
                row[col] = None
                continue
            pos = b.g.origin(r, cols[col])
            row[col] = b.number(pos, f"{labels[key]}的{heads[col]}", f"funds.{key}.{col}", money=True)
            b.cells[f"funds.{key}.{col}"] = b.g.ref(*pos)
        more = b.source_rows.get(key, [])[1:]
        for (r2, _c), label in more:
            for col in FUND_COLS:
                if col in cols:
                    add = b.number(b.g.origin(r2, cols[col]), f"“{label}”的{heads[col]}", f"funds.{key}.{col}", money=True)
                    if add is not None:
                        row[col] = round((row[col] or 0) + add, 10)
        if more:
            named = quoted_series(t.removeprefix('其中:') for _at, t in b.source_rows[key])
            b.note(b.source_rows[key][0][0], f"{named}都是{labels[key]}，按合计读入{labels[key]}一行")
        funds[key] = row
    b.data["funds"] = funds
    if "total" not in rows:
        if rows:
            b.note(None, "项目资金没有“年度资金总额”行：年度资金总额按空白读，全年预算数、全年执行数按其中各行合计")
        else:
            b.note(None, "项目资金表下没有金额行：资金按空白读（不推算）")
    first = rows.get("total", min(rows.values(), default=None))
    if first is None:
        for key in ("funds_weight", "exec_score", "exec_rate"):
            b.put(key, None, None)
        return
    r = first
    for key, col, what in (("funds_weight", "weight", "执行率分值"), ("exec_score", "score", "执行率得分")):
        if col in cols:
            pos = b.g.origin(r, cols[col])
            b.put(key, b.number(pos, what, key), pos)
        else:
            b.put(key, None, None)
    if "rate" in cols:
        pos = b.g.origin(r, cols["rate"])
        v = b.g.raw(*pos)
        if isinstance(v, bool) or not isinstance(v, (int, float, str, type(None))):
            v = as_text(v)
        b.put("exec_rate", v, pos)
    else:
        b.put("exec_rate", None, None)
