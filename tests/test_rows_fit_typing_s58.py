"""Text a 填报人 types into an indicator row, in the program itself, prints whole (filler QA, s58).

The blank templates set every indicator row to 22–24 pt with ``customHeight``; Excel, WPS and
LibreOffice keep a custom height, so a 偏差原因 typed over two lines (Alt+Enter), a long 三级指标,
even the dropdown's own “服务对象满意度指标” (9 characters in the 14-unit 二级指标 column) printed as
one line cut from both. The add-in grows such rows in Excel; LibreOffice and WPS have no add-in.
The indicator rows now carry their height without ``customHeight``: they open as tall as before
and the program sizes them to what is typed. Here LibreOffice types into the template through its
own API (a Basic macro: ``setString``, as the cell's input line does) and saves the workbook.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import need_libreoffice
from lo_basic import run_basic

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "xlsx_templates"
# template -> (its indicator rows, the cells typed: two lines of 偏差原因/扣分原因, the longest 二级指标)
TYPED = {
    "项目支出绩效自评表.xlsx": (range(14, 34), {"I16": "个别乡镇资金拨付滞后。\n下一步加强督导，确保按时拨付。",
                                           "C20": "服务对象满意度指标"}),
    "项目支出绩效评价表.xlsx": (range(8, 21), {"K10": "决策程序不完整，缺少专家论证。\n下一步完善论证程序。"}),
    # session 59: the 部门整体 form's rows were left custom — a 社会效益 扣分原因 of seven lines typed into
    # the template printed two of them, cut from both ends
    "部门整体支出绩效自评表.xlsx": (range(11, 31), {"J29": "计划完成12个乡镇卫生院标准化建设，实际完成10个，"
                                              "其余2个因施工单位变更、征地手续办理延迟，工程进度滞后，"
                                              "预计2024年6月底前完成；下一步将加强项目调度，按月通报进度。"}),
}


def _row_attrs(book: Path, sheet_part: str = "xl/worksheets/sheet1.xml") -> dict[int, str]:
    with zipfile.ZipFile(book) as z:
        xml = z.read(sheet_part).decode("utf-8")
    return {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}


@pytest.mark.parametrize("name", [*TYPED, "项目支出绩效自评表.xlsm"])
def test_indicator_rows_have_a_height_the_program_may_fit(name):
    rows = TYPED[name.replace(".xlsm", ".xlsx")][0]
    attrs = _row_attrs(TEMPLATES / name)
    for r in rows:
        assert 'ht="' in attrs[r] and "customHeight" not in attrs[r], (name, attrs[r])
    assert "customHeight" in attrs[rows.start - 1]  # the header row above keeps its set height


def test_a_filled_form_keeps_its_measured_heights_and_may_fit_them(tmp_path):
    """``fill`` measures each indicator row for its text; a 填报人 who types into the filled form
    afterwards (a prefilled 自评表 from 绩效目标表) gets the same fitting rows."""
    from conftest import SAMPLES
    from jixiao.cli import main

    out = tmp_path / "form.xlsx"
    assert main(["fill", str(SAMPLES[0]), "-o", str(out)]) == 0
    attrs = _row_attrs(out)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.row_dimensions[14].height >= 22
    assert "customHeight" not in attrs[14] and 'ht="' in attrs[14]


def _basic_text(text: str) -> str:
    parts = ['"' + p.replace('"', '""') + '"' for p in text.split("\n")]
    return " &amp; Chr(10) &amp; ".join(parts)


def type_in_libreoffice(src: Path, dst: Path, cells: dict[str, str], profile: Path) -> None:
    """Open ``src`` in LibreOffice, set each cell's text as typing it does, save as ``dst`` (.xlsx)."""
    typing = "\n".join(f'  sh.getCellRangeByName("{ref}").setString({_basic_text(v)})' for ref, v in cells.items())
    run_basic(src, dst, typing, profile)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(TYPED))
def test_libreoffice_grows_a_row_to_the_text_typed_into_the_template(tmp_path, name):
    need_libreoffice()
    src = tmp_path / name
    shutil.copy(TEMPLATES / name, src)
    rows, cells = TYPED[name]
    out = tmp_path / "typed.xlsx"
    type_in_libreoffice(src, out, cells, tmp_path / "profile")
    ws = openpyxl.load_workbook(out).worksheets[0]
    planned = openpyxl.load_workbook(src).worksheets[0]
    for ref, text in cells.items():
        r = int(re.sub(r"\D", "", ref))
        assert ws[ref].value == text
        assert ws.row_dimensions[r].height >= 2 * 12.5, (ref, ws.row_dimensions[r].height)  # two lines show
        # and more than the template had room for (the 部门整体 form's 社会效益 row is 31 pt: two lines)
        assert ws.row_dimensions[r].height > planned.row_dimensions[r].height, (ref, ws.row_dimensions[r].height)
    untouched = next(r for r in rows if all(int(re.sub(r"\D", "", ref)) != r for ref in cells))
    assert ws.row_dimensions[untouched].height >= 20  # a row not typed into opens as tall as it was
