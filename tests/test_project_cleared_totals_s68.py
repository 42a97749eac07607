"""The project form's 总分 row cells cleared by hand (stop 68, as the 部门整体 and 评价 forms' F6/F13, V5/V9).

The 总分 H34, the 总分行的分值 G34 and the 等级 I34 cleared (no formula, no value) read as blank and nothing was said:
a 填报人 who cleared the 总分 formula printed a form with no 总分 and no finding. Now each is an error on its cell
(B2, D7, D13) that says it is empty, what its formula would show and how to fix it; a formula saved without its
result (as ``fill`` writes the workbook) is still computed and not reported."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli import main as cli_main
from jixiao.core.findings import says_blank
from jixiao.sources import load_one

sys.path.insert(0, str(Path(__file__).parent))

CELLS = {"total_weight": "G34", "total_score": "H34", "grade": "I34"}


def _filled(tmp_path: Path) -> Path:
    """The sample form as ``fill`` writes it (our template's formulas, saved without results)."""
    from test_ratio_typed_s65 import SAMPLES

    src = tmp_path / "填好.xlsx"
    assert cli_main(["fill", str(SAMPLES[0]), "-o", str(src)]) == 0
    return src


def _edited(src: Path, dst: Path, **cells: object) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        assert str(ws[ref].value).startswith("="), (ref, ws[ref].value)   # the template's formula, before
        ws[ref].value = value
    wb.save(dst)
    return dst


def _check_json(path: Path, capsys) -> list[dict]:
    capsys.readouterr()
    cli_main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def _at(found: list[dict]) -> dict[str, list[dict]]:
    return {c: [f for f in found if f["cell"] == c] for c in CELLS.values()}


def _whole(src: Path):
    (item,) = load_one(src)[0]
    return item


def test_a_cleared_total_row_cell_is_an_error_on_it(tmp_path, capsys):
    src = _filled(tmp_path)
    form = _whole(src).form   # as the formulas (saved without results) compute it
    assert form.total_score is not None and form.total_weight == 100
    from jixiao.core.grades import grade

    want_grade = grade(form.total_score)
    out = _edited(src, tmp_path / "清空.xlsx", G34=None, H34=None, I34=None)
    at = _at(_check_json(out, capsys))
    assert [(f["rule"], f["severity"], f["expected"]) for f in at["H34"]] == [("D7", "error", form.total_score)], at
    said = at["H34"][0]["message"]
    assert said.startswith("总分未填写：单元格中没有公式，也没有数字"), said
    assert f"请填入 {form.total_score:g}" in said and "从模板复制总分的公式" in said, said
    assert [(f["rule"], f["expected"]) for f in at["G34"]] == [("B2", 100)], at
    assert [(f["rule"], f["expected"]) for f in at["I34"]] == [("D13", want_grade)], at
    assert f"应为“{want_grade}”" in at["I34"][0]["message"] and "没有公式，也没有等级" in at["I34"][0]["message"], at
    # the 校验结果 sheet's, the 清单's and the notice's 表中为 say “空白”
    assert all(says_blank(f["cell"], f["found"], f["message"]) for c in at for f in at[c]), at


def test_a_cleared_exec_score_is_left_out_of_what_the_total_should_be(tmp_path, capsys):
    """执行率得分 H7 cleared too: the 总分 formula would show the sum without it, and the 等级 that sum's."""
    src = _filled(tmp_path)
    form = _whole(src).form
    out = _edited(src, tmp_path / "清空.xlsx", H7=None, H34=None, I34=None)
    at = _at(_check_json(out, capsys))
    without = round(form.total_score - form.exec_score, 6)
    from jixiao.core.grades import grade

    assert [(f["rule"], f["expected"]) for f in at["H34"]] == [("D7", without)], at
    assert [(f["rule"], f["expected"]) for f in at["I34"]] == [("D13", grade(without))], at


def test_only_the_total_cleared_leaves_the_grade_formula_alone(tmp_path, capsys):
    """The 等级 formula still in its cell (showing blank, as ISNUMBER reads the cleared 总分): only the 总分 said."""
    out = _edited(_filled(tmp_path), tmp_path / "清空总分.xlsx", H34=None)
    at = _at(_check_json(out, capsys))
    assert [f["rule"] for f in at["H34"]] == ["D7"] and not at["I34"] and not at["G34"], at


def test_a_grade_typed_over_its_formula_is_not_cleared(tmp_path, capsys):
    out = _edited(_filled(tmp_path), tmp_path / "手写等级.xlsx", I34="优")
    found = _check_json(out, capsys)
    assert not [f for f in found if "未填写" in f["message"] and f["cell"] in CELLS.values()], found


def test_formulas_saved_without_results_are_still_computed(tmp_path, capsys):
    """The form as ``fill`` writes it: its 总分 row's formulas have no results stored, and are computed, not said."""
    src = _filled(tmp_path)
    found = _check_json(src, capsys)
    assert not [f for f in found if "没有公式" in f["message"]], found
    assert not [f for f in found if f["cell"] in ("G34", "I34")], found


@pytest.mark.libreoffice
def test_a_total_cleared_in_libreoffice(tmp_path, capsys):
    """Cleared in a spreadsheet program (LibreOffice, results stored): the 等级 formula's result is blank, the
    总分 an error on its cell; the 分值合计 as LibreOffice computed it."""
    from conftest import need_libreoffice
    from lo_basic import run_basic

    need_libreoffice()
    src = _filled(tmp_path)
    form = _whole(src).form
    out = tmp_path / "清空后.xlsx"
    run_basic(src, out, '  sh.unprotect("")\n  sh.getCellRangeByName("H34").clearContents(1 + 2 + 4 + 16)\n',
              tmp_path / "profile")
    assert openpyxl.load_workbook(out).worksheets[0]["H34"].value is None
    read = _whole(out)
    assert read.form.total_score is None and read.form.total_weight == 100 and read.sheet_form.grade_shown is None
    at = _at(_check_json(out, capsys))
    assert [(f["rule"], f["expected"]) for f in at["H34"]] == [("D7", form.total_score)], at
    assert not at["I34"] and not at["G34"], at
