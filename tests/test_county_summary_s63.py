"""What the 财政局 reviewer takes to leadership after ``jixiao review`` of a county inbox: the
consolidated 汇总表 (all departments). Every figure is checked against a count made here from the
departments' workbooks themselves (the cached results LibreOffice stored in each form's cells:
全年预算数 D7, 全年执行数 E7, 等级 I34, 实施单位 F4), not from jixiao's own functions.

The inbox is made as ``benchmarks/corpus.county_inbox`` makes it (``_make_book``: varied real samples,
recalculated by LibreOffice), small: 4 departments × 3 forms, plus one department whose form carries
no error (sample 11), so that one department passes and the others are returned."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli import main, sample_paths

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

CLEAN = "县审计局"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    from conftest import need_libreoffice

    need_libreoffice()
    import corpus  # benchmarks/corpus.py
    from jixiao.excel.office import convert
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.project.model import parse_form

    base = tmp_path_factory.mktemp("county")
    for i in range(4):
        corpus._make_book((500 + i, str(base)), 3, "inbox")
    clean = json.loads(next(p for p in sample_paths() if p.stem == "11").read_text(encoding="utf-8"))
    clean["unit"] = clean["authority"] = CLEAN
    raw = base / "raw" / f"{CLEAN}.xlsx"
    write_forms([parse_form(clean)], raw)
    convert(raw, "xlsx", base / "inbox")
    out = base / "out"
    main(["review", str(base / "inbox"), "-o", str(out)])
    return base / "inbox", out


def _own_count(inbox: Path) -> dict[str, dict]:
    """Per department (as its forms write 实施单位): projects, 万元 budgets and spending, grades."""
    per: dict[str, dict] = {}
    for f in sorted(inbox.glob("*.xlsx")):
        for ws in openpyxl.load_workbook(f, data_only=True).worksheets:
            if ws["A1"].value != "项目支出绩效自评表":
                continue
            d = per.setdefault(ws["F4"].value, {"n": 0, "due": 0.0, "done": 0.0, "grades": Counter()})
            d["n"] += 1
            d["due"] += ws["D7"].value or 0
            d["done"] += ws["E7"].value or 0
            d["grades"][ws["I34"].value] += 1
    return per


def _ledger_status(out: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in next(ws.iter_rows(min_row=3, max_row=3))]
    col_unit, col_status = head.index("单位"), head.index("状态")
    return {r[col_unit]: r[col_status] for r in ws.iter_rows(min_row=4, values_only=True) if r[col_unit]}


def test_the_totals_are_the_departments_own_figures(county):
    inbox, out = county
    per = _own_count(inbox)
    ws = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["汇总表"]
    n = sum(d["n"] for d in per.values())
    assert (ws["C4"].value, ws["D4"].value) == (n, n)
    assert ws["C5"].value == pytest.approx(sum(d["due"] for d in per.values()), abs=0.005)
    assert ws["D5"].value == pytest.approx(sum(d["done"] for d in per.values()), abs=0.005)
    grades = sum((d["grades"] for d in per.values()), Counter())
    assert [ws[f"C{r}"].value for r in range(6, 10)] == [grades[g] for g in "优良中差"]


def test_returned_departments_are_told_apart_in_the_by_unit_sheet(county):
    """分单位汇总 is what the section chief reads per department: a department returned for changes
    (its figures are what it sent, to change when it corrects them) must be told from one that
    passed, with the status the 台账 gives it. Before: no column said it; every row looked final."""
    inbox, out = county
    per = _own_count(inbox)
    status = _ledger_status(out)
    assert status[CLEAN] == "通过" and "退回修改" in status.values()
    ws = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["分单位汇总"]
    head = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    assert "复核状态" in head
    col = head.index("复核状态") + 1
    rows = {ws.cell(r, 2).value: r for r in range(5, 5 + len(per))}
    assert set(rows) == set(per)
    for unit, r in rows.items():
        assert ws.cell(r, col).value == status[unit]
        assert ws.cell(r, 4).value == per[unit]["n"]
        assert ws.cell(r, 5).value == pytest.approx(per[unit]["due"], abs=0.005)
        assert ws.cell(r, 6).value == pytest.approx(per[unit]["done"], abs=0.005)
    assert ws.print_area and f"${openpyxl.utils.get_column_letter(col)}$" in ws.print_area  # printed with the rest


def test_the_summary_says_how_many_departments_and_which_figures_may_change(county):
    """The 汇总表 page is what goes up: “全县N个单位……退回N个单位” must be read from it, and that the
    returned departments' figures are as they sent them. Before: the page said neither."""
    inbox, out = county
    per = _own_count(inbox)
    status = _ledger_status(out)
    returned = sum(1 for s in status.values() if s == "退回修改")
    note = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["汇总表"]["A10"].value.replace("\n", "")
    assert f"{len(per)}个单位" in note
    assert f"退回修改的{returned}个单位" in note and "可能" in note


@pytest.fixture(scope="module")
def county_left_out(county, tmp_path_factory):
    """The same inbox, one department's workbook holding a form of 2021 (its 年度 cell) and a form on
    a hidden sheet, as departments send them: neither counts in a 2022 汇总表."""
    import shutil

    inbox, _ = county
    base = tmp_path_factory.mktemp("county-left-out")
    shutil.copytree(inbox, base / "inbox")
    book = sorted((base / "inbox").glob("50*.xlsx"))[0]
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["A2"] = 2021
    wb.worksheets[1].sheet_state = "hidden"
    wb.save(book)
    dept = wb.worksheets[0]["F4"].value
    main(["review", str(base / "inbox"), "-o", str(base / "out")])
    return base / "inbox", base / "out", dept


def test_the_summary_names_the_departments_whose_forms_it_left_out(county_left_out):
    """“另有2张自评表未计入本表” said why, not whose: the section chief had to open the 台账 to say which
    department's figures are short. The count itself is checked against the forms' own cells."""
    inbox, out, dept = county_left_out
    counted = 0
    for f in inbox.glob("*.xlsx"):
        for ws in openpyxl.load_workbook(f).worksheets:
            if ws["A1"].value == "项目支出绩效自评表" and ws["A2"].value == 2022 and ws.sheet_state == "visible":
                counted += 1
    ws = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["汇总表"]
    assert ws["D4"].value == counted
    note = ws["A10"].value
    assert f"其他年度（2021年度）的表1张（{dept}）" in note
    assert f"隐藏的工作表上的表1张（{dept}）" in note


def test_the_console_says_the_figures_the_reviewer_reports(county, tmp_path, capsys):
    """The console summary said departments, statuses and forms; the 万元 and 优良中差 the section chief
    reports were only in the 汇总表 (``summarize`` prints them). Checked against the forms' own cells."""
    inbox, _ = county
    per = _own_count(inbox)
    main(["review", str(inbox), "-o", str(tmp_path / "out")])
    said = capsys.readouterr().out
    n = sum(d["n"] for d in per.values())
    due = sum(d["due"] for d in per.values())
    done = sum(d["done"] for d in per.values())
    grades = sum((d["grades"] for d in per.values()), Counter())
    line = next(x for x in said.splitlines() if x.startswith("汇总表："))
    assert f"项目数量应评价数 {n} 个、已评价数 {n} 个" in line
    assert f"资金总量应评价数 {due:.2f} 万元、已评价数 {done:.2f} 万元" in line
    assert "、".join(f"{g} {grades[g]}" for g in "优良中差") in line
    returned = sum(1 for s in _ledger_status(tmp_path / "out").values() if s == "退回修改")
    assert f"退回修改的 {returned} 个单位" in line


def test_the_by_unit_note_is_never_cut_by_a_page_break(county_left_out):
    """The 分单位汇总's 说明 was merged over two rows: where the page ended between them, LibreOffice
    printed the first row's part and dropped the rest (the second row alone on a page is empty, not
    printed) — items 4–6, the departments returned and the forms left out, were missing on paper while
    the file held them (seen in the PDF of this inbox). One row moves to the next page whole."""
    _inbox, out, _dept = county_left_out
    ws = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")["分单位汇总"]
    note = next(r for r in range(5, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("说明"))
    span = next(m for m in ws.merged_cells.ranges if m.min_row == note and m.min_col == 1)
    assert span.max_row == note
    assert ws.row_dimensions[note].height >= 13.5 * (str(ws.cell(note, 1).value).count("\n") + 1)
    assert ws.print_area.endswith(f"${note}")


def test_the_findings_pivot_says_what_to_change_apart_from_what_to_check(county):
    """问题统计 counted findings by rule and department in one block: a reviewer reporting “须修改N处”
    could not take it from there, while the 台账 and each notice count 须修改 and 请核实 apart. Each
    rule's row now says which it asks (类别), with a 须修改 and a 请核实 subtotal per department; both are
    checked against each returned department's own 退回修改清单 (its rows by 类别), and against the 台账."""
    _inbox, out = county
    wb = openpyxl.load_workbook(out / "复核台账.xlsx")
    ws = wb["问题统计"]
    head = [c.value for c in ws[2]]
    assert (head[0], head[2]) == ("规则", "类别") and head[1].startswith("问题")
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if any(v is not None for v in r)]
    sub = {r[1]: r for r in rows if r[1] in ("须修改小计", "请核实小计", "合计")}
    assert set(sub) == {"须修改小计", "请核实小计", "合计"}
    rules = [r for r in rows if r[0]]
    assert {r[2] for r in rules} <= {"须修改", "请核实"}
    ledger = wb["复核台账"]
    lhead = [c.value for c in ledger[3]]
    told = {r[lhead.index("单位")]: (r[lhead.index("须修改")], r[lhead.index("请核实")])
            for r in ledger.iter_rows(min_row=4, values_only=True) if r[lhead.index("单位")]}
    returned = 0
    for c, dept in enumerate(head[3:-1], 3):
        asked = (sum(r[c] for r in rules if r[2] == "须修改"), sum(r[c] for r in rules if r[2] == "请核实"))
        assert (sub["须修改小计"][c], sub["请核实小计"][c]) == asked
        assert sub["合计"][c] == sum(asked)
        assert asked == told[dept]
        own = out / dept / "退回修改清单.xlsx"
        if own.exists():  # the notice's list, one row per point, its 类别 as the notice counts it
            kinds = Counter(r[1] for r in openpyxl.load_workbook(own).worksheets[0].iter_rows(min_row=3, values_only=True)
                            if isinstance(r[0], int))
            assert asked == (kinds["须修改"], kinds["请核实"])
            returned += 1
    assert returned == 4
    total = head.index("合计")
    assert sub["须修改小计"][total] == sum(t[0] for t in told.values()) > 0
    assert sub["请核实小计"][total] == sum(t[1] for t in told.values()) > 0
