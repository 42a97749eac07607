"""Build the corpus of 项目支出绩效自评表 in other departments' layouts (tests/corpus/).

Each workbook is written with openpyxl from the embedded sample forms (大厂 2022) in a
realistic foreign layout, then also saved through LibreOffice as ``.xls``. Beside it:

- ``NAME.json``        the forms the reader must give back, field for field (a list, in
                       form.schema.json shape; money in 万元 whatever the sheet says)
- ``NAME.cells.json``  per form, the source cell of every value the writer put down
                       (field path -> cell), which ``SheetForm.cell`` must name

Run from the repository root::

    .venv/bin/python tests/corpus/build_corpus.py            # rewrite tests/corpus/
    .venv/bin/python tests/corpus/build_corpus.py --out DIR  # somewhere else
    .venv/bin/python tests/corpus/build_corpus.py --no-xls   # without LibreOffice

The output is deterministic: the .xlsx/.xlsm packages have fixed document dates and zip
timestamps, so a rebuild gives the same parts (``tests/test_anchored.py`` checks it).
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLES = ROOT / "jixiao" / "samples" / "dachang-2022"
sys.path.insert(0, str(ROOT))

FIXED = __import__("datetime").datetime(2024, 1, 1)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FUND_ROWS = ("total", "fiscal", "carryover", "other")
_thin = Side(style="thin")
BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
WRAP = Alignment(wrap_text=True, vertical="center")


def sample(n: int) -> dict[str, Any]:
    return json.loads((SAMPLES / f"{n:02d}.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------
# a layout, as the options a county's own form varies in
# --------------------------------------------------------------------------------------

IND_COLS = (("block", "绩效指标"), ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
            ("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
            ("reason", "偏差原因分析及改进措施"))
FUND_COLS = (("initial", "年初预算数"), ("annual", "全年预算数"), ("executed", "全年执行数"), ("weight", "分值"),
             ("rate", "执行率"), ("score", "得分"))
FUND_LABELS = {"total": "年度资金总额", "fiscal": "其中：当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}


@dataclass
class Style:
    title: str | None = "项目支出绩效自评表"       # may hold {year}
    year_line: str | None = "（{year}年度）"      # or "number" (2022 shown as （2022年度）), or None
    top: int = 0                                  # 0-based first row / column of the form
    left: int = 0
    head: str = "pairs"                           # pairs: 主管部门 | x | 实施单位 | x;  rows: one a row
    head_gap: int = 0                             # blank columns between a header label and its value
    leader: bool = True                           # 项目负责人 / 联系电话 row
    funds_label: str = "项目资金（万元）"
    unit_line: str | None = None                  # a "单位：元" line above the funds block
    yuan: bool = False                            # money written in 元
    fund_rows: tuple[str, ...] = FUND_ROWS
    fund_labels: dict[str, str] = field(default_factory=lambda: dict(FUND_LABELS))
    fund_cols: tuple[tuple[str, str], ...] = FUND_COLS
    rate_as_number: bool = False                  # "92.5%" typed as 0.925 with a % format
    goals: str = "headers"                        # headers: 预期目标 | 实际完成情况 over the texts; rows
    ind_cols: tuple[tuple[str, str], ...] = IND_COLS   # "blank" for an empty column
    spans: dict[str, int] = field(default_factory=dict)  # header merged over n columns
    levels: str = "merged"                        # merged | every | once
    vertical_level1: bool = False                 # 产\n出\n指\n标
    packed: bool = False                          # one row per 二级指标, lines in each cell
    prefix: bool = False                          # "指标1：" before names
    reason_merged: bool = False                   # the same 偏差原因 merged down its rows
    total_shift: int = 0                          # 总分's numbers this many columns off
    grade: bool = False                           # 等级 beside the 总分
    remark: str | None = "说明"
    footer: str = "cells"                         # cells | inline | one_cell
    contact_label: str = "联系方式"
    numbers_as_text: bool = False                 # money and 得分 stored as text (分值 stay numbers)
    extra: dict[str, Any] = field(default_factory=dict)  # values the sample lacks (leader, phone, remark)
    # issue 15: layouts of other counties and of the central 项目库
    leader_style: str = "pair"                    # pair | one_cell ("项目负责人：… 联系电话：…") | combined
    ind_head_rows: int = 1                        # 2: "年度" above "指标值", "实际" above "完成值"
    funds_block: bool = True                      # False: no 项目资金 block at all
    funds_by_name: bool = False                   # the money table lists the project: 项目名称 | 年初预算数 | …
    target_formula: int | None = None             # this indicator's target a formula =100% (cached 1)
    target_eq_text: int | None = None             # this indicator's target typed as the text "=100%"
    # the h36 import round: county clerks' own layouts
    top_line: bool = False                        # "填报单位（盖章）：…" and the money unit under the title
    head_units: bool = True                       # False: no 主管部门/实施单位 row (the 填报单位 line names it)
    year_beside: bool = False                     # 项目名称 | … | 预算年度 | 2023
    band: bool = False                            # "指标值" merged over 年度指标值 | 实际完成值 (headers on two rows)
    subtotals: bool = False                       # a 小计 row after each 一级指标
    total_label: str = "总分"
    measures: dict[int, str] = field(default_factory=dict)   # 改进措施 column: indicator -> text
    explain: dict[int, str] = field(default_factory=dict)    # 指标解释 column
    notes_col: dict[int, str] = field(default_factory=dict)  # 备注 column


def _num_text(v: Any) -> str:
    return repr(v) if isinstance(v, float) else str(v)


def _yuan(v: Any) -> Any:
    if not isinstance(v, (int, float)):
        return v
    w = Decimal(repr(v)) * 10000
    return int(w) if w == w.to_integral_value() else float(w)


def _percent_number(v: Any) -> Any:
    if isinstance(v, str) and re.fullmatch(r"\d+(?:\.\d+)?%", v):
        return float(Decimal(v[:-1]) / 100)
    return v


class Writer:
    """Writes forms onto one worksheet, recording the cell of every value written."""

    def __init__(self, ws, formulas: dict[tuple[str, str], str] | None = None):
        self.ws = ws
        self.formulas = {} if formulas is None else formulas  # (sheet, cell) -> the value Excel caches

    def put(self, r: int, c: int, v: Any, *, fmt: str | None = None, bold: bool = False) -> str:
        cell = self.ws.cell(row=r + 1, column=c + 1)
        if isinstance(v, str):
            cell.value = v
            cell.data_type = "s"      # "=1 人" is text, not a formula
        else:
            cell.value = v
        cell.alignment = WRAP
        cell.border = BOX
        if fmt:
            cell.number_format = fmt
        if bold:
            cell.font = Font(bold=True)
        return cell.coordinate

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        if (r0, c0) != (r1, c1):
            self.ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)

    # -- one form ----------------------------------------------------------------
    def form(self, f: dict[str, Any], st: Style, top: int) -> tuple[int, dict[str, str]]:
        """Write ``f`` from row ``top``; returns the next free row and field -> cell."""
        cells: dict[str, str] = {}
        L = st.left
        plan = self._plan(st)
        width = max(c for _, c, _ in plan.values()) + 1 if plan else 9
        last = L + width - 1
        r = top

        def val(key: str, v: Any, rr: int, cc: int, **kw: Any) -> None:
            if v is None:
                return
            as_text = key.startswith("funds.") or key.endswith(".score") or key == "exec_score"
            if st.numbers_as_text and as_text and isinstance(v, (int, float)):
                v = _num_text(v)
            cells[key] = self.put(rr, cc, v, **kw)

        if st.title:
            self.put(r, L, st.title.format(year=f["year"]), bold=True)
            self.merge(r, L, r, last)
            r += 1
        if st.year_line == "number":
            cells["year"] = self.put(r, L, f["year"], fmt='"（"0"年度）"')
            self.merge(r, L, r, last)
            r += 1
        elif st.year_line:
            cells["year"] = self.put(r, L, st.year_line.format(year=f["year"]))
            self.merge(r, L, r, last)
            r += 1
        elif st.title and "{year}" in st.title:
            cells["year"] = f"{get_column_letter(L + 1)}{top + 1}"

        g = st.head_gap
        mid = L + 4 + g
        if st.top_line:
            text = f"填报单位（盖章）：{f['unit']}"
            if st.head_units:
                self.put(r, L, text)
            else:
                cells["unit"] = self.put(r, L, text)
            self.merge(r, L, r, mid - 1)
            self.put(r, mid + 1, "金额单位：元" if st.yuan else "金额单位：万元")
            self.merge(r, mid + 1, r, last)
            r += 1
        self.put(r, L, "项目名称")
        val("project", f["project"], r, L + 1 + g)
        if st.year_beside:
            self.merge(r, L + 1 + g, r, mid - 1)
            self.put(r, mid, "预算年度")
            cells["year"] = self.put(r, mid + 1, f["year"])
            self.merge(r, mid + 1, r, last)
        else:
            self.merge(r, L + 1 + g, r, last)
        r += 1
        pairs = [("主管部门", "authority", "实施单位", "unit")] if st.head_units else []
        if st.leader and st.leader_style == "pair":
            pairs.append(("项目负责人", "leader", "联系电话", "phone"))
        for la, ka, lb, kb in pairs:
            if st.head == "pairs":
                self.put(r, L, la)
                val(ka, f[ka], r, L + 1 + g)
                self.merge(r, L + 1 + g, r, mid - 1)
                self.put(r, mid, lb)
                val(kb, f[kb], r, mid + 1)
                self.merge(r, mid + 1, r, last)
                r += 1
            else:
                for lab, key in ((la, ka), (lb, kb)):
                    self.put(r, L, lab)
                    val(key, f[key], r, L + 1 + g)
                    self.merge(r, L + 1 + g, r, last)
                    r += 1

        if st.leader and st.leader_style == "one_cell":
            cref = self.put(r, L, f"项目负责人：{f['leader'] or ''}        联系电话：{f['phone'] or ''}")
            self.merge(r, L, r, last)
            cells.update({k: cref for k in ("leader", "phone") if f[k] is not None})
            r += 1
        elif st.leader and st.leader_style == "combined":
            self.put(r, L, "项目负责人及联系电话")
            cref = self.put(r, L + 1 + g, f"{f['leader']}  {f['phone']}")
            self.merge(r, L + 1 + g, r, last)
            cells.update({"leader": cref, "phone": cref})
            r += 1

        # 项目资金
        if st.funds_block:
            if st.unit_line:
                self.put(r, L, st.unit_line)
                self.merge(r, L, r, last)
                r += 1
            head = r
            self.put(r, L, st.funds_label)
            self.merge(r, L, r + len(st.fund_rows), L)
            fc = {}
            if st.funds_by_name:
                self.put(r, L + 1, "项目名称")
            for i, (key, text) in enumerate(st.fund_cols):
                fc[key] = L + 2 + i
                self.put(r, fc[key], text)
            self.merge(r, fc[st.fund_cols[-1][0]], r, last)
            for key in st.fund_rows:
                r += 1
                self.put(r, L + 1, f["project"] if st.funds_by_name else st.fund_labels[key])
                row = (f["funds"].get(key) or {})
                for col in ("initial", "annual", "executed"):
                    if col in fc:
                        v = row.get(col)
                        val(f"funds.{key}.{col}", _yuan(v) if st.yuan else v, r, fc[col])
                if key == ("total" if "total" in st.fund_rows else st.fund_rows[0]):
                    if "weight" in fc:
                        val("funds_weight", f["funds_weight"], r, fc["weight"])
                    if "rate" in fc:
                        rate = _percent_number(f["exec_rate"]) if st.rate_as_number else f["exec_rate"]
                        fmt = "0.00%" if st.rate_as_number and isinstance(rate, float) else None
                        if rate is not None:
                            cells["exec_rate"] = self.put(r, fc["rate"], rate, fmt=fmt)
                    if "score" in fc:
                        val("exec_score", f["exec_score"], r, fc["score"])
                self.merge(r, fc[st.fund_cols[-1][0]], r, last)
            r += 1
            assert r == head + len(st.fund_rows) + 1

        # 年度总体目标
        self.put(r, L, "年度总体目标")
        if st.goals == "headers":
            self.merge(r, L, r + 1, L)
            self.put(r, L + 1, "预期目标")
            self.merge(r, L + 1, r, mid)
            self.put(r, mid + 1, "实际完成情况")
            self.merge(r, mid + 1, r, last)
            val("goal_expected", f["goal_expected"], r + 1, L + 1)
            self.merge(r + 1, L + 1, r + 1, mid)
            val("goal_actual", f["goal_actual"], r + 1, mid + 1)
            self.merge(r + 1, mid + 1, r + 1, last)
        else:
            self.merge(r, L, r + 1, L)
            for i, (lab, key) in enumerate((("预期目标", "goal_expected"), ("实际完成情况", "goal_actual"))):
                self.put(r + i, L + 1, lab)
                val(key, f[key], r + i, L + 2)
                self.merge(r + i, L + 2, r + i, last)
        r += 2

        # 绩效指标
        ih = r
        two = st.ind_head_rows == 2
        for key, (text, c, span) in plan.items():
            if key.startswith("blank"):
                continue
            if two and st.band and key in ("target", "actual"):  # "指标值" over 年度指标值 | 实际完成值
                if key == "target":
                    self.put(r, c, "指标值", bold=True)
                    self.merge(r, c, r, plan["actual"][1] + plan["actual"][2] - 1)
                self.put(r + 1, c, text, bold=True)
                continue
            if two and text in ("年度指标值", "实际完成值"):  # "年度" above "指标值"
                self.put(r, c, text[:2], bold=True)
                self.put(r + 1, c, text[2:], bold=True)
                continue
            self.put(r, c, text, bold=True)
            self.merge(r, c, r + (1 if two and key != "block" else 0), c + span - 1)
        r += 2 if two else 1
        groups = self._groups(f["indicators"], st)
        level_runs: dict[str, list[tuple[int, str]]] = {"level1": [], "level2": []}
        reason_runs: list[tuple[int, str | None]] = []
        idx = 0
        for gi, grp in enumerate(groups):
            one = grp[0]
            for key in ("level1", "level2"):
                level_runs[key].append((r, one[key] if key == "level1" else one["level1"] + "›" + one[key]))
            if len(grp) == 1:
                ind = one
                name = (f"指标{idx + 1}：" if st.prefix else "") + ind["name"]
                cells[f"indicators[{idx}].name"] = self.put(r, plan["name"][1], name)
                for k in ("target", "actual", "weight", "score"):
                    if k == "target" and idx == st.target_formula:
                        cells[f"indicators[{idx}].target"] = self.put(r, plan[k][1], "=100%")
                        self.ws.cell(row=r + 1, column=plan[k][1] + 1).data_type = "f"
                        self.formulas[(self.ws.title, cells[f"indicators[{idx}].target"])] = "1"
                        continue
                    if k == "target" and idx == st.target_eq_text:
                        cells[f"indicators[{idx}].target"] = self.put(r, plan[k][1], "=100%")
                        continue
                    val(f"indicators[{idx}].{k}", ind[k], r, plan[k][1])
                for key, texts in (("measures", st.measures), ("explain", st.explain), ("note", st.notes_col)):
                    if idx in texts:
                        cref = self.put(r, plan[key][1], texts[idx])
                        if key == "measures" and ind["reason"] is None:
                            cells[f"indicators[{idx}].reason"] = cref
                reason_runs.append((r, ind["reason"]))
                idx += 1
            else:
                n0 = idx
                names = "\n".join((f"指标{n0 + i + 1}：" if st.prefix else "") + x["name"] for i, x in enumerate(grp))
                ref_ = {"name": self.put(r, plan["name"][1], names)}
                for k in ("target", "actual", "weight", "score"):
                    ref_[k] = self.put(r, plan[k][1], "\n".join("" if x[k] is None else _num_text(x[k]) for x in grp))
                reason_runs.append((r, None))
                for i in range(len(grp)):
                    for k, cref in ref_.items():
                        cells[f"indicators[{n0 + i}].{k}"] = cref
                idx += len(grp)
            for key, (text, c, span) in plan.items():
                if span > 1 and key not in ("reason", "level1", "level2") and not key.startswith("blank"):
                    self.merge(r, c, r, c + span - 1)
            r += 1
            following = groups[gi + 1][0]["level1"] if gi + 1 < len(groups) else None
            if st.subtotals and following != one["level1"]:   # 小计 of this 一级指标's rows
                mine = [x for x in f["indicators"] if x["level1"] == one["level1"]]
                self.put(r, plan["level1"][1], "小计")
                for k in ("weight", "score"):
                    self.put(r, plan[k][1], float(sum(Decimal(repr(x[k] or 0)) for x in mine)))
                r += 1
        last_row = r - 1
        # 一级/二级: merged, written on every row, or written once per run
        row_of = {}
        idx = 0
        for gi, grp in enumerate(groups):
            for _ in grp:
                row_of[idx] = level_runs["level1"][gi][0]
                idx += 1
        for key in ("level1", "level2"):
            runs = _runs(level_runs[key])
            c = plan[key][1]
            for start, end, label in runs:
                text = label.split("›")[-1]
                shown = "\n".join(text) if (key == "level1" and st.vertical_level1) else text
                if st.levels == "every":
                    for rr in range(start, end + 1):
                        self.put(rr, c, shown)
                else:
                    self.put(start, c, shown)
                    if st.levels == "merged":
                        self.merge(start, c, end, c)
            for i, rr in row_of.items():
                src = rr if st.levels == "every" else next(s for s, e, _ in runs if s <= rr <= e)
                cells[f"indicators[{i}].{key}"] = f"{get_column_letter(c + 1)}{src + 1}"
        # 偏差原因
        c = plan["reason"][1]
        span = plan["reason"][2]
        runs = _runs([(rr, v) for rr, v in reason_runs]) if st.reason_merged else [(rr, rr, v) for rr, v in reason_runs]
        for start, end, text in runs:
            if text is not None:
                self.put(start, c, text)
            self.merge(start, c, end, c + span - 1)
        for i, rr in row_of.items():
            reason = f["indicators"][i]["reason"]
            if reason is not None:
                s = next(s for s, e, _ in runs if s <= rr <= e)
                cells[f"indicators[{i}].reason"] = f"{get_column_letter(c + 1)}{s + 1}"
        if "block" in plan:
            self.put(ih, plan["block"][1], "绩效指标")
            self.merge(ih, plan["block"][1], last_row, plan["block"][1])

        # 总分
        wc, sc = plan["weight"][1] + st.total_shift, plan["score"][1] + st.total_shift
        self.put(r, L, st.total_label, bold=True)
        self.merge(r, L, r, wc - 1)
        val("total_weight", f["total_weight"], r, wc)
        val("total_score", f["total_score"], r, sc)
        if st.grade and f["total_score"] is not None:
            t = f["total_score"]
            cells["grade"] = self.put(r, sc + 1, "优" if t >= 90 else "良" if t >= 80 else "中" if t >= 60 else "差")
        r += 1
        if st.remark:
            self.put(r, L, st.remark)
            val("remark", f["remark"], r, L + 1)
            self.merge(r, L + 1, r, last)
            r += 1
        r += 1
        foot = [("填报单位负责人（签名）", "unit_leader"), ("填报人", "filled_by"), ("填报日期", "filled_on"),
                (st.contact_label, "contact")]
        if st.footer == "one_cell":
            text = "      ".join(f"{lab}：{f[key] or ''}" for lab, key in foot).rstrip()
            cref = self.put(r, L, text)
            self.merge(r, L, r, last)
            for _, key in foot:
                if f[key] is not None:
                    cells[key] = cref
        else:
            cols = [L, L + 3, L + 5, L + 7] if width >= 9 else [L, L + 2, L + 4, L + 6]
            for (lab, key), c in zip(foot, cols):
                if st.footer == "inline":
                    cref = self.put(r, c, f"{lab}：{f[key] or ''}")
                    if f[key] is not None:
                        cells[key] = cref
                    if c == L:
                        self.merge(r, c, r, c + 1)
                else:
                    self.put(r, c, f"{lab}：")
                    vc = c + 2 if c == L else c + 1
                    if c == L:
                        self.merge(r, c, r, c + 1)
                    val(key, f[key], r, vc)
        return r + 1, cells

    def _plan(self, st: Style) -> dict[str, tuple[str, int, int]]:
        """field -> (header, first column, span) of the indicator table."""
        plan, c = {}, st.left
        for key, text in st.ind_cols:
            span = st.spans.get(key, 1)
            if key == "blank":
                key = f"blank{c}"
            plan[key] = (text, c, span)
            c += span
        return plan

    def _groups(self, inds: list[dict[str, Any]], st: Style) -> list[list[dict[str, Any]]]:
        """Rows of the indicator table: one indicator each, or a packed 二级指标."""
        if not st.packed:
            return [[i] for i in inds]
        out: list[list[dict[str, Any]]] = []
        for ind in inds:
            if out and (out[-1][0]["level1"], out[-1][0]["level2"]) == (ind["level1"], ind["level2"]) \
                    and ind["reason"] is None and out[-1][0]["reason"] is None:
                out[-1].append(ind)
            else:
                out.append([ind])
        return out


def _runs(items: list[tuple[int, Any]]) -> list[tuple[int, int, Any]]:
    """Consecutive rows with the same value: (first row, last row, value)."""
    out: list[tuple[int, int, Any]] = []
    for r, v in items:
        if out and out[-1][2] == v and v is not None and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r, v)
        else:
            out.append((r, r, v))
    return out


# --------------------------------------------------------------------------------------
# what the reader must give back
# --------------------------------------------------------------------------------------


def expected(f: dict[str, Any], st: Style) -> dict[str, Any]:
    e = copy.deepcopy(f)
    for k, v in st.extra.items():
        e[k] = v
    if not st.leader:
        e["leader"] = e["phone"] = None
    funds = {}
    cols = {k for k, _ in st.fund_cols}
    for key in FUND_ROWS:
        row = (f["funds"].get(key) or {}) if key in st.fund_rows and st.funds_block else {}
        funds[key] = {c: (row.get(c) if c in cols else None) for c in ("initial", "annual", "executed")}
    e["funds"] = funds
    if "weight" not in cols:
        e["funds_weight"] = None
    if "rate" not in cols:
        e["exec_rate"] = None
    if "score" not in cols:
        e["exec_score"] = None
    if not st.remark:
        e["remark"] = None
    if not st.funds_block or not st.fund_rows:
        e["funds_weight"] = e["exec_rate"] = e["exec_score"] = None
    if st.target_formula is not None:
        e["indicators"][st.target_formula]["target"] = "1"    # what the formula =100% computes
    if st.target_eq_text is not None:
        e["indicators"][st.target_eq_text]["target"] = "=100%"
    if not st.head_units:
        e["authority"] = None      # the 填报单位 line names the 实施单位 only
    for i, how in st.measures.items():   # 偏差原因 | 改进措施 read as one text
        why = e["indicators"][i]["reason"]
        e["indicators"][i]["reason"] = f"偏差原因：{why.rstrip('。；;，, ')}；改进措施：{how}" if why else f"改进措施：{how}"
    return e


def written(f: dict[str, Any], st: Style) -> dict[str, Any]:
    """The form as the layout writes it (the extra values put in)."""
    w = copy.deepcopy(f)
    w.update(st.extra)
    return w


# --------------------------------------------------------------------------------------
# the corpus
# --------------------------------------------------------------------------------------


@dataclass
class Book:
    name: str
    sheets: list[tuple[str, list[tuple[int, Style]]]]   # sheet title -> the forms on it, top to bottom
    suffix: str = ".xlsx"
    wps: bool = False
    extra_sheets: dict[str, list[list[Any]]] = field(default_factory=dict)
    lookalike: bool = False
    note: str = ""
    issue: int | None = None      # 15: the layouts of issue 15 (each sample may appear again)
    round: str | None = None      # "h36": the layouts of the h36 import round (each sample may appear again)
    et: bool = False              # also a WPS .et (the .xls bytes under the .et name, as WPS writes BIFF8)


BASE = Style()
STANDARD_MERGED = replace(BASE, spans={"reason": 2}, extra={})

BOOKS: list[Book] = [
    Book("01-merged-levels", [
        ("退役军人辅助性岗位经费", [(1, replace(STANDARD_MERGED, vertical_level1=True,
                                             extra={"leader": "赵某", "phone": "138****6621"}))]),
        ("医疗保障服务经费", [(2, replace(STANDARD_MERGED, extra={"leader": "孙某", "phone": "0316-88****1"}))]),
    ], note="一级/二级合并多行（一级竖排“产\\n出\\n指\\n标”），偏差原因表头合并两列，有项目负责人/联系电话"),
    Book("02-packed-cells", [
        ("网络设备", [(3, replace(BASE, packed=True, prefix=True, leader=False))]),
        ("办公设备", [(4, replace(BASE, packed=True, prefix=True, leader=False, levels="every"))]),
    ], note="一个二级指标一行：三级指标、指标值、完成值、分值、得分都用换行写在一格，名称带“指标1：”前缀"),
    Book("03-shifted-columns", [
        ("自评表", [(5, replace(BASE, ind_cols=(("block", "绩效指标"), ("level1", "一级指标"), ("level2", "二级指标"),
                                                ("name", "三级指标"), ("weight", "分值"), ("target", "指标值"),
                                                ("actual", "实际完成值"), ("score", "得分"),
                                                ("reason", "偏差原因分析及改进措施")),
                                  fund_cols=(("initial", "年初预算数"), ("annual", "全年预算数（A）"),
                                             ("executed", "全年执行数（B）"), ("weight", "分值"),
                                             ("rate", "执行率（B/A）"), ("score", "得分")),
                                  head="rows", rate_as_number=True))]),
        ("自评表 (2)", [(6, replace(BASE, left=1, ind_cols=(("block", "绩效指标"), ("level1", "一级指标"),
                                                            ("level2", "二级指标"), ("name", "三级指标"),
                                                            ("weight", "分值"), ("target", "指标值"),
                                                            ("actual", "实际完成值"), ("score", "得分"),
                                                            ("reason", "偏差原因分析及改进措施")),
                                      rate_as_number=True))]),
    ], note="列顺序不同（分值在指标值之前、表头“指标值”“全年预算数（A）”“执行率（B/A）”），第二张整体右移一列，执行率写成数字加百分比格式"),
    Book("04-no-leader-rows", [
        ("Sheet1", [(9, replace(BASE, leader=False, head="rows", fund_rows=("total", "fiscal"),
                                fund_labels={**FUND_LABELS, "fiscal": "其中：财政资金"}, levels="every",
                                contact_label="联系电话"))]),
    ], note="没有项目负责人/联系电话行；主管部门、实施单位各占一行；资金只有“年度资金总额/其中：财政资金”两行，财政资金一行空白"),
    Book("05-money-in-yuan", [
        ("城乡医疗救助资金", [(12, replace(BASE, funds_label="项目资金（元）", yuan=True))]),
        ("省级医疗救助", [(14, replace(BASE, funds_label="项目资金", unit_line="金额单位：元", yuan=True,
                                       leader=False))]),
    ], note="金额以元填写（“项目资金（元）”，或表上方“金额单位：元”），读入时换算为万元并记录"),
    Book("06-two-forms-stacked", [
        ("Sheet1", [(7, replace(BASE, extra={"leader": "钱某", "phone": "139****0817"})),
                    (18, replace(BASE, title="项目支出绩效自评表", year_line="（{year}年度）"))]),
    ], note="一张工作表上下两张表（各有标题和年度），按两张表读"),
    Book("07-offset-blank-col", [
        ("自评", [(22, replace(BASE, top=3, left=2, head_gap=1,
                              ind_cols=(("block", "绩效指标"), ("level1", "一级指标"), ("level2", "二级指标"),
                                        ("name", "三级指标"), ("blank", ""), ("target", "年度指标值"),
                                        ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                                        ("reason", "偏差原因分析及改进措施"))))]),
    ], note="表从 C4 开始；表头标签与内容之间、三级指标与年度指标值之间各多一列空白"),
    Book("08-total-shifted", [
        ("医保基金监管", [(10, replace(BASE, total_shift=-1, grade=True, leader=False))]),
        ("打击诈骗骗保", [(11, replace(BASE, total_shift=-1, grade=True, leader=False))]),
    ], note="总分行的分值、得分比表头的分值/得分列左移一列，后面还有等级；10 号表自身的错误原样保留"),
    Book("09-wps", [
        ("Sheet1", [(13, replace(BASE, reason_merged=True, numbers_as_text=True))]),
        ("Sheet2", [(15, replace(BASE, numbers_as_text=True, levels="every"))]),
    ], wps=True, note="WPS 式 .xlsx：共享字符串（含富文本）、数字存为文本、带缓存值的公式、工作表名 Sheet1/Sheet2；"
                       "13 号表的偏差原因跨 8 行合并"),
    Book("10-macro-book", [
        ("16", [(16, replace(BASE, levels="once", fund_cols=(("initial", "年初预算数"), ("annual", "全年预算数（A）"),
                                                             ("executed", "全年执行数（B）"), ("weight", "分值"),
                                                             ("rate", "执行率（B/A）"), ("score", "得分"))))]),
        ("19", [(19, replace(BASE, levels="once"))]),
        ("20", [(20, replace(BASE, levels="once", remark="备注"))]),
    ], suffix=".xlsm", extra_sheets={
        "填表说明": [["填表说明"], ["1. 项目名称按预算批复填写。"], ["2. 金额单位为万元。"]],
        "项目清单": [["序号", "项目名称", "主管部门", "全年预算数", "全年执行数"], [1, "（略）", None, None, None]],
    }, note=".xlsm 工作簿：说明页和清单页夹在表中间；一级/二级只在每段第一行写一次（不合并）"),
    Book("11-year-in-title", [
        ("家庭医生签约服务费", [(17, replace(BASE, title="{year}年度项目支出绩效自评表", year_line=None,
                                         goals="rows", footer="one_cell", contact_label="联系电话",
                                         reason_merged=True))]),
        ("新冠疫苗补助", [(21, replace(BASE, title="大厂回族自治县{year}年度项目支出绩效自评表", year_line=None,
                                      goals="rows", footer="inline", leader=False))]),
    ], note="年度写在标题里；预期目标/实际完成情况按行排；落款写在一个合并单元格或“填报人：王某”同格"),
    Book("12-mixed-hard", [
        ("表1", [(8, replace(BASE, year_line="number", vertical_level1=True, packed=True, prefix=True,
                              leader=False, total_shift=-1, remark="备注", footer="inline", rate_as_number=True,
                              spans={"name": 2}))]),
        ("表2", [(23, replace(BASE, year_line="number", vertical_level1=True, leader=False, total_shift=-1,
                              reason_merged=True, funds_label="项目资金（元）", yuan=True, spans={"name": 2}))]),
    ], note="几种难点叠在一起：年度是数字单元格、一级竖排合并、三级指标表头跨两列、打包单元格、总分左移、金额为元、偏差原因跨行合并"),
]

LOOKALIKE = Book("13-lookalike", [], lookalike=True,
                 note="项目支出绩效目标申报表：有项目名称、资金、三级指标、指标值，但没有实际完成值、得分、总分，"
                      "应报“这是绩效目标申报表，不是自评表”")
BOOKS.append(LOOKALIKE)

# issue 15: more counties' layouts and the central 项目库's; the samples appear again here, so these books
# are marked ``issue`` and kept out of the "each sample exactly once" totals
BOOKS += [
    Book("14-two-row-headers", [
        ("表一", [(3, replace(BASE, ind_head_rows=2, leader=False))]),
        ("表二", [(6, replace(BASE, ind_head_rows=2, head="rows", levels="every",
                              extra={"leader": "周某", "phone": "135****2208"}))]),
    ], issue=15, note="指标表头分两行打印：“年度”在“指标值”上、“实际”在“完成值”上，其余表头跨两行合并"),
    Book("15-leader-rows", [
        ("一格两项", [(9, replace(BASE, head="rows", leader_style="one_cell",
                                  extra={"leader": "吴某", "phone": "0316-5****88"}))]),
        ("合并标签", [(12, replace(BASE, head="rows", leader_style="combined",
                                   extra={"leader": "郑某", "phone": "137****4410"}))]),
        ("各占一行", [(14, replace(BASE, head="rows", extra={"leader": "冯某", "phone": "131****0962"}))]),
    ], issue=15, note="主管部门下的项目负责人/联系电话：写在一格（“项目负责人：… 联系电话：…”）、"
                      "一个标签“项目负责人及联系电话”、或各占一行"),
    Book("16-project-library", [
        ("项目库-分项", [(16, replace(BASE, fund_rows=("fiscal", "other"), leader=False,
                                      fund_labels={**FUND_LABELS, "fiscal": "财政拨款"}))]),
        ("项目库-无金额行", [(2, replace(BASE, fund_rows=(), leader=False))]),
        ("项目库-无资金", [(20, replace(BASE, funds_block=False, leader=False))]),
    ], issue=15, note="中央项目库版式：没有“年度资金总额”行（只有财政拨款、其他资金）、资金表下没有金额行、"
                      "或根本没有项目资金；绩效指标一列在一级指标之前；资金按空白读，不推算"),
    Book("17-name-in-money-table", [
        ("Sheet1", [(19, replace(BASE, funds_by_name=True, fund_rows=("total",), leader=False)),
                    (22, replace(BASE, funds_by_name=True, fund_rows=("total",), leader=False))]),
    ], issue=15, note="资金表带“项目名称”列（项目名称 | 年初预算数 | …，下一行是项目名称和金额），"
                      "一张工作表两张表：仍是两张表，不是四张"),
    Book("18-wps-et", [
        ("Sheet1", [(23, replace(BASE, target_formula=0, target_eq_text=1))]),
        ("Sheet2", [(1, replace(BASE, ind_head_rows=2, leader=False))]),
    ], wps=True, et=True, issue=15, note="WPS .et（BIFF8）：一个年度指标值是公式 =100%（缓存值 1，需要核对），"
                                         "一个是文字“=100%”；第二张表头分两行"),
]

# the h36 import round: layouts county clerks lay out themselves, each of which exposed a reader bug
OWN_COLS = (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("explain", "指标解释"),
            ("target", "年度指标值"), ("actual", "实际完成值"), ("weight", "分值"), ("score", "自评分"),
            ("reason", "偏差原因"), ("measures", "改进措施"), ("note", "备注"))
BOOKS += [
    Book("19-county-own", [
        ("彩票公益金", [(13, replace(BASE, title="{year}年度项目支出绩效自评表", year_line=None, top_line=True,
                                    yuan=True, funds_label="项目资金", leader=False, ind_cols=OWN_COLS,
                                    measures={0: "加强与税务部门对接，及时拨付参保资助资金", 3: "下年度按进度拨付"},
                                    explain={0: "资助困难群众参加基本医疗保险的人数"}, notes_col={1: "已整改"},
                                    total_label="合计", footer="inline"))]),
    ], round="h36", note="县里自己的版式：标题中写年度，标题下“填报单位（盖章）：…  金额单位：元”，得分列叫“自评分”，"
                         "偏差原因、改进措施分两列，另有“指标解释”“备注”两列（本模板没有，未导入并列出），总分行叫“合计”"),
    Book("20-subtotals-band", [
        ("医疗保障服务", [(2, replace(BASE, title="项目支出绩效自评表", year_line=None, year_beside=True, top_line=True,
                                     head_units=False, leader=False, ind_head_rows=2, band=True, subtotals=True))]),
        ("医保经办", [(18, replace(BASE, title="项目支出绩效自评表", year_line=None, year_beside=True, leader=False,
                                  subtotals=True, levels="every"))]),
    ], round="h36", note="年度写在“预算年度”一栏（项目名称右边）；没有主管部门/实施单位行，只在标题下写“填报单位（盖章）：…”；"
                         "“指标值”跨两列合并在“年度指标值”“实际完成值”之上；每个一级指标后有“小计”行"),
]


def write_lookalike(wb) -> None:
    ws = wb.create_sheet("绩效目标申报表")
    w = Writer(ws)
    f = sample(9)
    rows = [
        ["项目支出绩效目标申报表"], ["（2023年度）"],
        ["项目名称", f["project"]], ["主管部门", f["unit"], None, "实施单位", f["unit"]],
        ["项目资金（万元）", "年度资金总额", 13.6], [None, "其中：财政拨款", 13.6], [None, "其他资金", None],
        ["年度总体目标", f["goal_expected"]],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ] + [[None, i["level1"], i["level2"], i["name"], i["target"]] for i in f["indicators"]]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                w.put(r, c, v)
    ws2 = wb.create_sheet("说明")
    ws2["A1"] = "本工作簿为绩效目标申报，不是自评表。"


# --------------------------------------------------------------------------------------
# writing the files
# --------------------------------------------------------------------------------------


def build_book(book: Book, out: Path) -> tuple[Path, list[dict[str, Any]], list[dict[str, str]]]:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "jixiao corpus"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.lastModifiedBy = "jixiao"
    forms, cells = [], []
    formulas: dict[tuple[str, str], str] = {}
    sheet_items = list(book.sheets)
    extra = dict(book.extra_sheets)
    # put the extra sheets between the forms (a cover first, a list in the middle)
    order: list[tuple[str, Any]] = []
    for i, item in enumerate(sheet_items):
        if i == 0 and "填表说明" in extra:
            order.append(("extra", "填表说明"))
        order.append(("form", item))
        if i == 0 and "项目清单" in extra:
            order.append(("extra", "项目清单"))
    for kind, item in order:
        if kind == "extra":
            ws = wb.create_sheet(item)
            for r, row in enumerate(extra[item]):
                for c, v in enumerate(row):
                    if v is not None:
                        ws.cell(row=r + 1, column=c + 1, value=v)
            continue
        title, items = item
        ws = wb.create_sheet(title)
        w = Writer(ws, formulas)
        top = items[0][1].top
        for n, st in items:
            f = sample(n)
            top, cmap = w.form(written(f, st), st, top)
            top += 3
            forms.append(expected(f, st))
            cells.append(cmap)
        for col in range(1, 14):
            ws.column_dimensions[get_column_letter(col)].width = 14
    if book.lookalike:
        write_lookalike(wb)
    buf = io.BytesIO()
    wb.save(buf)
    parts = _parts(buf.getvalue())
    for (title, ref), cached in formulas.items():  # the value Excel or WPS stores with a formula
        name = f"xl/worksheets/sheet{wb.sheetnames.index(title) + 1}.xml"
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?', rf"\g<1>\g<2><v>{cached}</v>",
                         parts[name].decode())
        assert n == 1, (title, ref)
        parts[name] = xml.encode()
    if book.wps:
        parts = wps_parts(parts, cells)
    if book.suffix == ".xlsm":
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    path = out / f"{book.name}{book.suffix}"
    _write_zip(path, parts)
    return path, forms, cells


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    core = parts["docProps/core.xml"].decode()
    core = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", r"\g<1>2024-01-01T00:00:00Z\3", core)
    parts["docProps/core.xml"] = core.encode()
    return parts


def _write_zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])


_INLINE = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.DOTALL)


def wps_parts(parts: dict[str, bytes], cells: list[dict[str, str]]) -> dict[str, bytes]:
    """Make an openpyxl package look like WPS wrote it: shared strings (one label as rich
    text runs), the 总分's 分值 as a formula with its cached value, WPS's app properties."""
    strings: list[str] = []
    index: dict[str, int] = {}
    sheets = sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))
    for si, name in enumerate(sheets):
        xml = parts[name].decode()

        def shared(m: re.Match[str]) -> str:
            inner = m.group(3)
            if inner == "<t>&#39033;&#30446;&#21517;&#31216;</t>" or inner == "<t>项目名称</t>":
                inner = "<r><rPr><b/><sz val=\"11\"/><rFont val=\"宋体\"/></rPr><t>项目</t></r><r><t>名称</t></r>"
            if inner not in index:
                index[inner] = len(strings)
                strings.append(inner)
            return f'<c {m.group(1)}t="s"{m.group(2)}><v>{index[inner]}</v></c>'

        xml = _INLINE.sub(shared, xml)
        # 总分's 分值 as a formula over the 分值 column, with the value WPS cached
        cmap = cells[si] if si < len(cells) else {}
        tw = cmap.get("total_weight")
        if tw:
            wcells = sorted({cmap[k] for k in cmap if k.endswith(".weight") and k.startswith("indicators[")},
                            key=lambda a: int(re.sub(r"\D", "", a)))
            fw = cmap.get("funds_weight")
            if wcells and fw:
                formula = f"SUM({fw},{wcells[0]}:{wcells[-1]})"
                xml, n = re.subn(rf'<c r="{tw}"([^>]*?) t="n"([^>]*)><v>([^<]+)</v></c>',
                                 lambda m, tw=tw, formula=formula: f'<c r="{tw}"{m.group(1)}{m.group(2)}>'
                                 f'<f>{escape(formula)}</f><v>{m.group(3)}</v></c>', xml)
                assert n == 1, (name, tw)
        parts[name] = xml.encode()
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si>{s}</si>" for s in strings) + "</sst>")
    parts["xl/sharedStrings.xml"] = sst.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    ct = parts["[Content_Types].xml"].decode()
    ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    '<Override PartName="/docProps/custom.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode()
    app = parts["docProps/app.xml"].decode()
    app = re.sub(r"<Application>[^<]*</Application>", "<Application>WPS 表格</Application>", app)
    parts["docProps/app.xml"] = app.encode()
    parts["docProps/custom.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
        b'<vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>')
    root_rels = parts["_rels/.rels"].decode()
    root_rels = root_rels.replace("</Relationships>", '<Relationship Id="rIdCustom" Type="http://schemas.'
                                  'openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
                                  'Target="docProps/custom.xml"/></Relationships>')
    parts["_rels/.rels"] = root_rels.encode()
    return parts


def build(out: Path = HERE, *, xls: bool = True) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    index = []
    for book in BOOKS:
        path, forms, cells = build_book(book, out)
        (out / f"{book.name}.json").write_text(json.dumps(forms, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (out / f"{book.name}.cells.json").write_text(json.dumps(cells, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
        made.append(path)
        formats = [book.suffix]
        if xls:
            from jixiao.excel.office import convert

            made.append(convert(path, "xls", out))
        formats.append(".xls")
        if book.et:  # WPS 表格 saves .et as BIFF8 under its own suffix
            if xls:
                shutil.copyfile(out / f"{book.name}.xls", out / f"{book.name}.et")
                made.append(out / f"{book.name}.et")
            formats.append(".et")
        entry: dict[str, Any] = {"name": book.name, "formats": formats, "forms": len(forms), "covers": book.note}
        if book.issue:
            entry["issue"] = book.issue
        if book.round:
            entry["round"] = book.round
        index.append(entry)
    (out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return made


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(HERE))
    p.add_argument("--no-xls", action="store_true", help="skip the LibreOffice .xls copies")
    a = p.parse_args(argv)
    for path in build(Path(a.out), xls=not a.no_xls):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
