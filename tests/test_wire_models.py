"""Pydantic models through ``wire`` by one call (``wire._model``, issue #18): exactly the state
``BaseModel.__setstate__`` gave them, and the plain pickle way whenever that is not sure."""

from __future__ import annotations

import json
import pickle
import pickletools
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jixiao import wire
from jixiao.forms import KINDS
from jixiao.forms.project.model import Form, Funds, FundRow, Indicator, parse_form

from test_wire import same

SAMPLE = Path(__file__).resolve().parent.parent / "jixiao" / "samples" / "dachang-2022" / "01.json"


def _form() -> Form:
    return parse_form(json.loads(SAMPLE.read_text(encoding="utf-8")))


def _ops(data: bytes) -> list[str]:
    return [op.name for op, _arg, _pos in pickletools.genops(data)]


def test_every_kinds_model_travels_by_one_call():
    wire.header()
    for kind in KINDS:
        assert wire._PLANS.get(kind.model_type()) is wire._by_model_state, kind.key
    for cls in (Form, Funds, FundRow, Indicator):
        assert wire._PLANS.get(cls) is wire._by_model_state


def test_a_form_comes_back_with_the_same_state_and_no_setstate():
    form = _form()
    data = wire.dumps(form)
    assert "BUILD" not in _ops(data)  # no __setstate__ call: every model went by _model
    back = wire.loads(data)
    same(form, back, "form")
    assert back == form and back.to_dict() == form.to_dict()
    assert back.model_dump(exclude_unset=True) == form.model_dump(exclude_unset=True)
    back.indicators[0].name = "改过"  # a rebuilt model is an ordinary, separate one
    assert back.indicators[0].name == "改过" and form.indicators[0].name != "改过"
    assert back.model_copy(deep=True) == back


def test_smaller_and_equal_to_what_plain_pickle_rebuilds():
    form = _form()
    plain = pickle.loads(pickle.dumps(form, pickle.HIGHEST_PROTOCOL))
    back = wire.loads(wire.dumps(form))
    same(plain, back, "form")


def test_a_model_with_extra_values_goes_the_plain_way():
    form = _form()
    object.__setattr__(form.funds, "__pydantic_extra__", {"附注": "x"})  # as extra="allow" would hold it
    object.__setattr__(form.indicators[0], "__pydantic_private__", {})  # empty but not None
    back = wire.loads(wire.dumps(form))
    same(form, back, "form")
    assert back.funds.__pydantic_extra__ == {"附注": "x"}
    assert back.indicators[0].__pydantic_private__ == {} and back.indicators[1].__pydantic_private__ is None


class _OwnState(BaseModel):  # module level: pickle finds a class by its name
    a: int = 0

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["__dict__"] = {**state["__dict__"], "a": state["__dict__"]["a"] + 1}
        return state


def test_a_model_with_its_own_state_is_not_rebuilt_by_the_call():
    assert not wire._plain_model(_OwnState)
    assert wire._plain_model(Form) and not wire._plain_model(dict)
    assert wire.loads(wire.dumps(_OwnState(a=1))).a == 2  # its __getstate__ ran, as pickle runs it
