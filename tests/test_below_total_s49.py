"""An indicator typed below the 总分 row (X7, stop 49).

A 填报人 short of indicator rows typed the last one under the 说明. The reader passed it over: its 分值
and 得分 were in no total, and the checks said “应至少有一项满意度指标，表中没有” of a form that showed one.
It is named now, on its row, as not counted.
"""

from __future__ import annotations

import json

import openpyxl
from conftest import SAMPLES

from jixiao.cli import main
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form


def _findings(capsys, path) -> list[dict]:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def test_an_indicator_below_the_total_is_named_not_lost(tmp_path, capsys):
    book = write_forms([parse_form(json.loads(SAMPLES[0].read_text(encoding="utf-8")))], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    ws = wb.worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    last = max(r for r in range(14, total) if ws.cell(r, 4).value)        # the 满意度 row
    assert ws.cell(last, 4).value == "服务对象满意度"
    moved = total + 2                                                      # between 说明 and 落款
    for c in range(2, 10):
        ws.cell(moved, c).value, ws.cell(last, c).value = ws.cell(last, c).value, None
    wb.save(tmp_path / "moved.xlsx")
    found = _findings(capsys, tmp_path / "moved.xlsx")
    x7 = [f for f in found if f["rule"] == "X7"]
    assert [(f["cell"], f["severity"]) for f in x7] == [(f"D{moved}", "error")]
    assert "“服务对象满意度”" in x7[0]["message"] and "分值 10" in x7[0]["message"] \
        and f"第 {moved} 行在总分行下方" in x7[0]["message"]
    # listed first: moving the row is what makes the 分值 sum (B1) and the 满意度指标 (B4) right
    assert found[0]["rule"] == "X7" and {"B1", "B4"} <= {f["rule"] for f in found}


def test_the_return_notice_asks_for_the_move_first(tmp_path, capsys):
    """The 退回修改通知 lists it first under its sheet, before the 分值 sum and 总分 it makes wrong."""
    book = write_forms([parse_form(json.loads(SAMPLES[0].read_text(encoding="utf-8")))], tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(book, data_only=True)
    ws = wb.worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    for c in range(2, 10):
        ws.cell(total + 2, c).value, ws.cell(total - 14, c).value = ws.cell(total - 14, c).value, None
    (tmp_path / "inbox" / "医保局").mkdir(parents=True)
    wb.save(tmp_path / "inbox" / "医保局" / "自评表.xlsx")
    capsys.readouterr()
    main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json"])
    [dept] = json.loads(capsys.readouterr().out)["departments"]
    rules = [it["rule"] for it in dept["to_fix"]]
    assert rules[0] == "X7" and "B1" in rules


def test_no_sample_form_has_a_row_below_its_total(tmp_path, capsys):
    """The 说明, 落款 (labels with a colon, a date) and 注 rows of all 23 samples are no indicator."""
    forms = [parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in SAMPLES]
    book = write_forms(forms, tmp_path / "all.xlsx")
    found = _findings(capsys, book)
    assert len({f["project"] for f in found}) > 20
    assert not [f for f in found if f["rule"] == "X7"]
    wb = openpyxl.load_workbook(book)        # a 填报日期 typed as a number in the 落款 row is no 分值 either
    for ws in wb.worksheets:
        total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
        ws.cell(total + 3, 7).value = 20230301
    wb.save(tmp_path / "dated.xlsx")
    assert not [f for f in _findings(capsys, tmp_path / "dated.xlsx") if f["rule"] == "X7"]


def test_the_label_reader_names_it_too(tmp_path, capsys):
    """Another county's layout (分值 before 指标值, read by its labels): the same row, the same X7."""
    from pathlib import Path

    src = Path(__file__).resolve().parent / "corpus" / "03-shifted-columns.xlsx"
    before = _findings(capsys, src)
    assert not [f for f in before if f["rule"] == "X7"]
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    assert ws["A23"].value == "总分" and ws["D22"].value == "服务对象满意度"
    for c in range(2, 10):
        ws.cell(25, c).value, ws.cell(22, c).value = ws.cell(22, c).value, None
    wb.save(tmp_path / "moved.xlsx")
    x7 = [f for f in _findings(capsys, tmp_path / "moved.xlsx") if f["rule"] == "X7"]
    assert [(f["cell"], f["severity"]) for f in x7] == [("D25", "error")]
    assert "第 25 行在总分行下方" in x7[0]["message"] and "分值 10" in x7[0]["message"]
