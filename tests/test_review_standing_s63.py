"""A standing notice stays the notice that was sent (session 63).

县民政局 and 县教育局 were both told of their copied indicators (E1). 县教育局 put its form right; 县民政局 sent
nothing. The rerun redrafted 县民政局's standing 退回修改通知, 清单, mail and marked copy without the E1 point —
the manifest kept only the points' keys, so their text could not be rebuilt — while the 台账 said “尚未重新报送”:
the notice in its folder was no longer the one it had been sent. The manifest now keeps each told point as it was
said; a standing notice is rebuilt from them, and the 台账 says which of its points are no longer there.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, ledger_row, run_cli, sample


def _notice(out: Path, who: str) -> list[str]:
    return [p.text for p in docx.Document(out / who / "退回修改通知.docx").paragraphs if p.text.strip()]


def _list(out: Path, who: str) -> list[tuple]:
    return [tuple(r) for r in openpyxl.load_workbook(out / who / "退回修改清单.xlsx").worksheets[0].iter_rows(values_only=True)]


def _marked(out: Path, who: str) -> list[tuple]:
    book = next((out / who).glob("*校验标注.xlsx"))
    return [tuple(r) for r in openpyxl.load_workbook(book)["校验结果"].iter_rows(min_row=2, values_only=True) if r[1]]


_row = ledger_row


def test_a_standing_notice_keeps_a_point_gone_by_another_departments_change(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    copied = form(3, "县教育局", indicators=sample(1)["indicators"], project="教育局照搬项目")
    write_forms([copied], inbox / "县教育局" / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    first, first_list, first_marks = _notice(out, "县民政局"), _list(out, "县民政局"), _marked(out, "县民政局")
    assert any("逐条相同" in p for p in first)
    assert any("E1" in str(m) for m in first_marks)
    before = _row(out, "县民政局")

    # round 2: 县教育局 puts its form right; 县民政局 sends nothing
    write_forms([form(3, "县教育局", project="教育局照搬项目")], inbox / "县教育局" / "教育局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert _notice(out, "县民政局") == first          # the notice it was sent, the E1 point in it
    assert _list(out, "县民政局") == first_list
    assert _marked(out, "县民政局") == first_marks
    row = _row(out, "县民政局")
    assert "通知所列 1 处已不存在" in str(row["状态"]), row
    # the 台账's counts are the notice's lead sentence's, as its columns always are
    assert (row["须修改"], row["请核实"]) == (before["须修改"], before["请核实"])
    # a rerun after that: still the notice it was sent
    run_cli("review", str(inbox), "-o", str(out))
    assert _notice(out, "县民政局") == first
    assert _marked(out, "县民政局") == first_marks

    # round 3: 县民政局 sends again: a new notice, without the point that is no longer there
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert not any("逐条相同" in p for p in _notice(out, "县民政局"))


def test_a_workbook_sent_again_whole_is_said_alike_everywhere(tmp_path: Path) -> None:
    """县水务局 sent 水务局.xlsx (one form), then 水务局（修改稿）.xlsx with the same form. The earlier workbook gets no
    marked copy — every form of it replaced, it has nothing to change, and the department works on the 修改稿. The
    outputs said so unevenly: the 台账 named it “水务局.xlsx 中的“…”（已被 … 替换）”, as if a form of a workbook still
    counted, where a two-form workbook read “（2 张表均已被 … 替换）”; the notice said “不计入审核” but not, as for
    a form replaced in a workbook that counts, “无需修改” — a department could take the 初稿 to be fixed too."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(10, "县水务局")], inbox / "水务局.xlsx")
    write_forms([form(10, "县水务局", filled_on="2023.3.10")], inbox / "水务局（修改稿）.xlsx")
    write_forms([form(n, "县教育局") for n in (3, 4)], inbox / "教育局（初稿）.xlsx")
    write_forms([form(n, "县教育局", filled_on="2023.3.10") for n in (3, 4)], inbox / "教育局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert _row(out, "县水务局")["未计入的文件"] == "水务局.xlsx（已被 水务局（修改稿）.xlsx 替换）"
    assert _row(out, "县教育局")["未计入的文件"] == "教育局（初稿）.xlsx（2 张表均已被 教育局（修改稿）.xlsx 替换）"
    for who, old in (("县水务局", "水务局.xlsx"), ("县教育局", "教育局（初稿）.xlsx")):
        note = next(p for p in _notice(out, who) if p.startswith("说明："))
        assert f"“{old}”" in note and "不计入审核，无需修改" in note, note
        assert [p.name for p in (out / who).glob("*校验标注.xlsx")] == [old.replace(".xlsx", "").replace("（初稿）", "")
                                                                       + "（修改稿）-校验标注.xlsx"]
        assert any("无需修改" in str(c) for r in _list(out, who) for c in r if c and f"“{old}”" in str(c))


def test_a_file_returned_last_round_and_sent_again_is_not_explained_to_the_department(tmp_path: Path) -> None:
    """Round 1 returned 县民政局's 民政局.xlsx; it sent 民政局（修改稿）.xlsx, and the bureau reran the whole inbox,
    the first file still in it. The round-2 notice ended “说明：“民政局.xlsx”的填报日期……早于……，已被……替换，不计入
    审核”: of course it was — that is what the department was asked to do; every department that answered got
    the paragraph. A file it sent in the round before is not explained again (the 台账 and 文件清单 still list it);
    one sent beside its 修改稿 in the same round still is."""
    from review_fixture import _fixed

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    write_forms([form(1, "县民政局", filled_on="2023.3.20", indicators=_fixed(1))], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    # 县水务局 sends its 初稿 and 修改稿 together this round: that one is explained
    write_forms([form(10, "县水务局", filled_on="2023.3.18")], inbox / "县水务局" / "水务局（初稿）.xlsx")
    write_forms([form(10, "县水务局", filled_on="2023.3.20")], inbox / "县水务局" / "水务局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    notice = _notice(out, "县民政局")
    assert not [p for p in notice if "民政局.xlsx”" in p and "替换" in p], notice
    assert not [r for r in _list(out, "县民政局") if any("替换" in str(c) for c in r)]
    assert "民政局.xlsx（已被 民政局（修改稿）.xlsx 替换）" in str(_row(out, "县民政局")["未计入的文件"])
    water = next(p for p in _notice(out, "县水务局") if p.startswith("说明："))
    assert "“水务局（初稿）.xlsx”" in water and "“水务局.xlsx”" not in water, water
    # rerun with nothing new: the notices stand, word for word (the 说明 left out stays out)
    run_cli("review", str(inbox), "-o", str(out))
    assert _notice(out, "县民政局") == notice


def _file_list(out: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    return {str(r[1]): str(r[4] or "") for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}


def test_the_file_list_says_which_files_came_since_the_round_before(tmp_path: Path) -> None:
    """Rerunning the whole inbox, the reviewer could not see in the 文件清单 which files had come since the last
    round — what the departments answered with — among all it held; the 台账 said only who had not answered."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert not [v for v in _file_list(out).values() if "新收到" in v]
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改稿）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    said = _file_list(out)
    assert said["县民政局/民政局（修改稿）.xlsx"].startswith("第2轮新收到"), said
    assert "新收到" not in said["县民政局/民政局.xlsx"] and "新收到" not in said["县水务局/水务局.xlsx"], said


def test_a_copy_sent_back_under_its_mail_name_is_not_named_twice(tmp_path: Path) -> None:
    """A department returned in round 2 corrects the attachment as its mail named it
    (“县民政局-2022-民政局-绩效自评表-校验标注-第2轮.xlsx”) and sends it back. Its next marked copy was
    “…-校验标注-第2轮-校验标注.xlsx”, attached as “…-校验标注-第2轮-校验标注-第3轮.xlsx”: the round tag of the
    mail name was not taken off with the “-校验标注” before it."""
    from email import message_from_bytes, policy

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局")], inbox / "县民政局-2022-民政局-绩效自评表-校验标注-第2轮.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    assert [p.name for p in (out / "县民政局").glob("*校验标注*")] == ["县民政局-2022-民政局-绩效自评表-校验标注.xlsx"]
    mail = message_from_bytes((out / "县民政局" / "退回修改邮件.eml").read_bytes(), policy=policy.default)
    assert "县民政局-2022-民政局-绩效自评表-校验标注.xlsx" in [a.get_filename() for a in mail.iter_attachments()]
    assert not [p for p in _notice(out, "县民政局") if "第2轮" in p]


def test_a_file_returned_and_answered_under_its_own_name_is_not_said_to_be_named_in_the_notice(tmp_path: Path) -> None:
    """县水务局 mailed “水务局绩效自评表.xlsx” on 3 March, was returned, and mailed its correction under the same name
    on 20 March. The round-2 notice no longer explains the first (it was returned and answered); the 文件清单 still
    said of it “退回修改通知、清单和标注副本中写作“水务局绩效自评表.xlsx（3月3日邮件）””, a name the notice does not
    have. The second is still said so: the notice names it with its mail's date."""
    from email.message import EmailMessage

    from review_fixture import _fixed

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()

    def mail(name: str, date: str, f: object) -> None:
        book = write_forms([f], tmp_path / "made" / name / "水务局绩效自评表.xlsx")
        m = EmailMessage()
        m["From"], m["Subject"], m["Date"] = "shuiwu@example.cn", "县水务局自评表", date
        m.set_content("请查收。")
        m.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename=book.name)
        (inbox / f"{name}.eml").write_bytes(bytes(m))

    mail("a", "Fri, 3 Mar 2023 09:00:00 +0800", form(10, "县水务局"))
    run_cli("review", str(inbox), "-o", str(out))
    mail("b", "Mon, 20 Mar 2023 09:00:00 +0800", form(10, "县水务局", filled_on="2023.3.20", indicators=_fixed(10)))
    run_cli("review", str(inbox), "-o", str(out))
    assert not [p for p in _notice(out, "县水务局") if "3月3日" in p]
    said = _file_list(out)
    assert "写作" not in said["a.eml › 水务局绩效自评表.xlsx"], said
    assert "写作“水务局绩效自评表.xlsx（3月20日邮件）”" in said["b.eml › 水务局绩效自评表.xlsx"], said
