"""Issue #18, third round on the checking stage: each shortcut gives what the long way gave.

The byte-identical ``check --json`` of the 10,000-form corpus is the main proof; these tests pin
each shortcut on its own (as test_speed23_check.py and test_speed18_rules.py do).
"""

from __future__ import annotations

import pytest

from jixiao.checking import run as check_run
from jixiao.checking.rule_major import form_hits
from jixiao.checking.rules import CATALOGUE, Hit, Rule, load_catalogue
from jixiao.core.profiles import get_profile, known_profiles
from test_speed23_check import _as_data, _per_form_long_way, loaded_forms  # noqa: F401  (a fixture)


def _rules():
    return [r for r in load_catalogue().values() if not r.cross and r.form_type == "project"
            and not getattr(r.func, "reports_nothing", False)]


# -- rules run rule by rule over the forms -------------------------------------------------------
def test_rule_by_rule_gives_each_form_its_hits_in_rule_order(loaded_forms):
    profile = known_profiles()[2]
    rules = _rules()
    by_rule = form_hits(check_run.contexts_for(loaded_forms, profile), rules)
    one_by_one = [[(r, h) for r in rules for h in r.func(ctx)] for ctx in check_run.contexts_for(loaded_forms, profile)]
    assert by_rule == one_by_one and sum(map(len, by_rule)) > 50
    assert len({r.code for found in by_rule for r, _h in found}) > 15


def test_per_form_rule_by_rule_is_the_long_way(loaded_forms):
    for profile in (get_profile(None), known_profiles()[-1]):
        fast, slow = check_run.per_form(loaded_forms, profile), _per_form_long_way(loaded_forms, profile)
        assert [(s, _as_data(found)) for s, found in fast] == [(s, _as_data(found)) for s, found in slow]


def _failing(code, exc, on):
    def func(ctx):
        if ctx.source == on:
            raise exc
        yield Hit("total_score", f"{code} 命中")
    return Rule(code, "warning", "scores", code, "", func)


def test_a_failing_rule_fails_as_the_form_by_form_loop_does(loaded_forms, monkeypatch):
    """Form by form, the 1st form's ValueError comes before the 2nd form's KeyError of an earlier rule;
    rule by rule it would be the other way round: the form-by-form failure (and message) is kept."""
    items = loaded_forms[:3]
    monkeypatch.setitem(CATALOGUE, "Z97", _failing("Z97", KeyError("早"), items[1].source))
    monkeypatch.setitem(CATALOGUE, "Z98", _failing("Z98", ValueError("晚"), items[0].source))
    assert form_hits(check_run.contexts_for(items, get_profile(None)), _rules()) is None
    with pytest.raises(ValueError, match="晚"):
        check_run.per_form(items, get_profile(None))
    with pytest.raises(ValueError):
        _per_form_long_way(items, get_profile(None))
    _kept, problems, checked = check_run.check_loaded("x.xlsx", None, items, [])
    assert "project" not in checked and "（ValueError）" in str(problems[-1])


def test_an_added_rule_reports_on_every_form_in_its_place(loaded_forms, monkeypatch):
    items = loaded_forms[:3]
    monkeypatch.setitem(CATALOGUE, "Z97", _failing("Z97", KeyError("无"), "没有这张表"))
    got = check_run.per_form(items, get_profile(None))
    assert [[f.rule for f in found if f.rule == "Z97"] for _s, found in got] == [["Z97"]] * 3
    assert [(s, _as_data(found)) for s, found in got] == [
        (s, _as_data(found)) for s, found in _per_form_long_way(items, get_profile(None))]


# -- an indicator's cached score placed in its form ------------------------------------------------
import dataclasses  # noqa: E402
import pickle  # noqa: E402

from jixiao.forms.project import scoring  # noqa: E402
from test_speed23_check import INDICATORS  # noqa: E402


def test_placed_is_dataclasses_replace_and_leaves_the_cached_score_alone():
    for target, actual, weight, score, name, level2 in INDICATORS:
        for profile in (get_profile(None), *known_profiles()[::7]):
            s = scoring.score_indicator(target, actual, weight, score, profile, name=name, level2=level2)
            before = dict(s.__dict__)
            got = scoring._placed(s, 5, "新名称")
            want = dataclasses.replace(s, index=5, name="新名称")
            assert got == want and type(got) is scoring.IndicatorScore and got is not s
            assert list(got.__dict__.items()) == list(want.__dict__.items())     # same fields, same order
            assert pickle.dumps(got) == pickle.dumps(want)
            assert s.__dict__ == before and got.__dict__ is not s.__dict__      # the cache entry unchanged
            assert got.to_dict() == want.to_dict() and (got.index, got.name) == (5, "新名称")
            with pytest.raises(dataclasses.FrozenInstanceError):
                got.score = 1.0


# -- A3, A4: the tail of a message built only for a hit; D4: the first other profile per pattern ---------
import itertools  # noqa: E402

from jixiao.checking.rules import FormContext  # noqa: E402
from jixiao.checking.rules import funds as A, scores as D  # noqa: E402
from jixiao.checking.rules.funds import RATE_TOL, num, pct, rate_of, rate_ok, rounded, shown, written_rate  # noqa: E402
from jixiao.core.numbers import SCORE_TOL, score_text  # noqa: E402
from jixiao.forms.project.model import parse_form  # noqa: E402
from test_rules import clean  # noqa: E402


def _a3_long_way(ctx):
    """exec_rate_matches as it was: the tail built before any branch."""
    form = ctx.form
    t = rate_of(ctx)
    if t is None:
        return
    w = written_rate(form)
    tail = f"（全年执行数 {num(form.funds.column('executed'))} 万元 ÷ 全年预算数 {num(form.funds.column('annual'))} 万元）"
    if w is None:
        yield Hit("exec_rate", f"执行率未填写，应为 {pct(t)}{tail}", expected=rounded(t, 6), found=None, severity="info")
        return
    if isinstance(w, str):
        yield Hit("exec_rate", f"执行率应为 {pct(t)}{tail}，表中为“{w}”，不是一个百分数", expected=rounded(t, 6), found=w)
        return
    if t > 1 and abs(w - 1) <= RATE_TOL:
        return
    if A.rate_beyond_funds(ctx) and abs(w - t) > RATE_TOL + 1e-9:  # s42: the funds first, no rate above 100%
        written = form.exec_rate if isinstance(form.exec_rate, str) else pct(w)
        yield Hit("exec_rate", f"执行率不能按表中的资金计算（全年执行数 {num(form.funds.column('executed'))} 万元超过全年预算数 "
                  f"{num(form.funds.column('annual'))} 万元），请改正资金数，再按全年执行数 ÷ 全年预算数填写执行率，表中为 {written}",
                  expected="改正资金数后按全年执行数 ÷ 全年预算数计算", found=shown(form.exec_rate))
        return
    if abs(w - t) > RATE_TOL + 1e-9:
        written = form.exec_rate if isinstance(form.exec_rate, str) else num(w, 6)
        if A.percent_left_out(form, t):     # stop 53: 92.5 for 92.5 %
            extra = f"，少了百分号（作为数是 {pct(w)}），应写作“{pct(t, trim=True)}”"
        else:
            extra = f"（即 {pct(w)}）" if not (isinstance(form.exec_rate, str) and "%" in form.exec_rate) else ""
        yield Hit("exec_rate", f"执行率应为 {pct(t)}{tail}，表中为 {written}{extra}",
                  expected=rounded(t, 6), found=shown(form.exec_rate))


def _a4_long_way(ctx):
    """exec_score_matches as it was: the tail built before any branch (its scores said as the 0.00 cell shows them,
    as the rule says them since s63)."""
    form = ctx.form
    t, w = rate_of(ctx), form.funds_weight
    if t is None or w is None:
        return
    expected = w * min(t, 1)
    tail = f"（分值 {score_text(w)} × 执行率 {pct(min(t, 1))}）"
    if form.exec_score is None:
        yield Hit("exec_score", f"执行率得分未填写，应为 {score_text(expected, computed=True)}{tail}", expected=rounded(expected),
                  found=None, severity="info")
        return
    ok = abs(form.exec_score - expected) <= SCORE_TOL + 1e-9
    if not ok and A.rate_beyond_funds(ctx) and A.follows_written_rate(form):
        return  # s42: it follows the written rate, which waits for the funds
    wr = written_rate(form)
    if not ok and rate_ok(form) and isinstance(wr, (int, float)) and abs(form.exec_score - w * min(wr, 1)) <= SCORE_TOL + 1e-9:
        if not getattr(ctx.profile, "round_exec_rate", False):
            yield Hit("exec_score", f"执行率得分应按实际执行率计算为 {score_text(expected, computed=True)}{tail}，表中为 {score_text(form.exec_score, computed=True)}，"
                      f"是按取整后的执行率 {pct(min(wr, 1))} 计算的（本地规定按取整的执行率计分的除外）", expected=rounded(expected), found=shown(form.exec_score),
                      severity="warning")
        return
    if not ok:
        yield Hit("exec_score", f"执行率得分应为 {score_text(expected, computed=True)}{tail}，表中为 {score_text(form.exec_score, computed=True)}",
                  expected=rounded(expected), found=shown(form.exec_score))


def _fund_forms():
    annuals, executeds = (None, 0, 100, 80.5), (None, 0, 50, 80.5, 83.6, 101, 120)
    rates = (None, "", "abc", "62%", "84%", "100%", 0.5, 0.836, 1, 1.2, 0.84, 0.625, 100, 0.005, float("nan"))
    weights, escores = (None, 10, 20), (None, 0, 5, 8.36, 8.4, 10, 6.25, 12, float("nan"))
    for annual, executed, rate, weight, es in itertools.product(annuals, executeds, rates, weights, escores):
        d = clean()
        d["funds"]["total"].update(annual=annual, executed=executed)
        d.update(exec_rate=rate, funds_weight=weight, exec_score=es)
        yield parse_form(d)


def test_a3_and_a4_report_what_they_did_with_the_tail_built_first():
    count, severities = {"A3": 0, "A4": 0}, set()
    for profile in (get_profile(None), get_profile("+round")):
        for form in _fund_forms():
            ctx = FormContext(form, None, profile)
            for code, fast, slow in (("A3", A.exec_rate_matches, _a3_long_way), ("A4", A.exec_score_matches, _a4_long_way)):
                got, want = list(fast(ctx)), list(slow(ctx))
                # repr: a NaN found is not == itself
                assert repr(got) == repr(want), (code, form.funds.total, form.exec_rate, form.funds_weight, form.exec_score)
                count[code] += len(want)
                severities |= {(code, h.severity) for h in want}
    assert count["A3"] > 300 and count["A4"] > 300                  # both report, in every branch
    assert severities == {("A3", None), ("A3", "info"), ("A4", None), ("A4", "info"), ("A4", "warning")}


def test_first_other_profile_is_the_first_one_in_known_order():
    profiles, classes = known_profiles(), scoring.known_profile_classes()
    n = len(scoring.known_indicator_profiles())
    assert n >= 2 and len(profiles) == len(classes) > n
    seen = set()
    for explains in itertools.product((False, True), repeat=n):
        for name in {p.name for p in profiles} | {"别的方案"}:
            want = next((p for p, k in zip(profiles, classes) if explains[k] and p.name != name), None)
            got = D._first_other(explains, name)
            assert got is want, (explains, name)
            seen.add(None if got is None else got.name)
    assert len(seen) > n and None in seen


# -- the row and column of a field path, kept per path ------------------------------------------------
from jixiao.core import fieldpath  # noqa: E402


def test_fieldpath_item_kept_per_path_is_the_long_way():
    paths = ["indicators[0].name", "indicators[3].score", "indicators[12]", "indicators[3]", "team[2].role", "team[2]",
             "funds.total.annual", "total_score", "", "indicators", "indicators[x].score", "Indicators[1].score",
             "indicators[1].score.more", "indicators[01].actual"]
    for _ in range(2):
        for path in paths:
            for args in ((), ("team",), ("team", "role"), ("indicators", "level2")):
                assert fieldpath.item(path, *args) == fieldpath.item.__wrapped__(path, *args), (path, args)
    assert fieldpath.item("indicators[3]") == (3, "name") and fieldpath.item("team[2]", "team", "role") == (2, "role")
    assert fieldpath.item("funds.total.annual") is None and fieldpath.item("team[2].role") is None
    assert fieldpath.item.cache_info().hits > 0


# -- no import statement run per form ---------------------------------------------------------------
def test_single_form_rules_run_no_import_statement():
    """An import inside a rule function costs ~1 µs for every form (D6, B3, B4 had one; issue #18)."""
    import dis

    with_import = {code: [i.argval for i in dis.get_instructions(r.func) if i.opname == "IMPORT_NAME"]
                   for code, r in load_catalogue().items() if not r.cross and r.form_type == "project"}
    assert len(with_import) > 40 and {"B3", "B4", "D6"} <= set(with_import)
    assert {code: names for code, names in with_import.items() if names} == {}
