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


def _forms() -> list[dict]:
    from test_report_money_s66 import _forms as _s66_forms

    s = sample_paths()
    a = _s66_forms()[0]   # 全年执行数 1280000 typed in 元 beside 128 万元 of 当年财政拨款 (s66)
    b = json.loads(s[1].read_text(encoding="utf-8"))
    b["project"] = "医保经办服务经费"
    row = {"initial": 800000, "annual": 800000, "executed": 76.5}
    b["funds"]["total"] = row
    b["funds"]["fiscal"] = dict(row)
    b["exec_rate"] = b["exec_score"] = None
    c = json.loads(s[2].read_text(encoding="utf-8"))   # 26 万元 budgeted and spent: 100 %
    return [a, b, c]


def _documents(tmp_path: Path, forms: list[dict]) -> tuple[dict[str, str], dict[str, list[list[str]]], list, Path]:
    src = write_forms([parse_form(d) for d in forms], tmp_path / "自评表.xlsx")
    batch = load_all([src])
    check = check_batch(batch, get_profile(None))
    assert check.counts["error"] > 0   # a draft, written with --force, its figures marked
    texts, tables = {}, {}
    for p in R.build_reports(batch, None, tmp_path / "报告", check=check, force=True):
        if p.suffix == ".docx":
            doc = Document(str(p))
            texts[p.stem] = "\n".join(x.text for x in doc.paragraphs)
            tables[p.stem] = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return texts, tables, check.findings, tmp_path / "报告"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    return _documents(tmp_path_factory.mktemp("s67"), _forms())


PROJECT, WHOLE = "项目支出绩效自评报告", "整体绩效自评工作报告"


def test_a_project_in_yuan_is_stated_in_wan_in_its_own_lines(made):
    texts, tables, _, _ = made
    project, whole = texts[PROJECT], texts[WHOLE]
    # the 全年执行数 in 元: 128 万元 spent of 135.6, marked where the findings (A2 on E7) name it
    assert "城乡居民医保参保补助下达135.60万元，支出128.00万元【待核实】，执行率94.40%【待核实】，结余7.60万元" in project, project
    assert "1．城乡居民医保参保补助：执行率94.40%【待核实】，结余7.60万元。" in project, project
    assert "城乡居民医保参保补助：执行率94.40%【待核实】，结余7.60万元；" in whole, whole
    # the 全年预算数 in 元: 80 万元, marked (A16 on D7); the 执行数 right, unmarked
    assert "医保经办服务经费。全年预算数80.00万元【待核实】；" in project, project
    assert "医保经办服务经费下达80.00万元【待核实】，支出76.50万元，执行率95.63%【待核实】，结余3.50万元" in project, project
    for text in (project, whole):
        for wrong in ("1280000", "943952", "1279864", "800000", "799923", "0.01%"):
            assert wrong not in text, wrong
    rows = {r[1]: r[2:5] for r in tables[WHOLE] if r[0].isdigit()}
    assert rows["城乡居民医保参保补助"] == ["135.60", "128.00\n【待核实】", "94.40%\n【待核实】"], rows
    assert rows["医保经办服务经费"] == ["80.00\n【待核实】", "76.50", "95.63%\n【待核实】"], rows


def test_the_totals_are_the_sums_of_the_lines(made):
    texts, tables, _, _ = made
    for name in (PROJECT, WHOLE):
        assert "全年预算数合计241.60万元【待核实】，全年执行数合计230.50万元【待核实】，总体执行率95.41%【待核实】" in texts[name]
    total = next(r for r in tables[WHOLE] if r[0] == "合计")
    assert total[2:5] == ["241.60\n【待核实】", "230.50\n【待核实】", "95.41%\n【待核实】"], total


def test_the_initial_budget_in_yuan_is_summed_in_wan_and_marked(made):
    texts, _, findings, _ = made
    assert "纳入绩效自评的项目共3个，年初预算数合计241.60万元【待核实】，全年预算数合计241.60万元【待核实】。" in texts[PROJECT]
    assert "纳入自评的3个项目年初预算数合计241.60万元【待核实】，" in texts[WHOLE]
    # the 年初预算数 800000 is told as the 全年预算数 is (A16, a warning), and marks the 合计
    said = [f.message for f in findings if f.rule == "A16" and f.cell == "C7"]
    assert said == ["年度资金总额的年初预算数 800000 万元是按万元计的全年预算数 80 万元的约 10000 倍，"
                    "像是以元填写：应为 80 万元"], said


@pytest.mark.parametrize("initial, executed, annual, read", [
    (800000, 76.5, 800000, 80),        # the 全年预算数 in 元 too: beside its 万元 reading
    (800000, 76.5, 80, 80),            # the 全年预算数 in 万元
    (135.6, 1280000, 135.6, 135.6),    # the 执行数 in 元: the 年初预算数 as written
    (56000, 51800, 56000, 56000),      # the whole row in 元: nothing to read it beside (A16 by the indicators)
    (1200, 1, 1, 1200),                # 1,200 times: a budget cut in the year, no 元
    (None, 1, 2, None), (5, 1, 0, 5), (5, None, None, 5),
])
def test_read_initial(initial, executed, annual, read):
    assert rates.read_initial(initial=initial, executed=executed, annual=annual) == read


def test_a_clean_form_keeps_its_initial_budget_unread(tmp_path):
    """Only a figure in 元 is read: a 年初预算数 far above a 全年预算数 cut in the year is no A16."""
    from jixiao.checking.run import check_paths

    d = json.loads(sample_paths()[2].read_text(encoding="utf-8"))
    d["funds"]["total"]["initial"] = d["funds"]["fiscal"]["initial"] = 2600
    path = tmp_path / "f.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    _b, res = check_paths([path])
    assert not [f for f in res.findings if f.rule == "A16"]


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


def test_every_rate_is_stated_as_the_sheet_prints_it(made):
    """Two decimals, as the 执行率 cell (0.00%), the 定稿 and the 汇总表 print it, in a sentence and in the table alike:
    “执行率100.00%” beside “26.00万元” and a 自评总分 of “100.00”, never “100%” above “95.41%”."""
    texts, tables, _, _ = made
    for name in (PROJECT, WHOLE):
        stated = re.findall(r"执行率为?(\d+(?:\.\d+)?)%", texts[name])
        assert len(stated) >= 4, stated
        assert [r for r in stated if not re.fullmatch(r"\d+\.\d\d", r)] == [], stated
    assert "网络设备软件运行保障经费下达26.00万元，支出26.00万元，执行率100.00%。" in texts[PROJECT], texts[PROJECT]
    assert "网络设备软件运行保障经费：执行率100.00%；" in texts[WHOLE], texts[WHOLE]
    head = tables[WHOLE][0]
    col = head.index("执行率")
    rates_shown = [r[col].split("\n")[0] for r in tables[WHOLE][1:] if r[0].isdigit() or r[0] == "合计"]
    assert rates_shown == ["94.40%", "95.63%", "100.00%", "95.41%"], rates_shown
    # a threshold is no figure: “执行率达到100%”
    assert "执行率达到100%的项目1个" in texts[PROJECT]


def test_a_reason_restating_the_rate_as_typed_is_cut(tmp_path):
    """A 说明 that opens with the rate as a 填报人 types it (“执行率94.4%”, no trailing 0) or as the report states it
    (“95.63%”) is cut before “偏差原因：” as before: the figures are not said twice."""
    forms = _forms()
    forms[0]["remark"] = "执行率94.4%，结余7.6万元，原因是部分服务合同年底未到结算期。"
    forms[1]["remark"] = "执行率95.63%，结余3.5万元，原因是采购节约资金。"
    texts, _, _, _ = _documents(tmp_path, forms)
    assert "执行率94.40%【待核实】，结余7.60万元。偏差原因：部分服务合同年底未到结算期。" in texts[PROJECT], texts[PROJECT]
    assert "执行率95.63%【待核实】，结余3.50万元。偏差原因：采购节约资金。" in texts[PROJECT], texts[PROJECT]


def test_the_rate_column_holds_its_figures_on_one_line(made, tmp_path):
    """“100.00%” broke “100.00 / %” in the 整体报告's 19 mm 执行率 column (LibreOffice's PDF); a project name of ten
    characters still holds one line (the column gave 2 mm)."""
    import subprocess

    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    docx = next(Path(made[3]).glob("整体绩效自评工作报告.docx"))
    pdf = convert(docx, "pdf", tmp_path)
    words = re.findall(r">([^<]+)</word>", subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                                                          text=True, check=True).stdout)
    assert "100.00%" in words and "%" not in words, [w for w in words if "%" in w]
    assert "城乡居民医保参保补助" in words, words[:80]


def test_check_report_takes_the_figures_in_wan(made, capsys):
    """``check --report`` of these reports against their workbook: R1 and R2 compared the 万元 the reports state with
    the forms as written (“报告写“128.00万元”……全年执行数 1280000 万元”, “执行率为 943952.8%”; the 合计 since s66): 20 errors
    on figures the forms' own A2 and A16 findings say. A figure in 元 read in 万元 is now no contradiction."""
    from jixiao.cli import main

    folder = made[3]
    docs = [str(folder / f"{n}.docx") for n in (PROJECT, WHOLE)]
    main(["check", str(folder.parent / "自评表.xlsx"), "--report", docs[0], "--report", docs[1], "--json"])
    found = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["message"]) for f in found if f["rule"].startswith("R")] == []
    assert {f["rule"] for f in found} >= {"A2", "A16"}      # the forms are still told wrong
