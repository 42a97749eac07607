"""A ``--settings`` file's “一并报送的工作簿” is followed as the 设置 sheet's row is (s68).

``jixiao report`` and ``jixiao finalize`` read the workbooks the 设置 sheet names as sent with the projects (s67), but
took the settings file's ``一并报送的工作簿`` for the letter only: the 部门整体 form it names was not read, so the
报送函 left it out and the mail did not carry it. Both routes now give the same letter and the same mail; the file's
value wins over the sheet's, as every other item of a settings file does (``reports.report_settings``).
"""

from __future__ import annotations

from pathlib import Path

from jixiao import reports as R
from jixiao.cli import main

from test_letter_matches_mail_s67 import UNIT, _department, _listed, _mail, _name_partner, _projects

DEPARTMENT_LISTED = "4．2022年度部门整体支出绩效自评表"


def _settings_file(tmp_path: Path, partner: str) -> Path:
    path = tmp_path / "设置.yaml"
    path.write_text(f"收件邮箱: jxk@example.gov.cn\n一并报送的工作簿: {partner}\n", encoding="utf-8")
    return path


def _runs(tmp_path: Path, project: Path, extra: list[str], capsys) -> tuple[list[str], list[str], str]:
    folder = R.report_folder(project)
    assert main(["report", str(project), "-o", str(folder), "--force", *extra]) == 0
    listed = _listed(folder / "报送函.docx")
    assert main(["finalize", str(project), "-o", str(tmp_path / "定稿"), "--force", "--email", "--no-pdf",
                 *extra]) == 0
    _body, files = _mail(tmp_path / "定稿")
    return listed, [n for n in files if n.endswith(".xlsx")], capsys.readouterr().out


def test_the_settings_file_names_the_workbook_sent_with_the_projects(tmp_path, capsys):
    project, department = _projects(tmp_path), _department(tmp_path)
    settings = _settings_file(tmp_path, "部门整体.xlsx")
    listed, mailed, out = _runs(tmp_path, project, ["--settings", str(settings)], capsys)
    assert DEPARTMENT_LISTED in listed, listed
    assert mailed == [f"{UNIT}-2022-项目支出绩效自评表.xlsx", f"{UNIT}-2022-部门整体支出绩效自评表.xlsx"], mailed
    assert f"一并读取：{department}" in out, out
    assert "不在邮件草稿中" not in out, out


def test_both_routes_give_the_same_letter_and_mail(tmp_path, capsys):
    by_sheet, by_file = tmp_path / "sheet", tmp_path / "file"
    results = []
    for where in (by_sheet, by_file):
        where.mkdir()
        project = _projects(where)
        _department(where)
        extra: list[str] = []
        if where == by_sheet:
            _name_partner(project, "部门整体.xlsx")
        else:
            extra = ["--settings", str(_settings_file(where, "部门整体.xlsx"))]
        listed, mailed, _out = _runs(where, project, extra, capsys)
        results.append((listed, mailed))
    assert results[0] == results[1], results
    assert DEPARTMENT_LISTED in results[0][0]


def test_the_file_wins_over_the_sheet(tmp_path, capsys):
    """The sheet names a workbook that is not there; the file, read over it, names the one that is."""
    project, _department_book = _projects(tmp_path), _department(tmp_path)
    _name_partner(project, "没有这个工作簿.xlsx")
    settings = _settings_file(tmp_path, "部门整体.xlsx")
    listed, _mailed, _out = _runs(tmp_path, project, ["--settings", str(settings)], capsys)
    assert DEPARTMENT_LISTED in listed, listed


def test_a_partner_the_file_names_that_is_not_there_is_said(tmp_path, capsys):
    project = _projects(tmp_path)
    settings = _settings_file(tmp_path, "部门整体支出绩效自评表.xlsx")
    assert main(["report", str(project), "-o", str(tmp_path / "报告"), "--force", "--settings", str(settings)]) == 2
    err = capsys.readouterr().err
    assert f"设置文件{settings}的“一并报送的工作簿”写的是“部门整体支出绩效自评表.xlsx”" in err, err
    assert "删去这一项" in err and "“设置”工作表" not in err, err
