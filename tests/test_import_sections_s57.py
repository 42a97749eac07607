"""s57 import QA: a form giving its 一级指标 as section rows (“产出指标（50分）” across the table, no 一级指标
column), and a figure in 元 typed into the 万元 table. Small grids read here, and two workbooks written
with openpyxl that ``import`` and ``check`` read whole.
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
        "写明的分值 50 分与这些指标的分值之和相符",
        "B13：第 13 行“效益指标（30分）”是一级指标的分节行，不是指标：其下第 14 行 1 个指标的一级指标按“效益指标”读，"
        "写明的分值 30 分与这些指标的分值之和相符",
        "B15：第 15 行“满意度指标（10分）”是一级指标的分节行，不是指标：其下第 16 行 1 个指标的一级指标按“满意度指标”读，"
        "写明的分值 10 分与这些指标的分值之和相符"]
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
                        "“产出指标”读；写明的分值 45 分与这些指标的分值之和 50 分不符（本模板不单列一级指标的分值，按各指标的分值计），需要核对")
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


def _e2_book(path: Path, executed: Any, unit: str = "项目资金（万元）") -> Path:
    """County E2's form: 48 万元 budgeted, the 全年执行数 in E5, the 执行率 94.79% on a 预算执行率 row."""
    rows = [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "2023年家庭医生签约服务经费"],
        ["主管部门", "戊县卫生健康局", None, None, "实施单位", "戊县疾病预防控制中心"],
        [unit, None, "年初预算数", "全年预算数", "全年执行数"],
        [None, "年度资金总额", 48, 48, executed],
        [None, "其中：当年财政拨款", 48, 48, 45.5],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "重点人群签约率达到70%", None, None, "签约率72.3%"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度目标值", "全年完成值", "分值", "得分"],
        [None, "预算执行", "预算执行率", "预算执行率", "100%", "94.79%", 10, 9.48],
        [None, "产出指标", "数量指标", "重点人群签约率", "≥70%", "72.3%", 50, 50],
        [None, "效益指标", "社会效益指标", "慢病患者规范管理率", "≥60%", "63%", 30, 30],
        [None, "满意度指标", "服务对象满意度指标", "签约居民满意度", "≥85%", "90%", 10, 10],
        ["总分", None, None, None, None, None, 100, 99.48],
    ]
    return _book(path, rows)


def test_import_lists_a_figure_in_yuan_in_the_wan_table(tmp_path, capsys):
    """E5 holds 455000 against a 全年预算数 of 48 (455000 元 is 45.5 万元: the 94.79% the form gives). Import
    said nothing of it and wrote 455000 万元; only a later ``check`` of the output found it (A16, on the
    output's E7). Now import lists it on E5 with A16's own words and the rate it matches, and writes it
    as written — only a table headed 元 is converted — so that ``check`` of the output still asks for it."""
    from jixiao.cli import main
    from jixiao.forms.project.reader import read_workbook

    src = _e2_book(tmp_path / "卫健.xlsx", 455000)
    out = tmp_path / "导入.xlsx"
    assert main(["import", str(src), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (form,) = report["forms"]
    (note,) = [n for n in form["notes"] if "元" in n["message"] and n["cell"] == "E5"]
    assert note == {"cell": "E5", "field": "funds.total.executed", "message":
                    "年度资金总额的全年执行数 455000 万元是全年预算数 48 万元的约 9479 倍，像是以元填写：应为 45.5 万元"
                    "（按元计，45.5 ÷ 48 = 94.79%，与表中的执行率“94.79%”相符）；已按表中所写的 455000 万元导入，未换算，请核对原表"}
    assert report["notes"] == len(form["notes"]) == 2
    (sf,) = read_workbook(out).forms
    assert sf.form.funds.total.executed == 455000
    main(["check", str(out), "--json"])
    # A16's point, or A2's holding it (s66: one finding for the one 元 total, ``folded``)
    said = [f for f in json.loads(capsys.readouterr().out)
            if f["rule"] == "A16" or "A16" in [g["rule"] for g in f.get("folded") or ()]]
    assert [f["cell"] for f in said] == ["E7"] and "像是以元填写：应为 45.5 万元" in said[0]["message"], said

    main(["import", str(src), "-o", str(out)])
    assert "待核对 E5：年度资金总额的全年执行数 455000 万元" in capsys.readouterr().out

    # the 执行率 of another figure: listed without it; a right figure, or a table headed 元, not listed
    rows = _e2_book(tmp_path / "b.xlsx", 300000)
    main(["import", str(rows), "-o", str(tmp_path / "b-out.xlsx"), "--json"])
    (note,) = [n for f in json.loads(capsys.readouterr().out)["forms"] for n in f["notes"] if n["cell"] == "E5"]
    assert note["message"].startswith("年度资金总额的全年执行数 300000 万元是全年预算数 48 万元的约 6250 倍，像是以元填写：应为 30 万元；")
    for name, executed, unit in (("c", 45.5, "项目资金（万元）"), ("d", 455000, "项目资金（元）")):
        book = _e2_book(tmp_path / f"{name}.xlsx", executed, unit)
        main(["import", str(book), "-o", str(tmp_path / f"{name}-out.xlsx"), "--json"])
        notes = [n["message"] for f in json.loads(capsys.readouterr().out)["forms"] for n in f["notes"]]
        assert not any("像是以元填写" in n for n in notes), name
