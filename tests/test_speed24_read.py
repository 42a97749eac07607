"""The project reader's shortcuts of issue #18 (round 24) against the plain reading they replace.

``_is_template_sheet`` and ``read_sheet`` now look at a cell as calamine gave it before taking
its spaces out, read the 项目资金 cells from precomputed positions and unpack an indicator row
without dicts. ``plain_*`` below is the reading as it was before (every label through
``grid.label``, every cell through ``grid.raw``/``grid.number``, the content test over a list):
on the 23 sample sheets and on thousands of random changes to them (labels with spaces or
missing, headings changed, odd values in the 资金, indicator, header and footer cells) both give
the same forms, rows and problems, in the same words.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re

from jixiao.core.dates import bare_year
from jixiao.core.numbers import is_dash, is_unfilled
from jixiao.errors import JixiaoError, NotAFormError
from jixiao.forms.project import reader as R
from jixiao.forms.project.model import parse_form
from test_speed18_read import sheets  # noqa: F401 - the 23 samples as calamine gives them (a fixture)

L = R.L


# ----------------------------------------------------------------------------- the plain reading

def plain_is_template_sheet(grid: R._Grid) -> bool:
    if L.TITLE not in grid.label("A1"):
        return False
    year = grid.raw("A2")
    if (year is not None and not (isinstance(year, int) and not isinstance(year, bool))
            and bare_year(year) is None and re.sub(r"\s+", "", str(year)) != "（年度）"):
        return False
    if any(text not in grid.label(ref) for ref, text in R._REQUIRED_LABELS.items()):
        return False
    if any(grid.raw(ref) != t and grid.label(ref) != t for ref, t in R._HEADS.items()):
        return False
    return grid.total_row() is not None


def plain_read_sheet(grid: R._Grid) -> R.SheetForm:
    missing = [f"{ref}“{text}”" for ref, text in R._REQUIRED_LABELS.items() if text not in grid.label(ref)]
    total_row = grid.total_row()
    if total_row is None:
        missing.append("“总分”行")
    if missing:
        raise NotAFormError(f"工作表“{grid.sheet}”不是项目支出绩效自评表：缺少标签 " + "、".join(missing),
                            file=grid.file)
    lay = L.FormLayout(total_row - L.FIRST_IND)
    project = grid.text(L.HEAD_CELLS["project"])
    if is_unfilled(project):  # every bad cell is raised together below
        grid.fail(L.HEAD_CELLS["project"], "项目名称为空，请填写批复的项目名称")
    funds = {key: {col: grid.number(ref, what) for col, ref, what in cells} for key, cells in R._FUND_CELLS}
    indicators, rows = [], []
    level1 = level2 = ""
    for i in range(lay.rows):
        r = lay.ind_row(i)
        vals = {f: R._as_text(grid.raw(f"{L.IND_COL_OF[f]}{r}")) for f, _ in R._IND_TEXT}
        nums = {f: grid.number(f"{letter}{r}", what) for f, _, letter, what in R._IND_NUMBERS}
        if all(v is None for v in nums.values()) and all(v is None or is_dash(v) for v in vals.values()):
            continue  # an unused row marked "/" or "—"
        level1 = vals["level1"] or level1
        level2 = vals["level2"] or level2
        name = R._PREFIX.sub("", vals["name"] or "")
        content = [name, vals["target"], vals["actual"], vals["reason"], nums["weight"], nums["score"]]
        if all(v in (None, "") for v in content):
            continue
        indicators.append({"level1": vals["level1"] or level1, "level2": vals["level2"] or level2,
                           "name": name, "target": vals["target"], "actual": vals["actual"],
                           "weight": nums["weight"], "score": nums["score"], "reason": vals["reason"]})
        rows.append(r)
    foot = lay.foot_cells()
    data = {
        "form": L.TITLE, "year": grid.year(), "project": project,
        **{k: grid.text(L.HEAD_CELLS[k]) for k in ("authority", "unit", "leader", "phone")},
        "funds": funds, "funds_weight": grid.number("F7", "执行率分值"), "exec_rate": grid.raw("G7"),
        "exec_score": grid.number("H7", "执行率得分"), "goal_expected": grid.text("B12"),
        "goal_actual": grid.text("F12"), "indicators": indicators,
        "total_weight": grid.number(foot["total_weight"], "总分的分值"),
        "total_score": grid.number(foot["total_score"], "总分的得分"),
        **{k: grid.text(foot[k]) for k in ("remark", "unit_leader", "filled_by", "filled_on", "contact")},
    }
    grid.done()
    rate = data["exec_rate"]
    if isinstance(rate, bool):
        data["exec_rate"] = None
    elif rate is not None and not isinstance(rate, (int, float, str)):
        data["exec_rate"] = R._as_text(rate)  # a date in G7 reads as its text (tests/test_date_cells.py)
    return R.SheetForm(grid.file, grid.sheet, parse_form(data, f"{grid.file}#{grid.sheet}"), lay, rows)


def _outcome(rows, sheet: str, template, read) -> tuple:
    """What a sheet reads to: our template or not, and the form (as data) or the problem (as words)."""
    grid = R._Grid(rows, "f.xlsx", sheet)
    try:
        if not template(grid):
            return ("other",)
        sf = read(grid)
    except JixiaoError as exc:
        return ("problem", type(exc).__name__, str(exc), getattr(exc, "sheet", None), getattr(exc, "cell", None))
    return ("form", sf.form.model_dump(), sf.form.to_dict(), sf.form.model_fields_set, sf.rows, sf.layout)


def _same(rows, sheet: str) -> tuple:
    fast = _outcome(copy.deepcopy(rows), sheet, R._is_template_sheet, lambda g: R.read_sheet(g, template=True))
    plain = _outcome(copy.deepcopy(rows), sheet, plain_is_template_sheet, plain_read_sheet)
    # read_sheet asked on its own (not after the template test) looks for its labels itself
    alone = _outcome(copy.deepcopy(rows), sheet, lambda g: True, R.read_sheet)
    assert alone[:3] == _outcome(copy.deepcopy(rows), sheet, lambda g: True, plain_read_sheet)[:3] or \
        repr(alone[:3]) == repr(_outcome(copy.deepcopy(rows), sheet, lambda g: True, plain_read_sheet)[:3])
    # repr: the same types too (1 == 1.0), and a NaN equals itself as text
    assert fast[:3] == plain[:3] if fast[0] != "form" else repr(fast[:3]) == repr(plain[:3])
    assert fast[3:] == plain[3:]
    return fast




# ----------------------------------------------------------------------------- the comparisons

def test_the_samples_read_the_same(sheets):
    assert all(_same(rows, name)[0] == "form" for name, rows in sheets)


VALUES = ["", " ", None, "文字", "  两 端 ", "指标1：", "指标 2 : 名称", "指标", "指标三：x", "0", "12", "1,000",
          "12万元", "abc", 3.0, 2.5, 0.0, -0.0, 7, 0, True, False, float("nan"), 1e20,
          dt.date(2023, 3, 1), dt.datetime(2023, 3, 1, 8, 0), dt.time(8, 30), dt.timedelta(days=1)]


def _labels(text: str) -> list:
    """A label as written, with spaces, inside a longer text, cut short, or something else."""
    return [text, f" {text} ", " ".join(text), f"{text}（万元）", f"（一）{text}", text[:-1], text + "\u3000",
            "", None, 5.0, text.replace(text[0], "x", 1)]


def _mutations(rng: random.Random, rows: list) -> list:
    rows = copy.deepcopy(rows)
    total = R._Grid(rows, "f", "s").total_row() or 30
    where = rng.choice(["label", "head", "fund", "ind", "ind", "ind", "headfoot", "title", "year", "total"])
    for _ in range(rng.randint(1, 3)):
        if where == "label":
            ref, text = rng.choice(list(R._REQUIRED_LABELS.items()))
            value = rng.choice(_labels(text))
        elif where == "head":
            ref, text = rng.choice(list(R._HEADS.items()))
            value = rng.choice(_labels(text))
        elif where == "fund":
            ref = rng.choice([c for _, cells in R._FUND_CELLS for _, c, _ in cells])
            value = rng.choice(VALUES)
        elif where == "ind":
            ref = f"{rng.choice('BCDEFGHI')}{rng.randint(L.FIRST_IND, total - 1)}"
            value = rng.choice(VALUES)
        elif where == "headfoot":
            ref = rng.choice(["B3", "B4", "F4", "B5", "F5", "F7", "G7", "H7", "B12", "F12", f"G{total}", f"H{total}",
                              f"B{total + 1}", f"C{total + 3}", f"E{total + 3}", f"G{total + 3}", f"I{total + 3}"])
            value = rng.choice(VALUES)
        elif where == "title":
            ref, value = "A1", rng.choice(_labels(L.TITLE))
        elif where == "year":
            ref, value = "A2", rng.choice([2022, 2022.0, "2022", "（ 年度 ）", "（2023年度）", None, True, ""])
        else:
            ref, value = f"A{total}", rng.choice(["总分", " 总 分", "合计", "", None])
        r, c = R._rc(ref)
        while len(rows) <= r:
            rows.append([""] * 9)
        if c >= len(rows[r]):
            rows[r] = rows[r] + [""] * (c + 1 - len(rows[r]))
        rows[r][c] = value
    return rows


def test_random_changes_read_the_same(sheets):
    rng = random.Random(24)
    seen = set()
    for k in range(1500):
        name, rows = sheets[k % len(sheets)]
        got = _same(_mutations(rng, rows), name)
        seen.add(got[0] if got[0] != "problem" else got[1])
    # forms, sheets taken for another layout, and refusals of both kinds were all compared
    assert {"form", "other", "CellError"} <= seen, seen


def test_rows_cut_short_or_missing_read_the_same(sheets):
    name, rows = sheets[0]
    total = R._Grid(rows, "f", "s").total_row()
    for r in [2, 3, 5, 6, 6, 10, 12, L.FIRST_IND, total - 2, total]:
        for cut in ([], rows[r - 1][:1], rows[r - 1][:4], rows[r - 1] + ["旁注"]):
            changed = copy.deepcopy(rows)
            changed[r - 1] = cut
            _same(changed, name)
    _same(rows[:L.FIRST_IND + 2], name)  # no 总分 row: not our template
    _same([[None if v == "" else v for v in row] for row in rows], name)  # blanks as None (an open workbook)


def test_has_label_is_label_containment():
    values = ["项目名称", " 项目 名称 ", "项目名称（全称）", "名称", "", None, 3.0, True, "项目\u3000名称", "项目名",
              "2022年项目支出绩效自评表", "项目支出 绩效自评表", "项目支出绩效"]
    for v in values:
        grid = R._Grid([[v]], "f", "s")
        for text in (*R._REQUIRED_LABELS.values(), L.TITLE):
            assert R._has_label(grid, "A1", text) == (text in grid.label("A1"))
    assert R._has_label(R._Grid([], "f", "s"), "C9", "项目名称") is False  # past the end of the sheet


def test_raw_is_at_of_the_parsed_address():
    rows = [["a", "", 3.0], [], [None, 2.5, True], ["x"]]
    grid = R._Grid(rows, "f", "s")
    for ref in ["A1", "B1", "C1", "D1", "A2", "B3", "C3", "A4", "B4", "A9", "Z1"]:
        assert grid.raw(ref) == grid.at(*R._rc(ref)) and type(grid.raw(ref)) is type(grid.at(*R._rc(ref)))


class _Str(str):
    pass


def test_text_is_as_text_of_raw():
    rows = [["a", "", 3.0, 2.5, True, None, _Str("子类"), dt.date(2023, 1, 2), " ", 0.0]]
    grid = R._Grid(rows, "f", "s")
    for c in range(len(rows[0]) + 2):
        ref = f"{chr(65 + c)}1"
        want = R._as_text(grid.raw(ref))
        assert grid.text(ref) == want and type(grid.text(ref)) is type(want), ref



def test_foot_cells_kept_per_row_count_are_the_layouts():
    R._FOOTS.clear()
    for n in [1, 20, 3, 20, 400, 1]:
        lay = L.FormLayout(n)
        assert R._foot_cells(lay) == lay.foot_cells()
        assert R._foot_cells(lay) is R._foot_cells(L.FormLayout(n))  # kept
    for n in range(300):  # the cache stays small
        R._foot_cells(L.FormLayout(n + 1))
    assert len(R._FOOTS) <= 256
