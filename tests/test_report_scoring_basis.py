"""The documents a department sends name the scoring rules as a 公文 cites them — 《项目支出绩效评价管理办法》
（财预〔2020〕10号） and, for a province's variant, the rule in words — never by the tool's name for a
scoring scheme (“按财预〔2020〕10号+偏差扣分+优≥80评分规则自评”)."""

from __future__ import annotations

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.profiles import get_profile
from jixiao.reports.templates import NAMES
from jixiao.sources import load_all

CLEAN = [p for p in SAMPLES if p.stem == "11"]   # the one sample form without errors
MEASURES = "《项目支出绩效评价管理办法》（财预〔2020〕10号）"


def _texts(tmp_path, profile):
    paths = R.build_reports(load_all(CLEAN), None, tmp_path, profile=profile, force=True)
    out = {}
    for p in paths:
        if p.stem in NAMES:
            doc = Document(str(p))
            out[p.stem] = "\n".join(par.text for par in doc.paragraphs)
    assert set(out) == set(NAMES)
    return out


def test_default_rules_are_cited_by_title_and_number(tmp_path):
    texts = _texts(tmp_path, None)
    for name, text in texts.items():
        assert "评分规则" not in text, name
    project, overall = texts["项目支出绩效自评报告"], texts["整体绩效自评工作报告"]
    assert f"按{MEASURES}规定的评分方法自评" in project
    assert f"得分按{MEASURES}规定的评分方法计算。" in project
    assert f"自评按{MEASURES}规定的评分方法进行" in overall


def test_a_provinces_variant_is_said_in_words(tmp_path):
    profile = get_profile("财预〔2020〕10号+偏差扣分+执行率封顶+优≥80")
    texts = _texts(tmp_path, profile)
    for name, text in texts.items():
        assert "评分规则" not in text and "+" not in text and "偏差扣分" not in text and "≥80" not in text, name
    project, overall = texts["项目支出绩效自评报告"], texts["整体绩效自评工作报告"]
    for text in (project, overall):
        assert MEASURES in text
        assert "完成值偏离指标值超过30%的指标扣2分" in text
        assert "预算执行率低于50%的总分不超过59分" in text
        assert "80分（含）以上为优" in text
