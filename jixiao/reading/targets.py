"""Reading 绩效目标申报表 / 项目支出绩效目标表: the targets approved at the start of the year.

Year-end self-evaluation must use the indicators and 年度指标值 approved then, so a county
hands out its approved target workbook — one project per sheet, hundreds of sheets — and
each department's 自评表 should start from it. Two layouts are common:

- the 申报表: 项目编码 / 项目名称 / 申请单位 / 一级预算单位 / 本年度项目金额（万元） / 年度目标,
  then 一级指标 / 二级指标 / 三级指标 / 目标值 / 指标解释, with rows marked "不适用";
- the 项目支出绩效目标表: the same head, and 指标值 and 分值 columns.

Labels are found as the self-evaluation reader finds them (``labels``, ``Block``); every value
keeps its source cell, and what had to be guessed (a 一级指标 carried down, a year taken from
the file name) is a ``Note``. ``prefill`` turns a target form into the data of a
项目支出绩效自评表 with everything the filler reports at year end left blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.numbers import is_number, is_unfilled
from ..errors import CellError, JixiaoError, NotAFormError, each_error
from ..forms.project.model import FORM_NAME, FUND_COLS, FUND_ROWS
from ..core.values import normalize, parse_value
from .block import Block
from .note import Note
from .funds import UNIT_LINE
from .form import block_top, is_target_form, looks_like_form
from .grid import Pos, SheetGrid, as_text, norm
from .header import read_year
from .indicators import ind_header, whole_target
from .labels import FUND_ROW, GOAL, HEAD, LEVEL_NAMES, PREFIX, PROJECT_CODE, inline, is_label, label_part
from ..core.quotes import quoted_series

__all__ = ["TargetForm", "TargetIndicator", "read_target_grid", "read_targets", "same_target", "key"]

_T_HEAD = {
    "code": PROJECT_CODE,
    "unit": re.compile(r"申请单位|(?:项目)?实施单位(?:名称)?|项目单位|执行单位"),
    "authority": re.compile(r"一级预算单位|主管部门(?:及代码|名称)?|主管单位|预算部门"),
    "amount": re.compile(r"(?:本年度)?项目(?:资金)?金额(?:\(.*\))?|(?:年度)?资金总额(?:\(.*\))?"
                         r"|本年度(?:资金|预算)(?:\(.*\))?|(?:项目)?预算(?:金额|资金)(?:\(.*\))?"),
}
_EXPLAIN = re.compile(r"指标(?:解释|说明|内涵)|评分标准|备注")
_NOT_APPLICABLE = {"不适用", "无", "/", "／", "—", "——", "-", "－"}
_FOOT = re.compile(r"(?:填报|审核|联系)(?:人|电话|日期)|单位负责人|财务负责人|项目负责人")


@dataclass
class TargetIndicator:
    """One approved 三级指标: levels, name, target (as written), weight where given."""

    level1: str
    level2: str
    name: str
    target: str | None
    weight: int | float | None
    explain: str | None
    row: int  # 1-based sheet row


@dataclass
class TargetForm:
    """One project's approved targets, read from one sheet."""

    file: str
    sheet: str
    year: int
    project: str
    code: str | None
    unit: str | None
    authority: str | None
    amount: int | float | None
    goal: str | None
    indicators: list[TargetIndicator]
    dropped: int                     # rows marked 不适用
    cells: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    # the amount's 其中 rows where the 目标表 gives them: fiscal / carryover / other (万元)
    split: dict[str, int | float | None] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"{self.file}#{self.sheet}"

    def prefill(self) -> dict[str, Any]:
        """The 项目支出绩效自评表 as the filler should start it: project, units, 预期目标 and the
        approved indicators with their targets (and weights where approved); the amount of the
        year is its 年初预算数. 全年预算数/执行数, 实际完成值, 得分 and 实际完成情况 stay blank."""
        funds: dict[str, Any] = {k: {c: None for c in FUND_COLS} for k in FUND_ROWS}
        funds["total"]["initial"] = self.amount
        for k, v in self.split.items():
            funds[k]["initial"] = v
        weights = [i.weight for i in self.indicators]
        # 财预〔2020〕10号: indicators carry 90 and the budget execution 10; only then is 10 certain
        funds_weight = 10 if weights and all(is_number(w) for w in weights) and sum(weights) == 90 else None  # type: ignore[arg-type]
        return {
            "form": FORM_NAME, "year": self.year, "project": self.project, "authority": self.authority,
            "unit": self.unit, "leader": None, "phone": None, "funds": funds, "funds_weight": funds_weight,
            "exec_rate": None, "exec_score": None, "goal_expected": self.goal, "goal_actual": None,
            "indicators": [{"level1": i.level1, "level2": i.level2, "name": i.name, "target": i.target, "actual": None,
                            "weight": i.weight, "score": None, "reason": None} for i in self.indicators],
            "total_weight": None, "total_score": None, "remark": None, "unit_leader": None, "filled_by": None,
            "filled_on": None, "contact": None,
        }


def key(text: str | None) -> str:
    """How names are matched between a 自评表 and its target form: NFKC, no spaces, no "指标1：" prefix."""
    return norm(PREFIX.sub("", text or ""))


def same_target(a: str | None, b: str | None) -> bool:
    """Two 年度指标值 say the same thing: equal once full-width, spaces, ">=" and "≧" are folded, or
    read as the same comparison of the same amount (``core.values``): “95%以上” is “≥95%”, and the
    approved “5元/天” is the “=5 元/天” rule C2 asks a target without a direction to be written as."""
    def fold(t: str | None) -> str:
        s = normalize(t or "")
        return s.replace(">=", "≥").replace("<=", "≤").replace("＝", "=")
    if fold(a) == fold(b):
        return True
    va, vb = parse_value(a), parse_value(b)
    if not (va.is_number and vb.is_number) or va.kind != vb.kind or va.unit != vb.unit \
            or va.per != vb.per or va.high != vb.high:     # “80%-90%” is “80-90%”, not “80%-95%”
        return False
    assert va.number is not None and vb.number is not None  # is_number says so
    return (va.direction or "eq") == (vb.direction or "eq") and abs(va.number - vb.number) <= 1e-9 * max(1.0, abs(va.number))


def _money_unit(g: SheetGrid, label: Pos, r0: int, r1: int) -> str:
    """元 where the amount's label, the 项目资金 label left of it or a "金额单位：元" line of the head
    says so (the label's own word first); else 万元, the unit of the 自评表."""
    said = [g.norm(*label), *(g.norm(*g.origin(label[0], c)) for c in range(label[1]))]
    said += [m.group(0) for r, c in g.cells(r0, r1) if (m := UNIT_LINE.search(g.norm(r, c)))]
    for text in said:
        if "万元" in text:
            return "万元"
        if re.search(r"\(元\)|单位:元", text):
            return "元"
    return "万元"


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


class _TargetBlock(Block):
    """A target sheet read with the self-evaluation reader's helpers (labels, money, notes)."""

    def text_at(self, pos: Pos | None, key_: str) -> str | None:
        if pos is None:
            self.put(key_, None, None)
            return None
        v, at = self.labelled(pos, down=True)
        if isinstance(v, str) and any(p.fullmatch(label_part(norm(v))) for p in _T_HEAD.values()):
            v = None  # the next label of the row, not a value: this one was left blank
        t = self.text_value(v, at, key_)
        self.put(key_, t, at)
        return t


def _target_blocks(g: SheetGrid) -> list[tuple[Pos, int]]:
    """(项目名称 label, 三级指标 header row) of every target form on the sheet, top to bottom: a
    clerk may paste all projects one under another. A 项目名称 with no 三级指标 header before the
    next one is not a form of its own (a second mention within the head)."""
    anchors = [(r, c) for r, c in g.cells() if HEAD["project"].fullmatch(label_part(g.norm(r, c)))]
    heads = sorted({r for r, c in g.cells() if g.norm(r, c) in ("三级指标", "三级指标名称")})
    out: list[tuple[Pos, int]] = []
    for i, a in enumerate(anchors):
        if out and out[-1][0][0] == a[0]:
            continue  # a second 项目名称 on the same row
        nxt = next((b[0] for b in anchors[i + 1:] if b[0] > a[0]), g.nrows)
        head = next((h for h in heads if a[0] < h < nxt), None)
        if head is not None:
            out.append((a, head))
    return out


def read_target_grid(grid: SheetGrid) -> tuple[list[TargetForm], list[JixiaoError]]:
    """The target forms on a sheet (one per project, stacked or alone) and the problems of those
    that could not be read; ([], []) when the sheet holds none (a cover, a list)."""
    if not is_target_form(grid):
        return [], []
    g = grid
    blocks = _target_blocks(g)
    if not blocks:
        anchor = next(((r, c) for r, c in g.cells() if HEAD["project"].fullmatch(label_part(g.norm(r, c)))), None)
        head_row = next((r for r, c in g.cells() if g.norm(r, c) in ("三级指标", "三级指标名称")), None)
        missing = [w for w, ok in (("项目名称", anchor), ("三级指标", head_row)) if ok is None] or ["三级指标"]
        err = NotAFormError(f"工作表“{g.sheet}”像是绩效目标表，但缺少标签" + quoted_series(missing),
                            file=g.file)
        setattr(err, "sheet", g.sheet)
        setattr(err, "cell", None)
        return [], [err]
    tops = [0] + [block_top(g, a[0], blocks[i][1] + 1, "目标") for i, (a, _h) in enumerate(blocks[1:])]
    forms: list[TargetForm] = []
    problems: list[JixiaoError] = []
    several = len(blocks) > 1
    for i, (anchor, head_row) in enumerate(blocks):
        r1 = tops[i + 1] if i + 1 < len(blocks) else g.nrows
        b = _TargetBlock(g, anchor, tops[i], r1, tops[i], i + 1 if several else None)
        try:
            forms.append(_read_block(b, head_row))
        except JixiaoError as exc:
            problems.extend(each_error(exc))
    return forms, problems


def _read_block(b: _TargetBlock, head_row: int) -> TargetForm:
    """One project's target form: the head above ``head_row``, its indicators below, up to ``b.r1``."""
    g, anchor = b.g, b.anchor
    v, at = b.labelled(anchor, down=True)
    project = b.text_value(v, at, "project")
    if is_unfilled(project):  # blank, only spaces, or only “/”, “—”, “无”
        b.fail(at, "项目名称为空，请填写项目名称")
    b.put("project", project, at)
    read_year(b, anchor[0])
    head = {k: b.find(p, b.r0, head_row) for k, p in _T_HEAD.items()}
    code = b.text_at(head["code"], "code")
    unit = b.text_at(head["unit"], "unit")
    authority = b.text_at(head["authority"], "authority")
    amount = None
    if head["amount"] is not None:
        b.money_unit = _money_unit(g, head["amount"], b.r0, head_row)
        v, at = b.labelled(head["amount"], down=True)
        if not _blank(v):
            amount = b.number(at, "本年度项目金额", "amount", money=True)
            b.put("amount", amount, at)
    split = _split(b, head_row) if amount is not None else {}
    goal_pos = b.find(GOAL, b.r0, head_row)
    goal = b.text_at(goal_pos, "goal")

    cols, start = ind_header(b, head_row)
    explain = next((c for c in range(g.ncols) if _EXPLAIN.fullmatch(g.norm(head_row, c))), None)
    # the system's 指标性质 | 指标值 | 度量单位: one target written over three columns
    sign_col, unit_col = cols.get("sign"), cols.get("unit")   # found by ``ind_header`` with the other columns
    if "target" not in cols:
        raise CellError("绩效目标表的指标表头中找不到“目标值”或“指标值”列", file=g.file, sheet=g.sheet,
                        cell=g.ref(head_row, cols.get("name", 0)))
    inds: list[TargetIndicator] = []
    dropped = 0
    last = {"level1": "", "level2": ""}
    carried: list[str] = []
    for r in range(start, b.r1):
        pos = {k: g.origin(r, c) for k, c in cols.items()}
        name_v = g.raw(*pos["name"]) if pos.get("name", (r, -1))[0] == r else None
        target_v = g.raw(*pos["target"]) if pos["target"][0] == r else None
        first = next((g.norm(r, c) for c in range(g.ncols) if g.raw(r, c) is not None), "")
        if _FOOT.search(first):
            break
        if _blank(name_v) and _blank(target_v):
            continue
        for lv in ("level1", "level2"):
            if lv not in cols:
                continue
            raw = g.raw(*pos[lv])
            if not _blank(raw):
                t = as_text(raw) or ""
                last[lv] = norm(t) if norm(t) in LEVEL_NAMES else t.strip()
            elif last[lv]:
                carried.append(g.ref(r, cols[lv]))
        name = PREFIX.sub("", as_text(name_v) or "").strip()
        target = as_text(target_v)
        if norm(name) in _NOT_APPLICABLE or norm(target) in _NOT_APPLICABLE:
            dropped += 1
            continue
        if not name:
            b.note(g.ref(*pos["name"]), f"第 {r + 1} 行有目标值“{target}”而没有三级指标名称，未读入，需要核对")
            continue
        weight = None
        if "weight" in cols and pos["weight"][0] == r:
            weight = b.number_value(g.raw(*pos["weight"]), pos["weight"], "分值")
        if target is not None and is_number(target_v) and 0 < target_v <= 1:  # type: ignore[operator]
            b.note(g.ref(*pos["target"]), f"目标值是数字 {target}（可能是公式或百分比格式，如 =100%）：按“{target}”读，需要核对")
        target = whole_target(target, *(as_text(g.raw(r, c)) if c is not None else None for c in (sign_col, unit_col)))
        exp = as_text(g.raw(r, explain)) if explain is not None else None
        idx = len(inds)
        inds.append(TargetIndicator(last["level1"], last["level2"], name, target, weight, exp, r + 1))
        b.cells[f"indicators[{idx}].name"] = g.ref(*pos["name"])
        b.cells[f"indicators[{idx}].target"] = g.ref(*pos["target"])
    if carried:
        b.note(f"{carried[0]}:{carried[-1]}" if len(carried) > 1 else carried[0],
               "一级/二级指标空白，按上方的指标类别读")
    if not inds:
        b.fail((head_row, cols["name"]), "绩效目标表中没有可用的三级指标（都是“不适用”或空白）")
    b.done()  # every bad cell of the sheet at once
    assert project is not None  # an empty one failed just above
    return TargetForm(g.file, g.sheet, b.data["year"], project, code, unit, authority, amount, goal, inds, dropped,
                      b.cells, b.notes, split)


def _split(b: _TargetBlock, head_row: int) -> dict[str, int | float | None]:
    """The 其中 rows of the amount in the head (“其中：财政拨款 | 1250000”, “其他资金 | 0”), in the
    amount's unit; a row the 目标表 leaves blank is not given."""
    g = b.g
    out: dict[str, int | float | None] = {}
    for r, c in g.cells(b.r0, head_row):
        text = g.norm(r, c).removeprefix("其中:").removeprefix("其中")
        label = label_part(text)
        k = next((k for k in FUND_ROWS[1:] if FUND_ROW[k].fullmatch(label)), None)
        if k is None or k in out or len(label) > 10:  # a sentence (the 年度目标 names 财政资金 too)
            continue
        if inline(text) is not None:
            continue  # “财政拨款：100” in one cell: left to the clerk
        v, at = b.right_of((r, c))
        if _blank(v) or isinstance(v, str) and is_label(norm(v)):
            continue
        out[k] = b.number(at, label, f"split.{k}", money=True)
        b.cells[f"split.{k}"] = g.ref(*at)
    return out


def read_targets(path: str | Path) -> tuple[list[TargetForm], list[JixiaoError]]:
    """Every target form of a workbook (one project per sheet), and the sheets that could not
    be read with why. Sheets with nothing of a target form (a cover, an index) are passed over;
    a 自评表 among them is reported, since it is not what ``--targets`` expects."""
    from .workbook import iter_sheets

    name = str(path)
    problems: list[JixiaoError] = []
    out: list[TargetForm] = []
    for sheet, rows, merges, _notes in iter_sheets(path, problems):
        grid = SheetGrid(rows, merges, name, sheet)
        got, bad = read_target_grid(grid)
        out += got
        problems += bad
        if not got and not bad and looks_like_form(grid):
            err = NotAFormError(f"工作表“{sheet}”是自评表，不是绩效目标表，未作为批复的目标读取", file=name)
            setattr(err, "sheet", sheet)
            setattr(err, "cell", None)
            setattr(err, "self_evaluation", True)   # a whole book of them is said once (``cli.cmd_check``)
            problems.append(err)
    if not out and not problems:
        raise NotAFormError(f"{name}：没有找到绩效目标表（没有工作表带有“项目名称”“三级指标”“目标值/指标值”，"
                            f"且没有“实际完成值”“得分”）", file=name)
    return out, problems
