"""The 汇总表's 资金总量 and the 分单位汇总 (``--by``) where a project's 全年执行数 or 全年预算数 is written in 元 beside
its 万元 row (765000 spent of an 80 万元 budget). Session 65 made the 项目明细's 执行率 read it in 万元, but the
资金总量 still added it as written — 765202.68 万元 of five projects, 10,000 times too much — and each unit's 执行率 on
the 分单位汇总 was divided from those sums (9,562.50 %). The totals now read it through ``core.rates.read_funds``,
in the JSON, in the cached values and in the formulas, which LibreOffice recalculates to the same figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import python_calamine as pc

from conftest import need_libreoffice
from jixiao.cli import main
from jixiao.core.rates import read_funds
from jixiao.excel.workbook import write_forms
from jixiao.forms.project.model import parse_form

# (实施单位, 全年预算数, 全年执行数): each unit has a 元 figure, 甲 one spent, 乙 one budgeted; 丙 none
FUNDS = [("甲单位", 80, 765000), ("甲单位", 120.5, 100.25), ("乙单位", 800000, 76.5), ("乙单位", 10, 9),
         ("丙单位", 50, 45.5), ("甲单位", 30, None)]


def _forms(sample_json):
    out = []
    for i, (unit, annual, executed) in enumerate(FUNDS):
        d = json.loads(json.dumps(sample_json[0]))
        row = {"initial": annual, "annual": annual, "executed": executed}
        d.update(project=f"{i + 1:02d}号项目", unit=unit, exec_rate=None, exec_score=None,
                 funds={"total": row, "fiscal": row, "carryover": {}, "other": {}})
        out.append(parse_form(d, f"{i}.json"))
    return out


def _in_wan(rows):
    """(Σ 全年预算数, Σ 全年执行数) in 万元 as the rules read each row."""
    read = [read_funds(executed=e, annual=a) for _u, a, e in rows]
    return sum(a for _e, a in read), sum(e or 0 for e, _a in read)


def _summarize(tmp_path, sample_json, capsys, linked: bool) -> tuple[Path, dict]:
    forms = _forms(sample_json)
    if linked:   # one workbook: 项目明细 reads each form's sheet by formulas
        src = [str(write_forms(forms, tmp_path / "表.xlsx"))]
    else:        # returned workbooks: the funds copied as values
        src = [str(write_forms(forms[:3], tmp_path / "报回" / "甲.xlsx")),
               str(write_forms(forms[3:], tmp_path / "报回" / "乙.xlsx"))]
    out = tmp_path / "汇总.xlsx"
    main(["summarize", *src, "-o", str(out), "--by", "实施单位", "--json"])
    return out, json.loads(capsys.readouterr().out)


def _sheets(path: Path) -> dict[str, list[list]]:
    book = pc.CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def _figures(sheets: dict[str, list[list]]) -> dict[str, list]:
    """Each 汇总表's (the main one's, each unit's) C5 and D5 and, where there is one, the 分单位汇总's E..G of each row."""
    out = {n: [rows[4][2], rows[4][3]] for n, rows in sheets.items() if n.startswith("汇总表")}
    if "分单位汇总" in sheets:
        out["分单位汇总"] = [v for r in sheets["分单位汇总"][4:] if r[1] for v in r[4:7]]
    return out


@pytest.mark.parametrize("linked", [True, False])
def test_the_totals_read_a_figure_in_yuan_in_wan(tmp_path, sample_json, capsys, linked):
    out, s = _summarize(tmp_path, sample_json, capsys, linked)
    due, done = _in_wan(FUNDS)
    assert due == pytest.approx(80 + 120.5 + 80 + 10 + 50 + 30) and done == pytest.approx(76.5 + 100.25 + 76.5 + 9 + 45.5)
    assert (s["funds_due"], s["funds_done"]) == pytest.approx((due, done))   # not 800360.5, not 765231.25
    sheets = _sheets(out)
    fig = _figures(sheets)
    assert fig["汇总表"] == pytest.approx([due, done])                        # the cached values
    for unit in ("甲单位", "乙单位", "丙单位"):
        mine = [f for f in FUNDS if f[0] == unit]
        assert fig[f"汇总表-{unit}"] == pytest.approx(list(_in_wan(mine))), unit
    by = {r[1]: r[4:7] for r in sheets["分单位汇总"][4:] if r[1]}
    assert by["甲单位"] == pytest.approx([230.5, 176.75, 176.75 / 230.5])   # 执行率 76.68 %, not 3,395.44 %
    assert by["乙单位"] == pytest.approx([90, 85.5, 0.95])                   # not 0.01 %
    assert by["合计"] == pytest.approx([due, done, done / due])
    # each sheet says which 项目明细 rows it read in 万元, by their 序号 in 项目明细
    detail = sheets["项目明细"]
    no = {r[1]: str(int(r[0])) for r in detail[2:2 + len(FUNDS)]}
    said = {n: "".join(str(c) for r in rows for c in r) for n, rows in sheets.items()}
    assert f"序号为{'、'.join(sorted([no['01号项目'], no['03号项目']], key=int))}的项目全年执行数或全年预算数像是以元填写，" \
           "资金总量按换算为万元的数计入" in said["汇总表"]
    assert f"序号为{no['01号项目']}的项目全年执行数或全年预算数像是以元填写，资金总量按换算为万元的数计入" in said["汇总表-甲单位"]
    assert f"序号为{no['03号项目']}的项目全年执行数或全年预算数像是以元填写" in said["汇总表-乙单位"]
    assert "像是以元填写" not in said["汇总表-丙单位"]
    assert "资金总量按换算为万元的数计入" in said["分单位汇总"]


def test_the_totals_are_formulas_that_read_only_the_yuan_rows(tmp_path, sample_json, capsys):
    """The 资金总量 is still a formula on 项目明细 (editing a linked form updates it), longer only by its 元 rows."""
    from openpyxl import load_workbook

    out, _s = _summarize(tmp_path, sample_json, capsys, True)
    ws = load_workbook(out)["汇总表"]
    c5, d5 = str(ws["C5"].value), str(ws["D5"].value)
    assert c5.startswith("=SUM(") and d5.startswith("=SUM(")
    assert c5.count("-N(") == 1 and d5.count("-N(") == 1   # one 元 figure budgeted, one spent: each taken off once
    assert "/10000" not in str(load_workbook(out)["汇总表-丙单位"]["C5"].value)


@pytest.mark.libreoffice
@pytest.mark.parametrize("linked", [True, False])
def test_libreoffice_computes_the_totals_their_twin_says(tmp_path, sample_json, capsys, linked):
    need_libreoffice()
    from jixiao.excel.office import convert

    out, _s = _summarize(tmp_path, sample_json, capsys, linked)
    cached = _figures(_sheets(out))
    again = _figures(_sheets(Path(convert(out, "xlsx", tmp_path / "lo"))))
    assert again.keys() == cached.keys() and len(again) == 5
    for name in cached:
        assert again[name] == pytest.approx(cached[name]), name
    assert again["汇总表"] == pytest.approx(list(_in_wan(FUNDS)))


def reviewed_by_unit(tmp_path, row):
    """``review`` of an inbox of 县民政局 (one form whose 年度资金总额 and 财政拨款 are ``row``, its 执行率 and 执行率得分
    left to the formulas) and 县水务局 (sample 10): the 汇总表 it writes, its 分单位汇总 rows by unit (全年预算数,
    全年执行数, 执行率) and 县水务局's form."""
    from review_fixture import form, run_cli

    inbox = tmp_path / "inbox"
    (inbox / "县民政局").mkdir(parents=True)
    (inbox / "县水务局").mkdir(parents=True)
    write_forms([form(1, "县民政局", funds={"total": row, "fiscal": row, "carryover": {}, "other": {}},
                      exec_rate=None, exec_score=None)], inbox / "县民政局" / "民政局.xlsx")
    water = form(10, "县水务局")
    write_forms([water], inbox / "县水务局" / "水务局.xlsx")
    out = tmp_path / "out"
    run_cli("review", str(inbox), "-o", str(out))
    book = next(out.glob("*汇总表.xlsx"))
    by = {r[1]: r[4:7] for r in _sheets(book)["分单位汇总"][4:] if r[1]}
    return book, by, water


def test_the_reviews_by_unit_table_reads_a_figure_in_yuan_in_wan(tmp_path):
    """The bureau's ``review``: its 汇总表's 资金总量 and the 分单位汇总's row of the department whose form has 765000
    spent of 80 万元 (765000 and 9562.50 % as written), read in 万元 as the department's own 汇总表."""
    import openpyxl

    row = {"initial": 80, "annual": 80, "executed": 765000}
    book, by, water = reviewed_by_unit(tmp_path, row)
    assert by["县民政局"] == pytest.approx([80, 76.5, 0.95625]), by
    w_due, w_done = water.funds.column("annual"), water.funds.column("executed")
    assert by["合计"][:2] == pytest.approx([80 + w_due, 76.5 + w_done]), by
    ws = openpyxl.load_workbook(book, data_only=True)["汇总表"]
    assert [ws["C5"].value, ws["D5"].value] == pytest.approx([80 + w_due, 76.5 + w_done])


def test_a_total_too_long_for_one_formula_is_written_as_its_number():
    """Excel takes a formula of 8,192 characters at most: 60 rows in 元 would make the 资金总量's longer, so the cell
    holds the number its twin gives (the 项目明细's own rows stay formulas)."""
    from jixiao.excel.plan import Formula
    from jixiao.summary import Summary, funds_totals
    from jixiao.summary.book import summary_sheet

    rows = [{"project": f"{i}号项目", "unit": "甲单位", "authority": "", "annual": 80, "executed": 765000 if i < 60 else 5,
             "total": 95, "grade": "优", "source": f"x.xlsx#{i}"} for i in range(62)]
    due, done = funds_totals(rows)
    assert (due, done) == pytest.approx((62 * 80, 60 * 76.5 + 10))
    s = Summary(unit="甲单位", rows=rows, grades={"优": 62}, projects_due=62, projects_done=62, funds_due=due,
                funds_done=done)
    spec = summary_sheet(s, len(rows))
    assert spec.cells["D5"] == done and isinstance(spec.cells["C5"], Formula), spec.cells["C5"]
    few = summary_sheet(Summary(unit="甲单位", rows=rows[:3], grades={}, projects_due=3, projects_done=3,
                                funds_due=240, funds_done=229.5), 3)
    assert isinstance(few.cells["D5"], Formula) and few.cells["D5"].text.count("-N(") == 3
