"""The return and 催报 drafts of departments that did not send by mail get the address the bureau
keeps in its project list (a “联系邮箱” column).

Before: a department whose workbook was saved into the inbox (copied from a USB stick, downloaded
from the OA system), and every department that sent nothing, got a draft with no recipient —
with ~50 departments, the reviewer typed addresses into most drafts by hand, though the list
the bureau already keeps for its reminders has them."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import openpyxl
import pytest

from review_fixture import run_cli, sample, saved_and_mailed


def _list(path: Path, rows: list[tuple[int, str, str | None]], head: str = "联系邮箱") -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位", head])
    for n, dept, mail in rows:
        wb.active.append([sample(n)["project"], dept, mail])
    wb.save(path)
    return path


def _to(path: str) -> list[str]:
    msg = email.message_from_bytes(Path(path).read_bytes(), policy=policy.default)
    return [a.addr_spec for a in msg["To"].addresses] if msg["To"] else []


@pytest.fixture
def inbox(tmp_path):
    return saved_and_mailed(tmp_path)


def test_drafts_take_the_lists_address_where_no_mail_came(inbox, tmp_path, capsys):
    listed = _list(tmp_path / "清单.xlsx", [
        (1, "县民政局", "mz@example.cn；minzheng@example.gov.cn"),
        (2, "县民政局", "mz@example.cn"),           # a second project of it: the address once
        (10, "县水务局", "sw-list@example.cn"),      # it mailed: the draft answers who sent
        (3, "县教育局", " jy@example.cn "),         # sent nothing: its 催报 goes to the list's address
        (5, "县卫生健康局", None)])                  # no address: left for the reviewer
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    assert code == 1
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert (got["县民政局"]["reply_to"], got["县民政局"]["reply_from"]) == (
        ["mz@example.cn", "minzheng@example.gov.cn"], "项目清单")
    assert (got["县水务局"]["reply_to"], got["县水务局"]["reply_from"]) == (["shuiwu@example.cn"], "邮件")
    assert (got["县教育局"]["status"], got["县教育局"]["reply_to"]) == ("未报送", ["jy@example.cn"])
    assert Path(got["县教育局"]["mail"]).name == "催报邮件.eml"
    assert _to(got["县民政局"]["mail"]) == ["mz@example.cn", "minzheng@example.gov.cn"]
    assert _to(got["县教育局"]["mail"]) == ["jy@example.cn"]
    assert (got["县卫生健康局"]["reply_to"], got["县卫生健康局"]["reply_from"]) == ([], None)
    err = capsys.readouterr().err
    assert "1 封没有收件人（县卫生健康局不是用邮件报送的，项目清单中也没有其邮箱），发送前请填写，或在项目清单的“联系邮箱”列中填写" in err
    ws = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx").worksheets[0]
    tips = {c.hyperlink.tooltip for row in ws.iter_rows() for c in row if c.hyperlink and c.hyperlink.tooltip}
    assert "收件人取自项目清单：mz@example.cn、minzheng@example.gov.cn" in tips


def test_a_list_cell_that_holds_no_address_is_named(inbox, tmp_path, capsys):
    listed = _list(tmp_path / "清单.xlsx", [(1, "县民政局", "mz@example.cn"), (3, "县教育局", "教育局办公室")],
                   head="电子邮箱")
    code, _ = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed))
    err = capsys.readouterr().err
    assert code == 2 and "C3 单元格：“教育局办公室”不是邮箱地址" in err
    assert not (tmp_path / "out").exists()


def test_without_an_address_column_the_reviewer_is_told_where_addresses_can_come_from(inbox, tmp_path, capsys):
    listed = _list(tmp_path / "清单.xlsx", [(1, "县民政局", "138xxxx")], head="联系电话")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert got["县民政局"]["reply_to"] == [] and got["县民政局"]["reply_from"] is None
    assert "或在项目清单中加一列“联系邮箱”" in capsys.readouterr().err
