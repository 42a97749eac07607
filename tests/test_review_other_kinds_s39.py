"""What the 财政局 reviewer sees of a 项目支出绩效评价表 and a 部门整体支出绩效自评表 in an inbox
(session 39, h1): the 复核台账's counts, the notices, the marked copies' 校验结果 sheet, the mails."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

SAMPLES = Path(__file__).resolve().parent.parent / "jixiao" / "samples"
EVAL_JSON = SAMPLES / "fengtai-2023-evaluation" / "form.json"


def _evaluation(unit: str, **changes):
    from jixiao.forms.evaluation.model import parse_eval_form

    d = json.loads(EVAL_JSON.read_text(encoding="utf-8"))
    d.update(unit=unit, **changes)
    return parse_eval_form(d)


def _ledger_rows(out: Path) -> dict[str, dict]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    return {r[1]: dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True) if r[1]}


def _pivot(out: Path) -> dict[str, dict]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["问题统计"]
    head = [c.value for c in ws[2]]
    return {r[0]: dict(zip(head, r)) for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}


def test_a_department_that_sent_only_a_form_of_another_year_is_counted_as_its_notice_says(tmp_path):
    """县审计局 sent only a 2023 评价表 to a 2022 review (县教育局 only a 2021 project form): the notice
    lists it as a point to fix (须修改), the 台账 said 错误 0、警告 0 for a department returned, and
    the 问题统计 did not name it. The 台账, the 问题统计 and the JSON now count the notice's items."""
    inbox = tmp_path / "inbox"
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    write_forms([_evaluation("县审计局")], inbox / "审计局评价表.xlsx")
    write_forms([form(3, "县教育局", year=2021)], inbox / "教育局.xlsx")
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    data = json.loads(text)
    got = {d["department"]: d for d in data["departments"]}
    rows, pivot = _ledger_rows(out), _pivot(out)
    for name in ("县审计局", "县教育局"):
        d = got[name]
        errors = [it for it in d["to_fix"] if it["severity"] == "error"]
        assert d["status"] == "退回修改" and len(errors) == 1 and errors[0]["rule"] == "X4"
        assert (d["errors"], d["warnings"]) == (1, 0)
        assert (d["to_change"], d["to_verify"]) == (1, 0)
        assert (rows[name]["须修改"], rows[name]["请核实"]) == (1, 0)
        assert pivot["X4"][name] == 1
        paras = [p.text for p in docx.Document(d["notice"]).paragraphs]
        assert sum(1 for p in paras if "未计入" in p and "单元格" in p) == 1
    # a department that sent forms of the year too: its old form is said apart, as before
    assert got["县民政局"]["errors"] == 4 and rows["县民政局"]["须修改"] == got["县民政局"]["to_change"] >= 4
    assert "县民政局" not in pivot["X4"] or pivot["X4"]["县民政局"] == 0
    assert data["totals"]["errors"] == sum(d["errors"] for d in data["departments"])


def _result_rows(book: Path) -> list[dict]:
    ws = openpyxl.load_workbook(book)["校验结果"]
    head = [c.value for c in ws[2]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]


def test_the_result_sheet_names_each_form_as_a_reader_does(tmp_path):
    """The 校验结果 sheet's 项目 column said “县民政局” for every finding on the 部门整体 form — the
    department, which every form of the workbook shares — where a project form's and a 评价表's name
    their project. The 部门整体 form is now named by what it is, in a marked copy of `check` and of
    `review` alike."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    whole = zizhou_json()
    whole.update(department="县民政局", year=2023)
    evaluation = _evaluation("县民政局")
    project = form(2, "县民政局", year=2023)
    inbox = tmp_path / "inbox"
    book = write_forms([project, parse_dept_form(whole), evaluation], inbox / "民政局.xlsx")
    code, _ = run_cli("check", str(book), "--annotate", str(tmp_path / "标注.xlsx"))
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    marked = next((tmp_path / "out" / "县民政局").glob("*校验标注.xlsx"))
    for copy in (tmp_path / "标注.xlsx", marked):
        named = {}
        for row in _result_rows(copy):
            named.setdefault(row["工作表"], set()).add(row["项目"])
        assert named == {"部门整体-县民政局": {"部门整体支出绩效自评表"},
                         project.project: {project.project},
                         f"评价-{evaluation.project}": {evaluation.project}}, copy


def test_a_blank_score_and_a_missing_reason_say_what_is_expected(tmp_path):
    """V5, F6 (a blank 得分) and V7, F8 (a deduction without its reason) gave “应为：得分” and “应为：扣分原因”
    on the cell's comment and in the 校验结果's 应为 column — the name of the cell, not a value or what to
    do. The 应为 now says what to do (or nothing, where the message says all of it: F6 on a score formula
    that computed nothing); the notice says it once."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.review.notices import item_text

    d = json.loads(EVAL_JSON.read_text(encoding="utf-8"))
    d["unit"] = "县民政局"
    d["indicators"][0]["score"] = None
    d["indicators"][1]["weight"] = None
    whole = zizhou_json()
    whole.update(department="县民政局", year=2023)
    from jixiao.forms.evaluation.model import parse_eval_form

    book = write_forms([parse_dept_form(whole), parse_eval_form(d)], tmp_path / "民政局.xlsx")
    _code, text = run_cli("check", str(book), "--json", "--annotate", str(tmp_path / "标注.xlsx"))
    found = json.loads(text)
    by_rule: dict[str, list] = {}
    for f in found:
        by_rule.setdefault(f["rule"], []).append(f)
    names = {"得分", "分值", "扣分原因"}
    for code in ("V5", "V7", "F8"):
        assert by_rule.get(code), code
        for f in by_rule[code]:
            assert f["expected"] not in names, f
    assert {f["expected"] for f in by_rule["V5"]} == {"按评价指标体系填写分值", "填写得分，没有得分的填 0，并在“扣分原因”中写明原因"}
    assert {f["expected"] for f in by_rule["V7"]} == {"写明扣分的具体原因：哪一项没有达到、差多少"}
    f6 = _dept_blank_scores()
    assert f6 and all(f.expected not in names for f in f6)
    rows = _result_rows(tmp_path / "标注.xlsx")
    assert not [r for r in rows if r["应为"] in names]
    ws = openpyxl.load_workbook(tmp_path / "标注.xlsx")
    comments = [c.comment.text for sh in ws for row in sh.iter_rows() for c in row if c.comment]
    assert not [t for t in comments if any(f"应为“{n}”" in t for n in names)]
    # the notice: the reason's item asks once where and what to write; the blank score what to do
    v7 = {**by_rule["V7"][0], "kind": "finding"}
    said = item_text(1, v7, placed=True)
    assert said.count("写明") == 1 and said.endswith("应在“扣分原因”中写明原因，表中为空白。"), said
    v5 = next(f for f in by_rule["V5"] if f["field"].endswith("score"))
    said = item_text(2, {**v5, "kind": "finding"}, placed=True)
    assert said.endswith("的得分未填写，应填写得分，没有得分的填 0，并在“扣分原因”中写明原因。"), said


def _dept_blank_scores() -> list:
    """F6's findings on the 子洲 form with every 得分 blank (as read: the formula indicators too)."""
    from dept_helpers import zizhou_json
    from jixiao.checking.rules import load_catalogue  # noqa: F401  (the rules register)
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.forms.department.rules import check_forms
    from jixiao.sources import Loaded

    d = zizhou_json()
    for ind in d["indicators"]:
        ind["score"] = None
    [(_score, found)] = check_forms([Loaded(parse_dept_form(d), "部门.json")])
    return [f for f in found if f.rule == "F6"]


def test_the_mail_of_an_evaluation_alone_is_tagged_as_what_it_sends(tmp_path):
    """定稿 of a workbook holding only a 项目支出绩效评价表 drafted a mail “【绩效自评】…项目支出绩效评价表”:
    a 评价表 is no 自评. The tag now says what the mail sends; project forms keep theirs."""
    import email
    import email.policy

    from jixiao.cli import main

    def subject(name: str, forms: list) -> str:
        book = write_forms(forms, tmp_path / f"{name}.xlsx")
        out = tmp_path / f"定稿-{name}"
        assert main(["finalize", str(book), "-o", str(out), "--force", "--email"]) == 0
        [eml] = out.glob("*.eml")
        return str(email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)["Subject"])

    said = subject("评价", [_evaluation("县民政局")])
    assert said.startswith("【绩效评价】县民政局2023年度项目支出绩效评价表"), said
    said = subject("项目", [form(2, "县民政局")])
    assert said.startswith("【绩效自评】"), said
    said = subject("两种", [form(2, "县民政局", year=2023), _evaluation("县民政局")])
    assert said.startswith("【绩效自评、绩效评价】"), said


def test_a_department_that_sent_an_evaluation_is_told_of_its_evaluation(tmp_path):
    """县审计局 sent only a 2023 评价表 to a 2022 review: its notice and mail spoke of “2022年度项目支出
    绩效自评表” (title, subject, “没有可以计入审核的……自评表”) and the item of “……的自评表年度为2023年度”;
    县民政局, whose only form counted is a 评价表, read “（1个文件，1张自评表）”. Each now names the 评价表."""
    import email
    import email.policy

    inbox = tmp_path / "inbox"
    write_forms([form(2, "县教育局"), form(3, "县教育局")], inbox / "教育局.xlsx")
    write_forms([_evaluation("县审计局")], inbox / "审计局评价表.xlsx")
    write_forms([_evaluation("县民政局", year=2022)], inbox / "民政局评价表.xlsx")
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert got["县审计局"]["other_year_forms"][0]["kind"] == "evaluation"          # a field added
    paras = [p.text for p in docx.Document(got["县审计局"]["notice"]).paragraphs]
    body = "\n".join(paras)
    assert paras[0].replace("\n", "") == "关于2022年度项目支出绩效评价表退回修改的通知"
    assert "没有可以计入审核的2022年度项目支出绩效评价表" in body and "自评表" not in body, body
    assert "的评价表年度为2023年度，本次审核的是2022年度的评价表" in body
    msg = email.message_from_bytes(Path(got["县审计局"]["mail"]).read_bytes(), policy=email.policy.default)
    assert str(msg["Subject"]) == "【退回修改】县审计局2022年度项目支出绩效评价表"
    assert "自评表" not in msg.get_body(("plain",)).get_content()
    lead = next(p.text for p in docx.Document(got["县民政局"]["notice"]).paragraphs if p.text.startswith("经审核"))
    assert "（1个文件，1张评价表）" in lead, lead


def test_the_remaining_expected_texts_say_what_to_do_and_the_notice_asks_it(tmp_path):
    """B5 (project form's blank 分值), V11 (no 有关建议), F15 (计算数据 missing): their 应为 was a column's
    name (“分值”, “有关建议”) or a bare list of data; now an action, and the notice says it as “应……”,
    never 应为“…” around an instruction."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form
    from jixiao.review.notices import item_text

    project = form(1, "县民政局")
    project.indicators[0].weight = None
    d = json.loads(EVAL_JSON.read_text(encoding="utf-8"))
    d.update(unit="县民政局", suggestions="无")
    d["indicators"][0]["score"] = d["indicators"][0]["weight"] - 1
    whole = zizhou_json()
    whole.update(department="县民政局")
    whole["data"] = {}
    from jixiao.forms.evaluation.model import parse_eval_form

    book = write_forms([project, parse_dept_form(whole), parse_eval_form(d)], tmp_path / "民政局.xlsx")
    _code, text = run_cli("check", str(book), "--json")
    by_rule: dict[str, list] = {}
    for f in json.loads(text):
        by_rule.setdefault(f["rule"], []).append(f)
    wanted = {"B5": "按指标的重要程度填写分值", "V11": "写明针对扣分问题的改进建议", "F15": "填写计算数据（"}
    for code, start in wanted.items():
        assert by_rule.get(code), (code, sorted(by_rule))
        for f in by_rule[code]:
            assert f["expected"].startswith(start), f
            said = item_text(1, {**f, "kind": "finding"}, placed=True)
            assert f"应{f['expected']}" in said and "应为“" not in said, said


def test_an_evaluation_form_is_no_project_received(tmp_path):
    """县交通运输局 sent only a 项目支出绩效评价表, for a project not on the list: the review counted it as
    a project received and one more due — the 台账 said “应报 3” and the 分单位汇总's 合计 3 where the
    汇总表 counted 2 due. A 评价表 is no 自评表: the projects due and received, their totals and funds
    are the 项目支出绩效自评表's, in the 台账, the JSON and both sheets of the 汇总表 alike."""
    from review_fixture import sample

    inbox = tmp_path / "inbox"
    write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    write_forms([_evaluation("县交通运输局", year=2022)], inbox / "交通局评价表.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2022年度项目支出预算批复清单"])
    ws.append(["序号", "主管部门", "实施单位", "项目名称", "预算数（万元）"])
    ws.append([1, "县政府", "县民政局", sample(2)["project"], 88])
    ws.append([2, "县政府", "县交通运输局", "农村公路养护", 10])
    wb.save(tmp_path / "项目清单.xlsx")
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--expected",
                          str(tmp_path / "项目清单.xlsx"), "--json")
    data = json.loads(text)
    got = {d["department"]: d for d in data["departments"]}
    jt = got["县交通运输局"]
    assert (jt["projects_due"], jt["projects_received"], jt["missing"], jt["not_expected"]) == (1, 0, ["农村公路养护"], [])
    assert jt["status"] == "退回修改" and jt["forms"] == 1 and jt["funds_annual"] == 0
    assert data["totals"]["projects_due"] == 2 and data["totals"]["projects"] == 1
    book = openpyxl.load_workbook(out / "2022年度绩效自评情况汇总表.xlsx")
    head = book["汇总表"]
    due = next(r[2] for r in head.iter_rows(min_row=4, values_only=True) if r[0] == "项目数量（个）")
    assert due == data["totals"]["projects_due"]
    total = next(r for r in book["分单位汇总"].iter_rows(values_only=True) if r[1] == "合计")
    assert total[2] == due
