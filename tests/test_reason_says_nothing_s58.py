"""A deduction's 扣分原因 that says nothing (“无”, “/”, “—”, “无。”, “暂无”) is no reason (s58, QA of the
项目支出绩效评价表): V7 — and the project form's D6, the 部门整体 form's F8, which share the check — took any
text for one, so an evaluator writing “无” beside 8 of 10 was told nothing, though V10 already held a
“存在的问题” of “无” to say nothing. One notion for both: ``core.numbers.says_nothing``."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from jixiao.checking.rules import load_catalogue
from jixiao.core.numbers import says_nothing
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.evaluation.rules import check_forms
from jixiao.sources import Loaded

SAMPLES = Path(str(resources.files("jixiao") / "samples"))


@pytest.mark.parametrize("text", [None, "", "  ", "无", "无。", "/", "／", "—", "-", "暂无", "没有", " 无 "])
def test_says_nothing(text):
    assert says_nothing(text)


@pytest.mark.parametrize("text", ["无法按时完成", "资金拨付滞后", "无专项制度", "0", "未完成"])
def test_says_something(text):
    assert not says_nothing(text)


def test_an_evaluation_deduction_with_reason_none_is_v7():
    d = json.loads((SAMPLES / "fengtai-2023-evaluation" / "form.json").read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        ind["reason"] = "未完全达到评分标准"
    d["indicators"][0]["reason"] = "无"             # 目标内容 8 of 10
    d["indicators"][1]["reason"] = "/"              # 决策依据 4 of 5
    d["indicators"][2]["reason"] = "无"             # 决策程序 5 of 5: nothing deducted, nothing to say
    [(_s, found)] = check_forms([Loaded(parse_eval_form(d), "评价.json")], None, load_catalogue())
    v7 = [(f.cell, f.message, f.found) for f in found if f.rule == "V7"]
    assert v7 == [
        ("K8", "指标“目标内容”得分 8 分，低于分值 10 分，扣了 2 分，应在“扣分原因”中写明原因，表中只写了“无”", "无"),
        ("K9", "指标“决策依据”得分 4 分，低于分值 5 分，扣了 1 分，应在“扣分原因”中写明原因，表中只写了“/”", "/")]


def test_the_department_form_the_same():
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.forms.department.rules import check_forms as check_dept

    d = json.loads((SAMPLES / "zizhou-2023" / "department.json").read_text(encoding="utf-8"))
    d["indicators"][18]["reason"] = "暂无"           # 社会效益 12 of 15
    [(_s, found)] = check_dept([Loaded(parse_dept_form(d), "部门.json")])
    assert [f.message for f in found if f.rule == "F8" and f.field == "indicators[18].reason"] == [
        "指标“社会效益”得分 12 分，低于分值 15 分，扣了 3 分，应在“扣分原因”中写明原因，表中只写了“暂无”"]


def test_the_project_form_s_d6_the_same(tmp_path, capsys):
    from jixiao.cli import main

    d = json.loads((SAMPLES / "dachang-2022" / "13.json").read_text(encoding="utf-8"))
    d["indicators"][0]["reason"] = "无"              # 应补尽补率 0 of 15, 完成值 “未完成”
    src = tmp_path / "13.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["check", str(src), "--json"])
    d6 = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "D6"]
    assert [(f["field"], f["found"]) for f in d6] == [("indicators[0].reason", "无")]
    assert d6[0]["message"].endswith("应在“偏差原因分析及改进措施”中写明原因，表中只写了“无”")


def test_g1_takes_a_remark_or_reasons_of_none_for_silence():
    """G1 (执行率 below 100 % with no reason anywhere) took a 说明 of “无” or a 偏差原因 of “/” for a reason."""
    import sys
    sys.path.insert(0, "tests")
    from test_rules import clean, run

    d = clean()
    d["remark"] = "无"
    for i in d["indicators"]:
        i["reason"] = "/"
    assert [f.rule for f in run(d) if f.rule == "G1"] == ["G1"]
    d["remark"] = "结余 0.42 万元"
    assert not [f for f in run(d) if f.rule == "G1"]
