"""部门整体支出绩效自评表 as a 填报人 fills the shipped template by hand (session 59).

The 填报人 typed “45人”, “12.5万元”, “95%” into the 计算数据 (text: the sheet's score formulas show
nothing) and typed a 总分 of 96 over the total formula. 校验 said on I31 “总分应为各指标得分之和 64.26，
表中为 96，等级随之应为“中””: the sum of the scores shown, while each blank score's own F6 said the
formula gives 5 or 6 once the figure is a number, and 汇总's 部门整体自评 row gave the 复核总分 85.26
(良). The 总分 cell now says the total the review counts, with the blanks it fills in.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.checking.run import check_paths

TEMPLATE = Path(__file__).resolve().parent.parent / "xlsx_templates" / "部门整体支出绩效自评表.xlsx"

TYPED = {
    "A2": 2023, "E3": "某某县卫生健康局", "E5": "2024年3月15日",
    "E6": "45人", "H6": 43, "E7": "1256.8万元", "H7": 2380.5, "E8": 2290.36, "H8": 1510.2, "E9": 780.16, "H9": 90.14,
    "F47": "12.5万元", "F48": 13.2, "F49": 15, "F50": 650.3, "F51": 2200, "F52": 180.5, "F53": 120,
    "F54": 85, "F55": 80.2, "F56": 38.6, "F57": 42, "F58": 1180.5, "F59": 1256.8, "F60": "95%",
    "F61": 0, "F62": 0, "F63": 0, "F64": 0, "F65": 1, "F66": 0, "F67": 0, "F68": 1, "I20": 2.5, "I23": 3,
    "J13": "重点项目支出占比未达到90%。", "J14": "年中追加预算。", "J16": "年末有结转结余。", "J20": "公开延后3天。",
    "J21": "实际采购金额低于预算。", "J25": "部分设备待报废。", "J26": "培训未完成1期。", "J29": "标准化建设未完成2个。",
}


def _book(tmp_path: Path, total: float | None) -> Path:
    wb = openpyxl.load_workbook(TEMPLATE)
    ws = wb["部门整体支出绩效自评表"]
    for cell, value in TYPED.items():
        ws[cell] = value
    if total is not None:
        ws["I31"] = total                      # typed over the total formula
    path = tmp_path / "部门整体.xlsx"
    wb.save(path)
    return path


def _summarized(tmp_path: Path, book: Path, capsys) -> dict:
    """汇总's 部门整体自评 row of ``book`` (beside a project of the department's, as 汇总 needs one)."""
    import json

    from jixiao.cli import main

    d = json.loads((Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "dachang-2022" / "01.json")
                   .read_text(encoding="utf-8"))
    d.update(year=2023, authority="某某县卫生健康局", unit="某某县卫生健康局")
    (tmp_path / "p.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "p.json"), "-o", str(tmp_path / "项目.xlsx")]) == 0
    capsys.readouterr()
    assert main(["summarize", str(tmp_path / "项目.xlsx"), str(book), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["department"]


def test_a_typed_total_is_held_to_the_total_the_review_counts(tmp_path, capsys):
    book = _book(tmp_path, 88)
    _batch, res = check_paths([book])
    [hit] = [f for f in res.findings if f.cell == "I31"]
    assert hit.rule == "F12" and hit.expected == 91.26
    assert hit.message == (
        "补上得分后（“在职人员控制率”空白 → 5；““三公经费”变动率”空白 → 5；““三公经费”控制率”空白 → 6；"
        "“社会公众或服务对象满意度”空白 → 5），总分应为 91.26；表中总分为 88，也不等于表中各项得分之和 70.26，"
        "等级随之应为“优”")
    row = _summarized(tmp_path, book, capsys)            # one total for the cell: the 复核总分 汇总 gives
    assert (row["reviewed_total"], row["reviewed_grade"], row["total"]) == (91.26, "优", 88)


def test_a_total_left_as_the_formula_is_the_blank_scores_finding_alone(tmp_path):
    _batch, res = check_paths([_book(tmp_path, None)])
    assert not [f for f in res.findings if f.cell == "I31"]
    assert {f.cell for f in res.findings if f.rule == "F6"} == {"I11", "I12", "I17", "I30"}
