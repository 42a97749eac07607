"""Counties' own layouts found in the h37 import round: rows of a form the label-anchored reader
took for something else or dropped without a word — a “预算执行率” row inside the indicator table,
“项目编码” and “自评等级”. Small grids built here, and one workbook written with openpyxl that
``import`` and ``check`` read whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from jixiao.reading import SheetGrid, read_grid

# a money table of amounts only: the 执行率 is scored in the indicator table
FUND_HEAD = ["项目资金", None, "年初预算数", "全年预算数", "全年执行数"]
IND_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
INDS = [["产出指标", "数量指标", "保障人数", "≥3000人", "3120人", 45, 45, None],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "93%", 45, 45, None]]


def form_rows(*, fund_head: list[Any] | None = None, total_row: list[Any] | None = None,
              inds: list[list[Any]] | None = None, head: list[list[Any]] | None = None,
              foot: list[list[Any]] | None = None) -> list[list[Any]]:
    """A form one row a list from column A: 50 万元 budgeted, 47.5 spent (95%)."""
    return [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "城乡低保工作经费"],
        *(head or []),
        ["主管部门", "某县民政局", None, None, "实施单位", "某县社会救助服务中心"],
        fund_head or FUND_HEAD,
        total_row or [None, "年度资金总额", 50, 50, 47.5],
        [None, "其中：财政拨款", 50, 50, 47.5],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "保障低保对象基本生活", None, None, "已完成"],
        IND_HEAD,
        *(inds if inds is not None else [["预算执行率", None, None, "100%", "95%", 10, 9.5, None], *INDS]),
        ["总分", None, None, None, None, 100, 99.5],
        *(foot or []),
    ]


def read(rows: list[list[Any]], merges: list[Any] | None = None):
    forms, problems = read_grid(SheetGrid(rows, merges or [], "民政.xlsx", "低保"))
    assert problems == []
    (af,) = forms
    return af


# ------------------------------------------------------------------ 预算执行率 as a row of the indicators


def test_an_exec_rate_row_among_the_indicators_is_the_forms_exec_rate():
    """“预算执行率 | | | 100% | 95% | 10 | 9.5” as the first row of the indicator table was read as a
    三级指标 named “预算执行率”: the form had a third indicator and no 执行率 (A-rules silent, its 10
    points an indicator's). Now it is the form's 执行率分值, 执行率 and 执行率得分, on their cells."""
    af = read(form_rows())
    f = af.form
    assert [i.name for i in f.indicators] == ["保障人数", "满意度"]
    assert af.rows == [11, 12]
    assert (f.funds_weight, f.exec_rate, f.exec_score) == (10, "95%", 9.5)
    assert (af.cells["funds_weight"], af.cells["exec_rate"], af.cells["exec_score"]) == ("F10", "E10", "G10")
    assert [str(n) for n in af.notes if "预算执行率" in str(n)] == [
        "A10：第 10 行“预算执行率”不是三级指标，是本表的预算执行率：分值 10、执行率“95%”、得分 9.5 按执行率的分值、"
        "执行率、得分读（本模板在年度资金总额一行）；年度指标值“100%”本模板没有，未导入"]


def test_an_exec_rate_row_under_its_other_names_and_merged_across():
    """“资金执行率” in the 三级指标 column under a 一级指标 of its own, and “预算执行率（10分）” merged
    across 一级…实际完成值 with only 分值 and 得分 beside it: the form's 执行率 either way."""
    inds = [["产出指标", "成本指标", "资金执行率", "100%", "95%", 10, 9.5, None], *INDS]
    af = read(form_rows(inds=inds))
    assert [i.name for i in af.form.indicators] == ["保障人数", "满意度"]
    assert (af.form.funds_weight, af.form.exec_rate, af.form.exec_score) == (10, "95%", 9.5)
    assert af.notes[-1].cell == "C10" and "第 10 行“资金执行率”不是三级指标" in af.notes[-1].message

    rows = form_rows(inds=[["预算执行率（10分）", None, None, None, None, 10, 9.5, None], *INDS])
    af = read(rows, [((9, 0), (9, 4))])
    assert [i.name for i in af.form.indicators] == ["保障人数", "满意度"]
    assert (af.form.funds_weight, af.form.exec_rate, af.form.exec_score) == (10, None, 9.5)
    assert not any("跨列合并的文字" in str(n) for n in af.notes)


def test_an_exec_rate_row_beside_a_money_table_that_scores_it_too():
    """The 项目资金 table has its own 分值 | 执行率 | 得分 and the indicator table a 预算执行率 row as
    well: the money table's values stand, the row is still no indicator, a differing value is said."""
    head = [*FUND_HEAD, "分值", "执行率", "得分"]
    af = read(form_rows(fund_head=head, total_row=[None, "年度资金总额", 50, 50, 47.5, 10, "95%", 9.5],
                        inds=[["预算执行率", None, None, "100%", "95%", 10, 10, None], *INDS]))
    f = af.form
    assert [i.name for i in f.indicators] == ["保障人数", "满意度"]
    assert (f.funds_weight, f.exec_rate, f.exec_score) == (10, "95%", 9.5)
    assert (af.cells["funds_weight"], af.cells["exec_score"]) == ("F5", "H5")
    (note,) = [str(n) for n in af.notes if "预算执行率" in str(n)]
    assert "得分（项目资金中为 9.5，此行为 10）与项目资金中所写不同，按项目资金读" in note


def test_an_indicator_only_named_like_a_rate_stays_an_indicator():
    """“资金拨付及时率”, “预算执行进度” are indicators: only the 执行率 itself is taken out."""
    inds = [["产出指标", "时效指标", "资金拨付及时率", "100%", "100%", 10, 10, None],
            ["产出指标", "时效指标", "预算执行进度", "≥90%", "95%", 10, 10, None], *INDS]
    af = read(form_rows(inds=inds))
    assert [i.name for i in af.form.indicators] == ["资金拨付及时率", "预算执行进度", "保障人数", "满意度"]
    assert af.form.funds_weight is None and af.form.exec_score is None


# ------------------------------------------------------------------ a whole workbook: import and check


def _book(path: Path, rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "低保"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_and_check_of_a_book_with_an_exec_rate_row(tmp_path, capsys):
    """95% of the money spent, 执行率得分 written 10 on the 预算执行率 row: ``check`` names that cell (A4)
    — it said nothing, the row being an indicator —, and ``import`` writes 分值 10, 执行率 95%, 得分 10
    where our template keeps them (F7:H7), two indicators, and says so."""
    import json

    from jixiao.cli import main
    from jixiao.forms.project.reader import read_workbook

    rows = form_rows(inds=[["预算执行率", None, None, "100%", "95%", 10, 10, None], *INDS])
    rows[-1][-1] = 100
    src = _book(tmp_path / "民政.xlsx", rows)
    main(["check", str(src), "--json"])
    found = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["cell"]) for f in found if f["rule"] == "A4"] == [("A4", "G10")]
    assert not any(f["message"].count("预算执行率") and f["rule"].startswith("C") for f in found)

    out = tmp_path / "导入.xlsx"
    assert main(["import", str(src), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (form,) = report["forms"]
    assert form["indicators"] == 2 and any("预算执行率" in n["message"] for n in form["notes"])
    (sf,) = read_workbook(out).forms
    assert sf.native and [i.name for i in sf.form.indicators] == ["保障人数", "满意度"]
    assert (sf.form.funds_weight, sf.form.exec_score) == (10, 10)
    ws = openpyxl.load_workbook(out)[sf.sheet]
    assert (ws["F7"].value, ws["H7"].value) == (10, 10) and ws["D14"].value == "保障人数"


# ------------------------------------------------------------------ 项目编码


def test_a_project_code_is_said_not_imported():
    """“项目编码” (a row of the head, beside the 项目名称, or “项目编码：…” over it) was dropped without a
    word: the form as data and our template have no place for it. Now a note names it with its cell;
    a blank 项目名称 beside it is blank, not the label “项目编码”."""
    af = read(form_rows(head=[["项目编码", "131028230001"]]))
    assert [str(n) for n in af.notes if "项目编码" in str(n)] == ["B3：项目编码“131028230001”本模板没有填写处，未导入"]

    rows = form_rows()
    rows[1] += [None, None, "项目代码", 131028230001]
    af = read(rows)
    assert af.form.project == "城乡低保工作经费"
    assert [str(n) for n in af.notes if "项目代码" in str(n)] == ["F2：项目代码“131028230001”本模板没有填写处，未导入"]

    rows = form_rows()
    rows.insert(1, ["项目编码：2023-001"])
    af = read(rows)
    assert [str(n) for n in af.notes if "项目编码" in str(n)] == ["A2：项目编码“2023-001”本模板没有填写处，未导入"]

    rows = form_rows()
    rows[1] = ["项目名称", None, "项目编码", "2023-001"]
    forms, (problem,) = read_grid(SheetGrid(rows, [], "民政.xlsx", "低保"))
    assert forms == [] and str(problem).endswith("项目名称为空，请填写批复的项目名称") and problem.cell == "B2"


# ------------------------------------------------------------------ 自评等级


def test_a_stated_grade_is_kept_and_said_not_imported():
    """“自评等级 | 良” under the 总分 row, or “优” at the end of it: dropped without a word (the 总分
    row's “优” only gave its cell). Now kept for ``check`` (D13); where it differs from the 等级 our
    template computes, the import says it has no place for it."""
    af = read(form_rows(foot=[["自评等级", "良"]]))
    assert (af.stated, af.cells["grade"]) == ({"grade": "良"}, "B14")
    assert [str(n) for n in af.notes if "等级" in str(n)] == [
        "B14：等级“良”本模板没有填写处，未导入（本模板的等级由总分算出：总分 99.5 为“优”）"]

    rows = form_rows()
    rows[-1] += ["等级：优"]
    af = read(rows)
    assert (af.stated, af.cells["grade"]) == ({"grade": "优"}, "H13")
    assert not any("等级" in str(n) for n in af.notes)   # the same as our template's: nothing lost

    rows = form_rows(foot=[["自评等级：中"]])
    assert read(rows).stated == {"grade": "中"}
    assert read(form_rows()).stated == {} and not any("等级" in str(n) for n in read(form_rows()).notes)


def test_check_compares_a_stated_grade_with_the_total(tmp_path, capsys):
    """总分 99.5 with “自评等级 | 良”: an error on the 等级's cell (D13), as a 部门整体 form's 等级 is
    checked (F13); “优” is silent, and so is a form that states none."""
    import json

    from jixiao.cli import main

    def d13(grade: str | None) -> list[tuple[str, str, str]]:
        src = _book(tmp_path / f"民政-{grade}.xlsx", form_rows(foot=[["自评等级", grade]] if grade else None))
        main(["check", str(src), "--json"])
        return [(f["cell"], f["message"], f["expected"]) for f in json.loads(capsys.readouterr().out)
                if f["rule"] == "D13"]

    assert d13("良") == [("B14", "总分 99.5 分对应的等级为“优”，表中为“良”", "优")]
    assert d13("优") == [] and d13(None) == []
