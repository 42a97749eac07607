"""A department's whole journey on the official template, where the features built apart meet.

A form whose indicators run on to a 续表 sheet carries its 总分 there; the 汇总 button's 项目明细 linked
that form's row to H34 of its first sheet (where our template puts the 总分), blank on that sheet: once
Excel or LibreOffice recalculated, the row had no 总分 and no 等级, the 汇总表 said 已评价数 1 of 2 and
counted one 优 fewer than ``jixiao summarize`` said for the same workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

import addin.buttons as buttons
from conftest import need_libreoffice
from jixiao.actions import FileHost
from test_continued_s59 import move

TEMPLATE = Path(__file__).parent.parent / "xlsx_templates" / "项目支出绩效自评表.xlsx"
NAMES = ("高标准农田建设", "农业技术推广服务")


def _form(ws: Any, name: str, n: int) -> None:
    """A form typed as a 填报人 types it: 2025, the money, ``n`` indicators worth 90 in all, every score full."""
    ws.title = name
    ws["A2"] = 2025
    ws["B3"], ws["B4"], ws["F4"] = name, "某县农业农村局", "某县农业农村局"
    for ref, v in (("C7", 45), ("D7", 45), ("E7", 44), ("F7", 10), ("C8", 45), ("D8", 45), ("E8", 44)):
        ws[ref] = v
    weights = [round(90 / n, 2)] * n
    weights[-1] = round(90 - sum(weights[:-1]), 2)
    for i, w in enumerate(weights):
        r = 14 + i
        for col, v in zip("BCDEFGH", ("产出指标", "数量指标", f"培训人次{i}", f"≥{10 + i}人", f"{10 + i}人", w, w)):
            ws[f"{col}{r}"] = v


def _book(path: Path) -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    first = wb.worksheets[0]
    blank = wb.copy_worksheet(first)
    _form(first, NAMES[0], 6)
    second = wb.copy_worksheet(blank)
    wb.move_sheet(second, -(len(wb.sheetnames) - 2))
    _form(second, NAMES[1], 20)
    wb.remove(blank)
    # the second form printed on two pages: rows 24 on (the rest of its indicators, the 总分 and the
    # 落款) on a 续表, whose 总分 the 填报人 makes add up both sheets
    moved = move(wb, second, 24, 13, mark="（续表）")
    rest, t, q = wb["续表"], moved[34], f"'{NAMES[1]}'!"
    rest[f"G{t}"] = f"=SUM({q}F7,{q}G14:G23,G{moved[24]}:G{moved[33]})"
    rest[f"H{t}"] = f"=SUM({q}H7,{q}H14:H23,H{moved[24]}:H{moved[33]})"
    wb.save(path)


def test_the_summary_buttons_detail_gives_a_continued_forms_total_once_recalculated(tmp_path: Path) -> None:
    need_libreoffice()
    from jixiao.excel.office import convert

    _book(tmp_path / "本单位.xlsx")
    book = convert(tmp_path / "本单位.xlsx", "xlsx", tmp_path / "saved")   # saved in Excel: results cached
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    said = buttons.summarize(host)
    host.save()
    # the row is not linked: the message says to click 汇总 again after changing that form
    assert (f"；工作表“{NAMES[1]}”的总分等不在模板原来的单元格中（如总分在续表上），“项目明细”中的这一行"
            "是这次汇总时读出的数，修改后请再点“汇总”。") in said, said
    assert f"“{NAMES[0]}”的总分" not in said
    shown = convert(tmp_path / "汇总后.xlsx", "xlsx", tmp_path / "recalc")  # as Excel shows it when opened
    wb = openpyxl.load_workbook(shown, data_only=True)
    detail = {row[1]: row for row in wb["项目明细"].iter_rows(min_row=3, max_row=4, values_only=True)}
    assert set(detail) == set(NAMES)
    total, grade = detail[NAMES[1]][7], detail[NAMES[1]][9]
    assert round(total, 2) == 99.78 and grade == "优"   # 10 × 44/45 + 90, the 续表's own 总分
    assert round(detail[NAMES[0]][7], 2) == 99.78                 # the linked one, as before
    summary = [[v for v in row if v is not None] for row in wb["汇总表"].iter_rows(values_only=True)]
    assert ["项目数量（个）", 2, 2] in summary      # 已评价数 1 before: the row without its 总分
    assert ["绩效评价等级（个）", "优", 2] in summary


def test_the_reason_for_unspent_money_written_in_the_actual_account_is_the_reports(tmp_path: Path) -> None:
    """校验 (G1) takes a reason for the money left written in 实际完成情况; the report said “偏差原因：
    【待填写】” for that form (with no 说明), or an indicator's 偏差原因 that is not about money."""
    import json

    from docx import Document

    from jixiao import reports as R
    from jixiao.checking.run import check_batch
    from jixiao.core.profiles import get_profile
    from jixiao.sources import load_all
    from test_report_wording_s41 import INDICATOR_REASON, _clean_02, _project

    d = _clean_02()
    d["remark"] = ""
    d["goal_actual"] = "基本完成年度目标；预算未全部执行的原因是部分服务合同年底未到结算期。"
    assert _project(d).funds_reasons() == ["预算未全部执行的原因是部分服务合同年底未到结算期"]
    src = tmp_path / "02.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    batch = load_all([src])
    check = check_batch(batch, get_profile(None))
    assert check.counts["error"] == 0 and not [f for f in check.findings if f.rule == "G1"]
    paths = R.build_reports(batch, None, tmp_path / "报告", check=check)
    report = next(p for p in paths if p.stem == "项目支出绩效自评报告")
    paras = [p.text for p in Document(str(report)).paragraphs]
    funds = next(x for x in paras if x.startswith("1．医疗保障服务经费：执行率"))
    assert funds == ("1．医疗保障服务经费：执行率74.11%，结余22.78万元。偏差原因：预算未全部执行的原因是"
                     "部分服务合同年底未到结算期。"), funds
    assert INDICATOR_REASON.rstrip("。") not in funds
    # nothing about money there, no 说明: no reason (the report says 【待填写】), not an indicator's 偏差原因 on
    # something else (s66: a 参保政策知晓率's was printed as the reason the money was left)
    d["goal_actual"] = "基本完成年度目标。"
    assert _project(d).funds_reasons() == []


def test_summarize_of_a_workbook_with_a_continued_form_is_its_linked_copy(tmp_path: Path, capsys: Any) -> None:
    """``summarize BOOK -o`` of a department's workbook writes the workbook with its 汇总表 (as the 汇总
    button does), which 定稿 takes; with a form on a 续表 it wrote the 汇总表 alone, without a word, and
    ``finalize`` of it said “其中没有自评表”."""
    need_libreoffice()
    from jixiao.cli import main
    from jixiao.excel.office import convert

    _book(tmp_path / "本单位.xlsx")
    book = convert(tmp_path / "本单位.xlsx", "xlsx", tmp_path / "saved")
    out = tmp_path / "汇总后.xlsx"
    assert main(["summarize", str(book), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert {*NAMES, "续表", "汇总表", "项目明细"} <= set(wb.sheetnames)
    shown = convert(out, "xlsx", tmp_path / "recalc")
    rows = {r[1]: r for r in openpyxl.load_workbook(shown, data_only=True)["项目明细"].iter_rows(
        min_row=3, max_row=4, values_only=True)}
    assert round(rows[NAMES[1]][7], 2) == 99.78 and rows[NAMES[1]][9] == "优"
    capsys.readouterr()
    assert main(["finalize", str(out), "-o", str(tmp_path / "定稿")]) == 0, capsys.readouterr().err


def test_an_error_on_a_continued_forms_second_sheet_stops_the_report(tmp_path: Path, capsys: Any) -> None:
    """A score wrong on the 续表 is an error of the form (校验 files it under the form, on the 续表's cell);
    生成报告 matched findings to forms by sheet alone, so the form had none: the report was written
    without --force (exit 0) and its 校验报告 said “经校验，自评表未发现错误和需注意的问题”."""
    need_libreoffice()
    from docx import Document

    from jixiao.cli import main
    from jixiao.excel.office import convert

    _book(tmp_path / "本单位.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "本单位.xlsx")
    wb["续表"]["H5"] = 1    # an indicator met in full, its score typed 1 of 4.5
    wb.save(tmp_path / "改错.xlsx")
    book = convert(tmp_path / "改错.xlsx", "xlsx", tmp_path / "saved")
    capsys.readouterr()
    assert main(["report", str(book), "-o", str(tmp_path / "报告")]) == 1
    assert "未生成报告" in capsys.readouterr().err
    assert main(["report", str(book), "-o", str(tmp_path / "草稿"), "--force"]) == 0
    said = [p.text for p in Document(str(tmp_path / "草稿" / "校验报告.docx")).paragraphs if NAMES[1] in p.text]
    assert said and not any("未发现错误" in t for t in said), said
