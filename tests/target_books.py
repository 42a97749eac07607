"""Approved 绩效目标表 workbooks for the tests, written the way a 财政局 hands them out.

One project per sheet, from the 大厂 2022 samples (their indicators and 年度指标值 are what was
approved): the 申报表 layout (项目编码 / 申请单位 / 一级预算单位 / 本年度项目金额（万元） /
年度目标, then 一级指标 / 二级指标 / 三级指标 / 目标值 / 指标解释, with "不适用" rows) and the
项目支出绩效目标表 layout (指标值 and 分值). ``expected`` gives what each sheet approves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "dachang-2022").glob("[0-9]*.json"))
WRAP = Alignment(wrap_text=True, vertical="center")


def sample_forms() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]


def project_of(f: dict[str, Any], k: int, n: int) -> str:
    """Unique project names when a book holds more sheets than there are samples."""
    return f["project"] if n <= len(SAMPLES) else f"{f['project']}（{k + 1:03d}）"


def expected(n: int) -> list[dict[str, Any]]:
    """Per sheet of ``write_book(path, n)``: project, unit, authority, amount, goal, indicators."""
    forms = sample_forms()
    out = []
    for k in range(n):
        f = forms[k % len(forms)]
        variant = k % 2
        out.append({
            "project": project_of(f, k, n), "year": f["year"], "unit": f["unit"], "authority": f["authority"],
            "amount": f["funds"]["total"]["initial"] if variant == 0 else None, "goal": f["goal_expected"],
            "indicators": [{"level1": i["level1"], "level2": i["level2"], "name": i["name"], "target": i["target"],
                            "weight": i["weight"] if variant == 1 else None} for i in f["indicators"]],
        })
    return out


def _put(ws, r: int, c: int, v: Any) -> None:
    cell = ws.cell(row=r, column=c, value=v)
    if isinstance(v, str):
        cell.data_type = "s"  # "=1 人" is text, never a formula
    cell.alignment = WRAP


def _application(ws, f: dict[str, Any], project: str, k: int) -> None:
    """项目支出绩效目标申报表: 项目编码 …, 目标值 / 指标解释, a "不适用" row per 一级指标."""
    rows: list[list[Any]] = [
        ["项目支出绩效目标申报表"], [f"（{f['year']}年度）"],
        ["项目编码", f"13102822{k:06d}", None, "项目名称", project],
        ["申请单位", f["unit"], None, "一级预算单位", f["authority"]],
        ["本年度项目金额（万元）", f["funds"]["total"]["initial"]],
        ["年度目标", f["goal_expected"]],
        ["一级指标", "二级指标", "三级指标", "目标值", "指标解释"],
    ]
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                _put(ws, r, c, v)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    ws.merge_cells(start_row=6, start_column=2, end_row=6, end_column=5)
    r = len(rows) + 1
    runs: dict[str, list[int]] = {}
    last1 = None
    for ind in f["indicators"]:
        if last1 is not None and ind["level1"] != last1:
            _put(ws, r, 2, "不适用")  # the 申报 system prints every category, used or not
            _put(ws, r, 3, "不适用")
            _put(ws, r, 4, "不适用")
            runs.setdefault(last1, []).append(r)
            r += 1
        last1 = ind["level1"]
        runs.setdefault(ind["level1"], []).append(r)
        _put(ws, r, 2, ind["level2"])
        _put(ws, r, 3, ind["name"])
        _put(ws, r, 4, ind["target"])
        _put(ws, r, 5, f"{ind['name']}：按{ind['level2']}考核")
        r += 1
    for level1, rs in runs.items():
        _put(ws, rs[0], 1, level1)
        if len(rs) > 1:
            ws.merge_cells(start_row=rs[0], start_column=1, end_row=rs[-1], end_column=1)
    _put(ws, r + 1, 1, "填报人：")
    _put(ws, r + 1, 3, "联系电话：")


def _target_table(ws, f: dict[str, Any], project: str) -> None:
    """项目支出绩效目标表: 指标值 and 分值, 一级/二级 written on every row."""
    rows: list[list[Any]] = [
        ["项目支出绩效目标表"], [f"（{f['year']}年度）"],
        ["项目名称", project, None, None, None],
        ["主管部门", f["authority"], None, "实施单位", f["unit"]],
        ["年度总体目标", f["goal_expected"]],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
    ]
    for ind in f["indicators"]:
        rows.append([ind["level1"], ind["level2"], ind["name"], ind["target"], ind["weight"]])
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                _put(ws, r, c, v)
    ws.merge_cells(start_row=3, start_column=2, end_row=3, end_column=5)


def write_book(path: Path, n: int) -> Path:
    """A target workbook of ``n`` sheets, the two layouts alternating."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    forms = sample_forms()
    for k in range(n):
        f = forms[k % len(forms)]
        ws = wb.create_sheet(f"{k + 1:03d}")
        if k % 2 == 0:
            _application(ws, f, project_of(f, k, n), k)
        else:
            _target_table(ws, f, project_of(f, k, n))
    wb.save(path)
    return path


def write_stacked(path: Path, n: int) -> Path:
    """The ``n`` projects of ``write_book`` stacked on one sheet, as a clerk pastes them one under
    another (two blank rows between, each with its title and merged cells)."""
    tmp = openpyxl.Workbook()
    tmp.remove(tmp.active)
    forms = sample_forms()
    out = openpyxl.Workbook()
    dst = out.active
    dst.title = "绩效目标表"
    top = 0
    for k in range(n):
        f = forms[k % len(forms)]
        src = tmp.create_sheet(f"{k + 1:03d}")
        (_application if k % 2 == 0 else _target_table)(src, f, project_of(f, k, n), *((k,) if k % 2 == 0 else ()))
        for row in src.iter_rows():
            for cell in row:
                if cell.value is not None:
                    _put(dst, top + cell.row, cell.column, cell.value)
        for m in src.merged_cells.ranges:
            dst.merge_cells(start_row=top + m.min_row, start_column=m.min_col, end_row=top + m.max_row,
                            end_column=m.max_col)
        top += src.max_row + 2
    out.save(path)
    return path


ROAD = {"project": "县城区道路维护项目", "code": "511423240000000101", "authority": "某县住房和城乡建设局",
        "unit": "某县市政设施维护所", "year": 2024, "funds": (1250000, 1250000, 0),
        "goal": "完成城区主次干道12.5公里路面维护，道路完好率达到95%以上，群众出行满意度不低于90%。",
        "indicators": [("产出指标", "数量指标", "道路维护里程", "≥12.5公里", 20),
                       ("产出指标", "数量指标", "修补破损路面面积", "≥8000平方米", 10),
                       ("产出指标", "质量指标", "道路完好率", "≥95%", 10),
                       ("产出指标", "时效指标", "维护完成时间", "12月底前", 10),
                       ("产出指标", "成本指标", "项目总成本", "≤125万元", 10),
                       ("效益指标", "社会效益指标", "群众出行便利程度", "明显改善", 10),
                       ("效益指标", "可持续影响指标", "道路使用年限延长", "≥3年", 10),
                       ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", 10)]}


def system_sheet(ws, p: dict[str, Any], *, unit_line: str = "金额单位：元", goal_label: str = "年度绩效目标") -> None:
    """项目支出绩效目标表 as a 预算管理一体化 system prints it: "金额单位：元" under the title, 项目资金
    merged down beside 年度资金总额 / 其中：财政拨款 / 其他资金, 年度绩效目标, then 一级/二级指标
    merged down over 三级指标 / 指标值 / 分值."""
    total, fiscal, other = p["funds"]
    rows: list[list[Any]] = [
        [f"{p['year']}年度项目支出绩效目标表"],
        [None, None, None, None, unit_line],
        ["项目名称", p["project"], None, "项目编码", p["code"]],
        ["主管部门", p["authority"], None, "实施单位", p["unit"]],
        ["项目资金", "年度资金总额", total],
        [None, "其中：财政拨款", fiscal],
        [None, "其他资金", other],
        [goal_label, p["goal"]],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
    ]
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                _put(ws, r, c, v)
    for rng in ("A1:E1", "B3:C3", "B4:C4", "A5:A7", "C5:E5", "C6:E6", "C7:E7", "B8:E8"):
        ws.merge_cells(rng)
    r = len(rows) + 1
    runs: dict[tuple[str, ...], list[int]] = {}
    for level1, level2, name, target, weight in p["indicators"]:
        runs.setdefault((level1,), []).append(r)
        runs.setdefault((level1, level2), []).append(r)
        _put(ws, r, 3, name)
        _put(ws, r, 4, target)
        _put(ws, r, 5, weight)
        r += 1
    for levels, rs in runs.items():
        _put(ws, rs[0], len(levels), levels[-1])
        if len(rs) > 1:
            ws.merge_cells(start_row=rs[0], start_column=len(levels), end_row=rs[-1], end_column=len(levels))
    _put(ws, r + 1, 1, "填报人：张三")
    _put(ws, r + 1, 4, "联系电话：0818-1234567")


def write_system_book(path: Path, projects: list[dict[str, Any]], **kw: Any) -> Path:
    """One ``system_sheet`` per project."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k, p in enumerate(projects):
        system_sheet(wb.create_sheet(f"{k + 1:03d}"), p, **kw)
    wb.save(path)
    return path
