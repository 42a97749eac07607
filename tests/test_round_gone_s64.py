"""A second round's notice counts as “已改正” only what the department itself put right (session 64).

Round 1: 县民政局 sent two forms, the first with the very indicators of 县水务局's form (E1 on both). Round 2: 县水务局 set its
own indicators; 县民政局 wrote its 实际完成值 as results (its own corrections) and deleted the second form's sheet. Its
notice said “上次通知所列N处中，已改正M处” with M taking in the E1 point — gone because 县水务局 changed its form — and
every point of the deleted form, which nobody put right. Now M is its own corrections, and the notice says apart, in
one clause, the points that no longer apply and why; the 台账 and the console say “已改 M 处，K 处不再适用”.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, run_cli, sample


def _round1(inbox: Path, out: Path) -> dict:
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    # 县水务局's form copies sample 1's indicators: E1 on both departments' forms
    write_forms([form(10, "县水务局", indicators=sample(1)["indicators"])], inbox / "县水务局" / "水务局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    return {d["department"]: d for d in json.loads(text)["departments"]}


def _notice(out: Path, unit: str) -> str:
    return "\n".join(p.text for p in docx.Document(str(out / unit / "退回修改通知.docx")).paragraphs)


def _ledger_row(out: Path, unit: str) -> dict:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[head.index("单位")] == unit)
    return dict(zip(head, row))


def test_a_point_gone_by_another_departments_change_or_with_its_form_is_not_said_corrected(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    first = _round1(inbox, out)
    mz = first["县民政局"]
    copied = [it for it in mz["to_fix"] if it["rule"] == "E1"]
    assert len(copied) == 1, [it["rule"] for it in mz["to_fix"]]
    dropped = [it for it in mz["to_fix"] if it.get("project") == sample(2)["project"]]
    assert dropped, "the second form has points of its own"
    shutil.copytree(out, tmp_path / "again")   # the same round 2 once more, for the terminal
    # round 2: 县水务局 sets its own indicators; 县民政局 corrects its first form and deletes the second
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    write_forms([form(1, "县民政局", indicators=_fixed(1))], inbox / "县民政局" / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    d = next(x for x in json.loads(text)["departments"] if x["department"] == "县民政局")
    lr = d["last_round"]
    # the notice: of the points gone (``fixed``), the E1 point and the deleted form's are not its corrections
    corrected = lr["fixed"] - 1 - len(dropped)
    assert corrected > 0, lr
    text = _notice(out, "县民政局")
    assert f"上次通知所列{lr['items']}处中，已改正{corrected}处" in text, text
    assert (f"另有{1 + len(dropped)}处不再列入（1处因其他单位报送的表已修改，{len(dropped)}处因所在的表本次未报送）"
            in text), text
    assert lr["gone_others"] == 1 and lr["gone_withdrawn"] == len(dropped), lr
    assert lr["corrected"] == corrected, lr
    assert lr["points_corrected"] + lr["points_gone_others"] + lr["points_gone_withdrawn"] == lr["points_fixed"], lr
    # the 台账: 上轮退回 − 已改 − 不再适用 + 新增 = 须修改 + 请核实
    row = _ledger_row(out, "县民政局")
    note = str(row["状态"])
    said = {k: int(n) for n, k in re.findall(r"(\d+) 处(不再适用)", note)}
    said |= {k: int(n) for k, n in re.findall(r"(上轮退回|已改|新增) (\d+) 处", note)}
    assert said["已改"] == lr["points_corrected"] and said["不再适用"] == 1 + len(dropped), note
    assert (said["上轮退回"] - said["已改"] - said["不再适用"] + said.get("新增", 0)
            == int(row["须修改"] or 0) + int(row["请核实"] or 0)), (note, row)
    # the terminal says what the 台账 says
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "again"))
    line = next(x for x in text.splitlines() if "县民政局" in x)
    assert f"已改 {lr['points_corrected']} 处，{1 + len(dropped)} 处不再适用" in line, line
