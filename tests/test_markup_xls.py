"""Tables that budget and OA systems export as “.xls” but that are a web page (HTML) or Excel 2003
XML inside — Excel opens them after a warning, calamine reads neither.

Before: “无法作为工作簿打开（文件格式错误或已损坏）” — for a file that is not damaged at all; the
bureau's project list exported from its 预算管理一体化系统 stopped the review, and a department's
form exported from a system was 无法读取. Now ``check`` says what the file is and what to do, and
``review`` reads both the forms and the list through LibreOffice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.excel.workbook import write_forms
from jixiao.reading.workbook import markup_kind
from review_fixture import form, run_cli, sample

HTML_LIST = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>
<table border="1"><tr><td>序号</td><td>项目名称</td><td>实施单位</td><td>联系邮箱</td></tr>
{rows}</table></body></html>"""

XML_LIST = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="项目清单"><Table>
<Row><Cell><Data ss:Type="String">项目名称</Data></Cell><Cell><Data ss:Type="String">实施单位</Data></Cell></Row>
{rows}</Table></Worksheet></Workbook>"""


def test_check_says_what_such_a_file_is_where_it_cannot_be_converted(tmp_path, capsys, monkeypatch):
    from jixiao.errors import JixiaoError
    from jixiao.excel import office

    def no_office(*_a, **_k):
        raise JixiaoError("没有 LibreOffice")

    monkeypatch.setattr(office, "convert", no_office)
    html = tmp_path / "导出.xls"
    html.write_bytes(HTML_LIST.format(rows="").encode("gb2312"))
    xml = tmp_path / "导出2.xls"
    xml.write_text(XML_LIST.format(rows=""), encoding="utf-8")
    assert markup_kind(html) == "网页（HTML）" and markup_kind(xml) == "Excel 2003 XML"
    code, text = run_cli("check", str(html), str(xml))
    assert code == 2
    assert "导出.xls：是网页（HTML）格式的表格，只是扩展名为 .xls（多为业务系统导出），无法直接读取：" \
           "请在 Excel 或 WPS 中打开后另存为 .xlsx" in text
    assert "导出2.xls：是 Excel 2003 XML 格式的表格" in text
    real = write_forms([form(1, "县民政局")], tmp_path / "真.xlsx")
    assert markup_kind(real) is None


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["html", "xml"])
def test_review_reads_a_list_exported_as_xls(tmp_path, kind):
    from conftest import need_libreoffice

    need_libreoffice()
    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局")], inbox / "县民政局" / "民政局.xlsx")
    due = [(1, "县民政局"), (2, "县民政局"), (3, "县教育局")]
    listed = tmp_path / "项目清单.xls"
    if kind == "html":
        rows = "".join(f"<tr><td>{k}</td><td>{sample(n)['project']}</td><td>{d}</td><td>jy@example.cn</td></tr>"
                       for k, (n, d) in enumerate(due, 1))
        listed.write_bytes(HTML_LIST.format(rows=rows).encode("gb18030"))
    else:
        rows = "".join(f'<Row><Cell><Data ss:Type="String">{sample(n)["project"]}</Data></Cell>'
                       f'<Cell><Data ss:Type="String">{d}</Data></Cell></Row>' for n, d in due)
        listed.write_text(XML_LIST.format(rows=rows), encoding="utf-8")
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--expected", str(listed), "--json")
    got = {d["department"]: d for d in json.loads(text)["departments"]}
    assert (got["县民政局"]["projects_due"], got["县民政局"]["projects_received"]) == (2, 1)
    assert got["县教育局"]["status"] == "未报送"
    if kind == "html":
        assert got["县教育局"]["reply_to"] == ["jy@example.cn"]


@pytest.mark.libreoffice
def test_review_reads_a_form_a_system_exported_as_a_web_page(tmp_path):
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    made = write_forms([form(1, "县民政局")], tmp_path / "民政局.xlsx")
    page = convert(made, "html", tmp_path / "html")
    inbox = tmp_path / "inbox"
    (inbox / "县民政局").mkdir(parents=True)
    (inbox / "县民政局" / "民政局导出.xls").write_bytes(page.read_bytes())
    code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--json")
    data = json.loads(text)
    d = next(x for x in data["departments"] if x["department"] == "县民政局")
    assert d["file_names"] == ["县民政局/民政局导出.xls"] and d["forms"] == 1
    assert data["unreadable"] == []
    assert [Path(p).name for p in d["annotated"]] == ["民政局导出-校验标注.xlsx"]


@pytest.mark.libreoffice
def test_import_reads_a_form_a_system_exported_as_a_web_page(tmp_path):
    """``import`` is for forms in other layouts; a system's export is one. Before: “是网页（HTML）格式
    的表格…无法直接读取”, nothing imported."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    made = write_forms([form(1, "县民政局")], tmp_path / "民政局.xlsx")
    page = tmp_path / "系统导出.xls"
    page.write_bytes(convert(made, "html", tmp_path / "html").read_bytes())
    code, text = run_cli("import", str(page), "-o", str(tmp_path / "导入.xlsx"), "--json")
    data = json.loads(text)
    assert code in (0, 1) and [(f["file"], f["project"]) for f in data["forms"]] == [(str(page), sample(1)["project"])]
    assert "jixiao-import-" not in json.dumps(data, ensure_ascii=False)  # no temporary path shown
    assert (tmp_path / "导入.xlsx").exists()


@pytest.mark.libreoffice
def test_check_and_summarize_read_a_form_a_system_exported_as_a_web_page(tmp_path):
    """Before: check and summarize said what such a file is and stopped (exit 2); the review and
    import already read it. Now every batch reads it through LibreOffice, and names it as given."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    made = write_forms([form(1, "县民政局")], tmp_path / "民政局.xlsx")
    page = tmp_path / "系统导出.xls"
    page.write_bytes(convert(made, "html", tmp_path / "html").read_bytes())
    code, text = run_cli("check", str(page), "--json")
    found = json.loads(text)
    assert code in (0, 1) and not [f for f in found if f["rule"] == "X1"]
    assert {f["file"] for f in found} == {str(page)} and "jixiao-markup-" not in text
    assert {f["project"] for f in found} == {sample(1)["project"]}
    code, text = run_cli("summarize", str(page), "--json")
    d = json.loads(text)
    assert d["projects_due"] == 1 and not d["unreadable"] and d["rows"][0]["source"].startswith(str(page))
