"""The 绩效指标 grid: columns found by their header text, 一级/二级 merged or carried down,
several indicators packed into one cell split line by line — each guess noted."""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..core.values import normalize, stored_percent
from ..core.numbers import POINTS, is_dash, is_number, score_text, scores_apart
from ..forms.project.model import LEVEL1
from ..guard.sanitize import full_marks_note
from .block import Block
from .grid import Pos, as_text, norm, ref
from .labels import (EXEC_ROW, IND_HEAD, is_label, LEVEL_NAMES, NUMBERED, PREFIX, PREFIX_ZHIBIAO, SECTION, SUBTOTAL, TOTAL, ZH,
                     label_part, lines)
from .note import Note
from ..core.quotes import quoted_series


def _match(n: str) -> str | None:
    return next((k for k, p in IND_HEAD.items() if p.fullmatch(n)), None)


def ind_header(b: Block, r: int) -> tuple[dict[str, int], int]:
    """The indicator columns by their header text, and the first row below the header.

    A header may be split over two rows ("年度" above "指标值", "实际" above "完成值"):
    the row below continues it when every cell it has of its own is such a part. Headers
    merged down from the row above (a "绩效指标" band over 一级…三级) count too, and a band
    merged across columns over headers of their own ("指标值" over "年度指标值" | "实际完成值")
    is read by the headers under it."""
    g = b.g
    first = [(c, g.norm(r, c)) for c in range(g.ncols)]
    below = {c: g.norm(r + 1, c) for c in range(g.ncols)
             if g.origin(r + 1, c) == (r + 1, c) and g.raw(r + 1, c) is not None}
    two_rows = bool(below) and all(is_label(text + below[c]) or is_label(below[c])
                                   for c, text in first if c in below)
    cols: dict[str, int] = {}
    seen: set[tuple[int, int]] = set()
    for c, text in first:
        o = g.origin(r, c)
        band = two_rows and c in below and g.extent(r, c)[1] > o[1]
        if o in seen and not band:
            continue
        seen.add(o)
        if band:
            k = _match(below[c]) or _match(text + below[c])
        elif two_rows and c in below:
            k = _match(text + below[c]) or _match(below[c])
        else:
            k = _match(text)
        if k and k not in cols:
            cols[k] = c
        elif k == "reason" and "measures" not in cols:
            cols["measures"] = c  # 偏差原因 | 改进措施 side by side
        elif k in ("weight", "score") and "name" in cols and cols[k] < cols["name"] < c:
            cols[k] = c  # “一级指标 | 分值 | … | 三级指标 | … | 分值”: the first is the 一级指标's (``note_other_columns``)
    start = max([g.extent(r, c)[0] for c in cols.values()] + [r]) + 1
    if two_rows:
        start = max(start, r + 2)
    if "reason" in cols and "measures" not in cols:
        under = _reason_halves(b, r, cols["reason"])
        if under:
            cols["reason"], cols["measures"] = under
            start = max(start, r + 2)
    return cols, start


def _reason_halves(b: Block, r: int, c: int) -> tuple[int, int] | None:
    """“偏差原因分析及改进措施” merged across two columns over “偏差原因” | “改进措施”: the two columns."""
    g = b.g
    (r0, c0), (r1, c1) = g.origin(r, c), g.extent(r, c)
    if r1 != r or c1 == c0:
        return None
    subs = [cc for cc in range(c0, c1 + 1)
            if g.origin(r + 1, cc) == (r + 1, cc) and _HALF.fullmatch(g.norm(r + 1, cc))]
    return (subs[0], subs[1]) if len(subs) == 2 else None


_HALF = re.compile(r".*(?:原因|措施).*")


def total_row(b: Block, start: int) -> int | None:
    g = b.g
    for r in range(start, b.r1):
        for _, c in g.cells(r, r + 1):
            if TOTAL.fullmatch(label_part(g.norm(r, c))):
                return r
    return None


def read_indicators(b: Block, start: int, cols: dict[str, int], total: int) -> list[int]:
    """The indicators from row ``start`` to the 总分 row; returns their 1-based rows."""
    g = b.g
    inds: list[dict[str, Any]] = []
    rows: list[int] = []
    last: dict[str, tuple[str, str | None]] = {"level1": ("", None), "level2": ("", None)}
    inherited: dict[str, list[str]] = {"level1": [], "level2": []}
    joined_any = False
    # the 一级指标 a section row (“产出指标（50分）”) gives the rows under it: its name and cell, and the section
    # itself (``_Section``), said once its rows are read
    section: tuple[str, str | None] = ("", None)
    open_: _Section | None = None

    def flush(key: str) -> None:
        run = inherited[key]
        if run:
            zh = "一级指标" if key == "level1" else "二级指标"
            cells = run[0] if len(run) == 1 else f"{run[0]}:{run[-1]}"
            val, src = last[key]
            b.note(cells, f"{zh}空白，按上方 {src} 的“{val}”读", None)
            inherited[key] = []

    for r in range(start, total):
        at = {k: g.origin(r, c) for k, c in cols.items()}
        val = {k: g.raw(*p) for k, p in at.items()}
        fields = [k for k in ("name", "target", "actual", "weight", "score", "reason", "measures") if k in at]
        own = [k for k in fields if at[k][0] == r and val[k] is not None and not is_dash(val[k])]
        sec = _section_row(b, r, cols, fields)
        if sec is not None:   # “产出指标（50分）” over the rows of that 一级指标: their 一级指标 until the next one
            if open_ is not None:
                open_.say(b, inds, rows)
            open_ = _Section(b, r, sec, len(inds), len(b.notes))
            section = (open_.level1, g.ref(*sec))
            if "level1" in cols:  # a 一级指标 column left blank under it: carried down from the section row
                flush("level1")
                last["level1"] = section
            continue
        if not own:
            continue  # blank or dashes ("/" in an unused row), or only 一级/二级 or texts merged down from above
        label = next((at[k] for k in ("level1", "level2", "name") if k in at and at[k][0] == r
                      and EXEC_ROW.fullmatch(norm(as_text(val[k]) or ""))), None)
        if label is not None:  # “预算执行率” as a row of the table: the form's 执行率, never an indicator
            _exec_row(b, r, label, at, val)
            continue
        if "target" in at and at["name"] == at["target"] == at.get("actual"):
            b.note(at["name"], f"第 {r + 1} 行是跨列合并的文字“{as_text(val['name'])}”，不是指标，已跳过")
            continue
        sub = next((at[k] for k in ("level1", "level2", "name") if k in at and at[k][0] == r
                    and SUBTOTAL.fullmatch(norm(val[k]))), None)
        if sub is not None:  # “小计” after each 一级指标: a sum of the rows above, not an indicator
            b.note(sub, f"第 {r + 1} 行是“{as_text(g.raw(*sub))}”行（上方指标的合计），不是指标，已跳过")
            continue
        if _name_goes_on(at, val, own, r, rows, start):   # the 三级指标 wrapped into a second row of its own
            ind, first = inds[-1], g.ref(rows[-1] - 1, cols["name"])
            ind["name"] = f"{as_text(ind['name']) or ''}{as_text(val['name']) or ''}"
            b.note(f"{first}、{g.ref(*at['name'])}", f"三级指标名称分写在两行，分值、得分等跨这两行合并："
                   f"按一个指标“{ind['name']}”读", None)
            continue
        # 一级/二级: merged ranges give the value; a blank unmerged cell takes the row above
        lv: dict[str, tuple[str, str | None]] = {}
        for key in ("level1", "level2"):
            if key not in cols:
                lv[key] = section if key == "level1" else ("", None)
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
        if "measures" in at:
            joined_any = _join_reason(at, val) or joined_any
        new = _indicator_row(b, r, at, val, lv, len(inds))
        inds.extend(new)
        rows.extend([r + 1] * len(new))
    flush("level1")
    flush("level2")
    if open_ is not None:
        open_.say(b, inds, rows)
    if "measures" in cols and joined_any:
        b.note(f"{g.ref(start - 1, cols['reason'])}、{g.ref(start - 1, cols['measures'])}",
               "偏差原因、改进措施分两列：合为一段读入“偏差原因分析及改进措施”（“偏差原因：…；改进措施：…”）", None)
    beside = [k for k in ("sign", "unit") if k in cols]
    if beside and inds:
        heads = quoted_series(g.text(start - 1, cols[k]) or '' for k in beside)
        b.note("、".join(g.ref(start - 1, cols[k]) for k in beside),
               f"{heads}{'两列' if len(beside) == 2 else '一列'}与年度指标值合为一格读入（如“≥95%”）"
               + ("，只写数字的实际完成值补上计量单位" if "unit" in cols else ""), None)
    b.data["indicators"] = inds
    return rows


def _name_goes_on(at: dict[str, Pos], val: dict[str, Any], own: Sequence[str], r: int, rows: list[int],
                  start: int) -> bool:
    """Row ``r`` holds only a 三级指标 text, and the 分值 and 得分 (and every other column it has) are merged
    down from the row of the indicator just read: the name wrapped into two cells (“困难群众就医” over “负担减轻
    程度”), as a county whose rows are fixed-height lays a long name. Read as one indicator (it was two: the
    second without 分值 and 得分, which the check then reported as an indicator left blank)."""
    if list(own) != ["name"] or not rows or "weight" not in at or "score" not in at:
        return False
    above = rows[-1] - 1                       # the 0-based row of the indicator read last
    if not (start <= above < r):
        return False
    merged = [k for k in ("target", "actual", "weight", "score", "reason") if k in at]
    if any(at[k][0] != above for k in merged if at[k][0] != r or val[k] is not None):
        return False                           # a column of its own on this row: another indicator
    return at["weight"][0] == above and at["score"][0] == above and ("level2" not in at or at["level2"][0] < r
                                                                     or val.get("level2") is None)


def _section_row(b: Block, r: int, cols: dict[str, int], fields: Sequence[str]) -> Pos | None:
    """The cell of a section row's heading (“产出指标（50分）”, “二、效益指标”): the one thing the row holds
    within the indicator table's columns, read as a 一级指标 (``labels.SECTION``), merged across the
    table or written in a column of no indicator's own value (the 一级/二级 column). A 三级指标 named
    “满意度” with nothing beside it is still an indicator."""
    g = b.g
    right = max(cols.values())
    pos: Pos | None = None
    for at in g.cells(r, r + 1):
        if at[1] <= right and not is_dash(g.raw(*at)):
            if pos is not None:
                return None   # an indicator's row (most rows: left at their second cell)
            pos = at
    if pos is None or not isinstance(g.raw(*pos), str) or not SECTION.fullmatch(g.norm(*pos)):
        return None
    across = g.extent(*pos)[1] > pos[1]
    return pos if across or pos[1] not in {cols[k] for k in fields} else None


class _Section:
    """A section row read (``_section_row``): its row and cell, the 一级指标 and 分值 it gives, where its
    indicators start in the form's list, and where its note goes among the form's notes (in row order)."""

    def __init__(self, b: Block, r: int, pos: Pos, first: int, note_at: int):
        self.r, self.pos, self.first, self.note_at = r, pos, first, note_at
        m = SECTION.fullmatch(b.g.norm(*pos))
        assert m is not None
        self.text = b.g.text(*pos) or ""
        self.level1 = next(n for n in LEVEL1 if n.startswith(m["name"]))
        self.weight = float(m["weight"]) if m["weight"] else None

    def say(self, b: Block, inds: list[dict[str, Any]], rows: list[int]) -> None:
        """The note of the section: the rows it gave their 一级指标, and its 分值 against theirs."""
        mine = inds[self.first:]
        where = rows[self.first:]
        head = f"第 {self.r + 1} 行“{_short(self.text, 24)}”是一级指标的分节行，不是指标"
        if not mine:
            b.notes.insert(self.note_at, Note(b.g.ref(*self.pos), f"{head}；其下没有指标", None))
            return
        span = f"第 {where[0]} 行" if where[0] == where[-1] else f"第 {where[0]}–{where[-1]} 行"
        msg = f"{head}：其下{span} {len(mine)} 个指标的一级指标按“{self.level1}”读"
        if self.weight is not None:
            got = sum(w for i in mine if isinstance(w := i["weight"], (int, float)))
            if scores_apart(self.weight, got):
                msg += (f"；写明的分值 {score_text(self.weight)}与这些指标的分值之和 {score_text(got)}不符（本模板不单列一级指标的"
                        f"分值，按各指标的分值计），需要核对")
            else:
                msg += f"，写明的分值 {score_text(self.weight)}与这些指标的分值之和相符"
        b.notes.insert(self.note_at, Note(b.g.ref(*self.pos), msg, None))


# the form's 执行率 fields, the indicator column each is read from on a “预算执行率” row, what a message calls it
_EXEC_FIELDS = (("funds_weight", "weight", "分值"), ("exec_rate", "actual", "执行率"), ("exec_score", "score", "得分"))


def _exec_row(b: Block, r: int, label: Pos, at: dict[str, Pos], val: dict[str, Any]) -> None:
    """A “预算执行率” (“资金执行率”) row in the indicator table: its 分值, 实际完成值 and 得分 are the
    form's 执行率分值, 执行率 and 执行率得分 — where our template keeps them, on the 年度资金总额 row of
    the 项目资金 — and not a 三级指标 (its points would be counted twice: the 执行率 is a part of the
    form of its own). A value the 项目资金 block already gives stands; one that differs is said."""
    g = b.g
    name = as_text(g.raw(*label)) or ""
    read: list[str] = []
    differ: list[str] = []
    for key, k, what in _EXEC_FIELDS:
        pos = at.get(k)
        if pos is None or pos == label or pos[0] != r:
            continue   # no such column, the label merged across it, or a cell merged down from above
        v = val[k]
        if v is None or is_dash(v):
            continue
        got: Any
        if k == "actual":
            got = v if isinstance(v, (int, float, str)) and not isinstance(v, bool) else as_text(v)
        else:
            got = b.number_value(v, pos, f"执行率{what}", key, POINTS)
        if got is None:
            continue
        shown = f"“{as_text(got)}”" if k == "actual" else f" {as_text(got)}"
        had = b.data.get(key)
        if had is None:
            b.put(key, got, pos)
            read.append(f"{what}{shown}")
        elif had != got:
            differ.append(f"{what}（项目资金中为 {as_text(had)}，此行为 {as_text(got)}）")
    t = at.get("target")
    target = val["target"] if t is not None and t not in (label, at.get("actual")) and t[0] == r else None
    msg = f"第 {r + 1} 行“{name}”不是三级指标，是本表的预算执行率"
    if read:
        msg += f"：{'、'.join(read)} 按执行率的分值、执行率、得分读（本模板在年度资金总额一行）"
    if differ:
        msg += f"；{'、'.join(differ)}与项目资金中所写不同，按项目资金读"
    if target is not None and not is_dash(target):
        msg += f"；年度指标值“{as_text(target)}”本模板没有，未导入"
    b.note(label, msg, None)


_NUMBERING = re.compile(r"序号|编号|排序|行次")


def note_other_columns(b: Block, head: int, start: int, total: int, cols: dict[str, int]) -> None:
    """Columns of the indicator table our template has none of (“指标解释”, “备注”, “评分标准”):
    what they hold is not imported — said once per column, with its first cells, so that nothing
    the original had is lost unseen. A 序号 column and blank columns are passed over."""
    g = b.g
    used = set(cols.values())
    for c in range(g.ncols):   # a form beside this one is not in its grid (``form._columns``)
        h = g.origin(head, c)
        if c in used or h[1] != c or h[1] in used or _NUMBERING.fullmatch(g.norm(*h)):
            continue
        if any(g.extent(head, u)[1] >= c > u for u in used):
            continue  # under a header merged across from a column that is read
        filled = [(r, c) for r in range(start, total) if g.origin(r, c) == (r, c)
                  and (v := g.raw(r, c)) is not None and not is_dash(v)]
        if not filled:
            continue
        name = g.text(*h)
        shown = "、".join(f"{ref(*p)}“{_short(g.text(*p) or '')}”" for p in filled[:3])
        more = f"等 {len(filled)} 格" if len(filled) > 3 else ""
        what = f"“{name}”一列" if name else f"{ref(0, c)[:-1]} 列（没有表头）"
        b.note(ref(*h) if name else ref(*filled[0]),
               f"指标表中{what}本模板没有，其中的内容未导入：{shown}{more}", None)


def _short(text: str, n: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def _join_reason(at: dict[str, Pos], val: dict[str, Any]) -> bool:
    """偏差原因 and 改进措施 written in two columns, as the one text of 偏差原因分析及改进措施."""
    pos = at.pop("measures")
    how = val.pop("measures", None)
    if how is None or is_dash(how):
        return False
    why = val.get("reason")
    how_t = as_text(how) or ""
    if why is None or is_dash(why):
        val["reason"], at["reason"] = f"改进措施：{how_t}", pos
    else:
        val["reason"] = f"偏差原因：{(as_text(why) or '').rstrip('。；;，, ')}；改进措施：{how_t}"
    return True


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
            if k == "score" and (full := full_marks_note(v, split["weight"][0], ZH[k], g.ref(*at[k]))) is not None:
                b.notes.append(full)   # a 得分 “满分”: the 分值 beside it
                split[k] = [full.number]
                continue
            got = stored_percent(v, split["target"][0]) if k == "actual" else None
            if got:  # 88% kept by Excel as 0.88, against a target in per cent
                b.note(at[k], f"{ZH[k]}是数字 {as_text(v)}（百分比格式），指标值“{split['target'][0]}”以百分比计："
                              f"按“{got}”读", None)
            split[k] = [got or _ind_value(b, k, v, at[k])]
            continue
        parts = lines(as_text(v))
        if len(parts) > 1 and all(NUMBERED.match(p) for p in parts) and k != "weight" and k != "score":
            parts = [NUMBERED.sub("", p) for p in parts]
        parts = [PREFIX_ZHIBIAO.sub("", p) for p in parts]
        if len(parts) == n:
            split[k] = [_ind_value(b, k, p, at[k], whole=False) for p in parts]
        elif not parts:
            split[k] = [None] * n
        elif len(parts) == 1:
            split[k] = [_ind_value(b, k, parts[0], at[k], whole=False)] + [None] * (n - 1)
            b.note(at[k], f"{ZH[k]}只有一行，而三级指标有 {n} 个：按第一个指标的{ZH[k]}读，其余空白", None)
        else:
            b.fail(at[k], f"{ZH[k]}一格中有 {len(parts)} 行，与三级指标的 {n} 行对不上，无法拆分",
                   f"{n} 行{ZH[k]}，与三级指标逐行对应")
            split[k] = [None] * n
    _whole_values(b, at, val, split, n)
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


# what a 指标性质 column says, as the sign a target is written with; anything else ("定性") adds nothing
_SIGNS = {">=": "≥", "≥": "≥", "<=": "≤", "≤": "≤", "=": "=", ">": ">", "<": "<", "正向": "≥", "正向指标": "≥",
          "反向": "≤", "反向指标": "≤", "大于等于": "≥", "小于等于": "≤", "等于": "="}


def whole_target(value: str | None, sign: str | None, unit: str | None) -> str | None:
    """The target as one text from the 指标性质 (≥, ＞＝, 正向; "定性" adds nothing) and 计量单位 columns
    around its value: “≥” | 12.5 | “公里” is “≥12.5公里”; a sign or unit the value already has is not
    repeated. With no sign, an 实际完成值 in such a table: “14” | “人” is “14人”."""
    if value is None:
        return None
    s = _SIGNS.get(normalize(sign or ""), "")
    u = (unit or "").strip()
    if s and normalize(value)[:1] in "≥≤=<>":
        s = ""
    if u and (normalize(value).endswith(normalize(u)) or not re.search(r"\d$", normalize(value))):
        u = ""
    return f"{s}{value}{u}"


def _whole_values(b: Block, at: dict[str, Pos], val: dict[str, Any], split: dict[str, list[Any]], n: int) -> None:
    """The 指标性质 and 计量单位 of a row (a system's export) written into its 年度指标值 and 实际完成值."""
    if "sign" not in at and "unit" not in at:
        return
    beside = {}
    for k in ("sign", "unit"):
        text = as_text(val.get(k)) if k in at else None
        parts = [] if text is None or IND_HEAD[k].fullmatch(norm(text)) else lines(text)   # not its header merged down
        beside[k] = parts if len(parts) == n else [parts[0] if parts else None] * n
    for i in range(n):
        sign, unit = beside["sign"][i], beside["unit"][i]
        for k, s in (("target", sign), ("actual", None)):
            v = split[k][i]
            if isinstance(v, str):
                split[k][i] = whole_target(v, s, unit)


def _ind_value(b: Block, k: str, v: Any, pos: Pos, *, whole: bool = True) -> Any:
    if k in ("weight", "score"):
        if isinstance(v, str) and v.strip() == "":
            return None
        return b.number_value(v, pos, ZH[k], unit=POINTS, whole=whole)
    if k in ("target", "actual") and is_number(v) and 0 < v <= 1:
        # a formula such as =100% gives 1, a percent-formatted 100% is 1 too: the "%" is gone
        b.note(pos, f"{ZH[k]}是数字 {as_text(v)}（可能是公式或百分比格式，如 =100%）：按“{as_text(v)}”读，需要核对", None)
    return b.text_value(v, pos, k) if v is not None else None

