"""“100%” typed as text over the 执行率 formula (G7): the 执行率得分 formula beside it
(IF(ISNUMBER(G7) …)) stays blank, and 校验 said only “执行率得分未填写” at H7 — a note that the template
formula will compute it — without naming G7, the cell that keeps it from computing."""

from __future__ import annotations

import json

import openpyxl

from jixiao.cli import REPO_TEMPLATES, main
from jixiao.excel.workbook import write_forms
from review_fixture import form


def test_a_blank_score_names_the_rate_cell_written_as_text(tmp_path, capsys):
    book = tmp_path / "表.xlsx"
    f = form(1, "县民政局")
    write_forms([f], book)
    formula = openpyxl.load_workbook(REPO_TEMPLATES / "项目支出绩效自评表.xlsx").worksheets[0]["H7"].value
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["G7"], ws["H7"] = "100%", formula       # text over the rate; the score left to the template's formula
    ws["G7"].data_type = "s"
    wb.save(book)
    capsys.readouterr()
    main(["check", str(book), "--json"])
    found = [x for x in json.loads(capsys.readouterr().out) if x["cell"] == "H7"]
    assert len(found) == 1, found
    (h7,) = found
    assert h7["severity"] == "error" and "G7" in h7["message"] and "“100%”是文字" in h7["message"], h7
    assert h7["message"].startswith("执行率得分未填写，应为 ")
