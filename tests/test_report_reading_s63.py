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


def test_one_projects_table_has_no_total_row(tmp_path):
    """The 整体绩效自评工作报告's table of one project had a 合计 row repeating that project's 2.00, 2.00 and
    100% under it (the text says no 合计 of one figure since s62); several projects keep theirs."""
    import json

    from conftest import SAMPLES
    from jixiao.forms.project.model import parse_form
    from jixiao.sources import Batch, Loaded

    def rows(names: list[str], where) -> list[list[str]]:
        forms = [parse_form(json.loads(p.read_text(encoding="utf-8"))) for p in SAMPLES if p.name in names]
        batch = Batch([Loaded(f, f"{i}.json") for i, f in enumerate(forms)], files=len(forms))
        built = {p.stem: p for p in R.build_reports(batch, None, where, force=True)}
        table = Document(str(built["整体绩效自评工作报告"])).tables[0]
        return [[c.text for c in r.cells] for r in table.rows]

    one = rows(["11.json"], tmp_path / "one")
    assert len(one) == 2 and one[1][:2] == ["1", "打击诈骗骗保专项工作经费绩效目标表"], one
    assert not any("合计" in c for r in one for c in r)
    two = rows(["11.json", "12.json"], tmp_path / "two")
    assert len(two) == 4 and two[-1][0] == "合计"
