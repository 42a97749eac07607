"""One mistake, one fix (s41 QA item 12): the points one mistake causes do not ask for opposite changes.

- A 分值 typed 20 for 10 (the 分值 add up to 110) while its 得分 was given out of 10: B1 names that 分值
  on its own cell, and D4 does not ask for the 得分 to be raised to 20 (a fix that made the form worse),
  nor D11/D12 for a 总分 above 100.
- A 得分 above its 分值: one point on the cell (D4, with the 得分 to type, says it is above the 分值;
  D1's “应不超过” inside it), and 计算 says so too.
"""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao.cli import main


def _check(capsys, tmp_path, edit) -> list[dict]:
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))  # 退役军人辅助性岗位经费: 分值 10 + 90 = 100
    edit(data)
    path = tmp_path / "form.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def _on(findings: list[dict], field: str) -> list[dict]:
    return [f for f in findings if f["field"] == field]


def test_a_mistyped_weight_is_named_and_its_score_left_be(capsys, tmp_path):
    def edit(d):
        d["indicators"][0]["weight"] = 20   # 工作人员数量: 得分 10 of 分值 10, typed 20

    got = _check(capsys, tmp_path, edit)
    weight = _on(got, "indicators[0].weight")
    assert [f["rule"] for f in weight] == ["B1"]
    assert weight[0]["expected"] == 10 and weight[0]["found"] == 20
    assert "指标“工作人员数量”的分值应为 10 分，表中为 20 分" in weight[0]["message"] and "110" in weight[0]["message"]
    assert [g["rule"] for g in weight[0].get("folded", [])] == ["B3"]   # 产出 60 → 50 follows: one value for the cell
    assert _on(got, "indicators[0].score") == []                       # no “得分应为 20”
    assert not [f for f in got if f["rule"] in ("D12",)]
    d11 = [f for f in got if f["rule"] == "D11"]
    assert len(d11) == 1 and "工作人员数量" not in d11[0]["message"] and d11[0]["expected"].startswith("99.25")
    assert not [f for f in got if f["rule"] in ("B1", "B2") and f["field"] == "total_weight"]  # its 100 is right


def test_a_sum_no_single_weight_explains_names_the_two_that_do(capsys, tmp_path):
    """Two 分值 5 too many each: no one of them explains 110, the two together do (stop 45; the plain B1
    and D4's 得分 under the wrong 分值 before: tests/test_two_misweighted_s45.py)."""
    def edit(d):
        d["indicators"][0]["weight"] = 15
        d["indicators"][1]["weight"] = 15

    got = _check(capsys, tmp_path, edit)
    b1 = sorted((f["field"], f["expected"]) for f in got if f["rule"] == "B1")
    assert b1 == [("indicators[0].weight", 10), ("indicators[1].weight", 10)], b1
    assert not [f for f in got if f["rule"] == "D4" and f["field"] in ("indicators[0].score", "indicators[1].score")]


def test_a_score_above_its_weight_is_one_point_on_the_cell(capsys, tmp_path):
    def edit(d):
        d["indicators"][0]["score"] = 30   # 分值 10

    got = _check(capsys, tmp_path, edit)
    on = _on(got, "indicators[0].score")
    assert [f["rule"] for f in on] == ["D4"] and on[0]["expected"] == 10
    assert "表中为 30 分，超过了分值 10 分" in on[0]["message"]
    assert [g["rule"] for g in on[0]["folded"]] == ["D1"]


def test_calc_says_a_kept_score_is_above_its_weight(tmp_path):
    import openpyxl

    from jixiao.actions import FileHost, calc
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import parse_form

    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["indicators"][0]["score"] = 30
    src = write_forms([parse_form(data)], tmp_path / "book.xlsx")
    host = FileHost(str(src), str(tmp_path / "out.xlsx"))
    done = calc(host)
    title = openpyxl.load_workbook(src).worksheets[0].title
    assert (title, "H14 填 30 分（超过分值 10 分，建议 10 分）") in done.kept
    assert "H14 填 30 分（超过分值 10 分，建议 10 分）" in done.message()


def test_a_rate_from_overspent_funds_is_no_value_to_type(capsys, tmp_path):
    """全年执行数 95 over 全年预算数 88: A5 says so; A3 asks for the funds first, not for “107.95%”; a
    执行率得分 that follows the written rate waits for it (no A4 “应为 10”, no D11 “9.25 → 10”)."""
    def edit(d):
        d["funds"]["total"] = {"initial": 88, "annual": 88, "executed": 95}
        d["funds"]["fiscal"] = {"initial": 88, "annual": 88, "executed": 95}

    got = _check(capsys, tmp_path, edit)
    rules = {f["rule"] for f in got}
    assert "A5" in rules and "A4" not in rules
    a3 = [f for f in got if f["rule"] == "A3"]
    assert len(a3) == 1 and "107.95" not in a3[0]["message"] and "请改正资金数" in a3[0]["message"]
    assert a3[0]["expected"] == "改正资金数后按全年执行数 ÷ 全年预算数计算"
    d11 = [f for f in got if f["rule"] == "D11"]
    assert all("执行率得分" not in f["message"] for f in d11)


def test_calc_says_its_suggestions_are_under_weights_that_do_not_add_up(tmp_path):
    """计算 on a form whose 分值 add up to 110: a suggestion is a share of its 分值, so it says the 分值 come first
    (it named “H14 填 10 分（建议 20 分）” as if 20 were the score to take)."""
    from jixiao.actions import FileHost, calc
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import parse_form

    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["indicators"][0]["weight"] = 20
    src = write_forms([parse_form(data)], tmp_path / "book.xlsx")
    done = calc(FileHost(str(src), str(tmp_path / "out.xlsx")))
    assert [w for _s, w in done.weights_off] == ["分值合计为 110 分"]
    assert "分值合计不是 100" in done.message() and "请先改正分值" in done.message()
    data["indicators"][0]["weight"] = 10   # the sample as published: nothing said
    src = write_forms([parse_form(data)], tmp_path / "ok.xlsx")
    assert "分值合计" not in calc(FileHost(str(src), str(tmp_path / "ok-out.xlsx"))).message()
