"""Reading 项目支出绩效自评表 in other layouts: found by their labels, not by address.

Departments return the form in a dozen layouts — columns shifted or added, 一级/二级
merged over many rows, several indicators packed into one cell with line breaks,
"指标1：" prefixes, with or without 项目负责人/联系电话, 总分 on a shifted column, money
in 元, two forms stacked on one sheet. This reader finds each form by its labels
(项目名称 … 年度资金总额 … 三级指标 … 总分), maps the columns by their header text, and
reads every value as written, remembering the real cell each came from so that
findings name the cell of the original file.

Whatever it had to guess — a value split from a packed cell, a blank 一级指标 taken
from the row above, money converted from 元, a 总分 taken from a shifted column — is
recorded as a ``Note`` with its source cell, for ``jixiao import`` to report.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .core.numbers import NotANumber, parse_number, to_number
from .errors import CellError, JixiaoError, NotAFormError
from .model import FORM_NAME, FUND_COLS, FUND_ROWS, LEVEL1, LEVEL2, Form, parse_form
from .sheetgrid import Pos, SheetGrid, as_text, norm, ref

# --------------------------------------------------------------------------------------
# labels (compared on norm(): NFKC, no whitespace; "：" is ":" and "（" is "(" there)
# --------------------------------------------------------------------------------------


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


HEAD = {
    "project": _rx(r"项目名称"),
    "authority": _rx(r"主管部门(?:及代码|名称)?|主管单位"),
    "unit": _rx(r"(?:项目)?实施单位(?:名称)?|执行单位"),
    "leader": _rx(r"项目负责人"),
    "phone": _rx(r"(?:负责人)?联系电话"),
}
GOAL = _rx(r"(?:年度)?总体目标|年度目标")
GOAL_FIELDS = {"goal_expected": _rx(r"(?:年度)?预期目标"), "goal_actual": _rx(r"(?:目标)?实际完成情况|目标完成情况")}
FUNDS_LABEL = _rx(r"(?:项目)?资金(?:来源|情况)?(?:\(.*\))?|项目资金.*")
FUND_HEAD = {
    "initial": _rx(r"年初预算数?.*|年初数.*|年初安排.*"),
    "annual": _rx(r"全年预算数?.*|调整后(?:全年)?预算数?.*|预算数.*"),
    "executed": _rx(r"全年执行数?.*|执行数.*|实际执行数?.*|实际支出数?.*|全年支出数?.*"),
    "weight": _rx(r"分值.*|权重.*"),
    "rate": _rx(r"(?:预算)?执行率.*"),
    "score": _rx(r"得分.*"),
}
FUND_ROW = {  # tried in this order on the row's label text
    "total": _rx(r"(?:年度)?资金总额.*|资金合计|合计|总计"),
    "fiscal": _rx(r".*财政(?:拨款|资金|补助|资金拨款).*"),
    "carryover": _rx(r".*上年结转.*|.*结转(?:结余)?资金.*"),
    "other": _rx(r".*其他资金.*|其[他它]"),
}
IND_HEAD = {
    "level1": _rx(r"一级指标"),
    "level2": _rx(r"二级指标"),
    "name": _rx(r"三级指标(?:名称)?"),
    "target": _rx(r"(?:年度)?指标值.*|(?:年度)?目标值.*"),
    "actual": _rx(r"实际完成值.*|(?:全年)?实际值.*|完成值.*"),
    "weight": _rx(r"分值.*|权重.*"),
    "score": _rx(r"得分.*"),
    "reason": _rx(r".*偏差原因.*|.*原因分析.*|.*改进措施.*"),
}
TOTAL = _rx(r"总分|总分合计|合计|总计|综合得分|总得分")
REMARK = _rx(r"说明|备注")
FOOT = {
    "unit_leader": _rx(r"(?:填报)?单位负责人(?:\(签[名字章]\))?"),
    "filled_by": _rx(r"填报人(?:\(签[名字]\))?|填表人|经办人"),
    "filled_on": _rx(r"填报日期|填表日期|日期"),
    "contact": _rx(r"联系方式|联系电话|电话"),
}
TITLE = _rx(r".*项目.{0,8}绩效自评表.*")
_TOTAL_FUNDS = _rx(r"(?:年度)?资金总额.*")
INDICATOR_BLOCK = _rx(r"绩效指标")

_STRICT_LABELS = [*HEAD.values(), GOAL, *GOAL_FIELDS.values(), TOTAL, REMARK, *FOOT.values(), INDICATOR_BLOCK,
                  _rx(r"年初预算数|全年预算数|全年执行数|分值|执行率|得分|年度资金总额|一级指标|二级指标|三级指标"
                      r"|年度指标值|实际完成值|偏差原因分析及改进措施"), _rx(r"项目资金(?:\((?:万元|元)\))?")]


def _loose(word: str) -> str:
    """A label as a regex on the original text: spaces allowed between characters."""
    return r"\s*".join(re.escape(ch) if ch not in "()" else ("[（(]" if ch == "(" else "[)）]") for ch in word)


_FOOT_WORDS = {
    "unit_leader": ["填报单位负责人(签名)", "填报单位负责人(签字)", "填报单位负责人(签章)", "填报单位负责人",
                    "单位负责人(签名)", "单位负责人(签字)", "单位负责人"],
    "filled_by": ["填报人(签名)", "填报人(签字)", "填报人", "填表人", "经办人"],
    "filled_on": ["填报日期", "填表日期", "日期"],
    "contact": ["联系方式", "联系电话", "电话"],
}
_FOOT_RX = re.compile("|".join(f"(?P<{k}>{'|'.join(_loose(w) for w in words)})" for k, words in _FOOT_WORDS.items()))

_PREFIX = re.compile(r"^\s*(?:指标\s*\d+\s*[:：]|[（(]\s*\d+\s*[)）]|\d+\s*[、．.](?=\D))\s*")
_PREFIX_ZHIBIAO = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")
_NUMBERED = re.compile(r"^\s*(\d+)\s*[、．.](?=\D)\s*")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_DASH = {"-", "—", "——", "－", "/", "／", "无", "\\"}
_YEAR_DU = re.compile(r"((?:19|20)\d{2})\s*年度")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_LEVEL_NAMES = set(LEVEL1) | {n for names in LEVEL2.values() for n in names}


def _label_part(n: str) -> str:
    return n.split(":", 1)[0]


def is_label(n: str) -> bool:
    """Does a cell (its norm()) hold a form label, perhaps with its value after a colon?"""
    lab = _label_part(n)
    return bool(lab) and any(p.fullmatch(lab) for p in _STRICT_LABELS)


def _inline(text: str | None) -> str | None:
    """What follows the label in "填报人：王某" (None when nothing follows)."""
    if not text:
        return None
    m = re.search(r"[:：]", text)
    if not m:
        return None
    rest = text[m.end():].strip()
    return rest or None


# --------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """Something the reader had to guess, with the source cell it concerns."""

    cell: str | None
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return f"{self.cell}：{self.message}" if self.cell else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"cell": self.cell, "field": self.field, "message": self.message}


@dataclass
class AnchoredForm:
    """One form found on a sheet: the data, the cell of every field, and the guesses made."""

    form: Form
    cells: dict[str, str]
    rows: list[int]           # 1-based sheet row of each indicator, in order
    notes: list[Note]
    anchor: str               # the cell of its 项目名称 label
    part: int | None = None   # 1-based position when a sheet holds several forms


REQUIRED = ("项目名称", "年度资金总额", "全年预算数", "全年执行数", "三级指标", "年度指标值", "实际完成值", "分值",
            "得分", "总分")
USUAL = ("主管部门", "实施单位")


# --------------------------------------------------------------------------------------
# the sheet: is it a form, and where do its forms start
# --------------------------------------------------------------------------------------


def _looks_like_form(grid: SheetGrid) -> bool:
    """Worth reporting as "不是自评表" when it cannot be read (rather than passed over)."""
    has = set()
    for r, c in grid.cells():
        n = grid.norm(r, c)
        if TITLE.fullmatch(n) and "汇总" not in n and "部门整体" not in n:
            return True
        lab = _label_part(n)
        if HEAD["project"].fullmatch(lab):
            has.add("project")
        elif _TOTAL_FUNDS.fullmatch(n):
            has.add("total")
        elif IND_HEAD["name"].fullmatch(n):
            has.add("name")
        elif IND_HEAD["target"].fullmatch(n) or IND_HEAD["actual"].fullmatch(n):
            has.add("values")
        if {"project", "total"} <= has or {"name", "values"} <= has:
            return True
    return False


def _anchors(grid: SheetGrid) -> list[Pos]:
    """The 项目名称 label of every form on the sheet, top to bottom."""
    out = []
    for r, c in grid.cells():
        if HEAD["project"].fullmatch(_label_part(grid.norm(r, c))) and (not out or out[-1][0] != r):
            out.append((r, c))
    return out


def _is_year_cell(grid: SheetGrid, r: int, c: int) -> bool:
    v = grid.raw(r, c)
    if isinstance(v, int) and not isinstance(v, bool):
        return 1990 <= v <= 2100
    return bool(_YEAR_DU.search(grid.norm(r, c)))


def _block_top(grid: SheetGrid, anchor_row: int, floor: int) -> int:
    """The first row of a form: its title (or year line) just above 项目名称."""
    top = anchor_row
    for r in range(anchor_row - 1, max(floor, anchor_row - 5) - 1, -1):
        if any("自评表" in grid.norm(r, c) or _is_year_cell(grid, r, c) for _, c in grid.cells(r, r + 1)):
            top = r
    return top


def read_grid(grid: SheetGrid) -> tuple[list[AnchoredForm], list[JixiaoError]]:
    """Every form on a sheet, and the problems of those that could not be read.

    A sheet that has nothing of a form gives ([], []); one that looks like a form but
    lacks its labels gives a NotAFormError naming the labels that are missing.
    """
    if not _looks_like_form(grid):
        return [], []
    anchors = _anchors(grid)
    if not anchors:
        found = _found_labels(grid, 0, grid.nrows)
        return [], [_not_a_form(grid, None, [k for k in (*REQUIRED, *USUAL) if k not in found], found)]
    tops = []
    for i, (r, _) in enumerate(anchors):
        floor = anchors[i - 1][0] + 1 if i else 0
        tops.append(_block_top(grid, r, floor))
    forms: list[AnchoredForm] = []
    problems: list[JixiaoError] = []
    several = len(anchors) > 1
    for i, anchor in enumerate(anchors):
        r0 = tops[i]
        r1 = tops[i + 1] if i + 1 < len(anchors) else grid.nrows
        year_from = tops[i] if i else 0
        try:
            forms.append(_Block(grid, anchor, r0, r1, year_from, i + 1 if several else None).read())
        except JixiaoError as exc:
            problems.append(exc)
    return forms, problems


_LABEL_OF = {"项目名称": HEAD["project"], "主管部门": HEAD["authority"], "实施单位": HEAD["unit"],
             "年度资金总额": _TOTAL_FUNDS, "全年预算数": FUND_HEAD["annual"], "全年执行数": FUND_HEAD["executed"],
             "三级指标": IND_HEAD["name"], "年度指标值": IND_HEAD["target"], "实际完成值": IND_HEAD["actual"],
             "分值": IND_HEAD["weight"], "得分": IND_HEAD["score"], "总分": TOTAL}


def _found_labels(grid: SheetGrid, r0: int, r1: int) -> list[str]:
    """Which of the form's labels a sheet holds (for a "不是自评表" message)."""
    found: set[str] = set()
    for r, c in grid.cells(r0, r1):
        n = grid.norm(r, c)
        found |= {k for k, p in _LABEL_OF.items() if p.fullmatch(n) or p.fullmatch(_label_part(n))}
    return [k for k in (*REQUIRED, *USUAL) if k in found]


def _not_a_form(grid: SheetGrid, where: str | None, missing: list[str], found: list[str]) -> NotAFormError:
    what = f"工作表“{grid.sheet}”" + (f"（{where}）" if where else "")
    msg = (f"{what}不是自评表（项目支出绩效自评表）：缺少标签" + "".join(f"“{m}”" for m in missing)
           + ("；只找到" + "".join(f"“{f}”" for f in found) if found else ""))
    err = NotAFormError(msg, file=grid.file)
    err.sheet = grid.sheet  # type: ignore[attr-defined]  (check reports it like a CellError)
    err.cell = None  # type: ignore[attr-defined]
    return err


# --------------------------------------------------------------------------------------
# one form
# --------------------------------------------------------------------------------------


class _Block:
    def __init__(self, grid: SheetGrid, anchor: Pos, r0: int, r1: int, year_from: int, part: int | None):
        self.g = grid
        self.anchor = anchor
        self.r0, self.r1 = r0, r1
        self.year_from = year_from
        self.part = part
        self.cells: dict[str, str] = {}
        self.notes: list[Note] = []
        self.data: dict[str, Any] = {"form": FORM_NAME}
        self.money_unit = "万元"

    # -- small helpers ------------------------------------------------------------
    def where(self) -> str | None:
        return f"第 {self.part} 张表，{ref(*self.anchor)} 起" if self.part else None

    def note(self, pos: Pos | str | None, message: str, field_: str | None = None) -> None:
        cell = ref(*pos) if isinstance(pos, tuple) else pos
        self.notes.append(Note(cell, message, field_))

    def error(self, pos: Pos, message: str) -> CellError:
        return CellError(message, file=self.g.file, sheet=self.g.sheet, cell=self.g.ref(*pos))

    def put(self, key: str, value: Any, pos: Pos | None) -> None:
        self.data[key] = value
        if pos is not None:
            self.cells[key] = self.g.ref(*pos)

    def find(self, pattern: re.Pattern[str], r0: int, r1: int, *, whole: bool = False) -> Pos | None:
        """The first cell in rows r0..r1-1 whose label matches (the text before a colon, or all of it)."""
        for r, c in self.g.cells(r0, r1):
            n = self.g.norm(r, c)
            if pattern.fullmatch(n if whole else _label_part(n)):
                return r, c
        return None

    def right_of(self, pos: Pos) -> tuple[Any, Pos]:
        """The value written right of a label: the first non-blank cell after the label's
        merged range that is not another label; blank with the cell just after it if none."""
        g = self.g
        r, c = pos
        c = g.extent(*pos)[1] + 1
        first: Pos | None = None
        while c < g.ncols:
            o = g.origin(r, c)
            first = first or o
            v = g.raw(*o)
            if v is not None:
                if isinstance(v, str) and is_label(norm(v)):
                    break
                return v, o
            c = g.extent(*o)[1] + 1
        return None, first or (r, g.extent(*pos)[1] + 1)

    def below(self, pos: Pos) -> tuple[Any, Pos]:
        g = self.g
        r = g.extent(*pos)[0] + 1
        o = g.origin(r, pos[1])
        v = g.raw(*o)
        if isinstance(v, str) and is_label(norm(v)):
            return None, o
        return v, o

    def labelled(self, pos: Pos, *, down: bool = False) -> tuple[Any, Pos]:
        """The value of the label at ``pos``: inline after a colon, right of it, or below it."""
        inline = _inline(self.g.text(*pos))
        if inline is not None:
            return inline, pos
        v, at = self.right_of(pos)
        if v is None and down:
            bv, bat = self.below(pos)
            if bv is not None:
                return bv, bat
        return v, at

    def text_value(self, v: Any, pos: Pos, key: str) -> str | None:
        if isinstance(v, (_dt.date, _dt.datetime)):
            t = as_text(v)
            self.note(pos, f"日期单元格按“{t}”转写", key)
            return t
        return as_text(v)

    def number(self, pos: Pos, what: str, key: str, *, money: bool = False) -> int | float | None:
        v = self.g.raw(*pos)
        cell = self.g.ref(*pos)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            s = unicodedata.normalize("NFKC", str(v)).strip().replace(",", "")
            if s in _DASH or s == "":
                self.note(cell, f"{what}写的是“{v}”，按空白读", key)
                return None
            try:
                v = parse_number(s)
            except NotANumber:
                raise self.error(pos, f"{what}应为数字，现为“{v}”") from None
        if money and self.money_unit == "元":
            w = Decimal(repr(v)) / Decimal(10000)
            conv = int(w) if w == w.to_integral_value() else float(w)
            if conv:
                self.note(cell, f"{what}：{as_text(v)} 元按 {as_text(conv)} 万元读", key)
            return conv
        return v

    # -- the form -----------------------------------------------------------------
    def read(self) -> AnchoredForm:
        g = self.g
        ar = self.anchor[0]
        fund_head = self._fund_head_row()
        ind_head = self.find(IND_HEAD["name"], fund_head + 1 if fund_head is not None else ar, self.r1, whole=True)
        total_row = self._total_row(ind_head[0] + 1) if ind_head else None
        ind_cols = self._ind_cols(ind_head[0]) if ind_head else {}
        fund_cols = self._fund_cols(fund_head) if fund_head is not None else {}
        fund_rows = self._fund_rows(fund_head, fund_cols, ind_head) if fund_head is not None else {}
        head_end = fund_head if fund_head is not None else (ind_head[0] if ind_head else self.r1)
        head_pos = {k: self.find(p, ar, head_end) for k, p in HEAD.items() if k != "project"}

        have = {"项目名称": True, "主管部门": head_pos["authority"] is not None, "实施单位": head_pos["unit"] is not None,
                "年度资金总额": "total" in fund_rows or self.find(_TOTAL_FUNDS, ar, self.r1, whole=True) is not None,
                "全年预算数": "annual" in fund_cols,
                "全年执行数": "executed" in fund_cols, "三级指标": ind_head is not None,
                "年度指标值": "target" in ind_cols, "实际完成值": "actual" in ind_cols, "分值": "weight" in ind_cols,
                "得分": "score" in ind_cols, "总分": total_row is not None}
        if not all(have[k] for k in REQUIRED) or "total" not in fund_rows:
            missing = [k for k in (*REQUIRED, *USUAL) if not have[k]] or ["年度资金总额（在全年预算数/全年执行数表头下）"]
            raise _not_a_form(g, self.where(), missing, [k for k in (*REQUIRED, *USUAL) if have[k]])
        assert fund_head is not None and ind_head is not None and total_row is not None

        # header
        v, at = self.labelled(self.anchor)
        if v is None:
            raise self.error(at, "项目名称为空")
        self.put("project", self.text_value(v, at, "project"), at)
        self._year(ar)
        for key in ("authority", "unit", "leader", "phone"):
            pos = head_pos[key]
            if pos is None:
                self.put(key, None, None)
                continue
            v, at = self.labelled(pos)
            self.put(key, self.text_value(v, at, key), at)
        for label in ("主管部门", "实施单位"):
            if not have[label]:
                self.note(None, f"表中没有“{label}”一栏，按空白读")

        self._funds(fund_head, fund_cols, fund_rows)
        goal_from = max([*fund_rows.values(), fund_head]) + 1
        self._goals(goal_from, ind_head[0])
        rows = self._indicators(ind_head, ind_cols, total_row)
        self._total(total_row, ind_cols)
        self._footer(total_row + 1)

        form = parse_form(self.data, f"{g.file}#{g.sheet}")
        return AnchoredForm(form, self.cells, rows, self.notes, ref(*self.anchor), self.part)

    # -- year ---------------------------------------------------------------------
    def _year(self, anchor_row: int) -> None:
        g = self.g

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
                    m = (_YEAR_DU if test == "du" else _YEAR).search(unicodedata.normalize("NFKC", str(v)))
                    if m:
                        return int(m.group(1)), (r, c)
            return None

        found = search(self.year_from, False)
        if found:
            self.put("year", found[0], found[1])
            return
        if self.year_from > 0:
            found = search(0, True)
            if found:
                self.put("year", found[0], found[1])
                self.note(found[1], f"这张表上方没有写年度，按上一张表的 {found[0]} 年度读", "year")
                return
        for where, text in (("工作表名", g.sheet), ("文件名", Path(g.file).stem)):
            m = _YEAR_ANY.search(text)
            if m:
                self.put("year", int(m.group(1)), None)
                self.note(None, f"表中没有写年度，按{where}“{text}”记为 {m.group(1)} 年度", "year")
                return
        raise self.error(self.anchor, "找不到年度（表头应有如“（2024年度）”的年度）")

    # -- funds --------------------------------------------------------------------
    def _fund_head_row(self) -> int | None:
        """The row heading the 项目资金 block (全年预算数 and 全年执行数 side by side)."""
        for r in range(self.anchor[0], self.r1):
            keys = {k for _, c in self.g.cells(r, r + 1) for k in ("annual", "executed")
                    if FUND_HEAD[k].fullmatch(self.g.norm(r, c))}
            if keys == {"annual", "executed"}:
                return r
            if any(IND_HEAD["name"].fullmatch(self.g.norm(r, c)) for _, c in self.g.cells(r, r + 1)):
                return None
        return None

    def _fund_cols(self, r: int) -> dict[str, int]:
        cols: dict[str, int] = {}
        for _, c in self.g.cells(r, r + 1):
            n = self.g.norm(r, c)
            for k in ("initial", "annual", "executed", "weight", "rate", "score"):
                if k not in cols and FUND_HEAD[k].fullmatch(n):
                    cols[k] = c
                    break
        return cols

    def _fund_rows(self, fund_head: int, cols: dict[str, int], ind_head: Pos | None) -> dict[str, int]:
        g = self.g
        money_from = min(cols[k] for k in ("initial", "annual", "executed") if k in cols)
        start = g.extent(fund_head, money_from)[0] + 1
        stop = min(ind_head[0] if ind_head else self.r1, start + 8)
        rows: dict[str, int] = {}
        for r in range(start, stop):
            parts = []
            for c in range(money_from):
                o = g.origin(r, c)
                if o[0] != r or o[1] != c:
                    continue  # a label merged down from above (项目资金) or across
                n = g.norm(r, c)
                if n and not FUNDS_LABEL.fullmatch(n):
                    parts.append(n)
            label = "".join(parts)
            if not label:
                continue
            if GOAL.fullmatch(_label_part(label)) or any(p.fullmatch(_label_part(label)) for p in GOAL_FIELDS.values()):
                break
            for key in FUND_ROWS:
                if key not in rows and FUND_ROW[key].fullmatch(label):
                    rows[key] = r
                    break
        return rows

    def _money_unit(self, fund_head: int, fund_cols: dict[str, int]) -> None:
        g = self.g
        texts: list[tuple[str, Pos]] = []
        for r, c in g.cells(max(self.anchor[0], fund_head - 2), fund_head + 1):
            texts.append((g.norm(r, c), (r, c)))
        # the 项目资金 label merged down the left of the block may start above the head row
        for r in range(fund_head, fund_head + 6):
            for c in range(min(fund_cols.values())):
                o = g.origin(r, c)
                if FUNDS_LABEL.fullmatch(g.norm(*o)):
                    texts.append((g.norm(*o), o))
        for n, pos in texts:
            if "万元" in n:
                return
        for n, pos in texts:
            if re.search(r"\(元\)|单位:元|元\)$|^元$", n):
                self.money_unit = "元"
                self.note(pos, "项目资金的单位是元：金额都已换算为万元（÷10000）")
                return
        self.note(None, "项目资金没有注明单位，按万元读")

    def _funds(self, fund_head: int, cols: dict[str, int], rows: dict[str, int]) -> None:
        self._money_unit(fund_head, cols)
        heads = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}
        labels = {"total": "年度资金总额", "fiscal": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
        if "initial" not in cols:
            self.note(None, "表中没有“年初预算数”列，年初预算数按空白读")
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
                pos = self.g.origin(r, cols[col])
                row[col] = self.number(pos, f"{labels[key]}的{heads[col]}", f"funds.{key}.{col}", money=True)
                self.cells[f"funds.{key}.{col}"] = self.g.ref(*pos)
            funds[key] = row
        self.data["funds"] = funds
        r = rows["total"]
        for key, col, what in (("funds_weight", "weight", "执行率分值"), ("exec_score", "score", "执行率得分")):
            if col in cols:
                pos = self.g.origin(r, cols[col])
                self.put(key, self.number(pos, what, key), pos)
            else:
                self.put(key, None, None)
        if "rate" in cols:
            pos = self.g.origin(r, cols["rate"])
            v = self.g.raw(*pos)
            if isinstance(v, bool) or not isinstance(v, (int, float, str, type(None))):
                v = as_text(v)
            self.put("exec_rate", v, pos)
        else:
            self.put("exec_rate", None, None)

    # -- goals --------------------------------------------------------------------
    def _goals(self, r0: int, r1: int) -> None:
        pos = {k: self.find(p, r0, r1) for k, p in GOAL_FIELDS.items()}
        same_row = pos["goal_expected"] and pos["goal_actual"] and pos["goal_expected"][0] == pos["goal_actual"][0]
        for key, p in pos.items():
            if p is None:
                self.put(key, None, None)
                continue
            inline = _inline(self.g.text(*p))
            if inline is not None:
                self.put(key, inline, p)
                continue
            if same_row:  # 预期目标 | 实际完成情况 headings, the texts below them
                v, at = self.below(p)
            else:         # 预期目标 | text, 实际完成情况 | text
                v, at = self.right_of(p)
                if v is None:
                    bv, bat = self.below(p)
                    if bv is not None:
                        v, at = bv, bat
            self.put(key, self.text_value(v, at, key), at)
        if pos["goal_expected"] is None and pos["goal_actual"] is None:
            g = self.find(GOAL, r0, r1)
            if g is not None:
                v, at = self.labelled(g)
                if v is not None:
                    self.put("goal_expected", self.text_value(v, at, "goal_expected"), at)
                    self.note(at, "年度总体目标没有分“预期目标/实际完成情况”，整段按预期目标读", "goal_expected")

    # -- indicators ---------------------------------------------------------------
    def _ind_cols(self, r: int) -> dict[str, int]:
        cols: dict[str, int] = {}
        for _, c in self.g.cells(r, r + 1):
            n = self.g.norm(r, c)
            for k, p in IND_HEAD.items():
                if k not in cols and p.fullmatch(n):
                    cols[k] = c
                    break
        return cols

    def _total_row(self, start: int) -> int | None:
        g = self.g
        for r in range(start, self.r1):
            for _, c in g.cells(r, r + 1):
                if TOTAL.fullmatch(_label_part(g.norm(r, c))):
                    return r
        return None

    def _indicators(self, head: Pos, cols: dict[str, int], total_row: int) -> list[int]:
        g = self.g
        start = max(g.extent(head[0], c)[0] for c in cols.values()) + 1
        inds: list[dict[str, Any]] = []
        rows: list[int] = []
        last = {"level1": ("", None), "level2": ("", None)}
        inherited: dict[str, list] = {"level1": [], "level2": []}

        def flush(key: str) -> None:
            run = inherited[key]
            if run:
                zh = "一级指标" if key == "level1" else "二级指标"
                cells = run[0] if len(run) == 1 else f"{run[0]}:{run[-1]}"
                val, src = last[key]
                self.note(cells, f"{zh}空白，按上方 {src} 的“{val}”读", None)
                inherited[key] = []

        for r in range(start, total_row):
            at = {k: g.origin(r, c) for k, c in cols.items()}
            val = {k: g.raw(*p) for k, p in at.items()}
            fields = [k for k in ("name", "target", "actual", "weight", "score", "reason") if k in at]
            own = [k for k in fields if at[k][0] == r and val[k] is not None]
            if not own:
                continue  # blank, or only 一级/二级 or texts merged down from the rows above
            if "target" in at and at["name"] == at["target"] == at.get("actual"):
                self.note(at["name"], f"第 {r + 1} 行是跨列合并的文字“{as_text(val['name'])}”，不是指标，已跳过")
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
                    t = norm(t) if norm(t) in _LEVEL_NAMES else t
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
                            self.note(g.span(*at[k]), f"{_ZH[k]}跨行合并，只算在第一个指标上", None)
                    elif r == at[k][0] + 1:
                        self.note(g.span(*at[k]), f"{_ZH[k]}跨行合并，同一内容用于合并范围内的每个指标", None)
            new = self._indicator_row(r, at, val, lv, len(inds))
            inds.extend(new)
            rows.extend([r + 1] * len(new))
        flush("level1")
        flush("level2")
        self.data["indicators"] = inds
        return rows

    def _indicator_row(self, r: int, at: dict[str, Pos], val: dict[str, Any],
                       lv: dict[str, tuple[str, str | None]], first: int) -> list[dict[str, Any]]:
        g = self.g
        name_text = as_text(val.get("name")) or ""
        names = _lines(name_text)
        n = len(names)
        packed = n >= 2 and any(len(_lines(as_text(val.get(k)))) == n for k in ("target", "actual", "weight", "score"))
        if not packed:
            names = [_PREFIX.sub("", name_text) if name_text else ""]
            n = 1
        else:
            names = [_PREFIX.sub("", x) for x in names]
            self.note(at["name"], f"一格中有 {n} 个指标（{'、'.join(names)}），按换行拆开；同一行的指标值、完成值、"
                                  f"分值、得分也按行对应拆开", None)
        split: dict[str, list[Any]] = {}
        for k in ("target", "actual", "reason", "weight", "score"):
            if k not in at:
                split[k] = [None] * n
                continue
            v = val.get(k)
            if not packed:
                split[k] = [self._ind_value(k, v, at[k])]
                continue
            parts = _lines(as_text(v))
            if len(parts) > 1 and all(_NUMBERED.match(p) for p in parts) and k != "weight" and k != "score":
                parts = [_NUMBERED.sub("", p) for p in parts]
            parts = [_PREFIX_ZHIBIAO.sub("", p) for p in parts]
            if len(parts) == n:
                split[k] = [self._ind_value(k, p, at[k]) for p in parts]
            elif not parts:
                split[k] = [None] * n
            elif len(parts) == 1:
                split[k] = [self._ind_value(k, parts[0], at[k])] + [None] * (n - 1)
                self.note(at[k], f"{_ZH[k]}只有一行，而三级指标有 {n} 个：按第一个指标的{_ZH[k]}读，其余空白", None)
            else:
                raise self.error(at[k], f"{_ZH[k]}一格中有 {len(parts)} 行，与三级指标的 {n} 行对不上，无法拆分")
        out = []
        for i in range(n):
            idx = first + i
            out.append({"level1": lv["level1"][0], "level2": lv["level2"][0], "name": names[i],
                        "target": split["target"][i], "actual": split["actual"][i], "weight": split["weight"][i],
                        "score": split["score"][i], "reason": split["reason"][i]})
            for k in ("level1", "level2"):
                if lv[k][1] is not None:
                    self.cells[f"indicators[{idx}].{k}"] = lv[k][1]
            for k in ("name", "target", "actual", "weight", "score", "reason"):
                if k in at:
                    self.cells[f"indicators[{idx}].{k}"] = g.ref(*at[k])
        return out

    def _ind_value(self, k: str, v: Any, pos: Pos) -> Any:
        if k in ("weight", "score"):
            if isinstance(v, str):
                return self._number_text(v, pos, "分值" if k == "weight" else "得分")
            if isinstance(v, bool):
                raise self.error(pos, f"{_ZH[k]}应为数字，现为“{v}”")
            return v
        return self.text_value(v, pos, k) if v is not None else None

    def _number_text(self, s: str, pos: Pos, what: str) -> int | float | None:
        t = unicodedata.normalize("NFKC", s).strip().replace(",", "")
        if t == "":
            return None
        if t in _DASH:
            self.note(pos, f"{what}写的是“{s}”，按空白读")
            return None
        try:
            return parse_number(t)
        except NotANumber:
            raise self.error(pos, f"{what}应为数字，现为“{s}”") from None

    # -- total, remark, signatures ------------------------------------------------
    def _total(self, r: int, cols: dict[str, int]) -> None:
        """总分: its 分值 and 得分 under the 分值/得分 columns, or — where the row is
        shifted against the indicator columns — the last two numbers of the row."""
        g = self.g
        label = next(c for _, c in g.cells(r, r + 1) if TOTAL.fullmatch(_label_part(g.norm(r, c))))
        label_end = g.extent(r, label)[1]
        nums: list[tuple[Pos, Any]] = []
        c = label_end + 1
        while c < g.ncols:
            o = g.origin(r, c)
            v = g.raw(*o)
            if v is not None:
                num = self._maybe_number(v)
                if num is not None:
                    nums.append((o, num))
                elif isinstance(v, str) and re.fullmatch(r"(?:等级[:：]?)?\s*[优良中差]", v.strip()):
                    self.cells["grade"] = g.ref(*o)
            c = g.extent(*o)[1] + 1
        at = {k: g.origin(r, cols[k]) for k in ("weight", "score")}
        found = {k: next((n for o, n in nums if o == at[k]), None) for k in at}
        aligned = (found["weight"] is not None and found["score"] is not None) or all(o in at.values() for o, _ in nums)
        if aligned:
            for key, k in (("total_weight", "weight"), ("total_score", "score")):
                if at[k][1] <= label_end:  # the 总分 label itself spans this column
                    self.put(key, None, None)
                else:
                    self.put(key, self.number(at[k], "总分的" + _ZH[k], key), at[k])
            return
        heads = f"“分值”“得分”列（{_col(cols['weight'])}、{_col(cols['score'])} 列）"
        if len(nums) == 1:
            ((o, _n),) = nums
            self.put("total_weight", None, None)
            self.put("total_score", self.number(o, "总分的得分", "total_score"), o)
            self.note(o, f"总分行只有一个数，且不在{heads}下：按总分的得分读", "total_score")
            return
        (ow, nw), (os_, ns) = nums[-2], nums[-1]
        self.put("total_weight", self.number(ow, "总分的分值", "total_weight"), ow)
        self.put("total_score", self.number(os_, "总分的得分", "total_score"), os_)
        self.note(f"{ref(*ow)}、{ref(*os_)}", f"总分行的数不在{heads}下，按位置读：{as_text(nw)} 为分值、"
                                              f"{as_text(ns)} 为得分", "total_score")

    def _maybe_number(self, v: Any) -> int | float | None:
        return to_number(v)

    def _footer(self, r0: int) -> None:
        g = self.g
        for key in ("remark", "unit_leader", "filled_by", "filled_on", "contact"):
            self.data[key] = None
        pos = self.find(REMARK, r0, self.r1)
        if pos is not None:
            v, at = self.labelled(pos)
            self.put("remark", self.text_value(v, at, "remark"), at)
        seen: set[str] = set()
        for r, c in g.cells(r0, self.r1):
            text = g.text(r, c) or ""
            if pos is not None and (r, c) == pos:
                continue
            matches = list(_FOOT_RX.finditer(text))
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
                    self.put(key, value, (r, c))
                elif i == len(matches) - 1:
                    v, at = self.right_of((r, c))
                    self.put(key, self.text_value(v, at, key), at)
                else:
                    self.put(key, None, (r, c))


_ZH = {"target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因", "weight": "分值", "score": "得分",
       "name": "三级指标"}


def _col(c: int) -> str:
    return ref(0, c)[:-1]


def _lines(text: str | None) -> list[str]:
    """The non-blank lines of a cell (Excel's Alt+Enter is \\n; some files carry \\r\\n)."""
    if not text:
        return []
    return [x.strip() for x in re.split(r"\r\n|\r|\n", text) if x.strip()]
