"""What comes out of the printer, session 67.

- The 汇总表's 说明: LibreOffice wraps a cell character by character and keeps no mark off a line's start, so an item
  that filled its line to the last character before its “。” printed the “。” alone on a line of its own (the clerk's
  汇总 of a project workbook and a 部门整体 workbook: “5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见
  “部门整体自评”工作表” / “。”). Such an item now breaks its own line a few characters before its end
  (``fit.no_lone_marks``).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES, need_libreoffice
from jixiao.excel.fit import NO_LINE_END, NO_LINE_START, no_lone_marks

ZIZHOU = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "zizhou-2023" / "department.json"
ITEM5 = "5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见“部门整体自评”工作表。"


def test_an_item_ending_at_a_lines_end_breaks_its_own_line_before_its_last_words():
    """At the 汇总表's 说明 width (74) the item fills its line to “工作表” (86 units a line in LibreOffice): broken
    before “工作表。”, the “”” kept on the line above; an item ending mid-line, or a line's width away, is left."""
    assert no_lone_marks(ITEM5, 74) == ITEM5.replace("工作表。", "\n工作表。")
    longer = ITEM5.replace("收到的", "本工作簿中的")   # “工作表。” on a line of its own: nothing to mend
    assert no_lone_marks(longer, 74) == longer
    assert no_lone_marks("3. 本表数据取自“项目明细”工作表。", 74) == "3. 本表数据取自“项目明细”工作表。"
    assert no_lone_marks(ITEM5, 200) == ITEM5


@pytest.mark.parametrize("width", [30.0, 40.0, 55.5, 74.0, 120.0])
def test_a_break_the_item_makes_is_never_before_a_closing_mark_nor_after_an_opening_one(width):
    for n in range(60):
        item = f"{n % 9 + 1}. " + "本表只计项目支出绩效自评表（见“项目明细”）；" * (n // 10 + 1) + "甲" * (n % 10) + "工作表。"
        out = no_lone_marks(item, width)
        assert out.replace("\n", "") == item
        if "\n" in out:
            head, tail = out.split("\n")
            assert tail[0] not in NO_LINE_START and head[-1] not in NO_LINE_END and len(tail) >= 2, out


def _two_workbooks(tmp_path: Path) -> Path:
    """The clerk's 汇总 of a workbook of two project forms (one's 全年执行数 in 元) and one of the 部门整体 form."""
    from jixiao.cli import main

    a = json.loads(Path(SAMPLES[1]).read_text(encoding="utf-8"))
    b = json.loads(Path(SAMPLES[2]).read_text(encoding="utf-8"))
    for part in ("total", "fiscal"):
        b["funds"][part]["executed"] *= 10000
    d = {**json.loads(ZIZHOU.read_text(encoding="utf-8")), "year": a["year"]}
    for name, form in (("a", a), ("b", b), ("d", d)):
        (tmp_path / f"{name}.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    assert main(["fill", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "-o", str(tmp_path / "项目.xlsx")]) == 0
    assert main(["fill", str(tmp_path / "d.json"), "-o", str(tmp_path / "部门.xlsx")]) == 0
    out = tmp_path / "汇总表.xlsx"
    assert main(["summarize", str(tmp_path / "项目.xlsx"), str(tmp_path / "部门.xlsx"), "-o", str(out)]) == 0
    return out


def test_the_summarys_note_breaks_the_item_that_ended_its_line_with_a_lone_mark(tmp_path):
    note = openpyxl.load_workbook(_two_workbooks(tmp_path))["汇总表"]["A10"].value
    assert note.split("\n")[-2:] == ["5. 本表只计项目支出绩效自评表；收到的1张部门整体支出绩效自评表见“部门整体自评”", "工作表。"]


@pytest.mark.libreoffice
def test_libreoffice_prints_no_line_of_the_note_with_a_closing_mark_alone(tmp_path):
    """Before: the last line of the 说明 in LibreOffice's PDF was “。”."""
    need_libreoffice()
    from jixiao.excel.office import convert

    pdf = Path(convert(_two_workbooks(tmp_path), "pdf", tmp_path / "pdf"))
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "工作表。" in lines, lines
    assert not [line for line in lines if all(c in NO_LINE_START for c in line)], lines
