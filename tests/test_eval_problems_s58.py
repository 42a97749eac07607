"""V13 (“存在的问题”没有涉及大部分扣分的方面) counts an area as spoken of where the problems restate one of
its deductions' 扣分原因, not only where they name the indicator (s58, QA of the 项目支出绩效评价表).

An evaluator deducted under 项目过程 (过程控制: “监控不到位”), 项目产出 (产出时效: “部分资金拨付滞后”) and
项目效益, and wrote the problems the way evaluation reports do, from those reasons: “项目监控不到位；资金
拨付滞后；政策宣传不足，群众满意度有待提高”. V13 said they spoke of none but 项目效益 (“满意度”, a word of
服务对象满意度) and asked for 项目过程 and 项目产出 — which they had. The review's 退回修改通知 sent it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from jixiao.checking.rules import load_catalogue
from jixiao.forms.evaluation.model import parse_eval_form
from jixiao.forms.evaluation.rules import check_forms
from jixiao.sources import Loaded

SAMPLE = Path(str(resources.files("jixiao") / "samples" / "fengtai-2023-evaluation" / "form.json"))
REASONS = {"目标内容": "绩效目标未细化量化", "决策依据": "论证不充分", "组织机构": "分工不明确", "过程控制": "监控不到位",
           "产出数量": "部分任务未完成", "产出质量": "部分验收不合格", "产出时效": "部分资金拨付滞后",
           "社会效益": "宣传不足", "服务对象满意度": "满意度94%，未达95%"}


def _v13(problems: str, reasons: dict[str, str] = REASONS) -> list[str]:
    d = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for ind in d["indicators"]:
        ind["reason"] = reasons.get(ind["name"])
    d["problems"], d["suggestions"] = problems, "加强管理。"
    [(_score, found)] = check_forms([Loaded(parse_eval_form(d), "评价.json")], None, load_catalogue())
    return [f.message for f in found if f.rule == "V13"]


def test_problems_restating_the_deductions_reasons_speak_of_their_areas():
    assert _v13("项目监控不到位；资金拨付滞后；政策宣传不足，群众满意度有待提高") == []
    assert _v13("绩效目标未细化；部分资金拨付滞后。") == []          # 决策 (its indicator's word) and 产出
    # one area only, still: 满意度 alone
    [msg] = _v13("群众满意度有待提高")
    assert msg.endswith("没有涉及项目决策、项目过程、项目产出")


def test_a_reason_every_deduction_shares_speaks_of_none():
    same = {name: f"{name}未完全达到评分标准" for name in REASONS}
    [msg] = _v13("部分指标未完全达到评分标准。", same)
    assert "没有涉及项目决策、项目过程、项目产出、项目效益" in msg


def test_a_run_is_taken_within_one_phrase_of_a_reason():
    """“到位；资金” is no phrase of “监控不到位；资金不足”: the runs stop at its punctuation."""
    reasons = {**REASONS, "过程控制": "监控不到位；资金不足"}
    [msg] = _v13("群众满意度有待提高，不到位资金不多", reasons)
    assert "项目过程" in msg.split("没有涉及")[1]
