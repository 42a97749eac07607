"""s57 import QA: a form giving its 一级指标 as section rows (“产出指标（50分）” across the table, no 一级指标
column), or none (B4 then reads the 二级指标). Small grids read here, and a workbook written with openpyxl
that ``import`` and ``check`` read whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

from jixiao.reading import SheetGrid, read_grid
from test_rules import clean, hits, run

FUND_HEAD = [None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
IND_HEAD = [None, "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
OUTPUT = [[None, "数量指标", "维修养护工程处数", "≥40处", "42处", 30, 30, None],
          [None, "质量指标", "工程验收合格率", "=100%", "100%", 20, 20, None]]
EFFECT = [[None, "可持续影响指标", "工程正常运行率", "≥95%", "96%", 30, 30, None]]
SATISFIED = [[None, "服务对象满意度指标", "受益群众满意度", "≥90%", "94%", 10, 10, None]]


def section_rows(*sections: tuple[Any, list[list[Any]]]) -> tuple[list[list[Any]], list[Any]]:
    """A form whose indicator table has no 一级指标 column: each (heading, rows) a section row merged
    across B:H (heading None: none), then its indicators. The rows from column A, and the merges."""
    rows: list[list[Any]] = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "农村饮水安全维修养护"],
        ["主管部门", "己县水利局", None, None, "实施单位", "己县农村供水站"],
        ["项目资金（万元）", *FUND_HEAD[1:]],
        [None, "年度资金总额", 60, 60, 57, 10, "95%", 9.5],
        [None, "其中：当年财政拨款", 60, 60, 57],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "维修养护农村供水工程40处", None, None, "维修养护42处"],
        ["绩效指标", *IND_HEAD[1:]],
    ]
    merges = []
    for heading, inds in sections:
        if heading is not None:
            merges.append(((len(rows), 1), (len(rows), 7)))
            rows.append([None, heading])
        rows.extend(inds)
    rows.append(["总分", None, None, None, None, 100, 99.5])
    return rows, merges


def read(rows: list[list[Any]], merges: list[Any]):
    forms, problems = read_grid(SheetGrid(rows, merges, "水利.xlsx", "自评"))
    assert problems == []
    (af,) = forms
    return af


# ------------------------------------------------------------------ 一级指标 as section rows


def test_section_rows_give_the_level1_of_the_rows_under_them():
    """“产出指标（50分）” merged across the table over its indicators, no 一级指标 column: each section was
    “跨列合并的文字…不是指标，已跳过” and every 一级指标 "" (B4 then said the form had no 满意度 or 效益
    indicator). Now each names the 一级指标 of the rows under it until the next, its cell is theirs, and
    its 分值 is compared with theirs."""
    rows, merges = section_rows(("产出指标（50分）", OUTPUT), ("效益指标（30分）", EFFECT), ("满意度指标（10分）", SATISFIED))
    af = read(rows, merges)
    inds = af.form.indicators
    assert [(i.level1, i.level2, i.name) for i in inds] == [
        ("产出指标", "数量指标", "维修养护工程处数"), ("产出指标", "质量指标", "工程验收合格率"),
        ("效益指标", "可持续影响指标", "工程正常运行率"), ("满意度指标", "服务对象满意度指标", "受益群众满意度")]
    assert af.rows == [11, 12, 14, 16]
    assert [af.cells[f"indicators[{k}].level1"] for k in range(4)] == ["B10", "B10", "B13", "B15"]
    assert [str(n) for n in af.notes if "分节行" in str(n)] == [
        "B10：第 10 行“产出指标（50分）”是一级指标的分节行，不是指标：其下第 11–12 行 2 个指标的一级指标按“产出指标”读，"
        "写明的分值 50 与这些指标的分值之和相符",
        "B13：第 13 行“效益指标（30分）”是一级指标的分节行，不是指标：其下第 14 行 1 个指标的一级指标按“效益指标”读，"
        "写明的分值 30 与这些指标的分值之和相符",
        "B15：第 15 行“满意度指标（10分）”是一级指标的分节行，不是指标：其下第 16 行 1 个指标的一级指标按“满意度指标”读，"
        "写明的分值 10 与这些指标的分值之和相符"]
    assert not any("跨列合并的文字" in str(n) for n in af.notes)


def test_a_section_weight_unlike_its_rows_and_other_ways_of_writing_the_section():
    """A 分值 the rows under it do not add up to is said; “二、效益指标” without a 分值 and a section written
    unmerged in the 二级指标 column (its other cells blank) are sections too; a 三级指标 named “满意度” with
    its values is still an indicator, and a text merged across that names no 一级指标 is still passed over."""
    rows, merges = section_rows(("一、产出指标（45分）", OUTPUT), ("二、效益指标", EFFECT), (None, []))
    rows.insert(-1, [None, "满意度指标（10分）"])          # unmerged, in the 二级指标 column
    rows.insert(-1, [None, "服务对象满意度指标", "满意度", "≥90%", "94%", 10, 10, None])
    af = read(rows, merges)
    assert [(i.level1, i.name) for i in af.form.indicators] == [
        ("产出指标", "维修养护工程处数"), ("产出指标", "工程验收合格率"), ("效益指标", "工程正常运行率"),
        ("满意度指标", "满意度")]
    notes = [str(n) for n in af.notes if "分节行" in str(n)]
    assert notes[0] == ("B10：第 10 行“一、产出指标（45分）”是一级指标的分节行，不是指标：其下第 11–12 行 2 个指标的一级指标按"
                        "“产出指标”读；写明的分值 45 与这些指标的分值之和 50 不符（本模板不单列一级指标的分值，按各指标的分值计），需要核对")
    assert notes[1] == "B13：第 13 行“二、效益指标”是一级指标的分节行，不是指标：其下第 14 行 1 个指标的一级指标按“效益指标”读"
    assert notes[2].startswith("B15：第 15 行“满意度指标（10分）”是一级指标的分节行")
    assert af.cells["indicators[3].level1"] == "B15"

    rows, merges = section_rows(("产出指标（50分）", OUTPUT), ("以下为效益指标", EFFECT + SATISFIED))
    af = read(rows, merges)
    assert [i.level1 for i in af.form.indicators] == ["产出指标"] * 4   # no section: the rows stay under 产出
    assert any(str(n) == "B13：第 13 行是跨列合并的文字“以下为效益指标”，不是指标，已跳过" for n in af.notes)


def test_a_section_row_over_a_blank_level1_column_is_carried_down():
    """Where the table has a 一级指标 column left blank under a section row, the rows take the section's
    一级指标 (carried down, as from a 一级指标 cell above), not the previous section's."""
    rows, merges = section_rows(("产出指标（50分）", [["产出指标", *r[1:]] for r in OUTPUT]),
                                ("满意度指标（10分）", SATISFIED + [[None, *EFFECT[0][1:]]]))
    rows[8][0] = "一级指标"
    af = read(rows, merges)
    assert [i.level1 for i in af.form.indicators] == ["产出指标", "产出指标", "满意度指标", "满意度指标"]
    assert any(str(n) == "A14:A15：一级指标空白，按上方 B13 的“满意度指标”读" for n in af.notes)


# ------------------------------------------------------------------ B4 of a blank 一级指标


def test_b4_takes_a_blank_level1_from_what_its_level2_says():
    """Every 一级指标 blank, the 二级指标 “服务对象满意度指标”, “社会效益指标”: B4 said “应至少有一项满意度
    指标，表中没有” and the same of 效益 — of a form that has both. A 二级指标 that names neither still
    leaves them missing."""
    d = clean()
    for ind in d["indicators"]:
        ind["level1"] = ""
    assert {i["level2"] for i in d["indicators"]} >= {"服务对象满意度指标", "社会效益指标"}
    assert hits(run(d), "B4") == []
    d["indicators"][5]["level2"] = "数量指标"      # “可持续影响指标” is a 效益 one too (the framework's names)
    assert hits(run(d), "B4") == []
    for ind in d["indicators"][4:]:
        ind["level2"] = "数量指标"
    assert sorted(f.expected for f in hits(run(d), "B4")) == ["效益指标", "满意度指标"]
    d["indicators"][6]["level2"] = "群众满意度"   # a 二级指标 saying a 一级指标's word
    assert [f.expected for f in hits(run(d), "B4")] == ["效益指标"]


# ------------------------------------------------------------------ whole workbooks


def _book(path: Path, rows: list[list[Any]], merges: list[Any] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评"
    for row in rows:
        ws.append(row)
    for (r0, c0), (r1, c1) in merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)
    return path


def test_import_and_check_of_a_book_with_section_rows(tmp_path, capsys):
    """The QA book: ``import`` writes each 一级指标 into our template and ``check`` of the output and of the
    source no longer says the form lacks 满意度 and 效益 indicators."""
    from jixiao.cli import main
    from jixiao.forms.project.reader import read_workbook

    rows, merges = section_rows(("产出指标（50分）", OUTPUT), ("效益指标（30分）", EFFECT), ("满意度指标（10分）", SATISFIED))
    src = _book(tmp_path / "水利.xlsx", rows, merges)
    out = tmp_path / "导入.xlsx"
    assert main(["import", str(src), "-o", str(out), "--json"]) == 0
    (form,) = json.loads(capsys.readouterr().out)["forms"]
    assert [n["cell"] for n in form["notes"] if "分节行" in n["message"]] == ["B10", "B13", "B15"]
    (sf,) = read_workbook(out).forms
    assert [i.level1 for i in sf.form.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    for book in (out, src):
        main(["check", str(book), "--json"])
        found = json.loads(capsys.readouterr().out)
        assert [f["expected"] for f in found if f["rule"] in ("B3", "B4")] == ["时效指标", "成本指标"], book
