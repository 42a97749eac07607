"""The end of the review's console: return drafts without a recipient, and what to do about it. With a
project list that has a “联系邮箱” column it asks for the address there — it said “在项目清单中加一列
‘联系邮箱’” to a reviewer whose list has one, the addresses of some departments simply not filled in."""

from __future__ import annotations

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli, sample


def _run(tmp_path, capsys, heads, rows):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    write_forms([form(2, "县教育局")], inbox / "教育局.xlsx")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(heads)
    for r in rows:
        wb.active.append(r)
    wb.save(listed)
    capsys.readouterr()
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed))
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_a_list_with_an_address_column(tmp_path, capsys):
    said = _run(tmp_path, capsys, ["项目名称", "实施单位", "联系邮箱"],
                [[sample(1)["project"], "县民政局", "mz@example.cn"], [sample(2)["project"], "县教育局", None]])
    assert "1 封没有收件人（县教育局不是用邮件报送的，项目清单中也没有其邮箱）" in said
    assert "或在项目清单的“联系邮箱”列中填写" in said and "加一列" not in said


def test_a_list_without_one(tmp_path, capsys):
    said = _run(tmp_path, capsys, ["项目名称", "实施单位"],
                [[sample(1)["project"], "县民政局"], [sample(2)["project"], "县教育局"]])
    assert "都没有收件人" in said and "或在项目清单中加一列“联系邮箱”" in said
