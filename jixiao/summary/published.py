"""A 绩效自评情况汇总表 as a department types it, read back to be checked against its forms.

Each department sends one with its forms (the 项目数量, 资金总量 and 等级 counts of its
projects), typed by hand; the sample's own mistake is one (资金总量 已评价数 568.64 where its
说明 defines Σ 全年执行数, 425.395). The bureau's review reads such a table wherever it sits
(a workbook of its own, or a sheet beside the forms) and compares every figure with the forms
(``compare_published``), the cell of each figure kept so that the notice can point at it.

The layout is found by its labels, not by position, in either of the two forms in use: the
official one (and the template's, ``summary.book``) runs down — 项目数量, 资金总量 and the four
等级 as rows, 应评价数 / 已评价数 as columns, the unit in a “填报部门：…” line above; a county
list runs across — a header row with 项目数量 and 资金总量 merged over 应评价数 / 已评价数 and
优 良 中 差, one row per unit (and perhaps a 合计). A sheet with neither is no 汇总表: ``[]``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from ..core.grades import GRADES, grade_word
from ..core.lazyre import lazy
from ..reading.grid import norm, ref

__all__ = ["against_forms", "compare_held", "computed", "held_to", "published_file", "published_in", "standalone_tables", "published_tables", "summary_sheet_name", "typed_in_workbooks",
           "typed_said"]

_END = re.compile(r"^(?:说明|注|备注|填表|审核|制表|负责人|单位负责人)")
_TOTAL = re.compile(r"^[（(]?(?:合计|总计|小计|共计)")
_UNIT_LINE = lazy(r"(?:填报部门|填报单位|单位名称|部门名称|单位|部门)[:：](.+)")


def _text(v: Any) -> str:
    return norm(v) if v is not None else ""


_LABEL_TAIL = re.compile(r"(?:[（(][^）)]*[）)]|项目数|个数|等级|等次|个|项|数)+$")


def _grade_label(label: str) -> str | None:
    """The band a column or row label counts: “优”, “优秀（个）”, “良好项目数” (the words as
    ``core.grades.grade_word`` reads a grade); None for anything else — “优秀率”, or a word of
    another scale (“合格”), which counts none of the bands."""
    g = grade_word(_LABEL_TAIL.sub("", label)) if len(label) <= 12 else None
    return g if g in GRADES else None


def _columns(head: list[Any], sub: list[Any]) -> dict[int, str]:
    """column -> the figure it holds ("projects_due", …, "grades.优"), by the group label over it
    (merged: carried to the right) and its own label."""
    out: dict[int, str] = {}
    group = ""
    for c in range(max(len(head), len(sub))):
        top = _text(head[c]) if c < len(head) else ""
        group = top or group
        label = (_text(sub[c]) if c < len(sub) else "") or top
        grade = _grade_label(label)
        if grade:
            out[c] = f"grades.{grade}"
        elif "应评价" in label or "已评价" in label:
            kind = "projects" if "项目" in group else "funds" if "资金" in group else None
            if kind:
                out[c] = f"{kind}_{'due' if '应评价' in label else 'done'}"
    return out


def published_tables(rows: list[list[Any]], sheet: str) -> list[dict[str, Any]]:
    """Each unit's figures in the 汇总表 on this sheet: {"unit", "sheet", "total" (a 合计 row),
    "projects_due", "projects_done", "funds_due", "funds_done", "grades": {优…}, "cells": {key: "D5"}}
    with each figure as typed (the comparison says what it should be)."""
    return _across(rows, sheet) or _down(rows, sheet)


def _unit_above(rows: list[list[Any]], h: int) -> str:
    """The unit a “填报部门：…” (填报单位, 单位名称) line above the table names."""
    for r in range(h):
        for v in rows[r]:
            m = _UNIT_LINE.search(_text(v)) if v is not None else None
            if m and not m.group(1).startswith("万元"):
                return m.group(1).strip()
    return ""


def _down(rows: list[list[Any]], sheet: str) -> list[dict[str, Any]]:
    """The official layout: figures as rows, 应评价数 / 已评价数 as columns."""
    for h in range(min(len(rows), 30)):
        heads = [_text(v) for v in rows[h]]
        due = next((c for c, t in enumerate(heads) if t.startswith("应评价")), None)
        done = next((c for c, t in enumerate(heads) if t.startswith("已评价")), None)
        if due is None or done is None:
            continue
        rec: dict[str, Any] = {"unit": _unit_above(rows, h), "sheet": sheet, "total": False, "grades": {}, "cells": {}}
        group = ""
        for r in range(h + 1, len(rows)):
            row = rows[r]
            labels = [_text(v) for v in row[:min(due, done)]]
            lead = next((t for t in labels if t), "")
            if _END.match(lead):
                break
            group = (labels[0] if labels and labels[0] else group)
            get = lambda c: row[c] if c < len(row) else None  # noqa: E731
            grade = next((g for t in labels if (g := _grade_label(t))), None)
            if grade:
                rec["grades"][grade] = get(due)
                rec["cells"][f"grades.{grade}"] = ref(r, due)
                continue
            kind = "projects" if "项目数" in group else "funds" if "资金" in group else None
            if kind and f"{kind}_due" not in rec:
                rec[f"{kind}_due"], rec[f"{kind}_done"] = get(due), get(done)
                rec["cells"][f"{kind}_due"], rec["cells"][f"{kind}_done"] = ref(r, due), ref(r, done)
        if "projects_due" in rec and "funds_due" in rec:
            return [rec]
    return []


def _across(rows: list[list[Any]], sheet: str) -> list[dict[str, Any]]:
    """A county list: one row per unit, the figures as columns under their group labels."""
    for h in range(min(len(rows), 30)):
        heads = [_text(v) for v in rows[h]]
        if not (any("项目数" in t for t in heads) and any("资金" in t for t in heads)):
            continue
        for s in (h + 1, h + 2):
            if s >= len(rows):
                break
            cols = _columns(rows[h], rows[s])
            keys = set(cols.values())
            if {"projects_due", "funds_due", "funds_done"} <= keys:
                return _records(rows, sheet, h, s, cols)
    return []


def _records(rows: list[list[Any]], sheet: str, h: int, s: int, cols: dict[int, str]) -> list[dict[str, Any]]:
    first = min(cols)
    unit_col = next((c for c in range(first) if any(w in _text(rows[h][c]) for w in ("单位", "部门", "名称"))), 0)
    above = _unit_above(rows, h)
    out: list[dict[str, Any]] = []
    for r in range(s + 1, len(rows)):
        row = rows[r]
        lead = next((_text(v) for v in row if _text(v)), "")
        if _END.match(lead):
            break
        values = {key: row[c] if c < len(row) else None for c, key in cols.items()}
        if all(v in (None, "") for v in values.values()):
            continue
        unit = _text(row[unit_col]) if unit_col < len(row) and unit_col not in cols else ""
        rec: dict[str, Any] = {"unit": unit or above.strip(), "sheet": sheet, "total": bool(_TOTAL.match(unit)),
                               "grades": {}, "cells": {}}
        for c, key in cols.items():
            v = values[key]
            if key.startswith("grades."):
                rec["grades"][key.split(".", 1)[1]] = v
            else:
                rec[key] = v
            rec["cells"][key] = ref(r, c)
        out.append(rec)
    return out


def published_in(path: Any) -> list[dict[str, Any]]:
    """The 汇总表 figures on every sheet of a workbook (checked and read as any workbook is)."""
    from ..reading.workbook import iter_sheets

    out: list[dict[str, Any]] = []
    for sheet, rows, _merges, _notes in iter_sheets(path, []):
        out += published_tables(rows, sheet)
    return out


def published_file(path: Any) -> list[dict[str, Any]]:
    """``published_in`` of a workbook no form was read from, in a child with a workbook read's
    limits (as every workbook from a batch is read: one that passed them there may still be
    large); none if it holds no 汇总表 or cannot be read again."""
    from pathlib import Path

    from .. import guard
    from ..errors import JixiaoError

    try:
        found: list[dict[str, Any]] = guard.run_limited(published_in, Path(path), name=str(path))
        return found
    except JixiaoError:
        return []


def standalone_tables(batch: Any, profile: Any) -> dict[str, tuple[set[str], list[Any]]]:
    """A 汇总表 sent as a workbook of its own beside the forms (“汇总表.xlsx”, no form in it), in a
    ``check`` or ``summarize`` of a folder: read path -> (its sheets, E4 findings against the
    forms, ``against_forms``: a row naming a unit with that unit's forms; an unnamed or
    unknown one-row table with the forms of its folder, else all). Such a file was “没有找到
    自评表”, i.e. unreadable, and made the 汇总 incomplete: its problem is taken out of
    ``batch.problems``. The bureau's review does the same with its own idea of departments."""
    from pathlib import Path

    from ..errors import NotAFormError
    from ..reading.workbook import WORKBOOK_SUFFIXES

    out: dict[str, tuple[set[str], list[Any]]] = {}
    if not batch.forms:  # a 汇总表 alone: nothing to hold it to (it stays a file with no form)
        return out
    kept = []
    for p in batch.problems:
        f = getattr(p, "file", None)
        if (type(p) is NotAFormError and f and not getattr(p, "sheet", None)
                and Path(f).suffix.lower() in WORKBOOK_SUFFIXES and f not in out):
            tables = published_file(f)
            if tables:
                from ..review.expected import department_key  # only here: it brings the email package

                folder = Path(f).parent
                own = [it for it in batch.forms if Path(it.file).parent == folder] or batch.forms
                sheets, diffs = against_forms(tables, batch.forms, own, profile, f,
                                              functools.cache(department_key), fallback=True)
                if sheets:
                    out[f] = (sheets, diffs)
                    continue
        kept.append(p)
    batch.problems[:] = kept
    return out


def summary_sheet_name(name: str) -> bool:
    """A sheet beside the forms that may be the department's 汇总表 (“汇总表”, “2022年绩效自评情况汇总表”);
    not a per-unit sheet (“分单位汇总”), whose rows are other units'."""
    return "汇总表" in name and "分单位" not in name


def computed(table: dict[str, Any]) -> bool:
    """Whether a table's figures are there: a 汇总表 of formulas saved without their results (by a
    program that does not calculate) reads as blank, which is no figure to compare."""
    keys = ("projects_due", "projects_done", "funds_due", "funds_done")
    return any(table.get(k) not in (None, "") for k in keys)


def against_forms(tables: list[dict[str, Any]], forms: list[Any], own: list[Any], profile: Any, source: str,
                  key: Any, fallback: bool = False) -> tuple[set[str], list[Any]]:
    """Each row of a department's 汇总表 held to the forms it counts: (the tables' sheets compared,
    E4 findings on the cells that differ).

    A table's rows name units of one level: a 主管部门's table its 下属单位 (实施单位, 本级 among
    them), a county's table its 主管部门. The level is the one whose names find more rows and more
    forms (a county's “县教育局” row is the whole department, not its 本级 forms); a tie is the
    实施单位 level for several rows and the 主管部门 level for one (a department's own table of
    one row counts all its forms, 本级 included). An unnamed row, or a table of 合计 rows only,
    counts ``own`` (the sender's forms). A 合计 is compared when every named row found its forms:
    with their union. A row naming nothing among ``forms`` is left alone (another unit's, copied
    for reference) — unless ``fallback`` and the table has that one row: then it is ``own``'s,
    spelled its own way (a department's own workbook in the bureau's inbox). ``key`` makes names
    comparable (``department_key``, or the review's spelling of its departments)."""
    return compare_held(held_to(tables, forms, own, key, fallback), profile, source)


def held_to(tables: list[dict[str, Any]], forms: list[Any], own: list[Any], key: Any,
            fallback: bool = False) -> list[tuple[dict[str, Any], list[Any]]]:
    """Each row of the tables with the forms it counts, as ``against_forms`` holds them."""
    pairs: list[tuple[dict[str, Any], list[Any]]] = []
    for sheet in dict.fromkeys(t["sheet"] for t in tables):
        rows = [t for t in tables if t["sheet"] == sheet]
        if len(rows) > 1:  # a finding names its row: “县实验小学”一行, “合计”一行
            rows = [dict(t, row=_text(t["unit"]) or "合计" if t["total"] else _text(t["unit"])) for t in rows]
        pairs += _rows_with_forms(rows, forms, own, key, fallback)
    return pairs


def compare_held(pairs: list[tuple[dict[str, Any], list[Any]]], profile: Any,
                 source: str) -> tuple[set[str], list[Any]]:
    """``against_forms`` of the rows ``held_to`` gave: (their sheets, E4 findings)."""
    from . import build, compare_published

    found: list[Any] = []
    for t, mine in pairs:
        found += compare_published(build(mine, [], profile, _text(t["unit"]) or None, []), t, source)
    return {t["sheet"] for t, _mine in pairs}, found


def _rows_with_forms(rows: list[dict[str, Any]], forms: list[Any], own: list[Any], key: Any,
                     fallback: bool) -> list[tuple[dict[str, Any], list[Any]]]:
    """The rows of one sheet's 汇总表, each with the forms it counts (``against_forms``)."""
    units = [t for t in rows if not t["total"]]
    named = [t for t in units if _text(t["unit"])]
    keys = {id(t): key(t["unit"]) for t in named}
    levels = []
    for attr in ("unit", "authority"):
        of = {id(it): key(getattr(it.form, attr, None) or "") for it in forms}
        match = {id(t): [it for it in forms if of[id(it)] == keys[id(t)]] for t in named}
        covered = len({id(it) for m in match.values() for it in m})
        levels.append(((sum(1 for m in match.values() if m), covered), match))
    (unit_score, by_unit), (authority_score, by_authority) = levels
    several = len(units) > 1
    match = by_unit if unit_score > authority_score or (unit_score == authority_score and several) else by_authority
    pairs: list[tuple[dict[str, Any], list[Any]]] = []
    for t in units:
        mine = match[id(t)] if id(t) in match else own
        if mine:
            pairs.append((t, mine))
    if not pairs and fallback and len(units) == 1:
        pairs.append((units[0], own))
    totals = [t for t in rows if t["total"]]
    if not units:
        pairs += [(t, own) for t in totals]
    elif len(pairs) == len(units):
        counted = list({id(it): it for _t, mine in pairs for it in mine}.values())
        pairs += [(t, counted) for t in totals]
    return pairs


def typed_in_workbooks(batch: Any, unit_of: Any, profile: Any) -> dict[str, list[tuple[str, set[str], list[Any]]]]:
    """A 汇总表 typed on a sheet beside the forms (named “…汇总表…”, not a form's sheet; read with
    them: ``Loaded.tables``) in each workbook, against that workbook's forms (``against_forms``):
    read path -> per unit whose tables they are, (the unit most of the forms a table counts are
    ``unit_of`` — its 实施单位, or the review's department: the unit a table names where it names one,
    else most of the workbook's; its tables' sheets; their E4 findings). Two tables typed for two
    departments in one workbook are each the department's it names, held to its forms only (both
    went to one). The 校验 button, ``jixiao check`` and the bureau's review all ask this. Not a table
    of formulas without results (``computed``); nothing while a form's 总分 has no result (a workbook
    a program wrote: every sum would look wrong)."""
    by_file: dict[str, list[Any]] = {}
    for it in batch.forms:
        by_file.setdefault(it.file, []).append(it)
    out: dict[str, list[tuple[str, set[str], list[Any]]]] = {}
    for path, items in by_file.items():
        tables = next((it.tables for it in items if it.tables), ())  # every form of the workbook carries them
        if not tables or any(it.form.total_score is None for it in items):
            continue
        from ..review.expected import department_key  # here, not above: a check with no such table imports
                                                       # no ``review.expected`` (it brings the email package)
        pairs = held_to([t for t in tables if computed(t)], items, items, functools.cache(department_key))
        whose: dict[str, list[tuple[dict[str, Any], list[Any]]]] = {}
        for sheet in dict.fromkeys(t["sheet"] for t, _mine in pairs):  # each table: the unit of the forms it counts
            held = [(t, mine) for t, mine in pairs if t["sheet"] == sheet]
            counted = {id(it): it for _t, mine in held for it in mine}.values()
            units = Counter(u for u in map(unit_of, counted) if u)
            whose.setdefault(units.most_common(1)[0][0] if units else "", []).extend(held)
        if whose:
            out[path] = [(who, *compare_held(held, profile, path)) for who, held in whose.items()]
    return out


def typed_said(typed: list[tuple[str, set[str], list[Any]]]) -> tuple[set[str], list[Any]]:
    """One workbook's typed tables (``typed_in_workbooks``) whoever they are for: their sheets, their findings."""
    return {s for _who, sheets, _d in typed for s in sheets}, [f for _who, _s, diffs in typed for f in diffs]
