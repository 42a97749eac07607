"""A reviewer's county walked over three rounds (session 61): what the reviewer tripped on, each a test
that failed before its fix."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _files_said(out: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    return {str(r[1]): str(r[4] or "") for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}


def _sent_again_in_two_mails(tmp_path: Path, name: str = "医保局.xlsx") -> Path:
    """县医疗保障局's four forms in the workbook ``name``, then its 修改稿 in two mails of two forms each,
    reviewed: the output folder."""
    inbox = tmp_path / "inbox"
    write_forms([form(n, "县医疗保障局") for n in (13, 14, 15, 16)], inbox / "县医疗保障局" / name)
    for i, (nums, date) in enumerate((((13, 14), "Mon, 20 Mar 2023 16:00:00 +0800"),
                                      ((15, 16), "Tue, 21 Mar 2023 08:30:00 +0800"))):
        book = write_forms([form(n, "县医疗保障局", filled_on="2023.3.20") for n in nums], tmp_path / f"m{i}" / "附件1.xlsx")
        msg = EmailMessage()
        msg["From"], msg["Subject"], msg["Date"] = "yb@example.cn", f"医保局修改稿{i + 1}", date
        msg.set_content("请查收。")
        msg.add_attachment(book.read_bytes(), maintype="application", subtype="octet-stream", filename="附件1.xlsx")
        (inbox / "邮件").mkdir(exist_ok=True)
        (inbox / "邮件" / f"yb{i + 1}.eml").write_bytes(bytes(msg))
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    return tmp_path / "out"


def test_a_workbook_sent_again_in_two_mails_names_both_in_the_file_list(tmp_path: Path) -> None:
    """县医疗保障局 sent its four forms in one workbook, then its 修改稿 in two mails of two forms each. The
    文件清单 said of the first workbook “同一项目已由 邮件/yb1.eml › 附件1.xlsx 重新报送……，此份不计入”: one
    project, one file — where were the other forms? It names each file with its forms now."""
    said = _files_said(_sent_again_in_two_mails(tmp_path))["县医疗保障局/医保局.xlsx"]
    assert said.startswith("4 张表均已重新报送，此份不计入"), said
    assert "2 张由 邮件/yb1.eml › 附件1.xlsx 重新报送（填报日期较晚）" in said, said
    assert "2 张由 邮件/yb2.eml › 附件1.xlsx 重新报送（填报日期较晚）" in said, said



def test_a_second_rounds_status_note_keeps_each_count_on_its_line(tmp_path: Path) -> None:
    """The 台账's 状态 column, 11 wide, printed a second round's “上轮退回 20 处” as “上轮退回 20” over a “处” alone
    (and “上轮退回后尚未重新报” over “送”). Each part of the note fits its line now."""
    from openpyxl.utils import get_column_letter

    from jixiao.excel.fit import wrapped_lines

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    write_forms([form(1, "县民政局", filled_on="2023.3.20"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    col = [c.value for c in ws[3]].index("状态") + 1
    width = ws.column_dimensions[get_column_letter(col)].width
    notes = [str(ws.cell(r, col).value) for r in range(4, ws.max_row + 1)]
    parts = [p for n in notes for p in n.split("\n")[1:]]
    assert any(p.startswith("上轮退回 ") and p.endswith(" 处") for p in parts), notes
    assert "上轮退回后尚未重新报送" in parts, notes
    for p in parts:
        assert wrapped_lines(p, width) <= (1 if p.endswith("处") else 2), (p, width)


def test_a_reminder_is_not_counted_as_a_return(tmp_path: Path) -> None:
    """县住房和城乡建设局 sent nothing in round 1 (催报), sent its form in round 2 (returned for changes) and
    again, still with mistakes, in round 3: its notice said “这是第3次退回” — the 催报 counted as a return. It
    is the 2nd return; ``last_round`` gains ``returns`` (returned counts every notice, 催报 too)."""
    import docx

    from review_fixture import project_list

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    listed = project_list(tmp_path / "清单.xlsx", [("老旧小区改造", "县住房和城乡建设局"), (form(1, "县民政局").project, "县民政局")])
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    rounds = []
    for filled in (None, "2023.3.20", "2023.3.25"):
        if filled:
            write_forms([form(5, "县住房和城乡建设局", project="老旧小区改造", filled_on=filled)],
                        inbox / "县住房和城乡建设局" / f"住建局{filled}.xlsx")
        code, text = run_cli("review", str(inbox), "-o", str(out), "--expected", str(listed), "--json")
        import json

        rounds.append(next(d for d in json.loads(text)["departments"] if d["department"] == "县住房和城乡建设局"))
    assert [d["status"] for d in rounds] == ["未报送", "退回修改", "退回修改"]
    assert rounds[2]["last_round"]["returned"] == 2 and rounds[2]["last_round"]["returns"] == 1
    paras = [p.text for p in docx.Document(str(out / "县住房和城乡建设局" / "退回修改通知.docx")).paragraphs]
    lead = next(p for p in paras if p.startswith("经审核"))
    assert "这是第2次退回。" in lead, lead
