"""What a finance-bureau reviewer met over two rounds of a county (session 64), each a test that failed
before its fix."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import _fixed, form, project_list, review_json


def _locked(book: Path) -> bytes:
    """``book``'s bytes behind an opening password, as Excel writes a workbook saved with one."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(book.read_bytes())).encrypt("123456", out)
    return out.getvalue()


def _audit_bureau(tmp_path: Path) -> tuple[Path, Path, Path]:
    """县审计局 sent its one form behind a password (round 1, reviewed into ``out``): inbox, list, out."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "县审计局").mkdir(parents=True)
    locked = write_forms([form(12, "县审计局")], tmp_path / "made" / "审计局.xlsx")
    (inbox / "县审计局" / "县审计局绩效自评表.xlsx").write_bytes(_locked(locked))
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(form(12, "县审计局").project, "县审计局"),
                                                   (form(10, "县水务局").project, "县水务局")])
    first = review_json(inbox, out, "--expected", str(listed))
    audit = next(d for d in first["departments"] if d["department"] == "县审计局")
    assert audit["status"] == "无法读取", audit
    return inbox, listed, out


def _unit(rv: dict, name: str) -> dict:
    return next(d for d in rv["departments"] if d["department"] == name)


def test_a_locked_workbook_sent_again_without_its_password_is_not_asked_for_again(tmp_path: Path) -> None:
    """县审计局's workbook had an opening password; its notice asked it to take the password off and send it
    again, and it did (“县审计局绩效自评表（无密码）.xlsx”). The locked file stays in the reviewer's inbox, so
    round 2 still listed it — “工作簿设有打开密码，无法读取，请去掉密码后重新报送。上次已指出。” — as a 须修改
    point: the bureau, whose new form had only points to verify, was returned again for what it had just done.
    A file that could not be read, that the department was told of and answered with new files that bring
    every project due, is no longer a point; the 文件清单 says why it is not counted."""
    inbox, listed, out = _audit_bureau(tmp_path)
    write_forms([form(12, "县审计局", indicators=_fixed(12), filled_on="2023.3.20")],
                inbox / "县审计局" / "县审计局绩效自评表（无密码）.xlsx")
    second = review_json(inbox, out, "--expected", str(listed))
    audit = _unit(second, "县审计局")
    asked = [it["message"] for it in audit["to_fix"]]
    assert not any("密码" in m for m in asked), asked
    assert audit["errors"] == sum(1 for it in audit["to_fix"] if it.get("severity") == "error"), audit
    assert audit["status"] == "通过", audit   # its new form has points to verify only
    assert audit["unread_answered"] == [{"file": "县审计局/县审计局绩效自评表.xlsx",
                                         "reason": "工作簿设有打开密码，无法读取，请去掉密码后重新报送"}], audit
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["文件清单"]
    row = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[1] == "县审计局/县审计局绩效自评表.xlsx")
    assert row[3] == "未计入", row
    assert "已重新报送" in row[4] and "密码" in row[4], row
    # the 汇总表 does not say a file could not be read, whose projects are missing from it: the bureau's project came
    assert not any(u["file"] == "县审计局/县审计局绩效自评表.xlsx" for u in second["unreadable"]), second["unreadable"]
    book = openpyxl.load_workbook(second["summary"])
    assert "未能读取" not in book.sheetnames, book.sheetnames
    said = "".join(str(c.value or "") for row in book["汇总表"].iter_rows() for c in row)
    assert "未能读取" not in said, said


def test_a_locked_workbook_still_stands_while_a_project_due_is_missing(tmp_path: Path) -> None:
    """The same bureau sent a new file, but not the project the locked one may hold: the locked file may be
    that project's form, so it is still asked for."""
    inbox, listed, out = _audit_bureau(tmp_path)
    write_forms([form(13, "县审计局")], inbox / "县审计局" / "另一个项目.xlsx")
    audit = _unit(review_json(inbox, out, "--expected", str(listed)), "县审计局")
    assert any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]


def test_a_locked_workbook_sent_again_locked_is_asked_for_again(tmp_path: Path) -> None:
    """A new file that is itself locked again is a new point, not an answer to the old one."""
    inbox, listed, out = _audit_bureau(tmp_path)
    again = write_forms([form(12, "县审计局", filled_on="2023.3.20")], tmp_path / "made" / "again.xlsx")
    (inbox / "县审计局" / "县审计局绩效自评表（修改）.xlsx").write_bytes(_locked(again))
    audit = _unit(review_json(inbox, out, "--expected", str(listed)), "县审计局")
    assert audit["status"] == "无法读取", audit
    assert sum("密码" in it["message"] for it in audit["to_fix"]) == 2, audit["to_fix"]


def test_a_workbook_that_is_no_form_is_not_said_to_be_unreadable(tmp_path: Path) -> None:
    """县司法局 sent its 部门预算公开表 — a workbook that opens, but no 自评表 — instead of its form. Its notice
    said its materials “无法打开或读取，未能审核” (they open in any program: the bureau will call back to
    say so) and “没有找到项目支出绩效自评表或部门整体支出绩效自评表或项目支出绩效评价表（没有工作表带有这些表的
    标签：……）”, a reader's word. It says now that there is no 自评表 in what it sent, and what is not in it."""
    import docx

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    wb = openpyxl.Workbook()
    wb.active.title = "收支预算总表"
    wb.active.append(["2022年部门收支预算总表"])
    wb.active.append(["项目", "预算数（万元）"])
    wb.active.append(["一般公共预算拨款", 820.5])
    (inbox / "县司法局").mkdir(parents=True)
    wb.save(inbox / "县司法局" / "县司法局2022年部门预算公开表.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    rv = review_json(inbox, out)
    assert _unit(rv, "县司法局")["status"] == "无法读取"
    paras = [p.text for p in docx.Document(str(out / "县司法局" / "退回修改通知.docx")).paragraphs if p.text.strip()]
    text = "\n".join(paras)
    assert "无法打开或读取" not in text, text
    lead = next(p for p in paras if p.startswith("经审核"))
    assert "没有自评表" in lead, lead
    item = next(p for p in paras if "县司法局2022年部门预算公开表.xlsx" in p)
    assert "标签" not in item and "或部门整体支出绩效自评表或" not in item, item
    assert "不是自评表" in item and "项目名称" in item, item


def test_a_return_after_a_file_that_could_not_be_read_says_which_return_it_is(tmp_path: Path) -> None:
    """县审计局's first notice (its workbook locked) was a 退回修改的通知; it sent the form again, unlocked, with
    mistakes, and its second notice read like a first one: no “这是第2次退回”, nothing of what its first notice
    asked and what it has done — while a third would say “这是第3次退回” (a 无法读取 notice counts as a return)."""
    import docx

    inbox, listed, out = _audit_bureau(tmp_path)
    write_forms([form(12, "县审计局", filled_on="2023.3.20")], inbox / "县审计局" / "县审计局绩效自评表（无密码）.xlsx")
    audit = _unit(review_json(inbox, out, "--expected", str(listed)), "县审计局")
    assert audit["status"] == "退回修改", audit
    lead = next(p.text for p in docx.Document(str(out / "县审计局" / "退回修改通知.docx")).paragraphs
                if p.text.startswith("经审核"))
    # counted as its first notice's lead and the 台账 count (s65): the file 1 处, the project it held said apart
    assert "这是第2次退回。上次通知所列1处中，已改正1处。上次通知所列未报送的1个项目已补报。" in lead, lead


def _locked_and_copy(tmp_path: Path, *, copy_projects: tuple[int, ...] = (12,)) -> tuple[Path, Path]:
    """县审计局 sent, in one round, its workbook behind a password and an unlocked copy (each form in
    ``copy_projects``, fixed): inbox, list (its project 12 due, 县水务局's 10)."""
    inbox = tmp_path / "inbox"
    (inbox / "县审计局").mkdir(parents=True)
    locked = write_forms([form(12, "县审计局")], tmp_path / "made" / "审计局.xlsx")
    (inbox / "县审计局" / "县审计局绩效自评表.xlsx").write_bytes(_locked(locked))
    write_forms([form(n, "县审计局", indicators=_fixed(n), filled_on="2023.3.20") for n in copy_projects],
                inbox / "县审计局" / "县审计局绩效自评表（无密码）.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(form(12, "县审计局").project, "县审计局"),
                                                   (form(10, "县水务局").project, "县水务局")])
    return inbox, listed


def test_a_locked_workbook_sent_with_an_unlocked_copy_bringing_every_project_is_not_a_point(tmp_path: Path) -> None:
    """县审计局 sent, in the same mail, its workbook behind a password and, a minute later, an unlocked copy
    whose form is the one project the bureau's list asks of it. The review returned it for the locked file
    alone (“工作簿设有打开密码，无法读取，请去掉密码后重新报送”): a 退回修改通知 asking for what it had already
    sent. As in a second round, every project due has come in a form read, so the locked file is set aside
    (未计入, and why, in the 文件清单 and the 台账), not a point."""
    inbox, listed = _locked_and_copy(tmp_path)
    out = tmp_path / "out"
    rv = review_json(inbox, out, "--expected", str(listed))
    audit = _unit(rv, "县审计局")
    assert not any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]
    assert audit["status"] == "通过", audit
    assert audit["unread_answered"] == [{"file": "县审计局/县审计局绩效自评表.xlsx",
                                         "reason": "工作簿设有打开密码，无法读取，请去掉密码后重新报送",
                                         "same_round": True}], audit
    assert not any(u["file"] == "县审计局/县审计局绩效自评表.xlsx" for u in rv["unreadable"]), rv["unreadable"]
    book = openpyxl.load_workbook(out / "复核台账.xlsx")
    row = next(r for r in book["文件清单"].iter_rows(min_row=3, values_only=True)
               if r[1] == "县审计局/县审计局绩效自评表.xlsx")
    assert row[3] == "未计入", row
    assert "密码" in row[4] and "同批报送的其他文件" in row[4] and "上轮" not in row[4], row
    said = "".join(str(c.value or "") for ws in book.worksheets if ws.title != "文件清单"
                   for r in ws.iter_rows() for c in r)
    assert "县审计局绩效自评表.xlsx（无法读取，应报项目已由同批报送的其他文件报齐）" in said, said


def test_a_locked_workbook_sent_with_a_copy_missing_a_project_due_is_still_a_point(tmp_path: Path) -> None:
    """The copy holds another project, not the one due: the locked file may be that project's form."""
    inbox, listed = _locked_and_copy(tmp_path, copy_projects=(13,))
    audit = _unit(review_json(inbox, tmp_path / "out", "--expected", str(listed)), "县审计局")
    assert any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]
    assert audit["unread_answered"] == [], audit


def test_a_locked_workbook_sent_with_a_copy_is_a_point_without_the_list_of_projects(tmp_path: Path) -> None:
    """Without ``--expected`` nothing says which projects are due: the locked file may hold one the copy
    does not, so it is still asked for."""
    inbox, _listed = _locked_and_copy(tmp_path)
    audit = _unit(review_json(inbox, tmp_path / "out"), "县审计局")
    assert any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]
    assert audit["status"] == "退回修改", audit


def test_a_correction_sent_locked_in_a_later_round_is_asked_for_again(tmp_path: Path) -> None:
    """县审计局's form was returned; it sent its correction behind a password. Its first form, still in the
    inbox, brings the project due — but it is the form being corrected, not a copy of the locked one: the
    locked file is a point (set aside, the correction would be lost without a word)."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_forms([form(12, "县审计局")], inbox / "县审计局" / "县审计局绩效自评表.xlsx")
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    listed = project_list(tmp_path / "清单.xlsx", [(form(12, "县审计局").project, "县审计局"),
                                                   (form(10, "县水务局").project, "县水务局")])
    assert _unit(review_json(inbox, out, "--expected", str(listed)), "县审计局")["status"] == "退回修改"
    fixed = write_forms([form(12, "县审计局", indicators=_fixed(12), filled_on="2023.3.20")],
                        tmp_path / "made" / "fixed.xlsx")
    (inbox / "县审计局" / "县审计局绩效自评表（修改）.xlsx").write_bytes(_locked(fixed))
    audit = _unit(review_json(inbox, out, "--expected", str(listed)), "县审计局")
    assert any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]
    assert audit["unread_answered"] == [], audit


def _budget_table(path: Path) -> Path:
    """县司法局's 部门预算公开表: a workbook that opens, with no 自评表 in it."""
    wb = openpyxl.Workbook()
    wb.active.title = "收支预算总表"
    wb.active.append(["2022年部门收支预算总表"])
    wb.active.append(["项目", "预算数（万元）"])
    wb.active.append(["一般公共预算拨款", 820.5])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _notice_heads(folder: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(folder / "退回修改通知.docx")).paragraphs
            if p.text[:2] in {"一、", "二、", "三、"}]


def test_the_notice_part_of_a_workbook_that_is_no_form_says_so(tmp_path: Path) -> None:
    """县司法局 sent its form (with points to put right) and its 部门预算公开表. Its notice's first part was
    headed “一、无法读取的文件和表” above one item saying the budget table “不是自评表”: no file could not
    be read, and there is no 表 in the part. The heading says what the part holds, in the 清单 alike."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _budget_table(inbox / "县司法局" / "县司法局2022年部门预算公开表.xlsx")
    write_forms([form(12, "县司法局")], inbox / "县司法局" / "县司法局绩效自评表.xlsx")
    assert _unit(review_json(inbox, out), "县司法局")["status"] == "退回修改"
    heads = _notice_heads(out / "县司法局")
    assert heads[:2] == ["一、不是自评表的文件", "二、各表存在的问题"], heads
    ws = openpyxl.load_workbook(out / "县司法局" / "退回修改清单.xlsx").worksheets[0]
    said = [str(c.value) for r in ws.iter_rows() for c in r if c.value]
    assert "一、不是自评表的文件" in said and not any("无法读取的文件和表" in s for s in said), said


def test_the_notice_part_of_a_locked_workbook_names_files_only(tmp_path: Path) -> None:
    """A locked workbook beside a form with points: the part holds a file, no 表 (“无法读取的文件”); with a
    workbook that is no form too, the part names both."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "县审计局").mkdir(parents=True)
    locked = write_forms([form(13, "县审计局")], tmp_path / "made" / "审计局.xlsx")
    (inbox / "县审计局" / "县审计局另一项目.xlsx").write_bytes(_locked(locked))
    write_forms([form(12, "县审计局")], inbox / "县审计局" / "县审计局绩效自评表.xlsx")
    review_json(inbox, out)
    assert _notice_heads(out / "县审计局")[0] == "一、无法读取的文件", _notice_heads(out / "县审计局")
    _budget_table(inbox / "县审计局" / "县审计局2022年部门预算公开表.xlsx")
    review_json(inbox, tmp_path / "out2")
    assert _notice_heads(tmp_path / "out2" / "县审计局")[0] == "一、无法读取或不是自评表的文件", \
        _notice_heads(tmp_path / "out2" / "县审计局")


def test_the_ledger_row_is_as_tall_as_its_files_not_counted_and_its_contacts(tmp_path: Path) -> None:
    """The 复核台账 printed in LibreOffice: 县审计局's row showed its 未计入的文件 (a locked workbook, why) and its
    填报人及联系方式 (three people) with their first and last lines on the cell borders, the last cut. Its height
    was planned for a 未计入的文件 column 26 wide (it is 22) and 14 pt a line (10.5 pt 宋体 prints in Noto Sans CJK
    at ~15.2 pt), and a phone number wraps whole (“欧阳建国 0311-87654321 13912345678”: three lines, not two).
    Each of these cells' wrapped lines, at the sheet's own column widths, fit the row."""
    from jixiao.excel.fit import word_wrapped_lines
    from jixiao.review.notices import LIST_FILL

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "县审计局").mkdir(parents=True)
    locked = write_forms([form(13, "县审计局")], tmp_path / "made" / "审计局.xlsx")
    (inbox / "县审计局" / "县审计局2022年度项目支出绩效自评表（第二批，含附表）.xlsx").write_bytes(_locked(locked))
    people = [("欧阳建国", "0311-87654321 13912345678"), ("司马晓红", "0311-87654322 13812345678"),
              ("诸葛文华", "0311-87654323 13712345678")]
    write_forms([form(n, "县审计局", filled_by=who, contact=tel) for n, (who, tel) in zip((10, 11, 12), people)],
                inbox / "县审计局" / "县审计局绩效自评表.xlsx")
    review_json(inbox, out)
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")["复核台账"]
    head = {c.value: c.column_letter for c in ws[3]}
    row = next(r[0].row for r in ws.iter_rows(min_row=4) if r[1].value == "县审计局")
    height = ws.row_dimensions[row].height
    for col in ("未计入的文件", "填报人及联系方式"):
        text = str(ws[f"{head[col]}{row}"].value or "")
        width = ws.column_dimensions[head[col]].width - 0.71   # as XlsxWriter stores a width
        assert text, col
        assert height >= word_wrapped_lines(text, width, LIST_FILL) * 15.2 + 2, (col, text, width, height)


def test_a_phone_number_wraps_whole() -> None:
    """As LibreOffice printed the 台账's 填报人及联系方式 (20 wide): “欧阳建国 0311-” / “87654321” /
    “13912345678” — a word of digits is not broken, a line breaks after its hyphen; CJK breaks anywhere."""
    from jixiao.excel.fit import word_wrapped_lines, wrapped_lines
    from jixiao.review.notices import LIST_FILL

    said = "欧阳建国 0311-87654321 13912345678"
    assert wrapped_lines(said, 20, LIST_FILL) == 2
    assert word_wrapped_lines(said, 20, LIST_FILL) == 3
    assert word_wrapped_lines("欧阳建国\n0311-87654321", 20, LIST_FILL) == 2
    assert word_wrapped_lines("县" * 16, 20, LIST_FILL) == 2 == wrapped_lines("县" * 16, 20, LIST_FILL)
    assert word_wrapped_lines("1" * 40, 20, LIST_FILL) == 3 == wrapped_lines("1" * 40, 20, LIST_FILL)


def test_a_damaged_archive_beside_every_project_due_is_still_a_point(tmp_path: Path) -> None:
    """An archive that would not open may hold what no list names (its 自评报告): beside forms bringing every
    project due it is still asked for; only a workbook is set aside so."""
    inbox, listed = _locked_and_copy(tmp_path)
    (inbox / "县审计局" / "县审计局绩效自评表.xlsx").unlink()
    (inbox / "县审计局" / "县审计局自评材料.zip").write_bytes(b"PK\x03\x04 not a whole archive")
    audit = _unit(review_json(inbox, tmp_path / "out", "--expected", str(listed)), "县审计局")
    assert any("县审计局自评材料.zip" in it["file"] for it in audit["to_fix"]), audit["to_fix"]
    assert audit["unread_answered"] == [], audit


def _whole_form(unit: str):
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    whole = zizhou_json()
    whole.update(department=unit, year=2022)
    return parse_dept_form(whole)


def test_a_locked_workbook_may_be_the_departments_own_whole_form_where_the_county_collects_them(tmp_path: Path) -> None:
    """The list names projects only. Where other departments send their 部门整体支出绩效自评表 too, 县审计局's
    locked workbook may be its own one, which its unlocked copy of the project does not bring: it is still
    asked for (it was set aside, and 县审计局 passed with no 部门整体 form read). Once its 部门整体 form is read
    too, the locked file is set aside as before."""
    inbox, listed = _locked_and_copy(tmp_path)
    write_forms([form(10, "县水务局"), _whole_form("县水务局")], inbox / "县水务局" / "水务局.xlsx")
    audit = _unit(review_json(inbox, tmp_path / "out", "--expected", str(listed)), "县审计局")
    assert any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]
    assert audit["unread_answered"] == [], audit

    write_forms([form(12, "县审计局", indicators=_fixed(12), filled_on="2023.3.20"), _whole_form("县审计局")],
                inbox / "县审计局" / "县审计局绩效自评表（无密码）.xlsx")
    audit = _unit(review_json(inbox, tmp_path / "out2", "--expected", str(listed)), "县审计局")
    assert not any("密码" in it["message"] for it in audit["to_fix"]), audit["to_fix"]
    assert [x["file"] for x in audit["unread_answered"]] == ["县审计局/县审计局绩效自评表.xlsx"], audit


def _ledger_text(out: Path, sheet: str = "复核台账") -> list[list[str]]:
    ws = openpyxl.load_workbook(out / "复核台账.xlsx")[sheet]
    return [[str(c) if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]


def test_the_ledger_counts_a_department_that_sent_no_form_apart_from_the_unreadable(tmp_path: Path) -> None:
    """县司法局 sent its 部门预算公开表 alone: its notice says that what it sent “中没有自评表”, but the 复核台账's
    head line counted it “无法读取 1” and its row said “无法读取” (and the console alike): the reviewer, told a
    file would not open, tried it, and it opened. The 台账, the console and ``--json`` (``no_form``) count it
    as “不是自评表”, apart from the files that could not be read."""
    from review_fixture import run_cli

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _budget_table(inbox / "县司法局" / "县司法局2022年部门预算公开表.xlsx")
    (inbox / "县审计局").mkdir(parents=True)
    locked = write_forms([form(12, "县审计局")], tmp_path / "made" / "审计局.xlsx")
    (inbox / "县审计局" / "县审计局绩效自评表.xlsx").write_bytes(_locked(locked))
    write_forms([form(10, "县水务局")], inbox / "县水务局" / "水务局.xlsx")
    rv = review_json(inbox, out)
    rows = _ledger_text(out)
    assert "：通过 0，退回修改 1，未报送 0，无法读取 1，不是自评表 1；" in rows[1][0], rows[1][0]
    assert "；1 个文件无法读取；1 个文件不是自评表；" in rows[1][0], rows[1][0]
    status = {r[1]: r[2] for r in rows[3:] if r[1]}
    assert status["县司法局"] == "不是自评表" and status["县审计局"] == "无法读取", status
    assert _ledger_text(out, "无法读取")[0][0] == "2022年度复核台账：无法读取、不是自评表（2 个单位）"
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out2"))
    assert code == 1 and "通过 0，退回修改 1，未报送 0，无法读取 1，不是自评表 1；" in text, text
    # the 汇总表's 说明 counts its departments alike (those with projects due: with the list)
    listed = project_list(tmp_path / "清单.xlsx", [("司法救助经费", "县司法局"), (form(12, "县审计局").project, "县审计局"),
                                                   (form(10, "县水务局").project, "县水务局")])
    book = openpyxl.load_workbook(review_json(inbox, tmp_path / "out3", "--expected", str(listed))["summary"])
    said = "".join(str(c.value or "") for ws in book.worksheets for r in ws.iter_rows() for c in r)
    assert "无法读取1个" in said and "不是自评表1个" in said, said
    # the JSON keeps its statuses (``status``, ``totals``) and adds which of the 无法读取 sent no form
    assert _unit(rv, "县司法局")["status"] == "无法读取" and _unit(rv, "县司法局")["no_form"] is True
    assert _unit(rv, "县审计局")["no_form"] is False
    assert rv["totals"]["无法读取"] == 2 and rv["totals"]["no_form"] == 1, rv["totals"]
    assert rv["totals"]["files_unreadable"] == 2 and rv["totals"]["files_no_form"] == 1, rv["totals"]
    files = {r[1]: r for r in _ledger_text(out, "文件清单")[2:]}
    assert files["县司法局/县司法局2022年部门预算公开表.xlsx"][3] == "不是自评表", files
    assert files["县审计局/县审计局绩效自评表.xlsx"][3] == "无法读取", files
    row = next(r for r in rows[3:] if r[1] == "县司法局")
    aside = row[[h for h in rows[2]].index("未计入的文件")]
    assert aside.startswith("县司法局/县司法局2022年部门预算公开表.xlsx：没有找到") and "无法读取" not in aside, aside


def test_a_budget_table_beside_forms_bringing_every_project_due_is_no_point(tmp_path: Path) -> None:
    """县审计局 sent its form (the one project the list asks of it, nothing to put right) and, in the same mail,
    its 部门预算公开表. It was returned (“退回修改”) for the budget table alone: “……不是自评表……，请检查后重新
    报送” — asked to send again a file it never meant as a form. With every project due read from its forms the
    budget table is set aside as a locked copy is: 未计入 in the 文件清单, said to be no 自评表, and no point.
    Without ``--expected`` (nothing says which projects are due: the table may be a form whose labels were
    changed) it is still asked about."""
    inbox, listed = _locked_and_copy(tmp_path)
    (inbox / "县审计局" / "县审计局绩效自评表.xlsx").unlink()
    _budget_table(inbox / "县审计局" / "县审计局2022年部门预算公开表.xlsx")
    out = tmp_path / "out"
    rv = review_json(inbox, out, "--expected", str(listed))
    audit = _unit(rv, "县审计局")
    assert audit["status"] == "通过", audit
    assert not any("部门预算公开表" in it["file"] for it in audit["to_fix"]), audit["to_fix"]
    row = next(r for r in _ledger_text(out, "文件清单") if r[1] == "县审计局/县审计局2022年部门预算公开表.xlsx")
    assert row[3] == "未计入", row
    assert "不是自评表" in row[4] and "无法读取" not in row[4] and "同批报送" in row[4], row
    said = "".join("".join(r) for r in _ledger_text(out))
    assert "县审计局2022年部门预算公开表.xlsx（不是自评表，应报项目已由同批报送的其他文件报齐）" in said, said
    assert not (out / "县审计局" / "退回修改通知.docx").exists()
    audit = _unit(review_json(inbox, tmp_path / "out2"), "县审计局")
    assert audit["status"] == "退回修改" and any("不是自评表" in it["message"] for it in audit["to_fix"]), audit


def test_a_locked_workbook_kept_as_a_point_without_the_list_says_why(tmp_path: Path) -> None:
    """Without ``--expected`` a locked workbook beside a readable copy stays a point, and the 文件清单 said only
    “工作簿设有打开密码……”: the reviewer, who had seen the copy, could not tell why it was not set aside as it is
    with a list. Its row says that no list of projects was given to tell whether the copy brings them all."""
    inbox, _listed = _locked_and_copy(tmp_path)
    out = tmp_path / "out"
    review_json(inbox, out)
    row = next(r for r in _ledger_text(out, "文件清单") if r[1] == "县审计局/县审计局绩效自评表.xlsx")
    assert row[3] == "无法读取" and "密码" in row[4], row
    assert "未给出项目清单" in row[4], row
    out2 = tmp_path / "out2"
    review_json(inbox, out2, "--expected", str(_listed))   # with the list it is set aside: no such note
    row = next(r for r in _ledger_text(out2, "文件清单") if r[1] == "县审计局/县审计局绩效自评表.xlsx")
    assert "未给出项目清单" not in row[4], row
