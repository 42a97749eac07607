"""A 等级 is held to the total it should follow, not to a written total that is itself wrong (s58, QA of
the 项目支出绩效评价表 as an evaluator fills it).

An evaluator scored 目标内容 18 of 10: the 总计 formula showed 103 and the typed 等级 “优”. V8 said on
J21 the 总计得分 should be 95 (the score kept to its 分值), while V9 said on K21 the 等级 should be
“无法评定” (the band of 103) — two findings telling two things, the second wrong: 95 is 优. And a
总计 typed 89 beside a typed 良 whose scores add up to 93 was told 93, not that its 等级 becomes 优 — the
next 校验 found it. The same on the 部门整体 form (F12/F13) and the project form's D11/D13."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import openpyxl

from jixiao.checking.rules import load_catalogue
from jixiao.cli import main
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.evaluation.rules import check_forms as check_evaluations
from jixiao.sources import Loaded
from test_grade_bands import _template_with_total

SAMPLES = Path(str(resources.files("jixiao") / "samples"))


def _eval(**edits) -> dict:
    d = json.loads((SAMPLES / "fengtai-2023-evaluation" / "form.json").read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        if ind["score"] < ind["weight"]:
            ind["reason"] = f"{ind['name']}未完全达到评分标准"
    d["problems"] = "绩效目标不够细化；产出质量有差距；满意度调查样本偏少；组织机构和过程控制有欠缺。"
    d["suggestions"] = "细化绩效目标，加强过程控制，扩大满意度调查范围。"
    d.update(edits)
    return d


def _eval_findings(d: dict) -> dict[str, list]:
    [(_score, found)] = check_evaluations([Loaded(parse_eval_form(d), "评价.json")], None, load_catalogue())
    out: dict[str, list] = {}
    for f in found:
        out.setdefault(f.rule, []).append(f)
    return out


def test_a_grade_the_corrected_total_earns_is_not_told_to_follow_the_wrong_total():
    d = _eval(total_score=103, grade="良")           # 目标内容 24 of 10: Σ 103, reviewed 89 (the sample's 87 + 2)
    d["indicators"][0]["score"] = 24
    found = _eval_findings(d)
    [v8] = found["V8"]
    assert v8.message == "改正得分后（“目标内容”24 分 → 10 分），总计得分应为 89 分；表中总计得分为 103 分" and v8.expected == 89
    assert "V9" not in found                          # was: 综合得分 103 对应的等级为“无法评定”，表中为“良”
    d["indicators"][0]["score"] = 18                  # Σ 97 (优), reviewed 89 (良): 良 is right
    d["total_score"] = 97
    assert "V9" not in _eval_findings(d)               # was: 综合得分 97 对应的等级为“优”，表中为“良”
    d["grade"] = "优"                                 # the band of the 97: it changes with the 总计, said there
    found = _eval_findings(d)
    assert "V9" not in found and found["V8"][0].message.endswith("等级随之应为“良”")
    d["grade"] = "中"                                 # neither's: told the band of the right one
    [v9] = _eval_findings(d)["V9"]
    assert (v9.cell, v9.expected, v9.found) == ("K21", "良", "中")
    assert v9.message == "综合得分应为 89 分（表中为 97 分），对应的等级为“良”，表中为“中”"


def test_a_grade_that_follows_a_wrong_total_is_said_on_the_total():
    d = _eval(total_score=80, grade="良")             # Σ 87: 良 either way, nothing about the 等级
    [v8] = _eval_findings(d)["V8"]
    assert v8.message == "总计得分应为各指标得分之和 87 分，表中为 80 分"
    d = _eval(total_score=78, grade="中")             # 中 is 78's band; 87 is 良
    found = _eval_findings(d)
    assert found["V8"][0].message == "总计得分应为各指标得分之和 87 分，表中为 78 分，等级随之应为“良”"
    assert "V9" not in found
    d = _eval(total_score=78, grade="优")             # the 等级 wrong on its own: V9, held to 87
    found = _eval_findings(d)
    assert found["V8"][0].message == "总计得分应为各指标得分之和 87 分，表中为 78 分"
    assert [(f.expected, f.message) for f in found["V9"]] == [("良", "综合得分应为 87 分（表中为 78 分），对应的等级为“良”，表中为“优”")]


def test_the_evaluation_workbook_as_filled(tmp_path, capsys):
    """The template filled in a spreadsheet: a score above its 分值, the 总计 formula left, 等级 typed."""
    book = tmp_path / "评价.xlsx"
    assert main(["fill", str(SAMPLES / "fengtai-2023-evaluation" / "form.json"), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["J8"] = 18                                      # 目标内容, 分值 10: the sample's 87 − 8 + 18 = 97, reviewed 89
    ws["J21"] = '=IF(COUNT(J8:J20)=0,"",SUM(J8:J20))'
    ws["K21"] = "良"
    wb.save(book)
    capsys.readouterr()
    main(["check", str(book), "--json"])
    found = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["cell"]) for f in found if f["rule"] in ("V8", "V9")] == [("V8", "J21")]
    [v8] = [f for f in found if f["rule"] == "V8"]
    # J21 is the template's formula: the score is what to change, the 总计 follows it (s65: “应为 89” asked to type it)
    assert v8["message"].startswith("改正得分后（“目标内容”18 分 → 10 分），总计得分将为 89 分；表中总计得分为 97 分")
    assert v8["message"].endswith("总计得分格是公式，随之自动重新合计，不要在总计得分格中键入数字")


def _dept(**edits) -> dict:
    d = json.loads((SAMPLES / "zizhou-2023" / "department.json").read_text(encoding="utf-8"))
    d["indicators"][18]["reason"] = "未全部完成"
    d.update(edits)
    return d


def _dept_findings(d: dict) -> dict[str, list]:
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.forms.department.rules import check_forms

    [(_score, found)] = check_forms([Loaded(parse_dept_form(d), "部门.json")])
    out: dict[str, list] = {}
    for f in found:
        out.setdefault(f.rule, []).append(f)
    return out


def test_the_department_form_the_same():
    d = _dept(total_score=105, grade="优")            # 预算信息公开性和完善性 13 of 3: Σ 105, reviewed 95
    d["indicators"][9]["score"] = 13
    found = _dept_findings(d)
    assert found["F12"][0].expected == 95 and "F13" not in found
    d["grade"] = "良"
    [f13] = _dept_findings(d)["F13"]
    assert (f13.expected, f13.message) == ("优", "总分应为 95 分（表中为 105 分），对应的等级为“优”，表中为“良”")
    d = _dept(total_score=88, grade="良")             # Σ 95 (优): typed 88 and the 良 it earns
    d["indicators"][9]["score"] = 3
    found = _dept_findings(d)
    assert found["F12"][0].message == "总分应为各指标得分之和 95 分，表中为 88 分，等级随之应为“优”" and "F13" not in found


def test_the_project_form_s_typed_grade_is_held_to_d11s_total(tmp_path, capsys):
    """D11 said the 总分 should be 100, 等级优 (服务人次 75 → 90) while D13 said the typed 优 should be 良
    (the band of the written 85)."""
    book = _template_with_total(tmp_path / "项目.xlsx", 85, None)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["I34"] = "优"
    wb.save(book)
    capsys.readouterr()
    main(["check", str(book), "--json"])
    found = json.loads(capsys.readouterr().out)
    [d11] = [f for f in found if f["rule"] == "D11"]
    assert "总分将为 100 分，等级优" in d11["message"]   # H34 is the template's formula (s65: not “应为”)
    assert [f for f in found if f["rule"] == "D13"] == []
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["I34"] = "中"
    wb.save(book)
    main(["check", str(book), "--json"])
    found = json.loads(capsys.readouterr().out)
    assert [(f["cell"], f["expected"], f["message"]) for f in found if f["rule"] == "D13"] == [
        ("I34", "优", "总分应为 100 分（表中为 85 分），对应的等级为“优”，表中为“中”")]


def test_unchanged_where_the_total_is_right():
    d = _eval(grade="优")                              # 87 written and reviewed
    [v9] = _eval_findings(d)["V9"]
    assert v9.message == "综合得分 87 分对应的等级为“良”，表中为“优”"
