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


def _report_lines(tmp_path, form: dict, name: str) -> list[str]:
    """The 项目支出绩效自评报告's paragraphs naming the indicator ``name`` of ``form``, generated as a draft."""
    import json

    from docx import Document

    from jixiao import reports as R
    from jixiao.core.settings import Settings
    from jixiao.sources import load_all

    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / "form.json"
    src.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    paths = {p.stem: p for p in R.build_reports(load_all([src]), Settings(), tmp_path / "out", force=True)}
    return [p.text for p in Document(str(paths["项目支出绩效自评报告"])).paragraphs if name in p.text]


def _met_indicator_scored(score: float) -> dict:
    """The 大厂 sample 01 with its first indicator (工作人员数量, ≥1 人 met by 1 人, 分值 10) scored ``score``."""
    import json

    from conftest import SAMPLES

    form = json.loads(next(p for p in SAMPLES if p.name == "01.json").read_text(encoding="utf-8"))
    form["indicators"][0]["score"] = score
    return form


def test_a_draft_marks_the_score_of_a_met_indicator_scored_wrong_not_its_completed_value(tmp_path):
    """宣传经费 (≤8 万元, 7.46 万元 spent, 分值 10) scored 12: the draft report said “宣传经费（指标值≤8万元，完成值7.46万元
    【待核实】），达到指标值” — the 7.46 万元 the 填报人 checked again was right; the score, the figure 校验's D4 named at
    H17, was not said at all. The draft now says the score beside its 分值 and marks it."""
    [line] = _report_lines(tmp_path, _met_indicator_scored(12), "工作人员数量")
    assert "完成值1人【待核实】" not in line, line
    assert "工作人员数量（指标值≥1人，完成值1人，得12分【待核实】，分值10分）" in line, line
    [line] = _report_lines(tmp_path / "full", _met_indicator_scored(10), "工作人员数量")   # right: as before
    assert "工作人员数量（指标值≥1人，完成值1人）" in line and "【待核实】" not in line.split("工作人员数量")[1][:30], line


def _project_findings(tmp_path, form: dict) -> list:
    import json

    from jixiao.sources import load_all

    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / "form.json"
    src.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return check_batch(load_all([src])).findings


def test_a_total_typed_in_yuan_is_named_at_the_total_not_at_the_right_part(tmp_path):
    """医疗救助's 全年执行数 typed in 元 on the 年度资金总额 row (1280000) and in 万元 on the 当年财政拨款 row (128): A2 told
    the 填报人 at E8, the right 128, “应为 1280000 万元” — the 校验结果 sheet and the comment on E8 asked to type the
    元 figure there too. The total is the figure to change: A2 names it, at its own cell, with the 万元 it should be."""
    form = _met_indicator_scored(10)
    form["funds"]["total"]["executed"] = 51800    # 5.18 万元 in 元; the 当年财政拨款 row keeps 5.18
    [f] = [f for f in _project_findings(tmp_path, form) if f.rule == "A2"]
    assert (f.field, f.cell, f.expected) == ("funds.total.executed", "E7", 5.18), (f.field, f.cell, f.expected)
    assert f.message == ("年度资金总额的全年执行数 51800 万元是各分项之和 5.18 万元（当年财政拨款 5.18、上年结转资金空白、"
                         "其他资金空白）的约 10000 倍，像是以元填写：应为 5.18 万元"), f.message
    form["funds"]["total"]["executed"] = 5.0      # a total apart from its parts, not 元: named at the parts as before
    [f] = [f for f in _project_findings(tmp_path / "b", form) if f.rule == "A2"]
    assert (f.field, f.expected) == ("funds.fiscal.executed", 5), (f.field, f.expected)


def test_a_copy_of_a_workbook_whose_form_was_copied_in_libreoffice_numbers_each_form_from_its_first_page(tmp_path):
    """The 填报人 copied the template's form in LibreOffice for the second project (右键工作表标签 › 移动或复制,
    as the README tells): LibreOffice saves the copy without the template's 起始页码, and every printout of the
    workbook — the 计算 copy, the 汇总 book, the bureau's 标注副本 — headed 宣传经费's first page “续表” and
    numbered it 第 2 页, as if the two projects were one table. The copies jixiao writes number each form from 1,
    as the template does (``printout.page_marks``)."""
    from conftest import need_libreoffice
    from lo_basic import rebuild
    from test_continued_pages_s63 import _pages_text, _says_continued
    from test_whole_workbook_print_s65 import _numbers

    import openpyxl

    from jixiao.cli import main

    need_libreoffice()
    book = tmp_path / "两个项目.xlsx"
    typed = "".join(
        f'  {sh}.getCellRangeByName("{ref}").{"setValue" if isinstance(v, (int, float)) else "setString"}'
        f'({v if isinstance(v, (int, float)) else chr(34) + v + chr(34)})\n'
        for sh, name in (("sh", "医疗救助"), ("sh2", "宣传经费"))
        for ref, v in (("A2", 2023), ("B3", name), ("F4", "子洲县医疗保障局"), ("D7", 8), ("E7", 7.46), ("F7", 10),
                       ("B14", "产出指标"), ("C14", "数量指标"), ("D14", "宣传资料发放份数"), ("E14", "≥20000份"),
                       ("F14", "21500份"), ("G14", 90), ("H14", 90)))
    rebuild("项目支出绩效自评表.xlsx", book,
            '  doc.Sheets.copyByName(sh.Name, "宣传经费", 1)\n  sh2 = doc.Sheets.getByIndex(1)\n  sh.Name = "医疗救助"\n'
            + typed)
    second = openpyxl.load_workbook(book)["宣传经费"]
    assert second.oddHeader.right.text == "续表" and not second.page_setup.useFirstPageNumber   # as LibreOffice saves it
    out = tmp_path / "计算后.xlsx"
    assert main(["calc", str(book), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    wb["设置"].sheet_state = "hidden"
    shown = tmp_path / "shown.xlsx"
    wb.save(shown)
    pages = _pages_text(shown, tmp_path / "pdf")
    firsts = [i for i, p in enumerate(pages) if "项目名称" in p]
    assert len(firsts) == 2, pages
    assert [_says_continued(pages)[i] for i in firsts] == [False, False], pages
    assert [_numbers(pages)[i] for i in firsts] == [1, 1], pages


def test_a_total_typed_in_yuan_is_one_finding_on_its_cell(tmp_path):
    """The same 元 total was three findings on E7 — A2 (its parts), A5 (above the 全年预算数), A16 (thousands of times
    it) — each “应为 128 万元”: one mistake, one change. A2 now holds the other two (``core.findings.fold``); the
    listing, the 校验结果 sheet and the notice show one, ``--json`` keeps them under ``folded``."""
    form = _met_indicator_scored(10)
    form["funds"]["total"]["executed"] = 51800    # 5.18 万元 in 元, above the 全年预算数 and thousands of times it
    found = _project_findings(tmp_path, form)
    on_total = [f for f in found if f.field == "funds.total.executed"]
    assert [f.rule for f in on_total] == ["A2"], [(f.rule, f.message) for f in on_total]
    assert {g.rule for g in on_total[0].folded} >= {"A5"}, [g.rule for g in on_total[0].folded]
    assert all(g.expected in (5.18, None) or "5.18" in g.message for g in on_total[0].folded)
