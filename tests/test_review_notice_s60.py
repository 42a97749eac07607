"""Stop 60: the reviewer's documents as a department reads them — 上次已指出 on a 续表, the 附件 names, times."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from review_fixture import run_cli

from jixiao.review.rounds import LastRound, compare, item_key


def _review(inbox: Path, out: Path, *extra: str) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json", *extra)
    assert code in (0, 1), text
    return json.loads(text)


# ---- 上次已指出: a point on a 续表 is not the point on the same cell of the form's first sheet

def test_a_point_on_a_continuation_is_not_the_same_cell_of_the_first_sheet(tmp_path):
    """Round one pointed at H5 of the form's 续表; round two finds the same rule at H5 of the form's first
    sheet (the 续表's own H5 put right). The notice marked it “上次已指出”: the key left the sheet out (a
    department may rename its sheets), so a 续表's cell and the first sheet's of the same address were one."""
    from test_continued_s59 import FIRST, split

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    split(inbox / "自评表.xlsx", 18)
    rv = _review(inbox, tmp_path / "out")
    [dept] = [d for d in rv["departments"] if d["forms"]]
    on_rest = [it for it in dept["to_fix"] if it.get("form_sheet") == FIRST and it["sheet"] == "续表" and it["cell"]]
    assert on_rest, dept["to_fix"]
    then = on_rest[0]
    first = {k: v for k, v in then.items() if k != "form_sheet"} | {"sheet": FIRST}   # same cell, the first sheet
    assert item_key(first) != item_key(then)
    last = LastRound(when=__import__("datetime").datetime(2026, 12, 1, 9, 0), number=1,
                     departments={dept["department"]: {"status": "退回修改", "items": [item_key(then)], "returned": 1}})
    now = SimpleNamespace(name=dept["department"], items=[dict(first), dict(then)], status="退回修改", standing=None,
                          last_round=None)
    compare(now, last)
    assert [it["again"] for it in now.items] == [False, True]
    assert now.last_round["new"] == 1 and now.last_round["again"] == 1
    # a point on a form's first sheet keys as before: a manifest of an earlier round still matches it
    plain = {k: v for k, v in first.items()}
    assert "续表" not in item_key(plain) and item_key(plain).count("\x1f") == 3
