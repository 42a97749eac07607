"""The 绩效自评情况汇总表 of a 项目支出绩效自评表 typed wholly in 元 (s68): every money cell in 元 though the table says
万元 (880000 budgeted and 652200 spent of a “费用总成本 ≤88 万元”). No figure is 元 beside the other, so the 汇总表
(``summary.funds_totals``, its 资金总量 formulas, ``--json``'s funds_due and funds_done, the 分单位汇总, the 定稿's
汇总表) added them as written — 880026 万元 of two projects — while the reports, the rules and ``import`` read the
form in 万元 (``agreement.total_in_wan``). Now the 汇总表 reads it so too, from the same reading (``agreement.
typed_in_yuan``), says which 序号 it read so, and its formulas (``core.rates.read_whole_formula``, the twin of
``read_whole``) compute the same in LibreOffice — and still the right sum once the form is corrected to 万元."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import need_libreoffice
from jixiao.cli import main, sample_paths
from jixiao.core import rates
from jixiao.excel.workbook import write_forms
from test_yuan_totals_s66 import _figures, _sheets
from jixiao.forms.project.model import parse_form

# (实施单位, 全年预算数, 全年执行数, in 万元 as the reports read them)
WHOLE_A = ("甲单位", 880000, 652200, 88, 65.22)       # 费用总成本 ≤88 万元: A16 finds it in 元
WHOLE_B = ("乙单位", 1200000, 1100000, 120, 110)      # no money indicator: 100 亿元 is no county project's
PLAIN = ("甲单位", 26, 26, 26, 26)                     # in 万元
DUE, DONE = 88 + 120 + 26, 65.22 + 110 + 26


def _forms() -> list:
    s = sample_paths()
    out = []
    for path, (unit, annual, executed, _a, _e) in zip((s[1], s[0], s[2]), (WHOLE_A, WHOLE_B, PLAIN)):
        d = json.loads(path.read_text(encoding="utf-8"))
        d["unit"] = unit
        for row in ("total", "fiscal"):
            d["funds"][row] = {"initial": annual, "annual": annual, "executed": executed}
        if annual == WHOLE_B[1]:
            d["project"] = "退役军人岗位补贴"
            d["indicators"] = [i for i in d["indicators"] if "万元" not in (i["target"] or "")]
        out.append(parse_form(d))
    return out


def _summarize(tmp_path: Path, capsys, linked: bool, *extra: str) -> tuple[Path, dict]:
    forms = _forms()
    if linked:   # one workbook: 项目明细 reads each form's sheet by formulas
        src = [str(write_forms(forms, tmp_path / "表.xlsx"))]
    else:        # returned workbooks: the funds copied as values
        src = [str(write_forms(forms[:1], tmp_path / "报回" / "甲.xlsx")),
               str(write_forms(forms[1:], tmp_path / "报回" / "乙.xlsx"))]
    out = tmp_path / "汇总.xlsx"
    main(["summarize", *src, "-o", str(out), "--json", *extra])
    return out, json.loads(capsys.readouterr().out)


def _text(rows: list[list]) -> str:
    return "".join(str(c) for r in rows for c in r)


@pytest.mark.parametrize("linked", [True, False])
def test_the_summary_reads_a_form_in_yuan_in_wan(tmp_path, capsys, linked):
    out, s = _summarize(tmp_path, capsys, linked, "--by", "实施单位")
    assert (s["funds_due"], s["funds_done"]) == pytest.approx((DUE, DONE))    # not 2080026, not 1752226
    rows = {r["project"]: r for r in s["rows"]}
    whole, plain = rows["医疗保障服务经费"], rows["网络设备软件运行保障经费"]
    assert (whole["annual"], whole["executed"]) == (880000, 652200)            # the rows as written, as before
    assert whole["in_yuan"] is True and rows["退役军人岗位补贴"]["in_yuan"] is True and plain["in_yuan"] is False
    assert (s["groups"]["甲单位"]["funds_due"], s["groups"]["甲单位"]["funds_done"]) == pytest.approx((114, 91.22))
    assert (s["groups"]["乙单位"]["funds_due"], s["groups"]["乙单位"]["funds_done"]) == pytest.approx((120, 110))
    sheets = _sheets(out)
    fig = _figures(sheets)
    assert fig["汇总表"] == pytest.approx([DUE, DONE])                     # the cached values
    assert fig["汇总表-甲单位"] == pytest.approx([114, 91.22])
    assert fig["汇总表-乙单位"] == pytest.approx([120, 110])
    by = {r[1]: r[4:7] for r in sheets["分单位汇总"][4:] if r[1]}
    assert by["甲单位"] == pytest.approx([114, 91.22, 91.22 / 114])
    assert by["合计"] == pytest.approx([DUE, DONE, DONE / DUE])
    # each sheet says which 项目明细 rows it read in 万元, by their 序号 there, as it says a figure in 元 beside the other
    no = {r[1]: str(int(r[0])) for r in sheets["项目明细"][2:5]}
    a, b = no["医疗保障服务经费"], no["退役军人岗位补贴"]
    said = {n: _text(rows) for n, rows in sheets.items()}
    assert f"序号为{'、'.join(sorted([a, b], key=int))}的项目全年执行数或全年预算数像是以元填写，资金总量按换算为万元的数计入" \
           in said["汇总表"], said["汇总表"]
    assert f"序号为{a}的项目全年执行数或全年预算数像是以元填写" in said["汇总表-甲单位"]
    assert f"序号为{b}的项目全年执行数或全年预算数像是以元填写" in said["汇总表-乙单位"]
    assert "资金总量按换算为万元的数计入" in said["分单位汇总"]
    assert f"序号为{'、'.join(sorted([a, b], key=int))}的项目全年预算数和全年执行数像是都以元填写" in said["项目明细"], \
        said["项目明细"]


def test_the_totals_are_formulas_that_read_the_form_in_wan(tmp_path, capsys):
    """The 资金总量 is still a formula on 项目明细: each of the two rows in 元 taken off once and read in 万元."""
    from openpyxl import load_workbook

    out, _s = _summarize(tmp_path, capsys, True)
    ws = load_workbook(out)["汇总表"]
    c5, d5 = str(ws["C5"].value), str(ws["D5"].value)
    assert c5.startswith("=SUM(") and d5.startswith("=SUM(")
    assert c5.count("-N(") == 2 and d5.count("-N(") == 2, c5


@pytest.mark.libreoffice
@pytest.mark.parametrize("linked", [True, False])
def test_libreoffice_computes_the_totals_their_twin_says(tmp_path, capsys, linked):
    need_libreoffice()
    from jixiao.excel.office import convert

    out, _s = _summarize(tmp_path, capsys, linked, "--by", "实施单位")
    cached = _figures(_sheets(out))
    again = _figures(_sheets(Path(convert(out, "xlsx", tmp_path / "lo"))))
    assert again.keys() == cached.keys() and len(again) == 4
    for name in cached:
        assert again[name] == pytest.approx(cached[name]), name
    assert again["汇总表"] == pytest.approx([DUE, DONE])


@pytest.mark.libreoffice
def test_the_linked_totals_follow_the_form_corrected_to_wan(tmp_path, capsys):
    """The 填报人 corrects the form in 元 to 万元 (88, 65.22) in the linked 汇总表's workbook: the 资金总量 reads them
    as they now are (88, not 0.0088), and a form left with one figure in 元 beside the other reads it as the rules do."""
    need_libreoffice()
    from openpyxl import load_workbook

    from jixiao.excel.office import convert
    from jixiao.forms.project import layout as L

    out, _s = _summarize(tmp_path, capsys, True)
    wb = load_workbook(out)
    total = f"{L.FUND_COL_OF['annual']}{L.FUND_ROW_OF['total']}"
    first, second = ([ws for ws in wb.worksheets if ws[total].value == v][0] for v in (WHOLE_A[1], WHOLE_B[1]))
    for ws, (annual, executed) in ((first, (88, 65.22)), (second, (120, 1100000))):
        for row in ("total", "fiscal"):
            r = L.FUND_ROW_OF[row]
            for col, v in (("initial", annual), ("annual", annual), ("executed", executed)):
                ws[f"{L.FUND_COL_OF[col]}{r}"] = v
    edited = tmp_path / "改正.xlsx"
    wb.save(edited)
    again = _figures(_sheets(Path(convert(edited, "xlsx", tmp_path / "lo"))))
    # the second keeps 1100000 spent beside 120 budgeted: 元 beside the other, read 110 as ``read_funds`` reads it
    assert again["汇总表"] == pytest.approx([DUE, DONE])


def test_read_whole():
    assert rates.read_whole(executed=652200, annual=880000) == (65.22, 88)
    assert rates.read_whole(executed=None, annual=880000) == (None, 88)
    assert rates.read_whole(executed=0, annual=880000) == (0, 88)
    assert rates.read_whole(executed=65.22, annual=88) == (65.22, 88)          # corrected: as it now is
    assert rates.read_whole(executed=1100000, annual=120) == (110, 120)        # one left in 元: as ``read_funds``
    assert rates.read_whole(executed=-5, annual=880000) == (-5, 880000)     # no 元 (form_in_yuan): as written


def test_funds_totals_reads_a_row_in_yuan():
    from jixiao.summary import funds_totals

    rows = [{"annual": 880000, "executed": 652200, "in_yuan": True}, {"annual": 26, "executed": 26, "in_yuan": False},
            {"annual": 80, "executed": 765000}]
    assert funds_totals(rows) == pytest.approx((88 + 26 + 80, 65.22 + 26 + 76.5))


def test_the_final_copys_summary_reads_the_form_in_wan(tmp_path, capsys):
    """The 定稿 carries the 汇总表 as numbers: 114 and 91.22 万元 of the two projects of one 实施单位, not 880026 and
    652226, with the 说明 naming the row read so."""
    forms = _forms()
    book = write_forms([forms[0], forms[2]], tmp_path / "表.xlsx")
    assert main(["finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf"]) in (0, 1)
    capsys.readouterr()
    final = _sheets(next((tmp_path / "定稿").glob("*.xlsx")))
    head = final["汇总表"]
    assert [head[4][2], head[4][3]] == pytest.approx([88 + 26, 65.22 + 26])
    assert "序号为1的项目全年执行数或全年预算数像是以元填写，资金总量按换算为万元的数计入" in _text(head)


def test_the_reviews_summary_reads_a_form_in_yuan_in_wan(tmp_path):
    """The bureau's ``review``: its 汇总表's 资金总量 and the 分单位汇总's row of the department whose form is typed wholly
    in 元 (1200000 budgeted, 1100000 spent: 100 亿元 is no county project's) read 120 and 110 万元, as its reports."""
    import openpyxl

    from test_yuan_totals_s66 import reviewed_by_unit

    row = {"initial": 1200000, "annual": 1200000, "executed": 1100000}
    book, by, water = reviewed_by_unit(tmp_path, row)
    assert by["县民政局"] == pytest.approx([120, 110, 110 / 120]), by
    w_due, w_done = water.funds.column("annual"), water.funds.column("executed")
    assert by["合计"][:2] == pytest.approx([120 + w_due, 110 + w_done]), by
    ws = openpyxl.load_workbook(book, data_only=True)["汇总表"]
    assert [ws["C5"].value, ws["D5"].value] == pytest.approx([120 + w_due, 110 + w_done])
    # the 分单位汇总's 说明 names the row read in 元 as the 汇总表's does, in its words (``yuan_said``): a reviewer
    # printing it alone saw 120 万元 for the 县民政局 with no word of the 1200000 on its form
    sheets = _sheets(book)
    said = {n: _text(sheets[n]).replace("\n", "") for n in ("汇总表", "分单位汇总")}
    (sentence,) = re.findall(r"“项目明细”工作表中序号为[^。]*以元填写[^。]*。", said["汇总表"])
    assert sentence in said["分单位汇总"], (sentence, said["分单位汇总"])
