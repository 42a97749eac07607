"""A 说明 that names the form is no form's title: the 汇总表 of a workbook with a 评价表 was read as a broken form.

QA (s59): 汇总 on a workbook of project forms and a 项目支出绩效评价表 writes in the 汇总表's 说明 “本表只计项目支出
绩效自评表；本工作簿中的1张项目支出绩效评价表见……”. A cell holding “…项目…绩效自评表…” made the whole sheet look
like a form (``reading.form.looks_like_form``) and, as no form could be read from it, “工作表“汇总表”不是自评表”:
an X1 error of ``check``, and a 未能读取 sheet in the 定稿 copy the department sends (“汇总不完整”). A 说明 or
注 (a long note) is not a title.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

import addin.buttons as buttons
from jixiao.actions import FileHost
from jixiao.cli import main

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "jixiao" / "samples"


def test_the_summary_sheet_of_a_workbook_with_an_evaluation_form_is_no_form(tmp_path, capsys):
    from conftest import SAMPLES

    ev = json.loads((SAMPLES_DIR / "fengtai-2023-evaluation" / "form.json").read_text(encoding="utf-8"))
    ev["year"] = 2022
    (tmp_path / "ev.json").write_text(json.dumps(ev, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["fill", str(SAMPLES[0]), str(SAMPLES[1]), str(tmp_path / "ev.json"), "-o", str(book)]) == 0
    host = FileHost(str(book), str(tmp_path / "汇总后.xlsx"))
    buttons.summarize(host)
    host.save()
    assert "项目支出绩效自评表" in openpyxl.load_workbook(tmp_path / "汇总后.xlsx")["汇总表"]["A10"].value
    capsys.readouterr()
    main(["check", str(tmp_path / "汇总后.xlsx"), "--json"])
    found = json.loads(capsys.readouterr().out)
    findings = found["findings"] if isinstance(found, dict) else found
    assert not [f for f in findings if f["rule"] == "X1"], [f["message"] for f in findings if f["rule"] == "X1"]
    main(["finalize", str(tmp_path / "汇总后.xlsx"), "-o", str(tmp_path / "定稿"), "--force"])
    capsys.readouterr()
    final = openpyxl.load_workbook(next((tmp_path / "定稿").glob("*.xlsx")))
    assert "未能读取" not in final.sheetnames and "项目评价" in final.sheetnames
