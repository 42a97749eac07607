"""An indicator typed under the 总分 of a 部门整体 form or the 总计 of a 评价 form (X7, stop 50).

Stop 49 named such a row on project forms only. The 部门整体 and 评价 readers read the indicators down
to the total row and passed a row typed under it over without a word: its 分值 and 得分 in no sum.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from openpyxl.worksheet.cell_range import CellRange

from dept_helpers import clean_json
from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.evaluation.model import parse_eval_form

FENGTAI = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "fengtai-2023-evaluation" / "form.json"


def _findings(capsys, path: Path) -> list[dict]:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def _with_row_below(book: Path, label: str, values: dict[str, object], out: Path) -> int:
    """``book`` (values only) with a row inserted under the ``label`` row and ``values`` typed in it, as a
    填报人 does in Excel (the merged cells below move down with their rows). Returns the new row."""
    wb = openpyxl.load_workbook(book, data_only=True)
    ws = wb.worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
    below = [CellRange(str(m)) for m in ws.merged_cells.ranges if m.min_row > total]
    for m in below:
        ws.unmerge_cells(m.coord)
    ws.insert_rows(total + 1)
    for m in below:
        m.shift(row_shift=1)
        ws.merge_cells(m.coord)
    for col, v in values.items():
        ws[f"{col}{total + 1}"] = v
    wb.save(out)
    return total + 1


def test_a_department_form_names_an_indicator_under_its_total(tmp_path, capsys):
    book = write_forms([parse_dept_form(clean_json())], tmp_path / "dept.xlsx")
    assert not [f for f in _findings(capsys, book) if f["rule"] == "X7"]
    row = _with_row_below(book, "总分", {"E": "政策知晓率", "F": "知晓率≥90%，计5分", "H": 5, "I": 5},
                          tmp_path / "added.xlsx")
    found = _findings(capsys, tmp_path / "added.xlsx")
    x7 = [f for f in found if f["rule"] == "X7"]
    assert [(f["cell"], f["severity"]) for f in x7] == [(f"E{row}", "error")]
    assert f"第 {row} 行在总分行下方" in x7[0]["message"] and "“政策知晓率”" in x7[0]["message"] \
        and "分值 5" in x7[0]["message"] and "得分 5" in x7[0]["message"]
    assert found[0]["rule"] == "X7"
    # the 评价小组 below is read as before: the row moved nothing else
    assert not [f for f in found if f["rule"] in ("X1", "X2")]


def test_a_level_word_of_the_form_itself_marks_the_row(tmp_path, capsys):
    """No 分值 typed yet, but the row names one of the form's own levels (“效果”/“履职效益”)."""
    book = write_forms([parse_dept_form(clean_json())], tmp_path / "dept.xlsx")
    row = _with_row_below(book, "总分", {"A": "效果", "C": "履职效益", "E": "政策知晓率"}, tmp_path / "added.xlsx")
    x7 = [f for f in _findings(capsys, tmp_path / "added.xlsx") if f["rule"] == "X7"]
    assert [f["cell"] for f in x7] == [f"E{row}"]


def test_a_note_under_the_total_is_no_indicator(tmp_path, capsys):
    book = write_forms([parse_dept_form(clean_json())], tmp_path / "dept.xlsx")
    _with_row_below(book, "总分", {"A": "注：得分保留两位小数", "H": 100}, tmp_path / "noted.xlsx")
    assert not [f for f in _findings(capsys, tmp_path / "noted.xlsx") if f["rule"] == "X7"]


def test_an_evaluation_form_names_it_under_its_zongji(tmp_path, capsys):
    book = write_forms([parse_eval_form(json.loads(FENGTAI.read_text(encoding="utf-8")))], tmp_path / "eval.xlsx")
    assert not [f for f in _findings(capsys, book) if f["rule"] == "X7"]
    row = _with_row_below(book, "总计", {"G": "资金到位率", "I": 4, "J": 3.5}, tmp_path / "added.xlsx")
    found = _findings(capsys, tmp_path / "added.xlsx")
    x7 = [f for f in found if f["rule"] == "X7"]
    assert [(f["cell"], f["severity"]) for f in x7] == [(f"G{row}", "error")]
    assert f"第 {row} 行在总计行下方" in x7[0]["message"] and "未计入分值合计和总计" in x7[0]["message"] \
        and "分值 4" in x7[0]["message"] and "得分 3.5" in x7[0]["message"]
    # 存在的问题 and 有关建议 still read from their moved rows
    assert not [f for f in found if f["rule"] in ("X1", "X2")]
