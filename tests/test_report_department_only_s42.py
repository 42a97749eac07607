"""A department that fills only the 部门整体支出绩效自评表 (session 42, h5).

Before: `jixiao report` of its workbook said “只读到部门整体支出绩效自评表，报告需要项目支出绩效自评表，
未生成报告” and wrote nothing; `finalize --email` had no 报送函 to attach. Now the workbook makes what
that department sends: the 报送函 (listing the 整体绩效自评工作报告 and the form) and the 整体绩效自评工作报告
written from the form, with no part on projects and nothing said of what is not there.
"""

from __future__ import annotations

import email
import json
from email.header import decode_header, make_header
from importlib import resources
from pathlib import Path

import pytest
from docx import Document

from jixiao import reports as R
from jixiao.cli import main
from jixiao.errors import ReportError
from jixiao.forms.department.model import parse_dept_form
from jixiao.sources import Batch, Loaded

SAMPLES = Path(str(resources.files("jixiao") / "samples"))
DEPT_JSON = SAMPLES / "zizhou-2023" / "department.json"
LETTER, PROJECT, OVERALL = R.DOCUMENTS


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "部门.xlsx"
    assert main(["fill", str(DEPT_JSON), "-o", str(book)]) == 0
    return book


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def _heads(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 1"]


def test_report_of_a_department_form_alone_writes_its_letter_and_whole_report(tmp_path, capsys):
    book = _book(tmp_path)
    out = tmp_path / "报告"
    # the sample's 社会效益 lost points without a 扣分原因 (F8): an error, so a draft
    assert main(["report", str(book), "-o", str(out), "--force"]) == 0
    assert "报告需要" not in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{LETTER}.docx", f"{OVERALL}.docx", f"{R.CHECK_NAME}.docx"])

    whole = _texts(out / f"{OVERALL}.docx")
    assert _heads(out / f"{OVERALL}.docx") == ["一、自评工作组织开展情况", "二、预算安排及资金分配情况",
                                               "三、部门整体支出绩效情况", "四、整改措施及结果应用"]
    assert not Document(str(out / f"{OVERALL}.docx")).tables
    text = "".join(whole)
    for never in ("0个项目", "项目支出绩效自评表", "项目支出绩效自评报告", "另行报送", "尚未", "jixiao", "{{", "{%"):
        assert never not in text, never
    assert whole[:2] == ["子洲县医疗保障局\n2023年度整体绩效自评工作报告",
                         "根据【待填写】要求，我单位对2023年度部门整体支出开展了绩效自评，现将有关情况报告如下。"]
    budget = whole[whole.index("二、预算安排及资金分配情况") + 1]
    assert budget == ("2023年度我单位全年总收入2903.8592万元，总支出2903.8592万元，其中基本支出1610.1692万元、"
                      "项目支出1293.69万元；年末结转结余0.00万元。")
    part3 = whole[whole.index("三、部门整体支出绩效情况") + 1:whole.index("四、整改措施及结果应用")]
    assert part3[0] == "部门基本情况：编制人数7人，实有人数6人；资产总额41.98万元。"   # the money said once, in 二
    assert part3[1].startswith("2023年度部门整体支出绩效自评共设三级指标20个，自评总分95分，等级为“优”；")
    assert "对扣分的2个三级指标（“社会效益”“社会公众或服务对象满意度”）逐一查明原因" in text
    assert whole[-2:] == ["子洲县医疗保障局", "2024年3月16日"]   # the form's 报告日期 as the 成文日期

    letter = _texts(out / f"{LETTER}.docx")
    assert "关于报送2023年度部门整体支出\n绩效自评报告的函" in letter
    # what it sends, once: the 附件 name the report and the form, the figures are theirs (s63)
    assert "根据【待填写】要求，我单位对2023年度部门整体支出开展了绩效自评，现将有关材料随函报送，请审核。" in letter
    attached = [p.text for p in Document(str(out / f"{LETTER}.docx")).paragraphs
                if p.style.name in ("附件", "附件续行")]
    assert attached == ["附件：1．2023年度整体绩效自评工作报告", "2．2023年度部门整体支出绩效自评表"]
    assert "项目" not in "".join(letter)


def test_a_workbook_of_an_evaluation_alone_is_still_refused(tmp_path, capsys):
    book = tmp_path / "评价.xlsx"
    assert main(["fill", str(SAMPLES / "fengtai-2023-evaluation" / "form.json"), "-o", str(book)]) == 0
    capsys.readouterr()
    assert main(["report", str(book), "-o", str(tmp_path / "报告")]) == 2
    err = capsys.readouterr().err
    assert "只读到项目支出绩效评价表，报告需要项目支出绩效自评表或部门整体支出绩效自评表，未生成报告" in err
    # s61: and what to do with it instead (it said only what it would not do)
    assert "“存在的问题”“有关建议”就写在表中，不另生成报告：请用 jixiao check 核对后用 jixiao finalize 定稿" in err
    assert not (tmp_path / "报告").exists()


def test_the_button_says_what_to_do_with_an_evaluation_alone(tmp_path):
    """生成报告 on a workbook of a 评价表 alone: the 填报人 is told to 校验 and 定稿 it (no command named)."""
    from jixiao.actions import FileHost, reports
    from jixiao.errors import NotAFormError

    book = tmp_path / "评价.xlsx"
    assert main(["fill", str(SAMPLES / "fengtai-2023-evaluation" / "form.json"), "-o", str(book)]) == 0
    with pytest.raises(NotAFormError) as e:
        reports(FileHost(str(book)), tmp_path / "报告", pdf=False)
    said = str(e.value)
    assert "只读到项目支出绩效评价表；报告需要项目支出绩效自评表或部门整体支出绩效自评表，未生成报告" in said
    assert "请点“校验”核对后点“定稿”，报送定稿的工作簿和 PDF。" in said and "jixiao" not in said
    assert not (tmp_path / "报告").exists()


def _mail(folder: Path) -> tuple[str, list[str]]:
    msg = email.message_from_bytes(next(folder.glob("*.eml")).read_bytes())
    body, names = "", []
    for part in msg.walk():
        if part.get_filename():
            names.append(str(make_header(decode_header(part.get_filename()))))
        elif part.get_content_type() == "text/plain":
            body = part.get_payload(decode=True).decode("utf-8")
    return body, names


def test_finalize_mails_the_letter_and_the_reports_it_lists(tmp_path, capsys):
    """Before: 定稿 of such a workbook attached no 报送函 (``letter_documents`` only for project forms).
    Now the letter and the 整体报告 go with the form; a 项目支出绩效自评报告 an earlier run left in the
    folder is not this workbook's, nor listed by its letter: not attached."""
    book = _book(tmp_path)
    capsys.readouterr()
    assert main(["finalize", str(book), "-o", str(tmp_path / "先"), "--force", "--email"]) == 0
    said = capsys.readouterr().out
    assert "“报送函”和“整体绩效自评工作报告”都还没有生成" in said and "项目支出绩效自评报告" not in said
    folder = R.report_folder(book)
    assert main(["report", str(book), "-o", str(folder), "--force"]) == 0
    (folder / f"{PROJECT}.docx").write_bytes((folder / f"{OVERALL}.docx").read_bytes())   # a stale one
    capsys.readouterr()
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--email"]) == 0
    said = capsys.readouterr().out
    assert "还没有生成" not in said and "不在邮件草稿中" not in said
    body, names = _mail(tmp_path / "定稿")
    unit = "子洲县医疗保障局-2023-"
    assert names[:2] == [f"{unit}报送函.docx", f"{unit}整体绩效自评工作报告.docx"]
    assert names[2:] == [f"{unit}部门整体支出绩效自评表.xlsx", f"{unit}部门整体支出绩效自评表.pdf"][:len(names) - 2]
    assert not any(PROJECT in n for n in names) and "报送函" in body


def test_the_date_taken_from_the_forms_report_date_is_said_as_that(tmp_path):
    """A 报告日期 in the budget year, no 成文日期 in the 设置: refused, naming the form's 报告日期 (the
    project forms' 填报日期 was the only date this knew)."""
    d = json.loads(DEPT_JSON.read_text(encoding="utf-8"))
    d["report_date"] = "2023-05-01"
    d["indicators"][18]["reason"] = "年初计划的5项社会效益事项完成4项"
    batch = Batch([], departments=[Loaded(parse_dept_form(d, "部门整体"), "部门.xlsx", "部门整体")])
    with pytest.raises(ReportError) as exc:
        R.build_reports(batch, None, tmp_path / "no")
    assert "取自评表的报告日期：“部门.xlsx”中“部门整体”工作表" in str(exc.value) and "（报告日期）" in str(exc.value)
    assert not (tmp_path / "no").exists()


def test_the_button_makes_them_too(tmp_path):
    """生成报告 in Excel (``actions.reports``) refused such a workbook as `report` did."""
    from jixiao.actions import FileHost, reports

    book = _book(tmp_path)
    notes: list[str] = []
    written = reports(FileHost(str(book)), tmp_path / "报告", pdf=False, force=True, notes=notes)
    assert sorted(p.name for p in written) == sorted([f"{LETTER}.docx", f"{OVERALL}.docx", f"{R.CHECK_NAME}.docx"])
    assert any("这是草稿" in n for n in notes)


def test_its_check_report_counts_and_reviews_the_form_it_has(tmp_path):
    """The 校验报告 beside them said “共校验项目支出绩效自评表0张、……”, left 三、复核得分 empty and said in
    四 that “各项目的绩效目标设定未发现问题” — of projects there are none."""
    book = _book(tmp_path)
    assert main(["report", str(book), "-o", str(tmp_path / "报告"), "--force"]) == 0
    text = _texts(tmp_path / "报告" / f"{R.CHECK_NAME}.docx")
    assert "共校验部门整体支出绩效自评表1张，发现错误1处" in "".join(text) and "0张" not in "".join(text)
    k = text.index("三、复核得分")
    assert text[k + 1].startswith("1．部门整体支出绩效自评表（子洲县医疗保障局）：自评表总分95分，按表中评分标准复核为95分（其中")
    assert "四、绩效目标设定" not in text and "各项目" not in "".join(text)
