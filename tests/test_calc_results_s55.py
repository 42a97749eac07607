"""计算's copy stores the results of the formulas on the sheets it changed (stop 55).

openpyxl writes formulas without results, and the copy dropped the stored ones of every sheet 计算 wrote a
score on (they no longer held): a viewer that does not calculate — a phone, a mail preview, a fast reader —
showed 总分 and 等级 blank on exactly the forms 计算 had completed. Now the template's computed cells of those
sheets carry what Excel computes on opening (the formulas' Python twins), and LibreOffice computes the same."""

from __future__ import annotations

import json

import openpyxl
import pytest
import python_calamine as pc

from conftest import need_libreoffice
from jixiao.actions import FileHost, calc
from jixiao.core.profiles import get_profile
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form

def _blank_scores(sample_json, tmp_path, n=2):
    forms = []
    for data in sample_json[:n]:
        data = json.loads(json.dumps(data))
        for ind in data["indicators"]:
            ind["score"] = None
        data["total_score"] = None     # the formula's' (the sample states its published ones)
        forms.append(parse_form(data))
    return write_forms(forms, tmp_path / "blank.xlsx")


def _values(path, sheet):
    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _total_row(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return next(r for r in range(1, ws.max_row + 1) if ws[f"H{r}"].data_type == "f" and r > 7
                and "SUM(H7" in str(ws[f"H{r}"].value))


def _calc(src, out, profile=None):
    host = FileHost(str(src), str(out))
    done = calc(host, profile)
    host.save()
    return done


def test_the_changed_sheets_show_their_total_and_grade(sample_json, tmp_path):
    src = _blank_scores(sample_json, tmp_path)
    out = tmp_path / "计算.xlsx"
    done = _calc(src, out)
    assert done.filled > 0
    for sheet in openpyxl.load_workbook(out).sheetnames[:2]:
        t = _total_row(out, sheet)
        rows = _values(out, sheet)
        total, grade = rows[t - 1][7], rows[t - 1][8]
        assert isinstance(total, float) and grade in ("优", "良", "中", "差")   # blank before: no result stored
        scores = [r[7] for r in rows[13:t - 1] if isinstance(r[7], (int, float))]
        assert total == pytest.approx(rows[6][7] + sum(scores))              # 执行率得分 + the scores 计算 put in
        assert grade == ("优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差")
        assert rows[t - 1][6] == pytest.approx(100) and isinstance(rows[6][6], float)


def test_the_profile_bands_grade_the_stored_result(sample_json, tmp_path):
    src = _blank_scores(sample_json, tmp_path, 1)
    out = tmp_path / "计算.xlsx"
    _calc(src, out, get_profile("财预〔2020〕10号+优≥80"))
    sheet = openpyxl.load_workbook(out).sheetnames[0]
    t = _total_row(out, sheet)
    rows = _values(out, sheet)
    total, grade = rows[t - 1][7], rows[t - 1][8]
    assert grade == ("优" if total >= 80 else "良" if total >= 70 else "中" if total >= 60 else "差")


def test_a_number_typed_over_a_formula_stands(sample_json, tmp_path):
    src = _blank_scores(sample_json, tmp_path, 1)
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    t = _total_row(src, ws.title)
    ws[f"H{t}"] = 88            # typed over the 总分 formula: the 等级 formula reads 88, as in Excel
    wb.save(tmp_path / "typed.xlsx")
    out = tmp_path / "计算.xlsx"
    _calc(tmp_path / "typed.xlsx", out)
    rows = _values(out, ws.title)
    assert (rows[t - 1][7], rows[t - 1][8]) == (88, "良")


def test_a_cleared_formula_cell_is_summed_as_the_opening_program_sums_it(sample_json, tmp_path):
    # the 执行率得分 cleared: the 总分 formula sums a blank, the twins would not, so the sheet was left without a
    # result; since stop 59 the formulas the twins cannot answer are recalculated (``excel.recalc``), SUM skipping
    # the blank as Excel's does (``test_calc_keeps_results_s59`` checks such copies against LibreOffice)
    src = _blank_scores(sample_json, tmp_path, 1)
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    t = _total_row(src, ws.title)
    ws["H7"] = None
    wb.save(tmp_path / "cleared.xlsx")
    out = tmp_path / "计算.xlsx"
    _calc(tmp_path / "cleared.xlsx", out)
    rows = _values(out, ws.title)
    scores = [r[7] for r in rows[13:t - 1] if isinstance(r[7], (int, float))]
    total = rows[t - 1][7]
    assert rows[6][7] in ("", None) and total == pytest.approx(sum(scores))
    assert rows[t - 1][8] == ("优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差")


@pytest.mark.libreoffice
def test_libreoffice_computes_the_stored_results(sample_json, tmp_path):
    from jixiao.excel.office import convert

    need_libreoffice()
    src = _blank_scores(sample_json, tmp_path)
    out = tmp_path / "计算.xlsx"
    _calc(src, out)
    again = convert(out, "xlsx", tmp_path / "lo")
    for sheet in openpyxl.load_workbook(out).sheetnames[:2]:
        t = _total_row(out, sheet)
        stored, computed = _values(out, sheet), _values(again, sheet)
        for r, c in ((6, 6), (6, 7), (t - 1, 6), (t - 1, 7), (t - 1, 8)):
            assert stored[r][c] == pytest.approx(computed[r][c]), (sheet, r, c)


def test_summarize_keeps_a_regraded_forms_results(sample_json, tmp_path):
    # 汇总 into a copy of the forms' workbook rewrites their 等级 formulas to the scheme's bands (优≥80): those
    # sheets kept no result, and a viewer saw 总分 and 等级 blank on every form of the workbook
    from jixiao.cli import main

    forms = [parse_form(d) for d in sample_json[:2]]
    src = write_forms(forms, tmp_path / "表.xlsx", scheme="财预〔2020〕10号+优≥80")
    before = {s: _values(src, s) for s in openpyxl.load_workbook(src).sheetnames[:2]}
    out = tmp_path / "汇总.xlsx"
    assert main(["summarize", str(src), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    for sheet, rows in before.items():
        t = _total_row(out, sheet)
        assert "80" in str(wb[sheet][f"I{t}"].value)                       # the 等级 formula was rewritten
        after = _values(out, sheet)
        total = after[t - 1][7]
        assert total == pytest.approx(rows[t - 1][7])
        assert after[t - 1][8] == ("优" if total >= 80 else "良" if total >= 70 else "中" if total >= 60 else "差")


def test_a_regraded_sheet_keeps_its_other_results(tmp_path):
    # 计算 under “优≥80” rewrites the 部门整体 form's 等级 formula: its sheet kept no result at all (every 得分 and the
    # 总分 blank in a viewer that does not calculate); now it keeps them, and its 等级 shows the new bands' 优
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from test_dept_grade_bands import PROJECT, _dept_sheet, dept85, total_row
    from jixiao.cli import main

    src = tmp_path / "dept.json"
    src.write_text(json.dumps(dept85(None), ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "填好.xlsx"
    assert main(["fill", str(src), str(PROJECT), "-o", str(book)]) == 0
    sheet = _dept_sheet(openpyxl.load_workbook(book)).title
    before = _values(book, sheet)
    out = tmp_path / "计算.xlsx"
    _calc(book, out, get_profile("财预〔2020〕10号+优≥80"))
    assert "80" in openpyxl.load_workbook(out)[sheet][f"J{total_row()}"].value       # the formula was rewritten
    after = _values(out, sheet)
    t = total_row() - 1
    assert (before[t][8], before[t][9]) == (85, "良") and (after[t][8], after[t][9]) == (85, "优")
    scores = [r[8] for r in before[:t] if isinstance(r[8], (int, float))]
    assert len(scores) > 5 and [r[8] for r in after[:t] if isinstance(r[8], (int, float))] == scores
