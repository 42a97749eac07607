"""One form, one set of figures: score, check, summarize and report must agree.

Two cases that once gave different answers in different commands (issue #12):
- 年度资金总额 left blank while its 其中 rows are filled: every command now reads the sum of
  those rows (``Funds.column``), the template's formula too, and the checker names the
  blank total with that sum as what it should be;
- 全年执行数 24.9999 of 25: every text shows 99.99 %, never 100 % (``core.numbers.pct``).
"""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES
from jixiao.forms.project import layout as L
from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.core.numbers import pct
from jixiao.forms.project.model import parse_form
from jixiao.core.profiles import get_profile
from jixiao.forms.project.scoring import score_form
from jixiao.sources import Batch, Loaded
from jixiao.summary import summarize

FORM_01 = next(p for p in SAMPLES if p.stem == "01")


def _form(edit) -> Loaded:
    d = json.loads(FORM_01.read_text(encoding="utf-8"))
    edit(d)
    return Loaded(parse_form(d), "case.json")


def _blank_total(d):
    """01: 5.6 budgeted, 5.18 spent, all 当年财政拨款; the 年度资金总额 row left blank."""
    d["funds"]["total"] = {"initial": None, "annual": None, "executed": None}
    d["funds"]["fiscal"] = {"initial": 5.6, "annual": 5.6, "executed": 5.18}


def _almost_spent(d):
    d["funds"]["total"] = {"initial": 25, "annual": 25, "executed": 24.9999}
    d["funds"]["fiscal"] = {"initial": 25, "annual": 25, "executed": 24.9999}
    for k in ("carryover", "other"):
        d["funds"][k] = {"initial": None, "annual": None, "executed": None}
    d["exec_rate"] = None
    d["exec_score"] = None


def _figures(item: Loaded) -> dict:
    batch = Batch(forms=[item], files=1)
    profile = get_profile(None)
    result = check_batch(batch, profile)
    summary, _ = summarize(batch, result, profile)
    score = score_form(item.form, profile)
    project = R.collect(batch, profile=profile, check=result).projects[0]
    return {"score": score, "findings": result.findings, "row": summary.rows[0], "summary": summary,
            "clause": R.funds_clause(project), "project": project}


def test_blank_total_row_gives_one_budget_everywhere():
    f = _figures(_form(_blank_total))
    assert f["score"].exec_rate == pytest.approx(0.925)                       # score
    assert "5.6" in f["score"].exec_basis and "92.50%" in f["score"].exec_basis
    assert f["row"]["annual"] == pytest.approx(5.6) and f["row"]["executed"] == pytest.approx(5.18)
    assert f["row"]["exec_rate"] == pytest.approx(0.925)                     # summarize
    assert f["summary"].funds_due == pytest.approx(5.6)
    assert "5.60万元" in f["clause"] and "92.50%" in f["clause"]              # report
    a1 = [x for x in f["findings"] if x.rule == "A1"]
    assert {x.field for x in a1} == {"funds.total.initial", "funds.total.annual", "funds.total.executed"}
    assert {x.field: x.expected for x in a1}["funds.total.annual"] == pytest.approx(5.6)
    assert not [x for x in f["findings"] if x.rule == "A2"]                  # no "total is 0"


def test_blank_total_row_twin_matches_the_scorer():
    """The template's 执行率 formula falls back to the 其中 rows like ``Funds.column``."""
    form = _form(_blank_total).form
    shown = L.evaluate(L.form_env(form))
    assert shown["exec_rate"] == pytest.approx(score_form(form).exec_rate)
    formula = L.FormLayout().formulas()["exec_rate"]
    assert "SUM(D8:D10)" in formula and "SUM(E8:E10)" in formula


def test_rate_just_below_full_is_never_shown_as_100_percent():
    f = _figures(_form(_almost_spent))
    rate = f["score"].exec_rate
    assert rate < 1
    assert "99.99%" in f["score"].exec_basis and "100.00%" not in f["score"].exec_basis.split("得分")[0]
    assert "99.99%" in f["clause"] and "执行率100%" not in f["clause"]
    assert f["row"]["exec_rate"] == pytest.approx(rate)
    assert f["project"].under and not f["project"].fully_spent
    # every message that states this rate states it the same way
    assert not any("执行率 100.00%" in x.message or "执行率100%" in x.message for x in f["findings"])


@pytest.mark.parametrize("rate,text", [(0.999996, "99.99%"), (0.925, "92.50%"), (1.0, "100.00%"),
                                       (0.000001, "0.01%"), (1.2, "120.00%"), (None, "空白")])
def test_one_percent_formatter(rate, text):
    assert pct(rate) == text


@pytest.mark.parametrize("path,expected", [("indicators[3].score", (3, "score")), ("indicators[12]", (12, "name")),
                                           ("team[0].title", None), ("funds.total.annual", None),
                                           ("level1_scores[2]", None)])
def test_one_field_path_parser(path, expected):
    from jixiao.core.fieldpath import item

    assert item(path) == expected


def test_every_layout_finds_indicator_cells_through_the_one_parser():
    """The project, department and evaluation layouts give the indicator row's cell for a path."""
    from jixiao.core.fieldpath import item

    assert item("team[1].title", "team") == (1, "title")
    assert L.FormLayout().cell("indicators[2].score") == f"{L.IND_COL_OF['score']}{L.FIRST_IND + 2}"


def test_a_percentage_of_any_rate_the_forms_can_produce():
    """A 全年预算数 of 5e-324 (a hostile file) made the rate inf, and ``pct`` raised
    InvalidOperation — ``score`` stopped with an internal error (fuzz seed 3304). A huge finite
    rate needs more than the default 28 digits to be rounded to two places."""
    from jixiao.core.numbers import pct
    from jixiao.core.rates import exec_rate

    assert pct(exec_rate(executed=5.18, annual=5e-324)) == "无法计算" and pct(float("nan")) == "无法计算"
    assert pct(1e30) == "1" + "0" * 32 + ".00%" and pct(-1e30).startswith("-1000")
    assert pct(0.925) == "92.50%" and pct(0.99999) == "99.99%" and pct(1e-9) == "0.01%"
    from jixiao.core.numbers import round2

    assert round2(8.235) == 8.24 and round2(1e300) == 1e300 and round2(-1e40) == -1e40
    assert round2(float("inf")) == float("inf") and round2(float("nan")) != round2(float("nan"))


def test_score_of_a_form_with_a_vanishing_budget(tmp_path, capsys):
    from jixiao.cli import main as cli
    from jixiao.excel.workbook import write_forms

    data = json.loads(next(p for p in SAMPLES if p.name == "10.json").read_text(encoding="utf-8"))
    data["funds"]["total"]["annual"] = 5e-324
    book = write_forms([parse_form(data, "x")], tmp_path / "x.xlsx")
    for cmd in ("score", "check"):
        assert cli([cmd, str(book), "--json"]) in (0, 1), cmd
        out = capsys.readouterr()
        assert "内部错误" not in out.err and json.loads(out.out), cmd
    # the bureau's review writes that rate (inf) into the 汇总表's values: no cell holds inf
    import openpyxl

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book.rename(inbox / book.name)
    assert cli(["review", str(inbox), "-o", str(tmp_path / "out"), "--json"]) in (0, 1)
    out = json.loads(capsys.readouterr().out)
    wb = openpyxl.load_workbook(out["summary"])
    assert wb["项目明细"]["G3"].value == "无法计算" and wb["分单位汇总"]["G5"].value == "无法计算"
