"""What 定稿 sends matches what its 报送函 lists (session 67, letter).

The 报送函 lists the 绩效自评情况汇总表 among its 附件 wherever there are project forms. Before, the 定稿
carried a 汇总表 only where 汇总 had written one into the workbook: `jixiao finalize 项目.xlsx --email` mailed
the letter without it (a note said so). Now the 定稿 builds it from the forms it carries, and the letter's
附件, the 定稿 workbook and the mail's attachments come from one place (``reports.sent``).
"""

from __future__ import annotations

import email
import io
import json
from email import policy
from importlib import resources
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from jixiao import reports as R
from jixiao.cli import main

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
UNIT = "大厂回族自治县医疗保障局"


def _projects(tmp_path: Path) -> Path:
    project = tmp_path / "项目.xlsx"
    assert main(["fill", str(SAMPLES / "dachang-2022" / "01.json"), str(SAMPLES / "dachang-2022" / "02.json"),
                 "-o", str(project)]) == 0
    return project


def _department(tmp_path: Path, unit: str = UNIT, year: int = 2022) -> Path:
    dept = json.loads((SAMPLES / "zizhou-2023" / "department.json").read_text("utf-8"))
    dept.update(department=unit, year=year, report_date=f"{year + 1}-03-01")
    (tmp_path / "dept.json").write_text(json.dumps(dept, ensure_ascii=False), "utf-8")
    department = tmp_path / "部门整体.xlsx"
    assert main(["fill", str(tmp_path / "dept.json"), "-o", str(department)]) == 0
    return department


def _mail(folder: Path) -> tuple[str, dict[str, bytes]]:
    emls = list(folder.glob("*.eml"))
    assert len(emls) == 1, emls
    msg = email.message_from_bytes(emls[0].read_bytes(), policy=policy.default)
    return (msg.get_body(("plain",)).get_content(),
            {str(a.get_filename()): a.get_content() for a in msg.iter_attachments()})


def _listed(letter: Path) -> list[str]:
    return [p.text for p in Document(str(letter)).paragraphs if p.style.name in ("附件", "附件续行")]


def test_the_mail_carries_the_summary_the_letter_lists_though_summarize_never_ran(tmp_path, capsys):
    project = _projects(tmp_path)
    folder = R.report_folder(project)
    assert main(["report", str(project), "-o", str(folder), "--force"]) == 0
    listed = _listed(folder / "报送函.docx")
    assert listed[-1] == "4．2022年度绩效自评情况汇总表", listed
    capsys.readouterr()
    assert "汇总表" not in load_workbook(project, read_only=True).sheetnames   # 汇总 never ran
    assert main(["finalize", str(project), "-o", str(tmp_path / "定稿"), "--force", "--email", "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert "不在邮件草稿中" not in out and "没有列出" not in out, out
    _body, files = _mail(tmp_path / "定稿")
    sent = files[f"{UNIT}-2022-项目支出绩效自评表.xlsx"]
    wb = load_workbook(io.BytesIO(sent))
    # the 汇总表 the letter lists is in the 定稿 that is attached, after the forms as the letter lists them
    assert wb.sheetnames[2:] == ["汇总表", "项目明细"], wb.sheetnames
    values = [c for row in wb["汇总表"].iter_rows(values_only=True) for c in row if c is not None]
    assert "2022年度县直部门绩效自评情况汇总表" in values
    assert 2 in values   # 项目数量 已评价数


def test_a_letter_over_the_projects_alone_and_a_department_form_mailed_beside_them_is_said(tmp_path, capsys):
    """The other way round: the 定稿 carries a 部门整体 form the letter (made over the projects alone) does not list."""
    project, department = _projects(tmp_path), _department(tmp_path)
    assert main(["report", str(project), "-o", str(R.report_folder(project)), "--force"]) == 0
    assert not any("部门整体" in a for a in _listed(R.report_folder(project) / "报送函.docx"))
    capsys.readouterr()
    assert main(["finalize", str(project), str(department), "-o", str(tmp_path / "定稿"), "--force", "--email",
                 "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert "定稿文件中有部门整体支出绩效自评表，报送函的附件没有列出它" in out, out
    assert "jixiao report 对一并定稿的各工作簿重新生成报告" in out


def _name_partner(book: Path, partner: str) -> None:
    """The 设置 sheet of ``book`` names ``partner`` as sent with it (“一并报送的工作簿”), as a 填报人 types it."""
    wb = load_workbook(book)
    ws = wb["设置"] if "设置" in wb.sheetnames else wb.create_sheet("设置")
    ws.append(["项目", "内容"]) if ws.max_row <= 1 and not ws["A1"].value else None
    ws.append(["收件邮箱", "jxk@example.gov.cn"])
    ws.append(["一并报送的工作簿", partner])
    wb.save(book)


def test_the_buttons_send_the_department_form_kept_in_its_own_workbook(tmp_path):
    """A department keeps its 部门整体支出绩效自评表 in the template's own workbook and clicks 生成报告 and 定稿
    in the project workbook: the buttons take that workbook only, so the 报送函 left the 部门整体 form out while
    the department sent it (in a second mail). Now the 设置 sheet names the other workbook and both buttons read it:
    one letter listing both forms, one mail carrying both 定稿."""
    from addin import buttons
    from jixiao.actions import FileHost

    project, department = _projects(tmp_path), _department(tmp_path)
    _name_partner(project, "部门整体.xlsx")
    said = buttons.report(FileHost(str(project)), draft=True)
    assert said.startswith("已生成"), said
    assert "报告一并按“设置”表“一并报送的工作簿”所写的“部门整体.xlsx”生成" in said
    listed = _listed(R.report_folder(project) / "报送函.docx")
    assert listed == ["附件：1．2022年度项目支出绩效自评报告", "2．2022年度整体绩效自评工作报告",
                      "3．2022年度项目支出绩效自评表（2份）", "4．2022年度部门整体支出绩效自评表",
                      "5．2022年度绩效自评情况汇总表"], listed
    said = buttons.finalize(FileHost(str(project)), str(tmp_path / "定稿"), confirm=True, email=True)
    assert said.startswith("已定稿"), said
    assert f"{UNIT}-2022-部门整体支出绩效自评表.xlsx" in said and f"{UNIT}-2022-项目支出绩效自评表.xlsx" in said
    assert "不在邮件草稿中" not in said and "没有列出" not in said and "jixiao" not in said, said
    body, files = _mail(tmp_path / "定稿")
    forms = [n for n in files if n.endswith(".xlsx")]
    assert forms == [f"{UNIT}-2022-项目支出绩效自评表.xlsx", f"{UNIT}-2022-部门整体支出绩效自评表.xlsx"]
    assert "项目支出绩效自评表（共2个项目）和部门整体支出绩效自评表" in body


def test_a_partner_named_that_is_not_there_is_said_at_its_settings_cell(tmp_path):
    from addin import buttons
    from jixiao.actions import FileHost

    project = _projects(tmp_path)
    _name_partner(project, "部门整体支出绩效自评表.xlsx")
    said = buttons.finalize(FileHost(str(project)), str(tmp_path / "定稿"), confirm=True, email=False)
    assert said.startswith("定稿未完成：“设置”工作表的“一并报送的工作簿”写的是“部门整体支出绩效自评表.xlsx”"), said
    assert not (tmp_path / "定稿").exists()



def test_the_commands_read_the_workbook_the_settings_name_as_the_buttons_do(tmp_path, capsys):
    project, department = _projects(tmp_path), _department(tmp_path)
    _name_partner(project, "部门整体.xlsx")
    folder = R.report_folder(project)
    assert main(["report", str(project), "-o", str(folder), "--force"]) == 0
    assert "4．2022年度部门整体支出绩效自评表" in _listed(folder / "报送函.docx")
    assert main(["finalize", str(project), "-o", str(tmp_path / "定稿"), "--force", "--email", "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert f"一并读取：{department}" in out and "不在邮件草稿中" not in out, out
    _body, files = _mail(tmp_path / "定稿")
    assert [n for n in files if n.endswith(".xlsx")] == [f"{UNIT}-2022-项目支出绩效自评表.xlsx",
                                                         f"{UNIT}-2022-部门整体支出绩效自评表.xlsx"]


def test_an_evaluation_form_sent_with_the_projects_is_listed_and_carried(tmp_path, capsys):
    """A 项目支出绩效评价表 of the year in the project workbook goes into the 定稿: the letter lists it too (it
    did not, and the mail carried a form the letter never named)."""
    ev = json.loads((SAMPLES / "fengtai-2023-evaluation" / "form.json").read_text("utf-8"))
    ev["year"] = 2022
    (tmp_path / "ev.json").write_text(json.dumps(ev, ensure_ascii=False), "utf-8")
    book = tmp_path / "项目.xlsx"
    assert main(["fill", str(SAMPLES / "dachang-2022" / "01.json"), str(tmp_path / "ev.json"), "-o", str(book)]) == 0
    folder = R.report_folder(book)
    assert main(["report", str(book), "-o", str(folder), "--force"]) == 0
    assert _listed(folder / "报送函.docx")[2:] == ["3．2022年度项目支出绩效自评表（1份）", "4．2022年度项目支出绩效评价表",
                                                   "5．2022年度绩效自评情况汇总表"]
    capsys.readouterr()
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--email", "--no-pdf"]) in (0, 1)
    out = capsys.readouterr().out
    assert "不在邮件草稿中" not in out and "没有列出" not in out, out
