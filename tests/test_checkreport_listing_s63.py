"""The 校验报告's full listing names another form as the 填报人 reads it (session 63).

Its summary items were fixed to drop “（民政局-2022-绩效自评表.xlsx › 救助资金）” after the project that names the
form (stop 62); the listing of each form's findings below still printed it, the workbook's file name in the middle
of the sentence. A form is named by its project; where that does not tell it (E2: another form of the same name),
by its sheet, as each form's heading in the report does (“（工作表“…”）”).
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

from jixiao.excel.workbook import write_forms
from jixiao.reports.checkreport import message_text

sys.path.insert(0, str(Path(__file__).parent))
from review_fixture import form, run_cli, sample  # noqa: E402


def test_the_listing_names_forms_by_project_or_sheet(tmp_path: Path) -> None:
    book = tmp_path / "民政局-2022-绩效自评表.xlsx"
    write_forms([form(1, "县民政局"), form(2, "县民政局", indicators=sample(1)["indicators"]),
                 form(3, "县民政局", project=sample(1)["project"])], book)
    run_cli("report", str(book), "-o", str(tmp_path / "rep"), "--force")
    text = [p.text for p in docx.Document(str(tmp_path / "rep" / "校验报告.docx")).paragraphs]
    listing = text[text.index("二、各自评表的问题") + 1:text.index("三、复核得分")]
    assert not [t for t in listing if ".xlsx" in t], listing
    e1 = [t for t in listing if "规则 E1" in t]
    assert e1 and all("逐条相同" in t for t in e1), e1
    assert any(f"与项目“{sample(1)['project']}”逐条相同" in t for t in e1), e1
    (e2,) = [t for t in listing if "规则 E2" in t]
    assert f"与另一张表（工作表“{sample(1)['project']}”）重名" in e2, e2


def test_a_sheet_not_named_for_its_project_is_said() -> None:
    assert message_text("与项目“甲”（医保局.xlsx › 表2）逐条相同") == "与项目“甲”（工作表“表2”）逐条相同"
    assert message_text("与项目“甲”（医保局.xlsx › 甲）逐条相同") == "与项目“甲”逐条相同"
    assert message_text("与另一张表（医保局.xlsx › 甲 L40 起）重名") == "与另一张表（工作表“甲”第 40 行起）重名"
    assert message_text("与项目“甲”（/tmp/x/医保局.xlsx#甲@L40）逐条相同") == "与项目“甲”（工作表“甲”第 40 行起）逐条相同"
