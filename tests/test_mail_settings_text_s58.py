"""The 定稿 mail prints the 设置 as the 报送函 prints it (stop 58 QA).

The 设置 typed by hand — “  大厂回族自治县 医疗保障局\\n”, 主送机关 “县财政局(绩效科) ”, 联系人 “ 王  某,科员”, 联系电话
“0316 - 8812345 ” — went into the mail as typed: subject “【绩效自评】大厂回族自治县 医疗保障局2022年度…”, “县财政局(绩效科)：”,
“联系人：王  某,科员  电话：0316 - 8812345”, and the attachments named “大厂回族自治县 医疗保障局-2022-…”, while the 报送函
the mail carries printed “县财政局（绩效科）：” and “（联系人：王某，科员；联系电话：0316-8812345）”. One reading of a 设置
field for every document (``reports.text.setting_text``), the mail's too."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from jixiao.core.settings import Settings, from_mapping
from jixiao.forms.project.model import load_form
from test_report_department import CLEAN

MESSY = Settings(unit="  大厂回族自治县 医疗保障局\n", addressee="县财政局(绩效科) ", signer="大厂回族自治县医疗保障局 ",
                 contact=" 王\u3000\u3000某,科员", phone="0316 - 8812345 ", date="2023.3.1")


def _mail(tmp_path: Path, settings: Settings) -> tuple[email.message.EmailMessage, list[str]]:
    from jixiao.excel.workbook import write_forms
    from jixiao.finalize import finalize

    form = load_form(CLEAN)
    book = write_forms([form], tmp_path / "自评表.xlsx")
    done = finalize(book, tmp_path / "out", force=True, pdf=False, email=True, settings=settings)
    assert done.eml is not None
    msg = email.message_from_bytes(done.eml.read_bytes(), policy=policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg, [p.name for p in (tmp_path / "out").iterdir()]


def test_the_mail_prints_the_settings_as_the_letter_does(tmp_path):
    msg, files = _mail(tmp_path, MESSY)
    body = msg.get_body().get_content()
    unit = "大厂回族自治县医疗保障局"
    assert str(msg["Subject"]) == f"【绩效自评】{unit}2022年度项目支出绩效自评表"
    assert body.startswith("县财政局（绩效科）：\n"), body
    assert f"\n{unit}\n2023年3月1日\n" in body, body
    assert "联系人：王某，科员；联系电话：0316-8812345" in body, body
    assert [a.get_filename() for a in msg.iter_attachments()] == [f"{unit}-2022-项目支出绩效自评表.xlsx"]
    assert all(name.startswith(f"{unit}-2022-") for name in files), files
    for typed in ("(", ",", " 医", "王\u3000", "0316 "):
        assert typed not in body, (typed, body)
    assert not any("  " in line.strip() for line in body.splitlines()), body
    assert "    1．" in body and "1. " not in body, body   # the ordinal as the 报送函's and the 退回邮件's


def test_the_letter_prints_the_same(tmp_path):
    """The same reading in the 报送函's 附注 and the reports' titles: “王  某” and “0316 - 8812345” were printed as typed,
    and a unit typed with a space inside its name was printed so in both reports' titles."""
    from docx import Document

    from jixiao import reports as R
    from jixiao.sources import load_all

    paths = {p.stem: p for p in R.build_reports(load_all([CLEAN]), MESSY, tmp_path, force=True)}
    letter = [p.text for p in Document(str(paths[R.DOCUMENTS[0]])).paragraphs if p.text.strip()]
    assert letter[-1] == "（联系人：王某，科员；联系电话：0316-8812345）", letter[-1]
    report = [p.text for p in Document(str(paths[R.DOCUMENTS[1]])).paragraphs if p.text.strip()]
    assert report[0].startswith("大厂回族自治县医疗保障局\n"), report[0]
    # the unit typed with a space is the forms' 实施单位: not named again as another one
    assert not any("实施单位：大厂回族自治县医疗保障局" in t for t in report)


def test_a_contact_or_phone_alone_leaves_no_empty_label():
    from jixiao.finalize import email_text

    _s, body = email_text(Settings(phone="0316-8812345"), "县医保局", 2022, 1, [])
    assert body.rstrip().endswith("\n联系电话：0316-8812345") and "联系人" not in body, body
    _s, body = email_text(Settings(contact="王某"), "县医保局", 2022, 1, [])
    assert body.rstrip().endswith("\n联系人：王某") and "电话" not in body, body


def test_a_year_typed_as_text_is_the_year():
    """“2023年”, “2023年度”, “二〇二三年” in the 设置's 年度 were read as no year at all: the documents took the forms'
    year, and a 设置 of another year than the forms' went unsaid (``years.year_conflict`` saw none)."""
    for typed in ("2023年", "2023年度", " 2023 ", "二〇二三年", 2023.0, "2023.0", "（2023年度）"):
        assert from_mapping({"年度": typed}, "设置").year == 2023, typed
    assert from_mapping({"年度": "明年"}, "设置").year is None
