"""A department's own 绩效自评情况汇总表 in the bureau's inbox, checked against its forms.

Each department sends one with its forms, typed by hand — the sample's published one gives 资金总量
已评价数 568.64 where Σ 全年执行数 is 425.395. Before: such a workbook was “没有找到项目支出绩效自评表”,
i.e. 无法读取, and when it sat in a folder named otherwise (“医保局”) it made a department of its own,
无法读取, sent a notice that its file could not be read. Now it is read in either layout (the
official one running down, a county list running across), its figures compared with the
department's forms: each difference an E4 error on its cell, in the notice and on a marked copy."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jixiao.excel.workbook import write_forms
from jixiao.summary.published import published_tables
from review_fixture import form, run_cli

DEPT = "县民政局"


def _truth(book: Path) -> dict:
    """The figures the forms give (``jixiao summarize --json``)."""
    code, text = run_cli("summarize", str(book), "-o", str(book.parent / "汇总-真.xlsx"), "--json")
    assert code == 0 or code == 1
    return json.loads(text)


def _down(path: Path, unit: str | None, figures: dict) -> Path:
    """The official layout, typed: 项目数量, 资金总量 and the 等级 as rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws.append(["2022年度县直部门绩效自评情况汇总表"])
    ws.append([f"填报部门：{unit}" if unit else "", None, None, "单位：万元"])
    ws.append(["项目", None, "应评价数", "已评价数"])
    ws.append(["项目数量（个）", None, figures["projects_due"], figures["projects_done"]])
    ws.append(["资金总量", None, figures["funds_due"], figures["funds_done"]])
    for k, g in enumerate(("优", "良", "中", "差")):
        ws.append(["绩效评价等级（个）" if k == 0 else None, g, figures["grades"].get(g, 0), None])
    ws.append(["说明：应评价数为全年预算数合计，已评价数为全年执行数合计。"])
    ws.merge_cells("A6:A9")
    wb.save(path)
    return path


def _across(path: Path, rows: list[tuple[str, dict]]) -> Path:
    """A county's list: one row per unit, 项目数量 and 资金总量 merged over 应评价数/已评价数."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["县直部门绩效自评情况汇总表"])
    ws.append(["部门（单位）名称", "项目数量（个）", None, "资金总量（万元）", None, "绩效评价等级（个）", None, None, None])
    ws.append([None, "应评价数", "已评价数", "应评价数", "已评价数", "优", "良", "中", "差"])
    for unit, f in rows:
        ws.append([unit, f["projects_due"], f["projects_done"], f["funds_due"], f["funds_done"],
                   *(f["grades"].get(g) or None for g in ("优", "良", "中", "差"))])
    ws.append(["合计", None, None, None, None])
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:E2")
    ws.merge_cells("F2:I2")
    wb.save(path)
    return path


@pytest.fixture
def forms(tmp_path):
    book = write_forms([form(1, DEPT), form(2, DEPT), form(3, DEPT)], tmp_path / "made" / "民政局.xlsx")
    return book, _truth(book)


def test_both_layouts_are_read_with_each_figures_cell(tmp_path, forms):
    _book, truth = forms
    import python_calamine as pc

    def read(p: Path) -> list[dict]:
        wb = pc.CalamineWorkbook.from_path(str(p))
        return [t for s in wb.sheet_names for t in published_tables(wb.get_sheet_by_name(s).to_python(), s)]

    down = read(_down(tmp_path / "竖.xlsx", DEPT, truth))
    assert [(t["unit"], t["funds_done"], t["cells"]["funds_done"], t["cells"]["grades.差"]) for t in down] == [
        (DEPT, truth["funds_done"], "D5", "C9")]
    across = read(_across(tmp_path / "横.xlsx", [(DEPT, truth), ("县教育局", truth)]))
    assert [(t["unit"], t["total"], t["cells"]["funds_due"]) for t in across] == [
        (DEPT, False, "D4"), ("县教育局", False, "D5")]   # the 合计 row, all blank, is passed over
    assert read(_down(tmp_path / "空.xlsx", DEPT, truth)) and not read(forms[0])  # a form is no 汇总表


def test_a_wrong_figure_is_an_error_on_its_cell_in_the_notice_and_a_marked_copy(tmp_path, forms):
    book, truth = forms
    inbox = tmp_path / "inbox"
    (inbox / "民政").mkdir(parents=True)  # a folder named otherwise: the table's 填报部门 says whose it is
    (inbox / "民政" / book.name).write_bytes(book.read_bytes())
    wrong = dict(truth, funds_done=truth["funds_due"])  # the sample's mistake: 已评价数 = Σ 全年预算数
    _down(inbox / "民政" / "汇总表.xlsx", DEPT, wrong)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    assert [d["department"] for d in data["departments"]] == [DEPT] and data["unreadable"] == []
    d = data["departments"][0]
    assert d["summary_tables"] == ["民政/汇总表.xlsx"] and "民政/汇总表.xlsx" in d["file_names"]
    e4 = [t for t in d["to_fix"] if t["rule"] == "E4"]
    assert [(t["file"], t["sheet"], t["cell"]) for t in e4] == [("民政/汇总表.xlsx", "汇总表", "D5")]
    assert e4[0]["message"] == (f"汇总表的资金总量·已评价数（各项目全年执行数合计）应为 {truth['funds_done']:g} 万元，"
                                f"表中为 {truth['funds_due']:g} 万元")
    copy = next(Path(p) for p in d["annotated"] if Path(p).name == "汇总表-校验标注.xlsx")
    cell = openpyxl.load_workbook(copy)["汇总表"]["D5"]
    assert cell.fill.fgColor.rgb[-6:] == "FFC7CE" and "〔规则 E4〕" in cell.comment.text
    import docx

    notice = "\n".join(p.text for p in docx.Document(d["notice"]).paragraphs)
    # the notice lists items form by form: the table's heading names its file and sheet, its item the cell
    lines = notice.splitlines()
    at = next(i for i, line in enumerate(lines) if "D5 单元格：汇总表的资金总量" in line)
    heading = next(line for line in reversed(lines[:at]) if "工作表" in line and "单元格" not in line)
    assert "“汇总表.xlsx”" in heading and "“汇总表”工作表" in heading, heading
    rows = {r[1]: r for r in openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
            .iter_rows(min_row=3, values_only=True)}
    assert rows["民政/汇总表.xlsx"][2:5] == (DEPT, "已核对", "单位报送的绩效自评情况汇总表，已与其自评表核对：1 处与各表合计不符")
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx").worksheets[0]
    heads = [c.value for c in ws[3]]
    assert ws.cell(4, heads.index("汇总表") + 1).value == "1 处不符"


def test_a_right_table_adds_nothing_and_an_unnamed_one_is_its_folders(tmp_path, forms):
    book, truth = forms
    inbox = tmp_path / "inbox"
    (inbox / DEPT).mkdir(parents=True)
    (inbox / DEPT / book.name).write_bytes(book.read_bytes())
    _across(inbox / DEPT / "汇总.xlsx", [("", truth)])  # no unit written: the folder's
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    d = json.loads(text)["departments"][0]
    assert d["department"] == DEPT and d["summary_tables"] == [f"{DEPT}/汇总.xlsx"]
    assert not [t for t in d["to_fix"] if t["rule"] == "E4"]
    assert not any(Path(p).name.startswith("汇总-") for p in d["annotated"])


def test_summarize_compares_with_a_typed_table(tmp_path, forms):
    """``summarize --compare`` took the published figures as JSON only; a department's table is a workbook."""
    book, truth = forms
    wrong = _down(tmp_path / "汇总表.xlsx", DEPT, dict(truth, projects_done=truth["projects_done"] - 1))
    code, text = run_cli("summarize", str(book), "-o", str(tmp_path / "新.xlsx"), "--json", "--compare", str(wrong))
    assert code == 1
    diffs = json.loads(text)["compare"]
    assert [d["message"] for d in diffs] == [f"汇总表的项目数量·已评价数应为 {truth['projects_done']} 个，"
                                             f"表中为 {truth['projects_done'] - 1} 个"]
    right = _down(tmp_path / "对.xlsx", DEPT, truth)
    assert run_cli("summarize", str(book), "-o", str(tmp_path / "新2.xlsx"), "--compare", str(right))[0] == 0
    assert run_cli("summarize", str(book), "-o", str(tmp_path / "新3.xlsx"), "--compare", str(book))[0] == 2


def test_a_file_nothing_was_read_from_belongs_to_the_department_whose_forms_share_its_folder(tmp_path, forms):
    """A folder named as the reviewer saved it (“民政”), a broken workbook beside the forms: it was
    listed as a department “民政” of its own, 无法读取, with a notice of its own."""
    book, truth = forms
    inbox = tmp_path / "inbox"
    (inbox / "民政").mkdir(parents=True)
    (inbox / "民政" / book.name).write_bytes(book.read_bytes())
    (inbox / "民政" / "补充材料.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    _across(inbox / "民政" / "汇总.xlsx", [("", truth)])  # no unit written either
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    assert [d["department"] for d in data["departments"]] == [DEPT]
    assert [(u["file"], u["department"]) for u in data["unreadable"]] == [("民政/补充材料.xlsx", DEPT)]
    assert data["departments"][0]["summary_tables"] == ["民政/汇总.xlsx"]


def _typed_sheet_beside(book: Path, figures: dict, out: Path, unit: str = DEPT) -> Path:
    """The forms' workbook with a 汇总表 typed on a sheet of its own, as many departments send it."""
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("汇总表")
    ws.append(["2022年度县直部门绩效自评情况汇总表"])
    ws.append([f"填报部门：{unit}"])
    ws.append(["项目", None, "应评价数", "已评价数"])
    ws.append(["项目数量（个）", None, figures["projects_due"], figures["projects_done"]])
    ws.append(["资金总量", None, figures["funds_due"], figures["funds_done"]])
    for k, g in enumerate(("优", "良", "中", "差")):
        ws.append(["绩效评价等级（个）" if k == 0 else None, g, figures["grades"].get(g, 0)])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def test_a_table_typed_beside_the_forms_is_checked_against_that_workbook(tmp_path, forms):
    book, truth = forms
    inbox = tmp_path / "inbox"
    _typed_sheet_beside(book, dict(truth, grades=dict(truth["grades"], 优=truth["grades"]["优"] + 1)),
                        inbox / "民政" / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    d = json.loads(text)["departments"][0]
    assert d["summary_tables"] == ["民政/民政局.xlsx（工作表“汇总表”）"]
    e4 = [(t["sheet"], t["cell"], t["message"]) for t in d["to_fix"] if t["rule"] == "E4"]
    assert e4 == [("汇总表", "C6", f"汇总表的“优”等级项目数应为 {truth['grades']['优']} 个，表中为 {truth['grades']['优'] + 1} 个")]
    copy = openpyxl.load_workbook(d["annotated"][0])
    assert "〔规则 E4〕" in copy["汇总表"]["C6"].comment.text   # marked in the copy with the forms' marks
    assert copy.sheetnames[0] == "校验结果" and any(c.comment for row in copy.worksheets[1].iter_rows() for c in row)


@pytest.mark.libreoffice
def test_the_templates_own_linked_table_agrees_once_calculated_and_is_not_read_before(tmp_path, forms):
    """The 汇总 button's sheet is formulas: as saved by a program that does not calculate they have no
    results (blank to a reader) — not compared; once Excel, WPS or LibreOffice saved it, they agree."""
    from conftest import need_libreoffice
    from jixiao import actions
    from jixiao.excel.office import convert

    need_libreoffice()
    book, _truth = forms
    host = actions.FileHost(str(book), str(tmp_path / "linked.xlsx"))
    actions.summarize_in_book(host)
    host.save()
    for name, src in (("raw", tmp_path / "linked.xlsx"), ("calc", convert(tmp_path / "linked.xlsx", "xlsx", tmp_path / "lo"))):
        inbox = tmp_path / f"inbox-{name}" / "民政"
        inbox.mkdir(parents=True)
        (inbox / "民政局.xlsx").write_bytes(src.read_bytes())
        code, text = run_cli("review", str(inbox.parent), "-o", str(tmp_path / f"out-{name}"), "--json")
        d = json.loads(text)["departments"][0]
        assert not [t for t in d["to_fix"] if t["rule"] == "E4"], name
        assert d["summary_tables"] == ([] if name == "raw" else ["民政/民政局.xlsx（工作表“汇总表”）"])


def test_a_finalized_workbooks_table_agrees(tmp_path, forms):
    """定稿 writes the 汇总表 as values beside the forms: the bureau finds it, and finds it right."""
    from jixiao import actions

    book, _truth = forms
    host = actions.FileHost(str(book), str(tmp_path / "book.xlsx"))
    actions.summarize_in_book(host)
    host.save()
    assert run_cli("finalize", str(tmp_path / "book.xlsx"), "-o", str(tmp_path / "final"), "--force")[0] == 0
    final = next(p for p in (tmp_path / "final").iterdir() if p.suffix == ".xlsx")
    (tmp_path / "inbox" / "民政").mkdir(parents=True)
    (tmp_path / "inbox" / "民政" / final.name).write_bytes(final.read_bytes())
    code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--json")
    d = json.loads(text)["departments"][0]
    assert d["summary_tables"] == [f"民政/{final.name}（工作表“汇总表”）"]
    assert not [t for t in d["to_fix"] if t["rule"] == "E4"]


@pytest.mark.libreoffice
def test_the_check_button_finds_a_typed_table_that_disagrees_before_it_is_sent(tmp_path, forms):
    """The 填报人's 校验 finds what the bureau's review would: a 汇总表 typed beside the forms."""
    from jixiao import actions

    from jixiao.excel.office import convert

    book, truth = forms
    typed = _typed_sheet_beside(book, dict(truth, funds_done=truth["funds_due"]), tmp_path / "typed.xlsx")
    # as the 填报人 has it: saved by an office program, every formula with its result (the 总分 above all)
    typed = convert(typed, "xlsx", tmp_path / "saved")
    host = actions.FileHost(str(typed), str(tmp_path / "checked.xlsx"))
    result, _plan = actions.check(host)
    host.save()
    e4 = [(f.sheet, f.cell) for f in result.findings if f.rule == "E4"]
    assert e4 == [("汇总表", "D5")]
    ws = openpyxl.load_workbook(tmp_path / "checked.xlsx")["汇总表"]
    assert "〔规则 E4〕" in ws["D5"].comment.text
    right = convert(_typed_sheet_beside(book, truth, tmp_path / "right.xlsx"), "xlsx", tmp_path / "saved2")
    result, _plan = actions.check(actions.FileHost(str(right), str(tmp_path / "checked2.xlsx")))
    assert not [f for f in result.findings if f.rule == "E4"]
    # a workbook whose 总分 formulas have no results yet (written by a program): the button computes them
    # by their twins, as jixiao check does, and finds the same wrong figure (it used to say nothing)
    unsaved = _typed_sheet_beside(book, dict(truth, funds_done=truth["funds_due"]), tmp_path / "unsaved.xlsx")
    result, _plan = actions.check(actions.FileHost(str(unsaved), str(tmp_path / "checked3.xlsx")))
    code, text = run_cli("check", str(unsaved), "--json")
    assert [(f.sheet, f.cell) for f in result.findings if f.rule == "E4"] == [("汇总表", "D5")] == [
        (f["sheet"], f["cell"]) for f in json.loads(text) if f["rule"] == "E4"]


def test_jixiao_check_finds_it_too_and_marks_it(tmp_path, forms, capsys):
    """``jixiao check`` is the 校验 button's command: a 汇总表 typed beside the forms is held to them
    there too (read with the forms, in the same pass), and ``--annotate`` marks it."""
    book, truth = forms
    typed = _typed_sheet_beside(book, dict(truth, projects_due=truth["projects_due"] + 2), tmp_path / "typed.xlsx")
    code, text = run_cli("check", str(typed), "--json", "--annotate", str(tmp_path / "标注.xlsx"))
    e4 = [(f["sheet"], f["cell"], f["message"]) for f in json.loads(text) if f["rule"] == "E4"]
    assert code == 1 and e4 == [("汇总表", "C4", f"汇总表的项目数量·应评价数应为 {truth['projects_due']} 个，"
                                              f"表中为 {truth['projects_due'] + 2} 个")]
    assert "〔规则 E4〕" in openpyxl.load_workbook(tmp_path / "标注.xlsx")["汇总表"]["C4"].comment.text
    code, text = run_cli("check", str(_typed_sheet_beside(book, truth, tmp_path / "right.xlsx")), "--json")
    assert not [f for f in json.loads(text) if f["rule"] == "E4"]


# --------------------------------------------------------------------------- a 主管部门's table of its units

AUTH = "县教育局"
SCHOOLS = ("县第一中学", "县实验小学")


def _school_forms(tmp_path: Path) -> tuple[list, dict[str, dict], dict]:
    """县教育局's forms: two of 县第一中学, one of 县实验小学; each school's figures and the whole's."""
    forms_ = [form(1, SCHOOLS[0], authority=AUTH), form(2, SCHOOLS[0], authority=AUTH), form(3, SCHOOLS[1], authority=AUTH)]
    made = tmp_path / "made"
    truths = {u: _truth(write_forms([f for f in forms_ if f.unit == u], made / f"{u}.xlsx")) for u in SCHOOLS}
    return forms_, truths, _truth(write_forms(forms_, made / "全部.xlsx"))


def _units_table(ws, rows: list[tuple[str, dict]]) -> None:
    """A county-style table across, a row per unit and a 合计 row typed with figures."""
    ws.append(["绩效自评情况汇总表"])
    ws.append(["单位名称", "项目数量（个）", None, "资金总量（万元）", None, "绩效评价等级（个）", None, None, None])
    ws.append([None, "应评价数", "已评价数", "应评价数", "已评价数", "优", "良", "中", "差"])
    for unit, f in rows:
        ws.append([unit, f["projects_due"], f["projects_done"], f["funds_due"], f["funds_done"],
                   *(f["grades"].get(g) or None for g in ("优", "良", "中", "差"))])


def test_a_table_of_a_departments_units_holds_each_row_and_the_total_to_their_forms(tmp_path):
    """A 主管部门 lists its 下属单位 one row each and a 合计: each row is compared with the forms of
    the 实施单位 it names, the 合计 with all of them. Before: only the 主管部门's own row was
    looked for, so a wrong school row (or 合计) went through, and beside the forms (forms of two
    units in one workbook) the table was not read at all."""
    forms_, truths, whole = _school_forms(tmp_path)
    wrong_school = dict(truths[SCHOOLS[1]], funds_done=truths[SCHOOLS[1]]["funds_due"] + 10)
    wrong_total = dict(whole, projects_due=whole["projects_due"] + 1)
    rows = [(SCHOOLS[0], truths[SCHOOLS[0]]), (SCHOOLS[1], wrong_school), ("合计", wrong_total)]

    # the bureau's review, by 主管部门: the table sent as a workbook of its own
    inbox = tmp_path / "inbox" / "教育局"
    book = write_forms(forms_, inbox / "教育局.xlsx")
    wb = openpyxl.Workbook()
    _units_table(wb.active, rows)
    wb.save(inbox / "汇总表.xlsx")
    code, text = run_cli("review", str(inbox.parent), "-o", str(tmp_path / "out"), "--by", "主管部门", "--json")
    d = json.loads(text)["departments"][0]
    assert d["department"] == AUTH and d["summary_tables"] == ["教育局/汇总表.xlsx"]
    e4 = sorted((t["cell"], float(t["expected"])) for t in d["to_fix"] if t["rule"] == "E4")
    assert e4 == [("B6", whole["projects_due"]), ("E5", truths[SCHOOLS[1]]["funds_done"])]
    said = {t["cell"]: t["message"] for t in d["to_fix"] if t["rule"] == "E4"}
    assert said["E5"].startswith(f"汇总表“{SCHOOLS[1]}”一行的资金总量·已评价数") and said["B6"].startswith("汇总表“合计”一行的")
    import docx

    notice = "\n".join(p.text for p in docx.Document(d["notice"]).paragraphs)
    assert f"E5 单元格：汇总表“{SCHOOLS[1]}”一行的" in notice   # the row said once, not again in brackets

    # the 填报人's check: the same table on a sheet beside the forms
    wb = openpyxl.load_workbook(book)
    _units_table(wb.create_sheet("汇总表"), rows)
    wb.save(tmp_path / "beside.xlsx")
    code, text = run_cli("check", str(tmp_path / "beside.xlsx"), "--json")
    assert sorted((f["sheet"], f["cell"]) for f in json.loads(text) if f["rule"] == "E4") == [
        ("汇总表", "B6"), ("汇总表", "E5")]

    # typed right: nothing to say; a row of a unit with no form here (copied from the county's list) is left alone
    right = [(SCHOOLS[0], truths[SCHOOLS[0]]), (SCHOOLS[1], truths[SCHOOLS[1]]), ("合计", whole)]
    wb = openpyxl.load_workbook(book)
    _units_table(wb.create_sheet("汇总表"), right)
    wb.save(tmp_path / "right.xlsx")
    assert not [f for f in json.loads(run_cli("check", str(tmp_path / "right.xlsx"), "--json")[1]) if f["rule"] == "E4"]
    wb = openpyxl.load_workbook(book)
    _units_table(wb.create_sheet("汇总表"), [*right[:2], ("县民政局", truths[SCHOOLS[0]])])
    wb.save(tmp_path / "other.xlsx")
    assert not [f for f in json.loads(run_cli("check", str(tmp_path / "other.xlsx"), "--json")[1]) if f["rule"] == "E4"]


def test_one_row_naming_the_department_counts_all_its_units(tmp_path):
    """The department's own 汇总表 of one row (“填报部门：县教育局”) is the whole department's:
    compared with every form whose 主管部门 it is, whatever their 实施单位."""
    forms_, _truths, whole = _school_forms(tmp_path)
    book = write_forms(forms_, tmp_path / "教育局.xlsx")
    for figures, wrong in ((whole, []), (dict(whole, projects_done=1), [("汇总表", "D4")])):
        _typed_sheet_beside(book, figures, tmp_path / "typed.xlsx", unit=AUTH)
        code, text = run_cli("check", str(tmp_path / "typed.xlsx"), "--json")
        assert [(f["sheet"], f["cell"]) for f in json.loads(text) if f["rule"] == "E4"] == wrong


def test_summarize_compare_holds_a_countys_table_row_by_department(tmp_path):
    """``summarize --compare`` with the county's table (a row per 主管部门 and a 合计): each row
    against that department's forms — 县教育局's row is the whole department, though one of its
    forms is its 本级's, whose 实施单位 is also 县教育局 — and the 合计 against every form. Before,
    the first row was compared with the whole county. A table naming none of the units summarized
    is said to be so (exit 2), not taken as agreeing."""
    edu = [form(1, SCHOOLS[0], authority=AUTH), form(2, AUTH, authority=AUTH)]
    civil = [form(3, DEPT, authority=DEPT)]
    made = tmp_path / "made"
    t_edu, t_civil = _truth(write_forms(edu, made / "edu.xlsx")), _truth(write_forms(civil, made / "civil.xlsx"))
    book = write_forms([*edu, *civil], tmp_path / "县.xlsx")
    whole = _truth(book)
    for name, rows, cells in (
            ("right", [(AUTH, t_edu), (DEPT, t_civil), ("合计", whole)], []),
            ("wrong", [(AUTH, dict(t_edu, funds_due=t_edu["funds_due"] + 1)), (DEPT, t_civil),
                       ("合计", dict(whole, grades={}))], ["D4", *(f"{c}6" for c, g in zip("FGHI", "优良中差")
                                                                    if whole["grades"].get(g))])):
        wb = openpyxl.Workbook()
        _units_table(wb.active, rows)
        wb.save(tmp_path / f"{name}.xlsx")
        code, text = run_cli("summarize", str(book), "--json", "--compare", str(tmp_path / f"{name}.xlsx"))
        assert sorted(d["cell"] for d in json.loads(text)["compare"]) == cells, name
        assert code == (1 if cells else 0)
    wb = openpyxl.Workbook()
    _units_table(wb.active, [("县水务局", t_edu), ("县交通局", t_civil)])
    wb.save(tmp_path / "others.xlsx")
    assert run_cli("summarize", str(book), "--compare", str(tmp_path / "others.xlsx"))[0] == 2


def test_check_and_summarize_of_a_folder_hold_a_table_sent_beside_the_forms(tmp_path, forms):
    """A department's folder: its forms' workbook and its 汇总表 as a workbook of its own. ``check``
    and ``summarize`` of the folder called the table “没有找到自评表” (X1, 汇总不完整, exit 1 for
    nothing); now it is compared like the review compares it."""
    book, truth = forms
    folder = tmp_path / "民政"
    folder.mkdir()
    (folder / book.name).write_bytes(book.read_bytes())
    _down(folder / "汇总表.xlsx", DEPT, dict(truth, funds_done=truth["funds_due"]))
    code, text = run_cli("check", str(folder), "--json")
    found = json.loads(text)
    assert not [f for f in found if f["rule"] == "X1"]
    assert [(Path(f["file"]).name, f["cell"]) for f in found if f["rule"] == "E4"] == [("汇总表.xlsx", "D5")]
    code, text = run_cli("summarize", str(folder), "--json")
    d = json.loads(text)
    assert code == 1 and not d["unreadable"] and [c["cell"] for c in d["compare"]] == ["D5"]
    _down(folder / "汇总表.xlsx", DEPT, truth)
    code, text = run_cli("summarize", str(folder), "--json")
    assert code == 0 and json.loads(text)["compare"] == []
    code, text = run_cli("check", str(folder / "汇总表.xlsx"), "--json")   # alone: nothing to hold it to
    assert code == 2 and [f["rule"] for f in json.loads(text)] == ["X1"]
