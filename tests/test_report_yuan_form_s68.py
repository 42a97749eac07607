"""A 项目支出绩效自评表 typed wholly in 元 (s68): every money cell in 元 though the table says 万元 (880000 budgeted
and 652200 spent of a “费用总成本 ≤88 万元”; 1200000 and 1100000 with no money indicator at all). No figure is 元
beside the other, so ``core.rates.read_funds`` read them as written while A16 found them in 元:

1. the reports stated them as written: “下达880000.00万元”, “全年预算数合计880026.00万元”, “结余227800.00万元”;
2. A10, A12 and A14 compared the indicators with them (“只有本项目全年预算数 880000 万元的 0%”); A6 and R8 read the
   执行率 of a form whose 全年预算数 alone is in 元 as written (“执行率 0.01%” of 76.5 spent of 80 万元);
3. ``import`` said nothing of them (no figure 元 beside the other).

Now the check's reading (``agreement.total_in_wan``: ``core.rates.form_in_yuan`` of what A16 finds) is what the rules
compare, the reports state and ``check --report`` reads; A16 still tells the 填报人 to correct each cell.
"""

from __future__ import annotations

import json
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

PROJECT, WHOLE = "项目支出绩效自评报告", "整体绩效自评工作报告"


def _in_yuan(d: dict, initial: float, annual: float, executed: float) -> dict:
    for row in ("total", "fiscal"):
        d["funds"][row] = {"initial": initial, "annual": annual, "executed": executed}
    return d


def _forms() -> list[dict]:
    s = sample_paths()
    a = _in_yuan(json.loads(s[1].read_text(encoding="utf-8")), 880000, 880000, 652200)   # 费用总成本 ≤88 万元
    b = _in_yuan(json.loads(s[0].read_text(encoding="utf-8")), 1200000, 1200000, 1100000)
    b["project"] = "退役军人岗位补贴"
    b["indicators"] = [ind for ind in b["indicators"] if "万元" not in (ind["target"] or "")]   # no money indicator
    c = json.loads(s[2].read_text(encoding="utf-8"))   # 26 万元 budgeted and spent
    return [a, b, c]


def _batch(tmp_path: Path, forms: list[dict]):
    src = write_forms([parse_form(d) for d in forms], tmp_path / "自评表.xlsx")
    return src, load_all([src])


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("s68")
    src, batch = _batch(tmp, _forms())
    check = check_batch(batch, get_profile(None))
    texts, tables, paths = {}, {}, []
    for p in R.build_reports(batch, None, tmp / "报告", check=check, force=True):
        paths.append(p)
        if p.suffix == ".docx":
            doc = Document(str(p))
            texts[p.stem] = "\n".join(x.text for x in doc.paragraphs)
            tables[p.stem] = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return texts, tables, check.findings, batch, paths


def test_a_form_in_yuan_is_stated_in_wan(made):
    texts, tables, _, _, _ = made
    project, whole = texts[PROJECT], texts[WHOLE]
    assert "医疗保障服务经费下达88.00万元【待核实】，支出65.22万元【待核实】，执行率74.11%【待核实】，结余22.78万元" in project
    assert "退役军人岗位补贴下达120.00万元【待核实】，支出110.00万元【待核实】，执行率91.67%【待核实】，结余10.00万元" in project
    assert "1．医疗保障服务经费：执行率74.11%【待核实】，结余22.78万元；" in whole, whole
    for text in (project, whole):
        for wrong in ("880000", "652200", "1200000", "1100000", "227800", "100000.00"):
            assert wrong not in text, (wrong, text)
    rows = {r[1]: r[2:5] for r in tables[WHOLE] if r[0].isdigit()}
    assert rows["医疗保障服务经费"] == ["88.00\n【待核实】", "65.22\n【待核实】", "74.11%\n【待核实】"], rows
    assert rows["退役军人岗位补贴"] == ["120.00\n【待核实】", "110.00\n【待核实】", "91.67%\n【待核实】"], rows


def test_the_totals_add_the_figures_in_wan(made):
    texts, tables, _, _, _ = made
    for name in (PROJECT, WHOLE):
        assert "全年预算数合计234.00万元【待核实】，全年执行数合计201.22万元【待核实】，总体执行率85.99%【待核实】" in texts[name]
    assert "年初预算数合计234.00万元【待核实】" in texts[PROJECT]
    total = next(r for r in tables[WHOLE] if r[0] == "合计")
    assert total[2:5] == ["234.00\n【待核实】", "201.22\n【待核实】", "85.99%\n【待核实】"], total


def test_the_check_still_tells_the_cells_in_yuan(made):
    _, _, findings, _, _ = made
    a16 = sorted((f.project, f.cell) for f in findings if f.rule == "A16")
    assert a16 == sorted([("医疗保障服务经费", c) for c in ("C7", "D7", "E7")]
                         + [("退役军人岗位补贴", c) for c in ("C7", "D7", "E7")]), a16


def test_the_indicators_are_compared_with_the_figures_in_wan(made):
    _, _, findings, _, _ = made
    told = [f for f in findings if f.project == "医疗保障服务经费" and f.rule in ("A10", "A11", "A12", "A14")]
    assert told == [], [f.message for f in told]   # ≤88 万元 of 88, 65.22 spent of 65.22: nothing to tell
    for f in findings:
        assert "880000 万元" not in f.message or f.rule == "A16", f.message
        assert "652200 万元" not in f.message or f.rule == "A16", f.message


def test_a14_of_a_form_in_yuan_says_the_budget_in_wan(tmp_path):
    d = _in_yuan(json.loads(sample_paths()[1].read_text(encoding="utf-8")), 1200000, 1200000, 1100000)
    cost = next(ind for ind in d["indicators"] if ind["target"] == "≤88 万元")
    cost.update(target="≤20 万元", actual="20 万元")
    _src, batch = _batch(tmp_path, [d])
    check = check_batch(batch, get_profile(None))
    (a14,) = [f for f in check.findings if f.rule == "A14"]
    assert "只有本项目全年预算数 120 万元的 17%" in a14.message and a14.expected == "≤120 万元", a14.message
    assert not [f for f in check.findings if f.rule == "A10" and "1100000" in f.message]


def _half_in_yuan(tmp_path: Path):
    """76.5 万元 spent of a 全年预算数 typed 800000 (元), every indicator scored full: 95.63 %."""
    d = json.loads(sample_paths()[2].read_text(encoding="utf-8"))
    d["project"] = "医保经办服务经费"
    _in_yuan(d, 80, 800000, 76.5)
    d["exec_rate"] = d["exec_score"] = None
    return _batch(tmp_path, [d])


def test_a6_reads_the_rate_in_wan(tmp_path):
    _src, batch = _half_in_yuan(tmp_path)
    check = check_batch(batch, get_profile(None))
    assert [f.rule for f in check.findings if f.rule == "A16"] == ["A16"]
    assert not [f.message for f in check.findings if f.rule == "A6"]   # 95.63 %, not “执行率仅 0.01%”


def test_r8_says_the_rate_in_wan(tmp_path):
    from jixiao.reportcheck import check_report

    _src, batch = _half_in_yuan(tmp_path)
    report = tmp_path / "报告.md"
    report.write_text("（一）医保经办服务经费\n\n资金已全部支出，预算执行不存在偏差。\n", encoding="utf-8")
    (r8,) = [f for f in check_report(report, batch.forms) if f.rule == "R8"]
    assert "执行率 95.63%" in r8.message and "0.01%" not in r8.message, r8.message


def test_check_report_takes_the_reports_figures_in_wan_as_agreeing(made):
    from jixiao.reportcheck import check_report

    _, _, _, batch, paths = made
    for p in paths:
        if p.suffix == ".docx" and p.stem in (PROJECT, WHOLE):
            wrong = [f for f in check_report(p, batch.forms) if f.rule in ("R1", "R2")]
            assert wrong == [], (p.stem, [f.message for f in wrong])


def test_import_lists_a_form_in_yuan(tmp_path, capsys):
    from jixiao.cli import main

    src, _batch_ = _batch(tmp_path, _forms()[:1])
    assert main(["import", str(src), "-o", str(tmp_path / "导入.xlsx"), "--json"]) == 0
    (form,) = json.loads(capsys.readouterr().out)["forms"]
    notes = {n["cell"]: n["message"] for n in form["notes"] if "以元填写" in n["message"]}
    assert sorted(notes) == ["C7", "D7", "E7"], notes
    assert notes["D7"] == ("年度资金总额的全年预算数 880000 万元是指标“费用总成本”的年度指标值“≤88 万元”的一万倍，像是以元填写："
                           "应为 88 万元（全表的金额像是都以元填写，按全年预算数 88 万元、全年执行数 65.22 万元计，执行率 74.11%）"
                           "；已按表中所写的 880000 万元导入，未换算，请核对原表"), notes["D7"]


def test_import_reads_a_form_in_yuan_as_the_check_does(tmp_path, capsys):
    """A blank total 全年执行数 is its parts' sum (``Funds.column``): 88 万元 budgeted typed 880000 beside 65.22 万元 spent
    in the 其中 rows is one figure in 元, not a form in 元 — ``import`` read the total row alone and said “全表的金额像是
    都以元填写” of a form the check and the 汇总表 (``typed_in_yuan``) do not read so."""
    from jixiao.checking.rules.agreement import typed_in_yuan
    from jixiao.cli import main

    d = json.loads(sample_paths()[1].read_text(encoding="utf-8"))
    d["funds"]["total"] = {"initial": 880000, "annual": 880000, "executed": None}
    d["funds"]["fiscal"] = {"initial": 88, "annual": 88, "executed": 65.22}
    src, batch = _batch(tmp_path, [d])
    (loaded,) = batch.forms
    assert main(["import", str(src), "-o", str(tmp_path / "导入.xlsx"), "--json"]) == 0
    (form,) = json.loads(capsys.readouterr().out)["forms"]
    whole = [n["message"] for n in form["notes"] if "全表的金额像是都以元填写" in n["message"]]
    assert bool(whole) == typed_in_yuan(loaded.form), whole
    assert not typed_in_yuan(loaded.form)
    # the 880000 is still told, as 元 beside the 65.22 its parts spent (the note of a figure 元 beside the other)
    told = [n["message"] for n in form["notes"] if n["cell"] == "D7" and "像是以元填写" in n["message"]]
    assert told and "应为 88 万元" in told[0], form["notes"]


@pytest.mark.parametrize("executed, annual, named, whole", [
    (652200, 880000, {"annual", "executed"}, True),
    (1100000, 1200000, {"annual"}, True),          # the 执行数 under 100 亿元, found with the 预算数
    (0, 1200000, {"annual"}, True),                 # nothing spent
    (76.5, 800000, {"annual"}, False),              # 元 beside the other: that one alone (read_funds)
    (50, 50_000_000, {"annual"}, False),            # 50 万元 spent is no 元
    (652200, 880000, {"initial"}, False),           # neither found
])
def test_form_in_yuan(executed, annual, named, whole):
    assert rates.form_in_yuan(executed=executed, annual=annual, named=named) is whole


def test_read_total():
    assert rates.read_total(initial=880000, executed=652200, annual=880000, in_yuan=True) == (88, 65.22, 88)
    assert rates.read_total(initial=80, executed=652200, annual=880000, in_yuan=True) == (80, 65.22, 88)
    assert rates.read_total(initial=880000, executed=652200, annual=880000) == (880000, 652200, 880000)
    assert rates.read_total(initial=80, executed=76.5, annual=800000) == (80, 76.5, 80)
