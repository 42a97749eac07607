"""A PDF (a stamped scan of the report, a 报送函) sent beside a department's workbook: the 文件清单
says whose it is and links to it, as it does for every other file — it showed no 单位 and no link,
so the reviewer could neither tell whose the scan was nor open it from the list."""

from __future__ import annotations

from email.message import EmailMessage

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_scan_beside_the_workbooks_is_its_departments(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县教育局")], inbox / "县教育局绩效自评表.xlsx")
    (inbox / "县教育局2022年度自评报告（盖章）.pdf").write_bytes(PDF)
    book = write_forms([form(2, "县民政局")], tmp_path / "made" / "自评表.xlsx")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "民政局 <mz@example.cn>", "czj@example.cn", "报送自评表"
    msg.set_content("请审核。")
    msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="自评表.xlsx")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="报送函.pdf")
    (inbox / "报送.eml").write_bytes(bytes(msg))
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=2).value}
    scan, letter = rows["县教育局2022年度自评报告（盖章）.pdf"], rows["报送.eml › 报送函.pdf"]
    assert ws.cell(row=scan, column=3).value == "县教育局"
    assert ws.cell(row=letter, column=3).value == "县民政局"  # in the mail that brought its workbook
    assert ws.cell(row=scan, column=6).hyperlink.target.endswith("县教育局2022年度自评报告（盖章）.pdf")
    assert ws.cell(row=letter, column=6).hyperlink.target.endswith("报送.eml")
