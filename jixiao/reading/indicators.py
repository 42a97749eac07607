"""The 绩效指标 grid: columns found by their header text, 一级/二级 merged or carried down,
several indicators packed into one cell split line by line — each guess noted."""

from __future__ import annotations

from typing import Any

from .block import Block
from .grid import Pos, as_text, norm, ref
from .labels import IND_HEAD, LEVEL_NAMES, NUMBERED, PREFIX, PREFIX_ZHIBIAO, TOTAL, ZH, label_part, lines


def ind_cols(b: Block, r: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    for _, c in b.g.cells(r, r + 1):
        n = b.g.norm(r, c)
        for k, p in IND_HEAD.items():
            if k not in cols and p.fullmatch(n):
                cols[k] = c
                break
    return cols


def total_row(b: Block, start: int) -> int | None:
    g = b.g
    for r in range(start, b.r1):
        for _, c in g.cells(r, r + 1):
            if TOTAL.fullmatch(label_part(g.norm(r, c))):
                return r
    return None


def read_indicators(b: Block, head: Pos, cols: dict[str, int], total: int) -> list[int]:
    """The indicators between the header row and the 总分 row; returns their 1-based rows."""
    g = b.g
    start = max(g.extent(head[0], c)[0] for c in cols.values()) + 1
    inds: list[dict[str, Any]] = []
    rows: list[int] = []
    last: dict[str, tuple[str, str | None]] = {"level1": ("", None), "level2": ("", None)}
    inherited: dict[str, list[str]] = {"level1": [], "level2": []}

    def flush(key: str) -> None:
        run = inherited[key]
        if run:
            zh = "一级指标" if key == "level1" else "二级指标"
            cells = run[0] if len(run) == 1 else f"{run[0]}:{run[-1]}"
            val, src = last[key]
            b.note(cells, f"{zh}空白，按上方 {src} 的「{val}」读", None)
            inherited[key] = []

    for r in range(start, total):
        at = {k: g.origin(r, c) for k, c in cols.items()}
        val = {k: g.raw(*p) for k, p in at.items()}
        fields = [k for k in ("name", "target", "actual", "weight", "score", "reason") if k in at]
        own = [k for k in fields if at[k][0] == r and val[k] is not None]
        if not own:
            continue  # blank, or only 一级/二级 or texts merged down from the rows above
        if "target" in at and at["name"] == at["target"] == at.get("actual"):
            b.note(at["name"], f"第 {r + 1} 行是跨列合并的文字「{as_text(val['name'])}」，不是指标，已跳过")
            continue
        # 一级/二级: merged ranges give the value; a blank unmerged cell takes the row above
        lv: dict[str, tuple[str, str | None]] = {}
        for key in ("level1", "level2"):
            if key not in cols:
                lv[key] = ("", None)
                continue
            v = val[key]
            if v is not None:
                flush(key)
                t = as_text(v) or ""
                t = norm(t) if norm(t) in LEVEL_NAMES else t
                last[key] = (t, g.ref(*at[key]))
                lv[key] = last[key]
            elif last[key][1] is not None:
                inherited[key].append(ref(r, cols[key]))
                lv[key] = last[key]
            else:
                lv[key] = ("", ref(r, cols[key]))
        # texts and numbers merged down over several indicator rows
        for k in fields:
            if at[k][0] < r:
                if at[k][0] < start:
                    val[k] = None      # a heading merged down into the rows
                elif k in ("weight", "score"):
                    val[k] = None
                    if r == at[k][0] + 1:
                        b.note(g.span(*at[k]), f"{ZH[k]}跨行合并，只算在第一个指标上", None)
                elif r == at[k][0] + 1:
                    b.note(g.span(*at[k]), f"{ZH[k]}跨行合并，同一内容用于合并范围内的每个指标", None)
        new = _indicator_row(b, r, at, val, lv, len(inds))
        inds.extend(new)
        rows.extend([r + 1] * len(new))
    flush("level1")
    flush("level2")
    b.data["indicators"] = inds
    return rows


def _indicator_row(b: Block, r: int, at: dict[str, Pos], val: dict[str, Any],
                   lv: dict[str, tuple[str, str | None]], first: int) -> list[dict[str, Any]]:
    g = b.g
    name_text = as_text(val.get("name")) or ""
    names = lines(name_text)
    n = len(names)
    packed = n >= 2 and any(len(lines(as_text(val.get(k)))) == n for k in ("target", "actual", "weight", "score"))
    if not packed:
        names = [PREFIX.sub("", name_text) if name_text else ""]
        n = 1
    else:
        names = [PREFIX.sub("", x) for x in names]
        b.note(at["name"], f"一格中有 {n} 个指标（{'、'.join(names)}），按换行拆开；同一行的指标值、完成值、"
                           f"分值、得分也按行对应拆开", None)
    split: dict[str, list[Any]] = {}
    for k in ("target", "actual", "reason", "weight", "score"):
        if k not in at:
            split[k] = [None] * n
            continue
        v = val.get(k)
        if not packed:
            split[k] = [_ind_value(b, k, v, at[k])]
            continue
        parts = lines(as_text(v))
        if len(parts) > 1 and all(NUMBERED.match(p) for p in parts) and k != "weight" and k != "score":
            parts = [NUMBERED.sub("", p) for p in parts]
        parts = [PREFIX_ZHIBIAO.sub("", p) for p in parts]
        if len(parts) == n:
            split[k] = [_ind_value(b, k, p, at[k]) for p in parts]
        elif not parts:
            split[k] = [None] * n
        elif len(parts) == 1:
            split[k] = [_ind_value(b, k, parts[0], at[k])] + [None] * (n - 1)
            b.note(at[k], f"{ZH[k]}只有一行，而三级指标有 {n} 个：按第一个指标的{ZH[k]}读，其余空白", None)
        else:
            raise b.error(at[k], f"{ZH[k]}一格中有 {len(parts)} 行，与三级指标的 {n} 行对不上，无法拆分")
    out = []
    for i in range(n):
        idx = first + i
        out.append({"level1": lv["level1"][0], "level2": lv["level2"][0], "name": names[i],
                    "target": split["target"][i], "actual": split["actual"][i], "weight": split["weight"][i],
                    "score": split["score"][i], "reason": split["reason"][i]})
        for k in ("level1", "level2"):
            src = lv[k][1]
            if src is not None:
                b.cells[f"indicators[{idx}].{k}"] = src
        for k in ("name", "target", "actual", "weight", "score", "reason"):
            if k in at:
                b.cells[f"indicators[{idx}].{k}"] = g.ref(*at[k])
    return out


def _ind_value(b: Block, k: str, v: Any, pos: Pos) -> Any:
    if k in ("weight", "score"):
        if isinstance(v, str) and v.strip() == "":
            return None
        return b.number_value(v, pos, ZH[k])
    return b.text_value(v, pos, k) if v is not None else None
