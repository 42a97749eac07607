"""A workbook the mail client saved as “附件1.xlsx”: its marked copy goes back named for the
department (“县教育局-附件1-校验标注.xlsx”), not as “附件1-校验标注”, which the notice then lists as
“2．附件1-校验标注” under its own “附件：” — an attachment called 附件1 as attachment 2."""

from __future__ import annotations

import docx
import pytest

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


@pytest.mark.parametrize(("sent", "copy"), [
    ("附件1.xlsx", "县教育局-附件1-校验标注.xlsx"),
    ("附件.xlsx", "县教育局-附件-校验标注.xlsx"),
    ("未命名附件2.xlsx", "县教育局-未命名附件2-校验标注.xlsx"),
    ("新建 Microsoft Excel 工作表.xlsx", "县教育局-新建 Microsoft Excel 工作表-校验标注.xlsx"),
    ("教育局绩效自评表.xlsx", "教育局绩效自评表-校验标注.xlsx"),  # a name that says whose: as it was
])
def test_a_copy_of_a_nameless_attachment_is_named_for_the_department(tmp_path, sent, copy):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县教育局")], inbox / sent)
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    folder = tmp_path / "out" / "县教育局"
    assert (folder / copy).is_file(), sorted(p.name for p in folder.iterdir())
    # a name longer than its line is broken for print (``notices.attachment_name_lines``): one name all the same
    paras = [p.text.replace("\n", "") for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs]
    # named as the mail attaches it (stop 60): “县教育局-2022-附件1-校验标注”
    attached = "县教育局-2022-" + copy.removesuffix(".xlsx").removeprefix("县教育局-")
    assert any(p.endswith(attached) and p.startswith("2．") for p in paras), paras
