"""What the 退回修改通知, its 清单 and the 复核台账 show (session 39, h7): a number typed as text,
a 部门整体 form's findings, the 台账's row heights."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl

from jixiao.excel.workbook import write_forms
from review_fixture import form, run_cli


def _list_rows(notice_dir: Path) -> list[dict]:
    [book] = notice_dir.glob("*清单.xlsx")
    ws = openpyxl.load_workbook(book).active
    head = [c.value for c in ws[2]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]


def test_a_number_typed_as_text_is_asked_to_be_typed_as_a_number(tmp_path):
    """C7–F7 typed as text (“88”): the notice's items ended “…请在单元格中只填数字 88（请核实，如无误可
    说明理由）” — no reason can justify a number stored as text — and the 清单 left 表中为 and 应为 empty.
    The item now ends with what to do; the 清单 says “88（文字）” and 88, as the notice does."""
    inbox = tmp_path / "inbox"
    book = write_forms([form(2, "县民政局")], inbox / "民政局.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    typed = {}
    for cell in ("C7", "D7", "E7", "F7"):
        assert isinstance(ws[cell].value, (int, float)), cell
        ws[cell].value = typed[cell] = f"{ws[cell].value:g}"
    wb.save(book)
    out = tmp_path / "out"
    _code, text = run_cli("review", str(inbox), "-o", str(out), "--year", "2022", "--json")
    [dept] = json.loads(text)["departments"]
    paras = [p.text for p in docx.Document(dept["notice"]).paragraphs]
    rows = {r["单元格"]: r for r in _list_rows(Path(dept["notice"]).parent)}
    for cell, written in typed.items():
        [item] = [p for p in paras if f"．{cell} 单元格：" in p]
        assert "如无误" not in item and "请核实" not in item, item
        assert item.endswith(f"请将单元格格式设为“常规”或“数值”后只填数字 {written}。"), item
        assert f"“{written}”是文字" in item
        assert (rows[cell]["表中为"], rows[cell]["应为"]) == (f"{written}（文字）", written), rows[cell]
    # a point to verify keeps its suffix
    assert any(p.endswith("。请核实，如无误可说明理由。") for p in paras)


def test_the_list_names_a_department_form_as_the_marked_copy_does(tmp_path):
    """The 清单's 项目 column said “县民政局” for each item on the 部门整体支出绩效自评表 — the department,
    to which the whole 清单 goes — where the marked copy's 校验结果 sheet says “部门整体支出绩效自评表”.
    Both now name each form alike (``Batch.form_names``); the JSON's to_fix items carry it as ``form``."""
    from dept_helpers import zizhou_json
    from jixiao.forms.department.model import parse_dept_form

    whole = zizhou_json()
    whole.update(department="县民政局", year=2022)
    project = form(2, "县民政局")
    inbox = tmp_path / "inbox"
    write_forms([project, parse_dept_form(whole)], inbox / "民政局.xlsx")
    _code, text = run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2022", "--json")
    [dept] = json.loads(text)["departments"]
    folder = Path(dept["notice"]).parent
    [marked] = folder.glob("*校验标注.xlsx")
    ws = openpyxl.load_workbook(marked)["校验结果"]
    head = [c.value for c in ws[2]]
    results = {(r["工作表"], r["单元格"]): r["项目"] for r in (dict(zip(head, v)) for v in ws.iter_rows(min_row=3, values_only=True))
               if r["单元格"]}
    listed = {(r["工作表"], r["单元格"]): r["项目"] for r in _list_rows(folder)}
    on_whole = {k for k in listed if k[0].startswith("部门整体")}
    assert on_whole and {listed[k] for k in on_whole} == {"部门整体支出绩效自评表"}
    assert {k: listed[k] for k in listed} == {k: results[k] for k in listed}
    assert {it.get("form") for it in dept["to_fix"]} == {"部门整体支出绩效自评表", project.project}


def test_the_ledger_rows_are_as_tall_as_their_wrapped_text(tmp_path):
    """The 复核台账's 问题统计 gave rules whose title fits one line (A9 “执行率得分按取整后的执行率计算”,
    15 characters in a 34-wide column) a row of two, and its 文件清单 sized rows by 文件 and 说明 only,
    with a narrower line than Excel's (“县农业农村局/农业农村局-上年度.xlsx” two lines in a 40-wide column),
    the 单位 not at all, and the rows of files not read (a PDF in a mail) not at all. Each row is now as
    tall as its wrapped text in its own column's width (``excel.fit.row_height``)."""
    import email.message

    from jixiao.excel.fit import row_height, wrapped_lines

    inbox = tmp_path / "inbox"
    write_forms([form(1, "县民政局"), form(2, "县民政局")], inbox / "县农业农村局/农业农村局-上年度.xlsx")
    write_forms([form(3, "县教育局"), form(4, "县教育局")], inbox / "县教育局/教育局-绩效自评表.xlsx")
    msg = email.message.EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.cn", "b@example.cn", "县教育局报送"
    msg.set_content("请查收。")
    msg.add_attachment(b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="说明.pdf")
    (inbox / "邮件.eml").write_bytes(bytes(msg))
    run_cli("review", str(inbox), "-o", str(tmp_path / "out"), "--year", "2022")
    wb = openpyxl.load_workbook(tmp_path / "out" / "复核台账.xlsx")

    def width(ws, col: str) -> float:
        return int(ws.column_dimensions[col].width)  # as set (the file holds it with Excel's padding: 34.71)

    def same(got, want) -> bool:  # a height is stored in whole pixels (0.75 pt)
        return got is not None and abs(got - want) < 0.75

    ws = wb["问题统计"]
    titles = [(r, ws.cell(r, 2).value) for r in range(3, ws.max_row + 1) if ws.cell(r, 2).value]
    one_line = [(r, t) for r, t in titles if wrapped_lines(t, width(ws, "B")) == 1]
    assert one_line and len(one_line) < len(titles)
    for r, t in titles:
        got = ws.row_dimensions[r].height
        if (r, t) in one_line:
            assert got is None or got <= row_height([(t, width(ws, "B"))]), (r, t, got)
        else:
            assert same(got, row_height([(t, width(ws, "B"))])), (r, t, got)
    ws = wb["文件清单"]
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 2).value]
    assert any(ws.cell(r, 4).value == "未读取" for r in rows)
    for r in rows:
        cells = [(ws.cell(r, c).value, width(ws, col)) for c, col in ((2, "B"), (3, "C"), (5, "E"))]
        assert same(ws.row_dimensions[r].height, row_height(cells)), (ws.cell(r, 2).value, ws.row_dimensions[r].height)
