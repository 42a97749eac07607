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
