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


def test_rules_that_do_not_fail_still_report_with_the_fallback_rule_present(loaded_forms, monkeypatch):
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
