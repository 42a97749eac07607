"""A form the reader cannot take names every bad cell at once, and the reviewer's notice lists them.

Before: the reader stopped at the first cell it could not take (项目名称 empty, a year missing,
“约一百万” where a number belongs), so a 填报人 needed one 校验 per mistake; and a 财政局 review left
such a form out of the department's 退回修改通知 and 退回修改清单 altogether (rule X1 was dropped
there unless the whole file was unreadable), with the notice counting only the forms it read.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.errors import CellError, CellErrors, each_error, problem_message, problem_places
from review_fixture import form, run_cli
from jixiao.excel.workbook import write_forms

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "xlsx_templates"
CORPUS = ROOT / "tests" / "corpus"


def _x1(path: Path, *more: str) -> tuple[int, list[dict]]:
    code, out = run_cli("check", str(path), *more, "--json")
    return code, [f for f in json.loads(out) if f["rule"] == "X1"]


def test_a_blank_template_names_both_missing_header_cells(tmp_path):
    for name, cells in (("项目支出绩效自评表.xlsx", ["A2", "B3"]), ("部门整体支出绩效自评表.xlsx", ["A2", "E3"]),
                        ("项目支出绩效评价表.xlsx", ["A2", "D3"])):
        code, x1 = _x1(TEMPLATES / name)
        assert code == 2
        assert [f["cell"] for f in x1] == cells, name


def test_every_bad_cell_of_a_template_form_top_to_bottom(tmp_path):
    book = tmp_path / "表.xlsx"
    shutil.copy(TEMPLATES / "项目支出绩效自评表.xlsx", book)
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    ws["E7"] = "约九十万"     # read before the year, written below it
    ws["D7"] = "约一百万"
    wb.save(book)
    code, x1 = _x1(book)
    assert code == 2
    assert [f["cell"] for f in x1] == ["A2", "B3", "D7", "E7"]
    # the message is the reason alone: the finding carries its file, sheet and cell beside it
    assert x1[2]["message"] == "年度资金总额的全年预算数应为数字，现为“约一百万”"
    assert all(f["sheet"] == ws.title and f["file"] == str(book) for f in x1)
    code, text = run_cli("check", str(book))
    assert "1 个文件或工作表无法读取" in text  # four cells, one form
    assert f"单元格 D7 · 规则 X1 · 年度资金总额的全年预算数应为数字" in text
    assert str(book) + "：" not in text  # the group heading names the file; the lines do not repeat it


def test_every_bad_cell_of_another_layout(tmp_path):
    src = CORPUS / "01-merged-levels.xlsx"
    cells = json.loads((CORPUS / "01-merged-levels.cells.json").read_text(encoding="utf-8"))[0]
    book = tmp_path / "他处版式.xlsx"
    shutil.copy(src, book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    score, weight = cells["indicators[1].score"], cells["indicators[0].weight"]
    ws[score] = "九分"
    ws[weight] = "十分"
    wb.save(book)
    code, x1 = _x1(book)
    assert code != 0  # 1: the workbook's other form was read and has errors of its own
    assert sorted(f["cell"] for f in x1) == sorted([score, weight])
    assert {f["sheet"] for f in x1} == {ws.title}
    assert {f["message"] for f in x1} == {"分值应为数字，现为“十分”", "得分应为数字，现为“九分”"}


def test_the_bad_cells_travel_between_processes(tmp_path):
    """A batch is read in worker processes: the errors come back whole, each with its cell."""
    for i in range(3):
        wb = openpyxl.load_workbook(TEMPLATES / "项目支出绩效自评表.xlsx")
        wb.active["D7"] = f"约{i}万"  # files that differ: identical ones are counted once
        wb.save(tmp_path / f"表{i}.xlsx")
    code, out = run_cli("check", str(tmp_path), "--json")
    found = [f for f in json.loads(out) if f["rule"] == "X1"]
    assert len(found) == 9 and [f["cell"] for f in found] == ["A2", "B3", "D7"] * 3
    errs = CellErrors([CellError("甲", file="f", sheet="s", cell="A2"), CellError("乙", file="f", sheet="s", cell="B3")])
    back = pickle.loads(pickle.dumps(errs))
    assert [(e.cell, e.reason) for e in each_error(back)] == [("A2", "甲"), ("B3", "乙")]
    assert problem_places(each_error(back)) == 1
    assert problem_message(each_error(back)[1]) == "乙"
    assert str(back).splitlines() == ["f：工作表“s”单元格 A2：甲", "f：工作表“s”单元格 B3：乙"]


def _inbox(tmp_path: Path) -> Path:
    """Two departments: one workbook of three forms with two broken; a folder with a single broken form."""
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    three = inbox / "县民政局.xlsx"
    write_forms([form(1, "县民政局"), form(2, "县民政局"), form(3, "县民政局")], three)
    wb = openpyxl.load_workbook(three)
    wb.worksheets[1]["D7"] = "约一百万"
    wb.worksheets[1]["E7"] = "约九十万"
    wb.worksheets[2]["B3"] = None
    wb.save(three)
    (inbox / "县水务局").mkdir()  # no form of it is read: its folder names the department
    one = inbox / "县水务局" / "自评表.xlsx"
    write_forms([form(10, "县水务局")], one)
    wb = openpyxl.load_workbook(one)
    wb.worksheets[0]["B3"] = None
    wb.save(one)
    return inbox


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_the_notice_lists_each_bad_cell_of_a_form_it_could_not_read(tmp_path):
    inbox = _inbox(tmp_path)
    out = tmp_path / "复核"
    code, printed = run_cli("review", str(inbox), "-o", str(out), "--json")
    rv = json.loads(printed)
    mz = next(d for d in rv["departments"] if d["department"] == "县民政局")
    assert mz["status"] == "退回修改" and mz["forms"] == 1
    paras = _paragraphs(Path(mz["notice"]))
    intro = next(p for p in paras if p.startswith("经审核"))
    assert "1个文件，1张自评表，另有2张表无法读取" in intro
    x1 = [p for p in paras if "未能读取和审核" in p]
    assert len(x1) == 3  # two cells of one form, one of the other
    assert any("D7 单元格：年度资金总额的全年预算数应为数字，现为“约一百万”" in p for p in x1)
    assert any("E7 单元格：年度资金总额的全年执行数应为数字，现为“约九十万”" in p for p in x1)
    assert any("B3 单元格：项目名称为空" in p for p in x1)
    assert not any(str(inbox) in p for p in paras)  # the department's file by its name, never the path
    # the count of 须修改 is the number of items marked so, the bad cells included
    errors = int(intro.split("须修改")[1].split("处")[0])
    listing = openpyxl.load_workbook(mz["notice_xlsx"]).active
    kinds = [r[1] for r in listing.iter_rows(min_row=3, values_only=True) if r[0] is not None]
    assert kinds.count("须修改") == errors == mz["errors"]
    assert sum(1 for r in listing.iter_rows(min_row=3, values_only=True) if r[4] in ("D7", "E7", "B3")
               and "未能读取" in str(r[6])) == 3
    # the annotated copy marks the bad cells on the sheets that could not be read
    copy = openpyxl.load_workbook(mz["annotated"][0])
    marked = {(ws.title, c.coordinate) for ws in copy.worksheets for row in ws.iter_rows() for c in row
              if c.comment and "〔规则 X1〕" in c.comment.text}
    wb = openpyxl.load_workbook(inbox / "县民政局.xlsx")
    assert marked == {(wb.worksheets[1].title, "D7"), (wb.worksheets[1].title, "E7"), (wb.worksheets[2].title, "B3")}

    sw = next(d for d in rv["departments"] if d["department"] == "县水务局")
    assert sw["status"] == "无法读取"
    paras = _paragraphs(Path(sw["notice"]))
    intro = next(p for p in paras if p.startswith("经审核"))
    assert "材料中的自评表填写有误，无法读取，未能审核。这些单元格已在随附的工作簿中标注。" in intro
    # its copy comes with the notice: nothing of the file was read, but the blank B3 is marked there
    (copy,) = [openpyxl.load_workbook(p) for p in sw["annotated"]]
    (ws,) = [ws for ws in copy.worksheets if ws.title != "校验结果"]
    assert ws["B3"].comment is not None and "项目名称为空" in ws["B3"].comment.text
    assert any("B3 单元格：项目名称为空，请填写批复的项目名称；这张表因此未能读取和审核" in p for p in paras)
    assert not any("无法作为工作簿打开" in p for p in paras)  # the file opened: its form has a blank cell


def test_the_ledger_counts_and_names_the_forms_it_could_not_read(tmp_path):
    """The 复核台账 said “计入 1 个文件、1 张表……未计入 0 个文件或表” and listed 县民政局.xlsx as 计入 with
    nothing more, though two of its three forms were not read: now it says how many forms were not read,
    and the 文件清单 names them beside the file."""
    inbox = _inbox(tmp_path)
    out = tmp_path / "复核"
    code, printed = run_cli("review", str(inbox), "-o", str(out), "--json")
    rv = json.loads(printed)
    wb = openpyxl.load_workbook(inbox / "县民政局.xlsx")
    broken = [wb.worksheets[1].title, wb.worksheets[2].title]
    mz = next(d for d in rv["departments"] if d["department"] == "县民政局")
    assert mz["unreadable_sheets"] == [{"file": "县民政局.xlsx", "sheet": t} for t in broken]
    assert rv["totals"]["sheets_unreadable"] == 3  # the 县水务局 form too
    ledger = openpyxl.load_workbook(rv["ledger"])
    assert "计入 1 个文件、1 张表" in ledger["复核台账"]["A2"].value
    assert "另有 3 张表无法读取" in ledger["复核台账"]["A2"].value
    rows = {r[1]: r for r in ledger["文件清单"].iter_rows(min_row=3, values_only=True) if r[0] is not None}
    assert rows["县民政局.xlsx"][3] == "计入"
    assert rows["县民政局.xlsx"][4] == f"其中 2 张表无法读取，未计入：“{broken[0]}”“{broken[1]}”"
    sw = rows["县水务局/自评表.xlsx"]
    assert sw[3] == "无法读取" and sw[4].endswith("单元格 B3：项目名称为空，请填写批复的项目名称")
    assert not sw[4].startswith("县水务局")  # the file is named in its own column, not again
    stats = {r[0]: r for r in ledger["问题统计"].iter_rows(min_row=3, values_only=True)}
    assert stats["X1"][1] == "文件或自评表无法读取" and stats["X1"][-1] == 4  # one per bad cell


def test_the_consolidated_summary_lists_every_form_it_could_not_count(tmp_path):
    """The review's 汇总表 listed only the file of which nothing was read (县水务局), not the two forms
    of 县民政局.xlsx it could not count either, and said nothing of them on the 汇总表 itself."""
    inbox = _inbox(tmp_path)
    out = tmp_path / "复核"
    code, printed = run_cli("review", str(inbox), "-o", str(out), "--json")
    wb = openpyxl.load_workbook(json.loads(printed)["summary"])
    rows = [r for r in wb["未能读取"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert [(r[0], r[2]) for r in rows] == [("县民政局.xlsx", "D7"), ("县民政局.xlsx", "E7"),
                                            ("县民政局.xlsx", "B3"), ("县水务局/自评表.xlsx", "B3")]
    assert rows[0][3] == "年度资金总额的全年预算数应为数字，现为“约一百万”"
    # three forms, in two files that opened: no file that could not be read (it said “2 个文件、3 张表”, five in all)
    assert wb["未能读取"]["A1"].value.startswith("未能读取的文件或表（3 张表）")
    # whose they are, as the 说明's other items name departments (“……的表1张（县民政局）”): the section
    # chief had to open the 未能读取 sheet or the 台账 to say whose figures were short; no spaces around the number
    assert "4. 另有3个文件或表未能读取（县民政局、县水务局），其项目和资金未计入" in wb["汇总表"]["A10"].value
    assert wb["汇总表"]["C4"].value == 1  # only the form that was read is counted


def test_the_summary_says_an_unread_file_of_no_known_department_apart(tmp_path):
    """A broken “附件1.xlsx” names no department: “另有4个文件或表未能读取（县民政局、县水务局）” read as if
    those two had all four; the one nobody's is counted apart, as the 台账 lists it (（未能识别单位）)."""
    inbox = _inbox(tmp_path)
    (inbox / "附件1.xlsx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "复核"
    code, printed = run_cli("review", str(inbox), "-o", str(out), "--json")
    rv = json.loads(printed)
    assert any(d["department"] == "（未能识别单位）" and d["unreadable"] == ["附件1.xlsx"] for d in rv["departments"])
    wb = openpyxl.load_workbook(rv["summary"])
    assert "另有4个文件或表未能读取（县民政局、县水务局，未能识别单位的1个）" in wb["汇总表"]["A10"].value


def test_the_unreadable_sheet_counts_a_file_once_as_what_could_not_be_read(tmp_path):
    """A file that would not open (县农业农村局) and a form that could not be read in a file otherwise read
    (县卫生健康局's second sheet): the 未能读取 sheet's title said “2 个文件、1 张表” for its two rows, the 台账
    “另有 1 张表无法读取；1 个文件无法读取”. Now it says “1 个文件、1 张表”, as the 台账 does."""
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    two = inbox / "县卫生健康局.xlsx"
    write_forms([form(5, "县卫生健康局"), form(6, "县卫生健康局")], two)
    wb = openpyxl.load_workbook(two)
    wb.worksheets[1]["D7"] = "约一百万"
    wb.save(two)
    (inbox / "县农业农村局.xlsx").write_bytes(b"PK\x03\x04 truncated")
    _code, printed = run_cli("review", str(inbox), "-o", str(tmp_path / "复核"), "--json")
    rv = json.loads(printed)
    sheet = openpyxl.load_workbook(rv["summary"])["未能读取"]
    assert len([r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]]) == 2
    assert sheet["A1"].value == "未能读取的文件或表（1 个文件、1 张表）：汇总不完整，改正后重新汇总"
    assert "另有 1 张表无法读取；1 个文件无法读取" in openpyxl.load_workbook(rv["ledger"])["复核台账"]["A2"].value


def test_an_unopenable_file_is_told_why(tmp_path):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "县民政局.xlsx")
    (inbox / "县教育局").mkdir()
    (inbox / "县教育局" / "县教育局.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    out = tmp_path / "复核"
    code, printed = run_cli("review", str(inbox), "-o", str(out), "--json")
    rv = json.loads(printed)
    jy = next(d for d in rv["departments"] if d["department"] == "县教育局")
    paras = _paragraphs(Path(jy["notice"]))
    # why, in the reader's words, not only that it failed; the file named once, as the department sent it
    # (not by the reviewer's folder in the inbox)
    assert paras[3] == "1．“县教育局.xlsx”：无法作为工作簿打开（压缩包损坏或不是 Office 文件），请检查后重新报送。"


def test_a_report_is_not_written_while_a_form_cannot_be_read(tmp_path):
    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护")], book)
    assert run_cli("check", str(book))[0] == 0  # sample 11 has no errors: a report would be written
    wb = openpyxl.load_workbook(book)
    wb.worksheets[1]["B3"] = None
    wb.save(book)
    code, _ = run_cli("report", str(book), "-o", str(tmp_path / "报告"))
    assert code == 1  # refused, like a form with errors: the report would leave that project out
    assert not (tmp_path / "报告" / "项目支出绩效自评报告.docx").exists()
    code, _ = run_cli("report", str(book), "-o", str(tmp_path / "草稿"), "--force")
    assert code == 1  # a draft is written; the form left out keeps the exit status non-zero
    text = "".join(_paragraphs(tmp_path / "草稿" / "项目支出绩效自评报告.docx"))
    assert f"以下1个文件或工作表未能读取，未纳入本报告：自评表.xlsx（{wb.worksheets[1].title}）。" in text


@pytest.mark.parametrize("n", [1, 2, 5])
def test_places_count_forms_not_cells(n):
    errs = [CellError("x", file="f.xlsx", sheet=f"s{i % 2}", cell=f"A{i}") for i in range(n)]
    assert problem_places(errs) == min(n, 2)
    assert problem_places([{"file": "f.xlsx", "sheet": "s0"}, {"file": "f.xlsx", "sheet": "s0"}]) == 1


def test_the_check_button_marks_the_bad_cells_of_a_form_it_could_not_read(tmp_path):
    """校验 in Excel (the add-in applies the same plan through xlwings): the cells are coloured and
    carry their reason, on the sheet that could not be read as on the others."""
    from jixiao import actions
    from jixiao.excel.plan import SetComment, SetFill

    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护")], book)
    wb = openpyxl.load_workbook(book)
    broken = wb.worksheets[1].title
    wb.worksheets[1]["B3"] = None
    wb.worksheets[1]["G14"] = "十分"
    wb.save(book)
    host = actions.FileHost(str(book), str(tmp_path / "校验后.xlsx"))
    result, plan = actions.check(host)
    comments = {(op.sheet, op.cell): op.text for op in plan.edits if isinstance(op, SetComment)}
    fills = {(op.sheet, op.cell) for op in plan.edits if isinstance(op, SetFill)}
    assert comments[(broken, "B3")] == "【错误】项目名称为空，请填写批复的项目名称〔规则 X1〕"
    assert comments[(broken, "G14")] == "【错误】分值应为数字，现为“十分”〔规则 X1〕"
    assert {(broken, "B3"), (broken, "G14")} <= fills
    host.save()
    saved = openpyxl.load_workbook(tmp_path / "校验后.xlsx")[broken]
    assert "项目名称为空" in saved["B3"].comment.text


def test_the_summary_button_drops_its_unread_list_once_the_forms_are_put_right(tmp_path):
    """汇总 in the workbook adds a 未能读取 sheet while a form cannot be read; clicked again after the
    cell is put right, that sheet went on saying the summary was incomplete. Now it goes."""
    from jixiao import actions

    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护")], book)
    wb = openpyxl.load_workbook(book)
    broken, name = wb.worksheets[1].title, wb.worksheets[1]["B3"].value
    wb.worksheets[1]["B3"] = None
    wb.save(book)
    def click_summary(src: Path, out: Path) -> openpyxl.Workbook:
        host = actions.FileHost(str(src), str(out))
        actions.summarize_in_book(host)
        host.save()
        return openpyxl.load_workbook(out)

    wb = click_summary(book, tmp_path / "汇总一.xlsx")
    assert "未能读取" in wb.sheetnames and wb["未能读取"]["B3"].value == broken
    wb[broken]["B3"] = name  # the 填报人 fills the name in and clicks 汇总 again
    wb.save(tmp_path / "汇总一.xlsx")
    wb = click_summary(tmp_path / "汇总一.xlsx", tmp_path / "汇总二.xlsx")
    assert "未能读取" not in wb.sheetnames and "汇总表" in wb.sheetnames
    assert broken in wb.sheetnames  # the forms themselves are all still there


def test_a_form_not_read_goes_to_the_department_it_names(tmp_path):
    """A file in the inbox's top folder whose only form could not be read went to “（未能识别单位）”,
    with no notice to send; a workbook holding two departments' forms gave the unread one to the
    first department. The form's own 实施单位 (or 主管部门 with --by) decides, as for a form read."""
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    alone = inbox / "自评表.xlsx"
    write_forms([form(10, "县水务局")], alone)
    wb = openpyxl.load_workbook(alone)
    wb.worksheets[0]["B3"] = None
    wb.save(alone)
    mixed = inbox / "两个单位.xlsx"
    write_forms([form(1, "县民政局"), form(2, "县教育局")], mixed)
    wb = openpyxl.load_workbook(mixed)
    wb.worksheets[1]["D7"] = "约一百万"
    edu_sheet = wb.worksheets[1].title
    wb.save(mixed)
    code, printed = run_cli("review", str(inbox), "-o", str(tmp_path / "复核"), "--json")
    depts = {d["department"]: d for d in json.loads(printed)["departments"]}
    assert "（未能识别单位）" not in depts
    sw = depts["县水务局"]
    assert sw["status"] == "无法读取" and sw["file_names"] == ["自评表.xlsx"] and sw["notice"]
    assert any("项目名称为空" in p for p in _paragraphs(Path(sw["notice"])))
    edu = depts["县教育局"]
    assert edu["status"] == "无法读取" and edu["notice"]  # it sent its form: not “未报送”
    assert [Path(a).name for a in edu["annotated"]] == ["两个单位-校验标注.xlsx"]  # its bad cell marked there
    assert edu["unreadable_sheets"] == [{"file": "两个单位.xlsx", "sheet": edu_sheet}]
    assert any(i["cell"] == "D7" for i in edu["to_fix"])
    assert not depts["县民政局"]["unreadable_sheets"]
    assert not any(i["cell"] == "D7" and i["rule"] == "X1" for i in depts["县民政局"]["to_fix"])

    code, printed = run_cli("review", str(inbox), "-o", str(tmp_path / "按主管"), "--by", "主管部门", "--json")
    by_authority = {d["department"] for d in json.loads(printed)["departments"]}
    assert "（未能识别单位）" not in by_authority


def test_the_buttons_say_how_many_forms_they_could_not_read(tmp_path):
    """校验 said only “校验完成：错误 N 个……” and 汇总 “已生成……” while a form was left out."""
    import addin.buttons as buttons
    from jixiao import actions

    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护"),
                 form(11, "县交通运输局", project="桥梁检测")], book)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[1]["B3"] = None
    wb.worksheets[2]["D7"] = "约一百万"
    wb.worksheets[2]["E7"] = "约九十万"
    wb.save(book)
    said = buttons.check(actions.FileHost(str(book), str(tmp_path / "校验.xlsx")))
    assert "其中 2 张表因单元格填写有误未能读取" in said
    said = buttons.summarize(actions.FileHost(str(book), str(tmp_path / "汇总.xlsx")))
    assert "另有 2 张表因单元格填写有误未能读取，未计入汇总" in said
    fine = tmp_path / "好.xlsx"
    write_forms([form(11, "县交通运输局")], fine)
    assert "未能读取" not in buttons.check(actions.FileHost(str(fine), str(tmp_path / "好-校验.xlsx")))
    assert "未能读取" not in buttons.summarize(actions.FileHost(str(fine), str(tmp_path / "好-汇总.xlsx")))


def test_no_final_copy_leaves_out_a_form_it_could_not_read(tmp_path):
    """定稿 with --force (or 是 in Excel's question) wrote the values-only copy without the form that could
    not be read — one project less in what the department e-mails, the note saying only “带着 1 个错误定稿”."""
    from jixiao import actions

    book = tmp_path / "自评表.xlsx"
    write_forms([form(11, "县交通运输局"), form(11, "县交通运输局", project="道路养护")], book)
    wb = openpyxl.load_workbook(book)
    broken = wb.worksheets[1].title
    wb.worksheets[1]["D7"] = "约一百万"
    wb.save(book)
    code, _ = run_cli("finalize", str(book), "-o", str(tmp_path / "定稿"), "--force", "--no-pdf")
    assert code == 1
    assert not list((tmp_path / "定稿").glob("*.xlsx"))  # nothing written (glob of a missing folder: nothing)
    asked = []
    with pytest.raises(Exception) as refused:
        actions.finalize(actions.FileHost(str(book)), tmp_path / "定稿2", confirm=lambda n: asked.append(n) or True)
    assert f"“{broken}”D7 " in str(refused.value) and "定稿会漏掉这些表" in str(refused.value)
    assert asked == []  # not asked to confirm: confirming would not bring the form in
    assert not list((tmp_path / "定稿2").glob("*.xlsx"))
    # thirty such cells: the first six, as 计算 and 汇总 list them, not a message box of a page
    for ws in wb.worksheets:
        for ref in ("C7", "D7", "E7", "C8", "D8"):
            ws[ref] = "约一百万"
    wb.save(book)
    with pytest.raises(Exception) as refused:
        actions.finalize(actions.FileHost(str(book)), tmp_path / "定稿3", confirm=lambda n: True)
    said = str(refused.value)
    assert "（“校验”逐一标出）" in said and said.count("约一百万") == 6 and said.endswith("“约一百万” 等 10 处。")   # 等 apart, with how many (stop 60)
    assert said.count("10 处") == 1, said   # the count said once: it was “（共 10 处…）：… 等 10 处”
