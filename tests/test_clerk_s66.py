"""What a county 填报人 met filling the committed templates by hand — two 项目支出绩效自评表 and the 部门整体支出绩效
自评表 of 子洲县医疗保障局 — and clicking 计算, 校验, 汇总, 生成报告, 定稿 (session 66)."""

from __future__ import annotations

import pytest

from dept_helpers import clean_json
from jixiao.checking.run import check_batch
from jixiao.forms.department.model import parse_dept_form
from jixiao.sources import Batch, Loaded


def _dept_findings(d: dict) -> list:
    return check_batch(Batch(departments=[Loaded(parse_dept_form(d), "部门.json")], files=1)).findings


def _zizhou_like(**data) -> dict:
    """A 部门整体 form of a county 局 like 子洲's: 资产总额 41.98 万元, all of it 固定资产, beside 2903.86 万元 of 总收入."""
    d = clean_json()
    d["data"].update(assets_total=41.98, income_total=2903.8592, expense_total=2903.8592, expense_basic=1610.1692,
                     expense_project=1293.69, budget=2850.0, key_spending=1200.0, fixed_assets_in_use=40.5,
                     fixed_assets_total=41.98)
    d["data"].update(data)
    return d


def test_an_assets_total_typed_in_yuan_is_questioned_beside_the_fixed_assets_it_holds():
    """子洲's 资产总额 is 41.98 万元, a seventieth of its 总收入. Typed in 元 (419800), it was never questioned: F16 asked
    only of a 资产总额 a thousand times the year's money, and 419800 is 145 times 2903.86. The 整体绩效自评工作报告 said
    “资产总额419800.00万元” of a 局 whose 固定资产总额 — a part of its assets — is 41.98 万元."""
    assert [f for f in _dept_findings(_zizhou_like()) if f.rule == "F16"] == []   # as typed in 万元: silent
    [f] = [f for f in _dept_findings(_zizhou_like(assets_total=419800.0)) if f.rule == "F16"]
    assert f.message == "资产总额 419800 万元是其中固定资产总额 41.98 万元的约 10000 倍，像是以元填写：应为 41.98 万元"
    assert (f.expected, f.cell, f.severity) == (41.98, "E7", "warning")


@pytest.mark.parametrize("assets", [50000.0, 41.98, 2000.0])
def test_an_assets_total_whose_yuan_reading_falls_below_its_fixed_assets_is_left(assets):
    """A 资产总额 a thousand times its 固定资产 is 万元 where, read as 元, it would hold less than those 固定资产 (a
    局 keeping 5 亿元 of 往来款 beside 50 万元 of 固定资产): 50000 万元 as 元 is 5 万元, below its own 50 万元."""
    d = _zizhou_like(assets_total=assets, fixed_assets_total=50.0, fixed_assets_in_use=45.0)
    assert [f for f in _dept_findings(d) if f.rule == "F16" and "资产总额" in f.message] == []
