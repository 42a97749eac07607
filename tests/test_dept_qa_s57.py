"""部门整体支出绩效自评表, QA of stop 57: what the department form said wrongly or not at all."""

from __future__ import annotations

import copy

from dept_helpers import clean_json
from jixiao.forms.department.model import parse_dept_form
from jixiao.forms.department.rules import check_forms
from jixiao.sources import Loaded


def _findings(d: dict) -> list:
    (_score, found), = check_forms([Loaded(parse_dept_form(d), "部门整体.xlsx", "部门整体")])
    return found


# -- 资金结余 without 上年结转结余: the missing figure named once -----------------------------------
def test_a_balance_without_last_years_names_the_missing_figure_once():
    d = clean_json()
    d["data"]["balance"], d["data"]["carryover_last"] = 50.0, None
    d["indicators"][5]["score"] = None        # 资金结余: the formula shows nothing
    said = [f.message for f in _findings(d) if f.rule in ("F6", "F15")]
    assert len(said) == 2, said
    for m in said:
        assert "缺少计算数据（上年结转结余（万元））" in m, m
