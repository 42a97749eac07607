"""A county 医疗保障局's 填报人 who had never seen the tool fills the 部门整体支出绩效自评表 template by hand
(session 63), from the published 子洲县 2023 form: 总收入 typed in 元, scores typed over the formulas (得分 above
分值, 3 points lost with no 扣分原因), the 满意度 typed as text, a 三级指标 row inserted into 职责履行 so the 分值
add to 105, the 产出 merge taken apart. The workbook is ``data/clerk_dept_s63/build.py``'s: LibreOffice doing it.
Each test is one thing the buttons or the documents told that 填报人 wrong."""

from __future__ import annotations

from pathlib import Path

import openpyxl

CLERK = Path(__file__).resolve().parent / "data" / "clerk_dept_s63" / "医疗保障局-部门整体-2023.xlsx"


def _listed(book: Path) -> dict[tuple[str, str], tuple]:
    """(rule, cell) -> the 校验结果 row of each error and warning."""
    return {(r[1], r[3]): r for r in openpyxl.load_workbook(book)["校验结果"].iter_rows(values_only=True)
            if r[0] in ("错误", "警告")}


def test_calc_does_not_call_blank_a_score_its_own_conversion_made_compute(tmp_path):
    """The 满意度 typed as text “93%” in the 计算数据: the 得分 formula of 社会公众或服务对象满意度 (I31) showed
    nothing. 计算 made “93%” the number 93% — and the formula then showed 3 — but its message still listed I31
    among “3 个得分空白…请补上计算数据（只填数字）或直接填写得分”: the 填报人 was sent to type a score over a
    formula that had just started to work."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    host = FileHost(str(CLERK), str(tmp_path / "计算后.xlsx"))
    said = buttons.calc(host)
    host.save()
    assert "F61“93%”改为 93%" in said, said
    assert "2 个得分空白（“部门整体支出绩效自评表”I20、I23）" in said, said
    assert "I31" not in said, said
    ws = openpyxl.load_workbook(tmp_path / "计算后.xlsx", data_only=True)["部门整体支出绩效自评表"]
    assert ws["I31"].value == 3 and ws["I20"].value is None and ws["I23"].value is None


def test_a_row_inserted_by_hand_tells_the_clerk_to_change_the_three_level_not_the_first(tmp_path):
    """A 三级指标 row (5 分) inserted into 职责履行: the 分值 add to 105. F3 on 产出's 分值 said “应为其下三级指标
    分值之和 30 分”, F4 the same of 职责履行, and F5 on the same block “分值合计原则上为 25 分” — two 应为 for one
    block, and following F3 made the 一级 分值 add to 105; F1 on the 总分 said 105 without saying where. Now
    F3 and F4 say the 三级 under them are to add up to 25, F1 names 产出, and F5 is not said beside F3."""
    from jixiao.checking.run import check_paths

    _batch, res = check_paths([CLERK])
    got = {(f.rule, f.field): f for f in res.findings}
    f1 = got[("F1", "total_weight")]
    assert "一级指标“产出”25 分，其下三级指标分值之和为 30 分" in f1.message, f1.message
    f3 = got[("F3", "level1_weights.产出")]
    assert "应调整其下三级指标的分值，使之合计为 25 分" in f3.message and "应为其下三级指标分值之和" not in f3.message
    assert (f3.expected, f3.found, f3.expected_shown) == (25, 30, "其下三级指标分值合计 25 分"), f3
    f4 = got[("F4", "level2_weights.职责履行")]
    assert "使之合计为 25 分" in f4.message, f4.message
    assert not [f for f in res.findings if f.rule == "F5"], [f.message for f in res.findings if f.rule == "F5"]


def test_a_first_level_weight_left_unchanged_is_still_told_to_follow_its_three_level(tmp_path):
    """The 三级 add to 100 and a 一级 分值 was not changed with them: that 一级 is the one to change, as before."""
    from jixiao.checking.run import check_paths

    wb = openpyxl.load_workbook(CLERK)
    ws = wb["部门整体支出绩效自评表"]
    ws["H29"] = None                           # the inserted row's 分值 gone…
    ws["E29"] = ws["F29"] = ws["I29"] = None
    ws["H26"], ws["I26"] = 15, 15              # …and 实际完成率 raised to 15: 产出 adds to 30, 效果 to 15
    ws["H30"], ws["I30"] = 10, 10
    ws["D29"] = None
    path = tmp_path / "改了三级.xlsx"
    wb.save(path)
    _batch, res = check_paths([path])
    assert not [f for f in res.findings if f.rule == "F1"]
    f3 = {f.field: f for f in res.findings if f.rule == "F3"}
    assert f3["level1_weights.产出"].message == "一级指标“产出”的分值应为其下三级指标分值之和 30 分，表中为 25 分"


def test_a_total_income_typed_in_yuan_is_marked_in_the_report_and_told(tmp_path):
    """总收入 typed 29038592 (元) in the 万元 cell: 校验 warned (F16), but 生成报告 — with every error put right —
    said “已生成” and the 整体绩效自评工作报告 read “全年总收入29038592.00万元”, unmarked, for a county 局 of
    2903.8592 万元. The figure now carries 【待核实】 and the message says which cell, what it should be."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.finalize import document_text

    wb = openpyxl.load_workbook(CLERK)
    ws = wb["部门整体支出绩效自评表"]
    ws.delete_rows(29)                                         # the inserted row gone, the 产出 block whole
    ws["I11"], ws["J29"], ws["J14"] = 5, "社会效益事项有一项未达年初计划值。", "年中追加预算。"
    ws["I20"], ws["I23"], ws["F60"] = 3, 3, 0.93
    path = tmp_path / "只剩元.xlsx"
    wb.save(path)
    from jixiao.checking.run import check_paths

    _batch, res = check_paths([path])
    assert not [f for f in res.findings if f.severity == "error"], [(f.rule, f.cell, f.message) for f in res.findings if f.severity == "error"]
    said = buttons.report(FileHost(str(path)), outdir=str(tmp_path / "报告"), draft=False)
    assert said.startswith("已生成"), said
    assert ("“部门整体支出绩效自评表”工作表 H7：总收入 29038592 万元是总支出 2903.8592 万元的约 10000 倍，像是以元填写"
            "（校验的 F16 警告），报告中这个数旁标【待核实】，请改为 2903.8592 万元后重新生成报告") in said, said
    text = document_text(tmp_path / "报告" / "整体绩效自评工作报告.docx")
    assert "全年总收入29038592.00万元【待核实】" in text, text[:800]
    assert "总支出2903.86万元【待核实】" not in text and "总支出2903.8592万元" in text


def _corrected(tmp_path: Path, **cells) -> Path:
    """The clerk's workbook with every error put right (the inserted row gone), ``cells`` then typed."""
    wb = openpyxl.load_workbook(CLERK)
    ws = wb["部门整体支出绩效自评表"]
    ws.delete_rows(29)
    ws["I11"], ws["J29"], ws["J14"] = 5, "社会效益事项有一项未达年初计划值。", "年中追加预算。"
    ws["I20"], ws["I23"], ws["F60"], ws["H7"] = 3, 3, 0.93, 2903.8592
    for ref, v in cells.items():
        ws[ref] = v
    path = tmp_path / "改正后.xlsx"
    wb.save(path)
    return path


def test_a_year_left_at_last_year_beside_this_years_notice_is_told(tmp_path):
    """年度 left at 2022 on the form (last year's copied), the 设置's 来文 “《关于开展2023年度预算绩效自评工作的
    通知》”, the 设置's 年度 blank: 校验 had nothing to say of a form alone, and 生成报告 said only “已生成” — of a
    letter and a report titled 2022年度 that began “根据《关于开展2023年度……》要求，我单位对2022年度部门整体支出
    开展了绩效自评”. The message now names the 来文's cell and the form's 年度 cell."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost

    said = buttons.report(FileHost(str(_corrected(tmp_path, A2=2022))), outdir=str(tmp_path / "报告"), draft=False)
    assert said.startswith("已生成"), said
    assert ("“改正后.xlsx”的“设置”工作表 B6（来文）写的是2023年度，而“改正后.xlsx”中“部门整体支出绩效自评表”工作表 A2"
            "的年度是2022年度：报送函、报告按自评表写作2022年度，开头引用的来文却是2023年度的，请改正其中之一后重新生成报告") in said, said
    # the year the 来文 names: nothing said
    said = buttons.report(FileHost(str(_corrected(tmp_path))), outdir=str(tmp_path / "报告2"), draft=False)
    assert said.startswith("已生成") and "来文" not in said, said


def test_finalize_does_not_call_a_report_marked_for_a_figure_in_yuan_one_made_with_errors(tmp_path):
    """The report marked 【待核实】 for the 总收入 in 元 alone (no error left): 定稿 kept it out of the mail, rightly,
    but said it was “带错误生成的草稿” of a form 校验 had just called “错误 0 个”."""
    import addin.buttons as buttons
    from jixiao.actions import FileHost
    from jixiao.reports.render import report_folder

    book = _corrected(tmp_path, H7=29038592)
    said = buttons.report(FileHost(str(book)), outdir=str(report_folder(book)), draft=False)
    assert said.startswith("已生成") and "【待核实】" in said, said
    said = buttons.finalize(FileHost(str(book)), outdir=str(tmp_path / "定稿"), confirm=False, email=True)
    assert "“整体绩效自评工作报告”是标有【待核实】的草稿（生成时自评表仍有错误，或有像是以元填写的金额），没有放入邮件草稿" in said, said
    assert "带错误" not in said, said


def test_a_raised_three_level_weight_on_the_evaluation_form_is_told_the_same_way(tmp_path):
    """The 项目支出绩效评价表 (the same clerk, the same round): 产出数量's 分值 raised from 10 to 12, the 一级 and 二级
    项目产出 left at 30. V2 and V3 said “应为其下三级指标分值之和 32 分” — following them made the 一级 add to
    102 — and V1 said 102 without saying where."""
    from jixiao.checking.run import check_paths

    wb = openpyxl.load_workbook(Path(__file__).resolve().parent.parent / "xlsx_templates" / "项目支出绩效评价表.xlsx")
    ws = wb.worksheets[0]
    ws["A2"], ws["D3"], ws["D4"], ws["I4"], ws["D5"] = 2023, "2023年城乡居民医疗救助项目", "某县医疗保障局", "某县医疗保障局", "评价组"
    ws["D6"], ws["H6"], ws["I15"] = 120, 114, 12
    for r in range(8, 21):
        ws[f"J{r}"] = ws[f"I{r}"].value
    path = tmp_path / "评价表.xlsx"
    wb.save(path)
    _batch, res = check_paths([path])
    got = {(f.rule, f.field): f for f in res.findings}
    assert "一级指标“项目产出”30 分，其下三级指标分值之和为 32 分" in got[("V1", "total_weight")].message
    for rule, level in (("V2", "level1"), ("V3", "level2")):
        f = got[(rule, f"{level}_weights.项目产出")]
        assert "应调整其下三级指标的分值，使之合计为 30 分" in f.message, f.message
        assert (f.expected, f.found, f.expected_shown) == (30, 32, "其下三级指标分值合计 30 分"), f
