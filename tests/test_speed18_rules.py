"""Issue #18, the single-form checking made cheaper: each shortcut gives what the long way gave.

The byte-identical ``check --json`` of the 10,000-form corpus is the main proof (see the commit
messages); these tests pin the shortcuts one by one, so a later change to one of them fails here
and not only on a corpus run.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.checking.rules import FormContext
from jixiao.checking.rules.memo import under_known_profiles
from jixiao.core.numbers import NotANumber, fmt, parse_number
from jixiao.core.profiles import Profile, get_profile, known_profiles
from jixiao.forms.project import scoring
from jixiao.forms.project.model import parse_form
from test_rules import clean, hits, run


def _fmt_long_way(x, places=4):
    s = f"{round(float(x), places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def test_fmt_of_a_whole_int_is_the_float_formatting():
    xs = [*range(-1200, 1200, 7), 10 ** 6, -(10 ** 9) - 1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 60, 123456789012345]
    for places in (1, 2, 4, 6, 0):
        assert [fmt(x, places) for x in xs] == [_fmt_long_way(x, places) for x in xs]
    assert fmt(True) == "1" and fmt(20) == "20" and fmt(-0) == "0"


def test_parse_number_thousands_only_between_digit_groups():
    assert parse_number("1,234.5") == 1234.5 and parse_number("１，２３４") == 1234
    with pytest.raises(NotANumber):
        parse_number("12,34")                # not a thousands group: the comma stays, and is no number
    assert parse_number("95%") == 0.95 and parse_number("10分") == 10


def test_score_cache_keys_by_what_an_indicator_score_reads():
    args = ("≥100 人", "80 人", 10, 8)
    default, sixty = scoring.score_indicator(*args, get_profile(None)), scoring.score_indicator(*args, "sixty")
    assert (default.score, sixty.score) == (8.0, 5.0)
    # equal profiles that are different objects, and profiles differing only outside the indicator's
    # fields, share results; a profile differing in an indicator field does not
    assert scoring.score_indicator(*args, Profile(below_target="sixty")).score == 5.0
    assert scoring.score_indicator(*args, replace(get_profile(None), cap_by_exec_rate=True)).score == 8.0
    assert scoring.score_indicator(*args, replace(get_profile(None), below_target="sixty")).score == 5.0
    # an unhashable argument is scored without the cache, under the profile asked for
    assert scoring.score_indicator(["≥100 人"], "80 人", 10, 8, "sixty").score == 5.0


def test_under_known_profiles_is_each_indicator_profile_and_names_the_known_ones():
    d = clean()
    d["indicators"][0].update(target="≥10 人", actual="8 人", score=5)
    form = parse_form(d)
    ctx = FormContext(form, scoring.score_form(form, get_profile(None)), get_profile(None))
    got = under_known_profiles(ctx, 0)
    ind = form.indicators[0]
    assert [g.score for g in got] == [scoring.score_indicator(ind.target, ind.actual, ind.weight, ind.score, p,
                                                              name=ind.name, level2=ind.level2).score
                                      for p in scoring.known_indicator_profiles()]
    assert under_known_profiles(ctx, 0) is got                      # once per form
    classes = scoring.known_profile_classes()
    assert len(classes) == len(known_profiles())
    assert [got[k].score for k in classes] == scoring.scores_under_known(
        ind.target, ind.actual, ind.weight, ind.score, name=ind.name, level2=ind.level2)


def test_count_word_unit_and_value_in_name_after_their_prefilters():
    d = clean()
    d["indicators"][0].update(target="≥1 人数 ")          # trailing space: still a count word at the end
    d["indicators"][1].update(name="全县参保人约１０万人")    # full-width digits are digits to the pattern
    found = run(d)
    assert [f.field for f in hits(found, "C17")] == ["indicators[0].target"]
    assert [f.field for f in hits(found, "H7")] == ["indicators[1].name"]
    d = clean()
    d["indicators"][0].update(target="≥1 人数以上")          # not at the end: no C17
    assert hits(run(d), "C17") == []
