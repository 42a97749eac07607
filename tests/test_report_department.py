"""The 整体绩效自评工作报告 restates the 部门整体支出绩效自评表 that comes with the projects.

Before: its part 五、部门整体支出绩效情况 said “部门整体支出绩效自评表（1张）另行报送，部门整体支出
绩效情况：【待填写】” even with the form in the same workbook, and the form's errors (a 社会效益
scored 12 of 15 with no 扣分原因, F8) did not stop the documents being written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.project.model import load_form
from jixiao.sources import Batch, Loaded

DEPT_JSON = Path(__file__).resolve().parents[1] / "jixiao" / "samples" / "zizhou-2023" / "department.json"
CLEAN = next(p for p in SAMPLES if p.name == "11.json")  # the one sample project form without errors


def _dept(year: int, **changes) -> dict:
    """The 子洲 sample as the project's own department's form (its unit, the given year)."""
    d = json.loads(DEPT_JSON.read_text(encoding="utf-8"))
    d.update({"year": year, "department": load_form(CLEAN).unit, **changes})
    return d


def _batch(dept: dict) -> Batch:
    project = load_form(CLEAN)
    return Batch([Loaded(project, "自评表.xlsx", "项目")],
                 departments=[Loaded(parse_dept_form(dept, "部门整体"), "自评表.xlsx", "部门整体")])


def _part_five(path: Path) -> list[str]:
    ps = [p.text for p in Document(str(path)).paragraphs]
    start = next(k for k, t in enumerate(ps) if t.startswith("五、"))
    end = next(k for k, t in enumerate(ps) if k > start and t.startswith("六、"))
    return ps[start + 1:end]


def test_the_department_form_is_restated_from_its_own_figures(tmp_path):
    year = load_form(CLEAN).year
    dept = _dept(year)
    dept["indicators"][18]["reason"] = "年初计划的5项社会效益事项完成4项"   # 社会效益 12 of 15: F8 put right
    paths = {p.stem: p for p in R.build_reports(_batch(dept), None, tmp_path)}
    five = _part_five(paths["整体绩效自评工作报告"])
    d = {k: R.money(v) if isinstance(v, (int, float)) and "staff" not in k else v for k, v in dept["data"].items()}
    assert five[0] == (f"部门基本情况：编制人数{d['staff_quota']}人，实有人数{d['staff_actual']}人；资产总额{d['assets_total']}万元；"
                       f"总收入{d['income_total']}万元，总支出{d['expense_total']}万元（基本支出{d['expense_basic']}万元、"
                       f"项目支出{d['expense_project']}万元）；年末结转结余{d['balance']}万元。")
    assert "年末结转结余0.00万元" in five[0]   # 万元 as the 汇总表 shows them (0.00####), the projects' too (s42)
    levels: dict[str, list[float]] = {}
    for ind in dept["indicators"]:
        levels.setdefault(ind["level1"], [0, 0])
        levels[ind["level1"]][0] += ind["weight"]
        levels[ind["level1"]][1] += ind["score"]
    assert five[1] == (f"{year}年度部门整体支出绩效自评共设三级指标{len(dept['indicators'])}个，自评总分{dept['total_score']}分，"
                       f"等级为“{dept['grade']}”；其中" +
                       "，".join(f"{k}指标得分{s:g}分（分值{w:g}分）" for k, (w, s) in levels.items()) + "。")
    lost = [i for i in dept["indicators"] if i["score"] < i["weight"]]
    assert five[2] == f"扣分的三级指标{len(lost)}个：" + "；".join(
        f"“{i['name']}”（分值{i['weight']}分，得分{i['score']}分），扣分原因：{i['reason']}" for i in lost) + "。"
    assert "【待填写】" not in "".join(five) and "另行报送" not in "".join(five)
    letter = [p.text for p in Document(str(paths["报送函"])).paragraphs]
    assert any(t.endswith(f"{year}年度部门整体支出绩效自评表") for t in letter)   # sent with it: an attachment


def test_its_errors_refuse_the_documents_and_a_forced_draft_marks_them(tmp_path):
    year = load_form(CLEAN).year
    dept = _dept(year)   # 社会效益 without its 扣分原因: F8, an error
    with pytest.raises(R.ReportRefused) as exc:
        R.build_reports(_batch(dept), None, tmp_path / "no")
    assert "自评表.xlsx" in str(exc.value) and not (tmp_path / "no").exists()
    # a forced draft: the missing reason asks to be written; a 总分 the indicators do not add up to is marked
    wrong = copy.deepcopy(dept)
    wrong["indicators"][6].update(score=5, reason="超支")       # "三公经费"控制率 5 of 6
    paths = {p.stem: p for p in R.build_reports(_batch(wrong), None, tmp_path / "forced", force=True)}
    five = _part_five(paths["整体绩效自评工作报告"])
    assert f"自评总分{dept['total_score']}分{R.CHECK}，" in five[1]        # the indicators now add up to 94
    assert "“社会效益”（分值15分，得分12分），扣分原因：【待填写】" in five[2]
    assert "“‘三公经费’控制率”（分值6分，得分5分），扣分原因：超支" in five[2]   # GB/T 15834 nesting


def test_a_form_of_another_year_is_not_restated(tmp_path):
    year = load_form(CLEAN).year
    dept = _dept(year + 1)
    dept["indicators"][18]["reason"] = "未全部完成"
    notes: list[str] = []
    paths = {p.stem: p for p in R.build_reports(_batch(dept), None, tmp_path, notes=notes)}
    five = _part_five(paths["整体绩效自评工作报告"])
    # not “部门整体支出绩效自评表（1张）另行报送”: the department sends no such form (the 报送函 lists
    # none), and a count of what the workbook held is no sentence of its own report (s39 h1)
    assert five == ["部门整体支出绩效情况：【待填写】。"]
    assert [n for n in notes if f"是{year + 1}年度的，不是本报告的{year}年度" in n and "没有采用" in n], notes
    assert not any("部门整体" in p.text for p in Document(str(paths["报送函"])).paragraphs)


def test_quoted_nests_inner_quotes():
    from jixiao.reports.text import quoted

    assert quoted('"三公经费"控制率') == "“‘三公经费’控制率”"
    assert quoted("社会效益 ") == "“社会效益”"


def test_another_departments_form_is_not_restated_and_a_blank_score_is_said_plainly(tmp_path):
    """The 子洲 form in 大厂's report (a workbook of copies): its part 五 spoke of another county's
    department. A level with a blank 得分 read “投入指标得分【待填写】分”."""
    year = load_form(CLEAN).year
    other = _dept(year, department="某某县医疗保障局")
    other["indicators"][18]["reason"] = "未全部完成"
    notes: list[str] = []
    paths = {p.stem: p for p in R.build_reports(_batch(other), None, tmp_path / "a", notes=notes)}
    assert _part_five(paths["整体绩效自评工作报告"]) == ["部门整体支出绩效情况：【待填写】。"]
    assert [n for n in notes if "是“某某县医疗保障局”的，不是本单位的" in n], notes
    own = _dept(year)
    own["indicators"][0]["score"] = None
    paths = {p.stem: p for p in R.build_reports(_batch(own), None, tmp_path / "b", force=True)}
    five = _part_five(paths["整体绩效自评工作报告"])
    assert "投入指标（分值15分）有未填写的得分" in five[1] and "得分【待填写】分" not in five[1]


def test_a_forced_draft_marks_the_level_and_lists_the_indicator_an_error_touches(tmp_path):
    """F11 on “三公经费”变动率 written 5 of 5 where its 评分标准 gives 3.75: only 总分 and 等级 were marked,
    “投入指标得分15分” stated the wrong 5 unmarked, and the indicator was missing from the 扣分 list."""
    year = load_form(CLEAN).year
    dept = _dept(year)
    dept["indicators"][18]["reason"] = "年初计划的5项社会效益事项完成4项"   # 社会效益: F8 put right
    dept["data"].update(three_public_this=10.25, three_public_last=10)     # up 2.5%
    dept["indicators"][1].update(score=5, reason=None)                     # formula: 5 − 0.5 × 2.5 = 3.75
    paths = {p.stem: p for p in R.build_reports(_batch(dept), None, tmp_path, force=True)}
    five = _part_five(paths["整体绩效自评工作报告"])
    assert f"投入指标得分15分{R.CHECK}（分值15分）" in five[1], five[1]
    assert "过程指标得分" in five[1] and f"过程指标得分{R.CHECK}" not in five[1]
    assert "效果指标得分15分（分值20分）" in five[1]                        # untouched: unmarked
    assert f"“‘三公经费’变动率”（分值5分，得分5分{R.CHECK}），扣分原因：【待填写】" in five[2], five[2]
    assert five[2].startswith("扣分的三级指标3个：")
    # where the form is all the department sends, its 整改措施 take it up too
    from jixiao.forms.department.report import report_whole
    from jixiao.forms.department.rules import check_forms
    items = _batch(dept).departments
    whole = report_whole(items, [found for _s, found in check_forms(items)])
    assert whole["measures"][0].startswith("1．对扣分的3个三级指标（“‘三公经费’变动率”“社会效益”"), whole["measures"]
