"""The figures of the two reports a department sends (项目支出绩效自评报告, 整体绩效自评工作报告), stated once and
right (s67). A workbook of three projects as the real samples come: one whose 全年执行数 is typed in 元 (1280000 beside
its 128 万元 of 当年财政拨款), one whose 年初预算数 and 全年预算数 are in 元 (800000 for 80 万元, 76.5 万元 spent),
one clean. ``jixiao report --force`` of it:

1. restated the 元 as written in the project's own lines (“支出1280000.00万元【待核实】，执行率943952.8%【待核实】，
   超支1279864.40万元”, “下达800000.00万元”) while the 合计 read them in 万元 (``summary.funds_totals``);
2. added the 年初预算数 as written: “年初预算数合计800161.60万元” beside a 全年预算数合计 of 241.60;
3. wrote “100%” and “92.5%” (trailing zeros dropped) where the sheets, the 定稿 and the 汇总表 print 100.00% and
   92.50%, beside money (26.00) and scores (100.00) to two decimals;
4. (``summary.funds_totals`` asked ``core.rates.yuan_side`` twice a row.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document

from jixiao import reports as R
from jixiao.checking.run import check_batch
from jixiao.cli import sample_paths
from jixiao.core import rates
from jixiao.core.profiles import get_profile
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form
from jixiao.sources import load_all


def test_funds_totals_asks_once_a_row(monkeypatch):
    """``summary.funds_totals`` read each row once: it asked ``yuan_side`` and then ``read_funds``, which asked again."""
    import jixiao.summary as S

    asked = []
    real = rates.yuan_side

    def counted(**kw):
        asked.append(kw)
        return real(**kw)

    monkeypatch.setattr(rates, "yuan_side", counted)
    monkeypatch.setattr(S, "yuan_side", counted, raising=False)
    rows = [{"annual": 80, "executed": 765000}, {"annual": 800000, "executed": 76.5}, {"annual": 10, "executed": 9}]
    assert S.funds_totals(rows) == (170, 162)
    assert len(asked) == len(rows), asked
