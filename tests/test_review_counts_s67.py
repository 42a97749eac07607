"""The reviewer's counts told right (session 67): the 复核台账's head line, the console and ``--json`` count the
departments that passed before and sent files again, and those that sent a file again unchanged, as the rows
say them; the 分单位汇总's 复核状态 says which return a notice is, as the 台账 does. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, ledger_row, run_cli


def _by_unit_status(out: Path) -> dict[str, str]:
    """The 分单位汇总's 复核状态 (column L) by department."""
    book = next(out.glob("*绩效自评情况汇总表.xlsx"))
    ws = openpyxl.load_workbook(book)["分单位汇总"]
    head = [c.value for c in ws[3]]
    col = head.index("复核状态")
    return {str(r[1]): str(r[col]) for r in ws.iter_rows(min_row=5, values_only=True)
            if r[1] and r[1] != "合计" and isinstance(r[0], int)}


def test_the_by_unit_sheet_says_which_return_as_the_ledger_does(tmp_path: Path) -> None:
    """县民政局 is returned twice (its 修改稿 still wrong): the 台账's 状态 says “第2次退回” under “退回修改”, the
    分单位汇总's 复核状态 said “退回修改” alone; 县水务局's first notice stands (no count in either)."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert _by_unit_status(out) == {"县民政局": "退回修改", "县水务局": "退回修改"}, _by_unit_status(out)
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    ledger = str(ledger_row(out, "县民政局")["状态"]).split("\n")
    assert ledger[:2] == ["退回修改", "第2次退回"], ledger
    said = _by_unit_status(out)
    assert said == {"县民政局": "退回修改\n第2次退回", "县水务局": "退回修改"}, said
    # the row is as tall as its two lines; the 说明 still counts the status once
    book = next(out.glob("*绩效自评情况汇总表.xlsx"))
    ws = openpyxl.load_workbook(book)["分单位汇总"]
    row = next(c.row for c in ws["B"] if c.value == "县民政局")
    assert ws.row_dimensions[row].height >= 2 * 14, ws.row_dimensions[row].height
    note = "".join(str(c.value or "") for c in ws["A"] if str(c.value or "").startswith("说明"))
    assert "退回修改2个" in note, note


def _head(out: Path) -> str:
    return str(openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]["A2"].value)


def _round_two(tmp_path: Path) -> tuple[Path, Path]:
    """Round 1: 县交通运输局 passes, 县民政局 and 县水务局 are returned. Round 2: 县交通运输局 sends a 修改稿 of 2021 (not
    counted), 县水务局 its workbook again unchanged under another name, 县民政局 nothing."""
    import shutil

    from review_fixture import _fixed

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    unit = "县交通运输局"
    write_forms([form(12, unit, indicators=_fixed(12), filled_on="2023.3.20")], inbox / unit / "交通运输局.xlsx")
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    write_forms([form(12, unit, indicators=_fixed(12), filled_on="2023.4.10", year=2021)],
                inbox / unit / "交通运输局（修改稿）.xlsx")
    shutil.copyfile(inbox / "县水务局" / "水务局.xlsx", inbox / "县水务局" / "水务局（修改后）.xlsx")
    return inbox, out


WORD = ("未通过的 2 个单位中，0 个本轮通过，1 个尚未重新报送，1 个重新发来的文件与上轮相同；"
        "上轮通过的 1 个单位中，1 个重新报送了文件，其中 1 个有文件未计入")


def test_the_head_line_counts_a_passed_departments_resend(tmp_path: Path) -> None:
    """县交通运输局's row said “上轮通过，重新报送 1 个文件，未计入，仍用原表”; the 台账's head line and the console's round
    line counted only the departments not passed then, and --json had no count of either: the reviewer reporting
    the round read nothing of the department that sent a correction not taken."""
    import json

    inbox, out = _round_two(tmp_path)
    import shutil

    shutil.copytree(out, tmp_path / "again")   # round 2 twice: the console and 台账, then --json
    _code, text = run_cli("review", str(inbox), "-o", str(out))
    assert WORD in _head(out), _head(out)
    line = next(x for x in text.splitlines() if x.startswith("第 2 轮复核"))
    assert line.endswith(WORD), line
    rows = {u: str(ledger_row(out, u)["状态"]).split("\n") for u in ("县民政局", "县水务局", "县交通运输局")}
    assert rows == {"县民政局": ["退回修改", "上轮退回后尚未重新报送"],
                    "县水务局": ["退回修改", "上轮退回后重新发来的文件与上轮相同"],
                    "县交通运输局": ["通过", "上轮通过", "重新报送 1 个文件", "未计入", "仍用原表"]}, rows
    # --json counts them as the rows and the head line do (an added field)
    _code, data = run_cli("review", str(inbox), "-o", str(tmp_path / "again"), "--json")
    got = json.loads(data)["totals"]["against_last"]
    assert got == {"not_passed": 2, "now_pass": 0, "waiting": 1, "resent_same": 1, "passed": 1, "resent": 1,
                   "resent_aside": 1}, got
    # the head line's row is as tall as its lines (it was a fixed two)
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    from jixiao.review.ledger import COLS, LEDGER_LINE, PRINTED, _lines

    lines = _lines(_head(out), sum(w for _h, w in COLS[:PRINTED]))
    assert ws.row_dimensions[2].height >= LEDGER_LINE * lines, (ws.row_dimensions[2].height, lines)


def test_a_file_sent_again_unchanged_stays_said_at_a_rerun(tmp_path: Path) -> None:
    """A third run over the same inbox (another department's file came, or the reviewer ran it again): 县水务局,
    whose notice still stands, had sent its file again unchanged in round 2 — round 3 counted it “尚未重新报送” in
    its row, the head line, the console and --json (``resent_same`` gone), as if it had sent nothing."""
    import json

    inbox, out = _round_two(tmp_path)
    run_cli("review", str(inbox), "-o", str(out))
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    data = json.loads(text)
    water = next(d for d in data["departments"] if d["department"] == "县水务局")
    assert water["last_round"].get("resent_same") == ["县水务局/水务局（修改后）.xlsx"], water["last_round"]
    assert data["totals"]["against_last"]["waiting"] == 1 and data["totals"]["against_last"]["resent_same"] == 1, \
        data["totals"]["against_last"]
    assert str(ledger_row(out, "县水务局")["状态"]).split("\n") == ["退回修改", "上轮退回后重新发来的文件与上轮相同"]
    assert "第 3 轮复核：" in _head(out) and "1 个尚未重新报送，1 个重新发来的文件与上轮相同" in _head(out), _head(out)
    # it answers at last: a new notice, no word of the same file any more
    from review_fixture import _fixed

    write_forms([form(10, "县水务局", indicators=_fixed(10), filled_on="2023.4.1")], inbox / "县水务局" / "水务局（第三稿）.xlsx")
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    water = next(d for d in json.loads(text)["departments"] if d["department"] == "县水务局")
    assert "resent_same" not in water["last_round"] and water["last_round"]["resubmitted"], water["last_round"]


def test_a_passed_departments_resend_counted_beside_one_set_aside(tmp_path: Path, capsys) -> None:
    """县交通运输局 passed, then sent a 修改稿 (counted: it replaces the original) and a later one of 2021 (set aside).
    Its 情况告知 mail named only what was not counted and no file the review goes by (“仍以原报送的……为准” was left
    out, nothing said instead), its subject said the resent files were not counted, and the console said the review
    “仍用原报送的表” — it uses the 修改稿."""
    import json
    from email import policy
    from email.parser import BytesParser

    from review_fixture import _fixed

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    unit = "县交通运输局"
    write_forms([form(12, unit, indicators=_fixed(12), filled_on="2023.3.20")], inbox / unit / "交通运输局.xlsx")
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    write_forms([form(12, unit, indicators=_fixed(12), filled_on="2023.4.10")], inbox / unit / "交通运输局（修改稿）.xlsx")
    write_forms([form(12, unit, indicators=_fixed(12), filled_on="2023.4.12", year=2021)],
                inbox / unit / "交通运输局（修改稿2）.xlsx")
    capsys.readouterr()
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    err = capsys.readouterr().err
    data = json.loads(text)
    dept = next(d for d in data["departments"] if d["department"] == unit)
    assert dept["status"] == "通过" and dept["file_names"] == [f"{unit}/交通运输局（修改稿）.xlsx"], dept
    assert sorted((f["file"], f["counted"]) for f in dept["last_round"]["resent"]) == [
        (f"{unit}/交通运输局（修改稿2）.xlsx", False), (f"{unit}/交通运输局（修改稿）.xlsx", True)], dept["last_round"]
    assert str(ledger_row(out, unit)["状态"]).split("\n") == ["通过", "上轮通过", "重新报送 2 个文件", "1 个未计入"]
    assert data["totals"]["against_last"]["resent"] == 1 and data["totals"]["against_last"]["resent_aside"] == 1
    assert "上轮通过的 1 个单位中，1 个重新报送了文件，其中 1 个有文件未计入" in _head(out), _head(out)
    # the console does not say the original is used
    said = next(x for x in err.splitlines() if "情况告知邮件草稿" in x)
    assert "仍用原报送的表" not in said and "重新报送的文件有未计入的" in said, said
    # the mail: which file was not counted and why, and which one the review goes by
    msg = BytesParser(policy=policy.default).parsebytes(Path(dept["resent_mail"]).read_bytes())
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert str(msg["Subject"]) == "【情况告知】县交通运输局2022年度项目支出绩效自评表重新报送的部分文件未计入", msg["Subject"]
    assert ("此后重新报送的文件中，“交通运输局（修改稿2）.xlsx”年度填为2021年度，本次审核的是2022年度的表，未计入。"
            "本次审核和汇总以重新报送的“交通运输局（修改稿）.xlsx”为准。") in body, body
    assert "原报送的" not in body and f"{unit}/" not in body, body
    # the 汇总表 takes the 修改稿, as the mail says
    book = next(out.glob("*绩效自评情况汇总表.xlsx"))
    rows = [r for r in openpyxl.load_workbook(book)["项目明细"].iter_rows(values_only=True) if unit in r]
    assert [r[-1] for r in rows] == ["交通运输局（修改稿）.xlsx"], rows


def test_a_passed_departments_resend_not_counted_stays_said_at_a_rerun(tmp_path: Path) -> None:
    """Round 3 over the same inbox (nothing new from 县交通运输局): its row said “上轮通过” alone, the head line and
    --json counted no resend, and its 情况告知 draft — perhaps not sent yet — was moved into 历次复核. The word
    stands while its files are as they were, the draft is written again as first drafted (its Date: too)."""
    import json
    from email import policy
    from email.parser import BytesParser

    inbox, out = _round_two(tmp_path)
    run_cli("review", str(inbox), "-o", str(out))
    mail = out / "县交通运输局" / "情况告知邮件.eml"

    def said(path: Path) -> tuple[str, str, str]:
        msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        return str(msg["Date"]), str(msg["Subject"]), msg.get_body(preferencelist=("plain",)).get_content()

    first = said(mail)
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    data = json.loads(text)
    unit = next(d for d in data["departments"] if d["department"] == "县交通运输局")
    assert [f["counted"] for f in unit["last_round"]["resent"]] == [False] and unit["last_round"]["resent_kept"], unit
    assert str(ledger_row(out, "县交通运输局")["状态"]).split("\n") == ["通过", "上轮通过", "重新报送 1 个文件", "未计入",
                                                                  "仍用原表"]
    assert data["totals"]["against_last"]["resent_aside"] == 1 and "其中 1 个有文件未计入" in _head(out), _head(out)
    assert unit["resent_mail"] and said(mail) == first, (said(mail), first)
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    notes = {r[1]: r[4] for r in ws.iter_rows(min_row=3, values_only=True)}
    assert notes["县交通运输局/交通运输局.xlsx"] == "重新报送的文件未计入，仍计入此表", notes   # not “第3轮…”
    # it sends the year put right: counted, no mail, the word gone
    from review_fixture import _fixed

    (inbox / "县交通运输局" / "交通运输局（修改稿）.xlsx").unlink()
    write_forms([form(12, "县交通运输局", indicators=_fixed(12), filled_on="2023.4.12")],
                inbox / "县交通运输局" / "交通运输局（修改稿2）.xlsx")
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    unit = next(d for d in json.loads(text)["departments"] if d["department"] == "县交通运输局")
    assert unit["resent_mail"] is None and [f["counted"] for f in unit["last_round"]["resent"]] == [True], unit
    assert not mail.exists()
