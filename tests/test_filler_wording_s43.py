"""What a 填报人 found in the documents (stop 43's QA): “总体执行率105.5%【待核实】；，执行数大于预算数的1个”
(a semicolon and a comma side by side, GB/T 15834) where the one project spent more than its budget, and
a draft that marks the 总分 to verify but not the 等级 it gives."""

from __future__ import annotations

import json

from docx import Document

from conftest import SAMPLES
from jixiao.cli import main


def _text(path) -> str:
    d = Document(str(path))
    return "\n".join([*(p.text for p in d.paragraphs),
                      *(c.text for t in d.tables for row in t.rows for c in row.cells)])


def _reports(tmp_path, capsys, data: dict):
    src = tmp_path / "form.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    out = tmp_path / "报告"
    main(["report", str(book), "-o", str(out), "--force"])
    capsys.readouterr()
    return out


def test_the_one_project_overspent_is_said_without_a_semicolon_and_comma(tmp_path, capsys):
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    for row in ("total", "fiscal"):
        d["funds"][row]["executed"] = 5.9   # budget 5.6
    out = _reports(tmp_path, capsys, d)
    text = _text(out / "整体绩效自评工作报告.docx")
    assert "；，" not in text and "，，" not in text
    assert "；该项目执行数大于预算数。" in text, [line for line in text.splitlines() if "总体执行率" in line]


def test_a_draft_marks_the_grade_of_a_total_to_verify(tmp_path, capsys):
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d["total_score"] = 90.5   # the scores add up to 97.75: D7
    out = _reports(tmp_path, capsys, d)
    text = _text(out / "项目支出绩效自评报告.docx")
    assert "自评总分90.50分【待核实】，等级为“优”【待核实】" in text, [
        line for line in text.splitlines() if "自评总分" in line]


def test_a_workbook_without_a_settings_sheet_is_told_where_to_get_one(tmp_path, capsys):
    """A 部门整体 form written by ``fill`` has no 设置 sheet: 生成报告 and 定稿 told the 填报人 to fill in the
    文号 and the 收件邮箱 “在‘设置’工作表中”, a sheet the workbook does not have. The official
    部门整体 template now carries the 设置 sheet the project template has."""
    import openpyxl

    import addin.buttons as buttons
    from dept_helpers import zizhou_json
    from jixiao.actions import FileHost
    from jixiao.cli import REPO_TEMPLATES
    from jixiao.core.settings import NO_SETTINGS_SHEET, SETTINGS_SHEET

    assert openpyxl.load_workbook(REPO_TEMPLATES / "部门整体支出绩效自评表.xlsx").sheetnames[-1] == SETTINGS_SHEET
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(zizhou_json(), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "部门.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    assert SETTINGS_SHEET not in openpyxl.load_workbook(book).sheetnames
    said = buttons.report(FileHost(str(book)), outdir=str(tmp_path / "报告"), draft=True)
    assert NO_SETTINGS_SHEET in said and f"没有在“{SETTINGS_SHEET}”工作表中填写" not in said, said
    capsys.readouterr()
    main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf", "--email"])
    printed = capsys.readouterr().out
    assert NO_SETTINGS_SHEET in printed and "“设置”表没有填写收件邮箱" not in printed, printed


def test_a_negative_figure_on_the_department_form_is_named(tmp_path, capsys):
    """结转结余 -100 passed every check and went into the 整体报告 as “年末结转结余-100.00万元”."""
    from dept_helpers import zizhou_json

    d = zizhou_json()
    d["data"]["balance"] = -100
    d["data"]["budget_adjust"] = -5   # 调减: may be negative
    src = tmp_path / "dept.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["check", str(src), "--json"])
    found = [(f["field"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["rule"] == "F16"]
    assert ("data.balance", "结转结余不会是负数，表中为 -100 万元") in found, found
    assert not any(field == "data.budget_adjust" for field, _m in found)


def _a12(tmp_path, capsys, counts: list[tuple[str, str]], executed: float) -> list[str]:
    """A12's messages on a form whose 成本指标 is “人均救助费用” 2100 元, beside the given count indicators."""
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    inds = d["indicators"]
    for k, (name, value) in enumerate(counts):
        inds[k].update(name=name, target=f"≥{value}", actual=value)
    inds[3].update(level2="成本指标", name="人均救助费用", target="≤2100 元", actual="2100 元")
    for row in ("total", "fiscal"):
        d["funds"][row].update(annual=110, initial=110, executed=executed)
    src = tmp_path / "a12.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["check", str(src), "--json"])
    return [f["message"] for f in json.loads(capsys.readouterr().out) if f["rule"] == "A12"]


def test_a_cost_per_person_is_not_paired_with_the_staff_when_person_times_are_counted(tmp_path, capsys):
    """“人均救助费用” 2100 元 was multiplied by the only count in 人, 工作人员 6 人 (1.26 万元 against 105.5): a
    false warning on right figures, the 救助人次 480 (100.8 万元) being the count it goes with."""
    assert _a12(tmp_path, capsys, [("工作人员数量", "6 人"), ("救助人次", "480 人次")], 105.5) == []
    # a 人均 cost beside one count of 人次: paired with it, and held to the money
    assert _a12(tmp_path, capsys, [("救助人次", "480 人次")], 105.5) == []
    (said,) = _a12(tmp_path, capsys, [("救助人次", "480 人次")], 50)
    assert "“救助人次”480 人次 × “人均救助费用”2100 元" in said, said
