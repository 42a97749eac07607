"""A batch's results through ``wire`` (issue #18): every object comes back exactly as it went,
pydantic state included, whatever the kind, layout or source of the form; the bytes are smaller
than plain pickle; bytes that are not ``wire``'s raise, so a result cache throws them away."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, PrivateAttr

from jixiao import wire
from jixiao.batch import pack, unpack
from jixiao.checking.run import _load_and_check
from jixiao.core.findings import Finding
from jixiao.excel.workbook import write_forms
from jixiao.forms import by_key, kind_for_data
from jixiao.forms.project.model import FundRow, Funds, parse_form
from jixiao.isolated import checked_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "jixiao" / "samples"
CORPUS = sorted((ROOT / "out" / "bench" / "corpus-10000").glob("*.xlsx"))[:3]
OTHER_LAYOUTS = sorted((ROOT / "tests" / "corpus").glob("*.xlsx"))


def same(a: Any, b: Any, where: str = "") -> None:
    """``b`` is ``a`` rebuilt: the same types throughout (1 is not 1.0), the same ``__dict__``
    keys in the same order, and for a pydantic model the same fields set, extra and private."""
    assert type(a) is type(b), f"{where}: {type(a)} != {type(b)}"
    if isinstance(a, BaseModel):
        assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__, where
        assert type(b.__pydantic_fields_set__) is set, where
        assert a.__pydantic_extra__ == b.__pydantic_extra__, where
        assert a.__pydantic_private__ == b.__pydantic_private__, where
        same(a.__dict__, b.__dict__, f"{where}.__dict__")
    elif dataclasses.is_dataclass(a):
        same(vars(a), vars(b), f"{where}<{type(a).__name__}>")  # every field, source too (compare=False)
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, Exception):
        assert str(a) == str(b) and vars(a) == vars(b), where
    else:
        assert a == b or (a != a and b != b), f"{where}: {a!r} != {b!r}"


def _round_trip(result: tuple) -> tuple:
    data = pack(result)
    assert isinstance(data, bytes)
    back = unpack(data)
    same(result, back, "result")
    return back


@pytest.fixture(scope="module")
def every_kind_json(tmp_path_factory) -> list[Path]:
    """The 23 real project forms, the 部门整体 and the 评价表 samples, each a JSON file."""
    paths = sorted((SAMPLES / "dachang-2022").glob("[0-9][0-9].json"))
    assert len(paths) == 23
    return [*paths, SAMPLES / "zizhou-2023" / "department.json", SAMPLES / "fengtai-2023-evaluation" / "form.json"]


@pytest.fixture(scope="module")
def every_kind_book(tmp_path_factory, every_kind_json) -> Path:
    """The same 25 forms in one workbook (read back through the readers: sheet forms, cells)."""
    forms = []
    for p in every_kind_json:
        data = json.loads(p.read_text(encoding="utf-8"))
        forms.append(kind_for_data(data).parse(data, str(p)))
    return write_forms(forms, tmp_path_factory.mktemp("wire") / "各类表.xlsx")


def _kinds() -> list[Any]:
    from jixiao.forms import KINDS

    return list(KINDS)


def test_the_samples_as_json_come_back_exactly(every_kind_json):
    """JSON forms set only the keys they have: ``__pydantic_fields_set__`` is partial there."""
    partial = 0
    for p in every_kind_json:
        result = _load_and_check((p, None))
        assert result[0] and not result[1]
        back = _round_trip(result)
        for item in result[0]:
            partial += item.form.__pydantic_fields_set__ != set(type(item.form).model_fields)
        assert [i.form.to_dict() for i in back[0]] == [i.form.to_dict() for i in result[0]]  # exclude_unset
    assert partial  # the samples leave optional keys out: the partial case is tested


def test_a_workbook_of_every_kind_comes_back_exactly(every_kind_book):
    result = _load_and_check((every_kind_book, None))
    assert {key for key, rows in result[2].items() if rows} == {"project", "department", "evaluation"}
    back = _round_trip(result)
    assert back[0][0].form is back[0][0].sheet_form.form  # one object, as it was sent
    # the guarded child's bytes (what a batch and the result cache really carry) say the same
    data, keep = checked_bytes((every_kind_book, None))
    assert keep
    same(result, unpack(data), "child")


@pytest.mark.parametrize("book", OTHER_LAYOUTS, ids=[p.stem for p in OTHER_LAYOUTS])
def test_other_layouts_come_back_exactly(book):
    """Workbooks in other layouts: forms with explicit cell maps and the reader's notes."""
    _round_trip(_load_and_check((book, None)))


@pytest.mark.skipif(not CORPUS, reason="no benchmark corpus (benchmarks/bench_all.py makes it)")
def test_corpus_workbooks_come_back_exactly():
    for book in CORPUS:
        result = _load_and_check((book, None))
        assert len(result[0]) == 100
        _round_trip(result)
        assert len(pack(result)) < 0.9 * len(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))


def test_a_model_with_some_fields_set_keeps_exactly_those():
    form = parse_form(json.loads((SAMPLES / "dachang-2022" / "01.json").read_text(encoding="utf-8")))
    form.funds.total = FundRow(initial=1)  # a model built with one of its three fields
    assert form.funds.total.__pydantic_fields_set__ == {"initial"}
    back = wire.loads(wire.dumps(form))
    same(form, back, "form")
    assert back.funds.total.model_dump(exclude_unset=True) == {"initial": 1}
    assert back.to_dict() == form.to_dict()
    blank = Funds.model_construct(total=FundRow())  # not validated: only ``total`` set
    same(blank, wire.loads(wire.dumps(blank)), "constructed")


class _Loose(BaseModel):  # module level: pickle finds a class by its name
    model_config = ConfigDict(extra="allow")
    a: int = 0
    _note: str = PrivateAttr(default="")


def test_extra_and_private_values_come_back():
    m = _Loose(a=1, b="extra")
    m._note = "private"
    back = wire.loads(wire.dumps([m]))[0]
    same(m, back, "loose")
    assert back.b == "extra" and back._note == "private"


def test_a_finding_with_an_attribute_more_is_pickled_the_plain_way():
    f = Finding("A1", "error", "funds.total.annual", "说明", source="x.xlsx#表1")
    f.extra = [1, 2]  # type: ignore[attr-defined]
    g = Finding("A1", "error", "funds.total.annual", "说明", source="x.xlsx#表1")
    back = wire.loads(wire.dumps([f, g]))
    same([f, g], back, "findings")
    assert back[0].extra == [1, 2]


def test_equal_strings_travel_once_and_numbers_are_never_merged():
    msg = "得分超过分值"
    fs = [Finding("C1", "error", "score", "".join(["得分", "超过分值"]), expected=1, found=1.0,
                  source=f"{'x.xlsx'}#{'表1'}") for _ in range(50)]
    assert fs[0].message is not fs[1].message
    back = wire.loads(wire.dumps(fs))
    assert all(f.message is back[0].message == msg for f in back)
    assert all(f.source is back[0].source for f in back)
    assert all(type(f.expected) is int and type(f.found) is float for f in back)


def test_bytes_that_are_not_wires_raise(every_kind_json):
    """``batch._unpacked`` throws away cache bytes that raise and checks the file again."""
    data = pack(_load_and_check((every_kind_json[0], None)))
    with pytest.raises(Exception):
        unpack(data[: len(data) // 2])
    with pytest.raises(Exception):  # the format before this one: a plain pickle of the result tuple
        unpack(pickle.dumps(([], [], {}), pickle.HIGHEST_PROTOCOL))
    with pytest.raises(Exception):
        unpack(b"not a pickle")


def test_the_kinds_classes_are_in_the_header():
    header = wire.header()
    for kind in _kinds():
        assert kind.model_type() in header
    assert by_key("project").model_type() in header and "__pydantic_fields_set__" in header
    assert Finding in wire._PLANS  # rebuilt by a call to the class


def test_an_object_inside_its_own_fields_still_travels():
    """A call to the class cannot rebuild a cycle: such a result goes the plain pickle way."""
    f = Finding("A1", "error", "funds", "说明")
    f.found = [f]
    back = wire.loads(wire.dumps([f]))[0]
    assert back.found[0] is back and back.message == "说明"
