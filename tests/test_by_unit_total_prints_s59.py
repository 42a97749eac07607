"""The 分单位汇总's bold 合计 row prints its figures, not “###”.

QA (s59, the county's 汇总表 rendered by LibreOffice): a county of 6-figure 万元 totals kept to the fen
(592592.5926 + 370370.367369) printed the 合计 of 应评价数 as “###”: the columns were as wide as the widest figure
in the regular font, and the 合计 row is bold (wider digits). Its figures now have the room of the bold font.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import need_libreoffice

from jixiao.cli import main
from jixiao.excel.workbook import write_forms


def _forms(base, unit: str, n: int, annual: float, executed: float, first: int):
    out = []
    for i in range(n):
        f = base.model_copy(deep=True)
        f.project, f.unit = f"大额项目{first + i}", unit
        for row in (f.funds.total, f.funds.fiscal):
            row.initial, row.annual, row.executed = annual, annual, executed
        f.exec_rate = f.exec_score = f.total_score = None
        out.append(f)
    return out


def test_the_by_unit_total_prints_every_figure(tmp_path, sample_forms, capsys):
    need_libreoffice()
    from jixiao.excel.office import convert

    folder = tmp_path / "收到的表"
    folder.mkdir()
    write_forms(_forms(sample_forms[10], "县交通运输局", 6, 98765.4321, 98765.4321, 0), folder / "交通.xlsx")
    write_forms(_forms(sample_forms[10], "县水务局", 3, 123456.789123, 120000.5678, 10), folder / "水务.xlsx")
    book = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(folder), "-o", str(book), "--by", "实施单位"]) == 0
    capsys.readouterr()
    text = subprocess.run(["pdftotext", "-layout", str(convert(book, "pdf", tmp_path)), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "962962.959969" in text and "952594.296" in text, text[:2000]
    assert "###" not in text
