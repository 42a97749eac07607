"""A reviewer's spring, walked from the inbox to the second round (session 60): what the reviewer
tripped on, each a test that failed before its fix."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _whole(unit: str):
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    data = zizhou_json()
    data.update(department=unit, year=2022)
    return parse_dept_form(data)


def test_the_summarys_links_still_open_the_marked_copies_once_the_folder_is_moved(tmp_path: Path) -> None:
    """The 汇总表 sits in the output folder beside the departments' folders, as the 复核台账 does; its 来源
    links (项目明细, 部门整体自评) were whole paths (file:///…/复核结果/县民政局/…), so once the reviewer
    copied 复核结果 to the shared drive or sent it on as a .zip, every link pointed at a folder that was
    not there — while the 台账's links, relative to it, still opened. They are relative now, as the 台账's."""
    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "附件1.xlsx")
    write_forms([_whole("县审计局")], inbox / "县审计局" / "审计局部门整体自评表.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "复核结果"))
    moved = tmp_path / "共享盘" / "2022年度复核"
    moved.parent.mkdir()
    shutil.move(str(tmp_path / "复核结果"), str(moved))
    book = openpyxl.load_workbook(next(moved.glob("*汇总表.xlsx")))
    links = [(ws.title, c.value, c.hyperlink.target) for ws in (book["项目明细"], book["部门整体自评"])
             for row in ws.iter_rows() for c in row if c.hyperlink is not None and c.hyperlink.target]
    assert len(links) == 4, links    # three project forms and the 部门整体 form, each its marked copy
    for sheet, text, target in links:
        path = unquote(target).replace("\\", "/")
        assert not path.startswith(("file:", "/")), (sheet, text, target)
        assert (moved / path).is_file(), (sheet, text, target)
    # the 台账's links, relative from the start, open as before (the same folder, the same files)
    ledger = openpyxl.load_workbook(moved / "复核台账.xlsx")["文件清单"]
    copies = [c.hyperlink.target for row in ledger.iter_rows(min_row=3) for c in row[6:7] if c.hyperlink]
    assert copies and all((moved / t.replace("\\", "/")).is_file() for t in copies)
    # and they open the same copies the 文件清单 opens
    assert {unquote(t).replace("\\", "/") for _s, _v, t in links} == {t.replace("\\", "/") for t in copies}


def _files_sheet(out: Path) -> dict[str, tuple[str, str]]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    head = [c.value for c in ws[2]]
    at = {h: head.index(h) for h in ("文件", "状态", "说明")}
    return {r[at["文件"]]: (r[at["状态"]], r[at["说明"]] or "") for r in ws.iter_rows(min_row=3, values_only=True)
            if r[at["文件"]]}


def test_the_file_list_says_which_forms_of_a_counted_workbook_are_not_counted(tmp_path: Path) -> None:
    """The 台账's head line says “未计入 N 个文件或表（见“文件清单”）”, but a workbook with some of its forms
    replaced by a 修改稿 (or one form of another year beside this year's) stood there as “计入” with an
    empty 说明: the reviewer counted fewer set-aside rows than the head line said and could not find the
    rest. Its 说明 now names each form not counted and why, as a whole file's does."""
    inbox = tmp_path / "inbox"
    write_forms([form(3, "县教育局"), form(4, "县教育局")], inbox / "县教育局" / "教育局.xlsx")
    write_forms([form(4, "县教育局", filled_on="2023.3.10")], inbox / "县教育局" / "教育局（修改稿）.xlsx")
    write_forms([form(1, "县民政局"), form(2, "县民政局", year=2021)], inbox / "县民政局" / "民政局.xlsx")
    code, _ = run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    rows = _files_sheet(tmp_path / "out")
    status, said = rows["县教育局/教育局.xlsx"]
    assert status == "计入"
    assert "工作表“通用办公设备及家具配置费用”" in said and "县教育局/教育局（修改稿）.xlsx" in said
    assert "填报日期较晚" in said and "网络设备软件运行保障经费" not in said   # the form counted is not named
    status, said = rows["县民政局/民政局.xlsx"]
    assert status == "计入" and "工作表“医疗保障服务经费”" in said and "2021 年度" in said
    assert rows["县教育局/教育局（修改稿）.xlsx"] == ("计入", "")
    # every form the head line counts as set aside is named in the 文件清单
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["复核台账"]
    assert "未计入 2 个文件或表（见“文件清单”）" in ws["A2"].value
    assert sum(s.count("工作表“") for _st, s in rows.values()) == 2


def _mailed_again(tmp_path: Path, first: list) -> Path:
    """An inbox where 县统计局's “附件1.xlsx”, ``first``'s forms, was saved at the inbox's top and its
    sample 9 mailed again later (a later 填报日期), again as “附件1.xlsx”: the first saved on 1 March,
    the mail sent on 22 March."""
    import datetime as _dt
    from email.message import EmailMessage

    from review_fixture import saved_at

    inbox = tmp_path / "inbox"
    saved_at(write_forms(first, inbox / "附件1.xlsx"), _dt.datetime(2023, 3, 1, 4, 0))
    again = write_forms([form(9, "县统计局", filled_on="2023.3.22")], tmp_path / "made" / "附件1.xlsx")
    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Date"] = "tjj@example.cn", "统计局重新报送", "Wed, 22 Mar 2023 10:00:00 +0800"
    msg.set_content("请查收。")
    msg.add_attachment(again.read_bytes(), maintype="application", subtype="octet-stream", filename="附件1.xlsx")
    (inbox / "邮件").mkdir()
    (inbox / "邮件" / "统计局重新报送.eml").write_bytes(bytes(msg))
    return inbox


def test_a_file_sent_again_under_the_same_name_is_told_apart_in_the_notice(tmp_path: Path) -> None:
    """A department sent “附件1.xlsx” (saved into the inbox) and later mailed its correction, again as
    “附件1.xlsx” — what mail programs call a workbook. The notice's 说明 read “‘附件1.xlsx’的填报日期（2023年
    3月1日）早于‘附件1.xlsx’的（2023年3月22日），已被‘附件1.xlsx’替换”: one name for both files. Where two of
    a department's files share the name it sent them under, the notice and 清单 tell them apart (the 说明
    included) by what the department knows of each: when its workbook was saved, the day of its mail
    (session 61; before, by the reviewer's inbox paths, “邮件/统计局重新报送.eml › 附件1.xlsx”)."""
    import docx

    inbox = _mailed_again(tmp_path, [form(9, "县统计局")])
    out = tmp_path / "out"
    run_cli("review", str(inbox), "-o", str(out))
    paras = [p.text for p in docx.Document(str(out / "县统计局" / "退回修改通知.docx")).paragraphs]
    note = next(p for p in paras if p.startswith("说明："))
    assert "“附件1.xlsx（3月1日保存）”的填报日期（2023年3月1日）早于“附件1.xlsx（3月22日邮件）”的（2023年3月22日）" in note
    ws = openpyxl.load_workbook(out / "县统计局" / "退回修改清单.xlsx").worksheets[0]
    said = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str) and c.startswith("说明：")]
    assert said and "“附件1.xlsx（3月22日邮件）”" in said[0]


def test_the_marked_copy_names_the_file_of_the_same_name_that_replaced_a_form(tmp_path: Path) -> None:
    """One form of the first “附件1.xlsx” sent again in the mailed “附件1.xlsx”: the first file's marked copy
    notes on that sheet which file replaced it (X6) — told apart as the notice's 说明 does (by its mail's
    day), not “已被‘附件1.xlsx’中的同一项目替换” on a sheet of a file called 附件1.xlsx."""
    inbox = _mailed_again(tmp_path, [form(9, "县统计局"), form(12, "县统计局")])
    out = tmp_path / "out"
    run_cli("review", str(inbox), "-o", str(out))
    copies = {p.name: p for p in (out / "县统计局").glob("*-校验标注*.xlsx")}
    assert sorted(copies) == ["县统计局-附件1（3月1日保存）-校验标注.xlsx", "县统计局-附件1（3月22日邮件）-校验标注.xlsx"]
    said = [str(c.value) for p in copies.values() for ws in openpyxl.load_workbook(p).worksheets
            if ws.title == "校验结果" for row in ws.iter_rows() for c in row if c.value and "替换" in str(c.value)]
    assert said and all("“附件1.xlsx（3月22日邮件）”中的同一项目替换" in t for t in said), said


def test_the_printed_file_list_leaves_its_links_to_the_screen(tmp_path: Path) -> None:
    """The 文件清单 printed two columns of blue underlined “打开” (原文件, 标注副本) — links nobody can follow
    on paper — where the 复核台账 sheet keeps its link columns right of the print area. Its print area
    now ends at 说明, the title centred over the printed columns; the links are still there on screen."""
    from openpyxl.utils import column_index_from_string

    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")["文件清单"]
    heads = [c.value for c in ws[2]]
    last = column_index_from_string(ws.print_area.split(":")[-1].replace("$", "").rstrip("0123456789"))
    assert heads[last - 1] == "说明" and set(heads[last:]) == {"原文件", "标注副本"}
    linked = [c for row in ws.iter_rows(min_row=3) for c in row if c.hyperlink is not None]
    assert linked and all(c.column > last for c in linked)   # on screen, right of the page
    title = next(m for m in ws.merged_cells.ranges if m.min_row == 1)
    assert (title.min_col, title.max_col) == (1, last)


def test_the_archived_summary_opens_its_own_rounds_copies(tmp_path: Path) -> None:
    """Round 2 moves round 1's files to 历次复核/…; round 1's 汇总表 linked whole paths to 复核结果/县民政局/…,
    so it then opened round 2's copies (or nothing, where the department's file was replaced). Its links,
    relative, open the copies archived beside it."""
    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    out = tmp_path / "复核结果"
    run_cli("review", str(inbox), "-o", str(out))
    write_forms([form(1, "县民政局", filled_on="2023.3.20")], inbox / "县民政局" / "民政局（修改）.xlsx")
    run_cli("review", str(inbox), "-o", str(out))
    old = next((out / "历次复核").glob("*/*汇总表.xlsx"))
    ws = openpyxl.load_workbook(old)["项目明细"]
    targets = [old.parent / unquote(c.hyperlink.target).replace("\\", "/") for c in ws["M"] if c.hyperlink]
    assert len(targets) == 2 and all(t.is_file() and t.is_relative_to(old.parent) for t in targets), targets
    assert {t.name for t in targets} == {"民政局-校验标注.xlsx", "水务局-校验标注.xlsx"}
