"""Session 63, after 337f8daa (the 部门整体 form's figure in 元 marked 【待核实】 in the 整体绩效自评工作报告): the
project forms' own figures in 元 (A16, a warning) went unmarked into the reports, and the 生成报告 message said
nothing of them. One place decides which findings mark a figure (``reports.facts.marked``) and what the 填报人
is told of a figure in 元, for every form kind."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES


def _project_in_yuan(tmp_path: Path) -> Path:
    """The 大厂 sample with its money typed in 元 (56000 for 5.6 万元) and nothing else wrong: 校验 says A16 on
    C7, D7, E7 (warnings) and no error."""
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    row = {"initial": 56000, "annual": 56000, "executed": 51800}
    d["funds"].update(total=row, fiscal=row)
    ind = d["indicators"]
    ind[3]["score"] = 20                                   # as D4 scores it (5.18 万元 ≤ 5.6 万元)
    ind[4]["actual"] = ind[5]["actual"] = "100%"           # no C4
    d["total_score"] = 99.25
    path = tmp_path / "元.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_project_budget_typed_in_yuan_is_marked_in_the_reports_and_told(tmp_path):
    """全年预算数 56000 and 全年执行数 51800 typed for 5.6 and 5.18 万元: 校验 warned (A16), 生成报告 with no error
    said only “已生成”, and both reports wrote “全年预算数56000.00万元，全年执行数51800.00万元” unmarked."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.checking.run import check_paths
    from jixiao.cli import main
    from jixiao.finalize import document_text

    form = _project_in_yuan(tmp_path)
    _batch, res = check_paths([form])
    assert not [f for f in res.findings if f.severity == "error"], [(f.rule, f.message) for f in res.findings]
    assert {f.cell for f in res.findings if f.rule == "A16"} == {"C7", "D7", "E7"}
    book = tmp_path / "自评.xlsx"
    assert main(["fill", str(form), "-o", str(book)]) == 0
    said = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "报告"), draft=False)
    assert said.startswith("已生成"), said
    assert ("D7：年度资金总额的全年预算数 56000 万元是指标“年发放工资、保险费用”的年度指标值“≤5.6 万元”的一万倍，"
            "像是以元填写（校验的 A16 警告），报告中这个数旁标【待核实】，请改为 5.6 万元后重新生成报告，改正前不得报送") in said, said
    assert "E7：年度资金总额的全年执行数 51800 万元" in said and "请改为 5.18 万元后重新生成报告" in said, said
    project = document_text(tmp_path / "报告" / "项目支出绩效自评报告.docx")
    # marked as a funds error's figures are: after the sentence's figures, and after the 基本情况's 预算数
    # (which no mark followed, an error's either)
    project = project.replace("\n", "")
    # the 年初预算数 is in 元 too (A16 on C7): marked as well since s66 (each figure by the findings on its own column,
    # ``reports.facts.figure_fields``), where before only the 全年预算数 was; since s68 a form typed wholly in 元 is
    # stated in 万元 (``agreement.total_in_wan``), still marked: 5.60, not 56000.00 (tests/test_report_yuan_form_s68.py)
    assert "年初预算数5.60万元【待核实】，全年预算数5.60万元【待核实】。该项目基本情况如下" in project, project[:1500]
    assert "退役军人辅助性岗位经费。全年预算数5.60万元【待核实】；年度总体目标" in project, project[:1500]
    # each figure its own mark (s66: the mark after the sentence's figures stood as if only the rate were in doubt)
    assert "全年预算数5.60万元【待核实】，全年执行数5.18万元【待核实】，执行率92.50%【待核实】" in project, project[:1500]
    whole = document_text(tmp_path / "报告" / "整体绩效自评工作报告.docx").replace("\n", "")
    assert "全年执行数5.18万元【待核实】，执行率92.50%【待核实】" in whole
    assert "56000" not in project + whole and "51800" not in project + whole, whole[:1500]


def test_a_clean_project_form_is_not_marked(tmp_path):
    """The same form in 万元: nothing marked, nothing said of 元 (the mark follows A16, not the money)."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.cli import main
    from jixiao.finalize import document_text

    d = json.loads(_project_in_yuan(tmp_path).read_text(encoding="utf-8"))
    row = {"initial": 5.6, "annual": 5.6, "executed": 5.18}
    d["funds"].update(total=row, fiscal=row)
    form = tmp_path / "万元.json"
    form.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "自评.xlsx"
    assert main(["fill", str(form), "-o", str(book)]) == 0
    said = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "报告"), draft=False)
    assert said.startswith("已生成") and "以元填写" not in said, said
    assert "【待核实】" not in document_text(tmp_path / "报告" / "项目支出绩效自评报告.docx")
