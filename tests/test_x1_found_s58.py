"""An X1 finding on a cell says what the cell holds as read (``found``) and what to write there (``expected``).

outputs.md: a finding's ``found`` is “what the cell holds as read”, its ``expected`` “a value or a concrete
instruction, never empty”. A cell that kept its form from being read (全年预算数 “约一百万”, a 项目名称 of only a
full-width space) gave ``found: null`` and ``expected: null``: a bureau's script listing findings showed a blank
beside “应为数字”. The ``CellError`` carries both from the grid that read the cell; the finding takes them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl

from jixiao.cli import main
from review_fixture import run_cli

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "xlsx_templates"
CORPUS = ROOT / "tests" / "corpus"
SAMPLE_DIR = ROOT / "jixiao" / "samples"


def _x1(path: Path) -> dict[str, dict]:
    """The X1 findings of ``check --json`` by cell."""
    _code, out = run_cli("check", str(path), "--json")
    return {f["cell"]: f for f in json.loads(out) if f["rule"] == "X1"}


def test_a_project_form_of_the_template(tmp_path, sample_forms):
    from jixiao.excel.workbook import write_forms

    book = write_forms(sample_forms[:1], tmp_path / "表.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["B3"] = "\u3000"          # 项目名称: only a full-width space
    ws["D7"] = "约一百万"         # 全年预算数
    ws["A2"] = "（某年度）"         # no year in it
    wb.save(book)
    x1 = _x1(book)
    assert sorted(x1) == ["A2", "B3", "D7"], x1
    assert x1["B3"]["found"] == "\u3000" and x1["B3"]["expected"] == "批复的项目名称"
    assert x1["D7"]["found"] == "约一百万" and x1["D7"]["expected"] == "数字（单位：万元）"
    assert x1["A2"]["found"] == "（某年度）" and x1["A2"]["expected"] == "预算年度（如 2022）"


def test_the_blank_template(tmp_path):
    """The blank template: 项目名称 is empty — found null (“null where it is blank”); its 年度 cell holds the
    template's “（    年度）” as it is. Each says what to write."""
    x1 = _x1(TEMPLATES / "项目支出绩效自评表.xlsx")
    assert sorted(x1) == ["A2", "B3"]
    assert x1["B3"]["found"] is None and x1["A2"]["found"] == "（    年度）"
    assert all(f["expected"] for f in x1.values())


def test_another_countys_layout(tmp_path):
    """The label-anchored reader (``reading.block``) carries them too."""
    cells = json.loads((CORPUS / "01-merged-levels.cells.json").read_text(encoding="utf-8"))[0]
    book = tmp_path / "他处版式.xlsx"
    shutil.copy(CORPUS / "01-merged-levels.xlsx", book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    score = cells["indicators[1].score"]
    ws[score] = "九分"
    wb.save(book)
    x1 = _x1(book)
    assert x1[score]["found"] == "九分" and x1[score]["expected"] == "数字（单位：分）"


def test_the_other_kinds(tmp_path, capsys):
    """A 部门整体 form's 部门（单位） of a space and a number cell of text; a 评价表's blank 项目名称."""
    whole, evaluation = tmp_path / "部门整体.xlsx", tmp_path / "评价表.xlsx"
    assert main(["fill", "-o", str(whole), str(SAMPLE_DIR / "zizhou-2023" / "department.json")]) == 0
    assert main(["fill", "-o", str(evaluation), str(SAMPLE_DIR / "fengtai-2023-evaluation" / "form.json")]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(whole)
    ws = wb.worksheets[0]
    ws["E3"] = " "
    number = next(f"F{r}" for r in range(5, ws.max_row) if isinstance(ws[f"F{r}"].value, (int, float)))
    ws[number] = "二十"
    wb.save(whole)
    x1 = _x1(whole)
    assert x1["E3"]["found"] == " " and x1["E3"]["expected"] == "部门（单位）全称"
    assert x1[number]["found"] == "二十" and x1[number]["expected"].startswith("数字")
    wb = openpyxl.load_workbook(evaluation)
    wb.worksheets[0]["D3"] = None
    wb.save(evaluation)
    x1 = _x1(evaluation)
    assert x1["D3"]["found"] is None and x1["D3"]["expected"] == "批复的项目名称"


def test_a_file_that_cannot_be_opened_has_neither(tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a workbook at all" * 10)
    (f,) = _x1(bad).values()
    assert f["cell"] is None and f["found"] is None and f["expected"] is None
