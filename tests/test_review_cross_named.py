"""A project whose indicators are another's (E1, E3) named the other form by its workbook and sheet —
in a review, another department's file (“医保局2022年度项目支出绩效自评表.xlsx › 关于提前下达…”),
which the department told cannot open and the bureau's notice should not hand out. It is named by
its department now; a department's own forms still by workbook and sheet."""

from __future__ import annotations

import json

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def test_another_departments_form_is_named_by_its_department(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "县甲局").mkdir(parents=True)
    (inbox / "县乙局").mkdir(parents=True)
    write_forms([form(2, "县甲局")], inbox / "县甲局" / "甲局自评表.xlsx")
    write_forms([form(2, "县乙局", project="乙局宣传经费"), form(2, "县乙局", project="乙局培训经费")],
                inbox / "县乙局" / "乙局自评表.xlsx")
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    jia = [it for it in got["县甲局"]["to_fix"] if it["rule"] in ("E1", "E3")]
    assert jia and all("乙局自评表.xlsx" not in it["message"] and "（县乙局报送）" in it["message"] for it in jia), jia
    notice = "".join(p.text for p in docx.Document(got["县甲局"]["notice"]).paragraphs)
    assert "乙局自评表.xlsx" not in notice and "（县乙局报送）" in notice
    copy = openpyxl.load_workbook(got["县甲局"]["annotated"][0])
    comments = [c.comment.text for ws in copy.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert comments and not any("乙局自评表.xlsx" in t for t in comments)
    # 县乙局's two forms copy each other too: between its own forms, the workbook and sheet still say which
    yi = [it["message"] for it in got["县乙局"]["to_fix"] if it["rule"] in ("E1", "E3")]
    # (as the notice's headings name a form, s65: it was the program's “（乙局自评表.xlsx › 乙局培训经费）”)
    assert yi and all("（“乙局自评表.xlsx”中“乙局" in m and "”工作表）" in m for m in yi), yi


def test_a_score_to_correct_comes_before_the_total_it_changes(tmp_path):
    """In a form's items the rules were in text order (“D11” before “D4”): the 总分 corrected “after the
    scores are corrected” (H34) came before the score to correct (H17). Rules now in their catalogue's
    order, and within a rule down the sheet."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2022", "--json")
    items = json.loads(text)["departments"][0]["to_fix"]
    rules = [it["rule"] for it in items]
    assert "D4" in rules and "D11" in rules and rules.index("D4") < rules.index("D11"), rules
    for rule in set(rules):
        rows = [int(it["cell"][1:]) for it in items if it["rule"] == rule and it["cell"][1:].isdigit()
                and it["asks"] == "verify"]
        assert rows == sorted(rows), (rule, rows)


def test_two_departments_workbooks_of_one_name_are_each_named_by_department(tmp_path):
    """县甲局 and 县乙局 both sent “附件1.xlsx” with a sheet “自评表” (as a mail program saves attachments),
    their forms' indicators alike (E1). Before: the label “（附件1.xlsx › 自评表）” stood for two departments,
    so it was left as written and 县甲局's notice named 县乙局's file. Now each names the other's department."""
    inbox = tmp_path / "inbox"
    for unit, project in (("县甲局", "甲局宣传经费"), ("县乙局", "乙局培训经费")):
        (inbox / unit).mkdir(parents=True)
        book = inbox / unit / "附件1.xlsx"
        write_forms([form(2, unit, project=project)], book)
        wb = openpyxl.load_workbook(book)
        wb.worksheets[0].title = "自评表"
        wb.save(book)
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    for me, other in (("县甲局", "县乙局"), ("县乙局", "县甲局")):
        e1 = [it["message"] for it in got[me]["to_fix"] if it["rule"] == "E1"]
        assert e1 and all(f"（{other}报送）" in m and "附件1.xlsx" not in m for m in e1), e1
    notice = "".join(p.text for p in docx.Document(got["县甲局"]["notice"]).paragraphs)
    assert "（县乙局报送）逐条相同" in notice and "附件1.xlsx ›" not in notice
    copy = openpyxl.load_workbook(got["县甲局"]["annotated"][0])
    comments = [c.comment.text for ws in copy.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert any("（县乙局报送）" in t for t in comments) and not any("附件1.xlsx ›" in t for t in comments)


def test_a_project_name_two_departments_share_is_told_to_both(tmp_path):
    """县民政局 and 县交通运输局 each sent a form named “医疗保障服务经费” (E2). Before, only the form whose file
    sorted later was told, so which department was returned turned on the file names, and its notice ended
    “…重名，应为“不重复的项目名称”” — a description quoted as the value to type. Now both are told, each naming
    the other as “（…报送）”, and asked to write the name the budget approved."""
    from review_fixture import sample

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    name = sample(2)["project"]
    write_forms([form(2, "县民政局")], inbox / "a.xlsx")
    write_forms([form(3, "县交通运输局", project=name)], inbox / "b.xlsx")
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2022", "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    for me, other in (("县民政局", "县交通运输局"), ("县交通运输局", "县民政局")):
        e2 = [it for it in got[me]["to_fix"] if it["rule"] == "E2"]
        assert len(e2) == 1 and f"（{other}报送）" in e2[0]["message"] and ".xlsx" not in e2[0]["message"], e2
        notice = "".join(p.text for p in docx.Document(got[me]["notice"]).paragraphs)
        assert f"与另一张表（{other}报送）重名，应按预算批复的项目名称填写。" in notice
        assert "不重复的项目名称" not in notice


def test_the_department_the_list_gives_the_project_is_not_told_to_rename_it(tmp_path):
    # with a project list giving the name to 县民政局, 县民政局 was returned with E2 for its own, rightly named project
    # (县交通运输局's form, off its list, is the one to put right: E2 and 清单外)
    from review_fixture import project_list, sample

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    name = sample(2)["project"]
    write_forms([form(2, "县民政局")], inbox / "a.xlsx")
    write_forms([form(3, "县交通运输局", project=name)], inbox / "b.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(name, "县民政局"), (sample(3)["project"], "县交通运输局")])
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert not [it for it in got["县民政局"]["to_fix"] if it["rule"] == "E2"], got["县民政局"]["to_fix"]
    e2 = [it for it in got["县交通运输局"]["to_fix"] if it["rule"] == "E2"]
    assert len(e2) == 1 and "（县民政局报送）" in e2[0]["message"]
    assert name in got["县交通运输局"]["not_expected"]
