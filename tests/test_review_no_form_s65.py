"""A workbook that is no 自评表 (a department's 部门预算公开表 sent by mistake) is “不是自评表” wherever the
finance-bureau reviewer reads of it (session 65): its notice and the 台账 said so since s64, but the 问题统计
counted it under “文件或自评表无法读取”, the consolidated 汇总表 listed it as a file it could not read, and a
second round called it “上轮无法读取”. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, project_list, review_json, run_cli
from test_review_resent_unread_s64 import _locked

LOCKED = "县教育局/县教育局绩效自评表.xlsx"


def _budget(path: Path, figure: float = 820.5) -> Path:
    """A 部门预算公开表: a workbook that opens, with no 自评表 in it (``figure`` makes two of them differ: the
    same bytes twice would be a copy of one)."""
    wb = openpyxl.Workbook()
    wb.active.title = "收支预算总表"
    wb.active.append(["2022年部门收支预算总表"])
    wb.active.append(["项目", "预算数（万元）"])
    wb.active.append(["一般公共预算拨款", figure])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _county(tmp_path: Path) -> Path:
    """县司法局 sent its budget table alone; 县审计局 its form and its budget table; 县教育局 its form behind a
    password (a file that could not be read); 县水务局 its form."""
    inbox = tmp_path / "inbox"
    _budget(inbox / "县司法局" / "县司法局2022年部门预算公开表.xlsx")
    write_forms([form(12, "县审计局")], inbox / "县审计局" / "县审计局绩效自评表.xlsx")
    _budget(inbox / "县审计局" / "县审计局2022年部门预算公开表.xlsx", 433.2)
    locked = write_forms([form(13, "县教育局")], tmp_path / "made" / "教育局.xlsx")
    (inbox / LOCKED).parent.mkdir(parents=True)
    (inbox / LOCKED).write_bytes(_locked(locked))
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    return inbox


def _cells(ws) -> str:
    return "".join(str(c.value or "") for r in ws.iter_rows() for c in r)


def test_the_pivot_counts_a_budget_table_apart_from_the_files_that_could_not_be_read(tmp_path: Path) -> None:
    """The 问题统计 had one row “X1 文件或自评表无法读取” counting 县司法局's and 县审计局's budget tables beside
    县教育局's locked workbook (3): the reviewer reporting “3 份无法读取” had opened two of them. The budget
    tables are a row of their own, “报送的文件不是自评表”, as their notices' part “不是自评表的文件”; the
    须修改 subtotal is the same."""
    out = tmp_path / "out"
    rv = review_json(_county(tmp_path), out)
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["问题统计"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    head = rows[0]
    col = {name: head.index(name) for name in ("县司法局", "县审计局", "县教育局", "合计")}
    # one X1 over its two kinds (session 66: the code is merged over both rows)
    x1 = {r[1]: r for r in rows if r[1] in ("文件或自评表无法读取", "报送的文件不是自评表")}
    assert set(x1) == {"文件或自评表无法读取", "报送的文件不是自评表"}, x1
    assert x1["文件或自评表无法读取"][0] == "X1", x1
    unread, no_form = x1["文件或自评表无法读取"], x1["报送的文件不是自评表"]
    assert (unread[col["县教育局"]], unread[col["县司法局"]], unread[col["县审计局"]], unread[col["合计"]]) == (1, 0, 0, 1)
    assert (no_form[col["县教育局"]], no_form[col["县司法局"]], no_form[col["县审计局"]], no_form[col["合计"]]) == (0, 1, 1, 2)
    total = next(r for r in rows if r[1] == "须修改小计")
    assert total[col["合计"]] == rv["totals"]["to_change"], (total, rv["totals"])


def test_the_consolidated_summary_names_a_budget_table_as_no_form(tmp_path: Path) -> None:
    """Without ``--expected`` the 汇总表's 说明 said “另有3个文件或表未能读取（县司法局、县审计局、县教育局），其项目和
    资金未计入” and its 未能读取 sheet (“汇总不完整，改正后重新汇总”) listed both budget tables; 分单位汇总 said
    “县司法局的文件未能读取”. Only the locked workbook is a file it could not read; the budget tables are said
    to be no 自评表, whose, and where the 台账 lists them."""
    out = tmp_path / "out"
    book = openpyxl.load_workbook(review_json(_county(tmp_path), out)["summary"])
    note = str(book["汇总表"]["A10"].value).replace("\n", "")   # an item may break its last line (``fit.no_lone_marks``)
    assert "另有1个文件或表未能读取（县教育局），其项目和资金未计入" in note, note
    assert "另有2个文件不是自评表（县司法局、县审计局），未计入本表（见复核台账“文件清单”）。" in note, note
    listed = [r[0] for r in book["未能读取"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert listed == [LOCKED], listed
    assert "（1 个文件）" in str(book["未能读取"]["A1"].value)
    by_unit = _cells(book["分单位汇总"]).replace("\n", "")   # an item may break its last line (``fit.no_lone_marks``)
    assert "县教育局的文件未能读取、又没有应报项目，未列入" in by_unit, by_unit
    assert "县司法局报送的文件不是自评表、又没有应报项目，未列入" in by_unit, by_unit


def test_a_summary_of_forms_beside_budget_tables_alone_is_not_incomplete(tmp_path: Path) -> None:
    """With no file that could not be read, the 汇总表 had a 未能读取 sheet anyway (“汇总不完整”) for the
    budget tables: there is none now, and its 说明 says nothing could not be read."""
    inbox = _county(tmp_path)
    (inbox / LOCKED).unlink()
    book = openpyxl.load_workbook(review_json(inbox, tmp_path / "out")["summary"])
    assert "未能读取" not in book.sheetnames, book.sheetnames
    said = "".join(_cells(ws) for ws in book.worksheets)
    assert "未能读取" not in said, said
    assert "另有2个文件不是自评表（县司法局、县审计局）" in said, said


def _round_one(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Round 1, with the list of projects: 县司法局 sent its budget table for its form (project 12): inbox,
    list, out."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _budget(inbox / "县司法局" / "县司法局2022年部门预算公开表.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(form(12, "县司法局").project, "县司法局"),
                                                   (form(10, "县水务局").project, "县水务局")])
    first = review_json(inbox, out, "--expected", str(listed))
    unit = next(d for d in first["departments"] if d["department"] == "县司法局")
    assert unit["no_form"] is True, unit
    return inbox, listed, out


def _ledger(out: Path, sheet: str) -> list[list[str]]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")[sheet]
    return [[str(c) if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]


def _unit_row(out: Path) -> dict[str, str]:
    rows = _ledger(out, "复核台账")
    return dict(zip(rows[2], next(r for r in rows[3:] if r[1] == "县司法局")))


def test_a_budget_table_answered_by_a_form_is_not_said_to_have_been_unreadable(tmp_path: Path) -> None:
    """县司法局 answered its notice with its form. Round 2 said “通过 / 上轮无法读取” (the console alike), its
    未计入的文件 “……预算公开表.xlsx（上轮无法读取，已重新报送其他文件）” and the 文件清单 “上轮无法读取，已退回：
    ……不是自评表”: the file the reviewer had opened, and its notice had called no 自评表."""
    inbox, listed, out = _round_one(tmp_path)
    write_forms([form(12, "县司法局", indicators=_fixed(12), filled_on="2023.3.20")],
                inbox / "县司法局" / "县司法局绩效自评表.xlsx")
    second = review_json(inbox, out, "--expected", str(listed))
    unit = next(d for d in second["departments"] if d["department"] == "县司法局")
    assert unit["status"] == "通过", unit
    assert unit["last_round"]["status"] == "无法读取" and unit["last_round"]["no_form"] is True, unit["last_round"]
    assert unit["unread_answered"] == [{"file": "县司法局/县司法局2022年部门预算公开表.xlsx", "not_form": True,
                                        "reason": unit["unread_answered"][0]["reason"]}], unit["unread_answered"]
    row = _unit_row(out)
    assert row["状态"] == "通过\n上轮不是自评表", row["状态"]
    assert row["未计入的文件"] == "县司法局/县司法局2022年部门预算公开表.xlsx（不是自评表，上轮已退回，已重新报送其他文件）", row
    files = {r[1]: r for r in _ledger(out, "文件清单")[2:]}
    said = files["县司法局/县司法局2022年部门预算公开表.xlsx"]
    assert said[3] == "未计入" and said[4].startswith("上轮已退回：") and "不是自评表" in said[4], said
    assert "无法读取" not in said[4], said


def test_a_budget_table_sent_again_is_not_said_to_have_been_unreadable(tmp_path: Path) -> None:
    """县司法局 sent another budget table (the console: “【不是自评表】县司法局：……（上轮无法读取）”), or nothing
    new at all (“上轮无法读取，尚未重新报送”): last round it was “不是自评表”, and says so."""
    inbox, listed, out = _round_one(tmp_path)
    code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    assert code == 1 and "上轮不是自评表，尚未重新报送" in text and "上轮无法读取" not in text, text
    assert _unit_row(out)["状态"] == "不是自评表\n上轮不是自评表\n尚未重新报送"
    _budget(inbox / "县司法局" / "县司法局2022年部门预算公开表（修改）.xlsx", 821.5)
    code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    line = next(x for x in text.splitlines() if "县司法局" in x)
    assert line.startswith("  【不是自评表】县司法局") and line.endswith("（第2次退回，上轮不是自评表）"), line
    assert _unit_row(out)["状态"] == "不是自评表\n第2次退回\n上轮不是自评表"   # its notice's count (s66)


def test_a_locked_workbook_answered_is_still_said_to_have_been_unreadable(tmp_path: Path) -> None:
    """The other side: a department whose locked workbook was answered is “上轮无法读取”, as before."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "县审计局").mkdir(parents=True)
    locked = write_forms([form(12, "县审计局")], tmp_path / "made" / "审计局.xlsx")
    (inbox / "县审计局" / "县审计局绩效自评表.xlsx").write_bytes(_locked(locked))
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(form(12, "县审计局").project, "县审计局"),
                                                   (form(10, "县水务局").project, "县水务局")])
    review_json(inbox, out, "--expected", str(listed))
    write_forms([form(12, "县审计局", indicators=_fixed(12), filled_on="2023.3.20")],
                inbox / "县审计局" / "县审计局绩效自评表（无密码）.xlsx")
    second = review_json(inbox, out, "--expected", str(listed))
    unit = next(d for d in second["departments"] if d["department"] == "县审计局")
    assert unit["last_round"]["no_form"] is False and "not_form" not in unit["unread_answered"][0], unit
    rows = _ledger(out, "复核台账")
    row = dict(zip(rows[2], next(r for r in rows[3:] if r[1] == "县审计局")))
    assert row["状态"] == "通过\n上轮无法读取", row["状态"]
    assert row["未计入的文件"].endswith("（上轮无法读取，已重新报送其他文件）"), row


def _lead(out: Path, unit: str) -> str:
    import docx

    return next(p.text for p in docx.Document(str(out / unit / "退回修改通知.docx")).paragraphs
                if p.text.startswith("经审核"))


def _mail_body(folder: Path) -> str:
    import email
    from email import policy

    (eml,) = folder.glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return str(msg.get_body(("plain",)).get_content())  # type: ignore[union-attr]


def test_a_second_budget_table_is_said_to_be_the_second_return(tmp_path: Path) -> None:
    """县司法局, returned in round 1 for its budget table, sent another budget table. Its round-2 notice read like
    a first one — “……中没有自评表，未能审核。请按以下所列……” with no “这是第2次退回”, which every other second
    return carries (a department whose forms were returned, one whose locked workbook was answered by a form with
    mistakes): the office reading it could not tell it had been told before, and its mail alike. Both say which
    return it is, round 3 alike."""
    inbox, listed, out = _round_one(tmp_path)
    assert "次退回" not in _lead(out, "县司法局")   # a first notice says nothing of a round before it
    for n, figure in ((2, 821.5), (3, 822.5)):
        _budget(inbox / "县司法局" / f"县司法局2022年部门预算公开表（第{n}次）.xlsx", figure)
        rv = review_json(inbox, out, "--expected", str(listed))
        unit = next(d for d in rv["departments"] if d["department"] == "县司法局")
        assert unit["status"] == "无法读取" and unit["no_form"] is True, unit
        lead = _lead(out, "县司法局")
        assert f"中没有自评表，未能审核。这是第{n}次退回。请按以下所列" in lead, lead
        assert "上次通知所列" not in lead, lead   # nothing was read: nothing to count as put right
        mail = _mail_body(out / "县司法局")
        assert f"原因见附件《关于2022年度项目支出绩效自评表退回修改的通知》。这是第{n}次退回。请检查改正后" in mail, mail
        assert "中没有自评表，未能审核" in mail and "未能读取" not in mail, mail   # as its notice says it


def test_a_workbook_locked_twice_is_said_to_be_the_second_return(tmp_path: Path) -> None:
    """The same for a department whose files could not be read twice: 县审计局 sent its form behind a password,
    then another, still locked. Its second notice said “……无法打开或读取，未能审核。请按以下所列……”, as a first."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "县审计局").mkdir(parents=True)
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    for n in (1, 2):
        made = write_forms([form(12, "县审计局", filled_on=f"2023.3.{n}")], tmp_path / "made" / f"审计局{n}.xlsx")
        (inbox / "县审计局" / f"县审计局绩效自评表{n}.xlsx").write_bytes(_locked(made))
        rv = review_json(inbox, out)
        unit = next(d for d in rv["departments"] if d["department"] == "县审计局")
        assert unit["status"] == "无法读取" and unit["no_form"] is False, unit
        lead = _lead(out, "县审计局")
        assert "无法打开或读取，未能审核。" in lead, lead
        assert ("这是第2次退回。" in lead) == (n == 2) and "上次通知所列" not in lead, lead
        mail = _mail_body(out / "县审计局")
        assert "未能读取和审核" in mail and ("这是第2次退回。" in mail) == (n == 2), mail
