"""The reviewer's second round (session 66): a department whose forms were all set aside (another year's, on a
hidden sheet) is told which return this is, as every other returned department is; the 台账 says, per
department, which return its notice is (第几次退回), as the notice does; the 问题统计 no longer has two rows
coded X1. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, ledger_row, project_list, review_json, run_cli
from test_review_no_form_s65 import _county


def _paras(path: Path) -> list[str]:
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _mail_body(path: Path) -> str:
    from email import policy
    from email.parser import BytesParser

    msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    return msg.get_body(preferencelist=("plain",)).get_content()


def _hidden(path: Path, unit: str) -> Path:
    """A workbook of one form, its sheet hidden (an old copy kept out of sight) beside a visible blank sheet."""
    write_forms([form(2, unit)], path)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("说明")
    wb.worksheets[0].sheet_state = "hidden"
    wb.active = 1
    wb.save(path)
    return path


def test_a_department_with_every_form_set_aside_is_told_it_is_its_second_return(tmp_path: Path) -> None:
    """县民政局 sent a form of 2021 in round 1 (returned: nothing counted), then, in round 2, a form on a hidden
    sheet; 县水务局 a 2022 form each time. Its second notice and mail read like a first one: no “这是第2次退回”,
    which every other returned department's second notice says."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    write_forms([form(1, "县民政局", year=2021)], inbox / "县民政局" / "民政局.xlsx")
    first = review_json(inbox, out)
    unit = next(d for d in first["departments"] if d["department"] == "县民政局")
    assert unit["status"] == "退回修改" and unit["forms"] == 0, unit
    _hidden(inbox / "县民政局" / "民政局（修改稿）.xlsx", "县民政局")
    second = review_json(inbox, out)
    unit = next(d for d in second["departments"] if d["department"] == "县民政局")
    assert unit["status"] == "退回修改" and unit["forms"] == 0 and unit["last_round"]["resubmitted"], unit
    assert unit["notice_count"] == "第2次退回", unit["notice_count"]
    water = next(d for d in second["departments"] if d["department"] == "县水务局")
    assert water["notice_count"] == "", water   # its notice of round 1 stands: a first return says no count
    said = "".join(_paras(out / "县民政局" / "退回修改通知.docx"))
    assert "这是第2次退回。" in said, said
    mail = _mail_body(out / "县民政局" / "退回修改邮件.eml")
    assert "这是第2次退回。" in mail, mail
    # the 台账 says the same
    assert "第2次退回" in str(ledger_row(out, "县民政局")["状态"]), ledger_row(out, "县民政局")


def _status(out: Path, unit: str) -> list[str]:
    return str(ledger_row(out, unit)["状态"]).split("\n")


def test_the_ledger_says_which_return_each_notice_is(tmp_path: Path) -> None:
    """Round 1: 县民政局 and 县水务局 returned (their first return). Round 2: 县民政局 fixed nothing and sent
    again (第2次退回, as its notice says), 县水务局 sent nothing new (its notice of round 1 stands: still its 1st
    return); round 3 县民政局 again (第3次); round 4 县水务局 answers (its 2nd). The 台账's 状态 column said how many
    points were put right and never which return the notice was: the reviewer phoning a department could not
    say “这已是第三次退回”."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert _status(out, "县民政局") == ["退回修改"], _status(out, "县民政局")   # a first return: said as before
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    said = "".join(_paras(out / "县民政局" / "退回修改通知.docx"))
    assert "这是第2次退回。" in said, said
    assert "第2次退回" in _status(out, "县民政局"), _status(out, "县民政局")
    standing = _status(out, "县水务局")
    assert "上轮退回后尚未重新报送" in standing and not any("次退回" in s for s in standing), standing
    write_forms([form(1, "县民政局", filled_on="2023.3.25")], inbox / "县民政局" / "民政局（第三稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    said = "".join(_paras(out / "县民政局" / "退回修改通知.docx"))
    assert "这是第3次退回。" in said, said
    assert "第3次退回" in _status(out, "县民政局"), _status(out, "县民政局")
    # 县水务局's notice stood through rounds 2 and 3; sending again now, it is returned the 2nd time, not the 4th
    write_forms([form(10, "县水务局", indicators=_fixed(10), filled_on="2023.3.25")],
                inbox / "县水务局" / "水务局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    said = "".join(_paras(out / "县水务局" / "退回修改通知.docx"))
    assert "这是第2次退回。" in said, said
    assert _status(out, "县水务局")[:2] == ["退回修改", "第2次退回"], _status(out, "县水务局")


def test_the_pivot_has_one_x1_over_its_two_kinds(tmp_path: Path) -> None:
    """A locked workbook (无法读取) and two budget tables (不是自评表): the 问题统计 had two rows whose 规则 was
    “X1”, and a reviewer counting by rule read one rule listed twice. The rule's code is one cell over its two
    rows, as a rule is one code in the catalogue and the 校验结果 sheets."""
    out = tmp_path / "out"
    review_json(_county(tmp_path), out)
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["问题统计"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    codes = [r[0] for r in rows if r[0]]
    assert len(codes) == len(set(codes)), codes
    at = {r[1]: n for n, r in enumerate(rows, 3)}
    unread, no_form = at["文件或自评表无法读取"], at["报送的文件不是自评表"]
    assert ws.cell(unread, 1).value == "X1" and no_form == unread + 1, (unread, no_form)
    assert f"A{unread}:A{no_form}" in {str(m) for m in ws.merged_cells.ranges}, ws.merged_cells.ranges


def test_the_status_cell_of_a_second_reminder_is_not_cut(tmp_path: Path) -> None:
    """县住房和城乡建设局 sent nothing twice: its 状态 cell reads “未报送”, “第2次催报”, “上轮未报送” — three lines in a
    row planned for two (the count was left out of the row's height): printed, the first and last lines were cut
    in half (seen in the rendered 台账)."""
    from jixiao.review.ledger import LEDGER_LINE

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    due = [(form(10, "县水务局").project, "县水务局"), ("老旧小区改造", "县住房和城乡建设局")]
    listed = project_list(tmp_path / "清单.xlsx", due)
    run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    # another project due from it: a new 催报, its 2nd (an unchanged one stands as issued, s68)
    project_list(listed, [*due, ("城镇老旧小区配套设施", "县住房和城乡建设局")])
    run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    r = next(c.row for c in ws["B"] if c.value == "县住房和城乡建设局")
    said = str(ws.cell(r, 3).value).split("\n")
    assert said == ["未报送", "第2次催报", "上轮未报送"], said
    assert ws.row_dimensions[r].height >= LEDGER_LINE * len(said), (ws.row_dimensions[r].height, said)


def test_the_console_says_which_return_as_the_ledger_does(tmp_path: Path) -> None:
    """The console's line for each department said “（上轮退回 12 处，已改 0 处）” and not which return its notice was,
    which the 台账 now says: “（第2次退回，上轮退回 12 处，已改 0 处）”; a 催报 alike; a first return says none."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(form(1, "县民政局").project, "县民政局"),
                                                   (form(10, "县水务局").project, "县水务局"),
                                                   ("老旧小区改造", "县住房和城乡建设局")])
    run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    # another project due from 县住房和城乡建设局: a new 催报, its 2nd (an unchanged one stands as issued, s68)
    project_list(listed, [(form(1, "县民政局").project, "县民政局"), (form(10, "县水务局").project, "县水务局"),
                          ("老旧小区改造", "县住房和城乡建设局"), ("城镇老旧小区配套设施", "县住房和城乡建设局")])
    code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed))
    lines = {name: next(x for x in text.splitlines() if f"】{name}" in x)
             for name in ("县民政局", "县水务局", "县住房和城乡建设局")}
    assert "（第2次退回，上轮退回 " in lines["县民政局"], lines
    assert lines["县水务局"].endswith("（上轮退回后尚未重新报送）"), lines   # its first notice stands
    assert lines["县住房和城乡建设局"].endswith("（第2次催报，上轮未报送）"), lines


def test_a_file_sent_again_unchanged_is_not_said_to_be_nothing_sent(tmp_path: Path) -> None:
    """县水务局 answered its notice by sending its workbook again, unchanged, under another name (the changes never
    saved). Its notice rightly stands, but the 台账 and the console said “上轮退回后尚未重新报送” and the 文件清单
    did not mark the new file as come this round: the reviewer phoning it was told it had sent nothing, and it had.
    They say it sent the same file again; --json's last_round lists it (resent_same)."""
    import shutil

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    shutil.copyfile(inbox / "县水务局" / "水务局.xlsx", inbox / "县水务局" / "水务局（修改后）.xlsx")
    shutil.copytree(out, tmp_path / "again")   # round 2 twice: the console, then --json
    code, text = run_cli("review", str(inbox), "-o", str(out))
    line = next(x for x in text.splitlines() if "】县水务局" in x)
    assert line.endswith("（上轮退回后重新发来的文件与上轮相同）"), line
    assert "县民政局" in text and "（上轮退回后尚未重新报送）" in text, text   # sent nothing at all: as before
    assert "未通过的 2 个单位中，0 个本轮通过，1 个尚未重新报送，1 个重新发来的文件与上轮相同" in text, text
    status = _status(out, "县水务局")
    assert status == ["退回修改", "上轮退回后重新发来的文件与上轮相同"], status
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    said = {r[1]: r[4] for r in ws.iter_rows(min_row=3, values_only=True)}
    assert said["县水务局/水务局（修改后）.xlsx"].startswith("第2轮新收到；"), said
    assert not str(said["县水务局/水务局.xlsx"] or "").startswith("第2轮新收到"), said
    unit = next(d for d in review_json(inbox, tmp_path / "again")["departments"] if d["department"] == "县水务局")
    assert unit["last_round"]["resubmitted"] is False, unit["last_round"]
    assert unit["last_round"]["resent_same"] == ["县水务局/水务局（修改后）.xlsx"], unit["last_round"]
