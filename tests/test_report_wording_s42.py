"""What a QA tester found in the documents the 填报人 generates (session 42): an 实际完成值 written as a bare
number quoted without the unit its 指标值 gives (“完成值9000”), a forced draft repeating “完成情况未以实测数值
反映【待核实】” after every such indicator and a full score beside “未达到指标值” left unmarked, and figures the
整体报告's table and its text wrote two ways (“100.00” and “100分”)."""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded

SAMPLE_DIR = SAMPLES[0].parent


def _project(name: str, check: bool = False, **change):
    d = json.loads((SAMPLE_DIR / name).read_text(encoding="utf-8")) | change
    batch = Batch([Loaded(parse_form(d), "x.json")], files=1)
    return R.collect(batch, check=check_batch(batch) if check else None).projects[0]


def test_a_bare_actual_takes_the_unit_of_its_target():
    text = "".join(R.group_lines(_project("11.json")))
    # 宣传印刷品数量 ≥9000册 / 9000, 条幅数量 ≥10条 / 10
    assert "（指标值≥9000册，完成值9000册）" in text and "（指标值≥10条，完成值10条）" in text, text
    text = "".join(R.group_lines(_project("07.json")))
    assert "（指标值≤834元，完成值833.33元）" in text, text
    text = "".join(R.group_lines(_project("01.json")))
    assert "（指标值≤5.6万元，完成值5.18万元" in text, text
    # a target naming no unit, a month, or words: the actual as written
    assert "（指标值<1人，完成值0人）" in "".join(R.group_lines(_project("12.json")))
