"""A workbook holding two departments' forms: each department's annotated copy holds its own.

Before: both got the same copy — the other department's forms with their marks, and a 校验结果
sheet listing the other department's problems too (one department reading another's 执行率 and
得分 mistakes). Now each copy keeps only its own forms' sheets (a sheet of no form, a 说明, stays),
marks only its own findings and lists only them; the workbook-wide names pointing into a sheet
left out go with it. A workbook of one department is copied exactly as before (one plan, no
sheet left out)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest

from jixiao.checking.run import check_paths
from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

MZ, SW = "县民政局", "县水务局"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    root = tmp_path_factory.mktemp("shared")
    inbox = root / "inbox"
    mz, sw = form(11, MZ, exec_score=9), form(1, SW)   # each with errors: 执行率得分 9 where 10 is due; sample 1's own
    book = write_forms([mz, sw], inbox / "合报.xlsx")
    wb = openpyxl.load_workbook(book)
    own = {MZ: wb.sheetnames[0], SW: wb.sheetnames[1]}
    wb.create_sheet("说明")["A1"] = "两个单位的自评表合在一个工作簿中报送"
    from openpyxl.workbook.defined_name import DefinedName

    for dept, name in ((MZ, "民政金额"), (SW, "水务金额")):
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{own[dept]}'!$D$7")
    wb.save(book)
    write_forms([form(12, SW)], inbox / "水务局-另一项目.xlsx")  # a workbook of one department, beside it
    code, text = run_cli("review", str(inbox), "-o", str(root / "out"), "--json")
    return root, own, {d["department"]: d for d in json.loads(text)["departments"]}


def _copy(depts: dict, dept: str, name: str = "合报-校验标注.xlsx") -> Path:
    (path,) = [Path(p) for p in depts[dept]["annotated"] if Path(p).name == name]
    assert path.parent.name == dept
    return path


@pytest.mark.parametrize("dept", [MZ, SW])
def test_each_department_gets_its_own_forms_and_marks_only(reviewed, dept):
    _root, own, depts = reviewed
    other = SW if dept == MZ else MZ
    d = depts[dept]
    assert d["errors"] > 0 and depts[other]["errors"] > 0
    wb = openpyxl.load_workbook(_copy(depts, dept))
    assert wb.sheetnames == ["校验结果", own[dept], "说明"]
    marked = {c.coordinate for c in wb[own[dept]]._cells.values() if c.comment is not None}
    assert marked and not any(c.comment for c in wb["说明"]._cells.values())
    rows = list(wb["校验结果"].iter_rows(min_row=3, values_only=True))
    assert rows and {r[2] for r in rows} == {own[dept]}          # its own findings listed, no other's
    assert {r[3] for r in rows if r[0] in ("错误", "警告")} <= marked
    # as many as its notice lists for this workbook, all of them on its own sheet
    items = [it for it in d["to_fix"] if it["file"] == "合报.xlsx"]
    assert {it["sheet"] for it in items} == {own[dept]}
    n = {s: sum(1 for it in items if it["severity"] == s) for s in ("error", "warning")}
    assert wb["校验结果"]["A1"].value.startswith(f"校验结果：错误 {n['error']} 个，警告 {n['warning']} 个")
    # the names: its own stays, the one into the other department's sheet went with that sheet
    assert set(wb.defined_names) == {"民政金额" if dept == MZ else "水务金额"}
    # the copy is still a workbook of its forms: read back, its own form (of its own department)
    batch, _result = check_paths([_copy(depts, dept)])
    assert [(it.sheet, it.form.unit) for it in batch.forms] == [(own[dept], dept)]


def test_the_summary_links_each_row_to_its_departments_copy(reviewed):
    root, own, depts = reviewed
    ws = openpyxl.load_workbook(next(root.joinpath("out").glob("*汇总表.xlsx")))["项目明细"]
    # the 实施单位, the 来源's text (the file the form came in) and the link (the department's copy)
    links = {(ws[f"D{c.row}"].value, c.value, "/".join(unquote(c.hyperlink.target).replace("\\", "/").split("/")[-2:]))
             for row in ws.iter_rows() for c in row if c.hyperlink}
    assert (MZ, "合报.xlsx", f"{MZ}/合报-校验标注.xlsx") in links
    assert (SW, "合报.xlsx", f"{SW}/合报-校验标注.xlsx") in links


def test_a_workbook_of_one_department_is_copied_whole(reviewed):
    _root, _own, depts = reviewed
    wb = openpyxl.load_workbook(_copy(depts, SW, "水务局-另一项目-校验标注.xlsx"))
    assert wb.sheetnames[0] == "校验结果" and len(wb.sheetnames) == 2


def test_dropping_a_sheet_takes_the_names_into_it_and_no_other():
    from openpyxl.workbook.defined_name import DefinedName

    from jixiao.excel.apply import drop_sheet

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    for title in ("表1", "汇总表1", "O'Neil"):
        wb.create_sheet(title)
    names = {"a": "表1!$A$1", "b": "汇总表1!$A$1", "c": "SUM('表1'!$A$1:$A$3)", "d": "'O''Neil'!$B$2",
             "e": "汇总表1!$A$1+表1!$A$2"}
    for key, text in names.items():
        wb.defined_names[key] = DefinedName(key, attr_text=text)
    wb.active = 1  # 表1 is shown on opening
    drop_sheet(wb, "表1")
    assert wb.sheetnames == ["说明", "汇总表1", "O'Neil"] and set(wb.defined_names) == {"b", "d"}
    assert wb.active.title == "说明"
    drop_sheet(wb, "O'Neil")
    assert set(wb.defined_names) == {"b"}


@pytest.mark.libreoffice
def test_a_copy_shows_the_values_of_formulas_into_a_sheet_left_out(tmp_path):
    """A workbook of two departments' forms with the 汇总 button's 汇总表 and 项目明细 (formulas
    into every form sheet) and a sheet of the 填报人's own adding up both totals, once directly and
    once through a name (the 汇总's sheets are made anew in each copy, of its own forms). Each copy left the other department's sheet out and its formulas into it
    showed #NAME? in LibreOffice (#REF! in Excel). Now they show the value the workbook had saved."""
    from openpyxl.workbook.defined_name import DefinedName

    from openpyxl.cell.cell import ERROR_CODES

    from jixiao.actions import FileHost, summarize_in_book
    from jixiao.excel.office import convert
    from conftest import need_libreoffice

    need_libreoffice()
    work, inbox = tmp_path / "work", tmp_path / "inbox"
    book = write_forms([form(11, MZ, exec_score=9), form(1, SW)], work / "合报.xlsx")
    host = FileHost(str(book), str(work / "汇总.xlsx"))
    summarize_in_book(host)
    host.save()
    wb = openpyxl.load_workbook(work / "汇总.xlsx")
    own = {MZ: wb.sheetnames[1], SW: wb.sheetnames[2]}
    ws = wb.create_sheet("合计")
    ws["A1"], ws["B1"] = "两单位全年预算数", f"=SUM('{own[MZ]}'!D7,{own[SW]}!D7)"
    ws["A2"], ws["B2"] = "县民政局", f"='{own[MZ]}'!D7"
    ws["A3"], ws["B3"] = "县水务局", "=水务预算"
    ws["A4"], ws["B4"] = "合计", "=B2+B3"
    wb.defined_names["水务预算"] = DefinedName("水务预算", attr_text=f"'{own[SW]}'!$D$7")
    wb.save(work / "合计.xlsx")
    saved = convert(work / "合计.xlsx", "xlsx", work / "saved")   # as Excel saves it: results with formulas
    inbox.mkdir()
    (inbox / "合报.xlsx").write_bytes(saved.read_bytes())
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    depts = {d["department"]: d for d in json.loads(text)["departments"]}
    before = openpyxl.load_workbook(saved, data_only=True)
    budget = {d: before[own[d]]["D7"].value for d in own}
    assert before["合计"]["B1"].value == pytest.approx(budget[MZ] + budget[SW])

    for dept in (MZ, SW):
        copy = _copy(depts, dept)
        wb = openpyxl.load_workbook(copy)
        assert own[SW if dept == MZ else MZ] not in wb.sheetnames
        gone = [(ws.title, c.coordinate, c.value) for ws in wb for c in ws._cells.values()
                if c.data_type == "f" and any(f"{s}'!" in str(c.value) or f"{s}!" in str(c.value)
                                              for s in own.values() if s not in wb.sheetnames)]
        assert gone == [], gone
        links = [c.hyperlink.location for ws in wb for c in ws._cells.values() if c.hyperlink is not None]
        assert f"'{own[dept]}'!A1" in links and not [x for x in links if x.split("!")[0].strip("'") not in wb.sheetnames]
        shown = openpyxl.load_workbook(convert(copy, "xlsx", tmp_path / "lo" / dept), data_only=True)
        errors = [(ws.title, c.coordinate, c.value) for ws in shown for c in ws._cells.values()
                  if c.data_type == "e" or c.value in ERROR_CODES]
        assert errors == [], errors
        t = shown["合计"]
        assert [t[r].value for r in ("B1", "B2", "B3", "B4")] == pytest.approx(
            [budget[MZ] + budget[SW], budget[MZ], budget[SW], budget[MZ] + budget[SW]])
        # the 汇总's 项目明细, of its own form only (made anew: ``test_a_copy_of_a_workbook_summed_up_whole…``)
        assert [r[1] for r in shown["项目明细"].iter_rows(min_row=3, values_only=True) if r[1]] == [own[dept]]


def test_freezing_reads_the_saved_value_of_each_formula_into_a_sheet_left_out_and_no_other(tmp_path):
    """``freeze_refs`` on a workbook whose results were saved: quoted and bare sheet names, a name
    into the sheet, text that only looks like a reference; a sheet whose name starts alike stays live."""
    from openpyxl.workbook.defined_name import DefinedName

    from jixiao.excel.apply import drop_sheet, freeze_refs
    from jixiao.excel.cache import inject, stored_results

    wb = openpyxl.Workbook()
    wb.active.title = "合计"
    wb.create_sheet("表1")["A1"] = 5
    wb.create_sheet("表10")["A1"] = 7
    wb.create_sheet("O'Neil")["B2"] = 3
    wb.defined_names["一表"] = DefinedName("一表", attr_text="表1!$A$1")
    formulas = {"B1": "=表1!A1*2", "B2": "='O''Neil'!B2", "B3": "=一表+1", "B4": "=表10!A1",
                "B5": '="表1!A1"&"说明"', "B6": "=B1+B4"}
    ws = wb["合计"]
    for ref, text in formulas.items():
        ws[ref] = text
    src = tmp_path / "book.xlsx"
    wb.save(src)
    inject(src, {"合计": {"B1": 10, "B2": 3, "B3": 6, "B4": 7, "B5": "表1!A1说明", "B6": 17}})
    wb = openpyxl.load_workbook(src)
    assert freeze_refs(wb, stored_results(src), ["表1", "O'Neil", "不存在"]) == 3
    for name in ("表1", "O'Neil"):
        drop_sheet(wb, name)
    ws = wb["合计"]
    assert [ws[r].value for r in ("B1", "B2", "B3")] == [10, 3, 6]
    assert [ws[r].value for r in ("B4", "B5", "B6")] == [formulas[r] for r in ("B4", "B5", "B6")]
    assert set(wb.defined_names) == set()


def _package_text(path: Path) -> str:
    """Every part of an .xlsx or .docx package as text, its characters written as “&#21439;” read: as
    stored (sheet names and links are attributes) and without its tags (a sentence split over runs of
    rich text is whole again)."""
    import html
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        raw = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.endswith((".png", ".bin")))
    return html.unescape(raw) + "\n" + html.unescape(re.sub(r"<[^>]+>", "", raw))


@pytest.mark.libreoffice
def test_a_copy_of_a_workbook_summed_up_whole_holds_nothing_of_the_other_department(tmp_path):
    """Two departments' project forms and 部门整体 forms in one workbook, 汇总 pressed over all of it
    (汇总表, 项目明细, 图表, 部门整体自评 of both) and a 说明 of the 填报人's, saved by a program that
    calculates. Each copy kept the 汇总's sheets as they were, so 县民政局's copy listed 县水务局's projects,
    budgets and 部门整体 score (its 项目明细 and 部门整体自评, their names frozen into it). Now each copy
    holds the 汇总 of its own forms — as its own 汇总 button would make it — and nothing else of the
    other's anywhere in the file; its notice and list name its own items only."""
    import docx
    from openpyxl.cell.cell import ERROR_CODES

    from dept_helpers import clean_json
    from jixiao.actions import FileHost, summarize_in_book
    from jixiao.excel.office import convert
    from jixiao.forms.department.model import parse_dept_form
    from conftest import need_libreoffice

    need_libreoffice()
    whole = {}
    for dept in (MZ, SW):
        d = clean_json()
        d["department"] = dept
        d["year"] = 2022   # the projects' year: 汇总 leaves a form of another year out, whatever its kind
        whole[dept] = parse_dept_form(d)
    projects = {MZ: [form(11, MZ, exec_score=9), form(2, MZ)], SW: [form(1, SW), form(12, SW)]}
    work, inbox = tmp_path / "work", tmp_path / "inbox"
    book = write_forms([*projects[MZ], *projects[SW], whole[MZ], whole[SW]], work / "合报.xlsx")
    host = FileHost(str(book), str(work / "汇总.xlsx"))
    summarize_in_book(host)
    host.save()
    wb = openpyxl.load_workbook(work / "汇总.xlsx")
    assert {"汇总表", "项目明细", "图表", "部门整体自评"} <= set(wb.sheetnames)
    wb.create_sheet("说明")["A1"] = "本单位的自评表合在一个工作簿中报送"
    wb.save(work / "说明.xlsx")
    inbox.mkdir()
    (inbox / "合报.xlsx").write_bytes(convert(work / "说明.xlsx", "xlsx", work / "saved").read_bytes())
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    depts = {d["department"]: d for d in json.loads(text)["departments"]}

    for dept, other in ((MZ, SW), (SW, MZ)):
        names = [f.project for f in projects[dept]]
        theirs = [f.project for f in projects[other]] + [other]
        copy = _copy(depts, dept)
        stored = _package_text(copy)
        assert [t for t in theirs if t in stored] == [], (dept, [t for t in theirs if t in stored])
        assert all(n in stored for n in names) and dept in stored
        shown = openpyxl.load_workbook(convert(copy, "xlsx", tmp_path / "lo" / dept), data_only=True)
        assert {"校验结果", *names, f"部门整体-{dept}", "说明", "汇总表", "项目明细", "图表", "部门整体自评"} \
            == set(shown.sheetnames)
        cells = [(ws.title, c.coordinate, c.value) for ws in shown for c in ws._cells.values()]
        assert [c for c in cells if c[2] in ERROR_CODES or any(t in str(c[2]) for t in theirs)] == []
        # its 汇总: its own two projects, their budgets; its own 部门整体 form in the list
        detail = [r for r in shown["项目明细"].iter_rows(min_row=3, values_only=True) if r[1]]
        assert [r[1] for r in detail] == names and [r[3] for r in detail] == [dept, dept]
        budget = sum(f.funds.total.annual for f in projects[dept])
        head = shown["汇总表"]
        assert (head["A2"].value, head["C4"].value, head["D4"].value) == (f"填报部门：{dept}", 2, 2)
        assert head["C5"].value == pytest.approx(budget)
        listed = [r[1] for r in shown["部门整体自评"].iter_rows(min_row=3, values_only=True) if r[0]]
        assert listed == [dept]
        # the results stored in the copy itself (a viewer that does not calculate): the same figures
        saved = openpyxl.load_workbook(copy, data_only=True)["汇总表"]
        assert (saved["C4"].value, saved["C5"].value) == (2, pytest.approx(budget))
        # its notice and its list: its own items, none of the other's
        d = depts[dept]
        notice = _package_text(Path(d["notice"])) + _package_text(Path(d["notice_xlsx"]))
        assert [t for t in theirs if t in notice] == []
        assert {it["project"] for it in d["to_fix"] if it.get("project")} <= {*names, dept}  # its 部门整体 form's items name the department (X5: a 2023 form in 2022)
        assert "".join(p.text for p in docx.Document(d["notice"]).paragraphs)


def test_the_sheets_an_earlier_summary_wrote_are_told_by_name_and_title():
    from jixiao.summary.book import earlier_summary_sheets

    typed = {"汇总表": ("2022年度县直部门绩效自评情况汇总表", "填报部门：县民政局"), "表1": ("项目支出绩效自评表", None)}
    assert earlier_summary_sheets(typed) == set()   # a 汇总表 typed by hand, no 项目明细 of ours: the 填报人's own
    ours = {**typed, "项目明细": ("项目支出绩效自评项目明细（单位：万元）", "序号"), "图表": ("绩效自评图表", None),
            "部门整体自评": ("2022年度部门整体支出绩效自评情况汇总表", "序号"),
            "汇总表-县民政局": ("2022年度县直部门绩效自评情况汇总表", "填报部门：县民政局"),
            "分单位汇总": ("2022年度绩效自评情况汇总表（分单位）", "填报部门：县教育局"),
            "未能读取": ("未能读取的文件或表（1 个文件）：汇总不完整，改正后重新汇总", "文件"),
            "说明": ("两个单位的表合在一个工作簿中", None)}
    assert earlier_summary_sheets(ours) == set(ours) - {"表1", "说明"}
    own_chart = {**ours, "图表": ("本单位的支出图", None), "汇总表-备注": ("备注", None)}
    assert earlier_summary_sheets(own_chart) == set(ours) - {"表1", "说明", "图表"}


def test_a_table_typed_beside_several_departments_forms_goes_to_the_department_it_names(tmp_path):
    """A 汇总表 typed by hand on a sheet of a workbook of two departments' forms, “填报部门：县水务局”
    and 县水务局's figures (one of them wrong). It went to the department with the most forms in the
    workbook, 县民政局: its copy held 县水务局's table, its notice the E4 error on 县水务局's figure, and
    县水务局 was told nothing of it. Now it is the department it names, whose forms it was held to."""
    from test_review_published import _truth, _typed_sheet_beside

    alone = write_forms([form(1, SW)], tmp_path / "made" / "水务局.xlsx")
    truth = _truth(alone)
    book = write_forms([form(11, MZ), form(2, MZ), form(1, SW)], tmp_path / "made" / "合报.xlsx")
    wrong = dict(truth, grades=dict(truth["grades"], 优=truth["grades"]["优"] + 1))
    _typed_sheet_beside(book, wrong, tmp_path / "inbox" / "合报.xlsx", unit=SW)
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    depts = {d["department"]: d for d in json.loads(text)["departments"]}
    assert depts[SW]["summary_tables"] == ["合报.xlsx（工作表“汇总表”）"] and depts[MZ]["summary_tables"] == []
    e4 = {dept: [(t["sheet"], t["cell"]) for t in d["to_fix"] if t["rule"] == "E4"] for dept, d in depts.items()}
    assert e4 == {SW: [("汇总表", "C6")], MZ: []}
    mine = openpyxl.load_workbook(_copy(depts, SW))
    assert "〔规则 E4〕" in mine["汇总表"]["C6"].comment.text
    assert "汇总表" not in openpyxl.load_workbook(_copy(depts, MZ)).sheetnames


def test_two_tables_typed_for_two_departments_go_each_to_the_department_it_names(tmp_path):
    """Two 汇总表 typed by hand in one workbook of two departments' forms, “填报部门：县民政局” and
    “填报部门：县水务局”, each with one figure wrong against its own department's forms. Both went to
    one department (the one most of the counted forms were): its copy held the other's table, its
    notice the other's E4, and the other department was told nothing. Now each table is the
    department's it names: in its copy only, its E4 in its notice only, held to its own forms only
    (each table is right in every other figure for its own department, wrong for the two together)."""
    from test_review_published import _truth, _typed_sheet_beside

    mine = {MZ: [form(11, MZ), form(2, MZ)], SW: [form(1, SW)]}
    truth = {d: _truth(write_forms(fs, tmp_path / "made" / d / "alone.xlsx")) for d, fs in mine.items()}
    book = write_forms([*mine[MZ], *mine[SW]], tmp_path / "made" / "合报.xlsx")
    wrong = {MZ: dict(truth[MZ], projects_done=truth[MZ]["projects_done"] + 1),
             SW: dict(truth[SW], grades=dict(truth[SW]["grades"], 优=truth[SW]["grades"]["优"] + 1))}
    first = _typed_sheet_beside(book, wrong[MZ], tmp_path / "made" / "一张.xlsx", unit=MZ)
    both = _typed_sheet_beside(first, wrong[SW], tmp_path / "made" / "两张.xlsx", unit=SW)
    wb = openpyxl.load_workbook(both)
    wb["汇总表"].title, wb["汇总表1"].title = "民政汇总表", "水务汇总表"
    (tmp_path / "inbox").mkdir()
    wb.save(tmp_path / "inbox" / "合报.xlsx")
    _code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    depts = {d["department"]: d for d in json.loads(text)["departments"]}
    assert depts[MZ]["summary_tables"] == ["合报.xlsx（工作表“民政汇总表”）"]
    assert depts[SW]["summary_tables"] == ["合报.xlsx（工作表“水务汇总表”）"]
    e4 = {dept: [(t["sheet"], t["cell"]) for t in d["to_fix"] if t["rule"] == "E4"] for dept, d in depts.items()}
    assert e4 == {MZ: [("民政汇总表", "D4")], SW: [("水务汇总表", "C6")]}
    for dept, own, other in ((MZ, "民政汇总表", "水务汇总表"), (SW, "水务汇总表", "民政汇总表")):
        copy = openpyxl.load_workbook(_copy(depts, dept))
        assert own in copy.sheetnames and other not in copy.sheetnames
        marked = [c.coordinate for c in copy[own]._cells.values() if c.comment is not None]
        assert marked == [e4[dept][0][1]] and "〔规则 E4〕" in copy[own][marked[0]].comment.text
    # the 台账's 文件清单 names both departments for the shared workbook (it named one table's only)
    ledger = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    assert [r[1:3] for r in ledger.iter_rows(min_row=3, values_only=True)] == [("合报.xlsx", f"{MZ}、{SW}")]
