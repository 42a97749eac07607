"""The 定稿 speaks as the 报送函 does when the 设置 names no 单位 (stop 60).

A 主管部门 sending three projects of three 实施单位 (its 下属单位) with no 单位 in the 设置: the 报送函
spoke as the 主管部门 (``reports.context.speaker``), while 定稿 counted only 实施单位, found three and
named the file, its properties and the mail after the workbook: “计算后-2024-项目支出绩效自评表.xlsx”,
the finance bureau could not tell whose it was. Now both ask ``speaker``.
"""

from __future__ import annotations

import json

import openpyxl

from conftest import SAMPLES
from jixiao.cli import main as cli_main


def _three_units(tmp_path):
    """Three projects of three 实施单位 under one 主管部门 (县交通运输局), as three JSON forms."""
    paths = []
    for k, (p, unit) in enumerate(zip(SAMPLES[:3], ("县交通运输局", "县公路养护中心", "县农村公路管理站"))):
        data = json.loads(p.read_text(encoding="utf-8"))
        data["authority"], data["unit"] = "县交通运输局", unit
        data["project"] = f"{data['project']}{k}"
        paths.append(tmp_path / f"{k}.json")
        paths[-1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return paths


def test_three_units_under_one_department_name_the_final_copy_after_the_department(tmp_path):
    paths = _three_units(tmp_path)
    book = tmp_path / "计算后.xlsx"
    assert cli_main(["fill", *map(str, paths), "-o", str(book)]) == 0
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--email"]) in (0, 1)
    names = sorted(p.name for p in (tmp_path / "定稿").iterdir())
    year = json.loads(SAMPLES[0].read_text(encoding="utf-8"))["year"]
    assert f"县交通运输局-{year}-项目支出绩效自评表.xlsx" in names, names
    assert not [n for n in names if n.startswith("计算后")], names
    wb = openpyxl.load_workbook(tmp_path / "定稿" / f"县交通运输局-{year}-项目支出绩效自评表.xlsx")
    assert wb.properties.creator == "县交通运输局"


def test_the_summary_names_the_department_of_three_units(tmp_path):
    """The 汇总表's “填报部门：” was blank for the same workbook (only one 实施单位 was named there)."""
    paths = _three_units(tmp_path)
    assert cli_main(["summarize", *map(str, paths), "-o", str(tmp_path / "汇总.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总表"]["A2"].value == "填报部门：县交通运输局"
