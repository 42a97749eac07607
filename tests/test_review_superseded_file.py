"""A department that sent its workbook twice: the 台账's “未计入的文件” says once that the first
workbook was replaced by the second, not once per form (ten lines for a ten-form workbook)."""

from __future__ import annotations

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _aside(tmp_path):
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    col = head.index("未计入的文件") + 1
    return {ws.cell(row=r, column=2).value: ws.cell(row=r, column=col).value or ""
            for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).value}


def test_a_workbook_replaced_whole_is_one_line(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(n, "县教育局") for n in (1, 2, 3)], inbox / "教育局（初稿）.xlsx")
    write_forms([form(n, "县教育局", filled_on="2023.3.10") for n in (1, 2, 3)], inbox / "教育局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    assert _aside(tmp_path)["县教育局"] == "教育局（初稿）.xlsx（3 张表均已被 教育局（修改稿）.xlsx 替换）"


def test_some_forms_of_a_workbook_replaced_are_named_together(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(n, "县教育局") for n in (1, 2, 3)], inbox / "教育局.xlsx")
    write_forms([form(n, "县教育局", filled_on="2023.3.10") for n in (1, 2)], inbox / "教育局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    from review_fixture import sample

    a, b = sample(1)["project"], sample(2)["project"]
    got = _aside(tmp_path)["县教育局"]
    assert got in (f"教育局.xlsx 中的“{a}”“{b}”（已被 教育局（修改稿）.xlsx 替换）",
                   f"教育局.xlsx 中的“{b}”“{a}”（已被 教育局（修改稿）.xlsx 替换）")


def test_the_file_list_says_how_many_forms_were_sent_again(tmp_path):
    """The 文件清单's reason for the first workbook: its 3 forms, not “同一项目”, as if it held one."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(n, "县教育局") for n in (1, 2, 3)], inbox / "教育局（初稿）.xlsx")
    write_forms([form(n, "县教育局", filled_on="2023.3.10") for n in (1, 2, 3)], inbox / "教育局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    why = {r[1]: r[4] for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}
    assert why["教育局（初稿）.xlsx"] == "其中 3 张表均已由 教育局（修改稿）.xlsx 重新报送（填报日期较晚），此份不计入".removeprefix("其中 ")
