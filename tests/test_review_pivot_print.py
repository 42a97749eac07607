"""The 台账's 问题统计 with a county's fifty departments side by side: printed fitted to one page wide,
its figures were specks (fifty columns on one A4). With many departments it prints across pages at
its own size, the rule and its title repeated on each; with a few it still fits one page wide."""

from __future__ import annotations

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _pivot(tmp_path, n):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for k in range(n):
        write_forms([form(1 + k % 20, f"县第{k + 1}局")], inbox / f"第{k + 1}局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    return openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["问题统计"]


def test_many_departments_print_across_pages(tmp_path):
    ws = _pivot(tmp_path, 20)
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    # 规则, 问题 and 类别 (须修改/请核实) on every page: a rule's row on page 3 says what it asks
    assert ws.print_title_cols.replace("$", "") == "A:C"
    assert ws.freeze_panes == "D3"
    # the header alone repeats: the title repeated over A:B was cut to “问题纟” (s46 print pass); page 1
    # has it whole, left-aligned and not merged (merged over a fixed twelve columns it stood off centre)
    assert ws.print_title_rows.replace("$", "") == "2:2"
    assert ws["A1"].value.startswith("问题统计") and ws["A1"].alignment.horizontal in (None, "general", "left")
    assert not [m for m in ws.merged_cells.ranges if m.min_row == 1]


def test_a_few_fit_one_page_wide(tmp_path):
    ws = _pivot(tmp_path, 3)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
