"""The row keys of a 部门整体 sheet whose hidden column K was lost, found again by the rows' labels.

``fill`` writes a key beside every row the reader looks for (``rule:…``, ``team``, ``data:…``,
``std:…``) in the hidden column K, so that rows a department inserts move nothing. A 填报人 who
copies the visible table (A:J) into a workbook of their own, or pastes it into the 财政局's, leaves
the keys behind: the reader then found the indicators and the 总分 but not the 评价小组, the 计算数据
or the 评分标准参数, and ``check`` said nothing of a form whose formula scores it could not redo.

Every label is the one ``sheet`` writes (``layout``, ``scoring``): the keys are what the template
would have put there. Only a sheet with no key at all is read so; one key left means column K is
there, and a row without one is a row the department added.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from . import layout as D
from .scoring import MEASURES, template_form

__all__ = ["keys_by_label", "labels_find_keys"]


class _Grid(Protocol):
    rows: list[list[Any]]

    def text(self, ref: str) -> str | None: ...

    def label(self, ref: str) -> str: ...


_QUOTES = str.maketrans("", "", "\"“”'‘’")
# “用于：在职人员控制率（E11）、……”: the indicators a standard scores, each with the row it stood in when filled
_USERS = re.compile(r"([^：、]+?)（E(\d+)）")


# the 扣分项数 row's note, whatever the standard's name (``layout.COUNT_NOTE``)
_COUNT_NOTE = re.compile(re.escape("".join(D.COUNT_NOTE.split())).replace(re.escape("{name}"), "(.+?)"))
_VALUE = "".join(D.VALUE_LABEL.split())
_HEAD_F = {"team": "".join(D.TEAM_COLS[2][2].split()), "params": D.PARAM_HEADS[1][1]}   # column F of two header rows


def _squeezed(s: str) -> str:
    """A label without spaces and quotes: “三公经费”变动率 and "三公经费"变动率 are one name."""
    return "".join(s.split()).translate(_QUOTES)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[tuple[str, str], str], dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """What the template's labels say, inverted: (二级指标, 三级指标) → rule; a standard's name → its
    key; a 计算数据 label → its key; a kind's note → the kind; a measure's label → the measure."""
    t = template_form(2000)
    rules = {(_squeezed(i.level2 or ""), _squeezed(i.name)): i.rule for i in t.indicators if i.rule}
    standards = {_squeezed(s.name): k for k, s in t.standards.items()}
    data = {_squeezed(D.data_label(k)): k for k in D.BLOCK_DATA}
    kinds = {_squeezed(note): k for k, note in D.KIND_NOTE.items()}
    measures = {_squeezed(m.label): k for k, m in MEASURES.items()}
    return rules, standards, data, kinds, measures


@lru_cache(maxsize=1)
def _row_tests() -> list[tuple[str, str, Any]]:
    """(key, column, test of the squeezed label) of the keyed rows below the indicators, from the labels the
    writer puts there (``layout.ROW_LABELS``, ``TEAM_COLS``): a long label by its words before “（” (a
    department may shorten the remark), a short one whole; the longer labels first (评分标准参数 before 评分标准)."""
    tests: list[tuple[str, str, Any]] = []
    labels = {**D.ROW_LABELS, "team": D.TEAM_COLS[0][2]}
    for key, label in sorted(labels.items(), key=lambda kv: -len(kv[1])):
        full = _squeezed(label).rstrip("：")
        stem = full.split("（")[0]
        col = "F" if key == "opinion_sign" else "A"
        if len(stem) >= 5:
            tests.append((key, col, lambda t, stem=stem: t.startswith(stem)))
        else:
            tests.append((key, col, lambda t, full=full: t.rstrip("：") == full))
    return tests


def keys_by_label(grid: _Grid, first: int, total: int) -> dict[int, str]:
    """{row: key} as ``fill`` would have written them, for the rows of ``grid`` its labels name:
    the header rows and the indicators' header by their place (the reader does not look them up), the
    indicator rows ``first``..``total - 1`` by their 二级 and 三级指标, the rows below the 总分 by the labels
    in columns A and F, the 评价小组's members as the rows between its header and its 组长."""
    rules, standards, data, kinds, measures = _vocabulary()
    keys: dict[int, str] = {r: "head" for r, *_labels in D.HEAD_ROWS if r < first}
    if D.IND_HEADERS["A"] in grid.label(f"A{D.ROW_IND_HEAD}") and D.ROW_IND_HEAD < first:
        keys[D.ROW_IND_HEAD] = "indicators"
    keys[total] = "total"
    level2 = ""
    for r in range(first, total):
        level2 = _squeezed(grid.label(f"C{r}")) or level2
        rule = rules.get((level2, _squeezed(grid.label(f"E{r}"))))
        if rule:
            keys[r] = f"rule:{rule}"
    # the parameter groups first: the 计数 rows above them name their standard by its name
    heads = {r: head for r in range(total + 1, len(grid.rows) + 1)
             if grid.label(f"F{r}").startswith(_VALUE)
             and (head := _group_head(grid, r, keys, standards, kinds, measures))}
    named = {**standards, **{name: head[0] for head, name in
                             ((h, _squeezed((grid.text(f"A{r}") or "").partition("\n")[0])) for r, h in heads.items())}}
    group: tuple[str, str, str] | None = None     # (standard key, kind, measure) of the parameter rows read
    for r in range(total + 1, len(grid.rows) + 1):
        a, f = _squeezed(grid.label(f"A{r}")), _squeezed(grid.label(f"F{r}"))
        key = next((k for k, col, test in _row_tests() if test(a if col == "A" else f)), None)
        if key in _HEAD_F and not f.startswith(_HEAD_F[key]):
            key = None      # a header row is told by its column F too (序号 | … 职务/职称; 评分标准 | 参数)
        if key is None:
            if f.startswith(_VALUE):
                group = heads.get(r)   # a standard not recognised: none of its rows is another's
            key = _block_key(grid, r, a, f, data, heads, named, group)
        if key:
            keys[r] = key
    team, leader = (next((r for r, k in keys.items() if k == want), None) for want in ("team", "team_leader"))
    if team and leader:
        keys.update({r: "member" for r in range(team + 1, leader) if r not in keys})
    return dict(sorted(keys.items()))


def labels_find_keys(rows: list[list[Any]]) -> bool:
    """Whether the row keys in column K of a 部门整体 sheet (its values, rows from A1) are every one what the
    rows' labels say (``keys_by_label``), so that the sheet reads the same without them. So it is for a
    sheet ``fill`` or the 定稿 writes from the template's names; not where a department renamed a formula
    indicator (“在职人员控制率” typed as “人员控制率”: only its key says which formula scores it) or gave a
    standard a name of its own that no indicator it scores has kept."""
    from .reader import _Grid, _keys

    grid = _Grid(rows, "", "")
    keys = _keys(grid)
    total = grid.label_row("总分", D.FIRST_IND)
    return bool(keys) and total is not None and keys_by_label(grid, D.FIRST_IND, total) == keys


def _block_key(grid: _Grid, r: int, a: str, f: str, data: dict[str, str], heads: dict[int, tuple[str, str, str]],
               named: dict[str, str], group: tuple[str, str, str] | None) -> str | None:
    """The key of a row of the appendix tables: a 计算数据 row by its label, a standard's 计算值 row (``heads``),
    a parameter row of the standard above it (``group``) by its label in F, a 扣分项数 row by its note."""
    if a in data:
        return f"data:{data[a]}"
    if r in heads:
        return "std:{}:value:{}:{}".format(*heads[r])
    if group and f:
        # the template's label or the 定稿's (``layout.sent_label``: “项数见计算数据”, not “项数填在计算数据中”)
        return next((f"std:{group[0]}:{part}" for part, label, _v, _p in D.kind_rows(group[1])
                     if f in (_squeezed(label), _squeezed(D.sent_label(label)))), None)
    m = _COUNT_NOTE.fullmatch(grid.label(f"G{r}"))
    k = named.get(_squeezed(m[1])) if m else None
    return f"count:{k}" if k else None


def _group_head(grid: _Grid, r: int, keys: dict[int, str], standards: dict[str, str], kinds: dict[str, str],
                measures: dict[str, str]) -> tuple[str, str, str] | None:
    """(key, kind, measure) of the parameter group whose 计算值 row is ``r``: the key of the template's
    standard of its name, else of the indicators its note says it scores (“用于：在职人员控制率（E11）”,
    a department's own name for the standard: “管理制度健全性（预算管理）”); the kind
    by its note in column A (“在职人员控制率\n（不超过上限得满分……）”), the measure by its label in F."""
    name, _, note = (grid.text(f"A{r}") or "").partition("\n")
    kind = kinds.get(_squeezed(note).strip("（）()"))
    key = standards.get(_squeezed(name)) or next(
        (k[5:] for n, row in _USERS.findall(grid.label(f"I{r}")) if (k := _rule_of(grid, keys, n, int(row)))), None)
    if key is None or kind is None:
        return None
    label = (grid.text(f"F{r}") or "").strip()[len(D.VALUE_LABEL):].strip()
    return key, kind, measures.get(_squeezed(label), label)   # a measure of no label: its own name


def _rule_of(grid: _Grid, keys: dict[int, str], name: str, row: int) -> str | None:
    """The ``rule:`` key of the indicator ``name`` the note placed at row ``row`` — at another row where
    the department inserted rows above it since."""
    want = _squeezed(name)
    rows = [row] + [r for r in sorted(keys) if r != row]
    return next((keys[r] for r in rows if keys.get(r, "").startswith("rule:")
                 and _squeezed(grid.label(f"E{r}")) == want), None)
