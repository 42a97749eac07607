"""The documents a department sends, read as the 财政局 reads them (session 63)."""

from __future__ import annotations

from docx import Document

from jixiao import reports as R


def _texts(tmp_path, batch) -> dict[str, list[str]]:
    return {p.stem: [x.text for x in Document(str(p)).paragraphs if x.text.strip()]
            for p in R.build_reports(batch, None, tmp_path) if p.suffix == ".docx"}


def test_the_whole_report_opens_with_the_department_form_it_restates(tmp_path):
    """The 整体绩效自评工作报告 of a department sending its 部门整体支出绩效自评表 with its projects opened
    “我单位对2022年度1个项目的支出开展了绩效自评”, then gave part 五 to the 部门整体 form; the letter over it
    says “对2022年度部门整体支出和1个项目开展了绩效自评”. The 项目支出绩效自评报告 speaks of the projects alone."""
    from test_report_reading_s62 import _department_batch

    docs = _texts(tmp_path, _department_batch())
    whole, project = docs["整体绩效自评工作报告"], docs["项目支出绩效自评报告"]
    assert whole[1] == "根据【待填写】要求，我单位对2022年度部门整体支出和1个项目的支出开展了绩效自评，现将有关情况报告如下。"
    assert project[1] == "根据【待填写】要求，我单位对2022年度1个项目的支出开展了绩效自评，现将有关情况报告如下。"
    assert "五、部门整体支出绩效情况" in whole

