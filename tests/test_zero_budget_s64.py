"""A project with no money this year (全年预算数 0), told one story by 校验 (session 64).

The 执行率 cannot be worked out, so its 分值 earns nothing. A18 (on the 全年预算数) said so and sent the 填报人 to
the 财政局; but the same form's other cells said otherwise: a blank 执行率分值 was told “原则上为 10 分” (B5, an
error), and a 填报人 who did what A18 asks about — 执行率分值 0, its 10 points given to the indicators — was warned
“预算执行率分值原则上为 10 分，表中为 0 分” and “产出指标分值合计原则上为 50 分，表中为 60 分” (B3). The story now:
either way is the 财政局's to choose (keep the 10 分 and a 总分 of at most 90, or 0 分 and the 10 points on the
indicators); A18 names both, B5 asks for one of them, B3 leaves the second alone."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from jixiao.checking.run import check_paths

ZERO = {"initial": 0, "annual": 0, "executed": 0}
SOME = {"initial": 5, "annual": 5, "executed": 5}


def _findings(tmp_path: Path, name: str, funds_row: dict, moved: int = 0, **change) -> dict[str, list]:
    """The sample form 01 (产出 50 = 10+10+10+20, 效益 30, 满意度 10) with ``funds_row`` as every 资金 row's, its
    first indicator's 分值 (and 得分) raised by ``moved``; findings by rule."""
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    inds = change.pop("indicators", None) or [dict(i) for i in d["indicators"]]
    inds[0]["weight"] += moved
    inds[0]["score"] = inds[0]["weight"]
    d.update(funds={"total": funds_row, "fiscal": funds_row, "carryover": {}, "other": {}}, exec_rate=None,
             exec_score=None, total_weight=None, total_score=None, indicators=inds, **change)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    out: dict[str, list] = {}
    for f in check_paths([path])[1].findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_a_blank_execution_weight_of_a_project_with_no_money_is_not_told_10_points(tmp_path):
    """B5 said “原则上为 10 分” beside A18's “执行率得分按 0 分计…请向财政局确认”: two instructions."""
    got = _findings(tmp_path, "空白分值", ZERO, funds_weight=None)
    [b5] = got["B5"]
    assert b5.severity == "error" and b5.field == "funds_weight"
    assert "原则上为 10 分" not in b5.message, b5.message
    assert b5.message.startswith("预算执行率的分值未填写，表中为空白；全年预算数为 0，执行率无法计算"), b5.message
    assert "10 分" in b5.message and "0 分" in b5.message and "财政局" in b5.message, b5.message
    assert b5.expected == "按财政局的要求填写 10 分或 0 分", b5.expected
    [a18] = got["A18"]
    assert "执行率的分值未填写" in a18.message and "按 0 分计，总分中没有这一部分" not in a18.message, a18.message
    kept, moved = "填 10 分（执行率得分按 0 分计，总分最高 90 分）", "填 0 分、把 10 分分配到绩效指标（使分值合计仍为 100 分）"
    assert a18.message.endswith(f"以及执行率分值{kept}还是{moved}"), a18.message
    assert b5.message.endswith(f"请按财政局的要求填写：{kept}，或{moved}"), b5.message


def test_a_blank_execution_weight_with_money_is_still_told_the_principle(tmp_path):
    [b5] = _findings(tmp_path, "有预算", SOME, funds_weight=None)["B5"]
    assert b5.message == "预算执行率的分值未填写，原则上为 10 分，表中为空白" and b5.expected == 10


def test_no_money_and_the_execution_points_kept_names_both_ways(tmp_path):
    got = _findings(tmp_path, "保留", ZERO)
    [a18] = got["A18"]
    assert a18.message.startswith("全年预算数为 0，执行率无法计算，执行率得分（分值 10 分）按 0 分计"), a18.message
    assert "总分最高 90 分" in a18.message and "执行率分值改为 0 分" in a18.message, a18.message
    assert "B3" not in got and "B5" not in got and "B1" not in got


def test_no_money_and_the_points_given_to_the_indicators_is_not_told_to_take_them_back(tmp_path):
    """执行率分值 0, 产出 60: B3 warned twice (“原则上为 10 分，表中为 0 分”, “原则上为 50 分，表中为 60 分”)."""
    got = _findings(tmp_path, "分到指标", ZERO, moved=10, funds_weight=0)
    assert not {"A18", "B1", "B3", "B5"} & set(got), {k: [f.message for f in v] for k, v in got.items()}


def test_no_money_and_a_first_level_left_under_its_share_is_still_warned(tmp_path):
    """The 10 points moved, and 10 more taken from 满意度 to 产出: 满意度 5 is under its principle."""
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    sat = next(k for k, i in enumerate(d["indicators"]) if i["level1"] == "满意度指标")
    inds = [dict(i) for i in d["indicators"]]
    inds[0]["weight"] += 15
    inds[sat]["weight"] -= 5
    inds[sat]["score"] = inds[sat]["weight"]
    got = _findings(tmp_path, "满意度少", ZERO, funds_weight=0, indicators=inds)
    b3 = got["B3"]
    assert [f.field for f in b3] == [f"indicators[{sat}].weight"], [f.message for f in b3]
    assert b3[0].message == "满意度指标分值合计原则上为 10 分，表中为 5 分"


def test_with_money_an_execution_weight_of_0_is_still_warned(tmp_path):
    got = _findings(tmp_path, "有预算0分", SOME, moved=10, funds_weight=0)
    assert [f.field for f in got["B3"]] == ["funds_weight", "indicators[0].weight"]
    assert got["B3"][0].message == "预算执行率分值原则上为 10 分，表中为 0 分"
