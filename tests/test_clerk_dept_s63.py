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
