"""A department that has not sent again keeps the notice it was sent (session 62).

县民政局 was returned in round 1 and sent nothing new; in round 2 县教育局 sent a form whose indicators are
those of 县民政局's form word for word. The rerun gave 县民政局 a new E1 point — from another department's
file — and re-drafted its standing 退回修改通知 with it: the notice it had been sent changed silently, the
台账 still said “尚未重新报送”. Now the point is held out of the standing notice, 清单, mail and marked copy,
shown to the reviewer (台账 状态, console, ``--json`` last_round.held), and goes into the notice once the
department sends again and a new notice is drafted.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, sample


def _notice(out: Path, who: str) -> list[str]:
    return [p.text for p in docx.Document(out / who / "退回修改通知.docx").paragraphs if p.text.strip()]


def _status(out: Path, who: str) -> str:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[head.index("单位")] == who)
    return str(row[head.index("状态")])


def _marked(out: Path, who: str) -> list[str]:
    book = next((out / who).glob("*校验标注.xlsx"))
    return [str(r[1]) for r in openpyxl.load_workbook(book)["校验结果"].iter_rows(min_row=2, values_only=True) if r[1]]


def test_a_point_from_another_departments_file_waits_for_a_new_notice(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(3, "县教育局")], inbox / "县教育局" / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    first, first_marks = _notice(out, "县民政局"), _marked(out, "县民政局")
    assert not any("E1" in m for m in first_marks)

    # round 2: 县教育局 sends a form with 县民政局's indicators word for word; 县民政局 sends nothing
    copied = form(3, "县教育局", indicators=sample(1)["indicators"], project="教育局照搬项目")
    write_forms([form(3, "县教育局"), copied], inbox / "县教育局" / "教育局.xlsx")
    _code, said = run_cli("review", str(inbox), "-o", str(out))
    assert _notice(out, "县民政局") == first            # the notice it was sent, word for word
    assert _marked(out, "县民政局") == first_marks      # its marked copy too
    status = _status(out, "县民政局")
    assert "尚未重新报送" in status and "新问题 1 处" in status, status
    line = next(x for x in said.splitlines() if "县民政局" in x)
    assert "新问题 1 处" in line and "E1" in said, said
    _c, raw = run_cli("review", str(inbox), "-o", str(out), "--json")
    d = next(x for x in json.loads(raw)["departments"] if x["department"] == "县民政局")
    assert [h["rule"] for h in d["last_round"]["held"]] == ["E1"], d["last_round"]
    every = json.loads(raw)
    assert every["totals"]["to_verify"] == sum(x["to_verify"] for x in every["departments"])
    assert any("逐条相同" in p for p in _notice(out, "县教育局"))

    # round 3: 县民政局 sends again (its form saved anew): a new notice, the E1 point in it as a new one
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    third = _notice(out, "县民政局")
    e1 = [p for p in third if "逐条相同" in p]
    assert len(e1) == 1 and "上次已指出" not in e1[0], third
    assert "新问题" not in _status(out, "县民政局")


def test_a_standing_notice_keeps_the_day_it_was_drafted(tmp_path: Path) -> None:
    """Rerun the next day, the standing notice (and its mail) were dated that day: the notice in the folder was
    no longer the one sent. The manifest keeps the day a notice was drafted; a standing one keeps it."""
    from email import message_from_bytes, policy

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    manifest = out / ".jixiao-复核清单.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["departments"]["县民政局"]["drafted"]
    data["departments"]["县民政局"]["drafted"] = "2023-03-25"   # as if drafted then, rerun today
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run_cli("review", str(inbox), "-o", str(out))
    assert "2023年3月25日" in _notice(out, "县民政局")
    mail = message_from_bytes((out / "县民政局" / "退回修改邮件.eml").read_bytes(), policy=policy.default)
    assert "2023年3月25日" in mail.get_body(("plain",)).get_content()
    kept = json.loads(manifest.read_text(encoding="utf-8"))["departments"]["县民政局"]
    assert kept["drafted"] == "2023-03-25"
    # once it sends again, the new notice is dated today
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert "2023年3月25日" not in _notice(out, "县民政局")


def test_a_point_of_a_standing_notice_gone_by_another_departments_change_is_said(tmp_path: Path) -> None:
    """Both departments were told of their copied indicators (E1); 县教育局 put its form right, 县民政局 sent
    nothing. Its notice stands; the 台账 says that one point of it is no longer there, not only “尚未重新报送”."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    copied = form(3, "县教育局", indicators=sample(1)["indicators"], project="教育局照搬项目")
    write_forms([copied], inbox / "县教育局" / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert any("逐条相同" in p for p in _notice(out, "县民政局"))
    write_forms([form(3, "县教育局", project="教育局照搬项目")], inbox / "县教育局" / "教育局.xlsx")
    _code, said = run_cli("review", str(inbox), "-o", str(out))
    status = _status(out, "县民政局")
    assert "尚未重新报送" in status and "通知所列 1 处已不存在" in status, status
    assert "通知所列 1 处已不存在" in next(x for x in said.splitlines() if "县民政局" in x)


def test_a_standing_notices_mail_keeps_the_date_it_was_drafted(tmp_path: Path) -> None:
    """The standing notice kept its 成文日期, but its mail draft was dated anew on each rerun (its ``Date:`` header,
    which the mail program shows as the draft's date): the draft the reviewer may already have sent, rewritten
    with today's time, no longer the one sent, and two reruns' drafts differing by their Date. The manifest keeps the
    draft's Date; a standing notice's mail keeps it on every rerun, as the notice keeps its 成文日期."""
    from email import message_from_bytes, policy

    def date(who: str) -> str:
        return str(message_from_bytes((out / who / "退回修改邮件.eml").read_bytes(), policy=policy.default)["Date"])

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    manifest = out / ".jixiao-复核清单.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["departments"]["县民政局"]["mailed"] == date("县民政局")   # the first draft's, as written
    then = "Sat, 25 Mar 2023 10:00:00 +0800"
    data["departments"]["县民政局"].update(drafted="2023-03-25", mailed=then)   # as if drafted then, rerun today
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run_cli("review", str(inbox), "-o", str(out))
    assert date("县民政局") == then
    run_cli("review", str(inbox), "-o", str(out))   # and on the next rerun
    assert date("县民政局") == then
    assert json.loads(manifest.read_text(encoding="utf-8"))["departments"]["县民政局"]["mailed"] == then
    # once it sends again, the new mail is dated now
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert date("县民政局") != then
