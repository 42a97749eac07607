"""One department, however its forms and the approval list spell it.

A county's budget list writes “大厂回族自治县自然资源局”; one form says “大厂县自然资源局”,
another “县自然资源局”; the list's project is “2022年城乡医疗救助资金项目”, the form's
“城乡医疗救助资金”. Before: five departments where there were two — the list's two 未报送
(each sent a 催报) and three that were “not on the list” — and the project counted missing.
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from jixiao.excel.workbook import write_forms
from jixiao.review.expected import department_key, project_key, spellings
from review_fixture import form, project_list, run_cli, sample


@pytest.mark.parametrize(("a", "b"), [
    ("大厂回族自治县水务局", "县水务局"), ("大厂县水务局", "水务局"), ("大厂回族自治县 水务局", "大厂县水务局"),
    ("县市场监督管理局", "市场监督管理局"), ("中共大厂回族自治县委宣传部", "县委宣传部"),
    ("北京市丰台区医疗保障局", "丰台区医疗保障局"), ("区教育委员会", "教育委员会"),
    ("县教育局（本级）", "县教育局"), ("大厂县教育局(本级)", "县教育局"), ("县教育局本级", "大厂回族自治县教育局"),
    # the short forms counties write (without a list nothing else says they are one department)
    ("县卫健局", "大厂回族自治县卫生健康局"), ("县发改局", "县发展和改革局"), ("县发展改革局", "县发展和改革局"),
    ("县人社局", "县人力资源和社会保障局"), ("县住建局", "县住房和城乡建设局"), ("县应急局", "县应急管理局"),
    ("县交通局", "县交通运输局"), ("县卫健委", "县卫生健康委员会"), ("县退役军人局", "县退役军人事务局"),
])
def test_one_department_key(a, b):
    assert department_key(a) == department_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("开发区管理委员会", "高新区管理委员会"), ("县人民医院", "县中医院"), ("县水务局", "县水利局"),
    ("工业园区管理委员会", "管理委员会"), ("市场监督管理局", "场监督管理局"),
    ("县卫生健康局", "县卫生健康委员会"), ("县应急管理局", "县管理局"), ("县交通运输局", "县运输局"),
])
def test_different_departments_stay_apart(a, b):
    assert department_key(a) != department_key(b)


def test_spellings_never_guess_between_two():
    official = ["大厂回族自治县水务局", "县自然资源局"]
    assert spellings(official, ["大厂县水务局", "自然资源局", "县水务局", "县自然资源局"]) == {
        "大厂县水务局": "大厂回族自治县水务局", "自然资源局": "县自然资源局", "县水务局": "大厂回族自治县水务局"}
    # two listed departments of one key: a form's third spelling is neither
    assert spellings(["甲县教育局", "乙县教育局"], ["教育局"]) == {}
    # no list: the forms' spellings of one department become the most written one
    assert spellings([], ["县水务局", "大厂县水务局", "县水务局", "县教育局"]) == {"大厂县水务局": "县水务局"}
    # one key, two places: 丰台区 and 海淀区 of one city are not one department, with a list or without
    assert spellings(["北京市丰台区医疗保障局"], ["北京市海淀区医疗保障局", "丰台区医疗保障局"]) == {
        "丰台区医疗保障局": "北京市丰台区医疗保障局"}
    assert spellings([], ["北京市丰台区医疗保障局", "北京市海淀区医疗保障局"]) == {}
    assert spellings(["大厂回族自治县水务局"], ["大厂县水务局", "香河县水务局"]) == {"大厂县水务局": "大厂回族自治县水务局"}


@pytest.mark.parametrize(("listed", "in_form"), [
    ("2022年城乡医疗救助资金项目", "城乡医疗救助资金"), ("2022年度医保基金监管经费", "医保基金监管经费"),
    ("二〇二二年老旧小区改造项目", "老旧小区改造"),
])
def test_project_key(listed, in_form):
    assert project_key(listed) == project_key(in_form)
    assert project_key("养老服务补贴") != project_key("养老服务补贴资金")


def test_review_names_the_department_as_the_list_does(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(10, "大厂回族自治县水务局")], inbox / "水务局.xlsx")
    write_forms([form(12, "大厂县自然资源局"), form(13, "县自然资源局")], inbox / "自然资源局.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append([sample(10)["project"], "县水务局"])
    wb.active.append([f"2022年{sample(12)['project']}项目", "大厂回族自治县自然资源局"])
    wb.active.append([sample(13)["project"], "大厂回族自治县自然资源局"])
    wb.save(listed)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    data = json.loads(text)
    got = {d["department"]: d for d in data["departments"]}
    assert sorted(got) == ["县水务局", "大厂回族自治县自然资源局"]
    zr = got["大厂回族自治县自然资源局"]
    assert (zr["forms"], zr["missing"], zr["not_expected"], zr["projects_due"]) == (2, [], [], 2)
    assert zr["written_as"] == ["大厂县自然资源局", "县自然资源局"]
    assert got["县水务局"]["written_as"] == ["大厂回族自治县水务局"] and got["县水务局"]["forms"] == 1
    assert data["totals"]["未报送"] == 0 and data["totals"]["missing"] == 0
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    units = [ws.cell(row=r, column=2).value for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=2).value]
    assert "县水务局\n（表中写作“大厂回族自治县水务局”）" in units


def test_the_ledger_shows_who_sent_a_whole_department_form(tmp_path):
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    whole = zizhou_json()
    whole.update(department="县医疗保障局", year=2022)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县医疗保障局"), parse_dept_form(whole)], inbox / "医保局.xlsx")
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert (got["县医疗保障局"]["whole_forms"], got["县医疗保障局"]["forms"]) == (1, 2)
    assert got["县民政局"]["whole_forms"] == 0
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    col = [c.value for c in ws[3]].index("部门整体表") + 1
    shown = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=col).value for r in range(4, ws.max_row + 1)}
    assert shown["县医疗保障局"] == "已报" and shown["县民政局"] == "未报"


def test_the_ledger_says_whom_to_call(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局", filled_by="张三", contact="0316-1234567"),
                 form(2, "县民政局", filled_by="张三", contact="0316-1234567"),
                 form(3, "县民政局", filled_by="李四", contact=None)], inbox / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    (d,) = json.loads(text)["departments"]
    assert d["contacts"] == ["张三 0316-1234567", "李四"]
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    col = [c.value for c in ws[3]].index("填报人及联系方式") + 1
    assert ws.cell(row=4, column=col).value == "张三 0316-1234567\n李四"


@pytest.mark.parametrize("folders, whose", [
    (("收件箱", "县文化和旅游局"), "县文化和旅游局"),      # the folder above the inbox was dropped
    (("县教育局", "附件"), "县教育局"),                  # a department's own subfolder
    (("县教育局（修改稿）",), "县教育局"),
    (("2023年4月10日",), "2023年4月10日"),              # no body's name: the first folder, as before
    ((), ""),
])
def test_whose_folder(folders, whose):
    from jixiao.review.inbox import whose_folder

    assert whose_folder(folders) == whose


def test_a_file_not_read_is_its_departments_when_the_folder_above_the_inbox_is_dropped(tmp_path):
    box = tmp_path / "2023年自评收件" / "县文化和旅游局"
    box.mkdir(parents=True)
    (box / "文旅局自评表.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    write_forms([form(10, "县水务局")], tmp_path / "2023年自评收件" / "水务局.xlsx")
    _code, text = run_cli("review", str(tmp_path), "-o", str(tmp_path / "out"), "--json")
    got = {d["department"]: d["status"] for d in json.loads(text)["departments"]}
    assert got.get("县文化和旅游局") == "无法读取" and "2023年自评收件" not in got


def test_the_consolidated_summary_lists_each_departments_whole_form(tmp_path):
    """The 汇总表 counts project forms only; the 部门整体 forms the departments sent are one row each on a
    sheet of their own, named as the 台账 names the department (the list's spelling), with the total
    as written and as reviewed."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.forms.department.scoring import score_dept_form

    whole = zizhou_json()
    whole.update(department="大厂县医疗保障局", year=2022)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    dept_form = parse_dept_form(whole)
    write_forms([form(1, "县医疗保障局"), dept_form], inbox / "医保局.xlsx")
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append([sample(1)["project"], "大厂回族自治县医疗保障局"])
    wb.active.append([sample(2)["project"], "县民政局"])
    wb.save(listed)
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed))
    book = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")
    assert "部门整体自评" in book.sheetnames
    ws = book["部门整体自评"]
    assert ws["A1"].value == "2022年度部门整体支出绩效自评情况汇总表"
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None]
    reviewed = score_dept_form(dept_form)
    assert rows == [(1, "大厂回族自治县医疗保障局", 2022, dept_form.total_score, dept_form.grade, reviewed.total,
                     reviewed.grade, rows[0][7], rows[0][8], "医保局.xlsx")]  # 来源: as 项目明细 names it
    # an item may break its own last line (``fit.no_lone_marks``)
    assert "收到的1张部门整体支出绩效自评表见“部门整体自评”工作表" in book["汇总表"]["A10"].value.replace("\n", "")


def test_no_whole_form_no_sheet(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    book = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")
    assert "部门整体自评" not in book.sheetnames and "部门整体" not in (book["汇总表"]["A10"].value or "")


def test_a_project_received_under_a_near_name_is_pointed_at():
    """The approved “医疗保障服务经费” came as “医疗保障服务项目经费”: the department is told which form
    that may be (still 未报 until the name is the approved one). None of the 23 sample projects is
    taken for another — several differ only in their 文号."""
    from jixiao.review.expected import near_names

    names = [sample(n)["project"] for n in range(1, 24)]
    for n in names:
        variant = n.replace("经费", "项目经费") if "经费" in n else n + "项目资金"
        assert near_names([n], [variant, "学校营养餐"]) == {n: variant}
    assert [(a, b) for a in names for b in names if a != b and near_names([a], [b])] == []
    assert near_names(["甲单位培训经费", "乙单位培训经费"], ["甲单位培训项目经费"]) == {"甲单位培训经费": "甲单位培训项目经费"}


def test_the_notice_and_the_ledger_name_the_near_form(tmp_path):
    import docx

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = sample(2)
    renamed = form(2, "县民政局")
    renamed = renamed.model_copy(update={"project": "医疗保障服务项目经费"})
    write_forms([renamed], inbox / "民政局.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append([data["project"], "县民政局"])
    wb.save(listed)
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    (d,) = json.loads(text)["departments"]
    assert d["missing"] == [data["project"]] and d["near_names"] == {data["project"]: "医疗保障服务项目经费"}
    notice = "\n".join(p.text for p in docx.Document(d["notice"]).paragraphs)
    assert (f"未收到项目“{data['project']}”的项目支出绩效自评表；收到的“医疗保障服务项目经费”名称与之相近，如为同一项目，"
            f"请按批复的项目名称“{data['project']}”填写后重新报送，否则请补报") in notice
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    assert ws.cell(row=4, column=9).value == f"{data['project']}（收到名称相近的“医疗保障服务项目经费”）"


def test_a_budget_lists_benji_is_the_department_its_forms_name():
    """“县教育局（本级）” in the budget list, “县教育局” on its forms: before, two departments — the
    list's one 未报送 (and sent a 催报), the forms' one not on the list."""
    assert spellings(["县教育局（本级）", "县教育局下属学校"], ["县教育局"]) == {"县教育局": "县教育局（本级）"}


def test_a_department_spelled_short_is_the_one_the_list_gives_its_projects(tmp_path):
    """--by 主管部门: one form writes “县卫健局” for the list's “县卫生健康局” — no place name to drop, so
    ``spellings`` cannot tell. Before: a second department “县卫健局” with a project “not on the list”,
    and 县卫生健康局 told to 补报 the very project it sent. The list says whose that project is."""
    from jixiao.forms.project.model import parse_form

    def under(n: int, unit: str, authority: str):
        return parse_form({**sample(n), "unit": unit, "authority": authority}, f"sample {n:02d}")

    inbox = tmp_path / "inbox"
    write_forms([under(1, "县人民医院", "县卫生健康局")], inbox / "人民医院.xlsx")
    write_forms([under(3, "县疾控中心", "县卫健局")], inbox / "疾控中心.xlsx")
    # its projects on the list under two departments: never guessed
    write_forms([under(5, "县第一中学", "县教体局"), under(6, "县第一中学", "县教体局")], inbox / "一中.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "主管部门", "实施单位"])
    for n, authority in ((1, "县卫生健康局"), (3, "县卫生健康局"), (5, "县教育局"), (6, "县体育局")):
        wb.active.append([sample(n)["project"], authority, "某单位"])
    wb.save(listed)
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed),
                         "--by", "主管部门", "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert sorted(got) == ["县体育局", "县卫生健康局", "县教体局", "县教育局"]
    wj = got["县卫生健康局"]
    assert (wj["forms"], wj["missing"], wj["not_expected"], wj["written_as"]) == (2, [], [], ["县卫健局"])
    assert got["县教体局"]["forms"] == 2 and got["县教育局"]["status"] == got["县体育局"]["status"] == "未报送"


def test_without_a_list_a_short_name_is_the_departments_full_one(tmp_path):
    """No --expected list: one form “县卫健局”, two “县卫生健康局” were two departments (two notices, two
    rows in the 台账); the short forms every county writes are the full name's."""
    inbox = tmp_path / "inbox"
    write_forms([form(1, "县卫健局")], inbox / "a.xlsx")
    write_forms([form(2, "县卫生健康局"), form(3, "县卫生健康局")], inbox / "b.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    import json

    depts = json.loads(text)["departments"]
    assert [(d["department"], d["forms"]) for d in depts] == [("县卫生健康局", 3)]


def test_a_folder_named_with_one_character_does_not_stop_the_review(tmp_path):
    """An inbox folder “乙” holding a file nothing could be read from: the 台账's link to the folder
    (“external:乙”) made XlsxWriter fail and the review end with an internal error (exit 3)."""
    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "乙").mkdir()
    (inbox / "乙" / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    assert code in (0, 1) and (tmp_path / "out" / "复核台账.xlsx").exists()


def test_the_summary_names_a_department_as_the_ledger_does(tmp_path):
    """A department whose forms say “县医保局” is “县医疗保障局” on the 台账 and in 分单位汇总 (the list's name):
    the 汇总表's 项目明细 still wrote “县医保局” in 实施单位, so that filtering it for 县医疗保障局 found nothing."""
    inbox = tmp_path / "inbox"
    (inbox / "县医疗保障局").mkdir(parents=True)
    write_forms([form(12, "县医保局"), form(10, "县医保局")], inbox / "县医疗保障局" / "自评表.xlsx")
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(sample(12)["project"], "县医疗保障局"),
                                                   (sample(10)["project"], "县医疗保障局"), (sample(1)["project"], "县民政局")])
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed))
    book = openpyxl.load_workbook(tmp_path / "out" / "2022年度绩效自评情况汇总表.xlsx")
    ws = book["项目明细"]
    heads = [c.value for c in ws[2]]
    units = [r[heads.index("实施单位")] for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert units == ["县医疗保障局", "县医疗保障局", "县民政局"], units
