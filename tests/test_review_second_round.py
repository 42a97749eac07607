"""The second round: a department corrects the marked copy it was sent and mails it back.

What the bureau expects on the next ``review``: the corrected copy counts (a person saved it:
it is the department's work again), the new marked copy is “x-校验标注.xlsx” (not
“x-校验标注-校验标注.xlsx”), a cell the department corrected loses last round's colour and
comment, and a cell still wrong keeps a fresh one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from jixiao.review.write import _annotated_name
from review_fixture import form, run_cli, two_unit_inbox


def _review(inbox: Path, out: Path) -> dict:
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    assert code in (0, 1), text
    return json.loads(text)


def _marks(path: str | Path) -> dict[str, str]:
    wb = openpyxl.load_workbook(path)
    return {f"{ws.title}!{c.coordinate}": c.comment.text for ws in wb.worksheets if ws.title != "校验结果"
            for row in ws.iter_rows() for c in row if c.comment}


def test_a_corrected_copy_sent_back(tmp_path):
    inbox = tmp_path / "inbox" / "县水务局"
    inbox.mkdir(parents=True)
    write_forms([form(10, "县水务局")], inbox / "水务局自评表.xlsx")
    first = _review(tmp_path / "inbox", tmp_path / "第一轮")
    copy = Path(first["departments"][0]["annotated"][0])
    before = _marks(copy)
    fixed = next(k for k, v in before.items() if "执行率得分应为" in v)  # H7: 10 where 9.5 is due
    # the department opens the copy, corrects that one cell and saves it (in its own name)
    back = tmp_path / "inbox2" / "县水务局"
    back.mkdir(parents=True)
    wb = openpyxl.load_workbook(copy)
    sheet, ref = fixed.split("!")
    wb[sheet][ref].value = 9.5
    wb.properties.lastModifiedBy = "水务局 张三"
    wb.save(back / copy.name)
    second = _review(tmp_path / "inbox2", tmp_path / "第二轮")
    d = second["departments"][0]
    assert d["forms"] == 1 and d["file_names"] == [f"县水务局/{copy.name}"]
    again = Path(d["annotated"][0])
    assert again.name == copy.name == "水务局自评表-校验标注.xlsx"
    after = _marks(again)
    assert fixed not in after  # corrected: last round's comment is gone
    assert set(after) < set(before) and after  # what is still wrong is marked again
    assert d["errors"] < first["departments"][0]["errors"]


def test_annotated_names_do_not_pile_up():
    taken: set[str] = set()
    assert [_annotated_name(s, ".xlsx", taken) for s in (
        "县水务局/水务局-校验标注.xlsx", "x.eml › 水务局-校验标注-校验标注.xlsx", "水务局.xlsx", "水务局-校验标注（2）.xlsx")] == [
        "水务局-校验标注.xlsx", "水务局-校验标注（2）.xlsx", "水务局-校验标注（3）.xlsx", "水务局-校验标注（4）.xlsx"]


def test_the_console_says_which_drafts_have_no_address(tmp_path, capsys):
    from jixiao.cli import main

    from review_fixture import saved_and_mailed

    inbox = saved_and_mailed(tmp_path)
    assert main(["review", str(inbox), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "已写入 2 封退回邮件草稿" in err and "1 封没有收件人（县民政局不是用邮件报送的）" in err


def test_a_deadline_goes_into_the_notice_and_the_mail(tmp_path, capsys):
    import email
    from email import policy

    import docx

    from jixiao.cli import main

    inbox = tmp_path / "inbox" / "县民政局"
    inbox.mkdir(parents=True)
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out"), "--deadline", "2023.4.10"]) == 1
    assert "截止日期 2023年4月10日 早于今天" in capsys.readouterr().err  # written as given, and said
    folder = tmp_path / "out" / "县民政局"
    text = "".join(p.text for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs)
    assert "于2023年4月10日前重新报送" in text and "5个工作日" not in text
    mail = email.message_from_bytes((folder / "退回修改邮件.eml").read_bytes(), policy=policy.default)
    assert "于2023年4月10日前重新报送" in mail.get_body(("plain",)).get_content()
    capsys.readouterr()
    assert main(["review", str(tmp_path / "inbox"), "-o", str(tmp_path / "out2"), "--deadline", "4月10日"]) == 2
    err = capsys.readouterr().err
    assert "--deadline“4月10日”不是有效的日期" in err and "早于今天" not in err
    assert not (tmp_path / "out2").exists()  # refused before any work


def test_the_second_round_into_the_same_folder_moves_the_first_aside(tmp_path):
    """Round 2 into the same 复核结果: a department that now passes must not keep round 1's notice
    and mail draft in its folder (sent by mistake); round 1 is kept, as it was, under 历次复核."""
    import hashlib

    from jixiao.review.rounds import ARCHIVE_DIR, MANIFEST

    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    first = _review(inbox, out)
    assert first["previous"] is None
    (out / "备注.txt").write_text("复核人的笔记", encoding="utf-8")  # not ours: never moved
    edited = out / "县民政局" / "退回修改通知.docx"
    edited.write_bytes(edited.read_bytes() + b"")  # as the reviewer left it
    before = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in out.rglob("*") if p.is_file() and p.name not in ("备注.txt", MANIFEST)}
    # round 2: 县民政局 sent nothing more this time (its old file gone from the inbox)
    (inbox / "县民政局" / "民政局.xlsx").unlink()
    second = _review(inbox, out)
    archive = Path(second["previous"])
    assert archive.parent == out / ARCHIVE_DIR
    moved = {p.relative_to(archive): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in archive.rglob("*") if p.is_file()}
    assert moved == before  # every file of round 1, byte for byte
    assert not (out / "县民政局").exists()  # nothing of round 1 left beside round 2
    assert (out / "备注.txt").read_text(encoding="utf-8") == "复核人的笔记"
    assert (out / "县水务局" / "退回修改通知.docx").exists() and (out / "复核台账.xlsx").exists()
    import json as _json

    listed = _json.loads((out / MANIFEST).read_text(encoding="utf-8"))["written"]
    assert "复核台账.xlsx" in listed and not any(x.startswith(ARCHIVE_DIR) for x in listed)
    third = _review(inbox, out)  # a third round: round 2 goes aside too, round 1 stays where it is
    assert Path(third["previous"]) != archive and archive.exists()


def _docx_text(path: str | Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_next_round_says_what_was_put_right_and_what_was_not(tmp_path):
    """Round 2 into the same folder: the department corrected one cell of the marked copy and sent it
    back. The 台账 says “上轮退回 n 处，已改 1 处”, the notice says which time this is and marks every
    point made last time that is still there, the list has a 备注 column for them; round 3 counts on."""
    inbox = tmp_path / "inbox" / "县水务局"
    inbox.mkdir(parents=True)
    write_forms([form(10, "县水务局")], inbox / "水务局自评表.xlsx")
    out = tmp_path / "复核结果"
    first = _review(tmp_path / "inbox", out)
    d1 = first["departments"][0]
    assert first["round"] == 1 and d1["last_round"] is None and not any(it["again"] for it in d1["to_fix"])
    copy = Path(d1["annotated"][0])
    fixed = next(k for k, v in _marks(copy).items() if "执行率得分应为" in v)
    wb = openpyxl.load_workbook(copy)
    sheet, ref = fixed.split("!")
    wb[sheet][ref].value = 9.5
    wb.properties.lastModifiedBy = "水务局 张三"
    (inbox / "修改稿").mkdir()
    wb.save(inbox / "修改稿" / copy.name)
    (inbox / "水务局自评表.xlsx").unlink()   # only the corrected one this time

    second = _review(tmp_path / "inbox", out)
    d2 = second["departments"][0]
    assert second["round"] == 2 and second["last_round_at"]
    lr = d2["last_round"]
    assert lr["status"] == "退回修改" and lr["items"] == len(d1["to_fix"])
    assert lr["fixed"] >= 1 and lr["again"] == len(d2["to_fix"]) - lr["new"] == len(d1["to_fix"]) - lr["fixed"]
    assert all(it["again"] for it in d2["to_fix"]) and lr["new"] == 0
    gone = {(it["rule"], it["cell"]) for it in d1["to_fix"]} - {(it["rule"], it["cell"]) for it in d2["to_fix"]}
    assert any(c == ref for _r, c in gone)   # the corrected cell's point is what went

    text = _docx_text(d2["notice"])
    assert f"这是第2次退回。上次通知所列{lr['items']}处中，已改正{lr['fixed']}处，仍有{lr['again']}处未改正" in text
    assert len(re.findall(r"。上次已指出。", text)) == lr["again"]
    ws = openpyxl.load_workbook(d2["notice_xlsx"]).active
    assert ws.cell(row=2, column=10).value == "备注"
    assert [ws.cell(row=r, column=10).value for r in range(3, ws.max_row + 1)
            if isinstance(ws.cell(row=r, column=1).value, int)] == ["上次已指出"] * lr["again"]   # not the headings
    ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    assert ledger["C4"].value == f"退回修改\n第2次退回\n上轮退回 {lr['items']} 处\n已改 {lr['fixed']} 处"
    assert "第 2 轮复核：上轮（" in ledger["A2"].value and "未通过的 1 个单位中，0 个本轮通过" in ledger["A2"].value
    mail = (Path(d2["mail"])).read_bytes()
    import email
    from email import policy
    body = email.message_from_bytes(mail, policy=policy.default).get_body(("plain",)).get_content()
    assert "这是第2次退回" in body

    # round 3, the inbox as it was: the department has not answered round 2's notice, which stands
    third = _review(tmp_path / "inbox", out)
    d3 = third["departments"][0]
    assert third["round"] == 3 and d3["last_round"]["fixed"] == 0 and d3["last_round"]["resubmitted"] is False
    assert _docx_text(d3["notice"]) == text   # word for word round 2's: not “这是第3次退回”
    # round 4: it saves the copy again (nothing put right): a new round, counted on from round 2's notice
    wb = openpyxl.load_workbook(inbox / "修改稿" / copy.name)
    wb.properties.lastModifiedBy = "水务局 李四"
    wb.save(inbox / "修改稿" / copy.name)
    fourth = _review(tmp_path / "inbox", out)
    d4 = fourth["departments"][0]
    assert fourth["round"] == 4 and d4["last_round"]["fixed"] == 0 and d4["last_round"]["resubmitted"] is True
    assert "这是第3次退回" in _docx_text(d4["notice"])


def test_a_first_round_notice_says_nothing_of_rounds(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(10, "县水务局")], inbox / "水务局自评表.xlsx")
    d = _review(inbox, tmp_path / "out")["departments"][0]
    text = _docx_text(d["notice"])
    assert "次退回" not in text and "上次已指出" not in text
    assert openpyxl.load_workbook(d["notice_xlsx"]).active.max_column == 9


def test_a_manifest_that_does_not_fit_is_read_as_no_last_round_or_in_part(tmp_path):
    from jixiao.review.rounds import MANIFEST, read_last

    out = tmp_path / "out"
    out.mkdir()
    for text in ("not json", '{"when": "x"}', '{"when": "2026-12-04T09:30:00", "written": []}',
                 '{"when": "2026-12-04T09:30:00", "round": "二", "departments": {}}'):
        (out / MANIFEST).write_text(text, encoding="utf-8")
        assert read_last(out) is None
    (out / MANIFEST).write_text(json.dumps({"when": "2026-12-04T09:30:00", "round": 2, "departments": {
        "县水务局": {"status": "退回修改", "items": ["a", 1], "returned": "abc", "folded": {"a": ["b", 2], "c": "d"}},
        "县民政局": {"status": 3, "items": []}, "县教育局": "通过",
        "县卫生健康局": {"status": "退回修改", "items": [], "folded": ["x"]}}}), encoding="utf-8")
    last = read_last(out)
    assert last is not None and last.number == 2
    assert last.departments == {"县水务局": {"status": "退回修改", "items": ["a", "1"], "returned": 0,
                                            "folded": {"a": ["b", "2"]}},
                                "县卫生健康局": {"status": "退回修改", "items": [], "returned": 0, "folded": {}}}


def test_a_department_that_still_sent_nothing_gets_a_second_reminder(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(10, "县水务局")], inbox / "水务局自评表.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    wb.active.append(["县城供水管网改造", "县住房和城乡建设局"])
    wb.save(listed)
    out = tmp_path / "out"
    for n in (1, 2):
        if n == 2:   # another project due from it: a new 催报 (an unchanged one stands as issued, s68)
            wb.active.append(["城镇老旧小区配套设施", "县住房和城乡建设局"])
            wb.save(listed)
        _code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed), "--json")
        d = next(x for x in json.loads(text)["departments"] if x["department"] == "县住房和城乡建设局")
        assert d["status"] == "未报送"
        said = "这是第2次催报。" in _docx_text(d["notice"])
        assert said == (n == 2)


def test_the_console_of_a_second_round_says_how_many_returned_departments_pass_now(tmp_path):
    """The console said only “第 2 轮复核（与上一次复核比较……）” while the 复核台账's head line says how many of
    the departments returned last time pass now: the reviewer at the terminal reads the same sentence."""
    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    first = _review(inbox, out)
    assert first["totals"]["退回修改"] >= 1
    code, text = run_cli("review", str(inbox), "-o", str(out))
    assert code in (0, 1), text
    ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]["A2"].value
    said = re.search(r"上轮（[^）]*）未通过的 \d+ 个单位中，\d+ 个本轮通过", ledger).group(0)
    assert f"第 2 轮复核（与上一次复核比较，见各单位后的括号）：{said}" in text, text


def _mail(path: str | Path) -> tuple[list[str], str]:
    """A mail draft's attachment names and its body."""
    import email
    from email import policy

    msg = email.message_from_bytes(Path(path).read_bytes(), policy=policy.default)
    return [a.get_filename() for a in msg.iter_attachments()], msg.get_body(("plain",)).get_content()


def _list_values(path: str | Path) -> list[tuple]:
    return [tuple(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_a_notice_not_answered_stands_through_later_rounds(tmp_path, capsys):
    """QA s41 item 5: the whole inbox is reviewed again each time one department resends. Round 2:
    县民政局 sent its workbook again (re-saved), 县水务局's is byte for byte as it was; round 3: nothing
    new from either. 县水务局's notice, 清单 and mail say in round 3 what round 1's said (not “第3次退回”,
    no “-第3轮”), 县民政局's what round 2's said; the console and the 台账 say “上轮退回后尚未重新报送” and
    how many have not answered, the JSON last_round “resubmitted”: false."""
    from jixiao.cli import main
    from jixiao.review.rounds import MANIFEST

    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    first = {d["department"]: d for d in _review(inbox, out)["departments"]}
    assert {d["status"] for d in first.values()} == {"退回修改"}
    was = {name: (_docx_text(d["notice"]), _list_values(d["notice_xlsx"]), _mail(d["mail"]))
           for name, d in first.items()}
    book = inbox / "县民政局" / "民政局.xlsx"
    wb = openpyxl.load_workbook(book)
    wb.properties.lastModifiedBy = "民政局 王五"   # saved again: sent anew, nothing put right
    wb.save(book)

    assert main(["review", str(inbox), "-o", str(out)]) == 1
    console = capsys.readouterr().out
    second = _review(inbox, out)
    assert second["round"] == 3   # the console's run was round 2: this one compares with it
    d = {x["department"]: x for x in second["departments"]}
    ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    status = {ledger.cell(row=r, column=2).value: ledger.cell(row=r, column=3).value for r in (4, 5)}
    # 县水务局: nothing new since round 1 -- twice over now; round 1's notice stands
    water = d["县水务局"]
    assert _docx_text(water["notice"]) == was["县水务局"][0] and "次退回" not in was["县水务局"][0]
    assert _list_values(water["notice_xlsx"]) == was["县水务局"][1]   # no 备注 column, no “上次已指出”
    names, body = _mail(water["mail"])
    assert (names, body) == was["县水务局"][2] and not any("第2轮" in n or "第3轮" in n for n in names)
    assert status["县水务局"] == "退回修改\n上轮退回后尚未重新报送"
    line = next(x for x in console.splitlines() if "县水务局：" in x)   # round 2, at the terminal
    assert line.endswith("（上轮退回后尚未重新报送）") and "已改" not in line, line
    assert "未通过的 2 个单位中，0 个本轮通过，1 个尚未重新报送" in console   # round 2's head line
    assert "未通过的 2 个单位中，0 个本轮通过，2 个尚未重新报送" in ledger["A2"].value   # round 3's
    assert water["last_round"]["resubmitted"] is False and water["last_round"]["status"] == "退回修改"
    # 县民政局: sent again before the console's run (round 2), nothing since: round 2's notice stands
    civil = d["县民政局"]
    text = _docx_text(civil["notice"])
    assert f"这是第2次退回。上次通知所列{len(first['县民政局']['to_fix'])}处中，已改正0处" in text
    assert "县民政局-2022-退回修改通知-第2轮.docx" in _mail(civil["mail"])[0]
    assert status["县民政局"] == "退回修改\n第2次退回\n上轮退回后尚未重新报送"   # as its standing notice says
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["departments"]
    assert all(len(record[name]["sent"]) == 1 for name in first)   # each one file, by its content
    assert civil["last_round"]["resubmitted"] is False


def test_of_two_returned_one_resends_and_is_in_its_second_round(tmp_path):
    """Two departments returned in round 1; round 2 with 县民政局's workbook sent again, 县水务局's as it was:
    only 县民政局 is told “这是第2次退回” with its counts, in its notice, mail, 台账 row and JSON."""
    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    first = {d["department"]: d for d in _review(inbox, out)["departments"]}
    notice1 = _docx_text(first["县水务局"]["notice"])
    book = inbox / "县民政局" / "民政局.xlsx"
    wb = openpyxl.load_workbook(book)
    wb.properties.lastModifiedBy = "民政局 王五"
    wb.save(book)
    d = {x["department"]: x for x in _review(inbox, out)["departments"]}
    ledger = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    status = {ledger.cell(row=r, column=2).value: ledger.cell(row=r, column=3).value for r in (4, 5)}

    civil = d["县民政局"]["last_round"]
    assert civil["fixed"] == 0 and civil["items"] == len(first["县民政局"]["to_fix"])
    said = f"这是第2次退回。上次通知所列{civil['items']}处中，已改正0处，仍有{civil['again']}处未改正"
    assert said in _docx_text(d["县民政局"]["notice"])
    names, body = _mail(d["县民政局"]["mail"])
    assert "县民政局-2022-退回修改通知-第2轮.docx" in names and said in body
    assert status["县民政局"] == f"退回修改\n第2次退回\n上轮退回 {civil['items']} 处\n已改 0 处"

    assert _docx_text(d["县水务局"]["notice"]) == notice1 and "次退回" not in notice1
    names, body = _mail(d["县水务局"]["mail"])
    assert "县水务局-2022-退回修改通知.docx" in names and not any("轮" in n for n in names)
    assert "次退回" not in body and "已改正" not in body
    assert status["县水务局"] == "退回修改\n上轮退回后尚未重新报送"
    assert openpyxl.load_workbook(d["县水务局"]["notice_xlsx"]).active.max_column == 9   # no 备注 column
    assert d["县水务局"]["last_round"]["resubmitted"] is False and civil["resubmitted"] is True


def test_a_record_without_the_files_contents_compares_as_before(tmp_path):
    """A round record written before the files' contents were kept: nothing to tell an unchanged
    department by, so each is in its next round as before (“这是第2次退回”), resubmitted true."""
    from jixiao.review.rounds import MANIFEST

    inbox = two_unit_inbox(tmp_path)
    out = tmp_path / "复核结果"
    _review(inbox, out)
    data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for v in data["departments"].values():
        for key in ("sent", "round", "told", "marked"):
            v.pop(key, None)
    (out / MANIFEST).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for d in _review(inbox, out)["departments"]:
        assert d["last_round"]["resubmitted"] is True
        assert "这是第2次退回" in _docx_text(d["notice"])
