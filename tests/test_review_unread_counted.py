"""A department whose only file could not be read counts it as one error however it came: a scan
(PDF), a damaged archive — as a workbook with a password already did. The scan's department showed
“错误 0” beside “错误 1” for the password's, and its notice listed one item more than the 台账 counted."""

from __future__ import annotations

import json

import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, project_list, run_cli, sample

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_unreadable_file_is_an_error(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_forms([form(1, "县民政局")], inbox / "民政局.xlsx")
    (inbox / "县统计局自评表（盖章）.pdf").write_bytes(PDF)
    (inbox / "县水务局材料.zip").write_bytes(b"PK\x03\x04 damaged")
    (inbox / "县教育局自评表.xlsx").write_bytes(b"PK\x03\x04 damaged")
    listed = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "实施单位"])
    for n, dept in ((1, "县民政局"), (2, "县统计局"), (3, "县水务局"), (4, "县教育局")):
        wb.active.append([sample(n)["project"], dept])
    wb.save(listed)
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    for dept in ("县统计局", "县水务局", "县教育局"):
        d = got[dept]
        assert d["status"] == "无法读取" and d["errors"] == 1, (dept, d["errors"])
        listed_items = [it for it in d["to_fix"] if it["severity"] == "error" and it["kind"] != "missing"]
        assert len(listed_items) == d["errors"]


def test_a_form_received_but_unreadable_is_not_missing_and_keeps_its_year(tmp_path):
    """县卫生健康局's one form has “约一百万” for its 全年预算数 (D7): it cannot be read. Before, its notice said
    D7 must be a number and, two items on, “未报送项目“医疗保障服务经费”的绩效自评表，请补报” — the form it had just
    been told to correct; and with no form read anywhere the notice lost its year (“关于项目支出绩效自评表…”)
    though A2 says 2022. Now only the project it did not send is missing, and the year is A2's."""
    import docx

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book = inbox / "县卫生健康局.xlsx"
    write_forms([form(2, "县卫生健康局")], book)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["D7"] = "约一百万"
    wb.save(book)
    listed = project_list(tmp_path / "清单.xlsx", [(sample(2)["project"], "县卫生健康局"), ("家庭医生签约服务", "县卫生健康局")])
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    data = json.loads(text)
    d = data["departments"][0]
    assert data["year"] == 2022
    assert d["status"] == "无法读取" and d["missing"] == ["家庭医生签约服务"]
    assert d["unreadable_sheets"] == [{"file": "县卫生健康局.xlsx", "sheet": sample(2)["project"]}]
    notice = [p.text for p in docx.Document(d["notice"]).paragraphs if p.text.strip()]
    assert notice[0].startswith("关于2022年度项目支出绩效自评表"), notice[0]
    body = "\n".join(notice)
    assert "D7 单元格：年度资金总额的全年预算数应为数字，现为“约一百万”" in body
    assert f"未报送项目“{sample(2)['project']}”" not in body and "未报送项目“家庭医生签约服务”的项目支出绩效自评表，请补报" in body
