"""The consolidated 汇总表 ``jixiao review`` writes, its sheets read side by side (session 39, h9):
项目明细 in the 复核台账's order of departments as 分单位汇总 and 部门整体自评 are, its title with
the year as theirs, and a file's name in 来源 shortened the same way on every sheet."""

from __future__ import annotations

from email.message import EmailMessage

import openpyxl
import pytest

from jixiao.core.findings import DETAIL_TITLE
from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, sample, YEAR


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> openpyxl.Workbook:
    """An inbox whose file paths run in another order than the 台账's departments: 县交通运输局 (通过,
    so last in the 台账) first by path; 县水务局's project form and its 部门整体 form in one workbook
    attached to a message whose name is too long for a 来源 cell."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    root = tmp_path_factory.mktemp("h9")
    inbox = root / "inbox"
    write_forms([form(11, "县交通运输局")], inbox / "a-交通运输局.xlsx")
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "b-民政局.xlsx")
    write_forms([form(13, "县医疗保障局"), form(14, "县医疗保障局")], inbox / "c-医保局.xlsx")
    for n, dept in ((12, "县自然资源局"), (3, "县教育局")):
        write_forms([form(n, dept)], inbox / "d-zz" / f"{dept}.xlsx")
    whole = zizhou_json()
    whole.update(department="县水务局", year=YEAR)
    water = write_forms([form(10, "县水务局"), parse_dept_form(whole)], root / "made" / "水务局绩效自评表.xlsx")
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "shuiwu@example.cn", "县水务局绩效自评表"
    msg.set_content("请查收。")
    msg.add_attachment(water.read_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=water.name)
    (inbox / "邮件").mkdir()
    (inbox / "邮件" / "县水务局报送.eml").write_bytes(bytes(msg))
    out = root / "out"
    run_cli("review", str(inbox), "-o", str(out), "--year", str(YEAR))
    wb = openpyxl.load_workbook(next(out.glob("*汇总表.xlsx")))
    wb.ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    return wb


def _column(ws, col: str, first: int) -> list:
    return [ws[f"{col}{r}"].value for r in range(first, ws.max_row + 1)
            if ws[f"A{r}"].value is not None and ws[f"{col}{r}"].value is not None]


def test_project_details_follow_the_ledgers_order_of_departments(book):
    ledger = [d for d in _column(book.ledger, "B", 4) if d]
    detail = book["项目明细"]
    units = [u for u in _column(detail, "D", 3)]
    seen = list(dict.fromkeys(units))
    by_unit = [u for u in _column(book["分单位汇总"], "B", 5) if u != "合计" and not str(u).startswith("说明")]
    assert by_unit == ledger
    assert seen == [d for d in ledger if d in seen]
    assert seen != sorted(seen, key=["县交通运输局", "县民政局", "县医疗保障局", "县自然资源局", "县教育局",
                                     "县水务局"].index)  # not the order of the file paths
    # each department's projects in its forms' order
    projects = _column(detail, "B", 3)
    mine = [p for p, u in zip(projects, units) if u == "县民政局"]
    assert mine == [sample(1)["project"], sample(2)["project"]]
    mine = [p for p, u in zip(projects, units) if u == "县医疗保障局"]
    assert mine == [sample(13)["project"], sample(14)["project"]]


def test_project_details_title_has_the_year_as_the_other_sheets(book):
    for name in ("汇总表", "分单位汇总", "部门整体自评"):
        assert str(book[name]["A1"].value).startswith(f"{YEAR}年度"), name
    assert book["项目明细"]["A1"].value == f"{YEAR}年度{DETAIL_TITLE}"


def test_project_details_title_with_the_year_is_still_known_as_ours():
    from jixiao.core.findings import is_detail_head

    assert is_detail_head(f"{YEAR}年度{DETAIL_TITLE}", "序号")
    assert is_detail_head(DETAIL_TITLE, "序号")  # a 汇总表 written before
    assert not is_detail_head(f"县水务局{DETAIL_TITLE}", "序号")



def test_summarize_titles_its_project_details_with_the_year_and_knows_them_again(tmp_path):
    """``summarize`` writes the same title (the year when the forms share one), and a later 汇总
    still takes the sheet for its own: it replaces it, never reads it as a form."""
    from jixiao.summary.book import earlier_summary_sheets

    book = write_forms([form(1, "县民政局"), form(2, "县民政局")], tmp_path / "民政局.xlsx")
    out = tmp_path / "汇总.xlsx"
    assert run_cli("summarize", str(book), "-o", str(out))[0] == 0
    wb = openpyxl.load_workbook(out)
    assert wb["项目明细"]["A1"].value == f"{YEAR}年度{DETAIL_TITLE}"
    heads = {ws.title: (ws["A1"].value, ws["A2"].value) for ws in wb.worksheets}
    assert {"项目明细", "汇总表"} <= earlier_summary_sheets(heads)
    assert "共检查 1 个文件、2 张表" in run_cli("check", str(out))[1]  # the two forms, not 项目明细

def test_a_source_is_shortened_the_same_on_every_sheet(book):
    detail, whole = book["项目明细"], book["部门整体自评"]
    shown = {u: s for u, s in zip(_column(detail, "D", 3), _column(detail, "M", 3))}
    water = [s for d, s in zip(_column(whole, "B", 3), _column(whole, "J", 3)) if d == "县水务局"]
    assert len(water) == 1 and "…" in water[0]
    assert shown["县水务局"] == water[0]
    # shortened to the column it is shown in, the same on both sheets
    assert whole.column_dimensions["J"].width == detail.column_dimensions["M"].width
