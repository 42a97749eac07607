"""The buttons in Excel read a 偏差原因 merged over two indicator rows as both rows', as the commands do (s63).

The template's reader takes a text merged down over indicator rows for each row it covers, from the merged
ranges a file gives (``forms.sheetform.merged_over``; ``FileHost`` hands them over). The add-in's Excel
host read values only: pressing 校验 in Excel still said D6 “偏差原因……表中为空白” of the lower row beside the
text covering it, and 生成报告 refused. Now ``XlwingsHost.sheet_values`` asks Excel for each sheet's merged
ranges in the same pass, one call a sheet (``Range.Value(xlRangeValueXMLSpreadsheet)``, ``excel.xmlss``), and
every button gets them through ``actions.read_host``.

No Excel here: the stand-in of ``test_addin_pages_again_s60`` answers the COM calls from an openpyxl workbook,
the XML as Excel writes it (``xml_spreadsheet``), and counts them (README, 在哪里运行过).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from jixiao import actions
from jixiao.actions import FileHost
from jixiao.excel.xmlss import merged_ranges
from jixiao.reading.workbook import open_workbook
from test_addin_pages_again_s60 import _excel, xml_spreadsheet
from test_clerk_journey_s63 import _merged_reason_book


@pytest.fixture(scope="module")
def calculated(tmp_path_factory):
    """The clerk's form with one 偏差原因 merged over I14:I15, its formulas calculated (LibreOffice), as Excel
    holds it open."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    tmp = tmp_path_factory.mktemp("merged-reason")
    return Path(convert(_merged_reason_book(tmp), "xlsx", tmp / "lo"))


def _open(book: Path):
    """The workbook open in Excel (the stand-in: values as calculated), its edits recorded instead of written,
    saved as the file."""
    wb = openpyxl.load_workbook(book)
    host = _excel(wb, openpyxl.load_workbook(book, data_only=True))
    host.path = str(book)
    host.plans = []
    host.apply = host.plans.append
    host.flush = lambda: None           # 定稿 saves the open workbook first: it is the file already
    return host, wb


def in_excel_and_on_file(book: Path, tmp_path: Path) -> tuple[list, list]:
    """The findings of 校验 in Excel (the stand-in, ``book`` first calculated by LibreOffice) and of 校验 on the
    file LibreOffice saved: what a merged text reads as through the add-in's host and through ``FileHost``."""
    from conftest import need_libreoffice
    from jixiao.excel.office import convert

    need_libreoffice()
    saved = Path(convert(book, "xlsx", tmp_path / "lo"))
    host, _wb = _open(saved)
    in_excel, _plan = actions.check(host)
    on_file, _ = actions.check(FileHost(str(saved), str(tmp_path / "校验后.xlsx")))
    return in_excel.findings, on_file.findings


def test_the_merged_ranges_excel_gives_are_those_calamine_reads_from_the_file(tmp_path, sample_forms):
    """Every sheet's merged ranges out of the XML as the commands read them out of the file: the forms'
    (a title across, 绩效指标 down, the merged 偏差原因) and the other sheets'."""
    book = _merged_reason_book(tmp_path)
    wb = openpyxl.load_workbook(book)
    files = open_workbook(str(book))
    for ws in wb.worksheets:
        xml = xml_spreadsheet(ws, 1, 1, ws.max_row, ws.max_column)
        calamine = files.get_sheet_by_name(ws.title).merged_cell_ranges or []
        assert sorted(merged_ranges(xml)) == sorted(calamine), ws.title
    assert ((13, 8), (14, 8)) in merged_ranges(xml_spreadsheet(wb["高标准农田"], 1, 1, 60, 12))   # I14:I15


def test_a_merge_written_as_excel_writes_it():
    """Excel's own way (a file it saved): a cell after a range merged across follows it without ss:Index; in the
    row below a range merged down the next cell carries ss:Index; a row wholly covered is an empty Row."""
    xml = ('<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表"><Table>'
           '<Row><Cell ss:MergeDown="1"><Data ss:Type="String">一级</Data></Cell>'
           '<Cell ss:MergeAcross="2"><Data ss:Type="String">指标</Data></Cell><Cell/></Row>'
           '<Row><Cell ss:Index="2"><Data ss:Type="String">a</Data></Cell><Cell/></Row>'
           '<Row ss:Index="5" ss:Span="1"/>'
           '<Row><Cell ss:MergeAcross="4" ss:MergeDown="1"/></Row><Row ss:Height="40"/>'
           '<Row><Cell ss:Index="3" ss:MergeDown="2"><ss:Data ss:Type="String" '
           'xmlns="http://www.w3.org/TR/REC-html40"><Font>原因</Font></ss:Data></Cell></Row>'
           '</Table></Worksheet></Workbook>')
    assert merged_ranges(xml) == [((0, 0), (1, 0)), ((0, 1), (0, 3)), ((6, 0), (7, 4)), ((8, 2), (10, 2))]


@pytest.mark.libreoffice
def test_check_in_excel_takes_the_merged_reason_for_both_rows(tmp_path, calculated):
    """校验 in Excel: no D6 on I15 (it said “……表中为空白” beside the reason covering it), the same findings as
    ``jixiao check`` on the file; the button says 错误 0 个."""
    import addin.buttons as buttons

    book = calculated
    host, _wb = _open(book)
    result, _plan = actions.check(host)
    on_file, _ = actions.check(FileHost(str(book), str(tmp_path / "校验后.xlsx")))
    assert [(f.rule, f.cell) for f in result.findings if f.rule == "D6"] == []
    assert sorted((f.rule, f.sheet, f.cell) for f in result.findings) == sorted(
        (f.rule, f.sheet, f.cell) for f in on_file.findings)
    host.alert = lambda *a, **k: None
    assert "错误 0 个" in buttons.check(host)


@pytest.mark.libreoffice
@pytest.mark.parametrize("button", ["calc", "check", "summarize", "report", "finalize"])
def test_every_button_reads_the_merges_once_through_read_host(tmp_path, calculated, button, monkeypatch):
    """计算, 校验, 汇总, 生成报告, 定稿: each reads the forms once through ``read_host`` with the merged ranges of
    the same pass (one XML a sheet with a merged cell), and the lower row's 偏差原因 is the one written over both. 生成报告 and
    定稿 go through (they refused, or asked to go on with an error, over D6)."""
    host, wb = _open(calculated)
    read = []
    real = actions.read_host
    monkeypatch.setattr(actions, "read_host", lambda h, values=None: read.append(real(h, values)) or read[-1])
    out = tmp_path / "out"
    run = {"calc": lambda: actions.calc(host),
           "check": lambda: actions.check(host),
           "summarize": lambda: actions.summarize_in_book(host),
           "report": lambda: actions.reports(host, out, pdf=False),
           "finalize": lambda: actions.finalize(host, out, confirm=lambda n: pytest.fail(f"asked over {n} errors"))}
    monkeypatch.setattr(host, "export_pdf", False, raising=False)   # 定稿's PDF: not here
    run[button]()
    [batch] = read
    [form] = [it for it in batch.of("project") if it.sheet == "高标准农田"]
    ind = form.form.indicators
    assert ind[1].reason == ind[0].reason and ind[0].reason.startswith("部分地块")
    # once a sheet, read with its values: whether it has a merged cell, and the XML of those that have
    assert wb.com_calls["MergeCells"] == wb.com_calls["value"] == len(wb.worksheets) == 2
    assert wb.com_calls["GetValue"] == len([ws for ws in wb.worksheets if ws.merged_cells.ranges]) == 1


def test_where_excel_does_not_give_the_xml_the_values_are_read_as_before(tmp_path, monkeypatch):
    """A COM error on the XML (or XML Excel did not write): that sheet's merges are None, read as values only, as
    a file whose format keeps none; a sheet without a merged cell is never asked for its XML."""
    import test_addin_pages_again_s60 as stand_in

    book = _merged_reason_book(tmp_path)
    host, wb = _open(book)

    def refused(self, kind):
        stand_in._count(self.ws, "GetValue")
        raise RuntimeError("(-2147352567, '发生意外。')")

    monkeypatch.setattr(stand_in._CellApi, "GetValue", refused)
    values = host.sheet_values()
    assert set(values) == {"高标准农田", "设置"} and values["高标准农田"][13][8].startswith("部分地块")
    assert host.sheet_merges() == {"高标准农田": None, "设置": []}
    assert wb.com_calls["GetValue"] == 1
    [form] = actions.read_host(host).of("project")
    assert form.form.indicators[1].reason is None    # the lower row as before: blank
