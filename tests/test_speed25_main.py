"""Issue #18, the main process: ``order.sort_findings`` and the per-class ``kind_of`` give exactly
what the plain sort key and the registry scan give, ties and odd values included."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pytest

from jixiao.checking.order import finding_key, sort_findings
from jixiao.core.findings import Finding


@dataclass
class _Item:
    source: str


def _reference(findings: list[Finding], items: Sequence[Any]) -> list[Finding]:
    """What check_batch did before: list.sort with the plain key (stable)."""
    order = {item.source: i for i, item in enumerate(items)}
    return sorted(findings, key=lambda f: finding_key(order, f))


def _random_findings(rng: random.Random, n: int, items: list[_Item]) -> list[Finding]:
    rules = ["A1", "A10", "A16", "A2", "C4", "D4", "D11", "E1", "E3", "F16", "X1", "X2", "X7", "ZZ9"]  # ZZ9: not in the catalogue
    fields: list[Any] = ["", "indicators[3].score", "indicators[10].score", "indicators[9].score", "indicators[03].score",
              "funds.total.annual", "project", "indicators[1]", "a1b", "a01b", None]
    out = []
    for k in range(n):
        item = rng.choice(items + [_Item("elsewhere.xlsx#S")])  # a form not in the batch: place -1
        file, _, sheet = item.source.partition("#")
        f = Finding(rng.choice(rules), rng.choice(["error", "warning", "info"]), rng.choice(fields), f"m{k}",
                    file=file, sheet=sheet or None,
                    cell=rng.choice([None, "F52", "F47", "F9", "AA10", "A2", "H34", "B3:C3", "整张表"]))
        which = rng.random()
        if which < 0.5:
            f.source = item.source          # as the rules set it
        elif which < 0.7:
            f.source = None                 # found from file#sheet
        elif which < 0.8:
            f.sheet, f.source = None, None  # the file alone
        elif which < 0.9 and sheet:
            f.source, f.sheet = item.source, "续表"  # on the 续表 its form runs on to
        out.append(f)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_same_order_as_the_five_part_key_ties_kept(seed: int) -> None:
    rng = random.Random(seed)
    items = [_Item(f"b{i}.xlsx#S{j}") for i in range(4) for j in range(3)] + [_Item("plain.json")]
    items.append(items[2])  # a form named twice: its last place counts, as the dict gave it
    findings = _random_findings(rng, 2000, items)
    want = _reference(findings, items)
    got = list(findings)
    sort_findings(got, items)
    assert [id(f) for f in got] == [id(f) for f in want]  # the same objects, ties in the order they came


def test_equal_keys_of_different_fields_keep_arrival_order() -> None:
    # "a1" and "a01" have the same sort key: neither goes first, they stay as they came
    items = [_Item("x.xlsx#S")]
    fs = [Finding("C4", "error", field, str(k), source="x.xlsx#S") for k, field in enumerate(["a01", "a1", "a01", "a1"])]
    got = list(fs)
    sort_findings(got, items)
    assert [f.message for f in got] == ["0", "1", "2", "3"]
    fs.reverse()
    got = list(fs)
    sort_findings(got, items)
    assert [f.message for f in got] == ["3", "2", "1", "0"]


def test_unusual_values_take_the_plain_key() -> None:
    items = [_Item("x.xlsx#S")]
    # a field of None sorts as "" does (both stay in arrival order), before "a"
    fields: list[Any] = ["a", None, "", None]
    fs = [Finding("C4", "error", f, str(k), source="x.xlsx#S") for k, f in enumerate(fields)]
    got = list(fs)
    sort_findings(got, items)
    assert [f.message for f in got] == ["1", "2", "3", "0"] == [f.message for f in _reference(fs, items)]
    odd = [Finding("C4", "error", "a", "1", source="x.xlsx#S"), Finding("C4", "error", "a", "2", source="x.xlsx#S")]
    odd[1].rule = _Str("A1")  # a str subclass: the plain key, A1 (more important here) first
    got = list(odd)
    sort_findings(got, items)
    assert [f.message for f in got] == [f.message for f in _reference(odd, items)]
    assert got[0] is odd[1] if finding_key({}, odd[1]) < finding_key({}, odd[0]) else got[0] is odd[0]


class _Str(str):
    pass


def test_unknown_severity_and_unhashable_field_fail_as_before() -> None:
    items = [_Item("x.xlsx#S")]
    with pytest.raises(KeyError):
        sort_findings([Finding("C4", "fatal", "a", "1"), Finding("C4", "error", "a", "2")], items)
    with pytest.raises(TypeError):
        sort_findings([Finding("C4", "error", ["a"], "1"), Finding("C4", "error", "a", "2")], items)  # type: ignore[arg-type]


def test_sorted_in_place_and_empty() -> None:
    fs: list[Finding] = []
    sort_findings(fs, [])
    assert fs == []
    items = [_Item("a#1"), _Item("b#1")]
    fs = [Finding("C4", "info", "", "late", source="b#1"), Finding("C4", "info", "", "early", source="a#1")]
    same = fs
    sort_findings(fs, items)
    assert same is fs and [f.message for f in fs] == ["early", "late"]


def test_check_batch_order_on_real_samples() -> None:
    """The embedded samples through check_batch: the order equals the five-part key's, and errors lead."""
    from jixiao.checking.run import check_batch
    from jixiao.cli import sample_paths
    from jixiao.sources import load_all

    paths: list[str | Path] = list(sample_paths())
    batch = load_all(paths, workers=1, progress=False)
    result = check_batch(batch)
    assert len(result.findings) > 20
    want = _reference(list(result.findings), batch.all())
    assert [id(f) for f in result.findings] == [id(f) for f in want]


def test_kind_of_by_class_matches_the_registry_scan() -> None:
    from jixiao.forms import DETECT, KINDS, kind_of

    for kind in KINDS:
        model: Any = kind.model_type()
        form = model.model_construct()
        assert kind_of(form) is kind
        assert kind_of(form) is next(k for k in DETECT if isinstance(form, k.model_type()))
        sub: Any = type("Sub" + model.__name__, (model,), {})  # a subclass: found by isinstance, then kept per class
        assert kind_of(sub.model_construct()) is kind
    with pytest.raises(StopIteration):
        kind_of(object())
    with pytest.raises(StopIteration):  # still not found the second time (failures are not kept)
        kind_of(object())


def test_rule_codes_in_number_order_d4_before_d11() -> None:
    """Within a form and a severity, rules of one group by their number (D4 before D11): the score to
    correct comes before the total it changes, in ``check`` as in the review's notices."""
    from jixiao.checking.rules import code_order, importance

    assert importance("D4") == importance("D6") == importance("D11")  # as important: the code decides
    items = [_Item("a.xlsx#S")]
    findings = [Finding(code, "error", "indicators[1].score", code, file="a.xlsx", sheet="S") for code in ("D11", "D6", "D4")]
    for f in findings:
        f.source = "a.xlsx#S"
    sort_findings(findings, items)
    assert [f.rule for f in findings] == ["D4", "D6", "D11"]
    assert sorted(["B2", "A10", "A9", "ZZ"], key=code_order) == ["A9", "A10", "B2", "ZZ"]


def test_within_a_rule_a_form_s_findings_follow_the_sheet_top_to_bottom() -> None:
    """The 部门整体 form's 计算数据 hints (F15) came as their field names sort (F52, F56, F64, F62 …);
    now as they stand on the sheet, and left to right within a row (filler QA, stop 45)."""
    items = [_Item("d.xlsx#S")]
    cells = {"data.budget_adjust": "F52", "data.card_spending": "F56", "data.counts.asset_safety": "F64",
             "data.counts.budget_rules": "F62", "data.key_spending": "F50", "data.three_public_this": "F47",
             "data.three_public_last": "F47", "indicators[0].target": "E14", "indicators[0].actual": "F14"}
    fs = [Finding("F15", "info", field, field, source="d.xlsx#S", cell=cell) for field, cell in cells.items()]
    got = list(fs)
    sort_findings(got, items)
    assert [f.cell for f in got] == ["E14", "F14", "F47", "F47", "F50", "F52", "F56", "F62", "F64"]
    assert [f.field for f in got][2:4] == ["data.three_public_last", "data.three_public_this"]  # one cell: by field
