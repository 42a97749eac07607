"""One mistake, one instruction (session 41 QA): a 得分 below its 分值 that the scoring rules raise to
full marks (D4: “节约不算未完成，得满分”) was also a deduction to explain (D6) and one that contradicts
“已完成” (G3): the notice told the department to raise the score and to explain why it lost points."""

from __future__ import annotations

import json

from conftest import SAMPLES
from jixiao.checking.run import check_batch
from jixiao.core.profiles import get_profile
from jixiao.sources import load_all


def _findings(tmp_path, changes=None):
    d = json.loads(next(p for p in SAMPLES if p.name == "01.json").read_text(encoding="utf-8"))
    for k, v in (changes or {}).items():
        d["indicators"][k].update(v)
    src = tmp_path / "01.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    batch = load_all([src])
    return d, check_batch(batch, get_profile(None)).findings


def test_a_score_raised_to_full_is_no_deduction_to_explain(tmp_path):
    d, found = _findings(tmp_path)
    k = next(i for i, ind in enumerate(d["indicators"]) if ind["name"] == "年发放工资、保险费用")
    assert d["indicators"][k]["score"] < d["indicators"][k]["weight"] and not d["indicators"][k].get("reason")
    on = [f for f in found if f.field.startswith(f"indicators[{k}]")]
    assert not any(f.rule == "D6" for f in on) and any(f.rule == "D4" and "应为 20" in f.message for f in on)
    assert not any(f.rule in ("G2", "G3") for f in found)
    # a real deduction (the rules give less than full too) still asks for its reason
    d, found = _findings(tmp_path, {k: {"actual": "10万元", "target": "≥20万元"}})
    assert any(f.rule == "D6" and f.field == f"indicators[{k}].reason" for f in found)
