"""A county 农业农村局's 填报人 who had never seen the tool (session 63): last year's sheet copied in with
its year unchanged, 元 typed into the 万元 cells, rows deleted and inserted by hand, a project with no money.
Each test is one thing the buttons or the documents told that 填报人 wrong."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from jixiao.checking.run import check_paths


def _form(tmp_path: Path, name: str, **change) -> Path:
    d = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    d.update(change)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_executed_figure_typed_in_yuan_is_told_in_wan_not_capped_at_the_budget(tmp_path):
    """全年执行数 765000 (元) typed under an 80 万元 budget, in the total row and the 当年财政拨款 row: A5 said
    on both cells “应不超过全年预算数 80 万元”, 应为 80 万元 — the 当年财政拨款 cell had nothing else, and a
    填报人 typing 80 there made the error go, with 3.5 万元 spent that was never spent. Now A5 says what A16
    says of the total: it looks like 元, 应为 76.5 万元."""
    row = {"initial": 80, "annual": 80, "executed": 765000}
    path = _form(tmp_path, "元", funds={"total": row, "fiscal": row, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None)
    _batch, res = check_paths([path])
    a5 = {f.field: f for f in res.findings if f.rule == "A5"}
    assert set(a5) == {"funds.total.executed", "funds.fiscal.executed"}
    for f in a5.values():
        assert f.severity == "error" and f.expected == 76.5, (f.message, f.expected)
        assert "像是以元填写：应为 76.5 万元" in f.message and "应不超过全年预算数 80 万元" not in f.message
    assert a5["funds.fiscal.executed"].message == (
        "当年财政拨款的全年执行数 765000 万元超过全年预算数 80 万元（是它的约 9562 倍），像是以元填写：应为 76.5 万元")


def test_an_executed_figure_over_its_budget_in_wan_is_still_capped_at_the_budget(tmp_path):
    row = {"initial": 80, "annual": 80, "executed": 95}
    path = _form(tmp_path, "超支", funds={"total": row, "fiscal": row, "carryover": {}, "other": {}},
                 exec_rate=None, exec_score=None)
    _batch, res = check_paths([path])
    [f, _] = [f for f in res.findings if f.rule == "A5"]
    assert f.expected == 80 and f.message == "年度资金总额的全年执行数应不超过全年预算数 80 万元，表中为 95 万元"
