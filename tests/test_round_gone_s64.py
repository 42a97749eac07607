"""A second round's notice counts as “已改正” only what the department itself put right (session 64).

Round 1: 县民政局 sent two forms, the first with the very indicators of 县水务局's form (E1 on both). Round 2: 县水务局 set its
own indicators; 县民政局 wrote its 实际完成值 as results (its own corrections) and deleted the second form's sheet. Its
notice said “上次通知所列N处中，已改正M处” with M taking in the E1 point — gone because 县水务局 changed its form — and
every point of the deleted form, which nobody put right. Now M is its own corrections, and the notice says apart, in
one clause, the points that no longer apply and why; the 台账 and the console say “已改 M 处，K 处不再适用”.

The 问题统计 sheet counted the findings while the 台账's 须修改/请核实 columns and the notice count the notice's
items (``notices.points``): a department whose notice stands (its files as they were) still has the E1 point in its
notice once 县水务局 changed its form; the columns counted it, the 问题统计 did not.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, ledger_row, run_cli, sample


def _round1(inbox: Path, out: Path) -> dict:
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    # 县水务局's form copies sample 1's indicators: E1 on both departments' forms
    write_forms([form(10, "县水务局", indicators=sample(1)["indicators"])], inbox / "县水务局" / "水务局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    return {d["department"]: d for d in json.loads(text)["departments"]}


def _notice(out: Path, unit: str) -> str:
    return "\n".join(p.text for p in docx.Document(str(out / unit / "退回修改通知.docx")).paragraphs)


_ledger_row = ledger_row


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


def _pivot(out: Path) -> dict[str, dict[str, int]]:
    """The 问题统计's 须修改小计 and 请核实小计 rows, by department."""
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["问题统计"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[1])
    out_: dict[str, dict[str, int]] = {}
    for r in rows[2:]:
        if r[1] in ("须修改小计", "请核实小计"):
            for c, name in enumerate(head[3:-1], 3):
                out_.setdefault(str(name), {})[str(r[1])[:3]] = int(r[c] or 0)
    return out_


def test_the_pivot_counts_what_the_ledger_and_the_notice_count(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _round1(inbox, out)
    # round 2: only 县水务局 changes its form; 县民政局's files are as they were, its notice stands with the E1 point
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    data = json.loads(text)
    d = next(x for x in data["departments"] if x["department"] == "县民政局")
    assert d["last_round"]["resubmitted"] is False and not any(it["rule"] == "E1" for it in d["to_fix"])
    assert "逐条相同" in _notice(out, "县民政局")   # … as sent
    pivot = _pivot(out)
    for x in data["departments"]:
        if x["to_change"] or x["to_verify"]:
            row = _ledger_row(out, x["department"])
            assert (int(row["须修改"] or 0), int(row["请核实"] or 0)) == (x["to_change"], x["to_verify"])
            assert (pivot[x["department"]].get("须修改", 0), pivot[x["department"]].get("请核实", 0)) \
                == (x["to_change"], x["to_verify"]), (x["department"], pivot)
    # the totals of --json are the 问题统计's 合计
    assert data["totals"]["to_change"] == sum(p.get("须修改", 0) for p in pivot.values())
    assert data["totals"]["to_verify"] == sum(p.get("请核实", 0) for p in pivot.values())


def test_a_project_name_another_department_no_longer_uses_is_not_said_corrected(tmp_path: Path) -> None:
    """E2: 县水务局 wrote 县民政局's project name on its own form; in round 2 it writes its own, and 县民政局 (which
    corrected its 实际完成值) is not told it put the duplicate name right."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局", project=sample(1)["project"])], inbox / "县水务局" / "水务局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    mz = next(x for x in json.loads(text)["departments"] if x["department"] == "县民政局")
    assert [it["rule"] for it in mz["to_fix"]].count("E2") == 1
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    write_forms([form(1, "县民政局", indicators=_fixed(1))], inbox / "县民政局" / "民政局.xlsx")
    code, text = run_cli("review", str(inbox), "-o", str(out), "--json")
    data = {x["department"]: x for x in json.loads(text)["departments"]}
    lr = data["县民政局"]["last_round"]
    text = _notice(out, "县民政局")
    assert f"已改正{lr['fixed'] - 1}处" in text and "另有1处因其他单位报送的表已修改，不再列入。" in text, text
    assert (lr["gone_others"], lr["gone_withdrawn"]) == (1, 0) and lr["corrected"] == lr["fixed"] - 1 > 0, lr
    # 县水务局 renamed its own form: its E2 is its correction (the form is on the same sheet under its new name)
    w = data["县水务局"]["last_round"]
    assert w["gone_others"] == 0 and w["gone_withdrawn"] == 0 and w["corrected"] == w["fixed"], w


def test_gone_why_tells_the_reasons_apart() -> None:
    """``rounds.gone_why`` case by case: a copied-indicators point whose other form was the department's own is its
    correction; one naming another department's form is that one's change only while its own indicators are as
    they were; an E4 point while its forms and 汇总表 are as they were; a form gone with nothing in its place."""
    from types import SimpleNamespace

    from jixiao.review.rounds import gone_why, item_key

    def key(rule: str, project: str = "甲项目", cell: str = "C10") -> str:
        return item_key({"kind": "finding", "rule": rule, "project": project, "cell": cell})

    e1, e4, c4 = key("E1"), key("E4", "", "C5"), key("C4", "乙项目")
    before = {"own": {"indicators": {"甲项目": "h1"}, "figures": "f1"}, "elsewhere": [e1],
              "forms": [("甲项目", "甲"), ("乙项目", "乙")]}

    def now(indicators: str = "h1", figures: str = "f1", forms=(("甲项目", "甲"), ("乙项目", "乙")), tables=("汇总表.xlsx",)):
        return SimpleNamespace(own={"indicators": {"甲项目": indicators}, "figures": figures},
                               form_keys={k for k, _ in forms}, form_sheets={s for _, s in forms},
                               form_ids=list(forms), summary_tables=list(tables), reports=[])

    assert gone_why(e1, before, now()) == "others"
    assert gone_why(e1, before, now(indicators="h2")) == "corrected"
    assert gone_why(e1, {**before, "elsewhere": []}, now()) == "corrected"     # the pair was its own two forms
    assert gone_why(e4, before, now()) == "others"
    assert gone_why(e4, before, now(figures="f2")) == "corrected"
    assert gone_why(e4, before, now(tables=())) == "withdrawn"                 # its 汇总表 not sent again
    assert gone_why(c4, before, now(forms=(("甲项目", "甲"),))) == "withdrawn"  # 乙项目's sheet deleted
    assert gone_why(c4, before, now(forms=(("甲项目", "甲"), ("丙项目", "丙")))) == "corrected"   # renamed, maybe
    assert gone_why(c4, before, now()) == "corrected"
