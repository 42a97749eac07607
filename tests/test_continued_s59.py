"""A 项目支出绩效自评表 whose indicator table runs on to a second sheet (a “续表”: “（续表）”, “附表1（续）”)
is read as one form: the indicators of both sheets in order, the 总分 and 落款 wherever they are, each
finding on the sheet and cell it is about, the form counted once. Each sheet was “不是自评表” before (or the
续表 without a repeated header was passed over without a word) and nothing of the form was checked.

The books are made from the corpus's 01-merged-levels.xlsx (a published 大厂 form, checked cell by cell
in ``test_anchored``): its first sheet cut at an indicator row, the rest moved to a 续表 as a department
prints it, so the form read from the two sheets must be the form read from the one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from jixiao.checking.run import check_batch, format_text
from jixiao.errors import CellError, NotAFormError
from jixiao.sources import load_all
from jixiao.summary import summarize

CORPUS = Path(__file__).parent / "corpus"
SRC = CORPUS / "01-merged-levels.xlsx"
HEAD_ROW, TOTAL_ROW = 13, 21    # the indicator header and 总分 rows of its first sheet
FIRST = "退役军人辅助性岗位经费"   # that sheet's name


def _put(ws: Any, r: int, c: int, v: Any) -> None:
    cell = ws.cell(r, c, v)
    if isinstance(v, str) and v.startswith("="):   # “=95%” typed as text, as the corpus holds it
        cell.data_type = "s"


def split(dst: Path, cut: int, *, mark: str | None = "（续表）", head: bool = True, again: bool = True,
          name: str = "续表", keep_other: bool = False, lines: tuple[tuple[Any, ...], ...] = ()) -> dict[int, int]:
    """The corpus's first form with its rows from ``cut`` on moved to a sheet ``name`` after it (``move``).
    ``keep_other``: the corpus's second form stays, after the 续表. Returns old row -> row on the 续表."""
    wb = openpyxl.load_workbook(SRC)
    if not keep_other:
        wb.remove(wb.worksheets[1])
    moved = move(wb, wb.worksheets[0], cut, HEAD_ROW if head else None, mark=mark, again=again, name=name,
                 lines=lines)
    wb.save(dst)
    return moved


def move(wb: Any, ws: Any, cut: int, head: int | None, *, mark: str | None = "（续表）", again: bool = True,
         name: str = "续表", lines: tuple[tuple[Any, ...], ...] = (), head_rows: int = 1) -> dict[int, int]:
    """The rows of ``ws`` from ``cut`` on moved to a new sheet ``name`` right after it: a ``mark`` row,
    ``lines`` (a 项目名称 line printed again), the indicator header of row ``head`` (and the ``head_rows`` - 1
    rows under it) again (None: not printed again), then the rows. A merge across the cut (一级指标 over rows of both pages) is split, its text written
    again on the 续表 (``again``) or left blank there. Returns old row -> row on the 续表."""
    rest = wb.create_sheet(name, wb.sheetnames.index(ws.title) + 1)
    nrow, ncol = ws.max_row, ws.max_column
    out = 1
    if mark:
        rest.cell(out, 1, mark)
        out += 1
    for line in lines:
        for c, v in enumerate(line, 1):
            rest.cell(out, c, v)
        out += 1
    if head:
        for r in range(head, head + head_rows):
            for c in range(1, ncol + 1):
                _put(rest, out + r - head, c, ws.cell(r, c).value)
        for m in ws.merged_cells.ranges:
            if head <= m.min_row and m.max_row < head + head_rows:
                rest.merge_cells(f"{get_column_letter(m.min_col)}{out + m.min_row - head}:"
                                 f"{get_column_letter(m.max_col)}{out + m.max_row - head}")
        out += head_rows
    shift = out - cut
    for r in range(cut, nrow + 1):
        for c in range(1, ncol + 1):
            _put(rest, r + shift, c, ws.cell(r, c).value)
    for m in list(ws.merged_cells.ranges):
        if m.max_row < cut:
            continue
        top = ws.cell(m.min_row, m.min_col).value
        ws.unmerge_cells(str(m))
        if m.min_row < cut:   # across the cut: the part on each page
            if cut - 1 > m.min_row or m.max_col > m.min_col:
                ws.merge_cells(f"{get_column_letter(m.min_col)}{m.min_row}:{get_column_letter(m.max_col)}{cut - 1}")
            r0 = cut + shift
            rest.cell(r0, m.min_col, top if again else None)
        else:
            r0 = m.min_row + shift
        r1 = m.max_row + shift
        if r1 > r0 or m.max_col > m.min_col:
            rest.merge_cells(f"{get_column_letter(m.min_col)}{r0}:{get_column_letter(m.max_col)}{r1}")
    for r in range(cut, nrow + 1):
        for c in range(1, ncol + 1):
            ws.cell(r, c).value = None
    return {r: r + shift for r in range(cut, nrow + 1)}


def _expected() -> tuple[dict[str, Any], dict[str, str]]:
    """The corpus's first form and the cell of each of its fields, as ``test_anchored`` checks them."""
    forms = json.loads((CORPUS / "01-merged-levels.json").read_text(encoding="utf-8"))
    cells = json.loads((CORPUS / "01-merged-levels.cells.json").read_text(encoding="utf-8"))
    return forms[0], cells[0]


def _row(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()))


def _col(cell: str) -> str:
    return "".join(ch for ch in cell if ch.isalpha())


@pytest.mark.parametrize("cut, kw", [
    (18, {}),                                        # at a 一级指标's first row, header printed again
    (18, {"head": False, "mark": "续表"}),            # no header on the 续表
    (16, {"again": False}),                          # inside the merged 一级指标, left blank on the 续表
    (TOTAL_ROW, {"head": False, "mark": "附表1（续）"}),  # only the 总分 and 落款 on the 续表
    (18, {"mark": None, "name": "附表1（续）"}),        # no mark row: the sheet's name says it
    (18, {"mark": "项目支出绩效自评表（续表）", "name": "Sheet2",   # the 项目名称 line printed again above the header
          "lines": (("项目名称", "退役军人辅助性岗位经费"),)}),
])
def test_a_form_split_over_two_sheets_is_read_as_one(tmp_path: Path, cut: int, kw: dict[str, Any]) -> None:
    book = tmp_path / "分页.xlsx"
    moved = split(book, cut, **kw)
    rest = kw.get("name", "续表")
    batch = load_all([book])
    assert batch.problems == []
    (item,) = batch.forms
    want, want_cells = _expected()
    got = item.form.to_dict()
    assert got == want   # the very form the one sheet gives: every indicator in order, 总分, 落款
    sf = item.sheet_form
    assert sf is not None and item.sheet == FIRST and item.source == f"{book}#{FIRST}"
    for path, cell in want_cells.items():
        r = _row(cell)
        if r >= cut:
            assert (sf.sheet_of(path), sf.cell(path)) == (rest, f"{_col(cell)}{moved[r]}"), path
        else:
            assert (sf.sheet_of(path), sf.cell(path)) == (FIRST, cell), path
    assert sf.rows == [r if r < cut else moved[r] for r in range(14, 21)]


def test_findings_name_the_sheet_and_cell_their_indicator_is_on(tmp_path: Path) -> None:
    """check on the split form finds what it finds on the whole one, each on the 续表's own cell where the
    indicator or the 总分 is there; the form is counted once and the workbook has nothing unread."""
    whole = tmp_path / "整表.xlsx"
    wb = openpyxl.load_workbook(SRC)
    wb.remove(wb.worksheets[1])
    wb.save(whole)
    book = tmp_path / "分页.xlsx"
    moved = split(book, 16, again=False)

    def findings(path: Path) -> tuple[list[tuple[str, str, str, str]], Any]:
        batch = load_all([path])
        res = check_batch(batch)
        return [(f.rule, f.field, f.sheet or "", f.cell or "") for f in res.findings], (batch, res)

    before, _ = findings(whole)
    after, (batch, res) = findings(book)
    assert before and len(after) == len(before)
    placed = [(rule, field, "续表", f"{_col(cell)}{moved[_row(cell)]}") if _row(cell) >= 16 else (rule, field, sheet, cell)
              for rule, field, sheet, cell in before]
    assert sorted(after) == sorted(placed)
    assert ("D4", "indicators[3].score", "续表", "H4") in after   # the 成本指标 scored 18.5 of 20
    assert ("D11", "total_score", "续表", "H8") in after
    assert {f.source for f in res.findings} == {f"{book}#{FIRST}"}
    assert (res.forms, res.unreadable) == (1, 0)
    summary, _ = summarize(batch, res)
    assert len(summary.rows) == 1 and summary.unreadable == []
    heads = [line for line in format_text(res).splitlines() if line.startswith(str(book))]
    assert heads == [f"{book} › {FIRST}（错误 0，警告 4，提示 0）",
                     f"{book} › 续表（工作表“{FIRST}”的续表；错误 4，警告 5，提示 0）"]


def test_bad_cells_and_text_numbers_on_the_continuation_are_named_there(tmp_path: Path) -> None:
    """A cell the form cannot take, a number written as text, and a row below the 总分 on the 续表: each
    named on the 续表 and its cell (they were the first sheet's cells, or nothing, before)."""
    book = tmp_path / "分页.xlsx"
    moved = split(book, 18)
    wb = openpyxl.load_workbook(book)
    ws = wb["续表"]
    ws[f"G{moved[19]}"] = "15分"          # 分值 as text
    wb.save(book)
    batch = load_all([book])
    res = check_batch(batch)
    x2 = [f for f in res.findings if f.rule == "X2"]
    assert [(f.sheet, f.cell) for f in x2] == [("续表", f"G{moved[19]}")]

    _put(ws, moved[18], 8, "=H14*0.5")   # 得分 no number (a formula typed as text): the form cannot be read
    wb.save(book)
    batch = load_all([book])
    assert batch.forms == []
    (p,) = batch.problems
    assert isinstance(p, CellError) and (p.sheet, p.cell) == ("续表", f"H{moved[18]}")
    # what the cell holds is quoted as written: its “H14” is no cell of the reader's to name on a sheet
    assert str(p) == f"{book}：工作表“续表”单元格 H{moved[18]}：得分应为数字，现为“=H14*0.5”"


def test_a_level_carried_over_the_page_break_says_where_it_comes_from(tmp_path: Path) -> None:
    """The 一级指标 left blank on the 续表 is the one merged above it on the first sheet; the note that
    says so names the 续表's cell and the first sheet's cell it was read from, rows as they are."""
    from jixiao.sources import read_workbook_forms

    book = tmp_path / "分页.xlsx"
    moved = split(book, 16, again=False)
    found, problems = read_workbook_forms(book)
    assert problems == []
    (sf,) = found
    assert [i.level1 for i in sf.form.indicators][:4] == ["产出指标"] * 4
    assert [(n.sheet, n.cell, n.message) for n in sf.notes] == [
        ("续表", f"B{moved[16]}:B{moved[17]}", f"一级指标空白，按上方 工作表“{FIRST}”B14 的“产出指标”读")]
    assert str(sf.notes[0]).startswith("工作表“续表”B3:B4：一级指标空白")
    assert sf.notes[0].to_dict()["sheet"] == "续表"


def test_a_continuation_with_no_form_before_it_is_said_as_before(tmp_path: Path) -> None:
    """A 续表 whose form is not the sheet before it (the first sheet is a whole form of its own, or the
    续表 stands alone) is not laid under anything: the form is read, the 续表 said as it was."""
    book = tmp_path / "分页.xlsx"
    split(book, 18)
    wb = openpyxl.load_workbook(book)
    wb.remove(wb[FIRST])
    wb.save(book)
    batch = load_all([book])
    assert batch.forms == []
    (p,) = batch.problems
    assert isinstance(p, NotAFormError) and str(p).endswith("本表要紧接在那张表之后，第一行写明“续表”，两张表即按一张自评表读取；本表若重复表头，各列须与那张表相同")

    other = tmp_path / "两表.xlsx"
    split(other, 18, keep_other=True)
    wb = openpyxl.load_workbook(other)
    wb.move_sheet("续表", offset=1)   # 退役… | 医疗保障服务经费 | 续表: the 续表 after a whole form
    wb.save(other)
    batch = load_all([other])
    assert [it.sheet for it in batch.forms] == ["医疗保障服务经费"]
    assert sorted(p.sheet for p in batch.problems) == ["续表", FIRST]


def test_two_forms_each_with_its_continuation(tmp_path: Path) -> None:
    """Form, 续表, form, 续表: two forms, each with its own indicators; a blank sheet between a form and
    its 续表 is passed over."""
    book = tmp_path / "两表.xlsx"
    split(book, 18, keep_other=True)
    wb = openpyxl.load_workbook(book)
    second = wb["医疗保障服务经费"]
    n = second.max_row
    cont = wb.create_sheet("附表2（续）")
    cont["A1"] = "附表2（续）"
    total = next(r for r in range(1, n + 1) if second.cell(r, 1).value == "总分")
    for m in list(second.merged_cells.ranges):
        if m.min_row >= total:
            second.unmerge_cells(str(m))
    for r in range(total, n + 1):
        for c in range(1, second.max_column + 1):
            _put(cont, r - total + 2, c, second.cell(r, c).value)
            second.cell(r, c).value = None
    wb.create_sheet("空白", 3)
    wb.save(book)
    batch = load_all([book])
    assert batch.problems == []
    assert [it.sheet for it in batch.forms] == [FIRST, "医疗保障服务经费"]
    one, two = batch.forms
    assert len(one.form.indicators) == 7 and one.form.total_score == 97.75
    assert two.sheet_form is not None and two.sheet_form.sheet_of("total_score") == "附表2（续）"
    assert two.sheet_form.cell("total_score").endswith("2")


def test_calc_writes_a_suggested_score_on_the_continuation(tmp_path: Path) -> None:
    """计算 puts a blank 得分's suggestion in its cell on the 续表, not in the same address of the first sheet
    (where it would overwrite whatever is there)."""
    from jixiao.actions import SetValue, calc_plan

    book = tmp_path / "分页.xlsx"
    moved = split(book, 18)
    wb = openpyxl.load_workbook(book)
    wb["续表"][f"H{moved[18]}"] = None    # 保障率's 得分 left blank: its “≥100%” done is no value, scored by hand
    wb["续表"][f"H{moved[20]}"] = None    # 服务对象满意度's: computed
    wb.save(book)
    batch = load_all([book])
    done = calc_plan(batch)
    writes = [(e.sheet, e.cell, e.value) for e in done.plan.edits if isinstance(e, SetValue)]
    assert writes == [("续表", f"H{moved[20]}", 10)]
    assert done.by_hand == [("续表", f"H{moved[18]}")]


def test_a_shared_workbook_gives_the_continuation_to_its_forms_department(tmp_path: Path) -> None:
    """A workbook holding two departments' forms, one of them with a 续表: the 续表 goes in the copy of the
    department whose form it continues, with its marks, and not in the other department's (a sheet of no
    form stayed in every copy)."""
    from review_fixture import run_cli

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = inbox / "合报.xlsx"
    split(book, 16, keep_other=True)
    wb = openpyxl.load_workbook(book)
    wb["医疗保障服务经费"]["F4"] = "县民政局"
    wb.save(book)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    depts = {d["department"]: d for d in json.loads(text)["departments"]}
    assert set(depts) == {"大厂回族自治县医疗保障局", "县民政局"}
    sheets = {}
    for dept, d in depts.items():
        (copy,) = [Path(p) for p in d["annotated"]]
        sheets[dept] = openpyxl.load_workbook(copy).sheetnames
    assert sheets == {"大厂回族自治县医疗保障局": ["校验结果", FIRST, "续表"], "县民政局": ["校验结果", "医疗保障服务经费"]}
    items = depts["大厂回族自治县医疗保障局"]["to_fix"]
    assert ("续表", "H4") in {(it["sheet"], it["cell"]) for it in items}


def test_a_sheet_that_only_looks_like_a_continuation_is_not_laid_under_a_form(tmp_path: Path) -> None:
    """A form lacking its 总分 followed by a sheet with no 续表 mark (its name has 续 in a word: “继续教育”),
    or by a 续表 printing its header with other columns, is read sheet by sheet as before."""
    book = tmp_path / "分页.xlsx"
    split(book, 18, mark=None, name="继续教育")
    batch = load_all([book])
    assert batch.forms == [] and [p.sheet for p in batch.problems][:1] == [FIRST]

    split(book, 18)
    wb = openpyxl.load_workbook(book)
    ws = wb["续表"]
    ws["G2"], ws["H2"] = ws["H2"].value, ws["G2"].value     # 得分 | 分值 on the 续表: not the first sheet's columns
    wb.save(book)
    batch = load_all([book])
    assert batch.forms == [] and sorted(p.sheet for p in batch.problems) == ["续表", FIRST]


def test_a_table_over_three_sheets_is_read_as_one_form(tmp_path: Path) -> None:
    """Form, 续表, 续表: the indicators of all three in order, the 总分 on the third, each cell on its sheet;
    the form counted once. A table still without its 总分 on the last sheet is said sheet by sheet."""
    book = tmp_path / "三页.xlsx"
    wb = openpyxl.load_workbook(SRC)
    wb.remove(wb.worksheets[1])
    once = move(wb, wb.worksheets[0], 16, HEAD_ROW, again=False)             # 时效指标 … on to 续表
    twice = move(wb, wb["续表"], once[19], 2, again=False, name="续表2")     # 稳定性 … on to 续表2
    wb.save(book)
    assert wb.sheetnames == [FIRST, "续表", "续表2"]
    batch = load_all([book])
    assert batch.problems == []
    (item,) = batch.forms
    want, want_cells = _expected()
    assert item.form.to_dict() == want
    sf = item.sheet_form
    assert sf is not None
    for path, cell in want_cells.items():
        r = _row(cell)
        where = (FIRST, r) if r < 16 else ("续表", once[r]) if r < 19 else ("续表2", twice[once[r]])
        assert (sf.sheet_of(path), sf.cell(path)) == (where[0], f"{_col(cell)}{where[1]}"), path
    res = check_batch(batch)
    assert (res.forms, res.unreadable) == (1, 0)
    assert {f.sheet for f in res.findings} == {FIRST, "续表", "续表2"}

    wb = openpyxl.load_workbook(book)
    ws = wb["续表2"]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(m))
    for row in ws.iter_rows(min_row=twice[once[TOTAL_ROW]]):
        for cell in row:
            cell.value = None                                   # no 总分 anywhere
    wb.save(book)
    batch = load_all([book])
    assert batch.forms == [] and [p.sheet for p in batch.problems] == [FIRST, "续表", "续表2"]


def test_the_check_button_marks_the_continuation(tmp_path: Path) -> None:
    """校验 in Excel/WPS (the sheets' values, no merges): the form is read with its 续表 and the marks of its
    indicators and 总分 there go on the 续表's cells; the 校验结果 list names the 续表."""
    from action_helpers import checked

    book = tmp_path / "分页.xlsx"
    moved = split(book, 16, again=False)
    result = checked(book, tmp_path / "校验.xlsx")
    assert result.forms == 1 and result.unreadable == 0
    wb = openpyxl.load_workbook(tmp_path / "校验.xlsx")
    marked = {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment}
    on_rest = {(f.sheet, f.cell) for f in result.findings if f.sheet == "续表"}
    assert ("续表", f"H{moved[17]}") in on_rest and on_rest <= marked
    listed = [r[2:4] for r in wb["校验结果"].iter_rows(min_row=3, values_only=True)]
    assert ("续表", f"H{moved[TOTAL_ROW]}") in listed


def test_a_report_contradicting_a_total_on_the_continuation_names_it(tmp_path: Path) -> None:
    """check --report: a 总分 in the report that the form's 总分 (on its 续表) contradicts is named where that
    总分 is: file › 续表 › cell (it named the form's first sheet with the 续表's cell)."""
    from review_fixture import run_cli

    book = tmp_path / "分页.xlsx"
    moved = split(book, 16, again=False)
    report = tmp_path / "报告.md"
    report.write_text("# 退役军人辅助性岗位经费项目绩效自评报告\n\n经自评，本项目自评总分为 90 分，等级为优。\n", encoding="utf-8")
    _code, text = run_cli("check", "--json", str(book), "--report", str(report))
    (r7,) = [f for f in json.loads(text) if f["rule"] == "R7"]
    assert r7["against"] == f"分页.xlsx › 续表 › H{moved[TOTAL_ROW]}（总分）"


def test_a_report_date_taken_from_a_filing_date_on_the_continuation_names_it(tmp_path: Path, capsys: Any) -> None:
    """report: a 填报日期 in the budget year, written in the 落款 on the 续表, is refused naming the 续表 and its
    cell (it named the form's first sheet with the 续表's cell)."""
    from jixiao.cli import main

    book = tmp_path / "分页.xlsx"
    moved = split(book, 18)
    wb = openpyxl.load_workbook(book)
    wb["续表"][f"G{moved[24]}"] = "2022.3.1"    # 填报日期 of a 2022 form: in the year it reports on
    wb.save(book)
    capsys.readouterr()
    rc = main(["report", str(book), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc != 0 and f"取自评表的填报日期：“分页.xlsx”中“续表”工作表 G{moved[24]}（填报日期）" in err, err


def test_a_project_library_form_without_a_funds_total_runs_on_too(tmp_path: Path) -> None:
    """A layout without a 年度资金总额 row (the 项目库 one) whose indicators run on to a 续表: read as one form,
    as the whole sheet is (it lacked more than its 总分 by the labels' count, so its 续表 was never looked at)."""
    from jixiao.sources import read_workbook_forms

    src = CORPUS / "16-project-library.xlsx"
    book = tmp_path / "项目库.xlsx"
    wb = openpyxl.load_workbook(src)
    for other in wb.sheetnames[1:]:
        wb.remove(wb[other])
    moved = move(wb, wb.worksheets[0], 15, 10)      # 效益指标 … on to the 续表
    wb.save(book)
    (whole, *_), _ = read_workbook_forms(src)
    (got,), problems = read_workbook_forms(book)
    assert problems == [] and got.form.to_dict() == whole.form.to_dict()
    assert (got.sheet_of("total_score"), got.cell("total_score")) == ("续表", f"H{moved[19]}")


def _sheet_forms() -> list[tuple[Path, Any]]:
    """Every form of another layout alone on its sheet in the corpus's workbooks, on a sheet without formulas
    (a copy made with openpyxl keeps no formula results), with its sheet form as the whole sheet reads."""
    from jixiao.sources import read_workbook_forms

    out = []
    for src in sorted(CORPUS.glob("*.xlsx")):
        found, _ = read_workbook_forms(src)
        book = openpyxl.load_workbook(src)
        for sf in found:
            total = sf.cells.get("total_score") if sf.cells else None
            if sf.native or sf.part or not total or any(c.data_type == "f" for row in book[sf.sheet].iter_rows()
                                                          for c in row):
                continue
            out.append((src, sf))
    return out


def test_every_corpus_layout_split_at_its_second_indicator_and_its_total_reads_the_same(tmp_path: Path) -> None:
    """Each layout of the corpus (merged levels, packed cells, shifted columns, two-row headers, money in 元, a
    project library, subtotal bands …) with its table cut after its first indicator, and before its 总分 row,
    the rest on a 续表 (its header printed again for the first cut, not for the second): the form read is the
    one the whole sheet gives."""
    from jixiao.reading.grid import norm
    from jixiao.reading.labels import IND_HEAD
    from jixiao.sources import read_workbook_forms

    cases = _sheet_forms()
    assert len(cases) >= 20
    for src, sf in cases:
        total = _row(sf.cells["total_score"])
        for cut, again in ((min(sf.rows) + 1, True), (total, False)):
            wb = openpyxl.load_workbook(src)
            for other in [s for s in wb.sheetnames if s != sf.sheet]:
                wb.remove(wb[other])
            ws = wb[sf.sheet]
            head = max(r for r in range(1, min(sf.rows))
                       if any(c.value and IND_HEAD["name"].fullmatch(norm(c.value)) for c in ws[r]))
            move(wb, ws, cut, head if again else None, head_rows=min(sf.rows) - head)
            book = tmp_path / f"{src.stem}-{cut}.xlsx"
            wb.save(book)
            got, problems = read_workbook_forms(book)
            assert problems == [] and [g.form.to_dict() for g in got] == [sf.form.to_dict()], \
                (src.name, sf.sheet, cut, [str(p) for p in problems])


def test_the_last_of_two_stacked_forms_runs_on_to_the_continuation(tmp_path: Path) -> None:
    """Two forms one under another on a sheet, the second's table cut and carried on to a 续表: both read,
    the first as before, the second whole, its 总分 on the 续表."""
    from jixiao.sources import read_workbook_forms

    src = CORPUS / "06-two-forms-stacked.xlsx"
    whole, _ = read_workbook_forms(src)
    first, second = [sf for sf in whole if sf.sheet == "Sheet1"]
    wb = openpyxl.load_workbook(src)
    for other in [s for s in wb.sheetnames if s != "Sheet1"]:
        wb.remove(wb[other])
    moved = move(wb, wb["Sheet1"], second.rows[3], None)
    book = tmp_path / "叠放.xlsx"
    wb.save(book)
    got, problems = read_workbook_forms(book)
    assert problems == [] and [g.form.to_dict() for g in got] == [first.form.to_dict(), second.form.to_dict()]
    assert [(g.part, g.anchor, g.more_sheets) for g in got] == [(1, "A3", []), (2, "A30", ["续表"])]
    assert got[1].cell("total_score") == f"H{moved[_row(second.cells['total_score'])]}"
