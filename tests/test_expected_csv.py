"""The 应报项目清单 (--expected) as a .csv, as budget systems export it: read like the workbook.

Before: “项目清单无法打开（文件格式错误或已损坏）” — a CSV is neither damaged nor a workbook.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli import main
from jixiao.review.expected import read_expected


def _list(tmp_path: Path) -> tuple[Path, list[list]]:
    rows = [["2022年度项目支出预算批复清单"], ["序号", "主管部门", "实施单位", "项目名称", "年度"],
            [1, "县人民政府", "县民政局", "城乡低保资金", 2022], [2, "县人民政府", "县民政局", "养老服务补贴", 2022],
            [3, "县人民政府", "县水务局", "河道 清淤", 2022], [4, "县人民政府", "县水务局", "往年项目", 2021], ["", "", "", "", ""]]
    book = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(book)
    return book, rows


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_a_csv_list_reads_as_the_workbook_does(tmp_path, encoding):
    book, rows = _list(tmp_path)
    listed = tmp_path / f"清单-{encoding}.csv"
    with open(listed, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    for by in ("实施单位", "主管部门"):
        a, b = read_expected(book, by, 2022), read_expected(listed, by, 2022)
        assert (a.projects, a.names) == (b.projects, b.names) and b.projects
    assert read_expected(listed, year=2022).due("县水务局") == {"河道清淤": "河道 清淤"}


def test_a_csv_list_without_a_unit_column_names_the_row_not_a_sheet(tmp_path, capsys):
    listed = tmp_path / "清单.csv"
    listed.write_text("项目名称,金额\n城乡低保资金,10\n", encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--expected", str(listed)]) == 2
    err = capsys.readouterr().err
    assert f"{listed}：第 1 行有“项目名称”，但没有“实施单位”或“主管部门”列" in err and "工作表“”" not in err
    listed.write_text("项目名称,实施单位\n城乡低保资金,\n", encoding="utf-8")
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--expected", str(listed)]) == 2
    assert f"{listed}：B2 单元格：项目“城乡低保资金”没有填写单位" in capsys.readouterr().err


def test_a_file_named_csv_that_is_no_text(tmp_path, capsys):
    listed = tmp_path / "清单.csv"
    listed.write_bytes(b"\x80\x81\xff" * 10)
    (tmp_path / "inbox").mkdir()
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--expected", str(listed)]) == 2
    err = capsys.readouterr().err
    assert "清单.csv" in err and "Traceback" not in err and "内部错误" not in err


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_department_merged_down_over_its_projects_names_each_of_them(tmp_path, fmt):
    """Most lists typed by hand merge a department's name over its rows. Before: “B3 单元格：项目
    “养老服务补贴”没有填写单位”, and the review did not start."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in (["项目名称", "实施单位", "主管部门"], ["城乡低保资金", "县民政局", "县人民政府"], ["养老服务补贴", None, None],
              ["殡葬改革", None, None], ["河道清淤", "县水务局", "县人民政府"], ["水资源费", None, None]):
        ws.append(r)
    ws.merge_cells("B2:B4")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C2:C6")
    book = tmp_path / "清单.xlsx"
    wb.save(book)
    if fmt == "xls":
        from conftest import need_libreoffice
        from jixiao.excel.office import convert

        need_libreoffice()
        book = convert(book, "xls", tmp_path / "xls")
    exp = read_expected(book)
    assert {d: sorted(p.values()) for d, p in exp.projects.items()} == {
        "县民政局": ["养老服务补贴", "城乡低保资金", "殡葬改革"], "县水务局": ["水资源费", "河道清淤"]}
    by_head = read_expected(book, by="主管部门")
    assert list(by_head.projects) == ["县人民政府"] and len(by_head.projects["县人民政府"]) == 5
    # a row truly left blank is still named
    ws.unmerge_cells("B5:B6")
    wb.save(tmp_path / "缺.xlsx")
    with pytest.raises(Exception, match="B6 单元格：项目“水资源费”没有填写单位"):
        read_expected(tmp_path / "缺.xlsx")


def test_the_lists_total_rows_are_no_projects(tmp_path):
    """A 合计 row under the projects (budget lists have one; 小计 under each department). Before:
    “C4 单元格：项目“合计”没有填写单位”, and the review did not start."""
    wb = openpyxl.Workbook()
    for r in (["序号", "项目名称", "实施单位", "预算金额（万元）"], [1, "城乡低保资金", "县民政局", 100],
              [None, "小计：县民政局", None, 100], [2, "河道清淤", "县水务局", 50], [None, "合  计", None, 150],
              [3, "合计算机房改造", None, 9]):
        wb.active.append(r)
    wb.save(tmp_path / "清单.xlsx")
    with pytest.raises(Exception, match="C6 单元格：项目“合计算机房改造”没有填写单位"):  # a project, not a total
        read_expected(tmp_path / "清单.xlsx")
    wb.active.delete_rows(6)
    wb.save(tmp_path / "清单.xlsx")
    exp = read_expected(tmp_path / "清单.xlsx")
    assert {d: list(p.values()) for d, p in exp.projects.items()} == {"县民政局": ["城乡低保资金"], "县水务局": ["河道清淤"]}


def test_column_heads_with_what_lists_add_to_them(tmp_path):
    """“项目名称（全称）”, “*实施单位”, “联系邮箱(必填)”: before, “没有找到“项目名称”表头”."""
    wb = openpyxl.Workbook()
    for r in (["序号", "项目名称（全称）", "*实施单位", "联系邮箱(必填)"], [1, "城乡低保资金", "县民政局", "mz@example.cn"]):
        wb.active.append(r)
    wb.save(tmp_path / "清单.xlsx")
    exp = read_expected(tmp_path / "清单.xlsx")
    assert exp.projects == {"县民政局": {"城乡低保资金": "城乡低保资金"}} and exp.addresses("县民政局") == ["mz@example.cn"]
