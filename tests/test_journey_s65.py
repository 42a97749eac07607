"""A finance bureau's year-end round walked as its reviewer (session 65): what the reviewer and the departments
met in the notices, the 台账 and the mail drafts, each a test that failed before its fix."""

from __future__ import annotations

from jixiao.checking.run import check_batch
from jixiao.forms.project.model import parse_form
from jixiao.sources import Batch, Loaded
from review_fixture import sample
from test_check_samples import correct


def test_a_total_right_once_the_wrong_score_is_put_right_is_not_to_be_retyped() -> None:
    """县民政局 answered its first notice with a score typed over as 12 above its 分值 10 (it should be 8.24), the
    总分 left at 95.65 — what the scores add up to with 8.24. The second notice said “H14：得分应为 8.24 分” and
    “H34：总分应为 99.41 分（执行率得分 7.41 分 + 指标得分合计 92 分）”: a department doing both types 99.41 over a
    right 总分, and the third round finds it wrong. The 总分 is said nothing of now: putting the score right
    makes it add up."""
    d = correct(sample(2))
    ind = d["indicators"][0]
    assert ind["weight"] == 10 and ind["score"] == 8.24
    ind["score"] = 12
    found = check_batch(Batch(forms=[Loaded(parse_form(d), "民政局.xlsx")], files=1)).findings
    errors = {(f.rule, f.field) for f in found if f.severity == "error"}
    assert ("D4", "indicators[0].score") in errors, errors
    assert not [f for f in found if f.field == "total_score"], [(f.rule, f.message) for f in found]


def test_a_total_that_does_not_add_up_either_way_is_still_said() -> None:
    """The same score typed over, and the 总分 typed as neither sum: D11 says the one value to type."""
    d = correct(sample(2))
    d["indicators"][0]["score"] = 12
    d["total_score"] = 90
    found = check_batch(Batch(forms=[Loaded(parse_form(d), "民政局.xlsx")], files=1)).findings
    said = [(f.rule, f.message) for f in found if f.field == "total_score"]
    assert [r for r, _ in said] == ["D11"], said
    assert "总分应为 95.65 分" in said[0][1], said


def _lead(path) -> str:
    import docx

    return next(p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith("经审核"))


def test_a_second_notice_counts_the_points_as_the_first_notice_and_the_ledger_did(tmp_path) -> None:
    """县人力资源和社会保障局 sent its 部门整体支出绩效自评表 alone; its first notice said “未报项目1个，须修改1处，
    请核实5处”. It then sent the project's form and left the rest: the 台账 said “上轮退回 6 处，已改 0 处，新增 1 处”,
    its second notice “上次通知所列7处中，已改正1处，仍有6处未改正” — the project sent counted as a point put right.
    The notice counts as the 台账 and its first lead did, the project said apart."""
    import openpyxl

    from dept_helpers import zizhou_json
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.department.model import parse_dept_form
    from review_fixture import form, project_list, run_cli

    unit = "县人力资源和社会保障局"
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    listed = project_list(tmp_path / "清单.xlsx", [(sample(11)["project"], unit), (sample(10)["project"], "县水务局")])
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    dept = parse_dept_form({**zizhou_json(), "department": unit, "year": 2022}, "dept")
    write_forms([dept], inbox / unit / "部门整体自评表.xlsx")
    run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    first = _lead(out / unit / "退回修改通知.docx")
    assert "未报项目1个" in first, first
    write_forms([form(11, unit, filled_on="2023.3.20")], inbox / unit / "项目自评表.xlsx")
    run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[head.index("单位")] == unit)
    status = str(row[head.index("状态")])
    import re

    told, fixed = map(int, re.search(r"上轮退回 (\d+) 处\n已改 (\d+) 处", status).groups())
    second = _lead(out / unit / "退回修改通知.docx")
    assert f"上次通知所列{told}处中，已改正{fixed}处" in second, (status, second)
    assert "上次通知所列未报送的1个项目已补报。" in second, second


def _addressed_list(path, cell: str):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位", "联系邮箱"])
    wb.active.append([sample(1)["project"], "县民政局", cell])
    wb.save(path)
    return path


def test_a_full_width_address_in_the_project_list_is_read_as_the_address_it_is(tmp_path) -> None:
    """A 联系邮箱 typed with the input method in full-width mode, “ｍｚ＠１６３．ｃｏｍ” or “mz@１６３.com”: the review
    stopped with “内部错误（UnicodeEncodeError），命令未完成” (exit 3) when it wrote the department's draft. It is
    mz@163.com."""
    import json

    from review_fixture import form, run_cli
    from jixiao.excel.workbook import write_forms

    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    for i, cell in enumerate(("ｍｚ＠１６３．ｃｏｍ", "mz@１６３.com")):
        listed = _addressed_list(tmp_path / f"清单{i}.xlsx", cell)
        code, text = run_cli("review", str(inbox), "-o", str(tmp_path / f"out{i}"), "--expected", str(listed), "--json")
        assert code == 1, text
        civil = next(d for d in json.loads(text)["departments"] if d["department"] == "县民政局")
        assert civil["reply_to"] == ["mz@163.com"], civil["reply_to"]
        assert b"To: mz@163.com" in (tmp_path / f"out{i}" / "县民政局" / "退回修改邮件.eml").read_bytes()


def test_an_address_in_chinese_characters_in_the_list_is_named_with_its_cell(tmp_path, capsys) -> None:
    """“县民政局@example.cn” in the list's 联系邮箱: a draft's headers are ASCII, so no draft can carry it — it
    was taken as an address and the review stopped with an internal error (exit 3). It is pointed at, with its
    cell, before the review starts (exit 2), as any entry that is no address."""
    from review_fixture import form, run_cli
    from jixiao.excel.workbook import write_forms

    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    listed = _addressed_list(tmp_path / "清单.xlsx", "县民政局@example.cn")
    code, _ = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed))
    assert code == 2
    err = capsys.readouterr().err
    assert "C2 单元格" in err and "“县民政局@example.cn”不是邮箱地址" in err, err


def test_a_mail_from_an_address_in_chinese_characters_is_answered_without_stopping_the_review(tmp_path) -> None:
    """A department's mail from 李四@例子.cn (an internationalised address, RFC 6532): its draft could not be written
    and the review stopped (exit 3) for every department. The draft is written, the address left for the reviewer."""
    from email.message import EmailMessage

    from review_fixture import form, run_cli
    from jixiao.excel.workbook import write_forms

    book = write_forms([form(1, "县民政局")], tmp_path / "made" / "民政局.xlsx")
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "李四 <李四@例子.cn>", "民政局自评表"
    msg.set_content("请查收。")
    msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="民政局.xlsx")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "民政局.eml").write_bytes(msg.as_bytes(policy=msg.policy.clone(utf8=True)))
    code, text = run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"))
    assert code == 1, text
    draft = (tmp_path / "out" / "县民政局" / "退回修改邮件.eml").read_bytes()
    assert draft.isascii() and b"\nTo: =?utf-8?" in draft, draft[:400]


def test_a_date_left_blank_is_asked_for_not_to_be_verified_or_justified(tmp_path) -> None:
    """县人力资源和社会保障局's 部门整体 form came with the 部门（单位）意见 date blank; its notice said “J43 单元格：部门
    （单位）意见的日期未填写，请填写2023年1月1日以后的实际日期（如 2023年3月1日）。请核实，如无误可说明理由。” — a
    blank date is not something to verify, nor to justify. The item asks for the date alone (notice and 清单)."""
    import docx
    import openpyxl

    from dept_helpers import zizhou_json
    from jixiao.excel.workbook import write_forms
    from jixiao.forms.department.model import parse_dept_form
    from review_fixture import run_cli

    unit = "县人力资源和社会保障局"
    dept = parse_dept_form({**zizhou_json(), "department": unit, "year": 2022, "opinion_date": None}, "dept")
    write_forms([dept], tmp_path / "inbox" / unit / "部门整体自评表.xlsx")
    run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"))
    paras = [p.text for p in docx.Document(str(tmp_path / "out" / unit / "退回修改通知.docx")).paragraphs]
    item = next(p for p in paras if "意见的日期未填写" in p)
    assert item.endswith("（如 2023年3月1日）。"), item
    ws = openpyxl.load_workbook(tmp_path / "out" / unit / "退回修改清单.xlsx").worksheets[0]
    listed = next(str(c.value) for row in ws.iter_rows() for c in row if "意见的日期未填写" in str(c.value or ""))
    assert "如无误" not in listed and listed.endswith("（如 2023年3月1日）"), listed
    # a point to verify still asks it
    assert any(p.endswith("请核实，如无误可说明理由。") for p in paras), paras


def test_a_departments_own_form_is_named_in_its_notice_as_the_headings_name_it(tmp_path) -> None:
    """县医疗保障局's 退回修改通知 named the form a project's indicators were copied from as a program's path —
    “与项目“……”（医保局2022年度项目支出绩效自评表.xlsx › 关于下达 2022 年省级财政困难群众基本生活补助资金的通知冀）逐条
    相同” — while its headings say ““卫健局自评表.xlsx”中“……”工作表”. It is named so now, in the notice, the 清单 and
    the marked copy's comment alike."""
    import docx
    import openpyxl

    from jixiao.excel.workbook import write_forms
    from review_fixture import form, run_cli

    unit = "县医疗保障局"
    write_forms([form(n, unit) for n in (13, 23)], tmp_path / "inbox" / unit / "医保局.xlsx")
    run_cli("review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"))
    paras = [p.text for p in docx.Document(str(tmp_path / "out" / unit / "退回修改通知.docx")).paragraphs]
    copied = [p for p in paras if "逐条相同" in p]
    assert copied and all("（“医保局.xlsx”中“" in p and "”工作表）" in p for p in copied), copied
    assert not [p for p in paras if " › " in p], paras
    ws = openpyxl.load_workbook(tmp_path / "out" / unit / "退回修改清单.xlsx").worksheets[0]
    assert not [c.value for row in ws.iter_rows() for c in row if " › " in str(c.value or "")]
    marked = openpyxl.load_workbook(next((tmp_path / "out" / unit).glob("*校验标注.xlsx")))
    notes = [c.comment.text for s in marked.worksheets for row in s.iter_rows() for c in row
             if c.comment and "逐条相同" in c.comment.text]
    assert notes and all("（“医保局.xlsx”中“" in t for t in notes), notes
