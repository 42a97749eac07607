"""The 项目支出绩效自评报告's “四、其他需要说明的问题” reads as a department sends it: it printed a bare
【待填写】 line and under it the automatic sentence on how the figures were reached."""

from __future__ import annotations

import json

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.settings import TODO, load_settings_file
from jixiao.reports.templates import NAMES
from jixiao.sources import load_all

PROJECT = NAMES[1]


def _section_four(tmp_path, settings=None):
    paths = R.build_reports(load_all(SAMPLES[:2]), settings, tmp_path, force=True)
    doc = Document(str(next(p for p in paths if p.stem == PROJECT)))
    ps = [p.text for p in doc.paragraphs]
    i = ps.index("四、其他需要说明的问题")
    return [t for t in ps[i + 1:] if t.strip()][:-2]   # up to the 落款 (unit, date)


def test_without_the_departments_words_the_section_is_the_one_automatic_paragraph(tmp_path):
    four = _section_four(tmp_path)
    assert four == ["本报告中的执行率为全年执行数除以全年预算数，得分按《项目支出绩效评价管理办法》（财预〔2020〕10号）规定的评分方法计算。"]
    assert TODO not in "".join(four)


def test_the_departments_words_come_first(tmp_path):
    p = tmp_path / "设置.json"
    p.write_text(json.dumps({"其他说明": "本单位无其他需要说明的问题。"}, ensure_ascii=False), encoding="utf-8")
    four = _section_four(tmp_path, load_settings_file(p))
    assert four[0] == "本单位无其他需要说明的问题。" and len(four) == 2 and four[1].startswith("本报告中的执行率为")
