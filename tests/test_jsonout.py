"""The fast JSON printer writes exactly the bytes ``json.dumps`` wrote (issue #18)."""

from __future__ import annotations

import io
import json
import math
import random
from dataclasses import dataclass
from datetime import date

import pytest

from jixiao import jsonout


def _stdlib(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "replace")


def _printed(data, encoding: str = "utf-8") -> bytes:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="\n")
    jsonout.write(data, stream=out)
    out.flush()
    return raw.getvalue()


def _floats(rng: random.Random, n: int) -> list[float]:
    vals = [0.0, -0.0, 1e-4, -1e-4, 1e16, 9.999999999999998e15, 1e15, 99.25, 0.1 + 0.2, 5e-324, 1e308, 1e-05]
    for _ in range(n):
        vals.append(rng.uniform(-1, 1) * 10 ** rng.randint(-8, 20))
        vals.append(round(rng.uniform(0, 100), rng.randint(0, 6)))
    return vals


def test_plain_data_goes_through_orjson_and_gives_the_same_bytes():
    rng = random.Random(18)
    data = [{"rule": "D11", "severity": "error", "message": f"总分应为 {i}（“优”）\n\t\\/\"", "cell": None,
             "ok": bool(i % 2), "found": rng.randint(-10**15, 10**15), "expected": round(rng.uniform(0, 100), 4),
             "nested": [1, 2.5, ["中", {"k": -7}]], "tuple": (1, "二")} for i in range(500)]
    assert jsonout.plain(data)
    assert jsonout.fast_bytes(data) is not None  # the fast path is really taken
    assert _printed(data) == _stdlib(data)


def test_every_float_prints_as_json_dumps_prints_it():
    vals = _floats(random.Random(7), 5000)
    assert _printed(vals) == _stdlib(vals)
    for v in vals:  # and each alone, whichever path it takes
        assert _printed({"v": v}) == _stdlib({"v": v}), v


@pytest.mark.parametrize("value", [1e-05, -3e-07, 1e16, 1.5e300, math.nan, math.inf, -math.inf, 2**64, -(2**63) - 1,
                                   {1: "a"}, {"a": {(1, 2): 3}}, date(2023, 3, 1), type("S", (str,), {})("x"),
                                   type("I", (int,), {})(3), type("D", (dict,), {})(a=1)])
def test_what_orjson_would_write_otherwise_is_not_plain(value):
    assert not jsonout.plain([{"x": value}])
    assert jsonout.fast_bytes([{"x": value}]) is None


def test_the_standard_path_still_prints_what_it_printed_before():
    data = [{"nan": math.nan, "inf": math.inf, "tiny": 1e-05, "big": 2**70, "k": {1: 2}}]
    assert _printed(data) == _stdlib(data)


def test_types_json_refuses_are_still_refused():
    @dataclass
    class P:
        a: int

    for bad in (date(2023, 1, 1), P(1)):
        with pytest.raises(TypeError):
            _printed([{"x": bad}])


def test_a_lone_surrogate_takes_the_text_path_as_before():
    data = [{"m": "a\udc80b"}]
    assert jsonout.plain(data)            # a str like any other ...
    assert jsonout.fast_bytes(data) is None  # ... that orjson refuses
    assert _printed(data) == _stdlib(data)   # replaced by the stream, as before


def test_a_stream_that_is_not_utf8_gets_the_text_path():
    data = [{"m": "自评表"}]
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="gbk", errors="replace")
    jsonout.write(data, stream=out)
    out.flush()
    assert raw.getvalue() == (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("gbk")


def test_pretty_is_indented_by_json():
    data = {"a": [1, {"b": "中"}]}
    out = io.StringIO()
    jsonout.write(data, pretty=True, stream=out)
    assert out.getvalue() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_deep_nesting_falls_back():
    data: list = []
    for _ in range(5000):
        data = [data]
    assert not jsonout.plain(data)
