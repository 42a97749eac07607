"""What a 财政局 reviewer found in the 退回修改通知 (stop 43's QA): an item quoting as the cell's content
what the cell does not hold (E1 “表中为“与‘…’相同””), a corrected 总分 resting on score changes no item
names (D11 on “完成” where a number belongs), “7 个指标扣了分” naming three without “等”, and a
notice telling the department to choose a setting of the software (A9)."""

from __future__ import annotations

import copy
import json

from conftest import SAMPLES
from jixiao.cli import main
from jixiao.review.notices import item_text


def _form(**changes) -> dict:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(changes)
    return d


def _check(tmp_path, capsys, *forms: dict) -> list[dict]:
    paths = []
    for k, d in enumerate(forms):
        p = tmp_path / f"{k}.json"
        p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        paths.append(str(p))
    capsys.readouterr()
    main(["check", *paths, "--json"])
    return json.loads(capsys.readouterr().out)


def test_a_copied_indicator_set_is_not_quoted_as_what_the_cell_holds(tmp_path, capsys):
    a = _form()
    b = copy.deepcopy(a)
    b["project"] = "另一个项目经费"
    found = [f for f in _check(tmp_path, capsys, a, b) if f["rule"] == "E1"]
    assert len(found) == 2
    for f in found:
        assert f["found"] is None and f["expected"] == "按本项目的任务和预算设定绩效指标"
        text = item_text(1, {**f, "kind": "finding"})
        assert "表中为" not in text and "应为" not in text, text
        assert "逐条相同，应按本项目的任务和预算" in text, text


def _worded(d: dict) -> dict:
    """Two quantitative indicators with “完成” for their 完成值, scored half their 分值 (reasons given)."""
    for ind in d["indicators"][:2]:
        ind.update(actual="完成", score=ind["weight"] / 2, reason="部分人员年中到岗")
    d["total_score"] = d["exec_score"] + sum(i["score"] for i in d["indicators"])
    return d


def test_a_word_where_a_number_belongs_changes_no_score_in_the_corrected_total(tmp_path, capsys):
    """C5 asks for the number; D11 said “改正得分后（“工作人员数量”5 → 8；…）” on the tier of the word,
    a change no item names. It says nothing now; C5 stands on both cells."""
    found = _check(tmp_path, capsys, _worded(_form()))
    assert [f["cell"] for f in found if f["rule"] == "C5"] == ["F14", "F15"]
    (d11,) = [f for f in found if f["rule"] == "D11"]   # the sample's own: H17 under D4
    assert "“年发放工资、保险费用”18.5 分 → 20 分" in d11["message"]
    assert "工作人员数量" not in d11["message"] and "足额发放率" not in d11["message"], d11["message"]
    assert "总分应为 89.25 分" in d11["message"]


def test_deducted_indicators_beyond_three_are_said_with_deng(tmp_path, capsys):
    def g3(short: int) -> str:
        d = _form(goal_actual="全部完成")
        for ind in d["indicators"][:short]:   # qualitative, in the tier of “基本达成”: a deduction no rule undoes
            ind.update(target="有效保障", actual="基本达成", score=ind["weight"] * 0.9, reason="个别环节有延误")
        d["total_score"] = d["exec_score"] + sum(i["score"] for i in d["indicators"])
        (hit,) = [f for f in _check(tmp_path, capsys, d) if f["rule"] == "G3"]
        return hit["message"]

    said = g3(5)
    assert "但 5 个指标扣了分（“工作人员数量”9/10 分、“足额发放率”9/10 分、“工资发放及时性”9/10 分 等 5 个）" in said, said
    said = g3(3)
    assert "但 3 个指标扣了分（“工作人员数量”9/10 分、“足额发放率”9/10 分、“工资发放及时性”9/10 分）" in said, said


def test_a_rounded_rate_score_is_said_without_a_setting_of_the_software(tmp_path, capsys):
    """A 执行率得分 of the rate rounded to 84% (funds give 83.6%): the notice told the department “请选用评分
    方案选项“执行率取整””, a setting of the software the department does not have."""
    d = _form(exec_rate="84%", exec_score=8.4)
    for row in ("total", "fiscal"):
        d["funds"][row]["executed"] = 4.6816
    d["total_score"] = d["exec_score"] + sum(i["score"] for i in d["indicators"])
    (a9,) = [f for f in _check(tmp_path, capsys, d) if f["rule"] == "A9"]
    text = item_text(1, {**a9, "kind": "finding"})
    assert "是按取整后的执行率 84.00% 计算的（本地规定按取整的执行率计分的除外）" in text, text
    assert "评分方案" not in text and "选用" not in text


def test_a_rate_the_cell_shows_rounded_is_said_beside_the_funds_rate(tmp_path, capsys):
    """G7 holds 0.88 (shown 88.00%), the funds give 88.09%: G1's item on G7 said “执行率为 88.09%”, a rate
    the department does not see in that cell; it says where 88.09% comes from and what the cell shows."""
    d = next(json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES
             if json.loads(p.read_text(encoding="utf-8"))["project"] == "更新购置医保监督执法用车")
    (g1,) = [f for f in _check(tmp_path, capsys, d) if f["rule"] == "G1"]
    assert g1["message"].startswith("执行率为 88.09%（全年执行数 ÷ 全年预算数，表中为 88.00%），低于 100%"), g1["message"]
    plain = _form()   # 92.5% written as the funds give it: nothing added
    (g1,) = [f for f in _check(tmp_path, capsys, plain) if f["rule"] == "G1"]
    assert g1["message"].startswith("执行率为 92.50%，低于 100%")


def test_the_review_score_holds_a_word_where_a_number_belongs_to_its_points_only(tmp_path, capsys):
    """The 复核得分 (``jixiao score``, the 汇总表) raised “完成”'s 5 to 8 of 10 by the word's tier — 77.648
    against the form's 50.648 in a county's 汇总表, explained by no notice item — where D11 and D5 did
    not. The scorer keeps such a written score, bounded by its 分值 only: every total agrees."""
    d = _worded(_form())
    p = tmp_path / "w.json"
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["score", str(p), "--json"])
    (scored,) = json.loads(capsys.readouterr().out)
    first = scored["indicators"][:2]
    assert [i["score"] for i in first] == [i["weight"] / 2 for i in d["indicators"][:2]], first
    assert all("档" not in i["basis"] and "沿用填报得分" in i["basis"] for i in first), first
    found = _check(tmp_path, capsys, d)
    (d11,) = [f for f in found if f["rule"] == "D11"]
    assert d11["expected"].startswith(f"{scored['total']:g}（"), (d11["expected"], scored["total"])
    # over the 分值 the word still cannot carry it: bounded at the 分值 (D1 names the cell)
    from jixiao.forms.project.scoring import score_indicator

    assert score_indicator("≥100000 人", "完成", 10, 12).score == 10
    assert score_indicator("≥100000 人", "完成", 10, 5).score == 5
    assert score_indicator("有效保障", "完成", 10, 5).score == 8      # a qualitative target keeps its tiers
