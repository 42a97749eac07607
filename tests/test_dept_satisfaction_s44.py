"""F16 on the 部门整体 form's 满意度 typed as 90 instead of 90%: the message said “像是把 93% 写成了 93”,
the hint's example, not the figure in the cell."""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES
from jixiao.cli import main as cli_main


def _f16(tmp_path, capsys, value) -> list[str]:
    book = tmp_path / "dept.xlsx"
    src = SAMPLES[0].parents[1] / "zizhou-2023" / "department.json"
    assert cli_main(["fill", str(src), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    (row,) = [r for r in range(1, ws.max_row + 1) if ws[f"A{r}"].value == "社会公众或服务对象满意度（%）"]
    ws[f"F{row}"] = value
    wb.save(book)
    capsys.readouterr()
    cli_main(["check", str(book), "--json"])
    return [f["message"] for f in json.loads(capsys.readouterr().out) if f["rule"] == "F16" and f["cell"] == f"F{row}"]


def test_the_figure_in_the_cell_is_the_one_named(tmp_path, capsys):
    (said,) = _f16(tmp_path, capsys, 90)
    assert said.endswith("表中为 90，像是把 90% 写成了 90（已按 90% 计分），请写作 90%"), said
    (said,) = _f16(tmp_path, capsys, 150)
    assert said.endswith("表中为 150") and "像是" not in said, said
