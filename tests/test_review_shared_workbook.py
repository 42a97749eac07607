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
    links = {(ws[f"D{c.row}"].value, c.value, "/".join(unquote(c.hyperlink.target).split("/")[-2:]))
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
