"""What a 财政局 reviewer found in the 退回修改通知 (stop 44's QA, the county inbox of 50 workbooks): four
rules gave as their 应为 a description, which the notice quoted as the value to type into the cell —
H7 应为“不含数值的名称（如‘全县参保人’）”, A12 应为“约 6 万元（请核对数量、单价与预算）” on the unit
cost's cell, A14 应为“≤23 万元（按本项目预算设定）”, A6 应为“指标得分与执行情况相称（执行率 55.67%）”."""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao.cli import main
from jixiao.review.notices import item_text


def _form() -> dict:
    return json.loads(SAMPLES[0].read_text(encoding="utf-8"))


def _findings(tmp_path, capsys, d: dict, rule: str) -> list[dict]:
    p = tmp_path / "f.json"
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["check", str(p), "--json"])
    return [{**f, "kind": "finding"} for f in json.loads(capsys.readouterr().out) if f["rule"] == rule]


def _no_description_quoted(text: str) -> None:
    # a value to type is quoted after 应为; a description in brackets inside it is no such value
    assert "应为“" not in text or "（" not in text.split("应为“", 1)[1].split("”", 1)[0], text


def test_a_value_in_an_indicator_name_suggests_the_name_itself(tmp_path, capsys):
    d = _form()
    d["indicators"][0].update(name="全县参保人约 10 万人", target="≥100000 人", actual="100000 人")
    (h7,) = _findings(tmp_path, capsys, d, "H7")
    assert h7["expected"] == "全县参保人", h7
    text = item_text(1, h7)
    _no_description_quoted(text)
    assert "名称可改为“全县参保人”" in text and text.count("全县参保人”") == 1, text


def test_quantity_times_unit_cost_asks_to_check_them_not_to_type_the_budget(tmp_path, capsys):
    d = _form()
    d["funds"]["total"].update(initial=6, annual=6, executed=6)
    d["funds"]["fiscal"].update(initial=6, annual=6, executed=6)
    d["indicators"][0].update(name="保障代办员人数", target="≥105 人", actual="105 人")
    d["indicators"][3].update(name="人均代办员成本", target="≤183.49 元/人", actual="183.49 元/人")
    (a12,) = _findings(tmp_path, capsys, d, "A12")
    text = item_text(1, a12)
    _no_description_quoted(text)
    assert "应为" not in text and "应核对数量、单价与全年执行数（数量 × 单价应约为 6 万元）" in text, text


def test_a_total_cost_far_below_the_budget_suggests_the_budget_as_the_value(tmp_path, capsys):
    d = _form()
    d["funds"]["total"].update(initial=23, annual=23, executed=23)
    d["funds"]["fiscal"].update(initial=23, annual=23, executed=23)
    d["indicators"][3].update(name="总成本", target="≤2 万元", actual="2 万元")
    (a14,) = _findings(tmp_path, capsys, d, "A14")
    assert a14["expected"] == "≤23 万元", a14
    text = item_text(1, a14)
    _no_description_quoted(text)
    assert "应为“≤23 万元”" in text, text


def test_a_low_rate_with_full_scores_says_what_to_do(tmp_path, capsys):
    d = _form()
    d["funds"]["total"]["executed"] = d["funds"]["fiscal"]["executed"] = 2.8
    d["exec_rate"], d["exec_score"] = "50%", 5
    (a6,) = _findings(tmp_path, capsys, d, "A6")
    text = item_text(1, a6)
    _no_description_quoted(text)
    assert "应为" not in text and "应按实际完成情况填写完成值和得分" in text, text
    assert text.endswith("请核实实际完成值和执行数，如无误可说明理由。"), text


def test_a_cell_in_wan_is_not_followed_by_the_same_figure_in_brackets(tmp_path, capsys):
    """A10, A14, C8 (and A11) quote the cell and give its figure in 万元 after it: “表中为“65.22 万元”
    （65.22 万元）” said it twice. The bracket stays where it says something: a cell in 元."""
    d = _form()
    d["funds"]["total"].update(initial=23, annual=23, executed=23)
    d["funds"]["fiscal"].update(initial=23, annual=23, executed=23)
    d["indicators"][3].update(name="总成本", target="≤2 万元", actual="2 万元")
    (a14,) = _findings(tmp_path, capsys, d, "A14")
    assert "“≤2 万元”只有" in a14["message"], a14["message"]
    d["indicators"][3].update(target="≤20000 元")
    (a14,) = _findings(tmp_path, capsys, d, "A14")
    assert "“≤20000 元”（2 万元）只有" in a14["message"], a14["message"]
    d = _form()   # the sample's 5.18 万元 spent; the cost's 完成值 says 6.5 万元
    d["indicators"][3].update(name="总成本", target="≤5.6 万元", actual="6.5 万元")
    (a10,) = _findings(tmp_path, capsys, d, "A10")
    assert a10["message"].endswith("表中为“6.5 万元”"), a10["message"]
    d = _form()
    d["indicators"][3].update(target="≤88 万元")
    (c8,) = _findings(tmp_path, capsys, d, "C8")
    assert "表中为“≤88 万元”，可能" in c8["message"], c8["message"]


def test_the_detail_says_its_grade_is_the_self_evaluations_beside_a_review_score_of_another_grade():
    """项目明细 of the review's 汇总表 showed 等级 “优” beside a 复核得分 of 88.76 (82 rows of the county's
    500) while the department's notice said “总分应为 88.76，等级良”: the note under the table spoke only
    of scores over 100. The 等级 stays the 自评得分's (the 汇总表 counts it); the note names the rows."""
    from jixiao.summary.book import detail_note

    rows = [{"grade": "优", "total": 90.76, "reviewed_total": 88.76},
            {"grade": "良", "total": 85, "reviewed_total": 85},
            {"grade": "良", "total": 89.2, "reviewed_total": 92.2}]
    assert detail_note(rows) == ("注：序号为1、3的项目复核得分与自评得分不在同一等级，“等级”按表中的自评得分评定，"
                                 "汇总表按它统计。")
    assert detail_note(rows, reviewed=False) is None     # the 定稿 a department sends has no 复核得分
    assert detail_note(rows[1:2]) is None
    over = [{"grade": "优", "total": 100, "reviewed_total": 109.5}, rows[0]]
    note = detail_note(over)
    assert note is not None and "序号为1的项目复核得分超过100分" in note and "序号为2的项目复核得分与自评得分不在同一等级" in note
    assert note.endswith("得分超过100即表中有误，见校验结果。"), note
