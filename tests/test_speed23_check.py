"""Issue #18, second round on the checking stage: each shortcut gives what the long way gave.

As in test_speed18_rules.py: the byte-identical ``check --json`` of the 10,000-form corpus is the
main proof; these tests pin each shortcut on its own.
"""

from __future__ import annotations

from functools import partial

import random
from decimal import Decimal

from jixiao.core import numbers
from jixiao.core.numbers import fmt, pct


def _fresh(fn, *args, **kw):
    """``fn`` computing its text anew: nothing kept from an earlier call."""
    numbers._FMT_SEEN.clear()
    numbers._PCT_SEEN.clear()
    return fn(*args, **kw)


def _numbers():
    rnd = random.Random(23)
    xs = [0.0, -0.0, 1.0, -1.0, 0.1, 0.005, 0.015, 0.0049999, 0.99995, 0.999951, 1e-9, -1e-9, 2.675, 8.235,
          1e16, 123456.789, 0.7411363636363636, 1, 0, -3, 10 ** 17, True, False]
    xs += [rnd.uniform(-2, 2) for _ in range(300)] + [round(rnd.uniform(0, 120), rnd.randint(0, 5)) for _ in range(300)]
    return xs


def test_fmt_and_pct_kept_texts_are_the_long_way_every_time():
    xs = _numbers()
    fmts = {(i, places): _fresh(fmt, x, places) for i, x in enumerate(xs) for places in (0, 1, 2, 4, 6)}
    pcts = {(i, places, trim): _fresh(pct, x, places=places, trim=trim)
            for i, x in enumerate(xs) for places, trim in ((2, False), (0, False), (2, True), (1, True))}
    numbers._FMT_SEEN.clear()
    numbers._PCT_SEEN.clear()
    for _ in range(2):          # the second pass answers from what the first kept
        for i, x in enumerate(xs):
            for places in (0, 1, 2, 4, 6):
                assert fmt(x, places) == fmts[(i, places)], (x, places)
            for places, trim in ((2, False), (0, False), (2, True), (1, True)):
                assert pct(x, places=places, trim=trim) == pcts[(i, places, trim)], (x, places, trim)
    assert numbers._FMT_SEEN and numbers._PCT_SEEN  # the texts were kept, and answered from
    # values equal as numbers share a kept text, and it is the text of each of them
    assert pct(1) == pct(1.0) == "100.00%" and pct(1.0) == pct(1) and fmt(2.0) == fmt(2) == "2"
    # 0.0 and -0.0 are equal keys with different percentages: neither is kept
    assert (pct(-0.0), pct(0.0), pct(-0.0)) == ("-0.00%", "0.00%", "-0.00%")
    assert fmt(None) == "空白" and fmt(None, blank="—") == "—" and pct(None, blank="—") == "—"
    assert pct(Decimal("0.925"), trim=True) == "92.5%"


def test_kept_texts_are_bounded():
    numbers._FMT_SEEN.clear()
    for k in range(numbers._SEEN_MAX + 10):
        assert fmt(k + 0.5) == f"{k}.5"
    assert len(numbers._FMT_SEEN) <= numbers._SEEN_MAX
    assert fmt(7.25) == "7.25"


# -- the findings of one form --------------------------------------------------------------
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from conftest import SAMPLES  # noqa: E402
from jixiao.checking import run as check_run  # noqa: E402
from jixiao.checking.rules import load_catalogue  # noqa: E402
from jixiao.core.findings import Finding  # noqa: E402
from jixiao.core.profiles import get_profile, known_profiles  # noqa: E402
from jixiao.excel.workbook import write_forms  # noqa: E402
from jixiao.forms.project.model import load_form  # noqa: E402
from jixiao.sources import load_one  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def loaded_forms(tmp_path_factory):
    """The published samples in our template, and the other layouts of tests/corpus: forms with cells."""
    book = write_forms([load_form(p) for p in SAMPLES], tmp_path_factory.mktemp("b") / "samples.xlsx")
    items = list(load_one(book)[0])
    for f in sorted(CORPUS.glob("*.xlsx")):
        items += load_one(f)[0]
    return [it for it in items if it.sheet_form is not None and type(it.form).__name__ == "Form"]


def _as_data(findings):
    return [(f.to_dict(), f.source) for f in findings]


def _per_form_long_way(items, profile):
    """per_form as it was: each finding built by ``_finding`` from the rule and the hit."""
    form_rules = [r for r in load_catalogue().values() if not r.cross and r.form_type == "project"]
    out = []
    for item, ctx in zip(items, check_run.contexts_for(items, profile)):
        sf = item.sheet_form
        if sf is not None and sf.cells is not None:
            ctx.extra["fund_rows"] = {p.split(".")[1] for p in sf.cells if p.startswith("funds.")}
        if sf is not None and sf.native:   # D11/D12 say what to change where the 总分 is the formula (s65)
            ctx.extra["total_formula"] = partial(check_run._holds_formula, item, "total_score")
        # one finding per cell showing an error value (s65)
        out.append((ctx.score, check_run._one_per_cell(
            item, [check_run._finding(item, r, hit) for r in form_rules for hit in r.func(ctx)])))
    return out


def test_per_form_findings_are_those_of_finding_one_by_one(loaded_forms):
    assert len(loaded_forms) >= 30 and any(it.sheet_form.cells for it in loaded_forms)
    for profile in (get_profile(None), known_profiles()[1]):
        fast, slow = check_run.per_form(loaded_forms, profile), _per_form_long_way(loaded_forms, profile)
        assert sum(len(found) for _s, found in slow) > 50          # the samples are full of mistakes
        assert any(f.cell and f.severity != "error" for _s, found in slow for f in found)   # variants, cells
        assert [(s, _as_data(found)) for s, found in fast] == [(s, _as_data(found)) for s, found in slow]


def test_findings_built_by_position_only_while_the_fields_are_in_that_order(monkeypatch):
    assert check_run._new_finding is Finding            # Finding's fields are in outputs.md's order
    args = ("A1", "error", "exec_rate", "m", 1, 2, "f.xlsx", "表1", "C5", "项目", "f.xlsx#表1")

    from dataclasses import dataclass

    @dataclass
    class Reordered:        # a Finding whose fields were reordered: built by keyword
        severity: str
        rule: str
        message: str
        field: str
        expected: object = None
        found: object = None
        project: object = None
        file: object = None
        sheet: object = None
        cell: object = None
        source: object = None

    monkeypatch.setattr(check_run, "Finding", Reordered)
    made = check_run._finding_maker()(*args)
    assert (made.rule, made.severity, made.field, made.message, made.file, made.cell, made.project, made.source) == (
        "A1", "error", "exec_rate", "m", "f.xlsx", "C5", "项目", "f.xlsx#表1")


# -- D4, D11: a wrong indicator under the known profiles; B3: the 一级指标 of a name -----------------
from jixiao.checking.rules.weights import level_of  # noqa: E402
from jixiao.forms.project import scoring  # noqa: E402

INDICATORS = [("≥100 人", "80 人", 10, 8, "培训人数", "数量指标"), ("≤5 万元", "6 万元", 10, 10, "总成本", "成本指标"),
              ("12 万元", "15 万元", 10, 9, "采购费用", "成本指标"), ("≥95%", "已完成", 5, 5, "合格率", "质量指标"),
              ("=100%", "96%", 10.0, 9.6, "及时率", "时效指标"), ("10", 8, 20, None, None, None),
              ("≥1 人", "2 人", None, 3, "人", "数量指标")]


@pytest.mark.parametrize("target, actual, weight, score, name, level2", INDICATORS)
def test_under_known_indicator_profiles_is_score_indicator_under_each(target, actual, weight, score, name, level2):
    want = tuple(scoring.score_indicator(target, actual, weight, score, p, name=name, level2=level2)
                 for p in scoring.known_indicator_profiles())
    got = scoring.under_known_indicator_profiles(target, actual, weight, score, name=name, level2=level2)
    assert got == want and all(g is w for g, w in zip(got, want))        # the very cache entries
    assert len({g.score for g in got}) >= 1 and len(got) == len(scoring.known_indicator_profiles())


def test_under_known_indicator_profiles_of_an_unhashable_value():
    got = scoring.under_known_indicator_profiles(["≥100 人"], "80 人", 10, 8)
    assert got == tuple(scoring.score_indicator(["≥100 人"], "80 人", 10, 8, p) for p in scoring.known_indicator_profiles())
    assert {g.score for g in got} == {8.0, 5.0}      # proportional and the 60% rule


def test_level_of_kept_per_name_is_the_long_way():
    for name in ("产出指标", "产出", "效益指标", "效益", "满意度指标", "满意度", "", None, "其他", "指标产出", "效"):
        assert level_of(name) == level_of.__wrapped__(name)
    assert (level_of("产出"), level_of("满意"), level_of(None)) == ("产出指标", "满意度指标", None)


# -- A10, A14: which indicators report the whole spending, once per form -------------------------
from dataclasses import replace as _replace  # noqa: E402

from jixiao.checking.rules import FormContext  # noqa: E402
from jixiao.checking.rules.agreement import is_total_spending, total_spending_flags  # noqa: E402
from jixiao.forms.project.model import parse_form  # noqa: E402
from test_rules import clean, hits, run  # noqa: E402


def test_total_spending_flags_are_is_total_spending_of_each_indicator():
    d = clean()
    names = ["总成本", "人均成本", "支出 总额", "项目经费", "资金总额（万元）", "每户补助金额", "发放金额"]
    for ind, name in zip(d["indicators"], names):
        ind["name"] = name
    form = parse_form(d)
    for profile in (get_profile(None), _replace(get_profile(None), total_words=("项目经费",))):
        ctx = FormContext(form, scoring.score_form(form, profile), profile)
        flags = total_spending_flags(ctx)
        assert flags == [is_total_spending(ind, ctx) for ind in form.indicators]
        assert total_spending_flags(ctx) is flags                      # once per form
        assert flags[3] == (profile.total_words == ("项目经费",)) and flags[:3] == [True, False, True]


def test_a10_and_a14_with_the_flags():
    d = clean()
    d["indicators"][3].update(name="总成本", actual="5 万元")
    assert [f.field for f in hits(run(d), "A10")] == ["indicators[3].actual"]
    d = clean()
    d["indicators"][3].update(name="总成本", target="≤2 万元")
    assert [f.field for f in hits(run(d), "A14")] == ["indicators[3].target"]
    d["indicators"][2].update(name="支出总额", target="≤1 万元")     # two totals: the costs of two parts
    assert hits(run(d), "A14") == [] and hits(run(d), "A10") == []


def test_score_form_scores_each_indicator_as_score_indicator_does():
    from dataclasses import replace as placed

    forms = [load_form(p) for p in SAMPLES]
    for profile in (get_profile(None), *known_profiles()[::5]):
        for form in forms:
            got = scoring.score_form(form, profile).indicators
            assert got == [placed(scoring.score_indicator(i.target, i.actual, i.weight, i.score, profile, name=i.name,
                                                          level2=i.level2), index=n, name=i.name)
                           for n, i in enumerate(form.indicators)]


# -- B4: the kinds of indicator a form lacks --------------------------------------------------------
from jixiao.checking.rules.weights import EXPECTED_KINDS  # noqa: E402


def _b4_long_way(form):
    return [zh for attr, word, zh, _advice in EXPECTED_KINDS
            if not any(word in (getattr(i, attr) or "") for i in form.indicators)]


@pytest.mark.parametrize("levels", [
    None,                                                                      # the clean form: all there
    [("产出指标", "时"), ("产出指标", "效指标"), ("效", "益指标")],                # words split over two rows
    [("产出指标", "数量指标")] * 7,
    [("满意度指标", "成本时效"), ("效益", "x")],
])
def test_b4_fires_where_no_row_holds_the_word(levels):
    d = clean()
    for ind, (l1, l2) in zip(d["indicators"], levels or []):
        ind.update(level1=l1, level2=l2)
    if levels:
        del d["indicators"][len(levels):]
    form = parse_form(d)
    found = [f for f in run(d) if f.rule == "B4"]
    assert sorted(f.expected for f in found) == sorted(_b4_long_way(form))
    assert len(found) == {0: 0, 3: 4, 7: 4, 2: 0}[len(levels or [])]


def test_rounded_of_a_whole_int_is_the_float_way():
    from jixiao.checking.rules.funds import rounded

    def long_way(x, places=4):
        r = round(float(x), places)
        return int(r) if r.is_integer() else r

    xs = [*range(-500, 500, 7), 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 + 1, 10 ** 17 + 3, True, False, 0, 8.8, 9.99995, -0.0]
    for places in (0, 2, 4, 6, -1, -2):
        got, want = [rounded(x, places) for x in xs], [long_way(x, places) for x in xs]
        assert got == want and [type(g) for g in got] == [type(w) for w in want], places
    assert rounded(None) is None and rounded(12345, -2) == 12300


def test_the_rules_per_form_skips_report_nothing_and_are_the_variants(loaded_forms):
    from jixiao.checking.rules import VARIANTS

    catalogue = load_catalogue()
    skipped = {c for c, r in catalogue.items() if getattr(r.func, "reports_nothing", False)}
    assert skipped == set(VARIANTS.values()) and len(skipped) >= 7
    ctxs = check_run.contexts_for(loaded_forms, get_profile(None))
    assert all(list(catalogue[c].func(ctx)) == [] for c in skipped for ctx in ctxs)
    # their findings still come, filed under them by their parents (per_form = the long way, above)
    got = {f.rule for _s, found in check_run.per_form(loaded_forms, get_profile(None)) for f in found}
    assert got & skipped


# -- the cell of a finding on a field outside the indicator rows -------------------------------------
from jixiao.forms.project import layout as L  # noqa: E402

FIELDS = ["year", "project", "authority", "exec_rate", "exec_score", "funds_weight", "goal_actual", "total_weight",
          "total_score", "grade", "remark", "contact", "filled_on", "funds.total.executed", "funds.other.initial",
          "indicators[0].score", "indicators[3].level2", "indicators[12].name"]


def test_layout_cells_kept_per_rows_and_field_are_the_long_way():
    for _ in range(2):
        for rows in (1, 8, 9, 15, 30):
            lay = L.FormLayout(rows)
            for field in FIELDS:
                assert lay.cell(field) == lay._cell(field) == L.FormLayout(rows)._cell(field), (rows, field)
    assert L.FormLayout(8).cell("total_score") != L.FormLayout(9).cell("total_score")
    for bad in ("nothing", "funds.total", "indicators"):
        with pytest.raises((KeyError, ValueError)):
            L.FormLayout(8).cell(bad)
        assert all(k[2] != bad for k in L._CELLS)        # a field without a cell is not kept


def test_cross_rules_share_each_forms_squeezed_indicator_texts(loaded_forms):
    """E1 and E3 read a form's indicator names and targets, without whitespace, from one memo."""
    from jixiao.checking.rules.memo import indicator_texts

    profile = get_profile(None)
    ctxs = [FormContext(it.form, None, profile, it.source) for it in loaded_forms]
    for ctx in ctxs:
        names, targets = indicator_texts(ctx)
        assert names == tuple("".join((i.name or "").split()) for i in ctx.form.indicators)
        assert targets == tuple("".join((i.target or "").split()) for i in ctx.form.indicators)
        assert indicator_texts(ctx) is ctx.extra["indicator_texts"]  # kept: the second rule asks again
    catalogue = load_catalogue()
    found = [list(catalogue[code].func(ctxs)) for code in ("E1", "E3")]
    assert all(len(ctx.extra["indicator_texts"][0]) == len(ctx.form.indicators) for ctx in ctxs)
    assert found == [list(catalogue[code].func(ctxs)) for code in ("E1", "E3")]  # the memo changes nothing
