"""The 退回修改通知, its 清单 and the return mail (session 40, h1): what each item asks is what the
notice counts; a number typed as text is told to get a number format first; H3 and H4 say one
thing to do, their asides outside the quotes; the mail's attachments are named per department."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli

TYPED = ("C7", "D7", "E7", "F7")  # the 年度资金总额 row of a project form: numbers


def _inbox(root: Path) -> tuple[Path, dict[str, str]]:
    """Two departments, one workbook each: 县民政局 (sample 2) with the four money cells of its
    年度资金总额 row typed as text (“88”), 县水务局 (sample 10) as the sample has it."""
    inbox = root / "inbox"
    for unit, n, name in (("县民政局", 2, "民政局.xlsx"), ("县水务局", 10, "水务局.xlsx")):
        (inbox / unit).mkdir(parents=True)
        write_forms([form(n, unit)], inbox / unit / name)
    book = inbox / "县民政局" / "民政局.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    typed = {}
    for cell in TYPED:
        assert isinstance(ws[cell].value, (int, float)), cell
        ws[cell].value = typed[cell] = f"{ws[cell].value:g}"
    wb.save(book)
    return inbox, typed


def _review(inbox: Path, out: Path) -> dict[str, dict]:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    assert code in (0, 1), text
    return {d["department"]: d for d in json.loads(text)["departments"]}


def _list_rows(notice_xlsx: str) -> list[dict]:
    ws = openpyxl.load_workbook(notice_xlsx).active
    head = [c.value for c in ws[2]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]


def test_an_item_that_says_what_to_type_is_counted_with_the_changes(tmp_path):
    """An X2 item (“……请在单元格中只填数字 88”) was counted under “请核实N处” in the notice's first
    paragraph and listed as 请核实 in the 清单, though it asks nothing to be verified: it tells the
    department what to type. Each item is now counted by what it asks — an item ending “（请核实，如无误
    可说明理由）” under 请核实, every other one under 须修改 — and the 清单's 类别 and the JSON's to_fix
    items (added "asks") say the same."""
    inbox, typed = _inbox(tmp_path)
    depts = _review(inbox, tmp_path / "out")
    seen = 0
    for name, d in depts.items():
        if not d["notice"]:
            continue
        doc = docx.Document(d["notice"]).paragraphs
        paras = [p.text for p in doc]
        items = [p.text for p in doc if re.match(r"\d+．", p.text) and not p.style.name.startswith("附件")]
        verify = [p for p in items if "如无误可说明理由" in p]
        lead = next(p for p in paras if "存在以下问题" in p)
        said = re.search(r"须修改(\d+)处，请核实(\d+)处", lead)
        assert said, lead
        assert (int(said[1]), int(said[2])) == (len(items) - len(verify), len(verify)), (name, lead)
        rows = _list_rows(d["notice_xlsx"])
        assert [r["类别"] for r in rows] == ["请核实" if "如无误可说明理由" in p else "须修改" for p in items], name
        assert [it["asks"] for it in d["to_fix"]] == ["verify" if "如无误可说明理由" in p else "change" for p in items]
        seen += 1
    mz = depts["县民政局"]
    x2 = [it for it in mz["to_fix"] if it["rule"] == "X2"]
    assert {it["cell"] for it in x2} == set(typed) and {it["asks"] for it in x2} == {"change"}
    assert {r["类别"] for r in _list_rows(mz["notice_xlsx"]) if r["单元格"] in typed} == {"须修改"}
    assert mz["warnings"] >= len(typed)  # the checker's severity is unchanged: the 台账's 警告 counts them
    assert seen == 2


def test_a_number_typed_as_text_is_told_to_set_a_number_format_first(tmp_path):
    """X2 said “请在单元格中只填数字 88”: typed again into a cell formatted as 文本, the digits stay text in
    Excel and WPS, and the department sends the same cell back. The one instruction now says the format
    first — “常规” or “数值”, “百分比” for a percentage — in the notice, the 清单 and the marked copy alike."""
    from jixiao.guard.sanitize import text_number_note

    n = text_number_note("C7", "年度资金总额的年初预算数", "88", 88)
    assert n.message == ("年度资金总额的年初预算数“88”是文字（或文本格式的数字），表中的公式和汇总表不把它算作数字；"
                         "已按 88 读，请将单元格格式设为“常规”或“数值”后只填数字 88")
    p = text_number_note("F20", "实际完成值", "95%", 0.95)
    assert p.message.endswith("已按 95% 读，请将单元格格式设为“常规”或“百分比”后只填数字 95%")
    assert n.message.count("请") == p.message.count("请") == 1  # one instruction
    inbox, typed = _inbox(tmp_path)
    mz = _review(inbox, tmp_path / "out")["县民政局"]
    items = {p.text.split("．")[1].split(" ")[0]: p.text for p in docx.Document(mz["notice"]).paragraphs
             if re.match(r"\d+．[A-Z]+\d+ 单元格", p.text)}
    rows = {r["单元格"]: r for r in _list_rows(mz["notice_xlsx"])}
    marked = openpyxl.load_workbook(mz["annotated"][0])["医疗保障服务经费"]
    for cell, written in typed.items():
        told = f"请将单元格格式设为“常规”或“数值”后只填数字 {written}"
        assert items[cell].endswith(f"{told}。"), items[cell]
        assert rows[cell]["问题"].endswith(told) and told in marked[cell].comment.text


def _h(rule, indicators):
    """The notice's items for ``rule``'s findings on a form of these indicators."""
    from types import SimpleNamespace

    from jixiao.review.notices import item_text

    ctx = SimpleNamespace(form=SimpleNamespace(indicators=[SimpleNamespace(level1=l1, level2=l2, name=name, target=target)
                                                           for l1, l2, name, target in indicators]))
    return [item_text(1, {"kind": "finding", "file": "表.xlsx", "sheet": "表1", "cell": "E19", "project": "表1",
                          "rule": "H", "severity": "warning", "message": h.message, "found": h.found,
                          "expected": h.expected}, placed=True) for h in rule(ctx)]


def test_a_timeliness_item_gives_one_instruction():
    """H4 on 工资发放及时性 “12 次” read “……是数量，不是时限；若考核的是次数，应归入数量指标，写作“≥12 次”，
    应为“时限（如‘每月 10 日前’‘≤30 天’）或及时率（如‘=100%’），或把指标归入数量指标””: two instructions,
    the second quoting an instruction as a value. Each H4 message now says what to write once (one “应”,
    its alternatives joined by “或”), and the notice adds no “应为” after it."""
    from jixiao.checking.rules.headers import timeliness

    items = _h(timeliness, [("产出指标", "时效指标", "工作完成及时性", "及时"),
                            ("产出指标", "时效指标", "工资发放及时性", "12 次"),
                            ("产出指标", "时效指标", "工资发放及时性", "≥12次"),
                            ("产出指标", "时效指标", "业务处理及时性", "≥365 天"),
                            ("产出指标", "时效指标", "补助发放及时率", "12月")])
    assert len(items) == 5
    for text in items:
        assert "应为" not in text and text.count("应") == 1, text
    assert "不是时限，应写时限（如“每月 10 日前”“≤30 天”）或及时率（如“=100%”），或把指标归入数量指标并写作“≥12 次”" \
        in items[1]
    assert "应写“=100%”，或把名称改为“完成时间”、指标值写“≤12 月”" in items[4]


def test_a_category_item_keeps_its_asides_outside_the_quotes():
    """H3 quoted its whole suggestion, asides and all: “应归入“效益指标 › 社会效益指标（投诉率作为反向指标）或
    产出指标 › 质量指标””. GB/T 15834: the quotation is the category's name; a note on it follows the
    closing quote. Each category is quoted alone, its aside after it."""
    from jixiao.checking.rules.headers import category

    items = _h(category, [("满意度指标", "服务对象满意度指标", "群众投诉率", "≤5%"),
                          ("效益指标", "生态效益指标", "办公运行", "正常"),
                          ("产出指标", "数量指标", "群众满意度", "≥90%")])
    assert len(items) == 3
    # (each category said as a document says it, “效益指标”中的“社会效益指标”: no “›” in what is sent, s68)
    assert items[0].endswith("应归入“效益指标”中的“社会效益指标”（投诉率作为反向指标）或“产出指标”中的“质量指标”"
                             "。请核实，如无误可说明理由。"), items[0]
    assert items[1].endswith("应归入“效益指标”中的“社会效益指标”或“可持续影响指标”（办公运行类支出归入"
                             "“产出指标”中的“成本指标”）。请核实，如无误可说明理由。"), items[1]
    assert items[2].endswith("应归入“满意度指标”中的“服务对象满意度指标”。请核实，如无误可说明理由。"), items[2]
    # the 成本指标 aside only where the indicator is spending: “建立标准” was told of 办公运行类支出
    (other,) = _h(category, [("效益指标", "生态效益指标", "建立标准", "建立")])
    assert other.endswith("应归入“效益指标”中的“社会效益指标”或“可持续影响指标”。请核实，如无误可说明理由。"), other
    for text in items:
        assert not re.search(r"“[^“”]*（[^“”]*”", text), text  # no “……（……” inside one pair of quotes
        assert "应为" not in text


def _attached(mail: str) -> list[tuple[str, bytes]]:
    import email
    import email.policy

    msg = email.message_from_bytes(Path(mail).read_bytes(), policy=email.policy.default)
    return [(a.get_filename(), a.get_content()) for a in msg.iter_attachments()]


def _body(mail: str) -> str:
    import email
    import email.policy

    msg = email.message_from_bytes(Path(mail).read_bytes(), policy=email.policy.default)
    return msg.get_body(("plain",)).get_content()


def test_the_return_mail_names_its_attachments_per_department_and_round(tmp_path):
    """Every department's mail attached “退回修改通知.docx”, “退回修改清单.xlsx” and “民政局-校验标注.xlsx”:
    a department keeps the bureau's mails in one folder, and the second round's files came under the
    first round's names. Each is now attached as the 定稿 names what it sends — whose, which year, what —
    and, from the second review into the same folder on, which round; the files on disk keep their
    names, the mail's body lists the attached names, the notice's 附件说明 the titles."""
    inbox, _typed = _inbox(tmp_path)
    out = tmp_path / "out"
    for round_no in (1, 2):
        if round_no == 2:  # each department sends its workbook again (one whose files are as they were
            for book in inbox.rglob("*.xlsx"):  # has not answered: its round-1 mail stands)
                wb = openpyxl.load_workbook(book)
                wb.properties.lastModifiedBy = "重新报送"
                wb.save(book)
        depts = _review(inbox, out)
        for name, d in depts.items():
            assert d["mail"], name
            files = [Path(d["notice"]), Path(d["notice_xlsx"]), *map(Path, d["annotated"])]
            assert [f.name for f in files[:2]] == ["退回修改通知.docx", "退回修改清单.xlsx"]  # on disk as before
            tag = "" if round_no == 1 else f"-第{round_no}轮"
            want = [f"{name}-2022-{f.stem}{tag}{f.suffix}" for f in files]
            got = _attached(d["mail"])
            assert [n for n, _data in got] == want, (round_no, name, [n for n, _ in got])
            assert [data for _n, data in got] == [f.read_bytes() for f in files]
            body = _body(d["mail"])
            assert "".join(f"    {i}．{n}\n" for i, n in enumerate(want, 1)) in body, body
            paras = [p.text.replace("\n", "") for p in docx.Document(d["notice"]).paragraphs  # a long name broken for print
                     if p.style.name.startswith("附件")]
            assert [re.sub(r"^(附件：)?(\d+．)?", "", t) for t in paras] == [Path(n).stem for n in want[1:]]  # as attached
    assert "县民政局-2022-退回修改通知-第2轮.docx" in [n for n, _ in _attached(depts["县民政局"]["mail"])]


def test_what_to_change_comes_before_what_to_verify(tmp_path):
    """The notice asks “请按序号逐项修改（先改资金和得分……）”, yet the four 年度资金总额 cells typed as text —
    changes, counted under 须修改 — came last, after the points to verify (ordered by the checker's
    severity, warning). Within a form every item to change now comes before every point to verify, in
    the notice, the 清单 and the JSON's to_fix alike."""
    inbox, typed = _inbox(tmp_path)
    mz = _review(inbox, tmp_path / "out")["县民政局"]
    asked = [it["asks"] for it in mz["to_fix"]]
    assert "verify" in asked and asked == sorted(asked), asked  # "change" < "verify"
    rows = _list_rows(mz["notice_xlsx"])
    assert [r["类别"] for r in rows] == sorted((r["类别"] for r in rows), key=["须修改", "请核实"].index)
    assert {r["单元格"] for r in rows if r["类别"] == "须修改"} >= set(typed)


def test_a_department_whose_only_change_is_a_number_typed_as_text_is_returned(tmp_path):
    """X2 (a number typed as text, which the form's own formulas and sums do not count) is a point to
    change in the notice, yet a department with no other error was 通过 — no notice, no mail — and
    the 台账's 错误/警告 columns counted severities, so they differed from its notice's
    “须修改N处，请核实N处”. Now such a department is 退回修改 with a notice, and the 台账's 须修改/请核实
    columns and the JSON's to_change/to_verify are the notice's counts; the same form as sent with the
    number as a number still 通过."""
    inbox = tmp_path / "inbox"
    (inbox / "县甲局").mkdir(parents=True)
    book = inbox / "县甲局" / "县甲局.xlsx"
    write_forms([form(11, "县甲局")], book)  # sample 11: warnings, no error
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out0"), "--year", "2022", "--json")
    clean = json.loads(text)["departments"][0]
    assert (code, clean["status"], clean["to_change"], clean["to_verify"]) == (0, "通过", 0, clean["warnings"])
    assert clean["errors"] == 0 and clean["warnings"] > 0 and not clean["notice"]
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["C7"].value = f"{ws['C7'].value:g}"
    wb.save(book)
    out = tmp_path / "out"
    code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    assert code == 1, text
    data = json.loads(text)
    jia = data["departments"][0]
    assert jia["errors"] == 0  # the checker's severities are unchanged
    assert [it["rule"] for it in jia["to_fix"] if it["asks"] == "change"] == ["X2"]
    assert (jia["status"], jia["to_change"], jia["to_verify"]) == ("退回修改", 1, clean["to_verify"])
    assert jia["notice"] and jia["mail"]
    lead = next(p.text for p in docx.Document(jia["notice"]).paragraphs if "存在以下问题" in p.text)
    assert f"须修改1处，请核实{jia['to_verify']}处" in lead, lead
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    row = next(dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "县甲局")
    assert (row["状态"].split("\n")[0], row["须修改"], row["请核实"]) == ("退回修改", 1, jia["to_verify"])
    assert (data["totals"]["to_change"], data["totals"]["to_verify"]) == (1, jia["to_verify"])
