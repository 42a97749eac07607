"""The paragraphs the 设置 sheet gives (存在的问题, 整改措施, 其他说明) go into the documents a department
sends in Chinese punctuation, as the text copied from the forms does (GB/T 15834): they went in as typed,
“部分项目前期工作不扎实,"先拨后用"现象仍存在。” with a half-width comma and straight quotes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.settings import Settings
from jixiao.forms.department.model import parse_dept_form
from jixiao.sources import Batch, Loaded, load_all

LETTER, PROJECT, OVERALL = R.DOCUMENTS
TYPED = Settings(problems='部分项目前期工作不扎实,"先拨后用"现象仍存在。',
                 measures='加强项目储备;严格执行"先有目标、后有预算"。\n2.完善 2024 年项目库(按季度更新)。',
                 others="项目资金已于2023年12月全部到位,无其他说明:详见附件。")


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def test_settings_paragraphs_take_chinese_punctuation(tmp_path):
    paths = {p.stem: p for p in R.build_reports(load_all(SAMPLES[:2]), TYPED, tmp_path, force=True)}
    project, whole = _texts(paths[PROJECT]), _texts(paths[OVERALL])
    problem = "部分项目前期工作不扎实，“先拨后用”现象仍存在。"
    measures = ["加强项目储备；严格执行“先有目标、后有预算”。", "2．完善2024年项目库（按季度更新）。"]   # GB/T 9704: “1．”
    assert problem in project
    i = project.index(measures[0])
    assert project[i:i + 2] == measures
    assert "项目资金已于2023年12月全部到位，无其他说明：详见附件。" in project
    i = whole.index(measures[0])
    assert whole[i:i + 2] == measures
    for text in project + whole:
        assert '"' not in text and "," not in text and ";" not in text, text


def test_the_department_form_alone_takes_them_too(tmp_path):
    """The 整体报告 of a department sending its 部门整体 form alone (``whole_context``) prints 整改措施 too."""
    dept = json.loads((resources.files("jixiao") / "samples" / "zizhou-2023" / "department.json").read_text("utf-8"))
    batch = Batch([], departments=[Loaded(parse_dept_form(dept, "部门整体"), "部门.xlsx", "部门整体")])
    paths = {p.stem: p for p in R.build_reports(batch, TYPED, tmp_path, force=True)}
    whole = _texts(paths[OVERALL])
    assert "加强项目储备；严格执行“先有目标、后有预算”。" in whole
    assert not any('"' in t or ";" in t for t in whole)
