"""A project none of whose indicators can be judged (every 实际完成值 “完成”) (stop 58 QA).

The reports said “共设三级指标9个，其中9个指标的完成情况未以实测数值反映……” (“其中” all of them), the 项目报告's
绩效目标 overview “按……自评，其中9个指标的……”, and its 存在的问题 “未发现未达到指标值的指标；另有9个指标……” — none
was judged, so “另有” had nothing before it. They now say “各指标的完成情况均未以实测数值反映”."""

from __future__ import annotations

import json

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.settings import Settings
from jixiao.sources import load_all

CLEAN = next(p for p in SAMPLES if p.name == "11.json")


def test_all_unjudged_is_said_as_all(tmp_path):
    data = json.loads(CLEAN.read_text("utf-8"))
    for ind in data["indicators"]:
        ind["actual"] = "完成"
        ind["target"] = ind["target"] if ind["target"][0] in "≥≤" else "≥95%"   # “显著” is met by “完成”
    form = tmp_path / "form.json"
    form.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    paths = {p.stem: p for p in R.build_reports(load_all([form]), Settings(), tmp_path / "out", force=True)}
    texts = [p.text for stem in R.DOCUMENTS[1:] for p in Document(str(paths[stem])).paragraphs]
    said = "各指标的完成情况均未以实测数值反映，是否达到指标值需补充实际完成数后确定"
    assert any(f"共设三级指标9个，{said}" in t for t in texts), texts
    assert any(f"自评，{said}" in t for t in texts), texts
    assert any(t.startswith(said) for t in texts), texts
    for t in texts:
        assert "其中9个" not in t and "另有9个" not in t and "，其中各" not in t, t
