"""定稿 says which forms in it are of another year (stop 61).

A 填报人 copied last year's 部门整体支出绩效自评表 into this year's workbook and changed its figures but not
its year (“（2021年度）” among the 2022 项目 forms). 汇总 and 生成报告 said so; 定稿 said nothing and put the
2021 form into the 2022 定稿 file the bureau receives. Now its message names the sheet and the year, and what
to do, as 汇总's does (the 汇总表 does not count such a form; the 定稿 file still carries it, as the workbook does).
"""

from __future__ import annotations

from conftest import SAMPLES
from dept_helpers import zizhou_of
from jixiao.actions import FileHost
from jixiao.cli import main as cli_main
import addin.buttons as buttons


def _book(tmp_path, year):
    book = tmp_path / "自评.xlsx"
    assert cli_main(["fill", str(zizhou_of(year, tmp_path)), *(str(p) for p in SAMPLES[:2]), "-o", str(book)]) == 0
    return book


def test_final_copy_says_the_department_form_of_another_year(tmp_path, capsys):
    book = _book(tmp_path, 2021)
    capsys.readouterr()
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force"]) in (0, 1)
    said = capsys.readouterr()
    text = said.out + said.err
    assert "工作表“部门整体-子洲县医疗保障局”是2021年度的表（本次为2022年度）" in text, text
    assert "已放入定稿文件" in text and "如年度填错，改正后请再定稿" in text, text


def test_the_button_says_it_too(tmp_path):
    book = _book(tmp_path, 2021)
    said = buttons.finalize(FileHost(str(book)), outdir=str(tmp_path / "定稿"), confirm=True, email=False)
    assert "已定稿" in said and "“部门整体-子洲县医疗保障局”是2021年度的表（本次为2022年度）" in said, said


def test_nothing_said_where_every_form_is_of_the_year(tmp_path, capsys):
    book = _book(tmp_path, 2022)
    capsys.readouterr()
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force"]) in (0, 1)
    said = capsys.readouterr()
    assert "年度的表" not in said.out + said.err


def _mail_body(eml):
    import email
    from email import policy

    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return msg.get_body(("plain",)).get_content()


def test_the_mail_names_the_form_of_another_year_by_its_year(tmp_path):
    """s62: the 定稿 mail said “现将我单位2022年度项目支出绩效自评表（共2个项目）和部门整体支出绩效自评表报送贵局”
    of a workbook whose 部门整体 form is of 2021 (X8): the bureau was told it received a 2022 部门整体 form. The mail
    names it as what it is, as the 定稿's note does."""
    book = _book(tmp_path, 2021)
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf", "--email"]) in (0, 1)
    body = _mail_body(next((tmp_path / "定稿").glob("*.eml")))
    assert "现将我单位2022年度项目支出绩效自评表（共2个项目）和2021年度部门整体支出绩效自评表报送贵局" in body, body


def test_the_mail_of_one_year_is_as_before(tmp_path):
    book = _book(tmp_path, 2022)
    assert cli_main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf", "--email"]) in (0, 1)
    body = _mail_body(next((tmp_path / "定稿").glob("*.eml")))
    assert "现将我单位2022年度项目支出绩效自评表（共2个项目）和部门整体支出绩效自评表报送贵局" in body, body
