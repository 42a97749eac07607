"""The bureau's spring journey (s67): what a department receives must name each file as it finds it.

A department that sent “县民政局2022年度绩效自评表.xls” was told, in its notice, its 清单 and its mail,
to correct “县民政局2022年度绩效自评表-校验标注.xlsx” — a name no attachment had: the mail carried it as
“县民政局-2022-2022年度绩效自评表-校验标注.xlsx” (the year twice), the name the notice's own 附件说明 listed."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from types import SimpleNamespace

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from jixiao.review.notices import mail_names
from review_fixture import form, run_cli


def test_a_file_named_for_the_department_and_the_year_is_not_attached_with_the_year_twice():
    dept = SimpleNamespace(name="县教育局")
    files = [Path("县教育局2022年度绩效自评表-校验标注.xlsx"), Path("2022年度县教育局自评表-校验标注.xlsx"),
             Path("县教育局-2022年-项目表-校验标注.xlsx"), Path("县教育局2022-校验标注.xlsx"),
             Path("县教育局2021年度绩效自评表-校验标注.xlsx")]
    assert mail_names(dept, 2022, files) == [
        "县教育局-2022-绩效自评表-校验标注.xlsx", "县教育局-2022-自评表-校验标注.xlsx",
        "县教育局-2022-项目表-校验标注.xlsx", "县教育局-2022-校验标注.xlsx",
        "县教育局-2022-2021年度绩效自评表-校验标注.xlsx"]   # another year's name is what tells it apart: kept


def test_the_xls_sentence_names_the_marked_copy_as_attached(tmp_path):
    from jixiao.excel.office import convert

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    xls = convert(write_forms([form(2, "县民政局")], tmp_path / "民政局.xlsx"), "xls", tmp_path / "xls")
    (inbox / "县民政局2022年度绩效自评表.xls").write_bytes(xls.read_bytes())
    write_forms([form(3, "县教育局")], inbox / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    folder = tmp_path / "out" / "县民政局"
    msg = email.message_from_bytes((folder / "退回修改邮件.eml").read_bytes(), policy=email.policy.default)
    attached = [a.get_filename() for a in msg.iter_attachments()]
    copy = "县民政局-2022-绩效自评表-校验标注.xlsx"
    assert copy in attached
    said = f"标注工作簿另存为 .xlsx 格式（“{copy}”）"
    assert said in msg.get_body(("plain",)).get_content()
    paras = [p.text for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs]
    assert any(said in p for p in paras)
    listed = "".join(p for p in paras[next(i for i, p in enumerate(paras) if p.startswith("附件：")):])
    assert Path(copy).stem in listed.replace("\n", "")   # the 附件说明 names it so too
    ws = openpyxl.load_workbook(folder / "退回修改清单.xlsx").worksheets[0]
    assert said in ws.cell(ws.max_row, 1).value


def test_the_review_folder_summarized_again_names_its_record_as_the_tools_own(tmp_path, capsys):
    """A reviewer who ran ``summarize`` (or ``check``) on the review's output folder was told its
    ``.jixiao-复核清单.json`` “表单数据不符合 form.schema.json：字段 when：不是表单的字段……” — the review's record
    read as a form — and the command stopped there (exit 2) without saying the folder holds only the
    tool's outputs."""
    from jixiao.cli import main
    from review_fixture import two_unit_inbox

    out = tmp_path / "out"
    run_cli("review", str(two_unit_inbox(tmp_path)), "-o", str(out))
    assert (out / ".jixiao-复核清单.json").exists()
    capsys.readouterr()
    code = main(["summarize", str(out), "-o", str(tmp_path / "汇总.xlsx")])
    said = capsys.readouterr()
    text = said.out + said.err
    assert code == 2 and "form.schema.json" not in text and "不是表单的字段" not in text
    assert ".jixiao-复核清单.json：本工具生成的复核清单" in text
    assert "没有可汇总的自评表" in text
    assert not (tmp_path / "汇总.xlsx").exists()
    main(["check", str(out)])
    said = capsys.readouterr()
    assert "form.schema.json" not in said.out + said.err
    assert "错误 0" in said.out + said.err


def test_a_saved_mail_in_a_summarized_folder_is_named_a_mail_with_the_way_to_read_it(tmp_path, capsys):
    """The reviewer's ``summarize`` of the inbox counted 14 projects where the review counted 18: the forms
    mailed in (.eml) are not read, and it said only “不是工作簿（.xlsx/.xlsm/.xls/.et）或表单 JSON，未读取”,
    as of a stray file — while a .zip beside it got “请先解压；财政局复核用 jixiao review……”."""
    from jixiao.cli import main
    from review_fixture import saved_and_mailed

    inbox = saved_and_mailed(tmp_path)
    capsys.readouterr()
    assert main(["summarize", str(inbox), "-o", str(tmp_path / "汇总.xlsx")]) == 0
    said = capsys.readouterr().err
    line = next(s for s in said.splitlines() if "县水务局报送.eml" in s)
    assert "是邮件，未读取" in line and "jixiao review" in line and "附件" in line, line
    capsys.readouterr()
    code = main(["summarize", str(inbox / "县水务局报送.eml"), "-o", str(tmp_path / "汇总2.xlsx")])
    said = capsys.readouterr()
    assert code == 2 and "是邮件" in said.err + said.out and "jixiao review" in said.err + said.out
