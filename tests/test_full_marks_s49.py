"""A 得分 written “满分” (stop 49).

Both readers refused the cell (“得分应为数字，现为“满分””), an X1 that leaves the whole form out of the
汇总表 for a word whose number the row states: its 分值. Now it is read as that 分值 with an X2 warning that
asks for the number, and 计算 writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES

from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.forms.project.reader import read_workbook

CORPUS = Path(__file__).resolve().parent / "corpus"


def _book(tmp_path, cells: dict[str, object]) -> Path:
    book = write_forms([parse_form(json.loads(SAMPLES[0].read_text(encoding="utf-8")))], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    for ref, v in cells.items():
        wb.worksheets[0][ref].value = v
        wb.worksheets[0][ref].data_type = "s" if isinstance(v, str) else "n"
    wb.save(tmp_path / "full.xlsx")
    return tmp_path / "full.xlsx"


def _check(capsys, path) -> list[dict]:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("written", ["满分", " 满 分 ", "得满分"])
def test_full_marks_in_words_is_the_weight(tmp_path, capsys, written):
    path = _book(tmp_path, {"H14": written})          # 分值 10 in G14
    [sf] = read_workbook(path).forms
    assert sf.form.indicators[0].score == sf.form.indicators[0].weight == 10
    found = _check(capsys, path)
    assert not [f for f in found if f["rule"] == "X1"]
    [x2] = [f for f in found if f["cell"] == "H14"]
    assert x2["rule"] == "X2" and "已按分值 10 读" in x2["message"] and x2["expected"] == "10"


@pytest.mark.parametrize("cells, unreadable", [({"H14": "满意"}, ["H14"]), ({"H14": "满分", "G14": None}, ["H14"]),
                                               ({"H14": "满分", "G14": "十分"}, ["G14", "H14"])],
                         ids=["another-word", "no-weight", "weight-in-words"])
def test_without_a_weight_to_take_it_stays_unreadable(tmp_path, capsys, cells, unreadable):
    found = _check(capsys, _book(tmp_path, cells))
    assert sorted(f["cell"] for f in found if f["rule"] == "X1") == unreadable


def test_the_label_reader_reads_it_too(tmp_path, capsys):
    wb = openpyxl.load_workbook(CORPUS / "03-shifted-columns.xlsx")
    wb.worksheets[0]["H16"] = "满分"                     # 分值 10 in E16
    wb.save(tmp_path / "c03.xlsx")
    found = _check(capsys, tmp_path / "c03.xlsx")
    assert not [f for f in found if f["rule"] == "X1"]
    assert [(f["rule"], "已按分值 10 读" in f["message"]) for f in found if f["cell"] == "H16"] == [("X2", True)]


def test_calc_writes_the_number(tmp_path, capsys):
    path = _book(tmp_path, {"H14": "满分"})
    assert main(["calc", str(path), "-o", str(tmp_path / "calc.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "calc.xlsx").worksheets[0]["H14"].value == 10
    assert not [f for f in _check(capsys, tmp_path / "calc.xlsx") if f["cell"] == "H14"]


@pytest.mark.parametrize("kind, sample, weight_col, score_col", [
    ("department", "zizhou-2023/department.json", "H", "I"),
    ("evaluation", "fengtai-2023-evaluation/form.json", "I", "J")])
def test_the_table_kinds_read_it_too(tmp_path, capsys, kind, sample, weight_col, score_col):
    filled = tmp_path / "filled.xlsx"
    assert main(["fill", str(Path(__file__).resolve().parents[1] / "jixiao" / "samples" / sample),
                 "-o", str(filled)]) == 0
    wb = openpyxl.load_workbook(filled, data_only=True)
    ws = wb.worksheets[0]
    r = next(r for r in range(1, ws.max_row + 1)   # an indicator scored in full
             if isinstance(ws[f"{score_col}{r}"].value, (int, float)) and ws[f"{score_col}{r}"].value > 0
             and ws[f"{score_col}{r}"].value == ws[f"{weight_col}{r}"].value)
    weight = ws[f"{weight_col}{r}"].value
    ws[f"{score_col}{r}"].value = "满分"
    wb.save(tmp_path / "full.xlsx")
    found = _check(capsys, tmp_path / "full.xlsx")
    assert not [f for f in found if f["rule"] == "X1"]
    assert [(f["rule"], f"已按分值 {weight:g} 读" in f["message"]) for f in found
            if f["cell"] == f"{score_col}{r}"] == [("X2", True)]
