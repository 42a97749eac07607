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
        "补上得分后（“在职人员控制率”空白 → 5 分；““三公经费”变动率”空白 → 5 分；““三公经费”控制率”空白 → 6 分；"
        "“社会公众或服务对象满意度”空白 → 5 分），总分应为 91.26 分；表中总分为 88 分，也不等于表中各项得分之和 70.26 分，"
        "等级随之应为“优”")
    row = _summarized(tmp_path, book, capsys)            # one total for the cell: the 复核总分 汇总 gives
    assert (row["reviewed_total"], row["reviewed_grade"], row["total"]) == (91.26, "优", 88)


def test_a_total_left_as_the_formula_is_the_blank_scores_finding_alone(tmp_path):
    _batch, res = check_paths([_book(tmp_path, None)])
    assert not [f for f in res.findings if f.cell == "I31"]
    assert {f.cell for f in res.findings if f.rule == "F6"} == {"I11", "I12", "I17", "I30"}


def test_a_dash_or_none_in_a_count_of_shortcomings_is_read_as_none_of_them(tmp_path):
    """“-” in 未按进度下达的专项（个） and “无” in 资金使用不符合规定的事例（例）: read as blank, 校验 said
    “缺少计算数据（未按进度下达的专项（个））” beside the dash the 填报人 had written (and F15 on it). Now
    they are 0 with an X2 warning asking for the digit, which 计算 writes; the score formulas then show
    3 and 3. A dash in another figure says no amount: still blank."""
    from jixiao.cli import main

    wb = openpyxl.load_workbook(_book(tmp_path, None))
    ws = wb["部门整体支出绩效自评表"]
    ws["F61"], ws["F63"], ws["F48"] = "-", "无", "—"
    ws["E6"], ws["F47"], ws["F60"] = 45, 12.5, 0.95
    book = tmp_path / "横杠.xlsx"
    wb.save(book)
    _batch, res = check_paths([book])
    by_cell = {f.cell: f for f in res.findings}
    assert by_cell["F61"].rule == "X2" and by_cell["F61"].message == (
        "未按进度下达的专项（个）写作“-”，已按 0 读（没有这样的事项），表中的得分公式不把它算作数字；请填数字 0")
    assert by_cell["F63"].rule == "X2" and "写作“无”，已按 0 读" in by_cell["F63"].message
    assert "F15" not in {f.rule for f in res.findings if f.cell in ("F61", "F63")}
    assert by_cell["I15"].rule == "F6" and by_cell["I15"].message.endswith("公式即按评分标准得 3 分")
    assert by_cell["I19"].rule == "F6" and by_cell["I19"].message.endswith("公式即按评分标准得 3 分")
    assert by_cell["F48"].rule == "F15"                   # 上年“三公经费” “—”: no amount, as before
    out = tmp_path / "计算.xlsx"
    assert main(["calc", str(book), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["部门整体支出绩效自评表"]
    assert (ws["F61"].value, ws["F63"].value, ws["F48"].value) == (0, 0, "—")


def _row_tags(book: Path) -> dict[int, str]:
    import re
    import zipfile

    with zipfile.ZipFile(book) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    return {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}


def test_the_copy_calc_writes_keeps_the_rows_that_fit_their_text(tmp_path):
    """openpyxl reads a row's height without its ``customHeight`` and writes every height as custom:
    the 计算 copy of a template (the command a WPS or LibreOffice user runs) had its indicator rows
    fixed again, and a 扣分原因 typed into the copy printed cut. Now a row that fits its text stays so,
    a row set to its height (the header's) stays set."""
    import shutil

    from jixiao.cli import main

    for name, fitting, fixed in (("部门整体支出绩效自评表.xlsx", (11, 29, 30), 10), ("项目支出绩效自评表.xlsx", (14, 20), 13)):
        src = tmp_path / name
        shutil.copy(TEMPLATE.parent / name, src)
        out = tmp_path / f"计算-{name}"
        # the blank project template has no 年度 or 项目名称: 1, the copy written all the same
        assert main(["calc", str(src), "-o", str(out)]) in (0, 1) and out.exists()
        tags = _row_tags(out)
        for r in fitting:
            assert 'ht="' in tags[r] and "customHeight" not in tags[r], (name, tags[r])
        assert "customHeight" in tags[fixed], (name, tags[fixed])


def test_calc_of_a_department_form_says_how_to_check_in_its_own_words(tmp_path, capsys):
    """计算 of a workbook holding only the 部门整体 form ends “……或直接填写得分，再点“校验”复核”: the
    button's words, which the command line printed as they were. The command line now names its
    command (``errors.FOR_COMMAND``); the button keeps its words."""
    from jixiao import actions
    from jixiao.cli import main

    book = _book(tmp_path, None)
    # a hand-scored 得分 left blank: the ones blank here before (I11, I12, I30, on “45人”, “12.5万元”, “95%”)
    # compute once 计算 makes those numbers, and are not called blank any more (test_clerk_dept_s63)
    wb = openpyxl.load_workbook(book)
    wb["部门整体支出绩效自评表"]["I20"] = None
    wb.save(book)
    assert main(["calc", str(book), "-o", str(tmp_path / "计算.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "1 个得分空白（“部门整体支出绩效自评表”I20）" in out, out
    assert "或直接填写得分，再运行 jixiao check 复核。" in out and "再点“校验”" not in out
    host = actions.FileHost(str(book), str(tmp_path / "按钮.xlsx"))
    assert "或直接填写得分，再点“校验”复核。" in actions.calc(host, None).message()
