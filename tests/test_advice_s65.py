"""s65: what a 填报人 reads for a cell must fit the cell on the form (the 填报人 walk of s65).

1. A 总分 that is our template's formula: D11/D12 said “请先把分值合计改为 100 分，再按改正后的得分重新合计”
   and “总分应为 109.5” on it — a number to type over the formula, after which it no longer follows the
   scores. Now they name the 分值/得分 to change and say the 总分 recomputes itself; a 总分 typed (another
   layout, JSON, a number typed over the formula) keeps the typed advice.
"""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from jixiao.checking.run import check_batch
from jixiao.excel.plan import SetComment, annotation_plan
from jixiao.excel.workbook import write_forms
from jixiao.sources import load_all

TEN = next(p for p in SAMPLES if p.name == "10.json")


def _book(tmp_path, **change):
    """10.json with ``change`` written by ``jixiao fill``'s writer: the 总分 is the template's formula
    where it is the sum as written (the writer keeps a different figure typed)."""
    d = json.loads(TEN.read_text(encoding="utf-8"))
    d.update(change)
    src = tmp_path / "10.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    (item,) = load_all([src]).forms
    return write_forms([item.form], tmp_path / "10.xlsx")


def _on_total(path):
    fs = [f for f in check_batch(load_all([path])).findings if f.field == "total_score"]
    return {f.rule: f for f in fs}, fs


def _comment(fs):
    return [e.text for e in annotation_plan(fs).edits if isinstance(e, SetComment)]


def test_a_formula_total_above_100_is_not_to_be_typed(tmp_path):
    book = _book(tmp_path, total_score=110)    # the sum as written: the writer keeps the formula
    by, fs = _on_total(book)
    d11 = by["D11"]
    assert "重新合计" not in d11.message.replace("自动重新合计", "")
    assert "总分应为" not in d11.message and "总分将为 109.5 分" in d11.message
    assert "请先把分值合计改为 100 分（G 列分值现合计 110 分），再改正上述得分，总分格是公式，随之自动重新合计" in d11.message
    for text in _comment(fs):
        assert "应为" not in text, text


def test_a_formula_total_d12_names_the_weights(tmp_path):
    book = _book(tmp_path, exec_score=9.5, total_score=109.5)
    by, _fs = _on_total(book)
    assert by["D12"].message.endswith("请先把分值合计改为 100 分（G 列分值现合计 110 分），"
                                      "总分格是公式，随之自动重新合计，不要在总分格中键入数字")


def test_a_typed_total_keeps_the_typed_advice(tmp_path):
    book = _book(tmp_path)    # 总分 100 against a sum of 110: typed over the formula
    by, _fs = _on_total(book)
    assert by["D11"].message.endswith("请先把分值合计改为 100 分，再按改正后的得分重新合计")
    assert "总分应为 109.5 分" in by["D11"].message


def test_a_formula_total_under_100_asks_for_the_scores(tmp_path):
    """A score certainly wrong under a formula 总分 of 96: “总分应为 95.5” asked to type it; now the score."""
    d = json.loads(TEN.read_text(encoding="utf-8"))
    w = d["indicators"][0]["weight"]
    d["indicators"][0]["weight"] = w - 10     # the 分值 add up to 100
    d["indicators"][0]["score"] = min(d["indicators"][0]["score"], w - 10)
    total = d["exec_score"] + sum(i["score"] for i in d["indicators"])
    book = _book(tmp_path, indicators=d["indicators"], total_score=total)
    by, fs = _on_total(book)
    d11 = by["D11"]
    assert "总分将为" in d11.message and "总分应为" not in d11.message
    assert d11.message.endswith("请把上述得分改为改正后的分数，总分格是公式，随之自动重新合计，不要在总分格中键入数字")
    for text in _comment(fs):
        assert "应为" not in text, text


# 2. “10” typed as text in the 执行率 cell (percent format): 计算 wrote the number 10, which the cell shows as
#    1000.00% (and the 执行率得分 formula as 100%: MIN(G7,1)), and 校验 said “表中为 10（即 1000.00%）”. Excel
#    enters 10 typed into a percent cell as 10 % (0.1): every place now reads it so (``core.rates.rate_written``).

def test_a_bare_number_typed_in_the_rate_cell_is_that_many_percent(tmp_path, capsys):
    from test_rate_typed_as_text import _calc, _typed

    book, _, score_formula = _typed(tmp_path, "10")    # the funds give 92.50%
    capsys.readouterr()
    from jixiao.cli import main

    main(["check", str(book), "--json"])
    before = {(x["cell"], x["rule"]): x["message"] for x in json.loads(capsys.readouterr().out)}
    assert "表中为 10（即 10.00%）" in before[("G7", "A3")], before
    said, ws, found = _calc(book, tmp_path / "算.xlsx", capsys)
    assert ws["G7"].value == pytest.approx(0.1) and ws["G7"].data_type == "n" and "%" in ws["G7"].number_format
    assert ws["H7"].value == score_formula
    assert ("执行率 G7 中的“10”是文字，已改为数值 10.00%（执行率格是百分数格式，键入 10 即 10%），"
            "执行率得分 H7 按它计算为 1 分") in said, said
    assert "应为 92.50%" in said
    assert "1000" not in said + "".join(found.values()), found
    assert "表中为 1 分" in found[("H7", "A4")] and "（即 10.00%）" in found[("G7", "A3")], found


@pytest.mark.parametrize("text", ["92.5", "0.925", "92.5%"])
def test_the_rate_the_funds_give_typed_as_text_gets_its_formula_back(tmp_path, capsys, text):
    from test_rate_typed_as_text import _calc, _typed

    book, rate_formula, _ = _typed(tmp_path, text)
    said, ws, found = _calc(book, tmp_path / "算.xlsx", capsys)
    assert ws["G7"].value == rate_formula, said
    assert not [k for k in found if k[0] in ("G7", "H7") and k[1] in ("A3", "A4")], found


def test_rate_written():
    from jixiao.core.numbers import NotANumber
    from jixiao.core.rates import rate_written

    assert rate_written("10") == pytest.approx(0.1) and rate_written("９２．５") == pytest.approx(0.925)
    assert rate_written("92.5%") == pytest.approx(0.925) and rate_written("0.95") == 0.95 and rate_written("1") == 1
    assert rate_written(10) == 10 and rate_written(None) is None   # a number is what the cell holds (1000 %)
    with pytest.raises(NotANumber):
        rate_written("约98%")


# 3. A cell showing #VALUE! (a broken formula) in a 实际完成值 of a 定量 indicator: X2 “单元格是错误值 #VALUE!” (a
#    warning) and C5 “……表中为“#VALUE!””(an error) on the one cell. Now C5 speaks with X2's cause and fix inside
#    it (``guard.sanitize.one_per_error_cell``), counted once by the command, the 校验 button and the review.

def _broken_actual(tmp_path):
    book = _book(tmp_path, exec_score=9.5, total_score=109.5)
    import openpyxl

    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["F16"] = "#VALUE!"     # an error value (openpyxl: type “e”), as a broken formula shows
    assert wb.worksheets[0]["F16"].data_type == "e"
    inbox = tmp_path / "inbox" / "医保局"
    inbox.mkdir(parents=True)
    wb.save(inbox / "自评表.xlsx")
    return inbox / "自评表.xlsx"


def test_a_cell_showing_an_error_value_has_one_finding(tmp_path, capsys):
    from jixiao import actions
    from jixiao.actions import FileHost
    from jixiao.cli import main

    book = _broken_actual(tmp_path)
    capsys.readouterr()
    main(["check", str(book), "--json"])
    found = json.loads(capsys.readouterr().out)
    (f16,) = [x for x in found if x["cell"] == "F16"]
    assert f16["rule"] == "C5" and f16["severity"] == "error"
    assert f16["message"].endswith("实际完成值应为一个以“%”计的数值，表中为错误值 #VALUE!（公式无法计算），请改正公式或填入数值")
    assert [g["rule"] for g in f16["folded"]] == ["X2"]
    counts = (sum(x["severity"] == "error" for x in found), sum(x["severity"] == "warning" for x in found))
    result, _ = actions.check(FileHost(str(book)))       # the 校验 button
    assert [f.rule for f in result.findings if f.cell == "F16"] == ["C5"]
    assert (sum(f.severity == "error" for f in result.findings),
            sum(f.severity == "warning" for f in result.findings)) == counts
    main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json"])
    [dept] = json.loads(capsys.readouterr().out)["departments"]
    assert (dept["errors"], dept["warnings"]) == counts, dept


@pytest.mark.parametrize("sample, rule, label", [("zizhou-2023/department.json", "F12", "总分"),
                                                 ("fengtai-2023-evaluation/form.json", "V8", "总计得分")])
def test_the_other_kinds_formula_total_asks_for_the_scores(tmp_path, sample, rule, label):
    """The 部门整体 form's 总分 (F12) and the 评价表's 总计 (V8) the same: a score above its 分值 under the
    template's total formula said “{label}应为 95” on the formula cell; now the score, and the total follows."""
    from pathlib import Path

    from jixiao.cli import main

    d = json.loads((Path(TEN).parents[1] / sample).read_text(encoding="utf-8"))
    ind = d["indicators"][0]
    ind["score"] = ind["weight"] + 2
    d["total_score"] = sum(i["score"] for i in d["indicators"] if isinstance(i.get("score"), (int, float)))
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "form.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    (f,) = [f for f in check_batch(load_all([book])).findings if f.rule == rule]
    assert f"{label}将为" in f.message and f"{label}应为" not in f.message, f.message
    assert f.message.endswith(f"请把上述得分改为改正后的分数，{label}格是公式，随之自动重新合计，不要在{label}格中键入数字")
    for text in _comment([f]):
        assert "应为" not in text, text


# 4. The same on D14 (D11's warning: only a score a warning asks to change changes the 总分) and on D7 where a
#    score typed as text is left out of the template's SUM: on a formula 总分 they said “总分应为 96.67” and
#    “总分应为 99.25” — a number to type over the formula. Now they say what to change, and that the 总分 follows.

def test_d14_on_a_formula_total_asks_for_the_scores(tmp_path):
    from jixiao.cli import main

    d = json.loads(next(p for p in SAMPLES if p.name == "11.json").read_text(encoding="utf-8"))
    d["indicators"][-1].update(name="设备正常使用年限", target="≥3年", actual="已正常使用1年",
                               score=d["indicators"][-1]["weight"])    # D8: a warned score, the 总分 adds up
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "form.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    by, fs = _on_total(book)
    d14 = by["D14"]
    assert d14.severity == "warning" and "总分将为" in d14.message and "总分应为" not in d14.message, d14.message
    assert d14.message.startswith("若“设备正常使用年限”的得分按该项提示改为"), d14.message
    assert d14.message.endswith("请核实，需改正的请把上述得分改为改正后的分数，总分格是公式，随之自动重新合计，"
                                "不要在总分格中键入数字"), d14.message
    for text in _comment(fs):
        assert "应为" not in text, text
    # the 退回修改通知: one request, no second “请核实” after it, no value to type
    from dataclasses import asdict

    from jixiao.review.notices import item_text
    said = item_text(1, {**asdict(d14), "kind": "finding"}, placed=True)
    assert said.count("请核实") == 1 and "应为" not in said, said
    assert said.endswith("不要在总分格中键入数字，如无误可说明理由。"), said
    # the same form as JSON: its 总分 is typed, the typed advice stays
    typed = {f.rule: f for f in check_batch(load_all([src])).findings if f.field == "total_score"}["D14"]
    assert "总分应为" in typed.message and typed.message.endswith("请核实"), typed.message


def test_d7_on_a_formula_total_short_of_a_text_score_asks_for_the_number(tmp_path):
    import openpyxl

    from jixiao.cli import main

    book = tmp_path / "项目.xlsx"
    assert main(["fill", str(TEN.parents[1] / "dachang-2022" / "01.json"), "-o", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["H15"], wb.worksheets[0]["H17"] = "10分", 20    # only the text is short of the 总分
    wb.save(book)
    by, fs = _on_total(book)
    d7 = by["D7"]
    assert d7.message == ("总分将为 99.25 分（执行率得分 9.25 分 + 指标得分合计 90 分），表中为 89.25 分"
                          "（H15 的“10分”是文字，表中公式未计入）；请把 H15 的得分改为数字，总分格是公式，"
                          "随之自动重新合计，不要在总分格中键入数字"), d7.message
    for text in _comment(fs):
        assert "应为" not in text, text


# 5. F12 and V8 where a score typed as text is left out of the template's SUM: on a formula 总分 (总计得分) they
#    said “总分应为各指标得分之和 87.4 分” — a number to type over the formula. Now, as D7, the cell to make a number,
#    through the same ``formula_fix``; a total typed over the formula keeps “应为”.

@pytest.mark.parametrize("sample, rule, label", [("zizhou-2023/department.json", "F12", "总分"),
                                                 ("fengtai-2023-evaluation/form.json", "V8", "总计得分")])
def test_the_other_kinds_formula_total_short_of_a_text_score_asks_for_the_number(tmp_path, sample, rule, label):
    from pathlib import Path

    import openpyxl

    from jixiao.cli import main
    from jixiao.forms import kind_of
    from jixiao.core.numbers import score_text

    d = json.loads((Path(TEN).parents[1] / sample).read_text(encoding="utf-8"))
    src = tmp_path / "form.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    book = tmp_path / "form.xlsx"
    assert main(["fill", str(src), "-o", str(book)]) == 0
    (item,) = [it for items in load_all([book]).by_kind.values() for it in items]
    i = next(i for i, ind in enumerate(item.form.indicators) if isinstance(ind.score, (int, float)) and ind.score > 0)
    cell = kind_of(item.form).cell_of(item, f"indicators[{i}].score")
    total_cell = kind_of(item.form).cell_of(item, "total_score")
    score = item.form.indicators[i].score
    wb = openpyxl.load_workbook(book)
    assert str(wb.worksheets[0][total_cell].value).startswith("="), total_cell    # the template's formula
    wb.worksheets[0][cell] = f"{score_text(score).removesuffix(' 分')}分"            # a score typed as text
    wb.save(book)
    (f,) = [f for f in check_batch(load_all([book])).findings if f.rule == rule]
    assert f"{label}将为" in f.message and "应为" not in f.message, f.message
    assert f"{cell} 的“" in f.message and "是文字，表中公式未计入" in f.message, f.message
    assert f.message.endswith(f"；请把 {cell} 的得分改为数字，{label}格是公式，随之自动重新合计，不要在{label}格中键入数字"), f.message
    for text in _comment([f]):
        assert "应为" not in text, text
    # a number typed over the formula: the total is typed, “应为” the sum stays
    wb.worksheets[0][total_cell] = 50
    wb.save(book)
    (f,) = [f for f in check_batch(load_all([book])).findings if f.rule == rule]
    assert f.message.startswith(f"{label}应为各指标得分之和 ") and "格是公式" not in f.message, f.message
