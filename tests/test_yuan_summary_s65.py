"""A 资金 figure written in 元 beside its 万元 row (765000 spent of an 80 万元 budget) on the 汇总表's 项目明细: the
rules (A5, A16) and the 复核 read it in 万元 (``core.rates.wan_rate``, s64), while its 执行率 column still divided
the funds as written — 956250.00 % beside the form's 复核得分 of 95.63 %, and the 图表's bar off the scale. The
column's formula and its Python twin (the cached value, the JSON row) now read the figure as the rules do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import python_calamine as pc

from conftest import need_libreoffice
from jixiao.cli import main
from jixiao.core.rates import exec_rate, wan_rate
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form

# (全年预算数, 全年执行数): 元 spent, 元 budgeted, overspent in 万元 (no 元), as written, blank spent, 元 at the
# edges of ``yuan_in_wan`` (0.3 and 3 times the other once divided by 10,000) and just past them
FUNDS = [(80, 765000), (800000, 76.5), (80, 95), (5.6, 5.18), (80, None), (10, 30000), (10, 300000),
         (10, 29999), (10, 300001), (100000, 0), (0, 5)]


def _rate(annual, executed):
    wan = wan_rate(executed=executed, annual=annual)
    return wan[0] if wan else exec_rate(executed=executed, annual=annual)


def _forms(sample_json):
    out = []
    for i, (annual, executed) in enumerate(FUNDS):
        d = json.loads(json.dumps(sample_json[0]))
        row = {"initial": annual, "annual": annual, "executed": executed}
        d.update(project=f"{i + 1:02d}号项目", exec_rate=None, exec_score=None,
                 funds={"total": row, "fiscal": row, "carryover": {}, "other": {}})
        out.append(parse_form(d, f"{i}.json"))
    return out


def _rates(path: Path) -> list:
    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("项目明细").to_python(skip_empty_area=False)
    return [r[6] for r in rows[2:2 + len(FUNDS)]]


def _summarize(tmp_path, sample_json, capsys, linked: bool) -> tuple[Path, dict]:
    forms = _forms(sample_json)
    if linked:   # the 汇总 of one workbook: 项目明细 reads each form's sheet by formulas
        src = [str(write_forms(forms, tmp_path / "表.xlsx"))]
    else:        # returned workbooks: the funds copied as values
        src = [str(write_forms(forms[:5], tmp_path / "报回" / "甲.xlsx")),
               str(write_forms(forms[5:], tmp_path / "报回" / "乙.xlsx"))]
    out = tmp_path / "汇总.xlsx"
    main(["summarize", *src, "-o", str(out), "--json"])
    return out, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("linked", [True, False])
def test_the_rate_column_reads_a_figure_in_yuan_as_the_rules_do(tmp_path, sample_json, capsys, linked):
    out, s = _summarize(tmp_path, sample_json, capsys, linked)
    want = [_rate(a, e) for a, e in FUNDS]
    assert want[0] == pytest.approx(0.95625) and want[1] == pytest.approx(0.95625)   # not 9562.5, not 0.0000956
    got = {r["project"]: r["exec_rate"] for r in s["rows"]}
    assert [got[f"{i + 1:02d}号项目"] for i in range(len(FUNDS))] == pytest.approx(want)
    by_name = sorted(zip([r["project"] for r in s["rows"]], _rates(out)))
    assert [v if v != "" else None for _n, v in by_name] == pytest.approx(want)   # the cached values
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("项目明细").to_python(skip_empty_area=False)
    [note] = [r[0] for r in rows if "像是以元填写" in str(r[0])]   # why 95.63 % stands beside 765000 and 80
    yuan = [str(i) for i, r in enumerate(s["rows"], 1) if wan_rate(executed=r["executed"], annual=r["annual"])]
    said = [r[0] for r in pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("汇总表").to_python() if r[0]]
    assert any(f"序号为{'、'.join(yuan)}的项目全年执行数或全年预算数像是以元填写，资金总量按换算为万元的数计入" in str(t)
               for t in said), said   # 资金总量 reads 765000 as 76.5 万元 (s66): the 说明 says so
    assert len(yuan) == 4 and f"序号为{'、'.join(yuan)}的项目全年执行数或全年预算数像是以元填写，“执行率”按换算为万元的数计算" in note, note


@pytest.mark.libreoffice
@pytest.mark.parametrize("linked", [True, False])
def test_libreoffice_computes_the_rate_its_twin_says(tmp_path, sample_json, capsys, linked):
    need_libreoffice()
    from jixiao.excel.office import convert

    out, _s = _summarize(tmp_path, sample_json, capsys, linked)
    cached = _rates(out)
    again = _rates(convert(out, "xlsx", tmp_path / "lo"))
    assert [v if v != "" else None for v in again] == pytest.approx([v if v != "" else None for v in cached])
    assert pytest.approx(0.95625) in again
