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
