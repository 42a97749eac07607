"""One department's two workbooks, one mail (session 66, letter).

The project keeps two templates: 项目支出绩效自评表.xlsx and 部门整体支出绩效自评表.xlsx. A department that
fills one of each and runs `jixiao report 项目.xlsx 部门整体.xlsx` gets a 报送函 listing both forms as its 附件.
Before: `jixiao finalize 项目.xlsx --email` mailed that letter without the 部门整体 form, and
`jixiao finalize 项目.xlsx 部门整体.xlsx` was a usage error (exit 2): no way to send what the letter lists.
Now `finalize` takes several workbooks of one department: a 定稿 copy of each, one mail draft attaching them all.
"""

from __future__ import annotations

import email
import json
from email import policy
from importlib import resources
from pathlib import Path

import pytest
from docx import Document

from jixiao import reports as R
from jixiao.cli import main

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
UNIT = "大厂回族自治县医疗保障局"


def _books(tmp_path: Path, unit: str = UNIT, year: int = 2022) -> tuple[Path, Path]:
    """A workbook of two project forms and one of the department's form, of one unit and year."""
    dept = json.loads((SAMPLES / "zizhou-2023" / "department.json").read_text("utf-8"))
    dept.update(department=unit, year=year, report_date=f"{year + 1}-03-01")
    (tmp_path / "dept.json").write_text(json.dumps(dept, ensure_ascii=False), "utf-8")
    project, department = tmp_path / "项目.xlsx", tmp_path / "部门整体.xlsx"
    assert main(["fill", str(SAMPLES / "dachang-2022" / "01.json"), str(SAMPLES / "dachang-2022" / "02.json"),
                 "-o", str(project)]) == 0
    assert main(["fill", str(tmp_path / "dept.json"), "-o", str(department)]) == 0
    return project, department


def _mail(folder: Path) -> tuple[str, list[str]]:
    emls = list(folder.glob("*.eml"))
    assert len(emls) == 1, emls
    msg = email.message_from_bytes(emls[0].read_bytes(), policy=policy.default)
    return msg.get_body(("plain",)).get_content(), [str(a.get_filename()) for a in msg.iter_attachments()]


def _listed(letter: Path) -> list[str]:
    return [p.text for p in Document(str(letter)).paragraphs if p.style.name in ("附件", "附件续行")]


@pytest.fixture
def department_books(tmp_path, capsys):
    project, department = _books(tmp_path)
    folder = R.report_folder(project)
    assert main(["report", str(project), str(department), "-o", str(folder), "--force"]) == 0
    # what the letter lists: the 部门整体 form among its 附件
    assert "4．2022年度部门整体支出绩效自评表" in _listed(folder / "报送函.docx")
    capsys.readouterr()
    return project, department


def test_one_workbook_mails_a_letter_listing_a_form_it_lacks_and_says_so(department_books, tmp_path, capsys):
    project, _department = department_books
    assert main(["finalize", str(project), "-o", str(tmp_path / "定稿"), "--force", "--email", "--no-pdf"]) == 0
    out = capsys.readouterr().out
    _body, names = _mail(tmp_path / "定稿")
    assert not any("部门整体" in n for n in names)
    # the note says how to send it: both workbooks in one 定稿
    assert "报送函附件所列的“2022年度部门整体支出绩效自评表”不在邮件草稿中" in out
    assert "jixiao finalize 项目工作簿 部门整体工作簿 --email" in out


def test_two_workbooks_one_mail_listing_both_in_a_stable_order(department_books, tmp_path, capsys):
    project, department = department_books
    # given the 部门整体 workbook first: the mail still lists the 项目支出绩效自评表 first, as the letter does
    assert main(["finalize", str(department), str(project), "-o", str(tmp_path / "定稿"), "--force", "--email",
                 "--no-pdf"]) == 0
    out = capsys.readouterr().out
    copies = sorted(p.name for p in (tmp_path / "定稿").glob("*.xlsx"))
    assert copies == [f"{UNIT}-2022-部门整体支出绩效自评表.xlsx", f"{UNIT}-2022-项目支出绩效自评表.xlsx"]
    body, names = _mail(tmp_path / "定稿")
    assert names == [f"{UNIT}-2022-报送函.pdf" if (R.report_folder(project) / "报送函.pdf").exists()
                     else f"{UNIT}-2022-报送函.docx",
                     f"{UNIT}-2022-项目支出绩效自评表.xlsx", f"{UNIT}-2022-部门整体支出绩效自评表.xlsx"]
    assert "现将我单位报送函及2022年度项目支出绩效自评表（共2个项目）和部门整体支出绩效自评表报送贵局" in body
    assert "部门整体支出绩效自评表”不在邮件草稿中" not in out
    lines = out.splitlines()
    assert [line.split("：")[0] for line in lines if line.startswith(("已定稿：", "邮件草稿："))] == ["已定稿", "已定稿", "邮件草稿"]
    # each workbook's own notes say whose they are
    assert f"注意：{department}：按填报人确认，带着" in out


def test_workbooks_of_two_units_are_refused_before_anything_is_written(tmp_path, capsys):
    project, _ = _books(tmp_path)
    other = tmp_path / "其他"
    other.mkdir()
    _p, department = _books(other, unit="子洲县医疗保障局")
    capsys.readouterr()
    assert main(["finalize", str(project), str(department), "-o", str(tmp_path / "定稿"), "--force", "--email",
                 "--no-pdf"]) != 0
    err = capsys.readouterr().err
    assert "不是同一单位的工作簿" in err and "Traceback" not in err
    assert not (tmp_path / "定稿").exists() or not any((tmp_path / "定稿").iterdir())


def test_two_workbooks_of_one_kind_would_write_one_copy_and_are_refused(tmp_path, capsys):
    project, _ = _books(tmp_path)
    again = tmp_path / "项目2.xlsx"
    again.write_bytes(project.read_bytes())
    capsys.readouterr()
    assert main(["finalize", str(project), str(again), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf"]) != 0
    err = capsys.readouterr().err
    assert "的定稿文件同名" in err and "项目2.xlsx" in err
    assert not (tmp_path / "定稿").exists() or not any((tmp_path / "定稿").iterdir())
