"""The 汇总表's 项目明细 “来源” of a form that came in a mail: “….eml › 水务局绩效自评表.xlsx”, the
“ › ” and the workbook's name whole (s41 QA item 14: “县水务局报送.em…绩效自评表.xlsx” lost both)."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote

import openpyxl

from jixiao.excel.fit import _units, one_line
from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

MAILED = "县水务局报送.eml › 水务局绩效自评表.xlsx"
LONG_INNER = "收件.eml › 大厂回族自治县医疗保障局-2022年度-项目支出绩效自评表（修改稿）.xlsx"


def _no_cut_extension(shown: str) -> bool:
    """No “…” inside an extension: not “.em…”, not “…ml”/“…sx” where a name ends."""
    return not re.search(r"\.[A-Za-z0-9]{0,4}…|…[A-Za-z0-9]{1,4}(?= › |$)", shown)


def test_a_file_inside_a_mail_keeps_the_separator_and_its_name():
    shown = one_line(MAILED, 34)
    assert shown == "….eml › 水务局绩效自评表.xlsx"  # cut in the mail's name, its extension kept
    long = one_line(LONG_INNER, 34)  # the inner name alone too wide: it is cut, its extension whole
    assert long.startswith("… › 大厂回族") and long.endswith("稿）.xlsx") and long.count("…") == 2
    for text in (MAILED, LONG_INNER, "县医疗保障局第二次报送的材料（修改后）.zip › 表.xlsx",
                 "大厂回族自治县医疗保障局-2022年度-项目支出绩效自评表（修改稿）.xlsx", "大厂回族自治县医疗保障局.xlsx"):
        for width in (12, 20, 34):
            out = one_line(text, width)
            assert _units(out) <= width * 0.95 or out == text, (text, width, out)
            assert _no_cut_extension(out), (text, width, out)
            if " › " in text and _units(" › " + text.rpartition(" › ")[2]) + 2 <= width * 0.95:
                assert out.endswith(" › " + text.rpartition(" › ")[2]), (text, width, out)
    assert one_line("大厂回族自治县医疗保障局.xlsx", 8) == "….xlsx"


def test_the_review_summary_names_a_mailed_form_by_its_mail_and_its_name(tmp_path):
    """In the review's 汇总表, a form from a mail: its 来源 shows the mail's extension, “ › ” and the
    workbook's name whole; the link opens the marked copy (relative to the 汇总表)."""
    inbox = tmp_path / "inbox"
    book = write_forms([form(11, "县水务局")], tmp_path / "水务局绩效自评表.xlsx")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "县水务局 <shuiwu@example.cn>", "czj@example.cn", "县水务局2022年度绩效自评表"
    msg.set_content("请查收。")
    msg.add_attachment(book.read_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=book.name)
    (inbox / "邮件").mkdir(parents=True)
    (inbox / "邮件/县水务局报送.eml").write_bytes(bytes(msg))
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2022")
    ws = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")["项目明细"]
    cells = [ws[f"M{r}"] for r in range(3, ws.max_row + 1) if ws[f"B{r}"].value and ws[f"M{r}"].value]
    assert [c.value for c in cells] == ["….eml › 水务局绩效自评表.xlsx"]
    # relative to the 汇总表, as the 台账's links (XlsxWriter writes Windows separators)
    target = tmp_path / "out" / unquote(cells[0].hyperlink.target).replace("\\", "/")
    assert target.is_file() and target.name == "水务局绩效自评表-校验标注.xlsx"
