"""The reviewer's second round when a department that passed round 1 sends a correction anyway (session 66):
县交通运输局 passed, then sent a 修改稿 whose 年度 was mistyped 2021. Round 2 said “通过 / 上轮通过”, counted the
old form and told nobody: the department believed its correction taken. Each test failed before its fix."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import shutil

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, ledger_row, review_json

UNIT = "县交通运输局"


def _unit(rv: dict, name: str = UNIT) -> dict:
    return next(d for d in rv["departments"] if d["department"] == name)


def _passed(tmp_path: Path) -> tuple[Path, Path]:
    """Round 1: 县交通运输局 passes (points to verify only), 县民政局 is returned."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(12, UNIT, indicators=_fixed(12), filled_on="2023.3.20")], inbox / UNIT / "交通运输局.xlsx")
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    assert _unit(review_json(inbox, out))["status"] == "通过"
    return inbox, out


def _files_sheet(out: Path) -> dict[str, tuple]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    return {str(r[1]): r for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}


def _body(path: Path) -> tuple[str, str]:
    msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    return str(msg["Subject"]), msg.get_body(preferencelist=("plain",)).get_content()


def test_a_passed_departments_resend_of_another_year_is_said_and_told(tmp_path: Path, capsys) -> None:
    """Its 修改稿 of 2021 is set aside; the 台账 says a passed department sent again and nothing of it counted,
    the 文件清单 says the old form is still counted, ``--json`` lists the resend, and a short 情况告知 mail draft
    tells the department (no return: the form counted passes)."""
    inbox, out = _passed(tmp_path)
    write_forms([form(12, UNIT, indicators=_fixed(12), filled_on="2023.4.10", year=2021)],
                inbox / UNIT / "交通运输局（修改稿）.xlsx")
    capsys.readouterr()
    unit = _unit(review_json(inbox, out))
    assert "已写入 1 封情况告知邮件草稿（县交通运输局：" in capsys.readouterr().err   # the reviewer is told to send it
    assert unit["status"] == "通过" and ledger_row(out, UNIT)["文件"] == f"{UNIT}/交通运输局.xlsx", unit
    assert unit["last_round"]["resent"] == [{"file": f"{UNIT}/交通运输局（修改稿）.xlsx", "counted": False,
                                             "reason": "2021 年度的表，本批为 2022 年度，未计入"}], unit["last_round"]
    assert str(ledger_row(out, UNIT)["状态"]).split("\n") == ["通过", "上轮通过", "重新报送 1 个文件", "未计入", "仍用原表"]
    files = _files_sheet(out)
    assert files[f"{UNIT}/交通运输局.xlsx"][3:5] == ("计入", "第2轮重新报送的文件未计入，仍计入此表"), files
    assert files[f"{UNIT}/交通运输局（修改稿）.xlsx"][3] == "未计入", files
    assert unit["resent_mail"] and Path(unit["resent_mail"]) == out / UNIT / "情况告知邮件.eml", unit
    assert ledger_row(out, UNIT)["退回邮件"] == "告知邮件（无收件人）"
    subject, body = _body(Path(unit["resent_mail"]))
    assert subject == "【情况告知】县交通运输局2022年度项目支出绩效自评表重新报送的文件未计入", subject
    assert "此后重新报送的“交通运输局（修改稿）.xlsx”年度填为2021年度，本次审核的是2022年度的表，未计入。" in body, body
    assert "仍以原报送的“交通运输局.xlsx”为准" in body and "请将年度改为2022年度后重新报送" in body, body
    assert "jixiao" not in body and "复核" not in body, body   # a document a department reads never talks of the tool
    # the 汇总表 takes the form still counted, and says which file it came from
    rv_summary = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["项目明细"]
    rows = [r for r in rv_summary.iter_rows(values_only=True) if UNIT in r]
    assert [r[-1] for r in rows] == ["交通运输局.xlsx"], rows
    # no return: no notice, and the returned department is as it was
    assert unit["notice"] is None and unit["mail"] is None, unit
    assert not (out / UNIT / "退回修改通知.docx").exists()


def test_a_passed_departments_resend_that_counts_is_said_without_a_mail(tmp_path: Path) -> None:
    """Its 修改稿 of the right year replaces the old form: the 台账 says it was counted; nobody is to be told."""
    inbox, out = _passed(tmp_path)
    write_forms([form(12, UNIT, indicators=_fixed(12), filled_on="2023.4.10")], inbox / UNIT / "交通运输局（修改稿）.xlsx")
    unit = _unit(review_json(inbox, out))
    assert unit["status"] == "通过" and ledger_row(out, UNIT)["文件"] == f"{UNIT}/交通运输局（修改稿）.xlsx", unit
    assert unit["last_round"]["resent"] == [{"file": f"{UNIT}/交通运输局（修改稿）.xlsx", "counted": True,
                                             "reason": ""}], unit["last_round"]
    assert str(ledger_row(out, UNIT)["状态"]).split("\n") == ["通过", "上轮通过", "重新报送 1 个文件", "已计入"]
    assert unit["resent_mail"] is None and not (out / UNIT / "情况告知邮件.eml").exists()
    assert _unit(review_json(inbox, out))["last_round"].get("resent") is None   # round 3, nothing new: as before


def test_the_resend_mail_of_round_two_is_moved_away_in_round_three(tmp_path: Path) -> None:
    """The 情况告知 draft is one of the round's files: the next round moves it into 历次复核 with the rest, not
    left beside the new round's files (the department then sent the form again with the year put right)."""
    inbox, out = _passed(tmp_path)
    bad = inbox / UNIT / "交通运输局（修改稿）.xlsx"
    write_forms([form(12, UNIT, indicators=_fixed(12), filled_on="2023.4.10", year=2021)], bad)
    assert _unit(review_json(inbox, out))["resent_mail"]
    bad.unlink()
    write_forms([form(12, UNIT, indicators=_fixed(12), filled_on="2023.4.12")], inbox / UNIT / "交通运输局（修改稿2）.xlsx")
    unit = _unit(review_json(inbox, out))
    assert unit["resent_mail"] is None and not (out / UNIT / "情况告知邮件.eml").exists(), unit
    assert list((out / "历次复核").rglob("情况告知邮件.eml")), list((out / "历次复核").rglob("*"))


def test_the_mail_says_why_each_resent_file_is_not_counted(tmp_path: Path) -> None:
    """Its 修改稿 on a hidden sheet and its old file again under a new name (its changes never saved): the mail says
    each in the department's words, no inbox path of the reviewer's, no parentheses in parentheses."""
    inbox, out = _passed(tmp_path)
    book = inbox / UNIT / "交通运输局（修改稿）.xlsx"
    write_forms([form(12, UNIT, indicators=_fixed(12), filled_on="2023.4.10")], book)
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("说明")
    wb.worksheets[0].sheet_state = "hidden"
    wb.active = 1
    wb.save(book)
    shutil.copyfile(inbox / UNIT / "交通运输局.xlsx", inbox / UNIT / "交通运输局（再报）.xlsx")
    unit = _unit(review_json(inbox, out))
    assert unit["status"] == "通过" and [f["counted"] for f in unit["last_round"]["resent"]] == [False, False], unit
    assert str(ledger_row(out, UNIT)["状态"]).split("\n")[2:] == ["重新报送 2 个文件", "未计入", "仍用原表"]
    _subject, body = _body(Path(unit["resent_mail"]))
    sheet = form(12, UNIT).project
    assert f"“交通运输局（修改稿）.xlsx”中的表在隐藏的工作表“{sheet}”上，未计入（如应报送，请取消隐藏）" in body, body
    assert "“交通运输局（再报）.xlsx”与原报送的“交通运输局.xlsx”内容完全相同，没有改动" in body, body
    assert f"{UNIT}/" not in body and "请改正后重新报送" in body, body
