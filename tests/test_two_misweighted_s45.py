"""Two 分值 typed wrong, each 得分 given under the right one (stop 42 left this to the plain B1).

Sample 11 scores every indicator full. With “宣传印刷品数量” typed 20 for 10 (得分 10) and
“制作条幅成本” 10 for 5 (得分 5) the 分值 add up to 115: B1 said only that, and D4 asked for 得分 20
and 10 — a fix that made the form worse. Now B1 names both 分值, and neither 得分 is asked to change.
"""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao.cli import main as cli_main


def _found(tmp_path, capsys, change) -> list[dict]:
    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    change({i["name"]: i for i in d["indicators"]})
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    cli_main(["check", str(src), "--json"])
    return json.loads(capsys.readouterr().out)


def test_both_weights_are_named_and_no_score_is_asked_for(tmp_path, capsys):
    def two(by):
        by["宣传印刷品数量"]["weight"] = 20
        by["制作条幅成本"]["weight"] = 10

    found = _found(tmp_path, capsys, two)
    b1 = sorted((f["field"], f["expected"], f["found"]) for f in found if f["rule"] == "B1")
    assert b1 == [("indicators[0].weight", 10, 20), ("indicators[5].weight", 5, 10)], b1
    first = next(f for f in found if f["field"] == "indicators[0].weight")
    assert "合计为 115" in first["message"] and first["message"].endswith("指标“制作条幅成本”的分值同样有误"), first
    asked = [f for f in found if f["field"].endswith(".score") or f["rule"] in ("D4", "D11", "D12")]
    assert asked == [], asked


def test_a_third_weight_slip_is_named_too(tmp_path, capsys):
    """“制作条幅成本” typed 12 for 5: deltas 10 and 7 make up the 17 over; both named."""
    def two(by):
        by["宣传印刷品数量"]["weight"] = 20
        by["制作条幅成本"]["weight"] = 12

    found = _found(tmp_path, capsys, two)
    b1 = sorted((f["field"], f["expected"]) for f in found if f["rule"] == "B1")
    assert b1 == [("indicators[0].weight", 10), ("indicators[5].weight", 5)], b1


def test_where_more_than_one_set_adds_up_b1_stays_plain(tmp_path, capsys):
    """Two 分值 20 for 10, and two other scores half their 分值: {数量, 条幅} and either with both halves
    make up the 20 over. Which 分值 is wrong cannot be told: the plain B1, and D4 on the scores."""
    def muddled(by):
        by["宣传印刷品数量"]["weight"] = 20
        by["条幅数量"]["weight"] = 20
        by["宣传品质量"]["score"] = 5
        by["工作完成时间"]["score"] = 5

    found = _found(tmp_path, capsys, muddled)
    b1 = [f for f in found if f["rule"] == "B1"]
    assert [f["field"] for f in b1] == ["total_weight"], b1
    assert {f["field"] for f in found if f["rule"] == "D4"} >= {"indicators[0].score", "indicators[1].score"}
