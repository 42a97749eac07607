"""Session 64: the raised 三级指标 分值 (a 三级 分值 raised over what its 一级 allows, the 一级 分值 adding up to 100).

Session 63 made F3/F4 (部门整体) and V2/V3 (评价表) tell the 填报人 to adjust the 三级, not to raise the 一级 — and
put words into the findings' ``expected``/``found`` (“其下三级指标分值合计 25 分”), where every other finding of
these rules, and F1/V1 beside them, carries numbers. docs/outputs.md is the contract of ``--json``: the reviewer's
scripts and the 汇总 read ``expected``/``found`` of a 分值 finding as numbers, and these broke on text. The numbers
are back (the sum the 三级 should make, the sum they make, as F1 gives its 100 and its sum); the words the 校验结果
sheet and the 清单 print beside them are added fields, ``expected_shown``/``found_shown``."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from test_clerk_dept_s63 import CLERK
from test_raised_weight_reason_s63 import _evaluation

WEIGHT_RULES = {"F1", "F3", "F4", "V1", "V2", "V3"}


def _json_findings(capsys, path: Path) -> list[dict]:
    from jixiao.cli import main

    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def _number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def test_the_evaluation_forms_raised_weight_findings_carry_numbers(tmp_path, capsys):
    """产出数量's 分值 raised from 10 to 12 (I15): 项目产出 is 30, its 三级 add up to 32."""
    got = _json_findings(capsys, _evaluation(tmp_path, I15=12, J15=10))
    mine = [f for f in got if f["rule"] in WEIGHT_RULES]
    assert {f["rule"] for f in mine} == {"V1", "V2", "V3"}, [(f["rule"], f["message"]) for f in mine]
    assert all(_number(f["expected"]) and _number(f["found"]) for f in mine), \
        [(f["rule"], f["expected"], f["found"]) for f in mine]
    for f in (f for f in mine if f["rule"] in ("V2", "V3")):
        assert (f["expected"], f["found"]) == (30, 32), f
        assert (f["expected_shown"], f["found_shown"]) == ("其下三级指标分值合计 30 分", "其下三级指标分值合计 32 分"), f
        assert "使之合计为 30 分" in f["message"], f["message"]


def test_the_department_forms_raised_weight_findings_carry_numbers(tmp_path, capsys):
    """The clerk's 部门整体 form, a 5-分 三级 row inserted into 职责履行: 产出 is 25, its 三级 add up to 30."""
    got = _json_findings(capsys, CLERK)
    mine = [f for f in got if f["rule"] in ("F3", "F4")]
    assert {f["rule"] for f in mine} == {"F3", "F4"}, [(f["rule"], f["message"]) for f in mine]
    for f in mine:
        assert (f["expected"], f["found"]) == (25, 30), f
        assert (f["expected_shown"], f["found_shown"]) == ("其下三级指标分值合计 25 分", "其下三级指标分值合计 30 分"), f
    # a finding with no words of its own carries no such field: the JSON of every other finding is as it was
    assert not [f for f in got if f["rule"] not in ("F3", "F4") and ("expected_shown" in f or "found_shown" in f)]


def test_the_marked_copy_still_says_what_the_figures_are_of(tmp_path):
    """The 校验结果 sheet's 应为 and 表中为 and the cell's comment: the sum of the 三级 under 项目产出, not a bare
    “30 分” beside a 一级 cell that shows 30 (its 表中为 “32 分” read as if the cell held 32)."""
    from jixiao.cli import main

    out = tmp_path / "标注.xlsx"
    main(["check", str(_evaluation(tmp_path, I15=12, J15=10)), "--annotate", str(out)])
    wb = openpyxl.load_workbook(out)
    rows = [r for r in wb["校验结果"].iter_rows(values_only=True) if r[1] in ("V2", "V3")]
    assert len(rows) == 2, rows
    for r in rows:
        assert (r[6], r[7]) == ("其下三级指标分值合计 30 分", "其下三级指标分值合计 32 分"), r


def test_the_return_list_says_them_too(tmp_path, capsys):
    """The review's item: its ``found``/``expected`` the figures as the review's JSON gives every figure (text of
    the number), its ``found_shown``/``expected_shown`` and the 清单's 表中为/应为 the finding's own words."""
    from jixiao.cli import main

    inbox = tmp_path / "收件" / "县医疗保障局"
    inbox.mkdir(parents=True)
    _evaluation(inbox, I15=12, J15=10)
    capsys.readouterr()
    main(["review", str(tmp_path / "收件"), "-o", str(tmp_path / "复核"), "--json"])
    (dept,) = [d for d in json.loads(capsys.readouterr().out)["departments"] if d["to_fix"]]
    items = [it for it in dept["to_fix"] if it["rule"] in ("V2", "V3")]
    assert len(items) == 2, [it["rule"] for it in dept["to_fix"]]
    for it in items:
        assert (it["expected"], it["found"]) == ("30", "32"), it
        assert (it["expected_shown"], it["found_shown"]) == ("其下三级指标分值合计 30 分", "其下三级指标分值合计 32 分"), it
    ws = openpyxl.load_workbook(dept["notice_xlsx"]).active
    head = [c.value for c in ws[2]]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert ("其下三级指标分值合计 30 分", "其下三级指标分值合计 32 分") in {
        (r[head.index("应为")], r[head.index("表中为")]) for r in rows}, rows
