"""The return notice names the forms the department sent: a department that sent only its
部门整体支出绩效自评表 is not told about its “项目支出绩效自评表” (title, body, 清单, mail)."""

from __future__ import annotations

import email
import email.policy

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _inbox(tmp_path):
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    whole = zizhou_json()
    whole.update(department="县审计局", year=2022)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([parse_dept_form(whole)], inbox / "县审计局部门整体自评表.xlsx")
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    write_forms([form(3, "县教育局"), parse_dept_form({**whole, "department": "县教育局"})], inbox / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    return tmp_path / "out"


def _notice(out, dept):
    paras = [p.text for p in docx.Document(str(out / dept / "退回修改通知.docx")).paragraphs]
    return paras[0], next(p for p in paras if p.startswith("经审核"))


def _mail_subject(out, dept):
    msg = email.message_from_bytes((out / dept / "退回修改邮件.eml").read_bytes(), policy=email.policy.default)
    return str(msg["Subject"])


def test_a_department_that_sent_only_its_whole_form(tmp_path):
    out = _inbox(tmp_path)
    title, lead = _notice(out, "县审计局")
    assert title.replace("\n", "") == "关于2022年度部门整体支出绩效自评表退回修改的通知"
    assert lead.startswith("经审核，你单位报送的2022年度部门整体支出绩效自评材料（1个文件，1张自评表）")
    assert "项目支出" not in _mail_subject(out, "县审计局")
    assert "部门整体支出绩效自评表" in _mail_subject(out, "县审计局")
    ws = openpyxl.load_workbook(out / "县审计局" / "退回修改清单.xlsx").worksheets[0]
    assert ws["A1"].value == "县审计局2022年度部门整体支出绩效自评表退回修改清单"


def test_both_kinds_and_projects_only(tmp_path):
    out = _inbox(tmp_path)
    title, lead = _notice(out, "县教育局")  # a project form and its 部门整体 form: both are meant
    assert title.replace("\n", "") == "关于2022年度绩效自评表退回修改的通知"
    assert lead.startswith("经审核，你单位报送的2022年度绩效自评材料（1个文件，2张自评表）")
    title, lead = _notice(out, "县民政局")  # project forms only: as before
    assert title.replace("\n", "") == "关于2022年度项目支出绩效自评表退回修改的通知"
    assert lead.startswith("经审核，你单位报送的2022年度项目支出绩效自评材料（1个文件，1张自评表）")


def test_the_summarys_whole_form_row_links_to_its_marked_copy(tmp_path):
    """Its 来源, as the 项目明细's: the file the department sent, opening its marked copy — it showed
    “县审计局部门整体自评表.xlsx#部门整体-县审计局” and opened nothing."""
    out = _inbox(tmp_path)
    ws = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["部门整体自评"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=2).value}
    cell = ws.cell(row=rows["县审计局"], column=10)
    assert cell.value == "县审计局部门整体自评表.xlsx"
    from urllib.parse import unquote

    assert cell.hyperlink is not None
    # relative to the 汇总表 (XlsxWriter writes Windows separators, as in the 复核台账)
    assert unquote(cell.hyperlink.target).replace("\\", "/") == "县审计局/县审计局部门整体自评表-校验标注.xlsx"
    assert (out / "县审计局" / "县审计局部门整体自评表-校验标注.xlsx").is_file()


def test_an_item_on_the_whole_form_does_not_repeat_the_department(tmp_path):
    """The sheet “部门整体-县审计局” names it: no “J29 单元格（县审计局）” in a notice sent to 县审计局."""
    out = _inbox(tmp_path)
    paras = [p.text for p in docx.Document(str(out / "县审计局" / "退回修改通知.docx")).paragraphs]
    items = [p for p in paras if "单元格" in p]
    assert items and not [p for p in items if "单元格（县审计局）" in p]


def test_the_by_department_sheet_lists_a_department_that_sent_only_its_whole_form(tmp_path):
    """The 分单位汇总 follows the 台账, 县审计局 included: a row of 0 projects, and its 说明 says why
    and where its 部门整体 form is (not a department silently left out)."""
    out = _inbox(tmp_path)
    wb = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")
    ws = wb["分单位汇总"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] and r[1] != "合计"
            and not str(r[0] or "").startswith("说明")}
    assert set(rows) == {"县审计局", "县民政局", "县教育局"}  # in the 台账's order: test_review
    assert rows["县审计局"][2:6] == (0, 0, 0, 0)
    note = next(r[0] for r in ws.iter_rows(min_row=5, values_only=True) if str(r[0] or "").startswith("说明"))
    assert "县审计局没有报送项目支出绩效自评表" in note and "“部门整体自评”工作表" in note
    assert "部门整体自评" in wb.sheetnames


def test_the_ledger_has_no_sheet_for_a_status_no_department_has_or_every_one_has(tmp_path):
    """Three departments all 退回修改: no 通过 / 未报送 / 无法读取 sheets printing as empty pages, and no
    退回修改 sheet printing the 复核台账 a second time (a county's 50 departments all returned: pages 4–6
    repeated pages 1–3, s41 QA item 13); the head line says the counts."""
    out = _inbox(tmp_path)
    wb = openpyxl.load_workbook(out / "复核台账.xlsx")
    assert wb.sheetnames[:2] == ["复核台账", "文件清单"]
    assert not {"通过", "未报送", "无法读取", "退回修改"} & set(wb.sheetnames)
    assert "通过 0，退回修改 3，未报送 0，无法读取 0" in wb["复核台账"]["A2"].value
    links = [c.hyperlink.location or c.hyperlink.target for ws in wb.worksheets for row in ws.iter_rows()
             for c in row if c.hyperlink]
    assert not [x for x in links if x and "!" in x and x.split("!")[0].strip("'") not in wb.sheetnames]


def test_a_department_that_sent_an_xls_is_told_its_marked_copy_is_an_xlsx(tmp_path):
    """Its .xls comes back as “…-校验标注.xlsx”: the notice, the 清单 and the mail say which file to
    correct and send back, and why it is an .xlsx."""
    from jixiao.excel.office import convert

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    xls = convert(write_forms([form(2, "县民政局")], tmp_path / "民政局.xlsx"), "xls", tmp_path / "xls")
    (inbox / "民政局自评表.xls").write_bytes(xls.read_bytes())
    write_forms([form(3, "县教育局")], inbox / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    out = tmp_path / "out"
    assert (out / "县民政局" / "民政局自评表-校验标注.xlsx").exists()
    _, lead = _notice(out, "县民政局")
    # the copy as the mail attaches it (s67): its name in the reviewer's folder was no attachment's
    said = "“民政局自评表.xls”是 .xls 格式，为保留着色和批注，标注工作簿另存为 .xlsx 格式（“县民政局-2022-民政局自评表-校验标注.xlsx”）"
    assert said in lead
    ws = openpyxl.load_workbook(out / "县民政局" / "退回修改清单.xlsx").worksheets[0]
    assert said in ws.cell(ws.max_row, 1).value and ws.cell(ws.max_row, 1).value.startswith("说明：")
    msg = email.message_from_bytes((out / "县民政局" / "退回修改邮件.eml").read_bytes(), policy=email.policy.default)
    assert said in msg.get_body(("plain",)).get_content()
    assert "县民政局-2022-民政局自评表-校验标注.xlsx" in [a.get_filename() for a in msg.iter_attachments()]
    _, lead = _notice(out, "县教育局")  # sent an .xlsx: nothing said
    assert ".xls" not in lead.replace(".xlsx", "")
