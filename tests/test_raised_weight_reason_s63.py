"""Session 63: a 三级指标's 分值 raised over what its 一级 allows (12 where the 一级 leaves 10), its 得分 still the
old 10. V2/V3 (F3/F4 on the 部门整体 form) rightly said to lower the 三级 分值 to what the 一级 allows — and V7
(F8) on the same row said “得分 10，低于分值 12，扣了 2，应在“扣分原因”中写明原因”: two instructions for one
row, the second asking the 填报人 to explain a deduction no one made. While the 分值 itself is what is wrong, no
扣分原因 is asked for against it (``checking.rules.table.raised_rows``); a real deduction beside it still is."""

from __future__ import annotations

from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def _found(path: Path) -> dict[tuple[str, str], object]:
    from jixiao.checking.run import check_paths

    _batch, res = check_paths([path])
    return {(f.rule, f.cell): f for f in res.findings}


def _evaluation(tmp_path: Path, **cells) -> Path:
    wb = openpyxl.load_workbook(HERE.parent / "xlsx_templates" / "项目支出绩效评价表.xlsx")
    ws = wb.worksheets[0]
    ws["A2"], ws["D3"], ws["D4"], ws["I4"], ws["D5"] = 2023, "2023年城乡居民医疗救助项目", "某县医疗保障局", "某县医疗保障局", "评价组"
    ws["D6"], ws["H6"] = 120, 114
    for r in range(8, 21):
        ws[f"J{r}"] = ws[f"I{r}"].value
    for ref, v in cells.items():
        ws[ref] = v
    path = tmp_path / "评价表.xlsx"
    wb.save(path)
    return path


def test_a_raised_weight_on_the_evaluation_form_is_not_asked_a_deduction_reason(tmp_path):
    """产出数量's 分值 raised from 10 to 12 (I15), its 得分 left at 10 (J15)."""
    got = _found(_evaluation(tmp_path, I15=12, J15=10))
    assert any(r == "V2" for r, _c in got), sorted(got)
    assert ("V7", "K15") not in got, got.get(("V7", "K15"))
    # a deduction of another size in the same 一级 is a deduction: still asked
    got = _found(_evaluation(tmp_path, I15=12, J15=10, J16=4))
    assert ("V7", "K16") in got and ("V7", "K15") not in got, sorted(got)
    # the 分值 right and 2 deducted: asked, as before
    got = _found(_evaluation(tmp_path, J15=8))
    assert ("V7", "K15") in got and not any(r == "V2" for r, _c in got), sorted(got)


def _department(tmp_path: Path, **cells) -> Path:
    """The clerk's 部门整体 workbook with every error put right, ``cells`` then typed (test_clerk_dept_s63's)."""
    from test_clerk_dept_s63 import _corrected

    return _corrected(tmp_path, **cells)


def test_a_raised_weight_on_the_department_form_is_not_asked_a_deduction_reason(tmp_path):
    """实际完成率's 分值 raised from 10 to 12 (H26), its 得分 left at 10 (I26)."""
    got = _found(_department(tmp_path, H26=12))
    assert any(r == "F3" for r, _c in got), sorted(got)
    assert ("F8", "J26") not in got, got.get(("F8", "J26"))
    got = _found(_department(tmp_path, I26=8))
    assert ("F8", "J26") in got and not any(r == "F3" for r, _c in got), sorted(got)


def test_a_real_deduction_of_the_excess_elsewhere_in_the_first_level_is_still_asked(tmp_path):
    """Session 64. 决策程序's 分值 raised from 5 to 7 (I10), its 得分 left at 5; 目标内容 in the same 一级 项目决策 scored
    8 of 10 (J8) with no 扣分原因 — a real deduction, of just the excess of 2. V7 said nothing of K8: every row of
    the 一级 short by the excess was taken for the raised one, and the 填报人 learned of the missing reason only
    after lowering the 分值 (a bureau's second 退回). The 二级 tells them apart: 决策过程 (10) is the one whose 三级
    add up to 12."""
    got = _found(_evaluation(tmp_path, I10=7, J10=5, J8=8))
    assert ("V7", "K8") in got and ("V7", "K10") not in got, sorted(got)
    # two rows short by the excess in the 二级 that is over: which one was raised cannot be told — both asked
    got = _found(_evaluation(tmp_path, I10=7, J10=5, J9=3))
    assert ("V7", "K9") in got and ("V7", "K10") in got, sorted(got)


def test_the_weight_finding_names_the_raised_row_and_what_a_real_deduction_asks(tmp_path):
    """Session 64. V2/V3 told to adjust the 三级 of 项目产出 without saying which, and V7 said nothing of the row
    short by the excess: a 填报人 whose 2 分 there was a real deduction was not told that lowering the 分值 leaves
    a 得分 to correct and a 扣分原因 to write. The finding now names the row and says both."""
    got = _found(_evaluation(tmp_path, I15=12, J15=10))
    message = got[("V3", "E15")].message   # said in full once, on the 二级 holding the row (V2 points there)
    assert "其中“产出数量”的分值 12 分、得分 10 分" in message, message
    assert "如确有扣分，调低分值后请相应改正得分并写明扣分原因" in message, message
    assert "“产出数量”" in got[("V2", "B15")].message, got[("V2", "B15")].message
    # where the row cannot be told (two rows short by the excess), none is named
    got = _found(_evaluation(tmp_path, I10=7, J10=5, J9=3))
    assert "其中" not in got[("V2", "B8")].message, got[("V2", "B8")].message
