"""An indicator whose name has brackets of its own (02.json: “(医疗保险报销结算)服务人数”), listed in a
report's brackets: “未达到指标值的1个（（医疗保险报销结算）服务人数，偏差原因：……）” — the same bracket inside
itself. GB/T 15834 writes the outer one 〔〕: “〔（医疗保险报销结算）服务人数，偏差原因：……〕”."""

from __future__ import annotations

from docx import Document

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.core.settings import Settings
from jixiao.reports.text import bracketed
from jixiao.sources import load_all


def test_bracketed():
    assert bracketed("服务人数") == "（服务人数）"
    assert bracketed("（医疗保险报销结算）服务人数") == "〔（医疗保险报销结算）服务人数〕"


def test_no_bracket_inside_the_same_bracket_in_the_reports(tmp_path):
    form = next(p for p in SAMPLES if p.name == "02.json")
    paths = {p.stem: p for p in R.build_reports(load_all([form]), Settings(), tmp_path / "out", force=True)}
    texts = [p.text for stem in R.DOCUMENTS[1:] for p in Document(str(paths[stem])).paragraphs]
    named = [t for t in texts if "（医疗保险报销结算）服务人数" in t]
    assert named and all("（（" not in t for t in named), named
    assert any("〔（医疗保险报销结算）服务人数" in t for t in named), named
