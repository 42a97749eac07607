"""Every computed cell's Python twin against LibreOffice, on seeded random forms at the edges.

The samples (tests/test_libreoffice.py) hold everyday figures; the twins' mistakes hide at the
edges: a 总分 that is 100.005 in decimal and 100.00500000000001 in binary (the twin said 无法评定
where the sheet shows 优: tests/test_grade_compared_s48.py), sums at a band's bound, blank 年度资金总额
rows summed from their 其中 rows, a zero budget, 执行数 above the budget, 分值 typed with three decimals.
``write_forms`` caches the twins' results in the file; LibreOffice recalculates every formula; the two
must show the same value in every computed cell of every form (a number within 1e-9, a text equal).
The seeds are ones whose forms include such a 总分 (two each: the code before stop 48 fails both).
"""

from __future__ import annotations

import copy
import json
import random

import openpyxl
import pytest
from conftest import SAMPLES, need_libreoffice

from jixiao.core.grades import BANDS_80, DEFAULT_BANDS
from jixiao.excel.office import convert
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook

pytestmark = pytest.mark.libreoffice

# totals a form's scores are made to add up to: a band's bound and the 100.005 edge, each side of them
EDGES = (89.995, 90, 89.99, 90.005, 79.995, 80, 59.995, 60, 100, 100.004, 100.005, 100.006, 0.3, 9.995)
MONEY = (0, 0.005, 56.785, 1e-7, 123456.789012, 0.1, 0.2, 0.3, 1160493.822714, 12, 3.3, None)
FIELDS = ("exec_rate", "exec_score", "total_weight", "total_score")


def _forms(seed: int, n: int) -> list:
    rnd = random.Random(seed)
    base = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
    out = []
    for i in range(n):
        d = copy.deepcopy(rnd.choice(base))
        d["project"] = f"项目{i}"
        d["exec_rate"] = d["exec_score"] = d["total_score"] = d["total_weight"] = None
        for row in ("total", "fiscal", "other", "carryover"):
            for col in ("annual", "executed"):
                if rnd.random() < 0.6:
                    d["funds"][row][col] = rnd.choice(
                        (*MONEY, rnd.randint(0, 10**6) / 100, round(rnd.random() * 1000, 6)))
        if rnd.random() < 0.3:   # the total row blank: the formulas sum the 其中 rows
            d["funds"]["total"]["annual"] = d["funds"]["total"]["executed"] = None
        d["funds_weight"] = rnd.choice((10, 10, 9.995, 10.005, 0, None, 20, 16.67))
        n_ind = len(d["indicators"])
        target = rnd.choice(EDGES) - (d["funds_weight"] or 0)
        for ind in d["indicators"]:
            ind["weight"] = round(90 / n_ind, rnd.choice((2, 3)))
            ind["score"] = round(target / n_ind, rnd.choice((2, 3))) if rnd.random() < 0.9 else None
        out.append(parse_form(d))
    return out


def _same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def _recalculated(path, tmp_path) -> tuple[int, list[str]]:
    """(formula cells, those whose stored result LibreOffice's recalculation changes) of the workbook ``path``."""
    lo = convert(path, "xlsx", tmp_path / "lo")
    formulas = openpyxl.load_workbook(path)
    ours, theirs = openpyxl.load_workbook(path, data_only=True), openpyxl.load_workbook(lo, data_only=True)
    differ, count = [], 0
    for ws in formulas:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    count += 1
                    a, b = ours[ws.title][c.coordinate].value, theirs[ws.title][c.coordinate].value
                    if not _same(a, b):
                        differ.append(f"{ws.title}!{c.coordinate}: 缓存 {a!r}，LibreOffice {b!r}（{c.value[:60]}）")
    return count, differ


@pytest.mark.parametrize("seed, bands", [(4833, DEFAULT_BANDS), (4864, BANDS_80)], ids=["default", "bands80"])
def test_libreoffice_computes_what_the_twins_cached(tmp_path, seed, bands):
    need_libreoffice()
    forms = _forms(seed, 70)
    src = write_forms(forms, tmp_path / "twins.xlsx", bands=bands)
    lo = convert(src, "xlsx", tmp_path / "lo")
    ours = openpyxl.load_workbook(src, data_only=True)
    theirs = openpyxl.load_workbook(lo, data_only=True)
    read = read_workbook(src).forms
    assert len(read) == len(forms)
    differ, grades = [], set()
    for sf in read:
        cells = {f: sf.layout.cell(f) for f in FIELDS} | {"grade": sf.layout.foot_cells()["grade"]}
        for f, ref in cells.items():
            a, b = ours[sf.sheet][ref].value, theirs[sf.sheet][ref].value
            if not _same(a, b):
                differ.append(f"{sf.sheet}!{ref} {f}: 缓存 {a!r}，LibreOffice {b!r}")
        grades.add(ours[sf.sheet][cells["grade"]].value)
    assert differ == []
    assert {"优", "差", "无法评定"} <= grades     # the edges were reached, not only the middle


@pytest.mark.parametrize("by", [None, "实施单位"])
def test_libreoffice_computes_the_linked_summary_as_cached(tmp_path, by):
    """``summarize`` of one workbook links 项目明细 to the form sheets by formulas and caches Python's
    figures. Every formula cell of the 汇总表 workbook must show, recalculated, what was cached: a
    project whose 年度资金总额 row is blank (its 其中 rows filled) showed a blank 全年预算数 once
    recalculated, and the 汇总表 left its budget out (5,523,198.96 万元 cached, 2,695,201.85 recalculated)."""
    from jixiao.cli import main

    need_libreoffice()
    forms = _forms(4833, 70)
    assert any(f.funds.total.annual is None and f.funds.column("annual") is not None for f in forms)
    src = write_forms(forms, tmp_path / "forms.xlsx")
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", str(src), "-o", str(out), *(["--by", by] if by else [])]) == 0
    count, differ = _recalculated(out, tmp_path)
    assert count > 700
    assert differ == []


def _dept_forms(seed: int, n: int) -> list:
    """部门整体 forms whose figures sit at their standards' limits and bands, some with binary noise
    (x × 0.1 × 10, a limit ± 1e-12), every formula indicator's 得分 left to its formula."""
    from dept_helpers import FULL_DATA, clean_json

    from jixiao.forms.department.model import parse_dept_form

    rnd = random.Random(seed)

    def near(x):
        return rnd.choice([x, x * (1 + rnd.choice([1e-12, -1e-12, 0.005, -0.005, 0.01])), round(x, 2), 0, None,
                           x * 0.1 * 10])
    out = []
    for i in range(n):
        data = copy.deepcopy(FULL_DATA)
        for k, v in list(data.items()):
            if k == "counts":
                data[k] = {c: rnd.choice([0, 1, 2, 5, 20]) for c in v}
            elif k == "satisfaction":
                data[k] = rnd.choice([0.85, 0.95, 0.9499, 0.8499999999, 0.1 * 9.5, 0.96, 0.75, 0.6]) \
                    if rnd.random() < 0.7 else v
            elif rnd.random() < 0.7:
                data[k] = near(v)
                if k in ("staff_actual", "staff_quota") and data[k] is not None:
                    data[k] = round(data[k])
        for a, b in (("staff_actual", "staff_quota"), ("three_public_this", "three_public_budget"),
                     ("procurement_actual", "procurement_plan")):
            if rnd.random() < 0.4:
                data[a] = data[b]
        d = clean_json(data)
        d["department"] = f"部门{i}"
        for ind in d["indicators"]:
            if ind["rule"]:
                ind["score"] = None
        d["total_score"] = d["total_weight"] = d["grade"] = None
        out.append(parse_dept_form(d))
    return out


def test_libreoffice_scores_the_department_form_as_the_twins(tmp_path):
    """The 部门整体 form's 计算值, 得分 (ROUND(…,2), ≥/≤ a limit or band), Σ and 等级 formulas against their
    twins: a 固定资产利用率 of 89.55 % scored 3 − 0.1 × 10.45 = 1.955, which ROUND gives as 1.96 in Excel and
    LibreOffice (15 digits) and the twin gave as 1.95 (1.9549999999999998 in binary)."""
    need_libreoffice()
    src = write_forms(_dept_forms(1, 40), tmp_path / "dept.xlsx")
    count, differ = _recalculated(src, tmp_path)
    assert count > 1500
    assert differ == []


@pytest.mark.parametrize("x, rounded", [(3 - 0.1 * (1 - 0.8955) * 100, 1.96), (8.235, 8.24), (1.005, 1.01),
                                        (2.675, 2.68), (0.125, 0.13), (-1.005, -1.01), (1.0049999999, 1.0)])
def test_round2_rounds_as_round_does_in_a_spreadsheet(x, rounded):
    from jixiao.core.numbers import round2
    assert round2(x) == rounded


@pytest.mark.parametrize("x, score", [(0.95, 5), (94.99999999999999 / 100, 5), (0.9499999999, 3), (0.85, 3),
                                      (0.8499999999999999, 3), (0.7499999999, 0)])
def test_a_band_is_met_as_the_spreadsheet_compares(x, score):
    """满意度 ≥ 95 % scores 5: 94.99999999999999 % (a percentage typed, divided by 100) is 95 % to Excel's and
    LibreOffice's ≥ (15 digits), so to the twin; 94.99999999 % is not."""
    from jixiao.forms.department.scoring import DEFAULT_STANDARDS, twin_score
    assert twin_score(DEFAULT_STANDARDS["satisfaction"], x, 5) == score
