"""A notice never asks for a unit that the same notice calls no unit.

The published 18.json writes “≥6 次数” and “≥95 百分比”, 16.json “≥ 100 比率”, each with a 实际完成值 of
“完成”/“未完成”. C16 and C17 tell the department “次数”“百分比”“比率” are not units (write “次”, “%”);
C5, C6 and C15, saying in which unit the 实际完成值 is to be written, must name the same “次” and “%”,
not “应为一个以“百分比”计的数值” two lines above “用“百分比”作单位，应写作“≥95%””.
"""

from __future__ import annotations

import copy
import json

from conftest import SAMPLES
from jixiao.checking.run import check_batch
from jixiao.core.findings import unfold
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded

NOT_UNITS = ("次数", "百分比", "比率")


def _findings(data: dict):
    return unfold(check_batch(Batch(forms=[Loaded(parse_form(data), "x.json")], files=1)).findings)


def _sample(n: str) -> dict:
    return json.loads(next(p for p in SAMPLES if p.name == f"{n}.json").read_text(encoding="utf-8"))


def test_text_actuals_name_the_unit_to_write():
    by_cell = {}
    for n in ("16", "18"):
        for f in _findings(_sample(n)):
            if f.rule == "C5":
                by_cell[(n, f.cell)] = f
    # 18 F14 “≥6 次数”, F15 “≥95 百分比”, F16 “≥100 百分比”; 16 F15 “≥ 100 比率”
    assert "以“次”计的数值" in by_cell[("18", "F14")].message and by_cell[("18", "F14")].expected == "数值（次）"
    for key in (("18", "F15"), ("18", "F16"), ("16", "F15")):
        assert "以“%”计的数值" in by_cell[key].message and by_cell[key].expected == "数值（%）", by_cell[key].message
    for f in by_cell.values():
        assert not any(f"“{w}”计" in f.message for w in NOT_UNITS), f.message


def test_unit_of_a_bare_number_and_of_a_mismatch():
    d = copy.deepcopy(_sample("18"))
    d["indicators"][0]["actual"] = "6"        # C15: the unit to add is “次”
    d["indicators"][1]["actual"] = "95 人"     # C6: a count where a rate (“≥95 百分比”) is due
    got = {f.rule: f for f in _findings(d) if f.cell in ("F14", "F15") and f.rule in ("C15", "C6")}
    assert got["C15"].expected == "6 次" and "以“次”计" in got["C15"].message, got["C15"].message
    assert got["C6"].expected == "%" and "同单位（%）" in got["C6"].message, got["C6"].message
    for f in got.values():
        assert not any(f"“{w}”计" in f.message or f"（{w}）" in f.message for w in NOT_UNITS), f.message
