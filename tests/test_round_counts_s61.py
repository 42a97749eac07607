"""A second round's 台账 and terminal count the points as their 须修改 and 请核实 columns do (session 61).

The 状态 column of a round-2 台账 read “上轮退回 20 处 / 已改 0 处 / 新增 1 处” beside 须修改 8 and 请核实 12: the
“新增 1 处” was the form of another year the department added (X4, which the notice says apart, “另有1张表
未计入”, and the columns leave out), and “上轮退回” took in the projects not sent. A reviewer adding the
columns got 20, the note said 21. Now 上轮退回 − 已改 + 新增 = 须修改 + 请核实, in the 台账 and on the terminal;
``last_round`` keeps its fields and gains ``points``, ``points_fixed``, ``points_again``, ``points_new``."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, project_list, run_cli, sample


def _note(out: Path, unit: str) -> tuple[str, int, int]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[head.index("单位")] == unit)
    return str(row[head.index("状态")]), int(row[head.index("须修改")] or 0), int(row[head.index("请核实")] or 0)


def _adds_up(note: str, change: int, verify: int) -> dict[str, int]:
    said = {k: int(n) for k, n in re.findall(r"(上轮退回|已改|新增) (\d+) 处", note)}
    assert said["上轮退回"] - said["已改"] + said.get("新增", 0) == change + verify, (note, change, verify)
    return said


def test_a_form_of_another_year_and_a_project_not_sent_are_not_counted_as_points(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    listed = project_list(tmp_path / "清单.xlsx", [(sample(1)["project"], "县民政局"), ("养老服务补贴", "县民政局")])
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed), "--json")
    first = json.loads(text)["departments"][0]
    assert first["missing"] == ["养老服务补贴"]
    points = first["to_change"] + first["to_verify"]
    shutil.copytree(out, tmp_path / "again")   # round 1 twice: one round 2 for --json, one for the terminal
    # round 2: the form as it was, one of another year beside it, the project still not sent
    write_forms([form(1, "县民政局"), form(3, "县民政局", year=2021)], inbox / "县民政局" / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed), "--json")
    d = json.loads(text)["departments"][0]
    lr = d["last_round"]
    assert lr["items"] == points + 1 and lr["new"] == 1           # the fields as they were: every item
    assert (lr["points"], lr["points_fixed"], lr["points_new"]) == (points, 0, 0)
    assert lr["points_again"] + lr["points_new"] == d["to_change"] + d["to_verify"]
    note, change, verify = _note(out, "县民政局")
    assert note.split("\n")[1:] == ["第2次退回", f"上轮退回 {points} 处", "已改 0 处"], note   # the count: s66
    _adds_up(note, change, verify)
    # the terminal says what the 台账 says
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "again"), "--expected", str(listed))
    line = next(x for x in text.splitlines() if "县民政局" in x)
    assert f"（第2次退回，上轮退回 {points} 处，已改 0 处）" in line and "新增" not in line, line   # the count: s66


def test_points_put_right_and_new_add_up_to_the_columns(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    # round 2: sample 1's 实际完成值 written as results (some points put right), and a form of another year
    write_forms([form(1, "县民政局", indicators=_fixed(1)), form(2, "县民政局"), form(4, "县民政局", year=2021)],
                inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    note, change, verify = _note(out, "县民政局")
    said = _adds_up(note, change, verify)
    assert said["已改"] > 0, note


def test_a_department_returned_for_a_project_not_sent_alone_is_not_said_to_have_zero_points() -> None:
    """Returned last round for a project it did not send, with no point to change or verify: its note said
    “上轮退回 0 处，已改 0 处” once the points were counted as the columns count them. It says “上轮退回”."""
    from types import SimpleNamespace

    from jixiao.review.rounds import round_note

    def note(**lr):
        base = {"status": "退回修改", "items": 1, "fixed": 0, "again": 0, "new": 0, "returned": 1, "points": 0,
                "points_fixed": 0, "points_again": 0, "points_new": 0}
        return round_note(SimpleNamespace(last_round={**base, **lr}, standing=None))

    assert note() == "上轮退回"
    assert note(points_new=2) == "上轮退回，新增 2 处"
    assert note(points=3, points_fixed=1, points_new=2) == "上轮退回 3 处，已改 1 处，新增 2 处"
